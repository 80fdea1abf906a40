"""One Describe engine for the four Traffic Mirror listings: ids, filters, pages, tokens.

Each Describe call is a `Listing` (which ids parameter, which filters, which
NotFound) over a ``Store`` of the region. The engine answers as AWS does:
``MaxResults`` 5 to 1000, an opaque ``NextToken`` valid again and again but
only with the query it was issued for, values of one filter OR, filters AND,
``*``/``?`` wildcards (``\\`` escapes them) on string filters, integers
compared as numbers, unknown filter names refused, unknown ids NotFound.
"""

from __future__ import annotations

import bisect
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final, Generic, TypeVar

from ec2_traffic_mirror.testing._context import Context, TokenState
from ec2_traffic_mirror.testing._moto import Request
from ec2_traffic_mirror.testing._state import Record, Store
from ec2_traffic_mirror.testing._wire import (
    ApiError,
    as_list,
    as_mapping,
    check_range,
    invalid_value,
    optional_string,
    quoted,
    string_list,
    wildcard,
)

__all__ = ["MAX_RESULTS_MAX", "MAX_RESULTS_MIN", "Listing", "describe", "malformed", "not_found"]

MAX_RESULTS_MIN: Final = 5
"""Smallest ``MaxResults`` of the Traffic Mirror Describe calls."""
MAX_RESULTS_MAX: Final = 1000
"""Largest ``MaxResults`` of the Traffic Mirror Describe calls."""

_INTEGER_TEXT: Final = re.compile(r"\s*[+-]?\d+\s*")

R = TypeVar("R", bound=Record)


def not_found(code: str, noun: str, ids: list[str]) -> ApiError:
    """``<code>`` (``Invalid...Id.NotFound``) naming the ids that do not exist."""
    return ApiError(code, f"The {noun} ID {quoted(ids)} does not exist")


def malformed(code: str, value: str, prefix: str) -> ApiError:
    """``<code>`` (``Invalid...Id.Malformed``): an id without the type's prefix."""
    return ApiError(code, f"Invalid id: '{value}' (expecting '{prefix}...')")


@dataclass(frozen=True)
class Listing(Generic[R]):
    """What one Describe call lists and how its request names things."""

    operation: str
    result_member: str
    """``TrafficMirrorTargets``: the list in the answer."""
    ids_member: str
    """``TrafficMirrorTargetIds``: the ids parameter (NotFound for an unknown one)."""
    id_prefix: str
    noun: str
    """``traffic mirror target``: for messages."""
    not_found_code: str
    malformed_code: str
    string_filters: Mapping[str, Callable[[R], str | None]]
    integer_filters: Mapping[str, Callable[[R], int | None]] = field(
        default_factory=dict[str, Callable[[R], "int | None"]]
    )

    @property
    def filter_names(self) -> tuple[str, ...]:
        """Every filter name of the call, sorted."""
        return tuple(sorted({*self.string_filters, *self.integer_filters}))


@dataclass(frozen=True)
class _Condition(Generic[R]):
    read_text: Callable[[R], str | None] | None
    patterns: tuple[re.Pattern[str], ...]
    read_number: Callable[[R], int | None] | None
    numbers: frozenset[int]

    def matches(self, record: R) -> bool:
        if self.read_text is not None:
            text = self.read_text(record)
            return text is not None and any(p.fullmatch(text) for p in self.patterns)
        assert self.read_number is not None
        number = self.read_number(record)
        return number is not None and number in self.numbers


def _conditions(
    listing: Listing[R], raw_filters: object
) -> tuple[list[_Condition[R]], tuple[tuple[str, tuple[str, ...]], ...]]:
    conditions: list[_Condition[R]] = []
    shapes: list[tuple[str, tuple[str, ...]]] = []
    for raw in as_list(raw_filters):
        entry = as_mapping(raw)
        name = entry.get("Name")
        values = [str(value) for value in as_list(entry.get("Values"))]
        if not isinstance(name, str) or (
            name not in listing.string_filters and name not in listing.integer_filters
        ):
            raise ApiError("InvalidParameterValue", f"The filter '{name}' is invalid")
        if not values:
            raise ApiError(
                "InvalidParameterValue", f"The filter '{name}' must have at least one value"
            )
        if name in listing.integer_filters:
            numbers: set[int] = set()
            for value in values:
                if not _INTEGER_TEXT.fullmatch(value):
                    raise invalid_value(name, value, "The filter value must be an integer.")
                numbers.add(int(value))
            condition = _Condition[R](None, (), listing.integer_filters[name], frozenset(numbers))
        else:
            patterns = tuple(wildcard(value) for value in dict.fromkeys(values))
            condition = _Condition[R](listing.string_filters[name], patterns, None, frozenset())
        conditions.append(condition)
        shapes.append((name, tuple(sorted(set(values)))))
    return conditions, tuple(sorted(shapes))


def describe(
    context: Context,
    request: Request,
    listing: Listing[R],
    store: Store[R],
    item: Callable[[R], dict[str, object]],
    *,
    scope: Callable[[R], bool] | None = None,
    scope_key: object = None,
) -> dict[str, object]:
    """The answer to a Describe request: one page of matching items, and a token for more.

    ``scope`` narrows the listing before the filters (``TrafficMirrorFilterId``
    of ``DescribeTrafficMirrorFilterRules``); ``scope_key`` is its part of the
    query a token belongs to.
    """
    params = request.params
    max_results: int | None = None
    if params.get("MaxResults") is not None:
        max_results = check_range(
            "MaxResults", params.get("MaxResults"), MAX_RESULTS_MIN, MAX_RESULTS_MAX
        )
    wanted = string_list(params, listing.ids_member)
    for record_id in wanted:
        if not record_id.startswith(listing.id_prefix):
            raise malformed(listing.malformed_code, record_id, listing.id_prefix)
    missing = [record_id for record_id in dict.fromkeys(wanted) if record_id not in store]
    if missing:
        raise not_found(listing.not_found_code, listing.noun, missing)
    conditions, shapes = _conditions(listing, params.get("Filters"))
    fingerprint = (
        listing.operation,
        request.account_id,
        request.region,
        tuple(sorted(set(wanted))),
        shapes,
        scope_key,
    )
    token = optional_string(params, "NextToken")
    after, offset = -1, 0
    if token:
        state = context.tokens.get(token)
        if state is None or state.fingerprint != fingerprint:
            raise ApiError("InvalidNextToken", f"The token '{token}' is invalid.")
        after, offset = state.after_ordinal, state.offset
    context.check_page_fault(0 if not max_results else offset // max_results)
    ids = frozenset(wanted)
    records, ordinals = store.listing()
    start = bisect.bisect_right(ordinals, after)
    limit = max_results if max_results else len(records)
    chosen: list[R] = []
    last_ordinal = after
    more = False
    for position in range(start, len(records)):
        record = records[position]
        if ids and record.id not in ids:
            continue
        if scope is not None and not scope(record):
            continue
        if not all(condition.matches(record) for condition in conditions):
            continue
        if len(chosen) == limit:
            more = True
            break
        chosen.append(record)
        last_ordinal = ordinals[position]
    body: dict[str, object] = {listing.result_member: [item(record) for record in chosen]}
    if more:
        next_token = secrets.token_urlsafe(24)
        context.tokens[next_token] = TokenState(fingerprint, last_ordinal, offset + len(chosen))
        body["NextToken"] = next_token
    return body
