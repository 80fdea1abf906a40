"""TargetQuery, FilterQuery, FilterRuleQuery: exact requests (botocore's Stubber), every refusal.

Each method alone builds the exact request, the repository sends exactly that
call, and (for the two calls that have one) a plain boto3 paginator accepts
``to_request()`` as is. The queries are immutable, compare and hash by
value, and their ``repr`` is the chain that rebuilds them.
"""

from __future__ import annotations

import base64
import dataclasses
import ipaddress
from collections.abc import Callable
from typing import Any, cast, get_type_hints

import pytest
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import (
    DescribeTrafficMirrorFilterRulesRequestTypeDef,
    DescribeTrafficMirrorFiltersRequestPaginateTypeDef,
    DescribeTrafficMirrorTargetsRequestPaginateTypeDef,
)

import ec2_traffic_mirror
from ec2_traffic_mirror import (
    FilterQuery,
    FilterRuleQuery,
    QueryError,
    TargetQuery,
    TrafficMirrorFilterRepository,
    TrafficMirrorTargetRepository,
    UnknownValue,
)

from ._support import NLB_ARN, eni, fid, filter_item, rid, rule_item, target_item, tid, token

AnyQuery = TargetQuery | FilterQuery | FilterRuleQuery
Case = tuple[str, Callable[[Any], Any], dict[str, Any], dict[str, Any]]

PAGE2 = token("page-2")


def _common(prefix: str) -> list[Case]:
    return [
        (f"{prefix}-dry_run", lambda q: q.dry_run(), {"DryRun": True}, {"DryRun": True}),
        (
            f"{prefix}-dry_run_false",
            lambda q: q.dry_run(False),
            {"DryRun": False},
            {"DryRun": False},
        ),
        (
            f"{prefix}-page_size",
            lambda q: q.page_size(5),
            {"PaginationConfig": {"PageSize": 5}},
            {"MaxResults": 5},
        ),
        (
            f"{prefix}-page_size_max",
            lambda q: q.page_size(1000),
            {"PaginationConfig": {"PageSize": 1000}},
            {"MaxResults": 1000},
        ),
        (
            f"{prefix}-max_items",
            lambda q: q.max_items(1),
            {"PaginationConfig": {"MaxItems": 1}},
            {},
        ),
        (
            f"{prefix}-starting_token",
            lambda q: q.starting_token(PAGE2),
            {"PaginationConfig": {"StartingToken": PAGE2}},
            {"NextToken": "page-2"},
        ),
    ]


def _filter(name: str, *values: str) -> dict[str, Any]:
    return {"Filters": [{"Name": name, "Values": list(values)}]}


TARGET_CASES: list[Case] = [
    (
        "target_ids",
        lambda q: q.target_ids(tid(1), "tmt-0123abcd"),
        {"TrafficMirrorTargetIds": [tid(1), "tmt-0123abcd"]},
        {"TrafficMirrorTargetIds": [tid(1), "tmt-0123abcd"]},
    ),
    (
        "description",
        lambda q: q.description("web*", "db ?"),
        _filter("description", "web*", "db ?"),
        _filter("description", "web*", "db ?"),
    ),
    (
        "network_interface_id",
        lambda q: q.network_interface_id(eni(1)),
        _filter("network-interface-id", eni(1)),
        _filter("network-interface-id", eni(1)),
    ),
    (
        "network_load_balancer_arn",
        lambda q: q.network_load_balancer_arn(NLB_ARN),
        _filter("network-load-balancer-arn", NLB_ARN),
        _filter("network-load-balancer-arn", NLB_ARN),
    ),
    (
        "owner_id",
        lambda q: q.owner_id("123456789012", "210987654321"),
        _filter("owner-id", "123456789012", "210987654321"),
        _filter("owner-id", "123456789012", "210987654321"),
    ),
    (
        "traffic_mirror_target_id",
        lambda q: q.traffic_mirror_target_id(tid(1), "tmt-*"),
        _filter("traffic-mirror-target-id", tid(1), "tmt-*"),
        _filter("traffic-mirror-target-id", tid(1), "tmt-*"),
    ),
    *_common("target"),
]

