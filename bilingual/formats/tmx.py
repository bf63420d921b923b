"""TMX 1.4b (and 1.1) reading and writing, streaming and lossless.

One reader for every command (``tm import``, ``check``, ``score``, alignment
import): each ``<tu>`` goes through :func:`_read_tu`, where the TMX semantics
are decided once; :func:`read_tmx_located` is the same reader for ``check``,
with each TU's position. The fast path (plain TUs read from their bytes) lives
inside it and is held equal to the streaming reader by differential tests.

Reading keeps each ``<tu>`` verbatim (attributes, props, notes, every
language, whitespace, inline tags) as UTF-8 XML and extracts what the TM
works on: the EN and JA text with and without inline codes, the context
props and dates. Two repairs make old files valid TMX 1.4 on export: a TMX 1.1
``lang`` becomes ``xml:lang``, and props or notes placed after ``<seg>`` move
before it. Memory stays flat: each TU is dropped once read.
"""
from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..io.errors import InputError
from ..io.limits import MAX_SEGMENT_CHARS, MAX_TU_BYTES, segment_too_long
from ..text import langs
from ..tm.model import PROP_DOCUMENT, PROP_NEXT, PROP_PREV, PROP_SEGMENT, Unit, batched

if TYPE_CHECKING:
    from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CONTEXT_PROPS = {PROP_DOCUMENT: "doc", PROP_SEGMENT: "seg", PROP_PREV: "prev", PROP_NEXT: "next"}


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


def seg_text(seg: etree._Element) -> tuple[str, str, list[str]]:
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


class _Where:
    """Where a parsed element is in the file: its path, the lines before the parsed part, and (when the
    caller holds it) the file's text, to give an error its column."""

    __slots__ = ("lines", "path", "source")

    def __init__(self, path: Path | str, lines: int = 0, source: str | None = None) -> None:
        self.path, self.lines, self.source = str(path), lines, source

    def error(self, el: etree._Element, message: str) -> InputError:
        line = (el.sourceline or 1) + self.lines
        return InputError(self.path, line, self._column(el, line), message)

    def _column(self, el: etree._Element, line: int) -> int:
        """The column of ``el``'s start tag on its line (1 when it cannot be told: errors only, so the
        file is read again here rather than tracked while parsing)."""
        tag = el.tag if isinstance(el.tag, str) else ""
        text = self._line(line)
        if not tag or text is None:
            return 1
        # the n-th start tag of this name on the line, n counted among the elements the tree still holds
        same = [e for e in el.getroottree().getroot().iter(tag) if e.sourceline == el.sourceline]
        nth = next((k for k, e in enumerate(same) if e is el), 0)
        found = list(re.finditer(r"<" + re.escape(tag) + r"(?=[\s/>])", text))
        return found[nth].start() + 1 if nth < len(found) else 1

    def _line(self, line: int) -> str | None:
        """The text of a line, lines ended as XML ends them (CRLF, CR or LF), from the source or the file."""
        if self.source is not None:
            lines = _LINE_END.split(self.source)
            return lines[line - 1] if 0 < line <= len(lines) else None
        try:
            with open(self.path, "rb") as f:
                raw = _nth_line(iter(lambda: f.read(1 << 20), b""), line)
            return raw.decode("utf-8").lstrip("\ufeff") if raw is not None else None
        except (OSError, UnicodeDecodeError):
            return None


_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")


def _nth_line(blocks: Iterator[bytes], n: int) -> bytes | None:
    """Line ``n`` (from 1) of a file read in blocks, without holding more than a block and a line."""
    seen, rest = 1, b""
    for block in blocks:
        data = rest + block
        keep = data.endswith(b"\r")           # (a CR at the end may be the first half of a CRLF)
        parts = _LINE_END_BYTES.split(data[:-1] if keep else data)
        if n - seen < len(parts) - 1:          # (the last part may go on in the next block)
            return parts[n - seen]
        seen += len(parts) - 1
        rest = parts[-1] + (b"\r" if keep else b"")
    parts = _LINE_END_BYTES.split(rest)
    return parts[n - seen] if 0 <= n - seen < len(parts) else None


