"""A fast parser of the SDK's own Describe answers, exactly as botocore parses them.

botocore parses every EC2 answer with ``EC2QueryParser`` (``botocore/parsers.py``),
a generic walker that asks the service model about every element it meets; for
a page of 1,000 sessions that costs more than everything else the SDK does. For
the four Describe calls of Traffic Mirroring (`FAST_PARSED_OPERATIONS`) this
module compiles, once per operation of a client's service model, a plan from
the same model (each member's XML name, type and place) and walks the same
ElementTree with it into the data ``EC2QueryParser`` gives for the same bytes:
the same values, the same dict key order, the same ``ResponseMetadata``. The
sequences of child elements an answer repeats (its items) get a small
compiled reader each; tags, the commonest structure, a direct path. The
cyclic garbage collector is off while one answer's tree is built and walked.

How it plugs in, through botocore's documented ``before-parse`` event only:
botocore emits ``before-parse`` with the answer (``response_dict``) and an
empty ``customized_response_dict``, runs its parser on ``response_dict``, then
updates the parsed dict with ``customized_response_dict``. The handler parses
the body itself, puts the output members into ``customized_response_dict``
and hands botocore's parser a tiny stand-in body instead: one empty element per
output member present (so botocore's dict has the members in botocore's own
order, then ``ResponseMetadata``) and the same ``requestId``. botocore still
builds ``ResponseMetadata`` itself (``RequestId``, ``HTTPStatusCode``,
``HTTPHeaders``, and whatever later versions add there), the endpoint adds
``RetryAttempts`` after it as always, and ``response-received`` handlers still
get the real body (botocore rebuilds it from the HTTP response). The handler
is registered last on ``before-parse`` itself, so it runs after every other
``before-parse`` handler of the client: those see the real body.

It steps aside (botocore parses the answer as usual) for anything else: other
operations, status codes outside 200-299, a body that is not bytes, malformed
XML, a root element or namespace it does not expect, an unknown element with
children, an element named like a member but in another namespace, a member
element given twice, a value botocore would fail to convert, a member type it
does not compile (timestamps, blobs, maps, unions, ...: present in none of the
four answers today), another handler's ``customized_response_dict`` entries,
and while botocore's parser logs at DEBUG level (its log then shows the real
body). Installing is per client (every botocore client has its own copy of
its session's event emitter) and idempotent (one ``unique_id``).
"""

from __future__ import annotations

import gc
import logging
import re
import weakref
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any, Final, cast

from ec2_traffic_mirror._errors import QueryError

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeAlias
    from xml.etree.ElementTree import Element

    from botocore.model import ListShape, OperationModel, Shape, StructureShape
    from mypy_boto3_ec2 import EC2Client

__all__ = [
    "FAST_PARSED_OPERATIONS",
    "fast_parse",
    "install_fast_parser",
    "try_install_fast_parser",
    "uninstall_fast_parser",
]

FAST_PARSED_OPERATIONS: Final = frozenset(
    {
        "DescribeTrafficMirrorSessions",
        "DescribeTrafficMirrorTargets",
        "DescribeTrafficMirrorFilters",
        "DescribeTrafficMirrorFilterRules",
    }
)
"""The operations whose successful answers the fast parser parses (when the model has them)."""

_EVENT: Final = "before-parse"
_UNIQUE_ID: Final = "ec2_traffic_mirror.fast-parser"

# botocore's parser logs the body it parses at DEBUG: while it does, the real
# body goes to it, so the log shows what AWS sent.
_BOTOCORE_PARSER_LOG: Final = logging.getLogger("botocore.parsers")
_LOG: Final = logging.getLogger("ec2_traffic_mirror")

# How botocore turns a tag into the name it looks up: everything from the
# first "{" to the last "}" removed (BaseXMLResponseParser._node_tag).
_NAMESPACE_RE: Final = re.compile("{.*}")
# Member names the plans handle: plain XML names without a prefix.
_SIMPLE_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
# botocore skips members with these locations when parsing the body.
_KNOWN_LOCATIONS: Final = frozenset({"header", "headers", "statusCode"})

