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
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from . import tokens
from .model import Unit
from .tokens import NUM

SEP = "\U000F0000"      # private use, beyond the tokeniser's tables: survives them as its own token
_SEP_CODE = ord(SEP)


@dataclass
class Prepared:
    """A batch ready for a store.

    ``rows`` are the common TUs as ``(position, ident, en, ja, changed, xml)``; ``others`` the TUs with context, codes, tags or an
    approval state, as ``(position, ident, unit)``. ``keys``/``owners``/``lens``
    are the index postings of every TU in the batch (owner = position).
    """

    count: int
    rows: list[tuple] = field(default_factory=list)
    others: list[tuple[int, int, Unit]] = field(default_factory=list)
    keys: object = None
    owners: object = None
    lens: object = None
    done: int = 0                               # bytes of the source read so far


def identity(u: Unit) -> int:
    """A TU's identity: its document and segment when it has both (a newer version replaces it), else its XML."""
    if u.doc and u.seg:
        data = b"ctx\0" + u.doc.encode() + b"\0" + u.seg.encode()
    else:
        data = u.xml
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big") >> 1


def _common(u: Unit) -> bool:
    return (u.approved and u.doc is None and u.seg is None and u.prev is None and u.next is None
            and u.en_raw is None and u.ja_raw is None and not u.en_tags and not u.ja_tags)


def prepare(units: list, done: int = 0) -> Prepared:
    """Rows, identities and postings of a batch of Units or plain ``(xml, en, ja, changed)`` tuples."""
    p = Prepared(len(units), done=done)
    rows, others = p.rows, p.others
    en_texts, ja_texts = [], []
    blake2b = hashlib.blake2b
    for pos, u in enumerate(units):
        if type(u) is tuple:
            xml, en, ja, changed = u
            ident = int.from_bytes(blake2b(xml, digest_size=8).digest(), "big") >> 1
        elif _common(u):
            xml, en, ja, changed = u.xml, u.en, u.ja, u.changed
            ident = identity(u)
        else:
            others.append((pos, identity(u), u))
            en, ja = u.en, u.ja
            en and en_texts.append((pos, en))
            ja and ja_texts.append((pos, ja))
            continue
        rows.append((pos, ident, en, ja, changed, xml))
        en and en_texts.append((pos, en))
        ja and ja_texts.append((pos, ja))
    p.keys, p.owners, p.lens = postings(en_texts, ja_texts)
    return p


def postings(en: list[tuple[int, str]], ja: list[tuple[int, str]]):
    """(keys, owners, lens) of ``(owner, text)`` pairs: full index keys (language bit included).

    Sorted by owner then key, each key once per owner.
    """
    import numpy as np

    parts = [(bit, x) for bit, x in ((0, _en_postings(en)), (1, _ja_postings(ja))) if x is not None]
    if not parts:
        return np.empty(0, np.int64), np.empty(0, np.uint32), np.empty(0, np.uint8)
    keys, owners, lens = (np.concatenate(column) for column in zip(*(x for _, x in parts)))
    if not len(keys) or int(owners.max()) >= 1 << 18:
        order = np.lexsort((keys, owners))
        keys, owners, lens = keys[order], owners[order], lens[order]
        keep = np.concatenate(([True], (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])))
        return keys[keep], owners[keep], lens[keep]
    # one sort of owner and key packed in an int64 (keys < 2**45, owners < 2**18), repeats dropped;
    # a posting's length is its owner's in the key's language (the key's low bit)
    packed = np.sort((owners.astype(np.int64) << 45) | keys)
    packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    keys, owners = packed & ((1 << 45) - 1), (packed >> 45).astype(np.uint32)
    length = np.zeros((2, int(owners.max()) + 1), dtype=np.uint8)
    for bit, (_, who, lens) in parts:
        length[bit][who] = lens
    return keys, owners, length[keys & 1, owners]


def _joined(texts: list[str]) -> str:
    """The texts joined by SEP (a SEP inside a text is dropped first)."""
    big = SEP.join(texts)
    if big.count(SEP) != len(texts) - 1:
        big = SEP.join(t.replace(SEP, "") for t in texts)
    return big


class _Vocabulary(dict):
    """Token (str or bytes) → index key (CRC-32; a token with a digit is the number token ``#``); SEP → -1."""

    def __missing__(self, token) -> int:
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
    tokens._EN or tokens._build()
    table = bytearray(range(256))
    for c in range(128):
        table[c] = ord(tokens._EN.get(c, chr(c)))
    table[1] = 1
    return bytes(table)


@lru_cache(maxsize=1)
def _ja_table():
    """The Japanese table as an array over the BMP: code point → folded code point (0: dropped)."""
    import numpy as np

    tokens._JA or tokens._build()
    table = np.arange(0x10000, dtype=np.uint32)
    for c, to in tokens._JA.items():
        table[c] = ord(to) if to else 0
    return table


def _ascii_tokens(texts: list[str]) -> list[bytes] | None:
    """The word tokens of ASCII texts, ``b"\\x01"`` between two texts (bytes tables are fast)."""
    big = " \x01 ".join(texts).encode()
    if big.count(b"\x01") != len(texts) - 1:
        return None
    return big.translate(_ascii_table()).split()


def _str_tokens(texts: list[str]) -> list[str]:
    """The word tokens of any texts, SEP between two texts."""
    tokens._EN or tokens._build()
    return _joined(texts).translate(tokens._EN).replace(SEP, f" {SEP} ").split()


def _en_postings(pairs: list[tuple[int, str]]):
    import numpy as np

    ascii_, other = [], []
    for pair in pairs:
        (ascii_ if pair[1].isascii() else other).append(pair)
    parts = []
    for group, tokenize in ((ascii_, _ascii_tokens), (other, _str_tokens)):
        if not group:
            continue
        owners, texts = zip(*group)
        toks = tokenize(list(texts))
        if toks is None:
            toks = _str_tokens(list(texts))
        keys = np.fromiter(map(_VOCABULARY.__getitem__, toks), dtype=np.int64, count=len(toks))
        sep = keys == -1
        which = np.cumsum(sep)                  # the text each token belongs to
        words = ~sep
        keys, which = keys[words], which[words]
        lens = np.minimum(np.bincount(which, minlength=len(texts)), 255).astype(np.uint8)
        parts.append((keys * 2, np.asarray(owners, dtype=np.uint32)[which], lens[which]))
    return tuple(np.concatenate(column) for column in zip(*parts)) if parts else None


def _ja_postings(pairs: list[tuple[int, str]]):
    import numpy as np

    if not pairs:
        return None
    owners, texts = zip(*pairs)
    chars = np.frombuffer(_joined(list(texts)).encode("utf-32-le"), dtype=np.uint32)
    low = chars < 0x10000
    chars = chars.copy()
    chars[low] = _ja_table()[chars[low]]
    chars = chars[chars != 0]                   # whitespace and punctuation dropped
    number = chars == ord(NUM)
    chars = chars[~np.concatenate(([False], number[1:] & number[:-1]))].astype(np.int64)   # a run of digits: one #
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
    return keys * 2 + 1, np.asarray(owners, dtype=np.uint32)[who], lens[who]
