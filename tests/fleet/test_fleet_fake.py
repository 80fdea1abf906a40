"""`Fleet` end to end: one fake server, several accounts (assumed roles) and regions.

Each scope has its own sessions, targets and filters (the fake keeps them per
account and region); the member accounts are reached by assuming a role, as
an organization's are, and the caller's own account without one. Every
listing is compared, item by item and scope by scope, with what was seeded.
"""

from __future__ import annotations

import base64
import concurrent.futures
import json
import logging
import pickle
import secrets
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol, cast

import boto3
import pytest
from botocore.config import Config

from ec2_traffic_mirror import (
    AccessDeniedError,
    ClientSideError,
    Fleet,
    FleetItem,
    FleetProgress,
    OnInvalid,
    ResponseValidationError,
    Scope,
    ScopeAccountError,
    SessionQuery,
    ThrottlingError,
    TrafficMirrorSession,
    _parsing,
)
from ec2_traffic_mirror._fleet_work import _PLACE, START_TOKEN  # pyright: ignore[reportPrivateUsage]
from ec2_traffic_mirror.testing import Request, TrafficMirrorFake, TrafficMirrorServer

from ._support import CALLER, MEMBERS, ROLE, CountingExecutor, keyed

pytestmark = pytest.mark.timing_sensitive  # a fake server, worker threads, requests held by a hook

REGIONS: Final = ("us-east-1", "eu-west-1")
RETRIES: Final = Config(retries={"mode": "standard", "total_max_attempts": 2})
PAGE_SIZE: Final = 5
PAGE: Final = SessionQuery().page_size(PAGE_SIZE)
# Sessions per scope: none, one, several pages of five.
COUNTS: Final = {
    (CALLER, "us-east-1"): 7,
    (CALLER, "eu-west-1"): 0,
    (MEMBERS[0], "us-east-1"): 12,
    (MEMBERS[0], "eu-west-1"): 3,
    (MEMBERS[1], "us-east-1"): 1,
    (MEMBERS[1], "eu-west-1"): 11,
}


def scope_of(account: str, region: str) -> Scope:
    return Scope(account, region, None if account == CALLER else ROLE)


SCOPES: Final = tuple(scope_of(account, region) for account, region in COUNTS)


@dataclass(frozen=True)
class Seeded:
    """What each scope holds, by id."""

    sessions: Counter[tuple[Scope, str]]
    targets: Counter[tuple[Scope, str]]
    filters: Counter[tuple[Scope, str]]

    def only(self, scopes: set[Scope]) -> Counter[tuple[Scope, str]]:
        return Counter({key: n for key, n in self.sessions.items() if key[0] in scopes})


def seed(fake: TrafficMirrorFake) -> Seeded:
    sessions: Counter[tuple[Scope, str]] = Counter()
    targets: Counter[tuple[Scope, str]] = Counter()
    filters: Counter[tuple[Scope, str]] = Counter()
    for (account, region), count in COUNTS.items():
        scope = scope_of(account, region)
        target_ids = fake.seed_targets(2, account_id=account, region=region)
        filter_ids = fake.seed_filters(1 + count % 3, account_id=account, region=region)
        targets.update((scope, target_id) for target_id in target_ids)
        filters.update((scope, filter_id) for filter_id in filter_ids)
        if count:
            ids = fake.seed_sessions(
                count,
                account_id=account,
                region=region,
                target_ids=target_ids,
                filter_ids=filter_ids,
            )
            sessions.update((scope, session_id) for session_id in ids)
    return Seeded(sessions, targets, filters)


def fleet_of(
    server: TrafficMirrorServer,
    scopes: tuple[Scope, ...] = SCOPES,
    *,
    executor: CountingExecutor | None = None,
    max_in_flight: int = 16,
    on_invalid: OnInvalid = "raise",
    progress: Callable[[FleetProgress], None] | None = None,
) -> Fleet:
    return Fleet(
        scopes,
        executor=executor,
        max_in_flight=max_in_flight,
        endpoint_url=server.endpoint_url,
        config=RETRIES,
        on_invalid=on_invalid,
        progress=progress,
    )