def _check_pairs(seg: etree._Element, where: _Where) -> None:
    """Every <ept> closes an open <bpt> with the same ``i``; no ``i`` is opened twice."""
    open_: set[str] = set()
    for el in seg.iter("bpt", "ept"):
        i = el.get("i")
        if el.tag == "bpt":
            if i in open_:
                raise where.error(el, f"<bpt i=\"{i}\"> is opened twice")
            open_.add(i)
        elif i not in open_:
            raise where.error(el, f"<ept i=\"{i}\"> closes no <bpt>")
        else:
            open_.discard(i)


#: what TMX 1.4b allows where: a <tu> holds notes, props and TUVs; a <tuv> notes, props and one <seg>;
#: a <seg> text and inline codes (``sub`` inside a code). Anything else is refused where it stands.
TU_CHILDREN = frozenset({"note", "prop", "tuv"})
TUV_CHILDREN = frozenset({"note", "prop", "seg"})
INLINE = frozenset({"bpt", "ept", "it", "ph", "hi", "ut", "sub"})


def _check_tu(tu: etree._Element, where: _Where) -> None:
    """The structure of a ``<tu>`` (what the fast path's pattern of a plain TU fixes, checked here for any TU)."""
    for child in tu:
        tag = child.tag
        if not isinstance(tag, str) or tag in TU_CHILDREN:
            continue
        if tag == "tu":
            raise where.error(child, "a <tu> inside a <tu>: close the first one before the next")
        raise where.error(child, f"<{tag}> is not allowed in a <tu> (TMX: <note>, <prop>, <tuv>)")


def _fix_tuv(tuv: etree._Element, where: _Where) -> tuple[str, bool]:
    """(the TUV's language, whether it was repaired).

    A TMX 1.1 ``lang`` becomes ``xml:lang``; props/notes after ``<seg>`` move before it.
    A TUV with no language, no ``<seg>`` or two, or an element TMX does not allow is refused.
    """
    repaired = False
    code = tuv.get(XML_LANG)
    if code is None:
        code = tuv.get("lang")
        if code is None:
            raise where.error(tuv, "<tuv> has no xml:lang")
        del tuv.attrib["lang"]
        tuv.set(XML_LANG, code)
        repaired = True
    segs = []
    for child in tuv:
        tag = child.tag
        if tag == "seg":
            segs.append(child)
        elif isinstance(tag, str) and tag not in TUV_CHILDREN:
            raise where.error(child, f"<{tag}> is not allowed in a <tuv> (TMX: <note>, <prop>, <seg>)")
    if len(segs) != 1:
        raise where.error(segs[1] if segs else tuv, "<tuv> has no <seg>" if not segs else
                          "<tuv> has a second <seg>; TMX allows one")
    seg = segs[0]
    if len(seg):
        for el in seg.iterdescendants():
            if isinstance(el.tag, str) and el.tag not in INLINE:
                raise where.error(el, f"<{el.tag}> is not allowed in a <seg> (TMX: text and bpt ept it ph hi ut sub)")
        _check_pairs(seg, where)               # (in every language: an export must be a file we accept)
    if tuv[-1] is not seg:
        tuv.remove(seg)
        tuv.append(seg)
        repaired = True
    return code, repaired


def _withholds_approval(prop: etree._Element) -> bool:
    """A TUV's ``<prop type="approved">no</prop>`` (or false, 0): the TU is not approved."""
    return prop.get("type") == "approved" and (prop.text or "").strip().lower() in ("no", "false", "0")


