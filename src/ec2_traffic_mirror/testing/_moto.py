"""The one place that touches moto's internals.

Everything moto-specific (its global EC2 backends, its session objects, its
response classes and how a handler's return value becomes an HTTP answer) is
behind the small typed functions here, so the fake's logic in ``_fake.py``
deals only in plain dicts and the types below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.ec2.models import EC2Backend, ec2_backends
from moto.ec2.models.traffic_mirrors import TrafficMirrorSession as MotoSession
from moto.ec2.responses.tags import TagResponse
from moto.ec2.responses.traffic_mirrors import TrafficMirrors
from moto.ec2.utils import random_traffic_mirror_session_id

from ec2_traffic_mirror.testing._xml import error_xml, result_xml

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "Backend",
    "Failure",
    "MotoSession",
    "Reply",
    "Request",
    "Result",
    "get_backend",
    "install",
    "new_session_id",
    "patched_attributes",
]

SESSION_HANDLERS: Final = {
    "create_traffic_mirror_session": "CreateTrafficMirrorSession",
    "delete_traffic_mirror_session": "DeleteTrafficMirrorSession",
    "describe_traffic_mirror_sessions": "DescribeTrafficMirrorSessions",
    "modify_traffic_mirror_session": "ModifyTrafficMirrorSession",
}
"""moto's handler method on ``TrafficMirrors`` -> the API operation it answers."""

TAG_HANDLERS: Final = {"create_tags": "CreateTags", "delete_tags": "DeleteTags"}
"""moto's handler method on ``TagResponse`` -> the API operation it answers."""


@dataclass(frozen=True)
class Request:
    """One API request as the fake sees it: parsed parameters, account and region."""

    operation: str
    params: Mapping[str, Any]
    account_id: str
    region: str


@dataclass(frozen=True)
class Result:
    """A successful answer: the response members, serialized by moto."""

    body: Mapping[str, object]


@dataclass(frozen=True)
class Failure:
    """An error answer in the EC2 error format, with its HTTP status."""

    status: int
    code: str
    message: str


Reply = Result | Failure
"""What the fake answers; ``None`` from a handler means: let moto answer."""

Handler = Callable[[Request], "Reply | None"]


class Backend:
    """The typed view of one moto EC2 backend (one account, one region)."""

    def __init__(self, backend: EC2Backend, account_id: str, region: str) -> None:
        self._backend = backend
        self.account_id = account_id
        self.region = region

    @property
    def sessions(self) -> dict[str, MotoSession]:
        """moto's own store of sessions, in creation order (the listing order)."""
        return self._backend.traffic_mirror_sessions

    @property
    def tags(self) -> dict[str, dict[str, str]]:
        """moto's EC2 tag store: resource id -> key -> value (what DescribeTags reads)."""
        return self._backend.tags

    def tags_of(self, resource_id: str) -> dict[str, str]:
        """The tags of one resource, without adding an empty entry to moto's defaultdict."""
        return self._backend.tags.get(resource_id) or {}

    def new_session(
        self,
        *,
        session_id: str,
        network_interface_id: str,
        traffic_mirror_target_id: str,
        traffic_mirror_filter_id: str,
        session_number: int,
        packet_length: int | None,
        virtual_network_id: int | None,
        description: str | None,
        client_token: str | None,
        tags: Mapping[str, str],
    ) -> MotoSession:
        """Store a new session and its tags directly, skipping moto's slow tag lookups."""
        # pyright reads moto's BaseModel.__new__ as the constructor's type; mypy does not.
        session: MotoSession = MotoSession(  # pyright: ignore[reportAssignmentType]
            self._backend,
            network_interface_id,
            traffic_mirror_target_id,
            traffic_mirror_filter_id,
            session_number,
            packet_length,
            virtual_network_id,
            description,
            None,  # no tag specifications: moto's tag path scans every tag it has
            client_token,
        )
        session.id = session_id
        # moto's own to_dict() reads this snapshot; keep it right for stock moto.
        session.tags = [{"Key": key, "Value": value} for key, value in tags.items()]
        self._backend.traffic_mirror_sessions[session_id] = session
        if tags:
            self._backend.tags[session_id] = dict(tags)
        return session

    def delete_session(self, session_id: str) -> None:
        """Remove a session and its tags."""
        self._backend.traffic_mirror_sessions.pop(session_id, None)
        self._backend.tags.pop(session_id, None)


def get_backend(account_id: str, region: str) -> Backend:
    """The EC2 backend of this account and region (moto creates it on first use)."""
    return Backend(ec2_backends[account_id][region], account_id, region)


def new_session_id() -> str:
    """A fresh session id in AWS's format (``tms-`` and 17 hex digits)."""
    return random_traffic_mirror_session_id()


def _request_of(response: Any, operation: str) -> Request:
    params: Mapping[str, Any] = response.params or {}
    return Request(
        operation=operation,
        params=params,
        account_id=str(response.current_account),
        region=str(response.region),
    )


def _answer(operation: str, reply: Reply) -> tuple[str, dict[str, object]]:
    # moto's call_action takes (body, headers) with the status among the headers.
    if isinstance(reply, Result):
        return result_xml(operation, reply.body), {"status": 200, "Content-Type": "text/xml"}
    headers: dict[str, object] = {"status": reply.status, "Content-Type": "text/xml"}
    return error_xml(reply.code, reply.message), headers


def _wrap(
    original: Callable[..., object], operation: str, handler: Handler
) -> Callable[..., object]:
    def patched(self: Any) -> object:
        reply = handler(_request_of(self, operation))
        if reply is None:
            return original(self)
        return _answer(operation, reply)

    patched.__name__ = original.__name__
    patched.__qualname__ = original.__qualname__
    return patched


def patched_attributes() -> Iterator[tuple[type, str]]:
    """Every (class, attribute) the fake replaces while it is active."""
    for name in SESSION_HANDLERS:
        yield TrafficMirrors, name
    for name in TAG_HANDLERS:
        yield TagResponse, name


def install(handler: Handler) -> Callable[[], None]:
    """Route moto's Traffic Mirror session and tag handlers through ``handler``.

    Returns the function that puts back exactly what was there before (the
    class ``__dict__`` entries, or their absence).
    """
    saved: list[tuple[type, str, bool, object]] = []
    for cls, name in patched_attributes():
        present = name in cls.__dict__
        original: Callable[..., object] = getattr(cls, name)
        saved.append((cls, name, present, cls.__dict__.get(name)))
        operation = SESSION_HANDLERS.get(name) or TAG_HANDLERS[name]
        setattr(cls, name, _wrap(original, operation, handler))

    def restore() -> None:
        for cls, name, present, value in reversed(saved):
            if present:
                setattr(cls, name, value)
            else:
                delattr(cls, name)

    return restore
