"""sentence-omitted: inside one segment pair, a sentence with no counterpart, or one written twice.

The sentences of the English and the Japanese of a segment are aligned (the
aligner of `bilingual align`: length, numbers, URLs, acronyms, glossary
terms). A sentence left alone (a 1–0 or 0–1 bead) is reported when it ends
as a sentence does (headings, date lines and notes are not sentences) and
could not be part of a merge: a translator who joins two sentences into one
makes a 2–1 bead, so the rule stays silent when the lone sentence and a
neighbour together fit the other side's sentence by length. A number or URL
found only in the lone sentence and nowhere on the other side is reported
all the same. Inside a merge, a sentence is reported only on anchor
evidence (``_hidden_in_merge``). A sentence written twice in one language
but once in the other is reported as duplicated (the class of error the
TPP's Japanese text needed errata for).

Uses pysbd (a dependency of bilingual) to split sentences.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..content.model import Segment
from ..text.lazyre import lazy
from ..text.numbers import day_of, extract
from .model import Context, Finding
from .registry import rule

if TYPE_CHECKING:
    from ..align.core import Bead, Params
    from ..align.features import Unit
    from ..text.sentences import Span

    LengthCost = Callable[[int, int, Params], float]

MIN_LENGTH = {"en": 20, "ja": 10}      # characters (no spaces): shorter pieces are labels, not sentences
MERGE_PLAUSIBLE = 3.0                  # length cost (-log p) under which a merge explains a lone sentence
OMIT_MARGIN = 2.0                      # how much better (in -log p) a merged bead must fit without a sentence
#: the length model's s² here: sharper than the aligner's (2.0), since a missing sentence inside one segment
#: is told from a terse translation by length alone; the thresholds above were chosen with it
VARIANCE = 1.0
DEFAULT_RATIO = 0.5                    # Japanese characters per English one (non-space), the aligner's
MIN_RATIO, MAX_RATIO = 0.25, 0.75      # a document's own ratio is taken within these
REST_OF_DOCUMENT = 400                 # English characters the rest of a document needs to set its own ratio
#: no 1–3 or 3–1 beads here: such a bead can hide a deleted sentence beside a split one
BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))
NAMES = {"en": "English", "ja": "Japanese"}
_PARAGRAPH_BREAK = lazy(r"\n[^\S\n]*\n")
_SENTENCE_END = lazy(r"[.!?。！？][\"'”’)）」』\]]*\d{0,3}\s*$")


def _short(s: str, n: int = 50) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


#: a possible sentence end with text after it: a full stop, ! or ? then a space (English; an
#: abbreviation such as "U.S. " also matches, so this only decides when splitting is unneeded)
_SENTENCE_END_EN = re.compile(r"[.!?][\"')\]’”]*\s+\S")
_SENTENCE_END_JA = re.compile(r"[。！？!?][」』）)]*\s*\S")


@rule("sentence-omitted", "warning", "a sentence with no counterpart in the other language, or written twice")
def sentence_omitted(ctx: Context, seg: Segment) -> Iterator[Finding]:
    if seg.en is None or seg.ja is None:
        return
    en_text, ja_text = seg.en.plain, seg.ja.plain
    if not en_text.strip() or not ja_text.strip():
        return
    if not _SENTENCE_END_EN.search(en_text.rstrip()) and not _SENTENCE_END_JA.search(ja_text.rstrip()):
        return              # one sentence on each side (no sentence end before the last): nothing to omit,
                            # and no splitter to load (a small file's check stays fast)
    try:
        from ..text.sentences import MissingSplitter, split, split_rough
    except ImportError:                     # pragma: no cover
        return
    texts = {"en": en_text, "ja": ja_text}
    rough = {"en": split_rough(en_text, "en"), "ja": split_rough(ja_text, "ja")}
    ratios = sorted({DEFAULT_RATIO, _ratio(ctx, seg)})
    if (len(rough["en"]) <= 1 and len(rough["ja"]) <= 1) or (not _duplicates(texts, rough) and any(
            _one_to_one(texts, rough, r) for r in ratios)):
        return                              # most segments: one sentence, or sentences that pair off
    try:
        spans = {lang: _whole_sentences(texts[lang], split(texts[lang], lang)) for lang in ("en", "ja")}
    except MissingSplitter:
        return
    if len(spans["en"]) <= 1 and len(spans["ja"]) <= 1:
        return
    dups = _duplicates(texts, spans)
    if not dups and any(_one_to_one(texts, spans, r) for r in ratios):
        return
    for lang, idx in dups:
        s, e = spans[lang][idx]
        other = "ja" if lang == "en" else "en"
        yield ctx.finding("sentence-omitted", seg, lang, s, e,
                          f"{NAMES[lang]} sentence is written twice, the {NAMES[other]} has it once: "
                          f"\"{_short(texts[lang][s:e])}\"")
    # a sentence is alone under the aligner's ratio and under the document's own (a terse translator's)
    kept, units = _units(ctx, texts, spans, dups)
    alone = [_alone(texts, spans, kept, units, r) for r in ratios]
    for lang, (s, e), message in alone[0]:
        if all(any(x[1] == (s, e) and x[0] == lang for x in other) for other in alone[1:]):
            yield ctx.finding("sentence-omitted", seg, lang, s, e, message)


def _units(ctx: Context, texts: dict[str, str], spans: dict[str, list[Span]], dups: set[tuple[str, int]]
           ) -> tuple[dict[str, list[int]], dict[str, list[Unit]]]:
    """The sentences aligned, without the repeats (index k of ``kept[lang]`` is sentence kept[lang][k]),
    and their aligner units, each with its paragraph."""
    from ..align.features import Featurizer

    kept = {lang: [k for k in range(len(spans[lang])) if (lang, k) not in dups] for lang in ("en", "ja")}
    units = {lang: Featurizer(lang, ctx.index).units([texts[lang][slice(*spans[lang][k])] for k in kept[lang]])
             for lang in ("en", "ja")}
    for lang in ("en", "ja"):           # a blank line inside the segment ends a paragraph: the aligner pairs
        breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(texts[lang])]     # paragraphs first
        for unit, k in zip(units[lang], kept[lang], strict=True):
            unit.para = bisect_right(breaks, spans[lang][k][0])
    return kept, units


def _alone(texts: dict[str, str], spans: dict[str, list[Span]], kept: dict[str, list[int]],
           units: dict[str, list[Unit]], ratio: float) -> list[tuple[str, Span, str]]:
    """(lang, span, message) of each sentence the alignment at ``ratio`` leaves without a counterpart."""
    from ..align.core import SENTENCE_BEADS, Params, _length_cost, align_units

    out = []
    p = Params(ratio=ratio, variance=VARIANCE)
    beads = align_units(units["en"], units["ja"], p, {k: SENTENCE_BEADS[k] for k in BEADS})
    totals: dict[str, Counter[str]] = {lang: Counter() for lang in ("en", "ja")}
    for lang in totals:
        for u in units[lang]:
            totals[lang].update(k for k in u.keys.elements() if k[0] in "nu")
        # a number word answers for a number on the other side ("his third term" for 現在3期目)
        totals[lang].update("n:" + v for _, _, v, strong in extract(texts[lang], lang) if not strong)
    for k, bead in enumerate(beads):
        if bead.en and bead.ja:
            for lang, idx in _hidden_in_merge(bead, units, p, _length_cost):
                other = "ja" if lang == "en" else "en"
                span = spans[lang][kept[lang][idx]]
                out.append((lang, span, f"{NAMES[lang]} sentence has no {NAMES[other]} counterpart (the "
                                        f"{NAMES[other]} beside it translates only its neighbour): "
                                        f"\"{_short(texts[lang][slice(*span)])}\""))
            continue
        if bead.note:
            continue                        # a translator's note (訳注): an addition by design, not an omission
        lang = "en" if bead.en else "ja"
        other = "ja" if lang == "en" else "en"
        for idx in (bead.en or bead.ja):
            unit = units[lang][idx]
            if not _SENTENCE_END.search(unit.text):
                continue                    # a heading, a date line, a note: not a sentence
            own = [key for key in unit.keys if key[0] in "nu" and totals[other][key] == 0
                   and not _day_answers(key, totals[other])]
            if unit.length < MIN_LENGTH[lang] and not own:
                continue
            if not own and _merge_plausible(beads, k, unit.length, lang, units, p, _length_cost):
                continue
            if not own and _moved(unit, beads, units[other], other):
                continue
            span = spans[lang][kept[lang][idx]]
            why = f" ({', '.join(key[2:] for key in own[:3])} only on this side)" if own else ""
            out.append((lang, span, f"{NAMES[lang]} sentence has no {NAMES[other]} counterpart{why}: "
                                    f"\"{_short(texts[lang][slice(*span)])}\""))
    return out


_UNFINISHED = lazy(r"(?:[:;]|;\s*(?:and|or))\s*$")


def _whole_sentences(text: str, spans: list[Span]) -> list[Span]:
    """The splitter's pieces joined into sentences: a piece that ends with a colon, a semicolon or '; and'
    goes on in the next (METI's "…in the following areas: i) …; ii) …; and iii) ….", which the
    Japanese writes as one sentence with ①②③)."""
    out: list[Span] = []
    for s, e in spans:
        if out and _UNFINISHED.search(text, out[-1][0], out[-1][1]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _day_answers(key: str, other: Counter[str]) -> bool:
    """A date (n:2012-04-21) whose day alone the other side writes (本21日: the month is the dateline's)."""
    day = day_of(key[2:]) if key[0] == "n" else None
    return day is not None and other["n:" + day] > 0


def _moved(unit: Unit, beads: list[Bead], others: list[Unit], other: str) -> bool:
    """Whether the lone sentence's numbers and dates are all in one sentence of the other side that a merge
    took: the translator put it elsewhere, which an aligner that never crosses cannot pair (MOFA's note on
    the Director General's term: 'The General Conference of the IAEA approved his third term in September
    2017.' is 2017年9月の総会で再任が承認された, joined with the sentences around it)."""
    numbers = {k for k in unit.keys if k[0] == "n"}
    if not numbers:
        return False
    merged = [i for b in beads if len(b.en) + len(b.ja) > 2 for i in (b.ja if other == "ja" else b.en)]
    return any(numbers <= set(others[i].keys) for i in merged)


def _ratio(ctx: Context, seg: Segment) -> float:
    """Japanese characters per English one in the rest of the document, where it has enough text to tell
    (MOFA's Japanese runs to 0.3 of its English, the aligner's default is 0.5): a translator's terseness is
    the document's, and a sentence left out of this segment does not move it."""
    from ..align.features import length

    lengths: tuple[dict[int, tuple[int, int]], tuple[int, int]] | None = ctx.memo.get("sentence-omitted")
    if lengths is None:
        each = {id(s): (length(s.en.plain), length(s.ja.plain)) for s in ctx.segments
                if s.en is not None and s.ja is not None}
        lengths = each, (sum(en for en, _ in each.values()), sum(ja for _, ja in each.values()))
        ctx.memo["sentence-omitted"] = lengths
    each, (all_en, all_ja) = lengths
    own_en, own_ja = each.get(id(seg), (0, 0))
    le, lj = all_en - own_en, all_ja - own_ja
    if le < REST_OF_DOCUMENT:
        return DEFAULT_RATIO
    return min(max(lj / le, MIN_RATIO), MAX_RATIO)


def _one_to_one(texts: dict[str, str], spans: dict[str, list[Span]], ratio: float) -> bool:
    """Whether the sentences pair off one to one, each pair of a plausible length ratio: then no
    sentence is alone and no merge hides one (most segments; this skips anchors and alignment)."""
    if len(spans["en"]) != len(spans["ja"]):
        return False
    from ..align.core import Params, _length_cost
    from ..align.features import length

    p = Params(ratio=ratio, variance=VARIANCE)
    for (es, ee), (js, je) in zip(spans["en"], spans["ja"], strict=True):
        le, lj = length(texts["en"][es:ee]), length(texts["ja"][js:je])
        if _length_cost(le, lj, p) >= MERGE_PLAUSIBLE:
            return False
    return True


def _hidden_in_merge(bead: Bead, units: dict[str, list[Unit]], p: Params, length_cost: LengthCost
                     ) -> list[tuple[str, int]]:
    """Sentences of a 2–1 or 1–2 bead that the other side does not translate.

    The programme prefers a merge to an omission (merges are ten times more
    common), and length alone cannot tell them apart: a terse translation
    of two sentences looks like one of them with the other left out. One
    sentence of the merged pair is taken for omitted only when it has
    anchors (numbers, URLs, acronyms, glossary terms), none of them is in
    the other side's sentence, and the bead fits far better by length
    without it (e^OMIT_MARGIN times more likely).
    """
    out = []
    for lang, other in (("en", "ja"), ("ja", "en")):
        mine, theirs = (bead.en, bead.ja) if lang == "en" else (bead.ja, bead.en)
        if len(mine) < 2 or len(theirs) != 1:
            continue
        total = sum(units[lang][i].length for i in mine)
        other_len = units[other][theirs[0]].length
        def cost(l_mine: int, other_len: int = other_len, lang: str = lang) -> float:
            return length_cost(l_mine, other_len, p) if lang == "en" else length_cost(other_len, l_mine, p)
        with_all = cost(total)
        answer = units[other][theirs[0]].keys
        candidates = []
        for i in mine:
            unit = units[lang][i]
            keys = [k for k in unit.keys if k[0] in "nuac"]
            if unit.length < MIN_LENGTH[lang] or not keys or any(k in answer for k in keys):
                continue                    # no evidence, or some of it is in the other side's sentence
            candidates.append((with_all - cost(total - unit.length), i))
        if candidates and max(candidates)[0] > OMIT_MARGIN:
            out.append((lang, max(candidates)[1]))
    return out


def _merge_plausible(beads: list[Bead], k: int, length: int, lang: str, units: dict[str, list[Unit]], p: Params,
                     length_cost: LengthCost) -> bool:
    """Whether the lone sentence joined to the bead before or after it fits that bead's other side."""
    for j in (k - 1, k + 1):
        if not 0 <= j < len(beads):
            continue
        nb = beads[j]
        if not nb.en or not nb.ja:
            continue
        le = sum(units["en"][i].length for i in nb.en)
        lj = sum(units["ja"][i].length for i in nb.ja)
        if lang == "en":
            le += length
        else:
            lj += length
        if length_cost(le, lj, p) < MERGE_PLAUSIBLE:
            return True
    return False


def _duplicates(texts: dict[str, str], spans: dict[str, list[Span]]) -> set[tuple[str, int]]:
    """(lang, index) of each repeat of a sentence written twice in one language, when the other
    language repeats no sentence (a document that repeats itself on purpose does so in both)."""
    counts = {lang: Counter(" ".join(texts[lang][s:e].split()) for s, e in spans[lang]) for lang in ("en", "ja")}
    out: set[tuple[str, int]] = set()
    for lang, other in (("en", "ja"), ("ja", "en")):
        if any(n > 1 for n in counts[other].values()):
            continue
        seen: set[str] = set()
        for idx, (s, e) in enumerate(spans[lang]):
            sentence = " ".join(texts[lang][s:e].split())
            if counts[lang][sentence] > 1 and len(sentence) >= MIN_LENGTH[lang]:
                if sentence in seen:
                    out.add((lang, idx))
                seen.add(sentence)
    return out


