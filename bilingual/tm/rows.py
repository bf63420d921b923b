"""What a batch of Units becomes before a store writes it: rows, identities and index postings.

Pure computation on plain data (lists, tuples, numpy arrays that pickle
cheaply), kept apart from the store so that a large import can run it in a
second process while the store writes (:mod:`bilingual.tm.bulk`).

Index keys are computed for a whole batch at once: the batch's texts are
joined with a separator that no tokeniser table touches, tokenised in one
pass, and the tokens' owners recovered with numpy. They are the keys
:func:`bilingual.tm.tokens.index_keys` gives each text alone.
"""
from __future__ import annotations

import hashlib
import itertools
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from . import tokens
from .model import Unit
from .tokens import NUM

if TYPE_CHECKING:
    import numpy as np

    #: (full keys, owners, lengths) of postings
    Postings = tuple[np.ndarray, np.ndarray, np.ndarray]

SEP = "\U000F0000"      # private use, beyond the tokeniser's tables: survives them as its own token
_SEP_CODE = ord(SEP)


@dataclass
class Prepared:
    """A batch ready for a store: TUs ``first`` .. ``first + count - 1`` by id.

    The plain TUs (no context, codes, tags or approval state) come as columns
    (``ids``, ``idents`` int64 arrays; ``en``, ``ja``, ``changed``, ``xml`` lists: cheap
    to pickle, bound as they are); the others as ``(id, ident, unit)``. The
    store keys the TUs it writes (:func:`postings`): it knows which it wrote,
    and the work is shared between the two processes of an import.
    """

    count: int
    first: int
    ids: array[int] = field(default_factory=lambda: array("q"))       # set by prepare()
    idents: array[int] = field(default_factory=lambda: array("q"))
    en: list = field(default_factory=list)
    ja: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    xml: list = field(default_factory=list)
    others: list[tuple[int, int, Unit]] = field(default_factory=list)
    done: int = 0                               # bytes of the source read so far

    def rows(self) -> Iterator[tuple]:
        """The plain TUs as ``(id, ident, en, ja, changed, xml)`` rows."""
        return zip(self.ids, self.idents, self.en, self.ja, self.changed, self.xml, strict=True)


def identity(u: Unit) -> int:
    """A TU's identity: its document and segment when it has both (a newer version replaces it), else its XML."""
    data = b"ctx\x00" + u.doc.encode() + b"\x00" + u.seg.encode() if u.doc and u.seg else u.xml
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big") >> 1


def _common(u: Unit) -> bool:
    return (u.approved and u.doc is None and u.seg is None and u.prev is None and u.next is None
            and u.en_raw is None and u.ja_raw is None and not u.en_tags and not u.ja_tags)


def prepare(units: list, first: int, done: int = 0) -> Prepared:
    """A batch of Units or plain ``(xml, en, ja, changed)`` tuples, to be stored from id ``first`` on.

    No numpy here: the reader process of an import stays small.
    """
    n = len(units)
    p = Prepared(n, first, done=done)
    if all(type(u) is tuple for u in units):            # (a bulk import: column by column)
        p.ids = array("q", range(first, first + n))
        p.xml, p.en, p.ja, p.changed = (list(column) for column in zip(*units, strict=True)) if n else ([], [], [], [])
        blake2b = hashlib.blake2b
        p.idents = _identities(b"".join([blake2b(x, digest_size=8).digest() for x in p.xml]))
        return p
    ids, idents = array("q"), array("q")
    for id_, u in enumerate(units, first):
        if type(u) is tuple:
            u = Unit(u[0], u[1], u[2], changed=u[3])
        if _common(u):
            ids.append(id_)
            idents.append(identity(u))
            p.en.append(u.en)
            p.ja.append(u.ja)
            p.changed.append(u.changed)
            p.xml.append(u.xml)
        else:
            p.others.append((id_, identity(u), u))
    p.ids, p.idents = ids, idents
    return p


def _identities(digests: bytes) -> array:
    """:func:`identity` of many XML texts from their 8-byte blake2b digests, end to end."""
    words = array("Q", digests)
    if sys.byteorder == "little":
        words.byteswap()
    return array("q", [w >> 1 for w in words])


def postings(owners: Sequence[int] | np.ndarray, en: list[str | None], ja: list[str | None]) -> Postings:
    """(keys, owners, lens) of texts (``owners[i]`` owns ``en[i]`` and ``ja[i]``; None or empty: no text).

    Full index keys (language bit included), one posting a token (English) or
    character pair (Japanese), in no particular order: a key repeated in a
    text repeats here (the index drops repeats when it sorts,
    :func:`bilingual.tm.index._sorted`).
    """
    import numpy as np

    who = np.asarray(owners, dtype=np.uint32)
    parts = []
    for texts, keyed in ((en, _en_postings), (ja, _ja_postings)):
        has = np.fromiter(map(bool, texts), dtype=bool, count=len(texts))
        if has.any():
            parts.append(keyed(who[has], cast("list[str]", list(itertools.compress(texts, has)))))  # the texts
    if not parts:
        return np.empty(0, np.int64), np.empty(0, np.uint32), np.empty(0, np.uint8)
    keys, ids, lens = (np.concatenate(column) for column in zip(*parts, strict=True))
    return keys, ids, lens


