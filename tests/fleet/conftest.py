"""One fake server per test module, with several accounts and regions; fresh for each test.

The server is moto's, with the project's fake: a role of any account can be
assumed through its STS, and the assumed role's credentials act in the
role's account, so one server serves a whole organization. Every test
starts from an empty fake (``reset()``: resources, faults, hooks, counts).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from botocore.retries.standard import ExponentialBackoff

from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server


@pytest.fixture(scope="module")
def fleet_server(module_aws_environment: None) -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as running:
        yield running


@pytest.fixture
def server(fleet_server: TrafficMirrorServer) -> Iterator[TrafficMirrorServer]:
    fleet_server.fake.reset()
    yield fleet_server
    fleet_server.fake.reset()


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's standard retries without the sleeps between attempts (any thread)."""

    def no_delay(self: ExponentialBackoff, context: object) -> float:
        return 0.0

    monkeypatch.setattr(ExponentialBackoff, "delay_amount", no_delay)
