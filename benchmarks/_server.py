"""The fake's HTTP server in a child process, so its work never counts as the client's.

``python -m benchmarks._server --group N:T [--group N:T ...]`` seeds, for each
group ``g`` (counted from 0), ``N`` sessions with ``T`` tags each, described
``group {g} session {i}`` (so a ``description`` filter of `group_pattern`
picks one group), prints the endpoint URL on one line, and serves on 127.0.0.1
until its standard input closes. `fake_server` runs it and gives the URL.
``--scope ACCOUNT:REGION:N`` seeds ``N`` sessions in that account and region
(a fleet's scopes), and ``--latency SECONDS`` makes the fake wait that long
before answering each Traffic Mirror call and each ``AssumeRole`` (a far
endpoint), on the request's own thread, so requests still overlap.

The child process keeps the fake (moto, its store, its response building) out
of the benchmark's process: timings and ``tracemalloc`` there see the client
side only (botocore's HTTP and XML parsing, and the SDK).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Generator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerProcess", "fake_server", "fake_server_process", "group_pattern"]

_ROOT = Path(__file__).resolve().parent.parent


def group_pattern(group: int) -> str:
    """The ``description`` filter value that picks the sessions of one group."""
    return f"group {group} session *"


@dataclass(frozen=True)
class ServerProcess:
    """The fake's child process: its URL, and its CPU time so far."""

    url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """User and system CPU seconds of the child so far (``None`` where /proc is not)."""
        try:
            with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        # utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the name).
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def fake_server(
    *groups: tuple[int, int],
    scopes: Sequence[tuple[str, str, int]] = (),
    latency: float = 0.0,
) -> Generator[str, None, None]:
    """Run the fake in a child process with these (sessions, tags) groups and (account,
    region, sessions) scopes, answering after ``latency`` seconds; yield its URL."""
    with fake_server_process(*groups, scopes=scopes, latency=latency) as server:
        yield server.url


@contextmanager
def fake_server_process(
    *groups: tuple[int, int],
    scopes: Sequence[tuple[str, str, int]] = (),
    latency: float = 0.0,
) -> Generator[ServerProcess, None, None]:
    """`fake_server`, yielding the child process (its URL and its CPU time)."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks._server",
            *(f"--group={sessions}:{tags}" for sessions, tags in groups),
            *(f"--scope={account}:{region}:{sessions}" for account, region, sessions in scopes),
            f"--latency={latency}",
        ],
        cwd=_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the fake server did not start (it printed {line!r})")
        yield ServerProcess(url=line, pid=child.pid)
    finally:
        # The child holds nothing worth a graceful stop (moto's and the HTTP
        # server's take seconds): end it, the one process started here.
        child.terminate()
        child.wait(timeout=30)
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()


def main() -> None:
    """Serve the fake until standard input closes."""
    from benchmarks._common import use_dummy_aws_environment

    use_dummy_aws_environment()
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--group", action="append", default=[], metavar="SESSIONS:TAGS")
    arguments.add_argument("--scope", action="append", default=[], metavar="ACCOUNT:REGION:N")
    arguments.add_argument("--latency", type=float, default=0.0, metavar="SECONDS")
    options = arguments.parse_args()
    groups = [tuple(int(part) for part in group.split(":")) for group in options.group]

    from ec2_traffic_mirror.testing import Request, traffic_mirror_server

    with traffic_mirror_server() as server:
        for index, (sessions, tags) in enumerate(groups):
            server.fake.seed_sessions(
                sessions,
                tags_per_session=tags,
                description=f"group {index} session {{index}}",
            )
        for scope in options.scope:
            account, region, count = str(scope).split(":")
            server.fake.seed_sessions(int(count), account_id=account, region=region)
        latency: float = options.latency
        if latency > 0:

            def far_away(request: Request) -> None:
                time.sleep(latency)

            server.fake.on_request(far_away)
        print(server.endpoint_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
