"""Every verb reads the same bilingual.toml, merged once: check and build agree, and the glossary and TM
verbs use the glossary and TM the file names."""
from __future__ import annotations

import json
import shutil

from conftest import ROOT, SEED_HEADING

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en-US"
 o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en-US"><seg>The stellarator coil was delivered.</seg></tuv>
<tuv xml:lang="ja-JP"><seg>ステラレータのコイルが納入された。</seg></tuv></tu>
</body></tmx>
"""


def project(tmp_path, severity: str):
    """A folder with bilingual.toml naming a glossary folder, a TM, and term-forbidden's severity."""
    shutil.copytree(ROOT / "glossary", tmp_path / "terms")
    (tmp_path / "team.tmx").write_text(TMX, encoding="utf-8")
    (tmp_path / "bilingual.toml").write_text(
        f'glossary = ["terms"]\ntm = "team.tmx"\n[severity]\nterm-forbidden = "{severity}"\n', encoding="utf-8")
    doc = tmp_path / "doc.yaml"
    shutil.copy(SEED_HEADING, doc)
    return doc


def test_check_and_build_agree_when_the_config_turns_a_rule_off(cli, tmp_path, monkeypatch):
    doc = project(tmp_path, "off")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", doc)
    assert code == 0, out
    code, out, err = cli("build", doc, "-o", tmp_path / "out", "--layout", "en")
    assert code == 0, err
    assert list((tmp_path / "out").glob("*.en.docx"))


def test_check_and_build_agree_when_the_config_keeps_the_rule_an_error(cli, tmp_path, monkeypatch):
    doc = project(tmp_path, "error")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", doc)
    assert code == 1 and "term-forbidden" in out
    code, out, err = cli("build", doc, "-o", tmp_path / "out")
    assert code == 1 and "term-forbidden" in err
    assert not (tmp_path / "out").exists()


def test_glossary_and_tm_verbs_use_what_the_config_names(cli, tmp_path, monkeypatch):
    project(tmp_path, "off")
    # a glossary only the config names: one concept more than the embedded one
    (tmp_path / "terms" / "extra.yaml").write_text(
        "concepts:\n- id: stellarator-x\n  subject: device\n  definition: A test concept.\n"
        "  en:\n  - {term: stellarator widget, status: preferred}\n"
        "  ja:\n  - {term: ステラレータ部品, status: preferred}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _err = cli("glossary", "lookup", "stellarator widget")
    assert code == 0 and "ステラレータ部品" in out
    code, out, _ = cli("tm", "stats", "--format", "json")
    assert code == 0 and json.loads(out)["tus"] == 1
    code, out, _ = cli("tm", "lookup", "The stellarator coil was delivered.")
    assert code == 0 and "ステラレータのコイルが納入された。" in out
    monkeypatch.chdir(tmp_path.parent)          # without the config: the embedded glossary and starter TM
    code, out, _ = cli("tm", "lookup", "The stellarator coil was delivered.")
    assert "ステラレータのコイル" not in out


def test_a_glossary_url_in_the_config_is_refused_where_it_is_written(cli, tmp_path, monkeypatch):
    # a server URL is a TM, never a glossary: refused at its line, not read as a file named "postgresql:/h/db"
    (tmp_path / "bilingual.toml").write_text('tm = "team.tmx"\nglossary = "postgresql://h/db"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("glossary", "lookup", "stellarator")
    assert code == 2 and not out
    assert err.strip() == (f"{tmp_path / 'bilingual.toml'}:2:1: error: 'glossary' names 'postgresql://h/db', "
                           "a URL: a glossary is a file or a folder")
