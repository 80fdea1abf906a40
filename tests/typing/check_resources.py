"""Static type tests for targets, filters, rules and TrafficMirror: checked by mypy (with and
without the pydantic plugin) and pyright strict; never run. Each negative case carries the
exact ignore code of each checker, and unused ignores are errors in both, so a case that
stops being an error fails the check.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from mypy_boto3_ec2.type_defs import (
    DescribeTrafficMirrorFilterRulesRequestTypeDef,
    DescribeTrafficMirrorFiltersRequestPaginateTypeDef,
    DescribeTrafficMirrorTargetsRequestPaginateTypeDef,
    TrafficMirrorFilterRuleTypeDef,
    TrafficMirrorTargetTypeDef,
)
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    REMOVE,
    ClientSideError,
    FilterFilterName,
    FilterNotFoundError,
    FilterPage,
    FilterQuery,
    FilterRuleFilterName,
    FilterRuleIterator,
    FilterRuleNotFoundError,
    FilterRulePageIterator,
    FilterRuleQuery,
    LimitExceededError,
    NetworkService,
    PortRange,
    ResolvedSession,
    ResourceNotFoundError,
    ResponseValidationError,
    RuleAction,
    Tag,
    TargetFilterName,
    TargetIterator,
    TargetNotFoundError,
    TargetPage,
    TargetPageIterator,
    TargetQuery,
    TargetType,
    TrafficDirection,
    TrafficMirror,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
    TrafficMirrorFilterRule,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
    UnknownValue,
)

ENI = "eni-0123456789abcdef0"
TARGET = "tmt-0123456789abcdef0"
FILTER = "tmf-0123456789abcdef0"
RULE = "tmfr-0123456789abcdef0"
NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/50dc6c495c0c9188"

# --- positive: models ------------------------------------------------------------------------

target = TrafficMirrorTarget(
    traffic_mirror_target_id=TARGET,
    type="network-interface",
    network_interface_id=ENI,
    owner_id="123456789012",
    tags=(Tag(key="Name", value="t"),),
)
assert_type(TrafficMirrorTarget.model_validate({}), TrafficMirrorTarget)
assert_type(target.type, TargetType | UnknownValue)
assert_type(target.destination, str | None)
assert_type(target.network_load_balancer_arn, str | None)
assert_type(target.tags, tuple[Tag, ...])
if isinstance(target.type, UnknownValue):
    assert_type(target.type, UnknownValue)
else:
    assert_type(target.type, TargetType)
kind: TargetType = "gateway-load-balancer-endpoint"
plain: str = UnknownValue("new")

ports = PortRange(from_port=443, to_port=443)
assert_type(ports.from_port, int)
rule = TrafficMirrorFilterRule.model_validate({})
assert_type(rule.traffic_direction, TrafficDirection | UnknownValue)
assert_type(rule.rule_action, RuleAction | UnknownValue)
assert_type(rule.rule_number, int)
assert_type(rule.protocol, int | None)
assert_type(rule.destination_port_range, PortRange | None)
assert_type(rule.source_cidr_block, str)
assert_type(rule.source_network, ipaddress.IPv4Network | ipaddress.IPv6Network)
assert_type(rule.matches_every_protocol, bool)

filter_ = TrafficMirrorFilter.model_validate({})
assert_type(filter_.ingress_filter_rules, tuple[TrafficMirrorFilterRule, ...])
assert_type(filter_.network_services, tuple[NetworkService | UnknownValue, ...])
assert_type(filter_.rules, tuple[TrafficMirrorFilterRule, ...])
assert_type(filter_.description, str | None)
assert_type(filter_.tag_value("Name"), str | None)

# --- positive: queries -----------------------------------------------------------------------

target_query = (
    TargetQuery()
    .target_ids(TARGET)
    .description("web*")
    .network_interface_id(ENI)
    .network_load_balancer_arn(NLB)
    .owner_id("123456789012")
    .traffic_mirror_target_id(TARGET)
    .dry_run()
    .page_size(50)
    .max_items(10)
    .starting_token("token")
)
assert_type(target_query, TargetQuery)
assert_type(target_query.to_request(), DescribeTrafficMirrorTargetsRequestPaginateTypeDef)
filter_query = FilterQuery().filter_ids(FILTER).description("x").traffic_mirror_filter_id(FILTER)
assert_type(filter_query.page_size(5), FilterQuery)
assert_type(filter_query.to_request(), DescribeTrafficMirrorFiltersRequestPaginateTypeDef)
rule_query = (
    FilterRuleQuery()
    .filter_rule_ids(RULE)
    .filter_id(FILTER)
    .description("ssh")
    .destination_cidr_block("10.0.0.0/8", ipaddress.ip_network("10.1.0.0/16"))
    .source_cidr_block("::/0")
    .protocol(6, 17)
    .rule_action("accept")
    .rule_number(100)
    .traffic_direction("ingress", UnknownValue("both"))
    .traffic_mirror_filter_id(FILTER)
    .traffic_mirror_filter_rule_id(RULE)
    .max_items(3)
)
assert_type(rule_query, FilterRuleQuery)
assert_type(rule_query.to_request(), DescribeTrafficMirrorFilterRulesRequestTypeDef)
target_filter: TargetFilterName = "network-load-balancer-arn"
filter_filter: FilterFilterName = "traffic-mirror-filter-id"
rule_filter: FilterRuleFilterName = "destination-cidr-block"

# --- positive: repositories ------------------------------------------------------------------

targets = TrafficMirrorTargetRepository.connect(region_name="eu-west-1")
assert_type(targets, TrafficMirrorTargetRepository)
found = targets.find(target_query)
assert_type(found, TargetIterator)
assert_type(next(found), TrafficMirrorTarget)
assert_type(found.resume_token, str | None)
assert_type(found.skipped_items, tuple[TrafficMirrorTargetTypeDef, ...])
for page in targets.pages():
    assert_type(page, TargetPage)
    assert_type(page.items, tuple[TrafficMirrorTarget, ...])
assert_type(targets.pages(), TargetPageIterator)
assert_type(targets.get(TARGET), TrafficMirrorTarget)
assert_type(targets.first(), TrafficMirrorTarget | None)
assert_type(targets.count(), int)
assert_type(targets.can_describe(), bool)
assert_type(targets.create(network_interface_id=ENI), TrafficMirrorTarget)
assert_type(targets.create(network_load_balancer_arn=NLB, description="d"), TrafficMirrorTarget)
assert_type(
    targets.create(gateway_load_balancer_endpoint_id="vpce-0123456789abcdef0", tags={"a": "b"}),
    TrafficMirrorTarget,
)
assert_type(targets.can_create(network_interface_id=ENI), bool)
assert_type(targets.delete(TARGET, missing_ok=True), bool)
assert_type(targets.add_tags(TARGET, [Tag(key="a", value="b")]), None)
assert_type(targets.can_remove_tags(TARGET, ["a"]), bool)

filters = TrafficMirrorFilterRepository(targets.client, on_invalid="skip")
assert_type(filters.find(filter_query).__next__(), TrafficMirrorFilter)
for filter_page in filters.pages():
    assert_type(filter_page, FilterPage)
assert_type(filters.create(description="d"), TrafficMirrorFilter)
assert_type(filters.add_network_services(FILTER, "amazon-dns"), TrafficMirrorFilter)
assert_type(filters.remove_network_services(FILTER, UnknownValue("new")), TrafficMirrorFilter)
rules = filters.find_rules(rule_query)
assert_type(rules, FilterRuleIterator)
assert_type(rules.skipped_items, tuple[TrafficMirrorFilterRuleTypeDef, ...])
assert_type(filters.rule_pages(), FilterRulePageIterator)
assert_type(filters.get_rule(RULE), TrafficMirrorFilterRule)
assert_type(filters.first_rule(), TrafficMirrorFilterRule | None)
assert_type(filters.count_rules(rule_query), int)
created_rule = filters.create_rule(
    FILTER,
    traffic_direction="egress",
    rule_number=1,
    rule_action="reject",
    source_cidr_block="0.0.0.0/0",
    destination_cidr_block=ipaddress.ip_network("10.0.0.0/8"),
    protocol=6,
    source_port_range=(1024, 65535),
    destination_port_range=PortRange(from_port=443, to_port=443),
)
assert_type(created_rule, TrafficMirrorFilterRule)
assert_type(
    filters.modify_rule(
        RULE,
        protocol=REMOVE,
        source_port_range=REMOVE,
        destination_port_range=REMOVE,
        description=REMOVE,
        rule_action=created_rule.rule_action,
    ),
    TrafficMirrorFilterRule,
)
assert_type(filters.delete_rule(RULE), bool)

# --- positive: TrafficMirror and resolve -----------------------------------------------------

mirror = TrafficMirror.connect(region_name="eu-west-1", on_invalid="skip")
assert_type(mirror, TrafficMirror)
assert_type(TrafficMirror(mirror.client), TrafficMirror)
assert_type(mirror.sessions, TrafficMirrorSessionRepository)
assert_type(mirror.targets, TrafficMirrorTargetRepository)
assert_type(mirror.filters, TrafficMirrorFilterRepository)
resolved = mirror.resolve(mirror.sessions.find())
assert_type(resolved, Iterator[ResolvedSession])
for entry in mirror.resolve([TrafficMirrorSession.model_validate({})], chunk_size=10):
    assert_type(entry.session, TrafficMirrorSession)
    assert_type(entry.target, TrafficMirrorTarget | None)
    assert_type(entry.filter, TrafficMirrorFilter | None)
    assert_type(entry.target_error, TargetNotFoundError | ResponseValidationError | None)
    assert_type(entry.filter_error, FilterNotFoundError | ResponseValidationError | None)
    assert_type(entry.is_complete, bool)

# --- positive: errors ------------------------------------------------------------------------

try:
    filters.get_rule(RULE)
except FilterRuleNotFoundError as error:
    not_found: ResourceNotFoundError = error
except LimitExceededError as error:
    assert_type(error.code, str)
except ClientSideError as error:
    assert_type(error.resume_token, str | None)
    assert_type(error.operation, str | None)
    assert_type(error.__cause__, BaseException | None)
except ResponseValidationError as error:
    assert_type(error.resource, str)
    assert_type(error.resource_id, str | None)

# --- negative: each is an error in every checker --------------------------------------------

targets.create()  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
targets.create(network_interface_id=ENI, network_load_balancer_arn=NLB)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
targets.can_create(description="no destination")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
targets.get(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
targets.find(FilterQuery())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
TargetQuery().target_ids(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
TargetQuery().session_ids(TARGET)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
FilterRuleQuery().rule_number("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
FilterRuleQuery().traffic_direction("both")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
FilterRuleQuery().rule_action("drop")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
FilterRuleQuery().source_cidr_block(10)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
wrong_filter: TargetFilterName = "owner_id"  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
wrong_kind: TargetType = "network_interface"  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
filters.modify_rule(RULE, rule_number=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
filters.modify_rule(RULE, source_cidr_block=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
filters.add_network_services(FILTER, "amazon-ntp")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
filters.create_rule(  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    FILTER, traffic_direction="ingress", rule_number=1, rule_action="accept"
)
target.type = "network-load-balancer"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
rule.ingress = True  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]
PortRange(from_port="1", to_port=2)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
known_only: TrafficDirection = rule.traffic_direction  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
mirror.resolve(TrafficMirrorSession.model_validate({}))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
TrafficMirror(mirror.client, on_invalid="ignore")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
TrafficMirror.connect("eu-west-1")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
