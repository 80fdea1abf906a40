"""`Scope`: one place a `Fleet` lists in (an account, a region, the role to assume there).

A scope is checked when it is made, before any call: a 12-digit account id,
a region name of AWS's shape (``us-east-1``, ``us-gov-west-1``,
``cn-north-1``), and a role that is an IAM role name (``AuditRole``) or the
ARN of a role in the scope's own account (``arn:aws:iam::123456789012:role/ops/AuditRole``,
the form for a role with a path). ``role=None`` lists with the caller's own
credentials, which must then act in the scope's account.

`Scope.from_organization` builds the scopes of an AWS Organization: its
active member accounts (``ListAccounts``, every page) times the regions
given, or the regions enabled for the caller's account (``DescribeRegions``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Protocol, cast

from ec2_traffic_mirror._checks import describe_value
from ec2_traffic_mirror._errors import QueryError, call_aws, error_from_botocore

if TYPE_CHECKING:
    from boto3.session import Session
    from botocore.config import Config
    from mypy_boto3_ec2 import EC2Client

__all__ = [
    "ENABLED_OPT_IN_STATUSES",
    "LIST_ACCOUNTS_PAGE",
    "Scope",
    "check_region",
    "check_role_name",
    "organization_scopes",
    "role_arn",
]

_ACCOUNT_ID: Final = re.compile(r"[0-9]{12}")
_REGION: Final = re.compile(r"[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}")
_ROLE_NAME: Final = re.compile(r"[A-Za-z0-9_+=,.@-]{1,64}")
_ROLE_ARN: Final = re.compile(
    r"arn:aws(?:-[a-z]+)*:iam::(?P<account>[0-9]{12}):role/(?:[!-~]*/)?[A-Za-z0-9_+=,.@-]{1,64}"
)

ENABLED_OPT_IN_STATUSES: Final = frozenset({"opt-in-not-required", "opted-in"})
"""The ``OptInStatus`` values of ``DescribeRegions`` for a region the account may use."""


def _check_account_id(where: str, value: object) -> str:
    if not isinstance(value, str) or _ACCOUNT_ID.fullmatch(value) is None:
        raise QueryError(f"{where} takes a 12-digit AWS account id, got {describe_value(value)}")
    return value


def check_region(where: str, value: object) -> str:
    """``value`` if it has the shape of an AWS region name (``us-east-1``), else `QueryError`."""
    if not isinstance(value, str) or _REGION.fullmatch(value) is None:
        raise QueryError(
            f"{where} takes an AWS region name such as 'us-east-1', got {describe_value(value)}"
        )
    return value


def check_role_name(where: str, value: object) -> str:
    """``value`` if it is an IAM role name (1 to 64 of letters, digits and ``_+=,.@-``)."""
    if not isinstance(value, str) or _ROLE_NAME.fullmatch(value) is None:
        raise QueryError(
            f"{where} takes an IAM role name (1 to 64 letters, digits or _+=,.@-),"
            f" got {describe_value(value)}"
        )
    return value


def _check_role(account_id: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith("arn:"):
        match = _ROLE_ARN.fullmatch(value)
        if match is None:
            raise QueryError(
                "Scope() takes as role an IAM role name or a role ARN"
                " (arn:aws:iam::ACCOUNT:role/[PATH/]NAME), got "
                f"{value!r}"
            )
        if match["account"] != account_id:
            raise QueryError(
                f"Scope() got the role {value!r} of account {match['account']} for account"
                f" {account_id}: a scope's role must be in the scope's own account (its"
                " credentials act there, and every item is labelled with the scope's account)"
            )
        return value
    return check_role_name("Scope() as role", value)


@dataclasses.dataclass(frozen=True)
class Scope:
    """One place a `Fleet` lists in: an account, a region, and the role to assume there.

    ``Scope("123456789012", "eu-west-1", "AuditRole")``. ``role`` is an IAM role
    name (its ARN is made for the scope's account and the region's partition)
    or a role ARN in the scope's account (the form for a role with a path);
    ``None`` lists with the caller's own credentials, which must act in the
    scope's account (checked with ``sts:GetCallerIdentity`` before listing:
    `ScopeAccountError` otherwise). Every value is checked when the scope is
    made (`QueryError`). Frozen, hashable, picklable.
    """

    account_id: str
    """The 12-digit AWS account id."""
    region: str
    """The AWS region, for example ``eu-west-1``."""
    role: str | None = None
    """The IAM role to assume in the account (a name or an ARN), or ``None`` for none."""

    def __post_init__(self) -> None:
        _check_account_id("Scope() as account_id", self.account_id)
        check_region("Scope() as region", self.region)
        _check_role(self.account_id, self.role)

    def __str__(self) -> str:
        where = f"{self.account_id}/{self.region}"
        return where if self.role is None else f"{where} (role {self.role})"

    @classmethod
    def from_organization(
        cls,
        *,
        role_name: str,
        regions: Iterable[str] | None = None,
        profile_name: str | None = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
    ) -> tuple[Scope, ...]:
        """The scopes of the caller's AWS Organization: active accounts times regions.

        Run with credentials of the management account (or of a delegated
        administrator for Organizations). The accounts are every page of
        ``organizations:ListAccounts``, keeping the ``ACTIVE`` ones (a
        suspended or closed account cannot be listed). Each gets ``role_name``
        to assume, except the caller's own account (``sts:GetCallerIdentity``),
        which is listed with the caller's credentials: the management account
        usually has no such role, and needs none.

        ``regions`` as given (checked, duplicates refused), or ``None`` for
        the regions enabled in the caller's account (``ec2:DescribeRegions``:
        ``OptInStatus`` ``opt-in-not-required`` or ``opted-in``, in the
        caller's partition). An opt-in region enabled there but not in a
        member account shows up as that scope's failure. ``region_name`` is
        where ``DescribeRegions`` and STS are called (default: the profile's
        region); ``endpoint_url`` and ``config`` apply to every call (tests
        point them at a fake). Scopes come sorted by account, then region.
        """
        return organization_scopes(
            role_name=role_name,
            regions=regions,
            profile_name=profile_name,
            region_name=region_name,
            endpoint_url=endpoint_url,
            config=config,
        )


def role_arn(scope: Scope, partition: str) -> str | None:
    """The ARN of the scope's role (``None`` without one) in ``partition`` (``aws``, ``aws-cn``)."""
    if scope.role is None or scope.role.startswith("arn:"):
        return scope.role
    return f"arn:{partition}:iam::{scope.account_id}:role/{scope.role}"


