"""Filters, their rules and network services end to end on the fake, in-process and over HTTP.

The fake answers as AWS does (paging of filters and of rules, the rule filters,
rules inside their filter, NotFound, in use, the rule and filter quotas, a rule
number taken, RemoveFields, DryRun, denial, tags); the exact requests are the
Stubber tests' job (``test_filters.py``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Final

import pytest
from mypy_boto3_ec2.type_defs import DescribeTrafficMirrorFilterRulesRequestTypeDef

from ec2_traffic_mirror import (
    REMOVE,
    AccessDeniedError,
    FilterNotFoundError,
    FilterQuery,
    FilterRuleNotFoundError,
    FilterRuleQuery,
    InvalidRequestError,
    LimitExceededError,
    PortRange,
    QueryError,
    ResourceInUseError,
    ResponseValidationError,
    TrafficDirection,
    TrafficMirror,
    TrafficMirrorFilter,
    TrafficMirrorFilterRule,
    UnknownValue,
)
from ec2_traffic_mirror.testing import FilterRuleSpec

from .conftest import World

FILTERS: Final = "DescribeTrafficMirrorFilters"
RULES: Final = "DescribeTrafficMirrorFilterRules"
UNKNOWN_FILTER: Final = "tmf-0000000000000000f"
UNKNOWN_RULE: Final = "tmfr-0000000000000000f"

# Five rules per filter: both directions, TCP and UDP, ports, IPv4 and IPv6.
RULE_SPECS: Final[list[FilterRuleSpec]] = [
    {
        "TrafficDirection": "ingress",
        "RuleNumber": 100,
        "RuleAction": "accept",
        "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
        "SourceCidrBlock": "0.0.0.0/0",
        "DestinationCidrBlock": "10.0.0.0/16",
        "Description": "https in",
    },
    {
        "TrafficDirection": "ingress",
        "RuleNumber": 200,
        "RuleAction": "reject",
        "Protocol": 17,
        "SourceCidrBlock": "10.1.0.0/16",
        "DestinationCidrBlock": "10.0.0.0/16",
    },
    {
        "TrafficDirection": "ingress",
        "RuleNumber": 50,
        "RuleAction": "accept",
        "SourceCidrBlock": "::/0",
        "DestinationCidrBlock": "2001:db8::/32",
        "Description": "all v6",
    },
    {
        "TrafficDirection": "egress",
        "RuleNumber": 100,
        "RuleAction": "accept",
        "Protocol": 6,
        "SourcePortRange": {"FromPort": 1024, "ToPort": 65535},
        "SourceCidrBlock": "10.0.0.0/16",
        "DestinationCidrBlock": "0.0.0.0/0",
    },
    {
        "TrafficDirection": "egress",
        "RuleNumber": 1,
        "RuleAction": "reject",
        "SourceCidrBlock": "0.0.0.0/0",
        "DestinationCidrBlock": "0.0.0.0/0",
        "Description": "nothing else",
    },
]


def seed(world: World, count: int = 3) -> list[str]:
    """``count`` filters with the five rules each, amazon-dns, descriptions ``seeded filter N``."""
    return world.fake.seed_filters(
        count, rules=RULE_SPECS, network_services=["amazon-dns"], tags={"team": "net"}
    )


def boto3_filters(world: World, query: FilterQuery) -> list[TrafficMirrorFilter]:
    paginator = world.client.get_paginator("describe_traffic_mirror_filters")
    return [
        TrafficMirrorFilter.model_validate(raw)
        for page in paginator.paginate(**query.to_request())
        for raw in page["TrafficMirrorFilters"]
    ]


def boto3_rules(world: World, query: FilterRuleQuery) -> list[TrafficMirrorFilterRule]:
    """The rules plain boto3 lists for the query's request, following NextToken by hand."""
    request: DescribeTrafficMirrorFilterRulesRequestTypeDef = query.to_request()
    found: list[TrafficMirrorFilterRule] = []
    while True:
        answer = world.client.describe_traffic_mirror_filter_rules(**request)
        found += [
            TrafficMirrorFilterRule.model_validate(raw)
            for raw in answer["TrafficMirrorFilterRules"]
        ]
        token = answer.get("NextToken")
        if not token:
            return found
        request = {**request, "NextToken": token}


