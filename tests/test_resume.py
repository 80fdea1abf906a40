"""Exact resumption as a property: cut anywhere, fail anyhow, resume; nothing lost or doubled.

For random totals, page sizes, cut points and failures (throttling past
botocore's retries, a failing page, an invalid item, MaxItems, or simply
stopping), the items before the cut plus the items after resuming from
``resume_token`` equal the full listing, without duplicates; and the same token
given to a plain boto3 paginator yields the same remaining items.
"""

from __future__ import annotations

from itertools import islice
from typing import Literal, cast

import botocore.session
from botocore.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AwsApiError,
    ResponseValidationError,
    SessionQuery,
    ThrottlingError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.testing import mock_traffic_mirror

MAX_TOTAL = 23
ATTEMPTS = 2  # botocore's total attempts: one retry, so "past retries" is fast
_BOTOCORE = botocore.session.get_session()

Kind = Literal["stop", "max_items", "throttle", "fail_page", "invalid"]
KINDS: tuple[Kind, ...] = ("stop", "max_items", "throttle", "fail_page", "invalid")


def _query(total: int, page_size: int) -> SessionQuery:
    # The sessions are seeded with session numbers 1..MAX_TOTAL, one each, so
    # a session-number filter picks exactly `total` of them (none: 32766).
    numbers = range(1, total + 1) if total else (32766,)
    return SessionQuery().session_number(*numbers).page_size(page_size)


def _ids(sessions: list[TrafficMirrorSession]) -> list[str]:
    return [s.traffic_mirror_session_id for s in sessions]


def test_items_before_the_cut_plus_items_after_resuming_are_the_full_listing() -> None:
    with mock_traffic_mirror() as fake:
        fake.seed_sessions(MAX_TOTAL, session_numbers=list(range(1, MAX_TOTAL + 1)))
        client = cast(
            "EC2Client",
            _BOTOCORE.create_client(
                "ec2",
                region_name="us-east-1",
                config=Config(retries={"mode": "standard", "total_max_attempts": ATTEMPTS}),
            ),
        )
        repo = TrafficMirrorSessionRepository(client)
        paginator = client.get_paginator("describe_traffic_mirror_sessions")

        def boto3_ids(query: SessionQuery) -> list[str]:
            return [
                raw.get("TrafficMirrorSessionId", "")
                for page in paginator.paginate(**query.to_request())
                for raw in page["TrafficMirrorSessions"]
            ]

        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(
            total=st.integers(0, MAX_TOTAL),
            page_size=st.integers(5, 9),
            cut=st.integers(0, MAX_TOTAL),
            kind=st.sampled_from(KINDS),
        )
        def check(total: int, page_size: int, cut: int, kind: Kind) -> None:
            fake.reset_faults()
            query = _query(total, page_size)
            full = boto3_ids(query)
            assert len(full) == total
            cut = min(cut, total)
            expected = list(full)
            before: list[TrafficMirrorSession] = []
            error: AwsApiError | ResponseValidationError | None = None

            if kind == "max_items":
                listing = repo.find(query.max_items(max(cut, 1)))
                before = list(listing)
                assert len(before) == min(max(cut, 1), total)
            else:
                listing = repo.find(query)
                if kind == "stop":
                    before = list(islice(listing, cut))
                elif kind == "throttle":
                    before = list(islice(listing, cut))
                    fake.throttle(ATTEMPTS)
                    try:
                        before.extend(listing)
                    except ThrottlingError as caught:
                        error = caught
                    # A call is needed unless the cut is inside the last page.
                    page_end = -(-cut // page_size) * page_size
                    assert (error is not None) == (cut == 0 or page_end < total)
                    if error is not None:
                        assert len(before) == page_end
                elif kind == "fail_page":
                    fake.fail_page(cut // page_size, times=ATTEMPTS)
                    try:
                        before.extend(listing)
                    except AwsApiError as caught:
                        error = caught
                    if isinstance(error, AwsApiError):
                        assert error.code == "InternalError"
                    # That page is asked for unless the listing ends before it.
                    start = cut // page_size * page_size
                    assert (error is not None) == (start == 0 or start < total)
                    assert len(before) == (start if error is not None else total)
                else:  # "invalid"
                    bad = full[cut] if cut < total else None
                    if bad is not None:
                        fake.serve_invalid_item(bad, SessionNumber=0)
                        expected.remove(bad)
                    try:
                        before.extend(listing)
                    except ResponseValidationError as caught:
                        error = caught
                    assert (error is None) == (bad is None)
                    if isinstance(error, ResponseValidationError):
                        assert error.session_id == bad
                        assert error.raw_item.get("SessionNumber") == 0
                    if bad is not None:
                        assert len(before) == cut

            token = listing.resume_token
            if error is not None:
                assert error.resume_token == token
            fake.reset_faults()
            rest: list[TrafficMirrorSession] = []
            if token is not None:
                rest = list(repo.find(query.starting_token(token)))
                # The same token works with a plain boto3 paginator.
                assert boto3_ids(query.starting_token(token)) == _ids(rest)
            else:
                assert len(before) == len(expected)
            combined = _ids(before) + _ids(rest)
            assert combined == expected
            assert len(set(combined)) == len(combined)

        check()