def with_approval(xml: bytes, approved: bool) -> bytes:
    """One ``<tu>``'s XML saying ``approved`` as :func:`_read_tu` reads it: unchanged if it already does;
    else the withholding props are removed, or ``<prop type="approved">no</prop>`` is put first in
    each TUV. What ``tm export`` writes, so that ``tm approve`` survives a round trip. XML that does not
    parse is given back as it is: the export's check (:func:`checked_units`) refuses it, naming the store
    and the TU."""
    if approved and b"approved" not in xml:
        return xml
    from lxml import etree

    from ..io import xmlsafe

    try:
        tu = xmlsafe.parse(xml, "a translation unit")
    except InputError:
        return xml
    tuvs = tu.findall("tuv")
    withheld = [p for tuv in tuvs for p in tuv.iterfind("prop") if _withholds_approval(p)]
    if approved == (not withheld):
        return xml
    if approved:
        for p in withheld:
            parent = p.getparent()
            previous = p.getprevious()
            if p.tail is not None and previous is None:       # keep the TUV's indentation before its next child
                parent.text = p.tail
            elif previous is not None:
                previous.tail = p.tail
            parent.remove(p)
    else:
        for tuv in tuvs:
            prop = etree.Element("prop", type="approved")
            prop.text = "no"
            prop.tail = tuv.text
            tuv.insert(0, prop)
    written: bytes = etree.tostring(tu, encoding="utf-8", with_tail=False)
    return written


def _unit(tu: etree._Element, where: _Where, xml: bytes | None = None) -> Unit:
    """The Unit of a parsed ``<tu>`` (see :func:`_read_tu`)."""
    return _read_tu(tu, where, xml)[0]


def _read_tu(tu: etree._Element, where: _Where,
             xml: bytes | None = None) -> tuple[Unit, list[tuple[str, etree._Element]]]:
    """What every TMX reader makes of a parsed ``<tu>``: its Unit, and the ``(side, <seg>)`` of the
    English and Japanese TUVs it took, in document order (``check`` locates their text).

    ``xml`` is the TU's text as read (None, or a repaired TU: serialised). The one place
    where TMX semantics are decided, for ``tm import`` (both paths) and ``check`` alike: a
    ``<tuv>`` without ``xml:lang`` (or TMX 1.1 ``lang``), without a ``<seg>`` or with two, an
    element TMX does not allow, a nested ``<tu>`` or an unpaired ``<bpt>``/``<ept>`` is an error
    at its line and column; the first English and the first Japanese TUV are read.
    """
    _check_tu(tu, where)
    en = ja = None
    doc = seg = prev = next_ = None
    approved = True
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            code, repaired = _fix_tuv(child, where)
            if repaired:
                xml = None
            side = langs.side(code)
            if side == "en":
                if en is None:
                    en = child
            elif side == "ja" and ja is None:
                ja = child
            if len(child) > 1 and any(map(_withholds_approval, child.iterfind("prop"))):
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
    if xml is None:
        from lxml import etree

        xml = etree.tostring(tu, encoding="utf-8", with_tail=False)
    unit = Unit(xml, approved=approved, doc=doc, seg=seg, prev=prev, next=next_)
    if en is not None:
        s = en[-1]
        if len(s):
            plain, raw, unit.en_tags = seg_text(s)
            unit.en, unit.en_raw = plain, (raw if raw != plain else None)
        else:
            unit.en = s.text or ""
    if ja is not None:
        s = ja[-1]
        if len(s):
            plain, raw, unit.ja_tags = seg_text(s)
            unit.ja, unit.ja_raw = plain, (raw if raw != plain else None)
        else:
            unit.ja = s.text or ""
    unit.changed = tu.get("changedate") or tu.get("creationdate") or (
        (ja.get("changedate") or ja.get("creationdate")) if ja is not None else None)
    taken = [(side, tuv[-1]) for side, tuv in (("en", en), ("ja", ja)) if tuv is not None]
    return unit, _document_order(tu, taken)


def _document_order(tu: etree._Element, taken: list[tuple[str, etree._Element]]) -> list[tuple[str, etree._Element]]:
    """``(side, <seg>)`` pairs in the order their TUVs stand in the TU (``xmlpos`` reads forward)."""
    if len(taken) < 2:
        return taken
    tuvs = [c for c in tu if c.tag == "tuv"]
    return sorted(taken, key=lambda pair: tuvs.index(pair[1].getparent()))


