"""Every error the SDK raises.

The tree::

    TrafficMirrorError                  root of every error the SDK raises
    ├── QueryError                      bad input to the builder or a method (also a ValueError)
    ├── ResponseValidationError         an AWS response item that breaks the model's rules
    └── AwsApiError                     an AWS error response (code, message, request_id)
        ├── SessionNotFoundError        InvalidTrafficMirrorSessionId.NotFound
        ├── AccessDeniedError           UnauthorizedOperation, AccessDenied, ...
        ├── InvalidRequestError         InvalidParameterValue, InvalidFilter, ...Malformed, ...
        │   └── InvalidTokenError       InvalidNextToken, InvalidPaginationToken
        ├── DryRunOperationError        DryRunOperation: the request would have succeeded
        └── ThrottlingError             RequestLimitExceeded and kin, after botocore's retries

`AwsApiError` keeps the botocore ``ClientError`` as ``__cause__``. Errors raised
while iterating a listing carry ``resume_token``: pass it to
``SessionQuery.starting_token`` to go on exactly where the listing stopped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from botocore.exceptions import ClientError

__all__ = [
    "AccessDeniedError",
    "AwsApiError",
    "DryRunOperationError",
    "InvalidRequestError",
    "InvalidTokenError",
    "QueryError",
    "ResponseValidationError",
    "SessionNotFoundError",
    "ThrottlingError",
    "TrafficMirrorError",
    "error_from_client_error",
]


class TrafficMirrorError(Exception):
    """Root of every error the SDK raises."""


class QueryError(TrafficMirrorError, ValueError):
    """Bad input to the query builder or a repository method, refused before any call."""


class ResponseValidationError(TrafficMirrorError):
    """A response item from AWS that breaks the model's rules.

    The message names the session id, the fields, the values and the rules.
    The pydantic ``ValidationError`` is the ``__cause__``.
    """

    raw_item: Mapping[str, object]
    """The item exactly as boto3 returned it (a boto3 TypedDict such as
    ``mypy_boto3_ec2.type_defs.TrafficMirrorSessionTypeDef`` is such a mapping)."""
    session_id: str | None
    """The item's ``TrafficMirrorSessionId``, when it has a usable one."""
    resume_token: str | None
    """A StartingToken just past this item: resuming with it skips only this item."""

    def __init__(
        self,
        message: str,
        *,
        raw_item: Mapping[str, object],
        session_id: str | None,
        resume_token: str | None = None,
    ) -> None:
        super().__init__(message)
        self.raw_item = raw_item
        self.session_id = session_id
        self.resume_token = resume_token


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


class SessionNotFoundError(AwsApiError):
    """No Traffic Mirror session has the given id (``InvalidTrafficMirrorSessionId.NotFound``)."""

    codes = frozenset({"InvalidTrafficMirrorSessionId.NotFound"})


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
            "InvalidTrafficMirrorSessionId.Malformed",
            "InvalidTrafficMirrorTargetId.NotFound",
            "InvalidTrafficMirrorFilterId.NotFound",
            "InvalidNetworkInterfaceId.NotFound",
            "InvalidNetworkInterfaceId.Malformed",
            "TrafficMirrorSessionLimitExceeded",
            "TagLimitExceeded",
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


_CLASSES: tuple[type[AwsApiError], ...] = (
    SessionNotFoundError,
    AccessDeniedError,
    InvalidTokenError,
    InvalidRequestError,
    DryRunOperationError,
    ThrottlingError,
)
_BY_CODE: dict[str, type[AwsApiError]] = {
    code: cls for cls in _CLASSES for code in sorted(cls.codes)
}


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
