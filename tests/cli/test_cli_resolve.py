"""``sessions list --resolve``, in-process against the fake over HTTP.

Each session's document gains its ``TrafficMirrorTarget`` and
``TrafficMirrorFilter`` (as ``targets get`` and ``filters get`` print them),
or a ``TrafficMirrorTargetError`` / ``TrafficMirrorFilterError`` when they
could not be had; the table and csv show them in brief. Resolving costs two
calls per page of sessions, and a failure to resolve a page stops the
listing with the token that goes on from that page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final, cast

import pytest

from ec2_traffic_mirror.cli._resources import SESSIONS
from ec2_traffic_mirror.testing import FilterRuleSpec, TrafficMirrorServer, traffic_mirror_server
from ec2_traffic_mirror.testing._moto import Failure, Reply, Request, Result

from ._support import Run, invoke

# Against a fake server over HTTP (its threads answer).
pytestmark = pytest.mark.timing_sensitive

SESSION_COUNT: Final = 12
NLB_ARN: Final = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/capture/50dc6c495c0c9188"
)
RULES: Final[list[FilterRuleSpec]] = [
    {
        "TrafficDirection": "ingress", "RuleNumber": 100, "RuleAction": "accept",
        "SourceCidrBlock": "0.0.0.0/0", "DestinationCidrBlock": "0.0.0.0/0", "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
    },
    {
        "TrafficDirection": "egress", "RuleNumber": 100, "RuleAction": "reject",
        "SourceCidrBlock": "0.0.0.0/0", "DestinationCidrBlock": "0.0.0.0/0",
    },
]  # fmt: skip
DESCRIBE_TARGETS: Final = "DescribeTrafficMirrorTargets"
DESCRIBE_FILTERS: Final = "DescribeTrafficMirrorFilters"


@dataclass(frozen=True)
class Estate:
    server: TrafficMirrorServer
    targets: list[str]
    filters: list[str]
    sessions: list[str]


@pytest.fixture(scope="module")
def module_estate(module_aws_environment: None) -> Iterator[Estate]:
    """Twelve sessions over three targets (one of each type) and two filters."""
    with traffic_mirror_server() as server:
        fake = server.fake
        targets = fake.seed_targets(
            3,
            types=["network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"],
            network_load_balancer_arns=[NLB_ARN],
        )
        filters = fake.seed_filters(1, rules=RULES, network_services=["amazon-dns"])
        filters += fake.seed_filters(1, description="no rules")
        sessions = fake.seed_sessions(SESSION_COUNT, target_ids=targets, filter_ids=filters)
        yield Estate(server, targets, filters, sessions)


@pytest.fixture
def estate(module_estate: Estate) -> Iterator[Estate]:
    module_estate.server.fake.reset_faults()
    yield module_estate
    module_estate.server.fake.reset_faults()


def _run(estate: Estate, *args: str) -> Run:
    return invoke("sessions", "list", *args, "--endpoint-url", estate.server.endpoint_url)


def _ok(run: Run) -> str:
    assert run.status == 0, (run.status, run.stdout, run.stderr)
    assert run.stderr == ""
    return run.stdout


def _items(run: Run) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(_ok(run))["TrafficMirrorSessions"]
    return items


def _by_id(estate: Estate, group: str, member: str, ids: list[str]) -> dict[str, Any]:
    """What ``GROUP get`` prints for these ids, by id."""
    run = invoke(group, "get", *ids, "--endpoint-url", estate.server.endpoint_url)
    document: dict[str, list[dict[str, Any]]] = json.loads(_ok(run))
    return {item[member]: item for item in next(iter(document.values()))}


def test_each_session_gains_its_target_and_filter(estate: Estate) -> None:
    plain = _items(_run(estate))
    resolved = _items(_run(estate, "--resolve"))
    targets = _by_id(estate, "targets", "TrafficMirrorTargetId", estate.targets)
    filters = _by_id(estate, "filters", "TrafficMirrorFilterId", estate.filters)
    assert len(resolved) == SESSION_COUNT
    for session, item in zip(plain, resolved, strict=True):
        # The session's document as `sessions list` prints it, then the two documents.
        assert list(item) == [*session, "TrafficMirrorTarget", "TrafficMirrorFilter"]
        assert {key: item[key] for key in session} == session
        assert item["TrafficMirrorTarget"] == targets[session["TrafficMirrorTargetId"]]
        assert item["TrafficMirrorFilter"] == filters[session["TrafficMirrorFilterId"]]
        # Keys in botocore's order, as `targets get` prints them.
        assert list(item["TrafficMirrorTarget"]) == list(targets[session["TrafficMirrorTargetId"]])
    types = {item["TrafficMirrorTarget"]["Type"] for item in resolved}
    assert types == {"network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"}
    ndjson = [json.loads(line) for line in _ok(_run(estate, "--resolve", "--output", "ndjson"))
              .splitlines()]  # fmt: skip
    assert ndjson == resolved
    query = _run(estate, "--resolve", "--query", "TrafficMirrorSessions[].TrafficMirrorTarget.Type")
    assert json.loads(_ok(query)) == [item["TrafficMirrorTarget"]["Type"] for item in resolved]
    text = _ok(_run(estate, "--resolve", "--output", "text"))
    assert sum(line.startswith("TRAFFICMIRRORTARGET\t") for line in text.splitlines()) == (
        SESSION_COUNT
    )


def test_table_and_csv_show_them_in_brief(estate: Estate) -> None:
    table = _ok(_run(estate, "--resolve", "--output", "table")).splitlines()
    assert table[0].split() == [
        "SESSION", "INTERFACE", "NUMBER", "TARGET", "TYPE", "DESTINATION", "FILTER", "RULES",
        "SERVICES",
    ]  # fmt: skip
    assert table[-1] == f"({SESSION_COUNT} sessions)"
    with_rules = [row for row in table if estate.filters[0] in row]
    assert with_rules
    assert all(
        "in 100 accept tcp to *:443; out 100 reject all" in row and row.endswith("amazon-dns")
        for row in with_rules
    )
    assert all("(no rules)" in row for row in table if estate.filters[1] in row)
    assert any(NLB_ARN in row and "network-load-balancer" in row for row in table)
    rows = list(csv.reader(io.StringIO(_ok(_run(estate, "--resolve", "--output", "csv")))))
    header = rows[0]
    assert header == [
        *SESSIONS.layout.csv_columns, "TargetType", "TargetDestination", "FilterRules",
        "FilterNetworkServices",
    ]  # fmt: skip
    cells = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert {
        cell["TargetDestination"] for cell in cells if cell["TargetType"] == "network-load-balancer"
    } == {NLB_ARN}


def test_two_calls_per_page_of_sessions(estate: Estate) -> None:
    fake = estate.server.fake
    before = [fake.call_count(op) for op in (DESCRIBE_TARGETS, DESCRIBE_FILTERS)]
    items = _items(_run(estate, "--resolve", "--page-size", "5"))
    assert len(items) == SESSION_COUNT
    # Three pages of sessions (5, 5, 2): one call for their targets and one for their filters each.
    assert [fake.call_count(op) for op in (DESCRIBE_TARGETS, DESCRIBE_FILTERS)] == [
        before[0] + 3,
        before[1] + 3,
    ]


def _spy(
    estate: Estate,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Request, Reply | None], Reply | None],
) -> None:
    answer = estate.server.fake.handle

    def spy(request: Request) -> Reply | None:
        return change(request, answer(request))

    monkeypatch.setattr(estate.server.fake, "handle", spy)


def test_a_target_gone_and_a_filter_broken_are_said_on_their_sessions(
    estate: Estate, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = estate.targets[1]

    def without_gone(request: Request, reply: Reply | None) -> Reply | None:
        # As if the target were deleted between the sessions' page and the targets' call.
        if request.operation != DESCRIBE_TARGETS or not isinstance(reply, Result):
            return reply
        items = cast("list[dict[str, Any]]", reply.body["TrafficMirrorTargets"])
        kept = [item for item in items if item["TrafficMirrorTargetId"] != gone]
        return Result({**reply.body, "TrafficMirrorTargets": kept})

    _spy(estate, monkeypatch, without_gone)
    estate.server.fake.serve_invalid_item(estate.filters[1], NetworkServices=["amazon-dns"] * 2)
    items = _items(_run(estate, "--resolve"))
    for item in items:
        if item["TrafficMirrorTargetId"] == gone:
            assert "TrafficMirrorTarget" not in item
            error = item["TrafficMirrorTargetError"]
            assert error["Code"] == "InvalidTrafficMirrorTargetId.NotFound"
            assert gone in error["Message"]
        else:
            assert "TrafficMirrorTargetError" not in item
        if item["TrafficMirrorFilterId"] == estate.filters[1]:
            assert item["TrafficMirrorFilterError"]["Code"] == "ResponseValidationError"
            assert "TrafficMirrorFilter" not in item
    assert {
        item["TrafficMirrorTargetId"] for item in items if "TrafficMirrorTargetError" in item
    } == {gone}
    table = _ok(_run(estate, "--resolve", "--output", "table"))
    assert any(gone in row and "(not found)" in row for row in table.splitlines())
    assert any("(ResponseValidationError)" in row for row in table.splitlines())


def test_a_page_that_cannot_be_resolved_stops_with_the_token_of_that_page(
    estate: Estate, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {"targets calls": 0}

    def second_denied(request: Request, reply: Reply | None) -> Reply | None:
        if request.operation == DESCRIBE_TARGETS:
            seen["targets calls"] += 1
            if seen["targets calls"] == 2:
                return Failure(403, "UnauthorizedOperation", "You are not authorized.")
        return reply

    everything = [item["TrafficMirrorSessionId"] for item in _items(_run(estate))]
    _spy(estate, monkeypatch, second_denied)
    run = _run(estate, "--resolve", "--page-size", "5", "--output", "ndjson")
    assert run.status == 1
    printed = [json.loads(line)["TrafficMirrorSessionId"] for line in run.stdout.splitlines()]
    assert printed == everything[:5]
    (line,) = run.error_lines
    assert line.startswith(
        "ec2-traffic-mirror: error: UnauthorizedOperation in DescribeTrafficMirrorTargets"
    )
    assert "; after 5 sessions: to go on, run the same command with --starting-token " in line
    token = line.rsplit(" ", 1)[1]
    rest = _items(_run(estate, "--resolve", "--page-size", "5", "--starting-token", token))
    assert [item["TrafficMirrorSessionId"] for item in rest] == everything[5:]
    assert all("TrafficMirrorTarget" in item for item in rest)


def test_max_items_and_starting_token_resolve_too(estate: Estate) -> None:
    first = json.loads(_ok(_run(estate, "--resolve", "--page-size", "5", "--max-items", "7")))
    rest = json.loads(
        _ok(_run(estate, "--resolve", "--page-size", "5", "--starting-token", first["NextToken"]))
    )
    items = first["TrafficMirrorSessions"] + rest["TrafficMirrorSessions"]
    assert [item["TrafficMirrorSessionId"] for item in items] == estate.sessions
    assert all("TrafficMirrorFilter" in item for item in items)
