"""The work a `Fleet` listing sends to an executor, and what runs it where it lands.

One task lists one page of one scope. `PageWork` is a small frozen
description (how clients are made, the scope, the resource, the query, the
resume token, the page size), picklable, with no client, session or
credential in it; `run_page`, a function at module level, runs it wherever
the executor runs it (a thread of this process, another process, a Dask
worker) and answers with a `PageOutcome`: the page's items and where the scope
goes on, or the scope's error and its exact resume token.

Credentials are made where the work runs and never leave that process: the
caller's default credentials (or the named profile) from botocore's usual
chain there, and for a scope with a role, ``sts:AssumeRole`` with them (with
the fleet's ``RoleSessionName`` and ``ExternalId``). Each process keeps, per
fleet (`Access.key`), a botocore session (the EC2 model is loaded once per
process), the assumed credentials until ten minutes before they expire, the
caller's account id, and the EC2 client of each scope while the scope is
being listed (bounded; dropped when the scope ends).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeVar, cast

from ec2_traffic_mirror._errors import (
    ScopeAccountError,
    TrafficMirrorError,
    call_aws,
    error_from_botocore,
)
from ec2_traffic_mirror._filter import FilterPageIterator, FilterQuery
from ec2_traffic_mirror._paging import OnInvalid, PageIterator, encode_token, next_page_with_tokens
from ec2_traffic_mirror._parsing import try_install_fast_parser
from ec2_traffic_mirror._repository import client_config, endpoint_summary
from ec2_traffic_mirror._scope import Scope, role_arn
from ec2_traffic_mirror._session import SessionPageIterator, SessionQuery
from ec2_traffic_mirror._target import TargetPageIterator, TargetQuery

if TYPE_CHECKING:
    import botocore.loaders
    import botocore.session
    from botocore.config import Config
    from mypy_boto3_ec2 import EC2Client

__all__ = [
    "CLIENTS_KEPT",
    "START_TOKEN",
    "Access",
    "PageOutcome",
    "PageWork",
    "ResourceName",
    "forget_process_state",
    "run_page",
]

ResourceName = Literal["sessions", "targets", "filters", "resolved-sessions"]
"""What a fleet listing lists."""

START_TOKEN: Final = encode_token(None, 0)
"""The StartingToken of a listing's beginning (what a listing that has not started resumes from)."""

CLIENTS_KEPT: Final = 64
"""At most this many EC2 clients are kept per process (one per scope being listed)."""
_SESSIONS_KEPT: Final = 8
_STS_CLIENTS_KEPT: Final = 32
_CREDENTIALS_KEPT: Final = 1024
_REFRESH_MARGIN: Final = 600.0
"""Assumed credentials are renewed this many seconds before they expire."""

_K = TypeVar("_K")
_V = TypeVar("_V")

AnyQuery = SessionQuery | TargetQuery | FilterQuery


@dataclasses.dataclass(frozen=True)
class Access:
    """How the place where work runs makes its clients. Never credentials."""

    key: str
    """A random id of the fleet: what each process keeps is never shared between fleets."""
    profile_name: str | None
    """The profile of the AWS config files whose credentials are used (``None``: the default)."""
    role_session_name: str
    """``RoleSessionName`` of every ``AssumeRole``."""
    external_id: str | None
    """``ExternalId`` of every ``AssumeRole``, when the roles ask for one."""
    endpoint_url: str | None
    """Every client (EC2, STS) is sent there (a fake, a proxy); ``None``: AWS's endpoints."""
    on_invalid: OnInvalid
    """What a response item that breaks the model does."""
    fast_parse: bool = True
    """Whether each EC2 client parses the Describe answers with the SDK's own parser."""
    config: Config | None = dataclasses.field(default=None, compare=False)
    """botocore's client config (retries, timeouts), for every client."""

    def __repr__(self) -> str:
        # What an executor's logs or dashboard may show: no user name or password
        # written into the endpoint URL, and not the external id.
        endpoint = None if self.endpoint_url is None else endpoint_summary(self.endpoint_url)
        return (
            f"Access(key={self.key!r}, profile_name={self.profile_name!r},"
            f" role_session_name={self.role_session_name!r}, endpoint_url={endpoint!r},"
            f" on_invalid={self.on_invalid!r})"
        )


