"""ec2-traffic-mirror: a typed domain-model SDK for AWS EC2 Traffic Mirror sessions.

Validated, immutable models (`TrafficMirrorSession`, `Tag`), typed errors, a
chaining query builder (`SessionQuery`) and a repository over boto3
(`TrafficMirrorSessionRepository`) that pages lazily and resumes exactly, and
creates, modifies, deletes and tags sessions with every input checked before
any call (`REMOVE` removes a field in ``modify``). The repository parses the
answers of its Describe calls with its own parser, exactly as botocore would
(`install_fast_parser`; ``fast_parse=False`` to leave the client alone).
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
from ec2_traffic_mirror._parsing import install_fast_parser, uninstall_fast_parser
from ec2_traffic_mirror._query import FilterName, SessionQuery
from ec2_traffic_mirror._repository import (
    OnInvalid,
    Page,
    SessionIterator,
    SessionPageIterator,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror._writes import REMOVE, RemovableField, Remove, TagsInput

__version__: str = "0.1.0.dev0"

# Plain sorted() order, as tests/test_exports.py checks (ruff's isort-style order
# would put the constant REMOVE before the classes).
__all__ = [  # noqa: RUF022
    "AccessDeniedError",
    "AwsApiError",
    "DryRunOperationError",
    "FilterName",
    "InvalidRequestError",
    "InvalidTokenError",
    "OnInvalid",
    "Page",
    "QueryError",
    "REMOVE",
    "RemovableField",
    "Remove",
    "ResponseValidationError",
    "SessionIterator",
    "SessionNotFoundError",
    "SessionPageIterator",
    "SessionQuery",
    "Tag",
    "TagsInput",
    "ThrottlingError",
    "TrafficMirrorError",
    "TrafficMirrorSession",
    "TrafficMirrorSessionRepository",
    "__version__",
    "install_fast_parser",
    "uninstall_fast_parser",
]
