"""Shared pieces of the command-line tests: the installed command, its environment, a run.

The command runs in a subprocess (the console script next to ``sys.executable``),
with dummy credentials, a region and ``os.devnull`` as the AWS config and
credentials files in the subprocess's own environment, never the user's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ec2_traffic_mirror.testing import TrafficMirrorServer

COMMAND = Path(sys.executable).with_name("ec2-traffic-mirror")
"""The installed console script."""

TRICKY_DESCRIPTION = 'tricky, "quoted"\nsecond line; ü'


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess: no AWS setting of the user's, dummy ones instead."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        # Errors surface at once instead of after botocore's retries and backoff.
        AWS_MAX_ATTEMPTS="1",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


@dataclass(frozen=True)
class Run:
    """What one run of the command gave."""

    status: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        """The lines of stderr."""
        return self.stderr.splitlines()


def run_cli(*args: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Run:
    """Run the installed command with ``args``; never raises for a non-zero status."""
    result = subprocess.run(
        [str(COMMAND), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(env) if env is not None else cli_env(),
        timeout=timeout,
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


@dataclass(frozen=True)
class Estate:
    """The fake server and every session on it, as boto3 items, in listing order."""

    server: TrafficMirrorServer
    items: list[dict[str, Any]]

    def run(self, *args: str, env: Mapping[str, str] | None = None) -> Run:
        """Run a command against this server (``--endpoint-url`` appended)."""
        return run_cli(*args, "--endpoint-url", self.server.endpoint_url, env=env)

    @property
    def ids(self) -> list[str]:
        """Every session id, in listing order."""
        return [item["TrafficMirrorSessionId"] for item in self.items]


def run_all(commands: Sequence[Sequence[str]]) -> list[Run]:
    """Run the command once per argument list, side by side; the results in order."""

    def one(args: Sequence[str]) -> Run:
        return run_cli(*args)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, commands))
