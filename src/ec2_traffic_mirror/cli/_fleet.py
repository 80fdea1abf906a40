"""``ec2-traffic-mirror fleet sessions|targets|filters list``: across accounts and regions.

The scopes come from ``--accounts`` times ``--regions`` (each account through
``--role-name``, or with the caller's own credentials without it), or from
``--organization`` (its active accounts, the caller's own without a role,
times ``--regions`` or the regions enabled for the caller). The listing is a
`Fleet`'s, on a thread pool of ``--max-in-flight`` threads.

Output: what ``sessions list`` (``targets list``, ``filters list``) writes,
with ``AccountId`` and ``Region`` first in each item (json, text, ndjson), as
ACCOUNT and REGION columns (table) and as the first two csv columns. The json
document is ``{"TrafficMirrorSessions": [{"AccountId": ..., "Region": ...,
...}]}``: the ``describe-traffic-mirror-sessions`` document, each item with
the two members AWS Config's aggregated items carry as
``accountId``/``awsRegion``. ``--tag``/``--tag-key`` select on the client
side, as on ``list``.

Failed scopes do not stop the others. After the listing, stderr has one line
per failed scope (its error) and a ``--starting-tokens`` argument that lists
exactly what is missing when the same command is run with it; the exit status
is 1. Ctrl-C stops the listing, prints what was listed, and gives the same
argument for everything not listed (exit 130). On a terminal, a progress line
on stderr counts the scopes done and failed and the items so far.
"""

from __future__ import annotations

import base64
import inspect
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import click

from ec2_traffic_mirror import (
    Fleet,
    FleetItem,
    FleetListing,
    QueryError,
    Scope,
    TrafficMirrorError,
)
from ec2_traffic_mirror.cli._app import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    PROG,
    CommandFailure,
    CommandRun,
    DeferredInterrupt,
    build_query,
    cli,
    command_body,
    describe_error,
    filter_entries,
    filter_flags,
    help_without_command,
    last_occurrence,
    parsed,
    selection_options,
    usage_error,
)
from ec2_traffic_mirror.cli._args import InputError, select_tags
from ec2_traffic_mirror.cli._options import AwsCommand, AwsGroup, ListOption, with_global_options
from ec2_traffic_mirror.cli._output import Column, Layout, ListingSink, Progress
from ec2_traffic_mirror.cli._resources import FILTERS, SESSIONS, TARGETS, Resource, item_of
from ec2_traffic_mirror.cli._shapes import output_shape

if TYPE_CHECKING:
    from ec2_traffic_mirror import FleetProgress

__all__ = ["FLEET_LISTINGS", "LEADING", "fleet", "fleet_layout", "progress_text"]

_F = TypeVar("_F", bound=Callable[..., Any])

LEADING: Final = ("AccountId", "Region")
"""The members a fleet adds to each item, written first."""

_DEFAULTS: Final = inspect.signature(Fleet).parameters
DEFAULT_MAX_IN_FLIGHT: Final[int] = _DEFAULTS["max_in_flight"].default
DEFAULT_ROLE_SESSION_NAME: Final[str] = _DEFAULTS["role_session_name"].default
START_TOKEN: Final = base64.b64encode(json.dumps({"NextToken": None}).encode()).decode()
"""A listing's beginning, as a StartingToken (botocore's format)."""
_ANY_ACCOUNT: Final = "000000000000"
_ANY_REGION: Final = "us-east-1"

_STARTING_TOKEN: Final = re.compile(r"(?P<account>[^/=]*)/(?P<region>[^=]*)=(?P<token>.+)", re.S)
_FLUSH_AT: Final = 1000
"""At most this many items wait in hand before they are written."""


def fleet_layout(resource: Resource) -> Layout:
    """``resource``'s table and csv with ACCOUNT and REGION first."""
    layout = resource.layout
    return Layout(
        noun=layout.noun,
        columns=(Column("ACCOUNT", "AccountId"), Column("REGION", "Region"), *layout.columns),
        csv_columns=(*LEADING, *layout.csv_columns),
    )


def progress_text(progress: FleetProgress, plural: str) -> str:
    """The progress line: scopes done and failed, items so far."""
    failed = f", {progress.failed} failed" if progress.failed else ""
    return (
        f"fleet: {progress.done + progress.failed}/{progress.scopes} scopes done{failed},"
        f" {progress.items} {plural} so far"
    )


@cli.group(cls=AwsGroup, invoke_without_command=True)
@with_global_options
@click.pass_context
def fleet(ctx: click.Context, /, **_: object) -> None:
    """List across many accounts and regions at once: sessions, targets, filters."""
    help_without_command(ctx)


