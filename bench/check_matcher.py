"""Term matching at scale: Debian's edict (≈190k entries) as a glossary over 5 MB of EN and 5 MB of JA.

    apt-get install edict          # /usr/share/edict/edict, EUC-JP
    python bench/check_matcher.py [--mb 5] [--runs 3]
    python bench/check_matcher.py --against ../wt-old [--mb 5] [--runs 5]   # side by side, first passes
    python bench/check_matcher.py --floor [--mb 5]     # columns, hit objects and their floor, one process

With ``--against ROOT`` (a checkout of another version, e.g. ``git worktree add ../wt-old e5b1c58``),
each run is a fresh process per version, old and new alternated: it reads edict, builds the patterns
(reported as load), then makes ONE pass of ``find_many`` over each corpus (text it has not seen: every
cache cold), touching every hit (each text's list of ``TermHit``), then a second pass over the same text
(warm: its words stemmed and decided). Medians over the runs.

The glossary: one concept per edict entry, its headword as the Japanese term
and each gloss of up to four words (sense markers such as "(n)" removed) as an
English term. The text: the Tanaka corpus of ../shared/data/tanaka-enja
(train.en detokenised; train.ja with its spaces removed), repeated to the
size asked for, one segment per line, checked three ways: ``find_all`` (all
segments in one pass, hits as numpy arrays), ``find_many`` (the same pass, then
a list of ``TermHit`` per segment, what the checks use) and ``find`` (one call
per segment). Throughput counts UTF-8 bytes of text per second after the
automata are built (building is reported on its own line); the first run
includes stemming the corpus's words, later runs find them cached.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "tanaka-enja"
EDICT = Path("/usr/share/edict/edict")
_MARKERS = re.compile(r"\([^)]*\)\s*")


def edict_glossary(path: Path = EDICT):
    from bilingual.glossary.model import Concept, Glossary, Term

    g = Glossary()
    lines = path.read_bytes().decode("euc_jp", "replace").splitlines()[1:]
    for n, line in enumerate(lines):
        head, _, rest = line.partition(" ")
        headword = head.split(";")[0].split("(")[0]
        cid = f"e{n}"
        terms = [Term(headword, "ja", cid, "preferred")] if headword else []
        for gloss in rest.split("/")[1:]:
            gloss = _MARKERS.sub("", gloss).strip()
            if gloss and len(gloss.split()) <= 4 and not gloss.startswith("EntL"):
                terms.append(Term(gloss, "en", cid, "admitted"))
        if terms:
            g.concepts[cid] = Concept(cid, terms=terms)
    return g


def detokenise(line: str) -> str:
    line = re.sub(r" ([.,!?;:])", r"\1", line)
    line = re.sub(r" (n't|'s|'re|'m|'ll|'ve|'d|'t)\b", r"\1", line)
    return line[:1].upper() + line[1:]


def corpus(lang: str, megabytes: float) -> list[str]:
    raw = (DATA / f"train.{lang}").read_text(encoding="utf-8").splitlines()
    lines = [detokenise(x) for x in raw] if lang == "en" else [x.replace(" ", "") for x in raw]
    want = int(megabytes * 1_000_000)
    out: list[str] = []
    size = 0
    while size < want:
        for x in lines:
            out.append(x)
            size += len(x.encode("utf-8")) + 1
            if size >= want:
                break
    return out


def first_pass(megabytes: float) -> None:
    """One process, one version (the ``bilingual`` of ROOT): load, then one find_many pass a language."""
    import json

    import bilingual
    from bilingual.glossary.matcher import TermIndex

    t = time.perf_counter()
    g = edict_glossary()
    out: dict = {"read": time.perf_counter() - t, "root": str(Path(bilingual.__file__).resolve().parent.parent)}
    ix = TermIndex(g)
    for lang in ("en", "ja"):
        t = time.perf_counter()
        if hasattr(ix, "build"):
            ix.build(lang)
        else:                               # e5b1c58: the automaton is built on first use
            _ = getattr(ix, "_" + lang).auto
        out[f"{lang}_build"] = time.perf_counter() - t
    for lang in ("en", "ja"):
        lines = corpus(lang, megabytes)
        for warm in ("", "_warm"):             # the first pass, then the same text again
            t, c = time.perf_counter(), time.process_time()
            hits = sum(map(len, ix.find_many(lines, lang)))
            out[f"{lang}_pass{warm}"] = time.perf_counter() - t
            out[f"{lang}_cpu{warm}"] = time.process_time() - c
        out[f"{lang}_hits"] = hits
        out[f"{lang}_mb"] = sum(len(x.encode("utf-8")) + 1 for x in lines) / 1e6
    print(json.dumps(out))


def floor(megabytes: float) -> None:
    """Where a first pass's time goes, against the 10 MB/s budget (this checkout, one process): the
    pass to columns (``find_all``: every match found and decided, no hit object yet; user and system
    CPU apart, the system part being mostly first touches of new memory), the second pass with a
    ``TermHit`` for every hit (``find_many``, touched), and the least that one Python object per hit
    costs: a plain tuple of the same five prebuilt values made by ``zip`` at C speed, and the
    ``TermHit`` named tuple made from prebuilt lists, both with the cyclic collector off (it would
    add its passes over the glossary's millions of objects)."""
    import gc
    import os

    from bilingual.glossary.matcher import TermIndex
    from bilingual.glossary.matcher._hits import TermHit

    g = edict_glossary()
    ix = TermIndex(g)
    for lang in ("en", "ja"):
        ix.build(lang)
        lines = corpus(lang, megabytes)
        mb = sum(len(x.encode("utf-8")) + 1 for x in lines) / 1e6
        t = os.times()
        found = ix.find_all(lines, lang)                      # first pass: every cache cold
        t2 = os.times()
        user, system = t2.user - t.user, t2.system - t.system
        cols = user + system
        c = time.process_time()
        found = ix.find_all(lines, lang)
        cols_warm = time.process_time() - c
        c = time.process_time()
        hits = sum(map(len, ix.find_many(lines, lang)))
        touched_warm = time.process_time() - c
        seg, starts, ends = found.seg.tolist(), found.start.tolist(), found.end.tolist()
        choice = found.choice.tolist()
        terms = [found.choices.terms[k] for k in choice]
        variants = [found.choices.variants[k] for k in choice]
        surfaces = [lines[i][a:b] for i, a, b in zip(seg, starts, ends, strict=True)]
        new = tuple.__new__
        gc.disable()
        c = time.process_time()
        plain = list(zip(starts, ends, terms, surfaces, variants, strict=True))
        tuples = time.process_time() - c
        del plain
        c = time.process_time()
        named = [new(TermHit, (s, e, k, u, v)) for s, e, k, u, v in zip(starts, ends, terms, surfaces, variants,
                                                                     strict=True)]
        named_cost = time.process_time() - c
        del named
        gc.enable()
        budget = mb / 10
        print(f"{lang}: {mb:.1f} MB, {hits} hits; the 10 MB/s budget {budget:.2f} s")
        print(f"  find_all, first pass (columns, every match decided): {cols:.2f} s = {mb / cols:.1f} MB/s "
              f"(user {user:.2f} s, system {system:.2f} s); second pass {cols_warm:.2f} s = "
              f"{mb / cols_warm:.1f} MB/s")
        print(f"  find_many, second pass, every hit a TermHit: {touched_warm:.2f} s = {mb / touched_warm:.1f} MB/s")
        print(f"  one plain tuple a hit from prebuilt values (zip, C speed): {tuples:.2f} s "
              f"({tuples / hits * 1e9:.0f} ns a hit); one TermHit a hit from prebuilt lists: {named_cost:.2f} s "
              f"({named_cost / hits * 1e9:.0f} ns a hit); collector off")
        print(f"  left for matching after the plain tuples: {budget - tuples:.2f} s; the first pass to columns "
              f"takes {cols:.2f} s")


def against(other: Path, megabytes: float, runs: int) -> None:
    import json
    import subprocess

    versions = {"old": other.resolve(), "new": ROOT}
    results: dict[str, list[dict]] = {"old": [], "new": []}
    for run in range(runs):
        for name in (("old", "new") if run % 2 == 0 else ("new", "old")):
            # importing check_matcher puts this checkout first on sys.path: the version is put before it after
            code = (f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import check_matcher; "
                    f"sys.path.insert(0, {str(versions[name])!r}); check_matcher.first_pass({megabytes})")
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            results[name].append(json.loads(done.stdout.splitlines()[-1]))
            if results[name][-1].pop("root") != str(versions[name]):
                sys.exit(f"the {name} run did not import bilingual from {versions[name]}")
            r = results[name][-1]
            print(f"run {run + 1} {name}: " + ", ".join(
                f"{lang} {r[lang + '_mb'] / r[lang + '_pass']:.1f} MB/s ({r[lang + '_pass']:.2f} s, "
                f"CPU {r[lang + '_cpu']:.2f} s)" for lang in ("en", "ja")), flush=True)
    print(f"medians of {runs} runs, one fresh process each, old and new alternated:")
    for name in ("old", "new"):
        rs = results[name]
        med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        print(f"  {name} ({versions[name]}): read edict {med['read']:.1f} s; build EN {med['en_build']:.1f} s, "
              f"JA {med['ja_build']:.1f} s")
        for lang in ("en", "ja"):
            passes = ", ".join(f"{r[lang + '_pass']:.2f}" for r in rs)
            print(f"    {lang}: {med[lang + '_mb']:.1f} MB, {rs[0][lang + '_hits']} hits, first pass "
                  f"{med[lang + '_pass']:.2f} s = {med[lang + '_mb'] / med[lang + '_pass']:.1f} MB/s "
                  f"(runs: {passes} s); "
                  f"CPU {med[lang + '_cpu']:.2f} s = {med[lang + '_mb'] / med[lang + '_cpu']:.1f} MB/s; "
                  f"second pass (warm) {med[lang + '_pass_warm']:.2f} s = "
                  f"{med[lang + '_mb'] / med[lang + '_pass_warm']:.1f} MB/s, CPU {med[lang + '_cpu_warm']:.2f} s = "
                  f"{med[lang + '_mb'] / med[lang + '_cpu_warm']:.1f} MB/s")
    print("paired CPU time, old / new, median over the runs:")
    for lang in ("en", "ja"):
        pairs = list(zip(results["old"], results["new"], strict=True))
        first, warm = (statistics.median(o[lang + k] / n[lang + k] for o, n in pairs) for k in ("_cpu", "_cpu_warm"))
        print(f"  {lang}: first pass {first:.2f}, second pass {warm:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path, help="a checkout of another version: side by side, first passes")
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--floor", action="store_true",
                    help="where a first pass goes against the 10 MB/s budget: columns, hit objects, their floor")
    ap.add_argument("--ways", default="find_all,find_many,find",
                    help="find_all: hits as arrays (one pass); find_many: one pass, then a TermHit list per "
                         "segment; find: one call per segment")
    args = ap.parse_args()
    if not EDICT.exists():
        sys.exit("edict is not installed: apt-get install edict")
    if args.against:
        against(args.against, args.mb, args.runs)
        return
    if args.floor:
        floor(args.mb)
        return
    from bilingual.glossary.matcher import TermIndex

    t = time.perf_counter()
    g = edict_glossary()
    t_load = time.perf_counter() - t
    n_en = sum(1 for _ in g.terms("en"))
    n_ja = sum(1 for _ in g.terms("ja"))
    print(f"glossary: {len(g.concepts)} concepts, {n_en} EN terms, {n_ja} JA terms (read in {t_load:.1f} s)")
    ix = TermIndex(g)
    for lang in ("en", "ja"):
        t = time.perf_counter()
        ix.build(lang)
        print(f"{lang}: patterns, automaton and tables built in {time.perf_counter() - t:.1f} s")
    ways = {
        "find_all": lambda lines, lang: ix.find_all(lines, lang).hits,
        "find_many": lambda lines, lang: sum(map(len, ix.find_many(lines, lang))),
        "find": lambda lines, lang: sum(len(ix.find(x, lang)) for x in lines),
    }
    for lang in ("en", "ja"):
        lines = corpus(lang, args.mb)
        nbytes = sum(len(x.encode("utf-8")) + 1 for x in lines)
        print(f"{lang}: {nbytes / 1e6:.1f} MB, {len(lines)} segments")
        for name in args.ways.split(","):
            times, cpu, hits = [], [], 0
            for _ in range(args.runs):
                t, c = time.perf_counter(), time.process_time()
                hits = ways[name](lines, lang)
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            med, best = statistics.median(times), min(times)
            print(f"  {name:9} {hits} hits: first run {times[0]:.2f} s; median {med:.2f} s = "
                  f"{nbytes / 1e6 / med:.1f} MB/s, best {best:.2f} s = {nbytes / 1e6 / best:.1f} MB/s "
                  f"over {args.runs} runs; CPU median {statistics.median(cpu):.2f} s")

if __name__ == "__main__":
    main()
