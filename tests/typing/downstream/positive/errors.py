"""The error tree as a downstream project catches it: every class and attribute, no Any."""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import assert_type

import ec2_traffic_mirror
from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    DryRunOperationError,
    InvalidRequestError,
    InvalidTokenError,
    QueryError,
    ResponseValidationError,
    SessionNotFoundError,
    SessionQuery,
    ThrottlingError,
    TrafficMirrorError,
    TrafficMirrorSessionRepository,
)

assert_type(ec2_traffic_mirror.__version__, str)

repo = TrafficMirrorSessionRepository.connect(region_name="eu-west-1")
try:
    for session in repo.find(SessionQuery().page_size(5)):
        print(session.traffic_mirror_session_id)
except SessionNotFoundError as error:
    assert_type(error.code, str)
    assert_type(error.message, str)
    assert_type(error.request_id, str | None)
    assert_type(error.operation, str | None)
    assert_type(error.resume_token, str | None)
    assert_type(SessionNotFoundError.codes, frozenset[str])
except AccessDeniedError as error:
    assert_type(error, AccessDeniedError)
except InvalidTokenError as error:
    invalid_request: InvalidRequestError = error
except DryRunOperationError as error:
    api_error: AwsApiError = error
except ThrottlingError as error:
    assert_type(error.resume_token, str | None)
except AwsApiError as error:
    assert_type(error.__cause__, BaseException | None)
except ResponseValidationError as error:
    assert_type(error.raw_item, Mapping[str, object])
    assert_type(error.raw_item["SessionNumber"], object)
    assert_type(error.session_id, str | None)
    assert_type(error.resume_token, str | None)
except QueryError as error:
    value_error: ValueError = error
except TrafficMirrorError as error:
    assert_type(error, TrafficMirrorError)

assert_type(AwsApiError("InvalidParameterValue", "bad", request_id=None), AwsApiError)
assert_type(
    ResponseValidationError("bad item", raw_item={"SessionNumber": 0}, session_id=None),
    ResponseValidationError,
)
