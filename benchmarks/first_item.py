"""First item: the API calls made before ``find()`` yields its first session.

The fake (a child process) holds more sessions than one page; a counter on the
client's ``before-call`` event counts every API call the client makes (any
operation), and a counter on ``before-send`` every HTTP request (retries too).
Counted: when ``find()`` is created (goal: none, it is lazy), when its first
session is out (goal: one), and for the whole listing; the plain boto3
paginator is counted the same way for comparison.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from benchmarks._common import Figures, benchmark_main, emit, new_client
from benchmarks._server import fake_server

__all__ = ["GOAL", "FirstItemResult", "main", "measure"]

GOAL = 1
"""API calls before the first item."""


@dataclass(frozen=True)
class FirstItemResult:
    """Call counts of one listing of ``sessions`` sessions in pages of ``page_size``."""

    sessions: int
    page_size: int
    calls_when_created: int
    calls_before_first_item: int
    requests_before_first_item: int
    calls_for_all: int
    plain_calls_before_first_item: int


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def __call__(self, **_: object) -> None:
        self.value += 1


def measure(sessions: int, page_size: int) -> FirstItemResult:
    """Count the calls of ``find()`` and of a plain paginator over ``sessions`` sessions."""
    from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository

    with fake_server((sessions, 0)) as endpoint_url:
        client = new_client(endpoint_url)
        calls, requests = _Counter(), _Counter()
        client.meta.events.register("before-call.ec2", calls)
        client.meta.events.register("before-send.ec2", requests)
        query = SessionQuery().page_size(page_size)

        listing = TrafficMirrorSessionRepository(client).find(query)
        when_created = calls.value
        next(listing)
        before_first, requests_before_first = calls.value, requests.value
        rest = sum(1 for _ in listing)
        if rest != sessions - 1:
            raise RuntimeError(f"expected {sessions} sessions, got {rest + 1}")
        for_all = calls.value

        calls.value = 0
        paginator = client.get_paginator("describe_traffic_mirror_sessions")
        pages = iter(paginator.paginate(PaginationConfig={"PageSize": page_size}))
        next(iter(next(pages)["TrafficMirrorSessions"]))
        plain_before_first = calls.value
    return FirstItemResult(
        sessions=sessions,
        page_size=page_size,
        calls_when_created=when_created,
        calls_before_first_item=before_first,
        requests_before_first_item=requests_before_first,
        calls_for_all=for_all,
        plain_calls_before_first_item=plain_before_first,
    )


def run(*, quick: bool = False) -> FirstItemResult:
    """2,500 sessions in pages of 1,000, or 25 in pages of 10 (``quick``)."""
    return measure(25, 10) if quick else measure(2500, 1000)


def report(result: FirstItemResult, *, as_json: bool, quick: bool = False) -> None:
    """Print the figures; call counts do not depend on the sizes, so ``quick`` changes nothing."""
    pages = math.ceil(result.sessions / result.page_size)
    figures: Figures = {"goal": GOAL, "pages": pages, **asdict(result)}
    verdict = "met" if result.calls_before_first_item <= GOAL else "NOT met"
    lines = [
        f"{result.sessions:,} sessions in pages of {result.page_size:,} ({pages} pages)",
        f"find() created: {result.calls_when_created} calls",
        f"first session out: {result.calls_before_first_item} call(s),"
        f" {result.requests_before_first_item} HTTP request(s) (goal: {GOAL}: {verdict});"
        f" plain paginator: {result.plain_calls_before_first_item}",
        f"whole listing: {result.calls_for_all} calls",
    ]
    emit("first item", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.first_item [--quick] [--json]``."""


if __name__ == "__main__":
    main()
