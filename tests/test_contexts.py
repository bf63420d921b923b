"""glossary/contexts.yaml and the document facts it depends on: loading, located errors, --date, --register."""
from __future__ import annotations

import shutil

from conftest import ROOT


def _glossary_copy(tmp_path):
    g = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", g)
    return g


def test_context_data_naming_an_unknown_concept_or_term_is_a_located_error(cli, tmp_path):
    g = _glossary_copy(tmp_path)
    text = (g / "contexts.yaml").read_text(encoding="utf-8")
    (g / "contexts.yaml").write_text(text.replace("  nra-japan:", "  nra-japn:"), encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("原子力規制委員会(NRC)は米国政府の独立機関です。\n", encoding="utf-8")
    code, _out, err = cli("check", "--glossary", str(g), "--lang", "ja", str(doc))
    assert code == 2
    line = next(n for n, text_line in enumerate(text.splitlines(), 1) if text_line.startswith("  nra-japan:"))
    assert err.strip().startswith(f"{g / 'contexts.yaml'}:{line}:3: error:") and "nra-japn" in err
    (g / "contexts.yaml").write_text(text.replace("term: 原子力規制委員会", "term: 原子力規制委員"), encoding="utf-8")
    code, _, err = cli("check", "--glossary", str(g), "--lang", "ja", str(doc))
    assert code == 2 and "原子力規制委員" in err and "is not a term of concept 'nra-japan'" in err


def test_a_bad_pattern_in_also_patterns_is_a_located_error(cli, tmp_path):
    g = _glossary_copy(tmp_path)
    text = (g / "contexts.yaml").read_text(encoding="utf-8")
    assert "    also_patterns: [" in text
    broken = text.replace("    also_patterns: [", "    also_patterns: ['日・(', ", 1)
    (g / "contexts.yaml").write_text(broken, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("日米の協力を確認した。\n", encoding="utf-8")
    code, out, err = cli("check", "--glossary", str(g), "--lang", "ja", str(doc))
    line = next(n for n, t in enumerate(broken.splitlines(), 1) if t.startswith("    also_patterns:"))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.strip().startswith(f"{g / 'contexts.yaml'}:{line}:") and "'日・('" in err


def test_date_and_register_from_the_command_line_and_the_configuration(cli, tmp_path, monkeypatch):
    # JST CRDS, 16 Jul 2025 (crds.jst.go.jp/dw/?p=42492): an undated text
    doc = tmp_path / "a.txt"
    doc.write_text("英日、核融合エネルギー分野で協力覚書を締結、研究開発や人材育成などで連携\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", "--lang", "ja", "--format", "gcc", "--select", "term-forbidden", str(doc))
    assert code == 0 and out == ""                  # undated, and nothing in it says when: no finding
    dated_inside = tmp_path / "b.txt"                # undated, but its text names a day after the change
    dated_inside.write_text("英日、核融合エネルギー分野で協力覚書を締結(2025年6月19日付)\n", encoding="utf-8")
    code, out, _ = cli("check", "--lang", "ja", "--format", "gcc", "--select", "term-forbidden", str(dated_inside))
    assert code == 0 and ": warning: " in out and "2025" in out
    code, out, _ = cli("check", "--lang", "ja", "--format", "gcc", "--date", "2025-07-16", str(doc))
    assert code == 1 and ": error: '核融合エネルギー'" in out
    code, out, _ = cli("check", "--lang", "ja", "--format", "gcc", "--date", "2025-07-16", "--register", "technical",
                       "--select", "term-forbidden", str(doc))
    assert code == 0 and out == ""
    (tmp_path / "bilingual.toml").write_text('date = 2025-07-16\nregister = "policy"\n', encoding="utf-8")
    code, out, _ = cli("check", "--lang", "ja", "--format", "gcc", "--select", "term-forbidden", str(doc))
    assert code == 1 and ": error: " in out
    (tmp_path / "bilingual.toml").write_text('register = "legal"\n', encoding="utf-8")
    code, _, err = cli("check", "--lang", "ja", str(doc))
    assert code == 2 and err.startswith(f"{tmp_path / 'bilingual.toml'}:1:1: error:")
    (tmp_path / "bilingual.toml").unlink()
    code, _, err = cli("check", "--lang", "ja", "--date", "2025-13-01", str(doc))
    assert code == 2 and "--date" in err
