"""Traffic Mirror targets: the model, the query, the requests and the repository.

This is the target's room: everything particular to targets lives here, over
the shared floors (``_models``, ``_checks``, ``_query``, ``_paging``,
``_writes``, ``_repository``, ``_errors``).

A target is where a session sends the mirrored traffic: a network interface,
a Network Load Balancer or a Gateway Load Balancer endpoint, one of the three.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, Literal, cast, get_args, overload

from pydantic import Field, model_validator

from ec2_traffic_mirror._checks import (
    GATEWAY_LOAD_BALANCER_ENDPOINT,
    NETWORK_INTERFACE,
    TARGET,
    check_client_token,
    check_description,
    check_id,
    check_network_load_balancer_arn,
    check_tags,
    query_strings,
    tag_specifications,
)
from ec2_traffic_mirror._errors import QueryError, TargetNotFoundError, call_aws
from ec2_traffic_mirror._models import (
    AwsId,
    Description,
    Tag,
    TaggedModel,
    UnknownValue,
)
from ec2_traffic_mirror._paging import BasePage, Describe, ItemIterator, PageIterator
from ec2_traffic_mirror._query import BaseQuery
from ec2_traffic_mirror._repository import BaseRepository, checked_query, permitted
from ec2_traffic_mirror._writes import TagsInput

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client
    from mypy_boto3_ec2.type_defs import (
        CreateTrafficMirrorTargetRequestTypeDef,
        DeleteTrafficMirrorTargetRequestTypeDef,
        DescribeTrafficMirrorTargetsRequestPaginateTypeDef,
        DescribeTrafficMirrorTargetsResultTypeDef,
        # Named as a string in the generic bases below (the stubs are not imported at run time).
        TrafficMirrorTargetTypeDef,  # noqa: F401
    )
    from typing_extensions import Self

__all__ = [
    "TARGETS",
    "TARGET_FILTER_NAMES",
    "TARGET_RESOURCE_TYPE",
    "TARGET_TYPES",
    "TargetFilterName",
    "TargetIterator",
    "TargetPage",
    "TargetPageIterator",
    "TargetQuery",
    "TargetType",
    "TrafficMirrorTarget",
    "TrafficMirrorTargetRepository",
    "create_target_request",
]


# -- the model -------------------------------------------------------------------------

TargetType = Literal["network-interface", "network-load-balancer", "gateway-load-balancer-endpoint"]
"""The types of Traffic Mirror target AWS documents (``TrafficMirrorTargetType``)."""

TARGET_TYPES: Final[tuple[TargetType, ...]] = get_args(TargetType)
"""Every known target type."""

# The member that carries the destination, per type (field name, AWS member).
_DESTINATION_OF: Final[dict[str, tuple[str, str]]] = {
    "network-interface": ("network_interface_id", "NetworkInterfaceId"),
    "network-load-balancer": ("network_load_balancer_arn", "NetworkLoadBalancerArn"),
    "gateway-load-balancer-endpoint": (
        "gateway_load_balancer_endpoint_id",
        "GatewayLoadBalancerEndpointId",
    ),
}


class TrafficMirrorTarget(TaggedModel, frozen=True):
    """One Traffic Mirror target, as ``DescribeTrafficMirrorTargets`` returns it.

    Required: ``traffic_mirror_target_id``, ``type`` and ``owner_id``. The
    target carries exactly one destination, the one its ``type`` names:
    ``network_interface_id`` (``network-interface``), ``network_load_balancer_arn``
    (``network-load-balancer``) or ``gateway_load_balancer_endpoint_id``
    (``gateway-load-balancer-endpoint``). A type AWS adds later is an
    `UnknownValue`; such a target carries at most one of the three.

    Build one from a boto3 response item with ``TrafficMirrorTarget.model_validate(item)``;
    ``model_dump(by_alias=True, exclude_none=True)`` gives the item back.
    """

    traffic_mirror_target_id: AwsId
    """The ID of the Traffic Mirror target (``tmt-...``; AWS member ``TrafficMirrorTargetId``)."""

    network_interface_id: AwsId | None = None
    """Where a ``network-interface`` target sends the traffic: the interface (``eni-...``)."""

    network_load_balancer_arn: AwsId | None = None
    """Where a ``network-load-balancer`` target sends the traffic: the load balancer's ARN."""

    type: TargetType | UnknownValue
    """The target type: ``network-interface``, ``network-load-balancer`` or
    ``gateway-load-balancer-endpoint`` (an `UnknownValue` for a type AWS added later)."""

    description: Description | None = None
    """The description of the Traffic Mirror target, if it has one."""

    owner_id: AwsId
    """The ID of the AWS account that owns the Traffic Mirror target."""

    tags: tuple[Tag, ...] = Field(default=(), strict=False)
    """The tags on the target, in the order AWS returned them; keys are unique."""

    gateway_load_balancer_endpoint_id: AwsId | None = None
    """Where a ``gateway-load-balancer-endpoint`` target sends the traffic (``vpce-...``)."""

    if TYPE_CHECKING:
        # What type checkers see; the base's __init__ runs (see _AwsModel).
        def __init__(
            self,
            *,
            traffic_mirror_target_id: AwsId,
            network_interface_id: AwsId | None = None,
            network_load_balancer_arn: AwsId | None = None,
            type: TargetType | UnknownValue,
            description: Description | None = None,
            owner_id: AwsId,
            tags: tuple[Tag, ...] = (),
            gateway_load_balancer_endpoint_id: AwsId | None = None,
        ) -> None:
            if not TYPE_CHECKING:  # read by jedi only (see _AwsModel)
                self.tags: tuple[Tag, ...]
                """The tags on the target, in the order AWS returned them; keys are unique."""

    @model_validator(mode="after")
    def _one_destination_that_matches_the_type(self) -> Self:
        present = [
            (field, member)
            for field, member in _DESTINATION_OF.values()
            if getattr(self, field) is not None
        ]
        if isinstance(self.type, UnknownValue):
            if len(present) > 1:
                members = " and ".join(member for _, member in present)
                raise ValueError(
                    f"a target carries one destination, but this one (of type {self.type!r})"
                    f" carries {members}"
                )
            return self
        field, member = _DESTINATION_OF[self.type]
        if [name for name, _ in present] != [field]:
            carried = " and ".join(name for _, name in present) or "none"
            raise ValueError(
                f"a target of type {self.type!r} carries {member} and no other destination,"
                f" but this one carries {carried}"
            )
        return self

    @property
    def destination(self) -> str | None:
        """Where the traffic goes: the interface id, the load balancer ARN or the endpoint id.

        ``None`` only for a type the SDK does not know yet that carries none of the three.
        """
        return (
            self.network_interface_id
            or self.network_load_balancer_arn
            or self.gateway_load_balancer_endpoint_id
        )


