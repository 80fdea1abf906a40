"""TrafficMirrorTargetRepository over botocore's Stubber: exact calls, tokens, errors, refusals.

Every refusal is counted: `Calls` sees every call the client attempts, before
botocore's own validation, and a refused input must leave it at zero.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final, cast

import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    LimitExceededError,
    QueryError,
    ResourceInUseError,
    ResourceNotFoundError,
    ResponseValidationError,
    Tag,
    TargetNotFoundError,
    TargetPage,
    TargetQuery,
    ThrottlingError,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)

from ._support import NLB_ARN, Calls, decode, eni, target_item, tid

OP: Final = "describe_traffic_mirror_targets"
VPCE: Final = "vpce-0123456789abcdef0"


@pytest.fixture
def repo(client: EC2Client) -> TrafficMirrorTargetRepository:
    return TrafficMirrorTargetRepository(client)


@pytest.fixture
def calls(client: EC2Client) -> Calls:
    return Calls.on(client)


def add_pages(stubber: Stubber, pages: list[list[Any]], extra: dict[str, Any]) -> None:
    for index, page in enumerate(pages):
        expected = dict(extra)
        if index:
            expected["NextToken"] = f"t{index}"
        response: dict[str, Any] = {"TrafficMirrorTargets": page}
        if index + 1 < len(pages):
            response["NextToken"] = f"t{index + 1}"
        stubber.add_response(OP, response, expected)


def client_error(
    stubber: Stubber, operation: str, code: str, expected: dict[str, Any], status: int = 400
) -> None:
    stubber.add_client_error(
        operation,
        service_error_code=code,
        service_message=f"message for {code}",
        http_status_code=status,
        expected_params=expected,
        response_meta={"RequestId": "req-7"},
    )


def ids(targets: list[TrafficMirrorTarget] | tuple[TrafficMirrorTarget, ...]) -> list[str]:
    return [target.traffic_mirror_target_id for target in targets]


# -- listing -------------------------------------------------------------------------------


def test_find_is_lazy_and_pages_with_botocore_tokens(
    repo: TrafficMirrorTargetRepository, stubber: Stubber, calls: Calls
) -> None:
    listing = repo.find(TargetQuery().page_size(5))
    assert calls.names == []
    add_pages(stubber, [[target_item(n) for n in range(5)], [target_item(5)]], {"MaxResults": 5})
    first = [next(listing) for _ in range(5)]
    assert calls.names == ["DescribeTrafficMirrorTargets"]
    assert decode(listing.resume_token) == {"NextToken": "t1"}
    assert ids(first + list(listing)) == [tid(n) for n in range(6)]
    assert listing.resume_token is None


def test_tokens_match_a_boto3_paginator_after_max_items(
    client: EC2Client, repo: TrafficMirrorTargetRepository, stubber: Stubber
) -> None:
    query = TargetQuery().page_size(5).max_items(7)
    pages = [[target_item(n) for n in range(5)], [target_item(n) for n in range(5, 10)]]
    add_pages(stubber, pages, {"MaxResults": 5})
    paginator = client.get_paginator(OP).paginate(**query.to_request())
    boto = [
        item.get("TrafficMirrorTargetId")
        for page in paginator
        for item in page["TrafficMirrorTargets"]
    ]
    add_pages(stubber, pages, {"MaxResults": 5})
    listing = repo.find(query)
    assert ids(list(listing)) == boto
    assert listing.resume_token == cast("object", paginator.resume_token)
    assert decode(listing.resume_token) == {"NextToken": "t1", "boto_truncate_amount": 2}


def test_pages_first_and_count(repo: TrafficMirrorTargetRepository, stubber: Stubber) -> None:
    add_pages(stubber, [[target_item(0), target_item(1)], [target_item(2)]], {})
    pages = list(repo.pages())
    assert all(isinstance(page, TargetPage) for page in pages)
    assert [ids(page.items) for page in pages] == [[tid(0), tid(1)], [tid(2)]]
    assert decode(pages[0].next_token) == {"NextToken": "t1"}
    assert pages[1].next_token is None
    add_pages(stubber, [[target_item(0)], [target_item(1)]], {})
    first = repo.first()
    assert first is not None
    assert first.traffic_mirror_target_id == tid(0)
    repo.client.describe_traffic_mirror_targets(NextToken="t1")  # drain: first made one call
    add_pages(stubber, [[target_item(0)], [target_item(1)], []], {})
    assert repo.count() == 2


def test_invalid_targets_raise_naming_the_target_or_are_skipped_and_logged(
    client: EC2Client, stubber: Stubber, caplog: pytest.LogCaptureFixture
) -> None:
    bad = target_item(1, Type="network-load-balancer")  # carries an interface instead
    page = [target_item(0), bad, target_item(2)]
    stubber.add_response(OP, {"TrafficMirrorTargets": page}, {})
    listing = TrafficMirrorTargetRepository(client).find()
    assert next(listing).traffic_mirror_target_id == tid(0)
    with pytest.raises(ResponseValidationError) as caught:
        next(listing)
    error = caught.value
    assert error.resource == "target"
    assert error.resource_id == tid(1)
    assert error.session_id is None
    assert f"target {tid(1)} breaks the model" in str(error)
    assert "carries NetworkLoadBalancerArn and no other destination" in str(error)
    assert decode(error.resume_token) == {"NextToken": None, "boto_truncate_amount": 2}
    assert ids(list(listing)) == [tid(2)]
    stubber.add_response(OP, {"TrafficMirrorTargets": page}, {})
    skipping = TrafficMirrorTargetRepository(client, on_invalid="skip").find()
    with caplog.at_level(logging.WARNING, logger="ec2_traffic_mirror"):
        assert ids(list(skipping)) == [tid(0), tid(2)]
    assert skipping.skipped_items == (bad,)
    assert tid(1) in caplog.records[0].getMessage()


def test_get_returns_the_target_or_not_found(
    repo: TrafficMirrorTargetRepository, stubber: Stubber
) -> None:
    stubber.add_response(
        OP, {"TrafficMirrorTargets": [target_item(9)]}, {"TrafficMirrorTargetIds": [tid(9)]}
    )
    assert repo.get(tid(9)) == TrafficMirrorTarget.model_validate(target_item(9))
    client_error(
        stubber, OP, "InvalidTrafficMirrorTargetId.NotFound", {"TrafficMirrorTargetIds": [tid(8)]}
    )
    with pytest.raises(TargetNotFoundError) as caught:
        repo.get(tid(8))
    assert isinstance(caught.value, ResourceNotFoundError)
    assert isinstance(caught.value.__cause__, ClientError)
    assert caught.value.request_id == "req-7"
    stubber.add_response(OP, {"TrafficMirrorTargets": []}, {"TrafficMirrorTargetIds": [tid(7)]})
    with pytest.raises(TargetNotFoundError, match=tid(7)) as empty:
        repo.get(tid(7))
    assert empty.value.code == "InvalidTrafficMirrorTargetId.NotFound"


@pytest.mark.parametrize("bad", ["", "tmt-xyz", "tms-0123456789abcdef0", tid(1) + " ", None, 5])
def test_get_refuses_what_is_not_a_target_id_with_no_call(
    repo: TrafficMirrorTargetRepository, calls: Calls, bad: Any
) -> None:
    with pytest.raises(QueryError, match=r"get\(\)"):
        repo.get(bad)
    assert calls.names == []


def test_can_describe(repo: TrafficMirrorTargetRepository, stubber: Stubber) -> None:
    expected = {"DryRun": True, "Filters": [{"Name": "owner-id", "Values": ["1"]}]}
    client_error(stubber, OP, "DryRunOperation", expected, 412)
    assert repo.can_describe(TargetQuery().owner_id("1").page_size(5)) is True
    client_error(stubber, OP, "UnauthorizedOperation", {"DryRun": True}, 403)
    assert repo.can_describe() is False
    client_error(stubber, OP, "InvalidParameterValue", {"DryRun": True})
    with pytest.raises(AwsApiError, match="InvalidParameterValue"):
        repo.can_describe()


def test_find_refuses_another_resource_s_query(repo: TrafficMirrorTargetRepository) -> None:
    from ec2_traffic_mirror import FilterQuery

    with pytest.raises(QueryError, match="expected a TargetQuery or None"):
        repo.find(FilterQuery())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


# -- create --------------------------------------------------------------------------------

CREATE: Final = "create_traffic_mirror_target"


@pytest.mark.parametrize(
    ("arguments", "request_", "answer"),
    [
        (
            {"network_interface_id": eni(1)},
            {"NetworkInterfaceId": eni(1)},
            target_item(1, NetworkInterfaceId=eni(1)),
        ),
        (
            {"network_load_balancer_arn": NLB_ARN, "description": "to the NLB"},
            {"NetworkLoadBalancerArn": NLB_ARN, "Description": "to the NLB"},
            target_item(
                1,
                NetworkInterfaceId=None,
                NetworkLoadBalancerArn=NLB_ARN,
                Type="network-load-balancer",
            ),
        ),
        (
            {
                "gateway_load_balancer_endpoint_id": VPCE,
                "tags": [Tag(key="Name", value="gwlb")],
                "client_token": "deploy-1",
            },
            {
                "GatewayLoadBalancerEndpointId": VPCE,
                "TagSpecifications": [
                    {
                        "ResourceType": "traffic-mirror-target",
                        "Tags": [{"Key": "Name", "Value": "gwlb"}],
                    }
                ],
                "ClientToken": "deploy-1",
            },
            target_item(
                1,
                NetworkInterfaceId=None,
                GatewayLoadBalancerEndpointId=VPCE,
                Type="gateway-load-balancer-endpoint",
            ),
        ),
    ],
)
def test_create_sends_the_one_destination_and_returns_the_target(
    repo: TrafficMirrorTargetRepository,
    stubber: Stubber,
    arguments: dict[str, Any],
    request_: dict[str, Any],
    answer: dict[str, Any],
) -> None:
    stubber.add_response(CREATE, {"TrafficMirrorTarget": answer}, request_)
    created = repo.create(**arguments)
    assert created == TrafficMirrorTarget.model_validate(answer)
    client_error(stubber, CREATE, "DryRunOperation", {**request_, "DryRun": True}, 412)
    assert repo.can_create(**arguments) is True
    client_error(stubber, CREATE, "UnauthorizedOperation", {**request_, "DryRun": True}, 403)
    assert repo.can_create(**arguments) is False


BAD_CREATES: Final[list[tuple[dict[str, Any], str]]] = [
    ({}, "exactly one of network_interface_id"),
    ({"description": "x"}, "got none"),
    (
        {"network_interface_id": eni(1), "gateway_load_balancer_endpoint_id": VPCE},
        "got network_interface_id and gateway_load_balancer_endpoint_id",
    ),
    (
        {
            "network_interface_id": eni(1),
            "network_load_balancer_arn": NLB_ARN,
            "gateway_load_balancer_endpoint_id": VPCE,
        },
        "got network_interface_id and network_load_balancer_arn and",
    ),
    ({"network_interface_id": "eni-xyz"}, "'eni-' and 8, or 17 or more, lowercase hex digits"),
    ({"network_interface_id": tid(1)}, "must be an id of the form 'eni-'"),
    ({"gateway_load_balancer_endpoint_id": "vpce-12"}, "'vpce-' and 8, or 17 or more"),
    ({"gateway_load_balancer_endpoint_id": 7}, "must be an id string"),
    ({"network_load_balancer_arn": "arn:aws:ec2:us-east-1:1:x"}, "Network Load Balancer ARN"),
    (
        {"network_load_balancer_arn": NLB_ARN.replace("/net/", "/app/")},
        "loadbalancer/net/NAME/ID",
    ),
    ({"network_load_balancer_arn": NLB_ARN + " "}, "Network Load Balancer ARN"),
    ({"network_interface_id": eni(1), "description": ""}, "must not be empty"),
    ({"network_interface_id": eni(1), "tags": {"aws:x": "1"}}, "reserved to AWS"),
    ({"network_interface_id": eni(1), "tags": "Name=x"}, "not a single string"),
    ({"network_interface_id": eni(1), "client_token": "x" * 65}, "1 to 64 ASCII"),
]


@pytest.mark.parametrize(("arguments", "fragment"), BAD_CREATES)
@pytest.mark.parametrize("method", ["create", "can_create"])
def test_create_refuses_bad_input_before_any_call(
    repo: TrafficMirrorTargetRepository,
    calls: Calls,
    method: str,
    arguments: dict[str, Any],
    fragment: str,
) -> None:
    with pytest.raises(QueryError) as caught:
        getattr(repo, method)(**arguments)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{method}()")
    assert calls.names == []


def test_other_partitions_nlb_arns_are_accepted(
    repo: TrafficMirrorTargetRepository, stubber: Stubber
) -> None:
    for arn in (
        NLB_ARN.replace("arn:aws:", "arn:aws-cn:").replace("us-east-1", "cn-north-1"),
        NLB_ARN.replace("arn:aws:", "arn:aws-us-gov:").replace("us-east-1", "us-gov-west-1"),
    ):
        answer = target_item(
            1, NetworkInterfaceId=None, NetworkLoadBalancerArn=arn, Type="network-load-balancer"
        )
        stubber.add_response(
            CREATE, {"TrafficMirrorTarget": answer}, {"NetworkLoadBalancerArn": arn}
        )
        assert repo.create(network_load_balancer_arn=arn).destination == arn


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("TrafficMirrorTargetLimitExceeded", LimitExceededError),
        ("InterfaceInUseByTrafficMirrorSession", ResourceInUseError),
        ("UnauthorizedOperation", AccessDeniedError),
        ("RequestLimitExceeded", ThrottlingError),
    ],
)
def test_create_errors_are_mapped(
    repo: TrafficMirrorTargetRepository, stubber: Stubber, code: str, cls: type[AwsApiError]
) -> None:
    client_error(stubber, CREATE, code, {"NetworkInterfaceId": eni(1)})
    with pytest.raises(cls) as caught:
        repo.create(network_interface_id=eni(1))
    assert type(caught.value) is cls
    assert caught.value.code == code
    assert caught.value.operation == "CreateTrafficMirrorTarget"


def test_a_create_answer_that_breaks_the_model_is_a_response_validation_error(
    repo: TrafficMirrorTargetRepository, stubber: Stubber
) -> None:
    answer = target_item(1, Type="gateway-load-balancer-endpoint")
    stubber.add_response(CREATE, {"TrafficMirrorTarget": answer}, {"NetworkInterfaceId": eni(1)})
    with pytest.raises(ResponseValidationError, match="GatewayLoadBalancerEndpointId") as caught:
        repo.create(network_interface_id=eni(1))
    assert caught.value.raw_item == answer


# -- delete and tags -----------------------------------------------------------------------

DELETE: Final = "delete_traffic_mirror_target"


def test_delete_says_true_raises_not_found_or_false_with_missing_ok(
    repo: TrafficMirrorTargetRepository, stubber: Stubber
) -> None:
    request = {"TrafficMirrorTargetId": tid(1)}
    stubber.add_response(DELETE, {"TrafficMirrorTargetId": tid(1)}, request)
    assert repo.delete(tid(1)) is True
    client_error(stubber, DELETE, "InvalidTrafficMirrorTargetId.NotFound", request)
    with pytest.raises(TargetNotFoundError):
        repo.delete(tid(1))
    client_error(stubber, DELETE, "InvalidTrafficMirrorTargetId.NotFound", request)
    assert repo.delete(tid(1), missing_ok=True) is False
    client_error(stubber, DELETE, "TrafficMirrorTargetInUseException", request)
    with pytest.raises(ResourceInUseError):
        repo.delete(tid(1), missing_ok=True)
    client_error(stubber, DELETE, "DryRunOperation", {**request, "DryRun": True}, 412)
    assert repo.can_delete(tid(1)) is True


def test_tags_are_written_on_the_target(
    repo: TrafficMirrorTargetRepository, stubber: Stubber
) -> None:
    stubber.add_response(
        "create_tags", {}, {"Resources": [tid(1)], "Tags": [{"Key": "team", "Value": "net"}]}
    )
    repo.add_tags(tid(1), {"team": "net"})
    stubber.add_response("delete_tags", {}, {"Resources": [tid(1)], "Tags": [{"Key": "team"}]})
    repo.remove_tags(tid(1), ["team"])
    client_error(
        stubber,
        "create_tags",
        "UnauthorizedOperation",
        {"Resources": [tid(1)], "Tags": [{"Key": "a", "Value": ""}], "DryRun": True},
        403,
    )
    assert repo.can_add_tags(tid(1), [Tag(key="a", value="")]) is False
    client_error(
        stubber,
        "delete_tags",
        "DryRunOperation",
        {"Resources": [tid(1)], "Tags": [{"Key": "a"}], "DryRun": True},
        412,
    )
    assert repo.can_remove_tags(tid(1), ("a",)) is True
    client_error(
        stubber,
        "create_tags",
        "InvalidTrafficMirrorTargetId.NotFound",
        {"Resources": [tid(1)], "Tags": [{"Key": "a", "Value": "b"}]},
    )
    with pytest.raises(TargetNotFoundError):
        repo.add_tags(tid(1), {"a": "b"})


WRITES: Final[list[tuple[str, Callable[[TrafficMirrorTargetRepository], object]]]] = [
    ("delete bad id", lambda repo: repo.delete("tmt-1")),
    ("delete missing_ok not bool", lambda repo: repo.delete(tid(1), missing_ok=1)),  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    ("can_delete session id", lambda repo: repo.can_delete("tms-0123456789abcdef0")),
    ("add_tags no tags", lambda repo: repo.add_tags(tid(1), {})),
    ("add_tags 51 tags", lambda repo: repo.add_tags(tid(1), {f"k{n}": "" for n in range(51)})),
    ("add_tags bad id", lambda repo: repo.add_tags("tmt-", {"a": "b"})),
    ("remove_tags bare string", lambda repo: repo.remove_tags(tid(1), "team")),
    ("remove_tags none", lambda repo: repo.remove_tags(tid(1), [])),
    ("can_remove_tags aws key", lambda repo: repo.can_remove_tags(tid(1), ["AWS:x"])),
]


@pytest.mark.parametrize("write", WRITES, ids=[write[0] for write in WRITES])
def test_bad_writes_are_refused_with_no_call(
    repo: TrafficMirrorTargetRepository,
    calls: Calls,
    write: tuple[str, Callable[[TrafficMirrorTargetRepository], object]],
) -> None:
    with pytest.raises(QueryError):
        write[1](repo)
    assert calls.names == []


def test_max_items_counts_the_items_handed_out_not_those_left_out(
    client: EC2Client, stubber: Stubber
) -> None:
    bad = target_item(1, Type="network-load-balancer")
    page = [target_item(0), bad, target_item(2), target_item(3), target_item(4)]
    repo = TrafficMirrorTargetRepository(client, on_invalid="skip")
    logging.getLogger("ec2_traffic_mirror").disabled = True
    try:
        stubber.add_response(OP, {"TrafficMirrorTargets": page}, {"MaxResults": 5})
        listing = repo.find(TargetQuery().page_size(5).max_items(2))
        assert ids(list(listing)) == [tid(0), tid(2)]
        assert listing.skipped_items == (bad,)
        assert decode(listing.resume_token) == {"NextToken": None, "boto_truncate_amount": 3}
        stubber.add_response(OP, {"TrafficMirrorTargets": page}, {"MaxResults": 5})
        pages = list(repo.pages(TargetQuery().page_size(5).max_items(2)))
        assert [ids(page.items) for page in pages] == [[tid(0), tid(2)]]
        assert decode(pages[-1].next_token) == {"NextToken": None, "boto_truncate_amount": 3}
    finally:
        logging.getLogger("ec2_traffic_mirror").disabled = False
