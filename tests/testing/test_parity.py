"""Parity of the session calls: plain boto3 inside the fake sees what AWS answers.

Both transports (in-process and HTTP). The network interfaces, targets and
filters the sessions name exist (seeded before each test), as AWS requires.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import FilterTypeDef, TagTypeDef

from ._support import RETRYING, Env, error_of, token_of

ACCOUNT = "123456789012"
ENI = "eni-0123456789abcdef0"
TARGET = "tmt-0123456789abcdef0"
FILTER = "tmf-0123456789abcdef0"
SOURCES = (ENI, "eni-aaaaaaaaaaaaaaaaa", "eni-bbbbbbbbbbbbbbbbb", "eni-ccccccccccccccccc")
TARGETS = (TARGET, "tmt-aaaaaaaaaaaaaaaaa", "tmt-bbbbbbbbbbbbbbbbb", "tmt-fffffffffffffffff")
FILTERS = (FILTER, "tmf-aaaaaaaaaaaaaaaaa", "tmf-bbbbbbbbbbbbbbbbb", "tmf-ccccccccccccccccc")
REQUIRED: dict[str, object] = {
    "NetworkInterfaceId": ENI,
    "TrafficMirrorTargetId": TARGET,
    "TrafficMirrorFilterId": FILTER,
    "SessionNumber": 1,
}


@pytest.fixture(autouse=True)
def _known_resources(env: Env) -> None:
    """The interfaces, targets and filters these tests name, made before each test."""
    env.fake.seed_network_interfaces(len(SOURCES), ids=SOURCES)
    env.fake.seed_targets(len(TARGETS), ids=TARGETS)
    env.fake.seed_filters(len(FILTERS), ids=FILTERS)


def sid(item: Mapping[str, Any]) -> str:
    """The session id of a response item."""
    return str(item["TrafficMirrorSessionId"])


def create(ec2: EC2Client, **overrides: Any) -> dict[str, Any]:
    """Create a session with these members over valid defaults; returns the item."""
    params: dict[str, Any] = {**REQUIRED, **overrides}
    item: dict[str, Any] = dict(ec2.create_traffic_mirror_session(**params)["TrafficMirrorSession"])
    return item


def ids_of(ec2: EC2Client, filters: Sequence[FilterTypeDef] = (), **params: Any) -> list[str]:
    """The ids one describe call answers."""
    response = ec2.describe_traffic_mirror_sessions(Filters=list(filters), **params)
    return [sid(item) for item in response["TrafficMirrorSessions"]]


def all_ids(ec2: EC2Client) -> list[str]:
    """Every session id, through botocore's paginator."""
    paginator = ec2.get_paginator("describe_traffic_mirror_sessions")
    return [
        sid(item)
        for page in paginator.paginate(PaginationConfig={"PageSize": 1000})
        for item in page["TrafficMirrorSessions"]
    ]


# ---------------------------------------------------------------- paging


def test_pages_follow_a_stable_order_with_next_token(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(23)
    seen: list[str] = []
    sizes: list[int] = []
    token: str | None = None
    while True:
        kwargs: dict[str, Any] = {"MaxResults": 5}
        if token:
            kwargs["NextToken"] = token
        response = ec2.describe_traffic_mirror_sessions(**kwargs)
        sizes.append(len(response["TrafficMirrorSessions"]))
        seen += [sid(item) for item in response["TrafficMirrorSessions"]]
        token = response.get("NextToken")
        if not token:
            break
    assert sizes == [5, 5, 5, 5, 3]
    assert seen == seeded


def test_botocore_paginator_sees_every_session_once(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(12)
    paginator = ec2.get_paginator("describe_traffic_mirror_sessions")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 5}))
    assert [len(page["TrafficMirrorSessions"]) for page in pages] == [5, 5, 2]
    assert [sid(i) for p in pages for i in p["TrafficMirrorSessions"]] == seeded


def test_starting_token_resumes_and_a_token_can_be_sent_again(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(15)
    first = ec2.describe_traffic_mirror_sessions(MaxResults=5)
    token = token_of(first)
    again = [ids_of(ec2, MaxResults=5, NextToken=token) for _ in range(2)]
    assert again[0] == again[1] == seeded[5:10]
    paginator = ec2.get_paginator("describe_traffic_mirror_sessions")
    resumed = paginator.paginate(
        PaginationConfig={"PageSize": 5, "MaxItems": 7}
    ).build_full_result()
    rest = paginator.paginate(
        PaginationConfig={"PageSize": 5, "StartingToken": token_of(resumed)}
    ).build_full_result()
    got = [sid(i) for i in resumed["TrafficMirrorSessions"]]
    got += [sid(i) for i in rest["TrafficMirrorSessions"]]
    assert got == seeded


def test_new_sessions_show_up_on_later_pages_and_deletes_shift_nothing(
    env: Env, ec2: EC2Client
) -> None:
    seeded = env.fake.seed_sessions(10)
    first = ec2.describe_traffic_mirror_sessions(MaxResults=5)
    ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=seeded[4])
    ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=seeded[6])
    added = create(ec2)["TrafficMirrorSessionId"]
    rest = ids_of(ec2, MaxResults=5, NextToken=token_of(first))
    assert rest == [seeded[5], *seeded[7:10], added]


