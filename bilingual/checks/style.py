"""Style checks: ja-punctuation, ja-width, whitespace, bracket-unbalanced, repeated-word,
end-punctuation, same-as-source."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..content.model import Segment
from ..text.lazyre import lazy
from ..text.normalize import is_cjk, is_kanji, is_katakana
from ..text.urls import find_urls
from .model import Context, Finding
from .registry import rule


def is_japanese(ch: str) -> bool:
    """Kana, kanji and Japanese punctuation (not full-width ASCII)."""
    return bool(ch) and is_cjk(ch)


def _inside(spans: list[tuple[int, int, str]], n: int) -> bytearray:
    """``mask[i]`` is 1 where ``i`` is inside a span: one lookup per character, not one scan (many URLs)."""
    mask = bytearray(n)
    for s, e, _ in spans:
        mask[s:e] = b"\x01" * (e - s)
    return mask


# ---------------------------------------------------------------- ja-punctuation

_HALF = {",": "、", ".": "。", "(": "（", ")": "）", "!": "！", "?": "？"}


def _prev(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return text[j] if j >= 0 else ""


def _next(text: str, i: int) -> str:
    j = i + 1
    while j < len(text) and text[j] == " ":
        j += 1
    return text[j] if j < len(text) else ""


@rule("ja-punctuation", "warning", "half-width punctuation in Japanese", monolingual=True)
def ja_punctuation(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """`,` `.` `()` `!?` written half-width next to Japanese."""
    if seg.ja is None:
        return
    text = seg.ja.plain
    if not any(c in text for c in _HALF):                 # (most Japanese text: nothing to look at)
        return
    in_link = _inside(find_urls(text), len(text))
    closing_of: dict[int, int] = {}
    opening_of: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            o = stack.pop()
            closing_of[o], opening_of[i] = i, o
    japanese = [0]                                          # japanese[k]: Japanese characters in text[:k]
    for ch in text:
        japanese.append(japanese[-1] + is_japanese(ch))
    for i, ch in enumerate(text):
        if ch not in _HALF or in_link[i]:
            continue
        before, after = _prev(text, i), _next(text, i)
        if ch in ",." and before.isdigit() and after.isdigit():
            continue                                        # 1,000 and 1.5
        if ch == "(":
            close = closing_of.get(i)
            fire = is_japanese(before) or (close is not None and japanese[close] > japanese[i + 1]) or (
                close is not None and is_japanese(_next(text, close)))
        elif ch == ")":
            opener = opening_of.get(i)
            fire = is_japanese(after) or (opener is not None and japanese[i] > japanese[opener + 1]) or (
                opener is not None and is_japanese(_prev(text, opener)))
        else:
            fire = is_japanese(before)
        if fire:
            yield ctx.finding("ja-punctuation", seg, "ja", i, i + 1,
                              f"half-width '{ch}' in Japanese text; write '{_HALF[ch]}'", _HALF[ch])


# ---------------------------------------------------------------- ja-width

_WIDE_ALNUM = lazy(r"[０-９Ａ-Ｚａ-ｚ]+")
_HALF_KANA = lazy(r"[ｦ-ﾟ｡-･]+")
# a minus sign or hyphen typed for the long vowel mark after katakana (核融合エネルギ−, パ−トナ−), and a minus
# sign in a code (JT−60): old pages' conversions; a dash (―) after katakana is punctuation, not this
_DASH_FOR_VOWEL = lazy(r"(?<=[ァ-ヺ])[\u2212\u2010](?![0-9０-９])")
_MINUS_IN_CODE = lazy(r"(?<=[A-Za-z])\u2212(?=[0-9])")


@rule("ja-width", "warning", "half-width katakana or full-width ASCII in Japanese", monolingual=True)
def ja_width(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Half-width katakana, full-width Latin letters and digits, and a dash or minus typed for ー or - ."""
    if seg.ja is None:
        return
    text = seg.ja.plain
    for m in _HALF_KANA.finditer(text):
        fixed = unicodedata.normalize("NFKC", m.group())
        yield ctx.finding("ja-width", seg, "ja", m.start(), m.end(),
                          f"half-width katakana '{m.group()}'; write '{fixed}'", fixed)
    for m in _WIDE_ALNUM.finditer(text):
        fixed = unicodedata.normalize("NFKC", m.group())
        yield ctx.finding("ja-width", seg, "ja", m.start(), m.end(),
                          f"full-width letters or digits '{m.group()}'; write '{fixed}'", fixed)
    for m in _DASH_FOR_VOWEL.finditer(text):
        if any(h.variant and h.start <= m.start() < h.end for h in ctx.hits(seg, "ja")):
            continue            # inside a term written otherwise: term-variant reports it, with the term
        yield ctx.finding("ja-width", seg, "ja", m.start(), m.end(),
                          f"'{m.group()}' (U+{ord(m.group()):04X}) after katakana; write 'ー'", "ー")
    for m in _MINUS_IN_CODE.finditer(text):
        yield ctx.finding("ja-width", seg, "ja", m.start(), m.end(),
                          "a minus sign (U+2212) in a code; write the hyphen '-'", "-")


