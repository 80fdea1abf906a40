"""`TrafficMirrorSessionRepository`: the one place that calls AWS.

It turns a `SessionQuery` into ``DescribeTrafficMirrorSessions`` calls and the
answers into validated `TrafficMirrorSession` objects, page by page, lazily.

Resumption tokens are botocore's own StartingToken format: base64 of the JSON
``{"NextToken": <AWS token or null>}``, plus ``"boto_truncate_amount": n``
when the listing stopped ``n`` items into the page that ``NextToken`` asks for.
That is what a boto3 paginator writes after ``MaxItems`` and what it reads
back from ``PaginationConfig.StartingToken``, so a token works with both.
Tokens are computed only when asked for, from four numbers kept per page.

Each page is validated in one pass (one pydantic call over the page's list);
only a page that fails is validated again item by item, to find the bad items.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, cast

from botocore.exceptions import ClientError
from pydantic import TypeAdapter, ValidationError

from ec2_traffic_mirror._errors import (
    QueryError,
    ResponseValidationError,
    SessionNotFoundError,
    TrafficMirrorError,
    error_from_client_error,
)
from ec2_traffic_mirror._models import TrafficMirrorSession
from ec2_traffic_mirror._parsing import try_install_fast_parser
from ec2_traffic_mirror._query import SessionQuery, check_session_id, parse_starting_token
from ec2_traffic_mirror._writes import (
    Remove,
    TagsInput,
    create_request,
    create_tags_request,
    delete_request,
    delete_tags_request,
    flag,
    modify_request,
)

if TYPE_CHECKING:
    from botocore.config import Config
    from mypy_boto3_ec2 import EC2Client
    from mypy_boto3_ec2.type_defs import (
        DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
        DescribeTrafficMirrorSessionsRequestTypeDef,
        TrafficMirrorSessionTypeDef,
    )
    from typing_extensions import Self

__all__ = [
    "OnInvalid",
    "Page",
    "SessionIterator",
    "SessionPageIterator",
    "TrafficMirrorSessionRepository",
]

OnInvalid = Literal["raise", "skip"]
"""What to do with a response item that breaks the model: raise, or log and leave it out."""

logger: Final = logging.getLogger("ec2_traffic_mirror")

_PAGE_ADAPTER: Final = TypeAdapter(list[TrafficMirrorSession])
_NOT_FOUND: Final = "InvalidTrafficMirrorSessionId.NotFound"


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of a listing: the sessions and where the listing goes on."""

    items: tuple[TrafficMirrorSession, ...]
    """The sessions of this page, in the order AWS returned them."""
    next_token: str | None
    """A StartingToken just past this page (`SessionQuery.starting_token`); ``None`` at the end."""


def encode_token(next_token: str | None, offset: int) -> str:
    """The StartingToken for ``offset`` items into the page asked for with ``next_token``.

    Byte for byte what botocore's ``PageIterator`` writes (key order included).
    """
    token: dict[str, object] = {"NextToken": next_token}
    if offset:
        token["boto_truncate_amount"] = offset
    return base64.b64encode(json.dumps(token).encode("utf-8")).decode("utf-8")


class _Invalid:
    """A response item that failed validation, in its place in the page."""

    __slots__ = ("error", "raw")

    def __init__(self, raw: TrafficMirrorSessionTypeDef, error: ValidationError) -> None:
        self.raw = raw
        self.error = error


def _session_id_of(raw: object) -> str | None:
    if isinstance(raw, Mapping):
        value = cast("Mapping[str, object]", raw).get("TrafficMirrorSessionId")
        if isinstance(value, str) and value:
            return value
    return None


def _facts(raw: object, error: ValidationError) -> str:
    """The session id, fields, values and rules of a failed item, in one line."""
    problems: list[str] = []
    for detail in error.errors(include_url=False):
        field = ".".join(str(part) for part in detail["loc"]) or "<item>"
        problems.append(f"{field}={detail['input']!r}: {detail['msg']}")
    session_id = _session_id_of(raw)
    who = f"session {session_id}" if session_id else "a session with no usable id"
    return f"{who} breaks the model: " + "; ".join(problems)


