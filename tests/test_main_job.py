"""The drafting officer's job on the real seed: check, refuse, report where."""
from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, SEED_HEADING


def test_the_example_has_no_error_findings(cli):
    code, out, _err = cli("check", "--format", "json", EXAMPLE)
    report = json.loads(out)
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    assert code == 0
    assert report["summary"]["segments"] >= 20


def test_the_seed_heading_fails_with_exactly_one_forbidden_term_where_it_is_written(cli, tmp_path):
    code, out, _err = cli("build", SEED_HEADING, "-o", tmp_path / "out")
    assert code == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    code, out, _ = cli("check", "--format", "json", SEED_HEADING)
    findings = [f for f in json.loads(out)["findings"] if f["severity"] != "info"]   # term-unverified notes aside
    assert [f["rule"] for f in findings] == ["term-forbidden"]
    f = findings[0]
    line = SEED_HEADING.read_text(encoding="utf-8").splitlines()[f["line"] - 1]
    assert line[f["column"] - 1:f["end_column"] - 1] == "Ministry of Education, Sports, Science and Technology"
    assert f["suggestion"] == "Ministry of Education, Culture, Sports, Science and Technology"
    assert f["severity"] == "error" and f["lang"] == "en"


def test_gcc_format_is_one_line_per_finding(cli):
    _code, out, _ = cli("check", "--format", "gcc", SEED_HEADING)
    lines = [line for line in out.splitlines() if ": info: " not in line]    # term-unverified notes aside
    assert len(lines) == 1 and lines[0].startswith(f"{SEED_HEADING}:")
    assert lines[0].endswith("[term-forbidden]") and ": error: " in lines[0]


BROKEN = {
    "malformed": ("kind: joint-statement\nid: x\ndate: 2024-04-10\ntitle: {en: a, ja: b\n", "5:1", "invalid YAML"),
    "unknown-key": ("kind: joint-statement\nid: x\ndate: 2024-04-10\nparties: [doe, mext]\ntitle: {en: a, ja: b}\n"
                    "body: []\nsignature: me\n", "7:1", "unknown key 'signature'"),
    "unknown-concept": ("kind: joint-statement\nid: x\ndate: 2024-04-10\nparties: [doe, moe]\ntitle: {en: a, ja: b}\n"
                        "body: []\n", "4:16", "unknown concept 'moe'"),
    "missing-footnote": ("kind: joint-statement\nid: x\ndate: 2024-04-10\nparties: [doe, mext]\n"
                         "title: {en: a, ja: b}\nbody:\n  - {id: p1, en: 'text[^n1]', ja: 'テキスト'}\n",
                         "7:23", "footnote [^n1] has no definition"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_bad_input_is_one_located_line_exit_2_and_nothing_written(cli, tmp_path, name):
    text, where, words = BROKEN[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _out, err = cli("build", path, "-o", out_dir)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{path}:{where}: error: ") and words in err
    assert not out_dir.exists()
