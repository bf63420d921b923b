"""The batch engine: the plain engine's result for many texts in one pass, with numpy columns.

The automaton runs once over all the texts (joined with a separator unit no key holds), every match is
accepted or refused by one vectorised call, and only matches that need a decision cost Python work.
``tests/test_matcher_engines.py`` proves it agrees with the plain engine (``_plain``).
"""
from __future__ import annotations

from ._patterns import Patterns
from ._plain import resolve


def join(texts: list[str], sep: str):
    """The texts joined with ``sep``, and where each starts in the joined string (an array)."""
    import numpy as np

    lengths = np.fromiter(map(len, texts), np.int64, len(texts)) + len(sep)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return sep.join(texts), offsets


def unit_texts(seg_end):
    """Each unit's text, from where each text's units end."""
    import numpy as np

    return np.repeat(np.arange(len(seg_end), dtype=np.int32), np.diff(seg_end, prepend=0))


def resolve_all(pats: Patterns, stream: str, sep: str, seg_of, seg_end, decide, single):
    """The batch engine: ``_plain.resolve`` for all texts at once: (start, end, choice) of every accepted match, in order.

    ``stream`` holds the texts' units, ``sep`` (a unit no pattern holds) between texts; ``seg_of`` gives
    each unit's text, ``seg_end`` where each text's units end; ``decide(P, S, E)`` gives each match's
    choice, 0 when it is refused; ``single`` each unit's one-unit pattern (-1: none). The automaton (the
    longer patterns) runs over the whole stream; where a match is refused, that text is searched again from
    the fallback on, all such texts in one pass (a text with many refused matches goes to ``_plain.resolve``).
    Then every unit that no accepted match covers is looked up as a one-unit pattern.
    """
    import numpy as np

    def accept(p: int, s: int, e: int) -> bool:
        return decide(np.array([p]), np.array([s]), np.array([e]))[0] != 0

    done = []
    P, S, E = pats.search_arrays(stream)
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
                     for m in resolve(pats, stream, f, int(seg_end[t]), accept, singles=False)]
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
        P, S2, E2 = pats.search_arrays(sep.join(pieces))
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
