"""The public API's types: no ``Any`` for users to handle, and all of it in the typing matrix.

The downstream typing matrix (``bash scripts/typing-matrix``) checks the
files of ``tests/typing/downstream`` under seven type checkers; these tests
keep those files complete and well formed without running any checker: every
public name is used by a positive file, and every negative file says what it
raises at run time and how to fix it.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import typing
from pathlib import Path

import pytest
from _matrix import DOWNSTREAM, matrix
from pydantic import BaseModel

import ec2_traffic_mirror


def _names_used(path: Path) -> set[str]:
    """The names a file imports from the package root, or reads as ``ec2_traffic_mirror.X``."""
    used: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module == "ec2_traffic_mirror":
            used.update(alias.name for alias in node.names)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "ec2_traffic_mirror"
        ):
            used.add(node.attr)
    return used


def test_every_public_name_is_checked_by_a_positive_file() -> None:
    used: set[str] = set()
    for path in matrix.positives():
        used |= _names_used(path)
    missing = sorted(set(ec2_traffic_mirror.__all__) - used)
    assert not missing, f"add these to a file of {DOWNSTREAM / 'positive'}: {missing}"


def test_negative_files_name_an_exception_and_a_fix() -> None:
    cases = matrix.negatives()
    assert len(cases) >= 40
    for case in cases:
        assert case.fixed != case.path.read_text()
        compile(case.fixed, str(case.path), "exec")
        assert case.raises[0].isupper()


def test_module_names_are_unique_across_the_downstream_folders() -> None:
    # mypy maps each file to a module named after it: two files of one name would clash.
    names = [path.stem for path in matrix.positives()]
    for case in matrix.negatives():
        names += [case.name, f"{case.name}_fixed"]
    assert len(names) == len(set(names))


def test_a_malformed_negative_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.py"
    path.write_text('# raises: QueryError\n# fix: "a" -> "b"\nprint("a", "a")\n')
    with pytest.raises(SystemExit, match="must occur exactly once"):
        matrix.read_negative(path)
    path.write_text('# fix: "a" -> "b"\nprint("a")\n')
    with pytest.raises(SystemExit, match="exactly one '# raises: Name'"):
        matrix.read_negative(path)


# --- no Any in the public API -------------------------------------------------------------


def _mentions_any(annotation: object) -> bool:
    if annotation is typing.Any:
        return True
    return any(_mentions_any(arg) for arg in typing.get_args(annotation))


@functools.cache
def _type_checking_names(module_name: str) -> dict[str, object]:
    """The names a module imports under ``if TYPE_CHECKING:`` (its annotations use them)."""
    names: dict[str, object] = {}
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            imports: list[ast.stmt] = [
                s for s in node.body if isinstance(s, ast.Import | ast.ImportFrom)
            ]
            exec(compile(ast.Module(imports, []), module_name, "exec"), names)
    return names


def _hints(value: object) -> dict[str, object]:
    module = getattr(value, "__module__", "")
    return typing.get_type_hints(value, localns=_type_checking_names(module))


def _public_annotations() -> dict[str, object]:
    """``owner.member`` -> annotation, for everything public the package root exports."""
    found: dict[str, object] = {}

    def add(owner: str, hints: dict[str, object]) -> None:
        for name, hint in hints.items():
            if not name.startswith("_") or name == "return":
                found[f"{owner}.{name}"] = hint

    for name in ec2_traffic_mirror.__all__:
        value = getattr(ec2_traffic_mirror, name)
        if inspect.isclass(value):
            add(name, _hints(value))
            # The class's own members and those of its bases in the package (the
            # shared bases: TaggedModel, BaseQuery, BaseRepository, the paging engine).
            package_classes = [
                klass
                for klass in reversed(value.__mro__)
                if klass.__module__.startswith("ec2_traffic_mirror")
            ]
            for klass in package_classes:
                for member_name, member in vars(klass).items():
                    if member_name.startswith("_") and member_name != "__init__":
                        continue
                    if issubclass(value, BaseModel) and member_name.startswith("model_"):
                        continue  # pydantic's own
                    function = member.fget if isinstance(member, property) else member
                    function = getattr(function, "__func__", function)
                    if inspect.isfunction(function):
                        add(f"{name}.{member_name}", _hints(function))
        elif inspect.isfunction(value):
            add(name, _hints(value))
    return found


def test_no_public_signature_or_attribute_is_typed_any() -> None:
    annotations = _public_annotations()
    assert "ResponseValidationError.raw_item" in annotations
    assert "TrafficMirrorSessionRepository.find.return" in annotations
    assert "TrafficMirrorSession.tag_map.return" in annotations
    with_any = sorted(name for name, hint in annotations.items() if _mentions_any(hint))
    assert not with_any
