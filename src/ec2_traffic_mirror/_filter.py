"""Traffic Mirror filters and their rules: models, queries, requests and the repository.

This is the filter's room: everything particular to filters, their rules and
their network services lives here, over the shared floors (``_models``,
``_checks``, ``_query``, ``_paging``, ``_writes``, ``_repository``, ``_errors``).

A filter decides what a session mirrors: its ingress and egress rules (each
accepts or rejects traffic by protocol, ports and CIDR blocks, in ascending
rule number) and the network services it mirrors too (``amazon-dns``).
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, Optional, cast, get_args

from pydantic import AfterValidator, Field, field_serializer, model_validator

from ec2_traffic_mirror._checks import (
    FILTER,
    FILTER_RULE,
    Network,
    NetworkInput,
    check_cidr,
    check_client_token,
    check_description,
    check_enum,
    check_id,
    check_integer,
    check_tags,
    query_cidrs,
    query_enum,
    query_ids,
    query_integers,
    query_strings,
    refuse,
    same_ip_version,
    tag_specifications,
)
from ec2_traffic_mirror._errors import (
    FilterNotFoundError,
    FilterRuleNotFoundError,
    QueryError,
    call_aws,
)
from ec2_traffic_mirror._models import (
    PORT_MAX,
    PORT_MIN,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    RULE_NUMBER_MAX,
    RULE_NUMBER_MIN,
    AwsId,
    AwsModel,
    Description,
    Tag,
    TaggedModel,
    UnknownValue,
    tuple_as_list,
)
from ec2_traffic_mirror._paging import BasePage, Describe, ItemIterator, PageIterator
from ec2_traffic_mirror._query import BaseQuery, parse_starting_token
from ec2_traffic_mirror._repository import BaseRepository, checked_query, permitted
from ec2_traffic_mirror._writes import Remove, TagsInput

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client
    from mypy_boto3_ec2.type_defs import (
        CreateTrafficMirrorFilterRequestTypeDef,
        CreateTrafficMirrorFilterRuleRequestTypeDef,
        DeleteTrafficMirrorFilterRequestTypeDef,
        DeleteTrafficMirrorFilterRuleRequestTypeDef,
        DescribeTrafficMirrorFilterRulesRequestTypeDef,
        DescribeTrafficMirrorFilterRulesResultTypeDef,
        DescribeTrafficMirrorFiltersRequestPaginateTypeDef,
        DescribeTrafficMirrorFiltersResultTypeDef,
        ModifyTrafficMirrorFilterNetworkServicesRequestTypeDef,
        ModifyTrafficMirrorFilterRuleRequestTypeDef,
        # Named as strings in the generic bases below (the stubs are not imported at run time).
        TrafficMirrorFilterRuleTypeDef,  # noqa: F401
        TrafficMirrorFilterTypeDef,  # noqa: F401
        TrafficMirrorPortRangeRequestTypeDef,
    )
    from typing_extensions import Self

__all__ = [
    "FILTERS",
    "FILTER_FILTER_NAMES",
    "FILTER_RESOURCE_TYPE",
    "FILTER_RULES",
    "FILTER_RULE_FILTER_NAMES",
    "FILTER_RULE_RESOURCE_TYPE",
    "NETWORK_SERVICES",
    "REMOVABLE_RULE_FIELDS",
    "RULE_ACTIONS",
    "TRAFFIC_DIRECTIONS",
    "FilterFilterName",
    "FilterIterator",
    "FilterPage",
    "FilterPageIterator",
    "FilterQuery",
    "FilterRuleFilterName",
    "FilterRuleIterator",
    "FilterRulePage",
    "FilterRulePageIterator",
    "FilterRuleQuery",
    "NetworkService",
    "PortRange",
    "PortRangeInput",
    "RemovableRuleField",
    "RuleAction",
    "TrafficDirection",
    "TrafficMirrorFilter",
    "TrafficMirrorFilterRepository",
    "TrafficMirrorFilterRule",
    "create_filter_request",
    "create_rule_request",
    "modify_rule_request",
    "network_services_request",
]


# -- the models ------------------------------------------------------------------------

TrafficDirection = Literal["ingress", "egress"]
"""Which traffic a rule applies to: into (``ingress``) or out of (``egress``) the source."""
TRAFFIC_DIRECTIONS: Final[tuple[TrafficDirection, ...]] = get_args(TrafficDirection)
"""Every known traffic direction."""

RuleAction = Literal["accept", "reject"]
"""What a rule does with the traffic it matches: mirror it (``accept``) or not (``reject``)."""
RULE_ACTIONS: Final[tuple[RuleAction, ...]] = get_args(RuleAction)
"""Every known rule action."""

NetworkService = Literal["amazon-dns"]
"""The network services whose traffic a filter can mirror too."""
NETWORK_SERVICES: Final[tuple[NetworkService, ...]] = get_args(NetworkService)
"""Every known network service."""


def _cidr_block(value: str) -> str:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise ValueError("must be an IPv4 or IPv6 CIDR block, such as '10.0.0.0/16'") from None
    if "/" not in value:
        raise ValueError("must be a CIDR block with a prefix length, such as '10.0.0.0/16'")
    return value


# Strictness is the models' config (see _AwsModel), not part of these types.
RuleNumber = Annotated[int, Field(ge=RULE_NUMBER_MIN, le=RULE_NUMBER_MAX)]
"""A filter rule number: 1 to 32766."""
Protocol = Annotated[int, Field(ge=PROTOCOL_MIN, le=PROTOCOL_MAX)]
"""An IP protocol number (IANA): 0 to 255."""
Port = Annotated[int, Field(ge=PORT_MIN, le=PORT_MAX)]
"""A TCP or UDP port: 0 to 65535."""
CidrBlock = Annotated[str, AfterValidator(_cidr_block)]
"""An IPv4 or IPv6 CIDR block, kept as AWS wrote it (parsed by the ``*_network`` properties)."""


class PortRange(AwsModel, frozen=True):
    """A port range of a filter rule: ``PortRange(from_port=443, to_port=443)``.

    Both ends 0 to 65535, ``from_port <= to_port`` (AWS member ``TrafficMirrorPortRange``).
    """

    from_port: Port
    """The first port of the range, 0 to 65535 (AWS member ``FromPort``)."""

    to_port: Port
    """The last port of the range, 0 to 65535, not below ``from_port`` (AWS member ``ToPort``)."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.from_port > self.to_port:
            raise ValueError(
                f"from_port must not be above to_port, got {self.from_port} > {self.to_port}"
            )
        return self

    def __contains__(self, port: object) -> bool:
        """Whether a port is in the range (both ends included)."""
        return isinstance(port, int) and self.from_port <= port <= self.to_port

    if TYPE_CHECKING:
        # What type checkers see; the base's __init__ runs (see _AwsModel).
        def __init__(self, *, from_port: Port, to_port: Port) -> None: ...


