"""Merge the targets of a returned XLIFF file (1.2 or 2.x) into the content YAML.

Each unit is found by its id (the segment id). Its source must still be the
English of the YAML (else the English changed since export:
``stale-translation``); its target's codes must be codes of the source
(matched by id), each at most once, with every link and footnote reference
kept; emphasis may be dropped, and codes may move (but not against a 2.x
``canReorder``: see ``reorder_fault``). The target becomes our
Markdown again and replaces (or adds) the segment's ``ja:``; nothing else in
the file changes. Any fault is an InputError at its place in the XLIFF file,
and nothing is written.

Tolerated from CAT tools: Trados ``mrk mtype="seg"`` segmentation and
``sdl:`` attributes, other namespace prefixes, CDATA and character
references, CRLF, a 2.x unit split into several segments (joined, with
``ignorable`` text in between), several 1.2 ``<file>`` elements, and an
untranslated copy of the source (skipped).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Document, Segment
from ..io.errors import InputError
from .xliff import _local
from .xliff_codes import Close, Code, Item, Open, Ph, align, codes, items_of, runs_of, to_markdown, visible

if TYPE_CHECKING:
    from lxml import etree

    from ..io.yamlpos import Source

UNTRANSLATED_12 = {"new", "needs-translation"}
UNTRANSLATED_2 = {"initial"}


@dataclass
class Merged:
    """One unit's outcome."""

    segment: Segment
    markdown: str
    items: list[Item]
    prefill: str | None = None          # what the file offered before translation (best TM match), plain
    line: int = 0


@dataclass
class Result:
    doc_id: str
    changed: list[Merged] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0                    # no target, or an untranslated copy of the source
    all: list[Merged] = field(default_factory=list)   # every translated unit (for the post-edit report)
    warnings: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, path: str, data: bytes) -> None:
        from ..io.xmlsafe import parse
        from .xmlpos import decode

        self.path = path
        self.root = parse(data, path)
        self.lines = decode(data, self.root.getroottree().docinfo.encoding).splitlines()

    def error(self, el: etree._Element, message: str) -> InputError:
        line = getattr(el, "sourceline", None) or 1
        col = 1
        if 0 < line <= len(self.lines):
            name = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
            # the n-th start tag of that name on its line (several <ph> of one target share a line)
            nth = 0
            for e in self.root.iter():          # document order: the order of the start tags
                if e is el:
                    break
                nth += e.sourceline == line and _local(e) == name
            found = list(re.finditer(r"<(?:[\w.-]+:)?" + re.escape(name) + r"[\s/>]", self.lines[line - 1]))
            m = found[nth] if nth < len(found) else (found[0] if found else None)
            col = m.start() + 1 if m else 1
        return InputError(self.path, line, col, message)




def _items(r: _Reader, el: etree._Element, by_id: dict[str, Code], where: str, v2: bool) -> list[Item]:
    """The text and codes of a source or target element, codes resolved by id against ``by_id``."""
    out: list[Item] = []

    def text(t: str | None) -> None:
        if t:
            if out and isinstance(out[-1], str):
                out[-1] += t
            else:
                out.append(t)

    def code(child: etree._Element, cid: str | None) -> Code:
        c = by_id.get(cid or "")
        if c is None:
            raise r.error(child, f"{where}: inline code <{_local(child)}> id={cid!r} is not a code of the source "
                                 f"(extra code)")
        return c

    def walk(node: etree._Element) -> None:
        text(node.text)
        for child in node:
            name = _local(child)
            if not isinstance(child.tag, str):          # comment or processing instruction
                pass
            elif name in ("g", "pc"):
                c = code(child, child.get("id"))
                if not c.paired:
                    raise r.error(child, f"{where}: code {c.id} is a standalone code, written as a paired <{name}>")
                out.append(Open(c))
                walk(child)
                out.append(Close(c))
            elif name in ("x", "ph", "it"):
                c = code(child, child.get("id"))
                if c.paired:
                    raise r.error(child, f"{where}: code {c.id} is a paired code (emphasis or link), written "
                                         f"as a standalone <{name}>")
                out.append(Ph(c))
            elif name in ("bx", "sc", "bpt"):
                c = code(child, child.get("rid") or child.get("id") if not v2 else child.get("id"))
                out.append(Open(c))
            elif name in ("ex", "ec", "ept"):
                cid = child.get("startRef") if v2 else (child.get("rid") or child.get("id"))
                out.append(Close(code(child, cid)))
            elif name in ("mrk", "sm", "em", "sub"):
                if name == "mrk":
                    walk(child)                          # Trados segments, annotations: their text counts
            else:
                raise r.error(child, f"{where}: unexpected element <{name}> in the text")
            text(child.tail)

    walk(el)
    return out


