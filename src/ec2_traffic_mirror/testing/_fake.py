"""`TrafficMirrorFake`: the test controls, and the one entry every request goes through.

The resources live in the region stores (``_state``); each operation's answer
is decided by its resource's handlers (``_sessions``, ``_targets``,
``_filters``, ``_tags``). This class holds what a test steers: faults, denial,
call counts, lower quotas, bulk seeding; and ``handle()``, which counts,
throttles, denies and answers ``DryRun`` the same way for every operation.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, cast

from ec2_traffic_mirror.testing import _seeding
from ec2_traffic_mirror.testing._context import (
    ACCOUNT_QUOTA,
    RULES_PER_FILTER,
    SESSIONS_PER_INTERFACE,
    Context,
    PageFault,
    TokenState,
)
from ec2_traffic_mirror.testing._describe import MAX_RESULTS_MAX, MAX_RESULTS_MIN
from ec2_traffic_mirror.testing._filters import FILTER_FILTERS, RULE_FILTERS
from ec2_traffic_mirror.testing._filters import HANDLERS as _FILTER_HANDLERS
from ec2_traffic_mirror.testing._moto import (
    DEFAULT_ACCOUNT_ID,
    STS_OPERATIONS,
    Failure,
    Reply,
    Request,
    Result,
    delete_network_interfaces,
    region_state,
)
from ec2_traffic_mirror.testing._seeding import FilterRuleSpec, PortRangeSpec
from ec2_traffic_mirror.testing._sessions import HANDLERS as _SESSION_HANDLERS
from ec2_traffic_mirror.testing._sessions import SESSION_FILTERS
from ec2_traffic_mirror.testing._state import TargetType
from ec2_traffic_mirror.testing._tags import (
    TAG_OPERATIONS,
    check_tag_request,
    traffic_mirror_resources,
)
from ec2_traffic_mirror.testing._targets import HANDLERS as _TARGET_HANDLERS
from ec2_traffic_mirror.testing._targets import TARGET_FILTERS
from ec2_traffic_mirror.testing._wire import ApiError, flag

__all__ = [
    "ACCOUNT_QUOTA",
    "DEFAULT_ACCOUNT_ID",
    "FILTER_FILTERS",
    "FILTER_OPERATIONS",
    "MAX_RESULTS_MAX",
    "MAX_RESULTS_MIN",
    "OPERATIONS",
    "RULES_PER_FILTER",
    "RULE_FILTERS",
    "SESSIONS_PER_INTERFACE",
    "SESSION_FILTERS",
    "SESSION_OPERATIONS",
    "STS_OPERATIONS",
    "TAG_OPERATIONS",
    "TARGET_FILTERS",
    "TARGET_OPERATIONS",
    "FilterRuleSpec",
    "PortRangeSpec",
    "RequestHook",
    "TrafficMirrorFake",
]

Handler = Callable[[Context, Request], dict[str, object]]
_HANDLERS: Final[dict[str, Handler]] = {
    **_SESSION_HANDLERS,
    **_TARGET_HANDLERS,
    **_FILTER_HANDLERS,
}

SESSION_OPERATIONS: Final = tuple(sorted(_SESSION_HANDLERS))
"""The session operations (Create, Delete, Describe, Modify)."""
TARGET_OPERATIONS: Final = tuple(sorted(_TARGET_HANDLERS))
"""The target operations (Create, Delete, Describe)."""
FILTER_OPERATIONS: Final = tuple(sorted(_FILTER_HANDLERS))
"""The filter, filter rule and network-service operations."""
OPERATIONS: Final = tuple(sorted(_HANDLERS))
"""Every Traffic Mirror operation the fake answers (and counts, throttles, denies)."""

_ALL: Final = "*"

Place = tuple[str | None, str | None]
"""Where a fault applies: (account id, region); ``None`` for any."""

RequestHook = Callable[[Request], object]
"""Called with each request before the fake answers it (`TrafficMirrorFake.on_request`)."""


def _place(account_id: str | None, region: str | None) -> Place:
    given = cast("tuple[tuple[str, object], ...]", (("account_id", account_id), ("region", region)))
    for name, value in given:
        if value is not None and (not isinstance(value, str) or not value):
            raise ValueError(f"{name} must be a non-empty string or None, got {value!r}")
    return account_id, region


def _places_of(request: Request) -> tuple[Place, ...]:
    """The places a request is in, the most particular first."""
    account, region = request.account_id, request.region
    return ((account, region), (account, None), (None, region), (None, None))


class TrafficMirrorFake:
    """The controls of one fake: faults, denial, call counts, quotas, seeding.

    One is active inside each ``mock_traffic_mirror()`` (and each
    ``traffic_mirror_server()``). The resources live with moto's EC2 backends,
    per account and region. Every method is safe to call from any thread (the
    HTTP server answers on its own threads).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._context = Context()
        self._calls: Counter[str] = Counter()
        self._throttles: dict[Place, int] = {}
        self._denied: dict[Place, set[str]] = {}
        self._hook: RequestHook | None = None

    @property
    def _tokens(self) -> dict[str, TokenState]:
        # The issued NextToken values (tests clear them to mimic another fake).
        return self._context.tokens

    # ------------------------------------------------------------------ controls

    def throttle(
        self, count: int = 1, *, account_id: str | None = None, region: str | None = None
    ) -> None:
        """The next ``count`` requests answer ``RequestLimitExceeded`` (HTTP 503).

        botocore retries those by itself (its retry modes treat the code as
        throttling), so ``count`` below the client's attempts means a late success.
        ``account_id`` and ``region`` make it count only the requests of that
        account and/or region (the account the request acts in: an assumed
        role's); ``count=0`` takes it back. A request is throttled by the most
        particular throttle of its place that has some left.
        """
        if count < 0:
            raise ValueError(f"throttle count must be >= 0, got {count}")
        place = _place(account_id, region)
        with self._lock:
            if count:
                self._throttles[place] = count
            else:
                self._throttles.pop(place, None)

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
        (a request without ``MaxResults`` is page 0), in any of the four
        Describe calls. botocore retries 5xx answers by itself, so ``times`` at
        or above its attempts surfaces the error.
        """
        if page < 0 or times < 1 or not 400 <= status <= 599:
            raise ValueError(
                f"fail_page needs page >= 0, times >= 1 and an HTTP error status,"
                f" got page={page}, times={times}, status={status}"
            )
        with self._lock:
            self._context.page_faults[page] = PageFault(status, code, message, times)

    def serve_invalid_item(self, resource_id: str, **members: object) -> None:
        """Describe serves this resource with these raw members overridden.

        Any Traffic Mirror id: a session, target, filter or rule (a rule also
        in its filter's rule lists). A value of ``None`` removes the member.
        Filters still see the stored resource; only the served item changes.
        Lasts until ``reset_faults()``.
        """
        with self._lock:
            self._context.invalid_items.setdefault(resource_id, {}).update(members)

    def deny(
        self, *operations: str, account_id: str | None = None, region: str | None = None
    ) -> None:
        """Answer ``UnauthorizedOperation`` to these operations (none named: every one).

        Every one: the Traffic Mirror operations and the tag calls on Traffic
        Mirror ids. ``account_id`` and ``region`` deny them only in that account
        and/or region (the account a request acts in: an assumed role's).
        ``"AssumeRole"`` (`STS_OPERATIONS`, only when named) denies assuming a
        role of ``account_id`` (``AccessDenied``, as STS answers), so a test
        can have a role that cannot be assumed.
        """
        names = self._operation_names(operations)
        place = _place(account_id, region)
        with self._lock:
            denied = self._denied.setdefault(place, set())
            if operations:
                denied.update(names)
            else:
                denied.add(_ALL)

    def allow(
        self, *operations: str, account_id: str | None = None, region: str | None = None
    ) -> None:
        """Undo ``deny`` of the same place: for these operations, or (none named) every one.

        ``allow()`` with no operation and no place undoes every denial, everywhere.
        """
        names = self._operation_names(operations)
        place = _place(account_id, region)
        with self._lock:
            if not operations:
                if place == (None, None):
                    self._denied.clear()
                else:
                    self._denied.pop(place, None)
                return
            denied = self._denied.get(place)
            if denied is None:
                return
            if _ALL in denied:
                denied.discard(_ALL)
                denied.update({*OPERATIONS, *TAG_OPERATIONS})
            denied.difference_update(names)

    def on_request(self, hook: RequestHook | None) -> None:
        """Call ``hook`` with each Traffic Mirror request (and ``AssumeRole``) before answering.

        It runs on the thread that serves the request, outside the fake's lock,
        so requests of other threads go on meanwhile: a test can hold one
        request on an event, or a benchmark add a latency to every call
        (``time.sleep``). What it raises is raised in the server. ``None``
        removes it; ``reset()`` too.
        """
        if hook is not None and not callable(hook):
            raise ValueError(f"on_request takes a callable or None, got {hook!r}")
        with self._lock:
            self._hook = hook

    def set_quotas(
        self,
        *,
        sessions: int | None = None,
        targets: int | None = None,
        filters: int | None = None,
    ) -> None:
        """Lower the account-wide quotas (AWS's: 10,000 each), so a test can reach them.

        They count per account and region; ``None`` leaves one as it is;
        ``reset()`` puts back AWS's. The quotas AWS does not let anyone change
        (3 sessions per source interface, 10 rules per filter) stay.
        """
        chosen = {"sessions": sessions, "targets": targets, "filters": filters}
        for name, value in chosen.items():
            if value is not None and (isinstance(value, bool) or not 0 <= value <= ACCOUNT_QUOTA):
                raise ValueError(f"{name} quota must be from 0 to {ACCOUNT_QUOTA}, got {value!r}")
        with self._lock:
            quotas = self._context.quotas
            quotas.sessions = quotas.sessions if sessions is None else sessions
            quotas.targets = quotas.targets if targets is None else targets
            quotas.filters = quotas.filters if filters is None else filters

    def call_count(self, operation: str | None = None) -> int:
        """Requests received for this operation (``None``: every Traffic Mirror one), faults
        included; ``"CreateTags"``/``"DeleteTags"``: tag calls on Traffic Mirror ids;
        ``"AssumeRole"``: roles assumed (or refused)."""
        with self._lock:
            if operation is None:
                return sum(self._calls[name] for name in OPERATIONS)
            return self._calls[operation]

    def reset_call_counts(self) -> None:
        """Start counting requests from zero."""
        with self._lock:
            self._calls.clear()

    def reset_faults(self) -> None:
        """Drop every throttle, page failure, invalid item and denial."""
        with self._lock:
            self._throttles.clear()
            self._context.page_faults.clear()
            self._context.invalid_items.clear()
            self._denied.clear()

    def reset(self) -> None:
        """Back to a fresh fake: no faults, hook, counts, tokens, lowered quotas, no resources.

        Deletes every Traffic Mirror session, target, filter and rule (and their
        tags), and the network interfaces seeding made, in each account and
        region this fake has served or seeded, so one context can serve many
        tests (a module-scoped fixture calling ``reset()`` per test is much
        faster than a new ``mock_traffic_mirror()`` per test).
        """
        with self._lock:
            self.reset_faults()
            self._hook = None
            self._calls.clear()
            context = self._context
            context.tokens.clear()
            context.quotas = type(context.quotas)()
            for account_id, region in sorted(context.served):
                seeded = region_state(account_id, region).clear()
                delete_network_interfaces(account_id, region, seeded)

    def _check_denied(self, request: Request) -> None:
        operation = request.operation
        sts = operation in STS_OPERATIONS
        for place in _places_of(request):
            denied = self._denied.get(place, ())
            if operation in denied or (_ALL in denied and not sts):
                message = "You are not authorized to perform this operation."
                if sts:  # STS's own code for a role the caller may not assume
                    raise ApiError("AccessDenied", message, status=403)
                raise ApiError("UnauthorizedOperation", message, status=403)

    @staticmethod
    def _operation_names(operations: Iterable[str]) -> set[str]:
        names = set(operations)
        known = (*OPERATIONS, *TAG_OPERATIONS, *STS_OPERATIONS)
        unknown = names.difference(known)
        if unknown:
            raise ValueError(
                f"unknown operation(s) {sorted(unknown)!r}; expected some of {known!r}"
            )
        return names

    # ------------------------------------------------------------------ seeding

    def seed_network_interfaces(
        self,
        count: int,
        *,
        region: str = "us-east-1",
        account_id: str = DEFAULT_ACCOUNT_ID,
        ids: Sequence[str] | None = None,
        description: str = "seeded network interface",
    ) -> list[str]:
        """Make ``count`` network interfaces in moto (the region's default subnet).

        Real moto interfaces: ``describe_network_interfaces`` lists them, and
        targets and sessions may name them. ``ids`` chooses their ids (one
        per interface, ``eni-`` and 8 or 17 hex digits); ``reset()`` deletes them.
        """
        with self._lock:
            state = self._context.state(account_id, region)
            return _seeding.seed_network_interfaces(state, count, ids=ids, description=description)

    def seed_targets(
        self,
        count: int,
        *,
        region: str = "us-east-1",
        account_id: str = DEFAULT_ACCOUNT_ID,
        ids: Sequence[str] | None = None,
        types: Sequence[TargetType] = ("network-interface",),
        network_interface_ids: Sequence[str] | None = None,
        network_load_balancer_arns: Sequence[str] | None = None,
        gateway_load_balancer_endpoint_ids: Sequence[str] | None = None,
        description: str | None = "seeded target {index}",
        tags: Mapping[str, str] | None = None,
        tags_per_target: int = 0,
        system_tags: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Store ``count`` targets directly; their ids, in listing order.

        Target ``i`` has type ``types[i % len(types)]``; the network interfaces,
        NLB ARNs and GWLB endpoint ids are cycled over the targets of their
        type (fresh ones when not given). Network interfaces are made in moto
        when missing; NLBs and endpoints are not checked (AWS would). An NLB
        can be the target of one target only. ``ids`` chooses the target ids.
        ``description`` is formatted with ``index``; tags as in ``seed_sessions``
        (``tags_per_target`` more tags ``seed-{k}`` = ``"{i}-{k}"``).
        """
        with self._lock:
            state = self._context.state(account_id, region)
            return _seeding.seed_targets(
                state,
                self._context.quotas,
                count,
                ids=ids,
                types=types,
                network_interface_ids=network_interface_ids,
                network_load_balancer_arns=network_load_balancer_arns,
                gateway_load_balancer_endpoint_ids=gateway_load_balancer_endpoint_ids,
                description=description,
                tags=_seeding.tag_maker("seed", tags, tags_per_target, system_tags),
            )

    def seed_filters(
        self,
        count: int,
        *,
        region: str = "us-east-1",
        account_id: str = DEFAULT_ACCOUNT_ID,
        ids: Sequence[str] | None = None,
        description: str | None = "seeded filter {index}",
        rules: Sequence[FilterRuleSpec] = (),
        network_services: Sequence[str] = (),
        tags: Mapping[str, str] | None = None,
        tags_per_filter: int = 0,
        system_tags: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Store ``count`` filters directly, each with ``rules`` and ``network_services``.

        ``rules`` are in ``CreateTrafficMirrorFilterRule``'s shape (without the
        filter id) and get the API's checks (ranges, CIDR blocks, one rule per
        direction and number, at most 10). Returns the filter ids in listing
        order; ``ids`` chooses them. ``description`` is formatted with ``index``.
        """
        with self._lock:
            state = self._context.state(account_id, region)
            return _seeding.seed_filters(
                state,
                self._context.quotas,
                count,
                ids=ids,
                description=description,
                rules=rules,
                network_services=network_services,
                tags=_seeding.tag_maker("seed", tags, tags_per_filter, system_tags),
            )

    def seed_sessions(
        self,
        count: int,
        *,
        region: str = "us-east-1",
        account_id: str = DEFAULT_ACCOUNT_ID,
        ids: Sequence[str] | None = None,
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
        three sessions per network interface (new interfaces, made in moto)
        with session numbers 1, 2, 3; ten new targets and five new filters
        (seeded for the call); whole packets; VNIs assigned as
        ``CreateTrafficMirrorSession`` assigns them. ``target_ids`` and
        ``filter_ids`` must exist (``seed_targets``, ``seed_filters``, or the
        API); ``network_interface_ids`` are made in moto when missing, and each
        may be the source of 3 sessions at most. ``description`` is formatted
        with ``index``; ``tags`` are put on every session and
        ``tags_per_session`` more tags ``seed-{k}`` = ``"{i}-{k}"``.
        ``system_tags`` are the ``aws:`` tags AWS services put on what they
        create (CloudFormation's ``aws:cloudformation:stack-name``, for one):
        no API caller can write them, but describe returns them; each key must
        begin with ``aws:``. They do not count toward the 50-tag limit.
        Values are checked against the API's ranges and quotas (``ValueError``).
        """
        with self._lock:
            state = self._context.state(account_id, region)
            return _seeding.seed_sessions(
                state,
                self._context.quotas,
                count,
                ids=ids,
                network_interface_ids=network_interface_ids,
                target_ids=target_ids,
                filter_ids=filter_ids,
                session_numbers=session_numbers,
                packet_lengths=packet_lengths,
                virtual_network_ids=virtual_network_ids,
                description=description,
                tags=_seeding.tag_maker("seed", tags, tags_per_session, system_tags),
            )

    # ------------------------------------------------------------------ requests

    def handle(self, request: Request) -> Reply | None:
        """Answer one request (``None``: not ours, moto answers it)."""
        if request.operation not in TAG_OPERATIONS:
            with self._lock:
                hook = self._hook
            if hook is not None:
                hook(request)
        try:
            with self._lock:
                if request.operation in STS_OPERATIONS:
                    self._calls[request.operation] += 1
                    self._check_denied(request)
                    return None  # allowed: moto answers
                if request.operation in TAG_OPERATIONS:
                    if not traffic_mirror_resources(request):
                        return None  # not about Traffic Mirror resources: moto's own business
                    self._calls[request.operation] += 1
                    self._common_checks(request)
                    check_tag_request(self._context, request)
                    return None  # checked: moto stores the tags
                self._calls[request.operation] += 1
                self._common_checks(request)
                return Result(_HANDLERS[request.operation](self._context, request))
        except ApiError as error:
            return Failure(error.status, error.code, error.message)

    def _common_checks(self, request: Request) -> None:
        for place in _places_of(request):
            remaining = self._throttles.get(place, 0)
            if remaining > 0:
                if remaining == 1:
                    del self._throttles[place]
                else:
                    self._throttles[place] = remaining - 1
                raise ApiError("RequestLimitExceeded", "Request limit exceeded.", status=503)
        self._check_denied(request)
        if flag(request.params, "DryRun"):
            raise ApiError(
                "DryRunOperation",
                "Request would have succeeded, but DryRun flag is set.",
                status=412,
            )
