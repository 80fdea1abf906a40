"""``--output text``, written as the AWS CLI v1 writes it (``awscli.text``).

Tab-separated lines: an object's scalar members (keys sorted; across a list
of objects, the union of their scalar keys, an absent one as an empty cell),
led by the upper-cased name of the list or member it came from; then its
lists and objects, each under its own name. ``str()`` of each scalar, so
``True``, ``None`` and numbers read as Python writes them, as in awscli. A
differential property test compares this with awscli's own formatter.
"""

from __future__ import annotations

from typing import TextIO, cast

__all__ = ["format_text"]


def format_text(data: object, stream: TextIO) -> None:
    """Write ``data`` (a document, or what ``--query`` made of it) as the AWS CLI's text."""
    _format(data, stream, None, None)


def _format(
    item: object, stream: TextIO, identifier: str | None, scalar_keys: list[str] | None
) -> None:
    if isinstance(item, dict):
        _format_dict(cast("dict[str, object]", item), stream, identifier, scalar_keys)
    elif isinstance(item, list):
        _format_list(cast("list[object]", item), stream, identifier)
    else:
        stream.write(f"{item}\n")


def _format_list(items: list[object], stream: TextIO, identifier: str | None) -> None:
    if not items:
        return
    if any(isinstance(element, dict) for element in items):
        keys = _all_scalar_keys(items)
        for element in items:
            _format(element, stream, identifier, keys)
    elif any(isinstance(element, list) for element in items):
        scalars = [element for element in items if not isinstance(element, list | dict)]
        others: list[object] = [element for element in items if isinstance(element, list | dict)]
        if scalars:
            _format_scalar_list(scalars, stream, identifier)
        for other in others:
            _format(other, stream, identifier, None)
    else:
        _format_scalar_list(items, stream, identifier)


def _format_scalar_list(elements: list[object], stream: TextIO, identifier: str | None) -> None:
    if identifier is not None:
        for element in elements:
            stream.write(f"{identifier.upper()}\t{element}\n")
    else:
        stream.write("\t".join(str(element) for element in elements))
        stream.write("\n")


def _format_dict(
    item: dict[str, object], stream: TextIO, identifier: str | None, scalar_keys: list[str] | None
) -> None:
    scalars: list[str] = []
    non_scalars: list[tuple[str, object]] = []
    if scalar_keys is None:
        pairs: list[tuple[str, object]] = sorted(item.items())
        for key, value in pairs:
            if _is_container(value):
                non_scalars.append((key, value))
            else:
                scalars.append(str(value))
    else:
        scalars.extend(str(item.get(key, "")) for key in scalar_keys)
        non_scalars.extend((key, item[key]) for key in sorted(set(item) - set(scalar_keys)))
    if scalars:
        if identifier is not None:
            scalars.insert(0, identifier.upper())
        stream.write("\t".join(scalars))
        stream.write("\n")
    for key, value in non_scalars:
        _format(value, stream, key, None)


def _is_container(value: object) -> bool:
    return isinstance(value, dict | list)


def _all_scalar_keys(items: list[object]) -> list[str]:
    seen: set[str] = set()
    for element in items:
        if isinstance(element, dict):
            for key, value in cast("dict[str, object]", element).items():
                if not isinstance(value, dict | list):
                    seen.add(key)
    return sorted(seen)