def _check_codes(r: _Reader, el: etree._Element, where: str, source: list[Item], target: list[Item]) -> None:
    opened: list[Code] = []
    seen: set[str] = set()
    for i in target:
        if isinstance(i, (Open, Ph)):
            if i.code.id in seen:
                raise r.error(el, f"{where}: inline code {i.code.id} appears twice in the target")
            seen.add(i.code.id)
            if isinstance(i, Open):
                opened.append(i.code)
        elif isinstance(i, Close):
            if not opened or opened[-1].id != i.code.id:
                raise r.error(el, f"{where}: inline code {i.code.id} closes out of order (broken nesting)")
            opened.pop()
    if opened:
        raise r.error(el, f"{where}: inline code {opened[-1].id} is opened but never closed")
    for c in codes(source):
        if c.required and c.id not in seen:
            what = f"footnote reference [^{c.value}]" if c.kind == "fn" else f"link to {c.value}"
            raise r.error(el, f"{where}: the target drops inline code {c.id} ({what}), which it must keep")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def read_units(r: _Reader, doc: Document, result: Result) -> tuple[bool, list[etree._Element]]:
    """(unit element, unit id, [(source el, target el or None, state)], prefill element) of every unit."""
    root = r.root
    if _local(root) != "xliff":
        raise r.error(root, f"not XLIFF: the root element is <{_local(root)}>")
    ns = root.tag.split("}")[0][1:] if root.tag.startswith("{") else ""
    v2 = root.get("version", "").startswith("2") or ns.startswith("urn:oasis:names:tc:xliff:document:2")
    files = [f for f in root if _local(f) == "file"]
    if not files:
        raise r.error(root, "no <file> in this XLIFF")
    for f in files:
        names = {f.get("original") or "", f.get("id") or ""}
        names |= {Path(n).stem for n in names if n}
        if doc.id not in names:
            shown = f.get("id") if v2 and f.get("id") else f.get("original")
            raise r.error(f, f"this XLIFF is for document {shown!r}, not {doc.id!r} ({doc.path})")
    return v2, files


