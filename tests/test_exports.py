"""The public surface is exactly ``__all__``: renaming a public name is a visible decision."""

from __future__ import annotations

from types import ModuleType

import ec2_traffic_mirror

# The names DESIGN.md fixes: each is exported from the package root.
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


def test_every_name_of_the_design_is_exported() -> None:
    missing = DESIGN_NAMES - set(ec2_traffic_mirror.__all__)
    assert not missing


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