# ---------------------------------------------------------------- whitespace

_SPACES = lazy(r"[ \t\u3000]+")
# in English only these runs can be reported (leading, trailing, more than one): one space between words is
# not even looked at
_EN_SPACES = lazy(r"\A[ \t\u3000]+|[ \t\u3000]+\Z|[ \t\u3000]{2,}")


@rule("whitespace", "info", "leading, trailing, double or inter-Japanese spaces", monolingual=True)
def whitespace(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Leading, trailing and double spaces; spaces between two Japanese characters.

    Ordinary Japanese layout is not reported (``_ja_layout``): an ideographic-space paragraph indent,
    a space between family and given name (岸田 文雄), after a bullet (・ 科学的…) or a speaker label
    (【上田主査】 定刻…, ○盛山大臣　…); nor an English list item's indent (``_en_indent``).
    """
    for lang in ("en", "ja"):
        text = seg.text(lang)
        if text is None or not text.plain:
            continue
        plain = text.plain
        for m in (_SPACES if lang == "ja" else _EN_SPACES).finditer(plain):
            s, e = m.start(), m.end()
            if lang == "ja" and (_ja_layout(plain, s, e) or (e - s <= 2 and 0 < s and e < len(plain)
                                                             and _headline(ctx, seg, plain))):
                continue
            if lang == "en" and _en_indent(plain, s, e):
                continue
            if s == 0:
                why = "leading white space"
            elif e == len(plain):
                why = "trailing white space"
            elif lang == "ja" and is_japanese(plain[s - 1]) and is_japanese(plain[e]):
                why = "space between Japanese characters"
            elif e - s > 1 and not ("\u3000" in m.group() and lang == "ja"):
                why = "more than one space"
            else:
                continue
            yield ctx.finding("whitespace", seg, lang, s, e, why, "")


_BULLETS = "・●○◯◎◆◇■□▪※-－*＊"
_EN_ITEM = lazy(r"(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[•*\u2013-])\s")   # 1. (a) ii) • – -: a list item


def _headline(ctx: Context, seg: Segment, plain: str) -> bool:
    """A page's first paragraph (or a document's title) when it is one short line with no 。: a headline,
    whose parts Japanese sets apart with a space (核融合「原型炉」誘致へ、青森県知事が表明 六ケ所村「圧倒的優位」)."""
    return (ctx.position(seg) == 0 and (ctx.monolingual or seg.role == "title") and len(plain) <= 60
            and "\n" not in plain.strip() and "。" not in plain)


def _en_indent(plain: str, s: int, e: int) -> bool:
    """An English line's indent: any, on a line after the first; on the first, before a list item
    (MOFA's "  1. On June 28 (Tue), …"), where a leading space is otherwise a slip."""
    if e == len(plain) or plain[e] == "\n":
        return False                                  # trailing: always reported
    if s > 0:
        return plain[s - 1] == "\n"
    return _EN_ITEM.match(plain, e) is not None


_LABEL_END = "】］]）)：:"


def _body_endings() -> tuple[str, ...]:
    from .context import NAME_ENDINGS

    return (*NAME_ENDINGS, "審議会", "法人")


_BODY_ENDINGS = _body_endings()
# a title before a person's name: 理事長 小安重夫, 所長 山田 弘司
_TITLE_ENDINGS = ("理事長", "所長", "室長", "局長", "部長", "課長", "主査", "委員", "大臣", "長官", "会長", "議長",
                  "社長", "学長", "総長", "総裁", "次官", "審議官", "教授", "大統領", "首相", "総理", "大使", "機構長")


# a title right after a space: katakana or kanji up to a title's last characters (イーター機構長, エネルギー長官)
_TITLE_AFTER = lazy(r"[\u30a1-\u30fa\u30fc\u4e00-\u9fff・]{0,12}?(?:" + "|".join(_TITLE_ENDINGS)
                    + r")(?![\u4e00-\u9fff])")


def _katakana_run(plain: str, end: int) -> int:
    """How many katakana characters stand right before ``end``."""
    i = end
    while i > 0 and is_katakana(plain[i - 1]):
        i -= 1
    return end - i


def _rest_of_line(plain: str, start: int) -> str:
    end = plain.find("\n", start)
    return plain[start:end if end >= 0 else len(plain)]


_CHAPTER = lazy(r"第[0-9０-９〇一二三四五六七八九十百]+[編章節款]|[0-9０-９]{4}年")


def _ja_layout(plain: str, s: int, e: int) -> bool:
    """A space that is Japanese layout, not a slip (see ``whitespace``)."""
    line_start = plain.rfind("\n", max(0, s - 200), s) + 1
    if line_start == 0 and s > 200:
        line_start = s - 200                          # a line this long is prose: look at its last words
    head = plain[line_start:s]
    if (e < len(plain) and plain[e] == "\n") or e == len(plain):
        return False                                  # trailing: always reported
    if not head.strip(" \u3000"):
        return True            # an indent at a line's start: a paragraph's (ideographic space), a list item's or
        #                        a note's (spaces, any width: NIFS's nested list, JAEA's *正式名称 note)
    body = head.lstrip(" \u3000")
    if body in tuple(_BULLETS) or (len(body) <= 3 and body[-1] in _BULLETS + ".．)）"):
        return True                                   # after a bullet or an enumerator: ・ 科学的…, (1) …
    if e - s <= 2 and _CHAPTER.fullmatch(body) and not any(c in "。、" for c in _rest_of_line(plain, e)):
        return True                                   # after a heading's number: 第5章 核融合…, 2026年 新年の…
    if len(body) <= 16 and not any(c in "。、，,.？！ 　" for c in body) and (
            body[-1] in _LABEL_END or body[0] in "○◯◎●【" or is_kanji(body[-1])) and e - s <= 2 and (
            body[-1] in _LABEL_END or body[0] in "○◯◎●【" or plain[s] == "\u3000" or body.endswith(_TITLE_ENDINGS)):
        return True                                   # a speaker label at line start (政府委員 お答え…: a Diet record)
    if plain[e] in ":：" and len(body) <= 12:
        return True                                   # a label padded to line up its colon: 3. 参加極    :日本、…
    line_end = plain.find("\n", e, e + 200)
    line = plain[line_start:line_end if line_end >= 0 else min(len(plain), e + 200)]
    if e - s <= 2 and len(line) <= 80 and not any("\u3041" <= c <= "\u309f" or c in "。、" for c in line):
        return True         # a line with no kana: a heading, header or signature (核融合科学技術委員会 原型炉…,
        #                     11:19  於:中央合同庁舎…)
    if e - s == 1 and len(body) >= 3 and all("\u30a1" <= c <= "\u30fa" or c == "ー" for c in body):
        return True                                   # a name in katakana, then the title: マッカーシー エネルギー…大臣
    if e - s == 1 and _katakana_run(plain, s) >= 3 and _TITLE_AFTER.match(plain, e):
        return True                                   # in a sentence: …、バラバスキ イーター機構長と
    if e - s == 1 and is_kanji(plain[s - 1]) and e < len(plain) and is_kanji(plain[e]):
        a = s
        while a > line_start and is_kanji(plain[a - 1]):
            a -= 1
        b = e
        while b < len(plain) and is_kanji(plain[b]):
            b += 1
        before = plain[a - 1] if a > line_start else ""
        if s - a <= 2 and b - e >= 1 and before in ("", " ", "\u3000", "、", "（", "(", "・", "：", "】"):
            return True                               # family name, space, given name: 岸田 文雄
        if plain[a:s].endswith(_BODY_ENDINGS) or plain[a:s].endswith(_TITLE_ENDINGS):
            return True                               # 学術分科会 基本問題…, 研究開発機構 白井浩室長, 理事長 小安重夫
        if plain[a:s].endswith(("省", "府", "庁")) and _TITLE_AFTER.match(plain, e):
            return True                               # a ministry, then a person's title: 文部科学省 清浦審議官
    return False


# ---------------------------------------------------------------- bracket-unbalanced

_PAIRS = {"(": ")", "[": "]", "（": "）", "「": "」", "『": "』", "【": "】", "〔": "〕", "［": "］",
          "《": "》", "〈": "〉", "“": "”", "‘": "’", "{": "}", "｛": "｝"}
_CLOSERS = {c: o for o, c in _PAIRS.items()}
_BRACKETS = lazy("[" + "".join(map(re.escape, (*_PAIRS, *_CLOSERS))) + "]")    # the characters the check reads
# 1) a) ii): an enumerator; *) ※1): a footnote mark (「イーター(ITER)協定」*)が発効し, the note below: *)…正式名称)
# a speaker's label on a line of its own, closed by a bracket (田中委員) in MEXT's minutes)
_ENUM = lazy(r"(?:(?:^|(?<=[\s（(]))(?:[0-9]{1,2}|[a-zA-Z]|[ivx]{1,4})|[*＊※]\d{0,2}"
             r"|(?m:^)[^\s()（）]{0,10}(?:" + "|".join(_TITLE_ENDINGS) + r")(?=[)）][ \t\u3000]*(?m:$)))[)）]")


@rule("bracket-unbalanced", "warning",
      "a bracket or quotation mark is not closed, or closed by the wrong one", monolingual=True)
def bracket_unbalanced(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Every opening bracket or quotation mark is closed by its own partner."""
    for lang in ("en", "ja"):
        text = seg.text(lang)
        if text is None:
            continue
        plain = text.plain
        marks = [m.start() for m in _BRACKETS.finditer(plain)]
        if not marks:
            continue
        inside = _inside(find_urls(plain), len(plain))
        enumerators = {m.end() - 1 for m in _ENUM.finditer(plain)}
        first_quote = plain.find("‘")
        stack: list[int] = []
        open_count: dict[str, int] = {}                    # openers on the stack, by character
        for i in marks:
            ch = plain[i]
            if inside[i]:
                continue
            if ch == "’" and 0 < i < len(plain) - 1 and (plain[i - 1].isalpha() or plain[i - 1] in ")）") \
                    and plain[i + 1].isalpha():
                continue                                   # an apostrophe: world’s, (JAEA)’s
            if ch == "’" and i > 0 and plain[i - 1] in "sS" and not (0 <= first_quote < i):
                continue                                   # countries’
            if ch in _PAIRS:
                stack.append(i)
                open_count[ch] = open_count.get(ch, 0) + 1
            elif ch in _CLOSERS:
                if stack and plain[stack[-1]] == _CLOSERS[ch]:
                    open_count[plain[stack.pop()]] -= 1
                elif i in enumerators:
                    continue
                elif stack and open_count.get(_CLOSERS[ch], 0) > 0:
                    while plain[stack[-1]] != _CLOSERS[ch]:      # the ones inside were never closed
                        opener = stack.pop()
                        open_count[plain[opener]] -= 1
                        yield ctx.finding("bracket-unbalanced", seg, lang, opener, opener + 1,
                                          f"'{plain[opener]}' is never closed (no '{_PAIRS[plain[opener]]}' "
                                          f"before '{ch}')", _PAIRS[plain[opener]])
                    open_count[plain[stack.pop()]] -= 1
                elif stack:
                    opener = stack.pop()
                    open_count[plain[opener]] -= 1
                    yield ctx.finding("bracket-unbalanced", seg, lang, opener, opener + 1,
                                      f"'{plain[opener]}' is closed by '{ch}'; expected '{_PAIRS[plain[opener]]}'",
                                      _PAIRS[plain[opener]])
                elif _CLOSERS[ch] in _QUOTES and _opened_before(ctx, seg, lang, _CLOSERS[ch]):
                    continue                               # the end of a quotation opened paragraphs before
                else:
                    yield ctx.finding("bracket-unbalanced", seg, lang, i, i + 1,
                                      f"'{ch}' closes nothing (no '{_CLOSERS[ch]}' before it)")
        for opener in stack:
            if plain[opener] in _QUOTES and _closed_later(ctx, seg, lang, plain[opener]):
                continue            # a quotation over several paragraphs: closed where it ends (“… / “… ”)
            if plain[opener] in _QUOTES and not plain[:opener].strip() and _goes_on(ctx, seg, lang, plain[opener]):
                continue            # a paragraph going on with a quotation left open: reported where it opens
            yield ctx.finding("bracket-unbalanced", seg, lang, opener, opener + 1,
                              f"'{plain[opener]}' is never closed (no '{_PAIRS[plain[opener]]}' after it)")


_QUOTES = "“「『"


def _goes_on(ctx: Context, seg: Segment, lang: str, opener: str) -> bool:
    """Whether the paragraph before ``seg`` opens a quotation with ``opener`` at its start and leaves it
    open: ``seg``, starting with the same mark, goes on with it (“… / “…), as English sets a long quotation."""
    at = ctx.position(seg)
    before = ctx.segments[at - 1].text(lang) if at else None
    if before is None:
        return False
    text = before.plain
    return text.lstrip().startswith(opener) and text.count(opener) > text.count(_PAIRS[opener])


def _opened_before(ctx: Context, seg: Segment, lang: str, opener: str) -> bool:
    """Whether an earlier paragraph opens the quotation that ``seg`` closes (「… / …」)."""
    closer = _PAIRS[opener]
    for other in reversed(ctx.segments[:ctx.position(seg)]):
        text = other.text(lang)
        if text is None:
            continue
        opened, closed = text.plain.count(opener), text.plain.count(closer)
        if opened != closed:
            return opened > closed
    return False


def _closed_later(ctx: Context, seg: Segment, lang: str, opener: str) -> bool:
    """Whether a later paragraph of the document closes a quotation ``seg`` opens: a speech quoted over
    several paragraphs opens each of them and closes only the last (the Kantei's “Thank you for inviting
    me …” in MOFA's release)."""
    closer = _PAIRS[opener]
    reopened = True                 # so far every paragraph opened the quotation again (“… / “… / “… ”)
    for other in ctx.segments[ctx.position(seg) + 1:]:
        text = other.text(lang)
        if text is None:
            continue
        opened, closed = text.plain.count(opener), text.plain.count(closer)
        if closed > opened:
            return True             # 「… / …」: the quotation ends here
        if text.plain.lstrip().startswith(opener):
            if closed == opened:    # “… / “… ”: each paragraph opens again, the last one closes it at its end
                return reopened and text.plain.rstrip().rstrip("。.").endswith(closer)
            continue
        reopened = False
        if opened > closed:
            return False            # another quotation left open
    return False


# ---------------------------------------------------------------- repeated-word

_EN_REPEAT = lazy(r"\b([A-Za-z]+)\s+(\1)\b", re.IGNORECASE)
_EN_REPEAT_OK = {"that", "had", "is"}          # "that that", "had had" can be right
_EN_REPEAT_PAIR = lazy(r"\b([A-Za-z]+\s+[A-Za-z]+)\s+(\1)\b", re.IGNORECASE)   # "is a is a"
_JA_PARTICLES = "をがにはへでのと"
_JA_REPEAT = lazy(rf"([{_JA_PARTICLES}])\1")


def _kanji_or_katakana(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\u30a1" <= ch <= "\u30fa"
            or ch in "ー々〆ヶ")


@rule("repeated-word", "warning", "a word repeated in English, a particle doubled in Japanese", monolingual=True)
def repeated_word(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """`the the` and `is a is a` in English; a particle written twice (`をを`, `にに`) after a word in Japanese."""
    if seg.en is not None:
        for m in _EN_REPEAT.finditer(seg.en.plain):
            if m.group(1).lower() in _EN_REPEAT_OK:
                continue
            yield ctx.finding("repeated-word", seg, "en", m.start(2), m.end(2),
                              f"'{m.group(2)}' is repeated", "")
        for m in _EN_REPEAT_PAIR.finditer(seg.en.plain):
            yield ctx.finding("repeated-word", seg, "en", m.start(2), m.end(2),
                              f"'{m.group(2)}' is repeated", "")
    if seg.ja is not None:
        plain = seg.ja.plain
        for m in _JA_REPEAT.finditer(plain):
            s = m.start()
            before = plain[s - 1] if s > 0 else ""
            # after a kanji or katakana word only: とともに, ものの and ここ are words, 々 is no particle
            if not before or not _kanji_or_katakana(before) or (before == "々" and m.group(1) == "の"):
                continue
            if m.group(1) == "と" and plain.startswith("ともに", s + 1):
                continue
            if m.group(1) == "で" and plain.startswith("でき", s + 1):
                continue        # 上でできる: the second で opens できる
            yield ctx.finding("repeated-word", seg, "ja", s + 1, s + 2,
                              f"particle '{m.group(1)}' is doubled", "")


# ---------------------------------------------------------------- end-punctuation

_TRAILING_CLOSERS = "\"'”’)）」』】〕]"


def ending(text: str, lang: str) -> str:
    """How a segment ends: stop, question, exclamation, colon or none."""
    t = text.rstrip()
    if lang == "en" and re.search(r"[;,]\s*(?:and|or)$", t):
        return "stop"                                       # a list item: "…; and"
    t = t.rstrip(_TRAILING_CLOSERS + " ")
    if not t:
        return "none"
    last = t[-1]
    if last in "?？":
        return "question"
    if last in "!！":
        return "exclamation"
    if last in ".。．;；:：":
        return "stop"
    if last == "…":
        return "ellipsis"
    return "none"


def _list_item(text: str) -> bool:
    t = text.rstrip()
    return t.endswith((";", "；")) or re.search(r"[;,]\s*(?:and|or)$", t) is not None


@rule("end-punctuation", "warning", "the EN and JA segments end differently (sentence, question, none)")
def end_punctuation(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """A question stays a question; a sentence ends as a sentence; a heading stays bare."""
    if seg.en is None or seg.ja is None or not seg.en.plain.strip() or not seg.ja.plain.strip():
        return
    en, ja = ending(seg.en.plain, "en"), ending(seg.ja.plain, "ja")
    if en == ja or "ellipsis" in (en, ja):
        return
    if en == "stop" and ja == "none" and _ends_with_url(seg.ja.plain):
        return                      # no 「。」 straight after a bare URL (a footnote that is only a link)
    if ja == "none" and en == "stop" and _list_item(seg.en.plain):
        return          # 体言止め: a Japanese list item ending in a noun, the English one in ';' or '; and'
    if ja == "none" and seg.en.plain.rstrip().endswith(":"):
        return          # a heading before a list ('Aid pledged:'): Japanese writes it bare (支援金)

    names = {"stop": "a full stop", "question": "a question mark", "exclamation": "an exclamation mark",
             "none": "no punctuation"}
    want = {"stop": "。", "question": "？", "exclamation": "！"}.get(en)
    end = len(seg.ja.plain.rstrip())
    yield ctx.finding("end-punctuation", seg, "ja", max(0, end - 1), end,
                      f"the English ends with {names[en]}, the Japanese with {names[ja]}", want)


def _ends_with_url(text: str) -> bool:
    t = text.rstrip().rstrip(">")
    urls = find_urls(t)
    return bool(urls) and urls[-1][1] >= len(t)


# ---------------------------------------------------------------- same-as-source

_WORDS = lazy(r"[A-Za-z]*[a-z][A-Za-z]*")   # a word with a lower-case letter: not a code


def _english_left(en: str, ja: str) -> bool:
    """The Japanese field holds the English, with a note added or a word changed (a placeholder:
    'In 2006, … Reactor (JA pending)'): no Japanese in it, and most of its words are the English's."""
    if any(is_japanese(c) for c in ja):
        return False
    ja_words = [w.lower() for w in re.findall(r"[A-Za-z]+", ja)]
    en_words = {w.lower() for w in re.findall(r"[A-Za-z]+", en)}
    return len(ja_words) >= 4 and sum(w in en_words for w in ja_words) >= 0.7 * len(ja_words)


@rule("same-as-source", "warning", "the Japanese equals the English")
def same_as_source(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """The JA text is the EN text: untranslated, unless it is a code, a name, a number or a URL."""
    if seg.en is None or seg.ja is None:
        return
    en, ja = seg.en.plain.strip(), seg.ja.plain.strip()
    if not en or (en != ja and not _english_left(en, ja)):
        return
    rest = en
    for s, e, _ in reversed(find_urls(en)):
        rest = rest[:s] + rest[e:]
    if len([w for w in _WORDS.findall(rest) if len(w) > 1]) < 2 and len(re.findall(r"[A-Za-z]{2,}", rest)) < 4:
        return          # a code, a name, an acronym, a URL (but a title in capitals of four words or more is text)
    yield ctx.finding("same-as-source", seg, "ja", 0, len(seg.ja.plain),
                      "the Japanese is the same as the English" if en == ja else
                      "the Japanese field holds the English (a placeholder?)")
