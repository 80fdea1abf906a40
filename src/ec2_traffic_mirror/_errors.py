"""Every error the SDK raises, and the one mapping from botocore's errors to them.

The tree::

    TrafficMirrorError                  root of every error the SDK raises
    ├── QueryError                      bad input to a builder or a method (also a ValueError)
    ├── ResponseValidationError         an AWS response item that breaks the model's rules
    ├── AwsApiError                     an AWS error response (code, message, request_id)
    │   ├── ResourceNotFoundError       an id AWS does not know
    │   │   ├── SessionNotFoundError        InvalidTrafficMirrorSessionId.NotFound
    │   │   ├── TargetNotFoundError         InvalidTrafficMirrorTargetId.NotFound
    │   │   ├── FilterNotFoundError         InvalidTrafficMirrorFilterId.NotFound
    │   │   └── FilterRuleNotFoundError     InvalidTrafficMirrorFilterRuleId.NotFound
    │   ├── LimitExceededError          a quota: TrafficMirrorSessionLimitExceeded, ...
    │   ├── ResourceInUseError          TrafficMirrorTargetInUseException, ...FilterInUse, ...
    │   ├── AccessDeniedError           UnauthorizedOperation, AccessDenied, ...
    │   ├── InvalidRequestError         InvalidParameterValue, InvalidFilter, ...Malformed, ...
    │   │   └── InvalidTokenError       InvalidNextToken, InvalidPaginationToken
    │   ├── DryRunOperationError        DryRunOperation: the request would have succeeded
    │   └── ThrottlingError             RequestLimitExceeded and kin, after botocore's retries
    ├── ClientSideError                 no AWS error response: botocore failed on this side
    │   ├── CredentialsError            NoCredentialsError, PartialCredentialsError, SSO, ...
    │   ├── RegionError                 NoRegionError, InvalidRegionError
    │   ├── ParameterValidationError    ParamValidationError: botocore refused the request
    │   └── EndpointError               EndpointConnectionError, ConnectionClosedError, ...
    │       └── RequestTimeoutError     ConnectTimeoutError, ReadTimeoutError
    └── FleetError                      a `Fleet` scope failed for a reason of the fleet's own
        ├── ScopeAccountError           the scope's credentials act in another account
        └── FleetTaskError              the executor could not run the work (its error is the cause)

`AwsApiError` keeps the botocore ``ClientError`` as ``__cause__``, `ClientSideError`
the botocore exception. Errors raised while iterating a listing carry
``resume_token``: pass it to the query's ``starting_token`` to go on exactly
where the listing stopped.

`call_aws` is the one place where botocore's exceptions become the SDK's
(through `error_from_client_error` and `error_from_botocore`): every call
every repository makes goes through it.

Every error pickles and unpickles to an equal error (class, message and
attributes; not ``__cause__``, which pickle never keeps), so errors cross
process boundaries: a `Fleet` listing on worker processes reports them as
they were raised there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import ClassVar, Final, TypeVar

from botocore import exceptions as botocore_errors
from botocore.exceptions import BotoCoreError, ClientError

__all__ = [
    "AccessDeniedError",
    "AwsApiError",
    "ClientSideError",
    "CredentialsError",
    "DryRunOperationError",
    "EndpointError",
    "FilterNotFoundError",
    "FilterRuleNotFoundError",
    "FleetError",
    "FleetTaskError",
    "InvalidRequestError",
    "InvalidTokenError",
    "LimitExceededError",
    "ParameterValidationError",
    "QueryError",
    "RegionError",
    "RequestTimeoutError",
    "ResourceInUseError",
    "ResourceNotFoundError",
    "ResponseValidationError",
    "ScopeAccountError",
    "SessionNotFoundError",
    "TargetNotFoundError",
    "ThrottlingError",
    "TrafficMirrorError",
    "call_aws",
    "error_from_botocore",
    "error_from_client_error",
]


class TrafficMirrorError(Exception):
    """Root of every error the SDK raises."""

    def __reduce__(self) -> tuple[object, ...]:
        # Exception's own pickling calls ``cls(*args)``, which the keyword-only
        # constructors below refuse: rebuild from the message and the attributes.
        return (_rebuild_error, (type(self), self.args, dict(vars(self))))


_E = TypeVar("_E", bound=TrafficMirrorError)


def _rebuild_error(cls: type[_E], args: tuple[object, ...], state: dict[str, object]) -> _E:
    """An unpickled error: the message (``args``) and the attributes, no constructor call."""
    error = cls.__new__(cls)
    error.args = args
    vars(error).update(state)
    return error


class QueryError(TrafficMirrorError, ValueError):
    """Bad input to the query builder or a repository method, refused before any call."""


class ResponseValidationError(TrafficMirrorError):
    """A response item from AWS that breaks the model's rules.

    The message names the resource and its id, the fields, the values and the
    rules. The pydantic ``ValidationError`` is the ``__cause__``.
    """

    raw_item: Mapping[str, object]
    """The item exactly as boto3 returned it (a boto3 TypedDict such as
    ``mypy_boto3_ec2.type_defs.TrafficMirrorSessionTypeDef`` is such a mapping)."""
    resource: str
    """What the item is: ``"session"``, ``"target"``, ``"filter"`` or ``"filter rule"``."""
    resource_id: str | None
    """The item's id (``TrafficMirrorSessionId``, ``TrafficMirrorTargetId``, ...), when usable."""
    resume_token: str | None
    """A StartingToken just past this item: resuming with it skips only this item."""

    def __init__(
        self,
        message: str,
        *,
        raw_item: Mapping[str, object],
        session_id: str | None = None,
        resource: str = "session",
        resource_id: str | None = None,
        resume_token: str | None = None,
    ) -> None:
        super().__init__(message)
        self.raw_item = raw_item
        self.resource = resource
        self.resource_id = resource_id if resource_id is not None else session_id
        self.resume_token = resume_token

    @property
    def session_id(self) -> str | None:
        """The item's ``TrafficMirrorSessionId`` when the item is a session with a usable id."""
        return self.resource_id if self.resource == "session" else None


