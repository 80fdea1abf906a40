"""Selection on the client side: ``tag``, ``tag_key`` and ``where`` on every query.

The query side (immutability, equality, ``repr``, every refusal, the request
left exactly as it was), then the paging engine over botocore's Stubber: only
selected items come out, ``max_items`` counts them, pages are AWS's answers
(possibly empty), ``first`` goes on past pages with nothing selected, and the
tokens stay exact, also when a predicate fails. The property tests of resume
are in ``test_selection_resume.py``.
"""

from __future__ import annotations

import base64
import json
import logging
import pickle
from collections.abc import Callable
from typing import Any, Final, cast

import pytest
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import (
    TrafficMirrorFilterRuleTypeDef,
    TrafficMirrorSessionTypeDef,
)

from ec2_traffic_mirror import (
    FilterQuery,
    FilterRuleQuery,
    QueryError,
    ResponseValidationError,
    SessionQuery,
    TargetQuery,
    TrafficMirrorFilterRepository,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
)

OP: Final = "describe_traffic_mirror_sessions"

# `client`, `stubber` and `repo` (a fresh client per test) are conftest.py's fixtures.


def sid(number: int) -> str:
    return f"tms-{number:017x}"


def item(
    number: int, tags: dict[str, str] | None = None, **members: Any
) -> TrafficMirrorSessionTypeDef:
    raw: dict[str, Any] = {
        "TrafficMirrorSessionId": sid(number),
        "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
        "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
        "NetworkInterfaceId": "eni-0123456789abcdef0",
        "OwnerId": "123456789012",
        "SessionNumber": number % 32766 + 1,
        "Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()],
    }
    raw.update(members)
    return cast("TrafficMirrorSessionTypeDef", raw)


def team(number: int, name: str) -> TrafficMirrorSessionTypeDef:
    return item(number, {"team": name})


def ids(sessions: list[TrafficMirrorSession]) -> list[str]:
    return [s.traffic_mirror_session_id for s in sessions]


def token(next_token: str | None, offset: int = 0) -> str:
    payload: dict[str, object] = {"NextToken": next_token}
    if offset:
        payload["boto_truncate_amount"] = offset
    return base64.b64encode(json.dumps(payload).encode()).decode()


