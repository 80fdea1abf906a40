"""The targets and filters groups (rules, services), in-process against the fake over HTTP.

What the commands did is read back with plain boto3. Every bad input is
refused with exit 2 and one line naming the flag and the rule, before any
call: the fake's call counts do not move, and no region is needed. The
documents themselves are compared with the AWS CLI's in ``test_aws_compat.py``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, Final

import botocore.session
import pytest
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror.cli._resources import FILTER_RULES, TARGETS
from ec2_traffic_mirror.testing import FilterRuleSpec, TrafficMirrorServer, traffic_mirror_server

from ._support import Run, cli_env, invoke

# Against a fake server over HTTP (its threads answer), and the installed command.
pytestmark = pytest.mark.timing_sensitive

TARGET_ID: Final = "tmt-0123456789abcdef0"
FILTER_ID: Final = "tmf-0123456789abcdef0"
RULE_ID: Final = "tmfr-0123456789abcdef0"
UNKNOWN_FILTER: Final = "tmf-0000000000000dead"
GWLB_SERVICE: Final = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
TAG_OPERATIONS: Final = ("CreateTags", "DeleteTags")


@pytest.fixture(scope="module")
def module_server(module_aws_environment: None) -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as server:
        yield server


@pytest.fixture
def server(module_server: TrafficMirrorServer) -> Iterator[TrafficMirrorServer]:
    """The module's server, emptied for each test."""
    module_server.fake.reset()
    yield module_server
    module_server.fake.reset()


def _run(server: TrafficMirrorServer, *args: str, env: dict[str, str] | None = None) -> Run:
    return invoke(*args, "--endpoint-url", server.endpoint_url, env=env)


def _ok(run: Run) -> str:
    assert run.status == 0, (run.status, run.stdout, run.stderr)
    assert run.stderr == ""
    return run.stdout


def _document(run: Run) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(_ok(run))
    return document


