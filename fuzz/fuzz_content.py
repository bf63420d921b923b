"""Content YAML: load, validate, check (every rule, hidden characters included)."""
import atheris

with atheris.instrument_imports():
    from _harness import guarded, run

    from bilingual.checks import Context, run_checks
    from bilingual.content import inline, loader  # noqa: F401
    from bilingual.content.loader import document_from_source
    from bilingual.glossary.matcher import TermIndex
    from bilingual.glossary.model import Concept, Glossary, Term
    from bilingual.io import yamlpos  # noqa: F401
    from bilingual.io.yamlpos import Source

GLOSSARY = Glossary({
    "doe": Concept("doe", terms=[Term("Department of Energy", "en", "doe", "preferred", pos="properNoun"),
                                 Term("DOE", "en", "doe", "preferred", "acronym"),
                                 Term("米国エネルギー省", "ja", "doe", "preferred")]),
    "mext": Concept("mext", terms=[Term("MEXT", "en", "mext", "preferred", "acronym"),
                                   Term("文部科学省", "ja", "mext", "preferred"),
                                   Term("文科省", "ja", "mext", "deprecated")]),
    "fe": Concept("fe", terms=[Term("fusion energy", "en", "fe", "preferred"),
                               Term("フュージョンエネルギー", "ja", "fe", "preferred"),
                               Term("フュージョン・エネルギー", "ja", "fe", "admitted", "variant")]),
})
INDEX = TermIndex(GLOSSARY)


def load_and_check(data: bytes) -> None:
    src = Source("fuzz.yaml", data)
    doc = document_from_source(src, GLOSSARY)
    segments = list(doc.segments())
    ctx = Context(path="fuzz.yaml", segments=segments, glossary=GLOSSARY, index=INDEX, document=doc)
    for f in run_checks(ctx):
        assert f.line >= 1 and f.column >= 1, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f


def one(data: bytes) -> None:
    guarded(load_and_check, data)


if __name__ == "__main__":
    run(one)
