"""From command-line strings to a `SessionQuery`, refusing bad input before any call.

Nothing here imports click: the rules are plain functions that raise
`InputError` naming the flag, the value and the rule. The command turns that
into a one-line message and exit status 2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, cast
from urllib.parse import urlsplit

from ec2_traffic_mirror._errors import QueryError
from ec2_traffic_mirror._models import (
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
)
from ec2_traffic_mirror._session import FILTER_NAMES, FilterName, SessionQuery

__all__ = [
    "FILTER_FLAGS",
    "InputError",
    "add_filter",
    "check_endpoint_url",
    "expand_filters_argv",
    "input_error",
    "parse_field_integer",
    "parse_filters",
    "parse_integer",
    "split_session_ids",
]


class InputError(Exception):
    """Bad command-line input: ``str()`` is the one-line message, starting with the flag."""

    def __init__(self, flag: str, rule: str) -> None:
        super().__init__(f"{flag} {rule}")
        self.flag = flag


FILTER_FLAGS: Final[tuple[tuple[str, FilterName], ...]] = tuple(
    (f"--{name}", name) for name in FILTER_NAMES
)
"""One flag per filter: ``--session-number`` sends filter ``session-number``, and so on."""

_INTEGER_RANGES: Final[Mapping[FilterName, tuple[int, int]]] = {
    "packet-length": (PACKET_LENGTH_MIN, PACKET_LENGTH_MAX),
    "session-number": (SESSION_NUMBER_MIN, SESSION_NUMBER_MAX),
    "virtual-network-id": (VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX),
}

_STRING_METHODS: Final[Mapping[FilterName, Callable[..., SessionQuery]]] = {
    "description": SessionQuery.description,
    "network-interface-id": SessionQuery.network_interface_id,
    "owner-id": SessionQuery.owner_id,
    "traffic-mirror-filter-id": SessionQuery.traffic_mirror_filter_id,
    "traffic-mirror-session-id": SessionQuery.traffic_mirror_session_id,
    "traffic-mirror-target-id": SessionQuery.traffic_mirror_target_id,
}
_INTEGER_METHODS: Final[Mapping[FilterName, Callable[..., SessionQuery]]] = {
    "packet-length": SessionQuery.packet_length,
    "session-number": SessionQuery.session_number,
    "virtual-network-id": SessionQuery.virtual_network_id,
}

_INTEGER = re.compile(r"[+-]?[0-9]+")
_METHOD_PREFIX = re.compile(r"^[a-z_]+\(\) ")
_SHORTHAND_KEY = re.compile(r"([A-Za-z]+)=")
_FILTERS_FLAG: Final = "--filters"


def input_error(flag: str, error: QueryError) -> InputError:
    """The SDK's message, for ``flag``: ``page_size() takes ...`` -> ``--page-size takes ...``."""
    return InputError(flag, _METHOD_PREFIX.sub("", str(error), count=1))


def parse_integer(flag: str, text: str, low: int, high: int | None) -> int:
    """``text`` as an integer (digits, optionally signed); the range is the SDK's to check."""
    if _INTEGER.fullmatch(text) is None:
        rule = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise InputError(flag, f"takes an integer {rule}, got {text!r}")
    return int(text)


def parse_field_integer(flag: str, field: FilterName, text: str) -> int:
    """``text`` as a value of the integer ``field`` (``session-number`` and so on).

    The message for a non-integer names the field's range, the same for a
    filter and for a write; the range itself is the SDK's to check.
    """
    low, high = _INTEGER_RANGES[field]
    return parse_integer(flag, text, low, high)


def add_filter(
    query: SessionQuery, flag: str, name: FilterName, values: Sequence[str]
) -> SessionQuery:
    """``query`` with filter ``name`` = ``values`` (given with ``flag``), checked by the SDK."""
    try:
        if name in _INTEGER_RANGES:
            numbers = [parse_field_integer(flag, name, value) for value in values]
            return _INTEGER_METHODS[name](query, *numbers)
        return _STRING_METHODS[name](query, *values)
    except QueryError as error:
        raise input_error(flag, error) from None


def split_session_ids(values: Iterable[str]) -> list[str]:
    """``--session-ids`` values; each may be a comma-separated list (ids have no commas)."""
    return [part for value in values for part in value.split(",")]


