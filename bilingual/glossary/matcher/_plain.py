"""The plain engine: leftmost-longest accepted matches in one stream of units, in plain Python.

It serves ``TermIndex.find`` (one text: no numpy to import, so a small file's check starts fast) and
the batch engine, for the texts in which it meets many refused matches. ``tests/test_matcher_engines.py``
proves the two engines agree.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable

from ._patterns import Patterns

Accept = Callable[[int, int, int], bool]     # (pattern, start, end) -> is it a match of a term?


def resolve(pats: Patterns, stream: str, lo: int, hi: int, accept: Accept, singles: bool = True
            ) -> list[tuple[int, int, int]]:
    """Leftmost-longest accepted matches (pattern, start, end) in ``stream[lo:hi]`` (with ``singles``
    False, only those of more than one unit).

    The automaton's matches are taken in order. When one is refused, the longest acceptable pattern
    that is a prefix of it is taken instead, else the scan goes on one unit after its start; from there
    the stream is searched again only until the matches found again meet those found before
    (``_rescan``), so that many refused matches in one long text cost no more than their number.
    One-unit patterns are looked up in the gaps the accepted matches leave.
    """
    out: list[tuple[int, int, int]] = []
    keys, single = pats.keys, pats.index.get

    def take_singles(a: int, b: int) -> None:        # no longer pattern starts in [a, b)
        for i in range(a, b):
            p = single(stream[i])
            if p is not None and accept(p, i, i + 1):
                out.append((p, i, i + 1))

    todo = deque(pats.search(stream, lo, hi))
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


def _rescan(pats: Patterns, stream: str, pos: int, hi: int, todo: deque) -> list[tuple[int, int, int]]:
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
        for m in pats.search(stream, pos, end):
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
