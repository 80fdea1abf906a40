"""The built wheel ships its types and works for a downstream project.

Builds the wheel, checks what it holds, installs it (not editable) into a
fresh virtual environment, and type-checks a downstream file against that
installation with mypy --strict and pyright strict, the way a user's CI would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

# Building the wheel and installing it with its dependencies took over 3 minutes
# on a 2-core machine shared by many: the first test here includes that setup.
pytestmark = pytest.mark.timeout(900)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

DOWNSTREAM = textwrap.dedent(
    """\
    from __future__ import annotations

    from typing_extensions import assert_type

    import ec2_traffic_mirror
    from ec2_traffic_mirror import Tag, TrafficMirrorSession

    tag = Tag(key="team", value="netops")
    session = TrafficMirrorSession.model_validate(
        {
            "TrafficMirrorSessionId": "tms-0123456789abcdef0",
            "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
            "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
            "NetworkInterfaceId": "eni-0123456789abcdef0",
            "OwnerId": "123456789012",
            "SessionNumber": 1,
        }
    )
    assert_type(session.packet_length, int | None)
    assert_type(session.tags, tuple[Tag, ...])
    assert_type(ec2_traffic_mirror.__version__, str)


    def describe(session: TrafficMirrorSession) -> str:
        return f"{session.traffic_mirror_session_id} on {session.network_interface_id}"


    print(describe(session), tag.key)
    """
)
BROKEN = 'from ec2_traffic_mirror import Tag\nTag(key="k", valu="v")\n'


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        cwd=out,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("ec2_traffic_mirror-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its python."""
    venv = tmp_path_factory.mktemp("downstream") / "venv"
    # No pip of its own (seconds saved): this environment's pip installs into it.
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent)
    assert made.returncode == 0, made.stdout + made.stderr
    python = venv / "bin" / "python"
    result = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-compile", "--disable-pip-version-check", str(wheel)],
        cwd=venv.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return python


def test_wheel_ships_py_typed_and_no_stubs_of_others(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "ec2_traffic_mirror/py.typed" in names
    assert "ec2_traffic_mirror/__init__.py" in names
    assert not [name for name in names if name.startswith(("typings/", "jedi/", "tests/"))]
    assert not [name for name in names if name.endswith(".pyi") and "jedi" in name]


def test_installed_wheel_is_not_the_work_tree(installed: Path) -> None:
    result = _run(
        [str(installed), "-c", "import ec2_traffic_mirror; print(ec2_traffic_mirror.__file__)"],
        cwd=installed.parent,
    )
    assert result.returncode == 0, result.stderr
    location = Path(result.stdout.strip())
    assert "site-packages" in location.parts
    assert ROOT not in location.parents


def test_downstream_file_type_checks_with_mypy_strict(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "downstream.py").write_text(DOWNSTREAM)
    (tmp_path / "broken.py").write_text(BROKEN)
    mypy = [str(BIN / "mypy"), "--strict", "--python-version", "3.10", "--no-incremental"]
    mypy += ["--python-executable", str(installed)]
    good = _run([*mypy, "downstream.py"], cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = _run([*mypy, "broken.py"], cwd=tmp_path)
    assert bad.returncode == 1
    assert 'broken.py:2: error: Unexpected keyword argument "valu" for "Tag"' in bad.stdout
    assert "[call-arg]" in bad.stdout


def test_downstream_file_type_checks_with_pyright_strict(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "downstream.py").write_text(DOWNSTREAM)
    (tmp_path / "broken.py").write_text(BROKEN)
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.10"}
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config))
    pyright = [str(BIN / "pyright"), "--pythonpath", str(installed)]
    good = _run([*pyright, "downstream.py"], cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "0 errors" in good.stdout
    bad = _run([*pyright, "broken.py"], cwd=tmp_path)
    assert bad.returncode == 1
    assert 'No parameter named "valu"' in bad.stdout


def test_downstream_file_runs(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "downstream.py").write_text(DOWNSTREAM)
    result = _run([str(installed), "downstream.py"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "tms-0123456789abcdef0 on eni-0123456789abcdef0 team\n"
