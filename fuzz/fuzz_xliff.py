"""XLIFF 1.2 / 2.x for checking, positions included."""
import atheris

with atheris.instrument_imports():
    from _harness import guarded, run

    from bilingual.formats import xliff, xmlpos  # noqa: F401
    from bilingual.io import xmlsafe  # noqa: F401


def read(data: bytes) -> None:
    pairs = xliff.read_xliff("fuzz.xlf", data)
    for seg in pairs.segments:
        for text in (seg.en, seg.ja):
            if text is not None and text.plain:
                assert text.locate(0, len(text.plain)) is not None


def one(data: bytes) -> None:
    guarded(read, data)


if __name__ == "__main__":
    run(one)
