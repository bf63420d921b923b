"""Find glossary terms in text: leftmost-longest, inflection-aware in English,
normalisation-aware in Japanese, with every hit mapped to the original characters.

Both languages run one Aho-Corasick automaton (``ahocorasick_rs``, leftmost-longest
in Rust) over a key stream:

* English: one character per word, standing for the word's stem (Snowball, of the
  lower-cased word without a possessive); words whose stem is in no term all become
  one character that no pattern contains, so patterns start and end on words.
* Japanese: the normalised copy (``normalize_ja``).

Only patterns of more than one unit are in the automaton; a one-unit pattern is
looked up wherever no accepted longer match covers the unit (it ends before any
later match could start, so it never hides one).

A match is then accepted or refused (a stem match that is a derived word, an
acronym in another case, a katakana or Latin word cut in two, a listed
exception). The result is the leftmost-longest sequence of *accepted* matches:
when the longest match at a position is refused, the longest acceptable one at
the same start is taken (a pattern that is a prefix of it), else the scan
resumes one unit later (``_resolve``), searching again only until it meets the
matches found before (``_rescan``: no quadratic time on hostile text).

``find`` works on one text in plain Python; ``find_all`` works on many texts at
once: the automaton runs once over all of them, and numpy arrays carry the hits,
so that only hits that need a decision cost Python work. Both give the same hits
(a property test compares them with a brute-force reference).
"""
from __future__ import annotations

from collections import deque
from functools import cached_property, lru_cache
from itertools import repeat
from operator import itemgetter
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


def _automaton(keys: list[str]):
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                      implementation=ahocorasick_rs.Implementation.ContiguousNFA)


class _Patterns:
    """One language's patterns: key strings, the terms behind each key, the automaton."""

    def __init__(self, keys: list[str], terms: list[list[Term]]) -> None:
        self.keys = keys
        self.terms = terms
        self.index = {k: i for i, k in enumerate(keys)}
        self._prefixes: dict[int, list[int]] = {}

    @cached_property
    def multi(self) -> list[int]:
        """The patterns of more than one unit: only these are in the automaton. A one-unit pattern is
        looked up where no longer pattern starts (it cannot hide a longer match starting later)."""
        return [p for p, k in enumerate(self.keys) if len(k) > 1]

    @cached_property
    def auto(self):
        return _automaton([self.keys[p] for p in self.multi])

    @cached_property
    def longest(self) -> int:
        """The length of the longest pattern."""
        return max(map(len, self.keys), default=1)

    @cached_property
    def multi_array(self):
        """``multi`` and those patterns' lengths, as numpy arrays."""
        import numpy as np

        multi = np.array(self.multi, np.int64)
        return multi, np.fromiter(map(len, self.keys), np.int64, len(self.keys))[multi]

    def __getstate__(self):
        # kept with the glossary cache (load_glossary); the automaton is rebuilt from the keys
        state = dict(self.__dict__)
        for name in ("auto", "multi", "multi_array", "longest"):
            state.pop(name, None)
        state["_prefixes"] = {}
        return state

    def prefixes(self, p: int) -> list[int]:
        """Patterns that are proper prefixes of pattern ``p``, longest first."""
        found = self._prefixes.get(p)
        if found is None:
            key, index = self.keys[p], self.index
            found = self._prefixes[p] = [index[key[:n]] for n in range(len(key) - 1, 0, -1) if key[:n] in index]
        return found


