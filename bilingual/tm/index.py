"""The candidate index: postings of rare keys, with lengths, in SQLite.

Keys are English words and Japanese character bigrams (:func:`tokens.index_keys`);
each posting carries the TU id and its length in units. Postings are stored in
chunks (``post(key, chunk, n, ids, lens)``: ids as uint32, lengths as uint8),
written in bulk at import.

A query probes its keys rarest first. A candidate that can reach the minimum
score shares at least ``τ`` of the query's E keys (:func:`fuzzy.required_overlap`),
so it holds one of the E − τ + 1 rarest (prefix filtering): probing those is
exact. Further keys are probed while cheap, and a candidate must then hold at
least τ − (keys not probed) of them (count filtering); lengths outside
:func:`fuzzy.length_bounds` are dropped. What remains is rescored exactly.
"""
from __future__ import annotations

import sqlite3
from array import array
from collections import Counter

from .fuzzy import length_bounds, required_overlap
from .tokens import en_keys, en_tokens, index_keys, ja_units

LANG_BIT = {"en": 0, "ja": 1}
SMALL_CHUNK = 4096          # a write this small appends to the key's last chunk
CHEAP = 20000               # keys with at most this many postings are always probed
MAX_CANDIDATES = 3000


def full_key(key: int, lang: str) -> int:
    return key * 2 + LANG_BIT[lang]


class Postings:
    """Postings collected during one transaction, written by :meth:`flush`.

    English keys are computed per TU; Japanese bigrams for the whole batch at
    once with numpy at flush time (the hot path of a large import).
    """

    def __init__(self) -> None:
        self.keys = array("q")
        self.ids = array("I")
        self.lens = array("B")
        self.ja_texts: list[str] = []
        self.ja_ids = array("I")

    def __len__(self) -> int:
        return len(self.ids) + len(self.ja_ids)

    def add(self, tu_id: int, text: str, lang: str) -> None:
        if lang == "ja":
            self.ja_texts.append(ja_units(text))
            self.ja_ids.append(tu_id)
            return
        toks = en_tokens(text)
        distinct = {k * 2 for k in en_keys(toks)}
        self.keys.extend(distinct)
        self.ids.extend([tu_id] * len(distinct))
        self.lens.extend([min(len(toks), 255)] * len(distinct))

    def _ja_arrays(self):
        """(keys, ids, lens) of the Japanese bigrams collected, vectorised."""
        import numpy as np

        texts = self.ja_texts
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        ids = np.frombuffer(self.ja_ids, dtype=np.uint32)
        chars = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(len(texts)), lengths + 1)[: len(chars)]
        pair = (chars[:-1] << 21) | chars[1:]
        ok = (chars[:-1] != 0) & (chars[1:] != 0)
        keys = pair[ok]
        who = owner[:-1][ok]
        single = np.flatnonzero(lengths == 1)
        if len(single):
            starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))[single]
            keys = np.concatenate((keys, chars[starts] << 21))
            who = np.concatenate((who, single))
        return keys * 2 + 1, ids[who], np.minimum(lengths[who], 255).astype(np.uint8)

    def flush(self, db: sqlite3.Connection) -> None:
        """Write the collected postings (English, then Japanese), one row per key, and start afresh."""
        import numpy as np

        if not len(self):
            return
        en = (np.frombuffer(self.keys, dtype=np.int64), np.frombuffer(self.ids, dtype=np.uint32),
              np.frombuffer(self.lens, dtype=np.uint8))
        ja = self._ja_arrays() if self.ja_texts else None
        small = len(self) <= SMALL_CHUNK
        self.__init__()
        for K, I, L in [x for x in (en, ja) if x is not None]:
            if len(K):
                _write(db, K, I, L, small, dedupe=K is not en[0])
        del en, ja