# -- filters -------------------------------------------------------------------------------


def test_filters_come_with_their_rules_and_services_as_boto3_lists_them(world: World) -> None:
    ids = seed(world, 7)
    filters = world.mirror.filters
    everything = list(filters.find())
    assert [f.traffic_mirror_filter_id for f in everything] == ids
    first = everything[0]
    assert len(first.ingress_filter_rules) == 3
    assert len(first.egress_filter_rules) == 2
    assert [rule.rule_number for rule in first.rules] == [50, 100, 200, 1, 100]
    assert first.network_services == ("amazon-dns",)
    assert first.tag_map == {"team": "net"}
    https = next(rule for rule in first.rules if rule.description == "https in")
    assert https.destination_port_range is not None
    assert https.destination_port_range == PortRange(from_port=443, to_port=443)
    assert 443 in https.destination_port_range
    assert 444 not in https.destination_port_range
    assert https.destination_network == ipaddress.ip_network("10.0.0.0/16")
    v6 = next(rule for rule in first.rules if rule.description == "all v6")
    assert v6.matches_every_protocol
    assert v6.source_network.version == 6
    cases: list[tuple[str, FilterQuery, int]] = [
        ("everything", FilterQuery(), 7),
        ("ids", FilterQuery().filter_ids(ids[1], ids[6]), 2),
        ("description", FilterQuery().description("seeded filter 3"), 1),
        ("description wildcard", FilterQuery().description("*filter ?"), 7),
        ("id filter", FilterQuery().traffic_mirror_filter_id(ids[2], UNKNOWN_FILTER), 1),
        ("paged", FilterQuery().page_size(5), 7),
        ("paged max items", FilterQuery().page_size(5).max_items(6), 6),
    ]
    for name, query, expected in cases:
        ours = list(filters.find(query))
        assert ours == boto3_filters(world, query), name
        assert len(ours) == expected, name


def test_filter_pages_resume_get_first_count_and_not_found(world: World) -> None:
    ids = seed(world, 7)
    filters = world.mirror.filters
    query = FilterQuery().page_size(5)
    pages = list(filters.pages(query))
    assert [len(page.items) for page in pages] == [5, 2]
    listing = filters.find(query)
    taken = [next(listing) for _ in range(3)]
    token = listing.resume_token
    assert token is not None
    rest = list(filters.find(query.starting_token(token)))
    assert [f.traffic_mirror_filter_id for f in taken + rest] == ids
    assert boto3_filters(world, query.starting_token(token)) == rest
    assert filters.get(ids[3]).traffic_mirror_filter_id == ids[3]
    world.fake.reset_call_counts()
    assert filters.first(query) is not None
    assert world.fake.call_count(FILTERS) == 1
    assert filters.count(query) == 7
    with pytest.raises(FilterNotFoundError) as caught:
        filters.get(UNKNOWN_FILTER)
    assert caught.value.code == "InvalidTrafficMirrorFilterId.NotFound"


def test_create_tag_and_delete_a_filter_with_its_rules(world: World) -> None:
    filters = world.mirror.filters
    created = filters.create(description="web", tags={"team": "net"}, client_token="f-1")
    filter_id = created.traffic_mirror_filter_id
    assert (created.description, created.rules, created.network_services) == ("web", (), ())
    assert filters.create(description="web", tags={"team": "net"}, client_token="f-1") == created
    assert filters.get(filter_id) == created
    filters.add_tags(filter_id, {"env": "prod"})
    filters.remove_tags(filter_id, ["team"])
    assert filters.get(filter_id).tag_map == {"env": "prod"}
    rule = filters.create_rule(
        filter_id,
        traffic_direction="ingress",
        rule_number=1,
        rule_action="accept",
        source_cidr_block="0.0.0.0/0",
        destination_cidr_block="0.0.0.0/0",
    )
    assert filters.delete(filter_id) is True
    # Deleting a filter deletes its rules.
    with pytest.raises(FilterRuleNotFoundError):
        filters.get_rule(rule.traffic_mirror_filter_rule_id)
    with pytest.raises(FilterNotFoundError):
        filters.delete(filter_id)
    assert filters.delete(filter_id, missing_ok=True) is False


