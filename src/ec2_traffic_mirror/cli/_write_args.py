"""From command-line strings to the arguments of the write calls, refusing bad input.

Like `_args`, nothing here imports click. The SDK's repositories check every
value before any call; this module parses the strings, checks what only the
command line can get wrong (``KEY=VALUE``, a port range without an end, a
field both set and removed, nothing to change), and turns the SDK's
``QueryError`` (which names the method's argument) into an `InputError`
naming the flag.

A number that is not an integer is handed to the SDK as the text it is
(`integer`): the SDK refuses it with the range of the argument, so no range is
copied here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal, TypedDict, TypeVar, cast, get_args

from ec2_traffic_mirror import (
    REMOVE,
    PortRangeInput,
    QueryError,
    RemovableField,
    RemovableRuleField,
    Remove,
)
from ec2_traffic_mirror.cli._args import InputError

__all__ = [
    "ARGUMENT_FLAGS",
    "CHANGE_FLAGS",
    "RULE_CHANGE_FLAGS",
    "CreateArguments",
    "CreateRuleArguments",
    "ModifyArguments",
    "ModifyRuleArguments",
    "create_arguments",
    "create_rule_arguments",
    "flag_error",
    "integer",
    "modify_arguments",
    "modify_rule_arguments",
    "parse_tags",
    "port_range",
    "short_port_range",
]

_F = TypeVar("_F", bound=str)

ARGUMENT_FLAGS: Final = {
    "session_id": "SESSION_ID",
    "target_id": "TARGET_ID",
    "filter_id": "FILTER_ID",
    "rule_id": "RULE_ID",
    "services": "SERVICE",
    "tags": "--tag",
    "keys": "--tag-key",
}
"""SDK argument names whose flag is not ``--`` and the name with dashes."""

_ARGUMENT = re.compile(r"^[a-z_]+\(\) argument ([a-z_]+)(?:\[\d+\] \((from_port|to_port)\))? ")
_ARGUMENTS = re.compile(r"^[a-z_]+\(\) arguments ([a-z_]+) and ([a-z_]+) ")
_METHOD = re.compile(r"^[a-z_]+\(\) ")
# The SDK's messages end with the value's Python type, ``got 'x' (str)``: noise on a command line.
_TYPE_SUFFIX = re.compile(r" \((?:str|int|tuple)\)$")
# An enumeration's message offers an UnknownValue read from AWS: no command-line value is one.
_UNKNOWN_VALUE = " (or an UnknownValue read from AWS)"
_INTEGER = re.compile(r"[+-]?[0-9]+")
_PORTS = re.compile(r"([0-9]+)(?:-([0-9]+))?")
_PORT_MEMBERS: Final = {"from_port": "FromPort", "to_port": "ToPort"}


def flag_error(
    error: QueryError, default_flag: str, flags: Mapping[str, str] | None = None
) -> InputError:
    """The SDK's message for the flag of the argument it names (else ``default_flag``).

    ``create() argument session_number must be from 1 to 32766, got 0 (int)``
    becomes ``--session-number must be from 1 to 32766, got 0``. ``flags``
    names the flag of an argument where the command's differs from the usual one.
    """
    text = _TYPE_SUFFIX.sub("", " ".join(str(error).split())).replace(_UNKNOWN_VALUE, "")

    def flag_of(argument: str) -> str:
        return (flags or {}).get(argument) or ARGUMENT_FLAGS.get(
            argument, "--" + argument.replace("_", "-")
        )

    both = _ARGUMENTS.match(text)
    if both is not None:
        return InputError(f"{flag_of(both[1])} and {flag_of(both[2])}", text[both.end() :])
    match = _ARGUMENT.match(text)
    if match is None:
        return InputError(default_flag, _METHOD.sub("", text, count=1))
    argument, end = match.group(1), match.group(2)
    rule = text[match.end() :]
    return InputError(flag_of(argument), f"{_PORT_MEMBERS[end]} {rule}" if end else rule)


def integer(text: str) -> Any:
    """``text`` as an integer, or as the text it is for the SDK to refuse (naming the range).

    Typed ``Any`` on purpose: the SDK checks its arguments at run time too, and
    its refusal of a text names the argument's range, which is not copied here.
    """
    return int(text) if _INTEGER.fullmatch(text) else text


def _optional_integer(text: str | None) -> Any:
    return None if text is None else integer(text)


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


# -- removing fields ---------------------------------------------------------------------


def _removals(
    known: tuple[_F, ...], flags: Iterable[_F], remove_fields: Sequence[str]
) -> dict[_F, str]:
    """The fields to remove: field -> how it was asked (``--remove-X`` or ``--remove-fields X``).

    ``remove_fields`` are the words of ``--remove-fields`` (AWS CLI: one word
    per field; here also comma-separated).
    """
    by_name: dict[str, _F] = {field: field for field in known}
    named: dict[_F, str] = {}
    for word in remove_fields:
        for part in word.split(","):
            field = by_name.get(part.strip())
            if field is None:
                raise InputError(
                    "--remove-fields",
                    f"takes {', '.join(known)} (several, or comma-separated), got {part!r}",
                )
            named[field] = f"--remove-fields {field}"
    for field in flags:
        named[field] = f"--remove-{field}"
    return named


def _set_or_removed(given: Mapping[_F, object], removed: Mapping[_F, str]) -> None:
    for field, how in removed.items():
        if given.get(field) is not None:
            raise InputError(
                f"--{field} and {how}", "cannot be given together: set the field or remove it"
            )


# -- sessions ----------------------------------------------------------------------------

REMOVABLE_FIELDS: Final[tuple[RemovableField, ...]] = get_args(RemovableField)


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
    """The flags' strings parsed; the SDK checks the values before any call."""
    return {
        "network_interface_id": network_interface_id,
        "traffic_mirror_target_id": traffic_mirror_target_id,
        "traffic_mirror_filter_id": traffic_mirror_filter_id,
        "session_number": integer(session_number),
        "packet_length": _optional_integer(packet_length),
        "virtual_network_id": _optional_integer(virtual_network_id),
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


CHANGE_FLAGS: Final = (
    "--traffic-mirror-target-id",
    "--traffic-mirror-filter-id",
    "--session-number",
    "--packet-length",
    "--virtual-network-id",
    "--description",
    *(f"--remove-{field}" for field in REMOVABLE_FIELDS),
    "--remove-fields",
)


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
    removed = _removals(REMOVABLE_FIELDS, remove_flags, remove_fields)
    given: dict[RemovableField, str | None] = {
        "packet-length": packet_length,
        "virtual-network-id": virtual_network_id,
        "description": description,
    }
    _set_or_removed(given, removed)
    if description == "":
        raise InputError(
            "--description", "must not be empty (--remove-description removes it), got ''"
        )

    def change(field: RemovableField, value: object) -> Any:
        return REMOVE if field in removed else value

    arguments: ModifyArguments = {
        "traffic_mirror_target_id": traffic_mirror_target_id,
        "traffic_mirror_filter_id": traffic_mirror_filter_id,
        "session_number": _optional_integer(session_number),
        "packet_length": change("packet-length", _optional_integer(packet_length)),
        "virtual_network_id": change("virtual-network-id", _optional_integer(virtual_network_id)),
        "description": change("description", description),
    }
    if all(value is None for value in arguments.values()):
        raise InputError(
            "modify",
            f"has nothing to change: give at least one of {', '.join(CHANGE_FLAGS)}",
        )
    return arguments


# -- filter rules ------------------------------------------------------------------------

REMOVABLE_RULE_FIELDS: Final[tuple[RemovableRuleField, ...]] = get_args(RemovableRuleField)


def short_port_range(text: str) -> tuple[int, int] | None:
    """``443`` or ``1024-65535`` as (from, to); ``None`` for other text (the AWS CLI's forms)."""
    match = _PORTS.fullmatch(text.strip())
    if match is None:
        return None
    low = int(match.group(1))
    return low, int(match.group(2) or low)


def port_range(flag: str, value: object) -> tuple[int, int]:
    """``FromPort=..,ToPort=..`` as the AWS CLI read it (`_args.aws_argument`): (from, to).

    The SDK checks the ports' range and order.
    """
    ends = cast("Mapping[str, object]", value)
    low, high = ends.get("FromPort"), ends.get("ToPort")
    if not isinstance(low, int) or not isinstance(high, int):
        raise InputError(
            flag,
            f"needs FromPort and ToPort (FromPort=N,ToPort=N, or N, or N-M), got {dict(ends)!r}",
        )
    return low, high


class CreateRuleArguments(TypedDict):
    """The keyword arguments of `TrafficMirrorFilterRepository.create_rule` after the filter id."""

    traffic_direction: Any
    rule_number: int
    rule_action: Any
    source_cidr_block: str
    destination_cidr_block: str
    protocol: int | None
    source_port_range: PortRangeInput | None
    destination_port_range: PortRangeInput | None
    description: str | None
    tags: Mapping[str, str]
    client_token: str | None


def create_rule_arguments(
    *,
    traffic_direction: str,
    rule_number: str,
    rule_action: str,
    source_cidr_block: str,
    destination_cidr_block: str,
    protocol: str | None,
    source_port_range: tuple[int, int] | None,
    destination_port_range: tuple[int, int] | None,
    description: str | None,
    tags: Mapping[str, str],
    client_token: str | None,
) -> CreateRuleArguments:
    """The flags' strings parsed; the SDK checks the values (direction, action too)."""
    return {
        "traffic_direction": traffic_direction,
        "rule_number": integer(rule_number),
        "rule_action": rule_action,
        "source_cidr_block": source_cidr_block,
        "destination_cidr_block": destination_cidr_block,
        "protocol": _optional_integer(protocol),
        "source_port_range": source_port_range,
        "destination_port_range": destination_port_range,
        "description": description,
        "tags": tags,
        "client_token": client_token,
    }


class ModifyRuleArguments(TypedDict):
    """The keyword arguments of `TrafficMirrorFilterRepository.modify_rule` after the rule id."""

    traffic_direction: Any
    rule_number: int | None
    rule_action: Any
    source_cidr_block: str | None
    destination_cidr_block: str | None
    protocol: int | Literal[Remove.REMOVE] | None
    source_port_range: PortRangeInput | Literal[Remove.REMOVE] | None
    destination_port_range: PortRangeInput | Literal[Remove.REMOVE] | None
    description: str | Literal[Remove.REMOVE] | None


RULE_CHANGE_FLAGS: Final = (
    "--traffic-direction",
    "--rule-number",
    "--rule-action",
    "--protocol",
    "--source-port-range",
    "--destination-port-range",
    "--source-cidr-block",
    "--destination-cidr-block",
    "--description",
    *(f"--remove-{field}" for field in REMOVABLE_RULE_FIELDS),
    "--remove-fields",
)


def modify_rule_arguments(
    *,
    traffic_direction: str | None,
    rule_number: str | None,
    rule_action: str | None,
    source_cidr_block: str | None,
    destination_cidr_block: str | None,
    protocol: str | None,
    source_port_range: tuple[int, int] | None,
    destination_port_range: tuple[int, int] | None,
    description: str | None,
    remove_flags: Iterable[RemovableRuleField],
    remove_fields: Sequence[str],
) -> ModifyRuleArguments:
    """The changes the flags ask for; refuses a field both set and removed, and no change."""
    removed = _removals(REMOVABLE_RULE_FIELDS, remove_flags, remove_fields)
    given: dict[RemovableRuleField, object] = {
        "protocol": protocol,
        "source-port-range": source_port_range,
        "destination-port-range": destination_port_range,
        "description": description,
    }
    _set_or_removed(given, removed)
    if description == "":
        raise InputError(
            "--description", "must not be empty (--remove-description removes it), got ''"
        )

    def change(field: RemovableRuleField, value: object) -> Any:
        return REMOVE if field in removed else value

    arguments: ModifyRuleArguments = {
        "traffic_direction": traffic_direction,
        "rule_number": _optional_integer(rule_number),
        "rule_action": rule_action,
        "source_cidr_block": source_cidr_block,
        "destination_cidr_block": destination_cidr_block,
        "protocol": change("protocol", _optional_integer(protocol)),
        "source_port_range": change("source-port-range", source_port_range),
        "destination_port_range": change("destination-port-range", destination_port_range),
        "description": change("description", description),
    }
    if all(value is None for value in arguments.values()):
        raise InputError(
            "modify",
            f"has nothing to change: give at least one of {', '.join(RULE_CHANGE_FLAGS)}",
        )
    return arguments
