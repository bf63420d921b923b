"""Registries: each rule defined once and listed once; kinds and layouts in step."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT


def test_list_rules_names_each_rule_once_with_its_family_severity_inputs_and_module(cli):
    code, out, _ = cli("check", "--list-rules")
    rows = [line.split() for line in out.splitlines()[1:]]
    names = [r[0] for r in rows]
    doc = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    table = doc.split("## The catalog", 1)[1].split("\n## ", 1)[0]
    documented = {name for row in table.splitlines() if row.startswith("| `")
                  for name in re.findall(r"`([a-z-]+)`", row.split("|")[1])}
    assert code == 0 and len(names) == len(set(names)) and set(names) == documented
    number = next(r for r in rows if r[0] == "number-mismatch")
    assert number == ["number-mismatch", "numbers", "error", "parallel", "bilingual.checks.numbers"]
    forbidden = next(r for r in rows if r[0] == "term-forbidden")
    assert forbidden[1:4] == ["terms", "error", "mono+parallel"]
    # columns line up under their headings for every family (placeholder-left's 'placeholders' pushed its
    # severity one column right of the others)
    lines = out.splitlines()
    for heading in ("severity", "inputs", "module"):
        col = lines[0].index(heading)
        assert all(line[col - 1] == " " and line[col] != " " for line in lines[1:]), heading


def test_a_rule_defined_twice_is_an_error_at_import():
    from bilingual.checks.registry import RuleError, catalog, rule

    catalog()
    with pytest.raises(RuleError, match=r"number-mismatch.*defined twice"):
        @rule("number-mismatch", "error", "a second definition")
        def again(ctx, seg):
            return iter(())
    assert catalog()["number-mismatch"].module == "bilingual.checks.numbers"


def test_a_rule_name_not_in_the_catalog_is_refused_on_the_command_line(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("fusion\n", encoding="utf-8")
    code, _, err = cli("check", "--select", "no-such-rule", f)
    assert code == 2 and "no-such-rule" in err


def test_every_document_kind_has_a_loader_a_layout_and_a_skeleton_and_nothing_else_does():
    import importlib

    from conftest import ROOT

    from bilingual.content.kinds import KINDS, resolve
    from bilingual.render import KIND_LAYOUTS

    assert set(KINDS) == set(KIND_LAYOUTS)
    for kind in KINDS.values():
        assert callable(resolve(kind.loader)), kind.name
        assert callable(importlib.import_module(f"bilingual.render.{KIND_LAYOUTS[kind.name]}").render)
    skeletons = {p.name for p in (ROOT / "templates" / "skeletons").glob("*.yaml")}
    assert skeletons == {k.skeleton for k in KINDS.values()}


def test_a_kind_unknown_to_the_registry_is_a_located_error(cli, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("kind: press-release\nid: x\ndate: 2024-04-10\n", encoding="utf-8")
    code, _, err = cli("check", f)
    assert code == 2 and (f"{f}:1:7: error: unknown kind 'press-release'; "
                          "expected one of: joint-statement, ccfe-minutes") in err
