"""term-near-miss: a span close to an official name in the glossary that is none of its terms.

"Office of Fusion Energy Science", "Coordinating Committee for Fusion Energy", 文部科学賞,
量子科学研究開発機構, JT60SA. Distances are counted in words for English (a function word or a
word of the same stem costs half) and in characters for Japanese.

No quadratic scan: candidates come from an inverted index (content words of the names for English,
character bigrams for Japanese) and are scored only where enough of a name's words or bigrams line
up; each candidate is scored in a window a few units wider than the name. A proper noun that the term
matcher accepted only through stemming ("…Energy Science" for "…Energy Sciences") is a near miss too.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..content.model import Segment
from ..text.lazyre import lazy
from .model import Context, Finding, plain_of
from .registry import rule

if TYPE_CHECKING:
    from ..glossary.matcher import TermHit
    from ..glossary.model import Glossary, Term

FUNCTION_WORDS = frozenset(["of", "for", "on", "and", "the", "in", "to", "at", "by", "with", "from", "&", "a", "an"])
_EN_WORD = lazy(r"[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]|[A-Za-z]|&")
_CODE = lazy(r"(?<![A-Za-z0-9_-])[A-Za-z]+[- ]?\d+[A-Za-z0-9-]*(?![A-Za-z0-9_-])")
_CODE_SUFFIX = lazy(r" [A-Z]{1,3}(?![A-Za-z0-9_-])")


def _ja_name_char(c: str) -> bool:
    """A character of a Japanese name: a CJK ideograph, 々, or katakana (with ・ and ー); a test of code
    points, as the character class ``[\u4e00-\u9fff\u3005\u30a0-\u30ff]`` would be (whose compilation
    costs a millisecond of every run)."""
    return "\u4e00" <= c <= "\u9fff" or "\u30a0" <= c <= "\u30ff" or c == "\u3005"


_indexes: dict[int, tuple] = {}


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().rstrip(".").lower() if m.group() not in ("U.S.",) else "u.s.")
            for m in _EN_WORD.finditer(text)]


class _Index:
    """Official names of one glossary, indexed for near-miss candidates."""

    def __init__(self, glossary: Glossary) -> None:
        self.en: list = []                          # (term, words)
        self.en_by_word: dict[str, list[tuple[int, int]]] = {}
        self.ja: list = []                          # term
        self.ja_names: list = []                    # every official Japanese name (the stems of _opens_another_name)
        self.ja_by_bigram: dict[str, list[tuple[int, int]]] = {}
        self.codes: dict[str, Term] = {}
        ends: dict[str, int] = {}               # last words of bodies' names (Agency, Commission): kinds of body
        inner: dict[str, int] = {}              # words inside a name, neither first nor last (Energy)
        for term in glossary.terms():
            if not term.approved or not term.proper:
                continue
            if _CODE.fullmatch(term.text) and any(c.isdigit() for c in term.text):
                self.codes.setdefault(_key(term.text), term)
            if term.lang == "en":
                words = [w for _, _, w in _words(term.text)]
                if len(words) < 2:
                    continue
                t = len(self.en)
                self.en.append((term, tuple(words)))
                for w in words[1:-1]:
                    inner[w] = inner.get(w, 0) + 1
                concept = glossary.concepts.get(term.concept)
                if concept is not None and concept.subject == "organisation":
                    ends[words[-1]] = ends.get(words[-1], 0) + 1
                for j, w in enumerate(words):
                    if w not in FUNCTION_WORDS and len(w) > 2:
                        self.en_by_word.setdefault(w[:5], []).append((t, j))
            elif term.lang == "ja":
                self.ja_names.append(term)
                if len(term.text) >= 5 and all(map(_ja_name_char, term.text)):
                    t = len(self.ja)
                    self.ja.append(term)
                    for j in range(len(term.text) - 1):
                        self.ja_by_bigram.setdefault(term.text[j:j + 2], []).append((t, j))
        self.kinds = frozenset(w for w, n in ends.items() if n > 2 * inner.get(w, 0) and len(w) > 3)


def _key(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())


def _index(ctx: Context) -> _Index:
    key = id(ctx.glossary)
    found = _indexes.get(key)
    if found is None or found[0] is not ctx.glossary:
        found = _indexes[key] = (ctx.glossary, _Index(ctx.glossary))
    index: _Index = found[1]
    return index


# ---------------------------------------------------------------- English: words

@lru_cache(maxsize=65536)
def _word_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a in FUNCTION_WORDS and b in FUNCTION_WORDS:
        return 0.5
    if _slip(a, b):
        return 0.5                                  # a typing slip: Comission, Agreemnt
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    if n >= 5 or (n >= 4 and n >= min(len(a), len(b)) - 1):
        return 0.75                                 # one stem: Regulation, Regulatory
    return 1.0


def _slip(a: str, b: str) -> bool:
    """A typing slip: one or two characters wrong, and not one word extending the other (Commissioner)."""
    if min(len(a), len(b)) < 5 or a.startswith(b) or b.startswith(a):
        return False
    return _levenshtein(a, b, 2) <= (1 if min(len(a), len(b)) < 9 else 2)


def _gap_cost(w: str) -> float:
    return 0.5 if w in FUNCTION_WORDS else 1.0


@lru_cache(maxsize=65536)
def _distance(name: tuple[str, ...], span: tuple[str, ...]) -> float:
    """Word-level edit distance, half a unit for function words and words of one stem."""
    prev = [0.0]
    for w in span:
        prev.append(prev[-1] + _gap_cost(w))
    for a in name:
        cur = [prev[0] + _gap_cost(a)]
        for j, b in enumerate(span, 1):
            cur.append(min(prev[j] + _gap_cost(a), cur[j - 1] + _gap_cost(b), prev[j - 1] + _word_cost(a, b)))
        prev = cur
    return prev[-1]


def _english(ctx: Context, seg: Segment, index: _Index) -> Iterator[Finding]:
    text = seg.en
    if text is None or not index.en:
        return
    votes: dict[tuple[int, int], int] = {}
    by_word = index.en_by_word
    for i, g in enumerate(_EN_WORD.findall(text.plain)):     # the words of _words, without their places
        found = by_word.get(("u.s." if g == "U.S." else g.rstrip(".").lower())[:5])
        if found:
            for t, j in found:
                votes[t, i - j] = votes.get((t, i - j), 0) + 1
    if not votes:
        return
    words: list[tuple[int, int, str]] = []     # with their places: made for the first name that lines up
    hits = _Hits(ctx.hits(seg, "en"))
    spans: dict[tuple[int, int], tuple[float, str, str]] = {}
    for (t, start) in sorted(votes, key=lambda k: k[1]):
        term, name = index.en[t]
        n = len(name)
        content = sum(1 for w in name if w not in FUNCTION_WORDS and len(w) > 2)
        if sum(votes.get((t, start + d), 0) for d in (-1, 0, 1)) < max(1 if n == 2 else 2, content - 1):
            continue                    # too few of the name's words line up here
        words = words or _words(text.plain)
        limit = 0.5 if n < 5 else 1.0
        best = None
        for a in (start - 1, start, start + 1):
            for b in (a + n - 1, a + n, a + n + 1):
                if a < 0 or b > len(words) or b <= a:
                    continue
                span = [x for _, _, x in words[a:b]]
                if len(span) < 2 or span[0] in FUNCTION_WORDS or span[-1] in FUNCTION_WORDS or (
                        n <= 3 and len(span) != n):
                    continue
                if not all(text.plain[x][0].isupper() or text.plain[x][0].isdigit()
                           for x, _, v in words[a:b] if v not in FUNCTION_WORDS):
                    continue            # written as a name: its words capitalised
                cost = _distance(name, tuple(span))
                if cost > limit and cost <= 1.0 and _kind_swapped(index, name, span):
                    cost = limit        # Japan Atomic Energy Authority: the body's kind swapped, the acronym kept
                elif 0 < cost <= limit and _other_head(index, name, span):
                    continue            # President for Science and Technology: another body or title
                if 0 < cost <= limit and (best is None or cost < best[0]):
                    best = (cost, a, b)
        if best is None:
            continue
        s, e = words[best[1]][0], words[best[2] - 1][1]
        if not _free(hits, s, e, term.concept) or not _one_sentence(text.plain[s:e]) \
                or not _uncovered(words[best[1]:best[2]], hits, s, e, term.concept):
            continue
        if any(h.term.concept == term.concept and h.term.text == term.text and s <= h.start and h.end <= e
               for h in _overlapping(hits, s, e)):
            continue                    # the very name is written here whole, with a word after it (", Tokyo")
        if best[2] < len(words) and words[best[2]][0] - e <= 1 and text.plain[words[best[2]][0]][:1].isupper() \
                and text.plain[e:words[best[2]][0]].strip() == "":
            continue                    # the name goes on: Department for Energy Security and Net Zero
        if _acronym_inside(text.plain, s, e, name):
            continue                    # Fusion Innovative Research Engine (FIRE) Collaboratives: the name whole
        if (s, e) not in spans or best[0] < spans[s, e][0]:
            spans[s, e] = (best[0], term.text, term.concept)      # the nearest name for a span
    for (s, e), (_, want, concept) in sorted(spans.items()):
        if not _known(ctx, seg, "en", s, e, concept):
            yield _finding(ctx, seg, "en", s, e, want)


def _kind_swapped(index: _Index, name: tuple[str, ...], span: list[str]) -> bool:
    """The span is the name with its last word, the kind of body (Agency), swapped for another kind with
    the same initial (Authority), so that its acronym (JAEA, IAEA) still fits: a confusion of names.
    The kinds are the words that end the glossary's names of bodies more than twice as often as they
    stand inside a name (Agency, Authority, Commission; not Energy): data, no list in code."""
    if len(name) < 4 or len(span) != len(name) or list(name[:-1]) != span[:-1]:
        return False
    a, b = name[-1], span[-1]
    return a != b and a[0] == b[0] and a in index.kinds and b in index.kinds


def _head(name: tuple[str, ...]) -> int:
    """Where a name's head noun stands: before its first preposition ('Council for Science…', 'Bold
    Decadal Vision for…'); else last ('… Cooperation Agreement', 'Japan Atomic Energy Agency')."""
    for i, w in enumerate(name[1:], 1):
        if w in ("of", "for", "on", "to", "in"):
            return i - 1
    return len(name) - 1


