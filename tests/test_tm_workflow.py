"""The TM in the main job: pre-translation, stale and inconsistent translations, analysis, harvest, concurrency."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

INTRO_JA = "    ja: >-\n      本パートナーシップは、以下の柱に重点を置くことを意図する。\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _variant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    p = tmp_path / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


OTHER_ID = ("id: doe-mext-fusion-2024", "id: other-statement")
PAIRS = 19      # the EN–JA pairs that a harvest of the example records (its title, place, body and footnotes)


def test_changing_approved_english_without_its_japanese_fails_the_build(tmp_path, cli):
    store = tmp_path / "tm.sqlite"
    original = _variant(tmp_path, "statement")
    assert cli("tm", "harvest", original, "--tm", store)[0] == 0
    edited = _variant(tmp_path, "statement", ("Fusion energy could provide", "Fusion energy can provide"))
    code, out, err = cli("build", edited, "--tm", store, "-o", tmp_path / "out")
    assert code == 1
    assert "stale-translation" in err and "p2" in err
    assert not (tmp_path / "out").exists()
    code, out, _ = cli("check", edited, "--tm", store, "--format", "json")
    stale = [f for f in json.loads(out)["findings"] if f["rule"] == "stale-translation"]
    line = edited.read_text(encoding="utf-8").splitlines().index("  - id: p2") + 3    # the first line of its English
    assert [(f["segment"], f["severity"], f["lang"], f["line"]) for f in stale] == [("p2", "error", "en", line)]


def test_the_starter_tm_knows_the_example(tmp_path, cli):
    edited = _variant(tmp_path, "statement", ("Fusion energy could provide", "Fusion energy can provide"))
    code, out, _ = cli("check", edited, "--format", "json")
    assert code == 1 and [f["rule"] for f in json.loads(out)["findings"] if f["severity"] != "info"] == [
        "stale-translation"]


def test_the_starter_tm_has_the_minutes_standard_phrases(tmp_path, cli):
    """A new set of minutes gets its opening, its closing and the adoption of the agenda from the starter TM."""
    from conftest import EXAMPLES

    minutes = (EXAMPLES / "ccfe-minutes-example.yaml").read_text(encoding="utf-8")
    phrases = ("ja: 開会}", "ja: 委員会は、議題を採択した。}", "ja: 閉会}",
               "ja: 両共同議長は、参加者に謝意を表し、閉会した。")
    for ja in phrases:
        assert ja in minutes
        minutes = minutes.replace(ja, "ja: }" if ja.endswith("}") else "ja:", 1)
    draft = tmp_path / "minutes.yaml"
    draft.write_text(minutes.replace("id: ccfe-45-example", "id: ccfe-46-draft", 1), encoding="utf-8")
    code, out, err = cli("check", draft)
    assert code == 0, out + err
    for seg in ("opening-title", "opening-decision-1", "closing-title", "closing-discussion-1"):
        assert re.search(rf"{seg}: Japanese filled from the TM \((exact, 100|context, 101)%\)", out), out


def test_a_segment_without_japanese_is_filled_from_a_context_or_exact_match(tmp_path, cli):
    same_doc = _variant(tmp_path, "same", (INTRO_JA, ""))
    code, out, err = cli("build", same_doc, "-o", tmp_path / "a", "--layout", "ja")
    assert code == 0, err
    assert "pillars-intro: Japanese filled from the TM (context, 101%)" in err
    other_doc = _variant(tmp_path, "other", (INTRO_JA, ""), OTHER_ID,
                         ("This new partnership leverages the CCFE", "This new partnership builds on the CCFE"))
    code, out, err = cli("check", other_doc)
    assert code == 0 and "pillars-intro: Japanese filled from the TM (exact, 100%)" in out


def test_fuzzy_matches_are_suggested_never_inserted(tmp_path, cli):
    doc = _variant(tmp_path, "fuzzy", (INTRO_JA, ""), OTHER_ID,
                   ("This partnership is intended to focus on the following pillars:",
                    "This partnership is intended to focus on the following three pillars:"))
    code, _out, err = cli("build", doc, "-o", tmp_path / "out")
    assert code == 1 and "untranslated" in err
    assert "pillars-intro: no Japanese; TM suggests (" in err and "本パートナーシップは" in err
    assert "following {+three +}pillars" in err


def test_one_english_segment_with_two_translations_is_inconsistent(tmp_path, cli):
    doc = _variant(tmp_path, "inconsistent", OTHER_ID,
                   ("本パートナーシップは、以下の柱に重点を置くことを意図する。",
                    "本パートナーシップは、次の柱に重点を置く。"))
    code, out, _ = cli("check", doc, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "segment-inconsistent"]
    assert [(f["segment"], f["lang"], f["severity"]) for f in found] == [("pillars-intro", "ja", "warning")]
    assert found[0]["suggestion"] == "本パートナーシップは、以下の柱に重点を置くことを意図する。"
    assert code == 0


def test_analyze_reports_bands_in_segments_words_and_characters(tmp_path, cli):
    doc = _variant(tmp_path, "analyze", OTHER_ID,
                   ("This partnership is intended to focus on the following pillars:",
                    "This partnership is intended to focus on the following three pillars:"))
    code, out, _ = cli("tm", "analyze", doc, EXAMPLE, "--format", "json")
    bands = {r["band"]: r for r in json.loads(out)["bands"]}
    assert code == 0
    # the edited segment is a fuzzy match; its two neighbours lose their context (101) and are 100 % matches;
    # the party names (from the glossary, not in the TM) are no match, then repetitions in the second file
    assert bands["85-94"]["segments"] == 1 and bands["85-94"]["en_words"] == 11
    assert bands["100"]["segments"] == 3 and bands["context"]["segments"] == (PAIRS - 4) + PAIRS
    assert bands["no match"]["segments"] == 2 and bands["repetitions"]["segments"] == 2
    assert bands["total"]["segments"] == 2 * PAIRS + 2 + 2
    code, out, _ = cli("tm", "analyze", EXAMPLE, "--format", "csv")
    assert out.splitlines()[0] == "band,segments,en_words,ja_chars"
    assert out.splitlines()[1].startswith(f"context,{PAIRS},")


def test_export_of_a_harvest_keeps_context_and_reimports_the_same(tmp_path, cli):
    store, again = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    cli("tm", "harvest", EXAMPLE, "--tm", store)
    cli("tm", "export", tmp_path / "x.tmx", "--tm", store)
    _, out, _ = cli("tm", "import", tmp_path / "x.tmx", "--tm", again)
    assert f"{PAIRS} TU(s) added" in out
    _code, out, _ = cli("tm", "lookup", "This partnership is intended to focus on the following pillars:",
                       "--tm", again, "--format", "json")
    m = json.loads(out)["matches"][0]
    assert (m["score"], m["document"], m["segment"]) == (100, "doe-mext-fusion-2024", "pillars-intro")


def test_a_tmx_given_with_tm_is_indexed_and_reindexed_when_it_changes(tmp_path, cli):
    from bilingual.formats.tmx import header

    tmx = tmp_path / "t.tmx"
    tu = '<tu><tuv xml:lang="en"><seg>{}</seg></tuv><tuv xml:lang="ja"><seg>{}</seg></tuv></tu>\n'
    tmx.write_bytes(header() + (tu.format("Fusion energy", "フュージョンエネルギー") + "</body></tmx>").encode())
    _, out, _ = cli("tm", "stats", "--tm", tmx, "--format", "json")
    assert json.loads(out)["tus"] == 1
    tmx.write_bytes(header() + (tu.format("Fusion energy", "フュージョンエネルギー") +
                                tu.format("Fusion power", "核融合発電") + "</body></tmx>").encode())
    _code, out, _ = cli("tm", "stats", "--tm", tmx, "--format", "json")
    assert json.loads(out)["tus"] == 2


_WRITER = """
import sys
from bilingual.tm.sqlite import SQLiteStore
from bilingual.tm.model import Unit
from bilingual.formats.tmx import unit_xml
name, n = sys.argv[1], int(sys.argv[2])
s = SQLiteStore(sys.argv[3])
def unit(en, ja):
    return Unit(unit_xml([(False, en)], [(False, ja)], {}, "20240101T000000Z"), en, ja)
for i in range(n):
    s.add([unit(f"{name} sentence {i}", f"{name}の文{i}"), unit(f"shared sentence {i}", f"共有の文{i}")])
"""


def test_two_processes_harvesting_into_one_store_lose_nothing_and_duplicate_nothing(tmp_path):
    from bilingual.tm.sqlite import SQLiteStore

    store = tmp_path / "tm.sqlite"
    SQLiteStore(store).close()
    docs = [_variant(tmp_path, name, ("id: doe-mext-fusion-2024", f"id: {name}")) for name in ("doc-a", "doc-b")]
    env = {"PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "-m", "bilingual", "tm", "harvest", d, "--tm", store], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for d in docs]
    procs += [subprocess.Popen([sys.executable, "-c", _WRITER, name, "150", store], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for name in ("alpha", "beta")]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    s = SQLiteStore(store)
    assert s.stats()["documents"] == 2
    assert s.count() == PAIRS * 2 + 150 * 3
    rows = s.db.execute("SELECT en, ja, doc, count(*) FROM tu GROUP BY en, ja, doc HAVING count(*) > 1").fetchall()
    assert rows == []
