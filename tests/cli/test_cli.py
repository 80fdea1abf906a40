"""The installed ``ec2-traffic-mirror`` command, run in a subprocess against the fake over HTTP."""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ec2_traffic_mirror.cli import MISSING_EXTRA_HINT
from ec2_traffic_mirror.cli._resources import SESSIONS
from ec2_traffic_mirror.testing._moto import Reply, Request

from ._support import COMMAND, TRICKY_DESCRIPTION, Estate, Run, cli_env, run_all, run_cli

# Against a fake server over HTTP (its threads answer), the installed command in
# subprocesses, Ctrl-C.
pytestmark = pytest.mark.timing_sensitive

Item = dict[str, Any]


def _json_ids(run: Run) -> list[str]:
    assert run.status == 0, run.stderr
    document = json.loads(run.stdout)
    return [item["TrafficMirrorSessionId"] for item in document["TrafficMirrorSessions"]]


def _ndjson(text: str) -> list[Item]:
    return [json.loads(line) for line in text.splitlines()]


def _one_line_error(run: Run, status: int) -> str:
    assert run.status == status, (run.status, run.stdout, run.stderr)
    assert len(run.error_lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    line = run.error_lines[0]
    assert line.startswith("ec2-traffic-mirror: error: "), line
    return line


# -- output formats ---------------------------------------------------------------------


def test_json_is_the_aws_cli_document_and_the_default_off_a_terminal(estate: Estate) -> None:
    explicit = estate.run("sessions", "list", "--output", "json")
    default = estate.run("sessions", "list")
    assert explicit.status == 0, explicit.stderr
    assert explicit.stderr == ""
    assert json.loads(explicit.stdout) == {"TrafficMirrorSessions": estate.items}
    assert default.stdout == explicit.stdout


def test_ndjson_is_one_session_per_line(estate: Estate) -> None:
    run = estate.run("sessions", "list", "--output", "ndjson", "--page-size", "5")
    assert run.status == 0, run.stderr
    assert run.stderr == ""
    assert _ndjson(run.stdout) == estate.items
    assert len(run.stdout.splitlines()) == len(estate.items)


def test_csv_is_quoted_and_complete(estate: Estate) -> None:
    run = estate.run("sessions", "list", "--output", "csv")
    assert run.status == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout, newline="")))
    assert tuple(rows[0]) == SESSIONS.layout.csv_columns
    assert len(rows) == len(estate.items) + 1
    for row, item in zip(rows[1:], estate.items, strict=True):
        cells = dict(zip(SESSIONS.layout.csv_columns, row, strict=True))
        for column in SESSIONS.layout.csv_columns[:-1]:
            assert cells[column] == str(item.get(column, "")), column
        assert json.loads(cells["Tags"]) == {tag["Key"]: tag["Value"] for tag in item["Tags"]}
    tricky = [row for row in rows if TRICKY_DESCRIPTION in row]
    assert len(tricky) == 1
    assert json.loads(tricky[0][-1]) == {"k,ey": 'va"l', "Name": "x"}


def test_table_and_get(estate: Estate) -> None:
    run = estate.run("sessions", "list", "--output", "table")
    assert run.status == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == [
        "SESSION",
        "INTERFACE",
        "TARGET",
        "FILTER",
        "NUMBER",
        "PACKET",
        "VNI",
        "DESCRIPTION",
        "TAGS",
    ]
    assert lines[-1] == f"({len(estate.items)} sessions)"
    for session_id in estate.ids:
        assert sum(session_id in line for line in lines) == 1
    # A control character in a description is escaped, so a row stays one line.
    assert any("tricky" in line and "\\n" in line for line in lines)
    assert len(lines) == len(estate.items) + 2

    item = estate.items[1]
    session_id = item["TrafficMirrorSessionId"]
    as_json = estate.run("sessions", "get", session_id, "--output", "json")
    assert as_json.status == 0, as_json.stderr
    assert json.loads(as_json.stdout) == {"TrafficMirrorSessions": [item]}
    as_table = estate.run("sessions", "get", session_id, "--output", "table")
    assert as_table.status == 0, as_table.stderr
    assert f"TrafficMirrorSessionId  {session_id}" in as_table.stdout
    assert f"PacketLength            {item['PacketLength']}" in as_table.stdout


