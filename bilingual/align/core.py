"""Paragraph-then-sentence alignment of an English and a Japanese text.

One dynamic programme serves both levels. A *bead* joins ``a`` English units
to ``b`` Japanese units; its cost is

    prior(a, b) + length cost + anchor cost

- the prior is -log of how often such a bead occurs (1–1 most often);
- the length cost is Gale and Church's: -log P(|δ|) for
  δ = (len_ja - c·len_en) / sqrt(s²·(len_en + len_ja/c)/2), with the ratio
  ``c`` (Japanese characters per English character) taken from the TM;
- the anchor cost rewards numbers, URLs, acronyms, glossary concepts and TM
  hits found on both sides and charges those found on one side only
  (``features``).

The programme is banded: cell (i, j) is visited only when j is within a
band around a path through the anchors that occur exactly once on each side
(the longest chain of them that never crosses); where the best path touches
the band's edge, the band is doubled and the programme run again.

Paragraphs are aligned first (beads up to 3–1 and 1–3), then the sentences
inside each paragraph bead. Each sentence bead gets a confidence in [0, 1]
and the reasons it is not 1.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from .features import Unit, anchor_cost, anchor_score, miss_weight

SENTENCE_BEADS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011,
                  (1, 3): 0.001, (3, 1): 0.001}      # 1–3: a long English sentence cut in three (dev set)
PARAGRAPH_BEADS = {(1, 1): 0.9, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.04, (1, 2): 0.04, (2, 2): 0.005,
                   (3, 1): 0.005, (1, 3): 0.005}


PARAGRAPH_VARIANCE = 4.0      # paragraphs vary more than their sentences add up to (titles, headings)


@dataclass
class Params:
    ratio: float = 0.50          # Japanese characters per English character (spaces not counted)
    variance: float = 2.0        # s² of the length model, per character (chosen on the dev set)
    anchor_weight: float = 1.0
    band: int = 10               # half-width of the band, in units, before any widening


@dataclass
class Bead:
    """English sentences ``en`` with Japanese sentences ``ja`` (indexes), a confidence and its reasons."""

    en: list[int]
    ja: list[int]
    confidence: float = 1.0
    reasons: list[str] = field(default_factory=list)
    note: bool = False           # a translator's note (訳注): no counterpart by design

    @property
    def kind(self) -> str:
        return f"{len(self.en)}-{len(self.ja)}"


def _tail_cost(delta: float) -> float:
    """-log P(|Z| >= |delta|) for a standard normal Z."""
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300))


_STEP = 100                                   # the table's steps per unit of delta
_TAIL = [_tail_cost(k / _STEP) for k in range(40 * _STEP + 1)]


def _length_cost(le: int, lj: int, p: Params) -> float:
    if le == 0 and lj == 0:
        return 0.0
    mean = (le + lj / p.ratio) / 2
    delta = abs(lj - p.ratio * le) / math.sqrt(p.variance * max(mean, 1.0))
    k = int(delta * _STEP)
    return _TAIL[k] if k < len(_TAIL) else _tail_cost(delta)


def _unique_anchors(en: list[Unit], ja: list[Unit]) -> list[tuple[int, int]]:
    """(i, j) of anchors that occur in exactly one unit on each side, as a chain that never crosses."""
    def where(units: list[Unit]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for k, u in enumerate(units):
            for key in u.keys:
                if key[0] in "nuat":
                    seen[key] = -1 if key in seen else k
        return seen
    e, j = where(en), where(ja)
    points = sorted((i, j[k]) for k, i in e.items() if i >= 0 and j.get(k, -1) >= 0)
    # longest chain increasing in both i and j (patience sorting over j)
    tails: list[int] = []
    tail_at: list[int] = []
    prev: list[int] = [-1] * len(points)
    for n, (_, jj) in enumerate(points):
        k = bisect_left(tails, jj)
        if k and points[tail_at[k - 1]][0] == points[n][0]:
            continue
        prev[n] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(jj)
            tail_at.append(n)
        else:
            tails[k] = jj
            tail_at[k] = n
    chain = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(points[n])
        n = prev[n]
    return chain[::-1]


def _centre(n: int, m: int, anchors: list[tuple[int, int]]) -> list[float]:
    """For each i in 0..n, the j the band is centred on: a line through the anchors."""
    knots = [(0, 0.0)] + [(i + 0.5, j + 0.5) for i, j in anchors] + [(n, float(m))]
    out = []
    k = 0
    for i in range(n + 1):
        while k + 1 < len(knots) - 1 and knots[k + 1][0] <= i:
            k += 1
        (x0, y0), (x1, y1) = knots[k], knots[k + 1]
        out.append(y0 if x1 == x0 else y0 + (y1 - y0) * (i - x0) / (x1 - x0))
    return out


class _Merged:
    """Lengths, anchors and the anchors' total miss weight of runs of consecutive units, computed once."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.single = [(u.length, u.keys, miss_weight(u.keys)) for u in units]
        self.cache: dict[tuple[int, int], tuple[int, Counter, float]] = {}

    def get(self, s: int, e: int) -> tuple[int, Counter, float]:
        if e - s == 1:
            return self.single[s]
        got = self.cache.get((s, e))
        if got is None:
            keys = self.units[s].keys.copy()
            for u in self.units[s + 1:e]:
                keys.update(u.keys)
            got = (sum(u.length for u in self.units[s:e]), keys, sum(self.single[k][2] for k in range(s, e)))
            self.cache[s, e] = got
        return got


