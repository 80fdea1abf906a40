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

Selection on the client side is here too: AWS has no tag filters for the
Traffic Mirror calls, so every query also takes ``tag(key, *values)``,
``tag_key(*keys)`` and ``where(predicate)``. They are never sent: `_selector`
turns them into one function that the paging engine applies to each valid
item after AWS's own filters, counting only selected items against
``max_items``, with resume tokens staying exact (the cursor counts raw items).
They combine as AWS's ``tag:<key>`` and ``tag-key`` filters do in the EC2
calls that have them: the values of one key OR, the keys of ``tag_key`` OR,
and everything else ANDs (each ``where`` predicate too).

The StartingToken format is botocore's: `parse_starting_token` reads exactly
what a boto3 paginator reads.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import inspect
import json
from collections.abc import Callable, Iterable, Mapping
from types import BuiltinMethodType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar, cast

from ec2_traffic_mirror._checks import (
    IdKind,
    boolean,
    describe_value,
    query_ids,
    query_strings,
    single_integer,
)
from ec2_traffic_mirror._errors import QueryError
from ec2_traffic_mirror._models import (
    TAG_KEY_MAX_LENGTH,
    TAG_KEY_MIN_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    Tag,
)

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
    "predicate_name",
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


# -- selection on the client side --------------------------------------------------------


def _is_bound(function: object) -> bool:
    """Whether ``function`` is a method bound to an object (made anew at each attribute access)."""
    if not isinstance(function, (MethodType, BuiltinMethodType)):
        return False
    owner = function.__self__
    return owner is not None and not isinstance(owner, ModuleType)


def predicate_name(function: object) -> str:
    """How ``repr`` and messages show a predicate: its qualified name.

    A module-level function shows as its ``__qualname__`` (``is_prod``), which
    reads back as the same object where that name is in scope. Anything that
    no name can give back shows in angle brackets, which ``eval`` refuses
    rather than reading back as another query: ``<lambda>``,
    ``outer.<locals>.inner``, ``<bound method Team.owns>``, ``<Matcher object>``.
    """
    name = getattr(function, "__qualname__", None)
    if not isinstance(name, str):
        return f"<{type(function).__qualname__} object>"
    if _is_bound(function) and not isinstance(getattr(function, "__self__", None), type):
        return f"<bound method {name}>"
    return name


class _Predicate(Generic[_M]):
    """A ``where`` predicate in a query: compared by identity, shown by its qualified name.

    Identity, because two functions cannot be compared by what they do: the
    same function object (for a bound method, the same object and function,
    since each ``obj.method`` access makes a new bound method) is the same
    predicate, and nothing else is. That also keeps every query hashable.
    """

    __slots__ = ("function",)

    def __init__(self, function: Callable[[_M], bool]) -> None:
        self.function = function

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Predicate):
            return NotImplemented
        mine = self._held()
        theirs = other._held()
        if mine is theirs:
            return True
        # Bound methods compare their object by identity (Python 3.8 and later).
        return _is_bound(mine) and _is_bound(theirs) and mine == theirs

    def _held(self) -> object:
        return self.function

    def __hash__(self) -> int:
        function = self._held()
        return hash(function) if _is_bound(function) else id(function)

    def __repr__(self) -> str:
        return predicate_name(self.function)

    def __getstate__(self) -> object:
        return self.function

    def __setstate__(self, state: Callable[[_M], bool]) -> None:
        self.function = state


def _tag_key(method: str, key: object) -> str:
    if not isinstance(key, str):
        raise QueryError(f"{method}() takes tag key strings, got {describe_value(key)}")
    if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
        raise QueryError(
            f"{method}() takes tag keys of {TAG_KEY_MIN_LENGTH} to {TAG_KEY_MAX_LENGTH}"
            f" characters, got {key!r} ({len(key)} characters)"
        )
    return key


