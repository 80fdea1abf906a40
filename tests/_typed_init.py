"""The constructor that type checkers see for a model, read from its source, against its fields.

Every model declares, under ``if TYPE_CHECKING:``, the ``__init__`` that type
checkers read (pydantic's own runs; see the recipe in ``_AwsModel``). It
restates the fields, so `mismatches` compares the two: names and their
order, types (``Annotated`` metadata aside, as type checkers read them),
defaults and required-ness; and, for each tuple field, the declaration jedi
reads in that ``__init__``'s unreachable block, with the field's docstring.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
import textwrap
import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

import ec2_traffic_mirror

# The shared base is private to the package; these tests are its only other users.
from ec2_traffic_mirror._models import _AwsModel  # pyright: ignore[reportPrivateUsage]

# The optional extras' subpackages hold no models and import optional dependencies.
_SKIPPED_SUBPACKAGES = ("ec2_traffic_mirror.cli", "ec2_traffic_mirror.testing")


def models() -> list[type[BaseModel]]:
    """Every model of the package: the subclasses of the shared base, found in every module.

    The shared bases under it (``TaggedModel``, ``AwsModel``: no fields of their
    own, subclassed by the models) are not models: nobody builds one.
    """
    packages = [ec2_traffic_mirror]
    while packages:
        package = packages.pop()
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            if info.name not in _SKIPPED_SUBPACKAGES:
                module = importlib.import_module(info.name)
                if info.ispkg:
                    packages.append(module)
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [_AwsModel]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("ec2_traffic_mirror.") and not _is_base(subclass):
                found.append(subclass)
    return sorted(found, key=lambda cls: cls.__qualname__)


def _is_base(cls: type[BaseModel]) -> bool:
    return not cls.model_fields and bool(cls.__subclasses__())


def normalize(annotation: object) -> object:
    """A type as type checkers compare it: no ``Annotated`` metadata, unions as sets."""
    if annotation is None:
        return type(None)
    origin = get_origin(annotation)
    if origin is Annotated:
        return normalize(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return ("union", frozenset(normalize(arg) for arg in get_args(annotation)))
    if origin is None:
        return annotation
    return (origin, tuple(normalize(arg) for arg in get_args(annotation)))


def is_tuple(annotation: object) -> bool:
    return get_origin(annotation) is tuple


@dataclass(frozen=True)
class Param:
    name: str
    annotation: object
    has_default: bool
    default: object


@dataclass(frozen=True)
class JediHint:
    name: str
    annotation: object
    docstring: str | None


def _is_type_checking(test: ast.expr, *, negated: bool = False) -> bool:
    if negated:
        return (
            isinstance(test, ast.UnaryOp)
            and isinstance(test.op, ast.Not)
            and _is_type_checking(test.operand)
        )
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def typed_init(cls: type) -> ast.FunctionDef | None:
    """The ``__init__`` under the class body's ``if TYPE_CHECKING:``, if there is one."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    [node] = tree.body
    assert isinstance(node, ast.ClassDef)
    inits = [
        statement
        for block in node.body
        if isinstance(block, ast.If) and _is_type_checking(block.test)
        for statement in block.body
        if isinstance(statement, ast.FunctionDef) and statement.name == "__init__"
    ]
    return inits[0] if len(inits) == 1 else None


def _evaluate(node: ast.expr, cls: type) -> Any:
    namespace = dict(vars(sys.modules[cls.__module__]))
    namespace.setdefault(cls.__name__, cls)
    return eval(compile(ast.Expression(node), "<annotation>", "eval"), namespace)


def params(cls: type, init: ast.FunctionDef) -> list[Param]:
    """The keyword-only parameters of the typed ``__init__``, evaluated in the model's module."""
    args = init.args
    defaults: list[ast.expr | None] = list(args.kw_defaults)
    found: list[Param] = []
    for arg, default in zip(args.kwonlyargs, defaults, strict=True):
        assert arg.annotation is not None, f"{cls.__name__}.__init__: {arg.arg} has no annotation"
        found.append(
            Param(
                name=arg.arg,
                annotation=_evaluate(arg.annotation, cls),
                has_default=default is not None,
                default=None if default is None else _evaluate(default, cls),
            )
        )
    return found


