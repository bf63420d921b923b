"""Load content YAML into a Document, validating its shape with located errors."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..glossary.model import Glossary
from ..io.errors import InputError
from ..io.yamlpos import Entry, Source
from .inline import InlineError, parse_inline, plain_text
from .kinds import KINDS, resolve
from .model import Document, ListBlock, Paragraph, Party, Segment, Text

if TYPE_CHECKING:
    from yaml import Node, ScalarNode

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SUPPRESS = re.compile(r"#\s*bilingual:\s*ignore\[([^\]]*)\]")
from ..io.limits import MAX_TEXT_BYTES as MAX_BYTES  # noqa: E402


def _join_wide_lines(raw: str, positions: list[tuple[int, int]], breaks: set[int]
                     ) -> tuple[str, list[tuple[int, int]]]:
    """A line break of the file between two East Asian wide characters joins them, as Markdown's soft
    break does not (pandoc's east_asian_line_breaks): Japanese wrapped over two lines of YAML
    (両者は、協力を / 確認した。) is one run of text, with no space in it. Everything else is kept."""
    drop = [i for i in sorted(breaks)
            if 0 < i < len(raw) - 1 and raw[i] in " \n" and _wide(raw[i - 1]) and _wide(raw[i + 1])]
    if not drop:
        return raw, positions
    gone = set(drop)
    return ("".join(c for i, c in enumerate(raw) if i not in gone),
            [p for i, p in enumerate(positions) if i not in gone])


def _wide(ch: str) -> bool:
    return ch >= "\u1100" and unicodedata.east_asian_width(ch) in ("W", "F")


class Reader:
    """Turns one content file's YAML nodes into model objects."""

    def __init__(self, src: Source, glossary: Glossary, footnote_labels: set[str]) -> None:
        self.src = src
        self.glossary = glossary
        self.labels = footnote_labels
        self.seen_ids: dict[str, int] = {}
        self.suppressed: dict[int, frozenset[str]] = {}
        for no, line in enumerate(src.text.splitlines(), start=1):
            m = _SUPPRESS.search(line)
            if m:
                self.suppressed[no] = frozenset(r.strip() for r in m.group(1).split(",") if r.strip())

    def error(self, node: Node | None, message: str) -> InputError:
        return self.src.error(node, message)

    def text(self, node: Node) -> Text:
        """A Markdown scalar, with the file position of each character."""
        if node.tag.endswith(("map", "seq")):
            raise self.error(node, "expected text, not a " + ("list" if node.tag.endswith("seq") else "mapping"))
        raw = "" if node.tag == "tag:yaml.org,2002:null" else str(node.value)
        positions, breaks = self.src.positions(cast("ScalarNode", node))     # not a map or a list: a scalar
        raw, positions = _join_wide_lines(raw, positions, breaks)
        try:
            text = parse_inline(raw, self.labels)
        except InlineError as exc:
            line, col = positions[min(exc.offset, len(positions) - 1)]
            raise InputError(self.src.path, line, col, str(exc)) from None
        text.positions = positions
        return text

    def segment(self, node: Node, role: str, sid: str | None = None, extra: Set[str] = frozenset()) -> Segment:
        """A mapping with ``en`` and optional ``ja`` (and ``id`` unless given)."""
        keys = {"en", "ja"} | set(extra) | ({"id"} if sid is None else set())
        m = self.src.mapping(node, keys, required=("en",) + (("id",) if sid is None else ()),
                             what=f"a {role} segment")
        if sid is None:
            sid = self.src.string(m["id"]) or ""
            if not _ID.match(sid):
                raise self.error(m["id"][1], f"segment id {sid!r}: use letters, digits, '-', '_' or '.'")
            where = m["id"][1]
        else:
            where = node
        if sid in self.seen_ids:
            raise self.error(where, f"segment id {sid!r} is used twice (first on line {self.seen_ids[sid]})")
        line = node.start_mark.line + 1
        self.seen_ids[sid] = line
        en = self.text(m["en"][1])
        ja = self.text(m["ja"][1]) if "ja" in m and m["ja"][1].tag != "tag:yaml.org,2002:null" else None
        if ja is not None and not ja.raw.strip():
            ja = None
        ignore: frozenset[str] = frozenset()
        for no in range(line, node.end_mark.line + 2):
            ignore |= self.suppressed.get(no, frozenset())
        return Segment(id=sid, en=en, ja=ja, line=line, ignore=ignore, role=role)

    def date(self, entry: Entry) -> dt.date:
        value = self.src.string(entry)
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.error(entry[1], _date_problem(str(value))) from None

    def boolean(self, entry: Entry | None, default: bool = False) -> bool:
        if entry is None:
            return default
        node = entry[1]
        if node.tag != "tag:yaml.org,2002:bool":
            raise self.error(node, f"'{entry[0].value}' must be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def concept_name(self, node: Node, concept_id: str, role: str) -> Segment:
        """A concept named from the glossary (``doe``) or retyped (``{concept: doe, en: …}``)."""
        concept = self.glossary.concepts.get(concept_id)
        if concept is None:
            raise self.error(node, unknown_concept(concept_id, self.glossary))
        names = {lang: concept.name(lang) for lang in ("en", "ja")}
        seg = Segment(id=f"{role}-{concept_id}", en=None, ja=None, line=node.start_mark.line + 1, role=role,
                      origin="glossary")
        for lang in ("en", "ja"):
            name = names[lang]
            setattr(seg, lang, plain_text(name) if name else None)
        return seg

    def party(self, node: Node) -> Party:
        if node.tag == "tag:yaml.org,2002:map":
            m = self.src.mapping(node, {"concept", "en", "ja"}, required=("concept",), what="a party")
            cid = self.src.string(m["concept"]) or ""
            seg = self.concept_name(m["concept"][1], cid, "party")
            for lang in ("en", "ja"):
                if lang in m:
                    setattr(seg, lang, self.text(m[lang][1]))
                    seg.origin = "content"
            return Party(cid, seg)
        cid = self.src.string((node, node)) or ""
        return Party(cid, self.concept_name(node, cid, "party"))


def _footnote_labels(src: Source, top: dict) -> set[str]:
    if "footnotes" not in top:
        return set()
    node = top["footnotes"][1]
    if node.tag == "tag:yaml.org,2002:null":
        return set()
    if node.tag != "tag:yaml.org,2002:map":
        raise src.error(node, "'footnotes' must be a mapping of label: {en: …, ja: …}")
    return {str(k.value) for k, _ in node.value}


def load_joint_statement(r: Reader, top: dict, doc: Document) -> None:
    src = r.src
    doc.parties = [r.party(n) for n in src.sequence(top["parties"], "glossary concept ids")]
    if len(doc.parties) < 2:
        raise r.error(top["parties"][1], "a joint statement needs at least two parties")
    doc.body = body_blocks(r, top["body"])


def body_blocks(r: Reader, entry: Entry) -> list:
    """Paragraphs (``{id, en, ja}``) and lists (``{list: [...], style: bullet|number}``)."""
    blocks: list = []
    for node in r.src.sequence(entry, "paragraphs and lists"):
        if node.tag == "tag:yaml.org,2002:map" and any(k.value == "list" for k, _ in node.value):
            m = r.src.mapping(node, {"list", "style"}, what="a list")
            style = r.src.string(m.get("style")) or "bullet"
            if style not in ("bullet", "number"):
                raise r.error(m["style"][1], f"list style {style!r}: expected bullet or number")
            items = [r.segment(item, "list item") for item in r.src.sequence(m["list"], "list items")]
            blocks.append(ListBlock(items, ordered=style == "number"))
        else:
            blocks.append(Paragraph(r.segment(node, "paragraph")))
    return blocks


_COMMON = {"kind", "id", "date", "title", "place", "provisional"}


def load_document(path: str | Path, glossary: Glossary) -> Document:
    """Read and validate one content file. Raises InputError with the place of the first fault."""
    path = str(path)
    from ..io.fsutil import check_regular, read_input

    size = check_regular(path)                 # a pipe or device would hang the read
    if size > MAX_BYTES:
        raise InputError(path, 1, 1, f"file is {size} bytes; content files are limited to {MAX_BYTES}")
    data = read_input(path, MAX_BYTES)
    src = Source(path, data)
    return document_from_source(src, glossary)


def document_from_source(src: Source, glossary: Glossary) -> Document:
    root = src.root
    if root is None or root.tag != "tag:yaml.org,2002:map":
        raise src.error(root, "a content file is a mapping that starts with 'kind:'")
    kinds = dict((str(k.value), v) for k, v in root.value)
    kind_node = kinds.get("kind")
    if kind_node is None:
        raise src.error(root, f"missing 'kind': one of {', '.join(KINDS)}")
    kind = str(kind_node.value)
    if kind not in KINDS:
        raise src.error(kind_node, f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    spec = KINDS[kind]
    keys, required, loader = spec.keys, spec.required, resolve(spec.loader)
    top = src.mapping(root, _COMMON | keys, required=("kind", "id", "date", *required), what=f"a {kind}")
    reader = Reader(src, glossary, _footnote_labels(src, top))
    doc_id = src.string(top["id"]) or ""
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", doc_id):
        raise src.error(top["id"][1], f"document id {doc_id!r}: use lower-case letters, digits and '-'")
    doc = Document(kind=kind, id=doc_id, path=src.path, date=reader.date(top["date"]),
                   title=(reader.segment(top["title"][1], "title", sid="title") if "title" in top
                          else Segment("title", None, None, role="title")),  # the kind's loader makes it
                   provisional=reader.boolean(top.get("provisional")))
    if "place" in top:
        doc.place = reader.segment(top["place"][1], "place", sid="place")
    loader(reader, top, doc)
    if "footnotes" in top and top["footnotes"][1].tag == "tag:yaml.org,2002:map":
        for k, v in top["footnotes"][1].value:
            doc.footnotes[str(k.value)] = reader.segment(v, "footnote", sid=f"fn-{k.value}")
    return doc


def unknown_concept(concept_id: str, glossary: Glossary) -> str:
    """The message for a concept id the glossary does not have, with the closest ids it does."""
    from ..text.suggest import did_you_mean

    return (f"unknown concept {concept_id!r}: not in the glossary{did_you_mean(concept_id, glossary.concepts)}"
            " (`bilingual glossary list` shows the ids)")


def _date_problem(value: str) -> str:
    """Why ``value`` is not a date: an impossible day or month is named as such."""
    import calendar

    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if m:
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            return f"date {value!r}: there is no month {month}"
        days = calendar.monthrange(year, month)[1] if year else 31
        if not 1 <= day <= days:
            name = calendar.month_name[month]
            leap = f" {year}" if month == 2 else ""
            return f"date {value!r}: {name}{leap} has {days} days"
    return f"date {value!r}: write it as YYYY-MM-DD"
