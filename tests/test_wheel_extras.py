"""The built wheel's extras, each installed alone in a fresh environment, do what they promise.

``wheel[testing]`` and ``wheel[cli]`` are each installed (not editable) in a
virtual environment of their own, with exactly what the wheel declares, by the
machinery of the downstream typing matrix (``tests/typing/downstream/matrix.py``):
cached in ``.cache/wheel-testing`` and ``.cache/wheel-cli``, keyed on the
wheel's requirements and the versions in ``.venv`` (a fresh clone builds both
in under a minute; later runs only reinstall the wheel when it changed). A
dependency that an extra needs but does not declare fails here, and the
``.venv`` of the checks, which has everything, cannot hide it.

In the ``[testing]`` environment, the fake runs in-process and as an HTTP
server (``python -m ec2_traffic_mirror.testing serve``, moto's
``ThreadedMotoServer``), and answers EC2, and STS and Organizations for
several accounts; the ``[cli]`` environment lists the served sessions.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import boto3
import pytest
from _matrix import matrix
from mypy_boto3_ec2 import EC2Client

# Environments built under a lock, a served fake in a subprocess, commands against it.
pytestmark = pytest.mark.timing_sensitive

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"

# moto's `server` extra brings these (with sympy and networkx under cfn-lint) for
# services the fake never serves; the `testing` extra must not.
NOT_FOR_TESTING = (
    "aws-xray-sdk",
    "cfn-lint",
    "docker",
    "graphql-core",
    "networkx",
    "openapi-spec-validator",
    "py-partiql-parser",
    "sympy",
)

_DUMMY_AWS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


def _environment() -> dict[str, str]:
    """This process's environment without its venv and AWS settings, with dummy credentials."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_") and name not in {"VIRTUAL_ENV", "PYTHONPATH"}
    }
    env.update(_DUMMY_AWS)
    return env


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _installed(python: Path, cwd: Path) -> set[str]:
    code = (
        "import importlib.metadata as m, json; "
        "print(json.dumps(sorted({d.metadata['Name'].lower() for d in m.distributions()})))"
    )
    result = _run([python, "-c", code], cwd)
    assert result.returncode == 0, result.stderr
    names: list[str] = json.loads(result.stdout)
    return {name.replace("_", "-") for name in names}


@pytest.fixture(scope="module")
def testing_python() -> Iterator[Path]:
    """The python of a fresh environment with ``wheel[testing]`` and nothing else."""
    with matrix.downstream_environment(CACHE / "wheel-testing", extras=("testing",)) as python:
        yield python


@pytest.fixture(scope="module")
def cli_python(testing_python: Path) -> Iterator[Path]:
    """The python of a fresh environment with ``wheel[cli]`` and nothing else.

    Asks for ``testing_python`` first: each environment is held under its own
    lock while in use, and taking the locks always in the same order keeps
    pytest workers from waiting on each other for ever.
    """
    del testing_python
    with matrix.downstream_environment(CACHE / "wheel-cli", extras=("cli",)) as python:
        yield python


def _endpoint(stdout: IO[str], process: subprocess.Popen[str], log: Path) -> str:
    """The endpoint the server prints on its first line (its port was chosen by the system)."""
    ready, _, _ = select.select([stdout], [], [], 120)
    line = stdout.readline() if ready else ""
    prefix = "fake EC2 Traffic Mirror API on "
    if not line.startswith(prefix):
        process.kill()
        process.wait()
        pytest.fail(f"the server did not start: {line!r}\n{log.read_text()}")
    return line.removeprefix(prefix).split()[0]


@pytest.fixture
def served(testing_python: Path, tmp_path: Path) -> Iterator[str]:
    """``python -m ec2_traffic_mirror.testing serve`` run from the ``[testing]`` environment.

    Bound to a free port (``--port 0``), seeded with 3 sessions; yields its endpoint URL.
    A server for each test: the tests change what it holds (sessions, an organization).
    """
    folder = tmp_path / "serve"
    folder.mkdir()
    log = folder / "stderr.txt"
    serve = ["-m", "ec2_traffic_mirror.testing", "serve", "--port", "0", "--seed", "3"]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(testing_python), *serve],
            cwd=folder,
            env=_environment(),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    assert process.stdout is not None
    with process.stdout:
        try:
            yield _endpoint(process.stdout, process, log)
        finally:
            process.terminate()
            process.wait(timeout=60)


