"""Ctrl-C at the worst moment of a listing: the token still matches what was printed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import boto3
import pytest

from ec2_traffic_mirror import (
    Page,
    SessionPageIterator,
    SessionQuery,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.cli._app import (  # the listing loop itself, in-process
    EXIT_INTERRUPTED,
    _list,  # pyright: ignore[reportPrivateUsage]
)
from ec2_traffic_mirror.cli._output import ListingSink, Output
from ec2_traffic_mirror.cli._resources import SESSIONS
from ec2_traffic_mirror.testing import mock_traffic_mirror


@pytest.fixture
def repository_and_ids() -> Iterator[tuple[TrafficMirrorSessionRepository, list[str]]]:
    with mock_traffic_mirror() as fake:
        ids = fake.seed_sessions(12)
        client = boto3.client("ec2", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]
        yield TrafficMirrorSessionRepository(client), ids


def test_ctrl_c_after_the_cursor_moved_past_an_unprinted_page(
    repository_and_ids: tuple[TrafficMirrorSessionRepository, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repository, ids = repository_and_ids
    original = SessionPageIterator.__next__
    calls = 0

    def next_then_interrupt(self: SessionPageIterator) -> Page:
        nonlocal calls
        calls += 1
        page = original(self)  # the cursor is past this page now...
        if calls == 2:
            raise KeyboardInterrupt  # ...and Ctrl-C lands before it is printed
        return page

    monkeypatch.setattr(SessionPageIterator, "__next__", next_then_interrupt)
    query = SessionQuery().page_size(5)
    client = repository.client
    shape = client.meta.service_model.operation_model(SESSIONS.describe).output_shape
    assert shape is not None
    output = Output("ndjson", None, sys.stdout)
    sink = ListingSink(output, SESSIONS.layout, result_key=SESSIONS.result_key, shape=shape)
    status = _list(repository.pages(query), sink, plural="sessions", one_call=False)
    out, err = capsys.readouterr()
    assert status == EXIT_INTERRUPTED
    printed = [json.loads(line)["TrafficMirrorSessionId"] for line in out.splitlines()]
    assert printed == ids[:5]
    assert err.startswith("ec2-traffic-mirror: interrupted; after 5 sessions:")
    token = err.strip().split("--starting-token ")[1]

    monkeypatch.setattr(SessionPageIterator, "__next__", original)
    rest = [s.traffic_mirror_session_id for s in repository.find(query.starting_token(token))]
    assert printed + rest == ids
