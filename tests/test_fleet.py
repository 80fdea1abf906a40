"""`Scope` and `Fleet` without AWS: checks before any call, and the scheduler on scripted executors.

The scheduler is driven by executors that answer each task from a script (a
page of made-up items per task) instead of running it, so the order, the
bounds, cancellation and the failures of the executor itself are exact.
The end-to-end tests on the fake are in ``tests/fleet/``.
"""

from __future__ import annotations

import base64
import concurrent.futures
import pickle
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Final, ParamSpec, TypeVar, cast

import pytest
from botocore.config import Config

import ec2_traffic_mirror
from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    ClientSideError,
    Fleet,
    FleetFailure,
    FleetItem,
    FleetProgress,
    FleetTaskError,
    QueryError,
    ResponseValidationError,
    Scope,
    ScopeAccountError,
    SessionQuery,
    TargetQuery,
    ThrottlingError,
    TrafficMirrorError,
    TrafficMirrorSession,
)
from ec2_traffic_mirror._fleet_work import START_TOKEN, PageOutcome, PageWork
from ec2_traffic_mirror._scope import role_arn

_P = ParamSpec("_P")
_R = TypeVar("_R")

A: Final = "111111111111"
B: Final = "222222222222"
C: Final = "333333333333"


# -- Scope --------------------------------------------------------------------------------


def test_a_scope_is_checked_when_made() -> None:
    scope = Scope(A, "eu-west-1", "Audit")
    assert (scope.account_id, scope.region, scope.role) == (A, "eu-west-1", "Audit")
    assert str(scope) == f"{A}/eu-west-1 (role Audit)"
    assert str(Scope(A, "us-gov-west-1")) == f"{A}/us-gov-west-1"
    arn = f"arn:aws:iam::{A}:role/ops/team/Audit"
    assert Scope(A, "cn-north-1", f"arn:aws-cn:iam::{A}:role/Audit").role is not None
    assert Scope(A, "eu-west-1", arn).role == arn
    bad: list[tuple[object, object, object, str]] = [
        ("11111111111", "eu-west-1", None, "12-digit AWS account id, got '11111111111'"),
        (111111111111, "eu-west-1", None, "12-digit AWS account id, got 111111111111"),
        ("11111111111x", "eu-west-1", None, "12-digit"),
        (A, "eu-west", None, "region name such as 'us-east-1', got 'eu-west'"),
        (A, "EU-WEST-1", None, "region name"),
        (A, " eu-west-1", None, "region name"),
        (A, "eu-west-1", "", "IAM role name"),
        (A, "eu-west-1", "a" * 65, "IAM role name"),
        (A, "eu-west-1", "ops/Audit", "IAM role name"),
        (A, "eu-west-1", 5, "IAM role name"),
        (A, "eu-west-1", "arn:aws:iam::12:role/X", "role ARN"),
        (A, "eu-west-1", f"arn:aws:iam::{B}:role/X", f"of account {B} for account {A}"),
    ]
    for account, region, role, message in bad:
        with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
            Scope(cast("str", account), cast("str", region), cast("str | None", role))


def test_a_scope_is_frozen_hashable_and_picklable() -> None:
    scope = Scope(A, "eu-west-1", "Audit")
    assert pickle.loads(pickle.dumps(scope)) == scope
    assert len({scope, Scope(A, "eu-west-1", "Audit"), Scope(A, "eu-west-1")}) == 2
    with pytest.raises(AttributeError):
        scope.region = "us-east-1"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]


def test_the_role_arn_is_made_in_the_region_s_partition() -> None:
    assert role_arn(Scope(A, "eu-west-1", "Audit"), "aws") == f"arn:aws:iam::{A}:role/Audit"
    assert role_arn(Scope(A, "cn-north-1", "Audit"), "aws-cn") == (
        f"arn:aws-cn:iam::{A}:role/Audit"
    )
    given = f"arn:aws:iam::{A}:role/path/Audit"
    assert role_arn(Scope(A, "eu-west-1", given), "aws") == given
    assert role_arn(Scope(A, "eu-west-1"), "aws") is None


