"""Locale-correct values in English and Japanese: dates, era dates, times, numbers,
ordinals, lists and people's names.

Babel (CLDR) formats everything it can. It has no Japanese imperial calendar
(``ja_JP@calendar=japanese`` is accepted and silently ignored), so the era
form comes from the table below: the one place that knows the eras. The words
that are ours rather than CLDR's (the ordinal patterns ``{n}th`` / ``第{n}回``)
live in the label catalogs.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from .labels import label

BABEL_LOCALES = {"en": "en_US", "ja": "ja_JP"}

#: Japan adopted the Gregorian calendar on Meiji 6-01-01 (1873-01-01); before it
#: the lunisolar calendar's dates do not map day for day onto Gregorian ones.
GREGORIAN_ADOPTION = dt.date(1873, 1, 1)

# (first Gregorian day, era name, Gregorian year of the era's first year), newest first
ERAS: tuple[tuple[dt.date, str, int], ...] = (
    (dt.date(2019, 5, 1), "令和", 2019),
    (dt.date(1989, 1, 8), "平成", 1989),
    (dt.date(1926, 12, 25), "昭和", 1926),
    (dt.date(1912, 7, 30), "大正", 1912),
    (GREGORIAN_ADOPTION, "明治", 1868),
)


class EraError(ValueError):
    """A date the Japanese era form cannot express (before 1873)."""


# ---------------------------------------------------------------- dates

def era_of(date: dt.date) -> tuple[str, int]:
    """(era name, year of the era) of a Gregorian date from 1873 on: ``(令和, 6)``."""
    for start, name, first_year in ERAS:
        if date >= start:
            return name, date.year - first_year + 1
    raise EraError(f"{date.isoformat()} is before {GREGORIAN_ADOPTION.isoformat()}: Japan used a lunisolar "
                   "calendar until Meiji 6 (1873), so there is no Japanese era date for it")


def era_date(date: dt.date) -> str:
    """The Japanese era form, the first year written 元年: ``令和6年4月10日``, ``令和元年5月1日``."""
    name, year = era_of(date)
    return f"{name}{'元' if year == 1 else year}年{date.month}月{date.day}日"


def long_date(date: dt.date, lang: str, *, era: bool = False, weekday: bool = False) -> str:
    """``April 10, 2024`` / ``2024年4月10日``; with ``weekday`` ``Wednesday, April 10, 2024`` /
    ``2024年4月10日（水）``; with ``era`` (Japanese only) ``令和6年4月10日（水）``."""
    from babel.dates import format_date

    locale = BABEL_LOCALES[lang]
    if lang == "en":
        return format_date(date, "full" if weekday else "long", locale=locale)
    text = era_date(date) if era else format_date(date, "long", locale=locale)
    # the weekday in full-width brackets, as Japanese official documents print it (CLDR's yMMMEd
    # pattern has half-width ones)
    return f"{text}（{format_date(date, 'EEE', locale=locale)}）" if weekday else text


# ---------------------------------------------------------------- times

def time_of_day(value: dt.time, lang: str) -> str:
    """``10:00 AM`` / ``10時00分`` (the Japanese form of CLDR's time intervals, so that a
    lone time and a range read alike)."""
    from babel.dates import format_time

    return format_time(value, "H時mm分" if lang == "ja" else "short", locale=BABEL_LOCALES[lang])


def time_range(start: dt.time, end: dt.time | None, lang: str) -> str:
    """``10:00 AM – 5:30 PM`` / ``10時00分～17時30分`` (CLDR interval formats)."""
    if end is None:
        return time_of_day(start, lang)
    from babel.dates import format_interval

    return format_interval(start, end, "hm" if lang == "en" else "Hm", locale=BABEL_LOCALES[lang])


def parse_time(value: str) -> dt.time:
    """``HH:MM`` (24-hour clock); ValueError otherwise."""
    hours, sep, minutes = value.strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 1 <= len(hours) <= 2):
        raise ValueError(value)
    return dt.time(int(hours), int(minutes))


# ---------------------------------------------------------------- numbers and lists

def number(value: int | float, lang: str) -> str:
    """``1,000`` in both languages (CLDR decimal format)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=BABEL_LOCALES[lang])


def ordinal(n: int, lang: str) -> str:
    """The ordinal of a meeting: ``45th`` / ``第45回`` (CLDR's English ordinal categories)."""
    from babel import Locale

    form = Locale.parse("en").ordinal_form(n)
    # TRANSLATORS: ordinals of a meeting ("the 45th meeting"); Japanese writes 第{n}回 for all four
    if form == "one":
        pattern = label("{n}st", lang)
    elif form == "two":
        pattern = label("{n}nd", lang)
    elif form == "few":
        pattern = label("{n}rd", lang)
    else:
        pattern = label("{n}th", lang)
    return pattern.format(n=number(n, lang))


#: a list pattern: literal strings and the indices of the items between them
ListPattern = list[str | int]
#: the list styles of CLDR (and babel.lists.format_list)
ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


def list_pattern(count: int, lang: str, style: ListStyle = "standard") -> ListPattern:
    """How ``count`` items are joined: ``[0, ", ", 1, ", and ", 2]`` / ``[0, "、", 1, "、", 2]``.

    Items may be rich text, so the pattern is returned rather than a string.
    """
    from babel.lists import format_list

    if count == 0:
        return []
    marks = [f"\x00{i}\x00" for i in range(count)]
    out: ListPattern = []
    for k, piece in enumerate(format_list(marks, style=style, locale=BABEL_LOCALES[lang]).split("\x00")):
        if k % 2:
            out.append(int(piece))
        elif piece:
            out.append(piece)
    return out


def join(items: Sequence[str], lang: str, style: ListStyle = "standard") -> str:
    """``DOE, MEXT, and QST`` / ``DOE、MEXT、QST``."""
    return "".join(p if isinstance(p, str) else items[p] for p in list_pattern(len(items), lang, style))


# ---------------------------------------------------------------- people's names

#: name parts in the order they are written, and what goes between them
NameLayout = tuple[tuple[str, ...], str]


def name_layout(lang: str, family_first_native: bool, family_first_in_english: bool = True) -> NameLayout:
    """How a person's name is written in ``lang``.

    ``family_first_native``: the person's own names are family-first (a Japanese name).
    Japanese writes such a name family first with no space (山田太郎) and a
    Western name given first, joined by ・ (ジョーダン・サンプル). English writes a
    Western name given first (Jordan Sample) and a Japanese one, by the convention
    the Japanese government adopted in 2020, family first with the family name in
    capitals (YAMADA Taro); ``family_first_in_english=False`` gives Taro Yamada.
    """
    if lang == "ja":
        return (("family", "given"), "") if family_first_native else (("given", "family"), "・")
    if family_first_native and family_first_in_english:
        return ("family", "given"), " "
    return ("given", "family"), " "


def person_name(family: str, given: str | None, lang: str, family_first_native: bool,
                family_first_in_english: bool = True) -> str:
    """The whole name as a string (see :func:`name_layout`)."""
    order, sep = name_layout(lang, family_first_native, family_first_in_english)
    upper = lang == "en" and family_first_native and family_first_in_english
    parts = {"family": family.upper() if upper else family, "given": given or ""}
    return sep.join(parts[k] for k in order if parts[k])
