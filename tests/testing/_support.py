"""Shared pieces of the fake's tests: clients per transport, retry configs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from mypy_boto3_ec2 import EC2Client

# Imported lazily everywhere in these tests: importing the subpackage sets the
# attribute `ec2_traffic_mirror.testing`, which tests/test_exports.py (run before
# these modules) counts as public surface if it already exists at collection.
if TYPE_CHECKING:
    from ec2_traffic_mirror.testing import TrafficMirrorFake

REGION = "us-east-1"
NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1})
RAW = Config(retries={"mode": "standard", "total_max_attempts": 1}, parameter_validation=False)
RETRYING = Config(retries={"mode": "standard", "total_max_attempts": 4})


@dataclass(frozen=True)
class Env:
    """One transport: clients and the fake behind them.

    Clients are made once per transport and kept: a boto3 client costs about a
    second under ``mock_aws()`` (it resets boto3's default session, so the EC2
    model is loaded again).
    """

    transport: str
    fake: TrafficMirrorFake
    endpoint_url: str | None
    clients: dict[tuple[int, str], EC2Client] = field(
        default_factory=dict[tuple[int, str], EC2Client]
    )

    def client(self, config: Config = NO_RETRIES, region: str = REGION) -> EC2Client:
        """A plain boto3 EC2 client on this transport."""
        key = (id(config), region)
        if key not in self.clients:
            # boto3-stubs types only the services installed; the other overloads are unknown.
            self.clients[key] = boto3.client(  # pyright: ignore[reportUnknownMemberType]
                "ec2", region_name=region, endpoint_url=self.endpoint_url, config=config
            )
        return self.clients[key]

    def call_raw(self, operation: str, **params: object) -> Any:
        """Call with botocore's client-side validation off, to reach the fake's own checks."""
        return getattr(self.client(RAW), operation)(**params)
