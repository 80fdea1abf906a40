"""SessionQuery as a downstream project uses it: every method chains and keeps the type."""

from __future__ import annotations

from mypy_boto3_ec2.type_defs import DescribeTrafficMirrorSessionsRequestPaginateTypeDef
from typing_extensions import assert_type

from ec2_traffic_mirror import FilterName, SessionQuery, TrafficMirrorSession

query = (
    SessionQuery()
    .session_ids("tms-0123456789abcdef0", "tms-0123456789abcdef1")
    .description("web*", "db?")
    .network_interface_id("eni-0123456789abcdef0")
    .owner_id("123456789012")
    .packet_length(128, 256)
    .session_number(1, 2)
    .traffic_mirror_filter_id("tmf-0123456789abcdef0")
    .traffic_mirror_session_id("tms-0123456789abcdef0")
    .traffic_mirror_target_id("tmt-0123456789abcdef0")
    .virtual_network_id(4242)
    .dry_run()
    .dry_run(False)
    .dry_run(enabled=True)
    .page_size(50)
    .max_items(100)
    .starting_token("token")
)
assert_type(query, SessionQuery)
assert_type(SessionQuery().owner_id(), SessionQuery)
assert_type(query.to_request(), DescribeTrafficMirrorSessionsRequestPaginateTypeDef)
assert_type(query == SessionQuery(), bool)
assert_type(hash(query), int)
assert_type(repr(query), str)

# Selection on the client side: tags, and predicates typed on the model.


def whole_packets(session: TrafficMirrorSession) -> bool:
    return session.packet_length is None


selected = (
    SessionQuery()
    .owner_id("123456789012")
    .tag("team", "payments", "search")
    .tag("aws:cloudformation:stack-name", "mirror")
    .tag_key("env", "stage")
    .where(lambda s: s.packet_length is None)
    .where(lambda s: s.tag_value("team") != "legacy" and s.session_number < 10)
    .where(whole_packets)
)
assert_type(selected, SessionQuery)
assert_type(SessionQuery().tag("env", ""), SessionQuery)
assert_type(SessionQuery().tag_key("env"), SessionQuery)
assert_type(SessionQuery().where(whole_packets), SessionQuery)
assert_type(selected.to_request(), DescribeTrafficMirrorSessionsRequestPaginateTypeDef)

name: FilterName = "session-number"
names: tuple[FilterName, ...] = ("description", "owner-id", "virtual-network-id")