# -- Organizations ------------------------------------------------------------------------


class _OrganizationsClient(Protocol):
    def list_accounts(self, **kwargs: Any) -> Mapping[str, Any]: ...


class _StsClient(Protocol):
    def get_caller_identity(self) -> Mapping[str, Any]: ...


def _checked_regions(regions: Iterable[str]) -> tuple[str, ...]:
    given = cast("object", regions)
    if isinstance(given, str) or not isinstance(given, Iterable):
        raise QueryError(
            f"from_organization() takes an iterable of region names as regions,"
            f" got {describe_value(given)}"
        )
    checked = tuple(
        check_region("from_organization() in regions", region)
        for region in cast("Iterable[object]", given)
    )
    if not checked:
        raise QueryError("from_organization() got no regions: give some, or None for the enabled")
    repeated = sorted({region for region in checked if checked.count(region) > 1})
    if repeated:
        raise QueryError(f"from_organization() got regions more than once: {repeated!r}")
    return checked


def organization_scopes(
    *,
    role_name: str,
    regions: Iterable[str] | None,
    profile_name: str | None,
    region_name: str | None,
    endpoint_url: str | None,
    config: Config | None,
) -> tuple[Scope, ...]:
    """`Scope.from_organization`: the checks first, then the calls."""
    import boto3
    from botocore.exceptions import BotoCoreError

    from ec2_traffic_mirror._repository import client_config

    role = check_role_name("from_organization() as role_name", role_name)
    wanted = None if regions is None else _checked_regions(regions)
    if region_name is not None:
        check_region("from_organization() as region_name", region_name)
    merged = client_config(config)
    try:
        session = boto3.session.Session(profile_name=profile_name, region_name=region_name)
        sts = cast(
            "_StsClient",
            session.client(  # pyright: ignore[reportUnknownMemberType]
                "sts", endpoint_url=endpoint_url, config=merged
            ),
        )
        organizations = cast(
            "_OrganizationsClient",
            session.client(  # pyright: ignore[reportUnknownMemberType]
                "organizations", endpoint_url=endpoint_url, config=merged
            ),
        )
    except BotoCoreError as error:
        raise error_from_botocore(error) from error
    caller = str(call_aws("GetCallerIdentity", sts.get_caller_identity)["Account"])
    accounts = _active_accounts(organizations)
    if wanted is None:
        try:
            ec2: EC2Client = session.client(  # pyright: ignore[reportUnknownMemberType]
                "ec2", endpoint_url=endpoint_url, config=merged
            )
        except BotoCoreError as error:
            raise error_from_botocore(error) from error
        wanted = _enabled_regions(session, ec2)
    return tuple(
        Scope(account, region, None if account == caller else role)
        for account in sorted(accounts)
        for region in wanted
    )


