"""The click application: ``sessions``, ``targets``, ``filters`` (with ``rules`` and
``services``) and ``demo``.

The commands follow the AWS CLI v1 wherever it has a convention (see the
README's "AWS CLI compatibility"): ``--filters`` in its shorthand or JSON,
``--traffic-mirror-session-ids ID [ID ...]``, the documents ``aws`` prints,
``--query``, ``--output text``, ``--no-paginate``, ``--debug``, global options
before or after the group. Listing, ``get``, ``delete``, ``tag`` and ``untag``
are written once over a `Resource` declaration (`_resources`), so a new group
is mostly declarations.

Writes go through the SDK's repositories over a client that is made when the
first call needs it (`_Run.lazy_client`): the repositories check every value
before any call, so bad input is exit 2 with no call made (and no region or
credentials needed), with no rule of the SDK copied here.

Exit statuses: 0 success (also when the reader of stdout goes away, as with
``| head``); 1 an AWS error, an unknown id, an endpoint that cannot be
reached, a response item that breaks the model, a missing region or
credentials, a ``--dry-run`` that AWS answers UnauthorizedOperation; 2 bad
input (one line naming the flag and the rule, before any call); 130 Ctrl-C.
Errors are one line on stderr, no traceback (``--debug`` adds it). When a
listing stops part way (an error or Ctrl-C), what was listed is printed and
stderr says which ``--starting-token`` goes on exactly from there.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import json
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast, get_args

import click
from botocore.exceptions import BotoCoreError, InvalidRegionError, NoCredentialsError, NoRegionError

from ec2_traffic_mirror import (
    AwsApiError,
    CredentialsError,
    OnInvalid,
    QueryError,
    RegionError,
    RemovableField,
    RemovableRuleField,
    TrafficMirrorError,
    TrafficMirrorFilterRepository,
    TrafficMirrorSessionRepository,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror.cli._args import (
    FilterEntry,
    InputError,
    aws_argument,
    check_endpoint_url,
    filter_query,
    filters_from_argument,
    input_error,
    select_tags,
    split_ids,
    tags_from_argument,
)
from ec2_traffic_mirror.cli._options import (
    AwsCommand,
    AwsGroup,
    GlobalOptions,
    ListOption,
    global_options,
    with_global_options,
)
from ec2_traffic_mirror.cli._output import (
    QUERY_FORMATS,
    ListingSink,
    Output,
    OutputFormat,
    Progress,
    render_details,
)
from ec2_traffic_mirror.cli._resources import (
    FILTER_RULES,
    FILTERS,
    SESSIONS,
    TARGETS,
    Listing,
    Resolution,
    Resource,
    item_of,
)
from ec2_traffic_mirror.cli._shapes import output_shape
from ec2_traffic_mirror.cli._write_args import (
    create_arguments,
    create_rule_arguments,
    flag_error,
    modify_arguments,
    modify_rule_arguments,
    parse_tags,
    port_range,
    short_port_range,
)

if TYPE_CHECKING:
    import botocore.loaders
    import botocore.session
    from botocore.config import Config
    from botocore.model import ServiceModel
    from jmespath.parser import ParsedResult
    from mypy_boto3_ec2 import EC2Client
    from pydantic import BaseModel

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "PROG",
    "CommandFailure",
    "CommandRun",
    "DeferredInterrupt",
    "build_query",
    "cli",
    "command_body",
    "describe_error",
    "filter_entries",
    "filter_flags",
    "help_without_command",
    "last_occurrence",
    "parsed",
    "run",
    "selection_options",
    "usage_error",
]

PROG: Final = "ec2-traffic-mirror"
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130

_F = TypeVar("_F", bound=Callable[..., Any])
_T = TypeVar("_T")

_INTEGER: Final = re.compile(r"[+-]?[0-9]+")
_DEBUG_FORMAT: Final = "%(asctime)s - %(threadName)s - %(name)s - %(levelname)s - %(message)s"
"""The AWS CLI's ``--debug`` line format."""
_DEBUG_LOGGERS: Final = ("botocore", "boto3", "urllib3", "ec2_traffic_mirror")


class _Failure(click.ClickException):
    """An error that is not the user's input: exit status 1."""

    exit_code = EXIT_ERROR


def _usage(error: InputError | QueryError | str) -> click.UsageError:
    return click.UsageError(str(error))


def _describe_error(error: BaseException) -> str:
    """One line for an error from the SDK or botocore."""
    if isinstance(error, AwsApiError):
        text = str(error)
        if error.request_id:
            text += f" (request id {error.request_id})"
    elif isinstance(error, (NoCredentialsError, CredentialsError)):
        # The SDK wraps botocore's failure; botocore's own words are the cause.
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
    logging.getLogger("ec2_traffic_mirror.cli").debug("the error in full", exc_info=error)
    return " ".join(text.split())


def _warn(message: str) -> None:
    click.echo(f"{PROG}: warning: {message}", err=True)


# -- one run: the global options, the output, the model, the client -----------------------


@contextlib.contextmanager
def _debug_logging() -> Generator[None, None, None]:
    """botocore's (and the SDK's) debug messages on stderr, as ``aws --debug`` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_DEBUG_FORMAT))
    loggers = [logging.getLogger(name) for name in _DEBUG_LOGGERS]
    saved = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger, level in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def _compile_query(text: str) -> ParsedResult:
    import jmespath
    from jmespath.exceptions import JMESPathError

    try:
        return jmespath.compile(text)
    except JMESPathError as error:
        detail = " ".join(str(error).split())
        raise _usage(InputError("--query", f"takes a JMESPath expression: {detail}")) from None


@functools.cache
def _loader(data_path: str | None) -> botocore.loaders.Loader:
    """botocore's model loader, once per process (it keeps what it has read)."""
    import botocore.loaders

    return botocore.loaders.create_loader(data_path)


class _Run:
    """What one command needs besides its own flags: checked global options, output, AWS."""

    def __init__(self, ctx: click.Context, *, default_output: OutputFormat | None = None) -> None:
        options = global_options(ctx)
        self.options: GlobalOptions = options
        for flag, value in (("--region", options.region), ("--profile", options.profile)):
            if value is not None and not value.strip():
                raise _usage(InputError(flag, f"takes a non-empty name, got {value!r}"))
        if options.endpoint_url is not None:
            try:
                check_endpoint_url(options.endpoint_url)
            except InputError as error:
                raise _usage(error) from None
        query = _compile_query(options.query) if options.query is not None else None
        fmt: OutputFormat
        if options.output is not None:
            fmt = cast("OutputFormat", options.output)
        elif default_output is not None:
            fmt = default_output
        elif query is not None:
            fmt = "json"
        else:
            fmt = "table" if sys.stdout.isatty() else "json"
        if query is not None and fmt not in QUERY_FORMATS:
            raise _usage(
                InputError("--query", f"works with --output json or text, not --output {fmt}")
            )
        self.output = Output(fmt, query, sys.stdout)
        if options.debug:
            ctx.with_resource(_debug_logging())
        self._botocore: botocore.session.Session | None = None

    def _session(self) -> botocore.session.Session:
        if self._botocore is None:
            import botocore.session

            session = botocore.session.Session()
            # The model is read without touching the user's profile (a bad one is
            # an error of the call, not of the flags), and shared with the client.
            session.register_component("data_loader", _loader(os.environ.get("AWS_DATA_PATH")))
            self._botocore = session
        return self._botocore

    @functools.cached_property
    def model(self) -> ServiceModel:
        """botocore's EC2 model: the shapes of arguments and documents."""
        return self._session().get_service_model("ec2")

    def config(self) -> Config:
        """botocore's client config of every client of the command: the standard retries."""
        from botocore.config import Config

        return Config(retries={"mode": "standard"})

    def client(self) -> EC2Client:
        """A new EC2 client for the global options; refusals as exit 1 (2 for a bad region)."""
        import boto3

        options = self.options
        try:
            session = boto3.session.Session(
                botocore_session=self._session(),
                profile_name=options.profile,
                region_name=options.region,
            )
            client: EC2Client = session.client(  # pyright: ignore[reportUnknownMemberType]
                "ec2",
                endpoint_url=options.endpoint_url,
                config=self.config(),
            )
        except InvalidRegionError as error:
            if options.region is not None:
                rule = "takes a region name such as us-east-1"
                raise _usage(InputError("--region", f"{rule}, got {options.region!r}")) from None
            raise _Failure(_describe_error(error)) from None
        except BotoCoreError as error:
            raise _Failure(_describe_error(error)) from None
        return client

    def lazy_client(self) -> EC2Client:
        """The EC2 client of `client`, made when a call first needs it (see the module docs).

        For the writes' repositories, made with ``fast_parse=False``: installing
        the SDK's parser of Describe answers would make the client at once, and
        writes make no Describe call.
        """
        return cast("EC2Client", _LazyClient(self.client))


