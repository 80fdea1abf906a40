"""The progress line and the text formats, in-process."""

from __future__ import annotations

import io

from ec2_traffic_mirror import TrafficMirrorSession
from ec2_traffic_mirror.cli._output import Progress, format_tags, render_table
from ec2_traffic_mirror.cli._resources import SESSIONS, item_of


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_waits_a_moment_then_updates_at_most_every_interval_and_clears() -> None:
    stream, clock = _Terminal(), _Clock()
    progress = Progress(stream, enabled=True, delay=0.5, interval=0.1, clock=clock)
    progress.update(5)
    clock.now += 0.4
    progress.update(10)
    assert stream.getvalue() == ""  # a quick listing shows nothing
    clock.now += 0.2
    progress.update(15)
    clock.now += 0.05
    progress.update(20)  # too soon after the last line
    clock.now += 0.1
    progress.update(25)
    assert stream.getvalue() == "\rlisting sessions: 15 so far\rlisting sessions: 25 so far"
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_disabled_writes_nothing() -> None:
    stream, clock = _Terminal(), _Clock()
    progress = Progress(stream, enabled=False, delay=0, interval=0, clock=clock)
    clock.now += 10
    progress.update(1)
    progress.clear()
    assert stream.getvalue() == ""


def test_table_escapes_control_characters() -> None:
    session = TrafficMirrorSession.model_validate(
        {
            "TrafficMirrorSessionId": "tms-0123456789abcdef0",
            "TrafficMirrorTargetId": "tmt-1",
            "TrafficMirrorFilterId": "tmf-1",
            "NetworkInterfaceId": "eni-1",
            "OwnerId": "123456789012",
            "SessionNumber": 1,
            "Description": "a\nb\x1b[31mred",
        }
    )
    lines = render_table(SESSIONS.layout, [item_of(session)]).splitlines()
    assert len(lines) == 3
    assert "a\\nb\\x1b[31mred" in lines[1]
    assert "\x1b" not in "".join(lines)
    assert lines[2] == "(1 session)"


def test_table_tags_read_back_one_way_only() -> None:
    """A ``,`` ``=`` quote, space or nothing in a key or value is JSON-quoted, so tags that
    once printed alike (``a=b, c=d``) no longer do."""
    two_tags = [{"Key": "a", "Value": "b"}, {"Key": "c", "Value": "d"}]
    one_tag = [{"Key": "a", "Value": "b, c=d"}]
    assert format_tags(two_tags) == "a=b, c=d"
    assert format_tags(one_tag) == 'a="b, c=d"'
    assert format_tags([{"Key": "k=1", "Value": ""}]) == '"k=1"=""'
    assert format_tags([{"Key": 'say "hi"', "Value": "ü"}]) == '"say \\"hi\\""=ü'
    rendered = render_table(
        SESSIONS.layout,
        [{"TrafficMirrorSessionId": "tms-0123456789abcdef0", "Tags": one_tag}],
    )
    assert 'a="b, c=d"' in rendered.splitlines()[1]
