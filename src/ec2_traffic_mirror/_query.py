"""The query floor: what `SessionQuery`, `TargetQuery`, `FilterQuery` and `FilterRuleQuery` share.

A query is an immutable builder: every method returns a new query and never
changes the old one. Values are checked at the call that receives them
(`QueryError` names the method, the value and the rule), so a query that
exists is a query AWS can accept: no call is ever made for one that cannot be
valid.

`BaseQuery` holds the state every Describe call has (the id list, the filters,
``DryRun`` and the paging options) in a canonical form (filters in the order
the query class lists them, values in the order first given, without
repeats), so two chains that ask for the same thing compare equal, hash equal
and build the same request. A query class adds one method per filter name of
its call, and says which ids it takes; the paging engine (``_paging``) reads
the rest through `listing_request`.

Selection on the client side (tags, predicates) has its place here too:
`BaseQuery._selector` is what the paging engine applies to each valid item after
AWS's own filters, counting only selected items against ``max_items``, with
resume tokens staying exact (the cursor counts raw items).

The StartingToken format is botocore's: `parse_starting_token` reads exactly
what a boto3 paginator reads.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar

from ec2_traffic_mirror._checks import (
    IdKind,
    boolean,
    describe_value,
    query_ids,
    query_strings,
    single_integer,
)
from ec2_traffic_mirror._errors import QueryError

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import FilterTypeDef
    from typing_extensions import Self

__all__ = [
    "MAX_ITEMS_MIN",
    "PAGE_SIZE_MAX",
    "PAGE_SIZE_MIN",
    "BaseQuery",
    "ListingRequest",
    "listing_request",
    "parse_starting_token",
]

PAGE_SIZE_MIN: Final = 5
"""Smallest page size: the API's lowest ``MaxResults`` (the same for every Traffic Mirror call)."""
PAGE_SIZE_MAX: Final = 1000
"""Largest page size: the API's highest ``MaxResults``."""
MAX_ITEMS_MIN: Final = 1
"""Smallest ``MaxItems``: a listing of no items is not a listing."""

_M = TypeVar("_M")


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


@dataclasses.dataclass(frozen=True)
class ListingRequest(Generic[_M]):
    """A query as the paging engine reads it."""

    call: dict[str, Any]
    """The keyword arguments of each Describe call, without ``MaxResults`` and ``NextToken``."""
    page_size: int | None
    """``MaxResults`` of each call, or ``None`` for AWS's default."""
    max_items: int | None
    """Stop after this many (selected) items, or ``None`` for all."""
    starting_token: str | None
    """Where to start: a StartingToken, or ``None`` for the beginning."""
    selector: Callable[[_M], bool] | None
    """Which valid items to keep (selection on the client side), or ``None`` for every one."""