def _ec2(endpoint: str) -> EC2Client:
    # boto3-stubs types only the services installed; the other overloads are unknown.
    return boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "ec2", region_name="us-east-1", endpoint_url=endpoint
    )


def test_testing_extra_installs_moto_and_flask_not_moto_server(
    testing_python: Path, tmp_path: Path
) -> None:
    installed = _installed(testing_python, tmp_path)
    assert {"ec2-traffic-mirror", "moto", "flask", "flask-cors", "boto3"} <= installed
    assert sorted(installed.intersection(NOT_FOR_TESTING)) == []


def test_served_fake_answers_boto3_over_http(served: str) -> None:
    """Interfaces, a target, a filter with a rule and a session, made and read over HTTP."""
    ec2 = _ec2(served)
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"].get("VpcId", "")
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.0.0/24")["Subnet"].get("SubnetId", "")
    source, monitor = (
        ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"].get(
            "NetworkInterfaceId", ""
        )
        for _ in range(2)
    )
    target = ec2.create_traffic_mirror_target(NetworkInterfaceId=monitor)["TrafficMirrorTarget"]
    mirror_filter = ec2.create_traffic_mirror_filter()["TrafficMirrorFilter"]
    filter_id = mirror_filter.get("TrafficMirrorFilterId", "")
    ec2.create_traffic_mirror_filter_rule(
        TrafficMirrorFilterId=filter_id,
        TrafficDirection="ingress",
        RuleNumber=10,
        RuleAction="accept",
        SourceCidrBlock="0.0.0.0/0",
        DestinationCidrBlock="10.7.0.0/24",
    )
    created = ec2.create_traffic_mirror_session(
        NetworkInterfaceId=source,
        TrafficMirrorTargetId=target.get("TrafficMirrorTargetId", ""),
        TrafficMirrorFilterId=filter_id,
        SessionNumber=7,
    )["TrafficMirrorSession"]
    session_id = created.get("TrafficMirrorSessionId", "")
    described = ec2.describe_traffic_mirror_sessions(TrafficMirrorSessionIds=[session_id])
    assert [s.get("SessionNumber") for s in described["TrafficMirrorSessions"]] == [7]
    [read_filter] = ec2.describe_traffic_mirror_filters(TrafficMirrorFilterIds=[filter_id])[
        "TrafficMirrorFilters"
    ]
    assert [r.get("RuleNumber") for r in read_filter.get("IngressFilterRules", [])] == [10]
    # The fake's paging and checks, not moto's: MaxResults is checked, a target in use stays.
    assert len(ec2.describe_traffic_mirror_sessions(MaxResults=5)["TrafficMirrorSessions"]) == 4
    with pytest.raises(ec2.exceptions.ClientError, match="InvalidParameterValue"):
        ec2.describe_traffic_mirror_sessions(MaxResults=1001)
    with pytest.raises(ec2.exceptions.ClientError, match="TrafficMirrorTargetInUseException"):
        ec2.delete_traffic_mirror_target(
            TrafficMirrorTargetId=target.get("TrafficMirrorTargetId", "")
        )


