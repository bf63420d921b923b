"""The store protocol: what every TM store (SQLite, PostgreSQL) offers.

Nothing here is about TMX: a TMX file is read by the formats layer
(:mod:`bilingual.formats.tmx`) into batches (:class:`bilingual.tm.rows.Prepared`)
that any store adds (:func:`bilingual.tm.bulk.import_tmx`); an export writes
what :meth:`Store.iter_units` gives. Ranking (context matches, the score,
sort, diff, number substitution) lives once above the stores, in
:mod:`bilingual.tm.lookup`: a store finds candidates, complete for the
minimum score, and :class:`bilingual.tm.lookup.Lookups` gives every store the
same ``lookup``, ``concordance``, ``candidates`` and ``exact``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .model import TU, Match, Unit
from .provenance import Approval, Origin, Provenance

if TYPE_CHECKING:
    import numpy as np


@dataclass
class AddResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class PostingsSource(Protocol):
    """How :func:`bilingual.tm.index.candidates` reads a store's postings (full keys)."""

    def frequencies(self, keys: list[int]) -> dict[int, int]: ...

    # (ids, lengths), lengths in [lo, hi] or 255
    def postings(self, key: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]: ...

    def ids_of_length(self, key: int, length: int, large: bool) -> set[int]: ...

    def language_ids(self, lang: str) -> list[int]: ...


class Store(Protocol):
    """A translation memory. Writes are transactional; readers see whole imports or nothing."""

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None,
            origin: Origin | None = None) -> AddResult:
        """Add TUs in one transaction. Idempotent: a TU already there is not added again; a TU with
        the same document and segment replaces (or updates) the one recorded. ``origin``: where they
        come from (recorded once for the write; each TU added or replaced points at it)."""

    def add_prepared(self, prepared: Callable[[int], Iterable], progress: Callable[[int], None] | None = None,
                     origin: Origin | None = None) -> AddResult:
        """Add the batches ``prepared(first id)`` gives (from a format reader) in one transaction."""

    def approve(self, ids: list[int], approved: bool = True, by: Approval | None = None) -> list[int]:
        """Approve (``approved``) or withdraw the approval of TUs, in one transaction, recording who and when
        (``by``; default: :func:`approval_now`). Returns the ids not in the store; then nothing is written."""

    def provenance(self, id_: int) -> Provenance | None:
        """A TU's origin and approvals, oldest first (None: no such TU)."""

    def iter_units(self) -> Iterator[bytes]:
        """Every TU's TMX XML, in insertion order (streaming), saying its approval as the store holds it."""

    def count(self) -> int:
        """How many TUs the store holds."""

    def get(self, ids: list[int]) -> list[TU]:
        """The TUs of these ids (any order; ids not there are skipped)."""

    def exact(self, text: str, lang: str) -> list[TU]:
        """TUs whose ``lang`` text equals ``text`` (whitespace collapsed)."""

    def by_segment(self, doc: str, seg: str) -> TU | None:
        """The TU recorded for a document's segment (the approved pair), if any."""

    def candidates(self, text: str, lang: str, min_score: float) -> list[int]:
        """Ids of every TU that may reach ``min_score`` for ``text`` (a superset; no cap)."""

    def lookup(self, text: str, lang: str, limit: int = 5, min_score: float = 75.0,
               tags: list[str] | None = None, doc: str | None = None, seg: str | None = None,
               prev: str | None = None, next: str | None = None) -> list[Match]:
        """Best matches, best first (:func:`bilingual.tm.lookup.lookup`)."""

    def concordance(self, phrase: str, lang: str, limit: int = 20) -> list[TU]:
        """TUs whose ``lang`` text contains ``phrase`` (case-insensitive)."""

    def stats(self) -> dict:
        """Counts: TUs, with EN, with JA, pairs, documents, approved, size."""

    def close(self) -> None: ...


def paged_units(page: Callable[[int], list]) -> Iterator[bytes]:
    """Every TU's XML in id order, read a page at a time: ``page(last_id)`` gives the next rows
    ``(id, xml, approved)`` after ``last_id`` (each store writes the one query in its own SQL dialect).
    The XML says the TU's approval as the store holds it (``tm approve`` may have changed it since the
    TU was read: :func:`bilingual.formats.tmx.with_approval`)."""
    from ..formats.tmx import with_approval

    last = 0
    while True:
        rows = page(last)
        if not rows:
            return
        for _, xml, approved in rows:
            yield with_approval(bytes(xml), bool(approved))
        last = rows[-1][0]


def table_stats(query: Callable) -> dict:
    """The counts every store reports, by the same SQL in both dialects (``query(sql)`` runs it);
    a store adds its own ``bytes``."""
    def count(where: str = "") -> int:
        n: int = query(f"SELECT count(*) FROM tu{where}").fetchone()[0]
        return n

    return {
        "tus": count(),
        "en": count(" WHERE en IS NOT NULL"),
        "ja": count(" WHERE ja IS NOT NULL"),
        "pairs": count(" WHERE en IS NOT NULL AND ja IS NOT NULL"),
        "documents": query("SELECT count(DISTINCT doc) FROM tu WHERE doc IS NOT NULL").fetchone()[0],
        "approved": count(" WHERE approved=1"),
    }


def approval_now(approved: bool = True) -> Approval:
    """An approval by the current user, now (:mod:`bilingual.tm.provenance`)."""
    from .provenance import stamp, user

    return Approval(approved, user(), stamp())


def read_provenance(query: Callable, ph: str, id_: int, version: int) -> Provenance | None:
    """:meth:`Store.provenance` in either SQL dialect (``ph``: its placeholder). A store of schema
    version 1 (read without being migrated) has no origin or approval recorded."""
    if query(f"SELECT id FROM tu WHERE id = {ph}", (id_,)).fetchone() is None:
        return None
    if version < 2:
        return Provenance(None, [])
    origin = query(f"SELECT o.kind, o.source, o.who, o.at FROM tu JOIN origin o ON o.id = tu.origin "
                   f"WHERE tu.id = {ph}", (id_,)).fetchone()
    approvals = query(f"SELECT approved, who, at FROM approval WHERE tu = {ph} ORDER BY id", (id_,)).fetchall()
    return Provenance(Origin(*origin) if origin else None, [Approval(bool(a), w, t) for a, w, t in approvals])
