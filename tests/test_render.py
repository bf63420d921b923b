"""DOCX output: structure checked in the XML, then read back by real clients
(python-docx, pandoc, LibreOffice → PDF → poppler)."""
from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, require_tool
from lxml import etree

from bilingual.content.model import Document, ListBlock, Paragraph, Party, Run, Segment, Text
from bilingual.io.fsutil import write_atomic
from bilingual.render import LAYOUTS, RenderError, render_document
from bilingual.resources import data_dir
from bilingual.text.labels import label, locale_dir
from bilingual.text.locale import era_date, long_date

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "r": R, "mc": MC}
HYPERLINK_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
A4 = (11906, 16838)  # twips
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# ---------------------------------------------------------------- documents

def text(*parts: str | Run) -> Text:
    runs = [p if isinstance(p, Run) else Run(p) for p in parts]
    plain = "".join(r.text for r in runs)
    return Text(raw=plain, plain=plain, runs=runs, plain_to_raw=list(range(len(plain))))


def seg(sid: str, en: Text | None, ja: Text | None, role: str = "body") -> Segment:
    return Segment(sid, en, ja, role=role)


URL = "https://www.whitehouse.gov/ostp/news-updates/2022/04/19/bdv"
BODY_URL = "https://www.fusionenergy.gov/"


def handmade_document() -> Document:
    """A small joint statement with every feature the writer supports."""
    link = Run(URL, link=URL)
    return Document(
        kind="joint-statement", id="handmade", path="handmade.yaml", date=dt.date(2024, 4, 10),
        title=seg("title", text("Concerning a Strategic Partnership"), text("戦略的パートナーシップに関する"), "title"),
        parties=[
            Party("doe", seg("doe", text("the Department of Energy of the United States of America"),
                             text("アメリカ合衆国エネルギー省"), "party")),
            Party("mext", seg("mext",
                              text("the Ministry of Education, Culture, Sports, Science and Technology of Japan"),
                              text("日本国文部科学省"), "party")),
        ],
        provisional=True,
        body=[
            Paragraph(seg("p1",
                          text("DOE and MEXT advance the ", Run("Bold Decadal Vision", italic=True),
                               Run("", footnote="bdv"), " and the ", Run("portal", link=BODY_URL), "."),
                          text("DOE及びMEXTは「大胆な十年規模ビジョン」", Run("", footnote="bdv"), "及び",
                               Run("ポータル", link=BODY_URL), "を推進する。"))),
            ListBlock([seg("b1", text("First pillar;"), text("第一の柱")),
                       seg("b2", text("Second ", Run("pillar", bold=True), "."), text("第二の柱"))]),
            Paragraph(seg("p2", text("Then two numbered lists."), text("次に番号付きの二つのリスト。"))),
            ListBlock([seg("n1", text("one"), text("一")), seg("n2", text("two"), text("二"))], ordered=True),
            ListBlock([seg("m1", text("uno"), text("壱")), seg("m2", text("dos"), text("弐"))], ordered=True),
        ],
        footnotes={"bdv": seg("bdv", text(link, "."), text(link, "。"), "footnote")},
    )


def example_document() -> Document:
    """The seed joint statement through the real loader and the embedded glossary."""
    from bilingual.content.loader import load_document
    from bilingual.glossary.load import load_glossary

    return load_document(EXAMPLE, load_glossary())


def glossary_available() -> bool:
    return any(data_dir("glossary").glob("*.yaml"))


@pytest.fixture(scope="session")
def doc() -> Document:
    """The seed example when the embedded glossary is present, else the hand-made document."""
    return example_document() if glossary_available() else handmade_document()


@pytest.fixture(scope="session")
def built(doc) -> dict[str, bytes]:
    return {layout: render_document(doc, layout) for layout in LAYOUTS}


@pytest.fixture(scope="session")
def handmade() -> dict[str, bytes]:
    d = handmade_document()
    return {layout: render_document(d, layout) for layout in LAYOUTS}


@pytest.fixture(scope="session")
def files(built, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    paths = {}
    for layout, data in built.items():
        paths[layout] = out / f"doc.{layout}.docx"
        write_atomic(paths[layout], data)
    return paths


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name), PARSER)


def has_part(data: bytes, name: str) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return name in zf.namelist()


def body_refs(doc_xml: etree._Element) -> list[etree._Element]:
    return doc_xml.xpath("//w:footnoteReference", namespaces=NS)


def note_refs(doc: Document, lang: str) -> int:
    return sum(len(s.text(lang).footnotes) for s in doc.segments() if s.role != "footnote" and s.text(lang))


# ---------------------------------------------------------------- python-docx reads it back

