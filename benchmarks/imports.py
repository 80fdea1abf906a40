"""Import: ``import ec2_traffic_mirror`` against ``import boto3, pydantic``, in fresh processes.

Each run is a new interpreter that times only its import statement (CPU time
of the process, so other load on the machine moves it little; wall time is
printed too). The two imports alternate, many runs; the figures are medians.
Bytecode caches are on for both (in a temporary ``PYTHONPYCACHEPREFIX``,
written by a first, untimed run of each), as for an installed package.
Goal: ec2_traffic_mirror / (boto3 + pydantic) <= 1.15.

``import ec2_traffic_mirror`` loads botocore's exceptions and pydantic and
builds the models' validators; it does not load boto3 (the client is the
caller's), so a program also pays for ``import boto3`` to make one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass

from benchmarks._common import Figures, benchmark_main, emit, median, verdict_of

__all__ = ["BASELINE", "GOAL", "SUBJECT", "ImportResult", "main", "measure"]

GOAL = 1.15
SUBJECT = "ec2_traffic_mirror"
BASELINE = "boto3, pydantic"

_CHILD = """\
import time
cpu, wall = time.process_time(), time.perf_counter()
import {modules}
print(time.process_time() - cpu, time.perf_counter() - wall)
"""


@dataclass(frozen=True)
class ImportResult:
    """Medians of ``runs`` fresh processes each, in milliseconds."""

    runs: int
    subject_cpu_ms: float
    baseline_cpu_ms: float
    subject_wall_ms: float
    baseline_wall_ms: float
    ratio: float
    """The median of the per-pair CPU ratios subject/baseline."""


def _child_environment(pycache: str) -> dict[str, str]:
    # Bytecode caches on for both sides, in one private place: a machine with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile the SDK's own source
    # on every run while boto3's installed bytecode is read, which is not a
    # user's setup (an installed wheel has its bytecode compiled).
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = pycache
    return environment


def _time_import(modules: str, environment: dict[str, str]) -> tuple[float, float]:
    output = subprocess.run(
        [sys.executable, "-c", _CHILD.format(modules=modules)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=environment,
    ).stdout.split()
    return float(output[0]), float(output[1])


def measure(runs: int, *, warm_up: bool = True) -> ImportResult:
    """Time both imports ``runs`` times each, alternating which goes first."""
    with tempfile.TemporaryDirectory(prefix="ec2-traffic-mirror-bench-") as pycache:
        environment = _child_environment(pycache)
        if warm_up:  # writes the bytecode caches, warms the file system cache
            _time_import(SUBJECT, environment)
            _time_import(BASELINE, environment)
        subject: list[tuple[float, float]] = []
        baseline: list[tuple[float, float]] = []
        for index in range(runs):
            if index % 2 == 0:
                subject.append(_time_import(SUBJECT, environment))
                baseline.append(_time_import(BASELINE, environment))
            else:
                baseline.append(_time_import(BASELINE, environment))
                subject.append(_time_import(SUBJECT, environment))
    return ImportResult(
        runs=runs,
        subject_cpu_ms=median([cpu for cpu, _ in subject]) * 1e3,
        baseline_cpu_ms=median([cpu for cpu, _ in baseline]) * 1e3,
        subject_wall_ms=median([wall for _, wall in subject]) * 1e3,
        baseline_wall_ms=median([wall for _, wall in baseline]) * 1e3,
        ratio=median([s[0] / b[0] for s, b in zip(subject, baseline, strict=True)]),
    )


def run(*, quick: bool = False) -> ImportResult:
    """The benchmark with 30 runs of each, or 1 (``quick``)."""
    return measure(1, warm_up=False) if quick else measure(30)


def report(result: ImportResult, *, as_json: bool, quick: bool = False) -> None:
    """Print the figures."""
    figures: Figures = {"goal": GOAL, **asdict(result)}
    verdict = verdict_of(result.ratio <= GOAL, quick=quick)
    lines = [
        f"fresh processes, {result.runs} runs each, medians",
        f"import {SUBJECT}: {result.subject_cpu_ms:.0f} ms CPU"
        f" ({result.subject_wall_ms:.0f} ms wall)",
        f"import {BASELINE}: {result.baseline_cpu_ms:.0f} ms CPU"
        f" ({result.baseline_wall_ms:.0f} ms wall)",
        f"median ratio: {result.ratio:.3f} (goal <= {GOAL}: {verdict})",
    ]
    emit("imports", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.imports [--quick] [--json]``."""


if __name__ == "__main__":
    main()
