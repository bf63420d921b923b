"""The batch engine: the plain engine's result for many texts in one pass, with numpy columns.

The automaton runs once over all the texts (joined with a separator unit no key holds), every match is
accepted or refused by one vectorised call, and only matches that need a decision cost Python work.
``tests/test_matcher_engines.py`` proves it agrees with the plain engine (``_plain``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ._patterns import Patterns
from ._plain import resolve

if TYPE_CHECKING:
    import numpy as np

    #: ``decide(P, S, E)``: each match's choice (0: refused), for arrays of patterns, starts and ends
    Decide = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
    #: (P, S, E, C): a group of accepted matches, as columns
    Group = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def join(texts: list[str], sep: str) -> tuple[str, np.ndarray]:
    """The texts joined with ``sep``, and where each starts in the joined string (an array)."""
    import numpy as np

    lengths = np.fromiter(map(len, texts), np.int64, len(texts)) + len(sep)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return sep.join(texts), offsets


def unit_texts(seg_end: np.ndarray) -> np.ndarray:
    """Each unit's text, from where each text's units end."""
    import numpy as np

    return np.repeat(np.arange(len(seg_end), dtype=np.int32), np.diff(seg_end, prepend=0))


def resolve_all(pats: Patterns, stream: str, sep: str, seg_of: np.ndarray, seg_end: np.ndarray, decide: Decide,
                single: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_plain.resolve`` for all texts at once: (start, end, choice) of every accepted match, in order.

    ``stream`` holds the texts' units, ``sep`` (a unit no pattern holds) between texts; ``seg_of`` gives
    each unit's text, ``seg_end`` where each text's units end; ``decide(P, S, E)`` gives each match's
    choice (0: refused) for arrays of patterns, starts and ends; ``single`` each unit's one-unit pattern
    (-1: none). First the longer patterns (``_longer``), then every unit that no accepted match covers is
    looked up as a one-unit pattern (``_singles``).
    """
    done = _longer(pats, stream, sep, seg_of, seg_end, decide)
    done.append(_singles(len(stream), done, single, decide))
    return _in_order(len(stream), done)


def _longer(pats: Patterns, stream: str, sep: str, seg_of: np.ndarray, seg_end: np.ndarray,
            decide: Decide) -> list[Group]:
    """The accepted matches of more than one unit, as groups of columns (P, S, E, C), in rounds.

    A round decides every match. In a text where one is refused, the matches before it are kept, and the
    text is searched again from the fallback on (the longest acceptable prefix pattern at the refused
    match's start, else one unit after it): all such texts in one search, the next round. A text with
    many refused matches in one round, or still refusing after 16 rounds (hostile text), goes to
    ``_plain.resolve`` from its first refused match on.
    """
    import numpy as np

    def accept(p: int, s: int, e: int) -> bool:
        return bool(decide(np.array([p]), np.array([s]), np.array([e]))[0] != 0)

    done = []
    P, S, E = pats.search_arrays(stream)
    rounds = 0
    while len(P):
        rounds += 1
        C = decide(P, S, E)
        refused = np.flatnonzero(C == 0)
        if not len(refused):
            done.append((P, S, E, C))
            break
        texts, first, count = np.unique(seg_of[S[refused]], return_index=True, return_counts=True)
        first = refused[first]                             # each such text's first refused match
        # keep the matches before it; drop it and every later one in its text (a range: matches are in order)
        cut = np.zeros(len(P) + 1, np.int64)
        np.add.at(cut, first, 1)
        np.add.at(cut, np.searchsorted(S, seg_end[texts]), -1)
        keep = (C != 0) & (np.cumsum(cut[:-1]) == 0)
        done.append((P[keep], S[keep], E[keep], C[keep]))
        many = (count > 8) | (rounds > 16)
        if many.any():
            found = [m for t, f in zip(texts[many].tolist(), S[first[many]].tolist(), strict=True)
                     for m in resolve(pats, stream, f, int(seg_end[t]), accept, singles=False)]
            if found:
                fp, fs, fe = np.array(found, np.int64).reshape(-1, 3).T
                done.append((fp, fs, fe, decide(fp, fs, fe)))
            texts, first = texts[~many], first[~many]
        restart = _fallback(pats, P[first], S[first], decide, done)
        stop = seg_end[texts]
        live = restart < stop
        P, S, E = _search_from(pats, stream, sep, restart[live], stop[live])
    return done


def _fallback(pats: Patterns, P: np.ndarray, S: np.ndarray, decide: Decide, done: list[Group]) -> np.ndarray:
    """For refused matches (P, S): the longest acceptable pattern that is a prefix of each, added to
    ``done``; returns where each text's scan goes on (after that prefix match, else one unit on)."""
    import numpy as np

    owner, fp, fs, fe = [], [], [], []
    for i, p, s in zip(range(len(P)), P.tolist(), S.tolist(), strict=True):
        for q in pats.prefixes(p):
            owner.append(i)
            fp.append(q)
            fs.append(s)
            fe.append(s + len(pats.keys[q]))
    restart = S + 1
    if owner:
        QP, QS, QE, of = (np.array(x, np.int64) for x in (fp, fs, fe, owner))
        QC = decide(QP, QS, QE)
        ok = np.flatnonzero(QC != 0)
        if len(ok):
            # prefixes are listed longest first: the first acceptable one per owner
            owners, at = np.unique(of[ok], return_index=True)
            at = ok[at]
            done.append((QP[at], QS[at], QE[at], QC[at]))
            restart[owners] = QE[at]
    return restart


def _search_from(pats: Patterns, stream: str, sep: str, restart: np.ndarray,
                 stop: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The automaton's matches (P, S, E) in each ``stream[restart[i]:stop[i]]``, in one search, as places
    in ``stream``."""
    import numpy as np

    pieces = [stream[a:b] for a, b in zip(restart.tolist(), stop.tolist(), strict=True)]
    lengths = np.fromiter(map(len, pieces), np.int64, len(pieces)) + 1
    base = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    P, S2, E2 = pats.search_arrays(sep.join(pieces))
    k = np.searchsorted(base, S2, "right") - 1
    S = restart[k] + (S2 - base[k])
    return P, S, S + (E2 - S2)


def _singles(n: int, done: list[Group], single: np.ndarray, decide: Decide) -> Group:
    """The one-unit matches (P, S, E, C) where no accepted longer match covers the unit."""
    import numpy as np

    edges = np.zeros(n + 1, np.int8)
    for _, s, e, _ in done:
        edges[s] += 1
        edges[e] -= 1
    S = np.flatnonzero((single >= 0) & (np.cumsum(edges[:-1], dtype=np.int8) == 0))
    P = single[S]
    return P, S, S + 1, decide(P, S, S + 1)


def _in_order(n: int, done: list[Group]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, end, choice) of the accepted matches, in order: by their first unit (no two share one),
    without a sort."""
    import numpy as np

    choice, end = np.zeros(n, np.int32), np.zeros(n, np.int64)
    for _, s, e, c in done:
        choice[s] = c
        end[s] = e
    S = np.flatnonzero(choice)
    return S, end[S], choice[S]
