"""The checks every resource's queries and writes share: ids, ranges, strings, tags.

Each check takes the caller's value as ``object`` (callers are not always
type-checked), returns it typed when it keeps the rule, and otherwise raises
`QueryError` naming the method, the argument, the value and the rule, so that
no request AWS must refuse is ever sent. Two wordings exist, one per layer:
query methods say "``owner_id() takes ...``", write methods say
"``create() argument tags must ...``".

Ids are checked for their documented prefix and lowercase hex digits: 8 (the
old form) or 17 and more (today's form, and any longer one AWS may introduce),
so a truncated id is refused while a future longer id is not.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, TypeVar, cast

from ec2_traffic_mirror._errors import QueryError
from ec2_traffic_mirror._models import (
    MAX_TAGS_PER_RESOURCE,
    RESERVED_TAG_KEY_PREFIX,
    TAG_KEY_MAX_LENGTH,
    TAG_KEY_MIN_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    Tag,
    UnknownValue,
    is_reserved_tag_key,
)

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import TagSpecificationTypeDef, TagTypeDef

__all__ = [
    "AWS_ID_SUFFIX",
    "CLIENT_TOKEN_MAX_LENGTH",
    "FILTER",
    "FILTER_RULE",
    "GATEWAY_LOAD_BALANCER_ENDPOINT",
    "NETWORK_INTERFACE",
    "SESSION",
    "TARGET",
    "IdKind",
    "Network",
    "NetworkInput",
    "boolean",
    "check_cidr",
    "check_client_token",
    "check_description",
    "check_enum",
    "check_id",
    "check_integer",
    "check_network_load_balancer_arn",
    "check_tag_keys",
    "check_tags",
    "describe_value",
    "query_cidrs",
    "query_enum",
    "query_ids",
    "query_integers",
    "query_strings",
    "refuse",
    "same_ip_version",
    "single_integer",
    "tag_specifications",
]

_E = TypeVar("_E", bound=str)

AWS_ID_SUFFIX: Final = r"(?:[0-9a-f]{8}|[0-9a-f]{17,})"
"""What follows the prefix of an AWS resource id: 8 (old form), or 17 or more, lowercase hex."""

CLIENT_TOKEN_MAX_LENGTH: Final = 64
"""Longest EC2 idempotency ``ClientToken``, in ASCII characters."""

_ID_RULE: Final = "8, or 17 or more, lowercase hex digits"


@dataclasses.dataclass(frozen=True)
class IdKind:
    """One kind of AWS id: its prefix, and what it is called in messages."""

    prefix: str
    """The id's prefix, with its dash: ``"tms-"``."""
    noun: str
    """What the id names, for messages: ``"Traffic Mirror session"``."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole id: the prefix, then 8, or 17 or more, lowercase hex digits."""
        return _pattern(self.prefix)

    @property
    def rule(self) -> str:
        """The rule in words: ``'tms-' and 8, or 17 or more, lowercase hex digits``."""
        return f"{self.prefix!r} and {_ID_RULE}"

    def matches(self, value: str) -> bool:
        """Whether ``value`` is an id of this kind."""
        return self.pattern.fullmatch(value) is not None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(prefix: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(prefix)
    if pattern is None:
        pattern = _PATTERNS[prefix] = re.compile(rf"{re.escape(prefix)}{AWS_ID_SUFFIX}")
    return pattern


SESSION: Final = IdKind("tms-", "Traffic Mirror session")
TARGET: Final = IdKind("tmt-", "Traffic Mirror target")
FILTER: Final = IdKind("tmf-", "Traffic Mirror filter")
FILTER_RULE: Final = IdKind("tmfr-", "Traffic Mirror filter rule")
NETWORK_INTERFACE: Final = IdKind("eni-", "network interface")
GATEWAY_LOAD_BALANCER_ENDPOINT: Final = IdKind("vpce-", "Gateway Load Balancer endpoint")

# arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>
_NLB_ARN: Final = re.compile(
    r"arn:aws(?:-[a-z]+)*:elasticloadbalancing:[a-z]{2}(?:-[a-z0-9]+)+:\d{12}"
    r":loadbalancer/net/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[0-9a-f]+"
)
_NLB_ARN_RULE: Final = (
    "a Network Load Balancer ARN"
    " (arn:aws...:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/net/NAME/ID)"
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
"""A parsed CIDR block."""
NetworkInput = str | ipaddress.IPv4Network | ipaddress.IPv6Network
"""A CIDR block as a caller gives it: a string, or an ``ipaddress`` network."""


def describe_value(value: object) -> str:
    """A value and its type, for error messages: ``'5' (str)``."""
    return f"{value!r} ({type(value).__name__})"


def refuse(method: str, argument: str, value: object, rule: str) -> QueryError:
    """The `QueryError` of a write method: ``method() argument ARG RULE, got VALUE``."""
    return QueryError(f"{method}() argument {argument} {rule}, got {describe_value(value)}")


# -- query-style checks: "method() takes ..." ----------------------------------


def query_strings(method: str, values: tuple[object, ...]) -> tuple[str, ...]:
    """One or more non-empty strings, for a query filter method."""
    if not values:
        raise QueryError(f"{method}() needs at least one value")
    for value in values:
        if not isinstance(value, str):
            raise QueryError(f"{method}() takes strings, got {describe_value(value)}")
        if not value:
            raise QueryError(f"{method}() refuses the empty string: it must not be empty")
    return tuple(str(value) for value in values)


def query_integers(method: str, values: tuple[object, ...], low: int, high: int) -> tuple[str, ...]:
    """One or more integers from ``low`` to ``high``, as the strings a filter sends."""
    if not values:
        raise QueryError(f"{method}() needs at least one value")
    for value in values:
        # bool is a subclass of int, and True is not a length.
        if isinstance(value, bool) or not isinstance(value, int):
            raise QueryError(
                f"{method}() takes integers ({low} to {high}), got {describe_value(value)}"
            )
        if not low <= value <= high:
            raise QueryError(f"{method}() takes {low} to {high}, got {value!r}")
    return tuple(str(value) for value in values)


def single_integer(method: str, value: object, low: int, high: int | None) -> int:
    """One integer from ``low`` to ``high`` (no upper bound when ``None``), for a query option."""
    rule = f"{low} to {high}" if high is not None else f"at least {low}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryError(f"{method}() takes an integer ({rule}), got {describe_value(value)}")
    if value < low or (high is not None and value > high):
        raise QueryError(f"{method}() takes {rule}, got {value!r}")
    return value


def boolean(method: str, value: object) -> bool:
    """``value`` if it is a bool (checked at run time too: callers are not always typed)."""
    if not isinstance(value, bool):
        raise QueryError(f"{method}() takes True or False, got {describe_value(value)}")
    return value


def query_ids(method: str, kind: IdKind, values: tuple[object, ...]) -> tuple[str, ...]:
    """One or more ids of ``kind``, for a query's id list (``session_ids`` and kin)."""
    if not values:
        raise QueryError(f"{method}() needs at least one value")
    checked: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise QueryError(
                f"{method}() takes {kind.noun} id strings, got {describe_value(value)}"
            )
        if not kind.matches(value):
            raise QueryError(
                f"{method}() takes {kind.noun} ids ({kind.rule}), got {value!r}"
                + _moto_id_hint(value)
            )
        checked.append(value)
    return tuple(checked)


def query_enum(method: str, values: tuple[object, ...], known: tuple[_E, ...]) -> tuple[str, ...]:
    """One or more values of an enumeration: a known one, or an `UnknownValue` read from AWS."""
    if not values:
        raise QueryError(f"{method}() needs at least one value")
    for value in values:
        if not isinstance(value, str) or not (value in known or isinstance(value, UnknownValue)):
            raise QueryError(
                f"{method}() takes {_one_of(known)} (or an UnknownValue read from AWS),"
                f" got {describe_value(value)}"
            )
    # Kept as given: an UnknownValue stays one, so the query's repr rebuilds it.
    return cast("tuple[str, ...]", values)


def query_cidrs(method: str, values: tuple[object, ...]) -> tuple[str, ...]:
    """One or more CIDR blocks (IPv4 or IPv6), sent as given (``ipaddress`` objects as text)."""
    if not values:
        raise QueryError(f"{method}() needs at least one value")
    checked: list[str] = []
    for value in values:
        text = _cidr_text(value)
        if text is None:
            raise QueryError(
                f"{method}() takes IPv4 or IPv6 CIDR blocks (such as '10.0.0.0/16'),"
                f" got {describe_value(value)}"
            )
        checked.append(text)
    return tuple(checked)


# -- write-style checks: "method() argument ARG must ..." --------------------------


def check_id(method: str, argument: str, value: object, kind: IdKind) -> str:
    """``value`` if it is an id of ``kind``, else `QueryError` naming method and argument."""
    if not isinstance(value, str):
        raise refuse(method, argument, value, "must be an id string")
    if not value:
        raise refuse(method, argument, value, "must not be empty")
    if not kind.matches(value):
        raise refuse(
            method, argument, value, f"must be an id of the form {kind.rule}{_moto_id_hint(value)}"
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


def check_network_load_balancer_arn(method: str, argument: str, value: object) -> str:
    """``value`` if it is a Network Load Balancer ARN."""
    if not isinstance(value, str):
        raise refuse(method, argument, value, f"must be {_NLB_ARN_RULE}")
    if _NLB_ARN.fullmatch(value) is None:
        raise refuse(method, argument, value, f"must be {_NLB_ARN_RULE}")
    return value


def check_integer(method: str, argument: str, value: object, low: int, high: int) -> int:
    """An integer from ``low`` to ``high`` (a bool is not an integer)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse(method, argument, value, f"must be an integer from {low} to {high}")
    if not low <= value <= high:
        raise refuse(method, argument, value, f"must be from {low} to {high}")
    return value


def check_enum(method: str, argument: str, value: object, known: tuple[_E, ...]) -> _E:
    """A known value of an enumeration, or an `UnknownValue` read from AWS (passed back as is)."""
    if isinstance(value, str) and (value in known or isinstance(value, UnknownValue)):
        return cast("_E", value)
    raise refuse(
        method, argument, value, f"must be {_one_of(known)} (or an UnknownValue read from AWS)"
    )


def check_description(method: str, value: object, *, removable: bool) -> str:
    """A non-empty description string (``removable``: the hint names `REMOVE`)."""
    if not isinstance(value, str):
        allowed = "a string, REMOVE or None" if removable else "a string or None"
        raise refuse(method, "description", value, f"must be {allowed}")
    if not value:
        hint = "pass REMOVE to remove it" if removable else "leave it out for none"
        raise refuse(method, "description", value, f"must not be empty ({hint})")
    return value


def check_client_token(method: str, value: object) -> str:
    """An idempotency token: 1 to 64 ASCII characters."""
    if not isinstance(value, str):
        raise refuse(method, "client_token", value, "must be a string or None")
    if not value or len(value) > CLIENT_TOKEN_MAX_LENGTH or not value.isascii():
        raise refuse(
            method,
            "client_token",
            value,
            f"must be 1 to {CLIENT_TOKEN_MAX_LENGTH} ASCII characters",
        )
    return value


def check_cidr(method: str, argument: str, value: object) -> tuple[str, Network]:
    """A CIDR block as AWS will get it (text) and parsed (for the IP version check)."""
    text = _cidr_text(value)
    if text is None:
        raise refuse(
            method, argument, value, "must be an IPv4 or IPv6 CIDR block such as '10.0.0.0/16'"
        )
    return text, ipaddress.ip_network(text, strict=False)


def same_ip_version(
    method: str, source: tuple[str, Network], destination: tuple[str, Network]
) -> None:
    """AWS's rule: the source and destination CIDR blocks are both IPv4 or both IPv6."""
    if source[1].version != destination[1].version:
        raise QueryError(
            f"{method}() arguments source_cidr_block and destination_cidr_block must both be"
            f" IPv4 or both IPv6, got {source[0]!r} (IPv{source[1].version}) and"
            f" {destination[0]!r} (IPv{destination[1].version})"
        )


def _cidr_text(value: object) -> str | None:
    if isinstance(value, (ipaddress.IPv4Network, ipaddress.IPv6Network)):
        return value.with_prefixlen
    if not isinstance(value, str) or "/" not in value:
        return None
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None
    return value


def _one_of(known: tuple[str, ...]) -> str:
    quoted = [repr(value) for value in known]
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"


# -- tags --------------------------------------------------------------------------


def _tag_key(method: str, argument: str, key: object) -> str:
    if not isinstance(key, str):
        raise refuse(method, argument, key, "must have string keys")
    if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
        raise refuse(
            method,
            argument,
            key,
            f"must have keys of {TAG_KEY_MIN_LENGTH} to {TAG_KEY_MAX_LENGTH} characters",
        )
    if is_reserved_tag_key(key):
        raise refuse(
            method,
            argument,
            key,
            f"must not have keys beginning with {RESERVED_TAG_KEY_PREFIX!r} in any letter"
            " case (reserved to AWS)",
        )
    return key


def _tag_value(method: str, argument: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise refuse(method, argument, value, f"must have a string value for key {key!r}")
    if len(value) > TAG_VALUE_MAX_LENGTH:
        raise refuse(
            method,
            argument,
            value,
            f"must have values of at most {TAG_VALUE_MAX_LENGTH} characters (key {key!r})",
        )
    return value


def _not_a_bare_string(method: str, argument: str, value: object, what: str) -> None:
    if isinstance(value, (str, bytes)):
        raise refuse(
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


def check_tags(method: str, tags: object, *, at_least: int) -> list[TagTypeDef]:
    """``tags`` checked (keys, values, ``aws:``, repeats, count) as the boto3 list of tags."""
    argument = "tags"
    pairs: list[tuple[object, object]] = []
    if isinstance(tags, Mapping):
        items: Mapping[object, object] = tags  # pyright: ignore[reportUnknownVariableType]
        pairs.extend(items.items())
    elif isinstance(tags, Tag):
        raise refuse(method, argument, tags, "must be a collection of Tag objects (or a mapping)")
    elif isinstance(tags, (str, bytes)):
        _not_a_bare_string(method, argument, tags, "Tag objects (or a mapping)")
    elif isinstance(tags, Iterable):
        elements: Iterable[object] = tags  # pyright: ignore[reportUnknownVariableType]
        for element in elements:
            if not isinstance(element, Tag):
                raise refuse(method, argument, element, "must hold Tag objects only")
            pairs.append((element.key, element.value))
    else:
        raise refuse(method, argument, tags, "must be Tag objects or a mapping of key to value")
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


def check_tag_keys(method: str, keys: object) -> list[TagTypeDef]:
    """One to 50 unique tag keys (never none: ``DeleteTags`` without keys deletes every tag)."""
    argument = "keys"
    _not_a_bare_string(method, argument, keys, "tag key strings")
    if not isinstance(keys, Iterable) or isinstance(keys, Tag):
        raise refuse(method, argument, keys, "must be a collection of tag key strings")
    elements: Iterable[object] = keys  # pyright: ignore[reportUnknownVariableType]
    checked = [_tag_key(method, argument, key) for key in elements]
    _unique(method, argument, checked)
    _count(method, argument, checked, at_least=1)
    return [{"Key": key} for key in checked]


def tag_specifications(
    resource_type: str, tags: list[TagTypeDef]
) -> list[TagSpecificationTypeDef] | None:
    """The ``TagSpecifications`` of a create call for checked tags (``None`` for no tags)."""
    if not tags:
        return None
    # boto3-stubs types ResourceType as a Literal of every EC2 resource type.
    spec: TagSpecificationTypeDef = {"ResourceType": resource_type, "Tags": tags}  # type: ignore[typeddict-item]  # pyright: ignore[reportAssignmentType]
    return [spec]
