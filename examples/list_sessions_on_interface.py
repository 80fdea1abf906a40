"""List the Traffic Mirror sessions that mirror one network interface.

    python examples/list_sessions_on_interface.py eni-0123456789abcdef0 [--region eu-west-1]

Prints one line per session, in session-number order (the order in which
AWS applies them to the interface's traffic), with the session's Name tag.
"""

from __future__ import annotations

import argparse
import sys

from ec2_traffic_mirror import SessionQuery, TrafficMirrorError, TrafficMirrorSessionRepository


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("network_interface_id", help="the source interface, eni-...")
    parser.add_argument("--region")
    parser.add_argument("--endpoint-url", help="another endpoint, e.g. a test fake")
    args = parser.parse_args(argv)

    repo = TrafficMirrorSessionRepository.connect(
        region_name=args.region, endpoint_url=args.endpoint_url
    )
    try:
        query = SessionQuery().network_interface_id(args.network_interface_id)
        sessions = sorted(repo.find(query), key=lambda session: session.session_number)
    except TrafficMirrorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not sessions:
        print(f"no Traffic Mirror session mirrors {args.network_interface_id}")
        return 0
    for session in sessions:
        length = "whole packet" if session.packet_length is None else f"{session.packet_length} B"
        name = session.tag_value("Name") or "-"
        print(
            f"#{session.session_number:<5} {session.traffic_mirror_session_id}  "
            f"-> {session.traffic_mirror_target_id}  filter {session.traffic_mirror_filter_id}  "
            f"{length}  VNI {session.virtual_network_id}  {name}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
