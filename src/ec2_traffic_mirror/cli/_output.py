"""The output formats of the command, and the progress line.

- ``json``: the document ``aws ec2 describe-traffic-mirror-sessions`` prints,
  ``{"TrafficMirrorSessions": [...]}``, plus ``NextToken`` when the listing
  stopped early (``--max-items``, or an error or Ctrl-C part way).
- ``ndjson``: one session per line, in the same shape; streamed.
- ``csv``: RFC 4180 (quoted where needed, CRLF line ends), one row per session,
  ``Tags`` as a JSON object; streamed.
- ``table``: aligned columns for people, control characters escaped.

Items are the boto3 shape, ``model_dump(by_alias=True, exclude_none=True)``.

The write commands print the session they created or changed in the same
formats; json is then the document ``aws ec2 create-traffic-mirror-session``
(or ``modify-...``) prints, ``{"TrafficMirrorSession": {...}}``.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Sequence
from typing import Any, Final, Literal, TextIO, get_args

from ec2_traffic_mirror._session import TrafficMirrorSession

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "OutputFormat",
    "Progress",
    "Sink",
    "item_of",
    "make_sink",
    "show_deleted",
    "show_session",
    "show_written",
]

OutputFormat = Literal["table", "json", "ndjson", "csv"]
FORMATS: Final[tuple[OutputFormat, ...]] = get_args(OutputFormat)

CSV_COLUMNS: Final = (
    "TrafficMirrorSessionId",
    "TrafficMirrorTargetId",
    "TrafficMirrorFilterId",
    "NetworkInterfaceId",
    "OwnerId",
    "SessionNumber",
    "PacketLength",
    "VirtualNetworkId",
    "Description",
    "Tags",
)
"""The CSV header: the AWS member names; an absent member is an empty cell."""

_TABLE_COLUMNS: Final = (
    "SESSION",
    "INTERFACE",
    "TARGET",
    "FILTER",
    "NUMBER",
    "PACKET",
    "VNI",
    "DESCRIPTION",
    "TAGS",
)


def item_of(session: TrafficMirrorSession) -> dict[str, Any]:
    """The session as boto3 gives it (PascalCase members, absent ones left out)."""
    return session.model_dump(mode="json", by_alias=True, exclude_none=True)


def _printable(text: str) -> str:
    """``text`` with control and other unprintable characters escaped, for a terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _row(session: TrafficMirrorSession) -> tuple[str, ...]:
    return (
        session.traffic_mirror_session_id,
        session.network_interface_id,
        session.traffic_mirror_target_id,
        session.traffic_mirror_filter_id,
        str(session.session_number),
        "whole" if session.packet_length is None else str(session.packet_length),
        "-" if session.virtual_network_id is None else str(session.virtual_network_id),
        "-" if session.description is None else session.description,
        ", ".join(f"{tag.key}={tag.value}" for tag in session.tags),
    )


