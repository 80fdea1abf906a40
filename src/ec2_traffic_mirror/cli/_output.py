"""Output: the AWS CLI's json and text, the project's table, ndjson and csv, and ``--query``.

Every command makes AWS-shaped documents (``{"TrafficMirrorSessions": [...]}``,
``{"TrafficMirrorSession": {...}}``), their keys in the order of the
operation's output shape in botocore's model (`_shapes.ordered`), as the AWS
CLI prints them. Then, by ``--output``:

- ``json``: ``json.dump(document, indent=4, ensure_ascii=False)`` and a newline,
  after ``--query`` (JMESPath) if given: byte for byte the AWS CLI's output for
  the same data. A listing is one document (``NextToken`` in it when the
  listing stopped early), as ``aws`` builds it from every page.
- ``text``: the AWS CLI's tab-separated text (`_text`); a listing page by page,
  ``--query`` applied to each page, and a ``NEXTTOKEN`` line when it stopped
  early, as ``aws`` does.
- ``ndjson``: one item per line (the json item), streamed.
- ``csv``: RFC 4180 (CRLF line ends), one row per item, tags as a JSON object; streamed.
- ``table``: the project's compact table for people, one row per item,
  control characters escaped and tags written so that a ``,`` or ``=`` in a
  key or value cannot be misread (such a key or value is JSON-quoted).

``--query`` works with json and text (the other formats have their own fixed layout).
What a resource shows in a table or csv is declared once per resource (`Layout`).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO, TypeGuard, cast, get_args

from ec2_traffic_mirror.cli._shapes import ordered
from ec2_traffic_mirror.cli._text import format_text

if TYPE_CHECKING:
    from botocore.model import Shape
    from jmespath.parser import ParsedResult

__all__ = [
    "FORMATS",
    "QUERY_FORMATS",
    "Column",
    "Layout",
    "ListingSink",
    "Output",
    "OutputFormat",
    "Progress",
    "format_tags",
    "printable",
    "render_details",
    "render_table",
]

OutputFormat = Literal["table", "json", "text", "ndjson", "csv"]
FORMATS: Final[tuple[OutputFormat, ...]] = get_args(OutputFormat)
QUERY_FORMATS: Final[frozenset[OutputFormat]] = frozenset({"json", "text"})
"""The formats ``--query`` works with: the AWS CLI's own."""

Item = dict[str, Any]


def printable(text: str) -> str:
    """``text`` with control and other unprintable characters escaped, for a terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


_PLAIN_TAG_TEXT: Final = frozenset(",=\"'\\ ")


def _tag_text(text: str) -> str:
    """A tag key or value as is, or JSON-quoted when it could be misread (or is empty)."""
    if text and text.strip() == text and not _PLAIN_TAG_TEXT.intersection(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def format_tags(tags: Iterable[Mapping[str, Any]]) -> str:
    """``key=value, key=value``; a key or value with ``,``, ``=``, a quote, a backslash,
    a space or nothing at all is JSON-quoted, so the text reads back one way only."""
    return ", ".join(f"{_tag_text(str(tag['Key']))}={_tag_text(str(tag['Value']))}" for tag in tags)


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of the table: its header, the member it shows, and the text when absent."""

    header: str
    member: str
    absent: str = "-"


@dataclasses.dataclass(frozen=True)
class Layout:
    """How one kind of resource looks in the table and in csv (declared once per resource)."""

    noun: str
    """``session``: for ``(3 sessions)`` and messages."""
    columns: tuple[Column, ...]
    """The table's columns."""
    csv_columns: tuple[str, ...]
    """The csv header: member names; an absent member is an empty cell."""
    computed: Mapping[str, Callable[[Item], object]] = dataclasses.field(
        default_factory=dict[str, Callable[[Item], object]]
    )
    """Values that are not members of the item (a target's ``Destination``, say), by name:
    a column or csv column of such a name shows what the function gives for the item."""
    detail_lines: Mapping[str, Callable[[Item], str]] = dataclasses.field(
        default_factory=dict[str, Callable[[Item], str]]
    )
    """How the objects of a list member read in an item's details (``get --output table``),
    one line each, by member (a filter's rules in brief); otherwise as JSON."""

    def plural(self, count: int) -> str:
        return f"{count} {self.noun}{'' if count == 1 else 's'}"

    def value(self, item: Item, name: str) -> object:
        """The member ``name`` of ``item``, or the computed value of that name."""
        compute = self.computed.get(name)
        return item.get(name) if compute is None else compute(item)

    def csv_row(self, item: Item) -> list[object]:
        """The item's csv cells, in the order of `csv_columns`."""
        return [self.value(item, name) for name in self.csv_columns]


