"""The context's life: stock moto restored exactly, nesting, decorator, isolation, seeding."""

from __future__ import annotations

import subprocess
import sys

import boto3
import pytest
from moto import mock_aws
from mypy_boto3_ec2 import EC2Client


def _client() -> EC2Client:
    # boto3-stubs types only the services installed; the other overloads are unknown.
    return boto3.client("ec2", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]


def _snapshot() -> list[tuple[type, str, bool, object]]:
    from ec2_traffic_mirror.testing._moto import patched_attributes

    return [
        (cls, name, name in cls.__dict__, cls.__dict__.get(name))
        for cls, name in patched_attributes()
    ]


def _stock_moto_gaps(ec2: EC2Client) -> tuple[int, int]:
    """What stock moto answers where AWS differs: (items for MaxResults=5, session-number hits)."""
    for _ in range(6):
        ec2.create_traffic_mirror_session(
            NetworkInterfaceId="eni-1",
            TrafficMirrorTargetId="tmt-1",
            TrafficMirrorFilterId="tmf-1",
            SessionNumber=1,
        )
    paged = ec2.describe_traffic_mirror_sessions(MaxResults=5)["TrafficMirrorSessions"]
    by_number = ec2.describe_traffic_mirror_sessions(
        Filters=[{"Name": "session-number", "Values": ["1"]}]
    )["TrafficMirrorSessions"]
    return len(paged), len(by_number)


def test_stock_moto_is_untouched_after_the_context_exits() -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror

    before = _snapshot()
    with mock_aws():
        assert _stock_moto_gaps(_client()) == (6, 0)
    with mock_traffic_mirror():
        assert _snapshot() != before
        assert _stock_moto_gaps(_client()) == (5, 6)
    assert _snapshot() == before
    with mock_aws():
        assert _stock_moto_gaps(_client()) == (6, 0)


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
        with mock_traffic_mirror() as inner:
            assert active_fake() is inner
            ec2.describe_traffic_mirror_sessions()
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