# -- the query -------------------------------------------------------------------------

TargetFilterName = Literal[
    "description",
    "network-interface-id",
    "network-load-balancer-arn",
    "owner-id",
    "traffic-mirror-target-id",
]
"""The filter names ``DescribeTrafficMirrorTargets`` knows (case-sensitive)."""

TARGET_FILTER_NAMES: Final[tuple[TargetFilterName, ...]] = get_args(TargetFilterName)
"""Every target filter name, in the order filters appear in a request."""


class TargetQuery(BaseQuery[TrafficMirrorTarget]):
    """An immutable query for Traffic Mirror targets, built by method chaining.

    ``TargetQuery().network_interface_id("eni-0123456789abcdef0").page_size(50)``

    It works as `SessionQuery` does: values of one filter OR together,
    different filters AND together; calling a method again adds values;
    ``page_size`` (5 to 1000), ``max_items``, ``dry_run`` and
    ``starting_token`` replace an earlier value.
    """

    _FILTER_NAMES = TARGET_FILTER_NAMES
    _IDS_METHOD = "target_ids"
    _IDS_MEMBER = "TrafficMirrorTargetIds"
    _ID_KIND = TARGET
    _MODEL_NAME = "TrafficMirrorTarget"
    _ID_FIELD = "traffic_mirror_target_id"

    def target_ids(self, *ids: str) -> TargetQuery:
        """Only these targets (``TrafficMirrorTargetIds``).

        Each must be a target id (``tmt-...``); AWS answers NotFound for the
        whole call when one does not exist (the ``traffic_mirror_target_id``
        filter does not).
        """
        return self._add_ids(ids)

    def description(self, *patterns: str) -> TargetQuery:
        """Targets whose description matches one of the patterns (``*`` and ``?`` wildcards)."""
        return self._add_filter("description", query_strings("description", patterns))

    def network_interface_id(self, *ids: str) -> TargetQuery:
        """Targets that send to one of these network interfaces (``eni-...``)."""
        return self._add_filter("network-interface-id", query_strings("network_interface_id", ids))

    def network_load_balancer_arn(self, *arns: str) -> TargetQuery:
        """Targets that send to one of these Network Load Balancers (ARNs)."""
        values = query_strings("network_load_balancer_arn", arns)
        return self._add_filter("network-load-balancer-arn", values)

    def owner_id(self, *account_ids: str) -> TargetQuery:
        """Targets owned by one of these AWS accounts."""
        return self._add_filter("owner-id", query_strings("owner_id", account_ids))

    def traffic_mirror_target_id(self, *ids: str) -> TargetQuery:
        """Targets with one of these ids, as a filter: unknown ids match nothing, no error."""
        values = query_strings("traffic_mirror_target_id", ids)
        return self._add_filter("traffic-mirror-target-id", values)

    # Selection on the client side: never sent to AWS (its API has no tag filters).

    def tag(self, key: str, *values: str) -> TargetQuery:
        """Only targets with tag ``key`` set to one of ``values``: selected on the client side.

        AWS has no tag filters for this call: the SDK keeps the matching items
        of each page after AWS's own filters (`to_request` is unchanged).
        Values match exactly (case-sensitive, no wildcards; ``""`` is the empty
        value). Calling again with the same key adds values (they OR);
        different keys AND. Keys are 1 to 127 characters (``aws:`` keys too:
        this reads them), values at most 256.
        """
        return self._add_tag(key, values)

    def tag_key(self, *keys: str) -> TargetQuery:
        """Only targets that have a tag with one of these keys, whatever its value (client side).

        Calling again adds keys (they OR, as the values of one filter do);
        ``tag_key`` ANDs with `tag` and `where`. Selected on the client side,
        after AWS's own filters, as `tag` is.
        """
        return self._add_tag_keys(keys)

    def where(self, predicate: Callable[[TrafficMirrorTarget], bool]) -> TargetQuery:
        """Only targets for which ``predicate`` returns True: selected on the client side.

        ``TargetQuery().where(lambda t: t.type == "network-interface")``.
        The predicate runs on each valid item AWS returns, after AWS's own
        filters and the tag selection, and must return ``True`` or ``False``;
        several ``where`` calls AND (in the order given). Predicates compare
        by identity (the same function object), and ``repr`` shows each by
        its qualified name.
        """
        return self._add_predicate(predicate)

    def dry_run(self, enabled: bool = True) -> TargetQuery:
        """Send ``DryRun``: AWS checks the permission and answers ``DryRunOperation``."""
        return self._with_dry_run(enabled)

    def page_size(self, size: int) -> TargetQuery:
        """Items per AWS call (``PaginationConfig.PageSize``, sent as ``MaxResults``): 5 to 1000."""
        return self._with_page_size(size)

    def max_items(self, count: int) -> TargetQuery:
        """Stop after this many items (``PaginationConfig.MaxItems``), at least 1."""
        return self._with_max_items(count)

    def starting_token(self, token: str) -> TargetQuery:
        """Go on where a listing stopped (``PaginationConfig.StartingToken``).

        Takes a ``resume_token`` of this SDK or of a boto3 paginator.
        """
        return self._with_starting_token(token)

    def to_request(self) -> DescribeTrafficMirrorTargetsRequestPaginateTypeDef:
        """The keyword arguments for the boto3 paginator, exactly.

        ``client.get_paginator("describe_traffic_mirror_targets").paginate(**query.to_request())``
        """
        return cast("DescribeTrafficMirrorTargetsRequestPaginateTypeDef", self._paginate_request())


