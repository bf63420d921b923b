"""The SQLite store: the embedded default.

One file; WAL journal so readers never block the writer; a busy timeout so
concurrent writers wait for each other; every write is one ``BEGIN
IMMEDIATE`` transaction, and a TU's identity is UNIQUE, so two processes
writing at once lose nothing and duplicate nothing.
"""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .fuzzy import CONTEXT, diff, score, substitute_numbers
from .index import Postings, candidates
from .model import TU, Match, Unit
from .store import AddResult
from .tokens import text_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS tu(
  id INTEGER PRIMARY KEY,
  ident INTEGER NOT NULL UNIQUE,
  en TEXT, ja TEXT, en_raw TEXT, ja_raw TEXT, en_tags TEXT, ja_tags TEXT,
  en_key INTEGER, ja_key INTEGER,
  doc TEXT, seg TEXT, prev TEXT, next TEXT, changed TEXT,
  approved INTEGER NOT NULL DEFAULT 1,
  xml BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS tu_en_key ON tu(en_key);
CREATE INDEX IF NOT EXISTS tu_ja_key ON tu(ja_key);
CREATE INDEX IF NOT EXISTS tu_docseg ON tu(doc, seg) WHERE doc IS NOT NULL;
CREATE TABLE IF NOT EXISTS post(key INTEGER, chunk INTEGER, n INTEGER, ids BLOB, lens BLOB,
  PRIMARY KEY(key, chunk)) WITHOUT ROWID;
"""
COLUMNS = "id, en, ja, en_raw, ja_raw, doc, seg, prev, next, changed, approved, en_tags, ja_tags"
BATCH = 20000
FLUSH = 40_000           # TUs between two writes of postings
SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _ident(u: Unit) -> int:
    h = hashlib.blake2b(digest_size=8)
    if u.doc and u.seg:
        h.update(b"ctx\0" + u.doc.encode() + b"\0" + u.seg.encode())
    else:
        h.update(u.xml)
    return int.from_bytes(h.digest(), "big") >> 1


def _tu(row) -> TU:
    (id_, en, ja, en_raw, ja_raw, doc, seg, prev, next_, changed, approved, en_tags, ja_tags) = row
    return TU(id_, en, ja, en_raw, ja_raw, doc, seg, prev, next_, changed, bool(approved),
              en_tags.split() if en_tags else [], ja_tags.split() if ja_tags else [])


def _row(id_: int, ident: int, u: Unit) -> tuple:
    return (id_, ident, u.en, u.ja, u.en_raw, u.ja_raw,
            " ".join(u.en_tags) or None, " ".join(u.ja_tags) or None,
            text_key(u.en) if u.en is not None else None, text_key(u.ja) if u.ja is not None else None,
            u.doc, u.seg, u.prev, u.next, u.changed, int(u.approved), u.xml)


class SQLiteStore:
    """A TM in one SQLite file (created when missing)."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None,
                                      check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60, check_same_thread=False)
        self.db.execute("PRAGMA busy_timeout=60000")
        if not readonly:
            if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA cache_size=-16000")
            with self._write():
                for stmt in SCHEMA.split(";"):
                    if stmt.strip():
                        self.db.execute(stmt)

    # -- writing -----------------------------------------------------------

    @contextmanager
    def _write(self):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None) -> AddResult:
        """Add TUs in one transaction (see :class:`bilingual.tm.store.Store`)."""
        result = AddResult()
        postings = Postings()
        bulk, pending = False, 0
        with self._write():
            next_id = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM tu").fetchone()[0]
            batch: list[Unit] = []
            for u in units:
                batch.append(u)
                if len(batch) >= BATCH:
                    if not bulk:
                        bulk = True
                        self.db.execute("DROP INDEX IF EXISTS tu_en_key")
                        self.db.execute("DROP INDEX IF EXISTS tu_ja_key")
                    next_id = self._add_batch(batch, next_id, postings, result)
                    batch = []
                    pending += BATCH
                    if pending >= FLUSH:
                        postings.flush(self.db)
                        pending = 0
            if batch:
                self._add_batch(batch, next_id, postings, result)
            postings.flush(self.db)
            if bulk:   # large imports rebuild the exact-match indexes at the end (sorting beats random inserts)
                for stmt in SCHEMA.split(";"):
                    if "tu_en_key" in stmt or "tu_ja_key" in stmt:
                        self.db.execute(stmt)
        return result

    def _add_batch(self, batch: list[Unit], next_id: int, postings: Postings, result: AddResult) -> int:
        db = self.db
        plain: list[tuple] = []
        plain_units: list[Unit] = []
        for u in batch:
            ident = _ident(u)
            if u.doc and u.seg:
                old = db.execute("SELECT id, en_raw, en, ja_raw, ja, xml FROM tu WHERE ident=?", (ident,)).fetchone()
                if old is not None:
                    if (old[1] or old[2], old[3] or old[4]) == (u.en_raw or u.en, u.ja_raw or u.ja):
                        if old[5] == u.xml:
                            result.unchanged += 1
                        else:
                            db.execute("UPDATE tu SET prev=?, next=?, changed=?, approved=?, xml=? WHERE id=?",
                                       (u.prev, u.next, u.changed, int(u.approved), u.xml, old[0]))
                            result.updated += 1
                        continue
                    db.execute("DELETE FROM tu WHERE id=?", (old[0],))
                    result.updated += 1
                    result.added -= 1
            plain.append(_row(next_id, ident, u))
            plain_units.append(u)
            next_id += 1
        if not plain:
            return next_id
        first = plain[0][0]
        before = db.total_changes
        db.executemany("INSERT OR IGNORE INTO tu VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", plain)
        inserted = db.total_changes - before
        result.added += inserted
        result.unchanged += len(plain) - inserted
        if inserted == len(plain):
            present = None
        else:
            present = {r[0] for r in db.execute("SELECT id FROM tu WHERE id >= ? AND id < ?", (first, next_id))}
        for row, u in zip(plain, plain_units):
            if present is not None and row[0] not in present:
                continue
            if u.en:
                postings.add(row[0], u.en, "en")
            if u.ja:
                postings.add(row[0], u.ja, "ja")
        return next_id

    # -- reading -----------------------------------------------------------

    def units_xml(self) -> Iterator[bytes]:
        last = 0
        while True:
            rows = self.db.execute("SELECT id, xml FROM tu WHERE id > ? ORDER BY id LIMIT 1000", (last,)).fetchall()
            if not rows:
                return
            for _, xml in rows:
                yield bytes(xml)
            last = rows[-1][0]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM tu").fetchone()[0]

    def get(self, ids: list[int]) -> list[TU]:
        out: list[TU] = []
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            out.extend(_tu(r) for r in self.db.execute(
                f"SELECT {COLUMNS} FROM tu WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def exact(self, text: str, lang: str) -> list[TU]:
        col = "en" if lang == "en" else "ja"
        norm = " ".join(text.split())
        rows = self.db.execute(f"SELECT {COLUMNS} FROM tu WHERE {col}_key=? ORDER BY id", (text_key(text),))
        return [t for t in map(_tu, rows) if " ".join((t.text(lang) or "").split()) == norm]

    def by_segment(self, doc: str, seg: str) -> TU | None:
        row = self.db.execute(f"SELECT {COLUMNS} FROM tu WHERE doc=? AND seg=? ORDER BY id DESC LIMIT 1",
                              (doc, seg)).fetchone()
        return _tu(row) if row else None

    def lookup(self, text: str, lang: str, limit: int = 5, min_score: float = 75.0,
               tags: list[str] | None = None, doc: str | None = None, seg: str | None = None,
               prev: str | None = None, next: str | None = None) -> list[Match]:
        """Best matches for ``text`` (see :class:`bilingual.tm.store.Store`)."""
        other = "ja" if lang == "en" else "en"
        ids = candidates(self.db, text, lang, min_score)
        seen = set(ids)
        ids += [t.id for t in self.exact(text, lang) if t.id not in seen]
        matches: list[Match] = []
        for tu in self.get(ids):
            source = tu.text(lang)
            if source is None or tu.text(other) is None:
                continue
            s = score(text, source, lang, tags, tu.tags(lang))
            if s < min_score:
                continue
            kind = "fuzzy"
            if s == 100:
                kind = "exact"
                if (doc and seg and (tu.doc, tu.seg) == (doc, seg)) or (
                        prev is not None and next is not None and (tu.prev, tu.next) == (prev, next)):
                    s, kind = CONTEXT, "context"
            m = Match(tu, s, kind, target=tu.text(other))
            matches.append(m)
        matches.sort(key=lambda m: (-m.score, not m.tu.approved, -(m.tu.changed is not None), -m.tu.id))
        matches = matches[:limit]
        for m in matches:
            if m.kind == "fuzzy":
                m.diff = diff(text, m.tu.text(lang) or "", lang)
                sub = substitute_numbers(text, m.tu.text(lang) or "", m.target or "")
                if sub is not None:
                    m.target, m.substituted = sub, True
        return matches

    def concordance(self, phrase: str, lang: str, limit: int = 20) -> list[TU]:
        import numpy as np

        from .index import full_key
        from .tokens import index_keys

        keys, _ = index_keys(phrase, lang)
        needle = " ".join(phrase.split()).casefold()
        if not keys:
            return []
        fk = sorted({full_key(k, lang) for k in keys})
        df = dict(self.db.execute(f"SELECT key, sum(n) FROM post WHERE key IN ({','.join('?' * len(fk))}) "
                                  "GROUP BY key", fk).fetchall())
        if len(df) < len(fk):
            return []
        rarest = min(fk, key=lambda k: df[k])
        ids = sorted({int(i) for (b,) in self.db.execute("SELECT ids FROM post WHERE key=?", (rarest,))
                      for i in np.frombuffer(b, dtype=np.uint32)})
        out: list[TU] = []
        for i in range(0, len(ids), 500):
            for tu in self.get(ids[i:i + 500]):
                if needle in " ".join((tu.text(lang) or "").split()).casefold():
                    out.append(tu)
                    if len(out) >= limit:
                        return out
        return out

    def stats(self) -> dict:
        q = self.db.execute
        return {
            "tus": q("SELECT count(*) FROM tu").fetchone()[0],
            "en": q("SELECT count(*) FROM tu WHERE en IS NOT NULL").fetchone()[0],
            "ja": q("SELECT count(*) FROM tu WHERE ja IS NOT NULL").fetchone()[0],
            "pairs": q("SELECT count(*) FROM tu WHERE en IS NOT NULL AND ja IS NOT NULL").fetchone()[0],
            "documents": q("SELECT count(DISTINCT doc) FROM tu WHERE doc IS NOT NULL").fetchone()[0],
            "approved": q("SELECT count(*) FROM tu WHERE approved=1").fetchone()[0],
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
