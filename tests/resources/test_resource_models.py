"""The target, filter, rule and port range models: every range and rule, exact round trips.

Also the open enumerations: a value AWS adds later comes out as an
`UnknownValue` (a ``str``), never as a failed listing, and dumps back as the
plain string.
"""

from __future__ import annotations

import copy
import gzip
import ipaddress
import json
import re
from pathlib import Path
from typing import Any, get_args

import botocore
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from ec2_traffic_mirror import (
    NetworkService,
    PortRange,
    RemovableRuleField,
    RuleAction,
    Tag,
    TargetType,
    TrafficDirection,
    TrafficMirrorFilter,
    TrafficMirrorFilterRule,
    TrafficMirrorTarget,
    UnknownValue,
)

from ._support import NLB_ARN, OWNER, eni, fid, filter_item, rid, rule_item, target_item, tid

MODELS: list[type[BaseModel]] = [
    Tag,
    PortRange,
    TrafficMirrorTarget,
    TrafficMirrorFilterRule,
    TrafficMirrorFilter,
]


def _service_model() -> dict[str, Any]:
    path = Path(botocore.__file__).parent / "data" / "ec2" / "2016-11-15" / "service-2.json.gz"
    shapes: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))["shapes"]
    return shapes


SHAPES = _service_model()


# -- what botocore's service model says -------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "shape"),
    [
        (TargetType, "TrafficMirrorTargetType"),
        (TrafficDirection, "TrafficDirection"),
        (RuleAction, "TrafficMirrorRuleAction"),
        (NetworkService, "TrafficMirrorNetworkService"),
        (RemovableRuleField, "TrafficMirrorFilterRuleField"),
    ],
)
def test_every_enumeration_is_botocores(literal: Any, shape: str) -> None:
    assert set(get_args(literal)) == set(SHAPES[shape]["enum"])


@pytest.mark.parametrize(
    ("model", "shape"),
    [
        (TrafficMirrorTarget, "TrafficMirrorTarget"),
        (TrafficMirrorFilter, "TrafficMirrorFilter"),
        (TrafficMirrorFilterRule, "TrafficMirrorFilterRule"),
        (PortRange, "TrafficMirrorPortRange"),
    ],
)
def test_every_member_of_the_service_model_is_a_field_in_its_order(
    model: type[BaseModel], shape: str
) -> None:
    members = list(SHAPES[shape]["members"])
    aliases = [field.validation_alias for field in model.model_fields.values()]
    assert aliases == members


def test_every_field_has_a_docstring() -> None:
    for model in MODELS:
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no docstring"


# -- targets ------------------------------------------------------------------------------

DESTINATIONS = {
    "network-interface": ("NetworkInterfaceId", eni(7)),
    "network-load-balancer": ("NetworkLoadBalancerArn", NLB_ARN),
    "gateway-load-balancer-endpoint": ("GatewayLoadBalancerEndpointId", "vpce-0123456789abcdef0"),
}


def target_of(kind: str, **members: Any) -> dict[str, Any]:
    member, value = DESTINATIONS[kind]
    raw = dict(target_item(1, NetworkInterfaceId=None, Type=kind))
    raw[member] = value
    raw.update(members)
    return raw


@pytest.mark.parametrize("kind", sorted(DESTINATIONS))
def test_each_target_type_round_trips_exactly(kind: str) -> None:
    raw = target_of(kind)
    target = TrafficMirrorTarget.model_validate(raw)
    assert target.type == kind
    assert not isinstance(target.type, UnknownValue)
    assert target.destination == DESTINATIONS[kind][1]
    assert target.model_dump(by_alias=True, exclude_none=True) == raw
    assert TrafficMirrorTarget.model_validate_json(target.model_dump_json(by_alias=True)) == target


