"""Set a segment's Japanese in a content file as text edits: every other character stays.

The content YAML is never re-dumped. The node tree composed by ``io.yamlpos``
gives each scalar's place in the file; a Japanese value is replaced where it
is written (keeping its quoting style, and a block scalar's header and
indentation), and a missing ``ja:`` key is inserted on the line after the
English, at the English key's indentation. Comments, key order, quoting and
line breaks of every other line stay byte-identical.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from .yamlpos import Source, scalar_offsets

if TYPE_CHECKING:
    from yaml import MappingNode, ScalarNode

NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"


@dataclass
class Place:
    """Where a segment's English and Japanese are written."""

    mapping: MappingNode
    en_key: ScalarNode
    en: ScalarNode
    ja_key: ScalarNode | None
    ja: ScalarNode | None


@dataclass
class Edit:
    start: int
    end: int
    text: str


def places(src: Source) -> dict[tuple[int, int], Place]:
    """Every mapping with a scalar ``en``, keyed by the (line, column) of the English's first character."""
    out: dict[tuple[int, int], Place] = {}
    seen: set[int] = set()
    todo = [src.root]
    while todo:
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag == MAP:
            entries = {str(k.value): (k, v) for k, v in node.value if hasattr(k, "value") and isinstance(k.value, str)}
            en = entries.get("en")
            if en is not None and isinstance(en[1].value, str) and en[1].value:
                ja = entries.get("ja")
                first = src.lines.position(scalar_offsets(src.text, en[1])[0])
                # a mapping (its tag says so) whose en is a scalar (its value is text)
                out[first] = Place(cast("MappingNode", node), cast("ScalarNode", en[0]), cast("ScalarNode", en[1]),
                                   cast("ScalarNode", ja[0]) if ja else None, cast("ScalarNode", ja[1]) if ja else None)
            for _k, v in node.value:
                todo.append(v)
        elif isinstance(node.value, list):
            todo.extend(node.value)
    return out


def _plain_ok(text: str) -> bool:
    from .yamlpos import yaml_module

    yaml = yaml_module()

    if not text or text != text.strip() or "\n" in text or "\r" in text:
        return False
    try:
        return bool(yaml.safe_load("k: " + text) == {"k": text})
    except yaml.YAMLError:
        return False


def _double(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scalar(text: str, style: str | None, flow: bool = False) -> str:
    """``text`` written as a one-line YAML scalar, in ``style`` when it can hold it."""
    if style == "'" and "\n" not in text:
        return _single(text)
    if style is None and not flow and _plain_ok(text) and not re.search(r"[,\[\]{}]", text):
        return text
    return _double(text)


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")


def set_ja(src: Source, place: Place, raw: str) -> Edit:
    """The edit that makes ``raw`` the Japanese of the segment at ``place``."""
    text = src.text
    nl = _newline(text)
    node = place.ja
    if node is not None and node.tag != NULL:
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            header_end = text.index("\n", start) if "\n" in text[start:end] else end
            if text[header_end - 1:header_end] == "\r":
                header_end -= 1
            offsets = scalar_offsets(text, node)
            value = str(node.value)
            body = value.rstrip("\n")
            if body:
                first = offsets[0]
                indent = first - (text.rfind("\n", 0, first) + 1)
                last = offsets[len(body) - 1] + 1
            else:
                assert place.ja_key is not None                # a value has its key
                indent = place.ja_key.start_mark.column + 2
                last = header_end
            return Edit(start, last, text[start:header_end] + nl + " " * indent + raw)
        return Edit(start, end, scalar(raw, node.style, place.mapping.flow_style))
    if place.ja_key is not None:                       # `ja:` with no value, `ja: ~` or `ja: null`
        colon = text.index(":", place.ja_key.end_mark.index)
        end = colon + 1
        if node is not None and node.end_mark.index > end and text[node.start_mark.index:node.end_mark.index].strip():
            end = node.end_mark.index
        return Edit(colon + 1, end, " " + scalar(raw, None, place.mapping.flow_style))
    en = place.en
    if place.mapping.flow_style:
        at = en.end_mark.index
        return Edit(at, at, ", ja: " + _double(raw))
    offsets = scalar_offsets(text, en)
    value = str(en.value).rstrip("\n")
    last = offsets[max(len(value) - 1, 0)]
    if en.style in ('"', "'"):
        last = en.end_mark.index - 1
    eol = text.find("\n", last)
    if eol == -1:
        eol = len(text)
        prefix = nl
    else:
        prefix = ""
    if eol > 0 and text[eol - 1:eol] == "\r" and nl == "\r\n":
        eol -= 1
    indent = place.en_key.start_mark.column
    if prefix:
        return Edit(eol, eol, prefix + " " * indent + "ja: " + scalar(raw, None))
    return Edit(eol, eol, nl + " " * indent + "ja: " + scalar(raw, None))


def apply(text: str, edits: list[Edit]) -> str:
    out = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[:e.start] + e.text + out[e.end:]
    return out