FILTER_CASES: list[Case] = [
    (
        "filter_ids",
        lambda q: q.filter_ids(fid(1), fid(2)),
        {"TrafficMirrorFilterIds": [fid(1), fid(2)]},
        {"TrafficMirrorFilterIds": [fid(1), fid(2)]},
    ),
    (
        "description",
        lambda q: q.description("prod-*"),
        _filter("description", "prod-*"),
        _filter("description", "prod-*"),
    ),
    (
        "traffic_mirror_filter_id",
        lambda q: q.traffic_mirror_filter_id(fid(3)),
        _filter("traffic-mirror-filter-id", fid(3)),
        _filter("traffic-mirror-filter-id", fid(3)),
    ),
    *_common("filter"),
]

# For rules, to_request() is the client call itself (there is no paginator).
RULE_CASES: list[tuple[str, Callable[[Any], Any], dict[str, Any]]] = [
    (
        "filter_rule_ids",
        lambda q: q.filter_rule_ids(rid(1), rid(2)),
        {"TrafficMirrorFilterRuleIds": [rid(1), rid(2)]},
    ),
    ("filter_id", lambda q: q.filter_id(fid(1)), {"TrafficMirrorFilterId": fid(1)}),
    ("description", lambda q: q.description("ssh*"), _filter("description", "ssh*")),
    (
        "destination_cidr_block",
        lambda q: q.destination_cidr_block("10.0.0.0/16", ipaddress.ip_network("::/0")),
        _filter("destination-cidr-block", "10.0.0.0/16", "::/0"),
    ),
    ("protocol", lambda q: q.protocol(0, 6, 255), _filter("protocol", "0", "6", "255")),
    (
        "rule_action",
        lambda q: q.rule_action("accept", "reject"),
        _filter("rule-action", "accept", "reject"),
    ),
    ("rule_number", lambda q: q.rule_number(1, 32766), _filter("rule-number", "1", "32766")),
    (
        "source_cidr_block",
        lambda q: q.source_cidr_block("0.0.0.0/0"),
        _filter("source-cidr-block", "0.0.0.0/0"),
    ),
    (
        "traffic_direction",
        lambda q: q.traffic_direction("ingress", "egress"),
        _filter("traffic-direction", "ingress", "egress"),
    ),
    (
        "traffic_direction_unknown",
        lambda q: q.traffic_direction(UnknownValue("both")),
        _filter("traffic-direction", "both"),
    ),
    (
        "traffic_mirror_filter_id",
        lambda q: q.traffic_mirror_filter_id(fid(1), fid(2)),
        _filter("traffic-mirror-filter-id", fid(1), fid(2)),
    ),
    (
        "traffic_mirror_filter_rule_id",
        lambda q: q.traffic_mirror_filter_rule_id(rid(1)),
        _filter("traffic-mirror-filter-rule-id", rid(1)),
    ),
    ("dry_run", lambda q: q.dry_run(), {"DryRun": True}),
    ("page_size", lambda q: q.page_size(5), {"MaxResults": 5}),
    ("max_items", lambda q: q.max_items(2), {}),
    ("starting_token", lambda q: q.starting_token(token("page-2", 3)), {"NextToken": "page-2"}),
]


# -- exact requests ------------------------------------------------------------------------


