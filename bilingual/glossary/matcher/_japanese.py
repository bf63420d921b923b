"""Japanese: terms matched on a normalised copy of the text, mapped back to the original characters.

The units are the characters of the copy ``normalize_ja`` makes (width, case, ・, a long vowel mark
ending a katakana word, ヴ, ヶ, spaces between Japanese characters); the keys are the terms' copies. Latin
acronyms (DOE, CCFE) are keys too: Japanese text writes them as they are.

A match is refused when it cuts a katakana or Latin word (ユーザ is not in ユーザビリティ) or lies
inside one of its term's listed exceptions; it is a variant when the original characters are not the
term's own (フュージョン・エネルギー for フュージョンエネルギー).
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from ...text import english
from ...text.normalize import is_kanji, is_katakana, normalize_ja
from ..model import Glossary, Term
from . import _batch, _plain
from ._hits import Choices, Found, TermHit
from ._patterns import Engine, Patterns

if TYPE_CHECKING:
    import numpy as np

SEP = "\x00"        # texts are joined with it: no key holds it

# characters that can continue a word across a match's edge: katakana (with ー) and ASCII letters and digits
JOINERS = frozenset([chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"] + [chr(c) for c in range(0x31F0, 0x3200)]
                    + list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))


#: the separator that the copy deletes between katakana words but that keeps them apart in the original: a
#: match may start or end at one inside a run of katakana (モニツ・エネルギー長官: エネルギー長官 is a word
#: of its own). Not a space: layout puts spaces inside words too.
APART = frozenset("・･")
_APART_CODES = sorted(map(ord, APART))


def apart(text: str, before_end: int, after_start: int) -> bool:
    """Does the original text between two units of the copy (``text[before_end:after_start]``, what the
    copy deleted there) hold the word separator ``APART``?"""
    return before_end < after_start and not APART.isdisjoint(text[before_end:after_start])


def lists_kanji_words(written: str) -> bool:
    """A ・ between two kanji: it lists words (原子力安全・規制, 'safety and regulation'), so the span is no
    notation of a term written without it (安全規制)."""
    return any(c in APART and 0 < i < len(written) - 1 and is_kanji(written[i - 1]) and is_kanji(written[i + 1])
               for i, c in enumerate(written))


def splits_word(copy: str, start: int, end: int, open_before: bool = False, open_after: bool = False) -> bool:
    """A match that starts or ends inside a katakana or Latin word is not a match. ``open_before`` and
    ``open_after``: the original has a separator there (``apart``), so the katakana on that side is
    another word."""
    before = copy[start - 1] if start > 0 else ""
    after = copy[end] if end < len(copy) else ""
    first, last = copy[start], copy[end - 1]
    if before and not open_before and is_katakana(first) and is_katakana(before):
        return True
    if after and not open_after and is_katakana(last) and is_katakana(after):
        return True
    if before and first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
        return True
    return bool(after and last.isascii() and last.isalnum() and after.isascii() and after.isalnum())


def inside_exception(text: str, s: int, e: int, exception: str) -> bool:
    """Is ``text[s:e]`` inside an occurrence of ``exception`` (核融合 inside a listed 核融合炉)?"""
    i = text.find(exception, max(0, e - len(exception)))
    while i != -1 and i <= s:
        if i + len(exception) >= e:
            return True
        i = text.find(exception, i + 1)
    return False


class JapanesePatterns(Patterns):
    """The Japanese keys, each term's own characters (to tell a variant), and which keys have exceptions."""

    def __init__(self, glossary: Glossary) -> None:
        table: dict[str, list[Term]] = {}
        acronyms = (t for t in glossary.terms("en") if t.type == "acronym" and t.approved)
        for term in [*glossary.terms("ja"), *acronyms]:
            key = normalize_ja(term.text).text
            if key and SEP not in key:
                table.setdefault(key, []).append(term)
        super().__init__(table)
        self.exact: dict[str, tuple[Term, int]] = {}        # a term's text -> (the term, its pattern)
        for p, terms in enumerate(self.terms):
            for t in terms:
                self.exact.setdefault(t.text, (t, p))
        self.has_exceptions = [any(t.exceptions for t in terms) for terms in self.terms]

    def choose(self, text: str, p: int, s: int, e: int) -> tuple[Term, bool] | None:
        """(term, variant) for pattern ``p`` matched by the original ``text[s:e]`` (a match that keeps
        words whole); None if it lies inside one of the term's exceptions. Not a variant only when
        ``text[s:e]`` is the term's text."""
        found = self.exact.get(text[s:e])
        exact = found is not None and found[1] == p
        term = found[0] if found is not None and exact else self.terms[p][0]
        if not exact and term.type == "acronym":
            # a Latin acronym in other notation: full width (ＤＯＥ) or DoE, not other letters that fold
            # to it (CaO, calcium oxide, is not CAO; pA is not PA)
            written = unicodedata.normalize("NFKC", text[s:e])
            if written != written.upper() and not english.acronym_with_o(written):
                return None
        if term.exceptions and any(inside_exception(text, s, e, x) for x in term.exceptions):
            return None
        if not exact and lists_kanji_words(text[s:e]) and not APART.intersection(term.text):
            return None
        return term, not exact


