"""The write path against the testing fake over HTTP: behaviour, refusals, permissions.

The fake answers as AWS does (ranges, RemoveFields, NotFound, DryRun, denial,
CreateTags/DeleteTags checks), so these tests show what a caller sees. Every
API call the client makes is counted by a botocore ``before-call`` hook (tag
calls included, which the fake's own ``call_count`` leaves out): refused input
must leave both counts at zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final, cast

import botocore.session
import pytest
from botocore.config import Config
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    REMOVE,
    AccessDeniedError,
    AwsApiError,
    LimitExceededError,
    QueryError,
    SessionNotFoundError,
    SessionQuery,
    Tag,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server

# Over HTTP: the fake answers on the server's threads.
pytestmark = pytest.mark.timing_sensitive

ENI: Final = "eni-0123456789abcdef0"
TARGET: Final = "tmt-0123456789abcdef0"
FILTER: Final = "tmf-0123456789abcdef0"
OTHER_TARGET: Final = "tmt-fedcba9876543210f"
OTHER_FILTER: Final = "tmf-fedcba98"
UNKNOWN: Final = "tms-0000000000000000f"
RETRIES: Final = Config(retries={"mode": "standard", "total_max_attempts": 2})


@dataclass
class Calls:
    """Every API operation the client sent, counted by botocore's ``before-call`` event."""

    names: list[str] = field(default_factory=list[str])

    def __call__(self, **kwargs: Any) -> None:
        self.names.append(str(kwargs["model"].name))


@dataclass
class World:
    server: TrafficMirrorServer
    repo: TrafficMirrorSessionRepository
    calls: Calls

    @property
    def client(self) -> EC2Client:
        return self.repo.client

    def tags_of(self, session_id: str) -> dict[str, str]:
        """The session's tags as plain boto3 ``describe_tags`` sees them."""
        answer = self.client.describe_tags(
            Filters=[{"Name": "resource-id", "Values": [session_id]}]
        )
        return {tag.get("Key", ""): tag.get("Value", "") for tag in answer["Tags"]}


@pytest.fixture(scope="module")
def server() -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as running:
        yield running


@pytest.fixture(scope="module")
def module_client(
    server: TrafficMirrorServer,
    botocore_session: botocore.session.Session,
    module_aws_environment: None,
) -> tuple[EC2Client, Calls]:
    # One client for the module: creating one per test is the slow part.
    client = cast(
        "EC2Client",
        botocore_session.create_client(
            "ec2", region_name="us-east-1", endpoint_url=server.endpoint_url, config=RETRIES
        ),
    )
    calls = Calls()
    client.meta.events.register("before-call.ec2", calls)
    return client, calls


def fresh(server: TrafficMirrorServer) -> None:
    """An empty fake, but for the interface, targets and filters the sessions here name."""
    server.fake.reset()
    # The fake, like AWS, wants what a session refers to to exist.
    server.fake.seed_network_interfaces(1, ids=[ENI])
    server.fake.seed_targets(2, ids=[TARGET, OTHER_TARGET])
    server.fake.seed_filters(2, ids=[FILTER, OTHER_FILTER])


@pytest.fixture
def world(server: TrafficMirrorServer, module_client: tuple[EC2Client, Calls]) -> World:
    fresh(server)
    client, calls = module_client
    calls.names.clear()
    return World(server, TrafficMirrorSessionRepository(client), calls)


def create_arguments(**options: Any) -> dict[str, Any]:
    """The required arguments of ``create()`` (and ``can_create()``), then ``options``."""
    arguments: dict[str, Any] = {
        "network_interface_id": ENI,
        "traffic_mirror_target_id": TARGET,
        "traffic_mirror_filter_id": FILTER,
        "session_number": 1,
    }
    arguments.update(options)
    return arguments


def create(world: World, **options: Any) -> TrafficMirrorSession:
    return world.repo.create(**create_arguments(**options))


# -- create ---------------------------------------------------------------------------


