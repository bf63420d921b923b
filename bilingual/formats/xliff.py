"""Read XLIFF 1.2 and 2.x for checking: each unit (or segment) is an EN–JA pair.

Languages come from the file (``source-language``/``target-language`` in 1.2,
``srcLang``/``trgLang`` in 2.x): text in English fills the EN side, text in
Japanese the JA side; a file in other languages yields segments with no text
to check. Inline codes (``ph``, ``bpt``, ``ept``, ``it``, ``x``, ``sc``/``ec``
…) are not text; containers (``g``, ``pc``, ``mrk``) are. Trados' segmented
units (``seg-source`` with ``mrk mtype="seg"``) give one pair per segment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.model import Segment
from ..io.errors import InputError
from ..text.langs import side
from .xmlpos import Locator, decode, element_text, parse

if TYPE_CHECKING:
    from lxml import etree

SKIP_12 = frozenset({"ph", "bpt", "ept", "it", "sub", "x", "bx", "ex"})
SKIP_2 = frozenset({"ph", "sc", "ec", "sm", "em"})
_BARE_URL = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")


def bare_url(el: etree._Element) -> str | None:
    """The URL a placeholder stands for when it is a bare URL ``<https://…>`` (1.2 ``<x equiv-text=…/>``,
    2.x ``<ph equiv=…/>``, as ``xliff export`` writes them), else None."""
    if _local(el) not in ("x", "ph"):
        return None
    m = _BARE_URL.fullmatch(el.get("equiv-text") or el.get("equiv") or "")
    return m.group(1) if m else None


@dataclass
class Pairs:
    """What a bilingual exchange file gives the checker."""

    segments: list[Segment] = field(default_factory=list)
    source: str = ""            # the decoded file (for UTF-16 columns)
    langs: tuple[str | None, str | None] = (None, None)   # (source, target) language codes


slot = side   # which side a language fills: 'en', 'ja' or None


def _local(el: etree._Element) -> str:
    return el.tag.split("}")[-1] if isinstance(el.tag, str) else ""


def read_xliff(path: str, data: bytes) -> Pairs:
    """Segments of an XLIFF 1.2 or 2.x file, positions in the file."""
    root = parse(path, data)
    if _local(root) != "xliff":
        raise InputError(path, root.sourceline or 1, 1, f"not XLIFF: the root element is <{_local(root)}>")
    version = root.get("version", "")
    ns = root.tag.split("}")[0][1:] if root.tag.startswith("{") else ""
    docinfo_enc = root.getroottree().docinfo.encoding
    loc = Locator(decode(data, docinfo_enc))
    if version not in ("", "1.0", "1.1", "1.2", "2.0", "2.1", "2.2"):      # 3.0 read as 1.2 gave 0 segments
        raise InputError(path, root.sourceline or 1, 1, f"XLIFF version {version!r} is not supported (1.x or 2.x)")
    if version.startswith("2") or ns.startswith("urn:oasis:names:tc:xliff:document:2"):
        return _read_2(path, root, loc)
    return _read_12(path, root, loc)


def _pair(seg_id: str, loc: Locator, src_el: etree._Element | None, trg_el: etree._Element | None,
          langs: tuple[str | None, str | None], skip: frozenset[str], line: int) -> Segment:
    seg = Segment(seg_id, None, None, line=line, origin="xliff")
    for el, lang in ((src_el, langs[0]), (trg_el, langs[1])):
        side = slot(lang)
        if el is None or side is None:
            continue
        text = loc.text(el, skip, element_text(el, skip))
        # a side that is only a bare URL (a footnote citing a page) is written, not missing
        if text.plain.strip() or any(bare_url(c) for c in el.iterdescendants()):
            setattr(seg, side, text)
    return seg


def _read_12(path: str, root: etree._Element, loc: Locator) -> Pairs:
    out = Pairs(source=loc.source)
    for file_el in (e for e in root if _local(e) == "file"):
        langs = (file_el.get("source-language"), file_el.get("target-language"))
        out.langs = langs
        for unit in file_el.iter():
            if _local(unit) != "trans-unit" or unit.get("translate") == "no":
                continue
            uid = unit.get("id") or f"line-{unit.sourceline}"
            children = {(_local(c)): c for c in unit}
            src, trg, segsrc = children.get("source"), children.get("target"), children.get("seg-source")
            marks = ([m for m in segsrc.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"]
                     if segsrc is not None else [])
            if marks:
                targets = {m.get("mid"): m for m in trg.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"} \
                    if trg is not None else {}
                # document order: the source's segments come before the target's
                pairs = [(m, targets.get(m.get("mid"))) for m in marks]
                segs = [_pair(f"{uid}/{m.get('mid')}", loc, m, None, langs, SKIP_12, m.sourceline or 1)
                        for m, _ in pairs]
                for seg, (_m, t) in zip(segs, pairs, strict=True):
                    if t is not None:
                        other = _pair(seg.id, loc, None, t, langs, SKIP_12, seg.line)
                        side = slot(langs[1])
                        if side:
                            setattr(seg, side, getattr(other, side))
                out.segments.extend(segs)
                continue
            if src is None:
                continue
            out.segments.append(_pair(uid, loc, src, trg, langs, SKIP_12, src.sourceline or 1))
    return out


def _read_2(path: str, root: etree._Element, loc: Locator) -> Pairs:
    langs = (root.get("srcLang"), root.get("trgLang"))
    out = Pairs(source=loc.source, langs=langs)
    for unit in root.iter():
        if _local(unit) != "unit" or unit.get("translate") == "no":
            continue
        uid = unit.get("id") or f"line-{unit.sourceline}"
        for n, seg_el in enumerate((s for s in unit if _local(s) == "segment"), start=1):
            children = {_local(c): c for c in seg_el}
            src, trg = children.get("source"), children.get("target")
            if src is None:
                continue
            sid = f"{uid}/{seg_el.get('id') or n}"
            out.segments.append(_pair(sid, loc, src, trg, langs, SKIP_2, src.sourceline or 1))
    return out