def _one_line_error(run: Run, status: int) -> str:
    assert run.status == status, (run.status, run.stdout, run.stderr)
    assert len(run.error_lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    line = run.error_lines[0]
    assert line.startswith("ec2-traffic-mirror: error: "), line
    return line


def _calls(server: TrafficMirrorServer) -> list[int]:
    """Every Traffic Mirror call the fake answered, and the tag calls on Traffic Mirror ids."""
    fake = server.fake
    return [fake.call_count(), *(fake.call_count(op) for op in TAG_OPERATIONS)]


def _network_load_balancer(
    server: TrafficMirrorServer, session: botocore.session.Session, name: str = "capture"
) -> str:
    """A Network Load Balancer made in moto over HTTP with plain botocore; its ARN (``/net/``)."""
    client = server.client()
    subnets = [subnet.get("SubnetId", "") for subnet in client.describe_subnets()["Subnets"]]
    # No boto3-stubs for ELBv2 here: the client is untyped.
    elbv2: Any = session.create_client(
        "elbv2", region_name="us-east-1", endpoint_url=server.endpoint_url
    )
    made = elbv2.create_load_balancer(Name=name, Subnets=subnets[:2], Type="network")
    return str(made["LoadBalancers"][0]["LoadBalancerArn"])


def _gateway_endpoint(client: EC2Client) -> str:
    """A Gateway Load Balancer endpoint made in moto with plain boto3; its id."""
    subnet = client.describe_subnets()["Subnets"][0]
    made = client.create_vpc_endpoint(
        VpcId=subnet.get("VpcId", ""),
        ServiceName=GWLB_SERVICE,
        VpcEndpointType="GatewayLoadBalancer",
        SubnetIds=[subnet.get("SubnetId", "")],
    )
    return made["VpcEndpoint"].get("VpcEndpointId", "")


def _targets(client: EC2Client, **request: Any) -> list[dict[str, Any]]:
    return [
        dict(t) for t in client.describe_traffic_mirror_targets(**request)["TrafficMirrorTargets"]
    ]


def _filter(client: EC2Client, filter_id: str) -> dict[str, Any]:
    (item,) = client.describe_traffic_mirror_filters(TrafficMirrorFilterIds=[filter_id])[
        "TrafficMirrorFilters"
    ]
    return dict(item)


def _tags(client: EC2Client, resource_id: str) -> dict[str, str]:
    response = client.describe_tags(Filters=[{"Name": "resource-id", "Values": [resource_id]}])
    return {tag.get("Key", ""): tag.get("Value", "") for tag in response["Tags"]}


# -- targets -----------------------------------------------------------------------------------


def test_targets_of_each_kind_are_created_listed_got_and_deleted(
    server: TrafficMirrorServer, botocore_session: botocore.session.Session
) -> None:
    client = server.client()
    [eni] = server.fake.seed_network_interfaces(1)
    arn = _network_load_balancer(server, botocore_session)
    assert ":loadbalancer/net/capture/" in arn
    endpoint = _gateway_endpoint(client)
    on_eni = _document(
        _run(server, "targets", "create", "--network-interface-id", eni, "--description",
             "a Suricata host", "--tag", "team=net", "--client-token", "deploy-1")
    )  # fmt: skip
    on_nlb = _ok(
        _run(server, "targets", "create", "--network-load-balancer-arn", arn, "--output", "table")
    )
    gwlb_run = _run(
        server, "targets", "create", "--gateway-load-balancer-endpoint-id", endpoint,
        "--output", "ndjson",
    )  # fmt: skip
    on_gwlb = json.loads(_ok(gwlb_run))
    assert on_eni["ClientToken"] == "deploy-1"
    target = on_eni["TrafficMirrorTarget"]
    assert (target["Type"], target["NetworkInterfaceId"], target["Tags"]) == (
        "network-interface",
        eni,
        [{"Key": "team", "Value": "net"}],
    )
    assert on_nlb.startswith("TrafficMirrorTargetId   tmt-")
    assert f"NetworkLoadBalancerArn  {arn}\n" in on_nlb
    assert "Type                    network-load-balancer\n" in on_nlb
    assert (on_gwlb["Type"], on_gwlb["GatewayLoadBalancerEndpointId"]) == (
        "gateway-load-balancer-endpoint",
        endpoint,
    )
    listed = _targets(client)
    assert len(listed) == 3
    # get and list agree with plain boto3; the per-filter flag finds the NLB's target.
    ids = [item["TrafficMirrorTargetId"] for item in listed]
    assert _document(_run(server, "targets", "get", *ids)) == {"TrafficMirrorTargets": listed}
    by_arn = _document(_run(server, "targets", "list", "--network-load-balancer-arn", arn))
    assert [item["Type"] for item in by_arn["TrafficMirrorTargets"]] == ["network-load-balancer"]
    table = _ok(_run(server, "targets", "list", "--output", "table"))
    assert table.splitlines()[0].split() == ["TARGET", "TYPE", "DESTINATION", "DESCRIPTION", "TAGS"]
    assert all(destination in table for destination in (eni, arn, endpoint))
    assert table.endswith("(3 targets)\n")
    rows = list(csv.reader(io.StringIO(_ok(_run(server, "targets", "list", "--output", "csv")))))
    assert tuple(rows[0]) == TARGETS.layout.csv_columns
    assert [row[3] for row in rows[1:]] == ["", arn, ""]  # NetworkLoadBalancerArn
    # Deleted, then gone: an unknown id is exit 1, or Deleted false with --missing-ok.
    nlb_target = ids[1]
    deleted = _document(_run(server, "targets", "delete", nlb_target))
    assert deleted == {"TrafficMirrorTargetId": nlb_target, "Deleted": True}
    assert len(_targets(client)) == 2
    line = _one_line_error(_run(server, "targets", "get", nlb_target), 1)
    assert "InvalidTrafficMirrorTargetId.NotFound in DescribeTrafficMirrorTargets" in line
    again = _document(_run(server, "targets", "delete", nlb_target, "--missing-ok"))
    assert again == {"TrafficMirrorTargetId": nlb_target, "Deleted": False}


def test_a_target_in_use_is_not_deleted(server: TrafficMirrorServer) -> None:
    [target_id] = server.fake.seed_targets(1)
    server.fake.seed_sessions(1, target_ids=[target_id])
    line = _one_line_error(_run(server, "targets", "delete", target_id), 1)
    assert "TrafficMirrorTargetInUseException in DeleteTrafficMirrorTarget" in line
    assert len(_targets(server.client())) == 1


# -- filters, rules and network services -------------------------------------------------------


def test_a_filter_with_rules_and_services_from_creation_to_deletion(
    server: TrafficMirrorServer,
) -> None:
    client = server.client()
    created = _document(
        _run(server, "filters", "create", "--description", "web", "--tags", "Key=team,Value=net")
    )["TrafficMirrorFilter"]
    filter_id = created["TrafficMirrorFilterId"]
    assert (created["IngressFilterRules"], created["NetworkServices"]) == ([], [])
    rule = (
        "filters", "rules", "create", "--traffic-mirror-filter-id", filter_id,
        "--source-cidr-block", "10.0.0.0/8", "--destination-cidr-block", "0.0.0.0/0",
    )  # fmt: skip
    tls = _document(
        _run(server, *rule, "--traffic-direction", "ingress", "--rule-number", "100",
             "--rule-action", "accept", "--protocol", "6", "--destination-port-range", "443",
             "--description", "TLS")
    )["TrafficMirrorFilterRule"]  # fmt: skip
    dns = _document(
        _run(server, *rule, "--traffic-direction", "egress", "--rule-number", "200",
             "--rule-action", "reject", "--protocol", "17",
             "--source-port-range", '{"FromPort": 1024, "ToPort": 65535}',
             "--destination-port-range", "FromPort=53,ToPort=53",
             "--tag-specifications",
             "ResourceType=traffic-mirror-filter-rule,Tags=[{Key=kind,Value=dns}]",
             "--client-token", "rule-1")
    )  # fmt: skip
    assert dns["ClientToken"] == "rule-1"
    udp = dns["TrafficMirrorFilterRule"]
    assert tls["DestinationPortRange"] == {"FromPort": 443, "ToPort": 443}
    assert (udp["SourcePortRange"], udp["DestinationPortRange"], udp["Tags"]) == (
        {"FromPort": 1024, "ToPort": 65535},
        {"FromPort": 53, "ToPort": 53},
        [{"Key": "kind", "Value": "dns"}],
    )
    item = _filter(client, filter_id)
    assert [r["TrafficMirrorFilterRuleId"] for r in item["IngressFilterRules"]] == [
        tls["TrafficMirrorFilterRuleId"]
    ]
    details = _ok(_run(server, "filters", "get", filter_id, "--output", "table"))
    assert "IngressFilterRules     in 100 accept tcp from 10.0.0.0/8 to *:443\n" in details
    assert (
        "EgressFilterRules      out 200 reject udp from 10.0.0.0/8:1024-65535 to *:53\n" in details
    )

    # The rules of one filter: the call's member (NotFound for an unknown filter) or the filter.
    listed = _document(
        _run(server, "filters", "rules", "list", "--traffic-mirror-filter-id", filter_id)
    )["TrafficMirrorFilterRules"]
    assert [r["RuleNumber"] for r in listed] == [100, 200]
    by_filter = _document(_run(server, "filters", "rules", "list", "--filter-id", filter_id))
    assert by_filter["TrafficMirrorFilterRules"] == listed
    unknown = _run(server, "filters", "rules", "list", "--traffic-mirror-filter-id", UNKNOWN_FILTER)
    assert "InvalidTrafficMirrorFilterId.NotFound" in _one_line_error(unknown, 1)
    nothing = _document(_run(server, "filters", "rules", "list", "--filter-id", UNKNOWN_FILTER))
    assert nothing == {"TrafficMirrorFilterRules": []}
    table = _ok(_run(server, "filters", "rules", "list", "--protocol", "17", "--output", "table"))
    assert table.splitlines()[1].split()[2:8] == [
        "egress", "200", "reject", "udp", "10.0.0.0/8:1024-65535", "*:53",
    ]  # fmt: skip

    # modify: set and remove, in the project's flags and the AWS CLI's --remove-fields words.
    tls_id, udp_id = tls["TrafficMirrorFilterRuleId"], udp["TrafficMirrorFilterRuleId"]
    changed = _document(
        _run(server, "filters", "rules", "modify", tls_id, "--rule-number", "150",
             "--remove-destination-port-range", "--remove-description")
    )["TrafficMirrorFilterRule"]  # fmt: skip
    assert changed["RuleNumber"] == 150
    assert not {"DestinationPortRange", "Description"} & set(changed)
    aws_style = _document(
        _run(server, "filters", "rules", "modify", udp_id, "--remove-fields", "protocol",
             "source-port-range,destination-port-range", "--rule-action", "accept")
    )["TrafficMirrorFilterRule"]  # fmt: skip
    assert aws_style["RuleAction"] == "accept"
    assert not {"Protocol", "SourcePortRange", "DestinationPortRange"} & set(aws_style)

    # network services
    added = _document(_run(server, "filters", "services", "add", filter_id, "amazon-dns"))
    assert added["TrafficMirrorFilter"]["NetworkServices"] == ["amazon-dns"]
    assert _filter(client, filter_id)["NetworkServices"] == ["amazon-dns"]
    removed = _document(_run(server, "filters", "services", "remove", filter_id, "amazon-dns"))
    assert removed["TrafficMirrorFilter"]["NetworkServices"] == []

    # delete a rule, then the filter with the rest of its rules
    assert _document(_run(server, "filters", "rules", "delete", udp_id)) == {
        "TrafficMirrorFilterRuleId": udp_id,
        "Deleted": True,
    }
    missing = _run(server, "filters", "rules", "delete", udp_id, "--missing-ok", "--output", "csv")
    assert _ok(missing) == f"TrafficMirrorFilterRuleId,Deleted\r\n{udp_id},false\r\n"
    assert _ok(_run(server, "filters", "delete", filter_id, "--output", "table")) == (
        f"deleted {filter_id}\n"
    )
    assert client.describe_traffic_mirror_filter_rules()["TrafficMirrorFilterRules"] == []


def test_a_filter_holds_ten_rules(server: TrafficMirrorServer) -> None:
    rules: list[FilterRuleSpec] = [
        {
            "TrafficDirection": "ingress",
            "RuleNumber": number,
            "RuleAction": "accept",
            "SourceCidrBlock": "0.0.0.0/0",
            "DestinationCidrBlock": "0.0.0.0/0",
        }
        for number in range(1, 11)
    ]
    [filter_id] = server.fake.seed_filters(1, rules=rules)
    run = _run(
        server, "filters", "rules", "create", "--traffic-mirror-filter-id", filter_id,
        "--traffic-direction", "egress", "--rule-number", "1", "--rule-action", "accept",
        "--source-cidr-block", "0.0.0.0/0", "--destination-cidr-block", "0.0.0.0/0",
    )  # fmt: skip
    line = _one_line_error(run, 1)
    assert "TrafficMirrorFilterRuleLimitExceeded in CreateTrafficMirrorFilterRule" in line


# -- tags and --dry-run ------------------------------------------------------------------------


def test_targets_and_filters_are_tagged_and_untagged(server: TrafficMirrorServer) -> None:
    client = server.client()
    [target_id] = server.fake.seed_targets(1, tags={"keep": "1"})
    [filter_id] = server.fake.seed_filters(1, tags={"keep": "1"})
    for group, resource_id in (("targets", target_id), ("filters", filter_id)):
        tagged = _run(
            server, group, "tag", resource_id, "--tag", "team=net", "--tags",
            "Key=a=b,Value='c, d'", "--output", "table",
        )  # fmt: skip
        assert _ok(tagged) == f"tagged {resource_id}: team, a=b\n"
        assert _tags(client, resource_id) == {"keep": "1", "team": "net", "a=b": "c, d"}
        assert _ok(_run(server, group, "untag", resource_id, "--tag-key", "team", "--tags",
                        "Key=a=b")) == ""  # fmt: skip
        assert _tags(client, resource_id) == {"keep": "1"}


def _dry_runs(ids: dict[str, str]) -> list[tuple[tuple[str, ...], str]]:
    """Every write of the two groups with --dry-run, and what it asks."""
    rule = (
        "--traffic-mirror-filter-id", ids["filter"], "--traffic-direction", "ingress",
        "--rule-number", "300", "--rule-action", "accept", "--source-cidr-block", "0.0.0.0/0",
        "--destination-cidr-block", "0.0.0.0/0",
    )  # fmt: skip
    return [
        (("targets", "create", "--network-interface-id", ids["eni"]),
         "create this Traffic Mirror target"),
        (("targets", "delete", ids["target"]), f"delete {ids['target']}"),
        (("targets", "tag", ids["target"], "--tag", "a=b"), f"tag {ids['target']}"),
        (("targets", "untag", ids["target"], "--tag-key", "keep"), f"untag {ids['target']}"),
        (("filters", "create"), "create this Traffic Mirror filter"),
        (("filters", "delete", ids["filter"]), f"delete {ids['filter']}"),
        (("filters", "tag", ids["filter"], "--tag", "a=b"), f"tag {ids['filter']}"),
        (("filters", "untag", ids["filter"], "--tag-key", "keep"), f"untag {ids['filter']}"),
        (("filters", "rules", "create", *rule), f"add this rule to {ids['filter']}"),
        (("filters", "rules", "modify", ids["rule"], "--remove-protocol"),
         f"modify {ids['rule']}"),
        (("filters", "rules", "delete", ids["rule"]), f"delete {ids['rule']}"),
        (("filters", "services", "add", ids["filter"], "amazon-dns"),
         f"add network services of {ids['filter']}"),
        (("filters", "services", "remove", ids["filter"], "amazon-dns"),
         f"remove network services of {ids['filter']}"),
    ]  # fmt: skip


def test_dry_run_asks_changes_nothing_and_denied_is_exit_1(server: TrafficMirrorServer) -> None:
    client = server.client()
    fake = server.fake
    [eni] = fake.seed_network_interfaces(1)
    [target_id] = fake.seed_targets(1, tags={"keep": "1"})
    rules: list[FilterRuleSpec] = [
        {
            "TrafficDirection": "ingress", "RuleNumber": 100, "RuleAction": "accept",
            "SourceCidrBlock": "0.0.0.0/0", "DestinationCidrBlock": "0.0.0.0/0", "Protocol": 6,
        },
    ]  # fmt: skip
    [filter_id] = fake.seed_filters(
        1, rules=rules, network_services=["amazon-dns"], tags={"keep": "1"}
    )
    before = (_targets(client), _filter(client, filter_id), _tags(client, target_id))
    rule_id = before[1]["IngressFilterRules"][0]["TrafficMirrorFilterRuleId"]
    ids = {"eni": eni, "target": target_id, "filter": filter_id, "rule": rule_id}
    writes = _dry_runs(ids)
    calls = _calls(server)
    for args, what in writes:
        assert _ok(_run(server, *args, "--dry-run")) == (
            f"dry run: you may {what} (DryRunOperation); nothing was changed\n"
        ), args
    # One DryRun request each, nothing changed.
    assert sum(_calls(server)) == sum(calls) + len(writes)
    assert (_targets(client), _filter(client, filter_id), _tags(client, target_id)) == before
    fake.deny()
    for args, what in writes:
        line = _one_line_error(_run(server, *args, "--dry-run"), 1)
        assert line == (
            f"ec2-traffic-mirror: error: dry run: you may not {what} (UnauthorizedOperation);"
            " nothing was changed"
        ), args


# -- bad input ----------------------------------------------------------------------------------

_RULE: Final = (
    "filters", "rules", "create", "--traffic-mirror-filter-id", FILTER_ID,
    "--traffic-direction", "ingress", "--rule-number", "100", "--rule-action", "accept",
    "--source-cidr-block", "10.0.0.0/8", "--destination-cidr-block", "0.0.0.0/0",
)  # fmt: skip
_NLB: Final = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/a/0123456789abcdef"
)

