"""Fixtures of the fake's parity tests: one plain boto3 client per transport.

Every parity test runs twice: in-process (moto's botocore hook, as
``mock_aws()`` works) and over HTTP against ``traffic_mirror_server()`` on
127.0.0.1, so botocore's real serialization, HTTP and XML parsing are covered.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from botocore.retries.standard import ExponentialBackoff
from mypy_boto3_ec2 import EC2Client

from ._support import Env


# Over HTTP the fake answers on the server's threads: scripts/flake-hunt repeats those.
@pytest.fixture(
    scope="module",
    params=["in-process", pytest.param("http", marks=pytest.mark.timing_sensitive)],
)
def _transport(request: pytest.FixtureRequest) -> Iterator[Env]:
    """One fake per transport and test module (a context per test costs about a second)."""
    from ec2_traffic_mirror.testing import mock_traffic_mirror, traffic_mirror_server

    if request.param == "http":
        with traffic_mirror_server() as server:
            yield Env("http", server.fake, server.endpoint_url)
    else:
        with mock_traffic_mirror() as fake:
            yield Env("in-process", fake, None)


@pytest.fixture
def env(_transport: Env) -> Env:
    """The fake, once per transport, fresh for each test (``reset()``)."""
    _transport.fake.reset()
    return _transport


@pytest.fixture
def ec2(env: Env) -> EC2Client:
    """A plain boto3 client with botocore's retries off."""
    return env.client()


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's standard retries without the sleeps between attempts."""

    def no_delay(self: ExponentialBackoff, context: object) -> float:
        return 0.0

    monkeypatch.setattr(ExponentialBackoff, "delay_amount", no_delay)
