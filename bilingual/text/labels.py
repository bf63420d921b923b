"""The fixed words of a layout ("Joint Statement", "仮訳", …), from gettext catalogs.

The catalogs live with the templates (``templates/locale``) and are managed
with Babel (every ``label("…")`` call with a literal is a message)::

    pybabel extract -k label --no-default-keywords -c TRANSLATORS: --no-wrap \
        -o templates/locale/messages.pot bilingual/render bilingual/text bilingual/content
    pybabel update --no-wrap -i templates/locale/messages.pot -d templates/locale -l ja

English is the source language: its words are the msgids themselves.
"""
from __future__ import annotations

import functools
from pathlib import Path

from bilingual.resources import data_dir

DOMAIN = "messages"


def locale_dir() -> Path:
    """Where ``<lang>/LC_MESSAGES/messages.po`` files live."""
    return data_dir("templates") / "locale"


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """msgid → translation for ``lang`` (translated, non-fuzzy entries only)."""
    path = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        po = read_po(f, locale=lang, domain=DOMAIN)
    return {m.id: m.string for m in po
            if m.id and isinstance(m.id, str) and m.string and isinstance(m.string, str) and not m.fuzzy}


def label(msgid: str, lang: str) -> str:
    """The word ``msgid`` in ``lang``; like gettext, the msgid when there is no translation."""
    return catalog(lang).get(msgid, msgid)
