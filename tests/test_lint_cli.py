"""`bilingual check` as editors, CI and translators meet it: inputs, config, formats, exit codes, --fix."""
from __future__ import annotations

import json
import textwrap

import pytest
from conftest import EXAMPLE, ROOT, SEED_HEADING, SHARED

SAMPLES = SHARED / "interop" / "samples"

GLOSSARY = """\
concepts:
  - id: fusion-energy
    en:
      - {term: fusion energy, status: preferred}
      - {term: fusion power source, status: deprecated}
    ja:
      - {term: フュージョンエネルギー, status: preferred}
      - {term: 核融合エネルギー, status: admitted}
      - {term: 融合エネルギー, status: deprecated}
  - id: user
    en: [{term: user, status: preferred}]
    ja: [{term: ユーザー, status: preferred}]
  - id: nifs
    en:
      - {term: National Institute for Fusion Science, status: preferred, pos: properNoun}
    ja:
      - {term: 核融合科学研究所, status: preferred, pos: properNoun}
  - id: fusion
    en: [{term: fusion, status: preferred}]
    ja: [{term: 核融合, status: preferred}]
"""


@pytest.fixture
def glossary(tmp_path):
    p = tmp_path / "glossary.yaml"
    p.write_text(GLOSSARY, encoding="utf-8")
    return p


def content(tmp_path, body: str, name: str = "doc.yaml", parties: str = "nifs, user"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(f"""\
        kind: joint-statement
        id: t
        date: 2024-04-10
        parties: [{parties}]
        title: {{en: Title, ja: 表題}}
        body:
        """) + textwrap.dedent(body), encoding="utf-8")
    return p


def located(path, f) -> str:
    line = path.read_text(encoding="utf-8").splitlines()[f["line"] - 1]
    return line[f["column"] - 1:f["end_column"] - 1]


# ---------------------------------------------------------------- exit codes and formats

def test_exit_codes(cli, tmp_path, glossary):
    clean = content(tmp_path, "  - {id: p1, en: fusion energy, ja: フュージョンエネルギー}\n", "clean.yaml")
    warn = content(tmp_path, "  - {id: p1, en: fusion energy, ja: フュージョン・エネルギー}\n", "warn.yaml")
    bad = content(tmp_path, "  - {id: p1, en: fusion energy, ja: 融合エネルギー}\n", "bad.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: joint-statement\nid: [\n", encoding="utf-8")
    assert cli("check", "-g", glossary, clean)[0] == 0
    assert cli("check", "-g", glossary, warn)[0] == 0
    assert cli("check", "-g", glossary, bad)[0] == 1
    code, _out, err = cli("check", "-g", glossary, broken)
    assert code == 2 and err.startswith(f"{broken}:") and "Traceback" not in err
    assert cli("check", "-g", glossary, "--select", "no-such-rule", clean)[0] == 2


def test_json_has_code_point_and_utf16_columns(cli, tmp_path, glossary):
    doc = content(tmp_path, "  - {id: p1, en: fusion energy, ja: 𠮷田の融合エネルギー}\n")
    _code, out, _ = cli("check", "-g", glossary, "--format", "json", "--select", "term-forbidden", doc)
    f = json.loads(out)["findings"][0]
    assert located(doc, f) == "融合エネルギー"
    assert f["column_utf16"] == f["column"] + 1 and f["end_column_utf16"] == f["end_column"] + 1
    assert set(f) >= {"path", "line", "column", "end_line", "end_column", "rule", "severity", "lang", "segment",
                      "message", "suggestion"}


def test_sarif_validates_against_the_official_schema(cli, tmp_path, glossary):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = content(tmp_path, "  - {id: p1, en: fusion energy, ja: 融合エネルギー。}\n")
    code, out, _ = cli("check", "-g", glossary, "--format", "sarif", doc)
    log = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert code == 1 and {r["ruleId"] for r in results} >= {"term-forbidden", "end-punctuation"}
    region = next(r for r in results if r["ruleId"] == "term-forbidden")["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 7


def test_text_output_has_no_colour_when_not_a_tty(cli, tmp_path, glossary):
    doc = content(tmp_path, "  - {id: p1, en: fusion energy, ja: 融合エネルギー}\n")
    _code, out, _ = cli("check", "-g", glossary, doc)
    assert "\x1b[" not in out and "^^^" in out and "suggestion: フュージョンエネルギー" in out


# ---------------------------------------------------------------- inputs

def test_xliff_12_from_trados_points_into_the_file(cli, tmp_path):
    path = SAMPLES / "xliff" / "1.2" / "kentagoto_sample_en-us_ja-JP.sdlxliff"
    code, out, err = cli("check", "--format", "json", path)
    assert err == "" and code in (0, 1)
    report = json.loads(out)
    assert report["summary"]["segments"] > 5
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in report["findings"]:
        if f["line"] == f["end_line"] and f["end_column"] > f["column"]:
            assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1].strip() != "" or f["rule"] == "whitespace"