def test_no_max_results_answers_everything_in_one_page(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(30)
    response = ec2.describe_traffic_mirror_sessions()
    assert "NextToken" not in response
    assert [sid(i) for i in response["TrafficMirrorSessions"]] == seeded


@pytest.mark.parametrize("max_results", [5, 1000])
def test_max_results_at_the_edges_is_accepted(env: Env, max_results: int) -> None:
    env.fake.seed_sessions(6)
    response = env.call_raw("describe_traffic_mirror_sessions", MaxResults=max_results)
    assert len(response["TrafficMirrorSessions"]) == min(6, max_results)


@pytest.mark.parametrize("max_results", [0, 4, 1001])
def test_max_results_out_of_range_is_invalid(env: Env, max_results: int) -> None:
    code = error_of(
        lambda: env.call_raw("describe_traffic_mirror_sessions", MaxResults=max_results)
    )
    assert code == ("InvalidParameterValue", 400)


def test_a_token_never_issued_is_invalid(ec2: EC2Client) -> None:
    call = lambda: ec2.describe_traffic_mirror_sessions(MaxResults=5, NextToken="bogus")  # noqa: E731
    assert error_of(call) == ("InvalidNextToken", 400)


def test_a_token_from_another_query_is_invalid(env: Env, ec2: EC2Client) -> None:
    env.fake.seed_sessions(12)
    token = token_of(ec2.describe_traffic_mirror_sessions(MaxResults=5))
    other: list[FilterTypeDef] = [{"Name": "session-number", "Values": ["1"]}]
    call = lambda: ec2.describe_traffic_mirror_sessions(  # noqa: E731
        MaxResults=5, NextToken=token, Filters=other
    )
    assert error_of(call) == ("InvalidNextToken", 400)


def test_a_token_from_another_fake_is_invalid(env: Env, ec2: EC2Client) -> None:
    env.fake.seed_sessions(12)
    token = token_of(ec2.describe_traffic_mirror_sessions(MaxResults=5))
    env.fake._tokens.clear()  # pyright: ignore[reportPrivateUsage]  # as a fresh fake has them
    call = lambda: ec2.describe_traffic_mirror_sessions(MaxResults=5, NextToken=token)  # noqa: E731
    assert error_of(call) == ("InvalidNextToken", 400)


# ---------------------------------------------------------------- filters


@pytest.fixture
def trio(ec2: EC2Client) -> list[dict[str, Any]]:
    """Three sessions that differ in every filterable member."""
    return [
        create(
            ec2,
            NetworkInterfaceId="eni-aaaaaaaaaaaaaaaaa",
            TrafficMirrorTargetId="tmt-aaaaaaaaaaaaaaaaa",
            TrafficMirrorFilterId="tmf-aaaaaaaaaaaaaaaaa",
            SessionNumber=1,
            PacketLength=100,
            VirtualNetworkId=7,
            Description="web-1 *star*",
        ),
        create(
            ec2,
            NetworkInterfaceId="eni-bbbbbbbbbbbbbbbbb",
            TrafficMirrorTargetId="tmt-bbbbbbbbbbbbbbbbb",
            TrafficMirrorFilterId="tmf-bbbbbbbbbbbbbbbbb",
            SessionNumber=2,
            PacketLength=8500,
            VirtualNetworkId=16777215,
            Description="web-22",
        ),
        create(
            ec2,
            NetworkInterfaceId="eni-ccccccccccccccccc",
            TrafficMirrorTargetId="tmt-aaaaaaaaaaaaaaaaa",
            TrafficMirrorFilterId="tmf-ccccccccccccccccc",
            SessionNumber=10,
            VirtualNetworkId=0,
        ),
    ]


FILTER_CASES: list[tuple[str, list[str], list[int]]] = [
    ("description", ["web-22"], [1]),
    ("description", ["web-*"], [0, 1]),
    ("description", ["web-?"], []),
    ("description", ["web-??"], [1]),
    ("description", ["*\\*star\\*"], [0]),
    ("description", ["*\\*"], [0]),
    ("description", ["WEB-22"], []),
    ("network-interface-id", ["eni-bbbbbbbbbbbbbbbbb"], [1]),
    ("network-interface-id", ["eni-a*", "eni-c*"], [0, 2]),
    ("owner-id", [ACCOUNT], [0, 1, 2]),
    ("owner-id", ["111111111111"], []),
    ("packet-length", ["8500"], [1]),
    ("packet-length", ["100", "8500"], [0, 1]),
    ("packet-length", ["0100"], [0]),
    ("session-number", ["10"], [2]),
    ("session-number", ["1", "2"], [0, 1]),
    ("session-number", ["+2"], [1]),
    ("traffic-mirror-filter-id", ["tmf-ccccccccccccccccc"], [2]),
    ("traffic-mirror-target-id", ["tmt-aaaaaaaaaaaaaaaaa"], [0, 2]),
    ("virtual-network-id", ["0"], [2]),
    ("virtual-network-id", ["16777215", "7"], [0, 1]),
]


@pytest.mark.parametrize(("name", "values", "expected"), FILTER_CASES)
def test_each_filter_matches_as_aws_does(
    ec2: EC2Client,
    trio: list[dict[str, Any]],
    name: str,
    values: list[str],
    expected: list[int],
) -> None:
    got = ids_of(ec2, [{"Name": name, "Values": values}])
    assert got == [trio[i]["TrafficMirrorSessionId"] for i in expected]


def test_session_id_filter_and_ids_parameter(ec2: EC2Client, trio: list[dict[str, Any]]) -> None:
    first, _, third = (sid(item) for item in trio)
    wanted = [first, third, "tms-00000000000000000"]
    assert ids_of(ec2, [{"Name": "traffic-mirror-session-id", "Values": wanted}]) == [first, third]
    assert ids_of(ec2, TrafficMirrorSessionIds=[third, first]) == [first, third]


def test_filters_and_together_values_or(ec2: EC2Client, trio: list[dict[str, Any]]) -> None:
    filters: list[FilterTypeDef] = [
        {"Name": "traffic-mirror-target-id", "Values": ["tmt-aaaaaaaaaaaaaaaaa"]},
        {"Name": "session-number", "Values": ["10", "2"]},
    ]
    assert ids_of(ec2, filters) == [trio[2]["TrafficMirrorSessionId"]]
    with_ids = ids_of(ec2, filters, TrafficMirrorSessionIds=[trio[0]["TrafficMirrorSessionId"]])
    assert with_ids == []


def test_filters_work_with_paging(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(40)  # session numbers cycle 1, 2, 3
    filters: list[FilterTypeDef] = [{"Name": "session-number", "Values": ["2"]}]
    paginator = ec2.get_paginator("describe_traffic_mirror_sessions")
    pages = list(paginator.paginate(Filters=filters, PaginationConfig={"PageSize": 5}))
    got = [sid(i) for p in pages for i in p["TrafficMirrorSessions"]]
    assert got == seeded[1::3]
    assert [len(p["TrafficMirrorSessions"]) for p in pages] == [5, 5, 3]


def test_an_unknown_filter_name_is_invalid(ec2: EC2Client) -> None:
    call = lambda: ids_of(ec2, [{"Name": "state", "Values": ["x"]}])  # noqa: E731
    assert error_of(call) == ("InvalidParameterValue", 400)


def test_a_non_integer_value_of_an_integer_filter_is_invalid(ec2: EC2Client) -> None:
    call = lambda: ids_of(ec2, [{"Name": "packet-length", "Values": ["1*"]}])  # noqa: E731
    assert error_of(call) == ("InvalidParameterValue", 400)


def test_an_unknown_id_is_not_found(ec2: EC2Client, trio: list[dict[str, Any]]) -> None:
    known = trio[0]["TrafficMirrorSessionId"]
    call = lambda: ids_of(ec2, TrafficMirrorSessionIds=[known, "tms-00000000000000000"])  # noqa: E731
    assert error_of(call) == ("InvalidTrafficMirrorSessionId.NotFound", 400)
    malformed = lambda: ids_of(ec2, TrafficMirrorSessionIds=["eni-1"])  # noqa: E731
    assert error_of(malformed) == ("InvalidTrafficMirrorSessionId.Malformed", 400)


# ---------------------------------------------------------------- dry run and permissions


def test_dry_run_answers_dry_run_operation_and_changes_nothing(env: Env, ec2: EC2Client) -> None:
    item = create(ec2, Description="before")
    session_id = sid(item)
    calls: list[Callable[[], object]] = [
        lambda: ec2.describe_traffic_mirror_sessions(DryRun=True),
        lambda: create(ec2, DryRun=True),
        lambda: ec2.modify_traffic_mirror_session(
            TrafficMirrorSessionId=session_id, Description="after", DryRun=True
        ),
        lambda: ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id, DryRun=True),
    ]
    for call in calls:
        assert error_of(call) == ("DryRunOperation", 412)
    sessions = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert [dict(s) for s in sessions] == [item]


def test_deny_makes_every_session_operation_unauthorized(env: Env, ec2: EC2Client) -> None:
    session_id = create(ec2)["TrafficMirrorSessionId"]
    env.fake.deny()
    calls: list[Callable[[], object]] = [
        ec2.describe_traffic_mirror_sessions,
        lambda: ec2.describe_traffic_mirror_sessions(DryRun=True),
        lambda: create(ec2),
        lambda: ec2.modify_traffic_mirror_session(
            TrafficMirrorSessionId=session_id, Description="x"
        ),
        lambda: ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id),
    ]
    for call in calls:
        assert error_of(call) == ("UnauthorizedOperation", 403)
    env.fake.allow()
    assert ids_of(ec2) == [session_id]


