"""The one place that touches moto's internals.

Everything moto-specific (its global EC2 backends, the network interfaces, load
balancers and endpoints a target or session refers to, its tag store, its
resource-id prefixes, the ARNs it mints for load balancers, its response classes
and how a handler's return value becomes an HTTP answer) is behind the small
typed functions here, so the rest of the fake deals only in plain dicts, the
records of ``_state`` and the types below.
"""

from __future__ import annotations

import inspect
import re
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.ec2 import utils as ec2_utils
from moto.ec2.models import EC2Backend, ec2_backends
from moto.ec2.responses.tags import TagResponse
from moto.ec2.responses.traffic_mirrors import TrafficMirrors
from moto.elbv2 import models as elbv2_models
from moto.moto_api._internal import mock_random
from moto.sts.responses import TokenResponse

from ec2_traffic_mirror.testing._state import RegionState
from ec2_traffic_mirror.testing._xml import error_xml, query_error_xml, result_xml

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "ID_PREFIXES",
    "LOAD_BALANCER_ARN_KINDS",
    "STS_OPERATIONS",
    "Failure",
    "Handler",
    "Reply",
    "Request",
    "Result",
    "create_network_interfaces",
    "delete_network_interfaces",
    "handler_name",
    "install",
    "load_balancer_type",
    "network_interface_exists",
    "new_id",
    "patched_attributes",
    "patched_mappings",
    "region_state",
    "vpc_endpoint_exists",
]

ID_PREFIXES: Final = {
    "traffic-mirror-session": "tms",
    "traffic-mirror-target": "tmt",
    "traffic-mirror-filter": "tmf",
    "traffic-mirror-filter-rule": "tmfr",
}
"""AWS's id prefix of each Traffic Mirror resource type (moto mints ``traf-mir-...``)."""

TAG_HANDLERS: Final = {"create_tags": "CreateTags", "delete_tags": "DeleteTags"}
"""moto's handler method on ``TagResponse`` -> the API operation it answers."""

LOAD_BALANCER_ARN_KINDS: Final = {"network": "net", "gateway": "gwy"}
"""The part of an ELBv2 load balancer's ARN that names its type, as AWS writes it.

AWS's ARNs read ``loadbalancer/app/NAME/ID``, ``loadbalancer/net/NAME/ID`` or
``loadbalancer/gwy/NAME/ID``; moto 5.2.5 writes ``app`` for every type, so an
NLB it makes cannot be a Traffic Mirror target through a client that checks
the ARN (the SDK does). While a fake is active, moto writes these instead."""

STS_HANDLERS: Final = {"assume_role": "AssumeRole"}
"""moto's handler method on ``TokenResponse`` -> the STS operation it answers."""
STS_OPERATIONS: Final = tuple(STS_HANDLERS.values())
"""The STS operations the fake sees (to count them and deny them; moto answers them)."""

_STS_NAMESPACE: Final = "https://sts.amazonaws.com/doc/2011-06-15/"
_ROLE_ACCOUNT: Final = re.compile(r"arn:[^:]*:iam::([0-9]{12}):role/")

_STATE_KEY: Final = "_ec2_traffic_mirror_state"


@dataclass(frozen=True)
class Request:
    """One API request as the fake sees it: parsed parameters, account and region."""

    operation: str
    params: Mapping[str, Any]
    account_id: str
    region: str


@dataclass(frozen=True)
class Result:
    """A successful answer: the response members."""

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


def _backend(account_id: str, region: str) -> EC2Backend:
    return ec2_backends[account_id][region]


def region_state(account_id: str, region: str) -> RegionState:
    """The Traffic Mirror store of this account and region (made on first use).

    It is kept in moto's EC2 backend object, so it lives exactly as long as
    moto's own data there: moto's reset (when the outermost ``mock_aws()``
    starts, or ``/moto-api/reset``) clears it with everything else.
    """
    backend = _backend(account_id, region)
    state: object = getattr(backend, _STATE_KEY, None)
    if not isinstance(state, RegionState):
        tags = cast("MutableMapping[str, dict[str, str]]", backend.tags)
        state = RegionState(account_id, region, tags)
        setattr(backend, _STATE_KEY, state)
    return state


def new_id(prefix: str) -> str:
    """A fresh id in AWS's format: the prefix and 17 lowercase hex digits (68 bits).

    From moto's own random source, so seeding moto's randomness (its
    ``/moto-api/seed``) makes these ids repeat too; one draw per id, where
    moto's ``random_id`` draws per digit (ten times slower).
    """
    return f"{prefix}-{mock_random.getrandbits(68):017x}"


