"""`TrafficMirrorFake`: what AWS would answer, over moto's store of sessions.

moto keeps the sessions and tags (so plain ``describe_tags`` and stock moto
calls see them); this module decides every answer of the four Traffic Mirror
session operations the way AWS does, and holds the test controls (faults,
denial, call counts, bulk seeding).
"""

from __future__ import annotations

import bisect
import re
import secrets
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, cast

from ec2_traffic_mirror._models import (
    MAX_TAGS_PER_RESOURCE,
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    TAG_KEY_MAX_LENGTH,
    TAG_KEY_MIN_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
    is_reserved_tag_key,
)
from ec2_traffic_mirror.testing._moto import (
    DEFAULT_ACCOUNT_ID,
    Backend,
    Failure,
    MotoSession,
    Reply,
    Request,
    Result,
    get_backend,
    new_session_id,
)

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "MAX_RESULTS_MAX",
    "MAX_RESULTS_MIN",
    "SESSION_FILTERS",
    "SESSION_OPERATIONS",
    "TAG_OPERATIONS",
    "TrafficMirrorFake",
]

SESSION_OPERATIONS: Final = (
    "CreateTrafficMirrorSession",
    "DeleteTrafficMirrorSession",
    "DescribeTrafficMirrorSessions",
    "ModifyTrafficMirrorSession",
)
"""The operations the fake answers (and counts, throttles, denies)."""

TAG_OPERATIONS: Final = ("CreateTags", "DeleteTags")
"""Tag operations: on session ids the fake checks, counts, throttles and denies
them (and answers DryRun); moto stores the tags."""

MAX_RESULTS_MIN: Final = 5
"""Smallest ``MaxResults`` of ``DescribeTrafficMirrorSessions``."""
MAX_RESULTS_MAX: Final = 1000
"""Largest ``MaxResults`` of ``DescribeTrafficMirrorSessions``."""

_STRING_FILTERS: Final = {
    "description": "description",
    "network-interface-id": "network_interface_id",
    "owner-id": "owner_id",
    "traffic-mirror-filter-id": "traffic_mirror_filter_id",
    "traffic-mirror-session-id": "id",
    "traffic-mirror-target-id": "traffic_mirror_target_id",
}
_INTEGER_FILTERS: Final = {
    "packet-length": "packet_length",
    "session-number": "session_number",
    "virtual-network-id": "virtual_network_id",
}
SESSION_FILTERS: Final = tuple(sorted({*_STRING_FILTERS, *_INTEGER_FILTERS}))
"""The nine filter names of ``DescribeTrafficMirrorSessions``."""

_REMOVABLE_FIELDS: Final = {
    "packet-length": "PacketLength",
    "description": "Description",
    "virtual-network-id": "VirtualNetworkId",
}
_INTEGER_TEXT = re.compile(r"\s*[+-]?\d+\s*")
# A multiplier coprime to 2**24 makes n -> (a*n + b) mod 2**24 a bijection: the
# VNIs the fake assigns look scattered, repeat across runs, and never collide.
_VNI_MULTIPLIER: Final = 7_777_777
_VNI_OFFSET: Final = 1_234_567
_VNI_SPACE: Final = VIRTUAL_NETWORK_ID_MAX + 1
_ALL: Final = "*"