def read_tmx(path: str | os.PathLike[str], progress: Callable[[int], None] | None = None) -> Iterator[Unit]:
    """Stream the TUs of a TMX file (UTF-8 or UTF-16, with or without BOM).

    Raises InputError (path, line, column) for malformed XML, a root that is
    not ``<tmx>``, a ``<tuv>`` without language or ``<seg>``, or entity declarations
    (parsed through ``xmlsafe``).
    """
    for batch in read_tmx_batches(path, progress):
        yield from batch


BLOCK = 1 << 20                    # bytes of TUs parsed at once on the fast path
_TU_START = re.compile(rb"<tu[\s/>]")
_TU_END = re.compile(rb"</tu>")



def read_tmx_batches(path: str | os.PathLike[str], progress: Callable[[int], None] | None = None,
                     size: int = 5000, plain: bool = False, fast: bool = True) -> Iterator[list]:
    """The TUs of a TMX file in lists of about ``size`` (see :func:`read_tmx`).

    With ``plain``, a TU of two TUVs of text only and no other content comes
    as a tuple ``(xml, en, ja, changed)`` instead of a Unit (a bulk import
    needs no more, and makes millions of them).

    A UTF-8 file whose body holds only elements and text (no comments, CDATA
    or processing instructions: nearly every TMX) takes the fast path: the
    body is parsed a block of whole TUs at a time, and each TU's XML is the
    bytes the file holds for it. Any other file is streamed element by element.
    Both paths check the same things; an error found on the fast path is
    located by reading the file again with the streaming reader. Without
    ``fast``, every file is streamed (each TU's XML serialised by lxml, as
    stores of the first layout identified them).
    """
    from ..io.fsutil import check_regular

    path = Path(path)
    check_regular(path)                        # a pipe or device would hang the read
    with open(path, "rb") as f:
        layout = _fast_layout(f, path) if fast else None
        if layout is None:
            f.seek(0)
            yield from batched(_read_streaming(f, path, progress), size)
        elif plain:
            yield from _read_blocks(f, path, layout, progress, size)
        else:
            for batch in _read_blocks(f, path, layout, progress, size):
                yield [Unit(u[0], u[1], u[2], changed=u[3]) if type(u) is tuple else u for u in batch]


def _fast_layout(f: BinaryIO, path: Path) -> tuple[int, int] | None:
    """(start, end) of the TUs in the body when the fast path can read the file, else None.

    The file's head (up to ``<body>``, within its first MiB) and tail (after
    the last ``</tu>``, within its last 64 KiB) are parsed and checked here as
    one document (root, version, DOCTYPE).
    """
    from ..io import xmlsafe

    size = os.fstat(f.fileno()).st_size
    f.seek(0)
    head = f.read(xmlsafe.PROLOG_WINDOW)
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return None                            # UTF-16: streamed
    decl = re.match(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)", head)
    if decl and decl.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        return None
    body = head.find(b"<body")
    start = head.find(b">", body) + 1
    if body == -1 or start == 0:
        return None
    head = head[:start]
    if head[body + 5:-1].strip() or b"xmlns" in head or b"<!--" in head or b"<![" in head:
        return None                            # <body/>, attributes, namespaces, comments: streamed
    f.seek(max(start, size - 65536))
    tail = f.read()
    last = tail.rfind(b"</tu>")
    if last == -1:
        return None
    end = size - len(tail) + last + 5
    tail = tail[last + 5:]
    try:
        root = xmlsafe.parse(head + tail, str(path))
        _check_root(root, path)
    except InputError:
        return None                            # the streaming reader finds and locates the fault
    if (len(root) and root[-1].tag == "body" and len(root[-1])) or next(root.iter("tu"), None) is not None:
        return None                            # elements after the last TU, or a TU outside the body: streamed
    return start, end


class _Doubt(Exception):
    """The fast path cannot vouch for a block: the streaming reader takes over."""


