"""TM fuzzy lookup: bilingual's index vs rapidfuzz brute force vs translate-toolkit's matcher.

For each TM size and language, 1,000 queries (bench/tm_data.py): latency
p50/p95 of each tool, and recall@1 / recall@5 of ours against brute force for
the queries whose best brute-force match scores ≥ 75. Brute force scores every
TU with rapidfuzz (normalised Levenshtein over words for EN — each word mapped
to one code point — and over characters for JA, ≥ 0.70, best 300) and rescores
those exactly with bilingual's score, so it ranks by the same documented score.
recall@1: our best score equals brute force's; recall@5: share of brute
force's five best scores found among ours (ties make scores, not TU ids, the
fair unit).

Usage: python bench/tm_lookup.py [--data DIR] [--sizes 50k,200k,1m] [--peer-sizes 50k,200k] [--peer-queries 50]
(run bench/tm_data.py and bench/tm_import.py first: they make the TMX files and the stores).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tm_data import SIZES, pairs  # noqa: E402

from bilingual.tm.fuzzy import score  # noqa: E402
from bilingual.tm.tokens import en_tokens, ja_units  # noqa: E402


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


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


def brute(query: str, lang: str, texts: list[str], encoded: list[str], enc) -> tuple[list[float], float]:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    t = time.perf_counter()
    q = enc(en_tokens(query)) if lang == "en" else ja_units(query)
    hits = process.extract(q, encoded, scorer=Levenshtein.normalized_similarity, score_cutoff=0.70, limit=300)
    scores = sorted((score(query, texts[i], lang) for _, _, i in hits), reverse=True)[:5]
    return [s for s in scores if s >= 75], time.perf_counter() - t


def tt_matcher(en: list[str], ja: list[str], lang: str):
    from translate.search.match import matcher
    from translate.storage import po

    store = po.pofile()
    for e, j in zip(en, ja):
        u = store.addsourceunit(e if lang == "en" else j)
        u.target = j if lang == "en" else e
    return matcher(store, max_candidates=5, min_similarity=75, max_length=1000)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("/tmp/bilingual-bench"))
    ap.add_argument("--sizes", default="50k,200k,1m")
    ap.add_argument("--peer-sizes", default="50k,200k")
    ap.add_argument("--peer-queries", type=int, default=50)
    args = ap.parse_args()
    from bilingual.tm.sqlite import SQLiteStore

    queries = json.loads((args.data / "queries.json").read_text(encoding="utf-8"))
    print("| TUs | lang | bilingual p50 / p95 | brute force p50 / p95 | translate-toolkit p50 / p95 "
          "| recall@1 | recall@5 | queries ≥ 75 |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sizes.split(","):
        db = args.data / f"import-{name}.sqlite"
        if not db.exists():
            raise SystemExit(f"{db} missing: run bench/tm_import.py --sizes {name}")
        store = SQLiteStore(db, readonly=True)
        en, ja = map(list, zip(*pairs(SIZES[name])))
        for lang in ("en", "ja"):
            texts = en if lang == "en" else ja
            enc = Encoder()
            encoded = [enc(en_tokens(t)) for t in texts] if lang == "en" else [ja_units(t) for t in texts]
            qs = queries[lang]
            for q in qs[:20]:
                store.lookup(q, lang)
            ours, brute_t, hit1, hit5, total5, judged = [], [], 0, 0, 0, 0
            for q in qs:
                t = time.perf_counter()
                got = store.lookup(q, lang, limit=5, min_score=75)
                ours.append(time.perf_counter() - t)
                best, bt = brute(q, lang, texts, encoded, enc)
                brute_t.append(bt)
                if not best:
                    continue
                judged += 1
                mine = [m.score for m in got]
                hit1 += bool(mine) and mine[0] == best[0]
                hit5 += sum((Counter(best) & Counter(mine)).values())
                total5 += len(best)
            peer = "—"
            if name in args.peer_sizes.split(","):
                m = tt_matcher(en, ja, lang)
                tt = []
                for q in qs[: args.peer_queries]:
                    t = time.perf_counter()
                    try:
                        m.matches(q)
                    except TypeError:   # its heap compares units on tied scores
                        pass
                    tt.append(time.perf_counter() - t)
                peer = f"{pct(tt, .5) * 1000:.0f} / {pct(tt, .95) * 1000:.0f} ms"
                del m
            print(f"| {name} | {lang.upper()} | {pct(ours, .5) * 1000:.1f} / {pct(ours, .95) * 1000:.1f} ms "
                  f"| {pct(brute_t, .5) * 1000:.0f} / {pct(brute_t, .95) * 1000:.0f} ms | {peer} "
                  f"| {hit1 / judged:.3f} | {hit5 / total5:.3f} | {judged} |", flush=True)
        store.close()


if __name__ == "__main__":
    main()