def handler_name(operation: str) -> str:
    """moto's handler method for an operation: ``DeleteTrafficMirrorTarget`` -> ``delete_...``."""
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in operation)[1:]


# -- what targets and sessions refer to ------------------------------------------------------


def network_interface_exists(account_id: str, region: str, interface_id: str) -> bool:
    """Whether moto has this network interface (made by the API, an instance, or seeding)."""
    return interface_id in _backend(account_id, region).enis


def create_network_interfaces(
    account_id: str, region: str, ids: Sequence[str | None], description: str
) -> list[str]:
    """New network interfaces in moto, in the region's default subnet; ``None``: a fresh id."""
    backend = _backend(account_id, region)
    subnet = _seeding_subnet(backend)
    made: list[str] = []
    for wanted in ids:
        eni = backend.create_network_interface(subnet, [], description=description)
        if wanted is not None and wanted != eni.id:
            del backend.enis[eni.id]
            eni.id = wanted
            backend.enis[wanted] = eni
        made.append(str(eni.id))
    return made


def delete_network_interfaces(account_id: str, region: str, ids: Sequence[str]) -> None:
    """Remove network interfaces from moto (and their tags), if still there."""
    backend = _backend(account_id, region)
    for eni_id in ids:
        backend.enis.pop(eni_id, None)
        backend.tags.pop(eni_id, None)


def _seeding_subnet(backend: EC2Backend) -> Any:
    default_vpc = getattr(backend, "default_vpc", None)
    for subnets in backend.subnets.values():
        for subnet in subnets.values():
            if default_vpc is None or subnet.vpc_id == default_vpc.id:
                return subnet
    vpc = backend.create_vpc("10.99.0.0/16")
    return backend.create_subnet(vpc.id, "10.99.0.0/20")


def load_balancer_type(account_id: str, region: str, arn: str) -> str | None:
    """The type (``network``, ``gateway``, ...) of the ELBv2 load balancer, or ``None``."""
    balancer = elbv2_models.elbv2_backends[account_id][region].load_balancers.get(arn)
    return None if balancer is None else str(balancer.type)


def vpc_endpoint_exists(account_id: str, region: str, endpoint_id: str) -> bool:
    """Whether moto has this VPC endpoint."""
    return endpoint_id in _backend(account_id, region).vpc_end_points


# -- the patches -----------------------------------------------------------------------------


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
    original: Callable[..., object] | None, name: str, operation: str, handler: Handler
) -> Callable[..., object]:
    def patched(self: Any) -> object:
        reply = handler(_request_of(self, operation))
        if reply is not None:
            return _answer(operation, reply)
        if original is None:  # as stock moto answers an operation it lacks
            raise NotImplementedError(f"The {name} action has not been implemented")
        return original(self)

    patched.__name__ = name
    patched.__qualname__ = f"{TrafficMirrors.__name__}.{name}"
    return patched


def _wrap_sts(
    original: Callable[..., object], name: str, operation: str, handler: Handler
) -> Callable[..., object]:
    def patched(self: Any) -> object:
        # The request is about the account whose role is assumed, not the caller's.
        arn = str(self._get_param("RoleArn") or "")
        match = _ROLE_ACCOUNT.match(arn)
        request = Request(
            operation=operation,
            params={"RoleArn": arn, "RoleSessionName": self._get_param("RoleSessionName")},
            account_id=match.group(1) if match else str(self.current_account),
            region=str(self.region),
        )
        reply = handler(request)
        if isinstance(reply, Failure):
            body = query_error_xml(reply.code, reply.message, _STS_NAMESPACE)
            return body, {"status": reply.status, "Content-Type": "text/xml"}
        return original(self)

    patched.__name__ = name
    patched.__qualname__ = f"{TokenResponse.__name__}.{name}"
    return patched


class _Minting(threading.local):
    """The type of the load balancer moto is making in this thread, while it makes it."""

    kind: str | None = None


_MINTING: Final = _Minting()