# What a value is, for the walk. Plain ints: compared on every element.
_STRING: Final = 0
_STRUCTURE: Final = 1
_LIST: Final = 2
_INTEGER: Final = 3
_BOOLEAN: Final = 4
_FLOAT: Final = 5
_REQUEST_ID: Final = 6
_UNSUPPORTED: Final = 7

_SCALARS: Final = {
    "string": _STRING,
    "character": _STRING,
    "integer": _INTEGER,
    "long": _INTEGER,
    "boolean": _BOOLEAN,
    "float": _FLOAT,
    "double": _FLOAT,
}

# The key the root's requestId is kept under while walking: no member is
# named with a space.
_REQUEST_ID_KEY: Final = " requestId"


class _FallbackError(Exception):
    """The answer is not one the plan recognises: botocore parses it instead."""


class _Structure:
    """The plan of a structure in one namespace: its members by full tag, and their order."""

    __slots__ = ("local_names", "members", "order", "pair", "row_count", "rows")

    def __init__(self) -> None:
        # The plan is Any here: the walk reads it on every element, where a
        # typing.cast (a call) would cost more than the rest of the step.
        self.members: dict[str, tuple[int, str, int, Any]] = {}
        """Full tag (``{namespace}name``) to (position, member name, kind, plan)."""
        self.order: tuple[str, ...] = ()
        """The member names in the model's order (botocore's key order)."""
        self.local_names: frozenset[str] = frozenset()
        """The members' XML names: an unknown tag with one of them is another namespace."""
        self.pair: tuple[str, str, str, str] | None = None
        """(tag, name, tag, name) of a structure of exactly two strings (a tag):
        the common form of those, two children in order, is read without a loop."""
        self.rows: dict[int, list[_Row]] = {}
        """Compiled readers of the child sequences met so far, by number of children."""
        self.row_count = 0
        """How many rows were compiled (threads sharing a client may add a few at once)."""


class _List:
    """The plan of a (not flattened) list: the kind and plan of its items."""

    __slots__ = ("item", "kind")

    def __init__(self, kind: int, item: _Plan) -> None:
        self.kind = kind
        self.item: Any = item  # Any: read in the walk, where a cast would cost a call


_Plan = _Structure | _List | None
if TYPE_CHECKING:
    _Row: TypeAlias = Callable[[Element], dict[str, Any] | None]
    """A structure read from one exact sequence of child tags, or ``None`` for another one."""


class _Operation:
    """The plan of one operation's answer."""

    __slots__ = ("placeholders", "roots", "stub_name")

    def __init__(
        self, roots: dict[str, _Structure], placeholders: dict[str, bytes], stub_name: bytes
    ) -> None:
        self.roots = roots
        """The root element's full tag to the plan of the answer in its namespace."""
        self.placeholders = placeholders
        """Per top-level member, the stand-in element botocore parses for it."""
        self.stub_name = stub_name


# -- compiling ----------------------------------------------------------------


def _member_key_name(shape: Shape, member_name: str) -> str:
    """The XML name botocore looks a member up by (``_member_key_name`` in parsers.py)."""
    if shape.type_name == "list" and shape.serialization.get("flattened"):
        item_name = cast("ListShape", shape).member.serialization.get("name")
        if item_name is not None:
            return str(item_name)
    name = shape.serialization.get("name")
    return member_name if name is None else str(name)


def _compile_value(
    shape: Shape, namespace: str, memo: dict[str, _Structure | None]
) -> tuple[int, _Plan]:
    """The kind and plan of a value of ``shape``; `_UNSUPPORTED` where botocore is odd."""
    type_name = shape.type_name
    scalar = _SCALARS.get(type_name)
    if scalar is not None:
        return scalar, None
    if type_name == "structure":
        plan = _compile_structure(cast("StructureShape", shape), namespace, memo)
        return (_UNSUPPORTED, None) if plan is None else (_STRUCTURE, plan)
    if type_name == "list" and not shape.serialization.get("flattened"):
        kind, item = _compile_value(cast("ListShape", shape).member, namespace, memo)
        return _LIST, _List(kind, item)
    # Flattened lists, maps, timestamps (the client's timestamp parser), blobs,
    # and types botocore hands back unparsed: left to botocore.
    return _UNSUPPORTED, None


