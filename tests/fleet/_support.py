"""What the fleet tests share: executors that count and record, and the expected items."""

from __future__ import annotations

import concurrent.futures
import pickle
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Final, ParamSpec, TypeVar, cast

from ec2_traffic_mirror import FleetItem, Scope
from ec2_traffic_mirror._fleet_work import PageWork

_P = ParamSpec("_P")
_R = TypeVar("_R")
_M = TypeVar("_M")

CALLER: Final = "123456789012"
"""The account the dummy credentials act in (moto's default account)."""
MEMBERS: Final = ("111111111111", "222222222222")
ROLE: Final = "FleetAudit"


class CountingExecutor(concurrent.futures.Executor):
    """A thread pool that counts and keeps (pickled) what it is sent, and what it cancelled.

    Pickling each task proves the work is picklable, as a process or Dask
    executor needs it, and keeps the bytes for the tests to search.
    """

    def __init__(self, workers: int = 4) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
        self._lock = threading.Lock()
        self.works: list[PageWork] = []
        self.pickled: list[bytes] = []
        self.futures: list[concurrent.futures.Future[object]] = []
        self.most_outstanding = 0
        self._results_taken = 0

    def submit(
        self, fn: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs
    ) -> concurrent.futures.Future[_R]:
        for arg in args:
            if isinstance(arg, PageWork):
                with self._lock:
                    self.works.append(arg)
                    self.pickled.append(pickle.dumps(arg))
        future = self._pool.submit(fn, *args, **kwargs)
        with self._lock:
            self.futures.append(cast("concurrent.futures.Future[object]", future))
            outstanding = sum(1 for f in self.futures if not f.done())
            self.most_outstanding = max(self.most_outstanding, outstanding)
        return future

    @property
    def submitted(self) -> int:
        with self._lock:
            return len(self.futures)

    @property
    def cancelled(self) -> int:
        with self._lock:
            return sum(1 for future in self.futures if future.cancelled())

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def keyed(items: Iterable[FleetItem[_M]], key: Callable[[_M], str]) -> Counter[tuple[Scope, str]]:
    """Each item as (its scope, its id), counted: a multiset, so an item twice shows."""
    return Counter((entry.scope, key(entry.item)) for entry in items)