class TrafficMirrorFilterRule(TaggedModel, frozen=True):
    """One rule of a Traffic Mirror filter (``DescribeTrafficMirrorFilterRules``, or in a filter).

    Required: ``traffic_mirror_filter_rule_id``, ``traffic_mirror_filter_id``,
    ``traffic_direction``, ``rule_number`` (1 to 32766), ``rule_action``,
    ``destination_cidr_block`` and ``source_cidr_block`` (both IPv4 or both
    IPv6). ``protocol`` 0 to 255, ``None`` for every protocol; the port
    ranges apply to TCP and UDP. The CIDR blocks stay the strings AWS sent
    (the round trip is exact); ``source_network`` and ``destination_network``
    parse them.
    """

    traffic_mirror_filter_rule_id: AwsId
    """The ID of the rule (``tmfr-...``; AWS member ``TrafficMirrorFilterRuleId``)."""

    traffic_mirror_filter_id: AwsId
    """The ID of the filter the rule belongs to (``tmf-...``)."""

    traffic_direction: TrafficDirection | UnknownValue
    """The traffic the rule applies to: ``ingress`` or ``egress``."""

    rule_number: RuleNumber
    """The rule number, 1 to 32766: per direction, rules apply in ascending order."""

    rule_action: RuleAction | UnknownValue
    """What the rule does with matching traffic: ``accept`` (mirror it) or ``reject``."""

    protocol: Optional[Protocol] = None  # noqa: UP045 (jedi: see _AwsModel)
    """The IP protocol number the rule matches (6 TCP, 17 UDP, ...); ``None``: every protocol."""

    destination_port_range: PortRange | None = None
    """The destination ports the rule matches (TCP and UDP); ``None``: every port."""

    source_port_range: PortRange | None = None
    """The source ports the rule matches (TCP and UDP); ``None``: every port."""

    destination_cidr_block: CidrBlock
    """The destination CIDR block the rule matches, as AWS wrote it (``0.0.0.0/0``: any)."""

    source_cidr_block: CidrBlock
    """The source CIDR block the rule matches, as AWS wrote it (``0.0.0.0/0``: any)."""

    description: Description | None = None
    """The description of the rule, if it has one."""

    tags: tuple[Tag, ...] = Field(default=(), strict=False)
    """The tags on the rule, in the order AWS returned them; keys are unique."""

    @model_validator(mode="after")
    def _same_ip_version(self) -> Self:
        source, destination = self.source_network, self.destination_network
        if source.version != destination.version:
            raise ValueError(
                "the source and destination CIDR blocks must both be IPv4 or both IPv6, got"
                f" {self.source_cidr_block!r} and {self.destination_cidr_block!r}"
            )
        return self

    @property
    def source_network(self) -> Network:
        """``source_cidr_block`` parsed (host bits, if AWS kept any, are dropped)."""
        return ipaddress.ip_network(self.source_cidr_block, strict=False)

    @property
    def destination_network(self) -> Network:
        """``destination_cidr_block`` parsed (host bits, if AWS kept any, are dropped)."""
        return ipaddress.ip_network(self.destination_cidr_block, strict=False)

    @property
    def matches_every_protocol(self) -> bool:
        """Whether the rule matches every protocol (no ``protocol``)."""
        return self.protocol is None

    if TYPE_CHECKING:
        # What type checkers see; the base's __init__ runs (see _AwsModel).
        def __init__(
            self,
            *,
            traffic_mirror_filter_rule_id: AwsId,
            traffic_mirror_filter_id: AwsId,
            traffic_direction: TrafficDirection | UnknownValue,
            rule_number: RuleNumber,
            rule_action: RuleAction | UnknownValue,
            protocol: Protocol | None = None,
            destination_port_range: PortRange | None = None,
            source_port_range: PortRange | None = None,
            destination_cidr_block: CidrBlock,
            source_cidr_block: CidrBlock,
            description: Description | None = None,
            tags: tuple[Tag, ...] = (),
        ) -> None:
            if not TYPE_CHECKING:  # read by jedi only (see _AwsModel)
                self.tags: tuple[Tag, ...]
                """The tags on the rule, in the order AWS returned them; keys are unique."""


class TrafficMirrorFilter(TaggedModel, frozen=True):
    """One Traffic Mirror filter, as ``DescribeTrafficMirrorFilters`` returns it.

    Required: ``traffic_mirror_filter_id``. Its ``ingress_filter_rules`` are
    all ``ingress`` and its ``egress_filter_rules`` all ``egress``, each rule
    of this filter, rule numbers unique per direction; ``network_services``
    without repeats.
    """

    traffic_mirror_filter_id: AwsId
    """The ID of the Traffic Mirror filter (``tmf-...``; AWS member ``TrafficMirrorFilterId``)."""

    ingress_filter_rules: tuple[TrafficMirrorFilterRule, ...] = Field(default=(), strict=False)
    """The rules for traffic into the source, in the order AWS returned them."""

    egress_filter_rules: tuple[TrafficMirrorFilterRule, ...] = Field(default=(), strict=False)
    """The rules for traffic out of the source, in the order AWS returned them."""

    network_services: tuple[NetworkService | UnknownValue, ...] = Field(default=(), strict=False)
    """The network services whose traffic is mirrored too (``amazon-dns``)."""

    description: Description | None = None
    """The description of the Traffic Mirror filter, if it has one."""

    tags: tuple[Tag, ...] = Field(default=(), strict=False)
    """The tags on the filter, in the order AWS returned them; keys are unique."""

    @field_serializer(
        "ingress_filter_rules", "egress_filter_rules", "network_services", mode="wrap"
    )
    def _as_lists(self, values: tuple[Any, ...], handler: Any) -> list[Any]:
        # boto3 gives lists; dumping gives lists back so the round trip is exact.
        return tuple_as_list(values, handler)

    @model_validator(mode="after")
    def _rules_belong_here(self) -> Self:
        for direction, rules in (
            ("ingress", self.ingress_filter_rules),
            ("egress", self.egress_filter_rules),
        ):
            numbers: set[int] = set()
            for rule in rules:
                if rule.traffic_direction != direction:
                    raise ValueError(
                        f"rule {rule.traffic_mirror_filter_rule_id} is among the {direction}"
                        f" rules but has traffic direction {rule.traffic_direction!r}"
                    )
                if rule.traffic_mirror_filter_id != self.traffic_mirror_filter_id:
                    raise ValueError(
                        f"rule {rule.traffic_mirror_filter_rule_id} belongs to filter"
                        f" {rule.traffic_mirror_filter_id}, not {self.traffic_mirror_filter_id}"
                    )
                if rule.rule_number in numbers:
                    raise ValueError(
                        f"rule number {rule.rule_number} appears twice among the {direction}"
                        " rules (rule numbers are unique per direction)"
                    )
                numbers.add(rule.rule_number)
        if len(set(self.network_services)) != len(self.network_services):
            raise ValueError(f"network services repeat: {list(self.network_services)!r}")
        return self

    @property
    def rules(self) -> tuple[TrafficMirrorFilterRule, ...]:
        """Every rule: the ingress rules, then the egress rules, each in ascending rule number."""
        return (
            *sorted(self.ingress_filter_rules, key=_rule_number),
            *sorted(self.egress_filter_rules, key=_rule_number),
        )

    if TYPE_CHECKING:
        # What type checkers see; the base's __init__ runs (see _AwsModel).
        def __init__(
            self,
            *,
            traffic_mirror_filter_id: AwsId,
            ingress_filter_rules: tuple[TrafficMirrorFilterRule, ...] = (),
            egress_filter_rules: tuple[TrafficMirrorFilterRule, ...] = (),
            network_services: tuple[NetworkService | UnknownValue, ...] = (),
            description: Description | None = None,
            tags: tuple[Tag, ...] = (),
        ) -> None:
            if not TYPE_CHECKING:  # read by jedi only (see _AwsModel)
                self.ingress_filter_rules: tuple[TrafficMirrorFilterRule, ...]
                """The rules for traffic into the source, in the order AWS returned them."""
                self.egress_filter_rules: tuple[TrafficMirrorFilterRule, ...]
                """The rules for traffic out of the source, in the order AWS returned them."""
                self.network_services: tuple[NetworkService | UnknownValue, ...]
                """The network services whose traffic is mirrored too (``amazon-dns``)."""
                self.tags: tuple[Tag, ...]
                """The tags on the filter, in the order AWS returned them; keys are unique."""