def _resolve(pats: _Patterns, stream: str, lo: int, hi: int, accept, singles: bool = True
             ) -> list[tuple[int, int, int]]:
    """Leftmost-longest accepted matches (pattern, start, end) in ``stream[lo:hi]`` (with ``singles``
    False, only those of more than one unit).

    The automaton's matches are taken in order. When one is refused, the longest acceptable pattern
    that is a prefix of it is taken instead, else the scan goes on one unit after its start; from there
    the stream is searched again only until the matches found again meet those found before
    (``_rescan``), so that many refused matches in one long text cost no more than their number.
    """
    out: list[tuple[int, int, int]] = []
    keys, single = pats.keys, pats.index.get

    def take_singles(a: int, b: int) -> None:        # no longer pattern starts in [a, b)
        for i in range(a, b):
            p = single(stream[i])
            if p is not None and accept(p, i, i + 1):
                out.append((p, i, i + 1))

    todo = deque(_search(pats, stream, lo, hi))
    pos = lo
    while todo:
        p, s, e = todo.popleft()
        if singles:
            take_singles(pos, s)
        if accept(p, s, e):
            out.append((p, s, e))
            pos = e
            continue
        pos = s + 1
        for q in pats.prefixes(p):
            e2 = s + len(keys[q])
            if accept(q, s, e2):
                out.append((q, s, e2))
                pos = e2
                break
        todo.extendleft(reversed(_rescan(pats, stream, pos, hi, todo)))
    if singles:
        take_singles(pos, hi)
    return out


