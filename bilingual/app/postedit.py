"""Post-edit analysis: how much the translator changed what the TM offered.

For each unit that came back with a translation and had a suggestion in the
file (the best ``alt-trans`` / ``mtc:match``), the character edit distance
between suggestion and final target, the similarity
``100·(1 − distance/len(longer))`` (the fuzzy score CAT tools price by) and
its band (100, 95–99, 85–94, 75–84, 50–74, new). Per document: chrF and TER
from sacrebleu of the suggestions against the final targets, with their
signatures (TER with Asian support and normalisation, see sacrebleu#229).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ..tm.analyze import EDIT_BANDS, edit_band, similarity

if TYPE_CHECKING:
    from ..formats.xliff_merge import Result


@dataclass
class UnitRow:
    unit: str
    suggestion: str | None
    final: str
    distance: int | None
    similarity: float | None
    band: str


@dataclass
class Report:
    units: list[UnitRow] = field(default_factory=list)
    bands: dict[str, int] = field(default_factory=dict)
    chrf: float | None = None
    chrf_signature: str | None = None
    ter: float | None = None
    ter_signature: str | None = None


def analyse(result: Result) -> Report:
    """The report for an ``xliff_merge.Result``."""
    from ..formats.xliff_codes import visible

    rep = Report()
    pairs = []
    for m in result.all:
        final = visible(m.items)
        if m.prefill is None:
            rep.units.append(UnitRow(m.segment.id, None, final, None, None, "new"))
            continue
        d, sim = similarity(m.prefill, final)
        rep.units.append(UnitRow(m.segment.id, m.prefill, final, d, sim, edit_band(sim)))
        pairs.append((m.prefill, final))
    for row in rep.units:
        rep.bands[row.band] = rep.bands.get(row.band, 0) + 1
    if pairs:
        from sacrebleu.metrics import CHRF, TER

        hyps = [p for p, _ in pairs]
        refs = [[f for _, f in pairs]]
        chrf = CHRF()
        rep.chrf = round(chrf.corpus_score(hyps, refs).score, 2)
        rep.chrf_signature = str(chrf.get_signature())
        ter = TER(asian_support=True, normalized=True)
        rep.ter = round(ter.corpus_score(hyps, refs).score, 2)
        rep.ter_signature = str(ter.get_signature())
    return rep


def render(rep: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(rep), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["unit", "band", "similarity", "distance", "suggestion", "final"])
        for r in rep.units:
            w.writerow([r.unit, r.band, "" if r.similarity is None else f"{r.similarity:g}",
                        "" if r.distance is None else r.distance, r.suggestion or "", r.final])
        return buf.getvalue()
    lines = ["post-edit analysis", f"{'unit':<24} {'band':>6} {'similarity':>10} {'distance':>8}"]
    for r in rep.units:
        sim = "-" if r.similarity is None else f"{r.similarity:g}"
        dist = "-" if r.distance is None else str(r.distance)
        lines.append(f"{r.unit:<24} {r.band:>6} {sim:>10} {dist:>8}")
    order = list(EDIT_BANDS)
    lines.append("bands: " + ", ".join(f"{b} {rep.bands[b]}" for b in order if b in rep.bands))
    if rep.chrf is not None:
        lines.append(f"chrF {rep.chrf:g} ({rep.chrf_signature})")
        lines.append(f"TER {rep.ter:g} ({rep.ter_signature})")
    return "\n".join(lines) + "\n"
