"""Pieces every resource's handlers share: id lookups, ``ClientToken`` memory, tag lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ec2_traffic_mirror.testing._describe import malformed, not_found
from ec2_traffic_mirror.testing._moto import Request
from ec2_traffic_mirror.testing._state import Record, RegionState, Store
from ec2_traffic_mirror.testing._wire import ApiError, optional_string, required_string

__all__ = ["Kind", "idempotent", "remember", "tag_list"]

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Kind(Generic[R]):
    """How requests name one kind of resource: its id parameter, prefix and error codes."""

    id_member: str
    """``TrafficMirrorTargetId``."""
    prefix: str
    """``tmt-``."""
    noun: str
    not_found_code: str
    malformed_code: str

    def parse(self, value: str) -> str:
        """A well-formed id of this kind (``...Id.Malformed`` otherwise)."""
        if not value.startswith(self.prefix):
            raise malformed(self.malformed_code, value, self.prefix)
        return value

    def lookup(self, store: Store[R], value: str) -> R:
        """The resource with this id (``...Id.NotFound`` otherwise)."""
        record = store.get(self.parse(value))
        if record is None:
            raise not_found(self.not_found_code, self.noun, [value])
        return record

    def existing(self, request: Request, store: Store[R]) -> R:
        """The resource the request names in its id parameter."""
        return self.lookup(store, required_string(request.params, self.id_member))


def tag_list(state: RegionState, resource_id: str) -> list[dict[str, str]]:
    """A resource's tags as the API lists them."""
    return [{"Key": key, "Value": value} for key, value in state.tags_of(resource_id).items()]


def idempotent(
    state: RegionState,
    request: Request,
    shape: tuple[object, ...],
    answer: Callable[[str], dict[str, object] | None],
) -> dict[str, object] | None:
    """The earlier answer to a create call with the same ``ClientToken``, if any.

    Same token and parameters: the same resource again (``answer(id)``);
    other parameters: ``IdempotentParameterMismatch``.
    """
    client_token = optional_string(request.params, "ClientToken")
    if not client_token:
        return None
    known = state.client_tokens.get((request.operation, client_token))
    if known is None:
        return None
    resource_id, known_shape = known
    if known_shape != shape:
        raise ApiError(
            "IdempotentParameterMismatch",
            "The client token was already used with different parameters.",
        )
    return answer(resource_id)


def remember(
    state: RegionState, request: Request, shape: tuple[object, ...], resource_id: str
) -> str | None:
    """Keep a create call's ``ClientToken`` (returned, for the answer) with what it made."""
    client_token = optional_string(request.params, "ClientToken")
    if client_token:
        state.client_tokens[(request.operation, client_token)] = (resource_id, shape)
    return client_token or None