class _LazyClient:
    """Stands for an EC2 client and makes it on first use (an attribute asked for).

    The SDK's repositories check their arguments before they touch the client,
    so a refusal comes before the client exists: no region, no credentials,
    no call. Making it may fail as `_Run.client` does (exit 1, or 2 for a bad
    region).
    """

    def __init__(self, make: Callable[[], EC2Client]) -> None:
        self._make = make
        self._client: EC2Client | None = None

    def __getattr__(self, name: str) -> Any:
        if self._client is None:
            self._client = self._make()
        return getattr(self._client, name)


def _quiet_stdout() -> None:
    """The reader of stdout went away (``| head``): send the rest nowhere, say nothing."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _body(func: Callable[..., int]) -> Callable[..., int]:
    """A command's callback: the global options set aside, a closed stdout a quiet exit 0."""

    @functools.wraps(func)
    def command(**kwargs: Any) -> int:
        for name in (
            "region",
            "profile",
            "endpoint_url",
            "output",
            "query",
            "debug",
            "no_paginate",
        ):
            kwargs.pop(name, None)
        try:
            return func(click.get_current_context(), **kwargs)
        except BrokenPipeError:
            _quiet_stdout()
            return 0

    return command


# -- groups ---------------------------------------------------------------------------

_CONTEXT: Final = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=AwsGroup, invoke_without_command=True, context_settings=_CONTEXT)
@click.version_option(package_name="ec2-traffic-mirror", prog_name=PROG)
@with_global_options
@click.pass_context
def cli(ctx: click.Context, /, **_: object) -> None:
    """List, inspect and manage EC2 Traffic Mirror sessions, typed and validated.

    Credentials and the region come from the usual AWS places (environment,
    ~/.aws/config, --profile, --region), as for the AWS CLI. The global
    options may come before the group, as with `aws --region X ec2 ...`, or
    after the command. Try `demo` for a tour that needs no AWS account.
    """
    _help_without_command(ctx)


@cli.group(cls=AwsGroup, invoke_without_command=True)
@with_global_options
@click.pass_context
def sessions(ctx: click.Context, /, **_: object) -> None:
    """Traffic Mirror sessions: list (--resolve), get, create, modify, delete, tag, untag."""
    _help_without_command(ctx)


@cli.group(cls=AwsGroup, invoke_without_command=True)
@with_global_options
@click.pass_context
def targets(ctx: click.Context, /, **_: object) -> None:
    """Traffic Mirror targets (where traffic goes): list, get, create, delete, tag, untag."""
    _help_without_command(ctx)


@cli.group(cls=AwsGroup, invoke_without_command=True)
@with_global_options
@click.pass_context
def filters(ctx: click.Context, /, **_: object) -> None:
    """Traffic Mirror filters: list, get, create, delete, tag, untag; their rules and services."""
    _help_without_command(ctx)


@filters.group("rules", cls=AwsGroup, invoke_without_command=True)
@with_global_options
@click.pass_context
def rules(ctx: click.Context, /, **_: object) -> None:
    """The rules of Traffic Mirror filters: list, get, create, modify, delete."""
    _help_without_command(ctx)


@filters.group("services", cls=AwsGroup, invoke_without_command=True)
@with_global_options
@click.pass_context
def services(ctx: click.Context, /, **_: object) -> None:
    """The network services a filter mirrors too (amazon-dns): add, remove."""
    _help_without_command(ctx)


def _help_without_command(ctx: click.Context) -> None:
    # Help on stdout and status 0, the same with every click version.
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


# -- listing --------------------------------------------------------------------------


class _DeferredInterrupt:
    """Ctrl-C stops a listing between pages, never half way through writing one.

    While a page is fetched, SIGINT raises ``KeyboardInterrupt`` at once, so a
    stuck request can be stopped; while a page's items are written it waits
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

    def next_page(self, pages: Listing) -> Any:
        """The next page, or ``None`` at the end; ``KeyboardInterrupt`` for a Ctrl-C so far."""
        return self.next_item(pages)

    def next_item(self, items: Iterator[_T]) -> _T | None:
        """The next item, or ``None`` at the end; ``KeyboardInterrupt`` for a Ctrl-C so far."""
        if self.pending:
            raise KeyboardInterrupt
        self._deferring = False
        try:
            return next(items, None)
        finally:
            self._deferring = True


def _decode_token(token: str | None) -> tuple[str | None, int]:
    """AWS's ``NextToken`` and the items to skip, from a StartingToken (botocore's format)."""
    if token is None:
        return None, 0
    try:
        decoded = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
    except (ValueError, binascii.Error):
        return token, 0
    if not isinstance(decoded, dict):
        return token, 0
    fields = cast("dict[str, Any]", decoded)
    return fields.get("NextToken"), int(fields.get("boto_truncate_amount", 0))


def _encode_token(next_token: str) -> str:
    """botocore's StartingToken for AWS's ``next_token`` (``--next-token``)."""
    return base64.b64encode(json.dumps({"NextToken": next_token}).encode("utf-8")).decode("utf-8")


def _list(
    listing: Listing,
    sink: ListingSink,
    *,
    plural: str,
    one_call: bool,
    to_item: Callable[[Any], dict[str, Any]] = item_of,
) -> int:
    """Print the listing page by page; the resume token when it stops early. Returns the status.

    ``to_item`` makes an item's document of what a page holds (a model: `item_of`).
    """
    start_token = listing.resume_token
    progress = Progress(
        sys.stderr,
        enabled=sys.stderr.isatty() and (not sink.streams or not sys.stdout.isatty()),
        what=plural,
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
                sink.page([to_item(item) for item in page.items])
                count += len(page.items)
                progress.update(count)
                printed_up_to = page.next_token
                # --no-paginate: one AWS page (the SDK splits a page only at a bad item).
                if one_call and _decode_token(page.next_token)[1] == 0:
                    break
    except KeyboardInterrupt:
        problem, status = "interrupted", EXIT_INTERRUPTED
    except (TrafficMirrorError, BotoCoreError) as error:
        problem, status = _describe_error(error), EXIT_ERROR
    progress.clear()
    token = printed_up_to if status == EXIT_INTERRUPTED else listing.resume_token
    if problem is None:
        if one_call:
            raw = _decode_token(token)[0]
            sink.finish(raw)
            if raw is not None and not sink.carries_token:
                click.echo(f"{PROG}: more {plural}: go on with --next-token {raw}", err=True)
            return 0
        sink.finish(token)
        if token is not None and not sink.carries_token:
            click.echo(f"{PROG}: more {plural}: go on with --starting-token {token}", err=True)
        return 0
    moved = token is not None and token != start_token
    if moved or count:
        sink.finish(token)
    message = f"{PROG}: error: {problem}" if status == EXIT_ERROR else f"{PROG}: {problem}"
    if moved:
        message += (
            f"; after {count} {plural if count != 1 else plural[:-1]}:"
            f" to go on, run the same command with --starting-token {token}"
        )
    click.echo(message, err=True)
    return status


def _last(flag: str, occurrences: Sequence[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The last occurrence of an AWS CLI list flag, as the AWS CLI keeps it (with a warning)."""
    if not occurrences:
        return None
    if len(occurrences) > 1:
        _warn(
            f"{flag} is given {len(occurrences)} times: only the last one counts,"
            " as in the AWS CLI (give several values after one flag instead)"
        )
    return occurrences[-1]


