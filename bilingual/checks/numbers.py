"""number-mismatch and number-omitted: the numbers and dates of a pair compared by value (``text/numbers.py``).

A number that one side has and the other answers with a different one (2024 against 2025, 27 against 25年)
is changed: ``number-mismatch``, an error. A number on one side only, with nothing left over on the other, is
``number-omitted``, a warning: translators leave out or add redundant figures (a day its dateline gives, a
conversion in brackets, 24時間 for "around the clock"), and on real professional translations a number on one
side only was never a fault an editor fixed (docs/checks.md).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..content.model import Segment
from ..text.numbers import Item, day_of, extract
from .model import Context, Finding
from .registry import rule


def _describe(value: str) -> str:
    if value.startswith("month-"):
        return f"month {value[6:]}"
    if value.startswith("time-"):
        return f"time {value[5:]}"
    if "-" in value[1:]:
        return f"date {value.lstrip('-')}"
    return f"number {value}"


def compare(en: list[Item], ja: list[Item]) -> tuple[list[Item], list[Item], bool]:
    """Strong items of each side that the other side cannot answer for (by value, counted), and whether a
    number was changed rather than left out (``_changed``)."""
    def surplus(mine: list[Item], other: list[Item]) -> tuple[list[Item], list[Item]]:
        available = Counter(v for _, _, v, _ in other)
        # a year written apart from its day ("September 24 (EST)/25 (JST), 2020") is the year of a full date;
        # a date given without its year (1月12日及び13日) takes the document's, which the other side may write
        years = {v[:4] for _, _, v, _ in other if len(v) == 10 and v[4] == "-" and v[:4].isdigit()}
        yearless = any(v.startswith("--") for _, _, v, _ in other)
        # a month alone answers a full date's month and vice versa only by exact value
        out, weak_left = [], []
        for item in sorted(mine, key=lambda i: not i[3]):   # strong first: they take the answers
            _s, _e, v, strong = item
            if available[v] > 0:
                available[v] -= 1
            elif _dated(v, available) or _day_of(v, available) or (
                    len(v) == 4 and v.isdigit() and (v in years or yearless)) or (not strong and _a_day(v, available)):
                continue
            elif strong:
                out.append(item)
            else:
                weak_left.append(item)
        return sorted(out), weak_left
    en_only, en_weak = surplus(en, ja)
    ja_only, ja_weak = surplus(ja, en)
    return en_only, ja_only, _changed(en_only, en_weak, ja_only, ja_weak)


def _changed(en_only: list[Item], en_weak: list[Item], ja_only: list[Item], ja_weak: list[Item]) -> bool:
    """Whether a number was changed rather than left out: both sides keep a number the other cannot answer
    for, or the numbers one side keeps face as many weak ones on the other, each the one it replaced (an
    English number word: "twenty-seven years" against 25年余り; a Japanese day alone against an English
    date: 19日 for April 18). Weak words in other numbers than that ('two-way' and 'fourth-largest' against
    one 第1位) are no evidence."""
    if en_only and ja_only:
        return True
    if ja_only:
        return len(ja_only) == len(en_weak)
    if en_only:
        return len(en_only) == len(ja_weak) and all(v.count("-") >= 2 for _, _, v, _ in en_only)
    return False


def _dated(value: str, available: Counter) -> bool:
    """A date without a year (4月9日) answers for the same day with one (April 9, 2024), and back."""
    if value.startswith("--"):
        match = [v for v, n in available.items() if n > 0 and len(v) == 10 and v[4:] == value[1:]]
    elif len(value) == 10 and value[4] == "-" and value[:4].isdigit():
        match = [v for v, n in available.items() if n > 0 and v == "-" + value[4:]]
    else:
        return False
    if match:
        available[match[0]] -= 1
    return bool(match)


def _day_of(value: str, available: Counter) -> bool:
    """A date (April 18, 2012-04-18) answered by its day alone (本18日, 23日(日曜日)): a release gives the day,
    its dateline the month and year."""
    day = day_of(value)
    if day is not None and available[day] > 0:
        available[day] -= 1
        return True
    return False


def _a_day(value: str, available: Counter) -> bool:
    """A day alone (13日 of 1月12日及び13日, weak) answered by a date of that day on the other side."""
    if not value.isdigit():
        return False
    match = [v for v, n in available.items() if n > 0 and day_of(v) == str(int(value))]
    if match:
        available[match[0]] -= 1
    return bool(match)


@rule("number-mismatch", "error", "a number or date differs between EN and JA (compared by value)")
@rule("number-omitted", "warning", "a number or date is on one side only, and nothing differs on the other")
def number_mismatch(ctx: Context, seg: Segment) -> Iterator[Finding]:
    if seg.en is None or seg.ja is None:
        return
    en_only, ja_only, changed = compare(extract(seg.en.plain, "en"), extract(seg.ja.plain, "ja"))
    name = "number-mismatch" if changed else "number-omitted"
    for s, e, v, _ in ja_only:
        yield ctx.finding(name, seg, "ja", s, e,
                          f"{_describe(v)} ('{seg.ja.plain[s:e]}') is in the Japanese but not in the English")
    for s, e, v, _ in en_only:
        yield ctx.finding(name, seg, "en", s, e,
                          f"{_describe(v)} ('{seg.en.plain[s:e]}') is in the English but not in the Japanese")
