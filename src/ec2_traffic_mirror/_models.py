"""The validated, immutable domain models: `Tag` and `TrafficMirrorSession`.

Attributes are the AWS member names in snake_case. Validation accepts the
PascalCase shape boto3 returns (and the snake_case names), and
``model_dump(by_alias=True)`` gives the boto3 shape back. The ranges are the
API's own (see the botocore service model and the EC2 API reference); the
constants below are the single place they are written down, and the query and
write paths import them from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Final, Optional

from pydantic import (
    AliasGenerator,
    BaseModel,
    Field,
    SerializerFunctionWrapHandler,
    field_serializer,
    field_validator,
)
from pydantic.alias_generators import to_pascal

__all__ = [
    "MAX_TAGS_PER_RESOURCE",
    "PACKET_LENGTH_MAX",
    "PACKET_LENGTH_MIN",
    "RESERVED_TAG_KEY_PREFIX",
    "SESSION_NUMBER_MAX",
    "SESSION_NUMBER_MIN",
    "TAG_KEY_MAX_LENGTH",
    "TAG_KEY_MIN_LENGTH",
    "TAG_VALUE_MAX_LENGTH",
    "VIRTUAL_NETWORK_ID_MAX",
    "VIRTUAL_NETWORK_ID_MIN",
    "Tag",
    "TrafficMirrorSession",
    "is_reserved_tag_key",
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
       (pydantic's own ``__init__`` runs): keyword-only, the fields' names in
       order, their types and defaults. Without it the pydantic mypy plugin
       at its defaults accepts any keyword (``extra="ignore"``) and any value,
       and ty takes a misspelt keyword for a warning only.
    4. In that ``__init__``, under ``if not TYPE_CHECKING:``, each tuple field
       as ``self.<name>: tuple[...]`` followed by its docstring: jedi loses
       the item type of a tuple annotated on a class and reads it from there;
       type checkers skip the unreachable lines, and they never run.

    Then add the model's misuses to ``tests/typing/downstream/negative/`` and
    its use to ``tests/typing/downstream/positive/`` (``scripts/typing-matrix``).
    """


class Tag(_AwsModel, frozen=True):
    """A tag on a Traffic Mirror session: ``Tag(key="Name", value="web-mirror")``.

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
        # What type checkers see; pydantic's own __init__ runs (see _AwsModel).
        def __init__(self, *, key: TagKey, value: TagValue) -> None: ...


class TrafficMirrorSession(_AwsModel, frozen=True):
    """One Traffic Mirror session, as ``DescribeTrafficMirrorSessions`` returns it.

    Required: ``traffic_mirror_session_id``, ``traffic_mirror_target_id``,
    ``traffic_mirror_filter_id``, ``network_interface_id``, ``owner_id`` and
    ``session_number`` (1 to 32766). Optional: ``packet_length`` (1 to 8500;
    ``None`` mirrors the whole packet), ``virtual_network_id`` (0 to 16777215),
    ``description`` and ``tags`` (unique keys).

    Build one from a boto3 response item with ``TrafficMirrorSession.model_validate(item)``;
    ``model_dump(by_alias=True, exclude_none=True)`` gives the item back.
    """

    traffic_mirror_session_id: AwsId
    """The ID of the Traffic Mirror session (``tms-...``; AWS member ``TrafficMirrorSessionId``)."""

    traffic_mirror_target_id: AwsId
    """The ID of the Traffic Mirror target that receives the mirrored traffic (``tmt-...``)."""

    traffic_mirror_filter_id: AwsId
    """The ID of the Traffic Mirror filter that selects the mirrored traffic (``tmf-...``)."""

    network_interface_id: AwsId
    """The ID of the network interface whose traffic is mirrored, the source (``eni-...``)."""

    owner_id: AwsId
    """The ID of the AWS account that owns the Traffic Mirror session."""

    session_number: SessionNumber
    """The session number, 1 to 32766: among sessions on one interface, lower numbers go first."""

    packet_length: Optional[PacketLength] = None  # noqa: UP045 (jedi: see _AwsModel)
    """Bytes of each packet to mirror, 1 to 8500; ``None`` means the whole packet is mirrored."""

    virtual_network_id: Optional[VirtualNetworkId] = None  # noqa: UP045
    """The VXLAN network identifier (VNI) of the mirrored traffic, 0 to 16777215."""

    description: Description | None = None
    """The description of the Traffic Mirror session, if it has one."""

    tags: tuple[Tag, ...] = Field(default=(), strict=False)
    """The tags on the session, in the order AWS returned them; keys are unique."""

    @field_validator("tags")
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
        if duplicates:
            raise ValueError(f"tag keys must be unique, but {duplicates!r} appear more than once")
        return tags

    @field_serializer("tags", mode="wrap")
    def _tags_as_list(
        self, tags: tuple[Tag, ...], handler: SerializerFunctionWrapHandler
    ) -> list[Any]:
        # boto3 gives lists; dumping gives lists back so the round trip is exact.
        return list(handler(tags))

    def tag_value(self, key: str) -> str | None:
        """The value of the tag with this key (case-sensitive), or ``None`` when there is none."""
        for tag in self.tags:
            if tag.key == key:
                return tag.value
        return None

    @property
    def tag_map(self) -> Mapping[str, str]:
        """The tags as a read-only mapping of key to value, in the order AWS returned them."""
        return MappingProxyType({tag.key: tag.value for tag in self.tags})

    @property
    def mirrors_whole_packet(self) -> bool:
        """Whether whole packets are mirrored (no ``packet_length`` truncation)."""
        return self.packet_length is None

    if TYPE_CHECKING:
        # What type checkers see; pydantic's own __init__ runs (see _AwsModel).
        def __init__(
            self,
            *,
            traffic_mirror_session_id: AwsId,
            traffic_mirror_target_id: AwsId,
            traffic_mirror_filter_id: AwsId,
            network_interface_id: AwsId,
            owner_id: AwsId,
            session_number: SessionNumber,
            packet_length: PacketLength | None = None,
            virtual_network_id: VirtualNetworkId | None = None,
            description: Description | None = None,
            tags: tuple[Tag, ...] = (),
        ) -> None:
            if not TYPE_CHECKING:  # read by jedi only (see _AwsModel)
                self.tags: tuple[Tag, ...]
                """The tags on the session, in the order AWS returned them; keys are unique."""
