"""The fuzzy score, the diff shown with a match, and number substitution.

Score of a TM source ``c`` for a query ``q`` (DESIGN.md §4.6), 0–100:

    base  = 100 × (1 − d / max(|q|, |c|))

where ``d`` is the Levenshtein distance over *words* for English (case-folded,
every number one token) and over *characters* for Japanese (whitespace and
punctuation left out, every number one unit). Then penalties:

- numbers: 2 points for each number of one side not found on the other (by value);
- tags: 1 point for each inline tag of one side not on the other (by kind), at most 5;
- punctuation: 1 point when the punctuation differs;
- anything else (letter case, full/half width): 1 point when the texts still differ.

So 100 means the same text (whitespace aside); a context match (same
document and segment id, or the same neighbours) scores 101. Penalties only
lower the base, which is what makes the candidate filter of the index exact
(see :mod:`bilingual.tm.index`).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from .tokens import fold, numbers, punctuation, units

if TYPE_CHECKING:
    import numpy as np

CONTEXT = 101.0


def base_score(q: list[str] | str, c: list[str] | str) -> float:
    from rapidfuzz.distance import Levenshtein

    longest = max(len(q), len(c))
    if longest == 0:
        return 100.0
    return 100.0 * (1.0 - Levenshtein.distance(q, c) / longest)


def _missing(a: list[str], b: list[str]) -> int:
    ca, cb = Counter(a), Counter(b)
    return max(sum((ca - cb).values()), sum((cb - ca).values()))


def score(query: str, cand: str, lang: str, query_tags: list[str] | None = None,
          cand_tags: list[str] | None = None) -> float:
    """The documented score of ``cand`` (a TM source) for ``query``; both plain text in ``lang``."""
    if " ".join(query.split()) == " ".join(cand.split()) and sorted(query_tags or []) == sorted(cand_tags or []):
        return 100.0
    s = base_score(units(query, lang), units(cand, lang))
    s -= 2 * _missing(numbers(query), numbers(cand))
    s -= min(5, _missing(query_tags or [], cand_tags or []))
    if punctuation(query) != punctuation(cand):
        s -= 1
    if s >= 100:
        s = 99.0   # texts differ in case or width only
    return max(0.0, round(s, 1))


#: a score is rounded to one decimal: a TU whose unrounded score is this far below the minimum is still shown
ROUNDING = 0.05


def _threshold(min_score: float) -> float:
    """The lowest unrounded base score (0–1) a TU shown at ``min_score`` can have (penalties only lower it)."""
    return max(0.0, min_score - ROUNDING) / 100.0


def length_bounds(n: int, min_score: float) -> tuple[int, int]:
    """Lengths (in units) a candidate must have to possibly reach ``min_score`` against ``n`` units.

    The distance is at least the difference of the lengths: 1 − (n − m)/n ≥ t
    gives m ≥ t·n, and 1 − (m − n)/m ≥ t gives m ≤ n/t.
    """
    t = _threshold(min_score)
    if t <= 0:
        return 0, 1 << 30
    return math.ceil(t * n - 1e-9), math.floor(n / t + 1e-9)


def _need(M: int | np.ndarray, lang: str, n: int, t: float) -> np.ndarray:
    """Keys (with repeats) a TU must share with a query of ``n`` units when the longer of the two has ``M``.

    At a score ≥ t the distance is d ≤ ⌊(1 − t)·M⌋. English (word keys): the
    words aligned unchanged number at least M − d. Japanese (character
    bigrams, the q-gram lemma): at least (M − 1) − 2d bigrams are shared.
    ≤ 0 means no guarantee. (A one-character Japanese query is keyed by its
    character: a TU of one character reaching t > 0 is that character.)
    """
    import numpy as np

    longer: np.ndarray = np.asarray(M, dtype=np.int64)
    d = np.floor((1 - t) * longer + 1e-9).astype(np.int64)
    if lang == "en":
        return longer - d
    out: np.ndarray = longer - 1 - 2 * d
    if n == 1:
        out = np.where(longer == 1, 1, out)
    return out


def overlap_by_length(n: int, lang: str, min_score: float) -> np.ndarray:
    """``need[L]``: keys a TU whose posting length is L (0–255; 255: that long or longer) must share.

    The index stores lengths capped at 255, so for L = 255 it is the least
    need over every true length from 255 to the longest that can reach the
    score.
    """
    import numpy as np

    t = _threshold(min_score)
    L = np.arange(256)
    need = _need(np.maximum(n, L), lang, n, t)
    _, hi = length_bounds(n, min_score)
    top = max(n, 255)
    if hi >= top:
        need[255] = _need(np.arange(top, min(hi, top + (1 << 20)) + 1), lang, n, t).min()
    return need


_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _pieces(text: str, lang: str) -> list[str]:
    if lang == "en":
        return _WORDS.findall(text)
    return list(text)


def diff(query: str, cand: str, lang: str) -> list[tuple[str, str]]:
    """Word-level (EN) or character-level (JA) diff from the TM source to the query.

    ``("=", s)`` common, ``("-", s)`` in the TM source only, ``("+", s)`` in the query only.
    """
    from difflib import SequenceMatcher

    a, b = _pieces(cand, lang), _pieces(query, lang)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return out


def format_diff(ops: list[tuple[str, str]]) -> str:
    """A diff as text: ``[-removed-]{+added+}`` like ``git diff --word-diff``."""
    return "".join(s if op == "=" else f"[-{s}-]" if op == "-" else f"{{+{s}+}}" for op, s in ops)


_NUM_SPAN = re.compile(r"\d+(?:[.,]\d+)*")


def substitute_numbers(query: str, source: str, target: str) -> str | None:
    """The target with the source's numbers replaced by the query's, when they map one to one.

    The query and the TM source must have as many numbers; each number that
    changes must occur exactly once in the target. ``None`` otherwise (or when
    nothing changes).
    """
    qn, sn = numbers(query), numbers(source)
    if len(qn) != len(sn) or qn == sn:
        return None
    mapping: dict[str, str] = {}
    for s, q in zip(sn, qn, strict=True):
        if mapping.get(s, q) != q:
            return None
        mapping[s] = q
    spans = [(m.start(), m.end(), numbers(m.group())[0]) for m in _NUM_SPAN.finditer(fold(target))]
    values = Counter(v for *_, v in spans)
    out, last = [], 0
    for start, end, value in spans:
        new = mapping.get(value)
        if new is None or new == value:
            continue
        if values[value] != 1:
            return None
        out.append(target[last:start])
        if all("\uff10" <= c <= "\uff19" for c in target[start:end]):
            new = new.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
        out.append(new)
        last = end
    changed = [s for s, q in mapping.items() if s != q]
    if not out or len(out) // 2 != len(changed):
        return None
    out.append(target[last:])
    return "".join(out)
