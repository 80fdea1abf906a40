"""Each benchmark of ``benchmarks/`` runs at tiny sizes and prints its figures.

They run as people run them (``python -m benchmarks.NAME``, in a fresh
process, with ``--quick --json``), so a benchmark cannot rot unnoticed. The
figures at these sizes mean nothing; only their presence and sanity are checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

Figures = dict[str, Any]


def run_benchmark(name: str) -> Figures:
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{name}", "--quick", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    figures: Figures = json.loads(lines[0])
    return figures


def check_overhead(figures: Figures) -> None:
    assert figures["goals"] == {"0": 0.8, "3": 0.6}
    assert figures["stretch_goal"] == 0.5
    results: list[Figures] = figures["results"]
    assert [result["tags"] for result in results] == [0, 3]
    assert [result["goal"] for result in results] == [0.8, 0.6]
    for result in results:
        assert result["items"] == 10
        for side in ("plain", "typed", "botocore_parse"):
            assert result[f"{side}_us_per_item"] > 0
            assert 0 <= result[f"{side}_gc_us_per_item"] <= result[f"{side}_us_per_item"]
        assert result["ratio"] > 0
        assert result["botocore_parse_ratio"] > 0


def check_parsing(figures: Figures) -> None:
    results: list[Figures] = figures["results"]
    assert [result["tags"] for result in results] == [0, 3]
    for result in results:
        assert result["items"] == 10
        assert result["botocore_us_per_item"] > 0
        assert result["fast_us_per_item"] > 0
        assert result["ratio"] > 0


def check_validation(figures: Figures) -> None:
    results: list[Figures] = figures["results"]
    assert [result["tags"] for result in results] == [0, 3]
    for result in results:
        assert result["page_items_per_second"] > 0
        assert result["one_by_one_items_per_second"] > 0
        assert result["page_us_per_item"] == pytest.approx(1e6 / result["page_items_per_second"])


def check_memory(figures: Figures) -> None:
    results: list[Figures] = figures["results"]
    assert [result["sessions"] for result in results] == [50, 500]
    for result in results:
        assert result["streaming_peak_bytes"] > 0
        assert result["list_peak_bytes"] >= result["streaming_peak_bytes"]
    # A list of ten times as many sessions needs more memory than streaming them.
    assert results[1]["list_peak_bytes"] > 2 * results[1]["streaming_peak_bytes"]
    assert figures["streaming_growth"] > 0


def check_imports(figures: Figures) -> None:
    assert figures["runs"] == 1
    assert figures["subject_cpu_ms"] > 0
    assert figures["baseline_cpu_ms"] > 0
    assert figures["ratio"] > 0


def check_first_item(figures: Figures) -> None:
    # Exact at any size: find() is lazy and needs one call for its first item.
    assert figures["calls_when_created"] == 0
    assert figures["calls_before_first_item"] == 1
    assert figures["requests_before_first_item"] == 1
    assert figures["plain_calls_before_first_item"] == 1
    assert figures["calls_for_all"] == figures["pages"] == 3


def check_resolve(figures: Figures) -> None:
    # Exact at any size: every target and filter is fetched in one call each.
    assert figures["sessions"] == 100
    assert figures["session_calls"] == 1
    assert figures["target_calls_chunks_of_1000"] == 1
    assert figures["filter_calls_chunks_of_1000"] == 1
    assert figures["target_calls_chunks_of_100"] == 1
    assert figures["filter_calls_chunks_of_100"] == 1
    assert figures["resolve_calls"] <= figures["goal"]
    assert figures["complete"] == 100
    assert figures["one_get_per_session_calls"] == 200


def check_selection(figures: Figures) -> None:
    # Exact at any size: a tag selection reads every page, one call each, and no more.
    assert figures["sessions"] == 100
    assert figures["page_size"] == 10
    assert figures["goal_calls"] == 10
    assert figures["plain_calls"] == figures["selected_calls"] == 10
    assert figures["selected"] == 10
    assert figures["needle_selected"] == 1
    assert figures["needle_calls"] == figures["needle_first_calls"] == 10
    assert 1 <= figures["first_calls"] <= figures["max_items_10_calls"] <= 10
    assert figures["plain_seconds"] > 0
    assert figures["selected_seconds"] > 0
    assert figures["selector_us_per_session"] > 0


def check_fleet(figures: Figures) -> None:
    # Tiny sizes: 6 scopes (3 accounts x 2 regions) of 5 sessions, fleets of 2, 4, 8 scopes.
    assert (figures["scopes"], figures["accounts"], figures["regions"]) == (6, 3, 2)
    assert figures["items"] == 6 * 5
    assert figures["latency_ms"] == 10
    for name in ("sequential_s", "fleet_s", "fleet_one_in_flight_s"):
        # Each of the two sequential runs waits at least 6 calls' latency.
        assert figures[name] > (0 if name == "fleet_s" else 0.06)
    assert figures["ratio"] == pytest.approx(figures["sequential_s"] / figures["fleet_s"])
    memory: list[Figures] = figures["memory"]
    assert [entry["scopes"] for entry in memory] == [2, 4, 8]
    assert [entry["sessions"] for entry in memory] == [20, 40, 80]
    for entry in memory:
        assert entry["streaming_peak_bytes"] > 0
        assert entry["list_peak_bytes"] > 0
    assert figures["streaming_growth"] == pytest.approx(
        memory[-1]["streaming_peak_bytes"] / memory[0]["streaming_peak_bytes"]
    )


CHECKS: dict[str, Callable[[Figures], None]] = {
    "overhead": check_overhead,
    "parsing": check_parsing,
    "validation": check_validation,
    "memory": check_memory,
    "imports": check_imports,
    "first_item": check_first_item,
    "resolve": check_resolve,
    "selection": check_selection,
    "fleet": check_fleet,
}


SERVED = frozenset({"first_item", "memory"})
"""The benchmarks that read the URL of a child process's fake server from its pipe."""


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.timing_sensitive) if name in SERVED else name
        for name in sorted(CHECKS)
    ],
)
def test_benchmark_prints_its_figures(name: str) -> None:
    figures = run_benchmark(name)
    assert figures["benchmark"] == name.replace("_", " ")
    CHECKS[name](figures)


def test_every_benchmark_is_run_by_the_runner_and_tested() -> None:
    code = "import benchmarks.__main__ as m; print(' '.join(m.BENCHMARKS))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert sorted(done.stdout.split()) == sorted(CHECKS)
    public = {path.stem for path in (ROOT / "benchmarks").glob("[!_]*.py")}
    assert sorted(public) == sorted(CHECKS)
