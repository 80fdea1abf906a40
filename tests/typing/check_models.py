"""Static type tests for the models: checked by mypy (with and without the pydantic
plugin) and pyright strict; never run. Each negative case carries the exact
ignore code of each checker, and unused ignores are errors in both, so a case
that stops being an error fails the check.
"""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import assert_type

from ec2_traffic_mirror import Tag, TrafficMirrorSession

# --- positive: constructors and validation -------------------------------------------------

tag = Tag(key="Name", value="web")
assert_type(tag, Tag)
assert_type(Tag.model_validate({"Key": "k", "Value": "v"}), Tag)
assert_type(tag.key, str)
assert_type(tag.value, str)
assert_type(tag.is_aws_reserved, bool)

session = TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number=1,
    packet_length=None,
    virtual_network_id=42,
    description="mirror",
    tags=(tag,),
)
assert_type(session, TrafficMirrorSession)
assert_type(TrafficMirrorSession.model_validate({}), TrafficMirrorSession)

# --- positive: every field's exact type -----------------------------------------------------

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
assert_type(session.tag_value("Name"), str | None)
assert_type(session.tag_map, Mapping[str, str])
assert_type(session.mirrors_whole_packet, bool)

# --- negative: each is an error in every checker --------------------------------------------

Tag(key="k", valu="v")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
Tag(key=1, value="v")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
Tag(key="k")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
Tag(Key="k", Value="v")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
tag.key = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
tag.value = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
session.session_number = 2  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
session.packet_length = None  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
session.tags = ()  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
session.tags.append(tag)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
session.tag_map["k"] = "v"  # type: ignore[index]  # pyright: ignore[reportIndexIssue]
whole: int = session.packet_length  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
TrafficMirrorSession(  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
)
TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number="1",  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    tags=[tag],  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
session.sesion_number  # type: ignore[attr-defined]  # noqa: B018  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