@dataclasses.dataclass(frozen=True)
class PageWork:
    """One task: list one page of one scope. Small and picklable."""

    access: Access
    scope: Scope
    resource: ResourceName
    query: AnyQuery
    """The query, without paging options (the fleet refuses those)."""
    token: str | None
    """Where the page starts (a StartingToken), or ``None`` for the beginning."""
    page_size: int
    """``MaxResults``: the most items the task answers with."""
    listing: str
    """A random id of the listing the task belongs to."""
    task: int
    """The task's number in its listing. With ``listing``, equal work sent twice is still
    two tasks (an executor such as Dask's may otherwise answer the second with the first's
    result: it names a task after its arguments)."""


@dataclasses.dataclass(frozen=True)
class PageOutcome:
    """What a task answers: a page of items and where the scope goes on, or its error."""

    items: tuple[object, ...] = ()
    """The page's items, in AWS's order."""
    item_tokens: tuple[str | None, ...] = ()
    """The resume token just past each item (for a consumer that stops part way)."""
    next_token: str | None = None
    """Where the scope goes on: after the items, or (``error``) from where it failed;
    ``None``: nothing is left."""
    error: TrafficMirrorError | None = None
    """Why the scope stopped, or ``None``."""
    skipped: tuple[Mapping[str, object], ...] = ()
    """Raw items left out because they broke the model (``on_invalid="skip"``)."""


# -- where the work runs: what this process keeps ------------------------------------------


class _StsClient(Protocol):
    def assume_role(self, **kwargs: Any) -> Mapping[str, Any]: ...
    def get_caller_identity(self) -> Mapping[str, Any]: ...


@dataclasses.dataclass(frozen=True)
class _Assumed:
    """Credentials of an assumed role. Never shown."""

    access_key: str = dataclasses.field(repr=False)
    secret_key: str = dataclasses.field(repr=False)
    token: str = dataclasses.field(repr=False)
    expires: float | None = None


@dataclasses.dataclass(frozen=True)
class _Client:
    client: EC2Client
    expires: float | None


def _fresh(expires: float | None) -> bool:
    return expires is None or expires - time.time() > _REFRESH_MARGIN


@functools.cache
def _loader(data_path: str | None) -> botocore.loaders.Loader:
    """botocore's model loader, shared by every session of the process (it keeps what it read)."""
    import botocore.loaders

    return botocore.loaders.create_loader(data_path)


