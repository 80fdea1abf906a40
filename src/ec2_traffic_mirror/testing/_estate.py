"""What ``python -m ec2_traffic_mirror.testing serve`` seeds: plain or varied estates.

``--seed N`` seeds N sessions as ``seed_sessions`` makes them by default
(whole packets, two tags each). ``--seed-random N`` seeds N sessions with
something to find: packet lengths (whole packets among them), VNIs shared by
several sessions, descriptions, tags (also AWS's ``aws:`` system tags), one to
three sessions per source interface, on targets of each of the three types
and on filters with ingress and egress rules (TCP and UDP port ranges, ICMP,
every protocol, IPv4 and IPv6 blocks) and the ``amazon-dns`` network service.
The same ``--random-seed`` gives the same estate, ids included: the choices
come from ``random.Random(seed)`` and moto's random source (which mints every
id) is seeded with it too.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from moto.moto_api._internal import mock_random

from ec2_traffic_mirror.testing._fake import FilterRuleSpec, TrafficMirrorFake
from ec2_traffic_mirror.testing._moto import DEFAULT_ACCOUNT_ID
from ec2_traffic_mirror.testing._state import TARGET_TYPES, TargetType

__all__ = ["Estate", "counts", "most_common", "seed_estate"]

_PACKET_LENGTHS: Final[tuple[int, ...]] = (64, 96, 128, 256, 1500, 8500)
_ENVIRONMENTS: Final = ("prod", "staging", "dev")
_ROLES: Final = ("web", "db", "cache", "batch")
_TEAMS: Final = {"web": "frontend", "db": "data", "cache": "data", "batch": "platform"}
_PORTS: Final[dict[int, tuple[tuple[int, int], ...]]] = {
    6: ((443, 443), (80, 80), (22, 22), (5432, 5432), (1024, 65535)),
    17: ((53, 53), (4789, 4789), (1024, 65535)),
}
_IPV4: Final = ("0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12", "192.168.10.0/24")
_IPV6: Final = ("::/0", "2001:db8::/32", "fd00::/8")


@dataclass
class Estate:
    """What was seeded, for the server's banner and for tests."""

    region: str
    account_id: str
    sessions: list[str] = field(default_factory=list[str])
    targets: dict[TargetType, list[str]] = field(default_factory=dict[TargetType, list[str]])
    filters: list[str] = field(default_factory=list[str])
    rules: int = 0
    source_interfaces: int = 0
    packet_lengths: list[int | None] = field(default_factory=list[int | None])
    """Each session's, in the order of ``sessions`` (``None``: the whole packet)."""
    virtual_network_ids: list[int | None] = field(default_factory=list[int | None])
    """Each session's, in the order of ``sessions`` (``None``: assigned by the fake)."""


def _rules(rng: random.Random) -> list[FilterRuleSpec]:
    """Zero to six rules, ingress and egress, numbered 100, 200, ... in each direction."""
    rules: list[FilterRuleSpec] = []
    for direction in ("ingress", "egress"):
        for number in range(1, rng.randint(0, 3) + 1):
            v6 = rng.random() < 0.2
            blocks = _IPV6 if v6 else _IPV4
            rule: FilterRuleSpec = {
                "TrafficDirection": direction,
                "RuleNumber": number * 100,
                "RuleAction": "reject" if rng.random() < 0.25 else "accept",
                "SourceCidrBlock": rng.choice(blocks),
                "DestinationCidrBlock": rng.choice(blocks),
            }
            protocol = rng.choice((6, 6, 17, 1, None))
            if protocol is not None:
                rule["Protocol"] = protocol
            if protocol in _PORTS:
                low, high = rng.choice(_PORTS[protocol])
                rule["DestinationPortRange"] = {"FromPort": low, "ToPort": high}
            if rng.random() < 0.5:
                rule["Description"] = f"{rule['RuleAction']} {direction} {number * 100}"
            rules.append(rule)
    return rules