class _ApiError(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def _invalid_value(name: str, value: object, rule: str) -> _ApiError:
    return _ApiError(
        "InvalidParameterValue", f"Value ({value}) for parameter {name} is invalid. {rule}"
    )


def _not_found(session_ids: Iterable[str]) -> _ApiError:
    joined = ", ".join(f"'{session_id}'" for session_id in session_ids)
    return _ApiError(
        "InvalidTrafficMirrorSessionId.NotFound",
        f"The traffic mirror session ID {joined} does not exist",
    )


def _wildcard(pattern: str) -> re.Pattern[str]:
    """An AWS filter pattern: ``*`` any run, ``?`` one character, ``\\`` escapes them."""
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and pattern[index + 1] in "*?\\":
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        if char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


def _check_range(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _invalid_value(name, value, f"It must be an integer from {low} to {high}.")
    return value


def _check_tags(tags: Sequence[tuple[str, str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for key, value in tags:
        if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
            raise _invalid_value(
                "tag key",
                key,
                f"Tag keys must be {TAG_KEY_MIN_LENGTH} to {TAG_KEY_MAX_LENGTH} characters long.",
            )
        if is_reserved_tag_key(key):
            raise _invalid_value(
                "tag key", key, "Tag keys starting with 'aws:' are reserved for internal use."
            )
        if len(value) > TAG_VALUE_MAX_LENGTH:
            raise _invalid_value(
                "tag value",
                value,
                f"Tag values must be at most {TAG_VALUE_MAX_LENGTH} characters long.",
            )
        if key in result:
            raise _ApiError("InvalidParameterValue", f"Duplicate tag key '{key}' specified.")
        result[key] = value
    if len(result) > MAX_TAGS_PER_RESOURCE:
        raise _ApiError(
            "TagLimitExceeded",
            f"The maximum number of tags ({MAX_TAGS_PER_RESOURCE}) for a resource was exceeded.",
        )
    return result


def _session_resources(request: Request) -> list[str]:
    """The session ids among a tag request's ``Resources``."""
    resources = [str(item) for item in _list(request.params.get("Resources"))]
    return [resource for resource in resources if resource.startswith("tms-")]


def _tag_pairs(raw: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for tag in _list(raw):
        entry = _mapping(tag)
        key, value = entry.get("Key"), entry.get("Value", "")
        if not isinstance(key, str) or not isinstance(value, str):
            raise _ApiError("InvalidParameterValue", "A tag must have a string key and value.")
        pairs.append((key, value))
    return pairs


def _mapping(raw: object) -> Mapping[str, Any]:
    if isinstance(raw, Mapping):
        return cast("Mapping[str, Any]", raw)
    return {}


def _list(raw: object) -> list[object]:
    if raw is None:
        return []
    if isinstance(raw, list):
        return cast("list[object]", raw)
    return [raw]


def _string(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _invalid_value(name, value, "It must be a string.")
    return value


def _required(params: Mapping[str, Any], name: str) -> object:
    value = params.get(name)
    if value is None or value == "":
        raise _ApiError("MissingParameter", f"The request must contain the parameter {name}")
    return value


def _required_string(params: Mapping[str, Any], name: str) -> str:
    _required(params, name)
    value = _string(params, name)
    assert value is not None
    return value


def _flag(params: Mapping[str, Any], name: str) -> bool:
    return params.get(name) in (True, "true", "True")


def _attribute(session: MotoSession, attribute: str) -> object:
    value: object = getattr(session, attribute)
    return value


@dataclass(frozen=True)
class _Filter:
    name: str
    attribute: str
    patterns: tuple[re.Pattern[str], ...] = ()
    numbers: frozenset[int] = frozenset()

    def matches(self, session: MotoSession) -> bool:
        value = _attribute(session, self.attribute)
        if value is None:
            return False
        if self.patterns:
            text = str(value)
            return any(pattern.fullmatch(text) for pattern in self.patterns)
        return isinstance(value, int) and value in self.numbers


@dataclass(frozen=True)
class _Query:
    fingerprint: tuple[object, ...]
    session_ids: frozenset[str]
    filters: tuple[_Filter, ...]

    def matches(self, session: MotoSession) -> bool:
        if self.session_ids and session.id not in self.session_ids:
            return False
        return all(item.matches(session) for item in self.filters)


@dataclass(frozen=True)
class _TokenState:
    fingerprint: tuple[object, ...]
    after_ordinal: int
    offset: int


@dataclass
class _PageFault:
    status: int
    code: str
    message: str
    remaining: int


@dataclass
class _Listing:
    version: int
    length: int
    sessions: list[MotoSession] = field(default_factory=list[MotoSession])
    ordinals: list[int] = field(default_factory=list[int])


class TrafficMirrorFake:
    """The state and controls of one fake: faults, denial, call counts, seeding.

    One is active inside each ``mock_traffic_mirror()`` (and each
    ``traffic_mirror_server()``). The sessions themselves live in moto's EC2
    backends, per account and region. Every method is safe to call from any
    thread (the HTTP server answers on its own threads).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._calls: Counter[str] = Counter()
        self._throttle_remaining = 0
        self._denied: set[str] = set()
        self._page_faults: dict[int, _PageFault] = {}
        self._invalid_items: dict[str, dict[str, object]] = {}
        self._tokens: dict[str, _TokenState] = {}
        self._ordinals: dict[str, int] = {}
        self._next_ordinal = 0
        self._version = 0
        self._listings: dict[tuple[str, str], _Listing] = {}
        self._vnis_assigned = 0
        self._client_tokens: dict[tuple[str, str, str], tuple[str, tuple[object, ...]]] = {}
        self._backends: dict[tuple[str, str], Backend] = {}

    # ------------------------------------------------------------------ controls

    def throttle(self, count: int = 1) -> None:
        """The next ``count`` session requests answer ``RequestLimitExceeded`` (HTTP 503).

        botocore retries those by itself (its retry modes treat the code as
        throttling), so ``count`` below the client's attempts means a late success.
        """
        if count < 0:
            raise ValueError(f"throttle count must be >= 0, got {count}")
        with self._lock:
            self._throttle_remaining = count

    def fail_page(
        self,
        page: int,
        *,
        status: int = 500,
        code: str = "InternalError",
        message: str = "An internal error has occurred.",
        times: int = 1,
    ) -> None:
        """The describe request for 0-based ``page`` of any listing fails ``times`` times.

        Page ``n`` is the request that starts at item offset ``n * MaxResults``
        (a request without ``MaxResults`` is page 0). botocore retries 5xx
        answers by itself, so ``times`` at or above its attempts surfaces the error.
        """
        if page < 0 or times < 1 or not 400 <= status <= 599:
            raise ValueError(
                f"fail_page needs page >= 0, times >= 1 and an HTTP error status,"
                f" got page={page}, times={times}, status={status}"
            )
        with self._lock:
            self._page_faults[page] = _PageFault(status, code, message, times)

    def serve_invalid_item(self, session_id: str, **members: object) -> None:
        """Describe serves this session with these raw members overridden.

        A value of ``None`` removes the member. Filters still see the stored
        session; only the served item changes. Lasts until ``reset_faults()``.
        """
        with self._lock:
            self._invalid_items.setdefault(session_id, {}).update(members)

    def deny(self, *operations: str) -> None:
        """Answer ``UnauthorizedOperation`` to these operations (none named: every session op)."""
        names = self._operation_names(operations)
        with self._lock:
            if operations:
                self._denied.update(names)
            else:
                self._denied = {_ALL}

    def allow(self, *operations: str) -> None:
        """Undo ``deny``: for these operations, or (none named) for every one."""
        names = self._operation_names(operations)
        with self._lock:
            if not operations:
                self._denied = set()
                return
            if _ALL in self._denied:
                self._denied = {*SESSION_OPERATIONS, *TAG_OPERATIONS}
            self._denied.difference_update(names)

    def call_count(self, operation: str | None = None) -> int:
        """Requests received for this operation (``None``: every session op), faults included."""
        with self._lock:
            if operation is None:
                return sum(self._calls[name] for name in SESSION_OPERATIONS)
            return self._calls[operation]

    def reset_call_counts(self) -> None:
        """Start counting requests from zero."""
        with self._lock:
            self._calls.clear()

    def reset_faults(self) -> None:
        """Drop every throttle, page failure, invalid item and denial."""
        with self._lock:
            self._throttle_remaining = 0
            self._page_faults.clear()
            self._invalid_items.clear()
            self._denied = set()

    def reset(self) -> None:
        """Back to a fresh fake: no faults, no counts, no tokens, and no sessions.

        Deletes every Traffic Mirror session (and its tags) in each account and
        region this fake has served or seeded, so one context can serve many
        tests (a module-scoped fixture calling ``reset()`` per test is much
        faster than a new ``mock_traffic_mirror()`` per test).
        """
        with self._lock:
            self.reset_faults()
            self._calls.clear()
            self._tokens.clear()
            self._client_tokens.clear()
            self._ordinals.clear()
            self._listings.clear()
            self._next_ordinal = 0
            self._vnis_assigned = 0
            for key in list(self._backends):
                backend = get_backend(*key)
                for session_id in list(backend.sessions):
                    backend.delete_session(session_id)
            self._version += 1

    def _backend(self, account_id: str, region: str) -> Backend:
        backend = get_backend(account_id, region)
        self._backends[(account_id, region)] = backend
        return backend

    @staticmethod
    def _operation_names(operations: Iterable[str]) -> set[str]:
        names = set(operations)
        known = (*SESSION_OPERATIONS, *TAG_OPERATIONS)
        unknown = names.difference(known)
        if unknown:
            raise ValueError(
                f"unknown operation(s) {sorted(unknown)!r}; expected some of {known!r}"
            )
        return names

    # ------------------------------------------------------------------ seeding

    def seed_sessions(
        self,
        count: int,
        *,
        region: str = "us-east-1",
        account_id: str = DEFAULT_ACCOUNT_ID,
        tags_per_session: int = 0,
        tags: Mapping[str, str] | None = None,
        system_tags: Mapping[str, str] | None = None,
        network_interface_ids: Sequence[str] | None = None,
        target_ids: Sequence[str] | None = None,
        filter_ids: Sequence[str] | None = None,
        session_numbers: Sequence[int] | None = None,
        packet_lengths: Sequence[int | None] | None = None,
        virtual_network_ids: Sequence[int] | None = None,
        description: str | None = "seeded session {index}",
    ) -> list[str]:
        """Store ``count`` valid sessions directly (no HTTP, no request parsing).

        Returns their ids in listing order. Each sequence option is cycled
        over the sessions (session ``i`` takes element ``i % len``). Defaults:
        three sessions per network interface (``eni-`` ids numbered by ``i // 3``)
        with session numbers 1, 2, 3; ten targets, five filters; whole packets;
        VNIs assigned as ``CreateTrafficMirrorSession`` assigns them;
        ``description`` is formatted with ``index``; ``tags`` are put on every
        session and ``tags_per_session`` more tags ``seed-{k}`` = ``"{i}-{k}"``.
        ``system_tags`` are the ``aws:`` tags AWS services put on what they
        create (CloudFormation's ``aws:cloudformation:stack-name``, for one):
        no API caller can write them, but describe returns them; each key must
        begin with ``aws:``. They do not count toward the 50-tag limit.
        Values are checked against the API's ranges (``ValueError``).
        """
        if count < 0:
            raise ValueError(f"count must be >= 0, got {count}")
        common = dict(tags or {})
        if tags_per_session < 0:
            raise ValueError(f"tags_per_session must be >= 0, got {tags_per_session}")
        try:
            _check_tags([*common.items(), *((f"seed-{k}", "") for k in range(tags_per_session))])
        except _ApiError as error:
            raise ValueError(error.message) from None
        system = dict(system_tags or {})
        for key, value in system.items():
            if not is_reserved_tag_key(key):
                raise ValueError(f"system_tags: key {key!r} does not begin with 'aws:'")
            if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
                raise ValueError(
                    f"system_tags: key {key!r} is not {TAG_KEY_MIN_LENGTH} to"
                    f" {TAG_KEY_MAX_LENGTH} characters long"
                )
            if len(value) > TAG_VALUE_MAX_LENGTH:
                raise ValueError(
                    f"system_tags: the value of {key!r} is over {TAG_VALUE_MAX_LENGTH} characters"
                )
        for name, values in (
            ("network_interface_ids", network_interface_ids),
            ("target_ids", target_ids),
            ("filter_ids", filter_ids),
            ("session_numbers", session_numbers),
            ("packet_lengths", packet_lengths),
            ("virtual_network_ids", virtual_network_ids),
        ):
            if values is not None and len(values) == 0:
                raise ValueError(f"{name} must not be empty")
        for number in session_numbers or ():
            self._value_error("session_numbers", number, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX)
        for length in packet_lengths or ():
            if length is not None:
                self._value_error("packet_lengths", length, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX)
        for vni in virtual_network_ids or ():
            self._value_error(
                "virtual_network_ids", vni, VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX
            )
        backend = self._backend(account_id, region)
        ids: list[str] = []
        with self._lock:
            for index in range(count):
                session_tags = dict(common)
                for k in range(tags_per_session):
                    session_tags[f"seed-{k}"] = f"{index}-{k}"
                session_tags.update(system)
                session = backend.new_session(
                    session_id=new_session_id(),
                    network_interface_id=(
                        network_interface_ids[index % len(network_interface_ids)]
                        if network_interface_ids
                        else f"eni-{index // 3:017x}"
                    ),
                    traffic_mirror_target_id=(
                        target_ids[index % len(target_ids)]
                        if target_ids
                        else f"tmt-{index % 10:017x}"
                    ),
                    traffic_mirror_filter_id=(
                        filter_ids[index % len(filter_ids)]
                        if filter_ids
                        else f"tmf-{index % 5:017x}"
                    ),
                    session_number=(
                        session_numbers[index % len(session_numbers)]
                        if session_numbers
                        else index % 3 + 1
                    ),
                    packet_length=(
                        packet_lengths[index % len(packet_lengths)] if packet_lengths else None
                    ),
                    virtual_network_id=(
                        virtual_network_ids[index % len(virtual_network_ids)]
                        if virtual_network_ids
                        else self._assign_vni()
                    ),
                    description=None if description is None else description.format(index=index),
                    client_token=None,
                    tags=session_tags,
                )
                ids.append(session.id)
            self._version += 1
        return ids

    @staticmethod
    def _value_error(name: str, value: int, low: int, high: int) -> None:
        if isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"{name}: {value!r} is outside {low} to {high}")

    def _assign_vni(self) -> int:
        vni = (self._vnis_assigned * _VNI_MULTIPLIER + _VNI_OFFSET) % _VNI_SPACE
        self._vnis_assigned += 1
        return vni

    # ------------------------------------------------------------------ requests

    def handle(self, request: Request) -> Reply | None:
        """Answer one request (``None``: not ours, moto answers it)."""
        try:
            with self._lock:
                if request.operation in TAG_OPERATIONS:
                    if not _session_resources(request):
                        return None  # not about sessions: moto's own business
                    self._calls[request.operation] += 1
                    self._common_checks(request)
                    self._check_tag_request(request)
                    return None
                self._calls[request.operation] += 1
                self._common_checks(request)
                return Result(self._dispatch(request))
        except _ApiError as error:
            return Failure(error.status, error.code, error.message)

    def _common_checks(self, request: Request) -> None:
        if self._throttle_remaining > 0:
            self._throttle_remaining -= 1
            raise _ApiError("RequestLimitExceeded", "Request limit exceeded.", status=503)
        if _ALL in self._denied or request.operation in self._denied:
            raise _ApiError(
                "UnauthorizedOperation",
                "You are not authorized to perform this operation.",
                status=403,
            )
        if _flag(request.params, "DryRun"):
            raise _ApiError(
                "DryRunOperation",
                "Request would have succeeded, but DryRun flag is set.",
                status=412,
            )

    def _dispatch(self, request: Request) -> dict[str, object]:
        handlers: dict[str, Callable[[Request], dict[str, object]]] = {
            "CreateTrafficMirrorSession": self._create,
            "DeleteTrafficMirrorSession": self._delete,
            "DescribeTrafficMirrorSessions": self._describe,
            "ModifyTrafficMirrorSession": self._modify,
        }
        return handlers[request.operation](request)

    # describe -------------------------------------------------------------

    def _describe(self, request: Request) -> dict[str, object]:
        params = request.params
        backend = self._backend(request.account_id, request.region)
        max_results: int | None = None
        if params.get("MaxResults") is not None:
            max_results = _check_range(
                "MaxResults", params.get("MaxResults"), MAX_RESULTS_MIN, MAX_RESULTS_MAX
            )
        query = self._query(request, backend)
        token = _string(params, "NextToken")
        after, offset = -1, 0
        if token:
            state = self._tokens.get(token)
            if state is None or state.fingerprint != query.fingerprint:
                raise _ApiError("InvalidNextToken", f"The token '{token}' is invalid.")
            after, offset = state.after_ordinal, state.offset
        page = 0 if not max_results else offset // max_results
        fault = self._page_faults.get(page)
        if fault is not None and fault.remaining > 0:
            fault.remaining -= 1
            raise _ApiError(fault.code, fault.message, status=fault.status)
        listing = self._listing(backend)
        start = bisect.bisect_right(listing.ordinals, after)
        limit = max_results if max_results else len(listing.sessions)
        chosen: list[int] = []
        more = False
        for position in range(start, len(listing.sessions)):
            if query.matches(listing.sessions[position]):
                if len(chosen) == limit:
                    more = True
                    break
                chosen.append(position)
        body: dict[str, object] = {
            "TrafficMirrorSessions": [self._item(listing.sessions[i], backend) for i in chosen]
        }
        if more:
            next_token = secrets.token_urlsafe(24)
            self._tokens[next_token] = _TokenState(
                query.fingerprint, listing.ordinals[chosen[-1]], offset + len(chosen)
            )
            body["NextToken"] = next_token
        return body

    def _query(self, request: Request, backend: Backend) -> _Query:
        params = request.params
        raw_ids = [str(item) for item in _list(params.get("TrafficMirrorSessionIds"))]
        for session_id in raw_ids:
            if not session_id.startswith("tms-"):
                raise _ApiError(
                    "InvalidTrafficMirrorSessionId.Malformed",
                    f"Invalid id: '{session_id}' (expecting 'tms-...')",
                )
        missing = [sid for sid in dict.fromkeys(raw_ids) if sid not in backend.sessions]
        if missing:
            raise _not_found(missing)
        filters: list[_Filter] = []
        shapes: list[tuple[str, tuple[str, ...]]] = []
        for raw in _list(params.get("Filters")):
            entry = _mapping(raw)
            name = entry.get("Name")
            values = [str(value) for value in _list(entry.get("Values"))]
            if not isinstance(name, str) or name not in SESSION_FILTERS:
                raise _ApiError("InvalidParameterValue", f"The filter '{name}' is invalid")
            if not values:
                raise _ApiError(
                    "InvalidParameterValue", f"The filter '{name}' must have at least one value"
                )
            if name in _INTEGER_FILTERS:
                numbers: set[int] = set()
                for value in values:
                    if not _INTEGER_TEXT.fullmatch(value):
                        raise _invalid_value(name, value, "The filter value must be an integer.")
                    numbers.add(int(value))
                filters.append(_Filter(name, _INTEGER_FILTERS[name], numbers=frozenset(numbers)))
            else:
                patterns = tuple(_wildcard(value) for value in dict.fromkeys(values))
                filters.append(_Filter(name, _STRING_FILTERS[name], patterns=patterns))
            shapes.append((name, tuple(sorted(set(values)))))
        fingerprint = (
            request.account_id,
            request.region,
            tuple(sorted(set(raw_ids))),
            tuple(sorted(shapes)),
        )
        return _Query(fingerprint, frozenset(raw_ids), tuple(filters))

    def _listing(self, backend: Backend) -> _Listing:
        key = (backend.account_id, backend.region)
        sessions = backend.sessions
        cached = self._listings.get(key)
        if (
            cached is not None
            and cached.version == self._version
            and cached.length == len(sessions)
        ):
            return cached
        listing = _Listing(self._version, len(sessions))
        for session in sessions.values():
            ordinal = self._ordinals.get(session.id)
            if ordinal is None:
                ordinal = self._ordinals[session.id] = self._next_ordinal
                self._next_ordinal += 1
            listing.sessions.append(session)
            listing.ordinals.append(ordinal)
        self._listings[key] = listing
        return listing

    def _item(self, session: MotoSession, backend: Backend) -> dict[str, object]:
        item: dict[str, object] = {
            "TrafficMirrorSessionId": session.id,
            "TrafficMirrorTargetId": session.traffic_mirror_target_id,
            "TrafficMirrorFilterId": session.traffic_mirror_filter_id,
            "NetworkInterfaceId": session.network_interface_id,
            "OwnerId": backend.account_id,
            "SessionNumber": session.session_number,
        }
        if session.packet_length is not None:
            item["PacketLength"] = session.packet_length
        if session.virtual_network_id is not None:
            item["VirtualNetworkId"] = session.virtual_network_id
        if session.description is not None:
            item["Description"] = session.description
        item["Tags"] = [
            {"Key": key, "Value": value} for key, value in backend.tags_of(session.id).items()
        ]
        for member, value in self._invalid_items.get(session.id, {}).items():
            if value is None:
                item.pop(member, None)
            else:
                item[member] = value
        return item

    # create / modify / delete ------------------------------------------------

    def _create(self, request: Request) -> dict[str, object]:
        params = request.params
        backend = self._backend(request.account_id, request.region)
        network_interface_id = _required_string(params, "NetworkInterfaceId")
        target_id = _required_string(params, "TrafficMirrorTargetId")
        filter_id = _required_string(params, "TrafficMirrorFilterId")
        session_number = _check_range(
            "SessionNumber",
            _required(params, "SessionNumber"),
            SESSION_NUMBER_MIN,
            SESSION_NUMBER_MAX,
        )
        packet_length = self._optional_range(
            params, "PacketLength", PACKET_LENGTH_MIN, PACKET_LENGTH_MAX
        )
        vni = self._optional_range(
            params, "VirtualNetworkId", VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX
        )
        description = _string(params, "Description")
        tags = self._tag_specifications(params.get("TagSpecifications"))
        client_token = _string(params, "ClientToken")
        shape = (
            network_interface_id,
            target_id,
            filter_id,
            session_number,
            packet_length,
            vni,
            description,
            tuple(tags.items()),
        )
        if client_token:
            known = self._client_tokens.get((request.account_id, request.region, client_token))
            if known is not None:
                session_id, known_shape = known
                if known_shape != shape:
                    raise _ApiError(
                        "IdempotentParameterMismatch",
                        "The client token was already used with different parameters.",
                    )
                existing = backend.sessions.get(session_id)
                if existing is not None:
                    return {
                        "TrafficMirrorSession": self._item(existing, backend),
                        "ClientToken": client_token,
                    }
        session = backend.new_session(
            session_id=new_session_id(),
            network_interface_id=network_interface_id,
            traffic_mirror_target_id=target_id,
            traffic_mirror_filter_id=filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=self._assign_vni() if vni is None else vni,
            description=description,
            client_token=client_token,
            tags=tags,
        )
        self._version += 1
        if client_token:
            self._client_tokens[(request.account_id, request.region, client_token)] = (
                session.id,
                shape,
            )
        body: dict[str, object] = {"TrafficMirrorSession": self._item(session, backend)}
        if client_token:
            body["ClientToken"] = client_token
        return body

    @staticmethod
    def _optional_range(params: Mapping[str, Any], name: str, low: int, high: int) -> int | None:
        value = params.get(name)
        if value is None:
            return None
        return _check_range(name, value, low, high)

    @staticmethod
    def _tag_specifications(raw: object) -> dict[str, str]:
        pairs: list[tuple[str, str]] = []
        for spec in _list(raw):
            entry = _mapping(spec)
            resource_type = entry.get("ResourceType")
            if resource_type != "traffic-mirror-session":
                raise _ApiError(
                    "InvalidParameterValue",
                    f"'{resource_type}' is not a valid taggable resource type for this operation.",
                )
            pairs.extend(_tag_pairs(entry.get("Tags")))
        return _check_tags(pairs)

    def _existing(self, request: Request, backend: Backend) -> MotoSession:
        session_id = _required_string(request.params, "TrafficMirrorSessionId")
        if not session_id.startswith("tms-"):
            raise _ApiError(
                "InvalidTrafficMirrorSessionId.Malformed",
                f"Invalid id: '{session_id}' (expecting 'tms-...')",
            )
        session = backend.sessions.get(session_id)
        if session is None:
            raise _not_found([session_id])
        return session

    def _modify(self, request: Request) -> dict[str, object]:
        params = request.params
        backend = self._backend(request.account_id, request.region)
        session = self._existing(request, backend)
        target_id = _string(params, "TrafficMirrorTargetId")
        filter_id = _string(params, "TrafficMirrorFilterId")
        session_number = self._optional_range(
            params, "SessionNumber", SESSION_NUMBER_MIN, SESSION_NUMBER_MAX
        )
        packet_length = self._optional_range(
            params, "PacketLength", PACKET_LENGTH_MIN, PACKET_LENGTH_MAX
        )
        vni = self._optional_range(
            params, "VirtualNetworkId", VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX
        )
        description = _string(params, "Description")
        remove = [str(item) for item in _list(params.get("RemoveFields"))]
        for name in remove:
            if name not in _REMOVABLE_FIELDS:
                raise _invalid_value(
                    "RemoveFields",
                    name,
                    f"Valid values are {', '.join(sorted(_REMOVABLE_FIELDS))}.",
                )
            if params.get(_REMOVABLE_FIELDS[name]) is not None:
                raise _ApiError(
                    "InvalidParameterCombination",
                    f"{_REMOVABLE_FIELDS[name]} cannot be both set and removed.",
                )
        if target_id is not None:
            session.traffic_mirror_target_id = target_id
        if filter_id is not None:
            session.traffic_mirror_filter_id = filter_id
        if session_number is not None:
            session.session_number = session_number
        if packet_length is not None:
            session.packet_length = packet_length
        if vni is not None:
            session.virtual_network_id = vni
        if description is not None:
            session.description = description
        if "packet-length" in remove:
            session.packet_length = None
        if "virtual-network-id" in remove:
            session.virtual_network_id = None
        if "description" in remove:
            session.description = None
        return {"TrafficMirrorSession": self._item(session, backend)}

    def _delete(self, request: Request) -> dict[str, object]:
        backend = self._backend(request.account_id, request.region)
        session = self._existing(request, backend)
        backend.delete_session(session.id)
        self._version += 1
        return {"TrafficMirrorSessionId": session.id}

    # tags ------------------------------------------------------------------

    def _check_tag_request(self, request: Request) -> None:
        """Checks of CreateTags/DeleteTags on session ids that moto skips; moto does the rest."""
        sessions = _session_resources(request)
        if not sessions:
            return
        backend = self._backend(request.account_id, request.region)
        missing = [sid for sid in sessions if sid not in backend.sessions]
        if missing:
            raise _not_found(missing)
        if request.operation != "CreateTags":
            return
        pairs = _tag_pairs(request.params.get("Tags"))
        new_tags = _check_tags(pairs)
        for session_id in sessions:
            merged = {**backend.tags_of(session_id), **new_tags}
            if len(merged) > MAX_TAGS_PER_RESOURCE:
                raise _ApiError(
                    "TagLimitExceeded",
                    f"The maximum number of tags ({MAX_TAGS_PER_RESOURCE}) for a resource"
                    " was exceeded.",
                )
