"""Parity of the target calls: Create, Delete, Describe TrafficMirrorTargets (both transports)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol, cast

import boto3
import pytest
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import FilterTypeDef

from ._support import REGION, Env, error_of, new_interface, page_through, token_of

ACCOUNT = "123456789012"
AWS_TARGET_ID = re.compile(r"tmt-[0-9a-f]{17}")


def tid(item: Any) -> str:
    """The target id of a response item."""
    return str(item["TrafficMirrorTargetId"])


def ids_of(ec2: EC2Client, filters: list[FilterTypeDef] | None = None, **params: Any) -> list[str]:
    """The target ids one describe call answers."""
    response = ec2.describe_traffic_mirror_targets(Filters=filters or [], **params)
    return [tid(item) for item in response["TrafficMirrorTargets"]]


def network_load_balancer(env: Env, name: str) -> str:
    """A Network Load Balancer made with plain boto3 (ELBv2); its ARN."""
    subnet = env.client().describe_subnets()["Subnets"][0].get("SubnetId", "")
    made = env.load_balancers().create_load_balancer(Name=name, Subnets=[subnet], Type="network")
    return str(made["LoadBalancers"][0]["LoadBalancerArn"])


def gateway_endpoint(ec2: EC2Client) -> str:
    """A Gateway Load Balancer endpoint made with plain boto3; its id."""
    subnet = ec2.describe_subnets()["Subnets"][0]
    made = ec2.create_vpc_endpoint(
        VpcId=subnet.get("VpcId", ""),
        ServiceName="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        VpcEndpointType="GatewayLoadBalancer",
        SubnetIds=[subnet.get("SubnetId", "")],
    )
    return made["VpcEndpoint"].get("VpcEndpointId", "")


# ---------------------------------------------------------------- create


def test_create_on_an_interface_answers_the_target_as_describe_does(ec2: EC2Client) -> None:
    eni = new_interface(ec2)
    answer = ec2.create_traffic_mirror_target(
        NetworkInterfaceId=eni,
        Description="monitor",
        TagSpecifications=[
            {"ResourceType": "traffic-mirror-target", "Tags": [{"Key": "team", "Value": "net"}]}
        ],
    )
    item = dict(answer["TrafficMirrorTarget"])
    assert AWS_TARGET_ID.fullmatch(tid(item))
    assert item == {
        "TrafficMirrorTargetId": tid(item),
        "NetworkInterfaceId": eni,
        "Type": "network-interface",
        "Description": "monitor",
        "OwnerId": ACCOUNT,
        "Tags": [{"Key": "team", "Value": "net"}],
    }
    assert [dict(t) for t in ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"]] == [
        item
    ]
    tags = ec2.describe_tags(
        Filters=[{"Name": "resource-type", "Values": ["traffic-mirror-target"]}]
    )
    assert [(t.get("ResourceId"), t.get("Key")) for t in tags["Tags"]] == [(tid(item), "team")]


def test_create_on_a_network_load_balancer_and_a_gateway_endpoint(env: Env, ec2: EC2Client) -> None:
    arn = network_load_balancer(env, "mirror-nlb")
    endpoint = gateway_endpoint(ec2)
    nlb = ec2.create_traffic_mirror_target(NetworkLoadBalancerArn=arn)["TrafficMirrorTarget"]
    gwlb = ec2.create_traffic_mirror_target(GatewayLoadBalancerEndpointId=endpoint)[
        "TrafficMirrorTarget"
    ]
    assert (nlb.get("Type"), nlb.get("NetworkLoadBalancerArn")) == ("network-load-balancer", arn)
    assert "NetworkInterfaceId" not in nlb
    assert (gwlb.get("Type"), gwlb.get("GatewayLoadBalancerEndpointId")) == (
        "gateway-load-balancer-endpoint",
        endpoint,
    )
    again = lambda: ec2.create_traffic_mirror_target(NetworkLoadBalancerArn=arn)  # noqa: E731
    assert error_of(again) == ("NlbInUseByTrafficMirrorTargetException", 400)


RESOURCE_CASES: list[tuple[str, dict[str, str], str]] = [
    ("none", {}, "InvalidParameterCombination"),
    (
        "two",
        {"NetworkInterfaceId": "eni-0123456789abcdef0", "GatewayLoadBalancerEndpointId": "vpce-1"},
        "InvalidParameterCombination",
    ),
    (
        "unknown interface",
        {"NetworkInterfaceId": "eni-00000000000000000"},
        "InvalidNetworkInterfaceID.NotFound",
    ),
    (
        "malformed interface",
        {"NetworkInterfaceId": "i-0123"},
        "InvalidNetworkInterfaceId.Malformed",
    ),
    (
        "unknown NLB",
        {
            "NetworkLoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
            "loadbalancer/net/none/0123456789abcdef"
        },
        "InvalidNetworkLoadBalancerArn.NotFound",
    ),
    (
        "malformed NLB",
        {"NetworkLoadBalancerArn": "nlb-1"},
        "InvalidNetworkLoadBalancerArn.Malformed",
    ),
    (
        "unknown endpoint",
        {"GatewayLoadBalancerEndpointId": "vpce-00000000000000000"},
        "InvalidVpcEndpointId.NotFound",
    ),
    (
        "malformed endpoint",
        {"GatewayLoadBalancerEndpointId": "gw-1"},
        "InvalidVpcEndpointId.Malformed",
    ),
]


@pytest.mark.parametrize(
    ("case", "members", "code"), RESOURCE_CASES, ids=[case[0] for case in RESOURCE_CASES]
)
def test_create_needs_exactly_one_resource_that_exists(
    env: Env, case: str, members: dict[str, str], code: str
) -> None:
    call = lambda: env.call_raw("create_traffic_mirror_target", **members)  # noqa: E731
    assert error_of(call) == (code, 400), case
    assert ids_of(env.client()) == []


def test_an_application_load_balancer_is_not_a_network_one(env: Env, ec2: EC2Client) -> None:
    subnets = [s.get("SubnetId", "") for s in ec2.describe_subnets()["Subnets"][:2]]
    made = env.load_balancers().create_load_balancer(
        Name="web-alb", Subnets=subnets, Type="application"
    )
    arn = str(made["LoadBalancers"][0]["LoadBalancerArn"])
    call = lambda: ec2.create_traffic_mirror_target(NetworkLoadBalancerArn=arn)  # noqa: E731
    assert error_of(call) == ("InvalidNetworkLoadBalancerArn.NotFound", 400)


def test_create_refuses_tags_of_another_resource_type_and_reserved_keys(ec2: EC2Client) -> None:
    eni = new_interface(ec2)
    wrong: Any = [{"ResourceType": "traffic-mirror-filter", "Tags": [{"Key": "k", "Value": "v"}]}]
    reserved: Any = [
        {"ResourceType": "traffic-mirror-target", "Tags": [{"Key": "aws:k", "Value": "v"}]}
    ]
    for spec in (wrong, reserved):
        call = lambda spec=spec: ec2.create_traffic_mirror_target(  # noqa: E731
            NetworkInterfaceId=eni, TagSpecifications=spec
        )
        assert error_of(call) == ("InvalidParameterValue", 400)
    assert ids_of(ec2) == []


def test_create_is_idempotent_with_a_client_token(ec2: EC2Client) -> None:
    eni, other = new_interface(ec2), new_interface(ec2)
    first = ec2.create_traffic_mirror_target(NetworkInterfaceId=eni, ClientToken="t-1")
    again = ec2.create_traffic_mirror_target(NetworkInterfaceId=eni, ClientToken="t-1")
    assert again["TrafficMirrorTarget"] == first["TrafficMirrorTarget"]
    assert again.get("ClientToken") == "t-1"
    mismatch = lambda: ec2.create_traffic_mirror_target(  # noqa: E731
        NetworkInterfaceId=other, ClientToken="t-1"
    )
    assert error_of(mismatch) == ("IdempotentParameterMismatch", 400)
    assert ids_of(ec2) == [tid(first["TrafficMirrorTarget"])]


def test_the_account_quota_of_targets_can_be_lowered_and_reached(env: Env, ec2: EC2Client) -> None:
    env.fake.set_quotas(targets=1)
    ec2.create_traffic_mirror_target(NetworkInterfaceId=new_interface(ec2))
    eni = new_interface(ec2)
    call: Callable[[], object] = lambda: ec2.create_traffic_mirror_target(  # noqa: E731
        NetworkInterfaceId=eni
    )
    assert error_of(call) == ("TrafficMirrorTargetLimitExceeded", 400)
    env.fake.reset()
    assert ids_of(ec2) == []
    call()  # reset() puts AWS's quota back


# ---------------------------------------------------------------- delete


def test_delete_removes_the_target_and_its_tags(env: Env, ec2: EC2Client) -> None:
    [target_id] = env.fake.seed_targets(1, tags={"k": "v"})
    answer = ec2.delete_traffic_mirror_target(TrafficMirrorTargetId=target_id)
    assert tid(answer) == target_id
    assert ids_of(ec2) == []
    assert ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [target_id]}])["Tags"] == []
    again = lambda: ec2.delete_traffic_mirror_target(TrafficMirrorTargetId=target_id)  # noqa: E731
    assert error_of(again) == ("InvalidTrafficMirrorTargetId.NotFound", 400)
    malformed = lambda: ec2.delete_traffic_mirror_target(  # noqa: E731
        TrafficMirrorTargetId="tmf-0123456789abcdef0"
    )
    assert error_of(malformed) == ("InvalidTrafficMirrorTargetId.Malformed", 400)


def test_delete_refuses_a_target_in_use(env: Env, ec2: EC2Client) -> None:
    [session_id] = env.fake.seed_sessions(1)
    [target_id] = ids_of(ec2, [{"Name": "description", "Values": ["seeded target 0"]}])
    call: Callable[[], object] = lambda: ec2.delete_traffic_mirror_target(  # noqa: E731
        TrafficMirrorTargetId=target_id
    )
    assert error_of(call) == ("TrafficMirrorTargetInUseException", 400)
    ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id)
    call()
    assert target_id not in ids_of(ec2)


# ---------------------------------------------------------------- describe


def test_pages_follow_creation_order(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_targets(23)
    items, sizes = page_through(ec2.describe_traffic_mirror_targets, "TrafficMirrorTargets", 5)
    assert sizes == [5, 5, 5, 5, 3]
    assert [tid(item) for item in items] == seeded
    paginator = ec2.get_paginator("describe_traffic_mirror_targets")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 10}))
    assert [tid(i) for p in pages for i in p["TrafficMirrorTargets"]] == seeded
    assert "NextToken" not in ec2.describe_traffic_mirror_targets()


@pytest.mark.parametrize(
    ("max_results", "valid"), [(4, False), (5, True), (1000, True), (1001, False)]
)
def test_max_results_range(env: Env, max_results: int, valid: bool) -> None:
    env.fake.seed_targets(6)
    call: Callable[[], Any] = lambda: env.call_raw(  # noqa: E731
        "describe_traffic_mirror_targets", MaxResults=max_results
    )
    if valid:
        assert len(call()["TrafficMirrorTargets"]) == min(6, max_results)
    else:
        assert error_of(call) == ("InvalidParameterValue", 400)


def test_a_token_belongs_to_its_query(env: Env, ec2: EC2Client) -> None:
    env.fake.seed_targets(12)
    token = token_of(ec2.describe_traffic_mirror_targets(MaxResults=5))
    other: list[FilterTypeDef] = [{"Name": "owner-id", "Values": [ACCOUNT]}]
    call = lambda: ec2.describe_traffic_mirror_targets(  # noqa: E731
        MaxResults=5, NextToken=token, Filters=other
    )
    assert error_of(call) == ("InvalidNextToken", 400)
    sessions = lambda: ec2.describe_traffic_mirror_sessions(MaxResults=5, NextToken=token)  # noqa: E731
    assert error_of(sessions) == ("InvalidNextToken", 400)
    assert len(ids_of(ec2, MaxResults=5, NextToken=token)) == 5


@pytest.fixture
def trio(env: Env) -> list[str]:
    """Three targets that differ in every filterable member."""
    [eni] = env.fake.seed_targets(
        1, network_interface_ids=["eni-aaaaaaaaaaaaaaaaa"], description="capture *one*"
    )
    [nlb] = env.fake.seed_targets(
        1,
        types=["network-load-balancer"],
        network_load_balancer_arns=[
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/ids/00000000000000aa"
        ],
        description="capture-22",
    )
    [gwlb] = env.fake.seed_targets(
        1,
        types=["gateway-load-balancer-endpoint"],
        gateway_load_balancer_endpoint_ids=["vpce-ccccccccccccccccc"],
        description=None,
    )
    return [eni, nlb, gwlb]


TARGET_FILTER_CASES: list[tuple[str, list[str], list[int]]] = [
    ("description", ["capture-22"], [1]),
    ("description", ["capture*"], [0, 1]),
    ("description", ["capture-?"], []),
    ("description", ["capture-??"], [1]),
    ("description", ["*\\*one\\*"], [0]),
    ("description", ["CAPTURE-22"], []),
    ("network-interface-id", ["eni-aaaaaaaaaaaaaaaaa"], [0]),
    ("network-interface-id", ["eni-*"], [0]),
    ("network-load-balancer-arn", ["*loadbalancer/net/ids/*"], [1]),
    ("owner-id", [ACCOUNT], [0, 1, 2]),
    ("owner-id", ["111111111111"], []),
]


@pytest.mark.parametrize(("name", "values", "expected"), TARGET_FILTER_CASES)
def test_each_filter_matches_as_aws_does(
    ec2: EC2Client, trio: list[str], name: str, values: list[str], expected: list[int]
) -> None:
    assert ids_of(ec2, [{"Name": name, "Values": values}]) == [trio[i] for i in expected]


def test_ids_and_the_target_id_filter(ec2: EC2Client, trio: list[str]) -> None:
    unknown = "tmt-00000000000000000"
    by_filter: list[FilterTypeDef] = [
        {"Name": "traffic-mirror-target-id", "Values": [trio[2], trio[0], unknown]}
    ]
    assert ids_of(ec2, by_filter) == [trio[0], trio[2]]
    assert ids_of(ec2, TrafficMirrorTargetIds=[trio[2], trio[1]]) == [trio[1], trio[2]]
    both: list[FilterTypeDef] = [{"Name": "description", "Values": ["capture*"]}]
    assert ids_of(ec2, both, TrafficMirrorTargetIds=[trio[1], trio[2]]) == [trio[1]]
    missing = lambda: ids_of(ec2, TrafficMirrorTargetIds=[trio[0], unknown])  # noqa: E731
    assert error_of(missing) == ("InvalidTrafficMirrorTargetId.NotFound", 400)
    malformed = lambda: ids_of(ec2, TrafficMirrorTargetIds=["eni-1"])  # noqa: E731
    assert error_of(malformed) == ("InvalidTrafficMirrorTargetId.Malformed", 400)


def test_an_unknown_filter_name_is_invalid(ec2: EC2Client) -> None:
    call = lambda: ids_of(ec2, [{"Name": "type", "Values": ["network-interface"]}])  # noqa: E731
    assert error_of(call) == ("InvalidParameterValue", 400)


def test_regions_and_their_targets_are_separate(env: Env) -> None:
    [west] = env.fake.seed_targets(1, region="eu-west-1")
    assert ids_of(env.client(region="us-east-1")) == []
    assert ids_of(env.client(region="eu-west-1")) == [west]


# ---------------------------------------------------------------- dry run and faults


def test_dry_run_changes_nothing(env: Env, ec2: EC2Client) -> None:
    [target_id] = env.fake.seed_targets(1)
    before = ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"]
    eni = new_interface(ec2)
    calls: list[Callable[[], object]] = [
        lambda: ec2.describe_traffic_mirror_targets(DryRun=True),
        lambda: ec2.create_traffic_mirror_target(NetworkInterfaceId=eni, DryRun=True),
        lambda: ec2.delete_traffic_mirror_target(TrafficMirrorTargetId=target_id, DryRun=True),
    ]
    for call in calls:
        assert error_of(call) == ("DryRunOperation", 412)
    assert ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"] == before


def test_fail_page_and_serve_invalid_item_apply_to_targets(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_targets(12)
    env.fake.fail_page(1)
    first = ec2.describe_traffic_mirror_targets(MaxResults=5)
    second: Callable[[], list[str]] = lambda: ids_of(  # noqa: E731
        ec2, MaxResults=5, NextToken=token_of(first)
    )
    assert error_of(second) == ("InternalError", 500)
    assert second() == seeded[5:10]
    env.fake.serve_invalid_item(seeded[0], Type="satellite", OwnerId=None)
    item = ec2.describe_traffic_mirror_targets(TrafficMirrorTargetIds=[seeded[0]])[
        "TrafficMirrorTargets"
    ][0]
    assert str(item.get("Type")) == "satellite"
    assert "OwnerId" not in item


class RoleAssumer(Protocol):
    """The one STS call made here."""

    def assume_role(self, **params: str) -> dict[str, dict[str, str]]:
        """``AssumeRole``."""
        ...


def test_an_assumed_role_works_in_its_own_account(env: Env) -> None:
    other_account = "111122223333"
    [theirs] = env.fake.seed_targets(1, account_id=other_account)
    [ours] = env.fake.seed_targets(1)
    # boto3-stubs[sts] is not installed: the one call made is typed by hand.
    sts = cast(
        "RoleAssumer",
        boto3.client(  # pyright: ignore[reportUnknownMemberType]
            "sts", region_name=REGION, endpoint_url=env.endpoint_url
        ),
    )
    role = f"arn:aws:iam::{other_account}:role/audit"
    credentials = sts.assume_role(RoleArn=role, RoleSessionName="audit")["Credentials"]
    assumed: EC2Client = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "ec2",
        region_name=REGION,
        endpoint_url=env.endpoint_url,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    [item] = assumed.describe_traffic_mirror_targets()["TrafficMirrorTargets"]
    assert (tid(item), item.get("OwnerId")) == (theirs, other_account)
    assert ids_of(env.client()) == [ours]
