"""The AWS CLI's shorthand syntax and its rules for list, structure and scalar arguments.

``--filters Name=description,Values=prod*,staging Name=owner-id,Values=[1,2]``
means what it means to ``aws``: this module follows the AWS CLI v1's
``awscli.shorthand.ShorthandParser`` (the grammar, character classes, escapes,
quoting, whitespace, backtracking and the ``key@=file://...`` form) and
``awscli.argprocess`` (when a value is JSON, when shorthand, ``file://`` values,
and the ``BackCompatVisitor`` that turns ``Values=a`` into ``["a"]`` where the
model wants a list). A differential property test runs it against awscli's own
parser on generated input (``tests/cli/test_shorthand.py``).

The grammar, in the AWS CLI's words::

    parameter    = keyval *("," keyval)
    keyval       = key "=" [values] / key "@=" [file-optional-values]
    key          = 1*([a-zA-Z0-9] / "-" / "_" / "." / "#" / "/" / ":")
    values       = csv-list / explicit-list / hash-literal
    csv-list     = first-value *("," second-value)
    explicit-list = "[" [value *("," value)] "]"
    hash-literal = "{" keyval *("," keyval) "}"

A first value may hold ``=`` but not start with it; a second value stops at
``=`` (``a=b,c=d`` is two keys, not one list); ``\\,`` is a literal comma in an
unquoted value, where every other backslash is kept as it is (so
``Values=literal star\\**`` sends ``literal star\\**``, an escaped star for
AWS); quoted values (``'...'`` or ``"..."``) keep everything, with ``\\'`` /
``\\"`` and ``\\\\`` unescaped; unquoted values lose trailing whitespace.

Nothing here imports click or calls AWS. Model shapes are botocore's
(``botocore.model.Shape``).
"""

from __future__ import annotations

import json
import os
import re
import string
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, TypeAlias, cast

if TYPE_CHECKING:
    from botocore.model import Shape

__all__ = [
    "ArgumentError",
    "Parsed",
    "ShorthandError",
    "apply_model",
    "parse_shorthand",
    "read_file_value",
    "unpack_argument",
]

Parsed: TypeAlias = "str | bytes | list[Parsed] | dict[str, Parsed]"
"""What shorthand gives: strings (bytes from ``fileb://``), lists and objects."""

_SCALARS: Final = frozenset(
    {"string", "float", "integer", "long", "boolean", "double", "blob", "timestamp"}
)
_COMPLEX: Final = frozenset({"structure", "list", "map"})


class ShorthandError(ValueError):
    """Text that the shorthand grammar cannot read; ``str()`` shows where."""

    def __init__(self, text: str, index: int, message: str) -> None:
        self.text = text
        self.index = index
        super().__init__(f"{message} at position {index + 1} of {text!r}")


class ArgumentError(ValueError):
    """A value that the AWS CLI's rules refuse for an argument (JSON, shorthand or a file)."""


# -- the grammar -----------------------------------------------------------------------
# The character classes are awscli's, range for range: they decide which
# characters may start or continue an unquoted value. Characters beyond
# U+FFFF (emoji, say) are in none of them, so they must be quoted, as in awscli.
_START_WORD: Final = r"\!\#-&\(-\+\--\<\>-Z\\\\-z\u007c-\uffff"
_FIRST_FOLLOW_CHARS: Final = r"\s\!\#-&\(-\+\--\\\\\^-\|~-\uffff"
_SECOND_FOLLOW_CHARS: Final = r"\s\!\#-&\(-\+\--\<\>-\uffff"
_ESCAPED_COMMA: Final = r"(\\,)"
_FIRST_VALUE: Final = re.compile(
    f"({_ESCAPED_COMMA}|[{_START_WORD}])({_ESCAPED_COMMA}|[{_FIRST_FOLLOW_CHARS}])*"
)
_SECOND_VALUE: Final = re.compile(
    f"({_ESCAPED_COMMA}|[{_START_WORD}])({_ESCAPED_COMMA}|[{_SECOND_FOLLOW_CHARS}])*"
)
_SINGLE_QUOTED: Final = re.compile(r"'(?:\\'|[^'])*'")
_DOUBLE_QUOTED: Final = re.compile(r'"(?:\\"|[^"])*"')
_KEY_CHARS: Final = frozenset(string.ascii_letters + string.digits + "-_.#/:")
_WHITESPACE: Final = frozenset(string.whitespace)
_FILE_PREFIXES: Final = ("file://", "fileb://")


