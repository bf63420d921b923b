"""TMX: the streaming TM reader and the check reader, on the same bytes."""
import atheris

with atheris.instrument_imports():
    from _harness import as_file, guarded, run

    from bilingual.app import inputs as check_input
    from bilingual.formats import tmx, xmlpos  # noqa: F401
    from bilingual.io import xmlsafe  # noqa: F401
    from bilingual.tm import model  # noqa: F401


def read_all(path) -> None:
    for unit in tmx.read_tmx(path):
        assert unit.xml


def one(data: bytes) -> None:
    guarded(read_all, as_file(data, ".tmx"))
    guarded(check_input.read_tmx, "fuzz.tmx", data)


if __name__ == "__main__":
    run(one)
