"""The pytest plugin, as a user's project sees it: registered, isolated, typed, xdist-safe.

The plugin is exercised from outside this suite: each test lays out a small
project in ``tmp_path`` (the README's test file, tests that must fail, a
conftest that overrides a fixture) and runs pytest on it in a subprocess with
the installed package, whose ``pytest11`` entry point loads the plugin. The
shell around that pytest holds a user's AWS setup that would break any test
reading it (a profile of a config file with another region, an endpoint
nobody listens on and legacy retries; the same endpoint in the environment),
so the passing tests show the fixtures' isolation, and the failing ones show
that tests there can fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

import pytest

# pytest in subprocesses (under xdist too), each with fake servers of its own.
pytestmark = pytest.mark.timing_sensitive

EXAMPLE: Final = Path(__file__).resolve().parents[2] / "examples" / "test_with_the_pytest_plugin.py"
README: Final = Path(__file__).resolve().parents[2] / "README.md"

PYPROJECT: Final = """\
[tool.pytest.ini_options]
addopts = ["-p", "no:cacheprovider", "--strict-markers", "--strict-config"]
filterwarnings = ["error"]
xfail_strict = true
"""

FAILING: Final = """\
from ec2_traffic_mirror import TrafficMirrorSessionRepository
from ec2_traffic_mirror.testing import TrafficMirrorFake, TrafficMirrorServer


def test_a_wrong_count_fails(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_session_repository: TrafficMirrorSessionRepository,
) -> None:
    traffic_mirror_fake.seed_sessions(2)
    assert traffic_mirror_session_repository.count() == 3


def test_a_wrong_region_finds_nothing(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_session_repository: TrafficMirrorSessionRepository,
) -> None:
    traffic_mirror_fake.seed_sessions(2, region="eu-west-1")
    assert traffic_mirror_session_repository.count() == 2


def test_an_unknown_id_over_http_fails(traffic_mirror_server: TrafficMirrorServer) -> None:
    traffic_mirror_server.client().describe_traffic_mirror_sessions(
        TrafficMirrorSessionIds=["tms-0123456789abcdef0"]
    )
"""

ISOLATION: Final = """\
import os

from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror.testing import TrafficMirrorFake, TrafficMirrorServer


def _count(client: EC2Client) -> int:
    return len(client.describe_traffic_mirror_sessions()["TrafficMirrorSessions"])


# Each pair: whichever runs second would see six sessions if anything leaked.
def test_in_process_first(
    traffic_mirror_fake: TrafficMirrorFake, traffic_mirror_client: EC2Client
) -> None:
    traffic_mirror_fake.seed_sessions(3)
    assert _count(traffic_mirror_client) == 3


def test_in_process_second(
    traffic_mirror_fake: TrafficMirrorFake, traffic_mirror_client: EC2Client
) -> None:
    traffic_mirror_fake.seed_sessions(3)
    assert _count(traffic_mirror_client) == 3


def test_http_first(
    traffic_mirror_server: TrafficMirrorServer, traffic_mirror_http_client: EC2Client
) -> None:
    traffic_mirror_server.fake.seed_sessions(3)
    assert _count(traffic_mirror_http_client) == 3


def test_http_second(
    traffic_mirror_server: TrafficMirrorServer, traffic_mirror_http_client: EC2Client
) -> None:
    traffic_mirror_server.fake.seed_sessions(3)
    assert _count(traffic_mirror_http_client) == 3


def test_one_fake_behind_both(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_server: TrafficMirrorServer,
    traffic_mirror_client: EC2Client,
    traffic_mirror_http_client: EC2Client,
    traffic_mirror_endpoint_url: str,
) -> None:
    assert traffic_mirror_server.fake is traffic_mirror_fake
    assert traffic_mirror_http_client.meta.endpoint_url == traffic_mirror_endpoint_url
    traffic_mirror_fake.seed_sessions(2)
    assert _count(traffic_mirror_client) == _count(traffic_mirror_http_client) == 2


def test_the_environment_is_the_plugin_s(traffic_mirror_aws_env: dict[str, str]) -> None:
    assert traffic_mirror_aws_env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
    assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
    assert os.environ["AWS_CONFIG_FILE"] == os.devnull
    assert not {"AWS_PROFILE", "AWS_ENDPOINT_URL_EC2", "AWS_RETRY_MODE"} & set(os.environ)