def _is_tag_list(value: object) -> TypeGuard[list[dict[str, Any]]]:
    """Whether ``value`` is a list of ``{"Key": ..., "Value": ...}`` (an AWS tag list)."""
    if not isinstance(value, list):
        return False
    return all(
        isinstance(tag, dict) and set(cast("dict[str, Any]", tag)) == {"Key", "Value"}
        for tag in cast("list[object]", value)
    )


def _cell(value: object, absent: str) -> str:
    if value is None:
        return absent
    if _is_tag_list(value):
        return format_tags(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_table(layout: Layout, items: Sequence[Item]) -> str:
    """The items as aligned columns, with a count at the end."""
    header = tuple(column.header for column in layout.columns)
    rows = [header]
    rows.extend(
        tuple(printable(_cell(layout.value(item, c.member), c.absent)) for c in layout.columns)
        for item in items
    )
    widths = [max(len(row[index]) for row in rows) for index in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.append(f"({layout.plural(len(items))})")
    return "\n".join(lines) + "\n"


def _detail_lines(value: object, brief: Callable[[Item], str] | None) -> list[str]:
    """A member's value as one or more lines: a tag or an object of a list per line."""
    if _is_tag_list(value):
        return [printable(format_tags([tag])) for tag in value] or ["-"]
    if isinstance(value, list):
        entries = cast("list[object]", value)
        if entries and all(isinstance(entry, dict) for entry in entries):
            objects = cast("list[Item]", entries)
            return [printable(_cell(e, "-") if brief is None else brief(e)) for e in objects]
        return [printable(_cell(entries, "-"))]
    return [printable(_cell(value, "-"))]


def render_details(item: Item, layout: Layout | None = None) -> str:
    """One item as ``member  value`` lines; one tag (or object of a list) per line, tags last.

    ``layout`` may say how the objects of a list member read (`Layout.detail_lines`).
    """
    fields = dict(item)
    tags = fields.pop("Tags", None)
    width = max(len(key) for key in (*fields, "Tags"))
    lines: list[str] = []
    members = list(fields.items()) + ([("Tags", tags)] if tags is not None else [])
    for key, value in members:
        brief = None if layout is None else layout.detail_lines.get(key)
        first, *more = _detail_lines(value, brief)
        lines.append(f"{key.ljust(width)}  {first}")
        lines.extend(f"{'':{width}}  {line}" for line in more)
    return "\n".join(lines) + "\n"


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if _is_tag_list(value):
        return json.dumps({tag["Key"]: tag["Value"] for tag in value}, ensure_ascii=False)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Output:
    """Where and how a command prints: the format, ``--query``, the stream."""

    def __init__(self, fmt: OutputFormat, query: ParsedResult | None, stream: TextIO) -> None:
        self.format: OutputFormat = fmt
        self.query = query
        self.stream = stream

    def _searched(self, document: object) -> object:
        return document if self.query is None else self.query.search(document)

    def json_document(self, document: Mapping[str, object], shape: Shape | None) -> None:
        """``document`` (keys in ``shape``'s order) as the AWS CLI's json, after ``--query``."""
        result = self._searched(ordered(dict(document), shape))
        if result != {}:
            self.stream.write(json.dumps(result, indent=4, ensure_ascii=False) + "\n")
        self.stream.flush()

    def text_document(self, document: Mapping[str, object]) -> None:
        """``document`` as the AWS CLI's text, after ``--query``."""
        format_text(self._searched(dict(document)), self.stream)
        self.stream.flush()

    def document(
        self,
        document: Mapping[str, object],
        shape: Shape | None,
        *,
        other: Callable[[], None],
    ) -> None:
        """json or text as the AWS CLI; ``other`` writes the table, ndjson or csv form."""
        if self.format == "json":
            self.json_document(document, shape)
        elif self.format == "text":
            self.text_document(document)
        else:
            other()
            self.stream.flush()

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def csv_rows(self, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        writer = csv.writer(self.stream, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[_csv_cell(cell) for cell in row] for row in rows])
        self.stream.flush()


class ListingSink:
    """Where the pages of a listing go; ``finish`` once at the end (also after an error).

    ``paginated`` is false for ``--no-paginate``: one response, printed as the
    AWS CLI prints a response (``NextToken`` then is AWS's own token).
    ``leading`` names members the SDK adds to each item (a fleet's ``AccountId``
    and ``Region``), written first, before the item's members in botocore's order.
    """

    def __init__(
        self,
        output: Output,
        layout: Layout,
        *,
        result_key: str,
        shape: Shape,
        paginated: bool = True,
        details: bool = False,
        leading: tuple[str, ...] = (),
    ) -> None:
        self._output = output
        self._details = details
        self._layout = layout
        self._result_key = result_key
        self._shape = shape
        self._paginated = paginated
        self._leading = leading
        self._items: list[Item] = []
        self._csv: Any = None
        item_shape: Shape | None = getattr(shape, "members", {}).get(result_key)
        self._item_shape: Shape | None = getattr(item_shape, "member", None)

    @property
    def carries_token(self) -> bool:
        """Whether the token where the listing goes on is printed with the output (else: stderr)."""
        return self._output.format in QUERY_FORMATS

    @property
    def streams(self) -> bool:
        """Whether items are printed as they come (no need for a progress line)."""
        fmt = self._output.format
        return fmt in {"ndjson", "csv"} or (fmt == "text" and self._paginated)

    def _ordered(self, item: Item) -> object:
        if not self._leading:
            return ordered(item, self._item_shape)
        head = {name: item[name] for name in self._leading if name in item}
        rest = {name: value for name, value in item.items() if name not in head}
        return {**head, **cast("Item", ordered(rest, self._item_shape))}

    def page(self, items: Sequence[Item]) -> None:
        """One page's items (boto3 shape, in the model's key order)."""
        fmt = self._output.format
        stream = self._output.stream
        if self._leading and fmt in {"json", "text"}:
            items = [cast("Item", self._ordered(item)) for item in items]
        if fmt == "ndjson":
            for item in items:
                stream.write(json.dumps(self._ordered(item), ensure_ascii=False) + "\n")
            stream.flush()
        elif fmt == "csv":
            if self._csv is None:
                self._csv = csv.writer(stream, lineterminator="\r\n")
                self._csv.writerow(self._layout.csv_columns)
            for item in items:
                self._csv.writerow([_csv_cell(cell) for cell in self._layout.csv_row(item)])
            stream.flush()
        elif fmt == "text" and self._paginated:
            self._output.text_document({self._result_key: list(items)})
        else:
            self._items.extend(items)

    def finish(self, next_token: str | None) -> None:
        """Print what is kept; ``next_token`` is where the listing goes on, if anywhere."""
        fmt = self._output.format
        document: dict[str, object] = {self._result_key: self._items}
        if next_token is not None:
            document["NextToken"] = next_token
        if fmt == "json":
            # Items with leading members are in order already (the shape would move them last).
            self._output.json_document(document, None if self._leading else self._shape)
        elif fmt == "text":
            if not self._paginated:
                self._output.text_document(document)
            elif next_token is not None:
                self._output.text_document({"NextToken": {"NextToken": next_token}})
        elif fmt == "table" and self._details:
            self._output.write(
                "\n".join(render_details(item, self._layout) for item in self._items)
            )
        elif fmt == "table":
            self._output.write(render_table(self._layout, self._items))
        elif fmt == "csv" and self._csv is None:
            self._output.csv_rows(self._layout.csv_columns, [])


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
        what: str = "sessions",
        delay: float = 0.5,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._enabled = enabled
        self._what = what
        self._delay = delay
        self._interval = interval
        self._clock = clock
        self._start = clock()
        self._last: float | None = None

    def update(self, count: int) -> None:
        """``count`` items so far."""
        self.show(lambda: f"listing {self._what}: {count} so far")

    def show(self, text: Callable[[], str]) -> None:
        """The line ``text()`` (made only when it is written), in place of the last one."""
        if not self._enabled:
            return
        now = self._clock()
        if now - self._start < self._delay:
            return
        if self._last is not None and now - self._last < self._interval:
            return
        self._last = now
        self._stream.write(f"\r{text()}")
        self._stream.flush()

    def clear(self) -> None:
        """Erase the line, if one was written."""
        if self._last is not None:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._last = None
