"""From command-line strings to SDK queries and arguments, refusing bad input before any call.

Nothing here imports click: the rules are plain functions that raise
`InputError` naming the flag, the value and the rule. The command turns that
into a one-line message and exit status 2.

AWS CLI spellings (``--filters``, ``--traffic-mirror-session-ids``, ``--tags``)
are read as the AWS CLI reads them (`aws_argument`: shorthand or JSON,
``file://``, the model's types), then checked by the SDK's own rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from ec2_traffic_mirror import QueryError
from ec2_traffic_mirror.cli._shapes import ShapeError, check, input_member
from ec2_traffic_mirror.cli._shorthand import ArgumentError, unpack_argument

if TYPE_CHECKING:
    from botocore.model import ServiceModel

    from ec2_traffic_mirror.cli._resources import Resource

__all__ = [
    "FilterEntry",
    "InputError",
    "aws_argument",
    "check_endpoint_url",
    "filter_query",
    "filters_from_argument",
    "input_error",
    "select_tags",
    "split_ids",
    "tags_from_argument",
]


class InputError(Exception):
    """Bad command-line input: ``str()`` is the one-line message, starting with the flag."""

    def __init__(self, flag: str, rule: str) -> None:
        super().__init__(f"{flag} {rule}")
        self.flag = flag


_INTEGER = re.compile(r"[+-]?[0-9]+")
_METHOD_PREFIX = re.compile(r"^[a-z_]+\(\) ")
# The SDK's messages end with the value's Python type, ``got 'x' (str)``: noise on a command line.
_TYPE_SUFFIX = re.compile(r" \((?:str|int)\)$")


def input_error(flag: str, error: QueryError) -> InputError:
    """The SDK's message, for ``flag``: ``page_size() takes ...`` -> ``--page-size takes ...``.

    An enumeration's offer of an ``UnknownValue`` read from AWS is left out:
    nothing typed on a command line is one.
    """
    text = _TYPE_SUFFIX.sub("", " ".join(str(error).split()))
    text = text.replace(" (or an UnknownValue read from AWS)", "")
    return InputError(flag, _METHOD_PREFIX.sub("", text, count=1))


def split_ids(values: Iterable[str]) -> list[str]:
    """Ids given to a short ids flag; each value may be a comma-separated list."""
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


# -- AWS CLI arguments -------------------------------------------------------------------


def aws_argument(
    flag: str, model: ServiceModel, operation: str, member: str, words: Sequence[str]
) -> object:
    """``words`` (one occurrence of ``flag``) read as the AWS CLI reads ``operation``'s ``member``.

    Shorthand or JSON, ``file://``; then the types of botocore's model, checked
    here (the AWS CLI leaves that to botocore, after parsing every flag).
    """
    shape = input_member(model, operation, member)
    try:
        value = unpack_argument(shape, words, many=shape.type_name == "list")
        check(value, shape, member)
    except (ArgumentError, ShapeError) as error:
        raise InputError(flag, str(error)) from None
    return value


FilterEntry = tuple[str, str, list[str]]
"""One filter as given: (the flag that gave it, the filter name, the values)."""


def _integer_value(resource: Resource, flag: str, name: str, text: str) -> int:
    if _INTEGER.fullmatch(text) is not None:
        return int(text)
    # The SDK's own message names the range: give it the text to refuse.
    try:
        resource.filter_method(resource.new_query(), name)(text)
    except QueryError as error:
        raise input_error(flag, error) from None
    raise InputError(flag, f"takes integers, got {text!r}")  # pragma: no cover


def filter_query(
    resource: Resource, query: Any, entries: Sequence[FilterEntry]
) -> tuple[Any, list[dict[str, Any]]]:
    """``query`` with every filter of ``entries`` (checked by the SDK), and the exact request.

    The SDK's query merges filters of one name (values OR); the AWS CLI sends
    each ``Name=`` group as its own filter, and AWS ANDs filters, even of one
    name. So the second result is the ``Filters`` member exactly as given
    (values as the SDK writes them: integers canonical), for the request.
    """
    exact: list[dict[str, Any]] = []
    for flag, name, values in entries:
        if name not in resource.filter_names:
            hint = ""
            if name.startswith("tag:") or name == "tag-key":
                hint = (
                    f" (AWS has no tag filters for {resource.describe}: select on the client"
                    " side with --tag KEY=VALUE or --tag-key KEY)"
                )
            raise InputError(
                flag,
                f"got the filter name {name!r}; the names are:"
                f" {', '.join(resource.filter_names)}{hint}",
            )
        if not values:
            raise InputError(flag, "needs at least one value (Values=...)")
        method = resource.filter_method(query, name)
        if name in resource.integer_filters:
            numbers = [_integer_value(resource, flag, name, value) for value in values]
            arguments: list[Any] = list(numbers)
            sent = [str(number) for number in numbers]
        else:
            arguments = list(values)
            sent = list(values)
        try:
            query = method(*arguments)
        except QueryError as error:
            raise input_error(flag, error) from None
        exact.append({"Name": name, "Values": sent})
    return query, exact


def select_tags(query: Any, tags: Sequence[str], tag_keys: Sequence[str]) -> Any:
    """``query`` with ``--tag KEY=VALUE`` and ``--tag-key KEY`` as its selection on the client side.

    ``KEY=VALUE`` is split at the first ``=`` (the value may be empty, the key
    may not); the values of one key OR together, as the SDK's ``tag`` has them.
    The SDK checks the lengths.
    """
    values: dict[str, list[str]] = {}
    for text in tags:
        key, equals, value = text.partition("=")
        if not equals:
            raise InputError(
                "--tag",
                f"takes KEY=VALUE (the value may be empty; for any value, use --tag-key KEY),"
                f" got {text!r}",
            )
        values.setdefault(key, []).append(value)
    for key, given in values.items():
        query = _checked_call("--tag", query.tag, key, *given)
    if tag_keys:
        query = _checked_call("--tag-key", query.tag_key, *tag_keys)
    return query


def _checked_call(flag: str, method: Callable[..., Any], *arguments: str) -> Any:
    try:
        return method(*arguments)
    except QueryError as error:
        raise input_error(flag, error) from None


def filters_from_argument(flag: str, value: object) -> list[FilterEntry]:
    """``--filters`` after `aws_argument`: one entry per filter (``Values`` absent: none)."""
    entries: list[FilterEntry] = []
    for entry in cast("list[dict[str, Any]]", value):
        if "Name" not in entry:
            raise InputError(flag, f"needs Name=<filter> in every filter, got {entry!r}")
        name = str(entry["Name"])
        entries.append((f"{flag} Name={name}", name, list(entry.get("Values", []))))
    return entries


def tags_from_argument(flag: str, value: object, *, values: bool) -> list[tuple[str, str | None]]:
    """``--tags`` after `aws_argument`: (key, value) pairs; ``Value`` absent is ``None``.

    ``values=False`` (removing tags by key) refuses a ``Value``.
    """
    pairs: list[tuple[str, str | None]] = []
    for tag in cast("list[dict[str, Any]]", value):
        if "Key" not in tag:
            raise InputError(flag, f"needs Key=<key> in every tag, got {tag!r}")
        given: str | None = tag.get("Value")
        if given is not None and not values:
            raise InputError(
                flag,
                f"takes keys only here (Key=<key>): tags are removed by key, whatever their"
                f" value; got Value={given!r} for {tag['Key']!r}",
            )
        pairs.append((str(tag["Key"]), given))
    return pairs
