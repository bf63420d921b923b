"""Rebuild gold.txt of each rust-* pair from its proposal (review.txt) and bench/align-gold/corrections.txt.

    python bench/align_gold_apply.py
"""
import re
import sys
from pathlib import Path

G = Path(__file__).resolve().parent / "align-gold"
corr = {}
for line in (G / "corrections.txt").read_text().splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    doc, g, beads = re.match(r"(\S+) (\d+): (.*)", line).groups()
    corr.setdefault(doc, {})[int(g)] = beads.split()
changed = total = 0
for review in sorted(G.glob("*/rust-*/review.txt")):
    doc = str(review.parent.relative_to(G))
    groups = {}
    for ln in review.read_text().splitlines():
        m = re.match(r"[! ] group (\d+)", ln)
        if m:
            g = int(m[1])
            groups[g] = []
        m = re.match(r"  (\S*:\S*)  \(", ln)
        if m:
            groups[g].append(m[1])
    out = []
    for g, beads in groups.items():
        new = corr.get(doc, {}).get(g)
        if new:
            def idx(bs, side):
                return [int(x) for b in bs for x in b.split(":")[side].split(",") if x]
            for side in (0, 1):
                assert idx(new, side) == idx(beads, side), (doc, g, side, new, beads)
            changed += len(set(new) - set(beads))
            beads = new
        out.extend(beads)
    total += len(out)
    (review.parent / "gold.txt").write_text("\n".join(out) + "\n")
    for d in set(corr.get(doc, {})) - set(groups):
        sys.exit(f"{doc}: no group {d}")
print(f"{total} rust beads, {changed} gold beads differ from the proposal")