BAD_INPUT: Final[list[tuple[tuple[str, ...], str]]] = [
    (("targets", "create"),
     "targets create takes exactly one of --network-interface-id, --network-load-balancer-arn,"
     " --gateway-load-balancer-endpoint-id, got none"),
    (("targets", "create", "--network-interface-id", "eni-0123456789abcdef0",
      "--network-load-balancer-arn", _NLB),
     "got --network-interface-id and --network-load-balancer-arn"),
    (("targets", "create", "--network-load-balancer-arn", _NLB.replace("/net/", "/app/")),
     "--network-load-balancer-arn must be a Network Load Balancer ARN"),
    (("targets", "create", "--network-interface-id", "eni-x"),
     "--network-interface-id must be an id of the form 'eni-' and 8, or 17 or more, lowercase"
     " hex digits, got 'eni-x'"),
    (("targets", "create", "--gateway-load-balancer-endpoint-id", "vpce-XYZ"),
     "--gateway-load-balancer-endpoint-id must be an id of the form 'vpce-'"),
    (("targets", "create", "--network-interface-id", "eni-0123456789abcdef0", "--tag", "aws:x=1"),
     "--tag must not have keys beginning with 'aws:'"),
    (("targets", "create", "--network-interface-id", "eni-0123456789abcdef0",
      "--client-token", "x" * 65),
     "--client-token must be 1 to 64 ASCII"),
    (("targets", "create", "--network-interface-id", "eni-0123456789abcdef0",
      "--tag-specifications", "ResourceType=traffic-mirror-filter,Tags=[{Key=a,Value=b}]"),
     "--tag-specifications tags a traffic-mirror-target here,"
     " got ResourceType='traffic-mirror-filter'"),
    (("targets", "get", "tmt-1"), "TARGET_ID takes Traffic Mirror target ids"),
    (("targets", "delete", "tms-0123456789abcdef0"), "TARGET_ID takes Traffic Mirror target ids"),
    (("targets", "tag", TARGET_ID, "--tag", "AWS:k=v"), "--tag must not have keys beginning"),
    (("targets", "untag", TARGET_ID), "--tag-key must hold at least 1 tag, got none"),
    (("targets", "list", "--page-size", "3"), "--page-size takes 5 to 1000, got 3"),
    (("targets", "list", "--filters", "Name=packet-length,Values=1"),
     "got the filter name 'packet-length'; the names are: description, network-interface-id,"
     " network-load-balancer-arn, owner-id, traffic-mirror-target-id"),
    (("targets", "list", "--traffic-mirror-target-ids", "tmt-0123456789abcdef0", "tmf-1"),
     "--traffic-mirror-target-ids takes Traffic Mirror target ids"),
    (("targets", "list", "--description", ""), "--description refuses the empty string"),
    (("filters", "create", "--description", ""), "--description must not be empty"),
    (("filters", "list", "--filter-ids", "tmt-0123456789abcdef0"),
     "--filter-ids takes Traffic Mirror filter ids"),
    (("filters", "tag", FILTER_ID, "--tag", "a=1", "--tag", "a=2"), "--tag must have unique keys"),
    (("filters", "delete", FILTER_ID, "tmf-x"), "FILTER_ID takes Traffic Mirror filter ids"),
    (("filters", "services", "add", FILTER_ID, "dns"),
     "SERVICE must be 'amazon-dns', got 'dns'"),
    (("filters", "services", "remove", FILTER_ID, "amazon-dns", "amazon-dns"),
     "SERVICE must not repeat a service"),
    (("filters", "services", "add", TARGET_ID, "amazon-dns"),
     "FILTER_ID takes Traffic Mirror filter ids"),
    (("filters", "rules", "create", "--rule-number", "1"), "Missing option"),
    ((*_RULE, "--rule-number", "0"), "--rule-number must be from 1 to 32766, got 0"),
    ((*_RULE, "--rule-number", "x"), "--rule-number must be an integer from 1 to 32766, got 'x'"),
    ((*_RULE, "--protocol", "256"), "--protocol must be from 0 to 255, got 256"),
    ((*_RULE, "--traffic-direction", "sideways"),
     "--traffic-direction must be 'ingress' or 'egress', got 'sideways'"),
    ((*_RULE, "--rule-action", "drop"), "--rule-action must be 'accept' or 'reject', got 'drop'"),
    ((*_RULE, "--source-cidr-block", "10.0.0.0/33"), "--source-cidr-block must be"),
    ((*_RULE, "--destination-cidr-block", "::/0"),
     "--source-cidr-block and --destination-cidr-block must both be IPv4 or both IPv6"),
    ((*_RULE, "--destination-port-range", "FromPort=10"),
     "--destination-port-range needs FromPort and ToPort"),
    ((*_RULE, "--destination-port-range", "FromPort=x,ToPort=1"),
     "--destination-port-range takes a number, got 'x'"),
    ((*_RULE, "--destination-port-range", "70000"),
     "--destination-port-range FromPort must be from 0 to 65535, got 70000"),
    ((*_RULE, "--source-port-range", "90-80"),
     "--source-port-range must not start above its end (from_port <= to_port)"),
    ((*_RULE, "--traffic-mirror-filter-id", "tmf-x"),
     "--traffic-mirror-filter-id must be an id of the form 'tmf-'"),
    ((*_RULE, "--tag-specifications", "ResourceType=traffic-mirror-filter-rule,Tags=[{Key=aws:a}]"),
     "--tag must not have keys beginning with 'aws:'"),
    (("filters", "rules", "modify", RULE_ID), "modify has nothing to change: give at least one of"),
    (("filters", "rules", "modify", RULE_ID, "--protocol", "6", "--remove-protocol"),
     "--protocol and --remove-protocol cannot be given together"),
    (("filters", "rules", "modify", RULE_ID, "--description", "d", "--remove-fields",
      "source-port-range", "description"),
     "--description and --remove-fields description cannot be given together"),
    (("filters", "rules", "modify", RULE_ID, "--remove-fields", "rule-number"),
     "--remove-fields takes destination-port-range, source-port-range, protocol, description"),
    (("filters", "rules", "modify", FILTER_ID, "--rule-number", "5"),
     "RULE_ID takes Traffic Mirror filter rule ids"),
    (("filters", "rules", "modify", RULE_ID, "--source-cidr-block", "nope"),
     "--source-cidr-block must be"),
    (("filters", "rules", "list", "--traffic-mirror-filter-id", TARGET_ID),
     "--traffic-mirror-filter-id takes Traffic Mirror filter ids"),
    (("filters", "rules", "list", "--protocol", "300"), "--protocol takes 0 to 255, got 300"),
    (("filters", "rules", "list", "--rule-action", "drop"),
     "--rule-action takes 'accept' or 'reject', got 'drop'"),
    (("filters", "rules", "list", "--filters", "Name=rule-number,Values=one"),
     "--filters Name=rule-number takes integers (1 to 32766), got 'one'"),
    (("filters", "rules", "list", "--traffic-mirror-filter-rule-ids", "tmfr-1"),
     "--traffic-mirror-filter-rule-ids takes Traffic Mirror filter rule ids"),
    (("filters", "rules", "delete", "tmf-0123456789abcdef0"),
     "RULE_ID takes Traffic Mirror filter rule ids"),
    (("sessions", "list", "--resolve", "--output", "csv", "--query", "x"),
     "--query works with --output json or text, not --output csv"),
]  # fmt: skip


