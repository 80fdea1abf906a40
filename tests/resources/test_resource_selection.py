"""Selection on the client side for targets, filters and rules, and resolve, on the fake.

Every repository listing honours ``tag``, ``tag_key`` and ``where``: ``find``,
``pages``, ``first``, ``count`` (and the filter repository's rule listing:
``find_rules``, ``rule_pages``, ``first_rule``, ``count_rules``), with
``max_items`` counting selected items and tokens that resume exactly.
`TrafficMirror.resolve` resolves what a selected listing yields, and its own
lookups are not selected. Each test runs in-process and over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from mypy_boto3_ec2.type_defs import TagTypeDef

from ec2_traffic_mirror import (
    FilterQuery,
    FilterRuleQuery,
    SessionQuery,
    TargetQuery,
    TrafficMirrorFilter,
    TrafficMirrorFilterRule,
    TrafficMirrorTarget,
)
from ec2_traffic_mirror.testing import FilterRuleSpec

from .conftest import World

TARGETS: Final = "DescribeTrafficMirrorTargets"
FILTERS: Final = "DescribeTrafficMirrorFilters"
RULES: Final = "DescribeTrafficMirrorFilterRules"
STACK: Final = {"aws:cloudformation:stack-name": "mirror-stack"}


def target_ids(targets: Iterable[TrafficMirrorTarget]) -> list[str]:
    return [target.traffic_mirror_target_id for target in targets]


def filter_ids(filters: Iterable[TrafficMirrorFilter]) -> list[str]:
    return [filter_.traffic_mirror_filter_id for filter_ in filters]


def rule_ids(rules: Iterable[TrafficMirrorFilterRule]) -> list[str]:
    return [rule.traffic_mirror_filter_rule_id for rule in rules]


def tag(world: World, resources: list[str], key: str, value: str) -> None:
    pair: TagTypeDef = {"Key": key, "Value": value}
    world.client.create_tags(Resources=resources, Tags=[pair])


def test_targets_are_selected_by_tag_key_and_predicate(world: World) -> None:
    fake = world.fake
    # 24 targets, listed in this order: team a, b, none (8 each), interleaved by tagging.
    ids = fake.seed_targets(24)
    tag(world, ids[0::3], "team", "a")
    tag(world, ids[1::3], "team", "b")
    tag(world, ids[0::2], "env", "prod")
    targets = world.mirror.targets
    query = TargetQuery().page_size(5)
    team_a = ids[0::3]
    assert target_ids(targets.find(query.tag("team", "a"))) == team_a
    both = [i for i in ids if i in set(ids[0::3]) | set(ids[1::3])]
    assert target_ids(targets.find(query.tag("team", "b", "a"))) == both
    assert target_ids(targets.find(query.tag("team", "a").tag("env", "prod"))) == ids[0::6]
    assert target_ids(targets.find(query.tag_key("team"))) == both
    odd = query.where(lambda t: int(t.traffic_mirror_target_id[-1], 16) % 2 == 1)
    assert target_ids(targets.find(odd.tag("team", "a"))) == [
        i for i in team_a if int(i[-1], 16) % 2 == 1
    ]
    # max_items counts selected items; the token resumes exactly.
    listing = targets.find(query.tag("team", "a").max_items(3))
    assert target_ids(listing) == team_a[:3]
    assert listing.resume_token is not None
    rest = targets.find(query.tag("team", "a").starting_token(listing.resume_token))
    assert target_ids(rest) == team_a[3:]
    # Pages: one per AWS answer, some with nothing selected.
    fake.reset_call_counts()
    pages = list(targets.pages(query.tag("team", "b")))
    assert len(pages) == fake.call_count(TARGETS) == 5
    assert [i for page in pages for i in target_ids(page.items)] == ids[1::3]
    assert [len(page.items) for page in pages] == [2, 1, 2, 2, 1]
    # first and count.
    first = targets.first(query.tag("team", "b"))
    assert first is not None
    assert first.traffic_mirror_target_id == ids[1]
    assert targets.first(query.tag("team", "c")) is None
    assert targets.count(query.tag_key("env")) == 12
    # The request is what it was.
    assert query.tag("team", "a").to_request() == query.to_request()


def test_a_target_is_selected_by_an_aws_tag(world: World) -> None:
    fake = world.fake
    plain = fake.seed_targets(3)
    stacked = fake.seed_targets(2, system_tags=STACK)
    targets = world.mirror.targets
    assert target_ids(targets.find(TargetQuery().tag_key("aws:cloudformation:stack-name"))) == (
        stacked
    )
    assert target_ids(targets.find(TargetQuery().tag(*next(iter(STACK.items()))))) == stacked
    assert targets.count() == len(plain) + len(stacked)


def test_filters_are_selected_by_tag_and_predicate(world: World) -> None:
    fake = world.fake
    with_dns = fake.seed_filters(6, tags={"team": "a"}, network_services=("amazon-dns",))
    without = fake.seed_filters(6, tags={"team": "a"})
    other = fake.seed_filters(6, tags={"team": "b"})
    filters = world.mirror.filters
    query = FilterQuery().page_size(5)
    assert filter_ids(filters.find(query.tag("team", "a"))) == with_dns + without
    dns = query.tag("team", "a").where(lambda f: "amazon-dns" in f.network_services)
    assert filter_ids(filters.find(dns)) == with_dns
    listing = filters.find(dns.max_items(4))
    assert filter_ids(listing) == with_dns[:4]
    assert listing.resume_token is not None
    assert filter_ids(filters.find(dns.starting_token(listing.resume_token))) == with_dns[4:]
    fake.reset_call_counts()
    pages = list(filters.pages(query.tag("team", "b")))
    assert len(pages) == fake.call_count(FILTERS) == 4
    assert [len(page.items) for page in pages] == [0, 0, 3, 3]
    assert [i for page in pages for i in filter_ids(page.items)] == other
    assert filters.count(query.tag_key("team")) == 18
    found = filters.first(query.tag("team", "b"))
    assert found is not None
    assert found.traffic_mirror_filter_id == other[0]


RULE_SPECS: Final[list[FilterRuleSpec]] = [
    {
        "TrafficDirection": "ingress",
        "RuleNumber": number,
        "RuleAction": "accept" if number % 2 else "reject",
        "Protocol": 6,
        "SourceCidrBlock": "0.0.0.0/0",
        "DestinationCidrBlock": "10.0.0.0/16",
    }
    for number in range(1, 9)
]


def test_the_rule_listing_is_selected_too(world: World) -> None:
    fake = world.fake
    (filter_id,) = fake.seed_filters(1, rules=RULE_SPECS)
    filters = world.mirror.filters
    rules = list(filters.find_rules(FilterRuleQuery().filter_id(filter_id)))
    assert len(rules) == 8
    ids = rule_ids(rules)
    tag(world, ids[::2], "env", "prod")
    tag(world, ids[:4], "team", "a")
    query = FilterRuleQuery().filter_id(filter_id).page_size(5)
    prod = query.tag("env", "prod")
    assert rule_ids(filters.find_rules(prod)) == ids[::2]
    accepted = prod.where(lambda r: r.rule_action == "accept")
    assert rule_ids(filters.find_rules(accepted)) == [
        r.traffic_mirror_filter_rule_id
        for r in rules
        if r.rule_action == "accept" and r.traffic_mirror_filter_rule_id in ids[::2]
    ]
    assert rule_ids(filters.find_rules(query.tag("env", "prod").tag("team", "a"))) == ids[:4:2]
    listing = filters.find_rules(prod.max_items(3))
    assert rule_ids(listing) == ids[:6:2]
    assert listing.resume_token is not None
    assert rule_ids(filters.find_rules(prod.starting_token(listing.resume_token))) == [ids[6]]
    fake.reset_call_counts()
    pages = list(filters.rule_pages(query.tag_key("team")))
    assert len(pages) == fake.call_count(RULES) == 2
    assert [rule_ids(page.items) for page in pages] == [ids[:4], []]
    first = filters.first_rule(query.tag("team", "a"))
    assert first is not None
    assert first.traffic_mirror_filter_rule_id == ids[0]
    assert filters.first_rule(query.tag("team", "z")) is None
    assert filters.count_rules(query.tag_key("env", "team")) == 6
    assert prod.to_request() == query.to_request()


def test_resolve_resolves_a_selected_listing_and_its_lookups_are_not_selected(
    world: World,
) -> None:
    fake = world.fake
    targets = fake.seed_targets(4)
    filters = fake.seed_filters(2)
    sessions = fake.seed_sessions(40, target_ids=targets, filter_ids=filters)
    tag(world, sessions[::4], "team", "a")  # each on targets[0] and filters[0 or 1]
    mirror = world.mirror
    fake.reset_call_counts()
    resolved = list(mirror.resolve(mirror.sessions.find(SessionQuery().tag("team", "a"))))
    assert [entry.session.traffic_mirror_session_id for entry in resolved] == sessions[::4]
    assert all(entry.is_complete for entry in resolved)
    # The targets and filters carry no team tag, and are found all the same: one call each.
    assert {entry.session.traffic_mirror_target_id for entry in resolved} == {targets[0]}
    assert fake.call_count(TARGETS) == 1
    assert fake.call_count(FILTERS) == 1
