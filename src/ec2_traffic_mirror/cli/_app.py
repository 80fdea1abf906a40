"""The click application: ``sessions list|get|create|modify|delete|tag|untag`` and ``demo``.

Exit statuses: 0 success; 1 an AWS error, an unknown id, an endpoint that
cannot be reached, a response item that breaks the model, a missing region
or credentials, a ``--dry-run`` that AWS answers UnauthorizedOperation; 2 bad
input (one line naming the flag and the rule, before any call); 130 Ctrl-C.
Errors are one line on stderr, no traceback. When a listing stops part way
(an error or Ctrl-C), what was listed is printed and stderr says which
``--starting-token`` goes on exactly from there.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar, cast

import click
from botocore.exceptions import BotoCoreError, InvalidRegionError, NoCredentialsError, NoRegionError

from ec2_traffic_mirror._errors import (
    AwsApiError,
    ClientSideError,
    CredentialsError,
    QueryError,
    RegionError,
    TrafficMirrorError,
)
from ec2_traffic_mirror._paging import OnInvalid
from ec2_traffic_mirror._query import MAX_ITEMS_MIN, PAGE_SIZE_MAX, PAGE_SIZE_MIN
from ec2_traffic_mirror._session import (
    Page,
    RemovableField,
    SessionPageIterator,
    SessionQuery,
    TrafficMirrorSessionRepository,
    check_session_id,
    create_request,
    create_tags_request,
    delete_tags_request,
    modify_request,
)
from ec2_traffic_mirror.cli._args import (
    FILTER_FLAGS,
    InputError,
    add_filter,
    check_endpoint_url,
    expand_filters_argv,
    input_error,
    parse_filters,
    parse_integer,
    split_session_ids,
)
from ec2_traffic_mirror.cli._output import (
    FORMATS,
    OutputFormat,
    Progress,
    make_sink,
    show_deleted,
    show_session,
    show_written,
)
from ec2_traffic_mirror.cli._write_args import (
    create_arguments,
    flag_error,
    modify_arguments,
    parse_tags,
)

__all__ = ["PROG", "cli", "run"]

PROG: Final = "ec2-traffic-mirror"
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130

_F = TypeVar("_F", bound=Callable[..., Any])
_T = TypeVar("_T")


class _Failure(click.ClickException):
    """An error that is not the user's input: exit status 1."""

    exit_code = EXIT_ERROR


def _usage(error: InputError | QueryError) -> click.UsageError:
    return click.UsageError(str(error))


def _describe_error(error: BaseException) -> str:
    """One line for an error from the SDK or botocore."""
    if isinstance(error, AwsApiError):
        text = str(error)
        if error.request_id:
            text += f" (request id {error.request_id})"
    elif isinstance(error, (NoCredentialsError, CredentialsError)):
        cause = error.__cause__ if isinstance(error, CredentialsError) else error
        text = f"{cause or error}: set up AWS credentials, or choose a profile with --profile"
    elif isinstance(error, NoRegionError) or (
        isinstance(error, RegionError) and isinstance(error.__cause__, NoRegionError)
    ):
        text = (
            "no AWS region: give --region, or set AWS_DEFAULT_REGION, or a region in the AWS config"
        )
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())


# -- options shared by the session commands ---------------------------------------


def _stacked(*decorators: Callable[[_F], _F]) -> Callable[[_F], _F]:
    """Several decorators (click options, say) as one, in the order written."""

    def apply(func: _F) -> _F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


@dataclasses.dataclass(frozen=True)
class _Connection:
    """The flags every session command has: where to send requests, and how to print."""

    output: str | None
    region: str | None
    profile: str | None
    endpoint_url: str | None

    def format(self) -> OutputFormat:
        return _output_of(self.output)

    def repository(self, on_invalid: OnInvalid = "raise") -> TrafficMirrorSessionRepository:
        return _connect(self.region, self.profile, self.endpoint_url, on_invalid)


def _connection_options(func: Callable[..., int]) -> Callable[..., int]:
    """``--output --region --profile --endpoint-url``, given to ``func`` as one ``connection``."""

    @functools.wraps(func)
    def command(
        *,
        output: str | None,
        region: str | None,
        profile: str | None,
        endpoint_url: str | None,
        **kwargs: Any,
    ) -> int:
        return func(connection=_Connection(output, region, profile, endpoint_url), **kwargs)

    return _stacked(
        click.option(
            "--output",
            type=click.Choice(FORMATS),
            default=None,
            help="table (the default on a terminal), json (the default otherwise), ndjson or csv.",
        ),
        click.option("--region", metavar="REGION", help="The AWS region, e.g. us-east-1."),
        click.option("--profile", metavar="NAME", help="A profile of the AWS config files."),
        click.option(
            "--endpoint-url",
            metavar="URL",
            help="Send requests to this URL instead of AWS's (a proxy, or a local fake).",
        ),
    )(command)