def test_from_organization_checks_its_arguments_before_any_call() -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"role_name": "a/b"}, "IAM role name"),
        ({"role_name": "R", "regions": "eu-west-1"}, "iterable of region names"),
        ({"role_name": "R", "regions": []}, "got no regions"),
        ({"role_name": "R", "regions": ["eu-west-1", "x"]}, "got 'x'"),
        ({"role_name": "R", "regions": ["eu-west-1", "eu-west-1"]}, "more than once"),
        ({"role_name": "R", "region_name": "nowhere"}, "region name"),
    ]
    for kwargs, message in cases:
        with pytest.raises(QueryError, match=message):
            Scope.from_organization(**kwargs)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


# -- errors cross process boundaries ----------------------------------------------------


def every_error() -> list[TrafficMirrorError]:
    errors: list[TrafficMirrorError] = []
    for name in ec2_traffic_mirror.__all__:
        value = getattr(ec2_traffic_mirror, name)
        if not (isinstance(value, type) and issubclass(value, TrafficMirrorError)):
            continue
        cls = value
        if issubclass(cls, AwsApiError):
            errors.append(
                cls("Code", "a message", request_id="r-1", operation="Op", resume_token="t")
            )
        elif issubclass(cls, ClientSideError):
            errors.append(cls("botocore said no", operation="Op", resume_token="t"))
        elif issubclass(cls, ResponseValidationError):
            errors.append(cls("bad", raw_item={"A": 1}, resource="target", resource_id="tmt-1"))
        elif issubclass(cls, ScopeAccountError):
            errors.append(cls("wrong account", account_id=A, actual_account_id=B))
        elif issubclass(cls, FleetTaskError):
            errors.append(cls("lost", resume_token="t"))
        else:
            errors.append(cls("plain"))
    return errors


def test_every_error_pickles_to_an_equal_error() -> None:
    errors = every_error()
    assert len(errors) >= 25
    for error in errors:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert str(again) == str(error)
        assert again.args == error.args
        assert vars(again) == vars(error)


# -- Fleet's arguments ----------------------------------------------------------------------

SCOPES: Final = (Scope(A, "us-east-1", "R"), Scope(A, "eu-west-1", "R"), Scope(B, "us-east-1", "R"))


def test_a_fleet_checks_its_arguments_before_any_call() -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: Fleet(cast("list[Scope]", SCOPES[0])), "iterable of Scope, got Scope"),
        (lambda: Fleet(cast("list[Scope]", [A])), "got an item '111111111111'"),
        (lambda: Fleet([SCOPES[0], SCOPES[0]]), "more than once"),
        (lambda: Fleet([SCOPES[0], Scope(A, "us-east-1")]), "two roles"),
        (lambda: Fleet(SCOPES, executor=cast("concurrent.futures.Executor", 4)), "Executor"),
        (lambda: Fleet(SCOPES, max_in_flight=0), "max_in_flight"),
        (lambda: Fleet(SCOPES, max_in_flight=cast("int", True)), "max_in_flight"),
        (lambda: Fleet(SCOPES, role_session_name="x"), "role_session_name"),
        (lambda: Fleet(SCOPES, role_session_name="a b"), "role_session_name"),
        (lambda: Fleet(SCOPES, external_id="?"), "external_id"),
        (lambda: Fleet(SCOPES, profile_name=""), "profile_name"),
        (lambda: Fleet(SCOPES, endpoint_url=""), "endpoint_url"),
        (lambda: Fleet(SCOPES, config=cast("Config", {})), "Config"),
        (lambda: Fleet(SCOPES, on_invalid=cast("ec2_traffic_mirror.OnInvalid", "x")), "on_invalid"),
        (lambda: Fleet(SCOPES, progress=cast("Callable[[FleetProgress], None]", 1)), "callable"),
        (lambda: Fleet(SCOPES, fast_parse=cast("bool", 1)), "fast_parse must be True or False"),
    ]
    for make, message in cases:
        with pytest.raises(QueryError, match=message):
            make()


