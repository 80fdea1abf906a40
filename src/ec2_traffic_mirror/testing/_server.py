"""`traffic_mirror_server()`: the fake over real HTTP, on 127.0.0.1.

moto's ``ThreadedMotoServer`` runs in this process, on its own threads, over
the same global moto backends, so the fake answers it just as it answers
in-process calls. Clients reach it with ``endpoint_url=server.endpoint_url``
and go through botocore's whole HTTP path: serialization, retries, XML parsing.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from moto.server import ThreadedMotoServer

from ec2_traffic_mirror.testing._fake import TrafficMirrorFake
from ec2_traffic_mirror.testing._mock import mock_traffic_mirror

if TYPE_CHECKING:
    from botocore.config import Config
    from mypy_boto3_ec2 import EC2Client

__all__ = ["LOOPBACK", "TrafficMirrorServer", "listening", "traffic_mirror_server"]

LOOPBACK = "127.0.0.1"
"""The only address the server listens on."""


@dataclass(frozen=True)
class TrafficMirrorServer:
    """A running fake server: where to reach it, and its `TrafficMirrorFake`."""

    host: str
    """Always ``127.0.0.1``."""
    port: int
    """The TCP port it listens on."""
    fake: TrafficMirrorFake
    """The fake behind the server, for seeding and fault injection."""

    @property
    def endpoint_url(self) -> str:
        """``http://127.0.0.1:PORT``: give it to boto3 or to ``--endpoint-url``."""
        return f"http://{self.host}:{self.port}"

    def client(self, region_name: str = "us-east-1", *, config: Config | None = None) -> EC2Client:
        """A plain boto3 EC2 client that talks to this server."""
        import boto3

        # boto3-stubs types only the services installed; the other overloads are unknown.
        return boto3.client(  # pyright: ignore[reportUnknownMemberType]
            "ec2", region_name=region_name, endpoint_url=self.endpoint_url, config=config
        )


@contextmanager
def listening(*, port: int = 0, quiet: bool = True) -> Generator[tuple[str, int], None, None]:
    """moto's web server on 127.0.0.1 (``port=0``: any free port); yields its host and port.

    It answers from moto's global backends, through the fake's handlers while
    a ``mock_traffic_mirror()`` context is active (and as stock moto when
    none is), so it can outlive many contexts: the pytest plugin keeps one per
    test session and gives each test a fresh context behind it. ``quiet``
    silences the per-request log lines of moto's web server.
    """
    werkzeug_log = logging.getLogger("werkzeug")
    old_level = werkzeug_log.level
    server = ThreadedMotoServer(ip_address=LOOPBACK, port=port, verbose=False)
    if quiet:
        werkzeug_log.setLevel(logging.WARNING)
    try:
        server.start()
        try:
            yield server.get_host_and_port()
        finally:
            server.stop()
    finally:
        werkzeug_log.setLevel(old_level)


@contextmanager
def traffic_mirror_server(
    *, port: int = 0, quiet: bool = True
) -> Generator[TrafficMirrorServer, None, None]:
    """Run the fake as an HTTP server on 127.0.0.1 (``port=0``: any free port).

    It runs inside a ``mock_traffic_mirror()`` context, so in-process clients
    without an endpoint see the same resources, and nothing can reach AWS.
    ``quiet`` silences the per-request log lines of moto's web server.
    """
    with mock_traffic_mirror() as fake, listening(port=port, quiet=quiet) as (host, bound_port):
        yield TrafficMirrorServer(host=host, port=bound_port, fake=fake)
