"""`Fleet`: list Traffic Mirroring in many accounts and regions at once, on any executor.

``Fleet(scopes).sessions(query)`` lists in every `Scope` concurrently and hands
out `FleetItem` objects (the scope and the item) as they arrive. The work is
cut in tasks of one page of one scope (`_fleet_work.PageWork`: small,
picklable, no credentials), sent to a ``concurrent.futures.Executor``: a
bounded thread pool by default, or any other, a Dask cluster's
(``client.get_executor()``) included. Credentials are made where a task runs.

Scheduling, on the consumer's thread (`FleetListing`):

- at most ``max_in_flight`` tasks are in flight, one per scope at most (a
  scope's next page needs its previous page's token); a scope keeps its place
  until it is done, then the next scope not started takes it;
- a finished task's page is handed out item by item; the scope's next page is
  sent as soon as its page is taken, so at most ``max_in_flight + 1`` pages
  are held at any moment (the answers of the tasks in flight, and the page
  being handed out), however slow the consumer is, and a slow scope holds
  one place while the others go on;
- a scope that fails (an AWS error after botocore's retries, a role that
  cannot be assumed, credentials of another account, an item that breaks
  the model with ``on_invalid="raise"``, a task the executor could not run)
  is kept on ``failures`` with its error and exact resume token, and the
  others go on; ``Fleet.resume(listing.failures)`` lists exactly what is missing;
- closing the listing (``close()``, the end of a ``with`` block, or the
  listing being dropped) cancels the tasks not started; ``unfinished`` then
  says where each scope not finished goes on, exactly (to the item).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import itertools
import re
import secrets
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Final, Generic, TypeVar, cast

from ec2_traffic_mirror._checks import describe_value, single_integer
from ec2_traffic_mirror._errors import FleetTaskError, QueryError, TrafficMirrorError
from ec2_traffic_mirror._filter import FilterQuery, TrafficMirrorFilter
from ec2_traffic_mirror._fleet_work import (
    START_TOKEN,
    Access,
    AnyQuery,
    PageOutcome,
    PageWork,
    ResourceName,
    run_page,
)
from ec2_traffic_mirror._mirror import ResolvedSession
from ec2_traffic_mirror._paging import OnInvalid
from ec2_traffic_mirror._query import (
    PAGE_SIZE_MAX,
    BaseQuery,
    listing_request,
    parse_starting_token,
)
from ec2_traffic_mirror._repository import check_on_invalid, endpoint_summary
from ec2_traffic_mirror._scope import Scope, organization_scopes
from ec2_traffic_mirror._session import SessionQuery, TrafficMirrorSession
from ec2_traffic_mirror._target import TargetQuery, TrafficMirrorTarget
from ec2_traffic_mirror._writes import flag

if TYPE_CHECKING:
    from botocore.config import Config
    from typing_extensions import Self

__all__ = [
    "DEFAULT_MAX_IN_FLIGHT",
    "DEFAULT_ROLE_SESSION_NAME",
    "Fleet",
    "FleetFailure",
    "FleetItem",
    "FleetListing",
    "FleetProgress",
]

DEFAULT_MAX_IN_FLIGHT: Final = 16
"""Tasks in flight at once by default (and the default thread pool's threads)."""
MAX_IN_FLIGHT_LIMIT: Final = 1024
DEFAULT_ROLE_SESSION_NAME: Final = "ec2-traffic-mirror-fleet"
"""The ``RoleSessionName`` of the roles a fleet assumes, unless it is given another."""

_ROLE_SESSION_NAME: Final = re.compile(r"[A-Za-z0-9_+=,.@-]{2,64}")
_EXTERNAL_ID: Final = re.compile(r"[A-Za-z0-9_+=,.@:/-]{2,1224}")
_IDS_MEMBERS: Final = (
    "TrafficMirrorSessionIds",
    "TrafficMirrorTargetIds",
    "TrafficMirrorFilterIds",
)

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)


