"""ec2-traffic-mirror: a typed domain-model SDK for AWS EC2 Traffic Mirror sessions.

Validated, immutable models (`TrafficMirrorSession`, `Tag`), typed errors, a
chaining query builder (`SessionQuery`) and a repository over boto3
(`TrafficMirrorSessionRepository`) that pages lazily and resumes exactly, and
creates, modifies, deletes and tags sessions with every input checked before
any call (`REMOVE` removes a field in ``modify``).
"""

from ec2_traffic_mirror._errors import (
    AccessDeniedError,
    AwsApiError,
    ClientSideError,
    CredentialsError,
    DryRunOperationError,
    EndpointError,
    FilterNotFoundError,
    FilterRuleNotFoundError,
    InvalidRequestError,
    InvalidTokenError,
    LimitExceededError,
    ParameterValidationError,
    QueryError,
    RegionError,
    RequestTimeoutError,
    ResourceInUseError,
    ResourceNotFoundError,
    ResponseValidationError,
    SessionNotFoundError,
    TargetNotFoundError,
    ThrottlingError,
    TrafficMirrorError,
)
from ec2_traffic_mirror._models import Tag
from ec2_traffic_mirror._paging import OnInvalid
from ec2_traffic_mirror._session import (
    FilterName,
    Page,
    RemovableField,
    SessionIterator,
    SessionPageIterator,
    SessionQuery,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror._writes import REMOVE, Remove, TagsInput

__version__ = "0.1.0.dev0"

# Plain sorted() order, as tests/test_exports.py checks (ruff's isort-style order
# would put the constant REMOVE before the classes).
__all__ = [  # noqa: RUF022
    "AccessDeniedError",
    "AwsApiError",
    "ClientSideError",
    "CredentialsError",
    "DryRunOperationError",
    "EndpointError",
    "FilterName",
    "FilterNotFoundError",
    "FilterRuleNotFoundError",
    "InvalidRequestError",
    "InvalidTokenError",
    "LimitExceededError",
    "OnInvalid",
    "Page",
    "ParameterValidationError",
    "QueryError",
    "REMOVE",
    "RegionError",
    "RemovableField",
    "Remove",
    "RequestTimeoutError",
    "ResourceInUseError",
    "ResourceNotFoundError",
    "ResponseValidationError",
    "SessionIterator",
    "SessionNotFoundError",
    "SessionPageIterator",
    "SessionQuery",
    "Tag",
    "TagsInput",
    "TargetNotFoundError",
    "ThrottlingError",
    "TrafficMirrorError",
    "TrafficMirrorSession",
    "TrafficMirrorSessionRepository",
    "__version__",
]
