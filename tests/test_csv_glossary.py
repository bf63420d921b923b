"""Glossary CSV as spreadsheets save it: encodings, delimiters, located errors, nothing imported on a bad row."""
from __future__ import annotations

import pytest

from bilingual.formats.csv_glossary import read_csv, to_csv
from bilingual.io.errors import InputError

HEADER = "concept,subject,lang,term,status,type,pos,note\r\n"
ROWS = ("mext,organisation,en,Ministry of Education,preferred,fullForm,properNoun,\r\n"
        "mext,organisation,ja,文部科学省,preferred,fullForm,properNoun,\r\n"
        "mext,organisation,ja,文科省,admitted,shortForm,properNoun,報道での略称\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp932"])
def test_spreadsheet_encodings_are_detected(encoding, tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes((HEADER + ROWS).encode(encoding))
    g = read_csv(path)
    assert [t.text for t in g.concepts["mext"].terms] == ["Ministry of Education", "文部科学省", "文科省"]
    assert g.concepts["mext"].terms[2].note == "報道での略称"


def test_excel_unicode_text_is_tab_separated_utf16(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes((HEADER + ROWS).replace(",", "\t").encode("utf-16-le").join([b"\xff\xfe", b""]))
    assert len(read_csv(path).concepts["mext"].terms) == 3


def test_encoding_can_be_given(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes((HEADER + ROWS).encode("cp932"))
    assert read_csv(path, encoding="cp932").concepts["mext"].terms[1].text == "文部科学省"


def test_bad_row_is_located_and_nothing_is_imported(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(HEADER + ROWS + "mext,organisation,ja,文科,prefered,fullForm,noun,\r\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_csv(path)
    e = exc.value
    assert (e.path, e.line, e.column) == (str(path), 5, len("mext,organisation,ja,文科,") + 1)
    assert "prefered" in e.message


def test_quoted_cells_and_multiline_cells_keep_positions(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(HEADER + 'iter,"tech, big",en,ITER,preferred,acronym,properNoun,"two\nlines"\r\n'
                    'iter,"tech, big",ja,イーター,bad,fullForm,noun,\r\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_csv(path)
    assert (exc.value.line, exc.value.column) == (4, len('iter,"tech, big",ja,イーター,') + 1)


def test_undecodable_file_is_an_input_error(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(HEADER.encode() + b"x,y,en,\x81\xff\xfe,preferred,fullForm,noun,\r\n")
    with pytest.raises(InputError, match="--encoding"):
        read_csv(path)


def test_unknown_column_and_conflicting_concept_fields(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,colour\r\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown column 'colour'") as exc:
        read_csv(path)
    assert (exc.value.line, exc.value.column) == (1, len("concept,lang,term,") + 1)
    path.write_text(HEADER + ROWS + "mext,policy,en,MEXT,preferred,acronym,properNoun,\r\n", encoding="utf-8")
    with pytest.raises(InputError, match="subject of 'mext' differs") as exc:
        read_csv(path)
    assert exc.value.line == 5


def test_export_opens_in_excel_as_utf8(glossary):
    data = to_csv(glossary)
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(data.decode("utf-8-sig").splitlines()) > len(glossary.concepts)


def test_utf16_without_a_bom_is_detected(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes((HEADER + ROWS).encode("utf-16-le"))
    assert read_csv(path).concepts["mext"].terms[1].text == "文部科学省"


def test_transactions_one_per_line(tmp_path):
    from bilingual.glossary.model import Transaction

    path = tmp_path / "g.csv"
    path.write_text('concept,concept_transactions,lang,term,transactions\r\n'
                    'mext,"origination 2024-04-10 MEXT R&D Bureau\nmodification 20240501T09:30:00Z",ja,文部科学省,'
                    'modification - Translation Office\r\n', encoding="utf-8")
    c = read_csv(path).concepts["mext"]
    assert c.transactions == (Transaction("origination", "2024-04-10", "MEXT R&D Bureau"),
                              Transaction("modification", "2024-05-01T09:30:00Z"))
    assert c.terms[0].transactions == (Transaction("modification", None, "Translation Office"),)


def test_bad_transaction_is_located(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,transactions\r\nmext,ja,文部科学省,created 2024-04-10\r\n", encoding="utf-8")
    with pytest.raises(InputError, match="origination or modification") as exc:
        read_csv(path)
    assert (exc.value.line, exc.value.column) == (2, len("mext,ja,文部科学省,") + 1)
    path.write_text("concept,lang,term,transactions\r\nmext,ja,文部科学省,origination 10/04/2024\r\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an ISO 8601 date"):
        read_csv(path)


def test_a_bad_cell_after_a_multiline_cell_is_located_on_its_own_line(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(HEADER + 'iter,technical,ja,イーター,preferred,fullForm,noun,"first\nsecond"\r\n'
                    'iter,technical,ja,"ITER\nproject",prefered,fullForm,noun,\r\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_csv(path)
    assert (exc.value.line, exc.value.column) == (5, len('project",') + 1)