def _read_blocks(f: BinaryIO, path: Path, layout: tuple[int, int], progress: Callable[[int], None] | None,
                 size: int) -> Iterator[list]:
    """The TUs between ``layout``'s offsets, a block of whole TUs at a time.

    expat checks that a block is well-formed (no tree is built); a TU of the
    common shape (``_SIMPLE``) is then read from its bytes, any other is
    parsed alone with lxml and read as the streaming reader reads it. Where
    a block is malformed or a TU does not parse alone, the streaming reader
    reads the file again and goes on from the first TU not yet read (or
    raises its located error), so both paths give the same TUs and errors.
    """
    from ..io import xmlsafe

    start, end = layout
    batch: list[Unit | tuple] = []          # plain TUs as tuples (see _block_units)
    read = 0                                   # TUs in batches so far
    try:
        f.seek(0)
        lines = f.read(start).count(b"\n")
        pos, rest = start, b""
        while pos < end:
            data = rest + f.read(min(BLOCK, end - pos - len(rest)))
            cut = data.rfind(b"</tu>") + 5
            if cut == 4:                       # a TU longer than a block: read on (up to the limit)
                if len(data) > MAX_TU_BYTES:
                    at = max(data.find(b"<tu"), 0)
                    raise InputError(str(path), lines + data.count(b"\n", 0, at) + 1, 1,
                                     f"a <tu> longer than {MAX_TU_BYTES} bytes; that is the limit")
                rest = data
                continue
            block, rest = data[:cut], data[cut:]
            # comments, CDATA and PIs are left to the streaming reader: outside them "<" always starts a
            # tag, so the TUs' "<tu" and "</tu>" can be found in the bytes (an end tag "</tu >" makes the
            # counts differ: streamed too)
            if b"<!" in block or b"<?" in block:
                raise _Doubt
            run, at = _plain_run(block)
            whole = at == len(block) and _plain_well_formed(block)
            if not whole and not xmlsafe.well_formed(b"<body>", block, b"</body>"):
                raise _Doubt
            for m in run:
                problem = _too_big(m.group(1), (m.group(5), m.group(8)))
                if problem:
                    raise InputError(str(path), lines + block.count(b"\n", 0, m.start(1)) + 1, 1, problem)
            units: list[Unit | tuple] = [_plain(m.groups()[1:], m.group(1)) for m in run]
            if not whole:
                units += _block_units(block, at, _Where(path, lines))
            batch += units
            read += len(units)
            if len(batch) >= size:
                yield batch
                batch = []
            lines += block.count(b"\n")
            pos += cut
            if progress is not None:
                progress(pos)
    except _Doubt:
        if batch:
            yield batch
        f.seek(0)
        batch = []
        yield from batched(itertools.islice(_read_streaming(f, path, progress), read, None), size)
    if batch:
        yield batch
    if progress is not None:
        progress(os.fstat(f.fileno()).st_size)


def _check_sides(unit: Unit, tu: etree._Element, where: _Where) -> None:
    """A side longer than the segment limit is an error at its TU (``limits``)."""
    for text in (unit.en, unit.ja):
        problem = text is not None and segment_too_long(len(text))
        if problem:
            raise where.error(tu, problem)


def _too_big(tu: bytes, segs: tuple[bytes, ...]) -> str | None:
    """Why a TU is over the limits (``limits``: its XML, the text of a side), or None."""
    if len(tu) > MAX_TU_BYTES:
        return f"a <tu> of {len(tu)} bytes; the limit is {MAX_TU_BYTES}"
    for seg in segs:
        if len(seg) > MAX_SEGMENT_CHARS:           # (bytes ≥ characters: decoded only when it may be over)
            problem = segment_too_long(len(seg.decode("utf-8", "replace")))
            if problem:
                return problem
    return None


def _plain_run(block: bytes) -> tuple[list[re.Match[bytes]], int]:
    """The plain TUs a block starts with (``_PLAIN_RUN`` matches), and where the run ends: one regex pass."""
    out, pos = [], 0
    for m in _PLAIN_RUN.finditer(block):
        if m.start() != pos:
            break
        out.append(m)
        pos = m.end()
    return out, pos


