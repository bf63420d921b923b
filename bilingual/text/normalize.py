"""A normalised copy of Japanese text for matching, mapped back to the original.

Only the copy is normalised; ``origin`` maps each copy character to the
index of the original character it came from, so every finding points at
the characters the author wrote (official names are never changed).
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

_DELETE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_DOTS = {"・", "･"}
_DASHES = {"-", "‐", "‑", "–", "—", "―", "−", "－", "ｰ", "〜"}
_VU = {"ァ": "バ", "ィ": "ビ", "ェ": "ベ", "ォ": "ボ"}
_SMALL = {"ヶ": "ケ", "ヵ": "カ"}


def is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー" or "\u31f0" <= ch <= "\u31ff"


def is_kanji(ch: str) -> bool:
    """A kanji, or a mark written as one (々 〆 ヶ)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆ヶ"


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xFF66 <= o <= 0xFF9F or 0x3000 <= o <= 0x303F or 0x20000 <= o <= 0x2FFFF)


class Normalized(NamedTuple):
    text: str
    origin: list[int]  # where each copy character starts in the original; plus len(original)
    ends: list[int]    # where each copy character ends in the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of a copy range."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.ends[end - 1]


def _width(ch: str) -> str:
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:        # full-width ASCII
        return chr(o - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def _normalize_slow(text: str) -> Normalized:
    """The reference implementation, one character at a time (kept for tests)."""
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        o = ord(ch)
        if 0xFF66 <= o <= 0xFF9F:    # half-width katakana, with its voicing mark
            j = i + 1
            if j < n and text[j] in "ﾞﾟ":
                j += 1
            for c in unicodedata.normalize("NFKC", text[i:j]):
                out.append(c)
                origin.append(i)
                ends.append(j)
            i = j
            continue
        c = _width(ch)
        if c in _DELETE:
            i += 1
            continue
        if c in _DOTS:
            prev = out[-1] if out else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if not (prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum()):
                i += 1               # フュージョン・エネルギー: the dot is a notation choice
                continue
            c = " "                  # DOE・MEXT: keep the words apart
        if c.isspace():
            prev = out[-1] if out else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)):
                i += 1
                continue
            c = " "
        elif c in _DASHES and out and is_katakana(out[-1]):
            c = "ー"
        elif c == "ヴ":
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt in _VU:
                out.append(_VU[nxt])
                origin.append(i)
                ends.append(i + 2)
                i += 2
                continue
            c = "ブ"
        c = _SMALL.get(c, c)
        out.append(c.lower() if c.isascii() else c)
        origin.append(i)
        ends.append(i + 1)
        i += 1
    # a long vowel mark that ends a katakana word is a notation choice (ユーザ/ユーザー):
    # drop it from the copy, and let the word before it cover it in the original
    keep: list[int] = []
    for k, c in enumerate(out):
        if (c == "ー" and keep and is_katakana(out[keep[-1]]) and out[keep[-1]] != "ー"
                and (k + 1 == len(out) or not is_katakana(out[k + 1]))):
            ends[keep[-1]] = ends[k]
            continue
        keep.append(k)
    return Normalized("".join(out[k] for k in keep), [origin[k] for k in keep] + [n], [ends[k] for k in keep])


# characters that the copy changes, deletes or looks at; every other character is copied as it is
_SPECIAL = re.compile(r"[\uff01-\uff5e\uff61-\uff9f\u3000・･\u200b\u200c\u200d\u2060\ufeff\s\-‐‑–—―−〜ヴヶヵA-Z]")
_LONG_AT_END = re.compile(r"(?<=[\u30a1-\u30fa\u31f0-\u31ff])ー(?![\u30a1-\u30fa\u31f0-\u31ffー])")


def _scan(text: str, specials: Iterable[int]) -> tuple[list[str], list[tuple[int, int, int]]]:
    """The copy's pieces, and for each piece (origin, length, end): ``end`` -1 for a run copied as it is
    (character k of the piece comes from ``origin + k``), else every character of the piece comes from
    the original ``[origin, end)``. Long vowel marks are not dropped yet.

    ``specials`` are the positions of the characters ``_SPECIAL`` finds, in order. Runs of ordinary
    characters are copied in one piece (the identity mapping); only the characters the copy changes are
    looked at one by one.
    """
    n = len(text)
    pieces: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    last = ""
    for i in specials:
        if i < pos:                  # taken with the special character before it (ﾞ, ヴァ)
            continue
        if i > pos:
            pieces.append(text[pos:i])
            runs.append((pos, i - pos, -1))
            last = text[i - 1]
        # one special character, as the reference implementation treats it
        j = i + 1
        ch = text[i]
        o = ord(ch)
        if 0xFF66 <= o <= 0xFF9F:
            if j < n and text[j] in "ﾞﾟ":
                j += 1
            c = unicodedata.normalize("NFKC", text[i:j])
            if c:
                pieces.append(c)
                runs.append((i, len(c), j))
                last = c[-1]
            pos = j
            continue
        c = _width(ch)
        if c in _DELETE:
            pos = j
            continue
        if c in _DOTS:
            nxt = text[j] if j < n else ""
            if not (last.isascii() and last.isalnum() and nxt.isascii() and nxt.isalnum()):
                pos = j
                continue
            c = " "
        if c.isspace():
            nxt = text[j] if j < n else ""
            if (last and is_cjk(last)) or (nxt and is_cjk(nxt)):
                pos = j
                continue
            c = " "
        elif c in _DASHES and last and is_katakana(last):
            c = "ー"
        elif c == "ヴ":
            nxt = text[j] if j < n else ""
            if nxt in _VU:
                pieces.append(_VU[nxt])
                runs.append((i, 1, i + 2))
                last = _VU[nxt]
                pos = i + 2
                continue
            c = "ブ"
        c = _SMALL.get(c, c)
        c = c.lower() if c.isascii() else c
        pieces.append(c)
        runs.append((i, 1, j))
        last = c
        pos = j
    if pos < n:
        pieces.append(text[pos:])
        runs.append((pos, n - pos, -1))
    return pieces, runs