def test_without_fixtures_the_shell_s_environment_is_back() -> None:
    assert os.environ["AWS_PROFILE"] == "work"
    assert os.environ["AWS_ENDPOINT_URL_EC2"].startswith("http://127.0.0.1:")
"""

REGIONAL_CONFTEST: Final = """\
import pytest
from botocore.config import Config


@pytest.fixture
def traffic_mirror_region() -> str:
    return "eu-west-1"


@pytest.fixture
def traffic_mirror_client_config() -> Config:
    return Config(retries={"mode": "standard", "total_max_attempts": 1})
"""

REGIONAL: Final = """\
from botocore.exceptions import ClientError
import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import TrafficMirror
from ec2_traffic_mirror.testing import TrafficMirrorFake


def test_the_overridden_region_and_config(
    traffic_mirror_fake: TrafficMirrorFake,
    traffic_mirror_client: EC2Client,
    traffic_mirror: TrafficMirror,
) -> None:
    assert traffic_mirror_client.meta.region_name == "eu-west-1"
    traffic_mirror_fake.seed_sessions(2, region="eu-west-1")
    assert traffic_mirror.sessions.count() == 2
    traffic_mirror_fake.fail_page(0, times=1)
    with pytest.raises(ClientError):  # one attempt: no retry
        traffic_mirror_client.describe_traffic_mirror_sessions()
"""

EXPECTED: Final = {
    **{
        ("test_with_the_pytest_plugin", name): "passed"
        for name in (
            "test_finds_the_truncating_sessions",
            "test_sessions_resolve_to_their_targets",
            "test_a_plain_boto3_client_sees_the_same_fake",
            "test_errors_are_typed",
            "test_over_http",
        )
    },
    ("test_failing", "test_a_wrong_count_fails"): "failed",
    ("test_failing", "test_a_wrong_region_finds_nothing"): "failed",
    ("test_failing", "test_an_unknown_id_over_http_fails"): "failed",
    **{
        ("test_isolation", name): "passed"
        for name in (
            "test_in_process_first",
            "test_in_process_second",
            "test_http_first",
            "test_http_second",
            "test_one_fake_behind_both",
            "test_the_environment_is_the_plugin_s",
            "test_without_fixtures_the_shell_s_environment_is_back",
        )
    },
    ("regional.test_regional", "test_the_overridden_region_and_config"): "passed",
}


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _users_env(root: Path, **extra: str) -> dict[str, str]:
    """The shell around the user's pytest: an AWS setup that breaks any test that reads it."""
    closed = f"http://127.0.0.1:{_closed_port()}"
    config = root / "aws-config"
    config.write_text(
        "[profile work]\n"
        "region = ap-south-1\n"
        f"endpoint_url = {closed}\n"
        "retry_mode = legacy\n"
        "max_attempts = 9\n"
    )
    credentials = root / "aws-credentials"
    credentials.write_text(
        "[work]\naws_access_key_id = AKIAWORKEXAMPLE\naws_secret_access_key = work-secret\n"
    )
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "PYTEST_")) and name != "PYTHONPATH"
    }
    env |= {
        "AWS_PROFILE": "work",
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
        "AWS_ENDPOINT_URL_EC2": closed,
        "AWS_RETRY_MODE": "legacy",
    }
    return env | extra


def _project(root: Path) -> Path:
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT)
    shutil.copy(EXAMPLE, root / EXAMPLE.name)
    (root / "test_failing.py").write_text(FAILING)
    (root / "test_isolation.py").write_text(ISOLATION)
    (root / "regional").mkdir()
    (root / "regional" / "conftest.py").write_text(REGIONAL_CONFTEST)
    (root / "regional" / "test_regional.py").write_text(REGIONAL)
    return root


