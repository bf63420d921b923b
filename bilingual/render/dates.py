"""Document dates: Babel's long form, or the Japanese era form on request."""
from __future__ import annotations

import datetime as dt

BABEL_LOCALES = {"en": "en_US", "ja": "ja_JP"}

# (first Gregorian day, era name, Gregorian year of the era's first year); Babel has no
# Japanese imperial calendar (it silently ignores @calendar=japanese)
_ERAS = (
    (dt.date(2019, 5, 1), "令和", 2019),
    (dt.date(1989, 1, 8), "平成", 1989),
    (dt.date(1926, 12, 25), "昭和", 1926),
    (dt.date(1912, 7, 30), "大正", 1912),
    (dt.date(1873, 1, 1), "明治", 1868),  # Japan adopted the Gregorian calendar in Meiji 6 (1873)
)


def long_date(date: dt.date, lang: str, *, era: bool = False) -> str:
    """``April 10, 2024`` / ``2024年4月10日``, or ``令和6年4月10日`` with ``era`` (Japanese only)."""
    if era and lang == "ja":
        return era_date(date)
    from babel.dates import format_date

    return format_date(date, format="long", locale=BABEL_LOCALES[lang])


def era_date(date: dt.date) -> str:
    """The Japanese era form, first year written 元年 (``令和元年5月1日``)."""
    for start, name, first_year in _ERAS:
        if date >= start:
            year = date.year - first_year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{name}{year_text}年{date.month}月{date.day}日"
    raise ValueError(f"{date.isoformat()}: no Japanese era date before 1873 (lunisolar calendar)")