class AwsApiError(TrafficMirrorError):
    """An error response from AWS. The botocore ``ClientError`` is the ``__cause__``."""

    codes: ClassVar[frozenset[str]] = frozenset()
    """The AWS error codes that map to this class (empty for the catch-all)."""

    code: str
    """The AWS error code, for example ``InvalidParameterValue``."""
    message: str
    """The AWS error message."""
    request_id: str | None
    """The AWS request id, for AWS support."""
    operation: str | None
    """The API operation that failed, for example ``DescribeTrafficMirrorSessions``."""
    resume_token: str | None
    """Where a listing that failed mid-way can go on from (``None`` outside listings)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        request_id: str | None = None,
        operation: str | None = None,
        resume_token: str | None = None,
    ) -> None:
        where = f" in {operation}" if operation else ""
        super().__init__(f"{code}{where}: {message}" if message else f"{code}{where}")
        self.code = code
        self.message = message
        self.request_id = request_id
        self.operation = operation
        self.resume_token = resume_token


class ResourceNotFoundError(AwsApiError):
    """AWS does not know the id given: the resource does not exist (or no longer does)."""


class SessionNotFoundError(ResourceNotFoundError):
    """No Traffic Mirror session has the given id (``InvalidTrafficMirrorSessionId.NotFound``)."""

    codes = frozenset(
        {"InvalidTrafficMirrorSessionId.NotFound", "InvalidTrafficMirrorSessionNotFound"}
    )


class TargetNotFoundError(ResourceNotFoundError):
    """No Traffic Mirror target has the given id (``InvalidTrafficMirrorTargetId.NotFound``)."""

    # "NoFound" (sic) is how the EC2 error-code reference spells one of them.
    codes = frozenset(
        {
            "InvalidTrafficMirrorTargetId.NotFound",
            "InvalidTrafficMirrorTargetNotFound",
            "InvalidTrafficMirrorTargetNoFound",
        }
    )


class FilterNotFoundError(ResourceNotFoundError):
    """No Traffic Mirror filter has the given id (``InvalidTrafficMirrorFilterId.NotFound``)."""

    codes = frozenset(
        {"InvalidTrafficMirrorFilterId.NotFound", "InvalidTrafficMirrorFilterNotFound"}
    )


class FilterRuleNotFoundError(ResourceNotFoundError):
    """No filter rule has the given id (``InvalidTrafficMirrorFilterRuleId.NotFound``)."""

    codes = frozenset(
        {"InvalidTrafficMirrorFilterRuleId.NotFound", "InvalidTrafficMirrorFilterRuleNotFound"}
    )


class LimitExceededError(AwsApiError):
    """A quota AWS enforces was reached (the code says which).

    Sessions, targets and filters per account (10,000 each by default), sessions
    per source network interface (3), rules per filter (10), sessions and
    sources per target, tags per resource (50).
    """

    codes = frozenset(
        {
            "TrafficMirrorSessionLimitExceeded",
            "TrafficMirrorTargetLimitExceeded",
            "TrafficMirrorFilterLimitExceeded",
            "TrafficMirrorFilterRuleLimitExceeded",
            "TrafficMirrorSessionsPerInterfaceLimitExceeded",
            "TrafficMirrorSessionsPerTargetLimitExceeded",
            "TrafficMirrorSourcesPerTargetLimitExceeded",
            "TagLimitExceeded",
        }
    )


class ResourceInUseError(AwsApiError):
    """The resource is in use: a target or filter that a session uses cannot be deleted,
    a Network Load Balancer serves one target only."""

    codes = frozenset(
        {
            "TrafficMirrorTargetInUseException",
            "TrafficMirrorFilterInUse",
            "InvalidTrafficMirrorFilter.InUse",
            "NlbInUseByTrafficMirrorTargetException",
            "InterfaceInUseByTrafficMirrorSession",
            "InterfaceInUseByTrafficMirrorTarget",
            "DependencyViolation",
        }
    )


class AccessDeniedError(AwsApiError):
    """The caller is not allowed to make the request (``UnauthorizedOperation``)."""

    codes = frozenset(
        {
            "UnauthorizedOperation",
            "AccessDenied",
            "AccessDeniedException",
            "AuthFailure",
        }
    )


class InvalidRequestError(AwsApiError):
    """AWS refused the request's parameters (``InvalidParameterValue``, ``InvalidFilter``, ...)."""

    codes = frozenset(
        {
            "InvalidParameterValue",
            "InvalidParameterCombination",
            "InvalidParameter",
            "MissingParameter",
            "InvalidFilter",
            "FilterLimitExceeded",
            "InvalidTrafficMirrorSessionId.Malformed",
            "InvalidTrafficMirrorTargetId.Malformed",
            "InvalidTrafficMirrorFilterId.Malformed",
            "InvalidTrafficMirrorFilterRuleId.Malformed",
            "InvalidNetworkInterfaceId.NotFound",
            "InvalidNetworkInterfaceID.NotFound",
            "InvalidNetworkInterfaceId.Malformed",
            "InvalidNetworkInterfaceID.Malformed",
            "InvalidVpcEndpointId.NotFound",
            "InvalidVpcEndpointId.Malformed",
            "InvalidNetworkLoadBalancerArn.NotFound",
            "InvalidNetworkLoadBalancerArn.Malformed",
            "TrafficMirrorFilterRuleAlreadyExists",
        }
    )