def _ids(
    run: _Run,
    resource: Resource,
    aws_words: Sequence[tuple[str, ...]],
    short_values: Sequence[str],
) -> list[str]:
    """The ids of ``--traffic-mirror-session-ids`` (AWS CLI) and ``--session-ids``, checked."""
    ids: list[str] = []
    words = _last(resource.ids_flag, aws_words)
    if words is not None:
        value = _parsed(
            lambda: aws_argument(
                resource.ids_flag, run.model, resource.describe, resource.ids_member, words
            )
        )
        given = split_ids(cast("list[str]", value))
        _check_ids(resource, resource.ids_flag, given)
        ids.extend(given)
    if short_values:
        given = split_ids(short_values)
        _check_ids(resource, resource.ids_short_flag, given)
        ids.extend(given)
    return ids


def _check_ids(resource: Resource, flag: str, ids: Sequence[str]) -> None:
    """Refuse malformed ids before any call (the SDK's rule), naming ``flag``."""
    query = resource.new_query()
    try:
        getattr(query, resource.ids_method)(*ids)
    except QueryError as error:
        raise _usage(input_error(flag, error)) from None


def _filter_entries(
    run: _Run,
    resource: Resource,
    flag_values: Mapping[str, Sequence[str]],
    filters: Sequence[tuple[str, ...]],
) -> list[FilterEntry]:
    """Each per-filter flag (values OR) as one filter, then ``--filters``' filters as given."""
    entries: list[FilterEntry] = [
        (resource.filter_flag(name), name, list(values))
        for name, values in flag_values.items()
        if values
    ]
    words = _last("--filters", filters)
    if words is not None:
        value = _parsed(
            lambda: aws_argument("--filters", run.model, resource.describe, "Filters", words)
        )
        entries.extend(_parsed(lambda: filters_from_argument("--filters", value)))
    return entries


def _build_query(
    run: _Run,
    resource: Resource,
    *,
    ids: Sequence[str],
    entries: Sequence[FilterEntry],
    page_size: str | None,
    max_items: str | None,
    starting_token: str | None,
    max_results: str | None,
    next_token: str | None,
) -> tuple[Any, list[dict[str, Any]], bool]:
    """The SDK query, the exact ``Filters``, and whether this is one call (``--no-paginate``)."""
    query = resource.new_query()
    if ids:
        query = getattr(query, resource.ids_method)(*ids)
    query, exact = _parsed(lambda: filter_query(resource, query, entries))
    one_call = run.options.no_paginate or max_results is not None or next_token is not None
    if one_call:
        given = [
            flag
            for flag, value in (
                ("--starting-token", starting_token),
                ("--page-size", page_size),
                ("--max-items", max_items),
            )
            if value is not None
        ]
        if given:
            raise _usage(
                f"--no-paginate (or --max-results, --next-token: one call) cannot be given"
                f" with {', '.join(given)}: those page through the whole listing"
            )
    for flag, text, method in (
        ("--page-size", page_size, "page_size"),
        ("--max-results", max_results, "page_size"),
        ("--max-items", max_items, "max_items"),
    ):
        if text is not None:
            # A text that is not an integer goes to the SDK as it is: its
            # refusal names the range (the SDK's rule, not a copy of it here).
            value: object = int(text) if _INTEGER.fullmatch(text) else text
            try:
                query = getattr(query, method)(value)
            except QueryError as error:
                raise _usage(input_error(flag, error)) from None
    for flag, token in (
        ("--starting-token", starting_token),
        ("--next-token", None if next_token is None else _encode_token(next_token)),
    ):
        if token is not None:
            try:
                query = query.starting_token(token)
            except QueryError as error:
                raise _usage(input_error(flag, error)) from None
    return query, exact, one_call


def _send_exact_filters(client: EC2Client, operation: str, exact: list[dict[str, Any]]) -> None:
    """Send ``Filters`` exactly as given (the SDK's query merges filters of one name)."""

    def replace(params: dict[str, Any], **_: object) -> None:
        params["Filters"] = [{"Name": f["Name"], "Values": list(f["Values"])} for f in exact]

    client.meta.events.register(f"before-parameter-build.ec2.{operation}", replace)


def _run_listing(
    run: _Run,
    resource: Resource,
    query: Any,
    exact: list[dict[str, Any]],
    *,
    one_call: bool,
    on_invalid: OnInvalid,
    details: bool = False,
    resolution: Resolution | None = None,
) -> int:
    """List ``query`` into the output; with ``resolution``, each item with what it points to."""
    shape = output_shape(run.model, resource.describe)
    sink = ListingSink(
        run.output,
        resource.layout if resolution is None else resolution.layout,
        result_key=resource.result_key,
        shape=shape,
        paginated=not one_call,
        details=details,
    )
    client = run.client()
    if exact:
        _send_exact_filters(client, resource.describe, exact)
    if resolution is None:
        listing = resource.repository(client, on_invalid).pages(query)
        return _list(listing, sink, plural=resource.plural, one_call=one_call)
    model = run.model
    return _list(
        resolution.listing(client, on_invalid, query),
        sink,
        plural=resource.plural,
        one_call=one_call,
        to_item=lambda entry: resolution.item(entry, model),
    )


def _filter_flags(resource: Resource) -> Callable[[_F], _F]:
    def apply(func: _F) -> _F:
        for name in reversed(resource.filter_names):
            func = click.option(
                resource.filter_flag(name),
                "filter_" + name.replace("-", "_"),
                multiple=True,
                metavar="VALUE",
                help=f"Filter {name} (repeat the flag for more values: they OR together).",
            )(func)
        return func

    return apply


def _ids_options(resource: Resource) -> Callable[[_F], _F]:
    def apply(func: _F) -> _F:
        func = click.option(
            resource.ids_short_flag,
            "ids_short",
            multiple=True,
            metavar="ID[,ID...]",
            help=f"The short form of {resource.ids_flag}: repeatable, the ids add up.",
        )(func)
        return click.option(
            resource.ids_flag,
            "ids_aws",
            cls=ListOption,
            metavar="ID [ID ...]",
            help="Only these (AWS answers NotFound for an unknown id); the AWS CLI's spelling.",
        )(func)

    return apply


def _selection_options(resource: Resource) -> Callable[[_F], _F]:
    """``--tag KEY=VALUE`` and ``--tag-key KEY``: selection on the client side."""

    def apply(func: _F) -> _F:
        func = click.option(
            "--tag-key",
            "tag_key_selection",
            multiple=True,
            metavar="KEY",
            help=f"[client side] Only {resource.group} that have a tag with this key, whatever"
            " its value (repeatable: any of the keys).",
        )(func)
        return click.option(
            "--tag",
            "tag_selection",
            multiple=True,
            metavar="KEY=VALUE",
            help=f"[client side] Only {resource.group} that have this tag: selects, never sends"
            " or writes tags (repeatable: values of one key OR, different keys AND).",
        )(func)

    return apply


