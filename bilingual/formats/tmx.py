"""TMX 1.4b (and 1.1) reading and writing, streaming and lossless.

Reading keeps each ``<tu>`` verbatim (attributes, props, notes, every
language, whitespace, inline tags) as UTF-8 XML and extracts what the TM
works on: the EN and JA text with and without inline codes, the context
props and dates. Two repairs make old files valid TMX 1.4 on export: a TMX 1.1
``lang`` becomes ``xml:lang``, and props or notes placed after ``<seg>`` move
before it. Memory stays flat: each TU is dropped once read.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from ..errors import InputError
from ..tm.model import PROP_DOCUMENT, PROP_NEXT, PROP_PREV, PROP_SEGMENT, Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = ("bpt", "ept", "it", "ph", "ut")
_CONTEXT_PROPS = {PROP_DOCUMENT: "doc", PROP_SEGMENT: "seg", PROP_PREV: "prev", PROP_NEXT: "next"}


def lang_of(code: str | None) -> str | None:
    """``en`` or ``ja`` for a language code in any case (``EN-us``, ``ja_JP``), else None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in ("en", "ja") else None


class _Counting:
    """A binary file that reports how many bytes were read."""

    def __init__(self, f: BinaryIO, progress: Callable[[int], None] | None) -> None:
        self.f, self.progress, self.done = f, progress, 0

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.done += len(data)
        if self.progress is not None:
            self.progress(self.done)
        return data


def seg_text(seg) -> tuple[str, str, list[str]]:
    """(plain, raw, tags) of a ``<seg>`` or ``<hi>``: plain leaves out inline codes, raw keeps their content."""
    if len(seg) == 0:
        t = seg.text or ""
        return t, t, []
    plain = [seg.text or ""]
    raw = [seg.text or ""]
    tags: list[str] = []
    for ch in seg:
        tag = ch.tag
        if isinstance(tag, str):
            tags.append(tag)
            if tag == "hi":
                p, r, t = seg_text(ch)
                plain.append(p)
                raw.append(r)
                tags.extend(t)
            else:
                raw.append("".join(ch.itertext()))
        if ch.tail:
            plain.append(ch.tail)
            raw.append(ch.tail)
    return "".join(plain), "".join(raw), tags


def _check_pairs(seg, path: Path) -> None:
    """Every <ept> closes an open <bpt> with the same ``i``; no ``i`` is opened twice."""
    open_: set[str] = set()
    for el in seg.iter("bpt", "ept"):
        i = el.get("i")
        if el.tag == "bpt":
            if i in open_:
                raise InputError(str(path), el.sourceline or 1, 1, f"<bpt i=\"{i}\"> is opened twice")
            open_.add(i)
        elif i not in open_:
            raise InputError(str(path), el.sourceline or 1, 1, f"<ept i=\"{i}\"> closes no <bpt>")
        else:
            open_.discard(i)


def _check_prolog(path: Path) -> None:
    with open(path, "rb") as f:
        head = f.read(65536)
    for enc in ("utf-8", "utf-16"):
        try:
            text = head.decode(enc, errors="ignore")
        except LookupError:  # pragma: no cover
            continue
        if "<!ENTITY" in text:
            line = text[: text.index("<!ENTITY")].count("\n") + 1
            raise InputError(str(path), line, 1, "entity declarations are not allowed in TMX")


def _fix_tuv(tuv, path: Path) -> str:
    """The TUV's language; TMX 1.1 ``lang`` becomes ``xml:lang``, props/notes after ``<seg>`` move before it."""
    code = tuv.get(XML_LANG)
    if code is None:
        code = tuv.get("lang")
        if code is None:
            raise InputError(str(path), tuv.sourceline or 1, 1, "<tuv> has no xml:lang")
        del tuv.attrib["lang"]
        tuv.set(XML_LANG, code)
    if not len(tuv) or tuv[-1].tag != "seg":
        segs = [c for c in tuv if c.tag == "seg"]
        if len(segs) != 1:
            raise InputError(str(path), tuv.sourceline or 1, 1, "<tuv> must hold exactly one <seg>")
        tuv.remove(segs[0])
        tuv.append(segs[0])
    return code


