"""The write commands of the installed command, in a subprocess against the fake over HTTP.

Sessions a test needs are made with plain boto3 (no subprocess), and what the
command did is read back with plain boto3 too. Independent runs go side by
side (`run_all`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror.cli._resources import SESSIONS
from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server

from ._support import Run, run_all

# Commands run side by side against one server (run_all).
pytestmark = pytest.mark.timing_sensitive

ENI = "eni-0123456789abcdef0"
SECOND_ENI = "eni-0123456789abcdef1"
TARGET = "tmt-0123456789abcdef0"
OTHER_TARGET = "tmt-0fedcba9876543210"
FILTER = "tmf-0123456789abcdef0"
UNKNOWN = "tms-0000000000000dead"
WRITES = (
    "CreateTrafficMirrorSession",
    "ModifyTrafficMirrorSession",
    "DeleteTrafficMirrorSession",
    "CreateTags",
    "DeleteTags",
)
"""The operations of the five write commands, in their order."""


@pytest.fixture(scope="module")
def module_server() -> Iterator[TrafficMirrorServer]:
    """One fake server for this module's tests."""
    with traffic_mirror_server() as server:
        yield server


@pytest.fixture
def server(module_server: TrafficMirrorServer) -> Iterator[TrafficMirrorServer]:
    """The module's server, emptied, with the interfaces, targets and filter used here.

    The fake, like AWS, wants what a session refers to to exist, and allows
    three sessions per source interface.
    """
    fake = module_server.fake
    fake.reset()
    fake.seed_network_interfaces(2, ids=[ENI, SECOND_ENI])
    fake.seed_targets(2, ids=[TARGET, OTHER_TARGET])
    fake.seed_filters(1, ids=[FILTER])
    yield module_server
    module_server.fake.reset_faults()


def _session(client: EC2Client, *, number: int = 1, **extra: Any) -> str:
    """A new session made with plain boto3; its id."""
    response = client.create_traffic_mirror_session(
        NetworkInterfaceId=ENI,
        TrafficMirrorTargetId=TARGET,
        TrafficMirrorFilterId=FILTER,
        SessionNumber=number,
        **extra,
    )
    session_id = response.get("TrafficMirrorSession", {}).get("TrafficMirrorSessionId")
    assert session_id is not None
    return session_id


def _item(client: EC2Client, session_id: str) -> dict[str, Any]:
    response = client.describe_traffic_mirror_sessions(TrafficMirrorSessionIds=[session_id])
    (item,) = response["TrafficMirrorSessions"]
    return dict(item)


def _tags(client: EC2Client, session_id: str) -> dict[str, str]:
    """The session's tags as plain ``describe_tags`` (not the session API) sees them."""
    response = client.describe_tags(Filters=[{"Name": "resource-id", "Values": [session_id]}])
    return {tag.get("Key", ""): tag.get("Value", "") for tag in response["Tags"]}


def _runs(server: TrafficMirrorServer, commands: Sequence[Sequence[str]]) -> list[Run]:
    endpoint = ("--endpoint-url", server.endpoint_url)
    return run_all([(*command, *endpoint) for command in commands])


def _ok(run: Run) -> str:
    assert run.status == 0, (run.status, run.stdout, run.stderr)
    assert run.stderr == ""
    return run.stdout


