"""Find glossary terms in text: leftmost-longest, inflection-aware in English,
normalisation-aware in Japanese, with every hit mapped to the original characters.

Both languages run one Aho-Corasick automaton (``ahocorasick_rs``, leftmost-longest
in Rust) over a key stream:

* English: one character per word, standing for the word's stem (Snowball, of the
  lower-cased word without a possessive); words whose stem is in no term all become
  one character that no pattern contains, so patterns start and end on words.
* Japanese: the normalised copy (``normalize_ja``).

A match is then accepted or refused (a stem match that is a derived word, an
acronym in another case, a katakana or Latin word cut in two, a listed
exception). The result is the leftmost-longest sequence of *accepted* matches:
when the longest match at a position is refused, the longest acceptable one at
the same start is taken (a pattern that is a prefix of it), else the scan
resumes one unit later (``_resolve``).

``find`` works on one text in plain Python; ``find_all`` works on many texts at
once: the automaton runs once over all of them, and numpy arrays carry the hits,
so that only hits that need a decision cost Python work. Both give the same hits
(a property test compares them with a brute-force reference).
"""
from __future__ import annotations

from functools import cached_property
from itertools import chain, repeat
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
    def auto(self):
        return _automaton(self.keys)

    def prefixes(self, p: int) -> list[int]:
        """Patterns that are proper prefixes of pattern ``p``, longest first."""
        found = self._prefixes.get(p)
        if found is None:
            key, index = self.keys[p], self.index
            found = self._prefixes[p] = [index[key[:n]] for n in range(len(key) - 1, 0, -1) if key[:n] in index]
        return found


def _resolve(pats: _Patterns, stream: str, lo: int, hi: int, accept) -> list[tuple[int, int, int]]:
    """Leftmost-longest accepted matches (pattern, start, end) in ``stream[lo:hi]``."""
    out: list[tuple[int, int, int]] = []
    auto, keys = pats.auto, pats.keys
    pos = lo
    while pos < hi:
        restart = -1
        for p, s, e in auto.find_matches_as_indexes(stream[pos:hi] if pos or hi < len(stream) else stream):
            s += pos
            e += pos
            if accept(p, s, e):
                out.append((p, s, e))
                continue
            for q in pats.prefixes(p):
                e2 = s + len(keys[q])
                if accept(q, s, e2):
                    out.append((q, s, e2))
                    restart = e2
                    break
            else:
                if s + 1 == e:       # the automaton went on from here anyway
                    continue
                restart = s + 1
            break
        if restart < 0:
            break
        pos = restart
    return out


# one key character per English stem: code points from U+0100 up, skipping the surrogates
def _code(i: int) -> str:
    c = 0x100 + i
    return chr(c if c < 0xD800 else c + 0x800)


_OTHER = " "        # the key of every word whose stem is in no term


class HitTable:
    """The hits of ``find_all``: one row per hit, as numpy arrays (``seg`` is the text's index)."""

    def __init__(self, texts: list[str], seg, start, end, term, variant) -> None:
        self.texts, self.seg, self.start, self.end, self.term, self.variant = texts, seg, start, end, term, variant

    def __len__(self) -> int:
        return len(self.seg)

    def lists(self) -> list[list[TermHit]]:
        """Each text's hits as ``TermHit``s, in order."""
        import numpy as np

        texts = self.texts
        starts, ends = self.start.tolist(), self.end.tolist()
        seg = self.seg.tolist()
        surfaces = list(map(str.__getitem__, map(texts.__getitem__, seg), map(slice, starts, ends)))
        rows = list(map(tuple.__new__, repeat(TermHit),
                        zip(starts, ends, self.term.tolist(), surfaces, self.variant.tolist())))
        bounds = np.searchsorted(self.seg, np.arange(len(texts) + 1)).tolist()
        return [rows[a:b] for a, b in zip(bounds, bounds[1:])]


