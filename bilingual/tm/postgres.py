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
  format, built by numpy); the postings are collected, spilled and merged as
  for SQLite (:class:`bilingual.tm.index.Postings`), so the client's memory
  stays flat however large the file.
- Candidates: the same complete search as SQLite (:func:`bilingual.tm.index.candidates`)
  over postings in chunks as SQLite keeps them (``post(key, chunk, ids,
  lens)``: ids uint32, lengths uint8, one chunk per key per import),
  read as bytea and filtered by numpy. (One row a posting was
  tried first: ten million rows at 1M TUs made the import slow.) pg_trgm's ``%`` was measured side by
  side (docs/benchmarks.md): it is neither complete for this score nor faster.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..io.errors import InputError
from .lookup import Lookups
from .model import TU, Unit, batched
from .provenance import Approval, Origin, Provenance
from .sqlite import COLUMNS, ROW, _row, _tu
from .store import AddResult, approval_now, paged_units, read_provenance, table_stats

if TYPE_CHECKING:
    import numpy as np
    import psycopg

    from .index import Postings
    from .rows import Prepared

URL = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
LOCK = 0x62696C696E67       # the advisory lock every writer of a store takes ("biling")
BATCH = 20000


def is_url(value: object) -> bool:
    return isinstance(value, str) and bool(URL.match(value))


def redacted(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@/]*@", r"\1:***@", url, flags=re.IGNORECASE)


class PostgresError(InputError):
    """The server cannot be reached, or the database is not a usable TM (one located line)."""


