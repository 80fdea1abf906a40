"""Every Traffic Mirror operation gets the same DryRun, denial, throttling and counting.

And the tag calls on targets, filters and rules get AWS's checks, as on sessions.
Both transports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror.testing import OPERATIONS, FilterRuleSpec

from ._support import Env, error_of

RULE: FilterRuleSpec = {
    "TrafficDirection": "ingress",
    "RuleNumber": 1,
    "RuleAction": "accept",
    "SourceCidrBlock": "0.0.0.0/0",
    "DestinationCidrBlock": "0.0.0.0/0",
}


@dataclass(frozen=True)
class World:
    """Resources for one valid call of each operation."""

    interfaces: list[str]
    session: str
    target: str
    spare_target: str
    filter: str
    spare_filter: str
    rule: str


@pytest.fixture
def world(env: Env, ec2: EC2Client) -> World:
    fake = env.fake
    interfaces = fake.seed_network_interfaces(2)
    target, spare_target = fake.seed_targets(2)
    mirror_filter, spare_filter = fake.seed_filters(2, rules=[RULE])
    [session] = fake.seed_sessions(1, target_ids=[target], filter_ids=[mirror_filter])
    listed = ec2.describe_traffic_mirror_filter_rules(TrafficMirrorFilterId=mirror_filter)
    rule = listed["TrafficMirrorFilterRules"][0].get("TrafficMirrorFilterRuleId", "")
    return World(interfaces, session, target, spare_target, mirror_filter, spare_filter, rule)


def valid_calls(ec2: EC2Client, world: World) -> dict[str, Callable[[bool], object]]:
    """One call per operation that succeeds on ``world``; the argument is ``DryRun``."""
    return {
        "CreateTrafficMirrorSession": lambda dry: ec2.create_traffic_mirror_session(
            NetworkInterfaceId=world.interfaces[0],
            TrafficMirrorTargetId=world.target,
            TrafficMirrorFilterId=world.filter,
            SessionNumber=1,
            DryRun=dry,
        ),
        "DeleteTrafficMirrorSession": lambda dry: ec2.delete_traffic_mirror_session(
            TrafficMirrorSessionId=world.session, DryRun=dry
        ),
        "DescribeTrafficMirrorSessions": lambda dry: ec2.describe_traffic_mirror_sessions(
            DryRun=dry
        ),
        "ModifyTrafficMirrorSession": lambda dry: ec2.modify_traffic_mirror_session(
            TrafficMirrorSessionId=world.session, Description="changed", DryRun=dry
        ),
        "CreateTrafficMirrorTarget": lambda dry: ec2.create_traffic_mirror_target(
            NetworkInterfaceId=world.interfaces[1], DryRun=dry
        ),
        "DeleteTrafficMirrorTarget": lambda dry: ec2.delete_traffic_mirror_target(
            TrafficMirrorTargetId=world.spare_target, DryRun=dry
        ),
        "DescribeTrafficMirrorTargets": lambda dry: ec2.describe_traffic_mirror_targets(DryRun=dry),
        "CreateTrafficMirrorFilter": lambda dry: ec2.create_traffic_mirror_filter(DryRun=dry),
        "DeleteTrafficMirrorFilter": lambda dry: ec2.delete_traffic_mirror_filter(
            TrafficMirrorFilterId=world.spare_filter, DryRun=dry
        ),
        "DescribeTrafficMirrorFilters": lambda dry: ec2.describe_traffic_mirror_filters(DryRun=dry),
        "CreateTrafficMirrorFilterRule": lambda dry: ec2.create_traffic_mirror_filter_rule(
            TrafficMirrorFilterId=world.filter,
            TrafficDirection="ingress",
            RuleNumber=2,
            RuleAction="accept",
            SourceCidrBlock="0.0.0.0/0",
            DestinationCidrBlock="0.0.0.0/0",
            DryRun=dry,
        ),
        "ModifyTrafficMirrorFilterRule": lambda dry: ec2.modify_traffic_mirror_filter_rule(
            TrafficMirrorFilterRuleId=world.rule, RuleNumber=3, DryRun=dry
        ),
        "DeleteTrafficMirrorFilterRule": lambda dry: ec2.delete_traffic_mirror_filter_rule(
            TrafficMirrorFilterRuleId=world.rule, DryRun=dry
        ),
        "DescribeTrafficMirrorFilterRules": (
            lambda dry: ec2.describe_traffic_mirror_filter_rules(DryRun=dry)
        ),
        "ModifyTrafficMirrorFilterNetworkServices": (
            lambda dry: ec2.modify_traffic_mirror_filter_network_services(
                TrafficMirrorFilterId=world.filter, AddNetworkServices=["amazon-dns"], DryRun=dry
            )
        ),
    }


def everything(ec2: EC2Client) -> tuple[list[Any], ...]:
    """All four listings: what a refused call must leave as it was."""
    return (
        list(ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]),
        list(ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"]),
        list(ec2.describe_traffic_mirror_filters()["TrafficMirrorFilters"]),
        list(ec2.describe_traffic_mirror_filter_rules()["TrafficMirrorFilterRules"]),
    )


def test_there_is_a_valid_call_for_every_operation(ec2: EC2Client, world: World) -> None:
    assert sorted(valid_calls(ec2, world)) == sorted(OPERATIONS)
    assert len(OPERATIONS) == 15


@pytest.mark.parametrize("operation", OPERATIONS)
def test_dry_run_deny_throttle_and_count(
    env: Env, ec2: EC2Client, world: World, operation: str
) -> None:
    call = valid_calls(ec2, world)[operation]
    before = everything(ec2)
    env.fake.reset_call_counts()
    assert error_of(lambda: call(True)) == ("DryRunOperation", 412)
    env.fake.deny(operation)
    assert error_of(lambda: call(False)) == ("UnauthorizedOperation", 403)
    assert error_of(lambda: call(True)) == ("UnauthorizedOperation", 403)
    env.fake.allow(operation)
    env.fake.throttle(1)
    assert error_of(lambda: call(False)) == ("RequestLimitExceeded", 503)
    assert everything(ec2) == before
    env.fake.deny()
    assert error_of(lambda: call(False)) == ("UnauthorizedOperation", 403)
    env.fake.allow()
    call(False)
    # Six calls of the operation, and the four listings of everything() once.
    assert env.fake.call_count(operation) == 6 + operation.startswith("Describe")
    assert env.fake.call_count() == 10


# ---------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("kind", "resource_type", "code"),
    [
        ("target", "traffic-mirror-target", "InvalidTrafficMirrorTargetId.NotFound"),
        ("filter", "traffic-mirror-filter", "InvalidTrafficMirrorFilterId.NotFound"),
        ("rule", "traffic-mirror-filter-rule", "InvalidTrafficMirrorFilterRuleId.NotFound"),
    ],
)
def test_tag_calls_on_targets_filters_and_rules(
    env: Env, world: World, kind: str, resource_type: str, code: str
) -> None:
    ec2 = env.client()
    resource = {"target": world.target, "filter": world.filter, "rule": world.rule}[kind]
    unknown = resource.rsplit("-", 1)[0] + "-00000000000000000"
    ec2.create_tags(Resources=[resource], Tags=[{"Key": "team", "Value": "net"}])
    described = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": [resource_type]}])
    assert [(t.get("ResourceId"), t.get("Key")) for t in described["Tags"]] == [(resource, "team")]
    missing = lambda: ec2.create_tags(  # noqa: E731
        Resources=[unknown], Tags=[{"Key": "k", "Value": "v"}]
    )
    assert error_of(missing) == (code, 400)
    reserved = lambda: ec2.create_tags(  # noqa: E731
        Resources=[resource], Tags=[{"Key": "aws:k", "Value": "v"}]
    )
    assert error_of(reserved) == ("InvalidParameterValue", 400)
    dry = lambda: ec2.delete_tags(Resources=[resource], Tags=[{"Key": "team"}], DryRun=True)  # noqa: E731
    assert error_of(dry) == ("DryRunOperation", 412)
    env.fake.deny("DeleteTags")
    assert error_of(lambda: ec2.delete_tags(Resources=[resource])) == ("UnauthorizedOperation", 403)
    env.fake.allow()
    ec2.delete_tags(Resources=[resource], Tags=[{"Key": "team"}])
    assert ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [resource]}])["Tags"] == []
    assert env.fake.call_count("CreateTags") == 3
    assert env.fake.call_count("DeleteTags") == 3
