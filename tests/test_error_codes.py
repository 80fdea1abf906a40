"""Every error code the fake answers maps to the SDK's typed class for it.

The fake (``ec2_traffic_mirror.testing``) answers the codes AWS documents for
Traffic Mirroring (and its best evidence where AWS documents none). The table
below is the one place that says which class each becomes; the first test
reads every code out of the fake's source, so a code added to the fake without
a line here fails, and the second makes each one through botocore's
``ClientError`` and the SDK's mapping.
"""

from __future__ import annotations

import ast
import pathlib
from typing import Final

import pytest
from botocore.exceptions import ClientError

import ec2_traffic_mirror.testing
from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    DryRunOperationError,
    FilterNotFoundError,
    FilterRuleNotFoundError,
    InvalidRequestError,
    InvalidTokenError,
    LimitExceededError,
    ResourceInUseError,
    SessionNotFoundError,
    TargetNotFoundError,
    ThrottlingError,
)
from ec2_traffic_mirror._errors import error_from_client_error

EXPECTED: Final[dict[str, type[AwsApiError]]] = {
    # Unknown ids.
    "InvalidTrafficMirrorSessionId.NotFound": SessionNotFoundError,
    "InvalidTrafficMirrorTargetId.NotFound": TargetNotFoundError,
    "InvalidTrafficMirrorFilterId.NotFound": FilterNotFoundError,
    "InvalidTrafficMirrorFilterRuleId.NotFound": FilterRuleNotFoundError,
    # Quotas.
    "TrafficMirrorSessionLimitExceeded": LimitExceededError,
    "TrafficMirrorSessionsPerInterfaceLimitExceeded": LimitExceededError,
    "TrafficMirrorTargetLimitExceeded": LimitExceededError,
    "TrafficMirrorFilterLimitExceeded": LimitExceededError,
    "TrafficMirrorFilterRuleLimitExceeded": LimitExceededError,
    "TagLimitExceeded": LimitExceededError,
    # In use.
    "TrafficMirrorTargetInUseException": ResourceInUseError,
    "TrafficMirrorFilterInUse": ResourceInUseError,
    "NlbInUseByTrafficMirrorTargetException": ResourceInUseError,
    # The request: malformed ids, unknown referenced resources, bad values.
    "InvalidTrafficMirrorSessionId.Malformed": InvalidRequestError,
    "InvalidTrafficMirrorTargetId.Malformed": InvalidRequestError,
    "InvalidTrafficMirrorFilterId.Malformed": InvalidRequestError,
    "InvalidTrafficMirrorFilterRuleId.Malformed": InvalidRequestError,
    "InvalidNetworkInterfaceID.NotFound": InvalidRequestError,
    "InvalidNetworkInterfaceId.Malformed": InvalidRequestError,
    "InvalidNetworkLoadBalancerArn.NotFound": InvalidRequestError,
    "InvalidNetworkLoadBalancerArn.Malformed": InvalidRequestError,
    "InvalidVpcEndpointId.NotFound": InvalidRequestError,
    "InvalidVpcEndpointId.Malformed": InvalidRequestError,
    "TrafficMirrorFilterRuleAlreadyExists": InvalidRequestError,
    "InvalidParameterValue": InvalidRequestError,
    "InvalidParameterCombination": InvalidRequestError,
    "MissingParameter": InvalidRequestError,
    "InvalidNextToken": InvalidTokenError,
    # Controls.
    "DryRunOperation": DryRunOperationError,
    "UnauthorizedOperation": AccessDeniedError,
    "AccessDenied": AccessDeniedError,  # STS, for a role that cannot be assumed
    "RequestLimitExceeded": ThrottlingError,
    # A repeated ClientToken with other parameters: no class of its own.
    "IdempotentParameterMismatch": AwsApiError,
}

# The calls and keywords through which the fake's handlers name an error code:
# the first argument of these calls, ...
_CODE_CALLS: Final = frozenset({"ApiError", "malformed", "not_found"})
# ... the codes of a kind of id (Kind(member, prefix, noun, not_found, malformed)) ...
_KIND_CODE_ARGS: Final = slice(3, 5)
# ... and these keywords.
_CODE_KEYWORDS: Final = frozenset({"not_found_code", "malformed_code"})


def _called_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Subscript):  # Kind[TargetRecord](...)
        return _called_name(node.value)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def codes_in_the_fake() -> set[str]:
    """Every error code written in the fake's source (the literal first argument or keyword)."""
    package = pathlib.Path(ec2_traffic_mirror.testing.__file__).parent
    found: set[str] = set()
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node.func)
            arguments = node.args[:1] if name in _CODE_CALLS else []
            if name == "Kind":
                arguments = node.args[_KIND_CODE_ARGS]
            for argument in arguments:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
            for keyword in node.keywords:
                value = keyword.value
                if (
                    keyword.arg in _CODE_KEYWORDS
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    found.add(value.value)
    return found


def test_the_table_names_every_code_the_fake_answers() -> None:
    found = codes_in_the_fake()
    assert len(found) >= 30, "the scan reads the fake's codes"
    assert found - set(EXPECTED) == set(), "codes the fake answers that the table lacks"
    assert set(EXPECTED) - found == set(), "codes in the table the fake never answers"


@pytest.mark.parametrize(("code", "expected"), sorted(EXPECTED.items()))
def test_each_code_maps_to_its_typed_class(code: str, expected: type[AwsApiError]) -> None:
    error = ClientError(
        {
            "Error": {"Code": code, "Message": "the message"},
            "ResponseMetadata": {
                "RequestId": "req-1",
                "HostId": "",
                "HTTPStatusCode": 400,
                "HTTPHeaders": {},
                "RetryAttempts": 0,
            },
        },
        "CreateTrafficMirrorTarget",
    )
    mapped = error_from_client_error(error)
    assert type(mapped) is expected
    assert (mapped.code, mapped.message, mapped.request_id) == (code, "the message", "req-1")
    assert mapped.operation == "CreateTrafficMirrorTarget"
