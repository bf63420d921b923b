"""The store protocol: what every TM store offers (SQLite today; PostgreSQL is to implement the same).

Nothing here knows a file format: formats feed a store TUs through :meth:`TMStore.add`, in batches, and
read them back with :meth:`TMStore.iter_units`. Ranking is not a store's job either: a store gives
candidates and TUs, and :func:`bilingual.tm.lookup.lookup` scores and sorts them, once for every store.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from .model import TU, Unit


@dataclass
class AddResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class TMStore(Protocol):
    """A translation memory. Writes are transactional; readers see whole additions or nothing."""

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None) -> AddResult:
        """Add TUs in one transaction (read in batches). Idempotent: a TU already there is not added again."""

    def iter_units(self) -> Iterator[TU]:
        """Every TU, in insertion order (streaming)."""

    def get(self, ids: list[int]) -> list[TU]:
        """The TUs with these ids (any order; unknown ids are left out)."""

    def exact(self, text: str, lang: str) -> list[TU]:
        """TUs whose ``lang`` text equals ``text`` (whitespace collapsed)."""

    def by_segment(self, doc: str, seg: str) -> TU | None:
        """The TU recorded for a document's segment (the approved pair), if any."""

    def candidates(self, text: str, lang: str, min_score: float) -> list[int]:
        """Ids of TUs whose ``lang`` text may score ``min_score`` or more against ``text``."""

    def concordance(self, phrase: str, lang: str, limit: int = 20) -> list[TU]:
        """TUs whose ``lang`` text contains ``phrase`` (case-insensitive)."""

    def stats(self) -> dict:
        """Counts: TUs, with EN, with JA, pairs, documents, approved, size."""

    def close(self) -> None:
        """Release the store."""
