"""The downstream typing matrix: the installed wheel under seven type checkers.

A user's project sees the SDK as a wheel in its own environment, checked with
its own settings: never this project's pyproject. So this script builds the
wheel, installs it (not editable) in a virtual environment of its own, lays
out a throw-away downstream project outside the work tree, and runs each
checker once over it, with its default or typical settings:

    mypy-plugin    mypy --strict, ``plugins = pydantic.mypy``, no [pydantic-mypy] section
    mypy           mypy --strict
    pyright        pyright, typeCheckingMode strict
    basedpyright   basedpyright, typeCheckingMode strict
    pyrefly        pyrefly check, default settings
    ty             ty check, default settings
    zuban          zuban check, default settings

The downstream project holds three folders:

- ``positive/`` (from this folder): ``assert_type`` over the whole public API;
  every checker must report nothing (no error, no warning).
- ``negative/`` (from this folder): one misuse per file, so that one error
  cannot hide another; every checker must report an error in every file. Each
  file says, in a ``# raises: Name`` line, the exception it raises at run
  time (a negative is always a mistake that fails at run time), and, in a
  ``# fix: OLD -> NEW`` line, the one change that makes it correct.
- ``control/`` (written here): each negative with its fix applied; every
  checker must report nothing, which proves that the negative's error comes
  from the misuse and nothing else.

Then each negative is run in the downstream environment (with dummy
credentials and an endpoint on a closed local port, so nothing reaches AWS)
and must raise the exception it names.

The wheel's environment is cached in ``.cache/typing-matrix`` (keyed on the
wheel's dependencies and the versions installed in ``.venv``; the wheel itself
is reinstalled when its hash changes), and so are mypy's caches: a second run
takes seconds. A fresh clone builds everything from nothing.

Run it as ``bash scripts/typing-matrix`` (or ``.venv/bin/python`` on this
file). ``--keep`` prints and keeps the downstream project for a look.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CACHE = ROOT / ".cache" / "typing-matrix"
BIN = Path(sys.executable).parent
DISTRIBUTION = "ec2-traffic-mirror"

POSITIVE = "positive"
NEGATIVE = "negative"
CONTROL = "control"

_RAISES = re.compile(r"^# raises: (?P<name>\w+)\s*$", re.MULTILINE)
_FIX = re.compile(r"^# fix: (?P<old>.+?) -> (?P<new>.+?)(?:\s+# noqa\S*)?\s*$", re.MULTILINE)

# The settings a downstream project has: each checker's default, or the strict
# mode that typed projects turn on. Nothing here comes from this project's pyproject.
CONFIGS = {
    "mypy-plugin.ini": "[mypy]\nstrict = True\nplugins = pydantic.mypy\n",
    "mypy.ini.txt": "[mypy]\nstrict = True\n",
    "pyrightconfig.json": json.dumps({"typeCheckingMode": "strict"}) + "\n",
    # Empty files: pyrefly and ty then use their defaults and look no further up.
    "pyrefly.toml": "",
    "ty.toml": "",
}


# --- the negative cases ------------------------------------------------------------------


@dataclass(frozen=True)
class Negative:
    """One negative case: its file, the exception it raises, and its fixed text."""

    path: Path
    raises: str
    fixed: str

    @property
    def name(self) -> str:
        return self.path.stem


def read_negative(path: Path) -> Negative:
    """Parse a negative file's ``# raises:`` and ``# fix:`` lines (errors name the file)."""
    text = path.read_text()
    raises = _RAISES.findall(text)
    fixes = list(_FIX.finditer(text))
    if len(raises) != 1 or len(fixes) != 1:
        raise SystemExit(f"{path}: needs exactly one '# raises: Name' and one '# fix: OLD -> NEW'")
    fix = fixes[0]
    body = text[: fix.start()] + text[fix.end() :]
    old, new = fix["old"], fix["new"]
    if body.count(old) != 1:
        raise SystemExit(f"{path}: the fix's {old!r} must occur exactly once in the code")
    return Negative(path=path, raises=raises[0], fixed=body.replace(old, new))


def negatives(folder: Path = HERE / NEGATIVE) -> list[Negative]:
    return [read_negative(path) for path in sorted(folder.glob("*.py"))]


def positives(folder: Path = HERE / POSITIVE) -> list[Path]:
    return sorted(folder.glob("*.py"))


# --- the wheel and its environment --------------------------------------------------------


def _run(args: Sequence[str | Path], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"command failed ({result.returncode}): {' '.join(map(str, args))}\n"
            f"{result.stdout}{result.stderr}"
        )
    return result.stdout


