"""TM fuzzy lookup on both stores, with an exact reference, a query mix and no query taken from the TM.

For one TM size (default 200k TUs of bench/tm_data.py: the 50k Tanaka
training pairs, then synthetic splices), per language, a query mix:

- ``short``: 3–6-unit queries of common words (EN: a short TM sentence with
  one word swapped for one of the 50 commonest, like ``i was the work .``;
  JA: a short TM sentence with one character substituted);
- ``unseen``: Tanaka dev and test sentences (not in the TM; mostly no match);
- ``long``: the TM's longest sentences with 1–4 edits, and two unseen
  sentences joined (no match);
- ``numtag``: TM sentences holding a number, the number changed, looked up
  with an inline tag (``tags=["ph"]``).

A query whose text (whitespace collapsed) is a TM source is dropped (no leak).
Each store is warmed up with 30 queries of another seed, not timed; then
every query is timed once (p50 / p95 / p99 / worst, in ms). The first
lookup of a new process (open + one query) is measured apart, in 5 fresh
processes. The OS page cache is hot (the stores were just written; the
cache is not dropped: the machine is shared).

Reference: every TU's base score by rapidfuzz (Levenshtein over words — each
word one code point — or characters), which bounds the documented score from
above; TUs are then rescored with bilingual's score in falling base order
until the base is below the best score found: the exhaustive best score,
exactly. recall@1: our best score equals it (ties count as hits).

PostgreSQL: a throwaway cluster (tests/pg.py) unless ``--pg URL``; the same
TMX imported by ``COPY`` (timed); lookups through the same candidate search;
side by side, a Weblate-style pg_trgm query on the same table:
``SET pg_trgm.similarity_threshold`` from t = 75 by Weblate's formula
(0.127264·ln(24.282·t), clamped 0.6–1), ``WHERE en % q ... LIMIT 50`` over
a GiST ``gist_trgm_ops`` index, retried 0.05 lower down to 0.3 while nothing
is found; its recall@1 after rescoring the rows it returns with our score.

Usage: python bench/tm_lookup.py [--size 200k] [--data DIR] [--per-kind 100] [--pg URL] [--no-pg] [--trgm-queries 60]
"""
from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("short", "unseen", "long", "numtag")       # the query mix
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from tm_data import SIZES, load, pairs, write_tmx  # noqa: E402

from bilingual.tm.fuzzy import score  # noqa: E402
from bilingual.tm.tokens import en_tokens, ja_units  # noqa: E402


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, math.ceil(p * len(xs)) - 1)]


