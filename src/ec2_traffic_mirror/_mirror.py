"""`TrafficMirror`: the three repositories over one client, and sessions resolved.

A session is three ids: a source interface, a target and a filter.
`TrafficMirror.resolve` turns sessions into `ResolvedSession` objects that
carry the target and the filter themselves, fetched in batches: the sessions
are read in chunks, and for each chunk the targets and filters not seen yet are
asked for with one ``traffic-mirror-target-id`` (or ``traffic-mirror-filter-id``)
filter per call, up to `FILTER_VALUES_PER_CALL` ids at a time. A filter, not
the ``TrafficMirrorTargetIds`` list: with the list, one id that no longer
exists makes AWS answer NotFound for the whole call; with the filter it is
simply not in the answer, and the session that points to it is reported with
a `TargetNotFoundError` (or `FilterNotFoundError`) of its own.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final, TypeVar, cast

from pydantic import BaseModel

from ec2_traffic_mirror._checks import describe_value, single_integer
from ec2_traffic_mirror._errors import (
    FilterNotFoundError,
    QueryError,
    ResponseValidationError,
    TargetNotFoundError,
)
from ec2_traffic_mirror._filter import (
    FILTERS,
    FilterIterator,
    FilterQuery,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
)
from ec2_traffic_mirror._paging import OnInvalid
from ec2_traffic_mirror._query import PAGE_SIZE_MAX
from ec2_traffic_mirror._repository import check_on_invalid, client_summary, make_client
from ec2_traffic_mirror._session import TrafficMirrorSession, TrafficMirrorSessionRepository
from ec2_traffic_mirror._target import (
    TARGETS,
    TargetIterator,
    TargetQuery,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror._writes import flag

if TYPE_CHECKING:
    from botocore.config import Config
    from mypy_boto3_ec2 import EC2Client
    from typing_extensions import Self

__all__ = [
    "FILTER_VALUES_PER_CALL",
    "RESOLVE_CHUNK_SIZE",
    "ResolvedSession",
    "TrafficMirror",
]

FILTER_VALUES_PER_CALL: Final = 200
"""Most ids `TrafficMirror.resolve` puts in one filter of one call (EC2 limits filter values)."""

RESOLVE_CHUNK_SIZE: Final = 1000
"""How many sessions `TrafficMirror.resolve` reads before it fetches what they point to."""

_M = TypeVar("_M", bound=BaseModel)


@dataclasses.dataclass(frozen=True)
class ResolvedSession:
    """A session with the target and the filter it points to.

    ``target`` is ``None`` exactly when ``target_error`` says why: a
    `TargetNotFoundError` when the target no longer exists (deleted since the
    session was read), a `ResponseValidationError` when AWS answered with a
    target that breaks the model. The same for ``filter`` and ``filter_error``.
    """

    session: TrafficMirrorSession
    """The session, as it was given."""
    target: TrafficMirrorTarget | None
    """The target the session sends to, or ``None`` (see ``target_error``)."""
    filter: TrafficMirrorFilter | None
    """The filter that selects what the session mirrors, with its rules, or ``None``."""
    target_error: TargetNotFoundError | ResponseValidationError | None = None
    """Why ``target`` is ``None``; ``None`` when the target was found."""
    filter_error: FilterNotFoundError | ResponseValidationError | None = None
    """Why ``filter`` is ``None``; ``None`` when the filter was found."""

    @property
    def is_complete(self) -> bool:
        """Whether both the target and the filter were found."""
        return self.target is not None and self.filter is not None


_TargetEntry = TrafficMirrorTarget | TargetNotFoundError | ResponseValidationError
_FilterEntry = TrafficMirrorFilter | FilterNotFoundError | ResponseValidationError


class _Lookup:
    """What resolve has fetched so far: targets and filters by id, or why there is none."""

    def __init__(self, client: EC2Client) -> None:
        self._client = client
        self.targets: dict[str, _TargetEntry] = {}
        self.filters: dict[str, _FilterEntry] = {}

    def fetch_targets(self, ids: Iterable[str]) -> None:
        missing = [target_id for target_id in dict.fromkeys(ids) if target_id not in self.targets]
        for batch in _batches(missing, FILTER_VALUES_PER_CALL):
            query = TargetQuery().traffic_mirror_target_id(*batch).page_size(PAGE_SIZE_MAX)
            found = _collect(TargetIterator(self._client, query, "raise"), _target_id)
            for target_id in batch:
                entry = found.get(target_id)
                self.targets[target_id] = _target_gone(target_id) if entry is None else entry
        for target_id in missing:
            if not target_id:  # not an id AWS could answer for: gone without asking
                self.targets[target_id] = _target_gone(target_id)

    def fetch_filters(self, ids: Iterable[str]) -> None:
        missing = [filter_id for filter_id in dict.fromkeys(ids) if filter_id not in self.filters]
        for batch in _batches(missing, FILTER_VALUES_PER_CALL):
            query = FilterQuery().traffic_mirror_filter_id(*batch).page_size(PAGE_SIZE_MAX)
            found = _collect(FilterIterator(self._client, query, "raise"), _filter_id)
            for filter_id in batch:
                entry = found.get(filter_id)
                self.filters[filter_id] = _filter_gone(filter_id) if entry is None else entry
        for filter_id in missing:
            if not filter_id:
                self.filters[filter_id] = _filter_gone(filter_id)


def _target_id(target: TrafficMirrorTarget) -> str:
    return target.traffic_mirror_target_id


def _filter_id(filter_: TrafficMirrorFilter) -> str:
    return filter_.traffic_mirror_filter_id


def _collect(
    listing: Iterator[_M], key: Callable[[_M], str]
) -> dict[str, _M | ResponseValidationError]:
    """Every item of a listing by id; an item that breaks the model as its error."""
    found: dict[str, _M | ResponseValidationError] = {}
    while True:
        try:
            item = next(listing)
        except StopIteration:
            return found
        except ResponseValidationError as error:
            # The listing goes on past an invalid item: only its sessions are affected.
            if error.resource_id is not None:
                found[error.resource_id] = error
            continue
        found[key(item)] = item


def _target_gone(target_id: str) -> TargetNotFoundError:
    return TargetNotFoundError(
        "InvalidTrafficMirrorTargetId.NotFound",
        f"The traffic mirror target {target_id!r} does not exist"
        f" ({TARGETS.operation} has no target with this id).",
        operation=TARGETS.operation,
    )


def _filter_gone(filter_id: str) -> FilterNotFoundError:
    return FilterNotFoundError(
        "InvalidTrafficMirrorFilterId.NotFound",
        f"The traffic mirror filter {filter_id!r} does not exist"
        f" ({FILTERS.operation} has no filter with this id).",
        operation=FILTERS.operation,
    )


def _batches(values: list[str], size: int) -> Iterator[list[str]]:
    present = [value for value in values if value]
    for start in range(0, len(present), size):
        yield present[start : start + size]


class TrafficMirror:
    """One object over one EC2 client: ``.sessions``, ``.targets``, ``.filters``, ``.resolve()``.

    ``TrafficMirror(client)`` or ``TrafficMirror.connect(region_name=...)``;
    ``on_invalid`` and ``fast_parse`` (the SDK's own parser of the Describe
    answers, on by default) are given to the three repositories.
    """

    def __init__(
        self, client: EC2Client, *, on_invalid: OnInvalid = "raise", fast_parse: bool = True
    ) -> None:
        checked = check_on_invalid(on_invalid)
        install = flag("TrafficMirror", "fast_parse", fast_parse)
        self._client = client
        self._on_invalid: OnInvalid = checked
        self._sessions = TrafficMirrorSessionRepository(
            client, on_invalid=checked, fast_parse=install
        )
        self._targets = TrafficMirrorTargetRepository(
            client, on_invalid=checked, fast_parse=install
        )
        self._filters = TrafficMirrorFilterRepository(
            client, on_invalid=checked, fast_parse=install
        )

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
        """A `TrafficMirror` over a new boto3 EC2 client (as the repositories' ``connect``)."""
        client = make_client(
            region_name=region_name,
            profile_name=profile_name,
            endpoint_url=endpoint_url,
            config=config,
        )
        return cls(client, on_invalid=on_invalid, fast_parse=fast_parse)

    @property
    def client(self) -> EC2Client:
        """The boto3 EC2 client every repository calls."""
        return self._client

    @property
    def on_invalid(self) -> OnInvalid:
        """``"raise"`` or ``"skip"``, as given to the three repositories."""
        return self._on_invalid

    @property
    def sessions(self) -> TrafficMirrorSessionRepository:
        """The sessions."""
        return self._sessions

    @property
    def targets(self) -> TrafficMirrorTargetRepository:
        """The targets."""
        return self._targets

    @property
    def filters(self) -> TrafficMirrorFilterRepository:
        """The filters, their rules and network services."""
        return self._filters

    def __repr__(self) -> str:
        summary = client_summary(self._client)
        return f"{type(self).__name__}({summary}, on_invalid={self._on_invalid!r})"

    def resolve(
        self,
        sessions: Iterable[TrafficMirrorSession],
        *,
        chunk_size: int = RESOLVE_CHUNK_SIZE,
    ) -> Iterator[ResolvedSession]:
        """Each session with its target and filter, lazily, in the order given.

        ``sessions`` may be any iterable, a `SessionIterator` included: it is
        read ``chunk_size`` sessions at a time (1 to 1000). For each chunk, the
        targets and filters not fetched yet are asked for in batches, with
        one call per up to 200 ids, so 1,000 sessions that use 20 targets and 30
        filters cost two calls, never one per session. A target or filter
        that is gone is reported on its `ResolvedSession` (``target_error``,
        ``filter_error``), and the iteration goes on. Errors of the calls
        themselves (access denied, throttled past retries) are raised.
        """
        size = single_integer("resolve", chunk_size, 1, PAGE_SIZE_MAX)
        given = cast("object", sessions)  # checked at run time too: not every caller is typed
        # A model is iterable (its fields): one session must not pass for many.
        if isinstance(given, (BaseModel, str, bytes)) or not isinstance(given, Iterable):
            raise QueryError(
                f"resolve() takes an iterable of TrafficMirrorSession, got {describe_value(given)}"
            )
        return self._resolve(iter(cast("Iterable[object]", given)), size)

    def _resolve(self, sessions: Iterator[object], size: int) -> Iterator[ResolvedSession]:
        lookup = _Lookup(self._client)
        while items := list(itertools.islice(sessions, size)):
            chunk: list[TrafficMirrorSession] = []
            for item in items:
                if not isinstance(item, TrafficMirrorSession):
                    raise QueryError(
                        "resolve() takes an iterable of TrafficMirrorSession, got an item"
                        f" {describe_value(item)}"
                    )
                chunk.append(item)
            lookup.fetch_targets(session.traffic_mirror_target_id for session in chunk)
            lookup.fetch_filters(session.traffic_mirror_filter_id for session in chunk)
            for session in chunk:
                target = lookup.targets[session.traffic_mirror_target_id]
                filter_ = lookup.filters[session.traffic_mirror_filter_id]
                yield ResolvedSession(
                    session=session,
                    target=target if isinstance(target, TrafficMirrorTarget) else None,
                    filter=filter_ if isinstance(filter_, TrafficMirrorFilter) else None,
                    target_error=None if isinstance(target, TrafficMirrorTarget) else target,
                    filter_error=None if isinstance(filter_, TrafficMirrorFilter) else filter_,
                )
