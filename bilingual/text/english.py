"""English words for term matching: tokens with offsets, and inflection-free keys.

Keys are Snowball stems (PyStemmer) of the lower-cased word with any
possessive removed, so ``systems``, ``system's`` and ``System`` share one key.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

WORD = re.compile(r"[A-Za-z0-9]+(?:[.’'][A-Za-z0-9]+)*")


@lru_cache(maxsize=1)
def _stemmer() -> Any:                          # a Stemmer.Stemmer (PyStemmer is untyped)
    import Stemmer

    return Stemmer.Stemmer("english")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for every word; hyphens and punctuation separate words."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


#: Marks that end a run of words: a term's words may be written across one only where the term itself has
#: it there (the comma of "Ministry of Education, Culture, …", the period of "U.S. Department …"). Not
#: breaks: spaces, hyphens and dashes that join (U.S.–Japan), the slash, and ' and ’ (apostrophes).
BREAKS = frozenset(',.;:!?"“”‘«»()[]{}<>|—…（）「」『』【】〔〕、。，．；：！？')


def breaks(gap: str) -> frozenset[str]:
    """The marks of ``BREAKS`` in the text between two words."""
    return BREAKS.intersection(gap)


def gaps(text: str, toks: list[tuple[int, int, str]]) -> list[str]:
    """The text between each two consecutive tokens of ``text``."""
    return [text[a[1]:b[0]] for a, b in pairwise(toks)]


# Endings that inflect a word without deriving a new one. Snowball stems also
# conflate derivations (commercial / commercially / commercialization share
# "commerci"), which a terminology check must keep apart.
_INFLECTIONS = frozenset({"", "s", "es", "ies", "y", "ied", "e", "ed", "d", "ing", "'s", "’s", "'", "’"})
_ENDING = max(map(len, _INFLECTIONS))       # the longest ending
_POSSESSIVES = frozenset({"'s", "'S", "’s", "’S"})


def same_word(written: str, term_word: str) -> bool:
    """True if two words with one stem differ only by an inflectional ending: what follows their common
    prefix is, in each, one of ``_INFLECTIONS``."""
    a, b = written.lower(), term_word.lower()
    if a == b:
        return True
    # an ending is at most _ENDING long, so the common prefix is at least this long (checked at C speed)
    n = max(len(a), len(b)) - _ENDING
    if n > 0 and a[:n] != b[:n]:
        return False
    n = max(n, 0)
    shorter = min(len(a), len(b))
    while n < shorter and a[n] == b[n]:
        n += 1
    return a[n:] in _INFLECTIONS and b[n:] in _INFLECTIONS


def acronym_with_o(word: str) -> bool:
    """An acronym written with a lower-case *o* for *of* or *on* (DoE, DoS, MoU, ToR): capitals, and
    one *o* between them. Not a chemical formula or a unit (CaO, FeS, pA, uS), nor a word (Doe, us)."""
    inner = word[1:-1]
    return (len(word) >= 3 and word[0].isupper() and word[-1].isupper() and inner.count("o") == 1
            and all(c.isupper() or c == "o" for c in inner))


def without_possessive(word: str) -> str:
    """``word`` without a final 's or ’s, in either case (no regular expression: it is called for every
    word a term matches and every new word stemmed)."""
    return word[:-2] if word[-2:] in _POSSESSIVES else word


_KEYS: dict[str, str] = {}


def keys(words: list[str]) -> list[str]:
    """The matching key of each word (stems of distinct words are cached: text repeats its words)."""
    cache = _KEYS
    missing = [w for w in words if w not in cache]
    if missing:
        if len(cache) > 1_000_000:
            cache.clear()
        stripped = [without_possessive(w).lower().replace("’", "'") for w in missing]
        cache.update(zip(missing, _stemmer().stemWords(stripped), strict=True))
    return [cache[w] for w in words]