class PostgresStore(Lookups):
    """A TM in a PostgreSQL database (see the module doc)."""

    def __init__(self, url: str, readonly: bool = False) -> None:
        try:
            import psycopg
        except ImportError:                # the driver is an extra: `pip install -e .` alone has none
            raise PostgresError(redacted(url), 1, 1, "a PostgreSQL TM needs its driver: "
                                "pip install 'bilingual[postgresql]' (psycopg 3)") from None

        from . import migrate

        self.url = url
        self.readonly = readonly
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise PostgresError(redacted(url), 1, 1, "cannot connect to the PostgreSQL server: "
                                + (str(exc).strip().splitlines() or ["?"])[0]) from None
        try:
            found = self.schema = migrate.version(self.db, "postgresql")
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
                self.schema = migrate.migrate(self.db, "postgresql", found)
        except migrate.SchemaError as exc:
            self.db.close()
            raise PostgresError(redacted(url), 1, 1, f"not a usable translation memory store: {exc}") from None
        except BaseException:
            self.db.close()
            raise

    # -- writing -----------------------------------------------------------

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None,
            origin: Origin | None = None) -> AddResult:
        from .rows import prepare

        def prepared(first: int) -> Iterator[Prepared]:
            for batch in batched(units, BATCH):
                yield prepare(batch, first)
                first += len(batch)

        return self.add_prepared(prepared, progress, origin)

    def add_prepared(self, prepared: Callable[[int], Iterable], progress: Callable[[int], None] | None = None,
                     origin: Origin | None = None) -> AddResult:
        """Add the batches ``prepared(first id)`` gives in one transaction, under the writers' lock."""
        from .index import Postings

        result = AddResult()
        db = self.db
        with Postings() as postings, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            origin = origin or Origin.now("api")
            self._origin = _value(db.execute("INSERT INTO origin(kind, source, who, at) VALUES (%s, %s, %s, %s) "
                                             "RETURNING id", (origin.kind, origin.source, origin.who, origin.at)))
            db.execute("CREATE TEMP TABLE IF NOT EXISTS staging(id BIGINT, ident BIGINT, en TEXT, ja TEXT, "
                       "changed TEXT, xml BYTEA) ON COMMIT DELETE ROWS")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS stagefreq(key BIGINT, n BIGINT) ON COMMIT DELETE ROWS")
            first = _value(db.execute("SELECT greatest(coalesce(max(id), 0) + 1, coalesce((SELECT v::bigint FROM meta "
                                      "WHERE k = 'next_id'), 1)) FROM tu"))
            bulk = not _value(db.execute("SELECT EXISTS (SELECT 1 FROM tu)"))
            if bulk:                           # a first load: the identity index built at the end (_finish_bulk)
                db.execute("DROP INDEX IF EXISTS tu_ident")
            last = first - 1
            for batch in prepared(first):
                if bulk and batch.others:      # a TU with context looks for its earlier version: the index first
                    self._finish_bulk(result)
                    bulk = False
                self._add_batch(batch, postings, result, bulk)
                last = max(last, batch.first + batch.count - 1)
                if progress is not None and batch.done:
                    progress(batch.done)
            if bulk:
                self._finish_bulk(result)
            self._write_postings(postings)
            db.execute("INSERT INTO meta VALUES ('next_id', %s) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v",
                       (str(last + 1),))       # ids are never given twice (a posting outlives its TU)
            db.execute("INSERT INTO keyfreq SELECT key, sum(n) FROM stagefreq GROUP BY key "
                       "ON CONFLICT (key) DO UPDATE SET n = keyfreq.n + EXCLUDED.n")
        return result

    def _finish_bulk(self, result: AddResult) -> None:
        """After a load without the identity index: a TU given twice keeps its first id; the index is built."""
        db = self.db
        dropped = [r[0] for r in db.execute(
            "DELETE FROM tu t USING (SELECT ident, min(id) AS keep FROM tu GROUP BY ident HAVING count(*) > 1) d "
            "WHERE t.ident = d.ident AND t.id <> d.keep RETURNING t.id")]
        if dropped:                            # (their postings stay: ids are not given again; get() skips them)
            result.added -= len(dropped)
            result.unchanged += len(dropped)
        db.execute("CREATE UNIQUE INDEX tu_ident ON tu(ident)")

    def _add_batch(self, batch: Prepared, postings: Postings, result: AddResult, bulk: bool = False) -> None:
        db = self.db
        ids, en, ja = list(batch.ids), batch.en, batch.ja
        if len(batch.xml) and bulk:            # straight into the table; repeats dropped at the end
            origin = self._origin
            with db.cursor().copy("COPY tu(id, ident, en, ja, changed, xml, origin) FROM STDIN") as copy:
                for row in batch.rows():
                    copy.write_row((*row, origin))
            result.added += len(batch.xml)
        elif len(batch.xml):
            db.execute("TRUNCATE staging")
            with db.cursor().copy("COPY staging FROM STDIN") as copy:
                for row in batch.rows():
                    copy.write_row(row)
            inserted = {r[0] for r in db.execute(
                "INSERT INTO tu(id, ident, en, ja, changed, xml, origin) SELECT id, ident, en, ja, changed, xml, %s "
                "FROM staging ORDER BY id ON CONFLICT (ident) DO NOTHING RETURNING id", (self._origin,)).fetchall()}
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
            from .rows import postings as keyed

            postings.extend(*keyed(ids, en, ja))

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
                        db.execute("UPDATE tu SET prev=%s, next=%s, changed=%s, approved=%s, xml=%s, origin=%s "
                                   "WHERE id=%s", (u.prev, u.next, u.changed, int(u.approved), u.xml, self._origin,
                                                   old[0]))
                        result.updated += 1
                    return False
                db.execute("DELETE FROM tu WHERE id=%s", (old[0],))
                result.updated += 1
                result.added -= 1
        row = db.execute(f"INSERT INTO tu({ROW}, origin) VALUES ({','.join(['%s'] * 16)}) "
                         "ON CONFLICT (ident) DO NOTHING RETURNING id", (*_row(id_, ident, u), self._origin)).fetchone()
        if row is not None:
            result.added += 1
            return True
        result.unchanged += 1
        return False

    def _write_postings(self, postings: Postings) -> None:
        """The postings collected (sorted and merged as in SQLite, :class:`bilingual.tm.index.Postings`):
        one new chunk per key (ids uint32, lengths uint8), by binary COPY, a key range at a time, each
        key's count staged for ``keyfreq``."""
        from .index import key_runs

        chunk = None
        for K, I, L in postings.sorted_groups():
            if chunk is None:
                chunk = _value(self.db.execute("SELECT nextval('post_chunk')"))
            keys, starts, ends = key_runs(K)
            ids, lens = I.tobytes(), L.tobytes()                  # uint32 and uint8, as sorted_groups gives them
            with self.db.cursor().copy("COPY post(key, chunk, ids, lens) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["int8", "int8", "bytea", "bytea"])
                for key, s, e in zip(keys, starts, ends, strict=True):
                    copy.write_row((key, chunk, ids[4 * s:4 * e], lens[s:e]))
            with self.db.cursor().copy("COPY stagefreq FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["int8", "int8"])
                for key, s, e in zip(keys, starts, ends, strict=True):
                    copy.write_row((key, e - s))

    def approve(self, ids: list[int], approved: bool = True, by: Approval | None = None) -> list[int]:
        """See :meth:`bilingual.tm.store.Store.approve` (under the writers' lock)."""
        by = by or approval_now(approved)
        db = self.db
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            present = {r[0] for r in db.execute("SELECT id FROM tu WHERE id = ANY(%s)", (list(ids),))}
            missing = [i for i in ids if i not in present]
            if missing:
                return missing
            db.execute("UPDATE tu SET approved = %s WHERE id = ANY(%s)", (int(by.approved), sorted(present)))
            with db.cursor() as cur:
                cur.executemany("INSERT INTO approval(tu, approved, who, at) VALUES (%s, %s, %s, %s)",
                                [(i, int(by.approved), by.who, by.at) for i in sorted(present)])
        return []

    def provenance(self, id_: int) -> Provenance | None:
        return read_provenance(self.db.execute, "%s", id_, self.schema or 0)

    # -- reading -----------------------------------------------------------

    def postings_source(self) -> _Postings:
        return _Postings(self.db)

    def iter_units(self) -> Iterator[bytes]:
        return paged_units(lambda last: self.db.execute(
            "SELECT id, xml, approved FROM tu WHERE id > %s ORDER BY id LIMIT 1000", (last,)).fetchall())

    def count(self) -> int:
        n: int = _value(self.db.execute("SELECT count(*) FROM tu"))
        return n

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
            **table_stats(q),
            "bytes": _value(q("SELECT coalesce(sum(pg_total_relation_size(c)), 0)::bigint FROM unnest("
                              "ARRAY['tu', 'post', 'keyfreq', 'meta']::regclass[]) AS c")),
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _value(cursor: psycopg.Cursor) -> Any:
    """The one value of a query that gives one row (an aggregate, ``nextval``)."""
    row = cursor.fetchone()
    assert row is not None
    return row[0]


class _Postings:
    """The postings of a PostgreSQL store, as :func:`bilingual.tm.index.candidates` reads them."""

    def __init__(self, db: psycopg.Connection) -> None:
        self.db = db

    def frequencies(self, keys: list[int]) -> dict[int, int]:
        return dict(self.db.execute("SELECT key, n FROM keyfreq WHERE key = ANY(%s) AND n > 0",
                                    (list(keys),)).fetchall())

    def _chunks(self, keys: list[int]) -> dict:
        """Each key's postings (ids uint32, lengths uint8), all its chunks joined."""
        import numpy as np

        parts: dict[int, list] = {}
        with self.db.cursor(binary=True) as cur:
            for key, ids, lens in cur.execute("SELECT key, ids, lens FROM post WHERE key = ANY(%s)", (list(keys),)):
                parts.setdefault(key, []).append((ids, lens))
        out = {}
        for key in keys:
            got = parts.get(key)
            if not got:
                out[key] = (np.zeros(0, np.uint32), np.zeros(0, np.uint8))
            else:
                out[key] = (np.frombuffer(b"".join(bytes(i) for i, _ in got), np.uint32),
                            np.frombuffer(b"".join(bytes(n) for _, n in got), np.uint8))
        return out

    def postings_many(self, keys: list[int], lo: int, hi: int) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """(ids, lengths) of several keys' postings whose length is in [lo, hi] or 255, in one round trip."""
        out = {}
        for key, (I, L) in self._chunks(keys).items():
            mask = (L >= lo) & ((L <= hi) | (L == 255))
            out[key] = I[mask], L[mask]
        return out

    def postings(self, key: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        return self.postings_many([key], lo, hi)[key]

    def ids_of_length(self, key: int, length: int, large: bool) -> set[int]:
        I, L = self._chunks([key])[key]
        return set(I[L == length].tolist())

    def language_ids(self, lang: str) -> list[int]:
        col = "en" if lang == "en" else "ja"
        return [r[0] for r in self.db.execute(f"SELECT id FROM tu WHERE {col} IS NOT NULL ORDER BY id")]