class Encoder:
    """Words to single code points, so a character edit distance is a word edit distance."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def __call__(self, words: list[str]) -> str:
        out = []
        for w in words:
            c = self.ids.get(w)
            if c is None:
                n = len(self.ids) + 0x100
                if n >= 0xD800:
                    n += 0x800
                c = self.ids[w] = chr(n)
            out.append(c)
        return "".join(out)


class Reference:
    """The exhaustive best score of a query (see the module doc)."""

    def __init__(self, texts: list[str], lang: str) -> None:
        self.texts, self.lang = texts, lang
        self.enc = Encoder()
        self.encoded = [self.enc(en_tokens(t)) if lang == "en" else ja_units(t) for t in texts]

    def best(self, query: str, tags: list[str] | None, min_score: float = 75) -> float | None:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        q = self.enc(en_tokens(query)) if self.lang == "en" else ja_units(query)
        hits = process.extract(q, self.encoded, scorer=Levenshtein.normalized_similarity,
                               score_cutoff=(min_score - 0.05) / 100 - 1e-9, limit=None)
        best = None
        for _, base, i in sorted(hits, key=lambda h: -h[1]):
            if best is not None and 100 * base + 0.05 < best:
                break
            s = score(query, self.texts[i], self.lang, tags, [])
            if s >= min_score and (best is None or s > best):
                best = s
        return best


def mix(size: int, lang: str, per_kind: int, seed: int) -> list[tuple[str, str, list[str] | None]]:
    """(kind, query, tags) for one language; none is a TM source word for word."""
    rng = random.Random(seed)
    tm = [(e if lang == "en" else j) for e, j in pairs(size)]
    in_tm = {" ".join(t.split()) for t in tm}
    unit = (lambda s: s.split()) if lang == "en" else list
    join = " ".join if lang == "en" else "".join
    dev_en, dev_ja = load("dev")
    test_en, test_ja = load("test")
    unseen = (dev_en + test_en) if lang == "en" else (dev_ja + test_ja)
    common = [w for w, _ in __import__("collections").Counter(
        u for t in tm[:50000] for u in unit(t)).most_common(60) if any(c.isalnum() for c in w)][:50]
    short = [t for t in tm[:50000] if 3 <= len(unit(t)) <= 6]
    longest = sorted(tm[:50000], key=lambda t: -len(unit(t)))[:2000]
    numbered = [t for t in tm[:50000] if any(c.isdigit() for c in t)]
    out: list[tuple[str, str, list[str] | None]] = []

    def take(kind: str, make) -> None:
        n = 0
        for _ in range(per_kind * 20):
            q, tags = make()
            if " ".join(q.split()) in in_tm:
                continue
            out.append((kind, q, tags))
            n += 1
            if n == per_kind:
                return

    def edit(t: str, k: int, pool) -> str:
        u = unit(t)
        for _ in range(k):
            i = rng.randrange(len(u))
            u[i] = rng.choice(pool)
        return join(u)

    take("short", lambda: (edit(rng.choice(short), 1, common), None))
    take("unseen", lambda: (rng.choice(unseen), None))
    take("long", lambda: (edit(rng.choice(longest), rng.randint(1, 4), common), None) if rng.random() < .5
         else (join([rng.choice(unseen), rng.choice(unseen)]), None))

    def numtag():
        t = rng.choice(numbered)
        import re
        return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), t, count=1), ["ph"]

    take("numtag", numtag)
    return out


def timed_lookups(store, queries, lang, warm) -> list[tuple[float, list]]:
    for _, q, tags in warm:
        store.lookup(q, lang, limit=5, min_score=75, tags=tags)
    out = []
    for _, q, tags in queries:
        t = time.perf_counter()
        got = store.lookup(q, lang, limit=5, min_score=75, tags=tags)
        out.append((time.perf_counter() - t, [m.score for m in got]))
    return out


FIRST = """
import sys, time
t = time.perf_counter()
from bilingual.tm.default import open_store
from pathlib import Path
w = sys.argv[1]
store = open_store(w if w.startswith("postgresql://") else Path(w))
store.lookup(sys.argv[2], sys.argv[3], limit=5, min_score=75)
print(time.perf_counter() - t)
"""


def first_lookup(where: str, query: str, lang: str, runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", FIRST, where, query, lang], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        out.append(float(done.stdout.strip()))
    return out


def weblate_trgm(db, query: str, lang: str, limit: int = 50) -> tuple[float, list[tuple[int, str]]]:
    """Weblate's memory search shape on our tu table (see the module doc)."""
    col = "en" if lang == "en" else "ja"
    threshold = min(1.0, max(0.6, 0.127264 * math.log(24.282 * 75)))
    t = time.perf_counter()
    rows = []
    while threshold >= 0.3 - 1e-9:
        db.execute(f"SET pg_trgm.similarity_threshold = {threshold:.3f}")
        rows = db.execute(f"SELECT id, {col} FROM tu WHERE {col} %% %s LIMIT {limit}", (query,)).fetchall()
        if rows:
            break
        threshold -= 0.05
    return time.perf_counter() - t, rows


