"""Real ``DescribeTrafficMirrorSessions`` answers, captured once and replayed.

`capture` asks the fake (over HTTP, in a child process) for one page and keeps
the exact bytes botocore received. `replay` makes a client answer every
``DescribeTrafficMirrorSessions`` call with those bytes from botocore's
``before-send`` event: everything up to the socket (serializing, signing) and
everything after it (XML parsing, the paginator, the SDK) runs as it would
against AWS; only the network is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from benchmarks._common import new_client
from benchmarks._server import fake_server, group_pattern

if TYPE_CHECKING:
    from mypy_boto3_ec2 import EC2Client

__all__ = ["CannedResponse", "capture", "replay"]

_OPERATION = "DescribeTrafficMirrorSessions"


@dataclass(frozen=True)
class CannedResponse:
    """An HTTP answer as botocore received it."""

    status: int
    headers: Mapping[str, str]
    body: bytes


class _Raw:
    """The ``raw`` botocore's ``AWSResponse`` reads the body from."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: object) -> Iterator[bytes]:
        yield self._body


def capture(items: int, tag_counts: Sequence[int]) -> list[CannedResponse]:
    """For each tag count, one page of ``items`` sessions with that many tags, from the fake."""
    captured: list[CannedResponse] = []

    def keep(response_dict: Mapping[str, Any], **_: object) -> None:
        headers = {str(key): str(value) for key, value in response_dict["headers"].items()}
        status, body = response_dict["status_code"], response_dict["body"]
        captured.append(CannedResponse(status, headers, body))

    with fake_server(*((items, tags) for tags in tag_counts)) as endpoint_url:
        client = new_client(endpoint_url)
        client.meta.events.register(f"before-parse.ec2.{_OPERATION}", keep)
        for group in range(len(tag_counts)):
            response = client.describe_traffic_mirror_sessions(
                Filters=[{"Name": "description", "Values": [group_pattern(group)]}],
                MaxResults=max(items, 5),
            )
            if len(response["TrafficMirrorSessions"]) != items or "NextToken" in response:
                raise RuntimeError(f"expected one page of {items} sessions from the fake")
    return captured


def replay(canned: CannedResponse) -> EC2Client:
    """A new client (no retries, dummy credentials) that gets ``canned`` for every listing call."""
    from botocore.awsrequest import AWSResponse
    from botocore.compat import HTTPHeaders

    client = new_client("http://127.0.0.1:9")  # never connected to: before-send answers

    def answer(request: Any, **_: object) -> AWSResponse:
        headers = HTTPHeaders.from_dict(canned.headers)
        return AWSResponse(request.url, canned.status, headers, _Raw(canned.body))

    # botocore-stubs type every handler as returning None; a before-send handler
    # that returns a response is botocore's documented way to answer a request.
    client.meta.events.register(
        f"before-send.ec2.{_OPERATION}", cast("Callable[..., None]", answer)
    )
    return client