@dataclasses.dataclass(frozen=True)
class FleetItem(Generic[_T_co]):
    """One item of a fleet listing, with the scope it was listed in."""

    scope: Scope
    """Where the item was listed: its account, region and the role assumed there."""
    item: _T_co
    """The item: a `TrafficMirrorSession`, `TrafficMirrorTarget`, `TrafficMirrorFilter`
    or `ResolvedSession`."""
    resume_token: str | None
    """Where the scope's listing goes on just past this item (``None``: it was the scope's
    last). A consumer that keeps, per scope, the token of the last item it has dealt
    with can go on from exactly there (the listing's ``starting_tokens``)."""


@dataclasses.dataclass(frozen=True)
class _Spec:
    """What a listing lists: the resource and the query (the same in every scope)."""

    resource: ResourceName
    query: AnyQuery


@dataclasses.dataclass(frozen=True)
class FleetFailure(Generic[_T_co]):
    """A scope whose listing stopped on an error, and where it goes on.

    ``Fleet.resume(listing.failures)`` lists exactly the items these scopes
    did not hand out (the query is kept with each failure).
    """

    scope: Scope
    """The scope that failed."""
    error: TrafficMirrorError
    """Why: an `AwsApiError` subclass (`AccessDeniedError`, `ThrottlingError`, ...), a
    `ClientSideError`, a `ResponseValidationError`, a `ScopeAccountError` or a `FleetTaskError`."""
    resume_token: str | None
    """Where the scope's listing goes on (a StartingToken); ``None``: nothing was left
    (an item that broke the model was the scope's last)."""
    items: int = 0
    """Items of this scope handed out before it failed (in this listing)."""
    _spec: _Spec | None = dataclasses.field(default=None, repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class FleetProgress:
    """How far a fleet listing is: scopes done, failed and running, items handed out."""

    scopes: int
    """Scopes the listing lists."""
    done: int
    """Scopes listed to the end."""
    failed: int
    """Scopes that stopped on an error (see ``failures``)."""
    running: int
    """Scopes with a task in flight or a page being handed out."""
    items: int
    """Items handed out so far."""

    @property
    def waiting(self) -> int:
        """Scopes not started yet."""
        return self.scopes - self.done - self.failed - self.running

    @property
    def finished(self) -> bool:
        """Whether every scope is done or failed."""
        return self.done + self.failed == self.scopes


@dataclasses.dataclass
class _Slot:
    """One scope of a listing, as the scheduler follows it."""

    scope: Scope
    token: str | None
    """Where the next task starts (the last one sent, while one is in flight)."""
    position: str | None
    """Where the items not handed out yet begin (what ``unfinished`` says)."""
    items: int = 0
    state: str = "waiting"  # waiting, running, done, failed


class FleetListing(Generic[_T], Iterator[FleetItem[_T]]):
    """A fleet listing: an iterator of `FleetItem` that lists lazily, on the fleet's executor.

    Nothing is sent until the first item is asked for. Use it in a ``with``
    block (or call ``close()``) when you may stop early: the tasks not started
    are cancelled, and ``unfinished`` says where each scope goes on.
    After the end, ``failures`` has each scope that failed.
    """

    def __init__(self, fleet: Fleet, spec: _Spec, starts: Iterable[tuple[Scope, str]]) -> None:
        self._fleet = fleet
        self._spec = spec
        self._id = secrets.token_hex(8)
        self._slots = [_Slot(scope, token, token) for scope, token in starts]
        self._failures: list[FleetFailure[_T]] = []
        self._skipped: list[tuple[Scope, Mapping[str, object]]] = []
        self._items = 0
        self._run_state: Generator[FleetItem[_T], None, None] | None = None
        self._closed = False
        self._ended = False

    # -- what it tells -------------------------------------------------------------------

    @property
    def scopes(self) -> tuple[Scope, ...]:
        """The scopes this listing lists."""
        return tuple(slot.scope for slot in self._slots)

    @property
    def failures(self) -> tuple[FleetFailure[_T], ...]:
        """The scopes that stopped on an error so far, in the order they failed."""
        return tuple(self._failures)

    @property
    def unfinished(self) -> dict[Scope, str]:
        """Each scope with items not handed out, and the exact token they begin at.

        The failed scopes (unless nothing was left after their error) and,
        after an early close, the scopes not done: pass it to the listing
        method's ``starting_tokens`` to list exactly the rest.
        """
        rest: dict[Scope, str] = {}
        for slot in self._slots:
            if slot.state in {"waiting", "running", "failed"} and slot.position is not None:
                rest[slot.scope] = slot.position
        return rest

    @property
    def progress(self) -> FleetProgress:
        """How far the listing is now."""
        states = Counter(slot.state for slot in self._slots)
        return FleetProgress(
            scopes=len(self._slots),
            done=states["done"],
            failed=states["failed"],
            running=states["running"],
            items=self._items,
        )

    @property
    def finished(self) -> bool:
        """Whether the listing ran to its end (every scope done or failed)."""
        return self._ended

    @property
    def skipped_items(self) -> tuple[tuple[Scope, Mapping[str, object]], ...]:
        """(scope, raw item) of each item left out: it broke the model (``on_invalid="skip"``)."""
        return tuple(self._skipped)

    def __repr__(self) -> str:
        progress = self.progress
        return (
            f"FleetListing(resource={self._spec.resource!r}, scopes={progress.scopes},"
            f" done={progress.done}, failed={progress.failed}, items={progress.items})"
        )

    # -- iterating and stopping ----------------------------------------------------------

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> FleetItem[_T]:
        if self._run_state is None:
            if self._closed:
                raise StopIteration
            self._run_state = self._run()
        return next(self._run_state)

    def close(self) -> None:
        """Stop: cancel the tasks not started (those running finish on their own, unread)."""
        self._closed = True
        if self._run_state is not None:
            self._run_state.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- the scheduler -----------------------------------------------------------------

    def _run(self) -> Generator[FleetItem[_T], None, None]:
        fleet = self._fleet
        executor, owned = fleet._executor_for_listing()  # pyright: ignore[reportPrivateUsage]
        waiting = deque(self._slots)
        in_flight: dict[concurrent.futures.Future[PageOutcome], tuple[int, _Slot]] = {}
        numbers = itertools.count()

        def send(slot: _Slot) -> FleetTaskError | None:
            """Send the scope's next task; the error when the executor refuses it."""
            number = next(numbers)
            work = PageWork(
                access=fleet._access,  # pyright: ignore[reportPrivateUsage]
                scope=slot.scope,
                resource=self._spec.resource,
                query=self._spec.query,
                token=slot.token,
                page_size=fleet._page_size(self._spec.query),  # pyright: ignore[reportPrivateUsage]
                listing=self._id,
                task=number,
            )
            slot.state = "running"
            try:
                future = executor.submit(run_page, work)
            except Exception as error:  # the executor refused the work: this scope fails
                return _task_error(slot, error, "could not send")
            in_flight[future] = (number, slot)
            return None

        def fill() -> None:
            while len(in_flight) < fleet.max_in_flight and waiting:
                slot = waiting.popleft()
                refused = send(slot)
                if refused is not None:
                    self._fail(slot, refused, slot.token)

        try:
            fill()
            while in_flight:
                done, _ = concurrent.futures.wait(
                    in_flight, return_when=concurrent.futures.FIRST_COMPLETED
                )
                for future in sorted(done, key=lambda f: in_flight[f][0]):
                    _, slot = in_flight.pop(future)
                    outcome = self._outcome(future, slot)
                    self._skipped.extend((slot.scope, raw) for raw in outcome.skipped)
                    if outcome.error is not None:
                        self._fail(slot, outcome.error, outcome.next_token)
                        fill()
                        self._report()
                        continue
                    items = cast("tuple[_T, ...]", outcome.items)
                    refused: FleetTaskError | None = None
                    if outcome.next_token is not None:
                        slot.token = outcome.next_token
                        # The scope's next page is listed while this one is handed out.
                        refused = send(slot)
                    fill()
                    for item, token in zip(items, outcome.item_tokens, strict=True):
                        slot.position = token
                        slot.items += 1
                        self._items += 1
                        yield FleetItem(scope=slot.scope, item=item, resume_token=token)
                    slot.position = outcome.next_token
                    if refused is not None:
                        self._fail(slot, refused, outcome.next_token)
                        fill()
                    elif outcome.next_token is None:
                        slot.state = "done"
                    self._report()
            self._ended = True
        finally:
            for future in in_flight:
                future.cancel()
            if owned:
                executor.shutdown(wait=self._ended, cancel_futures=True)

    def _outcome(self, future: concurrent.futures.Future[PageOutcome], slot: _Slot) -> PageOutcome:
        """The task's outcome; a task the executor could not run is the scope's failure."""
        try:
            outcome = cast("object", future.result())
        except concurrent.futures.CancelledError as error:
            return PageOutcome(next_token=slot.token, error=_task_error(slot, error, "cancelled"))
        except Exception as error:
            return PageOutcome(next_token=slot.token, error=_task_error(slot, error, "failed"))
        if not isinstance(outcome, PageOutcome):  # an executor that answers something else
            problem = TypeError(f"the task answered {describe_value(outcome)}")
            return PageOutcome(next_token=slot.token, error=_task_error(slot, problem, "failed"))
        return outcome

    def _fail(self, slot: _Slot, error: TrafficMirrorError, token: str | None) -> None:
        slot.state = "failed"
        slot.position = token
        self._failures.append(
            FleetFailure(
                scope=slot.scope,
                error=error,
                resume_token=token,
                items=slot.items,
                _spec=self._spec,
            )
        )

    def _report(self) -> None:
        callback = self._fleet.progress_callback
        if callback is not None:
            callback(self.progress)


def _spec_of(failure: object) -> _Spec | None:
    """What the listing of a failure listed; ``None`` for anything but a listing's failure."""
    if not isinstance(failure, FleetFailure):
        return None
    return cast("FleetFailure[object]", failure)._spec  # pyright: ignore[reportPrivateUsage]


def _task_error(slot: _Slot, error: BaseException, what: str) -> FleetTaskError:
    text = " ".join(str(error).split()) or "(no message)"
    failure = FleetTaskError(
        f"the executor {what} the work of scope {slot.scope}: {type(error).__name__}: {text}",
        resume_token=slot.token or START_TOKEN,
    )
    failure.__cause__ = error
    return failure


class Fleet:
    """Traffic Mirroring in many accounts and regions, listed concurrently on any executor.

    ``Fleet(scopes)`` lists in each `Scope` (an account, a region, the role to
    assume there). ``executor`` is any ``concurrent.futures.Executor``:
    ``None`` for a thread pool of ``max_in_flight`` threads made for each
    listing, or one of your own, a Dask cluster's (``client.get_executor()``)
    included: the work sent to it is small and picklable, and credentials are
    made where it runs (the default credentials of that place, or
    ``profile_name``; ``sts:AssumeRole`` there for a scope with a role, as
    ``role_session_name`` with ``external_id``). At most ``max_in_flight``
    tasks (one page of one scope each) are in flight at once.

    ``endpoint_url`` and ``config`` (botocore's retries, timeouts) apply to
    every client the fleet makes, EC2 and STS; botocore's ``standard`` retry
    mode is used unless ``config`` says otherwise. ``on_invalid`` and
    ``fast_parse`` are the repositories'. ``progress`` is called on the consumer's thread with a
    `FleetProgress` after each page and each failure.
    """

    def __init__(
        self,
        scopes: Iterable[Scope],
        *,
        executor: concurrent.futures.Executor | None = None,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        profile_name: str | None = None,
        role_session_name: str = DEFAULT_ROLE_SESSION_NAME,
        external_id: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
        on_invalid: OnInvalid = "raise",
        fast_parse: bool = True,
        progress: Callable[[FleetProgress], object] | None = None,
    ) -> None:
        self._scopes = _checked_scopes(scopes)
        given_executor = cast("object", executor)
        if given_executor is not None and not isinstance(
            given_executor, concurrent.futures.Executor
        ):
            raise QueryError(
                "Fleet() takes a concurrent.futures.Executor or None as executor,"
                f" got {describe_value(given_executor)}"
            )
        self._executor = executor
        self._max_in_flight = single_integer(
            "Fleet() as max_in_flight", max_in_flight, 1, MAX_IN_FLIGHT_LIMIT
        )
        _check_name("profile_name", profile_name)
        _check_name("endpoint_url", endpoint_url)
        _check_pattern("role_session_name", role_session_name, _ROLE_SESSION_NAME, "2 to 64")
        if external_id is not None:
            _check_pattern("external_id", external_id, _EXTERNAL_ID, "2 to 1224")
        given_config = cast("object", config)
        if given_config is not None:
            from botocore.config import Config

            if not isinstance(given_config, Config):
                raise QueryError(
                    "Fleet() takes a botocore.config.Config or None as config,"
                    f" got {describe_value(given_config)}"
                )
        given_progress = cast("object", progress)
        if given_progress is not None and not callable(given_progress):
            raise QueryError(
                f"Fleet() takes a callable or None as progress, got {describe_value(progress)}"
            )
        self._progress = progress
        self._access = Access(
            key=secrets.token_hex(16),
            profile_name=profile_name,
            role_session_name=role_session_name,
            external_id=external_id,
            endpoint_url=endpoint_url,
            on_invalid=check_on_invalid(on_invalid),
            fast_parse=flag("Fleet", "fast_parse", fast_parse),
            config=config,
        )

    @classmethod
    def from_organization(
        cls,
        *,
        role_name: str,
        regions: Iterable[str] | None = None,
        region_name: str | None = None,
        executor: concurrent.futures.Executor | None = None,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        profile_name: str | None = None,
        role_session_name: str = DEFAULT_ROLE_SESSION_NAME,
        external_id: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
        on_invalid: OnInvalid = "raise",
        fast_parse: bool = True,
        progress: Callable[[FleetProgress], object] | None = None,
    ) -> Self:
        """A fleet of the caller's organization (`Scope.from_organization`), with these options.

        The organization is read with the same ``profile_name``,
        ``endpoint_url`` and ``config`` as the fleet then lists with.
        """
        scopes = organization_scopes(
            role_name=role_name,
            regions=regions,
            profile_name=profile_name,
            region_name=region_name,
            endpoint_url=endpoint_url,
            config=config,
        )
        return cls(
            scopes,
            executor=executor,
            max_in_flight=max_in_flight,
            profile_name=profile_name,
            role_session_name=role_session_name,
            external_id=external_id,
            endpoint_url=endpoint_url,
            config=config,
            on_invalid=on_invalid,
            fast_parse=fast_parse,
            progress=progress,
        )

    # -- what it is ----------------------------------------------------------------------

    @property
    def scopes(self) -> tuple[Scope, ...]:
        """The scopes, in the order given."""
        return self._scopes

    @property
    def executor(self) -> concurrent.futures.Executor | None:
        """The executor given, or ``None`` for a thread pool made for each listing."""
        return self._executor

    @property
    def max_in_flight(self) -> int:
        """The most tasks in flight at once."""
        return self._max_in_flight

    @property
    def on_invalid(self) -> OnInvalid:
        """``"raise"`` or ``"skip"``: what a response item that breaks the model does."""
        return self._access.on_invalid

    @property
    def progress_callback(self) -> Callable[[FleetProgress], object] | None:
        """The ``progress`` callback given, or ``None``."""
        return self._progress

    def __repr__(self) -> str:
        accounts = len({scope.account_id for scope in self._scopes})
        regions = len({scope.region for scope in self._scopes})
        if self._executor is None:
            executor = "'a thread pool per listing'"
        else:
            executor = type(self._executor).__name__
        parts = [
            f"scopes={len(self._scopes)}",
            f"accounts={accounts}",
            f"regions={regions}",
            f"executor={executor}",
            f"max_in_flight={self._max_in_flight}",
        ]
        access = self._access
        if access.profile_name is not None:
            parts.append(f"profile_name={access.profile_name!r}")
        if access.endpoint_url is not None:
            parts.append(f"endpoint_url={endpoint_summary(access.endpoint_url)!r}")
        if access.role_session_name != DEFAULT_ROLE_SESSION_NAME:
            parts.append(f"role_session_name={access.role_session_name!r}")
        parts.append(f"on_invalid={access.on_invalid!r}")
        return f"Fleet({', '.join(parts)})"

    # -- listings ------------------------------------------------------------------------

    def sessions(
        self,
        query: SessionQuery | None = None,
        *,
        starting_tokens: Mapping[Scope, str] | None = None,
    ) -> FleetListing[TrafficMirrorSession]:
        """The sessions of every scope (or of the scopes of ``starting_tokens``, from there).

        ``query``'s filters apply in every scope; its ``page_size`` is the
        most items one task lists (1000 when not set). Id lists,
        ``max_items``, ``starting_token`` and ``dry_run`` belong to one
        listing, not a fleet's, and are refused (filter by id instead:
        ``traffic_mirror_session_id(...)``; stop iterating; ``starting_tokens``).
        """
        listing = self._listing("sessions", SessionQuery, query, starting_tokens)
        return cast("FleetListing[TrafficMirrorSession]", listing)

    def targets(
        self,
        query: TargetQuery | None = None,
        *,
        starting_tokens: Mapping[Scope, str] | None = None,
    ) -> FleetListing[TrafficMirrorTarget]:
        """The targets of every scope (see `sessions` for ``query`` and ``starting_tokens``)."""
        listing = self._listing("targets", TargetQuery, query, starting_tokens)
        return cast("FleetListing[TrafficMirrorTarget]", listing)

    def filters(
        self,
        query: FilterQuery | None = None,
        *,
        starting_tokens: Mapping[Scope, str] | None = None,
    ) -> FleetListing[TrafficMirrorFilter]:
        """The filters of every scope, with their rules (see `sessions`)."""
        listing = self._listing("filters", FilterQuery, query, starting_tokens)
        return cast("FleetListing[TrafficMirrorFilter]", listing)

    def resolved_sessions(
        self,
        query: SessionQuery | None = None,
        *,
        starting_tokens: Mapping[Scope, str] | None = None,
    ) -> FleetListing[ResolvedSession]:
        """The sessions of every scope, each with its target and filter (`TrafficMirror.resolve`).

        Each task lists one page of sessions and resolves it in its scope (a
        few more calls per page, never one per session). A failure of those
        calls fails the scope at the start of that page, so resuming lists
        the page again. Tokens are the session listing's.
        """
        listing = self._listing("resolved-sessions", SessionQuery, query, starting_tokens)
        return cast("FleetListing[ResolvedSession]", listing)

    def resume(self, failures: Iterable[FleetFailure[_T]]) -> FleetListing[_T]:
        """A listing of exactly what the failed scopes did not hand out.

        ``failures`` come from one listing (``listing.failures``; the same
        resource and query): each scope goes on from its resume token, and a
        scope whose failure left nothing (``resume_token`` ``None``) is not
        listed again. The scopes must be this fleet's.
        """
        given = cast("object", failures)
        if _spec_of(given) is not None or not isinstance(given, Iterable):
            raise QueryError(
                f"resume() takes an iterable of FleetFailure, got {describe_value(failures)}"
            )
        chosen = list(cast("Iterable[object]", given))
        specs: set[_Spec] = set()
        tokens: dict[Scope, str] = {}
        for failure in chosen:
            spec = _spec_of(failure)
            if spec is None:
                raise QueryError(
                    "resume() takes the failures of a fleet listing (listing.failures),"
                    f" got an item {describe_value(failure)}"
                )
            known = cast("FleetFailure[object]", failure)
            specs.add(spec)
            if known.scope in tokens:
                raise QueryError(f"resume() got the scope {known.scope} more than once")
            if known.resume_token is not None:
                tokens[known.scope] = known.resume_token
        if len(specs) > 1:
            raise QueryError(
                "resume() takes the failures of one listing: these come from listings of"
                f" {sorted({spec.resource for spec in specs})!r} or with other queries"
            )
        if not specs:
            return FleetListing(self, _Spec("sessions", SessionQuery()), ())
        (spec,) = specs
        self._check_members(tokens, "resume()")
        return FleetListing(self, spec, tokens.items())

    # -- the machinery ---------------------------------------------------------------------

    def _listing(
        self,
        resource: ResourceName,
        query_type: type[AnyQuery],
        query: object,
        starting_tokens: object,
    ) -> FleetListing[object]:
        checked = _checked_query(resource, query_type, query)
        if starting_tokens is None:
            starts: list[tuple[Scope, str]] = [(scope, START_TOKEN) for scope in self._scopes]
        else:
            tokens = _checked_tokens(starting_tokens)
            self._check_members(tokens, "starting_tokens")
            starts = list(tokens.items())
        return FleetListing(self, _Spec(resource, checked), starts)

    def _check_members(self, tokens: Mapping[Scope, str], where: str) -> None:
        known = set(self._scopes)
        strangers = [str(scope) for scope in tokens if scope not in known]
        if strangers:
            raise QueryError(f"{where} names scopes that are not this fleet's: {strangers!r}")

    def _page_size(self, query: AnyQuery) -> int:
        size = listing_request(cast("BaseQuery[object]", query)).page_size
        return PAGE_SIZE_MAX if size is None else size

    def _executor_for_listing(self) -> tuple[concurrent.futures.Executor, bool]:
        """The executor of one listing, and whether the listing owns it (then shuts it down)."""
        if self._executor is not None:
            return self._executor, False
        pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=self._max_in_flight, thread_name_prefix="ec2-traffic-mirror-fleet"
        )
        return pool, True