# -- the write requests ----------------------------------------------------------------

TARGET_RESOURCE_TYPE: Final = "traffic-mirror-target"
"""The ``ResourceType`` of a Traffic Mirror target in ``TagSpecifications``."""

_DESTINATIONS: Final = (
    "network_interface_id",
    "network_load_balancer_arn",
    "gateway_load_balancer_endpoint_id",
)


def create_target_request(
    method: str,
    *,
    network_interface_id: object,
    network_load_balancer_arn: object,
    gateway_load_balancer_endpoint_id: object,
    description: object,
    tags: object,
    client_token: object,
) -> CreateTrafficMirrorTargetRequestTypeDef:
    """The ``CreateTrafficMirrorTarget`` request: exactly one destination, everything checked."""
    given = [
        name
        for name, value in zip(
            _DESTINATIONS,
            (network_interface_id, network_load_balancer_arn, gateway_load_balancer_endpoint_id),
            strict=True,
        )
        if value is not None
    ]
    if len(given) != 1:
        got = " and ".join(given) if given else "none"
        raise QueryError(
            f"{method}() takes exactly one of network_interface_id (eni-...),"
            " network_load_balancer_arn (a Network Load Balancer ARN) and"
            f" gateway_load_balancer_endpoint_id (vpce-...), got {got}"
        )
    request: CreateTrafficMirrorTargetRequestTypeDef = {}
    if network_interface_id is not None:
        request["NetworkInterfaceId"] = check_id(
            method, "network_interface_id", network_interface_id, NETWORK_INTERFACE
        )
    if network_load_balancer_arn is not None:
        request["NetworkLoadBalancerArn"] = check_network_load_balancer_arn(
            method, "network_load_balancer_arn", network_load_balancer_arn
        )
    if gateway_load_balancer_endpoint_id is not None:
        request["GatewayLoadBalancerEndpointId"] = check_id(
            method,
            "gateway_load_balancer_endpoint_id",
            gateway_load_balancer_endpoint_id,
            GATEWAY_LOAD_BALANCER_ENDPOINT,
        )
    if description is not None:
        request["Description"] = check_description(method, description, removable=False)
    specifications = tag_specifications(TARGET_RESOURCE_TYPE, check_tags(method, tags, at_least=0))
    if specifications:
        request["TagSpecifications"] = specifications
    if client_token is not None:
        request["ClientToken"] = check_client_token(method, client_token)
    return request


