"""xmlsafe: whole-document and streaming parses agree, and fail only with located InputErrors."""
import io

import atheris

with atheris.instrument_imports():
    from _harness import check_error, run

    from bilingual.io import xmlsafe
    from bilingual.io.errors import InputError


def one(data: bytes) -> None:
    whole = streamed = None
    try:
        root = xmlsafe.parse(data, "fuzz.xml")
        whole = root.tag
    except InputError as exc:
        whole = exc
    try:
        tag = None
        for _, el in xmlsafe.iterparse(io.BytesIO(data), events=("start",), path_for_errors="fuzz.xml"):
            tag = el.tag if tag is None else tag
        streamed = tag
    except InputError as exc:
        streamed = exc
    for result in (whole, streamed):
        if isinstance(result, InputError):
            check_error(result)
    # the pre-check runs on both paths: a refused DOCTYPE is refused by both
    if isinstance(whole, InputError) and "DOCTYPE" in whole.message:
        assert isinstance(streamed, InputError) and streamed.message == whole.message, (whole, streamed)


if __name__ == "__main__":
    run(one)
