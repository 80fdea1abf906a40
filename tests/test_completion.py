"""IDE autocompletion, checked with jedi (the engine behind several editors).

At ``session.``, ``query.``, ``repo.`` (and the same for targets, filters,
rules and `TrafficMirror`) and inside ``Tag(``, completions must include every
public field and method, inherited ones included, each with its docstring. For
every model: each field's type is inferred (optional ones too), the items of a
tuple field complete by index and as a loop variable, and the constructor's
signature is the one type checkers see (the typed ``__init__``).

pydantic's deprecated v1 methods (``dict``, ``json``, ``parse_obj``, ...) do
show at ``session.``: jedi lists every name a class inherits and reads no
``@deprecated``, and they cannot leave ``BaseModel`` without breaking code
that still calls them.
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
import types
from collections.abc import Iterator
from typing import Annotated, Literal, Union, get_args, get_origin

import jedi
import pytest
from _typed_init import is_tuple, models, normalize, params, typed_init
from pydantic import BaseModel

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


# --- every model: attribute types, tuple items, and the constructor's signature -------------


def _model_script(model: type[BaseModel], typed: str) -> tuple[jedi.Script, int, int]:
    """A sample file with a parameter of the model's type, where the user typed ``typed``."""
    code = (
        f"from ec2_traffic_mirror import {model.__name__}\n\n"
        f"def show(obj: {model.__name__}) -> None:\n    {typed}\n"
    )
    environment = jedi.InterpreterEnvironment()
    return jedi.Script(code, path="sample.py", environment=environment), 4, 4 + len(typed)


def _jedi_names(annotation: object) -> set[str]:
    """The names jedi gives the values of a type: ``int | None`` -> {"int", "NoneType"}."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _jedi_names(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return {name for arg in get_args(annotation) for name in _jedi_names(arg)}
    if origin is Literal:
        return {type(value).__name__ for value in get_args(annotation)}
    if annotation is None or annotation is type(None):
        return {"NoneType"}
    if origin is not None:
        return {origin.__name__}
    assert isinstance(annotation, type)
    return {annotation.__name__}


def _has_literal(annotation: object) -> bool:
    return get_origin(annotation) is Literal or any(
        _has_literal(arg) for arg in get_args(annotation)
    )


MODELS = models()
FIELDS = [(model, name) for model in MODELS for name in model.model_fields]
# Tuple fields whose items are classes (jedi infers no type for a Literal at all).
TUPLE_FIELDS = [
    (model, name)
    for model in MODELS
    for name, field in model.model_fields.items()
    if is_tuple(field.annotation) and isinstance(get_args(field.annotation)[0], type)
]


@pytest.mark.parametrize(
    ("model", "name"), FIELDS, ids=lambda value: getattr(value, "__name__", str(value))
)
def test_every_field_has_its_type_inferred(model: type[BaseModel], name: str) -> None:
    # jedi reads `int | None` but not `Annotated[int, ...] | None`: see the recipe in _AwsModel.
    script, line, column = _model_script(model, f"obj.{name}")
    inferred = {value.name for value in script.infer(line, column)}
    annotation = model.model_fields[name].annotation
    if _has_literal(annotation):
        # jedi infers no type for a Literal: nothing wrong is all it can give.
        assert inferred <= _jedi_names(annotation)
    else:
        assert inferred == _jedi_names(annotation)


def test_the_fields_checked_include_the_optional_ones() -> None:
    optional = {name for model, name in FIELDS if not model.model_fields[name].is_required()}
    assert {"packet_length", "virtual_network_id", "description", "tags"} <= optional
    assert (TrafficMirrorSession, "tags") in TUPLE_FIELDS


@pytest.mark.parametrize(
    ("model", "name"), TUPLE_FIELDS, ids=lambda value: getattr(value, "__name__", str(value))
)
@pytest.mark.parametrize("form", ["index", "loop"])
def test_items_of_a_tuple_field_complete(model: type[BaseModel], name: str, form: str) -> None:
    [item] = {arg for arg in get_args(model.model_fields[name].annotation) if arg is not ...}
    assert isinstance(item, type)
    typed = f"obj.{name}[0]." if form == "index" else f"for item in obj.{name}:\n        item."
    code = (
        f"from ec2_traffic_mirror import {model.__name__}\n\n"
        f"def show(obj: {model.__name__}) -> None:\n    {typed}\n"
    )
    last = code.rstrip("\n").split("\n")[-1]
    script = jedi.Script(code, path="sample.py", environment=jedi.InterpreterEnvironment())
    completions = {c.name: c for c in script.complete(code.count("\n"), len(last))}
    expected = _public_members(item)
    assert expected <= set(completions)
    for member in expected & set(getattr(item, "__pydantic_fields__", {})):
        assert completions[member].docstring().strip()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_constructor_signature_is_the_one_type_checkers_see(model: type[BaseModel]) -> None:
    """jedi shows the fields as the signature; they match the typed ``__init__`` exactly."""
    init = typed_init(model)
    assert init is not None
    declared = params(model, init)
    script, line, column = _model_script(model, f"{model.__name__}(")
    [signature] = script.get_signatures(line, column)
    assert [param.name for param in signature.params] == [param.name for param in declared]
    namespace = vars(sys.modules[model.__module__])
    for shown, param in zip(signature.params, declared, strict=True):
        function = ast.parse(f"def f({shown.to_string()}): pass").body[0]
        assert isinstance(function, ast.FunctionDef)
        [arg] = function.args.args
        assert arg.annotation is not None
        annotation = eval(ast.unparse(arg.annotation), dict(namespace))
        assert normalize(annotation) == normalize(param.annotation), shown.to_string()
        assert ("=" in shown.to_string()) == param.has_default, shown.to_string()
    assert signature.docstring(raw=True) == inspect.getdoc(model)


@pytest.fixture(autouse=True)
def _jedi_reads_the_package_s_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """jedi finds ``ec2_traffic_mirror`` as an editor does: its source files.

    The package ships a pytest plugin (a ``pytest11`` entry point), so pytest
    marks the package for assertion rewriting and its import hook answers
    ``find_spec("ec2_traffic_mirror")`` first; jedi then takes the package for
    a compiled module and completes from the live classes instead of reading
    the source (no field of a model would complete). Without the hook, jedi
    resolves imports the way it does in an editor.
    """
    from _pytest.assertion.rewrite import AssertionRewritingHook

    finders = [finder for finder in sys.meta_path if not isinstance(finder, AssertionRewritingHook)]
    monkeypatch.setattr(sys, "meta_path", finders)
