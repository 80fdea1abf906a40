"""Traffic Mirror sessions: the model, the query, the requests and the repository.

This is the session's room: everything particular to sessions lives here,
over the shared floors (``_models``, ``_checks``, ``_query``, ``_paging``,
``_writes``, ``_repository``, ``_errors``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, Literal, Optional, cast, get_args

from pydantic import Field

from ec2_traffic_mirror._checks import (
    FILTER,
    NETWORK_INTERFACE,
    SESSION,
    TARGET,
    check_client_token,
    check_description,
    check_id,
    check_integer,
    check_tags,
    query_ids,
    query_integers,
    query_strings,
    refuse,
    tag_specifications,
)
from ec2_traffic_mirror._errors import QueryError, SessionNotFoundError, call_aws
from ec2_traffic_mirror._models import (
    PACKET_LENGTH_MAX,
    PACKET_LENGTH_MIN,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
    VIRTUAL_NETWORK_ID_MAX,
    VIRTUAL_NETWORK_ID_MIN,
    AwsId,
    Description,
    PacketLength,
    SessionNumber,
    Tag,
    TaggedModel,
    VirtualNetworkId,
)
from ec2_traffic_mirror._paging import BasePage, Describe, ItemIterator, PageIterator
from ec2_traffic_mirror._query import BaseQuery
from ec2_traffic_mirror._repository import BaseRepository, checked_query, permitted
from ec2_traffic_mirror._writes import REMOVE, Remove, TagsInput, tag_request, untag_request

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client
    from mypy_boto3_ec2.type_defs import (
        ClientCreateTagsRequestTypeDef,
        ClientDeleteTagsRequestTypeDef,
        CreateTrafficMirrorSessionRequestTypeDef,
        DeleteTrafficMirrorSessionRequestTypeDef,
        DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
        DescribeTrafficMirrorSessionsResultTypeDef,
        ModifyTrafficMirrorSessionRequestTypeDef,
        # Named as a string in the generic bases below (the stubs are not imported at run time).
        TrafficMirrorSessionTypeDef,  # noqa: F401
    )

__all__ = [
    "FILTER_NAMES",
    "REMOVABLE_FIELDS",
    "SESSIONS",
    "SESSION_RESOURCE_TYPE",
    "FilterName",
    "Page",
    "RemovableField",
    "SessionIterator",
    "SessionPageIterator",
    "SessionQuery",
    "TrafficMirrorSession",
    "TrafficMirrorSessionRepository",
    "check_session_id",
    "create_request",
    "create_tags_request",
    "delete_request",
    "delete_tags_request",
    "modify_request",
]


# -- the model -------------------------------------------------------------------------


class TrafficMirrorSession(TaggedModel, frozen=True):
    """One Traffic Mirror session, as ``DescribeTrafficMirrorSessions`` returns it.

    Required: ``traffic_mirror_session_id``, ``traffic_mirror_target_id``,
    ``traffic_mirror_filter_id``, ``network_interface_id``, ``owner_id`` and
    ``session_number`` (1 to 32766). Optional: ``packet_length`` (1 to 8500;
    ``None`` mirrors the whole packet), ``virtual_network_id`` (0 to 16777215),
    ``description`` and ``tags`` (unique keys).

    Build one from a boto3 response item with ``TrafficMirrorSession.model_validate(item)``;
    ``model_dump(by_alias=True, exclude_none=True)`` gives the item back.
    """

    traffic_mirror_session_id: AwsId
    """The ID of the Traffic Mirror session (``tms-...``; AWS member ``TrafficMirrorSessionId``)."""

    traffic_mirror_target_id: AwsId
    """The ID of the Traffic Mirror target that receives the mirrored traffic (``tmt-...``)."""

    traffic_mirror_filter_id: AwsId
    """The ID of the Traffic Mirror filter that selects the mirrored traffic (``tmf-...``)."""

    network_interface_id: AwsId
    """The ID of the network interface whose traffic is mirrored, the source (``eni-...``)."""

    owner_id: AwsId
    """The ID of the AWS account that owns the Traffic Mirror session."""

    session_number: SessionNumber
    """The session number, 1 to 32766: among sessions on one interface, lower numbers go first."""

    packet_length: Optional[PacketLength] = None  # noqa: UP045 (jedi: see _AwsModel)
    """Bytes of each packet to mirror, 1 to 8500; ``None`` means the whole packet is mirrored."""

    virtual_network_id: Optional[VirtualNetworkId] = None  # noqa: UP045
    """The VXLAN network identifier (VNI) of the mirrored traffic, 0 to 16777215."""

    description: Description | None = None
    """The description of the Traffic Mirror session, if it has one."""

    tags: tuple[Tag, ...] = Field(default=(), strict=False)
    """The tags on the session, in the order AWS returned them; keys are unique."""

    @property
    def mirrors_whole_packet(self) -> bool:
        """Whether whole packets are mirrored (no ``packet_length`` truncation)."""
        return self.packet_length is None

    if TYPE_CHECKING:
        # What type checkers see; the base's __init__ runs (see _AwsModel).
        def __init__(
            self,
            *,
            traffic_mirror_session_id: AwsId,
            traffic_mirror_target_id: AwsId,
            traffic_mirror_filter_id: AwsId,
            network_interface_id: AwsId,
            owner_id: AwsId,
            session_number: SessionNumber,
            packet_length: PacketLength | None = None,
            virtual_network_id: VirtualNetworkId | None = None,
            description: Description | None = None,
            tags: tuple[Tag, ...] = (),
        ) -> None:
            if not TYPE_CHECKING:  # read by jedi only (see _AwsModel)
                self.tags: tuple[Tag, ...]
                """The tags on the session, in the order AWS returned them; keys are unique."""


# -- the query -------------------------------------------------------------------------

FilterName = Literal[
    "description",
    "network-interface-id",
    "owner-id",
    "packet-length",
    "session-number",
    "traffic-mirror-filter-id",
    "traffic-mirror-session-id",
    "traffic-mirror-target-id",
    "virtual-network-id",
]
"""The filter names ``DescribeTrafficMirrorSessions`` knows (case-sensitive)."""

FILTER_NAMES: Final[tuple[FilterName, ...]] = get_args(FilterName)
"""Every filter name, in the order filters appear in a request."""


def check_session_id(method: str, value: object) -> str:
    """``value`` if it is a Traffic Mirror session id, else `QueryError` naming ``method``."""
    (checked,) = query_ids(method, SESSION, (value,))
    return checked


class SessionQuery(BaseQuery[TrafficMirrorSession]):
    """An immutable query for Traffic Mirror sessions, built by method chaining.

    ``SessionQuery().owner_id("123456789012").packet_length(100, 200).page_size(50)``

    Values of one filter OR together; different filters AND together, as AWS
    does. Calling a filter method again adds values (repeats are dropped, the
    first order is kept). Integers are sent as strings. ``page_size``,
    ``max_items``, ``dry_run`` and ``starting_token`` replace an earlier value.
    Build one with ``SessionQuery()`` and its methods; the fields are private.
    """

    _FILTER_NAMES = FILTER_NAMES
    _INTEGER_FILTERS = frozenset({"packet-length", "session-number", "virtual-network-id"})
    _IDS_METHOD = "session_ids"
    _IDS_MEMBER = "TrafficMirrorSessionIds"
    _ID_KIND = SESSION
    _MODEL_NAME = "TrafficMirrorSession"
    _ID_FIELD = "traffic_mirror_session_id"

    def session_ids(self, *ids: str) -> SessionQuery:
        """Only these sessions (``TrafficMirrorSessionIds``).

        Each must be a session id; AWS answers NotFound for one that does not exist.
        """
        return self._add_ids(ids)

    def description(self, *patterns: str) -> SessionQuery:
        """Sessions whose description matches one of the patterns (``*`` and ``?`` wildcards)."""
        return self._add_filter("description", query_strings("description", patterns))

    def network_interface_id(self, *ids: str) -> SessionQuery:
        """Sessions that mirror one of these network interfaces (``eni-...``)."""
        return self._add_filter("network-interface-id", query_strings("network_interface_id", ids))

    def owner_id(self, *account_ids: str) -> SessionQuery:
        """Sessions owned by one of these AWS accounts."""
        return self._add_filter("owner-id", query_strings("owner_id", account_ids))

    def packet_length(self, *lengths: int) -> SessionQuery:
        """Sessions that mirror this many bytes of each packet (1 to 8500)."""
        values = query_integers("packet_length", lengths, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX)
        return self._add_filter("packet-length", values)

    def session_number(self, *numbers: int) -> SessionQuery:
        """Sessions with one of these session numbers (1 to 32766)."""
        values = query_integers("session_number", numbers, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX)
        return self._add_filter("session-number", values)

    def traffic_mirror_filter_id(self, *ids: str) -> SessionQuery:
        """Sessions that use one of these Traffic Mirror filters (``tmf-...``)."""
        values = query_strings("traffic_mirror_filter_id", ids)
        return self._add_filter("traffic-mirror-filter-id", values)

    def traffic_mirror_session_id(self, *ids: str) -> SessionQuery:
        """Sessions with one of these ids, as a filter: unknown ids match nothing, no error."""
        values = query_strings("traffic_mirror_session_id", ids)
        return self._add_filter("traffic-mirror-session-id", values)

    def traffic_mirror_target_id(self, *ids: str) -> SessionQuery:
        """Sessions that send to one of these Traffic Mirror targets (``tmt-...``)."""
        values = query_strings("traffic_mirror_target_id", ids)
        return self._add_filter("traffic-mirror-target-id", values)

    def virtual_network_id(self, *vnis: int) -> SessionQuery:
        """Sessions with one of these VXLAN network ids (0 to 16777215)."""
        values = query_integers(
            "virtual_network_id", vnis, VIRTUAL_NETWORK_ID_MIN, VIRTUAL_NETWORK_ID_MAX
        )
        return self._add_filter("virtual-network-id", values)

    # Selection on the client side: never sent to AWS (its API has no tag filters).

    def tag(self, key: str, *values: str) -> SessionQuery:
        """Only sessions with tag ``key`` set to one of ``values``: selected on the client side.

        AWS has no tag filters for this call: the SDK keeps the matching items
        of each page after AWS's own filters (`to_request` is unchanged).
        Values match exactly (case-sensitive, no wildcards; ``""`` is the empty
        value). Calling again with the same key adds values (they OR);
        different keys AND. Keys are 1 to 127 characters (``aws:`` keys too:
        this reads them), values at most 256.
        """
        return self._add_tag(key, values)

    def tag_key(self, *keys: str) -> SessionQuery:
        """Only sessions that have a tag with one of these keys, whatever its value (client side).

        Calling again adds keys (they OR, as the values of one filter do);
        ``tag_key`` ANDs with `tag` and `where`. Selected on the client side,
        after AWS's own filters, as `tag` is.
        """
        return self._add_tag_keys(keys)

    def where(self, predicate: Callable[[TrafficMirrorSession], bool]) -> SessionQuery:
        """Only sessions for which ``predicate`` returns True: selected on the client side.

        ``SessionQuery().where(lambda s: s.packet_length is None)``.
        The predicate runs on each valid item AWS returns, after AWS's own
        filters and the tag selection, and must return ``True`` or ``False``;
        several ``where`` calls AND (in the order given). Predicates compare
        by identity (the same function object), and ``repr`` shows each by
        its qualified name.
        """
        return self._add_predicate(predicate)

    def dry_run(self, enabled: bool = True) -> SessionQuery:
        """Send ``DryRun``: AWS checks the permission and answers ``DryRunOperation``."""
        return self._with_dry_run(enabled)

    def page_size(self, size: int) -> SessionQuery:
        """Items per AWS call (``PaginationConfig.PageSize``, sent as ``MaxResults``): 5 to 1000."""
        return self._with_page_size(size)

    def max_items(self, count: int) -> SessionQuery:
        """Stop after this many items (``PaginationConfig.MaxItems``), at least 1."""
        return self._with_max_items(count)

    def starting_token(self, token: str) -> SessionQuery:
        """Go on where a listing stopped (``PaginationConfig.StartingToken``).

        Takes a ``resume_token`` of this SDK or of a boto3 paginator.
        """
        return self._with_starting_token(token)

    def to_request(self) -> DescribeTrafficMirrorSessionsRequestPaginateTypeDef:
        """The keyword arguments for the boto3 paginator, exactly.

        ``client.get_paginator("describe_traffic_mirror_sessions").paginate(**query.to_request())``
        """
        return cast("DescribeTrafficMirrorSessionsRequestPaginateTypeDef", self._paginate_request())


# -- the write requests ----------------------------------------------------------------
# Pure: every argument checked (QueryError names the method, the argument, the
# value and the rule), then the exact boto3 request. The CLI checks its input
# with these too, before it even makes a client.

RemovableField = Literal["packet-length", "virtual-network-id", "description"]
"""The values of ``ModifyTrafficMirrorSession``'s ``RemoveFields`` (AWS's closed set)."""

REMOVABLE_FIELDS: Final[tuple[RemovableField, ...]] = get_args(RemovableField)
"""Every ``RemoveFields`` value, in the order a request lists them."""

SESSION_RESOURCE_TYPE: Final = "traffic-mirror-session"
"""The ``ResourceType`` of a Traffic Mirror session in ``TagSpecifications``."""


def _session_id(method: str, value: object) -> str:
    return check_id(method, "session_id", value, SESSION)


def create_request(
    method: str,
    *,
    network_interface_id: object,
    traffic_mirror_target_id: object,
    traffic_mirror_filter_id: object,
    session_number: object,
    packet_length: object,
    virtual_network_id: object,
    description: object,
    tags: object,
    client_token: object,
) -> CreateTrafficMirrorSessionRequestTypeDef:
    """The ``CreateTrafficMirrorSession`` request, every argument checked first."""
    request: CreateTrafficMirrorSessionRequestTypeDef = {
        "NetworkInterfaceId": check_id(
            method, "network_interface_id", network_interface_id, NETWORK_INTERFACE
        ),
        "TrafficMirrorTargetId": check_id(
            method, "traffic_mirror_target_id", traffic_mirror_target_id, TARGET
        ),
        "TrafficMirrorFilterId": check_id(
            method, "traffic_mirror_filter_id", traffic_mirror_filter_id, FILTER
        ),
        "SessionNumber": check_integer(
            method, "session_number", session_number, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX
        ),
    }
    if packet_length is not None:
        request["PacketLength"] = check_integer(
            method, "packet_length", packet_length, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX
        )
    if virtual_network_id is not None:
        request["VirtualNetworkId"] = check_integer(
            method,
            "virtual_network_id",
            virtual_network_id,
            VIRTUAL_NETWORK_ID_MIN,
            VIRTUAL_NETWORK_ID_MAX,
        )
    if description is not None:
        request["Description"] = check_description(method, description, removable=False)
    specifications = tag_specifications(SESSION_RESOURCE_TYPE, check_tags(method, tags, at_least=0))
    if specifications:
        request["TagSpecifications"] = specifications
    if client_token is not None:
        request["ClientToken"] = check_client_token(method, client_token)
    return request


def modify_request(
    method: str,
    session_id: object,
    *,
    traffic_mirror_target_id: object,
    traffic_mirror_filter_id: object,
    session_number: object,
    packet_length: object,
    virtual_network_id: object,
    description: object,
) -> ModifyTrafficMirrorSessionRequestTypeDef:
    """The ``ModifyTrafficMirrorSession`` request, every argument checked first.

    ``None`` leaves a field as is; `REMOVE` puts the field in ``RemoveFields``.
    A request that would change nothing is refused.
    """
    request: ModifyTrafficMirrorSessionRequestTypeDef = {
        "TrafficMirrorSessionId": _session_id(method, session_id)
    }
    for argument, value in (
        ("traffic_mirror_target_id", traffic_mirror_target_id),
        ("traffic_mirror_filter_id", traffic_mirror_filter_id),
        ("session_number", session_number),
    ):
        if value is REMOVE:
            raise refuse(
                method,
                argument,
                value,
                "cannot be removed (only packet_length, virtual_network_id and description can)",
            )
    if traffic_mirror_target_id is not None:
        request["TrafficMirrorTargetId"] = check_id(
            method, "traffic_mirror_target_id", traffic_mirror_target_id, TARGET
        )
    if traffic_mirror_filter_id is not None:
        request["TrafficMirrorFilterId"] = check_id(
            method, "traffic_mirror_filter_id", traffic_mirror_filter_id, FILTER
        )
    if session_number is not None:
        request["SessionNumber"] = check_integer(
            method, "session_number", session_number, SESSION_NUMBER_MIN, SESSION_NUMBER_MAX
        )
    remove: list[RemovableField] = []
    if packet_length is REMOVE:
        remove.append("packet-length")
    elif packet_length is not None:
        request["PacketLength"] = check_integer(
            method, "packet_length", packet_length, PACKET_LENGTH_MIN, PACKET_LENGTH_MAX
        )
    if virtual_network_id is REMOVE:
        remove.append("virtual-network-id")
    elif virtual_network_id is not None:
        request["VirtualNetworkId"] = check_integer(
            method,
            "virtual_network_id",
            virtual_network_id,
            VIRTUAL_NETWORK_ID_MIN,
            VIRTUAL_NETWORK_ID_MAX,
        )
    if description is REMOVE:
        remove.append("description")
    elif description is not None:
        request["Description"] = check_description(method, description, removable=True)
    if remove:
        request["RemoveFields"] = remove
    if len(request) == 1:
        raise QueryError(
            f"{method}() got nothing to change for session {request['TrafficMirrorSessionId']!r}:"
            " give at least one field a new value or REMOVE"
        )
    return request


def delete_request(method: str, session_id: object) -> DeleteTrafficMirrorSessionRequestTypeDef:
    """The ``DeleteTrafficMirrorSession`` request for a checked session id."""
    return {"TrafficMirrorSessionId": _session_id(method, session_id)}


def create_tags_request(
    method: str, session_id: object, tags: object
) -> ClientCreateTagsRequestTypeDef:
    """The ``CreateTags`` request: one to 50 checked tags on one session."""
    return tag_request(method, "session_id", SESSION, session_id, tags)


def delete_tags_request(
    method: str, session_id: object, keys: object
) -> ClientDeleteTagsRequestTypeDef:
    """The ``DeleteTags`` request: one to 50 checked keys, each removed whatever its value."""
    return untag_request(method, "session_id", SESSION, session_id, keys)


# -- listing ---------------------------------------------------------------------------


def _describe(
    client: EC2Client, call: dict[str, Any]
) -> DescribeTrafficMirrorSessionsResultTypeDef:
    return client.describe_traffic_mirror_sessions(**call)


SESSIONS: Final = Describe[TrafficMirrorSession, "TrafficMirrorSessionTypeDef"](
    operation="DescribeTrafficMirrorSessions",
    result_key="TrafficMirrorSessions",
    ids_member="TrafficMirrorSessionIds",
    id_member="TrafficMirrorSessionId",
    noun="session",
    model=TrafficMirrorSession,
    send=_describe,
    not_found=SessionNotFoundError,
)
"""How sessions are described: the call, its members, the model."""


# Decorated again, and the fields declared again with their own types: every type
# checker (zuban too) then sees a frozen dataclass, and IDEs show the item type.
@dataclasses.dataclass(frozen=True)
class Page(BasePage[TrafficMirrorSession]):
    """One page of sessions: ``items`` and the ``next_token`` to go on from."""

    items: tuple[TrafficMirrorSession, ...]
    """The sessions of this page, in the order AWS returned them."""
    next_token: str | None
    """A StartingToken just past this page (the query's ``starting_token``); ``None`` at the end."""


class SessionIterator(ItemIterator[TrafficMirrorSession, "TrafficMirrorSessionTypeDef"]):
    """The lazy iterator `TrafficMirrorSessionRepository.find` returns.

    A page is fetched only when iteration needs it. ``resume_token`` says where
    to go on from at any moment, also after an error: an error raised while
    iterating leaves the iterator where it was (the error's ``resume_token`` is
    the iterator's), so iterating again retries the failed call, or goes on
    past an invalid item.
    """

    _describe = SESSIONS


class SessionPageIterator(PageIterator[TrafficMirrorSession, "TrafficMirrorSessionTypeDef", Page]):
    """The lazy iterator of `Page` that `TrafficMirrorSessionRepository.pages` returns.

    Each AWS answer is one `Page`. With ``on_invalid="raise"`` a page with a
    bad item comes out as the items before it, then the error, then the rest,
    so every ``next_token`` and ``resume_token`` stays exact.
    """

    _describe = SESSIONS

    def _page(self, items: tuple[TrafficMirrorSession, ...], next_token: str | None) -> Page:
        return Page(items=items, next_token=next_token)


# -- the repository --------------------------------------------------------------------


class TrafficMirrorSessionRepository(BaseRepository):
    """Typed access to Traffic Mirror sessions over a boto3 EC2 client.

    ``on_invalid`` says what happens to a response item that breaks the model:
    ``"raise"`` raises `ResponseValidationError`; ``"skip"`` leaves it out, logs
    a warning on the ``ec2_traffic_mirror`` logger and keeps it on the
    iterator's ``skipped_items``.
    """

    def find(self, query: SessionQuery | None = None) -> SessionIterator:
        """The matching sessions, lazily: no call is made until iteration needs a page."""
        return SessionIterator(self._client, checked_query(query, SessionQuery), self._on_invalid)

    def pages(self, query: SessionQuery | None = None) -> SessionPageIterator:
        """The matching sessions page by page, lazily, as `Page` objects."""
        return SessionPageIterator(
            self._client, checked_query(query, SessionQuery), self._on_invalid
        )

    def first(self, query: SessionQuery | None = None) -> TrafficMirrorSession | None:
        """The first matching session, or ``None``.

        One call, unless AWS answers a page with no items but a ``NextToken``
        (EC2 may, when filters leave a page empty): then the listing goes on
        until an item or the end, since stopping there would say "none" wrongly.
        """
        return next(self.find(query), None)

    def count(self, query: SessionQuery | None = None) -> int:
        """How many sessions `find` would return for this query (every page is fetched)."""
        return sum(1 for _ in self.find(query))

    def get(self, session_id: str) -> TrafficMirrorSession:
        """The session with this id, or `SessionNotFoundError`.

        An id that is not a session id (``tms-`` and hex) raises `QueryError`
        before any call. An item that breaks the model raises
        `ResponseValidationError`, whatever ``on_invalid`` says: there is no
        other answer to give.
        """
        return self._get(SESSIONS, SESSION, session_id)

    def can_describe(self, query: SessionQuery | None = None) -> bool:
        """Whether the caller may describe these sessions, asked with ``DryRun``.

        ``True`` when AWS answers ``DryRunOperation`` (or answers at all),
        ``False`` for ``UnauthorizedOperation``; any other error is raised.
        """
        return self._can_describe(SESSIONS, checked_query(query, SessionQuery))

    # -- writes ---------------------------------------------------------------
    # Every argument is checked before any call (`QueryError` names the method,
    # the argument, the value and the rule); the requests are built above.

    def create(
        self,
        *,
        network_interface_id: str,
        traffic_mirror_target_id: str,
        traffic_mirror_filter_id: str,
        session_number: int,
        packet_length: int | None = None,
        virtual_network_id: int | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> TrafficMirrorSession:
        """Create a session (``CreateTrafficMirrorSession``) and return it as AWS stored it.

        ``network_interface_id`` (``eni-...``) is the source, ``traffic_mirror_target_id``
        (``tmt-...``) and ``traffic_mirror_filter_id`` (``tmf-...``) the target and
        filter; ``session_number`` 1 to 32766; ``packet_length`` 1 to 8500 (``None``:
        whole packets); ``virtual_network_id`` 0 to 16777215 (``None``: AWS picks
        one); ``tags`` as `Tag` objects or a mapping (at most 50, unique keys, no
        ``aws:`` keys). ``client_token`` (1 to 64 ASCII characters) is sent as
        ``ClientToken``: retrying with the same token and arguments gives the
        same session instead of a second one.
        """
        request = create_request(
            "create",
            network_interface_id=network_interface_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        response = call_aws(
            "CreateTrafficMirrorSession",
            lambda: self._client.create_traffic_mirror_session(**request),
        )
        return SESSIONS.validated(response.get("TrafficMirrorSession"))

    def can_create(
        self,
        *,
        network_interface_id: str,
        traffic_mirror_target_id: str,
        traffic_mirror_filter_id: str,
        session_number: int,
        packet_length: int | None = None,
        virtual_network_id: int | None = None,
        description: str | None = None,
        tags: TagsInput = (),
        client_token: str | None = None,
    ) -> bool:
        """Whether the caller may make this `create` call, asked with ``DryRun``.

        The arguments are checked as `create` checks them and the same request
        is sent with ``DryRun``: ``True`` when AWS answers ``DryRunOperation``,
        ``False`` for ``UnauthorizedOperation``; any other error is raised.
        """
        request = create_request(
            "can_create",
            network_interface_id=network_interface_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
            tags=tags,
            client_token=client_token,
        )
        request["DryRun"] = True
        return permitted(
            "CreateTrafficMirrorSession",
            lambda: self._client.create_traffic_mirror_session(**request),
        )

    def modify(
        self,
        session_id: str,
        *,
        traffic_mirror_target_id: str | None = None,
        traffic_mirror_filter_id: str | None = None,
        session_number: int | None = None,
        packet_length: int | Literal[Remove.REMOVE] | None = None,
        virtual_network_id: int | Literal[Remove.REMOVE] | None = None,
        description: str | Literal[Remove.REMOVE] | None = None,
    ) -> TrafficMirrorSession:
        """Change a session (``ModifyTrafficMirrorSession``) and return it as it is now.

        ``None`` (the default) leaves a field as is. `REMOVE` removes
        ``packet_length`` (whole packets are mirrored again), ``virtual_network_id``
        or ``description`` (AWS ``RemoveFields``); no other field can be removed.
        A call that changes nothing raises `QueryError`; an unknown session
        raises `SessionNotFoundError`.
        """
        request = modify_request(
            "modify",
            session_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
        )
        response = call_aws(
            "ModifyTrafficMirrorSession",
            lambda: self._client.modify_traffic_mirror_session(**request),
        )
        return SESSIONS.validated(response.get("TrafficMirrorSession"))

    def can_modify(
        self,
        session_id: str,
        *,
        traffic_mirror_target_id: str | None = None,
        traffic_mirror_filter_id: str | None = None,
        session_number: int | None = None,
        packet_length: int | Literal[Remove.REMOVE] | None = None,
        virtual_network_id: int | Literal[Remove.REMOVE] | None = None,
        description: str | Literal[Remove.REMOVE] | None = None,
    ) -> bool:
        """Whether the caller may make this `modify` call, asked with ``DryRun``."""
        request = modify_request(
            "can_modify",
            session_id,
            traffic_mirror_target_id=traffic_mirror_target_id,
            traffic_mirror_filter_id=traffic_mirror_filter_id,
            session_number=session_number,
            packet_length=packet_length,
            virtual_network_id=virtual_network_id,
            description=description,
        )
        request["DryRun"] = True
        return permitted(
            "ModifyTrafficMirrorSession",
            lambda: self._client.modify_traffic_mirror_session(**request),
        )

    def delete(self, session_id: str, *, missing_ok: bool = False) -> bool:
        """Delete a session (``DeleteTrafficMirrorSession``); ``True`` when it was deleted.

        A session that does not exist raises `SessionNotFoundError`, or, with
        ``missing_ok=True``, returns ``False`` (it is gone either way).
        """
        request = delete_request("delete", session_id)
        return self._delete(
            "delete",
            "DeleteTrafficMirrorSession",
            lambda: self._client.delete_traffic_mirror_session(**request),
            SessionNotFoundError,
            missing_ok,
        )

    def can_delete(self, session_id: str) -> bool:
        """Whether the caller may delete this session, asked with ``DryRun`` (see `can_create`)."""
        request = delete_request("can_delete", session_id)
        request["DryRun"] = True
        return permitted(
            "DeleteTrafficMirrorSession",
            lambda: self._client.delete_traffic_mirror_session(**request),
        )

    def add_tags(self, session_id: str, tags: TagsInput) -> None:
        """Add tags to a session, or overwrite the values of keys it has (``CreateTags``).

        ``tags``: 1 to 50 `Tag` objects or a mapping of key to value, unique
        keys, none beginning with ``aws:``.
        """
        self._add_tags("add_tags", "session_id", SESSION, session_id, tags)

    def can_add_tags(self, session_id: str, tags: TagsInput) -> bool:
        """Whether the caller may make this `add_tags` call, asked with ``DryRun``."""
        return self._can_add_tags("can_add_tags", "session_id", SESSION, session_id, tags)

    def remove_tags(self, session_id: str, keys: Iterable[str]) -> None:
        """Remove the tags with these keys from a session, whatever their values (``DeleteTags``).

        ``keys``: 1 to 50 unique keys (a collection, not one bare string), none
        beginning with ``aws:``. Keys the session does not have are ignored, as
        AWS ignores them. An empty collection is refused: ``DeleteTags``
        without keys would delete every tag.
        """
        self._remove_tags("remove_tags", "session_id", SESSION, session_id, keys)

    def can_remove_tags(self, session_id: str, keys: Iterable[str]) -> bool:
        """Whether the caller may make this `remove_tags` call, asked with ``DryRun``."""
        return self._can_remove_tags("can_remove_tags", "session_id", SESSION, session_id, keys)
