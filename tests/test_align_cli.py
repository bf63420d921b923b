"""`bilingual align` end to end: the example's Word files, PDF, outputs, review, import by confidence."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bilingual.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "templates" / "examples" / "joint-statement-2024.yaml"
GOLD = ROOT / "bench" / "align-gold"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "en", "--layout", "ja"]) == 0
    return out / "doe-mext-fusion-2024.en.docx", out / "doe-mext-fusion-2024.ja.docx"


def _segments():
    from bilingual.content.loader import load_document
    from bilingual.glossary.load import load_glossary

    doc = load_document(EXAMPLE, load_glossary())
    return [(s.id, _squash(s.en.plain), _squash(s.ja.plain)) for s in doc.segments() if s.en and s.ja]


def _check_recovers_segments(units, en_text: str, ja_text: str):
    """Every unit inside one segment pair; every segment's sentences covered."""
    segments = [s for s in _segments() if s[1] in en_text and s[2] in ja_text]   # as written in both files
    assert len(segments) >= 15
    covered = {sid: "" for sid, _, _ in segments}
    for u in units:
        en, ja = _squash(u["en"]), _squash(u["ja"])
        homes = [sid for sid, se, sj in segments if en and en in se and (len(en) > 25 or en == se)]
        if not homes:
            # a segment the template writes inside a line of its own words (the place, with the date):
            # the unit must hold it whole on both sides
            wrapped = [(sid, se) for sid, se, sj in segments if se in en and sj in ja]
            for sid, se in wrapped:
                covered[sid] += se
            continue                     # the template's own words (party lines, "Joint Statement")
        # (the template adds words to a few lines: the title gets 共同声明)
        assert any(ja and (ja in sj or sj in ja) for sid, se, sj in segments if sid in homes), (u["en"], u["ja"])
        covered[homes[0]] += en
    for sid, se, _ in segments:
        assert covered[sid] == se, f"segment {sid} is not covered"


def test_align_recovers_the_example_segments(example_docx, tmp_path):
    en, ja = example_docx
    out = tmp_path / "out.yaml"
    assert main(["align", str(en), str(ja), "-o", str(out)]) == 0
    units = yaml.safe_load(out.read_text(encoding="utf-8"))["units"]
    from bilingual.align.document import read_paragraphs

    en_text = _squash("".join(read_paragraphs(en, "en")))
    ja_text = _squash("".join(read_paragraphs(ja, "ja")))
    _check_recovers_segments(units, en_text, ja_text)


