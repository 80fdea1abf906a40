"""AWS CLI habits, in-process against the fake over HTTP: global options anywhere, several
ids, the AWS spellings of ids and tags, the exact filters sent, --no-paginate, --debug."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server
from ec2_traffic_mirror.testing._moto import Reply, Request

from ._support import Run, invoke

# Against a fake server over HTTP (its threads answer).
pytestmark = pytest.mark.timing_sensitive

ENI = "eni-0123456789abcdef0"
TARGET = "tmt-0123456789abcdef0"
FILTER = "tmf-0123456789abcdef0"
UNKNOWN = "tms-0000000000000dead"


@pytest.fixture(scope="module")
def module_server(module_aws_environment: None) -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as server:
        server.fake.seed_sessions(12, packet_lengths=[None, 100], tags_per_session=1)
        # The fake, like AWS, wants what a new session refers to to exist.
        server.fake.seed_network_interfaces(1, ids=[ENI])
        server.fake.seed_targets(1, ids=[TARGET])
        server.fake.seed_filters(1, ids=[FILTER])
        yield server


@pytest.fixture
def server(module_server: TrafficMirrorServer) -> Iterator[TrafficMirrorServer]:
    module_server.fake.reset_faults()
    yield module_server
    module_server.fake.reset_faults()


def _run(server: TrafficMirrorServer, *args: str) -> Run:
    return invoke(*args, "--endpoint-url", server.endpoint_url)


def _ids(run: Run) -> list[str]:
    assert run.status == 0, run.stderr
    return [
        item["TrafficMirrorSessionId"] for item in json.loads(run.stdout)["TrafficMirrorSessions"]
    ]


def _all_ids(server: TrafficMirrorServer) -> list[str]:
    return _ids(_run(server, "sessions", "list"))


def _new_session(client: EC2Client, number: int = 1) -> str:
    response = client.create_traffic_mirror_session(
        NetworkInterfaceId=ENI,
        TrafficMirrorTargetId=TARGET,
        TrafficMirrorFilterId=FILTER,
        SessionNumber=number,
    )
    session_id = response.get("TrafficMirrorSession", {}).get("TrafficMirrorSessionId")
    assert session_id is not None
    return session_id


def _tags(client: EC2Client, session_id: str) -> dict[str, str]:
    response = client.describe_tags(Filters=[{"Name": "resource-id", "Values": [session_id]}])
    return {tag.get("Key", ""): tag.get("Value", "") for tag in response["Tags"]}


# -- global options ---------------------------------------------------------------------


def test_global_options_before_the_group_between_and_after(server: TrafficMirrorServer) -> None:
    url = server.endpoint_url
    query = "TrafficMirrorSessions[].SessionNumber"
    runs = [
        invoke("--region", "us-east-1", "--endpoint-url", url, "--output", "text", "--query",
               query, "sessions", "list"),
        invoke("sessions", "--endpoint-url", url, "--output", "text", "--query", query, "list"),
        invoke("sessions", "list", "--endpoint-url", url, "--output", "text", "--query", query),
        # The later one wins, as in the AWS CLI.
        invoke("--output", "json", "sessions", "--output", "table", "list", "--output", "text",
               "--query", query, "--endpoint-url", url),
    ]  # fmt: skip
    assert [run.status for run in runs] == [0, 0, 0, 0], [run.stderr for run in runs]
    assert len({run.stdout for run in runs}) == 1
    assert runs[0].stdout.split() == ["1", "2", "3"] * 4
    # A bad global option is refused wherever it is given, before any call.
    for args in (("--region", "", "sessions", "list"), ("sessions", "list", "--region", "")):
        run = invoke(*args)
        assert run.status == 2
        assert run.error_lines == [
            "ec2-traffic-mirror: error: --region takes a non-empty name, got ''"
        ]


def test_debug_logs_botocore_on_stderr_and_leaves_stdout_alone(
    server: TrafficMirrorServer,
) -> None:
    plain = _run(server, "sessions", "list", "--max-items", "2")
    debug = invoke(
        "--debug", "sessions", "list", "--max-items", "2", "--endpoint-url", server.endpoint_url
    )
    assert debug.status == 0
    assert (
        json.loads(debug.stdout)["TrafficMirrorSessions"]
        == json.loads(plain.stdout)["TrafficMirrorSessions"]
    )
    assert (
        " - MainThread - botocore.endpoint - DEBUG - Making request for"
        " OperationModel(name=DescribeTrafficMirrorSessions)" in debug.stderr
    )
    assert plain.stderr == ""
    # Nothing is left switched on for the next command (in the same process).
    assert logging.getLogger("botocore").level == logging.NOTSET
    assert _run(server, "sessions", "list", "--max-items", "2").stderr == ""


# -- ids ---------------------------------------------------------------------------------


def test_get_several_ids_and_the_aws_spelling_of_ids(server: TrafficMirrorServer) -> None:
    ids = _all_ids(server)
    got = _run(server, "sessions", "get", ids[4], ids[1])
    listed = _run(server, "sessions", "list", "--traffic-mirror-session-ids", ids[4], ids[1])
    as_json = _run(
        server, "sessions", "list", "--traffic-mirror-session-ids", json.dumps([ids[4], ids[1]])
    )
    assert sorted(_ids(got)) == sorted([ids[4], ids[1]])
    assert got.stdout == listed.stdout == as_json.stdout
    # The short form adds up; the AWS spelling given twice keeps the last (with a warning).
    short = _run(
        server, "sessions", "list", "--session-ids", f"{ids[0]},{ids[1]}", "--session-ids", ids[2]
    )
    assert sorted(_ids(short)) == sorted(ids[:3])
    twice = _run(server, "sessions", "list", "--traffic-mirror-session-ids", ids[0],
                 "--traffic-mirror-session-ids", ids[3])  # fmt: skip
    assert _ids(twice) == [ids[3]]
    assert "--traffic-mirror-session-ids is given 2 times: only the last one counts" in twice.stderr
    table = _run(server, "sessions", "get", ids[0], ids[1], "--output", "table")
    assert table.stdout.count("TrafficMirrorSessionId") == 2
    unknown = _run(server, "sessions", "get", ids[0], UNKNOWN)
    assert unknown.status == 1
    assert "InvalidTrafficMirrorSessionId.NotFound" in unknown.stderr


def test_delete_several_ids_stops_at_the_first_error(server: TrafficMirrorServer) -> None:
    client = server.client()
    first, second, third = (_new_session(client, number) for number in (1, 2, 3))
    run = _run(server, "sessions", "delete", first, UNKNOWN, second, third, "--output", "ndjson")
    assert run.status == 1
    assert [json.loads(line) for line in run.stdout.splitlines()] == [
        {"TrafficMirrorSessionId": first, "Deleted": True}
    ]
    (line,) = run.error_lines
    assert "InvalidTrafficMirrorSessionId.NotFound" in line
    assert line.endswith(f"; not attempted: {second}, {third}")
    remaining = set(_all_ids(server))
    assert first not in remaining
    assert {second, third} <= remaining
    missing_ok = _run(
        server, "sessions", "delete", second, UNKNOWN, third, "--missing-ok", "--output", "csv"
    )
    assert missing_ok.status == 0, missing_ok.stderr
    assert missing_ok.stdout.splitlines() == [
        "TrafficMirrorSessionId,Deleted",
        f"{second},true",
        f"{UNKNOWN},false",
        f"{third},true",
    ]
    assert {second, third}.isdisjoint(_all_ids(server))


def test_delete_several_ids_dry_run(server: TrafficMirrorServer) -> None:
    client = server.client()
    first, second = _new_session(client, 1), _new_session(client, 2)
    allowed = _run(server, "sessions", "delete", first, second, "--dry-run")
    assert allowed.status == 0, allowed.stderr
    assert allowed.stdout.splitlines() == [
        f"dry run: you may delete {first} (DryRunOperation); nothing was changed",
        f"dry run: you may delete {second} (DryRunOperation); nothing was changed",
    ]
    assert {first, second} <= set(_all_ids(server))
    _run(server, "sessions", "delete", first, second)


# -- tags in the AWS CLI's forms -------------------------------------------------------------


def test_tags_in_the_aws_cli_forms(server: TrafficMirrorServer) -> None:
    client = server.client()
    session_id = _new_session(client)
    tagged = _run(server, "sessions", "tag", session_id, "--tags", "Key=a=b,Value=c",
                  "Key='x,y',Value=\"p=q, r\"", "--tag", "plain=1")  # fmt: skip
    assert tagged.status == 0, tagged.stderr
    assert tagged.stdout == ""
    assert _tags(client, session_id) == {"a=b": "c", "x,y": "p=q, r", "plain": "1"}
    as_json = _run(
        server,
        "sessions",
        "tag",
        session_id,
        "--tags",
        '[{"Key": "j", "Value": "v"}, {"Key": "e"}]',
    )
    assert as_json.status == 0, as_json.stderr
    assert _tags(client, session_id)["j"] == "v"
    assert _tags(client, session_id)["e"] == ""  # no Value: empty, as CreateTags has it
    untagged = _run(server, "sessions", "untag", session_id, "--tags", "Key=a=b", "--tag-key", "j")
    assert untagged.status == 0, untagged.stderr
    assert _tags(client, session_id) == {"x,y": "p=q, r", "plain": "1", "e": ""}
    # As in the AWS CLI, an unquoted comma makes a list: Key=x,y is refused, quoted it is a key.
    refused = _run(server, "sessions", "untag", session_id, "--tags", "Key=x,y")
    assert refused.status == 2
    assert "--tags Tags[0].Key must be a string, got ['x', 'y'] (list)" in refused.stderr
    untagged = _run(server, "sessions", "untag", session_id, "--tags", "Key='x,y'")
    assert _tags(client, session_id) == {"plain": "1", "e": ""}

    created = _run(
        server, "sessions", "create", "--network-interface-id", ENI,
        "--traffic-mirror-target-id", TARGET, "--traffic-mirror-filter-id", FILTER,
        "--session-number", "9", "--tags", "Key=k=1,Value=v", "--tag-specifications",
        "ResourceType=traffic-mirror-session,Tags=[{Key=s,Value=t},{Key=u,Value=w=x}]",
    )  # fmt: skip
    assert created.status == 0, created.stderr
    new_id = json.loads(created.stdout)["TrafficMirrorSession"]["TrafficMirrorSessionId"]
    assert _tags(client, new_id) == {"k=1": "v", "s": "t", "u": "w=x"}
    _run(server, "sessions", "delete", session_id, new_id)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("tag", "{id}", "--tags", "Key=a,Value=b,c"), "--tags Tags[0].Value must be a string"),
        (("tag", "{id}", "--tags", "Value=b"), "--tags needs Key=<key> in every tag"),
        (
            ("tag", "{id}", "--tags", "Key=a,Value=1", "--tag", "a=2"),
            "--tag must have unique keys, got 'a'",
        ),
        (("tag", "{id}", "--tags", "Key=aws:x,Value=1"), "aws:"),
        (("untag", "{id}", "--tags", "Key=a,Value=b"), "--tags takes keys only here"),
        (
            ("create", "--network-interface-id", ENI, "--traffic-mirror-target-id", TARGET,
             "--traffic-mirror-filter-id", FILTER, "--session-number", "1",
             "--tag-specifications", "ResourceType=instance,Tags=[{Key=a,Value=b}]"),
            "--tag-specifications tags a traffic-mirror-session here, got ResourceType='instance'",
        ),
    ],
)  # fmt: skip
def test_bad_tags_are_exit_2_before_any_call(
    server: TrafficMirrorServer, args: tuple[str, ...], message: str
) -> None:
    before = server.fake.call_count("CreateTags") + server.fake.call_count()
    session_id = "tms-0123456789abcdef0"
    run = _run(server, "sessions", *(session_id if arg == "{id}" else arg for arg in args))
    assert run.status == 2, run.stderr
    assert message in run.stderr
    assert server.fake.call_count("CreateTags") + server.fake.call_count() == before


# -- the request, and one call ----------------------------------------------------------


def test_filters_are_sent_as_given(
    server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[Any] = []
    answer = server.fake.handle

    def spy(request: Request) -> Reply | None:
        if request.operation == "DescribeTrafficMirrorSessions":
            sent.append(request.params.get("Filters"))
        return answer(request)

    monkeypatch.setattr(server.fake, "handle", spy)
    run = _run(
        server, "sessions", "list", "--packet-length", "100", "--filters",
        "Name=description,Values=seeded*, *1", "Name=description,Values=*1",
    )  # fmt: skip
    assert run.status == 0, run.stderr
    assert sent == [[
        {"Name": "packet-length", "Values": ["100"]},
        {"Name": "description", "Values": ["seeded*", "*1"]},
        {"Name": "description", "Values": ["*1"]},
    ]]  # fmt: skip


def test_no_paginate_is_one_call_and_next_token_goes_on(server: TrafficMirrorServer) -> None:
    ids = _all_ids(server)
    before = server.fake.call_count("DescribeTrafficMirrorSessions")
    first = _run(server, "sessions", "list", "--no-paginate", "--max-results", "5")
    assert server.fake.call_count("DescribeTrafficMirrorSessions") == before + 1
    document = json.loads(first.stdout)
    assert list(document) == ["TrafficMirrorSessions", "NextToken"]
    assert _ids(first) == ids[:5]
    second = _run(
        server,
        "sessions",
        "list",
        "--next-token",
        document["NextToken"],
        "--max-results",
        "5",
        "--output",
        "ndjson",
    )
    assert [
        json.loads(line)["TrafficMirrorSessionId"] for line in second.stdout.splitlines()
    ] == ids[5:10]
    (line,) = second.error_lines
    assert line.startswith("ec2-traffic-mirror: more sessions: go on with --next-token ")
    rest = _run(
        server, "sessions", "list", "--next-token", line.rsplit(" ", 1)[1], "--max-results", "5"
    )
    assert _ids(rest) == ids[10:]
    assert "NextToken" not in json.loads(rest.stdout)