def _other_head(index: _Index, name: tuple[str, ...], span: list[str]) -> bool:
    """The span is the name with its head noun replaced by an unrelated word, or without it: another
    body, title or thing ('Assistant to the President for Science and Technology' is no 'Council for
    Science and Technology'; a 'Meeting on Science and Technology Cooperation' no '… Cooperation Agreement')."""
    h = _head(name)
    if len(span) == len(name) - 1 and h == len(name) - 1 and span == list(name[:-1]):
        return True
    if len(span) != len(name):
        return False
    diff = [i for i in range(len(name)) if name[i] != span[i]]
    return diff == [h] and _word_cost(name[h], span[h]) == 1.0 and not _kind_swapped(index, name, span)


_BRACKETED = lazy(r"\s*[(（]([A-Z][A-Za-z0-9&.-]*)[)）]")


def _acronym_inside(plain: str, s: int, e: int, name: tuple[str, ...]) -> bool:
    """The name is written whole with its acronym in brackets inside it: 'Fusion Innovative Research
    Engine (FIRE) Collaboratives'."""
    m = _BRACKETED.match(plain, e)
    if not m:
        return False
    rest = [w for _, _, w in _words(plain[m.end():m.end() + 200])]
    got = [w for _, _, w in _words(plain[s:e])]
    return got + rest[:len(name) - len(got)] == list(name)


