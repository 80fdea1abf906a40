"""click machinery shared by every command group: AWS-style list options and global options.

- `ListOption`: an option that takes several words, as the AWS CLI's list
  arguments do (``--filters A B C``, ``--traffic-mirror-session-ids ID ID``):
  the words after the flag up to the next option. Each occurrence stays one
  group of words, so a command can keep only the last occurrence, as the AWS
  CLI (argparse) does. ``--flag=WORD`` is one word, also as in argparse.
- Global options (``--region``, ``--profile``, ``--endpoint-url``, ``--output``,
  ``--query``, ``--debug``, ``--no-paginate``): accepted before the group, between
  the group and the command, and after the command, as ``aws --region X ec2 ...``
  accepts them; a later one wins. `global_options` reads the result.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

import click

__all__ = [
    "AwsCommand",
    "AwsGroup",
    "GlobalOptions",
    "ListOption",
    "global_options",
    "with_global_options",
]

_F = TypeVar("_F", bound=Callable[..., Any])

# A NUL can never be in a command-line word, so it joins the words of one occurrence.
_SEPARATOR: Final = "\0"
_NEGATIVE_NUMBER: Final = re.compile(r"-\d+$|-\d*\.\d+$")


def _occurrences(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Each occurrence of a `ListOption` as the tuple of its words."""
    return tuple(tuple(str(packed).split(_SEPARATOR)) for packed in value or ())


class ListOption(click.Option):
    """An option taking one or more words (``--filters A B``); repeatable, occurrences kept apart.

    The value is a tuple of occurrences, each a tuple of words.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["multiple"] = True
        kwargs["callback"] = _occurrences
        super().__init__(*args, **kwargs)


def _looks_like_option(word: str) -> bool:
    return word.startswith("-") and word != "-" and _NEGATIVE_NUMBER.match(word) is None


def pack_list_options(
    args: Sequence[str], list_flags: frozenset[str], value_flags: frozenset[str]
) -> list[str]:
    """``--flag A B C`` as ``--flag A<NUL>B<NUL>C``, for each flag of ``list_flags``.

    ``value_flags`` are the options that take one value, so that a value that
    happens to read like a list flag is left alone; ``--`` ends the options.
    """
    out: list[str] = []
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            out.extend(args[index:])
            break
        if word in list_flags:
            words: list[str] = []
            index += 1
            while index < len(args) and not _looks_like_option(args[index]):
                words.append(args[index])
                index += 1
            out.append(word)
            if words:  # else click reports the missing value
                out.append(_SEPARATOR.join(words))
            continue
        out.append(word)
        if word in value_flags and index + 1 < len(args):
            out.append(args[index + 1])
            index += 1
        index += 1
    return out


def _flags(command: click.Command) -> tuple[frozenset[str], frozenset[str]]:
    list_flags: set[str] = set()
    value_flags: set[str] = set()
    for param in command.params:
        if isinstance(param, ListOption):
            list_flags.update(param.opts)
        elif isinstance(param, click.Option) and not param.is_flag and not param.count:
            value_flags.update(param.opts)
    return frozenset(list_flags), frozenset(value_flags)


class AwsCommand(click.Command):
    """A command with `ListOption` options."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        list_flags, value_flags = _flags(self)
        return super().parse_args(ctx, pack_list_options(args, list_flags, value_flags))


class AwsGroup(click.Group):
    """A group whose commands are `AwsCommand` and whose groups are `AwsGroup` by default."""

    command_class = AwsCommand
    group_class = type


# -- global options ---------------------------------------------------------------

GLOBAL_NAMES: Final = (
    "region",
    "profile",
    "endpoint_url",
    "output",
    "query",
    "debug",
    "no_paginate",
)


@dataclasses.dataclass(frozen=True)
class GlobalOptions:
    """The global options, wherever on the command line they were given (the last wins)."""

    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    output: str | None = None
    query: str | None = None
    debug: bool = False
    no_paginate: bool = False


def with_global_options(func: _F) -> _F:
    """The global options on a group or command (values read by `global_options`)."""
    from ec2_traffic_mirror.cli._output import FORMATS

    decorators = (
        click.option(
            "--output",
            type=click.Choice(FORMATS),
            default=None,
            help="json (the default off a terminal or with --query), text, table (the default"
            " on a terminal), ndjson or csv.",
        ),
        click.option(
            "--query",
            metavar="JMESPATH",
            help="A JMESPath query applied to the output (json and text), as in the AWS CLI.",
        ),
        click.option("--region", metavar="REGION", help="The AWS region, e.g. us-east-1."),
        click.option("--profile", metavar="NAME", help="A profile of the AWS config files."),
        click.option(
            "--endpoint-url",
            metavar="URL",
            help="Send requests to this URL instead of AWS's (a proxy, or a local fake).",
        ),
        click.option(
            "--debug",
            is_flag=True,
            default=False,
            help="Log botocore's debug messages (requests, responses) on stderr.",
        ),
        click.option(
            "--no-paginate",
            is_flag=True,
            default=False,
            help="Make one call only (listings): the first page, with AWS's own NextToken.",
        ),
    )
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def global_options(ctx: click.Context) -> GlobalOptions:
    """The global options of ``ctx`` and its parents; a later (inner) one wins."""
    chain: list[click.Context] = []
    current: click.Context | None = ctx
    while current is not None:
        chain.append(current)
        current = current.parent
    values: dict[str, Any] = {}
    for context in reversed(chain):
        for name in GLOBAL_NAMES:
            value = context.params.get(name)
            if value is not None and value is not False:
                values[name] = value
    return GlobalOptions(**values)
