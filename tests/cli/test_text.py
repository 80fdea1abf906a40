"""``--output text`` as the AWS CLI v1 writes it: a differential test against awscli's formatter."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from ec2_traffic_mirror.cli._text import format_text

from ._awscli import import_awscli

text = import_awscli("text")

_keys = st.sampled_from(["Name", "Values", "Tags", "Key", "Value", "a", "b", "NextToken", "Zed"])
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=st.sampled_from([*"ab \t,=é", "\U0001f600"]), max_size=6),
)
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)
    ),
    max_leaves=20,
)


def _theirs(data: Any) -> str | None:
    stream = io.StringIO()
    try:
        text.format_text(data, stream)
    except Exception:  # awscli fails on a few shapes (a list mixing objects and scalars)
        return None
    return stream.getvalue()


@settings(max_examples=400)
@given(_documents)
@example({"TrafficMirrorSessions": [{"SessionNumber": 1, "Tags": [{"Key": "k", "Value": "v"}]},
                                    {"PacketLength": 100, "Tags": []}]})  # fmt: skip
@example({"NextToken": {"NextToken": "abc"}})
@example([[1, 2], 3, [4, [5]]])
def test_text_agrees_with_awscli(data: Any) -> None:
    expected = _theirs(data)
    assume(expected is not None)
    ours = io.StringIO()
    format_text(data, ours)
    assert ours.getvalue() == expected
