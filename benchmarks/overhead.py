"""Overhead: ``repository.find()`` against the plain boto3 paginator, on the same bytes.

One real ``DescribeTrafficMirrorSessions`` answer (captured once from the fake
over HTTP) is replayed through botocore's ``before-send`` event to three
clients built alike, so all pay exactly the same request and signing cost. In
one process, in rotating order (abc, bca, cab, ...), many rounds:

(a) the plain boto3 paginator, iterating every item of every page (botocore's
    parser);
(b) ``TrafficMirrorSessionRepository(client).find()``, iterating every
    session: the default, with the SDK's own parser of the answer;
(c) the same with ``fast_parse=False``: botocore's parser, as before there was
    another.

Printed: CPU microseconds per item of each (medians of the rounds; CPU time
of the process, so other load on the machine moves them less), how much of
it was spent in Python's cyclic garbage collector (every object the layer
creates adds to its work), and the medians of the per-round ratios b/a and c/a.
Goal: b/a <= 0.8 with 0 tags per session and <= 0.6 with 3 (stretch: 0.5
with both); c/a is what the typed layer costs without the fast parser.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from benchmarks._canned import CannedResponse, capture, replay
from benchmarks._common import Figures, benchmark_main, emit, median, verdict_of

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client

__all__ = [
    "GOALS",
    "STRETCH_GOAL",
    "OverheadResult",
    "main",
    "measure",
    "plain_listing",
    "typed_listing",
]

GOALS: Mapping[int, float] = {0: 0.8, 3: 0.6}
"""The most (b) may cost, as a multiple of (a), by tags per session."""
STRETCH_GOAL = 0.5
"""What (b) aims at, as a multiple of (a), whatever the tags."""

PAGE_SIZE = 1000
"""The page size every side asks for (the replayed answer is the same either way)."""


@dataclass(frozen=True)
class OverheadResult:
    """The figures of one tag count."""

    tags: int
    items: int
    rounds: int
    goal: float
    """The most ``ratio`` may be."""
    plain_us_per_item: float
    """(a): the plain boto3 paginator."""
    typed_us_per_item: float
    """(b): ``find()`` with the fast parser (the default)."""
    botocore_parse_us_per_item: float
    """(c): ``find()`` with ``fast_parse=False``."""
    ratio: float
    """The median of the per-round ratios b/a."""
    botocore_parse_ratio: float
    """The median of the per-round ratios c/a."""
    plain_gc_us_per_item: float
    """Of ``plain_us_per_item``, the time in Python's cyclic garbage collector."""
    typed_gc_us_per_item: float
    """Of ``typed_us_per_item``, the time in Python's cyclic garbage collector."""
    botocore_parse_gc_us_per_item: float
    """Of ``botocore_parse_us_per_item``, the time in Python's cyclic garbage collector."""


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


def typed_listing(client: EC2Client, *, fast_parse: bool = True) -> Callable[[], int]:
    """(b), or (c) with ``fast_parse=False``: every session of ``repository.find()``; the count."""
    from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository

    repository = TrafficMirrorSessionRepository(client, fast_parse=fast_parse)
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
    # machine then barely move the figures (every side is CPU-bound).
    gc_before = gc_clock.total
    start = time.process_time()
    count = run()
    elapsed = time.process_time() - start
    if count != items:
        raise RuntimeError(f"expected {items} items, got {count}")
    return elapsed, gc_clock.total - gc_before


def _median_ratio(
    times: Sequence[tuple[float, float]], baseline: Sequence[tuple[float, float]]
) -> float:
    return median([b / a for (a, _), (b, _) in zip(baseline, times, strict=True)])


def measure(canned: CannedResponse, tags: int, items: int, rounds: int) -> OverheadResult:
    """Replay a page of ``items`` sessions; time (a), (b) and (c) ``rounds`` times, rotating."""
    runs = (
        plain_listing(replay(canned)),
        typed_listing(replay(canned)),
        typed_listing(replay(canned), fast_parse=False),
    )
    times: tuple[list[tuple[float, float]], ...] = tuple([] for _ in runs)
    gc_clock = _GcClock()
    gc.callbacks.append(gc_clock)
    try:
        for _ in range(2):  # warm up: lazy loads, caches, the pydantic validators
            for run in runs:
                _timed(run, items, gc_clock)
        for index in range(rounds):
            gc.collect()
            for offset in range(len(runs)):
                which = (index + offset) % len(runs)
                times[which].append(_timed(runs[which], items, gc_clock))
    finally:
        gc.callbacks.remove(gc_clock)
    per_item = 1e6 / items
    plain, typed, botocore_parse = times
    return OverheadResult(
        tags=tags,
        items=items,
        rounds=rounds,
        goal=GOALS.get(tags, STRETCH_GOAL),
        plain_us_per_item=median([t for t, _ in plain]) * per_item,
        typed_us_per_item=median([t for t, _ in typed]) * per_item,
        botocore_parse_us_per_item=median([t for t, _ in botocore_parse]) * per_item,
        ratio=_median_ratio(typed, plain),
        botocore_parse_ratio=_median_ratio(botocore_parse, plain),
        plain_gc_us_per_item=median([g for _, g in plain]) * per_item,
        typed_gc_us_per_item=median([g for _, g in typed]) * per_item,
        botocore_parse_gc_us_per_item=median([g for _, g in botocore_parse]) * per_item,
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
    figures: Figures = {
        "goals": {str(tags): goal for tags, goal in GOALS.items()},
        "stretch_goal": STRETCH_GOAL,
        "results": [asdict(result) for result in results],
    }
    lines = [
        "a = plain boto3 paginator, b = repository.find() (fast parser),"
        " c = repository.find() with fast_parse=False; same replayed XML, rotating order",
    ]
    for result in results:
        verdict = verdict_of(result.ratio <= result.goal, quick=quick)
        stretch = verdict_of(result.ratio <= STRETCH_GOAL, quick=quick)
        lines.extend(
            (
                f"{result.tags} tags, {result.items} items x {result.rounds} rounds:"
                f" a {result.plain_us_per_item:.1f}, b {result.typed_us_per_item:.1f},"
                f" c {result.botocore_parse_us_per_item:.1f} us/item",
                f"  median b/a {result.ratio:.3f} (goal <= {result.goal}: {verdict};"
                f" stretch <= {STRETCH_GOAL}: {stretch}),"
                f" median c/a {result.botocore_parse_ratio:.3f}",
                f"  of which in the garbage collector: a {result.plain_gc_us_per_item:.1f},"
                f" b {result.typed_gc_us_per_item:.1f},"
                f" c {result.botocore_parse_gc_us_per_item:.1f} us/item",
            )
        )
    emit("overhead", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.overhead [--quick] [--json]``."""


if __name__ == "__main__":
    main()
