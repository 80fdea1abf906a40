"""What every handler of the fake shares: AWS errors, reading request parameters, tag rules.

Handlers read a request's parameters (already parsed by moto from the query
string, with botocore's model: integers are ``int``, lists are ``list``) only
through the helpers here, so that a missing, wrong-typed or out-of-range value
is answered the same way, with AWS's error code, by every operation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, cast

from ec2_traffic_mirror._models import (
    MAX_TAGS_PER_RESOURCE,
    TAG_KEY_MAX_LENGTH,
    TAG_KEY_MIN_LENGTH,
    TAG_VALUE_MAX_LENGTH,
    is_reserved_tag_key,
)

__all__ = [
    "ApiError",
    "as_list",
    "as_mapping",
    "check_range",
    "check_tags",
    "flag",
    "invalid_value",
    "optional_range",
    "optional_string",
    "quoted",
    "required",
    "required_string",
    "string_list",
    "tag_limit_exceeded",
    "tag_pairs",
    "tag_specifications",
    "wildcard",
]

_ESCAPABLE: Final = "*?\\"


class ApiError(Exception):
    """An AWS error answer: code, message and HTTP status (400 unless said otherwise)."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def invalid_value(name: str, value: object, rule: str) -> ApiError:
    """``InvalidParameterValue`` naming the parameter, the value and the rule."""
    return ApiError(
        "InvalidParameterValue", f"Value ({value}) for parameter {name} is invalid. {rule}"
    )


def wildcard(pattern: str) -> re.Pattern[str]:
    """An AWS filter pattern: ``*`` any run, ``?`` one character, ``\\`` escapes them."""
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and pattern[index + 1] in _ESCAPABLE:
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        if char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


def as_mapping(raw: object) -> Mapping[str, Any]:
    """``raw`` if it is a mapping, else an empty one."""
    if isinstance(raw, Mapping):
        return cast("Mapping[str, Any]", raw)
    return {}


def as_list(raw: object) -> list[object]:
    """``raw`` as a list (``None``: empty; a single value: one item)."""
    if raw is None:
        return []
    if isinstance(raw, list):
        return cast("list[object]", raw)
    return [raw]


def string_list(params: Mapping[str, Any], name: str) -> list[str]:
    """A list-of-strings parameter, in the order sent."""
    return [str(item) for item in as_list(params.get(name))]


def flag(params: Mapping[str, Any], name: str) -> bool:
    """A boolean parameter (``DryRun``)."""
    return params.get(name) in (True, "true", "True")


def optional_string(params: Mapping[str, Any], name: str) -> str | None:
    """A string parameter, or ``None`` when absent."""
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid_value(name, value, "It must be a string.")
    return value


def required(params: Mapping[str, Any], name: str) -> object:
    """A parameter that must be present (``MissingParameter`` otherwise)."""
    value = params.get(name)
    if value is None or value == "":
        raise ApiError("MissingParameter", f"The request must contain the parameter {name}")
    return value


def required_string(params: Mapping[str, Any], name: str) -> str:
    """A string parameter that must be present."""
    required(params, name)
    value = optional_string(params, name)
    assert value is not None
    return value


def check_range(name: str, value: object, low: int, high: int) -> int:
    """An integer from ``low`` to ``high`` (``InvalidParameterValue`` otherwise)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid_value(name, value, f"It must be an integer from {low} to {high}.")
    return value


def optional_range(params: Mapping[str, Any], name: str, low: int, high: int) -> int | None:
    """An optional integer parameter from ``low`` to ``high``."""
    value = params.get(name)
    if value is None:
        return None
    return check_range(name, value, low, high)


def check_tags(tags: Sequence[tuple[str, str]]) -> dict[str, str]:
    """AWS's rules for tags written by a caller: lengths, no ``aws:`` keys, unique, at most 50."""
    result: dict[str, str] = {}
    for key, value in tags:
        if not TAG_KEY_MIN_LENGTH <= len(key) <= TAG_KEY_MAX_LENGTH:
            raise invalid_value(
                "tag key",
                key,
                f"Tag keys must be {TAG_KEY_MIN_LENGTH} to {TAG_KEY_MAX_LENGTH} characters long.",
            )
        if is_reserved_tag_key(key):
            raise invalid_value(
                "tag key", key, "Tag keys starting with 'aws:' are reserved for internal use."
            )
        if len(value) > TAG_VALUE_MAX_LENGTH:
            raise invalid_value(
                "tag value",
                value,
                f"Tag values must be at most {TAG_VALUE_MAX_LENGTH} characters long.",
            )
        if key in result:
            raise ApiError("InvalidParameterValue", f"Duplicate tag key '{key}' specified.")
        result[key] = value
    if len(result) > MAX_TAGS_PER_RESOURCE:
        raise tag_limit_exceeded()
    return result


def tag_limit_exceeded() -> ApiError:
    """``TagLimitExceeded``: more than 50 tags on one resource."""
    return ApiError(
        "TagLimitExceeded",
        f"The maximum number of tags ({MAX_TAGS_PER_RESOURCE}) for a resource was exceeded.",
    )


def tag_pairs(raw: object) -> list[tuple[str, str]]:
    """The (key, value) pairs of a ``Tags`` list, in order."""
    pairs: list[tuple[str, str]] = []
    for tag in as_list(raw):
        entry = as_mapping(tag)
        key, value = entry.get("Key"), entry.get("Value", "")
        if not isinstance(key, str) or not isinstance(value, str):
            raise ApiError("InvalidParameterValue", "A tag must have a string key and value.")
        pairs.append((key, value))
    return pairs


def tag_specifications(raw: object, resource_type: str) -> dict[str, str]:
    """The checked tags of a create call's ``TagSpecifications`` for ``resource_type``."""
    pairs: list[tuple[str, str]] = []
    for spec in as_list(raw):
        entry = as_mapping(spec)
        given = entry.get("ResourceType")
        if given != resource_type:
            raise ApiError(
                "InvalidParameterValue",
                f"'{given}' is not a valid taggable resource type for this operation.",
            )
        pairs.extend(tag_pairs(entry.get("Tags")))
    return check_tags(pairs)


def quoted(values: Iterable[str]) -> str:
    """``'a', 'b'``: ids as AWS quotes them in messages."""
    return ", ".join(f"'{value}'" for value in values)
