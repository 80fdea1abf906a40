"""Filters, rules and port ranges as a downstream project uses them: models, queries, writes."""

from __future__ import annotations

import ipaddress

from mypy_boto3_ec2.type_defs import (
    DescribeTrafficMirrorFilterRulesRequestTypeDef,
    DescribeTrafficMirrorFiltersRequestPaginateTypeDef,
    TrafficMirrorFilterRuleTypeDef,
    TrafficMirrorFilterTypeDef,
)
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    REMOVE,
    FilterFilterName,
    FilterIterator,
    FilterPage,
    FilterPageIterator,
    FilterQuery,
    FilterRuleFilterName,
    FilterRuleIterator,
    FilterRulePage,
    FilterRulePageIterator,
    FilterRuleQuery,
    NetworkService,
    PortRange,
    PortRangeInput,
    RemovableRuleField,
    RuleAction,
    Tag,
    TrafficDirection,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
    TrafficMirrorFilterRule,
    UnknownValue,
)

FILTER_ID = "tmf-0123456789abcdef0"
RULE_ID = "tmfr-0123456789abcdef0"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# --- PortRange ------------------------------------------------------------------------------

https = PortRange(from_port=443, to_port=443)
assert_type(https, PortRange)
assert_type(https.from_port, int)
assert_type(https.to_port, int)
assert_type(8443 in https, bool)
assert_type(PortRange.model_validate({"FromPort": 0, "ToPort": 65535}), PortRange)

# --- TrafficMirrorFilterRule: the required keywords, then every keyword --------------------

minimal_rule = TrafficMirrorFilterRule(
    traffic_mirror_filter_rule_id=RULE_ID,
    traffic_mirror_filter_id=FILTER_ID,
    traffic_direction="ingress",
    rule_number=100,
    rule_action="accept",
    destination_cidr_block="10.0.0.0/16",
    source_cidr_block="0.0.0.0/0",
)
assert_type(minimal_rule, TrafficMirrorFilterRule)
maybe_protocol: int | None = 6
rule = TrafficMirrorFilterRule(
    traffic_mirror_filter_rule_id=RULE_ID,
    traffic_mirror_filter_id=FILTER_ID,
    traffic_direction="egress",
    rule_number=32766,
    rule_action=UnknownValue("log"),
    protocol=maybe_protocol,
    destination_port_range=https,
    source_port_range=None,
    destination_cidr_block="::/0",
    source_cidr_block="2001:db8::/32",
    description="https out",
    tags=(Tag(key="Name", value="r"),),
)
rule_item: TrafficMirrorFilterRuleTypeDef = {
    "TrafficMirrorFilterRuleId": RULE_ID,
    "TrafficMirrorFilterId": FILTER_ID,
    "TrafficDirection": "ingress",
    "RuleNumber": 1,
    "RuleAction": "reject",
    "DestinationCidrBlock": "10.0.0.0/8",
    "SourceCidrBlock": "0.0.0.0/0",
}
assert_type(TrafficMirrorFilterRule.model_validate(rule_item), TrafficMirrorFilterRule)

assert_type(rule.traffic_mirror_filter_rule_id, str)
assert_type(rule.traffic_mirror_filter_id, str)
assert_type(rule.traffic_direction, TrafficDirection | UnknownValue)
assert_type(rule.rule_number, int)
assert_type(rule.rule_action, RuleAction | UnknownValue)
assert_type(rule.protocol, int | None)
assert_type(rule.destination_port_range, PortRange | None)
assert_type(rule.source_port_range, PortRange | None)
assert_type(rule.destination_cidr_block, str)
assert_type(rule.source_cidr_block, str)
assert_type(rule.description, str | None)
assert_type(rule.tags, tuple[Tag, ...])
assert_type(rule.source_network, Network)
assert_type(rule.destination_network, Network)
assert_type(rule.matches_every_protocol, bool)
if isinstance(rule.rule_action, UnknownValue):
    assert_type(rule.rule_action, UnknownValue)