def _compile_structure(
    shape: StructureShape, namespace: str, memo: dict[str, _Structure | None]
) -> _Structure | None:
    """The plan of a structure, or ``None`` when botocore treats it specially."""
    if shape.name in memo:  # also a structure that contains itself
        return memo[shape.name]
    members = shape.members
    if (
        shape.is_tagged_union
        or shape.metadata.get("exception")
        or any(member.serialization.get("xmlAttribute") for member in members.values())
    ):
        memo[shape.name] = None
        return None
    plan = _Structure()
    memo[shape.name] = plan
    order: list[str] = []
    local_names: set[str] = set()
    for name, member in members.items():
        serialization = member.serialization
        if serialization.get("location") in _KNOWN_LOCATIONS or serialization.get("eventheader"):
            continue  # botocore does not look for these in the body
        key = _member_key_name(member, name)
        if not _SIMPLE_NAME_RE.match(key) or key in local_names or " " in name:
            memo[shape.name] = None
            return None
        kind, value_plan = _compile_value(member, namespace, memo)
        plan.members[f"{{{namespace}}}{key}"] = (len(order), name, kind, value_plan)
        order.append(name)
        local_names.add(key)
    plan.order = tuple(order)
    plan.local_names = frozenset(local_names)
    entries = list(plan.members.items())
    if len(entries) == 2 and all(kind == _STRING for _, (_, _, kind, _) in entries):
        (first_tag, (_, first, _, _)), (second_tag, (_, second, _, _)) = entries
        plan.pair = (first_tag, first, second_tag, second)
    return plan


def _namespaces(operation_model: OperationModel) -> tuple[str, ...]:
    """The service's XML namespace, with and without the trailing slash (AWS and moto differ)."""
    namespace = operation_model.service_model.metadata.get("xmlNamespace")
    if not isinstance(namespace, str) or not namespace.strip("/"):
        return ()
    bare = namespace.rstrip("/")
    return (bare, bare + "/")


def _compile(operation_model: OperationModel) -> _Operation | None:
    """The plan of an operation's answer, or ``None`` when botocore must parse it."""
    service_model = operation_model.service_model
    protocol = getattr(service_model, "resolved_protocol", None) or service_model.protocol
    output = operation_model.output_shape
    namespaces = _namespaces(operation_model)
    if (
        protocol != "ec2"
        or output is None
        or output.type_name != "structure"
        or "resultWrapper" in output.serialization
        or not namespaces
    ):
        return None
    root_name = f"{operation_model.name}Response"
    roots: dict[str, _Structure] = {}
    for namespace in namespaces:
        # One plan per namespace: every tag of an answer is in its root's
        # namespace, so the walk compares whole tags.
        root = _compile_structure(output, namespace, {})
        if root is None or "requestId" in root.local_names:
            return None
        # The requestId beside the members, walked like one (a repeat falls back).
        tag = f"{{{namespace}}}requestId"
        root.members[tag] = (len(root.order), _REQUEST_ID_KEY, _REQUEST_ID, None)
        root.order = (*root.order, _REQUEST_ID_KEY)
        root.local_names = root.local_names | {"requestId"}
        roots[f"{{{namespace}}}{root_name}"] = root
    placeholders: dict[str, bytes] = {}
    for name, (_, member_name, kind, _) in next(iter(roots.values())).members.items():
        key = _NAMESPACE_RE.sub("", name).encode("ascii")
        # An element botocore parses without error into the member's key.
        if kind in (_INTEGER, _FLOAT):
            placeholders[member_name] = b"<" + key + b">0</" + key + b">"
        else:
            placeholders[member_name] = b"<" + key + b"/>"
    return _Operation(roots, placeholders, root_name.encode("ascii"))


_PLANS: Final[weakref.WeakKeyDictionary[OperationModel, _Operation | None]] = (
    weakref.WeakKeyDictionary()
)