def check_endpoint_url(url: str) -> str:
    """``url`` if it is an ``http://`` or ``https://`` URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme not in {"http", "https"} or not host:
        raise InputError("--endpoint-url", f"takes an http:// or https:// URL, got {url!r}")
    return url


# -- --filters ---------------------------------------------------------------


def parse_filters(text: str) -> list[tuple[FilterName, list[str]]]:
    """One ``--filters`` value, in AWS CLI's shorthand or JSON syntax.

    Shorthand: ``Name=owner-id,Values=111122223333,444455556666`` (a value with
    a comma or an ``=`` can be quoted: ``Values="a,b"``). JSON: an object
    ``{"Name": ..., "Values": [...]}`` or a list of them.
    """
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        return _json_filters(text)
    name, values = _shorthand_filter(text)
    return [(_filter_name(name, text), values)]


def _filter_name(name: str, text: str) -> FilterName:
    if name not in FILTER_NAMES:
        raise InputError(
            _FILTERS_FLAG,
            f"got the filter name {name!r} in {text!r}; the names are: {', '.join(FILTER_NAMES)}",
        )
    return name


def _json_filters(text: str) -> list[tuple[FilterName, list[str]]]:
    rule = 'takes JSON [{"Name": "<filter>", "Values": ["<value>", ...]}, ...]'
    try:
        decoded: object = json.loads(text)
    except ValueError:
        raise InputError(_FILTERS_FLAG, f"{rule}, got {text!r}, which is not JSON") from None
    entries: list[object] = (
        cast("list[object]", decoded) if isinstance(decoded, list) else [decoded]
    )
    if not entries:
        raise InputError(_FILTERS_FLAG, f"{rule}, got an empty list")
    result: list[tuple[FilterName, list[str]]] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise InputError(_FILTERS_FLAG, f"{rule}, got {text!r}")
        fields = cast("dict[str, object]", entry)
        name, values = fields.get("Name"), fields.get("Values")
        if set(fields) != {"Name", "Values"} or not isinstance(name, str):
            raise InputError(_FILTERS_FLAG, f"{rule}, got {text!r}")
        if not isinstance(values, list) or not all(
            isinstance(value, str) for value in cast("list[object]", values)
        ):
            raise InputError(_FILTERS_FLAG, f"{rule} (Values are strings), got {text!r}")
        strings = [str(value) for value in cast("list[object]", values)]
        result.append((_filter_name(name, text), strings))
    return result


def _split_unquoted_commas(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quote: str | None = None
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if quote is not None:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == ",":
            parts.append("".join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    if quote is not None:
        raise InputError(_FILTERS_FLAG, f"has an unterminated {quote} quote in {text!r}")
    parts.append("".join(current))
    return parts


def _unquote(part: str) -> str:
    out: list[str] = []
    quote: str | None = None
    index = 0
    while index < len(part):
        char = part[index]
        if char == "\\" and index + 1 < len(part):
            out.append(part[index + 1])
            index += 2
            continue
        if quote is not None and char == quote:
            quote = None
        elif quote is None and char in "\"'":
            quote = char
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _shorthand_filter(text: str) -> tuple[str, list[str]]:
    rule = "takes Name=<filter>,Values=<value>[,<value>...]"
    name: str | None = None
    values: list[str] = []
    key: str | None = None
    for part in _split_unquoted_commas(text):
        match = _SHORTHAND_KEY.match(part)
        if match is not None:
            key = match.group(1)
            value = _unquote(part[match.end() :])
            if key == "Name":
                if name is not None:
                    raise InputError(_FILTERS_FLAG, f"{rule} with one Name, got {text!r}")
                name = value
            elif key == "Values":
                values.append(value)
            else:
                raise InputError(
                    _FILTERS_FLAG,
                    f"{rule} (the keys are Name and Values; quote a value with '=' in it),"
                    f" got the key {key!r} in {text!r}",
                )
        elif key == "Values":
            values.append(_unquote(part))
        else:
            raise InputError(_FILTERS_FLAG, f"{rule}, got {text!r}")
    if name is None:
        raise InputError(_FILTERS_FLAG, f"{rule}: Name is missing in {text!r}")
    if key is None or not values:
        raise InputError(_FILTERS_FLAG, f"{rule}: Values is missing in {text!r}")
    return name, values


def expand_filters_argv(args: Sequence[str], value_options: frozenset[str]) -> list[str]:
    """AWS CLI's ``--filters A B`` (several filters after one flag) as ``--filters A --filters B``.

    ``value_options`` are the command's options that take a value, so a value
    that happens to read ``--filters`` is left alone.
    """
    out: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--":
            out.extend(args[index:])
            break
        if token == _FILTERS_FLAG or token.startswith(_FILTERS_FLAG + "="):
            if token == _FILTERS_FLAG:
                if index + 1 >= len(args):
                    out.append(token)  # click reports the missing value
                    break
                out.extend([token, args[index + 1]])
                index += 2
            else:
                out.append(token)
                index += 1
            while index < len(args) and not args[index].startswith("-"):
                out.extend([_FILTERS_FLAG, args[index]])
                index += 1
            continue
        out.append(token)
        if token in value_options and index + 1 < len(args):
            out.append(args[index + 1])
            index += 1
        index += 1
    return out
