"""``import ec2_traffic_mirror`` pulls in no test, fake or CLI library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# A fresh interpreter in a subprocess.
pytestmark = pytest.mark.timing_sensitive

# Top-level modules that must never be imported by `import ec2_traffic_mirror`.
FORBIDDEN = (
    "moto",
    "pytest",
    "hypothesis",
    "flask",
    "werkzeug",
    "click",
    "rich",
    "typer",
    "jedi",
    "mypy",
    # The `dask` extra: a Fleet takes any executor, a Dask client's included, without importing it.
    "dask",
    "distributed",
    "tornado",
    "cloudpickle",
    "ec2_traffic_mirror.testing",
    "ec2_traffic_mirror.cli",
    "ec2_traffic_mirror.pytest_plugin",
)


def test_import_pulls_in_no_optional_library() -> None:
    code = "import json, sys, ec2_traffic_mirror; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    modules: list[str] = json.loads(result.stdout)
    assert "ec2_traffic_mirror" in modules
    leaked = sorted(
        module
        for module in modules
        for forbidden in FORBIDDEN
        if module == forbidden or module.startswith(forbidden + ".")
    )
    assert leaked == []
