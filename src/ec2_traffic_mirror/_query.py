"""`SessionQuery`: the immutable filter builder for ``DescribeTrafficMirrorSessions``.

Every method returns a new query; the old one never changes. Values are checked
at the call that receives them (``QueryError`` names the method, the value and
the rule), so a query that exists is a query AWS can accept: no call is ever
made for one that cannot be valid.

The state is held in a canonical form (filters in the order of `FILTER_NAMES`,
values in the order first given, without repeats), so two chains that ask for
the same thing compare equal, hash equal and build the same request.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Literal, get_args

from ec2_traffic_mirror._errors import QueryError
from ec2_traffic_mirror._models import (
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
)

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import (
        DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
        FilterTypeDef,
        PaginatorConfigTypeDef,
    )

__all__ = [
    "AWS_ID_SUFFIX",
    "FILTER_NAMES",
    "MAX_ITEMS_MIN",
    "PAGE_SIZE_MAX",
    "PAGE_SIZE_MIN",
    "SESSION_ID_PATTERN",
    "FilterName",
    "SessionQuery",
    "check_session_id",
    "describe_value",
    "parse_starting_token",
]

FilterName = Literal[
    "description",
    "network-interface-id",
    "owner-id",
    "packet-length",
    "session-number",
    "traffic-mirror-filter-id",
    "traffic-mirror-session-id",
    "traffic-mirror-target-id",
    "virtual-network-id",
]
"""The filter names ``DescribeTrafficMirrorSessions`` knows (case-sensitive)."""

FILTER_NAMES: Final[tuple[FilterName, ...]] = get_args(FilterName)
"""Every filter name, in the order filters appear in a request."""

PAGE_SIZE_MIN: Final = 5
"""Smallest page size: the API's lowest ``MaxResults``."""
PAGE_SIZE_MAX: Final = 1000
"""Largest page size: the API's highest ``MaxResults``."""
MAX_ITEMS_MIN: Final = 1
"""Smallest ``MaxItems``: a listing of no items is not a listing."""

AWS_ID_SUFFIX: Final = r"(?:[0-9a-f]{8}|[0-9a-f]{17})"
"""What follows the type prefix of an AWS resource id: 8 (old style) or 17 lowercase hex digits."""

SESSION_ID_PATTERN: Final = re.compile(rf"tms-{AWS_ID_SUFFIX}")
"""A Traffic Mirror session id: ``tms-`` and 8 (old style) or 17 hex digits."""

_Filters = tuple[tuple[FilterName, tuple[str, ...]], ...]


def describe_value(value: object) -> str:
    """A value and its type, for error messages: ``'5' (str)``."""
    return f"{value!r} ({type(value).__name__})"


def _strings(method: str, values: tuple[object, ...]) -> tuple[str, ...]:
    if not values:
        raise QueryError(f"{method}() needs at least one value")
    for value in values:
        if not isinstance(value, str):
            raise QueryError(f"{method}() takes strings, got {describe_value(value)}")
        if not value:
            raise QueryError(f"{method}() refuses the empty string: it must not be empty")
    return tuple(str(value) for value in values)


def _integers(method: str, values: tuple[object, ...], low: int, high: int) -> tuple[str, ...]:
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


def _single_integer(method: str, value: object, low: int, high: int | None) -> int:
    rule = f"{low} to {high}" if high is not None else f"at least {low}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryError(f"{method}() takes an integer ({rule}), got {describe_value(value)}")
    if value < low or (high is not None and value > high):
        raise QueryError(f"{method}() takes {rule}, got {value!r}")
    return value


def _boolean(method: str, value: object) -> bool:
    # Checked at run time too: callers are not always type-checked.
    if not isinstance(value, bool):
        raise QueryError(f"{method}() takes True or False, got {describe_value(value)}")
    return value


def check_session_id(method: str, value: object) -> str:
    """``value`` if it is a Traffic Mirror session id, else `QueryError` naming ``method``."""
    if not isinstance(value, str):
        raise QueryError(f"{method}() takes session id strings, got {describe_value(value)}")
    if SESSION_ID_PATTERN.fullmatch(value) is None:
        raise QueryError(
            f"{method}() takes Traffic Mirror session ids ('tms-' and 8 or 17 lowercase hex "
            f"digits), got {value!r}"
        )
    return value


