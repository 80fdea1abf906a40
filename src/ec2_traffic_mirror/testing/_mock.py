"""`mock_traffic_mirror()`: moto's ``mock_aws()`` with AWS's Traffic Mirror behaviour.

The fakes that are active form a stack (contexts may nest); moto's handlers are
patched when the first one starts and restored, exactly, when the last one
ends. Requests are answered by the innermost active fake.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from moto import mock_aws
from moto.core.models import MockAWS
from typing_extensions import ParamSpec

from ec2_traffic_mirror.testing._fake import OPERATIONS, TrafficMirrorFake
from ec2_traffic_mirror.testing._moto import Reply, Request, install

__all__ = ["TrafficMirrorMock", "active_fake", "mock_traffic_mirror"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


class _PatchState:
    """Which fakes are active, innermost last, and how to restore moto."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.active: list[TrafficMirrorFake] = []
        self.restore: Callable[[], None] | None = None


_Patches = _PatchState()


def _handle(request: Request) -> Reply | None:
    with _Patches.lock:
        fake = _Patches.active[-1] if _Patches.active else None
    if fake is None:  # a request after the last context ended: stock moto answers
        return None
    return fake.handle(request)


def _push(fake: TrafficMirrorFake) -> None:
    with _Patches.lock:
        if not _Patches.active:
            _Patches.restore = install(OPERATIONS, _handle)
        _Patches.active.append(fake)


def _pop(fake: TrafficMirrorFake) -> None:
    with _Patches.lock:
        for index in range(len(_Patches.active) - 1, -1, -1):
            if _Patches.active[index] is fake:
                del _Patches.active[index]
                break
        if not _Patches.active and _Patches.restore is not None:
            _Patches.restore()
            _Patches.restore = None


def active_fake() -> TrafficMirrorFake:
    """The innermost active fake (for tests under the ``@mock_traffic_mirror()`` decorator)."""
    with _Patches.lock:
        if not _Patches.active:
            raise RuntimeError("no mock_traffic_mirror() is active")
        return _Patches.active[-1]


class TrafficMirrorMock:
    """What ``mock_traffic_mirror()`` returns: a context manager and a decorator.

    As a context manager it starts ``moto.mock_aws()`` and gives the
    `TrafficMirrorFake`; as a decorator it runs the function inside a fresh
    context each call (reach the fake with ``active_fake()`` or ``.fake``).
    """

    def __init__(self) -> None:
        self.fake = TrafficMirrorFake()
        """The fake of the current (or the last) context."""
        self._entered: list[tuple[MockAWS, TrafficMirrorFake]] = []

    def __enter__(self) -> TrafficMirrorFake:
        aws = mock_aws()
        aws.start()
        if self._entered:  # re-entered while active: a nested, separate fake
            self.fake = TrafficMirrorFake()
        try:
            _push(self.fake)
        except BaseException:
            aws.stop()
            raise
        self._entered.append((aws, self.fake))
        return self.fake

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        aws, fake = self._entered.pop()
        try:
            _pop(fake)
        finally:
            aws.stop()

    def __call__(self, func: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(func)
        def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            self.fake = TrafficMirrorFake()
            with self:
                return func(*args, **kwargs)

        return wrapper


def mock_traffic_mirror() -> TrafficMirrorMock:
    """Inside it, plain boto3 EC2 clients get AWS's Traffic Mirror behaviour.

    ``with mock_traffic_mirror() as fake: ...`` or ``@mock_traffic_mirror()``.
    It is ``moto.mock_aws()`` (every other AWS call behaves as moto has it)
    plus the fake; on leaving, moto is restored exactly.
    """
    return TrafficMirrorMock()
