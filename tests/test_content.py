"""Content YAML: shape errors are located, and every character keeps its file position."""
from __future__ import annotations

import textwrap

import pytest

from bilingual.content.loader import load_document
from bilingual.glossary.model import Concept, Glossary, Term
from bilingual.io.errors import InputError

G = Glossary({
    "doe": Concept("doe", terms=[Term("Department of Energy", "en", "doe", "preferred", pos="properNoun"),
                                 Term("米国エネルギー省", "ja", "doe", "preferred")]),
    "mext": Concept("mext", terms=[Term("MEXT", "en", "mext", "preferred", "acronym"),
                                   Term("文部科学省", "ja", "mext", "preferred")]),
})

HEAD = """\
kind: joint-statement
id: t
date: 2024-04-10
parties: [doe, mext]
title: {en: Title, ja: 表題}
"""


def write(tmp_path, body: str, head: str = HEAD):
    p = tmp_path / "doc.yaml"
    p.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return p


def error_of(path) -> InputError:
    with pytest.raises(InputError) as info:
        load_document(path, G)
    return info.value


@pytest.mark.parametrize("scalar", [
    "MEXT and DOE",
    "'MEXT and DOE'",
    '"MEXT and DOE"',
    "|\n      MEXT and DOE",
    ">\n      MEXT and DOE",
    ">-\n      some text\n      before MEXT and DOE",
    '"\\u00e9t\\u00e9 x \\"q\\" MEXT and DOE"',
    "'it''s ok, MEXT and DOE'",
    "plain text that\n      folds over lines, MEXT and DOE",
])
def test_every_scalar_style_points_at_the_characters(tmp_path, scalar):
    path = write(tmp_path, f"body:\n  - id: p1\n    en: {scalar}\n    ja: 文部科学省\n")
    doc = load_document(path, G)
    text = doc.body[0].segment.en
    start = text.plain.index("MEXT")
    line, col, end_line, end_col = text.locate(start, start + 4)
    source_line = path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert source_line[col - 1:end_col - 1] == "MEXT"
    assert end_line == line


def test_japanese_positions_count_code_points(tmp_path):
    path = write(tmp_path, "body:\n  - id: p1\n    en: x\n    ja: 𠮷野家と文部科学省\n")
    text = load_document(path, G).body[0].segment.ja
    start = text.plain.index("文部")
    line, col, _, end_col = text.locate(start, start + 5)
    assert path.read_text(encoding="utf-8").splitlines()[line - 1][col - 1:end_col - 1] == "文部科学省"


@pytest.mark.parametrize("scalar", [
    ">-\n      両者は、協力を\n      確認した。文部科学省",
    "両者は、協力を\n      確認した。文部科学省",
    "|-\n      両者は、協力を\n      確認した。文部科学省",
    '"両者は、協力を\\n確認した。文部科学省"',
])
def test_japanese_wrapped_over_lines_is_one_run_of_text(tmp_path, scalar):
    # a drafter wraps a long Japanese line: the break between two Japanese characters is no space (as
    # pandoc's east_asian_line_breaks); positions still point at the characters of the file
    path = write(tmp_path, f"body:\n  - id: p1\n    en: The two sides\n      confirmed it.\n    ja: {scalar}\n")
    seg = load_document(path, G).body[0].segment
    assert seg.ja.plain == "両者は、協力を確認した。文部科学省"
    assert seg.en.plain == "The two sides confirmed it."        # English keeps its space
    start = seg.ja.plain.index("文部")
    line, col, _, end_col = seg.ja.locate(start, start + 5)
    assert path.read_text(encoding="utf-8").splitlines()[line - 1][col - 1:end_col - 1] == "文部科学省"


def test_a_blank_line_in_wrapped_japanese_is_not_joined(tmp_path):
    # a blank line of a folded block ends a paragraph: it is no soft break, and the text is not run together
    path = write(tmp_path, "body:\n  - id: p1\n    en: x\n    ja: >-\n      両者は、協力を\n\n      確認した。\n")
    assert "協力を確認" not in load_document(path, G).body[0].segment.ja.plain


def test_markup_is_removed_but_positions_follow_the_raw_text(tmp_path):
    path = write(tmp_path, 'body:\n  - id: p1\n    en: "*Bold* [the MEXT](https://x.org)[^a] end"\n    ja: x[^a]\n'
                           "footnotes:\n  a: {en: n, ja: 注}\n")
    text = load_document(path, G).body[0].segment.en
    assert text.plain == "Bold the MEXT end"
    assert [r.footnote for r in text.runs if r.footnote] == ["a"]
    start = text.plain.index("MEXT")
    line, col, _, _ = text.locate(start, start + 4)
    assert path.read_text().splitlines()[line - 1][col - 1:col + 3] == "MEXT"


@pytest.mark.parametrize("body, line, col, words", [
    ("body:\n  - id: p1\n    en: [unclosed\n", 9, 1, "invalid YAML"),
    ("body:\n  - id: p1\n    en: x\n    colour: red\n", 9, 5, "unknown key 'colour'"),
    ("body:\n  - id: p1\n    en: see[^nope]\n", 8, 12, "footnote [^nope] has no definition"),
    ("body:\n  - id: p1\n    en: a\n  - id: p1\n    en: b\n", 9, 9, "used twice"),
    ("body:\n  - en: no id\n", 7, 5, "needs the key 'id'"),
    ("body:\n  - id: p1\n    en: '[x](javascript:alert(1))'\n", 8, 14, "only http, https and mailto"),
])
def test_bad_content_is_one_located_error(tmp_path, body, line, col, words):
    err = error_of(write(tmp_path, body))
    assert (err.line, err.column) == (line, col), str(err)
    assert words in err.message


def test_unknown_party_concept_is_located(tmp_path):
    err = error_of(write(tmp_path, "body: []\n", head=HEAD.replace("[doe, mext]", "[doe, mxet]")))
    assert (err.line, err.column) == (4, 16) and "unknown concept 'mxet'" in err.message


def test_bad_date_and_unknown_kind(tmp_path):
    assert "YYYY-MM-DD" in error_of(write(tmp_path, "body: []\n", head=HEAD.replace("2024-04-10", "10/4/2024"))).message
    err = error_of(write(tmp_path, "body: []\n", head=HEAD.replace("joint-statement", "memo")))
    assert (err.line, err.column) == (1, 7) and "unknown kind 'memo'" in err.message


def test_yaml_alias_bomb_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    p = tmp_path / "bomb.yaml"
    p.write_text(bomb)
    err = error_of(p)
    assert "aliases" in err.message


def test_invalid_utf8_is_located(tmp_path):
    p = tmp_path / "doc.yaml"
    p.write_bytes(HEAD.encode() + b"body:\n  - id: p1\n    en: caf\xe9\n")
    err = error_of(p)
    assert (err.line, err.column) == (8, 12) and "UTF-8" in err.message


def test_suppression_comment_applies_to_its_segment(tmp_path):
    path = write(tmp_path, "body:\n  - id: p1  # bilingual: ignore[term-missing, untranslated]\n    en: x\n"
                           "  - id: p2\n    en: y\n")
    doc = load_document(path, G)
    assert doc.body[0].segment.ignore == {"term-missing", "untranslated"}
    assert doc.body[1].segment.ignore == frozenset()
