"""Numbers and dates in text, by value: the one number extractor (the rule number-mismatch uses it).

Each side yields items ``(start, end, value, strong)``. Values are canonical
strings: ``1000`` for `1,000`, `１０００` and `千`; ``1000000000`` for
`1,000 million` and `10億`; ``2024-04-10`` for `April 10, 2024`,
`2024年4月10日` and `令和6年4月10日`. A *weak* item is one that may be
written with no digits on the other side (an English number word, a lone
kanji numeral such as 十 in 十年, a month name): it can answer for a number
on the other side, but it is never reported itself.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .lazyre import LazyPattern, lazy
from .locale import ERAS as _ERA_TABLE
from .normalize import normalize_ja
from .urls import find_urls

Item = tuple[int, int, str, bool]

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june",
     "july", "august", "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?" \
         r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_UPPER = r"(?=(?-i:[A-Z]))"      # a month name is capitalised (April) or in capitals (APRIL), never 'may'
_WEEKDAY = r"(?:\s*\((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\))?"      # 9 (Thursday) October
_EN_DATES = [
    # April 10, 2024
    lazy(_UPPER + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    lazy(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _WEEKDAY + r"\s+" + _UPPER + _MONTH + r",?\s+(?P<year>\d{4})\b",
         re.IGNORECASE),
    lazy(r"\bthe\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\s+of\s+" + _UPPER + _MONTH + r",?\s+(?P<year>\d{4})\b",
         re.IGNORECASE),                                                                   # the 7th of June 2017
    lazy(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),                        # 2024-04-10
    lazy(_UPPER + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),                          # April 2024, APRIL 2024
    lazy(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)"),                # April 10
    lazy(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _WEEKDAY + r"\s+" + _MONTH + r"(?!\s*,?\s*\d)"),   # 10 April
    lazy(r"\b[Tt]he\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\s+of\s+" + _MONTH + r"(?!\s*,?\s*\d)"),
]
# two days of one month: "4th and 5th October 2012", "9 (Thursday) and 10 (Friday) October", "October 4 and 5,
# 2012": the first day takes the month and year written after the second
_DAY = r"(?P<day1>\d{1,2})(?:st|nd|rd|th)?" + _WEEKDAY
_AND = r"\s+(?:and|&|to|-|–)\s+"
_DAYS_BEFORE_MONTH = lazy(r"\b" + _DAY + _AND + r"(?=\d)", re.IGNORECASE)           # 4th and |5th October
_MONTH_BEFORE_DAYS = lazy(_UPPER + _MONTH + r"\s+" + _DAY + _AND + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?"
                          r"\s+(?P<year>\d{4})\b", re.IGNORECASE)                      # October 4 and 5, 2012
_ANY_DIGIT = lazy(r"\d")
# times compare by value: 4:30 PM = 16:30 = 16時30分 = 午後4時30分
_EN_TIME = lazy(r"(?<![\d:.,])(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?:(?P<ap>[ap])\.\s?m\.|(?P<ap2>[ap])m\b)"
                r"|(?<![\d:.,])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])", re.IGNORECASE)
_JA_TIME = lazy(r"(?P<ap>午前|午後)?\s*(?P<h>\d{1,2})時(?!間)(?:(?P<m>\d{1,2})分|(?P<half>半))?"
                r"|(?<![\d:.,])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])")
_EN_MONTH_ONLY = lazy(r"\b" + _MONTH + r"(?![\w.])")
_EN_NUMBER = lazy(
    r"(?<![\w.,])(?<!(?-i:[A-Z])-)(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<suffix>st|nd|rd|th|s)?(?![\w])"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?", re.IGNORECASE)
_SCALES = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_WORDS = {w: i for i, w in enumerate(_UNITS)}
_EN_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
_EN_WORDS.update({w: i for i, w in enumerate(
    ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
     "nineteenth", "twentieth"]) if i})
_EN_WORDS.update({"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9,
                  # counted spans that Japanese writes as numbers: "the next decade" = 今後10年
                  "decade": 10, "decades": 10, "dozen": 12, "century": 100, "inaugural": 1,
                  # idioms that Japanese writes with a number: "around the clock" = 24時間態勢
                  "around the clock": 24, "round the clock": 24, "round-the-clock": 24})
_EN_TENS_UNITS = lazy(r"\b(" + "|".join(_TENS) + r")[- ](" + "|".join(_UNITS[1:10]) + r")\b", re.IGNORECASE)
_EN_DECADES = lazy(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|\d)\s+decades\b", re.IGNORECASE)
_EN_WORD = lazy(r"\b(" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)

ERAS = {name: first_year for _, name, first_year in _ERA_TABLE}   # era -> Gregorian year of its 元年
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_DIGITS["零"] = 0
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10 ** 4, "億": 10 ** 8, "兆": 10 ** 12}
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KNUM = "〇零一二三四五六七八九十百千"
_JA_NUMBER = lazy(rf"(?:(?:{_ARABIC}|[{_KNUM}]+)[万億兆]?)+")
_Y = rf"(?:{_ARABIC}|[{_KNUM}]+|元)"
_MD = rf"(?:\d{{1,2}}(?![\d.,])|[{_KNUM}]+)"     # a month or a day: no decimal (1.4月1日 is item 1., then 4月1日)
_JA_DATE = lazy(rf"(?:(?P<era>明治|大正|昭和|平成|令和)\s*(?P<eyear>{_Y})年"
                rf"|(?P<year>\d{{4}}|[〇一二三四五六七八九]{{4}}"
                rf"|[一二]?千[一二三四五六七八九]?百?[一二三四五六七八九]?十?[一二三四五六七八九]?)年)"
                      rf"(?:\s*(?P<mon>{_MD})月(?:\s*(?P<day>{_MD})日)?)?"
                      rf"|(?<![\dか箇ヶヵカ{_KNUM}])(?P<mon2>{_MD})月\s*(?P<day2>{_MD})日")
# a month alone; after 年 only in a year named by a word (本年8月, 昨年, 同年, 来年4月: "August", "next April")
_JA_MONTH_ONLY = lazy(rf"(?<![\dか箇ヶヵカ{_KNUM}])(?<![^本昨同今翌前毎例来]年)"
                      rf"(?P<mon>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?![\d日])")
_COUNTERS = set("年月日回人件条項号名社箇個億万兆円倍度歳期次部章節位割%％")
_CONVERTED = lazy(r"\d[^\d\s()（）、。,]{1,8}$")     # a figure and its unit, just before a bracket
_NOT_A_NUMBER_BEFORE = set("数何幾")
_FOREMOST = ("人者", "線", "歩", "義", "印象")      # after 第一: a word of its own (第一人者), not 'the first


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(text: str) -> int:
    """The value of a Roman numeral up to L (XII = 12, IV = 4)."""
    values = [_ROMAN_DIGITS[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
_EN_WEAK = lazy(r"\b(?:Generation|Phase|Title|Part|Chapter|Stage|Gen|Type|Tier|Level|Class|Article|Section|Annex"
                r"|Paragraph|Appendix|Schedule)\s"
                r"(?P<roman>(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\b", re.IGNORECASE)


def _decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def canonical(value: Decimal) -> str:
    """``1000``, ``1.5``: no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def kanji_number(run: str) -> Decimal | None:
    """The value of a run of Japanese numerals, digits mixed in (二〇二四, 三千五百, 1.5億, 10億, 3万5000)."""
    total = Decimal(0)
    section = Decimal(0)
    current: Decimal | None = None
    last_digit = False
    i = 0
    while i < len(run):
        m = re.match(_ARABIC, run[i:])
        if m:
            current = _decimal(m.group())
            if current is None:
                return None
            i += m.end()
            last_digit = False
            continue
        c = run[i]
        if c in _KANJI_DIGITS:
            d = _KANJI_DIGITS[c]
            current = (current * 10 + d) if (last_digit and current is not None) else Decimal(d)
            last_digit = True
        elif c in _SMALL_UNITS:
            section += (current if current is not None else 1) * _SMALL_UNITS[c]
            current, last_digit = None, False
        elif c in _BIG_UNITS:
            section += current if current is not None else 0
            if section == 0:
                return None
            total += section * _BIG_UNITS[c]
            section, current, last_digit = Decimal(0), None, False
        else:
            return None
        i += 1
    return total + section + (current if current is not None else 0)


