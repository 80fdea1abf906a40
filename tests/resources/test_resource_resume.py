"""Exact resumption for targets, filters and filter rules, as a property.

For random totals, page sizes and cut points, and any way of stopping (just
stopping, ``max_items``, a failing call, an invalid item), the items before
the cut plus the items after resuming from ``resume_token`` are the full
listing, none twice; and the token, handed to botocore's own paginator
(boto3's for targets and filters; botocore's ``Paginator`` class configured
as usual for rules, which have none), yields the same remaining items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal, cast

import botocore.session
import pytest
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
    TrafficMirrorFilterRepository,
    TrafficMirrorTargetRepository,
)

from ._support import Answers, filter_item, rule_item, target_item

MAX_TOTAL = 17
Kind = Literal["stop", "max_items", "fail", "invalid"]
KINDS: tuple[Kind, ...] = ("stop", "max_items", "fail", "invalid")


@dataclass(frozen=True)
class Resource:
    operation: str
    result_key: str
    id_member: str
    item: Callable[[int], Mapping[str, Any]]
    bad: Mapping[str, Any]
    """Members that make one item break the model."""
    find: Callable[[EC2Client, Any], Iterator[Any]]
    query: Callable[[int], Any]
    ident: Callable[[Any], str]
    paginate: Callable[[EC2Client, int, str], Iterator[Mapping[str, Any]]]
    """botocore's own pages for this page size, from this StartingToken."""


def _target_pages(client: EC2Client, page_size: int, token: str) -> Iterator[Mapping[str, Any]]:
    paginator = client.get_paginator("describe_traffic_mirror_targets")
    return iter(
        paginator.paginate(PaginationConfig={"PageSize": page_size, "StartingToken": token})
    )


def _filter_pages(client: EC2Client, page_size: int, token: str) -> Iterator[Mapping[str, Any]]:
    paginator = client.get_paginator("describe_traffic_mirror_filters")
    return iter(
        paginator.paginate(PaginationConfig={"PageSize": page_size, "StartingToken": token})
    )


def _rule_pages(client: EC2Client, page_size: int, token: str) -> Iterator[Mapping[str, Any]]:
    config = {
        "input_token": "NextToken",
        "output_token": "NextToken",
        "limit_key": "MaxResults",
        "result_key": "TrafficMirrorFilterRules",
    }
    model = client.meta.service_model.operation_model("DescribeTrafficMirrorFilterRules")
    method: Any = client.describe_traffic_mirror_filter_rules
    paginator: Paginator[Mapping[str, Any]] = Paginator(method, config, model)
    paging = {"PageSize": page_size, "StartingToken": token}
    return iter(paginator.paginate(PaginationConfig=paging))


RESOURCES: dict[str, Resource] = {
    "targets": Resource(
        operation="DescribeTrafficMirrorTargets",
        result_key="TrafficMirrorTargets",
        id_member="TrafficMirrorTargetId",
        item=target_item,
        bad={"Type": "gateway-load-balancer-endpoint"},
        find=lambda client, query: TrafficMirrorTargetRepository(client).find(query),
        query=lambda size: TargetQuery().page_size(size),
        ident=lambda target: str(target.traffic_mirror_target_id),
        paginate=_target_pages,
    ),
    "filters": Resource(
        operation="DescribeTrafficMirrorFilters",
        result_key="TrafficMirrorFilters",
        id_member="TrafficMirrorFilterId",
        item=filter_item,
        bad={"NetworkServices": ["amazon-dns", "amazon-dns"]},
        find=lambda client, query: TrafficMirrorFilterRepository(client).find(query),
        query=lambda size: FilterQuery().page_size(size),
        ident=lambda filter_: str(filter_.traffic_mirror_filter_id),
        paginate=_filter_pages,
    ),
    "rules": Resource(
        operation="DescribeTrafficMirrorFilterRules",
        result_key="TrafficMirrorFilterRules",
        id_member="TrafficMirrorFilterRuleId",
        item=rule_item,
        bad={"RuleNumber": 0},
        find=lambda client, query: TrafficMirrorFilterRepository(client).find_rules(query),
        query=lambda size: FilterRuleQuery().page_size(size),
        ident=lambda rule: str(rule.traffic_mirror_filter_rule_id),
        paginate=_rule_pages,
    ),
}

_BOTOCORE = botocore.session.get_session()


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_items_before_the_cut_plus_items_after_resuming_are_the_full_listing(name: str) -> None:
    resource = RESOURCES[name]

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        total=st.integers(0, MAX_TOTAL),
        page_size=st.integers(5, 8),
        cut=st.integers(0, MAX_TOTAL),
        kind=st.sampled_from(KINDS),
    )
    def check(total: int, page_size: int, cut: int, kind: Kind) -> None:
        client = cast("EC2Client", _BOTOCORE.create_client("ec2", region_name="us-east-1"))
        items = [resource.item(n) for n in range(total)]
        answers = Answers(client, {resource.operation: items})
        query = resource.query(page_size)
        full = [str(item[resource.id_member]) for item in items]
        expected = list(full)
        cut = min(cut, total)
        before: list[Any] = []
        error: AwsApiError | ResponseValidationError | None = None

        if kind == "max_items":
            listing = resource.find(client, query.max_items(max(cut, 1)))
            before = list(listing)
            assert len(before) == min(max(cut, 1), total)
        else:
            listing = resource.find(client, query)
            before = list(islice(listing, cut))
            if kind == "fail":
                answers.fail(resource.operation)
                failure: AwsApiError | None = None
                try:
                    before.extend(listing)
                except AwsApiError as caught:
                    failure = caught
                # A call is needed unless the cut is inside the last page.
                page_end = -(-cut // page_size) * page_size
                assert (failure is not None) == (cut == 0 or page_end < total)
                if failure is not None:
                    assert failure.code == "InternalError"
                    assert failure.operation == resource.operation
                error = failure
            elif kind == "invalid" and cut < total:
                bad = full[cut]
                answers.invalid(bad, **resource.bad)
                expected.remove(bad)
                # The page that holds the bad item may be fetched already: fetch it again.
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
        answers.reset_faults()
        rest: list[Any] = []
        if token is not None:
            rest = list(resource.find(client, query.starting_token(token)))
            # botocore's own paginator goes on from the same token to the same items.
            pages = resource.paginate(client, page_size, token)
            boto = [
                str(item[resource.id_member])
                for page in pages
                for item in page[resource.result_key]
            ]
            assert boto == [resource.ident(item) for item in rest]
        else:
            assert len(before) == len(expected)
        combined = [resource.ident(item) for item in before + rest]
        assert combined == expected
        assert len(set(combined)) == len(combined)

    check()