def _list_epilog(resource: Resource) -> str:
    first, *more = [name for name in resource.filter_names if name != "description"]
    second = more[0] if more else "description"
    return f"""\b
Filters AND together, as AWS does: each --NAME flag is one filter (repeat it
for more values, which OR), and each Name= group of --filters is one more
filter, even of a name given already. --filters takes the AWS CLI's
shorthand or JSON, several filters after one flag:
  --filters Name={first},Values=A Name={second},Values=B,C
  --filters '[{{"Name": "description", "Values": ["prod *"]}}]'

Client side: {resource.describe} has no tag filters, so --tag and --tag-key
select here, from what AWS's filters return (every page is read; only the
selected {resource.group} are printed). They AND with the filters and with each
other, as AWS's tag:KEY and tag-key filters do in other EC2 calls; --max-items
counts selected {resource.group}, and NextToken and --starting-token resume
exactly:

\b
  --tag team=payments --tag team=search --tag env=prod --tag-key owner

\b
Output: json is the document `aws ec2 {_cli_name(resource.describe)}` prints
(NextToken in it when --max-items cut the listing), text as `aws` prints it;
with table, ndjson and csv that token goes to stderr. text, ndjson and csv are
written as the pages come. --query works with json and text.
"""


def _cli_name(operation: str) -> str:
    from botocore import xform_name

    return xform_name(operation, "-")


def _resource_options(resource: Resource) -> Callable[[_F], _F]:
    """What only some resources' ``list`` has: a scope member (``--traffic-mirror-filter-id``
    of rules, as ``scope``) and ``--resolve`` (sessions)."""

    def apply(func: _F) -> _F:
        if resource.resolution is not None:
            func = click.option(
                "--resolve",
                is_flag=True,
                help="Add to each session its target (type and destination) and its filter"
                " (rules, network services): in json, ndjson and text the whole"
                " TrafficMirrorTarget and TrafficMirrorFilter documents; in table and csv in brief."
                " Two calls more per page of sessions (TrafficMirror.resolve).",
            )(func)
        if resource.scope_flag is not None:
            flag, _, text = resource.scope_flag
            func = click.option(flag, "scope", metavar="ID", help=text)(func)
        return func

    return apply


def _scoped(resource: Resource, query: Any, scope: str | None) -> Any:
    """``query`` with the resource's scope member (one id), checked before any call."""
    if scope is None or resource.scope_flag is None:
        return query
    flag, method, _ = resource.scope_flag
    try:
        return getattr(query, method)(scope)
    except QueryError as error:
        raise _usage(input_error(flag, error)) from None


def _add_listing_commands(group: click.Group, resource: Resource) -> None:
    """``GROUP list`` and ``GROUP get ID [ID ...]`` for ``resource``."""

    @group.command("list", cls=AwsCommand, epilog=_list_epilog(resource))
    @_resource_options(resource)
    @_ids_options(resource)
    @_filter_flags(resource)
    @_selection_options(resource)
    @click.option(
        "--filters",
        cls=ListOption,
        metavar="Name=NAME,Values=V[,V...] [...]",
        help="Filters in the AWS CLI's shorthand or JSON; given twice, the last one counts.",
    )
    @click.option("--page-size", metavar="N", help="Items per AWS call (MaxResults), 5 to 1000.")
    @click.option(
        "--max-items",
        metavar="N",
        help="Stop after N items (N selected ones with --tag) and print a NextToken.",
    )
    @click.option(
        "--starting-token", metavar="TOKEN", help="Go on from a NextToken / resume token."
    )
    @click.option(
        "--max-results", metavar="N", help="One call (as --no-paginate) with MaxResults N."
    )
    @click.option(
        "--next-token", metavar="TOKEN", help="One call (as --no-paginate) from AWS's NextToken."
    )
    @click.option(
        "--on-invalid",
        type=click.Choice(["raise", "skip"]),
        default="raise",
        show_default=True,
        help="A response item that breaks the model: stop with an error, or warn and leave it out.",
    )
    @with_global_options
    @_body
    def list_command(
        ctx: click.Context,
        *,
        ids_aws: tuple[tuple[str, ...], ...],
        ids_short: tuple[str, ...],
        filters: tuple[tuple[str, ...], ...],
        page_size: str | None,
        max_items: str | None,
        starting_token: str | None,
        max_results: str | None,
        next_token: str | None,
        on_invalid: str,
        tag_selection: tuple[str, ...],
        tag_key_selection: tuple[str, ...],
        scope: str | None = None,
        resolve: bool = False,
        **filter_values: tuple[str, ...],
    ) -> int:
        run = _Run(ctx)
        ids = _ids(run, resource, ids_aws, ids_short)
        flag_values = {
            name: filter_values["filter_" + name.replace("-", "_")]
            for name in resource.filter_names
        }
        entries = _filter_entries(run, resource, flag_values, filters)
        query, exact, one_call = _build_query(
            run,
            resource,
            ids=ids,
            entries=entries,
            page_size=page_size,
            max_items=max_items,
            starting_token=starting_token,
            max_results=max_results,
            next_token=next_token,
        )
        query = _scoped(resource, query, scope)
        query = _parsed(lambda: select_tags(query, tag_selection, tag_key_selection))
        return _run_listing(
            run,
            resource,
            query,
            exact,
            one_call=one_call,
            on_invalid=cast("OnInvalid", on_invalid),
            resolution=resource.resolution if resolve else None,
        )

    list_command.help = (
        f"List Traffic Mirror {resource.plural} ({resource.describe}, every page unless"
        " --no-paginate)."
    )

    @group.command("get", cls=AwsCommand)
    @click.argument("ids", nargs=-1, required=True, metavar=f"{resource.id_metavar}...")
    @with_global_options
    @_body
    def get_command(ctx: click.Context, *, ids: tuple[str, ...]) -> int:
        run = _Run(ctx)
        _check_ids(resource, resource.id_metavar, ids)  # before anything else, even a region
        query = getattr(resource.new_query(), resource.ids_method)(*ids)
        return _run_listing(
            run, resource, query, [], one_call=False, on_invalid="raise", details=True
        )

    get_command.help = (
        f"Show Traffic Mirror {resource.plural} by id: the document of"
        f" `aws ec2 {_cli_name(resource.describe)} {resource.ids_flag} ID ...`"
        " (details with --output table)."
    )


_add_listing_commands(sessions, SESSIONS)
_add_listing_commands(targets, TARGETS)
_add_listing_commands(filters, FILTERS)
_add_listing_commands(rules, FILTER_RULES)


# -- writes --------------------------------------------------------------------------
# Every value is checked by the SDK's repositories before they touch the client
# (`_Run.lazy_client`), so bad input is exit 2 with no call (and no region needed).


def _write_options(func: Callable[..., int]) -> Callable[..., int]:
    """``--dry-run`` and the global options, which every write command has."""
    dry_run = click.option(
        "--dry-run",
        is_flag=True,
        help="Only ask AWS (DryRun) whether you may do this, and change nothing:"
        " exit 0 when allowed, 1 when not.",
    )
    return dry_run(with_global_options(func))


def _parsed(parse: Callable[[], _T]) -> _T:
    """Parse the flags: bad input is exit 2 naming the flag."""
    try:
        return parse()
    except InputError as error:
        raise _usage(error) from None


