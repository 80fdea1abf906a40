"""The checks and requests of the write calls: create, modify, delete, tag, untag.

Everything here is pure: it checks the caller's input against the API's rules
(the ranges and tag rules of `_models`, the id shapes of `_query`) and builds
the exact boto3 request; `TrafficMirrorSessionRepository` sends it. Input that
breaks a rule raises `QueryError` naming the method, the argument, the value
and the rule, so no request that AWS must refuse is ever sent.

``modify`` tells "leave as is" (``None``, the default) from "remove"
(`REMOVE`) by type: only ``packet_length``, ``virtual_network_id`` and
``description`` accept `REMOVE`, the fields AWS's ``RemoveFields`` can remove,
so a type checker rejects removing any other field.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, Literal, get_args

from ec2_traffic_mirror._errors import QueryError
from ec2_traffic_mirror._models import (
    MAX_TAGS_PER_RESOURCE,
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    RESERVED_TAG_KEY_PREFIX,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    TAG_KEY_MAX_LENGTH,
    TAG_KEY_MIN_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
    Tag,
    is_reserved_tag_key,
)
from ec2_traffic_mirror._query import AWS_ID_SUFFIX, SESSION_ID_PATTERN, describe_value

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import (
        ClientCreateTagsRequestTypeDef,
        ClientDeleteTagsRequestTypeDef,
        CreateTrafficMirrorSessionRequestTypeDef,
        DeleteTrafficMirrorSessionRequestTypeDef,
        ModifyTrafficMirrorSessionRequestTypeDef,
        TagTypeDef,
    )

__all__ = [
    "CLIENT_TOKEN_MAX_LENGTH",
    "REMOVABLE_FIELDS",
    "REMOVE",
    "SESSION_RESOURCE_TYPE",
    "RemovableField",
    "Remove",
    "TagsInput",
    "create_request",
    "create_tags_request",
    "delete_request",
    "delete_tags_request",
    "flag",
    "modify_request",
]


class Remove(enum.Enum):
    """The type of `REMOVE`, the "remove this field" value of `modify`.

    One member only, so ``Literal[Remove.REMOVE]`` in a signature admits
    `REMOVE` and nothing else.
    """

    REMOVE = "REMOVE"

    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Final = Remove.REMOVE
"""Pass to `TrafficMirrorSessionRepository.modify` to remove a field (AWS ``RemoveFields``).