def render_table(sessions: Sequence[TrafficMirrorSession]) -> str:
    """The sessions as aligned columns, with a count at the end."""
    rows = [_TABLE_COLUMNS, *(tuple(_printable(cell) for cell in _row(s)) for s in sessions)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_TABLE_COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    count = len(sessions)
    lines.append(f"({count} session{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def render_details(session: TrafficMirrorSession) -> str:
    """One session as ``field  value`` lines, one tag per line."""
    item = item_of(session)
    tags = item.pop("Tags", [])
    width = max(len(key) for key in (*item, "Tags"))
    lines = [f"{key.ljust(width)}  {_printable(str(value))}" for key, value in item.items()]
    tag_lines = [_printable(f"{tag['Key']}={tag['Value']}") for tag in tags] or ["-"]
    lines.append(f"{'Tags'.ljust(width)}  {tag_lines[0]}")
    lines.extend(f"{'':{width}}  {line}" for line in tag_lines[1:])
    return "\n".join(lines) + "\n"


class Sink:
    """Where the sessions of one command go; ``finish`` once at the end."""

    carries_token: bool = False
    """Whether ``finish`` puts the resume token in the output (else it goes to stderr)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def add(self, session: TrafficMirrorSession) -> None:
        """Output (or keep for the end) one session."""
        raise NotImplementedError

    def finish(self, next_token: str | None) -> None:
        """Write whatever is kept; ``next_token`` is where the listing goes on, if anywhere."""

    @property
    def streams(self) -> bool:
        """Whether sessions are written as they come (no need for a progress line)."""
        return True


class _JsonSink(Sink):
    carries_token = True

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._items: list[dict[str, Any]] = []

    def add(self, session: TrafficMirrorSession) -> None:
        self._items.append(item_of(session))

    def finish(self, next_token: str | None) -> None:
        document: dict[str, Any] = {"TrafficMirrorSessions": self._items}
        if next_token is not None:
            document["NextToken"] = next_token
        self._stream.write(json.dumps(document, indent=4, ensure_ascii=False) + "\n")
        self._stream.flush()

    @property
    def streams(self) -> bool:
        return False


class _NdjsonSink(Sink):
    def add(self, session: TrafficMirrorSession) -> None:
        self._stream.write(json.dumps(item_of(session), ensure_ascii=False) + "\n")
        self._stream.flush()


class _CsvSink(Sink):
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._header = False

    def _ensure_header(self) -> None:
        if not self._header:
            self._writer.writerow(CSV_COLUMNS)
            self._header = True

    def add(self, session: TrafficMirrorSession) -> None:
        self._ensure_header()
        item = item_of(session)
        tags = {tag["Key"]: tag["Value"] for tag in item.get("Tags", [])}
        row = [item.get(column, "") for column in CSV_COLUMNS[:-1]]
        row.append(json.dumps(tags, ensure_ascii=False))
        self._writer.writerow(row)
        self._stream.flush()

    def finish(self, next_token: str | None) -> None:
        self._ensure_header()
        self._stream.flush()


class _TableSink(Sink):
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._sessions: list[TrafficMirrorSession] = []

    def add(self, session: TrafficMirrorSession) -> None:
        self._sessions.append(session)

    def finish(self, next_token: str | None) -> None:
        self._stream.write(render_table(self._sessions))
        self._stream.flush()

    @property
    def streams(self) -> bool:
        return False


_SINKS: Final[dict[OutputFormat, Callable[[TextIO], Sink]]] = {
    "table": _TableSink,
    "json": _JsonSink,
    "ndjson": _NdjsonSink,
    "csv": _CsvSink,
}


def make_sink(output: OutputFormat, stream: TextIO) -> Sink:
    """The sink of this output format, writing to ``stream``."""
    return _SINKS[output](stream)


def show_session(output: OutputFormat, session: TrafficMirrorSession, stream: TextIO) -> None:
    """One session (``sessions get``): as a one-item listing, or as details in a table."""
    if output == "table":
        stream.write(render_details(session))
        stream.flush()
        return
    sink = make_sink(output, stream)
    sink.add(session)
    sink.finish(None)


def show_written(
    output: OutputFormat,
    session: TrafficMirrorSession,
    stream: TextIO,
    *,
    client_token: str | None = None,
) -> None:
    """A session as ``sessions create`` / ``modify`` print it.

    json: ``{"TrafficMirrorSession": {...}}`` (and ``ClientToken`` when one was
    sent), as the AWS CLI prints it; the other formats as ``sessions get``.
    """
    if output != "json":
        show_session(output, session, stream)
        return
    document: dict[str, Any] = {"TrafficMirrorSession": item_of(session)}
    if client_token is not None:
        document["ClientToken"] = client_token
    stream.write(json.dumps(document, indent=4, ensure_ascii=False) + "\n")
    stream.flush()


def show_deleted(output: OutputFormat, session_id: str, deleted: bool, stream: TextIO) -> None:
    """What ``sessions delete`` did: ``Deleted`` is false when ``--missing-ok`` found nothing.

    json is ``aws ec2 delete-traffic-mirror-session``'s ``{"TrafficMirrorSessionId": ...}``
    with ``Deleted`` added.
    """
    document = {"TrafficMirrorSessionId": session_id, "Deleted": deleted}
    if output == "json":
        stream.write(json.dumps(document, indent=4) + "\n")
    elif output == "ndjson":
        stream.write(json.dumps(document) + "\n")
    elif output == "csv":
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(document)
        writer.writerow([session_id, "true" if deleted else "false"])
    elif deleted:
        stream.write(f"deleted {session_id}\n")
    else:
        stream.write(f"{session_id} does not exist: nothing deleted (--missing-ok)\n")
    stream.flush()


class Progress:
    """A ``listing sessions: N so far`` line on a terminal's stderr, for listings that take a while.

    Nothing is written until ``delay`` seconds have passed, then at most every
    ``interval`` seconds; ``clear`` erases the line.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool,
        delay: float = 0.5,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._enabled = enabled
        self._delay = delay
        self._interval = interval
        self._clock = clock
        self._start = clock()
        self._last: float | None = None

    def update(self, count: int) -> None:
        """``count`` sessions so far."""
        if not self._enabled:
            return
        now = self._clock()
        if now - self._start < self._delay:
            return
        if self._last is not None and now - self._last < self._interval:
            return
        self._last = now
        self._stream.write(f"\rlisting sessions: {count} so far")
        self._stream.flush()

    def clear(self) -> None:
        """Erase the line, if one was written."""
        if self._last is not None:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._last = None
