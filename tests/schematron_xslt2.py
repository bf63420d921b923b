"""Run an XSLT-2 ISO Schematron (``sch:let``, ``sch:assert``, ``sch:report``) with saxonche.

The XLIFF 2.1 Schematron needs XSLT 2, which lxml's ``isoschematron`` cannot
run. Each pattern becomes a mode, each rule a template (the first matching
rule of a pattern wins, as the standard says), each ``let`` a variable, and
each failed assert or fired report one line ``FAIL <pattern id>: <message>``.
Diagnostics and ``value-of`` in messages are left out.
"""
from __future__ import annotations

import pytest
from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"
XSL = "http://www.w3.org/1999/XSL/Transform"


def _let(parent, let) -> None:
    etree.SubElement(parent, f"{{{XSL}}}variable", name=let.get("name"), select=let.get("value"))


def compile_schematron(sch_path) -> str:
    sch = etree.parse(str(sch_path)).getroot()              # our own test asset: its entities are trusted
    ns = {n.get("prefix"): n.get("uri") for n in sch.iter(SCH + "ns")}
    out = etree.Element(f"{{{XSL}}}stylesheet", version="2.0", nsmap={"xsl": XSL, **ns})
    etree.SubElement(out, f"{{{XSL}}}output", method="text")
    for let in sch.findall(SCH + "let"):
        _let(out, let)
    main = etree.SubElement(out, f"{{{XSL}}}template", match="/")
    for i, pattern in enumerate(sch.iter(SCH + "pattern")):
        pid = pattern.get("id") or f"pattern-{i}"
        etree.SubElement(main, f"{{{XSL}}}apply-templates", select="//(*|@*)", mode=f"p{i}")
        for j, rule in enumerate(pattern.iter(SCH + "rule")):
            t = etree.SubElement(out, f"{{{XSL}}}template", match=rule.get("context"), mode=f"p{i}",
                                 priority=str(1000 - j))
            for child in rule:
                if child.tag == SCH + "let":
                    _let(t, child)
                elif child.tag in (SCH + "assert", SCH + "report"):
                    test = child.get("test")
                    cond = f"not({test})" if child.tag == SCH + "assert" else f"({test})"
                    text = etree.SubElement(etree.SubElement(t, f"{{{XSL}}}if", test=cond), f"{{{XSL}}}text")
                    text.text = f"FAIL {pid}: " + " ".join("".join(child.itertext()).split()) + "\n"
        etree.SubElement(out, f"{{{XSL}}}template", match="node()|@*", mode=f"p{i}", priority="-10")
    return etree.tostring(out, encoding="unicode")


def failures(sch_path, doc: bytes) -> list[str]:
    """The failed asserts and fired reports of ``doc``, one line each."""
    return failures_each(sch_path, [doc])[0]


def failures_each(sch_path, docs: list[bytes]) -> list[list[str]]:
    """``failures`` for several documents, the Schematron compiled once."""
    saxonche = pytest.importorskip("saxonche")
    out = []
    with saxonche.PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=compile_schematron(sch_path))
        for doc in docs:
            node = proc.parse_xml(xml_text=doc.decode("utf-8-sig"))
            result = xslt.transform_to_string(xdm_node=node) or ""
            out.append([line for line in result.splitlines() if line.startswith("FAIL")])
    return out