def _one_sentence(span: str) -> bool:
    return not re.search(r"[.;:!?]\s|\n|[()]", span.replace("U.S.", "US"))


def _overlapping(hits: Sequence[TermHit], s: int, e: int) -> list[TermHit]:
    """The hits (sorted, from the matcher) that overlap [s, e), found by bisection: no scan of them all."""
    from bisect import bisect_left

    starts = [h.start for h in hits] if not hasattr(hits, "starts") else hits.starts
    i = bisect_left(starts, e)
    out = []
    while i > 0:
        i -= 1
        h = hits[i]
        if h.end <= s:
            break       # the matcher's hits do not overlap: every earlier one ends before this one
        out.append(h)
    return out


class _Hits(list):
    """A segment's hits with their start offsets, for bisection."""

    def __init__(self, hits: Iterable[TermHit]) -> None:
        super().__init__(sorted(hits, key=lambda h: h.start))
        self.starts = [h.start for h in self]


def _free(hits: Sequence[TermHit], s: int, e: int, concept: str) -> bool:
    """No name is written there already: no hit of the concept, nor a name's hit, covers the span or
    runs out of it (a shorter name inside the span, Japan in 'Japan Atomic Energy Authority', or the
    short form in a long name cut short, does not count)."""
    for h in _overlapping(hits, s, e):
        if h.term.concept != concept and not (h.term.proper and h.end - h.start > 3):
            continue
        if (h.start <= s and h.end >= e) or h.start < s or h.end > e:
            return False
    return True


