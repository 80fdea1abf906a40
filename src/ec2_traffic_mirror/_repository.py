"""The repository floor: what every repository shares, written once.

`BaseRepository` holds the client and ``on_invalid``, builds a client
(`connect`), shows itself (``repr``: region, endpoint when not AWS's default,
``on_invalid``; never credentials), and makes the calls every resource makes
the same way: ``get`` by id, DryRun permission checks, deletes that may
tolerate a missing resource, and the tag writes. Each resource's repository
(in the resource's own module) adds its public methods, each a few lines over
these helpers and the paging engine (``_paging``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast
from urllib.parse import urlsplit, urlunsplit

from botocore.exceptions import BotoCoreError, ClientError
from pydantic import BaseModel

from ec2_traffic_mirror._checks import IdKind, query_ids
from ec2_traffic_mirror._errors import (
    QueryError,
    ResourceNotFoundError,
    call_aws,
    error_from_botocore,
    error_from_client_error,
)
from ec2_traffic_mirror._paging import Describe, OnInvalid
from ec2_traffic_mirror._parsing import try_install_fast_parser
from ec2_traffic_mirror._query import BaseQuery, listing_request
from ec2_traffic_mirror._writes import flag, tag_request, untag_request

if TYPE_CHECKING:
    from botocore.config import Config
    from mypy_boto3_ec2 import EC2Client
    from typing_extensions import Self

__all__ = [
    "BaseRepository",
    "OnInvalid",
    "check_on_invalid",
    "checked_query",
    "client_config",
    "client_summary",
    "endpoint_summary",
    "make_client",
    "permitted",
]

_M = TypeVar("_M", bound=BaseModel)
_R = TypeVar("_R")
_Q = TypeVar("_Q", bound=BaseQuery[Any])

# AWS's own EC2 endpoints (standard, FIPS; every partition's DNS suffix): not worth showing.
_DEFAULT_ENDPOINT: Final = re.compile(
    r"https://ec2(?:-fips)?\.(?P<region>[a-z0-9-]+)\."
    r"(?:amazonaws\.com|amazonaws\.com\.cn|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov"
    r"|cloud\.adc-e\.uk|csp\.hci\.ic\.gov|amazonaws\.eu)/?"
)


def check_on_invalid(value: object) -> OnInvalid:
    """``value`` if it is ``"raise"`` or ``"skip"``."""
    if value == "raise":
        return "raise"
    if value == "skip":
        return "skip"
    raise QueryError(f"on_invalid must be 'raise' or 'skip', got {value!r}")


def _check_optional_name(name: str, value: object) -> None:
    # Checked at run time too: callers are not always type-checked.
    if value is not None and (not isinstance(value, str) or not value):
        raise QueryError(f"connect() takes a non-empty string or None as {name}, got {value!r}")


def make_client(
    *,
    region_name: str | None,
    profile_name: str | None,
    endpoint_url: str | None,
    config: Config | None,
) -> EC2Client:
    """A new boto3 EC2 client, typed, without the caller calling ``boto3.client``.

    Retries use botocore's ``standard`` mode (which retries throttling with
    backoff) unless ``config`` sets ``retries["mode"]``; the rest of
    ``config`` is the caller's. No region or credentials setup that botocore
    refuses comes out as a `ClientSideError` (`RegionError`, `CredentialsError`).
    """
    import boto3

    _check_optional_name("region_name", region_name)
    _check_optional_name("profile_name", profile_name)
    _check_optional_name("endpoint_url", endpoint_url)
    merged = client_config(config)
    try:
        session = boto3.session.Session(profile_name=profile_name, region_name=region_name)
        # boto3-stubs types only the services installed; the "ec2" overload is EC2Client.
        client: EC2Client = session.client(  # pyright: ignore[reportUnknownMemberType]
            "ec2", endpoint_url=endpoint_url, config=merged
        )
    except BotoCoreError as error:
        raise error_from_botocore(error) from error
    return client


def client_config(config: Config | None) -> Config:
    """``config`` with botocore's ``standard`` retry mode unless it sets ``retries["mode"]``.

    The caller's retry settings win key by key over the standard mode; the rest
    of ``config`` is the caller's.
    """
    from botocore.config import Config

    retries: dict[str, Any] = {"mode": "standard"}
    if config is not None:
        retries.update(cast("Mapping[str, Any] | None", getattr(config, "retries", None)) or {})
    merged = Config(retries=cast("Any", retries))
    if config is not None:
        merged = config.merge(merged)
    return merged


def client_summary(client: EC2Client) -> str:
    """``region='...'`` and, when it is not AWS's own, ``endpoint_url='...'``, for a ``repr``.

    Never credentials: the client's credentials are not read, and a user name
    or password written into the endpoint URL is left out.
    """
    region = client.meta.region_name
    parts = [f"region={region!r}"]
    endpoint = client.meta.endpoint_url
    match = _DEFAULT_ENDPOINT.fullmatch(endpoint)
    if match is None or match["region"] != region:
        parts.append(f"endpoint_url={endpoint_summary(endpoint)!r}")
    return ", ".join(parts)


def endpoint_summary(url: str) -> str:
    """An endpoint URL to show: without a user name or password written into it."""
    return _without_userinfo(url)


def _without_userinfo(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<an endpoint URL that cannot be parsed>"
    if "@" not in parts.netloc:
        return url
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def checked_query(query: object, query_type: type[_Q]) -> _Q:
    """``query``, or a new empty query of ``query_type`` for ``None``; anything else refused."""
    if query is None:
        return query_type()
    if not isinstance(query, query_type):
        raise QueryError(f"expected a {query_type.__name__} or None, got {query!r}")
    return query


def permitted(operation: str, send: Callable[[], object]) -> bool:
    """Make a ``DryRun`` call: ``True`` for ``DryRunOperation``, ``False`` for denial."""
    try:
        send()
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code == "DryRunOperation":
            return True
        if code == "UnauthorizedOperation":
            return False
        raise error_from_client_error(error) from error
    except BotoCoreError as error:
        raise error_from_botocore(error, operation=operation) from error
    return True


class BaseRepository:
    """The base of every repository: the client, ``on_invalid``, and the shared calls.

    ``on_invalid`` says what happens to a response item that breaks the model:
    ``"raise"`` raises `ResponseValidationError`; ``"skip"`` leaves it out, logs
    a warning on the ``ec2_traffic_mirror`` logger and keeps it on the
    iterator's ``skipped_items``.

    ``fast_parse`` (default ``True``) installs the SDK's own parser of the
    Traffic Mirror Describe answers on ``client`` (`install_fast_parser`): the
    same data as botocore's parser, at well under half its cost. ``False``
    leaves the client as it is (`uninstall_fast_parser` removes it from a
    client that has it).
    """

    def __init__(
        self, client: EC2Client, *, on_invalid: OnInvalid = "raise", fast_parse: bool = True
    ) -> None:
        checked = check_on_invalid(on_invalid)
        install = flag(type(self).__name__, "fast_parse", fast_parse)
        self._client = client
        self._on_invalid: OnInvalid = checked
        if install:
            # A stand-in object that is not a botocore EC2 client is left alone.
            try_install_fast_parser(client)

    @classmethod
    def connect(
        cls,
        *,
        region_name: str | None = None,
        profile_name: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
        on_invalid: OnInvalid = "raise",
        fast_parse: bool = True,
    ) -> Self:
        """A repository over a new boto3 EC2 client, typed, without calling ``boto3.client``.

        Retries use botocore's ``standard`` mode (which retries throttling with
        backoff) unless ``config`` sets ``retries["mode"]``; the rest of
        ``config`` is the caller's. ``on_invalid`` and ``fast_parse`` are the
        constructor's.
        """
        client = make_client(
            region_name=region_name,
            profile_name=profile_name,
            endpoint_url=endpoint_url,
            config=config,
        )
        return cls(client, on_invalid=on_invalid, fast_parse=fast_parse)

    @property
    def client(self) -> EC2Client:
        """The boto3 EC2 client the repository calls."""
        return self._client

    @property
    def on_invalid(self) -> OnInvalid:
        """``"raise"`` or ``"skip"``: what happens to a response item that breaks the model."""
        return self._on_invalid

    def __repr__(self) -> str:
        summary = client_summary(self._client)
        return f"{type(self).__name__}({summary}, on_invalid={self._on_invalid!r})"

    # -- the calls every resource makes the same way -----------------------------

    def _get(self, describe: Describe[_M, _R], kind: IdKind, resource_id: object) -> _M:
        """The item with this id, or the resource's NotFound error (for the ``get`` methods)."""
        (checked,) = query_ids("get", kind, (resource_id,))
        response = call_aws(
            describe.operation,
            lambda: describe.send(self._client, {describe.ids_member: [checked]}),
        )
        items = cast("list[Mapping[str, object]]", response.get(describe.result_key) or [])
        for raw in items:
            if raw.get(describe.id_member) == checked:
                return describe.validated(raw)
        metadata = cast("Mapping[str, Any]", response.get("ResponseMetadata") or {})
        raise describe.not_found_error(checked, metadata.get("RequestId") or None)

    def _can_describe(self, describe: Describe[_M, _R], query: BaseQuery[_M]) -> bool:
        """The query's call (without paging) sent with ``DryRun``: allowed or not."""
        call = listing_request(query).call
        call["DryRun"] = True
        return permitted(describe.operation, lambda: describe.send(self._client, call))

    def _delete(
        self,
        method: str,
        operation: str,
        send: Callable[[], object],
        not_found: type[ResourceNotFoundError],
        missing_ok: object,
    ) -> bool:
        """Make a delete call: ``True`` when deleted; ``False`` for a missing one if allowed."""
        ignore_missing = flag(method, "missing_ok", missing_ok)
        try:
            call_aws(operation, send)
        except not_found:
            if ignore_missing:
                return False
            raise
        return True

    def _add_tags(
        self, method: str, argument: str, kind: IdKind, resource_id: object, tags: object
    ) -> None:
        request = tag_request(method, argument, kind, resource_id, tags)
        call_aws("CreateTags", lambda: self._client.create_tags(**request))

    def _can_add_tags(
        self, method: str, argument: str, kind: IdKind, resource_id: object, tags: object
    ) -> bool:
        request = tag_request(method, argument, kind, resource_id, tags)
        request["DryRun"] = True
        return permitted("CreateTags", lambda: self._client.create_tags(**request))

    def _remove_tags(
        self, method: str, argument: str, kind: IdKind, resource_id: object, keys: object
    ) -> None:
        request = untag_request(method, argument, kind, resource_id, keys)
        call_aws("DeleteTags", lambda: self._client.delete_tags(**request))

    def _can_remove_tags(
        self, method: str, argument: str, kind: IdKind, resource_id: object, keys: object
    ) -> bool:
        request = untag_request(method, argument, kind, resource_id, keys)
        request["DryRun"] = True
        return permitted("DeleteTags", lambda: self._client.delete_tags(**request))
