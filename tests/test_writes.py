"""The write path over botocore's Stubber: the exact request of every method and option.

Each test queues the answer AWS would give together with the exact request
expected; Stubber fails the call on any other request, and the fixture checks
that every queued answer was used. Refused input is in test_writes_fake.py,
where API calls are counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, cast

import botocore.session
import pytest
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import TrafficMirrorSessionTypeDef

from ec2_traffic_mirror import (
    REMOVE,
    AccessDeniedError,
    AwsApiError,
    FilterNotFoundError,
    InvalidRequestError,
    LimitExceededError,
    ResponseValidationError,
    SessionNotFoundError,
    Tag,
    TargetNotFoundError,
    ThrottlingError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)

SESSION: Final = "tms-0123456789abcdef0"
ENI: Final = "eni-0123456789abcdef0"
TARGET: Final = "tmt-0123456789abcdef0"
FILTER: Final = "tmf-0123456789abcdef0"
OTHER_TARGET: Final = "tmt-11111111"
OTHER_FILTER: Final = "tmf-22222222222222222"
NOT_FOUND: Final = "InvalidTrafficMirrorSessionId.NotFound"
REQUIRED: Final[dict[str, Any]] = {
    "NetworkInterfaceId": ENI,
    "TrafficMirrorTargetId": TARGET,
    "TrafficMirrorFilterId": FILTER,
    "SessionNumber": 1,
}


def item(**members: Any) -> TrafficMirrorSessionTypeDef:
    raw: dict[str, Any] = {
        "TrafficMirrorSessionId": SESSION,
        "TrafficMirrorTargetId": TARGET,
        "TrafficMirrorFilterId": FILTER,
        "NetworkInterfaceId": ENI,
        "OwnerId": "123456789012",
        "SessionNumber": 1,
        "VirtualNetworkId": 4242,
        "Tags": [],
    }
    raw.update(members)
    return cast("TrafficMirrorSessionTypeDef", raw)


@pytest.fixture(scope="module")
def client(botocore_session: botocore.session.Session, module_aws_environment: None) -> EC2Client:
    # One client for the module (in place of conftest's one per test): each test's
    # Stubber (conftest's `stubber`, as is `repo`) adds and removes its own answers.
    return cast("EC2Client", botocore_session.create_client("ec2", region_name="us-east-1"))


def client_error(
    stubber: Stubber, operation: str, code: str, expected: dict[str, Any], status: int = 400
) -> None:
    stubber.add_client_error(
        operation,
        service_error_code=code,
        service_message=f"message for {code}",
        http_status_code=status,
        expected_params=expected,
        response_meta={"RequestId": "req-5678"},
    )


# -- create ---------------------------------------------------------------------------


def create_required(repo: TrafficMirrorSessionRepository, **options: Any) -> TrafficMirrorSession:
    return repo.create(
        network_interface_id=ENI,
        traffic_mirror_target_id=TARGET,
        traffic_mirror_filter_id=FILTER,
        session_number=1,
        **options,
    )


def test_create_sends_only_the_required_members_and_returns_the_session(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    raw = item()
    stubber.add_response(
        "create_traffic_mirror_session", {"TrafficMirrorSession": raw}, dict(REQUIRED)
    )
    created = create_required(repo)
    assert created == TrafficMirrorSession.model_validate(raw)
    assert created.virtual_network_id == 4242


@pytest.mark.parametrize(
    ("options", "members"),
    [
        ({"packet_length": 1}, {"PacketLength": 1}),
        ({"packet_length": 8500}, {"PacketLength": 8500}),
        ({"virtual_network_id": 0}, {"VirtualNetworkId": 0}),
        ({"virtual_network_id": 2**24 - 1}, {"VirtualNetworkId": 2**24 - 1}),
        ({"description": "web mirror"}, {"Description": "web mirror"}),
        ({"client_token": "retry-me-1"}, {"ClientToken": "retry-me-1"}),
        (
            {"tags": [Tag(key="Name", value="web"), Tag(key="team", value="")]},
            {
                "TagSpecifications": [
                    {
                        "ResourceType": "traffic-mirror-session",
                        "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "team", "Value": ""}],
                    }
                ]
            },
        ),
        (
            {"tags": {"Name": "web", "team": ""}},
            {
                "TagSpecifications": [
                    {
                        "ResourceType": "traffic-mirror-session",
                        "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "team", "Value": ""}],
                    }
                ]
            },
        ),
        ({"tags": ()}, {}),
        ({"tags": {}}, {}),
        (
            {
                "packet_length": 128,
                "virtual_network_id": 7,
                "description": "all of it",
                "tags": (Tag(key="k", value="v"),),
                "client_token": "t" * 64,
            },
            {
                "PacketLength": 128,
                "VirtualNetworkId": 7,
                "Description": "all of it",
                "TagSpecifications": [
                    {"ResourceType": "traffic-mirror-session", "Tags": [{"Key": "k", "Value": "v"}]}
                ],
                "ClientToken": "t" * 64,
            },
        ),
    ],
)
def test_create_sends_each_option_exactly(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    options: dict[str, Any],
    members: dict[str, Any],
) -> None:
    stubber.add_response(
        "create_traffic_mirror_session",
        {"TrafficMirrorSession": item()},
        {**REQUIRED, **members},
    )
    create_required(repo, **options)


def test_create_sends_the_session_number_and_ids_given(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    stubber.add_response(
        "create_traffic_mirror_session",
        {"TrafficMirrorSession": item(SessionNumber=32766)},
        {
            "NetworkInterfaceId": "eni-abcdef01",
            "TrafficMirrorTargetId": OTHER_TARGET,
            "TrafficMirrorFilterId": OTHER_FILTER,
            "SessionNumber": 32766,
        },
    )
    created = repo.create(
        network_interface_id="eni-abcdef01",
        traffic_mirror_target_id=OTHER_TARGET,
        traffic_mirror_filter_id=OTHER_FILTER,
        session_number=32766,
    )
    assert created.session_number == 32766


def test_create_answer_that_breaks_the_model_is_a_response_validation_error(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    raw = item(PacketLength=9000)
    stubber.add_response(
        "create_traffic_mirror_session", {"TrafficMirrorSession": raw}, dict(REQUIRED)
    )
    with pytest.raises(ResponseValidationError) as caught:
        create_required(repo)
    assert caught.value.session_id == SESSION
    assert caught.value.raw_item == raw
    assert "PacketLength=9000" in str(caught.value)
    assert "8500" in str(caught.value)


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("UnauthorizedOperation", 403, AccessDeniedError),
        ("InvalidTrafficMirrorTargetId.NotFound", 400, TargetNotFoundError),
        ("InvalidTrafficMirrorFilterId.NotFound", 400, FilterNotFoundError),
        ("InvalidNetworkInterfaceID.NotFound", 400, InvalidRequestError),
        ("TrafficMirrorSessionLimitExceeded", 400, LimitExceededError),
        ("TrafficMirrorSessionsPerInterfaceLimitExceeded", 400, LimitExceededError),
        ("IdempotentParameterMismatch", 400, AwsApiError),
    ],
)
def test_create_errors_are_mapped(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    code: str,
    status: int,
    expected: type[AwsApiError],
) -> None:
    client_error(stubber, "create_traffic_mirror_session", code, dict(REQUIRED), status)
    with pytest.raises(expected) as caught:
        create_required(repo)
    assert type(caught.value) is expected
    assert caught.value.code == code
    assert caught.value.operation == "CreateTrafficMirrorSession"
    assert caught.value.request_id == "req-5678"


# -- modify ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "members"),
    [
        ({"traffic_mirror_target_id": OTHER_TARGET}, {"TrafficMirrorTargetId": OTHER_TARGET}),
        ({"traffic_mirror_filter_id": OTHER_FILTER}, {"TrafficMirrorFilterId": OTHER_FILTER}),
        ({"session_number": 32766}, {"SessionNumber": 32766}),
        ({"packet_length": 8500}, {"PacketLength": 8500}),
        ({"virtual_network_id": 0}, {"VirtualNetworkId": 0}),
        ({"description": "new"}, {"Description": "new"}),
        ({"packet_length": REMOVE}, {"RemoveFields": ["packet-length"]}),
        ({"virtual_network_id": REMOVE}, {"RemoveFields": ["virtual-network-id"]}),
        ({"description": REMOVE}, {"RemoveFields": ["description"]}),
        (
            {"description": REMOVE, "packet_length": REMOVE, "virtual_network_id": REMOVE},
            {"RemoveFields": ["packet-length", "virtual-network-id", "description"]},
        ),
        (
            {"session_number": 3, "packet_length": REMOVE, "description": "kept apart"},
            {"SessionNumber": 3, "Description": "kept apart", "RemoveFields": ["packet-length"]},
        ),
        (
            {
                "traffic_mirror_target_id": OTHER_TARGET,
                "traffic_mirror_filter_id": OTHER_FILTER,
                "session_number": 2,
                "packet_length": 64,
                "virtual_network_id": 9,
                "description": "everything",
            },
            {
                "TrafficMirrorTargetId": OTHER_TARGET,
                "TrafficMirrorFilterId": OTHER_FILTER,
                "SessionNumber": 2,
                "PacketLength": 64,
                "VirtualNetworkId": 9,
                "Description": "everything",
            },
        ),
    ],
)
def test_modify_sends_exactly_what_changes(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    options: dict[str, Any],
    members: dict[str, Any],
) -> None:
    answer = item(Description="answer")
    stubber.add_response(
        "modify_traffic_mirror_session",
        {"TrafficMirrorSession": answer},
        {"TrafficMirrorSessionId": SESSION, **members},
    )
    assert repo.modify(SESSION, **options) == TrafficMirrorSession.model_validate(answer)


def test_modify_of_an_unknown_session_is_session_not_found(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    client_error(
        stubber,
        "modify_traffic_mirror_session",
        NOT_FOUND,
        {"TrafficMirrorSessionId": SESSION, "SessionNumber": 2},
    )
    with pytest.raises(SessionNotFoundError) as caught:
        repo.modify(SESSION, session_number=2)
    assert caught.value.operation == "ModifyTrafficMirrorSession"


def test_modify_unauthorised_is_access_denied(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    client_error(
        stubber,
        "modify_traffic_mirror_session",
        "UnauthorizedOperation",
        {"TrafficMirrorSessionId": SESSION, "RemoveFields": ["description"]},
        403,
    )
    with pytest.raises(AccessDeniedError):
        repo.modify(SESSION, description=REMOVE)


# -- delete ---------------------------------------------------------------------------


def test_delete_sends_the_id_and_says_true(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    for _ in range(2):
        stubber.add_response(
            "delete_traffic_mirror_session",
            {"TrafficMirrorSessionId": SESSION},
            {"TrafficMirrorSessionId": SESSION},
        )
    assert repo.delete(SESSION) is True
    assert repo.delete(SESSION, missing_ok=True) is True


def test_delete_of_a_missing_session_raises_or_says_false_with_missing_ok(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    for _ in range(2):
        client_error(
            stubber, "delete_traffic_mirror_session", NOT_FOUND, {"TrafficMirrorSessionId": SESSION}
        )
    with pytest.raises(SessionNotFoundError) as caught:
        repo.delete(SESSION)
    assert caught.value.operation == "DeleteTrafficMirrorSession"
    assert repo.delete(SESSION, missing_ok=True) is False


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("UnauthorizedOperation", 403, AccessDeniedError),
        ("InvalidTrafficMirrorSessionId.Malformed", 400, InvalidRequestError),
        ("RequestLimitExceeded", 400, ThrottlingError),
    ],
)
def test_missing_ok_ignores_only_not_found(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    code: str,
    status: int,
    expected: type[AwsApiError],
) -> None:
    client_error(
        stubber, "delete_traffic_mirror_session", code, {"TrafficMirrorSessionId": SESSION}, status
    )
    with pytest.raises(expected):
        repo.delete(SESSION, missing_ok=True)


# -- tags -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tags",
    [
        [Tag(key="Name", value="web"), Tag(key="empty", value="")],
        {"Name": "web", "empty": ""},
        (tag for tag in (Tag(key="Name", value="web"), Tag(key="empty", value=""))),
    ],
    ids=["tags", "mapping", "generator"],
)
def test_add_tags_sends_create_tags_on_the_session(
    repo: TrafficMirrorSessionRepository, stubber: Stubber, tags: Any
) -> None:
    stubber.add_response(
        "create_tags",
        {},
        {
            "Resources": [SESSION],
            "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "empty", "Value": ""}],
        },
    )
    repo.add_tags(SESSION, tags)


def test_remove_tags_sends_delete_tags_with_keys_only(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    # A tag without Value is deleted whatever its value; with one, only on a match.
    stubber.add_response(
        "delete_tags", {}, {"Resources": [SESSION], "Tags": [{"Key": "Name"}, {"Key": "team"}]}
    )
    repo.remove_tags(SESSION, ["Name", "team"])
    stubber.add_response("delete_tags", {}, {"Resources": [SESSION], "Tags": [{"Key": "Name"}]})
    repo.remove_tags(SESSION, {"Name": "any value"})


def _add_one_tag(repo: TrafficMirrorSessionRepository) -> None:
    repo.add_tags(SESSION, {"k": "v"})


def _remove_one_tag(repo: TrafficMirrorSessionRepository) -> None:
    repo.remove_tags(SESSION, ["k"])


@pytest.mark.parametrize(
    "case",
    [("create_tags", _add_one_tag), ("delete_tags", _remove_one_tag)],
    ids=["add_tags", "remove_tags"],
)
@pytest.mark.parametrize(
    "error",
    [
        (NOT_FOUND, 400, SessionNotFoundError),
        ("UnauthorizedOperation", 403, AccessDeniedError),
        ("TagLimitExceeded", 400, LimitExceededError),
    ],
    ids=["not-found", "unauthorized", "tag-limit"],
)
def test_tag_errors_are_mapped(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    case: tuple[str, Callable[[TrafficMirrorSessionRepository], None]],
    error: tuple[str, int, type[AwsApiError]],
) -> None:
    (operation, call), (code, status, expected) = case, error
    stubber.add_client_error(
        operation, service_error_code=code, service_message="no", http_status_code=status
    )
    with pytest.raises(expected):
        call(repo)


# -- permission checks (DryRun) ---------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One permission check: the call, the operation it sends and the request without DryRun."""

    operation: str
    call: Callable[[TrafficMirrorSessionRepository], bool]
    request: dict[str, Any]