_MULTI_ACCOUNT = """
import json, sys
import boto3

endpoint = sys.argv[1]
org = boto3.client("organizations", region_name="us-east-1", endpoint_url=endpoint)
sts = boto3.client("sts", region_name="us-east-1", endpoint_url=endpoint)
org.create_organization(FeatureSet="ALL")
account = org.create_account(Email="member@example.com", AccountName="member")
member = account["CreateAccountStatus"]["AccountId"]
role = f"arn:aws:iam::{member}:role/OrganizationAccountAccessRole"
credentials = sts.assume_role(RoleArn=role, RoleSessionName="fleet-tests")["Credentials"]
as_member = boto3.Session(
    aws_access_key_id=credentials["AccessKeyId"],
    aws_secret_access_key=credentials["SecretAccessKey"],
    aws_session_token=credentials["SessionToken"],
    region_name="eu-west-1",
)
ec2 = as_member.client("ec2", endpoint_url=endpoint)
vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.0.0/24")["Subnet"]["SubnetId"]
source = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
# A target on a Network Load Balancer: the fake looks it up in moto's ELBv2.
nlb = as_member.client("elbv2", endpoint_url=endpoint).create_load_balancer(
    Name="mirror", Subnets=[subnet], Type="network"
)["LoadBalancers"][0]["LoadBalancerArn"]
target = ec2.create_traffic_mirror_target(NetworkLoadBalancerArn=nlb)["TrafficMirrorTarget"]
mirror_filter = ec2.create_traffic_mirror_filter()["TrafficMirrorFilter"]
ec2.create_traffic_mirror_session(
    NetworkInterfaceId=source,
    TrafficMirrorTargetId=target["TrafficMirrorTargetId"],
    TrafficMirrorFilterId=mirror_filter["TrafficMirrorFilterId"],
    SessionNumber=1,
)
print(json.dumps({
    "caller": sts.get_caller_identity()["Account"],
    "member": member,
    "accounts": sorted(a["Id"] for a in org.list_accounts()["Accounts"]),
    "target_nlb": target.get("NetworkLoadBalancerArn") == nlb,
    "owners": [
        s["OwnerId"] for s in ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    ],
}))
"""


def test_served_fake_answers_sts_and_organizations_for_several_accounts(
    testing_python: Path, served: str, tmp_path: Path
) -> None:
    """AssumeRole into an account of the organization; its resources are its own."""
    (tmp_path / "multi_account.py").write_text(_MULTI_ACCOUNT)
    result = _run([testing_python, "multi_account.py", served], tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["caller"] != seen["member"]
    assert seen["accounts"] == sorted([seen["caller"], seen["member"]])
    assert seen["target_nlb"] is True
    assert seen["owners"] == [seen["member"]]


_LIBRARY = """
import json
import boto3
from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository
from ec2_traffic_mirror.testing import mock_traffic_mirror, traffic_mirror_server

with mock_traffic_mirror() as fake:
    fake.seed_sessions(12)
    client = boto3.client("ec2", region_name="us-east-1")
    in_process = len(list(TrafficMirrorSessionRepository(client).find(SessionQuery())))

with traffic_mirror_server() as server:
    server.fake.seed_sessions(7)
    repository = TrafficMirrorSessionRepository(server.client())
    over_http = len(list(repository.find(SessionQuery().page_size(5))))
    counted = server.fake.call_count("DescribeTrafficMirrorSessions")

print(json.dumps({"in_process": in_process, "over_http": over_http, "pages": counted}))
"""


def test_fake_runs_in_process_and_over_http_from_the_library(
    testing_python: Path, tmp_path: Path
) -> None:
    """``mock_traffic_mirror()`` and ``traffic_mirror_server()`` with only the declared deps."""
    (tmp_path / "library.py").write_text(_LIBRARY)
    result = _run([testing_python, "library.py"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"in_process": 12, "over_http": 7, "pages": 2}


def test_cli_extra_alone_lists_the_served_sessions(
    cli_python: Path, served: str, tmp_path: Path
) -> None:
    """The command line from ``wheel[cli]`` sees what boto3 sees on the same server."""
    command = cli_python.parent / "ec2-traffic-mirror"
    query = "TrafficMirrorSessions[].TrafficMirrorSessionId"
    arguments = ["sessions", "list", "--endpoint-url", served, "--output", "json", "--query", query]
    result = _run([command, *arguments], tmp_path)
    assert result.returncode == 0, result.stderr
    expected = [
        s.get("TrafficMirrorSessionId")
        for s in _ec2(served).describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    ]
    assert len(expected) >= 3
    assert json.loads(result.stdout) == expected


def test_cli_extra_alone_has_no_fake_and_its_demo_says_which_extra(
    cli_python: Path, tmp_path: Path
) -> None:
    installed = _installed(cli_python, tmp_path)
    assert {"ec2-traffic-mirror", "click", "jmespath"} <= installed
    assert not installed.intersection({"moto", "flask"})
    result = _run([cli_python.parent / "ec2-traffic-mirror", "demo"], tmp_path)
    assert result.returncode != 0
    assert "the demo needs the 'testing' extra (moto is missing)" in result.stderr