def _call(
    action: Callable[[], _T], *, default_flag: str = "input", flags: Mapping[str, str] | None = None
) -> _T:
    """One SDK call; its refusal of a value is exit 2 naming the flag, its errors exit 1.

    ``flags`` names the flag of an SDK argument where the command's is not the
    usual one (`flag_error`); ``default_flag`` is named for a refusal that
    names no argument.
    """
    try:
        return action()
    except QueryError as error:
        raise _usage(flag_error(error, default_flag, flags)) from None
    except (TrafficMirrorError, BotoCoreError) as error:
        raise _Failure(_describe_error(error)) from None


def _dry_run(permitted: Callable[[], bool], what: str, **call: Any) -> None:
    """Ask with DryRun; say the answer (UnauthorizedOperation is exit 1)."""
    if not _call(permitted, **call):
        raise _Failure(f"dry run: you may not {what} (UnauthorizedOperation); nothing was changed")
    click.echo(f"dry run: you may {what} (DryRunOperation); nothing was changed")


def _write(
    dry_run: bool,
    permitted: Callable[[], bool],
    act: Callable[[], _T],
    what: str,
    **call: Any,
) -> _T | None:
    """``--dry-run``: ask (`_dry_run`) and give ``None``; else make the call and give its result."""
    if dry_run:
        _dry_run(permitted, what, **call)
        return None
    return _call(act, **call)


def _show(
    run: _Run,
    operation: str,
    resource: Resource,
    model: BaseModel,
    *,
    member: str,
    client_token: str | None = None,
) -> None:
    """What a write returns, as the AWS CLI prints its document (json, text): ``{member: ...}``.

    table: the item's details; ndjson: the item on one line; csv: its row.
    """
    item = item_of(model)
    document: dict[str, object] = {member: item}
    if client_token is not None:
        document["ClientToken"] = client_token
    output = run.output
    layout = resource.layout

    def other() -> None:
        if output.format == "table":
            output.write(render_details(item, layout))
        elif output.format == "ndjson":
            _item_sink(run, resource).page([item])
        else:
            output.csv_rows(layout.csv_columns, [layout.csv_row(item)])

    output.document(document, output_shape(run.model, operation), other=other)


def _item_sink(run: _Run, resource: Resource) -> ListingSink:
    return ListingSink(
        run.output,
        resource.layout,
        result_key=resource.result_key,
        shape=output_shape(run.model, resource.describe),
    )


def _tags_option(func: _F) -> _F:
    return click.option(
        "--tags",
        "aws_tags",
        cls=ListOption,
        metavar="Key=K,Value=V [...]",
        help="Tags in the AWS CLI's form, shorthand or JSON (a key or value may hold '=' or ',').",
    )(func)


def _tags(
    run: _Run,
    short: Sequence[str],
    aws_tags: Sequence[tuple[str, ...]],
    *,
    more: Sequence[tuple[str, str | None]] = (),
) -> dict[str, str]:
    """``--tag KEY=VALUE`` and ``--tags Key=...,Value=...`` (the last ``--tags`` counts)."""
    pairs = list(more)
    words = _last("--tags", aws_tags)
    if words is not None:
        value = _parsed(lambda: aws_argument("--tags", run.model, "CreateTags", "Tags", words))
        pairs.extend(_parsed(lambda: tags_from_argument("--tags", value, values=True)))
    return _parsed(lambda: parse_tags("--tag", short, pairs))


def _stacked(*decorators: Callable[[_F], _F]) -> Callable[[_F], _F]:
    """Several decorators (click options, say) as one, in the order written."""

    def apply(func: _F) -> _F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


def _create_tag_options(resource_type: str) -> Callable[[_F], _F]:
    """``--tag``, ``--tags`` and ``--tag-specifications`` of a create command."""
    return _stacked(
        click.option(
            "--tag",
            "tags",
            multiple=True,
            metavar="KEY=VALUE",
            help=f"A tag to put on the new {resource_type.removeprefix('traffic-mirror-')}"
            " (repeatable): at most 50, unique keys, none beginning with aws:.",
        ),
        _tags_option,
        click.option(
            "--tag-specifications",
            "tag_specifications",
            cls=ListOption,
            metavar=f"ResourceType={resource_type},Tags=[{{Key=K,Value=V}},...]",
            help="Tags in the AWS CLI's create form, shorthand or JSON.",
        ),
    )


def _client_token_option(noun: str) -> Callable[[_F], _F]:
    return click.option(
        "--client-token",
        metavar="TOKEN",
        help="Idempotency token, 1 to 64 ASCII characters: the same token and flags"
        f" again give the same {noun}, not a second one.",
    )


def _create_tags(
    run: _Run,
    operation: str,
    *,
    resource_type: str,
    tags: Sequence[str],
    aws_tags: Sequence[tuple[str, ...]],
    tag_specifications: Sequence[tuple[str, ...]],
) -> dict[str, str]:
    """The tags of a create command: ``--tag``, ``--tags`` and ``--tag-specifications``."""
    more = _tag_specifications(run, tag_specifications, operation, resource_type)
    return _tags(run, tags, aws_tags, more=more)


def _tag_specifications(
    run: _Run, occurrences: Sequence[tuple[str, ...]], operation: str, resource_type: str
) -> list[tuple[str, str | None]]:
    """``--tag-specifications ResourceType=traffic-mirror-session,Tags=[{Key=k,Value=v}]``."""
    words = _last("--tag-specifications", occurrences)
    if words is None:
        return []
    flag = "--tag-specifications"
    value = _parsed(lambda: aws_argument(flag, run.model, operation, "TagSpecifications", words))
    pairs: list[tuple[str, str | None]] = []
    for specification in cast("list[dict[str, Any]]", value):
        kind = specification.get("ResourceType", resource_type)
        if kind != resource_type:
            raise _usage(
                InputError(flag, f"tags a {resource_type} here, got ResourceType={kind!r}")
            )
        tags: object = specification.get("Tags", [])
        pairs.extend(_parsed(functools.partial(tags_from_argument, flag, tags, values=True)))
    return pairs


def _remove_option(field: str) -> Callable[[_F], _F]:
    return click.option(
        f"--remove-{field}",
        "remove_flags",
        flag_value=field,
        multiple=True,
        help=f"Remove the {field.replace('-', ' ')} (RemoveFields {field}).",
    )


def _remove_fields_option(fields: Sequence[str]) -> Callable[[_F], _F]:
    return click.option(
        "--remove-fields",
        cls=ListOption,
        metavar="FIELD [FIELD ...]",
        help=f"The AWS CLI's spelling: {', '.join(fields)} (also comma-separated).",
    )


def _remove_words(occurrences: Sequence[tuple[str, ...]]) -> list[str]:
    """The words of ``--remove-fields`` (the last one counts, as in the AWS CLI)."""
    return list(_last("--remove-fields", occurrences) or ())


# -- sessions: create, modify -----------------------------------------------------------

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


@sessions.command("create", cls=AwsCommand)
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
@_create_tag_options("traffic-mirror-session")
@_client_token_option("session")
@_write_options
@_body
def create_session(
    ctx: click.Context,
    *,
    dry_run: bool,
    tags: tuple[str, ...],
    aws_tags: tuple[tuple[str, ...], ...],
    tag_specifications: tuple[tuple[str, ...], ...],
    **flags: Any,
) -> int:
    """Create a Traffic Mirror session and print it (CreateTrafficMirrorSession)."""
    run = _Run(ctx)
    operation = "CreateTrafficMirrorSession"
    mapping = _create_tags(
        run,
        operation,
        resource_type="traffic-mirror-session",
        tags=tags,
        aws_tags=aws_tags,
        tag_specifications=tag_specifications,
    )
    arguments = _parsed(lambda: create_arguments(tags=mapping, **flags))
    repository = TrafficMirrorSessionRepository(run.lazy_client(), fast_parse=False)
    session = _write(
        dry_run,
        lambda: repository.can_create(**arguments),
        lambda: repository.create(**arguments),
        "create this Traffic Mirror session",
    )
    if session is not None:
        _show(
            run,
            operation,
            SESSIONS,
            session,
            member="TrafficMirrorSession",
            client_token=arguments["client_token"],
        )
    return 0