def test_python_docx_reads_every_layout(built, doc):
    import docx

    en = docx.Document(io.BytesIO(built["en"]))
    texts = [p.text for p in en.paragraphs]
    assert texts[:4] == ["Joint Statement", "between", "The Department of Energy of the United States of America",
                         "and"]
    assert texts[4].startswith("The Ministry of Education, Culture, Sports, Science and Technology")
    assert texts[5] == doc.title.en.plain
    assert "Washington, D.C., April 9, 2024" in texts     # the day and place of the release, on one line

    ja = docx.Document(io.BytesIO(built["ja"]))
    texts = [p.text for p in ja.paragraphs]
    assert texts[0] == "仮訳"
    assert texts[1] == "アメリカ合衆国エネルギー省と日本国文部科学省との間の"
    assert texts[2] == doc.title.ja.plain + "共同声明"
    assert "2024年4月9日\u3000ワシントンD.C.にて" in texts
    assert ja.paragraphs[0].style.name == "Provisional Label"
    assert ja.paragraphs[0].alignment is None  # right alignment comes from the style …
    assert ja.styles["Provisional Label"].paragraph_format.alignment == 2  # … WD_ALIGN_PARAGRAPH.RIGHT

    parallel = docx.Document(io.BytesIO(built["parallel"]))
    assert len(parallel.tables) == 1
    table = parallel.tables[0]
    items = sum(len(b.items) if isinstance(b, ListBlock) else 1 for b in doc.body)
    # column headings, heading, date, one row per paragraph and per list item
    assert len(table.rows) == 3 + items
    assert [c.text for c in table.rows[0].cells] == ["English", "日本語"]
    first_body = next(b for b in doc.body if isinstance(b, Paragraph)).segment
    assert table.rows[3].cells[0].text == first_body.en.plain
    # the Japanese column prints its own note marks (1, 2, 3 …) as text after each reference
    marks = "".join(table.rows[3].cells[1]._tc.xpath(
        ".//w:r[w:t][preceding-sibling::w:r[1]/w:footnoteReference]/w:t/text()"))
    assert table.rows[3].cells[1].text.replace(marks[0], "", 1).replace(marks[1], "", 1).replace(marks[2], "", 1) \
        == first_body.ja.plain
    assert marks == "123"


def test_page_is_a4_with_template_margins(built):
    for data in built.values():
        sect = part(data, "word/document.xml").xpath("//w:body/w:sectPr", namespaces=NS)[0]
        size = sect.find(f"{{{W}}}pgSz")
        assert (int(size.get(f"{{{W}}}w")), int(size.get(f"{{{W}}}h"))) == A4
        assert sect.find(f"{{{W}}}pgMar") is not None