def line(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return (f"{name}: p50 {pct(ms, .5):.1f} / p95 {pct(ms, .95):.1f} / p99 {pct(ms, .99):.1f} / "
            f"worst {max(ms):.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="200k", choices=list(SIZES))
    ap.add_argument("--data", type=Path, default=Path("/tmp/bilingual-bench"))
    ap.add_argument("--per-kind", type=int, default=100)
    ap.add_argument("--pg", help="a postgresql:// URL to an empty database (default: a throwaway cluster)")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--trgm-queries", type=int, default=60,
                    help="queries per language for the pg_trgm peer (0: not run)")
    args = ap.parse_args()
    from bilingual.tm.bulk import import_tmx
    from bilingual.tm.sqlite import SQLiteStore

    size = SIZES[args.size]
    args.data.mkdir(parents=True, exist_ok=True)
    tmx = args.data / f"tm-{args.size}.tmx"
    if not tmx.exists():
        write_tmx(tmx, pairs(size))
    stores: dict[str, str] = {}
    db_path = args.data / f"lookup-{args.size}.sqlite"
    if not db_path.exists():
        s = SQLiteStore(db_path)
        import_tmx(s, tmx)
        s.close()
    stores["SQLite"] = str(db_path)
    cluster = None
    if not args.no_pg:
        url = args.pg
        if url is None:
            from pg import Cluster, binaries

            cluster = Cluster(binaries())
            url = cluster.url()
        from bilingual.tm.postgres import PostgresStore

        s = PostgresStore(url)
        if s.count() == 0:
            t, c = time.perf_counter(), time.process_time()
            r = import_tmx(s, tmx)
            wall, cpu = time.perf_counter() - t, time.process_time() - c
            print(f"PostgreSQL import of {r.added} TUs: {wall:.1f} s wall ({r.added / wall:,.0f} TU/s), "
                  f"{cpu:.1f} s CPU in this process", flush=True)
            s.db.execute("ANALYZE")
        s.close()
        stores["PostgreSQL"] = url
    en, ja = map(list, zip(*pairs(size), strict=True))
    report: dict = {}
    try:
        for lang in ("en", "ja"):
            texts = en if lang == "en" else ja
            ref = Reference(texts, lang)
            queries = mix(size, lang, args.per_kind, seed=15)
            warm = mix(size, lang, 8, seed=99)[:30]
            t = time.perf_counter()
            best = [ref.best(q, tags) for _, q, tags in queries]
            brute_ms = (time.perf_counter() - t) / len(queries) * 1000
            print(f"\n{args.size} TUs, {lang.upper()}: {len(queries)} queries "
                  f"({', '.join(f'{k} {sum(1 for q in queries if q[0] == k)}' for k in KINDS)}), "
                  f"{sum(b is not None for b in best)} with a match ≥ 75; "
                  f"exhaustive reference {brute_ms:.0f} ms a query",
                  flush=True)
            for name, where in stores.items():
                from bilingual.tm.default import open_store

                store = open_store(where if where.startswith("postgresql://") else Path(where))
                got = timed_lookups(store, queries, lang, warm)
                store.close()
                hits = sum((g[1][0] if g[1] else None) == b for g, b in zip(got, best, strict=True) if b is not None)
                judged = sum(b is not None for b in best)
                print(f"  {line(name, [g[0] for g in got])}; recall@1 {hits}/{judged} = {hits / max(judged, 1):.3f}")
                for kind in KINDS:
                    ts = [g[0] for g, q in zip(got, queries, strict=True) if q[0] == kind]
                    print(f"    {line(kind, ts)}")
                worst = max(range(len(got)), key=lambda k: got[k][0])
                print(f"    worst query: {queries[worst][1]!r} ({queries[worst][0]})")
                first = first_lookup(where, queries[0][1], lang)
                print(f"    first lookup in a new process (open + 1 query, incl. imports): "
                      f"median {sorted(first)[len(first) // 2] * 1000:.0f} ms of 5")
                report[(name, lang)] = got
            if "PostgreSQL" in stores and args.trgm_queries > 0:
                import psycopg

                with psycopg.connect(stores["PostgreSQL"], autocommit=True) as db:
                    db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    col = "en" if lang == "en" else "ja"
                    if not db.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", (f"tu_{col}_trgm",)).fetchone():
                        t = time.perf_counter()
                        db.execute(f"CREATE INDEX tu_{col}_trgm ON tu USING gist ({col} gist_trgm_ops)")
                        print(f"  (pg_trgm GiST index on {col}: {time.perf_counter() - t:.0f} s)")
                    db.execute("SET statement_timeout = '20s'")
                    picked = queries[:: max(1, len(queries) // args.trgm_queries)][: args.trgm_queries]
                    for _, q, _tags in picked[:3]:
                        weblate_trgm(db, q, lang)
                    times, hits, judged = [], 0, 0
                    for _kind, q, tags in picked:
                        try:
                            took, rows = weblate_trgm(db, q, lang)
                        except psycopg.errors.QueryCanceled:
                            took, rows = 20.0, []
                        times.append(took)
                        b = ref.best(q, tags)
                        if b is not None:
                            judged += 1
                            mine = max((score(q, r[1], lang, tags, []) for r in rows), default=None)
                            hits += mine == b
                    print(f"  {line('Weblate-style pg_trgm %', times)} ({len(picked)} of the queries); "
                          f"recall@1 {hits}/{judged} = {hits / max(judged, 1):.3f}", flush=True)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
