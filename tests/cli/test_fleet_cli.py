"""``fleet sessions list``: every scope's sessions with their account and region, on the fake.

Run in-process against one fake server with several accounts (reached by
assuming a role, as in an organization) and regions. The items are compared
with what plain boto3 lists in each scope; failures, Ctrl-C and resuming with
the ``--starting-tokens`` the command prints are checked to the item.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, Final, Protocol, TextIO, cast

import boto3
import pytest

from ec2_traffic_mirror import FleetItem, FleetListing, TrafficMirrorSession
from ec2_traffic_mirror.cli import main
from ec2_traffic_mirror.cli._fleet import progress_text
from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server

from ._support import Run, invoke

pytestmark = pytest.mark.timing_sensitive  # a fake server and the fleet's worker threads

CALLER: Final = "123456789012"
MEMBERS: Final = ("111111111111", "222222222222")
ROLE: Final = "Audit"
REGIONS: Final = ("us-east-1", "eu-west-1")
COUNTS: Final = {
    (CALLER, "us-east-1"): 3,
    (CALLER, "eu-west-1"): 0,
    (MEMBERS[0], "us-east-1"): 7,
    (MEMBERS[0], "eu-west-1"): 2,
    (MEMBERS[1], "us-east-1"): 1,
    (MEMBERS[1], "eu-west-1"): 6,
}
EVERY_SCOPE: Final = (
    "--accounts",
    CALLER,
    *MEMBERS,
    "--role-name",
    ROLE,
    "--regions",
    *REGIONS,
)

Key = tuple[str, str, str]


@pytest.fixture(scope="module")
def fleet_server(module_aws_environment: None) -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as running:
        yield running


@pytest.fixture
def server(fleet_server: TrafficMirrorServer) -> Iterator[TrafficMirrorServer]:
    fleet_server.fake.reset()
    yield fleet_server
    fleet_server.fake.reset()


@pytest.fixture
def seeded(server: TrafficMirrorServer) -> Counter[Key]:
    expected: Counter[Key] = Counter()
    for (account, region), count in COUNTS.items():
        if count:
            ids = server.fake.seed_sessions(count, account_id=account, region=region)
            expected.update((account, region, session_id) for session_id in ids)
    return expected


def fleet_list(server: TrafficMirrorServer, *args: str, env: dict[str, str] | None = None) -> Run:
    return invoke(
        "fleet", "sessions", "list", *args, "--endpoint-url", server.endpoint_url, env=env
    )


def keys_of(items: list[dict[str, Any]]) -> Counter[Key]:
    return Counter((i["AccountId"], i["Region"], i["TrafficMirrorSessionId"]) for i in items)


def json_items(run: Run) -> list[dict[str, Any]]:
    document: dict[str, Any] = json.loads(run.stdout)
    assert list(document) == ["TrafficMirrorSessions"]
    items: list[dict[str, Any]] = document["TrafficMirrorSessions"]
    return items


def tokens_argument(run: Run) -> list[str]:
    """The words of the ``--starting-tokens`` argument the command printed on stderr."""
    line = next(line for line in run.error_lines if "--starting-tokens " in line)
    return ["--starting-tokens", *line.split("--starting-tokens ", 1)[1].split()]


# -- output ------------------------------------------------------------------------------


def test_json_is_the_aws_document_with_account_and_region_first(
    server: TrafficMirrorServer, seeded: Counter[Key]
) -> None:
    run = fleet_list(server, *EVERY_SCOPE, "--output", "json", "--page-size", "5")
    assert (run.status, run.stderr) == (0, "")
    items = json_items(run)
    assert keys_of(items) == seeded
    # Each item is what AWS answers in its own account and region, with the two members first.
    for item in items:
        assert list(item)[:3] == ["AccountId", "Region", "TrafficMirrorSessionId"]
        assert item["OwnerId"] == item["AccountId"]
    listed = boto3_items(server, MEMBERS[0], "us-east-1")
    ours = {
        item["TrafficMirrorSessionId"]: {
            k: v for k, v in item.items() if k not in {"AccountId", "Region"}
        }
        for item in items
        if (item["AccountId"], item["Region"]) == (MEMBERS[0], "us-east-1")
    }
    assert ours == {item["TrafficMirrorSessionId"]: item for item in listed}


class _Sts(Protocol):
    def assume_role(self, *, RoleArn: str, RoleSessionName: str) -> dict[str, Any]: ...  # noqa: N803


def credentials_in(server: TrafficMirrorServer, account: str) -> dict[str, str]:
    sts = cast(
        "_Sts",
        boto3.session.Session().client(  # pyright: ignore[reportUnknownMemberType]
            "sts", region_name="us-east-1", endpoint_url=server.endpoint_url
        ),
    )
    given = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{ROLE}", RoleSessionName="tests")
    credentials: dict[str, str] = given["Credentials"]
    return credentials


def boto3_items(server: TrafficMirrorServer, account: str, region: str) -> list[dict[str, Any]]:
    """What plain boto3 lists in one account and region (JSON's types: as the CLI prints)."""
    credentials = credentials_in(server, account)
    client = boto3.session.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        region_name=region,
    ).client("ec2", endpoint_url=server.endpoint_url)  # pyright: ignore[reportUnknownMemberType]
    pages = client.get_paginator("describe_traffic_mirror_sessions").paginate()
    items = [dict(item) for page in pages for item in page["TrafficMirrorSessions"]]
    loaded: list[dict[str, Any]] = json.loads(json.dumps(items))
    return loaded