def test_a_filter_a_session_uses_cannot_be_deleted(world: World) -> None:
    [filter_id] = seed(world, 1)
    [session_id] = world.fake.seed_sessions(1, filter_ids=[filter_id])
    with pytest.raises(ResourceInUseError) as caught:
        world.mirror.filters.delete(filter_id)
    assert caught.value.code == "TrafficMirrorFilterInUse"
    world.mirror.sessions.delete(session_id)
    assert world.mirror.filters.delete(filter_id) is True


def test_the_filter_quota_is_a_limit_exceeded_error(world: World) -> None:
    world.fake.set_quotas(filters=1)
    filters = world.mirror.filters
    filters.create()
    with pytest.raises(LimitExceededError) as caught:
        filters.create(description="one too many")
    assert caught.value.code == "TrafficMirrorFilterLimitExceeded"


def test_network_services_are_added_and_removed(world: World) -> None:
    filters = world.mirror.filters
    filter_id = filters.create().traffic_mirror_filter_id
    added = filters.add_network_services(filter_id, "amazon-dns")
    assert added.network_services == ("amazon-dns",)
    assert filters.get(filter_id) == added
    assert filters.remove_network_services(filter_id, "amazon-dns").network_services == ()
    with pytest.raises(FilterNotFoundError):
        filters.add_network_services(UNKNOWN_FILTER, "amazon-dns")
    # An UnknownValue (a service AWS added after this release) is sent as it is: AWS judges it.
    with pytest.raises(InvalidRequestError) as caught:
        filters.add_network_services(filter_id, UnknownValue("amazon-ntp"))
    assert caught.value.code == "InvalidParameterValue"


# -- rules ---------------------------------------------------------------------------------


def test_every_rule_query_lists_exactly_what_boto3_lists(world: World) -> None:
    first, second, _ = seed(world, 3)
    rules = world.mirror.filters
    everything = list(rules.find_rules())
    assert len(everything) == 15
    some = everything[6]
    cases: list[tuple[str, FilterRuleQuery, int]] = [
        ("everything", FilterRuleQuery(), 15),
        ("one filter", FilterRuleQuery().filter_id(second), 5),
        ("ids", FilterRuleQuery().filter_rule_ids(some.traffic_mirror_filter_rule_id), 1),
        (
            "rule id filter",
            FilterRuleQuery().traffic_mirror_filter_rule_id(some.traffic_mirror_filter_rule_id),
            1,
        ),
        ("filter id filter", FilterRuleQuery().traffic_mirror_filter_id(first, second), 10),
        ("rule number", FilterRuleQuery().rule_number(100), 6),
        ("rule action", FilterRuleQuery().rule_action("reject"), 6),
        ("direction", FilterRuleQuery().traffic_direction("egress"), 6),
        ("protocol", FilterRuleQuery().protocol(6, 17), 9),
        ("source cidr", FilterRuleQuery().source_cidr_block("10.0.0.0/16"), 3),
        (
            "destination cidr",
            FilterRuleQuery().destination_cidr_block(ipaddress.ip_network("2001:db8::/32")),
            3,
        ),
        ("description", FilterRuleQuery().description("*in"), 3),
        (
            "and",
            FilterRuleQuery().filter_id(first).traffic_direction("ingress").rule_action("accept"),
            2,
        ),
        ("paged", FilterRuleQuery().page_size(5), 15),
        ("paged and filtered", FilterRuleQuery().rule_action("accept").page_size(5), 9),
    ]
    for name, query, expected in cases:
        ours = list(rules.find_rules(query))
        assert ours == boto3_rules(world, query), name
        assert len(ours) == expected, name


