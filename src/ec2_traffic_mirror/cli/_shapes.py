"""botocore's service model as the command line's reference: key order and types.

The AWS CLI prints what botocore parsed, and botocore's parser fills each
structure in the order its shape lists the members. So `ordered` puts the keys
of any document in the order of an output shape (``PacketLength`` before
``SessionNumber``, as ``aws`` prints them), found by operation name: nothing
here is particular to sessions. `check` tells whether a value from the command
line (shorthand or JSON) has the types an input shape asks for, naming the
path of the first value that does not (``Filters[0].Values[1]``), before any call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from botocore.model import ServiceModel, Shape, StructureShape

__all__ = ["ShapeError", "check", "input_member", "ordered", "output_shape"]


class ShapeError(ValueError):
    """A value whose type the model does not allow; ``str()`` names the path and the rule."""


def output_shape(model: ServiceModel, operation: str) -> StructureShape:
    """The output shape of ``operation`` (``DescribeTrafficMirrorSessions``, say)."""
    shape = model.operation_model(operation).output_shape
    if shape is None:  # pragma: no cover - every operation the CLI uses has an output
        raise KeyError(f"{operation} has no output shape")
    return shape


def input_member(model: ServiceModel, operation: str, member: str) -> Shape:
    """The shape of the input member ``member`` of ``operation`` (``Filters``, say)."""
    shape = model.operation_model(operation).input_shape
    if shape is None:  # pragma: no cover
        raise KeyError(f"{operation} has no input shape")
    return shape.members[member]


def _members(shape: Shape) -> Mapping[str, Shape]:
    members: Mapping[str, Shape] = getattr(shape, "members")  # noqa: B009
    return members


def _member(shape: Shape) -> Shape:
    member: Shape = getattr(shape, "member")  # noqa: B009
    return member


def _value_shape(shape: Shape) -> Shape:
    value: Shape = getattr(shape, "value")  # noqa: B009
    return value


def ordered(value: object, shape: Shape | None) -> object:
    """``value`` with every object's keys in the order of ``shape``'s members, recursively.

    Keys the shape does not know (a member this SDK adds, such as ``Deleted``)
    keep their order after the known ones. Lists follow their member shape.
    """
    original = value
    if shape is None:
        return value
    if isinstance(value, dict):
        fields = cast("dict[str, object]", value)
        if shape.type_name == "structure":
            members = _members(shape)
            known = {name: ordered(fields[name], member) for name, member in members.items()
                     if name in fields}  # fmt: skip
            known.update((name, item) for name, item in fields.items() if name not in members)
            return known
        if shape.type_name == "map":
            value_shape = _value_shape(shape)
            return {name: ordered(item, value_shape) for name, item in fields.items()}
        return fields
    if isinstance(value, list) and shape.type_name == "list":
        member = _member(shape)
        items = cast("list[object]", value)
        return [ordered(item, member) for item in items]
    return original


def _kind(value: object) -> str:
    return f"{value!r} ({type(value).__name__})"


def check(value: object, shape: Shape, path: str) -> None:
    """Raise `ShapeError` unless ``value`` has the types ``shape`` allows (as botocore checks).

    Structures must be objects with known keys and their required members;
    lists, lists; strings, strings; integers, integers (not booleans); and so on.
    """
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise ShapeError(
                f"{path} must be an object with the keys {_keys(shape)}, got {_kind(value)}"
            )
        fields = cast("dict[object, object]", value)
        members = _members(shape)
        for key, item in fields.items():
            if key not in members:
                raise ShapeError(f"{path} has the unknown key {key!r}; the keys are {_keys(shape)}")
            check(item, members[str(key)], f"{path}.{key}")
        required: list[str] = list(getattr(shape, "required_members", ()))
        for name in required:
            if name not in fields:
                raise ShapeError(f"{path} needs the key {name!r}")
    elif kind == "list":
        if not isinstance(value, list):
            raise ShapeError(f"{path} must be a list, got {_kind(value)}")
        member = _member(shape)
        for index, item in enumerate(cast("list[object]", value)):
            check(item, member, f"{path}[{index}]")
    elif kind == "map":
        if not isinstance(value, dict):
            raise ShapeError(f"{path} must be an object, got {_kind(value)}")
        value_shape = _value_shape(shape)
        for key, item in cast("dict[object, object]", value).items():
            check(item, value_shape, f"{path}.{key}")
    elif kind == "string":
        if not isinstance(value, str):
            raise ShapeError(f"{path} must be a string, got {_kind(value)}")
    elif kind in {"integer", "long"}:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ShapeError(f"{path} must be an integer, got {_kind(value)}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise ShapeError(f"{path} must be true or false, got {_kind(value)}")
    elif kind in {"float", "double"} and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        raise ShapeError(f"{path} must be a number, got {_kind(value)}")


def _keys(shape: Shape) -> str:
    return ", ".join(_members(shape))