def test_xliff_2_and_tmx_pairs(cli, tmp_path, glossary):
    x = tmp_path / "t.xlf"
    x.write_text(textwrap.dedent("""\
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="ja-JP">
          <file id="f1">
            <unit id="u1">
              <segment>
                <source>Research on <pc id="1">fusion energy</pc> in 2024.</source>
                <target>2025年の<pc id="1">融合エネルギー</pc>研究。</target>
              </segment>
            </unit>
          </file>
        </xliff>
        """), encoding="utf-8")
    code, out, _ = cli("check", "-g", glossary, "--format", "json", x)
    found = {(f["rule"], f["line"], located(x, f)) for f in json.loads(out)["findings"]}
    assert ("term-forbidden", 7, "融合エネルギー") in found
    assert ("number-mismatch", 7, "2025年") in found
    t = tmp_path / "t.tmx"
    t.write_text(textwrap.dedent("""\
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" datatype="plaintext"
          o-tmf="x" creationtool="t" creationtoolversion="1"/>
        <body>
          <tu><tuv xml:lang="en"><seg>fusion energy</seg></tuv><tuv xml:lang="ja"><seg>融合<ph>&lt;b/&gt;</ph>エネルギー</seg></tuv></tu>
          <tu><tuv xml:lang="en"><seg>fusion energy</seg></tuv><tuv xml:lang="ja"><seg>フュージョンエネルギー</seg></tuv></tu>
        </body></tmx>
        """), encoding="utf-8")  # noqa: E501 - a TMX file whose line numbers the findings name
    code, out, _err = cli("check", "-g", glossary, "--format", "gcc", t)
    assert code == 1 and out.startswith(f"{t}:5:") and "[term-forbidden]" in out


@pytest.mark.parametrize("sample", sorted(
    p for p in (SAMPLES / "xliff").rglob("*") if p.suffix.lower() in (".xlf", ".sdlxliff", ".mqxliff")
    and "/valid/" not in p.as_posix() and "/invalid/" not in p.as_posix()) + sorted(
    p for p in (SAMPLES / "tmx").rglob("*.tmx") if p.name != "invalid.tmx"), ids=lambda p: p.name)
def test_real_files_are_read_without_reader_errors(cli, sample):
    code, out, err = cli("check", "--format", "json", sample)
    assert code in (0, 1), err
    json.loads(out)


def test_a_malformed_xml_file_is_one_located_line(cli, tmp_path):
    x = tmp_path / "bad.xlf"
    x.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', encoding="utf-8")
    code, _out, err = cli("check", x)
    assert code == 2 and err.startswith(f"{x}:") and ": error: invalid XML" in err and len(err.splitlines()) == 1


def test_entity_expansion_is_refused(cli, tmp_path):
    x = tmp_path / "bomb.tmx"
    x.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
                 '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>'
                 '</tu></body></tmx>\n', encoding="utf-8")
    code, out, _err = cli("check", "--format", "json", x)
    assert code in (0, 2) and "aaaa" not in out


def test_docx_parallel_table_and_monolingual(cli, tmp_path, glossary):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Heading")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "fusion energy", "フュージョンエネルギー"
    table.cell(1, 0).text, table.cell(1, 1).text = "fusion energy", "融合エネルギー"
    path = tmp_path / "p.docx"
    d.save(path)
    code, out, err = cli("check", "-g", glossary, "--format", "json", path)
    findings = json.loads(out)["findings"]
    # the same EN in two rows with two JA: also one segment-inconsistent warning (DESIGN.md §4.3)
    assert code == 1 and [(f["rule"], f["line"], f["column"]) for f in findings] == [
        ("segment-inconsistent", 5, 1), ("term-forbidden", 5, 1)]
    mono = docx.Document()
    mono.add_paragraph("融合エネルギーの研究,")
    mono.save(tmp_path / "m.docx")
    code, out, err = cli("check", "-g", glossary, "--lang", "ja", "--format", "gcc", tmp_path / "m.docx")
    assert "[term-forbidden]" in out and "[ja-punctuation]" in out and "untranslated" not in out
    code, out, err = cli("check", "-g", glossary, tmp_path / "m.docx")
    assert code == 2 and "--lang" in err