@sessions.command("modify", cls=AwsCommand)
@click.argument("session_id", metavar="SESSION_ID")
@click.option("--traffic-mirror-target-id", metavar="TARGET_ID", help="A new target (tmt-...).")
@click.option("--traffic-mirror-filter-id", metavar="FILTER_ID", help="A new filter (tmf-...).")
@click.option("--session-number", metavar="N", help="A new session number, 1 to 32766.")
@click.option("--packet-length", metavar="N", help="Mirror the first N bytes, 1 to 8500.")
@_remove_option("packet-length")
@click.option("--virtual-network-id", metavar="VNI", help="A new VXLAN id, 0 to 16777215.")
@_remove_option("virtual-network-id")
@click.option("--description", metavar="TEXT", help="A new description (not empty).")
@_remove_option("description")
@_remove_fields_option(get_args(RemovableField))
@_write_options
@_body
def modify_session(
    ctx: click.Context,
    *,
    session_id: str,
    dry_run: bool,
    remove_fields: tuple[tuple[str, ...], ...],
    **flags: Any,
) -> int:
    """Change a Traffic Mirror session and print it (ModifyTrafficMirrorSession).

    Fields not named stay as they are. A field cannot be both set and removed.
    """
    run = _Run(ctx)
    _check_ids(SESSIONS, "SESSION_ID", [session_id])
    words = _remove_words(remove_fields)
    arguments = _parsed(lambda: modify_arguments(remove_fields=words, **flags))
    repository = TrafficMirrorSessionRepository(run.lazy_client(), fast_parse=False)
    session = _write(
        dry_run,
        lambda: repository.can_modify(session_id, **arguments),
        lambda: repository.modify(session_id, **arguments),
        f"modify {session_id}",
    )
    if session is not None:
        _show(run, "ModifyTrafficMirrorSession", SESSIONS, session, member="TrafficMirrorSession")
    return 0


# -- every resource: delete, tag, untag ---------------------------------------------------


def _add_delete_command(group: click.Group, resource: Resource) -> None:
    """``GROUP delete ID [ID ...]``: one Delete call per id, in order; stops at an error."""

    @group.command("delete", cls=AwsCommand)
    @click.argument("ids", nargs=-1, required=True, metavar=f"{resource.id_metavar}...")
    @click.option(
        "--missing-ok",
        is_flag=True,
        help="An id that does not exist is not an error (exit 0, Deleted false).",
    )
    @_write_options
    @_body
    def delete_command(
        ctx: click.Context, *, ids: tuple[str, ...], missing_ok: bool, dry_run: bool
    ) -> int:
        run = _Run(ctx)
        _check_ids(resource, resource.id_metavar, ids)
        repository = resource.repository(run.client(), "raise")
        shape = output_shape(run.model, resource.delete)
        output = run.output
        rows: list[list[object]] = []
        for index, resource_id in enumerate(ids):
            try:
                if dry_run:
                    _dry_run(
                        functools.partial(repository.can_delete, resource_id),
                        f"delete {resource_id}",
                    )
                    continue
                deleted = _call(
                    functools.partial(repository.delete, resource_id, missing_ok=missing_ok)
                )
            except click.ClickException as error:
                if rows:
                    output.csv_rows((resource.id_member, "Deleted"), rows)
                left = ids[index + 1 :]
                if not left:
                    raise
                message = f"{error.format_message()}; not attempted: {', '.join(left)}"
                if isinstance(error, click.UsageError):
                    raise click.UsageError(message) from None
                raise _Failure(message) from None
            document = {resource.id_member: resource_id, "Deleted": deleted}
            if output.format == "csv":
                rows.append([resource_id, deleted])
                continue

            def other(resource_id: str = resource_id, deleted: bool = deleted) -> None:
                if output.format == "ndjson":
                    output.write(
                        json.dumps({resource.id_member: resource_id, "Deleted": deleted}) + "\n"
                    )
                elif deleted:
                    output.write(f"deleted {resource_id}\n")
                else:
                    output.write(f"{resource_id} does not exist: nothing deleted (--missing-ok)\n")

            output.document(document, shape, other=other)
        if output.format == "csv" and not dry_run:
            output.csv_rows((resource.id_member, "Deleted"), rows)
        return 0

    delete_command.help = (
        f"Delete Traffic Mirror {resource.plural} ({resource.delete}, one call per id, in order)."
        " Stops at the first error, naming the ids not attempted."
    )


def _add_tag_commands(group: click.Group, resource: Resource) -> None:
    """``GROUP tag ID --tag K=V`` (CreateTags) and ``GROUP untag ID --tag-key K`` (DeleteTags)."""
    tagged = resource.tagged
    if tagged is None:  # pragma: no cover - a declaration without tags gets no tag commands
        raise ValueError(f"{resource.group} declares no tagging repository")
    noun = resource.layout.noun

    @group.command("tag", cls=AwsCommand)
    @click.argument("resource_id", metavar=resource.id_metavar)
    @click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="KEY=VALUE",
        help=f"A tag to add, or a new value for a key the {noun} has (repeatable:"
        " 1 to 50, unique keys, none beginning with aws:).",
    )
    @_tags_option
    @_write_options
    @_body
    def tag_command(
        ctx: click.Context,
        *,
        resource_id: str,
        tags: tuple[str, ...],
        aws_tags: tuple[tuple[str, ...], ...],
        dry_run: bool,
    ) -> int:
        run = _Run(ctx)
        _check_ids(resource, resource.id_metavar, [resource_id])
        mapping = _tags(run, tags, aws_tags)
        repository = tagged(run.lazy_client())
        _write(
            dry_run,
            lambda: repository.can_add_tags(resource_id, mapping),
            lambda: repository.add_tags(resource_id, mapping),
            f"tag {resource_id}",
            default_flag="--tag",
        )
        if run.output.format == "table" and not dry_run:
            run.output.write(f"tagged {resource_id}: {', '.join(mapping)}\n")
        return 0

    tag_command.help = (
        f"Add tags to a Traffic Mirror {noun}, or change their values (CreateTags).\n\n"
        "Prints nothing on success (as the AWS CLI), except a line with --output table."
    )

    @group.command("untag", cls=AwsCommand)
    @click.argument("resource_id", metavar=resource.id_metavar)
    @click.option(
        "--tag-key",
        "keys",
        multiple=True,
        metavar="KEY",
        help="The key of a tag to remove, whatever its value (repeatable: 1 to 50, unique,"
        f" none beginning with aws:). Keys the {noun} does not have are ignored.",
    )
    @click.option(
        "--tags",
        "aws_tags",
        cls=ListOption,
        metavar="Key=K [...]",
        help="The keys in the AWS CLI's form (shorthand or JSON), without Value.",
    )
    @_write_options
    @_body
    def untag_command(
        ctx: click.Context,
        *,
        resource_id: str,
        keys: tuple[str, ...],
        aws_tags: tuple[tuple[str, ...], ...],
        dry_run: bool,
    ) -> int:
        run = _Run(ctx)
        _check_ids(resource, resource.id_metavar, [resource_id])
        all_keys = list(keys)
        words = _last("--tags", aws_tags)
        if words is not None:
            value = _parsed(lambda: aws_argument("--tags", run.model, "DeleteTags", "Tags", words))
            all_keys.extend(
                key for key, _ in _parsed(lambda: tags_from_argument("--tags", value, values=False))
            )
        repository = tagged(run.lazy_client())
        _write(
            dry_run,
            lambda: repository.can_remove_tags(resource_id, all_keys),
            lambda: repository.remove_tags(resource_id, all_keys),
            f"untag {resource_id}",
            default_flag="--tag-key",
        )
        if run.output.format == "table" and not dry_run:
            run.output.write(f"untagged {resource_id}: {', '.join(all_keys)}\n")
        return 0

    untag_command.help = (
        f"Remove tags from a Traffic Mirror {noun} (DeleteTags).\n\n"
        "Prints nothing on success (as the AWS CLI), except a line with --output table."
    )