def _one_line_error(run: Run, status: int) -> str:
    assert run.status == status, (run.status, run.stdout, run.stderr)
    assert len(run.error_lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    line = run.error_lines[0]
    assert line.startswith("ec2-traffic-mirror: error: "), line
    return line


def _create_args(number: int, *extra: str) -> tuple[str, ...]:
    eni = ENI if number <= 3 else SECOND_ENI  # three sessions per source interface
    return (
        "sessions", "create", "--network-interface-id", eni, "--traffic-mirror-target-id",
        TARGET, "--traffic-mirror-filter-id", FILTER, "--session-number", str(number), *extra,
    )  # fmt: skip


# -- create, modify, delete, tag, untag ---------------------------------------------------


def test_create_prints_the_session_in_each_format_and_get_agrees(
    server: TrafficMirrorServer,
) -> None:
    full = (
        "--packet-length", "128", "--virtual-network-id", "4242", "--description", "web, \"prod\"",
        "--tag", "Name=web", "--tag", "team=net=ops", "--tag", "empty=",
        "--client-token", "token-1",
    )  # fmt: skip
    as_json, as_table, as_ndjson, as_csv = _runs(
        server,
        [
            _create_args(1, *full, "--output", "json"),
            _create_args(2, "--output", "table"),
            _create_args(3, "--output", "ndjson"),
            _create_args(4, "--description", "a,b", "--output", "csv"),
        ],
    )
    document = json.loads(_ok(as_json))
    assert set(document) == {"TrafficMirrorSession", "ClientToken"}
    assert document["ClientToken"] == "token-1"
    item = document["TrafficMirrorSession"]
    assert item == {
        "TrafficMirrorSessionId": item["TrafficMirrorSessionId"],
        "TrafficMirrorTargetId": TARGET,
        "TrafficMirrorFilterId": FILTER,
        "NetworkInterfaceId": ENI,
        "OwnerId": item["OwnerId"],
        "SessionNumber": 1,
        "PacketLength": 128,
        "VirtualNetworkId": 4242,
        "Description": 'web, "prod"',
        "Tags": [
            {"Key": "Name", "Value": "web"},
            {"Key": "team", "Value": "net=ops"},
            {"Key": "empty", "Value": ""},
        ],
    }
    client = server.client()
    # The same session as `sessions get` and plain boto3 see it.
    (get,) = _runs(server, [("sessions", "get", item["TrafficMirrorSessionId"])])
    assert json.loads(_ok(get)) == {"TrafficMirrorSessions": [item]}
    assert _item(client, item["TrafficMirrorSessionId"]) == item

    table = _ok(as_table)
    assert table.startswith("TrafficMirrorSessionId  tms-")
    assert "SessionNumber           2\n" in table
    (line,) = _ok(as_ndjson).splitlines()
    ndjson_item = json.loads(line)
    assert ndjson_item["SessionNumber"] == 3
    assert _item(client, ndjson_item["TrafficMirrorSessionId"]) == ndjson_item
    rows = list(csv.reader(io.StringIO(_ok(as_csv), newline="")))
    assert [tuple(rows[0]), len(rows)] == [SESSIONS.layout.csv_columns, 2]
    cells = dict(zip(SESSIONS.layout.csv_columns, rows[1], strict=True))
    assert [cells["SessionNumber"], cells["Description"], cells["Tags"]] == ["4", "a,b", "{}"]


def test_modify_sets_and_removes(server: TrafficMirrorServer) -> None:
    client = server.client()
    fields = {"PacketLength": 100, "VirtualNetworkId": 77, "Description": "before"}
    sessions = [_session(client, number=n, **fields) for n in (1, 2, 3)]
    set_run, remove_run, aws_style = _runs(
        server,
        [
            ("sessions", "modify", sessions[0], "--traffic-mirror-target-id", OTHER_TARGET,
             "--session-number", "9", "--packet-length", "200", "--virtual-network-id", "0",
             "--description", "after", "--output", "json"),
            ("sessions", "modify", sessions[1], "--remove-packet-length",
             "--remove-virtual-network-id", "--remove-description", "--output", "ndjson"),
            ("sessions", "modify", sessions[2], "--remove-fields", "packet-length,description",
             "--session-number", "5", "--output", "table"),
        ],
    )  # fmt: skip
    changed = json.loads(_ok(set_run))["TrafficMirrorSession"]
    assert changed == _item(client, sessions[0])
    assert {key: changed[key] for key in ("TrafficMirrorTargetId", "SessionNumber")} == {
        "TrafficMirrorTargetId": OTHER_TARGET,
        "SessionNumber": 9,
    }
    assert [changed[key] for key in fields] == [200, 0, "after"]

    removed = json.loads(_ok(remove_run))
    assert removed == _item(client, sessions[1])
    assert not set(fields) & set(removed)

    item = _item(client, sessions[2])
    assert [item["SessionNumber"], item["VirtualNetworkId"]] == [5, 77]
    assert not {"PacketLength", "Description"} & set(item)
    table = _ok(aws_style)
    assert "VirtualNetworkId        77\n" in table
    assert "PacketLength" not in table


def test_delete_twice_and_missing_ok(server: TrafficMirrorServer) -> None:
    session_id = _session(server.client())
    (first,) = _runs(server, [("sessions", "delete", session_id)])
    assert json.loads(_ok(first)) == {"TrafficMirrorSessionId": session_id, "Deleted": True}
    again, missing_ok, as_table = _runs(
        server,
        [
            ("sessions", "delete", session_id),
            ("sessions", "delete", session_id, "--missing-ok", "--output", "csv"),
            ("sessions", "delete", session_id, "--missing-ok", "--output", "table"),
        ],
    )
    line = _one_line_error(again, 1)
    assert "InvalidTrafficMirrorSessionId.NotFound in DeleteTrafficMirrorSession" in line
    assert session_id in line
    rows = list(csv.reader(io.StringIO(_ok(missing_ok), newline="")))
    assert rows == [["TrafficMirrorSessionId", "Deleted"], [session_id, "false"]]
    assert _ok(as_table) == f"{session_id} does not exist: nothing deleted (--missing-ok)\n"


def test_tag_and_untag_seen_by_describe_tags(server: TrafficMirrorServer) -> None:
    client = server.client()
    session_id = _session(
        client, TagSpecifications=[
            {"ResourceType": "traffic-mirror-session",
             "Tags": [{"Key": "Name", "Value": "old"}, {"Key": "gone", "Value": "x"}]},
        ],
    )  # fmt: skip
    (tagged,) = _runs(
        server,
        [("sessions", "tag", session_id, "--tag", "Name=new", "--tag", "team=net",
          "--output", "table")],
    )  # fmt: skip
    assert _ok(tagged) == f"tagged {session_id}: Name, team\n"
    assert _tags(client, session_id) == {"Name": "new", "gone": "x", "team": "net"}
    (untagged,) = _runs(
        server,
        [("sessions", "untag", session_id, "--tag-key", "gone", "--tag-key", "never-there")],
    )
    assert _ok(untagged) == ""  # json, like the AWS CLI: nothing to print
    assert _tags(client, session_id) == {"Name": "new", "team": "net"}


# -- --dry-run --------------------------------------------------------------------------------


def _dry_runs(session_id: str) -> list[tuple[str, ...]]:
    return [
        _create_args(7, "--tag", "a=b", "--dry-run"),
        ("sessions", "modify", session_id, "--remove-description", "--dry-run"),
        ("sessions", "delete", session_id, "--dry-run"),
        ("sessions", "tag", session_id, "--tag", "a=b", "--dry-run"),
        ("sessions", "untag", session_id, "--tag-key", "Name", "--dry-run"),
    ]


def test_dry_run_allowed_changes_nothing(server: TrafficMirrorServer) -> None:
    client = server.client()
    session_id = _session(client, Description="kept", TagSpecifications=[
        {"ResourceType": "traffic-mirror-session", "Tags": [{"Key": "Name", "Value": "n"}]},
    ])  # fmt: skip
    before = _item(client, session_id)
    count = len(client.describe_traffic_mirror_sessions()["TrafficMirrorSessions"])
    calls = [server.fake.call_count(operation) for operation in WRITES]
    runs = _runs(server, _dry_runs(session_id))
    assert [_ok(run) for run in runs] == [
        "dry run: you may create this Traffic Mirror session (DryRunOperation);"
        " nothing was changed\n",
        *(
            f"dry run: you may {verb} {session_id} (DryRunOperation); nothing was changed\n"
            for verb in ("modify", "delete", "tag", "untag")
        ),
    ]
    # One DryRun request each (the fake counts tag calls on sessions too), nothing changed.
    assert [server.fake.call_count(operation) for operation in WRITES] == [n + 1 for n in calls]
    assert _item(client, session_id) == before
    assert _tags(client, session_id) == {"Name": "n"}
    assert len(client.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]) == count