def parse_starting_token(token: str) -> tuple[str | None, int]:
    """The AWS ``NextToken`` and the items to skip in that page, from a StartingToken.

    This reads what botocore's ``PageIterator`` reads, the same way: the base64
    JSON ``{"NextToken": ..., "boto_truncate_amount": n}`` botocore (and this
    SDK) writes, and otherwise a token as AWS gave it (optionally
    ``<token>___<n>``, botocore's old style). It is stricter where botocore
    would send garbage to AWS: a JSON token must hold ``NextToken`` (a string
    or null) and at most a non-negative integer ``boto_truncate_amount``.
    Raises `QueryError` for a token that no paginator could use.
    """
    decoded: object = None
    try:
        decoded = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
    except (ValueError, TypeError, binascii.Error):
        decoded = None
    if isinstance(decoded, dict):
        return _parse_new_style(token, decoded)  # pyright: ignore[reportUnknownArgumentType]
    # botocore's fallback: an opaque service token, or "<token>___<index>".
    parts = token.split("___")
    index = 0
    if len(parts) == 2:
        try:
            index = int(parts[1])
        except ValueError:
            parts = [token]
        else:
            parts = [parts[0]]
    if len(parts) != 1:
        raise QueryError(f"starting_token() got {token!r}, which no paginator can read")
    if index < 0:
        raise QueryError(f"starting_token() got {token!r}: the item index must not be negative")
    next_token = None if parts[0] in {"None", ""} else parts[0]
    return next_token, index


def _parse_new_style(token: str, decoded: dict[object, object]) -> tuple[str | None, int]:
    keys = set(decoded)
    if "NextToken" not in keys or not keys <= {"NextToken", "boto_truncate_amount"}:
        raise QueryError(
            f"starting_token() got {token!r}, which decodes to keys {sorted(map(str, keys))!r}; "
            "a StartingToken holds 'NextToken' and at most 'boto_truncate_amount'"
        )
    next_token = decoded["NextToken"]
    if next_token is not None and not isinstance(next_token, str):
        raise QueryError(
            f"starting_token() got {token!r}, whose NextToken is {describe_value(next_token)}, "
            "not a string or null"
        )
    index = decoded.get("boto_truncate_amount", 0)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise QueryError(
            f"starting_token() got {token!r}, whose boto_truncate_amount is "
            f"{describe_value(index)}, not a non-negative integer"
        )
    if next_token in {"None", ""}:
        next_token = None
    return next_token, index


