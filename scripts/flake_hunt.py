"""The flake hunt behind ``scripts/flake-hunt``, and the pytest plugin it loads.

Run as a script, it runs pytest many times and reports every test that failed
even once:

1. the whole suite ``--rounds`` times, each round with a new random order
   (pytest-randomly's seed, also given to Hypothesis) and the next ``-n`` of
   ``--workers`` (0: no worker processes);
2. the tests marked ``timing_sensitive`` ``--repeat`` times each, in sessions
   of ``--per-session`` copies of each (pytest-repeat), each session with its
   own seed and ``-n``, so the copies run shuffled among each other.

Loaded into pytest (``-p flake_hunt``), it writes what failed to the JSON file
named by ``FLAKE_HUNT_RECORD``. Every round's output is kept in ``--log-dir``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORD_VARIABLE = "FLAKE_HUNT_RECORD"
MARKER = "timing_sensitive"

# ---------------------------------------------------------------- pytest plugin

_outcomes: dict[str, str] = {}
"""Each test's outcome: "failed" if any of its phases failed, else its call's (or skip's)."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep one outcome per test."""
    if report.failed:
        _outcomes[report.nodeid] = "failed"
    elif report.skipped or report.when == "call":
        _outcomes.setdefault(report.nodeid, report.outcome)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the outcomes (in the controller only, under pytest-xdist)."""
    path = os.environ.get(RECORD_VARIABLE)
    if path and "PYTEST_XDIST_WORKER" not in os.environ:
        Path(path).write_text(json.dumps({"outcomes": _outcomes, "exit": int(exitstatus)}))


# ---------------------------------------------------------------- the hunt


@dataclass
class Round:
    """One pytest session of the hunt."""

    label: str
    seed: int
    workers: int
    args: list[str]
    copies: int = 1
    """pytest-repeat's ``--count``: each test runs this many times in the round."""


@dataclass
class Findings:
    """Over every round: runs and failures of each test (its base id), and broken rounds."""

    runs: Counter[str] = field(default_factory=Counter[str])
    failures: Counter[str] = field(default_factory=Counter[str])
    failed_in: dict[str, list[str]] = field(default_factory=dict[str, list[str]])
    broken_rounds: list[str] = field(default_factory=list[str])


_GROUP = re.compile(r"@[^\[\]/:]+$")


def base_id(nodeid: str, copies: int = 1) -> str:
    """The test's id without xdist's group suffix and, with ``copies`` > 1, the copy number.

    pytest-repeat adds ``[N-copies]`` (or ``-N-copies`` inside the brackets of a
    parametrized test); only that suffix goes, so a parameter id that looks
    alike (``[0-65535]``) in a round without copies is left as it is.
    """
    nodeid = _GROUP.sub("", nodeid)
    if copies <= 1:
        return nodeid
    repeat_id = re.compile(rf"(\[|-)\d+-{copies}\]$")
    return repeat_id.sub(lambda match: "]" if match.group(1) == "-" else "", nodeid)


def run_round(round_: Round, log_dir: Path, python: str, findings: Findings) -> bool:
    """Run one pytest session; add its failures to ``findings``; True when it was green."""
    stem = re.sub(r"[^\w.-]+", "-", round_.label)
    log, record = log_dir / f"{stem}.log", log_dir / f"{stem}.json"
    command = [
        python, "-m", "pytest", "-p", "flake_hunt", "-q", "-p", "randomly",
        f"--randomly-seed={round_.seed}", f"--hypothesis-seed={round_.seed}",
        "--hypothesis-profile=hunt", "-n", str(round_.workers), *round_.args,
    ]  # fmt: skip
    env = dict(os.environ, **{RECORD_VARIABLE: str(record)})
    paths = [str(ROOT / "scripts"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    started = time.monotonic()
    with log.open("w") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        status = subprocess.run(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    seconds = time.monotonic() - started
    data: dict[str, Any] = json.loads(record.read_text()) if record.exists() else {}
    outcomes: dict[str, str] = data.get("outcomes", {})
    failed: set[str] = set()
    for nodeid, outcome in outcomes.items():
        name = base_id(nodeid, round_.copies)
        findings.runs[name] += 1
        if outcome == "failed":
            findings.failures[name] += 1
            failed.add(name)
    for name in sorted(failed):
        findings.failed_in.setdefault(name, []).append(round_.label)
    counts = Counter(outcomes.values())
    # Exit 5: no test was selected (arguments that match no marked test, say).
    clean = status.returncode in {0, 5}
    green = clean and not failed
    if not clean and not failed:
        findings.broken_rounds.append(f"{round_.label} (pytest exit {status.returncode})")
    tally = ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))
    verdict = "green" if green else "FAILED"
    print(
        f"{round_.label:<22} seed {round_.seed:<10} -n {round_.workers:<2}"
        f" {verdict:<6} {tally or 'no test ran'}  ({seconds:.0f} s; {log})",
        flush=True,
    )
    return green


def plan(options: argparse.Namespace, pytest_args: list[str]) -> list[Round]:
    """The rounds to run: the whole suite, then the timing-sensitive tests repeated."""
    seeds = random.Random(options.seed)
    workers: list[int] = options.workers
    suite_rounds: int = options.rounds
    per_session: int = options.per_session
    rounds = [
        Round(
            f"suite {index + 1}/{suite_rounds}",
            seeds.randrange(1, 2**31),
            workers[index % len(workers)],
            list(pytest_args),
        )
        for index in range(suite_rounds)
    ]
    left: int = options.repeat
    sessions: list[int] = []
    while left > 0:
        sessions.append(min(per_session, left))
        left -= sessions[-1]
    for index, count in enumerate(sessions):
        rounds.append(
            Round(
                f"{MARKER} {index + 1}/{len(sessions)} x{count}",
                seeds.randrange(1, 2**31),
                workers[(suite_rounds + index) % len(workers)],
                ["-m", MARKER, f"--count={count}", *pytest_args],
                copies=count,
            )
        )
    return rounds


def _workers(text: str) -> list[int]:
    values = [int(part) for part in text.split(",") if part.strip()]
    if not values or min(values) < 0:
        raise argparse.ArgumentTypeError(f"--workers takes counts >= 0 like 0,2,3, got {text!r}")
    return values


def _positive_or_zero(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the hunt; 0 when no test failed in any round, 1 otherwise."""
    parser = argparse.ArgumentParser(
        prog="scripts/flake-hunt",
        description="Run the suite many times in new orders and with several -n values,"
        f" and the tests marked {MARKER} many times each; print every test that ever failed."
        " Arguments after `--` go to every pytest run.",
    )
    add = parser.add_argument
    add("--rounds", type=_positive_or_zero, default=10,
        help="whole-suite rounds (default 10; 0 skips them)")  # fmt: skip
    add("--repeat", type=_positive_or_zero, default=50,
        help=f"runs of each {MARKER} test (default 50; 0 skips them)")  # fmt: skip
    add("--per-session", type=int, default=10,
        help="copies of each repeated test per pytest session (default 10)")  # fmt: skip
    add("--workers", type=_workers, default=[2, 0, 3],
        help="the -n of each round, in turn (default 2,0,3; 0: no workers)")  # fmt: skip
    add("--seed", type=int, default=None,
        help="seed of the rounds' seeds, to repeat a hunt (default: random)")  # fmt: skip
    add("--log-dir", type=Path, default=ROOT / ".flake-hunt",
        help="where each round's output is kept (default .flake-hunt/)")  # fmt: skip
    args = list(sys.argv[1:] if argv is None else argv)
    pytest_args: list[str] = []
    if "--" in args:
        pytest_args = args[args.index("--") + 1 :]
        args = args[: args.index("--")]
    options = parser.parse_args(args)
    if options.per_session < 1:
        parser.error(f"--per-session must be >= 1, got {options.per_session}")
    if options.seed is None:
        options.seed = random.SystemRandom().randrange(1, 2**31)
    log_dir: Path = options.log_dir
    log_dir.mkdir(parents=True, exist_ok=True)
    rounds = plan(options, pytest_args)
    print(
        f"flake hunt (seed {options.seed}): the whole suite {options.rounds} times,"
        f" each {MARKER} test {options.repeat} times, in {len(rounds)} pytest runs;"
        f" logs in {log_dir}",
        flush=True,
    )
    findings = Findings()
    started = time.monotonic()
    green = [run_round(round_, log_dir, sys.executable, findings) for round_ in rounds]
    minutes = (time.monotonic() - started) / 60
    print(
        f"==> {sum(green)} of {len(rounds)} pytest runs green:"
        f" {findings.runs.total()} test runs of {len(findings.runs)} tests in {minutes:.1f} min"
    )
    suite_rounds: int = options.rounds
    marked = [runs for runs in findings.runs.values() if runs > suite_rounds]
    if marked:
        times = (
            f"{min(marked)}" if min(marked) == max(marked) else f"{min(marked)} to {max(marked)}"
        )
        print(
            f"==> {len(marked)} repeated tests ran {times} times each, whole-suite rounds included"
        )
    for label in findings.broken_rounds:
        print(f"==> run failed without a failing test (collection error, crash?): {label}")
    if findings.failures:
        print("==> tests that failed at least once:")
        for name, count in sorted(findings.failures.items()):
            rounds_failed = "; ".join(findings.failed_in[name])
            print(f"    {name}: failed {count} of {findings.runs[name]} runs ({rounds_failed})")
    if findings.failures or findings.broken_rounds:
        return 1
    print("==> no test failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