def test_fleet_queries_that_belong_to_one_listing_are_refused() -> None:
    fleet = Fleet(SCOPES)
    for query, message in [
        (SessionQuery().session_ids("tms-0123456789abcdef0"), "an id list"),
        (SessionQuery().max_items(5), "max_items"),
        (SessionQuery().starting_token(START_TOKEN), "starting_token"),
        (SessionQuery().dry_run(), "dry_run"),
    ]:
        with pytest.raises(QueryError, match=message):
            fleet.sessions(query)
    with pytest.raises(QueryError, match="takes a SessionQuery or None, got TargetQuery"):
        fleet.sessions(cast("SessionQuery", TargetQuery()))
    with pytest.raises(QueryError, match="resolved_sessions"):
        fleet.resolved_sessions(SessionQuery().max_items(1))
    # The filter by id is the fleet's way: unknown ids are simply not in a scope.
    fleet.sessions(SessionQuery().traffic_mirror_session_id("tms-0123456789abcdef0"))


def test_starting_tokens_and_resume_are_checked() -> None:
    fleet = Fleet(SCOPES)
    stranger = Scope(C, "us-east-1", "R")
    with pytest.raises(QueryError, match="not this fleet's"):
        fleet.sessions(starting_tokens={stranger: START_TOKEN})
    with pytest.raises(QueryError, match="StartingToken for"):
        fleet.sessions(starting_tokens=cast("dict[Scope, str]", {SCOPES[0]: 5}))
    with pytest.raises(QueryError, match="Scope keys"):
        fleet.sessions(starting_tokens=cast("dict[Scope, str]", {"x": START_TOKEN}))
    broken = base64.b64encode(b'{"Next": 1}').decode()  # no NextToken in it
    with pytest.raises(QueryError, match=re.escape(f"starting_tokens for {SCOPES[0]}: ")):
        fleet.sessions(starting_tokens={SCOPES[0]: broken})
    with pytest.raises(QueryError, match="iterable of FleetFailure"):
        fleet.resume(cast("list[FleetFailure[object]]", 5))
    made_by_hand = FleetFailure[object](
        scope=SCOPES[0], error=TrafficMirrorError(), resume_token=None
    )
    with pytest.raises(QueryError, match="got an item"):
        fleet.resume([made_by_hand])
    none: list[FleetFailure[object]] = []
    assert list(fleet.resume(none)) == []


def test_the_repr_says_what_matters_and_no_secret() -> None:
    fleet = Fleet(
        SCOPES,
        max_in_flight=4,
        profile_name="audit",
        endpoint_url="http://user:pa55word@127.0.0.1:9/",
        role_session_name="inventory",
        external_id="secret-external-id",
        on_invalid="skip",
    )
    text = repr(fleet)
    assert text == (
        "Fleet(scopes=3, accounts=2, regions=2, executor='a thread pool per listing',"
        " max_in_flight=4, profile_name='audit', endpoint_url='http://127.0.0.1:9/',"
        " role_session_name='inventory', on_invalid='skip')"
    )
    assert "pa55word" not in text
    assert "secret-external-id" not in text
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert "executor=ThreadPoolExecutor" in repr(Fleet(SCOPES, executor=pool))
    listing = fleet.sessions()
    assert repr(listing) == (
        "FleetListing(resource='sessions', scopes=3, done=0, failed=0, items=0)"
    )


# -- the scheduler, on scripted executors ---------------------------------------------------

Script = Callable[[PageWork], PageOutcome]


def pages_of(sizes: dict[Scope, int], page: int = 2) -> Script:
    """Each scope has ``sizes[scope]`` items, ``page`` per task; tokens are offsets."""

    def answer(work: PageWork) -> PageOutcome:
        token = work.token
        start = 0 if token is None or token == START_TOKEN else int(token)
        end = min(start + page, sizes[work.scope])
        items = tuple(f"{work.scope.account_id}/{work.scope.region}/{n}" for n in range(start, end))
        tokens = tuple(str(n + 1) if n + 1 < sizes[work.scope] else None for n in range(start, end))
        return PageOutcome(
            items=items,
            item_tokens=tokens,
            next_token=str(end) if end < sizes[work.scope] else None,
        )

    return answer


class _Answer(concurrent.futures.Future[object]):
    """A future that knows whether its answer was read."""

    read = False

    def result(self, timeout: float | None = None) -> object:
        self.read = True
        return super().result(timeout)