def _plan(operation_model: OperationModel) -> _Operation | None:
    # Keyed by the operation model: every client has its own service model, so
    # the plan always matches the model its client parses with.
    try:
        return _PLANS[operation_model]
    except KeyError:
        plan = _compile(operation_model) if operation_model.name in FAST_PARSED_OPERATIONS else None
        _PLANS[operation_model] = plan
        return plan


# -- walking ------------------------------------------------------------------


def _structure(node: Element, plan: _Structure) -> dict[str, Any]:
    """A structure, as ``BaseXMLResponseParser._handle_structure`` builds it.

    Through a compiled row when the node's children are a sequence met before
    (items of one answer mostly are), else through `_walk`.
    """
    rows = plan.rows.get(len(node))
    if rows is not None:
        for row in rows:
            out = row(node)
            if out is not None:
                return out
    return _walk(node, plan)


def _walk(node: Element, plan: _Structure) -> dict[str, Any]:
    """`_structure` one child at a time; learns a row for a sequence of known members.

    The hot loop: strings and integers are converted inline (a call per
    element would cost as much as the rest of the step).
    """
    out: dict[str, Any] = {}
    get = plan.members.get
    top = -1
    unordered = False
    plain = True  # only members, each once: a sequence a row can read
    for child in node:
        entry = get(child.tag)
        if entry is None:
            _unknown(child, plan)
            plain = False
            continue
        position, name, kind, sub = entry
        if position > top:
            top = position
        elif name in out:
            raise _FallbackError  # a repeated member: botocore gathers repeats oddly
        else:
            unordered = True
        if kind == _STRING:
            out[name] = child.text or ""
        elif kind == _INTEGER:
            # botocore's int("") and int("x") raise: so does this (and falls back)
            out[name] = int(child.text or "")
        elif kind == _LIST:
            out[name] = _list(child, sub)
        elif kind == _STRUCTURE:
            out[name] = _structure(child, sub)
        else:
            out[name] = _scalar(kind, child)
            if kind not in _ROW_EXPRESSIONS:
                plain = False
    if unordered:
        out = {name: out[name] for name in plan.order if name in out}
    if plain and plan.row_count < _MAX_ROWS:
        plan.row_count += 1
        tags = tuple(child.tag for child in node)
        plan.rows.setdefault(len(tags), []).append(_compile_row(plan, tags))
    return out


_MAX_ROWS: Final = 32
"""The most rows compiled per structure (an answer's items come in a few sequences)."""

# What a row computes for a child ``c`` of each kind (``p``: the kind's plan).
_ROW_EXPRESSIONS: Final = {
    _STRING: "{c}.text or ''",
    _INTEGER: "int({c}.text or '')",
    _BOOLEAN: "{c}.text == 'true'",
    _FLOAT: "float({c}.text or '')",
    _LIST: "_list({c}, {p})",
    _STRUCTURE: "_structure({c}, {p})",
}


def _compile_row(plan: _Structure, tags: tuple[str, ...]) -> _Row:
    """A function reading a node whose children have exactly these tags (all members).

    Generated once per sequence, like the decoders of msgspec or smithy's
    ``de_*`` functions: unpack the children, check every tag, build the dict
    in the model's order (botocore's key order, whatever the XML order). The
    source holds only generated names; tags, member names and plans are
    passed in its namespace, never written into it.
    """
    namespace: dict[str, Any] = {"_list": _list, "_structure": _structure, "_pairs": _pairs}
    if not tags:
        source = "def row(node):\n    return {}\n"
    else:
        children = "".join(f"c{index}, " for index in range(len(tags)))
        checks = " or ".join(f"c{index}.tag != t{index}" for index in range(len(tags)))
        members: list[tuple[int, str]] = []
        for index, tag in enumerate(tags):
            position, name, kind, sub = plan.members[tag]
            expression = _ROW_EXPRESSIONS[kind]
            if kind == _LIST and sub.kind == _STRUCTURE and sub.item.pair is not None:
                expression, sub = "_pairs({c}, {p})", sub.item  # tags: straight to their path
            namespace.update({f"t{index}": tag, f"n{index}": name, f"p{index}": sub})
            value = expression.format(c=f"c{index}", p=f"p{index}")
            members.append((position, f"n{index}: {value}"))
        built = ", ".join(member for _, member in sorted(members))
        source = (
            f"def row(node):\n    {children}= node\n"
            f"    if {checks}:\n        return None\n    return {{{built}}}\n"
        )
    exec(compile(source, "<ec2_traffic_mirror row>", "exec"), namespace)
    row: _Row = namespace["row"]
    return row