else:
    assert_type(rule.rule_action, RuleAction)
direction: TrafficDirection = "egress"
action: RuleAction = "reject"

# --- TrafficMirrorFilter -----------------------------------------------------------------

filter_ = TrafficMirrorFilter(
    traffic_mirror_filter_id=FILTER_ID,
    ingress_filter_rules=(minimal_rule,),
    egress_filter_rules=(),
    network_services=("amazon-dns", UnknownValue("amazon-ntp")),
    description="web",
    tags=(Tag(key="Name", value="f"),),
)
assert_type(filter_, TrafficMirrorFilter)
assert_type(TrafficMirrorFilter(traffic_mirror_filter_id=FILTER_ID), TrafficMirrorFilter)
filter_item: TrafficMirrorFilterTypeDef = {
    "TrafficMirrorFilterId": FILTER_ID,
    "IngressFilterRules": [rule_item],
    "NetworkServices": ["amazon-dns"],
}
assert_type(TrafficMirrorFilter.model_validate(filter_item), TrafficMirrorFilter)
assert_type(filter_.traffic_mirror_filter_id, str)
assert_type(filter_.ingress_filter_rules, tuple[TrafficMirrorFilterRule, ...])
assert_type(filter_.egress_filter_rules, tuple[TrafficMirrorFilterRule, ...])
assert_type(filter_.ingress_filter_rules[0].rule_number, int)
assert_type(filter_.network_services, tuple[NetworkService | UnknownValue, ...])
assert_type(filter_.description, str | None)
assert_type(filter_.tags, tuple[Tag, ...])
assert_type(filter_.tag_map["Name"], str)
assert_type(filter_.rules, tuple[TrafficMirrorFilterRule, ...])
for each_rule in filter_.rules:
    assert_type(each_rule, TrafficMirrorFilterRule)
service: NetworkService = "amazon-dns"

# --- the queries --------------------------------------------------------------------------

filter_query = (
    FilterQuery()
    .filter_ids(FILTER_ID)
    .description("web*")
    .traffic_mirror_filter_id(FILTER_ID)
    .tag("team", "payments")
    .tag_key("env")
    .where(lambda f: "amazon-dns" in f.network_services and len(f.rules) < 10)
    .dry_run()
    .page_size(5)
    .max_items(1)
    .starting_token("token")
)
assert_type(filter_query, FilterQuery)
assert_type(filter_query.to_request(), DescribeTrafficMirrorFiltersRequestPaginateTypeDef)
filter_filter: FilterFilterName = "traffic-mirror-filter-id"

rule_query = (
    FilterRuleQuery()
    .filter_rule_ids(RULE_ID)
    .filter_id(FILTER_ID)
    .description("ssh")
    .destination_cidr_block("10.0.0.0/8", ipaddress.ip_network("10.1.0.0/16"))
    .source_cidr_block("::/0")
    .protocol(6, 17)
    .rule_action("accept", UnknownValue("log"))
    .rule_number(100)
    .traffic_direction("ingress")
    .traffic_mirror_filter_id(FILTER_ID)
    .traffic_mirror_filter_rule_id(RULE_ID)
    .tag("team", "payments")
    .tag_key("env")
    .where(lambda r: r.protocol == 6 and r.rule_action == "accept")
    .dry_run(False)
    .page_size(1000)
    .max_items(3)
    .starting_token("token")
)
assert_type(rule_query, FilterRuleQuery)
assert_type(rule_query.to_request(), DescribeTrafficMirrorFilterRulesRequestTypeDef)
rule_filter: FilterRuleFilterName = "destination-cidr-block"

# --- the repository: filters, network services, rules ------------------------------------

filters = TrafficMirrorFilterRepository.connect(region_name="eu-west-1")
assert_type(filters, TrafficMirrorFilterRepository)
found = filters.find(filter_query)
assert_type(found, FilterIterator)
assert_type(next(found), TrafficMirrorFilter)
assert_type(found.skipped_items, tuple[TrafficMirrorFilterTypeDef, ...])
assert_type(filters.pages(), FilterPageIterator)
for page in filters.pages(filter_query):
    assert_type(page, FilterPage)
    assert_type(page.items, tuple[TrafficMirrorFilter, ...])