def _unit(tu, path: Path, tostring) -> Unit:
    en = ja = None
    doc = seg = prev = next_ = None
    approved = True
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            code = _fix_tuv(child, path)
            lang = code[:2].lower()
            if len(code) > 2 and code[2] not in "-_":
                continue
            if lang == "en":
                if en is None:
                    en = child
            elif lang == "ja":
                if ja is None:
                    ja = child
            if len(child) > 1:
                for p in child.iterfind("prop"):
                    if p.get("type") == "approved" and (p.text or "").strip().lower() in ("no", "false", "0"):
                        approved = False
        elif tag == "prop":
            kind = _CONTEXT_PROPS.get(child.get("type", ""))
            if kind == "doc":
                doc = child.text or ""
            elif kind == "seg":
                seg = child.text or ""
            elif kind == "prev":
                prev = child.text or ""
            elif kind == "next":
                next_ = child.text or ""
    unit = Unit(tostring(tu, encoding="utf-8", with_tail=False), approved=approved,
                doc=doc, seg=seg, prev=prev, next=next_)
    if en is not None:
        s = en[-1]
        if len(s):
            _check_pairs(s, path)
            plain, raw, unit.en_tags = seg_text(s)
            unit.en, unit.en_raw = plain, (raw if raw != plain else None)
        else:
            unit.en = s.text or ""
    if ja is not None:
        s = ja[-1]
        if len(s):
            _check_pairs(s, path)
            plain, raw, unit.ja_tags = seg_text(s)
            unit.ja, unit.ja_raw = plain, (raw if raw != plain else None)
        else:
            unit.ja = s.text or ""
    unit.changed = tu.get("changedate") or tu.get("creationdate") or (
        (ja.get("changedate") or ja.get("creationdate")) if ja is not None else None)
    return unit


def read_tmx(path: str | os.PathLike[str], progress: Callable[[int], None] | None = None) -> Iterator[Unit]:
    """Stream the TUs of a TMX file (UTF-8 or UTF-16, with or without BOM).

    Raises InputError (path, line, column) for malformed XML, a root that is
    not ``<tmx>``, a ``<tuv>`` without language or ``<seg>``, or entity declarations.
    """
    from lxml import etree

    path = Path(path)
    _check_prolog(path)
    with open(path, "rb") as f:
        source = _Counting(f, progress)
        it = etree.iterparse(source, events=("end",), tag="tu", no_network=True, load_dtd=False,
                             resolve_entities=False, huge_tree=False, remove_comments=False)
        checked = False
        try:
            for _, tu in it:
                if not checked:
                    _check_root(tu.getroottree().getroot(), path)
                    checked = True
                yield _unit(tu, path, etree.tostring)
                tu.clear(keep_tail=True)
                parent = tu.getparent()
                while tu.getprevious() is not None:
                    del parent[0]
            if not checked:
                _check_root(it.root, path)
        except etree.XMLSyntaxError as exc:
            line, col = exc.position if exc.position else (exc.lineno or 0, exc.offset or 0)
            msg = re.sub(r", line \d+, column \d+$", "", exc.msg if getattr(exc, "msg", None) else str(exc))
            raise InputError(str(path), line or 1, col or 1, f"malformed TMX: {msg}") from None


def _check_root(root, path: Path) -> None:
    if root is None or root.tag != "tmx":
        name = root.tag if root is not None else "nothing"
        raise InputError(str(path), getattr(root, "sourceline", 1) or 1, 1, f"not a TMX file: the root is <{name}>")


def header(srclang: str = "en-US") -> bytes:
    from .. import __version__

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
        f'<header creationtool="bilingual" creationtoolversion={quoteattr(__version__)} segtype="sentence" '
        f'o-tmf="bilingual" adminlang="en-US" srclang={quoteattr(srclang)} datatype="plaintext"/>\n<body>\n'
    ).encode()


def write_tmx(path: str | os.PathLike[str], units: Iterable[bytes], srclang: str = "en-US") -> int:
    """Write TUs (their XML) as a TMX 1.4 file, streaming, atomically (temp file, fsync, rename).

    Returns the number of TUs written.
    """
    from ..fsutil import _fsync_dir

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    n = 0
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header(srclang))
            for xml in units:
                f.write(b"  ")
                f.write(xml)
                f.write(b"\n")
                n += 1
            f.write(b"</body>\n</tmx>\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)
    return n


def _seg(text: str, codes: list[tuple[bool, str]]) -> str:
    """A <seg>: text pieces escaped, code pieces as <ph>."""
    out = ["<seg>"]
    for is_code, piece in codes:
        out.append(f"<ph>{escape(piece)}</ph>" if is_code else escape(piece))
    out.append("</seg>")
    return "".join(out)


def unit_xml(en: list[tuple[bool, str]], ja: list[tuple[bool, str]], props: dict[str, str],
             date: str, tuid: str | None = None, en_lang: str = "en-US", ja_lang: str = "ja-JP") -> bytes:
    """The XML of a TU made by bilingual: EN and JA as (is_code, text) pieces, props in order."""
    attrs = f' tuid={quoteattr(tuid)}' if tuid else ""
    parts = [f'<tu{attrs} creationtool="bilingual" creationdate="{date}" changedate="{date}">']
    for k, v in props.items():
        parts.append(f"<prop type={quoteattr(k)}>{escape(v)}</prop>")
    parts.append(f'<tuv xml:lang="{en_lang}">{_seg("", en)}</tuv>')
    parts.append(f'<tuv xml:lang="{ja_lang}">{_seg("", ja)}</tuv>')
    parts.append("</tu>")
    return "".join(parts).encode()
