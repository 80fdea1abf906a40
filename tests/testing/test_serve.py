"""``python -m ec2_traffic_mirror.testing serve``: what it seeds; its banner is all a user needs.

The banner test follows the banner as a user would: it starts ``serve`` in a
process of its own, copies the ``export`` lines it prints into the
environment of new processes (which hold no other AWS setting), and runs the
example commands it prints (``ec2-traffic-mirror``, ``aws``, a Python line
over ``TrafficMirror.connect()``), which must find exactly the sessions the
same seed gives in this process.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest

from ec2_traffic_mirror import TrafficMirror, TrafficMirrorSession

# The serve command in a subprocess, stopped by Ctrl-C, and commands against it.
pytestmark = pytest.mark.timing_sensitive

BIN: Final = Path(sys.executable).parent
REGION: Final = "eu-west-2"
COUNT: Final = 30
SEED: Final = 5


def _clean_env() -> dict[str, str]:
    """This process's environment without any AWS setting (and no file to read one from)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTEST_"))}
    env |= {
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    return env


@dataclass
class Served:
    """A running ``serve`` process and the banner it printed."""

    process: subprocess.Popen[str]
    banner: list[str]

    def section(self, title: str) -> list[str]:
        """The lines after ``title``'s line and its blank line, up to the next blank line."""
        start = self.banner.index(title) + 2
        end = self.banner.index("", start)
        return self.banner[start:end]

    def exports(self) -> dict[str, str]:
        exported: dict[str, str] = {}
        for line in self.banner:
            if line.startswith("export "):
                name, _, value = shlex.split(line)[1].partition("=")
                exported[name] = value
        return exported


@contextlib.contextmanager
def _ctrl_c_reaches_new_processes() -> Generator[None, None, None]:
    """Processes started meanwhile stop on Ctrl-C, even if this one ignores it.

    A command that a script starts in the background (``... &``: a CI step, a
    flake hunt left running) ignores SIGINT, its children inherit that, and
    Python then leaves it ignored: ``serve`` would never see the test's
    Ctrl-C. A signal that has a handler is reset to the default in a new
    program, so under Python's own handler here a child starts as it would
    from a terminal.
    """
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    from ec2_traffic_mirror.testing.__main__ import LAST_LINE

    command = [sys.executable, "-m", "ec2_traffic_mirror.testing", "serve", "--port", "0"]
    command += ["--seed-random", str(COUNT), "--random-seed", str(SEED), "--region", REGION]
    with _ctrl_c_reaches_new_processes():
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_clean_env(),
        )
    assert process.stdout is not None
    banner: list[str] = []
    try:
        # The banner's last line says the server answers: read up to it (or to its end).
        for line in process.stdout:
            banner.append(line.rstrip("\n"))
            if banner[-1] == LAST_LINE:
                break
        else:
            pytest.fail(f"serve ended before its banner: {banner} {process.stderr}")
        yield Served(process, banner)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: the server stops and exits 0
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()  # no server left behind by a failed run
            process.communicate()
            raise
    assert process.returncode == 0


@pytest.fixture(scope="module")
def estate(module_aws_environment: None) -> list[TrafficMirrorSession]:
    """The sessions the same seed gives in this process, through the SDK."""
    from ec2_traffic_mirror.testing import mock_traffic_mirror
    from ec2_traffic_mirror.testing._estate import seed_estate

    with mock_traffic_mirror() as fake:
        seed_estate(fake, varied=COUNT, region=REGION, random_seed=SEED)
        return list(TrafficMirror.connect(region_name=REGION).sessions.find())


def _run(line: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command line of the banner, with this environment's programs."""
    argv = shlex.split(line)
    argv[0] = sys.executable if argv[0] == "python" else str(BIN / argv[0])
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=180, check=False)


def test_the_banner_exports_credentials_region_and_endpoint(served: Served) -> None:
    url = served.banner[0].split()[-1]
    assert url.startswith("http://127.0.0.1:")
    assert served.exports() == {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL_EC2": url,
    }
    assert served.banner[1].startswith(f"seeded in {REGION}, account 123456789012: 30 sessions")


def test_the_banner_s_commands_work_with_its_exports(
    served: Served, estate: list[TrafficMirrorSession]
) -> None:
    env = _clean_env() | served.exports()
    table, aws, python = served.section("then, for example:")
    assert table.startswith("ec2-traffic-mirror sessions list --packet-length ")
    length = int(shlex.split(table)[4])
    listed = _run(table, env)
    assert listed.returncode == 0, listed.stderr
    rows = [row.split()[0] for row in listed.stdout.splitlines() if row.startswith("tms-")]
    wanted = [s.traffic_mirror_session_id for s in estate if s.packet_length == length]
    assert rows == wanted
    assert len(wanted) >= 2  # the most common length: something to find

    assert aws.startswith("aws ec2 describe-traffic-mirror-sessions --filters ")
    vni = int(aws.rsplit("=", 1)[1])
    described = _run(aws, env)
    assert described.returncode == 0, described.stderr
    found: list[dict[str, Any]] = json.loads(described.stdout)["TrafficMirrorSessions"]
    wanted = [s.traffic_mirror_session_id for s in estate if s.virtual_network_id == vni]
    assert [item["TrafficMirrorSessionId"] for item in found] == wanted
    assert len(wanted) >= 2

    assert python.startswith("python -c ")
    counted = _run(python, env)
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout == f"{COUNT} sessions\n"


