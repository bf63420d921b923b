"""The store protocol: what every TM store (SQLite, PostgreSQL) offers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from .model import TU, Match, Unit


@dataclass
class AddResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class Store(Protocol):
    """A translation memory. Writes are transactional; readers see whole imports or nothing."""

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None) -> AddResult:
        """Add TUs in one transaction. Idempotent: a TU already there is not added again."""

    def import_tmx(self, path: str, progress: Callable[[int], None] | None = None) -> AddResult:
        """Import a TMX file in one transaction (``progress``: bytes read); idempotent as :meth:`add`."""

    def units_xml(self) -> Iterator[bytes]:
        """Every TU's TMX XML, in insertion order (streaming)."""

    def count(self) -> int:
        """How many TUs the store holds."""

    def exact(self, text: str, lang: str) -> list[TU]:
        """TUs whose ``lang`` text equals ``text`` (whitespace collapsed)."""

    def by_segment(self, doc: str, seg: str) -> TU | None:
        """The TU recorded for a document's segment (the approved pair), if any."""

    def lookup(self, text: str, lang: str, limit: int = 5, min_score: float = 75.0,
               tags: list[str] | None = None, doc: str | None = None, seg: str | None = None,
               prev: str | None = None, next: str | None = None) -> list[Match]:
        """Best matches, best first: context (101), exact (100), then fuzzy down to ``min_score``."""

    def concordance(self, phrase: str, lang: str, limit: int = 20) -> list[TU]:
        """TUs whose ``lang`` text contains ``phrase`` (case-insensitive)."""

    def stats(self) -> dict:
        """Counts: TUs, with EN, with JA, pairs, documents, size."""

    def close(self) -> None: ...
