"""Plain text and Markdown in one language: each paragraph is a segment.

Paragraphs are separated by blank lines. In Markdown, fenced code, front
matter, HTML comments and link definitions are skipped; heading, list and
quote markers are not text; inline markup is parsed as in content YAML.
``bilingual: ignore[rule,…]`` anywhere on a paragraph's lines (in an HTML
comment, say) suppresses those rules for it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import repeat

from ..content.model import Segment
from ..io.errors import InputError

_SUPPRESS = re.compile(r"bilingual:\s*ignore\[([^\]]*)\]")
_MARKER = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LINKDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
_FOOTDEF = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:\s?")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINE_END = re.compile(r"\r\n?|\n")


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 (BOM allowed) or UTF-16 with a BOM."""
    from ..io.yamlpos import decode_text as _decode

    return _decode(path, data)


def read_text(path: str, data: bytes, lang: str, markdown: bool) -> tuple[list[Segment], str]:
    """Segments of a monolingual text file, and the decoded text."""
    if lang not in ("en", "ja"):
        raise InputError(path, 1, 1, f"--lang must be en or ja for {path}")
    source = decode_text(path, data)
    from ..io.limits import MAX_LINE_CHARS, long_line

    too_long = long_line(source)
    if too_long is not None:
        raise InputError(path, *too_long, f"a line longer than {MAX_LINE_CHARS} characters; that is the limit")
    lines = _LINE_END.split(source)         # CRLF, LF and a lone CR (old Mac files) all end a line
    starts = [0, *(m.end() for m in _LINE_END.finditer(source))]
    labels = {m.group(1) for line in lines for m in [_FOOTDEF.match(line)] if m} if markdown else set()
    segments: list[Segment] = []
    para: list[tuple[int, int, int]] = []      # (line index, start col, end col) of each line's text
    in_fence = False
    front = markdown and lines and lines[0].strip() == "---"

    def flush() -> None:
        if para:
            segments.append(_segment(path, source, starts, para, lang, markdown, labels, len(segments) + 1))
            para.clear()

    for no, line in enumerate(lines):
        body = line
        if front:
            if no > 0 and body.strip() in ("---", "..."):
                front = False
            continue
        if markdown and _FENCE.match(body):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not body.strip() or (markdown and (_LINKDEF.match(body) or body.strip().startswith(("<!--", "|---")))):
            if body.strip().startswith("<!--") and _SUPPRESS.search(body) and para:
                para.append((no, len(body), len(body)))          # a suppression right under a paragraph
                continue
            flush()
            continue
        start = 0
        if markdown:
            m = _FOOTDEF.match(body) or _MARKER.match(body)
            if m:
                if _MARKER.match(body) and para:
                    flush()                                     # a list item starts a new segment
                start = m.end()
        para.append((no, start, len(body)))
    flush()
    return segments, source


def _segment(path: str, source: str, starts: list[int], para: list[tuple[int, int, int]], lang: str, markdown: bool,
             labels: set[str], n: int) -> Segment:
    raw_chars: list[str] = []
    offsets: list[int] = []
    ignore: set[str] = set()
    for _k, (no, a, b) in enumerate(para):
        line_text = source[starts[no]:starts[no] + b]
        if "bilingual" in line_text:
            for m in _SUPPRESS.finditer(line_text):
                ignore |= {r.strip() for r in m.group(1).split(",") if r.strip()}
        if a == b:
            continue
        if raw_chars:
            raw_chars.append("\n")
            offsets.append(starts[no] - 1)
        piece = line_text[a:]
        if markdown:
            piece = _COMMENT.sub(lambda m: " " * len(m.group()), piece)
        raw_chars.append(piece)         # one piece a line; the comment blanking keeps its length
        offsets.extend(range(starts[no] + a, starts[no] + a + len(piece)))
    raw = "".join(raw_chars).rstrip()
    offsets = offsets[:len(raw)]
    end = offsets[-1] + 1 if offsets else starts[para[0][0]]
    if markdown:
        from ..content.inline import InlineError, parse_inline, plain_text

        try:
            text = parse_inline(raw, labels)
        except InlineError:
            text = plain_text(raw)
    else:
        from ..content.inline import plain_text

        text = plain_text(raw)

    def pos(o: int) -> tuple[int, int]:
        line = bisect_right(starts, o) - 1
        return line + 1, o - starts[line] + 1

    if len(para) == 1 and offsets:
        # one line: consecutive columns
        line, col = pos(offsets[0])
        text.positions = [*zip(repeat(line), range(col, col + len(offsets))), pos(end)]
    else:
        text.positions = [pos(o) for o in offsets] + [pos(end)]
    first_line = para[0][0] + 1
    seg = Segment(f"para-{n}", None, None, line=first_line, ignore=frozenset(ignore), origin="text")
    setattr(seg, lang, text)
    return seg
