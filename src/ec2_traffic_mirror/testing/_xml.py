"""A small, fast EC2-protocol XML serializer for the fake's answers.

moto's generic serializer costs about 1.6 ms per session item; this one walks
botocore's own output shape of the operation (the same model the client parses
with), so the member names are exactly the API's, at a small fraction of the cost.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from typing import cast
from xml.sax.saxutils import escape

import botocore.session
from botocore.model import ListShape, OperationModel, ServiceModel, Shape, StructureShape

__all__ = ["error_xml", "query_error_xml", "result_xml"]

_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"


@functools.lru_cache(maxsize=1)
def _service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("ec2")


@functools.cache
def _operation(name: str) -> OperationModel:
    return _service_model().operation_model(name)


def _tag(member_name: str, shape: Shape) -> str:
    # EC2's wire names are the members' locationName (``trafficMirrorSessionSet``).
    location = shape.serialization.get("name")
    if isinstance(location, str) and location:
        return location
    return member_name[:1].lower() + member_name[1:]


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _value(parts: list[str], shape: Shape, value: object) -> None:
    if isinstance(shape, StructureShape) and isinstance(value, Mapping):
        members = cast("Mapping[str, object]", value)
        for name, member_shape in shape.members.items():
            if name in members and members[name] is not None:
                tag = _tag(name, member_shape)
                parts.append(f"<{tag}>")
                _value(parts, member_shape, members[name])
                parts.append(f"</{tag}>")
    elif isinstance(shape, ListShape) and isinstance(value, list):
        for item in cast("list[object]", value):
            parts.append("<item>")
            _value(parts, shape.member, item)
            parts.append("</item>")
    else:
        # A wrong-typed value (from serve_invalid_item) goes out as text, as-is.
        parts.append(_scalar(value))


def result_xml(operation: str, body: Mapping[str, object]) -> str:
    """The EC2 XML answer of ``operation`` with these response members."""
    output = _operation(operation).output_shape
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<{operation}Response xmlns="{_NAMESPACE}">',
        f"<requestId>{uuid.uuid4()}</requestId>",
    ]
    if output is not None:
        _value(parts, output, body)
    parts.append(f"</{operation}Response>")
    return "".join(parts)


def error_xml(code: str, message: str) -> str:
    """The EC2 XML error answer."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Response><Errors><Error><Code>{escape(code)}</Code>"
        f"<Message>{escape(message)}</Message></Error></Errors>"
        f"<RequestID>{uuid.uuid4()}</RequestID></Response>"
    )


def query_error_xml(code: str, message: str, namespace: str) -> str:
    """The error answer of a query-protocol service (STS): ``ErrorResponse``, a sender fault."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ErrorResponse xmlns="{escape(namespace)}"><Error><Type>Sender</Type>'
        f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
        f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
    )