class InvalidTokenError(InvalidRequestError):
    """AWS refused the pagination token (``InvalidNextToken``, ``InvalidPaginationToken``)."""

    codes = frozenset({"InvalidNextToken", "InvalidPaginationToken"})


class DryRunOperationError(AwsApiError):
    """A ``DryRun`` request that would have succeeded (AWS answers ``DryRunOperation``)."""

    codes = frozenset({"DryRunOperation"})


class ThrottlingError(AwsApiError):
    """AWS kept throttling the caller after botocore's own retries (``RequestLimitExceeded``)."""

    codes = frozenset(
        {
            "RequestLimitExceeded",
            "Throttling",
            "ThrottlingException",
            "TooManyRequestsException",
        }
    )


class ClientSideError(TrafficMirrorError):
    """A failure with no AWS error response: botocore's exception is the ``__cause__``.

    No credentials, no region, an endpoint that cannot be reached, a timeout,
    a request botocore's own validation refused. Raised mid-listing, it carries
    ``resume_token``, as `AwsApiError` does.
    """

    operation: str | None
    """The API operation that was being made, when there was one."""
    resume_token: str | None
    """Where a listing that failed mid-way can go on from (``None`` outside listings)."""

    def __init__(
        self, message: str, *, operation: str | None = None, resume_token: str | None = None
    ) -> None:
        super().__init__(f"{message} (in {operation})" if operation else message)
        self.operation = operation
        self.resume_token = resume_token


class CredentialsError(ClientSideError):
    """No usable AWS credentials (``NoCredentialsError``, ``PartialCredentialsError``, ...)."""


class RegionError(ClientSideError):
    """No AWS region was configured, or the one given is not a region name."""


class ParameterValidationError(ClientSideError):
    """botocore refused to send the request (``ParamValidationError``)."""


class EndpointError(ClientSideError):
    """The endpoint could not be reached, or the connection broke (``EndpointConnectionError``)."""


class RequestTimeoutError(EndpointError):
    """Connecting to the endpoint or reading its answer timed out (after botocore's retries)."""


class FleetError(TrafficMirrorError):
    """A scope of a `Fleet` listing failed for a reason of the fleet's own, not AWS's answer.

    Kept on the listing's ``failures`` with the scope and its resume token, as
    every other error of a scope is.
    """


