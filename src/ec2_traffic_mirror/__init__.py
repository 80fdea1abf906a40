"""ec2-traffic-mirror: a typed domain-model SDK for AWS EC2 Traffic Mirror sessions.

Validated, immutable models (`TrafficMirrorSession`, `Tag`), typed errors, a
chaining query builder (`SessionQuery`) and a repository over boto3
(`TrafficMirrorSessionRepository`) that pages lazily and resumes exactly.
"""

from ec2_traffic_mirror._errors import (
    AccessDeniedError,
    AwsApiError,
    DryRunOperationError,
    InvalidRequestError,
    InvalidTokenError,
    QueryError,
    ResponseValidationError,
    SessionNotFoundError,
    ThrottlingError,
    TrafficMirrorError,
)
from ec2_traffic_mirror._models import Tag, TrafficMirrorSession
from ec2_traffic_mirror._query import FilterName, SessionQuery
from ec2_traffic_mirror._repository import (
    OnInvalid,
    Page,
    SessionIterator,
    SessionPageIterator,
    TrafficMirrorSessionRepository,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "AccessDeniedError",
    "AwsApiError",
    "DryRunOperationError",
    "FilterName",
    "InvalidRequestError",
    "InvalidTokenError",
    "OnInvalid",
    "Page",
    "QueryError",
    "ResponseValidationError",
    "SessionIterator",
    "SessionNotFoundError",
    "SessionPageIterator",
    "SessionQuery",
    "Tag",
    "ThrottlingError",
    "TrafficMirrorError",
    "TrafficMirrorSession",
    "TrafficMirrorSessionRepository",
    "__version__",
]
