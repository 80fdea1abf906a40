"""Shared pieces of the command-line tests: the command run in-process or installed, a run.

`invoke` runs the command in this process (``main(argv)``, stdout and stderr
captured): fast, for everything that needs no real process. `run_cli` runs
the installed console script (next to ``sys.executable``) in a subprocess,
for what does (signals, pipes, the missing extra); `run_aws` runs the AWS CLI
v1 (``awscli``, a test-only dependency) the same way, for comparisons. Either
way with dummy credentials, a region and ``os.devnull`` as the AWS config and
credentials files, never the user's.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ec2_traffic_mirror.cli import main
from ec2_traffic_mirror.testing import TrafficMirrorServer

COMMAND = Path(sys.executable).with_name("ec2-traffic-mirror")
"""The installed console script."""
AWS_COMMAND = Path(sys.executable).with_name("aws")
"""The AWS CLI v1's console script (the ``awscli`` test dependency)."""

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


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Generator[None, None, None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def invoke(*args: str, env: Mapping[str, str] | None = None) -> Run:
    """Run the command in this process with ``args`` (and ``env`` instead of the environment)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if env is not None:
            stack.enter_context(_environment(env))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        status = main(list(args))
    return Run(status, out.getvalue(), err.getvalue())


def run_cli(*args: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Run:
    """Run the installed command with ``args``; never raises for a non-zero status."""
    return _run([str(COMMAND), *args], env=env, timeout=timeout)


def run_aws(*args: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Run:
    """Run the AWS CLI v1 (``aws``) with ``args``."""
    return _run([str(AWS_COMMAND), *args], env=env, timeout=timeout)


def _run(command: list[str], *, env: Mapping[str, str] | None, timeout: float) -> Run:
    result = subprocess.run(
        command,
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
        """Run a command in-process against this server (``--endpoint-url`` appended)."""
        return invoke(*args, "--endpoint-url", self.server.endpoint_url, env=env)

    def run_installed(self, *args: str, env: Mapping[str, str] | None = None) -> Run:
        """Run the installed command in a subprocess against this server."""
        return run_cli(*args, "--endpoint-url", self.server.endpoint_url, env=env)

    def aws(self, *args: str) -> Run:
        """Run ``aws ec2 ARGS`` (the AWS CLI v1) against this server."""
        return run_aws("ec2", *args, "--endpoint-url", self.server.endpoint_url)

    @property
    def ids(self) -> list[str]:
        """Every session id, in listing order."""
        return [item["TrafficMirrorSessionId"] for item in self.items]


def run_all(commands: Sequence[Sequence[str]]) -> list[Run]:
    """Run the command in-process once per argument list; the results in order."""
    return [invoke(*args) for args in commands]


_AWS_BATCH = Path(__file__).with_name("_aws_batch.py")


def aws_all(commands: Sequence[Sequence[str]], *, timeout: float = 120) -> list[Run]:
    """Run the AWS CLI once per argument list, all in one process (`_aws_batch`)."""
    result = subprocess.run(
        [sys.executable, str(_AWS_BATCH)],
        input=json.dumps([list(args) for args in commands]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(),
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    runs: list[dict[str, Any]] = json.loads(result.stdout)
    return [Run(int(run["status"]), str(run["stdout"]), str(run["stderr"])) for run in runs]
