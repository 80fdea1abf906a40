"""Fleet and Scope as a downstream project uses them: many accounts and regions at once."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Mapping

from botocore.config import Config
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    FilterQuery,
    Fleet,
    FleetError,
    FleetFailure,
    FleetItem,
    FleetListing,
    FleetProgress,
    FleetTaskError,
    OnInvalid,
    ResolvedSession,
    Scope,
    ScopeAccountError,
    SessionQuery,
    TargetQuery,
    TrafficMirrorError,
    TrafficMirrorFilter,
    TrafficMirrorSession,
    TrafficMirrorTarget,
)

# --- Scope ---------------------------------------------------------------------------------

scope = Scope("123456789012", "eu-west-1", "AuditRole")
assert_type(scope, Scope)
assert_type(Scope("123456789012", "us-east-1"), Scope)
assert_type(Scope(account_id="123456789012", region="us-east-1", role=None), Scope)
assert_type(scope.account_id, str)
assert_type(scope.region, str)
assert_type(scope.role, "str | None")


def organization() -> None:
    scopes = Scope.from_organization(
        role_name="OrganizationAccountAccessRole",
        regions=["eu-west-1", "us-east-1"],
        profile_name="management",
        region_name="us-east-1",
        endpoint_url=None,
        config=Config(retries={"mode": "adaptive"}),
    )
    assert_type(scopes, tuple[Scope, ...])
    assert_type(Scope.from_organization(role_name="Audit"), tuple[Scope, ...])
    fleet = Fleet.from_organization(role_name="Audit", regions=("eu-west-1",), max_in_flight=8)
    assert_type(fleet, Fleet)


# --- Fleet ---------------------------------------------------------------------------------


def report(progress: FleetProgress) -> None:
    assert_type(progress.scopes, int)
    assert_type(progress.done, int)
    assert_type(progress.failed, int)
    assert_type(progress.running, int)
    assert_type(progress.waiting, int)
    assert_type(progress.items, int)
    assert_type(progress.finished, bool)


def listings(pool: concurrent.futures.Executor) -> None:
    fleet = Fleet(
        [scope, Scope("210987654321", "eu-west-1", "AuditRole")],
        executor=pool,
        max_in_flight=32,
        profile_name="audit",
        role_session_name="inventory",
        external_id="org-audit",
        endpoint_url="http://127.0.0.1:5000",
        config=Config(retries={"mode": "standard", "total_max_attempts": 5}),
        on_invalid="skip",
        progress=report,
    )
    assert_type(Fleet([scope]), Fleet)
    assert_type(fleet.scopes, tuple[Scope, ...])
    assert_type(fleet.executor, "concurrent.futures.Executor | None")
    assert_type(fleet.max_in_flight, int)
    assert_type(fleet.on_invalid, OnInvalid)

    sessions = fleet.sessions(SessionQuery().description("prod-*").page_size(100))
    assert_type(sessions, FleetListing[TrafficMirrorSession])
    with sessions as listing:
        assert_type(listing, FleetListing[TrafficMirrorSession])
        for entry in listing:
            assert_type(entry, FleetItem[TrafficMirrorSession])
            assert_type(entry.scope, Scope)
            assert_type(entry.item, TrafficMirrorSession)
            assert_type(entry.item.owner_id, str)
            assert_type(entry.resume_token, "str | None")
    assert_type(sessions.scopes, tuple[Scope, ...])
    assert_type(sessions.finished, bool)
    assert_type(sessions.progress, FleetProgress)
    assert_type(sessions.unfinished, dict[Scope, str])
    assert_type(sessions.skipped_items, tuple[tuple[Scope, Mapping[str, object]], ...])
    failures = sessions.failures
    assert_type(failures, tuple[FleetFailure[TrafficMirrorSession], ...])
    for failure in failures:
        assert_type(failure.scope, Scope)
        assert_type(failure.error, TrafficMirrorError)
        assert_type(failure.resume_token, "str | None")
        assert_type(failure.items, int)
    assert_type(fleet.resume(failures), FleetListing[TrafficMirrorSession])
    assert_type(
        fleet.sessions(starting_tokens=sessions.unfinished), FleetListing[TrafficMirrorSession]
    )
    sessions.close()

    assert_type(fleet.targets(), FleetListing[TrafficMirrorTarget])
    assert_type(fleet.targets(TargetQuery().page_size(50)), FleetListing[TrafficMirrorTarget])
    assert_type(fleet.filters(FilterQuery()), FleetListing[TrafficMirrorFilter])
    for resolved in fleet.resolved_sessions():
        assert_type(resolved, FleetItem[ResolvedSession])
        assert_type(resolved.item.target, "TrafficMirrorTarget | None")

    # An item of any listing is an item of objects (covariant), and so is a failure.
    anything: FleetItem[object] = next(fleet.targets())
    some_failures: tuple[FleetFailure[object], ...] = sessions.failures
    print(anything.scope, len(some_failures))


def errors(wrong: ScopeAccountError, lost: FleetTaskError) -> None:
    assert_type(wrong.account_id, str)
    assert_type(wrong.actual_account_id, str)
    assert_type(lost.resume_token, "str | None")
    fleet_errors: tuple[FleetError, ...] = (wrong, lost)
    every: tuple[TrafficMirrorError, ...] = fleet_errors
    print(every)
