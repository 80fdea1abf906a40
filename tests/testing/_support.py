"""Shared pieces of the fake's tests: clients per transport, retry configs, helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
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


class LoadBalancers(Protocol):
    """The one ELBv2 call these tests make."""

    def create_load_balancer(self, **params: Any) -> dict[str, Any]:
        """``CreateLoadBalancer``."""
        ...


@dataclass
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
    elbv2: LoadBalancers | None = None

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

    def load_balancers(self) -> LoadBalancers:
        """A plain boto3 ELBv2 client on this transport (to make load balancers)."""
        if self.elbv2 is None:
            # boto3-stubs[elbv2] is not installed: the client is typed by hand.
            self.elbv2 = cast(
                "LoadBalancers",
                boto3.client(  # pyright: ignore[reportUnknownMemberType]
                    "elbv2", region_name=REGION, endpoint_url=self.endpoint_url, config=NO_RETRIES
                ),
            )
        return self.elbv2


def error_of(call: Callable[[], object]) -> tuple[str, int]:
    """The error code and HTTP status of a call that must fail."""
    with pytest.raises(ClientError) as caught:
        call()
    response = caught.value.response
    return str(response.get("Error", {}).get("Code")), int(
        response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    )


def token_of(response: Mapping[str, Any]) -> str:
    """The NextToken of a response that must have one."""
    return str(response["NextToken"])


def page_through(
    call: Callable[..., Mapping[str, Any]], member: str, page_size: int, **params: Any
) -> tuple[list[dict[str, Any]], list[int]]:
    """Every item of a Describe call, paged by hand with NextToken; and the page sizes."""
    items: list[dict[str, Any]] = []
    sizes: list[int] = []
    token: str | None = None
    while True:
        extra: dict[str, Any] = {"MaxResults": page_size}
        if token:
            extra["NextToken"] = token
        response = call(**params, **extra)
        page = [dict(item) for item in response[member]]
        items += page
        sizes.append(len(page))
        token = response.get("NextToken")
        if not token:
            return items, sizes


def default_subnet(ec2: EC2Client) -> str:
    """A subnet of the region's default VPC (moto makes one per region)."""
    return ec2.describe_subnets()["Subnets"][0].get("SubnetId", "")


def new_interface(ec2: EC2Client) -> str:
    """A network interface made with plain boto3."""
    made = ec2.create_network_interface(SubnetId=default_subnet(ec2))["NetworkInterface"]
    return made.get("NetworkInterfaceId", "")