def test_without_the_exports_the_same_commands_fail(served: Served) -> None:
    python = served.section("then, for example:")[2]
    failed = _run(python, _clean_env())
    assert failed.returncode != 0
    assert "RegionError" in failed.stderr  # the first thing missing: the region
    no_endpoint = _clean_env() | {
        k: v for k, v in served.exports().items() if k != "AWS_ENDPOINT_URL_EC2"
    }
    failed = _run(python, no_endpoint | {"AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:9"})
    assert failed.returncode != 0
    assert "EndpointError" in failed.stderr


def test_endpoint_url_instead_of_the_endpoint_variable(served: Served) -> None:
    url = served.exports()["AWS_ENDPOINT_URL_EC2"]
    assert f"Instead of AWS_ENDPOINT_URL_EC2: --endpoint-url {url} (the commands)," in (
        served.banner
    )
    assert f"endpoint_url={url!r} (connect(), boto3.client())." in served.banner
    env = _clean_env() | {k: v for k, v in served.exports().items() if k != "AWS_ENDPOINT_URL_EC2"}
    listed = _run(f"ec2-traffic-mirror sessions list --output json --endpoint-url {url}", env)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["TrafficMirrorSessions"]) == COUNT
    script = (
        "from ec2_traffic_mirror import TrafficMirror; "
        f"print(TrafficMirror.connect(endpoint_url={url!r}).targets.count())"
    )
    counted = _run(f"python -c {shlex.quote(script)}", env)
    assert counted.returncode == 0, counted.stderr
    targets = re.search(r"(\d+) targets", served.banner[1])
    assert targets is not None
    assert counted.stdout == f"{targets[1]}\n"


def test_seeded_sessions_vary(estate: list[TrafficMirrorSession]) -> None:
    assert len(estate) == COUNT
    lengths = Counter(s.packet_length for s in estate)
    assert lengths[None] >= 1  # whole packets
    assert len(lengths) >= 4
    vnis = Counter(s.virtual_network_id for s in estate)
    assert max(vnis.values()) >= 2  # a VNI several sessions share
    assert len(vnis) >= 4
    assert len({s.description for s in estate}) >= 5
    assert None in {s.description for s in estate}
    keys = {tag.key for s in estate for tag in s.tags}
    assert {"Name", "env", "team"} <= keys
    per_interface = Counter(s.network_interface_id for s in estate)
    assert max(per_interface.values()) <= 3
    assert len(per_interface) >= COUNT // 3
    assert len({s.traffic_mirror_target_id for s in estate}) >= 5
    assert len({s.traffic_mirror_filter_id for s in estate}) >= 3


def _dump(mirror: TrafficMirror) -> dict[str, list[dict[str, Any]]]:
    return {
        "sessions": [s.model_dump(by_alias=True) for s in mirror.sessions.find()],
        "targets": [t.model_dump(by_alias=True) for t in mirror.targets.find()],
        "filters": [f.model_dump(by_alias=True) for f in mirror.filters.find()],
    }


@pytest.mark.parametrize("size", [1, 40])
def test_targets_and_filters_vary_and_the_seed_repeats_the_estate(size: int) -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror
    from ec2_traffic_mirror.testing._estate import seed_estate

    dumps: list[dict[str, list[dict[str, Any]]]] = []
    for seed in (11, 11, 12):
        with mock_traffic_mirror() as fake:
            estate = seed_estate(fake, varied=size, random_seed=seed)
            mirror = TrafficMirror.connect(region_name="us-east-1")
            dumps.append(_dump(mirror))
            assert [s["TrafficMirrorSessionId"] for s in dumps[-1]["sessions"]] == estate.sessions
    assert dumps[0] == dumps[1]
    assert dumps[0]["sessions"] != dumps[2]["sessions"]
    targets = dumps[0]["targets"]
    assert Counter(t["Type"] for t in targets) == {
        "network-interface": 2,
        "network-load-balancer": 2,
        "gateway-load-balancer-endpoint": 2,
    }
    filters = dumps[0]["filters"]
    assert len(filters) == (3 if size == 1 else 4)
    rules = [r for f in filters for r in f["IngressFilterRules"] + f["EgressFilterRules"]]
    assert {r["TrafficDirection"] for r in rules} == {"ingress", "egress"}
    assert {r.get("Protocol") for r in rules} >= {6, 17, 1, None}  # None: every protocol
    assert any("SourcePortRange" in r and "DestinationPortRange" in r for r in rules)
    assert {r["RuleAction"] for r in rules} == {"accept", "reject"}
    assert any(":" in r["SourceCidrBlock"] for r in rules)  # IPv6
    assert any(f["NetworkServices"] == ["amazon-dns"] for f in filters)


def test_plain_seeding_is_as_before() -> None:
    from ec2_traffic_mirror.testing import mock_traffic_mirror
    from ec2_traffic_mirror.testing._estate import seed_estate

    with mock_traffic_mirror() as fake:
        estate = seed_estate(fake, plain=5)
        sessions = list(TrafficMirror.connect(region_name="us-east-1").sessions.find())
    assert [s.traffic_mirror_session_id for s in sessions] == estate.sessions
    assert {s.packet_length for s in sessions} == {None}
    assert [s.tag_map for s in sessions] == [
        {"seed-0": f"{i}-0", "seed-1": f"{i}-1"} for i in range(5)
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seed", "-1"], "argument --seed: -1 is below 0"),
        (["--seed-random", "many"], "argument --seed-random: 'many' is not a whole number"),
        (["--seed", "10001"], "quota"),
    ],
)
def test_bad_counts_exit_2_with_the_reason(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from ec2_traffic_mirror.testing.__main__ import main

    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "0", *args])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
