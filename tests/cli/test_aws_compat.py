"""Side by side with the AWS CLI v1: the same arguments, the same fake server, the same stdout.

Each case runs ``aws ec2 describe-traffic-mirror-sessions ARGS`` (awscli, a
test-only dependency, in a subprocess; the runs go side by side) and
``ec2-traffic-mirror sessions list ARGS`` (in-process) against one fake
server, and compares stdout byte for byte. The fake's NextTokens are random,
so each AWS token inside a NextToken (botocore's base64 JSON, or the bare
token of --no-paginate) is replaced by its order of appearance first; the rest
of the token, and everything else, must match exactly.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from ec2_traffic_mirror.testing import traffic_mirror_server

from ._support import Estate, Run, aws_all, invoke, run_aws

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


@pytest.fixture(scope="module")
def estate(module_aws_environment: None) -> Iterator[Estate]:
    with traffic_mirror_server() as server:
        for index, description in enumerate(_DESCRIPTIONS):
            server.fake.seed_sessions(
                2,
                description=description,
                packet_lengths=[(None, 100, 200)[index % 3], 200],
                tags={"team": f"t{index}", 'k,="ey': "v, a=l ü"},
            )
        server.fake.seed_sessions(3, tags_per_session=2, packet_lengths=[100])
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
