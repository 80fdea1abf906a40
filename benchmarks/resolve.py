"""Resolve: the API calls ``TrafficMirror.resolve`` makes for many sessions.

1,000 seeded sessions point to 20 targets and 30 filters (session n to target
n % 20 and filter n % 30). The Describe calls are answered in-process, from
botocore's ``before-call`` event (as botocore's Stubber answers): paging by
``MaxResults``, id filters as AWS applies them. Every call is counted, per
operation: listing the sessions, then resolving them in chunks of 1,000 and of
100. The goal: a handful of calls, never one per session (a ``get`` per
session would be 2 calls per session).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, cast

from benchmarks._common import Figures, benchmark_main, emit, new_client

__all__ = ["GOAL", "ResolveResult", "main", "measure"]

GOAL = 5
"""Most calls (targets and filters together) to resolve every session."""

_RESULT_KEYS = {
    "DescribeTrafficMirrorSessions": "TrafficMirrorSessions",
    "DescribeTrafficMirrorTargets": "TrafficMirrorTargets",
    "DescribeTrafficMirrorFilters": "TrafficMirrorFilters",
}


@dataclass(frozen=True)
class ResolveResult:
    """Calls made to list and resolve ``sessions`` sessions over ``targets`` and ``filters``."""

    sessions: int
    targets: int
    filters: int
    session_calls: int
    target_calls_chunks_of_1000: int
    filter_calls_chunks_of_1000: int
    target_calls_chunks_of_100: int
    filter_calls_chunks_of_100: int
    complete: int


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{n:017x}" for n in range(count)]


def _world(sessions: int, targets: int, filters: int) -> dict[str, list[dict[str, Any]]]:
    target_ids, filter_ids = _ids("tmt", targets), _ids("tmf", filters)
    return {
        "DescribeTrafficMirrorSessions": [
            {
                "TrafficMirrorSessionId": f"tms-{n:017x}",
                "TrafficMirrorTargetId": target_ids[n % targets],
                "TrafficMirrorFilterId": filter_ids[n % filters],
                "NetworkInterfaceId": f"eni-{n:017x}",
                "OwnerId": "123456789012",
                "SessionNumber": 1,
                "Tags": [],
            }
            for n in range(sessions)
        ],
        "DescribeTrafficMirrorTargets": [
            {
                "TrafficMirrorTargetId": target_id,
                "NetworkInterfaceId": f"eni-{n + 100_000:017x}",
                "Type": "network-interface",
                "OwnerId": "123456789012",
                "Tags": [],
            }
            for n, target_id in enumerate(target_ids)
        ],
        "DescribeTrafficMirrorFilters": [
            {
                "TrafficMirrorFilterId": filter_id,
                "IngressFilterRules": [
                    {
                        "TrafficMirrorFilterRuleId": f"tmfr-{n:017x}",
                        "TrafficMirrorFilterId": filter_id,
                        "TrafficDirection": "ingress",
                        "RuleNumber": 100,
                        "RuleAction": "accept",
                        "DestinationCidrBlock": "0.0.0.0/0",
                        "SourceCidrBlock": "0.0.0.0/0",
                    }
                ],
                "EgressFilterRules": [],
                "NetworkServices": [],
                "Tags": [],
            }
            for n, filter_id in enumerate(filter_ids)
        ],
    }


class _Answers:
    """Answers the three Describe calls from the seeded items, and counts them."""

    def __init__(self, items: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        self.items = items
        self.calls: Counter[str] = Counter()
        self._params: dict[str, Any] = {}

    def keep(self, params: dict[str, Any], **_: object) -> None:
        self._params = copy.deepcopy(params)

    def answer(self, model: Any, **_: object) -> tuple[Any, dict[str, Any]]:
        from botocore.awsrequest import AWSResponse, HTTPHeaders

        operation = str(model.name)
        self.calls[operation] += 1
        result_key = _RESULT_KEYS[operation]
        found = list(self.items[operation])
        for entry in self._params.get("Filters", []):
            member = "".join(part.capitalize() for part in entry["Name"].split("-"))
            found = [item for item in found if str(item.get(member)) in entry["Values"]]
        start = int(self._params.get("NextToken", "0"))
        size = int(self._params.get("MaxResults", 1000))
        answer: dict[str, Any] = {result_key: found[start : start + size]}
        if start + size < len(found):
            answer["NextToken"] = str(start + size)
        return AWSResponse("https://ec2.us-east-1.amazonaws.com/", 200, HTTPHeaders(), None), answer


def measure(sessions: int, targets: int, filters: int) -> ResolveResult:
    """List ``sessions`` sessions and resolve them in chunks of 1,000 and 100; count the calls."""
    from ec2_traffic_mirror import SessionQuery, TrafficMirror

    answers = _Answers(_world(sessions, targets, filters))
    client = new_client("https://ec2.us-east-1.amazonaws.com")
    for operation in _RESULT_KEYS:
        client.meta.events.register(f"before-parameter-build.ec2.{operation}", answers.keep)
        # A before-call handler that answers is what botocore's Stubber is.
        client.meta.events.register(f"before-call.ec2.{operation}", cast("Any", answers.answer))
    mirror = TrafficMirror(client)
    listed = list(mirror.sessions.find(SessionQuery().page_size(1000)))
    session_calls = answers.calls["DescribeTrafficMirrorSessions"]
    counts: dict[int, tuple[int, int]] = {}
    complete = 0
    for chunk_size in (1000, 100):
        answers.calls.clear()
        resolved = list(mirror.resolve(listed, chunk_size=chunk_size))
        complete = sum(1 for entry in resolved if entry.is_complete)
        counts[chunk_size] = (
            answers.calls["DescribeTrafficMirrorTargets"],
            answers.calls["DescribeTrafficMirrorFilters"],
        )
    return ResolveResult(
        sessions=sessions,
        targets=targets,
        filters=filters,
        session_calls=session_calls,
        target_calls_chunks_of_1000=counts[1000][0],
        filter_calls_chunks_of_1000=counts[1000][1],
        target_calls_chunks_of_100=counts[100][0],
        filter_calls_chunks_of_100=counts[100][1],
        complete=complete,
    )


def run(*, quick: bool = False) -> ResolveResult:
    """1,000 sessions over 20 targets and 30 filters, or 100 over the same (``quick``)."""
    return measure(100, 20, 30) if quick else measure(1000, 20, 30)


def report(result: ResolveResult, *, as_json: bool, quick: bool = False) -> None:
    """Print the figures: calls per operation, against the goal and against one get per session."""
    resolve_calls = result.target_calls_chunks_of_1000 + result.filter_calls_chunks_of_1000
    figures: Figures = {
        "goal": GOAL,
        "resolve_calls": resolve_calls,
        "one_get_per_session_calls": 2 * result.sessions,
        **asdict(result),
    }
    verdict = "met" if resolve_calls <= GOAL else "NOT met"
    lines = [
        f"{result.sessions:,} sessions over {result.targets} targets and {result.filters} filters",
        f"listing the sessions: {result.session_calls} call(s)",
        f"resolving, chunks of 1,000: {result.target_calls_chunks_of_1000} target call(s),"
        f" {result.filter_calls_chunks_of_1000} filter call(s) (goal: at most {GOAL}: {verdict});"
        f" one get per session would be {2 * result.sessions:,}",
        f"resolving, chunks of 100: {result.target_calls_chunks_of_100} target call(s),"
        f" {result.filter_calls_chunks_of_100} filter call(s)",
        f"sessions resolved completely: {result.complete:,}",
    ]
    emit("resolve", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.resolve [--quick] [--json]``."""


if __name__ == "__main__":
    main()
