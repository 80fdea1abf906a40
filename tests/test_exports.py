"""The public surface is exactly ``__all__``: renaming a public name is a visible decision."""

from __future__ import annotations

import re
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
        "TrafficMirrorTarget",
        "TrafficMirrorFilter",
        "TrafficMirrorFilterRule",
        "PortRange",
        "TargetQuery",
        "FilterQuery",
        "FilterRuleQuery",
        "TrafficMirrorTargetRepository",
        "TrafficMirrorFilterRepository",
        "TrafficMirror",
        "ResolvedSession",
        "ResourceNotFoundError",
        "TargetNotFoundError",
        "FilterNotFoundError",
        "FilterRuleNotFoundError",
        "LimitExceededError",
        "Scope",
        "Fleet",
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
        ClientSideError,
        CredentialsError,
        DryRunOperationError,
        EndpointError,
        FilterNotFoundError,
        FilterRuleNotFoundError,
        FleetError,
        FleetTaskError,
        InvalidRequestError,
        InvalidTokenError,
        LimitExceededError,
        ParameterValidationError,
        QueryError,
        RegionError,
        RequestTimeoutError,
        ResourceInUseError,
        ResourceNotFoundError,
        ResponseValidationError,
        ScopeAccountError,
        SessionNotFoundError,
        TargetNotFoundError,
        ThrottlingError,
        TrafficMirrorError,
    )

    assert issubclass(QueryError, TrafficMirrorError)
    assert issubclass(QueryError, ValueError)
    assert issubclass(AwsApiError, TrafficMirrorError)
    assert issubclass(SessionNotFoundError, AwsApiError)
    assert issubclass(AccessDeniedError, AwsApiError)
    assert issubclass(ResponseValidationError, TrafficMirrorError)
    parents = {
        ResourceNotFoundError: AwsApiError,
        SessionNotFoundError: ResourceNotFoundError,
        TargetNotFoundError: ResourceNotFoundError,
        FilterNotFoundError: ResourceNotFoundError,
        FilterRuleNotFoundError: ResourceNotFoundError,
        LimitExceededError: AwsApiError,
        ResourceInUseError: AwsApiError,
        AccessDeniedError: AwsApiError,
        InvalidRequestError: AwsApiError,
        InvalidTokenError: InvalidRequestError,
        DryRunOperationError: AwsApiError,
        ThrottlingError: AwsApiError,
        ClientSideError: TrafficMirrorError,
        CredentialsError: ClientSideError,
        RegionError: ClientSideError,
        ParameterValidationError: ClientSideError,
        EndpointError: ClientSideError,
        RequestTimeoutError: EndpointError,
        FleetError: TrafficMirrorError,
        ScopeAccountError: FleetError,
        FleetTaskError: FleetError,
    }
    for cls, parent in parents.items():
        assert cls.__bases__ == (parent,), cls


def test_the_error_tree_drawing_is_the_real_tree() -> None:
    from ec2_traffic_mirror import TrafficMirrorError, _errors

    drawing = (_errors.__doc__ or "").split("The tree::")[1].split("`AwsApiError` keeps")[0]
    drawn: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in drawing.splitlines():
        match = re.search(r"[A-Z][A-Za-z]*Error", line)
        if match is None:
            continue
        while stack and stack[-1][0] >= match.start():
            stack.pop()
        drawn[match.group()] = stack[-1][1] if stack else None
        stack.append((match.start(), match.group()))
    errors = {
        name: cls
        for name in ec2_traffic_mirror.__all__
        if isinstance(cls := getattr(ec2_traffic_mirror, name), type)
        and issubclass(cls, TrafficMirrorError)
    }
    assert set(drawn) == set(errors)
    for name, parent in drawn.items():
        bases = errors[name].__bases__
        assert (bases[0].__name__ if parent else None) == (parent or None), name
