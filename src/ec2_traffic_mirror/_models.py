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
from typing import Annotated, Any, Final

from pydantic import (
    BaseModel,
    Field,
    SerializerFunctionWrapHandler,
    field_serializer,
    field_validator,
)

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


class _AwsModel(
    BaseModel,
    frozen=True,
    extra="ignore",
    validate_by_name=True,
    validate_by_alias=True,
    serialize_by_alias=False,
    use_attribute_docstrings=True,
    revalidate_instances="never",
    hide_input_in_errors=False,
):
    """The one base of every model: the config lives here and nowhere else.

    - frozen: instances are immutable and hashable;
    - ``extra="ignore"``: members AWS adds over time are ignored, not fatal;
    - validation by alias (the boto3 PascalCase shape) and by field name;
    - field docstrings become field descriptions (shown in schemas, and the
      docstrings themselves are shown on hover by IDEs).

    The config is given as class keywords rather than ``model_config``:
    type checkers read frozenness from the class keyword (pydantic's
    ``dataclass_transform``), and subclasses repeat ``frozen=True`` so that
    pyright sees each model as frozen.
    """


class Tag(_AwsModel, frozen=True):
    """A tag on a Traffic Mirror session: a key and a value.

    Tags read from AWS may carry keys reserved to AWS (``aws:...``, for example
    ``aws:cloudformation:stack-name``); the SDK accepts them when reading and
    refuses them in anything it would send.
    """

    key: Annotated[
        str,
        Field(
            strict=True,
            min_length=TAG_KEY_MIN_LENGTH,
            max_length=TAG_KEY_MAX_LENGTH,
            validation_alias="Key",
            serialization_alias="Key",
        ),
    ]
    """The tag key: 1 to 127 Unicode characters, case-sensitive (AWS member ``Key``)."""

    value: Annotated[
        str,
        Field(
            strict=True,
            max_length=TAG_VALUE_MAX_LENGTH,
            validation_alias="Value",
            serialization_alias="Value",
        ),
    ]
    """The tag value: 0 to 256 Unicode characters (AWS member ``Value``)."""

    @property
    def is_aws_reserved(self) -> bool:
        """Whether the key begins with ``aws:`` (any letter case), a prefix reserved to AWS."""
        return self.key[: len(RESERVED_TAG_KEY_PREFIX)].lower() == RESERVED_TAG_KEY_PREFIX


class TrafficMirrorSession(_AwsModel, frozen=True):
    """One Traffic Mirror session, as ``DescribeTrafficMirrorSessions`` returns it.

    Build one from a boto3 response item with ``TrafficMirrorSession.model_validate(item)``;
    ``model_dump(by_alias=True, exclude_none=True)`` gives the item back.
    """

    traffic_mirror_session_id: Annotated[
        str,
        Field(
            strict=True,
            validation_alias="TrafficMirrorSessionId",
            serialization_alias="TrafficMirrorSessionId",
        ),
    ]
    """The ID of the Traffic Mirror session (``tms-...``; AWS member ``TrafficMirrorSessionId``)."""

    traffic_mirror_target_id: Annotated[
        str,
        Field(
            strict=True,
            validation_alias="TrafficMirrorTargetId",
            serialization_alias="TrafficMirrorTargetId",
        ),
    ]
    """The ID of the Traffic Mirror target that receives the mirrored traffic (``tmt-...``)."""

    traffic_mirror_filter_id: Annotated[
        str,
        Field(
            strict=True,
            validation_alias="TrafficMirrorFilterId",
            serialization_alias="TrafficMirrorFilterId",
        ),
    ]
    """The ID of the Traffic Mirror filter that selects the mirrored traffic (``tmf-...``)."""

    network_interface_id: Annotated[
        str,
        Field(
            strict=True,
            validation_alias="NetworkInterfaceId",
            serialization_alias="NetworkInterfaceId",
        ),
    ]
    """The ID of the network interface whose traffic is mirrored, the source (``eni-...``)."""

    owner_id: Annotated[
        str,
        Field(strict=True, validation_alias="OwnerId", serialization_alias="OwnerId"),
    ]
    """The ID of the AWS account that owns the Traffic Mirror session."""

    session_number: Annotated[
        int,
        Field(
            strict=True,
            ge=SESSION_NUMBER_MIN,
            le=SESSION_NUMBER_MAX,
            validation_alias="SessionNumber",
            serialization_alias="SessionNumber",
        ),
    ]
    """The session number, 1 to 32766: among sessions on one interface, lower numbers go first."""

    packet_length: Annotated[
        int | None,
        Field(
            strict=True,
            ge=PACKET_LENGTH_MIN,
            le=PACKET_LENGTH_MAX,
            validation_alias="PacketLength",
            serialization_alias="PacketLength",
        ),
    ] = None
    """Bytes of each packet to mirror, 1 to 8500; ``None`` means the whole packet is mirrored."""

    virtual_network_id: Annotated[
        int | None,
        Field(
            strict=True,
            ge=VIRTUAL_NETWORK_ID_MIN,
            le=VIRTUAL_NETWORK_ID_MAX,
            validation_alias="VirtualNetworkId",
            serialization_alias="VirtualNetworkId",
        ),
    ] = None
    """The VXLAN network identifier (VNI) of the mirrored traffic, 0 to 16777215."""

    description: Annotated[
        str | None,
        Field(strict=True, validation_alias="Description", serialization_alias="Description"),
    ] = None
    """The description of the Traffic Mirror session, if it has one."""

    tags: Annotated[
        tuple[Tag, ...],
        Field(validation_alias="Tags", serialization_alias="Tags"),
    ] = ()
    """The tags on the session, in the order AWS returned them; keys are unique."""

    @field_validator("tags")
    @classmethod
    def _tag_keys_unique(cls, tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
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
