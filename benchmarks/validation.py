"""Validation alone: how many sessions per second become `TrafficMirrorSession` objects.

A page of real items (the fake's XML answer, parsed by botocore) is validated
the way ``find()`` does it, in one pydantic call per page
(``TypeAdapter(list[TrafficMirrorSession])``), and, for comparison, item by
item with ``TrafficMirrorSession.model_validate``. CPU time, median of rounds.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from benchmarks._canned import CannedResponse, capture, replay
from benchmarks._common import Figures, benchmark_main, emit, median

__all__ = ["ValidationResult", "main", "measure"]


@dataclass(frozen=True)
class ValidationResult:
    """The figures of one tag count."""

    tags: int
    items: int
    rounds: int
    page_items_per_second: float
    """One pydantic call over the whole page, as ``find()`` validates."""
    page_us_per_item: float
    one_by_one_items_per_second: float
    """``model_validate`` per item."""
    one_by_one_us_per_item: float


def _cpu_seconds(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def measure(canned: CannedResponse, tags: int, items: int, rounds: int) -> ValidationResult:
    """Validate a page of ``items`` sessions, ``rounds`` times both ways, alternating."""
    from pydantic import TypeAdapter

    from ec2_traffic_mirror import TrafficMirrorSession

    client = replay(canned)
    response = client.describe_traffic_mirror_sessions(MaxResults=max(items, 5))
    page: list[Any] = list(response["TrafficMirrorSessions"])
    adapter = TypeAdapter(list[TrafficMirrorSession])

    def whole_page() -> object:
        return adapter.validate_python(page)

    def one_by_one() -> object:
        return [TrafficMirrorSession.model_validate(item) for item in page]

    if len(adapter.validate_python(page)) != items:
        raise RuntimeError(f"expected {items} sessions")
    one_by_one()
    page_times: list[float] = []
    single_times: list[float] = []
    for index in range(rounds):
        gc.collect()
        if index % 2 == 0:
            page_times.append(_cpu_seconds(whole_page))
            single_times.append(_cpu_seconds(one_by_one))
        else:
            single_times.append(_cpu_seconds(one_by_one))
            page_times.append(_cpu_seconds(whole_page))
    page_time = median(page_times)
    single_time = median(single_times)
    return ValidationResult(
        tags=tags,
        items=items,
        rounds=rounds,
        page_items_per_second=items / page_time,
        page_us_per_item=page_time / items * 1e6,
        one_by_one_items_per_second=items / single_time,
        one_by_one_us_per_item=single_time / items * 1e6,
    )


def run(*, quick: bool = False, tag_counts: Sequence[int] = (0, 3)) -> list[ValidationResult]:
    """The benchmark at full size (pages of 1,000, 50 rounds) or tiny (``quick``)."""
    items, rounds = (10, 3) if quick else (1000, 50)
    pages = capture(items, tag_counts)
    return [
        measure(page, tags, items, rounds) for page, tags in zip(pages, tag_counts, strict=True)
    ]


def report(results: Sequence[ValidationResult], *, as_json: bool, quick: bool = False) -> None:
    """Print the figures (there is no goal to judge, so ``quick`` changes nothing)."""
    figures: Figures = {"results": [asdict(result) for result in results]}
    lines = ["CPU time; 'page' = one pydantic call per page, as find() validates"]
    lines.extend(
        f"{result.tags} tags, page of {result.items}:"
        f" page {result.page_items_per_second:,.0f} items/s"
        f" ({result.page_us_per_item:.1f} us/item),"
        f" one by one {result.one_by_one_items_per_second:,.0f} items/s"
        f" ({result.one_by_one_us_per_item:.1f} us/item)"
        for result in results
    )
    emit("validation", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.validation [--quick] [--json]``."""


if __name__ == "__main__":
    main()
