"""The built wheel ships its types and works for a downstream project.

Builds the wheel, checks what it holds, and runs a downstream file with the
wheel installed (not editable) in an environment of its own: the one the
downstream typing matrix uses (``bash scripts/typing-matrix``, which
type-checks the installed wheel under seven checkers), cached in
``.cache/typing-matrix``.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from _matrix import matrix

# The downstream environment is built under a lock shared with other pytest
# workers and the typing matrix; its python runs in subprocesses. Building it
# on a fresh clone (the first test here includes that) can take minutes on a
# 2-core machine shared by many.
pytestmark = [pytest.mark.timing_sensitive, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parent.parent

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


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built: Path = matrix.build_wheel(tmp_path_factory.mktemp("dist"))
    return built


@pytest.fixture(scope="module")
def installed() -> Iterator[Path]:
    """The downstream environment with the wheel of the work tree installed; its python."""
    with matrix.downstream_environment() as python:
        yield python


def test_wheel_ships_py_typed_and_no_stubs_of_others(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "ec2_traffic_mirror/py.typed" in names
    assert "ec2_traffic_mirror/__init__.py" in names
    assert not [name for name in names if name.startswith(("typings/", "jedi/", "tests/"))]
    assert not [name for name in names if name.endswith(".pyi") and "jedi" in name]


def test_wheel_registers_the_pytest_plugin(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    assert "ec2_traffic_mirror/pytest_plugin.py" in archive.namelist()
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "[pytest11]\nec2_traffic_mirror = ec2_traffic_mirror.pytest_plugin\n" in text


def test_installed_wheel_is_not_the_work_tree(installed: Path) -> None:
    result = _run(
        [str(installed), "-c", "import ec2_traffic_mirror; print(ec2_traffic_mirror.__file__)"],
        cwd=installed.parent,
    )
    assert result.returncode == 0, result.stderr
    location = Path(result.stdout.strip())
    assert "site-packages" in location.parts
    assert ROOT / "src" not in location.parents


def test_downstream_file_runs(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "downstream.py").write_text(DOWNSTREAM)
    result = _run([str(installed), "downstream.py"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "tms-0123456789abcdef0 on eni-0123456789abcdef0 team\n"