class ScriptedExecutor(concurrent.futures.Executor):
    """Answers each task from a script, at once (the future is done when submitted).

    ``hold`` names scopes whose tasks never finish (their futures stay pending),
    ``broken`` scopes whose futures fail, ``refuse`` scopes whose submit raises.
    """

    def __init__(
        self,
        script: Script,
        *,
        hold: frozenset[Scope] = frozenset(),
        broken: frozenset[Scope] = frozenset(),
        refuse: frozenset[Scope] = frozenset(),
        answer_junk: frozenset[Scope] = frozenset(),
    ) -> None:
        self.script = script
        self.hold = hold
        self.broken = broken
        self.refuse = refuse
        self.answer_junk = answer_junk
        self.works: list[PageWork] = []
        self.futures: list[concurrent.futures.Future[object]] = []

    def submit(
        self, fn: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs
    ) -> concurrent.futures.Future[_R]:
        (work,) = args
        assert isinstance(work, PageWork)
        pickle.dumps(work)  # what a process or Dask executor would do
        if work.scope in self.refuse:
            raise RuntimeError("cannot schedule new futures after shutdown")
        self.works.append(work)
        future = _Answer()
        self.futures.append(future)
        if work.scope in self.broken:
            future.set_exception(OSError("worker lost"))
        elif work.scope in self.answer_junk:
            future.set_result("not an outcome")
        elif work.scope not in self.hold:
            future.set_result(self.script(work))
        return cast("concurrent.futures.Future[_R]", future)

    def unread(self) -> int:
        """Answers that wait to be read: the pages held besides the one being handed out."""
        return sum(1 for future in self.futures if future.done() and not _read(future))


def _read(future: concurrent.futures.Future[object]) -> bool:
    return isinstance(future, _Answer) and future.read


def entries(listing: Iterator[FleetItem[TrafficMirrorSession]]) -> list[tuple[Scope, str]]:
    return [(entry.scope, cast("str", entry.item)) for entry in listing]


def expected_of(sizes: dict[Scope, int]) -> Counter[tuple[Scope, str]]:
    return Counter(
        (scope, f"{scope.account_id}/{scope.region}/{n}")
        for scope, size in sizes.items()
        for n in range(size)
    )


SIZES: Final = {SCOPES[0]: 5, SCOPES[1]: 0, SCOPES[2]: 3}


def test_every_page_of_every_scope_once_with_its_scope() -> None:
    executor = ScriptedExecutor(pages_of(SIZES))
    reports: list[FleetProgress] = []
    fleet = Fleet(SCOPES, executor=executor, max_in_flight=2, progress=reports.append)
    listing = fleet.sessions(SessionQuery().page_size(5))
    assert executor.works == []  # lazy: nothing is sent before the first item is asked for
    got = entries(listing)
    assert Counter(got) == expected_of(SIZES)
    # Each scope's pages in order; tokens as the script gave them; one task per page.
    assert [(w.scope, w.token) for w in executor.works if w.scope == SCOPES[0]] == [
        (SCOPES[0], START_TOKEN),
        (SCOPES[0], "2"),
        (SCOPES[0], "4"),
    ]
    assert {w.page_size for w in executor.works} == {5}
    assert len({w.task for w in executor.works}) == len(executor.works) == 3 + 1 + 2
    assert reports[-1] == FleetProgress(scopes=3, done=3, failed=0, running=0, items=8)
    assert listing.finished


def test_the_default_page_size_is_the_api_s_largest() -> None:
    executor = ScriptedExecutor(pages_of(SIZES))
    list(Fleet(SCOPES, executor=executor).targets())
    assert {work.page_size for work in executor.works} == {1000}
    assert {work.resource for work in executor.works} == {"targets"}


def test_failures_of_the_executor_are_failures_of_their_scope_only() -> None:
    executor = ScriptedExecutor(
        pages_of(SIZES),
        broken=frozenset({SCOPES[0]}),
        refuse=frozenset({SCOPES[1]}),
        answer_junk=frozenset({SCOPES[2]}),
    )
    listing = Fleet(SCOPES, executor=executor).sessions()
    assert entries(listing) == []
    failures = {failure.scope: failure for failure in listing.failures}
    assert set(failures) == set(SCOPES)
    for failure in failures.values():
        assert isinstance(failure.error, FleetTaskError)
        assert failure.resume_token == START_TOKEN
        assert failure.error.resume_token == START_TOKEN
    lost = failures[SCOPES[0]].error
    assert "failed the work of scope" in str(lost)
    assert isinstance(lost.__cause__, OSError)
    assert "could not send" in str(failures[SCOPES[1]].error)
    assert "answered 'not an outcome'" in str(failures[SCOPES[2]].error)
    assert listing.finished