def _output_of(output: str | None) -> OutputFormat:
    if output is None:
        return "table" if sys.stdout.isatty() else "json"
    return cast("OutputFormat", output)


def _connect(
    region: str | None, profile: str | None, endpoint_url: str | None, on_invalid: OnInvalid
) -> TrafficMirrorSessionRepository:
    for flag, value in (("--region", region), ("--profile", profile)):
        if value is not None and not value.strip():
            raise _usage(InputError(flag, f"takes a non-empty name, got {value!r}"))
    try:
        if endpoint_url is not None:
            check_endpoint_url(endpoint_url)
        return TrafficMirrorSessionRepository.connect(
            region_name=region,
            profile_name=profile,
            endpoint_url=endpoint_url,
            on_invalid=on_invalid,
        )
    except InputError as error:
        raise _usage(error) from None
    except QueryError as error:
        raise _usage(error) from None
    except (InvalidRegionError, RegionError) as error:
        invalid = isinstance(error, InvalidRegionError) or isinstance(
            error.__cause__, InvalidRegionError
        )
        if region is not None and invalid:
            rule = "takes a region name such as us-east-1"
            raise _usage(InputError("--region", f"{rule}, got {region!r}")) from None
        raise _Failure(_describe_error(error)) from None
    except (BotoCoreError, ClientSideError) as error:
        raise _Failure(_describe_error(error)) from None


# -- the commands --------------------------------------------------------------------


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="ec2-traffic-mirror", prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """List, inspect and manage EC2 Traffic Mirror sessions, typed and validated.

    Credentials and the region come from the usual AWS places (environment,
    ~/.aws/config, --profile, --region), as for the AWS CLI. Try `demo` for a
    tour that needs no AWS account.
    """
    _help_without_command(ctx)


@cli.group(invoke_without_command=True)
@click.pass_context
def sessions(ctx: click.Context) -> None:
    """Traffic Mirror sessions: list, get, create, modify, delete, tag, untag."""
    _help_without_command(ctx)


def _help_without_command(ctx: click.Context) -> None:
    # Help on stdout and status 0, the same with every click version.
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def _session_command(name: str) -> Callable[[Callable[..., int]], click.Command]:
    """A ``sessions`` command whose first argument is a ``SESSION_ID``."""

    def make(func: Callable[..., int]) -> click.Command:
        return sessions.command(name)(click.argument("session_id", metavar="SESSION_ID")(func))

    return make


class _ListCommand(click.Command):
    """Accepts AWS CLI's ``--filters A B`` (several filters after one flag)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        value_options = frozenset(
            opt
            for param in self.params
            if isinstance(param, click.Option) and not param.is_flag
            for opt in param.opts
        )
        return super().parse_args(ctx, expand_filters_argv(args, value_options))


def _filter_options(func: _F) -> _F:
    for flag, name in reversed(FILTER_FLAGS):
        func = click.option(
            flag,
            "filter_" + name.replace("-", "_"),
            multiple=True,
            metavar="VALUE",
            help=f"Filter {name} (repeat the flag for more values: they OR together).",
        )(func)
    return func


_LIST_EPILOG = """\b
Filters of different names AND together; the values of one filter OR together.
--filters takes AWS CLI's syntax, shorthand or JSON, and may be repeated:
  --filters Name=owner-id,Values=111122223333 Name=packet-length,Values=100,200
  --filters '[{"Name": "description", "Values": ["prod *"]}]'

