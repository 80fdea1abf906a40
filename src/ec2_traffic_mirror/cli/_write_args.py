"""From command-line strings to the arguments of the write calls, refusing bad input.

Like `_args`, nothing here imports click. The SDK's pure request builders
(`ec2_traffic_mirror._writes`) check every value; this module parses the
strings, checks what only the command line can get wrong (``KEY=VALUE``, a
field both set and removed, nothing to change), and turns the SDK's
``QueryError`` (which names the method's argument) into an `InputError`
naming the flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, TypedDict, get_args

from ec2_traffic_mirror import REMOVE, FilterName, QueryError, RemovableField, Remove
from ec2_traffic_mirror.cli._args import InputError, parse_field_integer

REMOVABLE_FIELDS: Final[tuple[RemovableField, ...]] = get_args(RemovableField)

__all__ = [
    "ARGUMENT_FLAGS",
    "CHANGE_FLAGS",
    "CreateArguments",
    "ModifyArguments",
    "create_arguments",
    "flag_error",
    "modify_arguments",
    "optional_integer",
    "parse_tags",
]

ARGUMENT_FLAGS: Final = {
    "session_id": "SESSION_ID",
    "tags": "--tag",
    "keys": "--tag-key",
}
"""SDK argument names whose flag is not ``--`` and the name with dashes."""

_ARGUMENT = re.compile(r"^[a-z_]+\(\) argument ([a-z_]+) ")
_METHOD = re.compile(r"^[a-z_]+\(\) ")
# The SDK's messages end with the value's Python type, ``got 'x' (str)``: noise on a command line.
_TYPE_SUFFIX = re.compile(r" \((?:str|int)\)$")


def flag_error(error: QueryError, default_flag: str) -> InputError:
    """The SDK's message for the flag of the argument it names (else ``default_flag``).

    ``create() argument session_number must be from 1 to 32766, got 0 (int)``
    becomes ``--session-number must be from 1 to 32766, got 0``.
    """
    text = _TYPE_SUFFIX.sub("", " ".join(str(error).split()))
    match = _ARGUMENT.match(text)
    if match is None:
        return InputError(default_flag, _METHOD.sub("", text, count=1))
    argument = match.group(1)
    flag = ARGUMENT_FLAGS.get(argument, "--" + argument.replace("_", "-"))
    return InputError(flag, text[match.end() :])


def optional_integer(field: FilterName, text: str | None) -> int | None:
    """``--FIELD``'s ``text`` as an integer (the SDK checks the range), or ``None`` if not given."""
    return None if text is None else parse_field_integer(f"--{field}", field, text)


def parse_tags(
    flag: str, values: Sequence[str], more: Iterable[tuple[str, str | None]] = ()
) -> dict[str, str]:
    """``KEY=VALUE`` strings (split at the first ``=``; the value may be empty) as a mapping.

    ``more`` are the (key, value) pairs of the AWS CLI's form (``--tags
    Key=k,Value=v``; a missing value is empty, as CreateTags has it). A key
    given twice is refused here, since a mapping would keep only the last
    value; the SDK checks the rest (empty keys, ``aws:``, lengths, 50 tags).
    """
    pairs: list[tuple[str, str | None]] = []
    for text in values:
        key, equals, value = text.partition("=")
        if not equals:
            raise InputError(flag, f"takes KEY=VALUE (the value may be empty), got {text!r}")
        pairs.append((key, value))
    pairs.extend(more)
    tags: dict[str, str] = {}
    for key, given in pairs:
        if key in tags:
            raise InputError(flag, f"must have unique keys, got {key!r} more than once")
        tags[key] = given or ""
    return tags


class CreateArguments(TypedDict):
    """The keyword arguments of `TrafficMirrorSessionRepository.create`, from the flags."""

    network_interface_id: str
    traffic_mirror_target_id: str
    traffic_mirror_filter_id: str
    session_number: int
    packet_length: int | None
    virtual_network_id: int | None
    description: str | None
    tags: Mapping[str, str]
    client_token: str | None


