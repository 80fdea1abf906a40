"""Bulk seeding: valid resources stored directly (no HTTP, no request parsing).

Seeding checks what AWS would refuse (ranges, tag rules, quotas, references
between Traffic Mirror resources) and raises ``ValueError`` for it, so a seeded
estate is one AWS could hold. Network interfaces a target or session names are
made in moto when missing (in the region's default subnet), so nothing dangles.
Load balancers and endpoints that seeded targets name are not checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Final, Literal, TypeVar

from typing_extensions import NotRequired, Required, TypedDict

from ec2_traffic_mirror._models import (
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    TAG_KEY_MAX_LENGTH,
    TAG_KEY_MIN_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
    is_reserved_tag_key,
)
from ec2_traffic_mirror.testing._context import (
    RULES_PER_FILTER,
    SESSIONS_PER_INTERFACE,
    Quotas,
)
from ec2_traffic_mirror.testing._filters import RuleFields, check_rule
from ec2_traffic_mirror.testing._moto import (
    create_network_interfaces,
    network_interface_exists,
    new_id,
)
from ec2_traffic_mirror.testing._sessions import assign_vni
from ec2_traffic_mirror.testing._state import (
    NETWORK_SERVICES,
    TARGET_TYPES,
    FilterRecord,
    RegionState,
    RuleRecord,
    SessionRecord,
    TargetRecord,
    TargetType,
)
from ec2_traffic_mirror.testing._targets import NLB_ARN
from ec2_traffic_mirror.testing._wire import ApiError, check_tags

__all__ = [
    "FilterRuleSpec",
    "PortRangeSpec",
    "seed_filters",
    "seed_network_interfaces",
    "seed_sessions",
    "seed_targets",
]

_DEFAULT_TARGETS: Final = 10
_DEFAULT_FILTERS: Final = 5
T = TypeVar("T")


class PortRangeSpec(TypedDict):
    """A rule's port range, as ``CreateTrafficMirrorFilterRule`` takes it."""

    FromPort: int
    ToPort: int


class FilterRuleSpec(TypedDict):
    """A rule to seed, in ``CreateTrafficMirrorFilterRule``'s shape (no filter id)."""

    TrafficDirection: Required[Literal["ingress", "egress"]]
    RuleNumber: Required[int]
    RuleAction: Required[Literal["accept", "reject"]]
    SourceCidrBlock: Required[str]
    DestinationCidrBlock: Required[str]
    Protocol: NotRequired[int]
    SourcePortRange: NotRequired[PortRangeSpec]
    DestinationPortRange: NotRequired[PortRangeSpec]
    Description: NotRequired[str]


# -- shared checks ----------------------------------------------------------------------------


def _count(count: int) -> None:
    if isinstance(count, bool) or count < 0:
        raise ValueError(f"count must be >= 0, got {count!r}")


