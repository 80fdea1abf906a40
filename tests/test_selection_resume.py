"""Exact resumption with a selection on the client side, as a property, on the fake.

For random estates (sessions with random tags), random selections (``tag``,
``tag_key``, ``where``), page sizes, cut points and failures (throttling past
botocore's retries, a failing page, an invalid item, ``max_items``, or simply
stopping), the selected items before the cut plus the items after resuming
from ``resume_token`` are exactly the selected items of the full listing: none
lost, none twice. The same token given to a plain boto3 paginator yields the
remaining raw items, whose selected ones are those. Pages are AWS's answers
(one per call, possibly empty), and ``first`` and ``count`` agree.

The expected listing comes from a reference selection written here (over the
raw boto3 items, not the SDK's models): AWS's ``tag:<key>`` and ``tag-key``
filter semantics, then the predicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Literal, cast

import botocore.session
import pytest
from botocore.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import TagTypeDef, TrafficMirrorSessionTypeDef

from ec2_traffic_mirror import (
    AwsApiError,
    ResponseValidationError,
    SessionQuery,
    ThrottlingError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.testing import TrafficMirrorFake, mock_traffic_mirror

MAX_TOTAL = 23
ATTEMPTS = 2  # botocore's total attempts: one retry, so "past retries" is fast
KEYS = ("team", "env", "tier")
VALUES = ("a", "b", "")

Kind = Literal["stop", "max_items", "throttle", "fail_page", "invalid", "skip"]
KINDS: tuple[Kind, ...] = ("stop", "max_items", "throttle", "fail_page", "invalid", "skip")

Tags = dict[str, str]
# The fixture is module-wide and every example sets the estate's tags afresh.
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


# The predicates a selection may use: module-level, so a failing example's repr reads back.


def odd_number(session: TrafficMirrorSession) -> bool:
    return session.session_number % 2 == 1


def low_number(session: TrafficMirrorSession) -> bool:
    return session.session_number <= 12


def tagged(session: TrafficMirrorSession) -> bool:
    return len(session.tags) > 0


PREDICATES: Mapping[str, Callable[[TrafficMirrorSession], bool]] = {
    "odd_number": odd_number,
    "low_number": low_number,
    "tagged": tagged,
}


@dataclass(frozen=True)
class Selection:
    """One random selection: the SDK query's part and the reference to check it against."""

    tags: tuple[tuple[str, tuple[str, ...]], ...]
    tag_keys: tuple[str, ...]
    predicates: tuple[str, ...]

    def apply(self, query: SessionQuery) -> SessionQuery:
        for key, values in self.tags:
            query = query.tag(key, *values)
        if self.tag_keys:
            query = query.tag_key(*self.tag_keys)
        for name in self.predicates:
            query = query.where(PREDICATES[name])
        return query

    def selects(self, raw: TrafficMirrorSessionTypeDef) -> bool:
        """The reference: AWS's tag filter semantics over the raw item, then the predicates."""
        have = {tag.get("Key", ""): tag.get("Value", "") for tag in raw.get("Tags", [])}
        for key, values in self.tags:
            if key not in have or have[key] not in values:
                return False
        if self.tag_keys and not any(key in have for key in self.tag_keys):
            return False
        number = raw.get("SessionNumber", 0)
        checks = {"odd_number": number % 2 == 1, "low_number": number <= 12, "tagged": bool(have)}
        return all(checks[name] for name in self.predicates)


@st.composite
def selections(draw: st.DrawFn) -> Selection:
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=2))
    tags = tuple(
        (key, tuple(draw(st.lists(st.sampled_from(VALUES), unique=True, min_size=1))))
        for key in sorted(keys)
    )
    tag_keys = tuple(draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=2)))
    predicates = tuple(draw(st.lists(st.sampled_from(sorted(PREDICATES)), unique=True, max_size=2)))
    return Selection(tags, tag_keys, predicates)


estates = st.lists(
    st.dictionaries(st.sampled_from(KEYS), st.sampled_from(VALUES), max_size=len(KEYS)),
    min_size=MAX_TOTAL,
    max_size=MAX_TOTAL,
)


def _query(total: int, page_size: int) -> SessionQuery:
    # Sessions are seeded with session numbers 1..MAX_TOTAL, one each, so a
    # session-number filter picks exactly `total` of them (none: 32766).
    numbers = range(1, total + 1) if total else (32766,)
    return SessionQuery().session_number(*numbers).page_size(page_size)