def test_deny_some_operations_and_allow_back(env: Env, ec2: EC2Client) -> None:
    env.fake.deny("CreateTrafficMirrorSession", "DeleteTrafficMirrorSession")
    assert error_of(lambda: create(ec2)) == ("UnauthorizedOperation", 403)
    assert ids_of(ec2) == []
    env.fake.allow("CreateTrafficMirrorSession")
    session_id = create(ec2)["TrafficMirrorSessionId"]
    delete = lambda: ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id)  # noqa: E731
    assert error_of(delete) == ("UnauthorizedOperation", 403)
    env.fake.deny()
    env.fake.allow("DescribeTrafficMirrorSessions")
    assert ids_of(ec2) == [session_id]
    assert error_of(lambda: create(ec2)) == ("UnauthorizedOperation", 403)
    with pytest.raises(ValueError, match="unknown operation"):
        env.fake.deny("DescribeInstances")


# ---------------------------------------------------------------- create


def test_create_answers_the_session_with_its_tags(ec2: EC2Client) -> None:
    item = create(
        ec2,
        PacketLength=8500,
        VirtualNetworkId=16777215,
        Description="mirror",
        TagSpecifications=[
            {"ResourceType": "traffic-mirror-session", "Tags": [{"Key": "team", "Value": "net"}]}
        ],
    )
    assert sid(item).startswith("tms-")
    assert item["OwnerId"] == ACCOUNT
    assert (item["PacketLength"], item["VirtualNetworkId"]) == (8500, 16777215)
    assert item["Tags"] == [{"Key": "team", "Value": "net"}]
    described = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert [dict(s) for s in described] == [item]
    tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [sid(item)]}])
    assert [(t.get("Key"), t.get("Value")) for t in tags["Tags"]] == [("team", "net")]