def _write(db: sqlite3.Connection, K, I, L, small: bool, dedupe: bool) -> None:
    import numpy as np

    order = np.argsort(K, kind="stable")       # ids stay ascending within a key
    K = K[order]
    I = I[order]
    L = L[order]
    del order
    if dedupe and len(K) > 1:
        keep = np.empty(len(K), dtype=bool)
        keep[0] = True
        np.not_equal(K[1:], K[:-1], out=keep[1:])
        keep[1:] |= I[1:] != I[:-1]
        K, I, L = K[keep], I[keep], L[keep]
    bounds = np.flatnonzero(np.diff(K)) + 1
    starts = np.concatenate(([0], bounds)).tolist()
    ends = np.concatenate((bounds, [len(K)])).tolist()
    keys = K[starts].tolist() if starts else []
    if small:
        for key, s, e in zip(keys, starts, ends):
            row = db.execute("SELECT chunk, n, ids, lens FROM post WHERE key=? ORDER BY chunk DESC LIMIT 1",
                             (key,)).fetchone()
            if row is not None and row[1] < SMALL_CHUNK:
                db.execute("UPDATE post SET n=?, ids=?, lens=? WHERE key=? AND chunk=?",
                           (row[1] + e - s, row[2] + I[s:e].tobytes(), row[3] + L[s:e].tobytes(), key, row[0]))
            else:
                db.execute("INSERT INTO post VALUES (?,?,?,?,?)",
                           (key, (row[0] + 1) if row else 0, e - s, I[s:e].tobytes(), L[s:e].tobytes()))
        return
    row = db.execute("SELECT v FROM meta WHERE k='chunk'").fetchone()
    chunk = int(row[0]) + 1 if row else 0
    db.execute("INSERT OR REPLACE INTO meta VALUES ('chunk', ?)", (str(chunk),))
    db.executemany("INSERT INTO post VALUES (?,?,?,?,?)",
                   ((key, chunk, e - s, I[s:e].tobytes(), L[s:e].tobytes()) for key, s, e in zip(keys, starts, ends)))


def candidates(db: sqlite3.Connection, text: str, lang: str, min_score: float) -> list[int]:
    """TU ids that may reach ``min_score`` for ``text`` (exact for the filters above; capped)."""
    import numpy as np

    keys, n = index_keys(text, lang)
    if n == 0:
        return []
    lo, hi = length_bounds(n, min_score)
    need = required_overlap(n, lang, min_score)
    qc = Counter(full_key(k, lang) for k in keys)
    entries = sum(qc.values())
    marks = ",".join("?" * len(qc))
    df = dict(db.execute(f"SELECT key, sum(n) FROM post WHERE key IN ({marks}) GROUP BY key", list(qc)).fetchall())
    order = sorted(qc, key=lambda k: df.get(k, 0))
    prefix = entries - need + 1 if need > 0 else entries
    covered = 0
    id_parts, w_parts = [], []
    for key in order:
        f = df.get(key, 0)
        if covered >= prefix and f > CHEAP:
            break
        covered += qc[key]
        if f == 0:
            continue
        for ids, lens in db.execute("SELECT ids, lens FROM post WHERE key=?", (key,)):
            I = np.frombuffer(ids, dtype=np.uint32)
            L = np.frombuffer(lens, dtype=np.uint8)
            mask = (L >= lo) & ((L <= hi) | (L == 255))
            sel = I[mask]
            if len(sel):
                id_parts.append(sel)
                w_parts.append(np.full(len(sel), qc[key], dtype=np.int32))
    if not id_parts:
        return []
    ids = np.concatenate(id_parts)
    weights = np.concatenate(w_parts)
    uniq, inverse = np.unique(ids, return_inverse=True)
    counts = np.bincount(inverse, weights=weights)
    at_least = max(1, need - (entries - covered))
    keep = counts >= at_least
    uniq, counts = uniq[keep], counts[keep]
    if len(uniq) > MAX_CANDIDATES:
        top = np.argsort(-counts, kind="stable")[:MAX_CANDIDATES]
        uniq = uniq[top]
    return uniq.tolist()