# -- filters ------------------------------------------------------------------------------

FilterCase = Callable[[list[Item]], tuple[list[str], Callable[[Item], bool]]]


def _by_member(member: str, *positions: int) -> FilterCase:
    def case(items: list[Item]) -> tuple[list[str], Callable[[Item], bool]]:
        wanted = [items[position][member] for position in positions]
        return [str(value) for value in wanted], lambda item: item.get(member) in wanted

    return case


def _description(items: list[Item]) -> tuple[list[str], Callable[[Item], bool]]:
    patterns = ["seeded session 1?", "seeded session 3"]
    return patterns, lambda item: any(
        fnmatch.fnmatchcase(item.get("Description", ""), pattern) for pattern in patterns
    )


FILTER_CASES: dict[str, FilterCase] = {
    "--session-number": _by_member("SessionNumber", 1),
    "--network-interface-id": _by_member("NetworkInterfaceId", 0, 9),
    "--description": _description,
    "--packet-length": _by_member("PacketLength", 1, 2),
    "--traffic-mirror-filter-id": _by_member("TrafficMirrorFilterId", 2),
    "--traffic-mirror-session-id": _by_member("TrafficMirrorSessionId", 4, 20),
    "--traffic-mirror-target-id": _by_member("TrafficMirrorTargetId", 3, 5),
    "--virtual-network-id": _by_member("VirtualNetworkId", 7),
}


def test_each_filter_flag_repeatable(estate: Estate) -> None:
    """Each flag sends its filter; repeated, its values OR (the runs go side by side)."""
    cases: list[tuple[str, list[str], list[str]]] = []
    for flag, case in sorted(FILTER_CASES.items()):
        values, matches = case(estate.items)
        expected = [item["TrafficMirrorSessionId"] for item in estate.items if matches(item)]
        assert 0 < len(expected) < len(estate.items), flag
        cases.append((flag, values, expected))
    owner = estate.items[0]["OwnerId"]
    assert {item["OwnerId"] for item in estate.items} == {owner}
    cases.append(("--owner-id", [owner, "999999999999"], estate.ids))
    cases.append(("--owner-id", ["999999999999"], []))
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    runs = run_all([
        ("sessions", "list", *(part for value in values for part in (flag, value)), *endpoint)
        for flag, values, _ in cases
    ])  # fmt: skip
    wrong = [
        (flag, values)
        for (flag, values, expected), run in zip(cases, runs, strict=True)
        if _json_ids(run) != expected
    ]
    assert wrong == []


def test_filters_in_aws_cli_syntax_and_together(estate: Estate) -> None:
    numbers = {2, 3}
    lengths = {100, 300}
    expected = [
        item["TrafficMirrorSessionId"]
        for item in estate.items
        if item["SessionNumber"] in numbers and item.get("PacketLength") in lengths
    ]
    assert expected
    shorthand = estate.run(
        "sessions",
        "list",
        "--filters",
        "Name=session-number,Values=2,3",
        "Name=packet-length,Values=100,300",
    )
    as_json = estate.run(
        "sessions",
        "list",
        "--filters",
        '[{"Name": "session-number", "Values": ["2", "3"]},'
        ' {"Name": "packet-length", "Values": ["100", "300"]}]',
    )
    json_objects = estate.run(
        "sessions",
        "list",
        "--filters",
        '{"Name": "session-number", "Values": ["2", "3"]}',
        '{"Name": "packet-length", "Values": ["100", "300"]}',
    )
    # A flag per filter (repeated: values OR) and --filters (its = form) AND together.
    mixed = estate.run(
        "sessions", "list", "--session-number", "2", "--session-number", "3",
        "--filters=Name=packet-length,Values=100,300",
    )  # fmt: skip
    assert _json_ids(shorthand) == expected
    assert _json_ids(as_json) == expected
    assert _json_ids(json_objects) == expected
    assert _json_ids(mixed) == expected
    # One name in a flag and in --filters: two filters, which AND (as two Name= groups do).
    both = estate.run(
        "sessions", "list", "--session-number", "2", "--filters", "Name=session-number,Values=3"
    )
    assert _json_ids(both) == []
    # --filters twice: the last one counts, as in the AWS CLI, with a warning.
    twice = estate.run(
        "sessions", "list", "--filters", "Name=session-number,Values=2",
        "--filters", "Name=session-number,Values=3",
    )  # fmt: skip
    assert _json_ids(twice) == [
        item["TrafficMirrorSessionId"] for item in estate.items if item["SessionNumber"] == 3
    ]
    assert twice.error_lines == [
        "ec2-traffic-mirror: warning: --filters is given 2 times: only the last one counts,"
        " as in the AWS CLI (give several values after one flag instead)"
    ]
    quoted = estate.run(
        "sessions", "list", "--filters", f"Name=description,Values='{TRICKY_DESCRIPTION}'"
    )
    assert _json_ids(quoted) == [estate.ids[-1]]