def _year_value(text: str) -> int | None:
    if text == "元":
        return 1
    v = kanji_number(text)
    return int(v) if v is not None and v == int(v) else None


def _date(year: int | None, month: int | None, day: int | None) -> str | None:
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if year is not None and month is not None and day is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if year is not None and month is not None:
        return f"{year:04d}-{month:02d}"
    if month is not None and day is not None:
        return f"--{month:02d}-{day:02d}"
    return None


class _Taken:
    """Character ranges already claimed, as a mask: a test or a claim costs its range's length, not the
    number of ranges claimed so far (a text of thousands of numbers stays linear)."""

    def __init__(self, n: int, spans: list[tuple[int, int]]) -> None:
        self.mask = bytearray(n + 1)
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        s, e = span
        if e > s:
            self.mask[s:e] = b"\x01" * (e - s)


def _free(taken: _Taken, s: int, e: int) -> bool:
    return taken.mask.find(1, s, max(s, e)) == -1


def _time(hour: int, minute: int, ap: str | None) -> str | None:
    if ap:
        # 午前0時 is midnight and 午後0時 noon (12 a.m., 12 p.m.), as Japanese writes them
        if not (1 <= hour <= 12 or (hour == 0 and ap in ("午前", "午後"))):
            return None
        hour = hour % 12 + (12 if ap.lower() in ("p", "午後") else 0)
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    return f"time-{hour:02d}:{minute:02d}"