def build_wheel(out: Path) -> Path:
    """Build the wheel of the work tree into ``out`` (hatchling, as pip would, in-process)."""
    script = "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))"
    name = _run([sys.executable, "-c", script, out]).strip().splitlines()[-1]
    return out / name


_EXTRA_MARKER = re.compile(r"""extra == ['"](?P<name>[^'"]+)['"]""")


def requirements(wheel: Path, extras: Sequence[str] = ()) -> list[str]:
    """The wheel's ``Requires-Dist`` lines: the base ones and those of ``extras``."""
    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        lines = archive.read(metadata).decode().splitlines()
    chosen: list[str] = []
    for line in lines:
        if line.startswith("Requires-Dist:"):
            marker = _EXTRA_MARKER.search(line)
            if marker is None or marker["name"] in extras:
                chosen.append(line)
    return sorted(chosen)


def _constraints() -> str:
    """The versions installed in this environment (``.venv``): the downstream one matches them."""
    pins = {
        dist.metadata["Name"].lower(): dist.version
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"] and dist.metadata["Name"].lower() != DISTRIBUTION
    }
    return "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def _locked(cache: Path) -> Generator[None, None, None]:
    """One user of the cache at a time (pytest workers and this script may overlap)."""
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _pip_install(python: Path) -> list[str | Path]:
    # --no-compile: a fifth less install time; the few modules run are compiled on import.
    quiet = ["--quiet", "--disable-pip-version-check", "--no-compile"]
    return [python, "-m", "pip", "install", *quiet]


@contextlib.contextmanager
def downstream_environment(
    cache: Path = CACHE, extras: Sequence[str] = ()
) -> Generator[Path, None, None]:
    """A virtual environment with the wheel of the work tree installed; yields its python.

    ``extras`` are installed with it (``wheel[testing]``), and nothing else: the
    environment has exactly what the wheel declares. One environment per
    ``cache`` folder (others there are removed as stale), so each set of extras
    needs a folder of its own. Held under the folder's lock for the caller's
    whole use, so the wheel cannot change meanwhile.
    """
    with _locked(cache), tempfile.TemporaryDirectory(prefix="wheel-") as out:
        wheel = build_wheel(Path(out))
        constraints = _constraints()
        key_text = "\n".join([sys.version, *requirements(wheel, extras), constraints])
        key = hashlib.sha256(key_text.encode()).hexdigest()[:16]
        venv = cache / f"venv-{key}"
        python = venv / "bin" / "python"
        ready = venv / ".ready"
        for stale in cache.glob("venv-*"):
            if stale != venv:
                shutil.rmtree(stale)
        if not ready.exists():
            shutil.rmtree(venv, ignore_errors=True)
            print(f"==> creating the downstream environment {venv.relative_to(ROOT)}", flush=True)
            _run([sys.executable, "-m", "venv", venv])
            (cache / "constraints.txt").write_text(constraints)
            target = f"{wheel}[{','.join(extras)}]" if extras else wheel
            _run([*_pip_install(python), "--constraint", cache / "constraints.txt", target])
            (venv / ".wheel").write_text(_sha256(wheel))
            ready.touch()
        elif (venv / ".wheel").read_text() != _sha256(wheel):
            _run([*_pip_install(python), "--no-deps", "--force-reinstall", wheel])
            (venv / ".wheel").write_text(_sha256(wheel))
        yield python


# --- the checkers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnostic:
    file: str  # relative to the downstream project, e.g. "negative/tag_value_int.py"
    line: int
    severity: str  # "error" or "warning"; notes and information are left out
    text: str


@dataclass(frozen=True)
class Checker:
    name: str
    distribution: str
    command: Callable[[Path, Path, Path], list[str | Path]]
    """(downstream python, project folder, cache folder) -> the command line."""
    parse: Callable[[str], list[Diagnostic]]

    @property
    def version(self) -> str:
        return importlib.metadata.version(self.distribution)


_MYPY_LINE = re.compile(
    r"^(?P<file>[^:\s]+\.py):(?P<line>\d+): (?P<sev>error|warning): (?P<text>.*)$"
)
_TY_LINE = re.compile(
    r"^(?P<file>[^:\s]+\.py):(?P<line>\d+):\d+: "
    r"(?P<sev>error|warning)\[(?P<rule>[^\]]+)\] (?P<text>.*)$"
)


def _parse_mypy(output: str) -> list[Diagnostic]:
    return [
        Diagnostic(m["file"], int(m["line"]), m["sev"], m["text"])
        for m in map(_MYPY_LINE.match, output.splitlines())
        if m
    ]


