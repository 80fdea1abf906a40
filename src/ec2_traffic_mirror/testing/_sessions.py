"""The session operations: Create, Modify, Delete, Describe TrafficMirrorSessions."""

from __future__ import annotations

from typing import Final

from ec2_traffic_mirror._models import (
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
)
from ec2_traffic_mirror.testing._common import Kind, idempotent, remember, tag_list
from ec2_traffic_mirror.testing._context import SESSIONS_PER_INTERFACE, Context
from ec2_traffic_mirror.testing._describe import Listing, describe, malformed, not_found
from ec2_traffic_mirror.testing._filters import FILTER
from ec2_traffic_mirror.testing._moto import Request, network_interface_exists, new_id
from ec2_traffic_mirror.testing._state import RegionState, SessionRecord, TargetRecord
from ec2_traffic_mirror.testing._targets import TARGET
from ec2_traffic_mirror.testing._wire import (
    ApiError,
    check_range,
    invalid_value,
    optional_range,
    optional_string,
    required,
    required_string,
    string_list,
    tag_specifications,
)

__all__ = [
    "HANDLERS",
    "SESSION",
    "SESSION_FILTERS",
    "assign_vni",
    "check_source",
    "session_item",
    "session_listing",
]

SESSION: Final = Kind[SessionRecord](
    "TrafficMirrorSessionId",
    "tms-",
    "traffic mirror session",
    "InvalidTrafficMirrorSessionId.NotFound",
    "InvalidTrafficMirrorSessionId.Malformed",
)


def session_listing(owner_id: str) -> Listing[SessionRecord]:
    """``DescribeTrafficMirrorSessions`` in an account (what its ``owner-id`` filter sees)."""
    return Listing[SessionRecord](
        operation="DescribeTrafficMirrorSessions",
        result_member="TrafficMirrorSessions",
        ids_member="TrafficMirrorSessionIds",
        id_prefix="tms-",
        noun="traffic mirror session",
        not_found_code="InvalidTrafficMirrorSessionId.NotFound",
        malformed_code="InvalidTrafficMirrorSessionId.Malformed",
        string_filters={
            "description": lambda s: s.description,
            "network-interface-id": lambda s: s.network_interface_id,
            "owner-id": lambda s: owner_id,
            "traffic-mirror-filter-id": lambda s: s.filter_id,
            "traffic-mirror-session-id": lambda s: s.id,
            "traffic-mirror-target-id": lambda s: s.target_id,
        },
        integer_filters={
            "packet-length": lambda s: s.packet_length,
            "session-number": lambda s: s.session_number,
            "virtual-network-id": lambda s: s.virtual_network_id,
        },
    )


SESSION_FILTERS: Final = session_listing("").filter_names
"""The nine filter names of ``DescribeTrafficMirrorSessions``."""

_REMOVABLE_FIELDS: Final = {
    "packet-length": "PacketLength",
    "description": "Description",
    "virtual-network-id": "VirtualNetworkId",
}
# A multiplier coprime to 2**24 makes n -> (a*n + b) mod 2**24 a bijection: the
# VNIs the fake assigns look scattered, repeat across runs, and never collide.
_VNI_MULTIPLIER: Final = 7_777_777
_VNI_OFFSET: Final = 1_234_567
_VNI_SPACE: Final = VIRTUAL_NETWORK_ID_MAX + 1
_ENI_PREFIX: Final = "eni-"


def assign_vni(state: RegionState) -> int:
    """The next VNI the fake assigns in this account and region."""
    vni = (state.vnis_assigned * _VNI_MULTIPLIER + _VNI_OFFSET) % _VNI_SPACE
    state.vnis_assigned += 1
    return vni


def session_item(context: Context, state: RegionState, session: SessionRecord) -> dict[str, object]:
    """A session as the API answers it."""
    item: dict[str, object] = {
        "TrafficMirrorSessionId": session.id,
        "TrafficMirrorTargetId": session.target_id,
        "TrafficMirrorFilterId": session.filter_id,
        "NetworkInterfaceId": session.network_interface_id,
        "OwnerId": state.account_id,
        "SessionNumber": session.session_number,
    }
    if session.packet_length is not None:
        item["PacketLength"] = session.packet_length
    if session.virtual_network_id is not None:
        item["VirtualNetworkId"] = session.virtual_network_id
    if session.description is not None:
        item["Description"] = session.description
    item["Tags"] = tag_list(state, session.id)
    return context.served_item(session.id, item)


def check_source(target: TargetRecord, network_interface_id: str) -> None:
    """A network interface cannot be both the source and the target of a session."""
    if target.type == "network-interface" and target.resource_id == network_interface_id:
        raise invalid_value(
            "NetworkInterfaceId",
            network_interface_id,
            f"The network interface is the target of {target.id}: a session cannot mirror"
            " an interface to itself.",
        )