def _delete_request(method: str, target_id: object) -> DeleteTrafficMirrorTargetRequestTypeDef:
    return {"TrafficMirrorTargetId": check_id(method, "target_id", target_id, TARGET)}


# -- listing ---------------------------------------------------------------------------


def _describe(client: EC2Client, call: dict[str, Any]) -> DescribeTrafficMirrorTargetsResultTypeDef:
    return client.describe_traffic_mirror_targets(**call)


TARGETS: Final = Describe[TrafficMirrorTarget, "TrafficMirrorTargetTypeDef"](
    operation="DescribeTrafficMirrorTargets",
    result_key="TrafficMirrorTargets",
    ids_member="TrafficMirrorTargetIds",
    id_member="TrafficMirrorTargetId",
    noun="target",
    model=TrafficMirrorTarget,
    send=_describe,
    not_found=TargetNotFoundError,
)
"""How targets are described: the call, its members, the model."""


# Decorated again, and the fields declared again with their own types: every type
# checker (zuban too) then sees a frozen dataclass, and IDEs show the item type.
@dataclasses.dataclass(frozen=True)
class TargetPage(BasePage[TrafficMirrorTarget]):
    """One page of targets: ``items`` and the ``next_token`` to go on from."""

    items: tuple[TrafficMirrorTarget, ...]
    """The targets of this page, in the order AWS returned them."""
    next_token: str | None
    """A StartingToken just past this page (the query's ``starting_token``); ``None`` at the end."""


class TargetIterator(ItemIterator[TrafficMirrorTarget, "TrafficMirrorTargetTypeDef"]):
    """The lazy iterator `TrafficMirrorTargetRepository.find` returns (see `SessionIterator`)."""

    _describe = TARGETS


class TargetPageIterator(
    PageIterator[TrafficMirrorTarget, "TrafficMirrorTargetTypeDef", TargetPage]
):
    """The lazy iterator of `TargetPage` that `TrafficMirrorTargetRepository.pages` returns."""

    _describe = TARGETS

    def _page(self, items: tuple[TrafficMirrorTarget, ...], next_token: str | None) -> TargetPage:
        return TargetPage(items=items, next_token=next_token)


# -- the repository --------------------------------------------------------------------


