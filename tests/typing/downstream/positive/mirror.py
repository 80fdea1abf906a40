"""TrafficMirror, resolve and the errors of the new resources, as a downstream project uses them."""

from __future__ import annotations

from collections.abc import Iterator

from botocore.config import Config
from mypy_boto3_ec2 import EC2Client
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    AwsApiError,
    ClientSideError,
    CredentialsError,
    EndpointError,
    FilterNotFoundError,
    FilterRuleNotFoundError,
    LimitExceededError,
    OnInvalid,
    ParameterValidationError,
    RegionError,
    RequestTimeoutError,
    ResolvedSession,
    ResourceInUseError,
    ResourceNotFoundError,
    ResponseValidationError,
    SessionNotFoundError,
    SessionQuery,
    TargetNotFoundError,
    TrafficMirror,
    TrafficMirrorError,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)

# --- TrafficMirror ------------------------------------------------------------------------

mirror = TrafficMirror.connect(region_name="eu-west-1")
assert_type(mirror, TrafficMirror)
assert_type(
    TrafficMirror.connect(
        region_name=None,
        profile_name="audit",
        endpoint_url="http://127.0.0.1:5000",
        config=Config(retries={"mode": "adaptive"}),
        on_invalid="skip",
    ),
    TrafficMirror,
)
assert_type(TrafficMirror(mirror.client), TrafficMirror)
assert_type(TrafficMirror(mirror.client, on_invalid="raise"), TrafficMirror)
assert_type(TrafficMirror(mirror.client, fast_parse=False), TrafficMirror)
assert_type(TrafficMirror.connect(fast_parse=True), TrafficMirror)
assert_type(mirror.client, EC2Client)
assert_type(mirror.on_invalid, OnInvalid)
assert_type(mirror.sessions, TrafficMirrorSessionRepository)
assert_type(mirror.targets, TrafficMirrorTargetRepository)
assert_type(mirror.filters, TrafficMirrorFilterRepository)

# --- resolve: any iterable of sessions, lazily -------------------------------------------

resolved = mirror.resolve(mirror.sessions.find(SessionQuery().owner_id("123456789012")))
assert_type(resolved, Iterator[ResolvedSession])
sessions: list[TrafficMirrorSession] = []
for entry in mirror.resolve(sessions, chunk_size=100):
    assert_type(entry, ResolvedSession)
    assert_type(entry.session, TrafficMirrorSession)
    assert_type(entry.target, TrafficMirrorTarget | None)
    assert_type(entry.filter, TrafficMirrorFilter | None)
    assert_type(entry.target_error, TargetNotFoundError | ResponseValidationError | None)
    assert_type(entry.filter_error, FilterNotFoundError | ResponseValidationError | None)
    assert_type(entry.is_complete, bool)
    if entry.target is not None:
        assert_type(entry.target.destination, str | None)
    if entry.filter is not None:
        assert_type(entry.filter.rules[0].rule_number, int)

# --- the errors: the NotFound family, quotas, in use, and failures on this side -------------

try:
    mirror.filters.get_rule("tmfr-0123456789abcdef0")
except (SessionNotFoundError, TargetNotFoundError, FilterNotFoundError) as error:
    not_found: ResourceNotFoundError = error
    assert_type(error.code, str)
except FilterRuleNotFoundError as error:
    assert_type(error.request_id, str | None)
    assert_type(FilterRuleNotFoundError.codes, frozenset[str])
except ResourceNotFoundError as error:
    api_error: AwsApiError = error
except LimitExceededError as error:
    assert_type(error.code, str)
    assert_type(error.operation, str | None)
except ResourceInUseError as error:
    assert_type(error.message, str)
except RequestTimeoutError as error:
    endpoint_error: EndpointError = error
except EndpointError as error:
    assert_type(error.resume_token, str | None)
except (CredentialsError, RegionError, ParameterValidationError) as error:
    client_side: ClientSideError = error
    assert_type(error.operation, str | None)
except ClientSideError as error:
    assert_type(error.__cause__, BaseException | None)
    root: TrafficMirrorError = error
except ResponseValidationError as error:
    assert_type(error.resource, str)
    assert_type(error.resource_id, str | None)
    assert_type(error.session_id, str | None)

assert_type(ClientSideError("no credentials", operation=None), ClientSideError)
assert_type(
    ResponseValidationError(
        "bad target", raw_item={}, resource="target", resource_id="tmt-0123456789abcdef0"
    ),
    ResponseValidationError,
)