class ScopeAccountError(FleetError):
    """The credentials a scope is listed with act in another account than the scope's.

    A scope without a role is listed with the caller's own credentials; when
    those belong to another account, listing it would label that account's
    resources with the wrong account id, so nothing is listed.
    """

    account_id: str
    """The account the scope names."""
    actual_account_id: str
    """The account the credentials act in."""

    def __init__(self, message: str, *, account_id: str, actual_account_id: str) -> None:
        super().__init__(message)
        self.account_id = account_id
        self.actual_account_id = actual_account_id


class FleetTaskError(FleetError):
    """The executor could not run a scope's work: its exception is the ``__cause__``.

    A worker lost, a task the executor cancelled, work it could not send, or an
    unexpected exception while the work ran (a bug: please report it).
    """

    resume_token: str | None
    """Where the scope's listing goes on from: the work that could not run is done again."""

    def __init__(self, message: str, *, resume_token: str | None = None) -> None:
        super().__init__(message)
        self.resume_token = resume_token


_USERINFO: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s\"']*@")

_AWS_CLASSES: Final[tuple[type[AwsApiError], ...]] = (
    SessionNotFoundError,
    TargetNotFoundError,
    FilterNotFoundError,
    FilterRuleNotFoundError,
    LimitExceededError,
    ResourceInUseError,
    AccessDeniedError,
    InvalidTokenError,
    InvalidRequestError,
    DryRunOperationError,
    ThrottlingError,
)
_BY_CODE: Final[dict[str, type[AwsApiError]]] = {
    code: cls for cls in _AWS_CLASSES for code in sorted(cls.codes)
}

# The first match wins: the timeouts before the connection errors they subclass.
_BOTOCORE_CLASSES: Final[tuple[tuple[tuple[type[Exception], ...], type[ClientSideError]], ...]] = (
    (
        (
            botocore_errors.NoCredentialsError,
            botocore_errors.PartialCredentialsError,
            botocore_errors.CredentialRetrievalError,
            botocore_errors.UnknownCredentialError,
            botocore_errors.NoAuthTokenError,
            botocore_errors.TokenRetrievalError,
            botocore_errors.SSOError,
        ),
        CredentialsError,
    ),
    ((botocore_errors.NoRegionError, botocore_errors.InvalidRegionError), RegionError),
    ((botocore_errors.ParamValidationError,), ParameterValidationError),
    ((botocore_errors.ConnectTimeoutError, botocore_errors.ReadTimeoutError), RequestTimeoutError),
    ((botocore_errors.ConnectionError, botocore_errors.HTTPClientError), EndpointError),
)


def error_from_client_error(error: ClientError, *, resume_token: str | None = None) -> AwsApiError:
    """The typed error for a botocore ``ClientError`` (raise it ``from error``)."""
    response = error.response
    details = response.get("Error", {})
    code = str(details.get("Code") or "Unknown")
    message = str(details.get("Message") or "")
    metadata = response.get("ResponseMetadata", {})
    request_id = metadata.get("RequestId") or None
    cls = _BY_CODE.get(code, AwsApiError)
    return cls(
        code,
        message,
        request_id=request_id,
        operation=error.operation_name or None,
        resume_token=resume_token,
    )


def error_from_botocore(
    error: BotoCoreError, *, operation: str | None = None, resume_token: str | None = None
) -> ClientSideError:
    """The typed error for a botocore exception that is not an AWS answer (raise it ``from error``).

    The message is botocore's own, with the operation when there was one.
    botocore puts no credentials in its messages; a user name or password
    written into an endpoint URL is left out of the SDK's.
    """
    cls: type[ClientSideError] = ClientSideError
    for bases, mapped in _BOTOCORE_CLASSES:
        if isinstance(error, bases):
            cls = mapped
            break
    message = " ".join(str(error).split()) or type(error).__name__
    # botocore names the endpoint URL as given: a user name or password in it stays out.
    message = _USERINFO.sub(r"\1", message)
    return cls(message, operation=operation, resume_token=resume_token)


_T = TypeVar("_T")


def call_aws(
    operation: str,
    send: Callable[[], _T],
    *,
    resume_token: Callable[[], str | None] | None = None,
) -> _T:
    """Make one AWS call; botocore's exceptions come out as the SDK's, botocore's as the cause.

    ``resume_token`` gives the listing's token at the moment of a failure (for
    calls made by a listing), so the error says where to go on from.
    """
    try:
        return send()
    except ClientError as error:
        token = resume_token() if resume_token is not None else None
        raise error_from_client_error(error, resume_token=token) from error
    except BotoCoreError as error:
        token = resume_token() if resume_token is not None else None
        raise error_from_botocore(error, operation=operation, resume_token=token) from error