def _pdf(docx: Path, out: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return out / (docx.stem + ".pdf")


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler")
def test_a_pdf_pair_aligns(example_docx, tmp_path):
    en, ja = (_pdf(p, tmp_path) for p in example_docx)
    out = tmp_path / "out.yaml"
    assert main(["align", str(en), str(ja), "-o", str(out)]) == 0
    units = yaml.safe_load(out.read_text(encoding="utf-8"))["units"]
    def start(text: str, n: int) -> str:
        return _squash(text).lstrip("•・")[:n]            # the PDF keeps the list's bullets as text

    pairs = {(start(u["en"], 40), start(u["ja"], 12)) for u in units if u["en"] and u["ja"]}
    # the body paragraphs come out of the PDF paired as in the Word files
    for sid, se, sj in _segments():
        if re.fullmatch(r"p\d+|pillar-\d+", sid):
            assert any(se.startswith(e) and sj.startswith(j) for e, j in pairs), sid


def test_pdf_without_poppler_says_how_to_install(tmp_path, monkeypatch, capsys):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    txt = tmp_path / "b.txt"
    txt.write_text("日本語。", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path))          # no pdftotext on it
    assert main(["align", str(pdf), str(txt), "-o", str(tmp_path / "o.tmx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a.pdf:1:1: error:" in err and "poppler" in err
    assert not (tmp_path / "o.tmx").exists()


def test_broken_docx_is_one_located_line_and_nothing_written(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "ja.txt"
    good.write_text("日本語の文。", encoding="utf-8")
    out = tmp_path / "o.tmx"
    assert main(["align", str(bad), str(good), "-o", str(out), "--review", str(tmp_path / "r.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:") and "Traceback" not in err
    assert not out.exists() and not (tmp_path / "r.docx").exists()


def _gold_texts(name: str, tmp_path: Path, drop_ja: int | None = None) -> tuple[Path, Path]:
    folder = next(GOLD.glob(f"*/{name}"))
    en = folder.joinpath("en.txt").read_text(encoding="utf-8")
    ja_lines = folder.joinpath("ja.txt").read_text(encoding="utf-8").split("\n")
    if drop_ja is not None:
        real = [k for k, line in enumerate(ja_lines) if line.strip()]
        del ja_lines[real[drop_ja]]
    # paragraphs as a writer has them: sentences of a paragraph on one line
    en_p = "\n\n".join(" ".join(b.split("\n")) for b in en.strip().split("\n\n"))
    ja_p = "\n\n".join("".join(b.split("\n")) for b in "\n".join(ja_lines).strip().split("\n\n"))
    (tmp_path / "en.md").write_text(en_p, encoding="utf-8")
    (tmp_path / "ja.md").write_text(ja_p, encoding="utf-8")
    return tmp_path / "en.md", tmp_path / "ja.md"


def test_a_deleted_sentence_of_a_real_pair_is_a_gap_in_the_review(tmp_path):
    from docx import Document

    en, ja = _gold_texts("2015-joint-vision", tmp_path, drop_ja=5)   # "数世代にわたる…" deleted
    out, review = tmp_path / "o.tsv", tmp_path / "review.docx"
    assert main(["align", str(en), str(ja), "-o", str(out), "--review", str(review)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    gaps = [r for r in rows if not r[3]]
    assert len(gaps) == 1 and gaps[0][2].startswith("Generations of people")
    table = Document(str(review)).tables[0]
    marked = [row for row in table.rows if "no Japanese counterpart" in row.cells[2].text]
    assert len(marked) == 1 and marked[0].cells[1].text.startswith("Generations of people")
    assert 'w:fill="F4B183"' in marked[0].cells[0]._tc.xml


def test_tmx_confidence_and_import_by_confidence(tmp_path, capsys):
    en, ja = _gold_texts("2020-treaty-60th", tmp_path)
    tmx = tmp_path / "o.tmx"
    assert main(["align", str(en), str(ja), "-o", str(tmx)]) == 0
    from bilingual.formats.tmx import read_tmx

    confidences = [float(re.search(rb'x-bilingual-align-confidence">([0-9.]+)<', u.xml).group(1))
                   for u in read_tmx(tmx)]
    assert confidences and all(0 <= c <= 1 for c in confidences)
    threshold = sorted(confidences)[len(confidences) // 2]
    assert main(["tm", "import", str(tmx), "--tm", str(tmp_path / "s.db"), "--min-confidence", str(threshold)]) == 0
    from bilingual.tm.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "s.db")
    assert store.count() == sum(1 for c in confidences if c >= threshold) < len(confidences)


def test_a_reviewer_edits_the_yaml_and_imports_it(tmp_path):
    en, ja = _gold_texts("2012-shared-vision", tmp_path)
    out = tmp_path / "o.yaml"
    assert main(["align", str(en), str(ja), "-o", str(out)]) == 0
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    doc["units"][0]["ja"] = "日米共同声明:未来に向けた共通のビジョン"       # the reviewer drops (仮訳)
    del doc["units"][1]
    out.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert main(["tm", "import", str(out), "--tm", str(tmp_path / "s.db")]) == 0
    from bilingual.tm.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "s.db")
    assert store.count() == len(doc["units"])
    assert [t.ja for t in store.exact("U.S.-Japan Joint Statement: A Shared Vision for the Future", "en")] == \
        ["日米共同声明:未来に向けた共通のビジョン"]


def test_tsv_round_trip_keeps_tabs_and_line_breaks(tmp_path):
    from bilingual.align.output import read_table, write

    table = [{"en": "a\tb\nc\\d", "ja": "あ\tい", "confidence": 0.5, "bead": "1-1", "reasons": ["x; y"]}]
    write(table, tmp_path / "t.tsv", "tsv", ("e", "j"))
    back = read_table(tmp_path / "t.tsv")
    assert back[0]["en"] == "a\tb\nc\\d" and back[0]["ja"] == "あ\tい" and back[0]["confidence"] == 0.5


def test_an_output_folder_that_does_not_exist_is_one_line_and_exit_2(tmp_path, capsys):
    en, ja = _gold_texts("2012-shared-vision", tmp_path)
    assert main(["align", str(en), str(ja), "-o", str(tmp_path / "no" / "o.tmx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and "internal error" not in err
