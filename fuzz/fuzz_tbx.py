"""TBX 2019 / TBX 2008 glossary import."""
import atheris

with atheris.instrument_imports():
    from _harness import as_file, guarded, run
    try:
        from bilingual.app.glossary import read_glossary_file
        from bilingual.formats import tbx, tbx2008, tbx2019  # noqa: F401
        from bilingual.io import xmlsafe  # noqa: F401
    except ImportError:                        # the glossary interchange readers (branch termbase) not merged yet
        read_glossary_file = None


def one(data: bytes) -> None:
    guarded(read_glossary_file, as_file(data, ".tbx"))


if __name__ == "__main__":
    if read_glossary_file is None:
        print("skipped: no glossary interchange reader in this checkout")
    else:
        run(one)
