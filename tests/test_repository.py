"""TrafficMirrorSessionRepository over botocore's Stubber: exact calls, tokens, errors."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from typing import Any, Final, cast

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import TrafficMirrorSessionTypeDef

from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    DryRunOperationError,
    InvalidTokenError,
    Page,
    QueryError,
    ResponseValidationError,
    SessionNotFoundError,
    SessionQuery,
    ThrottlingError,
    TrafficMirrorError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)

OP: Final = "describe_traffic_mirror_sessions"


def sid(number: int) -> str:
    return f"tms-{number:017x}"


def item(number: int, **members: Any) -> TrafficMirrorSessionTypeDef:
    raw: dict[str, Any] = {
        "TrafficMirrorSessionId": sid(number),
        "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
        "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
        "NetworkInterfaceId": "eni-0123456789abcdef0",
        "OwnerId": "123456789012",
        "SessionNumber": number % 32766 + 1,
        "Tags": [{"Key": "n", "Value": str(number)}],
    }
    raw.update(members)
    return cast("TrafficMirrorSessionTypeDef", raw)


def items(start: int, stop: int) -> list[TrafficMirrorSessionTypeDef]:
    return [item(n) for n in range(start, stop)]


def decode(token: str | None) -> object:
    assert token is not None
    return json.loads(base64.b64decode(token))


def ids(sessions: Iterator[TrafficMirrorSession] | list[TrafficMirrorSession]) -> list[str]:
    return [s.traffic_mirror_session_id for s in sessions]


# `client`, `stubber` and `repo` (a fresh client per test) are conftest.py's fixtures.


def add_pages(
    stubber: Stubber,
    pages: list[list[TrafficMirrorSessionTypeDef]],
    *,
    first_token: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Queue ``pages`` as AWS would page them: tokens "t1", "t2", ... between them."""
    for index, page in enumerate(pages):
        expected: dict[str, Any] = dict(extra or {})
        token = first_token if index == 0 else f"t{index}"
        if token is not None:
            expected["NextToken"] = token
        response: dict[str, Any] = {"TrafficMirrorSessions": page}
        if index + 1 < len(pages):
            response["NextToken"] = f"t{index + 1}"
        stubber.add_response(OP, response, expected)


def client_error(
    stubber: Stubber, code: str, *, status: int = 400, expected: dict[str, Any] | None = None
) -> None:
    stubber.add_client_error(
        OP,
        service_error_code=code,
        service_message=f"message for {code}",
        http_status_code=status,
        expected_params=expected,
        response_meta={"RequestId": "req-1234"},
    )


# -- laziness and the paging itself ------------------------------------------------


