"""What the command line knows about each kind of resource: declarations, not code.

A command group (``sessions``, ``targets``, ``filters``, ``filters rules``) is
a `Resource`: the Describe call and its members in botocore's model, the
filter names, the query builder and repository of the SDK, and how an item
looks in a table and in csv. The commands (``list``, ``get``, ``delete``,
``tag``, ``untag``) are written once over this declaration in `_app`.
``sessions list --resolve`` adds to each session its target and filter
(a `Resolution`, over the SDK's `TrafficMirror.resolve`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Protocol, cast, get_args

from botocore import xform_name
from pydantic import BaseModel

from ec2_traffic_mirror import (
    FilterFilterName,
    FilterName,
    FilterQuery,
    FilterRuleFilterName,
    FilterRulePageIterator,
    FilterRuleQuery,
    ResolvedSession,
    SessionQuery,
    TargetFilterName,
    TargetQuery,
    TrafficMirror,
    TrafficMirrorFilterRepository,
    TrafficMirrorSessionRepository,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror.cli._output import Column, Layout
from ec2_traffic_mirror.cli._shapes import ordered

if TYPE_CHECKING:
    from botocore.model import ServiceModel
    from mypy_boto3_ec2 import EC2Client

    from ec2_traffic_mirror import (
        FilterNotFoundError,
        OnInvalid,
        ResponseValidationError,
        TagsInput,
        TargetNotFoundError,
    )

__all__ = [
    "FILTERS",
    "FILTER_RULES",
    "SESSIONS",
    "TARGETS",
    "ItemPage",
    "Listing",
    "Query",
    "Repository",
    "Resolution",
    "Resource",
    "TaggedRepository",
    "item_of",
    "rule_text",
    "rules_text",
]

Item = dict[str, Any]


class Query(Protocol):
    """What the command line needs of an SDK query builder (`SessionQuery` and its kin)."""

    def tag(self, key: str, *values: str) -> Any: ...
    def tag_key(self, *keys: str) -> Any: ...
    def page_size(self, size: int) -> Any: ...
    def max_items(self, count: int) -> Any: ...
    def starting_token(self, token: str) -> Any: ...


class ItemPage(Protocol):
    """One page of a listing (the SDK's `Page`, or a page of resolved sessions)."""

    @property
    def items(self) -> Sequence[object]: ...
    @property
    def next_token(self) -> str | None: ...


class Listing(Protocol):
    """A lazy listing of pages that knows where it stopped (the SDK's page iterators)."""

    def __iter__(self) -> Iterator[ItemPage]: ...
    def __next__(self) -> ItemPage: ...
    @property
    def resume_token(self) -> str | None: ...


class Repository(Protocol):
    """What the command line needs of an SDK repository: listing and deleting."""

    def pages(self, query: Any = None, /) -> Listing: ...
    def delete(self, resource_id: str, /, *, missing_ok: bool = False) -> bool: ...
    def can_delete(self, resource_id: str, /) -> bool: ...


class TaggedRepository(Protocol):
    """What the ``tag`` and ``untag`` commands need of an SDK repository."""

    def add_tags(self, resource_id: str, tags: TagsInput, /) -> None: ...
    def can_add_tags(self, resource_id: str, tags: TagsInput, /) -> bool: ...
    def remove_tags(self, resource_id: str, keys: Iterable[str], /) -> None: ...
    def can_remove_tags(self, resource_id: str, keys: Iterable[str], /) -> bool: ...


def item_of(model: BaseModel) -> Item:
    """A model as boto3 gives the item (PascalCase members, absent ones left out)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


@dataclasses.dataclass(frozen=True)
class Resolution:
    """How a listing adds what its items point to (``sessions list --resolve``)."""

    layout: Layout
    """The table and csv of the resolved items."""
    listing: Callable[[EC2Client, OnInvalid, Any], Listing]
    """The pages of resolved items for a query, over a client."""
    item: Callable[[Any, ServiceModel], Item]
    """One resolved item as its document (the item, plus what it points to)."""


@dataclasses.dataclass(frozen=True)
class Resource:
    """One kind of resource, as the command line sees it."""

    group: str
    """The command group: ``sessions``."""
    layout: Layout
    """Its table and csv."""
    describe: str
    """The Describe operation: ``DescribeTrafficMirrorSessions``."""
    result_key: str
    """The member of the Describe output that holds the items."""
    id_member: str
    """The item's id member: ``TrafficMirrorSessionId``."""
    ids_member: str
    """The Describe input member of ids: ``TrafficMirrorSessionIds``.

    Its flag is the AWS CLI's: ``--traffic-mirror-session-ids``."""
    ids_short_flag: str
    """The project's short, repeatable spelling of the ids flag: ``--session-ids``."""
    id_metavar: str
    """``SESSION_ID``; lower case, the name of the id argument of the SDK's methods."""
    delete: str
    """The Delete operation: ``DeleteTrafficMirrorSession``."""
    filter_names: tuple[str, ...]
    """The Describe call's filter names, one ``--NAME`` flag each."""
    integer_filters: frozenset[str]
    """The filters whose values are integers."""
    new_query: Callable[[], Any]
    """An empty SDK query: ``SessionQuery``."""
    ids_method: str
    """The query method that takes ids: ``session_ids``."""
    repository: Callable[[EC2Client, OnInvalid], Repository]
    """The SDK repository over a client."""
    tagged: Callable[[EC2Client], TaggedRepository] | None = None
    """The SDK repository that tags this resource, if the command line tags it.

    Over a client made on first use (`_app`), so it leaves the client alone
    until a call (``fast_parse=False``: tag calls are not Describe calls)."""
    filter_flags: Mapping[str, str] = dataclasses.field(default_factory=dict[str, str])
    """The flag of a filter whose ``--NAME`` is taken by a member of the call."""
    scope_flag: tuple[str, str, str] | None = None
    """A member of the Describe call that takes one id: (flag, query method, help)."""
    resolution: Resolution | None = None
    """What ``list --resolve`` adds to each item, where it has that flag."""

    @property
    def ids_flag(self) -> str:
        """``--traffic-mirror-session-ids``: the AWS CLI's spelling."""
        return "--" + xform_name(self.ids_member, "-")

    @property
    def plural(self) -> str:
        """``sessions``, ``filter rules``: for help and messages."""
        return self.layout.noun + "s"

    @property
    def id_argument(self) -> str:
        """The name of the SDK methods' id argument: ``session_id``."""
        return self.id_metavar.lower()

    def filter_flag(self, name: str) -> str:
        """The flag of filter ``name``: ``--NAME``, unless a member of the call has it."""
        return self.filter_flags.get(name, f"--{name}")

    def filter_method(self, query: Any, name: str) -> Callable[..., Any]:
        """The query's method for filter ``name`` (``packet-length`` -> ``packet_length``)."""
        method: Callable[..., Any] = getattr(query, name.replace("-", "_"))
        return method


# -- how targets and rules read in a table -----------------------------------------------

_PROTOCOLS: Final = {1: "icmp", 6: "tcp", 17: "udp", 58: "icmpv6"}
_ANYWHERE: Final = frozenset({"0.0.0.0/0", "::/0"})
_DESTINATION_MEMBERS: Final = (
    "NetworkInterfaceId",
    "NetworkLoadBalancerArn",
    "GatewayLoadBalancerEndpointId",
)


def _destination(target: Mapping[str, Any]) -> object:
    """Where a target sends the traffic: its interface, load balancer ARN or endpoint."""
    return next((target[m] for m in _DESTINATION_MEMBERS if target.get(m) is not None), None)


def _ports(port_range: object) -> str | None:
    if not isinstance(port_range, Mapping):
        return None
    ends = cast("Mapping[str, object]", port_range)
    low, high = ends.get("FromPort"), ends.get("ToPort")
    return f"{low}" if low == high else f"{low}-{high}"


def _end(cidr: object, port_range: object) -> str | None:
    """``10.0.0.0/8``, ``*:443``, ``[2001:db8::/32]:53``; ``None`` for any address, any port."""
    address = "*" if cidr is None or cidr in _ANYWHERE else str(cidr)
    ports = _ports(port_range)
    if ports is None:
        return None if address == "*" else address
    return f"[{address}]:{ports}" if ":" in address else f"{address}:{ports}"


def _protocol(number: object) -> str:
    """``all`` (no protocol: every one), ``tcp``, ``udp``, ``icmp``, ``icmpv6``, or the number."""
    if number is None:
        return "all"
    return _PROTOCOLS.get(number, str(number)) if isinstance(number, int) else str(number)


def rule_text(rule: Mapping[str, Any]) -> str:
    """A filter rule in one short line: ``in 100 accept tcp from 10.0.0.0/8 to *:443``.

    ``in``/``out`` (ingress, egress), the rule number, the action, the protocol
    (``all`` when the rule has none, ``tcp``, ``udp``, ``icmp``, ``icmpv6``, or
    its number), then the source and destination when they are not any
    address and any port (``*``: any address).
    """
    direction = str(rule.get("TrafficDirection"))
    words = [
        {"ingress": "in", "egress": "out"}.get(direction, direction),
        str(rule.get("RuleNumber")),
        str(rule.get("RuleAction")),
        _protocol(rule.get("Protocol")),
    ]
    source = _end(rule.get("SourceCidrBlock"), rule.get("SourcePortRange"))
    destination = _end(rule.get("DestinationCidrBlock"), rule.get("DestinationPortRange"))
    if source is not None:
        words += ["from", source]
    if destination is not None:
        words += ["to", destination]
    return " ".join(words)


def rules_text(filter_item: Mapping[str, Any]) -> str | None:
    """A filter's rules (``rule_text``), ingress then egress, by rule number; ``None``: none."""
    texts: list[str] = []
    for member in ("IngressFilterRules", "EgressFilterRules"):
        rules: list[Mapping[str, Any]] = list(filter_item.get(member) or [])
        texts.extend(rule_text(rule) for rule in sorted(rules, key=_rule_number))
    return "; ".join(texts) or None


def _rule_number(rule: Mapping[str, Any]) -> int:
    number = rule.get("RuleNumber")
    return number if isinstance(number, int) else 0


def _services(filter_item: Mapping[str, Any]) -> str | None:
    listed: list[object] = filter_item.get("NetworkServices") or []
    services = [str(service) for service in listed]
    return ", ".join(services) or None


# -- sessions ------------------------------------------------------------------------------


def _session_repository(client: EC2Client, on_invalid: OnInvalid) -> Repository:
    return TrafficMirrorSessionRepository(client, on_invalid=on_invalid)


def _tagged_sessions(client: EC2Client) -> TaggedRepository:
    return TrafficMirrorSessionRepository(client, fast_parse=False)


_SESSION_COLUMNS: Final = (
    Column("SESSION", "TrafficMirrorSessionId"),
    Column("INTERFACE", "NetworkInterfaceId"),
    Column("TARGET", "TrafficMirrorTargetId"),
    Column("FILTER", "TrafficMirrorFilterId"),
    Column("NUMBER", "SessionNumber"),
    Column("PACKET", "PacketLength", absent="whole"),
    Column("VNI", "VirtualNetworkId"),
    Column("DESCRIPTION", "Description"),
    Column("TAGS", "Tags", absent=""),
)
_SESSION_CSV: Final = (
    "TrafficMirrorSessionId",
    "TrafficMirrorTargetId",
    "TrafficMirrorFilterId",
    "NetworkInterfaceId",
    "OwnerId",
    "SessionNumber",
    "PacketLength",
    "VirtualNetworkId",
    "Description",
    "Tags",
)

# A resolved session is the session's document plus, as AWS names them in the
# documents of CreateTrafficMirrorTarget and CreateTrafficMirrorFilter, its
# TrafficMirrorTarget and TrafficMirrorFilter (keys in botocore's order); a
# target or filter that could not be had is TrafficMirrorTargetError (or
# TrafficMirrorFilterError) instead: {"Code": ..., "Message": ...}, as AWS
# writes an error in a document (UnsuccessfulItemError).
_TARGET: Final = "TrafficMirrorTarget"
_FILTER: Final = "TrafficMirrorFilter"


def _error_document(
    error: TargetNotFoundError | FilterNotFoundError | ResponseValidationError,
) -> dict[str, str]:
    code = getattr(error, "code", None) or type(error).__name__
    message = getattr(error, "message", None) or str(error)
    return {"Code": str(code), "Message": " ".join(str(message).split())}


def _resolved_item(entry: ResolvedSession, model: ServiceModel) -> Item:
    item = item_of(entry.session)
    if entry.target is not None:
        item[_TARGET] = ordered(item_of(entry.target), model.shape_for(_TARGET))
    elif entry.target_error is not None:
        item[_TARGET + "Error"] = _error_document(entry.target_error)
    if entry.filter is not None:
        item[_FILTER] = ordered(item_of(entry.filter), model.shape_for(_FILTER))
    elif entry.filter_error is not None:
        item[_FILTER + "Error"] = _error_document(entry.filter_error)
    return item


def _missing(item: Item, member: str) -> str | None:
    error: Mapping[str, object] | None = item.get(member + "Error")
    if error is None:
        return None
    code = str(error.get("Code"))
    return "(not found)" if code.endswith("NotFound") else f"({code})"


def _target_type(item: Item) -> object:
    target: Mapping[str, Any] = item.get(_TARGET) or {}
    return target.get("Type")


def _target_destination(item: Item) -> object:
    target: Mapping[str, Any] | None = item.get(_TARGET)
    return _missing(item, _TARGET) if target is None else _destination(target)


def _filter_rules(item: Item) -> object:
    filter_item: Mapping[str, Any] | None = item.get(_FILTER)
    if filter_item is None:
        return _missing(item, _FILTER)
    return rules_text(filter_item) or "(no rules)"


def _filter_services(item: Item) -> object:
    filter_item: Mapping[str, Any] = item.get(_FILTER) or {}
    return _services(filter_item)


@dataclasses.dataclass(frozen=True)
class _ResolvedPage:
    items: tuple[ResolvedSession, ...]
    next_token: str | None


class _ResolvedPages:
    """Pages of sessions, each resolved to its targets and filters (`TrafficMirror.resolve`).

    Each page costs the calls ``resolve`` makes for it (one per 200 targets,
    one per 200 filters it points to). ``resume_token`` is where the pages
    handed out end: after a failure to resolve a page, that page's start.
    """

    def __init__(self, mirror: TrafficMirror, query: Any) -> None:
        self._mirror = mirror
        self._pages = mirror.sessions.pages(query)
        self._token = self._pages.resume_token

    def __iter__(self) -> _ResolvedPages:
        return self

    def __next__(self) -> _ResolvedPage:
        try:
            page = next(self._pages)
        except StopIteration:
            raise
        except BaseException:
            self._token = self._pages.resume_token
            raise
        entries = tuple(self._mirror.resolve(page.items))
        self._token = page.next_token
        return _ResolvedPage(entries, page.next_token)

    @property
    def resume_token(self) -> str | None:
        return self._token


def _resolved_listing(client: EC2Client, on_invalid: OnInvalid, query: Any) -> Listing:
    return _ResolvedPages(TrafficMirror(client, on_invalid=on_invalid), query)


RESOLVED_SESSIONS: Final = Resolution(
    layout=Layout(
        noun="session",
        columns=(
            Column("SESSION", "TrafficMirrorSessionId"),
            Column("INTERFACE", "NetworkInterfaceId"),
            Column("NUMBER", "SessionNumber"),
            Column("TARGET", "TrafficMirrorTargetId"),
            Column("TYPE", "TargetType"),
            Column("DESTINATION", "TargetDestination"),
            Column("FILTER", "TrafficMirrorFilterId"),
            Column("RULES", "FilterRules"),
            Column("SERVICES", "FilterNetworkServices", absent=""),
        ),
        csv_columns=(
            *_SESSION_CSV,
            "TargetType",
            "TargetDestination",
            "FilterRules",
            "FilterNetworkServices",
        ),
        computed={
            "TargetType": _target_type,
            "TargetDestination": _target_destination,
            "FilterRules": _filter_rules,
            "FilterNetworkServices": _filter_services,
        },
    ),
    listing=_resolved_listing,
    item=_resolved_item,
)
"""Sessions with their targets and filters."""

SESSIONS = Resource(
    group="sessions",
    layout=Layout(noun="session", columns=_SESSION_COLUMNS, csv_columns=_SESSION_CSV),
    describe="DescribeTrafficMirrorSessions",
    result_key="TrafficMirrorSessions",
    id_member="TrafficMirrorSessionId",
    ids_member="TrafficMirrorSessionIds",
    ids_short_flag="--session-ids",
    id_metavar="SESSION_ID",
    delete="DeleteTrafficMirrorSession",
    filter_names=get_args(FilterName),
    integer_filters=frozenset({"packet-length", "session-number", "virtual-network-id"}),
    new_query=SessionQuery,
    ids_method="session_ids",
    repository=_session_repository,
    tagged=_tagged_sessions,
    resolution=RESOLVED_SESSIONS,
)
"""Traffic Mirror sessions."""


# -- targets -------------------------------------------------------------------------------


def _target_repository(client: EC2Client, on_invalid: OnInvalid) -> Repository:
    return TrafficMirrorTargetRepository(client, on_invalid=on_invalid)


def _tagged_targets(client: EC2Client) -> TaggedRepository:
    return TrafficMirrorTargetRepository(client, fast_parse=False)


TARGETS = Resource(
    group="targets",
    layout=Layout(
        noun="target",
        columns=(
            Column("TARGET", "TrafficMirrorTargetId"),
            Column("TYPE", "Type"),
            Column("DESTINATION", "Destination"),
            Column("DESCRIPTION", "Description"),
            Column("TAGS", "Tags", absent=""),
        ),
        csv_columns=(
            "TrafficMirrorTargetId",
            "Type",
            "NetworkInterfaceId",
            "NetworkLoadBalancerArn",
            "GatewayLoadBalancerEndpointId",
            "Description",
            "OwnerId",
            "Tags",
        ),
        computed={"Destination": _destination},
    ),
    describe="DescribeTrafficMirrorTargets",
    result_key="TrafficMirrorTargets",
    id_member="TrafficMirrorTargetId",
    ids_member="TrafficMirrorTargetIds",
    ids_short_flag="--target-ids",
    id_metavar="TARGET_ID",
    delete="DeleteTrafficMirrorTarget",
    filter_names=get_args(TargetFilterName),
    integer_filters=frozenset(),
    new_query=TargetQuery,
    ids_method="target_ids",
    repository=_target_repository,
    tagged=_tagged_targets,
)
"""Traffic Mirror targets."""


# -- filters and their rules ---------------------------------------------------------------


def _filter_repository(client: EC2Client, on_invalid: OnInvalid) -> Repository:
    return TrafficMirrorFilterRepository(client, on_invalid=on_invalid)


def _tagged_filters(client: EC2Client) -> TaggedRepository:
    return TrafficMirrorFilterRepository(client, fast_parse=False)


FILTERS = Resource(
    group="filters",
    layout=Layout(
        noun="filter",
        columns=(
            Column("FILTER", "TrafficMirrorFilterId"),
            Column("RULES", "Rules", absent="(no rules)"),
            Column("SERVICES", "Services", absent=""),
            Column("DESCRIPTION", "Description"),
            Column("TAGS", "Tags", absent=""),
        ),
        csv_columns=(
            "TrafficMirrorFilterId",
            "IngressFilterRules",
            "EgressFilterRules",
            "NetworkServices",
            "Description",
            "Tags",
        ),
        computed={"Rules": rules_text, "Services": _services},
        detail_lines={"IngressFilterRules": rule_text, "EgressFilterRules": rule_text},
    ),
    describe="DescribeTrafficMirrorFilters",
    result_key="TrafficMirrorFilters",
    id_member="TrafficMirrorFilterId",
    ids_member="TrafficMirrorFilterIds",
    ids_short_flag="--filter-ids",
    id_metavar="FILTER_ID",
    delete="DeleteTrafficMirrorFilter",
    filter_names=get_args(FilterFilterName),
    integer_filters=frozenset(),
    new_query=FilterQuery,
    ids_method="filter_ids",
    repository=_filter_repository,
    tagged=_tagged_filters,
)
"""Traffic Mirror filters (with their rules and network services)."""


class _Rules:
    """The filter repository's rule methods, under the names the generic commands call."""

    def __init__(self, filters: TrafficMirrorFilterRepository) -> None:
        self._filters = filters

    def pages(self, query: FilterRuleQuery | None = None, /) -> FilterRulePageIterator:
        return self._filters.rule_pages(query)

    def delete(self, rule_id: str, /, *, missing_ok: bool = False) -> bool:
        return self._filters.delete_rule(rule_id, missing_ok=missing_ok)

    def can_delete(self, rule_id: str, /) -> bool:
        return self._filters.can_delete_rule(rule_id)


def _rule_repository(client: EC2Client, on_invalid: OnInvalid) -> Repository:
    return _Rules(TrafficMirrorFilterRepository(client, on_invalid=on_invalid))


FILTER_RULES = Resource(
    group="rules",
    layout=Layout(
        noun="filter rule",
        columns=(
            Column("RULE", "TrafficMirrorFilterRuleId"),
            Column("FILTER", "TrafficMirrorFilterId"),
            Column("DIRECTION", "TrafficDirection"),
            Column("NUMBER", "RuleNumber"),
            Column("ACTION", "RuleAction"),
            Column("PROTOCOL", "ProtocolName"),
            Column("SOURCE", "Source"),
            Column("DESTINATION", "Destination"),
            Column("DESCRIPTION", "Description"),
        ),
        csv_columns=(
            "TrafficMirrorFilterRuleId",
            "TrafficMirrorFilterId",
            "TrafficDirection",
            "RuleNumber",
            "RuleAction",
            "Protocol",
            "SourceCidrBlock",
            "SourcePortRange",
            "DestinationCidrBlock",
            "DestinationPortRange",
            "Description",
            "Tags",
        ),
        computed={
            "ProtocolName": lambda rule: _protocol(rule.get("Protocol")),
            "Source": lambda rule: (
                _end(rule.get("SourceCidrBlock"), rule.get("SourcePortRange")) or "*"
            ),
            "Destination": lambda rule: (
                _end(rule.get("DestinationCidrBlock"), rule.get("DestinationPortRange")) or "*"
            ),
        },
    ),
    describe="DescribeTrafficMirrorFilterRules",
    result_key="TrafficMirrorFilterRules",
    id_member="TrafficMirrorFilterRuleId",
    ids_member="TrafficMirrorFilterRuleIds",
    ids_short_flag="--rule-ids",
    id_metavar="RULE_ID",
    delete="DeleteTrafficMirrorFilterRule",
    filter_names=get_args(FilterRuleFilterName),
    integer_filters=frozenset({"protocol", "rule-number"}),
    new_query=FilterRuleQuery,
    ids_method="filter_rule_ids",
    repository=_rule_repository,
    # The call's own TrafficMirrorFilterId member has the AWS CLI's flag
    # --traffic-mirror-filter-id; the filter of that name gets --filter-id.
    filter_flags={"traffic-mirror-filter-id": "--filter-id"},
    scope_flag=(
        "--traffic-mirror-filter-id",
        "filter_id",
        "The rules of this filter (tmf-...): the call's TrafficMirrorFilterId, as in the AWS"
        " CLI (AWS answers NotFound for an unknown filter). --filter-id is the filter"
        " traffic-mirror-filter-id: repeatable, unknown ids match nothing.",
    ),
)
"""The rules of Traffic Mirror filters (``filters rules``)."""
