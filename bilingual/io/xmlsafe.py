"""The one place every XML reader gets its parser: no entities, no DTDs, no network.

TMX, TBX, XLIFF and DOCX parts come from other offices, other tools and the
internet. Every reader parses them through this module:

- ``parser()`` — lxml with ``no_network=True, load_dtd=False,
  resolve_entities=False, huge_tree=False`` and a resolver that refuses to
  load anything, so no external entity, DTD or URL is ever read;
- ``well_formed()`` — expat's check, without a tree, of a block that has no DOCTYPE;
- ``parse()`` / ``iterparse()`` — refuse, before libxml2 sees the file, a
  DOCTYPE whose internal subset declares entities or uses parameter entities
  (billion laughs, quadratic blowup, XXE); an external DTD reference
  (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, common in TMX) is allowed and never
  loaded; nesting deeper than ``MAX_DEPTH`` is refused; malformed XML is an
  InputError at the parser's line and column.
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Union

from .errors import InputError
from .limits import MAX_XML_BYTES as MAX_BYTES

if TYPE_CHECKING:
    from xml.parsers.expat import XMLParserType

    from lxml import etree

MAX_DEPTH = 256                        # libxml2's own limit without XML_PARSE_HUGE
PROLOG_WINDOW = 1024 * 1024            # the DOCTYPE must come within the first MiB

Source = Union[bytes, str, "os.PathLike[str]"]

_TRAILER = re.compile(r"(?:,\s*line \d+,\s*column \d+)?(?:\s*\([^()]*, line \d+\))?\s*$")
#: characters XML 1.0 cannot hold: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECL_ENTITY = re.compile(r"<!ENTITY|%[A-Za-z_:][\w.:-]*;")


def parser(**overrides: object) -> etree.XMLParser:
    """A hardened lxml ``XMLParser``; keyword arguments may add options, never weaken these."""
    from lxml import etree

    options: dict[str, object] = dict(remove_blank_text=False)
    options.update(overrides)
    options.update(no_network=True, load_dtd=False, resolve_entities=False, huge_tree=False,
                   dtd_validation=False, attribute_defaults=False)
    p = etree.XMLParser(**options)
    p.resolvers.add(_RefuseResolver())
    return p


@lru_cache(maxsize=1)
def _resolver_class() -> type[etree.Resolver]:
    from lxml import etree

    class RefuseResolver(etree.Resolver):
        """Defence in depth: should libxml2 ever ask to load a URL, give it nothing."""

        def resolve(self, url: str, pubid: str | None, context: object) -> object:  # lxml's signature
            return self.resolve_string("", context)

    return RefuseResolver


def _RefuseResolver() -> etree.Resolver:  # behaves like a class, built lazily to keep lxml out of start-up
    return _resolver_class()()


def _message(exc: BaseException) -> str:
    msg = str(getattr(exc, "msg", None) or exc)
    msg = _TRAILER.sub("", msg).strip().rstrip(".")
    if msg.startswith("Excessive depth in document"):
        return f"elements nested deeper than {MAX_DEPTH} levels; refused"
    if "amplification" in msg or ("entity" in msg.lower() and "loop" in msg.lower()):
        return "entity expansion refused (an entity-expansion attack?)"
    return msg


def syntax_error(path: str, exc: BaseException) -> InputError:
    """An lxml ``XMLSyntaxError`` as a located InputError."""
    position = getattr(exc, "position", None) or (1, 1)
    line, col = position
    return InputError(path, line or 1, col or 1, f"invalid XML: {_message(exc)}")


def _decode_head(head: bytes) -> str:
    """Enough of the file's start to find its DOCTYPE (markup is ASCII in every encoding we read)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    for bom, lead, codec in ((b"\xff\xfe\x00\x00", b"<\x00\x00\x00", "utf-32-le"),
                             (b"\x00\x00\xfe\xff", b"\x00\x00\x00<", "utf-32-be")):
        if head.startswith(bom):                 # (before UTF-16: its LE BOM begins the same)
            return head[4:len(head) - len(head) % 4].decode(codec, "replace")
        if head.startswith(lead):
            return head[:len(head) - len(head) % 4].decode(codec, "replace")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", "replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", "replace")
    return head.decode("latin-1")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_prolog(head: bytes, path: str, complete: bool) -> None:
    """Refuse a DOCTYPE that declares entities; ``head`` is the file's first bytes.

    ``complete`` says ``head`` is the whole file. A prolog (declaration,
    comments, processing instructions, DOCTYPE) that does not end within
    ``PROLOG_WINDOW`` bytes is refused too.
    """
    text = _decode_head(head)
    if complete and not text.strip(" \t\r\n\x00"):
        raise InputError(path, 1, 1, "invalid XML: the file is empty")
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if text.startswith("<?", i):
            j = text.find("?>", i)
        elif text.startswith("<!--", i):
            j = text.find("-->", i)
        elif text.startswith("<!DOCTYPE", i):
            _check_doctype(text, i, path, complete)
            return
        else:
            return                        # the root element (or not XML: libxml2 will say so)
        if j == -1:
            if not complete:
                line, col = _position(text, i)
                raise InputError(path, line, col, f"the XML prolog is longer than {PROLOG_WINDOW} bytes; refused")
            return
        i = j + 2


