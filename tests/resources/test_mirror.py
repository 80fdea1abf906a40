"""TrafficMirror: three repositories over one client, and sessions resolved in batches.

The Describe calls are answered by `Answers` (paging, id lists, filters as
AWS has them), and every call is counted: resolving 1,000 sessions that use
20 targets and 30 filters costs one target call and one filter call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AccessDeniedError,
    FilterNotFoundError,
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

from ._support import Answers, Calls, fid, filter_item, session_item, sid, target_item, tid

TARGETS: Final = "DescribeTrafficMirrorTargets"
FILTERS: Final = "DescribeTrafficMirrorFilters"
SESSIONS: Final = "DescribeTrafficMirrorSessions"


def world(
    client: EC2Client,
    sessions: int,
    targets: int,
    filters: int,
    *,
    gone_target: int | None = None,
    gone_filter: int | None = None,
) -> Answers:
    """``sessions`` sessions; session n uses target n % targets and filter n % filters."""
    return Answers(
        client,
        {
            SESSIONS: [
                session_item(n, target=n % targets, filter_=n % filters) for n in range(sessions)
            ],
            TARGETS: [target_item(n) for n in range(targets) if n != gone_target],
            FILTERS: [filter_item(n) for n in range(filters) if n != gone_filter],
        },
    )


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


def test_1000_sessions_over_20_targets_and_30_filters_cost_one_call_each(
    client: EC2Client,
) -> None:
    answers = world(client, 1000, 20, 30)
    mirror = TrafficMirror(client)
    resolved = list(mirror.resolve(mirror.sessions.find(SessionQuery().page_size(1000))))
    assert len(resolved) == 1000
    assert answers.count(SESSIONS) == 1
    assert answers.count(TARGETS) == 1
    assert answers.count(FILTERS) == 1
    assert [r.session.traffic_mirror_session_id for r in resolved] == [sid(n) for n in range(1000)]
    for n, entry in enumerate(resolved):
        assert entry.is_complete
        assert entry.target is not None
        assert entry.filter is not None
        assert entry.target.traffic_mirror_target_id == tid(n % 20)
        assert entry.filter.traffic_mirror_filter_id == fid(n % 30)
        assert entry.target_error is None
        assert entry.filter_error is None
    # One object per target, shared by its sessions.
    assert resolved[0].target is resolved[20].target
    # The target and filter calls asked by filter for exactly the ids needed.
    target_call = next(params for name, params in answers.calls if name == TARGETS)
    assert "TrafficMirrorTargetIds" not in target_call
    assert target_call["Filters"] == [
        {"Name": "traffic-mirror-target-id", "Values": [tid(n) for n in range(20)]}
    ]
    assert target_call["MaxResults"] == 1000


def test_smaller_chunks_fetch_only_what_is_new(client: EC2Client) -> None:
    answers = world(client, 1000, 20, 30)
    mirror = TrafficMirror(client)
    sessions = list(mirror.sessions.find(SessionQuery().page_size(1000)))
    resolved = list(mirror.resolve(sessions, chunk_size=100))
    assert len(resolved) == 1000
    # The first 100 sessions already use every target and filter.
    assert answers.count(TARGETS) == 1
    assert answers.count(FILTERS) == 1
    answers.calls.clear()
    list(mirror.resolve(sessions, chunk_size=10))
    # Chunks of 10 meet new targets in the first two chunks, new filters in three.
    assert answers.count(TARGETS) == 2
    assert answers.count(FILTERS) == 3


def test_ids_go_out_200_per_call(client: EC2Client) -> None:
    answers = world(client, 450, 450, 1)
    mirror = TrafficMirror(client)
    sessions = list(mirror.sessions.find())
    resolved = list(mirror.resolve(sessions))
    assert all(entry.is_complete for entry in resolved)
    sizes = [
        len(params["Filters"][0]["Values"]) for name, params in answers.calls if name == TARGETS
    ]
    assert sizes == [200, 200, 50]


def test_a_target_or_filter_that_is_gone_is_reported_on_its_sessions_only(
    client: EC2Client,
) -> None:
    # Target 3 and filter 4 were deleted after the sessions were read.
    answers = world(client, 40, 10, 10, gone_target=3, gone_filter=4)
    mirror = TrafficMirror(client)
    resolved = list(mirror.resolve(mirror.sessions.find()))
    assert len(resolved) == 40
    for n, entry in enumerate(resolved):
        if n % 10 == 3:
            assert entry.target is None
            assert isinstance(entry.target_error, TargetNotFoundError)
            assert entry.target_error.code == "InvalidTrafficMirrorTargetId.NotFound"
            assert tid(3) in str(entry.target_error)
            assert not entry.is_complete
        else:
            assert entry.target is not None
            assert entry.target_error is None
        if n % 10 == 4:
            assert entry.filter is None
            assert isinstance(entry.filter_error, FilterNotFoundError)
            assert fid(4) in str(entry.filter_error)
        else:
            assert entry.filter is not None
    assert answers.count(TARGETS) == 1


def test_a_target_that_breaks_the_model_is_reported_on_its_sessions(client: EC2Client) -> None:
    answers = world(client, 6, 3, 1)
    answers.invalid(tid(1), Type="network-load-balancer")
    mirror = TrafficMirror(client)
    resolved = list(mirror.resolve(mirror.sessions.find()))
    broken = [entry for entry in resolved if entry.target is None]
    assert [entry.session.traffic_mirror_session_id for entry in broken] == [sid(1), sid(4)]
    for entry in broken:
        assert isinstance(entry.target_error, ResponseValidationError)
        assert entry.target_error.resource_id == tid(1)
    assert sum(1 for entry in resolved if entry.is_complete) == 4


def test_errors_of_the_calls_themselves_are_raised(client: EC2Client) -> None:
    answers = world(client, 5, 1, 1)
    answers.fail(TARGETS, code="UnauthorizedOperation")
    mirror = TrafficMirror(client)
    with pytest.raises(AccessDeniedError):
        list(mirror.resolve(mirror.sessions.find()))


def test_resolve_is_lazy_and_reads_its_input_a_chunk_at_a_time(client: EC2Client) -> None:
    answers = world(client, 0, 3, 3)
    calls = Calls.on(client)
    read: list[int] = []

    def sessions() -> Iterator[TrafficMirrorSession]:
        for n in range(30):
            read.append(n)
            yield TrafficMirrorSession.model_validate(session_item(n, target=n % 3, filter_=n % 3))

    resolving = TrafficMirror(client).resolve(sessions(), chunk_size=10)
    assert read == []
    assert calls.names == []
    first = next(resolving)
    assert isinstance(first, ResolvedSession)
    assert len(read) == 10
    assert calls.names == [TARGETS, FILTERS]
    rest = list(resolving)
    assert len(rest) == 29
    assert answers.count(TARGETS) == 1


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