@pytest.mark.parametrize("kind", sorted(DESTINATIONS))
@pytest.mark.parametrize("other", sorted(DESTINATIONS))
def test_a_target_carries_the_destination_of_its_type_and_no_other(kind: str, other: str) -> None:
    raw = target_of(kind)
    if other == kind:
        raw.pop(DESTINATIONS[kind][0])  # none at all
        expected = "carries none"
    else:
        raw.update([DESTINATIONS[other]])  # a second one
        expected = DESTINATIONS[other][0]
    with pytest.raises(ValidationError) as caught:
        TrafficMirrorTarget.model_validate(raw)
    message = str(caught.value)
    assert f"a target of type {kind!r} carries {DESTINATIONS[kind][0]}" in message
    assert expected in message


def test_a_target_type_aws_adds_later_is_an_unknown_value_that_round_trips() -> None:
    raw = target_item(1, NetworkInterfaceId=None, Type="vpc-lattice-service")
    target = TrafficMirrorTarget.model_validate(raw)
    assert isinstance(target.type, UnknownValue)
    assert target.type == "vpc-lattice-service"
    assert repr(target.type) == "UnknownValue('vpc-lattice-service')"
    assert target.destination is None
    dumped = target.model_dump(by_alias=True, exclude_none=True)
    assert dumped == raw
    plain: object = dumped["Type"]
    assert not isinstance(plain, UnknownValue)
    assert json.loads(target.model_dump_json(by_alias=True))["Type"] == "vpc-lattice-service"
    # It may carry one of the known destinations, never two.
    TrafficMirrorTarget.model_validate({**raw, "NetworkInterfaceId": eni(1)})
    with pytest.raises(ValidationError, match="carries NetworkInterfaceId and NetworkLoadBalancer"):
        TrafficMirrorTarget.model_validate(
            {**raw, "NetworkInterfaceId": eni(1), "NetworkLoadBalancerArn": NLB_ARN}
        )


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("Type", 5),
        ("Type", None),
        ("TrafficMirrorTargetId", None),
        ("TrafficMirrorTargetId", 7),
        ("OwnerId", None),
        ("Description", True),
        ("NetworkInterfaceId", 12),
        ("Tags", [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]),
        ("Tags", [{"Key": "", "Value": "1"}]),
    ],
)
def test_bad_target_members_are_refused(member: str, value: object) -> None:
    raw = dict(target_item(1))
    if value is None:
        raw.pop(member)
    else:
        raw[member] = value
    with pytest.raises(ValidationError):
        TrafficMirrorTarget.model_validate(raw)


def test_unknown_members_are_ignored_and_models_are_frozen_and_hashable() -> None:
    raw = {**target_item(1), "SomethingNew": {"x": 1}}
    target = TrafficMirrorTarget.model_validate(raw)
    assert "SomethingNew" not in target.model_dump(by_alias=True)
    name = "type"
    with pytest.raises(ValidationError):
        setattr(target, name, "network-load-balancer")
    assert hash(target) == hash(TrafficMirrorTarget.model_validate(target_item(1)))
    assert target.tag_value("n") == "1"
    assert dict(target.tag_map) == {"n": "1"}


# -- port ranges and rules -----------------------------------------------------------------


@pytest.mark.parametrize(("low", "high"), [(0, 0), (0, 65535), (443, 443), (1024, 65535)])
def test_port_ranges_inside_the_bounds_are_accepted(low: int, high: int) -> None:
    ports = PortRange(from_port=low, to_port=high)
    assert low in ports
    assert high in ports
    assert (high + 1) not in ports
    assert PortRange.model_validate({"FromPort": low, "ToPort": high}) == ports


