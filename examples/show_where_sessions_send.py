"""Show where each Traffic Mirror session sends its traffic, and what it mirrors.

    python examples/show_where_sessions_send.py [--interface eni-...] [--region eu-west-1]

A session is three ids; this resolves them: the target (a network interface, a
Network Load Balancer or a Gateway Load Balancer endpoint) and the filter with
its rules, fetched in a few batched calls whatever the number of sessions.
Sessions whose target or filter no longer exists are listed at the end, and
the exit status is 1 when there are any.
"""

from __future__ import annotations

import argparse
import sys

from ec2_traffic_mirror import (
    ResolvedSession,
    SessionQuery,
    TrafficMirror,
    TrafficMirrorError,
    TrafficMirrorFilterRule,
    UnknownValue,
)


def describe_rule(rule: TrafficMirrorFilterRule) -> str:
    """One line per rule: ``#100 accept tcp 0.0.0.0/0 -> 10.0.0.0/16 ports 443``."""
    protocol = "all" if rule.protocol is None else {6: "tcp", 17: "udp"}.get(rule.protocol)
    ports = rule.destination_port_range
    to_ports = "" if ports is None else f" ports {ports.from_port}-{ports.to_port}"
    return (
        f"#{rule.rule_number} {rule.rule_action} {protocol or rule.protocol}"
        f" {rule.source_cidr_block} -> {rule.destination_cidr_block}{to_ports}"
    )


def show(entry: ResolvedSession) -> None:
    session, target, filter_ = entry.session, entry.target, entry.filter
    print(f"{session.traffic_mirror_session_id} on {session.network_interface_id}")
    if target is not None:
        kind = target.type
        note = (
            " (a target type this SDK does not know yet)" if isinstance(kind, UnknownValue) else ""
        )
        print(f"  sends to {kind} {target.destination}{note}")
    if filter_ is not None:
        for rule in filter_.rules:
            print(f"  {rule.traffic_direction:7} {describe_rule(rule)}")
        if filter_.network_services:
            print(f"  and the traffic of {', '.join(filter_.network_services)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--interface", help="only the sessions that mirror this interface")
    parser.add_argument("--region")
    parser.add_argument("--endpoint-url", help="another endpoint, e.g. a test fake")
    args = parser.parse_args(argv)

    mirror = TrafficMirror.connect(region_name=args.region, endpoint_url=args.endpoint_url)
    query = SessionQuery().page_size(1000)
    if args.interface:
        query = query.network_interface_id(args.interface)
    broken: list[ResolvedSession] = []
    try:
        for entry in mirror.resolve(mirror.sessions.find(query)):
            show(entry)
            if not entry.is_complete:
                broken.append(entry)
    except TrafficMirrorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for entry in broken:
        for problem in (entry.target_error, entry.filter_error):
            if problem is not None:
                print(f"{entry.session.traffic_mirror_session_id}: {problem}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