@pytest.mark.parametrize("case", TARGET_CASES, ids=[case[0] for case in TARGET_CASES])
def test_each_target_method_builds_and_sends_the_exact_request(
    client: EC2Client, stubber: Stubber, case: Case
) -> None:
    name, build, request, call = case
    query = build(TargetQuery())
    assert query.to_request() == request, name
    stubber.add_response(
        "describe_traffic_mirror_targets", {"TrafficMirrorTargets": [target_item(1)]}, call
    )
    found = list(TrafficMirrorTargetRepository(client).find(query))
    assert len(found) == 1, name
    # The same request is what a plain boto3 paginator accepts.
    stubber.add_response(
        "describe_traffic_mirror_targets", {"TrafficMirrorTargets": [target_item(1)]}, call
    )
    paginator = client.get_paginator("describe_traffic_mirror_targets")
    assert len(list(paginator.paginate(**query.to_request()))) == 1


@pytest.mark.parametrize("case", FILTER_CASES, ids=[case[0] for case in FILTER_CASES])
def test_each_filter_method_builds_and_sends_the_exact_request(
    client: EC2Client, stubber: Stubber, case: Case
) -> None:
    name, build, request, call = case
    query = build(FilterQuery())
    assert query.to_request() == request, name
    stubber.add_response(
        "describe_traffic_mirror_filters", {"TrafficMirrorFilters": [filter_item(1)]}, call
    )
    assert len(list(TrafficMirrorFilterRepository(client).find(query))) == 1
    stubber.add_response(
        "describe_traffic_mirror_filters", {"TrafficMirrorFilters": [filter_item(1)]}, call
    )
    paginator = client.get_paginator("describe_traffic_mirror_filters")
    assert len(list(paginator.paginate(**query.to_request()))) == 1


@pytest.mark.parametrize(
    ("name", "build", "call"), RULE_CASES, ids=[case[0] for case in RULE_CASES]
)
def test_each_rule_method_builds_and_sends_the_exact_call(
    client: EC2Client,
    stubber: Stubber,
    name: str,
    build: Callable[[FilterRuleQuery], FilterRuleQuery],
    call: dict[str, Any],
) -> None:
    query = build(FilterRuleQuery())
    assert query.to_request() == call, name
    rules = [rule_item(n) for n in range(5)]
    stubber.add_response(
        "describe_traffic_mirror_filter_rules", {"TrafficMirrorFilterRules": rules}, call
    )
    found = list(TrafficMirrorFilterRepository(client).find_rules(query))
    # A starting token 3 items into its page skips them; max_items(2) stops at 2.
    expected = {"starting_token": 2, "max_items": 2}.get(name, 5)
    assert len(found) == expected, name
    # And a plain client call takes to_request() as is.
    stubber.add_response(
        "describe_traffic_mirror_filter_rules", {"TrafficMirrorFilterRules": rules}, call
    )
    client.describe_traffic_mirror_filter_rules(**query.to_request())


@pytest.mark.parametrize(
    ("query", "typed_dict"),
    [
        (TargetQuery(), DescribeTrafficMirrorTargetsRequestPaginateTypeDef),
        (FilterQuery(), DescribeTrafficMirrorFiltersRequestPaginateTypeDef),
        (FilterRuleQuery(), DescribeTrafficMirrorFilterRulesRequestTypeDef),
    ],
)
def test_everything_chained_uses_only_the_members_of_the_boto3_request_type(
    query: AnyQuery, typed_dict: type[Any]
) -> None:
    cases = {
        TargetQuery: [case[1] for case in TARGET_CASES],
        FilterQuery: [case[1] for case in FILTER_CASES],
        FilterRuleQuery: [case[1] for case in RULE_CASES],
    }[type(query)]
    built: Any = query
    for build in cases:
        built = build(built)
    request = built.to_request()
    members = set(get_type_hints(typed_dict))
    assert set(request) <= members
    assert len(request) >= 3


def test_chained_rule_filters_are_in_one_canonical_order() -> None:
    one = FilterRuleQuery().traffic_direction("ingress").protocol(6).filter_id(fid(1))
    two = FilterRuleQuery().filter_id(fid(1)).protocol(6).traffic_direction("ingress")
    assert one == two
    assert hash(one) == hash(two)
    assert one.to_request() == {
        "TrafficMirrorFilterId": fid(1),
        "Filters": [
            {"Name": "protocol", "Values": ["6"]},
            {"Name": "traffic-direction", "Values": ["ingress"]},
        ],
    }