def add_pages(
    stubber: Stubber,
    pages: list[list[TrafficMirrorSessionTypeDef]],
    *,
    first_token: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Queue ``pages`` as AWS would page them (tokens "t1", "t2", ...), each request exact."""
    for index, page in enumerate(pages):
        expected: dict[str, Any] = dict(extra or {})
        sent = first_token if index == 0 else f"t{index}"
        if sent is not None:
            expected["NextToken"] = sent
        response: dict[str, Any] = {"TrafficMirrorSessions": page}
        if index + 1 < len(pages):
            response["NextToken"] = f"t{index + 1}"
        stubber.add_response(OP, response, expected)


# Module-level predicates: their repr reads back (see test_repr_reads_back_...).


def whole_packets(session: TrafficMirrorSession) -> bool:
    return session.packet_length is None


def low_numbers(session: TrafficMirrorSession) -> bool:
    return session.session_number < 5


class Selectors:
    """Predicates as methods: bound to an object, a class, or none."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def below(self, session: TrafficMirrorSession) -> bool:
        return session.session_number < self.limit

    @classmethod
    def odd(cls, session: TrafficMirrorSession) -> bool:
        return session.session_number % 2 == 1

    @staticmethod
    def described(session: TrafficMirrorSession) -> bool:
        return session.description is not None


def two_arguments(a: object, b: object) -> bool:
    return True


def any_arguments(*args: object) -> bool:
    return True


def one_and_an_option(item: object, option: int = 1) -> bool:
    return True


def always(item: object) -> bool:
    return True


def never(item: object) -> bool:
    return False


class Matcher:
    """A callable object as a predicate."""

    def __call__(self, session: TrafficMirrorSession) -> bool:
        return True


# -- the query ----------------------------------------------------------------------


def test_selection_methods_return_new_queries_and_leave_the_old_one_alone() -> None:
    base = SessionQuery().owner_id("123456789012")
    before = repr(base)
    tagged = base.tag("team", "a")
    keyed = tagged.tag_key("env")
    selected = keyed.where(whole_packets)
    assert repr(base) == before
    assert base != tagged != keyed != selected
    assert repr(tagged) == "SessionQuery().owner_id('123456789012').tag('team', 'a')"
    assert repr(selected) == (
        "SessionQuery().owner_id('123456789012').tag('team', 'a').tag_key('env')"
        ".where(whole_packets)"
    )


def test_values_of_one_key_add_up_and_keys_are_in_one_order() -> None:
    one = SessionQuery().tag("team", "a").tag("env", "prod").tag("team", "b", "a")
    two = SessionQuery().tag("env", "prod").tag("team", "a", "b")
    assert one == two
    assert hash(one) == hash(two)
    assert repr(one) == "SessionQuery().tag('env', 'prod').tag('team', 'a', 'b')"
    # Values keep the order first given, as a filter's values do.
    assert SessionQuery().tag("team", "a", "b") != SessionQuery().tag("team", "b", "a")
    assert SessionQuery().tag_key("a").tag_key("b", "a") == SessionQuery().tag_key("a", "b")
    assert repr(SessionQuery().tag_key("a").tag_key("b", "a")) == "SessionQuery().tag_key('a', 'b')"
    # A tag is not a tag_key, and an empty value is a value.
    assert SessionQuery().tag("a", "") != SessionQuery().tag_key("a")
    assert repr(SessionQuery().tag("a", "")) == "SessionQuery().tag('a', '')"


def test_predicates_compare_by_identity() -> None:
    assert SessionQuery().where(whole_packets) == SessionQuery().where(whole_packets)
    assert hash(SessionQuery().where(whole_packets)) == hash(SessionQuery().where(whole_packets))
    # Two lambdas that read alike are two predicates.
    first = SessionQuery().where(lambda s: s.packet_length is None)
    second = SessionQuery().where(lambda s: s.packet_length is None)
    assert first != second
    assert first == first.where(first_predicate(first))  # the same one again is dropped
    # Order matters (predicates run in the order given), repeats do not.
    both = SessionQuery().where(whole_packets).where(low_numbers)
    assert both != SessionQuery().where(low_numbers).where(whole_packets)
    assert both == both.where(whole_packets)
    # A bound method is made anew at each access: the same object and function is equal.
    selectors = Selectors(3)
    assert SessionQuery().where(selectors.below) == SessionQuery().where(selectors.below)
    assert hash(SessionQuery().where(selectors.below)) == hash(
        SessionQuery().where(selectors.below)
    )
    assert SessionQuery().where(selectors.below) != SessionQuery().where(Selectors(3).below)
    assert SessionQuery().where(Selectors.odd) == SessionQuery().where(Selectors.odd)
    assert len({SessionQuery().where(whole_packets), SessionQuery().where(whole_packets)}) == 1


def first_predicate(query: SessionQuery) -> Callable[[TrafficMirrorSession], bool]:
    """The query's one predicate (read from its private state, for the test above)."""
    (predicate,) = cast("tuple[Any, ...]", query._predicates)  # pyright: ignore[reportPrivateUsage]
    function: Callable[[TrafficMirrorSession], bool] = predicate.function
    return function


def test_repr_reads_back_where_the_predicates_have_names() -> None:
    query = (
        SessionQuery()
        .tag("team", "a", "b")
        .tag("aws:cloudformation:stack-name", "mirror")
        .tag_key("env")
        .where(whole_packets)
        .where(Selectors.odd)
        .where(Selectors.described)
        .page_size(5)
    )
    text = repr(query)
    assert text == (
        "SessionQuery().tag('aws:cloudformation:stack-name', 'mirror').tag('team', 'a', 'b')"
        ".tag_key('env').where(whole_packets).where(Selectors.odd).where(Selectors.described)"
        ".page_size(5)"
    )
    names = {"SessionQuery": SessionQuery, "whole_packets": whole_packets, "Selectors": Selectors}
    assert eval(text, names) == query
    # Tags and keys alone always read back.
    plain = SessionQuery().tag("k", "v", "").tag_key("x")
    assert eval(repr(plain), {"SessionQuery": SessionQuery}) == plain


def test_repr_of_a_predicate_no_name_gives_back_cannot_be_read_back() -> None:
    def local(session: TrafficMirrorSession) -> bool:
        return True

    cases: list[tuple[Callable[[TrafficMirrorSession], bool], str]] = [
        (
            lambda s: True,
            ".where(test_repr_of_a_predicate_no_name_gives_back_cannot_be_read_back.<locals>.<lambda>)",
        ),
        (
            local,
            ".where(test_repr_of_a_predicate_no_name_gives_back_cannot_be_read_back.<locals>.local)",
        ),
        (Selectors(3).below, ".where(<bound method Selectors.below>)"),
        (Matcher(), ".where(<Matcher object>)"),
    ]
    for predicate, shown in cases:
        query = SessionQuery().where(predicate)
        assert repr(query) == "SessionQuery()" + shown
        # Never read back as another query: eval refuses it.
        with pytest.raises(SyntaxError):
            eval(repr(query), {"SessionQuery": SessionQuery})


def test_queries_with_named_predicates_pickle() -> None:
    query = SessionQuery().tag("team", "a").tag_key("env").where(whole_packets).page_size(5)
    assert pickle.loads(pickle.dumps(query)) == query


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: SessionQuery().tag(""),
            "tag() takes tag keys of 1 to 127 characters, got '' (0 characters)",
        ),
        (
            lambda: SessionQuery().tag("k" * 128, "v"),
            "tag() takes tag keys of 1 to 127 characters, got 'kkk",
        ),
        (
            lambda: SessionQuery().tag(cast("str", 5), "v"),
            "tag() takes tag key strings, got 5 (int)",
        ),
        (
            lambda: SessionQuery().tag("team"),
            "tag() needs at least one value after the key 'team'"
            " (for any value of the key, use tag_key('team'))",
        ),
        (
            lambda: SessionQuery().tag("team", cast("str", 1)),
            "tag() takes tag value strings, got 1 (int) for key 'team'",
        ),
        (
            lambda: SessionQuery().tag("team", cast("str", None)),
            "tag() takes tag value strings, got None (NoneType) for key 'team'",
        ),
        (
            lambda: SessionQuery().tag("team", "v" * 257),
            "tag() takes tag values of at most 256 characters, got 'vvv",
        ),
        (lambda: SessionQuery().tag_key(), "tag_key() needs at least one key"),
        (
            lambda: SessionQuery().tag_key(""),
            "tag_key() takes tag keys of 1 to 127 characters, got ''",
        ),
        (
            lambda: SessionQuery().tag_key(cast("str", ["a", "b"])),
            "tag_key() takes tag key strings, got ['a', 'b'] (list)",
        ),
        (
            lambda: SessionQuery().tag_key(cast("str", b"env")),
            "tag_key() takes tag key strings, got b'env' (bytes)",
        ),
        (
            lambda: SessionQuery().where(cast("Any", 5)),
            "where() takes a function of one TrafficMirrorSession that returns True or False,"
            " got 5 (int)",
        ),
        (
            lambda: SessionQuery().where(cast("Any", lambda: True)),
            "which cannot be called with one argument: its signature is ()",
        ),
        (lambda: SessionQuery().where(cast("Any", two_arguments)), "its signature is (a, b)"),
        (
            lambda: TargetQuery().where(cast("Any", "x")),
            "where() takes a function of one TrafficMirrorTarget",
        ),
        (
            lambda: FilterQuery().where(cast("Any", None)),
            "where() takes a function of one TrafficMirrorFilter",
        ),
        (
            lambda: FilterRuleQuery().where(cast("Any", 1)),
            "where() takes a function of one TrafficMirrorFilterRule",
        ),
    ],
)
def test_bad_selections_are_refused_at_the_call(build: Callable[[], object], message: str) -> None:
    with pytest.raises(QueryError) as caught:
        build()
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_lengths_at_the_limits_are_accepted() -> None:
    key = "k" * 127
    value = "v" * 256
    assert repr(SessionQuery().tag(key, value, "")) == f"SessionQuery().tag({key!r}, {value!r}, '')"
    assert SessionQuery().tag_key("k", key) == SessionQuery().tag_key("k").tag_key(key)
    # Predicates that take one argument in other ways are accepted.
    SessionQuery().where(any_arguments)
    SessionQuery().where(one_and_an_option)
    SessionQuery().where(cast("Any", callable))  # a builtin with a signature
    SessionQuery().where(Matcher())


