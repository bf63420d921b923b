"""What the matcher gives back: ``TermHit``, and ``Found``, the hits of many texts at once."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..model import Term

if TYPE_CHECKING:
    import numpy as np


class TermHit(NamedTuple):
    """A term found in a text (a named tuple: made by the hundred thousand, so made cheaply)."""

    start: int        # [start, end) in the text searched
    end: int
    term: Term
    surface: str      # the characters as written
    variant: bool     # written in another notation (width, ・, ー, case of a name …)


class Choices:
    """The (term, variant) pairs a hit can carry, numbered; 0 stands for a refused match.

    With ``written_as_term`` (Japanese: a hit that is not a variant is the term's own characters), the
    surface of such a choice's every hit is its term's text: ``surfaces`` holds it (else None, and a
    hit's surface is sliced from its text), so that hits share it instead of each slicing its own.
    """

    def __init__(self, written_as_term: bool = False) -> None:
        self.terms: list[Term | None] = [None]       # choice -> its term
        self.variants: list[bool] = [False]           # choice -> is it a variant
        self.surfaces: list[str | None] = [None]      # choice -> the surface of all its hits, if one
        self._written_as_term = written_as_term
        self._ids: dict[tuple[int, bool], int] = {}

    def id(self, term: Term | None, variant: bool = False) -> int:
        if term is None:
            return 0
        key = (id(term), variant)
        c = self._ids.get(key)
        if c is None:
            c = self._ids[key] = len(self.terms)
            self.terms.append(term)
            self.variants.append(variant)
            self.surfaces.append(term.text if self._written_as_term and not variant else None)
        return c


class Found(Sequence[list[TermHit]]):
    """The hits of many texts, kept as numpy columns (one row a hit, in order): a sequence with, for
    each text, its list of ``TermHit`` (made when it is asked for: a long file's hundreds of thousands
    of hits do not all live as Python objects at once unless the caller keeps them).

    ``seg`` is the hit's text, ``start``/``end`` its place in that text, ``choice`` its (term, variant)
    in ``choices``.
    """

    # texts whose hits are made in one go when the hits are iterated: few enough that the chunk's objects
    # are gone before the collector's youngest generation fills, so they never reach the older ones
    _CHUNK = 64

    def __init__(self, texts: list[str], seg: np.ndarray, start: np.ndarray, end: np.ndarray, choice: np.ndarray,
                 choices: Choices) -> None:
        import numpy as np

        self.texts, self.seg, self.start, self.end, self.choice = texts, seg, start, end, choice
        self.choices = choices
        self._bounds = np.searchsorted(seg, np.arange(len(texts) + 1)).tolist()   # text i: rows [b[i], b[i+1])

    @classmethod
    def joined(cls, texts: list[str], parts: list[tuple[int, Found]]) -> Found:
        """One ``Found`` for ``texts`` from the ``Found`` of each run of them, ``(first text, found)`` in
        order; the runs share their ``Choices``."""
        import numpy as np

        choices = next((f.choices for _, f in parts if f.hits), parts[0][1].choices)
        return cls(texts, np.concatenate([f.seg + a for a, f in parts]), np.concatenate([f.start for _, f in parts]),
                   np.concatenate([f.end for _, f in parts]), np.concatenate([f.choice for _, f in parts]), choices)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def hits(self) -> int:
        """How many hits in all."""
        return len(self.seg)

    def _rows(self, a: int, b: int) -> list[TermHit]:
        """Rows ``[a, b)`` as ``TermHit``s (one comprehension: the cheapest way CPython makes them)."""
        texts, new = self.texts, tuple.__new__
        terms, variants, surfaces = self.choices.terms, self.choices.variants, self.choices.surfaces
        return [new(TermHit, (s, e, terms[c], surfaces[c] or texts[t][s:e], variants[c])) for t, s, e, c in
                zip(self.seg[a:b].tolist(), self.start[a:b].tolist(), self.end[a:b].tolist(),
                    self.choice[a:b].tolist(), strict=True)]

    def __getitem__(self, i: int) -> list[TermHit]:  # type: ignore[override]  # no slices
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return self._rows(self._bounds[i], self._bounds[i + 1])

    def __iter__(self) -> Iterator[list[TermHit]]:
        bounds = self._bounds
        for t in range(0, len(self), self._CHUNK):
            last = min(t + self._CHUNK, len(self))
            first_row = bounds[t]
            rows = self._rows(first_row, bounds[last])
            for a, b in zip(bounds[t:last], bounds[t + 1:last + 1], strict=True):
                yield rows[a - first_row:b - first_row]

    def lists(self) -> list[list[TermHit]]:
        """Each text's hits, all at once."""
        return list(self)
