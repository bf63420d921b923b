"""Leave-one-out evaluation of a TM: how useful are its matches, band by band?

For each sampled TU, its English is looked up in the rest of the TM (the TU
itself is left out). The best match's Japanese (numbers substituted, as the
lookup offers it) is scored against the TU's real Japanese with chrF
(sacrebleu, sentence level) and with the character similarity a CAT tool
prices post-editing by. Per match band (100, 95–99, 85–94, 75–84, 50–74,
new): how many TUs, the mean chrF, and how much of the suggestion a
translator would still change (100 − similarity). This tells a team whether
showing 75 % matches is worth it on its own memory.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .analyze import EDIT_BANDS, edit_band, similarity

if TYPE_CHECKING:
    from .store import Store

ORDER = list(EDIT_BANDS)


@dataclass
class BandRow:
    band: str
    n: int = 0
    match_score: float = 0.0           # mean fuzzy score of the best match
    chrf: float = 0.0                  # mean sentence chrF of the suggestion against the real Japanese
    change: float = 0.0                # mean share of the suggestion a translator would change (100 − similarity)
    corpus_chrf: float | None = None


@dataclass
class Evaluation:
    sampled: int
    evaluated: int
    min_score: float
    seed: int
    rows: list[BandRow] = field(default_factory=list)
    signature: str = ""


def evaluate(store: Store, sample: int = 1000, min_score: float = 50.0, seed: int = 12345,
             lang: str = "en") -> Evaluation:
    """Leave-one-out over ``sample`` TUs drawn with ``seed`` (all TUs when the TM is smaller)."""
    from sacrebleu.metrics import CHRF

    other = "ja" if lang == "en" else "en"
    total = store.count()
    ids = list(range(1, total + 1))
    rng = random.Random(seed)
    chosen = sorted(rng.sample(ids, min(sample, len(ids))))
    # (TU, its text, its translation) of the TUs with both
    tus = [(t, src, ref) for t in store.get(chosen) if (src := t.text(lang)) and (ref := t.text(other))]
    chrf = CHRF()
    per: dict[str, list[tuple[float, float, float, str, str]]] = {b: [] for b in ORDER}
    for tu, src, ref in tus:
        matches = [m for m in store.lookup(src, lang, limit=3, min_score=min_score) if m.tu.id != tu.id]
        if not matches:
            per["new"].append((0.0, 0.0, 100.0, "", ref))
            continue
        best = matches[0]
        hyp = best.target or ""
        c = chrf.sentence_score(hyp, [ref]).score
        _, sim = similarity(hyp, ref)
        per[edit_band(best.score)].append((min(best.score, 100.0), c, 100.0 - sim, hyp, ref))
    out = Evaluation(len(chosen), len(tus), min_score, seed)
    for b in ORDER:
        rows = per[b]
        row = BandRow(b, len(rows))
        if rows and b != "new":
            row.match_score = round(sum(r[0] for r in rows) / len(rows), 2)
            row.chrf = round(sum(r[1] for r in rows) / len(rows), 2)
            row.change = round(sum(r[2] for r in rows) / len(rows), 2)
            corpus = CHRF()
            row.corpus_chrf = round(corpus.corpus_score([r[3] for r in rows], [[r[4] for r in rows]]).score, 2)
            out.signature = str(corpus.get_signature())
        out.rows.append(row)
    return out


def render(ev: Evaluation, fmt: str = "text") -> str:
    import json
    from dataclasses import asdict

    if fmt == "json":
        return json.dumps(asdict(ev), ensure_ascii=False, indent=2) + "\n"
    lines = [f"leave-one-out on {ev.evaluated} TU(s) (sample {ev.sampled}, seed {ev.seed}, matches from "
             f"{ev.min_score:g}%)",
             f"{'band':>6} {'TUs':>6} {'share':>6} {'score':>6} {'chrF':>6} {'corpus chrF':>11} {'change %':>8}"]
    for r in ev.rows:
        share = 100.0 * r.n / ev.evaluated if ev.evaluated else 0.0
        if r.band == "new" or not r.n:
            lines.append(f"{r.band:>6} {r.n:>6} {share:>5.1f}% {'-':>6} {'-':>6} {'-':>11} {'-':>8}")
        else:
            lines.append(f"{r.band:>6} {r.n:>6} {share:>5.1f}% {r.match_score:>6.1f} {r.chrf:>6.1f} "
                         f"{r.corpus_chrf:>11.1f} {r.change:>8.1f}")
    lines.append(f"chrF: {ev.signature}")
    return "\n".join(lines) + "\n"