def test_create_then_get_is_equal(world: World) -> None:
    created = create(
        world,
        session_number=7,
        packet_length=128,
        virtual_network_id=4242,
        description="web mirror",
        tags=[Tag(key="Name", value="web"), Tag(key="team", value="")],
    )
    assert created.traffic_mirror_session_id.startswith("tms-")
    assert (created.network_interface_id, created.traffic_mirror_target_id) == (ENI, TARGET)
    assert created.traffic_mirror_filter_id == FILTER
    assert (created.session_number, created.packet_length) == (7, 128)
    assert (created.virtual_network_id, created.description) == (4242, "web mirror")
    assert created.tag_map == {"Name": "web", "team": ""}
    assert world.repo.get(created.traffic_mirror_session_id) == created
    assert list(world.repo.find()) == [created]
    assert world.tags_of(created.traffic_mirror_session_id) == {"Name": "web", "team": ""}


def test_create_with_a_mapping_of_tags_and_no_vni(world: World) -> None:
    created = create(world, tags={"Name": "db"})
    assert created.tags == (Tag(key="Name", value="db"),)
    assert created.virtual_network_id is not None  # AWS picks one
    assert created.packet_length is None
    assert created.mirrors_whole_packet
    assert world.repo.get(created.traffic_mirror_session_id) == created


def test_create_with_the_same_client_token_is_idempotent(world: World) -> None:
    first = create(world, client_token="deploy-42", description="once")
    again = create(world, client_token="deploy-42", description="once")
    assert again == first
    assert world.repo.count() == 1
    with pytest.raises(AwsApiError) as caught:
        create(world, client_token="deploy-42", description="other")
    assert caught.value.code == "IdempotentParameterMismatch"
    other = create(world, client_token="deploy-43", description="once")
    assert other.traffic_mirror_session_id != first.traffic_mirror_session_id


# -- modify ---------------------------------------------------------------------------


def test_modify_with_remove_clears_the_fields_and_keeps_the_rest(world: World) -> None:
    created = create(
        world, packet_length=100, virtual_network_id=9, description="d", tags={"k": "v"}
    )
    session_id = created.traffic_mirror_session_id
    modified = world.repo.modify(
        session_id,
        session_number=5,
        packet_length=REMOVE,
        virtual_network_id=REMOVE,
        description=REMOVE,
    )
    assert modified.session_number == 5
    assert (modified.packet_length, modified.virtual_network_id, modified.description) == (
        None,
        None,
        None,
    )
    assert modified.model_dump(exclude={"session_number", "packet_length"}) == created.model_dump(
        exclude={"session_number", "packet_length", "virtual_network_id", "description"}
    ) | {"virtual_network_id": None, "description": None}
    assert world.repo.get(session_id) == modified


def test_modify_sets_fields_and_leaves_the_others_as_they_are(world: World) -> None:
    created = create(world, packet_length=100, virtual_network_id=9, description="d")
    session_id = created.traffic_mirror_session_id
    modified = world.repo.modify(
        session_id,
        traffic_mirror_target_id=OTHER_TARGET,
        traffic_mirror_filter_id=OTHER_FILTER,
        packet_length=200,
    )
    assert modified == created.model_copy(
        update={
            "traffic_mirror_target_id": OTHER_TARGET,
            "traffic_mirror_filter_id": OTHER_FILTER,
            "packet_length": 200,
        }
    )
    only_description = world.repo.modify(session_id, description="new")
    assert only_description == modified.model_copy(update={"description": "new"})
    assert world.repo.get(session_id) == only_description


def test_modify_of_an_unknown_session_is_session_not_found(world: World) -> None:
    with pytest.raises(SessionNotFoundError) as caught:
        world.repo.modify(UNKNOWN, session_number=2)
    assert caught.value.code == "InvalidTrafficMirrorSessionId.NotFound"
    assert caught.value.operation == "ModifyTrafficMirrorSession"


# -- delete ---------------------------------------------------------------------------


