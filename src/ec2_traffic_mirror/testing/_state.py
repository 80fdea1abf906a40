"""The fake's store: the Traffic Mirror resources of one account in one region.

Plain records and the invariants between them, nothing about the wire: which
sessions use a target, a filter or a source interface (kept as counters, so
referential checks and quotas cost nothing), a filter's rules, creation order
(an ordinal per record, the listing order), ``ClientToken`` memory, the VNIs
assigned. Tags live in moto's EC2 tag store (``tags``, shared with moto), so
plain ``describe_tags`` sees them; the store removes a resource's tags with it.

One `RegionState` exists per (account, region), kept with moto's EC2 backend of
that account and region (see ``_moto.region_state``): it lives and dies with
moto's own data, is shared by nested fakes and the HTTP server, and several
accounts (assumed roles) each have their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Final, Generic, Literal, Protocol, TypeVar

__all__ = [
    "DIRECTIONS",
    "NETWORK_SERVICES",
    "RULE_ACTIONS",
    "TARGET_TYPES",
    "FilterRecord",
    "PortRange",
    "Record",
    "RegionState",
    "RuleRecord",
    "SessionRecord",
    "Store",
    "TargetRecord",
    "TargetType",
]

TargetType = Literal["network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"]
TARGET_TYPES: Final[tuple[TargetType, ...]] = (
    "network-interface",
    "network-load-balancer",
    "gateway-load-balancer-endpoint",
)
"""The target types, in the API's order."""
DIRECTIONS: Final = ("ingress", "egress")
"""A rule's ``TrafficDirection`` values."""
RULE_ACTIONS: Final = ("accept", "reject")
"""A rule's ``RuleAction`` values."""
NETWORK_SERVICES: Final = ("amazon-dns",)
"""The network services a filter can mirror."""

PortRange = tuple[int, int]
"""``(FromPort, ToPort)``."""


class Record(Protocol):
    """What every record has: its id and its place in creation order."""

    @property
    def id(self) -> str: ...

    @property
    def ordinal(self) -> int: ...


@dataclass(slots=True)
class TargetRecord:
    """A Traffic Mirror target: one network interface, NLB or GWLB endpoint."""

    id: str
    ordinal: int
    type: TargetType
    resource_id: str
    """The network interface id, the NLB's ARN or the GWLB endpoint id (by ``type``)."""
    description: str | None


@dataclass(slots=True)
class RuleRecord:
    """One rule of a filter."""

    id: str
    ordinal: int
    filter_id: str
    direction: str
    number: int
    action: str
    protocol: int | None
    source_ports: PortRange | None
    destination_ports: PortRange | None
    source_cidr: str
    destination_cidr: str
    description: str | None


@dataclass(slots=True)
class FilterRecord:
    """A Traffic Mirror filter; its rules are in the store's rules, keyed here by id."""

    id: str
    ordinal: int
    description: str | None
    network_services: list[str] = field(default_factory=list[str])
    rule_ids: list[str] = field(default_factory=list[str])


@dataclass(slots=True)
class SessionRecord:
    """A Traffic Mirror session."""

    id: str
    ordinal: int
    network_interface_id: str
    target_id: str
    filter_id: str
    session_number: int
    packet_length: int | None
    virtual_network_id: int | None
    description: str | None


R = TypeVar("R", bound=Record)


