"""Japanese style, brackets, end punctuation, repeated words, same-as-source: hits and near misses."""
from __future__ import annotations

import pytest
from checkutil import findings, hits, segment
from hypothesis import given
from hypothesis import strategies as st


def ja(text: str, rule: str):
    return [t for _, t in hits(segment(None, text), rule=rule, monolingual=True)]


@pytest.mark.parametrize("text,expected", [
    ("研究を行い,成果を得た.", [",", "."]),
    ("文部科学省(MEXT)は", ["(", ")"]),
    ("本当か?", ["?"]),
    ("すごい!", ["!"]),
])
def test_half_width_punctuation_next_to_japanese(text, expected):
    assert ja(text, "ja-punctuation") == expected


@pytest.mark.parametrize("text", [
    "予算は1,000ドル、1.5倍である。",          # digits keep their separators
    "U.S. and Japan と書く。",                # Latin text inside Japanese keeps its own punctuation
    "詳細は https://example.org/a,b.html を参照。",
    "（MEXT）と（DOE）",
    "Hello, world (test)!",
])
def test_no_punctuation_finding_on_latin_digits_urls_or_full_width(text):
    assert ja(text, "ja-punctuation") == []


def test_width():
    assert ja("ﾌｭｰｼﾞｮﾝとＩＴＥＲと２０２４年", "ja-width") == ["ﾌｭｰｼﾞｮﾝ", "ＩＴＥＲ", "２０２４"]
    assert ja("フュージョンとITERと2024年、（）！？％", "ja-width") == []
    f = findings(segment(None, "ＩＴＥＲ"), rules=["ja-width"], monolingual=True)[0]
    assert f.suggestion == "ITER" and f.severity == "warning"


def test_a_dash_or_minus_typed_for_the_long_vowel_mark_or_a_hyphen():
    # the AEC's 1998 decision (corpus test/ja-82) and MEXT's 2008 summary (test/ja-86): パ−トナ−, JT−60
    assert ja("国際パ−トナ−の動向とJT‐60とJT−60", "ja-width") == ["−", "−", "−"]
    # not: a dash as punctuation after katakana, a hyphen in a code, a minus before a number
    assert ja("ファクトシート―高速炉臨界実験装置、JT-60SA、−5度", "ja-width") == []


def test_whitespace():
    seg = segment(" lead  double trail ", "核融合 研究と ITER 計画　")
    assert hits(seg, rule="whitespace") == [("en", " "), ("en", "  "), ("en", " "), ("ja", " "), ("ja", "\u3000")]
    assert findings(seg, rules=["whitespace"])[0].severity == "info"
    assert hits(segment("one space", "ITER と DOE"), rule="whitespace") == []


@given(st.text(alphabet="ab. \t\u3000\n", min_size=1, max_size=14))
def test_english_whitespace_is_every_leading_trailing_or_doubled_run(text):
    # every run of spaces, tabs and ideographic spaces that starts or ends the text or is longer than one
    # character, each once, and nothing else (one space between words is fine); but a line's indent is
    # layout: any on a later line, and on the first before a list item (a. …), unless it ends the line
    import re

    def indent(m):
        if m.end() == len(text) or text[m.end()] == "\n":
            return False
        return text[m.start() - 1] == "\n" if m.start() else re.match(r"[a-z][.)]\s", text[m.end():]) is not None

    want = [m.group() for m in re.finditer(r"[ \t\u3000]+", text)
            if (m.start() == 0 or m.end() == len(text) or len(m.group()) > 1) and not indent(m)]
    assert [t for lang, t in hits(segment(text, None), rule="whitespace", monolingual=True)] == want


@pytest.mark.parametrize("text,expected", [
    ("「核融合", ["「"]),
    ("核融合」", ["」"]),
    ("『核融合」", ["『"]),
    ("（核融合【研究）", ["【"]),
    ("a (b", ["("]),
])
def test_brackets_unbalanced(text, expected):
    assert [t for _, t in hits(segment(None, text), rule="bracket-unbalanced", monolingual=True)] == expected


@pytest.mark.parametrize("text", ["「核融合（フュージョン）」", "『戦略』【注】〔例〕", "the world’s, countries’ plans",
                                  "1) first, a) second", "see https://example.org/a_(b)"])
def test_balanced_brackets_are_fine(text):
    assert hits(segment(None, text), rule="bracket-unbalanced", monolingual=True) == []


@pytest.mark.parametrize("en,ja,fires", [
    ("A sentence.", "文である。", False),
    ("A heading", "見出し", False),
    ("An item;", "項目である。", False),
    ("An item; and", "項目である。", False),
    ("A question?", "質問か？", False),
    ("See <https://x.org>.", "<https://x.org>。", False),
    ("A sentence.", "文である", True),
    ("A heading", "見出し。", True),
    ("A question?", "質問である。", True),
])
def test_end_punctuation(en, ja, fires):
    assert bool(hits(segment(en, ja), rule="end-punctuation")) is fires


def test_repeated_words_and_doubled_particles():
    assert hits(segment("the the plan", None), rule="repeated-word", monolingual=True) == [("en", "the")]
    assert hits(segment(None, "研究をを行う。計画にに参加"), rule="repeated-word", monolingual=True) == [
        ("ja", "を"), ("ja", "に")]


@pytest.mark.parametrize("text", ["克服するとともに", "もののけ", "ここで", "人々の", "国々の"])
def test_words_that_look_doubled_are_not(text):
    assert hits(segment(None, text), rule="repeated-word", monolingual=True) == []


def test_repeated_word_near_misses_in_english():
    assert hits(segment("that that is, had had; the theory", None), rule="repeated-word", monolingual=True) == []


def test_same_as_source():
    assert hits(segment("Fusion energy plan", "Fusion energy plan"), rule="same-as-source") == [
        ("ja", "Fusion energy plan")]
    for same in ("ITER", "DOE-MEXT", "2024", "https://example.org/fusion/energy", "<https://x.org/a>."):
        assert hits(segment(same, same), rule="same-as-source") == []


def test_monolingual_inputs_get_only_single_language_rules():
    rules = {f.rule for f in findings(segment("Plan 3.", None), monolingual=True)}
    assert "untranslated" not in rules and "number-mismatch" not in rules
    rules = {f.rule for f in findings(segment("Plan 3.", None))}
    assert "untranslated" in rules