def test_delete_twice(world: World) -> None:
    session_id = create(world).traffic_mirror_session_id
    keep = create(world, session_number=2)
    assert world.repo.delete(session_id) is True
    with pytest.raises(SessionNotFoundError):
        world.repo.delete(session_id)
    assert world.repo.delete(session_id, missing_ok=True) is False
    with pytest.raises(SessionNotFoundError):
        world.repo.get(session_id)
    assert list(world.repo.find()) == [keep]


def test_delete_of_an_unknown_session_is_session_not_found(world: World) -> None:
    with pytest.raises(SessionNotFoundError) as caught:
        world.repo.delete(UNKNOWN)
    assert caught.value.operation == "DeleteTrafficMirrorSession"


# -- tags -----------------------------------------------------------------------------


def test_tags_added_and_removed_as_plain_boto3_sees_them(world: World) -> None:
    session_id = create(world, tags={"Name": "web"}).traffic_mirror_session_id
    world.repo.add_tags(session_id, [Tag(key="team", value="net"), Tag(key="Name", value="web2")])
    assert world.tags_of(session_id) == {"Name": "web2", "team": "net"}
    world.repo.add_tags(session_id, {"cost": "42"})
    assert world.tags_of(session_id) == {"Name": "web2", "team": "net", "cost": "42"}
    assert world.repo.get(session_id).tag_map == world.tags_of(session_id)
    world.repo.remove_tags(session_id, ["Name", "absent"])
    assert world.tags_of(session_id) == {"team": "net", "cost": "42"}
    world.repo.remove_tags(session_id, iter(["team", "cost"]))
    assert world.tags_of(session_id) == {}
    assert world.repo.get(session_id).tags == ()


def test_tags_on_an_unknown_session_are_session_not_found(world: World) -> None:
    with pytest.raises(SessionNotFoundError):
        world.repo.add_tags(UNKNOWN, {"k": "v"})
    with pytest.raises(SessionNotFoundError):
        world.repo.remove_tags(UNKNOWN, ["k"])


def test_the_tag_limit_with_tags_already_there_is_aws_s_answer(world: World) -> None:
    # 45 tags there and 10 new ones: each call is valid alone, AWS refuses the sum.
    session_id = create(world, tags={f"k{n}": "" for n in range(45)}).traffic_mirror_session_id
    with pytest.raises(LimitExceededError) as caught:
        world.repo.add_tags(session_id, {f"new{n}": "" for n in range(10)})
    assert caught.value.code == "TagLimitExceeded"
    assert len(world.tags_of(session_id)) == 45


# -- permissions ----------------------------------------------------------------------


def test_permission_checks_say_true_and_change_nothing(world: World) -> None:
    created = create(world, description="d", tags={"k": "v"})
    session_id = created.traffic_mirror_session_id
    assert world.repo.can_create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=2,
    )
    assert world.repo.can_modify(session_id, description=REMOVE)
    assert world.repo.can_delete(session_id)
    assert world.repo.can_add_tags(session_id, {"other": "x"})
    assert world.repo.can_remove_tags(session_id, ["k"])
    assert list(world.repo.find()) == [created]
    assert world.tags_of(session_id) == {"k": "v"}


def test_an_unauthorised_caller_gets_access_denied_and_false(world: World) -> None:
    session_id = create(world).traffic_mirror_session_id
    fake = world.server.fake
    fake.deny(
        "CreateTrafficMirrorSession", "ModifyTrafficMirrorSession", "DeleteTrafficMirrorSession"
    )
    with pytest.raises(AccessDeniedError) as caught:
        create(world, session_number=2)
    assert caught.value.code == "UnauthorizedOperation"
    with pytest.raises(AccessDeniedError):
        world.repo.modify(session_id, session_number=3)
    with pytest.raises(AccessDeniedError):
        world.repo.delete(session_id)
    with pytest.raises(AccessDeniedError):
        world.repo.delete(session_id, missing_ok=True)
    assert not world.repo.can_create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=2,
    )
    assert not world.repo.can_modify(session_id, session_number=3)
    assert not world.repo.can_delete(session_id)
    fake.allow("DeleteTrafficMirrorSession")
    assert world.repo.can_delete(session_id)
    assert world.repo.get(session_id).session_number == 1


