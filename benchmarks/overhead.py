"""Overhead: ``repository.find()`` against the plain boto3 paginator, on the same bytes.

One real ``DescribeTrafficMirrorSessions`` answer (captured once from the fake
over HTTP) is replayed through botocore's ``before-send`` event to two clients
built alike, so both pay exactly the same request, signing and XML parsing
cost. In one process, alternating (a then b, then b then a), many rounds:

(a) the plain boto3 paginator, iterating every item of every page;
(b) ``TrafficMirrorSessionRepository(client).find()``, iterating every session.

Printed: CPU microseconds per item of each (medians of the rounds; CPU time
of the process, so other load on the machine moves them little), how much of
it was spent in Python's cyclic garbage collector (every object the layer
creates adds to its work), and the median of the per-round ratios b/a.
Goal: b/a <= 1.05 with 0 and with 3 tags per session.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from benchmarks._canned import CannedResponse, capture, replay
from benchmarks._common import Figures, benchmark_main, emit, median, verdict_of

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client

__all__ = ["GOAL", "OverheadResult", "main", "measure", "plain_listing", "typed_listing"]

GOAL = 1.05
"""The most (b) may cost, as a multiple of (a)."""

PAGE_SIZE = 1000
"""The page size both sides ask for (the replayed answer is the same either way)."""


@dataclass(frozen=True)
class OverheadResult:
    """The figures of one tag count."""

    tags: int
    items: int
    rounds: int
    plain_us_per_item: float
    typed_us_per_item: float
    ratio: float
    """The median of the per-round ratios typed/plain."""
    plain_gc_us_per_item: float
    """Of ``plain_us_per_item``, the time in Python's cyclic garbage collector."""
    typed_gc_us_per_item: float
    """Of ``typed_us_per_item``, the time in Python's cyclic garbage collector."""


def plain_listing(client: EC2Client) -> Callable[[], int]:
    """(a): every item of every page of a plain boto3 paginator; returns the count."""

    def run() -> int:
        count = 0
        paginator = client.get_paginator("describe_traffic_mirror_sessions")
        for page in paginator.paginate(PaginationConfig={"PageSize": PAGE_SIZE}):
            for _item in page["TrafficMirrorSessions"]:
                count += 1
        return count

    return run


def typed_listing(client: EC2Client) -> Callable[[], int]:
    """(b): every session of ``repository.find()``; returns the count."""
    from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository

    repository = TrafficMirrorSessionRepository(client)
    query = SessionQuery().page_size(PAGE_SIZE)

    def run() -> int:
        count = 0
        for _session in repository.find(query):
            count += 1
        return count

    return run


class _GcClock:
    """CPU time spent in the cyclic garbage collector (a ``gc.callbacks`` entry)."""

    def __init__(self) -> None:
        self.total = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.total += time.process_time() - self._start


def _timed(run: Callable[[], int], items: int, gc_clock: _GcClock) -> tuple[float, float]:
    # CPU time of this process, not wall time: other processes on a busy
    # machine then barely move the figures (both sides are CPU-bound).
    gc_before = gc_clock.total
    start = time.process_time()
    count = run()
    elapsed = time.process_time() - start
    if count != items:
        raise RuntimeError(f"expected {items} items, got {count}")
    return elapsed, gc_clock.total - gc_before


def measure(canned: CannedResponse, tags: int, items: int, rounds: int) -> OverheadResult:
    """Replay a page of ``items`` sessions; time (a) and (b) ``rounds`` times, alternating."""
    plain = plain_listing(replay(canned))
    typed = typed_listing(replay(canned))
    gc_clock = _GcClock()
    gc.callbacks.append(gc_clock)
    try:
        for _ in range(2):  # warm up both: lazy loads, caches, the pydantic validators
            _timed(plain, items, gc_clock)
            _timed(typed, items, gc_clock)
        plain_times: list[tuple[float, float]] = []
        typed_times: list[tuple[float, float]] = []
        for index in range(rounds):
            gc.collect()
            if index % 2 == 0:
                plain_times.append(_timed(plain, items, gc_clock))
                typed_times.append(_timed(typed, items, gc_clock))
            else:
                typed_times.append(_timed(typed, items, gc_clock))
                plain_times.append(_timed(plain, items, gc_clock))
    finally:
        gc.callbacks.remove(gc_clock)
    per_item = 1e6 / items
    return OverheadResult(
        tags=tags,
        items=items,
        rounds=rounds,
        plain_us_per_item=median([t for t, _ in plain_times]) * per_item,
        typed_us_per_item=median([t for t, _ in typed_times]) * per_item,
        ratio=median([b / a for (a, _), (b, _) in zip(plain_times, typed_times, strict=True)]),
        plain_gc_us_per_item=median([g for _, g in plain_times]) * per_item,
        typed_gc_us_per_item=median([g for _, g in typed_times]) * per_item,
    )


def run(*, quick: bool = False, tag_counts: Sequence[int] = (0, 3)) -> list[OverheadResult]:
    """The benchmark at full size (1,000 items, 40 rounds) or tiny (``quick``)."""
    items, rounds = (10, 3) if quick else (1000, 40)
    pages = capture(items, tag_counts)
    return [
        measure(page, tags, items, rounds) for page, tags in zip(pages, tag_counts, strict=True)
    ]


def report(results: Sequence[OverheadResult], *, as_json: bool, quick: bool = False) -> None:
    """Print the figures."""
    figures: Figures = {"goal": GOAL, "results": [asdict(result) for result in results]}
    lines = [
        "a = plain boto3 paginator, b = repository.find(); same replayed XML, alternated",
    ]
    for result in results:
        verdict = verdict_of(result.ratio <= GOAL, quick=quick)
        lines.append(
            f"{result.tags} tags, {result.items} items x {result.rounds} rounds:"
            f" a {result.plain_us_per_item:.1f} us/item, b {result.typed_us_per_item:.1f} us/item,"
            f" median b/a {result.ratio:.3f} (goal <= {GOAL}: {verdict})"
        )
        lines.append(
            f"  of which in the garbage collector: a {result.plain_gc_us_per_item:.1f},"
            f" b {result.typed_gc_us_per_item:.1f} us/item"
        )
    emit("overhead", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.overhead [--quick] [--json]``."""


if __name__ == "__main__":
    main()
