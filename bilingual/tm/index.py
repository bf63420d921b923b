"""The candidate index: postings of keys, with lengths; the candidate search every store shares.

Keys are English words and Japanese character bigrams (:func:`tokens.index_keys`);
each posting carries the TU id and its length in units (capped at 255). The
SQLite store keeps postings in chunks (``post(key, chunk, n, ids, lens)``: ids
as uint32, lengths as uint8), written in bulk at import; the PostgreSQL store
one row a posting. :func:`candidates` reads either through a small source
object (``frequencies``, ``postings``, ``ids_of_length``, ``language_ids``).

Completeness (docs/tm.md): a TU that can reach the minimum score shares at
least ``need(M)`` of the query's E key entries, M being the longer of the two
lengths (:func:`fuzzy.overlap_by_length`), so it holds one of the
``E − min need + 1`` rarest keys (prefix filtering): the TUs of those keys
(lengths outside :func:`fuzzy.length_bounds` dropped) are the candidates, with
no cap. The other keys are then probed, rarest first, while the candidates
are many: a candidate must still be able to reach its need with the keys not
yet probed (count filtering). What remains is rescored exactly.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from .fuzzy import length_bounds, overlap_by_length
from .tokens import index_keys

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from .store import PostingsSource

LANG_BIT = {"en": 0, "ja": 1}
SMALL_CHUNK = 4096          # a write this small appends to the key's last chunk
RUN = 300_000               # postings held in memory during an import before a sorted run is spilled
PARTS = 64                  # key ranges the runs are merged by (memory: about all postings / PARTS)
CHEAP = 20000               # keys with at most this many postings are always probed


def full_key(key: int, lang: str) -> int:
    return key * 2 + LANG_BIT[lang]


class Postings:
    """Postings collected during one transaction, written by :meth:`flush`.

    The store adds the keys of the TUs it wrote (:func:`bilingual.tm.rows.postings`).
    A write of at most ``SMALL_CHUNK`` postings appends to each key's last chunk. A large import
    keeps at most ``RUN`` postings in memory: each full run is sorted and
    spilled to a temporary file, and :meth:`flush` merges the runs, one key
    range at a time, into one new chunk per key. Use as a context manager
    (the temporary files go with it).
    """

    def __init__(self) -> None:
        self.parts: list[tuple] = []
        self.size = 0
        self.runs: list[tuple[IO[bytes], int, list[int]]] = []  # (file, postings, where each key range starts)
        self.lengths = _Lengths()
        self.dropped: np.ndarray | None = None        # ids whose postings are not written (sorted), see drop()
        self._bounds: np.ndarray | None = None

    def __len__(self) -> int:
        return self.size + sum(n for _, n, _ in self.runs)

    def __enter__(self) -> Postings:
        return self

    def __exit__(self, *exc: object) -> None:
        for run, _, _ in self.runs:
            run.close()
        self.runs, self._bounds = [], None

    def extend(self, keys: np.ndarray, ids: np.ndarray, lens: np.ndarray) -> None:
        """Add postings (full keys, TU ids, lengths), e.g. from a prepared batch."""
        if len(keys):
            self.lengths.put(keys, ids, lens)
            self.parts.append((keys, ids))
            self.size += len(keys)
            if self.size >= RUN:
                self._spill()

    def drop(self, ids: Iterable[int] | np.ndarray) -> None:
        """Write no postings of these TU ids (TUs removed again in the same transaction)."""
        import numpy as np

        dropped = np.asarray(ids, dtype=np.uint32)
        self.dropped = dropped if self.dropped is None else np.union1d(self.dropped, dropped)

    def _sorted_kept(self, K: np.ndarray, I: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:func:`_sorted`, without the postings of dropped ids."""
        if self.dropped is not None and len(K):
            import numpy as np

            keep = ~np.isin(I, self.dropped)
            K, I = K[keep], I[keep]
        return _sorted(K, I)

    def _collected(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The (keys, ids) in memory, sorted by key (ids ascending within a key), repeats dropped."""
        import numpy as np

        if not self.parts:
            return None
        parts, self.parts, self.size = self.parts, [], 0
        K, I = (np.concatenate(c) for c in zip(*parts, strict=True))
        del parts
        return self._sorted_kept(K, I)

    def _spill(self) -> None:
        """Sort the postings in memory and write them to a run file, cut at the key ranges of the merge."""
        import tempfile

        import numpy as np

        sorted_ = self._collected()
        if sorted_ is None:
            return
        K = sorted_[0]
        bounds = self._bounds
        if bounds is None:                     # key ranges: the first run's quantiles
            bounds = self._bounds = np.unique(K[np.linspace(0, len(K) - 1, PARTS + 1).astype(np.int64)[1:-1]])
        # anonymous: gone with the process; kept open in self.runs until merged
        try:
            run = tempfile.TemporaryFile(prefix="bilingual-postings-")  # noqa: SIM115
            for array in sorted_:
                array.tofile(run)
        except OSError as exc:                 # a full or read-only temporary folder: one line, exit 2
            from ..io.fsutil import output_error

            raise output_error(tempfile.gettempdir(), exc) from None
        self.runs.append((run, len(K), [0, *np.searchsorted(K, bounds).tolist(), len(K)]))

    def flush(self, db: sqlite3.Connection) -> None:
        """Write the collected postings into a SQLite store and start afresh: a small write appends to
        each key's last chunk, a large one (spilled runs) makes one new chunk a key."""
        if not self.runs:
            for K, I, L in self.sorted_groups():
                _write(db, K, I, L, small=len(K) <= SMALL_CHUNK)
            return
        chunk = _next_chunk(db)
        for K, I, L in self.sorted_groups():
            _write(db, K, I, L, small=False, chunk=chunk)

    def sorted_groups(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The collected postings as (keys, ids, lengths), sorted by key and ids ascending within a key,
        repeats and dropped ids left out, in groups of whole keys (one key range of every run at a time:
        memory stays about all postings / ``PARTS``); afterwards the collection starts afresh."""
        import numpy as np

        if not self.runs:
            sorted_ = self._collected()
            if sorted_ is not None and len(sorted_[0]):
                K, I = sorted_
                yield K, I, self.lengths.get(K, I)
            return
        self._spill()
        assert self._bounds is not None                # set by the first spill
        for part in range(len(self._bounds) + 1):      # one key range of every run at a time
            pieces = []
            for run, n, cuts in self.runs:
                a, count = cuts[part], cuts[part + 1] - cuts[part]
                if count:
                    pieces.append((_read(run, 8 * a, np.int64, count), _read(run, 8 * n + 4 * a, np.uint32, count)))
            if pieces:
                K, I = self._sorted_kept(*(np.concatenate(c) for c in zip(*pieces, strict=True)))
                if len(K):
                    yield K, I, self.lengths.get(K, I)
        self.__exit__()


class _Lengths:
    """Each TU's length in units (English, Japanese) by id: a posting's length is its TU's.

    Kept once a TU rather than once a posting: the postings sorted and spilled
    are (key, id) pairs only.
    """

    def __init__(self) -> None:
        self.base = 0
        self.table: np.ndarray | None = None         # uint8, shape (2, ids): row 0 English, row 1 Japanese

    def put(self, keys: np.ndarray, ids: np.ndarray, lens: np.ndarray) -> None:
        import numpy as np

        low, high = int(ids.min()), int(ids.max())
        table: np.ndarray
        if self.table is None:
            self.base, self.table = low, np.zeros((2, max(high - low + 1, 1024)), np.uint8)
        table = self.table
        if low < self.base:
            table = self.table = np.concatenate((np.zeros((2, self.base - low), np.uint8), table), axis=1)
            self.base = low
        if high - self.base >= table.shape[1]:
            grown = np.zeros((2, max(high - self.base + 1, 2 * table.shape[1])), np.uint8)
            grown[:, :table.shape[1]] = table
            table = self.table = grown
        table[keys & 1, ids - self.base] = lens

    def get(self, keys: np.ndarray, ids: np.ndarray) -> np.ndarray:
        assert self.table is not None                  # put() comes first
        lengths: np.ndarray = self.table[keys & 1, ids - self.base]
        return lengths


def _read(run: IO[bytes], offset: int, dtype: npt.DTypeLike, count: int) -> np.ndarray:
    """``count`` items of ``dtype`` from a spilled run, ``offset`` bytes in."""
    import numpy as np

    run.seek(offset)
    return np.fromfile(run, dtype, count)


def _sorted(K: np.ndarray, I: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(keys, ids) sorted by key, ids ascending within a key, a (key, id) repeated once.

    Key and id packed in one integer when they fit in 63 bits: numpy sorts
    one int64 column fast, and nothing is gathered after it.
    """
    import numpy as np

    if len(K) < 2:
        return K, I
    low = int(I.min())
    bits = (int(I.max()) - low).bit_length()
    if int(K.max()) < 1 << (63 - bits) and int(K.min()) >= 0:
        packed = (K << bits) | (I.astype(np.int64) - low)
        packed.sort()                          # (np.unique is many times slower here)
        packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
        return packed >> bits, ((packed & ((1 << bits) - 1)) + low).astype(np.uint32)
    order = np.lexsort((I, K))
    K, I = K[order], I[order]
    keep = np.concatenate(([True], (K[1:] != K[:-1]) | (I[1:] != I[:-1])))
    return K[keep], I[keep]


def key_runs(K: np.ndarray) -> tuple[list[int], list[int], list[int]]:
    """For postings sorted by key (``sorted_groups``): each key once, and where its postings start and end."""
    import numpy as np

    bounds = np.flatnonzero(np.diff(K)) + 1
    starts = np.concatenate(([0], bounds)).tolist() if len(K) else []
    ends = np.concatenate((bounds, [len(K)])).tolist() if len(K) else []
    return (K[starts].tolist() if starts else []), starts, ends


def _write(db: sqlite3.Connection, K: np.ndarray, I: np.ndarray, L: np.ndarray, small: bool,
           chunk: int | None = None) -> None:
    """Write postings sorted by key: appended to each key's last chunk (small), or as one new chunk."""
    keys, starts, ends = key_runs(K)
    if small:
        fresh = None                           # one new chunk number per flush, from the same counter as bulk writes
        for key, s, e in zip(keys, starts, ends, strict=True):
            row = db.execute("SELECT chunk, n, ids, lens FROM post WHERE key=? ORDER BY chunk DESC LIMIT 1",
                             (key,)).fetchone()
            if row is not None and row[1] < SMALL_CHUNK:
                db.execute("UPDATE post SET n=?, ids=?, lens=? WHERE key=? AND chunk=?",
                           (row[1] + e - s, row[2] + I[s:e].tobytes(), row[3] + L[s:e].tobytes(), key, row[0]))
            else:
                fresh = _next_chunk(db) if fresh is None else fresh
                db.execute("INSERT INTO post VALUES (?,?,?,?,?)",
                           (key, fresh, e - s, I[s:e].tobytes(), L[s:e].tobytes()))
        return
    if chunk is None:
        chunk = _next_chunk(db)
    ids, lens = I.tobytes(), L.tobytes()
    db.executemany("INSERT INTO post VALUES (?,?,?,?,?)",
                   ((key, chunk, e - s, ids[4 * s:4 * e], lens[s:e])
                    for key, s, e in zip(keys, starts, ends, strict=True)))


def _next_chunk(db: sqlite3.Connection) -> int:
    """A chunk number no key has used: a store-wide counter (small and bulk writes must not collide)."""
    row = db.execute("SELECT v FROM meta WHERE k='chunk'").fetchone()
    chunk = int(row[0]) + 1 if row else 0
    if chunk == 0:                             # a store written before the counter covered small writes
        chunk = db.execute("SELECT coalesce(max(chunk), -1) + 1 FROM post").fetchone()[0]
    db.execute("INSERT OR REPLACE INTO meta VALUES ('chunk', ?)", (str(chunk),))
    return chunk


class SQLitePostings:
    """The postings of an SQLite store, as :func:`candidates` reads them (chunks of ids and lengths)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def frequencies(self, keys: list[int]) -> dict[int, int]:
        """Postings of each of ``keys`` that has any (full keys)."""
        return _frequencies(self.db, keys)

    def postings(self, key: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, lengths) of a key's postings whose length is in [lo, hi] or 255 (255: that long or longer)."""
        import numpy as np

        id_parts, len_parts = [], []
        for ids, lens in self.db.execute("SELECT ids, lens FROM post WHERE key=?", (key,)):
            I = np.frombuffer(ids, dtype=np.uint32)
            L = np.frombuffer(lens, dtype=np.uint8)
            mask = (L >= lo) & ((L <= hi) | (L == 255))
            id_parts.append(I[mask])
            len_parts.append(L[mask])
        if not id_parts:
            return np.zeros(0, np.uint32), np.zeros(0, np.uint8)
        return np.concatenate(id_parts), np.concatenate(len_parts)

    def ids_of_length(self, key: int, length: int, large: bool) -> set[int]:
        return _ids_of_length(self.db, key, length, large)

    def language_ids(self, lang: str) -> list[int]:
        col = "en" if lang == "en" else "ja"
        return [r[0] for r in self.db.execute(f"SELECT id FROM tu WHERE {col} IS NOT NULL ORDER BY id")]


def _frequencies(db: sqlite3.Connection, keys: list[int]) -> dict[int, int]:
    """Postings of each of ``keys`` that has any (full keys)."""
    marks = ",".join("?" * len(keys))
    return dict(db.execute(f"SELECT key, sum(n) FROM post WHERE key IN ({marks}) GROUP BY key", keys).fetchall())


#: a further key is probed to narrow the candidates down while its postings number at most this many
#: times the candidates (reading a posting costs about this much less than rescoring a candidate)
PROBE_RATIO = 500
SMALL_SET = 16              # ... and while there are more candidates than this


def candidates(source: PostingsSource, text: str, lang: str, min_score: float) -> list[int]:
    """Every TU id that may reach ``min_score`` for ``text``; no cap (see the module doc and docs/tm.md).

    ``source`` reads postings (:class:`SQLitePostings`, or the PostgreSQL
    store's). Complete: a TU reaching ``min_score`` shares at least
    ``need(M)`` of the query's keys (M: the longer length,
    :func:`fuzzy.overlap_by_length`), so it holds one of the
    ``E − min need + 1`` rarest keys; those are probed (the candidates), the
    others only narrow the candidates down (count filtering: a candidate
    must still be able to reach its need with the keys not yet probed).
    """
    import numpy as np

    keys, n = index_keys(text, lang)
    if n == 0:
        return []
    lo, hi = length_bounds(n, min_score)
    need = overlap_by_length(n, lang, min_score)           # need[L]: keys a TU of length L must share
    floor_need = int(need[min(lo, 255):min(hi, 255) + 1].min())    # the least over the lengths that can reach it
    if floor_need <= 0:                                    # no guarantee from the keys: every TU of the language
        return source.language_ids(lang)
    qc = Counter(full_key(k, lang) for k in keys)
    entries = sum(qc.values())
    df = source.frequencies(list(qc))
    order = sorted(qc, key=lambda k: df.get(k, 0))
    prefix = entries - floor_need + 1
    covered = 0
    k = 0
    while k < len(order) and covered < prefix:             # the prefix: every candidate holds one of these
        covered += qc[order[k]]
        k += 1
    probed = [key for key in order[:k] if df.get(key, 0)]
    many = getattr(source, "postings_many", None)          # (a server: one round trip for them all)
    read = many(probed, lo, hi) if many is not None else {key: source.postings(key, lo, hi) for key in probed}
    id_parts, w_parts, l_parts = [], [], []
    for key in probed:
        ids, lens = read[key]
        if len(ids):
            id_parts.append(np.asarray(ids, np.int64))
            l_parts.append(np.asarray(lens, np.int64))
            w_parts.append(np.full(len(ids), qc[key], dtype=np.int64))
    if not id_parts:
        return []
    ids = np.concatenate(id_parts)
    uniq, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate(w_parts)).astype(np.int64)
    wanted = need[np.concatenate(l_parts)[first]]
    rest = entries - covered                               # key entries not probed yet

    def narrow(uniq: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keep = counts + rest >= wanted
        return uniq[keep], counts[keep], wanted[keep]

    uniq, counts, wanted = narrow(uniq, counts, wanted)
    while k < len(order) and len(uniq) > SMALL_SET and df.get(order[k], 0) <= PROBE_RATIO * len(uniq):
        key = order[k]                                     # the other keys, rarest first, while worth it
        k += 1
        rest -= qc[key]
        if df.get(key, 0):
            ids, _ = source.postings(key, lo, hi)
            counts = counts + qc[key] * np.isin(uniq, np.asarray(ids, np.int64))
        uniq, counts, wanted = narrow(uniq, counts, wanted)
    found: list[int] = uniq.tolist()
    return found


def exact_candidates(source: PostingsSource, text: str, lang: str) -> list[int] | None:
    """TU ids that may hold ``text`` (whitespace collapsed): every one of its keys, its length; None: no keys.

    Keys are read rarest first until few ids are left.
    """
    keys, n = index_keys(text, lang)
    if not keys:
        return None
    fk = sorted({full_key(k, lang) for k in keys})
    df = source.frequencies(fk)
    if len(df) < len(fk):
        return []
    length = min(n, 255)
    ids: set[int] | None = None
    for key in sorted(fk, key=df.__getitem__):           # rarest first, until few are left
        found = source.ids_of_length(key, length, large=df[key] > CHEAP)
        ids = found if ids is None else ids & found
        if len(ids) <= 64:
            break
    return sorted(ids or ())


def _ids_of_length(db: sqlite3.Connection, key: int, length: int, large: bool) -> set[int]:
    """The ids of a key's postings whose length is ``length`` (short lists read without numpy)."""
    rows = db.execute("SELECT ids, lens FROM post WHERE key=?", (key,))
    if large:
        import numpy as np

        return {i for blob, lens in rows
                for i in np.frombuffer(blob, np.uint32)[np.frombuffer(lens, np.uint8) == length].tolist()}
    from array import array

    return {i for blob, lens in rows for i, n in zip(array("I", blob), lens, strict=False) if n == length}
