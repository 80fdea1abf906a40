"""Faults of one account or region, roles that cannot be assumed, and the request hook.

A fleet listing needs one scope denied or throttled while the others answer:
``deny``, ``allow`` and ``throttle`` take ``account_id``/``region``, the account
being the one a request acts in (an assumed role's). Both transports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Final, Protocol, cast

import boto3
import pytest
from mypy_boto3_ec2 import EC2Client

from ._support import NO_RETRIES, REGION, Env, error_of

pytestmark = pytest.mark.timing_sensitive  # threads and a fake server

OTHER_REGION: Final = "eu-west-1"
A: Final = "111111111111"
B: Final = "222222222222"


class _Sts(Protocol):
    def assume_role(self, *, RoleArn: str, RoleSessionName: str) -> dict[str, Any]: ...  # noqa: N803


def sts(env: Env) -> _Sts:
    return cast(
        "_Sts",
        boto3.client(  # pyright: ignore[reportUnknownMemberType]
            "sts", region_name=REGION, endpoint_url=env.endpoint_url, config=NO_RETRIES
        ),
    )


def assume(env: Env, account: str) -> dict[str, Any]:
    arn = f"arn:aws:iam::{account}:role/tests"
    credentials: dict[str, Any] = sts(env).assume_role(RoleArn=arn, RoleSessionName="tests")[
        "Credentials"
    ]
    return credentials


def client_in(env: Env, account: str, region: str = REGION) -> EC2Client:
    """An EC2 client whose requests act in ``account`` (an assumed role's credentials)."""
    credentials = assume(env, account)
    client: EC2Client = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "ec2",
        region_name=region,
        endpoint_url=env.endpoint_url,
        config=NO_RETRIES,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    return client


def lists(client: EC2Client) -> Callable[[], object]:
    return client.describe_traffic_mirror_sessions


def test_deny_and_allow_one_account_or_region(env: Env) -> None:
    fake = env.fake
    a_here, a_there, b_here = (
        client_in(env, A),
        client_in(env, A, OTHER_REGION),
        client_in(env, B),
    )
    fake.deny(account_id=A, region=REGION)
    assert error_of(lists(a_here)) == ("UnauthorizedOperation", 403)
    lists(a_there)()
    lists(b_here)()
    fake.allow(account_id=A, region=REGION)
    lists(a_here)()

    fake.deny("DescribeTrafficMirrorSessions", account_id=A)
    assert error_of(lists(a_here)) == ("UnauthorizedOperation", 403)
    assert error_of(lists(a_there)) == ("UnauthorizedOperation", 403)
    lists(b_here)()
    a_here.describe_traffic_mirror_targets()  # only the operation named
    fake.deny(region=OTHER_REGION)
    assert error_of(a_there.describe_traffic_mirror_targets) == (
        "UnauthorizedOperation",
        403,
    )
    fake.allow("DescribeTrafficMirrorSessions", account_id=A)
    lists(a_here)()
    fake.allow()  # every denial, everywhere
    lists(a_there)()
    with pytest.raises(ValueError, match="account_id must be a non-empty string"):
        fake.deny(account_id="")


def test_throttle_one_account_or_region_most_particular_first(env: Env) -> None:
    fake = env.fake
    a_here, a_there, b_here = (
        client_in(env, A),
        client_in(env, A, OTHER_REGION),
        client_in(env, B),
    )
    fake.throttle(1, region=OTHER_REGION)
    lists(a_here)()
    lists(b_here)()
    assert error_of(lists(a_there)) == ("RequestLimitExceeded", 503)
    lists(a_there)()  # used up

    fake.throttle(1)  # anyone
    fake.throttle(1, account_id=A)
    assert error_of(lists(a_here)) == ("RequestLimitExceeded", 503)  # A's own first
    assert error_of(lists(b_here)) == ("RequestLimitExceeded", 503)  # then anyone's
    lists(a_here)()
    lists(b_here)()

    fake.throttle(5, account_id=B)
    fake.throttle(0, account_id=B)  # taken back
    lists(b_here)()
    fake.throttle(3, account_id=B)
    fake.reset_faults()
    lists(b_here)()


def test_a_role_of_one_account_can_be_made_impossible_to_assume(env: Env) -> None:
    fake = env.fake
    fake.reset_call_counts()
    fake.deny()  # every Traffic Mirror operation: AssumeRole only when named
    assume(env, A)
    fake.allow()
    fake.deny("AssumeRole", account_id=A)
    assert error_of(lambda: assume(env, A)) == ("AccessDenied", 403)
    assume(env, B)
    assert fake.call_count("AssumeRole") == 3
    assert fake.call_count() == 0  # the Traffic Mirror operations only
    fake.allow("AssumeRole", account_id=A)
    assume(env, A)


def test_the_request_hook_runs_before_each_answer_outside_the_lock(env: Env) -> None:
    fake = env.fake
    a_here, b_here = client_in(env, A), client_in(env, B)
    seen: list[tuple[str, str, str]] = []
    first_held = threading.Event()
    release = threading.Event()

    def hook(request: Any) -> None:
        seen.append((request.operation, request.account_id, request.region))
        if request.account_id == A:
            first_held.set()
            assert release.wait(timeout=120)

    fake.on_request(hook)
    held = threading.Thread(target=lists(a_here))
    held.start()
    try:
        assert first_held.wait(timeout=120)
        # While A's request is held in the hook, B's is answered: the hook holds no lock.
        lists(b_here)()
        assert fake.call_count("DescribeTrafficMirrorSessions") == 1
    finally:
        release.set()
        held.join(timeout=120)
    assert not held.is_alive()
    assert fake.call_count("DescribeTrafficMirrorSessions") == 2
    assert ("DescribeTrafficMirrorSessions", B, REGION) in seen
    assert ("DescribeTrafficMirrorSessions", A, REGION) in seen
    assume(env, B)
    assert ("AssumeRole", B, REGION) in seen
    fake.reset()
    count = len(seen)
    lists(b_here)()
    assert len(seen) == count  # reset() removed the hook
    with pytest.raises(ValueError, match="callable"):
        fake.on_request(cast("Any", 1))