def test_table_csv_ndjson_and_text_carry_account_and_region(
    server: TrafficMirrorServer, seeded: Counter[Key]
) -> None:
    table = fleet_list(server, *EVERY_SCOPE, "--output", "table")
    assert table.status == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["ACCOUNT", "REGION", "SESSION"]
    assert lines[-1] == f"({sum(COUNTS.values())} sessions)"
    rows = Counter((line.split()[0], line.split()[1], line.split()[2]) for line in lines[1:-1])
    assert rows == seeded

    as_csv = fleet_list(server, *EVERY_SCOPE, "--output", "csv")
    reader = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert list(reader[0])[:3] == ["AccountId", "Region", "TrafficMirrorSessionId"]
    assert keys_of(cast("list[dict[str, Any]]", reader)) == seeded

    ndjson = fleet_list(server, *EVERY_SCOPE, "--output", "ndjson")
    items = [json.loads(line) for line in ndjson.stdout.splitlines()]
    assert keys_of(items) == seeded
    assert all(list(item)[:2] == ["AccountId", "Region"] for item in items)

    text = fleet_list(server, *EVERY_SCOPE, "--output", "text")
    rows_of_text = [line.split("\t") for line in text.stdout.splitlines()]
    sessions = [row for row in rows_of_text if row[0] == "TRAFFICMIRRORSESSIONS"]
    assert len(sessions) == sum(COUNTS.values())

    queried = fleet_list(server, *EVERY_SCOPE, "--query", "TrafficMirrorSessions[].AccountId")
    assert Counter(json.loads(queried.stdout)) == Counter(k[0] for k in seeded.elements())


def test_targets_and_filters_of_every_scope(server: TrafficMirrorServer) -> None:
    targets: Counter[Key] = Counter()
    filters: Counter[Key] = Counter()
    for account, region in COUNTS:
        targets.update(
            (account, region, target_id)
            for target_id in server.fake.seed_targets(2, account_id=account, region=region)
        )
        filters.update(
            (account, region, filter_id)
            for filter_id in server.fake.seed_filters(1, account_id=account, region=region)
        )
    listed = invoke(
        "fleet", "targets", "list", *EVERY_SCOPE, "--output", "json",
        "--endpoint-url", server.endpoint_url,
    )  # fmt: skip
    assert (listed.status, listed.stderr) == (0, "")
    document = json.loads(listed.stdout)
    assert list(document) == ["TrafficMirrorTargets"]
    assert (
        Counter(
            (i["AccountId"], i["Region"], i["TrafficMirrorTargetId"])
            for i in document["TrafficMirrorTargets"]
        )
        == targets
    )
    table = invoke(
        "fleet", "filters", "list", *EVERY_SCOPE, "--output", "table",
        "--endpoint-url", server.endpoint_url,
    )  # fmt: skip
    assert table.status == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["ACCOUNT", "REGION", "FILTER"]
    assert Counter(tuple(line.split()[:3]) for line in lines[1:-1]) == filters


def test_tag_selection_applies_in_every_scope(server: TrafficMirrorServer) -> None:
    expected: Counter[Key] = Counter()
    for account, region in COUNTS:
        server.fake.seed_sessions(2, account_id=account, region=region, tags={"team": "blue"})
        ids = server.fake.seed_sessions(1, account_id=account, region=region, tags={"team": "red"})
        expected.update((account, region, session_id) for session_id in ids)
    run = fleet_list(server, *EVERY_SCOPE, "--tag", "team=red", "--output", "json")
    assert (run.status, run.stderr) == (0, "")
    assert keys_of(json_items(run)) == expected


# -- failures, Ctrl-C and going on ---------------------------------------------------------