def test_create_assigns_a_vni_when_none_is_given(ec2: EC2Client) -> None:
    vnis = [create(ec2, SessionNumber=n).get("VirtualNetworkId") for n in (1, 2, 3)]
    assert all(isinstance(v, int) and 0 <= v <= 16777215 for v in vnis)
    assert len(set(vnis)) == 3


@pytest.mark.parametrize(
    "member",
    ["NetworkInterfaceId", "TrafficMirrorTargetId", "TrafficMirrorFilterId", "SessionNumber"],
)
def test_create_requires_its_members(env: Env, member: str) -> None:
    params = dict(REQUIRED)
    del params[member]
    call: Callable[[], Any] = lambda: env.call_raw("create_traffic_mirror_session", **params)  # noqa: E731
    assert error_of(call) == ("MissingParameter", 400)


RANGE_CASES: list[tuple[str, int, bool]] = [
    ("SessionNumber", 0, False),
    ("SessionNumber", 1, True),
    ("SessionNumber", 32766, True),
    ("SessionNumber", 32767, False),
    ("PacketLength", 0, False),
    ("PacketLength", 1, True),
    ("PacketLength", 8500, True),
    ("PacketLength", 8501, False),
    ("VirtualNetworkId", -1, False),
    ("VirtualNetworkId", 0, True),
    ("VirtualNetworkId", 16777215, True),
    ("VirtualNetworkId", 16777216, False),
]


@pytest.mark.parametrize(("member", "value", "valid"), RANGE_CASES)
def test_create_checks_ranges(env: Env, member: str, value: int, valid: bool) -> None:
    params = {**REQUIRED, member: value}
    call: Callable[[], Any] = lambda: env.call_raw("create_traffic_mirror_session", **params)  # noqa: E731
    if valid:
        answer: Any = call()
        assert answer["TrafficMirrorSession"][member] == value
    else:
        assert error_of(call) == ("InvalidParameterValue", 400)
        assert env.client().describe_traffic_mirror_sessions()["TrafficMirrorSessions"] == []


