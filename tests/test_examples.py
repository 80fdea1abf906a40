"""The downstream examples run, as a user would run them, against the fake over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server

# Each example runs in its own process against the server's threads.
pytestmark = pytest.mark.timing_sensitive

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENI = "eni-0aaaaaaaaaaaaaaa1"
MIRRORED = "eni-0eeeeeeeeeeeeeee5"
ENDPOINT = "vpce-0fffffffffffffff6"


@pytest.fixture(scope="module")
def server() -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as running:
        fake = running.fake
        # Three sessions on one interface, given out of session-number order.
        fake.seed_sessions(
            3,
            network_interface_ids=[ENI],
            session_numbers=[3, 1, 2],
            packet_lengths=[None, 128, 9000 - 500],
            tags={"Name": "web-tier"},
        )
        # Sessions on other interfaces, some truncating.
        fake.seed_sessions(
            4,
            network_interface_ids=["eni-0bbbbbbbbbbbbbbb2", "eni-0ccccccccccccccc3"],
            packet_lengths=[64, None],
        )
        yield running


def _run(
    server: TrafficMirrorServer, script: str, *args: str, cwd: Path, region: str = "us-east-1"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env |= {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    command = [sys.executable, str(EXAMPLES / script), *args]
    command += ["--region", region, "--endpoint-url", server.endpoint_url]
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_list_sessions_on_interface(server: TrafficMirrorServer, tmp_path: Path) -> None:
    result = _run(server, "list_sessions_on_interface.py", ENI, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert [line.split()[0] for line in lines] == ["#1", "#2", "#3"]
    assert "128 B" in lines[0]
    assert "8500 B" in lines[1]
    assert "whole packet" in lines[2]
    assert all(line.endswith("web-tier") for line in lines)


def test_list_sessions_on_an_interface_with_none(
    server: TrafficMirrorServer, tmp_path: Path
) -> None:
    result = _run(server, "list_sessions_on_interface.py", "eni-0ddddddddddddddd4", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "no Traffic Mirror session mirrors eni-0ddddddddddddddd4\n"


def test_find_truncating_sessions(server: TrafficMirrorServer, tmp_path: Path) -> None:
    result = _run(server, "find_truncating_sessions.py", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # found some: a failing gate
    assert result.stdout.splitlines()[-1] == "4 truncating session(s) on 2 interface(s)"
    assert "mirrors 8500 bytes" in result.stdout
    assert result.stdout.count("mirrors 64 bytes") == 2

    shorter = _run(server, "find_truncating_sessions.py", "--shorter-than", "100", cwd=tmp_path)
    assert shorter.returncode == 1
    assert shorter.stdout.splitlines()[-1] == "2 truncating session(s) on 1 interface(s)"

    none = _run(server, "find_truncating_sessions.py", "--shorter-than", "10", cwd=tmp_path)
    assert none.returncode == 0
    assert none.stdout == "0 truncating session(s) on 0 interface(s)\n"


def test_export_sessions_json(server: TrafficMirrorServer, tmp_path: Path) -> None:
    out = tmp_path / "sessions.json"
    result = _run(server, "export_sessions_json.py", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote 7 session(s) to {out}\n"
    document = json.loads(out.read_text())
    # The same items plain boto3 gives, in the same order.
    expected = server.client().describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert document == {"TrafficMirrorSessions": expected}

    owner = str(expected[0].get("OwnerId"))
    for owner_id, count in ((owner, 7), ("000000000000", 0)):
        owned = _run(
            server, "export_sessions_json.py", str(out), "--owner-id", owner_id, cwd=tmp_path
        )
        assert owned.returncode == 0, owned.stderr
        assert len(json.loads(out.read_text())["TrafficMirrorSessions"]) == count


def test_examples_report_aws_errors_without_a_traceback(
    server: TrafficMirrorServer, tmp_path: Path
) -> None:
    server.fake.deny()
    try:
        result = _run(server, "export_sessions_json.py", str(tmp_path / "x.json"), cwd=tmp_path)
    finally:
        server.fake.allow()
    assert result.returncode == 1
    assert result.stderr.startswith("error: UnauthorizedOperation")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


# -- show_where_sessions_send.py: sessions resolved to their targets and filters -----------


# The fake keeps resources per account and region, as AWS does, and every
# server in one process shares them: these tests have a region of their own.
RESOLVING: Final = "eu-west-1"


@pytest.fixture(scope="module")
def resolving_server(server: TrafficMirrorServer) -> TrafficMirrorServer:
    """In RESOLVING: three sessions on one interface over two targets (an interface, a
    GWLB endpoint) and one filter, and two sessions elsewhere."""
    fake = server.fake
    targets = fake.seed_targets(
        2,
        region=RESOLVING,
        types=["network-interface", "gateway-load-balancer-endpoint"],
        gateway_load_balancer_endpoint_ids=[ENDPOINT],
    )
    [filter_id] = fake.seed_filters(
        1,
        region=RESOLVING,
        rules=[
            {
                "TrafficDirection": "ingress",
                "RuleNumber": 100,
                "RuleAction": "accept",
                "Protocol": 6,
                "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
                "SourceCidrBlock": "0.0.0.0/0",
                "DestinationCidrBlock": "10.0.0.0/16",
            },
            {
                "TrafficDirection": "egress",
                "RuleNumber": 10,
                "RuleAction": "reject",
                "SourceCidrBlock": "10.0.0.0/16",
                "DestinationCidrBlock": "0.0.0.0/0",
            },
        ],
        network_services=["amazon-dns"],
    )
    fake.seed_sessions(
        3,
        region=RESOLVING,
        network_interface_ids=[MIRRORED],
        target_ids=targets,
        filter_ids=[filter_id],
    )
    fake.seed_sessions(2, region=RESOLVING)  # elsewhere: left out by --interface
    return server


def _resolve(
    server: TrafficMirrorServer, *args: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    return _run(server, "show_where_sessions_send.py", *args, cwd=cwd, region=RESOLVING)


def _sessions_on(server: TrafficMirrorServer, eni: str) -> list[tuple[str, str]]:
    """(session id, target id) of the sessions on ``eni``, as plain boto3 lists them."""
    answer = server.client(RESOLVING).describe_traffic_mirror_sessions(
        Filters=[{"Name": "network-interface-id", "Values": [eni]}]
    )
    return [
        (item.get("TrafficMirrorSessionId", ""), item.get("TrafficMirrorTargetId", ""))
        for item in answer["TrafficMirrorSessions"]
    ]


def test_show_where_sessions_send(resolving_server: TrafficMirrorServer, tmp_path: Path) -> None:
    server = resolving_server
    server.fake.reset_call_counts()
    result = _resolve(server, "--interface", MIRRORED, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # One call for the sessions, one for their targets, one for their filter.
    assert server.fake.call_count() == 3
    sessions = _sessions_on(server, MIRRORED)
    blocks = result.stdout.split(f" on {MIRRORED}\n")
    assert [block.rsplit("\n", 1)[-1] for block in blocks[:-1]] == [sid for sid, _ in sessions]
    lines = result.stdout.splitlines()
    assert lines[1].startswith("  sends to network-interface eni-")
    assert lines[2:5] == [
        "  ingress #100 accept tcp 0.0.0.0/0 -> 10.0.0.0/16 ports 443-443",
        "  egress  #10 reject all 10.0.0.0/16 -> 0.0.0.0/0",
        "  and the traffic of amazon-dns",
    ]
    assert lines[6] == f"  sends to gateway-load-balancer-endpoint {ENDPOINT}"
    assert len(lines) == 15


def test_show_where_sessions_send_reports_what_it_cannot_resolve(
    resolving_server: TrafficMirrorServer, tmp_path: Path
) -> None:
    server = resolving_server
    sessions = _sessions_on(server, MIRRORED)
    _, endpoint_target = sessions[1]
    _, interface_target = sessions[0]
    # A target AWS serves with a type this SDK does not know, another that breaks the model.
    server.fake.serve_invalid_item(
        interface_target, Type="some-future-target", NetworkInterfaceId=None
    )
    server.fake.serve_invalid_item(endpoint_target, Type="network-interface")
    try:
        result = _resolve(server, "--interface", MIRRORED, cwd=tmp_path)
    finally:
        server.fake.reset_faults()
    assert result.returncode == 1
    assert "  sends to some-future-target None (a target type this SDK does not know yet)" in (
        result.stdout.splitlines()
    )
    problems = result.stderr.splitlines()
    assert len(problems) == 1
    assert problems[0].startswith(f"{sessions[1][0]}: target {endpoint_target} breaks the model")
    assert "Traceback" not in result.stderr


def test_show_where_sessions_send_when_denied(
    resolving_server: TrafficMirrorServer, tmp_path: Path
) -> None:
    server = resolving_server
    server.fake.deny("DescribeTrafficMirrorTargets")
    try:
        result = _resolve(server, cwd=tmp_path)
    finally:
        server.fake.allow()
    assert result.returncode == 2
    assert result.stderr.startswith("error: UnauthorizedOperation in DescribeTrafficMirrorTargets")
    assert "Traceback" not in result.stderr
