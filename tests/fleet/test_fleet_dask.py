"""The same fleet listing on a Dask ``LocalCluster`` with worker processes: the same union.

Two worker processes of one thread each, one cluster for the module (it costs
seconds to start). The work crosses process boundaries pickled; credentials
are made in the workers (the test process keeps none for the fleet), and
errors come back typed. ``-m dask`` selects these tests, ``-m 'not dask'``
leaves them out.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ec2_traffic_mirror import AccessDeniedError, Fleet, SessionQuery
from ec2_traffic_mirror._fleet_work import _PLACE  # pyright: ignore[reportPrivateUsage]
from ec2_traffic_mirror.testing import TrafficMirrorServer

from ._support import MEMBERS, keyed
from .test_fleet_fake import (
    COUNTS,
    PAGE,
    PAGE_SIZE,
    RETRIES,
    SCOPES,
    fleet_key,
    scope_of,
    seed,
    session_id,
)

if TYPE_CHECKING:
    from distributed import Client

pytestmark = [pytest.mark.dask, pytest.mark.timing_sensitive]


def executor_of(client: Client) -> concurrent.futures.Executor:
    """The client's ``concurrent.futures`` executor (distributed's annotations are partial)."""
    executor: concurrent.futures.Executor = client.get_executor()  # type: ignore[no-untyped-call]  # pyright: ignore[reportUnknownMemberType]
    return executor


@pytest.fixture(scope="module")
def dask_client(module_aws_environment: None) -> Iterator[Client]:
    """A cluster of two worker processes; the workers start with the dummy AWS environment."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_a_dask_cluster_lists_the_same_union_as_threads(
    server: TrafficMirrorServer, dask_client: Client
) -> None:
    seeded = seed(server.fake)
    on_dask = Fleet(
        SCOPES,
        executor=executor_of(dask_client),
        endpoint_url=server.endpoint_url,
        config=RETRIES,
    )
    on_threads = Fleet(SCOPES, endpoint_url=server.endpoint_url, config=RETRIES)
    with on_dask.sessions(PAGE) as listing:
        got = list(listing)
    assert listing.failures == ()
    assert keyed(got, session_id) == seeded.sessions
    assert keyed(list(on_threads.sessions(PAGE)), session_id) == seeded.sessions
    assert all(entry.item.owner_id == entry.scope.account_id for entry in got)
    # The credentials were made in the workers: this process made none for that fleet.
    sessions = _PLACE._sessions  # pyright: ignore[reportPrivateUsage]
    assert fleet_key(on_dask) not in sessions
    assert fleet_key(on_threads) in sessions
    # Roles are assumed where the work runs, once per process and member account
    # (this process and each worker that listed the account: 2 to 6 here), not
    # once per page (the member accounts' 8 pages, listed twice: 16 or more).
    # Dask may run a task again on another worker, or a call be retried under
    # load: either adds one, far from one per page.
    member_pages = sum(
        -(-count // PAGE_SIZE) or 1 for (account, _), count in COUNTS.items() if account in MEMBERS
    )
    assert member_pages == 8
    roles = server.fake.call_count("AssumeRole")
    assert 2 * len(MEMBERS) <= roles < 2 * member_pages


def test_errors_come_back_typed_and_resume_exactly_on_dask(
    server: TrafficMirrorServer, dask_client: Client
) -> None:
    fake = server.fake
    seeded = seed(fake)
    denied = scope_of(MEMBERS[1], "eu-west-1")
    fake.deny(account_id=denied.account_id, region=denied.region)
    fleet = Fleet(
        SCOPES,
        executor=executor_of(dask_client),
        endpoint_url=server.endpoint_url,
        config=RETRIES,
        max_in_flight=3,
    )
    first = list(listing := fleet.sessions(SessionQuery().page_size(5)))
    (failure,) = listing.failures
    assert failure.scope == denied
    assert isinstance(failure.error, AccessDeniedError)
    assert failure.error.code == "UnauthorizedOperation"
    fake.allow()
    rest = list(fleet.resume(listing.failures))
    assert keyed(first, session_id) + keyed(rest, session_id) == seeded.sessions
