"""The context's life: stock moto restored exactly, nesting, decorator, isolation, seeding."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Any, cast

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from mypy_boto3_ec2 import EC2Client


def _client() -> EC2Client:
    # boto3-stubs types only the services installed; the other overloads are unknown.
    return boto3.client("ec2", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]


Snapshot = list[tuple[object, str, bool, object]]


def _snapshot() -> Snapshot:
    """Every class attribute and moto table entry the fake patches: present?, and what."""
    from ec2_traffic_mirror.testing import OPERATIONS
    from ec2_traffic_mirror.testing._moto import patched_attributes, patched_mappings

    attributes: Snapshot = [
        (cls, name, name in cls.__dict__, cls.__dict__.get(name))
        for cls, name in patched_attributes(OPERATIONS)
    ]
    entries: Snapshot = [
        (id(table), key, key in table, table.get(key)) for table, key in patched_mappings()
    ]
    return attributes + entries


def _outcome(call: Callable[[], object], member: str | None = None) -> str:
    """What a call answered: the id prefix of ``member``, ``ok``, an error code, or an exception."""
    try:
        answer = call()
    except ClientError as error:
        return f"error {error.response.get('Error', {}).get('Code')}"
    except Exception as error:  # stock moto raises NotImplementedError for what it lacks
        return type(error).__name__
    if member is None:
        return "ok"
    item = cast("Mapping[str, Mapping[str, object]]", answer)[member]
    resource_id = str(next(v for k, v in item.items() if k.endswith("Id")))
    return "id " + resource_id.rsplit("-", 1)[0]


def _observe(ec2: EC2Client) -> dict[str, str]:
    """One call of every patched operation, each answered differently by stock moto and the fake."""
    subnet = ec2.describe_subnets()["Subnets"][0].get("SubnetId", "")
    interface = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]
    eni = interface.get("NetworkInterfaceId", "")
    target = ec2.create_traffic_mirror_target(NetworkInterfaceId=eni)["TrafficMirrorTarget"]
    target_id = target.get("TrafficMirrorTargetId", "")
    mirror_filter = ec2.create_traffic_mirror_filter()["TrafficMirrorFilter"]
    filter_id = mirror_filter.get("TrafficMirrorFilterId", "")
    session = "tms-00000000000000000"
    rule = "tmfr-00000000000000000"
    seen = {
        "CreateTrafficMirrorTarget": "id " + target_id.rsplit("-", 1)[0],
        "CreateTrafficMirrorFilter": "id " + filter_id.rsplit("-", 1)[0],
    }
    calls: dict[str, tuple[Callable[[], object], str | None]] = {
        "CreateTrafficMirrorSession": (
            lambda: ec2.create_traffic_mirror_session(
                NetworkInterfaceId="eni-00000000000000000",
                TrafficMirrorTargetId=target_id,
                TrafficMirrorFilterId=filter_id,
                SessionNumber=1,
            ),
            "TrafficMirrorSession",
        ),
        "DescribeTrafficMirrorSessions": (
            lambda: ec2.describe_traffic_mirror_sessions(DryRun=True),
            None,
        ),
        "ModifyTrafficMirrorSession": (
            lambda: ec2.modify_traffic_mirror_session(TrafficMirrorSessionId=session, DryRun=True),
            None,
        ),
        "DeleteTrafficMirrorSession": (
            lambda: ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session),
            None,
        ),
        "DescribeTrafficMirrorTargets": (
            lambda: ec2.describe_traffic_mirror_targets(DryRun=True),
            None,
        ),
        "DescribeTrafficMirrorFilters": (
            lambda: ec2.describe_traffic_mirror_filters(DryRun=True),
            None,
        ),
        "CreateTrafficMirrorFilterRule": (
            lambda: ec2.create_traffic_mirror_filter_rule(
                TrafficMirrorFilterId=filter_id,
                TrafficDirection="ingress",
                RuleNumber=1,
                RuleAction="accept",
                SourceCidrBlock="0.0.0.0/0",
                DestinationCidrBlock="0.0.0.0/0",
            ),
            "TrafficMirrorFilterRule",
        ),
        "ModifyTrafficMirrorFilterRule": (
            lambda: ec2.modify_traffic_mirror_filter_rule(
                TrafficMirrorFilterRuleId=rule, DryRun=True
            ),
            None,
        ),
        "DescribeTrafficMirrorFilterRules": (
            lambda: ec2.describe_traffic_mirror_filter_rules(DryRun=True),
            None,
        ),
        "DeleteTrafficMirrorFilterRule": (
            lambda: ec2.delete_traffic_mirror_filter_rule(TrafficMirrorFilterRuleId=rule),
            None,
        ),
        "ModifyTrafficMirrorFilterNetworkServices": (
            lambda: ec2.modify_traffic_mirror_filter_network_services(
                TrafficMirrorFilterId=filter_id, AddNetworkServices=["amazon-dns"]
            ),
            None,
        ),
        "DeleteTrafficMirrorTarget": (
            lambda: ec2.delete_traffic_mirror_target(TrafficMirrorTargetId=target_id),
            None,
        ),
        "DeleteTrafficMirrorFilter": (
            lambda: ec2.delete_traffic_mirror_filter(TrafficMirrorFilterId=filter_id),
            None,
        ),
        "CreateTags": (
            lambda: ec2.create_tags(Resources=[session], Tags=[{"Key": "k", "Value": "v"}]),
            None,
        ),
        "DeleteTags": (lambda: ec2.delete_tags(Resources=[session], Tags=[{"Key": "k"}]), None),
    }
    for operation, (call, member) in calls.items():
        seen[operation] = _outcome(call, member)
    return seen


def _load_balancer_kinds(
    botocore_session: botocore.session.Session, endpoint_url: str | None = None
) -> list[str]:
    """The type part of the ARNs moto gives a new network, application and gateway load balancer.

    AWS's are ``net``, ``app`` and ``gwy`` (``loadbalancer/net/NAME/ID``); stock moto's all ``app``.
    """
    ec2 = cast(
        "EC2Client",
        botocore_session.create_client("ec2", region_name="us-east-1", endpoint_url=endpoint_url),
    )
    # No boto3-stubs for ELBv2 here: the client is untyped.
    elbv2: Any = botocore_session.create_client(
        "elbv2", region_name="us-east-1", endpoint_url=endpoint_url
    )
    subnets = [subnet.get("SubnetId", "") for subnet in ec2.describe_subnets()["Subnets"]][:2]
    kinds: list[str] = []
    for index, kind in enumerate(("network", "application", "gateway")):
        answer = elbv2.create_load_balancer(Name=f"lb-{index}", Subnets=subnets, Type=kind)
        arn = str(answer["LoadBalancers"][0]["LoadBalancerArn"])
        kinds.append(arn.split(":loadbalancer/", 1)[1].split("/", 1)[0])
    return kinds


def test_every_patched_handler_answers_as_stock_moto_again_after_exit(
    botocore_session: botocore.session.Session,
) -> None:
    from ec2_traffic_mirror.testing import OPERATIONS, TAG_OPERATIONS, mock_traffic_mirror

    def _client() -> EC2Client:
        # From the shared botocore session: cheaper than boto3.client under mock_aws.
        return cast("EC2Client", botocore_session.create_client("ec2", region_name="us-east-1"))

    before = _snapshot()
    with mock_aws():
        stock = _observe(_client())
        assert _load_balancer_kinds(botocore_session) == ["app", "app", "app"]
    assert set(stock) == {*OPERATIONS, *TAG_OPERATIONS}
    assert stock["CreateTrafficMirrorTarget"] == "id traf-mir-tar"
    assert stock["DeleteTrafficMirrorTarget"] == "NotImplementedError"
    with mock_traffic_mirror():
        assert _snapshot() != before
        faked = _observe(_client())
        assert _load_balancer_kinds(botocore_session) == ["net", "app", "gwy"]
    assert faked["CreateTrafficMirrorTarget"] == "id tmt"
    assert faked["CreateTrafficMirrorFilterRule"] == "id tmfr"
    assert [op for op in stock if stock[op] == faked[op]] == []  # the fake answered each one
    assert _snapshot() == before
    with mock_aws():
        assert _observe(_client()) == stock
        assert _load_balancer_kinds(botocore_session) == ["app", "app", "app"]


@pytest.mark.timing_sensitive  # a fake server over HTTP
def test_the_http_server_restores_stock_moto_too(
    botocore_session: botocore.session.Session,
) -> None:
    from ec2_traffic_mirror.testing import traffic_mirror_server

    before = _snapshot()
    with traffic_mirror_server() as server:
        assert _snapshot() != before
        answer = server.client().create_traffic_mirror_filter()["TrafficMirrorFilter"]
        assert answer.get("TrafficMirrorFilterId", "").startswith("tmf-")
        # Answered on the server's threads: AWS's ARNs there too.
        kinds = _load_balancer_kinds(botocore_session, server.endpoint_url)
        assert kinds == ["net", "app", "gwy"]
    assert _snapshot() == before


def test_restored_when_the_body_raises() -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    before = _snapshot()
    with pytest.raises(RuntimeError, match="boom"), mock_traffic_mirror():
        raise RuntimeError("boom")
    assert _snapshot() == before


def test_nested_contexts_answer_with_the_innermost_fake() -> None:
    from ec2_traffic_mirror.testing import active_fake, mock_traffic_mirror

    before = _snapshot()
    with mock_traffic_mirror() as outer:
        ec2 = _client()
        ec2.describe_traffic_mirror_sessions()
        [seeded] = outer.seed_sessions(1)
        with mock_traffic_mirror() as inner:
            assert active_fake() is inner
            # The resources are moto's data, shared as moto shares it; controls are per fake.
            listed = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
            assert [item.get("TrafficMirrorSessionId") for item in listed] == [seeded]
            assert (outer.call_count(), inner.call_count()) == (1, 1)
        assert active_fake() is outer
        ec2.describe_traffic_mirror_sessions(DryRun=False)
        assert outer.call_count() == 2
        assert _snapshot() != before
    assert _snapshot() == before
    with pytest.raises(RuntimeError, match="no mock_traffic_mirror"):
        active_fake()


def test_works_as_a_decorator() -> None:
    from ec2_traffic_mirror.testing import active_fake, mock_traffic_mirror

    @mock_traffic_mirror()
    def body(region: str) -> None:
        fake = active_fake()
        [session_id] = fake.seed_sessions(1, region=region)
        items = _client().describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
        assert [item.get("TrafficMirrorSessionId") for item in items] == [session_id]
        assert fake.call_count("DescribeTrafficMirrorSessions") == 1

    before = _snapshot()
    body("us-east-1")
    body("us-east-1")  # a fresh fake and fresh moto data each call
    assert _snapshot() == before


@pytest.mark.timing_sensitive  # a fresh interpreter in a subprocess
def test_importing_the_package_does_not_import_moto() -> None:
    code = "import sys, ec2_traffic_mirror; assert 'moto' not in sys.modules, 'moto imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seed_values_are_checked() -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        with pytest.raises(ValueError, match="session_numbers"):
            fake.seed_sessions(1, session_numbers=[0])
        with pytest.raises(ValueError, match="reserved"):
            fake.seed_sessions(1, tags={"aws:x": "v"})
        with pytest.raises(ValueError, match="must not be empty"):
            fake.seed_sessions(1, target_ids=[])


def test_system_tags_are_seeded_and_described_but_only_aws_keys() -> None:
    from ec2_traffic_mirror import TrafficMirrorSession
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        with pytest.raises(ValueError, match="does not begin with 'aws:'"):
            fake.seed_sessions(1, system_tags={"Name": "x"})
        with pytest.raises(ValueError, match="over 256 characters"):
            fake.seed_sessions(1, system_tags={"aws:x": "v" * 257})
        (session_id,) = fake.seed_sessions(
            1, tags={"Name": "edge"}, system_tags={"aws:cloudformation:stack-name": "net"}
        )
        ec2 = _client()
        [item] = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
        session = TrafficMirrorSession.model_validate(item)
        assert session.traffic_mirror_session_id == session_id
        assert dict(session.tag_map) == {"Name": "edge", "aws:cloudformation:stack-name": "net"}
        described = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [session_id]}])
        keys = {tag.get("Key") for tag in described["Tags"]}
        assert keys == {"Name", "aws:cloudformation:stack-name"}


def test_seeding_ten_thousand_tagged_sessions_makes_no_request_and_is_describable() -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror() as fake:
        ids = fake.seed_sessions(10_000, tags_per_session=3)
        assert len(set(ids)) == 10_000
        # Seeding writes the store directly (no API request); how fast it is, is
        # a figure of `python -m ec2_traffic_mirror.testing bench-seed`, not a test.
        assert fake.call_count() == 0
        assert fake.call_count("CreateTags") == 0
        ec2 = _client()
        paginator = ec2.get_paginator("describe_traffic_mirror_sessions")
        seen = [
            item
            for page in paginator.paginate(PaginationConfig={"PageSize": 1000})
            for item in page["TrafficMirrorSessions"]
        ]
        assert [item.get("TrafficMirrorSessionId") for item in seen] == ids
        assert seen[9_999].get("Tags") == [
            {"Key": f"seed-{k}", "Value": f"9999-{k}"} for k in range(3)
        ]
        tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[42]]}])
        assert len(tags["Tags"]) == 3


def test_bench_seed_command_prints_the_figure(capsys: pytest.CaptureFixture[str]) -> None:
    from ec2_traffic_mirror.testing.__main__ import main

    assert main(["bench-seed", "--count", "200", "--tags", "2"]) == 0
    assert capsys.readouterr().out.startswith("seeded 200 sessions with 2 tags each in ")
