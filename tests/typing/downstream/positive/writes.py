"""The write path as a downstream project uses it: create, modify (REMOVE), delete, tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from typing_extensions import assert_type

from ec2_traffic_mirror import (
    REMOVE,
    RemovableField,
    Remove,
    Tag,
    TagsInput,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)

repo = TrafficMirrorSessionRepository.connect(region_name="eu-west-1")
ENI = "eni-0123456789abcdef0"
TARGET = "tmt-0123456789abcdef0"
FILTER = "tmf-0123456789abcdef0"
SESSION = "tms-0123456789abcdef0"

assert_type(REMOVE, Literal[Remove.REMOVE])
assert_type(Remove.REMOVE, Literal[Remove.REMOVE])
removable: tuple[RemovableField, ...] = ("packet-length", "virtual-network-id", "description")

created = repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
)
assert_type(created, TrafficMirrorSession)
assert_type(
    repo.create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=1,
        packet_length=128,
        virtual_network_id=4242,
        description="web",
        tags=[Tag(key="Name", value="web")],
        client_token="deploy-42",
    ),
    TrafficMirrorSession,
)
tag_mapping: Mapping[str, str] = {"Name": "web"}


def create_with(tags: TagsInput) -> TrafficMirrorSession:
    return repo.create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=1,
        tags=tags,
    )


create_with((Tag(key="a", value="b"),))
create_with([Tag(key="a", value="b")])
create_with(tag_mapping)
create_with({"Name": "web"})
create_with(created.tags)
create_with(created.tag_map)
create_with(tag for tag in created.tags)
assert_type(
    repo.can_create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=1,
        tags=tag_mapping,
    ),
    bool,
)

assert_type(repo.modify(SESSION, session_number=2), TrafficMirrorSession)
assert_type(repo.modify(SESSION, packet_length=REMOVE), TrafficMirrorSession)
assert_type(repo.modify(SESSION, virtual_network_id=Remove.REMOVE), TrafficMirrorSession)
assert_type(
    repo.modify(
        SESSION,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=3,
        packet_length=100,
        virtual_network_id=7,
        description=REMOVE,
    ),
    TrafficMirrorSession,
)
length_or_remove: int | Literal[Remove.REMOVE] | None = REMOVE
assert_type(repo.modify(SESSION, packet_length=length_or_remove), TrafficMirrorSession)
assert_type(repo.can_modify(SESSION, description=REMOVE), bool)

assert_type(repo.delete(SESSION), bool)
assert_type(repo.delete(SESSION, missing_ok=True), bool)
assert_type(repo.can_delete(SESSION), bool)
assert_type(repo.add_tags(SESSION, [Tag(key="a", value="b")]), None)
assert_type(repo.add_tags(SESSION, {"a": "b"}), None)
keys: Iterable[str] = (tag.key for tag in created.tags)
assert_type(repo.remove_tags(SESSION, keys), None)
assert_type(repo.remove_tags(SESSION, {"a", "b"}), None)
assert_type(repo.remove_tags(SESSION, created.tag_map), None)
assert_type(repo.can_add_tags(SESSION, {"a": "b"}), bool)
assert_type(repo.can_remove_tags(SESSION, ["a"]), bool)