def _checked_scopes(scopes: object) -> tuple[Scope, ...]:
    if isinstance(scopes, (Scope, str, bytes)) or not isinstance(scopes, Iterable):
        raise QueryError(f"Fleet() takes an iterable of Scope, got {describe_value(scopes)}")
    checked: list[Scope] = []
    for scope in cast("Iterable[object]", scopes):
        if not isinstance(scope, Scope):
            raise QueryError(
                f"Fleet() takes an iterable of Scope, got an item {describe_value(scope)}"
            )
        checked.append(scope)
    repeated = sorted(str(scope) for scope, count in Counter(checked).items() if count > 1)
    if repeated:
        raise QueryError(
            f"Fleet() got scopes more than once (their items would come twice): {repeated!r}"
        )
    places = Counter((scope.account_id, scope.region) for scope in checked)
    doubled = sorted(
        f"{account}/{region}" for (account, region), count in places.items() if count > 1
    )
    if doubled:
        raise QueryError(
            "Fleet() got one account and region with two roles (their items would come"
            f" twice): {doubled!r}"
        )
    return tuple(checked)


def _check_name(name: str, value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise QueryError(f"Fleet() takes a non-empty string or None as {name}, got {value!r}")


def _check_pattern(name: str, value: object, pattern: re.Pattern[str], length: str) -> None:
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise QueryError(
            f"Fleet() takes as {name} {length} letters, digits or {_allowed(pattern)},"
            f" got {describe_value(value)}"
        )


def _allowed(pattern: re.Pattern[str]) -> str:
    return pattern.pattern.split("0-9", 1)[1].split("]", 1)[0]


def _checked_query(resource: ResourceName, query_type: type[AnyQuery], query: object) -> AnyQuery:
    method = "resolved_sessions" if resource == "resolved-sessions" else resource
    if query is None:
        return query_type()
    if not isinstance(query, query_type):
        raise QueryError(
            f"Fleet.{method}() takes a {query_type.__name__} or None, got {describe_value(query)}"
        )
    request = listing_request(cast("BaseQuery[object]", query))
    refused = [
        text
        for text, present in (
            ("an id list (filter by id instead)", any(m in request.call for m in _IDS_MEMBERS)),
            ("max_items (stop iterating instead)", request.max_items is not None),
            ("starting_token (give starting_tokens per scope)", request.starting_token is not None),
            ("dry_run", "DryRun" in request.call),
        )
        if present
    ]
    if refused:
        raise QueryError(
            f"Fleet.{method}() lists in many scopes: a query with {', '.join(refused)}"
            f" belongs to one listing, got {query!r}"
        )
    return query


def _checked_tokens(starting_tokens: object) -> dict[Scope, str]:
    if not isinstance(starting_tokens, Mapping):
        raise QueryError(
            "starting_tokens takes a mapping of Scope to a StartingToken,"
            f" got {describe_value(starting_tokens)}"
        )
    tokens: dict[Scope, str] = {}
    for scope, token in cast("Mapping[object, object]", starting_tokens).items():
        if not isinstance(scope, Scope):
            raise QueryError(f"starting_tokens takes Scope keys, got {describe_value(scope)}")
        if not isinstance(token, str):
            raise QueryError(
                f"starting_tokens takes a StartingToken for {scope}, got {describe_value(token)}"
            )
        try:
            parse_starting_token(token)
        except QueryError as error:
            raise QueryError(f"starting_tokens for {scope}: {error}") from None
        tokens[scope] = token
    return tokens