def _times(pattern: LazyPattern, plain: str, taken: _Taken, out: list) -> None:
    for m in pattern.finditer(plain):
        if not _free(taken, m.start(), m.end()):
            continue
        g = m.groupdict()
        if g.get("h24"):
            value = _time(int(g["h24"]), int(g["m24"]), None)
        else:
            minute = 30 if g.get("half") else int(g["m"] or 0)
            value = _time(int(g["h"]), minute, g.get("ap") or g.get("ap2"))
        if value is not None:
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), value, True))


def english_numbers(plain: str) -> list[Item]:
    """Dates, times, numbers (scaled, ordinals), and number words (weak) in English text."""
    taken = _Taken(len(plain), [(s, e) for s, e, _ in find_urls(plain)])
    out: list[Item] = []
    digits = _ANY_DIGIT.search(plain) is not None     # every date and numeral pattern needs one
    if digits and (":" in plain or "m" in plain or "M" in plain):
        _times(_EN_TIME, plain, taken, out)
    if digits:
        _month_day_pairs(plain, taken, out)
    for pattern in _EN_DATES if digits else ():
        for m in pattern.finditer(plain):
            if not _free(taken, m.start(), m.end()):
                continue
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else MONTHS.get((g.get("mon") or "").lower().rstrip("."))
            year = int(g["year"]) if g.get("year") else None
            day = int(g["day"]) if g.get("day") else None
            value = _date(year, month, day)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), value, True))
    if digits:
        _first_of_day_pairs(plain, taken, out)
    for m in _EN_MONTH_ONLY.finditer(plain):
        word = m.group("mon")
        j = m.start() - 1
        while j >= 0 and plain[j].isspace():
            j -= 1
        initial = j < 0 or plain[j] in ".!?:;"
        if _free(taken, m.start(), m.end()) and word[0].isupper() and not (word == "May" and initial):
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), f"month-{MONTHS[word.lower().rstrip('.')]}", False))
    for m in _EN_NUMBER.finditer(plain) if digits else ():
        if not _free(taken, m.start(), m.end()):
            continue
        number = _decimal(m.group("num"))
        if number is None:
            continue
        if m.group("scale"):
            number *= _SCALES[m.group("scale").lower()]
        out.append((m.start(), m.end(), canonical(number), True))
        taken.append((m.start(), m.end()))
    for m in _EN_TENS_UNITS.finditer(plain):     # "twenty-seven" = 27
        if _free(taken, m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), str(_EN_WORDS[m.group(1).lower()] + _EN_WORDS[m.group(2).lower()]), False))
    for m in _EN_DECADES.finditer(plain):     # "two decades" = 20年
        n = m.group("n").lower()
        count = _EN_WORDS.get(n) or (int(n) if n.isdigit() else 0)
        if count and _free(taken, m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), str(count * 10), False))
    for m in _EN_WORD.finditer(plain):
        if _free(taken, m.start(), m.end()):
            out.append((m.start(), m.end(), str(_EN_WORDS[m.group().lower()]), False))
    for m in _EN_WEAK.finditer(plain):      # Generation IV, Article XII: weak numbers
        s, e = m.start("roman"), m.end("roman")
        roman = _roman(m.group("roman")) if m.group("roman") else 0
        if roman and _free(taken, s, e):
            out.append((s, e, str(roman), False))
    return sorted(out)