def _ids(name: str, ids: Sequence[str] | None, count: int, prefix: str) -> list[str | None]:
    """The ids the caller chose (``None`` for each: a fresh one)."""
    if ids is None:
        return [None] * count
    if len(ids) != count:
        raise ValueError(f"{name} must have one id per item: {len(ids)} ids for count={count}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"{name} must not repeat an id")
    for value in ids:
        if not value.startswith(prefix) or not _is_hex_id(value[len(prefix) :]):
            raise ValueError(f"{name}: {value!r} is not of the form '{prefix}' and hex digits")
    return list(ids)


def _fresh(noun: str, chosen: Sequence[str | None], existing: Mapping[str, object]) -> None:
    for value in chosen:
        if value is not None and value in existing:
            raise ValueError(f"ids: the {noun} {value} already exists")


def _is_hex_id(suffix: str) -> bool:
    return len(suffix) in (8, 17) and all(char in "0123456789abcdef" for char in suffix)


def _not_empty(name: str, values: Sequence[object] | None) -> None:
    if values is not None and len(values) == 0:
        raise ValueError(f"{name} must not be empty")


def _in_range(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name}: {value!r} is outside {low} to {high}")


def _cycle(values: Sequence[T], index: int) -> T:
    return values[index % len(values)]


def _quota(name: str, have: int, adding: int, quota: int) -> None:
    if have + adding > quota:
        raise ValueError(
            f"seeding {adding} {name} would exceed the quota of {quota} per account"
            f" and region ({have} already there)"
        )


def tag_maker(
    prefix: str,
    tags: Mapping[str, str] | None,
    tags_per_item: int,
    system_tags: Mapping[str, str] | None,
) -> Callable[[int], dict[str, str]]:
    """Checks the tag options once; gives item ``i``'s tags.

    ``tags`` go on every item, then ``tags_per_item`` more ``{prefix}-{k}`` =
    ``"{i}-{k}"``, then ``system_tags`` (``aws:`` keys only, outside the 50 limit).
    """
    common = dict(tags or {})
    if tags_per_item < 0:
        raise ValueError(f"tags per item must be >= 0, got {tags_per_item}")
    try:
        check_tags([*common.items(), *((f"{prefix}-{k}", "") for k in range(tags_per_item))])
    except ApiError as error:
        raise ValueError(error.message) from None
    system = dict(system_tags or {})
    for key, value in system.items():
        if not is_reserved_tag_key(key):
            raise ValueError(f"system_tags: key {key!r} does not begin with 'aws:'")
        if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
            raise ValueError(
                f"system_tags: key {key!r} is not {TAG_KEY_MIN_LENGTH} to"
                f" {TAG_KEY_MAX_LENGTH} characters long"
            )
        if len(value) > TAG_VALUE_MAX_LENGTH:
            raise ValueError(
                f"system_tags: the value of {key!r} is over {TAG_VALUE_MAX_LENGTH} characters"
            )
    keys = [f"{prefix}-{k}" for k in range(tags_per_item)]

    def make(index: int) -> dict[str, str]:
        made = dict(common)
        for k, key in enumerate(keys):
            made[key] = f"{index}-{k}"
        made.update(system)
        return made

    return make


def _interfaces(state: RegionState, wanted: Sequence[str | None], description: str) -> list[str]:
    """These network interfaces, made in moto where missing (each ``None``: a new one)."""
    account, region = state.account_id, state.region
    named = dict.fromkeys(eni for eni in wanted if eni is not None)
    missing = [eni for eni in named if not network_interface_exists(account, region, eni)]
    fresh_count = sum(1 for eni in wanted if eni is None)
    if missing or fresh_count:
        made = create_network_interfaces(
            account, region, [*missing, *([None] * fresh_count)], description
        )
        state.seeded_interfaces.extend(made)
        fresh = iter(made[len(missing) :])
    else:
        fresh = iter(())
    return [eni if eni is not None else next(fresh) for eni in wanted]


# -- network interfaces -----------------------------------------------------------------------


def seed_network_interfaces(
    state: RegionState, count: int, *, ids: Sequence[str] | None, description: str
) -> list[str]:
    """New network interfaces in moto's default subnet of the region."""
    _count(count)
    chosen = _ids("ids", ids, count, "eni-")
    for eni in chosen:
        if eni is not None and network_interface_exists(state.account_id, state.region, eni):
            raise ValueError(f"ids: the network interface {eni} already exists")
    made = create_network_interfaces(state.account_id, state.region, chosen, description)
    state.seeded_interfaces.extend(made)
    return made


# -- targets ----------------------------------------------------------------------------------


def seed_targets(
    state: RegionState,
    quotas: Quotas,
    count: int,
    *,
    ids: Sequence[str] | None,
    types: Sequence[TargetType],
    network_interface_ids: Sequence[str] | None,
    network_load_balancer_arns: Sequence[str] | None,
    gateway_load_balancer_endpoint_ids: Sequence[str] | None,
    description: str | None,
    tags: Callable[[int], dict[str, str]],
) -> list[str]:
    """``count`` targets; target ``i`` has type ``types[i % len]``."""
    _count(count)
    chosen = _ids("ids", ids, count, "tmt-")
    _fresh("target", chosen, state.targets.items)
    _not_empty("types", types)
    for target_type in types:
        if target_type not in TARGET_TYPES:
            raise ValueError(f"types: {target_type!r} is not one of {', '.join(TARGET_TYPES)}")
    given: dict[TargetType, tuple[str, Sequence[str] | None]] = {
        "network-interface": ("network_interface_ids", network_interface_ids),
        "network-load-balancer": ("network_load_balancer_arns", network_load_balancer_arns),
        "gateway-load-balancer-endpoint": (
            "gateway_load_balancer_endpoint_ids",
            gateway_load_balancer_endpoint_ids,
        ),
    }
    for target_type, (name, values) in given.items():
        _not_empty(name, values)
        if values is not None and target_type not in types:
            raise ValueError(f"{name} given, but types has no {target_type}")
    _quota("targets", len(state.targets), count, quotas.targets)
    kinds: list[TargetType] = [_cycle(types, index) for index in range(count)]
    per_type: dict[TargetType, int] = dict.fromkeys(TARGET_TYPES, 0)
    positions: list[int] = []
    for kind in kinds:
        positions.append(per_type[kind])
        per_type[kind] += 1
    resources: dict[TargetType, list[str]] = {}
    enis = network_interface_ids
    wanted_enis: list[str | None] = [
        _cycle(enis, n) if enis else None for n in range(per_type["network-interface"])
    ]
    resources["network-interface"] = _interfaces(state, wanted_enis, "seeded target interface")
    arns = network_load_balancer_arns
    resources["network-load-balancer"] = [
        _cycle(arns, n)
        if arns
        else (
            f"arn:aws:elasticloadbalancing:{state.region}:{state.account_id}:"
            f"loadbalancer/net/seeded-{n}/{new_id('x')[2:18]}"
        )
        for n in range(per_type["network-load-balancer"])
    ]
    for arn in resources["network-load-balancer"]:
        if NLB_ARN.fullmatch(arn) is None:
            raise ValueError(f"network_load_balancer_arns: {arn!r} is not an NLB's ARN")
    taken = {t.resource_id for t in state.targets if t.type == "network-load-balancer"}
    if len(set(resources["network-load-balancer"])) != per_type["network-load-balancer"] or (
        taken & set(resources["network-load-balancer"])
    ):
        raise ValueError("a Network Load Balancer can be the target of one target only")
    endpoints = gateway_load_balancer_endpoint_ids
    resources["gateway-load-balancer-endpoint"] = [
        _cycle(endpoints, n) if endpoints else new_id("vpce")
        for n in range(per_type["gateway-load-balancer-endpoint"])
    ]
    made: list[str] = []
    for index, (kind, position) in enumerate(zip(kinds, positions, strict=True)):
        target = TargetRecord(
            id=chosen[index] or new_id("tmt"),
            ordinal=state.next_ordinal(),
            type=kind,
            resource_id=resources[kind][position],
            description=None if description is None else description.format(index=index),
        )
        state.targets.add(target)
        state.set_tags(target.id, tags(index))
        made.append(target.id)
    return made


# -- filters ----------------------------------------------------------------------------------


def _rule_fields(spec: FilterRuleSpec) -> RuleFields:
    def ports(name: Literal["SourcePortRange", "DestinationPortRange"]) -> tuple[int, int] | None:
        raw = spec.get(name)
        if raw is None:
            return None
        low, high = raw["FromPort"], raw["ToPort"]
        _in_range(f"{name}.FromPort", low, 0, 65535)
        _in_range(f"{name}.ToPort", high, 0, 65535)
        if low > high:
            raise ValueError(f"{name}: FromPort {low} is greater than ToPort {high}")
        return (low, high)

    try:
        return check_rule(
            RuleFields(
                direction=spec["TrafficDirection"],
                number=spec["RuleNumber"],
                action=spec["RuleAction"],
                protocol=spec.get("Protocol"),
                source_ports=ports("SourcePortRange"),
                destination_ports=ports("DestinationPortRange"),
                source_cidr=spec["SourceCidrBlock"],
                destination_cidr=spec["DestinationCidrBlock"],
                description=spec.get("Description"),
            )
        )
    except ApiError as error:
        raise ValueError(f"rules: {error.message}") from None


def seed_filters(
    state: RegionState,
    quotas: Quotas,
    count: int,
    *,
    ids: Sequence[str] | None,
    description: str | None,
    rules: Sequence[FilterRuleSpec],
    network_services: Sequence[str],
    tags: Callable[[int], dict[str, str]],
) -> list[str]:
    """``count`` filters, each with these rules and network services."""
    _count(count)
    chosen = _ids("ids", ids, count, "tmf-")
    _fresh("filter", chosen, state.filters.items)
    fields = [_rule_fields(spec) for spec in rules]
    if len(fields) > RULES_PER_FILTER:
        raise ValueError(f"rules: at most {RULES_PER_FILTER} per filter, got {len(fields)}")
    places = [(rule.direction, rule.number) for rule in fields]
    if len(set(places)) != len(places):
        raise ValueError("rules: two rules have the same direction and rule number")
    for service in network_services:
        if service not in NETWORK_SERVICES:
            raise ValueError(
                f"network_services: {service!r} is not one of {', '.join(NETWORK_SERVICES)}"
            )
    _quota("filters", len(state.filters), count, quotas.filters)
    made: list[str] = []
    for index in range(count):
        record = FilterRecord(
            id=chosen[index] or new_id("tmf"),
            ordinal=state.next_ordinal(),
            description=None if description is None else description.format(index=index),
            network_services=list(dict.fromkeys(network_services)),
        )
        state.filters.add(record)
        state.set_tags(record.id, tags(index))
        for rule in fields:
            state.add_rule(
                RuleRecord(
                    id=new_id("tmfr"),
                    ordinal=state.next_ordinal(),
                    filter_id=record.id,
                    direction=rule.direction,
                    number=rule.number,
                    action=rule.action,
                    protocol=rule.protocol,
                    source_ports=rule.source_ports,
                    destination_ports=rule.destination_ports,
                    source_cidr=rule.source_cidr,
                    destination_cidr=rule.destination_cidr,
                    description=rule.description,
                )
            )
        made.append(record.id)
    return made


# -- sessions ---------------------------------------------------------------------------------


def seed_sessions(
    state: RegionState,
    quotas: Quotas,
    count: int,
    *,
    ids: Sequence[str] | None,
    network_interface_ids: Sequence[str] | None,
    target_ids: Sequence[str] | None,
    filter_ids: Sequence[str] | None,
    session_numbers: Sequence[int] | None,
    packet_lengths: Sequence[int | None] | None,
    virtual_network_ids: Sequence[int] | None,
    description: str | None,
    tags: Callable[[int], dict[str, str]],
) -> list[str]:
    """``count`` sessions; each sequence option is cycled (session ``i`` takes ``i % len``)."""
    _count(count)
    chosen = _ids("ids", ids, count, "tms-")
    for name, values in (
        ("network_interface_ids", network_interface_ids),
        ("target_ids", target_ids),
        ("filter_ids", filter_ids),
        ("session_numbers", session_numbers),
        ("packet_lengths", packet_lengths),
        ("virtual_network_ids", virtual_network_ids),
    ):
        _not_empty(name, values)
    for number in session_numbers or ():
        _in_range("session_numbers", number, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX)
    for length in packet_lengths or ():
        if length is not None:
            _in_range("packet_lengths", length, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX)
    for vni in virtual_network_ids or ():
        _in_range("virtual_network_ids", vni, VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX)
    for target_id in target_ids or ():
        if target_id not in state.targets:
            raise ValueError(
                f"target_ids: no target {target_id} in {state.account_id} {state.region}"
                " (seed it first: seed_targets)"
            )
    for filter_id in filter_ids or ():
        if filter_id not in state.filters:
            raise ValueError(
                f"filter_ids: no filter {filter_id} in {state.account_id} {state.region}"
                " (seed it first: seed_filters)"
            )
    _quota("sessions", len(state.sessions), count, quotas.sessions)
    # Without network_interface_ids: one new interface per three sessions.
    new_sources: list[str | None] = []
    if network_interface_ids:
        wanted: list[str | None] = [_cycle(network_interface_ids, i) for i in range(count)]
    else:
        new_sources = [None] * math.ceil(count / SESSIONS_PER_INTERFACE)
        wanted = [None] * count
    per_interface = dict(state.sessions_per_interface)
    given_interfaces = [eni for eni in wanted if eni is not None]
    for eni in given_interfaces:
        per_interface[eni] = per_interface.get(eni, 0) + 1
        if per_interface[eni] > SESSIONS_PER_INTERFACE:
            raise ValueError(
                f"network_interface_ids: {eni} would have more than {SESSIONS_PER_INTERFACE}"
                " sessions (the quota per source network interface)"
            )
    _fresh("session", chosen, state.sessions.items)
    if target_ids is not None:
        chosen_targets = [state.targets.items[target_id] for target_id in target_ids]
        for index, source in enumerate(wanted):
            target = _cycle(chosen_targets, index)
            if target.type == "network-interface" and target.resource_id == source:
                raise ValueError(
                    f"session {index}: the network interface {source} is both the source"
                    f" and the target ({target.id})"
                )
    # Checked: from here on, only changes.
    if target_ids is None and count:
        target_ids = seed_targets(
            state,
            quotas,
            min(_DEFAULT_TARGETS, count),
            ids=None,
            types=("network-interface",),
            network_interface_ids=None,
            network_load_balancer_arns=None,
            gateway_load_balancer_endpoint_ids=None,
            description="seeded target {index}",
            tags=lambda index: {},
        )
    if filter_ids is None and count:
        filter_ids = seed_filters(
            state,
            quotas,
            min(_DEFAULT_FILTERS, count),
            ids=None,
            description="seeded filter {index}",
            rules=(),
            network_services=(),
            tags=lambda index: {},
        )
    targets = [state.targets.items[target_id] for target_id in target_ids or ()]
    if network_interface_ids:
        interfaces = _interfaces(state, wanted, "seeded session source")
    else:
        unique = _interfaces(state, new_sources, "seeded session source")
        interfaces = [unique[i // SESSIONS_PER_INTERFACE] for i in range(count)]
    made: list[str] = []
    for index in range(count):
        target = _cycle(targets, index)
        session = SessionRecord(
            id=chosen[index] or new_id("tms"),
            ordinal=state.next_ordinal(),
            network_interface_id=interfaces[index],
            target_id=target.id,
            filter_id=_cycle(filter_ids or (), index),
            session_number=(
                _cycle(session_numbers, index)
                if session_numbers
                else index % SESSIONS_PER_INTERFACE + 1
            ),
            packet_length=_cycle(packet_lengths, index) if packet_lengths else None,
            virtual_network_id=(
                _cycle(virtual_network_ids, index) if virtual_network_ids else assign_vni(state)
            ),
            description=None if description is None else description.format(index=index),
        )
        state.add_session(session)
        state.set_tags(session.id, tags(index))
        made.append(session.id)
    return made