def _check_doctype(text: str, start: int, path: str, complete: bool) -> None:
    i = start + len("<!DOCTYPE")
    quote = None
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == ">":
            return                        # no internal subset: an external DTD is never loaded
        elif c == "[":
            end = _subset_end(text, i + 1)
            if end == -1 and not complete:
                line, col = _position(text, start)
                raise InputError(path, line, col, f"the DOCTYPE is longer than {PROLOG_WINDOW} bytes; refused")
            subset = text[i + 1:end if end != -1 else len(text)]
            m = _DECL_ENTITY.search(_strip_comments(subset))
            if m:
                offset = text.find(m.group(), i + 1)
                line, col = _position(text, offset if offset != -1 else start)
                what = "declares entities" if m.group() == "<!ENTITY" else "uses parameter entities"
                raise InputError(path, line, col, f"the DOCTYPE {what}: refused "
                                                  "(entity expansion and external entities are attack vectors)")
            return
        i += 1


def _subset_end(text: str, i: int) -> int:
    """Index of the ``]`` closing an internal subset starting at ``i`` (quotes and comments skipped)."""
    quote = None
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif text.startswith("<!--", i):
            j = text.find("-->", i)
            if j == -1:
                return -1
            i = j + 3
            continue
        elif c == "]":
            return i
        i += 1
    return -1


def _strip_comments(subset: str) -> str:
    return re.sub(r"<!--.*?-->", "", subset, flags=re.S)


def _check_tree(root: etree._Element, path: str) -> None:
    """After parsing: no entity declarations got through (defence in depth)."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(path, 1, 1, "the DOCTYPE declares entities: refused")


def read_limited(path: str, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes, refusing more than ``limit``; InputError if unreadable."""
    from .fsutil import read_input

    return read_input(path, limit)


def parse(source: Source, path_for_errors: str | None = None) -> etree._Element:
    """Parse a whole document (bytes or a path) safely; return its root element.

    Raises InputError (``path:line:col``) for malformed XML, entity
    declarations, nesting deeper than ``MAX_DEPTH`` or more than ``MAX_BYTES``.
    """
    from lxml import etree

    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        path = path_for_errors or "<xml>"
    else:
        path = path_for_errors or os.fspath(source)
        data = read_limited(os.fspath(source))
    if len(data) > MAX_BYTES:
        raise InputError(path, 1, 1, f"file is {len(data)} bytes; the limit is {MAX_BYTES}")
    check_prolog(data[:PROLOG_WINDOW], path, complete=len(data) <= PROLOG_WINDOW)
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise syntax_error(path, exc) from None
    if root is None:
        raise InputError(path, 1, 1, "invalid XML: no root element")
    _check_tree(root, path)
    return root


