"""Deterministic TMs and queries for the TM benchmarks, made from the Tanaka corpus.

- ``tm-50k.tmx``: the 50,000 real training pairs (English as in the corpus,
  Japanese with the tokeniser's spaces removed).
- ``tm-200k.tmx`` / ``tm-1m.tmx``: the 50k real pairs, then synthetic pairs until
  the size is reached. Synthetic pair k (random.Random(20240410 + k)): take two
  real pairs, splice them at proportional cut points (EN and JA cut at the same
  fraction of their length), then substitute one EN word with a word of the
  corpus vocabulary and one JA character with a character of the corpus.
- queries: 500 perturbed TM sentences (1–4 word edits for EN, 1–4 character
  edits for JA: substitute, insert or delete, seed 7) and the first 500
  sentences of the test set (not in the TM), for each language.

Usage: python bench/tm_data.py [--out DIR]   (default /tmp/bilingual-bench)
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TANAKA = ROOT.parent / "shared" / "data" / "tanaka-enja"
SIZES = {"50k": 50_000, "200k": 200_000, "1m": 1_000_000}


def load(name: str) -> tuple[list[str], list[str]]:
    en = (TANAKA / f"{name}.en").read_text(encoding="utf-8").splitlines()
    ja = [s.replace(" ", "") for s in (TANAKA / f"{name}.ja").read_text(encoding="utf-8").splitlines()]
    return en, ja


def synthetic(en: list[str], ja: list[str], k: int, vocab: list[str], chars: str) -> tuple[str, str]:
    rng = random.Random(20240410 + k)
    i, j = rng.randrange(len(en)), rng.randrange(len(en))
    f = rng.uniform(0.3, 0.7)
    a, b = en[i].split(), en[j].split()
    words = a[: max(1, round(len(a) * f))] + b[round(len(b) * f):]
    words[rng.randrange(len(words))] = rng.choice(vocab)
    jt = ja[i][: max(1, round(len(ja[i]) * f))] + ja[j][round(len(ja[j]) * f):]
    p = rng.randrange(len(jt))
    jt = jt[:p] + rng.choice(chars) + jt[p + 1:]
    return " ".join(words), jt


def perturb(items: list[str], rng: random.Random, pool) -> list[str]:
    items = list(items)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice("sid")
        i = rng.randrange(len(items))
        if op == "s":
            items[i] = rng.choice(pool)
        elif op == "i":
            items.insert(i, rng.choice(pool))
        elif len(items) > 2:
            del items[i]
    return items


def write_tmx(path: Path, pairs) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
                'creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="en" '
                'datatype="plaintext"/>\n<body>\n')
        for n, (e, j) in enumerate(pairs):
            f.write(f'<tu tuid="{n}"><tuv xml:lang="en"><seg>{escape(e)}</seg></tuv>'
                    f'<tuv xml:lang="ja"><seg>{escape(j)}</seg></tuv></tu>\n')
        f.write("</body></tmx>\n")


def pairs(size: int):
    en, ja = load("train")
    vocab = sorted({w for s in en for w in s.split()})
    chars = "".join(sorted(set("".join(ja))))
    for k in range(size):
        yield (en[k], ja[k]) if k < len(en) else synthetic(en, ja, k, vocab, chars)


def queries() -> dict[str, list[str]]:
    en, ja = load("train")
    ten, tja = load("test")
    rng = random.Random(7)
    vocab = sorted({w for s in en for w in s.split()})
    chars = sorted(set("".join(ja)))
    picks = [rng.randrange(len(en)) for _ in range(500)]
    q_en = [" ".join(perturb(en[i].split(), rng, vocab)) for i in picks] + ten[:500]
    q_ja = ["".join(perturb(list(ja[i]), rng, chars)) for i in picks] + tja[:500]
    return {"en": q_en, "ja": q_ja}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/bilingual-bench"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, size in SIZES.items():
        p = args.out / f"tm-{name}.tmx"
        if not p.exists():
            write_tmx(p, pairs(size))
        print(p, p.stat().st_size // 1_000_000, "MB")
    (args.out / "queries.json").write_text(json.dumps(queries(), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
