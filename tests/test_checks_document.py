"""Terminology across a document and within a pair: hits and near misses."""
from __future__ import annotations

from checkutil import GLOSSARY, concept, findings, hits, segment

from bilingual.glossary.model import Glossary, Term


def test_forbidden_and_variant_terms_and_their_near_misses():
    g = Glossary(dict(GLOSSARY.concepts))
    g.concepts["user"] = concept("user", ("user", "en", "preferred"), ("ユーザー", "ja", "preferred"),
                                 ("利用者様", "ja", "deprecated"))
    seg = segment(None, "ユーザの声と利用者様。ユーザビリティは別。核融合科学研究所は名前。")
    assert hits(seg, rule="term-variant", glossary=g, monolingual=True) == [("ja", "ユーザ")]
    assert hits(seg, rule="term-forbidden", glossary=g, monolingual=True) == [("ja", "利用者様")]


def test_a_term_inside_a_longer_name_is_not_a_use():
    seg = segment("The National Institute for Fusion Science studies fusion energy.",
                  "核融合科学研究所はフュージョンエネルギーを研究する。")
    assert hits(seg, rule="term-missing") == []
    assert hits(seg, rule="term-unexpected") == []


def test_inflected_english_matches():
    seg = segment("various fusion systems", "様々な方式")
    assert hits(seg, rule="term-missing") == [("en", "fusion systems")]
    assert hits(segment("various fusion systems", "多様な核融合方式"), rule="term-missing") == []


def test_katakana_term_does_not_fire_inside_a_longer_word_unless_the_glossary_says():
    g = Glossary({"user": concept("user", ("user", "en", "preferred"), ("ユーザ", "ja", "deprecated"))})
    assert hits(segment(None, "ユーザビリティ"), rule="term-forbidden", glossary=g, monolingual=True) == []
    # a glossary that lists the compound as a term of its own gets it reported
    g.concepts["usability"] = concept("usability", ("usability", "en", "preferred"),
                                      ("ユーザビリティ", "ja", "deprecated"))
    assert hits(segment(None, "ユーザビリティ"), rule="term-forbidden", glossary=g, monolingual=True) == [
        ("ja", "ユーザビリティ")]


def test_glossary_exceptions_suppress_a_term_inside_a_listed_word():
    g = Glossary({"fusion": concept("fusion", ("fusion", "en", "preferred"))})
    g.concepts["fusion"].terms.append(Term("核融合", "ja", "fusion", "deprecated", exceptions=("核融合炉",)))
    seg = segment(None, "核融合炉と核融合")
    assert hits(seg, rule="term-forbidden", glossary=g, monolingual=True) == [("ja", "核融合")]


def test_term_inconsistent_two_full_forms_of_one_concept():
    doc = [segment("fusion energy", "フュージョンエネルギー", "a"), segment("fusion energy", "核融合エネルギー", "b")]
    assert hits(*doc, rule="term-inconsistent") == [("ja", "核融合エネルギー")]
    f = findings(*doc, rules=["term-inconsistent"])[0]
    assert f.suggestion == "フュージョンエネルギー" and f.segment == "b"


def test_term_inconsistent_allows_a_full_form_and_its_short_form_and_acronym():
    doc = [segment("Department of Energy (DOE)", "米国エネルギー省（DOE）", "a"),
           segment("the Department of Energy", "エネルギー省", "b")]
    assert hits(*doc, rule="term-inconsistent") == []
    assert hits(segment("fusion energy", "フュージョンエネルギー", "a"),
                segment("fusion energy", "フュージョンエネルギー", "b"), rule="term-inconsistent") == []