def _tags(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in pairs]


TAG_CASES: list[tuple[str, list[dict[str, str]], str | None]] = [
    ("empty key", _tags(("", "v")), "InvalidParameterValue"),
    ("key of 127", _tags(("k" * 127, "v")), None),
    ("key of 128", _tags(("k" * 128, "v")), "InvalidParameterValue"),
    ("aws: key", _tags(("aws:x", "v")), "InvalidParameterValue"),
    ("AwS: key", _tags(("AwS:x", "v")), "InvalidParameterValue"),
    ("awsx key", _tags(("awsx", "v")), None),
    ("value of 256", _tags(("k", "v" * 256)), None),
    ("value of 257", _tags(("k", "v" * 257)), "InvalidParameterValue"),
    ("empty value", _tags(("k", "")), None),
    ("50 tags", _tags(*((f"k{i}", "v") for i in range(50))), None),
    ("51 tags", _tags(*((f"k{i}", "v") for i in range(51))), "TagLimitExceeded"),
    ("duplicate keys", _tags(("k", "1"), ("k", "2")), "InvalidParameterValue"),
]


@pytest.mark.parametrize(("case", "tags", "code"), TAG_CASES, ids=[c[0] for c in TAG_CASES])
def test_create_checks_tags(
    env: Env, case: str, tags: list[dict[str, str]], code: str | None
) -> None:
    spec = [{"ResourceType": "traffic-mirror-session", "Tags": tags}]
    call: Callable[[], Any] = lambda: env.call_raw(  # noqa: E731
        "create_traffic_mirror_session",
        **REQUIRED,
        TagSpecifications=spec,
    )
    if code is None:
        answer: Any = call()
        assert answer["TrafficMirrorSession"]["Tags"] == tags, case
    else:
        assert error_of(call) == (code, 400), case


def test_create_refuses_tags_for_another_resource_type(ec2: EC2Client) -> None:
    spec: Any = [{"ResourceType": "instance", "Tags": [{"Key": "k", "Value": "v"}]}]
    assert error_of(lambda: create(ec2, TagSpecifications=spec)) == ("InvalidParameterValue", 400)


def test_create_is_idempotent_with_a_client_token(ec2: EC2Client) -> None:
    first = create(ec2, ClientToken="token-1")
    assert create(ec2, ClientToken="token-1") == first
    mismatch = lambda: create(ec2, ClientToken="token-1", SessionNumber=2)  # noqa: E731
    assert error_of(mismatch) == ("IdempotentParameterMismatch", 400)
    assert ids_of(ec2) == [sid(first)]


# ---------------------------------------------------------------- modify and delete


def test_modify_sets_and_removes_fields(ec2: EC2Client) -> None:
    item = create(ec2, PacketLength=100, VirtualNetworkId=5, Description="d")
    session_id = sid(item)
    changed = ec2.modify_traffic_mirror_session(
        TrafficMirrorSessionId=session_id,
        TrafficMirrorTargetId="tmt-fffffffffffffffff",
        SessionNumber=9,
        PacketLength=200,
    )["TrafficMirrorSession"]
    assert (
        changed.get("TrafficMirrorTargetId"),
        changed.get("SessionNumber"),
        changed.get("PacketLength"),
    ) == (
        "tmt-fffffffffffffffff",
        9,
        200,
    )
    removed = ec2.modify_traffic_mirror_session(
        TrafficMirrorSessionId=session_id,
        RemoveFields=["packet-length", "description", "virtual-network-id"],
    )["TrafficMirrorSession"]
    assert not {"PacketLength", "Description", "VirtualNetworkId"} & set(removed)
    described = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"][0]
    assert dict(described) == dict(removed)


@pytest.mark.parametrize(("member", "value", "valid"), RANGE_CASES)
def test_modify_checks_ranges(env: Env, member: str, value: int, valid: bool) -> None:
    session_id = create(env.client())["TrafficMirrorSessionId"]
    call: Callable[[], Any] = lambda: env.call_raw(  # noqa: E731
        "modify_traffic_mirror_session", TrafficMirrorSessionId=session_id, **{member: value}
    )
    if valid:
        answer: Any = call()
        assert answer["TrafficMirrorSession"][member] == value
    else:
        assert error_of(call) == ("InvalidParameterValue", 400)


def test_modify_refuses_an_unknown_remove_field(env: Env, ec2: EC2Client) -> None:
    session_id = create(ec2)["TrafficMirrorSessionId"]
    call: Callable[[], Any] = lambda: env.call_raw(  # noqa: E731
        "modify_traffic_mirror_session",
        TrafficMirrorSessionId=session_id,
        RemoveFields=["owner-id"],
    )
    assert error_of(call) == ("InvalidParameterValue", 400)


