"""The paging engine every listing shares: lazy pages, validated items, exact resume tokens.

A resource describes its Describe call once (`Describe`: the client method,
the result member, the model); the engine turns a query into those calls and
the answers into validated models, page by page, lazily. Sessions, targets,
filters and filter rules all go through it, the rules included (their call
has no botocore paginator: the engine never needed one).

Resumption tokens are botocore's own StartingToken format: base64 of the JSON
``{"NextToken": <AWS token or null>}``, plus ``"boto_truncate_amount": n``
when the listing stopped ``n`` items into the page that ``NextToken`` asks for.
That is what a boto3 paginator writes after ``MaxItems`` and what it reads
back from ``PaginationConfig.StartingToken``, so a token works with both.
Tokens are computed only when asked for, from a few numbers kept per page.

Each page is validated in one pass (one pydantic call over the page's list);
only a page that fails is validated again item by item, to find the bad items.
An item the query's selection on the client side refuses is stepped over: it
is not yielded and does not count against ``max_items``, and the cursor (which
counts raw items) keeps the tokens exact. The selection runs before the
cursor steps past an item, so an exception from a ``where`` predicate leaves
the cursor before that item (a page being gathered is given back whole):
nothing selected is lost.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import GenericAlias
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeVar, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from ec2_traffic_mirror._errors import (
    ResourceNotFoundError,
    ResponseValidationError,
    TrafficMirrorError,
    call_aws,
)
from ec2_traffic_mirror._query import BaseQuery, listing_request, parse_starting_token

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client
    from typing_extensions import Self

__all__ = [
    "BasePage",
    "Describe",
    "ItemIterator",
    "OnInvalid",
    "PageIterator",
    "encode_token",
    "logger",
    "next_page_with_tokens",
]

OnInvalid = Literal["raise", "skip"]
"""What to do with a response item that breaks the model: raise, or log and leave it out."""

logger: Final = logging.getLogger("ec2_traffic_mirror")

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
P = TypeVar("P")


def encode_token(next_token: str | None, offset: int) -> str:
    """The StartingToken for ``offset`` items into the page asked for with ``next_token``.

    Byte for byte what botocore's ``PageIterator`` writes (key order included).
    """
    token: dict[str, object] = {"NextToken": next_token}
    if offset:
        token["boto_truncate_amount"] = offset
    return base64.b64encode(json.dumps(token).encode("utf-8")).decode("utf-8")


@dataclasses.dataclass(frozen=True)
class Describe(Generic[M, R]):
    """One resource's Describe call, as the engine and the repositories need it."""

    operation: str
    """The API operation, for example ``DescribeTrafficMirrorTargets``."""
    result_key: str
    """The response member that holds the items, for example ``TrafficMirrorTargets``."""
    ids_member: str
    """The request member that lists ids, for example ``TrafficMirrorTargetIds``."""
    id_member: str
    """The item member that holds its id, for example ``TrafficMirrorTargetId``."""
    noun: str
    """What one item is, for messages: ``"target"``, ``"filter rule"``."""
    model: type[M]
    """The model of one item."""
    send: Callable[[EC2Client, dict[str, Any]], Mapping[str, Any]]
    """Make the call: the client method with these keyword arguments."""
    not_found: type[ResourceNotFoundError]
    """The error for an unknown id."""

    @property
    def adapter(self) -> TypeAdapter[list[M]]:
        """Validates a whole page in one pydantic call."""
        return _adapter(self.model)

    def id_of(self, raw: object) -> str | None:
        """The id of a raw item, when it has a usable one."""
        if isinstance(raw, Mapping):
            value = cast("Mapping[str, object]", raw).get(self.id_member)
            if isinstance(value, str) and value:
                return value
        return None

    def facts(self, raw: object, error: ValidationError) -> str:
        """The resource, its id, the fields, the values and the rules of a failed item."""
        problems: list[str] = []
        for detail in error.errors(include_url=False):
            field = ".".join(str(part) for part in detail["loc"]) or "<item>"
            problems.append(f"{field}={detail['input']!r}: {detail['msg']}")
        resource_id = self.id_of(raw)
        who = f"{self.noun} {resource_id}" if resource_id else f"a {self.noun} with no usable id"
        return f"{who} breaks the model: " + "; ".join(problems)

    def validated(self, raw: object) -> M:
        """One item AWS answered with (get, create, modify), validated, or the error."""
        try:
            return self.model.model_validate(raw, by_alias=True, by_name=False)
        except ValidationError as error:
            raise self.invalid(raw, error) from error

    def invalid(
        self, raw: object, error: ValidationError, resume_token: str | None = None
    ) -> ResponseValidationError:
        """The `ResponseValidationError` for an item that failed (raise it ``from error``)."""
        resource_id = self.id_of(raw)
        facts = self.facts(raw, error)
        raw_item: Mapping[str, object] = {}
        if isinstance(raw, Mapping):
            raw_item = cast("Mapping[str, object]", raw)
        return ResponseValidationError(
            facts,
            raw_item=raw_item,
            resource=self.noun,
            resource_id=resource_id,
            resume_token=resume_token,
        )

    def not_found_error(self, resource_id: str, request_id: str | None) -> ResourceNotFoundError:
        """The NotFound error AWS would give, for an answer that simply lacks the id."""
        (code,) = sorted(code for code in self.not_found.codes if code.endswith("Id.NotFound"))
        return self.not_found(
            code,
            f"The traffic mirror {self.noun} '{resource_id}' does not exist"
            " (the answer was empty).",
            request_id=request_id,
            operation=self.operation,
        )


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _adapter(model: type[M]) -> TypeAdapter[list[M]]:
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        # list[model], with the model only known at run time.
        page_type: Any = GenericAlias(list, (model,))
        adapter = _ADAPTERS[model] = TypeAdapter[Any](page_type)
    return cast("TypeAdapter[list[M]]", adapter)


