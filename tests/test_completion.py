"""IDE autocompletion, checked with jedi (the engine behind several editors).

At ``session.``, ``query.``, ``repo.`` and inside ``Tag(``, completions must
include every public field and method, each with its docstring.
"""

from __future__ import annotations

import textwrap

import jedi
import pytest

from ec2_traffic_mirror import Tag, TrafficMirrorSession

SAMPLE = textwrap.dedent(
    """\
    from ec2_traffic_mirror import Tag, TrafficMirrorSession

    def show(session: TrafficMirrorSession, tag: Tag) -> None:
        session.
        tag.
        Tag(
    """
)


def _completions(line: int, column: int) -> dict[str, jedi.Completion]:
    script = jedi.Script(SAMPLE, path="sample.py", environment=jedi.InterpreterEnvironment())
    return {completion.name: completion for completion in script.complete(line, column)}


def _public_members(cls: type[object]) -> set[str]:
    """Fields, methods and properties the class itself defines (not pydantic's own)."""
    members = {name for name in vars(cls) if not name.startswith("_")}
    members |= set(getattr(cls, "__pydantic_fields__", {}))
    return {name for name in members if not name.startswith("model_")}


@pytest.mark.parametrize(("line", "column", "cls"), [(4, 12, TrafficMirrorSession), (5, 8, Tag)])
def test_attribute_completion_lists_every_member_with_its_docstring(
    line: int, column: int, cls: type[object]
) -> None:
    completions = _completions(line, column)
    expected = _public_members(cls)
    assert expected, "the class defines public members"
    missing = expected - set(completions)
    assert not missing
    for name in sorted(expected):
        docstring = completions[name].docstring()
        assert docstring.strip(), f"{cls.__name__}.{name} completes without a docstring"


def test_field_docstrings_are_the_ones_in_the_source() -> None:
    completions = _completions(4, 12)
    for name, field in TrafficMirrorSession.model_fields.items():
        assert field.description
        assert field.description in completions[name].docstring()


def test_constructor_completion_offers_the_snake_case_keywords() -> None:
    completions = _completions(6, 8)
    assert {"key=", "value="} <= set(completions)
    assert "Key=" not in completions
    script = jedi.Script(SAMPLE, path="sample.py", environment=jedi.InterpreterEnvironment())
    [signature] = script.get_signatures(6, 8)
    assert [param.name for param in signature.params] == ["key", "value"]
    # jedi gives keyword completions no docstring of their own; the call's
    # signature help shows the class docstring, which documents each argument.
    doc = signature.docstring(raw=True)
    assert "``key``: 1 to 127 Unicode characters" in doc
    assert "``value``: 0 to 256 Unicode characters" in doc
    # The signature reads as types, not as pydantic constraints.
    assert signature.to_string() == "Tag(key: TagKey, value: TagValue)"
