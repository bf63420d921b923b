"""What a drafter sees when something is wrong: impossible dates named, ids suggested, no misleading summary."""
from __future__ import annotations

import pytest
from conftest import EXAMPLE


def _variant(tmp_path, old: str, new: str):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "draft.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("date, said", [
    ("2025-04-31", "April has 30 days"),
    ("2025-02-29", "February 2025 has 28 days"),
    ("2024-13-01", "there is no month 13"),
])
def test_an_impossible_date_is_named_as_such(tmp_path, cli, date, said):
    path = _variant(tmp_path, "date: 2024-04-09", f"date: {date}")
    code, out, err = cli("check", path)
    assert code == 2 and out == ""                  # no "0 errors … 0 segments" after an input error
    line = next(n for n, text_line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text_line.startswith("date:"))
    assert err == f"{path}:{line}:7: error: date '{date}': {said}\n"


def test_an_unknown_party_gets_the_closest_ids(tmp_path, cli):
    path = _variant(tmp_path, "parties: [doe, mext]", "parties: [doe, mxet]")
    code, _, err = cli("build", path, "-o", tmp_path / "out")
    assert code == 2 and not (tmp_path / "out").exists()
    assert "unknown concept 'mxet'" in err and "did you mean 'mext'?" in err and err.count("\n") == 1


def test_a_missing_file_is_one_line_without_a_position(tmp_path, cli):
    for verb in ("check", "build"):
        code, out, err = cli(verb, tmp_path / "nowhere.yaml")
        assert code == 2 and out == ""
        assert err == f"{tmp_path / 'nowhere.yaml'}: error: no such file or directory\n", verb


def test_glossary_list_shows_the_ids_by_subject(cli):
    code, out, err = cli("glossary", "list", "--subject", "organisation")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    ids = {r[0]: r for r in rows}
    assert {r[1] for r in rows} == {"organisation"}
    assert "Ministry of Education, Culture, Sports, Science and Technology" in ids["mext"][2]
    assert ids["mext"][3].endswith("文部科学省")
    assert err == f"{len(rows)} concept(s)\n"
    code, _, err = cli("glossary", "list", "--subject", "organization")
    assert code == 2 and "organisation" in err


def test_a_build_of_several_files_writes_the_good_ones_and_names_the_failing_one(tmp_path, cli):
    from conftest import EXAMPLES, SEED_HEADING

    out = tmp_path / "out"
    minutes = EXAMPLES / "ccfe-minutes-example.yaml"
    code, _, err = cli("build", EXAMPLE, SEED_HEADING, minutes, "-o", out)
    assert code == 1
    assert f"{SEED_HEADING}: 1 error finding(s); nothing written for it" in err
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{doc}.{layout}.docx" for doc in ("doe-mext-fusion-2024", "ccfe-45-example")
                             for layout in ("en", "ja", "parallel"))
    code, _, _ = cli("build", SEED_HEADING, "-o", tmp_path / "alone")
    assert code == 1 and not (tmp_path / "alone").exists()      # a single failing file: nothing at all


def test_paper_per_layout_from_the_configuration_and_for_all_from_the_command_line(tmp_path, cli, monkeypatch):
    import zipfile

    from lxml import etree

    def size(path):
        xml = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        pg = xml.find(f".//{w}sectPr/{w}pgSz")
        return int(pg.get(f"{w}w")), int(pg.get(f"{w}h"))

    monkeypatch.chdir(tmp_path)
    (tmp_path / "bilingual.toml").write_text('paper = {en = "letter", ja = "a4"}\n', encoding="utf-8")
    code, _, err = cli("build", EXAMPLE, "-o", "out")
    assert code == 0, err
    assert size(tmp_path / "out/doe-mext-fusion-2024.en.docx") == (12240, 15840)        # US Letter
    assert size(tmp_path / "out/doe-mext-fusion-2024.ja.docx") == (11906, 16838)        # A4
    assert size(tmp_path / "out/doe-mext-fusion-2024.parallel.docx") == (11906, 16838)  # the template's
    code, _, err = cli("build", EXAMPLE, "-o", "all-letter", "--paper", "letter")
    assert code == 0, err
    assert {size(p) for p in (tmp_path / "all-letter").iterdir()} == {(12240, 15840)}
    (tmp_path / "bilingual.toml").write_text('paper = "tabloid"\n', encoding="utf-8")
    code, _, err = cli("build", EXAMPLE, "-o", "bad")
    assert code == 2 and "bilingual.toml:1:" in err and "paper" in err and not (tmp_path / "bad").exists()


def test_row_numbers_from_the_command_line_or_the_configuration(tmp_path, cli, monkeypatch):
    import docx

    def first_column(path):
        return [row.cells[0].text for row in docx.Document(str(path)).tables[0].rows][:3]

    monkeypatch.chdir(tmp_path)
    code, _, err = cli("build", EXAMPLE, "--layout", "parallel", "-o", "plain")
    assert code == 0, err
    assert first_column(tmp_path / "plain/doe-mext-fusion-2024.parallel.docx")[0] == "English"
    code, _, err = cli("build", EXAMPLE, "--layout", "parallel", "--row-numbers", "-o", "numbered")
    assert code == 0, err
    assert first_column(tmp_path / "numbered/doe-mext-fusion-2024.parallel.docx") == ["", "1", "2"]
    (tmp_path / "bilingual.toml").write_text("row_numbers = true\n", encoding="utf-8")
    code, _, err = cli("build", EXAMPLE, "--layout", "parallel", "-o", "configured")
    assert code == 0, err
    assert first_column(tmp_path / "configured/doe-mext-fusion-2024.parallel.docx") == ["", "1", "2"]
    code, _, err = cli("build", EXAMPLE, "--layout", "parallel", "--no-row-numbers", "-o", "overridden")
    assert code == 0, err
    assert first_column(tmp_path / "overridden/doe-mext-fusion-2024.parallel.docx")[0] == "English"
    (tmp_path / "bilingual.toml").write_text('row_numbers = "yes"\n', encoding="utf-8")
    code, _, err = cli("build", EXAMPLE, "-o", "bad")
    assert code == 2 and err.count("\n") == 1 and "bilingual.toml:1:" in err and "row_numbers" in err
    assert not (tmp_path / "bad").exists()


def test_unknown_footnote_labels_and_people_get_the_closest_ids(tmp_path, cli):
    from conftest import EXAMPLES

    text = EXAMPLE.read_text(encoding="utf-8")
    assert "[^bdv]" in text
    path = tmp_path / "note.yaml"
    path.write_text(text.replace("[^bdv]", "[^bvd]", 1), encoding="utf-8")
    code, _, err = cli("check", path)
    assert code == 2 and "[^bvd]" in err and "did you mean 'bdv'?" in err and err.count("\n") == 1
    minutes = (EXAMPLES / "ccfe-minutes-example.yaml").read_text(encoding="utf-8")
    assert "owner: suzuki" in minutes
    path = tmp_path / "minutes.yaml"
    path.write_text(minutes.replace("owner: suzuki", "owner: suzuky", 1), encoding="utf-8")
    code, _, err = cli("check", path)
    assert code == 2 and "owner 'suzuky'" in err and "did you mean 'suzuki'?" in err
