"""Term matching: inflection and case in English, notation and compounds in Japanese."""
from __future__ import annotations

from hypothesis import given, strategies as st

from bilingual.glossary.matcher import TermIndex
from bilingual.glossary.model import Concept, Glossary, Term
from bilingual.text.normalize import normalize_ja


def index(*concepts: Concept) -> TermIndex:
    return TermIndex(Glossary({c.id: c for c in concepts}))


FUSION = Concept("fusion-energy", terms=[
    Term("fusion energy", "en", "fusion-energy", "preferred"),
    Term("フュージョンエネルギー", "ja", "fusion-energy", "preferred"),
    Term("核融合エネルギー", "ja", "fusion-energy", "admitted")])
SYSTEM = Concept("fusion-system", terms=[Term("fusion system", "en", "fusion-system", "preferred"),
                                         Term("核融合方式", "ja", "fusion-system", "preferred")])
NIFS = Concept("nifs", terms=[
    Term("National Institute for Fusion Science", "en", "nifs", "preferred", pos="properNoun"),
    Term("NIFS", "en", "nifs", "preferred", "acronym", pos="properNoun"),
    Term("核融合科学研究所", "ja", "nifs", "preferred", pos="properNoun")])
KAKUYUGO = Concept("fusion", terms=[Term("核融合", "ja", "fusion", "admitted")])
USER = Concept("user", terms=[Term("ユーザー", "ja", "user", "preferred")])
ROKKASHO = Concept("rokkasho", terms=[Term("六ヶ所", "ja", "rokkasho", "preferred", pos="properNoun")])


def found(ix: TermIndex, text: str, lang: str):
    return [(text[h.start:h.end], h.term.text, h.variant) for h in ix.find(text, lang)]


def test_english_plural_and_possessive_forms_match():
    ix = index(FUSION, SYSTEM)
    assert found(ix, "various fusion systems and fusion energy's promise", "en") == [
        ("fusion systems", "fusion system", False), ("fusion energy's", "fusion energy", False)]


def test_english_case_of_a_proper_name_is_a_variant_but_common_nouns_are_not():
    ix = index(FUSION, NIFS)
    assert found(ix, "Fusion Energy at the national institute for fusion science", "en") == [
        ("Fusion Energy", "fusion energy", False),
        ("national institute for fusion science", "National Institute for Fusion Science", True)]


def test_acronyms_match_only_in_their_own_case():
    ix = index(NIFS)
    assert found(ix, "NIFS's device; nifs is not it", "en") == [("NIFS's", "NIFS", False)]


def test_english_words_must_be_whole():
    ix = index(SYSTEM)
    assert found(ix, "confusion systems", "en") == []


def test_longest_term_wins_and_the_shorter_inside_is_not_reported():
    ix = index(KAKUYUGO, NIFS)
    assert found(ix, "核融合科学研究所と核融合", "ja") == [("核融合科学研究所", "核融合科学研究所", False),
                                                    ("核融合", "核融合", False)]


def test_japanese_notation_variants_match_and_map_to_the_original_characters():
    ix = index(FUSION, ROKKASHO)
    text = "フュージョン・エネルギーとﾌｭｰｼﾞｮﾝｴﾈﾙｷﾞｰ、六ケ所"
    assert found(ix, text, "ja") == [("フュージョン・エネルギー", "フュージョンエネルギー", True),
                                     ("ﾌｭｰｼﾞｮﾝｴﾈﾙｷﾞｰ", "フュージョンエネルギー", True),
                                     ("六ケ所", "六ヶ所", True)]


def test_katakana_term_does_not_fire_inside_a_longer_katakana_word():
    ix = index(USER)
    assert found(ix, "ユーザビリティ", "ja") == []
    assert found(ix, "ユーザの声", "ja") == [("ユーザ", "ユーザー", True)]


def test_exceptions_listed_in_the_glossary_suppress_a_match():
    term = Term("核融合", "ja", "fusion", "admitted", exceptions=("核融合炉",))
    ix = index(Concept("fusion", terms=[term]))
    assert found(ix, "核融合炉と核融合", "ja") == [("核融合", "核融合", False)]


@given(st.text(alphabet=st.sampled_from(list("アイウエオカヴァーー・ｶﾞｰﾊﾟ　 ＡＢａb12１２核融合、。-ヶ")), max_size=40))
def test_normalised_copy_maps_every_character_back(text):
    norm = normalize_ja(text)
    assert len(norm.origin) == len(norm.text) + 1 and len(norm.ends) == len(norm.text)
    last = 0
    for k in range(len(norm.text)):
        s, e = norm.span(k, k + 1)
        assert last <= s < e <= len(text)
        last = s


def test_derived_words_sharing_a_stem_are_not_the_term():
    term = Concept("commercialization", terms=[Term("commercialization", "en", "commercialization", "preferred")])
    ix = index(term, Concept("deploy", terms=[Term("deployment", "en", "deploy", "preferred")]))
    assert found(ix, "commercial, commercially, commercializations; deploying deployments", "en") == [
        ("commercializations", "commercialization", False), ("deployments", "deployment", False)]


def test_a_refused_longest_match_gives_way_to_the_terms_inside_it():
    nifs_short = Term("核融合研", "ja", "nifs", "admitted", "shortForm", exceptions=("核融合研究",))
    rd = Concept("rd", terms=[Term("研究開発", "ja", "rd", "preferred")])
    ix = index(Concept("nifs", terms=[nifs_short]), KAKUYUGO, rd)
    assert found(ix, "核融合研究開発と核融合研", "ja") == [("核融合", "核融合", False), ("研究開発", "研究開発", False),
                                                 ("核融合研", "核融合研", False)]