def _ids(sessions: Sequence[TrafficMirrorSession]) -> list[str]:
    return [s.traffic_mirror_session_id for s in sessions]


@dataclass
class Estate:
    """The fake, its sessions (seeded once) and a client with few retries."""

    fake: TrafficMirrorFake
    client: EC2Client
    session_ids: list[str]
    repo: TrafficMirrorSessionRepository

    def retag(self, tags: Sequence[Tags]) -> None:
        """Give session ``i`` exactly ``tags[i]``: one DeleteTags, one CreateTags per tag."""
        self.client.delete_tags(Resources=self.session_ids, Tags=[{"Key": key} for key in KEYS])
        groups: dict[tuple[str, str], list[str]] = {}
        for session_id, wanted in zip(self.session_ids, tags, strict=True):
            for key, value in wanted.items():
                groups.setdefault((key, value), []).append(session_id)
        for (key, value), resources in groups.items():
            tag: TagTypeDef = {"Key": key, "Value": value}
            self.client.create_tags(Resources=resources, Tags=[tag])

    def raw(self, query: SessionQuery) -> list[TrafficMirrorSessionTypeDef]:
        """The raw items a plain boto3 paginator gives for the query's request."""
        paginator = self.client.get_paginator("describe_traffic_mirror_sessions")
        return [
            raw
            for page in paginator.paginate(**query.to_request())
            for raw in page["TrafficMirrorSessions"]
        ]


@pytest.fixture(scope="module")
def estate(module_aws_environment: None) -> Iterator[Estate]:
    with mock_traffic_mirror() as fake:
        session_ids = fake.seed_sessions(MAX_TOTAL, session_numbers=list(range(1, MAX_TOTAL + 1)))
        client = cast(
            "EC2Client",
            botocore.session.get_session().create_client(
                "ec2",
                region_name="us-east-1",
                config=Config(retries={"mode": "standard", "total_max_attempts": ATTEMPTS}),
            ),
        )
        yield Estate(fake, client, session_ids, TrafficMirrorSessionRepository(client))


def _id(raw: TrafficMirrorSessionTypeDef) -> str:
    return raw.get("TrafficMirrorSessionId", "")