def test_session_ids(estate: Estate) -> None:
    wanted = [estate.ids[5], estate.ids[1], estate.ids[30]]
    run = estate.run(
        "sessions", "list", "--session-ids", f"{wanted[0]},{wanted[1]}", "--session-ids", wanted[2]
    )
    assert sorted(_json_ids(run)) == sorted(wanted)


def test_max_items_and_starting_token_continue_exactly(estate: Estate) -> None:
    first = estate.run("sessions", "list", "--page-size", "5", "--max-items", "12")
    assert first.status == 0, first.stderr
    document = json.loads(first.stdout)
    assert [item["TrafficMirrorSessionId"] for item in document["TrafficMirrorSessions"]] == (
        estate.ids[:12]
    )
    token = document["NextToken"]
    second = estate.run(
        "sessions", "list", "--page-size", "5", "--max-items", "13", "--starting-token", token,
        "--output", "ndjson",
    )  # fmt: skip
    assert second.status == 0, second.stderr
    assert [item["TrafficMirrorSessionId"] for item in _ndjson(second.stdout)] == (
        estate.ids[12:25]
    )
    (line,) = second.error_lines
    prefix = "ec2-traffic-mirror: more sessions: go on with --starting-token "
    assert line.startswith(prefix)
    rest = estate.run(
        "sessions", "list", "--page-size", "5", "--starting-token", line.removeprefix(prefix)
    )
    assert _json_ids(rest) == estate.ids[25:]
    assert "NextToken" not in json.loads(rest.stdout)


# -- errors -------------------------------------------------------------------------------

