"""TrafficMirrorFilterRepository over botocore's Stubber: filters, network services and rules.

``DescribeTrafficMirrorFilterRules`` has no botocore paginator; the SDK pages
it itself, and its tokens are compared with what botocore's own
``Paginator`` writes when given that call and the usual paging settings.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any, Final, cast

import pytest
from botocore.paginate import Paginator
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import DescribeTrafficMirrorFilterRulesResultTypeDef

from ec2_traffic_mirror import (
    REMOVE,
    FilterNotFoundError,
    FilterPage,
    FilterQuery,
    FilterRuleNotFoundError,
    FilterRulePage,
    FilterRuleQuery,
    LimitExceededError,
    PortRange,
    QueryError,
    ResourceInUseError,
    Tag,
    TrafficMirrorFilter,
    TrafficMirrorFilterRepository,
    TrafficMirrorFilterRule,
    UnknownValue,
)

from ._support import Calls, decode, fid, filter_item, rid, rule_item, token

RULES: Final = "describe_traffic_mirror_filter_rules"
FILTERS: Final = "describe_traffic_mirror_filters"


@pytest.fixture
def repo(client: EC2Client) -> TrafficMirrorFilterRepository:
    return TrafficMirrorFilterRepository(client)


@pytest.fixture
def calls(client: EC2Client) -> Calls:
    return Calls.on(client)


def client_error(
    stubber: Stubber, operation: str, code: str, expected: dict[str, Any], status: int = 400
) -> None:
    stubber.add_client_error(
        operation,
        service_error_code=code,
        service_message=f"message for {code}",
        http_status_code=status,
        expected_params=expected,
    )


def add_rule_pages(stubber: Stubber, pages: list[list[Any]], extra: dict[str, Any]) -> None:
    for index, page in enumerate(pages):
        expected = dict(extra)
        if index:
            expected["NextToken"] = f"r{index}"
        response: dict[str, Any] = {"TrafficMirrorFilterRules": page}
        if index + 1 < len(pages):
            response["NextToken"] = f"r{index + 1}"
        stubber.add_response(RULES, response, expected)


def rule_ids(
    rules: list[TrafficMirrorFilterRule] | tuple[TrafficMirrorFilterRule, ...],
) -> list[str]:
    return [rule.traffic_mirror_filter_rule_id for rule in rules]


def botocore_paginator(
    client: EC2Client,
) -> Paginator[DescribeTrafficMirrorFilterRulesResultTypeDef]:
    """What botocore would page DescribeTrafficMirrorFilterRules with, had it a paginator."""
    config = {
        "input_token": "NextToken",
        "output_token": "NextToken",
        "limit_key": "MaxResults",
        "result_key": "TrafficMirrorFilterRules",
    }
    model = client.meta.service_model.operation_model("DescribeTrafficMirrorFilterRules")
    # botocore-stubs types the method as a str; botocore takes the bound method.
    method: Any = client.describe_traffic_mirror_filter_rules
    paginator: Paginator[DescribeTrafficMirrorFilterRulesResultTypeDef] = Paginator(
        method, config, model
    )
    return paginator


# -- filters -------------------------------------------------------------------------------


def test_filters_are_listed_with_their_rules_and_pages(
    repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    stubber.add_response(
        FILTERS,
        {"TrafficMirrorFilters": [filter_item(1, rules=2)], "NextToken": "f1"},
        {"MaxResults": 5, "Filters": [{"Name": "description", "Values": ["prod*"]}]},
    )
    stubber.add_response(
        FILTERS,
        {"TrafficMirrorFilters": [filter_item(2)]},
        {
            "MaxResults": 5,
            "NextToken": "f1",
            "Filters": [{"Name": "description", "Values": ["prod*"]}],
        },
    )
    pages = list(repo.pages(FilterQuery().description("prod*").page_size(5)))
    assert all(isinstance(page, FilterPage) for page in pages)
    assert [len(page.items) for page in pages] == [1, 1]
    assert len(pages[0].items[0].ingress_filter_rules) == 2
    assert decode(pages[0].next_token) == {"NextToken": "f1"}
    stubber.add_response(
        FILTERS, {"TrafficMirrorFilters": [filter_item(3)]}, {"TrafficMirrorFilterIds": [fid(3)]}
    )
    assert repo.get(fid(3)) == TrafficMirrorFilter.model_validate(filter_item(3))
    client_error(
        stubber,
        FILTERS,
        "InvalidTrafficMirrorFilterId.NotFound",
        {"TrafficMirrorFilterIds": [fid(4)]},
    )
    with pytest.raises(FilterNotFoundError):
        repo.get(fid(4))
    stubber.add_response(FILTERS, {"TrafficMirrorFilters": [filter_item(1)]}, {})
    assert repo.count() == 1
    stubber.add_response(FILTERS, {"TrafficMirrorFilters": []}, {})
    assert repo.first() is None
    client_error(stubber, FILTERS, "DryRunOperation", {"DryRun": True}, 412)
    assert repo.can_describe() is True


def test_create_delete_and_tag_filters(
    repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    created = filter_item(1, rules=0, services=(), EgressFilterRules=[], Description="web")
    stubber.add_response(
        "create_traffic_mirror_filter",
        {"TrafficMirrorFilter": created},
        {
            "Description": "web",
            "TagSpecifications": [
                {"ResourceType": "traffic-mirror-filter", "Tags": [{"Key": "team", "Value": "net"}]}
            ],
            "ClientToken": "t-1",
        },
    )
    filter_ = repo.create(description="web", tags={"team": "net"}, client_token="t-1")
    assert filter_ == TrafficMirrorFilter.model_validate(created)
    stubber.add_response("create_traffic_mirror_filter", {"TrafficMirrorFilter": created}, {})
    repo.create()
    client_error(stubber, "create_traffic_mirror_filter", "TrafficMirrorFilterLimitExceeded", {})
    with pytest.raises(LimitExceededError):
        repo.create()
    client_error(
        stubber, "create_traffic_mirror_filter", "UnauthorizedOperation", {"DryRun": True}, 403
    )
    assert repo.can_create() is False
    delete = {"TrafficMirrorFilterId": fid(1)}
    stubber.add_response("delete_traffic_mirror_filter", {"TrafficMirrorFilterId": fid(1)}, delete)
    assert repo.delete(fid(1)) is True
    client_error(
        stubber, "delete_traffic_mirror_filter", "InvalidTrafficMirrorFilterId.NotFound", delete
    )
    assert repo.delete(fid(1), missing_ok=True) is False
    client_error(stubber, "delete_traffic_mirror_filter", "TrafficMirrorFilterInUse", delete)
    with pytest.raises(ResourceInUseError):
        repo.delete(fid(1))
    client_error(
        stubber, "delete_traffic_mirror_filter", "DryRunOperation", {**delete, "DryRun": True}, 412
    )
    assert repo.can_delete(fid(1)) is True
    stubber.add_response(
        "create_tags", {}, {"Resources": [fid(1)], "Tags": [{"Key": "a", "Value": "b"}]}
    )
    repo.add_tags(fid(1), [Tag(key="a", value="b")])
    stubber.add_response("delete_tags", {}, {"Resources": [fid(1)], "Tags": [{"Key": "a"}]})
    repo.remove_tags(fid(1), {"a"})


# -- network services ----------------------------------------------------------------------

SERVICES: Final = "modify_traffic_mirror_filter_network_services"


def test_network_services_are_added_and_removed_exactly(
    repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    after = filter_item(1, services=("amazon-dns",))
    stubber.add_response(
        SERVICES,
        {"TrafficMirrorFilter": after},
        {"TrafficMirrorFilterId": fid(1), "AddNetworkServices": ["amazon-dns"]},
    )
    assert repo.add_network_services(fid(1), "amazon-dns").network_services == ("amazon-dns",)
    stubber.add_response(
        SERVICES,
        {"TrafficMirrorFilter": filter_item(1, services=())},
        {"TrafficMirrorFilterId": fid(1), "RemoveNetworkServices": ["amazon-dns"]},
    )
    assert repo.remove_network_services(fid(1), "amazon-dns").network_services == ()
    # A service this release does not know, read from AWS, can be sent back.
    newer = UnknownValue("amazon-ntp")
    stubber.add_response(
        SERVICES,
        {"TrafficMirrorFilter": filter_item(1, services=("amazon-ntp",))},
        {"TrafficMirrorFilterId": fid(1), "RemoveNetworkServices": ["amazon-ntp"]},
    )
    repo.remove_network_services(fid(1), newer)
    client_error(
        stubber,
        SERVICES,
        "DryRunOperation",
        {"TrafficMirrorFilterId": fid(1), "AddNetworkServices": ["amazon-dns"], "DryRun": True},
        412,
    )
    assert repo.can_add_network_services(fid(1), "amazon-dns") is True
    client_error(
        stubber,
        SERVICES,
        "UnauthorizedOperation",
        {"TrafficMirrorFilterId": fid(1), "RemoveNetworkServices": ["amazon-dns"], "DryRun": True},
        403,
    )
    assert repo.can_remove_network_services(fid(1), "amazon-dns") is False


# -- rules: listing ------------------------------------------------------------------------


def test_rules_are_paged_by_the_sdk_with_botocore_s_tokens(
    client: EC2Client, repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    query = FilterRuleQuery().filter_id(fid(1)).page_size(5).max_items(7)
    pages = [[rule_item(n) for n in range(5)], [rule_item(n) for n in range(5, 10)]]
    extra = {"TrafficMirrorFilterId": fid(1), "MaxResults": 5}
    add_rule_pages(stubber, pages, extra)
    paginator = botocore_paginator(client).paginate(
        TrafficMirrorFilterId=fid(1), PaginationConfig={"PageSize": 5, "MaxItems": 7}
    )
    boto = [
        rule.get("TrafficMirrorFilterRuleId")
        for page in paginator
        for rule in page["TrafficMirrorFilterRules"]
    ]
    add_rule_pages(stubber, pages, extra)
    listing = repo.find_rules(query)
    assert rule_ids(list(listing)) == boto
    assert listing.resume_token == cast("object", paginator.resume_token)
    assert decode(listing.resume_token) == {"NextToken": "r1", "boto_truncate_amount": 2}
    assert listing.resume_token is not None
    # Resuming from it: exactly the rest (the page it points into, then on).
    resumed = [rule_item(n) for n in range(5, 10)]
    stubber.add_response(RULES, {"TrafficMirrorFilterRules": resumed}, {**extra, "NextToken": "r1"})
    rest = list(
        repo.find_rules(
            FilterRuleQuery().filter_id(fid(1)).page_size(5).starting_token(listing.resume_token)
        )
    )
    assert rule_ids(rest) == [rid(n) for n in range(7, 10)]


def test_rule_pages_get_first_count_and_can_describe(
    repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    add_rule_pages(stubber, [[rule_item(0), rule_item(1)], [rule_item(2)]], {})
    pages = list(repo.rule_pages())
    assert all(isinstance(page, FilterRulePage) for page in pages)
    assert [rule_ids(page.items) for page in pages] == [[rid(0), rid(1)], [rid(2)]]
    stubber.add_response(
        RULES,
        {"TrafficMirrorFilterRules": [rule_item(4)]},
        {"TrafficMirrorFilterRuleIds": [rid(4)]},
    )
    assert repo.get_rule(rid(4)) == TrafficMirrorFilterRule.model_validate(rule_item(4))
    client_error(
        stubber,
        RULES,
        "InvalidTrafficMirrorFilterRuleId.NotFound",
        {"TrafficMirrorFilterRuleIds": [rid(5)]},
    )
    with pytest.raises(FilterRuleNotFoundError):
        repo.get_rule(rid(5))
    stubber.add_response(
        RULES, {"TrafficMirrorFilterRules": []}, {"TrafficMirrorFilterRuleIds": [rid(6)]}
    )
    with pytest.raises(FilterRuleNotFoundError, match=rid(6)):
        repo.get_rule(rid(6))
    add_rule_pages(stubber, [[rule_item(0)], [rule_item(1)]], {})
    assert repo.count_rules() == 2
    add_rule_pages(stubber, [[rule_item(3)]], {"Filters": [{"Name": "protocol", "Values": ["6"]}]})
    first = repo.first_rule(FilterRuleQuery().protocol(6))
    assert first is not None
    assert first.traffic_mirror_filter_rule_id == rid(3)
    client_error(
        stubber,
        RULES,
        "UnauthorizedOperation",
        {"DryRun": True, "TrafficMirrorFilterId": fid(1)},
        403,
    )
    assert repo.can_describe_rules(FilterRuleQuery().filter_id(fid(1))) is False


def test_a_starting_token_of_a_rule_listing_skips_into_its_page(
    repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    start = token("s", 2)
    stubber.add_response(
        RULES, {"TrafficMirrorFilterRules": [rule_item(n) for n in range(5)]}, {"NextToken": "s"}
    )
    listing = repo.find_rules(FilterRuleQuery().starting_token(start))
    assert listing.resume_token == start
    assert rule_ids(list(listing)) == [rid(2), rid(3), rid(4)]


# -- rules: writes -------------------------------------------------------------------------

CREATE_RULE: Final = "create_traffic_mirror_filter_rule"
MODIFY_RULE: Final = "modify_traffic_mirror_filter_rule"
DELETE_RULE: Final = "delete_traffic_mirror_filter_rule"

RULE_REQUIRED: Final[dict[str, Any]] = {
    "traffic_direction": "ingress",
    "rule_number": 100,
    "rule_action": "accept",
    "source_cidr_block": "0.0.0.0/0",
    "destination_cidr_block": "10.0.0.0/16",
}
RULE_SENT: Final[dict[str, Any]] = {
    "TrafficMirrorFilterId": fid(1),
    "TrafficDirection": "ingress",
    "RuleNumber": 100,
    "RuleAction": "accept",
    "SourceCidrBlock": "0.0.0.0/0",
    "DestinationCidrBlock": "10.0.0.0/16",
}


@pytest.mark.parametrize(
    ("options", "members"),
    [
        ({}, {}),
        ({"protocol": 0}, {"Protocol": 0}),
        ({"protocol": 255}, {"Protocol": 255}),
        ({"source_port_range": (0, 65535)}, {"SourcePortRange": {"FromPort": 0, "ToPort": 65535}}),
        (
            {"destination_port_range": PortRange(from_port=443, to_port=443)},
            {"DestinationPortRange": {"FromPort": 443, "ToPort": 443}},
        ),
        ({"description": "https in"}, {"Description": "https in"}),
        ({"client_token": "c-1"}, {"ClientToken": "c-1"}),
        (
            {"tags": {"k": "v"}},
            {
                "TagSpecifications": [
                    {
                        "ResourceType": "traffic-mirror-filter-rule",
                        "Tags": [{"Key": "k", "Value": "v"}],
                    }
                ]
            },
        ),
        (
            {"traffic_direction": "egress", "rule_action": "reject", "rule_number": 32766},
            {"TrafficDirection": "egress", "RuleAction": "reject", "RuleNumber": 32766},
        ),
        (
            {
                "source_cidr_block": "::/0",
                "destination_cidr_block": ipaddress.ip_network("2001:db8::/32"),
            },
            {"SourceCidrBlock": "::/0", "DestinationCidrBlock": "2001:db8::/32"},
        ),
        ({"traffic_direction": UnknownValue("both")}, {"TrafficDirection": "both"}),
    ],
)
def test_create_rule_sends_each_option_exactly(
    repo: TrafficMirrorFilterRepository,
    stubber: Stubber,
    options: dict[str, Any],
    members: dict[str, Any],
) -> None:
    answer = rule_item(1)
    stubber.add_response(CREATE_RULE, {"TrafficMirrorFilterRule": answer}, {**RULE_SENT, **members})
    created = repo.create_rule(fid(1), **{**RULE_REQUIRED, **options})
    assert created == TrafficMirrorFilterRule.model_validate(answer)
    client_error(
        stubber, CREATE_RULE, "DryRunOperation", {**RULE_SENT, **members, "DryRun": True}, 412
    )
    assert repo.can_create_rule(fid(1), **{**RULE_REQUIRED, **options}) is True


def test_a_full_filter_is_a_limit_exceeded_error(
    repo: TrafficMirrorFilterRepository, stubber: Stubber
) -> None:
    client_error(stubber, CREATE_RULE, "TrafficMirrorFilterRuleLimitExceeded", RULE_SENT)
    with pytest.raises(LimitExceededError) as caught:
        repo.create_rule(fid(1), **RULE_REQUIRED)
    assert caught.value.code == "TrafficMirrorFilterRuleLimitExceeded"
    assert caught.value.operation == "CreateTrafficMirrorFilterRule"


BAD_RULES: Final[list[tuple[dict[str, Any], str]]] = [
    ({"rule_number": 0}, "rule_number must be from 1 to 32766, got 0"),
    ({"rule_number": 32767}, "rule_number must be from 1 to 32766"),
    ({"rule_number": True}, "rule_number must be an integer"),
    ({"protocol": 256}, "protocol must be from 0 to 255"),
    ({"protocol": -1}, "protocol must be from 0 to 255"),
    ({"protocol": "6"}, "protocol must be an integer"),
    ({"traffic_direction": "Ingress"}, "traffic_direction must be 'ingress' or 'egress'"),
    ({"rule_action": "drop"}, "rule_action must be 'accept' or 'reject'"),
    ({"source_cidr_block": "10.0.0.0"}, "source_cidr_block must be an IPv4 or IPv6 CIDR block"),
    ({"destination_cidr_block": "300.0.0.0/8"}, "destination_cidr_block must be an IPv4 or IPv6"),
    ({"destination_cidr_block": "::/0"}, "must both be IPv4 or both IPv6, got '0.0.0.0/0' (IPv4)"),
    ({"source_port_range": (10, 5)}, "from_port <= to_port"),
    ({"source_port_range": (0, 65536)}, "source_port_range[1] (to_port) must be from 0 to 65535"),
    ({"destination_port_range": (1, 2, 3)}, "must be a PortRange or (from_port, to_port)"),
    ({"destination_port_range": [1, 2]}, "must be a PortRange or (from_port, to_port)"),
    ({"description": ""}, "description must not be empty"),
    ({"tags": {"aws:cloudformation:stack-name": "x"}}, "reserved to AWS"),
    ({"client_token": "é"}, "1 to 64 ASCII"),
]


@pytest.mark.parametrize(("options", "fragment"), BAD_RULES)
@pytest.mark.parametrize("method", ["create_rule", "can_create_rule"])
def test_create_rule_refuses_bad_input_before_any_call(
    repo: TrafficMirrorFilterRepository,
    calls: Calls,
    method: str,
    options: dict[str, Any],
    fragment: str,
) -> None:
    with pytest.raises(QueryError) as caught:
        getattr(repo, method)(fid(1), **{**RULE_REQUIRED, **options})
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{method}()")
    assert calls.names == []


def test_create_rule_refuses_a_bad_filter_id_before_any_call(
    repo: TrafficMirrorFilterRepository, calls: Calls
) -> None:
    with pytest.raises(QueryError, match="argument filter_id must be an id of the form 'tmf-'"):
        repo.create_rule("tmt-0123456789abcdef0", **RULE_REQUIRED)
    assert calls.names == []


@pytest.mark.parametrize(
    ("options", "members"),
    [
        ({"protocol": REMOVE}, {"RemoveFields": ["protocol"]}),
        ({"description": REMOVE}, {"RemoveFields": ["description"]}),
        (
            {"source_port_range": REMOVE, "destination_port_range": REMOVE},
            {"RemoveFields": ["destination-port-range", "source-port-range"]},
        ),
        (
            {"protocol": 17, "destination_port_range": (53, 53)},
            {"Protocol": 17, "DestinationPortRange": {"FromPort": 53, "ToPort": 53}},
        ),
        (
            {"rule_number": 5, "rule_action": "reject", "traffic_direction": "egress"},
            {"RuleNumber": 5, "RuleAction": "reject", "TrafficDirection": "egress"},
        ),
        ({"source_cidr_block": "10.1.0.0/16"}, {"SourceCidrBlock": "10.1.0.0/16"}),
        (
            {"description": "new", "protocol": REMOVE},
            {"Description": "new", "RemoveFields": ["protocol"]},
        ),
    ],
)
def test_modify_rule_sends_exactly_what_changes(
    repo: TrafficMirrorFilterRepository,
    stubber: Stubber,
    options: dict[str, Any],
    members: dict[str, Any],
) -> None:
    answer = rule_item(1, Protocol=None)
    request = {"TrafficMirrorFilterRuleId": rid(1), **members}
    stubber.add_response(MODIFY_RULE, {"TrafficMirrorFilterRule": answer}, request)
    assert repo.modify_rule(rid(1), **options) == TrafficMirrorFilterRule.model_validate(answer)
    client_error(stubber, MODIFY_RULE, "UnauthorizedOperation", {**request, "DryRun": True}, 403)
    assert repo.can_modify_rule(rid(1), **options) is False


BAD_MODIFIES: Final[list[tuple[dict[str, Any], str]]] = [
    ({}, "got nothing to change for rule"),
    ({"rule_number": REMOVE}, "rule_number cannot be removed (only protocol, source_port_range"),
    ({"traffic_direction": REMOVE}, "traffic_direction cannot be removed"),
    ({"source_cidr_block": REMOVE}, "source_cidr_block cannot be removed"),
    ({"description": ""}, "pass REMOVE to remove it"),
    ({"protocol": 300}, "protocol must be from 0 to 255"),
    (
        {"source_cidr_block": "::/0", "destination_cidr_block": "10.0.0.0/8"},
        "must both be IPv4 or both IPv6",
    ),
    ({"rule_action": "maybe"}, "rule_action must be 'accept' or 'reject'"),
]


@pytest.mark.parametrize(("options", "fragment"), BAD_MODIFIES)
def test_modify_rule_refuses_bad_input_before_any_call(
    repo: TrafficMirrorFilterRepository, calls: Calls, options: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(QueryError) as caught:
        repo.modify_rule(rid(1), **options)
    assert fragment in str(caught.value)
    with pytest.raises(QueryError):
        repo.modify_rule("tmfr-1", description="x")
    assert calls.names == []


def test_delete_rule(repo: TrafficMirrorFilterRepository, stubber: Stubber) -> None:
    request = {"TrafficMirrorFilterRuleId": rid(1)}
    stubber.add_response(DELETE_RULE, {"TrafficMirrorFilterRuleId": rid(1)}, request)
    assert repo.delete_rule(rid(1)) is True
    client_error(stubber, DELETE_RULE, "InvalidTrafficMirrorFilterRuleId.NotFound", request)
    with pytest.raises(FilterRuleNotFoundError):
        repo.delete_rule(rid(1))
    client_error(stubber, DELETE_RULE, "InvalidTrafficMirrorFilterRuleId.NotFound", request)
    assert repo.delete_rule(rid(1), missing_ok=True) is False
    client_error(stubber, DELETE_RULE, "DryRunOperation", {**request, "DryRun": True}, 412)
    assert repo.can_delete_rule(rid(1)) is True


WRITES: Final[list[tuple[str, Callable[[TrafficMirrorFilterRepository], object]]]] = [
    ("create description empty", lambda repo: repo.create(description="")),
    ("create tags bare tag", lambda repo: repo.create(tags=Tag(key="a", value="b"))),  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    ("delete rule id", lambda repo: repo.delete(rid(1))),
    ("add_tags bad id", lambda repo: repo.add_tags("tmf-zz", {"a": "b"})),
    ("remove_tags no keys", lambda repo: repo.remove_tags(fid(1), ())),
    ("add no service", lambda repo: repo.add_network_services(fid(1))),
    ("add unknown plain service", lambda repo: repo.add_network_services(fid(1), "amazon-ntp")),  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    (
        "add repeated service",
        lambda repo: repo.add_network_services(fid(1), "amazon-dns", "amazon-dns"),
    ),
    ("remove bad id", lambda repo: repo.remove_network_services("tmf-", "amazon-dns")),
    ("can_add bad service", lambda repo: repo.can_add_network_services(fid(1), "dns")),  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    ("delete_rule filter id", lambda repo: repo.delete_rule(fid(1))),
    ("delete_rule missing_ok", lambda repo: repo.delete_rule(rid(1), missing_ok="yes")),  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    ("get_rule bad", lambda repo: repo.get_rule("tmfr-XYZ12345")),
    ("find_rules other query", lambda repo: repo.find_rules(FilterQuery())),  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
]


@pytest.mark.parametrize("write", WRITES, ids=[write[0] for write in WRITES])
def test_bad_input_is_refused_with_no_call(
    repo: TrafficMirrorFilterRepository,
    calls: Calls,
    write: tuple[str, Callable[[TrafficMirrorFilterRepository], object]],
) -> None:
    with pytest.raises(QueryError):
        write[1](repo)
    assert calls.names == []
