"""Sentence splitting for English and Japanese, as character spans.

The splitting itself is pysbd's (a dependency): its English rules
know abbreviations (U.S., Dr., No., e.g.), numbers (3.5) and footnote marks
after a full stop; its Japanese rules split after 。！？ and keep 「」 and
（） whole. It is a pure-Python rule set with no model to download, and
bunkai, the Japanese alternative, cuts inside 「」 in its rule-only mode.

Around pysbd:
- a line break that starts a list item (・, -, ①, (1), 1., a.) or that
  ends a line with no text after it is a boundary of its own, so list items
  are sentences;
- a text with no possible sentence end is one sentence without calling
  pysbd (most headings and list items), which keeps long documents fast;
- spans are found back in the original text, so offsets are exact and
  nothing is cleaned away.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

Span = tuple[int, int]

_LIST_ITEM = re.compile(r"^[ \t\u3000]*(?:[・•\-–*]|[①-⑳]|[(（]?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[)）.．]|"
                        r"第[一二三四五六七八九十\d]+[条項章節])[ \t\u3000]*")
_EN_END = re.compile(r"[.!?][\"'”’)\]]*(?:\d{1,3})?\s+\S")
_JA_END = re.compile(r"[。！？!?．]")


class MissingSplitter(RuntimeError):
    """pysbd is not installed."""


@lru_cache(maxsize=2)
def _segmenter(lang: str) -> Any:                        # a pysbd.Segmenter (pysbd is untyped)
    try:
        import pysbd
    except ImportError:                     # pragma: no cover - the extra is part of the test install
        raise MissingSplitter("sentence splitting needs pysbd: pip install pysbd") from None
    return pysbd.Segmenter(language=lang, clean=False, char_span=False)


def _lines(text: str) -> list[Span]:
    """Blocks separated by a list item's line break or a blank line (other line breaks are wrapping)."""
    blocks: list[Span] = []
    start = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        body = line.strip()
        if pos > start and (not body or _LIST_ITEM.match(line)):
            blocks.append((start, pos))
            start = pos
        pos = end
    if start < len(text):
        blocks.append((start, len(text)))
    return blocks


