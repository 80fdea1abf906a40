"""What every resource's writes share: `REMOVE`, the tag inputs, the tag requests.

Everything here is pure: it checks the caller's input (with ``_checks``) and
builds the exact boto3 request; a repository sends it. The requests particular
to one resource (create, modify, delete) are built in that resource's module.

``modify`` methods tell "leave as is" (``None``, the default) from "remove"
(`REMOVE`) by type: only the fields AWS's ``RemoveFields`` can remove accept
`REMOVE`, so a type checker rejects removing any other field.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from ec2_traffic_mirror._checks import (
    IdKind,
    check_id,
    check_tag_keys,
    check_tags,
    refuse,
)
from ec2_traffic_mirror._models import Tag

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import (
        ClientCreateTagsRequestTypeDef,
        ClientDeleteTagsRequestTypeDef,
    )

__all__ = [
    "REMOVE",
    "Remove",
    "TagsInput",
    "flag",
    "tag_request",
    "untag_request",
]


class Remove(enum.Enum):
    """The type of `REMOVE`, the "remove this field" value of the ``modify`` methods.

    One member only, so ``Literal[Remove.REMOVE]`` in a signature admits
    `REMOVE` and nothing else.
    """

    REMOVE = "REMOVE"

    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Final = Remove.REMOVE
"""Pass to a ``modify`` method to remove a field (AWS ``RemoveFields``).

Sessions: ``packet_length`` (then whole packets are mirrored),
``virtual_network_id`` and ``description``. Filter rules: ``protocol`` (then
every protocol is mirrored), ``source_port_range``, ``destination_port_range``
and ``description``. ``None`` (the default) leaves a field as is.
"""

TagsInput = Iterable[Tag] | Mapping[str, str]
"""Tags to write: `Tag` objects, or a mapping of key to value."""


def flag(method: str, argument: str, value: object) -> bool:
    """``value`` if it is a bool (checked at run time too: callers are not always typed)."""
    if not isinstance(value, bool):
        raise refuse(method, argument, value, "must be True or False")
    return value


def tag_request(
    method: str, argument: str, kind: IdKind, resource_id: object, tags: object
) -> ClientCreateTagsRequestTypeDef:
    """The ``CreateTags`` request: one to 50 checked tags on one resource."""
    checked_id = check_id(method, argument, resource_id, kind)
    return {"Resources": [checked_id], "Tags": check_tags(method, tags, at_least=1)}


def untag_request(
    method: str, argument: str, kind: IdKind, resource_id: object, keys: object
) -> ClientDeleteTagsRequestTypeDef:
    """The ``DeleteTags`` request: one to 50 checked keys, each removed whatever its value."""
    checked_id = check_id(method, argument, resource_id, kind)
    return {"Resources": [checked_id], "Tags": check_tag_keys(method, keys)}
