"""Names a text declares for itself, as treaties and Japanese legal drafting do: '(hereinafter referred to
as "EURATOM")', （以下「イーター機構」という。）, (以下、TF). Such a name means what the author says, wherever
the text uses it: it is neither an undefined abbreviation, nor a notation variant, nor a second rendering."""
from __future__ import annotations

from .lazyre import lazy

_DECLARED = lazy(
    r"hereinafter(?: referred to as| called)?\s*[\"“〝'‘]([^\"”〟'’]{1,40})[\"”〟'’]"     # English
    r"|以下[、，,]?\s*[「『“〝]([^」』”〟]{1,40})[」』”〟]"                                  # Japanese, quoted
    r"|[（(]以下[、，,]?\s*([A-Za-z][A-Za-z0-9&.-]*)")                                   # (以下、TF)


def declared_names(plain: str) -> set[str]:
    """The names ``plain`` declares for itself."""
    if "以下" not in plain and "hereinafter" not in plain:
        return set()
    return {next(g for g in m.groups() if g) for m in _DECLARED.finditer(plain)}
