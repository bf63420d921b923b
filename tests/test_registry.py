"""Registries: each rule defined once and listed once; kinds and layouts in step."""
from __future__ import annotations

import pytest


def test_list_rules_names_each_rule_once_with_its_family_severity_inputs_and_module(cli):
    code, out, _ = cli("check", "--list-rules")
    rows = [line.split() for line in out.splitlines()[1:]]
    names = [r[0] for r in rows]
    assert code == 0 and len(names) == len(set(names)) == 20
    number = next(r for r in rows if r[0] == "number-mismatch")
    assert number == ["number-mismatch", "numbers", "error", "parallel", "bilingual.checks.numbers"]
    forbidden = next(r for r in rows if r[0] == "term-forbidden")
    assert forbidden[1:4] == ["terms", "error", "mono+parallel"]


def test_a_rule_defined_twice_is_an_error_at_import():
    from bilingual.checks.registry import RuleError, catalog, rule

    catalog()
    with pytest.raises(RuleError, match="number-mismatch.*defined twice"):
        @rule("number-mismatch", "error", "a second definition")
        def again(ctx, seg):
            return iter(())
    assert catalog()["number-mismatch"].module == "bilingual.checks.numbers"


def test_a_rule_name_not_in_the_catalog_is_refused_on_the_command_line(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("fusion\n", encoding="utf-8")
    code, _, err = cli("check", "--select", "no-such-rule", f)
    assert code == 2 and "no-such-rule" in err
