"""Every input member of the Traffic Mirror calls can be sent, checked against botocore's model.

The pure request builders (and the queries) are asked for everything they can
say; what they send, together, must be exactly the members of the operation's
input shape in botocore's service model (``DryRun`` is added by the ``can_...``
methods). A member AWS adds later shows up here as missing.
"""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.model import StringShape

from ec2_traffic_mirror import REMOVE, FilterQuery, FilterRuleQuery, PortRange, TargetQuery
from ec2_traffic_mirror._filter import (
    create_filter_request,
    create_rule_request,
    modify_rule_request,
    network_services_request,
)
from ec2_traffic_mirror._query import listing_request
from ec2_traffic_mirror._target import create_target_request

from ._support import NLB_ARN, eni, fid, rid, tid, token

_MODEL = botocore.session.get_session().get_service_model("ec2")


def members(operation: str) -> set[str]:
    shape = _MODEL.operation_model(operation).input_shape
    assert shape is not None
    return set(shape.members)


def _target(**destination: Any) -> set[str]:
    common = {"description": "d", "tags": {"k": "v"}, "client_token": "c"}
    arguments: dict[str, Any] = {
        "network_interface_id": None,
        "network_load_balancer_arn": None,
        "gateway_load_balancer_endpoint_id": None,
        **common,
        **destination,
    }
    return set(create_target_request("create", **arguments))


RULE: dict[str, Any] = {
    "traffic_direction": "ingress",
    "rule_number": 1,
    "rule_action": "accept",
    "source_cidr_block": "10.0.0.0/8",
    "destination_cidr_block": "10.1.0.0/16",
    "protocol": 6,
    "source_port_range": (1, 2),
    "destination_port_range": PortRange(from_port=3, to_port=4),
    "description": "d",
}


def _modify(**changes: Any) -> set[str]:
    arguments = dict.fromkeys(RULE) | changes
    return set(modify_rule_request("modify_rule", rid(1), **arguments))


SENT: dict[str, set[str]] = {
    "CreateTrafficMirrorTarget": _target(network_interface_id=eni(1))
    | _target(network_load_balancer_arn=NLB_ARN)
    | _target(gateway_load_balancer_endpoint_id="vpce-0123456789abcdef0"),
    "CreateTrafficMirrorFilter": set(
        create_filter_request("create", description="d", tags={"k": "v"}, client_token="c")
    ),
    "CreateTrafficMirrorFilterRule": set(
        create_rule_request("create_rule", fid(1), **RULE, tags={"k": "v"}, client_token="c")
    ),
    "ModifyTrafficMirrorFilterRule": _modify(**RULE) | _modify(protocol=REMOVE, description=REMOVE),
    "ModifyTrafficMirrorFilterNetworkServices": set(
        network_services_request("add", fid(1), ("amazon-dns",), add=True)
    )
    | set(network_services_request("remove", fid(1), ("amazon-dns",), add=False)),
    "DescribeTrafficMirrorTargets": set(
        listing_request(TargetQuery().target_ids(tid(1)).owner_id("1").dry_run()).call
    ),
    "DescribeTrafficMirrorFilters": set(
        listing_request(FilterQuery().filter_ids(fid(1)).description("x").dry_run()).call
    ),
    "DescribeTrafficMirrorFilterRules": set(
        FilterRuleQuery()
        .filter_rule_ids(rid(1))
        .filter_id(fid(1))
        .protocol(6)
        .dry_run()
        .page_size(5)
        .starting_token(token("n"))
        .to_request()
    ),
}
PAGING = {"MaxResults", "NextToken"}
ADDED_BY_THE_REPOSITORY = {"DryRun"}


@pytest.mark.parametrize("operation", sorted(SENT))
def test_every_input_member_of_the_call_can_be_sent(operation: str) -> None:
    expected = members(operation)
    sent = SENT[operation] | ADDED_BY_THE_REPOSITORY
    if operation.startswith("Describe") and operation != "DescribeTrafficMirrorFilterRules":
        sent |= PAGING  # the paging engine adds them to each call
    assert sent == expected


def test_every_rule_field_aws_can_remove_can_be_removed() -> None:
    request = modify_rule_request(
        "modify_rule",
        rid(1),
        **dict.fromkeys(RULE)
        | {
            "protocol": REMOVE,
            "description": REMOVE,
            "source_port_range": REMOVE,
            "destination_port_range": REMOVE,
        },
    )
    shape = _MODEL.shape_for("TrafficMirrorFilterRuleField")
    assert isinstance(shape, StringShape)
    enum: list[str] = shape.enum
    assert sorted(request.get("RemoveFields", [])) == sorted(enum)
