"""What the target, filter, rule and TrafficMirror tests share.

- item factories in the exact boto3 shape (``target_item``, ``filter_item``, ``rule_item``);
- `Calls`: every API call a client attempts, counted before botocore even
  validates it (``before-parameter-build``), so "refused with zero calls" is
  a count, not a hope;
- `Answers`: a small stateful stand-in for the Describe calls, installed on a
  client through botocore's ``before-call`` event (as botocore's Stubber
  is): it pages by ``MaxResults`` and ``NextToken`` as AWS does, applies the
  id list (an unknown id is NotFound for the whole call) and the filters, and
  can fail a call or serve an invalid item on request. The resume property
  tests and the resolve tests run against it; the testing fake gets targets,
  filters and rules of its own separately.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, cast

from botocore.awsrequest import AWSResponse, HTTPHeaders
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import (
    TrafficMirrorFilterRuleTypeDef,
    TrafficMirrorFilterTypeDef,
    TrafficMirrorSessionTypeDef,
    TrafficMirrorTargetTypeDef,
)

OWNER: Final = "123456789012"
_URL: Final = "https://ec2.us-east-1.amazonaws.com/"
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


@dataclass(frozen=True)
class _Listing:
    result_key: str
    ids_member: str
    id_member: str
    not_found: str
    filters: Mapping[str, str]
    """Filter name to item member (the values are compared as strings)."""


LISTINGS: Final[Mapping[str, _Listing]] = {
    "DescribeTrafficMirrorTargets": _Listing(
        "TrafficMirrorTargets",
        "TrafficMirrorTargetIds",
        "TrafficMirrorTargetId",
        "InvalidTrafficMirrorTargetId.NotFound",
        {
            "traffic-mirror-target-id": "TrafficMirrorTargetId",
            "network-interface-id": "NetworkInterfaceId",
            "network-load-balancer-arn": "NetworkLoadBalancerArn",
            "owner-id": "OwnerId",
            "description": "Description",
        },
    ),
    "DescribeTrafficMirrorFilters": _Listing(
        "TrafficMirrorFilters",
        "TrafficMirrorFilterIds",
        "TrafficMirrorFilterId",
        "InvalidTrafficMirrorFilterId.NotFound",
        {"traffic-mirror-filter-id": "TrafficMirrorFilterId", "description": "Description"},
    ),
    "DescribeTrafficMirrorFilterRules": _Listing(
        "TrafficMirrorFilterRules",
        "TrafficMirrorFilterRuleIds",
        "TrafficMirrorFilterRuleId",
        "InvalidTrafficMirrorFilterRuleId.NotFound",
        {
            "traffic-mirror-filter-rule-id": "TrafficMirrorFilterRuleId",
            "traffic-mirror-filter-id": "TrafficMirrorFilterId",
            "rule-number": "RuleNumber",
            "rule-action": "RuleAction",
            "traffic-direction": "TrafficDirection",
            "protocol": "Protocol",
            "source-cidr-block": "SourceCidrBlock",
            "destination-cidr-block": "DestinationCidrBlock",
            "description": "Description",
        },
    ),
    "DescribeTrafficMirrorSessions": _Listing(
        "TrafficMirrorSessions",
        "TrafficMirrorSessionIds",
        "TrafficMirrorSessionId",
        "InvalidTrafficMirrorSessionId.NotFound",
        {
            "traffic-mirror-session-id": "TrafficMirrorSessionId",
            "traffic-mirror-target-id": "TrafficMirrorTargetId",
            "traffic-mirror-filter-id": "TrafficMirrorFilterId",
        },
    ),
}


class Answers:
    """Answers the Describe calls of one client from lists of items, paging as AWS does.

    Pages hold ``MaxResults`` items (all of them without it); ``NextToken`` is
    opaque to the caller. ``fail(operation, times)`` makes the next calls of
    that operation answer ``InternalError``; ``invalid(item_id, **members)``
    serves that item with members overridden. ``calls`` logs every request.
    """

    def __init__(self, client: EC2Client, items: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        self.items: dict[str, list[Mapping[str, Any]]] = {op: list(v) for op, v in items.items()}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._failures: dict[str, list[tuple[str, int]]] = {}
        self._overrides: dict[str, dict[str, Any]] = {}
        self._params: dict[str, Any] = {}
        events = client.meta.events
        for operation in self.items:
            events.register(f"before-parameter-build.ec2.{operation}", self._keep)
            # A before-call handler that answers is what botocore's Stubber is.
            events.register(f"before-call.ec2.{operation}", cast("Any", self._answer))

    def fail(self, operation: str, times: int = 1, code: str = "InternalError") -> None:
        self._failures.setdefault(operation, []).extend([(code, 500)] * times)

    def invalid(self, item_id: str, **members: Any) -> None:
        self._overrides[item_id] = members

    def reset_faults(self) -> None:
        self._failures.clear()
        self._overrides.clear()

    def count(self, operation: str) -> int:
        return sum(1 for name, _ in self.calls if name == operation)

    def _keep(self, params: dict[str, Any], **_: Any) -> None:
        self._params = copy.deepcopy(params)

    def _answer(self, model: Any, **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        operation = str(model.name)
        params = self._params
        self.calls.append((operation, params))
        failures = self._failures.get(operation)
        if failures:
            code, status = failures.pop(0)
            return _error(code, status, f"{operation} failed on purpose")
        listing = LISTINGS[operation]
        items = self.items[operation]
        if listing.ids_member in params:
            wanted = list(params[listing.ids_member])
            known = {str(item[listing.id_member]) for item in items}
            unknown = [value for value in wanted if value not in known]
            if unknown:
                return _error(listing.not_found, 400, f"The ids {unknown} do not exist")
            items = [item for item in items if item[listing.id_member] in wanted]
        if "TrafficMirrorFilterId" in params and operation == "DescribeTrafficMirrorFilterRules":
            items = [
                item
                for item in items
                if item["TrafficMirrorFilterId"] == params["TrafficMirrorFilterId"]
            ]
        for entry in params.get("Filters", []):
            member = listing.filters[entry["Name"]]
            values = set(entry["Values"])
            items = [item for item in items if str(item.get(member)) in values]
        start = int(params["NextToken"].rsplit("-", 1)[1]) if "NextToken" in params else 0
        size = params.get("MaxResults", 1000)
        page = [self._served(listing, item) for item in items[start : start + size]]
        answer: dict[str, Any] = {listing.result_key: page, "ResponseMetadata": _metadata(200)}
        if start + size < len(items):
            answer["NextToken"] = f"{operation}-{start + size}"
        return AWSResponse(_URL, 200, HTTPHeaders(), None), answer

    def _served(self, listing: _Listing, item: Mapping[str, Any]) -> dict[str, Any]:
        served = copy.deepcopy(dict(item))
        served.update(self._overrides.get(str(item[listing.id_member]), {}))
        return served


def _metadata(status: int) -> dict[str, Any]:
    return {"RequestId": "req-answers", "HTTPStatusCode": status, "HTTPHeaders": {}}


def _error(code: str, status: int, message: str) -> tuple[AWSResponse, dict[str, Any]]:
    body = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": _metadata(status)}
    return AWSResponse(_URL, status, HTTPHeaders(), None), body


Build = Callable[[Any], Any]
