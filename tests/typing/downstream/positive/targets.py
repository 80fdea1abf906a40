"""Targets as a downstream project uses them: the model, the query, the repository."""

from __future__ import annotations

from mypy_boto3_ec2.type_defs import (
    DescribeTrafficMirrorTargetsRequestPaginateTypeDef,
    TrafficMirrorTargetTypeDef,
)
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    Tag,
    TargetFilterName,
    TargetIterator,
    TargetPage,
    TargetPageIterator,
    TargetQuery,
    TargetType,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
    UnknownValue,
)

ENI = "eni-0123456789abcdef0"
TARGET_ID = "tmt-0123456789abcdef0"
NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/50dc6c495c0c9188"

# --- the model: only the required keywords, then every keyword -----------------------------

minimal = TrafficMirrorTarget(
    traffic_mirror_target_id=TARGET_ID,
    type="network-interface",
    network_interface_id=ENI,
    owner_id="123456789012",
)
assert_type(minimal, TrafficMirrorTarget)
target = TrafficMirrorTarget(
    traffic_mirror_target_id=TARGET_ID,
    network_interface_id=None,
    network_load_balancer_arn=NLB,
    type="network-load-balancer",
    description="to the NLB",
    owner_id="123456789012",
    tags=(Tag(key="Name", value="t"),),
    gateway_load_balancer_endpoint_id=None,
)
assert_type(target, TrafficMirrorTarget)
future_kind = TrafficMirrorTarget(
    traffic_mirror_target_id=TARGET_ID,
    type=UnknownValue("some-future-target"),
    owner_id="123456789012",
)
item: TrafficMirrorTargetTypeDef = {
    "TrafficMirrorTargetId": TARGET_ID,
    "NetworkInterfaceId": ENI,
    "Type": "network-interface",
    "OwnerId": "123456789012",
    "Tags": [{"Key": "Name", "Value": "t"}],
}
assert_type(TrafficMirrorTarget.model_validate(item), TrafficMirrorTarget)

assert_type(target.traffic_mirror_target_id, str)
assert_type(target.network_interface_id, str | None)
assert_type(target.network_load_balancer_arn, str | None)
assert_type(target.gateway_load_balancer_endpoint_id, str | None)
assert_type(target.type, TargetType | UnknownValue)
assert_type(target.description, str | None)
assert_type(target.owner_id, str)
assert_type(target.tags, tuple[Tag, ...])
assert_type(target.tags[0], Tag)
assert_type(target.tag_value("Name"), str | None)
assert_type(target.destination, str | None)
if isinstance(target.type, UnknownValue):
    assert_type(target.type, UnknownValue)
    text: str = target.type  # an UnknownValue is a str
else:
    assert_type(target.type, TargetType)
kind: TargetType = "gateway-load-balancer-endpoint"
new_kind = UnknownValue("new-kind")
assert_type(new_kind, UnknownValue)

# --- the query ------------------------------------------------------------------------------

query = (
    TargetQuery()
    .target_ids(TARGET_ID)
    .description("web*")
    .network_interface_id(ENI)
    .network_load_balancer_arn(NLB)
    .owner_id("123456789012")
    .traffic_mirror_target_id(TARGET_ID)
    .tag("team", "payments")
    .tag_key("env")
    .where(lambda t: t.type == "network-interface" and t.destination is not None)
    .dry_run(False)
    .page_size(50)
    .max_items(10)
    .starting_token("token")
)
assert_type(query, TargetQuery)
assert_type(query.to_request(), DescribeTrafficMirrorTargetsRequestPaginateTypeDef)
filter_name: TargetFilterName = "network-load-balancer-arn"

# --- the repository -------------------------------------------------------------------------

targets = TrafficMirrorTargetRepository.connect(region_name="eu-west-1", on_invalid="skip")
assert_type(targets, TrafficMirrorTargetRepository)
assert_type(TrafficMirrorTargetRepository(targets.client), TrafficMirrorTargetRepository)
found = targets.find(query)
assert_type(found, TargetIterator)
assert_type(next(found), TrafficMirrorTarget)
assert_type(found.resume_token, str | None)
assert_type(found.skipped_items, tuple[TrafficMirrorTargetTypeDef, ...])
pages = targets.pages()
assert_type(pages, TargetPageIterator)
for page in pages:
    assert_type(page, TargetPage)
    assert_type(page.items, tuple[TrafficMirrorTarget, ...])
    assert_type(page.next_token, str | None)
assert_type(TargetPage(items=(target,), next_token=None), TargetPage)
assert_type(targets.get(TARGET_ID), TrafficMirrorTarget)
assert_type(targets.first(query), TrafficMirrorTarget | None)
assert_type(targets.count(), int)
assert_type(targets.can_describe(query), bool)

# One overload per destination: exactly one of the three.
assert_type(targets.create(network_interface_id=ENI), TrafficMirrorTarget)
assert_type(
    targets.create(network_load_balancer_arn=NLB, description="d", client_token="t-1"),
    TrafficMirrorTarget,
)
assert_type(
    targets.create(gateway_load_balancer_endpoint_id="vpce-0123456789abcdef0", tags={"a": "b"}),
    TrafficMirrorTarget,
)
assert_type(targets.can_create(network_interface_id=ENI, tags=[Tag(key="a", value="b")]), bool)
assert_type(targets.delete(TARGET_ID), bool)
assert_type(targets.delete(TARGET_ID, missing_ok=True), bool)
assert_type(targets.can_delete(TARGET_ID), bool)
assert_type(targets.add_tags(TARGET_ID, {"team": "netops"}), None)
assert_type(targets.can_add_tags(TARGET_ID, [Tag(key="a", value="b")]), bool)
assert_type(targets.remove_tags(TARGET_ID, ["team"]), None)
assert_type(targets.can_remove_tags(TARGET_ID, ("a",)), bool)
