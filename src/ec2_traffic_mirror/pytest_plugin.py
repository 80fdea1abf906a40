"""pytest fixtures for the fake of the Traffic Mirroring API (``ec2_traffic_mirror.testing``).

pytest loads this plugin by itself wherever the package is installed (the
``pytest11`` entry point ``ec2_traffic_mirror``; ``-p no:ec2_traffic_mirror``
turns it off; with ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` set,
``-p ec2_traffic_mirror.pytest_plugin`` loads it). The fixtures need the ``testing`` extra
(``pip install "ec2-traffic-mirror[testing]"``); loading the plugin does not:
it imports the fake only when a test asks for one of its fixtures, so pytest
keeps working in an environment without moto. ``import ec2_traffic_mirror``
never imports this module. As for any plugin's distribution, pytest imports
the package's modules through its assertion-rewriting hook (asserts in them
report like a test's; nothing else changes for them).

Every fixture is function-scoped: each test gets a fresh fake (moto's data
starts empty), dummy credentials and a region in its environment (any
``AWS_*`` variable of the user's environment is hidden for the test, so
nothing can reach a real account), and clients made for it.

Fixtures (name: value type, what it is):

- ``traffic_mirror_fake``: ``TrafficMirrorFake``, an active
  ``mock_traffic_mirror()`` (seeding, faults, call counts);
- ``traffic_mirror_client``: ``mypy_boto3_ec2.EC2Client``, a boto3 EC2 client
  answered in-process by the fake;
- ``traffic_mirror``: ``TrafficMirror`` over ``traffic_mirror_client``;
- ``traffic_mirror_session_repository``: ``TrafficMirrorSessionRepository``
  over ``traffic_mirror_client``;
- ``traffic_mirror_server``: ``TrafficMirrorServer``, the same fake over HTTP
  on 127.0.0.1 (any free port);
- ``traffic_mirror_endpoint_url``: ``str``, that server's ``http://127.0.0.1:PORT``;
- ``traffic_mirror_http_client``: ``mypy_boto3_ec2.EC2Client``, a boto3 EC2
  client of that server (botocore's whole HTTP path);
- ``traffic_mirror_region``: ``str``, ``"us-east-1"``; override it (a fixture
  of that name in your conftest) for another region;
- ``traffic_mirror_client_config``: ``botocore.config.Config | None``, the
  clients' config (standard retries, as ``connect()`` has); override it too;
- ``traffic_mirror_aws_env``: ``dict[str, str]``, the ``AWS_*`` variables set
  for the test (moto's ``mock_aws()``, inside ``traffic_mirror_fake``, puts its
  own dummy keys in place of the two access keys while it is active).

The types come from ``ec2_traffic_mirror`` (``TrafficMirror``,
``TrafficMirrorSessionRepository``), ``ec2_traffic_mirror.testing``
(``TrafficMirrorFake``, ``TrafficMirrorServer``) and ``mypy_boto3_ec2``
(``EC2Client``, installed with the package): annotate a test's parameters with
them and the test type-checks under mypy and pyright strict.

The HTTP server's listening socket is started once per pytest process (each
pytest-xdist worker has its own, on its own port) and kept for the session;
the fake and the data behind it are each test's own, so ``traffic_mirror_fake``
and ``traffic_mirror_server.fake`` are the same object in a test, and a
client without an endpoint sees what the server serves. Between tests the
socket answers as stock moto. The fake seeds in ``us-east-1`` unless told a
``region=``: a test that overrides ``traffic_mirror_region`` seeds with
``region=traffic_mirror_region``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import pytest

if TYPE_CHECKING:
    from botocore.config import Config
    from botocore.loaders import Loader
    from mypy_boto3_ec2 import EC2Client

    from ec2_traffic_mirror import TrafficMirror, TrafficMirrorSessionRepository
    from ec2_traffic_mirror.testing import TrafficMirrorFake, TrafficMirrorServer

__all__ = [
    "DUMMY_ACCESS_KEY_ID",
    "DUMMY_SECRET_ACCESS_KEY",
    "traffic_mirror",
    "traffic_mirror_aws_env",
    "traffic_mirror_client",
    "traffic_mirror_client_config",
    "traffic_mirror_endpoint_url",
    "traffic_mirror_fake",
    "traffic_mirror_http_client",
    "traffic_mirror_region",
    "traffic_mirror_server",
    "traffic_mirror_session_repository",
]

DUMMY_ACCESS_KEY_ID: Final = "testing"
"""The access key id the fixtures' environment holds (the fake checks no credentials)."""
DUMMY_SECRET_ACCESS_KEY: Final = "testing"
"""The secret access key the fixtures' environment holds."""

_INSTALL_HINT: Final = (
    "the ec2_traffic_mirror fixtures need the fake: pip install 'ec2-traffic-mirror[testing]'"
)


def _require_testing_extra() -> None:
    """Fail the test with the install hint when the fake's dependencies are missing."""
    try:
        import ec2_traffic_mirror.testing  # noqa: F401  # pyright: ignore[reportUnusedImport]
    except ImportError as error:
        pytest.fail(f"{_INSTALL_HINT} ({error})", pytrace=False)


