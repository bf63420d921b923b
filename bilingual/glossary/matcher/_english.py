"""English: terms matched word by word, by stem, with inflection and case rules.

The units are words (``english.WORD``). Each word stands for its key, the Snowball stem of the
lower-cased word without a possessive (``english.keys``), written as one character; a word whose stem is
in no term is the character ``OTHER``, which no key holds, so that matches start and end on words.

A match of the stems is then accepted or refused by one rule, ``Rule.choose``: every word must be the
term's word or differ from it only by an inflectional ending (``english.same_word``: *systems* is
*system*, *commercially* is not *commercialization*); acronyms and one-word terms in capitals match only
in their own case (*NIFS*, *US*, not *us*); a proper name in another case is a variant.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import filterfalse
from typing import TYPE_CHECKING, Any

from ...text import english
from ..model import Glossary, Term
from . import _batch, _plain
from ._hits import Choices, Found, TermHit
from ._patterns import Engine, Patterns

if TYPE_CHECKING:
    import numpy as np

OTHER = " "        # the key of every word whose stem is in no term


def _code(i: int) -> str:
    """The key character of the i-th stem: code points from U+0100 up, skipping the surrogates."""
    c = 0x100 + i
    return chr(c if c < 0xD800 else c + 0x800)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for _, _, w in english.tokens(text))


class _Group:
    """The non-acronym terms of one key whose words, lower-cased, are ``lower``."""

    def __init__(self, lower: tuple[str, ...], first: tuple[int, Term]) -> None:
        self.lower = lower
        self.first = first                       # the first of them, with its place among the key's terms
        self.first_common: tuple[int, Term] | None = None      # the first that is not a proper name
        self.proper: dict[tuple[str, ...], tuple[int, Term]] = {}   # a proper name's words -> the first


class Rule:
    """Which term of a key a sequence of words is, if any: the matching rule, in one place.

    Built once per key (on first use) from its terms in glossary order.
    """

    def __init__(self, terms: list[Term], wants: list[tuple[str, ...]]) -> None:
        self.acronyms: dict[tuple[str, ...], Term] = {}     # matched only in their own case
        self.acronyms_upper: dict[str, Term] = {}            # a one-word acronym by its capitals: DoE for DOE
        self.groups: dict[tuple[str, ...], _Group] = {}
        for n, (term, want) in enumerate(zip(terms, wants, strict=True)):
            if term.type == "acronym" or (len(want) == 1 and len(want[0]) > 1 and want[0].isupper()):
                # acronyms, and any one-word term in capitals (US), match only in their own case: not 'us'
                self.acronyms.setdefault(want, term)
                if len(want) == 1:
                    self.acronyms_upper.setdefault(want[0].upper(), term)
                continue
            lower = tuple(w.lower() for w in want)
            group = self.groups.get(lower)
            if group is None:
                group = self.groups[lower] = _Group(lower, (n, term))
            if term.proper:
                group.proper.setdefault(want, (n, term))
            elif group.first_common is None:
                group.first_common = (n, term)

    def choose(self, words: list[str], same_word: Callable[[str, str], bool]) -> tuple[Term | None, bool]:
        """(term, variant) for ``words`` (as written), or (None, False) if they are none of the terms.

        The first acronym written exactly as the words wins; else the first term whose words each are
        the written word or an inflection of it (``same_word``), preferring one that the case does not
        make a variant of (a proper name written in another case is a variant; other terms match in
        any case); else a one-word acronym written with a lower-case *o* (DoE for DOE: a variant;
        never *doe*, *Doe*, *us* or *CaO*).
        """
        written = tuple(map(english.without_possessive, words))
        exact = self.acronyms.get(written)
        if exact is not None:
            return exact, False
        lower = tuple(w.lower() for w in written)
        first: tuple[int, Term] | None = None          # the first term whose words match
        plain: tuple[int, Term] | None = None          # the first that is not a case variant
        for group in self.groups.values():
            if len(group.lower) != len(lower) or not all(map(same_word, lower, group.lower)):
                continue
            if first is None or group.first[0] < first[0]:
                first = group.first
            if lower != group.lower:        # no case variant: the words differ by more than case
                candidates = [group.first]
            else:
                candidates = [c for c in (group.first_common, group.proper.get(written)) if c is not None]
            for c in candidates:
                if plain is None or c[0] < plain[0]:
                    plain = c
        if plain is not None:
            return plain[1], False
        if len(written) == 1 and english.acronym_with_o(written[0]):
            acronym = self.acronyms_upper.get(written[0].upper())
            if acronym is not None:
                return acronym, True
        if first is not None:
            return first[1], True
        return None, False


def pick(terms: list[Term], words: list[str]) -> tuple[Term | None, bool]:
    """``Rule.choose`` for one list of terms (the rule on its own, as the tests' reference uses it)."""
    return Rule(terms, [_words(t.text) for t in terms]).choose(words, english.same_word)


class EnglishPatterns(Patterns):
    """The English keys, the stem of each key character, and each key's ``Rule`` (made on first use)."""

    def __init__(self, glossary: Glossary) -> None:
        stems: dict[str, str] = {}
        table: dict[str, list[Term]] = {}
        wants: dict[str, list[tuple[str, ...]]] = {}
        marks: dict[str, list[frozenset[str]]] = {}
        for term in glossary.terms("en"):
            toks = english.tokens(term.text)
            words = tuple(w for _, _, w in toks)
            if words:
                key = "".join(stems.setdefault(k, _code(len(stems))) for k in english.keys(list(words)))
                table.setdefault(key, []).append(term)
                wants.setdefault(key, []).append(words)
                if not english.BREAKS.isdisjoint(term.text):
                    own = [english.breaks(g) for g in english.gaps(term.text, toks)]
                    marks[key] = [a | b for a, b in zip(marks[key], own, strict=True)] if key in marks else own
        super().__init__(table)
        self.stems = stems
        self.wants = list(wants.values())          # each key's terms' words, as written
        # the marks (english.BREAKS) a key's terms have between their words, by gap; None: none anywhere
        self.marks: list[tuple[frozenset[str], ...] | None] = [
            tuple(marks[k]) if any(marks.get(k, ())) else None for k in table]
        self._rules: dict[int, Rule] = {}
        self._same: dict[tuple[str, str], bool] = {}
        # texts are joined with a word whose stem is in no term: no match runs from one text into the next
        sep = "0zq0"
        while english.keys([sep])[0] in stems:
            sep += "q"
        self.sep = sep

    def _same_word(self, written: str, want: str) -> bool:
        key = (written, want)
        same = self._same.get(key)
        if same is None:
            same = self._same[key] = english.same_word(written, want)
        return same

    def crosses(self, p: int, gaps: list[str]) -> bool:
        """True if a match of pattern ``p`` whose words have ``gaps`` between them runs across a break
        (``english.BREAKS``) that none of the key's terms has at that place: 'fusion, energy' is no
        'fusion energy', nor '"Broader Approach" agreement' the 'Broader Approach Agreement'."""
        own = self.marks[p]
        return any(english.breaks(g) - (own[i] if own else frozenset()) for i, g in enumerate(gaps))

    def rule(self, p: int) -> Rule:
        rule = self._rules.get(p)
        if rule is None:
            rule = self._rules[p] = Rule(self.terms[p], self.wants[p])
        return rule

    def choose(self, p: int, words: list[str]) -> tuple[Term | None, bool]:
        """``Rule.choose`` for pattern ``p``."""
        return self.rule(p).choose(words, self._same_word)


_ROWS = 1 << 21     # at most this many distinct words are remembered (three rows make one int64 key)


class English(Engine[EnglishPatterns]):
    """English matching over one glossary: both engines, and what they remember of the words met."""

    def __init__(self, glossary: Glossary) -> None:
        super().__init__(glossary, EnglishPatterns)
        self.choices = Choices()
        self._rows: dict[str, int] = {}                # a word as written -> its row in the lists below
        self._code: list[str] = []                     # row -> the word's key character
        self._single: list[int] = []                   # row -> choice when the word alone is a pattern's match
        self._multi: dict[int, dict[Any, int]] = {2: {}, 3: {}, 4: {}}   # words' rows -> choice (4: by tuple)
        self._arrays: dict[str, Any] = {}              # the lists above as numpy arrays (batch engine)

    def build(self) -> None:
        pats = self.patterns()
        if pats is not None:
            _ = pats.auto                       # the automaton, built now
            for p in range(len(pats.keys)):
                pats.rule(p)

    # ----- what is remembered of words -----

    def rows(self, words: list[str]) -> list[int]:
        """Each word's row, adding the words not met before."""
        self.learn(words)
        return list(map(self._rows.__getitem__, words))

    def learn(self, words: list[str]) -> None:
        """Give a row to each of ``words`` not met before."""
        rows = self._rows
        missing = list(dict.fromkeys(filterfalse(rows.__contains__, words)))
        if missing:
            if len(rows) + len(missing) > _ROWS:
                self._forget()
                missing = list(dict.fromkeys(words))
            pats = self.patterns()
            stems = pats.stems if pats else {}
            for w, k in zip(missing, english.keys(missing), strict=True):
                code = stems.get(k, OTHER)
                rows[w] = len(self._code)
                self._code.append(code)
                p = pats.index.get(code) if pats is not None and code != OTHER else None
                self._single.append(self.choices.id(*pats.choose(p, [w])) if pats is not None and p is not None else 0)
            self._arrays.clear()

    def _forget(self) -> None:
        self._rows.clear()
        self._code.clear()
        self._single.clear()
        for memo in self._multi.values():
            memo.clear()
        self._arrays.clear()

    def decide(self, p: int, rows: list[int], words: list[str]) -> int:
        """The choice for pattern ``p`` matched by ``words`` (whose rows are ``rows``), remembered."""
        n = len(rows)
        if n == 1:
            return self._single[rows[0]]
        key: Any
        if n <= 3:
            key = rows[0]
            for r in rows[1:]:
                key = key * _ROWS + r
            memo = self._multi[n]
        else:
            key, memo = tuple(rows), self._multi[4]
        c = memo.get(key)
        if c is None:
            assert self.pats is not None         # a word matched one of its patterns
            c = memo[key] = self.choices.id(*self.pats.choose(p, words))
        return c

    # ----- the plain engine: one text -----

    def find(self, text: str) -> list[TermHit]:
        pats = self.patterns()
        toks = english.tokens(text)
        if pats is None or not toks:
            return []
        words = [w for _, _, w in toks]
        rows = self.rows(words)
        code = self._code
        stream = "".join([code[r] for r in rows])
        decided: dict[tuple[int, int], int] = {}

        def accept(p: int, a: int, b: int) -> bool:
            if b - a > 1 and pats.crosses(p, english.gaps(text, toks[a:b])):
                return False
            c = decided[a, b] = self.decide(p, rows[a:b], words[a:b])
            return c != 0

        hits: list[TermHit] = []
        terms, variants = self.choices.terms, self.choices.variants
        for _, a, b in _plain.resolve(pats, stream, 0, len(stream), accept):
            s, e = toks[a][0], toks[b - 1][1]
            c = decided[a, b]
            term = terms[c]
            assert term is not None                 # accepted: a choice other than 0
            hits.append(TermHit(s, e, term, text[s:e], variants[c]))
        return hits

    # ----- the batch engine: many texts -----

    def find_all(self, texts: list[str]) -> Found:
        import numpy as np

        pats = self.patterns()
        if pats is None:
            return _empty(texts)
        joined, offsets = _batch.join(texts, f"\n{pats.sep}\n")
        starts, ends, words = _words_at(joined)
        self.learn(words)
        rows = np.fromiter(map(self._rows.__getitem__, words), np.int64, len(words))
        arrays = self._arrays
        if not arrays:
            arrays["code"] = np.array([ord(c) for c in self._code], np.uint32)
            arrays["single"] = np.array(self._single, np.int64)
            arrays["pattern"] = np.array([pats.index.get(c, -1) for c in self._code], np.int64)
        stream = arrays["code"][rows].tobytes().decode("utf-32-le")
        single = arrays["single"]

        # words across a break (english.BREAKS): before word i, broken[i] - broken[0] breaks between words
        broken = np.concatenate(([0], np.cumsum(_breaks_between(joined, starts, ends))))
        if "marks" not in arrays:
            arrays["marks"] = np.array([m is not None for m in pats.marks], bool)
        marked = arrays["marks"]

        def decide(P: np.ndarray, A: np.ndarray, B: np.ndarray) -> np.ndarray:
            """The choice of every match (pattern P, words [A, B)): 0 where it crosses a break
            (``EnglishPatterns.crosses``); else by row for one word; for two or three, by the rows of its
            words as one integer, each distinct one decided once; longer, one by one."""
            choice = by_rows(P, A, B)
            across = np.flatnonzero(broken[B - 1] != broken[A])
            if len(across):
                mine = marked[P[across]]
                choice[across[~mine]] = 0
                for i in across[mine].tolist():
                    a, b = int(A[i]), int(B[i])
                    if pats.crosses(int(P[i]), [joined[ends[j]:starts[j + 1]] for j in range(a, b - 1)]):
                        choice[i] = 0
            return choice

        def by_rows(P: np.ndarray, A: np.ndarray, B: np.ndarray) -> np.ndarray:
            choice: np.ndarray = single[rows[A]]
            for n in (2, 3):
                at = np.flatnonzero(B - A == n)
                if not len(at):
                    continue
                key = rows[A[at]]
                for k in range(1, n):
                    key = key * _ROWS + rows[A[at] + k]
                distinct, first, inverse = np.unique(key, return_index=True, return_inverse=True)
                # the key is the one ``decide`` remembers a sequence by: those met before are looked up at once
                got = list(map(self._multi[n].get, distinct.tolist()))
                for i in [i for i, c in enumerate(got) if c is None]:
                    a = int(A[at[first[i]]])
                    got[i] = self.decide(int(P[at[first[i]]]), rows[a:a + n].tolist(), words[a:a + n])
                choice[at] = np.array(got, np.int64)[inverse]
            for i in np.flatnonzero(B - A > 3).tolist():
                a, b = int(A[i]), int(B[i])
                choice[i] = self.decide(int(P[i]), rows[a:b].tolist(), words[a:b])
            return choice

        seg_end = np.append(np.searchsorted(starts, offsets[1:]), len(starts))
        seg = _batch.unit_texts(seg_end)
        A, B, choice = _batch.resolve_all(pats, stream, OTHER, seg, seg_end, decide, arrays["pattern"][rows])
        base = offsets[seg[A]]
        return Found(texts, seg[A], starts[A] - base, ends[B - 1] - base, choice, self.choices)


def _empty(texts: list[str]) -> Found:
    import numpy as np

    z = np.zeros(0, np.int64)
    return Found(texts, z, z, z, z, Choices())


def _breaks_between(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each two consecutive words (by their starts and ends in ``text``): is there a break
    (``english.BREAKS``) between them? A mark per character (``bytes.translate`` for ASCII text; else a
    lookup table of the Basic Multilingual Plane, which holds every break), counted up to each word."""
    import numpy as np

    if len(starts) < 2:
        return np.zeros(0, bool)
    ascii_marks, table = _break_tables()
    if text.isascii():
        hard: np.ndarray = np.frombuffer(text.encode("ascii").translate(ascii_marks), np.uint8)
    else:
        hard = table[np.minimum(np.frombuffer(text.encode("utf-32-le"), np.uint32), 0xFFFF)]
    count = np.cumsum(hard, dtype=np.int32)          # breaks up to and with each character
    between: np.ndarray = count[starts[1:] - 1] > count[ends[:-1] - 1]
    return between


@lru_cache(maxsize=1)
def _break_tables() -> tuple[bytes, np.ndarray]:
    """1 at every break (``english.BREAKS``): a ``bytes.translate`` table for ASCII, and a lookup table
    of the code points below U+FFFF."""
    import numpy as np

    table = np.zeros(0x10000, np.uint8)
    table[sorted(map(ord, english.BREAKS))] = 1
    return table[:256].tobytes(), table


def _words_at(text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The words ``english.WORD`` finds: their starts and ends (arrays) and the words, from a mask of word
    characters over the text's bytes (one a character: ’ becomes \\x01; any other character beyond
    Latin-1 a '?', in no word). The words are the masked bytes, every other character a space, split."""
    import numpy as np

    if "\x01" in text:
        text = text.replace("\x01", "\x02")
    b = np.frombuffer(text.replace("’", "\x01").encode("latin-1", "replace"), np.uint8)
    alnum = np.zeros(256, bool)
    alnum[list(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")] = True
    joint = np.zeros(256, bool)
    joint[list(b".'\x01")] = True
    is_alnum, is_joint = alnum[b], joint[b]
    inner = np.zeros(len(b), bool)
    inner[1:-1] = is_joint[1:-1] & is_alnum[:-2] & is_alnum[2:]      # . ’ ' between letters or digits
    word = is_alnum | inner
    edge = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    words = np.where(word, b, np.uint8(32)).tobytes().decode("latin-1")
    if "\x01" in words:
        words = words.replace("\x01", "’")
    bounds = np.flatnonzero(edge)          # +1 (a word starts) and -1 (it ends) alternate
    split = words.split()
    assert 2 * len(split) == len(bounds)   # no word character is a space to str.split
    return bounds[0::2], bounds[1::2], split