def read_file_value(value: str) -> str | bytes | None:
    """The content of ``file://PATH`` (text) or ``fileb://PATH`` (bytes); ``None`` otherwise.

    As the AWS CLI: ``~`` and ``$VARIABLES`` in the path are expanded. A file
    that cannot be read is an `ArgumentError`. Text files are read as UTF-8.
    """
    for prefix in _FILE_PREFIXES:
        if value.startswith(prefix):
            path = os.path.expandvars(os.path.expanduser(value[len(prefix) :]))
            try:
                if prefix == "fileb://":
                    with open(path, "rb") as binary:
                        return binary.read()
                with open(path, encoding="utf-8") as text:
                    return text.read()
            except UnicodeDecodeError:
                raise ArgumentError(
                    f"cannot read {value}: not UTF-8 text (fileb:// reads a binary file)"
                ) from None
            except OSError as error:
                raise ArgumentError(f"cannot read {value}: {error.strerror or error}") from None
    return None


class _Parser:
    """One parse of one shorthand string (awscli's ``ShorthandParser``, typed)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._index = 0
        self._files = False

    # -- helpers ---------------------------------------------------------------

    def _error(self, message: str, index: int | None = None) -> ShorthandError:
        return ShorthandError(self._text, self._index if index is None else index, message)

    def _at_eof(self) -> bool:
        return self._index >= len(self._text)

    def _current(self) -> str | None:
        return self._text[self._index] if self._index < len(self._text) else None

    def _skip_whitespace(self) -> None:
        while self._index < len(self._text) and self._text[self._index] in _WHITESPACE:
            self._index += 1

    def _expect(self, char: str, *, skip_whitespace: bool = False) -> None:
        if skip_whitespace:
            self._skip_whitespace()
        if self._at_eof():
            raise self._error(f"expected {char!r}, got the end")
        actual = self._text[self._index]
        if actual != char:
            raise self._error(f"expected {char!r}, got {actual!r}")
        self._index += 1
        if skip_whitespace:
            self._skip_whitespace()

    def _try_expect(self, char: str) -> bool:
        """``_expect(char, skip_whitespace=True)``; on failure, where awscli's would raise."""
        try:
            self._expect(char, skip_whitespace=True)
        except ShorthandError:
            return False  # having skipped the whitespace, as awscli's does
        return True

    def _match(self, pattern: re.Pattern[str]) -> str | None:
        found = pattern.match(self._text, self._index)
        if found is None:
            return None
        self._index = found.end()
        return found.group(0)

    def _backtrack_to(self, char: str) -> None:
        while self._index >= 0 and self._text[self._index] != char:
            self._index -= 1

    def _resolve(self, value: str) -> str | bytes:
        if self._files:
            content = read_file_value(value)
            if content is not None:
                return content
        return value

    # -- the productions ---------------------------------------------------------

    def parameter(self) -> dict[str, Parsed]:
        params: dict[str, Parsed] = {}
        key, value = self._keyval()
        params[key] = value
        last_index = self._index
        while not self._at_eof():
            self._expect(",", skip_whitespace=True)
            key, value = self._keyval()
            if key in params:
                raise self._error(
                    f"the key {key!r} is given twice (often a ',' written where a space"
                    " should separate two values)",
                    last_index + 1,
                )
            params[key] = value
            last_index = self._index
        return params

    def _keyval(self) -> tuple[str, Parsed]:
        key = self._key()
        self._files = self._try_expect("@")
        self._expect("=", skip_whitespace=True)
        return key, self._values()

    def _key(self) -> str:
        start = self._index
        while not self._at_eof() and self._text[self._index] in _KEY_CHARS:
            self._index += 1
        return self._text[start : self._index]

    def _values(self) -> Parsed:
        current = self._current()
        if current is None:
            return ""
        if current == "[":
            return self._explicit_list()
        if current == "{":
            return self._hash_literal()
        return self._csv_value()

    def _csv_value(self) -> Parsed:
        first = self._first_value()
        self._skip_whitespace()
        if self._at_eof() or self._text[self._index] != ",":
            return first
        self._expect(",", skip_whitespace=True)
        values: list[Parsed] = [first]
        while True:
            try:
                current = self._second_value()
                self._skip_whitespace()
                if self._at_eof():
                    values.append(current)
                    break
                self._expect(",", skip_whitespace=True)
                values.append(current)
            except ShorthandError:
                # ``a=b,c=d``: "c" was the next key, not a value. Go back to the comma.
                if self._at_eof():
                    raise
                self._backtrack_to(",")
                break
        return first if len(values) == 1 else values

    def _value(self) -> Parsed:
        consumed = self._match(_FIRST_VALUE)
        if consumed is None:
            return ""
        return self._resolve(consumed.replace("\\,", ",").rstrip())

    def _explicit_list(self) -> list[Parsed]:
        self._expect("[", skip_whitespace=True)
        values: list[Parsed] = []
        while self._current() != "]":
            values.append(self._explicit_value())
            self._skip_whitespace()
            if self._current() != "]":
                self._expect(",")
                self._skip_whitespace()
        self._expect("]")
        return values

    def _explicit_value(self) -> Parsed:
        current = self._current()
        if current == "[":
            return self._explicit_list()
        if current == "{":
            return self._hash_literal()
        return self._first_value()

    def _hash_literal(self) -> dict[str, Parsed]:
        self._expect("{", skip_whitespace=True)
        pairs: dict[str, Parsed] = {}
        while self._current() != "}":
            key = self._key()
            self._files = self._try_expect("@")
            self._expect("=", skip_whitespace=True)
            value = self._explicit_value()
            self._skip_whitespace()
            if self._current() != "}":
                self._expect(",")
                self._skip_whitespace()
            pairs[key] = value
        self._expect("}")
        return pairs

    def _first_value(self) -> Parsed:
        current = self._current()
        if current == "'":
            return self._quoted(_SINGLE_QUOTED, "'")
        if current == '"':
            return self._quoted(_DOUBLE_QUOTED, '"')
        return self._value()

    def _second_value(self) -> Parsed:
        current = self._current()
        if current == "'":
            return self._quoted(_SINGLE_QUOTED, "'")
        if current == '"':
            return self._quoted(_DOUBLE_QUOTED, '"')
        consumed = self._match(_SECOND_VALUE)
        if consumed is None:
            raise self._error("expected a value")
        return self._resolve(consumed.replace("\\,", ",").rstrip())

    def _quoted(self, pattern: re.Pattern[str], quote: str) -> Parsed:
        consumed = self._match(pattern)
        if consumed is None:
            raise self._error(f"a {quote} quote that is never closed")
        value = consumed[1:-1].replace("\\" + quote, quote).replace("\\\\", "\\")
        return self._resolve(value)