def test_term_inconsistent_allows_renderings_named_together_in_brackets():
    # MOFA's page heads its text 「より広範な取組を通じた活動(ブローダー・アプローチ,…)」 and then writes either
    # (corpus test/ja-48; made up here with fusion energy's two full forms)
    doc = [segment("fusion energy", "フュージョンエネルギー（核融合エネルギー、fusion energy）", "a"),
           segment("fusion energy", "核融合エネルギーの研究", "b"),
           segment("fusion energy", "フュージョンエネルギーの実現", "c")]
    assert hits(*doc, rule="term-inconsistent") == []
    # named together only in another concept's brackets, or apart, they are still two renderings
    apart = [segment("fusion energy", "フュージョンエネルギーの研究（ITER）", "a"),
             segment("fusion energy", "核融合エネルギー", "b")]
    assert hits(*apart, rule="term-inconsistent") == [("ja", "核融合エネルギー")]


def test_abbreviation_used_before_its_full_form():
    doc = [segment("DOE funds it.", "DOEが支援する。", "a"),
           segment("The Department of Energy (DOE) funds it.", "米国エネルギー省（DOE）が支援する。", "b")]
    assert hits(*doc, rule="abbreviation-undefined") == [("en", "DOE"), ("ja", "DOE")]
    f = findings(*doc, rules=["abbreviation-undefined"])[0]
    assert f.suggestion == "Department of Energy (DOE)"


def test_abbreviation_defined_first_or_a_name_on_its_own_is_fine():
    doc = [segment("The Department of Energy (DOE) funds it.", "米国エネルギー省（DOE）が支援する。", "a"),
           segment("DOE funds it.", "DOEが支援する。", "b")]
    assert hits(*doc, rule="abbreviation-undefined") == []
    # ITER: English prefers the acronym; it needs no definition in either language
    assert hits(segment("ITER is large.", "ITERは大きい。"), rule="abbreviation-undefined") == []


def test_term_unexpected():
    assert hits(segment("The plan.", "フュージョンエネルギーの計画。"), rule="term-unexpected") == [
        ("ja", "フュージョンエネルギー")]
    # a term inside a longer English term counts; places are often English adjectives
    assert hits(segment("Japanese plans for fusion energy.", "日本のフュージョンエネルギー計画。"),
                rule="term-unexpected") == []


CONTENT = """\
kind: joint-statement
id: t
date: 2024-04-10
parties: [doe, nifs]
title: {en: Title, ja: 表題}
body:
  - id: p1
    en: fusion energy
    ja: フュージョンエネルギー
  - id: p2
    en: fusion energy
    ja: 核融合エネルギー  # bilingual: ignore[term-inconsistent]
  - id: p3
    en: fusion energy
    ja: 核融合エネルギー
"""


def test_inline_suppression_in_content_yaml(tmp_path):
    from bilingual.checks import Context, run_checks
    from bilingual.content.loader import load_document
    from bilingual.glossary.matcher import TermIndex

    path = tmp_path / "doc.yaml"
    path.write_text(CONTENT, encoding="utf-8")
    doc = load_document(path, GLOSSARY)
    ctx = Context(str(path), list(doc.segments()), GLOSSARY, TermIndex(GLOSSARY), document=doc)
    found = run_checks(ctx, select=["term-inconsistent"])
    assert [(f.segment, f.line) for f in found] == [("p3", 15)]


def test_term_inconsistent_does_not_count_compounds():
    doc = [segment("fusion research", "核融合研究開発", "a"), segment("fusion", "フュージョンの導入", "b")]
    g = Glossary(dict(GLOSSARY.concepts))
    g.concepts["fusion"] = concept("fusion", ("fusion", "en", "preferred"), ("核融合", "ja", "preferred"),
                                   ("フュージョン", "ja", "admitted"))
    assert hits(*doc, rule="term-inconsistent", glossary=g) == []
    doc.append(segment("fusion", "核融合の導入", "c"))
    assert hits(*doc, rule="term-inconsistent", glossary=g) == [("ja", "核融合")]


def test_a_capitalised_one_word_term_matches_only_in_its_case():
    g = Glossary({"us": concept("us", ("United States", "en", "preferred", "fullForm", "properNoun"))})
    g.concepts["us"].terms.append(Term("US", "en", "us", "admitted", "variant", "properNoun"))
    assert hits(segment("Let us see the US plan.", None), rule="term-variant", glossary=g, monolingual=True) == [
        ("en", "US")]