def _run_pytest(
    project: Path, *args: str, env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], dict[tuple[str, str], str], dict[str, str]]:
    """Run pytest on the project; its outcome per (module, test), and the failure texts."""
    report = project / "report.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"--junitxml={report}", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    outcomes: dict[tuple[str, str], str] = {}
    messages: dict[str, str] = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        key = (case.get("classname", ""), case.get("name", ""))
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[child.tag]
                messages[key[1]] = (child.get("message") or "") + (child.text or "")
        outcomes[key] = outcome
    return result, outcomes, messages


def test_the_entry_point_is_registered_and_loaded(pytestconfig: pytest.Config) -> None:
    (plugin,) = [
        entry for entry in entry_points(group="pytest11") if entry.name == "ec2_traffic_mirror"
    ]
    assert plugin.value == "ec2_traffic_mirror.pytest_plugin"
    loaded = pytestconfig.pluginmanager.get_plugin("ec2_traffic_mirror")
    assert loaded is not None
    assert loaded.__name__ == "ec2_traffic_mirror.pytest_plugin"


def test_a_user_project_passes_and_fails_as_it_should(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    result, outcomes, messages = _run_pytest(project, env=_users_env(tmp_path))
    assert outcomes == EXPECTED, result.stdout + result.stderr
    assert result.returncode == 1  # the failing tests fail: some tests failed
    assert "assert 2 == 3" in messages["test_a_wrong_count_fails"]
    assert "assert 0 == 2" in messages["test_a_wrong_region_finds_nothing"]
    assert (
        "InvalidTrafficMirrorSessionId.NotFound" in messages["test_an_unknown_id_over_http_fails"]
    )


def test_a_user_project_under_xdist(tmp_path: Path) -> None:
    pytest.importorskip("xdist")
    project = _project(tmp_path / "project")
    result, outcomes, _ = _run_pytest(project, "-n", "2", "-p", "xdist", env=_users_env(tmp_path))
    assert outcomes == EXPECTED, result.stdout + result.stderr
    assert result.returncode == 1
    assert "bringing up nodes" in result.stdout  # it did run on xdist workers


def test_with_autoload_off_p_loads_the_plugin(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(PYPROJECT)
    shutil.copy(EXAMPLE, project / EXAMPLE.name)
    env = _users_env(tmp_path, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    _, outcomes, messages = _run_pytest(project, "-k", "truncating", env=env)
    assert list(outcomes.values()) == ["error"]
    assert "fixture 'traffic_mirror_fake' not found" in "".join(messages.values())
    loaded = ("-p", "ec2_traffic_mirror.pytest_plugin", "-k", "truncating")
    result, outcomes, _ = _run_pytest(project, *loaded, env=env)
    assert list(outcomes.values()) == ["passed"], result.stdout + result.stderr


def test_without_the_testing_extra_pytest_still_runs(tmp_path: Path) -> None:
    # A `moto` that cannot be imported, first on the path: as if the extra were missing.
    shadow = tmp_path / "shadow"
    (shadow / "moto").mkdir(parents=True)
    (shadow / "moto" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'moto'\", name='moto')\n"
    )
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "test_plain.py").write_text("def test_plain() -> None:\n    assert True\n")
    (project / "test_fake.py").write_text(
        "def test_fake(traffic_mirror_fake: object) -> None:\n    pass\n"
    )
    result, outcomes, messages = _run_pytest(
        project, env=_users_env(tmp_path, PYTHONPATH=str(shadow))
    )
    assert outcomes == {("test_plain", "test_plain"): "passed", ("test_fake", "test_fake"): "error"}
    assert "pip install 'ec2-traffic-mirror[testing]'" in messages["test_fake"]
    assert "No module named 'moto'" in messages["test_fake"]
    assert result.returncode == 1


def test_the_readme_shows_the_example_file_whole() -> None:
    block = f"```python\n{EXAMPLE.read_text()}```\n"
    assert block in README.read_text()


def test_the_fixtures_are_documented(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--fixtures", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=_users_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in (
        "traffic_mirror_fake",
        "traffic_mirror_client",
        "traffic_mirror",
        "traffic_mirror_session_repository",
        "traffic_mirror_server",
        "traffic_mirror_endpoint_url",
        "traffic_mirror_http_client",
        "traffic_mirror_region",
        "traffic_mirror_client_config",
        "traffic_mirror_aws_env",
    ):
        assert f"\n{name} -- " in result.stdout, name
