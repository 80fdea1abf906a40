"""The model floor: the one base of every model, `Tag`, and the API's ranges.

What every resource's model shares is here: the base with the config
(`_AwsModel`), `Tag` and the base of tagged resources (`TaggedModel`: unique
tag keys, ``tag_value``, ``tag_map``), `UnknownValue` for enumeration values
AWS adds after this release, and the constrained field types. The models of
each resource live in the resource's own module (``_session``, ``_target``,
``_filter``).

Attributes are the AWS member names in snake_case. Validation accepts the
PascalCase shape boto3 returns (and the snake_case names), and
``model_dump(by_alias=True)`` gives the boto3 shape back. The ranges are the
API's own (see the botocore service model and the EC2 API reference); the
constants below are the single place they are written down, and the models,
queries, write checks and the testing fake import them from here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Final

from pydantic import (
    AliasGenerator,
    BaseModel,
    Field,
    SerializerFunctionWrapHandler,
    field_serializer,
    field_validator,
)
from pydantic.alias_generators import to_pascal
from pydantic_core import core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

__all__ = [
    "MAX_TAGS_PER_RESOURCE",
    "PACKET_LENGTH_MAX",
    "PACKET_LENGTH_MIN",
    "PORT_MAX",
    "PORT_MIN",
    "PROTOCOL_MAX",
    "PROTOCOL_MIN",
    "RESERVED_TAG_KEY_PREFIX",
    "RULE_NUMBER_MAX",
    "RULE_NUMBER_MIN",
    "SESSION_NUMBER_MAX",
    "SESSION_NUMBER_MIN",
    "TAG_KEY_MAX_LENGTH",
    "TAG_KEY_MIN_LENGTH",
    "TAG_VALUE_MAX_LENGTH",
    "VIRTUAL_NETWORK_ID_MAX",
    "VIRTUAL_NETWORK_ID_MIN",
    "AwsId",
    "AwsModel",
    "Description",
    "PacketLength",
    "SessionNumber",
    "Tag",
    "TaggedModel",
    "UnknownValue",
    "VirtualNetworkId",
    "is_reserved_tag_key",
    "tuple_as_list",
]

SESSION_NUMBER_MIN: Final = 1
"""Lowest session number (the session with the lowest number is mirrored first)."""
SESSION_NUMBER_MAX: Final = 32766
"""Highest session number."""
PACKET_LENGTH_MIN: Final = 1
"""Shortest packet truncation length, in bytes."""
PACKET_LENGTH_MAX: Final = 8500
"""Longest packet truncation length, in bytes."""
VIRTUAL_NETWORK_ID_MIN: Final = 0
"""Lowest VXLAN network identifier."""
VIRTUAL_NETWORK_ID_MAX: Final = 2**24 - 1
"""Highest VXLAN network identifier (a 24-bit VNI: 16777215)."""
TAG_KEY_MIN_LENGTH: Final = 1
"""Shortest tag key, in Unicode characters."""
TAG_KEY_MAX_LENGTH: Final = 127
"""Longest tag key, in Unicode characters."""
TAG_VALUE_MAX_LENGTH: Final = 256
"""Longest tag value, in Unicode characters (an empty value is allowed)."""
MAX_TAGS_PER_RESOURCE: Final = 50
"""Most tags one resource can carry."""
RESERVED_TAG_KEY_PREFIX: Final = "aws:"
"""Tag keys with this prefix (any letter case) are AWS's own: readable, never writable."""
RULE_NUMBER_MIN: Final = 1
"""Lowest filter rule number (rules are applied in ascending order, per direction)."""
RULE_NUMBER_MAX: Final = 32766
"""Highest filter rule number."""
PROTOCOL_MIN: Final = 0
"""Lowest IP protocol number of a filter rule (IANA protocol numbers)."""
PROTOCOL_MAX: Final = 255
"""Highest IP protocol number of a filter rule."""
PORT_MIN: Final = 0
"""Lowest port of a filter rule's port range."""
PORT_MAX: Final = 65535
"""Highest port of a filter rule's port range."""


