"""``--filters`` and the other AWS CLI arguments read exactly as the AWS CLI v1 reads them.

Differential: the project's parser (`ec2_traffic_mirror.cli._shorthand`) and
awscli's own (``awscli.shorthand.ShorthandParser``, and ``awscli.argprocess``
for a whole argument) on generated input; the same value out, or both refuse.
Then the cases of the issue that found the differences, as examples.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from pathlib import Path

import botocore.session
import pytest
from botocore.model import Shape
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from ec2_traffic_mirror.cli._shorthand import (
    ArgumentError,
    ShorthandError,
    parse_shorthand,
    unpack_argument,
)

from ._awscli import import_awscli

shorthand = import_awscli("shorthand")
argprocess = import_awscli("argprocess")

_MODEL = botocore.session.get_session().get_service_model("ec2")


def _member(operation: str, member: str) -> Shape:
    shape = _MODEL.operation_model(operation).input_shape
    assert shape is not None
    return shape.members[member]


FILTERS = _member("DescribeTrafficMirrorSessions", "Filters")
IDS = _member("DescribeTrafficMirrorSessions", "TrafficMirrorSessionIds")
TAGS = _member("CreateTags", "Tags")
TAG_SPECIFICATIONS = _member("CreateTrafficMirrorSession", "TagSpecifications")

Outcome = tuple[str, object]


def _ours(text: str) -> Outcome:
    try:
        return ("ok", parse_shorthand(text))
    except ShorthandError:
        return ("error", None)


def _theirs(text: str) -> Outcome:
    try:
        return ("ok", shorthand.ShorthandParser().parse(text))
    except Exception:  # awscli raises its own errors, and a few others on odd input
        return ("error", None)


# -- generated input -----------------------------------------------------------------

# Everything the grammar gives a meaning to, some ordinary characters, and
# characters on either side of its character classes' edges (U+FFFF, beyond).
_ALPHABET = [
    *",=[]{}'\"\\@ \t\n",
    *"ab-_.#/:*?!$%&()+;<>^`|~",
    *"NVZ09",
    "é",
    "\u00a0",
    "\u2028",
    "\uffff",
    "\U0001f600",
]
_noise = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=24)
_word = st.text(alphabet=st.sampled_from([*"ab *?\\,= \t'\"]}{[", "é", "\U0001f600"]), max_size=8)
_space = st.sampled_from(["", "", " ", "  ", "\t"])
_key = st.sampled_from(["Name", "Values", "Key", "Value", "a", "", "b-c", "x.y", "Tags"])


@st.composite
def _quoted(draw: st.DrawFn) -> str:
    quote = draw(st.sampled_from(["'", '"']))
    body = draw(_word).replace(quote, "\\" + quote)
    return f"{quote}{body}{quote}"


_scalar = st.one_of(_word, _quoted())


@st.composite
def _values(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["csv", "csv", "list", "hash"] if depth < 2 else ["csv"]))
    if kind == "csv":
        parts = draw(st.lists(_scalar, min_size=1, max_size=4))
        return ",".join(draw(_space) + part + draw(_space) for part in parts)
    if kind == "list":
        parts = draw(st.lists(st.one_of(_scalar, _values(depth + 1)), max_size=3))
        return "[" + ",".join(draw(_space) + part for part in parts) + draw(_space) + "]"
    pairs = draw(st.lists(st.tuples(_key, _scalar), max_size=3))
    inner = ",".join(f"{key}{draw(_space)}={value}" for key, value in pairs)
    return "{" + inner + "}"


@st.composite
def _shorthand_text(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(_key, _values()), min_size=1, max_size=4))
    parts = [
        f"{key}{draw(_space)}{draw(st.sampled_from(['=', '=', '@=']))}{draw(_space)}{value}"
        for key, value in pairs
    ]
    separators = [draw(st.sampled_from([",", ", ", " ,"])) for _ in parts[1:]]
    return parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=True))


_ISSUE_TEXTS = [
    "Name=description,Values=literal star\\**",
    "Name=description,Values=prod*  ",
    "Name=description,Values=prod-web 1, staging 1",
    "Name=description, Values=prod*",
    "Name=packet-length,Values=[100,200]",
    'Name=description,Values=\'a,b\',"c\\"d"',
    "Name=description,Values=a\\,b,c",
    "Name=a,Values=x,Name=b",
]


@settings(max_examples=400)
@given(st.one_of(_shorthand_text(), _noise))
@example("")
@example("a=😀")
@example("a=[b,{c=d,e=[f]}],g=h")
@example("a=b,,c=d")
@example("a = b , c = 'd'")
def test_parser_agrees_with_awscli(text: str) -> None:
    assume("file://" not in text and "fileb://" not in text)
    assert _ours(text) == _theirs(text)


@pytest.mark.parametrize("text", _ISSUE_TEXTS)
def test_parser_agrees_with_awscli_on_the_issue_cases(text: str) -> None:
    assert _ours(text) == _theirs(text)


# -- whole arguments: JSON or shorthand, the model's coercions ------------------------------


def _cli_argument(shape: Shape, name: str) -> object:
    return types.SimpleNamespace(
        argument_model=shape, cli_name=f"--{name}", name=name, py_name=name.replace("-", "_")
    )


def _theirs_argument(shape: Shape, name: str, words: Sequence[str], *, many: bool) -> Outcome:
    argument = _cli_argument(shape, name)
    value: object = list(words) if many else words[0]
    try:
        parsed = argprocess.ParamShorthandParser()(
            argument, value, event_name=f"process-cli-arg.ec2.describe-traffic-mirror-{name}"
        )
        if parsed is None:
            parsed = argprocess.unpack_cli_arg(argument, value)
    except Exception:
        return ("error", None)
    return ("ok", parsed)


def _ours_argument(shape: Shape, words: Sequence[str], *, many: bool) -> Outcome:
    try:
        return ("ok", unpack_argument(shape, words, many=many))
    except ArgumentError:
        return ("error", None)


_json_word = st.sampled_from([
    '[{"Name": "description", "Values": ["a", "b"]}]',
    '{"Name": "owner-id", "Values": ["1"]}',
    ' [{"Name": "x"}]',
    '[{"Key": "k", "Value": "v"}]',
    "[not json",
    "{",
    '["tms-1", "tms-2"]',
])  # fmt: skip
_argument_words = st.lists(
    st.one_of(_shorthand_text(), _json_word, _noise.filter(bool)), min_size=1, max_size=3
)


@settings(max_examples=300)
@given(
    st.sampled_from([
        ("filters", FILTERS),
        ("tags", TAGS),
        ("tag-specifications", TAG_SPECIFICATIONS),
        ("traffic-mirror-session-ids", IDS),
    ]),
    _argument_words,
)  # fmt: skip
def test_arguments_agree_with_awscli(named: tuple[str, Shape], words: list[str]) -> None:
    name, shape = named
    assume(all("file://" not in word and "fileb://" not in word for word in words))
    many = shape.type_name == "list"
    assert _ours_argument(shape, words, many=many) == _theirs_argument(
        shape, name, words, many=many
    )


# -- the issue's cases, as the values sent ----------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            ["Name=description,Values=literal star\\**"],
            [{"Name": "description", "Values": ["literal star\\**"]}],
        ),
        (["Name=description,Values=prod*  "], [{"Name": "description", "Values": ["prod*"]}]),
        (
            ["Name=description,Values=prod-web 1, staging 1"],
            [{"Name": "description", "Values": ["prod-web 1", "staging 1"]}],
        ),
        (["Name=description, Values=prod*"], [{"Name": "description", "Values": ["prod*"]}]),
        (
            ["Name=packet-length,Values=[100,200]"],
            [{"Name": "packet-length", "Values": ["100", "200"]}],
        ),
        (
            ["Name=session-number,Values=1", "Name=session-number,Values=2"],
            [
                {"Name": "session-number", "Values": ["1"]},
                {"Name": "session-number", "Values": ["2"]},
            ],
        ),
        (
            ['[{"Name": "description", "Values": ["literal star\\\\**"]}]'],
            [{"Name": "description", "Values": ["literal star\\**"]}],
        ),
    ],
)
def test_issue_cases_send_what_the_aws_cli_sends(
    words: list[str], expected: list[dict[str, object]]
) -> None:
    assert unpack_argument(FILTERS, words, many=True) == expected
    assert _theirs_argument(FILTERS, "filters", words, many=True) == ("ok", expected)


def test_tags_in_the_aws_cli_form_may_hold_equals_and_commas() -> None:
    words = ["Key=a=b,Value=c", "Key='x,y',Value=\"p=q, r\""]
    expected = [{"Key": "a=b", "Value": "c"}, {"Key": "x,y", "Value": "p=q, r"}]
    assert unpack_argument(TAGS, words, many=True) == expected
    assert _theirs_argument(TAGS, "tags", words, many=True) == ("ok", expected)


def test_file_values(tmp_path: Path) -> None:
    filters = tmp_path / "filters.json"
    filters.write_text('[{"Name": "owner-id", "Values": ["111122223333"]}]', encoding="utf-8")
    value = tmp_path / "value.txt"
    value.write_text("from a file, with a comma", encoding="utf-8")
    # A lone file:// value is the whole argument (JSON here); key@=file:// one value.
    assert unpack_argument(FILTERS, [f"file://{filters}"], many=True) == [
        {"Name": "owner-id", "Values": ["111122223333"]}
    ]
    assert parse_shorthand(f"Name=description,Values@=file://{value}") == {
        "Name": "description",
        "Values": "from a file, with a comma",
    }
    assert _theirs(f"Name=description,Values@=file://{value}") == _ours(
        f"Name=description,Values@=file://{value}"
    )
    with pytest.raises(ArgumentError, match="cannot read file://"):
        unpack_argument(FILTERS, [f"file://{tmp_path / 'missing.json'}"], many=True)
