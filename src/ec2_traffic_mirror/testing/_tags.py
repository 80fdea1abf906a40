"""``CreateTags``/``DeleteTags`` on Traffic Mirror resources: the checks moto skips.

moto stores the tags (in its own tag store, so ``describe_tags`` sees them);
the fake first checks what AWS checks: that each Traffic Mirror id exists
(``Invalid...Id.NotFound``), the tag rules, and the 50-tag limit after the merge.
"""

from __future__ import annotations

from typing import Final

from ec2_traffic_mirror._models import MAX_TAGS_PER_RESOURCE
from ec2_traffic_mirror.testing._context import Context
from ec2_traffic_mirror.testing._filters import FILTER, RULE
from ec2_traffic_mirror.testing._moto import Request
from ec2_traffic_mirror.testing._sessions import SESSION
from ec2_traffic_mirror.testing._state import RegionState
from ec2_traffic_mirror.testing._targets import TARGET
from ec2_traffic_mirror.testing._wire import (
    check_tags,
    string_list,
    tag_limit_exceeded,
    tag_pairs,
)

__all__ = ["TAG_OPERATIONS", "check_tag_request", "traffic_mirror_resources"]

TAG_OPERATIONS: Final = ("CreateTags", "DeleteTags")
"""Tag operations: on Traffic Mirror ids the fake checks, counts, throttles and denies
them (and answers DryRun); moto stores the tags."""

_PREFIXES: Final = ("tms-", "tmt-", "tmf-", "tmfr-")


def traffic_mirror_resources(request: Request) -> list[str]:
    """The Traffic Mirror ids among a tag request's ``Resources``."""
    return [
        resource
        for resource in string_list(request.params, "Resources")
        if resource.startswith(_PREFIXES)
    ]


def _check_exists(state: RegionState, resource_id: str) -> None:
    if resource_id.startswith(SESSION.prefix):
        SESSION.lookup(state.sessions, resource_id)
    elif resource_id.startswith(TARGET.prefix):
        TARGET.lookup(state.targets, resource_id)
    elif resource_id.startswith(FILTER.prefix):
        FILTER.lookup(state.filters, resource_id)
    else:
        RULE.lookup(state.rules, resource_id)


def check_tag_request(context: Context, request: Request) -> None:
    """The checks of CreateTags/DeleteTags on Traffic Mirror ids that moto skips."""
    resources = traffic_mirror_resources(request)
    state = context.state(request.account_id, request.region)
    for resource_id in resources:
        _check_exists(state, resource_id)
    if request.operation != "CreateTags":
        return
    new_tags = check_tags(tag_pairs(request.params.get("Tags")))
    for resource_id in resources:
        merged = {**state.tags_of(resource_id), **new_tags}
        if len(merged) > MAX_TAGS_PER_RESOURCE:
            raise tag_limit_exceeded()