def normalize_ja(text: str) -> Normalized:
    """Width, case, ・, long vowels, ヴ, ヶ and spaces between Japanese characters."""
    n = len(text)
    pieces, runs = _scan(text, (m.start() for m in _SPECIAL.finditer(text)))
    origin: list[int] = []
    ends: list[int] = []
    for o, k, e in runs:
        if e < 0:
            origin.extend(range(o, o + k))
            ends.extend(range(o + 1, o + k + 1))
        else:
            origin.extend([o] * k)
            ends.extend([e] * k)
    copy = "".join(pieces)
    drops = [m.start() for m in _LONG_AT_END.finditer(copy)] if "ー" in copy else []
    if drops:
        # a long vowel mark that ends a katakana word is a notation choice (ユーザ/ユーザー):
        # drop it from the copy, and let the word before it cover it in the original
        for k in drops:
            ends[k - 1] = ends[k]
        bounds = [-1, *drops, len(copy)]
        copy = "".join(copy[a + 1:b] for a, b in itertools.pairwise(bounds))
        kept_origin: list[int] = []
        kept_ends: list[int] = []
        for a, b in itertools.pairwise(bounds):
            kept_origin += origin[a + 1:b]
            kept_ends += ends[a + 1:b]
        origin, ends = kept_origin, kept_ends
    origin.append(n)
    return Normalized(copy, origin, ends)


@lru_cache(maxsize=1)
def _special_table() -> np.ndarray:
    """For each code point: does ``_SPECIAL`` find it (none beyond the BMP is special)."""
    import numpy as np

    table = np.zeros(0x110000, bool)
    table[[m.start() for m in _SPECIAL.finditer("".join(map(chr, range(0x10000))))]] = True
    return table


def normalize_ja_arrays(text: str, code_points: np.ndarray | None = None
                        ) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """``normalize_ja`` for long texts: the copy, its characters' code points, and ``origin`` and ``ends``
    as numpy arrays (``origin`` without the final ``len(text)``). ``code_points``: the text's, if known."""
    import numpy as np

    if code_points is None:
        code_points = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    special = _special_table()[code_points]
    pieces, runs = _scan(text, np.flatnonzero(special).tolist())
    if not runs:
        z = np.zeros(0, np.int64)
        return "", np.zeros(0, np.uint32), z, z
    desc = np.array(runs, dtype=np.int64).reshape(-1, 3)
    lens = desc[:, 1]
    total = int(lens.sum())
    first = np.cumsum(lens) - lens                      # where each piece starts in the copy
    # a run copied as it is: origin + k; a changed piece of one character: origin
    index = np.int32 if len(text) < 2 ** 31 else np.int64   # half the memory to go through
    origin = np.arange(total, dtype=index) + np.repeat((desc[:, 0] - first).astype(index), lens)
    ends = origin + 1
    changed = np.flatnonzero(desc[:, 2] >= 0)
    ends[first[changed]] = desc[changed, 2]
    many = changed[lens[changed] > 1]                   # a changed piece of more characters: all from [o, e)
    for o, k, e, at in zip(desc[many, 0].tolist(), lens[many].tolist(), desc[many, 2].tolist(),
                           first[many].tolist(), strict=True):
        origin[at:at + k] = o
        ends[at:at + k] = e
    if len(runs) == 1 and desc[0, 2] < 0 and total == len(text):
        copy, chars = text, code_points                 # nothing changed
    else:
        copy = "".join(pieces)
        chars = np.frombuffer(copy.encode("utf-32-le"), np.uint32)
    if "ー" in copy:
        # as _LONG_AT_END: ー after a katakana other than ー, and not before katakana or ー
        at = np.flatnonzero(chars == 0x30FC)
        after = np.where(at + 1 < total, chars[np.minimum(at + 1, total - 1)], 0)
        before = chars[at - 1]
        drops = at[(at > 0) & _katakana(before) & ~(_katakana(after) | (after == 0x30FC))]
        if len(drops):
            ends[drops - 1] = ends[drops]
            keep = np.ones(total, bool)
            keep[drops] = False
            origin, ends, chars = origin[keep], ends[keep], chars[keep]
            copy = chars.tobytes().decode("utf-32-le")
    return copy, chars, origin, ends


def _katakana(chars: np.ndarray) -> np.ndarray:
    """``is_katakana`` other than ー, for an array of code points."""
    return ((chars >= 0x30A1) & (chars <= 0x30FA)) | ((chars >= 0x31F0) & (chars <= 0x31FF))