def is_reserved_tag_key(key: str) -> bool:
    """Whether ``key`` begins with ``aws:`` in any letter case: a key reserved to AWS."""
    return key[: len(RESERVED_TAG_KEY_PREFIX)].lower() == RESERVED_TAG_KEY_PREFIX


# The types of the fields. They are named so that a signature shown by an IDE
# reads ``session_number: SessionNumber`` rather than the constraints. Strictness
# is the models' config (see _AwsModel), not part of these types.
AwsId = str
"""An AWS resource or account id, as AWS returns it."""
SessionNumber = Annotated[int, Field(ge=SESSION_NUMBER_MIN, le=SESSION_NUMBER_MAX)]
"""A session number: 1 to 32766."""
PacketLength = Annotated[int, Field(ge=PACKET_LENGTH_MIN, le=PACKET_LENGTH_MAX)]
"""A packet truncation length in bytes: 1 to 8500."""
VirtualNetworkId = Annotated[int, Field(ge=VIRTUAL_NETWORK_ID_MIN, le=VIRTUAL_NETWORK_ID_MAX)]
"""A 24-bit VXLAN network identifier: 0 to 16777215."""
Description = str
"""A free-text description."""
TagKey = Annotated[str, Field(min_length=TAG_KEY_MIN_LENGTH, max_length=TAG_KEY_MAX_LENGTH)]
"""A tag key: 1 to 127 Unicode characters."""
TagValue = Annotated[str, Field(max_length=TAG_VALUE_MAX_LENGTH)]
"""A tag value: 0 to 256 Unicode characters."""


class _AwsModel(
    BaseModel,
    frozen=True,
    strict=True,
    extra="ignore",
    validate_by_name=True,
    validate_by_alias=True,
    serialize_by_alias=False,
    use_attribute_docstrings=True,
    alias_generator=AliasGenerator(validation_alias=to_pascal, serialization_alias=to_pascal),
    revalidate_instances="never",
    hide_input_in_errors=False,
):
    """The one base of every model: the config lives here and nowhere else.

    - frozen: instances are immutable and hashable;
    - strict: no coercion (a str is not an int, a bool is not an int, bytes
      are not a str);
    - ``extra="ignore"``: members AWS adds over time are ignored, not fatal;
    - validation by alias (the boto3 PascalCase shape, ``to_pascal`` of the
      field name) and by field name; dumping ``by_alias`` gives the boto3 shape;
    - field docstrings become field descriptions (shown in schemas, and the
      docstrings themselves are shown on hover by IDEs).

    The config is given as class keywords rather than ``model_config``:
    type checkers read frozenness and strictness from the class keywords
    (pydantic's ``dataclass_transform``; pyrefly and the pydantic mypy plugin
    read ``strict``), and subclasses repeat ``frozen=True`` so that pyright
    sees each model as frozen.

    Recipe for a model, so that every type checker (at its default settings)
    and jedi agree with what runs; ``tests/test_typed_init.py`` checks steps
    3 and 4, and step 2 for tuples, for every subclass of this base (see
    ``TrafficMirrorSession``):

    1. A constrained optional field is ``Optional[Alias]``, not ``Alias | None``:
       jedi infers no type for an ``Annotated`` alias in a ``|`` union.
    2. Strict mode takes only instances for types pydantic would build from a
       value: a tuple field that boto3 fills with a list says so,
       ``tags: tuple[Tag, ...] = Field(default=(), strict=False)`` (not on a
       union: pydantic refuses ``strict`` there, so no ``tuple[...] | None``);
       so would an ``Enum`` or ``ipaddress`` field, on each member of a union
       (``Annotated[IPv4Network, Field(strict=False)] | ...``). Enumerations
       are ``Literal`` types instead, which strict mode reads as AWS sends them.
    3. Declare the constructor type checkers see, under ``if TYPE_CHECKING:``
       (this base's ``__init__`` runs): keyword-only, the fields' names in
       order, their types and defaults. Without it the pydantic mypy plugin
       at its defaults accepts any keyword (``extra="ignore"``) and any value,
       and ty takes a misspelt keyword for a warning only.
    4. In that ``__init__``, under ``if not TYPE_CHECKING:``, each tuple field
       as ``self.<name>: tuple[...]`` followed by its docstring: jedi loses
       the item type of a tuple annotated on a class and reads it from there;
       type checkers skip the unreachable lines, and they never run.

    Then add the model's misuses to ``tests/typing/downstream/negative/`` and
    its use to ``tests/typing/downstream/positive/`` (``scripts/typing-matrix``).

    At run time the constructor refuses a keyword that is neither a field's
    name nor its AWS name, with a ``TypeError`` naming the class, the keyword
    and the accepted names, as a dataclass does: ``extra="ignore"`` is for
    responses, where AWS adds members, not for code that misspells
    ``packet_length``. Responses never go through the constructor:
    ``model_validate`` and the repositories' page validation build instances
    in pydantic's core, so unknown members there are still ignored, and the
    check costs the listing path nothing.
    """

    if not TYPE_CHECKING:
        # Hidden from type checkers: each model declares its typed constructor.

        def __init__(self, /, **data):
            accepted = _accepted_keywords(type(self))
            if not data.keys() <= accepted:
                raise TypeError(_unexpected_keywords(type(self), data.keys() - accepted))
            super().__init__(**data)

        # pydantic calls a model's own __init__ from validation (model_validate,
        # the listing's pages) unless it is marked as the base one, as pydantic
        # marks BaseModel.__init__ and RootModel.__init__; this one only adds a
        # check of the keywords, so it is marked too and validation skips it.
        __init__.__pydantic_base_init__ = True


