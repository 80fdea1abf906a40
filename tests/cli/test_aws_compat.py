"""Side by side with the AWS CLI v1: the same arguments, the same fake server, the same stdout.

Each case runs ``aws ec2 describe-traffic-mirror-sessions ARGS`` (awscli, a
test-only dependency, in a subprocess; the runs go side by side) and
``ec2-traffic-mirror sessions list ARGS`` (in-process) against one fake
server, and compares stdout byte for byte; the same for targets
(``describe-traffic-mirror-targets`` / ``targets list``), filters
(``describe-traffic-mirror-filters`` / ``filters list``) and filter rules
(``describe-traffic-mirror-filter-rules`` / ``filters rules list``), and for
the documents the write commands print. The fake's NextTokens are random,
so each AWS token inside a NextToken (botocore's base64 JSON, or the bare
token of --no-paginate) is replaced by its order of appearance first; the rest
of the token, and everything else, must match exactly. The writes work on
resources of their own (one for ``aws``, one for this command), so there the
ids are named by their order of appearance too.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Iterator, Sequence
from typing import Any, Final

import pytest

from ec2_traffic_mirror.testing import FilterRuleSpec, TrafficMirrorFake, traffic_mirror_server

from ._support import Estate, Run, aws_all, invoke, run_aws

# The AWS CLI in subprocesses and the command, against a fake server over HTTP.
pytestmark = pytest.mark.timing_sensitive

_DESCRIPTIONS = [
    "literal star*",
    "literal star* second",
    "literal starry",
    "prod-web 1",
    "staging 1",
    "prod-db 1",
    'ünïcödé "quoted", tab\tand newline\n',
    "prod*",
]


_ANY: Final = "0.0.0.0/0"
_RULES: Final[list[FilterRuleSpec]] = [
    {
        "TrafficDirection": "ingress", "RuleNumber": 100, "RuleAction": "accept",
        "SourceCidrBlock": "10.0.0.0/8", "DestinationCidrBlock": _ANY, "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
        "Description": 'tls "in", ü',
    },
    {
        "TrafficDirection": "ingress", "RuleNumber": 200, "RuleAction": "reject",
        "SourceCidrBlock": _ANY, "DestinationCidrBlock": "192.168.0.0/16", "Protocol": 17,
        "SourcePortRange": {"FromPort": 1024, "ToPort": 65535},
    },
    {
        "TrafficDirection": "egress", "RuleNumber": 100, "RuleAction": "accept",
        "SourceCidrBlock": _ANY, "DestinationCidrBlock": _ANY, "Description": "egress all",
    },
    {
        "TrafficDirection": "egress", "RuleNumber": 300, "RuleAction": "reject",
        "SourceCidrBlock": "::/0", "DestinationCidrBlock": "2001:db8::/32", "Protocol": 58,
    },
]  # fmt: skip
_TAGS: Final = {"team": "netops", 'k,="ey': "v, a=l ü"}
NLB_ARNS: Final = [
    f"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb-{n}/{n:016x}"
    for n in range(1, 4)
]


def _seed_resources(fake: TrafficMirrorFake) -> tuple[list[str], list[str]]:
    """Targets of each type and filters with and without rules; (target ids, filter ids)."""
    targets = fake.seed_targets(
        9,
        types=["network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"],
        network_load_balancer_arns=NLB_ARNS,
        description='mirror target {index} "ü"',
        tags=_TAGS,
    )
    targets += fake.seed_targets(1, description=None)
    filters = fake.seed_filters(
        3, rules=_RULES, network_services=["amazon-dns"], description="filter {index}", tags=_TAGS
    )
    filters += fake.seed_filters(2, rules=_RULES[2:3], description="egress only {index}")
    filters += fake.seed_filters(1, description=None)  # no rules, no description
    return targets, filters


@pytest.fixture(scope="module")
def estate(module_aws_environment: None) -> Iterator[Estate]:
    with traffic_mirror_server() as server:
        targets, filters = _seed_resources(server.fake)
        for index, description in enumerate(_DESCRIPTIONS):
            server.fake.seed_sessions(
                2,
                description=description,
                packet_lengths=[(None, 100, 200)[index % 3], 200],
                tags={"team": f"t{index}", 'k,="ey': "v, a=l ü"},
                target_ids=targets,
                filter_ids=filters,
            )
        server.fake.seed_sessions(
            3, tags_per_session=2, packet_lengths=[100], target_ids=targets, filter_ids=filters
        )
        client = server.client()
        items: list[dict[str, Any]] = []
        for page in client.get_paginator("describe_traffic_mirror_sessions").paginate():
            items.extend(dict(item) for item in page["TrafficMirrorSessions"])
        yield Estate(server, items)


_TOKEN = re.compile(r'(?m)("NextToken": "|NEXTTOKEN\t|^)([A-Za-z0-9+/=_-]{32,})')


def _normalised(text: str) -> str:
    """``text`` with each AWS token (inside botocore's token, or bare) named by its order."""
    names: dict[str, str] = {}

    def name(aws_token: str) -> str:
        return names.setdefault(aws_token, f"aws-token-{len(names)}")

    def replace(match: re.Match[str]) -> str:
        token = match.group(2)
        try:
            decoded = json.loads(base64.b64decode(token))
        except ValueError:
            return match.group(1) + name(token)
        decoded["NextToken"] = name(decoded["NextToken"])
        return match.group(1) + base64.b64encode(json.dumps(decoded).encode()).decode()

    return _TOKEN.sub(replace, text)


def _ours(estate: Estate, args: tuple[str, ...]) -> Run:
    return invoke("sessions", "list", *args, "--endpoint-url", estate.server.endpoint_url)


CASES: dict[str, tuple[str, ...]] = {
    "escaped star": ("--filters", "Name=description,Values=literal star\\**"),
    "trailing spaces": ("--filters", "Name=description,Values=prod*  "),
    "space after a value's comma": ("--filters", "Name=description,Values=prod-web 1, staging 1"),
    "space after the comma": ("--filters", "Name=description, Values=prod*"),
    "bracket list": ("--filters", "Name=packet-length,Values=[100,200]"),
    "quoted values": ("--filters", "Name=description,Values='prod-web 1',\"prod-db 1\""),
    "one name twice in one --filters": (
        "--filters", "Name=description,Values=prod*", "Name=description,Values=*1",
    ),
    "--filters twice": (
        "--filters", "Name=packet-length,Values=100", "--filters", "Name=packet-length,Values=200",
    ),
    "json filters": (
        "--filters", '[{"Name": "description", "Values": ["literal star\\\\*"]},'
        ' {"Name": "packet-length", "Values": ["100", "200"]}]',
    ),
    "everything, key order and escaping": (),
    "pages and max items": ("--page-size", "5", "--max-items", "7"),
    "max items at a page's end": ("--page-size", "5", "--max-items", "10"),
    "text": ("--output", "text", "--page-size", "5"),
    "text with max items": ("--output", "text", "--page-size", "5", "--max-items", "7"),
    "query": (
        "--query", "TrafficMirrorSessions[?PacketLength==`100`].[TrafficMirrorSessionId, Tags]",
    ),
    "query text per page": (
        "--output", "text", "--page-size", "5", "--query", "TrafficMirrorSessions[].SessionNumber",
    ),
    "query on a cut listing": (
        "--max-items", "3", "--query", "{token: NextToken, n: length(TrafficMirrorSessions)}",
    ),
    "no paginate": ("--no-paginate", "--max-results", "5"),
    "no paginate text": ("--no-paginate", "--max-results", "5", "--output", "text"),
    "max results alone": ("--max-results", "6", "--query", "TrafficMirrorSessions[].Description"),
}  # fmt: skip


def test_list_prints_what_aws_prints(estate: Estate) -> None:
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    ids = estate.ids
    cases = dict(CASES)
    cases["session ids"] = ("--traffic-mirror-session-ids", ids[3], ids[0])
    cases["session ids and a filter"] = (
        "--traffic-mirror-session-ids", ids[3], ids[0], ids[1],
        "--filters", "Name=packet-length,Values=100",
    )  # fmt: skip
    theirs = aws_all([
        ("ec2", "describe-traffic-mirror-sessions", *args, *endpoint) for args in cases.values()
    ])  # fmt: skip
    differences: list[str] = []
    for (name, args), aws in zip(cases.items(), theirs, strict=True):
        assert aws.status == 0, (name, aws.stderr)
        ours = _ours(estate, args)
        assert ours.status == 0, (name, ours.stderr)
        if _normalised(ours.stdout) != _normalised(aws.stdout):
            differences.append(f"{name}:\n--- aws\n{aws.stdout}\n--- ours\n{ours.stdout}")
    assert differences == []


def test_the_cases_are_not_vacuous(estate: Estate) -> None:
    """Each filter case selects some sessions but not all, so agreement means something."""
    counts: dict[str, int] = {}
    for name, args in CASES.items():
        if "--filters" in args:
            document = json.loads(_ours(estate, args).stdout)
            counts[name] = len(document["TrafficMirrorSessions"])
    assert all(0 < count < len(estate.items) for count in counts.values()), counts
    # The escaped star matches the literal star only, not "literal starry".
    assert counts["escaped star"] == 4
    # prod* AND *1: "prod-web 1" and "prod-db 1" (two sessions each); OR would add
    # "prod*" and "staging 1".
    assert counts["one name twice in one --filters"] == 4
    assert counts["--filters twice"] == len(
        [item for item in estate.items if item.get("PacketLength") == 200]
    )


def test_resuming_from_a_token_prints_what_aws_prints(estate: Estate) -> None:
    first = json.loads(_ours(estate, ("--page-size", "5", "--max-items", "7")).stdout)
    token = first["NextToken"]
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    # Here the installed `aws` command itself, as a user runs it.
    aws = run_aws(
        "ec2", "describe-traffic-mirror-sessions", "--page-size", "5", "--starting-token", token,
        *endpoint,
    )  # fmt: skip
    ours = _ours(estate, ("--page-size", "5", "--starting-token", token))
    assert (ours.status, aws.status) == (0, 0)
    assert ours.stdout == aws.stdout
    listed = [
        item["TrafficMirrorSessionId"] for item in json.loads(ours.stdout)["TrafficMirrorSessions"]
    ]
    assert listed == estate.ids[7:]


def test_get_and_modify_print_what_aws_prints(estate: Estate) -> None:
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    ids = estate.ids
    target = ids[-1]
    get_aws, modify_aws = aws_all([
        ("ec2", "describe-traffic-mirror-sessions", "--traffic-mirror-session-ids", ids[2],
         ids[5], *endpoint),
        ("ec2", "modify-traffic-mirror-session", "--traffic-mirror-session-id", target,
         "--session-number", "7", "--description", "modified ü", *endpoint),
    ])  # fmt: skip
    get_ours = invoke("sessions", "get", ids[2], ids[5], *endpoint)
    modify_ours = invoke(
        "sessions", "modify", target, "--session-number", "7", "--description", "modified ü",
        *endpoint,
    )  # fmt: skip
    assert get_ours.stdout == get_aws.stdout
    assert modify_aws.status == 0, modify_aws.stderr
    assert modify_ours.stdout == modify_aws.stdout
    assert '"SessionNumber": 7' in modify_ours.stdout


# -- targets, filters and filter rules ------------------------------------------------------


def _listed(estate: Estate, describe: str, result_key: str, **extra: str) -> list[dict[str, Any]]:
    """Every item of a Describe call, as plain boto3 lists it."""
    client = estate.server.client()
    answer: dict[str, Any] = getattr(client, describe)(**extra)
    return list(answer[result_key])


def _differences(
    estate: Estate, cases: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
) -> list[str]:
    """Run each case's (aws command, our command) on the server; the cases whose stdout differ."""
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    theirs = aws_all([("ec2", *aws, *endpoint) for aws, _ in cases.values()])
    differences: list[str] = []
    for (name, (_, ours_args)), aws in zip(cases.items(), theirs, strict=True):
        assert aws.status == 0, (name, aws.stderr)
        ours = invoke(*ours_args, *endpoint)
        assert ours.status == 0, (name, ours.stderr)
        if _normalised(ours.stdout) != _normalised(aws.stdout):
            differences.append(f"{name}:\n--- aws\n{aws.stdout}\n--- ours\n{ours.stdout}")
    return differences


def _listing_cases(
    aws: str, ours: Sequence[str], cases: dict[str, tuple[str, ...]]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {name: ((aws, *args), (*ours, *args)) for name, args in cases.items()}


def test_targets_list_prints_what_aws_prints(estate: Estate) -> None:
    items = _listed(estate, "describe_traffic_mirror_targets", "TrafficMirrorTargets")
    ids = [item["TrafficMirrorTargetId"] for item in items]
    eni = next(item["NetworkInterfaceId"] for item in items if "NetworkInterfaceId" in item)
    cases = _listing_cases("describe-traffic-mirror-targets", ("targets", "list"), {
        "everything": (),
        "description": ("--filters", 'Name=description,Values=mirror target 1*'),
        "load balancer": ("--filters", f"Name=network-load-balancer-arn,Values={NLB_ARNS[1]}"),
        "owner and interface": (
            "--filters", "Name=owner-id,Values=123456789012",
            f"Name=network-interface-id,Values={eni}",
        ),
        "target id filter": (
            "--filters", f"Name=traffic-mirror-target-id,Values={ids[2]},{ids[4]}",
        ),
        "ids": ("--traffic-mirror-target-ids", ids[3], ids[0]),
        "pages and max items": ("--page-size", "5", "--max-items", "7"),
        "text": ("--output", "text", "--page-size", "5"),
        "query": (
            "--query",
            "TrafficMirrorTargets[?Type=='network-load-balancer'].[TrafficMirrorTargetId, Tags]",
        ),
        "no paginate": ("--no-paginate", "--max-results", "5"),
    })  # fmt: skip
    cases["get"] = (
        ("describe-traffic-mirror-targets", "--traffic-mirror-target-ids", ids[1], ids[5]),
        ("targets", "get", ids[1], ids[5]),
    )
    assert _differences(estate, cases) == []


def test_filters_list_prints_what_aws_prints(estate: Estate) -> None:
    items = _listed(estate, "describe_traffic_mirror_filters", "TrafficMirrorFilters")
    ids = [item["TrafficMirrorFilterId"] for item in items]
    cases = _listing_cases("describe-traffic-mirror-filters", ("filters", "list"), {
        "everything": (),
        "description": ("--filters", "Name=description,Values=egress only*"),
        "filter id filter": (
            "--filters", f"Name=traffic-mirror-filter-id,Values={ids[0]},{ids[5]}",
        ),
        "ids": ("--traffic-mirror-filter-ids", ids[4], ids[1]),
        "pages and max items": ("--page-size", "5", "--max-items", "3"),
        "text": ("--output", "text"),
        "query": ("--query", "TrafficMirrorFilters[].IngressFilterRules[].RuleNumber"),
        "no paginate text": ("--no-paginate", "--max-results", "5", "--output", "text"),
    })  # fmt: skip
    cases["get"] = (
        ("describe-traffic-mirror-filters", "--traffic-mirror-filter-ids", ids[0], ids[5]),
        ("filters", "get", ids[0], ids[5]),
    )
    assert _differences(estate, cases) == []


def test_filter_rules_list_prints_what_aws_prints(estate: Estate) -> None:
    filters = _listed(estate, "describe_traffic_mirror_filters", "TrafficMirrorFilters")
    rules = _listed(estate, "describe_traffic_mirror_filter_rules", "TrafficMirrorFilterRules")
    rule_ids = [rule["TrafficMirrorFilterRuleId"] for rule in rules]
    first = filters[0]["TrafficMirrorFilterId"]
    cases = _listing_cases("describe-traffic-mirror-filter-rules", ("filters", "rules", "list"), {
        "everything": (),
        "one filter": ("--traffic-mirror-filter-id", first),
        "rule ids": ("--traffic-mirror-filter-rule-ids", rule_ids[5], rule_ids[0]),
        "protocols and direction": (
            "--filters", "Name=protocol,Values=6,17", "Name=traffic-direction,Values=ingress",
        ),
        "number and action": (
            "--filters", "Name=rule-number,Values=100 , 300", "Name=rule-action,Values=reject",
        ),
        "cidr blocks": (
            "--filters", "Name=source-cidr-block,Values=10.0.0.0/8,::/0",
            "Name=destination-cidr-block,Values=0.0.0.0/0,2001:db8::/32",
        ),
        "description": ("--filters", "Name=description,Values=egress*,tls*"),
        "one filter by filter": ("--filters", f"Name=traffic-mirror-filter-id,Values={first}"),
        "one call": ("--max-results", "5"),
        "text": ("--output", "text"),
        "query": (
            "--query",
            "TrafficMirrorFilterRules[?Protocol==`6`].[TrafficMirrorFilterRuleId, SourcePortRange]",
        ),
    })  # fmt: skip
    assert _differences(estate, cases) == []
    # Not vacuous: each filter case picks some rules, not all.
    for name in ("protocols and direction", "number and action", "cidr blocks", "description"):
        args = cases[name][1]
        listed = json.loads(invoke(*args, "--endpoint-url", estate.server.endpoint_url).stdout)
        assert 0 < len(listed["TrafficMirrorFilterRules"]) < len(rules), name


_ID: Final = re.compile(r"\b(tmfr|tmf|tmt|tms|eni|vpce)-[0-9a-f]{8,}\b")


def _ids_named(text: str) -> str:
    """``text`` with each resource id named by its prefix and order of appearance."""
    names: dict[str, str] = {}

    def name(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), f"{match.group(1)}-<{len(names)}>")

    return _ID.sub(name, text)


def test_write_commands_print_what_aws_prints(estate: Estate) -> None:
    """The create and modify documents, each command on a resource of its own."""
    fake = estate.server.fake
    # The server outlives the test (a module's): tokens of this run only, so a
    # second run (the flake hunt repeats tests) is not a retry of the first.
    run = secrets.token_hex(4)
    eni_aws, eni_ours = fake.seed_network_interfaces(2)
    filter_aws, filter_ours = fake.seed_filters(2, rules=_RULES[:1], description="for writes")
    rule_aws, rule_ours = (
        _listed(
            estate, "describe_traffic_mirror_filter_rules", "TrafficMirrorFilterRules",
            TrafficMirrorFilterId=filter_id,
        )[0]["TrafficMirrorFilterRuleId"]
        for filter_id in (filter_aws, filter_ours)
    )  # fmt: skip
    tags = ("--tag-specifications", "ResourceType={},Tags=[{{Key=team,Value=net ü}}]")
    rule = (
        "--traffic-direction", "ingress", "--rule-number", "10", "--rule-action", "accept",
        "--protocol", "6", "--destination-port-range", "FromPort=80,ToPort=8080",
        "--source-cidr-block", "10.0.0.0/8", "--destination-cidr-block", "0.0.0.0/0",
        "--description", 'web "ü"',
    )  # fmt: skip
    change = (
        "--rule-action", "reject", "--source-port-range", "FromPort=1,ToPort=2",
        "--remove-fields", "destination-port-range", "description",
    )  # fmt: skip
    target_tags = (tags[0], tags[1].format("traffic-mirror-target"))
    filter_tags = (tags[0], tags[1].format("traffic-mirror-filter"))
    cases: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "create target": (
            ("create-traffic-mirror-target", "--network-interface-id", eni_aws,
             "--description", "dest ü", *target_tags, "--client-token", f"aws-target-{run}"),
            ("targets", "create", "--network-interface-id", eni_ours,
             "--description", "dest ü", *target_tags, "--client-token", f"our-target-{run}"),
        ),
        "create filter": (
            ("create-traffic-mirror-filter", "--description", 'f "q"', *filter_tags,
             "--client-token", f"aws-filter-{run}"),
            ("filters", "create", "--description", 'f "q"', *filter_tags,
             "--client-token", f"our-filter-{run}"),
        ),
        "create rule": (
            ("create-traffic-mirror-filter-rule", "--traffic-mirror-filter-id", filter_aws, *rule,
             "--client-token", f"aws-rule-{run}"),
            ("filters", "rules", "create", "--traffic-mirror-filter-id", filter_ours, *rule,
             "--client-token", f"our-rule-{run}"),
        ),
        "modify rule": (
            ("modify-traffic-mirror-filter-rule", "--traffic-mirror-filter-rule-id", rule_aws,
             *change),
            ("filters", "rules", "modify", rule_ours, *change),
        ),
        "add a network service": (
            ("modify-traffic-mirror-filter-network-services", "--traffic-mirror-filter-id",
             filter_aws, "--add-network-services", "amazon-dns", "--output", "text"),
            ("filters", "services", "add", filter_ours, "amazon-dns", "--output", "text"),
        ),
    }  # fmt: skip
    endpoint = ("--endpoint-url", estate.server.endpoint_url)
    # Each side makes its own resources (a client token of its own: the same token with
    # other parameters is IdempotentParameterMismatch), so ids and tokens are named.
    theirs = aws_all([("ec2", *aws, *endpoint) for aws, _ in cases.values()])
    differences: list[str] = []
    outputs: dict[str, str] = {}
    for (name, (_, ours_args)), aws in zip(cases.items(), theirs, strict=True):
        ours = invoke(*ours_args, *endpoint)
        assert (aws.status, ours.status) == (0, 0), (name, aws.stderr, ours.stderr)
        ours_text = ours.stdout.replace('"our-', '"aws-')
        if _ids_named(ours_text) != _ids_named(aws.stdout):
            differences.append(f"{name}:\n--- aws\n{aws.stdout}\n--- ours\n{ours.stdout}")
        outputs[name] = ours.stdout
    assert differences == []
    # What was compared holds what was asked for.
    created = json.loads(outputs["create rule"])
    assert created["ClientToken"] == f"our-rule-{run}"
    assert created["TrafficMirrorFilterRule"]["DestinationPortRange"] == {
        "FromPort": 80,
        "ToPort": 8080,
    }
    modified = json.loads(outputs["modify rule"])["TrafficMirrorFilterRule"]
    assert modified["RuleAction"] == "reject"
    assert modified["SourcePortRange"] == {"FromPort": 1, "ToPort": 2}
    assert not {"DestinationPortRange", "Description"} & set(modified)
    assert json.loads(outputs["create target"])["TrafficMirrorTarget"]["Tags"] == [
        {"Key": "team", "Value": "net ü"}
    ]
    assert "amazon-dns" in outputs["add a network service"]
