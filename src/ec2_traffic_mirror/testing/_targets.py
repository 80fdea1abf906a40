"""The target operations: Create, Delete, Describe TrafficMirrorTargets."""

from __future__ import annotations

import re
from typing import Final

from ec2_traffic_mirror.testing._common import Kind, idempotent, remember, tag_list
from ec2_traffic_mirror.testing._context import Context
from ec2_traffic_mirror.testing._describe import Listing, describe, malformed, not_found
from ec2_traffic_mirror.testing._moto import (
    Request,
    load_balancer_type,
    network_interface_exists,
    new_id,
    vpc_endpoint_exists,
)
from ec2_traffic_mirror.testing._state import RegionState, TargetRecord, TargetType
from ec2_traffic_mirror.testing._wire import ApiError, optional_string, tag_specifications

__all__ = [
    "HANDLERS",
    "NLB_ARN",
    "RESOURCE_MEMBERS",
    "TARGET",
    "TARGET_FILTERS",
    "target_item",
    "target_listing",
]

TARGET: Final = Kind[TargetRecord](
    "TrafficMirrorTargetId",
    "tmt-",
    "traffic mirror target",
    "InvalidTrafficMirrorTargetId.NotFound",
    "InvalidTrafficMirrorTargetId.Malformed",
)

RESOURCE_MEMBERS: Final[dict[TargetType, str]] = {
    "network-interface": "NetworkInterfaceId",
    "network-load-balancer": "NetworkLoadBalancerArn",
    "gateway-load-balancer-endpoint": "GatewayLoadBalancerEndpointId",
}
"""The member that names a target's resource, by target type."""

NLB_ARN: Final = re.compile(
    r"arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer/[a-z]+/[^/]+/[0-9a-f]+"
)
"""A load balancer's ARN (AWS's NLBs have ``loadbalancer/net/``; moto's have ``app``)."""


def target_listing(owner_id: str) -> Listing[TargetRecord]:
    """``DescribeTrafficMirrorTargets`` in an account (what its ``owner-id`` filter sees)."""
    return Listing[TargetRecord](
        operation="DescribeTrafficMirrorTargets",
        result_member="TrafficMirrorTargets",
        ids_member="TrafficMirrorTargetIds",
        id_prefix=TARGET.prefix,
        noun=TARGET.noun,
        not_found_code=TARGET.not_found_code,
        malformed_code=TARGET.malformed_code,
        string_filters={
            "description": lambda t: t.description,
            "network-interface-id": lambda t: _resource(t, "network-interface"),
            "network-load-balancer-arn": lambda t: _resource(t, "network-load-balancer"),
            "owner-id": lambda t: owner_id,
            "traffic-mirror-target-id": lambda t: t.id,
        },
    )


TARGET_FILTERS: Final = target_listing("").filter_names
"""The five filter names of ``DescribeTrafficMirrorTargets``."""


def _resource(target: TargetRecord, target_type: TargetType) -> str | None:
    return target.resource_id if target.type == target_type else None


def target_item(context: Context, state: RegionState, target: TargetRecord) -> dict[str, object]:
    """A target as the API answers it."""
    item: dict[str, object] = {
        "TrafficMirrorTargetId": target.id,
        RESOURCE_MEMBERS[target.type]: target.resource_id,
        "Type": target.type,
    }
    if target.description is not None:
        item["Description"] = target.description
    item["OwnerId"] = state.account_id
    item["Tags"] = tag_list(state, target.id)
    return context.served_item(target.id, item)