def test_modify_and_delete_of_an_unknown_id_are_not_found(ec2: EC2Client) -> None:
    unknown = "tms-00000000000000000"
    modify = lambda: ec2.modify_traffic_mirror_session(  # noqa: E731
        TrafficMirrorSessionId=unknown, SessionNumber=2
    )
    delete = lambda: ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=unknown)  # noqa: E731
    assert error_of(modify) == ("InvalidTrafficMirrorSessionId.NotFound", 400)
    assert error_of(delete) == ("InvalidTrafficMirrorSessionId.NotFound", 400)


def test_delete_removes_the_session_and_its_tags(ec2: EC2Client) -> None:
    spec: Any = [{"ResourceType": "traffic-mirror-session", "Tags": [{"Key": "k", "Value": "v"}]}]
    session_id = create(ec2, TagSpecifications=spec)["TrafficMirrorSessionId"]
    answer = ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id)
    assert sid(answer) == session_id
    assert ids_of(ec2) == []
    tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [session_id]}])["Tags"]
    assert tags == []
    again = lambda: ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id)  # noqa: E731
    assert error_of(again) == ("InvalidTrafficMirrorSessionId.NotFound", 400)


# ---------------------------------------------------------------- tags


def test_create_tags_and_delete_tags_on_sessions(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(2, tags={"env": "test"})
    ec2.create_tags(Resources=seeded, Tags=[{"Key": "owner", "Value": "me"}])
    ec2.delete_tags(Resources=[seeded[0]], Tags=[{"Key": "env"}])
    items = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert [i.get("Tags") for i in items] == [
        [{"Key": "owner", "Value": "me"}],
        [{"Key": "env", "Value": "test"}, {"Key": "owner", "Value": "me"}],
    ]
    tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [seeded[1]]}])["Tags"]
    assert sorted((t.get("Key"), t.get("Value")) for t in tags) == [
        ("env", "test"),
        ("owner", "me"),
    ]
    assert {t.get("ResourceType") for t in tags} == {"traffic-mirror-session"}


def test_create_tags_checks_session_ids_and_tag_rules(env: Env, ec2: EC2Client) -> None:
    [session_id] = env.fake.seed_sessions(1, tags_per_session=49)
    unknown = lambda: ec2.create_tags(  # noqa: E731
        Resources=["tms-00000000000000000"], Tags=[{"Key": "k", "Value": "v"}]
    )
    reserved = lambda: ec2.create_tags(  # noqa: E731
        Resources=[session_id], Tags=[{"Key": "aws:k", "Value": "v"}]
    )
    too_many = lambda: ec2.create_tags(  # noqa: E731
        Resources=[session_id], Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    )
    assert error_of(unknown) == ("InvalidTrafficMirrorSessionId.NotFound", 400)
    assert error_of(reserved) == ("InvalidParameterValue", 400)
    assert error_of(too_many) == ("TagLimitExceeded", 400)
    ec2.create_tags(Resources=[session_id], Tags=[{"Key": "seed-0", "Value": "replaced"}])
    ec2.create_tags(Resources=[session_id], Tags=[{"Key": "fiftieth", "Value": "ok"}])
    item = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"][0]
    assert len(item.get("Tags", [])) == 50


def test_tag_calls_on_sessions_answer_dry_run_deny_throttle_and_are_counted(
    env: Env, ec2: EC2Client
) -> None:
    [session_id] = env.fake.seed_sessions(1, tags={"env": "test"})
    env.fake.reset_call_counts()
    tag: list[TagTypeDef] = [{"Key": "owner", "Value": "me"}]
    dry = lambda: ec2.create_tags(Resources=[session_id], Tags=tag, DryRun=True)  # noqa: E731
    assert error_of(dry) == ("DryRunOperation", 412)
    dry_delete = lambda: ec2.delete_tags(  # noqa: E731
        Resources=[session_id], Tags=[{"Key": "env"}], DryRun=True
    )
    assert error_of(dry_delete) == ("DryRunOperation", 412)
    env.fake.deny("CreateTags")
    denied = lambda: ec2.create_tags(Resources=[session_id], Tags=tag)  # noqa: E731
    assert error_of(denied) == ("UnauthorizedOperation", 403)
    ec2.delete_tags(Resources=[session_id], Tags=[{"Key": "env"}])  # not denied
    env.fake.allow()
    env.fake.deny()  # everything, tag calls on sessions included
    assert error_of(denied) == ("UnauthorizedOperation", 403)
    env.fake.allow()
    env.fake.throttle(1)
    assert error_of(denied) == ("RequestLimitExceeded", 503)
    ec2.create_tags(Resources=[session_id], Tags=tag)
    assert env.fake.call_count("CreateTags") == 5
    assert env.fake.call_count("DeleteTags") == 2
    assert env.fake.call_count() == 0  # the session operations only
    item = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"][0]
    assert item.get("Tags") == tag  # only the real calls changed anything
    with pytest.raises(ValueError, match="unknown operation"):
        env.fake.deny("RunInstances")