def _rule_number(rule: TrafficMirrorFilterRule) -> int:
    return rule.rule_number


# -- the queries -----------------------------------------------------------------------

FilterFilterName = Literal["description", "traffic-mirror-filter-id"]
"""The filter names ``DescribeTrafficMirrorFilters`` knows (case-sensitive)."""
FILTER_FILTER_NAMES: Final[tuple[FilterFilterName, ...]] = get_args(FilterFilterName)
"""Every filter-query filter name, in the order filters appear in a request."""

FilterRuleFilterName = Literal[
    "description",
    "destination-cidr-block",
    "protocol",
    "rule-action",
    "rule-number",
    "source-cidr-block",
    "traffic-direction",
    "traffic-mirror-filter-id",
    "traffic-mirror-filter-rule-id",
]
"""The filter names ``DescribeTrafficMirrorFilterRules`` knows (case-sensitive)."""
FILTER_RULE_FILTER_NAMES: Final[tuple[FilterRuleFilterName, ...]] = get_args(FilterRuleFilterName)
"""Every rule-query filter name, in the order filters appear in a request."""


class FilterQuery(BaseQuery[TrafficMirrorFilter]):
    """An immutable query for Traffic Mirror filters, built by method chaining.

    ``FilterQuery().description("prod-*").page_size(50)``; it works as `SessionQuery` does.
    """

    _FILTER_NAMES = FILTER_FILTER_NAMES
    _IDS_METHOD = "filter_ids"
    _IDS_MEMBER = "TrafficMirrorFilterIds"
    _ID_KIND = FILTER
    _MODEL_NAME = "TrafficMirrorFilter"
    _ID_FIELD = "traffic_mirror_filter_id"

    def filter_ids(self, *ids: str) -> FilterQuery:
        """Only these filters (``TrafficMirrorFilterIds``).

        Each must be a filter id (``tmf-...``); AWS answers NotFound for the
        whole call when one does not exist (the ``traffic_mirror_filter_id``
        filter does not).
        """
        return self._add_ids(ids)

    def description(self, *patterns: str) -> FilterQuery:
        """Filters whose description matches one of the patterns (``*`` and ``?`` wildcards)."""
        return self._add_filter("description", query_strings("description", patterns))

    def traffic_mirror_filter_id(self, *ids: str) -> FilterQuery:
        """Filters with one of these ids, as a filter: unknown ids match nothing, no error."""
        values = query_strings("traffic_mirror_filter_id", ids)
        return self._add_filter("traffic-mirror-filter-id", values)

    # Selection on the client side: never sent to AWS (its API has no tag filters).

    def tag(self, key: str, *values: str) -> FilterQuery:
        """Only filters with tag ``key`` set to one of ``values``: selected on the client side.

        AWS has no tag filters for this call: the SDK keeps the matching items
        of each page after AWS's own filters (`to_request` is unchanged).
        Values match exactly (case-sensitive, no wildcards; ``""`` is the empty
        value). Calling again with the same key adds values (they OR);
        different keys AND. Keys are 1 to 127 characters (``aws:`` keys too:
        this reads them), values at most 256.
        """
        return self._add_tag(key, values)

    def tag_key(self, *keys: str) -> FilterQuery:
        """Only filters that have a tag with one of these keys, whatever its value (client side).

        Calling again adds keys (they OR, as the values of one filter do);
        ``tag_key`` ANDs with `tag` and `where`. Selected on the client side,
        after AWS's own filters, as `tag` is.
        """
        return self._add_tag_keys(keys)

    def where(self, predicate: Callable[[TrafficMirrorFilter], bool]) -> FilterQuery:
        """Only filters for which ``predicate`` returns True: selected on the client side.

        ``FilterQuery().where(lambda f: "amazon-dns" in f.network_services)``.
        The predicate runs on each valid item AWS returns, after AWS's own
        filters and the tag selection, and must return ``True`` or ``False``;
        several ``where`` calls AND (in the order given). Predicates compare
        by identity (the same function object), and ``repr`` shows each by
        its qualified name.
        """
        return self._add_predicate(predicate)

    def dry_run(self, enabled: bool = True) -> FilterQuery:
        """Send ``DryRun``: AWS checks the permission and answers ``DryRunOperation``."""
        return self._with_dry_run(enabled)

    def page_size(self, size: int) -> FilterQuery:
        """Items per AWS call (``PaginationConfig.PageSize``, sent as ``MaxResults``): 5 to 1000."""
        return self._with_page_size(size)

    def max_items(self, count: int) -> FilterQuery:
        """Stop after this many items (``PaginationConfig.MaxItems``), at least 1."""
        return self._with_max_items(count)

    def starting_token(self, token: str) -> FilterQuery:
        """Go on where a listing stopped (``PaginationConfig.StartingToken``).

        Takes a ``resume_token`` of this SDK or of a boto3 paginator.
        """
        return self._with_starting_token(token)

    def to_request(self) -> DescribeTrafficMirrorFiltersRequestPaginateTypeDef:
        """The keyword arguments for the boto3 paginator, exactly.

        ``client.get_paginator("describe_traffic_mirror_filters").paginate(**query.to_request())``
        """
        return cast("DescribeTrafficMirrorFiltersRequestPaginateTypeDef", self._paginate_request())


