"""IDE autocompletion, checked with jedi (the engine behind several editors).

At ``session.``, ``query.``, ``repo.`` and inside ``Tag(``, completions must
include every public field and method, each with its docstring.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import jedi
import pytest

from ec2_traffic_mirror import (
    SessionQuery,
    Tag,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)

HEADER = textwrap.dedent(
    """\
    from ec2_traffic_mirror import (
        SessionQuery, Tag, TrafficMirrorSession, TrafficMirrorSessionRepository
    )

    def show(
        session: TrafficMirrorSession,
        tag: Tag,
        query: SessionQuery,
        repo: TrafficMirrorSessionRepository,
    ) -> None:
    """
)


@pytest.fixture(autouse=True, scope="module")
def _own_jedi_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """jedi's parse cache in a directory of this run's own.

    Its default, ``~/.cache/jedi``, is shared by every process of the machine:
    one that reads a cache file while another writes it fails (EOFError), as
    parallel test runs did.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jedi.settings, "cache_directory", str(tmp_path_factory.mktemp("jedi")))
        yield


def _script(typed: str) -> tuple[jedi.Script, int, int]:
    """A sample file in which the user has just typed ``typed`` in a function body."""
    code = HEADER + "    " + typed + "\n"
    line = HEADER.count("\n") + 1
    return (
        jedi.Script(code, path="sample.py", environment=jedi.InterpreterEnvironment()),
        line,
        4 + len(typed),
    )


def _completions(typed: str) -> dict[str, jedi.Completion]:
    script, line, column = _script(typed)
    return {completion.name: completion for completion in script.complete(line, column)}


def _public_members(cls: type[object]) -> set[str]:
    """Fields, methods and properties the class itself defines (not pydantic's own)."""
    members = {name for name in vars(cls) if not name.startswith("_")}
    members |= set(getattr(cls, "__pydantic_fields__", {}))
    return {name for name in members if not name.startswith("model_")}


@pytest.mark.parametrize(
    ("typed", "cls"),
    [
        ("session.", TrafficMirrorSession),
        ("tag.", Tag),
        ("query.", SessionQuery),
        ("repo.", TrafficMirrorSessionRepository),
    ],
)
def test_attribute_completion_lists_every_member_with_its_docstring(
    typed: str, cls: type[object]
) -> None:
    completions = _completions(typed)
    expected = _public_members(cls)
    assert len(expected) >= 3, "the class defines public members"
    missing = expected - set(completions)
    assert not missing
    for name in sorted(expected):
        docstring = completions[name].docstring()
        assert docstring.strip(), f"{cls.__name__}.{name} completes without a docstring"


def test_field_docstrings_are_the_ones_in_the_source() -> None:
    completions = _completions("session.")
    for name, field in TrafficMirrorSession.model_fields.items():
        assert field.description
        assert field.description in completions[name].docstring()


def test_query_methods_complete_with_their_signature_and_docstring() -> None:
    completions = _completions("query.")
    page_size = completions["page_size"].docstring()
    assert page_size.startswith("page_size(size: int) -> SessionQuery")
    assert "1000" in page_size


def test_constructor_completion_offers_the_snake_case_keywords() -> None:
    completions = _completions("Tag(")
    assert {"key=", "value="} <= set(completions)
    assert "Key=" not in completions
    script, line, column = _script("Tag(")
    [signature] = script.get_signatures(line, column)
    assert [param.name for param in signature.params] == ["key", "value"]
    # jedi gives keyword completions no docstring of their own; the call's
    # signature help shows the class docstring, which documents each argument.
    doc = signature.docstring(raw=True)
    assert "``key``: 1 to 127 Unicode characters" in doc
    assert "``value``: 0 to 256 Unicode characters" in doc
    # The signature reads as types, not as pydantic constraints.
    assert signature.to_string() == "Tag(key: TagKey, value: TagValue)"
