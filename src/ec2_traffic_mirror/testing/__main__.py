"""``python -m ec2_traffic_mirror.testing``: run the fake server, or time bulk seeding.

python -m ec2_traffic_mirror.testing serve [--port 5000] [--seed 100]
python -m ec2_traffic_mirror.testing bench-seed [--count 10000] [--tags 3]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from collections.abc import Sequence

from ec2_traffic_mirror.testing._mock import mock_traffic_mirror
from ec2_traffic_mirror.testing._server import traffic_mirror_server


def _bench_seed(count: int, tags: int) -> None:
    with mock_traffic_mirror() as fake:
        started = time.perf_counter()
        ids = fake.seed_sessions(count, tags_per_session=tags)
        elapsed = time.perf_counter() - started
    print(
        f"seeded {len(ids)} sessions with {tags} tags each in {elapsed:.2f} s"
        f" ({elapsed / max(count, 1) * 1e6:.0f} us per session)"
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
    bench = commands.add_parser("bench-seed", help="time seed_sessions()")
    bench.add_argument("--count", type=int, default=10_000)
    bench.add_argument("--tags", type=int, default=3, help="tags per session")
    args = parser.parse_args(argv)
    if args.command == "serve":
        _serve(int(args.port), int(args.seed), str(args.region))
    else:
        _bench_seed(int(args.count), int(args.tags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
