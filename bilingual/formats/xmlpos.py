"""Text of XML elements with the file position of every character.

lxml gives an element's line (``sourceline``) but no column and no offsets
for its text. The element's raw characters are scanned here instead: entity
references and CDATA are decoded, comments skipped, inline code elements
(placeholders, paired codes) left out, and each character keeps the offset
it was written at, so findings point at line:col in the file the user edits.
Hand-written: neither lxml nor the standard library exposes this.
"""
from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..content.model import Run, Text

if TYPE_CHECKING:
    from lxml import etree

_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NAME = re.compile(r"[^\s/>]+")
_LINE_END = re.compile(r"\r\n?|\n")


def parser() -> etree.XMLParser:
    """The hardened lxml parser every XML reader uses (see ``xmlsafe``)."""
    from ..io.xmlsafe import parser as safe_parser

    return safe_parser()


def parse(path: str, data: bytes) -> etree._Element:
    """Parse XML bytes safely (``xmlsafe.parse``); an InputError at the parser's line and column on bad XML."""
    from ..io.xmlsafe import parse as safe_parse

    return safe_parse(data, path)


def decode(data: bytes, declared: str | None = None) -> str:
    """The characters of an XML file (BOM, then the declared encoding, then UTF-8)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):     # UTF-32 (before UTF-16's BOM)
        return data.decode("utf-32", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = _DECL_ENCODING.match(data)
    enc = declared or (m.group(1).decode("ascii") if m else "utf-8")
    try:
        return data.decode(enc, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


class XmlText(Text):
    """A Text read from XML: a finding ends just after its last character as written (``&amp;`` whole)."""

    #: (line, column) just after each character as written; set by ``Locator.text``
    ends: list[tuple[int, int]] | None = None

    def locate(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        where = super().locate(start, end)
        if where is None or not self.plain or self.ends is None:
            return where
        last = min(max(end, start + 1), len(self.plain)) - 1
        l2, c2 = self.ends[last]
        return where[0], where[1], l2, c2


class Locator:
    """Finds elements' raw text in a decoded XML file, in document order."""

    def __init__(self, source: str) -> None:
        self.source = source
        # a line ends at CRLF, LF or a lone CR (old Mac files; XML reads all three as a line end)
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(source)]
        self.cursor = 0

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def text(self, el: etree._Element, skip: frozenset[str], expected: str) -> Text:
        """The element's text as a Text whose positions point into the file.

        ``expected`` is the text lxml gives (the same skipping rules): when the
        scan does not reproduce it, every character is placed at the element's line.
        """
        local = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        line = max(1, (el.sourceline or 1))
        # libxml2 reports the line where the start tag ends: look from a few lines before it
        lo = self.starts[max(0, min(line - 1, len(self.starts) - 1) - 3)]
        pattern = re.compile(r"<(?:[\w.-]+:)?" + re.escape(local) + r"(?=[\s/>])")
        m = pattern.search(self.source, max(lo, self.cursor))
        if m is None:
            m = pattern.search(self.source, lo)
        chars: list[str] = []
        offsets: list[int] = []
        end = None
        if m is not None:
            try:
                end = _scan(self.source, m.start(), skip, chars, offsets)
            except (IndexError, ValueError):
                end = None
        plain = "".join(chars)
        if end is None or plain != expected:
            l0 = self.starts[min(line - 1, len(self.starts) - 1)]
            offsets = [l0] * len(expected)
            plain = expected
            end_offset = l0 + 1
        else:
            assert m is not None                # the scan started at it
            self.cursor = end
            end_offset = offsets[-1] + 1 if offsets else m.end()
        positions = [self.position(o) for o in offsets] + [self.position(end_offset)]
        text = XmlText(raw=plain, plain=plain, runs=[Run(plain)] if plain else [],
                       plain_to_raw=list(range(len(plain))), positions=positions)
        text.ends = [self.position(o + _written_length(self.source, o)) for o in offsets]
        return text


