"""What every benchmark shares: dummy AWS settings, clients, statistics, output."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client

__all__ = [
    "DUMMY_ENV",
    "REGION",
    "Figures",
    "Main",
    "Report",
    "Run",
    "benchmark_main",
    "emit",
    "machine",
    "median",
    "new_client",
    "parser",
    "use_dummy_aws_environment",
    "verdict_of",
]

REGION = "us-east-1"

DUMMY_ENV: Mapping[str, str] = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
_UNSET = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE")

Figures = dict[str, Any]
"""One benchmark's results: names to numbers (or short strings), JSON-ready."""

_Result_co = TypeVar("_Result_co", covariant=True)
_Result_contra = TypeVar("_Result_contra", contravariant=True)
_Result = TypeVar("_Result")


class Run(Protocol[_Result_co]):
    """A benchmark's ``run``: its results at full size, or tiny with ``quick``."""

    def __call__(self, *, quick: bool = False) -> _Result_co: ...


class Report(Protocol[_Result_contra]):
    """A benchmark's ``report``: prints the results, as lines or as JSON."""

    def __call__(
        self, result: _Result_contra, /, *, as_json: bool, quick: bool = False
    ) -> None: ...


class Main(Protocol):
    """A benchmark's ``main``: ``python -m benchmarks.NAME [--quick] [--json]``."""

    def __call__(self, argv: Sequence[str] | None = None) -> None: ...


def use_dummy_aws_environment() -> None:
    """Dummy credentials and region for this process (and its children) only.

    Called at the top of each benchmark's ``main``, so a benchmark run from a
    shell never reads the user's credentials or config files.
    """
    os.environ.update(DUMMY_ENV)
    for name in _UNSET:
        os.environ.pop(name, None)


def new_client(endpoint_url: str | None) -> EC2Client:
    """A plain boto3 EC2 client for ``endpoint_url`` (``None``: AWS's, or an in-process
    fake's), with dummy credentials, no retries."""
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        aws_session_token="testing",
        region_name=REGION,
    )
    # boto3-stubs types only the services installed; the "ec2" overload is EC2Client.
    client: EC2Client = session.client(  # pyright: ignore[reportUnknownMemberType]
        "ec2",
        endpoint_url=endpoint_url,
        config=Config(retries={"mode": "standard", "max_attempts": 1}),
    )
    return client


def median(values: Sequence[float]) -> float:
    """The median (of at least one value)."""
    return statistics.median(values)


def machine() -> dict[str, str | int]:
    """Where the figures come from: CPU model and cores, Python, the load average."""
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        model = platform.processor() or "unknown"
    try:
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "cpu": model,
        "cores": os.cpu_count() or 0,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load_average": load,
    }


def parser(description: str) -> argparse.ArgumentParser:
    """The options every benchmark takes: ``--quick`` and ``--json``."""
    arguments = argparse.ArgumentParser(description=description)
    arguments.add_argument(
        "--quick", action="store_true", help="tiny sizes: checks that it runs, figures mean little"
    )
    arguments.add_argument("--json", action="store_true", help="print the figures as JSON")
    return arguments


def benchmark_main(description: str | None, run: Run[_Result], report: Report[_Result]) -> Main:
    """The ``main`` of a benchmark module: dummy AWS settings, options, run, report.

    ``description`` is the module's docstring, the ``--help`` text.
    """

    def main(argv: Sequence[str] | None = None) -> None:
        use_dummy_aws_environment()
        options = parser(description or "").parse_args(argv)
        report(run(quick=options.quick), as_json=options.json, quick=options.quick)

    return main


def verdict_of(met: bool, *, quick: bool) -> str:
    """How a goal fared; at ``--quick`` sizes the figures cannot judge it."""
    if quick:
        return "not judged at --quick sizes"
    return "met" if met else "NOT met"


def emit(title: str, figures: Figures, lines: Sequence[str], *, as_json: bool) -> None:
    """Print the figures: readable lines, or one JSON object."""
    if as_json:
        print(json.dumps({"benchmark": title, **figures}, sort_keys=True))
        return
    print(f"== {title}")
    for line in lines:
        print(f"   {line}")
