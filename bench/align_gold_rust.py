"""Extract an EN–JA document pair from a rust-lang-ja translation and propose its gold beads.

    python bench/align_gold_rust.py MIRROR_GIT_DIR COMMIT src/PATH.md OUT_FOLDER

The rust-lang-ja translations (the Rust book, the Rustonomicon, the Edition
Guide) keep each English paragraph of the rust-lang original in an HTML
comment, followed by its Japanese translation. This script writes:

- ``en.txt``: the English paragraphs (from the comments), one sentence a line;
- ``ja.txt``: the Japanese paragraphs (the text outside comments), one sentence a line;
- ``gold.txt``: the beads our aligner proposes, each one kept inside the group
  "one English comment and the Japanese text after it" — the proposal that is
  then corrected by hand (see SOURCES.md);
- ``review.txt``: each group with its proposed beads, the groups to look at first marked ``!``.

Code blocks, ``{{#include}}`` lines, HTML lines, tables and link definitions
are left out on both sides; inline Markdown (``*x*``, backquoted code) is kept
as written. Sentences are split with ``bilingual.text.sentences`` and then checked by hand.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_SKIP = re.compile(r"^\s*(?:<|\{\{#|\||\[[^\]]+\]:\s|!\[)")


def _blocks(text: str) -> list[tuple[str, str]]:
    """('en'|'ja', raw text) blocks in document order, code fences removed."""
    out: list[tuple[str, str]] = []
    text = re.sub(r"<!--\s*ignore\s*-->", "", text)        # a link's mark for the link checker, inline
    pos = 0
    for m in re.finditer(r"<!--(.*?)-->", text, re.S):
        out.append(("ja", text[pos:m.start()]))
        out.append(("en", m.group(1)))
        pos = m.end()
    out.append(("ja", text[pos:]))
    return out


_JA_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_CODE = re.compile(r"[{}]\s*$|^[^\u3040-\u9fff]*[=()][^\u3040-\u9fff]*;\s*$|(?<!:)//|"
                   r"^\s*(?:pub\s+)?(?:let|fn|struct|enum|impl|use|mod)\s+(?:mut\s+)?[\w:&<>]+\s*[=({<;:,]"
                   r"|^\s*\$ |^\s*\d+ \|")


def _paragraphs(raw: str, lang: str) -> list[str]:
    if lang == "en" and _JA_CHAR.search(raw):
        return []                     # a translator's note in a comment, not the original
    if lang == "ja" and not _JA_CHAR.search(raw):
        return []                     # a heading left in English outside the comments (no original beside it)
    raw = re.sub(r"<span\b.*?</span>", "", raw, flags=re.S)
    lines = raw.split("\n")
    keep: list[str] = []
    fence = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            keep.append("")
            continue
        if fence or _SKIP.match(line):
            keep.append("")
            continue
        keep.append(line)
    paras = []
    for block in re.split(r"\n\s*\n", "\n".join(keep)):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip() not in ("", ">")]
        if not lines or any(_CODE.search(ln) for ln in lines) or re.fullmatch(r"[a-z_,]+", lines[0]):
            continue                  # code, and a code block's stray info string ("ignore")
        # a heading's marks go; list items stay lines of their own
        lines = [re.sub(r"^(?:#+|>)\s*", "", ln) for ln in lines]
        joined = lines[0]
        for ln in lines[1:]:
            if re.match(r"^(?:[*\-+]|\d+\.)\s", ln):
                joined += "\n" + ln
            elif lang == "ja" and (ord(joined[-1]) > 0x2E7F or ord(ln[0]) > 0x2E7F):
                joined += ln
            else:
                joined += " " + ln
        if lang == "ja" and not _JA_CHAR.search(joined):
            continue                  # a heading left in English ("Vec::push_all"), with no original beside it
        paras.append(joined)
    return paras


def groups(text: str) -> list[tuple[list[str], list[str]]]:
    """(English paragraphs, Japanese paragraphs) per comment and the translation after it."""
    out: list[tuple[list[str], list[str]]] = []
    for lang, raw in _blocks(text):
        paras = _paragraphs(raw, lang)
        if lang == "en":
            if paras:
                out.append((paras, []))
        elif paras:
            if out:
                out[-1][1].extend(paras)
            else:
                out.append(([], paras))
    return out


def main() -> int:
    git_dir, commit, path, dest = sys.argv[1:5]
    text = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    from bilingual.align.document import Aligner
    from bilingual.glossary.load import load_glossary
    from bilingual.text.sentences import sentences
    from bilingual.tm.default import open_store

    aligner = Aligner(load_glossary(), open_store())
    en_paras: list[list[str]] = []
    ja_paras: list[list[str]] = []
    gold: list[str] = []
    review: list[str] = []
    for g, (en, ja) in enumerate(groups(text)):
        es = [[s.replace("\n", " ") for s in sentences(p, "en")] for p in en]
        js = [[s.replace("\n", "") for s in sentences(p, "ja")] for p in ja]
        e0 = sum(len(p) for p in en_paras)
        j0 = sum(len(p) for p in ja_paras)
        en_paras.extend(es)
        ja_paras.extend(js)
        flat_e = [s for p in es for s in p]
        flat_j = [s for p in js for s in p]
        result = aligner.align_sentences(es, js) if es and js else None
        beads = ([(b.en, b.ja, b.confidence) for b in result.beads] if result else
                 [([k], [], 0.0) for k in range(len(flat_e))] + [([], [k], 0.0) for k in range(len(flat_j))])
        flag = len(flat_e) != len(flat_j) or any(len(e) != 1 or len(j) != 1 for e, j, c in beads)
        review.append(f"{'!' if flag else ' '} group {g}")
        for e, j, c in beads:
            gold.append(",".join(str(e0 + k) for k in e) + ":" + ",".join(str(j0 + k) for k in j))
            review.append(f"  {gold[-1]}  ({c:.2f})")
            for k in e:
                review.append(f"    EN {e0 + k}: {flat_e[k]}")
            for k in j:
                review.append(f"    JA {j0 + k}: {flat_j[k]}")
    out = Path(dest)
    out.mkdir(parents=True, exist_ok=True)
    (out / "en.txt").write_text("\n\n".join("\n".join(p) for p in en_paras) + "\n", encoding="utf-8")
    (out / "ja.txt").write_text("\n\n".join("\n".join(p) for p in ja_paras) + "\n", encoding="utf-8")
    (out / "gold.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
    (out / "review.txt").write_text("\n".join(review) + "\n", encoding="utf-8")
    n_e = sum(len(p) for p in en_paras)
    n_j = sum(len(p) for p in ja_paras)
    print(f"{dest}: {n_e} EN / {n_j} JA sentences, {len(gold)} beads, "
          f"{sum(1 for b in gold if b.count(',') or b.startswith(':') or b.endswith(':'))} not 1-1, "
          f"{sum(1 for r in review if r.startswith('!'))} groups flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
