"""Sources that travel with the glossary, the status ``proposed`` and what a user sees of both:
`glossary lookup`, `glossary stats [--unverified]`, the term-unverified check and the loader's errors."""
from __future__ import annotations

from checkutil import findings, hits, segment

from bilingual.glossary.model import Concept, Glossary, Term

SMALL = """\
concepts:
- id: ccfe
  source: AEC-1980
  en:
  - {term: Coordinating Committee on Fusion Energy, status: preferred}
  ja:
  - {term: 日米核融合調整委員会, status: preferred, source: AEC-1980 p. 1}
  - {term: 核融合委員会, status: proposed, note: Short form of the 1983 notes; not seen elsewhere.}
sources:
  AEC-1980:
    url: http://www.aec.go.jp/jicst/NC/about/ugoki/geppou/V25/N04/198008V25N04.html
    title: 第2回日米核融合調整委員会報告書
    publisher: 原子力委員会
    checked: 2026-12-04
"""


def test_lookup_of_the_committee_shows_the_treaty_name_the_mt_form_and_the_pages(cli):
    code, out, _ = cli("glossary", "lookup", "日米核融合調整委員会")
    assert code == 0 and out.splitlines()[0].endswith("concept ccfe")
    assert "  ja  核融合エネルギーに関する調整委員会  [admitted, fullForm]" in out          # the 1979 notes' name
    assert "  ja  核融合エネルギー調整委員会  [deprecated, fullForm]" in out                # the machine translation
    assert "    MOFA-A-S54-1163: 核融合エネルギーに関する調整委員会の設置に関する" in out
    assert "https://www.mofa.go.jp/mofaj/gaiko/treaty/htmls/A-S54-1163.html (checked 2026-12-04)" in out
    assert "fusion-terms.md" not in out.split("  sources:")[1]                        # every source opens from anywhere


def test_stats_counts_the_unverified_renderings_and_lists_them(cli, tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(SMALL, encoding="utf-8")
    code, out, _ = cli("glossary", "stats", "-g", path)
    assert code == 0 and "unverified renderings: 1 (list them with --unverified)" in out
    code, out, err = cli("glossary", "stats", "-g", path, "--unverified")
    assert code == 0 and out.splitlines() == ["ccfe\tja\t核融合委員会\tproposed\t"
                                              "Short form of the 1983 notes; not seen elsewhere."]
    assert "unverified renderings: 1" in err


def test_the_real_glossary_lists_as_many_unverified_renderings_as_it_counts(cli):
    _, out, _ = cli("glossary", "stats")
    count = int(out.split("unverified renderings: ")[1].split()[0])
    _code, listed, _ = cli("glossary", "stats", "--unverified")
    assert count > 0 and len(listed.splitlines()) == count


def test_lookup_of_a_user_glossary_prints_its_own_sources(cli, tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(SMALL, encoding="utf-8")
    code, out, _ = cli("glossary", "lookup", "核融合委員会", "-g", path)
    assert code == 0 and "[ja, proposed, fullForm, unverified]" in out.splitlines()[0]
    assert out.splitlines()[-1] == ("    AEC-1980: 第2回日米核融合調整委員会報告書. 原子力委員会. "
                                    "http://www.aec.go.jp/jicst/NC/about/ugoki/geppou/V25/N04/198008V25N04.html "
                                    "(checked 2026-12-04)")
    assert cli("glossary", "validate", "-g", path)[0] == 0


def test_a_source_key_defined_twice_or_a_bad_date_is_one_located_error(cli, tmp_path):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(SMALL, encoding="utf-8")
    two.write_text("sources:\n  AEC-1980: {url: 'https://x.org/', publisher: x}\n", encoding="utf-8")
    code, _, err = cli("glossary", "validate", "-g", one, "-g", two)
    assert code == 2 and err.startswith(f"{two}:2:3: error: source key 'AEC-1980' is defined twice")
    one.write_text(SMALL.replace("checked: 2026-12-04", "checked: last week"), encoding="utf-8")
    code, _, err = cli("glossary", "validate", "-g", one)
    assert code == 2 and err.startswith(f"{one}:") and "'last week' is not an ISO 8601 date" in err


def test_an_unknown_key_or_a_file_as_source_fails_validate(cli, tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(SMALL.replace("source: AEC-1980 p. 1", "source: ../shared/reference/fusion-terms.md")
                    .replace("  source: AEC-1980\n", "  source: AEC-1981\n"), encoding="utf-8")
    code, out, _ = cli("glossary", "validate", "-g", path)
    assert code == 1
    assert "source key 'AEC-1981' is not in the sources registry" in out and "[unknown-source]" in out
    assert "names the file '../shared/reference/fusion-terms.md'" in out and "[source-outside-package]" in out


# ---------------------------------------------------------------- the check

GLOSSARY = Glossary({"social-license": Concept("social-license", terms=[
    Term("social license", "en", "social-license", "preferred"),
    Term("ソーシャル・ライセンス", "ja", "social-license", "proposed", note="No JA government source found.")])})


def test_an_unverified_rendering_satisfies_term_missing_and_is_reported_with_its_note():
    seg = segment("A social license for fusion.", "フュージョンのソーシャル・ライセンス。")
    assert hits(seg, rule="term-missing", glossary=GLOSSARY) == []
    found = findings(seg, rules=["term-unverified"], glossary=GLOSSARY)
    assert [(f.severity, f.lang) for f in found] == [("info", "ja")]
    assert found[0].message == ("'ソーシャル・ライセンス' is an unverified rendering (proposed): "
                                "No JA government source found.")
    assert hits(segment("A social license.", "社会的受容。"), rule="term-missing", glossary=GLOSSARY) == [
        ("en", "social license")]