FleetListingOf = Callable[[Fleet, Any, "dict[Scope, str] | None"], "FleetListing[Any]"]

FLEET_LISTINGS: Final[dict[str, FleetListingOf]] = {
    "sessions": lambda fleet, query, tokens: fleet.sessions(query, starting_tokens=tokens),
    "targets": lambda fleet, query, tokens: fleet.targets(query, starting_tokens=tokens),
    "filters": lambda fleet, query, tokens: fleet.filters(query, starting_tokens=tokens),
}
"""The `Fleet` listing of each command group (``fleet GROUP list``)."""


def _fleet_group(resource: Resource) -> click.Group:
    @fleet.group(resource.group, cls=AwsGroup, invoke_without_command=True)
    @with_global_options
    @click.pass_context
    def group(ctx: click.Context, /, **_: object) -> None:
        help_without_command(ctx)

    group.help = f"Traffic Mirror {resource.plural} of many accounts and regions: list."
    return group


def _scope_options(func: _F) -> _F:
    decorators: Sequence[Callable[[_F], _F]] = (
        click.option(
            "--accounts",
            cls=ListOption,
            metavar="ACCOUNT [ACCOUNT ...]",
            help="These 12-digit accounts (with --regions); or --organization.",
        ),
        click.option(
            "--organization",
            is_flag=True,
            help="The active accounts of the caller's organization (ListAccounts);"
            " the caller's own account without a role.",
        ),
        click.option(
            "--role-name",
            metavar="NAME",
            help="The IAM role to assume in each account (needed with --organization);"
            " without it, --accounts are listed with the caller's own credentials.",
        ),
        click.option(
            "--regions",
            cls=ListOption,
            metavar="REGION [REGION ...]",
            help="These regions (needed with --accounts); with --organization, by default"
            " the regions enabled for the caller (DescribeRegions).",
        ),
        click.option(
            "--max-in-flight",
            metavar="N",
            default=str(DEFAULT_MAX_IN_FLIGHT),
            show_default=True,
            help="Pages listed at once (threads), 1 to 1024.",
        ),
        click.option(
            "--role-session-name",
            metavar="NAME",
            default=DEFAULT_ROLE_SESSION_NAME,
            show_default=True,
            help="The RoleSessionName of each AssumeRole (seen in CloudTrail).",
        ),
        click.option("--external-id", metavar="ID", help="The ExternalId the roles ask for."),
        click.option(
            "--starting-tokens",
            cls=ListOption,
            metavar="ACCOUNT/REGION=TOKEN [...]",
            help="List only these scopes, each from its token: what a failed or"
            " interrupted run prints, to go on exactly.",
        ),
    )
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _words(flag: str, occurrences: Sequence[tuple[str, ...]]) -> list[str]:
    words = last_occurrence(flag, occurrences)
    return [] if words is None else [word for text in words for word in text.split(",") if word]