def jedi_hints(cls: type, init: ast.FunctionDef) -> list[JediHint]:
    """The ``self.<name>: <type>`` declarations under ``if not TYPE_CHECKING:`` in ``__init__``."""
    hints: list[JediHint] = []
    for block in init.body:
        if not (isinstance(block, ast.If) and _is_type_checking(block.test, negated=True)):
            continue
        for index, statement in enumerate(block.body):
            if not isinstance(statement, ast.AnnAssign):
                continue
            target = statement.target
            assert isinstance(target, ast.Attribute), ast.unparse(statement)
            following = block.body[index + 1] if index + 1 < len(block.body) else None
            docstring = None
            if (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docstring = following.value.value
            hints.append(JediHint(target.attr, _evaluate(statement.annotation, cls), docstring))
    return hints


def _strictness(field: FieldInfo) -> bool | None:
    strict: bool | None = None
    for item in field.metadata:
        value = getattr(item, "strict", None)
        if isinstance(value, bool):
            strict = value
    return strict


def mismatches(cls: type[BaseModel]) -> list[str]:
    """Every way the model's typed ``__init__`` (and jedi's hints) disagree with its fields."""
    name = cls.__name__
    problems: list[str] = []
    if "__init__" in vars(cls):
        problems.append(f"{name}: __init__ is defined at run time (only type checkers may see it)")
    init = typed_init(cls)
    if init is None:
        return [*problems, f"{name}: no __init__ under 'if TYPE_CHECKING:' in the class body"]
    args = init.args
    if [arg.arg for arg in args.posonlyargs + args.args] != ["self"]:
        problems.append(f"{name}.__init__: only self may be positional")
    if args.vararg or args.kwarg:
        problems.append(f"{name}.__init__: no *args or **kwargs (unknown keywords are errors)")
    fields = cls.model_fields
    declared = params(cls, init)
    if [p.name for p in declared] != list(fields):
        problems.append(
            f"{name}.__init__: parameters {[p.name for p in declared]} are not the fields "
            f"{list(fields)} (same names, same order)"
        )
    for param in declared:
        field = fields.get(param.name)
        if field is None:
            continue
        if normalize(param.annotation) != normalize(field.annotation):
            problems.append(
                f"{name}.__init__: {param.name} is {param.annotation!r}, "
                f"the field is {field.annotation!r}"
            )
        if param.has_default == field.is_required():
            problems.append(
                f"{name}.__init__: {param.name} is "
                f"{'optional' if param.has_default else 'required'}, the field is not"
            )
        elif param.has_default:
            default = field.get_default(call_default_factory=True)
            if param.default != default or type(param.default) is not type(default):
                problems.append(
                    f"{name}.__init__: {param.name} defaults to {param.default!r}, "
                    f"the field to {default!r}"
                )
    hints = {hint.name: hint for hint in jedi_hints(cls, init)}
    for field_name, field in fields.items():
        hint = hints.pop(field_name, None)
        if not is_tuple(field.annotation):
            if hint is not None:
                problems.append(f"{name}.__init__: a jedi hint for {field_name}, not a tuple")
            continue
        if _strictness(field) is not False:
            problems.append(
                f"{name}.{field_name}: a tuple field needs Field(strict=False) (boto3 gives lists)"
            )
        if hint is None:
            problems.append(
                f"{name}.__init__: no 'self.{field_name}: ...' under 'if not TYPE_CHECKING:' "
                "(jedi infers no item type for a tuple annotated on the class)"
            )
        elif normalize(hint.annotation) != normalize(field.annotation):
            problems.append(f"{name}.__init__: the jedi hint for {field_name} has another type")
        elif hint.docstring != field.description:
            problems.append(
                f"{name}.__init__: the jedi hint for {field_name} needs the field's docstring"
            )
    problems.extend(f"{name}.__init__: a jedi hint for {extra}, not a field" for extra in hints)
    return problems