def test_failed_scopes_are_summed_up_with_the_argument_that_lists_what_is_missing(
    server: TrafficMirrorServer, seeded: Counter[Key]
) -> None:
    server.fake.deny(account_id=MEMBERS[0], region="us-east-1")
    server.fake.deny("AssumeRole", account_id=MEMBERS[1])
    run = fleet_list(server, *EVERY_SCOPE, "--output", "json", "--page-size", "5")
    assert run.status == 1
    first = keys_of(json_items(run))
    lines = [re.sub(r" \(request id [^)]*\)$", "", line) for line in run.error_lines]
    assert lines[0] == "ec2-traffic-mirror: 3 of 6 scopes failed:"
    assert sorted(lines[1:4]) == sorted(
        [
            f"  {MEMBERS[0]}/us-east-1 (role Audit): AccessDeniedError: UnauthorizedOperation"
            " in DescribeTrafficMirrorSessions: You are not authorized to perform this operation.",
            f"  {MEMBERS[1]}/us-east-1 (role Audit): AccessDeniedError: AccessDenied in"
            " AssumeRole: You are not authorized to perform this operation.",
            f"  {MEMBERS[1]}/eu-west-1 (role Audit): AccessDeniedError: AccessDenied in"
            " AssumeRole: You are not authorized to perform this operation.",
        ]
    )
    argument = tokens_argument(run)
    assert len(argument) == 4
    server.fake.allow()
    server.fake.allow("AssumeRole", account_id=MEMBERS[1])
    rest = fleet_list(server, *EVERY_SCOPE, *argument, "--output", "json")
    assert (rest.status, rest.stderr) == (0, "")
    assert first + keys_of(json_items(rest)) == seeded