@dataclasses.dataclass(frozen=True, repr=False)
class FilterRuleQuery(BaseQuery[TrafficMirrorFilterRule]):
    """An immutable query for filter rules, built by method chaining.

    ``FilterRuleQuery().filter_id("tmf-0123456789abcdef0").traffic_direction("ingress")``;
    it works as `SessionQuery` does. ``DescribeTrafficMirrorFilterRules`` has
    no botocore paginator: the SDK pages it itself, with tokens in botocore's
    StartingToken format all the same.
    """

    _filter_id: str | None = None

    _FILTER_NAMES = FILTER_RULE_FILTER_NAMES
    _INTEGER_FILTERS = frozenset({"protocol", "rule-number"})
    _IDS_METHOD = "filter_rule_ids"
    _IDS_MEMBER = "TrafficMirrorFilterRuleIds"
    _ID_KIND = FILTER_RULE
    _MODEL_NAME = "TrafficMirrorFilterRule"
    _ID_FIELD = "traffic_mirror_filter_rule_id"

    def filter_rule_ids(self, *ids: str) -> FilterRuleQuery:
        """Only these rules (``TrafficMirrorFilterRuleIds``), each a rule id (``tmfr-...``)."""
        return self._add_ids(ids)

    def filter_id(self, filter_id: str) -> FilterRuleQuery:
        """Only the rules of this filter (the call's own ``TrafficMirrorFilterId`` member).

        One filter id (``tmf-...``); calling again replaces it. For rules of
        several filters, use the `traffic_mirror_filter_id` filter.
        """
        (checked,) = query_ids("filter_id", FILTER, (filter_id,))
        return dataclasses.replace(self, _filter_id=checked)

    def description(self, *patterns: str) -> FilterRuleQuery:
        """Rules whose description matches one of the patterns (``*`` and ``?`` wildcards)."""
        return self._add_filter("description", query_strings("description", patterns))

    def destination_cidr_block(self, *blocks: NetworkInput) -> FilterRuleQuery:
        """Rules with one of these destination CIDR blocks (IPv4 or IPv6)."""
        values = query_cidrs("destination_cidr_block", blocks)
        return self._add_filter("destination-cidr-block", values)

    def protocol(self, *protocols: int) -> FilterRuleQuery:
        """Rules for one of these IP protocol numbers (0 to 255; 6 TCP, 17 UDP)."""
        values = query_integers("protocol", protocols, PROTOCOL_MIN, PROTOCOL_MAX)
        return self._add_filter("protocol", values)

    def rule_action(self, *actions: RuleAction | UnknownValue) -> FilterRuleQuery:
        """Rules with one of these actions: ``accept`` or ``reject``."""
        return self._add_filter("rule-action", query_enum("rule_action", actions, RULE_ACTIONS))

    def rule_number(self, *numbers: int) -> FilterRuleQuery:
        """Rules with one of these rule numbers (1 to 32766)."""
        values = query_integers("rule_number", numbers, RULE_NUMBER_MIN, RULE_NUMBER_MAX)
        return self._add_filter("rule-number", values)

    def source_cidr_block(self, *blocks: NetworkInput) -> FilterRuleQuery:
        """Rules with one of these source CIDR blocks (IPv4 or IPv6)."""
        return self._add_filter("source-cidr-block", query_cidrs("source_cidr_block", blocks))

    def traffic_direction(self, *directions: TrafficDirection | UnknownValue) -> FilterRuleQuery:
        """Rules for one of these directions: ``ingress`` or ``egress``."""
        values = query_enum("traffic_direction", directions, TRAFFIC_DIRECTIONS)
        return self._add_filter("traffic-direction", values)

    def traffic_mirror_filter_id(self, *ids: str) -> FilterRuleQuery:
        """Rules of one of these filters, as a filter: unknown ids match nothing."""
        values = query_strings("traffic_mirror_filter_id", ids)
        return self._add_filter("traffic-mirror-filter-id", values)

    def traffic_mirror_filter_rule_id(self, *ids: str) -> FilterRuleQuery:
        """Rules with one of these ids, as a filter: unknown ids match nothing, no error."""
        values = query_strings("traffic_mirror_filter_rule_id", ids)
        return self._add_filter("traffic-mirror-filter-rule-id", values)

    # Selection on the client side: never sent to AWS (its API has no tag filters).

    def tag(self, key: str, *values: str) -> FilterRuleQuery:
        """Only rules with tag ``key`` set to one of ``values``: selected on the client side.

        AWS has no tag filters for this call: the SDK keeps the matching items
        of each page after AWS's own filters (`to_request` is unchanged).
        Values match exactly (case-sensitive, no wildcards; ``""`` is the empty
        value). Calling again with the same key adds values (they OR);
        different keys AND. Keys are 1 to 127 characters (``aws:`` keys too:
        this reads them), values at most 256.
        """
        return self._add_tag(key, values)

    def tag_key(self, *keys: str) -> FilterRuleQuery:
        """Only rules that have a tag with one of these keys, whatever its value (client side).

        Calling again adds keys (they OR, as the values of one filter do);
        ``tag_key`` ANDs with `tag` and `where`. Selected on the client side,
        after AWS's own filters, as `tag` is.
        """
        return self._add_tag_keys(keys)

    def where(self, predicate: Callable[[TrafficMirrorFilterRule], bool]) -> FilterRuleQuery:
        """Only rules for which ``predicate`` returns True: selected on the client side.

        ``FilterRuleQuery().where(lambda r: r.protocol == 6)``.
        The predicate runs on each valid item AWS returns, after AWS's own
        filters and the tag selection, and must return ``True`` or ``False``;
        several ``where`` calls AND (in the order given). Predicates compare
        by identity (the same function object), and ``repr`` shows each by
        its qualified name.
        """
        return self._add_predicate(predicate)

    def dry_run(self, enabled: bool = True) -> FilterRuleQuery:
        """Send ``DryRun``: AWS checks the permission and answers ``DryRunOperation``."""
        return self._with_dry_run(enabled)

    def page_size(self, size: int) -> FilterRuleQuery:
        """Items per AWS call (sent as ``MaxResults``): 5 to 1000."""
        return self._with_page_size(size)

    def max_items(self, count: int) -> FilterRuleQuery:
        """Stop after this many items (``PaginationConfig.MaxItems``), at least 1."""
        return self._with_max_items(count)

    def starting_token(self, token: str) -> FilterRuleQuery:
        """Go on where a listing stopped (``PaginationConfig.StartingToken``).

        Takes a ``resume_token`` of this SDK or of a boto3 paginator.
        """
        return self._with_starting_token(token)

    def to_request(self) -> DescribeTrafficMirrorFilterRulesRequestTypeDef:
        """The keyword arguments of the first ``DescribeTrafficMirrorFilterRules`` call, exactly.

        There is no boto3 paginator for this call, so this is the client call
        itself: ``client.describe_traffic_mirror_filter_rules(**query.to_request())``,
        with ``MaxResults`` from `page_size` and the ``NextToken`` of a
        `starting_token`. The SDK's own paging adds what a client call cannot
        say: ``max_items`` and a starting token's position inside its page.
        """
        request = self._call_arguments()
        if self._page_size is not None:
            request["MaxResults"] = self._page_size
        if self._starting_token is not None:
            next_token, _ = parse_starting_token(self._starting_token)
            if next_token is not None:
                request["NextToken"] = next_token
        return cast("DescribeTrafficMirrorFilterRulesRequestTypeDef", request)

    def _extra_members(self) -> dict[str, Any]:
        return {} if self._filter_id is None else {"TrafficMirrorFilterId": self._filter_id}

    def _extra_calls(self) -> list[str]:
        return [] if self._filter_id is None else [f".filter_id({self._filter_id!r})"]


# -- the write requests ----------------------------------------------------------------