def test_calling_again_adds_values_once_and_filter_id_replaces() -> None:
    query = TargetQuery().owner_id("b", "a").owner_id("a", "c")
    assert query.to_request() == _filter("owner-id", "b", "a", "c")
    rules = FilterRuleQuery().filter_id(fid(1)).filter_id(fid(2)).rule_number(5).rule_number(5)
    assert rules.to_request() == {"TrafficMirrorFilterId": fid(2), **_filter("rule-number", "5")}


# -- immutability, equality, repr ----------------------------------------------------------


def has_tags(item: object) -> bool:
    """A named predicate: the repr of a query that uses it reads back."""
    return bool(getattr(item, "tags", ()))


# The selection on the client side, which every query has (repr and equality included).
SELECTION_CASES: list[Callable[[Any], Any]] = [
    lambda q: q.tag("team", "a", ""),
    lambda q: q.tag_key("env", "aws:cloudformation:stack-name"),
    lambda q: q.where(has_tags),
]


@pytest.mark.parametrize(
    ("cls", "cases"),
    [
        (TargetQuery, [case[1] for case in TARGET_CASES]),
        (FilterQuery, [case[1] for case in FILTER_CASES]),
        (FilterRuleQuery, [case[1] for case in RULE_CASES]),
    ],
)
def test_every_method_returns_a_new_query_and_the_repr_rebuilds_the_chain(
    cls: type[AnyQuery], cases: list[Callable[[Any], Any]]
) -> None:
    base: Any = cls()
    before = base.to_request()
    everything: Any = base
    for build in [*cases, *SELECTION_CASES]:
        changed = build(base)
        assert changed is not base
        assert changed != base
        assert type(changed) is cls
        everything = build(everything)
    assert base.to_request() == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(base, "_page_size", 5)  # noqa: B010
    namespace = {
        **vars(ec2_traffic_mirror),
        "IPv6Network": ipaddress.IPv6Network,
        "has_tags": has_tags,
    }
    assert ".tag('team', 'a', '').tag_key(" in repr(everything)
    assert eval(repr(everything), namespace) == everything
    assert repr(cls()) == f"{cls.__name__}()"


def test_queries_of_different_resources_are_never_equal() -> None:
    target: object = TargetQuery().description("x")
    assert target != FilterQuery().description("x")
    assert TargetQuery() != cast("object", FilterQuery())
    assert TargetQuery().page_size(5) == TargetQuery().page_size(5)


def test_repr_shows_the_chain() -> None:
    query = FilterRuleQuery().rule_number(3, 4).filter_id(fid(1)).rule_action("reject").page_size(5)
    assert repr(query) == (
        f"FilterRuleQuery().filter_id({fid(1)!r}).rule_action('reject').rule_number(3, 4)"
        ".page_size(5)"
    )


# -- refusals ------------------------------------------------------------------------------


def _call(query: Any, method: str, *args: object) -> Any:
    return getattr(query, method)(*args)


STRING_METHODS = [
    (TargetQuery, name)
    for name in ("description", "network_interface_id", "network_load_balancer_arn", "owner_id")
] + [
    (TargetQuery, "traffic_mirror_target_id"),
    (FilterQuery, "description"),
    (FilterQuery, "traffic_mirror_filter_id"),
    (FilterRuleQuery, "description"),
    (FilterRuleQuery, "traffic_mirror_filter_id"),
    (FilterRuleQuery, "traffic_mirror_filter_rule_id"),
]


@pytest.mark.parametrize(("cls", "method"), STRING_METHODS)
@pytest.mark.parametrize("bad", ["", 5, None, b"bytes", ["a"]])
def test_string_filters_refuse_what_is_not_a_non_empty_string(
    cls: type[AnyQuery], method: str, bad: object
) -> None:
    with pytest.raises(QueryError, match=rf"{method}\(\)"):
        _call(cls(), method, "ok", bad)
    with pytest.raises(QueryError, match="at least one value"):
        _call(cls(), method)