class Store(Generic[R]):
    """The records of one kind, in creation order, with a cached listing for paging."""

    def __init__(self) -> None:
        self.items: dict[str, R] = {}
        self.version = 0
        self._listing: tuple[int, list[R], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.items

    def __iter__(self) -> Iterator[R]:
        return iter(self.items.values())

    def get(self, record_id: str) -> R | None:
        """The record with this id, if any."""
        return self.items.get(record_id)

    def add(self, record: R) -> None:
        """Store a new record (it goes last: ordinals only grow)."""
        self.items[record.id] = record
        self.version += 1

    def remove(self, record_id: str) -> R | None:
        """Forget a record; the others keep their places."""
        record = self.items.pop(record_id, None)
        if record is not None:
            self.version += 1
        return record

    def clear(self) -> None:
        """Forget every record."""
        self.items.clear()
        self.version += 1

    def listing(self) -> tuple[list[R], list[int]]:
        """The records in order and their ordinals (sorted), rebuilt only after a change."""
        cached = self._listing
        if cached is not None and cached[0] == self.version:
            return cached[1], cached[2]
        records = list(self.items.values())
        ordinals = [record.ordinal for record in records]
        self._listing = (self.version, records, ordinals)
        return records, ordinals


class RegionState:
    """The Traffic Mirror resources of one account in one region, and their invariants."""

    def __init__(
        self, account_id: str, region: str, tags: MutableMapping[str, dict[str, str]]
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.tags = tags
        """moto's tag store of this account and region: resource id -> key -> value."""
        self.targets: Store[TargetRecord] = Store()
        self.filters: Store[FilterRecord] = Store()
        self.rules: Store[RuleRecord] = Store()
        self.sessions: Store[SessionRecord] = Store()
        self.sessions_per_interface: Counter[str] = Counter()
        self.sessions_per_target: Counter[str] = Counter()
        self.sessions_per_filter: Counter[str] = Counter()
        self.client_tokens: dict[tuple[str, str], tuple[str, tuple[object, ...]]] = {}
        """(operation, ClientToken) -> (resource id, the request's parameters)."""
        self.seeded_interfaces: list[str] = []
        """Network interfaces the fake made in moto for seeding: removed by ``clear()``."""
        self.vnis_assigned = 0
        self._next_ordinal = 0

    def next_ordinal(self) -> int:
        """The ordinal of the next record: creation order across every kind."""
        ordinal = self._next_ordinal
        self._next_ordinal += 1
        return ordinal

    # -- tags -------------------------------------------------------------------------------

    def tags_of(self, resource_id: str) -> dict[str, str]:
        """A resource's tags, without adding an empty entry to moto's defaultdict."""
        return self.tags.get(resource_id) or {}

    def set_tags(self, resource_id: str, tags: dict[str, str]) -> None:
        """Give a new resource its tags (none: no entry at all, as moto has it)."""
        if tags:
            self.tags[resource_id] = tags

    # -- targets ----------------------------------------------------------------------------

    def target_using(self, target_type: str, resource_id: str) -> TargetRecord | None:
        """The target already made for this NLB (or interface, or endpoint), if any."""
        for target in self.targets:
            if target.type == target_type and target.resource_id == resource_id:
                return target
        return None

    def remove_target(self, target_id: str) -> None:
        """Delete a target (the caller checked that no session uses it) and its tags."""
        self.targets.remove(target_id)
        self.tags.pop(target_id, None)

    # -- filters and rules ------------------------------------------------------------------

    def rules_of(self, filter_record: FilterRecord) -> list[RuleRecord]:
        """A filter's rules, in creation order."""
        rules = self.rules.items
        return [rules[rule_id] for rule_id in filter_record.rule_ids]

    def add_rule(self, rule: RuleRecord) -> None:
        """Store a rule and list it under its filter."""
        self.rules.add(rule)
        self.filters.items[rule.filter_id].rule_ids.append(rule.id)

    def remove_rule(self, rule_id: str) -> None:
        """Delete a rule and its tags."""
        rule = self.rules.remove(rule_id)
        if rule is None:
            return
        owner = self.filters.get(rule.filter_id)
        if owner is not None:
            owner.rule_ids.remove(rule_id)
        self.tags.pop(rule_id, None)

    def remove_filter(self, filter_id: str) -> None:
        """Delete a filter with its rules, and their tags (no session may use it)."""
        record = self.filters.get(filter_id)
        if record is None:
            return
        for rule_id in list(record.rule_ids):
            self.remove_rule(rule_id)
        self.filters.remove(filter_id)
        self.tags.pop(filter_id, None)

    # -- sessions ---------------------------------------------------------------------------

    def add_session(self, session: SessionRecord) -> None:
        """Store a session and count what it uses."""
        self.sessions.add(session)
        self.sessions_per_interface[session.network_interface_id] += 1
        self.sessions_per_target[session.target_id] += 1
        self.sessions_per_filter[session.filter_id] += 1

    def retarget(self, session: SessionRecord, target_id: str, filter_id: str) -> None:
        """Point a session to another target and filter, keeping the counts right."""
        _move(self.sessions_per_target, session.target_id, target_id)
        _move(self.sessions_per_filter, session.filter_id, filter_id)
        session.target_id = target_id
        session.filter_id = filter_id

    def remove_session(self, session_id: str) -> None:
        """Delete a session and its tags."""
        session = self.sessions.remove(session_id)
        if session is None:
            return
        _decrement(self.sessions_per_interface, session.network_interface_id)
        _decrement(self.sessions_per_target, session.target_id)
        _decrement(self.sessions_per_filter, session.filter_id)
        self.tags.pop(session_id, None)

    # -- everything -------------------------------------------------------------------------

    def resource_ids(self) -> Iterator[str]:
        """Every Traffic Mirror resource id in this account and region."""
        for store in (self.sessions, self.targets, self.filters, self.rules):
            yield from store.items

    def clear(self) -> list[str]:
        """Forget every resource and its tags; returns the seeded interfaces to delete."""
        for resource_id in list(self.resource_ids()):
            self.tags.pop(resource_id, None)
        for store in (self.sessions, self.targets, self.filters, self.rules):
            store.clear()
        self.sessions_per_interface.clear()
        self.sessions_per_target.clear()
        self.sessions_per_filter.clear()
        self.client_tokens.clear()
        self.vnis_assigned = 0
        seeded, self.seeded_interfaces = self.seeded_interfaces, []
        return seeded


def _decrement(counter: Counter[str], key: str) -> None:
    counter[key] -= 1
    if counter[key] <= 0:
        del counter[key]


def _move(counter: Counter[str], old: str, new: str) -> None:
    if old != new:
        _decrement(counter, old)
        counter[new] += 1
