"""The click application: ``sessions list``, ``sessions get`` and ``demo``.

Exit statuses: 0 success; 1 an AWS error, an unknown id, an endpoint that
cannot be reached, a response item that breaks the model, a missing region
or credentials; 2 bad input (one line naming the flag and the rule, before
any call); 130 Ctrl-C. Errors are one line on stderr, no traceback. When a
listing stops part way (an error or Ctrl-C), what was listed is printed and
stderr says which ``--starting-token`` goes on exactly from there.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar, cast

import click
from botocore.exceptions import BotoCoreError, InvalidRegionError, NoCredentialsError, NoRegionError

from ec2_traffic_mirror._errors import AwsApiError, QueryError, TrafficMirrorError
from ec2_traffic_mirror._query import MAX_ITEMS_MIN, PAGE_SIZE_MAX, PAGE_SIZE_MIN, SessionQuery
from ec2_traffic_mirror._repository import (
    OnInvalid,
    Page,
    SessionPageIterator,
    TrafficMirrorSessionRepository,
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
from ec2_traffic_mirror.cli._output import FORMATS, OutputFormat, Progress, make_sink, show_session

__all__ = ["PROG", "cli", "run"]

PROG: Final = "ec2-traffic-mirror"
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130

_F = TypeVar("_F", bound=Callable[..., Any])


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
    elif isinstance(error, NoCredentialsError):
        text = f"{error}: set up AWS credentials, or choose a profile with --profile"
    elif isinstance(error, NoRegionError):
        text = (
            "no AWS region: give --region, or set AWS_DEFAULT_REGION, or a region in the AWS config"
        )
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())


# -- options shared by the session commands ---------------------------------------


def _connection_options(func: _F) -> _F:
    options = [
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
    ]
    for option in reversed(options):
        func = option(func)
    return func


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
    except InvalidRegionError as error:
        if region is not None:
            rule = "takes a region name such as us-east-1"
            raise _usage(InputError("--region", f"{rule}, got {region!r}")) from None
        raise _Failure(_describe_error(error)) from None
    except BotoCoreError as error:
        raise _Failure(_describe_error(error)) from None


# -- the commands --------------------------------------------------------------------


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="ec2-traffic-mirror", prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """List and inspect EC2 Traffic Mirror sessions, typed and validated.

    Credentials and the region come from the usual AWS places (environment,
    ~/.aws/config, --profile, --region), as for the AWS CLI. Try `demo` for a
    tour that needs no AWS account.
    """
    _help_without_command(ctx)


@cli.group(invoke_without_command=True)
@click.pass_context
def sessions(ctx: click.Context) -> None:
    """Traffic Mirror sessions: list, get."""
    _help_without_command(ctx)


def _help_without_command(ctx: click.Context) -> None:
    # Help on stdout and status 0, the same with every click version.
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


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
    output: str | None,
    region: str | None,
    profile: str | None,
    endpoint_url: str | None,
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
    fmt = _output_of(output)
    repository = _connect(region, profile, endpoint_url, cast("OnInvalid", on_invalid))
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

    While a page is fetched, SIGINT raises ``KeyboardInterrupt`` at once (the
    listing's cursor moves only when a page has come); while a page's sessions
    are written it waits for the page to be out. So what was printed and the
    resume token always agree: nothing is lost or printed twice on resuming.
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
    try:
        with _DeferredInterrupt() as interrupts:
            while (page := interrupts.next_page(listing)) is not None:
                for session in page.items:
                    sink.add(session)
                count += len(page.items)
                progress.update(count)
    except KeyboardInterrupt:
        problem, status = "interrupted", EXIT_INTERRUPTED
    except (TrafficMirrorError, BotoCoreError) as error:
        problem, status = _describe_error(error), EXIT_ERROR
    progress.clear()
    token = listing.resume_token
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


@sessions.command("get")
@click.argument("session_id", metavar="SESSION_ID")
@_connection_options
def get_session(
    *,
    session_id: str,
    output: str | None,
    region: str | None,
    profile: str | None,
    endpoint_url: str | None,
) -> int:
    """Show one Traffic Mirror session by its id (tms-...)."""
    fmt = _output_of(output)
    repository = _connect(region, profile, endpoint_url, "raise")
    try:
        session = repository.get(session_id)
    except QueryError as error:
        raise _usage(input_error("SESSION_ID", error)) from None
    except (TrafficMirrorError, BotoCoreError) as error:
        raise _Failure(_describe_error(error)) from None
    show_session(fmt, session, sys.stdout)
    return 0


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
