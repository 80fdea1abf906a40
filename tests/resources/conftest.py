"""The fake for the end-to-end tests of targets, filters, rules and resolve.

One fake server per test module (starting it is the slow part); every test
starts from an empty fake (``reset()``) and seeds what it needs. The same
fake answers in-process (a client without an endpoint, through moto's mock)
and over HTTP (a client with the server's endpoint): the ``world`` fixture
runs each test both ways. Every call a client attempts is counted before
botocore even builds it (`Calls`), so a refusal "with no call" is a count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, cast

import botocore.session
import pytest
from botocore.config import Config
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import TrafficMirror
from ec2_traffic_mirror.testing import TrafficMirrorFake, TrafficMirrorServer, traffic_mirror_server

from ._support import Calls

TRANSPORTS: Final = ("in-process", "http")
RETRIES: Final = Config(retries={"mode": "standard", "total_max_attempts": 2})


@dataclass
class World:
    """A fresh fake, a client of it (in-process or over HTTP), and the SDK over that client."""

    transport: str
    fake: TrafficMirrorFake
    client: EC2Client
    calls: Calls
    mirror: TrafficMirror


@pytest.fixture(scope="module")
def fake_server(module_aws_environment: None) -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as running:
        yield running


@pytest.fixture(scope="module")
def fake_clients(
    fake_server: TrafficMirrorServer,
    botocore_session: botocore.session.Session,
    module_aws_environment: None,
) -> dict[str, tuple[EC2Client, Calls]]:
    """One client per transport for the module (making clients is slow), each counted."""
    clients: dict[str, tuple[EC2Client, Calls]] = {}
    for transport in TRANSPORTS:
        endpoint = fake_server.endpoint_url if transport == "http" else None
        client = cast(
            "EC2Client",
            botocore_session.create_client(
                "ec2", region_name="us-east-1", endpoint_url=endpoint, config=RETRIES
            ),
        )
        clients[transport] = (client, Calls.on(client))
    return clients


# Over HTTP the fake answers on the server's threads: scripts/flake-hunt repeats those.
@pytest.fixture(
    params=[
        pytest.param(transport, marks=pytest.mark.timing_sensitive)
        if transport == "http"
        else transport
        for transport in TRANSPORTS
    ]
)
def world(
    request: pytest.FixtureRequest,
    fake_server: TrafficMirrorServer,
    fake_clients: dict[str, tuple[EC2Client, Calls]],
) -> Iterator[World]:
    transport = str(request.param)
    fake = fake_server.fake
    fake.reset()
    client, calls = fake_clients[transport]
    calls.names.clear()
    yield World(transport, fake, client, calls, TrafficMirror(client))
    fake.reset()