\b
Output: json is the document `aws ec2 describe-traffic-mirror-sessions` prints,
with NextToken when --max-items cut the listing; with the other formats that
token goes to stderr. ndjson and csv are written as the pages come.
"""


@sessions.command("list", cls=_ListCommand, epilog=_LIST_EPILOG)
@click.option(
    "--session-ids",
    multiple=True,
    metavar="ID[,ID...]",
    help="Only these sessions (AWS answers NotFound for an unknown id). Repeatable.",
)
@_filter_options
@click.option(
    "--filters",
    multiple=True,
    metavar="Name=NAME,Values=V[,V...]",
    help="A filter in AWS CLI syntax (shorthand or JSON). Repeatable.",
)
@click.option("--page-size", metavar="N", help="Sessions per AWS call, 5 to 1000.")
@click.option("--max-items", metavar="N", help="Stop after N sessions (and print a NextToken).")
@click.option("--starting-token", metavar="TOKEN", help="Go on from a NextToken / resume token.")
@click.option(
    "--on-invalid",
    type=click.Choice(["raise", "skip"]),
    default="raise",
    show_default=True,
    help="A response item that breaks the model: stop with an error, or warn and leave it out.",
)
@_connection_options
def list_sessions(
    *,
    session_ids: tuple[str, ...],
    filters: tuple[str, ...],
    page_size: str | None,
    max_items: str | None,
    starting_token: str | None,
    on_invalid: str,
    connection: _Connection,
    **filter_values: tuple[str, ...],
) -> int:
    """List Traffic Mirror sessions (DescribeTrafficMirrorSessions, every page)."""
    query = _build_query(
        session_ids=session_ids,
        filter_values=filter_values,
        filters=filters,
        page_size=page_size,
        max_items=max_items,
        starting_token=starting_token,
    )
    fmt = connection.format()
    repository = connection.repository(cast("OnInvalid", on_invalid))
    return _list(repository, query, fmt)


def _build_query(
    *,
    session_ids: Sequence[str],
    filter_values: dict[str, tuple[str, ...]],
    filters: Sequence[str],
    page_size: str | None,
    max_items: str | None,
    starting_token: str | None,
) -> SessionQuery:
    query = SessionQuery()
    try:
        if session_ids:
            try:
                query = query.session_ids(*split_session_ids(session_ids))
            except QueryError as error:
                raise input_error("--session-ids", error) from None
        for flag, name in FILTER_FLAGS:
            flag_values = filter_values["filter_" + name.replace("-", "_")]
            if flag_values:
                query = add_filter(query, flag, name, flag_values)
        for text in filters:
            for filter_name, values in parse_filters(text):
                query = add_filter(query, f"--filters Name={filter_name}", filter_name, values)
        if page_size is not None:
            size = parse_integer("--page-size", page_size, PAGE_SIZE_MIN, PAGE_SIZE_MAX)
            try:
                query = query.page_size(size)
            except QueryError as error:
                raise input_error("--page-size", error) from None
        if max_items is not None:
            count = parse_integer("--max-items", max_items, MAX_ITEMS_MIN, None)
            try:
                query = query.max_items(count)
            except QueryError as error:
                raise input_error("--max-items", error) from None
        if starting_token is not None:
            try:
                query = query.starting_token(starting_token)
            except QueryError as error:
                raise input_error("--starting-token", error) from None
    except InputError as error:
        raise _usage(error) from None
    return query


class _DeferredInterrupt:
    """Ctrl-C stops a listing between pages, never half way through writing one.

    While a page is fetched, SIGINT raises ``KeyboardInterrupt`` at once, so a
    stuck request can be stopped; while a page's sessions are written it waits
    for the page to be out. The token printed after Ctrl-C is where the printed
    output ends (`_list` keeps it), not the listing's cursor, which may already
    be past a page that was fetched but not printed: nothing is lost or printed
    twice on resuming.
    """

    def __init__(self) -> None:
        self.pending = False
        self._deferring = True
        self._saved: Any = None

    def __enter__(self) -> _DeferredInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._saved = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._saved is not None:
            signal.signal(signal.SIGINT, self._saved)

    def _handle(self, signum: int, frame: object) -> None:
        if self._deferring:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def next_page(self, pages: SessionPageIterator) -> Page | None:
        """The next page, or ``None`` at the end; ``KeyboardInterrupt`` for a Ctrl-C so far."""
        if self.pending:
            raise KeyboardInterrupt
        self._deferring = False
        try:
            return next(pages, None)
        finally:
            self._deferring = True


def _list(
    repository: TrafficMirrorSessionRepository, query: SessionQuery, fmt: OutputFormat
) -> int:
    listing = repository.pages(query)
    start_token = listing.resume_token
    sink = make_sink(fmt, sys.stdout)
    progress = Progress(
        sys.stderr,
        enabled=sys.stderr.isatty() and (not sink.streams or not sys.stdout.isatty()),
    )
    count = 0
    problem: str | None = None
    status = 0
    # Where everything printed so far ends. A Ctrl-C can land anywhere while a
    # page is fetched, even after the listing's cursor has moved past a page
    # not yet printed: resuming from here fetches that page again instead.
    printed_up_to = start_token
    try:
        with _DeferredInterrupt() as interrupts:
            while (page := interrupts.next_page(listing)) is not None:
                for session in page.items:
                    sink.add(session)
                count += len(page.items)
                progress.update(count)
                printed_up_to = page.next_token
    except KeyboardInterrupt:
        problem, status = "interrupted", EXIT_INTERRUPTED
    except (TrafficMirrorError, BotoCoreError) as error:
        problem, status = _describe_error(error), EXIT_ERROR
    progress.clear()
    token = printed_up_to if status == EXIT_INTERRUPTED else listing.resume_token
    if problem is None:
        sink.finish(token)
        if token is not None and not sink.carries_token:
            click.echo(f"{PROG}: more sessions: go on with --starting-token {token}", err=True)
        return 0
    moved = token is not None and token != start_token
    if moved or count:
        sink.finish(token)
    message = f"{PROG}: error: {problem}" if status == EXIT_ERROR else f"{PROG}: {problem}"
    if moved:
        message += (
            f"; after {count} session{'' if count == 1 else 's'}:"
            f" to go on, run the same command with --starting-token {token}"
        )
    click.echo(message, err=True)
    return status


@_session_command("get")
@_connection_options
def get_session(*, session_id: str, connection: _Connection) -> int:
    """Show one Traffic Mirror session by its id (tms-...)."""
    fmt = connection.format()
    try:  # bad input is refused before anything else, even without a region
        check_session_id("get", session_id)
    except QueryError as error:
        raise _usage(input_error("SESSION_ID", error)) from None
    repository = connection.repository()
    try:
        session = repository.get(session_id)
    except (TrafficMirrorError, BotoCoreError) as error:
        raise _Failure(_describe_error(error)) from None
    show_session(fmt, session, sys.stdout)
    return 0


# -- writes --------------------------------------------------------------------------
# Every value is checked by the SDK's pure request builders before the client
# is even made, so bad input is exit 2 with no call (and no region needed).


def _write_options(func: Callable[..., int]) -> Callable[..., int]:
    """``--dry-run`` and the connection options, which every write command has."""
    dry_run = click.option(
        "--dry-run",
        is_flag=True,
        help="Only ask AWS (DryRun) whether you may do this, and change nothing:"
        " exit 0 when allowed, 1 when not.",
    )
    return dry_run(_connection_options(func))


def _parsed(parse: Callable[[], _T]) -> _T:
    """Parse the flags: bad input is exit 2 naming the flag."""
    try:
        return parse()
    except InputError as error:
        raise _usage(error) from None


def _check_session_id(session_id: str) -> None:
    try:
        check_session_id("session_id", session_id)
    except QueryError as error:
        raise _usage(input_error("SESSION_ID", error)) from None


def _checked(build: Callable[[], object], default_flag: str) -> None:
    """Run one of the SDK's request builders: a refusal is exit 2 naming the flag."""
    try:
        build()
    except QueryError as error:
        raise _usage(flag_error(error, default_flag)) from None


