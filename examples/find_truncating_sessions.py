"""Find the Traffic Mirror sessions that truncate packets.

    python examples/find_truncating_sessions.py [--shorter-than 1500] [--region eu-west-1]

A session with a packet length mirrors only the first bytes of each packet:
fine for headers, wrong for payload inspection. This lists every session that
truncates (optionally: below a length), grouped by interface, and exits 1 when
it finds any, so it can gate a pipeline.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from ec2_traffic_mirror import (
    TrafficMirrorError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)


def truncating(
    sessions: list[TrafficMirrorSession], shorter_than: int | None
) -> dict[str, list[TrafficMirrorSession]]:
    """The sessions that truncate packets (below ``shorter_than`` if given), by interface."""
    by_interface: dict[str, list[TrafficMirrorSession]] = defaultdict(list)
    for session in sessions:
        length = session.packet_length
        if length is None:
            continue  # the whole packet is mirrored
        if shorter_than is not None and length >= shorter_than:
            continue
        by_interface[session.network_interface_id].append(session)
    return dict(by_interface)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shorter-than", type=int, help="only lengths below this many bytes")
    parser.add_argument("--region")
    parser.add_argument("--endpoint-url", help="another endpoint, e.g. a test fake")
    args = parser.parse_args(argv)

    repo = TrafficMirrorSessionRepository.connect(
        region_name=args.region, endpoint_url=args.endpoint_url
    )
    try:
        found = truncating(list(repo.find()), args.shorter_than)
    except TrafficMirrorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    total = sum(len(sessions) for sessions in found.values())
    for interface, sessions in sorted(found.items()):
        print(interface)
        for session in sorted(sessions, key=lambda s: s.session_number):
            print(
                f"  {session.traffic_mirror_session_id} #{session.session_number} "
                f"mirrors {session.packet_length} bytes of each packet"
            )
    print(f"{total} truncating session(s) on {len(found)} interface(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
