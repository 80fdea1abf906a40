"""ec2-traffic-mirror: a typed domain-model SDK for AWS EC2 Traffic Mirroring.

Validated, immutable models (`TrafficMirrorSession`, `TrafficMirrorTarget`,
`TrafficMirrorFilter`, `TrafficMirrorFilterRule`, `PortRange`, `Tag`), typed
errors, chaining query builders (`SessionQuery`, `TargetQuery`, `FilterQuery`,
`FilterRuleQuery`) and repositories over boto3 that page lazily and resume
exactly, and create, modify, delete and tag with every input checked before
any call (`REMOVE` removes a field in ``modify``). `TrafficMirror` holds the
three repositories over one client and resolves sessions to their targets
and filters. The repositories parse the answers of their Describe calls with
their own parser, exactly as botocore would (`install_fast_parser`;
``fast_parse=False`` leaves the client alone). `Fleet` lists across many
accounts and regions (`Scope`) at once, on threads or on any
``concurrent.futures`` executor (a Dask cluster's included).
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
    FleetError,
    FleetTaskError,
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
    ScopeAccountError,
    SessionNotFoundError,
    TargetNotFoundError,
    ThrottlingError,
    TrafficMirrorError,
)
from ec2_traffic_mirror._filter import (
    FilterFilterName,
    FilterIterator,
    FilterPage,
    FilterPageIterator,
    FilterQuery,
    FilterRuleFilterName,
    FilterRuleIterator,
    FilterRulePage,
    FilterRulePageIterator,
    FilterRuleQuery,
    NetworkService,
    PortRange,
    PortRangeInput,
    RemovableRuleField,
    RuleAction,
    TrafficDirection,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
    TrafficMirrorFilterRule,
)
from ec2_traffic_mirror._fleet import Fleet, FleetFailure, FleetItem, FleetListing, FleetProgress
from ec2_traffic_mirror._mirror import ResolvedSession, TrafficMirror
from ec2_traffic_mirror._models import Tag, UnknownValue
from ec2_traffic_mirror._paging import OnInvalid
from ec2_traffic_mirror._parsing import install_fast_parser, uninstall_fast_parser
from ec2_traffic_mirror._scope import Scope
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
from ec2_traffic_mirror._target import (
    TargetFilterName,
    TargetIterator,
    TargetPage,
    TargetPageIterator,
    TargetQuery,
    TargetType,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror._writes import REMOVE, Remove, TagsInput

__version__: str = "0.1.0.dev0"

# Plain sorted() order, as tests/test_exports.py checks (ruff's isort-style order
# would put the constant REMOVE before the classes).
__all__ = [  # noqa: RUF022
    "AccessDeniedError",
    "AwsApiError",
    "ClientSideError",
    "CredentialsError",
    "DryRunOperationError",
    "EndpointError",
    "FilterFilterName",
    "FilterIterator",
    "FilterName",
    "FilterNotFoundError",
    "FilterPage",
    "FilterPageIterator",
    "FilterQuery",
    "FilterRuleFilterName",
    "FilterRuleIterator",
    "FilterRuleNotFoundError",
    "FilterRulePage",
    "FilterRulePageIterator",
    "FilterRuleQuery",
    "Fleet",
    "FleetError",
    "FleetFailure",
    "FleetItem",
    "FleetListing",
    "FleetProgress",
    "FleetTaskError",
    "InvalidRequestError",
    "InvalidTokenError",
    "LimitExceededError",
    "NetworkService",
    "OnInvalid",
    "Page",
    "ParameterValidationError",
    "PortRange",
    "PortRangeInput",
    "QueryError",
    "REMOVE",
    "RegionError",
    "RemovableField",
    "RemovableRuleField",
    "Remove",
    "RequestTimeoutError",
    "ResolvedSession",
    "ResourceInUseError",
    "ResourceNotFoundError",
    "ResponseValidationError",
    "RuleAction",
    "Scope",
    "ScopeAccountError",
    "SessionIterator",
    "SessionNotFoundError",
    "SessionPageIterator",
    "SessionQuery",
    "Tag",
    "TagsInput",
    "TargetFilterName",
    "TargetIterator",
    "TargetNotFoundError",
    "TargetPage",
    "TargetPageIterator",
    "TargetQuery",
    "TargetType",
    "ThrottlingError",
    "TrafficDirection",
    "TrafficMirror",
    "TrafficMirrorError",
    "TrafficMirrorFilter",
    "TrafficMirrorFilterRepository",
    "TrafficMirrorFilterRule",
    "TrafficMirrorSession",
    "TrafficMirrorSessionRepository",
    "TrafficMirrorTarget",
    "TrafficMirrorTargetRepository",
    "UnknownValue",
    "__version__",
    "install_fast_parser",
    "uninstall_fast_parser",
]
