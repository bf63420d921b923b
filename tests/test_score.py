"""`bilingual score`: sacrebleu's figures on the segments we extract, aligned by id; misalignment is an error."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_xliff_roundtrip import empty_tmx


@pytest.fixture
def hyp_yaml(tmp_path):
    """The example with a few Japanese renderings changed, as a second translator might write them."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("フュージョンエネルギーは、", "核融合エネルギーは、"), ("本日、", "今日、"),
                     ("以下の柱に重点を置くことを意図する。", "次の柱に重点を置く。"),
                     ("強固で包摂的かつ多様な", "多様な")):
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "hyp.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def sacrebleu_cli(tmp_path, ref: list[str], hyp: list[str], *args: str) -> dict:
    (tmp_path / "ref.txt").write_text("\n".join(ref) + "\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("\n".join(hyp) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "sacrebleu", str(tmp_path / "ref.txt"), "-i", str(tmp_path / "hyp.txt"),
                          "-f", "json", "-w", "4", *args], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@pytest.mark.parametrize("metric, cli_args", [
    ("chrf", ["-m", "chrf"]),
    ("chrf++", ["-m", "chrf", "--chrf-word-order", "2"]),
    ("bleu", ["-m", "bleu", "-tok", "ja-mecab"]),
    ("ter", ["-m", "ter", "--ter-asian-support", "--ter-normalized"]),
])
@pytest.mark.parametrize("kind", ["yaml", "xliff"])
def test_score_matches_sacrebleus_own_cli(tmp_path, cli, hyp_yaml, metric, cli_args, kind):
    if metric == "bleu":
        pytest.importorskip("MeCab")
    from bilingual.app.score import aligned, read_segments

    hyp = hyp_yaml
    if kind == "xliff":
        hyp = tmp_path / "hyp.xlf"
        assert cli("xliff", "export", hyp_yaml, "-o", hyp, "--version", "2.1")[0] == 0
    extra = ["--ter-normalize"] if metric == "ter" else []
    code, out, err = cli("score", "--ref", EXAMPLE, hyp, "--metric", metric, "--format", "json", *extra)
    assert code == 0, err
    ours = json.loads(out)["scores"][0]
    from bilingual.glossary.load import load_glossary

    g = load_glossary()
    ref = read_segments(EXAMPLE, g)
    hyps = aligned(ref, read_segments(hyp, g))
    theirs = sacrebleu_cli(tmp_path, ref.texts, hyps, *cli_args)
    assert round(ours["score"], 4) == pytest.approx(theirs["score"], abs=1e-4)
    assert ours["signature"] == theirs["signature"]
    assert 0 < ours["score"] < 100 or metric == "ter"
    # every content segment with English: title, place, paragraphs, list items, footnotes (parties are the glossary's)
    assert len(ours["segments"]) == len(ref.texts) == 19
    assert {"title", "place", "pillar-6", "fn-agile-nations"} <= set(json.loads(out)["ids"])


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_a_documents_own_xliff_scores_100_against_it(tmp_path, cli, version):
    # the footnotes whose Japanese is only a URL count as that URL, as in the YAML, not as empty text
    xlf = tmp_path / "doc.xlf"
    assert cli("xliff", "export", EXAMPLE, "-o", xlf, "--version", version)[0] == 0
    code, out, err = cli("score", "--ref", EXAMPLE, xlf, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert "fn-bdv" in result["ids"] and result["segments"] == 19
    assert result["scores"][0]["segments"] == [100.0] * 19


def _variant(tmp_path) -> Path:
    """The example with a link with text and strong emphasis in both languages, escaped Markdown in the
    Japanese, and one segment without Japanese."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (
            ("Fusion energy could provide a low-carbon, safe,",
             "Fusion energy (see the [fusion page](https://example.org/fusion)) could provide a **low-carbon**, safe,"),
            ("フュージョンエネルギーは、低炭素で、", "フュージョンエネルギー（[フュージョンのページ](https://example.org/fusion)を参照）は、**低炭素**で、"),
            ("施設の共用及び／又は開発の機会、", "施設の共用及び／又は開発の機会 \\*注\\* & \\<注記\\>、"),
            ("next decade and beyond.\n        ja: >-\n          今後10年及びその先にわたって",
             "next decade and beyond.\n        # ja: "),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("content", ["example", "variant"])
def test_xliff_targets_read_as_the_yaml_reads_each_segment(tmp_path, cli, version, content):
    """Scoring a document against its own export compares each segment with itself: link and emphasis
    text kept, a bare URL as its URL, footnote references left out, no text where there is no Japanese
    (the 1.2 export's copy of the source, state needs-translation, is not a translation)."""
    from bilingual.app.score import read_segments
    from bilingual.glossary.load import load_glossary

    yaml = EXAMPLE if content == "example" else _variant(tmp_path)
    tmx = empty_tmx(tmp_path / "empty.tmx")   # no TM pre-fill: a segment without Japanese stays untranslated
    xlf = tmp_path / "doc.xlf"
    assert cli("xliff", "export", yaml, "-o", xlf, "--version", version, "--tm", tmx)[0] == 0
    g = load_glossary()
    ref, hyp = read_segments(yaml, g), read_segments(xlf, g)
    want, got = dict(zip(ref.keys, ref.texts, strict=True)), dict(zip(hyp.keys, hyp.texts, strict=True))
    assert len(want) == 19
    assert got == want
    assert want["fn-bdv"].startswith("https://www.whitehouse.gov/") and "[^" not in want["p1"]
    assert "（Bold Decadal Vision for Commercial Fusion Energy）及び" in want["p1"]          # emphasis text
    if content == "variant":
        # link and strong text
        assert "フュージョンエネルギー（フュージョンのページを参照）は、低炭素で、" in want["p2"]
        assert "機会 *注* & <注記>、" in want["pillar-2"] and want["pillar-6"] == ""
    code, out, err = cli("score", "--ref", yaml, xlf, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["scores"][0]["segments"] == [100.0 if t else 0.0 for t in ref.texts]


def test_compare_runs_both_significance_tests(cli, hyp_yaml):
    code, out, err = cli("score", "--ref", EXAMPLE, EXAMPLE, hyp_yaml, "--compare", "--format", "json")
    assert code == 0, err
    result = json.loads(out)["compare"]
    row = result["systems"][str(hyp_yaml)]
    assert row["bootstrap_p"] is not None and row["ar_p"] is not None
    assert "bs:1000" in result["signature_bs"] and "ar:10000" in result["signature_ar"]


def test_misaligned_inputs_are_a_located_error(tmp_path, cli, hyp_yaml):
    xlf = tmp_path / "hyp.xlf"
    assert cli("xliff", "export", hyp_yaml, "-o", xlf, "--version", "1.2")[0] == 0
    text = xlf.read_text(encoding="utf-8")
    text = text.replace('<trans-unit id="p3"', '<trans-unit id="p3-moved"', 1)
    xlf.write_text(text, encoding="utf-8")
    line = text[:text.index('id="p3-moved"')].count("\n") + 1
    code, _, err = cli("score", "--ref", EXAMPLE, xlf)
    assert code == 2
    assert err.startswith(f"{xlf}:{line}:") and "'p3-moved' is not in the reference" in err
    lines = tmp_path / "hyp.txt"
    lines.write_text("一行目\n二行目\n", encoding="utf-8")
    code, _out, err = cli("score", "--ref", EXAMPLE, lines)
    assert code == 2 and re.match(rf"{re.escape(str(lines))}:\d+:1: error: 2 segment\(s\) here, 19 in the reference",
                                  err)


def test_bleu_on_japanese_without_the_ja_extra_says_what_to_install_and_names_no_file(cli, monkeypatch):
    # after `pip install -e .` alone the error read "bilingual:1:1: error: …", as if a file named
    # 'bilingual' had a fault at line 1; now "bilingual: error: …", as build --pdf says LibreOffice is missing.
    monkeypatch.setitem(sys.modules, "MeCab", None)            # as if mecab-python3 were not installed
    code, out, err = cli("score", "--ref", EXAMPLE, EXAMPLE, "--metric", "bleu")
    assert code == 2 and out == ""
    assert err.strip() == ("bilingual: error: BLEU on Japanese needs the ja-mecab tokenizer: "
                           "pip install 'bilingual[ja]' (mecab-python3, ipadic)")