def _joined(texts: list[str]) -> str:
    """The texts joined by SEP (a SEP inside a text is dropped first)."""
    big = SEP.join(texts)
    if big.count(SEP) != len(texts) - 1:
        big = SEP.join(t.replace(SEP, "") for t in texts)
    return big


class _Vocabulary(dict):
    """Token (str or bytes) → index key (CRC-32; a token with a digit is the number token ``#``); SEP → -1."""

    def __missing__(self, token: str | bytes) -> int:
        if len(self) > 1_000_000:
            self.clear()
            self.update(_SEPARATORS)
        raw = token if isinstance(token, bytes) else token.encode()
        key = self[token] = zlib.crc32(b"#" if b"#" in raw else raw)
        return key


_SEPARATORS = {SEP: -1, b"\x01": -1}
_VOCABULARY = _Vocabulary(_SEPARATORS)


@lru_cache(maxsize=1)
def _ascii_table() -> bytes:
    """The English table on ASCII as a bytes table; byte 1 kept (the separator of the ASCII path)."""
    table = bytearray(range(256))
    for c in range(128):
        table[c] = ord(tokens._EN_ON_DEMAND[c])
    table[1] = 1
    return bytes(table)


@lru_cache(maxsize=1)
def _ja_table() -> np.ndarray:
    """The Japanese table as an array over the BMP: code point → folded code point (0: dropped)."""
    import numpy as np

    ja = tokens._JA_ON_DEMAND
    return np.fromiter((ord(ja[c]) if ja[c] else 0 for c in range(0x10000)), np.uint32, 0x10000)


def _ascii_tokens(texts: list[str]) -> list[bytes] | None:
    """The word tokens of ASCII texts, ``b"\\x01"`` between two texts (bytes tables are fast)."""
    big = " \x01 ".join(texts).encode()
    if big.count(b"\x01") != len(texts) - 1:
        return None
    return big.translate(_ascii_table()).split()


def _str_tokens(texts: list[str]) -> list[str]:
    """The word tokens of any texts, SEP between two texts."""
    return _joined(texts).translate(tokens._EN_ON_DEMAND).replace(SEP, f" {SEP} ").split()


def _en_postings(owners: np.ndarray, texts: list[str]) -> Postings:
    import numpy as np

    ascii_ = np.fromiter(map(str.isascii, texts), dtype=bool, count=len(texts))
    parts = []
    for group in ((ascii_,) if ascii_.all() else (ascii_, ~ascii_)):
        if not group.any():
            continue
        words = list(itertools.compress(texts, group))
        toks = (_ascii_tokens(words) if group is ascii_ else None) or _str_tokens(words)
        keys = np.fromiter(map(_VOCABULARY.__getitem__, toks), dtype=np.int64, count=len(toks))
        sep = keys == -1
        which = np.cumsum(sep)                  # the text each token belongs to
        word = ~sep
        keys, which = keys[word], which[word]
        lens = np.minimum(np.bincount(which, minlength=len(words)), 255).astype(np.uint8)
        parts.append((keys * 2, owners[group][which], lens[which]))
    all_keys, ids, all_lens = (np.concatenate(column) for column in zip(*parts, strict=True))
    return all_keys, ids, all_lens


def _ja_postings(owners: np.ndarray, texts: list[str]) -> Postings:
    import numpy as np

    chars = np.frombuffer(_joined(texts).encode("utf-32-le"), dtype=np.uint32)
    low = chars < 0x10000
    chars = chars.copy()
    chars[low] = _ja_table()[chars[low]]
    chars = chars[chars != 0]                   # whitespace and punctuation dropped
    number = chars == ord(NUM)
    repeat = np.zeros(len(chars), dtype=bool)   # a run of digits: one #
    repeat[1:] = number[1:] & number[:-1]
    chars = chars[~repeat].astype(np.int64)
    sep = chars == _SEP_CODE
    which = np.cumsum(sep)
    lengths = np.bincount(which[~sep], minlength=len(texts))
    ok = ~sep[:-1] & ~sep[1:]
    keys = ((chars[:-1] << 21) | chars[1:])[ok]
    who = which[:-1][ok]
    single = np.flatnonzero(lengths == 1)       # a one-character text is keyed by its character
    if len(single):
        starts = np.concatenate(([0], np.flatnonzero(sep) + 1))[single]
        keys = np.concatenate((keys, chars[starts] << 21))
        who = np.concatenate((who, single))
    lens = np.minimum(lengths, 255).astype(np.uint8)
    return keys * 2 + 1, owners[who], lens[who]