def _plain_well_formed(block: bytes) -> bool:
    """Whether a block made only of plain TUs (``_PLAIN_RUN``) is well-formed XML, without parsing it.

    The pattern fixes the elements and their nesting, attribute syntax and
    names, and keeps "<" out of text and attribute values; what it leaves open
    is checked here: UTF-8, the characters XML allows, "]]>" in text,
    references, and an attribute given twice.
    """
    try:
        text = block.decode()
    except UnicodeDecodeError:
        return False
    if len(block.translate(None, _CONTROLS)) != len(block) or b"\xef\xbf\xbe" in block or b"\xef\xbf\xbf" in block:
        return False                           # C0 controls but tab and line ends, U+FFFE, U+FFFF
    if b"]]>" in block:
        return False
    if b"&" in block:
        refs = _REFERENCE.findall(text)
        if block.count(b"&") != len(refs) or not all(map(_allowed_reference, refs)):
            return False
    return not any(len(names) != len(set(names)) for names in map(_ATTR_NAME.findall, _TU_ATTRS.findall(block)))


def _allowed_reference(groups: tuple[str, str, str]) -> bool:
    hexa, dec, _ = groups
    if not (hexa or dec):
        return True
    code = int(hexa, 16) if hexa else int(dec)
    return code < 0x110000 and not _NOT_XML_CHAR.match(chr(code)) and not 0xD800 <= code < 0xE000


def _block_units(block: bytes, pos: int, where: _Where) -> list[Unit | tuple]:
    """The TUs of a well-formed block from ``pos`` on (``where.lines``: lines before the block);
    plain ones as tuples."""
    from ..io import xmlsafe

    out: list[Unit | tuple] = []
    # (no comments, CDATA or PIs here: every "<tu" starts a TU and every "</tu>" ends one)
    starts = [m.start() for m in _TU_START.finditer(block, pos)]
    ends = [m.end() for m in _TU_END.finditer(block, pos)]
    if not (len(starts) == len(ends) and all(a < b for a, b in zip(starts, ends, strict=True))
            and all(b <= a for a, b in zip(starts[1:], ends, strict=False))):
        raise _Doubt                           # nested or empty TUs
    simple = _SIMPLE.match
    seen, lines = 0, where.lines
    for s, e in zip(starts, ends, strict=True):
        m = simple(block, s)
        problem = _too_big(block[s:e], (m.group(4), m.group(7)) if m is not None and m.end() == e else ())
        if problem:
            raise InputError(where.path, where.lines + block.count(b"\n", 0, s) + 1, 1, problem)
        if m is not None and m.end() == e:
            out.append(_plain(m.groups(), block[s:e]))
            continue
        lines += block.count(b"\n", seen, s)
        seen = s
        xml = block[s:e]
        try:
            tu = xmlsafe.parse(xml, where.path)
        except InputError:
            raise _Doubt from None
        unit = _unit(tu, _Where(where.path, lines), xml)
        _check_sides(unit, tu, _Where(where.path, lines))
        out.append(unit)
    return out


