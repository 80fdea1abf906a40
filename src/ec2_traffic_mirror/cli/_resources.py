"""What the command line knows about each kind of resource: declarations, not code.

A command group (``sessions``; ``targets`` and ``filters`` follow the same
pattern) is a `Resource`: the Describe call and its members in botocore's
model, the filter names, the query builder and repository of the SDK, and
how an item looks in a table and in csv. The commands (``list``, ``get``,
``delete``, ...) are written once over this declaration in `_app`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, get_args

from botocore import xform_name
from pydantic import BaseModel

from ec2_traffic_mirror import FilterName, SessionQuery, TrafficMirrorSessionRepository
from ec2_traffic_mirror.cli._output import Column, Layout

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client

    from ec2_traffic_mirror import OnInvalid

__all__ = ["SESSIONS", "ItemPage", "Listing", "Query", "Repository", "Resource", "item_of"]


class Query(Protocol):
    """What the command line needs of an SDK query builder (`SessionQuery` and its kin)."""

    def tag(self, key: str, *values: str) -> Any: ...
    def tag_key(self, *keys: str) -> Any: ...
    def page_size(self, size: int) -> Any: ...
    def max_items(self, count: int) -> Any: ...
    def starting_token(self, token: str) -> Any: ...


class ItemPage(Protocol):
    """One page of a listing (the SDK's `Page`)."""

    @property
    def items(self) -> Sequence[BaseModel]: ...
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


def item_of(model: BaseModel) -> dict[str, Any]:
    """A model as boto3 gives the item (PascalCase members, absent ones left out)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


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
    """``SESSION_ID``."""
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

    @property
    def ids_flag(self) -> str:
        """``--traffic-mirror-session-ids``: the AWS CLI's spelling."""
        return "--" + xform_name(self.ids_member, "-")

    def filter_method(self, query: Any, name: str) -> Callable[..., Any]:
        """The query's method for filter ``name`` (``packet-length`` -> ``packet_length``)."""
        method: Callable[..., Any] = getattr(query, name.replace("-", "_"))
        return method


def _session_repository(client: EC2Client, on_invalid: OnInvalid) -> Repository:
    return TrafficMirrorSessionRepository(client, on_invalid=on_invalid)


SESSIONS = Resource(
    group="sessions",
    layout=Layout(
        noun="session",
        columns=(
            Column("SESSION", "TrafficMirrorSessionId"),
            Column("INTERFACE", "NetworkInterfaceId"),
            Column("TARGET", "TrafficMirrorTargetId"),
            Column("FILTER", "TrafficMirrorFilterId"),
            Column("NUMBER", "SessionNumber"),
            Column("PACKET", "PacketLength", absent="whole"),
            Column("VNI", "VirtualNetworkId"),
            Column("DESCRIPTION", "Description"),
            Column("TAGS", "Tags", absent=""),
        ),
        csv_columns=(
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
        ),
    ),
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
)
"""Traffic Mirror sessions."""