def _describe(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    return describe(
        context,
        request,
        session_listing(state.account_id),
        state.sessions,
        lambda session: session_item(context, state, session),
    )


def _create(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    network_interface_id = required_string(params, "NetworkInterfaceId")
    target_id = required_string(params, "TrafficMirrorTargetId")
    filter_id = required_string(params, "TrafficMirrorFilterId")
    session_number = check_range(
        "SessionNumber", required(params, "SessionNumber"), SESSION_NUMBER_MIN, SESSION_NUMBER_MAX
    )
    packet_length = optional_range(params, "PacketLength", PACKET_LENGTH_MIN, PACKET_LENGTH_MAX)
    vni = optional_range(params, "VirtualNetworkId", VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX)
    description = optional_string(params, "Description")
    tags = tag_specifications(params.get("TagSpecifications"), "traffic-mirror-session")
    shape = (
        network_interface_id,
        target_id,
        filter_id,
        session_number,
        packet_length,
        vni,
        description,
        tuple(tags.items()),
    )

    def again(session_id: str) -> dict[str, object] | None:
        existing = state.sessions.get(session_id)
        if existing is None:
            return None
        return {"TrafficMirrorSession": session_item(context, state, existing)}

    earlier = idempotent(state, request, shape, again)
    if earlier is not None:
        earlier["ClientToken"] = params["ClientToken"]
        return earlier
    if not network_interface_id.startswith(_ENI_PREFIX):
        raise malformed("InvalidNetworkInterfaceId.Malformed", network_interface_id, _ENI_PREFIX)
    if not network_interface_exists(request.account_id, request.region, network_interface_id):
        raise not_found(
            "InvalidNetworkInterfaceID.NotFound", "network interface", [network_interface_id]
        )
    target = TARGET.lookup(state.targets, target_id)
    FILTER.lookup(state.filters, filter_id)
    check_source(target, network_interface_id)
    if state.sessions_per_interface[network_interface_id] >= SESSIONS_PER_INTERFACE:
        raise ApiError(
            "TrafficMirrorSessionsPerInterfaceLimitExceeded",
            f"The network interface {network_interface_id} already has the maximum of"
            f" {SESSIONS_PER_INTERFACE} Traffic Mirror sessions.",
        )
    if len(state.sessions) >= context.quotas.sessions:
        raise ApiError(
            "TrafficMirrorSessionLimitExceeded",
            f"The maximum number of Traffic Mirror sessions ({context.quotas.sessions})"
            " has been exceeded.",
        )
    session = SessionRecord(
        id=new_id("tms"),
        ordinal=state.next_ordinal(),
        network_interface_id=network_interface_id,
        target_id=target_id,
        filter_id=filter_id,
        session_number=session_number,
        packet_length=packet_length,
        virtual_network_id=assign_vni(state) if vni is None else vni,
        description=description,
    )
    state.add_session(session)
    state.set_tags(session.id, tags)
    body: dict[str, object] = {"TrafficMirrorSession": session_item(context, state, session)}
    client_token = remember(state, request, shape, session.id)
    if client_token:
        body["ClientToken"] = client_token
    return body


def _modify(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    session = SESSION.existing(request, state.sessions)
    target_id = optional_string(params, "TrafficMirrorTargetId")
    filter_id = optional_string(params, "TrafficMirrorFilterId")
    session_number = optional_range(params, "SessionNumber", SESSION_NUMBER_MIN, SESSION_NUMBER_MAX)
    packet_length = optional_range(params, "PacketLength", PACKET_LENGTH_MIN, PACKET_LENGTH_MAX)
    vni = optional_range(params, "VirtualNetworkId", VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX)
    description = optional_string(params, "Description")
    remove = string_list(params, "RemoveFields")
    for name in remove:
        if name not in _REMOVABLE_FIELDS:
            raise invalid_value(
                "RemoveFields", name, f"Valid values are {', '.join(sorted(_REMOVABLE_FIELDS))}."
            )
        if params.get(_REMOVABLE_FIELDS[name]) is not None:
            raise ApiError(
                "InvalidParameterCombination",
                f"{_REMOVABLE_FIELDS[name]} cannot be both set and removed.",
            )
    target = TARGET.lookup(state.targets, target_id) if target_id is not None else None
    if filter_id is not None:
        FILTER.lookup(state.filters, filter_id)
    if target is not None:
        check_source(target, session.network_interface_id)
    state.retarget(
        session,
        session.target_id if target_id is None else target_id,
        session.filter_id if filter_id is None else filter_id,
    )
    if session_number is not None:
        session.session_number = session_number
    if packet_length is not None:
        session.packet_length = packet_length
    if vni is not None:
        session.virtual_network_id = vni
    if description is not None:
        session.description = description
    if "packet-length" in remove:
        session.packet_length = None
    if "virtual-network-id" in remove:
        session.virtual_network_id = None
    if "description" in remove:
        session.description = None
    return {"TrafficMirrorSession": session_item(context, state, session)}


def _delete(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    session = SESSION.existing(request, state.sessions)
    state.remove_session(session.id)
    return {"TrafficMirrorSessionId": session.id}


HANDLERS: Final = {
    "CreateTrafficMirrorSession": _create,
    "DeleteTrafficMirrorSession": _delete,
    "DescribeTrafficMirrorSessions": _describe,
    "ModifyTrafficMirrorSession": _modify,
}
"""The session operations and their handlers."""