def _month_day_pairs(plain: str, taken: _Taken, out: list[Item]) -> None:
    """Both days of "October 4 and 5, 2012" as dates."""
    for m in _MONTH_BEFORE_DAYS.finditer(plain):
        month = MONTHS.get(m.group("mon").lower().rstrip("."))
        if month is None or not _free(taken, m.start(), m.end()):
            continue
        year = int(m.group("year"))
        for key in ("day1", "day"):
            value = _date(year, month, int(m.group(key)))
            if value is not None:
                out.append((m.start(key), m.end(key), value, True))
        taken.append((m.start(), m.end()))


def _first_of_day_pairs(plain: str, taken: _Taken, out: list[Item]) -> None:
    """The first day of "4th and 5th October 2012" as a date of the month (and year) of the second."""
    dated = {s: v for s, _, v, _ in out if v.count("-") >= 2}           # dates, by where they start
    for m in _DAYS_BEFORE_MONTH.finditer(plain):
        second = dated.get(m.end())
        year = int(second[:4]) if second is not None and second[:4].isdigit() else None
        value = _date(year, int(second[-5:-3]), int(m.group("day1"))) if second is not None else None
        if value is not None and _free(taken, m.start("day1"), m.end("day1")):
            taken.append((m.start("day1"), m.end("day1")))
            out.append((m.start("day1"), m.end("day1"), value, True))