class _Invalid:
    """A response item that failed validation, in its place in the page."""

    __slots__ = ("error", "raw")

    def __init__(self, raw: object, error: ValidationError) -> None:
        self.raw = raw
        self.error = error


class _Listing(Generic[M, R]):
    """The cursor behind `ItemIterator` and `PageIterator`.

    The cursor is (the ``NextToken`` the current page was asked for with, the
    position in that page's raw item list); everything else is derived.
    """

    _describe: Describe[M, R]
    """The call this listing makes: set by each resource's iterator class."""

    def __init__(self, client: EC2Client, query: BaseQuery[M], on_invalid: OnInvalid) -> None:
        request = listing_request(query)
        call = dict(request.call)
        if request.page_size is not None:
            call["MaxResults"] = request.page_size
        self._client = client
        self._call = call
        self._on_invalid = on_invalid
        self._select = request.selector
        self._budget: int | None = request.max_items  # items still to hand out
        self._start: str | None = request.starting_token
        first_token, first_offset = (
            parse_starting_token(self._start) if self._start is not None else (None, 0)
        )
        self._skipped: list[R] = []
        # The current page: asked for with _token; its raw items from _base
        # on are validated as _entries. Without a selection the validation
        # stops where max_items would (_rest keeps what follows, if anything).
        self._token: str | None = first_token
        self._base: int = first_offset
        self._entries: Sequence[M | _Invalid] = ()
        self._rest: list[R] = []
        self._i: int = 0  # entries consumed
        self._n: int = 0  # len(_entries)
        self._raw_len: int = 0
        self._next: str | None = None  # the page's NextToken
        self._started = False

    # -- tokens ---------------------------------------------------------------

    @property
    def resume_token(self) -> str | None:
        """A StartingToken for exactly what was not returned yet; ``None`` when nothing is left.

        Pass it to the query's ``starting_token`` (or to a boto3 paginator's
        ``PaginationConfig.StartingToken``).
        """
        if not self._started:
            return self._start if self._start is not None else encode_token(None, 0)
        position = self._base + self._i
        if position < self._raw_len:
            return encode_token(self._token, position)
        if self._next is None:
            return None
        return encode_token(self._next, 0)

    @property
    def skipped_items(self) -> tuple[R, ...]:
        """The raw items left out so far because they broke the model (``on_invalid="skip"``)."""
        return tuple(self._skipped)

    # -- paging ---------------------------------------------------------------

    def _advance(self) -> bool:
        """Move the cursor to the next entries; ``False`` when there are none."""
        if self._budget == 0:
            return False
        if self._rest:
            # The budget was cut short by invalid items left out: validate
            # more of the same page, from where the entries ended.
            base = self._base + self._n
            rest = self._rest
            end = len(rest) if self._budget is None else min(len(rest), self._budget)
            self._rest = rest[end:]
            self._base = base
            self._entries = self._validate(rest[:end])
            self._i = 0
            self._n = len(self._entries)
            return True
        return self._fetch()

    def _fetch(self) -> bool:
        """Fetch the next page into the cursor; ``False`` when there is none."""
        if self._started and self._next is None:
            return False
        token = self._next if self._started else self._token
        base = 0 if self._started else self._base
        call = self._call.copy()
        if token is not None:
            call["NextToken"] = token
        describe = self._describe
        response = call_aws(
            describe.operation,
            lambda: describe.send(self._client, call),
            resume_token=lambda: self.resume_token,
        )
        raw = cast("list[R]", response.get(describe.result_key) or [])
        next_token = cast("str | None", response.get("NextToken") or None)
        if next_token is not None and next_token == token:
            raise TrafficMirrorError(
                f"AWS answered NextToken {next_token!r} for the request that sent it:"
                " the listing would never end"
            )
        raw_len = len(raw)
        base = min(base, raw_len)
        end = raw_len
        if self._budget is not None and self._select is None:
            # Without a selection, no more than the budget can be handed out
            # of this page: validate no further (what a paginator would cut).
            end = min(raw_len, base + self._budget)
        entries = self._validate(raw[base:end])
        # Commit the new cursor only now: a failed call leaves the old one.
        self._started = True
        self._token = token
        self._base = base
        self._entries = entries
        self._rest = raw[end:]
        self._i = 0
        self._n = len(entries)
        self._raw_len = raw_len
        self._next = next_token
        return True

    def _validate(self, raw: list[R]) -> Sequence[M | _Invalid]:
        describe = self._describe
        try:
            # AWS answers with the PascalCase members only: not trying the
            # snake_case names too saves a lookup per field.
            return describe.adapter.validate_python(raw, by_alias=True, by_name=False)
        except ValidationError:
            pass
        # Rare: the page has a bad item. Validate again one by one to place it.
        return [self._validate_one(item) for item in raw]

    def _validate_one(self, item: R) -> M | _Invalid:
        try:
            return self._describe.model.model_validate(item, by_alias=True, by_name=False)
        except ValidationError as error:
            return _Invalid(item, error)

    def _take(self, entry: M) -> bool:
        """Whether the valid entry at the cursor is handed out (the caller then steps past it)."""
        if self._select is not None and not self._select(entry):
            return False
        if self._budget is not None:
            self._budget -= 1
        return True

    def _reject(self, invalid: _Invalid) -> None:
        """Deal with an invalid entry the cursor has just stepped past."""
        describe = self._describe
        if self._on_invalid == "skip":
            self._skipped.append(cast("R", invalid.raw))
            logger.warning(
                "skipped a response item: %s", describe.facts(invalid.raw, invalid.error)
            )
            return
        raise describe.invalid(invalid.raw, invalid.error, self.resume_token) from invalid.error