def _search(pats: _Patterns, stream: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """The automaton's matches (pattern, start, end) in ``stream[lo:hi]``."""
    multi = pats.multi
    piece = stream[lo:hi] if lo or hi < len(stream) else stream
    return [(multi[p], s + lo, e + lo) for p, s, e in pats.auto.find_matches_as_indexes(piece)]


def _rescan(pats: _Patterns, stream: str, pos: int, hi: int, todo: deque) -> list[tuple[int, int, int]]:
    """The automaton's matches from ``pos`` on, up to where they meet ``todo`` (the matches found by a scan
    that started later): from a match both scans find, they are one. The matches of ``todo`` that the
    scan from ``pos`` passes over are dropped; all of them if the scans never meet.

    The stream is searched a window at a time: a match that starts a longest key's length before the
    window's end is the one a search to ``hi`` finds; the next window starts at the last such match's end.
    """
    found: list[tuple[int, int, int]] = []
    size = 4 * pats.longest
    while pos < hi:
        end = min(hi, pos + size)
        sure = hi if end == hi else end - pats.longest
        for m in _search(pats, stream, pos, end):
            if m[1] >= sure:
                break
            while todo and todo[0][1] < m[1]:
                todo.popleft()
            if todo and todo[0][1] == m[1] and todo[0][2] == m[2]:
                return found
            found.append(m)
            pos = m[2]
        if end == hi:
            break
        size *= 2
    todo.clear()
    return found


# one key character per English stem: code points from U+0100 up, skipping the surrogates
def _code(i: int) -> str:
    c = 0x100 + i
    return chr(c if c < 0xD800 else c + 0x800)


_OTHER = " "        # the key of every word whose stem is in no term


class HitTable:
    """The hits of ``find_all``: one row per hit, as numpy arrays (``seg`` is the text's index; ``choice``
    the hit's row in ``choices``, a list of (term, variant) pairs)."""

    def __init__(self, texts: list[str], seg, start, end, choice, choices: list[tuple[Term, bool]]) -> None:
        self.texts, self.seg, self.start, self.end, self.choice = texts, seg, start, end, choice
        self.choices = choices

    def __len__(self) -> int:
        return len(self.seg)

    @property
    def term(self) -> list[Term]:
        return [self.choices[c][0] for c in self.choice.tolist()]

    @property
    def variant(self) -> list[bool]:
        return [self.choices[c][1] for c in self.choice.tolist()]

    def lists(self) -> list[list[TermHit]]:
        """Each text's hits as ``TermHit``s, in order."""
        import numpy as np

        texts = self.texts
        starts, ends = self.start.tolist(), self.end.tolist()
        seg = self.seg.tolist()
        surfaces = list(map(str.__getitem__, map(texts.__getitem__, seg), map(slice, starts, ends)))
        chosen = list(map(self.choices.__getitem__, self.choice.tolist()))
        rows = list(map(tuple.__new__, repeat(TermHit),
                        zip(starts, ends, map(itemgetter(0), chosen), surfaces, map(itemgetter(1), chosen))))
        bounds = np.searchsorted(self.seg, np.arange(len(texts) + 1)).tolist()
        return [rows[a:b] for a, b in zip(bounds, bounds[1:])]


_ROWS = 1 << 21     # at most this many distinct English words are remembered (three rows fit one int64)
_SLOT_BITS = 20
_SLOTS = 1 << _SLOT_BITS    # slots of the table that finds a word's row by its bytes


class TermIndex:
    """Automata over one glossary, built once and reused for every segment."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._en_words: dict[str, int] = {}          # a word as written -> its row in the tables below
        self._en_code: list[str] = []                # row -> the word's key character
        self._en_single: list[int] = []              # row -> choice when the word alone is a pattern's match
        self._en_multi: dict[int, dict] = {2: {}, 3: {}, 4: {}}   # words' rows -> choice (4: longer, by tuple)
        self._choices: list[tuple[Term | None, bool]] = [(None, False)]   # choice 0: refused
        self._choice_ids: dict[tuple[int, bool], int] = {}
        self._arrays: dict[str, object] = {}
        self._forgotten = 0                          # how many times the words' rows were forgotten

    # ----- building -----

    def _prepared(self, lang: str):
        """Patterns kept with the glossary's cache (see ``prepare``), if they are this glossary's."""
        kept = self.glossary.__dict__.get("_patterns")
        if kept is not None and kept["concepts"] == len(self.glossary.concepts):
            return kept[lang]
        return False

    @cached_property
    def _en(self) -> _Patterns | None:
        kept = self._prepared("en")
        if kept is not False:
            return kept
        stems: dict[str, str] = {}
        table: dict[str, list[Term]] = {}
        for term in self.glossary.terms("en"):
            words = [w for _, _, w in english.tokens(term.text)]
            if words:
                key = "".join(stems.setdefault(k, _code(len(stems))) for k in english.keys(words))
                table.setdefault(key, []).append(term)
        if not table:
            return None
        pats = _Patterns(list(table), list(table.values()))
        pats.stems = stems
        pats.wants = [tuple(tuple(w for _, _, w in english.tokens(t.text)) for t in terms) for terms in pats.terms]
        # texts are joined with a word whose stem is in no term: no match runs from one text into the next
        sep = "0zq0"
        while english.keys([sep])[0] in stems:
            sep += "q"
        pats.sep = sep
        return pats

    @cached_property
    def _ja(self) -> _Patterns | None:
        kept = self._prepared("ja")
        if kept is not False:
            return kept
        table: dict[str, list[Term]] = {}
        # Japanese text writes acronyms in Latin letters (DOE, CCFE): they render the concept too
        acronyms = (t for t in self.glossary.terms("en") if t.type == "acronym" and t.approved)
        for term in [*self.glossary.terms("ja"), *acronyms]:
            key = normalize_ja(term.text).text
            if key and _SEP not in key:
                table.setdefault(key, []).append(term)
        if not table:
            return None
        pats = _Patterns(list(table), list(table.values()))
        exact: dict[str, tuple[Term, int]] = {}
        for p, terms in enumerate(pats.terms):
            for t in terms:
                exact.setdefault(t.text, (t, p))
        pats.exact = exact
        pats.has_exceptions = [any(t.exceptions for t in terms) for terms in pats.terms]
        return pats

    def _choice(self, term: Term | None, variant: bool) -> int:
        if term is None:
            return 0
        key = (id(term), variant)
        c = self._choice_ids.get(key)
        if c is None:
            c = self._choice_ids[key] = len(self._choices)
            self._choices.append((term, variant))
        return c

    # ----- English -----

    def _en_rows(self, words: list[str]) -> list[int]:
        """Each word's row, adding the words not seen before."""
        rows = self._en_words
        missing = [w for w in dict.fromkeys(words) if w not in rows]
        if missing:
            if len(rows) + len(missing) > _ROWS:
                self._forget_words()
                missing = list(dict.fromkeys(words))
            pats = self._en
            stems = pats.stems if pats else {}
            single = pats.index if pats else {}
            for w, k in zip(missing, english.keys(missing)):
                code = stems.get(k, _OTHER)
                rows[w] = len(self._en_code)
                self._en_code.append(code)
                p = single.get(code) if code != _OTHER else None
                self._en_single.append(0 if p is None else self._choice(*_pick_en(pats.terms[p], [w], pats.wants[p])))
            self._arrays.pop("en_code", None)
        return [rows[w] for w in words]

    def _en_word_rows(self, text: str, b, starts, ends):
        """The row of each word of ``text`` (``b``: its bytes, as ``_word_spans`` gives them), as an array.

        Words of up to 16 bytes are looked up by their bytes (``_word_keys``) in a table of the words met
        before (two slots a word, from a hash of its bytes); the others, and words not met before, through
        ``_en_rows``.
        """
        import numpy as np

        k1, k2 = _word_keys(b, starts, ends)
        k1[ends - starts > 16] = 0                 # no word's key: longer words are never in the table
        h = k1 * np.uint64(0x9E3779B97F4A7C15) ^ k2 * np.uint64(0xC2B2AE3D27D4EB4F)
        slots = [(h >> np.uint64(64 - _SLOT_BITS)).astype(np.intp), (h & np.uint64(_SLOTS - 1)).astype(np.intp)]
        rows = np.full(len(h), -1, np.int64)
        if "en_words" not in self._arrays:
            self._arrays["en_words"] = [np.full(_SLOTS, -1, np.int64)] + [np.zeros(0, np.uint64)] * 2 + [
                np.zeros(0, np.int64)]
        table, ks1, ks2, krows = self._arrays["en_words"]
        todo = np.arange(len(h))
        for slot in slots if len(krows) else ():
            j = table[slot[todo]]
            ok = (j >= 0) & (ks1[j] == k1[todo]) & (ks2[j] == k2[todo])
            rows[todo[ok]] = krows[j[ok]]
            todo = todo[~ok]
        if not len(todo):
            return rows
        forgotten = self._forgotten
        rows[todo] = self._en_rows(list(map(text.__getitem__, map(slice, starts[todo].tolist(),
                                                                   ends[todo].tolist()))))
        if self._forgotten != forgotten:        # the rows found in the table are stale: all again
            return self._en_word_rows(text, b, starts, ends)
        # remember the short ones among them, each in the first of its slots that is free
        _, first = np.unique(rows[todo], return_index=True)
        at = todo[first]
        at = at[k1[at] != 0]
        entry = np.arange(len(krows), len(krows) + len(at))
        self._arrays["en_words"] = [table, np.append(ks1, k1[at]), np.append(ks2, k2[at]),
                                    np.append(krows, rows[at])]
        for slot in slots:
            free = table[slot[at]] < 0
            at, entry = at[free], entry[free]
            table[slot[at]] = entry
            placed = table[slot[at]] == entry      # of two new words with one slot, one is placed
            at, entry = at[~placed], entry[~placed]
        return rows

    def _forget_words(self) -> None:
        self._forgotten += 1
        self._arrays.pop("en_words", None)
        self._en_words.clear()
        self._en_code.clear()
        self._en_single.clear()
        for memo in self._en_multi.values():
            memo.clear()
        self._arrays.pop("en_code", None)

    def _en_decide(self, pats: _Patterns, p: int, rows: list[int], words: list[str]) -> int:
        n = len(rows)
        if n == 1:
            return self._en_single[rows[0]]
        if n <= 3:
            key = rows[0]
            for r in rows[1:]:
                key = key * _ROWS + r
            memo = self._en_multi[n]
        else:
            key, memo = tuple(rows), self._en_multi[4]
        c = memo.get(key)
        if c is None:
            c = memo[key] = self._choice(*_pick_en(pats.terms[p], words, pats.wants[p]))
        return c

    def find_en(self, text: str) -> list[TermHit]:
        pats = self._en
        toks = english.tokens(text)
        if pats is None or not toks:
            return []
        words = [w for _, _, w in toks]
        rows = self._en_rows(words)
        code = self._en_code
        stream = "".join([code[r] for r in rows])
        decided: dict[tuple[int, int], int] = {}

        def accept(p: int, a: int, b: int) -> bool:
            c = decided[a, b] = self._en_decide(pats, p, rows[a:b], words[a:b])
            return c != 0

        hits: list[TermHit] = []
        choices = self._choices
        for _, a, b in _resolve(pats, stream, 0, len(stream), accept):
            s, e = toks[a][0], toks[b - 1][1]
            term, variant = choices[decided[a, b]]
            hits.append(TermHit(s, e, term, text[s:e], variant))
        return hits

    def _find_all_en(self, texts: list[str]) -> HitTable:
        import numpy as np

        pats = self._en
        if pats is None:
            return _empty(texts)
        joined, offsets = _join(texts, f"\n{pats.sep}\n")
        b, starts, ends = _word_spans(joined)
        rows = self._en_word_rows(joined, b, starts, ends)
        if "en_code" not in self._arrays:
            self._arrays["en_code"] = np.array([ord(c) for c in self._en_code], np.uint32)
            self._arrays["en_single"] = np.array(self._en_single, np.int64)
            self._arrays["en_pattern"] = np.array([pats.index.get(c, -1) for c in self._en_code], np.int64)
        stream = self._arrays["en_code"][rows].tobytes().decode("utf-32-le")
        single = self._arrays["en_single"]
        multi = self._en_multi
        choose, pick = self._choice, _pick_en

        def words(a: int, b: int) -> list[str]:
            return list(map(joined.__getitem__, map(slice, starts[a:b].tolist(), ends[a:b].tolist())))

        def decide(P, A, B):
            L = B - A
            choice = single[rows[A]]
            for n in (2, 3):
                at = np.flatnonzero(L == n)
                if not len(at):
                    continue
                key = rows[A[at]]
                for k in range(1, n):
                    key = key * _ROWS + rows[A[at] + k]
                memo = multi[n]
                got = np.fromiter(map(memo.get, key.tolist(), repeat(-1)), np.int64, len(at))
                for i in np.flatnonzero(got < 0).tolist():
                    p, a = int(P[at[i]]), int(A[at[i]])
                    got[i] = memo[int(key[i])] = choose(*pick(pats.terms[p], words(a, a + n), pats.wants[p]))
                choice[at] = got
            for i in np.flatnonzero(L > 3).tolist():
                p, a, b = int(P[i]), int(A[i]), int(B[i])
                choice[i] = self._en_decide(pats, p, rows[a:b].tolist(), words(a, b))
            return choice

        seg_end = np.append(np.searchsorted(starts, offsets[1:]), len(starts))
        seg = _unit_texts(seg_end)
        A, B, choice = _engine(pats, stream, _OTHER, seg, seg_end, decide, self._arrays["en_pattern"][rows])
        return self._table(texts, offsets, seg[A], starts[A], ends[B - 1], choice)

    # ----- Japanese -----

    def _ja_choose(self, pats: _Patterns, text: str, origin, ends, p: int, start: int, end: int):
        """(term, variant) for a match of the copy's ``[start, end)`` that keeps words whole; None if refused."""
        s, e = origin[start], ends[end - 1]
        term, q = pats.exact.get(text[s:e], _NO_TERM)
        exact = q == p
        if not exact:
            term = pats.terms[p][0]
        if term.exceptions and any(_inside_exception(text, s, e, x) for x in term.exceptions):
            return None
        return term, not exact

    def find_ja(self, text: str) -> list[TermHit]:
        pats = self._ja
        if pats is None or not text:
            return []
        norm = normalize_ja(text)
        copy, origin, ends = norm.text, norm.origin, norm.ends
        n = len(copy)
        chosen: dict[tuple[int, int], tuple[Term, bool]] = {}

        def accept(p: int, start: int, end: int) -> bool:
            if (start > 0 and copy[start - 1] in _JOINERS) or (end < n and copy[end] in _JOINERS):
                if _splits_word(copy, start, end):
                    return False
            c = self._ja_choose(pats, text, origin, ends, p, start, end)
            if c is None:
                return False
            chosen[start, end] = c
            return True

        hits: list[TermHit] = []
        for _, start, end in _resolve(pats, copy, 0, len(copy), accept):
            term, variant = chosen[start, end]
            s, e = norm.span(start, end)
            hits.append(TermHit(s, e, term, text[s:e], variant))
        return hits

    def _find_all_ja(self, texts: list[str]) -> HitTable:
        import numpy as np

        from ..text.normalize import normalize_ja_arrays

        pats = self._ja
        joined, offsets = _join(texts, _SEP)
        if pats is None or not joined:
            return _empty(texts)
        orig = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
        copy, chars, origin, ends = normalize_ja_arrays(joined, orig)
        if not copy:
            return _empty(texts)
        arrays = self._ja_tables(pats)
        # a match starting (ending) at a unit cuts a katakana or Latin word if the unit before (after) it
        # is of the same class (1 katakana, 2 ASCII letter or digit)
        cls = np.append(arrays["ja_class"][chars], 0)              # cls[-1] and cls[n]: no neighbour
        cuts_before = (cls[:-1] != 0) & (cls[:-1] == np.roll(cls, 1)[:-1])
        cuts_after = (cls[:-1] != 0) & (cls[:-1] == cls[1:])
        # where the copy is the original character for character, the surface is the key itself
        bad = (ends != origin + 1) | (chars != orig[origin])
        cum = np.zeros(len(bad) + 1, np.int32)
        np.cumsum(bad, out=cum[1:])
        same_choice, has_exc = arrays["ja_same"], arrays["ja_exceptions"]
        choose, pick = self._choice, self._ja_choose

        def decide(P, S, E):
            splits = cuts_before[S] | cuts_after[E - 1]
            same = (cum[E] == cum[S]) & (ends[E - 1] - origin[S] == E - S)
            choice = np.where(splits, 0, same_choice[P])
            slow = np.flatnonzero(~splits & (~same | has_exc[P]))
            if len(slow):
                choice[slow] = [0 if c is None else choose(*c) for c in
                                (pick(pats, joined, origin, ends, p, s, e)
                                 for p, s, e in zip(P[slow].tolist(), S[slow].tolist(), E[slow].tolist()))]
            return choice

        seg_end = np.append(np.searchsorted(origin, offsets[1:]), len(copy))
        seg = _unit_texts(seg_end)
        S, E, choice = _engine(pats, copy, _SEP, seg, seg_end, decide, arrays["ja_single"][chars])
        return self._table(texts, offsets, seg[S], origin[S], ends[E - 1], choice)

    def _ja_tables(self, pats: _Patterns) -> dict:
        import numpy as np

        arrays = self._arrays
        if "ja_class" not in arrays:
            cls = np.zeros(0x110000, np.int8)
            for c in _JOINERS:
                cls[ord(c)] = 1 if is_katakana(c) else 2
            arrays["ja_class"] = cls
            single = np.full(0x110000, -1, np.int32)        # a character's one-character pattern
            for key, p in pats.index.items():
                if len(key) == 1:
                    single[ord(key)] = p
            arrays["ja_single"] = single
            arrays["ja_exceptions"] = np.array(pats.has_exceptions, bool)
            same = []
            for key, terms in zip(pats.keys, pats.terms):
                term = next((t for t in terms if t.text == key), None)
                same.append(self._choice(term or terms[0], term is None))
            arrays["ja_same"] = np.array(same, np.int32)
        return arrays

    # ----- both -----

    def _table(self, texts, offsets, seg, s, e, choice) -> HitTable:
        base = offsets[seg]
        return HitTable(texts, seg, s - base, e - base, choice, self._choices)

    def find(self, text: str, lang: str) -> list[TermHit]:
        """Every term in ``text``, leftmost-longest, in order."""
        return self.find_en(text) if lang == "en" else self.find_ja(text)

    def find_all(self, texts: list[str], lang: str) -> HitTable:
        """Every term in each of ``texts`` (as ``find``), found in one pass over all of them."""
        import gc

        texts = list(texts)
        enabled = gc.isenabled()
        gc.disable()               # hundreds of thousands of small objects, none of them cyclic
        try:
            return self._find_all_en(texts) if lang == "en" else self._find_all_ja(texts)
        finally:
            if enabled:
                gc.enable()

    def find_many(self, texts: list[str], lang: str) -> list[list[TermHit]]:
        """``find`` for each text: one pass for many texts, ``find`` for a few."""
        if len(texts) < 50:
            return [self.find(t, lang) for t in texts]
        import gc

        table = self.find_all(texts, lang)
        enabled = gc.isenabled()
        gc.disable()
        try:
            return table.lists()
        finally:
            if enabled:
                gc.enable()


def prepare(glossary: Glossary) -> None:
    """Build the patterns of both languages and keep them with the glossary (pickled with it by
    ``load_glossary``, so that a later process only rebuilds the automata from the keys)."""
    glossary.__dict__.pop("_patterns", None)
    ix = TermIndex(glossary)
    glossary._patterns = {"concepts": len(glossary.concepts), "en": ix._en, "ja": ix._ja}


# texts are joined with separators no key contains: NUL in Japanese, a word whose stem is in no term in English
_SEP = "\x00"
_NO_TERM = (None, -1)


def _join(texts: list[str], sep: str):
    import numpy as np

    lengths = np.fromiter(map(len, texts), np.int64, len(texts)) + len(sep)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return sep.join(texts), offsets


def _empty(texts) -> HitTable:
    import numpy as np

    z = np.zeros(0, np.int64)
    return HitTable(texts, z, z, z, z, [])


def _unit_texts(seg_end):
    """Each unit's text, from where each text's units end."""
    import numpy as np

    return np.repeat(np.arange(len(seg_end), dtype=np.int32), np.diff(seg_end, prepend=0))


def _word_spans(text: str):
    """The bytes of ``text`` (one a character) and the starts and ends of the words ``english.WORD`` finds,
    from a mask of word characters."""
    import numpy as np

    # one byte a character: ’ becomes \x01, any other character beyond Latin-1 a '?' (none is in a word)
    if "\x01" in text:
        text = text.replace("\x01", "\x02")
    b = np.frombuffer(text.replace("’", "\x01").encode("latin-1", "replace"), np.uint8)
    alnum_t, joint_t = _byte_tables()
    alnum, joint = alnum_t[b], joint_t[b]
    inner = np.zeros(len(b), bool)
    inner[1:-1] = joint[1:-1] & alnum[:-2] & alnum[2:]
    word = alnum | inner
    edge = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    return b, np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)