def session_id(item: TrafficMirrorSession) -> str:
    return item.traffic_mirror_session_id


def owner_of(entry: FleetItem[TrafficMirrorSession]) -> str:
    return entry.item.owner_id


def fleet_key(fleet: Fleet) -> str:
    """The id under which the processes where the fleet's work runs keep its credentials."""
    return fleet._access.key  # pyright: ignore[reportPrivateUsage]


def decoded(token: str | None) -> dict[str, object]:
    assert token is not None
    value: dict[str, object] = json.loads(base64.b64decode(token))
    return value


# -- the union ----------------------------------------------------------------------------


def test_the_union_is_exact_and_every_item_carries_its_scope(server: TrafficMirrorServer) -> None:
    seeded = seed(server.fake)
    assumed: list[Request] = []
    server.fake.on_request(lambda r: assumed.append(r) if r.operation == "AssumeRole" else None)
    executor = CountingExecutor()
    fleet = fleet_of(server, executor=executor)
    with fleet.sessions(PAGE) as listing:
        got = list(listing)
    assert keyed(got, session_id) == seeded.sessions  # each once, with its own scope
    assert len(got) == sum(COUNTS.values())
    # The assumed roles acted in their own accounts: AWS's OwnerId says so.
    assert all(owner_of(entry) == entry.scope.account_id for entry in got)
    assert listing.failures == ()
    assert listing.unfinished == {}
    assert listing.finished
    assert listing.progress == FleetProgress(
        scopes=6, done=6, failed=0, running=0, items=sum(COUNTS.values())
    )
    # One task per page (a scope with no session has one empty page), on the executor given.
    pages = sum(max(1, -(-count // 5)) for count in COUNTS.values())
    assert executor.submitted == len(executor.works) == pages
    assert {work.scope for work in executor.works} == set(SCOPES)
    # One AssumeRole per member account for the whole fleet (kept where the work runs),
    # with the fleet's session name; the caller's own account assumes nothing.
    assert server.fake.call_count("AssumeRole") == len(MEMBERS)
    assert sorted((r.account_id, r.params["RoleSessionName"]) for r in assumed) == [
        (member, "ec2-traffic-mirror-fleet") for member in MEMBERS
    ]
    assert {r.params["RoleArn"] for r in assumed} == {
        f"arn:aws:iam::{member}:role/{ROLE}" for member in MEMBERS
    }
    # What went to the executor is small: a scope, a query, a token, how to make clients.
    assert max(len(work) for work in executor.pickled) < 2048
    assert {work.access.fast_parse for work in executor.works} == {True}


def test_the_fast_parser_is_on_the_clients_of_the_fleet_unless_switched_off(
    server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed(server.fake)
    parsed: list[str] = []
    original = _parsing._before_parse  # pyright: ignore[reportPrivateUsage]

    def counting(**kwargs: Any) -> object:
        parsed.append(str(kwargs.get("event_name")))
        return original(**kwargs)

    monkeypatch.setattr(_parsing, "_before_parse", counting)
    fast = list(fleet_of(server).sessions(PAGE))
    assert keyed(fast, session_id) == seeded.sessions
    assert len(parsed) >= len(SCOPES)  # every page went through the SDK's parser
    parsed.clear()
    plain = Fleet(SCOPES, endpoint_url=server.endpoint_url, config=RETRIES, fast_parse=False)
    assert keyed(list(plain.sessions(PAGE)), session_id) == seeded.sessions
    assert parsed == []


@pytest.mark.parametrize("resource", ["targets", "filters", "resolved_sessions"])
def test_targets_filters_and_resolved_sessions_are_exact_per_scope(
    server: TrafficMirrorServer, resource: str
) -> None:
    seeded = seed(server.fake)
    fleet = fleet_of(server, max_in_flight=3)
    if resource == "targets":
        targets = list(fleet.targets())
        assert keyed(targets, lambda t: t.traffic_mirror_target_id) == seeded.targets
        assert all(entry.item.owner_id == entry.scope.account_id for entry in targets)
    elif resource == "filters":
        filters = list(fleet.filters())
        assert keyed(filters, lambda f: f.traffic_mirror_filter_id) == seeded.filters
    else:
        resolved = list(fleet.resolved_sessions(PAGE))
        assert keyed(resolved, lambda r: r.session.traffic_mirror_session_id) == seeded.sessions
        for entry in resolved:
            assert entry.item.is_complete
            assert entry.item.target is not None
            assert (entry.scope, entry.item.target.traffic_mirror_target_id) in seeded.targets
            assert entry.item.filter is not None
            assert (entry.scope, entry.item.filter.traffic_mirror_filter_id) in seeded.filters


def numbered_one(session: TrafficMirrorSession) -> bool:
    """A predicate at module level: picklable, as an executor in other processes needs it."""
    return session.session_number == 1


def test_selection_on_the_client_side_applies_in_every_scope(server: TrafficMirrorServer) -> None:
    fake = server.fake
    expected: Counter[tuple[Scope, str]] = Counter()
    for scope in SCOPES:
        fake.seed_sessions(4, account_id=scope.account_id, region=scope.region, tags={"t": "x"})
        ids = fake.seed_sessions(
            3, account_id=scope.account_id, region=scope.region, tags={"t": "y"}
        )
        expected.update((scope, session_id) for session_id in ids)
    executor = CountingExecutor()
    fleet = fleet_of(server, executor=executor)
    query = SessionQuery().page_size(5).tag("t", "y")
    assert keyed(list(fleet.sessions(query)), session_id) == expected
    # A typed predicate too (session numbers 1, 2, 3 on each seeded interface).
    numbered = list(fleet.sessions(query.where(numbered_one)))
    assert {entry.item.session_number for entry in numbered} == {1}
    assert {(e.scope, e.item.traffic_mirror_session_id) for e in numbered} <= set(expected)
    assert len(numbered) == len(SCOPES)


# -- failures and resuming ----------------------------------------------------------------


def test_a_denied_and_a_throttled_scope_are_reported_and_resume_exactly(
    server: TrafficMirrorServer, no_backoff: None
) -> None:
    fake = server.fake
    seeded = seed(fake)
    denied = scope_of(MEMBERS[0], "eu-west-1")
    throttled = scope_of(MEMBERS[1], "eu-west-1")  # 11 sessions: throttled on its second page
    fake.deny(account_id=denied.account_id, region=denied.region)
    armed = threading.Event()

    def throttle_second_page(request: Request) -> None:
        place = (request.account_id, request.region)
        second_page = request.params.get("NextToken") is not None
        if place == (throttled.account_id, throttled.region) and second_page and not armed.is_set():
            armed.set()
            # Both of botocore's attempts (RETRIES) are answered RequestLimitExceeded.
            fake.throttle(2, account_id=throttled.account_id, region=throttled.region)

    fake.on_request(throttle_second_page)
    fleet = fleet_of(server)
    with fleet.sessions(PAGE) as listing:
        first = list(listing)
    assert armed.is_set()
    failures = {failure.scope: failure for failure in listing.failures}
    assert set(failures) == {denied, throttled}
    deny = failures[denied]
    assert isinstance(deny.error, AccessDeniedError)
    assert deny.error.code == "UnauthorizedOperation"
    assert deny.resume_token == START_TOKEN
    assert deny.items == 0
    throttle = failures[throttled]
    assert isinstance(throttle.error, ThrottlingError)
    assert throttle.error.code == "RequestLimitExceeded"
    assert throttle.items == 5
    assert decoded(throttle.resume_token)["NextToken"] is not None  # the second page's
    assert listing.unfinished == {scope: f.resume_token for scope, f in failures.items()}
    assert listing.progress.done == 4
    assert listing.progress.failed == 2
    # The other scopes lost nothing.
    others = set(SCOPES) - {denied, throttled}
    assert keyed([e for e in first if e.scope in others], session_id) == seeded.only(others)

    fake.reset_faults()
    fake.on_request(None)
    with fleet.resume(listing.failures) as rest_listing:
        rest = list(rest_listing)
    assert set(rest_listing.scopes) == {denied, throttled}
    assert rest_listing.failures == ()
    # Exactly what was missing: the union is exact, and nothing came twice.
    assert keyed(first, session_id) + keyed(rest, session_id) == seeded.sessions
    assert keyed(rest, session_id) == seeded.only({denied, throttled}) - keyed(first, session_id)


def test_a_role_that_cannot_be_assumed_fails_its_scopes_only(server: TrafficMirrorServer) -> None:
    fake = server.fake
    seeded = seed(fake)
    fake.deny("AssumeRole", account_id=MEMBERS[1])
    fleet = fleet_of(server)
    first = list(listing := fleet.sessions(PAGE))
    refused = {scope for scope in SCOPES if scope.account_id == MEMBERS[1]}
    assert {failure.scope for failure in listing.failures} == refused
    for failure in listing.failures:
        assert isinstance(failure.error, AccessDeniedError)
        assert failure.error.code == "AccessDenied"
        assert failure.error.operation == "AssumeRole"
        assert failure.resume_token == START_TOKEN
    assert keyed(first, session_id) == seeded.only(set(SCOPES) - refused)
    fake.allow("AssumeRole", account_id=MEMBERS[1])
    rest = list(fleet.resume(listing.failures))
    assert keyed(first, session_id) + keyed(rest, session_id) == seeded.sessions


def test_a_scope_without_a_role_in_another_account_is_refused_before_listing(
    server: TrafficMirrorServer,
) -> None:
    fake = server.fake
    seeded = seed(fake)
    wrong = Scope(MEMBERS[0], "us-east-1")  # no role: the caller's credentials are CALLER's
    right = scope_of(CALLER, "us-east-1")
    listing = fleet_of(server, (wrong, right)).sessions(PAGE)
    got = list(listing)
    (failure,) = listing.failures
    assert failure.scope == wrong
    assert isinstance(failure.error, ScopeAccountError)
    assert failure.error.account_id == MEMBERS[0]
    assert failure.error.actual_account_id == CALLER
    assert "give the scope a role" in str(failure.error)
    assert keyed(got, session_id) == seeded.only({right})
    # Nothing of the caller's account was labelled with the wrong account.
    assert fake.call_count("DescribeTrafficMirrorSessions") == 2


def test_a_named_profile_gives_the_credentials_where_the_work_runs(
    server: TrafficMirrorServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed(server.fake)
    credentials = tmp_path / "credentials"
    credentials.write_text("[audit]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    monkeypatch.delenv("AWS_SECURITY_TOKEN")
    mine = scope_of(CALLER, "us-east-1")
    member = scope_of(MEMBERS[0], "us-east-1")
    fleet = Fleet(
        [mine, member], profile_name="audit", endpoint_url=server.endpoint_url, config=RETRIES
    )
    got = list(listing := fleet.sessions(PAGE))
    assert listing.failures == ()
    assert keyed(got, session_id) == seeded.only({mine, member})
    # A profile that is not there: every scope fails with a client-side error, typed.
    missing = Fleet([mine], profile_name="nowhere", endpoint_url=server.endpoint_url)
    failed = missing.sessions()
    assert list(failed) == []
    (failure,) = failed.failures
    assert isinstance(failure.error, ClientSideError)
    assert "nowhere" in str(failure.error)


def test_an_invalid_item_fails_its_scope_and_resuming_goes_on_past_it(
    server: TrafficMirrorServer,
) -> None:
    fake = server.fake
    seeded = seed(fake)
    bad_scope = scope_of(MEMBERS[0], "us-east-1")
    bad_id = sorted(sid for scope, sid in seeded.sessions if scope == bad_scope)[0]
    fake.serve_invalid_item(bad_id, SessionNumber=0)
    fleet = fleet_of(server)
    first = list(listing := fleet.sessions(PAGE))
    (failure,) = listing.failures
    assert failure.scope == bad_scope
    assert isinstance(failure.error, ResponseValidationError)
    assert failure.error.resource_id == bad_id
    rest = list(fleet.resume(listing.failures))
    got = keyed(first, session_id) + keyed(rest, session_id)
    assert got == seeded.sessions - Counter({(bad_scope, bad_id): 1})

    skipping = fleet_of(server, on_invalid="skip").sessions(PAGE)
    assert keyed(list(skipping), session_id) == got
    assert skipping.failures == ()
    ((skipped_scope, skipped),) = skipping.skipped_items
    assert skipped_scope == bad_scope
    assert skipped["TrafficMirrorSessionId"] == bad_id


# -- scheduling ---------------------------------------------------------------------------


def test_a_slow_scope_does_not_hold_back_the_others(server: TrafficMirrorServer) -> None:
    fake = server.fake
    seeded = seed(fake)
    slow = scope_of(MEMBERS[0], "us-east-1")
    gate = threading.Event()
    held = threading.Event()

    def hold_the_slow_scope(request: Request) -> None:
        if (request.account_id, request.region) == (slow.account_id, slow.region) and (
            request.operation == "DescribeTrafficMirrorSessions"
        ):
            held.set()
            assert gate.wait(timeout=120), "the test never let the slow scope go"

    fake.on_request(hold_the_slow_scope)
    # Two places only: the slow scope holds one, every other scope goes through the other.
    listing = fleet_of(server, max_in_flight=2).sessions(PAGE)
    others = seeded.only(set(SCOPES) - {slow})
    got: list[FleetItem[TrafficMirrorSession]] = []
    try:
        while keyed(got, session_id) != others:
            entry = next(listing)
            assert entry.scope != slow
            got.append(entry)
        assert held.is_set()  # the slow scope was asked first, and is still held
        assert listing.progress.done >= len(COUNTS) - 2
    finally:
        gate.set()
    got.extend(listing)
    assert keyed(got, session_id) == seeded.sessions


def test_a_slow_consumer_holds_a_bounded_number_of_pages(server: TrafficMirrorServer) -> None:
    fake = server.fake
    for account, region in COUNTS:
        fake.seed_sessions(40, account_id=account, region=region)  # 8 pages of 5 each
    executor = CountingExecutor(workers=6)
    listing = fleet_of(server, executor=executor, max_in_flight=3).sessions(PAGE)
    first = next(listing)
    # The consumer stops reading: whatever runs, runs to its end, and nothing more is sent.
    concurrent.futures.wait(list(executor.futures))
    assert executor.submitted == 4  # three places, and the next page of the page being read
    assert executor.most_outstanding <= 3
    rest = list(listing)
    assert len(rest) + 1 == 6 * 40
    assert first.scope in SCOPES
    assert executor.most_outstanding <= 3
    assert executor.submitted == 6 * 8


def test_closing_early_cancels_and_unfinished_resumes_exactly_to_the_item(
    server: TrafficMirrorServer,
) -> None:
    seeded = seed(server.fake)
    executor = CountingExecutor()
    fleet = fleet_of(server, executor=executor, max_in_flight=2)
    with fleet.sessions(PAGE) as listing:
        taken = [next(listing) for _ in range(8)]  # in the middle of a page
    sent = executor.submitted
    assert next(listing, None) is None  # closed: no more items, nothing more sent
    assert executor.submitted == sent
    assert not listing.finished
    unfinished = listing.unfinished
    assert unfinished
    assert listing.failures == ()
    rest = list(fleet.sessions(PAGE, starting_tokens=unfinished))
    assert keyed(taken, session_id) + keyed(rest, session_id) == seeded.sessions


def test_progress_is_reported_on_the_consumer_s_thread(server: TrafficMirrorServer) -> None:
    fake = server.fake
    seed(fake)
    fake.deny(account_id=MEMBERS[0], region="us-east-1")
    reports: list[FleetProgress] = []
    threads: set[threading.Thread] = set()

    def record(progress: FleetProgress) -> None:
        reports.append(progress)
        threads.add(threading.current_thread())

    items = list(fleet_of(server, progress=record).sessions(PAGE))
    assert threads == {threading.current_thread()}
    assert [report.items for report in reports] == sorted(report.items for report in reports)
    last = reports[-1]
    assert last.finished
    assert (last.scopes, last.done, last.failed, last.items) == (6, 5, 1, len(items))
    assert last.waiting == 0


# -- organizations --------------------------------------------------------------------------


class _Sts(Protocol):
    def assume_role(self, *, RoleArn: str, RoleSessionName: str) -> dict[str, Any]: ...  # noqa: N803


class _Organizations(Protocol):
    def create_organization(self, *, FeatureSet: str) -> dict[str, Any]: ...  # noqa: N803
    def create_account(self, *, AccountName: str, Email: str) -> dict[str, Any]: ...  # noqa: N803
    def close_account(self, *, AccountId: str) -> dict[str, Any]: ...  # noqa: N803


def become_a_new_management_account(
    server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Act (through the environment) as a new account of its own; its id.

    moto keeps an organization per management account for the server's life:
    each test makes its own, under an account no other test uses.
    """
    account = f"{secrets.randbelow(10**11) + 5 * 10**11:012d}"
    sts = cast(
        "_Sts",
        boto3.session.Session().client(  # pyright: ignore[reportUnknownMemberType]
            "sts", region_name="us-east-1", endpoint_url=server.endpoint_url
        ),
    )
    given = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/Admin", RoleSessionName="tests")
    credentials = given["Credentials"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", credentials["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", credentials["SecretAccessKey"])
    monkeypatch.setenv("AWS_SESSION_TOKEN", credentials["SessionToken"])
    monkeypatch.delenv("AWS_SECURITY_TOKEN")
    return account


def make_organization(server: TrafficMirrorServer, members: int) -> tuple[list[str], str]:
    """An organization of ``members`` new accounts, one of them closed: (active ids, closed id)."""
    # A session of its own: boto3's default one keeps the credentials it first read.
    org = cast(
        "_Organizations",
        boto3.session.Session().client(  # pyright: ignore[reportUnknownMemberType]
            "organizations", region_name="us-east-1", endpoint_url=server.endpoint_url
        ),
    )
    org.create_organization(FeatureSet="ALL")
    ids: list[str] = []
    for number in range(members):
        created = org.create_account(AccountName=f"member {number}", Email=f"m{number}@example.com")
        ids.append(str(created["CreateAccountStatus"]["AccountId"]))
    closed = ids.pop()
    org.close_account(AccountId=closed)
    return ids, closed


def test_scopes_from_an_organization_active_accounts_times_regions(
    server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    management = become_a_new_management_account(server, monkeypatch)
    members, closed = make_organization(server, 22)  # more than one ListAccounts page (20)
    scopes = Scope.from_organization(
        role_name=ROLE, regions=["eu-west-1", "us-east-1"], endpoint_url=server.endpoint_url
    )
    accounts = sorted({*members, management})
    assert scopes == tuple(
        Scope(account, region, None if account == management else ROLE)
        for account in accounts
        for region in ("eu-west-1", "us-east-1")
    )
    assert closed not in {scope.account_id for scope in scopes}

    # No regions given: the caller's enabled regions. moto also answers with the
    # regions not opted in, and with other partitions' (which AWS never does).
    enabled = Scope.from_organization(role_name=ROLE, endpoint_url=server.endpoint_url)
    answer = server.client().describe_regions()["Regions"]
    statuses = {region.get("RegionName"): region.get("OptInStatus") for region in answer}
    assert {statuses["ap-east-1"], statuses["cn-north-1"]} == {
        "not-opted-in",
        "opt-in-not-required",
    }
    wanted = sorted(
        name
        for name, status in statuses.items()
        if name is not None
        and status in {"opt-in-not-required", "opted-in"}
        and not name.startswith(("cn-", "us-gov-"))
    )
    assert enabled == tuple(
        Scope(account, region, None if account == management else ROLE)
        for account in accounts
        for region in wanted
    )


def test_a_fleet_of_an_organization_lists_every_member(
    server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    management = become_a_new_management_account(server, monkeypatch)
    members, _ = make_organization(server, 3)
    expected: Counter[tuple[Scope, str]] = Counter()
    for account in [management, *members]:
        scope = Scope(account, "us-east-1", None if account == management else ROLE)
        ids = server.fake.seed_sessions(3, account_id=account, region="us-east-1")
        expected.update((scope, sid) for sid in ids)
    fleet = Fleet.from_organization(
        role_name=ROLE, regions=["us-east-1"], endpoint_url=server.endpoint_url, config=RETRIES
    )
    got = list(fleet.sessions())
    assert keyed(got, session_id) == expected
    assert all(owner_of(entry) == entry.scope.account_id for entry in got)


# -- no secret anywhere ---------------------------------------------------------------------


def test_assumed_credentials_stay_where_the_work_ran(
    server: TrafficMirrorServer, caplog: pytest.LogCaptureFixture
) -> None:
    fake = server.fake
    seed(fake)
    fake.deny(account_id=MEMBERS[0], region="eu-west-1")
    executor = CountingExecutor()
    fleet = fleet_of(server, executor=executor)
    with caplog.at_level(logging.DEBUG, logger="ec2_traffic_mirror"):
        listing = fleet.sessions(PAGE)
        got = list(listing)
    assumed = _PLACE._assumed  # pyright: ignore[reportPrivateUsage]
    ours = [entry for key, entry in assumed.items() if key[0] == fleet_key(fleet)]
    hidden = [entry.secret_key for entry in ours] + [entry.token for entry in ours]
    assert len(hidden) == 2 * len(MEMBERS)
    shown = [repr(fleet), str(fleet), repr(listing), repr(got), repr(listing.failures)]
    shown += [str(failure.error) for failure in listing.failures]
    shown += [repr(value) for value in assumed.values()]
    shown += [record.getMessage() for record in caplog.records if record.name.startswith("ec2_")]
    sent = b"".join(executor.pickled) + pickle.dumps(listing.failures)
    for secret in hidden:
        assert not [text for text in shown if secret in text]
        assert secret.encode() not in sent


def test_failures_pickle_with_their_errors(server: TrafficMirrorServer) -> None:
    fake = server.fake
    seed(fake)
    fake.deny(account_id=MEMBERS[1], region="us-east-1")
    listing = fleet_of(server).sessions(PAGE)
    list(listing)
    (failure,) = listing.failures
    again = pickle.loads(pickle.dumps(failure))
    assert (again.scope, again.resume_token, again.items) == (
        failure.scope,
        failure.resume_token,
        failure.items,
    )
    assert type(again.error) is AccessDeniedError
    error = again.error
    assert (error.code, error.message, str(error)) == (
        "UnauthorizedOperation",
        cast("AccessDeniedError", failure.error).message,
        str(failure.error),
    )