for _group, _resource in ((sessions, SESSIONS), (targets, TARGETS), (filters, FILTERS)):
    _add_delete_command(_group, _resource)
    _add_tag_commands(_group, _resource)
_add_delete_command(rules, FILTER_RULES)


# -- targets: create ------------------------------------------------------------------------

_DESTINATIONS: Final = (
    "--network-interface-id",
    "--network-load-balancer-arn",
    "--gateway-load-balancer-endpoint-id",
)


@targets.command("create", cls=AwsCommand)
@click.option(
    "--network-interface-id",
    metavar="ENI_ID",
    help="Send the traffic to this network interface (eni-...).",
)
@click.option(
    "--network-load-balancer-arn",
    metavar="ARN",
    help="Send the traffic to this Network Load Balancer"
    " (arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/net/NAME/ID).",
)
@click.option(
    "--gateway-load-balancer-endpoint-id",
    metavar="VPCE_ID",
    help="Send the traffic to this Gateway Load Balancer endpoint (vpce-...).",
)
@click.option("--description", metavar="TEXT", help="A description (not empty).")
@_create_tag_options("traffic-mirror-target")
@_client_token_option("target")
@_write_options
@_body
def create_target(
    ctx: click.Context,
    *,
    network_interface_id: str | None,
    network_load_balancer_arn: str | None,
    gateway_load_balancer_endpoint_id: str | None,
    description: str | None,
    tags: tuple[str, ...],
    aws_tags: tuple[tuple[str, ...], ...],
    tag_specifications: tuple[tuple[str, ...], ...],
    client_token: str | None,
    dry_run: bool,
) -> int:
    """Create a Traffic Mirror target and print it (CreateTrafficMirrorTarget).

    Exactly one destination: --network-interface-id, --network-load-balancer-arn
    or --gateway-load-balancer-endpoint-id.
    """
    run = _Run(ctx)
    operation = "CreateTrafficMirrorTarget"
    given = [
        flag
        for flag, value in zip(
            _DESTINATIONS,
            (network_interface_id, network_load_balancer_arn, gateway_load_balancer_endpoint_id),
            strict=True,
        )
        if value is not None
    ]
    if len(given) != 1:
        raise _usage(
            InputError(
                "targets create",
                f"takes exactly one of {', '.join(_DESTINATIONS)},"
                f" got {' and '.join(given) if given else 'none'}",
            )
        )
    mapping = _create_tags(
        run,
        operation,
        resource_type="traffic-mirror-target",
        tags=tags,
        aws_tags=aws_tags,
        tag_specifications=tag_specifications,
    )
    repository = TrafficMirrorTargetRepository(run.lazy_client(), fast_parse=False)
    common: dict[str, Any] = {
        "description": description,
        "tags": mapping,
        "client_token": client_token,
    }
    create, can_create = repository.create, repository.can_create
    if network_interface_id is not None:
        make = functools.partial(create, network_interface_id=network_interface_id, **common)
        ask = functools.partial(can_create, network_interface_id=network_interface_id, **common)
    elif network_load_balancer_arn is not None:
        arn = network_load_balancer_arn
        make = functools.partial(create, network_load_balancer_arn=arn, **common)
        ask = functools.partial(can_create, network_load_balancer_arn=arn, **common)
    else:
        endpoint = gateway_load_balancer_endpoint_id
        make = functools.partial(create, gateway_load_balancer_endpoint_id=endpoint, **common)
        ask = functools.partial(can_create, gateway_load_balancer_endpoint_id=endpoint, **common)
    target = _write(dry_run, ask, make, "create this Traffic Mirror target")
    if target is not None:
        _show(
            run,
            operation,
            TARGETS,
            target,
            member="TrafficMirrorTarget",
            client_token=client_token,
        )
    return 0


# -- filters: create; services add, remove ------------------------------------------------


@filters.command("create", cls=AwsCommand)
@click.option("--description", metavar="TEXT", help="A description (not empty).")
@_create_tag_options("traffic-mirror-filter")
@_client_token_option("filter")
@_write_options
@_body
def create_filter(
    ctx: click.Context,
    *,
    description: str | None,
    tags: tuple[str, ...],
    aws_tags: tuple[tuple[str, ...], ...],
    tag_specifications: tuple[tuple[str, ...], ...],
    client_token: str | None,
    dry_run: bool,
) -> int:
    """Create a Traffic Mirror filter, with no rules yet, and print it (CreateTrafficMirrorFilter).

    Add rules with `filters rules create`, network services with `filters services add`.
    """
    run = _Run(ctx)
    operation = "CreateTrafficMirrorFilter"
    mapping = _create_tags(
        run,
        operation,
        resource_type="traffic-mirror-filter",
        tags=tags,
        aws_tags=aws_tags,
        tag_specifications=tag_specifications,
    )
    repository = TrafficMirrorFilterRepository(run.lazy_client(), fast_parse=False)
    arguments: dict[str, Any] = {
        "description": description,
        "tags": mapping,
        "client_token": client_token,
    }
    created = _write(
        dry_run,
        lambda: repository.can_create(**arguments),
        lambda: repository.create(**arguments),
        "create this Traffic Mirror filter",
    )
    if created is not None:
        _show(
            run,
            operation,
            FILTERS,
            created,
            member="TrafficMirrorFilter",
            client_token=client_token,
        )
    return 0


def _add_services_command(add: bool) -> None:
    name = "add" if add else "remove"

    @services.command(name, cls=AwsCommand)
    @click.argument("filter_id", metavar="FILTER_ID")
    @click.argument("names", nargs=-1, required=True, metavar="SERVICE...")
    @_write_options
    @_body
    def services_command(
        ctx: click.Context, *, filter_id: str, names: tuple[str, ...], dry_run: bool
    ) -> int:
        run = _Run(ctx)
        _check_ids(FILTERS, "FILTER_ID", [filter_id])
        repository = TrafficMirrorFilterRepository(run.lazy_client(), fast_parse=False)
        # The SDK checks the names (amazon-dns) before any call.
        given = cast("tuple[Any, ...]", names)
        if add:
            act = functools.partial(repository.add_network_services, filter_id, *given)
            ask = functools.partial(repository.can_add_network_services, filter_id, *given)
        else:
            act = functools.partial(repository.remove_network_services, filter_id, *given)
            ask = functools.partial(repository.can_remove_network_services, filter_id, *given)
        changed = _write(dry_run, ask, act, f"{name} network services of {filter_id}")
        if changed is not None:
            _show(
                run,
                "ModifyTrafficMirrorFilterNetworkServices",
                FILTERS,
                changed,
                member="TrafficMirrorFilter",
            )
        return 0

    member = "AddNetworkServices" if add else "RemoveNetworkServices"
    services_command.help = (
        f"{'Mirror' if add else 'Stop mirroring'} these network services' traffic"
        f" {'too ' if add else ''}(amazon-dns) and print the filter"
        f" (ModifyTrafficMirrorFilterNetworkServices {member})."
    )


_add_services_command(add=True)
_add_services_command(add=False)