def test_the_statement_built_as_docx_checks_as_its_content_file_does(cli, tmp_path):
    # the heading (the parties' formal names and the title, in Word's Title and Subtitle styles) is not
    # running text: 日本国文部科学省 there is no second rendering of MEXT, and the Japanese heading's full
    # title is no term the English lacks (the content file's check gives no warning either)
    from conftest import EXAMPLE

    code, out, err = cli("build", EXAMPLE, "-o", tmp_path)
    assert code == 0, err
    _, out, _ = cli("check", "--format", "json", EXAMPLE)
    assert [f for f in json.loads(out)["findings"] if f["severity"] != "info"] == []
    stem = tmp_path / "doe-mext-fusion-2024"
    for args in ([f"{stem}.parallel.docx"], ["--lang", "ja", f"{stem}.ja.docx"], ["--lang", "en", f"{stem}.en.docx"]):
        code, out, err = cli("check", "--format", "json", *args)
        assert code == 0, err
        assert [(f["rule"], f["line"]) for f in json.loads(out)["findings"] if f["severity"] != "info"] == [], args


def _example_with_ja_title(cli, tmp_path, start: str):
    """The 2024 statement with its Japanese title starting ``start``, as a content file and built (--force)."""
    from conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8").replace("  ja: フュージョンエネルギーの実証と商業化", f"  ja: {start}")
    src = tmp_path / "js.yaml"
    src.write_text(text, encoding="utf-8")
    code, _, err = cli("build", "--force", src, "-o", tmp_path)
    assert code == 0, err
    return src, tmp_path / "doe-mext-fusion-2024"


def test_a_title_rendered_otherwise_than_the_body_is_reported_in_the_docx_as_in_its_content_file(cli, tmp_path):
    # the heading's parties are a register of their own, but its title is the author's text: a JA title
    # with 核融合エネルギー where the body writes フュージョンエネルギー is one concept rendered two ways
    src, stem = _example_with_ja_title(cli, tmp_path, "核融合エネルギーの実証と商業化")
    _, out, _ = cli("check", "--format", "json", "--select", "term-inconsistent", src)
    want = len(json.loads(out)["findings"])
    assert want >= 1
    for args in ([f"{stem}.parallel.docx"], ["--lang", "ja", f"{stem}.ja.docx"]):
        _, out, _ = cli("check", "--format", "json", "--select", "term-inconsistent", *args)
        assert len(json.loads(out)["findings"]) == want, args


def test_a_term_the_ja_title_adds_is_reported_in_the_parallel_docx_as_in_its_content_file(cli, tmp_path):
    # the heading row holds the parties and the document's own name in the DOCX's layout, but a term the
    # Japanese title adds (ITER) is the author's text: the content file reports it, so does its DOCX
    src, stem = _example_with_ja_title(cli, tmp_path, "ITERを通じたフュージョンエネルギーの実証と商業化")
    _, out, _ = cli("check", "--format", "json", "--select", "term-unexpected", src)
    assert [f["message"].split("'")[1] for f in json.loads(out)["findings"]] == ["ITER"]
    _, out, _ = cli("check", "--format", "json", "--select", "term-unexpected", f"{stem}.parallel.docx")
    assert [f["message"].split("'")[1] for f in json.loads(out)["findings"]] == ["ITER"]


def test_markdown_and_text_in_one_language(cli, tmp_path, glossary):
    md = tmp_path / "a.md"
    md.write_text("# 見出し\n\n本文で*融合エネルギー*を扱う。\n\n```\n融合エネルギー\n```\n\n"
                  "- ﾌｭｰｼﾞｮﾝ\n<!-- bilingual: ignore[ja-width] -->\n", encoding="utf-8")
    _, out, _ = cli("check", "-g", glossary, "--lang", "ja", "--format", "json", md)
    found = [(f["rule"], f["line"], located(md, f)) for f in json.loads(out)["findings"]]
    assert found == [("term-forbidden", 3, "融合エネルギー")]
    txt = tmp_path / "a.txt"
    txt.write_text("The the fusion power source.\n", encoding="utf-8")
    _code, out, _err = cli("check", "-g", glossary, "--lang", "en", "--format", "gcc", txt)
    assert f"{txt}:1:5: warning: 'the' is repeated" in out and f"{txt}:1:9: error:" in out


# ---------------------------------------------------------------- configuration

