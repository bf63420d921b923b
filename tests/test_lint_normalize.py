"""The fast Japanese normaliser gives exactly what the one-character-at-a-time reference gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.text.normalize import _normalize_slow, normalize_ja

ALPHABET = list("アイウエオカヴァィーー・･ｶﾞｰﾊﾟｳﾞ　 \tＡＢａbX12１２核融合、。-－〜ヶヵ\u200bユザDOE.")


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60))
def test_fast_normaliser_equals_the_reference(text):
    assert normalize_ja(text) == _normalize_slow(text)


def test_plain_text_is_copied_as_it_is():
    n = normalize_ja("核融合の研究")
    assert n.text == "核融合の研究" and n.origin == [0, 1, 2, 3, 4, 5, 6]