class Japanese(Engine[JapanesePatterns]):
    """Japanese matching over one glossary: both engines, and the tables of the batch engine."""

    def __init__(self, glossary: Glossary) -> None:
        super().__init__(glossary, JapanesePatterns)
        self.choices = Choices(written_as_term=True)    # see JapanesePatterns.choose
        self._arrays: dict[str, Any] = {}

    def build(self) -> None:
        pats = self.patterns()
        if pats is not None:
            _ = pats.auto                       # the automaton, built now
            self._tables(pats)

    # ----- the plain engine: one text -----

    def find(self, text: str) -> list[TermHit]:
        pats = self.patterns()
        if pats is None or not text:
            return []
        norm = normalize_ja(text)
        copy, origin, ends = norm.text, norm.origin, norm.ends
        n = len(copy)
        chosen: dict[tuple[int, int], tuple[Term, bool]] = {}

        def accept(p: int, start: int, end: int) -> bool:
            if ((start > 0 and copy[start - 1] in JOINERS) or (end < n and copy[end] in JOINERS)) and splits_word(
                    copy, start, end, start > 0 and apart(text, ends[start - 1], origin[start]),
                    end < n and apart(text, ends[end - 1], origin[end])):
                return False
            c = pats.choose(text, p, origin[start], ends[end - 1])
            if c is None:
                return False
            chosen[start, end] = c
            return True

        hits: list[TermHit] = []
        for _, start, end in _plain.resolve(pats, copy, 0, len(copy), accept):
            term, variant = chosen[start, end]
            s, e = norm.span(start, end)
            hits.append(TermHit(s, e, term, text[s:e], variant))
        return hits

    # ----- the batch engine: many texts -----

    def find_all(self, texts: list[str]) -> Found:
        import numpy as np

        from ...text.normalize import normalize_ja_arrays

        pats = self.patterns()
        joined, offsets = _batch.join(texts, SEP)
        z = np.zeros(0, np.int64)
        if pats is None or not joined:
            return Found(texts, z, z, z, z, Choices())
        orig = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
        copy, chars, origin, ends = normalize_ja_arrays(joined, orig)
        if not copy:
            return Found(texts, z, z, z, z, Choices())
        tables = self._tables(pats)
        # a match starting (ending) at a unit cuts a katakana or Latin word if the unit before (after) it
        # is of the same class (1 katakana, 2 ASCII letter or digit)
        cls = np.append(tables["class"][chars], 0)              # cls[n]: no neighbour
        # ... unless the original keeps them apart there (``apart``): a separator the copy deleted, found by
        # where the few separators are (the unit before each, if the copy deleted it)
        kept_apart = np.zeros(len(chars), bool)
        at = np.flatnonzero(np.isin(orig, _APART_CODES))
        if len(at):
            before = np.searchsorted(origin, at, "right") - 1       # the last unit that starts before it
            ok = (before >= 0) & (before < len(chars) - 1)
            before = before[ok]
            kept_apart[before[ends[before] <= at[ok]]] = True
        cuts_after = (cls[:-1] != 0) & (cls[:-1] == cls[1:]) & ~kept_apart    # units i and i + 1: one word
        cuts_before = np.append(False, cuts_after[:-1])
        # where the copy is the original character for character, the surface is the key itself
        changed = np.zeros(len(chars) + 1, np.int32)
        np.cumsum((ends != origin + 1) | (chars != orig[origin]), out=changed[1:])
        same_choice, has_exceptions = tables["same"], tables["exceptions"]
        choose = self.choices.id

        def decide(P: np.ndarray, S: np.ndarray, E: np.ndarray) -> np.ndarray:
            """Refused if it cuts a word; where the original is the key character for character (and the
            term has no exceptions), what ``choose`` made of the key once (``same``); else
            ``JapanesePatterns.choose``."""
            splits = cuts_before[S] | cuts_after[E - 1]
            same = (changed[E] == changed[S]) & (ends[E - 1] - origin[S] == E - S)
            choice = np.where(splits, 0, same_choice[P])
            slow = np.flatnonzero(~splits & (~same | has_exceptions[P]))
            if len(slow):
                picked = (pats.choose(joined, p, s, e) for p, s, e in
                          zip(P[slow].tolist(), origin[S[slow]].tolist(), ends[E[slow] - 1].tolist(), strict=True))
                choice[slow] = [0 if c is None else choose(*c) for c in picked]
            return choice

        seg_end = np.append(np.searchsorted(origin, offsets[1:]), len(copy))
        seg = _batch.unit_texts(seg_end)
        S, E, choice = _batch.resolve_all(pats, copy, SEP, seg, seg_end, decide, tables["single"][chars])
        base = offsets[seg[S]]
        return Found(texts, seg[S], origin[S] - base, ends[E - 1] - base, choice, self.choices)

    def _tables(self, pats: JapanesePatterns) -> dict[str, Any]:
        """Per code point: its class (``class``: 1 katakana, 2 ASCII letter or digit) and its one-character
        pattern (``single``, -1: none); per pattern: has a term exceptions, and the choice when the text
        is the key itself (``same``)."""
        import numpy as np

        tables = self._arrays
        if not tables:
            cls = np.zeros(0x110000, np.int8)
            for c in JOINERS:
                cls[ord(c)] = 1 if is_katakana(c) else 2
            single = np.full(0x110000, -1, np.int32)
            for key, p in pats.index.items():
                if len(key) == 1:
                    single[ord(key)] = p
            same = []
            for p, key in enumerate(pats.keys):
                # the text written as the key itself: what ``choose`` makes of it (an acronym's key in
                # lower case, doe, is refused)
                chosen = pats.choose(key, p, 0, len(key))
                same.append(0 if chosen is None else self.choices.id(*chosen))
            tables.update({"class": cls, "single": single, "same": np.array(same, np.int32),
                           "exceptions": np.array(pats.has_exceptions, bool)})
        return tables