def japanese_numbers(plain: str) -> list[Item]:
    """Dates (Gregorian and era), numbers (万/億 scaled, kanji numerals) in Japanese text."""
    norm = normalize_ja(plain)
    copy = norm.text
    taken = _Taken(len(copy), [(s, e) for s, e, _ in find_urls(copy)])
    found: list[tuple[int, int, str, bool]] = []  # in copy offsets
    if "時" in copy or ":" in copy:
        _times(_JA_TIME, copy, taken, found)
    for m in _JA_DATE.finditer(copy) if "年" in copy or "月" in copy else ():   # a date has 年 or 月
        if not _free(taken, m.start(), m.end()):
            continue
        g = m.groupdict()
        year = None
        if g["era"]:
            n = _year_value(g["eyear"])
            year = ERAS[g["era"]] + n - 1 if n else None
        elif g["year"]:
            year = _year_value(g["year"])
        month = _year_value(g["mon"] or g["mon2"] or "") if (g["mon"] or g["mon2"]) else None
        day = _year_value(g["day"] or g["day2"] or "") if (g["day"] or g["day2"]) else None
        # 2024年, 令和6年: a year is a number
        value = str(year) if year is not None and month is None else _date(year, month, day)
        if value is None:
            continue
        taken.append((m.start(), m.end()))
        found.append((m.start(), m.end(), value, True))
    for m in _JA_MONTH_ONLY.finditer(copy) if "月" in copy else ():
        if _free(taken, m.start(), m.end()):
            month = _year_value(m.group("mon"))
            if month and 1 <= month <= 12:
                taken.append((m.start(), m.end()))
                found.append((m.start(), m.end(), f"month-{month}", True))
    for m in _JA_NUMBER.finditer(copy):
        s, e = m.start(), m.end()
        run = m.group()
        while run and run[0] in _BIG_UNITS:         # 万一, 億: a unit with no number before it
            run, s = run[1:], s + 1
        if run and not _free(taken, s, e) and "." in run and _free(taken, s, s + run.index(".")):
            e = s + run.index(".")                  # 1.4月1日: item 1., then a date
            run = run[:e - s]
        if not run or not _free(taken, s, e):
            continue
        if s > 0 and copy[s - 1] in _NOT_A_NUMBER_BEFORE:   # 数十, 何百
            continue
        number = kanji_number(run)
        if number is None:
            continue
        has_digit = any(c.isdigit() and c.isascii() for c in run)
        before = copy[s - 1] if s > 0 else ""
        after = copy[e] if e < len(copy) else ""
        if has_digit and (_ascii_letter(before) or _ascii_letter(after)
                          or (before == "-" and s > 1 and _capital(plain[norm.span(s - 2, s - 1)[0]]))):
            continue                                # part of a code (JT-60SA, COVID-19), as in English
        strong = (has_digit or before == "第" or ("〇" in run and len(run) > 1)
                  or (len(run) > 1 and after in _COUNTERS))
        if before == "第" and s > 1 and _kanji_char(copy[s - 2]) and (
                not has_digit or (e < len(copy) and _kanji_char(copy[e]) and copy[e] not in _COUNTERS)):
            strong = False      # 福島第一, 福島第1原発: part of a name (Fukushima Daiichi)
        if copy[e:e + 2] == "国間":
            strong = False      # 2国間, 二国間: 'bilateral'
        if before == "第" and run == "一" and copy.startswith(_FOREMOST, e):
            strong = False      # 第一人者, 第一線: 'leading figure', 'front line', words, not ordinals
        if after == "日" and copy[e + 1:e + 2] != "間" and number <= 31:
            strong = False      # 17日に, 翌29日: a day the translation makes explicit ("the following day")
        if before and before in "(（" and _CONVERTED.search(copy, max(0, s - 12), s - 1):
            strong = False      # 50マイル(80キロメートル): a conversion the translation adds
        found.append((s, e, canonical(number), strong))
    out = []
    for s, e, v, strong in found:
        a, b = norm.span(s, e)
        out.append((a, b, v, strong))
    return sorted(out)


def _kanji_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _capital(ch: str) -> bool:
    """A Latin capital (of the original: the copy folds case), as in the names G-7, COVID-19."""
    return ch.isascii() and ch.isupper()


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def day_of(value: str) -> str | None:
    """The day of a date value (2012-04-21, --04-21) as a number ('21'), else None: what a text that leaves
    the month to its dateline writes (本21日)."""
    if value.startswith("--") or (len(value) == 10 and value[4] == "-" and value[:4].isdigit()):
        return str(int(value[-2:]))
    return None


def extract(plain: str, lang: str) -> list[Item]:
    """Numbers and dates of a plain text, by value."""
    return english_numbers(plain) if lang == "en" else japanese_numbers(plain)