def test_tagging_permission_checks_and_an_unauthorised_tagger(world: World) -> None:
    session_id = create(world).traffic_mirror_session_id
    fake = world.server.fake
    assert world.repo.can_add_tags(session_id, {"owner": "me"})
    assert world.repo.can_remove_tags(session_id, ["owner"])
    fake.deny("CreateTags", "DeleteTags")
    assert not world.repo.can_add_tags(session_id, {"owner": "me"})
    assert not world.repo.can_remove_tags(session_id, ["owner"])
    with pytest.raises(AccessDeniedError) as caught:
        world.repo.add_tags(session_id, {"owner": "me"})
    assert caught.value.code == "UnauthorizedOperation"
    with pytest.raises(AccessDeniedError):
        world.repo.remove_tags(session_id, ["owner"])
    fake.allow()
    assert world.repo.get(session_id).tag_value("owner") is None  # the checks changed nothing


# -- refused input: no call at all ----------------------------------------------------

Call = Callable[[TrafficMirrorSessionRepository, str], object]


def _create(**options: Any) -> Call:
    return lambda repo, session_id: repo.create(**create_arguments(**options))


def _can_create(**options: Any) -> Call:
    return lambda repo, session_id: repo.can_create(**create_arguments(**options))


def _modify(**options: Any) -> Call:
    return lambda repo, session_id: repo.modify(session_id, **options)


def _modify_id(bad_id: object, **options: Any) -> Call:
    return lambda repo, session_id: repo.modify(cast("str", bad_id), **options)


@dataclass(frozen=True)
class Refusal:
    call: Call
    fragments: tuple[str, ...]
    """Pieces the message must hold: the method, the argument, the value, the rule."""


_FIFTY_ONE: Final = {f"k{n}": "v" for n in range(51)}
_AWS_RULE: Final = "'aws:' in any letter case"

