"""IDE autocompletion, checked with jedi (the engine behind several editors).

At ``session.``, ``query.``, ``repo.`` (and the same for targets, filters,
rules and `TrafficMirror`) and inside ``Tag(``, completions must include every
public field and method, inherited ones included, each with its docstring.
"""

from __future__ import annotations

import textwrap

import jedi
import pytest

from ec2_traffic_mirror import (
    FilterQuery,
    FilterRuleQuery,
    PortRange,
    ResolvedSession,
    SessionQuery,
    Tag,
    TargetQuery,
    TrafficMirror,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
    TrafficMirrorFilterRule,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)

HEADER = textwrap.dedent(
    """\
    from ec2_traffic_mirror import (
        FilterQuery, FilterRuleQuery, PortRange, ResolvedSession, SessionQuery, Tag,
        TargetQuery, TrafficMirror, TrafficMirrorFilter, TrafficMirrorFilterRepository,
        TrafficMirrorFilterRule, TrafficMirrorSession, TrafficMirrorSessionRepository,
        TrafficMirrorTarget, TrafficMirrorTargetRepository,
    )

    def show(
        session: TrafficMirrorSession,
        tag: Tag,
        query: SessionQuery,
        repo: TrafficMirrorSessionRepository,
        target: TrafficMirrorTarget,
        filter_: TrafficMirrorFilter,
        rule: TrafficMirrorFilterRule,
        ports: PortRange,
        target_query: TargetQuery,
        filter_query: FilterQuery,
        rule_query: FilterRuleQuery,
        targets: TrafficMirrorTargetRepository,
        filters: TrafficMirrorFilterRepository,
        mirror: TrafficMirror,
        resolved: ResolvedSession,
    ) -> None:
    """
)


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
    """Fields, methods and properties the class and its SDK bases define (not pydantic's)."""
    members: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("ec2_traffic_mirror"):
            members |= {name for name in vars(klass) if not name.startswith("_")}
    members |= set(getattr(cls, "__pydantic_fields__", {}))
    return {name for name in members if not name.startswith("model_")}


@pytest.mark.parametrize(
    ("typed", "cls"),
    [
        ("session.", TrafficMirrorSession),
        ("tag.", Tag),
        ("query.", SessionQuery),
        ("repo.", TrafficMirrorSessionRepository),
        ("target.", TrafficMirrorTarget),
        ("filter_.", TrafficMirrorFilter),
        ("rule.", TrafficMirrorFilterRule),
        ("ports.", PortRange),
        ("target_query.", TargetQuery),
        ("filter_query.", FilterQuery),
        ("rule_query.", FilterRuleQuery),
        ("targets.", TrafficMirrorTargetRepository),
        ("filters.", TrafficMirrorFilterRepository),
        ("mirror.", TrafficMirror),
        ("resolved.", ResolvedSession),
    ],
)
def test_attribute_completion_lists_every_member_with_its_docstring(
    typed: str, cls: type[object]
) -> None:
    completions = _completions(typed)
    expected = _public_members(cls)
    assert len(expected) >= 2, "the class defines public members"
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


@pytest.mark.parametrize(
    ("typed", "cls"),
    [
        ("query.", "SessionQuery"),
        ("target_query.", "TargetQuery"),
        ("filter_query.", "FilterQuery"),
        ("rule_query.", "FilterRuleQuery"),
    ],
)
def test_query_methods_complete_with_their_signature_and_docstring(typed: str, cls: str) -> None:
    completions = _completions(typed)
    page_size = completions["page_size"].docstring()
    assert page_size.startswith(f"page_size(size: int) -> {cls}")
    assert "1000" in page_size


@pytest.mark.parametrize(
    ("typed", "own_method"),
    [
        ("query.page_size(5).owner_id('1').", "session_ids"),
        ("target_query.owner_id('1').page_size(5).", "target_ids"),
        ("rule_query.dry_run().filter_id('tmf-0123abcd').", "traffic_direction"),
    ],
)
def test_a_chain_keeps_its_query_type(typed: str, own_method: str) -> None:
    assert own_method in _completions(typed)


def test_completion_goes_through_to_what_a_method_returns() -> None:
    assert "destination" in _completions("resolved.session and mirror.targets.get('x').")
    assert "from_port" in _completions("rule.destination_port_range.")


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