def _seed_targets(
    fake: TrafficMirrorFake, rng: random.Random, estate: Estate, per_type: int
) -> list[str]:
    region, account = estate.region, estate.account_id
    made: list[str] = []
    for target_type in TARGET_TYPES:
        arns = [
            f"arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/net/"
            f"mirror-nlb-{n}/{rng.getrandbits(64):016x}"
            for n in range(per_type)
        ]
        endpoints = [f"vpce-{rng.getrandbits(68):017x}" for _ in range(per_type)]
        ids = fake.seed_targets(
            per_type,
            region=region,
            account_id=account,
            types=[target_type],
            network_load_balancer_arns=arns if target_type == "network-load-balancer" else None,
            gateway_load_balancer_endpoint_ids=(
                endpoints if target_type == "gateway-load-balancer-endpoint" else None
            ),
            description=f"{target_type} mirror target {{index}}",
            tags={"Name": f"mirror-{target_type}", "env": rng.choice(_ENVIRONMENTS)},
        )
        estate.targets[target_type] = ids
        made.extend(ids)
    return made


_SHOWCASE: Final[list[FilterRuleSpec]] = [
    {
        "TrafficDirection": "ingress",
        "RuleNumber": 100,
        "RuleAction": "accept",
        "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
        "SourceCidrBlock": "0.0.0.0/0",
        "DestinationCidrBlock": "10.0.0.0/8",
        "Description": "HTTPS in",
    },
    {
        "TrafficDirection": "ingress",
        "RuleNumber": 200,
        "RuleAction": "accept",
        "Protocol": 17,
        "SourcePortRange": {"FromPort": 1024, "ToPort": 65535},
        "DestinationPortRange": {"FromPort": 53, "ToPort": 53},
        "SourceCidrBlock": "10.0.0.0/8",
        "DestinationCidrBlock": "10.0.0.2/32",
    },
    {
        "TrafficDirection": "egress",
        "RuleNumber": 100,
        "RuleAction": "reject",
        "Protocol": 1,
        "SourceCidrBlock": "10.0.0.0/8",
        "DestinationCidrBlock": "0.0.0.0/0",
        "Description": "no ICMP out",
    },
    {
        "TrafficDirection": "egress",
        "RuleNumber": 200,
        "RuleAction": "accept",
        "SourceCidrBlock": "::/0",
        "DestinationCidrBlock": "2001:db8::/32",
        "Description": "every protocol, IPv6",
    },
]
"""The first filter's rules: one of each kind (TCP, UDP, ICMP, every protocol; IPv4, IPv6)."""


def _seed_filters(
    fake: TrafficMirrorFake, rng: random.Random, estate: Estate, count: int
) -> list[str]:
    """The first filter has `_SHOWCASE`, the second ``amazon-dns``; the others random rules."""
    for index in range(count):
        rules = _SHOWCASE if index == 0 else _rules(rng)
        services = ["amazon-dns"] if index == 1 or rng.random() < 0.2 else []
        described = index < 2 or rng.random() < 0.8
        estate.filters += fake.seed_filters(
            1,
            region=estate.region,
            account_id=estate.account_id,
            description=f"filter {index}: {len(rules)} rules" if described else None,
            rules=rules,
            network_services=services,
            tags={"Name": f"filter-{index}"} if rng.random() < 0.7 else None,
        )
        estate.rules += len(rules)
    return estate.filters


def _sources(
    fake: TrafficMirrorFake, rng: random.Random, estate: Estate, count: int
) -> list[tuple[str, int]]:
    """A source interface and a session number for each session: one to three per interface."""
    sizes: list[int] = []
    while sum(sizes) < count:
        sizes.append(min(rng.randint(1, 3), count - sum(sizes)))
    interfaces = fake.seed_network_interfaces(
        len(sizes),
        region=estate.region,
        account_id=estate.account_id,
        description="mirrored interface",
    )
    estate.source_interfaces = len(interfaces)
    places: list[tuple[str, int]] = []
    for interface, size in zip(interfaces, sizes, strict=True):
        numbers = sorted(rng.sample(range(1, 11), size))
        places += [(interface, number) for number in numbers]
    return places