assert_type(filters.get(FILTER_ID), TrafficMirrorFilter)
assert_type(filters.first(), TrafficMirrorFilter | None)
assert_type(filters.count(filter_query), int)
assert_type(filters.can_describe(), bool)
assert_type(filters.create(), TrafficMirrorFilter)
assert_type(filters.create(description="d", tags={"a": "b"}, client_token="t"), TrafficMirrorFilter)
assert_type(filters.can_create(description="d"), bool)
assert_type(filters.delete(FILTER_ID, missing_ok=True), bool)
assert_type(filters.can_delete(FILTER_ID), bool)
assert_type(filters.add_tags(FILTER_ID, [Tag(key="a", value="b")]), None)
assert_type(filters.can_add_tags(FILTER_ID, {"a": "b"}), bool)
assert_type(filters.remove_tags(FILTER_ID, ["a"]), None)
assert_type(filters.can_remove_tags(FILTER_ID, ["a"]), bool)
assert_type(filters.add_network_services(FILTER_ID, "amazon-dns"), TrafficMirrorFilter)
assert_type(filters.can_add_network_services(FILTER_ID, "amazon-dns"), bool)
assert_type(
    filters.remove_network_services(FILTER_ID, *filter_.network_services), TrafficMirrorFilter
)
assert_type(filters.can_remove_network_services(FILTER_ID, UnknownValue("x")), bool)

rules = filters.find_rules(rule_query)
assert_type(rules, FilterRuleIterator)
assert_type(next(rules), TrafficMirrorFilterRule)
assert_type(rules.resume_token, str | None)
assert_type(rules.skipped_items, tuple[TrafficMirrorFilterRuleTypeDef, ...])
assert_type(filters.rule_pages(), FilterRulePageIterator)
for rule_page in filters.rule_pages(rule_query):
    assert_type(rule_page, FilterRulePage)
    assert_type(rule_page.items, tuple[TrafficMirrorFilterRule, ...])
assert_type(filters.get_rule(RULE_ID), TrafficMirrorFilterRule)
assert_type(filters.first_rule(), TrafficMirrorFilterRule | None)
assert_type(filters.count_rules(rule_query), int)
assert_type(filters.can_describe_rules(), bool)

ports: PortRangeInput = (1024, 65535)
created = filters.create_rule(
    FILTER_ID,
    traffic_direction="egress",
    rule_number=1,
    rule_action="reject",
    source_cidr_block="0.0.0.0/0",
    destination_cidr_block=ipaddress.ip_network("10.0.0.0/8"),
    protocol=6,
    source_port_range=ports,
    destination_port_range=https,
    description="no https",
    tags={"Name": "r"},
    client_token="rule-1",
)
assert_type(created, TrafficMirrorFilterRule)
assert_type(
    filters.can_create_rule(
        FILTER_ID,
        traffic_direction="ingress",
        rule_number=2,
        rule_action="accept",
        source_cidr_block="::/0",
        destination_cidr_block="::/0",
    ),
    bool,
)
assert_type(
    filters.modify_rule(
        RULE_ID,
        traffic_direction="ingress",
        rule_number=10,
        rule_action=created.rule_action,
        source_cidr_block="10.0.0.0/8",
        destination_cidr_block=ipaddress.ip_network("10.1.0.0/16"),
        protocol=REMOVE,
        source_port_range=REMOVE,
        destination_port_range=(80, 80),
        description=REMOVE,
    ),
    TrafficMirrorFilterRule,
)
assert_type(filters.can_modify_rule(RULE_ID, protocol=17), bool)
assert_type(filters.delete_rule(RULE_ID), bool)
assert_type(filters.delete_rule(RULE_ID, missing_ok=True), bool)
assert_type(filters.can_delete_rule(RULE_ID), bool)
removable: RemovableRuleField = "source-port-range"