@pytest.mark.parametrize(
    ("low", "high", "fragment"),
    [
        (-1, 5, "greater than or equal to 0"),
        (0, 65536, "less than or equal to 65535"),
        (10, 9, "from_port must not be above to_port, got 10 > 9"),
        (True, 5, "valid integer"),
        ("1", 5, "valid integer"),
    ],
)
def test_bad_port_ranges_are_refused(low: object, high: object, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        PortRange.model_validate({"FromPort": low, "ToPort": high})


def test_a_rule_round_trips_exactly_and_parses_its_cidr_blocks() -> None:
    raw = rule_item(3, SourcePortRange={"FromPort": 1024, "ToPort": 65535})
    rule = TrafficMirrorFilterRule.model_validate(raw)
    assert rule.model_dump(by_alias=True, exclude_none=True) == raw
    assert rule.source_network == ipaddress.ip_network("0.0.0.0/0")
    assert rule.destination_network == ipaddress.ip_network("10.0.0.0/16")
    assert rule.destination_port_range == PortRange(from_port=443, to_port=443)
    assert not rule.matches_every_protocol


def test_ipv6_rules_keep_aws_s_spelling() -> None:
    raw = rule_item(1, SourceCidrBlock="::/0", DestinationCidrBlock="2001:DB8::/32")
    rule = TrafficMirrorFilterRule.model_validate(raw)
    assert rule.destination_cidr_block == "2001:DB8::/32"  # not normalised: the round trip
    assert rule.destination_network == ipaddress.ip_network("2001:db8::/32")
    assert rule.model_dump(by_alias=True, exclude_none=True) == raw


@pytest.mark.parametrize("number", [1, 32766])
def test_rule_number_bounds_are_accepted(number: int) -> None:
    assert TrafficMirrorFilterRule.model_validate(rule_item(1, RuleNumber=number)).rule_number == (
        number
    )


@pytest.mark.parametrize("protocol", [0, 6, 17, 255, None])
def test_protocols_0_to_255_and_none_for_every_protocol_are_accepted(protocol: int | None) -> None:
    rule = TrafficMirrorFilterRule.model_validate(rule_item(1, Protocol=protocol))
    assert rule.protocol == protocol
    assert rule.matches_every_protocol is (protocol is None)


@pytest.mark.parametrize(
    ("member", "value", "fragment"),
    [
        ("RuleNumber", 0, "greater than or equal to 1"),
        ("RuleNumber", 32767, "less than or equal to 32766"),
        ("RuleNumber", True, "valid integer"),
        ("RuleNumber", "5", "valid integer"),
        ("Protocol", -1, "greater than or equal to 0"),
        ("Protocol", 256, "less than or equal to 255"),
        ("Protocol", False, "valid integer"),
        ("SourceCidrBlock", "10.0.0.0", "prefix length"),
        ("SourceCidrBlock", "10.0.0.0/33", "IPv4 or IPv6 CIDR block"),
        ("DestinationCidrBlock", "not a network", "IPv4 or IPv6 CIDR block"),
        ("DestinationCidrBlock", "::/0", "must both be IPv4 or both IPv6"),
        ("DestinationPortRange", {"FromPort": 5, "ToPort": 1}, "from_port must not be above"),
        ("TrafficDirection", 1, "valid string"),
        ("RuleAction", None, "Field required"),
    ],
)
def test_bad_rule_members_are_refused_naming_the_rule(
    member: str, value: object, fragment: str
) -> None:
    raw = dict(rule_item(1))
    if value is None:
        raw.pop(member)
    else:
        raw[member] = value
    with pytest.raises(ValidationError, match=fragment):
        TrafficMirrorFilterRule.model_validate(raw)


def test_rule_directions_and_actions_aws_adds_later_are_unknown_values() -> None:
    raw = rule_item(1, TrafficDirection="both", RuleAction="sample")
    rule = TrafficMirrorFilterRule.model_validate(raw)
    assert rule.traffic_direction == UnknownValue("both")
    assert isinstance(rule.traffic_direction, UnknownValue)
    assert isinstance(rule.rule_action, UnknownValue)
    assert rule.model_dump(by_alias=True, exclude_none=True) == raw


# -- filters ------------------------------------------------------------------------------


def test_a_filter_round_trips_exactly_with_its_rules() -> None:
    raw = filter_item(4, rules=3)
    filter_ = TrafficMirrorFilter.model_validate(raw)
    assert len(filter_.ingress_filter_rules) == 3
    assert isinstance(filter_.ingress_filter_rules, tuple)
    assert filter_.network_services == ("amazon-dns",)
    assert filter_.model_dump(by_alias=True, exclude_none=True) == raw
    assert TrafficMirrorFilter.model_validate_json(filter_.model_dump_json(by_alias=True)) == (
        filter_
    )


def test_rules_lists_ingress_then_egress_each_by_rule_number() -> None:
    ingress = [rule_item(n, RuleNumber=number) for n, number in ((1, 300), (2, 100), (3, 200))]
    egress = [rule_item(4, direction="egress", RuleNumber=50)]
    filter_ = TrafficMirrorFilter.model_validate(
        filter_item(1, IngressFilterRules=ingress, EgressFilterRules=egress)
    )
    assert [rule.rule_number for rule in filter_.rules] == [100, 200, 300, 50]


@pytest.mark.parametrize(
    ("members", "fragment"),
    [
        (
            {"IngressFilterRules": [rule_item(1, direction="egress")]},
            "among the ingress rules but has traffic direction 'egress'",
        ),
        (
            {"EgressFilterRules": [rule_item(1, TrafficDirection="sideways")]},
            re.escape("among the egress rules but has traffic direction UnknownValue('sideways')"),
        ),
        (
            {"IngressFilterRules": [rule_item(1, filter_number=2)]},
            f"belongs to filter {fid(2)}, not {fid(1)}",
        ),
        (
            {"IngressFilterRules": [rule_item(1, RuleNumber=7), rule_item(2, RuleNumber=7)]},
            "rule number 7 appears twice among the ingress rules",
        ),
        ({"NetworkServices": ["amazon-dns", "amazon-dns"]}, "network services repeat"),
        ({"NetworkServices": "amazon-dns"}, "valid tuple"),
    ],
)
def test_filters_whose_rules_do_not_belong_are_refused(
    members: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(ValidationError, match=fragment):
        TrafficMirrorFilter.model_validate(filter_item(1, **members))


def test_the_same_rule_number_in_each_direction_is_fine() -> None:
    raw = filter_item(
        1,
        IngressFilterRules=[rule_item(1, RuleNumber=10)],
        EgressFilterRules=[rule_item(2, direction="egress", RuleNumber=10)],
    )
    assert len(TrafficMirrorFilter.model_validate(raw).rules) == 2


def test_a_network_service_aws_adds_later_is_an_unknown_value() -> None:
    raw = filter_item(1, services=["amazon-dns", "amazon-ntp"])
    filter_ = TrafficMirrorFilter.model_validate(raw)
    assert filter_.network_services == ("amazon-dns", "amazon-ntp")
    assert [type(service) for service in filter_.network_services] == [str, UnknownValue]
    assert filter_.model_dump(by_alias=True, exclude_none=True) == raw


def test_missing_lists_read_as_empty_and_dump_as_empty_lists_as_for_sessions() -> None:
    filter_ = TrafficMirrorFilter.model_validate({"TrafficMirrorFilterId": fid(1)})
    assert filter_.rules == ()
    assert filter_.network_services == ()
    assert filter_.tags == ()
    assert filter_.model_dump(by_alias=True, exclude_none=True) == {
        "TrafficMirrorFilterId": fid(1),
        "IngressFilterRules": [],
        "EgressFilterRules": [],
        "NetworkServices": [],
        "Tags": [],
    }
    # What was given, exactly: pydantic's exclude_unset.
    assert filter_.model_dump(by_alias=True, exclude_unset=True) == {
        "TrafficMirrorFilterId": fid(1)
    }


def test_unknown_value_is_a_plain_string_to_everything_else() -> None:
    value = UnknownValue("new")
    assert isinstance(value, str)
    assert value == "new"
    assert hash(value) == hash("new")
    assert str(value) == "new"
    assert type(str(value)) is str
    assert copy.deepcopy(value) == value


# -- round trips of generated items --------------------------------------------------------

_text = st.text(min_size=1, max_size=12)
_tags = st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3).map(
    lambda tags: [{"Key": key, "Value": value} for key, value in tags.items()]
)
_ports = st.tuples(st.integers(0, 65535), st.integers(0, 65535)).map(
    lambda pair: {"FromPort": min(pair), "ToPort": max(pair)}
)


def _network(address: ipaddress.IPv4Address | ipaddress.IPv6Address, prefix: int) -> str:
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


_v4 = st.builds(_network, st.ip_addresses(v=4), st.integers(0, 32))
_v6 = st.builds(_network, st.ip_addresses(v=6), st.integers(0, 128))


@st.composite
def rules(draw: st.DrawFn, filter_id: str = fid(1), direction: str | None = None) -> dict[str, Any]:
    version = draw(st.sampled_from([_v4, _v6]))
    raw: dict[str, Any] = {
        "TrafficMirrorFilterRuleId": rid(draw(st.integers(0, 2**40))),
        "TrafficMirrorFilterId": filter_id,
        "TrafficDirection": direction
        or draw(st.one_of(st.sampled_from(["ingress", "egress"]), _text)),
        "RuleNumber": draw(st.integers(1, 32766)),
        "RuleAction": draw(st.one_of(st.sampled_from(["accept", "reject"]), _text)),
        "DestinationCidrBlock": draw(version),
        "SourceCidrBlock": draw(version),
        "Tags": draw(_tags),
    }
    optional: dict[str, Any] = {
        "Protocol": st.integers(0, 255),
        "DestinationPortRange": _ports,
        "SourcePortRange": _ports,
        "Description": _text,
    }
    for member, strategy in optional.items():
        if draw(st.booleans()):
            raw[member] = draw(strategy)
    return raw


@st.composite
def targets(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.one_of(st.sampled_from(sorted(DESTINATIONS)), _text))
    raw: dict[str, Any] = {
        "TrafficMirrorTargetId": tid(draw(st.integers(0, 2**40))),
        "Type": kind,
        "OwnerId": OWNER,
    }
    if kind in DESTINATIONS:
        member, value = DESTINATIONS[kind]
        raw[member] = value
    if draw(st.booleans()):
        raw["Description"] = draw(_text)
    raw["Tags"] = draw(_tags)  # AWS always sends the list (tagSet), empty or not
    return raw


@st.composite
def filters(draw: st.DrawFn) -> dict[str, Any]:
    filter_id = fid(draw(st.integers(0, 2**40)))
    raw: dict[str, Any] = {"TrafficMirrorFilterId": filter_id}
    for member, direction in (("IngressFilterRules", "ingress"), ("EgressFilterRules", "egress")):
        drawn = draw(st.lists(rules(filter_id, direction), max_size=3))
        unique = list({rule["RuleNumber"]: rule for rule in drawn}.values())
        raw[member] = unique
    raw["NetworkServices"] = draw(
        st.lists(st.one_of(st.just("amazon-dns"), _text), max_size=2, unique=True)
    )
    if draw(st.booleans()):
        raw["Description"] = draw(_text)
    raw["Tags"] = draw(_tags)
    return raw


@settings(max_examples=60)
@given(raw=targets())
def test_generated_targets_round_trip_exactly(raw: dict[str, Any]) -> None:
    target = TrafficMirrorTarget.model_validate(raw)
    assert target.model_dump(by_alias=True, exclude_none=True) == raw
    assert TrafficMirrorTarget.model_validate_json(target.model_dump_json(by_alias=True)) == target


@settings(max_examples=60)
@given(raw=rules())
def test_generated_rules_round_trip_exactly(raw: dict[str, Any]) -> None:
    rule = TrafficMirrorFilterRule.model_validate(raw)
    assert rule.model_dump(by_alias=True, exclude_none=True) == raw
    assert rule.source_network.version == rule.destination_network.version


@settings(max_examples=40)
@given(raw=filters())
def test_generated_filters_round_trip_exactly(raw: dict[str, Any]) -> None:
    filter_ = TrafficMirrorFilter.model_validate(raw)
    assert filter_.model_dump(by_alias=True, exclude_none=True) == raw
    assert TrafficMirrorFilter.model_validate_json(filter_.model_dump_json(by_alias=True)) == (
        filter_
    )