# ---------------------------------------------------------------- faults


def test_throttle_answers_request_limit_exceeded_with_503(env: Env, ec2: EC2Client) -> None:
    env.fake.throttle(2)
    assert error_of(lambda: ids_of(ec2)) == ("RequestLimitExceeded", 503)
    assert error_of(lambda: create(ec2)) == ("RequestLimitExceeded", 503)
    assert ids_of(ec2) == []
    assert env.fake.call_count() == 3


@pytest.mark.usefixtures("no_backoff")
def test_botocore_retries_through_throttling(env: Env) -> None:
    env.fake.seed_sessions(3)
    env.fake.throttle(3)
    client = env.client(RETRYING)
    assert len(ids_of(client)) == 3
    assert env.fake.call_count("DescribeTrafficMirrorSessions") == 4
    env.fake.throttle(4)
    assert error_of(lambda: ids_of(client)) == ("RequestLimitExceeded", 503)


def test_fail_page_fails_the_chosen_page_the_chosen_times(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(15)
    env.fake.fail_page(1, times=2)
    first = ec2.describe_traffic_mirror_sessions(MaxResults=5)
    second: Callable[[], list[str]] = lambda: ids_of(ec2, MaxResults=5, NextToken=token_of(first))  # noqa: E731
    assert error_of(second) == ("InternalError", 500)
    assert error_of(second) == ("InternalError", 500)
    assert second() == seeded[5:10]
    env.fake.fail_page(0, status=503, code="Unavailable")
    assert error_of(lambda: ids_of(ec2)) == ("Unavailable", 503)


@pytest.mark.usefixtures("no_backoff")
def test_botocore_retries_a_failed_page(env: Env) -> None:
    seeded = env.fake.seed_sessions(12)
    env.fake.fail_page(2, times=1)
    paginator = env.client(RETRYING).get_paginator("describe_traffic_mirror_sessions")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 5}))
    assert [sid(i) for p in pages for i in p["TrafficMirrorSessions"]] == seeded
    assert env.fake.call_count("DescribeTrafficMirrorSessions") == 4


def test_serve_invalid_item_overrides_and_removes_members(env: Env, ec2: EC2Client) -> None:
    seeded = env.fake.seed_sessions(3)
    env.fake.serve_invalid_item(seeded[1], SessionNumber=0, Description=None, PacketLength=9000)
    items = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]
    assert items[1].get("SessionNumber") == 0
    assert items[1].get("PacketLength") == 9000
    assert "Description" not in items[1]
    assert items[0].get("SessionNumber") == 1
    assert "Description" in items[0]
    # filters still see the stored session
    assert ids_of(ec2, [{"Name": "session-number", "Values": ["2"]}]) == [seeded[1]]
    env.fake.reset_faults()
    assert (
        ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"][1].get("SessionNumber") == 2
    )


def test_call_count_counts_requests_per_operation(env: Env, ec2: EC2Client) -> None:
    session_id = create(ec2)["TrafficMirrorSessionId"]
    ids_of(ec2)
    ids_of(ec2)
    ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=session_id)
    assert env.fake.call_count("DescribeTrafficMirrorSessions") == 2
    assert env.fake.call_count("CreateTrafficMirrorSession") == 1
    assert env.fake.call_count("ModifyTrafficMirrorSession") == 0
    assert env.fake.call_count() == 4
    env.fake.reset_call_counts()
    assert env.fake.call_count() == 0


def test_regions_are_separate(env: Env) -> None:
    [west] = env.fake.seed_sessions(1, region="eu-west-1")
    assert ids_of(env.client(region="us-east-1")) == []
    assert ids_of(env.client(region="eu-west-1")) == [west]


# ---------------------------------------------------------------- what sessions refer to

UNKNOWN_ENI = "eni-00000000000000000"
UNKNOWN_TARGET = "tmt-00000000000000000"
UNKNOWN_FILTER = "tmf-00000000000000000"