def _max_in_flight(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= 1024:
        raise usage_error(InputError("--max-in-flight", f"takes 1 to 1024, got {text!r}"))
    return int(text)


def _scopes(
    run: CommandRun,
    *,
    accounts: Sequence[tuple[str, ...]],
    organization: bool,
    role_name: str | None,
    regions: Sequence[tuple[str, ...]],
) -> tuple[Scope, ...]:
    """The scopes the flags name; checked before any call (the organization's after its calls)."""
    account_ids = _words("--accounts", accounts)
    region_names = _words("--regions", regions)
    if organization == bool(account_ids):
        raise usage_error("give either --accounts ACCOUNT [...] or --organization")
    # The SDK's own checks, through the public API: a Scope of each value.
    if role_name is not None:
        _checked("--role-name", role_name, lambda name: Scope(_ANY_ACCOUNT, _ANY_REGION, name))
    for region in region_names:
        _checked("--regions", region, lambda name: Scope(_ANY_ACCOUNT, name))
    for account in account_ids:
        _checked("--accounts", account, lambda name: Scope(name, _ANY_REGION))
    for flag, values in (("--accounts", account_ids), ("--regions", region_names)):
        repeated = sorted({value for value in values if values.count(value) > 1})
        if repeated:
            raise usage_error(InputError(flag, f"names some twice: {', '.join(repeated)}"))
    if not organization:
        if not region_names:
            raise usage_error(InputError("--regions", "is needed with --accounts"))
        return tuple(
            Scope(account, region, role_name) for account in account_ids for region in region_names
        )
    if role_name is None:
        raise usage_error(
            InputError("--role-name", "is needed with --organization: the role of each member")
        )
    options = run.options
    try:
        return Scope.from_organization(
            role_name=role_name,
            regions=region_names or None,
            profile_name=options.profile,
            region_name=options.region,
            endpoint_url=options.endpoint_url,
            config=run.config(),
        )
    except QueryError as error:  # the flags were checked: an answer that breaks the rules
        raise CommandFailure(f"reading the organization: {error}") from None
    except TrafficMirrorError as error:
        raise CommandFailure(f"reading the organization: {describe_error(error)}") from None


def _checked(flag: str, value: str, check: Callable[[str], object]) -> None:
    """Run one of the SDK's checks of ``value``: a refusal is exit 2 naming ``flag``."""
    try:
        check(value)
    except QueryError:
        rule = {
            "--accounts": "takes 12-digit AWS account ids",
            "--regions": "takes AWS region names such as us-east-1",
            "--role-name": "takes an IAM role name (1 to 64 letters, digits or _+=,.@-)",
        }[flag]
        raise usage_error(InputError(flag, f"{rule}, got {value!r}")) from None


def _starting_tokens(
    occurrences: Sequence[tuple[str, ...]], scopes: Sequence[Scope]
) -> dict[Scope, str] | None:
    words = last_occurrence("--starting-tokens", occurrences)
    if words is None:
        return None
    by_place = {(scope.account_id, scope.region): scope for scope in scopes}
    tokens: dict[Scope, str] = {}
    for word in words:
        match = _STARTING_TOKEN.fullmatch(word)
        if match is None:
            raise usage_error(
                InputError("--starting-tokens", f"takes ACCOUNT/REGION=TOKEN, got {word!r}")
            )
        place = (match["account"], match["region"])
        scope = by_place.get(place)
        if scope is None:
            raise usage_error(
                InputError(
                    "--starting-tokens",
                    f"names {place[0]}/{place[1]}, which is not among the scopes listed",
                )
            )
        tokens[scope] = match["token"]
    return tokens


def _add_fleet_list(group: click.Group, resource: Resource) -> None:
    @group.command("list", cls=AwsCommand)
    @_scope_options
    @filter_flags(resource)
    @selection_options(resource)
    @click.option(
        "--filters",
        cls=ListOption,
        metavar="Name=NAME,Values=V[,V...] [...]",
        help="Filters in the AWS CLI's shorthand or JSON, sent in every scope.",
    )
    @click.option("--page-size", metavar="N", help="Items per AWS call (MaxResults), 5 to 1000.")
    @click.option(
        "--on-invalid",
        type=click.Choice(["raise", "skip"]),
        default="raise",
        show_default=True,
        help="A response item that breaks the model: fail its scope, or warn and leave it out.",
    )
    @with_global_options
    @command_body
    def list_command(
        ctx: click.Context,
        *,
        accounts: tuple[tuple[str, ...], ...],
        organization: bool,
        role_name: str | None,
        regions: tuple[tuple[str, ...], ...],
        max_in_flight: str,
        role_session_name: str,
        external_id: str | None,
        starting_tokens: tuple[tuple[str, ...], ...],
        filters: tuple[tuple[str, ...], ...],
        page_size: str | None,
        on_invalid: str,
        tag_selection: tuple[str, ...],
        tag_key_selection: tuple[str, ...],
        **filter_values: tuple[str, ...],
    ) -> int:
        run = CommandRun(ctx)
        if run.options.no_paginate:
            raise usage_error("--no-paginate is one call in one place; a fleet lists many")
        flag_values = {
            name: filter_values["filter_" + name.replace("-", "_")]
            for name in resource.filter_names
        }
        entries = filter_entries(run, resource, flag_values, filters)
        query, exact, _ = build_query(
            run,
            resource,
            ids=(),
            entries=entries,
            page_size=page_size,
            max_items=None,
            starting_token=None,
            max_results=None,
            next_token=None,
        )
        query = parsed(lambda: select_tags(query, tag_selection, tag_key_selection))
        names = [entry["Name"] for entry in exact]
        if len(names) != len(set(names)):
            raise usage_error(
                InputError(
                    "--filters",
                    "gives one filter name twice (two filters that AND): a fleet sends each"
                    " name once; give the values of one name in one filter",
                )
            )
        in_flight = _max_in_flight(max_in_flight)
        scopes = _scopes(
            run,
            accounts=accounts,
            organization=organization,
            role_name=role_name,
            regions=regions,
        )
        tokens = _starting_tokens(starting_tokens, scopes)
        try:
            fleet_ = Fleet(
                scopes,
                max_in_flight=in_flight,
                profile_name=run.options.profile,
                role_session_name=role_session_name,
                external_id=external_id,
                endpoint_url=run.options.endpoint_url,
                config=run.config(),
                on_invalid=cast("Any", on_invalid),
            )
            listing = FLEET_LISTINGS[resource.group](fleet_, query, tokens)
        except QueryError as error:
            raise usage_error(str(error)) from None
        return _print_fleet(run, resource, listing, tokens)

    list_command.help = (
        f"List Traffic Mirror {resource.plural} in many accounts and regions at once"
        f" ({resource.describe} in each): the output of `{resource.group} list` with each"
        " item's AccountId and Region."
    )


def _print_fleet(
    run: CommandRun,
    resource: Resource,
    listing: FleetListing[Any],
    starting: dict[Scope, str] | None,
) -> int:
    sink = ListingSink(
        run.output,
        fleet_layout(resource),
        result_key=resource.result_key,
        shape=output_shape(run.model, resource.describe),
        leading=LEADING,
    )
    progress = Progress(
        sys.stderr,
        enabled=sys.stderr.isatty() and (not sink.streams or not sys.stdout.isatty()),
        what=resource.group,
    )
    plural = resource.group
    # Where each scope goes on, from what was written (never the listing's cursor,
    # which may be an item ahead of it after Ctrl-C).
    written: dict[Scope, str | None] = {}
    hand: list[FleetItem[Any]] = []
    count = 0

    def flush() -> None:
        nonlocal count
        if hand:
            sink.page([{**_leading(entry), **item_of(entry.item)} for entry in hand])
            for entry in hand:
                written[entry.scope] = entry.resume_token
            count += len(hand)
            hand.clear()

    interrupted = False
    with listing, DeferredInterrupt() as interrupts:
        try:
            while (entry := interrupts.next_item(listing)) is not None:
                if hand and (hand[-1].scope != entry.scope or len(hand) >= _FLUSH_AT):
                    flush()
                hand.append(entry)
                progress.show(lambda: progress_text(listing.progress, plural))
            flush()
        except KeyboardInterrupt:
            interrupted = True
            flush()
    progress.clear()
    sink.finish(None)
    if interrupted:
        rest = _rest_after_interrupt(listing, written, starting)
        message = f"{PROG}: interrupted after {count} {plural}"
        if rest:
            message += f"; to go on exactly, run the same command with {_tokens_argument(rest)}"
        click.echo(message, err=True)
        return EXIT_INTERRUPTED
    failures = listing.failures
    if not failures:
        return 0
    scopes = len(listing.scopes)
    click.echo(f"{PROG}: {len(failures)} of {scopes} scopes failed:", err=True)
    for failure in failures:
        error = describe_error(failure.error)
        click.echo(f"  {failure.scope}: {type(failure.error).__name__}: {error}", err=True)
    rest = {f.scope: f.resume_token for f in failures if f.resume_token is not None}
    if rest:
        click.echo(
            f"{PROG}: to list exactly what is missing, run the same command with"
            f" {_tokens_argument(rest)}",
            err=True,
        )
    return EXIT_ERROR


def _leading(entry: FleetItem[object]) -> dict[str, str]:
    return {"AccountId": entry.scope.account_id, "Region": entry.scope.region}


def _rest_after_interrupt(
    listing: FleetListing[Any],
    written: dict[Scope, str | None],
    starting: dict[Scope, str] | None,
) -> dict[Scope, str]:
    """Where each scope goes on after Ctrl-C, exactly, from what was written.

    A scope with items written goes on after the last one (``None``: it is
    done). One without: from where it started, unless the listing finished it
    (then it had nothing, or its items were written: it has an entry).
    """
    unfinished = listing.unfinished
    rest: dict[Scope, str] = {}
    for scope in listing.scopes:
        if scope in written:
            token = written[scope]
            if token is not None:
                rest[scope] = token
        elif scope in unfinished:
            rest[scope] = START_TOKEN if starting is None else starting[scope]
    return rest


def _tokens_argument(rest: dict[Scope, str]) -> str:
    words = " ".join(f"{scope.account_id}/{scope.region}={token}" for scope, token in rest.items())
    return f"--starting-tokens {words}"


for _resource in (SESSIONS, TARGETS, FILTERS):
    _add_fleet_list(_fleet_group(_resource), _resource)
