"""Locale-correct values (bilingual.text.locale) and the label catalogs."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from bilingual.text.labels import locale_dir
from bilingual.text.locale import EraError, era_date, join, list_pattern, long_date, ordinal, person_name, time_range

ROOT = Path(__file__).resolve().parent.parent
D = dt.date


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize(("date", "lang", "kw", "expected"), [
    (D(2024, 4, 10), "en", {}, "April 10, 2024"),
    (D(2024, 4, 10), "ja", {}, "2024年4月10日"),
    (D(2024, 4, 10), "ja", {"weekday": True}, "2024年4月10日（水）"),
    (D(2024, 4, 10), "en", {"weekday": True}, "Wednesday, April 10, 2024"),
    (D(2024, 4, 10), "ja", {"era": True}, "令和6年4月10日"),
    (D(2024, 11, 12), "ja", {"era": True, "weekday": True}, "令和6年11月12日（火）"),
    (D(2024, 4, 10), "en", {"era": True}, "April 10, 2024"),     # the era form is Japanese only
])
def test_dates_in_each_language(date, lang, kw, expected):
    assert long_date(date, lang, **kw) == expected


# every era's first day and the day before it, and the first day there is an era date for
@pytest.mark.parametrize(("date", "expected"), [
    (D(2019, 5, 1), "令和元年5月1日"),
    (D(2019, 4, 30), "平成31年4月30日"),
    (D(2020, 1, 1), "令和2年1月1日"),
    (D(1989, 1, 8), "平成元年1月8日"),
    (D(1989, 1, 7), "昭和64年1月7日"),
    (D(1926, 12, 25), "昭和元年12月25日"),
    (D(1926, 12, 24), "大正15年12月24日"),
    (D(1912, 7, 30), "大正元年7月30日"),
    (D(1912, 7, 29), "明治45年7月29日"),
    (D(1873, 1, 1), "明治6年1月1日"),
])
def test_era_boundaries(date, expected):
    assert era_date(date) == expected


@pytest.mark.parametrize("date", [D(1872, 12, 31), D(1868, 10, 23), D(1, 1, 1)])
def test_no_era_date_before_1873(date):
    with pytest.raises(EraError, match=r"before 1873-01-01.*lunisolar"):
        era_date(date)


def test_era_dates_agree_with_an_independent_oracle_on_every_day():
    """jpdatetime (PyPI; its own era table, kept apart from ours) over 1873-01-01 … 2100-12-31:
    it parses every date we write back to the same day, and names the same era and year.
    (PyICU was not practical here: it builds from source; jpdatetime is pure Python.)"""
    jp = pytest.importorskip("jpdatetime").jpdatetime
    day, last, checked = D(1873, 1, 1), D(2100, 12, 31), 0
    while day <= last:
        ours = era_date(day)
        assert jp.strptime(ours, "%G年%m月%d日").date() == day, ours
        theirs = re.sub(r"(\D)0+(\d)", r"\1\2", jp(day.year, day.month, day.day).strftime("%G"))
        assert ours.startswith(theirs + "年"), (day, ours, theirs)
        day += dt.timedelta(days=1)
        checked += 1
    assert checked == 83275


# ---------------------------------------------------------------- times, numbers, lists, ordinals

def test_time_ranges():
    # CLDR's spacing: a narrow no-break space before AM/PM, thin spaces around the dash
    assert time_range(dt.time(9, 30), dt.time(17, 0), "en") == "9:30\u202fAM\u2009–\u20095:00\u202fPM"
    assert time_range(dt.time(9, 30), dt.time(17, 0), "ja") == "9時30分～17時00分"
    assert time_range(dt.time(9, 30), None, "en") == "9:30\u202fAM"
    assert time_range(dt.time(9, 30), None, "ja") == "9時30分"


def test_lists():
    assert join(["DOE", "MEXT", "QST"], "en") == "DOE, MEXT, and QST"
    assert join(["DOE", "MEXT", "QST"], "ja") == "DOE、MEXT、QST"
    assert join(["DOE", "MEXT"], "en") == "DOE and MEXT"
    assert join(["DOE"], "ja") == "DOE"
    assert list_pattern(3, "en") == [0, ", ", 1, ", and ", 2]
    assert list_pattern(0, "en") == []


@pytest.mark.parametrize(("n", "en"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                        (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (45, "45th"),
                                        (101, "101st"), (111, "111th"), (1000, "1,000th")])
def test_meeting_ordinals(n, en):
    assert ordinal(n, "en") == en
    assert ordinal(n, "ja") == f"第{en[:-2]}回"


# ---------------------------------------------------------------- names

def test_names_in_each_language_order():
    assert person_name("Yamada", "Taro", "en", True) == "YAMADA Taro"
    assert person_name("Yamada", "Taro", "en", True, family_first_in_english=False) == "Taro Yamada"
    assert person_name("山田", "太郎", "ja", True) == "山田太郎"
    assert person_name("Sample", "Jordan", "en", False) == "Jordan Sample"
    assert person_name("サンプル", "ジョーダン", "ja", False) == "ジョーダン・サンプル"
    assert person_name("Sample", None, "en", False) == "Sample"


# ---------------------------------------------------------------- labels

def _read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale="ja" if path.suffix == ".po" else None)


def code_labels() -> set[str]:
    """Every ``label("…")`` literal in the package, extracted the way pybabel does."""
    from babel.messages.extract import extract_from_dir

    found: set[str] = set()
    for sub in ("render", "text", "content"):
        for _, _, message, _, _ in extract_from_dir(str(ROOT / "bilingual" / sub), keywords={"label": None}):
            found.add(message)
    return found


def untranslated(po_path: Path, wanted: set[str]) -> set[str]:
    """The msgids of ``wanted`` that ``po_path`` does not translate (missing, empty or fuzzy)."""
    catalog = _read(po_path)
    return {m for m in wanted if not (catalog.get(m) and catalog[m].string and not catalog[m].fuzzy)}


def test_every_label_in_the_code_is_in_the_template():
    template = {m.id for m in _read(locale_dir() / "messages.pot") if m.id}
    assert code_labels() - template == set(), "run pybabel extract (docs/rendering.md)"
    assert {"Date and time", "Venue", "Attendees", "Action items", "Decisions", "Next meeting"} <= template


def test_regenerating_the_catalogs_as_documented_keeps_every_label():
    # docs/rendering.md regenerates the catalogs with `pybabel extract` + `pybabel update`. A msgid written into
    # the template by hand (a label() of a variable) was dropped by it, and update made its Japanese obsolete:
    # the parallel copy's JA column heading came out "Japanese" instead of 日本語.
    template = {m.id for m in _read(locale_dir() / "messages.pot") if m.id}
    assert template - code_labels() == set(), "a label() whose msgid pybabel extract cannot see (not a literal)"
    assert {"English", "Japanese"} <= code_labels()


def test_every_label_has_japanese():
    wanted = code_labels() | {m.id for m in _read(locale_dir() / "messages.pot") if m.id}
    assert untranslated(locale_dir() / "ja" / "LC_MESSAGES" / "messages.po", wanted) == set()


def test_a_missing_japanese_label_is_caught(tmp_path):
    po = tmp_path / "messages.po"
    shutil.copy(locale_dir() / "ja" / "LC_MESSAGES" / "messages.po", po)
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "アクションアイテム"', 'msgstr ""'), encoding="utf-8")
    assert untranslated(po, code_labels()) == {"Action items"}