def merge(path: str, data: bytes, doc: Document) -> Result:
    """Read a returned XLIFF and work out each unit's new Japanese (no file is written here)."""
    r = _Reader(path, data)
    result = Result(doc.id)
    v2, files = read_units(r, doc, result)
    segs = {s.id: s for s in doc.segments() if s.en is not None}
    labels = set(doc.footnotes)
    seen: dict[str, int] = {}
    from ..content.inline import InlineError, parse_inline

    for f in files:
        for unit in f.iter():
            name = _local(unit)
            if name not in ("trans-unit", "unit"):
                continue
            uid = unit.get("id")
            seg = segs.get(uid or "")
            if seg is None:
                raise r.error(unit, f"unit {uid!r} is not a segment of {doc.id!r}: unknown unit id")
            if uid in seen:
                raise r.error(unit, f"unit {uid!r} appears twice (first on line {seen[uid]})")
            seen[uid] = unit.sourceline or 0
            if unit.get("translate") == "no" or seg.origin == "glossary":
                continue
            assert seg.en is not None                    # segs holds the segments with English
            src_items = items_of(seg.en)
            by_id = {c.id: c for c in codes(src_items)}
            where = f"unit {uid}"
            src_el, trg_el, untranslated, source, target = _unit_parts(r, unit, by_id, where, v2)
            if src_el is None:
                raise r.error(unit, f"{where}: no <source>")
            if not _same(visible(source), seg.en.plain):
                raise r.error(src_el, f"{where}: stale-translation: the source differs from the English of "
                                      f"{doc.path} (the English changed since export); export again")
            prefill = _prefill(r, unit, by_id, v2)
            # what a reader sees, a bare URL included (``Text.plain``): a Japanese that is only a URL
            # (a footnote citing a page) is a translation, not an empty target
            if trg_el is None or not visible(target).strip():
                result.skipped += 1
                continue
            if untranslated and _same(visible(target), visible(source)):
                result.skipped += 1
                continue
            _check_codes(r, trg_el, where, src_items, target)
            md = to_markdown(target)
            try:
                parsed = parse_inline(md, labels)
            except InlineError as exc:
                raise r.error(trg_el, f"{where}: the target cannot be written as Markdown: {exc}") from None
            if runs_of(items_of(parsed)) != runs_of(target):
                # emphasis next to Japanese punctuation that CommonMark does not read as emphasis: drop it
                kept = [i for i in target if isinstance(i, str) or i.code.required]
                md = to_markdown(kept)
                result.warnings.append(f"{path}:{trg_el.sourceline}:1: warning: {where}: emphasis in the target "
                                       f"cannot be written as Markdown at that place; written without it")
                target = kept
            merged = Merged(seg, md, target, prefill, trg_el.sourceline or 0)
            result.all.append(merged)
            if seg.ja is not None and runs_of(align(src_items, items_of(seg.ja))) == runs_of(target) \
                    and seg.ja.plain == visible(target):
                result.unchanged += 1
                continue
            result.changed.append(merged)
    return result


def _unit_parts(r: _Reader, unit: etree._Element, by_id: dict[str, Code], where: str, v2: bool
                ) -> tuple[etree._Element | None, etree._Element | None, bool, list[Item], list[Item]]:
    """Source and target of a unit: 2.x segments and ignorables joined; the state says untranslated."""
    if not v2:
        src = next((c for c in unit if _local(c) == "source"), None)
        trg = next((c for c in unit if _local(c) == "target"), None)
        source = _items(r, src, by_id, where + " source", False) if src is not None else []
        target = _items(r, trg, by_id, where + " target", False) if trg is not None else []
        state = trg.get("state") if trg is not None else None
        return src, trg, state is None or state in UNTRANSLATED_12, source, target
    source = []
    target = []
    first_src = first_trg = None
    untranslated = True
    for part in unit:
        name = _local(part)
        if name not in ("segment", "ignorable"):
            continue
        src = next((c for c in part if _local(c) == "source"), None)
        trg = next((c for c in part if _local(c) == "target"), None)
        if src is None:
            raise r.error(part, f"{where}: <{name}> has no <source>")
        first_src = first_src if first_src is not None else src
        s = _items(r, src, by_id, where + " source", True)
        source += s
        if trg is not None:
            first_trg = first_trg if first_trg is not None else trg
            target += _items(r, trg, by_id, where + " target", True)
            fault = reorder_fault(src, trg)
            if fault is not None:
                raise r.error(fault[0], f"{where} target: {fault[1]}")
        elif name == "ignorable":
            target += s
        if name == "segment" and part.get("state", "initial") not in UNTRANSLATED_2:
            untranslated = False
    return first_src, first_trg, untranslated, _join(source), _join(target)