@pytest.mark.parametrize(
    ("method", "low", "high"), [("rule_number", 1, 32766), ("protocol", 0, 255)]
)
def test_integer_rule_filters_refuse_values_out_of_range_and_non_integers(
    method: str, low: int, high: int
) -> None:
    for bad in (low - 1, high + 1):
        with pytest.raises(QueryError, match=rf"{method}\(\) takes {low} to {high}, got {bad}"):
            _call(FilterRuleQuery(), method, bad)
    for bad_type in (True, "6", 6.0, None):
        with pytest.raises(QueryError, match="takes integers"):
            _call(FilterRuleQuery(), method, bad_type)
    assert _call(FilterRuleQuery(), method, low, high) is not None


@pytest.mark.parametrize(
    ("method", "known"),
    [("rule_action", "'accept' or 'reject'"), ("traffic_direction", "'ingress' or 'egress'")],
)
@pytest.mark.parametrize("bad", ["Accept", "both", "", 1, None])
def test_enum_filters_refuse_unknown_plain_strings_but_take_unknown_values(
    method: str, known: str, bad: object
) -> None:
    with pytest.raises(QueryError) as caught:
        _call(FilterRuleQuery(), method, bad)
    assert known in str(caught.value)
    assert repr(bad) in str(caught.value)
    assert _call(FilterRuleQuery(), method, UnknownValue("both")) is not None


@pytest.mark.parametrize("method", ["source_cidr_block", "destination_cidr_block"])
@pytest.mark.parametrize("bad", ["10.0.0.0", "10.0.0.0/33", "x/8", "", 5, None])
def test_cidr_filters_refuse_what_is_not_a_cidr_block(method: str, bad: object) -> None:
    with pytest.raises(QueryError, match="CIDR"):
        _call(FilterRuleQuery(), method, bad)


@pytest.mark.parametrize(
    ("cls", "method", "good", "bads"),
    [
        (TargetQuery, "target_ids", tid(1), ["tmf-0123abcd", "tmt-xyz", tid(1).upper()]),
        (FilterQuery, "filter_ids", fid(1), ["tmt-0123abcd", "tmf-", "tmf-0123456789abcdef"]),
        (FilterRuleQuery, "filter_rule_ids", rid(1), ["tmf-0123abcd", "tmfr-0123abc", 7]),
        (FilterRuleQuery, "filter_id", fid(1), [rid(1), "", None]),
    ],
)
def test_id_methods_take_only_ids_of_their_kind(
    cls: type[AnyQuery], method: str, good: str, bads: list[object]
) -> None:
    assert _call(cls(), method, good) is not None
    for bad in bads:
        with pytest.raises(QueryError) as caught:
            _call(cls(), method, bad)
        assert f"{method}()" in str(caught.value)
        assert repr(bad) in str(caught.value)


@pytest.mark.parametrize("cls", [TargetQuery, FilterQuery, FilterRuleQuery])
def test_the_shared_options_are_checked_for_every_query(cls: type[AnyQuery]) -> None:
    query: Any = cls()  # the values are wrong on purpose: checked at run time too
    for bad in (4, 1001, True, "5"):
        with pytest.raises(QueryError, match=r"page_size\(\)"):
            query.page_size(bad)
    for bad_count in (0, False, None):
        with pytest.raises(QueryError, match=r"max_items\(\)"):
            query.max_items(bad_count)
    with pytest.raises(QueryError, match=r"dry_run\(\)"):
        query.dry_run(1)
    not_a_token = base64.b64encode(b'{"Next": "x"}').decode()
    with pytest.raises(QueryError, match=r"starting_token\(\)"):
        cls().starting_token(not_a_token)
    with pytest.raises(QueryError, match=r"starting_token\(\)"):
        cls().starting_token("")