def test_rule_pages_are_the_sdk_s_own_and_resume_exactly(world: World) -> None:
    seed(world, 3)
    filters = world.mirror.filters
    query = FilterRuleQuery().page_size(5)
    world.fake.reset_call_counts()
    listing = filters.find_rules(query.max_items(7))
    taken = list(listing)
    assert len(taken) == 7
    assert world.fake.call_count(RULES) == 2
    token = listing.resume_token
    assert token is not None
    rest = list(filters.find_rules(query.starting_token(token)))
    assert taken + rest == list(filters.find_rules())
    pages = list(filters.rule_pages(query))
    assert [len(page.items) for page in pages] == [5, 5, 5]
    assert pages[-1].next_token is None
    assert filters.count_rules(query) == 15
    first = filters.first_rule(query)
    assert first == taken[0]
    assert filters.get_rule(taken[3].traffic_mirror_filter_rule_id) == taken[3]
    with pytest.raises(FilterRuleNotFoundError) as caught:
        filters.get_rule(UNKNOWN_RULE)
    assert caught.value.code == "InvalidTrafficMirrorFilterRuleId.NotFound"
    with pytest.raises(FilterNotFoundError):
        next(filters.find_rules(FilterRuleQuery().filter_id(UNKNOWN_FILTER)))


def test_create_modify_and_delete_a_rule(world: World) -> None:
    filters = world.mirror.filters
    filter_id = filters.create().traffic_mirror_filter_id
    rule = filters.create_rule(
        filter_id,
        traffic_direction="ingress",
        rule_number=10,
        rule_action="accept",
        source_cidr_block=ipaddress.ip_network("0.0.0.0/0"),
        destination_cidr_block="10.0.0.0/8",
        protocol=6,
        source_port_range=(1024, 65535),
        destination_port_range=PortRange(from_port=443, to_port=443),
        description="https",
        client_token="r-1",
    )
    rule_id = rule.traffic_mirror_filter_rule_id
    assert (rule.protocol, rule.source_port_range) == (6, PortRange(from_port=1024, to_port=65535))
    assert filters.get(filter_id).ingress_filter_rules == (rule,)
    assert filters.get_rule(rule_id) == rule
    changed = filters.modify_rule(rule_id, rule_number=20, rule_action="reject")
    assert (changed.rule_number, changed.rule_action, changed.protocol) == (20, "reject", 6)
    cleared = filters.modify_rule(
        rule_id,
        protocol=REMOVE,
        source_port_range=REMOVE,
        destination_port_range=REMOVE,
        description=REMOVE,
    )
    assert cleared.protocol is None
    assert cleared.source_port_range is None
    assert cleared.destination_port_range is None
    assert cleared.description is None
    assert cleared.rule_number == 20
    assert filters.get_rule(rule_id) == cleared
    assert filters.delete_rule(rule_id) is True
    with pytest.raises(FilterRuleNotFoundError):
        filters.delete_rule(rule_id)
    assert filters.delete_rule(rule_id, missing_ok=True) is False
    with pytest.raises(FilterRuleNotFoundError):
        filters.modify_rule(rule_id, description="gone")


