"""placeholder-left: skeleton text or a drafting marker (TODO, TBD, XXX, 〇〇) still in a segment."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..content.model import Segment
from .model import Context, Finding
from .registry import rule

#: what drafters leave for later: markers in Latin letters (whole words, upper case, as written in
#: skeletons and review notes), and the Japanese ones (伏せ字 〇〇/××, 未定, 要確認)
_MARKERS = re.compile(
    r"(?<![A-Za-z0-9])(?:TODO|TBD|TBC|TBA|FIXME|X{3,})(?![A-Za-z0-9])"
    r"|[〇○●◯×＊]{2,}|[（(【\[]\s*(?:未定|要確認|調整中|仮)\s*[）)】\]]|要確認")


@rule("placeholder-left", "error",
      "skeleton text or a marker (TODO, TBD, XXX, 〇〇, 未定) left in the text", monolingual=True)
def placeholder_left(ctx: Context, seg: Segment) -> Iterator[Finding]:
    for lang in ("en", "ja"):
        text = seg.text(lang)
        if text is None:
            continue
        for m in _MARKERS.finditer(text.plain):
            yield ctx.finding("placeholder-left", seg, lang, m.start(), m.end(),
                              f"'{m.group()}' is a placeholder left in the text: write the text it stands for")