class TermIndex:
    """Automata over one glossary, built once and reused for every segment."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._en_words: dict[str, int] = {}          # a word as written -> its row in the tables below
        self._en_code: list[str] = []                # row -> the word's key character
        self._en_single: list[int] = []              # row -> choice when the word alone is a pattern's match
        self._en_multi: dict[tuple, int] = {}        # (rows of the words) -> choice
        self._choices: list[tuple[Term | None, bool]] = [(None, False)]   # choice 0: refused
        self._choice_ids: dict[tuple[int, bool], int] = {}
        self._arrays: dict[str, object] = {}

    # ----- building -----

    @cached_property
    def _en(self) -> _Patterns | None:
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
        # texts are joined with a word whose stem is in no term: no match runs from one text into the next
        sep = "0zq0"
        while english.keys([sep])[0] in stems:
            sep += "q"
        pats.sep = sep
        pats.wants = [tuple(tuple(w for _, _, w in english.tokens(t.text)) for t in terms) for terms in pats.terms]
        return pats

    @cached_property
    def _ja(self) -> _Patterns | None:
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
            if len(rows) > 2_000_000:
                self._forget_words()
            pats = self._en
            stems = pats.stems if pats else {}
            single = pats.index if pats else {}
            for w, k in zip(missing, english.keys(missing)):
                code = stems.get(k, _OTHER)
                rows[w] = len(self._en_code)
                self._en_code.append(code)
                p = single.get(code) if code != _OTHER else None
                self._en_single.append(0 if p is None else self._choice(*_pick_en(pats.terms[p], [w], pats.wants[p])))
            self._arrays.clear()
        return [rows[w] for w in words]

    def _forget_words(self) -> None:
        self._en_words.clear()
        self._en_code.clear()
        self._en_single.clear()
        self._en_multi.clear()
        self._arrays.clear()

    def _en_decide(self, pats: _Patterns, p: int, rows: list[int], words: list[str]) -> int:
        if len(rows) == 1:
            return self._en_single[rows[0]]
        key = tuple(rows)
        c = self._en_multi.get(key)
        if c is None:
            c = self._en_multi[key] = self._choice(*_pick_en(pats.terms[p], words, pats.wants[p]))
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
        joined, offsets = _join(texts, f"\n{pats.sep if pats else ''}\n")
        words = english.WORD.findall(joined)
        if pats is None or not words:
            return _empty(texts)
        starts, ends = _word_spans(joined)
        if len(starts) != len(words):           # cannot happen; be safe rather than fast
            spans = [m.span() for m in english.WORD.finditer(joined)]
            starts = np.array([s for s, _ in spans], np.int64)
            ends = np.array([e for _, e in spans], np.int64)
        try:
            rows = np.fromiter(map(self._en_words.__getitem__, words), np.int64, len(words))
        except KeyError:
            rows = np.array(self._en_rows(words), np.int64)
        arrays = self._en_tables()
        stream = arrays["code"][rows].tobytes().decode("utf-32-le")
        found = pats.auto.find_matches_as_indexes(stream)
        if not found:
            return _empty(texts)
        m = np.fromiter(chain.from_iterable(found), np.int64, 3 * len(found)).reshape(-1, 3)
        del found
        P, A, B = m[:, 0], m[:, 1], m[:, 2]
        choice = np.zeros(len(P), np.int64)
        one = B - A == 1
        choice[one] = arrays["single"][rows[A[one]]]
        many = np.flatnonzero(~one)
        if len(many):
            rows_l = rows.tolist()
            decide = self._en_decide
            choice[many] = [decide(pats, p, rows_l[a:b], words[a:b])
                            for p, a, b in zip(P[many].tolist(), A[many].tolist(), B[many].tolist())]
        refused = choice == 0
        if refused.any():
            # a refused one-word match has no shorter match inside it: drop it; a longer one is resolved again
            redo = refused & ~one
            keep = ~refused
            if redo.any():
                seg_of_word = np.searchsorted(offsets, starts, "right") - 1
                first_word = np.searchsorted(starts, offsets)           # each text's first word
                P, A, B, choice = _redo(P, A, B, choice, keep, redo, seg_of_word, first_word,
                                        lambda lo, hi: self._en_resolve(pats, stream, rows, words, lo, hi))
            else:
                P, A, B, choice = P[keep], A[keep], B[keep], choice[keep]
        s, e = starts[A], ends[B - 1]
        return self._table(texts, offsets, s, e, choice)

    def _en_resolve(self, pats, stream, rows, words, lo, hi):
        rows_l = rows[lo:hi].tolist()
        sub_words = words[lo:hi]
        sub = stream[lo:hi]
        out = []

        def accept(p: int, a: int, b: int) -> bool:
            c = self._en_decide(pats, p, rows_l[a:b], sub_words[a:b])
            if c:
                out.append(c)
            return c != 0

        found = _resolve(pats, sub, 0, len(sub), accept)
        return [(p, a + lo, b + lo, c) for (p, a, b), c in zip(found, out)]

    def _en_tables(self) -> dict:
        import numpy as np

        arrays = self._arrays
        if "code" not in arrays:
            arrays["code"] = np.array([ord(c) for c in self._en_code], np.uint32)
            arrays["single"] = np.array(self._en_single, np.int64)
        return arrays

    # ----- Japanese -----

    def _ja_accept(self, pats: _Patterns, text: str, copy: str, origin, ends, p: int, start: int, end: int):
        """(term, variant) for a match of ``copy[start:end]``, or None when it is refused."""
        n = len(copy)
        if (start > 0 and copy[start - 1] in _JOINERS) or (end < n and copy[end] in _JOINERS):
            if _splits_word(copy, start, end):
                return None
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
        chosen: dict[tuple[int, int], tuple[Term, bool]] = {}

        def accept(p: int, start: int, end: int) -> bool:
            c = self._ja_accept(pats, text, copy, origin, ends, p, start, end)
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
        copy, origin, ends = normalize_ja_arrays(joined)
        found = pats.auto.find_matches_as_indexes(copy)
        if not found:
            return _empty(texts)
        m = np.fromiter(chain.from_iterable(found), np.int64, 3 * len(found)).reshape(-1, 3)
        del found
        P, S, E = m[:, 0], m[:, 1], m[:, 2]
        arrays = self._ja_tables(pats)
        chars = np.frombuffer(copy.encode("utf-32-le"), np.uint32)
        joiner = arrays["joiner"][np.minimum(chars, 0xFFFF)]
        n = len(copy)
        check = arrays["exceptions"][P]
        check[S > 0] |= joiner[S[S > 0] - 1]
        check[E < n] |= joiner[E[E < n]]
        # where the copy is the original character for character, the surface is the key itself
        orig = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
        bad = (ends != origin + 1) | (chars != orig[origin])
        cum = np.concatenate(([0], np.cumsum(bad)))
        same = (cum[E] == cum[S]) & (ends[E - 1] - origin[S] == E - S)
        choice = arrays["same"][P]
        slow = np.flatnonzero(check | ~same)
        if len(slow):
            origin_l, ends_l = origin, ends
            decide = self._ja_accept
            choose = self._choice
            choice[slow] = [0 if c is None else choose(*c) for c in
                            (decide(pats, joined, copy, origin_l, ends_l, p, s, e)
                             for p, s, e in zip(P[slow].tolist(), S[slow].tolist(), E[slow].tolist()))]
        refused = choice == 0
        if refused.any():
            keep = ~refused
            seg_of_char = np.searchsorted(offsets, origin, "right") - 1
            first_char = np.searchsorted(origin, offsets)
            P, S, E, choice = _redo(P, S, E, choice, keep, refused, seg_of_char, first_char,
                                    lambda lo, hi: self._ja_resolve(pats, joined, copy, origin, ends, lo, hi))
        return self._table(texts, offsets, origin[S], ends[E - 1], choice)

    def _ja_resolve(self, pats, joined, copy, origin, ends, lo, hi):
        out = []

        def accept(p: int, start: int, end: int) -> bool:
            c = self._ja_accept(pats, joined, copy, origin, ends, p, start, end)
            if c is not None:
                out.append(self._choice(*c))
            return c is not None

        found = _resolve(pats, copy, lo, hi, accept)
        return [(p, s, e, c) for (p, s, e), c in zip(found, out)]

    def _ja_tables(self, pats: _Patterns) -> dict:
        import numpy as np

        arrays = self._arrays
        if "joiner" not in arrays:
            joiner = np.zeros(0x10000, bool)
            joiner[[ord(c) for c in _JOINERS]] = True
            arrays["joiner"] = joiner
            arrays["exceptions"] = np.array(pats.has_exceptions, bool)
            same = []
            for key, terms in zip(pats.keys, pats.terms):
                term = next((t for t in terms if t.text == key), None)
                same.append(self._choice(term or terms[0], term is None))
            arrays["same"] = np.array(same, np.int64)
        return arrays

    # ----- both -----

    def _table(self, texts, offsets, s, e, choice) -> HitTable:
        import numpy as np

        seg = np.searchsorted(offsets, s, "right") - 1
        base = offsets[seg]
        choices = self._choices
        if "terms" not in self._arrays or len(self._arrays["terms"]) != len(choices):
            terms = np.empty(len(choices), object)
            terms[:] = [t for t, _ in choices]
            self._arrays["terms"] = terms
            self._arrays["variants"] = np.array([v for _, v in choices], bool)
        return HitTable(texts, seg, s - base, e - base, self._arrays["terms"][choice],
                        self._arrays["variants"][choice])

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
    return HitTable(texts, z, z, z, np.empty(0, object), np.zeros(0, bool))


def _word_spans(text: str):
    """Where ``english.WORD`` matches, from a character mask (as ``WORD.finditer`` would find them)."""
    import numpy as np

    c = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    alnum = ((c >= 48) & (c <= 57)) | ((c >= 65) & (c <= 90)) | ((c >= 97) & (c <= 122))
    joint = (c == 46) | (c == 39) | (c == 0x2019)
    inner = np.zeros(len(c), bool)
    inner[1:-1] = joint[1:-1] & alnum[:-2] & alnum[2:]
    word = alnum | inner
    edge = np.diff(np.concatenate(([0], word.view(np.int8), [0])))
    return np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)


def _redo(P, S, E, choice, keep, redo, seg_of_unit, first_unit, resolve):
    """Resolve again, from each text's first refused match on, the texts that had one."""
    import numpy as np

    seg = seg_of_unit[S]
    bad_segs, first = np.unique(seg[redo], return_index=True)
    from_unit = S[redo][first]
    # drop every match at or after the first refused one in those texts
    cut = np.zeros(len(P), bool)
    pos = np.searchsorted(bad_segs, seg)
    inside = pos < len(bad_segs)
    hit = np.zeros(len(P), bool)
    hit[inside] = bad_segs[pos[inside]] == seg[inside]
    cut[hit] = S[hit] >= from_unit[pos[hit]]
    keep = keep & ~cut
    extra: list[tuple[int, int, int, int]] = []
    ends_of = np.append(first_unit[1:], len(seg_of_unit))
    for k, lo in zip(bad_segs.tolist(), from_unit.tolist()):
        hi = int(ends_of[k])
        extra.extend(resolve(lo, hi))
    P, S, E, choice = P[keep], S[keep], E[keep], choice[keep]
    if extra:
        x = np.array(extra, np.int64).reshape(-1, 4)
        P = np.concatenate((P, x[:, 0]))
        S = np.concatenate((S, x[:, 1]))
        E = np.concatenate((E, x[:, 2]))
        choice = np.concatenate((choice, x[:, 3]))
        order = np.argsort(S, kind="stable")
        P, S, E, choice = P[order], S[order], E[order], choice[order]
    return P, S, E, choice


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
