"""Parity of the filter calls: filters, their rules and network services (both transports)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import FilterTypeDef

from ec2_traffic_mirror.testing import FilterRuleSpec

from ._support import Env, error_of, page_through, token_of

AWS_FILTER_ID = re.compile(r"tmf-[0-9a-f]{17}")
AWS_RULE_ID = re.compile(r"tmfr-[0-9a-f]{17}")
ANYWHERE = "0.0.0.0/0"


def fid(item: Any) -> str:
    """The filter id of a response item."""
    return str(item["TrafficMirrorFilterId"])


def rid(item: Any) -> str:
    """The rule id of a response item."""
    return str(item["TrafficMirrorFilterRuleId"])


def new_filter(ec2: EC2Client, **params: Any) -> str:
    """A filter made with plain boto3; its id."""
    return fid(ec2.create_traffic_mirror_filter(**params)["TrafficMirrorFilter"])


def new_rule(ec2: EC2Client, filter_id: str, **overrides: Any) -> dict[str, Any]:
    """A rule made with plain boto3 over valid defaults; the answered item."""
    params: dict[str, Any] = {
        "TrafficMirrorFilterId": filter_id,
        "TrafficDirection": "ingress",
        "RuleNumber": 100,
        "RuleAction": "accept",
        "SourceCidrBlock": ANYWHERE,
        "DestinationCidrBlock": "10.0.0.0/8",
        **overrides,
    }
    return dict(ec2.create_traffic_mirror_filter_rule(**params)["TrafficMirrorFilterRule"])


def the_filter(ec2: EC2Client, filter_id: str) -> dict[str, Any]:
    """One filter as DescribeTrafficMirrorFilters answers it."""
    response = ec2.describe_traffic_mirror_filters(TrafficMirrorFilterIds=[filter_id])
    return dict(response["TrafficMirrorFilters"][0])


def rule_ids(
    ec2: EC2Client, filters: list[FilterTypeDef] | None = None, **params: Any
) -> list[str]:
    """The rule ids one DescribeTrafficMirrorFilterRules call answers."""
    response = ec2.describe_traffic_mirror_filter_rules(Filters=filters or [], **params)
    return [rid(item) for item in response["TrafficMirrorFilterRules"]]


# ---------------------------------------------------------------- filters


def test_create_answers_the_filter_as_describe_does(ec2: EC2Client) -> None:
    answer = ec2.create_traffic_mirror_filter(
        Description="web",
        ClientToken="f-1",
        TagSpecifications=[
            {"ResourceType": "traffic-mirror-filter", "Tags": [{"Key": "app", "Value": "web"}]}
        ],
    )
    item = dict(answer["TrafficMirrorFilter"])
    assert answer.get("ClientToken") == "f-1"
    assert AWS_FILTER_ID.fullmatch(fid(item))
    assert item == {
        "TrafficMirrorFilterId": fid(item),
        "IngressFilterRules": [],
        "EgressFilterRules": [],
        "NetworkServices": [],
        "Description": "web",
        "Tags": [{"Key": "app", "Value": "web"}],
    }
    assert the_filter(ec2, fid(item)) == item
    again = ec2.create_traffic_mirror_filter(
        Description="web",
        ClientToken="f-1",
        TagSpecifications=[
            {"ResourceType": "traffic-mirror-filter", "Tags": [{"Key": "app", "Value": "web"}]}
        ],
    )
    assert fid(again["TrafficMirrorFilter"]) == fid(item)
    mismatch = lambda: ec2.create_traffic_mirror_filter(Description="x", ClientToken="f-1")  # noqa: E731
    assert error_of(mismatch) == ("IdempotentParameterMismatch", 400)


def test_the_rules_show_in_the_filter_by_direction_and_number(ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    late = new_rule(ec2, filter_id, RuleNumber=200, Description="second")
    early = new_rule(
        ec2,
        filter_id,
        RuleNumber=10,
        RuleAction="reject",
        Protocol=6,
        DestinationPortRange={"FromPort": 22, "ToPort": 22},
        SourcePortRange={"FromPort": 1024, "ToPort": 65535},
    )
    out = new_rule(ec2, filter_id, TrafficDirection="egress", RuleNumber=10, Protocol=17)
    assert AWS_RULE_ID.fullmatch(rid(early))
    assert early == {
        "TrafficMirrorFilterRuleId": rid(early),
        "TrafficMirrorFilterId": filter_id,
        "TrafficDirection": "ingress",
        "RuleNumber": 10,
        "RuleAction": "reject",
        "Protocol": 6,
        "DestinationPortRange": {"FromPort": 22, "ToPort": 22},
        "SourcePortRange": {"FromPort": 1024, "ToPort": 65535},
        "DestinationCidrBlock": "10.0.0.0/8",
        "SourceCidrBlock": ANYWHERE,
        "Tags": [],
    }
    described = the_filter(ec2, filter_id)
    assert described["IngressFilterRules"] == [early, late]
    assert described["EgressFilterRules"] == [out]
    listed = ec2.describe_traffic_mirror_filter_rules(TrafficMirrorFilterId=filter_id)
    assert [dict(r) for r in listed["TrafficMirrorFilterRules"]] == [late, early, out]


def test_delete_filter_deletes_its_rules_and_tags(env: Env, ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    rule = new_rule(
        ec2,
        filter_id,
        TagSpecifications=[
            {"ResourceType": "traffic-mirror-filter-rule", "Tags": [{"Key": "k", "Value": "v"}]}
        ],
    )
    assert rule["Tags"] == [{"Key": "k", "Value": "v"}]
    [kept] = env.fake.seed_filters(1, rules=[RULE_SPEC])
    assert fid(ec2.delete_traffic_mirror_filter(TrafficMirrorFilterId=filter_id)) == filter_id
    gone = lambda: rule_ids(ec2, TrafficMirrorFilterRuleIds=[rid(rule)])  # noqa: E731
    assert error_of(gone) == ("InvalidTrafficMirrorFilterRuleId.NotFound", 400)
    assert ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [rid(rule)]}])["Tags"] == []
    assert [fid(f) for f in ec2.describe_traffic_mirror_filters()["TrafficMirrorFilters"]] == [kept]
    again = lambda: ec2.delete_traffic_mirror_filter(TrafficMirrorFilterId=filter_id)  # noqa: E731
    assert error_of(again) == ("InvalidTrafficMirrorFilterId.NotFound", 400)


def test_delete_refuses_a_filter_in_use(env: Env, ec2: EC2Client) -> None:
    [filter_id] = env.fake.seed_filters(1)
    [session_id] = env.fake.seed_sessions(1, filter_ids=[filter_id])
    call: Callable[[], object] = lambda: ec2.delete_traffic_mirror_filter(  # noqa: E731
        TrafficMirrorFilterId=filter_id
    )
    assert error_of(call) == ("TrafficMirrorFilterInUse", 400)
    ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id)
    call()


def test_the_account_quota_of_filters_can_be_lowered_and_reached(env: Env, ec2: EC2Client) -> None:
    env.fake.set_quotas(filters=1)
    new_filter(ec2)
    assert error_of(lambda: new_filter(ec2)) == ("TrafficMirrorFilterLimitExceeded", 400)


def test_network_services(env: Env, ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    modify = ec2.modify_traffic_mirror_filter_network_services
    added = modify(TrafficMirrorFilterId=filter_id, AddNetworkServices=["amazon-dns"])
    assert added["TrafficMirrorFilter"].get("NetworkServices") == ["amazon-dns"]
    again = modify(TrafficMirrorFilterId=filter_id, AddNetworkServices=["amazon-dns"])
    assert again["TrafficMirrorFilter"].get("NetworkServices") == ["amazon-dns"]
    assert the_filter(ec2, filter_id)["NetworkServices"] == ["amazon-dns"]
    both = lambda: modify(  # noqa: E731
        TrafficMirrorFilterId=filter_id,
        AddNetworkServices=["amazon-dns"],
        RemoveNetworkServices=["amazon-dns"],
    )
    assert error_of(both) == ("InvalidParameterCombination", 400)
    unknown = lambda: env.call_raw(  # noqa: E731
        "modify_traffic_mirror_filter_network_services",
        TrafficMirrorFilterId=filter_id,
        AddNetworkServices=["amazon-ntp"],
    )
    assert error_of(unknown) == ("InvalidParameterValue", 400)
    dry = lambda: modify(  # noqa: E731
        TrafficMirrorFilterId=filter_id, RemoveNetworkServices=["amazon-dns"], DryRun=True
    )
    assert error_of(dry) == ("DryRunOperation", 412)
    removed = modify(TrafficMirrorFilterId=filter_id, RemoveNetworkServices=["amazon-dns"])
    assert removed["TrafficMirrorFilter"].get("NetworkServices") == []
    missing = lambda: modify(  # noqa: E731
        TrafficMirrorFilterId="tmf-00000000000000000", AddNetworkServices=["amazon-dns"]
    )
    assert error_of(missing) == ("InvalidTrafficMirrorFilterId.NotFound", 400)


def test_filters_page_and_filter(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_filters(12, description="filter {index}")
    items, sizes = page_through(ec2.describe_traffic_mirror_filters, "TrafficMirrorFilters", 5)
    assert (sizes, [fid(i) for i in items]) == ([5, 5, 2], seeded)
    paginator = ec2.get_paginator("describe_traffic_mirror_filters")
    pages = paginator.paginate(PaginationConfig={"PageSize": 5})
    assert [fid(i) for p in pages for i in p["TrafficMirrorFilters"]] == seeded

    def described(filters: list[FilterTypeDef], **params: Any) -> list[str]:
        answer = ec2.describe_traffic_mirror_filters(Filters=filters, **params)
        return [fid(item) for item in answer["TrafficMirrorFilters"]]

    assert described([{"Name": "description", "Values": ["filter 1?"]}]) == seeded[10:12]
    assert described([{"Name": "description", "Values": ["filter 1*"]}]) == [
        seeded[1],
        *seeded[10:12],
    ]
    assert described([{"Name": "traffic-mirror-filter-id", "Values": [seeded[3]]}]) == [seeded[3]]
    assert described([], TrafficMirrorFilterIds=[seeded[7], seeded[2]]) == [seeded[2], seeded[7]]
    unknown_name = lambda: described([{"Name": "network-service", "Values": ["x"]}])  # noqa: E731
    assert error_of(unknown_name) == ("InvalidParameterValue", 400)
    missing = lambda: described([], TrafficMirrorFilterIds=["tmf-00000000000000000"])  # noqa: E731
    assert error_of(missing) == ("InvalidTrafficMirrorFilterId.NotFound", 400)
    malformed = lambda: described([], TrafficMirrorFilterIds=["tmt-00000000000000000"])  # noqa: E731
    assert error_of(malformed) == ("InvalidTrafficMirrorFilterId.Malformed", 400)
    bad_size = lambda: env.call_raw("describe_traffic_mirror_filters", MaxResults=1001)  # noqa: E731
    assert error_of(bad_size) == ("InvalidParameterValue", 400)


# ---------------------------------------------------------------- rules: checks

RULE_SPEC: FilterRuleSpec = {
    "TrafficDirection": "egress",
    "RuleNumber": 1,
    "RuleAction": "accept",
    "SourceCidrBlock": ANYWHERE,
    "DestinationCidrBlock": ANYWHERE,
}

RULE_CASES: list[tuple[str, dict[str, Any], str | None]] = [
    ("rule number 0", {"RuleNumber": 0}, "InvalidParameterValue"),
    ("rule number 1", {"RuleNumber": 1}, None),
    ("rule number 32766", {"RuleNumber": 32766}, None),
    ("rule number 32767", {"RuleNumber": 32767}, "InvalidParameterValue"),
    ("protocol -1", {"Protocol": -1}, "InvalidParameterValue"),
    ("protocol 0", {"Protocol": 0}, None),
    ("protocol 255", {"Protocol": 255}, None),
    ("protocol 256", {"Protocol": 256}, "InvalidParameterValue"),
    ("ports 0-65535", {"Protocol": 6, "SourcePortRange": {"FromPort": 0, "ToPort": 65535}}, None),
    (
        "port 65536",
        {"Protocol": 6, "SourcePortRange": {"FromPort": 0, "ToPort": 65536}},
        "InvalidParameterValue",
    ),
    (
        "port -1",
        {"Protocol": 17, "DestinationPortRange": {"FromPort": -1, "ToPort": 5}},
        "InvalidParameterValue",
    ),
    (
        "from above to",
        {"Protocol": 6, "DestinationPortRange": {"FromPort": 9, "ToPort": 8}},
        "InvalidParameterValue",
    ),
    ("no to port", {"Protocol": 6, "DestinationPortRange": {"FromPort": 9}}, "MissingParameter"),
    (
        "ports without protocol",
        {"DestinationPortRange": {"FromPort": 1, "ToPort": 2}},
        "InvalidParameterValue",
    ),
    (
        "ports of ICMP",
        {"Protocol": 1, "DestinationPortRange": {"FromPort": 1, "ToPort": 2}},
        "InvalidParameterValue",
    ),
    ("direction", {"TrafficDirection": "both"}, "InvalidParameterValue"),
    ("action", {"RuleAction": "drop"}, "InvalidParameterValue"),
    ("IPv6 blocks", {"SourceCidrBlock": "::/0", "DestinationCidrBlock": "2001:db8::/32"}, None),
    ("mixed families", {"SourceCidrBlock": "::/0"}, "InvalidParameterValue"),
    ("not a block", {"DestinationCidrBlock": "10.0.0.0/33"}, "InvalidParameterValue"),
    ("host bits set", {"DestinationCidrBlock": "10.0.0.1/8"}, "InvalidParameterValue"),
    ("no prefix", {"DestinationCidrBlock": "10.0.0.1"}, "InvalidParameterValue"),
    ("missing block", {"SourceCidrBlock": None}, "MissingParameter"),
    ("missing number", {"RuleNumber": None}, "MissingParameter"),
    ("missing direction", {"TrafficDirection": None}, "MissingParameter"),
]


@pytest.mark.parametrize(("case", "overrides", "code"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_create_rule_checks_its_fields(
    env: Env, case: str, overrides: dict[str, Any], code: str | None
) -> None:
    filter_id = new_filter(env.client())
    params: dict[str, Any] = {"TrafficMirrorFilterId": filter_id, **RULE_SPEC, **overrides}
    params = {key: value for key, value in params.items() if value is not None}
    call: Callable[[], Any] = lambda: env.call_raw("create_traffic_mirror_filter_rule", **params)  # noqa: E731
    if code is None:
        item = call()["TrafficMirrorFilterRule"]
        for key, value in overrides.items():
            assert item[key] == value, case
    else:
        assert error_of(call) == (code, 400), case
        assert rule_ids(env.client()) == []


def test_one_rule_per_direction_and_number_and_ten_per_filter(ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    new_rule(ec2, filter_id, RuleNumber=1)
    same = lambda: new_rule(ec2, filter_id, RuleNumber=1)  # noqa: E731
    assert error_of(same) == ("TrafficMirrorFilterRuleAlreadyExists", 400)
    new_rule(ec2, filter_id, RuleNumber=1, TrafficDirection="egress")
    for number in range(2, 10):
        new_rule(ec2, filter_id, RuleNumber=number)
    eleventh = lambda: new_rule(ec2, filter_id, RuleNumber=10)  # noqa: E731
    assert error_of(eleventh) == ("TrafficMirrorFilterRuleLimitExceeded", 400)
    assert len(rule_ids(ec2, TrafficMirrorFilterId=filter_id)) == 10
    other = new_filter(ec2)
    new_rule(ec2, other)  # the limit is per filter
    unknown = lambda: new_rule(ec2, "tmf-00000000000000000")  # noqa: E731
    assert error_of(unknown) == ("InvalidTrafficMirrorFilterId.NotFound", 400)


# ---------------------------------------------------------------- rules: modify and delete


def test_modify_rule_sets_and_removes_fields(ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    rule = new_rule(
        ec2,
        filter_id,
        Protocol=6,
        SourcePortRange={"FromPort": 1, "ToPort": 2},
        DestinationPortRange={"FromPort": 443, "ToPort": 443},
        Description="tls",
    )
    changed = ec2.modify_traffic_mirror_filter_rule(
        TrafficMirrorFilterRuleId=rid(rule),
        TrafficDirection="egress",
        RuleNumber=7,
        RuleAction="reject",
        DestinationCidrBlock="192.168.0.0/16",
        SourceCidrBlock="172.16.0.0/12",
        DestinationPortRange={"FromPort": 80, "ToPort": 81},
    )["TrafficMirrorFilterRule"]
    assert {key: changed.get(key) for key in ("TrafficDirection", "RuleNumber", "RuleAction")} == {
        "TrafficDirection": "egress",
        "RuleNumber": 7,
        "RuleAction": "reject",
    }
    assert changed.get("DestinationPortRange") == {"FromPort": 80, "ToPort": 81}
    assert the_filter(ec2, filter_id)["EgressFilterRules"] == [dict(changed)]
    removed = ec2.modify_traffic_mirror_filter_rule(
        TrafficMirrorFilterRuleId=rid(rule),
        RemoveFields=["destination-port-range", "source-port-range", "protocol", "description"],
    )["TrafficMirrorFilterRule"]
    assert not {"DestinationPortRange", "SourcePortRange", "Protocol", "Description"} & set(removed)
    listed = ec2.describe_traffic_mirror_filter_rules(TrafficMirrorFilterRuleIds=[rid(rule)])
    assert [dict(r) for r in listed["TrafficMirrorFilterRules"]] == [dict(removed)]


MODIFY_CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "set and remove",
        {"Description": "x", "RemoveFields": ["description"]},
        "InvalidParameterCombination",
    ),
    ("unknown field", {"RemoveFields": ["rule-number"]}, "InvalidParameterValue"),
    ("protocol away from ports", {"RemoveFields": ["protocol"]}, "InvalidParameterValue"),
    ("protocol without ports", {"Protocol": 1}, "InvalidParameterValue"),
    ("a taken place", {"RuleNumber": 2}, "TrafficMirrorFilterRuleAlreadyExists"),
    ("mixed families", {"SourceCidrBlock": "::/0"}, "InvalidParameterValue"),
    ("rule number", {"RuleNumber": 40000}, "InvalidParameterValue"),
    ("direction", {"TrafficDirection": "sideways"}, "InvalidParameterValue"),
]


@pytest.mark.parametrize(("case", "params", "code"), MODIFY_CASES, ids=[c[0] for c in MODIFY_CASES])
def test_modify_rule_refusals_change_nothing(
    env: Env, case: str, params: dict[str, Any], code: str
) -> None:
    ec2 = env.client()
    filter_id = new_filter(ec2)
    rule = new_rule(ec2, filter_id, Protocol=6, SourcePortRange={"FromPort": 1, "ToPort": 2})
    new_rule(ec2, filter_id, RuleNumber=2)
    call = lambda: env.call_raw(  # noqa: E731
        "modify_traffic_mirror_filter_rule", TrafficMirrorFilterRuleId=rid(rule), **params
    )
    assert error_of(call) == (code, 400), case
    listed = ec2.describe_traffic_mirror_filter_rules(TrafficMirrorFilterRuleIds=[rid(rule)])
    assert [dict(r) for r in listed["TrafficMirrorFilterRules"]] == [rule]


def test_modify_and_delete_rule_of_unknown_ids(ec2: EC2Client) -> None:
    unknown = "tmfr-00000000000000000"
    modify = lambda: ec2.modify_traffic_mirror_filter_rule(  # noqa: E731
        TrafficMirrorFilterRuleId=unknown, RuleNumber=2
    )
    delete = lambda: ec2.delete_traffic_mirror_filter_rule(TrafficMirrorFilterRuleId=unknown)  # noqa: E731
    assert error_of(modify) == ("InvalidTrafficMirrorFilterRuleId.NotFound", 400)
    assert error_of(delete) == ("InvalidTrafficMirrorFilterRuleId.NotFound", 400)
    malformed = lambda: ec2.delete_traffic_mirror_filter_rule(  # noqa: E731
        TrafficMirrorFilterRuleId="tmf-00000000000000000"
    )
    assert error_of(malformed) == ("InvalidTrafficMirrorFilterRuleId.Malformed", 400)


def test_delete_rule_frees_its_place(ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    rule = new_rule(ec2, filter_id)
    answer = ec2.delete_traffic_mirror_filter_rule(TrafficMirrorFilterRuleId=rid(rule))
    assert rid(answer) == rid(rule)
    assert the_filter(ec2, filter_id)["IngressFilterRules"] == []
    new_rule(ec2, filter_id)  # the same direction and number again


# ---------------------------------------------------------------- rules: describe


@pytest.fixture
def rules(env: Env) -> list[str]:
    """Four rules over two filters that differ in every filterable member."""
    ec2 = env.client()
    first, second = new_filter(ec2), new_filter(ec2)
    return [
        rid(new_rule(ec2, first, RuleNumber=10, Protocol=6, Description="web *tls*")),
        rid(new_rule(ec2, first, TrafficDirection="egress", RuleNumber=20, RuleAction="reject")),
        rid(
            new_rule(
                ec2,
                second,
                RuleNumber=10,
                Protocol=17,
                SourceCidrBlock="10.1.0.0/16",
                DestinationCidrBlock="10.2.0.0/16",
                Description="dns",
            )
        ),
        rid(
            new_rule(
                ec2, second, RuleNumber=30, SourceCidrBlock="::/0", DestinationCidrBlock="::/0"
            )
        ),
    ]


RULE_FILTER_CASES: list[tuple[str, list[str], list[int]]] = [
    ("description", ["web*"], [0]),
    ("description", ["*\\*tls\\*"], [0]),
    ("description", ["dn?"], [2]),
    ("destination-cidr-block", ["10.2.0.0/16"], [2]),
    ("destination-cidr-block", ["10.*"], [0, 1, 2]),
    ("protocol", ["6", "17"], [0, 2]),
    ("protocol", ["06"], [0]),
    ("rule-action", ["reject"], [1]),
    ("rule-number", ["10"], [0, 2]),
    ("rule-number", ["20", "30"], [1, 3]),
    ("source-cidr-block", ["::/0"], [3]),
    ("traffic-direction", ["egress"], [1]),
    ("traffic-direction", ["ingress"], [0, 2, 3]),
]


@pytest.mark.parametrize(("name", "values", "expected"), RULE_FILTER_CASES)
def test_each_rule_filter_matches_as_aws_does(
    ec2: EC2Client, rules: list[str], name: str, values: list[str], expected: list[int]
) -> None:
    assert rule_ids(ec2, [{"Name": name, "Values": values}]) == [rules[i] for i in expected]


def test_rule_ids_filter_ids_and_the_filter_parameter(ec2: EC2Client, rules: list[str]) -> None:
    by_rule: list[FilterTypeDef] = [
        {"Name": "traffic-mirror-filter-rule-id", "Values": [rules[3], rules[1]]}
    ]
    assert rule_ids(ec2, by_rule) == [rules[1], rules[3]]
    owner = ec2.describe_traffic_mirror_filter_rules(TrafficMirrorFilterRuleIds=[rules[2]])
    second = fid(owner["TrafficMirrorFilterRules"][0])
    by_filter: list[FilterTypeDef] = [{"Name": "traffic-mirror-filter-id", "Values": [second]}]
    assert rule_ids(ec2, by_filter) == rules[2:]
    assert rule_ids(ec2, TrafficMirrorFilterId=second) == rules[2:]
    narrowed: list[FilterTypeDef] = [{"Name": "rule-number", "Values": ["10"]}]
    assert rule_ids(ec2, narrowed, TrafficMirrorFilterId=second) == [rules[2]]
    assert rule_ids(ec2, TrafficMirrorFilterRuleIds=[rules[0]], TrafficMirrorFilterId=second) == []
    missing = lambda: rule_ids(ec2, TrafficMirrorFilterId="tmf-00000000000000000")  # noqa: E731
    assert error_of(missing) == ("InvalidTrafficMirrorFilterId.NotFound", 400)
    unknown_rule = lambda: rule_ids(  # noqa: E731
        ec2, TrafficMirrorFilterRuleIds=[rules[0], "tmfr-00000000000000000"]
    )
    assert error_of(unknown_rule) == ("InvalidTrafficMirrorFilterRuleId.NotFound", 400)
    unknown_name = lambda: rule_ids(ec2, [{"Name": "port", "Values": ["1"]}])  # noqa: E731
    assert error_of(unknown_name) == ("InvalidParameterValue", 400)
    not_a_number = lambda: rule_ids(ec2, [{"Name": "rule-number", "Values": ["1*"]}])  # noqa: E731
    assert error_of(not_a_number) == ("InvalidParameterValue", 400)


def test_rules_page_by_hand_with_next_token(env: Env, ec2: EC2Client) -> None:
    specs: list[FilterRuleSpec] = [
        {**RULE_SPEC, "RuleNumber": number, "TrafficDirection": direction}
        for number in (1, 2, 3)
        for direction in ("ingress", "egress")
    ]
    env.fake.seed_filters(3, rules=specs)  # 18 rules
    every = rule_ids(ec2)
    assert len(every) == 18
    items, sizes = page_through(
        ec2.describe_traffic_mirror_filter_rules, "TrafficMirrorFilterRules", 5
    )
    assert (sizes, [rid(i) for i in items]) == ([5, 5, 5, 3], every)
    egress: list[FilterTypeDef] = [{"Name": "traffic-direction", "Values": ["egress"]}]
    paged, sizes = page_through(
        ec2.describe_traffic_mirror_filter_rules, "TrafficMirrorFilterRules", 5, Filters=egress
    )
    assert (sizes, [rid(i) for i in paged]) == ([5, 4], rule_ids(ec2, egress))
    token = token_of(ec2.describe_traffic_mirror_filter_rules(MaxResults=5))
    other_query = lambda: ec2.describe_traffic_mirror_filter_rules(  # noqa: E731
        MaxResults=5, NextToken=token, Filters=egress
    )
    assert error_of(other_query) == ("InvalidNextToken", 400)


# ---------------------------------------------------------------- dry run and faults


def test_dry_run_changes_no_filter_or_rule(env: Env, ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    rule = new_rule(ec2, filter_id)
    before = the_filter(ec2, filter_id)
    calls: list[Callable[[], object]] = [
        lambda: ec2.describe_traffic_mirror_filters(DryRun=True),
        lambda: ec2.describe_traffic_mirror_filter_rules(DryRun=True),
        lambda: ec2.create_traffic_mirror_filter(DryRun=True),
        lambda: new_rule(ec2, filter_id, RuleNumber=5, DryRun=True),
        lambda: ec2.modify_traffic_mirror_filter_rule(
            TrafficMirrorFilterRuleId=rid(rule), RuleNumber=9, DryRun=True
        ),
        lambda: ec2.delete_traffic_mirror_filter_rule(
            TrafficMirrorFilterRuleId=rid(rule), DryRun=True
        ),
        lambda: ec2.delete_traffic_mirror_filter(TrafficMirrorFilterId=filter_id, DryRun=True),
    ]
    for call in calls:
        assert error_of(call) == ("DryRunOperation", 412)
    assert [fid(f) for f in ec2.describe_traffic_mirror_filters()["TrafficMirrorFilters"]] == [
        filter_id
    ]
    assert the_filter(ec2, filter_id) == before


def test_serve_invalid_item_changes_a_rule_wherever_it_is_served(env: Env, ec2: EC2Client) -> None:
    filter_id = new_filter(ec2)
    rule = new_rule(ec2, filter_id)
    env.fake.serve_invalid_item(rid(rule), RuleNumber=0, RuleAction=None)
    [listed] = ec2.describe_traffic_mirror_filter_rules()["TrafficMirrorFilterRules"]
    [nested] = the_filter(ec2, filter_id)["IngressFilterRules"]
    for item in (dict(listed), nested):
        assert item["RuleNumber"] == 0
        assert "RuleAction" not in item
    assert rule_ids(ec2, [{"Name": "rule-number", "Values": ["100"]}]) == [rid(rule)]
    env.fake.fail_page(0, status=503, code="Unavailable")
    assert error_of(lambda: rule_ids(ec2)) == ("Unavailable", 503)
