"""A reader that goes away (``| head``) ends every output format the same quiet way.

The installed command runs in a subprocess with stdout a pipe. The fake holds
every DescribeTrafficMirrorSessions answer until the test has closed its end
of the pipe, so the command's first write meets a closed pipe, whatever the
format and however fast the machine: exit 0, nothing on stderr (no
traceback, no "Exception ignored"), and no more pages fetched once nobody reads.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator

import pytest

from ec2_traffic_mirror.testing import TrafficMirrorServer, traffic_mirror_server
from ec2_traffic_mirror.testing._moto import Reply, Request

from ._support import COMMAND, cli_env

# The installed command in a subprocess, a pipe closed under it, a fake server over HTTP.
pytestmark = pytest.mark.timing_sensitive

FORMATS = ("json", "text", "table", "ndjson", "csv")
STREAMED = ("text", "ndjson", "csv")


@pytest.fixture(scope="module")
def module_server(module_aws_environment: None) -> Iterator[TrafficMirrorServer]:
    with traffic_mirror_server() as server:
        server.fake.seed_sessions(30, tags_per_session=2)
        yield server


def _closed_pipe_run(
    server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> tuple[int, str, int]:
    fake = server.fake
    answer = fake.handle
    released = threading.Event()

    def held(request: Request) -> Reply | None:
        if request.operation == "DescribeTrafficMirrorSessions":
            assert released.wait(60)
        return answer(request)

    monkeypatch.setattr(fake, "handle", held)
    before = fake.call_count("DescribeTrafficMirrorSessions")
    process = subprocess.Popen(
        [str(COMMAND), "sessions", "list", "--output", fmt, "--page-size", "5",
         "--endpoint-url", server.endpoint_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()  # the reader goes away before anything is written
    released.set()
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        monkeypatch.setattr(fake, "handle", answer)
    calls = fake.call_count("DescribeTrafficMirrorSessions") - before
    return process.returncode, stderr.decode("utf-8", "replace"), calls


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_closed_pipe_is_a_quiet_exit_0(
    module_server: TrafficMirrorServer, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    status, stderr, calls = _closed_pipe_run(module_server, monkeypatch, fmt)
    assert (status, stderr) == (0, "")
    if fmt in STREAMED:
        assert calls == 1  # the first page's write failed: no more pages asked for
    else:
        assert calls == 6  # the whole listing is written at the end
