"""``python -m ec2_traffic_mirror.testing``: run the fake server, or time bulk seeding.

python -m ec2_traffic_mirror.testing serve [--port 5000] [--seed 100]
python -m ec2_traffic_mirror.testing bench-seed [--count 10000] [--tags 3]

``bench-seed`` seeds ``--count`` sessions, then as many targets (of the three
types) and filters (with four rules each), and prints the time of each.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Final

from ec2_traffic_mirror.testing._fake import FilterRuleSpec
from ec2_traffic_mirror.testing._mock import mock_traffic_mirror
from ec2_traffic_mirror.testing._server import traffic_mirror_server

_BENCH_RULES: Final[list[FilterRuleSpec]] = [
    {
        "TrafficDirection": direction,
        "RuleNumber": number,
        "RuleAction": "accept",
        "Protocol": 6,
        "DestinationPortRange": {"FromPort": 443, "ToPort": 443},
        "SourceCidrBlock": "0.0.0.0/0",
        "DestinationCidrBlock": "10.0.0.0/8",
    }
    for direction in ("ingress", "egress")
    for number in (100, 200)
]


def _timed(what: str, count: int, noun: str, seed: Callable[[], list[str]]) -> None:
    started = time.perf_counter()
    ids = seed()
    elapsed = time.perf_counter() - started
    print(
        f"seeded {len(ids)} {what} in {elapsed:.2f} s"
        f" ({elapsed / max(count, 1) * 1e6:.0f} us per {noun})"
    )


def _bench_seed(count: int, tags: int) -> None:
    # One region per resource (each has the account quotas), made before the clock starts.
    sessions, targets, filters = "us-east-1", "us-east-2", "us-west-2"
    with mock_traffic_mirror() as fake:
        for region in (sessions, targets, filters):
            fake.seed_network_interfaces(0, region=region)
        _timed(
            f"sessions with {tags} tags each",
            count,
            "session",
            lambda: fake.seed_sessions(count, region=sessions, tags_per_session=tags),
        )
        _timed(
            f"targets with {tags} tags each",
            count,
            "target",
            lambda: fake.seed_targets(
                count,
                region=targets,
                types=[
                    "network-interface",
                    "network-load-balancer",
                    "gateway-load-balancer-endpoint",
                ],
                tags_per_target=tags,
            ),
        )
        _timed(
            f"filters with {len(_BENCH_RULES)} rules and {tags} tags each",
            count,
            "filter",
            lambda: fake.seed_filters(
                count, region=filters, rules=_BENCH_RULES, tags_per_filter=tags
            ),
        )


def _serve(port: int, seed: int, region: str) -> None:
    with traffic_mirror_server(port=port) as server:
        if seed:
            server.fake.seed_sessions(seed, region=region, tags_per_session=2)
        print(f"fake EC2 Traffic Mirror API on {server.endpoint_url} (Ctrl-C stops it)")
        print(f"  aws ec2 describe-traffic-mirror-sessions --endpoint-url {server.endpoint_url}")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


def main(argv: Sequence[str] | None = None) -> int:
    """The command line entry."""
    parser = argparse.ArgumentParser(prog="python -m ec2_traffic_mirror.testing")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the fake as an HTTP server on 127.0.0.1")
    serve.add_argument("--port", type=int, default=5000, help="TCP port (0: any free port)")
    serve.add_argument("--seed", type=int, default=0, help="sessions to seed first")
    serve.add_argument("--region", default="us-east-1", help="region of the seeded sessions")
    bench = commands.add_parser(
        "bench-seed", help="time seed_sessions(), seed_targets() and seed_filters()"
    )
    bench.add_argument("--count", type=int, default=10_000, help="of each resource")
    bench.add_argument("--tags", type=int, default=3, help="tags per session")
    args = parser.parse_args(argv)
    if args.command == "serve":
        _serve(int(args.port), int(args.seed), str(args.region))
    else:
        _bench_seed(int(args.count), int(args.tags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
