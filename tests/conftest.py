"""Test setup: dummy AWS credentials and a region, never the user's own.

Every test runs with fake credentials, a fixed region and no AWS config or
credentials files, so nothing can reach a real account or read real secrets.
Also the fixtures the Stubber tests share: one botocore session, a client,
its Stubber and a repository over it.

And one check that runs in every test (`parse_check`): each answer the SDK's
fast parser parses (the fake's answers, in-process or over HTTP) is parsed by
botocore's own parser too, from the same bytes, and the two must be equal,
key order included. Per test and per process, so it holds under pytest-xdist
and in any order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import botocore.session
import pytest
from botocore.parsers import create_parser
from botocore.stub import Stubber
from hypothesis import settings
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import TrafficMirrorSessionRepository, _parsing

if TYPE_CHECKING:
    from botocore.model import OperationModel

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


@dataclass
class ParseCheck:
    """The answers the fast parser parsed in one test, each also parsed by botocore."""

    checked: list[str] = field(default_factory=list[str])
    """The operation of every answer compared so far."""
    mismatches: list[str] = field(default_factory=list[str])
    """A description of every answer where the two parsers disagreed."""


def botocore_result(
    operation_model: OperationModel,
    response_dict: MutableMapping[str, Any],
    customized: MutableMapping[str, Any] | None = None,
) -> Any:
    """What botocore's endpoint makes of an answer: its parser's result, updated as it does."""
    shape = operation_model.output_shape
    assert shape is not None, operation_model.name
    parsed = create_parser("ec2").parse(response_dict, shape)
    if customized is not None:
        parsed.update(customized)
    return parsed


def _as_dict(value: object) -> dict[object, object] | None:
    return cast("dict[object, object]", value) if isinstance(value, dict) else None


def _as_list(value: object) -> list[object] | None:
    return cast("list[object]", value) if isinstance(value, list) else None


def first_difference(ours: object, theirs: object, where: str = "") -> tuple[str, object, object]:
    """Where two parse results first differ (by ``repr``), and the two values there."""
    ours_dict, theirs_dict = _as_dict(ours), _as_dict(theirs)
    if ours_dict is not None and theirs_dict is not None:
        if list(ours_dict) != list(theirs_dict):
            return f"{where} (keys)", list(ours_dict), list(theirs_dict)
        for key, value in ours_dict.items():
            if repr(value) != repr(theirs_dict[key]):
                return first_difference(value, theirs_dict[key], f"{where}[{key!r}]")
    ours_list, theirs_list = _as_list(ours), _as_list(theirs)
    if ours_list is not None and theirs_list is not None:
        for index, (mine, other) in enumerate(zip(ours_list, theirs_list, strict=False)):
            if repr(mine) != repr(other):
                return first_difference(mine, other, f"{where}[{index}]")
    return where, ours, theirs


@pytest.fixture(autouse=True)
def parse_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[ParseCheck]:
    """Every answer the fast parser parses in this test, compared with botocore's parse.

    The fast parser's result plus botocore's parse of the stand-in body (what
    botocore's endpoint returns when the fast parser ran) must equal botocore's
    parse of the real body, compared by ``repr`` (so key order and ``True`` vs
    ``1`` count too). A mismatch fails the call that made it and, in case
    that error is caught on the way, the test at teardown.
    """
    check = ParseCheck()
    fast_parse = _parsing.fast_parse

    def checked(
        operation_model: OperationModel, response_dict: MutableMapping[str, Any]
    ) -> tuple[dict[str, Any], bytes] | None:
        original = dict(response_dict)
        result = fast_parse(operation_model, response_dict)
        if result is not None:
            members, stand_in = result
            expected = botocore_result(operation_model, original)
            actual = botocore_result(operation_model, {**original, "body": stand_in}, members)
            check.checked.append(operation_model.name)
            if repr(actual) != repr(expected):
                where, ours, theirs = first_difference(actual, expected)
                check.mismatches.append(
                    f"{operation_model.name}{where}: fast parser {ours!r} != botocore {theirs!r}"
                )
                raise AssertionError(check.mismatches[-1])
        return result

    monkeypatch.setattr(_parsing, "fast_parse", checked)
    yield check
    assert not check.mismatches, check.mismatches
