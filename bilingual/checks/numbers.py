"""number-mismatch: the numbers and dates of a pair compared by value (extracted by ``text/numbers.py``)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..content.model import Segment
from ..text.numbers import Item, extract
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


def compare(en: list[Item], ja: list[Item]) -> tuple[list[Item], list[Item]]:
    """Strong items of each side that the other side cannot answer for (by value, counted)."""
    def surplus(mine: list[Item], other: list[Item]) -> list[Item]:
        available = Counter(v for _, _, v, _ in other)
        # a year written apart from its day ("September 24 (EST)/25 (JST), 2020") is the year of a full date;
        # a date given without its year (1月12日及び13日) takes the document's, which the other side may write
        years = {v[:4] for _, _, v, _ in other if len(v) == 10 and v[4] == "-" and v[:4].isdigit()}
        yearless = any(v.startswith("--") for _, _, v, _ in other)
        # a month alone answers a full date's month and vice versa only by exact value
        out = []
        for item in sorted(mine, key=lambda i: not i[3]):   # strong first: they take the answers
            _s, _e, v, strong = item
            if available[v] > 0:
                available[v] -= 1
            elif _dated(v, available) or _day_of(v, available) or (
                    len(v) == 4 and v.isdigit() and (v in years or yearless)):
                continue
            elif strong:
                out.append(item)
        return sorted(out)
    return surplus(en, ja), surplus(ja, en)


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
    if not (value.startswith("--") or (len(value) == 10 and value[4] == "-")):
        return False
    day = str(int(value[-2:]))
    if available[day] > 0:
        available[day] -= 1
        return True
    return False


@rule("number-mismatch", "error", "numbers or dates differ between EN and JA (compared by value)")
def number_mismatch(ctx: Context, seg: Segment) -> Iterator[Finding]:
    if seg.en is None or seg.ja is None:
        return
    en_only, ja_only = compare(extract(seg.en.plain, "en"), extract(seg.ja.plain, "ja"))
    for s, e, v, _ in ja_only:
        yield ctx.finding("number-mismatch", seg, "ja", s, e,
                          f"{_describe(v)} ('{seg.ja.plain[s:e]}') is in the Japanese but not in the English")
    for s, e, v, _ in en_only:
        yield ctx.finding("number-mismatch", seg, "en", s, e,
                          f"{_describe(v)} ('{seg.en.plain[s:e]}') is in the English but not in the Japanese")