def _unknown(child: Element, plan: _Structure) -> None:
    """Step over an element the plan does not know, as botocore does, or fall back.

    botocore ignores elements that are not members. One with children may be
    a member this plan's model does not know yet; one named like a member but
    in another namespace is that member to botocore, which drops namespaces.
    """
    if len(child) or _NAMESPACE_RE.sub("", child.tag) in plan.local_names:
        raise _FallbackError


def _list(node: Element, plan: _List) -> list[Any]:
    """A list, as ``ResponseParser._handle_list``: every child is an item, whatever its tag."""
    kind = plan.kind
    if kind == _STRUCTURE:
        item: _Structure = plan.item
        if item.pair is not None:
            return _pairs(node, item)
        return [_structure(child, item) for child in node]
    if kind == _STRING:
        return [child.text or "" for child in node]
    if kind == _LIST:
        inner = plan.item
        return [_list(child, inner) for child in node]
    return [_scalar(kind, child) for child in node]


def _pairs(node: Element, plan: _Structure) -> list[dict[str, Any]]:
    """A list of structures of two strings (tags): the usual form read directly.

    Every tag AWS sends is its two members in order; anything else goes
    through `_structure`.
    """
    assert plan.pair is not None
    first_tag, first_name, second_tag, second_name = plan.pair
    items: list[dict[str, Any]] = []
    for element in node:
        if len(element) == 2:
            first, second = element
            if first.tag == first_tag and second.tag == second_tag:
                items.append({first_name: first.text or "", second_name: second.text or ""})
                continue
        items.append(_structure(element, plan))
    return items


def _scalar(kind: int, node: Element) -> Any:
    """A scalar that is neither a string nor an integer, converted as botocore converts it."""
    text = node.text
    if kind == _BOOLEAN:
        return text == "true"
    if kind == _FLOAT:
        return float(text or "")
    if kind == _REQUEST_ID:
        return text  # EC2QueryParser takes requestId's text as it is, even None
    if kind == _INTEGER:
        return int(text or "")
    raise _FallbackError


def _escape_text(text: str) -> bytes:
    # Every character as a character reference, except letters, digits and
    # "-": exact for any text the XML parser produced (a raw "\r" would not be).
    return "".join(
        char if char.isascii() and (char.isalnum() or char == "-") else f"&#{ord(char)};"
        for char in text
    ).encode("ascii")