CHECKS: Final = {
    "can_create": Check(
        "create_traffic_mirror_session",
        lambda repo: repo.can_create(
            network_interface_id=ENI,
            traffic_mirror_target_id=TARGET,
            traffic_mirror_filter_id=FILTER,
            session_number=1,
            packet_length=100,
            tags={"Name": "web"},
            client_token="tok",
        ),
        {
            **REQUIRED,
            "PacketLength": 100,
            "TagSpecifications": [
                {
                    "ResourceType": "traffic-mirror-session",
                    "Tags": [{"Key": "Name", "Value": "web"}],
                }
            ],
            "ClientToken": "tok",
        },
    ),
    "can_modify": Check(
        "modify_traffic_mirror_session",
        lambda repo: repo.can_modify(SESSION, session_number=4, virtual_network_id=REMOVE),
        {
            "TrafficMirrorSessionId": SESSION,
            "SessionNumber": 4,
            "RemoveFields": ["virtual-network-id"],
        },
    ),
    "can_delete": Check(
        "delete_traffic_mirror_session",
        lambda repo: repo.can_delete(SESSION),
        {"TrafficMirrorSessionId": SESSION},
    ),
    "can_add_tags": Check(
        "create_tags",
        lambda repo: repo.can_add_tags(SESSION, [Tag(key="a", value="b")]),
        {"Resources": [SESSION], "Tags": [{"Key": "a", "Value": "b"}]},
    ),
    "can_remove_tags": Check(
        "delete_tags",
        lambda repo: repo.can_remove_tags(SESSION, ["a"]),
        {"Resources": [SESSION], "Tags": [{"Key": "a"}]},
    ),
}


