"""Memory: the client's peak traced memory while ``find()`` streams, and while a list is built.

The fake serves from a child process (`benchmarks._server`), seeded with the
largest size once. So ``tracemalloc`` in this process sees the client side
only: botocore's HTTP and XML parsing, the raw page, and the SDK's validated
objects; the fake's store and its response building are in the other process
and cannot count. Tracing starts after the client has made one small call
(botocore's service model and parsers, loaded once, are not the listing's), and
the figures are the peak above the traced memory at that moment (the baseline).

Each size is one listing of ``max_items`` sessions in pages of 1,000 (10 with
``--quick``):
(a) streaming: ``for session in repository.find(query)``, keeping nothing;
(b) building ``list(repository.find(query))``.
Goal: the streaming peak at 10,000 sessions within 1.2x of the peak at 2,000
(both several pages; 10,000 is AWS's quota of sessions per account and region,
which the fake enforces, so one listing holds no more).
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from benchmarks._common import Figures, benchmark_main, emit, new_client, verdict_of
from benchmarks._server import fake_server

__all__ = ["GOAL", "MemoryResult", "main", "measure"]

GOAL = 1.2
"""The most the streaming peak may grow from the smallest size to the largest."""

PAGE_SIZE = 1000


@dataclass(frozen=True)
class MemoryResult:
    """The peaks of one size, in bytes above the baseline."""

    sessions: int
    streaming_peak_bytes: int
    list_peak_bytes: int


def _peak(run: Callable[[], int], expected: int) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        count = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    if count != expected:
        raise RuntimeError(f"expected {expected} sessions, got {count}")
    return peak - baseline


def measure(
    sizes: Sequence[int], *, page_size: int = PAGE_SIZE, tags: int = 0
) -> list[MemoryResult]:
    """Seed ``max(sizes)`` sessions in the child fake; measure both peaks for each size."""
    from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository

    results: list[MemoryResult] = []
    with fake_server((max(sizes), tags)) as endpoint_url:
        repository = TrafficMirrorSessionRepository(new_client(endpoint_url))
        next(repository.find(SessionQuery().page_size(5)))  # loads botocore's model, parsers
        for size in sizes:
            query = SessionQuery().page_size(page_size).max_items(size)

            def stream(query: SessionQuery = query) -> int:
                count = 0
                for _session in repository.find(query):
                    count += 1
                return count

            def build(query: SessionQuery = query) -> int:
                return len(list(repository.find(query)))

            results.append(MemoryResult(size, _peak(stream, size), _peak(build, size)))
    return results


def run(*, quick: bool = False) -> list[MemoryResult]:
    """The benchmark at 2,000 and 10,000 sessions, or tiny sizes (``quick``)."""
    if quick:
        return measure((50, 500), page_size=10)
    return measure((2_000, 10_000))


def report(results: Sequence[MemoryResult], *, as_json: bool, quick: bool = False) -> None:
    """Print the figures."""
    growth = results[-1].streaming_peak_bytes / results[0].streaming_peak_bytes
    figures: Figures = {
        "goal": GOAL,
        "streaming_growth": growth,
        "results": [asdict(result) for result in results],
    }
    lines = [
        "client side only: the fake runs in a child process; peak above the baseline"
        " taken after one warm-up call",
    ]
    lines.extend(
        f"{result.sessions:,} sessions:"
        f" streaming peak {result.streaming_peak_bytes / 2**20:.2f} MiB,"
        f" list peak {result.list_peak_bytes / 2**20:.2f} MiB"
        for result in results
    )
    verdict = verdict_of(growth <= GOAL, quick=quick)
    lines.append(
        f"streaming peak at {results[-1].sessions:,} / at {results[0].sessions:,}:"
        f" {growth:.3f} (goal <= {GOAL}: {verdict})"
    )
    emit("memory", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.memory [--quick] [--json]``."""


if __name__ == "__main__":
    main()