def _call_arguments(
    request: DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
) -> DescribeTrafficMirrorSessionsRequestTypeDef:
    """The client-call arguments of a paginator request, without its PaginationConfig."""
    call: DescribeTrafficMirrorSessionsRequestTypeDef = {}
    if "TrafficMirrorSessionIds" in request:
        call["TrafficMirrorSessionIds"] = request["TrafficMirrorSessionIds"]
    if "DryRun" in request:
        call["DryRun"] = request["DryRun"]
    if "Filters" in request:
        call["Filters"] = request["Filters"]
    return call


def _check_optional_name(name: str, value: object) -> None:
    # Checked at run time too: callers are not always type-checked.
    if value is not None and (not isinstance(value, str) or not value):
        raise QueryError(f"connect() takes a non-empty string or None as {name}, got {value!r}")


def _check_query(query: object) -> SessionQuery:
    if not isinstance(query, SessionQuery):
        raise QueryError(f"expected a SessionQuery or None, got {query!r}")
    return query


def _validate_one(item: TrafficMirrorSessionTypeDef) -> TrafficMirrorSession | _Invalid:
    try:
        return TrafficMirrorSession.model_validate(item, by_alias=True, by_name=False)
    except ValidationError as error:
        return _Invalid(item, error)


class _Listing:
    """The paging engine behind `SessionIterator` and `SessionPageIterator`.

    The cursor is (the ``NextToken`` the current page was asked for with, the
    position in that page's raw item list); everything else is derived.
    """

    def __init__(self, client: EC2Client, query: SessionQuery, on_invalid: OnInvalid) -> None:
        request = query.to_request()
        pagination = request.get("PaginationConfig", {})
        call = _call_arguments(request)
        if "PageSize" in pagination:
            call["MaxResults"] = pagination["PageSize"]
        self._client = client
        self._call = call
        self._on_invalid = on_invalid
        self._budget: int | None = pagination.get("MaxItems")
        self._start: str | None = pagination.get("StartingToken")
        first_token, first_offset = (
            parse_starting_token(self._start) if self._start is not None else (None, 0)
        )
        self._skipped: list[TrafficMirrorSessionTypeDef] = []
        # The current page: asked for with _token, the raw items up to _end
        # (MaxItems may cut it), validated entries for raw[_base:_end].
        self._token: str | None = first_token
        self._base = first_offset
        self._entries: Sequence[TrafficMirrorSession | _Invalid] = ()
        self._i = 0  # entries consumed
        self._n = 0  # len(_entries)
        self._raw_len = 0
        self._next: str | None = None  # the page's NextToken
        self._started = False
        self._finished = False  # no page left to fetch

    # -- tokens ---------------------------------------------------------------

    @property
    def resume_token(self) -> str | None:
        """A StartingToken for exactly what was not returned yet; ``None`` when nothing is left.

        Pass it to `SessionQuery.starting_token` (or to a boto3 paginator's
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
    def skipped_items(self) -> tuple[TrafficMirrorSessionTypeDef, ...]:
        """The raw items left out so far because they broke the model (``on_invalid="skip"``)."""
        return tuple(self._skipped)

    # -- paging ---------------------------------------------------------------

    def _fetch(self) -> bool:
        """Fetch the next page into the cursor; ``False`` when there is none."""
        if self._finished or (self._started and self._next is None):
            self._finished = True
            return False
        token = self._next if self._started else self._token
        base = 0 if self._started else self._base
        call = self._call.copy()
        if token is not None:
            call["NextToken"] = token
        try:
            response = self._client.describe_traffic_mirror_sessions(**call)
        except ClientError as error:
            raise error_from_client_error(error, resume_token=self.resume_token) from error
        raw = response.get("TrafficMirrorSessions") or []
        next_token = response.get("NextToken") or None
        if next_token is not None and next_token == token:
            raise TrafficMirrorError(
                f"AWS answered NextToken {next_token!r} for the request that sent it:"
                " the listing would never end"
            )
        raw_len = len(raw)
        base = min(base, raw_len)
        end = raw_len
        if self._budget is not None:
            end = min(raw_len, base + self._budget)
            self._budget -= end - base
        entries = self._validate(raw[base:end])
        # Commit the new cursor only now: a failed call leaves the old one.
        self._started = True
        self._token = token
        self._base = base
        self._entries = entries
        self._i = 0
        self._n = len(entries)
        self._raw_len = raw_len
        self._next = next_token
        # MaxItems reached: a cut page resumes inside it (the cursor stops
        # before raw_len); a full page resumes at its NextToken.
        self._finished = end < raw_len or self._budget == 0
        return True

    @staticmethod
    def _validate(
        raw: list[TrafficMirrorSessionTypeDef],
    ) -> Sequence[TrafficMirrorSession | _Invalid]:
        try:
            # AWS answers with the PascalCase members only: not trying the
            # snake_case names too saves a lookup per field.
            return _PAGE_ADAPTER.validate_python(raw, by_alias=True, by_name=False)
        except ValidationError:
            pass
        # Rare: the page has a bad item. Validate again one by one to place it.
        return [_validate_one(item) for item in raw]

    def _reject(self, invalid: _Invalid) -> None:
        """Deal with an invalid entry the cursor has just stepped past."""
        facts = _facts(invalid.raw, invalid.error)
        if self._on_invalid == "skip":
            self._skipped.append(invalid.raw)
            logger.warning("skipped a response item: %s", facts)
            return
        raise ResponseValidationError(
            facts,
            raw_item=invalid.raw,
            session_id=_session_id_of(invalid.raw),
            resume_token=self.resume_token,
        ) from invalid.error


class SessionIterator(_Listing, Iterator[TrafficMirrorSession]):
    """The lazy iterator `TrafficMirrorSessionRepository.find` returns.

    A page is fetched only when iteration needs it. ``resume_token`` says where
    to go on from at any moment, also after an error: an error raised while
    iterating leaves the iterator where it was (the error's ``resume_token`` is
    the iterator's), so iterating again retries the failed call, or goes on
    past an invalid item.
    """

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> TrafficMirrorSession:
        while True:
            i = self._i
            if i < self._n:
                entry = self._entries[i]
                self._i = i + 1
                if isinstance(entry, TrafficMirrorSession):
                    return entry
                self._reject(entry)
            elif not self._fetch():
                raise StopIteration


class SessionPageIterator(_Listing, Iterator[Page]):
    """The lazy iterator of `Page` that `TrafficMirrorSessionRepository.pages` returns.

    Each AWS answer is one `Page`. With ``on_invalid="raise"`` a page with a
    bad item comes out as the items before it, then the error, then the rest,
    so every ``next_token`` and ``resume_token`` stays exact.
    """

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> Page:
        if self._i >= self._n and not self._fetch():
            raise StopIteration
        items: list[TrafficMirrorSession] = []
        while self._i < self._n:
            entry = self._entries[self._i]
            if isinstance(entry, TrafficMirrorSession):
                items.append(entry)
                self._i += 1
                continue
            if self._on_invalid == "raise" and items:
                break  # hand out the good items first; the error comes next
            self._i += 1
            self._reject(entry)
        return Page(items=tuple(items), next_token=self.resume_token)


class TrafficMirrorSessionRepository:
    """Typed access to Traffic Mirror sessions over a boto3 EC2 client.

    ``on_invalid`` says what happens to a response item that breaks the model:
    ``"raise"`` raises `ResponseValidationError`; ``"skip"`` leaves it out, logs
    a warning on the ``ec2_traffic_mirror`` logger and keeps it on the
    iterator's ``skipped_items``.

    ``fast_parse`` (default ``True``) installs the SDK's own parser of the
    Traffic Mirror Describe answers on ``client`` (`install_fast_parser`): the
    same data as botocore's parser, at well under half its cost. ``False``
    leaves the client as it is (`uninstall_fast_parser` removes it from a
    client that has it).
    """

    def __init__(
        self, client: EC2Client, *, on_invalid: OnInvalid = "raise", fast_parse: bool = True
    ) -> None:
        if on_invalid not in {"raise", "skip"}:
            raise QueryError(f"on_invalid must be 'raise' or 'skip', got {on_invalid!r}")
        install = flag("TrafficMirrorSessionRepository", "fast_parse", fast_parse)
        self._client = client
        self._on_invalid: OnInvalid = on_invalid
        if install:
            # A stand-in object that is not a botocore EC2 client is left alone.
            try_install_fast_parser(client)

    @classmethod
    def connect(
        cls,
        *,
        region_name: str | None = None,
        profile_name: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
        on_invalid: OnInvalid = "raise",
        fast_parse: bool = True,
    ) -> Self:
        """A repository over a new boto3 EC2 client, typed, without calling ``boto3.client``.

        Retries use botocore's ``standard`` mode (which retries throttling with
        backoff) unless ``config`` sets ``retries["mode"]``; the rest of
        ``config`` is the caller's. ``on_invalid`` and ``fast_parse`` are the
        constructor's.
        """
        import boto3
        from botocore.config import Config

        _check_optional_name("region_name", region_name)
        _check_optional_name("profile_name", profile_name)
        _check_optional_name("endpoint_url", endpoint_url)
        # The caller's retry settings win key by key over the standard mode.
        retries: dict[str, Any] = {"mode": "standard"}
        if config is not None:
            retries.update(cast("Mapping[str, Any] | None", getattr(config, "retries", None)) or {})
        merged = Config(retries=cast("Any", retries))
        if config is not None:
            merged = config.merge(merged)
        session = boto3.session.Session(profile_name=profile_name, region_name=region_name)
        # boto3-stubs types only the services installed; the "ec2" overload is EC2Client.
        client: EC2Client = session.client(  # pyright: ignore[reportUnknownMemberType]
            "ec2", endpoint_url=endpoint_url, config=merged
        )
        return cls(client, on_invalid=on_invalid, fast_parse=fast_parse)

    @property
    def client(self) -> EC2Client:
        """The boto3 EC2 client the repository calls."""
        return self._client

    @property
    def on_invalid(self) -> OnInvalid:
        """``"raise"`` or ``"skip"``: what happens to a response item that breaks the model."""
        return self._on_invalid

    @staticmethod
    def _query(query: SessionQuery | None) -> SessionQuery:
        if query is None:
            return SessionQuery()
        return _check_query(query)

    def find(self, query: SessionQuery | None = None) -> SessionIterator:
        """The matching sessions, lazily: no call is made until iteration needs a page."""
        return SessionIterator(self._client, self._query(query), self._on_invalid)

    def pages(self, query: SessionQuery | None = None) -> SessionPageIterator:
        """The matching sessions page by page, lazily, as `Page` objects."""
        return SessionPageIterator(self._client, self._query(query), self._on_invalid)

    def first(self, query: SessionQuery | None = None) -> TrafficMirrorSession | None:
        """The first matching session, or ``None``.

        One call, unless AWS answers a page with no items but a ``NextToken``
        (EC2 may, when filters leave a page empty): then the listing goes on
        until an item or the end, since stopping there would say "none" wrongly.
        """
        return next(self.find(query), None)

    def count(self, query: SessionQuery | None = None) -> int:
        """How many sessions `find` would return for this query (every page is fetched)."""
        listing = self.find(query)
        total = 0
        for _ in listing:
            total += 1
        return total

    def get(self, session_id: str) -> TrafficMirrorSession:
        """The session with this id, or `SessionNotFoundError`.

        An id that is not a session id (``tms-`` and hex) raises `QueryError`
        before any call. An item that breaks the model raises
        `ResponseValidationError`, whatever ``on_invalid`` says: there is no
        other answer to give.
        """
        checked = check_session_id("get", session_id)
        try:
            response = self._client.describe_traffic_mirror_sessions(
                TrafficMirrorSessionIds=[checked]
            )
        except ClientError as error:
            raise error_from_client_error(error) from error
        for raw in response.get("TrafficMirrorSessions") or []:
            if raw.get("TrafficMirrorSessionId") == checked:
                return _validated_session(raw)
        request_id = response.get("ResponseMetadata", {}).get("RequestId") or None
        raise SessionNotFoundError(
            _NOT_FOUND,
            f"The traffic mirror session '{checked}' does not exist (the answer was empty).",
            request_id=request_id,
            operation="DescribeTrafficMirrorSessions",
        )

    def can_describe(self, query: SessionQuery | None = None) -> bool:
        """Whether the caller may describe these sessions, asked with ``DryRun``.

        ``True`` when AWS answers ``DryRunOperation`` (or answers at all),
        ``False`` for ``UnauthorizedOperation``; any other error is raised.
        """
        call = _call_arguments(self._query(query).dry_run(True).to_request())
        return _permitted(lambda: self._client.describe_traffic_mirror_sessions(**call))

    # -- writes ---------------------------------------------------------------
    # Every argument is checked before any call (`QueryError` names the method,
    # the argument, the value and the rule); the requests are built in _writes.

    def create(
        self,
        *,
        network_interface_id: str,
        traffic_mirror_target_id: str,
        traffic_mirror_filter_id: str,
        session_number: int,
        packet_length: int | None = None,
        virtual_network_id: int | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorSession:
        """Create a session (``CreateTrafficMirrorSession``) and return it as AWS stored it.

        ``network_interface_id`` (``eni-...``) is the source, ``traffic_mirror_target_id``
        (``tmt-...``) and ``traffic_mirror_filter_id`` (``tmf-...``) the target and
        filter; ``session_number`` 1 to 32766; ``packet_length`` 1 to 8500 (``None``:
        whole packets); ``virtual_network_id`` 0 to 16777215 (``None``: AWS picks
        one); ``tags`` as `Tag` objects or a mapping (at most 50, unique keys, no
        ``aws:`` keys). ``client_token`` (1 to 64 ASCII characters) is sent as
        ``ClientToken``: retrying with the same token and arguments gives the
        same session instead of a second one.
        """
        request = create_request(
            "create",
            network_interface_id=network_interface_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        try:
            response = self._client.create_traffic_mirror_session(**request)
        except ClientError as error:
            raise error_from_client_error(error) from error
        return _validated_session(response.get("TrafficMirrorSession"))

    def can_create(
        self,
        *,
        network_interface_id: str,
        traffic_mirror_target_id: str,
        traffic_mirror_filter_id: str,
        session_number: int,
        packet_length: int | None = None,
        virtual_network_id: int | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool:
        """Whether the caller may make this `create` call, asked with ``DryRun``.

        The arguments are checked as `create` checks them and the same request
        is sent with ``DryRun``: ``True`` when AWS answers ``DryRunOperation``,
        ``False`` for ``UnauthorizedOperation``; any other error is raised.
        """
        request = create_request(
            "can_create",
            network_interface_id=network_interface_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        request["DryRun"] = True
        return _permitted(lambda: self._client.create_traffic_mirror_session(**request))

    def modify(
        self,
        session_id: str,
        *,
        traffic_mirror_target_id: str | None = None,
        traffic_mirror_filter_id: str | None = None,
        session_number: int | None = None,
        packet_length: int | Literal[Remove.REMOVE] | None = None,
        virtual_network_id: int | Literal[Remove.REMOVE] | None = None,
        description: str | Literal[Remove.REMOVE] | None = None,
    ) -> TrafficMirrorSession:
        """Change a session (``ModifyTrafficMirrorSession``) and return it as it is now.

        ``None`` (the default) leaves a field as is. `REMOVE` removes
        ``packet_length`` (whole packets are mirrored again), ``virtual_network_id``
        or ``description`` (AWS ``RemoveFields``); no other field can be removed.
        A call that changes nothing raises `QueryError`; an unknown session
        raises `SessionNotFoundError`.
        """
        request = modify_request(
            "modify",
            session_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
        )
        try:
            response = self._client.modify_traffic_mirror_session(**request)
        except ClientError as error:
            raise error_from_client_error(error) from error
        return _validated_session(response.get("TrafficMirrorSession"))

    def can_modify(
        self,
        session_id: str,
        *,
        traffic_mirror_target_id: str | None = None,
        traffic_mirror_filter_id: str | None = None,
        session_number: int | None = None,
        packet_length: int | Literal[Remove.REMOVE] | None = None,
        virtual_network_id: int | Literal[Remove.REMOVE] | None = None,
        description: str | Literal[Remove.REMOVE] | None = None,
    ) -> bool:
        """Whether the caller may make this `modify` call, asked with ``DryRun``."""
        request = modify_request(
            "can_modify",
            session_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
        )
        request["DryRun"] = True
        return _permitted(lambda: self._client.modify_traffic_mirror_session(**request))

    def delete(self, session_id: str, *, missing_ok: bool = False) -> bool:
        """Delete a session (``DeleteTrafficMirrorSession``); ``True`` when it was deleted.

        A session that does not exist raises `SessionNotFoundError`, or, with
        ``missing_ok=True``, returns ``False`` (it is gone either way).
        """
        request = delete_request("delete", session_id)
        ignore_missing = flag("delete", "missing_ok", missing_ok)
        try:
            self._client.delete_traffic_mirror_session(**request)
        except ClientError as error:
            mapped = error_from_client_error(error)
            if ignore_missing and isinstance(mapped, SessionNotFoundError):
                return False
            raise mapped from error
        return True

    def can_delete(self, session_id: str) -> bool:
        """Whether the caller may delete this session, asked with ``DryRun`` (see `can_create`)."""
        request = delete_request("can_delete", session_id)
        request["DryRun"] = True
        return _permitted(lambda: self._client.delete_traffic_mirror_session(**request))

    def add_tags(self, session_id: str, tags: TagsInput) -> None:
        """Add tags to a session, or overwrite the values of keys it has (``CreateTags``).

        ``tags``: 1 to 50 `Tag` objects or a mapping of key to value, unique
        keys, none beginning with ``aws:``.
        """
        request = create_tags_request("add_tags", session_id, tags)
        try:
            self._client.create_tags(**request)
        except ClientError as error:
            raise error_from_client_error(error) from error

    def can_add_tags(self, session_id: str, tags: TagsInput) -> bool:
        """Whether the caller may make this `add_tags` call, asked with ``DryRun``."""
        request = create_tags_request("can_add_tags", session_id, tags)
        request["DryRun"] = True
        return _permitted(lambda: self._client.create_tags(**request))

    def remove_tags(self, session_id: str, keys: Iterable[str]) -> None:
        """Remove the tags with these keys from a session, whatever their values (``DeleteTags``).

        ``keys``: 1 to 50 unique keys (a collection, not one bare string), none
        beginning with ``aws:``. Keys the session does not have are ignored, as
        AWS ignores them. An empty collection is refused: ``DeleteTags``
        without keys would delete every tag.
        """
        request = delete_tags_request("remove_tags", session_id, keys)
        try:
            self._client.delete_tags(**request)
        except ClientError as error:
            raise error_from_client_error(error) from error

    def can_remove_tags(self, session_id: str, keys: Iterable[str]) -> bool:
        """Whether the caller may make this `remove_tags` call, asked with ``DryRun``."""
        request = delete_tags_request("can_remove_tags", session_id, keys)
        request["DryRun"] = True
        return _permitted(lambda: self._client.delete_tags(**request))


def _validated_session(raw: TrafficMirrorSessionTypeDef | None) -> TrafficMirrorSession:
    """One session AWS answered with (get, create, modify), validated, or the error."""
    try:
        return TrafficMirrorSession.model_validate(raw, by_alias=True, by_name=False)
    except ValidationError as error:
        raise ResponseValidationError(
            _facts(raw, error),
            raw_item=raw if raw is not None else {},
            session_id=_session_id_of(raw),
        ) from error


def _permitted(call: Callable[[], object]) -> bool:
    """Make a ``DryRun`` call: ``True`` for ``DryRunOperation``, ``False`` for denial."""
    try:
        call()
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code == "DryRunOperation":
            return True
        if code == "UnauthorizedOperation":
            return False
        raise error_from_client_error(error) from error
    return True