BAD_INPUT = [
    (("sessions", "list", "--page-size", "3"), "--page-size takes 5 to 1000, got 3"),
    (
        ("sessions", "list", "--page-size", "ten"),
        "--page-size takes an integer (5 to 1000), got 'ten'",
    ),
    (("sessions", "list", "--max-items", "0"), "--max-items takes at least 1, got 0"),
    (("sessions", "list", "--session-number", "0"), "--session-number takes 1 to 32766, got 0"),
    (
        ("sessions", "list", "--session-number", "1.5"),
        "--session-number takes integers (1 to 32766), got '1.5'",
    ),
    (("sessions", "list", "--packet-length", "8501"), "--packet-length takes 1 to 8500"),
    (("sessions", "list", "--virtual-network-id", "-1"), "--virtual-network-id takes 0 to"),
    (("sessions", "list", "--description", ""), "--description refuses the empty string"),
    (("sessions", "list", "--session-ids", "tms-xyz"), "--session-ids takes Traffic Mirror"),
    (("sessions", "list", "--starting-token", "a___b___c"), "--starting-token got 'a___b___c'"),
    (
        ("sessions", "list", "--filters", "Name=colour,Values=red"),
        "--filters Name=colour got the filter name 'colour'; the names are: description,",
    ),
    (
        ("sessions", "list", "--filters", "Name=owner-id"),
        "--filters Name=owner-id needs at least one value (Values=...)",
    ),
    (
        ("sessions", "list", "--filters", "Name=owner-id,Values="),
        "--filters Name=owner-id refuses the empty string",
    ),
    (("sessions", "list", "--filters", "Values=1"), "--filters needs Name=<filter> in every"),
    (
        ("sessions", "list", "--filters", "[1]"),
        "--filters Filters[0] must be an object with the keys Name, Values, got 1 (int)",
    ),
    (
        ("sessions", "list", "--filters", "Name=owner-id,Colour=red,Values=1"),
        "--filters Filters[0] has the unknown key 'Colour'; the keys are Name, Values",
    ),
    (
        ("sessions", "list", "--filters", "Name=owner-id,Values=a,Name=x"),
        "--filters cannot be read as shorthand: the key 'Name' is given twice",
    ),
    (
        ("sessions", "list", "--filters", '{"Name": "owner-id", "Values": [1]}'),
        "--filters Filters[0].Values[0] must be a string, got 1 (int)",
    ),
    (("sessions", "list", "--filters", "[nope"), "--filters is not valid JSON"),
    (
        ("sessions", "list", "--traffic-mirror-session-ids", "tms-1", "tms-2"),
        "--traffic-mirror-session-ids takes Traffic Mirror session ids",
    ),
    (("sessions", "list", "--query", "a[", "--output", "json"), "--query takes a JMESPath"),
    (
        ("sessions", "list", "--query", "a", "--output", "csv"),
        "--query works with --output json or text, not --output csv",
    ),
    (
        ("sessions", "list", "--no-paginate", "--max-items", "3"),
        "--no-paginate (or --max-results, --next-token: one call) cannot be given with --max-items",
    ),
    (("sessions", "list", "--max-results", "3"), "--max-results takes 5 to 1000, got 3"),
    (("sessions", "get", "tms-0123456789abcdef0", "x"), "SESSION_ID takes Traffic Mirror"),
    (("sessions", "delete", "tms-0123456789abcdef0", "x"), "SESSION_ID takes Traffic Mirror"),
    (("--region", " ", "sessions", "list"), "--region takes a non-empty name, got ' '"),
    (
        ("sessions", "list", "--filters", "Name=packet-length,Values=9999"),
        "--filters Name=packet-length takes 1 to 8500, got 9999",
    ),
    (("sessions", "list", "--output", "xml"), "'--output': 'xml' is not one of"),
    (("sessions", "list", "--region", "not a region"), "--region takes a region name"),
    (("sessions", "list", "--endpoint-url", "ftp://x"), "--endpoint-url takes an http://"),
    (("sessions", "get", "tms-1"), "SESSION_ID takes Traffic Mirror session ids"),
]


def test_bad_input_is_one_line_exit_2_before_any_call(estate: Estate) -> None:
    fake = estate.server.fake
    before = fake.call_count()
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    runs = run_all([
        (*args, *(() if "--endpoint-url" in args else endpoint)) for args, _ in BAD_INPUT
    ])  # fmt: skip
    failures: list[str] = []
    for (args, fragment), run in zip(BAD_INPUT, runs, strict=True):
        line = _one_line_error(run, 2)
        if fragment not in line:
            failures.append(f"{args}: {line}")
        assert run.stdout == ""
    assert failures == []
    assert fake.call_count() == before


def test_unknown_ids(fresh: Estate) -> None:
    unknown = "tms-0000000000000dead"
    line = _one_line_error(fresh.run("sessions", "get", unknown), 1)
    assert "InvalidTrafficMirrorSessionId.NotFound" in line
    assert unknown in line
    listed = fresh.run("sessions", "list", "--session-ids", f"{fresh.ids[0]},{unknown}")
    assert "InvalidTrafficMirrorSessionId.NotFound" in _one_line_error(listed, 1)
    assert listed.stdout == ""


def test_aws_error(fresh: Estate) -> None:
    fresh.server.fake.deny("DescribeTrafficMirrorSessions")
    for args in (("sessions", "list"), ("sessions", "get", fresh.ids[0])):
        run = fresh.run(*args)
        line = _one_line_error(run, 1)
        assert "UnauthorizedOperation in DescribeTrafficMirrorSessions" in line
        assert "request id" in line
        assert "--starting-token" not in line  # nothing was listed: nothing to go on from
        assert run.stdout == ""


