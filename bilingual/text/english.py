"""English words for term matching: tokens with offsets, and inflection-free keys.

Keys are Snowball stems (PyStemmer) of the lower-cased word with any
possessive removed, so ``systems``, ``system's`` and ``System`` share one key.
"""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z0-9]+(?:[.’'][A-Za-z0-9]+)*")
_POSSESSIVE = re.compile(r"[’']s$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for every word; hyphens and punctuation separate words."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def keys(words: list[str]) -> list[str]:
    """The matching key of each word."""
    stripped = [_POSSESSIVE.sub("", w).lower().replace("’", "'") for w in words]
    return _stemmer().stemWords(stripped)