def _written_length(src: str, offset: int) -> int:
    """How many characters of the file one text character takes (an entity or a <cp/> is longer)."""
    c = src[offset] if offset < len(src) else ""
    if c == "&":
        j = src.find(";", offset)
        return j - offset + 1 if j != -1 else 1
    if c == "<":
        j = src.find(">", offset)
        return j - offset + 1 if j != -1 else 1
    if c == "\r" and src.startswith("\r\n", offset):
        return 2
    return 1


def _scan(src: str, start: int, skip: frozenset[str], chars: list[str], offsets: list[int]) -> int:
    """Collect the text characters of the element starting at ``src[start]``; return the end offset."""
    i = src.index(">", start)
    if src[i - 1] == "/":
        return i + 1
    i += 1
    depth = 1
    while True:
        c = src[i]
        if c == "<":
            if src.startswith("<!--", i):
                i = src.index("-->", i) + 3
            elif src.startswith("<![CDATA[", i):
                j = src.index("]]>", i)
                for k in range(i + 9, j):
                    chars.append(src[k])
                    offsets.append(k)
                i = j + 3
            elif src.startswith("<?", i):
                i = src.index("?>", i) + 2
            elif src.startswith("</", i):
                i = src.index(">", i) + 1
                depth -= 1
                if depth == 0:
                    return i
            else:
                tag = _NAME.match(src, i + 1)
                if tag is None:
                    raise ValueError("a tag without a name")
                name = tag.group().split(":")[-1]
                close = src.index(">", i)
                selfclosing = src[close - 1] == "/"
                if name == "cp" and selfclosing:                 # XLIFF 2: <cp hex="0001"/>
                    hexv = re.search(r'hex\s*=\s*["\']([0-9A-Fa-f]+)', src[i:close])
                    if hexv:
                        try:
                            chars.append(chr(int(hexv.group(1), 16)))
                            offsets.append(i)
                        except (ValueError, OverflowError):
                            pass
                    i = close + 1
                elif name in skip and not selfclosing:
                    i = _skip_element(src, close + 1, name)
                else:
                    i = close + 1
                    if not selfclosing:
                        depth += 1
        elif c == "&":
            j = src.index(";", i)
            ref = src[i + 1:j]
            if ref.startswith("#x") or ref.startswith("#X"):
                chars.append(chr(int(ref[2:], 16)))
            elif ref.startswith("#"):
                chars.append(chr(int(ref[1:])))
            elif ref in _ENTITIES:
                chars.append(_ENTITIES[ref])
            else:
                i = j + 1                                        # an unresolved entity: no text
                continue
            offsets.append(i)
            i = j + 1
        elif c == "\r":
            chars.append("\n")
            offsets.append(i)
            i += 2 if src.startswith("\r\n", i) else 1
        else:
            chars.append(c)
            offsets.append(i)
            i += 1


def _skip_element(src: str, i: int, name: str) -> int:
    depth = 1
    pat = re.compile(r"<(/?)(?:[\w.-]+:)?" + re.escape(name) + r"(?=[\s/>])")
    while depth:
        m = pat.search(src, i)
        if m is None:
            raise ValueError("unclosed element")
        close = src.index(">", m.start())
        if m.group(1):
            depth -= 1
        elif src[close - 1] != "/":
            depth += 1
        i = close + 1
    return i


def element_text(el: etree._Element, skip: frozenset[str]) -> str:
    """lxml's view of an element's text, with the content of ``skip`` elements left out."""
    from lxml import etree

    out: list[str] = []

    def walk(node: etree._Element, top: bool) -> None:
        if not top:
            tag = node.tag.split("}")[-1] if isinstance(node.tag, str) else None
            if node.tag is etree.Comment or node.tag is etree.PI:
                out.append(node.tail or "")
                return
            if node.tag is etree.Entity:
                out.append(node.tail or "")
                return
            if tag == "cp" and node.get("hex"):
                with contextlib.suppress(ValueError, OverflowError):
                    out.append(chr(int(node.get("hex"), 16)))
                out.append(node.tail or "")
                return
            if tag in skip:
                out.append(node.tail or "")
                return
        out.append(node.text or "")
        for child in node:
            walk(child, False)
        if not top:
            out.append(node.tail or "")

    walk(el, True)
    return "".join(out)