class ItemIterator(_Listing[M, R], Iterator[M]):
    """A lazy iterator of the items of a listing (what ``find`` returns).

    A page is fetched only when iteration needs it. ``resume_token`` says where
    to go on from at any moment, also after an error: an error raised while
    iterating leaves the iterator where it was (the error's ``resume_token`` is
    the iterator's), so iterating again retries the failed call, or goes on
    past an invalid item.
    """

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> M:
        while True:
            if self._budget == 0:
                raise StopIteration
            i = self._i
            if i < self._n:
                entry = self._entries[i]
                if isinstance(entry, _Invalid):
                    self._i = i + 1
                    self._reject(entry)
                    continue
                # Selected or not, then past it: a predicate that raises leaves the cursor here.
                taken = self._take(entry)
                self._i = i + 1
                if taken:
                    return entry
            elif not self._advance():
                raise StopIteration


@dataclasses.dataclass(frozen=True)
class BasePage(Generic[M]):
    """One page of a listing: the items and where the listing goes on."""

    items: tuple[M, ...]
    """The items of this page, in the order AWS returned them."""
    next_token: str | None
    """A StartingToken just past this page (the query's ``starting_token``); ``None`` at the end."""


class PageIterator(_Listing[M, R], Iterator[P]):
    """A lazy iterator of the pages of a listing (what ``pages`` returns).

    Each AWS answer is one page. With ``on_invalid="raise"`` a page with a
    bad item comes out as the items before it, then the error, then the rest,
    so every ``next_token`` and ``resume_token`` stays exact.
    """

    _item_tokens: list[str | None] | None = None
    """When a list (`next_page_with_tokens`): the resume token just past each item handed out."""

    def _page(self, items: tuple[M, ...], next_token: str | None) -> P:
        """One page object of the resource's own page class."""
        raise NotImplementedError

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> P:
        if self._budget == 0 or (self._i >= self._n and not self._advance()):
            raise StopIteration
        items: list[M] = []
        # Where the page began: an exception from the selection gives it back whole.
        start, budget, skipped = self._i, self._budget, len(self._skipped)
        while self._budget != 0:
            if self._i >= self._n:
                if not self._rest:
                    break
                self._advance()  # more of the same AWS page (invalid items were left out)
                continue
            entry = self._entries[self._i]
            if not isinstance(entry, _Invalid):
                try:
                    taken = self._take(entry)
                except BaseException:
                    # Only a selection (a where predicate) can raise here, and with a
                    # selection the page is validated whole (`_rest` stays empty).
                    self._i, self._budget = start, budget
                    del self._skipped[skipped:]
                    raise
                self._i += 1
                if taken:
                    items.append(entry)
                    if self._item_tokens is not None:
                        self._item_tokens.append(self.resume_token)
                continue
            if self._on_invalid == "raise" and items:
                break  # hand out the good items first; the error comes next
            self._i += 1
            self._reject(entry)
        return self._page(tuple(items), self.resume_token)


def next_page_with_tokens(pages: PageIterator[M, R, P]) -> tuple[P, tuple[str | None, ...]] | None:
    """The next page and the resume token just past each of its items; ``None`` at the end.

    For a consumer that may stop part way through a page (a `Fleet` listing
    closed early): the token after the last item it took is exact.
    """
    tokens: list[str | None] = []
    pages._item_tokens = tokens  # pyright: ignore[reportPrivateUsage]
    try:
        page = next(pages, None)
    finally:
        pages._item_tokens = None  # pyright: ignore[reportPrivateUsage]
    return None if page is None else (page, tuple(tokens))
