"""The repository against the testing fake over HTTP: parity with boto3, call counts, errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import botocore.session
import pytest
from botocore.config import Config
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    SessionNotFoundError,
    SessionQuery,
    ThrottlingError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server

# Over HTTP: the fake answers on the server's threads.
pytestmark = pytest.mark.timing_sensitive

OWNER = "123456789012"
TOTAL = 30
DESCRIBE = "DescribeTrafficMirrorSessions"
RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 2})


@pytest.fixture(scope="module")
def server() -> Iterator[TrafficMirrorServer]:
    # Module scope: starting the server and seeding is the slow part. Seeding
    # needs no credentials; each test builds its own client under the
    # dummy credentials of the autouse fixture.
    with traffic_mirror_server() as running:
        running.fake.seed_sessions(
            TOTAL,
            tags_per_session=2,
            packet_lengths=[None, 100, 200],
            virtual_network_ids=[11, 22, 33, 44],
            description="seeded session {index}",
        )
        yield running


@pytest.fixture
def repo(
    server: TrafficMirrorServer, botocore_session: botocore.session.Session
) -> Iterator[TrafficMirrorSessionRepository]:
    server.fake.reset_faults()
    server.fake.reset_call_counts()
    client = botocore_session.create_client(
        "ec2", region_name="us-east-1", endpoint_url=server.endpoint_url, config=RETRIES
    )
    yield TrafficMirrorSessionRepository(cast("EC2Client", client))
    server.fake.reset_faults()


def _boto3_listing(repo: TrafficMirrorSessionRepository, query: SessionQuery) -> list[object]:
    paginator = repo.client.get_paginator("describe_traffic_mirror_sessions")
    return [
        TrafficMirrorSession.model_validate(raw)
        for page in paginator.paginate(**query.to_request())
        for raw in page["TrafficMirrorSessions"]
    ]


def _all(repo: TrafficMirrorSessionRepository) -> list[TrafficMirrorSession]:
    return list(repo.find())


def _assert_resumes(
    repo: TrafficMirrorSessionRepository,
    query: SessionQuery,
    error: AwsApiError,
    before: list[TrafficMirrorSession],
) -> None:
    """The error's resume token continues ``query``: nothing lost, nothing doubled."""
    assert error.resume_token is not None
    rest = list(repo.find(query.starting_token(error.resume_token)))
    assert before + rest == _all(repo)


# Each filter alone (with values that match some sessions and not all), then
# combinations, with and without paging.
def _cases(sessions: list[TrafficMirrorSession]) -> list[tuple[str, SessionQuery, int | None]]:
    first, second, third = sessions[0], sessions[1], sessions[7]
    return [
        ("everything", SessionQuery(), TOTAL),
        ("session_ids", SessionQuery().session_ids(first.traffic_mirror_session_id), 1),
        ("description exact", SessionQuery().description("seeded session 7"), 1),
        ("description wildcard *", SessionQuery().description("seeded session 1*"), 11),
        ("description wildcard ?", SessionQuery().description("seeded session ?"), 10),
        (
            "network_interface_id",
            SessionQuery().network_interface_id(first.network_interface_id),
            3,
        ),
        ("owner_id", SessionQuery().owner_id(OWNER), TOTAL),
        ("owner_id other", SessionQuery().owner_id("210987654321"), 0),
        ("packet_length", SessionQuery().packet_length(100), 10),
        ("packet_length two", SessionQuery().packet_length(100, 200), 20),
        ("session_number", SessionQuery().session_number(2), 10),
        (
            "traffic_mirror_filter_id",
            SessionQuery().traffic_mirror_filter_id(first.traffic_mirror_filter_id),
            6,
        ),
        (
            "traffic_mirror_session_id",
            SessionQuery().traffic_mirror_session_id(
                first.traffic_mirror_session_id, "tms-00000000000000000"
            ),
            1,
        ),
        (
            "traffic_mirror_target_id",
            SessionQuery().traffic_mirror_target_id(third.traffic_mirror_target_id),
            3,
        ),
        ("virtual_network_id", SessionQuery().virtual_network_id(22), None),
        (
            "interface and number",
            SessionQuery()
            .network_interface_id(first.network_interface_id, second.network_interface_id)
            .session_number(1, 2),
            2,
        ),
        (
            "length, vni and description",
            SessionQuery().packet_length(100).virtual_network_id(22, 44).description("seeded*"),
            None,
        ),
        (
            "ids and filter",
            SessionQuery()
            .session_ids(first.traffic_mirror_session_id, second.traffic_mirror_session_id)
            .packet_length(100),
            1,
        ),
        ("paged", SessionQuery().page_size(5), TOTAL),
        ("paged filter", SessionQuery().session_number(3).page_size(5), 10),
        ("paged max items", SessionQuery().page_size(5).max_items(12), 12),
        (
            "paged combination",
            SessionQuery().owner_id(OWNER).packet_length(200).page_size(6).max_items(8),
            8,
        ),
    ]