def _uncovered(span_words: list[tuple[int, int, str]], hits: Sequence[TermHit], s: int, e: int,
               concept: str) -> bool:
    """Some content word of the span is not a name written right: 'United States and Japan' is two names,
    'U.S. Bold Decadal Vision …' the name with a qualifier; 'Japan Atomic Energy Authority' is a slip."""
    inside = [h for h in _overlapping(hits, s, e) if h.term.proper or h.term.concept == concept]
    for a, b, w in span_words:
        if w in FUNCTION_WORDS:
            continue
        if not any(h.start <= a and b <= h.end for h in inside):
            return True
    return False


def _stemmed(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Proper nouns the matcher found only through stemming: a wrong official name, not a use of it."""
    for hit in ctx.hits(seg, "en"):
        term = hit.term
        if term.lang != "en" or not term.proper or " " not in term.text or term.type == "acronym":
            continue
        if not any(w[:1].isupper() for w in hit.surface.split()[1:]):
            continue       # not written as a name (the fusion energy science community)
        got = [w for _, _, w in _words(re.sub(r"['’]s?\b", "", hit.surface))]
        want = [w for _, _, w in _words(term.text)]
        if got == want or len(got) != len(want):
            continue
        if got[1:] == want[1:] and got[0] in (want[0] + "s", want[0] + "es", want[0][:-1] + "ies"):
            continue       # the head noun plural, naming several: the Departments of Energy and of Health
        written = term.text.split()
        if len(written) == len(want) and all(w[:1].islower() for w, g, x in zip(written, got, want, strict=True)
                                             if g != x):
            continue       # only a word the name writes in lower case inflects: the Broader Approach activities
        yield _finding(ctx, seg, "en", hit.start, hit.end, term.text)


# ---------------------------------------------------------------- Japanese: characters

def _japanese(ctx: Context, seg: Segment, index: _Index) -> Iterator[Finding]:
    text = seg.ja
    if text is None or not index.ja:
        return
    plain = text.plain
    hits = _Hits(ctx.hits(seg, "ja"))
    named = bytearray(len(plain) + 1)       # characters of names written right: no near miss there
    for h in hits:
        if h.term.proper and h.end - h.start > 3:
            named[h.start:h.end] = b"\x01" * (h.end - h.start)
    votes: dict[tuple[int, int], int] = {}
    by_bigram = index.ja_by_bigram
    for i in range(len(plain) - 1):
        if named[i] and named[i + 1]:
            continue
        found = by_bigram.get(plain[i:i + 2])
        if found:
            for t, j in found:
                votes[t, i - j] = votes.get((t, i - j), 0) + 1
    done: list[tuple[int, int]] = []
    tried: set[tuple[int, int, int]] = set()
    distance = _levenshtein
    if len(votes) > 500:                    # a long text: the C implementation (imported only then)
        from rapidfuzz.distance import Levenshtein

        def distance(a: str, b: str, limit: int) -> int:
            return Levenshtein.distance(a, b, score_cutoff=limit)
    for (t, start), _ in sorted(votes.items(), key=lambda kv: kv[0][1]):
        term = index.ja[t]
        name = term.text
        n = len(name)
        if plain.startswith(name, start):
            continue                        # the name itself
        limit = 1 if n <= 7 else 2
        near = sum(votes.get((t, start + d), 0) for d in range(-limit, limit + 1))
        if near < n - 1 - 2 * limit or near < (n - 1) / 2:
            continue
        best = None
        for a in range(max(0, start - limit), start + limit + 1):
            for b in range(a + n - limit, a + n + limit + 1):
                if b > len(plain) or b <= a or (t, a, b) in tried:
                    continue
                tried.add((t, a, b))
                span = plain[a:b]
                if span[0] != name[0] and span[-1] != name[-1]:
                    continue
                cost = distance(name, span, limit)
                if 0 < cost <= limit and (best is None or (cost, abs(b - a - n)) < best[:2]):
                    best = (cost, abs(b - a - n), a, b)
        if best is None:
            continue
        a, b = best[2], best[3]
        if (done and done[-1][1] > a) or not _free(hits, a, b, term.concept):
            continue
        if best[0] > 1 and not _inner(name, plain[a:b]):
            continue            # 核融合エネルギー発生 against 核融合エネルギー科学: another word at one end
        if not _whole(plain, a, b, name, hits) or _opens_another_name(plain, a, b, term, index):
            continue
        if any(c in _PARTICLES for c in plain[a:b]):
            continue            # 核融合の有識者会議: words joined by a particle describe, they do not miswrite a name
        if any(c in _MARKS for c in plain[a:b]):
            continue            # ITER(イーター)国際…機構: a reading's bracket or a stop is not inside a name
        done.append((a, b))
        if not _known(ctx, seg, "ja", a, b, term.concept):
            yield _finding(ctx, seg, "ja", a, b, name)


# particles that join words into a phrase; the indexed names are written in kanji and katakana only
_PARTICLES = frozenset("のとやがをにでへもは")
_MARKS = frozenset("()（）「」『』【】、。,.")


def _inner(name: str, span: str) -> bool:
    """The edits are inside the name: it begins and ends as the name does (two characters each)."""
    return span[:2] == name[:2] and span[-2:] == name[-2:]


def _levenshtein(a: str, b: str, limit: int) -> int:
    """Character edit distance of two short strings (names), or ``limit + 1`` when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return min(prev[-1], limit + 1)


def _whole(plain: str, a: int, b: int, name: str, hits: Sequence[TermHit]) -> bool:
    """The span starts and ends on a kanji or katakana (not on a particle, as 研究開発に), does not cut a
    katakana word, and is no part of a longer word the glossary knows (エネルギー供 of エネルギー供給).
    When only the name's last characters differ, the rest must not be a word of its own (研究開発費 is
    研究開発 and 費, not a slip for 研究開発局)."""
    def kata(c: str) -> bool:
        return "\u30a1" <= c <= "\u30fa" or c == "ー"
    if not (_ja_name_char(plain[a]) and _ja_name_char(plain[b - 1])) or "・" in (plain[a], plain[b - 1]):
        return False
    if (a > 0 and kata(plain[a - 1]) and kata(plain[a])) or (b < len(plain) and kata(plain[b]) and kata(plain[b - 1])):
        return False
    near = _overlapping(hits, a, b)
    if any(h.start < a or h.end > b for h in near):
        return False
    span = plain[a:b]
    same = 0
    while same < min(len(span), len(name)) and span[same] == name[same]:
        same += 1
    if same >= len(name) - 2 and any(h.start == a and h.end == a + same for h in near):
        return False
    if same == len(name) - 1 == len(span) - 1 and kata(span[same - 1]) and not kata(span[same]):
        return False        # エネルギー源 beside エネルギー省: a katakana word and a suffix of its own, no slip
    # 原子力規制機|関: the last character begins another word (unless a known word follows): no slip
    return not (same >= len(name) - 1 and len(name) <= 7 and b < len(plain) and _ja_name_char(plain[b])
                and plain[b] != "・" and not any(h.start == b for h in _overlapping(hits, b, b + 1)))


def _opens_another_name(plain: str, a: int, b: int, term: Term, index: _Index) -> bool:
    """The span opens another official name of the glossary: 日米科学技術協力 opens 日米科学技術協力合同高級
    委員会, so it is a stem the government's own names are built on, a word of its own and no slip for
    日米科学技術協定, whatever follows it (日米科学技術協力事業, 日米科学技術協力実務級合同委員会, 日米科学技術
    協力に関する). A stem of the same concept's longer form (日米科学技術研 of 日米科学技術研究開発協力協定)
    is not one: that is the name cut short.

    Not the shape of the compound: a compound that goes on past the span and is farther from the name
    than a slip may be is as often a slip with a title after it (核融合科学研究書教授, 研究所 miswritten) as
    a longer name (日米科学技術協力事業)."""
    span = plain[a:b]
    return any(t.concept != term.concept and len(t.text) > len(span) and t.text.startswith(span)
               for t in index.ja_names)


# ---------------------------------------------------------------- codes (JT60SA)

def _codes(ctx: Context, seg: Segment, index: _Index) -> Iterator[Finding]:
    if not index.codes:
        return
    for lang in ("en", "ja"):
        text = seg.text(lang)
        if text is None:
            continue
        hits = _Hits(ctx.hits(seg, lang))
        for m in _CODE.finditer(text.plain):
            s, e = m.start(), m.end()
            suffix = _CODE_SUFFIX.match(text.plain, e)     # JT-60 SA: the code's letters after a space
            term = index.codes.get(_key(text.plain[s:suffix.end()])) if suffix else None
            if term is None:
                term = index.codes.get(_key(m.group()))
            elif suffix:
                e = suffix.end()
            if term is None or text.plain[s:e] == term.text or not _free(hits, s, e, term.concept):
                continue
            yield _finding(ctx, seg, lang, s, e, term.text)


def _known(ctx: Context, seg: Segment, lang: str, s: int, e: int, concept: str) -> bool:
    """The span is a form the glossary's context data knows: a rendering of the concept (``also``:
    米国エネルギー副長官 holds エネルギー副長官), or another body's name (``distinct``: 原子力委員会)."""
    got = plain_of(seg, lang)[s:e]
    data = ctx.glossary.contexts
    return (any(form in got for form in data.also.get(concept, ()))
            or any(got in forms for forms in data.also.values())
            or any(got in names for names in data.distinct.values()))


def _finding(ctx: Context, seg: Segment, lang: str, s: int, e: int, want: str) -> Finding:
    got = plain_of(seg, lang)[s:e]
    return ctx.finding("term-near-miss", seg, lang, s, e,
                       f"'{got}' is close to the official name '{want}' but is not one of its forms; "
                       f"did you mean '{want}'?", want)


@rule("term-near-miss", "warning", "a span close to an official name that is none of its terms", monolingual=True)
def near_miss(ctx: Context, seg: Segment) -> Iterator[Finding]:
    if seg.origin == "glossary":
        return
    from .context import context_rules

    index = _index(ctx)
    yield from _stemmed(ctx, seg)
    yield from _english(ctx, seg, index)
    yield from _japanese(ctx, seg, index)
    yield from _codes(ctx, seg, index)
    yield from (f for f in context_rules(ctx, seg, "term-near-miss"))


