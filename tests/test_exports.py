"""The public surface is exactly ``__all__``: renaming a public name is a visible decision."""

from __future__ import annotations

from types import ModuleType

import ec2_traffic_mirror

# The names DESIGN.md fixes. Each must be exported once it exists.
DESIGN_NAMES = frozenset(
    {
        "Tag",
        "TrafficMirrorSession",
        "SessionQuery",
        "TrafficMirrorSessionRepository",
        "Page",
        "TrafficMirrorError",
        "QueryError",
        "AwsApiError",
        "SessionNotFoundError",
        "AccessDeniedError",
        "ResponseValidationError",
    }
)


def test_all_is_sorted_and_unique() -> None:
    names = list(ec2_traffic_mirror.__all__)
    assert names == sorted(names)
    assert len(names) == len(set(names))


def test_every_name_in_all_exists() -> None:
    for name in ec2_traffic_mirror.__all__:
        assert hasattr(ec2_traffic_mirror, name), name


def test_public_attributes_are_exactly_all() -> None:
    # Importing a subpackage (ec2_traffic_mirror.testing, .cli) binds it on the
    # package as Python always does; subpackages are not names the root exports.
    public = {
        name
        for name, value in vars(ec2_traffic_mirror).items()
        if (not name.startswith("_") or name == "__version__") and not isinstance(value, ModuleType)
    }
    assert public == set(ec2_traffic_mirror.__all__)


def test_design_names_that_exist_are_exported() -> None:
    from ec2_traffic_mirror import _errors, _models

    defined: set[str] = set(vars(_models)) | set(vars(_errors))
    for module_name in ("_query", "_repository"):
        module: object = getattr(ec2_traffic_mirror, module_name, None)
        if module is not None:
            defined |= {str(name) for name in vars(module)}
    for name in DESIGN_NAMES & defined:
        assert name in ec2_traffic_mirror.__all__, f"{name} is defined but not exported"


def test_the_model_and_error_names_of_the_design_are_exported() -> None:
    for name in (
        "Tag",
        "TrafficMirrorSession",
        "TrafficMirrorError",
        "QueryError",
        "AwsApiError",
        "SessionNotFoundError",
        "AccessDeniedError",
        "ResponseValidationError",
    ):
        assert name in ec2_traffic_mirror.__all__


def test_error_tree() -> None:
    from ec2_traffic_mirror import (
        AccessDeniedError,
        AwsApiError,
        QueryError,
        ResponseValidationError,
        SessionNotFoundError,
        TrafficMirrorError,
    )

    assert issubclass(QueryError, TrafficMirrorError)
    assert issubclass(QueryError, ValueError)
    assert issubclass(AwsApiError, TrafficMirrorError)
    assert issubclass(SessionNotFoundError, AwsApiError)
    assert issubclass(AccessDeniedError, AwsApiError)
    assert issubclass(ResponseValidationError, TrafficMirrorError)
