"""`bilingual fill`: TM translations into the empty Japanese of a content file, every other line kept."""
from __future__ import annotations

import difflib

import yaml
from conftest import EXAMPLE

P2_JA = ("    ja: >-\n      "
         "フュージョンエネルギーは、低炭素で、安全、持続可能かつ信頼性の高いエネルギー供給をもたらし得るものであり、"
         "炭素排出実質ゼロの達成並びにエネルギー安全保障及び強靱性の強化に向けた世界の取組を大きく変える可能性を有している。"
         "これは、社会的及び経済的に大きな便益をもたらし得る。これらの便益を十分に実現するためには、残された重大な技術的課題を"
         "克服するとともに、規制、社会及び市場に関する適切な政策が必要である。\n")
PILLAR_1_JA = ("        ja: >-\n          "
               "STAに基づき実施される活動を通じて、多様な核融合方式について、商業的に成立するフュージョンエネルギーを"
               "実現する上での科学的及び技術的課題に取り組む。\n")


def _seg(data, seg_id):
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("id") == seg_id:
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise KeyError(seg_id)


def test_fill_writes_tm_translations_with_their_source_and_keeps_every_other_line(tmp_path, cli):
    tm = tmp_path / "tm.sqlite"                         # a TM of our own, so the starter TM cannot make this pass
    assert cli("tm", "harvest", EXAMPLE, "--tm", tm)[0] == 0
    original = EXAMPLE.read_text(encoding="utf-8")
    assert P2_JA in original and PILLAR_1_JA in original
    draft = original.replace(P2_JA, "", 1).replace(PILLAR_1_JA, "        ja:\n", 1)   # no ja: line; an empty ja:
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")

    code, _, err = cli("fill", path, "--tm", tm)
    assert code == 0, err
    assert "filled 2 segment(s)" in err
    filled = path.read_text(encoding="utf-8")
    want, got = yaml.safe_load(original), yaml.safe_load(filled)
    for seg_id in ("p2", "pillar-1"):
        assert " ".join(_seg(got, seg_id)["ja"].split()) == " ".join(_seg(want, seg_id)["ja"].split()), seg_id
    # every line of the draft is still there, in order; only comment and ja lines were added or changed
    before, after = draft.splitlines(), filled.splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        assert op in ("insert", "replace"), (op, before[i1:i2])
        assert all(line.strip() == "ja:" for line in before[i1:i2]), before[i1:i2]
        added = [line.strip() for line in after[j1:j2]]
        assert any(line.startswith("# bilingual fill: TM") for line in added), added
        assert all(line.startswith(("# bilingual fill:", "ja:")) or not line.startswith(("id:", "en:"))
                   for line in added)
    assert cli("check", path, "--tm", tm)[0] == 0


def test_a_fuzzy_match_is_a_comment_never_text(tmp_path, cli):
    tm = tmp_path / "tm.sqlite"
    assert cli("tm", "harvest", EXAMPLE, "--tm", tm)[0] == 0
    original = EXAMPLE.read_text(encoding="utf-8")
    draft = original.replace(PILLAR_1_JA, "        ja:\n", 1).replace(
        "commercially viable fusion energy for various fusion systems,",
        "commercially viable fusion energy for several fusion systems,", 1)
    assert draft.count("several fusion systems") == 1
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    code, _, err = cli("fill", path, "--tm", tm)
    assert code == 0 and "filled 0 segment(s)" in err and "1 fuzzy suggestion(s)" in err
    filled = path.read_text(encoding="utf-8")
    assert _seg(yaml.safe_load(filled), "pillar-1").get("ja") is None          # still empty: no text was written
    comment = next(line for line in filled.splitlines() if "TM suggestion" in line)
    assert "STAに基づき実施される活動" in comment
    assert filled.replace(comment + "\n", "", 1) == draft
