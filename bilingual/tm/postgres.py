"""The PostgreSQL store: one TM shared by a team on a server (psycopg 3).

``--tm postgresql://user@host/db`` (or ``BILINGUAL_TM``, or ``tm`` in
bilingual.toml); the password comes from the environment (``PGPASSWORD``)
or ``~/.pgpass``, never from the command line. psycopg is imported only
here, so a command that uses an SQLite store or the starter TM never loads it.

- Schema: the numbered migrations of :mod:`bilingual.tm.migrate` (dialect
  ``postgresql``), applied under an advisory lock by the first command that
  writes; a store of a newer schema is refused with one line.
- Writes: one transaction per import or harvest, holding a transaction-scoped
  advisory lock, so writers queue (ids are given from the largest one, and a
  document segment's earlier version is found and replaced without a race);
  identities are UNIQUE, so a TU imported twice, by two processes at once,
  is kept once. Readers are never blocked (MVCC) and see whole imports or
  nothing; a writer killed mid-import leaves the store as it was.
- Bulk load: TUs and postings go in with ``COPY`` (postings in the binary
  format, built by numpy).
- Candidates: the same complete search as SQLite (:func:`bilingual.tm.index.candidates`)
  over a ``post(key, id, len)`` table indexed on (key, len, id): a key's
  postings of the right lengths are read by one index range scan, as one
  bytea (no row per posting in Python). pg_trgm's ``%`` was measured side by
  side (docs/benchmarks.md): it is neither complete for this score nor faster.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from ..io.errors import InputError
from .lookup import Lookups
from .model import TU, Unit, batched
from .sqlite import COLUMNS, ROW, _row, _tu
from .store import AddResult

URL = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
LOCK = 0x62696C696E67       # the advisory lock every writer of a store takes ("biling")
BATCH = 20000


def is_url(value) -> bool:
    return isinstance(value, str) and bool(URL.match(value))


def redacted(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@/]*@", r"\1:***@", url, flags=re.IGNORECASE)


class PostgresError(InputError):
    """The server cannot be reached, or the database is not a usable TM (one located line)."""


class PostgresStore(Lookups):
    """A TM in a PostgreSQL database (see the module doc)."""

    def __init__(self, url: str, readonly: bool = False) -> None:
        import psycopg

        from . import migrate

        self.url = url
        self.readonly = readonly
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise PostgresError(redacted(url), 1, 1, "cannot connect to the PostgreSQL server: "
                                + (str(exc).strip().splitlines() or ["?"])[0]) from None
        try:
            found = migrate.version(self.db, "postgresql")
            if readonly:
                migrate.check_readable(found, "PostgreSQL")
                return
            if found is None:
                raise migrate.SchemaError("a PostgreSQL database of another application: refusing to write into it")
            migrate.check_readable(found or migrate.LATEST, "PostgreSQL")
            if found == migrate.LATEST:
                return
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
                found = migrate.version(self.db, "postgresql")     # again under the lock
                if found is None:
                    raise migrate.SchemaError("a PostgreSQL database of another application: refusing to write")
                migrate.migrate(self.db, "postgresql", found)
        except migrate.SchemaError as exc:
            self.db.close()
            raise PostgresError(redacted(url), 1, 1, f"not a usable translation memory store: {exc}") from None
        except BaseException:
            self.db.close()
            raise

    # -- writing -----------------------------------------------------------

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None) -> AddResult:
        from .rows import prepare

        def prepared(first: int):
            for batch in batched(units, BATCH):
                yield prepare(batch, first)
                first += len(batch)

        return self.add_prepared(prepared)

    def add_prepared(self, prepared: Callable[[int], Iterable], progress: Callable[[int], None] | None = None
                     ) -> AddResult:
        """Add the batches ``prepared(first id)`` gives in one transaction, under the writers' lock."""
        result = AddResult()
        db = self.db
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            db.execute("CREATE TEMP TABLE IF NOT EXISTS staging(id BIGINT, ident BIGINT, en TEXT, ja TEXT, "
                       "changed TEXT, xml BYTEA) ON COMMIT DELETE ROWS")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS stagefreq(key BIGINT, n BIGINT) ON COMMIT DELETE ROWS")
            first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM tu").fetchone()[0]
            empty = first == 1 and db.execute("SELECT NOT EXISTS (SELECT 1 FROM post)").fetchone()[0]
            bulk = False
            if empty:                          # a first load: indexes built once, at the end (see _finish_bulk)
                db.execute("DROP INDEX IF EXISTS post_key")
                db.execute("DROP INDEX IF EXISTS tu_ident")
                bulk = True
            for batch in prepared(first):
                if bulk and batch.others:      # a TU with context looks for its earlier version: the index first
                    self._finish_bulk(result)
                    bulk = False
                self._add_batch(batch, result, bulk)
                if progress is not None and batch.done:
                    progress(batch.done)
            if bulk:
                self._finish_bulk(result)
            if empty:
                db.execute("CREATE INDEX post_key ON post(key, len, id)")
            db.execute("INSERT INTO keyfreq SELECT key, sum(n) FROM stagefreq GROUP BY key "
                       "ON CONFLICT (key) DO UPDATE SET n = keyfreq.n + EXCLUDED.n")
        return result

    def _finish_bulk(self, result: AddResult) -> None:
        """After a load without the identity index: a TU given twice keeps its first id; the index is built."""
        db = self.db
        dropped = [r[0] for r in db.execute(
            "DELETE FROM tu t USING (SELECT ident, min(id) AS keep FROM tu GROUP BY ident HAVING count(*) > 1) d "
            "WHERE t.ident = d.ident AND t.id <> d.keep RETURNING t.id")]
        if dropped:                            # (their keys' counts in keyfreq stay: an order of keys, not a bound)
            db.execute("DELETE FROM post WHERE id = ANY(%s)", (dropped,))
            result.added -= len(dropped)
            result.unchanged += len(dropped)
        db.execute("CREATE UNIQUE INDEX tu_ident ON tu(ident)")

    def _add_batch(self, batch, result: AddResult, bulk: bool = False) -> None:
        db = self.db
        ids, en, ja = list(batch.ids), batch.en, batch.ja
        if len(batch.xml) and bulk:            # straight into the table; repeats dropped at the end
            with db.cursor().copy("COPY tu(id, ident, en, ja, changed, xml) FROM STDIN") as copy:
                for row in batch.rows():
                    copy.write_row(row)
            result.added += len(batch.xml)
        elif len(batch.xml):
            db.execute("TRUNCATE staging")
            with db.cursor().copy("COPY staging FROM STDIN") as copy:
                for row in batch.rows():
                    copy.write_row(row)
            inserted = {r[0] for r in db.execute(
                "INSERT INTO tu(id, ident, en, ja, changed, xml) SELECT id, ident, en, ja, changed, xml "
                "FROM staging ORDER BY id ON CONFLICT (ident) DO NOTHING RETURNING id").fetchall()}
            if len(inserted) < len(ids):
                keep = [k for k, i in enumerate(ids) if i in inserted]
                ids, en, ja = [ids[k] for k in keep], [en[k] for k in keep], [ja[k] for k in keep]
            result.added += len(inserted)
            result.unchanged += len(batch.xml) - len(inserted)
        others = [(id_, u) for id_, ident, u in batch.others if self._add_other(id_, ident, u, result)]
        if others:
            ids = ids + [id_ for id_, _ in others]
            en, ja = list(en) + [u.en for _, u in others], list(ja) + [u.ja for _, u in others]
        if ids:
            self._write_postings(ids, en, ja)

    def _add_other(self, id_: int, ident: int, u: Unit, result: AddResult) -> bool:
        """A TU with context, codes or tags; one with the same document segment is updated or replaced."""
        db = self.db
        if u.doc and u.seg:
            old = db.execute("SELECT id, en_raw, en, ja_raw, ja, xml FROM tu WHERE ident=%s", (ident,)).fetchone()
            if old is not None:
                if (old[1] or old[2], old[3] or old[4]) == (u.en_raw or u.en, u.ja_raw or u.ja):
                    if bytes(old[5]) == u.xml:
                        result.unchanged += 1
                    else:
                        db.execute("UPDATE tu SET prev=%s, next=%s, changed=%s, approved=%s, xml=%s WHERE id=%s",
                                   (u.prev, u.next, u.changed, int(u.approved), u.xml, old[0]))
                        result.updated += 1
                    return False
                db.execute("DELETE FROM tu WHERE id=%s", (old[0],))
                result.updated += 1
                result.added -= 1
        row = db.execute(f"INSERT INTO tu({ROW}) VALUES ({','.join(['%s'] * 15)}) "
                         "ON CONFLICT (ident) DO NOTHING RETURNING id", _row(id_, ident, u)).fetchone()
        if row is not None:
            result.added += 1
            return True
        result.unchanged += 1
        return False

    def _write_postings(self, ids, en, ja) -> None:
        """The TUs' postings by binary COPY (a (key, id) once), and their keys' counts."""
        import numpy as np

        from .rows import postings

        K, I, L = postings(ids, en, ja)
        if not len(K):
            return
        order = np.lexsort((I, K))
        K, I, L = K[order], I[order], L[order]
        keep = np.concatenate(([True], (K[1:] != K[:-1]) | (I[1:] != I[:-1])))
        K, I, L = K[keep], I[keep], L[keep]
        rows = np.empty(len(K), dtype=[("f", ">i2"), ("l1", ">i4"), ("key", ">i8"), ("l2", ">i4"), ("id", ">i4"),
                                       ("l3", ">i4"), ("len", ">i2")])
        rows["f"], rows["l1"], rows["l2"], rows["l3"] = 3, 8, 4, 2
        rows["key"], rows["id"], rows["len"] = K, I, L
        header = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
        with self.db.cursor().copy("COPY post(key, id, len) FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(header)
            step = 1 << 20
            for s in range(0, len(rows), step):
                copy.write(rows[s:s + step].tobytes())
            copy.write(b"\xff\xff")
        keys, counts = np.unique(K, return_counts=True)
        with self.db.cursor().copy("COPY stagefreq FROM STDIN") as copy:
            for k, n in zip(keys.tolist(), counts.tolist()):
                copy.write_row((k, n))

    # -- reading -----------------------------------------------------------

    def postings_source(self):
        return _Postings(self.db)

    def iter_units(self) -> Iterator[bytes]:
        last = 0
        while True:
            rows = self.db.execute("SELECT id, xml FROM tu WHERE id > %s ORDER BY id LIMIT 1000", (last,)).fetchall()
            if not rows:
                return
            for _, xml in rows:
                yield bytes(xml)
            last = rows[-1][0]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM tu").fetchone()[0]

    def get(self, ids: list[int]) -> list[TU]:
        if not ids:
            return []
        return [_tu(r) for r in self.db.execute(f"SELECT {COLUMNS} FROM tu WHERE id = ANY(%s)", (list(ids),))]

    def without_keys(self, norm: str, lang: str) -> list[TU]:
        col = "en" if lang == "en" else "ja"
        return [_tu(r) for r in self.db.execute(
            f"SELECT {COLUMNS} FROM tu WHERE btrim({col}, E' \\t\\r\\n') = %s ORDER BY id", (norm,))]

    def by_segment(self, doc: str, seg: str) -> TU | None:
        row = self.db.execute(f"SELECT {COLUMNS} FROM tu WHERE doc=%s AND seg=%s ORDER BY id DESC LIMIT 1",
                              (doc, seg)).fetchone()
        return _tu(row) if row else None

    def stats(self) -> dict:
        q = self.db.execute
        return {
            "tus": q("SELECT count(*) FROM tu").fetchone()[0],
            "en": q("SELECT count(*) FROM tu WHERE en IS NOT NULL").fetchone()[0],
            "ja": q("SELECT count(*) FROM tu WHERE ja IS NOT NULL").fetchone()[0],
            "pairs": q("SELECT count(*) FROM tu WHERE en IS NOT NULL AND ja IS NOT NULL").fetchone()[0],
            "documents": q("SELECT count(DISTINCT doc) FROM tu WHERE doc IS NOT NULL").fetchone()[0],
            "approved": q("SELECT count(*) FROM tu WHERE approved=1").fetchone()[0],
            "bytes": q("SELECT coalesce(sum(pg_total_relation_size(c)), 0)::bigint FROM unnest("
                       "ARRAY['tu', 'post', 'keyfreq', 'meta']::regclass[]) AS c").fetchone()[0],
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Postings:
    """The postings of a PostgreSQL store, as :func:`bilingual.tm.index.candidates` reads them."""

    def __init__(self, db) -> None:
        self.db = db

    def frequencies(self, keys: list[int]) -> dict[int, int]:
        return dict(self.db.execute("SELECT key, n FROM keyfreq WHERE key = ANY(%s) AND n > 0",
                                    (list(keys),)).fetchall())

    def postings(self, key: int, lo: int, hi: int):
        import numpy as np

        ids, lens = self.db.execute(
            "SELECT coalesce(string_agg(int4send(id), ''::bytea), ''::bytea), "
            "coalesce(string_agg(int2send(len), ''::bytea), ''::bytea) FROM post "
            "WHERE key = %s AND (len BETWEEN %s AND %s OR len = 255)",
            (key, lo, min(hi, 255))).fetchone()
        return np.frombuffer(ids, ">i4").astype(np.int64), np.frombuffer(lens, ">i2").astype(np.int64)

    def postings_many(self, keys: list[int], lo: int, hi: int) -> dict:
        """:meth:`postings` of several keys in one round trip."""
        import numpy as np

        out = {key: (np.zeros(0, np.int64), np.zeros(0, np.int64)) for key in keys}
        for key, ids, lens in self.db.execute(
                "SELECT key, string_agg(int4send(id), ''::bytea), string_agg(int2send(len), ''::bytea) FROM post "
                "WHERE key = ANY(%s) AND (len BETWEEN %s AND %s OR len = 255) GROUP BY key",
                (list(keys), lo, min(hi, 255))):
            out[key] = np.frombuffer(ids, ">i4").astype(np.int64), np.frombuffer(lens, ">i2").astype(np.int64)
        return out

    def ids_of_length(self, key: int, length: int, large: bool) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT id FROM post WHERE key=%s AND len=%s", (key, length))}

    def language_ids(self, lang: str) -> list[int]:
        col = "en" if lang == "en" else "ja"
        return [r[0] for r in self.db.execute(f"SELECT id FROM tu WHERE {col} IS NOT NULL ORDER BY id")]
