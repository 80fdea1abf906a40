"""What the target, filter, rule and TrafficMirror tests share.

- item factories in the exact boto3 shape (``target_item``, ``filter_item``,
  ``rule_item``, ``session_item``), for the Stubber and model tests;
- `Calls`: every API call a client attempts, counted before botocore even
  validates it (``before-parameter-build``), so "refused with zero calls" is
  a count, not a hope.

The end-to-end, resume and resolve tests run on the testing fake (``conftest.py``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, cast

from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import (
    TrafficMirrorFilterRuleTypeDef,
    TrafficMirrorFilterTypeDef,
    TrafficMirrorSessionTypeDef,
    TrafficMirrorTargetTypeDef,
)

OWNER: Final = "123456789012"
NLB_ARN: Final = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/mirror-nlb/"
    "50dc6c495c0c9188"
)


def tid(number: int) -> str:
    return f"tmt-{number:017x}"


def fid(number: int) -> str:
    return f"tmf-{number:017x}"


def rid(number: int) -> str:
    return f"tmfr-{number:017x}"


def sid(number: int) -> str:
    return f"tms-{number:017x}"


def eni(number: int) -> str:
    return f"eni-{number:017x}"


def target_item(number: int, **members: Any) -> TrafficMirrorTargetTypeDef:
    """A ``network-interface`` target as boto3 returns it; ``None`` removes a member."""
    raw: dict[str, Any] = {
        "TrafficMirrorTargetId": tid(number),
        "NetworkInterfaceId": eni(number),
        "Type": "network-interface",
        "Description": f"target {number}",
        "OwnerId": OWNER,
        "Tags": [{"Key": "n", "Value": str(number)}],
    }
    return cast("TrafficMirrorTargetTypeDef", _apply(raw, members))


def rule_item(
    number: int, *, filter_number: int = 1, direction: str = "ingress", **members: Any
) -> TrafficMirrorFilterRuleTypeDef:
    """A filter rule as boto3 returns it (TCP 443 from anywhere to 10.0.0.0/16)."""
    raw: dict[str, Any] = {
        "TrafficMirrorFilterRuleId": rid(number),
        "TrafficMirrorFilterId": fid(filter_number),
        "TrafficDirection": direction,
        "RuleNumber": number % 32766 + 1,
        "RuleAction": "accept",
        "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
        "DestinationCidrBlock": "10.0.0.0/16",
        "SourceCidrBlock": "0.0.0.0/0",
        "Description": f"rule {number}",
        "Tags": [],
    }
    return cast("TrafficMirrorFilterRuleTypeDef", _apply(raw, members))


def filter_item(
    number: int, *, rules: int = 1, services: Sequence[str] = ("amazon-dns",), **members: Any
) -> TrafficMirrorFilterTypeDef:
    """A filter with ``rules`` ingress rules and one egress rule, as boto3 returns it."""
    raw: dict[str, Any] = {
        "TrafficMirrorFilterId": fid(number),
        "IngressFilterRules": [
            rule_item(number * 100 + n, filter_number=number) for n in range(rules)
        ],
        "EgressFilterRules": [
            rule_item(number * 100 + 99, filter_number=number, direction="egress")
        ],
        "NetworkServices": list(services),
        "Description": f"filter {number}",
        "Tags": [{"Key": "n", "Value": str(number)}],
    }
    return cast("TrafficMirrorFilterTypeDef", _apply(raw, members))


def session_item(
    number: int, *, target: int = 1, filter_: int = 1, **members: Any
) -> TrafficMirrorSessionTypeDef:
    raw: dict[str, Any] = {
        "TrafficMirrorSessionId": sid(number),
        "TrafficMirrorTargetId": tid(target),
        "TrafficMirrorFilterId": fid(filter_),
        "NetworkInterfaceId": eni(10_000 + number),
        "OwnerId": OWNER,
        "SessionNumber": 1,
        "Tags": [],
    }
    return cast("TrafficMirrorSessionTypeDef", _apply(raw, members))


def _apply(raw: dict[str, Any], members: Mapping[str, Any]) -> dict[str, Any]:
    for name, value in members.items():
        if value is None:
            raw.pop(name, None)
        else:
            raw[name] = value
    return raw


def decode(token: str | None) -> object:
    assert token is not None
    return json.loads(base64.b64decode(token))


def token(next_token: str | None, offset: int = 0) -> str:
    payload: dict[str, object] = {"NextToken": next_token}
    if offset:
        payload["boto_truncate_amount"] = offset
    return base64.b64encode(json.dumps(payload).encode()).decode()


@dataclass
class Calls:
    """Every API operation a client attempts, counted before botocore validates it."""

    names: list[str] = field(default_factory=list[str])

    def __call__(self, model: Any, **_: Any) -> None:
        self.names.append(str(model.name))

    @classmethod
    def on(cls, client: EC2Client) -> Calls:
        calls = cls()
        client.meta.events.register("before-parameter-build.ec2", calls)
        return calls