REFERENCE_CASES: list[tuple[str, str, str]] = [
    ("NetworkInterfaceId", UNKNOWN_ENI, "InvalidNetworkInterfaceID.NotFound"),
    ("NetworkInterfaceId", "i-0123456789abcdef0", "InvalidNetworkInterfaceId.Malformed"),
    ("TrafficMirrorTargetId", UNKNOWN_TARGET, "InvalidTrafficMirrorTargetId.NotFound"),
    ("TrafficMirrorTargetId", FILTER, "InvalidTrafficMirrorTargetId.Malformed"),
    ("TrafficMirrorFilterId", UNKNOWN_FILTER, "InvalidTrafficMirrorFilterId.NotFound"),
    ("TrafficMirrorFilterId", TARGET, "InvalidTrafficMirrorFilterId.Malformed"),
]


@pytest.mark.parametrize(("member", "value", "code"), REFERENCE_CASES)
def test_create_refuses_what_does_not_exist(
    ec2: EC2Client, member: str, value: str, code: str
) -> None:
    assert error_of(lambda: create(ec2, **{member: value})) == (code, 400)
    assert ids_of(ec2) == []


@pytest.mark.parametrize(("member", "value", "code"), REFERENCE_CASES[2:])
def test_modify_refuses_a_target_or_filter_that_does_not_exist(
    env: Env, ec2: EC2Client, member: str, value: str, code: str
) -> None:
    item = create(ec2)
    call: Callable[[], object] = lambda: env.call_raw(  # noqa: E731
        "modify_traffic_mirror_session", TrafficMirrorSessionId=sid(item), **{member: value}
    )
    assert error_of(call) == (code, 400)
    assert [dict(s) for s in ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"]] == [
        item
    ]


def test_an_interface_cannot_mirror_to_itself(env: Env, ec2: EC2Client) -> None:
    [own_target] = env.fake.seed_targets(1, network_interface_ids=[ENI])
    to_itself = lambda: create(ec2, TrafficMirrorTargetId=own_target)  # noqa: E731
    assert error_of(to_itself) == ("InvalidParameterValue", 400)
    item = create(ec2)
    retarget = lambda: ec2.modify_traffic_mirror_session(  # noqa: E731
        TrafficMirrorSessionId=sid(item), TrafficMirrorTargetId=own_target
    )
    assert error_of(retarget) == ("InvalidParameterValue", 400)
    assert ids_of(ec2) == [sid(item)]
    # Another source interface may use that target.
    create(ec2, NetworkInterfaceId=SOURCES[1], TrafficMirrorTargetId=own_target)


def test_three_sessions_per_source_interface(env: Env, ec2: EC2Client) -> None:
    made = [sid(create(ec2, SessionNumber=number)) for number in (1, 2, 3)]
    fourth: Callable[[], object] = lambda: create(ec2, SessionNumber=4)  # noqa: E731
    assert error_of(fourth) == ("TrafficMirrorSessionsPerInterfaceLimitExceeded", 400)
    create(ec2, NetworkInterfaceId=SOURCES[1])  # other interfaces are not affected
    ec2.delete_traffic_mirror_session(TrafficMirrorSessionId=made[0])
    fourth()  # a place is free again


def test_the_account_quota_of_sessions_can_be_lowered_and_reached(env: Env, ec2: EC2Client) -> None:
    env.fake.set_quotas(sessions=2)
    create(ec2, NetworkInterfaceId=SOURCES[1])
    create(ec2, NetworkInterfaceId=SOURCES[2])
    assert error_of(lambda: create(ec2)) == ("TrafficMirrorSessionLimitExceeded", 400)
    assert len(ids_of(ec2)) == 2
    with pytest.raises(ValueError, match="quota"):
        env.fake.seed_sessions(1)
    with pytest.raises(ValueError, match="from 0 to 10000"):
        env.fake.set_quotas(sessions=10_001)


def test_a_target_or_filter_a_session_uses_cannot_be_deleted(env: Env, ec2: EC2Client) -> None:
    item = create(ec2)
    in_use_target: Callable[[], object] = lambda: ec2.delete_traffic_mirror_target(  # noqa: E731
        TrafficMirrorTargetId=TARGET
    )
    in_use_filter: Callable[[], object] = lambda: ec2.delete_traffic_mirror_filter(  # noqa: E731
        TrafficMirrorFilterId=FILTER
    )
    assert error_of(in_use_target) == ("TrafficMirrorTargetInUseException", 400)
    assert error_of(in_use_filter) == ("TrafficMirrorFilterInUse", 400)
    # Moving the session away frees them.
    ec2.modify_traffic_mirror_session(
        TrafficMirrorSessionId=sid(item),
        TrafficMirrorTargetId=TARGETS[1],
        TrafficMirrorFilterId=FILTERS[1],
    )
    in_use_target()
    in_use_filter()
    described = ec2.describe_traffic_mirror_sessions()["TrafficMirrorSessions"][0]
    assert (described.get("TrafficMirrorTargetId"), described.get("TrafficMirrorFilterId")) == (
        TARGETS[1],
        FILTERS[1],
    )
