"""The domain models: ranges, shapes in and out, immutability, hashing."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from ec2_traffic_mirror import Tag, TrafficMirrorSession
from ec2_traffic_mirror._models import (
    PACKET_LENGTH_MAX,
    SESSION_NUMBER_MAX,
    TAG_KEY_MAX_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    VIRTUAL_NETWORK_ID_MAX,
)


def boto3_item(**overrides: Any) -> dict[str, Any]:
    """A DescribeTrafficMirrorSessions item as boto3 returns it, with members overridden.

    An override of ``None`` removes the member.
    """
    item: dict[str, Any] = {
        "TrafficMirrorSessionId": "tms-0123456789abcdef0",
        "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
        "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
        "NetworkInterfaceId": "eni-0123456789abcdef0",
        "OwnerId": "123456789012",
        "PacketLength": 128,
        "SessionNumber": 1,
        "VirtualNetworkId": 4242,
        "Description": "mirror web tier",
        "Tags": [{"Key": "Name", "Value": "web-mirror"}],
    }
    for name, value in overrides.items():
        if value is None:
            item.pop(name, None)
        else:
            item[name] = value
    return item


def errors_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        TrafficMirrorSession.model_validate(item)
    return [dict(error) for error in info.value.errors()]


# --- accepted -------------------------------------------------------------------------------


def test_item_from_boto3_becomes_typed_attributes() -> None:
    session = TrafficMirrorSession.model_validate(boto3_item())
    assert session.traffic_mirror_session_id == "tms-0123456789abcdef0"
    assert session.traffic_mirror_target_id == "tmt-0123456789abcdef0"
    assert session.traffic_mirror_filter_id == "tmf-0123456789abcdef0"
    assert session.network_interface_id == "eni-0123456789abcdef0"
    assert session.owner_id == "123456789012"
    assert session.session_number == 1
    assert session.packet_length == 128
    assert session.virtual_network_id == 4242
    assert session.description == "mirror web tier"
    assert session.tags == (Tag(key="Name", value="web-mirror"),)


@pytest.mark.parametrize("number", [1, SESSION_NUMBER_MAX])
def test_session_number_bounds_are_accepted(number: int) -> None:
    session = TrafficMirrorSession.model_validate(boto3_item(SessionNumber=number))
    assert session.session_number == number


def test_absent_packet_length_means_whole_packet() -> None:
    session = TrafficMirrorSession.model_validate(boto3_item(PacketLength=None))
    assert session.packet_length is None
    assert session.mirrors_whole_packet


def test_packet_length_bounds_are_accepted() -> None:
    for length in (1, PACKET_LENGTH_MAX):
        session = TrafficMirrorSession.model_validate(boto3_item(PacketLength=length))
        assert session.packet_length == length
        assert not session.mirrors_whole_packet


@pytest.mark.parametrize("vni", [0, VIRTUAL_NETWORK_ID_MAX])
def test_vni_bounds_are_accepted(vni: int) -> None:
    assert (
        TrafficMirrorSession.model_validate(boto3_item(VirtualNetworkId=vni)).virtual_network_id
        == vni
    )


def test_tag_key_of_127_non_ascii_characters_is_accepted() -> None:
    key = "ü" * TAG_KEY_MAX_LENGTH
    assert len(key.encode()) > TAG_KEY_MAX_LENGTH  # characters, not bytes, are counted
    assert Tag.model_validate({"Key": key, "Value": "v"}).key == key


@pytest.mark.parametrize("length", [0, TAG_VALUE_MAX_LENGTH])
def test_tag_values_of_0_and_256_characters_are_accepted(length: int) -> None:
    assert Tag(key="k", value="v" * length).value == "v" * length


def test_reserved_aws_tag_from_a_response_is_read() -> None:
    item = boto3_item(Tags=[{"Key": "aws:cloudformation:stack-name", "Value": "mirror-stack"}])
    session = TrafficMirrorSession.model_validate(item)
    assert session.tag_value("aws:cloudformation:stack-name") == "mirror-stack"
    assert session.tags[0].is_aws_reserved
    assert Tag(key="AWS:Thing", value="").is_aws_reserved
    assert not Tag(key="awsome", value="").is_aws_reserved


def test_unknown_members_are_ignored() -> None:
    item = boto3_item(FutureMember={"Nested": [1, 2]}, AnotherNewField="x")
    session = TrafficMirrorSession.model_validate(item)
    assert not hasattr(session, "FutureMember")
    assert "FutureMember" not in session.model_dump(by_alias=True)
    assert Tag.model_validate({"Key": "k", "Value": "v", "Extra": 1}) == Tag(key="k", value="v")


def test_optional_members_may_be_absent() -> None:
    item = boto3_item(PacketLength=None, VirtualNetworkId=None, Description=None, Tags=None)
    session = TrafficMirrorSession.model_validate(item)
    assert session.packet_length is None
    assert session.virtual_network_id is None
    assert session.description is None
    assert session.tags == ()


def test_snake_case_names_are_accepted_too() -> None:
    by_alias = TrafficMirrorSession.model_validate(boto3_item())
    by_name = TrafficMirrorSession.model_validate(by_alias.model_dump())
    assert by_name == by_alias
    assert Tag.model_validate({"key": "k", "value": "v"}) == Tag(key="k", value="v")


def test_constructor_takes_snake_case_keywords() -> None:
    session = TrafficMirrorSession(
        traffic_mirror_session_id="tms-1",
        traffic_mirror_target_id="tmt-1",
        traffic_mirror_filter_id="tmf-1",
        network_interface_id="eni-1",
        owner_id="123456789012",
        session_number=7,
        tags=(Tag(key="team", value="net"),),
    )
    assert session.model_dump(by_alias=True, exclude_none=True) == {
        "TrafficMirrorSessionId": "tms-1",
        "TrafficMirrorTargetId": "tmt-1",
        "TrafficMirrorFilterId": "tmf-1",
        "NetworkInterfaceId": "eni-1",
        "OwnerId": "123456789012",
        "SessionNumber": 7,
        "Tags": [{"Key": "team", "Value": "net"}],
    }


# --- refused --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        (0, "greater_than_equal"),
        (32767, "less_than_equal"),
        (True, "int_type"),
        ("5", "int_type"),
        (5.0, "int_type"),
    ],
)
def test_bad_session_numbers_are_refused(value: object, error_type: str) -> None:
    [error] = errors_of(boto3_item(SessionNumber=value))
    assert error["loc"] == ("SessionNumber",)
    assert error["type"] == error_type
    assert error["input"] == value


def test_missing_session_number_is_refused() -> None:
    [error] = errors_of(boto3_item(SessionNumber=None))
    assert error["loc"] == ("SessionNumber",)
    assert error["type"] == "missing"


@pytest.mark.parametrize("value", [0, 8501, False])
def test_bad_packet_lengths_are_refused(value: object) -> None:
    [error] = errors_of(boto3_item(PacketLength=value))
    assert error["loc"] == ("PacketLength",)
    assert error["input"] == value


@pytest.mark.parametrize("value", [-1, 16777216, True])
def test_bad_vnis_are_refused(value: object) -> None:
    [error] = errors_of(boto3_item(VirtualNetworkId=value))
    assert error["loc"] == ("VirtualNetworkId",)
    assert error["input"] == value


@pytest.mark.parametrize("key", ["", "k" * (TAG_KEY_MAX_LENGTH + 1)])
def test_bad_tag_keys_are_refused(key: str) -> None:
    [error] = errors_of(boto3_item(Tags=[{"Key": key, "Value": "v"}]))
    assert error["loc"] == ("Tags", 0, "Key")
    assert error["type"] in {"string_too_short", "string_too_long"}


def test_tag_value_of_257_characters_is_refused() -> None:
    [error] = errors_of(boto3_item(Tags=[{"Key": "k", "Value": "v" * 257}]))
    assert error["loc"] == ("Tags", 0, "Value")
    assert error["type"] == "string_too_long"
    assert error["ctx"] == {"max_length": 256}


def test_duplicate_tag_keys_are_refused_with_the_key_named() -> None:
    tags = [
        {"Key": "env", "Value": "a"},
        {"Key": "Name", "Value": "x"},
        {"Key": "env", "Value": "b"},
    ]
    [error] = errors_of(boto3_item(Tags=tags))
    assert error["loc"] == ("Tags",)
    assert "unique" in error["msg"]
    assert "'env'" in error["msg"]


def test_missing_session_id_is_refused() -> None:
    [error] = errors_of(boto3_item(TrafficMirrorSessionId=None))
    assert error["loc"] == ("TrafficMirrorSessionId",)
    assert error["type"] == "missing"


@pytest.mark.parametrize(
    "member",
    [
        "TrafficMirrorSessionId",
        "TrafficMirrorTargetId",
        "TrafficMirrorFilterId",
        "NetworkInterfaceId",
        "OwnerId",
    ],
)
def test_every_id_is_required_and_a_string(member: str) -> None:
    [missing] = errors_of(boto3_item(**{member: None}))
    assert (missing["loc"], missing["type"]) == ((member,), "missing")
    [wrong] = errors_of(boto3_item(**{member: 123}))
    assert (wrong["loc"], wrong["type"]) == ((member,), "string_type")


def test_validation_error_names_field_value_and_rule() -> None:
    with pytest.raises(ValidationError) as info:
        TrafficMirrorSession.model_validate(boto3_item(SessionNumber=40000))
    text = str(info.value)
    assert "SessionNumber" in text
    assert "40000" in text
    assert "less than or equal to 32766" in text


# --- immutable and hashable -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TrafficMirrorSession.model_fields))
def test_assigning_any_session_attribute_raises(name: str) -> None:
    session = TrafficMirrorSession.model_validate(boto3_item())
    with pytest.raises(ValidationError, match="frozen"):
        setattr(session, name, getattr(session, name))


@pytest.mark.parametrize("name", ["key", "value"])
def test_assigning_any_tag_attribute_raises(name: str) -> None:
    tag = Tag(key="k", value="v")
    with pytest.raises(ValidationError, match="frozen"):
        setattr(tag, name, "x")


def test_tags_are_a_tuple_and_tag_map_is_read_only() -> None:
    session = TrafficMirrorSession.model_validate(
        boto3_item(Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    )
    assert isinstance(session.tags, tuple)
    assert dict(session.tag_map) == {"a": "1", "b": "2"}
    assert list(session.tag_map) == ["a", "b"]
    with pytest.raises(TypeError):
        session.tag_map["a"] = "changed"  # type: ignore[index]  # pyright: ignore[reportIndexIssue]
    assert session.tag_value("a") == "1"
    assert session.tag_value("A") is None
    assert session.tag_value("missing") is None


def test_equal_items_are_equal_and_hash_equal() -> None:
    first = TrafficMirrorSession.model_validate(boto3_item())
    second = TrafficMirrorSession.model_validate(copy.deepcopy(boto3_item()))
    assert first is not second
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1
    assert Tag(key="k", value="v") == Tag.model_validate({"Key": "k", "Value": "v"})
    assert hash(Tag(key="k", value="v")) == hash(Tag.model_validate({"Key": "k", "Value": "v"}))


def test_different_items_are_not_equal() -> None:
    first = TrafficMirrorSession.model_validate(boto3_item())
    second = TrafficMirrorSession.model_validate(boto3_item(SessionNumber=2))
    assert first != second


def test_every_field_has_a_docstring() -> None:
    for model in (Tag, TrafficMirrorSession):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no docstring"


# --- round trip -----------------------------------------------------------------------------

_ids = st.from_regex(r"\A[a-z]{3}-[0-9a-f]{8,17}\Z")
_text = st.text(max_size=40)
_tags = st.lists(
    st.fixed_dictionaries(
        {
            "Key": st.text(min_size=1, max_size=TAG_KEY_MAX_LENGTH),
            "Value": st.text(max_size=TAG_VALUE_MAX_LENGTH),
        }
    ),
    max_size=8,
    unique_by=lambda tag: tag["Key"],
)


@st.composite
def boto3_items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {
        "TrafficMirrorSessionId": draw(_ids),
        "TrafficMirrorTargetId": draw(_ids),
        "TrafficMirrorFilterId": draw(_ids),
        "NetworkInterfaceId": draw(_ids),
        "OwnerId": draw(st.from_regex(r"\A[0-9]{12}\Z")),
        "SessionNumber": draw(st.integers(1, SESSION_NUMBER_MAX)),
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "PacketLength": st.integers(1, PACKET_LENGTH_MAX),
        "VirtualNetworkId": st.integers(0, VIRTUAL_NETWORK_ID_MAX),
        "Description": _text,
        "Tags": _tags,
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            item[name] = draw(strategy)
    return item


@given(boto3_items())
def test_dump_by_alias_gives_back_the_boto3_item(item: dict[str, Any]) -> None:
    session = TrafficMirrorSession.model_validate(item)
    dumped = session.model_dump(by_alias=True, exclude_none=True)
    expected = dict(item)
    expected.setdefault("Tags", [])  # a missing Tags member reads as no tags
    assert dumped == expected
    assert all(type(value) is not tuple for value in dumped.values())
    assert TrafficMirrorSession.model_validate(dumped) == session


@given(boto3_items())
def test_json_round_trip_is_exact(item: dict[str, Any]) -> None:
    session = TrafficMirrorSession.model_validate(item)
    assert (
        TrafficMirrorSession.model_validate_json(session.model_dump_json(by_alias=True)) == session
    )