def fast_parse(
    operation_model: OperationModel, response_dict: MutableMapping[str, Any]
) -> tuple[dict[str, Any], bytes] | None:
    """The output members of a successful answer and the stand-in body, or ``None``.

    ``None`` means botocore parses the answer as usual. Otherwise the first
    value is what ``EC2QueryParser`` gives for the body without
    ``ResponseMetadata``, in its key order, and the second a body from which
    botocore's parser builds the same keys in that order and the same
    ``ResponseMetadata``.
    """
    plan = _plan(operation_model)
    if plan is None:
        return None
    status = response_dict.get("status_code")
    body = response_dict.get("body")
    if (
        not isinstance(status, int)
        or not 200 <= status < 300
        or not isinstance(body, bytes)
        or _BOTOCORE_PARSER_LOG.isEnabledFor(logging.DEBUG)
    ):
        return None
    # The cyclic garbage collector is off while the tree is built and walked.
    # The tree (about 8 elements per item, 25 with 3 tags) lives until the walk
    # ends: the collections its own allocations trigger would traverse it and
    # promote it to the oldest generation, where it counts towards full
    # collections. It holds no reference cycle, so reference counting frees it
    # right after the walk either way. Turned back on in ``finally``, and only
    # if it was on (as Mercurial's ``util.nogc`` does around bulk parsing). The
    # switch is process-wide: other threads' garbage waits for these few
    # milliseconds, and code that turns the collector off from another thread
    # during them finds it on again afterwards.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    # Imported here: ``import ec2_traffic_mirror`` stays light (botocore loads it anyway).
    from xml.etree import ElementTree

    try:
        # Built exactly as botocore builds its parser: the same tree.
        parser = ElementTree.XMLParser(target=ElementTree.TreeBuilder(), encoding="utf-8")
        parser.feed(body)
        root = parser.close()
        del parser  # its buffers go before the walk, as botocore's do: a lower peak
        root_plan = plan.roots.get(root.tag)
        if root_plan is None:
            raise _FallbackError
        members = _walk(root, root_plan)
        del root
    except (_FallbackError, ElementTree.ParseError, ValueError, TypeError):
        return None  # botocore parses it (and raises its own error where it fails)
    except Exception:
        # Unforeseen: the answer is still botocore's to parse, never a failed call.
        _LOG.debug("fast parser stepped aside for %s", operation_model.name, exc_info=True)
        return None
    finally:
        if collecting:
            gc.enable()
    parts = [b"<", plan.stub_name, b">"]
    placeholders = plan.placeholders
    if _REQUEST_ID_KEY in members:
        request_id: str | None = members.pop(_REQUEST_ID_KEY)
        parts.extend(placeholders[name] for name in members)
        if request_id is None:
            parts.append(b"<requestId/>")
        else:
            parts.extend((b"<requestId>", _escape_text(request_id), b"</requestId>"))
    else:
        parts.extend(placeholders[name] for name in members)
    parts.extend((b"</", plan.stub_name, b">"))
    return members, b"".join(parts)


# -- installing ---------------------------------------------------------------


def _before_parse(
    operation_model: OperationModel,
    response_dict: MutableMapping[str, Any],
    customized_response_dict: MutableMapping[str, Any],
    **_: Any,
) -> None:
    """The ``before-parse`` handler: parse a Traffic Mirror Describe answer, or step aside."""
    if operation_model.name not in FAST_PARSED_OPERATIONS or customized_response_dict:
        return
    parsed = fast_parse(operation_model, response_dict)
    if parsed is None:
        return
    members, stand_in = parsed
    response_dict["body"] = stand_in
    customized_response_dict.update(members)


def _events(client: object) -> Any:
    """The client's event emitter, if ``client`` is a botocore EC2 client."""
    meta = getattr(client, "meta", None)
    service_model = getattr(meta, "service_model", None)
    if getattr(service_model, "service_name", None) != "ec2":
        return None
    events = getattr(meta, "events", None)
    if not callable(getattr(events, "register_last", None)):
        return None
    return events


def install_fast_parser(client: EC2Client) -> None:
    """Parse this client's Traffic Mirror Describe answers with the fast parser.

    The answers are exactly what botocore's parser gives for the same bytes
    (`FAST_PARSED_OPERATIONS`; everything else, errors included, stays with
    botocore). Only this client changes: botocore gives every client its own
    copy of its session's event emitter. Installing again is a no-op.
    `TrafficMirrorSessionRepository` installs it unless ``fast_parse=False``.
    """
    events = _events(client)
    if events is None:
        raise QueryError(f"install_fast_parser takes a boto3 EC2 client, got {client!r}")
    events.register_last(_EVENT, _before_parse, unique_id=_UNIQUE_ID)


def try_install_fast_parser(client: object) -> bool:
    """`install_fast_parser` where ``client`` is a botocore EC2 client; whether it was one.

    Repositories call this: a test double of a client is left alone.
    """
    events = _events(client)
    if events is None:
        return False
    events.register_last(_EVENT, _before_parse, unique_id=_UNIQUE_ID)
    return True


def uninstall_fast_parser(client: EC2Client) -> None:
    """Give this client's answers back to botocore's parser (a no-op where not installed)."""
    events = _events(client)
    if events is None:
        raise QueryError(f"uninstall_fast_parser takes a boto3 EC2 client, got {client!r}")
    events.unregister(_EVENT, unique_id=_UNIQUE_ID)