def test_dry_run_denied_is_exit_1(server: TrafficMirrorServer) -> None:
    session_id = _session(server.client())
    server.fake.deny(*WRITES)
    runs = _runs(server, _dry_runs(session_id))
    lines = [_one_line_error(run, 1) for run in runs]
    assert lines == [
        "ec2-traffic-mirror: error: dry run: you may not create this Traffic Mirror session"
        " (UnauthorizedOperation); nothing was changed",
        *(
            f"ec2-traffic-mirror: error: dry run: you may not {verb} {session_id}"
            " (UnauthorizedOperation); nothing was changed"
            for verb in ("modify", "delete", "tag", "untag")
        ),
    ]
    # Denied for real too: the AWS error, exit 1.
    (real,) = _runs(server, [("sessions", "delete", session_id)])
    assert "UnauthorizedOperation in DeleteTrafficMirrorSession" in _one_line_error(real, 1)


# -- errors ------------------------------------------------------------------------------------

_FIFTY_ONE = tuple(part for n in range(51) for part in ("--tag", f"k{n}=v"))

BAD_INPUT: list[tuple[tuple[str, ...], str]] = [
    (
        _create_args(1, "--network-interface-id", "eni-x"),
        "--network-interface-id must be an id of the form 'eni-' and 8, or 17 or more,"
        " lowercase hex digits, got 'eni-x'",
    ),
    (_create_args(0), "--session-number must be from 1 to 32766, got 0"),
    (
        _create_args(1, "--packet-length", "big"),
        "--packet-length must be an integer from 1 to 8500",
    ),
    (_create_args(1, "--virtual-network-id", "16777216"), "--virtual-network-id must be from 0"),
    (_create_args(1, "--description", ""), "--description must not be empty"),
    (_create_args(1, "--client-token", "x" * 65), "--client-token must be 1 to 64 ASCII"),
    (_create_args(1, "--tag", "aws:stack=x"), "--tag must not have keys beginning with 'aws:'"),
    (_create_args(1, "--tag", "novalue"), "--tag takes KEY=VALUE (the value may be empty)"),
    (_create_args(1, *_FIFTY_ONE), "--tag must hold at most 50 tags"),
    (("sessions", "create", "--session-number", "1"), "Missing option '--network-interface-id'"),
    (("sessions", "modify", "{id}"), "modify has nothing to change: give at least one of"),
    (
        ("sessions", "modify", "{id}", "--packet-length", "5", "--remove-packet-length"),
        "--packet-length and --remove-packet-length cannot be given together",
    ),
    (
        ("sessions", "modify", "{id}", "--description", "d", "--remove-fields", "description"),
        "--description and --remove-fields description cannot be given together",
    ),
    (("sessions", "modify", "{id}", "--remove-fields", "owner-id"), "--remove-fields takes"),
    (("sessions", "modify", "{id}", "--description", ""), "--remove-description removes it"),
    (("sessions", "delete", "tms-1"), "SESSION_ID takes Traffic Mirror session ids"),
    (("sessions", "tag", "{id}", "--tag", "=v"), "--tag must have keys of 1 to 127 characters"),
    (("sessions", "tag", "{id}", "--tag", "a=1", "--tag", "a=2"), "--tag must have unique keys"),
    (("sessions", "tag", "{id}"), "--tag must hold at least 1 tag, got none"),
    (("sessions", "untag", "{id}", "--tag-key", "AWS:x"), "--tag-key must not have keys"),
    (("sessions", "untag", "{id}", "--tag-key", "k", "--tag-key", "k"), "--tag-key must have"),
    (("sessions", "untag", "{id}"), "--tag-key must hold at least 1 tag, got none"),
]


