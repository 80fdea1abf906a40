"""Export every Traffic Mirror session to a JSON file, in the AWS shape.

    python examples/export_sessions_json.py sessions.json [--owner-id 123456789012]

The file holds ``{"TrafficMirrorSessions": [...]}`` with each item exactly as
``aws ec2 describe-traffic-mirror-sessions`` gives it, so other tools read it
as they would the AWS CLI's output. Items are validated on the way: one that
breaks the API's rules stops the export with the session id, field and rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ec2_traffic_mirror import SessionQuery, TrafficMirrorError, TrafficMirrorSessionRepository


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", type=Path, help="the JSON file to write")
    parser.add_argument("--owner-id", action="append", default=[], help="only these accounts")
    parser.add_argument("--region")
    parser.add_argument("--endpoint-url", help="another endpoint, e.g. a test fake")
    args = parser.parse_args(argv)

    repo = TrafficMirrorSessionRepository.connect(
        region_name=args.region, endpoint_url=args.endpoint_url
    )
    query = SessionQuery().page_size(1000)
    if args.owner_id:
        query = query.owner_id(*args.owner_id)
    try:
        items = [
            session.model_dump(mode="json", by_alias=True, exclude_none=True)
            for session in repo.find(query)
        ]
    except TrafficMirrorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    document = {"TrafficMirrorSessions": items}
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} session(s) to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
