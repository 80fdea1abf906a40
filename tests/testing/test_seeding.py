"""Bulk seeding of interfaces, targets, filters (with rules) and sessions: made and refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import botocore.session
import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror.testing import FilterRuleSpec, TrafficMirrorFake

from ._support import REGION

NLB = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/capture/00000000000000aa"
)
RULES: list[FilterRuleSpec] = [
    {
        "TrafficDirection": "ingress",
        "RuleNumber": 10,
        "RuleAction": "accept",
        "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
        "SourceCidrBlock": "0.0.0.0/0",
        "DestinationCidrBlock": "10.0.0.0/8",
        "Description": "tls",
    },
    {
        "TrafficDirection": "egress",
        "RuleNumber": 20,
        "RuleAction": "reject",
        "SourceCidrBlock": "::/0",
        "DestinationCidrBlock": "::/0",
    },
]


@pytest.fixture(scope="module")
def _module_fake(module_aws_environment: None) -> Iterator[TrafficMirrorFake]:
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        yield fake


@pytest.fixture
def fake(_module_fake: TrafficMirrorFake) -> TrafficMirrorFake:
    """One in-process fake for the module, fresh for each test."""
    _module_fake.reset()
    return _module_fake


@pytest.fixture
def ec2(fake: TrafficMirrorFake, botocore_session: botocore.session.Session) -> EC2Client:
    return cast("EC2Client", botocore_session.create_client("ec2", region_name=REGION))


def test_network_interfaces_are_moto_interfaces_and_reset_removes_them(
    fake: TrafficMirrorFake, ec2: EC2Client
) -> None:
    made = fake.seed_network_interfaces(2)
    chosen = fake.seed_network_interfaces(1, ids=["eni-0123456789abcdef0"])
    described = ec2.describe_network_interfaces(NetworkInterfaceIds=[*made, *chosen])
    assert len(described["NetworkInterfaces"]) == 3
    with pytest.raises(ValueError, match="already exists"):
        fake.seed_network_interfaces(1, ids=["eni-0123456789abcdef0"])
    with pytest.raises(ValueError, match="one id per item"):
        fake.seed_network_interfaces(2, ids=["eni-00000000000000001"])
    with pytest.raises(ValueError, match="hex digits"):
        fake.seed_network_interfaces(1, ids=["eni-xyz"])
    fake.reset()
    assert ec2.describe_network_interfaces()["NetworkInterfaces"] == []
    fake.seed_network_interfaces(1, ids=["eni-0123456789abcdef0"])  # free again after reset


def test_targets_of_each_type(fake: TrafficMirrorFake, ec2: EC2Client) -> None:
    ids = fake.seed_targets(
        4,
        types=["network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"],
        network_load_balancer_arns=[NLB],
        tags={"team": "net"},
        tags_per_target=1,
    )
    items = ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"]
    assert [item.get("TrafficMirrorTargetId") for item in items] == ids
    assert [item.get("Type") for item in items] == [
        "network-interface",
        "network-load-balancer",
        "gateway-load-balancer-endpoint",
        "network-interface",
    ]
    assert items[1].get("NetworkLoadBalancerArn") == NLB
    assert items[2].get("GatewayLoadBalancerEndpointId", "").startswith("vpce-")
    assert items[3].get("Description") == "seeded target 3"
    assert items[3].get("Tags") == [
        {"Key": "team", "Value": "net"},
        {"Key": "seed-0", "Value": "3-0"},
    ]
    interfaces = [items[0].get("NetworkInterfaceId", ""), items[3].get("NetworkInterfaceId", "")]
    assert (
        len(ec2.describe_network_interfaces(NetworkInterfaceIds=interfaces)["NetworkInterfaces"])
        == 2
    )
    with pytest.raises(ValueError, match="one target only"):
        fake.seed_targets(1, types=["network-load-balancer"], network_load_balancer_arns=[NLB])
    with pytest.raises(ValueError, match="arns given, but types has no network-load-balancer"):
        fake.seed_targets(1, network_load_balancer_arns=[NLB])
    with pytest.raises(ValueError, match="is not one of"):
        fake.seed_targets(1, types=["satellite"])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
    with pytest.raises(ValueError, match="already exists"):
        fake.seed_targets(1, ids=[ids[0]])
    with pytest.raises(ValueError, match="network_interface_ids must not be empty"):
        fake.seed_targets(1, network_interface_ids=[])


def test_filters_with_rules_and_network_services(fake: TrafficMirrorFake, ec2: EC2Client) -> None:
    ids = fake.seed_filters(2, rules=RULES, network_services=["amazon-dns"], tags_per_filter=1)
    items = ec2.describe_traffic_mirror_filters()["TrafficMirrorFilters"]
    assert [item.get("TrafficMirrorFilterId") for item in items] == ids
    first = items[0]
    assert first.get("NetworkServices") == ["amazon-dns"]
    [ingress] = first.get("IngressFilterRules", [])
    assert (ingress.get("Protocol"), ingress.get("DestinationPortRange")) == (
        6,
        {"FromPort": 443, "ToPort": 443},
    )
    assert [rule.get("RuleNumber") for rule in first.get("EgressFilterRules", [])] == [20]
    rules = ec2.describe_traffic_mirror_filter_rules()["TrafficMirrorFilterRules"]
    assert len(rules) == 4
    assert {rule.get("TrafficMirrorFilterRuleId", "")[:5] for rule in rules} == {"tmfr-"}


@pytest.mark.parametrize(
    ("rules", "match"),
    [
        ([{**RULES[0], "RuleNumber": 0}], "RuleNumber"),
        ([{**RULES[0], "Protocol": None}], "Protocol"),
        ([{**RULES[1], "SourceCidrBlock": "0.0.0.0/0"}], "IPv4 range or an IPv6"),
        (
            [RULES[0], {**RULES[1], "TrafficDirection": "ingress", "RuleNumber": 10}],
            "same direction",
        ),
        ([{**RULES[1], "RuleNumber": n} for n in range(1, 12)], "at most 10"),
    ],
)
def test_filter_rules_are_checked(fake: TrafficMirrorFake, rules: list[object], match: str) -> None:
    given = [
        cast(
            "FilterRuleSpec",
            {k: v for k, v in cast("dict[str, object]", rule).items() if v is not None},
        )
        for rule in rules
    ]
    with pytest.raises(ValueError, match=match):
        fake.seed_filters(1, rules=given)
    with pytest.raises(ValueError, match="network_services"):
        fake.seed_filters(1, network_services=["amazon-ntp"])


def test_sessions_use_seeded_targets_and_filters(fake: TrafficMirrorFake, ec2: EC2Client) -> None:
    targets = fake.seed_targets(2, types=["network-load-balancer"])
    filters = fake.seed_filters(1, rules=RULES)
    sessions = fake.seed_sessions(4, target_ids=targets, filter_ids=filters)
    items = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert [item.get("TrafficMirrorSessionId") for item in items] == sessions
    assert [item.get("TrafficMirrorTargetId") for item in items] == [*targets, *targets]
    assert {item.get("TrafficMirrorFilterId") for item in items} == set(filters)
    sources = sorted({item.get("NetworkInterfaceId", "") for item in items})
    assert len(sources) == 2  # three sessions per new interface
    assert (
        len(ec2.describe_network_interfaces(NetworkInterfaceIds=sources)["NetworkInterfaces"]) == 2
    )
    # AWS keeps a used target and filter.
    with pytest.raises(ValueError, match="no target tmt-00000000000000000"):
        fake.seed_sessions(1, target_ids=["tmt-00000000000000000"])
    with pytest.raises(ValueError, match="no filter"):
        fake.seed_sessions(1, filter_ids=["tmf-00000000000000000"])


def test_sessions_by_default_get_their_own_targets_and_filters(
    fake: TrafficMirrorFake, ec2: EC2Client
) -> None:
    sessions = fake.seed_sessions(30)
    targets = ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"]
    filters = ec2.describe_traffic_mirror_filters()["TrafficMirrorFilters"]
    assert (len(sessions), len(targets), len(filters)) == (30, 10, 5)
    used = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert {s.get("TrafficMirrorTargetId") for s in used} == {
        t.get("TrafficMirrorTargetId") for t in targets
    }


def test_sessions_respect_the_per_interface_and_account_quotas(fake: TrafficMirrorFake) -> None:
    eni = "eni-0123456789abcdef0"
    fake.seed_sessions(2, network_interface_ids=[eni])
    with pytest.raises(ValueError, match="more than 3 sessions"):
        fake.seed_sessions(2, network_interface_ids=[eni])
    [own] = fake.seed_targets(1, network_interface_ids=["eni-00000000000000001"])
    with pytest.raises(ValueError, match="both the source and the target"):
        fake.seed_sessions(1, network_interface_ids=["eni-00000000000000001"], target_ids=[own])
    fake.set_quotas(targets=1)
    with pytest.raises(ValueError, match="quota of 1"):
        fake.seed_targets(1)
    fake.set_quotas(sessions=3, targets=100)
    with pytest.raises(ValueError, match="quota of 3"):
        fake.seed_sessions(2)
    fake.seed_sessions(1, network_interface_ids=[eni])  # exactly the third on eni