def test_a_rule_number_taken_and_a_full_filter_are_aws_s_answers(world: World) -> None:
    filters = world.mirror.filters
    filter_id = filters.create().traffic_mirror_filter_id

    def rule(number: int, direction: TrafficDirection = "ingress") -> TrafficMirrorFilterRule:
        return filters.create_rule(
            filter_id,
            traffic_direction=direction,
            rule_number=number,
            rule_action="accept",
            source_cidr_block="0.0.0.0/0",
            destination_cidr_block="0.0.0.0/0",
        )

    rule(1)
    with pytest.raises(InvalidRequestError) as taken:
        rule(1)
    assert taken.value.code == "TrafficMirrorFilterRuleAlreadyExists"
    rule(1, "egress")  # numbers are per direction
    for number in range(2, 10):
        rule(number)
    assert filters.count_rules(FilterRuleQuery().filter_id(filter_id)) == 10
    with pytest.raises(LimitExceededError) as full:
        rule(10)
    assert full.value.code == "TrafficMirrorFilterRuleLimitExceeded"
    assert full.value.operation == "CreateTrafficMirrorFilterRule"


def test_a_rule_the_fake_serves_broken_is_raised_or_skipped(world: World) -> None:
    [filter_id] = seed(world, 1)
    rules = list(world.mirror.filters.find_rules())
    bad = rules[2].traffic_mirror_filter_rule_id
    world.fake.serve_invalid_item(bad, RuleNumber=0)
    with pytest.raises(ResponseValidationError) as caught:
        list(world.mirror.filters.find_rules())
    assert caught.value.resource == "filter rule"
    assert caught.value.resource_id == bad
    skipping = TrafficMirror(world.client, on_invalid="skip").filters
    listing = skipping.find_rules()
    assert [r.traffic_mirror_filter_rule_id for r in listing] == [
        r.traffic_mirror_filter_rule_id for r in rules if r.traffic_mirror_filter_rule_id != bad
    ]
    assert [raw.get("RuleNumber") for raw in listing.skipped_items] == [0]
    # The filter serves the rule broken too: the filter breaks the model.
    with pytest.raises(ResponseValidationError) as in_filter:
        world.mirror.filters.get(filter_id)
    assert in_filter.value.resource == "filter"


def test_dry_run_checks_say_true_change_nothing_and_false_when_denied(world: World) -> None:
    [filter_id] = seed(world, 1)
    filters = world.mirror.filters
    rule_id = next(filters.find_rules()).traffic_mirror_filter_rule_id
    before = filters.get(filter_id)
    checks: list[Callable[[], bool]] = [
        filters.can_describe,
        filters.can_describe_rules,
        filters.can_create,
        lambda: filters.can_delete(filter_id),
        lambda: filters.can_add_tags(filter_id, {"a": "b"}),
        lambda: filters.can_remove_tags(filter_id, ["team"]),
        lambda: filters.can_add_network_services(filter_id, "amazon-dns"),
        lambda: filters.can_remove_network_services(filter_id, "amazon-dns"),
        lambda: filters.can_create_rule(
            filter_id,
            traffic_direction="egress",
            rule_number=7,
            rule_action="accept",
            source_cidr_block="0.0.0.0/0",
            destination_cidr_block="0.0.0.0/0",
        ),
        lambda: filters.can_modify_rule(rule_id, description=REMOVE),
        lambda: filters.can_delete_rule(rule_id),
    ]
    assert [check() for check in checks] == [True] * len(checks)
    assert filters.get(filter_id) == before
    assert filters.count() == 1
    world.fake.deny()
    assert [check() for check in checks] == [False] * len(checks)
    with pytest.raises(AccessDeniedError):
        filters.count_rules()


def test_refused_input_makes_no_call(world: World) -> None:
    filters = world.mirror.filters
    with pytest.raises(QueryError):
        filters.modify_rule(UNKNOWN_RULE, source_cidr_block=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    with pytest.raises(QueryError):
        filters.create_rule(
            UNKNOWN_FILTER,
            traffic_direction="ingress",
            rule_number=1,
            rule_action="accept",
            source_cidr_block="0.0.0.0/0",
            destination_cidr_block="::/0",
        )
    with pytest.raises(QueryError):
        filters.add_network_services(UNKNOWN_FILTER, "amazon-ntp")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    assert world.calls.names == []
    assert world.fake.call_count() == 0