def test_errors_of_a_scope_keep_its_token_and_resume_only_what_is_left() -> None:
    denied = AccessDeniedError(
        "UnauthorizedOperation", "no", operation="DescribeTrafficMirrorSessions"
    )
    throttled = ThrottlingError("RequestLimitExceeded", "slow down")
    base = pages_of(SIZES)

    def script(work: PageWork) -> PageOutcome:
        if work.scope == SCOPES[0] and work.token == "2":
            return PageOutcome(next_token="2", error=throttled)
        if work.scope == SCOPES[2]:
            return PageOutcome(next_token=START_TOKEN, error=denied)
        return base(work)

    fleet = Fleet(SCOPES, executor=ScriptedExecutor(script))
    listing = fleet.sessions()
    first = entries(listing)
    assert [(f.scope, f.error, f.resume_token, f.items) for f in listing.failures] == [
        (SCOPES[2], denied, START_TOKEN, 0),
        (SCOPES[0], throttled, "2", 2),
    ] or [(f.scope, f.error, f.resume_token, f.items) for f in listing.failures] == [
        (SCOPES[0], throttled, "2", 2),
        (SCOPES[2], denied, START_TOKEN, 0),
    ]
    assert listing.unfinished == {SCOPES[0]: "2", SCOPES[2]: START_TOKEN}
    executor = ScriptedExecutor(base)
    again = Fleet(SCOPES, executor=executor)
    rest = entries(again.resume(listing.failures))
    assert Counter(first) + Counter(rest) == expected_of(SIZES)
    assert {(w.scope, w.token) for w in executor.works} >= {
        (SCOPES[0], "2"),
        (SCOPES[2], START_TOKEN),
    }


def test_a_failure_that_left_nothing_is_not_listed_again() -> None:
    bad = ResponseValidationError("bad", raw_item={}, resume_token=None)

    def script(work: PageWork) -> PageOutcome:
        return PageOutcome(next_token=None, error=bad)

    listing = Fleet(SCOPES[:1], executor=ScriptedExecutor(script)).sessions()
    assert entries(listing) == []
    (failure,) = listing.failures
    assert failure.resume_token is None
    assert listing.unfinished == {}
    executor = ScriptedExecutor(script)
    assert entries(Fleet(SCOPES[:1], executor=executor).resume(listing.failures)) == []
    assert executor.works == []


def test_resume_takes_the_failures_of_one_listing_only() -> None:
    def script(work: PageWork) -> PageOutcome:
        return PageOutcome(next_token=START_TOKEN, error=TrafficMirrorError("x"))

    fleet = Fleet(SCOPES, executor=ScriptedExecutor(script))
    sessions = fleet.sessions()
    targets = fleet.targets()
    list(sessions)
    list(targets)
    with pytest.raises(QueryError, match="failures of one listing"):
        fleet.resume([*sessions.failures[:1], *targets.failures[1:]])
    with pytest.raises(QueryError, match="more than once"):
        fleet.resume([*sessions.failures, *sessions.failures])
    other = Fleet(SCOPES[:1], executor=ScriptedExecutor(script))
    with pytest.raises(QueryError, match="not this fleet's"):
        other.resume(sessions.failures)


def test_tasks_in_flight_never_pass_the_bound_whatever_the_consumer_does() -> None:
    sizes = {Scope(f"{n:012d}", "us-east-1", "R"): 9 for n in range(1, 9)}
    executor = ScriptedExecutor(pages_of(sizes))
    listing = Fleet(sizes, executor=executor, max_in_flight=3).sessions()
    next(listing)
    # The consumer holds one item: three places, plus the next page of the page being read.
    assert len(executor.works) == 4
    # Pages held at any moment: the answers not read (at most the three in flight)
    # and the page being handed out.
    held = [executor.unread()]
    for _ in range(8 * 9 - 1):
        next(listing)
        held.append(executor.unread())
    assert max(held) == 3
    assert next(listing, None) is None
    assert len(executor.works) == 8 * 5  # nine items in pages of two: five pages a scope


