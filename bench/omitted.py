"""sentence-omitted on the alignment gold set: silence on the real pairs, and how many deletions it finds.

    python bench/omitted.py [--source official|rust|all]

Each gold pair is checked as one segment pair (its paragraphs separated by a
blank line): findings there are false alarms on a professional translation.
Then every sentence of at least 40 English or 20 Japanese characters that
ends with a full stop is deleted in turn, and the rule should report it.
Run with the bundled glossary and with no glossary terms at all.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "bench" / "align-gold"


def paragraphs(folder: Path, lang: str) -> list[list[str]]:
    text = (folder / f"{lang}.txt").read_text(encoding="utf-8")
    return [[s for s in block.split("\n") if s.strip()] for block in text.strip().split("\n\n")]


def segment_text(folder: Path, lang: str, drop: int | None = None) -> str:
    paras = paragraphs(folder, lang)
    k = 0
    out = []
    for para in paras:
        kept = []
        for s in para:
            if k != drop:
                kept.append(s)
            k += 1
        if kept:
            out.append((" " if lang == "en" else "").join(kept))
    return "\n\n".join(out)


def main() -> int:
    import argparse

    from bilingual.checks import Context, run_checks
    from bilingual.content.inline import plain_text
    from bilingual.content.model import Segment
    from bilingual.glossary.load import load_glossary
    from bilingual.glossary.matcher import TermIndex
    from bilingual.glossary.model import Glossary

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="official", choices=["official", "rust", "all"],
                        help="official and press pairs (default), rust-lang-ja's volunteer chapters, or both")
    args = parser.parse_args()
    docs = sorted(p for p in GOLD.glob("*/*") if p.is_dir() and (
        args.source == "all" or (p.name.startswith("rust-") == (args.source == "rust"))))
    for label, glossary in (("bundled glossary", load_glossary()), ("no glossary", Glossary({}))):
        index = TermIndex(glossary)

        def findings(en: str, ja: str, glossary: Glossary = glossary, index: TermIndex = index) -> int:
            ctx = Context("gold", [Segment("s", plain_text(en), plain_text(ja))], glossary, index)
            return len(run_checks(ctx, select=["sentence-omitted"]))

        false_alarms = found = tried = 0
        for d in docs:
            false_alarms += findings(segment_text(d, "en"), segment_text(d, "ja"))
            for lang in ("en", "ja"):
                sentences = [s for p in paragraphs(d, lang) for s in p]
                for k, s in enumerate(sentences):
                    size = len(s.replace(" ", ""))
                    if size < (40 if lang == "en" else 20) or s.rstrip()[-1] not in ".。":
                        continue
                    en = segment_text(d, "en", k if lang == "en" else None)
                    ja = segment_text(d, "ja", k if lang == "ja" else None)
                    tried += 1
                    found += findings(en, ja) > 0
        print(f"{label}: {len(docs)} real pairs, {false_alarms} false alarm(s); "
              f"{found} of {tried} deleted sentences reported ({found / tried:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
