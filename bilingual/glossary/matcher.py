"""Find glossary terms in text: leftmost-longest, inflection-aware in English,
normalisation-aware in Japanese, with every hit mapped to the original characters.

Both languages run one Aho-Corasick automaton (pyahocorasick) over a key
stream: for English, each word's stem wrapped as `` key `` so that patterns
can only start and end on word boundaries; for Japanese, the normalised copy.
"""
from __future__ import annotations

import bisect
from functools import cached_property
from typing import NamedTuple

from ..text import english
from ..text.normalize import is_katakana, normalize_ja
from .model import Glossary, Term


class TermHit(NamedTuple):
    """A term found in a text (a named tuple: made by the hundred thousand, so made cheaply)."""

    start: int        # [start, end) in the text searched
    end: int
    term: Term
    surface: str      # the characters as written
    variant: bool     # written in another notation (width, ・, ー, case of a name …)


def _leftmost_longest(auto, stream: str, accept) -> list[tuple[int, int, object]]:
    """Non-overlapping matches, leftmost first, longest first, among those ``accept`` takes.

    ``iter_long`` does this in C; when it offers a match ``accept`` refuses
    (a term inside a longer word, a listed exception), the longest acceptable
    match at the same start is looked for, and the scan resumes after it.
    """
    out: list[tuple[int, int, object]] = []
    pos = 0
    while pos < len(stream):
        for end, value in auto.iter_long(stream, pos):
            start = end + 1 - value[0]
            if accept(start, end + 1, value):
                out.append((start, end + 1, value))
                continue
            shorter = [(e + 1, v) for e, v in auto.iter(stream, start, end)
                       if e + 1 - v[0] == start and accept(start, e + 1, v)]
            if shorter:
                e, v = max(shorter, key=lambda item: item[0])
                out.append((start, e, v))
                pos = e
            else:
                pos = start + 1
            break
        else:
            break
    return out


def _en_key(words: list[str]) -> str:
    return "".join(f" {k} " for k in english.keys(words))