def test_ctrl_c_prints_what_was_listed_and_where_each_scope_goes_on(
    server: TrafficMirrorServer, seeded: Counter[Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = cast(
        "Callable[[FleetListing[TrafficMirrorSession]], FleetItem[TrafficMirrorSession]]",
        vars(FleetListing)["__next__"],
    )
    taken = 0

    def next_then_interrupt(
        self: FleetListing[TrafficMirrorSession],
    ) -> FleetItem[TrafficMirrorSession]:
        nonlocal taken
        entry = original(self)  # the listing is past this item now...
        taken += 1
        if taken == 6:
            raise KeyboardInterrupt  # ...and Ctrl-C lands before it is printed
        return entry

    monkeypatch.setattr(FleetListing, "__next__", next_then_interrupt)
    run = fleet_list(
        server, *EVERY_SCOPE, "--output", "ndjson", "--page-size", "5", "--max-in-flight", "2"
    )
    assert run.status == 130
    printed = keys_of([json.loads(line) for line in run.stdout.splitlines()])
    assert sum(printed.values()) == 5
    assert run.error_lines[-1].startswith("ec2-traffic-mirror: interrupted after 5 sessions;")
    argument = tokens_argument(run)
    monkeypatch.setattr(FleetListing, "__next__", original)
    rest = fleet_list(server, *EVERY_SCOPE, *argument, "--output", "ndjson")
    assert rest.status == 0
    assert printed + keys_of([json.loads(line) for line in rest.stdout.splitlines()]) == seeded


def test_the_progress_line_counts_scopes_and_items_on_a_terminal(
    server: TrafficMirrorServer, seeded: Counter[Key], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    import ec2_traffic_mirror.cli._fleet as fleet_cli
    from ec2_traffic_mirror.cli._output import Progress

    def at_once(stream: TextIO, *, enabled: bool, what: str) -> Progress:
        return Progress(stream, enabled=enabled, what=what, delay=0.0, interval=0.0)

    monkeypatch.setattr(fleet_cli, "Progress", at_once)
    terminal, out = Terminal(), io.StringIO()
    arguments = ["fleet", "sessions", "list", *EVERY_SCOPE, "--output", "json"]
    with contextlib.redirect_stderr(terminal), contextlib.redirect_stdout(out):
        status = main([*arguments, "--endpoint-url", server.endpoint_url])
    assert status == 0
    assert keys_of(json.loads(out.getvalue())["TrafficMirrorSessions"]) == seeded
    shown = terminal.getvalue()
    lines = shown.split("\r")[1:-1]
    assert lines
    assert all(
        re.fullmatch(r"fleet: [0-6]/6 scopes done, [0-9]+ sessions so far", x) for x in lines
    )
    assert lines[-1].endswith(f" {sum(COUNTS.values()) - 1} sessions so far") or lines[-1].endswith(
        f" {sum(COUNTS.values())} sessions so far"
    )
    assert shown.endswith("\r\x1b[K")  # the line is erased before the output ends


def test_the_command_s_defaults_and_start_token_are_the_sdk_s() -> None:
    from ec2_traffic_mirror._fleet import DEFAULT_MAX_IN_FLIGHT, DEFAULT_ROLE_SESSION_NAME
    from ec2_traffic_mirror._fleet_work import START_TOKEN
    from ec2_traffic_mirror.cli import _fleet as fleet_cli

    assert fleet_cli.DEFAULT_MAX_IN_FLIGHT == DEFAULT_MAX_IN_FLIGHT
    assert fleet_cli.DEFAULT_ROLE_SESSION_NAME == DEFAULT_ROLE_SESSION_NAME
    assert fleet_cli.START_TOKEN == START_TOKEN


def test_progress_text() -> None:
    from ec2_traffic_mirror import FleetProgress

    assert progress_text(
        FleetProgress(scopes=6, done=2, failed=0, running=2, items=40), "sessions"
    ) == ("fleet: 2/6 scopes done, 40 sessions so far")
    assert progress_text(
        FleetProgress(scopes=6, done=4, failed=1, running=1, items=41), "sessions"
    ) == ("fleet: 5/6 scopes done, 1 failed, 41 sessions so far")


# -- an organization --------------------------------------------------------------------------


class _Organizations(Protocol):
    def create_organization(self, *, FeatureSet: str) -> dict[str, Any]: ...  # noqa: N803
    def create_account(self, *, AccountName: str, Email: str) -> dict[str, Any]: ...  # noqa: N803


def test_organization_lists_the_management_account_and_every_member(
    server: TrafficMirrorServer,
) -> None:
    management = f"{secrets.randbelow(10**11) + 6 * 10**11:012d}"
    credentials = credentials_in(server, management)
    env = {
        "AWS_ACCESS_KEY_ID": credentials["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": credentials["SecretAccessKey"],
        "AWS_SESSION_TOKEN": credentials["SessionToken"],
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    organizations = cast(
        "_Organizations",
        boto3.session.Session(  # pyright: ignore[reportUnknownMemberType]
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=env["AWS_SESSION_TOKEN"],
            region_name="us-east-1",
        ).client("organizations", endpoint_url=server.endpoint_url),
    )
    organizations.create_organization(FeatureSet="ALL")
    members = [
        str(
            organizations.create_account(AccountName=f"m{n}", Email=f"m{n}@example.com")[
                "CreateAccountStatus"
            ]["AccountId"]
        )
        for n in range(2)
    ]
    expected: Counter[Key] = Counter()
    for account in [management, *members]:
        ids = server.fake.seed_sessions(2, account_id=account, region="eu-west-1")
        expected.update((account, "eu-west-1", session_id) for session_id in ids)
    run = fleet_list(
        server,
        "--organization",
        "--role-name",
        ROLE,
        "--regions",
        "eu-west-1",
        "--output",
        "json",
        env=env,
    )
    assert (run.status, run.stderr) == (0, "")
    assert keys_of(json_items(run)) == expected


# -- bad input: exit 2, before any call ------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give either --accounts ACCOUNT [...] or --organization"),
        (("--accounts", CALLER, "--organization"), "give either"),
        (("--accounts", CALLER), "--regions is needed with --accounts"),
        (("--accounts", "12345", "--regions", "us-east-1"), "--accounts takes 12-digit"),
        (("--accounts", CALLER, "--regions", "mars-1"), "--regions takes AWS region names"),
        (("--accounts", CALLER, CALLER, "--regions", "us-east-1"), "--accounts names some twice"),
        (("--accounts", CALLER, "--regions", "us-east-1", "--role-name", "a/b"), "--role-name"),
        (("--organization",), "--role-name is needed with --organization"),
        (("--accounts", CALLER, "--regions", "us-east-1", "--max-in-flight", "0"), "1 to 1024"),
        (("--accounts", CALLER, "--regions", "us-east-1", "--no-paginate"), "--no-paginate"),
        (("--accounts", CALLER, "--regions", "us-east-1", "--page-size", "3"), "--page-size"),
        (
            ("--accounts", CALLER, "--regions", "us-east-1", "--starting-tokens", "x"),
            "takes ACCOUNT/REGION=TOKEN",
        ),
        (
            (
                "--accounts",
                CALLER,
                "--regions",
                "us-east-1",
                "--starting-tokens",
                f"{MEMBERS[0]}/us-east-1=abc",
            ),
            "not among the scopes listed",
        ),
        (
            (
                "--accounts",
                CALLER,
                "--regions",
                "us-east-1",
                "--filters",
                "Name=owner-id,Values=123456789012",
                "Name=owner-id,Values=111111111111",
            ),
            "one filter name twice",
        ),
    ],
)
def test_bad_input_is_refused_before_any_call(
    server: TrafficMirrorServer, args: tuple[str, ...], message: str
) -> None:
    run = fleet_list(server, *args)
    assert run.status == 2
    assert message in run.stderr
    assert run.stdout == ""
    assert server.fake.call_count() == 0
    assert server.fake.call_count("AssumeRole") == 0


def test_fleet_help_lists_the_command() -> None:
    run = invoke("fleet", "--help")
    assert run.status == 0
    assert "sessions" in run.stdout
    assert "list" in invoke("fleet", "sessions", "--help").stdout