def parse_shorthand(text: str) -> dict[str, Parsed]:
    """``text`` in shorthand syntax, as awscli's ``ShorthandParser().parse(text)`` gives it.

    Raises `ShorthandError` where awscli's parser raises (with a position),
    and `ArgumentError` for a ``key@=file://...`` file that cannot be read.
    """
    return _Parser(text).parameter()


# -- the model's say (awscli's BackCompatVisitor) ---------------------------------------


def apply_model(value: object, shape: Shape) -> object:
    """``value`` with awscli's back-compat coercions for ``shape`` made inside it.

    Below the top level, a single value where the model wants a list becomes a
    one-item list (``Values=a`` is ``["a"]``); integer, float and boolean
    members are converted from their text (``"true"``/``"false"`` only, any
    letter case; other text is left for the type check to refuse). As in
    awscli, the top-level value itself is never replaced: the same object is
    returned, changed in place.
    """
    _visit({}, "", shape, value)
    return value


def _visit(
    parent: dict[str, object] | list[object], key: str | int, shape: Shape, value: object
) -> None:
    if value is None:
        return
    if getattr(shape, "is_document_type", False):
        raise ArgumentError("shorthand cannot give a document: use JSON for the whole argument")
    kind = shape.type_name
    if kind == "structure":
        if isinstance(value, dict):
            fields = cast("dict[str, object]", value)
            for name, member in _members(shape).items():
                _visit(fields, name, member, fields.get(name))
    elif kind == "list":
        if isinstance(value, list):
            items = cast("list[object]", value)
            member = _member(shape)
            for index, item in enumerate(items):
                _visit(items, index, member, item)
        else:
            _set(parent, key, [value])
    elif kind == "map":
        if isinstance(value, dict):
            entries = cast("dict[str, object]", value)
            value_shape = _map_value(shape)
            for name, entry in list(entries.items()):
                _visit(entries, name, value_shape, entry)
    elif isinstance(value, str):
        _set(parent, key, _coerced(kind, value))