def dp(en: list[Unit], ja: list[Unit], beads: dict[tuple[int, int], float], p: Params
       ) -> list[tuple[int, int, int, int, float]]:
    """The cheapest sequence of beads: (i0, i1, j0, j1, cost) each."""
    n, m = len(en), len(ja)
    if n == 0 or m == 0:
        return [(i, i + 1, 0, 0, 0.0) for i in range(n)] + [(n, n, j, j + 1, 0.0) for j in range(m)]
    priors = {k: -math.log(v) for k, v in beads.items()}
    centre = _centre(n, m, _unique_anchors(en, ja))
    me, mj = _Merged(en), _Merged(ja)
    width = max(p.band, 2)
    while True:
        result, touched = _run(n, m, centre, width, priors, me, mj, p)
        if result is not None and (not touched or width >= max(n, m) + 2):
            return result
        width *= 2


def _run(n: int, m: int, centre: list[float], width: int, priors: dict[tuple[int, int], float], me: _Merged,
         mj: _Merged, p: Params) -> tuple[list[tuple[int, int, int, int, float]] | None, bool]:
    INF = math.inf
    lo = [max(0, math.floor(centre[i] - width)) for i in range(n + 1)]
    hi = [min(m, math.ceil(centre[i] + width)) for i in range(n + 1)]
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):          # keep the band connected
        lo[i] = min(lo[i], hi[i - 1])
        if lo[i] < lo[i - 1]:
            lo[i] = lo[i - 1]
    for i in range(n - 1, -1, -1):
        hi[i] = max(hi[i], lo[i + 1]) if hi[i] < lo[i + 1] else hi[i]
    cost: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [dict() for _ in range(n + 1)]
    cost[0][0] = 0.0
    shapes = list(priors.items())
    aw = p.anchor_weight
    ratio, variance, table, top = p.ratio, p.variance, _TAIL, len(_TAIL)
    sqrt, step = math.sqrt, _STEP
    e_single, j_single, e_get, j_get = me.single, mj.single, me.get, mj.get
    for i in range(n + 1):
        row = cost[i]
        back_row = back[i]
        for j in range(lo[i], hi[i] + 1):
            if i == 0 and j == 0:
                continue
            best, arg = INF, None
            for (a, b), prior in shapes:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                before = cost[pi].get(pj)
                if before is None:
                    continue
                c = before + prior
                if a and b:
                    le, ke, we = e_single[pi] if a == 1 else e_get(pi, i)
                    lj, kj, wj = j_single[pj] if b == 1 else j_get(pj, j)
                    if le or lj:                                   # the length cost (_length_cost, inlined)
                        mean = (le + lj / ratio) / 2
                        k = int(abs(lj - ratio * le) / sqrt(variance * (mean if mean > 1.0 else 1.0)) * step)
                        c += table[k] if k < top else _tail_cost(k / step)
                    if we or wj or (ke and kj):                    # (TM keys weigh nothing when missed)
                        c += aw * anchor_cost(ke, kj, we, wj)
                if c < best:
                    best, arg = c, (pi, pj, c - before)
            if arg is not None:
                row[j] = best
                back_row[j] = arg
    if m not in cost[n]:
        return None, True
    out = []
    i, j = n, m
    touched = False
    while i or j:
        pi, pj, c = back[i][j]
        if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
            touched = True
        out.append((pi, i, pj, j, c))
        i, j = pi, pj
    return out[::-1], touched


