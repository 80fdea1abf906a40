"""Targets end to end on the fake, in-process and over HTTP: what a caller sees.

The fake answers as AWS does (paging, the five filters, NotFound, in use,
quotas, DryRun, denial, tags), so these tests show the repository against the
API's behaviour rather than against answers written for the test; the exact
requests are the Stubber tests' job (``test_targets.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import botocore.session
import pytest

from ec2_traffic_mirror import (
    AccessDeniedError,
    InvalidRequestError,
    LimitExceededError,
    QueryError,
    ResourceInUseError,
    ResourceNotFoundError,
    ResponseValidationError,
    Tag,
    TargetNotFoundError,
    TargetQuery,
    TrafficMirror,
    TrafficMirrorTarget,
    UnknownValue,
)

from ._support import NLB_ARN
from .conftest import World

DESCRIBE: Final = "DescribeTrafficMirrorTargets"
OWNER: Final = "123456789012"
UNKNOWN: Final = "tmt-0000000000000000f"
GWLB_SERVICE: Final = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"


def boto3_targets(world: World, query: TargetQuery) -> list[TrafficMirrorTarget]:
    """What a plain boto3 paginator lists for the same request, validated."""
    paginator = world.client.get_paginator("describe_traffic_mirror_targets")
    return [
        TrafficMirrorTarget.model_validate(raw)
        for page in paginator.paginate(**query.to_request())
        for raw in page["TrafficMirrorTargets"]
    ]


def gateway_endpoint(world: World) -> str:
    """A Gateway Load Balancer endpoint made in moto with plain boto3."""
    subnet = world.client.describe_subnets()["Subnets"][0]
    made = world.client.create_vpc_endpoint(
        VpcId=subnet.get("VpcId", ""),
        ServiceName=GWLB_SERVICE,
        VpcEndpointType="GatewayLoadBalancer",
        SubnetIds=[subnet.get("SubnetId", "")],
    )
    return made["VpcEndpoint"].get("VpcEndpointId", "")


def network_load_balancer(world: World, botocore_session: botocore.session.Session) -> str:
    """A Network Load Balancer made in moto with plain boto3 (over the world's transport); its ARN.

    Under the fake, moto writes AWS's ``loadbalancer/net/`` ARN (stock moto writes ``app``).
    """
    endpoint = world.client.meta.endpoint_url if world.transport == "http" else None
    # No boto3-stubs for ELBv2 here: the client is untyped.
    elbv2: Any = botocore_session.create_client(
        "elbv2", region_name="us-east-1", endpoint_url=endpoint
    )
    subnets = [subnet.get("SubnetId", "") for subnet in world.client.describe_subnets()["Subnets"]]
    made = elbv2.create_load_balancer(Name="capture", Subnets=subnets[:2], Type="network")
    return str(made["LoadBalancers"][0]["LoadBalancerArn"])


def seed_three_kinds(world: World) -> list[str]:
    """Nine targets: three of each type, with descriptions ``seeded target 0`` to ``8``."""
    nlbs = [NLB_ARN.replace("mirror-nlb", f"nlb-{n}") for n in range(3)]
    return world.fake.seed_targets(
        9,
        types=["network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"],
        network_load_balancer_arns=nlbs,
        gateway_load_balancer_endpoint_ids=[f"vpce-{n:017x}" for n in range(1, 4)],
        tags={"team": "netops"},
    )


# -- reads ---------------------------------------------------------------------------------


def test_every_query_lists_exactly_what_boto3_lists(world: World) -> None:
    ids = seed_three_kinds(world)
    targets = world.mirror.targets
    everything = list(targets.find())
    assert [target.traffic_mirror_target_id for target in everything] == ids
    assert [target.type for target in everything[:3]] == [
        "network-interface",
        "network-load-balancer",
        "gateway-load-balancer-endpoint",
    ]
    assert all(target.destination for target in everything)
    assert all(target.tag_value("team") == "netops" for target in everything)
    first, nlb = everything[0], everything[1]
    assert first.network_interface_id is not None
    assert nlb.network_load_balancer_arn is not None
    cases: list[tuple[str, TargetQuery, int]] = [
        ("everything", TargetQuery(), 9),
        ("target_ids", TargetQuery().target_ids(ids[2], ids[5]), 2),
        ("description exact", TargetQuery().description("seeded target 4"), 1),
        ("description wildcard", TargetQuery().description("seeded target ?"), 9),
        ("interface", TargetQuery().network_interface_id(first.network_interface_id), 1),
        ("nlb", TargetQuery().network_load_balancer_arn(nlb.network_load_balancer_arn), 1),
        ("nlb wildcard", TargetQuery().network_load_balancer_arn("*loadbalancer/net/*"), 3),
        ("owner", TargetQuery().owner_id(OWNER), 9),
        ("other owner", TargetQuery().owner_id("210987654321"), 0),
        ("id filter", TargetQuery().traffic_mirror_target_id(ids[0], UNKNOWN), 1),
        ("and", TargetQuery().owner_id(OWNER).description("seeded target 1*"), 1),
        ("paged", TargetQuery().page_size(5), 9),
        ("paged max items", TargetQuery().page_size(5).max_items(7), 7),
    ]
    for name, query, expected in cases:
        ours = list(targets.find(query))
        assert ours == boto3_targets(world, query), name
        assert len(ours) == expected, name


def test_pages_are_fetched_lazily_and_resume_exactly(world: World) -> None:
    ids = seed_three_kinds(world)
    targets = world.mirror.targets
    query = TargetQuery().page_size(5)
    world.fake.reset_call_counts()
    listing = targets.find(query)
    assert world.fake.call_count(DESCRIBE) == 0
    taken = [next(listing) for _ in range(6)]
    assert world.fake.call_count(DESCRIBE) == 2
    token = listing.resume_token
    assert token is not None
    rest = list(targets.find(query.starting_token(token)))
    assert [t.traffic_mirror_target_id for t in taken + rest] == ids
    # The token is botocore's: a plain boto3 paginator goes on from it to the same targets.
    assert boto3_targets(world, query.starting_token(token)) == rest
    pages = list(targets.pages(query))
    assert [len(page.items) for page in pages] == [5, 4]
    assert pages[-1].next_token is None
    assert [t for page in pages for t in page.items] == taken + rest


def test_get_first_count_and_not_found(world: World) -> None:
    ids = seed_three_kinds(world)
    targets = world.mirror.targets
    assert targets.get(ids[4]).traffic_mirror_target_id == ids[4]
    world.fake.reset_call_counts()
    first = targets.first(TargetQuery().page_size(5))
    assert first is not None
    assert first.traffic_mirror_target_id == ids[0]
    assert world.fake.call_count(DESCRIBE) == 1
    assert targets.first(TargetQuery().description("nothing like this")) is None
    assert targets.count() == 9
    assert targets.count(TargetQuery().page_size(5).description("seeded target [0-4]*")) == 0
    with pytest.raises(TargetNotFoundError) as caught:
        targets.get(UNKNOWN)
    assert caught.value.code == "InvalidTrafficMirrorTargetId.NotFound"
    assert isinstance(caught.value, ResourceNotFoundError)
    assert caught.value.request_id
    with pytest.raises(TargetNotFoundError):
        next(targets.find(TargetQuery().target_ids(ids[0], UNKNOWN)))


def test_a_target_the_fake_serves_broken_is_raised_or_skipped(world: World) -> None:
    ids = seed_three_kinds(world)
    world.fake.serve_invalid_item(ids[3], Type="network-load-balancer")
    with pytest.raises(ResponseValidationError) as caught:
        list(world.mirror.targets.find())
    assert caught.value.resource == "target"
    assert caught.value.resource_id == ids[3]
    assert "NetworkLoadBalancerArn" in str(caught.value)
    skipping = TrafficMirror(world.client, on_invalid="skip")
    listing = skipping.targets.find()
    found = [target.traffic_mirror_target_id for target in listing]
    assert found == ids[:3] + ids[4:]
    assert [raw.get("TrafficMirrorTargetId") for raw in listing.skipped_items] == [ids[3]]


def test_a_type_aws_adds_later_is_read_as_an_unknown_value(world: World) -> None:
    ids = seed_three_kinds(world)
    world.fake.serve_invalid_item(
        ids[0], Type="some-future-target", NetworkInterfaceId=None, FutureMember={"a": 1}
    )
    target = world.mirror.targets.get(ids[0])
    assert target.type == UnknownValue("some-future-target")
    assert isinstance(target.type, UnknownValue)
    assert target.destination is None
    assert target.model_dump(by_alias=True, exclude_none=True)["Type"] == "some-future-target"


# -- writes --------------------------------------------------------------------------------


def test_create_on_an_interface_and_a_gateway_endpoint_then_get_is_equal(world: World) -> None:
    [eni] = world.fake.seed_network_interfaces(1)
    targets = world.mirror.targets
    on_eni = targets.create(network_interface_id=eni, description="monitor", tags={"team": "net"})
    assert on_eni.type == "network-interface"
    assert on_eni.destination == eni
    assert on_eni.tag_map == {"team": "net"}
    assert targets.get(on_eni.traffic_mirror_target_id) == on_eni
    endpoint = gateway_endpoint(world)
    on_gwlb = targets.create(
        gateway_load_balancer_endpoint_id=endpoint, tags=[Tag(key="a", value="")]
    )
    assert on_gwlb.type == "gateway-load-balancer-endpoint"
    assert on_gwlb.gateway_load_balancer_endpoint_id == endpoint
    assert list(targets.find()) == [on_eni, on_gwlb]


def test_create_on_a_network_load_balancer_get_and_delete(
    world: World, botocore_session: botocore.session.Session
) -> None:
    arn = network_load_balancer(world, botocore_session)
    assert ":loadbalancer/net/capture/" in arn
    targets = world.mirror.targets
    target = targets.create(network_load_balancer_arn=arn, description="capture fleet")
    assert (target.type, target.destination, target.network_load_balancer_arn) == (
        "network-load-balancer",
        arn,
        arn,
    )
    assert targets.get(target.traffic_mirror_target_id) == target
    query = TargetQuery().network_load_balancer_arn(arn)
    assert list(targets.find(query)) == boto3_targets(world, query) == [target]
    # One target per Network Load Balancer, as AWS has it.
    with pytest.raises(ResourceInUseError) as caught:
        targets.create(network_load_balancer_arn=arn)
    assert caught.value.code == "NlbInUseByTrafficMirrorTargetException"
    assert targets.delete(target.traffic_mirror_target_id) is True
    assert targets.count(query) == 0
    # Free again once its target is gone.
    assert targets.create(network_load_balancer_arn=arn).destination == arn


def test_create_with_the_same_client_token_is_idempotent(world: World) -> None:
    [eni] = world.fake.seed_network_interfaces(1)
    targets = world.mirror.targets
    first = targets.create(network_interface_id=eni, client_token="deploy-1")
    again = targets.create(network_interface_id=eni, client_token="deploy-1")
    assert again == first
    assert targets.count() == 1


def test_a_destination_aws_does_not_know_is_an_invalid_request(world: World) -> None:
    targets = world.mirror.targets
    with pytest.raises(InvalidRequestError) as on_eni:
        targets.create(network_interface_id="eni-0123456789abcdef0")
    assert on_eni.value.code == "InvalidNetworkInterfaceID.NotFound"
    with pytest.raises(InvalidRequestError) as on_nlb:
        targets.create(network_load_balancer_arn=NLB_ARN)
    assert on_nlb.value.code == "InvalidNetworkLoadBalancerArn.NotFound"
    with pytest.raises(InvalidRequestError) as on_gwlb:
        targets.create(gateway_load_balancer_endpoint_id="vpce-0123456789abcdef0")
    assert on_gwlb.value.code == "InvalidVpcEndpointId.NotFound"
    assert targets.count() == 0


def test_the_target_quota_is_a_limit_exceeded_error(world: World) -> None:
    world.fake.set_quotas(targets=2)
    eni1, eni2, eni3 = world.fake.seed_network_interfaces(3)
    targets = world.mirror.targets
    targets.create(network_interface_id=eni1)
    targets.create(network_interface_id=eni2)
    with pytest.raises(LimitExceededError) as caught:
        targets.create(network_interface_id=eni3)
    assert caught.value.code == "TrafficMirrorTargetLimitExceeded"
    assert caught.value.operation == "CreateTrafficMirrorTarget"
    assert targets.count() == 2


def test_delete_a_target_in_use_then_free(world: World) -> None:
    [target_id] = world.fake.seed_targets(1)
    [session_id] = world.fake.seed_sessions(1, target_ids=[target_id])
    targets = world.mirror.targets
    with pytest.raises(ResourceInUseError) as caught:
        targets.delete(target_id, missing_ok=True)
    assert caught.value.code == "TrafficMirrorTargetInUseException"
    assert world.mirror.sessions.delete(session_id) is True
    assert targets.delete(target_id) is True
    with pytest.raises(TargetNotFoundError):
        targets.delete(target_id)
    assert targets.delete(target_id, missing_ok=True) is False
    assert targets.count() == 0


def test_tags_are_added_and_removed_as_plain_boto3_sees_them(world: World) -> None:
    [target_id] = world.fake.seed_targets(1, tags={"keep": "1"})
    targets = world.mirror.targets
    targets.add_tags(target_id, {"team": "net", "env": "prod"})
    targets.remove_tags(target_id, ["env", "not-there"])
    assert targets.get(target_id).tag_map == {"keep": "1", "team": "net"}
    described = world.client.describe_tags(
        Filters=[{"Name": "resource-id", "Values": [target_id]}]
    )["Tags"]
    assert {tag.get("Key"): tag.get("ResourceType") for tag in described} == {
        "keep": "traffic-mirror-target",
        "team": "traffic-mirror-target",
    }
    with pytest.raises(TargetNotFoundError):
        targets.add_tags(UNKNOWN, {"a": "b"})
    with pytest.raises(LimitExceededError) as caught:
        targets.add_tags(target_id, {f"k{n}": "v" for n in range(49)})
    assert caught.value.code == "TagLimitExceeded"


def test_dry_run_checks_say_true_change_nothing_and_say_false_when_denied(world: World) -> None:
    [target_id] = world.fake.seed_targets(1)
    [eni] = world.fake.seed_network_interfaces(1)
    targets = world.mirror.targets
    checks: list[Callable[[], bool]] = [
        targets.can_describe,
        lambda: targets.can_create(network_interface_id=eni),
        lambda: targets.can_delete(target_id),
        lambda: targets.can_add_tags(target_id, {"a": "b"}),
        lambda: targets.can_remove_tags(target_id, ["a"]),
    ]
    assert [check() for check in checks] == [True] * 5
    assert targets.count() == 1
    assert targets.get(target_id).tags == ()
    world.fake.deny()
    assert [check() for check in checks] == [False] * 5
    with pytest.raises(AccessDeniedError) as caught:
        targets.get(target_id)
    assert caught.value.code == "UnauthorizedOperation"


def test_refused_input_makes_no_call(world: World) -> None:
    targets = world.mirror.targets
    with pytest.raises(QueryError):
        targets.create(
            network_interface_id="eni-0123456789abcdef0", network_load_balancer_arn=NLB_ARN
        )  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    with pytest.raises(QueryError):
        targets.get("tmt-xyz")
    with pytest.raises(QueryError):
        targets.add_tags(UNKNOWN, {"aws:owner": "me"})
    assert world.calls.names == []
    assert world.fake.call_count() == 0
