"""Exact resumption for targets, filters and filter rules, as a property, on the fake.

For random totals, page sizes and cut points, and any way of stopping (just
stopping, ``max_items``, throttling past botocore's retries, a failing page,
an invalid item), the items before the cut plus the items after resuming from
``resume_token`` are the full listing, none twice; and the token, handed to
botocore's own paginator (boto3's for targets and filters; botocore's
``Paginator`` class configured as usual for rules, which have none), yields
the same remaining items. The fake pages and fails as AWS does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal, cast

import botocore.session
import pytest
from botocore.config import Config
from botocore.paginate import Paginator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AwsApiError,
    FilterQuery,
    FilterRuleQuery,
    ResponseValidationError,
    TargetQuery,
    ThrottlingError,
    TrafficMirrorFilterRepository,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror.testing import FilterRuleSpec, TrafficMirrorFake, mock_traffic_mirror

MAX_TOTAL = 17
ATTEMPTS = 2  # botocore's total attempts: one retry, so "past retries" is fast
Kind = Literal["stop", "max_items", "throttle", "fail_page", "invalid"]
KINDS: tuple[Kind, ...] = ("stop", "max_items", "throttle", "fail_page", "invalid")

Query = TargetQuery | FilterQuery | FilterRuleQuery


@dataclass(frozen=True)
class Resource:
    result_key: str
    id_member: str
    seed: Callable[[TrafficMirrorFake, EC2Client], list[str]]
    """Seed the fake; the ids of what was seeded, in listing order (at least MAX_TOTAL)."""
    bad: Mapping[str, Any]
    """Members that make one item break the model."""
    find: Callable[[EC2Client, Any], Iterator[Any]]
    query: Callable[[Sequence[str]], Query]
    """A query that selects exactly these ids (none: an id that does not exist)."""
    ident: Callable[[Any], str]
    paginate: Callable[[EC2Client, Any, str | None], Iterator[Mapping[str, Any]]]
    """botocore's own pages for the query's request, from a StartingToken (or the start)."""


def _target_pages(
    client: EC2Client, query: TargetQuery, token: str | None
) -> Iterator[Mapping[str, Any]]:
    paginator = client.get_paginator("describe_traffic_mirror_targets")
    if token is not None:
        query = query.starting_token(token)
    return iter(paginator.paginate(**query.to_request()))


def _filter_pages(
    client: EC2Client, query: FilterQuery, token: str | None
) -> Iterator[Mapping[str, Any]]:
    paginator = client.get_paginator("describe_traffic_mirror_filters")
    if token is not None:
        query = query.starting_token(token)
    return iter(paginator.paginate(**query.to_request()))


def _rule_pages(
    client: EC2Client, query: FilterRuleQuery, token: str | None
) -> Iterator[Mapping[str, Any]]:
    # No paginator in botocore's model for this call: botocore's Paginator class,
    # configured as the other Describe calls' paginators are.
    config = {
        "input_token": "NextToken",
        "output_token": "NextToken",
        "limit_key": "MaxResults",
        "result_key": "TrafficMirrorFilterRules",
    }
    model = client.meta.service_model.operation_model("DescribeTrafficMirrorFilterRules")
    method: Any = client.describe_traffic_mirror_filter_rules
    paginator: Paginator[Mapping[str, Any]] = Paginator(method, config, model)
    request: dict[str, Any] = dict(query.to_request())
    paging = {"PageSize": request.pop("MaxResults")}
    if token is not None:
        paging["StartingToken"] = token
    return iter(paginator.paginate(**request, PaginationConfig=paging))


def _seed_rules(fake: TrafficMirrorFake, client: EC2Client) -> list[str]:
    rules: list[FilterRuleSpec] = [
        {
            "TrafficDirection": "ingress" if number % 2 else "egress",
            "RuleNumber": number,
            "RuleAction": "accept",
            "SourceCidrBlock": "0.0.0.0/0",
            "DestinationCidrBlock": "10.0.0.0/16",
        }
        for number in range(1, 11)
    ]
    fake.seed_filters(2, rules=rules)
    return [
        rule.traffic_mirror_filter_rule_id
        for rule in TrafficMirrorFilterRepository(client).find_rules()
    ]


RESOURCES: dict[str, Resource] = {
    "targets": Resource(
        result_key="TrafficMirrorTargets",
        id_member="TrafficMirrorTargetId",
        seed=lambda fake, client: fake.seed_targets(MAX_TOTAL),
        bad={"Type": "network-load-balancer"},
        find=lambda client, query: TrafficMirrorTargetRepository(client).find(query),
        query=lambda ids: TargetQuery().traffic_mirror_target_id(
            *(ids or ["tmt-0000000000000000f"])
        ),
        ident=lambda target: str(target.traffic_mirror_target_id),
        paginate=_target_pages,
    ),
    "filters": Resource(
        result_key="TrafficMirrorFilters",
        id_member="TrafficMirrorFilterId",
        seed=lambda fake, client: fake.seed_filters(MAX_TOTAL),
        bad={"NetworkServices": ["amazon-dns", "amazon-dns"]},
        find=lambda client, query: TrafficMirrorFilterRepository(client).find(query),
        query=lambda ids: FilterQuery().traffic_mirror_filter_id(
            *(ids or ["tmf-0000000000000000f"])
        ),
        ident=lambda filter_: str(filter_.traffic_mirror_filter_id),
        paginate=_filter_pages,
    ),
    "rules": Resource(
        result_key="TrafficMirrorFilterRules",
        id_member="TrafficMirrorFilterRuleId",
        seed=_seed_rules,
        bad={"RuleNumber": 0},
        find=lambda client, query: TrafficMirrorFilterRepository(client).find_rules(query),
        query=lambda ids: FilterRuleQuery().traffic_mirror_filter_rule_id(
            *(ids or ["tmfr-0000000000000000f"])
        ),
        ident=lambda rule: str(rule.traffic_mirror_filter_rule_id),
        paginate=_rule_pages,
    ),
}

_BOTOCORE = botocore.session.get_session()


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_items_before_the_cut_plus_items_after_resuming_are_the_full_listing(name: str) -> None:
    resource = RESOURCES[name]
    with mock_traffic_mirror() as fake:
        client = cast(
            "EC2Client",
            _BOTOCORE.create_client(
                "ec2",
                region_name="us-east-1",
                config=Config(retries={"mode": "standard", "total_max_attempts": ATTEMPTS}),
            ),
        )
        seeded = resource.seed(fake, client)
        assert len(seeded) >= MAX_TOTAL

        def boto_ids(query: Query, token: str | None = None) -> list[str]:
            pages = resource.paginate(client, query, token)
            return [
                str(item[resource.id_member])
                for page in pages
                for item in page[resource.result_key]
            ]

        @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(
            total=st.integers(0, MAX_TOTAL),
            page_size=st.integers(5, 8),
            cut=st.integers(0, MAX_TOTAL),
            kind=st.sampled_from(KINDS),
        )
        def check(total: int, page_size: int, cut: int, kind: Kind) -> None:
            fake.reset_faults()
            query: Any = resource.query(seeded[:total]).page_size(page_size)
            full = boto_ids(query)
            assert full == seeded[:total]
            expected = list(full)
            cut = min(cut, total)
            before: list[Any] = []
            error: AwsApiError | ResponseValidationError | None = None
            page_end = -(-cut // page_size) * page_size  # the end of the page that holds the cut

            if kind == "max_items":
                listing = resource.find(client, query.max_items(max(cut, 1)))
                before = list(listing)
                assert len(before) == min(max(cut, 1), total)
            else:
                listing = resource.find(client, query)
                before = list(islice(listing, cut))
                if kind == "throttle":
                    fake.throttle(ATTEMPTS)
                    try:
                        before.extend(listing)
                    except ThrottlingError as caught:
                        error = caught
                    # A call is needed unless the cut is inside the last page.
                    assert (error is not None) == (cut == 0 or page_end < total)
                elif kind == "fail_page":
                    failing = page_end // page_size if cut else 0
                    fake.fail_page(failing, times=ATTEMPTS)
                    try:
                        before.extend(listing)
                    except AwsApiError as caught:
                        error = caught
                    assert (error is not None) == (cut == 0 or page_end < total)
                    if isinstance(error, AwsApiError):
                        assert error.code == "InternalError"
                        assert len(before) == page_end
                elif kind == "invalid" and cut < total:
                    bad = full[cut]
                    fake.serve_invalid_item(bad, **resource.bad)
                    expected.remove(bad)
                    # The page that holds the bad item may be fetched already: list again.
                    listing = resource.find(client, query)
                    before = list(islice(listing, cut))
                    try:
                        before.extend(listing)
                    except ResponseValidationError as caught:
                        error = caught
                    assert isinstance(error, ResponseValidationError)
                    assert error.resource_id == bad
                    assert len(before) == cut

            token = getattr(listing, "resume_token")  # noqa: B009
            if error is not None:
                assert error.resume_token == token
            fake.reset_faults()
            rest: list[Any] = []
            if token is not None:
                rest = list(resource.find(client, query.starting_token(token)))
                # botocore's own paginator goes on from the same token to the same items.
                assert boto_ids(query, token) == [resource.ident(item) for item in rest]
            else:
                assert len(before) == len(expected)
            combined = [resource.ident(item) for item in before + rest]
            assert combined == expected
            assert len(set(combined)) == len(combined)

        check()