def _call(action: Callable[[], _T]) -> _T:
    """One SDK call; its errors as exit 1 (input was checked already, but just in case: 2)."""
    try:
        return action()
    except QueryError as error:
        raise _usage(flag_error(error, "input")) from None
    except (TrafficMirrorError, BotoCoreError) as error:
        raise _Failure(_describe_error(error)) from None


def _dry_run(permitted: Callable[[], bool], what: str) -> int:
    """Ask with DryRun; say the answer (exit 0 allowed, 1 UnauthorizedOperation)."""
    if not _call(permitted):
        raise _Failure(f"dry run: you may not {what} (UnauthorizedOperation); nothing was changed")
    click.echo(f"dry run: you may {what} (DryRunOperation); nothing was changed")
    return 0


def _write(
    connection: _Connection,
    *,
    dry_run: bool,
    what: str,
    permitted: Callable[[TrafficMirrorSessionRepository], bool],
    perform: Callable[[TrafficMirrorSessionRepository], _T],
    show: Callable[[OutputFormat, _T], None],
) -> int:
    """Connect, then ask whether ``what`` may be done (``--dry-run``) or do it and show it.

    The command has parsed and checked its flags already, so this is the part
    every write command shares: the client, DryRun, the error mapping, output.
    """
    fmt = connection.format()
    repository = connection.repository()
    if dry_run:
        return _dry_run(lambda: permitted(repository), what)
    show(fmt, _call(lambda: perform(repository)))
    return 0


