"""Fixtures of the command-line tests: one fake server over HTTP per test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ec2_traffic_mirror.testing import traffic_mirror_server

from ._support import TRICKY_DESCRIPTION, Estate


@pytest.fixture(scope="module")
def estate() -> Iterator[Estate]:
    """One fake server per test module, with 37 sessions of varied attributes."""
    with traffic_mirror_server() as server:
        server.fake.seed_sessions(36, tags_per_session=1, packet_lengths=[None, 100, 200, 300])
        server.fake.seed_sessions(
            1,
            description=TRICKY_DESCRIPTION,
            tags={"k,ey": 'va"l', "Name": "x"},
            network_interface_ids=["eni-0123456789abcdef0"],
        )
        client = server.client()
        items: list[dict[str, Any]] = []
        for page in client.get_paginator("describe_traffic_mirror_sessions").paginate():
            items.extend(dict(item) for item in page["TrafficMirrorSessions"])
        yield Estate(server, items)


@pytest.fixture
def fresh(estate: Estate) -> Iterator[Estate]:
    """The estate, with any fault a test injects dropped afterwards."""
    estate.server.fake.reset_faults()
    yield estate
    estate.server.fake.reset_faults()