def _tag_value(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise QueryError(
            f"tag() takes tag value strings, got {describe_value(value)} for key {key!r}"
        )
    if len(value) > TAG_VALUE_MAX_LENGTH:
        raise QueryError(
            f"tag() takes tag values of at most {TAG_VALUE_MAX_LENGTH} characters,"
            f" got {value!r} ({len(value)} characters) for key {key!r}"
        )
    return value


def _check_predicate(model: str, predicate: object) -> _Predicate[Any]:
    rule = f"a function of one {model} that returns True or False"
    if not callable(predicate):
        raise QueryError(f"where() takes {rule}, got {describe_value(predicate)}")
    try:
        signature = inspect.signature(predicate)
    except (TypeError, ValueError):  # some builtins have no signature to read
        return _Predicate(cast("Callable[[Any], bool]", predicate))
    try:
        signature.bind(None)
    except TypeError:
        bare = signature.replace(
            parameters=[
                parameter.replace(annotation=inspect.Parameter.empty)
                for parameter in signature.parameters.values()
            ],
            return_annotation=inspect.Signature.empty,
        )
        raise QueryError(
            f"where() takes {rule}, got {predicate_name(predicate)}, which cannot be"
            f" called with one argument: its signature is {bare}"
        ) from None
    return _Predicate(cast("Callable[[Any], bool]", predicate))


def _tags_of(item: object) -> tuple[Tag, ...]:
    tags: tuple[Tag, ...] = getattr(item, "tags", ())
    return tags


def _make_selector(
    tags: tuple[tuple[str, tuple[str, ...]], ...],
    tag_keys: tuple[str, ...],
    predicates: tuple[_Predicate[_M], ...],
    describe_item: Callable[[_M], str],
) -> Callable[[_M], bool]:
    """One function for the whole selection: tags first (cheap), then each predicate in order."""
    wanted: Mapping[str, frozenset[str]] = {key: frozenset(values) for key, values in tags}
    any_of = frozenset(tag_keys)

    wanted_count = len(wanted)

    def select(item: _M) -> bool:
        if wanted or any_of:
            # One pass over the item's tags (their keys are unique: the model checks it).
            matched = 0
            has_key = not any_of
            for tag in _tags_of(item):
                values = wanted.get(tag.key)
                if values is not None:
                    if tag.value not in values:
                        return False
                    matched += 1
                if not has_key and tag.key in any_of:
                    has_key = True
            if matched != wanted_count or not has_key:
                return False
        for predicate in predicates:
            verdict: object = predicate.function(item)
            if verdict is not True and verdict is not False:
                raise QueryError(
                    f"where() predicate {predicate_name(predicate.function)} returned"
                    f" {describe_value(verdict)} for {describe_item(item)};"
                    " a predicate must return True or False"
                )
            if not verdict:
                return False
        return True

    return select


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
    # Selection on the client side. The predicates are `_Predicate` objects;
    # the field says ``object`` because a subclass's generated __init__ must
    # resolve its annotations in the subclass's module (see above).
    _tags: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _tag_keys: tuple[str, ...] = ()
    _predicates: tuple[object, ...] = ()

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
    _MODEL_NAME: ClassVar[str] = ""
    """The model the query lists, for messages: ``TrafficMirrorSession``."""
    _ID_FIELD: ClassVar[str] = ""
    """The model's id attribute, for messages: ``traffic_mirror_session_id``."""

    # -- building ---------------------------------------------------------------

    def _add_filter(self, name: str, values: tuple[str, ...]) -> Self:
        current = dict(self._filters)
        current[name] = _merge(current.get(name, ()), values)
        ordered = tuple((key, current[key]) for key in self._FILTER_NAMES if key in current)
        return dataclasses.replace(self, _filters=ordered)

    def _add_ids(self, ids: tuple[object, ...]) -> Self:
        checked = query_ids(self._IDS_METHOD, self._ID_KIND, ids)
        return dataclasses.replace(self, _ids=_merge(self._ids, checked))

    def _add_tag(self, key: object, values: tuple[object, ...]) -> Self:
        checked_key = _tag_key("tag", key)
        if not values:
            raise QueryError(
                f"tag() needs at least one value after the key {checked_key!r}"
                f" (for any value of the key, use tag_key({checked_key!r}))"
            )
        checked = tuple(_tag_value(checked_key, value) for value in values)
        current = dict(self._tags)
        current[checked_key] = _merge(current.get(checked_key, ()), checked)
        # Keys in sorted order: the keys AND together, so their order means nothing.
        return dataclasses.replace(self, _tags=tuple(sorted(current.items())))

    def _add_tag_keys(self, keys: tuple[object, ...]) -> Self:
        if not keys:
            raise QueryError("tag_key() needs at least one key")
        checked = tuple(_tag_key("tag_key", key) for key in keys)
        return dataclasses.replace(self, _tag_keys=_merge(self._tag_keys, checked))

    def _add_predicate(self, predicate: object) -> Self:
        model = self._MODEL_NAME or "item"
        checked: object = _check_predicate(model, predicate)
        predicates = tuple(dict.fromkeys((*self._predicates, checked)))
        return dataclasses.replace(self, _predicates=predicates)

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

        Selection on the client side: items it refuses are not yielded and do
        not count against ``max_items``; the resume token still counts raw
        items, so resuming stays exact.
        """
        if not (self._tags or self._tag_keys or self._predicates):
            return None
        predicates = cast("tuple[_Predicate[_M], ...]", self._predicates)
        return _make_selector(self._tags, self._tag_keys, predicates, self._describe_item)

    def _describe_item(self, item: _M) -> str:
        """An item in a message: ``TrafficMirrorSession 'tms-...'``."""
        name = self._MODEL_NAME or type(item).__name__
        item_id = getattr(item, self._ID_FIELD, None) if self._ID_FIELD else None
        return f"{name} {item_id!r}" if isinstance(item_id, str) else f"a {name}"

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
        for key, values in self._tags:
            calls.append(_call("tag", (key, *values)))
        if self._tag_keys:
            calls.append(_call("tag_key", self._tag_keys))
        calls.extend(f".where({predicate!r})" for predicate in self._predicates)
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
