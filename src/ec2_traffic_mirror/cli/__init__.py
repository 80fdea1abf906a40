"""The ``ec2-traffic-mirror`` command line, behind the ``cli`` extra.

``pip install 'ec2-traffic-mirror[cli]'`` installs it (it needs click).

``ec2-traffic-mirror sessions list|get|create|modify|delete|tag|untag`` and
``ec2-traffic-mirror demo``; see ``ec2-traffic-mirror --help``. click is
imported only when the command runs, so ``import ec2_traffic_mirror`` never
pulls it in, and a missing extra gets a one-line hint instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["MISSING_EXTRA_HINT", "main"]

MISSING_EXTRA_HINT = (
    "ec2-traffic-mirror: the command line needs the 'cli' extra: "
    "pip install 'ec2-traffic-mirror[cli]'"
)
"""What the command prints (on stderr, exit status 1) when click is not installed."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    try:
        import click
    except ImportError:
        print(MISSING_EXTRA_HINT, file=sys.stderr)
        return 1
    del click  # imported only to find out whether the extra is installed
    from ec2_traffic_mirror.cli._app import run

    return run(list(sys.argv[1:] if argv is None else argv))
