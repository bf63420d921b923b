"""Fuzzy matching: the documented score, the index finds what brute force finds, context and numbers."""
from __future__ import annotations

import random

import pytest
from conftest import SHARED

TANAKA = SHARED / "data" / "tanaka-enja"


def test_score_is_word_level_for_english_and_character_level_for_japanese():
    from bilingual.tm.fuzzy import score

    assert score("The meeting was held in Kyoto.", "The meeting was held in Kyoto.", "en") == 100
    assert score("held in Kyoto", "held in Tokyo", "en") == pytest.approx(66.7, abs=0.1)   # 1 word of 3
    assert score("The meeting was held in Kyoto", "The meeting was held in Tokyo", "en") == pytest.approx(83.3, abs=0.1)
    assert score("会議は京都で開催された", "会議は東京で開催された", "ja") == pytest.approx(81.8)  # 2 characters of 11
    assert score("The Meeting", "the meeting", "en") == 99           # case only
    assert score("held on 10 April", "held on 11 April", "en") == 98  # a number differs: 2 points
    assert score("Fusion energy.", "Fusion energy!", "en") == 99      # punctuation


def test_number_substitution_when_numbers_map_one_to_one():
    from bilingual.tm.fuzzy import substitute_numbers

    assert substitute_numbers("The 3rd meeting in 2025", "The 2nd meeting in 2024",
                              "２０２４年の第2回会合") == "２０２５年の第3回会合"
    assert substitute_numbers("1 and 2", "1 and 1", "1と1") is None   # not one to one


@pytest.fixture(scope="module")
def tanaka_store(tmp_path_factory):
    from bilingual.formats.tmx import unit_xml
    from bilingual.tm.model import Unit
    from bilingual.tm.sqlite import SQLiteStore

    en = (TANAKA / "train.en").read_text(encoding="utf-8").splitlines()[:2000]
    ja = [s.replace(" ", "") for s in (TANAKA / "train.ja").read_text(encoding="utf-8").splitlines()[:2000]]
    store = SQLiteStore(tmp_path_factory.mktemp("tm") / "tanaka.sqlite")
    store.add(Unit(unit_xml([(False, e)], [(False, j)], {}, "20240101T000000Z"), e, j)
              for e, j in zip(en, ja, strict=True))
    return store, en, ja


def _perturb(words: list[str], rng: random.Random, vocab: list[str]) -> list[str]:
    words = list(words)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(words))
        op = rng.choice("sid")
        if op == "s":
            words[i] = rng.choice(vocab)
        elif op == "i":
            words.insert(i, rng.choice(vocab))
        elif len(words) > 2:
            del words[i]
    return words


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_index_lookup_finds_the_best_match_brute_force_finds(tanaka_store, lang):
    from bilingual.tm.fuzzy import score

    store, en, ja = tanaka_store
    texts = en if lang == "en" else ja
    rng = random.Random(7)
    vocab = sorted({w for s in en[:500] for w in s.split()}) if lang == "en" else sorted(set("".join(ja[:200])))
    checked = 0
    for _ in range(30):
        src = rng.choice(texts)
        if lang == "en":
            query = " ".join(_perturb(src.split(), rng, vocab))
        else:
            query = "".join(_perturb(list(src), rng, vocab))
        brute = max(score(query, t, lang) for t in texts)
        got = store.lookup(query, lang, limit=1)
        if brute >= 75:
            checked += 1
            assert got and got[0].score == brute, query
    assert checked >= 15


def test_fuzzy_match_has_a_diff_and_substituted_numbers(tmp_path, cli):
    from bilingual.formats.tmx import unit_xml
    from bilingual.tm.model import Unit
    from bilingual.tm.sqlite import SQLiteStore

    store = tmp_path / "tm.sqlite"
    e, j = "The CCFE held its 42nd meeting in Tokyo in 2023.", "CCFEは2023年に東京で第42回会合を開催した。"
    s = SQLiteStore(store)
    s.add([Unit(unit_xml([(False, e)], [(False, j)], {}, "20240101T000000Z"), e, j)])
    s.close()
    code, out, _ = cli("tm", "lookup", "The CCFE held its 43rd meeting in Kyoto in 2024.", "--tm", store)
    assert code == 0
    assert "[-Tokyo-]{+Kyoto+}" in out and "[-2023-]{+2024+}" in out
    assert "CCFEは2024年に東京で第42回会合を開催した。" not in out   # 42nd→43rd: the "nd"/"rd" tokens differ
    code, out, _ = cli("tm", "lookup", "The CCFE held its 42nd meeting in Tokyo in 2024.", "--tm", store)
    assert "CCFEは2024年に東京で第42回会合を開催した。" in out and "(numbers substituted)" in out
    code, out, _ = cli("tm", "concordance", "東京で", "--tm", store)
    assert "Tokyo" in out
    code, out, _ = cli("tm", "concordance", "meeting in tokyo", "--tm", store)
    assert "東京" in out


def test_bulk_keying_gives_each_text_the_keys_it_gets_alone():
    """An import keys a batch of texts at once (bytes and numpy tables, rows.postings); a query keys one text
    (tables filled as characters come, tokens.index_keys): every character of the BMP is folded alike."""
    from collections import Counter

    from bilingual.tm import tokens
    from bilingual.tm.index import full_key
    from bilingual.tm.rows import postings

    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    mixed = [bmp[i:i + 97] for i in range(0, len(bmp), 97)] + [
        "Ｔｈｅ ITER Council, 2024.", "核融合、２０２４年。", "核", "It's 1,000 km — naïve café", "", "1 2 3", "。"]
    ascii_only = ["The ITER Council, 2024.", "R&D: plasma-facing (PFC) TEST_x 3.5%",   # the bytes-table path
                  "".join(chr(c) for c in range(2, 128)), "1 2 3", ""]
    for texts in (mixed, ascii_only):
        keys, owners, lens = postings(range(len(texts)), texts, texts)
        for lang in ("en", "ja"):
            for i, text in enumerate(texts):
                want, n = tokens.index_keys(text, lang)
                mine = (keys % 2 == (lang == "ja")) & (owners == i)
                assert Counter(keys[mine].tolist()) == Counter(full_key(k, lang) for k in want), (lang, text)
                assert set(lens[mine].tolist()) <= {min(n, 255)}
    assert tokens.en_tokens("Ｔｈｅ ITER Council, 2024.") == ["the", "iter", "council", "#"]
    assert tokens.ja_units("核融合、２０２４年。") == "核融合#年"