REFUSALS: Final[dict[str, Refusal]] = {
    # create: ids
    "create empty eni": Refusal(
        _create(network_interface_id=""), ("create()", "network_interface_id", "''", "empty")
    ),
    "create eni wrong prefix": Refusal(
        _create(network_interface_id="i-0123456789abcdef0"),
        ("network_interface_id", "'i-0123456789abcdef0'", "'eni-'"),
    ),
    "create eni not hex": Refusal(
        _create(network_interface_id="eni-xyz"), ("network_interface_id", "'eni-xyz'", "hex")
    ),
    "create eni not a string": Refusal(
        _create(network_interface_id=123), ("network_interface_id", "123 (int)", "string")
    ),
    "create empty target": Refusal(
        _create(traffic_mirror_target_id=""), ("traffic_mirror_target_id", "''", "empty")
    ),
    "create filter id as target": Refusal(
        _create(traffic_mirror_target_id=FILTER), ("traffic_mirror_target_id", FILTER, "'tmt-'")
    ),
    "create empty filter": Refusal(
        _create(traffic_mirror_filter_id=""), ("traffic_mirror_filter_id", "''", "empty")
    ),
    "create target id as filter": Refusal(
        _create(traffic_mirror_filter_id=TARGET), ("traffic_mirror_filter_id", TARGET, "'tmf-'")
    ),
    # create: ranges, and bool is not int
    "create session number 0": Refusal(
        _create(session_number=0), ("session_number", "0 (int)", "1 to 32766")
    ),
    "create session number 32767": Refusal(
        _create(session_number=32767), ("session_number", "32767", "1 to 32766")
    ),
    "create session number True": Refusal(
        _create(session_number=True), ("session_number", "True (bool)", "integer")
    ),
    "create session number text": Refusal(
        _create(session_number="1"), ("session_number", "'1' (str)", "integer")
    ),
    "create session number None": Refusal(
        _create(session_number=None), ("session_number", "None", "integer")
    ),
    "create packet length 0": Refusal(
        _create(packet_length=0), ("packet_length", "0 (int)", "1 to 8500")
    ),
    "create packet length 8501": Refusal(
        _create(packet_length=8501), ("packet_length", "8501", "1 to 8500")
    ),
    "create packet length False": Refusal(
        _create(packet_length=False), ("packet_length", "False (bool)", "integer")
    ),
    "create vni -1": Refusal(
        _create(virtual_network_id=-1), ("virtual_network_id", "-1", "0 to 16777215")
    ),
    "create vni 2**24": Refusal(
        _create(virtual_network_id=2**24), ("virtual_network_id", "16777216", "0 to 16777215")
    ),
    "create vni True": Refusal(
        _create(virtual_network_id=True), ("virtual_network_id", "True (bool)", "integer")
    ),
    "create empty description": Refusal(_create(description=""), ("description", "''", "empty")),
    "create description not text": Refusal(
        _create(description=5), ("description", "5 (int)", "string")
    ),
    # create: tags
    "create aws: key": Refusal(
        _create(tags={"aws:cloudformation:stack-name": "x"}),
        ("tags", "'aws:cloudformation:stack-name'", _AWS_RULE),
    ),
    "create AWS: key": Refusal(_create(tags={"AWS:Name": "x"}), ("tags", "'AWS:Name'", _AWS_RULE)),
    "create aWs: Tag": Refusal(
        _create(tags=[Tag(key="aWs:x", value="")]), ("tags", "'aWs:x'", _AWS_RULE)
    ),
    "create 51 tags": Refusal(_create(tags=_FIFTY_ONE), ("tags", "at most 50", "got 51")),
    "create duplicate keys": Refusal(
        _create(tags=[Tag(key="Name", value="a"), Tag(key="Name", value="b")]),
        ("tags", "unique", "'Name'"),
    ),
    "create empty key": Refusal(_create(tags={"": "v"}), ("tags", "''", "1 to 127")),
    "create key of 128": Refusal(_create(tags={"k" * 128: "v"}), ("tags", "'kkk", "1 to 127")),
    "create value of 257": Refusal(
        _create(tags={"k": "v" * 257}), ("tags", "'vvv", "at most 256", "'k'")
    ),
    "create value not text": Refusal(_create(tags={"k": 1}), ("tags", "1 (int)", "string value")),
    "create key not text": Refusal(_create(tags={1: "v"}), ("tags", "1 (int)", "string keys")),
    "create tags as a string": Refusal(
        _create(tags="Name"), ("tags", "'Name' (str)", "not a single string")
    ),
    "create one bare Tag": Refusal(
        _create(tags=Tag(key="Name", value="v")), ("tags", "Tag(key='Name'", "collection")
    ),
    "create tags of pairs": Refusal(
        _create(tags=[("Name", "v")]), ("tags", "('Name', 'v') (tuple)", "Tag objects only")
    ),
    "create tags None": Refusal(_create(tags=None), ("tags", "None", "mapping")),
    # create: client token
    "create empty client token": Refusal(
        _create(client_token=""), ("client_token", "''", "1 to 64 ASCII")
    ),
    "create client token of 65": Refusal(
        _create(client_token="t" * 65), ("client_token", "'ttt", "1 to 64 ASCII")
    ),
    "create client token not ascii": Refusal(
        _create(client_token="tök"), ("client_token", "'tök'", "ASCII")
    ),
    # modify
    "modify empty id": Refusal(
        _modify_id("", session_number=2), ("modify()", "session_id", "''", "empty")
    ),
    "modify bad id": Refusal(
        _modify_id("tms-XYZ", session_number=2), ("session_id", "'tms-XYZ'", "'tms-'")
    ),
    "modify None id": Refusal(_modify_id(None, session_number=2), ("session_id", "None")),
    "modify nothing": Refusal(_modify(), ("modify()", "nothing to change", "REMOVE")),
    "modify all None": Refusal(
        _modify(session_number=None, description=None, packet_length=None),
        ("modify()", "nothing to change"),
    ),
    "modify remove session number": Refusal(
        _modify(session_number=REMOVE), ("session_number", "REMOVE", "cannot be removed")
    ),
    "modify remove target": Refusal(
        _modify(traffic_mirror_target_id=REMOVE),
        ("traffic_mirror_target_id", "REMOVE", "cannot be removed"),
    ),
    "modify remove filter": Refusal(
        _modify(traffic_mirror_filter_id=REMOVE),
        ("traffic_mirror_filter_id", "REMOVE", "cannot be removed"),
    ),
    "modify remove field name": Refusal(
        _modify(packet_length="packet-length"), ("packet_length", "'packet-length'", "integer")
    ),
    "modify session number True": Refusal(
        _modify(session_number=True), ("session_number", "True (bool)", "integer")
    ),
    "modify packet length 0": Refusal(_modify(packet_length=0), ("packet_length", "1 to 8500")),
    "modify vni 2**24": Refusal(
        _modify(virtual_network_id=2**24), ("virtual_network_id", "0 to 16777215")
    ),
    "modify empty description": Refusal(
        _modify(description=""), ("description", "''", "pass REMOVE")
    ),
    "modify empty target": Refusal(
        _modify(traffic_mirror_target_id=""), ("traffic_mirror_target_id", "''", "empty")
    ),
    "modify bad filter": Refusal(
        _modify(traffic_mirror_filter_id="filter"), ("traffic_mirror_filter_id", "'filter'")
    ),
    "modify a valid change with one bad one": Refusal(
        _modify(session_number=2, description=REMOVE, packet_length=9000),
        ("packet_length", "9000", "1 to 8500"),
    ),
    # delete
    "delete empty id": Refusal(
        lambda repo, session_id: repo.delete(""), ("delete()", "session_id", "''", "empty")
    ),
    "delete short id": Refusal(
        lambda repo, session_id: repo.delete("tms-1"), ("session_id", "'tms-1'", "hex")
    ),
    "delete other resource id": Refusal(
        lambda repo, session_id: repo.delete(ENI), ("session_id", ENI, "'tms-'")
    ),
    "delete missing_ok not bool": Refusal(
        lambda repo, session_id: repo.delete(session_id, missing_ok=cast("bool", "yes")),
        ("missing_ok", "'yes' (str)", "True or False"),
    ),
    # add_tags
    "add aws: key": Refusal(
        lambda repo, session_id: repo.add_tags(session_id, {"Aws:x": "1"}),
        ("add_tags()", "tags", "'Aws:x'", _AWS_RULE),
    ),
    "add no tags": Refusal(
        lambda repo, session_id: repo.add_tags(session_id, {}), ("tags", "at least 1", "none")
    ),
    "add 51 tags": Refusal(
        lambda repo, session_id: repo.add_tags(session_id, _FIFTY_ONE), ("tags", "at most 50")
    ),
    "add duplicate keys": Refusal(
        lambda repo, session_id: repo.add_tags(
            session_id, iter([Tag(key="a", value="1"), Tag(key="a", value="1")])
        ),
        ("tags", "unique", "'a'"),
    ),
    "add tags as a string": Refusal(
        lambda repo, session_id: repo.add_tags(session_id, cast("dict[str, str]", "a")),
        ("tags", "'a' (str)", "single string"),
    ),
    "add bad id": Refusal(
        lambda repo, session_id: repo.add_tags("", {"k": "v"}), ("session_id", "''", "empty")
    ),
    # remove_tags
    "remove keys as a string": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, "Name"),
        ("remove_tags()", "keys", "'Name' (str)", "not a single string"),
    ),
    "remove no keys": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, []), ("keys", "at least 1", "none")
    ),
    "remove aws: key": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, ["aws:cloudformation:stack-id"]),
        ("keys", "'aws:cloudformation:stack-id'", _AWS_RULE),
    ),
    "remove AWS: key": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, ["ok", "AWS:x"]),
        ("keys", "'AWS:x'", _AWS_RULE),
    ),
    "remove empty key": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, [""]), ("keys", "''", "1 to 127")
    ),
    "remove duplicate keys": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, ["k", "k"]),
        ("keys", "unique", "'k'"),
    ),
    "remove key not text": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, cast("list[str]", [1])),
        ("keys", "1 (int)", "string keys"),
    ),
    "remove 51 keys": Refusal(
        lambda repo, session_id: repo.remove_tags(session_id, list(_FIFTY_ONE)),
        ("keys", "at most 50", "got 51"),
    ),
    "remove a Tag": Refusal(
        lambda repo, session_id: repo.remove_tags(
            session_id, cast("list[str]", Tag(key="k", value="v"))
        ),
        ("keys", "Tag(key='k'", "collection of tag key strings"),
    ),
    "remove bad id": Refusal(
        lambda repo, session_id: repo.remove_tags("tms-", ["k"]), ("session_id", "'tms-'")
    ),
    # permission checks check the same way, naming themselves
    "can_create aws: key": Refusal(
        _can_create(tags={"aws:x": ""}), ("can_create()", "tags", "'aws:x'", _AWS_RULE)
    ),
    "can_create vni 2**24": Refusal(
        _can_create(virtual_network_id=2**24), ("can_create()", "virtual_network_id")
    ),
    "can_modify nothing": Refusal(
        lambda repo, session_id: repo.can_modify(session_id), ("can_modify()", "nothing")
    ),
    "can_modify remove session number": Refusal(
        lambda repo, session_id: repo.can_modify(session_id, session_number=cast("int", REMOVE)),
        ("can_modify()", "session_number", "cannot be removed"),
    ),
    "can_delete bad id": Refusal(
        lambda repo, session_id: repo.can_delete("x"), ("can_delete()", "session_id", "'x'")
    ),
    "can_add_tags 51 tags": Refusal(
        lambda repo, session_id: repo.can_add_tags(session_id, _FIFTY_ONE),
        ("can_add_tags()", "at most 50"),
    ),
    "can_remove_tags a string": Refusal(
        lambda repo, session_id: repo.can_remove_tags(session_id, "Name"),
        ("can_remove_tags()", "keys", "single string"),
    ),
}