FILTER_RESOURCE_TYPE: Final = "traffic-mirror-filter"
"""The ``ResourceType`` of a Traffic Mirror filter in ``TagSpecifications``."""
FILTER_RULE_RESOURCE_TYPE: Final = "traffic-mirror-filter-rule"
"""The ``ResourceType`` of a filter rule in ``TagSpecifications``."""

RemovableRuleField = Literal[
    "destination-port-range", "source-port-range", "protocol", "description"
]
"""The values of ``ModifyTrafficMirrorFilterRule``'s ``RemoveFields`` (AWS's closed set)."""
REMOVABLE_RULE_FIELDS: Final[tuple[RemovableRuleField, ...]] = get_args(RemovableRuleField)
"""Every rule ``RemoveFields`` value, in the order a request lists them."""

PortRangeInput = PortRange | tuple[int, int]
"""A port range to write: a `PortRange`, or ``(from_port, to_port)``."""


def _filter_id(method: str, value: object) -> str:
    return check_id(method, "filter_id", value, FILTER)


def _rule_id(method: str, value: object) -> str:
    return check_id(method, "rule_id", value, FILTER_RULE)


def _port_range(method: str, argument: str, value: object) -> TrafficMirrorPortRangeRequestTypeDef:
    if isinstance(value, PortRange):
        return {"FromPort": value.from_port, "ToPort": value.to_port}
    rule = "must be a PortRange or (from_port, to_port)"
    if not isinstance(value, tuple):
        raise refuse(method, argument, value, rule)
    pair = cast("tuple[object, ...]", value)
    if len(pair) != 2:
        raise refuse(method, argument, pair, rule)
    low = check_integer(method, f"{argument}[0] (from_port)", pair[0], PORT_MIN, PORT_MAX)
    high = check_integer(method, f"{argument}[1] (to_port)", pair[1], PORT_MIN, PORT_MAX)
    if low > high:
        raise refuse(method, argument, pair, "must not start above its end (from_port <= to_port)")
    return {"FromPort": low, "ToPort": high}


def create_filter_request(
    method: str, *, description: object, tags: object, client_token: object
) -> CreateTrafficMirrorFilterRequestTypeDef:
    """The ``CreateTrafficMirrorFilter`` request, every argument checked first."""
    request: CreateTrafficMirrorFilterRequestTypeDef = {}
    if description is not None:
        request["Description"] = check_description(method, description, removable=False)
    specifications = tag_specifications(FILTER_RESOURCE_TYPE, check_tags(method, tags, at_least=0))
    if specifications:
        request["TagSpecifications"] = specifications
    if client_token is not None:
        request["ClientToken"] = check_client_token(method, client_token)
    return request


def _delete_filter_request(
    method: str, filter_id: object
) -> DeleteTrafficMirrorFilterRequestTypeDef:
    return {"TrafficMirrorFilterId": _filter_id(method, filter_id)}


def network_services_request(
    method: str, filter_id: object, services: tuple[object, ...], *, add: bool
) -> ModifyTrafficMirrorFilterNetworkServicesRequestTypeDef:
    """The ``ModifyTrafficMirrorFilterNetworkServices`` request adding or removing services."""
    checked_id = _filter_id(method, filter_id)
    if not services:
        raise QueryError(f"{method}() needs at least one network service (such as 'amazon-dns')")
    checked: list[str] = []
    for service in services:
        value = check_enum(method, "services", service, NETWORK_SERVICES)
        if value in checked:
            raise refuse(method, "services", service, "must not repeat a service")
        checked.append(value)
    # boto3-stubs types the list as the known values; an UnknownValue goes to AWS as is.
    listed = cast("list[NetworkService]", checked)
    request: ModifyTrafficMirrorFilterNetworkServicesRequestTypeDef = {
        "TrafficMirrorFilterId": checked_id
    }
    if add:
        request["AddNetworkServices"] = listed
    else:
        request["RemoveNetworkServices"] = listed
    return request


def create_rule_request(
    method: str,
    filter_id: object,
    *,
    traffic_direction: object,
    rule_number: object,
    rule_action: object,
    source_cidr_block: object,
    destination_cidr_block: object,
    protocol: object,
    source_port_range: object,
    destination_port_range: object,
    description: object,
    tags: object,
    client_token: object,
) -> CreateTrafficMirrorFilterRuleRequestTypeDef:
    """The ``CreateTrafficMirrorFilterRule`` request, every argument checked first."""
    source = check_cidr(method, "source_cidr_block", source_cidr_block)
    destination = check_cidr(method, "destination_cidr_block", destination_cidr_block)
    request: CreateTrafficMirrorFilterRuleRequestTypeDef = {
        "TrafficMirrorFilterId": _filter_id(method, filter_id),
        "TrafficDirection": check_enum(
            method, "traffic_direction", traffic_direction, TRAFFIC_DIRECTIONS
        ),
        "RuleNumber": check_integer(
            method, "rule_number", rule_number, RULE_NUMBER_MIN, RULE_NUMBER_MAX
        ),
        "RuleAction": check_enum(method, "rule_action", rule_action, RULE_ACTIONS),
        "SourceCidrBlock": source[0],
        "DestinationCidrBlock": destination[0],
    }
    same_ip_version(method, source, destination)
    if protocol is not None:
        request["Protocol"] = check_integer(
            method, "protocol", protocol, PROTOCOL_MIN, PROTOCOL_MAX
        )
    if source_port_range is not None:
        request["SourcePortRange"] = _port_range(method, "source_port_range", source_port_range)
    if destination_port_range is not None:
        request["DestinationPortRange"] = _port_range(
            method, "destination_port_range", destination_port_range
        )
    if description is not None:
        request["Description"] = check_description(method, description, removable=False)
    specifications = tag_specifications(
        FILTER_RULE_RESOURCE_TYPE, check_tags(method, tags, at_least=0)
    )
    if specifications:
        request["TagSpecifications"] = specifications
    if client_token is not None:
        request["ClientToken"] = check_client_token(method, client_token)
    return request


