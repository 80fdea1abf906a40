"""``ec2-traffic-mirror demo``: the SDK at work on the in-process fake, no AWS account needed.

Everything runs inside ``mock_traffic_mirror()`` (moto plus this project's
fake of the Traffic Mirror API), in this process: no network, no credentials.
The targets and filters are made through the SDK (`TrafficMirror`), on a
network interface, a Network Load Balancer and a Gateway Load Balancer
endpoint made in moto with plain boto3; the 301 sessions are seeded in bulk.
While it runs, every ``AWS_*`` variable of the environment is set aside and
replaced by dummy credentials, a region and ``os.devnull`` as the AWS config
and credentials files, so nothing of the user's AWS setup is read or used;
the environment is put back afterwards.
"""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Generator, Sequence
from typing import Any, Final, Literal, TextIO, cast

import boto3

from ec2_traffic_mirror import (
    PortRange,
    ResponseValidationError,
    SessionQuery,
    TrafficMirror,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)
from ec2_traffic_mirror.cli._output import render_details, render_table
from ec2_traffic_mirror.cli._resources import SESSIONS, item_of, rules_text
from ec2_traffic_mirror.testing import TrafficMirrorFake, mock_traffic_mirror

__all__ = ["run_demo"]

REGION: Final = "us-east-1"
ACCOUNT_ID: Final = "123456789012"  # moto's default account
_DEMO_ENVIRONMENT: Final = {
    "AWS_ACCESS_KEY_ID": "demo",
    "AWS_SECRET_ACCESS_KEY": "demo",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
_APPS: Final = {"web": "frontend", "api": "platform", "payments": "payments", "search": "search"}
_APPS_MORE: Final = {"batch": "data"}
_ENVIRONMENTS: Final = ("prod", "staging")
_INTERFACES_PER_GROUP: Final = 10
_DESCRIBE: Final = "DescribeTrafficMirrorSessions"
_TARGETS: Final = "DescribeTrafficMirrorTargets"
_FILTERS: Final = "DescribeTrafficMirrorFilters"
_ANYWHERE: Final = "0.0.0.0/0"
_GWLB_SERVICE: Final = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"

_Rule = tuple[int, Literal["accept", "reject"], int | None, int | None]
"""A rule of the demo's filters: ingress, number, action, protocol, destination port."""

_FILTER_RULES: Final[dict[str, list[_Rule]]] = {
    "all traffic": [(100, "accept", None, None)],
    "TLS (TCP 443) only": [(100, "accept", 6, 443)],
    "DNS (UDP 53) only": [(100, "accept", 17, 53)],
    "everything but SSH": [(100, "reject", 6, 22), (200, "accept", None, None)],
}


@contextlib.contextmanager
def isolated_aws_environment() -> Generator[None, None, None]:
    """Dummy credentials and region, and no AWS config, for the time of the block."""
    saved = {name: value for name, value in os.environ.items() if name.startswith("AWS_")}
    for name in saved:
        del os.environ[name]
    os.environ.update(_DEMO_ENVIRONMENT)
    try:
        yield
    finally:
        for name in [name for name in os.environ if name.startswith("AWS_")]:
            del os.environ[name]
        os.environ.update(saved)


def _destinations(mirror: TrafficMirror) -> tuple[str, str, str]:
    """A Network Load Balancer, a Gateway Load Balancer endpoint and an interface, made in moto.

    With plain boto3, as they would exist in an account; under the fake, moto
    gives the NLB AWS's ``loadbalancer/net/`` ARN, which the SDK checks.
    """
    ec2 = mirror.client
    subnets = [subnet.get("SubnetId", "") for subnet in ec2.describe_subnets()["Subnets"]][:2]
    vpc = ec2.describe_vpcs()["Vpcs"][0].get("VpcId", "")
    # boto3-stubs covers EC2 only here: the ELBv2 client is untyped.
    elbv2 = cast("Any", boto3.session.Session(region_name=REGION).client("elbv2"))  # pyright: ignore[reportUnknownMemberType]
    nlb = elbv2.create_load_balancer(Name="packet-capture", Subnets=subnets, Type="network")
    endpoint = ec2.create_vpc_endpoint(
        VpcId=vpc,
        ServiceName=_GWLB_SERVICE,
        VpcEndpointType="GatewayLoadBalancer",
        SubnetIds=subnets[:1],
    )["VpcEndpoint"]
    interface = ec2.create_network_interface(SubnetId=subnets[0], Description="Suricata host")
    return (
        str(nlb["LoadBalancers"][0]["LoadBalancerArn"]),
        endpoint.get("VpcEndpointId", ""),
        interface["NetworkInterface"].get("NetworkInterfaceId", ""),
    )


class _Estate:
    """A realistic estate: interfaces of two environments, three targets, four filters."""

    def __init__(self, fake: TrafficMirrorFake, mirror: TrafficMirror) -> None:
        rng = random.Random(7)

        def new_id(prefix: str) -> str:
            return f"{prefix}-{rng.getrandbits(68):017x}"

        # Targets and filters made through the SDK, as a user makes them.
        nlb, endpoint, interface = _destinations(mirror)
        self.targets = {
            "NLB of the packet-capture fleet": mirror.targets.create(
                network_load_balancer_arn=nlb, description="packet capture"
            ).traffic_mirror_target_id,
            "GWLB endpoint of the IDS appliances": mirror.targets.create(
                gateway_load_balancer_endpoint_id=endpoint, description="IDS appliances"
            ).traffic_mirror_target_id,
            "ENI of a Suricata host": mirror.targets.create(
                network_interface_id=interface, description="Suricata"
            ).traffic_mirror_target_id,
        }
        self.filters: dict[str, str] = {}
        for name, rules in _FILTER_RULES.items():
            filter_id = mirror.filters.create(description=name).traffic_mirror_filter_id
            for number, action, protocol, port in rules:
                mirror.filters.create_rule(
                    filter_id,
                    traffic_direction="ingress",
                    rule_number=number,
                    rule_action=action,
                    source_cidr_block=_ANYWHERE,
                    destination_cidr_block=_ANYWHERE,
                    protocol=protocol,
                    destination_port_range=None
                    if port is None
                    else PortRange(from_port=port, to_port=port),
                )
            self.filters[name] = filter_id
        mirror.filters.add_network_services(self.filters["DNS (UDP 53) only"], "amazon-dns")
        targets = list(self.targets.values())
        filters = list(self.filters.values())
        self.interfaces: list[str] = []
        self.by_group: dict[str, list[str]] = {}
        for env in _ENVIRONMENTS:
            for app, team in {**_APPS, **_APPS_MORE}.items():
                enis = [new_id("eni") for _ in range(_INTERFACES_PER_GROUP)]
                self.interfaces.extend(enis)
                # Three sessions per interface, session numbers 1 to 3 (lower goes first).
                self.by_group[f"{env} {app}"] = fake.seed_sessions(
                    len(enis) * 3,
                    region=REGION,
                    account_id=ACCOUNT_ID,
                    network_interface_ids=[eni for eni in enis for _ in range(3)],
                    session_numbers=[1, 2, 3],
                    target_ids=targets,
                    filter_ids=[filters[0], filters[1 + len(app) % 3], filters[3]],
                    packet_lengths=[None, 128, None] if env == "prod" else [192, 192, None],
                    description=f"{env} {app} mirror #{{index}}",
                    tags={
                        "env": env,
                        "app": app,
                        "team": team,
                        "cost-center": f"cc-{1000 + len(app) * 7}",
                    },
                )
        self.cloudformation_interface = new_id("eni")
        self.interfaces.append(self.cloudformation_interface)
        # CloudFormation puts its aws:* tags on the resources it creates; no API
        # caller may write such keys (the SDK refuses them before any call), but
        # describe returns them, and the models read them.
        stack = "network-mirroring"
        (self.cloudformation_session,) = fake.seed_sessions(
            1,
            region=REGION,
            account_id=ACCOUNT_ID,
            network_interface_ids=[self.cloudformation_interface],
            session_numbers=[1],
            target_ids=[self.targets["NLB of the packet-capture fleet"]],
            filter_ids=[self.filters["all traffic"]],
            description="edge mirror, managed by CloudFormation",
            tags={"Name": "edge-mirror"},
            system_tags={
                "aws:cloudformation:stack-name": stack,
                "aws:cloudformation:logical-id": "EdgeMirrorSession",
                "aws:cloudformation:stack-id": (
                    f"arn:aws:cloudformation:{REGION}:{ACCOUNT_ID}:stack/{stack}/"
                    "5f1c8c40-3b1e-11ef-9a3c-0a1b2c3d4e5f"
                ),
            },
        )
        self.total = sum(len(ids) for ids in self.by_group.values()) + 1


class _Printer:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.step = 0

    def heading(self, title: str) -> None:
        self.step += 1
        self.out.write(f"\n== {self.step}. {title}\n")

    def line(self, text: str = "") -> None:
        self.out.write(f"{text}\n")

    def query(self, query: SessionQuery) -> None:
        self.line(f"   query: {query!r}")

    def table(self, sessions: Sequence[TrafficMirrorSession]) -> None:
        self.out.write(
            "".join(
                f"   {row}\n"
                for row in render_table(
                    SESSIONS.layout, [item_of(s) for s in sessions]
                ).splitlines()
            )
        )


def run_demo(out: TextIO) -> int:
    """Build a fake estate, query it, resolve it, page it, break it; print all of it to ``out``."""
    with isolated_aws_environment(), mock_traffic_mirror() as fake:
        mirror = TrafficMirror.connect(region_name=REGION)
        estate = _Estate(fake, mirror)
        _tour(_Printer(out), fake, estate, mirror)
    out.flush()
    return 0


def _tour(say: _Printer, fake: TrafficMirrorFake, estate: _Estate, mirror: TrafficMirror) -> None:
    repository = mirror.sessions
    say.heading("The estate")
    say.line(
        f"   {estate.total} sessions on {len(estate.interfaces)} network interfaces, "
        f"{len(estate.targets)} targets, {len(estate.filters)} filters, in {REGION}"
    )
    for label, ids in (("target", estate.targets), ("filter", estate.filters)):
        for name, resource_id in ids.items():
            say.line(f"   {label} {resource_id}  {name}")
    say.line(f"   repository.count() = {repository.count()}")

    ids_target = estate.targets["GWLB endpoint of the IDS appliances"]
    query = SessionQuery().description("prod payments *").traffic_mirror_target_id(ids_target)
    say.heading("Chained filters: prod payments sessions that go to the IDS appliances")
    say.query(query)
    say.line(f"   count: {repository.count(query)}; the first five:")
    say.table(list(repository.find(query.max_items(5))))

    query = SessionQuery().packet_length(128, 192).session_number(2).description("* web *")
    say.heading("Values of one filter OR, filters AND: truncated mirroring, session number 2")
    say.query(query)
    matched = list(repository.find(query))
    lengths = sorted({session.packet_length for session in matched}, key=str)
    say.line(
        f"   {len(matched)} sessions, packet lengths {lengths}, all number 2:"
        f" {all(session.session_number == 2 for session in matched)}"
    )

    interface = estate.interfaces[0]
    query = SessionQuery().network_interface_id(interface)
    say.heading("Every session of one network interface")
    say.query(query)
    say.table(list(repository.find(query)))
    _resolved(say, fake, mirror, interface)

    first = repository.first(SessionQuery().description("staging search mirror #2?"))
    assert first is not None
    assert first.virtual_network_id is not None
    query = SessionQuery().virtual_network_id(first.virtual_network_id)
    say.heading("Wildcards, first(), and a lookup by VXLAN network id")
    say.line("   repository.first(SessionQuery().description('staging search mirror #2?'))")
    say.line(f"     -> {first.traffic_mirror_session_id} ({first.description!r})")
    say.query(query)
    say.line("   -> " + ", ".join(s.traffic_mirror_session_id for s in repository.find(query)))

    session = repository.get(estate.cloudformation_session)
    say.heading("The CloudFormation-managed session: aws:* tags are read, never written")
    say.line(f"   repository.get({estate.cloudformation_session!r})")
    say.out.write("".join(f"   {row}\n" for row in render_details(item_of(session)).splitlines()))
    reserved = [tag.key for tag in session.tags if tag.is_aws_reserved]
    say.line(f"   tags reserved to AWS: {reserved}")
    say.line(
        f"   session.tag_value('aws:cloudformation:stack-name') = "
        f"{session.tag_value('aws:cloudformation:stack-name')!r}"
    )

    _paging(say, fake, repository, estate.total)
    _permissions(say, fake, repository)
    _invalid_item(say, fake, repository, estate)


def _resolved(
    say: _Printer, fake: TrafficMirrorFake, mirror: TrafficMirror, interface: str
) -> None:
    query = SessionQuery().network_interface_id(interface)
    say.heading("The same sessions resolved to their targets and filters (TrafficMirror.resolve)")
    say.line(f"   for entry in mirror.resolve(mirror.sessions.find({query!r})):")
    before = {op: fake.call_count(op) for op in (_TARGETS, _FILTERS)}
    entries = list(mirror.resolve(mirror.sessions.find(query)))
    for entry in entries:
        target, filter_ = entry.target, entry.filter
        assert target is not None
        assert filter_ is not None
        rules = rules_text(item_of(filter_)) or "no rules"
        say.line(
            f"   {entry.session.traffic_mirror_session_id} (number {entry.session.session_number})"
        )
        say.line(f"     target: {target.type} {target.destination}")
        say.line(f"     filter: {filter_.description!r}: {rules}")
    calls = {op: fake.call_count(op) - count for op, count in before.items()}
    say.line(
        f"   {len(entries)} sessions, {calls[_TARGETS]} call for their targets and"
        f" {calls[_FILTERS]} for their filters: fetched in batches by id, never one per session"
    )
    say.line("   the same from the command line:")
    say.line(f"     ec2-traffic-mirror sessions list --resolve --network-interface-id {interface}")


def _paging(
    say: _Printer, fake: TrafficMirrorFake, repository: TrafficMirrorSessionRepository, total: int
) -> None:
    query = SessionQuery().owner_id(ACCOUNT_ID).page_size(25)
    say.heading("A paginated listing, stopped after 60 sessions and resumed from its token")
    say.query(query.max_items(60))
    before = fake.call_count(_DESCRIBE)
    listing = repository.find(query.max_items(60))
    head = [session.traffic_mirror_session_id for session in listing]
    calls = fake.call_count(_DESCRIBE) - before
    token = listing.resume_token
    assert token is not None
    say.line(f"   {len(head)} sessions in {calls} calls of 25; listing.resume_token =")
    say.line(f"     {token}")
    say.line("   (botocore's StartingToken format: a plain boto3 paginator takes it as well)")
    say.query(query.starting_token(token))
    before = fake.call_count(_DESCRIBE)
    tail = [
        session.traffic_mirror_session_id
        for session in repository.find(query.starting_token(token))
    ]
    calls = fake.call_count(_DESCRIBE) - before
    everything = [session.traffic_mirror_session_id for session in repository.find(query)]
    say.line(
        f"   {len(tail)} more sessions in {calls} calls; together {len(head) + len(tail)}"
        f" of {total}, each exactly once, in order: {head + tail == everything}"
    )
    say.line("   the same from the command line:")
    say.line(
        "     ec2-traffic-mirror sessions list --page-size 25 --max-items 60   # prints NextToken"
    )
    say.line("     ec2-traffic-mirror sessions list --page-size 25 --starting-token <NextToken>")


def _permissions(
    say: _Printer, fake: TrafficMirrorFake, repository: TrafficMirrorSessionRepository
) -> None:
    say.heading("Permissions, asked with DryRun")
    say.line(f"   repository.can_describe() = {repository.can_describe()}")
    fake.deny(_DESCRIBE)
    try:
        denied = repository.can_describe()
    finally:
        fake.allow(_DESCRIBE)
    say.line(f"   ... with {_DESCRIBE} denied (UnauthorizedOperation): {denied}")


def _invalid_item(
    say: _Printer,
    fake: TrafficMirrorFake,
    repository: TrafficMirrorSessionRepository,
    estate: _Estate,
) -> None:
    group = estate.by_group["staging batch"]
    victim = group[4]
    query = SessionQuery().description("staging batch *")
    fake.serve_invalid_item(victim, PacketLength=9001)
    say.heading("An invalid response item (PacketLength 9001, above the API's 8500)")
    say.query(query)
    say.line('   on_invalid="raise" (the default):')
    listing = repository.find(query)
    good = 0
    try:
        for _ in listing:
            good += 1
    except ResponseValidationError as error:
        say.line(f"     after {good} good sessions: ResponseValidationError: {error}")
        say.line(f"     error.session_id = {error.session_id!r}")
        token = error.resume_token or ""
        rest = list(repository.find(query.starting_token(token)))
        say.line(
            f"     resuming from error.resume_token gives the {len(rest)} sessions after it"
            f" ({good} + 1 bad + {len(rest)} = {good + 1 + len(rest)} of {len(group)})"
        )
    skipping = TrafficMirrorSessionRepository(repository.client, on_invalid="skip")
    listing = skipping.find(query)
    say.line('   on_invalid="skip" (a warning is logged on the ec2_traffic_mirror logger):')
    say.out.flush()
    kept = list(listing)
    skipped = [item.get("TrafficMirrorSessionId") for item in listing.skipped_items]
    say.line(f"     {len(kept)} sessions; listing.skipped_items holds {skipped}")
    say.line("")
    say.line("That was all in-process. Against AWS, the same code takes a real client:")
    say.line("   TrafficMirrorSessionRepository.connect(region_name='eu-west-1')")
    say.line("   ec2-traffic-mirror sessions list --region eu-west-1 --owner-id 111122223333")