@pytest.mark.parametrize("name", list(CHECKS))
@pytest.mark.parametrize(
    "outcome",
    [("DryRunOperation", 412, True), ("UnauthorizedOperation", 403, False)],
    ids=["allowed", "denied"],
)
def test_permission_checks_send_the_real_request_with_dry_run(
    repo: TrafficMirrorSessionRepository,
    stubber: Stubber,
    name: str,
    outcome: tuple[str, int, bool],
) -> None:
    check = CHECKS[name]
    code, status, answer = outcome
    client_error(stubber, check.operation, code, {**check.request, "DryRun": True}, status)
    assert check.call(repo) is answer


@pytest.mark.parametrize("name", list(CHECKS))
def test_permission_checks_raise_other_errors_mapped(
    repo: TrafficMirrorSessionRepository, stubber: Stubber, name: str
) -> None:
    check = CHECKS[name]
    client_error(stubber, check.operation, NOT_FOUND, {**check.request, "DryRun": True})
    with pytest.raises(SessionNotFoundError):
        check.call(repo)
    client_error(
        stubber, check.operation, "RequestLimitExceeded", {**check.request, "DryRun": True}
    )
    with pytest.raises(ThrottlingError):
        check.call(repo)


def test_a_permission_check_answered_without_an_error_says_true(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    # A backend that ignores DryRun (stock moto does) answers with success.
    stubber.add_response(
        "delete_traffic_mirror_session",
        {"TrafficMirrorSessionId": SESSION},
        {"TrafficMirrorSessionId": SESSION, "DryRun": True},
    )
    assert repo.can_delete(SESSION) is True