def _load_balancer_patches() -> list[tuple[object, str, object]]:
    """(owner, attribute, replacement): moto's ELBv2 minting AWS's ARN of each type.

    moto's ``create_load_balancer`` makes the ARN with ``make_arn_for_load_balancer``,
    which is not told the type; the wrapped method says it (per thread: the
    HTTP server answers requests in threads) and the wrapped function writes it.
    """
    backend = elbv2_models.ELBv2Backend
    create = cast("Callable[..., object]", vars(backend)["create_load_balancer"])
    # Imported by moto's models from its utils; the name the models call is the one to patch.
    make_arn = cast("Callable[..., str]", vars(elbv2_models)["make_arn_for_load_balancer"])
    signature = inspect.signature(create)

    def create_load_balancer(self: object, *args: Any, **kwargs: Any) -> object:
        kind = signature.bind(self, *args, **kwargs).arguments.get("loadbalancer_type")
        _MINTING.kind = LOAD_BALANCER_ARN_KINDS.get(str(kind))
        try:
            return create(self, *args, **kwargs)
        finally:
            _MINTING.kind = None

    def make_arn_for_load_balancer(*args: Any, **kwargs: Any) -> str:
        arn = make_arn(*args, **kwargs)
        kind = _MINTING.kind
        if kind is None:
            return arn
        return arn.replace(":loadbalancer/app/", f":loadbalancer/{kind}/", 1)

    create_load_balancer.__name__ = create.__name__
    create_load_balancer.__qualname__ = f"{backend.__name__}.{create.__name__}"
    make_arn_for_load_balancer.__name__ = make_arn.__name__
    return [
        (backend, "create_load_balancer", create_load_balancer),
        (elbv2_models, "make_arn_for_load_balancer", make_arn_for_load_balancer),
    ]


def patched_attributes(operations: Sequence[str]) -> Iterator[tuple[object, str]]:
    """Every (class or module, attribute) the fake replaces (or adds) while it is active."""
    for operation in operations:
        yield TrafficMirrors, handler_name(operation)
    for name in TAG_HANDLERS:
        yield TagResponse, name
    yield elbv2_models.ELBv2Backend, "create_load_balancer"
    yield elbv2_models, "make_arn_for_load_balancer"
    for name in STS_HANDLERS:
        yield TokenResponse, name


def patched_mappings() -> Iterator[tuple[dict[str, str], str]]:
    """Every (moto dict, key) the fake sets while it is active: AWS's id prefixes.

    moto's tag calls accept, and ``describe_tags`` names the type of, only ids
    with a prefix it knows; it knows ``traf-mir-tar``, not ``tmt``.
    """
    for resource_type, prefix in ID_PREFIXES.items():
        yield ec2_utils.EC2_RESOURCE_TO_PREFIX, resource_type
        yield ec2_utils.EC2_PREFIX_TO_RESOURCE, prefix


def install(operations: Sequence[str], handler: Handler) -> Callable[[], None]:
    """Route moto's handlers of ``operations``, its tag handlers and STS's AssumeRole through
    ``handler``.

    Operations moto lacks get a handler added; moto's ELBv2 mints AWS's load
    balancer ARNs (`LOAD_BALANCER_ARN_KINDS`). Returns the function that puts
    back exactly what was there before (class and module ``__dict__`` entries
    and moto's prefix tables, or their absence).
    """
    handled: list[tuple[type, str, str]] = [
        (TrafficMirrors, handler_name(operation), operation) for operation in operations
    ]
    handled.extend((TagResponse, name, operation) for name, operation in TAG_HANDLERS.items())
    replacements: list[tuple[object, str, object]] = []
    for cls, name, operation in handled:
        original = cast("Callable[..., object] | None", getattr(cls, name, None))
        replacements.append((cls, name, _wrap(original, name, operation, handler)))
    for name, operation in STS_HANDLERS.items():
        original_sts = cast("Callable[..., object]", getattr(TokenResponse, name))
        replacements.append(
            (TokenResponse, name, _wrap_sts(original_sts, name, operation, handler))
        )
    replacements.extend(_load_balancer_patches())
    saved: list[tuple[object, str, bool, object]] = []
    for owner, name, value in replacements:
        namespace = vars(owner)
        saved.append((owner, name, name in namespace, namespace.get(name)))
        setattr(owner, name, value)
    saved_entries = [
        (table, key, key in table, table.get(key)) for table, key in patched_mappings()
    ]
    for resource_type, prefix in ID_PREFIXES.items():
        ec2_utils.EC2_RESOURCE_TO_PREFIX[resource_type] = prefix
        ec2_utils.EC2_PREFIX_TO_RESOURCE[prefix] = resource_type

    def restore() -> None:
        for table, key, had_key, old in reversed(saved_entries):
            if had_key:
                table[key] = cast("str", old)
            else:
                del table[key]
        for owner, name, present, value in reversed(saved):
            if present:
                setattr(owner, name, value)
            else:
                delattr(owner, name)

    return restore