def test_closing_cancels_what_has_not_run_and_says_where_each_scope_goes_on() -> None:
    held = frozenset({SCOPES[2]})
    executor = ScriptedExecutor(pages_of(SIZES), hold=held)
    fleet = Fleet(SCOPES, executor=executor, max_in_flight=3)
    with fleet.sessions() as listing:
        first = next(listing)
        second = next(listing)
    assert (first.scope, second.scope) == (SCOPES[0], SCOPES[0])
    assert next(listing, None) is None
    pending = [f for w, f in zip(executor.works, executor.futures, strict=True) if w.scope in held]
    assert pending
    assert all(future.cancelled() for future in pending)
    # Scope 0 was read to item 2; scope 1's answer (empty) was not read; scope 2 never ran.
    assert listing.unfinished == {SCOPES[0]: "2", SCOPES[1]: START_TOKEN, SCOPES[2]: START_TOKEN}
    assert listing.progress.items == 2
    assert not listing.finished
    executor = ScriptedExecutor(pages_of(SIZES))
    rest = entries(Fleet(SCOPES, executor=executor).sessions(starting_tokens=listing.unfinished))
    assert Counter(
        [(first.scope, cast("str", first.item)), (second.scope, cast("str", second.item))]
    ) + Counter(rest) == expected_of(SIZES)


def test_a_listing_closed_before_it_started_sends_nothing() -> None:
    executor = ScriptedExecutor(pages_of(SIZES))
    listing = Fleet(SCOPES, executor=executor).sessions()
    listing.close()
    assert next(listing, None) is None
    assert executor.works == []
    assert listing.unfinished == dict.fromkeys(SCOPES, START_TOKEN)


def test_the_default_executor_is_a_thread_pool_that_ends_with_the_listing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = threading.active_count()
    # The real run_page would call AWS: the script answers instead, on the pool's threads.
    monkeypatch.setattr("ec2_traffic_mirror._fleet.run_page", pages_of(SIZES))
    listing = Fleet(SCOPES, max_in_flight=2).sessions()
    assert Counter(entries(listing)) == expected_of(SIZES)
    threads = [t for t in threading.enumerate() if t.name.startswith("ec2-traffic-mirror-fleet")]
    for thread in threads:
        thread.join(timeout=60)
    assert threading.active_count() <= started


def test_a_progress_callback_that_raises_stops_the_listing_with_its_error() -> None:
    def explode(progress: FleetProgress) -> None:
        raise KeyError("from the callback")

    executor = ScriptedExecutor(pages_of(SIZES), hold=frozenset({SCOPES[2]}))
    listing = Fleet(SCOPES, executor=executor, progress=explode).sessions()
    with pytest.raises(KeyError, match="from the callback"):
        list(listing)
    held = [
        f for w, f in zip(executor.works, executor.futures, strict=True) if w.scope == SCOPES[2]
    ]
    assert all(future.cancelled() for future in held)


# -- what a process keeps --------------------------------------------------------------


def test_old_single_flight_locks_are_forgotten_but_never_one_still_asking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ec2_traffic_mirror import _fleet_work

    monkeypatch.setattr(_fleet_work, "_CREDENTIALS_KEPT", 2)
    place = _fleet_work._Place()  # pyright: ignore[reportPrivateUsage]
    asking = place._single_flight(("fleet", "arn:a"))  # pyright: ignore[reportPrivateUsage]
    with asking:  # AssumeRole of arn:a under way: its answer is not kept yet
        place._single_flight(("fleet", "arn:b"))  # pyright: ignore[reportPrivateUsage]
        place._assumed[("fleet", "arn:b")] = _fleet_work._Assumed("k", "s", "t")  # pyright: ignore[reportPrivateUsage]
        place._single_flight(("fleet", ""))  # pyright: ignore[reportPrivateUsage]
        place._callers["fleet"] = "123456789012"  # pyright: ignore[reportPrivateUsage]
        # Over the limit: the next question forgets the answered ones, not arn:a's.
        place._single_flight(("other", "arn:c"))  # pyright: ignore[reportPrivateUsage]
        assert set(place._asking) == {("fleet", "arn:a"), ("other", "arn:c")}  # pyright: ignore[reportPrivateUsage]
        # Whoever asks about arn:a now waits for the same lock, so it is asked once.
        assert place._single_flight(("fleet", "arn:a")) is asking  # pyright: ignore[reportPrivateUsage]
