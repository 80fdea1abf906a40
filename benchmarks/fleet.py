"""Fleet: many scopes listed one after the other by hand, and by a Fleet; and its memory.

Speed: the fake (a child process) waits a simulated latency before answering
each Traffic Mirror call and each ``AssumeRole`` (50 ms: a far region), for 50
scopes: 10 accounts (a role assumed in each) times 5 regions, 20 sessions
each. Sequential is the loop a user writes: for each account assume the role,
for each region make a client and list with the repository. The fleet is
``Fleet(scopes).sessions()`` on its default executor (16 threads), and once
with ``max_in_flight=1`` (the fleet's own cost, one scope at a time). Wall
times (and this process's CPU times) and the ratio sequential / fleet.

Memory: the client's peak traced memory (``tracemalloc``, this process: the
fake runs in its child) while a fleet streams ever larger fleets (16, 64 and
256 scopes of 40 sessions, two pages each, on the same far fake), items
dropped as they come, against keeping every item in a list. The work in
flight is bounded (16 pages, their clients), so the streaming peak stays flat
while the scopes and items grow sixteenfold.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final, Protocol, cast

from benchmarks._common import REGION, Figures, benchmark_main, emit, verdict_of
from benchmarks._server import ServerProcess, fake_server_process

if TYPE_CHECKING:
    from ec2_traffic_mirror import Scope

__all__ = ["MemoryResult", "SpeedResult", "main", "measure_memory", "measure_speed"]

ROLE: Final = "FleetBenchmark"
REGIONS: Final = ("us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1")
SPEED_GOAL: Final = 2.0
"""The fleet should list 50 scopes at least this many times faster than the loop by hand.

Modest on purpose: the fake answers from one Python process (moto's, one
request at a time under its lock and the GIL) on the same two cores as the
client, so the fleet's wall time cannot go below the fake's CPU time, nor the
client's (each scope needs a boto3 client of its own, about 25 ms of CPU to
make); both CPU times are printed with the wall times. Against AWS, where
waiting dominates, the ratio grows with the latency and ``max_in_flight``."""
MEMORY_GOAL: Final = 1.5
"""The streaming peak at 16 times the scopes should stay under this many times the smallest's."""


def account(number: int) -> str:
    return f"{100000000000 + number:012d}"


def scopes_of(accounts: int, regions: Sequence[str]) -> list[Scope]:
    from ec2_traffic_mirror import Scope

    return [Scope(account(n), region, ROLE) for n in range(accounts) for region in regions]


@dataclass(frozen=True)
class SpeedResult:
    """Wall times of 50 scopes (or fewer, quick) listed by hand and by a fleet."""

    scopes: int
    accounts: int
    regions: int
    sessions_per_scope: int
    latency_ms: float
    items: int
    sequential_s: float
    fleet_s: float
    fleet_one_in_flight_s: float
    sequential_cpu_s: float
    fleet_cpu_s: float
    sequential_server_cpu_s: float | None
    fleet_server_cpu_s: float | None


@dataclass(frozen=True)
class MemoryResult:
    """The peak traced memory of the client while a fleet of ``scopes`` scopes streams."""

    scopes: int
    sessions: int
    streaming_peak_bytes: int
    list_peak_bytes: int


class _Sts(Protocol):
    def assume_role(self, *, RoleArn: str, RoleSessionName: str) -> dict[str, Any]: ...  # noqa: N803


def by_hand(endpoint_url: str, scopes: Sequence[Scope]) -> int:
    """The loop a user writes: per account assume the role, per scope a client and a listing."""
    import boto3
    from botocore.config import Config

    from ec2_traffic_mirror import TrafficMirrorSessionRepository

    session = boto3.session.Session()
    config = Config(retries={"mode": "standard"})
    sts = cast(
        "_Sts",
        session.client(  # pyright: ignore[reportUnknownMemberType]
            "sts", region_name=REGION, endpoint_url=endpoint_url, config=config
        ),
    )
    credentials: dict[str, dict[str, Any]] = {}
    items = 0
    for scope in scopes:
        if scope.account_id not in credentials:
            arn = f"arn:aws:iam::{scope.account_id}:role/{ROLE}"
            given = sts.assume_role(RoleArn=arn, RoleSessionName="by-hand")
            credentials[scope.account_id] = given["Credentials"]
        keys = credentials[scope.account_id]
        client = session.client(  # pyright: ignore[reportUnknownMemberType]
            "ec2",
            region_name=scope.region,
            endpoint_url=endpoint_url,
            config=config,
            aws_access_key_id=keys["AccessKeyId"],
            aws_secret_access_key=keys["SecretAccessKey"],
            aws_session_token=keys["SessionToken"],
        )
        items += sum(1 for _ in TrafficMirrorSessionRepository(client).find())
    return items


