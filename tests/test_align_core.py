"""The sentence splitter and the aligner's dynamic programme."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.core import Params, align_units
from bilingual.align.features import Featurizer, Unit
from bilingual.text.sentences import sentences, split

P = Params(ratio=0.55, variance=2.0)


def _units(texts, lang):
    return Featurizer(lang).units(texts)


# ----- sentence splitting -----

def test_english_abbreviations_do_not_end_a_sentence():
    text = "The U.S. delegation met Dr. Tanaka in Room No. 5 on Apr. 10. The talks went well."
    assert sentences(text, "en") == ["The U.S. delegation met Dr. Tanaka in Room No. 5 on Apr. 10.",
                                     "The talks went well."]


def test_english_footnote_mark_stays_with_its_sentence():
    assert sentences("Fusion is promising.12 It needs work.", "en") == ["Fusion is promising.12", "It needs work."]


def test_japanese_brackets_are_kept_whole():
    text = "大臣は「協力を進める。期待している。」と述べた。（詳細は別紙。）次回は東京で開く！"
    got = sentences(text, "ja")
    assert got[0] == "大臣は「協力を進める。期待している。」と述べた。"
    assert "次回は東京で開く！" in got[-1]
    assert all(s.count("「") == s.count("」") and s.count("（") == s.count("）") for s in got)


def test_code_spans_and_brackets_are_kept_whole():
    text = "Should you call `panic!` or return `Result`? (See Chapter 9. It explains this.) Read [the guide!][g] now."
    assert sentences(text, "en") == ["Should you call `panic!` or return `Result`?",
                                     "(See Chapter 9. It explains this.)",
                                     "Read [the guide!][g] now."]


def test_a_stray_bracket_does_not_swallow_the_text():
    text = "The smiley :-( is old. " + " ".join(f"Sentence number {k} is here." for k in range(40))
    assert len(sentences(text, "en")) > 20


def test_list_items_are_sentences():
    assert sentences("Areas:\n- plasma physics\n- materials", "en") == ["Areas:", "- plasma physics", "- materials"]
    assert sentences("分野：\n・プラズマ物理\n・材料", "ja") == ["分野：", "・プラズマ物理", "・材料"]


def test_wrapped_lines_are_one_sentence():
    assert sentences("The leaders\nagreed to meet again.", "en") == ["The leaders\nagreed to meet again."]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["The U.S. agreed.", "Dr. Smith left.", "協力する。", "「はい。」と言った。",
                                 "x", " ", "\n", "・項目", "No. 5 is here!", "本当？"]), max_size=12),
       st.sampled_from(["en", "ja"]))
def test_spans_are_ordered_trimmed_and_inside_the_text(pieces, lang):
    text = "".join(pieces)
    spans = split(text, lang)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
    # no non-space character is lost
    covered = set(i for s, e in spans for i in range(s, e))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


# ----- alignment -----

EN = ["The leaders met in Washington on April 10, 2024.",
      "They agreed to deepen cooperation on fusion energy.",
      "The DOE and MEXT will lead the joint work.",
      "About 1,000 researchers are expected to take part.",
      "The next meeting will be held in Tokyo."]
JA = ["両首脳は2024年4月10日にワシントンで会談した。",
      "両首脳はフュージョンエネルギーに関する協力の深化に合意した。",
      "DOEと文部科学省(MEXT)が共同作業を主導する。",
      "約1000人の研究者の参加が見込まれる。",
      "次回会合は東京で開催される。"]


def test_one_to_one_document_aligns_one_to_one():
    beads = align_units(_units(EN, "en"), _units(JA, "ja"), P)
    assert [(b.en, b.ja) for b in beads] == [([k], [k]) for k in range(5)]
    assert all(b.confidence > 0.7 for b in beads)


def test_two_sentences_merged_in_japanese_make_a_2_1_bead():
    ja = [JA[0], JA[1] + JA[2], JA[3], JA[4]]
    beads = align_units(_units(EN, "en"), _units(ja, "ja"), P)
    assert [(b.en, b.ja) for b in beads] == [([0], [0]), ([1, 2], [1]), ([3], [2]), ([4], [3])]
    assert "merged" in " ".join(beads[1].reasons)


def test_a_deleted_sentence_is_a_1_0_bead():
    ja = JA[:3] + JA[4:]
    beads = align_units(_units(EN, "en"), _units(ja, "ja"), P)
    assert ([3], []) in [(b.en, b.ja) for b in beads]
    gap = next(b for b in beads if not b.ja)
    assert gap.confidence < 0.5 and "no Japanese counterpart" in gap.reasons[0]


def test_numbers_decide_between_sentences_of_equal_length():
    en = ["The budget is 300 million yen.", "The staff is 45 people."]
    ja = ["職員は45人である。", "予算は3億円である。"]
    # the Japanese is in the other order: the numbers say the 1–1 pairing is wrong
    beads = align_units(_units(en, "en"), _units(ja, "ja"), P)
    pairs = [(b.en, b.ja) for b in beads]
    assert ([0], [0]) not in pairs and ([1], [1]) not in pairs


def test_mismatched_numbers_lower_confidence():
    good = align_units(_units(["We invest 300 million yen."], "en"), _units(["3億円を投資する。"], "ja"), P)[0]
    bad = align_units(_units(["We invest 300 million yen."], "en"), _units(["5億円を投資する。"], "ja"), P)[0]
    assert bad.confidence < good.confidence
    assert any("300000000" in r for r in bad.reasons)


def test_a_translators_note_paragraph_stands_alone_and_keeps_its_neighbours_in_line():
    # a volunteer translation's 訳注 paragraph, as in rust-lang-ja's Rust book (bench/align-gold)
    en_paras = [EN[:2], EN[2:]]
    ja_paras = [JA[:2], ["訳注：この節の用語は日本語版の用語集に従います。", "用語集は巻末にあります。"], JA[2:]]
    en = [Unit(t, len(t.replace(" ", "")), para=p) for p, para in enumerate(en_paras) for t in para]
    ja = [Unit(t, len(t), para=p) for p, para in enumerate(ja_paras) for t in para]
    beads = align_units(en, ja, P)
    pairs = [(b.en, b.ja) for b in beads]
    assert pairs == [([0], [0]), ([1], [1]), ([], [2]), ([], [3]), ([2], [4]), ([3], [5]), ([4], [6])]
    assert [b.note for b in beads] == [False, False, True, True, False, False, False]
    assert "translator's note" in beads[2].reasons[0]


def test_paragraphs_first():
    en = [Unit(t, len(t), para=p) for p, t in [(0, "a" * 40), (0, "b" * 40), (1, "c" * 80)]]
    ja = [Unit(t, len(t), para=p) for p, t in [(0, "あ" * 44), (1, "い" * 20), (1, "う" * 20)]]
    beads = align_units(en, ja, P)
    # no bead crosses the paragraph break, though lengths alone would pair them otherwise
    for b in beads:
        assert len({en[k].para for k in b.en}) <= 1 and len({ja[k].para for k in b.ja}) <= 1


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 120), min_size=0, max_size=25), st.lists(st.integers(1, 120), min_size=0, max_size=25),
       st.integers(1, 4))
def test_beads_cover_every_sentence_once_in_order(en_lens, ja_lens, band):
    en = [Unit("e", n) for n in en_lens]
    ja = [Unit("j", n) for n in ja_lens]
    beads = align_units(en, ja, Params(band=band))
    assert [k for b in beads for k in b.en] == list(range(len(en)))
    assert [k for b in beads for k in b.ja] == list(range(len(ja)))
    assert all(b.en or b.ja for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(5, 150), min_size=1, max_size=40))
def test_a_translation_with_proportional_lengths_aligns_one_to_one(lens):
    en = [Unit("e", n) for n in lens]
    ja = [Unit("j", max(1, round(n * 0.55))) for n in lens]
    beads = align_units(en, ja, P)
    assert [(b.en, b.ja) for b in beads] == [([k], [k]) for k in range(len(lens))]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab .!?\n1,2")) | st.characters(), max_size=60), max_size=6),
       st.lists(st.text(alphabet=st.sampled_from(list("あ。「」（）\n１2")) | st.characters(), max_size=40),
                max_size=6))
def test_any_paragraphs_align_without_error_and_every_sentence_once(en_paras, ja_paras):
    from bilingual.align.document import Aligner

    result = Aligner().align_paragraphs(en_paras, ja_paras)
    assert sorted(k for b in result.beads for k in b.en) == list(range(len(result.en)))
    assert sorted(k for b in result.beads for k in b.ja) == list(range(len(result.ja)))


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from(["n:1", "n:2", "u:x", "a:DOE", "c:fusion", "t:a", "t:b"]), st.integers(1, 3)),
       st.dictionaries(st.sampled_from(["n:1", "n:2", "u:x", "a:DOE", "c:fusion", "t:a", "t:b"]), st.integers(1, 3)))
def test_the_fast_anchor_cost_is_the_anchor_score(en, ja):
    from collections import Counter

    from bilingual.align.features import anchor_cost, anchor_score, miss_weight

    en, ja = Counter(en), Counter(ja)
    matched, missed, _, _ = anchor_score(en, ja)
    assert abs(anchor_cost(en, ja, miss_weight(en), miss_weight(ja)) - (missed - matched)) < 1e-9


def test_a_tm_hit_decides_which_sentence_a_translation_belongs_to():
    class TM:                                  # the part of a TM store the aligner uses
        def exact(self, text, lang):
            from types import SimpleNamespace

            pairs = {"The council met in late autumn.": "委員会は秋に会合した。"}
            return [SimpleNamespace(ja=pairs[text])] if text in pairs else []

    en = ["The council met in May.", "The council met in late autumn."]
    ja = ["委員会は秋に会合した。"]
    plain = align_units(Featurizer("en").units(en), Featurizer("ja").units(ja), P)
    with_tm = align_units(Featurizer("en", tm=TM()).units(en), Featurizer("ja", tm=TM()).units(ja), P)
    def partner(beads):                        # the English sentences the Japanese sentence is paired with
        return next(b.en for b in beads if b.ja == [0])

    assert partner(plain) == [0]                                  # length alone pairs the first
    assert 1 in partner(with_tm)                                  # the TM hit pulls the second in