def _seed_varied(fake: TrafficMirrorFake, rng: random.Random, estate: Estate, count: int) -> None:
    per_type = max(2, min(math.ceil(count / 20), 100))
    targets = _seed_targets(fake, rng, estate, per_type)
    filters = _seed_filters(fake, rng, estate, max(3, min(math.ceil(count / 10), 200)))
    places = _sources(fake, rng, estate, count)
    shared_vnis = rng.sample(range(1, 2**24), 5)
    # Sessions of one profile (environment and role) share tags and a description pattern.
    groups: dict[tuple[str, str] | None, list[int]] = {}
    for index in range(count):
        profile = None if rng.random() < 0.1 else (rng.choice(_ENVIRONMENTS), rng.choice(_ROLES))
        groups.setdefault(profile, []).append(index)
    chosen: dict[int, tuple[int | None, int]] = {}
    for index in range(count):
        length = None if rng.random() < 0.3 else rng.choice(_PACKET_LENGTHS)
        vni = rng.choice(shared_vnis) if rng.random() < 0.7 else rng.randrange(2**24)
        chosen[index] = (length, vni)
    made: dict[int, str] = {}
    for profile, indices in groups.items():
        tags: dict[str, str] | None = None
        system_tags: dict[str, str] | None = None
        description: str | None = None
        if profile is not None:
            env, role = profile
            tags = {"Name": f"{env}-{role}-mirror", "env": env, "team": _TEAMS[role]}
            description = f"{env} {role} tier, mirror {{index}}"
            if env == "prod":
                system_tags = {"aws:cloudformation:stack-name": f"{env}-mirroring"}
        ids = fake.seed_sessions(
            len(indices),
            region=estate.region,
            account_id=estate.account_id,
            network_interface_ids=[places[i][0] for i in indices],
            session_numbers=[places[i][1] for i in indices],
            target_ids=[rng.choice(targets) for _ in indices],
            filter_ids=[rng.choice(filters) for _ in indices],
            packet_lengths=[chosen[i][0] for i in indices],
            virtual_network_ids=[chosen[i][1] for i in indices],
            description=description,
            tags=tags,
            system_tags=system_tags,
        )
        made.update(zip(indices, ids, strict=True))
    # Listing order is seeding order: per profile. The estate lists them that way too.
    for profile_indices in groups.values():
        for index in profile_indices:
            estate.sessions.append(made[index])
            estate.packet_lengths.append(chosen[index][0])
            estate.virtual_network_ids.append(chosen[index][1])


def seed_estate(
    fake: TrafficMirrorFake,
    *,
    plain: int = 0,
    varied: int = 0,
    region: str = "us-east-1",
    account_id: str = DEFAULT_ACCOUNT_ID,
    random_seed: int = 0,
) -> Estate:
    """Seed ``plain`` default sessions, then ``varied`` varied ones, deterministically.

    Seeds moto's random source with ``random_seed`` first (it mints every id),
    so the same arguments give the same estate in a fresh fake.
    """
    for name, value in (("plain", plain), ("varied", varied)):
        if isinstance(value, bool) or value < 0:
            raise ValueError(f"{name} must be a count >= 0, got {value!r}")
    # moto makes a region's backend (its default VPC, from the random source) when
    # first asked: before the seed, so the draws after it are the same in any process.
    fake.seed_network_interfaces(0, region=region, account_id=account_id)
    mock_random.seed(random_seed)
    rng = random.Random(random_seed)
    estate = Estate(region=region, account_id=account_id)
    if plain:
        estate.sessions += fake.seed_sessions(
            plain, region=region, account_id=account_id, tags_per_session=2
        )
        estate.packet_lengths += [None] * plain
        estate.virtual_network_ids += [None] * plain
    if varied:
        _seed_varied(fake, rng, estate, varied)
    return estate


def counts(estate: Estate) -> str:
    """One line: how many of each were seeded, and where."""
    targets = sum(len(ids) for ids in estate.targets.values())
    sizes = {len(ids) for ids in estate.targets.values()}
    per_type = (
        f"{sizes.pop()} of each type"
        if len(sizes) == 1 and len(estate.targets) == len(TARGET_TYPES)
        else ", ".join(f"{len(ids)} {kind}" for kind, ids in estate.targets.items())
    )
    parts = [f"{len(estate.sessions)} sessions"]
    if targets:
        parts.append(f"{targets} targets ({per_type})")
    if estate.filters:
        parts.append(f"{len(estate.filters)} filters with {estate.rules} rules")
    return f"seeded in {estate.region}, account {estate.account_id}: {', '.join(parts)}"


def most_common(values: Sequence[int | None]) -> int | None:
    """The value most sessions have (ties: the first seen), ``None`` if none is an int."""
    tally: dict[int, int] = {}
    for value in values:
        if value is not None:
            tally[value] = tally.get(value, 0) + 1
    return max(tally, key=lambda value: tally[value]) if tally else None
