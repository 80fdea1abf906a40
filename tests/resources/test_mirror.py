"""TrafficMirror: three repositories over one client, and sessions resolved in batches.

Resolving runs on the fake (in-process and over HTTP), which answers the
Describe calls as AWS does and counts every request it receives: resolving
1,000 seeded sessions that use 20 targets and 30 filters costs one target call
and one filter call. Refusals are counted on the client, before any call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AccessDeniedError,
    FilterNotFoundError,
    LimitExceededError,
    QueryError,
    ResolvedSession,
    ResponseValidationError,
    SessionQuery,
    TargetNotFoundError,
    TrafficMirror,
    TrafficMirrorFilterRepository,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    TrafficMirrorTargetRepository,
)

from ._support import Calls, session_item
from .conftest import World

TARGETS: Final = "DescribeTrafficMirrorTargets"
FILTERS: Final = "DescribeTrafficMirrorFilters"
SESSIONS: Final = "DescribeTrafficMirrorSessions"


def seed(world: World, sessions: int, targets: int, filters: int) -> tuple[list[str], list[str]]:
    """``sessions`` sessions; session n uses target n % targets and filter n % filters."""
    target_ids = world.fake.seed_targets(targets)
    filter_ids = world.fake.seed_filters(
        filters,
        rules=[
            {
                "TrafficDirection": "ingress",
                "RuleNumber": 100,
                "RuleAction": "accept",
                "SourceCidrBlock": "0.0.0.0/0",
                "DestinationCidrBlock": "10.0.0.0/16",
            }
        ],
    )
    world.fake.seed_sessions(sessions, target_ids=target_ids, filter_ids=filter_ids)
    world.fake.reset_call_counts()
    return target_ids, filter_ids


def counts(world: World) -> tuple[int, int, int]:
    """The Describe calls the fake received: sessions, targets, filters."""
    fake = world.fake
    return fake.call_count(SESSIONS), fake.call_count(TARGETS), fake.call_count(FILTERS)


def test_the_three_repositories_share_the_client_and_on_invalid(client: EC2Client) -> None:
    mirror = TrafficMirror(client, on_invalid="skip")
    assert isinstance(mirror.sessions, TrafficMirrorSessionRepository)
    assert isinstance(mirror.targets, TrafficMirrorTargetRepository)
    assert isinstance(mirror.filters, TrafficMirrorFilterRepository)
    for repo in (mirror.sessions, mirror.targets, mirror.filters):
        assert repo.client is client
        assert repo.on_invalid == "skip"
    assert mirror.client is client
    assert mirror.on_invalid == "skip"
    assert TrafficMirror(client).on_invalid == "raise"
    with pytest.raises(QueryError, match="on_invalid must be 'raise' or 'skip'"):
        TrafficMirror(client, on_invalid="ignore")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def test_connect_builds_the_client_as_the_repositories_do() -> None:
    mirror = TrafficMirror.connect(region_name="eu-west-1", on_invalid="skip")
    assert mirror.client.meta.region_name == "eu-west-1"
    options: dict[str, object] = vars(mirror.client.meta.config)
    assert options["retries"] == {"mode": "standard"}
    assert mirror.targets.client is mirror.client
    with pytest.raises(QueryError, match="region_name"):
        TrafficMirror.connect(region_name="")


def test_1000_sessions_over_20_targets_and_30_filters_cost_one_call_each(world: World) -> None:
    target_ids, filter_ids = seed(world, 1000, 20, 30)
    mirror = world.mirror
    resolved = list(mirror.resolve(mirror.sessions.find(SessionQuery().page_size(1000))))
    assert len(resolved) == 1000
    assert counts(world) == (1, 1, 1)
    sessions = [entry.session for entry in resolved]
    assert sessions == list(mirror.sessions.find())
    for entry in resolved:
        assert entry.is_complete
        assert entry.target is not None
        assert entry.filter is not None
        assert entry.target.traffic_mirror_target_id == entry.session.traffic_mirror_target_id
        assert entry.filter.traffic_mirror_filter_id == entry.session.traffic_mirror_filter_id
        assert len(entry.filter.rules) == 1
        assert entry.target_error is None
        assert entry.filter_error is None
    assert {entry.target.traffic_mirror_target_id for entry in resolved if entry.target} == set(
        target_ids
    )
    assert {entry.filter.traffic_mirror_filter_id for entry in resolved if entry.filter} == set(
        filter_ids
    )
    # One object per target, shared by its sessions.
    by_target = [e for e in resolved if e.session.traffic_mirror_target_id == target_ids[0]]
    assert len(by_target) == 50
    assert all(entry.target is by_target[0].target for entry in by_target)


def test_smaller_chunks_fetch_only_what_is_new(world: World) -> None:
    seed(world, 1000, 20, 30)
    mirror = world.mirror
    sessions = list(mirror.sessions.find(SessionQuery().page_size(1000)))
    world.fake.reset_call_counts()
    resolved = list(mirror.resolve(sessions, chunk_size=100))
    assert len(resolved) == 1000
    # The first 100 sessions already use every target and filter.
    assert counts(world) == (0, 1, 1)
    world.fake.reset_call_counts()
    list(mirror.resolve(sessions, chunk_size=10))
    # Chunks of 10 meet new targets in the first two chunks, new filters in three.
    assert counts(world) == (0, 2, 3)


def test_ids_go_out_200_per_call(world: World) -> None:
    seed(world, 450, 450, 1)
    sizes: list[int] = []

    def keep(params: dict[str, Any], **_: Any) -> None:
        sizes.extend(len(entry["Values"]) for entry in params.get("Filters", []))

    event = f"before-parameter-build.ec2.{TARGETS}"
    world.client.meta.events.register(event, keep)
    try:
        resolved = list(world.mirror.resolve(world.mirror.sessions.find()))
    finally:
        world.client.meta.events.unregister(event, keep)
    assert all(entry.is_complete for entry in resolved)
    assert sizes == [200, 200, 50]
    assert world.fake.call_count(TARGETS) == 3


def test_a_target_or_filter_deleted_since_the_sessions_were_read_is_reported_on_them(
    world: World,
) -> None:
    target_ids, filter_ids = seed(world, 40, 10, 10)
    mirror = world.mirror
    sessions = list(mirror.sessions.find())
    # Meanwhile someone deletes the sessions on target 3 and on filter 4, then the two.
    gone_target, gone_filter = target_ids[3], filter_ids[4]
    for session in sessions:
        uses = {session.traffic_mirror_target_id, session.traffic_mirror_filter_id}
        if uses & {gone_target, gone_filter}:
            mirror.sessions.delete(session.traffic_mirror_session_id)
    assert mirror.targets.delete(gone_target) is True
    assert mirror.filters.delete(gone_filter) is True
    world.fake.reset_call_counts()
    resolved = list(mirror.resolve(sessions))
    assert len(resolved) == 40
    for entry in resolved:
        if entry.session.traffic_mirror_target_id == gone_target:
            assert entry.target is None
            assert isinstance(entry.target_error, TargetNotFoundError)
            assert entry.target_error.code == "InvalidTrafficMirrorTargetId.NotFound"
            assert gone_target in str(entry.target_error)
            assert not entry.is_complete
        else:
            assert entry.target is not None
            assert entry.target_error is None
        if entry.session.traffic_mirror_filter_id == gone_filter:
            assert entry.filter is None
            assert isinstance(entry.filter_error, FilterNotFoundError)
            assert gone_filter in str(entry.filter_error)
        else:
            assert entry.filter is not None
    assert sum(1 for entry in resolved if entry.target is None) == 4
    assert sum(1 for entry in resolved if entry.filter is None) == 4
    assert counts(world) == (0, 1, 1)


def test_a_target_that_breaks_the_model_is_reported_on_its_sessions(world: World) -> None:
    target_ids, _ = seed(world, 6, 3, 1)
    world.fake.serve_invalid_item(target_ids[1], Type="network-load-balancer")
    resolved = list(world.mirror.resolve(world.mirror.sessions.find()))
    broken = [entry for entry in resolved if entry.target is None]
    assert [entry.session.traffic_mirror_target_id for entry in broken] == [target_ids[1]] * 2
    for entry in broken:
        assert isinstance(entry.target_error, ResponseValidationError)
        assert entry.target_error.resource_id == target_ids[1]
    assert sum(1 for entry in resolved if entry.is_complete) == 4


def test_errors_of_the_calls_themselves_are_raised(world: World) -> None:
    seed(world, 5, 1, 1)
    sessions = list(world.mirror.sessions.find())
    world.fake.deny(TARGETS)
    with pytest.raises(AccessDeniedError) as caught:
        list(world.mirror.resolve(sessions))
    assert caught.value.operation == TARGETS


def test_resolve_is_lazy_and_reads_its_input_a_chunk_at_a_time(world: World) -> None:
    seed(world, 30, 3, 3)
    stored = list(world.mirror.sessions.find())
    world.fake.reset_call_counts()
    read: list[int] = []

    def sessions() -> Iterator[TrafficMirrorSession]:
        for n, session in enumerate(stored):
            read.append(n)
            yield session

    resolving = world.mirror.resolve(sessions(), chunk_size=10)
    assert read == []
    assert counts(world) == (0, 0, 0)
    first = next(resolving)
    assert isinstance(first, ResolvedSession)
    assert len(read) == 10
    assert counts(world) == (0, 1, 1)
    rest = list(resolving)
    assert len(rest) == 29
    assert len(read) == 30
    assert counts(world) == (0, 1, 1)


def test_the_session_quotas_are_limit_exceeded_errors(world: World) -> None:
    target_ids, filter_ids = seed(world, 0, 1, 1)
    eni, other = world.fake.seed_network_interfaces(2)
    sessions = world.mirror.sessions

    def create(source: str, number: int) -> TrafficMirrorSession:
        return sessions.create(
            network_interface_id=source,
            traffic_mirror_target_id=target_ids[0],
            traffic_mirror_filter_id=filter_ids[0],
            session_number=number,
        )

    for number in (1, 2, 3):
        create(eni, number)
    with pytest.raises(LimitExceededError) as per_interface:
        create(eni, 4)
    assert per_interface.value.code == "TrafficMirrorSessionsPerInterfaceLimitExceeded"
    world.fake.set_quotas(sessions=4)
    create(other, 1)
    with pytest.raises(LimitExceededError) as account:
        create(other, 2)
    assert account.value.code == "TrafficMirrorSessionLimitExceeded"
    assert sessions.count() == 4


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        ({"sessions": TrafficMirrorSession.model_validate(session_item(1))}, "an iterable of"),
        ({"sessions": "tms-0123456789abcdef0"}, "an iterable of"),
        ({"sessions": 5}, "an iterable of"),
        ({"sessions": [], "chunk_size": 0}, "resolve() takes 1 to 1000, got 0"),
        ({"sessions": [], "chunk_size": 1001}, "resolve() takes 1 to 1000"),
        ({"sessions": [], "chunk_size": True}, "resolve() takes an integer"),
    ],
)
def test_resolve_refuses_what_is_not_sessions_before_any_call(
    client: EC2Client, arguments: dict[str, Any], fragment: str
) -> None:
    calls = Calls.on(client)
    with pytest.raises(QueryError) as caught:
        TrafficMirror(client).resolve(**arguments)
    assert fragment in str(caught.value)
    assert calls.names == []


def test_an_item_that_is_not_a_session_is_refused_before_its_chunk_is_resolved(
    client: EC2Client,
) -> None:
    calls = Calls.on(client)
    items: list[Any] = [TrafficMirrorSession.model_validate(session_item(1)), {"not": "a session"}]
    with pytest.raises(QueryError, match="got an item"):
        list(TrafficMirror(client).resolve(items))
    assert calls.names == []