@dataclasses.dataclass(frozen=True, repr=False)
class SessionQuery:
    """An immutable query for Traffic Mirror sessions, built by method chaining.

    ``SessionQuery().owner_id("123456789012").packet_length(100, 200).page_size(50)``

    Values of one filter OR together; different filters AND together, as AWS
    does. Calling a filter method again adds values (repeats are dropped, the
    first order is kept). Integers are sent as strings. ``page_size``,
    ``max_items``, ``dry_run`` and ``starting_token`` replace an earlier value.
    Build one with ``SessionQuery()`` and its methods; the fields are private.
    """

    _filters: _Filters = ()
    _session_ids: tuple[str, ...] = ()
    _dry_run: bool | None = None
    _page_size: int | None = None
    _max_items: int | None = None
    _starting_token: str | None = None

    # -- filters --------------------------------------------------------------

    def _add(self, name: FilterName, values: tuple[str, ...]) -> SessionQuery:
        current = dict(self._filters)
        current[name] = _merge(current.get(name, ()), values)
        ordered = tuple((key, current[key]) for key in FILTER_NAMES if key in current)
        return dataclasses.replace(self, _filters=ordered)

    def session_ids(self, *ids: str) -> SessionQuery:
        """Only these sessions (``TrafficMirrorSessionIds``).

        Each must be a session id; AWS answers NotFound for one that does not exist.
        """
        if not ids:
            raise QueryError("session_ids() needs at least one value")
        checked = tuple(check_session_id("session_ids", value) for value in ids)
        return dataclasses.replace(self, _session_ids=_merge(self._session_ids, checked))

    def description(self, *patterns: str) -> SessionQuery:
        """Sessions whose description matches one of the patterns (``*`` and ``?`` wildcards)."""
        return self._add("description", _strings("description", patterns))

    def network_interface_id(self, *ids: str) -> SessionQuery:
        """Sessions that mirror one of these network interfaces (``eni-...``)."""
        return self._add("network-interface-id", _strings("network_interface_id", ids))

    def owner_id(self, *account_ids: str) -> SessionQuery:
        """Sessions owned by one of these AWS accounts."""
        return self._add("owner-id", _strings("owner_id", account_ids))

    def packet_length(self, *lengths: int) -> SessionQuery:
        """Sessions that mirror this many bytes of each packet (1 to 8500)."""
        values = _integers("packet_length", lengths, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX)
        return self._add("packet-length", values)

    def session_number(self, *numbers: int) -> SessionQuery:
        """Sessions with one of these session numbers (1 to 32766)."""
        values = _integers("session_number", numbers, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX)
        return self._add("session-number", values)

    def traffic_mirror_filter_id(self, *ids: str) -> SessionQuery:
        """Sessions that use one of these Traffic Mirror filters (``tmf-...``)."""
        return self._add("traffic-mirror-filter-id", _strings("traffic_mirror_filter_id", ids))

    def traffic_mirror_session_id(self, *ids: str) -> SessionQuery:
        """Sessions with one of these ids, as a filter: unknown ids match nothing, no error."""
        return self._add("traffic-mirror-session-id", _strings("traffic_mirror_session_id", ids))

    def traffic_mirror_target_id(self, *ids: str) -> SessionQuery:
        """Sessions that send to one of these Traffic Mirror targets (``tmt-...``)."""
        return self._add("traffic-mirror-target-id", _strings("traffic_mirror_target_id", ids))

    def virtual_network_id(self, *vnis: int) -> SessionQuery:
        """Sessions with one of these VXLAN network ids (0 to 16777215)."""
        values = _integers(
            "virtual_network_id", vnis, VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX
        )
        return self._add("virtual-network-id", values)

    # -- request options ------------------------------------------------------

    def dry_run(self, enabled: bool = True) -> SessionQuery:
        """Send ``DryRun``: AWS checks the permission and answers ``DryRunOperation``."""
        return dataclasses.replace(self, _dry_run=_boolean("dry_run", enabled))

    def page_size(self, size: int) -> SessionQuery:
        """Items per AWS call (``PaginationConfig.PageSize``, sent as ``MaxResults``): 5 to 1000."""
        checked = _single_integer("page_size", size, PAGE_SIZE_MIN, PAGE_SIZE_MAX)
        return dataclasses.replace(self, _page_size=checked)

    def max_items(self, count: int) -> SessionQuery:
        """Stop after this many items (``PaginationConfig.MaxItems``), at least 1."""
        checked = _single_integer("max_items", count, MAX_ITEMS_MIN, None)
        return dataclasses.replace(self, _max_items=checked)

    def starting_token(self, token: str) -> SessionQuery:
        """Go on where a listing stopped (``PaginationConfig.StartingToken``).

        Takes a ``resume_token`` of this SDK or of a boto3 paginator.
        """
        (checked,) = _strings("starting_token", (token,))
        parse_starting_token(checked)
        return dataclasses.replace(self, _starting_token=checked)

    # -- output ---------------------------------------------------------------

    def to_request(self) -> DescribeTrafficMirrorSessionsRequestPaginateTypeDef:
        """The keyword arguments for the boto3 paginator, exactly.

        ``client.get_paginator("describe_traffic_mirror_sessions").paginate(**query.to_request())``
        """
        request: DescribeTrafficMirrorSessionsRequestPaginateTypeDef = {}
        if self._session_ids:
            request["TrafficMirrorSessionIds"] = list(self._session_ids)
        if self._dry_run is not None:
            request["DryRun"] = self._dry_run
        if self._filters:
            filters: list[FilterTypeDef] = [
                {"Name": name, "Values": list(values)} for name, values in self._filters
            ]
            request["Filters"] = filters
        pagination: PaginatorConfigTypeDef = {}
        if self._max_items is not None:
            pagination["MaxItems"] = self._max_items
        if self._page_size is not None:
            pagination["PageSize"] = self._page_size
        if self._starting_token is not None:
            pagination["StartingToken"] = self._starting_token
        if pagination:
            request["PaginationConfig"] = pagination
        return request

    def __repr__(self) -> str:
        calls: list[str] = []
        if self._session_ids:
            calls.append(_call("session_ids", self._session_ids))
        for name, values in self._filters:
            method = name.replace("-", "_")
            if name in _INTEGER_FILTERS:
                calls.append(_call(method, tuple(int(value) for value in values)))
            else:
                calls.append(_call(method, values))
        if self._dry_run is not None:
            calls.append(_call("dry_run", (self._dry_run,)))
        if self._page_size is not None:
            calls.append(_call("page_size", (self._page_size,)))
        if self._max_items is not None:
            calls.append(_call("max_items", (self._max_items,)))
        if self._starting_token is not None:
            calls.append(_call("starting_token", (self._starting_token,)))
        return "SessionQuery()" + "".join(calls)


_INTEGER_FILTERS: Final[frozenset[FilterName]] = frozenset(
    {"packet-length", "session-number", "virtual-network-id"}
)


def _call(method: str, values: Iterable[object]) -> str:
    return f".{method}({', '.join(repr(value) for value in values)})"


def _merge(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *new)))