class TrafficMirrorTargetRepository(BaseRepository):
    """Typed access to Traffic Mirror targets over a boto3 EC2 client.

    The same guarantees as `TrafficMirrorSessionRepository`: lazy paging,
    exact resume tokens, typed errors, every input checked before any call,
    and ``on_invalid`` for response items that break the model.
    """

    def find(self, query: TargetQuery | None = None) -> TargetIterator:
        """The matching targets, lazily: no call is made until iteration needs a page."""
        return TargetIterator(self._client, checked_query(query, TargetQuery), self._on_invalid)

    def pages(self, query: TargetQuery | None = None) -> TargetPageIterator:
        """The matching targets page by page, lazily, as `TargetPage` objects."""
        return TargetPageIterator(self._client, checked_query(query, TargetQuery), self._on_invalid)

    def first(self, query: TargetQuery | None = None) -> TrafficMirrorTarget | None:
        """The first matching target, or ``None`` (one call, unless AWS answers empty pages)."""
        return next(self.find(query), None)

    def count(self, query: TargetQuery | None = None) -> int:
        """How many targets `find` would return for this query (every page is fetched)."""
        return sum(1 for _ in self.find(query))

    def get(self, target_id: str) -> TrafficMirrorTarget:
        """The target with this id, or `TargetNotFoundError`.

        An id that is not a target id (``tmt-`` and hex) raises `QueryError`
        before any call.
        """
        return self._get(TARGETS, TARGET, target_id)

    def can_describe(self, query: TargetQuery | None = None) -> bool:
        """Whether the caller may describe these targets, asked with ``DryRun``."""
        return self._can_describe(TARGETS, checked_query(query, TargetQuery))

    # -- writes ---------------------------------------------------------------

    @overload
    def create(
        self,
        *,
        network_interface_id: str,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorTarget: ...

    @overload
    def create(
        self,
        *,
        network_load_balancer_arn: str,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorTarget: ...

    @overload
    def create(
        self,
        *,
        gateway_load_balancer_endpoint_id: str,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorTarget: ...

    def create(
        self,
        *,
        network_interface_id: str | None = None,
        network_load_balancer_arn: str | None = None,
        gateway_load_balancer_endpoint_id: str | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorTarget:
        """Create a target (``CreateTrafficMirrorTarget``) and return it as AWS stored it.

        Exactly one destination: ``network_interface_id`` (``eni-...``),
        ``network_load_balancer_arn`` (``arn:aws...:elasticloadbalancing:...:loadbalancer/net/...``)
        or ``gateway_load_balancer_endpoint_id`` (``vpce-...``); none or two is
        refused before any call. ``tags`` at most 50, unique keys, no ``aws:``
        keys; ``client_token`` 1 to 64 ASCII characters (``ClientToken``).
        """
        request = create_target_request(
            "create",
            network_interface_id=network_interface_id,
            network_load_balancer_arn=network_load_balancer_arn,
            gateway_load_balancer_endpoint_id=gateway_load_balancer_endpoint_id,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        response = call_aws(
            "CreateTrafficMirrorTarget",
            lambda: self._client.create_traffic_mirror_target(**request),
        )
        return TARGETS.validated(response.get("TrafficMirrorTarget"))

    @overload
    def can_create(
        self,
        *,
        network_interface_id: str,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool: ...

    @overload
    def can_create(
        self,
        *,
        network_load_balancer_arn: str,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool: ...

    @overload
    def can_create(
        self,
        *,
        gateway_load_balancer_endpoint_id: str,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool: ...

    def can_create(
        self,
        *,
        network_interface_id: str | None = None,
        network_load_balancer_arn: str | None = None,
        gateway_load_balancer_endpoint_id: str | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool:
        """Whether the caller may make this `create` call, asked with ``DryRun``."""
        request = create_target_request(
            "can_create",
            network_interface_id=network_interface_id,
            network_load_balancer_arn=network_load_balancer_arn,
            gateway_load_balancer_endpoint_id=gateway_load_balancer_endpoint_id,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        request["DryRun"] = True
        return permitted(
            "CreateTrafficMirrorTarget",
            lambda: self._client.create_traffic_mirror_target(**request),
        )

    def delete(self, target_id: str, *, missing_ok: bool = False) -> bool:
        """Delete a target (``DeleteTrafficMirrorTarget``); ``True`` when it was deleted.

        A target that does not exist raises `TargetNotFoundError`, or, with
        ``missing_ok=True``, returns ``False``. A target a session still uses
        raises `ResourceInUseError`.
        """
        request = _delete_request("delete", target_id)
        return self._delete(
            "delete",
            "DeleteTrafficMirrorTarget",
            lambda: self._client.delete_traffic_mirror_target(**request),
            TargetNotFoundError,
            missing_ok,
        )

    def can_delete(self, target_id: str) -> bool:
        """Whether the caller may delete this target, asked with ``DryRun``."""
        request = _delete_request("can_delete", target_id)
        request["DryRun"] = True
        return permitted(
            "DeleteTrafficMirrorTarget",
            lambda: self._client.delete_traffic_mirror_target(**request),
        )

    def add_tags(self, target_id: str, tags: TagsInput) -> None:
        """Add tags to a target, or overwrite the values of keys it has (``CreateTags``)."""
        self._add_tags("add_tags", "target_id", TARGET, target_id, tags)

    def can_add_tags(self, target_id: str, tags: TagsInput) -> bool:
        """Whether the caller may make this `add_tags` call, asked with ``DryRun``."""
        return self._can_add_tags("can_add_tags", "target_id", TARGET, target_id, tags)

    def remove_tags(self, target_id: str, keys: Iterable[str]) -> None:
        """Remove the tags with these keys from a target, whatever their values (``DeleteTags``)."""
        self._remove_tags("remove_tags", "target_id", TARGET, target_id, keys)

    def can_remove_tags(self, target_id: str, keys: Iterable[str]) -> bool:
        """Whether the caller may make this `remove_tags` call, asked with ``DryRun``."""
        return self._can_remove_tags("can_remove_tags", "target_id", TARGET, target_id, keys)