def _word_keys(b, starts, ends):
    """Each word's first 16 bytes as two little-endian uint64, zero-padded: no word holds a zero byte, so
    the pair stands for the word itself when it has at most 16 bytes."""
    import numpy as np

    padded = np.zeros(len(b) + 16, np.uint8)
    padded[:len(b)] = b
    at = np.ndarray((len(b) + 8,), "<u8", padded, 0, (1,))      # the 8 bytes from each position on
    masks = np.array([(1 << 8 * k) - 1 for k in range(9)], np.uint64)
    n = ends - starts
    return at[starts] & masks[np.minimum(n, 8)], at[starts + 8] & masks[np.clip(n - 8, 0, 8)]


@lru_cache(maxsize=1)
def _byte_tables():
    import numpy as np

    alnum, joint = np.zeros(256, bool), np.zeros(256, bool)
    alnum[[ord(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"]] = True
    joint[[ord(c) for c in ".'\x01"]] = True
    return alnum, joint


def _matches(pats: _Patterns, stream: str):
    """(pattern, start, end) arrays of the automaton's matches (the end from the key's length)."""
    P, S = _columns(pats.auto.find_matches_as_indexes(stream))
    multi, lengths = pats.multi_array
    return multi[P], S, S + lengths[P]


def _columns(found: list):
    import numpy as np

    n = len(found)
    return (np.fromiter(map(itemgetter(0), found), np.int64, n),
            np.fromiter(map(itemgetter(1), found), np.int64, n))


def _engine(pats: _Patterns, stream: str, sep: str, seg_of, seg_end, decide, single):
    """``_resolve`` for all texts at once: (start, end, choice) of every accepted match, in order.

    ``stream`` holds the texts' units, ``sep`` (a unit no pattern holds) between texts; ``seg_of`` gives
    each unit's text, ``seg_end`` where each text's units end; ``decide(P, S, E)`` gives each match's
    choice, 0 when it is refused; ``single`` each unit's one-unit pattern (-1: none). The automaton (the
    longer patterns) runs over the whole stream; where a match is refused, that text is searched again from
    the fallback on, all such texts in one pass (a text with many refused matches goes to ``_resolve``).
    Then every unit that no accepted match covers is looked up as a one-unit pattern.
    """
    import numpy as np

    def accept(p: int, s: int, e: int) -> bool:
        return decide(np.array([p]), np.array([s]), np.array([e]))[0] != 0

    done = []
    P, S, E = _matches(pats, stream)
    passes = 0
    while len(P):
        passes += 1
        C = decide(P, S, E)
        refused = C == 0
        if not refused.any():
            done.append((P, S, E, C))
            break
        keep = ~refused
        again = np.flatnonzero(refused)
        texts, first, count = np.unique(seg_of[S[again]], return_index=True, return_counts=True)
        first = again[first]                               # each such text's first refused match
        # drop that match and every later one in its text (matches are in order: a range of them)
        last = np.searchsorted(S, seg_end[texts])
        cut = np.zeros(len(P) + 1, np.int64)
        np.add.at(cut, first, 1)
        np.add.at(cut, last, -1)
        keep &= np.cumsum(cut[:-1]) == 0
        done.append((P[keep], S[keep], E[keep], C[keep]))
        # a text with many refused matches (hostile text) is resolved in Python from the first of them on
        many = (count > 8) | (passes > 16)
        if many.any():
            found = [m for t, f in zip(texts[many].tolist(), S[first[many]].tolist())
                     for m in _resolve(pats, stream, f, int(seg_end[t]), accept, singles=False)]
            if found:
                fp, fs, fe = np.array(found, np.int64).reshape(-1, 3).T
                done.append((fp, fs, fe, decide(fp, fs, fe)))
            texts, first = texts[~many], first[~many]
        # the longest acceptable shorter match at the same start (a pattern that is a prefix), else one unit on
        owner, fp, fs, fe = [], [], [], []
        for i, p, s in zip(range(len(first)), P[first].tolist(), S[first].tolist()):
            for q in pats.prefixes(p):
                owner.append(i)
                fp.append(q)
                fs.append(s)
                fe.append(s + len(pats.keys[q]))
        restart = S[first] + 1
        if owner:
            fp, fs, fe, owner = (np.array(x, np.int64) for x in (fp, fs, fe, owner))
            fc = decide(fp, fs, fe)
            ok = np.flatnonzero(fc != 0)
            if len(ok):
                # prefixes are listed longest first: the first acceptable one per owner
                owners, at = np.unique(owner[ok], return_index=True)
                at = ok[at]
                done.append((fp[at], fs[at], fe[at], fc[at]))
                restart[owners] = fe[at]
        stop = seg_end[texts]
        live = restart < stop
        if not live.any():
            break
        restart, stop = restart[live], stop[live]
        pieces = [stream[a:b] for a, b in zip(restart.tolist(), stop.tolist())]
        lengths = np.fromiter(map(len, pieces), np.int64, len(pieces)) + 1
        base = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        P, S2, E2 = _matches(pats, sep.join(pieces))
        k = np.searchsorted(base, S2, "right") - 1
        S = restart[k] + (S2 - base[k])
        E = S + (E2 - S2)
    # one-unit patterns, where no accepted match covers the unit
    edges = np.zeros(len(stream) + 1, np.int8)
    for _, s, e, _ in done:
        edges[s] += 1
        edges[e] -= 1
    S = np.flatnonzero((single >= 0) & (np.cumsum(edges[:-1], dtype=np.int8) == 0))
    P = single[S]
    done.append((P, S, S + 1, decide(P, S, S + 1)))
    # the accepted matches by their first unit (no two share one): in order without a sort
    choice, end = np.zeros(len(stream), np.int32), np.zeros(len(stream), np.int64)
    for _, s, e, c in done:
        choice[s] = c
        end[s] = e
    S = np.flatnonzero(choice)
    return S, end[S], choice[S]


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