def modify_rule_request(
    method: str,
    rule_id: object,
    *,
    traffic_direction: object,
    rule_number: object,
    rule_action: object,
    source_cidr_block: object,
    destination_cidr_block: object,
    protocol: object,
    source_port_range: object,
    destination_port_range: object,
    description: object,
) -> ModifyTrafficMirrorFilterRuleRequestTypeDef:
    """The ``ModifyTrafficMirrorFilterRule`` request, every argument checked first.

    ``None`` leaves a field as is; `REMOVE` puts the field in ``RemoveFields``
    (``protocol``, the port ranges and ``description`` only). A request that
    would change nothing is refused.
    """
    request: ModifyTrafficMirrorFilterRuleRequestTypeDef = {
        "TrafficMirrorFilterRuleId": _rule_id(method, rule_id)
    }
    for argument, value in (
        ("traffic_direction", traffic_direction),
        ("rule_number", rule_number),
        ("rule_action", rule_action),
        ("source_cidr_block", source_cidr_block),
        ("destination_cidr_block", destination_cidr_block),
    ):
        if value is Remove.REMOVE:
            raise refuse(
                method,
                argument,
                value,
                "cannot be removed (only protocol, source_port_range, destination_port_range"
                " and description can)",
            )
    if traffic_direction is not None:
        request["TrafficDirection"] = check_enum(
            method, "traffic_direction", traffic_direction, TRAFFIC_DIRECTIONS
        )
    if rule_number is not None:
        request["RuleNumber"] = check_integer(
            method, "rule_number", rule_number, RULE_NUMBER_MIN, RULE_NUMBER_MAX
        )
    if rule_action is not None:
        request["RuleAction"] = check_enum(method, "rule_action", rule_action, RULE_ACTIONS)
    source = destination = None
    if source_cidr_block is not None:
        source = check_cidr(method, "source_cidr_block", source_cidr_block)
        request["SourceCidrBlock"] = source[0]
    if destination_cidr_block is not None:
        destination = check_cidr(method, "destination_cidr_block", destination_cidr_block)
        request["DestinationCidrBlock"] = destination[0]
    if source is not None and destination is not None:
        same_ip_version(method, source, destination)
    remove: list[RemovableRuleField] = []
    if destination_port_range is Remove.REMOVE:
        remove.append("destination-port-range")
    elif destination_port_range is not None:
        request["DestinationPortRange"] = _port_range(
            method, "destination_port_range", destination_port_range
        )
    if source_port_range is Remove.REMOVE:
        remove.append("source-port-range")
    elif source_port_range is not None:
        request["SourcePortRange"] = _port_range(method, "source_port_range", source_port_range)
    if protocol is Remove.REMOVE:
        remove.append("protocol")
    elif protocol is not None:
        request["Protocol"] = check_integer(
            method, "protocol", protocol, PROTOCOL_MIN, PROTOCOL_MAX
        )
    if description is Remove.REMOVE:
        remove.append("description")
    elif description is not None:
        request["Description"] = check_description(method, description, removable=True)
    if remove:
        request["RemoveFields"] = remove
    if len(request) == 1:
        raise QueryError(
            f"{method}() got nothing to change for rule {request['TrafficMirrorFilterRuleId']!r}:"
            " give at least one field a new value or REMOVE"
        )
    return request


def _delete_rule_request(
    method: str, rule_id: object
) -> DeleteTrafficMirrorFilterRuleRequestTypeDef:
    return {"TrafficMirrorFilterRuleId": _rule_id(method, rule_id)}


# -- listing ---------------------------------------------------------------------------


def _describe_filters(
    client: EC2Client, call: dict[str, Any]
) -> DescribeTrafficMirrorFiltersResultTypeDef:
    return client.describe_traffic_mirror_filters(**call)


def _describe_rules(
    client: EC2Client, call: dict[str, Any]
) -> DescribeTrafficMirrorFilterRulesResultTypeDef:
    return client.describe_traffic_mirror_filter_rules(**call)


FILTERS: Final = Describe[TrafficMirrorFilter, "TrafficMirrorFilterTypeDef"](
    operation="DescribeTrafficMirrorFilters",
    result_key="TrafficMirrorFilters",
    ids_member="TrafficMirrorFilterIds",
    id_member="TrafficMirrorFilterId",
    noun="filter",
    model=TrafficMirrorFilter,
    send=_describe_filters,
    not_found=FilterNotFoundError,
)
"""How filters are described: the call, its members, the model."""

FILTER_RULES: Final = Describe[TrafficMirrorFilterRule, "TrafficMirrorFilterRuleTypeDef"](
    operation="DescribeTrafficMirrorFilterRules",
    result_key="TrafficMirrorFilterRules",
    ids_member="TrafficMirrorFilterRuleIds",
    id_member="TrafficMirrorFilterRuleId",
    noun="filter rule",
    model=TrafficMirrorFilterRule,
    send=_describe_rules,
    not_found=FilterRuleNotFoundError,
)
"""How filter rules are described: the call (no botocore paginator), its members, the model."""


# Decorated again, and the fields declared again with their own types: every type
# checker (zuban too) then sees a frozen dataclass, and IDEs show the item type.
@dataclasses.dataclass(frozen=True)
class FilterPage(BasePage[TrafficMirrorFilter]):
    """One page of filters: ``items`` and the ``next_token`` to go on from."""

    items: tuple[TrafficMirrorFilter, ...]
    """The filters of this page, in the order AWS returned them."""
    next_token: str | None
    """A StartingToken just past this page (the query's ``starting_token``); ``None`` at the end."""


class FilterIterator(ItemIterator[TrafficMirrorFilter, "TrafficMirrorFilterTypeDef"]):
    """The lazy iterator `TrafficMirrorFilterRepository.find` returns (see `SessionIterator`)."""

    _describe = FILTERS


class FilterPageIterator(
    PageIterator[TrafficMirrorFilter, "TrafficMirrorFilterTypeDef", FilterPage]
):
    """The lazy iterator of `FilterPage` that `TrafficMirrorFilterRepository.pages` returns."""

    _describe = FILTERS

    def _page(self, items: tuple[TrafficMirrorFilter, ...], next_token: str | None) -> FilterPage:
        return FilterPage(items=items, next_token=next_token)


# Decorated again, and the fields declared again with their own types: every type
# checker (zuban too) then sees a frozen dataclass, and IDEs show the item type.
@dataclasses.dataclass(frozen=True)
class FilterRulePage(BasePage[TrafficMirrorFilterRule]):
    """One page of filter rules: ``items`` and the ``next_token`` to go on from."""

    items: tuple[TrafficMirrorFilterRule, ...]
    """The filter rules of this page, in the order AWS returned them."""
    next_token: str | None
    """A StartingToken just past this page (the query's ``starting_token``); ``None`` at the end."""


class FilterRuleIterator(ItemIterator[TrafficMirrorFilterRule, "TrafficMirrorFilterRuleTypeDef"]):
    """The lazy iterator `TrafficMirrorFilterRepository.find_rules` returns."""

    _describe = FILTER_RULES


class FilterRulePageIterator(
    PageIterator[TrafficMirrorFilterRule, "TrafficMirrorFilterRuleTypeDef", FilterRulePage]
):
    """The lazy iterator of `FilterRulePage` (`TrafficMirrorFilterRepository.rule_pages`)."""

    _describe = FILTER_RULES

    def _page(
        self, items: tuple[TrafficMirrorFilterRule, ...], next_token: str | None
    ) -> FilterRulePage:
        return FilterRulePage(items=items, next_token=next_token)


# -- the repository --------------------------------------------------------------------