def by_fleet(endpoint_url: str, scopes: Sequence[Scope], *, max_in_flight: int = 16) -> int:
    from ec2_traffic_mirror import Fleet

    fleet = Fleet(scopes, endpoint_url=endpoint_url, max_in_flight=max_in_flight)
    with fleet.sessions() as listing:
        items = sum(1 for _ in listing)
    if listing.failures:
        raise RuntimeError(f"the benchmark's fleet failed: {listing.failures}")
    return items


def _timed(action: Callable[[], int]) -> tuple[int, float, float]:
    """The items, the wall time and the CPU time of this process (every thread)."""
    start, cpu = time.perf_counter(), time.process_time()
    items = action()
    return items, time.perf_counter() - start, time.process_time() - cpu


def measure_speed(
    server: ServerProcess, accounts: int, regions: Sequence[str], sessions: int, latency: float
) -> SpeedResult:
    """By hand, by a fleet, by a fleet one scope at a time, against the far fake."""
    url = server.url
    scopes = scopes_of(accounts, regions)
    by_fleet(url, scopes[:1])  # warm up: models loaded, moto's STS and IAM made
    before = server.cpu_seconds()
    hand_items, hand, hand_cpu = _timed(lambda: by_hand(url, scopes))
    middle = server.cpu_seconds()
    fleet_items, fleet, fleet_cpu = _timed(lambda: by_fleet(url, scopes))
    after = server.cpu_seconds()
    one_items, one, _ = _timed(lambda: by_fleet(url, scopes, max_in_flight=1))
    if not hand_items == fleet_items == one_items == len(scopes) * sessions:
        raise RuntimeError(f"the listings differ: {hand_items}, {fleet_items}, {one_items}")
    return SpeedResult(
        scopes=len(scopes),
        accounts=accounts,
        regions=len(regions),
        sessions_per_scope=sessions,
        latency_ms=latency * 1000,
        items=fleet_items,
        sequential_s=hand,
        fleet_s=fleet,
        fleet_one_in_flight_s=one,
        sequential_cpu_s=hand_cpu,
        fleet_cpu_s=fleet_cpu,
        sequential_server_cpu_s=_spent(before, middle),
        fleet_server_cpu_s=_spent(middle, after),
    )


def _spent(start: float | None, end: float | None) -> float | None:
    return None if start is None or end is None else end - start


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


MEMORY_REGIONS: Final = REGIONS[:4]
MEMORY_ACCOUNTS_FROM: Final = 1000
"""The memory part's accounts are numbered from here (the speed part's from 0)."""