def test_bad_input_is_one_line_exit_2_and_no_call(server: TrafficMirrorServer) -> None:
    client = server.client()
    session_id = _session(client, Description="same", TagSpecifications=[
        {"ResourceType": "traffic-mirror-session", "Tags": [{"Key": "k", "Value": "v"}]},
    ])  # fmt: skip
    item = _item(client, session_id)
    calls = [server.fake.call_count(operation) for operation in (*WRITES, None)]
    commands = [[part.format(id=session_id) for part in args] for args, _ in BAD_INPUT]
    runs = _runs(server, commands)
    wrong = [
        (args, line)
        for (args, fragment), run in zip(BAD_INPUT, runs, strict=True)
        if fragment not in (line := _one_line_error(run, 2))
    ]
    assert wrong == []
    # No call at all was made (None: every session operation), and nothing changed.
    assert [server.fake.call_count(operation) for operation in (*WRITES, None)] == calls
    assert _item(client, session_id) == item
    assert _tags(client, session_id) == {"k": "v"}


def test_unknown_id_is_exit_1(server: TrafficMirrorServer) -> None:
    runs = _runs(
        server,
        [
            ("sessions", "modify", UNKNOWN, "--description", "d"),
            ("sessions", "delete", UNKNOWN),
            ("sessions", "tag", UNKNOWN, "--tag", "a=b"),
            ("sessions", "untag", UNKNOWN, "--tag-key", "a"),
        ],
    )
    operations = [
        "ModifyTrafficMirrorSession", "DeleteTrafficMirrorSession", "CreateTags", "DeleteTags",
    ]  # fmt: skip
    lines = [_one_line_error(run, 1) for run in runs]
    for line, operation in zip(lines, operations, strict=True):
        assert f"InvalidTrafficMirrorSessionId.NotFound in {operation}" in line
    assert all(UNKNOWN in line for line in lines)