def test_bad_input_is_one_line_exit_2_before_any_call(server: TrafficMirrorServer) -> None:
    calls = _calls(server)
    # No region at all: the refusal comes before a client is even made.
    env = {name: value for name, value in cli_env().items() if name != "AWS_DEFAULT_REGION"}
    assert not {"AWS_REGION", "AWS_DEFAULT_REGION"} & set(env)
    wrong: list[tuple[tuple[str, ...], str]] = []
    for args, fragment in BAD_INPUT:
        line = _one_line_error(_run(server, *args, env=env), 2)
        if fragment not in line:
            wrong.append((args, line))
    assert wrong == []
    assert _calls(server) == calls


def test_without_a_region_a_good_write_needs_one(server: TrafficMirrorServer) -> None:
    """The client is made when the first call needs it; without a region that is exit 1."""
    env = {name: value for name, value in cli_env().items() if name != "AWS_DEFAULT_REGION"}
    run = invoke("filters", "create", "--description", "d", env=env)
    assert "no AWS region: give --region" in _one_line_error(run, 1)


def test_rule_columns_read_one_way() -> None:
    """The table's protocol, source and destination of a rule."""
    computed = FILTER_RULES.layout.computed
    rule = {
        "Protocol": 58,
        "SourceCidrBlock": "2001:db8::/32",
        "SourcePortRange": {"FromPort": 1, "ToPort": 2},
        "DestinationCidrBlock": "::/0",
    }
    assert [computed[name](rule) for name in ("ProtocolName", "Source", "Destination")] == [
        "icmpv6",
        "[2001:db8::/32]:1-2",
        "*",
    ]
    assert computed["ProtocolName"]({"Protocol": 47}) == "47"
    assert computed["ProtocolName"]({}) == "all"