def _line_in_table(line: str) -> Callable[[OutputFormat, object], None]:
    """Output for tag and untag: nothing (as the AWS CLI), but ``line`` with --output table."""

    def show(fmt: OutputFormat, result: object) -> None:
        if fmt == "table":
            click.echo(line)

    return show


_CREATE_REQUIRED: Final = (
    (
        "--network-interface-id",
        "ENI_ID",
        "The source: the network interface whose traffic is mirrored (eni-...).",
    ),
    ("--traffic-mirror-target-id", "TARGET_ID", "Where the mirrored traffic goes (tmt-...)."),
    ("--traffic-mirror-filter-id", "FILTER_ID", "Which traffic is mirrored (tmf-...)."),
    (
        "--session-number",
        "N",
        "1 to 32766; the lowest number wins when sessions of one interface overlap.",
    ),
)


@sessions.command("create")
@_stacked(
    *(
        click.option(flag, required=True, metavar=metavar, help=text)
        for flag, metavar, text in _CREATE_REQUIRED
    )
)
@click.option(
    "--packet-length",
    metavar="N",
    help="Mirror the first N bytes of each packet, 1 to 8500 (default: whole packets).",
)
@click.option(
    "--virtual-network-id",
    metavar="VNI",
    help="The VXLAN network id, 0 to 16777215 (default: AWS picks one).",
)
@click.option("--description", metavar="TEXT", help="A description (not empty).")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="KEY=VALUE",
    help="A tag (repeatable): at most 50, unique keys, none beginning with aws:.",
)
@click.option(
    "--client-token",
    metavar="TOKEN",
    help="Idempotency token, 1 to 64 ASCII characters: the same token and flags"
    " again give the same session, not a second one.",
)
@_write_options
def create_session(*, dry_run: bool, connection: _Connection, **flags: Any) -> int:
    """Create a Traffic Mirror session and print it (CreateTrafficMirrorSession)."""
    arguments = _parsed(lambda: create_arguments(**flags))
    _checked(lambda: create_request("create", **arguments), "input")
    return _write(
        connection,
        dry_run=dry_run,
        what="create this Traffic Mirror session",
        permitted=lambda repository: repository.can_create(**arguments),
        perform=lambda repository: repository.create(**arguments),
        show=lambda fmt, session: show_written(
            fmt, session, sys.stdout, client_token=arguments["client_token"]
        ),
    )


def _remove_option(field: RemovableField) -> Callable[[_F], _F]:
    return click.option(
        f"--remove-{field}",
        "remove_flags",
        flag_value=field,
        multiple=True,
        help=f"Remove the {field.replace('-', ' ')} (RemoveFields {field}).",
    )


@_session_command("modify")
@click.option("--traffic-mirror-target-id", metavar="TARGET_ID", help="A new target (tmt-...).")
@click.option("--traffic-mirror-filter-id", metavar="FILTER_ID", help="A new filter (tmf-...).")
@click.option("--session-number", metavar="N", help="A new session number, 1 to 32766.")
@click.option("--packet-length", metavar="N", help="Mirror the first N bytes, 1 to 8500.")
@_remove_option("packet-length")
@click.option("--virtual-network-id", metavar="VNI", help="A new VXLAN id, 0 to 16777215.")
@_remove_option("virtual-network-id")
@click.option("--description", metavar="TEXT", help="A new description (not empty).")
@_remove_option("description")
@click.option(
    "--remove-fields",
    multiple=True,
    metavar="FIELD[,FIELD...]",
    help="AWS CLI's spelling: packet-length, virtual-network-id, description. Repeatable.",
)
@_write_options
def modify_session(*, session_id: str, dry_run: bool, connection: _Connection, **flags: Any) -> int:
    """Change a Traffic Mirror session and print it (ModifyTrafficMirrorSession).

    Fields not named stay as they are. A field cannot be both set and removed.
    """
    _check_session_id(session_id)
    arguments = _parsed(lambda: modify_arguments(**flags))
    _checked(lambda: modify_request("modify", session_id, **arguments), "input")
    return _write(
        connection,
        dry_run=dry_run,
        what=f"modify {session_id}",
        permitted=lambda repository: repository.can_modify(session_id, **arguments),
        perform=lambda repository: repository.modify(session_id, **arguments),
        show=lambda fmt, session: show_written(fmt, session, sys.stdout),
    )


