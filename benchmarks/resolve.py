"""Resolve: the API calls ``TrafficMirror.resolve`` makes for many sessions.

1,000 sessions seeded on the testing fake (in-process) point to 20 targets
and 30 filters (session n to target n % 20 and filter n % 30). The fake
answers the Describe calls as AWS does (paging, filters, ids) and counts every
request it receives, per operation: listing the sessions, then resolving them
in chunks of 1,000 and of 100. The goal: a handful of calls, never one per
session (a ``get`` per session would be 2 calls per session).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from benchmarks._common import Figures, benchmark_main, emit, new_client

__all__ = ["GOAL", "ResolveResult", "main", "measure"]

GOAL = 5
"""Most calls (targets and filters together) to resolve every session."""

_SESSIONS = "DescribeTrafficMirrorSessions"
_TARGETS = "DescribeTrafficMirrorTargets"
_FILTERS = "DescribeTrafficMirrorFilters"


@dataclass(frozen=True)
class ResolveResult:
    """Calls made to list and resolve ``sessions`` sessions over ``targets`` and ``filters``."""

    sessions: int
    targets: int
    filters: int
    session_calls: int
    target_calls_chunks_of_1000: int
    filter_calls_chunks_of_1000: int
    target_calls_chunks_of_100: int
    filter_calls_chunks_of_100: int
    complete: int


def measure(sessions: int, targets: int, filters: int) -> ResolveResult:
    """Seed the fake, list ``sessions`` sessions, resolve them in chunks of 1,000 and 100.

    The calls are the ones the fake received, per operation.
    """
    from ec2_traffic_mirror import SessionQuery, TrafficMirror
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        target_ids = fake.seed_targets(targets)
        filter_ids = fake.seed_filters(
            filters,
            rules=[
                {
                    "TrafficDirection": "ingress",
                    "RuleNumber": 100,
                    "RuleAction": "accept",
                    "SourceCidrBlock": "0.0.0.0/0",
                    "DestinationCidrBlock": "0.0.0.0/0",
                }
            ],
        )
        # Session n uses target n % targets and filter n % filters.
        fake.seed_sessions(sessions, target_ids=target_ids, filter_ids=filter_ids)
        fake.reset_call_counts()
        mirror = TrafficMirror(new_client(None))
        listed = list(mirror.sessions.find(SessionQuery().page_size(1000)))
        session_calls = fake.call_count(_SESSIONS)
        counts: dict[int, tuple[int, int]] = {}
        complete = 0
        for chunk_size in (1000, 100):
            fake.reset_call_counts()
            resolved = list(mirror.resolve(listed, chunk_size=chunk_size))
            complete = sum(1 for entry in resolved if entry.is_complete)
            counts[chunk_size] = (fake.call_count(_TARGETS), fake.call_count(_FILTERS))
    return ResolveResult(
        sessions=sessions,
        targets=targets,
        filters=filters,
        session_calls=session_calls,
        target_calls_chunks_of_1000=counts[1000][0],
        filter_calls_chunks_of_1000=counts[1000][1],
        target_calls_chunks_of_100=counts[100][0],
        filter_calls_chunks_of_100=counts[100][1],
        complete=complete,
    )


def run(*, quick: bool = False) -> ResolveResult:
    """1,000 sessions over 20 targets and 30 filters, or 100 over the same (``quick``)."""
    return measure(100, 20, 30) if quick else measure(1000, 20, 30)


def report(result: ResolveResult, *, as_json: bool, quick: bool = False) -> None:
    """Print the figures: calls per operation, against the goal and against one get per session."""
    resolve_calls = result.target_calls_chunks_of_1000 + result.filter_calls_chunks_of_1000
    figures: Figures = {
        "goal": GOAL,
        "resolve_calls": resolve_calls,
        "one_get_per_session_calls": 2 * result.sessions,
        **asdict(result),
    }
    verdict = "met" if resolve_calls <= GOAL else "NOT met"
    lines = [
        f"{result.sessions:,} sessions over {result.targets} targets and {result.filters} filters",
        f"listing the sessions: {result.session_calls} call(s)",
        f"resolving, chunks of 1,000: {result.target_calls_chunks_of_1000} target call(s),"
        f" {result.filter_calls_chunks_of_1000} filter call(s) (goal: at most {GOAL}: {verdict});"
        f" one get per session would be {2 * result.sessions:,}",
        f"resolving, chunks of 100: {result.target_calls_chunks_of_100} target call(s),"
        f" {result.filter_calls_chunks_of_100} filter call(s)",
        f"sessions resolved completely: {result.complete:,}",
    ]
    emit("resolve", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.resolve [--quick] [--json]``."""


if __name__ == "__main__":
    main()