def _describe(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    return describe(
        context,
        request,
        target_listing(state.account_id),
        state.targets,
        lambda target: target_item(context, state, target),
    )


def _the_resource(request: Request) -> tuple[TargetType, str]:
    given: list[tuple[TargetType, str]] = [
        (target_type, value)
        for target_type, member in RESOURCE_MEMBERS.items()
        if (value := optional_string(request.params, member))
    ]
    if len(given) != 1:
        raise ApiError(
            "InvalidParameterCombination",
            "Specify exactly one of NetworkInterfaceId, NetworkLoadBalancerArn or"
            f" GatewayLoadBalancerEndpointId (got {len(given)}).",
        )
    return given[0]


def _check_resource(
    request: Request, state: RegionState, target_type: TargetType, resource_id: str
) -> None:
    account, region = request.account_id, request.region
    if target_type == "network-interface":
        if not resource_id.startswith("eni-"):
            raise malformed("InvalidNetworkInterfaceId.Malformed", resource_id, "eni-")
        if not network_interface_exists(account, region, resource_id):
            raise not_found(
                "InvalidNetworkInterfaceID.NotFound", "network interface", [resource_id]
            )
    elif target_type == "network-load-balancer":
        if NLB_ARN.fullmatch(resource_id) is None:
            raise ApiError(
                "InvalidNetworkLoadBalancerArn.Malformed",
                f"The Network Load Balancer ARN '{resource_id}' is malformed.",
            )
        if load_balancer_type(account, region, resource_id) != "network":
            raise ApiError(
                "InvalidNetworkLoadBalancerArn.NotFound",
                f"The Network Load Balancer ARN '{resource_id}' does not exist.",
            )
        user = state.target_using(target_type, resource_id)
        if user is not None:
            raise ApiError(
                "NlbInUseByTrafficMirrorTargetException",
                f"The Network Load Balancer is already the Traffic Mirror target {user.id}.",
            )
    else:
        if not resource_id.startswith("vpce-"):
            raise malformed("InvalidVpcEndpointId.Malformed", resource_id, "vpce-")
        if not vpc_endpoint_exists(account, region, resource_id):
            raise ApiError(
                "InvalidVpcEndpointId.NotFound",
                f"The Vpc Endpoint Id '{resource_id}' does not exist",
            )


def _create(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    target_type, resource_id = _the_resource(request)
    description = optional_string(params, "Description")
    tags = tag_specifications(params.get("TagSpecifications"), "traffic-mirror-target")
    shape = (target_type, resource_id, description, tuple(tags.items()))

    def again(target_id: str) -> dict[str, object] | None:
        existing = state.targets.get(target_id)
        if existing is None:
            return None
        return {"TrafficMirrorTarget": target_item(context, state, existing)}

    earlier = idempotent(state, request, shape, again)
    if earlier is not None:
        earlier["ClientToken"] = params["ClientToken"]
        return earlier
    _check_resource(request, state, target_type, resource_id)
    if len(state.targets) >= context.quotas.targets:
        raise ApiError(
            "TrafficMirrorTargetLimitExceeded",
            f"The maximum number of Traffic Mirror targets ({context.quotas.targets})"
            " has been exceeded.",
        )
    target = TargetRecord(
        id=new_id("tmt"),
        ordinal=state.next_ordinal(),
        type=target_type,
        resource_id=resource_id,
        description=description,
    )
    state.targets.add(target)
    state.set_tags(target.id, tags)
    body: dict[str, object] = {"TrafficMirrorTarget": target_item(context, state, target)}
    client_token = remember(state, request, shape, target.id)
    if client_token:
        body["ClientToken"] = client_token
    return body


def _delete(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    target = TARGET.existing(request, state.targets)
    users = state.sessions_per_target[target.id]
    if users:
        raise ApiError(
            "TrafficMirrorTargetInUseException",
            f"The Traffic Mirror target {target.id} is in use by {users} Traffic Mirror"
            " session(s).",
        )
    state.remove_target(target.id)
    return {"TrafficMirrorTargetId": target.id}


HANDLERS: Final = {
    "CreateTrafficMirrorTarget": _create,
    "DeleteTrafficMirrorTarget": _delete,
    "DescribeTrafficMirrorTargets": _describe,
}
"""The target operations and their handlers."""