def memory_scopes(largest: int) -> list[Scope]:
    from ec2_traffic_mirror import Scope

    accounts = -(-largest // len(MEMORY_REGIONS))
    return [
        Scope(account(MEMORY_ACCOUNTS_FROM + n), region, ROLE)
        for n in range(accounts)
        for region in MEMORY_REGIONS
    ][:largest]


def measure_memory(url: str, scope_counts: Sequence[int], sessions: int) -> list[MemoryResult]:
    """The peak traced memory of streaming, and of keeping, each size of fleet."""
    from ec2_traffic_mirror import Fleet, SessionQuery

    every = memory_scopes(max(scope_counts))
    query = SessionQuery().page_size(max(5, sessions // 2))  # two pages per scope
    results: list[MemoryResult] = []
    for count in scope_counts:
        scopes = every[:count]

        def stream(scopes: Sequence[Scope] = scopes) -> int:
            with Fleet(scopes, endpoint_url=url).sessions(query) as listing:
                return sum(1 for _ in listing)

        def keep(scopes: Sequence[Scope] = scopes) -> int:
            return len(list(Fleet(scopes, endpoint_url=url).sessions(query)))

        results.append(
            MemoryResult(
                scopes=count,
                sessions=count * sessions,
                streaming_peak_bytes=_peak(stream),
                list_peak_bytes=_peak(keep),
            )
        )
    return results


@dataclass(frozen=True)
class FleetResult:
    speed: SpeedResult
    memory: list[MemoryResult]


def measure(
    *,
    accounts: int,
    regions: Sequence[str],
    sessions: int,
    latency: float,
    memory_sizes: Sequence[int],
    memory_sessions: int,
) -> FleetResult:
    """Both parts, on one far fake seeded for both."""
    seeded = [(s.account_id, s.region, sessions) for s in scopes_of(accounts, regions)]
    seeded += [(s.account_id, s.region, memory_sessions) for s in memory_scopes(max(memory_sizes))]
    with fake_server_process(scopes=seeded, latency=latency) as server:
        speed = measure_speed(server, accounts, regions, sessions, latency)
        memory = measure_memory(server.url, memory_sizes, memory_sessions)
    return FleetResult(speed=speed, memory=memory)


def run(*, quick: bool = False) -> FleetResult:
    """50 scopes at 50 ms a call and fleets of 16, 64, 256 scopes; tiny with ``quick``."""
    if quick:
        return measure(
            accounts=3,
            regions=REGIONS[:2],
            sessions=5,
            latency=0.01,
            memory_sizes=(2, 4, 8),
            memory_sessions=10,
        )
    return measure(
        accounts=10,
        regions=REGIONS,
        sessions=20,
        latency=0.05,
        memory_sizes=(16, 64, 256),
        memory_sessions=40,
    )


def _seconds(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f} s"


def report(result: FleetResult, *, as_json: bool, quick: bool = False) -> None:
    """Print the figures: wall times and their ratio, and the peaks per size."""
    speed = result.speed
    ratio = speed.sequential_s / speed.fleet_s
    memory = result.memory
    growth = memory[-1].streaming_peak_bytes / memory[0].streaming_peak_bytes
    figures: Figures = {
        "speed_goal": SPEED_GOAL,
        "memory_goal": MEMORY_GOAL,
        "ratio": ratio,
        "streaming_growth": growth,
        "scope_growth": memory[-1].scopes / memory[0].scopes,
        **asdict(speed),
        "memory": [asdict(entry) for entry in memory],
    }
    lines = [
        f"{speed.scopes} scopes ({speed.accounts} accounts x {speed.regions} regions),"
        f" {speed.sessions_per_scope} sessions each, {speed.latency_ms:.0f} ms per call",
        f"sequential by hand: {speed.sequential_s:.2f} s ({speed.sequential_cpu_s:.2f} s CPU);"
        f" fleet (16 in flight): {speed.fleet_s:.2f} s ({speed.fleet_cpu_s:.2f} s CPU);"
        f" fleet one at a time: {speed.fleet_one_in_flight_s:.2f} s",
        f"the fake's own CPU (its child process): {_seconds(speed.sequential_server_cpu_s)}"
        f" while listing by hand, {_seconds(speed.fleet_server_cpu_s)} for the fleet",
        f"ratio sequential / fleet: {ratio:.1f}x (goal: at least {SPEED_GOAL:.0f}x:"
        f" {verdict_of(ratio >= SPEED_GOAL, quick=quick)})",
    ]
    lines.extend(
        f"{entry.scopes:>4} scopes, {entry.sessions:>6,} sessions: streaming peak"
        f" {entry.streaming_peak_bytes / 1e6:6.1f} MB,"
        f" in a list {entry.list_peak_bytes / 1e6:6.1f} MB"
        for entry in memory
    )
    lines.append(
        f"streaming peak at {figures['scope_growth']:.0f}x the scopes: {growth:.2f}x"
        f" (goal: under {MEMORY_GOAL}x: {verdict_of(growth < MEMORY_GOAL, quick=quick)})"
    )
    emit("fleet", figures, lines, as_json=as_json)


main = benchmark_main(__doc__, run, report)
"""``python -m benchmarks.fleet [--quick] [--json]``."""


if __name__ == "__main__":
    main()