Only ``packet_length`` (then whole packets are mirrored), ``virtual_network_id``
and ``description`` can be removed; ``None`` (the default) leaves a field as is.
"""

RemovableField = Literal["packet-length", "virtual-network-id", "description"]
"""The values of ``ModifyTrafficMirrorSession``'s ``RemoveFields`` (AWS's closed set)."""

REMOVABLE_FIELDS: Final[tuple[RemovableField, ...]] = get_args(RemovableField)
"""Every ``RemoveFields`` value, in the order a request lists them."""

TagsInput = Iterable[Tag] | Mapping[str, str]
"""Tags to write: `Tag` objects, or a mapping of key to value."""

SESSION_RESOURCE_TYPE: Final = "traffic-mirror-session"
"""The ``ResourceType`` of a Traffic Mirror session in ``TagSpecifications``."""

CLIENT_TOKEN_MAX_LENGTH: Final = 64
"""Longest EC2 idempotency ``ClientToken``, in ASCII characters."""

# AWS resource ids: the type's prefix, then 8 (old style) or 17 lowercase hex digits.
_NETWORK_INTERFACE_ID: Final = re.compile(rf"eni-{AWS_ID_SUFFIX}")
_TARGET_ID: Final = re.compile(rf"tmt-{AWS_ID_SUFFIX}")
_FILTER_ID: Final = re.compile(rf"tmf-{AWS_ID_SUFFIX}")


def _refuse(method: str, argument: str, value: object, rule: str) -> QueryError:
    return QueryError(f"{method}() argument {argument} {rule}, got {describe_value(value)}")


def _session_id(method: str, value: object) -> str:
    return _aws_id(method, "session_id", value, SESSION_ID_PATTERN, "tms-")


def _aws_id(
    method: str, argument: str, value: object, pattern: re.Pattern[str], prefix: str
) -> str:
    if not isinstance(value, str):
        raise _refuse(method, argument, value, "must be an id string")
    if not value:
        raise _refuse(method, argument, value, "must not be empty")
    if pattern.fullmatch(value) is None:
        raise _refuse(
            method,
            argument,
            value,
            f"must be an id of the form '{prefix}' and 8 or 17 lowercase hex digits"
            + _moto_id_hint(value),
        )
    return value


def _moto_id_hint(value: str) -> str:
    # Plain moto mints ids AWS never uses for targets and filters; say where AWS-format ones are.
    if not value.startswith("traf-mir-"):
        return ""
    return (
        " ('traf-mir-...' ids come from plain moto; under"
        " ec2_traffic_mirror.testing.mock_traffic_mirror() they are in AWS's format)"
    )


def _integer(method: str, argument: str, value: object, low: int, high: int) -> int:
    # bool is a subclass of int, and True is not a session number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(method, argument, value, f"must be an integer from {low} to {high}")
    if not low <= value <= high:
        raise _refuse(method, argument, value, f"must be from {low} to {high}")
    return value


def _description(method: str, value: object, *, removable: bool) -> str:
    if not isinstance(value, str):
        allowed = "a string, REMOVE or None" if removable else "a string or None"
        raise _refuse(method, "description", value, f"must be {allowed}")
    if not value:
        hint = "pass REMOVE to remove it" if removable else "leave it out for none"
        raise _refuse(method, "description", value, f"must not be empty ({hint})")
    return value


def _client_token(method: str, value: object) -> str:
    if not isinstance(value, str):
        raise _refuse(method, "client_token", value, "must be a string or None")
    if not value or len(value) > CLIENT_TOKEN_MAX_LENGTH or not value.isascii():
        raise _refuse(
            method,
            "client_token",
            value,
            f"must be 1 to {CLIENT_TOKEN_MAX_LENGTH} ASCII characters",
        )
    return value


def _tag_key(method: str, argument: str, key: object) -> str:
    if not isinstance(key, str):
        raise _refuse(method, argument, key, "must have string keys")
    if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
        raise _refuse(
            method,
            argument,
            key,
            f"must have keys of {TAG_KEY_MIN_LENGTH} to {TAG_KEY_MAX_LENGTH} characters",
        )
    if is_reserved_tag_key(key):
        raise _refuse(
            method,
            argument,
            key,
            f"must not have keys beginning with {RESERVED_TAG_KEY_PREFIX!r} in any letter"
            " case (reserved to AWS)",
        )
    return key


def _tag_value(method: str, argument: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise _refuse(method, argument, value, f"must have a string value for key {key!r}")
    if len(value) > TAG_VALUE_MAX_LENGTH:
        raise _refuse(
            method,
            argument,
            value,
            f"must have values of at most {TAG_VALUE_MAX_LENGTH} characters (key {key!r})",
        )
    return value


def _not_a_bare_string(method: str, argument: str, value: object, what: str) -> None:
    if isinstance(value, (str, bytes)):
        raise _refuse(
            method, argument, value, f"must be a collection of {what}, not a single string"
        )


def _unique(method: str, argument: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise QueryError(
                f"{method}() argument {argument} must have unique keys, got {key!r} more than once"
            )
        seen.add(key)


def _count(method: str, argument: str, keys: list[str], *, at_least: int) -> None:
    if len(keys) < at_least:
        raise QueryError(
            f"{method}() argument {argument} must hold at least {at_least} tag, got none"
        )
    if len(keys) > MAX_TAGS_PER_RESOURCE:
        raise QueryError(
            f"{method}() argument {argument} must hold at most {MAX_TAGS_PER_RESOURCE} tags"
            f" (AWS's limit per resource), got {len(keys)}"
        )


def _tags(method: str, tags: object, *, at_least: int) -> list[TagTypeDef]:
    """``tags`` checked (keys, values, ``aws:``, repeats, count) as the boto3 list of tags."""
    argument = "tags"
    pairs: list[tuple[object, object]] = []
    if isinstance(tags, Mapping):
        items: Mapping[object, object] = tags  # pyright: ignore[reportUnknownVariableType]
        pairs.extend(items.items())
    elif isinstance(tags, Tag):
        raise _refuse(method, argument, tags, "must be a collection of Tag objects (or a mapping)")
    elif isinstance(tags, (str, bytes)):
        _not_a_bare_string(method, argument, tags, "Tag objects (or a mapping)")
    elif isinstance(tags, Iterable):
        elements: Iterable[object] = tags  # pyright: ignore[reportUnknownVariableType]
        for element in elements:
            if not isinstance(element, Tag):
                raise _refuse(method, argument, element, "must hold Tag objects only")
            pairs.append((element.key, element.value))
    else:
        raise _refuse(method, argument, tags, "must be Tag objects or a mapping of key to value")
    checked: list[TagTypeDef] = []
    keys: list[str] = []
    for key, value in pairs:
        checked_key = _tag_key(method, argument, key)
        checked_value = _tag_value(method, argument, checked_key, value)
        checked.append({"Key": checked_key, "Value": checked_value})
        keys.append(checked_key)
    _unique(method, argument, keys)
    _count(method, argument, keys, at_least=at_least)
    return checked


def _keys(method: str, keys: object) -> list[TagTypeDef]:
    argument = "keys"
    _not_a_bare_string(method, argument, keys, "tag key strings")
    if not isinstance(keys, Iterable) or isinstance(keys, Tag):
        raise _refuse(method, argument, keys, "must be a collection of tag key strings")
    elements: Iterable[object] = keys  # pyright: ignore[reportUnknownVariableType]
    checked = [_tag_key(method, argument, key) for key in elements]
    _unique(method, argument, checked)
    # DeleteTags without Tags deletes every tag of the resource: never send that.
    _count(method, argument, checked, at_least=1)
    return [{"Key": key} for key in checked]


def create_request(
    method: str,
    *,
    network_interface_id: object,
    traffic_mirror_target_id: object,
    traffic_mirror_filter_id: object,
    session_number: object,
    packet_length: object,
    virtual_network_id: object,
    description: object,
    tags: object,
    client_token: object,
) -> CreateTrafficMirrorSessionRequestTypeDef:
    """The ``CreateTrafficMirrorSession`` request, every argument checked first."""
    request: CreateTrafficMirrorSessionRequestTypeDef = {
        "NetworkInterfaceId": _aws_id(
            method, "network_interface_id", network_interface_id, _NETWORK_INTERFACE_ID, "eni-"
        ),
        "TrafficMirrorTargetId": _aws_id(
            method, "traffic_mirror_target_id", traffic_mirror_target_id, _TARGET_ID, "tmt-"
        ),
        "TrafficMirrorFilterId": _aws_id(
            method, "traffic_mirror_filter_id", traffic_mirror_filter_id, _FILTER_ID, "tmf-"
        ),
        "SessionNumber": _integer(
            method, "session_number", session_number, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX
        ),
    }
    if packet_length is not None:
        request["PacketLength"] = _integer(
            method, "packet_length", packet_length, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX
        )
    if virtual_network_id is not None:
        request["VirtualNetworkId"] = _integer(
            method,
            "virtual_network_id",
            virtual_network_id,
            VIRTUAL_NETWORK_ID_MIN,
            VIRTUAL_NETWORK_ID_MAX,
        )
    if description is not None:
        request["Description"] = _description(method, description, removable=False)
    checked_tags = _tags(method, tags, at_least=0)
    if checked_tags:
        request["TagSpecifications"] = [
            {"ResourceType": SESSION_RESOURCE_TYPE, "Tags": checked_tags}
        ]
    if client_token is not None:
        request["ClientToken"] = _client_token(method, client_token)
    return request


def modify_request(
    method: str,
    session_id: object,
    *,
    traffic_mirror_target_id: object,
    traffic_mirror_filter_id: object,
    session_number: object,
    packet_length: object,
    virtual_network_id: object,
    description: object,
) -> ModifyTrafficMirrorSessionRequestTypeDef:
    """The ``ModifyTrafficMirrorSession`` request, every argument checked first.

    ``None`` leaves a field as is; `REMOVE` puts the field in ``RemoveFields``.
    A request that would change nothing is refused.
    """
    request: ModifyTrafficMirrorSessionRequestTypeDef = {
        "TrafficMirrorSessionId": _session_id(method, session_id)
    }
    for argument, value in (
        ("traffic_mirror_target_id", traffic_mirror_target_id),
        ("traffic_mirror_filter_id", traffic_mirror_filter_id),
        ("session_number", session_number),
    ):
        if value is REMOVE:
            raise _refuse(
                method,
                argument,
                value,
                "cannot be removed (only packet_length, virtual_network_id and description can)",
            )
    if traffic_mirror_target_id is not None:
        request["TrafficMirrorTargetId"] = _aws_id(
            method, "traffic_mirror_target_id", traffic_mirror_target_id, _TARGET_ID, "tmt-"
        )
    if traffic_mirror_filter_id is not None:
        request["TrafficMirrorFilterId"] = _aws_id(
            method, "traffic_mirror_filter_id", traffic_mirror_filter_id, _FILTER_ID, "tmf-"
        )
    if session_number is not None:
        request["SessionNumber"] = _integer(
            method, "session_number", session_number, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX
        )
    remove: list[RemovableField] = []
    if packet_length is REMOVE:
        remove.append("packet-length")
    elif packet_length is not None:
        request["PacketLength"] = _integer(
            method, "packet_length", packet_length, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX
        )
    if virtual_network_id is REMOVE:
        remove.append("virtual-network-id")
    elif virtual_network_id is not None:
        request["VirtualNetworkId"] = _integer(
            method,
            "virtual_network_id",
            virtual_network_id,
            VIRTUAL_NETWORK_ID_MIN,
            VIRTUAL_NETWORK_ID_MAX,
        )
    if description is REMOVE:
        remove.append("description")
    elif description is not None:
        request["Description"] = _description(method, description, removable=True)
    if remove:
        request["RemoveFields"] = remove
    if len(request) == 1:
        raise QueryError(
            f"{method}() got nothing to change for session {request['TrafficMirrorSessionId']!r}:"
            " give at least one field a new value or REMOVE"
        )
    return request


def flag(method: str, argument: str, value: object) -> bool:
    """``value`` if it is a bool (checked at run time too: callers are not always typed)."""
    if not isinstance(value, bool):
        raise _refuse(method, argument, value, "must be True or False")
    return value


def delete_request(method: str, session_id: object) -> DeleteTrafficMirrorSessionRequestTypeDef:
    """The ``DeleteTrafficMirrorSession`` request for a checked session id."""
    return {"TrafficMirrorSessionId": _session_id(method, session_id)}


def create_tags_request(
    method: str, session_id: object, tags: object
) -> ClientCreateTagsRequestTypeDef:
    """The ``CreateTags`` request: one to 50 checked tags on one session."""
    checked_id = _session_id(method, session_id)
    return {"Resources": [checked_id], "Tags": _tags(method, tags, at_least=1)}


def delete_tags_request(
    method: str, session_id: object, keys: object
) -> ClientDeleteTagsRequestTypeDef:
    """The ``DeleteTags`` request: one to 50 checked keys, each removed whatever its value."""
    checked_id = _session_id(method, session_id)
    return {"Resources": [checked_id], "Tags": _keys(method, keys)}