@pytest.fixture(scope="module")
def _kept() -> dict[str, TrafficMirrorSession]:
    return {}


@pytest.fixture
def existing(
    server: TrafficMirrorServer,
    module_client: tuple[EC2Client, Calls],
    _kept: dict[str, TrafficMirrorSession],
) -> tuple[World, TrafficMirrorSession]:
    """A world with one session, kept across the refusal tests (they change nothing)."""
    client, calls = module_client
    world = World(server, TrafficMirrorSessionRepository(client), calls)
    session = _kept.get("session")
    if session is None or world.repo.first() != session:
        fresh(server)
        session = _kept["session"] = create(world, tags={"keep": "me"}, description="kept")
    calls.names.clear()
    server.fake.reset_call_counts()
    return world, session


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refused_input_makes_no_call_and_says_why(
    existing: tuple[World, TrafficMirrorSession], name: str
) -> None:
    world, session = existing
    refusal = REFUSALS[name]
    with pytest.raises(QueryError) as caught:
        refusal.call(world.repo, session.traffic_mirror_session_id)
    assert world.calls.names == []
    assert world.server.fake.call_count() == 0
    message = str(caught.value)
    for fragment in refusal.fragments:
        assert fragment in message, (fragment, message)
    assert isinstance(caught.value, ValueError)
    # Nothing changed either.
    assert list(world.repo.find(SessionQuery())) == [session]


def test_the_call_counter_does_count_every_operation(world: World) -> None:
    # The counter the refusal tests rely on sees each kind of call, tags included.
    session_id = create(world).traffic_mirror_session_id
    world.repo.add_tags(session_id, {"k": "v"})
    world.repo.remove_tags(session_id, ["k"])
    world.repo.modify(session_id, session_number=2)
    world.repo.can_delete(session_id)
    world.repo.delete(session_id)
    assert world.calls.names == [
        "CreateTrafficMirrorSession",
        "CreateTags",
        "DeleteTags",
        "ModifyTrafficMirrorSession",
        "DeleteTrafficMirrorSession",
        "DeleteTrafficMirrorSession",
    ]
