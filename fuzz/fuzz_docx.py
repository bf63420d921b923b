"""DOCX input: the zip checks, then python-docx and the table reader."""
import atheris

with atheris.instrument_imports():
    from _harness import guarded, run
    from bilingual.formats import docx_input, zipsafe  # noqa: F401


def one(data: bytes) -> None:
    guarded(docx_input.read_docx, "fuzz.docx", data, None)
    guarded(docx_input.read_docx, "fuzz.docx", data, "ja")


if __name__ == "__main__":
    run(one)