def _code_events(el: etree._Element) -> list[tuple[tuple[str, str], str, etree._Element]]:
    """The inline codes of a 2.x ``<source>`` or ``<target>`` in document order, each as
    ((open | close | ph, id), its ``canReorder``, its element). A ``<pc>`` opens and closes; its end
    belongs to its non-reorderable sequence when it starts or continues one (as an ``<ec>`` must)."""
    out: list[tuple[tuple[str, str], str, etree._Element]] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name, reorder = _local(child), child.get("canReorder", "yes")
            if name == "pc":
                out.append((("open", child.get("id") or ""), reorder, child))
                walk(child)
                out.append((("close", child.get("id") or ""), "no" if reorder in ("no", "firstNo") else reorder,
                            child))
            elif name == "sc":
                out.append((("open", child.get("id") or ""), reorder, child))
            elif name == "ec":
                out.append((("close", child.get("startRef") or child.get("id") or ""), reorder, child))
            elif name == "ph":
                out.append((("ph", child.get("id") or ""), reorder, child))
            elif name == "mrk":
                walk(child)

    walk(el)
    return out


def _code_name(event: tuple[str, str]) -> str:
    side, cid = event
    return {"open": f"the start of code {cid}", "close": f"the end of code {cid}"}.get(side, f"code {cid}")


def reorder_fault(source: etree._Element, target: etree._Element) -> tuple[etree._Element, str] | None:
    """The first code the target moves against XLIFF 2.x ``canReorder`` (element, message), else None.

    A code marked ``canReorder="no"`` in the source continues a non-reorderable sequence that a
    ``firstNo`` code starts: in the target it must come right after the same code as in the source,
    text between them aside (the rule F31 of the OASIS 2.1 Schematron). A sequence may move as a
    whole, and codes that may move (``yes``, the default) go anywhere but inside a sequence. A code
    the target leaves out (dropped emphasis) is not a move: the order is that of the codes both keep.
    """
    theirs = _code_events(target)
    order = [key for key, _, _ in theirs]
    kept = [e for e in _code_events(source) if e[0] in order]
    for n, (key, reorder, el) in enumerate(kept):
        if reorder != "no":
            continue
        want = kept[n - 1][0] if n else None
        at = order.index(key)
        got = order[at - 1] if at else None
        if got != want:
            where = f", line {el.sourceline}" if el.sourceline else ""
            must = f"come right after {_code_name(want)}" if want else "be the first code"
            not_ = f"after {_code_name(got)}" if got else "first"
            return theirs[at][2], (f"{_code_name(key)} may not move (canReorder in the source{where}): it must "
                                   f"{must}, as in the source, not {not_}")
    return None


def _join(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for i in items:
        if isinstance(i, str) and out and isinstance(out[-1], str):
            out[-1] += i
        else:
            out.append(i)
    return out


def _prefill(r: _Reader, unit: etree._Element, by_id: dict[str, Code], v2: bool) -> str | None:
    """The Japanese of the unit's best TM match as the file offered it (alt-trans / mtc:match), as text."""
    best, best_score = None, -1.0
    for el in unit.iter():
        name = _local(el)
        if (not v2 and name == "alt-trans") or (v2 and name == "match"):
            try:
                score = float(el.get("match-quality" if not v2 else "matchQuality", "0").rstrip("%"))
            except ValueError:
                score = 0.0
            trg = next((c for c in el if _local(c) == "target"), None)
            if trg is not None and score > best_score:
                try:
                    best = visible(_items(r, trg, by_id, "match", v2))      # our codes: URLs count as text
                except InputError:
                    best = "".join(trg.itertext())                        # another tool's codes
                best_score = score
    return best


def merged_text(text: str, src_source: Source, doc: Document, result: Result) -> str:
    """The content file's text with every changed unit's Japanese set (see ``content.yamledit``)."""
    from ..io.yamledit import apply, places, set_ja

    where = places(src_source)
    edits = []
    for m in result.changed:
        seg = m.segment
        assert seg.en is not None                        # a merged unit has English
        place = where.get(seg.en.positions[0]) if seg.en.positions else None
        if place is None:
            raise InputError(doc.path, seg.line, 1, f"segment {seg.id}: its English is not a plain 'en:' value "
                                                    "this import can edit")
        edits.append(set_ja(src_source, place, m.markdown))
    return apply(text, edits)