class TrafficMirrorFilterRepository(BaseRepository):
    """Typed access to Traffic Mirror filters, their rules and network services.

    The same guarantees as `TrafficMirrorSessionRepository`: lazy paging,
    exact resume tokens (for rules too, though their call has no botocore
    paginator), typed errors, every input checked before any call, and
    ``on_invalid`` for response items that break the model.
    """

    # -- filters ----------------------------------------------------------------

    def find(self, query: FilterQuery | None = None) -> FilterIterator:
        """The matching filters (with their rules), lazily."""
        return FilterIterator(self._client, checked_query(query, FilterQuery), self._on_invalid)

    def pages(self, query: FilterQuery | None = None) -> FilterPageIterator:
        """The matching filters page by page, lazily, as `FilterPage` objects."""
        return FilterPageIterator(self._client, checked_query(query, FilterQuery), self._on_invalid)

    def first(self, query: FilterQuery | None = None) -> TrafficMirrorFilter | None:
        """The first matching filter, or ``None`` (one call, unless AWS answers empty pages)."""
        return next(self.find(query), None)

    def count(self, query: FilterQuery | None = None) -> int:
        """How many filters `find` would return for this query (every page is fetched)."""
        return sum(1 for _ in self.find(query))

    def get(self, filter_id: str) -> TrafficMirrorFilter:
        """The filter with this id, or `FilterNotFoundError` (`QueryError` for a non-id)."""
        return self._get(FILTERS, FILTER, filter_id)

    def can_describe(self, query: FilterQuery | None = None) -> bool:
        """Whether the caller may describe these filters, asked with ``DryRun``."""
        return self._can_describe(FILTERS, checked_query(query, FilterQuery))

    def create(
        self,
        *,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorFilter:
        """Create a filter (``CreateTrafficMirrorFilter``), with no rules yet, and return it.

        Add rules with `create_rule` and network services with `add_network_services`.
        """
        request = create_filter_request(
            "create", description=description, tags=tags, client_token=client_token
        )
        response = call_aws(
            "CreateTrafficMirrorFilter",
            lambda: self._client.create_traffic_mirror_filter(**request),
        )
        return FILTERS.validated(response.get("TrafficMirrorFilter"))

    def can_create(
        self,
        *,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool:
        """Whether the caller may make this `create` call, asked with ``DryRun``."""
        request = create_filter_request(
            "can_create", description=description, tags=tags, client_token=client_token
        )
        request["DryRun"] = True
        return permitted(
            "CreateTrafficMirrorFilter",
            lambda: self._client.create_traffic_mirror_filter(**request),
        )

    def delete(self, filter_id: str, *, missing_ok: bool = False) -> bool:
        """Delete a filter and its rules (``DeleteTrafficMirrorFilter``); ``True`` when deleted.

        A filter that does not exist raises `FilterNotFoundError`, or, with
        ``missing_ok=True``, returns ``False``. A filter a session still uses
        raises `ResourceInUseError`.
        """
        request = _delete_filter_request("delete", filter_id)
        return self._delete(
            "delete",
            "DeleteTrafficMirrorFilter",
            lambda: self._client.delete_traffic_mirror_filter(**request),
            FilterNotFoundError,
            missing_ok,
        )

    def can_delete(self, filter_id: str) -> bool:
        """Whether the caller may delete this filter, asked with ``DryRun``."""
        request = _delete_filter_request("can_delete", filter_id)
        request["DryRun"] = True
        return permitted(
            "DeleteTrafficMirrorFilter",
            lambda: self._client.delete_traffic_mirror_filter(**request),
        )

    def add_tags(self, filter_id: str, tags: TagsInput) -> None:
        """Add tags to a filter, or overwrite the values of keys it has (``CreateTags``)."""
        self._add_tags("add_tags", "filter_id", FILTER, filter_id, tags)

    def can_add_tags(self, filter_id: str, tags: TagsInput) -> bool:
        """Whether the caller may make this `add_tags` call, asked with ``DryRun``."""
        return self._can_add_tags("can_add_tags", "filter_id", FILTER, filter_id, tags)

    def remove_tags(self, filter_id: str, keys: Iterable[str]) -> None:
        """Remove the tags with these keys from a filter, whatever their values (``DeleteTags``)."""
        self._remove_tags("remove_tags", "filter_id", FILTER, filter_id, keys)

    def can_remove_tags(self, filter_id: str, keys: Iterable[str]) -> bool:
        """Whether the caller may make this `remove_tags` call, asked with ``DryRun``."""
        return self._can_remove_tags("can_remove_tags", "filter_id", FILTER, filter_id, keys)

    # -- network services -------------------------------------------------------

    def add_network_services(
        self, filter_id: str, *services: NetworkService | UnknownValue
    ) -> TrafficMirrorFilter:
        """Mirror these network services' traffic too (``AddNetworkServices``); the filter now."""
        request = network_services_request("add_network_services", filter_id, services, add=True)
        return self._modify_network_services(request)

    def can_add_network_services(
        self, filter_id: str, *services: NetworkService | UnknownValue
    ) -> bool:
        """Whether the caller may make this `add_network_services` call, asked with ``DryRun``."""
        request = network_services_request(
            "can_add_network_services", filter_id, services, add=True
        )
        return self._can_modify_network_services(request)

    def remove_network_services(
        self, filter_id: str, *services: NetworkService | UnknownValue
    ) -> TrafficMirrorFilter:
        """Stop mirroring these network services (``RemoveNetworkServices``); the filter now."""
        request = network_services_request(
            "remove_network_services", filter_id, services, add=False
        )
        return self._modify_network_services(request)

    def can_remove_network_services(
        self, filter_id: str, *services: NetworkService | UnknownValue
    ) -> bool:
        """Whether the caller may make this `remove_network_services` call (``DryRun``)."""
        request = network_services_request(
            "can_remove_network_services", filter_id, services, add=False
        )
        return self._can_modify_network_services(request)

    def _modify_network_services(
        self, request: ModifyTrafficMirrorFilterNetworkServicesRequestTypeDef
    ) -> TrafficMirrorFilter:
        response = call_aws(
            "ModifyTrafficMirrorFilterNetworkServices",
            lambda: self._client.modify_traffic_mirror_filter_network_services(**request),
        )
        return FILTERS.validated(response.get("TrafficMirrorFilter"))

    def _can_modify_network_services(
        self, request: ModifyTrafficMirrorFilterNetworkServicesRequestTypeDef
    ) -> bool:
        request["DryRun"] = True
        return permitted(
            "ModifyTrafficMirrorFilterNetworkServices",
            lambda: self._client.modify_traffic_mirror_filter_network_services(**request),
        )

    # -- rules ------------------------------------------------------------------

    def find_rules(self, query: FilterRuleQuery | None = None) -> FilterRuleIterator:
        """The matching filter rules, lazily (``DescribeTrafficMirrorFilterRules``)."""
        return FilterRuleIterator(
            self._client, checked_query(query, FilterRuleQuery), self._on_invalid
        )

    def rule_pages(self, query: FilterRuleQuery | None = None) -> FilterRulePageIterator:
        """The matching filter rules page by page, lazily, as `FilterRulePage` objects."""
        return FilterRulePageIterator(
            self._client, checked_query(query, FilterRuleQuery), self._on_invalid
        )

    def first_rule(self, query: FilterRuleQuery | None = None) -> TrafficMirrorFilterRule | None:
        """The first matching filter rule, or ``None``."""
        return next(self.find_rules(query), None)

    def count_rules(self, query: FilterRuleQuery | None = None) -> int:
        """How many rules `find_rules` would return for this query (every page is fetched)."""
        return sum(1 for _ in self.find_rules(query))

    def get_rule(self, rule_id: str) -> TrafficMirrorFilterRule:
        """The filter rule with this id, or `FilterRuleNotFoundError` (`QueryError`: no id)."""
        return self._get(FILTER_RULES, FILTER_RULE, rule_id)

    def can_describe_rules(self, query: FilterRuleQuery | None = None) -> bool:
        """Whether the caller may describe these filter rules, asked with ``DryRun``."""
        return self._can_describe(FILTER_RULES, checked_query(query, FilterRuleQuery))

    def create_rule(
        self,
        filter_id: str,
        *,
        traffic_direction: TrafficDirection | UnknownValue,
        rule_number: int,
        rule_action: RuleAction | UnknownValue,
        source_cidr_block: NetworkInput,
        destination_cidr_block: NetworkInput,
        protocol: int | None = None,
        source_port_range: PortRangeInput | None = None,
        destination_port_range: PortRangeInput | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorFilterRule:
        """Add a rule to a filter (``CreateTrafficMirrorFilterRule``) and return it.

        ``traffic_direction`` ``ingress`` or ``egress``; ``rule_number`` 1 to
        32766, unique per direction; ``rule_action`` ``accept`` or ``reject``;
        ``source_cidr_block`` and ``destination_cidr_block`` both IPv4 or both
        IPv6 (``0.0.0.0/0``: any); ``protocol`` 0 to 255 (``None``: every
        protocol); port ranges as `PortRange` or ``(from_port, to_port)``,
        0 to 65535. A filter holds 10 rules by default (`LimitExceededError`).
        """
        request = create_rule_request(
            "create_rule",
            filter_id,
            traffic_direction=traffic_direction,
            rule_number=rule_number,
            rule_action=rule_action,
            source_cidr_block=source_cidr_block,
            destination_cidr_block=destination_cidr_block,
            protocol=protocol,
            source_port_range=source_port_range,
            destination_port_range=destination_port_range,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        response = call_aws(
            "CreateTrafficMirrorFilterRule",
            lambda: self._client.create_traffic_mirror_filter_rule(**request),
        )
        return FILTER_RULES.validated(response.get("TrafficMirrorFilterRule"))

    def can_create_rule(
        self,
        filter_id: str,
        *,
        traffic_direction: TrafficDirection | UnknownValue,
        rule_number: int,
        rule_action: RuleAction | UnknownValue,
        source_cidr_block: NetworkInput,
        destination_cidr_block: NetworkInput,
        protocol: int | None = None,
        source_port_range: PortRangeInput | None = None,
        destination_port_range: PortRangeInput | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool:
        """Whether the caller may make this `create_rule` call, asked with ``DryRun``."""
        request = create_rule_request(
            "can_create_rule",
            filter_id,
            traffic_direction=traffic_direction,
            rule_number=rule_number,
            rule_action=rule_action,
            source_cidr_block=source_cidr_block,
            destination_cidr_block=destination_cidr_block,
            protocol=protocol,
            source_port_range=source_port_range,
            destination_port_range=destination_port_range,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        request["DryRun"] = True
        return permitted(
            "CreateTrafficMirrorFilterRule",
            lambda: self._client.create_traffic_mirror_filter_rule(**request),
        )

    def modify_rule(
        self,
        rule_id: str,
        *,
        traffic_direction: TrafficDirection | UnknownValue | None = None,
        rule_number: int | None = None,
        rule_action: RuleAction | UnknownValue | None = None,
        source_cidr_block: NetworkInput | None = None,
        destination_cidr_block: NetworkInput | None = None,
        protocol: int | Literal[Remove.REMOVE] | None = None,
        source_port_range: PortRangeInput | Literal[Remove.REMOVE] | None = None,
        destination_port_range: PortRangeInput | Literal[Remove.REMOVE] | None = None,
        description: str | Literal[Remove.REMOVE] | None = None,
    ) -> TrafficMirrorFilterRule:
        """Change a rule (``ModifyTrafficMirrorFilterRule``) and return it as it is now.

        ``None`` (the default) leaves a field as is. `REMOVE` removes
        ``protocol`` (every protocol matches again), ``source_port_range``,
        ``destination_port_range`` or ``description`` (AWS ``RemoveFields``);
        no other field can be removed. A call that changes nothing raises
        `QueryError`; an unknown rule raises `FilterRuleNotFoundError`.
        """
        request = modify_rule_request(
            "modify_rule",
            rule_id,
            traffic_direction=traffic_direction,
            rule_number=rule_number,
            rule_action=rule_action,
            source_cidr_block=source_cidr_block,
            destination_cidr_block=destination_cidr_block,
            protocol=protocol,
            source_port_range=source_port_range,
            destination_port_range=destination_port_range,
            description=description,
        )
        response = call_aws(
            "ModifyTrafficMirrorFilterRule",
            lambda: self._client.modify_traffic_mirror_filter_rule(**request),
        )
        return FILTER_RULES.validated(response.get("TrafficMirrorFilterRule"))

    def can_modify_rule(
        self,
        rule_id: str,
        *,
        traffic_direction: TrafficDirection | UnknownValue | None = None,
        rule_number: int | None = None,
        rule_action: RuleAction | UnknownValue | None = None,
        source_cidr_block: NetworkInput | None = None,
        destination_cidr_block: NetworkInput | None = None,
        protocol: int | Literal[Remove.REMOVE] | None = None,
        source_port_range: PortRangeInput | Literal[Remove.REMOVE] | None = None,
        destination_port_range: PortRangeInput | Literal[Remove.REMOVE] | None = None,
        description: str | Literal[Remove.REMOVE] | None = None,
    ) -> bool:
        """Whether the caller may make this `modify_rule` call, asked with ``DryRun``."""
        request = modify_rule_request(
            "can_modify_rule",
            rule_id,
            traffic_direction=traffic_direction,
            rule_number=rule_number,
            rule_action=rule_action,
            source_cidr_block=source_cidr_block,
            destination_cidr_block=destination_cidr_block,
            protocol=protocol,
            source_port_range=source_port_range,
            destination_port_range=destination_port_range,
            description=description,
        )
        request["DryRun"] = True
        return permitted(
            "ModifyTrafficMirrorFilterRule",
            lambda: self._client.modify_traffic_mirror_filter_rule(**request),
        )

    def delete_rule(self, rule_id: str, *, missing_ok: bool = False) -> bool:
        """Delete a filter rule (``DeleteTrafficMirrorFilterRule``); ``True`` when deleted.

        A rule that does not exist raises `FilterRuleNotFoundError`, or, with
        ``missing_ok=True``, returns ``False``.
        """
        request = _delete_rule_request("delete_rule", rule_id)
        return self._delete(
            "delete_rule",
            "DeleteTrafficMirrorFilterRule",
            lambda: self._client.delete_traffic_mirror_filter_rule(**request),
            FilterRuleNotFoundError,
            missing_ok,
        )

    def can_delete_rule(self, rule_id: str) -> bool:
        """Whether the caller may delete this filter rule, asked with ``DryRun``."""
        request = _delete_rule_request("can_delete_rule", rule_id)
        request["DryRun"] = True
        return permitted(
            "DeleteTrafficMirrorFilterRule",
            lambda: self._client.delete_traffic_mirror_filter_rule(**request),
        )