def _client(
    loader: Loader, region: str, endpoint_url: str | None, config: Config | None
) -> EC2Client:
    """A boto3 EC2 client of a new session (it reads the test's environment).

    The sessions share one botocore loader, so EC2's service model is read
    once per pytest process, not once per test.
    """
    import boto3
    import botocore.session

    core = botocore.session.Session()
    core.register_component("data_loader", loader)
    session = boto3.session.Session(botocore_session=core, region_name=region)
    # boto3-stubs types only the services installed; the "ec2" overload is EC2Client.
    client: EC2Client = session.client(  # pyright: ignore[reportUnknownMemberType]
        "ec2", endpoint_url=endpoint_url, config=config
    )
    return client


@pytest.fixture
def traffic_mirror_region() -> str:
    """The region of the fixtures' environment and clients: override it for another."""
    return "us-east-1"


@pytest.fixture
def traffic_mirror_client_config() -> Config | None:
    """The botocore config of the fixtures' clients: standard retries, as ``connect()`` has.

    Override it (e.g. ``Config(retries={"total_max_attempts": 1})`` to see
    injected faults at once, without botocore's retries and their backoff).
    """
    from botocore.config import Config

    return Config(retries={"mode": "standard"})


@pytest.fixture
def traffic_mirror_aws_env(
    monkeypatch: pytest.MonkeyPatch, traffic_mirror_region: str
) -> dict[str, str]:
    """Dummy credentials and the region, in place of every ``AWS_*`` variable, for the test.

    No profile, config or credentials file, instance metadata or endpoint
    variable of the user's environment is seen; afterwards the environment is
    as it was. The value is what the test's environment holds.
    """
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    env = {
        "AWS_ACCESS_KEY_ID": DUMMY_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET_ACCESS_KEY,
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": traffic_mirror_region,
        "AWS_REGION": traffic_mirror_region,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def traffic_mirror_fake(traffic_mirror_aws_env: dict[str, str]) -> Iterator[TrafficMirrorFake]:
    """A fresh fake for the test: ``with mock_traffic_mirror() as fake: yield fake``.

    Plain boto3 clients without an endpoint are answered by it (and by moto
    for everything else) during the test; moto's data is dropped afterwards.
    """
    _require_testing_extra()
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        yield fake


@pytest.fixture(scope="session")
def _traffic_mirror_loader() -> Loader:
    """One botocore loader per pytest process: service models are read once."""
    from botocore.loaders import create_loader

    return create_loader()


@pytest.fixture
def traffic_mirror_client(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_region: str,
    traffic_mirror_client_config: Config | None,
    _traffic_mirror_loader: Loader,
) -> EC2Client:
    """A boto3 EC2 client in ``traffic_mirror_region``, answered in-process by the fake."""
    return _client(
        _traffic_mirror_loader, traffic_mirror_region, None, traffic_mirror_client_config
    )


@pytest.fixture
def traffic_mirror(traffic_mirror_client: EC2Client) -> TrafficMirror:
    """``TrafficMirror(traffic_mirror_client)``: sessions, targets, filters and resolve."""
    from ec2_traffic_mirror import TrafficMirror

    return TrafficMirror(traffic_mirror_client)


@pytest.fixture
def traffic_mirror_session_repository(
    traffic_mirror_client: EC2Client,
) -> TrafficMirrorSessionRepository:
    """``TrafficMirrorSessionRepository(traffic_mirror_client)``."""
    from ec2_traffic_mirror import TrafficMirrorSessionRepository

    return TrafficMirrorSessionRepository(traffic_mirror_client)


@pytest.fixture(scope="session")
def _traffic_mirror_listener() -> Iterator[tuple[str, int]]:
    """moto's web server on 127.0.0.1, one per pytest process (xdist worker), any free port."""
    _require_testing_extra()
    from ec2_traffic_mirror.testing._server import listening

    with listening() as address:
        yield address


@pytest.fixture
def traffic_mirror_server(
    _traffic_mirror_listener: tuple[str, int], traffic_mirror_fake: TrafficMirrorFake
) -> TrafficMirrorServer:
    """The test's fake over HTTP: ``.endpoint_url``, ``.client()``, ``.fake``."""
    from ec2_traffic_mirror.testing import TrafficMirrorServer

    host, port = _traffic_mirror_listener
    return TrafficMirrorServer(host=host, port=port, fake=traffic_mirror_fake)


@pytest.fixture
def traffic_mirror_endpoint_url(traffic_mirror_server: TrafficMirrorServer) -> str:
    """``http://127.0.0.1:PORT``: for ``endpoint_url=`` or ``--endpoint-url``."""
    return traffic_mirror_server.endpoint_url


@pytest.fixture
def traffic_mirror_http_client(
    traffic_mirror_server: TrafficMirrorServer,
    traffic_mirror_region: str,
    traffic_mirror_client_config: Config | None,
    _traffic_mirror_loader: Loader,
) -> EC2Client:
    """A boto3 EC2 client of ``traffic_mirror_server``: botocore's whole HTTP path."""
    return _client(
        _traffic_mirror_loader,
        traffic_mirror_region,
        traffic_mirror_server.endpoint_url,
        traffic_mirror_client_config,
    )