def test_body_of_the_reference_is_replaced(built):
    xml = part(built["en"], "word/document.xml")
    styles = xml.xpath("//w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)
    assert styles[0] == "Title" and "ListNumber" not in styles[:6]
    assert "Heading 1" not in "".join(xml.itertext())  # the reference's sample paragraphs are gone


# ---------------------------------------------------------------- footnotes and links

def test_real_footnotes_with_separators(built, doc):
    for layout, data in built.items():
        notes = part(data, "word/footnotes.xml")
        ids = [int(i) for i in notes.xpath("/w:footnotes/w:footnote/@w:id", namespaces=NS)]
        expected = {"en": note_refs(doc, "en"), "ja": note_refs(doc, "ja")}
        expected["parallel"] = expected["en"] + expected["ja"]
        assert ids == [-1, 0, *range(1, expected[layout] + 1)], layout
        assert notes.xpath("//w:footnote[@w:id='-1']/@w:type", namespaces=NS) == ["separator"]
        assert notes.xpath("//w:footnote[@w:id='0']/@w:type", namespaces=NS) == ["continuationSeparator"]
        custom = []
        for note in notes.xpath("//w:footnote[@w:id>0]", namespaces=NS):
            first = note.find(f"{{{W}}}p")
            assert first.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["FootnoteText"]
            assert first.xpath("w:r[1]/w:rPr/w:rStyle/@w:val", namespaces=NS) == ["FootnoteReference"]
            if not first.xpath("w:r[1]/w:footnoteRef", namespaces=NS):
                # a custom mark: run text for Word 2013+ (mc:Choice Requires="w15"), nothing for LibreOffice,
                # which prints the note's label itself (see test_libreoffice_prints_each_columns_notes_once…)
                alternate = first.xpath("w:r[1]/mc:AlternateContent", namespaces=NS)[0]
                assert alternate.xpath("mc:Choice/@Requires", namespaces=NS) == ["w15"]
                assert alternate.nsmap["w15"] == "http://schemas.microsoft.com/office/word/2012/wordml"
                assert alternate.xpath("mc:Fallback/node()", namespaces=NS) == []
                custom.append(alternate.xpath("string(mc:Choice/w:t)", namespaces=NS))
        # the parallel copy numbers each column 1…n: the Japanese notes carry their own marks
        assert custom == ([str(i) for i in range(1, expected["ja"] + 1)] if layout == "parallel" else []), layout
        body = part(data, "word/document.xml")
        refs = body_refs(body)
        assert [int(r.get(f"{{{W}}}id")) for r in refs] == list(range(1, expected[layout] + 1))
        for ref in refs:
            assert ref.xpath("../w:rPr/w:rStyle/@w:val", namespaces=NS) == ["FootnoteReference"]


def test_parallel_notes_are_in_their_own_column(built):
    body = part(built["parallel"], "word/document.xml")
    notes = part(built["parallel"], "word/footnotes.xml")
    for ref in body_refs(body):
        column = len(ref.xpath("ancestor::w:tc[1]/preceding-sibling::w:tc", namespaces=NS))
        note = notes.xpath(f"//w:footnote[@w:id='{ref.get(f'{{{W}}}id')}']", namespaces=NS)[0]
        # Japanese runs, Latin words in them included, carry the East Asian language ja-JP
        east_asian = note.xpath("string((.//w:r/w:rPr/w:lang/@w:eastAsia)[last()])", namespaces=NS)
        assert east_asian == ("" if column == 0 else "ja-JP")


def rels(data: bytes, name: str) -> dict[str, str]:
    if not has_part(data, name):
        return {}
    root = part(data, name)
    return {r.get("Id"): r.get("Target") for r in root if r.get("Type") == HYPERLINK_RELTYPE
            and r.get("TargetMode") == "External"}


def test_link_in_footnote_has_its_relationship_on_the_footnotes_part(handmade):
    for data in handmade.values():
        note_rels = rels(data, "word/_rels/footnotes.xml.rels")
        doc_rels = rels(data, "word/_rels/document.xml.rels")
        notes = part(data, "word/footnotes.xml")
        ids = notes.xpath("//w:hyperlink/@r:id", namespaces=NS)
        assert ids and all(note_rels.get(i) == URL for i in ids)
        body = part(data, "word/document.xml")
        body_ids = body.xpath("//w:hyperlink/@r:id", namespaces=NS)
        assert body_ids and all(doc_rels.get(i) == BODY_URL for i in body_ids)
        assert URL not in doc_rels.values()
        for link_run in body.xpath("//w:hyperlink/w:r", namespaces=NS):
            assert link_run.xpath("w:rPr/w:rStyle/@w:val", namespaces=NS) == ["Hyperlink"]


def test_emphasis_is_kept(handmade):
    body = part(handmade["en"], "word/document.xml")
    italic = body.xpath("//w:r[w:rPr/w:i]/w:t/text()", namespaces=NS)
    bold = body.xpath("//w:r[w:rPr/w:b]/w:t/text()", namespaces=NS)
    assert "Bold Decadal Vision" in italic and "pillar" in bold


# ---------------------------------------------------------------- language and fonts

def lang_tags(data: bytes, column: int | None = None) -> set[tuple[str, str | None]]:
    body = part(data, "word/document.xml")
    where = "//w:body" if column is None else f"//w:tc[count(preceding-sibling::w:tc)={column}]"
    runs = body.xpath(f"{where}//w:r[w:t]", namespaces=NS)
    out = set()
    for r in runs:
        lang = r.find(f"{{{W}}}rPr/{{{W}}}lang")
        assert lang is not None, etree.tostring(r)
        out.add((lang.get(f"{{{W}}}val"), lang.get(f"{{{W}}}eastAsia")))
    return out


def test_japanese_runs_are_tagged_ja_jp(built):
    # Latin words and digits inside Japanese text are runs of their own, tagged en-US (East Asian
    # ja-JP), so that line breaking never splits an acronym: （IAEA）, not （IAE|A）
    assert lang_tags(built["ja"]) == {("ja-JP", "ja-JP"), ("en-US", "ja-JP")}
    assert lang_tags(built["en"]) == {("en-US", None)}
    assert lang_tags(built["parallel"], 0) == {("en-US", None)}
    assert lang_tags(built["parallel"], 1) == {("ja-JP", "ja-JP"), ("en-US", "ja-JP")}
    body = part(built["ja"], "word/document.xml")
    latin = body.xpath("//w:r[w:rPr/w:lang/@w:val='en-US']/w:t/text()", namespaces=NS)
    assert "IAEA" in latin and "2024" in latin
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .,:/&'’+%-]*", t) for t in latin), latin
    hints = body.xpath("//w:r[w:t][w:rPr/w:lang/@w:val='ja-JP']/w:rPr/w:rFonts/@w:hint", namespaces=NS)
    assert set(hints) == {"eastAsia"}


def test_parallel_copy_rows_stay_whole_under_a_repeating_header(built):
    body = part(built["parallel"], "word/document.xml")
    rows = body.xpath("//w:tbl/w:tr", namespaces=NS)
    assert rows[0].xpath("w:trPr/w:tblHeader", namespaces=NS)
    assert all(r.xpath("w:trPr/w:cantSplit", namespaces=NS) for r in rows)
    # the body style and the list styles based on it are justified in the template: ragged right here
    english = body.xpath("//w:tr/w:tc[1]/w:p[w:pPr/w:pStyle/@w:val='BodyText' or w:pPr/w:numPr]", namespaces=NS)
    assert any(p.xpath("w:pPr/w:numPr", namespaces=NS) for p in english)
    assert all(p.xpath("w:pPr/w:jc/@w:val", namespaces=NS) == ["left"] for p in english)


def test_styles_carry_east_asian_fonts_and_languages(built):
    styles = part(built["ja"], "word/styles.xml")
    assert not styles.xpath("//w:rFonts[@w:asciiTheme or @w:eastAsiaTheme or @w:hAnsiTheme]", namespaces=NS)
    defaults = styles.xpath("//w:docDefaults/w:rPrDefault/w:rPr", namespaces=NS)[0]
    assert defaults.xpath("w:rFonts/@w:ascii", namespaces=NS) == ["Times New Roman"]
    assert defaults.xpath("w:rFonts/@w:eastAsia", namespaces=NS) == ["ＭＳ 明朝"]
    assert defaults.xpath("w:lang/@w:val", namespaces=NS) == ["en-US"]
    assert defaults.xpath("w:lang/@w:eastAsia", namespaces=NS) == ["ja-JP"]
    for heading in ("Title", "Subtitle", "Heading1"):
        assert styles.xpath(f"//w:style[@w:styleId='{heading}']/w:rPr/w:rFonts/@w:eastAsia",
                            namespaces=NS) == ["ＭＳ ゴシック"]
    ids = set(styles.xpath("//w:style/@w:styleId", namespaces=NS))
    assert {"Hyperlink", "FootnoteText", "FootnoteReference", "ListBullet", "ListNumber", "TableGrid"} <= ids
    settings = part(built["ja"], "word/settings.xml")
    assert settings.xpath("//w:themeFontLang/@w:eastAsia", namespaces=NS) == ["ja-JP"]


def test_oxml_font_and_language_helpers():
    from bilingual.render import oxml

    r = oxml.element("w:r")
    rPr = r.get_or_add_rPr()
    rPr.get_or_add_rFonts().set(f"{{{W}}}asciiTheme", "minorHAnsi")
    rPr.get_or_add_b()
    oxml.set_fonts(rPr, latin="Times New Roman", east_asia="ＭＳ 明朝")
    oxml.set_run_lang(rPr, "ja")
    oxml.set_run_lang(rPr, "ja")  # idempotent
    fonts = rPr.find(f"{{{W}}}rFonts")
    assert fonts.get(f"{{{W}}}asciiTheme") is None
    assert fonts.get(f"{{{W}}}eastAsia") == "ＭＳ 明朝" and fonts.get(f"{{{W}}}hint") == "eastAsia"
    assert [etree.QName(c).localname for c in rPr] == ["rFonts", "b", "lang"]  # schema order
    assert rPr.find(f"{{{W}}}lang").get(f"{{{W}}}eastAsia") == "ja-JP"


# ---------------------------------------------------------------- lists and tables

def test_each_list_has_its_own_numbering(handmade):
    for layout, data in handmade.items():
        body = part(data, "word/document.xml")
        numbering = part(data, "word/numbering.xml")
        items = body.xpath("//w:p[w:pPr/w:pStyle[@w:val='ListBullet' or @w:val='ListNumber']]", namespaces=NS)
        assert len(items) == 6 * (2 if layout == "parallel" else 1)
        num_of = [int(p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS)) for p in items]
        assert all(p.xpath("w:pPr/w:numPr/w:ilvl/@w:val", namespaces=NS) == ["0"] for p in items)
        lists = 3 * (2 if layout == "parallel" else 1)
        assert len(set(num_of)) == lists  # every list (and every column's list) restarts
        abstract_of = {}
        for num in numbering.xpath("/w:numbering/w:num", namespaces=NS):
            abstract_of[int(num.get(f"{{{W}}}numId"))] = num.xpath("string(w:abstractNumId/@w:val)", namespaces=NS)
            assert num.xpath("w:lvlOverride/w:startOverride/@w:val", namespaces=NS) == ["1"]
        assert len({abstract_of[n] for n in num_of}) == lists
        for p, num_id in zip(items, num_of, strict=True):
            fmt = numbering.xpath(f"string(/w:numbering/w:abstractNum[@w:abstractNumId='{abstract_of[num_id]}']"
                                  "/w:lvl/w:numFmt/@w:val)", namespaces=NS)
            style = p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
            assert fmt == ("decimal" if style == "ListNumber" else "bullet")
        # schema order: every abstractNum before the first num
        tags = [etree.QName(c).localname for c in numbering]
        assert tags == sorted(tags, key=lambda t: t != "abstractNum")