@_session_command("delete")
@click.option(
    "--missing-ok",
    is_flag=True,
    help="A session that does not exist is not an error (exit 0, Deleted false).",
)
@_write_options
def delete_session(
    *, session_id: str, missing_ok: bool, dry_run: bool, connection: _Connection
) -> int:
    """Delete a Traffic Mirror session (DeleteTrafficMirrorSession)."""
    _check_session_id(session_id)
    return _write(
        connection,
        dry_run=dry_run,
        what=f"delete {session_id}",
        permitted=lambda repository: repository.can_delete(session_id),
        perform=lambda repository: repository.delete(session_id, missing_ok=missing_ok),
        show=lambda fmt, deleted: show_deleted(fmt, session_id, deleted, sys.stdout),
    )


@_session_command("tag")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="KEY=VALUE",
    help="A tag to add, or a new value for a key the session has (repeatable:"
    " 1 to 50, unique keys, none beginning with aws:).",
)
@_write_options
def tag_session(
    *, session_id: str, tags: tuple[str, ...], dry_run: bool, connection: _Connection
) -> int:
    """Add tags to a Traffic Mirror session, or change their values (CreateTags).

    Prints nothing on success (as the AWS CLI), except a line with --output table.
    """
    _check_session_id(session_id)
    mapping = _parsed(lambda: parse_tags("--tag", tags))
    _checked(lambda: create_tags_request("tag", session_id, mapping), "--tag")
    return _write(
        connection,
        dry_run=dry_run,
        what=f"tag {session_id}",
        permitted=lambda repository: repository.can_add_tags(session_id, mapping),
        perform=lambda repository: repository.add_tags(session_id, mapping),
        show=_line_in_table(f"tagged {session_id}: {', '.join(mapping)}"),
    )


@_session_command("untag")
@click.option(
    "--tag-key",
    "keys",
    multiple=True,
    metavar="KEY",
    help="The key of a tag to remove, whatever its value (repeatable: 1 to 50, unique,"
    " none beginning with aws:). Keys the session does not have are ignored.",
)
@_write_options
def untag_session(
    *, session_id: str, keys: tuple[str, ...], dry_run: bool, connection: _Connection
) -> int:
    """Remove tags from a Traffic Mirror session (DeleteTags).

    Prints nothing on success (as the AWS CLI), except a line with --output table.
    """
    _check_session_id(session_id)
    _checked(lambda: delete_tags_request("untag", session_id, keys), "--tag-key")
    return _write(
        connection,
        dry_run=dry_run,
        what=f"untag {session_id}",
        permitted=lambda repository: repository.can_remove_tags(session_id, keys),
        perform=lambda repository: repository.remove_tags(session_id, keys),
        show=_line_in_table(f"untagged {session_id}: {', '.join(keys)}"),
    )


@cli.command()
def demo() -> int:
    """A tour of the SDK on an in-process fake of AWS: no account, no network.

    Needs the 'testing' extra too: pip install 'ec2-traffic-mirror[cli,testing]'.
    """
    click.echo("ec2-traffic-mirror demo: the SDK against an in-process fake of the EC2 API")
    click.echo("(moto + ec2_traffic_mirror.testing). No AWS account, no network, no credentials.")
    click.echo("Starting the fake...")
    try:
        from ec2_traffic_mirror.cli._demo import run_demo
    except ImportError as error:
        raise _Failure(
            f"the demo needs the 'testing' extra ({error.name or error} is missing):"
            " pip install 'ec2-traffic-mirror[cli,testing]'"
        ) from None
    return run_demo(sys.stdout)


# -- entry -----------------------------------------------------------------------


class _WarningFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{PROG}: {record.levelname.lower()}: {' '.join(record.getMessage().split())}"


def run(args: list[str]) -> int:
    """Run the command line; returns the exit status (errors are one line on stderr)."""
    logger = logging.getLogger("ec2_traffic_mirror")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningFormatter())
    logger.addHandler(handler)
    try:
        result: object = cli.main(args, prog_name=PROG, standalone_mode=False)
    except click.ClickException as error:
        click.echo(f"{PROG}: error: {' '.join(error.format_message().split())}", err=True)
        return error.exit_code
    except click.Abort:
        click.echo(f"{PROG}: interrupted", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): say nothing more, as Python's docs advise.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    finally:
        logger.removeHandler(handler)
    return result if isinstance(result, int) else 0