def test_error_mid_listing_prints_what_was_listed_and_the_resume_token(fresh: Estate) -> None:
    fresh.server.fake.fail_page(2, times=5)
    run = fresh.run("sessions", "list", "--page-size", "5", "--output", "ndjson")
    line = _one_line_error(run, 1)
    assert "InternalError in DescribeTrafficMirrorSessions" in line
    assert "after 10 sessions" in line
    listed = [item["TrafficMirrorSessionId"] for item in _ndjson(run.stdout)]
    assert listed == fresh.ids[:10]
    token = line.split("--starting-token ")[1]
    fresh.server.fake.reset_faults()
    rest = fresh.run("sessions", "list", "--page-size", "5", "--starting-token", token)
    assert _json_ids(rest) == fresh.ids[10:]

    # json: the document so far, with the token in it as well.
    fresh.server.fake.fail_page(1, times=5)
    run = fresh.run("sessions", "list", "--page-size", "5")
    line = _one_line_error(run, 1)
    document = json.loads(run.stdout)
    assert [item["TrafficMirrorSessionId"] for item in document["TrafficMirrorSessions"]] == (
        fresh.ids[:5]
    )
    assert line.endswith(f"--starting-token {document['NextToken']}")


def test_invalid_item_raise_and_skip(fresh: Estate) -> None:
    bad = fresh.ids[7]
    fresh.server.fake.serve_invalid_item(bad, SessionNumber=0)
    run = fresh.run("sessions", "list", "--output", "ndjson")
    line = _one_line_error(run, 1)
    assert f"session {bad} breaks the model: SessionNumber=0" in line
    assert [item["TrafficMirrorSessionId"] for item in _ndjson(run.stdout)] == fresh.ids[:7]
    token = line.split("--starting-token ")[1]
    rest = fresh.run("sessions", "list", "--starting-token", token)
    assert _json_ids(rest) == fresh.ids[8:]

    skipped = fresh.run("sessions", "list", "--on-invalid", "skip")
    assert _json_ids(skipped) == [sid for sid in fresh.ids if sid != bad]
    (warning,) = skipped.error_lines
    assert warning.startswith(
        f"ec2-traffic-mirror: warning: skipped a response item: session {bad}"
    )


def test_unreachable_endpoint_and_missing_setup(estate: Estate) -> None:
    # A port held by a socket that never listens: connecting is refused, and no
    # other test or process can take the port while the command runs.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        run = run_cli("sessions", "list", "--endpoint-url", f"http://127.0.0.1:{port}")
    assert f'Could not connect to the endpoint URL: "http://127.0.0.1:{port}/"' in (
        _one_line_error(run, 1)
    )
    env = cli_env()
    del env["AWS_DEFAULT_REGION"]
    no_region = estate.run("sessions", "list", env=env)
    assert "no AWS region: give --region" in _one_line_error(no_region, 1)
    # Bad input is refused first, as bad input, even with no region to connect to.
    bad_id = estate.run("sessions", "get", "tms-1", env=env)
    assert "SESSION_ID takes Traffic Mirror session ids" in _one_line_error(bad_id, 2)
    with_region = estate.run("sessions", "list", "--region", "us-east-1", env=env)
    assert _json_ids(with_region) == estate.ids
    no_profile = estate.run("sessions", "list", "--profile", "no-such-profile")
    assert "The config profile (no-such-profile) could not be found" in (
        _one_line_error(no_profile, 1)
    )
    # The SDK raises botocore's failure as a CredentialsError: the hint still comes.
    no_credentials = cli_env()
    del no_credentials["AWS_ACCESS_KEY_ID"], no_credentials["AWS_SECRET_ACCESS_KEY"]
    unsigned = estate.run("sessions", "list", env=no_credentials)
    assert _one_line_error(unsigned, 1).endswith(
        "Unable to locate credentials: set up AWS credentials, or choose a profile with --profile"
    )


