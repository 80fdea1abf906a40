"""``--tag KEY=VALUE`` and ``--tag-key KEY`` on every ``list`` command: client-side selection.

Against the fake over HTTP, in-process: only the selected items are printed,
``--max-items`` counts them, the NextToken (json) or the token on stderr
(ndjson, after an error) resumes exactly, ``--no-paginate`` is one AWS page,
and bad input is exit 2 before any call. Every ``list`` command has the flags,
marked client-side in ``--help``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import click
import pytest

from ec2_traffic_mirror.cli._app import cli
from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server
from ec2_traffic_mirror.testing._moto import Reply, Request

from ._support import Run, invoke

# Against a fake server over HTTP (its threads answer).
pytestmark = pytest.mark.timing_sensitive

Item = dict[str, Any]
STACK: Final = {"aws:cloudformation:stack-name": "mirror-stack"}
OPERATION: Final = "DescribeTrafficMirrorSessions"
OWNER: Final = "123456789012"


@dataclass(frozen=True)
class Tagged:
    """A fake server with sessions of varied tags, and every session as boto3 gives it."""

    endpoint_url: str
    server: TrafficMirrorServer
    items: list[Item]

    def run(self, *args: str) -> Run:
        return invoke(*args, "--endpoint-url", self.endpoint_url)

    def ids(
        self, *, tags: dict[str, tuple[str, ...]] | None = None, keys: tuple[str, ...] = ()
    ) -> list[str]:
        """The ids the selection picks, worked out here from the items."""
        picked: list[str] = []
        for item in self.items:
            have = {tag["Key"]: tag["Value"] for tag in item.get("Tags", [])}
            if all(have.get(key) in values for key, values in (tags or {}).items()) and (
                not keys or any(key in have for key in keys)
            ):
                picked.append(item["TrafficMirrorSessionId"])
        return picked


@pytest.fixture(scope="module")
def tagged() -> Iterator[Tagged]:
    with traffic_mirror_server() as server:
        fake = server.fake
        fake.seed_sessions(8, tags={"team": "a", "env": "prod"})
        fake.seed_sessions(8, tags={"team": "b"})
        fake.seed_sessions(8, tags={"team": "a"})
        fake.seed_sessions(6)
        fake.seed_sessions(3, tags={"team": ""}, system_tags=STACK)
        client = server.client()
        items: list[Item] = []
        for page in client.get_paginator("describe_traffic_mirror_sessions").paginate():
            items.extend(dict(item) for item in page["TrafficMirrorSessions"])
        yield Tagged(server.endpoint_url, server, items)


@pytest.fixture
def fresh(tagged: Tagged) -> Iterator[Tagged]:
    tagged.server.fake.reset_faults()
    yield tagged
    tagged.server.fake.reset_faults()


def _document(run: Run) -> dict[str, Any]:
    assert run.status == 0, run.stderr
    document: dict[str, Any] = json.loads(run.stdout)
    return document


def _ids(run: Run) -> list[str]:
    return [item["TrafficMirrorSessionId"] for item in _document(run)["TrafficMirrorSessions"]]


def test_tag_selects_and_values_of_one_key_or_different_keys_and(tagged: Tagged) -> None:
    run = tagged.run("sessions", "list", "--tag", "team=a")
    assert run.stderr == ""
    assert _ids(run) == tagged.ids(tags={"team": ("a",)})
    assert len(_ids(run)) == 16
    both = tagged.run("sessions", "list", "--tag", "team=a", "--tag", "team=b")
    assert _ids(both) == tagged.ids(tags={"team": ("a", "b")})
    prod = tagged.run("sessions", "list", "--tag", "team=b", "--tag", "env=prod", "--tag", "team=a")
    assert _ids(prod) == tagged.ids(tags={"team": ("a", "b"), "env": ("prod",)})
    assert len(_ids(prod)) == 8
    # An empty value is a value; aws: keys are read like any other.
    empty = tagged.run("sessions", "list", "--tag", "team=")
    assert _ids(empty) == tagged.ids(tags={"team": ("",)})
    assert len(_ids(empty)) == 3
    stack = tagged.run("sessions", "list", "--tag", "aws:cloudformation:stack-name=mirror-stack")
    assert _ids(stack) == _ids(empty)
    # A value may hold "=": the key ends at the first one.
    assert _ids(tagged.run("sessions", "list", "--tag", "team=a=b")) == []


def test_tag_key_selects_any_of_the_keys_and_ands_with_tag_and_filters(tagged: Tagged) -> None:
    env = tagged.run("sessions", "list", "--tag-key", "env")
    assert _ids(env) == tagged.ids(keys=("env",))
    either = tagged.run(
        "sessions", "list", "--tag-key", "env", "--tag-key", "aws:cloudformation:stack-name"
    )
    assert _ids(either) == tagged.ids(keys=("env", "aws:cloudformation:stack-name"))
    assert len(_ids(either)) == 11
    anded = tagged.run("sessions", "list", "--tag-key", "team", "--tag", "team=b")
    assert _ids(anded) == tagged.ids(tags={"team": ("b",)})
    team_a = tagged.ids(tags={"team": ("a",)})
    team_b = tagged.ids(tags={"team": ("b",)})
    filtered = tagged.run(
        "sessions", "list", "--tag", "team=a",
        "--traffic-mirror-session-id", team_a[3],
        "--traffic-mirror-session-id", team_b[0],
    )  # fmt: skip
    first = team_a[3]
    assert _ids(filtered) == [first]


def test_max_items_counts_selected_sessions_and_next_token_resumes_exactly(tagged: Tagged) -> None:
    expected = tagged.ids(tags={"team": ("b",)})
    got: list[str] = []
    token: str | None = None
    rounds = 0
    while True:
        args = ["sessions", "list", "--tag", "team=b", "--page-size", "5", "--max-items", "3"]
        if token is not None:
            args += ["--starting-token", token]
        document = _document(tagged.run(*args))
        page = [item["TrafficMirrorSessionId"] for item in document["TrafficMirrorSessions"]]
        assert len(page) <= 3
        got += page
        rounds += 1
        token = document.get("NextToken")
        if token is None:
            break
    assert got == expected
    assert rounds == 3


def test_ndjson_gives_the_token_on_stderr_and_it_resumes(tagged: Tagged) -> None:
    run = tagged.run(
        "sessions", "list", "--tag", "team=a", "--max-items", "10", "--output", "ndjson"
    )
    assert run.status == 0, run.stderr
    listed = [json.loads(line)["TrafficMirrorSessionId"] for line in run.stdout.splitlines()]
    prefix = "ec2-traffic-mirror: more sessions: go on with --starting-token "
    (line,) = run.error_lines
    assert line.startswith(prefix)
    rest = tagged.run(
        "sessions", "list", "--tag", "team=a", "--starting-token", line.removeprefix(prefix)
    )
    assert listed + _ids(rest) == tagged.ids(tags={"team": ("a",)})


def test_an_error_mid_listing_gives_an_exact_token_after_a_selection(fresh: Tagged) -> None:
    fresh.server.fake.fail_page(3, times=5)
    run = fresh.run("sessions", "list", "--tag", "team=a", "--page-size", "5", "--output", "ndjson")
    assert run.status == 1
    (line,) = run.error_lines
    assert "InternalError in DescribeTrafficMirrorSessions" in line
    listed = [json.loads(text)["TrafficMirrorSessionId"] for text in run.stdout.splitlines()]
    assert listed == [
        item["TrafficMirrorSessionId"]
        for item in fresh.items[:15]
        if {"Key": "team", "Value": "a"} in item.get("Tags", [])
    ]
    assert f"after {len(listed)} sessions" in line
    token = line.split("--starting-token ")[1]
    fresh.server.fake.reset_faults()
    rest = fresh.run(
        "sessions", "list", "--tag", "team=a", "--page-size", "5", "--starting-token", token
    )
    assert listed + _ids(rest) == fresh.ids(tags={"team": ("a",)})


def test_no_paginate_is_one_aws_page_of_selected_sessions(fresh: Tagged) -> None:
    def selected(items: list[Item]) -> list[str]:
        return [
            item["TrafficMirrorSessionId"]
            for item in items
            if {"Key": "team", "Value": "b"} in item.get("Tags", [])
        ]

    fresh.server.fake.reset_call_counts()
    run = fresh.run("sessions", "list", "--tag", "team=b", "--max-results", "10")
    document = _document(run)
    assert fresh.server.fake.call_count(OPERATION) == 1
    # The selected sessions of the first ten, and AWS's own token to go on.
    assert _ids(run) == selected(fresh.items[:10])
    assert isinstance(document["NextToken"], str)
    following = fresh.run(
        "sessions", "list", "--tag", "team=b", "--max-results", "10",
        "--next-token", document["NextToken"],
    )  # fmt: skip
    assert _ids(following) == selected(fresh.items[10:20])
    assert fresh.server.fake.call_count(OPERATION) == 2


def test_every_page_is_read_with_the_same_requests(
    fresh: Tagged, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fresh.server.fake
    answer = fake.handle
    seen: list[tuple[str, dict[str, Any]]] = []

    def record(request: Request) -> Reply | None:
        seen.append((request.operation, dict(request.params)))
        return answer(request)

    monkeypatch.setattr(fake, "handle", record)
    plain = fresh.run("sessions", "list", "--page-size", "5", "--owner-id", OWNER)
    sent = list(seen)
    seen.clear()
    selected = fresh.run(
        "sessions", "list", "--page-size", "5", "--owner-id", OWNER, "--tag", "team=b"
    )
    assert _ids(selected) == fresh.ids(tags={"team": ("b",)})
    assert len(_ids(plain)) == len(fresh.items)

    # The same requests (AWS's tokens differ from one listing to the next).
    def without_tokens(requests: list[tuple[str, dict[str, Any]]]) -> list[object]:
        return [
            (operation, {**params, "NextToken": "NextToken" in params})
            for operation, params in requests
        ]

    assert without_tokens(seen) == without_tokens(sent)
    assert len(sent) == 7  # 33 sessions, 5 a page: every page is read
    assert sent[0] == (
        OPERATION,
        {"Filters": [{"Name": "owner-id", "Values": [OWNER]}], "MaxResults": 5},
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--tag", "team"),
            "--tag takes KEY=VALUE (the value may be empty; for any value, use --tag-key KEY),"
            " got 'team'",
        ),
        (("--tag", "=a"), "--tag takes tag keys of 1 to 127 characters, got '' (0 characters)"),
        (("--tag", "k" * 128 + "=v"), "--tag takes tag keys of 1 to 127 characters"),
        (("--tag", "team=" + "v" * 257), "--tag takes tag values of at most 256 characters"),
        (("--tag-key", ""), "--tag-key takes tag keys of 1 to 127 characters, got ''"),
        (
            ("--filters", "Name=tag:team,Values=a"),
            "(AWS has no tag filters for DescribeTrafficMirrorSessions: select on the client side"
            " with --tag KEY=VALUE or --tag-key KEY)",
        ),
        (("--filters", "Name=tag-key,Values=team"), "select on the client side with --tag"),
    ],
)
def test_bad_selections_are_exit_2_before_any_call(
    fresh: Tagged, args: tuple[str, ...], message: str
) -> None:
    fresh.server.fake.reset_call_counts()
    run = fresh.run("sessions", "list", *args)
    assert run.status == 2, run.stderr
    assert message in run.stderr
    assert run.stdout == ""
    assert fresh.server.fake.call_count() == 0


def _list_commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, group in sorted(cli.commands.items()):
        if isinstance(group, click.Group) and "list" in group.commands:
            found.append((name, group.commands["list"]))
    return found


def test_every_list_command_has_the_selection_flags_marked_client_side() -> None:
    commands = _list_commands()
    assert "sessions" in [name for name, _ in commands]
    for name, command in commands:
        options = {
            option.opts[0]: option for option in command.params if isinstance(option, click.Option)
        }
        for flag in ("--tag", "--tag-key"):
            assert flag in options, (name, flag)
            assert (options[flag].help or "").startswith("[client side]"), (name, flag)
        help_text = invoke(name, "list", "--help").stdout
        assert "Client side:" in help_text
        assert "has no tag filters" in help_text


def test_writing_tags_and_selecting_by_them_say_which_they_do() -> None:
    listing = invoke("sessions", "list", "--help").stdout
    creating = invoke("sessions", "create", "--help").stdout
    tagging = invoke("sessions", "tag", "--help").stdout
    assert "selects, never sends or writes tags" in " ".join(listing.split())
    assert "A tag to put on the new session" in " ".join(creating.split())
    assert "A tag to add" in " ".join(tagging.split())