# -- filter rules: create, modify ---------------------------------------------------------

_RULE_FIELDS: Final = (
    ("--traffic-direction", "DIRECTION", "ingress (into the source) or egress (out of it)."),
    ("--rule-number", "N", "1 to 32766, unique per direction; lower numbers apply first."),
    ("--rule-action", "ACTION", "accept (mirror the traffic) or reject."),
    (
        "--source-cidr-block",
        "CIDR",
        "The source addresses, IPv4 or IPv6 as the destination's (0.0.0.0/0: any).",
    ),
    (
        "--destination-cidr-block",
        "CIDR",
        "The destination addresses, IPv4 or IPv6 as the source's (0.0.0.0/0: any).",
    ),
)
_RULE_MORE: Final = (
    ("--protocol", "N", "The IP protocol number, 0 to 255 (6 TCP, 17 UDP; default: all)."),
    (
        "--source-port-range",
        "FromPort=N,ToPort=N",
        "The source ports (TCP, UDP), 0 to 65535: the AWS CLI's shorthand or JSON, or N, or N-M.",
    ),
    (
        "--destination-port-range",
        "FromPort=N,ToPort=N",
        "The destination ports (TCP, UDP): as --source-port-range.",
    ),
)
_RULE_FLAGS: Final = {"filter_id": "--traffic-mirror-filter-id"}
"""The flag of `create_rule`'s filter id (an option here, not the FILTER_ID argument)."""


def _port_ranges(
    run: _Run, operation: str, flags: dict[str, Any]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """``--source-port-range`` and ``--destination-port-range`` (popped from ``flags``)."""
    ranges: list[tuple[int, int] | None] = []
    for flag, member, parameter in (
        ("--source-port-range", "SourcePortRange", "source_port_range"),
        ("--destination-port-range", "DestinationPortRange", "destination_port_range"),
    ):
        text: str | None = flags.pop(parameter)
        if text is None:
            ranges.append(None)
            continue
        short = short_port_range(text)
        if short is not None:
            ranges.append(short)
            continue
        value = _parsed(functools.partial(aws_argument, flag, run.model, operation, member, [text]))
        ranges.append(_parsed(functools.partial(port_range, flag, value)))
    return ranges[0], ranges[1]


@rules.command("create", cls=AwsCommand)
@click.option(
    "--traffic-mirror-filter-id",
    "filter_id",
    required=True,
    metavar="FILTER_ID",
    help="The filter the rule belongs to (tmf-...).",
)
@_stacked(
    *(
        click.option(flag, required=True, metavar=metavar, help=text)
        for flag, metavar, text in _RULE_FIELDS
    )
)
@_stacked(*(click.option(flag, metavar=metavar, help=text) for flag, metavar, text in _RULE_MORE))
@click.option("--description", metavar="TEXT", help="A description (not empty).")
@_create_tag_options("traffic-mirror-filter-rule")
@_client_token_option("rule")
@_write_options
@_body
def create_rule(
    ctx: click.Context,
    *,
    filter_id: str,
    dry_run: bool,
    tags: tuple[str, ...],
    aws_tags: tuple[tuple[str, ...], ...],
    tag_specifications: tuple[tuple[str, ...], ...],
    **flags: Any,
) -> int:
    """Add a rule to a Traffic Mirror filter and print it (CreateTrafficMirrorFilterRule).

    A filter holds 10 rules (AWS's quota).
    """
    run = _Run(ctx)
    operation = "CreateTrafficMirrorFilterRule"
    mapping = _create_tags(
        run,
        operation,
        resource_type="traffic-mirror-filter-rule",
        tags=tags,
        aws_tags=aws_tags,
        tag_specifications=tag_specifications,
    )
    source_ports, destination_ports = _port_ranges(run, operation, flags)
    arguments = _parsed(
        lambda: create_rule_arguments(
            tags=mapping,
            source_port_range=source_ports,
            destination_port_range=destination_ports,
            **flags,
        )
    )
    repository = TrafficMirrorFilterRepository(run.lazy_client(), fast_parse=False)
    rule = _write(
        dry_run,
        lambda: repository.can_create_rule(filter_id, **arguments),
        lambda: repository.create_rule(filter_id, **arguments),
        f"add this rule to {filter_id}",
        flags=_RULE_FLAGS,
    )
    if rule is not None:
        _show(
            run,
            operation,
            FILTER_RULES,
            rule,
            member="TrafficMirrorFilterRule",
            client_token=arguments["client_token"],
        )
    return 0


@rules.command("modify", cls=AwsCommand)
@click.argument("rule_id", metavar="RULE_ID")
@_stacked(*(click.option(flag, metavar=metavar, help=text) for flag, metavar, text in _RULE_FIELDS))
@_stacked(*(click.option(flag, metavar=metavar, help=text) for flag, metavar, text in _RULE_MORE))
@_remove_option("protocol")
@_remove_option("source-port-range")
@_remove_option("destination-port-range")
@click.option("--description", metavar="TEXT", help="A new description (not empty).")
@_remove_option("description")
@_remove_fields_option(get_args(RemovableRuleField))
@_write_options
@_body
def modify_rule(
    ctx: click.Context,
    *,
    rule_id: str,
    dry_run: bool,
    remove_fields: tuple[tuple[str, ...], ...],
    **flags: Any,
) -> int:
    """Change a rule of a Traffic Mirror filter and print it (ModifyTrafficMirrorFilterRule).

    Fields not named stay as they are. A field cannot be both set and removed;
    only the protocol, the port ranges and the description can be removed.
    """
    run = _Run(ctx)
    operation = "ModifyTrafficMirrorFilterRule"
    _check_ids(FILTER_RULES, "RULE_ID", [rule_id])
    source_ports, destination_ports = _port_ranges(run, operation, flags)
    words = _remove_words(remove_fields)
    arguments = _parsed(
        lambda: modify_rule_arguments(
            source_port_range=source_ports,
            destination_port_range=destination_ports,
            remove_fields=words,
            **flags,
        )
    )
    repository = TrafficMirrorFilterRepository(run.lazy_client(), fast_parse=False)
    rule = _write(
        dry_run,
        lambda: repository.can_modify_rule(rule_id, **arguments),
        lambda: repository.modify_rule(rule_id, **arguments),
        f"modify {rule_id}",
    )
    if rule is not None:
        _show(run, operation, FILTER_RULES, rule, member="TrafficMirrorFilterRule")
    return 0


@cli.command(cls=AwsCommand)
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


# -- what the other command modules (the fleet's) share ------------------------------

CommandFailure = _Failure
CommandRun = _Run
DeferredInterrupt = _DeferredInterrupt
build_query = _build_query
command_body = _body
describe_error = _describe_error
filter_entries = _filter_entries
filter_flags = _filter_flags
help_without_command = _help_without_command
last_occurrence = _last
parsed = _parsed
selection_options = _selection_options
usage_error = _usage


def _add_fleet_commands() -> None:
    """The fleet's commands (``fleet sessions|targets|filters list``, in `_fleet`) join."""
    from ec2_traffic_mirror.cli import _fleet

    del _fleet  # importing it registers its commands on `cli`


_add_fleet_commands()


# -- entry -----------------------------------------------------------------------


class _WarningFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{PROG}: {record.levelname.lower()}: {' '.join(record.getMessage().split())}"


def run(args: list[str]) -> int:
    """Run the command line; returns the exit status (errors are one line on stderr)."""
    logger = logging.getLogger("ec2_traffic_mirror")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningFormatter())
    handler.setLevel(logging.WARNING)
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
        _quiet_stdout()
        return 0
    finally:
        logger.removeHandler(handler)
    return result if isinstance(result, int) else 0