@dataclasses.dataclass(frozen=True, repr=False)
class BaseQuery(Generic[_M]):
    """The state and the methods every query shares; ``_M`` is the model it lists.

    A query class sets the class attributes below and adds one method per
    filter name of its call (each a line: check the values, `_add_filter`),
    and its public request options over `_with_dry_run` and kin.
    """

    _ids: tuple[str, ...] = ()
    # Spelt out, not an alias: a subclass that adds a field (FilterRuleQuery) gets
    # a generated __init__ whose annotations resolve in the subclass's module.
    _filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _dry_run: bool | None = None
    _page_size: int | None = None
    _max_items: int | None = None
    _starting_token: str | None = None

    _FILTER_NAMES: ClassVar[tuple[str, ...]] = ()
    """Every filter name of the call, in the order filters appear in a request."""
    _INTEGER_FILTERS: ClassVar[frozenset[str]] = frozenset()
    """The filters whose values are integers (shown as integers by ``repr``)."""
    _IDS_METHOD: ClassVar[str] = ""
    """The method that sets the id list, for example ``session_ids``."""
    _IDS_MEMBER: ClassVar[str] = ""
    """The request member of the id list, for example ``TrafficMirrorSessionIds``."""
    _ID_KIND: ClassVar[IdKind]
    """The kind of id the id list takes."""

    # -- building ---------------------------------------------------------------

    def _add_filter(self, name: str, values: tuple[str, ...]) -> Self:
        current = dict(self._filters)
        current[name] = _merge(current.get(name, ()), values)
        ordered = tuple((key, current[key]) for key in self._FILTER_NAMES if key in current)
        return dataclasses.replace(self, _filters=ordered)

    def _add_ids(self, ids: tuple[object, ...]) -> Self:
        checked = query_ids(self._IDS_METHOD, self._ID_KIND, ids)
        return dataclasses.replace(self, _ids=_merge(self._ids, checked))

    # The request options. Each query class has its own public methods over
    # these (one line each), so that an IDE shows ``page_size(size: int) ->
    # TargetQuery`` and infers the chain, which ``-> Self`` does not give in every IDE.

    def _with_dry_run(self, enabled: object) -> Self:
        return dataclasses.replace(self, _dry_run=boolean("dry_run", enabled))

    def _with_page_size(self, size: object) -> Self:
        checked = single_integer("page_size", size, PAGE_SIZE_MIN, PAGE_SIZE_MAX)
        return dataclasses.replace(self, _page_size=checked)

    def _with_max_items(self, count: object) -> Self:
        checked = single_integer("max_items", count, MAX_ITEMS_MIN, None)
        return dataclasses.replace(self, _max_items=checked)

    def _with_starting_token(self, token: object) -> Self:
        (checked,) = query_strings("starting_token", (token,))
        parse_starting_token(checked)
        return dataclasses.replace(self, _starting_token=checked)

    # -- what the paging engine reads (through listing_request) -----------------

    def _call_arguments(self) -> dict[str, Any]:
        """The keyword arguments of each Describe call, without ``MaxResults`` and ``NextToken``."""
        call: dict[str, Any] = {}
        if self._ids:
            call[self._IDS_MEMBER] = list(self._ids)
        call.update(self._extra_members())
        if self._dry_run is not None:
            call["DryRun"] = self._dry_run
        if self._filters:
            filters: list[FilterTypeDef] = [
                {"Name": name, "Values": list(values)} for name, values in self._filters
            ]
            call["Filters"] = filters
        return call

    def _selector(self) -> Callable[[_M], bool] | None:
        """What the paging engine keeps of the valid items AWS returned (``None``: every one).

        The place for selection on the client side: items it refuses are not
        yielded and do not count against ``max_items``; the resume token still
        counts raw items, so resuming stays exact.
        """
        return None

    def _extra_members(self) -> dict[str, Any]:
        """Request members particular to one call (the rule query's ``TrafficMirrorFilterId``)."""
        return {}

    def _extra_calls(self) -> list[str]:
        """The ``repr`` of the methods that set `_extra_members`."""
        return []

    def _paginate_request(self) -> dict[str, Any]:
        """The keyword arguments of a boto3 paginator for this query."""
        request = self._call_arguments()
        pagination: dict[str, Any] = {}
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
        if self._ids:
            calls.append(_call(self._IDS_METHOD, self._ids))
        calls.extend(self._extra_calls())
        for name, values in self._filters:
            method = name.replace("-", "_")
            if name in self._INTEGER_FILTERS:
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
        return f"{type(self).__name__}()" + "".join(calls)


def listing_request(query: BaseQuery[_M]) -> ListingRequest[_M]:
    """What the paging engine needs of a query: the call, the paging options, the selection."""
    # The paging engine is the query's one reader: its private state stays private.
    return ListingRequest(
        call=query._call_arguments(),  # pyright: ignore[reportPrivateUsage]
        page_size=query._page_size,  # pyright: ignore[reportPrivateUsage]
        max_items=query._max_items,  # pyright: ignore[reportPrivateUsage]
        starting_token=query._starting_token,  # pyright: ignore[reportPrivateUsage]
        selector=query._selector(),  # pyright: ignore[reportPrivateUsage]
    )


def _call(method: str, values: Iterable[object]) -> str:
    return f".{method}({', '.join(repr(value) for value in values)})"


def _merge(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *new)))