def create_arguments(
    *,
    network_interface_id: str,
    traffic_mirror_target_id: str,
    traffic_mirror_filter_id: str,
    session_number: str,
    packet_length: str | None,
    virtual_network_id: str | None,
    description: str | None,
    tags: Mapping[str, str],
    client_token: str | None,
) -> CreateArguments:
    """The flags' strings parsed; the SDK's builder checks the values before any call."""
    return {
        "network_interface_id": network_interface_id,
        "traffic_mirror_target_id": traffic_mirror_target_id,
        "traffic_mirror_filter_id": traffic_mirror_filter_id,
        "session_number": parse_field_integer("--session-number", "session-number", session_number),
        "packet_length": optional_integer("packet-length", packet_length),
        "virtual_network_id": optional_integer("virtual-network-id", virtual_network_id),
        "description": description,
        "tags": tags,
        "client_token": client_token,
    }


class ModifyArguments(TypedDict):
    """The keyword arguments of `TrafficMirrorSessionRepository.modify`, from the flags."""

    traffic_mirror_target_id: str | None
    traffic_mirror_filter_id: str | None
    session_number: int | None
    packet_length: int | Literal[Remove.REMOVE] | None
    virtual_network_id: int | Literal[Remove.REMOVE] | None
    description: str | Literal[Remove.REMOVE] | None


_REMOVE_FLAGS: Final[dict[RemovableField, str]] = {
    field: f"--remove-{field}" for field in REMOVABLE_FIELDS
}
"""The flag that removes each field: ``--remove-packet-length`` and so on."""

_FIELDS_BY_NAME: Final[dict[str, RemovableField]] = {field: field for field in REMOVABLE_FIELDS}

CHANGE_FLAGS: Final = (
    "--traffic-mirror-target-id",
    "--traffic-mirror-filter-id",
    "--session-number",
    "--packet-length",
    "--virtual-network-id",
    "--description",
    *_REMOVE_FLAGS.values(),
    "--remove-fields",
)


def _remove_fields(values: Iterable[str]) -> dict[RemovableField, str]:
    """``--remove-fields`` values (each may be comma-separated): field -> how it was asked."""
    named: dict[RemovableField, str] = {}
    for value in values:
        for part in value.split(","):
            field = _FIELDS_BY_NAME.get(part.strip())
            if field is None:
                raise InputError(
                    "--remove-fields",
                    f"takes {', '.join(REMOVABLE_FIELDS)} (comma-separated or repeated),"
                    f" got {part!r}",
                )
            named[field] = f"--remove-fields {field}"
    return named


def modify_arguments(
    *,
    traffic_mirror_target_id: str | None,
    traffic_mirror_filter_id: str | None,
    session_number: str | None,
    packet_length: str | None,
    virtual_network_id: str | None,
    description: str | None,
    remove_flags: Iterable[RemovableField],
    remove_fields: Sequence[str],
) -> ModifyArguments:
    """The changes the flags ask for; refuses a field both set and removed, and no change."""
    removed = _remove_fields(remove_fields)
    for field in remove_flags:
        removed[field] = _REMOVE_FLAGS[field]
    given: dict[RemovableField, str | None] = {
        "packet-length": packet_length,
        "virtual-network-id": virtual_network_id,
        "description": description,
    }
    for field, how in removed.items():
        if given[field] is not None:
            raise InputError(
                f"--{field} and {how}",
                "cannot be given together: set the field or remove it",
            )
    if description == "":
        raise InputError(
            "--description", "must not be empty (--remove-description removes it), got ''"
        )
    arguments: ModifyArguments = {
        "traffic_mirror_target_id": traffic_mirror_target_id,
        "traffic_mirror_filter_id": traffic_mirror_filter_id,
        "session_number": optional_integer("session-number", session_number),
        "packet_length": REMOVE
        if "packet-length" in removed
        else optional_integer("packet-length", packet_length),
        "virtual_network_id": REMOVE
        if "virtual-network-id" in removed
        else optional_integer("virtual-network-id", virtual_network_id),
        "description": REMOVE if "description" in removed else description,
    }
    if all(value is None for value in arguments.values()):
        raise InputError(
            "modify",
            f"has nothing to change: give at least one of {', '.join(CHANGE_FLAGS)}",
        )
    return arguments