def _parse_ty(output: str) -> list[Diagnostic]:
    return [
        Diagnostic(m["file"], int(m["line"]), m["sev"], f"{m['text']} [{m['rule']}]")
        for m in map(_TY_LINE.match, output.splitlines())
        if m
    ]


def _parse_pyright(output: str) -> list[Diagnostic]:
    report = json.loads(output)
    found: list[Diagnostic] = []
    for item in report["generalDiagnostics"]:
        if item["severity"] in {"error", "warning"}:
            rule = item.get("rule", "")
            found.append(
                Diagnostic(
                    item["file"],
                    item["range"]["start"]["line"] + 1,
                    item["severity"],
                    f"{item['message']} [{rule}]" if rule else item["message"],
                )
            )
    return found


def _parse_pyrefly(output: str) -> list[Diagnostic]:
    report = json.loads(output)
    return [
        Diagnostic(
            item["path"],
            item["line"],
            item["severity"].lower(),
            f"{item['description']} [{item['name']}]",
        )
        for item in report["errors"]
        if item["severity"].lower() in {"error", "warning"}
    ]


FOLDERS = (POSITIVE, NEGATIVE, CONTROL)

CHECKERS = (
    Checker(
        "mypy-plugin",
        "mypy",
        lambda py, project, cache: [
            BIN / "mypy",
            "--config-file=mypy-plugin.ini",
            f"--python-executable={py}",
            f"--cache-dir={cache / 'mypy-plugin'}",
            *FOLDERS,
        ],
        _parse_mypy,
    ),
    Checker(
        "mypy",
        "mypy",
        lambda py, project, cache: [
            BIN / "mypy",
            "--config-file=mypy.ini.txt",
            f"--python-executable={py}",
            f"--cache-dir={cache / 'mypy'}",
            *FOLDERS,
        ],
        _parse_mypy,
    ),
    Checker(
        "pyright",
        "pyright",
        lambda py, project, cache: [BIN / "pyright", "--outputjson", "--pythonpath", py, *FOLDERS],
        _parse_pyright,
    ),
    Checker(
        "basedpyright",
        "basedpyright",
        lambda py, project, cache: [
            BIN / "basedpyright",
            "--outputjson",
            "--pythonpath",
            py,
            *FOLDERS,
        ],
        _parse_pyright,
    ),
    Checker(
        "pyrefly",
        "pyrefly",
        lambda py, project, cache: [
            BIN / "pyrefly",
            "check",
            "--python-interpreter-path",
            py,
            "--output-format=json",
            *FOLDERS,
        ],
        _parse_pyrefly,
    ),
    Checker(
        "ty",
        "ty",
        lambda py, project, cache: [
            BIN / "ty",
            "check",
            "--python",
            py,
            "--output-format=concise",
            "--color=never",
            *FOLDERS,
        ],
        _parse_ty,
    ),
    Checker(
        "zuban",
        "zuban",
        lambda py, project, cache: [BIN / "zuban", "check", f"--python-executable={py}", *FOLDERS],
        _parse_mypy,
    ),
)


# --- one run ------------------------------------------------------------------------------


@dataclass
class Outcome:
    checker: Checker
    seconds: float = 0.0
    by_file: dict[str, list[Diagnostic]] = field(default_factory=dict[str, list[Diagnostic]])
    crash: str | None = None