# A TU of two TUVs, each one <seg> of text only, in a block lxml has parsed (so it is well-formed)
_ATTR = rb"""\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*')"""
_TUV = rb"""\s*<tuv\s+xml:lang\s*=\s*(?:"([^"<]*)"|'([^'<]*)')\s*>\s*<seg>([^<]*)</seg>\s*</tuv>"""
_SIMPLE = re.compile(rb"<tu((?:" + _ATTR + rb")*)\s*>" + _TUV + _TUV + rb"\s*</tu>")
_PLAIN_RUN = re.compile(rb"\s*(" + _SIMPLE.pattern + rb")\s*")
_TU_ATTRS = re.compile(rb"<tu(\s[^>]*=[^>]*=[^>]*)>")               # a <tu> with two attributes or more
_ATTR_NAME = re.compile(rb"([A-Za-z_:][\w:.-]*)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_ATTR_VALUE = re.compile(rb"([A-Za-z_:][\w:.-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")   # (in order: none inside a value)
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 13))


_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _reference(m: re.Match[str]) -> str:
    hexa, dec, name = m.groups()
    return chr(int(hexa, 16)) if hexa else chr(int(dec)) if dec else _ENTITIES[name]


def _text(raw: bytes) -> str:
    """Character data as XML reads it: line ends normalised, references replaced.

    (expat has checked the block: the five predefined entities and character
    references are the only references there.)
    """
    text = raw.decode()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _REFERENCE.sub(_reference, text)
    return text


@lru_cache(maxsize=256)
def _side_of(code: bytes) -> str | None:
    return langs.side(_text(code))


def _plain(groups: tuple, xml: bytes) -> tuple:
    """``(xml, en, ja, changed)`` of a TU matched by ``_SIMPLE`` (its groups): what :func:`_unit` makes of it."""
    attrs, code1, code1b, seg1, code2, code2b, seg2 = groups
    side1 = _side_of(code1 if code1 is not None else code1b)
    side2 = _side_of(code2 if code2 is not None else code2b)
    en = ja = changed = None
    if side1 == "en":
        en = _text(seg1)
    elif side1 == "ja":
        ja = _text(seg1)
    if side2 == "en" and en is None:
        en = _text(seg2)
    elif side2 == "ja" and ja is None:
        ja = _text(seg2)
    if attrs and b"date" in attrs:
        values = {name: a if a or not b else b for name, a, b in _ATTR_VALUE.findall(attrs)}
        date = values.get(b"changedate") or values.get(b"creationdate")
        changed = _text(date) if date else None
    return xml, en, ja, changed


def _read_streaming(f: BinaryIO, path: Path, progress: Callable[[int], None] | None) -> Iterator[Unit]:
    """The TUs of an open TMX file, element by element (any encoding, any markup)."""
    for unit, _, _ in _read_tus(f, path, progress):
        yield unit


def _read_tus(f: BinaryIO, path: Path | str, progress: Callable[[int], None] | None = None,
              source: str | None = None) -> Iterator[tuple[Unit, etree._Element, list[tuple[str, etree._Element]]]]:
    """The one streaming TMX reader: ``(Unit, <tu> element, [(side, <seg>)…])`` for each TU, in order.

    Parsed by ``xmlsafe.iterparse`` (no entities, no DTD, no network); the root is
    checked (``<tmx>``, a version this tool reads), each TU read by :func:`_read_tu`
    and held to the size limits. The elements are valid until the next TU is
    asked for: each TU, and what came before it, is then dropped (flat memory).
    ``source``: the file's text, when the caller holds it (errors get their column from it).
    """
    from ..io.xmlsafe import iterparse

    it = iterparse(_Counting(f, progress), tags="tu", path_for_errors=str(path))  # type: ignore[arg-type]  # reads like a file
    where = _Where(path, source=source)
    checked = False
    for _, tu in it:
        if not checked:
            _check_root(tu.getroottree().getroot(), path)
            checked = True
        outer = next(tu.iterancestors("tu"), None)
        if outer is not None:
            raise where.error(tu, "a <tu> inside a <tu>: close the first one before the next")
        unit, segs = _read_tu(tu, where)
        _check_sides(unit, tu, where)
        yield unit, tu, segs
        tu.clear(keep_tail=True)               # each TU, and what came before it, dropped once read
        parent = tu.getparent()
        while tu.getprevious() is not None:
            del parent[0]
    if not checked:
        _check_root(it.root, path)


class LocatedTU:
    """A TU as ``check`` reads it: the Unit, where it starts, and its English and Japanese ``<seg>``
    elements in document order (valid until the next TU is read)."""

    __slots__ = ("line", "segs", "tuid", "unit")

    def __init__(self, unit: Unit, tuid: str | None, line: int, segs: list[tuple[str, etree._Element]]) -> None:
        self.unit, self.tuid, self.line, self.segs = unit, tuid, line, segs


def read_tmx_located(path: str, data: bytes, source: str | None = None) -> Iterator[LocatedTU]:
    """The TUs of TMX bytes for ``check``: the same reader and the same errors as ``tm import``
    (:func:`_read_tus`), with each TU's line and its segments' elements for :mod:`.xmlpos`."""
    import io

    for unit, tu, segs in _read_tus(io.BytesIO(data), path, source=source):
        yield LocatedTU(unit, tu.get("tuid"), tu.sourceline or 1, segs)


def _check_root(root: etree._Element | None, path: Path | str) -> None:
    if root is None or root.tag != "tmx":
        name = root.tag if root is not None else "nothing"
        raise InputError(str(path), getattr(root, "sourceline", 1) or 1, 1, f"not a TMX file: the root is <{name}>")
    check_version(root, str(path))


VERSIONS = ("1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b")


def check_version(root: etree._Element, path: str) -> None:
    """TMX 1.1 to 1.4b (a missing ``version`` is tolerated); anything else is refused where the root starts."""
    version = root.get("version")
    if version is not None and version.strip() not in VERSIONS:
        raise InputError(path, root.sourceline or 1, 1,
                         f"TMX version {version!r} is not supported; this tool reads TMX 1.1 to 1.4b")


def header(srclang: str = "en-US") -> bytes:
    from xml.sax.saxutils import quoteattr  # (its import pulls in urllib: not on the reading path)

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
    from ..io.fsutil import atomic_writer

    n = 0
    with atomic_writer(path) as f:
        f.write(header(srclang))
        for xml in units:
            f.write(b"  ")
            f.write(xml)
            f.write(b"\n")
            n += 1
        f.write(b"</body>\n</tmx>\n")
    return n


def checked_units(units: Iterable[bytes], source: str) -> Iterator[bytes]:
    """``units`` as they come, checked to make a well-formed TMX body (a damaged store must not export
    a file that no reader, ours included, accepts): each is one ``<tu>`` element, and the run of them
    is well-formed XML (one expat parser, no tree). A bad one is an InputError on ``source``."""
    from xml.parsers import expat

    from ..io import xmlsafe

    checker = xmlsafe.well_formed_stream()
    n = 0
    try:
        checker.Parse(b"<body>")
        for xml in units:
            n += 1
            body = xml.strip()
            if not (body.startswith(b"<tu") and body[3:4] in b" \t\r\n>/" and body.endswith((b"</tu>", b"/>"))):
                raise expat.ExpatError("not one <tu> element")
            checker.Parse(xml)
            yield xml
        checker.Parse(b"</body>", True)
    except expat.ExpatError as exc:
        raise InputError(source, 1, 1, f"translation unit {n} in the store is not well-formed TMX "
                                       f"({expat.ErrorString(exc.code) if getattr(exc, 'code', None) else exc}): "
                                       "the store is damaged; nothing written") from None


def _seg(text: str, codes: list[tuple[bool, str]]) -> str:
    """A <seg>: text pieces escaped, code pieces as <ph>."""
    from xml.sax.saxutils import escape

    out = ["<seg>"]
    for is_code, piece in codes:
        out.append(f"<ph>{escape(piece)}</ph>" if is_code else escape(piece))
    out.append("</seg>")
    return "".join(out)


def unit_xml(en: list[tuple[bool, str]], ja: list[tuple[bool, str]], props: dict[str, str],
             date: str, tuid: str | None = None, en_lang: str = "en-US", ja_lang: str = "ja-JP") -> bytes:
    """The XML of a TU made by bilingual: EN and JA as (is_code, text) pieces, props in order."""
    from xml.sax.saxutils import escape, quoteattr

    attrs = f' tuid={quoteattr(tuid)}' if tuid else ""
    parts = [f'<tu{attrs} creationtool="bilingual" creationdate="{date}" changedate="{date}">']
    for k, v in props.items():
        parts.append(f"<prop type={quoteattr(k)}>{escape(v)}</prop>")
    parts.append(f'<tuv xml:lang="{en_lang}">{_seg("", en)}</tuv>')
    parts.append(f'<tuv xml:lang="{ja_lang}">{_seg("", ja)}</tuv>')
    parts.append("</tu>")
    return "".join(parts).encode()
