"""One language's patterns: the key of every term, the terms behind each key, and the automaton.

A key is a string of *units*: one character per word stem in English (see ``_english``), one
character of the normalised copy in Japanese (see ``_japanese``). Only keys of more than one unit go
into the automaton; a one-unit key is looked up unit by unit, where no accepted longer match covers the
unit. That is exact for leftmost-longest: a one-unit match ends before any later match could start, so
it can never hide one.
"""
from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..model import Glossary, Term

if TYPE_CHECKING:
    import numpy as np

P = TypeVar("P", bound="Patterns")


def automaton(keys: list[str]) -> Any:                  # an ahocorasick_rs.AhoCorasick
    """A leftmost-longest Aho-Corasick automaton over ``keys`` (``ahocorasick_rs``, in Rust)."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                      implementation=ahocorasick_rs.Implementation.ContiguousNFA)


class Engine(Generic[P]):
    """One language's matching over one glossary: its patterns, made on first use (None when the glossary has
    no term in that language). ``English`` and ``Japanese`` add their engines and what they remember."""

    def __init__(self, glossary: Glossary, make: Callable[[Glossary], P]) -> None:
        self.pats: P | None = None
        self._glossary = glossary
        self._make = make
        self._built = False

    def patterns(self) -> P | None:
        if not self._built:
            self._built = True
            pats = self._make(self._glossary)
            self.pats = pats if pats.keys else None
        return self.pats


class Patterns:
    """Keys (``keys[p]`` is pattern ``p``), the terms of each key (in glossary order), and the automaton
    over the keys of more than one unit (built on first use: building is the slow part of loading)."""

    def __init__(self, table: dict[str, list[Term]]) -> None:
        self.keys: list[str] = list(table)
        self.terms: list[list[Term]] = list(table.values())
        self.index: dict[str, int] = {k: p for p, k in enumerate(self.keys)}
        self.multi: list[int] = [p for p, k in enumerate(self.keys) if len(k) > 1]   # the automaton's patterns
        self.longest: int = max(map(len, self.keys), default=1)
        self._auto: Any = None
        self._multi_array: tuple[Any, Any] | None = None   # numpy: multi, and those keys' lengths
        self._prefixes: dict[int, list[int]] = {}

    @property
    def auto(self) -> Any:
        if self._auto is None:
            self._auto = automaton([self.keys[p] for p in self.multi])
        return self._auto

    def search(self, stream: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int]]:
        """The automaton's leftmost-longest matches (pattern, start, end) in ``stream[lo:hi]``."""
        hi = len(stream) if hi is None else hi
        multi = self.multi
        piece = stream[lo:hi] if lo or hi < len(stream) else stream
        return [(multi[p], s + lo, e + lo) for p, s, e in self.auto.find_matches_as_indexes(piece)]

    def search_arrays(self, stream: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``search`` over the whole stream, as numpy arrays (pattern, start, end)."""
        import numpy as np

        if self._multi_array is None:
            multi = np.array(self.multi, np.int64)
            self._multi_array = multi, np.fromiter(map(len, self.keys), np.int64, len(self.keys))[multi]
        multi, lengths = self._multi_array
        found = self.auto.find_matches_as_indexes(stream)
        P = np.fromiter(map(itemgetter(0), found), np.int64, len(found))
        S = np.fromiter(map(itemgetter(1), found), np.int64, len(found))
        return multi[P], S, S + lengths[P]

    def prefixes(self, p: int) -> list[int]:
        """Patterns that are proper prefixes of pattern ``p``, longest first."""
        found = self._prefixes.get(p)
        if found is None:
            key, index = self.keys[p], self.index
            found = self._prefixes[p] = [index[key[:n]] for n in range(len(key) - 1, 0, -1) if key[:n] in index]
        return found