def _trim(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


_WHOLE_MAX = 400           # characters: a stray "(" or backquote joins no more than this


def _keep_whole(text: str, spans: list[Span], first: int) -> list[Span]:
    """Spans from index ``first`` on (one block's) joined where a cut falls inside a code span
    (an odd number of backquotes so far) or inside parentheses or square brackets: "call `panic!`
    and return", "(see Chapter 2. It explains this.)" and a Markdown link "[it is here!](url)" are
    one sentence each."""
    if len(spans) - first < 2:
        return spans
    out = spans[:first]
    for s, e in spans[first:]:
        if len(out) > first:
            ps, pe = out[-1]
            piece = text[ps:pe]
            if len(piece) < _WHOLE_MAX and (
                    piece.count("`") % 2 or piece.count("(") > piece.count(")") or piece.count("（") > piece.count("）")
                    or piece.count("[") > piece.count("]")):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def split(text: str, lang: str) -> list[Span]:
    """(start, end) of each sentence of ``text``, surrounding white space left out."""
    out: list[Span] = []
    for bs, be in _lines(text):
        first = len(out)
        _split_block(text, bs, be, lang, out)
        out[:] = _keep_whole(text, out, first)
    return _fix_ja(text, out) if lang == "ja" else out


def _split_block(text: str, bs: int, be: int, lang: str, out: list[Span]) -> None:
    block = text[bs:be]
    finder = _EN_END if lang == "en" else _JA_END
    hit = finder.search(block)
    if hit is None or (lang != "en" and hit.end() >= len(block.rstrip())):
        span = _trim(text, bs, be)
        if span:
            out.append(span)
        return
    quick = _quick_en(block) if lang == "en" else _quick_ja(block)
    if quick is not None:
        for a, b in quick:
            span = _trim(text, bs + a, bs + b)
            if span:
                out.append(span)
        return
    pos = 0
    for piece in _segmenter("en" if lang == "en" else "ja").segment(block):
        at = block.find(piece, pos)
        if at < 0:                      # pysbd changed the text (it should not with clean=False)
            at = pos
        span = _trim(text, bs + at, bs + at + len(piece))
        pos = at + len(piece)
        if span:
            out.append(span)
    if pos < len(block):
        span = _trim(text, bs + pos, be)
        if span:
            out.append(span)


_EN_CANDIDATE = re.compile(r"([.!?]+)([\"'”’)\]]*)(\d*)(\s+)(?=(\S))")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_JA_QUICK = re.compile(r"[^。！？]*[。！？]+|[^。！？]+$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    a = English.Abbreviation
    return frozenset(x.lower() for x in (*a.ABBREVIATIONS, *a.PREPOSITIVE_ABBREVIATIONS, *a.NUMBER_ABBREVIATIONS))


def _quick_en(block: str, rough: bool = False) -> list[Span] | None:
    """Sentence spans when every possible end in ``block`` is plain (a word of letters, not one of
    pysbd's abbreviations, then one full stop, ! or ?, a space and a capital; a full stop before a
    lower-case word is no end); None when one is not
    plain, for pysbd to decide. pysbd spends most of its time on abbreviations a text does not have."""
    abbreviations = _abbreviations()
    spans: list[Span] = []
    start = 0
    for m in _EN_CANDIDATE.finditer(block):
        stops, _, digits, _, after = m.groups()
        word = _TOKEN_BEFORE.search(block, 0, m.start())
        token = word.group(1) if word else ""
        if after.islower() and stops == ".":
            continue                        # "the U.S. rebalance", "e.g. the": no sentence starts in lower case
        if (digits or len(stops) > 1 or not after.isupper() or len(token) < 2 or "." in token
                or not token.strip("\"'“‘(").isalpha() or token.strip("\"'“‘(").lower() in abbreviations):
            if rough:
                continue                    # (rough: a doubtful end is no end)
            return None
        spans.append((start, m.start(4)))
        start = m.end()
    spans.append((start, len(block)))
    return spans


def _quick_ja(block: str) -> list[Span] | None:
    """Sentence spans of Japanese with no brackets or Latin stops: after each run of 。！？."""
    if any(ch in block for ch in "「『（(“‘\"'[【!?．.｡"):
        return None
    return [(m.start(), m.end()) for m in _JA_QUICK.finditer(block)]


_OPEN, _CLOSE = "「『（(【〔［", "」』）)】〕］"


def _rough_ja(block: str) -> list[Span]:
    """Japanese sentence spans after 。！？ outside brackets, without pysbd."""
    spans: list[Span] = []
    depth = start = 0
    k = 0
    while k < len(block):
        ch = block[k]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch in "。！？!?" and depth == 0:
            while k + 1 < len(block) and block[k + 1] in "。！？!?」』）)":
                k += 1
            spans.append((start, k + 1))
            start = k + 1
        k += 1
    if start < len(block):
        spans.append((start, len(block)))
    return spans


def split_rough(text: str, lang: str) -> list[Span]:
    """Like :func:`split`, without pysbd: a doubtful full stop (after an abbreviation, a single
    letter, a number) is taken for no sentence end. Fast; it may join two sentences, never cut one
    where :func:`split` would not (used to skip segments that plainly pair off one to one)."""
    out: list[Span] = []
    for bs, be in _lines(text):
        block = text[bs:be]
        pieces = (_quick_en(block, rough=True) if lang == "en" else _rough_ja(block)) or [(0, len(block))]
        first = len(out)
        for a, b in pieces:
            span = _trim(text, bs + a, bs + b)
            if span:
                out.append(span)
        out[:] = _keep_whole(text, out, first)
    return out


def _fix_ja(text: str, spans: list[Span]) -> list[Span]:
    """A piece that is only closing brackets or a footnote mark belongs to the sentence before it."""
    out: list[Span] = []
    for s, e in spans:
        piece = text[s:e]
        if out and re.fullmatch(r"[」』）)\]】\d※*注]+", piece):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in split(text, lang)]
