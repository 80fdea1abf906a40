"""Static type tests for the write path: checked by mypy (with and without the pydantic
plugin) and pyright strict; never run. Each negative case carries the exact ignore
code of each checker, and unused ignores are errors in both, so a case that stops
being an error fails the check.
"""

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

# --- positive: REMOVE and the RemoveFields literal -------------------------------------------

assert_type(REMOVE, Literal[Remove.REMOVE])
assert_type(Remove.REMOVE, Literal[Remove.REMOVE])
removable: RemovableField = "packet-length"
removable = "virtual-network-id"
removable = "description"
fields: tuple[RemovableField, ...] = ("packet-length", "description", "virtual-network-id")

# --- positive: create ---------------------------------------------------------------------

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
tag_tuple: tuple[Tag, ...] = (Tag(key="a", value="b"),)
tag_mapping: Mapping[str, str] = {"Name": "web"}
tag_dict: dict[str, str] = {"Name": "web"}
for tags in (tag_tuple, tag_mapping, tag_dict, created.tags, created.tag_map):
    repo.create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=1,
        tags=tags,
    )
as_input: TagsInput = tag_dict
as_input = (tag for tag in tag_tuple)
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

# --- positive: modify: None leaves as is, REMOVE removes -------------------------------------

assert_type(repo.modify(SESSION, session_number=2), TrafficMirrorSession)
assert_type(repo.modify(SESSION, packet_length=REMOVE), TrafficMirrorSession)
assert_type(repo.modify(SESSION, virtual_network_id=Remove.REMOVE), TrafficMirrorSession)
repo.modify(SESSION, description=REMOVE, packet_length=None, virtual_network_id=7)
repo.modify(
    SESSION,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=3,
    packet_length=100,
    virtual_network_id=REMOVE,
    description="new",
)
maybe_length: int | None = None
repo.modify(SESSION, packet_length=maybe_length)
length_or_remove: int | Literal[Remove.REMOVE] = REMOVE
repo.modify(SESSION, packet_length=length_or_remove)
assert_type(repo.can_modify(SESSION, description=REMOVE), bool)

# --- positive: delete and tags ------------------------------------------------------------

assert_type(repo.delete(SESSION), bool)
assert_type(repo.delete(SESSION, missing_ok=True), bool)
assert_type(repo.can_delete(SESSION), bool)
repo.add_tags(SESSION, [Tag(key="a", value="b")])
repo.add_tags(SESSION, {"a": "b"})
repo.remove_tags(SESSION, ["a", "b"])
repo.remove_tags(SESSION, {"a", "b"})
repo.remove_tags(SESSION, created.tag_map)
keys: Iterable[str] = (tag.key for tag in created.tags)
repo.remove_tags(SESSION, keys)
assert_type(repo.can_add_tags(SESSION, {"a": "b"}), bool)
assert_type(repo.can_remove_tags(SESSION, ["a"]), bool)

# --- negative: only the removable fields take REMOVE ---------------------------------------------

repo.modify(SESSION, session_number=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, traffic_mirror_target_id=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, traffic_mirror_filter_id=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.can_modify(SESSION, session_number=REMOVE)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.create(  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    packet_length=REMOVE,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.modify(SESSION, packet_length="packet-length")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, description=Remove)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]

# --- negative: the RemoveFields literal is closed ------------------------------------------------

wrong_field: RemovableField = "packet_length"  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
not_removable: RemovableField = "session-number"  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
not_a_field: RemovableField = REMOVE  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]

# --- negative: wrong types for each argument -------------------------------------------------

repo.create(
    network_interface_id=None,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=1,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    traffic_mirror_filter_id=FILTER,
    session_number=1,
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=[FILTER],  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    session_number=1,
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number="1",  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    packet_length="128",  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    virtual_network_id=1.5,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    description=b"web",  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    tags=[("Name", "web")],  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    tags={"Name": 1},  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.create(
    network_interface_id=ENI,
    traffic_mirror_target_id=TARGET,
    traffic_mirror_filter_id=FILTER,
    session_number=1,
    client_token=42,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
)
repo.create(ENI, TARGET, FILTER, 1)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
repo.modify(None, session_number=2)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, TARGET)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
repo.modify(SESSION, session_number="2")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, traffic_mirror_target_id=1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, traffic_mirror_filter_id=b"tmf")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, virtual_network_id="7")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, description=5)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.modify(SESSION, tags={"a": "b"})  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
repo.delete(SESSION, True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
repo.delete(SESSION, missing_ok="yes")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
deleted_session: TrafficMirrorSession = repo.delete(SESSION)  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
repo.add_tags(SESSION, ["Name"])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
repo.add_tags(SESSION, Tag(key="a", value="b"))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.remove_tags(SESSION, [Tag(key="a", value="b")])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
repo.remove_tags(SESSION, [1])  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
repo.can_delete(SESSION, missing_ok=True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