_ACCEPTED_KEYWORDS: dict[type[BaseModel], frozenset[str]] = {}


def _accepted_keywords(cls: type[BaseModel]) -> frozenset[str]:
    """The keywords a model's constructor takes: its fields' names and their AWS names."""
    accepted = _ACCEPTED_KEYWORDS.get(cls)
    if accepted is None:
        names: set[str] = set()
        for name, field in cls.model_fields.items():
            names.add(name)
            if isinstance(field.validation_alias, str):
                names.add(field.validation_alias)
            if field.alias is not None:
                names.add(field.alias)
        accepted = _ACCEPTED_KEYWORDS[cls] = frozenset(names)
    return accepted


def _unexpected_keywords(cls: type[BaseModel], unexpected: Iterable[str]) -> str:
    """``Tag() got an unexpected keyword argument 'kee' (did you mean 'key'?); ...``."""
    names = sorted(unexpected)
    fields = list(cls.model_fields)
    aws_names = [
        field.validation_alias
        for field in cls.model_fields.values()
        if isinstance(field.validation_alias, str)
    ]
    if len(names) == 1:
        (name,) = names
        message = f"{cls.__name__}() got an unexpected keyword argument {name!r}"
        close = difflib.get_close_matches(name, fields + aws_names, n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    else:
        listed = ", ".join(repr(name) for name in names)
        message = f"{cls.__name__}() got unexpected keyword arguments {listed}"
    return f"{message}; it takes {', '.join(fields) or 'no arguments'}" + (
        f" (or the AWS names {', '.join(aws_names)})" if aws_names else ""
    )


class Tag(_AwsModel, frozen=True):
    """A tag on a Traffic Mirror resource: ``Tag(key="Name", value="web-mirror")``.

    ``key``: 1 to 127 Unicode characters, case-sensitive (AWS member ``Key``).
    ``value``: 0 to 256 Unicode characters (AWS member ``Value``).

    Tags read from AWS may carry keys reserved to AWS (``aws:...``, for example
    ``aws:cloudformation:stack-name``); the SDK accepts them when reading and
    refuses them in anything it would send.
    """

    key: TagKey
    """The tag key: 1 to 127 Unicode characters, case-sensitive (AWS member ``Key``)."""

    value: TagValue
    """The tag value: 0 to 256 Unicode characters (AWS member ``Value``)."""

    @property
    def is_aws_reserved(self) -> bool:
        """Whether the key begins with ``aws:`` (any letter case), a prefix reserved to AWS."""
        return is_reserved_tag_key(self.key)

    if TYPE_CHECKING:
        # What type checkers see; the base's __init__ runs (see _AwsModel).
        def __init__(self, *, key: TagKey, value: TagValue) -> None: ...


class TaggedModel(_AwsModel, frozen=True):
    """The base of every tagged resource: what its ``tags`` field means, written once.

    Each resource declares its own ``tags`` field, ``tuple[Tag, ...]`` with
    ``Field(default=(), strict=False)`` and its own docstring; this base
    checks that the keys are unique, dumps the tags as the list boto3 gives,
    and reads them (`tag_value`, `tag_map`).
    """

    @field_validator("tags", check_fields=False)
    @classmethod
    def _tag_keys_unique(cls, tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
        # Runs for every item of every page: the common case returns at once.
        if len(tags) < 2 or len({tag.key for tag in tags}) == len(tags):
            return tags
        seen: set[str] = set()
        duplicates: list[str] = []
        for tag in tags:
            if tag.key in seen and tag.key not in duplicates:
                duplicates.append(tag.key)
            seen.add(tag.key)
        raise ValueError(f"tag keys must be unique, but {duplicates!r} appear more than once")

    @field_serializer("tags", mode="wrap", check_fields=False)
    def _tags_as_list(
        self, tags: tuple[Tag, ...], handler: SerializerFunctionWrapHandler
    ) -> list[Any]:
        # boto3 gives lists; dumping gives lists back so the round trip is exact.
        return list(handler(tags))

    def tag_value(self, key: str) -> str | None:
        """The value of the tag with this key (case-sensitive), or ``None`` when there is none."""
        tags: tuple[Tag, ...] = getattr(self, "tags", ())
        for tag in tags:
            if tag.key == key:
                return tag.value
        return None

    @property
    def tag_map(self) -> Mapping[str, str]:
        """The tags as a read-only mapping of key to value, in the order AWS returned them."""
        tags: tuple[Tag, ...] = getattr(self, "tags", ())
        return MappingProxyType({tag.key: tag.value for tag in tags})


class AwsModel(_AwsModel, frozen=True):
    """The shared base, for the models of the resource modules that carry no tags."""


def tuple_as_list(values: tuple[Any, ...], handler: SerializerFunctionWrapHandler) -> list[Any]:
    """Dump a tuple field as the list boto3 gives (for ``field_serializer(mode="wrap")``)."""
    return list(handler(values))


class UnknownValue(str):
    """A value of an AWS enumeration that this release of the SDK does not know yet.

    AWS adds values to its enumerations over time (a new target type, say).
    Enumerated fields are typed ``Literal[...] | UnknownValue``: a known value
    is the plain string, and any other string AWS sends becomes an
    ``UnknownValue`` (a ``str`` subclass, equal to the string) instead of
    failing the listing. A type checker makes code that narrows on the known
    values handle the rest too; ``model_dump`` gives the plain string back, so
    the round trip stays exact; and an ``UnknownValue`` read from AWS may be
    passed back to AWS where the SDK takes the enumeration (a plain string the
    SDK does not know is refused there, as a typo).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"UnknownValue({str.__repr__(self)})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Listed after the Literal in each union: pydantic's smart union keeps
        # a known value as the Literal string, and only the rest land here.
        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.str_schema(strict=True),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )
