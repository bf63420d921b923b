"""Generate ``templates/reference.docx``: the styles, page setup and defaults of every
document ``bilingual build`` writes (like pandoc's ``--reference-doc``).

Run from the repository root: ``python templates/make_reference.py``. The result
is committed; restyle it in Word (Modify Style…) or pass your own copy with
``bilingual build --template``. The writer keeps the styles, page size, margins,
settings and fonts of the reference and replaces its body with the document.

The package is written from scratch (not from python-docx's US-Letter default)
so that it holds only what we use: no theme fonts, no thumbnail, no stray
creator. Output is byte-identical from run to run.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

LATIN = "Times New Roman"
MINCHO = "ＭＳ 明朝"      # Japanese body text (Debian's fontconfig: Noto Serif CJK JP)
GOTHIC = "ＭＳ ゴシック"  # Japanese headings (Noto Sans CJK JP)

# Every paragraph style is based on Normal: Japanese line breaking by the kinsoku rules (no 、。」）
# at a line start), punctuation may hang, and no space added between Japanese and Latin letters or
# digits (2024年4月10日, not 2024 年 4 月 10 日): the text's own spacing is what prints.
NORMAL_PPR = ('<w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
              '<w:spacing w:after="0" w:line="276" w:lineRule="auto"/>')

# A4 in twentieths of a point, 25 mm side margins, 30/25 mm top/bottom
PAGE = {"w": 11906, "h": 16838, "top": 1701, "bottom": 1417, "left": 1417, "right": 1417,
        "header": 851, "footer": 567}


def fonts(latin: str = LATIN, east_asia: str = MINCHO) -> str:
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" '
            f'w:eastAsia="{east_asia}"/>')


def style(kind: str, style_id: str, name: str, *, based_on: str | None = None, next_: str | None = None,
          ppr: str = "", rpr: str = "", extra: str = "", default: bool = False, ui_priority: int | None = None,
          q_format: bool = True, semi_hidden: bool = False) -> str:
    parts = [f'<w:style w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "") + ">",
             f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_:
        parts.append(f'<w:next w:val="{next_}"/>')
    if ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    if semi_hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if q_format:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def styles_xml() -> str:
    heading_rpr = fonts(LATIN, GOTHIC) + "<w:b/><w:bCs/>"
    border = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'
    table_grid = (
        "<w:tblPr><w:tblBorders>"
        f"<w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>"
        f"<w:insideH {border}/><w:insideV {border}/>"
        "</w:tblBorders><w:tblCellMar>"
        '<w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
    )
    body = [
        style("paragraph", "Normal", "Normal", default=True, ppr=NORMAL_PPR),
        style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True, ui_priority=1,
              semi_hidden=True, q_format=False),
        style("table", "TableNormal", "Normal Table", default=True, ui_priority=99, semi_hidden=True, q_format=False,
              extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'),
        style("numbering", "NoList", "No List", default=True, ui_priority=99, semi_hidden=True, q_format=False),
        style("paragraph", "Title", "Title", based_on="Normal", next_="Subtitle", ui_priority=10,
              ppr='<w:keepNext/><w:spacing w:before="0" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
              rpr=heading_rpr + '<w:sz w:val="28"/><w:szCs w:val="28"/>'),
        style("paragraph", "Subtitle", "Subtitle", based_on="Normal", next_="BodyText", ui_priority=11,
              ppr='<w:keepNext/><w:spacing w:before="0" w:after="120"/><w:jc w:val="center"/>',
              rpr=heading_rpr + '<w:sz w:val="24"/><w:szCs w:val="24"/>'),
        style("paragraph", "Heading1", "heading 1", based_on="Normal", next_="BodyText", ui_priority=9,
              ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>',
              rpr=heading_rpr + '<w:sz w:val="24"/><w:szCs w:val="24"/>'),
        style("paragraph", "Heading2", "heading 2", based_on="Normal", next_="BodyText", ui_priority=9,
              ppr='<w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/>',
              rpr=heading_rpr + '<w:sz w:val="22"/><w:szCs w:val="22"/>'),
        style("paragraph", "BodyText", "Body Text", based_on="Normal", ui_priority=99,
              ppr='<w:spacing w:before="0" w:after="200"/><w:jc w:val="both"/>'),
        style("paragraph", "Date", "Date", based_on="Normal", next_="BodyText", ui_priority=99,
              ppr='<w:spacing w:before="120" w:after="360"/><w:jc w:val="right"/>'),
        style("paragraph", "ProvisionalLabel", "Provisional Label", based_on="Normal", next_="Title",
              ppr='<w:spacing w:after="240"/><w:jc w:val="right"/>',
              rpr=fonts(LATIN, GOTHIC)),
        style("paragraph", "ListBullet", "List Bullet", based_on="BodyText", ui_priority=99,
              ppr='<w:spacing w:after="120"/><w:ind w:left="425" w:hanging="425"/>'),
        style("paragraph", "ListNumber", "List Number", based_on="BodyText", ui_priority=99,
              ppr='<w:spacing w:after="120"/><w:ind w:left="425" w:hanging="425"/>'),
        style("paragraph", "FootnoteText", "footnote text", based_on="Normal", ui_priority=99, semi_hidden=True,
              ppr='<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>',
              rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>'),
        style("character", "FootnoteReference", "footnote reference", based_on="DefaultParagraphFont",
              ui_priority=99, semi_hidden=True, rpr='<w:vertAlign w:val="superscript"/>'),
        style("character", "Hyperlink", "Hyperlink", based_on="DefaultParagraphFont", ui_priority=99,
              q_format=False, rpr='<w:color w:val="0563C1"/><w:u w:val="single"/>'),
        style("paragraph", "Footer", "footer", based_on="Normal", ui_priority=99,
              ppr='<w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs>'
                  '<w:jc w:val="center"/>',
              rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        style("table", "TableGrid", "Table Grid", based_on="TableNormal", ui_priority=39, q_format=False,
              ppr='<w:spacing w:after="0"/>', extra=table_grid),
    ]
    return (
        XML_DECL + f'<w:styles xmlns:w="{W}" xmlns:r="{R}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        + fonts() +
        '<w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        + "".join(body) + "</w:styles>"
    )


def document_xml() -> str:
    """Sample paragraphs, one per style, so the styles can be seen and modified in Word."""
    def p(style_id: str, text: str, lang: str = "en-US") -> str:
        east = ' w:eastAsia="ja-JP"' if lang == "ja-JP" else ""
        return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
                f'<w:r><w:rPr><w:lang w:val="{lang}"{east}/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')

    samples = [
        p("ProvisionalLabel", "仮訳", "ja-JP"),
        p("Title", "Title"),
        p("Subtitle", "Subtitle"),
        p("Date", "Date"),
        p("Heading1", "Heading 1"),
        p("Heading2", "Heading 2"),
        p("BodyText", "Body Text. 本文のスタイル（ＭＳ 明朝）。", "en-US"),
        p("ListBullet", "List Bullet"),
        p("ListNumber", "List Number"),
        p("FootnoteText", "Footnote Text"),
    ]
    sect = (f'<w:sectPr><w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/>'
            f'<w:pgMar w:top="{PAGE["top"]}" w:right="{PAGE["right"]}" w:bottom="{PAGE["bottom"]}" '
            f'w:left="{PAGE["left"]}" w:header="{PAGE["header"]}" w:footer="{PAGE["footer"]}" w:gutter="0"/>'
            '<w:cols w:space="425"/></w:sectPr>')
    return (XML_DECL + f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>' + "".join(samples) + sect
            + "</w:body></w:document>")


def settings_xml() -> str:
    return (XML_DECL + f'<w:settings xmlns:w="{W}">'
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="840"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
            ' w:val="15"/></w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>'
            "</w:settings>")


def font_table_xml() -> str:
    def font(name: str, alt: str | None, charset: str, family: str, pitch: str) -> str:
        alt_el = f'<w:altName w:val="{alt}"/>' if alt else ""
        return (f'<w:font w:name="{name}">{alt_el}<w:charset w:val="{charset}"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')
    return (XML_DECL + f'<w:fonts xmlns:w="{W}">'
            + font(LATIN, None, "00", "roman", "variable")
            + font(MINCHO, "MS Mincho", "80", "modern", "fixed")
            + font(GOTHIC, "MS Gothic", "80", "modern", "fixed")
            + "</w:fonts>")


def footnotes_xml() -> str:
    def sep(note_id: int, kind: str, mark: str) -> str:
        return (f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                f'w:lineRule="auto"/></w:pPr><w:r><w:{mark}/></w:r></w:p></w:footnote>')
    return (XML_DECL + f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
            + sep(-1, "separator", "separator") + sep(0, "continuationSeparator", "continuationSeparator")
            + "</w:footnotes>")


def numbering_xml() -> str:
    return XML_DECL + f'<w:numbering xmlns:w="{W}"/>'


def core_xml() -> str:
    return (XML_DECL +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>bilingual reference document</dc:title><dc:creator>bilingual</dc:creator>"
            '<dc:language>en-US</dc:language><cp:revision>1</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml() -> str:
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>bilingual</Application></Properties>")


def rels(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    return XML_DECL + f'<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def content_types_xml() -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/fontTable.xml": f"{wml}.fontTable+xml",
        "/word/numbering.xml": f"{wml}.numbering+xml",
        "/word/footnotes.xml": f"{wml}.footnotes+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    body = ('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items()))
    return XML_DECL + f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{body}</Types>'


def members() -> list[tuple[str, str]]:
    return [
        ("[Content_Types].xml", content_types_xml()),
        ("_rels/.rels", rels([
            ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", f"{DOC_REL}/extended-properties", "docProps/app.xml"),
        ])),
        ("docProps/app.xml", app_xml()),
        ("docProps/core.xml", core_xml()),
        ("word/_rels/document.xml.rels", rels([
            ("rId1", f"{DOC_REL}/styles", "styles.xml"),
            ("rId2", f"{DOC_REL}/settings", "settings.xml"),
            ("rId3", f"{DOC_REL}/fontTable", "fontTable.xml"),
            ("rId4", f"{DOC_REL}/numbering", "numbering.xml"),
            ("rId5", f"{DOC_REL}/footnotes", "footnotes.xml"),
        ])),
        ("word/document.xml", document_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footnotes.xml", footnotes_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/styles.xml", styles_xml()),
    ]


def build() -> bytes:
    """The reference DOCX as bytes (fixed timestamps and member order)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in members():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "reference.docx"
    out.write_bytes(build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
