"""The term matcher's two engines give the same hits: ``find`` (one text, plain Python) and the batch
engine of ``find_many`` (many texts, numpy), on every class of input (a fixed seed: the same examples
every run)."""
from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from bilingual.glossary.matcher import TermIndex
from bilingual.glossary.model import Concept, Glossary, Term


def _c(cid: str, *terms: tuple) -> Concept:
    return Concept(cid, terms=[Term(text, lang, cid, *rest) for text, lang, *rest in terms])


GLOSSARY = Glossary({c.id: c for c in [
    _c("fusion", ("fusion", "en", "admitted"), ("核融合", "ja", "admitted")),
    _c("fusion-energy", ("fusion energy", "en", "preferred"), ("フュージョンエネルギー", "ja", "preferred"),
       ("核融合エネルギー", "ja", "admitted")),
    _c("energy", ("energy", "en", "admitted"), ("エネルギー", "ja", "admitted")),
    _c("fusion-power-plant", ("fusion power plant", "en", "preferred"), ("power plant", "en", "admitted"),
       ("plants", "en", "deprecated"), ("核融合発電所", "ja", "preferred")),
    _c("nifs", ("National Institute for Fusion Science", "en", "preferred", "fullForm", "properNoun"),
       ("NIFS", "en", "preferred", "acronym", "properNoun"), ("核融合科学研究所", "ja", "preferred", "fullForm",
                                                               "properNoun")),
    _c("nifs-short", ("核融合研", "ja", "admitted", "shortForm", "noun", None, None, True, ("核融合研究",))),
    _c("us", ("US", "en", "preferred", "fullForm", "properNoun"), ("米国", "ja", "preferred")),
    _c("doe", ("DOE", "en", "preferred", "acronym", "properNoun"), ("エネルギー省", "ja", "preferred")),
    _c("user", ("user", "en", "preferred"), ("ユーザー", "ja", "preferred")),
    _c("rokkasho", ("六ヶ所", "ja", "preferred", "fullForm", "properNoun")),
    _c("rd", ("research and development", "en", "preferred"), ("研究開発", "ja", "preferred"),
       ("研究", "ja", "admitted")),
    _c("commercialization", ("commercialization", "en", "preferred"), ("商業化", "ja", "preferred")),
    _c("doe-us", ("U.S. Department of Energy", "en", "preferred", "fullForm", "properNoun"),
       ("research, and development", "en", "admitted")),
]})

# English: terms in every case, inflected, possessive, derived, cut by punctuation (or written with their own),
# overlapping
_EN_WORDS = ["fusion", "Fusion", "FUSION", "fusions", "energy", "energies", "Energy's", "power", "plant",
             "plants", "Plants", "National", "national", "Institute", "institutes", "for", "Science", "NIFS",
             "nifs", "NIFS's", "US", "us", "Us", "DOE", "doe", "user", "users", "research", "and",
             "development", "developments", "commercial", "commercialization", "commercially", "confusion",
             "U.S.", "it's", "2024", "Department", "of", "Energy", "research,", "power, plant", "fusion (power",
             "Institute. for"]
_EN_SEPS = [" ", " ", " ", ", ", "-", ". ", " (", ") ", "\n", "’s ", "’"]
# Japanese: full and half width, ・ between words, long vowel marks, ヶ/ケ, overlapping and nested terms,
# katakana words that a term would cut, Latin letters in both widths
_JA_PIECES = ["核融合", "核融合科学研究所", "核融合研", "核融合研究", "研究開発", "研究", "エネルギー", "エネルギー省",
              "フュージョン・エネルギー", "フュージョンエネルギー", "ﾌｭｰｼﾞｮﾝｴﾈﾙｷﾞｰ", "ユーザー", "ユーザ",
              "ユーザビリティ", "六ヶ所", "六ケ所", "米国", "DOE", "ＤＯＥ", "doe", "発電所", "核融合発電所",
              "の", "と", "、", "。", "・", "ー", "ｰ", "　", " ", "ア", "A", "1"]

_en_texts = st.lists(st.tuples(st.sampled_from(_EN_WORDS), st.sampled_from(_EN_SEPS)), max_size=16).map(
    lambda parts: "".join(w + s for w, s in parts))
_ja_texts = st.lists(st.sampled_from(_JA_PIECES), max_size=24).map("".join)
_mixed_texts = st.lists(st.sampled_from(_JA_PIECES + [w + " " for w in _EN_WORDS]), max_size=20).map("".join)


def _rows(hits):
    return [(h.start, h.end, h.term.concept, h.term.text, h.surface, h.variant) for h in hits]


def _engines_agree(texts: list[str], lang: str) -> None:
    ix = TermIndex(GLOSSARY)
    plain = [_rows(ix.find(t, lang)) for t in texts]
    assert [_rows(h) for h in ix.find_all(texts, lang)] == plain
    # and again on a fresh index, batch first: what each engine remembers does not change the hits
    ix = TermIndex(GLOSSARY)
    assert [_rows(h) for h in ix.find_all(texts, lang)] == plain
    assert [_rows(ix.find(t, lang)) for t in texts] == plain
    # in runs of texts (one text a run, a few texts a run): the same hits, each in its own text
    for chunk in (1, 40):
        assert [_rows(h) for h in ix.find_all(texts, lang, chunk=chunk)] == plain


@seed(20261204)
@settings(deadline=None, max_examples=150)
@given(st.lists(_en_texts, min_size=1, max_size=8))
def test_engines_agree_on_english(texts):
    _engines_agree(texts, "en")


@seed(20261204)
@settings(deadline=None, max_examples=150)
@given(st.lists(_ja_texts, min_size=1, max_size=8))
def test_engines_agree_on_japanese(texts):
    _engines_agree(texts, "ja")


@seed(20261204)
@settings(deadline=None, max_examples=100)
@given(st.lists(_mixed_texts, min_size=1, max_size=8), st.sampled_from(["en", "ja"]))
def test_engines_agree_on_mixed_text(texts, lang):
    _engines_agree(texts, lang)


@seed(20261204)
@settings(deadline=None, max_examples=30)
@given(st.lists(st.sampled_from(["フュージョンエネルギー", "ユーザビリティ", "核融合研究", "ー", "ア", "研究開発"]),
                min_size=20, max_size=120).map("".join),
       st.lists(st.sampled_from(["fusion powers ", "power plants ", "Fusion ", "nifs ", "commercially "]),
                min_size=20, max_size=120).map("".join))
def test_engines_agree_on_long_texts_full_of_refused_matches(ja, en):
    _engines_agree([ja, "核融合"], "ja")
    _engines_agree([en, "fusion"], "en")


def test_many_texts_go_through_the_batch_engine_and_agree():
    """``find_many`` (the checks' path) from 50 texts on gives each text what ``find`` gives it."""
    texts = ["Fusion energy at NIFS; the US DOE's power plants",
             "核融合科学研究所とフュージョン・エネルギー、ユーザの声"] * 40
    ix = TermIndex(GLOSSARY)
    for lang in ("en", "ja"):
        assert [_rows(h) for h in ix.find_many(texts, lang)] == [_rows(ix.find(t, lang)) for t in texts]
        assert any(ix.find(t, lang) for t in texts)
