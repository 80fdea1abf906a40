"""Test setup: dummy AWS credentials and a region, never the user's own.

Every test runs with fake credentials, a fixed region and no AWS config or
credentials files, so nothing can reach a real account or read real secrets.
Also the fixtures the Stubber tests share: one botocore session, a client,
its Stubber and a repository over it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import cast

import botocore.session
import pytest
from botocore.stub import Stubber
from hypothesis import settings
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import TrafficMirrorSessionRepository

# Hypothesis profiles. "default": a plain `pytest` run, new examples each time,
# failures kept in .hypothesis/ and tried first next time. "check" (scripts/test,
# and CI): the same bounded examples every run, and no example database, which
# parallel workers would share. "hunt" (scripts/flake-hunt): bounded, new examples
# each round, reproducible from the round's `--hypothesis-seed`.
settings.register_profile("default", deadline=None, print_blob=True)
settings.register_profile(
    "check", deadline=None, print_blob=True, max_examples=50, derandomize=True, database=None
)
settings.register_profile("hunt", deadline=None, print_blob=True, max_examples=50, database=None)
settings.load_profile("check" if os.environ.get("CI") else "default")

_DUMMY_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
_UNSET = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE")


def _use_dummy_aws_environment(patch: pytest.MonkeyPatch) -> None:
    for name, value in _DUMMY_ENV.items():
        patch.setenv(name, value)
    for name in _UNSET:
        patch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _dummy_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    _use_dummy_aws_environment(monkeypatch)


@pytest.fixture(scope="module")
def module_aws_environment() -> Iterator[None]:
    """The same dummy environment for module fixtures, which run before the per-test one."""
    with pytest.MonkeyPatch.context() as patch:
        _use_dummy_aws_environment(patch)
        yield


@pytest.fixture(scope="session")
def botocore_session() -> botocore.session.Session:
    """One botocore session for the run: the EC2 model is loaded once (~0.4 s), not per test."""
    return botocore.session.get_session()


@pytest.fixture
def client(botocore_session: botocore.session.Session) -> EC2Client:
    """A fresh EC2 client per test, made under the dummy credentials (for Stubber tests)."""
    return cast("EC2Client", botocore_session.create_client("ec2", region_name="us-east-1"))


@pytest.fixture
def stubber(client: EC2Client) -> Iterator[Stubber]:
    """``client`` answered by a Stubber; every queued answer must be used by the test."""
    with Stubber(client) as stub:
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture
def repo(client: EC2Client) -> TrafficMirrorSessionRepository:
    return TrafficMirrorSessionRepository(client)