def test_every_filter_alone_and_combined_returns_exactly_what_boto3_returns(
    repo: TrafficMirrorSessionRepository,
) -> None:
    sessions = _all(repo)
    assert len(sessions) == TOTAL
    for name, query, expected_count in _cases(sessions):
        ours = list(repo.find(query))
        theirs = _boto3_listing(repo, query)
        assert ours == theirs, name
        if expected_count is not None:
            assert len(ours) == expected_count, name
        else:
            assert 0 < len(ours) < TOTAL, name


def test_taking_one_item_makes_exactly_one_call(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    query = SessionQuery().page_size(5).max_items(23)
    listing = repo.find(query)
    assert server.fake.call_count(DESCRIBE) == 0
    next(listing)
    assert server.fake.call_count(DESCRIBE) == 1
    for _ in range(4):
        next(listing)
    assert server.fake.call_count(DESCRIBE) == 1
    next(listing)
    assert server.fake.call_count(DESCRIBE) == 2


def test_first_makes_one_call(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    found = repo.first(SessionQuery().page_size(5))
    assert found is not None
    assert server.fake.call_count(DESCRIBE) == 1


def test_connect_reaches_the_server(server: TrafficMirrorServer) -> None:
    repo = TrafficMirrorSessionRepository.connect(
        region_name="us-east-1", endpoint_url=server.endpoint_url
    )
    assert repo.count() == TOTAL


def test_count_and_pages(server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository) -> None:
    assert repo.count(SessionQuery().page_size(5)) == TOTAL
    assert server.fake.call_count(DESCRIBE) == 6
    pages = list(repo.pages(SessionQuery().page_size(7)))
    assert [len(page.items) for page in pages] == [7, 7, 7, 7, 2]
    assert pages[-1].next_token is None
    resumed = list(repo.find(SessionQuery().page_size(7).starting_token(pages[1].next_token or "")))
    assert resumed == [s for page in pages[2:] for s in page.items]


def test_can_describe_both_ways(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    assert repo.can_describe(SessionQuery().owner_id(OWNER)) is True
    server.fake.deny()
    assert repo.can_describe() is False
    with pytest.raises(AccessDeniedError) as caught:
        next(repo.find())
    assert caught.value.code == "UnauthorizedOperation"
    assert caught.value.request_id


def test_get_and_not_found(repo: TrafficMirrorSessionRepository) -> None:
    some = _all(repo)[4]
    assert repo.get(some.traffic_mirror_session_id) == some
    with pytest.raises(SessionNotFoundError) as caught:
        repo.get("tms-0000000000000000f")
    assert caught.value.code == "InvalidTrafficMirrorSessionId.NotFound"
    with pytest.raises(SessionNotFoundError):
        next(repo.find(SessionQuery().session_ids("tms-0000000000000000f")))


def test_throttling_within_retries_is_absorbed_by_botocore(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    server.fake.throttle(1)
    assert repo.count(SessionQuery().page_size(1000)) == TOTAL
    assert server.fake.call_count(DESCRIBE) == 2


def test_throttling_past_retries_is_a_throttling_error_with_a_resume_token(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    query = SessionQuery().page_size(10)
    listing = repo.find(query)
    before = [next(listing) for _ in range(10)]
    server.fake.throttle(2)
    with pytest.raises(ThrottlingError) as caught:
        next(listing)
    assert caught.value.code == "RequestLimitExceeded"
    assert caught.value.resume_token == listing.resume_token
    _assert_resumes(repo, query, caught.value, before)


def test_a_failing_page_is_an_aws_api_error_and_resumes(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    query = SessionQuery().page_size(5)
    server.fake.fail_page(2, times=2)
    listing = repo.find(query)
    before: list[TrafficMirrorSession] = []
    with pytest.raises(AwsApiError) as caught:
        before.extend(listing)
    assert caught.value.code == "InternalError"
    assert len(before) == 10
    _assert_resumes(repo, query, caught.value, before)


def test_invalid_items_over_http_both_ways(
    server: TrafficMirrorServer, repo: TrafficMirrorSessionRepository
) -> None:
    everything = _all(repo)
    bad_id = everything[3].traffic_mirror_session_id
    server.fake.serve_invalid_item(bad_id, VirtualNetworkId=2**24)
    skipping = TrafficMirrorSessionRepository(repo.client, on_invalid="skip")
    listing = skipping.find(SessionQuery().page_size(5))
    assert list(listing) == everything[:3] + everything[4:]
    assert [raw.get("TrafficMirrorSessionId") for raw in listing.skipped_items] == [bad_id]
    assert [raw.get("VirtualNetworkId") for raw in listing.skipped_items] == [2**24]
