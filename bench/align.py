"""Sentence alignment: strict precision, recall and F1 on the gold set, and throughput, against Gale–Church.

    pip install -e '.[align,bench]'
    python bench/align.py [--set test|dev|all] [--sentences 2000] [--runs 5]

Both aligners get the same gold sentences (the gold set fixes sentence
boundaries, so only alignment is scored) in one run:

- ``bilingual``: paragraphs then sentences, length + anchors (numbers, URLs,
  acronyms, glossary concepts with the bundled glossary, TM hits with the
  starter TM);
- ``galechurch``: the ``galechurch`` package (Gale–Church, length only, its
  default parameters), one block per document.

Figures are given for the whole set and by source (the official and press
pairs; rust-lang-ja's volunteer chapters, the pairs named ``rust-*``).

Strict scoring: a bead counts only if the gold set has exactly the same bead
(same English and Japanese sentences); 1–0 and 0–1 beads are scored too.
P = correct / beads output, R = correct / gold beads.

Throughput: the gold documents concatenated until the English side has
``--sentences`` sentences, aligned whole (median of ``--runs``, wall and
CPU seconds), for both aligners; and ``bilingual`` once more from raw
paragraphs (sentence splitting included). galechurch may use several cores:
its CPU time is summed over them.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "bench" / "align-gold"


def read_doc(folder: Path):
    def paras(name: str) -> list[list[str]]:
        text = (folder / name).read_text(encoding="utf-8")
        return [[s for s in block.split("\n") if s.strip()] for block in text.strip().split("\n\n")]

    beads = set()
    for line in (folder / "gold.txt").read_text().split():
        e, j = line.split(":")
        beads.add((tuple(int(x) for x in e.split(",") if x), tuple(int(x) for x in j.split(",") if x)))
    return paras("en.txt"), paras("ja.txt"), beads


def documents(which: str):
    sets = ["dev", "test"] if which == "all" else [which]
    for s in sets:
        for folder in sorted((GOLD / s).iterdir()):
            if folder.is_dir():
                yield folder.name, read_doc(folder)


def source(name: str) -> str:
    """The kind of a gold pair: rust-lang-ja's volunteer book translations, or official/press texts."""
    return "rust-lang-ja (volunteer)" if name.startswith("rust-") else "official and press"


def ours(aligner, en, ja):
    result = aligner.align_sentences(en, ja)
    return {(tuple(b.en), tuple(b.ja)) for b in result.beads}


def gale_church(en, ja):
    import galechurch

    flat_en = [s for p in en for s in p]
    flat_ja = [s for p in ja for s in p]
    block = galechurch.align(flat_en, flat_ja)
    return {(tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
            for b in block.beads}


def prf(correct: int, out: int, gold: int) -> tuple[float, float, float]:
    p = correct / out if out else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="print each wrong bead")
    args = parser.parse_args(argv)

    from bilingual.align.document import Aligner
    from bilingual.glossary.load import load_glossary
    from bilingual.tm.default import open_store

    aligner = Aligner(load_glossary(), open_store())
    docs = list(documents(args.set))
    totals = {"bilingual": [0, 0, 0], "galechurch": [0, 0, 0]}
    by_source: dict[tuple[str, str], list[int]] = {}
    gold_shapes = {}
    for name, (en, ja, gold) in docs:
        for shape in gold:
            k = f"{len(shape[0])}-{len(shape[1])}"
            gold_shapes[k] = gold_shapes.get(k, 0) + 1
        for label, fn in (("bilingual", lambda en=en, ja=ja: ours(aligner, en, ja)),
                          ("galechurch", lambda en=en, ja=ja: gale_church(en, ja))):
            got = fn()
            for t in (totals[label], by_source.setdefault((source(name), label), [0, 0, 0])):
                t[0] += len(got & gold)
                t[1] += len(got)
                t[2] += len(gold)
            if args.verbose:
                for bead in sorted(got - gold):
                    print(f"  {label} {name}: wrong {bead}")
                for bead in sorted(gold - got):
                    print(f"  {label} {name}: missed {bead}")
    n_en = sum(len(s) for _, (en, _, _) in docs for s in en)
    n_ja = sum(len(s) for _, (_, ja, _) in docs for s in ja)
    print(f"gold set '{args.set}': {len(docs)} document pairs, {n_en} EN / {n_ja} JA sentences, "
          f"{sum(gold_shapes.values())} beads ({', '.join(f'{k}: {v}' for k, v in sorted(gold_shapes.items()))})")
    print()
    print("| aligner | strict P | strict R | strict F1 |")
    print("|---|---:|---:|---:|")
    for label, (c, o, g) in totals.items():
        p, r, f = prf(c, o, g)
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} |")

    print()
    print("| source | aligner | strict P | strict R | strict F1 |")
    print("|---|---|---:|---:|---:|")
    for (src, label), (c, o, g) in sorted(by_source.items()):
        p, r, f = prf(c, o, g)
        print(f"| {src} | {label} | {p:.3f} | {r:.3f} | {f:.3f} |")

    # throughput
    all_docs = [d for _, d in documents("all")]
    big_en: list[list[str]] = []
    big_ja: list[list[str]] = []
    while sum(len(p) for p in big_en) < args.sentences:
        for en, ja, _ in all_docs:
            big_en.extend(en)
            big_ja.extend(ja)
    n_big = sum(len(p) for p in big_en)
    m_big = sum(len(p) for p in big_ja)

    def timed(fn) -> tuple[float, float]:
        """Median wall and CPU seconds (CPU time is what a loaded, shared machine distorts least)."""
        wall, cpu = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return statistics.median(wall), statistics.median(cpu)

    raw_en = [" ".join(p) for p in big_en]
    raw_ja = ["".join(p) for p in big_ja]
    t_ours = timed(lambda: aligner.align_sentences(big_en, big_ja))
    t_raw = timed(lambda: aligner.align_paragraphs(raw_en, raw_ja))
    t_gc = timed(lambda: gale_church(big_en, big_ja))
    print()
    print(f"throughput: {n_big} EN / {m_big} JA sentences, {len(big_en)} / {len(big_ja)} paragraphs, "
          f"median of {args.runs} runs")
    print()
    print("| aligner | wall s | CPU s | EN sentences/s (CPU) |")
    print("|---|---:|---:|---:|")
    for label, (wall, cpu) in (("bilingual (sentences given)", t_ours),
                               ("bilingual (raw paragraphs, splitting included)", t_raw),
                               ("galechurch (sentences given)", t_gc)):
        print(f"| {label} | {wall:.3f} | {cpu:.3f} | {n_big / cpu:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