SELECTIONS: list[Callable[[Any], Any]] = [
    lambda q: q.tag("team", "a"),
    lambda q: q.tag_key("env", "aws:cloudformation:stack-name"),
    lambda q: q.where(always),
    lambda q: q.tag("team", "a").tag_key("x").where(never),
]


@pytest.mark.parametrize("select", SELECTIONS)
@pytest.mark.parametrize(
    "query",
    [
        SessionQuery()
        .owner_id("123456789012")
        .page_size(7)
        .max_items(3)
        .starting_token(token("x", 2)),
        TargetQuery().description("t*").page_size(5),
        FilterQuery().filter_ids("tmf-0123456789abcdef0").dry_run(False),
        FilterRuleQuery().filter_id("tmf-0123456789abcdef0").protocol(6).page_size(5),
        SessionQuery(),
    ],
)
def test_to_request_is_unchanged_by_a_selection(select: Callable[[Any], Any], query: Any) -> None:
    selected = select(query)
    assert selected != query
    assert selected.to_request() == query.to_request()


def test_the_request_sent_is_unchanged_by_a_selection(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    query = SessionQuery().owner_id("123456789012").page_size(5)
    sent = {"Filters": [{"Name": "owner-id", "Values": ["123456789012"]}], "MaxResults": 5}
    add_pages(stubber, [[team(1, "a"), team(2, "b")]], extra=sent)
    plain = repo.find(query)
    assert len(list(plain)) == 2
    add_pages(stubber, [[team(1, "a"), team(2, "b")]], extra=sent)
    selected = repo.find(query.tag("team", "b").tag_key("team").where(whole_packets))
    assert ids(list(selected)) == [sid(2)]
    # The paginator kwargs, and the boto3 paginator's own request, are the same too.
    add_pages(stubber, [[team(1, "a")]], extra=sent)
    paginator = repo.client.get_paginator(OP)
    pages = list(paginator.paginate(**query.tag("team", "b").to_request()))
    assert len(pages[0]["TrafficMirrorSessions"]) == 1


def test_the_filter_rule_request_sent_is_unchanged_by_a_selection(client: EC2Client) -> None:
    def rule(number: int, tags: dict[str, str]) -> TrafficMirrorFilterRuleTypeDef:
        return {
            "TrafficMirrorFilterRuleId": f"tmfr-{number:017x}",
            "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
            "TrafficDirection": "ingress",
            "RuleNumber": number,
            "RuleAction": "accept",
            "DestinationCidrBlock": "10.0.0.0/16",
            "SourceCidrBlock": "0.0.0.0/0",
            "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
        }

    query = FilterRuleQuery().filter_id("tmf-0123456789abcdef0").page_size(5)
    sent = {"TrafficMirrorFilterId": "tmf-0123456789abcdef0", "MaxResults": 5}
    repo = TrafficMirrorFilterRepository(client)
    with Stubber(client) as stub:
        op = "describe_traffic_mirror_filter_rules"
        stub.add_response(
            op,
            {"TrafficMirrorFilterRules": [rule(1, {}), rule(2, {"env": "x"})], "NextToken": "t1"},
            sent,
        )
        stub.add_response(
            op, {"TrafficMirrorFilterRules": [rule(3, {"env": "y"})]}, {**sent, "NextToken": "t1"}
        )
        selected = repo.find_rules(query.tag_key("env").where(lambda r: r.rule_number > 2))
        assert [r.rule_number for r in selected] == [3]
        stub.assert_no_pending_responses()
    assert query.tag_key("env").to_request() == sent


# -- the paging engine ---------------------------------------------------------------


def test_find_yields_only_selected_items_over_every_page(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(
        stubber,
        [
            [team(0, "a"), team(1, "b"), item(2)],
            [item(3), item(4, {"team": "a", "env": "prod"})],
            [team(5, "c"), item(6, {"env": "dev"})],
        ],
    )
    listing = repo.find(SessionQuery().tag("team", "a", "c"))
    assert ids(list(listing)) == [sid(0), sid(4), sid(5)]
    assert listing.resume_token is None


def test_tags_and_keys_combine_as_aws_tag_filters_do(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    estate = [
        item(0, {"team": "a", "env": "prod"}),
        item(1, {"team": "a", "env": "dev"}),
        item(2, {"team": "b", "env": "prod", "owner": "x"}),
        item(3, {"env": "prod"}),
        item(4, {"team": "", "aws:cloudformation:stack-name": "mirror"}),
        item(5, {"Team": "a"}),  # keys are case-sensitive
    ]

    def selected(query: SessionQuery) -> list[int]:
        add_pages(stubber, [estate])
        return [int(s.traffic_mirror_session_id[4:], 16) for s in repo.find(query)]

    assert selected(SessionQuery().tag("team", "a")) == [0, 1]
    assert selected(SessionQuery().tag("team", "a", "b")) == [0, 1, 2]
    assert selected(SessionQuery().tag("team", "a").tag("team", "b")) == [0, 1, 2]
    assert selected(SessionQuery().tag("team", "a", "b").tag("env", "prod")) == [0, 2]
    assert selected(SessionQuery().tag("team", "")) == [4]
    assert selected(SessionQuery().tag_key("team")) == [0, 1, 2, 4]
    assert selected(SessionQuery().tag_key("owner", "aws:cloudformation:stack-name")) == [2, 4]
    assert selected(SessionQuery().tag_key("owner").tag_key("aws:cloudformation:stack-name")) == [
        2,
        4,
    ]
    assert selected(SessionQuery().tag("aws:cloudformation:stack-name", "mirror")) == [4]
    assert selected(SessionQuery().tag_key("env").tag("team", "b")) == [2]
    assert selected(
        SessionQuery().tag("env", "prod").where(lambda s: s.tag_value("team") is None)
    ) == [3]
    # Session numbers are 1 + the item's number: below(4) keeps items 0 to 2.
    below = SessionQuery().where(low_numbers).where(Selectors(4).below).tag_key("env")
    assert selected(below) == [0, 1, 2]
    assert selected(SessionQuery().tag("team", "A")) == []


def test_max_items_counts_selected_items_and_the_token_resumes_just_past_the_last(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    pages = [[team(0, "b"), team(1, "a"), team(2, "b"), team(3, "a")], [team(4, "a"), team(5, "b")]]
    add_pages(stubber, pages, extra={"MaxResults": 5})
    query = SessionQuery().page_size(5).tag("team", "a")
    listing = repo.find(query.max_items(2))
    assert ids(list(listing)) == [sid(1), sid(3)]
    # Just past the second selected item: the end of the first page.
    assert listing.resume_token == token("t1")
    listing = repo.find(query.max_items(1).starting_token(token("t1")))
    assert ids(list(listing)) == [sid(4)]
    # Just past the selected item, inside the page: the rest of it is still to be seen.
    assert listing.resume_token == token("t1", 1)


def test_pages_are_the_answers_of_aws_with_their_selected_items_possibly_none(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [[team(0, "a"), team(1, "b")], [team(2, "b")], [team(3, "a")]])
    pages = list(repo.pages(SessionQuery().tag("team", "a")))
    assert [ids(list(page.items)) for page in pages] == [[sid(0)], [], [sid(3)]]
    assert [page.next_token for page in pages] == [token("t1"), token("t2"), None]


def test_pages_stop_inside_a_page_at_max_items_with_an_exact_token(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [[team(0, "b"), team(1, "b")], [team(2, "a"), team(3, "b"), team(4, "a")]])
    query = SessionQuery().tag("team", "a").max_items(1)
    pages = list(repo.pages(query))
    assert [ids(list(page.items)) for page in pages] == [[], [sid(2)]]
    assert pages[-1].next_token == token("t1", 1)
    add_pages(stubber, [[team(2, "a"), team(3, "b"), team(4, "a")]], first_token="t1")
    rest = list(repo.pages(SessionQuery().tag("team", "a").starting_token(token("t1", 1))))
    assert [ids(list(page.items)) for page in rest] == [[sid(4)]]


def test_first_goes_on_over_pages_with_nothing_selected(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(
        stubber, [[team(0, "b")], [team(1, "b")], [team(2, "a"), team(3, "a")], [team(4, "a")]]
    )
    found = repo.first(SessionQuery().tag("team", "a"))
    assert found is not None
    assert found.traffic_mirror_session_id == sid(2)
    # The fourth page is still queued: first() stopped at the first selected item.
    with pytest.raises(AssertionError):
        stubber.assert_no_pending_responses()
    repo.client.describe_traffic_mirror_sessions(NextToken="t3")  # drain it


def test_first_is_none_when_nothing_is_selected_and_count_counts_selected(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    add_pages(stubber, [[team(0, "b")], [team(1, "b")]])
    assert repo.first(SessionQuery().tag("team", "a")) is None
    add_pages(stubber, [[team(0, "b"), team(1, "a")], [team(2, "a"), item(3)]])
    assert repo.count(SessionQuery().tag("team", "a")) == 2
    add_pages(stubber, [[team(0, "b"), team(1, "a"), team(2, "a"), item(3)]])
    assert repo.count(SessionQuery().tag("team", "a").max_items(1)) == 1


def test_a_predicate_that_raises_leaves_the_cursor_before_its_item(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    def fragile(session: TrafficMirrorSession) -> bool:
        if session.traffic_mirror_session_id == sid(2):
            raise RuntimeError("the predicate failed")
        return True

    add_pages(stubber, [[item(0), item(1), item(2), item(3)]], extra={"MaxResults": 5})
    query = SessionQuery().page_size(5)
    listing = repo.find(query.where(fragile))
    assert ids([next(listing), next(listing)]) == [sid(0), sid(1)]
    with pytest.raises(RuntimeError, match="the predicate failed"):
        next(listing)
    assert listing.resume_token == token(None, 2)
    add_pages(stubber, [[item(0), item(1), item(2), item(3)]], extra={"MaxResults": 5})
    assert ids(list(repo.find(query.starting_token(token(None, 2))))) == [sid(2), sid(3)]


def test_a_predicate_that_raises_gives_the_page_being_gathered_back_whole(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    def fragile(session: TrafficMirrorSession) -> bool:
        if session.traffic_mirror_session_id == sid(4):
            raise RuntimeError("the predicate failed")
        return session.session_number % 2 == 0

    add_pages(stubber, [[item(0), item(1), item(2)], [item(3), item(4), item(5)]])
    listing = repo.pages(SessionQuery().where(fragile).max_items(5))
    first = next(listing)
    assert ids(list(first.items)) == [sid(1)]  # session numbers are number + 1
    with pytest.raises(RuntimeError):
        next(listing)
    # Item 3 was selected before item 4 failed: it is not lost.
    assert listing.resume_token == token("t1")
    add_pages(stubber, [[item(3), item(4), item(5)]], first_token="t1")
    rest = list(repo.find(SessionQuery().where(low_numbers).starting_token(token("t1"))))
    assert ids(rest) == [sid(3)]


def test_a_predicate_must_return_a_bool(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    def description(session: TrafficMirrorSession) -> bool:
        return cast("bool", session.description)

    add_pages(stubber, [[item(0, Description="x"), item(1)]])
    listing = repo.find(SessionQuery().where(description))
    with pytest.raises(QueryError) as caught:
        next(listing)
    assert str(caught.value) == (
        f"where() predicate test_a_predicate_must_return_a_bool.<locals>.description returned"
        f" 'x' (str) for TrafficMirrorSession {sid(0)!r}; a predicate must return True or False"
    )
    assert listing.resume_token == token(None, 0)


def test_an_invalid_item_is_raised_under_a_selection_too(
    repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    # Whether a broken item would have been selected cannot be known: it is raised.
    add_pages(stubber, [[team(0, "a"), item(1, {"team": "b"}, SessionNumber=0), team(2, "a")]])
    listing = repo.find(SessionQuery().tag("team", "a"))
    assert ids([next(listing)]) == [sid(0)]
    with pytest.raises(ResponseValidationError) as caught:
        next(listing)
    assert caught.value.resume_token == token(None, 2)
    assert ids(list(listing)) == [sid(2)]


def test_an_invalid_item_is_skipped_under_a_selection_when_asked(
    client: EC2Client, stubber: Stubber, caplog: pytest.LogCaptureFixture
) -> None:
    repo = TrafficMirrorSessionRepository(client, on_invalid="skip")
    add_pages(stubber, [[team(0, "b"), item(1, SessionNumber=0), team(2, "a")], [team(3, "a")]])
    with caplog.at_level(logging.WARNING, logger="ec2_traffic_mirror"):
        listing = repo.pages(SessionQuery().tag("team", "a"))
        pages = list(listing)
    assert [ids(list(page.items)) for page in pages] == [[sid(2)], [sid(3)]]
    assert [raw.get("TrafficMirrorSessionId") for raw in listing.skipped_items] == [sid(1)]
