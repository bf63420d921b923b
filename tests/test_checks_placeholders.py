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
    marked = ("kind: joint-statement\nid: t\ndate: 2024-04-09\nparties: [doe, mext]\n"
              "title: {en: Concerning Fusion TBD, ja: フュージョン（要確認）に関する}\nbody:\n"
              "  - id: p1\n    en: The Department of Energy works with the Ministry.\n"
              "    ja: 米国エネルギー省は文部科学省と協力する。\n")
    path = tmp_path / "marked.yaml"
    path.write_text(marked, encoding="utf-8")
    code, out, _ = cli("check", "--format", "json", path)
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "placeholder-left"]
    assert code == 1 and sorted(f["lang"] for f in found) == ["en", "ja"]
    lines = marked.splitlines()
    for f in found:
        assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] in ("TBD", "（要確認）")


def test_the_examples_and_ordinary_words_are_not_placeholders(cli):
    _code, out, _ = cli("check", "--format", "json", EXAMPLE)
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "placeholder-left"]