def test_row_numbers_in_a_narrow_first_column_of_the_parallel_copy_only(doc, built):
    """`build --row-numbers`: the rows after the header are numbered 1…n in a 1 cm first column; the
    single-language layouts are unchanged, and `check` reads the same EN|JA pairs as without numbers."""
    import docx

    from bilingual.formats.docx_input import read_docx
    from bilingual.render.docx import ROW_NUMBER_WIDTH

    data = render_document(doc, "parallel", row_numbers=True)
    table = docx.Document(io.BytesIO(data)).tables[0]
    grid = [int(w) for w in part(data, "word/document.xml").xpath("//w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert grid[0] == ROW_NUMBER_WIDTH // 635 and abs(grid[1] - grid[2]) <= 1
    numbers = [row.cells[0].text for row in table.rows]
    assert numbers == ["", *map(str, range(1, len(table.rows)))]
    assert [row.cells[1].text for row in table.rows] == \
        [row.cells[0].text for row in docx.Document(io.BytesIO(built["parallel"])).tables[0].rows]
    header = table.rows[0]._tr
    assert header.xpath("./w:trPr/w:tblHeader") and all(r._tr.xpath("./w:trPr/w:cantSplit") for r in table.rows)
    for layout in ("en", "ja"):
        assert render_document(doc, layout, row_numbers=True) == built[layout]
    def pairs(docx_bytes):
        return [(s.en and s.en.plain, s.ja and s.ja.plain) for s in read_docx("p.docx", docx_bytes, None)[0]]

    assert pairs(data) == pairs(built["parallel"])


def test_parallel_table_has_fixed_equal_columns(built):
    body = part(built["parallel"], "word/document.xml")
    tbl = body.xpath("//w:tbl", namespaces=NS)
    assert len(tbl) == 1
    assert tbl[0].xpath("w:tblPr/w:tblLayout/@w:type", namespaces=NS) == ["fixed"]
    assert tbl[0].xpath("w:tblPr/w:tblStyle/@w:val", namespaces=NS) == ["TableGrid"]
    grid = [int(w) for w in tbl[0].xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert len(grid) == 2 and grid[0] == grid[1]
    assert abs(sum(grid) - (11906 - 2 * 1417)) <= 2
    widths = {int(w) for w in tbl[0].xpath(".//w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)}
    assert widths == {grid[0]}


# ---------------------------------------------------------------- footer, properties, reproducibility

def test_footer_has_a_page_field(built):
    for layout, data in built.items():
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            footers = [n for n in zf.namelist() if n.startswith("word/footer")]
        assert len(footers) == 1
        footer = part(data, footers[0])
        fields = [t.strip() for t in footer.xpath("//w:instrText/text()", namespaces=NS)]
        words = "".join(footer.xpath("//w:t/text()", namespaces=NS))
        if layout == "ja":        # the Japanese convention: - 1 -
            assert (fields, words) == (["PAGE"], "- 1 -")
        else:                     # the English: Page 1 of 3
            assert (fields, words) == (["PAGE", "NUMPAGES"], "Page 1 of 1")


def core(data: bytes) -> dict[str, str]:
    root = part(data, "docProps/core.xml")
    return {etree.QName(c).localname: c.text for c in root}


def test_core_properties(built, doc):
    en, ja = core(built["en"]), core(built["ja"])
    assert en["title"] == f"Joint Statement {doc.title.en.plain}"
    assert ja["title"] == f"{doc.title.ja.plain}共同声明"
    assert (en["language"], ja["language"]) == ("en-US", "ja-JP")
    for props in (en, ja):
        assert props["creator"] == "bilingual" and props["lastModifiedBy"] == "bilingual"
        assert "description" not in props
        assert "python-docx" not in json.dumps(props)
        if not os.environ.get("SOURCE_DATE_EPOCH"):
            assert props["created"] == props["modified"] == f"{doc.date.isoformat()}T00:00:00Z"


def test_build_is_byte_identical(built, doc):
    for layout in LAYOUTS:
        assert render_document(doc, layout) == built[layout]
    with zipfile.ZipFile(io.BytesIO(built["en"])) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert len({i.date_time for i in infos}) == 1


def test_source_date_epoch_is_honoured(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    data = render_document(handmade_document(), "en")
    assert core(data)["created"] == core(data)["modified"] == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert render_document(handmade_document(), "en") == data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH"):
        render_document(handmade_document(), "en")


# ---------------------------------------------------------------- templates

def test_custom_template_keeps_its_page_and_gains_missing_styles(tmp_path):
    import docx

    template = tmp_path / "letter.docx"
    docx.Document().save(template)  # python-docx's own default: US Letter, no footnote styles
    data = render_document(handmade_document(), "ja", template)
    sect = part(data, "word/document.xml").xpath("//w:body/w:sectPr/w:pgSz", namespaces=NS)[0]
    assert int(sect.get(f"{{{W}}}w")) == 12240  # Letter, from the template
    ids = set(part(data, "word/styles.xml").xpath("//w:style/@w:styleId", namespaces=NS))
    assert {"FootnoteText", "FootnoteReference", "Hyperlink", "ProvisionalLabel", "Date"} <= ids
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "仮訳"


def test_template_notes_are_dropped(tmp_path):
    first = render_document(handmade_document(), "en")
    template = tmp_path / "with-notes.docx"
    template.write_bytes(first)  # a template that already holds a footnote
    again = render_document(handmade_document(), "en", template)
    ids = part(again, "word/footnotes.xml").xpath("//w:footnote/@w:id", namespaces=NS)
    assert ids == ["-1", "0", "1"]


def test_bad_template_is_an_input_error(tmp_path):
    from bilingual.io.errors import InputError

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError) as info:
        render_document(handmade_document(), "en", bad)
    assert str(info.value).startswith(f"{bad}:1:1: error: not a usable DOCX template")
    assert isinstance(info.value, RenderError)


def test_unknown_layout_and_dangling_reference_are_render_errors():
    with pytest.raises(RenderError, match="layout"):
        render_document(handmade_document(), "de")
    doc = handmade_document()
    doc.footnotes.clear()
    with pytest.raises(RenderError, match=r"\[\^bdv\]"):
        render_document(doc, "en")


def test_untranslated_text_renders_empty(handmade):
    import docx

    doc = handmade_document()
    doc.footnotes["bdv"].ja = None
    data = render_document(doc, "ja")  # what `build --force` does with untranslated segments
    notes = part(data, "word/footnotes.xml").xpath("//w:footnote[@w:id>0]", namespaces=NS)
    assert len(notes) == 1 and "".join(notes[0].itertext()).strip() == ""
    doc.body[0].segment.ja = None
    data = render_document(doc, "ja")
    assert len(docx.Document(io.BytesIO(data)).paragraphs) == len(docx.Document(io.BytesIO(handmade["ja"])).paragraphs)


def test_reference_docx_is_what_the_script_makes():
    import importlib.util

    script = data_dir("templates") / "make_reference.py"
    spec = importlib.util.spec_from_file_location("make_reference", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (data_dir("templates") / "reference.docx").read_bytes()


# ---------------------------------------------------------------- labels and dates

def test_label_catalog_is_complete():
    from babel.messages.pofile import read_po

    with (locale_dir() / "messages.pot").open("rb") as f:
        template = read_po(f)
    with (locale_dir() / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        ja = read_po(f, locale="ja")
    wanted = {m.id for m in template if m.id}
    assert {"Joint Statement", "between", "and", "Provisional Translation", "Page {page} of {pages}"} <= wanted
    for msgid in wanted:
        assert ja[msgid].string and not ja[msgid].fuzzy, msgid
    assert label("Provisional Translation", "ja") == "仮訳"
    assert label("Joint Statement", "en") == "Joint Statement"
    assert label("no such label", "ja") == "no such label"


@pytest.mark.parametrize(("date", "lang", "era", "expected"), [
    (dt.date(2024, 4, 10), "en", False, "April 10, 2024"),
    (dt.date(2024, 4, 10), "ja", False, "2024年4月10日"),
    (dt.date(2024, 4, 10), "ja", True, "令和6年4月10日"),
    (dt.date(2019, 5, 1), "ja", True, "令和元年5月1日"),
    (dt.date(2019, 4, 30), "ja", True, "平成31年4月30日"),
    (dt.date(1989, 1, 7), "ja", True, "昭和64年1月7日"),
    (dt.date(1912, 7, 29), "ja", True, "明治45年7月29日"),
    (dt.date(1873, 1, 1), "ja", True, "明治6年1月1日"),
    (dt.date(2024, 4, 10), "en", True, "April 10, 2024"),
])
def test_dates(date, lang, era, expected):
    assert long_date(date, lang, era=era) == expected


def test_no_era_date_before_the_gregorian_calendar():
    with pytest.raises(ValueError, match="1872"):
        era_date(dt.date(1872, 12, 31))


def test_ja_era_option_reaches_the_document():
    import docx

    data = render_document(handmade_document(), "ja", ja_era=True)
    assert "令和6年4月10日" in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


# ---------------------------------------------------------------- atomic writes

def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "out.docx"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


# ---------------------------------------------------------------- pandoc

def pandoc(path: Path, to: str) -> str:
    exe = require_tool("pandoc")
    return subprocess.run([exe, "-f", "docx", "-t", to, str(path)], check=True, capture_output=True,
                          text=True, timeout=120).stdout


def walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


def test_pandoc_reads_footnotes_and_links(files, doc):
    for layout, path in files.items():
        ast = json.loads(pandoc(path, "json"))
        notes = [n for n in walk(ast["blocks"]) if n.get("t") == "Note"]
        expected = note_refs(doc, "en") + note_refs(doc, "ja") if layout == "parallel" else note_refs(doc, layout)
        assert len(notes) == expected, layout
        note_links = [n["c"][2][0] for note in notes for n in walk(note) if n.get("t") == "Link"]
        note_urls = {u for s in doc.footnotes.values() for u in (s.en.links + s.ja.links)}
        assert note_urls and set(note_links) == note_urls, layout
    markdown = pandoc(files["en"], "markdown")
    assert "[^1]:" in markdown
    first_italic = next(r.text for s in doc.segments() if s.en for r in s.en.runs if r.italic)
    assert f"*{first_italic.split()[0]}" in markdown


# ---------------------------------------------------------------- LibreOffice → PDF

@pytest.fixture(scope="session")
def pdfs(files, tmp_path_factory) -> dict[str, Path]:
    """One LibreOffice conversion per layout, each with its own user profile."""
    exe = require_tool("libreoffice")
    require_tool("pdftotext")
    out = tmp_path_factory.mktemp("pdf")
    result = {}
    for layout, path in files.items():
        profile = tmp_path_factory.mktemp(f"lo-profile-{layout}")
        subprocess.run([exe, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
        result[layout] = out / (path.stem + ".pdf")
        assert result[layout].is_file(), f"LibreOffice wrote no PDF for {layout}"
    return result


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def squeeze(s: str) -> str:
    return "".join(s.split())


def test_libreoffice_renders_japanese_and_footnotes(pdfs, doc):
    first_note = next(iter(doc.footnotes.values()))
    for layout, path in pdfs.items():
        seen = squeeze(pdf_text(path))
        if layout in ("ja", "parallel"):
            assert "仮訳" in seen and "共同声明" in seen and "2024年4月9日" in seen
        if layout == "ja":  # in the table, lines of the two columns interleave
            assert squeeze(doc.title.ja.plain + "共同声明") in seen
        if layout in ("en", "parallel"):
            assert "JointStatement" in seen and "April9,2024" in seen
        note = first_note.en if layout == "en" else first_note.ja
        assert squeeze(note.plain)[:40] in seen, layout  # the note text is on the page


Word = tuple[int, float, float, float, float, str]      # page, xMin, yMin, xMax, yMax, text


def pdf_words(path: Path) -> list[Word]:
    """Every word LibreOffice set, with its box in points (``pdftotext -bbox``)."""
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    words = []
    for page_no, page in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                             page):
            words.append((page_no, *(float(v) for v in m.groups()[:4]), m.group(5)))
    return words


def test_libreoffice_prints_each_columns_notes_once_numbered_from_1(pdfs, doc):
    """The parallel copy: the English notes are 1…n and the Japanese notes 1…n again, each note at the
    foot of the page once, its mark printed once (LibreOffice printed "11" for the Japanese column)."""
    from html import unescape

    words = pdf_words(pdfs["parallel"])
    starts = {unescape(note.text(lang).plain).split()[0] for note in doc.footnotes.values() for lang in ("en", "ja")}
    marks = []
    for page, x0, y0, x1, _, text in words:   # a note: its mark first on the line, then the note's first word
        line = [w for w in words if w[0] == page and abs(w[2] - y0) < 2]
        if not re.fullmatch(r"\d+", text) or any(w[3] <= x0 for w in line):
            continue
        following = [w for w in line if 0 <= w[1] - x1 < 6]
        if any(any(start.startswith(unescape(w[5])) for start in starts) for w in following):
            marks.append(text)
    expected = [str(i) for lang in ("en", "ja") for i in range(1, note_refs(doc, lang) + 1)]
    assert sorted(marks, key=int) == sorted(expected, key=int), (marks, expected)


LONG_URLS = ["https://www.mext.go.jp/content/20231024_mxt-kaisen_000032453_7.pdf",
             "https://www.whitehouse.gov/ostp/news-updates/2022/04/19/readout-of-the-white-house-summit-on-"
             "developing-a-bold-decadal-vision-for-commercial-fusion-energy/",
             "https://www8.cao.go.jp/cstp/fusion/230426_overview.pdf?lang=ja&x=1"]


def url_document() -> Document:
    """Long URLs, as links and as bare text, in English and Japanese sentences."""
    body = []
    for i, u in enumerate(LONG_URLS):
        body.append(Paragraph(seg(f"l{i}", text("See ", Run(u, link=u), " for details."),
                                  text("詳細は", Run(u, link=u), "を参照。"))))
        body.append(Paragraph(seg(f"b{i}", text("Bare ", u, " here."), text("裸の", u, "を参照。"))))
    return Document(kind="joint-statement", id="urls", path="urls.yaml", date=dt.date(2024, 4, 10),
                    title=seg("title", text("Links"), text("リンク"), "title"),
                    parties=[Party("doe", seg("doe", text("DOE"), text("エネルギー省"), "party"))],
                    provisional=False, body=body, footnotes={})


def test_url_break_opportunities_only_after_slash_hyphen_and_dot():
    from bilingual.render.docx import ZERO_WIDTH_SPACE as ZW
    from bilingual.render.docx import url_break_opportunities

    line = "詳細はhttps://www.mext.go.jp/content/2023_mxt-k.pdfを参照。DOE/MEXT"
    broken = url_break_opportunities(line)
    assert broken.replace(ZW, "") == line
    assert broken == (f"詳細はhttps://{ZW}www.{ZW}mext.{ZW}go.{ZW}jp/{ZW}content/{ZW}2023_mxt-{ZW}k.{ZW}pdf"
                      "を参照。DOE/MEXT")     # not in "//", not at the URL's end, not outside URLs


def test_pdf_input_keeps_link_targets_and_the_docx_keeps_its_text():
    from bilingual.render.docx import ZERO_WIDTH_SPACE, for_pdf

    data = render_document(url_document(), "parallel")
    assert ZERO_WIDTH_SPACE not in part(data, "word/document.xml").xpath("string(/)")   # the DOCX as written
    given = for_pdf(data)
    body = part(given, "word/document.xml")
    assert ZERO_WIDTH_SPACE in body.xpath("string(/)")
    assert rels(given, "word/_rels/document.xml.rels") == rels(data, "word/_rels/document.xml.rels")
    links = body.xpath("//w:hyperlink", namespaces=NS)
    assert len(links) == 2 * len(LONG_URLS)
    # in Japanese text a URL is one Latin run, its "://" and "_" included
    ja_links = [h for h in links if h.xpath("count(ancestor::w:tc/preceding-sibling::w:tc)", namespaces=NS) == 1]
    assert all(len(h.findall(f"{{{W}}}r")) == 1 for h in ja_links)
    assert {h.xpath("string(w:r/w:rPr/w:lang/@w:val)", namespaces=NS) for h in ja_links} == {"en-US"}


@pytest.fixture(scope="module")
def url_pdf(tmp_path_factory) -> Path:
    """The URL document's parallel copy (two narrow columns) through LibreOffice, as `build --pdf` makes it."""
    from bilingual.app.build import to_pdf

    exe = require_tool("soffice")
    require_tool("pdftotext")
    out = tmp_path_factory.mktemp("urls")
    docx_path = out / "urls.parallel.docx"
    write_atomic(docx_path, render_document(url_document(), "parallel"))
    return to_pdf([docx_path], exe)[0]


def column_lines(words: list[Word], left: bool) -> list[str]:
    """The lines of one column of the parallel copy, top to bottom, page after page."""
    mid = (min(w[1] for w in words) + max(w[3] for w in words)) / 2
    lines: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        if (w[1] < mid) == left:
            lines.setdefault((w[0], round(w[4])), []).append(w)
    return [" ".join(w[5] for w in sorted(ws, key=lambda w: w[1])) for _, ws in sorted(lines.items())]


def test_libreoffice_breaks_long_urls_only_after_slash_hyphen_or_dot(url_pdf):
    from html import unescape

    words = pdf_words(url_pdf)
    broken = 0
    for left in (True, False):
        flow = unescape("\n".join(column_lines(words, left)))
        for url in LONG_URLS:
            # -bbox cuts a link's text into words at its break opportunities: a space within a line is no break
            found = list(re.finditer(r"\s?".join(map(re.escape, url)), flow))
            assert len(found) == 2, (url, flow)                      # the link and the bare URL
            for m in found:
                for k in (i for i, ch in enumerate(m.group()) if ch == "\n"):
                    broken += 1
                    assert m.group()[:k].rstrip(" ")[-1] in "/-.", (url, m.group())
    assert broken >= 6                                   # the column is narrow: the URLs had to break
    text = pdf_text(url_pdf)
    assert "\u200b" not in text                          # copied from the PDF, a URL has no invisible characters
    targets = re.findall(rb"/URI\s*\(([^)]*)\)", url_pdf.read_bytes())
    assert sorted(set(t.decode() for t in targets)) == sorted(LONG_URLS)


def test_libreoffice_embeds_a_cjk_serif_font(pdfs):
    exe = require_tool("pdffonts")
    for layout in ("ja", "parallel"):
        fonts = subprocess.run([exe, str(pdfs[layout])], check=True, capture_output=True, text=True).stdout
        assert "NotoSerifCJK" in fonts, fonts


def test_libreoffice_numbers_pages_in_each_languages_convention(pdfs):
    exe = require_tool("pdfinfo")
    for layout, path in pdfs.items():
        info = subprocess.run([exe, str(path)], check=True, capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
        assert pages > 1
        footers = [line.strip() for line in subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
            text=True).stdout.split("\f") for line in [line.rstrip().splitlines()[-1] if line.strip() else ""]
            if line]
        want = [f"- {n} -" if layout == "ja" else f"Page {n} of {pages}" for n in range(1, pages + 1)]
        assert [squeeze(f) for f in footers] == [squeeze(w) for w in want], layout


def test_libreoffice_pages_are_a4(pdfs):
    exe = require_tool("pdfinfo")
    for path in pdfs.values():
        info = subprocess.run([exe, str(path)], check=True, capture_output=True, text=True).stdout
        assert "(A4)" in info


def test_no_acronym_or_number_is_split_across_lines_in_japanese(pdfs, doc):
    """Each Latin word or number of the Japanese text prints whole on one line (URLs may break)."""
    words = {w for s in doc.segments() if s.ja for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9.,-]*[A-Za-z0-9]|[A-Z0-9]",
                                                                    re.sub(r"https?://\S+", " ", s.ja.plain))}
    assert {"IAEA", "CCFE", "1979"} <= words
    for layout in ("ja",):       # in the parallel copy pdftotext interleaves the two columns' lines
        lines = pdf_text(pdfs[layout]).splitlines()
        for before, after in itertools.pairwise(lines):
            tail = re.search(r"[A-Za-z0-9.,-]+$", before.rstrip())
            head = re.match(r"[A-Za-z0-9.,-]+", after.lstrip())
            if tail and head and "http" not in before:
                joined = tail.group() + head.group()
                assert not any(w in joined and w not in (tail.group(), head.group()) for w in words
                               if len(w) > 1), f"{layout}: {tail.group()}|{head.group()}"


def test_place_and_date_share_one_line(built):
    import docx

    for lang, line in (("en", "Washington, D.C., April 9, 2024"), ("ja", "2024年4月9日\u3000ワシントンD.C.にて")):
        paragraphs = docx.Document(io.BytesIO(built[lang])).paragraphs
        assert [p.text for p in paragraphs if p.style.name == "Date"] == [line], lang


def test_build_pdf_embeds_fonts_and_is_reproducible(tmp_path, cli, monkeypatch):
    require_tool("soffice")
    exe = require_tool("pdffonts")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1712707200")
    for run in ("a", "b"):
        code, _, err = cli("build", EXAMPLE, "--layout", "ja", "--pdf", "-o", tmp_path / run)
        assert code == 0, err
    pdf = tmp_path / "a" / "doe-mext-fusion-2024.ja.pdf"
    assert pdf.read_bytes() == (tmp_path / "b" / pdf.name).read_bytes()       # same inputs, same bytes
    fonts = subprocess.run([exe, str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts   # every font embedded
    assert "NotoSerifCJK" in "".join(fonts)


def test_build_pdf_adds_no_space_between_japanese_and_latin_or_digits(tmp_path, cli):
    """The reference template turns w:autoSpaceDE/DN off; LibreOffice's DOCX import ignores them and
    printed "2024 年 4 月 9 日": the PDF now prints "2024年4月9日", as Word prints the DOCX."""
    require_tool("soffice")
    code, _, err = cli("build", EXAMPLE, "--layout", "ja", "--pdf", "-o", tmp_path)
    assert code == 0, err
    text = pdf_text(tmp_path / "doe-mext-fusion-2024.ja.pdf")
    assert "2024年4月9日" in text and "CCFEは1979年に設置され" in text, text[:400]


def test_autospace_follows_the_templates_default_paragraph_properties(tmp_path):
    from bilingual.app.build import without_autospace
    from bilingual.render.docx import autospace_off

    assert autospace_off(render_document(handmade_document(), "ja"))               # the reference template
    data = render_document(handmade_document(), "ja")
    spaced = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(spaced, "w") as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "word/styles.xml":
                member = member.replace(b'<w:autoSpaceDN w:val="0"/>', b"<w:autoSpaceDN/>")
            target.writestr(info, member)
    assert not autospace_off(spaced.getvalue())                  # a template that keeps Word's spacing
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("styles.xml", '<s style:text-autospace="ideograph-alpha"/>', compress_type=zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(without_autospace(odt.getvalue()))) as z:
        assert z.namelist()[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert z.read("styles.xml") == b'<s style:text-autospace="none"/>'


def test_build_pdf_without_libreoffice_says_how_to_install_it_and_writes_nothing(tmp_path, cli, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    code, out, err = cli("build", EXAMPLE, "--pdf", "-o", tmp_path / "out")
    assert code == 2 and out == "" and err.count("\n") == 1 and "apt-get install" in err
    assert not (tmp_path / "out").exists()


def test_the_tools_own_documents_pass_its_own_check(files, cli):
    """What `build` writes passes `check`: the parallel copy as a pair (its Japanese column's note marks are
    not numbers of the text), each single layout in its language."""
    for layout, path in files.items():
        code, out, _ = cli("check", "--format", "gcc", path, *(["--lang", layout] if layout != "parallel" else []))
        assert code == 0, out
        assert ": error:" not in out, out
