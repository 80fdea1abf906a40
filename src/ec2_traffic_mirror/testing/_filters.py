"""The filter operations: filters, their rules and their network services.

Create, Delete, Describe TrafficMirrorFilters; Create, Modify (with
``RemoveFields``), Delete, Describe TrafficMirrorFilterRules;
ModifyTrafficMirrorFilterNetworkServices.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from ec2_traffic_mirror.testing._common import Kind, idempotent, remember, tag_list
from ec2_traffic_mirror.testing._context import RULES_PER_FILTER, Context
from ec2_traffic_mirror.testing._describe import Listing, describe
from ec2_traffic_mirror.testing._moto import Request, new_id
from ec2_traffic_mirror.testing._state import (
    DIRECTIONS,
    NETWORK_SERVICES,
    RULE_ACTIONS,
    FilterRecord,
    PortRange,
    RegionState,
    RuleRecord,
)
from ec2_traffic_mirror.testing._wire import (
    ApiError,
    as_mapping,
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
    "FILTER",
    "FILTER_FILTERS",
    "FILTER_LISTING",
    "HANDLERS",
    "PORT_MAX",
    "PORT_MIN",
    "PROTOCOL_MAX",
    "PROTOCOL_MIN",
    "RULE",
    "RULE_FILTERS",
    "RULE_LISTING",
    "RULE_NUMBER_MAX",
    "RULE_NUMBER_MIN",
    "RuleFields",
    "check_rule",
    "filter_item",
    "rule_item",
]

RULE_NUMBER_MIN: Final = 1
"""Smallest ``RuleNumber``."""
RULE_NUMBER_MAX: Final = 32766
"""Largest ``RuleNumber``."""
PROTOCOL_MIN: Final = 0
"""Smallest ``Protocol`` (an IANA protocol number)."""
PROTOCOL_MAX: Final = 255
"""Largest ``Protocol``."""
PORT_MIN: Final = 0
"""Smallest port of a port range."""
PORT_MAX: Final = 65535
"""Largest port of a port range."""
PORT_PROTOCOLS: Final = (6, 17)
"""The protocols (TCP, UDP) whose rules can have port ranges."""

FILTER: Final = Kind[FilterRecord](
    "TrafficMirrorFilterId",
    "tmf-",
    "traffic mirror filter",
    "InvalidTrafficMirrorFilterId.NotFound",
    "InvalidTrafficMirrorFilterId.Malformed",
)
RULE: Final = Kind[RuleRecord](
    "TrafficMirrorFilterRuleId",
    "tmfr-",
    "traffic mirror filter rule",
    "InvalidTrafficMirrorFilterRuleId.NotFound",
    "InvalidTrafficMirrorFilterRuleId.Malformed",
)

FILTER_LISTING: Final = Listing[FilterRecord](
    operation="DescribeTrafficMirrorFilters",
    result_member="TrafficMirrorFilters",
    ids_member="TrafficMirrorFilterIds",
    id_prefix=FILTER.prefix,
    noun=FILTER.noun,
    not_found_code=FILTER.not_found_code,
    malformed_code=FILTER.malformed_code,
    string_filters={
        "description": lambda f: f.description,
        "traffic-mirror-filter-id": lambda f: f.id,
    },
)
FILTER_FILTERS: Final = FILTER_LISTING.filter_names
"""The two filter names of ``DescribeTrafficMirrorFilters``."""

RULE_LISTING: Final = Listing[RuleRecord](
    operation="DescribeTrafficMirrorFilterRules",
    result_member="TrafficMirrorFilterRules",
    ids_member="TrafficMirrorFilterRuleIds",
    id_prefix=RULE.prefix,
    noun=RULE.noun,
    not_found_code=RULE.not_found_code,
    malformed_code=RULE.malformed_code,
    string_filters={
        "description": lambda r: r.description,
        "destination-cidr-block": lambda r: r.destination_cidr,
        "rule-action": lambda r: r.action,
        "source-cidr-block": lambda r: r.source_cidr,
        "traffic-direction": lambda r: r.direction,
        "traffic-mirror-filter-id": lambda r: r.filter_id,
        "traffic-mirror-filter-rule-id": lambda r: r.id,
    },
    integer_filters={
        "protocol": lambda r: r.protocol,
        "rule-number": lambda r: r.number,
    },
)
RULE_FILTERS: Final = RULE_LISTING.filter_names
"""The nine filter names of ``DescribeTrafficMirrorFilterRules``."""

T = TypeVar("T")

_REMOVABLE_FIELDS: Final = {
    "destination-port-range": "DestinationPortRange",
    "source-port-range": "SourcePortRange",
    "protocol": "Protocol",
    "description": "Description",
}


# -- items ------------------------------------------------------------------------------------


def _port_range(ports: PortRange) -> dict[str, int]:
    return {"FromPort": ports[0], "ToPort": ports[1]}


def rule_item(context: Context, state: RegionState, rule: RuleRecord) -> dict[str, object]:
    """A rule as the API answers it (alone, or in its filter's rule lists)."""
    item: dict[str, object] = {
        "TrafficMirrorFilterRuleId": rule.id,
        "TrafficMirrorFilterId": rule.filter_id,
        "TrafficDirection": rule.direction,
        "RuleNumber": rule.number,
        "RuleAction": rule.action,
    }
    if rule.protocol is not None:
        item["Protocol"] = rule.protocol
    if rule.destination_ports is not None:
        item["DestinationPortRange"] = _port_range(rule.destination_ports)
    if rule.source_ports is not None:
        item["SourcePortRange"] = _port_range(rule.source_ports)
    item["DestinationCidrBlock"] = rule.destination_cidr
    item["SourceCidrBlock"] = rule.source_cidr
    if rule.description is not None:
        item["Description"] = rule.description
    item["Tags"] = tag_list(state, rule.id)
    return context.served_item(rule.id, item)


def filter_item(context: Context, state: RegionState, record: FilterRecord) -> dict[str, object]:
    """A filter as the API answers it, its rules by direction in rule-number order."""
    rules = sorted(state.rules_of(record), key=lambda rule: rule.number)
    item: dict[str, object] = {
        "TrafficMirrorFilterId": record.id,
        "IngressFilterRules": [
            rule_item(context, state, rule) for rule in rules if rule.direction == "ingress"
        ],
        "EgressFilterRules": [
            rule_item(context, state, rule) for rule in rules if rule.direction == "egress"
        ],
        "NetworkServices": list(record.network_services),
    }
    if record.description is not None:
        item["Description"] = record.description
    item["Tags"] = tag_list(state, record.id)
    return context.served_item(record.id, item)


# -- rule checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleFields:
    """Everything a rule says, checked together (a create, or a modify's result)."""

    direction: str
    number: int
    action: str
    protocol: int | None
    source_ports: PortRange | None
    destination_ports: PortRange | None
    source_cidr: str
    destination_cidr: str
    description: str | None

    @classmethod
    def of(cls, rule: RuleRecord) -> RuleFields:
        """The fields of a stored rule."""
        return cls(
            rule.direction,
            rule.number,
            rule.action,
            rule.protocol,
            rule.source_ports,
            rule.destination_ports,
            rule.source_cidr,
            rule.destination_cidr,
            rule.description,
        )


def _one_of(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise invalid_value(name, value, f"Valid values are {', '.join(allowed)}.")
    return value


def _ports(name: str, raw: object) -> PortRange:
    entry: Mapping[str, Any] = as_mapping(raw)
    low = check_range(f"{name}.FromPort", required(entry, "FromPort"), PORT_MIN, PORT_MAX)
    high = check_range(f"{name}.ToPort", required(entry, "ToPort"), PORT_MIN, PORT_MAX)
    if low > high:
        raise invalid_value(name, f"{low}-{high}", "FromPort must not be greater than ToPort.")
    return (low, high)


def _cidr(name: str, value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        if "/" not in value:
            raise ValueError(value)
        return ipaddress.ip_network(value, strict=True)
    except ValueError:
        raise invalid_value(
            name, value, "It must be an IPv4 or IPv6 CIDR block (network address and prefix)."
        ) from None


def check_rule(fields: RuleFields) -> RuleFields:
    """The rules of the API on a rule's fields taken together."""
    _one_of("TrafficDirection", fields.direction, DIRECTIONS)
    check_range("RuleNumber", fields.number, RULE_NUMBER_MIN, RULE_NUMBER_MAX)
    _one_of("RuleAction", fields.action, RULE_ACTIONS)
    if fields.protocol is not None:
        check_range("Protocol", fields.protocol, PROTOCOL_MIN, PROTOCOL_MAX)
    source = _cidr("SourceCidrBlock", fields.source_cidr)
    destination = _cidr("DestinationCidrBlock", fields.destination_cidr)
    if source.version != destination.version:
        raise ApiError(
            "InvalidParameterValue",
            "DestinationCidrBlock and SourceCidrBlock must both be an IPv4 range or an IPv6"
            f" range, got {fields.destination_cidr} and {fields.source_cidr}.",
        )
    has_ports = fields.source_ports is not None or fields.destination_ports is not None
    if has_ports and fields.protocol not in PORT_PROTOCOLS:
        raise invalid_value(
            "Protocol",
            fields.protocol,
            "Port ranges apply only to TCP (6) and UDP (17) rules.",
        )
    return fields


def _check_place(
    state: RegionState, record: FilterRecord, fields: RuleFields, rule_id: str | None
) -> None:
    """No other rule of the filter has this number in this direction."""
    for rule in state.rules_of(record):
        if rule.id != rule_id and (rule.direction, rule.number) == (
            fields.direction,
            fields.number,
        ):
            raise ApiError(
                "TrafficMirrorFilterRuleAlreadyExists",
                f"The {fields.direction} rule number {fields.number} already exists in"
                f" {record.id} ({rule.id}).",
            )


# -- filters ----------------------------------------------------------------------------------


def _describe_filters(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    return describe(
        context,
        request,
        FILTER_LISTING,
        state.filters,
        lambda record: filter_item(context, state, record),
    )


def _create_filter(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    description = optional_string(params, "Description")
    tags = tag_specifications(params.get("TagSpecifications"), "traffic-mirror-filter")
    shape = (description, tuple(tags.items()))

    def again(filter_id: str) -> dict[str, object] | None:
        existing = state.filters.get(filter_id)
        if existing is None:
            return None
        return {"TrafficMirrorFilter": filter_item(context, state, existing)}

    earlier = idempotent(state, request, shape, again)
    if earlier is not None:
        earlier["ClientToken"] = params["ClientToken"]
        return earlier
    if len(state.filters) >= context.quotas.filters:
        raise ApiError(
            "TrafficMirrorFilterLimitExceeded",
            f"The maximum number of Traffic Mirror filters ({context.quotas.filters})"
            " has been exceeded.",
        )
    record = FilterRecord(id=new_id("tmf"), ordinal=state.next_ordinal(), description=description)
    state.filters.add(record)
    state.set_tags(record.id, tags)
    body: dict[str, object] = {"TrafficMirrorFilter": filter_item(context, state, record)}
    client_token = remember(state, request, shape, record.id)
    if client_token:
        body["ClientToken"] = client_token
    return body


def _delete_filter(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    record = FILTER.existing(request, state.filters)
    users = state.sessions_per_filter[record.id]
    if users:
        raise ApiError(
            "TrafficMirrorFilterInUse",
            f"The Traffic Mirror filter {record.id} is in use by {users} Traffic Mirror"
            " session(s).",
        )
    state.remove_filter(record.id)
    return {"TrafficMirrorFilterId": record.id}


def _network_services(params: Mapping[str, Any], name: str) -> list[str]:
    services = string_list(params, name)
    for service in services:
        _one_of(name, service, NETWORK_SERVICES)
    return services


def _modify_network_services(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    record = FILTER.existing(request, state.filters)
    add = _network_services(params, "AddNetworkServices")
    remove = _network_services(params, "RemoveNetworkServices")
    both = sorted(set(add) & set(remove))
    if both:
        raise ApiError(
            "InvalidParameterCombination",
            f"The network service(s) {', '.join(both)} cannot be both added and removed.",
        )
    for service in add:
        if service not in record.network_services:
            record.network_services.append(service)
    record.network_services[:] = [s for s in record.network_services if s not in remove]
    return {"TrafficMirrorFilter": filter_item(context, state, record)}


# -- rules ------------------------------------------------------------------------------------


def _describe_rules(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    filter_id = optional_string(request.params, "TrafficMirrorFilterId")
    scope: Callable[[RuleRecord], bool] | None = None
    if filter_id is not None:
        FILTER.lookup(state.filters, filter_id)
        scope = _of_filter(filter_id)
    return describe(
        context,
        request,
        RULE_LISTING,
        state.rules,
        lambda rule: rule_item(context, state, rule),
        scope=scope,
        scope_key=filter_id,
    )


def _of_filter(filter_id: str) -> Callable[[RuleRecord], bool]:
    def scope(rule: RuleRecord) -> bool:
        return rule.filter_id == filter_id

    return scope


def _create_rule(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    filter_id = required_string(params, "TrafficMirrorFilterId")
    fields = check_rule(
        RuleFields(
            direction=_one_of("TrafficDirection", required(params, "TrafficDirection"), DIRECTIONS),
            number=check_range(
                "RuleNumber", required(params, "RuleNumber"), RULE_NUMBER_MIN, RULE_NUMBER_MAX
            ),
            action=_one_of("RuleAction", required(params, "RuleAction"), RULE_ACTIONS),
            protocol=optional_range(params, "Protocol", PROTOCOL_MIN, PROTOCOL_MAX),
            source_ports=_optional_ports(params, "SourcePortRange"),
            destination_ports=_optional_ports(params, "DestinationPortRange"),
            source_cidr=required_string(params, "SourceCidrBlock"),
            destination_cidr=required_string(params, "DestinationCidrBlock"),
            description=optional_string(params, "Description"),
        )
    )
    tags = tag_specifications(params.get("TagSpecifications"), "traffic-mirror-filter-rule")
    shape = (filter_id, fields, tuple(tags.items()))

    def again(rule_id: str) -> dict[str, object] | None:
        existing = state.rules.get(rule_id)
        if existing is None:
            return None
        return {"TrafficMirrorFilterRule": rule_item(context, state, existing)}

    earlier = idempotent(state, request, shape, again)
    if earlier is not None:
        earlier["ClientToken"] = params["ClientToken"]
        return earlier
    record = FILTER.lookup(state.filters, filter_id)
    _check_place(state, record, fields, None)
    if len(record.rule_ids) >= RULES_PER_FILTER:
        raise ApiError(
            "TrafficMirrorFilterRuleLimitExceeded",
            f"The Traffic Mirror filter {record.id} already has the maximum of"
            f" {RULES_PER_FILTER} rules.",
        )
    rule = RuleRecord(
        id=new_id("tmfr"),
        ordinal=state.next_ordinal(),
        filter_id=record.id,
        direction=fields.direction,
        number=fields.number,
        action=fields.action,
        protocol=fields.protocol,
        source_ports=fields.source_ports,
        destination_ports=fields.destination_ports,
        source_cidr=fields.source_cidr,
        destination_cidr=fields.destination_cidr,
        description=fields.description,
    )
    state.add_rule(rule)
    state.set_tags(rule.id, tags)
    body: dict[str, object] = {"TrafficMirrorFilterRule": rule_item(context, state, rule)}
    client_token = remember(state, request, shape, rule.id)
    if client_token:
        body["ClientToken"] = client_token
    return body


def _optional_ports(params: Mapping[str, Any], name: str) -> PortRange | None:
    raw = params.get(name)
    return None if raw is None else _ports(name, raw)


def _modify_rule(context: Context, request: Request) -> dict[str, object]:
    params = request.params
    state = context.state(request.account_id, request.region)
    rule = RULE.existing(request, state.rules)
    remove = string_list(params, "RemoveFields")
    for name in remove:
        if name not in _REMOVABLE_FIELDS:
            raise invalid_value(
                "RemoveFields", name, f"Valid values are {', '.join(_REMOVABLE_FIELDS)}."
            )
        if params.get(_REMOVABLE_FIELDS[name]) is not None:
            raise ApiError(
                "InvalidParameterCombination",
                f"{_REMOVABLE_FIELDS[name]} cannot be both set and removed.",
            )
    current = RuleFields.of(rule)
    removing = set(remove)
    direction = params.get("TrafficDirection")
    action = params.get("RuleAction")
    number = optional_range(params, "RuleNumber", RULE_NUMBER_MIN, RULE_NUMBER_MAX)
    protocol = optional_range(params, "Protocol", PROTOCOL_MIN, PROTOCOL_MAX)
    source_ports = _optional_ports(params, "SourcePortRange")
    destination_ports = _optional_ports(params, "DestinationPortRange")
    source_cidr = optional_string(params, "SourceCidrBlock")
    destination_cidr = optional_string(params, "DestinationCidrBlock")
    description = optional_string(params, "Description")
    fields = check_rule(
        RuleFields(
            direction=(
                current.direction
                if direction is None
                else _one_of("TrafficDirection", direction, DIRECTIONS)
            ),
            number=current.number if number is None else number,
            action=current.action
            if action is None
            else _one_of("RuleAction", action, RULE_ACTIONS),
            protocol=None if "protocol" in removing else _either(protocol, current.protocol),
            source_ports=(
                None
                if "source-port-range" in removing
                else _either(source_ports, current.source_ports)
            ),
            destination_ports=(
                None
                if "destination-port-range" in removing
                else _either(destination_ports, current.destination_ports)
            ),
            source_cidr=_either(source_cidr, current.source_cidr),
            destination_cidr=_either(destination_cidr, current.destination_cidr),
            description=(
                None if "description" in removing else _either(description, current.description)
            ),
        )
    )
    owner = state.filters.items[rule.filter_id]
    _check_place(state, owner, fields, rule.id)
    rule.direction = fields.direction
    rule.number = fields.number
    rule.action = fields.action
    rule.protocol = fields.protocol
    rule.source_ports = fields.source_ports
    rule.destination_ports = fields.destination_ports
    rule.source_cidr = fields.source_cidr
    rule.destination_cidr = fields.destination_cidr
    rule.description = fields.description
    return {"TrafficMirrorFilterRule": rule_item(context, state, rule)}


def _either(new: T | None, old: T) -> T:
    return old if new is None else new


def _delete_rule(context: Context, request: Request) -> dict[str, object]:
    state = context.state(request.account_id, request.region)
    rule = RULE.existing(request, state.rules)
    state.remove_rule(rule.id)
    return {"TrafficMirrorFilterRuleId": rule.id}


HANDLERS: Final = {
    "CreateTrafficMirrorFilter": _create_filter,
    "CreateTrafficMirrorFilterRule": _create_rule,
    "DeleteTrafficMirrorFilter": _delete_filter,
    "DeleteTrafficMirrorFilterRule": _delete_rule,
    "DescribeTrafficMirrorFilterRules": _describe_rules,
    "DescribeTrafficMirrorFilters": _describe_filters,
    "ModifyTrafficMirrorFilterNetworkServices": _modify_network_services,
    "ModifyTrafficMirrorFilterRule": _modify_rule,
}
"""The filter, rule and network-service operations and their handlers."""
