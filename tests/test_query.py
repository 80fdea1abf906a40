"""SessionQuery: exact requests (checked by botocore's Stubber), immutability, every refusal."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import (
    DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
    DescribeTrafficMirrorSessionsRequestTypeDef,
    TrafficMirrorSessionTypeDef,
)

from ec2_traffic_mirror import QueryError, SessionQuery, TrafficMirrorSessionRepository

SID_A = "tms-0123456789abcdef0"
SID_B = "tms-0123456789abcdef1"
SID_OLD = "tms-0123abcd"


def _token(payload: dict[str, object]) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


TOKEN = _token({"NextToken": "page-2", "boto_truncate_amount": 3})


def sid(number: int) -> str:
    return f"tms-{number:017x}"


def item(number: int = 1) -> TrafficMirrorSessionTypeDef:
    return {
        "TrafficMirrorSessionId": sid(number),
        "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
        "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
        "NetworkInterfaceId": "eni-0123456789abcdef0",
        "OwnerId": "123456789012",
        "SessionNumber": 1,
        "Tags": [],
    }


# `client` and `stubber` (a fresh client per test) are conftest.py's fixtures.


# One case per builder method: the query, the paginator kwargs, the client call.
Case = tuple[
    str,
    Callable[[SessionQuery], SessionQuery],
    DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
    DescribeTrafficMirrorSessionsRequestTypeDef,
]
CASES: list[Case] = [
    (
        "session_ids",
        lambda q: q.session_ids(SID_A, SID_OLD),
        {"TrafficMirrorSessionIds": [SID_A, SID_OLD]},
        {"TrafficMirrorSessionIds": [SID_A, SID_OLD]},
    ),
    (
        "description",
        lambda q: q.description("prod*", "db ?"),
        {"Filters": [{"Name": "description", "Values": ["prod*", "db ?"]}]},
        {"Filters": [{"Name": "description", "Values": ["prod*", "db ?"]}]},
    ),
    (
        "network_interface_id",
        lambda q: q.network_interface_id("eni-1"),
        {"Filters": [{"Name": "network-interface-id", "Values": ["eni-1"]}]},
        {"Filters": [{"Name": "network-interface-id", "Values": ["eni-1"]}]},
    ),
    (
        "owner_id",
        lambda q: q.owner_id("123456789012", "210987654321"),
        {"Filters": [{"Name": "owner-id", "Values": ["123456789012", "210987654321"]}]},
        {"Filters": [{"Name": "owner-id", "Values": ["123456789012", "210987654321"]}]},
    ),
    (
        "packet_length",
        lambda q: q.packet_length(1, 8500),
        {"Filters": [{"Name": "packet-length", "Values": ["1", "8500"]}]},
        {"Filters": [{"Name": "packet-length", "Values": ["1", "8500"]}]},
    ),
    (
        "session_number",
        lambda q: q.session_number(1, 32766),
        {"Filters": [{"Name": "session-number", "Values": ["1", "32766"]}]},
        {"Filters": [{"Name": "session-number", "Values": ["1", "32766"]}]},
    ),
    (
        "traffic_mirror_filter_id",
        lambda q: q.traffic_mirror_filter_id("tmf-1"),
        {"Filters": [{"Name": "traffic-mirror-filter-id", "Values": ["tmf-1"]}]},
        {"Filters": [{"Name": "traffic-mirror-filter-id", "Values": ["tmf-1"]}]},
    ),
    (
        "traffic_mirror_session_id",
        lambda q: q.traffic_mirror_session_id(SID_A, "tms-*"),
        {"Filters": [{"Name": "traffic-mirror-session-id", "Values": [SID_A, "tms-*"]}]},
        {"Filters": [{"Name": "traffic-mirror-session-id", "Values": [SID_A, "tms-*"]}]},
    ),
    (
        "traffic_mirror_target_id",
        lambda q: q.traffic_mirror_target_id("tmt-1"),
        {"Filters": [{"Name": "traffic-mirror-target-id", "Values": ["tmt-1"]}]},
        {"Filters": [{"Name": "traffic-mirror-target-id", "Values": ["tmt-1"]}]},
    ),
    (
        "virtual_network_id",
        lambda q: q.virtual_network_id(0, 16777215),
        {"Filters": [{"Name": "virtual-network-id", "Values": ["0", "16777215"]}]},
        {"Filters": [{"Name": "virtual-network-id", "Values": ["0", "16777215"]}]},
    ),
    ("dry_run", lambda q: q.dry_run(), {"DryRun": True}, {"DryRun": True}),
    ("dry_run_false", lambda q: q.dry_run(False), {"DryRun": False}, {"DryRun": False}),
    (
        "page_size",
        lambda q: q.page_size(5),
        {"PaginationConfig": {"PageSize": 5}},
        {"MaxResults": 5},
    ),
    ("max_items", lambda q: q.max_items(1), {"PaginationConfig": {"MaxItems": 1}}, {}),
    (
        "starting_token",
        lambda q: q.starting_token(_token({"NextToken": "page-2"})),
        {"PaginationConfig": {"StartingToken": _token({"NextToken": "page-2"})}},
        {"NextToken": "page-2"},
    ),
]
CASE_IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("name", "build", "request_", "call"), CASES, ids=CASE_IDS)
def test_each_method_alone_builds_the_exact_request(
    name: str,
    build: Callable[[SessionQuery], SessionQuery],
    request_: DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
    call: DescribeTrafficMirrorSessionsRequestTypeDef,
) -> None:
    assert build(SessionQuery()).to_request() == request_, name


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_each_method_alone_is_sent_exactly_by_the_repository(
    client: EC2Client, stubber: Stubber, case: Case
) -> None:
    name, build, _, call = case
    stubber.add_response(
        "describe_traffic_mirror_sessions",
        {"TrafficMirrorSessions": [item(1)]},
        dict(call),
    )
    repository = TrafficMirrorSessionRepository(client)
    found = list(repository.find(build(SessionQuery())))
    # A StartingToken of 3 would skip into the page; the rest return the item.
    assert [s.traffic_mirror_session_id for s in found] == [sid(1)], name


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_each_method_alone_is_sent_exactly_by_a_plain_boto3_paginator(
    client: EC2Client, stubber: Stubber, case: Case
) -> None:
    name, build, _, call = case
    stubber.add_response(
        "describe_traffic_mirror_sessions",
        {"TrafficMirrorSessions": [item(1)]},
        dict(call),
    )
    paginator = client.get_paginator("describe_traffic_mirror_sessions")
    pages = list(paginator.paginate(**build(SessionQuery()).to_request()))
    assert len(pages) == 1, name


def _everything() -> SessionQuery:
    return (
        SessionQuery()
        .virtual_network_id(7)
        .traffic_mirror_target_id("tmt-1")
        .traffic_mirror_session_id(SID_B)
        .traffic_mirror_filter_id("tmf-1")
        .session_number(3)
        .packet_length(100)
        .owner_id("123456789012")
        .network_interface_id("eni-1")
        .description("d*")
        .session_ids(SID_A)
        .dry_run(False)
        .page_size(50)
        .max_items(10)
        .starting_token(TOKEN)
    )


EVERYTHING_FILTERS = [
    {"Name": "description", "Values": ["d*"]},
    {"Name": "network-interface-id", "Values": ["eni-1"]},
    {"Name": "owner-id", "Values": ["123456789012"]},
    {"Name": "packet-length", "Values": ["100"]},
    {"Name": "session-number", "Values": ["3"]},
    {"Name": "traffic-mirror-filter-id", "Values": ["tmf-1"]},
    {"Name": "traffic-mirror-session-id", "Values": [SID_B]},
    {"Name": "traffic-mirror-target-id", "Values": ["tmt-1"]},
    {"Name": "virtual-network-id", "Values": ["7"]},
]


def test_every_method_chained_builds_one_request() -> None:
    assert _everything().to_request() == {
        "TrafficMirrorSessionIds": [SID_A],
        "DryRun": False,
        "Filters": EVERYTHING_FILTERS,
        "PaginationConfig": {"MaxItems": 10, "PageSize": 50, "StartingToken": TOKEN},
    }


def test_every_method_chained_is_sent_exactly(client: EC2Client, stubber: Stubber) -> None:
    expected: dict[str, Any] = {
        "TrafficMirrorSessionIds": [SID_A],
        "DryRun": False,
        "Filters": EVERYTHING_FILTERS,
        "MaxResults": 50,
        "NextToken": "page-2",
    }
    page = [item(n) for n in range(5)]
    stubber.add_response(
        "describe_traffic_mirror_sessions", {"TrafficMirrorSessions": page}, expected
    )
    found = list(TrafficMirrorSessionRepository(client).find(_everything()))
    # The token skips 3 items into the page "page-2" asks for.
    assert [s.traffic_mirror_session_id for s in found] == [sid(3), sid(4)]


def test_chained_filters_and_ids_are_sent_by_a_plain_paginator(
    client: EC2Client, stubber: Stubber
) -> None:
    query = SessionQuery().owner_id("1").session_number(2, 3).session_ids(SID_A).page_size(5)
    stubber.add_response(
        "describe_traffic_mirror_sessions",
        {"TrafficMirrorSessions": [item(1)], "NextToken": "t"},
        {
            "TrafficMirrorSessionIds": [SID_A],
            "Filters": [
                {"Name": "owner-id", "Values": ["1"]},
                {"Name": "session-number", "Values": ["2", "3"]},
            ],
            "MaxResults": 5,
        },
    )
    stubber.add_response(
        "describe_traffic_mirror_sessions",
        {"TrafficMirrorSessions": []},
        {
            "TrafficMirrorSessionIds": [SID_A],
            "Filters": [
                {"Name": "owner-id", "Values": ["1"]},
                {"Name": "session-number", "Values": ["2", "3"]},
            ],
            "MaxResults": 5,
            "NextToken": "t",
        },
    )
    paginator = client.get_paginator("describe_traffic_mirror_sessions")
    assert len(list(paginator.paginate(**query.to_request()))) == 2


def test_calling_a_filter_again_adds_values_once_in_first_order() -> None:
    query = SessionQuery().owner_id("b", "a").owner_id("a", "c", "b").packet_length(5, 5)
    assert query.to_request() == {
        "Filters": [
            {"Name": "owner-id", "Values": ["b", "a", "c"]},
            {"Name": "packet-length", "Values": ["5"]},
        ]
    }
    assert SessionQuery().session_ids(SID_A).session_ids(SID_B, SID_A).to_request() == {
        "TrafficMirrorSessionIds": [SID_A, SID_B]
    }


def test_single_valued_options_replace() -> None:
    query = (
        SessionQuery().page_size(5).page_size(6).max_items(3).max_items(2).dry_run().dry_run(False)
    )
    assert query == SessionQuery().page_size(6).max_items(2).dry_run(False)


def test_every_method_returns_a_new_query_and_leaves_the_old_one() -> None:
    base = SessionQuery().owner_id("1")
    before = base.to_request()
    for _, build, _, _ in CASES:
        changed = build(base)
        assert changed is not base
        assert changed != base
    assert base.to_request() == before
    attribute = "_page_size"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(base, attribute, 5)


def test_equal_chains_are_equal_and_hash_equal() -> None:
    one = SessionQuery().owner_id("1").description("x").page_size(5)
    two = SessionQuery().page_size(5).description("x").owner_id("1")
    three = SessionQuery().owner_id("1").description("x").page_size(5)
    assert one == two == three
    assert hash(one) == hash(two) == hash(three)
    assert len({one, two, three}) == 1
    assert SessionQuery().owner_id("1", "2") == SessionQuery().owner_id("1").owner_id("2")
    assert SessionQuery().owner_id("1", "2") != SessionQuery().owner_id("2", "1")
    assert SessionQuery() != SessionQuery().dry_run(False)


def test_repr_shows_the_chain_and_reads_back() -> None:
    assert repr(SessionQuery()) == "SessionQuery()"
    query = SessionQuery().session_number(3, 4).owner_id("1").page_size(5)
    assert repr(query) == "SessionQuery().owner_id('1').session_number(3, 4).page_size(5)"
    everything = _everything()
    assert eval(repr(everything), {"SessionQuery": SessionQuery}) == everything


# -- refusals ----------------------------------------------------------------------


def _call(method: str, *args: object) -> SessionQuery:
    result: SessionQuery = getattr(SessionQuery(), method)(*args)
    return result


INT_RANGES = {
    "packet_length": (1, 8500),
    "session_number": (1, 32766),
    "virtual_network_id": (0, 16777215),
}
STRING_METHODS = (
    "description",
    "network_interface_id",
    "owner_id",
    "traffic_mirror_filter_id",
    "traffic_mirror_session_id",
    "traffic_mirror_target_id",
)


@pytest.mark.parametrize(
    ("method", "bad"),
    [
        (method, bad)
        for method, (low, high) in INT_RANGES.items()
        for bad in (low - 1, high + 1, -(2**63), 2**63)
    ],
)
def test_out_of_range_integers_are_refused_naming_method_value_and_range(
    method: str, bad: int
) -> None:
    low, high = INT_RANGES[method]
    with pytest.raises(QueryError) as caught:
        _call(method, low, bad)
    message = str(caught.value)
    assert method in message
    assert repr(bad) in message
    assert f"{low} to {high}" in message


@pytest.mark.parametrize("method", sorted(INT_RANGES))
@pytest.mark.parametrize("bad", [True, False, "5", 5.0, None])
def test_non_integers_and_bools_are_refused_for_integer_filters(method: str, bad: object) -> None:
    with pytest.raises(QueryError) as caught:
        _call(method, bad)
    message = str(caught.value)
    assert method in message
    assert repr(bad) in message
    assert "integer" in message


@pytest.mark.parametrize("method", STRING_METHODS)
def test_empty_strings_are_refused(method: str) -> None:
    with pytest.raises(QueryError, match=rf"{method}\(\) refuses the empty string"):
        _call(method, "ok", "")


@pytest.mark.parametrize("method", STRING_METHODS)
@pytest.mark.parametrize("bad", [5, None, b"bytes", ["a"]])
def test_non_strings_are_refused(method: str, bad: object) -> None:
    with pytest.raises(QueryError) as caught:
        _call(method, bad)
    assert method in str(caught.value)
    assert repr(bad) in str(caught.value)


@pytest.mark.parametrize("method", [*STRING_METHODS, *sorted(INT_RANGES), "session_ids"])
def test_no_values_is_refused(method: str) -> None:
    with pytest.raises(QueryError, match=rf"{method}\(\) needs at least one value"):
        _call(method)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "tms-",
        "tms-xyz",
        "TMS-0123456789abcdef0",
        "tms-0123456789ABCDEF0",
        "eni-0123abcd",
        7,
        "tms-0123abc",  # 7 digits: too short for either form
        "tms-0123456789abcdef",  # 16 digits: a 17-digit id cut short
        "tms-0123abcd0",  # 9 digits
        "tms-0123456789abcdef0 ",
    ],
)
def test_session_ids_must_be_session_ids(bad: object) -> None:
    with pytest.raises(QueryError) as caught:
        _call("session_ids", SID_A, bad)
    assert "session_ids()" in str(caught.value)
    assert repr(bad) in str(caught.value)


@pytest.mark.parametrize("bad", [4, 1001, 0, -5, True, 5.0, "5", None])
def test_page_size_must_be_5_to_1000(bad: object) -> None:
    with pytest.raises(QueryError) as caught:
        _call("page_size", bad)
    message = str(caught.value)
    assert "page_size()" in message
    assert repr(bad) in message
    assert "5 to 1000" in message


@pytest.mark.parametrize("bad", [0, -1, True, False, 1.0, "1", None])
def test_max_items_must_be_at_least_1(bad: object) -> None:
    with pytest.raises(QueryError) as caught:
        _call("max_items", bad)
    message = str(caught.value)
    assert "max_items()" in message
    assert repr(bad) in message
    assert "at least 1" in message


def test_the_edges_of_every_range_are_accepted() -> None:
    query = (
        SessionQuery()
        .page_size(5)
        .page_size(1000)
        .max_items(1)
        .max_items(10**9)
        .packet_length(1, 8500)
        .session_number(1, 32766)
        .virtual_network_id(0, 16777215)
    )
    assert query.to_request().get("PaginationConfig") == {"MaxItems": 10**9, "PageSize": 1000}


@pytest.mark.parametrize("bad", [1, "true", None])
def test_dry_run_takes_a_bool(bad: object) -> None:
    with pytest.raises(QueryError, match=r"dry_run\(\) takes True or False"):
        _call("dry_run", bad)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        5,
        None,
        _token({"Other": "x"}),
        _token({"NextToken": "x", "Extra": 1}),
        _token({"NextToken": 5}),
        _token({"NextToken": "x", "boto_truncate_amount": -1}),
        _token({"NextToken": "x", "boto_truncate_amount": True}),
        _token({"NextToken": "x", "boto_truncate_amount": "2"}),
        "a___b___c",
        "abc___-2",
    ],
)
def test_starting_tokens_no_paginator_can_read_are_refused(bad: object) -> None:
    with pytest.raises(QueryError, match=r"starting_token\(\)"):
        _call("starting_token", bad)


@pytest.mark.parametrize(
    "token",
    [
        _token({"NextToken": None}),
        _token({"NextToken": "x"}),
        _token({"NextToken": "x", "boto_truncate_amount": 4}),
        "an-opaque-aws-token",  # botocore passes a bare AWS NextToken on
        "an-opaque-aws-token___2",  # botocore's old style
    ],
)
def test_starting_tokens_botocore_reads_are_accepted(token: str) -> None:
    assert SessionQuery().starting_token(token).to_request() == {
        "PaginationConfig": {"StartingToken": token}
    }


def test_session_ids_of_8_or_17_and_more_digits_are_accepted() -> None:
    # 17 today; AWS lengthened ids once (from 8) and may again: longer ones pass.
    longer = "tms-" + "0123456789abcdef" * 2
    query = SessionQuery().session_ids(SID_OLD, SID_A, longer)
    assert query.to_request() == {"TrafficMirrorSessionIds": [SID_OLD, SID_A, longer]}


def test_query_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="page_size"):
        SessionQuery().page_size(4)


def test_a_refused_value_leaves_no_half_built_query() -> None:
    base = SessionQuery().owner_id("a")
    with pytest.raises(QueryError):
        base.owner_id("b", "")
    assert base == SessionQuery().owner_id("a")