def well_formed(*parts: bytes) -> bool:
    """Whether the UTF-8 document made of ``parts`` is well-formed XML (expat: no tree, fast).

    For documents without a DOCTYPE (blocks of a file whose prolog was checked):
    an entity reference other than the five predefined ones is an error, and
    nothing is loaded.
    """
    from xml.parsers import expat

    checker = well_formed_stream()
    try:
        for part in parts[:-1]:
            checker.Parse(part)
        checker.Parse(parts[-1], True)
    except expat.ExpatError:
        return False
    return True


def well_formed_stream() -> XMLParserType:
    """An expat parser to feed (``Parse(part)``, ``Parse(last, True)``) a document without a DOCTYPE in
    parts, checking it is well-formed as it goes; raises ``xml.parsers.expat.ExpatError``."""
    from xml.parsers import expat

    checker = expat.ParserCreate("UTF-8")
    checker.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return checker


class SafeIterparse:
    """``(event, element)`` pairs streamed from a file, safely; errors are located InputErrors.

    Iterate once. ``root`` is the root element once parsing has begun (as
    lxml's ``iterparse().root``). The caller clears elements it is done with.
    """

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], tags: Iterable[str] | str | None = None,
                 events: tuple[str, ...] = ("end",), path_for_errors: str | None = None) -> None:
        from lxml import etree

        if isinstance(source, (str, os.PathLike)):
            self.path = path_for_errors or os.fspath(source)
            from .fsutil import check_regular

            check_regular(source)
            try:
                stream: IO[bytes] = open(os.fspath(source), "rb")  # noqa: SIM115 - owned, closed by close()
            except OSError as exc:
                raise InputError(self.path, 1, 1, f"cannot read: {exc.strerror}") from None
            self._owned: IO[bytes] | None = stream
        else:
            self.path = path_for_errors or str(getattr(source, "name", "<xml>"))
            stream, self._owned = source, None
        try:
            head = stream.read(PROLOG_WINDOW)
            check_prolog(head, self.path, complete=len(head) < PROLOG_WINDOW)
        except BaseException:
            self.close()
            raise
        seekable = getattr(stream, "seekable", None)
        feed: IO[bytes] | _Chain = stream
        if seekable is not None and seekable() and hasattr(stream, "seek"):
            stream.seek(-len(head), io.SEEK_CUR)
        else:
            feed = _Chain(head, stream)
        if isinstance(tags, str):
            tags = [tags]
        self._context = etree.iterparse(feed, events=events, tag=list(tags) if tags else None,
                                        no_network=True, load_dtd=False, resolve_entities=False,
                                        huge_tree=False, remove_blank_text=False)
        self._context.resolvers.add(_RefuseResolver())

    @property
    def root(self) -> etree._Element:
        return self._context.root

    def __iter__(self) -> Iterator[tuple[str, etree._Element]]:
        from lxml import etree

        checked = False
        try:
            for event, element in self._context:
                if not checked:
                    _check_tree(element, self.path)
                    checked = True
                yield event, element
        except etree.XMLSyntaxError as exc:
            raise syntax_error(self.path, exc) from None
        finally:
            self.close()

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()
            self._owned = None


def iterparse(source: str | os.PathLike[str] | IO[bytes], tags: Iterable[str] | str | None = None,
              events: tuple[str, ...] = ("end",), path_for_errors: str | None = None) -> SafeIterparse:
    """Stream ``(event, element)`` pairs from a file or binary stream (see ``SafeIterparse``)."""
    return SafeIterparse(source, tags, events, path_for_errors)


class _Chain(io.RawIOBase):
    """Bytes already read, then the rest of a non-seekable stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]  # typeshed: any buffer; lxml passes a bytearray
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)