def _active_accounts(client: _OrganizationsClient) -> list[str]:
    """The ids of the organization's ``ACTIVE`` accounts, from every page of ``ListAccounts``."""
    accounts: list[str] = []
    token: str | None = None
    while True:
        response = _list_accounts(client, token)
        # ``Status`` is the older member; ``State`` (ACTIVE, SUSPENDED,
        # PENDING_CLOSURE, CLOSED, ...) its successor: both must say ACTIVE.
        accounts.extend(
            _check_account_id("ListAccounts' answer", account.get("Id"))
            for account in cast("list[Mapping[str, Any]]", response.get("Accounts") or [])
            if account.get("Status", "ACTIVE") == "ACTIVE"
            and account.get("State", "ACTIVE") == "ACTIVE"
        )
        next_token = cast("str | None", response.get("NextToken") or None)
        if next_token is None:
            return accounts
        if next_token == token:
            raise QueryError(f"ListAccounts answered the NextToken it was sent ({token!r})")
        token = next_token


LIST_ACCOUNTS_PAGE: Final = 20
"""``MaxResults`` of each ``ListAccounts`` call (the most the API allows)."""


def _list_accounts(client: _OrganizationsClient, token: str | None) -> Mapping[str, Any]:
    arguments: dict[str, Any] = {"MaxResults": LIST_ACCOUNTS_PAGE}
    if token is not None:
        arguments["NextToken"] = token
    return call_aws("ListAccounts", lambda: client.list_accounts(**arguments))


def _enabled_regions(session: Session, client: EC2Client) -> tuple[str, ...]:
    """The regions ``DescribeRegions`` says the caller's account may use, in its partition."""
    from botocore.exceptions import BotoCoreError

    response = call_aws("DescribeRegions", client.describe_regions)
    home = client.meta.region_name
    try:
        partition: str | None = session.get_partition_for_region(home)
    except BotoCoreError:
        partition = None
    enabled: list[str] = []
    for region in response.get("Regions", []):
        name = region.get("RegionName")
        if name is None or region.get("OptInStatus") not in ENABLED_OPT_IN_STATUSES:
            continue
        try:
            same = partition is None or session.get_partition_for_region(name) == partition
        except BotoCoreError:
            same = True  # a region botocore does not know yet: AWS answered with it
        if same:
            enabled.append(check_region("DescribeRegions' answer", name))
    return tuple(sorted(set(enabled)))
