"""What the aligner knows of a sentence or paragraph: its length and its anchors.

An anchor is a key both languages write the same way once normalised:
- ``n:`` a number or date by value (``checks.numbers``: 1,000 = 千 = 1000,
  April 10, 2024 = 2024年4月10日 = 令和6年4月10日);
- ``u:`` a URL or e-mail address;
- ``a:`` an acronym in Latin capitals (ITER, DOE, JT-60SA), which Japanese
  keeps as written;
- ``c:`` a glossary concept: an English term against the concept's approved
  Japanese terms; a term found whole also names the concepts written inside
  it (the JA title 「…戦略的パートナーシップに関する共同声明」 names the
  partnership that the English line "Concerning a Strategic Partnership …"
  names), since the matcher reports only the longest term at a place;
- ``t:`` a TM hit: an English sentence whose TM translation is this very
  Japanese sentence.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..glossary.matcher import TermHit, TermIndex
    from ..tm.store import Store

_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9](?![a-z])")
_SPACE = re.compile(r"\s+")

# weight of an anchor kind when both sides have it, and when only one side has it
MATCH = {"n": 2.0, "u": 3.0, "a": 1.5, "c": 1.0, "t": 6.0}
MISS = {"n": 1.5, "u": 2.0, "a": 0.6, "c": 0.3, "t": 0.0}


@dataclass
class Unit:
    """A sentence or paragraph: its text, its length in characters (no spaces), its anchors."""

    text: str
    length: int
    keys: Counter = field(default_factory=Counter)
    para: int = 0          # the paragraph it belongs to (sentences)
    start: int = 0         # [start, end) in the paragraph's text (sentences)
    end: int = 0


def length(text: str) -> int:
    """Characters that are not spaces: what the length model counts, in either language."""
    return len(text) - sum(1 for ch in text if ch.isspace())


def _acronyms(text: str) -> list[str]:
    """Runs of Latin capitals (ITER, DOE, JT-60SA); none in a heading written all in capitals."""
    copy = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    found = [m.group() for m in _ACRONYM.finditer(copy) if len(m.group()) >= 2 and not m.group().isdigit()]
    if found:
        letters = [c for c in copy if c.isascii() and c.isalpha()]
        if len(letters) > 20 and sum(c.isupper() for c in letters) > len(letters) / 2:
            return []
    return found


class Featurizer:
    """Builds :class:`Unit` objects for one language; glossary and TM are optional."""

    def __init__(self, lang: str, index: TermIndex | None = None, tm: Store | None = None,
                 tm_targets: dict[str, str] | None = None) -> None:
        self.lang = lang
        self.index = index
        self.tm = tm                  # exact lookups
        self.tm_targets = tm_targets if tm_targets is not None else {}
        self._inner: dict[str, list[str]] = {}

    def units(self, texts: list[str]) -> list[Unit]:
        from ..text.numbers import english_numbers, japanese_numbers
        from ..text.urls import find_urls

        numbers = english_numbers if self.lang == "en" else japanese_numbers
        hits = self.index.find_many(texts, self.lang) if self.index is not None else [()] * len(texts)
        out = []
        for text, found in zip(texts, hits, strict=True):
            keys: Counter = Counter()
            if any(ch.isdigit() for ch in text):
                for _, _, value, strong in numbers(text):
                    if strong:
                        keys["n:" + value] += 1
            if ":" in text or "@" in text:
                for _, _, url in find_urls(text):
                    keys["u:" + url.lower()] += 1
            for acr in _acronyms(text):
                keys["a:" + acr] += 1
            for hit in found:
                if self._anchor(hit):
                    keys["c:" + hit.term.concept] += 1
                    for concept in self.inner_concepts(hit):
                        keys["c:" + concept] += 1
            if self.tm is not None:
                self._tm_keys(text, keys)
            out.append(Unit(text, length(text), keys))
        return out

    def _anchor(self, hit: TermHit) -> bool:
        return self.lang == "en" or (hit.term.approved and not hit.variant)

    def inner_concepts(self, hit: TermHit) -> list[str]:
        """The other concepts named inside a term found whole: the hits in its surface less its first
        or last unit (an English word, a Japanese character), where the matcher (leftmost-longest)
        does not report them again."""
        surface = hit.surface
        got = self._inner.get(surface)
        if got is None and self.index is not None:     # (a hit comes from the index: there is one)
            got = list(dict.fromkeys(inner.term.concept for inner in self.index.inside(hit, self.lang)
                                     if self._anchor(inner)))
            self._inner[surface] = got
        return got or []

    def _tm_keys(self, text: str, keys: Counter) -> None:
        norm = _SPACE.sub(" ", text).strip()
        if self.lang != "en":
            keys["t:" + norm] += 1
        elif self.tm is not None:                       # (called with a TM only)
            for tu in self.tm.exact(norm, "en"):
                if tu.ja:
                    keys["t:" + _SPACE.sub(" ", tu.ja).strip()] += 1


def miss_weight(keys: Counter) -> float:
    """What all of ``keys`` would cost if the other side had none of them."""
    return sum(MISS[key[0]] * k for key, k in keys.items()) if keys else 0.0


def anchor_cost(en: Counter, ja: Counter, miss_en: float, miss_ja: float) -> float:
    """``missed - matched`` of :func:`anchor_score`, iterating over the smaller side only.

    ``miss_en``/``miss_ja`` are the sides' :func:`miss_weight` (cached by the caller): a key both
    sides have k and k' times is matched min(k, k') times and missed |k - k'| times.
    """
    if not en or not ja:
        return miss_en + miss_ja
    small, large = (en, ja) if len(en) <= len(ja) else (ja, en)
    both_match = both_miss = 0.0
    for key, k in small.items():
        other = large.get(key)
        if other:
            shared = min(k, other)
            kind = key[0]
            both_match += MATCH[kind] * shared
            both_miss += MISS[kind] * shared
    return miss_en + miss_ja - 2 * both_miss - both_match


def anchor_score(en: Counter, ja: Counter) -> tuple[float, float, list[str], list[str]]:
    """(matched weight, unmatched weight, keys only in EN, keys only in JA) of two anchor multisets."""
    if not en and not ja:
        return 0.0, 0.0, [], []
    if not en or not ja:                    # one side has none: every key is a miss
        side = en or ja
        missed = sum(MISS[key[0]] * k for key, k in side.items())
        keys = [key for key in side if key[0] != "t"]
        return 0.0, missed, (keys if en else []), ([] if en else keys)
    matched = missed = 0.0
    only_en: list[str] = []
    only_ja: list[str] = []
    for key, k in en.items():
        kind = key[0]
        other = ja.get(key, 0)
        matched += MATCH[kind] * min(k, other)
        if k > other:
            if kind == "t":
                continue
            missed += MISS[kind] * (k - other)
            only_en.append(key)
    for key, k in ja.items():
        kind = key[0]
        if kind == "t":
            continue
        other = en.get(key, 0)
        if k > other:
            missed += MISS[kind] * (k - other)
            only_ja.append(key)
    return matched, missed, only_en, only_ja
