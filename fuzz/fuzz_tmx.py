"""TMX: one reader, three ways in; the fast path, the streaming reader and check's located reader must agree.

On every input each gives the same TUs (their fields; the XML compared after
canonicalisation, since the fast path keeps the file's bytes) or the same
located error line. Seeds include the hostile corpus (``tests/corpus/tmx``),
so its files are fuzzed through the fast path too.
"""
import atheris

with atheris.instrument_imports():
    from _harness import as_file, check_error, run

    from bilingual.app import inputs as check_input
    from bilingual.formats import tmx, xmlpos  # noqa: F401
    from bilingual.io import xmlsafe  # noqa: F401
    from bilingual.io.errors import InputError
    from bilingual.tm import model  # noqa: F401


def _canonical(xml: bytes) -> bytes:
    from lxml import etree

    el = etree.fromstring(xml, etree.XMLParser(recover=True, resolve_entities=False))
    try:
        return etree.tostring(el, method="c14n")
    except etree.C14NError:
        return etree.tostring(el)


def outcome(read, path):
    try:
        return [dict(vars(u), xml=_canonical(u.xml)) for u in read(path)]
    except InputError as exc:
        check_error(exc)
        return str(exc)


def streamed(path):
    with open(path, "rb") as f:
        return list(tmx._read_streaming(f, path, None))


def located(path):
    return [t.unit for t in tmx.read_tmx_located(str(path), path.read_bytes())]


def one(data: bytes) -> None:
    path = as_file(data, ".tmx")
    fast = outcome(tmx.read_tmx, path)
    assert fast == outcome(streamed, path), "fast path and streaming reader disagree"
    assert fast == outcome(located, path), "check's reader and the import's disagree"
    try:
        check_input.read_tmx(str(path), data)
    except InputError as exc:
        check_error(exc)


if __name__ == "__main__":
    run(one)