def _put(cache: OrderedDict[_K, _V], key: _K, value: _V, kept: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > kept:
        cache.popitem(last=False)


class _Place:
    """What one process keeps for the fleets whose work runs in it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: OrderedDict[str, botocore.session.Session] = OrderedDict()
        self._sts: OrderedDict[tuple[str, str], _StsClient] = OrderedDict()
        self._callers: OrderedDict[str, str] = OrderedDict()
        self._assumed: OrderedDict[tuple[str, str], _Assumed] = OrderedDict()
        self._clients: OrderedDict[tuple[str, Scope], _Client] = OrderedDict()
        # One AssumeRole (or GetCallerIdentity) at a time per fleet and role: the
        # scopes of one account share its answer instead of each asking.
        self._asking: dict[tuple[str, str], threading.Lock] = {}

    def _single_flight(self, key: tuple[str, str]) -> threading.Lock:
        with self._lock:
            lock = self._asking.get(key)
            if lock is None:
                if len(self._asking) > _CREDENTIALS_KEPT:
                    # Forget only the locks of questions answered and kept: whoever
                    # takes one of those finds the answer. A question still being
                    # asked keeps its lock, so it is never asked twice at once.
                    for settled in [asked for asked in self._asking if self._answered(asked)]:
                        del self._asking[settled]
                lock = self._asking[key] = threading.Lock()
            return lock

    def _answered(self, key: tuple[str, str]) -> bool:
        """Whether the answer of a single-flight question is kept (under ``_lock``)."""
        fleet, arn = key
        return key in self._assumed if arn else fleet in self._callers

    def client(self, access: Access, scope: Scope) -> EC2Client:
        """The EC2 client of ``scope``: kept while the scope is listed, made when needed."""
        from botocore.exceptions import BotoCoreError

        key = (access.key, scope)
        with self._lock:
            kept = self._clients.get(key)
            if kept is not None and _fresh(kept.expires):
                self._clients.move_to_end(key)
                return kept.client
        try:
            session = self._session(access)
            arn = role_arn(scope, session.get_partition_for_region(scope.region))
            assumed: _Assumed | None = None
            if arn is None:
                self._check_caller(access, session, scope)
            else:
                assumed = self._assume(access, session, scope, arn)
            with self._lock:  # botocore's sessions do not make clients thread-safely
                client = cast(
                    "EC2Client",
                    session.create_client(
                        "ec2",
                        region_name=scope.region,
                        endpoint_url=access.endpoint_url,
                        config=client_config(access.config),
                        # None: the session's own credentials (the caller's).
                        aws_access_key_id=None if assumed is None else assumed.access_key,
                        aws_secret_access_key=None if assumed is None else assumed.secret_key,
                        aws_session_token=None if assumed is None else assumed.token,
                    ),
                )
                expires = None if assumed is None else assumed.expires
                _put(self._clients, key, _Client(client, expires), CLIENTS_KEPT)
            if access.fast_parse:
                try_install_fast_parser(client)
        except BotoCoreError as error:
            raise error_from_botocore(error) from error
        return client

    def release(self, access: Access, scope: Scope) -> None:
        """The scope is done (or failed): its client is no longer kept."""
        with self._lock:
            self._clients.pop((access.key, scope), None)

    def clear(self) -> None:
        with self._lock:
            self._sessions.clear()
            self._sts.clear()
            self._callers.clear()
            self._assumed.clear()
            self._clients.clear()
            self._asking.clear()

    def _session(self, access: Access) -> botocore.session.Session:
        import botocore.session

        with self._lock:
            session = self._sessions.get(access.key)
            if session is None:
                session = botocore.session.Session(profile=access.profile_name)
                session.register_component("data_loader", _loader(os.environ.get("AWS_DATA_PATH")))
            _put(self._sessions, access.key, session, _SESSIONS_KEPT)
            return session

    def _sts_client(
        self, access: Access, session: botocore.session.Session, region: str
    ) -> _StsClient:
        """An STS client with the caller's credentials, in the scope's region (its partition)."""
        key = (access.key, region)
        with self._lock:
            client = self._sts.get(key)
            if client is None:
                client = cast(
                    "_StsClient",
                    session.create_client(
                        "sts",
                        region_name=region,
                        endpoint_url=access.endpoint_url,
                        config=client_config(access.config),
                    ),
                )
            _put(self._sts, key, client, _STS_CLIENTS_KEPT)
            return client

    def _check_caller(
        self, access: Access, session: botocore.session.Session, scope: Scope
    ) -> None:
        """A scope without a role: the caller's credentials must act in the scope's account."""
        with self._single_flight((access.key, "")):
            with self._lock:
                account = self._callers.get(access.key)
            if account is None:
                sts = self._sts_client(access, session, scope.region)
                account = str(call_aws("GetCallerIdentity", sts.get_caller_identity)["Account"])
                with self._lock:
                    _put(self._callers, access.key, account, _SESSIONS_KEPT)
        if account != scope.account_id:
            raise ScopeAccountError(
                f"the scope {scope} has no role, and the caller's credentials act in account"
                f" {account}, not {scope.account_id}: give the scope a role to assume there",
                account_id=scope.account_id,
                actual_account_id=account,
            )

    def _assume(
        self, access: Access, session: botocore.session.Session, scope: Scope, arn: str
    ) -> _Assumed:
        with self._single_flight((access.key, arn)):
            return self._assume_now(access, session, scope, arn)

    def _assume_now(
        self, access: Access, session: botocore.session.Session, scope: Scope, arn: str
    ) -> _Assumed:
        key = (access.key, arn)
        with self._lock:
            assumed = self._assumed.get(key)
        if assumed is not None and _fresh(assumed.expires):
            return assumed
        sts = self._sts_client(access, session, scope.region)
        arguments: dict[str, Any] = {
            "RoleArn": arn,
            "RoleSessionName": access.role_session_name,
        }
        if access.external_id is not None:
            arguments["ExternalId"] = access.external_id
        response = call_aws("AssumeRole", lambda: sts.assume_role(**arguments))
        given = cast("Mapping[str, Any]", response["Credentials"])
        expiration = given.get("Expiration")
        assumed = _Assumed(
            access_key=str(given["AccessKeyId"]),
            secret_key=str(given["SecretAccessKey"]),
            token=str(given["SessionToken"]),
            expires=None if expiration is None else float(expiration.timestamp()),
        )
        with self._lock:
            _put(self._assumed, key, assumed, _CREDENTIALS_KEPT)
        return assumed


_PLACE: Final = _Place()


def forget_process_state() -> None:
    """Drop every session, credential and client this process keeps (tests; long-lived workers)."""
    _PLACE.clear()


# -- the work ---------------------------------------------------------------------------

_Pages = Callable[["EC2Client", Any, OnInvalid], PageIterator[Any, Any, Any]]

_PAGES: Final[dict[str, _Pages]] = {
    "sessions": SessionPageIterator,
    "resolved-sessions": SessionPageIterator,
    "targets": TargetPageIterator,
    "filters": FilterPageIterator,
}


def _list_page(client: EC2Client, work: PageWork) -> PageOutcome:
    query: Any = work.query.page_size(work.page_size)
    if work.token is not None:
        query = query.starting_token(work.token)
    pages = _PAGES[work.resource](client, query, work.access.on_invalid)
    try:
        found = next_page_with_tokens(pages)
    except TrafficMirrorError as error:
        # Raised by the listing: its token is exact (None: nothing is left after it).
        token = cast("str | None", getattr(error, "resume_token", work.token or START_TOKEN))
        return PageOutcome(
            next_token=token,
            error=error,
            skipped=cast("tuple[Mapping[str, object], ...]", pages.skipped_items),
        )
    skipped = cast("tuple[Mapping[str, object], ...]", pages.skipped_items)
    if found is None:
        return PageOutcome(skipped=skipped)
    page, tokens = found
    items = cast("tuple[object, ...]", page.items)
    return PageOutcome(items=items, item_tokens=tokens, next_token=page.next_token, skipped=skipped)


def _resolved_page(client: EC2Client, work: PageWork) -> PageOutcome:
    from ec2_traffic_mirror._mirror import TrafficMirror
    from ec2_traffic_mirror._session import TrafficMirrorSession

    outcome = _list_page(client, work)
    if outcome.error is not None or not outcome.items:
        return outcome
    sessions = cast("tuple[TrafficMirrorSession, ...]", outcome.items)
    mirror = TrafficMirror(
        client, on_invalid=work.access.on_invalid, fast_parse=work.access.fast_parse
    )
    try:
        resolved = tuple(mirror.resolve(sessions, chunk_size=len(sessions)))
    except TrafficMirrorError as error:
        # The page is not handed out: the scope goes on from where the page began.
        return PageOutcome(next_token=work.token or START_TOKEN, error=error)
    return dataclasses.replace(outcome, items=resolved)


def run_page(work: PageWork) -> PageOutcome:
    """List one page of one scope, where the executor runs this; errors come back as values.

    Every SDK error (AWS's answers, botocore's failures, items that break the
    model, a role that cannot be assumed, credentials of another account) is
    the outcome's ``error`` with the scope's exact resume token; anything else
    (a bug) is raised for the executor to report.
    """
    try:
        client = _PLACE.client(work.access, work.scope)
    except TrafficMirrorError as error:
        return PageOutcome(next_token=work.token or START_TOKEN, error=error)
    if work.resource == "resolved-sessions":
        outcome = _resolved_page(client, work)
    else:
        outcome = _list_page(client, work)
    if outcome.error is not None or outcome.next_token is None:
        _PLACE.release(work.access, work.scope)
    return outcome
