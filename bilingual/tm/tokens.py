"""What the TM compares: English words, Japanese characters, numbers, punctuation.

English is compared word by word (case-folded, full-width folded; every
number one token ``#``); Japanese character by character (whitespace and
punctuation left out, every number one unit ``#``). Numbers and punctuation
are compared apart, as penalties (see :mod:`bilingual.tm.fuzzy`).
"""
from __future__ import annotations

import itertools
import re
import sys
import unicodedata
import zlib

NUM = "#"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_EN_WORD = re.compile(r"#|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\W_]+")

# full-width ASCII → ASCII, ideographic space → space
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def _entry(c: int) -> tuple[str, str]:
    """The (JA, EN) replacement of one code point of the BMP.

    Both fold full-width ASCII and turn every digit into ``#`` (runs are then
    one number); JA drops whitespace and punctuation, EN makes them spaces and
    lower-cases.
    """
    ch = chr(c)
    f = chr(c - 0xFEE0) if 0xFF01 <= c < 0xFF5F else ch
    cat = unicodedata.category(f)
    if (f.isdigit() and f.isascii()) or cat == "Nd":
        return NUM, NUM
    if cat[0] in "PZSC" or f.isspace():
        return "", " "
    return f, (f.lower() if len(f.lower()) == 1 else f)


class _OnDemand(dict):
    """A ``str.translate`` table filled one code point at a time, as texts meet them.

    One text's tokens need no table of all 65,536 entries (building it takes
    tens of ms of a small check's start-up).
    """

    def __init__(self, side: int) -> None:
        super().__init__()
        self.side = side

    def __missing__(self, c: int) -> str:
        to = self[c] = _entry(c)[self.side] if c < 0x10000 else chr(c)
        return to


_JA_ON_DEMAND = _OnDemand(0)
_EN_ON_DEMAND = _OnDemand(1)


_RUN = re.compile(r"#+")


def fold(text: str) -> str:
    """Full-width ASCII to half-width (digits, letters, punctuation); length unchanged."""
    return text.translate(_FOLD)


def numbers(text: str) -> list[str]:
    """The numbers of a text, by value (``1,000`` = ``1000``; full-width digits folded)."""
    out = []
    for m in _NUMBER.finditer(fold(text)):
        v = m.group()
        if "," in v and re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", v):
            v = v.replace(",", "")
        out.append(v)
    return out


def punctuation(text: str) -> str:
    """The punctuation characters in order (width folded)."""
    return "".join(c for c in fold(text) if unicodedata.category(c)[0] == "P")


def en_tokens(text: str) -> list[str]:
    """English words, lower-cased, numbers as ``#``."""
    toks = text.translate(_EN_ON_DEMAND).split()
    if NUM in text or NUM in "".join(toks):
        toks = [NUM if NUM in t else t for t in toks]
    return toks


def ja_units(text: str) -> str:
    """Japanese characters without whitespace and punctuation, numbers as ``#``, width folded."""
    u = text.translate(_JA_ON_DEMAND)
    return _RUN.sub(NUM, u) if NUM in u else u


def units(text: str, lang: str) -> list[str] | str:
    return en_tokens(text) if lang == "en" else ja_units(text)


_KEYS: dict[str, int] = {}


def en_keys(tokens: list[str]) -> list[int]:
    """CRC-32 of each word (cached: a TM's vocabulary is small)."""
    cache = _KEYS
    out = []
    for t in tokens:
        k = cache.get(t)
        if k is None:
            if len(cache) > 200_000:
                cache.clear()
            k = cache[t] = zlib.crc32(t.encode())
        out.append(k)
    return out


def ja_keys(u: str) -> list[int]:
    """Character bigrams packed into integers; a one-character text gets its character."""
    if len(u) == 1:
        return [ord(u) << 21]
    return [(ord(a) << 21) | ord(b) for a, b in itertools.pairwise(u)]


def index_keys(text: str, lang: str) -> tuple[list[int], int]:
    """Index keys (with repeats) and the length in units (words for EN, characters for JA)."""
    if lang == "en":
        toks = en_tokens(text)
        return en_keys(toks), len(toks)
    u = ja_units(text)
    return ja_keys(u), len(u)


assert sys.maxunicode < (1 << 21)