class TermIndex:
    """Automata over one glossary, built once and reused for every segment."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._picks: dict[tuple[int, tuple[str, ...]], tuple[Term | None, bool]] = {}

    @cached_property
    def _en(self):
        import ahocorasick

        auto = ahocorasick.Automaton()
        table: dict[str, list[Term]] = {}
        for term in self.glossary.terms("en"):
            words = [w for _, _, w in english.tokens(term.text)]
            if words:
                table.setdefault(_en_key(words), []).append(term)
        for key, terms in table.items():
            wants = tuple(tuple(w for _, _, w in english.tokens(t.text)) for t in terms)
            auto.add_word(key, (len(key), terms, wants))
        if table:
            auto.make_automaton()
        return auto if table else None

    @cached_property
    def _ja(self):
        import ahocorasick

        auto = ahocorasick.Automaton()
        table: dict[str, list[Term]] = {}
        # Japanese text writes acronyms in Latin letters (DOE, CCFE): they render the concept too
        acronyms = (t for t in self.glossary.terms("en") if t.type == "acronym" and t.approved)
        for term in [*self.glossary.terms("ja"), *acronyms]:
            key = normalize_ja(term.text).text
            if key:
                table.setdefault(key, []).append(term)
        for key, terms in table.items():
            auto.add_word(key, (len(key), terms))
        if table:
            auto.make_automaton()
        return auto if table else None

    def find(self, text: str, lang: str) -> list[TermHit]:
        """Every term in ``text``, leftmost-longest, in order."""
        return self.find_en(text) if lang == "en" else self.find_ja(text)

    def find_en(self, text: str) -> list[TermHit]:
        auto = self._en
        toks = english.tokens(text)
        if auto is None or not toks:
            return []
        keys = english.keys([w for _, _, w in toks])
        starts: list[int] = []
        pos = 0
        for k in keys:
            starts.append(pos)
            pos += len(k) + 2
        stream = "".join(f" {k} " for k in keys)
        hits: list[TermHit] = []
        chosen: dict[tuple[int, int], tuple[Term | None, bool]] = {}

        picks = self._picks
        if len(picks) > 500_000:
            picks.clear()

        def accept(start: int, end: int, value) -> bool:
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_right(starts, end - 1) - 1
            words = tuple(w for _, _, w in toks[first:last + 1])
            memo = (id(value[1]), words)       # the same words against the same terms: the same choice
            picked = picks.get(memo)
            if picked is None:
                picked = picks[memo] = _pick_en(value[1], list(words), value[2])
            chosen[start, end] = picked
            return picked[0] is not None

        for start, end, _ in _leftmost_longest(auto, stream, accept):
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_right(starts, end - 1) - 1
            s, e = toks[first][0], toks[last][1]
            term, variant = chosen[start, end]
            hits.append(TermHit(s, e, term, text[s:e], variant))
        return hits

    def find_ja(self, text: str) -> list[TermHit]:
        auto = self._ja
        if auto is None or not text:
            return []
        norm = normalize_ja(text)
        copy = norm.text

        chosen: dict[tuple[int, int], tuple[Term, bool]] = {}

        origin, ends, n = norm.origin, norm.ends, len(copy)

        def accept(start: int, end: int, value) -> bool:
            if (start > 0 and copy[start - 1] in _JOINERS) or (end < n and copy[end] in _JOINERS):
                if _splits_word(copy, start, end):
                    return False
            s, e = origin[start], ends[end - 1]
            surface = text[s:e]
            terms = value[1]
            term = next((t for t in terms if t.text == surface), None)
            exact = term is not None
            if term is None:
                term = terms[0]
            if term.exceptions and any(_inside_exception(text, s, e, x) for x in term.exceptions):
                return False
            chosen[start, end] = (term, not exact)
            return True

        hits: list[TermHit] = []
        for start, end, _ in _leftmost_longest(auto, copy, accept):
            term, variant = chosen[start, end]
            s, e = norm.span(start, end)
            hits.append(TermHit(s, e, term, text[s:e], variant))
        return hits


def _strip_possessive(word: str) -> str:
    return english._POSSESSIVE.sub("", word)


def _pick_en(terms: list[Term], words: list[str],
             wants: tuple[tuple[str, ...], ...] | None = None) -> tuple[Term | None, bool]:
    """Choose the term a word sequence matched; acronyms match only in their own case."""
    written = [_strip_possessive(w) for w in words]
    if wants is None:
        wants = tuple(tuple(w for _, _, w in english.tokens(t.text)) for t in terms)
    same: dict[tuple[str, ...], bool] = {}
    best: tuple[Term | None, bool] = (None, False)
    for term, want_t in zip(terms, wants):
        ok = same.get(want_t)
        if ok is None:
            ok = same[want_t] = len(want_t) == len(written) and all(map(english.same_word, written, want_t))
        if not ok:
            continue
        want = list(want_t)
        if term.type == "acronym" or (len(want) == 1 and len(want[0]) > 1 and want[0].isupper()):
            # acronyms, and any one-word term in capitals (US), match only in their own case: not 'us'
            if written == want:
                return term, False
            continue
        case_differs = term.proper and [w.lower() for w in written] == [w.lower() for w in want] and written != want
        if best[0] is None or (best[1] and not case_differs):
            best = (term, case_differs)
    return best


# characters that can continue a word across a match's edge: katakana (with ー) and ASCII letters and digits
_JOINERS = frozenset([chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"] + [chr(c) for c in range(0x31F0, 0x3200)]
                     + [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"])


def _splits_word(copy: str, start: int, end: int) -> bool:
    """A match that starts or ends inside a katakana or Latin word is not a match."""
    before = copy[start - 1] if start > 0 else ""
    after = copy[end] if end < len(copy) else ""
    first, last = copy[start], copy[end - 1]
    if before and is_katakana(first) and is_katakana(before):
        return True
    if after and is_katakana(last) and is_katakana(after):
        return True
    if before and first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
        return True
    if after and last.isascii() and last.isalnum() and after.isascii() and after.isalnum():
        return True
    return False


def _inside_exception(text: str, s: int, e: int, exception: str) -> bool:
    i = text.find(exception, max(0, e - len(exception)))
    while i != -1 and i <= s:
        if i + len(exception) >= e:
            return True
        i = text.find(exception, i + 1)
    return False
