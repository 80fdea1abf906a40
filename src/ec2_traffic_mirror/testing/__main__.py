"""``python -m ec2_traffic_mirror.testing``: run the fake server, or time bulk seeding.

python -m ec2_traffic_mirror.testing serve [--port 5000] [--region us-east-1]
    [--seed N] [--seed-random N] [--random-seed 0]
python -m ec2_traffic_mirror.testing bench-seed [--count 10000] [--tags 3]

``serve`` seeds ``--seed`` plain sessions (whole packets, two tags each) and
``--seed-random`` varied ones, with targets of each type and filters with rules
(see ``_estate``), the same for the same ``--random-seed``; then it prints what
to export in another shell (dummy credentials, the region of the seeded data,
the endpoint) and example commands, and serves until Ctrl-C.

``bench-seed`` seeds ``--count`` sessions, then as many targets (of the three
types) and filters (with four rules each), and prints the time of each.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Final

from ec2_traffic_mirror.testing._estate import Estate, counts, most_common, seed_estate
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


DUMMY_CREDENTIALS: Final = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
"""What the banner exports: the fake checks no credentials, but botocore needs some."""
LAST_LINE: Final = "Ctrl-C stops the server."
"""The banner's last line: once it is printed, the server answers."""


def exports(endpoint_url: str, region: str) -> dict[str, str]:
    """The variables a shell needs to reach the server with boto3, the SDK, ours and aws's CLI.

    ``AWS_ENDPOINT_URL_EC2`` is botocore's service-specific endpoint variable:
    boto3 clients, ``TrafficMirror.connect()``, ``ec2-traffic-mirror`` and
    ``aws`` read it, so none needs ``--endpoint-url`` or ``endpoint_url=``.
    """
    return {
        **DUMMY_CREDENTIALS,
        "AWS_DEFAULT_REGION": region,
        "AWS_ENDPOINT_URL_EC2": endpoint_url,
    }


def banner(endpoint_url: str, estate: Estate) -> str:
    """What ``serve`` prints: where it listens, what it holds, what to export, what to try."""
    length = most_common(estate.packet_lengths)
    vni = most_common(estate.virtual_network_ids)
    script = (
        "from ec2_traffic_mirror import TrafficMirror; "
        'print(TrafficMirror.connect().sessions.count(), "sessions")'
    )
    examples = [
        "ec2-traffic-mirror sessions list"
        + (f" --packet-length {length}" if length is not None else "")
        + " --output table",
        "aws ec2 describe-traffic-mirror-sessions"
        + (f" --filters Name=virtual-network-id,Values={vni}" if vni is not None else ""),
        f"python -c {shlex.quote(script)}",
    ]
    return "\n".join(
        [
            f"fake EC2 Traffic Mirror API on {endpoint_url}",
            counts(estate),
            "",
            "In another shell, export dummy credentials (the fake checks none), the region",
            "that holds the seeded data, and the endpoint (boto3, TrafficMirror.connect(),",
            "ec2-traffic-mirror and aws all read AWS_ENDPOINT_URL_EC2):",
            "",
            *(
                f"export {name}={shlex.quote(value)}"
                for name, value in exports(endpoint_url, estate.region).items()
            ),
            "",
            "then, for example:",
            "",
            *examples,
            "",
            f"Instead of AWS_ENDPOINT_URL_EC2: --endpoint-url {endpoint_url} (the commands),",
            f"endpoint_url={endpoint_url!r} (connect(), boto3.client()).",
            LAST_LINE,
        ]
    )


def _serve(
    parser: argparse.ArgumentParser,
    *,
    port: int,
    region: str,
    plain: int,
    varied: int,
    random_seed: int,
) -> None:
    with traffic_mirror_server(port=port) as server:
        try:
            estate = seed_estate(
                server.fake, plain=plain, varied=varied, region=region, random_seed=random_seed
            )
        except ValueError as error:
            parser.error(str(error))
        print(banner(server.endpoint_url, estate))
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is below 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """The command line entry."""
    parser = argparse.ArgumentParser(prog="python -m ec2_traffic_mirror.testing")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the fake as an HTTP server on 127.0.0.1")
    serve.add_argument("--port", type=int, default=5000, help="TCP port (0: any free port)")
    serve.add_argument("--region", default="us-east-1", help="region of the seeded resources")
    serve.add_argument(
        "--seed",
        type=_count,
        default=0,
        metavar="N",
        help="plain sessions to seed: whole packets, two tags each",
    )
    serve.add_argument(
        "--seed-random",
        type=_count,
        default=0,
        metavar="N",
        help="varied sessions to seed: packet lengths, VNIs, descriptions, tags, on targets"
        " of each type and filters with rules and network services",
    )
    serve.add_argument(
        "--random-seed",
        type=int,
        default=0,
        metavar="S",
        help="the same S seeds the same estate, ids included (default: 0)",
    )
    bench = commands.add_parser(
        "bench-seed", help="time seed_sessions(), seed_targets() and seed_filters()"
    )
    bench.add_argument("--count", type=int, default=10_000, help="of each resource")
    bench.add_argument("--tags", type=int, default=3, help="tags per session")
    args = parser.parse_args(argv)
    if args.command == "serve":
        _serve(
            serve,
            port=int(args.port),
            region=str(args.region),
            plain=int(args.seed),
            varied=int(args.seed_random),
            random_seed=int(args.random_seed),
        )
    else:
        _bench_seed(int(args.count), int(args.tags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