def test_the_command_line_uses_the_public_api_only() -> None:
    """No module of the CLI imports a private module of the SDK (``ec2_traffic_mirror._x``)."""
    import ast
    from pathlib import Path

    import ec2_traffic_mirror.cli

    private: list[str] = []
    for path in Path(ec2_traffic_mirror.cli.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            private += [
                f"{path.name}: {name}" for name in names if name.startswith("ec2_traffic_mirror._")
            ]
    assert private == []


@pytest.mark.parametrize(
    ("command", "flags"),
    [
        (("targets", "list"), ("--traffic-mirror-target-ids", "--target-ids", "--description",
                               "--network-interface-id", "--network-load-balancer-arn",
                               "--owner-id", "--traffic-mirror-target-id", "--filters")),
        (("filters", "list"), ("--traffic-mirror-filter-ids", "--filter-ids", "--description",
                               "--traffic-mirror-filter-id", "--filters")),
        (("filters", "rules", "list"), (
            "--traffic-mirror-filter-rule-ids", "--rule-ids", "--traffic-mirror-filter-id",
            "--filter-id", "--traffic-mirror-filter-rule-id", "--rule-number", "--rule-action",
            "--traffic-direction", "--protocol", "--source-cidr-block", "--destination-cidr-block",
            "--description", "--filters", "--max-results", "--next-token", "--page-size",
        )),
        (("sessions", "list"), ("--resolve",)),
        (("targets", "create"), ("--network-interface-id", "--network-load-balancer-arn",
                                 "--gateway-load-balancer-endpoint-id", "--tag-specifications")),
        (("filters", "rules", "modify"), ("--remove-fields", "--remove-protocol",
                                          "--remove-source-port-range",
                                          "--remove-destination-port-range")),
    ],
)  # fmt: skip
def test_help_names_the_aws_flags(command: tuple[str, ...], flags: tuple[str, ...]) -> None:
    run = invoke(*command, "--help")
    assert run.status == 0, run.stderr
    assert [flag for flag in flags if flag not in run.stdout.split()] == []