def test_find_makes_no_call_until_iterated_and_one_per_page_needed(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    listing = repo.find(SessionQuery().page_size(5))
    # Nothing queued: any call now would raise UnStubbedResponseError.
    assert listing.resume_token is not None
    add_pages(stubber, [items(0, 5)], extra={"MaxResults": 5})
    assert next(listing).traffic_mirror_session_id == sid(0)
    # One page was queued and used; a second call would find nothing queued.
    assert ids([next(listing) for _ in range(4)]) == [sid(n) for n in range(1, 5)]


def test_find_walks_every_page_and_skips_empty_pages(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [items(0, 5), [], items(5, 7)], extra={"MaxResults": 5})
    listing = repo.find(SessionQuery().page_size(5))
    assert ids(list(listing)) == [sid(n) for n in range(7)]
    assert listing.resume_token is None
    with pytest.raises(StopIteration):
        next(listing)


def test_first_makes_one_call(repo: TrafficMirrorSessionRepository, stubber: Stubber) -> None:
    add_pages(stubber, [items(0, 5), items(5, 10)], extra={"MaxResults": 5})
    first = repo.first(SessionQuery().page_size(5))
    assert first is not None
    assert first.traffic_mirror_session_id == sid(0)
    # The second page is still queued: first() made exactly one call.
    with pytest.raises(AssertionError):
        stubber.assert_no_pending_responses()
    repo.client.describe_traffic_mirror_sessions(MaxResults=5, NextToken="t1")  # drain it


def test_first_is_none_for_no_match_and_goes_past_empty_pages(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [[]])
    assert repo.first() is None
    add_pages(stubber, [[], items(3, 4)])
    found = repo.first()
    assert found is not None
    assert found.traffic_mirror_session_id == sid(3)


def test_count_counts_every_page(repo: TrafficMirrorSessionRepository, stubber: Stubber) -> None:
    add_pages(stubber, [items(0, 5), items(5, 10), items(10, 12)], extra={"MaxResults": 5})
    assert repo.count(SessionQuery().page_size(5)) == 12
    add_pages(stubber, [items(0, 5), items(5, 10)], extra={"MaxResults": 5})
    assert repo.count(SessionQuery().page_size(5).max_items(7)) == 7


def test_pages_yields_typed_pages_with_resume_tokens(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [items(0, 5), items(5, 8)], extra={"MaxResults": 5})
    pages = list(repo.pages(SessionQuery().page_size(5)))
    assert [ids(list(page.items)) for page in pages] == [
        [sid(n) for n in range(5)],
        [sid(n) for n in range(5, 8)],
    ]
    assert all(isinstance(page, Page) for page in pages)
    assert isinstance(pages[0].items, tuple)
    assert decode(pages[0].next_token) == {"NextToken": "t1"}
    assert pages[1].next_token is None


def test_page_is_a_plain_frozen_dataclass() -> None:
    page = Page(items=(), next_token=None)
    attribute = "next_token"
    with pytest.raises(AttributeError):
        setattr(page, attribute, "x")
    assert page == Page(items=(), next_token=None)


def test_a_repeated_next_token_stops_the_listing(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    stubber.add_response(OP, {"TrafficMirrorSessions": items(0, 1), "NextToken": "same"}, {})
    stubber.add_response(
        OP, {"TrafficMirrorSessions": items(1, 2), "NextToken": "same"}, {"NextToken": "same"}
    )
    with pytest.raises(TrafficMirrorError, match="NextToken 'same'"):
        list(repo.find())


# -- tokens: botocore's own format, byte for byte -----------------------------------


def test_tokens_match_botocore_after_max_items_inside_a_page(
    client: EC2Client, repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    query = SessionQuery().page_size(5).max_items(7)
    add_pages(stubber, [items(0, 5), items(5, 10)], extra={"MaxResults": 5})
    paginator = client.get_paginator(OP).paginate(**query.to_request())
    boto_items = [s for page in paginator for s in page["TrafficMirrorSessions"]]
    add_pages(stubber, [items(0, 5), items(5, 10)], extra={"MaxResults": 5})
    listing = repo.find(query)
    ours = list(listing)
    assert ids(ours) == [s.get("TrafficMirrorSessionId") for s in boto_items]
    assert listing.resume_token == cast("object", paginator.resume_token)
    assert decode(listing.resume_token) == {"NextToken": "t1", "boto_truncate_amount": 2}


def test_tokens_match_botocore_when_max_items_ends_on_a_page_boundary(
    client: EC2Client, repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    query = SessionQuery().page_size(5).max_items(5)
    for _ in range(2):  # once for the paginator, once for the repository
        stubber.add_response(
            OP, {"TrafficMirrorSessions": items(0, 5), "NextToken": "t1"}, {"MaxResults": 5}
        )
    paginator = client.get_paginator(OP).paginate(**query.to_request())
    list(paginator)
    listing = repo.find(query)
    assert len(list(listing)) == 5
    assert listing.resume_token == cast("object", paginator.resume_token)
    assert decode(listing.resume_token) == {"NextToken": "t1"}


def test_resume_token_after_each_item_is_exact(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [items(0, 5), items(5, 8)], extra={"MaxResults": 5})
    listing = repo.find(SessionQuery().page_size(5))
    assert decode(listing.resume_token) == {"NextToken": None}
    seen = [decode(listing.resume_token) if listing.resume_token else None for _ in listing]
    assert seen == [
        {"NextToken": None, "boto_truncate_amount": 1},
        {"NextToken": None, "boto_truncate_amount": 2},
        {"NextToken": None, "boto_truncate_amount": 3},
        {"NextToken": None, "boto_truncate_amount": 4},
        {"NextToken": "t1"},
        {"NextToken": "t1", "boto_truncate_amount": 1},
        {"NextToken": "t1", "boto_truncate_amount": 2},
        None,
    ]


def test_a_starting_token_skips_into_its_page_and_counts_from_there(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    token = base64.b64encode(b'{"NextToken": "s", "boto_truncate_amount": 2}').decode()
    add_pages(stubber, [items(5, 10), items(10, 12)], first_token="s", extra={"MaxResults": 5})
    listing = repo.find(SessionQuery().page_size(5).starting_token(token))
    assert listing.resume_token == token
    first = next(listing)
    assert first.traffic_mirror_session_id == sid(7)
    assert decode(listing.resume_token) == {"NextToken": "s", "boto_truncate_amount": 3}
    assert ids(list(listing)) == [sid(n) for n in (8, 9, 10, 11)]


def test_a_plain_aws_next_token_works_as_starting_token(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [items(5, 7)], first_token="raw-aws-token")
    assert ids(list(repo.find(SessionQuery().starting_token("raw-aws-token")))) == [
        sid(5),
        sid(6),
    ]


# -- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status", "cls"),
    [
        ("InvalidTrafficMirrorSessionId.NotFound", 400, SessionNotFoundError),
        ("UnauthorizedOperation", 403, AccessDeniedError),
        ("InvalidNextToken", 400, InvalidTokenError),
        ("DryRunOperation", 412, DryRunOperationError),
        ("RequestLimitExceeded", 503, ThrottlingError),
        ("SomethingNew", 400, AwsApiError),
    ],
)
def test_aws_errors_become_typed_errors_with_code_message_request_id_and_cause(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    code: str,
    status: int,
    cls: type[AwsApiError],
) -> None:
    client_error(stubber, code, status=status)
    with pytest.raises(cls) as caught:
        next(repo.find())
    error = caught.value
    assert type(error) is cls
    assert error.code == code
    assert error.message == f"message for {code}"
    assert error.request_id == "req-1234"
    assert error.operation == "DescribeTrafficMirrorSessions"
    assert isinstance(error.__cause__, ClientError)
    assert error.__cause__.response.get("Error", {}).get("Code") == code
    assert decode(error.resume_token) == {"NextToken": None}


def test_an_error_mid_listing_carries_the_resume_token_and_iteration_can_go_on(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    stubber.add_response(
        OP, {"TrafficMirrorSessions": items(0, 5), "NextToken": "t1"}, {"MaxResults": 5}
    )
    client_error(
        stubber, "InternalError", status=500, expected={"MaxResults": 5, "NextToken": "t1"}
    )
    stubber.add_response(
        OP, {"TrafficMirrorSessions": items(5, 6)}, {"MaxResults": 5, "NextToken": "t1"}
    )
    listing = repo.find(SessionQuery().page_size(5))
    got = [next(listing) for _ in range(5)]
    with pytest.raises(AwsApiError) as caught:
        next(listing)
    assert caught.value.code == "InternalError"
    assert caught.value.resume_token == listing.resume_token
    assert decode(caught.value.resume_token) == {"NextToken": "t1"}
    # The iterator stayed where it was: going on retries the failed call.
    got.extend(listing)
    assert ids(got) == [sid(n) for n in range(6)]


def test_get_returns_the_session(repo: TrafficMirrorSessionRepository, stubber: Stubber) -> None:
    stubber.add_response(
        OP, {"TrafficMirrorSessions": [item(9)]}, {"TrafficMirrorSessionIds": [sid(9)]}
    )
    assert repo.get(sid(9)) == TrafficMirrorSession.model_validate(item(9))


def test_get_maps_not_found(repo: TrafficMirrorSessionRepository, stubber: Stubber) -> None:
    client_error(
        stubber,
        "InvalidTrafficMirrorSessionId.NotFound",
        expected={"TrafficMirrorSessionIds": [sid(9)]},
    )
    with pytest.raises(SessionNotFoundError) as caught:
        repo.get(sid(9))
    assert caught.value.request_id == "req-1234"
    assert isinstance(caught.value.__cause__, ClientError)


def test_get_raises_not_found_for_an_empty_answer(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    stubber.add_response(
        OP,
        {"TrafficMirrorSessions": [], "ResponseMetadata": {"RequestId": "req-9"}},
        {"TrafficMirrorSessionIds": [sid(9)]},
    )
    with pytest.raises(SessionNotFoundError, match=sid(9)) as caught:
        repo.get(sid(9))
    assert caught.value.code == "InvalidTrafficMirrorSessionId.NotFound"
    assert caught.value.request_id == "req-9"


@pytest.mark.parametrize(
    "bad", ["", "tms-xyz", "tmt-0123456789abcdef0", " tms-0123456789abcdef0", None, 5]
)
def test_get_refuses_what_is_not_a_session_id_before_any_call(
    repo: TrafficMirrorSessionRepository, stubber: Stubber, bad: Any
) -> None:
    with pytest.raises(QueryError, match=r"get\(\)"):
        repo.get(bad)


def test_get_raises_for_an_invalid_item_in_either_mode(client: EC2Client, stubber: Stubber) -> None:
    for mode in ("raise", "skip"):
        stubber.add_response(OP, {"TrafficMirrorSessions": [item(9, SessionNumber=0)]})
        with pytest.raises(ResponseValidationError, match="SessionNumber"):
            TrafficMirrorSessionRepository(client, on_invalid=mode).get(sid(9))


def test_can_describe_is_true_for_dry_run_operation(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    client_error(
        stubber,
        "DryRunOperation",
        status=412,
        expected={"DryRun": True, "Filters": [{"Name": "owner-id", "Values": ["1"]}]},
    )
    assert repo.can_describe(SessionQuery().owner_id("1").page_size(5).max_items(3)) is True


def test_can_describe_is_false_for_unauthorized_operation(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    client_error(stubber, "UnauthorizedOperation", status=403, expected={"DryRun": True})
    assert repo.can_describe() is False


def test_can_describe_raises_other_errors(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    client_error(stubber, "InvalidParameterValue", expected={"DryRun": True})
    with pytest.raises(AwsApiError, match="InvalidParameterValue"):
        repo.can_describe()


# -- invalid items -----------------------------------------------------------------


def test_on_invalid_raise_names_id_field_value_rule_and_resumes_past_the_item(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    bad = item(2, SessionNumber=0, PacketLength=9000)
    page = [item(0), item(1), bad, item(3), item(4)]
    stubber.add_response(OP, {"TrafficMirrorSessions": page, "NextToken": "t1"}, {"MaxResults": 5})
    stubber.add_response(
        OP, {"TrafficMirrorSessions": items(5, 6)}, {"MaxResults": 5, "NextToken": "t1"}
    )
    listing = repo.find(SessionQuery().page_size(5))
    got = [next(listing), next(listing)]
    with pytest.raises(ResponseValidationError) as caught:
        next(listing)
    error = caught.value
    message = str(error)
    assert sid(2) in message
    assert "SessionNumber=0" in message
    assert "greater than or equal to 1" in message
    assert "PacketLength=9000" in message
    assert "less than or equal to 8500" in message
    assert error.session_id == sid(2)
    assert error.raw_item == bad
    assert error.__cause__ is not None
    assert decode(error.resume_token) == {"NextToken": None, "boto_truncate_amount": 3}
    assert error.resume_token == listing.resume_token
    got.extend(listing)  # iteration goes on past the bad item
    assert ids(got) == [sid(n) for n in (0, 1, 3, 4, 5)]


def test_on_invalid_skip_logs_leaves_out_and_keeps_the_raw_items(
    client: EC2Client, stubber: Stubber, caplog: pytest.LogCaptureFixture
) -> None:
    bad = item(1, TrafficMirrorSessionId="tms-0000000000000000x", SessionNumber=40000)
    no_id = item(3)
    del cast("dict[str, Any]", no_id)["TrafficMirrorSessionId"]
    stubber.add_response(OP, {"TrafficMirrorSessions": [item(0), bad, item(2), no_id, item(4)]}, {})
    repo = TrafficMirrorSessionRepository(client, on_invalid="skip")
    listing = repo.find()
    with caplog.at_level(logging.WARNING, logger="ec2_traffic_mirror"):
        found = list(listing)
    assert ids(found) == [sid(0), sid(2), sid(4)]
    assert listing.skipped_items == (bad, no_id)
    warnings = [r for r in caplog.records if r.name == "ec2_traffic_mirror"]
    assert len(warnings) == 2
    assert all(r.levelno == logging.WARNING for r in warnings)
    assert "tms-0000000000000000x" in warnings[0].getMessage()
    assert "SessionNumber=40000" in warnings[0].getMessage()
    assert "less than or equal to 32766" in warnings[0].getMessage()
    assert "no usable id" in warnings[1].getMessage()
    assert "TrafficMirrorSessionId" in warnings[1].getMessage()


def test_pages_hand_out_the_good_items_before_an_invalid_one(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    page = [item(0), item(1, PacketLength=0), item(2)]
    stubber.add_response(OP, {"TrafficMirrorSessions": page}, {})
    pages = repo.pages()
    before = next(pages)
    assert ids(list(before.items)) == [sid(0)]
    assert decode(before.next_token) == {"NextToken": None, "boto_truncate_amount": 1}
    with pytest.raises(ResponseValidationError, match="PacketLength=0") as caught:
        next(pages)
    assert decode(caught.value.resume_token) == {"NextToken": None, "boto_truncate_amount": 2}
    after = next(pages)
    assert ids(list(after.items)) == [sid(2)]
    assert after.next_token is None
    assert list(pages) == []


def test_pages_skip_mode_keeps_the_page_whole(client: EC2Client, stubber: Stubber) -> None:
    page = [item(0), item(1, PacketLength=0), item(2)]
    stubber.add_response(OP, {"TrafficMirrorSessions": page}, {})
    logging.getLogger("ec2_traffic_mirror").disabled = True
    try:
        pages = TrafficMirrorSessionRepository(client, on_invalid="skip").pages()
        only = next(pages)
    finally:
        logging.getLogger("ec2_traffic_mirror").disabled = False
    assert ids(list(only.items)) == [sid(0), sid(2)]
    assert pages.skipped_items == (page[1],)


# -- construction ------------------------------------------------------------------


def test_on_invalid_must_be_raise_or_skip(client: EC2Client) -> None:
    with pytest.raises(QueryError, match="on_invalid"):
        TrafficMirrorSessionRepository(client, on_invalid=cast("Any", "ignore"))


def test_find_refuses_what_is_not_a_query(repo: TrafficMirrorSessionRepository) -> None:
    with pytest.raises(QueryError, match="SessionQuery"):
        repo.find(cast("Any", {"owner_id": "1"}))


def option(repo: TrafficMirrorSessionRepository, name: str) -> object:
    """One option of the client's botocore Config (botocore-stubs leave them untyped)."""
    options: dict[str, object] = vars(repo.client.meta.config)
    return options[name]


def test_connect_defaults_to_standard_retries() -> None:
    repo = TrafficMirrorSessionRepository.connect(region_name="eu-west-1")
    assert repo.client.meta.region_name == "eu-west-1"
    assert option(repo, "retries") == {"mode": "standard"}
    assert repo.on_invalid == "raise"


def test_connect_merges_the_callers_config_over_the_default() -> None:
    config = Config(retries={"max_attempts": 2}, connect_timeout=3)
    repo = TrafficMirrorSessionRepository.connect(
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        config=config,
        on_invalid="skip",
    )
    # botocore stores max_attempts (retries) as total_max_attempts (calls).
    assert option(repo, "retries") == {"mode": "standard", "total_max_attempts": 3}
    assert option(repo, "connect_timeout") == 3
    assert repo.client.meta.endpoint_url == "http://127.0.0.1:9"
    assert repo.on_invalid == "skip"
    adaptive = TrafficMirrorSessionRepository.connect(
        region_name="us-east-1", config=Config(retries={"mode": "adaptive"})
    )
    assert option(adaptive, "retries") == {"mode": "adaptive"}


def test_connect_refuses_empty_names() -> None:
    with pytest.raises(QueryError, match="region_name"):
        TrafficMirrorSessionRepository.connect(region_name="")
    with pytest.raises(QueryError, match="profile_name"):
        TrafficMirrorSessionRepository.connect(profile_name="")
    with pytest.raises(QueryError, match="endpoint_url"):
        TrafficMirrorSessionRepository.connect(endpoint_url=cast("Any", 5))