@settings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
@given(
    tags=estates,
    selection=selections(),
    total=st.integers(0, MAX_TOTAL),
    page_size=st.integers(5, 9),
    cut=st.integers(0, MAX_TOTAL),
    kind=st.sampled_from(KINDS),
)
def test_selected_items_before_the_cut_plus_after_resuming_are_the_selected_listing(
    estate: Estate,
    *,
    tags: list[Tags],
    selection: Selection,
    total: int,
    page_size: int,
    cut: int,
    kind: Kind,
) -> None:
    fake, repo = estate.fake, estate.repo
    fake.reset_faults()
    estate.retag(tags)
    plain = _query(total, page_size)
    query = selection.apply(plain)
    assert query.to_request() == plain.to_request()
    raw = estate.raw(plain)
    assert len(raw) == total
    selected = [_id(item) for item in raw if selection.selects(item)]
    expected = list(selected)
    before: list[TrafficMirrorSession] = []
    error: AwsApiError | ResponseValidationError | None = None
    cut = min(cut, total)

    if kind == "max_items":
        listing = repo.find(query.max_items(max(cut, 1)))
        before = list(listing)
        assert _ids(before) == selected[: max(cut, 1)]
    elif kind == "skip":
        # The bad raw item is left out (and kept); the rest are selected as ever.
        listing = TrafficMirrorSessionRepository(estate.client, on_invalid="skip").find(query)
        bad = _id(raw[cut]) if cut < total else None
        if bad is not None:
            fake.serve_invalid_item(bad, SessionNumber=0)
            expected = [i for i in expected if i != bad]
        before = list(listing)
        assert [_id(item) for item in listing.skipped_items] == ([bad] if bad else [])
        assert _ids(before) == expected
    else:
        listing = repo.find(query)
        if kind == "stop":
            before = list(islice(listing, cut))
            assert _ids(before) == selected[:cut]
        elif kind == "throttle":
            before = list(islice(listing, cut))
            fake.throttle(ATTEMPTS)
            try:
                before.extend(listing)
            except ThrottlingError as caught:
                error = caught
            # A call is needed unless the cut is inside the last page (or past the end).
            page_end = 0
            if cut == 0:
                needs_call = True
            elif cut > len(selected):
                needs_call = False
            else:
                stop = [_id(r) for r in raw].index(selected[cut - 1]) + 1
                page_end = -(-stop // page_size) * page_size
                needs_call = page_end < total
            assert (error is not None) == needs_call
            if error is not None:
                assert _ids(before) == [_id(r) for r in raw[:page_end] if selection.selects(r)]
        elif kind == "fail_page":
            page = cut // page_size
            fake.fail_page(page, times=ATTEMPTS)
            try:
                before.extend(listing)
            except AwsApiError as caught:
                error = caught
            start = page * page_size
            assert (error is not None) == (start == 0 or start < total)
            if isinstance(error, AwsApiError):
                assert error.code == "InternalError"
                assert _ids(before) == [_id(r) for r in raw[:start] if selection.selects(r)]
            else:
                assert _ids(before) == selected
        else:  # "invalid": an invalid item raises, selected or not (it cannot be known)
            bad = _id(raw[cut]) if cut < total else None
            if bad is not None:
                fake.serve_invalid_item(bad, SessionNumber=0)
                expected = [i for i in expected if i != bad]
            try:
                before.extend(listing)
            except ResponseValidationError as caught:
                error = caught
            assert (error is None) == (bad is None)
            if isinstance(error, ResponseValidationError):
                assert error.session_id == bad
                assert _ids(before) == [_id(r) for r in raw[:cut] if selection.selects(r)]

    token = listing.resume_token
    if error is not None:
        assert error.resume_token == token
    fake.reset_faults()
    rest: list[TrafficMirrorSession] = []
    if token is not None:
        rest = list(repo.find(query.starting_token(token)))
        # A plain boto3 paginator takes the token too: its raw items, selected, are the rest.
        after = estate.raw(plain.starting_token(token))
        assert [_id(item) for item in after if selection.selects(item)] == _ids(rest)
    combined = _ids(before) + _ids(rest)
    assert combined == expected
    assert len(set(combined)) == len(combined)


@settings(max_examples=40, deadline=None, suppress_health_check=HEALTH)
@given(
    tags=estates,
    selection=selections(),
    total=st.integers(0, MAX_TOTAL),
    page_size=st.integers(5, 9),
    pages_first=st.integers(0, 5),
    max_items=st.one_of(st.none(), st.integers(1, MAX_TOTAL)),
)
def test_pages_are_the_answers_of_aws_and_resume_exactly(
    estate: Estate,
    *,
    tags: list[Tags],
    selection: Selection,
    total: int,
    page_size: int,
    pages_first: int,
    max_items: int | None,
) -> None:
    fake, repo = estate.fake, estate.repo
    fake.reset_faults()
    estate.retag(tags)
    plain = _query(total, page_size)
    query = selection.apply(plain)
    raw = estate.raw(plain)
    selected = [_id(item) for item in raw if selection.selects(item)]
    if max_items is not None:
        query = query.max_items(max_items)
        selected = selected[:max_items]

    # Every page: one AWS answer each, its selected items in order.
    fake.reset_call_counts()
    pages = list(repo.pages(query))
    calls = fake.call_count("DescribeTrafficMirrorSessions")
    assert len(pages) == calls
    assert [i for page in pages for i in _ids(page.items)] == selected
    assert pages[-1].next_token is None or max_items is not None
    if max_items is None:
        # Without a cut, each page holds the selected items of one raw page.
        chunks = [raw[i : i + page_size] for i in range(0, max(total, 1), page_size)]
        assert [_ids(page.items) for page in pages] == [
            [_id(r) for r in chunk if selection.selects(r)] for chunk in chunks
        ]

    # Cut after some pages, resume from the last page's next_token.
    listing = repo.pages(query)
    first_pages = list(islice(listing, pages_first))
    got = [i for page in first_pages for i in _ids(page.items)]
    token = first_pages[-1].next_token if first_pages else listing.resume_token
    assert token == listing.resume_token
    left = None if max_items is None else max_items - len(got)
    if token is not None and left != 0:
        rest_query = query.starting_token(token)
        if left is not None:
            rest_query = rest_query.max_items(left)
        got += [i for page in repo.pages(rest_query) for i in _ids(page.items)]
    assert got == selected

    # first and count agree with the listing.
    found = repo.first(query)
    assert (found.traffic_mirror_session_id if found else None) == (
        selected[0] if selected else None
    )
    assert repo.count(query) == len(selected)
