"""Validate XLIFF against the official XSDs (a test helper: the schemas are test data in ../shared).

The schemas are not shipped with the package; the caller names the folder
that holds them (``schemas/xliff/{1.2,2.1,2.2}`` and ``schemas/w3c/xml.xsd``,
as in the project's shared interop assets). For 2.x one schema is built that
imports the core and every module XSD, so module elements (``gls:``,
``mtc:``) are checked too, not only skipped as ``##other``. The W3C
``xml.xsd`` is resolved to the local copy; nothing is fetched.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CORE = {"1.2": "1.2/xliff-core-1.2-strict.xsd", "1.2-transitional": "1.2/xliff-core-1.2-transitional.xsd",
        "2.0": "2.1/xliff_core_2.0.xsd", "2.1": "2.1/xliff_core_2.0.xsd", "2.2": "2.2/xliff_core_2.2.xsd"}
MODULES = {"2.1": ["fs.xsd", "glossary.xsd", "matches.xsd", "metadata.xsd", "resource_data.xsd",
                   "size_restriction.xsd", "validation.xsd"],
           "2.2": ["fs.xsd", "glossary.xsd", "matches.xsd", "metadata.xsd", "resource_data.xsd",
                   "size_restriction.xsd", "validation.xsd"]}
XML_XSD = "http://www.w3.org/2001/xml.xsd"


@lru_cache(maxsize=8)
def schema(schemas: str, version: str):
    """An lxml XMLSchema for ``version``; ``schemas`` is the folder with xliff/ and w3c/."""
    from lxml import etree

    root = Path(schemas)
    xml_xsd = root / "w3c" / "xml.xsd"

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url == XML_XSD or url.endswith("/xml.xsd"):
                return self.resolve_file(open(xml_xsd, "rb"), context)
            return None

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(Local())
    core = root / "xliff" / CORE[version]
    if version == "1.2" or version == "1.2-transitional":
        return etree.XMLSchema(etree.parse(str(core), parser))
    folder = "2.1" if version in ("2.0", "2.1") else "2.2"
    mods = MODULES[folder]
    ns_of = {}
    for name in mods:
        tree = etree.parse(str(root / "xliff" / folder / name), parser)
        ns_of[name] = tree.getroot().get("targetNamespace")
    core_ns = etree.parse(str(core), parser).getroot().get("targetNamespace")
    imports = [f'<xs:import namespace="{core_ns}" schemaLocation="{core.as_uri()}"/>']
    imports += [f'<xs:import namespace="{ns_of[n]}" schemaLocation="{(root / "xliff" / folder / n).as_uri()}"/>'
                for n in mods]
    driver = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:bilingual:driver">'
              + "".join(imports) + "</xs:schema>")
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=str(core)))


def errors(data: bytes, schemas: str, version: str) -> list[str]:
    """Schema errors of an XLIFF document, as ``line: message``; empty when valid."""
    from bilingual.io.xmlsafe import parse

    tree = parse(data, "<xliff>")
    s = schema(str(schemas), version)
    if s.validate(tree.getroottree() if hasattr(tree, "getroottree") else tree):
        return []
    return [f"{e.line}: {e.message}" for e in s.error_log]
