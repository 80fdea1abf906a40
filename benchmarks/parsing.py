"""Parsing alone: botocore's parser against the SDK's fast parser, on the same answer.

One real ``DescribeTrafficMirrorSessions`` answer (captured once from the fake
over HTTP, as `benchmarks.overhead` does) is parsed, alternating, many rounds:

(a) by botocore's ``EC2QueryParser`` (``botocore.parsers.create_parser("ec2")``),
    as botocore's endpoint parses every answer;
(b) by what the endpoint runs when the fast parser is installed:
    ``ec2_traffic_mirror._parsing.fast_parse`` (the XML tree and the walk),
    then botocore's parser on the small stand-in body, updated with the members.

Both results are checked equal first (``repr``, so key order counts). Printed:
CPU microseconds per item of each (medians) and the median of the per-round
ratios b/a.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from benchmarks._canned import CannedResponse, capture
from benchmarks._common import Figures, benchmark_main, emit, median

__all__ = ["ParsingResult", "main", "measure"]

_OPERATION = "DescribeTrafficMirrorSessions"


@dataclass(frozen=True)
class ParsingResult:
    """The figures of one tag count."""

    tags: int
    items: int
    rounds: int
    botocore_us_per_item: float
    """(a): botocore's ``EC2QueryParser``."""
    fast_us_per_item: float
    """(b): the fast parser and botocore's parse of the stand-in body."""
    ratio: float
    """The median of the per-round ratios b/a."""


def measure(canned: CannedResponse, tags: int, items: int, rounds: int) -> ParsingResult:
    """Parse a page of ``items`` sessions both ways ``rounds`` times, alternating."""
    import botocore.session
    from botocore.parsers import create_parser

    from ec2_traffic_mirror._parsing import fast_parse

    operation = botocore.session.get_session().get_service_model("ec2").operation_model(_OPERATION)
    shape = operation.output_shape
    if shape is None:
        raise RuntimeError(f"{_OPERATION} has no output shape")
    parser = create_parser("ec2")

    def answer() -> dict[str, Any]:
        # What botocore's endpoint hands its parser (convert_to_response_dict).
        return {
            "status_code": canned.status,
            "headers": dict(canned.headers),
            "body": canned.body,
            "context": {"operation_name": _OPERATION},
        }

    def botocore_parse() -> Any:
        return parser.parse(answer(), shape)

    def fast() -> Any:
        response = answer()
        parsed = fast_parse(operation, response)
        if parsed is None:
            raise RuntimeError("the fast parser declined the answer")
        members, stand_in = parsed
        response["body"] = stand_in
        result = parser.parse(response, shape)
        result.update(members)
        return result

    if repr(fast()) != repr(botocore_parse()):
        raise RuntimeError("the two parsers disagree")
    timings: tuple[list[float], list[float]] = ([], [])
    runs: tuple[Callable[[], Any], Callable[[], Any]] = (botocore_parse, fast)
    for index in range(rounds):
        gc.collect()
        for which in (0, 1) if index % 2 == 0 else (1, 0):
            start = time.process_time()
            runs[which]()
            timings[which].append(time.process_time() - start)
    per_item = 1e6 / items
    slow_times, fast_times = timings
    return ParsingResult(
        tags=tags,
        items=items,
        rounds=rounds,
        botocore_us_per_item=median(slow_times) * per_item,
        fast_us_per_item=median(fast_times) * per_item,
        ratio=median([b / a for a, b in zip(slow_times, fast_times, strict=True)]),
    )


def run(*, quick: bool = False, tag_counts: Sequence[int] = (0, 3)) -> list[ParsingResult]:
    """The benchmark at full size (1,000 items, 40 rounds) or tiny (``quick``)."""
    items, rounds = (10, 3) if quick else (1000, 40)
    pages = capture(items, tag_counts)
    return [
        measure(page, tags, items, rounds) for page, tags in zip(pages, tag_counts, strict=True)
    ]


def report(results: Sequence[ParsingResult], *, as_json: bool, quick: bool = False) -> None:
    """Print the figures (there is no goal to judge, so ``quick`` changes nothing)."""
    figures: Figures = {"results": [asdict(result) for result in results]}
    lines = ["a = botocore's EC2QueryParser, b = the fast parser; same XML, equal results"]
    lines.extend(
        f"{result.tags} tags, {result.items} items x {result.rounds} rounds:"
        f" a {result.botocore_us_per_item:.1f} us/item, b {result.fast_us_per_item:.1f} us/item,"
        f" median b/a {result.ratio:.3f}"
        for result in results
    )
    emit("parsing", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.parsing [--quick] [--json]``."""


if __name__ == "__main__":
    main()
