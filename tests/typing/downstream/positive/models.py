"""The models as a downstream project uses them: constructors, validation, every attribute."""

from __future__ import annotations

from collections.abc import Mapping

from mypy_boto3_ec2.type_defs import TrafficMirrorSessionTypeDef
from typing_extensions import assert_type

from ec2_traffic_mirror import Tag, TrafficMirrorSession

# --- Tag ----------------------------------------------------------------------------------

tag = Tag(key="Name", value="web")
assert_type(tag, Tag)
assert_type(tag.key, str)
assert_type(tag.value, str)
assert_type(tag.is_aws_reserved, bool)
assert_type(Tag.model_validate({"Key": "k", "Value": "v"}), Tag)
assert_type(Tag(key="k", value=""), Tag)
assert_type(hash(tag), int)
assert_type(tag == Tag(key="Name", value="web"), bool)

# --- TrafficMirrorSession: only the required keywords, then every keyword ----------------

minimal = TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number=1,
)
assert_type(minimal, TrafficMirrorSession)

maybe_length: int | None = None
session = TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number=32766,
    packet_length=maybe_length,
    virtual_network_id=16777215,
    description="mirror",
    tags=(tag, Tag(key="team", value="netops")),
)
assert_type(session, TrafficMirrorSession)

item: TrafficMirrorSessionTypeDef = {
    "TrafficMirrorSessionId": "tms-0123456789abcdef0",
    "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
    "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
    "NetworkInterfaceId": "eni-0123456789abcdef0",
    "OwnerId": "123456789012",
    "SessionNumber": 1,
    "Tags": [{"Key": "Name", "Value": "web"}],
}
assert_type(TrafficMirrorSession.model_validate(item), TrafficMirrorSession)
assert_type(TrafficMirrorSession.model_validate_json("{}"), TrafficMirrorSession)
assert_type(session.model_copy(), TrafficMirrorSession)

# --- every attribute's exact type ---------------------------------------------------------

assert_type(session.traffic_mirror_session_id, str)
assert_type(session.traffic_mirror_target_id, str)
assert_type(session.traffic_mirror_filter_id, str)
assert_type(session.network_interface_id, str)
assert_type(session.owner_id, str)
assert_type(session.session_number, int)
assert_type(session.packet_length, int | None)
assert_type(session.virtual_network_id, int | None)
assert_type(session.description, str | None)
assert_type(session.tags, tuple[Tag, ...])
assert_type(session.tags[0], Tag)
assert_type(session.tags[0].key, str)
assert_type(session.tag_value("Name"), str | None)
assert_type(session.tag_map, Mapping[str, str])
assert_type(session.mirrors_whole_packet, bool)
for each in session.tags:
    assert_type(each, Tag)
if session.packet_length is not None:
    assert_type(session.packet_length + 1, int)
