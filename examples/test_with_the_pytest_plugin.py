"""Testing your own code on the fake with the pytest plugin: no conftest, no setup.

With ``pip install "ec2-traffic-mirror[testing]"`` pytest finds the fixtures by
itself. Each test gets a fresh fake, dummy credentials and a region, whatever
the shell around pytest holds. Every parameter is typed: mypy --strict and
pyright strict accept this file as it is.
"""

from __future__ import annotations

import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AccessDeniedError,
    SessionNotFoundError,
    SessionQuery,
    TrafficMirror,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.testing import TrafficMirrorFake, TrafficMirrorServer


def truncating_sessions(repo: TrafficMirrorSessionRepository) -> list[str]:
    """The code under test: the sessions that mirror less than the whole packet."""
    return [s.traffic_mirror_session_id for s in repo.find() if s.packet_length is not None]


def test_finds_the_truncating_sessions(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_session_repository: TrafficMirrorSessionRepository,
) -> None:
    ids = traffic_mirror_fake.seed_sessions(6, packet_lengths=[None, 128])
    assert truncating_sessions(traffic_mirror_session_repository) == ids[1::2]


def test_sessions_resolve_to_their_targets(
    traffic_mirror_fake: TrafficMirrorFake, traffic_mirror: TrafficMirror
) -> None:
    targets = traffic_mirror_fake.seed_targets(2, types=["network-load-balancer"])
    traffic_mirror_fake.seed_sessions(4, target_ids=targets)
    resolved = list(traffic_mirror.resolve(traffic_mirror.sessions.find()))
    assert [entry.target.type for entry in resolved if entry.target] == [
        "network-load-balancer"
    ] * 4


def test_a_plain_boto3_client_sees_the_same_fake(
    traffic_mirror_fake: TrafficMirrorFake, traffic_mirror_client: EC2Client
) -> None:
    traffic_mirror_fake.seed_sessions(3)
    page = traffic_mirror_client.describe_traffic_mirror_sessions(MaxResults=5)
    assert len(page["TrafficMirrorSessions"]) == 3


def test_errors_are_typed(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_session_repository: TrafficMirrorSessionRepository,
) -> None:
    with pytest.raises(SessionNotFoundError):
        traffic_mirror_session_repository.get("tms-0123456789abcdef0")
    traffic_mirror_fake.deny("DescribeTrafficMirrorSessions")
    with pytest.raises(AccessDeniedError):
        traffic_mirror_session_repository.count()


def test_over_http(
    traffic_mirror_server: TrafficMirrorServer, traffic_mirror_endpoint_url: str
) -> None:
    traffic_mirror_server.fake.seed_sessions(2, description="web {index}")
    # Credentials and region come from the test's environment, set by the plugin.
    mirror = TrafficMirror.connect(endpoint_url=traffic_mirror_endpoint_url)
    assert mirror.sessions.count(SessionQuery().description("web *")) == 2