def _coerced(kind: str, value: str) -> object:
    try:
        if kind in {"integer", "long"}:
            return int(value)
        if kind in {"double", "float"}:
            return float(value)
    except ValueError:
        raise ArgumentError(f"takes a number, got {value!r}") from None
    if kind == "boolean" and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    return value


def _set(parent: dict[str, object] | list[object], key: str | int, value: object) -> None:
    if isinstance(parent, list):
        parent[int(key)] = value
    else:
        parent[str(key)] = value


def _members(shape: Shape) -> dict[str, Shape]:
    members: dict[str, Shape] = getattr(shape, "members")  # noqa: B009
    return members


def _member(shape: Shape) -> Shape:
    member: Shape = getattr(shape, "member")  # noqa: B009
    return member


def _map_value(shape: Shape) -> Shape:
    value: Shape = getattr(shape, "value")  # noqa: B009
    return value


# -- one argument, as awscli unpacks it ---------------------------------------------------


def _supports_shorthand(shape: Shape) -> bool:
    if shape.type_name not in _COMPLEX:
        return False
    return shape.type_name != "list" or _member(shape).type_name in _COMPLEX


def _json(text: str) -> object:
    try:
        decoded: object = json.loads(text)
    except ValueError as error:
        raise ArgumentError(f"is not valid JSON ({error}): {text!r}") from None
    return decoded


def _starts_with(value: object, chars: str) -> bool:
    return isinstance(value, str) and value.strip().startswith(tuple(chars))


def _unpack_complex(shape: Shape, value: str | list[str]) -> object:
    """awscli's ``_unpack_complex_cli_arg``: JSON where the value looks like JSON."""
    if shape.type_name in {"structure", "map"}:
        text = value if isinstance(value, str) else value[0]
        if text.lstrip()[:1] == "{":
            return _json(text)
        raise ArgumentError(f"takes JSON here (an object), got {text!r}")
    if isinstance(value, str):
        if value.lstrip()[:1] == "[":
            return _json(value)
        raise ArgumentError(f"takes a JSON list here, got {value!r}")
    if len(value) == 1 and value[0].strip()[:1] == "[":
        return _json(value[0])
    member = _member(shape)
    return [_unpack_one(member, item) for item in value]


def _unpack_one(shape: Shape, value: str) -> object:
    if shape.type_name in _COMPLEX:
        return _unpack_complex(shape, value)
    return _scalar(shape, value)


def _scalar(shape: Shape, value: str) -> object:
    kind = shape.type_name
    try:
        if kind in {"integer", "long"}:
            return int(value)
        if kind in {"float", "double"}:
            return float(value)
    except ValueError:
        raise ArgumentError(f"takes a number, got {value!r}") from None
    if kind == "boolean":
        return value.lower() != "false" and bool(value)
    return value


def unpack_argument(shape: Shape, values: Sequence[str], *, many: bool) -> object:
    """The value the AWS CLI would send for an argument of ``shape`` given ``values``.

    ``many`` is true for a list argument (``--filters A B C``: each command-line
    word a value); otherwise ``values`` holds exactly one word. The steps are
    awscli's: a lone ``file://``/``fileb://`` value is replaced by the file's
    content; a value that starts with ``[`` or ``{`` is JSON; a structure, map
    or list of those is otherwise shorthand, each word parsed on its own and
    coerced by the model (`apply_model`); anything else is taken as it is.
    The result is not yet checked against the model's types: see `_shapes`.
    """
    raw: str | bytes | list[str] = list(values) if many else values[0]
    single = raw[0] if isinstance(raw, list) and len(raw) == 1 else raw
    if isinstance(single, str):
        content = read_file_value(single)
        if content is not None:
            raw = content
    if isinstance(raw, bytes):
        if shape.type_name == "blob":
            return raw
        raise ArgumentError("takes text, got the bytes of a fileb:// file (use file://)")
    first = raw[0] if isinstance(raw, list) and raw else raw
    if _starts_with(first, "[{") or not _supports_shorthand(shape):
        if shape.type_name in _COMPLEX:
            return _unpack_complex(shape, raw)
        if isinstance(raw, list):
            return [_scalar(shape, item) for item in raw]
        return _scalar(shape, raw)
    try:
        if isinstance(raw, list):
            parsed: object = [parse_shorthand(word) for word in raw]
        else:
            parsed = parse_shorthand(raw)
    except ShorthandError as error:
        raise ArgumentError(f"cannot be read as shorthand: {error}") from None
    return apply_model(parsed, shape)