def confidence(en: list[Unit], ja: list[Unit], p: Params,
               lang_names: tuple[str, str] = ("English", "Japanese")) -> tuple[float, list[str]]:
    """How sure a bead is, and why not sure: from its shape, length ratio and anchors."""
    if not en or not ja:
        side = lang_names[0] if en else lang_names[1]
        other = lang_names[1] if en else lang_names[0]
        return 0.1, [f"{side} sentence with no {other} counterpart"]
    reasons = []
    le, lj = sum(u.length for u in en), sum(u.length for u in ja)
    score = -_length_cost(le, lj, p)
    if score < -2.0:
        reasons.append(f"length ratio {lj / max(le, 1):.2f} far from the usual {p.ratio:.2f}")
    ke = en[0].keys.copy()
    for u in en[1:]:
        ke.update(u.keys)
    kj = ja[0].keys.copy()
    for u in ja[1:]:
        kj.update(u.keys)
    matched, missed, only_en, only_ja = anchor_score(ke, kj)
    score += matched - 1.5 * missed
    for key in only_en[:3]:
        reasons.append(f"{_kind(key)} '{key[2:]}' only in the English")
    for key in only_ja[:3]:
        reasons.append(f"{_kind(key)} '{key[2:]}' only in the Japanese")
    if (len(en), len(ja)) != (1, 1):
        score -= 1.0 + 0.5 * (len(en) + len(ja) - 3)
        reasons.append(f"{len(en)}–{len(ja)} bead ({'sentences merged' if len(ja) < len(en) else 'sentence split'})")
    return 1.0 / (1.0 + math.exp(-(score + 3.0))), reasons


def _kind(key: str) -> str:
    return {"n": "number", "u": "URL", "a": "acronym", "c": "term", "t": "TM unit"}[key[0]]


#: a translator's note: 訳注, 訳者注, 編者注, 編注 (possibly after a bracket or ※), or "Translator's note"
_NOTE = re.compile(r"^[\s（(【\[［〔※*＊]*(?:訳注|訳者注|編者注|編注|[Tt]ranslator['’]s [Nn]ote)")


def translator_notes(units: list[Unit]) -> set[int]:
    """Indexes of the units that are a translator's note, which has no counterpart by definition:
    a paragraph that starts with a note mark (all its sentences), or a sentence that does."""
    out: set[int] = set()
    for group in _group(units):
        if _NOTE.match(units[group[0]].text):
            out.update(group)
        else:
            out.update(k for k in group if _NOTE.match(units[k].text))
    return out


def align_units(en: list[Unit], ja: list[Unit], p: Params | None = None,
                beads: dict[tuple[int, int], float] | None = None) -> list[Bead]:
    """Sentence beads over two lists of sentences, paragraph by paragraph.

    ``Unit.para`` groups sentences into paragraphs; paragraphs are aligned
    first (their lengths and anchors are their sentences' sums), then the
    sentences inside each paragraph bead. A translator's note (訳注 …) is
    left out of the programme and becomes a bead of its own (0–1 or 1–0),
    marked ``note``: a note inserted as a paragraph would otherwise pull the
    paragraphs around it out of line. ``beads``: the sentence bead shapes and
    their priors (default ``SENTENCE_BEADS``).
    """
    p = p or Params()
    notes_en, notes_ja = translator_notes(en), translator_notes(ja)
    if not notes_en and not notes_ja:
        return _align_units(en, ja, p, beads or SENTENCE_BEADS)
    keep_en = [k for k in range(len(en)) if k not in notes_en]
    keep_ja = [k for k in range(len(ja)) if k not in notes_ja]
    inner = _align_units([en[k] for k in keep_en], [ja[k] for k in keep_ja], p, beads or SENTENCE_BEADS)
    sn, sj = sorted(notes_en), sorted(notes_ja)
    out: list[Bead] = []
    ne = nj = 0                       # notes emitted so far, per side

    def flush(upto_en: int, upto_ja: int) -> None:
        nonlocal ne, nj
        while ne < len(sn) and sn[ne] < upto_en:
            out.append(_note_bead([sn[ne]], []))
            ne += 1
        while nj < len(sj) and sj[nj] < upto_ja:
            out.append(_note_bead([], [sj[nj]]))
            nj += 1

    for bead in inner:
        bead.en = [keep_en[k] for k in bead.en]
        bead.ja = [keep_ja[k] for k in bead.ja]
        flush(bead.en[0] if bead.en else -1, bead.ja[0] if bead.ja else -1)
        out.append(bead)
    flush(len(en), len(ja))
    return out


