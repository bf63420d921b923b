"""sentence-omitted on real EN–JA pairs (the alignment gold set): silent on the translations, loud on damage."""
from __future__ import annotations

from pathlib import Path

import pytest
from checkutil import hits, segment

GOLD = Path(__file__).resolve().parent.parent / "bench" / "align-gold"
# the official and published professional pairs; the rust-* pairs are volunteer translations whose
# translator's notes (訳注) are real additions, reported as such (test below)
DOCS = sorted(p for p in GOLD.glob("*/*") if p.is_dir() and not p.name.startswith("rust-"))


def _paragraphs(folder: Path, lang: str) -> list[list[str]]:
    text = (folder / f"{lang}.txt").read_text(encoding="utf-8")
    return [[s for s in block.split("\n") if s.strip()] for block in text.strip().split("\n\n")]


def _join(sentences: list[str], lang: str) -> str:
    return (" " if lang == "en" else "").join(sentences)


def _whole(folder: Path, drop: tuple[str, int] | None = None, double: tuple[str, int] | None = None):
    """The document pair as one segment (all its sentences), optionally with a sentence deleted or doubled."""
    sides = {}
    for lang in ("en", "ja"):
        paras = _paragraphs(folder, lang)
        where = [(p, k) for p, para in enumerate(paras) for k in range(len(para))]
        if drop and drop[0] == lang:
            p, k = where[drop[1]]
            del paras[p][k]
        if double and double[0] == lang:
            p, k = where[double[1]]
            paras[p].insert(k + 1, paras[p][k])
        sides[lang] = "\n\n".join(_join(para, lang) for para in paras if para)
    return segment(sides["en"], sides["ja"])


def test_the_gold_set_has_real_pairs():
    assert len(DOCS) >= 7


@pytest.mark.parametrize("folder", DOCS, ids=lambda p: p.name)
def test_silent_on_professional_translations_as_whole_documents(folder):
    # 2012: one English sentence is two in Japanese; 2023: Nikkei's own sentence and paragraph breaks
    assert hits(_whole(folder), rule="sentence-omitted") == []


@pytest.mark.parametrize("folder", DOCS, ids=lambda p: p.name)
def test_silent_on_professional_translations_paragraph_by_paragraph(folder):
    en, ja = _paragraphs(folder, "en"), _paragraphs(folder, "ja")
    if len(en) != len(ja):
        pytest.skip("paragraphs differ in number: no paragraph segments")
    segs = [segment(_join(e, "en"), _join(j, "ja"), sid=f"p{k}") for k, (e, j) in enumerate(zip(en, ja, strict=True))]
    assert hits(*segs, rule="sentence-omitted") == []


def test_a_deleted_japanese_sentence_is_reported_at_its_english():
    folder = GOLD / "test" / "2015-joint-vision"
    found = hits(_whole(folder, drop=("ja", 5)), rule="sentence-omitted")
    assert len(found) == 1
    lang, text = found[0]
    assert lang == "en" and text.startswith("Generations of people from all walks of life")


def test_a_deleted_english_sentence_is_reported_at_its_japanese():
    folder = GOLD / "test" / "2015-joint-vision"
    found = hits(_whole(folder, drop=("en", 6)), rule="sentence-omitted")     # "This endeavor has brought …"
    assert len(found) == 1
    lang, text = found[0]
    # the counterpart of the deleted sentence, or its neighbour when lengths cannot tell the two apart
    assert lang == "ja" and text.startswith(("この努力が,日米両国を,今日における位置", "数世代にわたる"))


def test_a_sentence_written_twice_is_reported_once():
    folder = GOLD / "dev" / "2017-joint-statement"
    found = hits(_whole(folder, double=("ja", 4)), rule="sentence-omitted")
    assert len(found) == 1 and found[0][0] == "ja" and "アジア太平洋地域において厳しさを増す" in found[0][1]


def test_a_translators_note_is_not_an_omission():
    folder = GOLD / "test" / "2015-joint-vision"
    en, ja = _paragraphs(folder, "en"), _paragraphs(folder, "ja")
    ja[1].insert(1, "訳注：日本語の「同盟」は英語の alliance の訳語であり、"
                    "本声明では両国の安全保障協力の全体を指す語として用いられている。")
    seg = segment("\n\n".join(_join(p, "en") for p in en), "\n\n".join(_join(p, "ja") for p in ja))
    assert hits(seg, rule="sentence-omitted") == []
    ja[1][1] = ja[1][1].replace("訳注：", "")          # the same sentence, not marked as a note
    seg = segment("\n\n".join(_join(p, "en") for p in en), "\n\n".join(_join(p, "ja") for p in ja))
    assert [lang for lang, _ in hits(seg, rule="sentence-omitted")] == ["ja"]


def test_a_merge_of_two_sentences_is_not_an_omission():
    en = ("The two countries are also participating in ITER. It is a large multi-national project that aims "
          "to bridge significant science and technology gaps toward the realization of fusion energy.")
    ja = ("両国はまた、フュージョンエネルギーの実現に向けて科学技術上の大きなギャップを埋めることを目指す"
          "大規模な多国間プロジェクトであるITERに参加している。")
    assert hits(segment(en, ja), rule="sentence-omitted") == []


def test_a_blank_line_inside_a_segment_is_a_paragraph_the_aligner_keeps():
    """Paragraphs are paired before sentences: a Japanese sentence deleted from the first paragraph is
    reported at its English, which the document-wide alignment used to pair with a neighbour."""
    found = hits(_whole(GOLD / "dev" / "2014-joint-statement", drop=("ja", 1)), rule="sentence-omitted")
    assert len(found) == 1
    lang, text = found[0]
    assert lang == "en" and text.startswith("The relationship between the United States of America and Japan")
