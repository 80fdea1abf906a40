"""The SDK and its fake together, as a new user meets them.

Under ``mock_traffic_mirror()``, resources made with plain boto3 have AWS's
id formats, so the SDK's session repository accepts them; under plain
``mock_aws()``, moto's own ``traf-mir-...`` ids are refused with a pointer to
the fake.
"""

from __future__ import annotations

import re

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import QueryError, SessionNotFoundError, TrafficMirrorSessionRepository

AWS_ID = re.compile(r"(tmt|tmf|tms)-[0-9a-f]{17}")


def _client() -> EC2Client:
    # boto3-stubs types only the services installed; the other overloads are unknown.
    return boto3.client("ec2", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]


def _interfaces_target_and_filter(ec2: EC2Client) -> tuple[str, str, str]:
    """A VPC, a subnet, two interfaces, a target on the second and a filter: plain boto3."""
    vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"].get("VpcId", "")
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.0.0/24")["Subnet"].get("SubnetId", "")
    source, monitor = (
        ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"].get(
            "NetworkInterfaceId", ""
        )
        for _ in range(2)
    )
    target = ec2.create_traffic_mirror_target(NetworkInterfaceId=monitor)["TrafficMirrorTarget"]
    mirror_filter = ec2.create_traffic_mirror_filter(Description="all")["TrafficMirrorFilter"]
    return (
        source,
        target.get("TrafficMirrorTargetId", ""),
        mirror_filter.get("TrafficMirrorFilterId", ""),
    )


def test_sessions_of_plain_boto3_targets_and_filters_create_get_delete() -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    with mock_traffic_mirror():
        ec2 = _client()
        source, target_id, filter_id = _interfaces_target_and_filter(ec2)
        assert AWS_ID.fullmatch(target_id)
        assert AWS_ID.fullmatch(filter_id)
        repo = TrafficMirrorSessionRepository(ec2)
        created = repo.create(
            network_interface_id=source,
            traffic_mirror_target_id=target_id,
            traffic_mirror_filter_id=filter_id,
            session_number=1,
            description="the moment",
        )
        assert AWS_ID.fullmatch(created.traffic_mirror_session_id)
        assert (created.traffic_mirror_target_id, created.traffic_mirror_filter_id) == (
            target_id,
            filter_id,
        )
        assert repo.get(created.traffic_mirror_session_id) == created
        # AWS refuses to delete what a session uses; after the session goes, it can.
        with pytest.raises(ClientError, match="TrafficMirrorTargetInUseException"):
            ec2.delete_traffic_mirror_target(TrafficMirrorTargetId=target_id)
        assert repo.delete(created.traffic_mirror_session_id) is True
        with pytest.raises(SessionNotFoundError):
            repo.get(created.traffic_mirror_session_id)
        ec2.delete_traffic_mirror_target(TrafficMirrorTargetId=target_id)
        ec2.delete_traffic_mirror_filter(TrafficMirrorFilterId=filter_id)
        assert ec2.describe_traffic_mirror_targets()["TrafficMirrorTargets"] == []


def test_under_plain_moto_the_sdk_names_the_fake_for_aws_format_ids() -> None:
    with mock_aws():
        ec2 = _client()
        source, target_id, filter_id = _interfaces_target_and_filter(ec2)
        assert target_id.startswith("traf-mir-tar-")
        repo = TrafficMirrorSessionRepository(ec2)
        with pytest.raises(QueryError) as caught:
            repo.create(
                network_interface_id=source,
                traffic_mirror_target_id=target_id,
                traffic_mirror_filter_id="tmf-0123456789abcdef0",
                session_number=1,
            )
        message = str(caught.value)
        assert target_id in message
        assert "ec2_traffic_mirror.testing.mock_traffic_mirror()" in message
        with pytest.raises(QueryError, match=r"ec2_traffic_mirror\.testing\.mock_traffic_mirror"):
            repo.create(
                network_interface_id=source,
                traffic_mirror_target_id="tmt-0123456789abcdef0",
                traffic_mirror_filter_id=filter_id,
                session_number=1,
            )
        # An id that is merely malformed gets no such pointer.
        with pytest.raises(QueryError) as other:
            repo.create(
                network_interface_id=source,
                traffic_mirror_target_id="tmt-xyz",
                traffic_mirror_filter_id="tmf-0123456789abcdef0",
                session_number=1,
            )
        assert "mock_traffic_mirror" not in str(other.value)