def _relative(project: Path, file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(project.resolve()).as_posix()
    return path.as_posix()


def run_checker(checker: Checker, python: Path, project: Path, cache: Path) -> Outcome:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["NO_COLOR"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    started = time.monotonic()
    result = subprocess.run(
        [str(arg) for arg in checker.command(python, project, cache)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    outcome = Outcome(checker, seconds=time.monotonic() - started)
    try:
        diagnostics = checker.parse(result.stdout)
    except (ValueError, KeyError) as error:
        diagnostics = []
        outcome.crash = f"unreadable output ({error})"
    # Exit status 0 or 1 (errors found) is a normal run; anything else is a crash.
    if result.returncode not in {0, 1} or (result.returncode == 1 and not diagnostics):
        outcome.crash = outcome.crash or f"exit status {result.returncode}"
    if outcome.crash:
        outcome.crash += f"\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    for diagnostic in diagnostics:
        file = _relative(project, diagnostic.file)
        outcome.by_file.setdefault(file, []).append(diagnostic)
    return outcome


_RUNTIME_PROBE = """
import json, runpy, sys
results = {}
for path in sys.argv[1:]:
    try:
        runpy.run_path(path, run_name="__main__")
    except BaseException as error:  # noqa: BLE001 - each case names what it raises
        results[path] = [cls.__name__ for cls in type(error).__mro__]
    else:
        results[path] = []
print(json.dumps(results))
"""


def run_negatives(python: Path, project: Path, cases: Sequence[Negative]) -> dict[str, list[str]]:
    """Run each negative in the downstream environment; the exception class names it raised."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        # Port 9 (discard) on the loopback is closed: a call that got this far fails at once.
        AWS_ENDPOINT_URL="http://127.0.0.1:9",
        AWS_MAX_ATTEMPTS="1",
    )
    files = [f"{NEGATIVE}/{case.path.name}" for case in cases]
    output = _run([python, "-c", _RUNTIME_PROBE, *files], cwd=project, env=env)
    results: dict[str, list[str]] = json.loads(output)
    return {Path(file).stem: names for file, names in results.items()}


def lay_out_project(project: Path, cases: Sequence[Negative]) -> None:
    for name, text in CONFIGS.items():
        (project / name).write_text(text)
    for folder in FOLDERS:
        (project / folder).mkdir()
    for path in positives():
        shutil.copy(path, project / POSITIVE / path.name)
    for case in cases:
        shutil.copy(case.path, project / NEGATIVE / case.path.name)
        (project / CONTROL / f"{case.name}_fixed.py").write_text(case.fixed)


def _describe(file: str, diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(f"      {file}:{d.line}: {d.severity}: {d.text}\n" for d in diagnostics)


def report(
    outcomes: Sequence[Outcome], cases: Sequence[Negative], runtime: dict[str, list[str]]
) -> bool:
    """Print the table and every failure; whether everything held."""
    positive_files = [f"{POSITIVE}/{path.name}" for path in positives()]
    clean_files = positive_files + [f"{CONTROL}/{case.name}_fixed.py" for case in cases]
    failures: list[str] = []
    rows: list[tuple[str, ...]] = []
    for outcome in outcomes:
        name = outcome.checker.name
        if outcome.crash:
            failures.append(f"{name}: crashed: {outcome.crash}")
        dirty = [f for f in clean_files if outcome.by_file.get(f)]
        failures.extend(
            f"{name}: expected no diagnostics in {file}, got:\n"
            + _describe(file, outcome.by_file[file])
            for file in dirty
        )
        missed = [
            case.name
            for case in cases
            if not any(
                d.severity == "error"
                for d in outcome.by_file.get(f"{NEGATIVE}/{case.path.name}", [])
            )
        ]
        failures.extend(f"{name}: no error in {NEGATIVE}/{case}.py" for case in missed)
        clean_positive = sum(1 for f in positive_files if not outcome.by_file.get(f))
        clean_control = len(cases) - sum(1 for f in dirty if f.startswith(CONTROL))
        rows.append(
            (
                name,
                outcome.checker.version,
                f"{clean_positive}/{len(positive_files)} clean",
                f"{len(cases) - len(missed)}/{len(cases)} errors",
                f"{clean_control}/{len(cases)} clean",
                f"{outcome.seconds:.1f}s",
            )
        )
    raised = 0
    for case in cases:
        names = runtime.get(case.name, [])
        if case.raises in names:
            raised += 1
        else:
            got = names[0] if names else "nothing"
            failures.append(
                f"run time: {NEGATIVE}/{case.path.name} raised {got}, expected {case.raises}"
            )
    header = ("checker", "version", "positive files", "negative files", "controls", "time")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    print(f"run time: {raised}/{len(cases)} negative files raise the exception they name")
    for failure in failures:
        print(f"!!! {failure.rstrip()}")
    return not failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The downstream typing matrix.")
    parser.add_argument("--keep", action="store_true", help="keep the downstream project")
    parser.add_argument("--only", action="append", help="run only this checker (repeatable)")
    args = parser.parse_args(argv)
    cases = negatives()
    checkers = [c for c in CHECKERS if not args.only or c.name in args.only]
    started = time.monotonic()
    with downstream_environment() as python:
        project = Path(tempfile.mkdtemp(prefix="ec2tm-downstream-"))
        try:
            lay_out_project(project, cases)
            # Two at a time: the machine has two cores, and node-based pyright mostly waits.
            with ThreadPoolExecutor(max_workers=2) as pool:
                futures = [pool.submit(run_checker, c, python, project, CACHE) for c in checkers]
                runtime = run_negatives(python, project, cases)
                outcomes = [future.result() for future in futures]
        finally:
            if args.keep:
                print(f"==> downstream project kept in {project}")
            else:
                shutil.rmtree(project, ignore_errors=True)
    ok = report(outcomes, cases, runtime)
    print(f"==> typing matrix {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.0f}s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