def _note_bead(en: list[int], ja: list[int]) -> Bead:
    return Bead(en, ja, 0.1, ["translator's note: no counterpart by design"], note=True)


def _align_units(en: list[Unit], ja: list[Unit], p: Params, bead_priors: dict[tuple[int, int], float]) -> list[Bead]:
    p = _document_ratio(en, ja, p)
    en_paras = _group(en)
    ja_paras = _group(ja)
    if len(en_paras) > 1 or len(ja_paras) > 1:
        para_beads = dp([_sum(en, g) for g in en_paras], [_sum(ja, g) for g in ja_paras], PARAGRAPH_BEADS,
                        Params(p.ratio, p.variance * PARAGRAPH_VARIANCE, p.anchor_weight, 6))
    else:
        para_beads = [(0, len(en_paras), 0, len(ja_paras), 0.0)]
    out: list[Bead] = []
    for i0, i1, j0, j1 in _absorb_gaps(para_beads):
        es = [k for g in en_paras[i0:i1] for k in g]
        js = [k for g in ja_paras[j0:j1] for k in g]
        shapes = [(0, len(es), 0, len(js))] if len(es) <= 1 and len(js) <= 1 and (es or js) else \
            [b[:4] for b in dp([en[k] for k in es], [ja[k] for k in js], bead_priors, p)]
        for a0, a1, b0, b1 in shapes:
            bead = Bead(es[a0:a1], js[b0:b1])
            bead.confidence, bead.reasons = confidence([en[k] for k in bead.en], [ja[k] for k in bead.ja], p)
            out.append(bead)
    return out


def _document_ratio(en: list[Unit], ja: list[Unit], p: Params) -> Params:
    """The ratio of this pair of documents when they are long enough to say, near the TM's ratio.

    Two documents that translate each other have, in all, about the ratio of
    their own style (a 仮訳 with 及び and commas is longer than a newspaper's
    text): measured on the pair itself it is closer than any TM's. It is kept
    only within a factor 2 of the TM's ratio, since a large omission changes it too.
    """
    le, lj = sum(u.length for u in en), sum(u.length for u in ja)
    if le < 300 or lj < 100:
        return p
    ratio = lj / le
    if not p.ratio / 2 <= ratio <= p.ratio * 2:
        return p
    return Params(ratio, p.variance, p.anchor_weight, p.band)


def _absorb_gaps(beads: list[tuple[int, int, int, int, float]]) -> list[tuple[int, int, int, int]]:
    """A paragraph with no counterpart joins the paragraph bead before it (or after it, at the start).

    Translators split and join paragraphs more freely than sentences (five
    Japanese paragraphs for one English one); a paragraph left alone would make
    all its sentences 1–0 or 0–1, so its sentences are aligned with its
    neighbour's instead, and a real omission still shows as a sentence bead.
    """
    out: list[list[int]] = []
    for i0, i1, j0, j1, _ in beads:
        if out and (i0 == i1 or j0 == j1 or out[-1][0] == out[-1][1] or out[-1][2] == out[-1][3]):
            out[-1][1], out[-1][3] = i1, j1
        else:
            out.append([i0, i1, j0, j1])
    return [(i0, i1, j0, j1) for i0, i1, j0, j1 in out]


def _group(units: list[Unit]) -> list[list[int]]:
    groups: list[list[int]] = []
    last = None
    for k, u in enumerate(units):
        if not groups or u.para != last:
            groups.append([])
            last = u.para
        groups[-1].append(k)
    return groups


def _sum(units: list[Unit], idx: list[int]) -> Unit:
    keys = units[idx[0]].keys.copy()
    for k in idx[1:]:
        keys.update(units[k].keys)
    return Unit("", sum(units[k].length for k in idx), keys)
