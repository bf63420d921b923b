"""number-mismatch and number-omitted: numbers and dates compared by value, not by substring."""
from __future__ import annotations

import pytest
from checkutil import hits, segment

SAME = [
    ("The CCFE was established in 1979.", "CCFEは1979年に設置された。"),
    ("1,000 participants", "1000人の参加者"),
    ("1000 participants", "１，０００人の参加者"),
    ("a budget of 1,000 million dollars", "10億ドルの予算"),
    ("2.5 billion yen", "25億円"),
    ("35,000 people", "3万5000人"),
    ("the 12th meeting", "第12回会合"),
    ("the twelfth meeting", "第十二回会合"),
    ("the 21st century", "二十一世紀"),
    ("April 10, 2024", "2024年4月10日"),
    ("10 April 2024", "令和6年4月10日"),
    ("on April 10, 2024", "令和六年四月十日に"),
    ("in April 2019", "令和元年4月に"),    # 令和 began on 1 May 2019, but the year is the year
    ("in April", "4月に"),
    ("over the next decade", "今後十年にわたり"),     # 十 alone may stand for a word: never reported
    ("two countries", "両国"),
    ("see https://example.org/2024/04/10", "https://example.org/2024/04/10 を参照"),
    ("in the 1990s", "1990年代に"),
    ("50%", "50％"),
]


@pytest.mark.parametrize("en,ja", SAME)
def test_equal_values_in_any_notation_are_no_finding(en, ja):
    assert hits(segment(en, ja), rule="number-mismatch") == []
    assert hits(segment(en, ja), rule="number-omitted") == []


DIFFERENT = [
    ("Article 1", "第10条", [("ja", "10"), ("en", "1")]),               # not a substring match
    ("April 10, 2024", "2024年4月11日", [("ja", "2024年4月11日"), ("en", "April 10, 2024")]),
    ("April 10, 2024", "令和5年4月10日", [("ja", "令和5年4月10日"), ("en", "April 10, 2024")]),
    ("1,000 million dollars", "1000万ドル", [("ja", "1000万"), ("en", "1,000 million")]),
    ("the 12th meeting", "第十三回会合", [("ja", "十三"), ("en", "12th")]),
    ("in 2013", "2014年に", [("ja", "2014年"), ("en", "2013")]),
    ("two facilities", "3施設", [("ja", "3")]),     # a number word left unanswered: the number changed
]


@pytest.mark.parametrize("en,ja,expected", DIFFERENT)
def test_different_values_are_reported_where_they_are(en, ja, expected):
    assert hits(segment(en, ja), rule="number-mismatch") == expected
    assert hits(segment(en, ja), rule="number-omitted") == []


ONE_SIDED = [
    ("3 facilities", "施設", [("en", "3")]),
    ("in May", "5月と6月に", [("ja", "6月")]),
    ("1979 and 1979", "1979年", [("en", "1979")]),     # counts matter
]


@pytest.mark.parametrize("en,ja,expected", ONE_SIDED)
def test_a_number_on_one_side_only_is_omitted_not_changed(en, ja, expected):
    assert hits(segment(en, ja), rule="number-omitted") == expected
    assert hits(segment(en, ja), rule="number-mismatch") == []