def test_config_found_upward_severity_select_exclude(cli, tmp_path, glossary, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [project]
        name = "x"
        [tool.bilingual]
        glossary = ["{glossary.name}"]
        exclude = ["drafts/**"]
        ignore = ["whitespace"]
        [tool.bilingual.severity]
        term-forbidden = "warning"
        """), encoding="utf-8")
    sub = tmp_path / "docs" / "deep"
    sub.mkdir(parents=True)
    doc = content(sub, "  - {id: p1, en: fusion energy, ja: 融合エネルギー  と}\n")
    (tmp_path / "drafts").mkdir()
    draft = content(tmp_path / "drafts", "  - {id: p1, en: fusion energy, ja: 融合エネルギー}\n")
    monkeypatch.chdir(sub)
    code, out, err = cli("check", "--format", "json", doc, draft)
    report = json.loads(out)
    assert code == 0 and report["summary"]["files"] == 1
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("term-forbidden", "warning")]
    (tmp_path / "bilingual.toml").write_text('select = ["no-such-rule"]\n', encoding="utf-8")
    code, out, err = cli("check", doc)
    assert code == 2 and "bilingual.toml:1:" in err


# ---------------------------------------------------------------- --fix

FIXME = """\
  # the translator's note stays
  - id: p1
    en: "The fusion power source plans."   # quoted stays quoted
    ja: 融合エネルギーと核融合科学研究所と核融合
  - id: p2
    en: Fusion power sources matter.
    ja: '融合エネルギー'
  - id: p3
    en: fusion energy
    ja: 融合エネルギー  # bilingual: ignore[term-forbidden]
"""


def test_fix_rewrites_in_place_keeps_layout_and_is_idempotent(cli, tmp_path, glossary):
    doc = content(tmp_path, FIXME)
    code, _, err = cli("check", "-g", glossary, "--fix", "--format", "gcc", doc)
    text = doc.read_text(encoding="utf-8")
    assert "fixed 4 term(s)" in err
    assert '  en: "The fusion energy plans."   # quoted stays quoted\n' in text
    assert "  ja: フュージョンエネルギーと核融合科学研究所と核融合\n" in text     # the name is untouched
    assert "  en: Fusion energies matter.\n" in text                    # capital and plural carried over
    assert "  ja: 'フュージョンエネルギー'\n" in text
    assert "  ja: 融合エネルギー  # bilingual: ignore[term-forbidden]\n" in text
    assert "# the translator's note stays\n" in text
    assert code == 0
    again = doc.read_text(encoding="utf-8")
    code, _out, err = cli("check", "-g", glossary, "--fix", doc)
    assert doc.read_text(encoding="utf-8") == again and "fixed" not in err


# ---------------------------------------------------------------- the examples

def test_the_example_gets_no_findings_from_the_new_checks(cli):
    _, out, _ = cli("check", "--format", "json", EXAMPLE)
    assert [f for f in json.loads(out)["findings"] if f["severity"] == "error"] == []
    _code, out, _ = cli("check", "--format", "json", SEED_HEADING)
    assert [f["rule"] for f in json.loads(out)["findings"] if f["severity"] != "info"] == ["term-forbidden"]


def test_checking_a_small_file_loads_no_heavy_library(tmp_path):
    """Start-up: with warm caches, a check of one small file (starter glossary and TM, exact TM lookups
    included) imports neither numpy nor lxml, python-docx, rapidfuzz or Babel; nor pysbd (one sentence a
    side), platformdirs, tempfile, shutil or hashlib (a few ms each: see docs/benchmarks.md)."""
    import os
    import subprocess
    import sys

    small = content(tmp_path, """\
        - {id: p1, en: The Department of Energy (DOE) works on fusion energy., ja: 米国エネルギー省（DOE）はフュージョンエネルギーに取り組む。}
        """, parties="doe, mext")  # noqa: E501 - one YAML flow mapping, one segment
    probe = ("import sys\nfrom bilingual.cli import main\ncode = main(['check', sys.argv[1]])\n"
             "print(code, sorted(m for m in ('numpy', 'lxml', 'docx', 'rapidfuzz', 'babel', 'pysbd', 'platformdirs', "
             "'tempfile', 'shutil', 'hashlib') if m in sys.modules))")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    runs = [subprocess.run([sys.executable, "-c", probe, str(small)], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=120) for _ in range(2)]      # the first fills the caches
    assert runs[1].returncode == 0, runs[1].stderr
    assert runs[1].stdout.strip().splitlines()[-1] == "0 []", runs[1].stderr