def test_missing_cli_extra_gives_a_one_line_hint() -> None:
    code = (
        "import sys; sys.modules['click'] = None; "
        "from ec2_traffic_mirror.cli import main; sys.exit(main())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "sessions", "list"],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == MISSING_EXTRA_HINT + "\n"
    assert "pip install 'ec2-traffic-mirror[cli]'" in result.stderr


def test_ctrl_c_mid_listing_prints_the_resume_token(
    fresh: Estate, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fresh.server.fake
    answer = fake.handle
    asked = threading.Event()  # the command is waiting for the second page
    release = threading.Event()

    def hold_the_second_page(request: Request) -> Reply | None:
        if request.operation == "DescribeTrafficMirrorSessions" and "NextToken" in request.params:
            asked.set()
            release.wait(timeout=120)
        return answer(request)

    monkeypatch.setattr(fake, "handle", hold_the_second_page)
    process = subprocess.Popen(
        [str(COMMAND), "sessions", "list", "--page-size", "5", "--output", "ndjson",
         "--endpoint-url", fresh.server.endpoint_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=cli_env(),
    )  # fmt: skip
    try:
        # Ctrl-C lands while the second page is being fetched: the first is printed.
        assert asked.wait(timeout=120), "the command never asked for the second page"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)  # one reader for everything
    finally:
        release.set()
        if process.returncode is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, stderr
    listed = [json.loads(line)["TrafficMirrorSessionId"] for line in stdout.splitlines()]
    assert listed == fresh.ids[:5]
    (line,) = stderr.splitlines()
    assert line.startswith("ec2-traffic-mirror: interrupted; after 5 sessions:")
    token = line.split("--starting-token ")[1]
    monkeypatch.setattr(fake, "handle", answer)
    rest = fresh.run("sessions", "list", "--starting-token", token)
    assert listed + _json_ids(rest) == fresh.ids


def test_help_and_python_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ec2_traffic_mirror.cli", "sessions", "list", "--help"],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for flag in (
        "--session-number", "--network-interface-id", "--description", "--owner-id",
        "--packet-length", "--traffic-mirror-filter-id", "--traffic-mirror-session-id",
        "--traffic-mirror-target-id", "--virtual-network-id", "--session-ids", "--filters",
        "--page-size", "--max-items", "--starting-token", "--region", "--profile",
        "--endpoint-url", "--output", "--query", "--debug", "--no-paginate", "--max-results",
        "--next-token", "--traffic-mirror-session-ids",
    ):  # fmt: skip
        assert flag in result.stdout, flag


def test_demo_runs_without_any_aws_setup(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text("[profile broken]\nregion = nowhere\ncredential_process = false\n")
    env = cli_env(AWS_PROFILE="broken", AWS_CONFIG_FILE=str(config))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"):
        del env[name]
    run = run_cli("demo", env=env, timeout=120)
    assert run.status == 0, run.stderr
    out = run.stdout
    for expected in (
        "301 sessions on 101 network interfaces, 3 targets, 4 filters",
        "repository.count() = 301",
        "count: 10; the first five:",
        "(5 sessions)",
        # Targets and filters made through the SDK, resolved (TrafficMirror.resolve).
        "target: network-load-balancer arn:aws:elasticloadbalancing:us-east-1:123456789012"
        ":loadbalancer/net/packet-capture/",
        "target: gateway-load-balancer-endpoint vpce-",
        "target: network-interface eni-",
        "filter: 'all traffic': in 100 accept all",
        "filter: 'TLS (TCP 443) only': in 100 accept tcp to *:443",
        "filter: 'everything but SSH': in 100 reject tcp to *:22; in 200 accept all",
        "3 sessions, 1 call for their targets and 1 for their filters",
        "ec2-traffic-mirror sessions list --resolve --network-interface-id eni-",
        "aws:cloudformation:stack-name=network-mirroring",
        "each exactly once, in order: True",
        "repository.can_describe() = True",
        "denied (UnauthorizedOperation): False",
        "ResponseValidationError: session tms-",
        "(4 + 1 bad + 25 = 30 of 30)",
        "29 sessions; listing.skipped_items holds ['tms-",
    ):
        assert expected in out, expected
    (warning,) = run.error_lines
    assert warning.startswith("ec2-traffic-mirror: warning: skipped a response item: session tms-")
