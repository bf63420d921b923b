"""placeholder-left: skeleton text and drafting markers are errors, in either language."""
from __future__ import annotations

import json

from conftest import EXAMPLE


def test_a_new_skeleton_fails_the_check_with_placeholder_left(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("new", "joint-statement", "x.yaml")[0] == 0
    code, out, _ = cli("check", "--format", "json", "x.yaml")
    assert code == 1
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules.count("placeholder-left") == rules.count("untranslated") == 6


def test_markers_in_both_languages_are_found_where_they_are(tmp_path, cli):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "文部科学省（MEXT）" in text
    marked = text.replace("文部科学省（MEXT）", "文部科学省（MEXT）（要確認）", 1)
    marked = marked.replace("      The Department of Energy (DOE)", "      The Department of Energy (DOE) TBD", 1)
    path = tmp_path / "marked.yaml"
    path.write_text(marked, encoding="utf-8")
    code, out, _ = cli("check", "--format", "json", path)
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "placeholder-left"]
    assert code == 1 and sorted(f["lang"] for f in found) == ["en", "ja"]
    lines = marked.splitlines()
    for f in found:
        assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] in ("TBD", "（要確認）")


def test_the_examples_and_ordinary_words_are_not_placeholders(cli):
    code, out, _ = cli("check", "--format", "json", EXAMPLE)
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "placeholder-left"]
