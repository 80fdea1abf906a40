"""``python -m benchmarks [--quick] [--json] [NAME ...]``: run the benchmarks, print the figures.

Each benchmark runs in its own fresh interpreter, so one's imports, caches and
memory do not shape the next one's figures. NAME picks some of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks._common import emit, machine, parser, use_dummy_aws_environment

__all__ = ["BENCHMARKS", "main"]

BENCHMARKS = (
    "overhead",
    "parsing",
    "validation",
    "memory",
    "imports",
    "first_item",
    "resolve",
    "selection",
    "fleet",
)
"""Every benchmark module, in the order they run."""

_ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; the exit status is the first failing one's, else 0."""
    use_dummy_aws_environment()
    arguments = parser(__doc__ or "")
    arguments.add_argument("names", nargs="*", choices=[[], *BENCHMARKS], metavar="NAME")
    options = arguments.parse_args(argv)
    about = machine()
    emit(
        "machine",
        {**about},
        [
            f"CPU: {about['cpu']}, {about['cores']} cores; {about['python']}",
            f"load average (1, 5, 15 min) at the start: {about['load_average']}",
        ],
        as_json=options.json,
    )
    flags = [flag for flag, on in (("--quick", options.quick), ("--json", options.json)) if on]
    status = 0
    for name in options.names or BENCHMARKS:
        sys.stdout.flush()
        done = subprocess.run(
            [sys.executable, "-m", f"benchmarks.{name}", *flags], check=False, cwd=_ROOT
        )
        if done.returncode != 0 and status == 0:
            status = done.returncode
    if not options.json:
        print(f"load average at the end: {machine()['load_average']}")
    else:
        print(json.dumps({"benchmark": "end", "load_average": machine()["load_average"]}))
    return status


if __name__ == "__main__":
    sys.exit(main())
