"""Term matching: inflection and case in English, notation and compounds in Japanese."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_an_acronym_with_a_lower_case_o_is_a_variant_but_words_formulas_and_units_are_not():
    acronyms = [Concept(a.lower(), terms=[Term(a, "en", a.lower(), "preferred", "acronym", pos="properNoun")])
                for a in ("DOE", "CAO", "FES", "PA", "US")]
    ix = index(NIFS, *acronyms)
    assert found(ix, "the Department of Energy (DoE) and NiFS; Doe, doe and nifs are words", "en") == [
        ("DoE", "DOE", True)]
    # calcium oxide, iron sulphide, picoamperes, microsiemens: not the Cabinet Office, FES, a PA or the US
    assert found(ix, "A CaO coating; FeS inclusions; 5 pA leakage; 3 uS/cm; us and Us.", "en") == []
    # the same in Japanese text: full width and DoE are the acronym written otherwise, the rest are not it
    assert found(ix, "ＤＯＥとDoEとDOE、CaO被覆とFeS、5 pAの電流、doe", "ja") == [
        ("ＤＯＥ", "DOE", True), ("DoE", "DOE", True), ("DOE", "DOE", False)]


def test_english_terms_do_not_run_across_punctuation_they_do_not_have():
    ba = Concept("ba", terms=[Term("Broader Approach", "en", "ba", "preferred", pos="properNoun")])
    baa = Concept("baa", terms=[Term("Broader Approach Agreement", "en", "baa", "preferred", pos="properNoun")])
    mext = Concept("mext", terms=[Term("Ministry of Education, Culture, Sports, Science and Technology", "en",
                                       "mext", "preferred", pos="properNoun")])
    ix = index(FUSION, KAKUYUGO, ba, baa, mext, Concept("fusion-en", terms=[Term("fusion", "en", "fusion-en")]))
    # a list, a quotation, a sentence end and a bracket each end the run: the words are found on their own
    assert found(ix, "fusion, energy; fusion. Energy", "en") == [("fusion", "fusion", False),
                                                                ("fusion", "fusion", False)]
    assert found(ix, 'the "Broader Approach" agreement', "en") == [("Broader Approach", "Broader Approach", False)]
    assert found(ix, "the Broader Approach (agreement)", "en") == [("Broader Approach", "Broader Approach", False)]
    # the marks a term has itself are written across; spaces, line breaks and hyphens never break
    assert found(ix, "the Ministry of Education, Culture, Sports, Science and Technology", "en") == [
        ("Ministry of Education, Culture, Sports, Science and Technology",
         "Ministry of Education, Culture, Sports, Science and Technology", False)]
    assert found(ix, "fusion\nenergy and fusion-energy", "en") == [("fusion\nenergy", "fusion energy", False),
                                                                    ("fusion-energy", "fusion energy", False)]
    # the batch engine (many texts) the same
    texts = ["fusion, energy", 'the “Broader Approach” agreement', "fusion energy", "Ministry of Education, Culture, "
             "Sports, Science and Technology", "Ministry of Education. Culture, Sports, Science and Technology"] * 20
    assert list(ix.find_many(texts, "en")) == [ix.find(t, "en") for t in texts]
    assert len(ix.find(texts[-1], "en")) == 0 and len(ix.find(texts[-2], "en")) == 1


def test_a_katakana_word_after_a_separator_is_a_word_of_its_own():
    secretary = Concept("secretary", terms=[Term("エネルギー長官", "ja", "secretary", "admitted", pos="properNoun")])
    ix = index(USER, secretary)
    # the U.S. Embassy writes a katakana name, ・, then the title (corpus test/pair-16): the copy drops the ・,
    # but the title is still a word of its own; without the ・ it is not (ユーザ is not in ユーザビリティ)
    assert found(ix, "モニツ・エネルギー長官の講演", "ja") == [("エネルギー長官", "エネルギー長官", False)]
    assert found(ix, "モニツ･エネルギー長官", "ja") == [("エネルギー長官", "エネルギー長官", False)]
    # a space is not enough (layout puts spaces inside words too), nor nothing at all
    assert found(ix, "モニツ エネルギー長官", "ja") == []
    assert found(ix, "モニツエネルギー長官", "ja") == []
    assert found(ix, "ユーザビリティ", "ja") == []
    texts = ["モニツ・エネルギー長官の講演", "モニツエネルギー長官", "ユーザー・ビリティ"] * 20
    assert list(ix.find_many(texts, "ja")) == [ix.find(t, "ja") for t in texts]


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


# ----- the fast paths against a brute-force reference -----

from bilingual.glossary.matcher._english import pick as _pick_en  # noqa: E402
from bilingual.glossary.matcher._japanese import inside_exception as _inside_exception  # noqa: E402
from bilingual.glossary.matcher._japanese import lists_kanji_words as _lists_kanji_words  # noqa: E402
from bilingual.glossary.matcher._japanese import splits_word as _splits_word  # noqa: E402
from bilingual.text import english  # noqa: E402
from bilingual.text.normalize import normalize_ja_arrays  # noqa: E402

_PROPERTY = [
    FUSION, SYSTEM, NIFS, KAKUYUGO, USER, ROKKASHO,
    Concept("us", terms=[Term("US", "en", "us", "preferred", pos="properNoun"), Term("米国", "ja", "us", "preferred")]),
    Concept("doe", terms=[Term("Department of Energy", "en", "doe", "preferred", pos="properNoun"),
                          Term("DOE", "en", "doe", "preferred", "acronym", pos="properNoun"),
                          Term("エネルギー省", "ja", "doe", "preferred")]),
    Concept("commercialization", terms=[Term("commercialization", "en", "commercialization", "preferred"),
                                        Term("商業化", "ja", "commercialization", "preferred")]),
    Concept("energy", terms=[Term("energy", "en", "energy", "admitted"),
                             Term("エネルギー", "ja", "energy", "admitted")]),
    Concept("plant", terms=[Term("power plant", "en", "plant", "preferred"), Term("fusion power plant", "en", "plant"),
                            Term("plants", "en", "plant", "deprecated")]),
    Concept("nifs-short", terms=[Term("核融合研", "ja", "nifs-short", "admitted", "shortForm",
                                      exceptions=("核融合研究",))]),
    Concept("rd", terms=[Term("研究開発", "ja", "rd", "preferred"), Term("研究", "ja", "rd", "admitted")]),
    Concept("doe-us", terms=[Term("U.S. Department of Energy", "en", "doe-us", "preferred", pos="properNoun"),
                             Term("Science, Energy", "en", "doe-us", "admitted")]),
]
_WORDS = ["fusion", "Fusion", "systems", "system's", "energy", "Energy's", "energies", "national", "institute",
          "Institute", "for", "science", "NIFS", "nifs", "NIFS's", "US", "us", "Us", "Department", "department",
          "of", "Energy", "DOE", "doe", "commercial", "commercialization", "commercializations", "power", "plant",
          "plants", "Plants", "confusion", "deploying", "fusion-system", "U.S.", "it's", "0",
          "department of energy", "Department of Energy's", "national institute for fusion science",
          "National Institutes for Fusion Science", "fusion power plants", "U.S. Department", "Science, energy",
          "power, plant", "fusion (power) plant", "Department. of Energy", '"National Institute" for Fusion Science']
_SEPS = [" ", " ", " ", ", ", "-", ". ", " (", ") ", "\n", "’s "]
_JA_CHARS = list("核融合科学研究所開発のとユーザーービリティフュージョン・エネルギ省米国六ヶケ所"
                 "ﾌｭｰｼﾞｮﾝｴﾈﾙｷﾞｰDOEdoe　 、。")


def _reference(glossary: Glossary, text: str, lang: str):
    """Leftmost-longest among accepted matches, by brute force over every occurrence of every key."""
    if lang == "en":
        toks = english.tokens(text)
        words = [w for _, _, w in toks]
        keys = english.keys(words)
        table: dict[tuple, list[Term]] = {}
        for t in glossary.terms("en"):
            tw = [w for _, _, w in english.tokens(t.text)]
            if tw:
                table.setdefault(tuple(english.keys(tw)), []).append(t)
        cands = {}
        for key, terms in table.items():
            for i in range(len(keys) - len(key) + 1):
                if tuple(keys[i:i + len(key)]) == key and not _across_a_break(text, toks[i:i + len(key)], terms):
                    picked = _pick_en(terms, words[i:i + len(key)])
                    if picked[0] is not None:
                        cands[i, i + len(key)] = picked
        spans = {(a, b): (toks[a][0], toks[b - 1][1]) for a, b in cands}
    else:
        norm = normalize_ja(text)
        copy = norm.text
        table = {}
        acronyms = [t for t in glossary.terms("en") if t.type == "acronym" and t.approved]
        for t in [*glossary.terms("ja"), *acronyms]:
            k = normalize_ja(t.text).text
            if k:
                table.setdefault(k, []).append(t)
        cands = {}
        for key, terms in table.items():
            i = copy.find(key)
            while i != -1:
                a, b = i, i + len(key)
                i = copy.find(key, i + 1)
                # a ・ of the original, which the copy deleted, keeps katakana words apart
                open_before = a > 0 and any(c in "・･" for c in text[norm.ends[a - 1]:norm.origin[a]])
                open_after = b < len(copy) and any(c in "・･" for c in text[norm.ends[b - 1]:norm.origin[b]])
                if _splits_word(copy, a, b, open_before, open_after):
                    continue
                s, e = norm.span(a, b)
                term = next((t for t in terms if t.text == text[s:e]), None)
                picked = (term, False) if term else (terms[0], True)
                if picked[0].exceptions and any(_inside_exception(text, s, e, x) for x in picked[0].exceptions):
                    continue
                if picked[1] and _lists_kanji_words(text[s:e]) and not set("・･") & set(picked[0].text):
                    continue            # 安全・規制 lists two words: no notation of 安全規制
                cands[a, b] = picked
        spans = {(a, b): norm.span(a, b) for a, b in cands}
    out, pos = [], 0
    while True:
        later = [c for c in cands if c[0] >= pos]
        if not later:
            return out
        a, b = min(later, key=lambda c: (c[0], -c[1]))
        s, e = spans[a, b]
        out.append((s, e, cands[a, b][0].text, text[s:e], cands[a, b][1]))
        pos = b


def _marks(gap: str) -> set[str]:
    return {c for c in gap if c in ',.;:!?"“”‘«»()[]{}<>|—…（）「」『』【】〔〕、。，．；：！？'}


def _across_a_break(text: str, toks, terms) -> bool:
    """The words run across a punctuation mark that no term of the key has between those words."""
    for j in range(len(toks) - 1):
        allowed = set()
        for t in terms:
            tt = english.tokens(t.text)
            allowed |= _marks(t.text[tt[j][1]:tt[j + 1][0]])
        if _marks(text[toks[j][1]:toks[j + 1][0]]) - allowed:
            return True
    return False


def _rows(hits):
    return [(h.start, h.end, h.term.text, h.surface, h.variant) for h in hits]


_en_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=12).map(
    lambda parts: "".join(w + s for w, s in parts))
_JA_CHUNKS = ["核融合研究", "核融合科学研究所", "ユーザー", "ユーザ", "フュージョン・エネルギー", "ﾌｭｰｼﾞｮﾝｴﾈﾙｷﾞｰ",
              "六ケ所", "エネルギー省", "ＤＯＥ", "研究開発"]
_ja_texts = st.lists(st.sampled_from(_JA_CHARS + _JA_CHUNKS), max_size=20).map("".join)


@settings(deadline=None)   # the first example builds automata and imports numpy
@given(st.lists(_en_texts, min_size=1, max_size=6))
def test_english_fast_paths_agree_with_the_reference(texts):
    g = Glossary({c.id: c for c in _PROPERTY})
    ix = TermIndex(g)
    want = [_reference(g, t, "en") for t in texts]
    assert [_rows(ix.find(t, "en")) for t in texts] == want
    assert [_rows(h) for h in ix.find_all(texts, "en").lists()] == want


@settings(deadline=None)   # the first example builds automata and imports numpy
@given(st.lists(_ja_texts, min_size=1, max_size=6))
def test_japanese_fast_paths_agree_with_the_reference(texts):
    g = Glossary({c.id: c for c in _PROPERTY})
    ix = TermIndex(g)
    want = [_reference(g, t, "ja") for t in texts]
    assert [_rows(ix.find(t, "ja")) for t in texts] == want
    assert [_rows(h) for h in ix.find_all(texts, "ja").lists()] == want


# long texts full of matches that are refused (a cut katakana word, a listed exception, a derived word):
# each refusal makes the scan go on from inside the refused match, a stretch of text at a time
_REFUSED_JA = ["フュージョンエネルギー", "エネルギー省", "核融合研究", "ユーザビリティ", "ー", "ア", "研究開発"]
_REFUSED_EN = ["fusion systemic ", "fusion systems ", "Department of energy ", "power plants ", "fusion ",
               "fusion power systemic ", "energy "]


def test_one_index_serves_both_languages_in_any_order():
    """A session checks English and Japanese with one index, file after file: each language's tables
    stay its own (English, then Japanese, then English again)."""
    ix = TermIndex(Glossary({c.id: c for c in _PROPERTY}))
    en = ["fusion systems of the Department of Energy", "US power plants and NIFS"] * 30
    ja = ["核融合科学研究所とユーザー", "エネルギー省の研究開発、核融合"] * 30
    for texts, lang in ((en, "en"), (ja, "ja"), (en, "en"), (ja, "ja")):
        assert [_rows(h) for h in ix.find_many(texts, lang)] == [_rows(ix.find(t, lang)) for t in texts]


def _both_paths_agree_with_the_reference(text: str, lang: str) -> None:
    g = Glossary({c.id: c for c in _PROPERTY})
    ix = TermIndex(g)
    want = _reference(g, text, lang)
    assert _rows(ix.find(text, lang)) == want
    assert _rows(ix.find_all([text, "fusion 核融合"], lang).lists()[0]) == want


@settings(deadline=None, max_examples=40)
@given(st.lists(st.sampled_from(_REFUSED_JA + _JA_CHUNKS), min_size=20, max_size=150).map("".join))
def test_long_japanese_texts_with_many_refused_matches_agree_with_the_reference(text):
    _both_paths_agree_with_the_reference(text, "ja")


@settings(deadline=None, max_examples=40)
@given(st.lists(st.sampled_from(_REFUSED_EN), min_size=20, max_size=150).map("".join))
def test_long_english_texts_with_many_refused_matches_agree_with_the_reference(text):
    _both_paths_agree_with_the_reference(text, "en")


@given(_ja_texts)
def test_the_array_normaliser_gives_the_same_copy(text):
    norm = normalize_ja(text)
    copy, chars, origin, ends = normalize_ja_arrays(text)
    assert (copy, origin.tolist(), ends.tolist()) == (norm.text, norm.origin[:-1], norm.ends)
    assert chars.tolist() == [ord(c) for c in copy]


def _same_word_spec(written: str, term_word: str) -> bool:
    a, b = written.lower(), term_word.lower()
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[n:] in english._INFLECTIONS and b[n:] in english._INFLECTIONS


_word_pieces = st.lists(st.sampled_from(["fusion", "system", "energ", "commercial", "ization", "ly", "s", "es", "ies",
                                         "y", "ied", "e", "ed", "d", "ing", "'s", "’s", "'", "’", "S", "ING", "x", ""]),
                        max_size=4).map("".join)


@settings(deadline=None, max_examples=500)
@given(_word_pieces, _word_pieces)
def test_same_word_compares_what_follows_the_common_prefix(a, b):
    """``same_word`` (which skips most of the prefix at C speed) is its definition: the endings after the
    common prefix are both inflections; ``without_possessive`` strips what a regular expression would."""
    assert english.same_word(a, b) == _same_word_spec(a, b)
    assert english.without_possessive(a) == re.sub(r"[’']s$", "", a, flags=re.IGNORECASE)
