"""Selection: the calls and time to select by tag on the client side, on the fake.

10,000 sessions (the account quota) are seeded on the testing fake
(in-process), tagged ``team`` = one of 10 values, 1,000 each; the last session
in listing order also carries ``owner=needle``. DescribeTrafficMirrorSessions
has no tag filters, so ``SessionQuery().tag(...)`` lists every page and keeps
the matching sessions: the goal is the fewest calls that can do it (one per
page of 1,000: ten) and a selection that costs little next to the listing.

Measured: a plain listing of everything (calls, seconds), the same listing
selecting one ``team`` value (calls, seconds, sessions selected), the
selection's own cost per session (the query's selector over the 10,000
validated sessions, no calls), ``first()`` and ``max_items(10)`` with that
selection, and the needle (one session out of 10,000, the last one listed).
Times are medians of a few runs, in-process (the fake's own work included).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from benchmarks._common import Figures, benchmark_main, emit, median, new_client, verdict_of

__all__ = ["SelectionResult", "main", "measure"]

_SESSIONS = "DescribeTrafficMirrorSessions"
_PAGE = 1000


@dataclass(frozen=True)
class SelectionResult:
    """Calls and times of listings of ``sessions`` sessions over ``values`` tag values."""

    sessions: int
    values: int
    page_size: int
    runs: int
    plain_calls: int
    plain_seconds: float
    selected: int
    selected_calls: int
    selected_seconds: float
    selector_us_per_session: float
    first_calls: int
    max_items_10_calls: int
    needle_selected: int
    needle_calls: int
    needle_first_calls: int


def measure(sessions: int, values: int, page_size: int, runs: int) -> SelectionResult:
    """Seed ``sessions`` sessions tagged ``team`` = one of ``values`` values; list and select."""
    from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository
    from ec2_traffic_mirror._query import listing_request
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        for value in range(values):
            fake.seed_sessions(sessions // values, tags={"team": f"team-{value}"})
        repo = TrafficMirrorSessionRepository(new_client(None))
        everything = SessionQuery().page_size(page_size)
        listed = list(repo.find(everything))
        repo.add_tags(listed[-1].traffic_mirror_session_id, {"owner": "needle"})
        one_team = everything.tag("team", "team-3")

        def timed(count: Callable[[], int]) -> tuple[int, int, float]:
            seconds: list[float] = []
            found = calls = 0
            for _ in range(runs):
                fake.reset_call_counts()
                start = time.perf_counter()
                found = count()
                seconds.append(time.perf_counter() - start)
                calls = fake.call_count(_SESSIONS)
            return found, calls, median(seconds)

        plain, plain_calls, plain_seconds = timed(lambda: repo.count(everything))
        if plain != sessions:
            raise RuntimeError(f"expected {sessions} sessions, listed {plain}")
        selected, selected_calls, selected_seconds = timed(lambda: repo.count(one_team))

        # The selection's own cost: the query's selector over validated sessions, no calls.
        select = listing_request(one_team).selector
        if select is None:
            raise RuntimeError("a query with a tag selection has a selector")
        costs: list[float] = []
        kept = 0
        for _ in range(max(runs, 3)):
            start = time.perf_counter()
            kept = sum(1 for session in listed if select(session))
            costs.append(time.perf_counter() - start)
        if kept != selected:
            raise RuntimeError(f"the selector kept {kept}, the listing {selected}")

        fake.reset_call_counts()
        if repo.first(one_team) is None:
            raise RuntimeError("first() found none")
        first_calls = fake.call_count(_SESSIONS)
        fake.reset_call_counts()
        if len(list(repo.find(one_team.max_items(10)))) != min(10, selected):
            raise RuntimeError("max_items(10) did not give 10")
        max_items_calls = fake.call_count(_SESSIONS)

        needle = everything.tag("owner", "needle")
        fake.reset_call_counts()
        needle_selected = repo.count(needle)
        needle_calls = fake.call_count(_SESSIONS)
        fake.reset_call_counts()
        repo.first(needle)
        needle_first_calls = fake.call_count(_SESSIONS)
    return SelectionResult(
        sessions=sessions,
        values=values,
        page_size=page_size,
        runs=runs,
        plain_calls=plain_calls,
        plain_seconds=plain_seconds,
        selected=selected,
        selected_calls=selected_calls,
        selected_seconds=selected_seconds,
        selector_us_per_session=median(costs) / len(listed) * 1e6,
        first_calls=first_calls,
        max_items_10_calls=max_items_calls,
        needle_selected=needle_selected,
        needle_calls=needle_calls,
        needle_first_calls=needle_first_calls,
    )


def run(*, quick: bool = False) -> SelectionResult:
    """10,000 sessions in pages of 1,000 (3 runs), or 100 in pages of 10 (``quick``)."""
    if quick:
        return measure(100, 10, 10, 1)
    return measure(10_000, 10, _PAGE, 3)


def report(result: SelectionResult, *, as_json: bool, quick: bool = False) -> None:
    """Print the figures: calls against the pages needed, and the times."""
    pages = math.ceil(result.sessions / result.page_size)
    met = result.selected_calls == pages and result.needle_calls == pages
    figures: Figures = {"goal_calls": pages, **asdict(result)}
    lines = [
        f"{result.sessions:,} sessions, tag team = one of {result.values} values,"
        f" pages of {result.page_size:,}; times are medians of {result.runs} run(s)",
        f"plain listing: {result.plain_calls} call(s), {result.plain_seconds:.2f} s",
        f"tag('team', 'team-3'): {result.selected:,} selected, {result.selected_calls} call(s)"
        f" (goal: {pages}, one per page: {verdict_of(met, quick=quick)}),"
        f" {result.selected_seconds:.2f} s",
        f"the selection itself: {result.selector_us_per_session:.2f} us per session"
        f" ({result.selector_us_per_session * result.sessions / 1e3:.1f} ms for all)",
        f"first(): {result.first_calls} call(s); max_items(10): {result.max_items_10_calls}"
        " call(s)",
        f"tag('owner', 'needle'), the last session listed: {result.needle_selected} selected,"
        f" count {result.needle_calls} call(s), first() {result.needle_first_calls} call(s)",
    ]
    emit("selection", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.selection [--quick] [--json]``."""


if __name__ == "__main__":
    main()
