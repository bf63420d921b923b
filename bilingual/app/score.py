"""Score translations of one document against a reference with sacrebleu (chrF, chrF++, BLEU, TER).

Inputs, each read as segments keyed by id:

- content YAML: each segment's Japanese (its plain text, markup removed);
- XLIFF 1.2 / 2.x: each unit's target, as the YAML reads the same segment (see ``_xliff``);
- TMX: each TU's Japanese (keyed by ``tuid``, else by position);
- plain text: one segment per line (keyed by line number).

Two inputs are aligned by id, or by position when either is plain text; a
different set of ids, or a different number of lines, is a located error,
never a silent zip. chrF needs no tokenizer and is the default; BLEU on
Japanese uses sacrebleu's ``ja-mecab`` tokenizer (the ``ja`` extra); TER's
Asian support only takes effect with normalisation (mjpost/sacrebleu#229).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from ..formats.xliff import _local
from ..io.errors import InputError

if TYPE_CHECKING:
    from lxml import etree
    from sacrebleu.metrics.base import Metric

    from ..glossary.model import Glossary

METRICS = ("chrf", "chrf++", "bleu", "ter")


@dataclass
class Segments:
    path: str
    keys: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)      # where each segment is written
    by_line: bool = False                               # plain text: keyed by position


def _xliff(path: str, data: bytes) -> Segments:
    """Each unit's target as the content YAML's reader gives the same segment's Japanese (``Text.plain``):
    the text of links and emphasis kept, a bare URL as its URL, footnote references left out; 2.x
    segments joined with the text of their ``ignorable`` parts; and no text for a unit ``xliff import``
    would skip as untranslated (a copy of the source in state new, needs-translation or initial: the
    1.2 export writes that copy where the YAML has no Japanese)."""
    from ..formats.xliff import SKIP_2, SKIP_12
    from ..formats.xliff_merge import UNTRANSLATED_2, UNTRANSLATED_12
    from ..formats.xmlpos import element_text
    from ..io.xmlsafe import parse

    root = parse(data, path)
    if _local(root) != "xliff":
        raise InputError(path, root.sourceline or 1, 1, f"not XLIFF: the root element is <{_local(root)}>")
    v2 = root.get("version", "").startswith("2")
    skip = SKIP_2 if v2 else SKIP_12

    def text_of(el: etree._Element | None) -> str:
        return element_text(_urls_as_text(el), skip) if el is not None else ""

    out = Segments(path)
    for unit in root.iter():
        if _local(unit) not in ("unit", "trans-unit") or unit.get("translate") == "no":
            continue
        parts = [p for p in unit if _local(p) in ("segment", "ignorable")] if v2 else [unit]
        target, source, line = [], [], unit.sourceline or 1
        untranslated = True
        for p in parts:
            src = next((c for c in p if _local(c) == "source"), None)
            trg = next((c for c in p if _local(c) == "target"), None)
            source.append(text_of(src))
            if trg is not None:
                target.append(text_of(trg))
            elif _local(p) == "ignorable":
                target.append(source[-1])          # as xliff import joins them
            if (v2 and _local(p) == "segment" and p.get("state", "initial") not in UNTRANSLATED_2) or (
                    not v2 and trg is not None and trg.get("state") not in UNTRANSLATED_12 | {None}):
                untranslated = False
        text = " ".join("".join(target).split())
        if untranslated and text == " ".join("".join(source).split()):
            text = ""
        out.keys.append(unit.get("id") or f"line-{line}")
        out.texts.append(text)
        out.lines.append(line)
    return out


def _urls_as_text(el: etree._Element) -> etree._Element:
    """``el``, or a copy of it where each placeholder standing for a bare URL (``formats.xliff.bare_url``)
    is that URL as text: what the content YAML's plain text holds for ``<https://…>``, so a Japanese
    that is only a URL scores as that URL, not as nothing."""
    from ..formats.xliff import bare_url

    if not any(bare_url(c) for c in el.iterdescendants()):
        return el
    import copy

    el = copy.deepcopy(el)
    for child in [c for c in el.iterdescendants() if bare_url(c)]:
        parent, prev = child.getparent(), child.getprevious()
        text = (bare_url(child) or "") + (child.tail or "")   # (a bare URL: chosen above)
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(child)
    return el


def _tmx(path: str, data: bytes, lang: str) -> Segments:
    """Each TU's ``lang`` text (plain: inline codes left out), read by the one TMX reader
    (:func:`bilingual.formats.tmx.read_tmx_located`), so a file ``tm import`` and ``check`` refuse is
    refused here with the same line."""
    from ..formats.tmx import read_tmx_located

    out = Segments(path)
    for n, tu in enumerate(read_tmx_located(path, data), start=1):
        text = tu.unit.en if lang == "en" else tu.unit.ja
        out.keys.append(tu.tuid or str(n))
        out.texts.append(" ".join((text or "").split()))
        out.lines.append(tu.line)
    return out


def _content(path: str, glossary: Glossary, lang: str) -> Segments:
    from ..content.loader import load_document

    doc = load_document(path, glossary)
    out = Segments(path)
    for seg in doc.segments():
        if seg.en is None or seg.origin != "content":
            continue
        text = seg.text(lang)
        out.keys.append(seg.id)
        out.texts.append(" ".join(text.plain.split()) if text is not None else "")
        out.lines.append(seg.line or 1)
    return out


def _text(path: str, data: bytes) -> Segments:
    from ..io.yamlpos import decode_text

    out = Segments(path, by_line=True)
    for n, line in enumerate(decode_text(path, data).splitlines(), start=1):
        out.keys.append(str(n))
        out.texts.append(line.strip())
        out.lines.append(n)
    return out


def read_segments(path: Path, glossary: Glossary | None = None, lang: str = "ja") -> Segments:
    """The segments of one input, by its kind (content YAML, XLIFF, TMX or text); ``glossary`` reads content
    YAML (the embedded one when None)."""
    from ..io.fsutil import check_regular, read_input

    check_regular(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        if glossary is None:
            from ..glossary.load import load_glossary

            glossary = load_glossary()
        return _content(str(path), glossary, lang)
    data = read_input(path, 200 * 1024 * 1024)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".xlf", ".xliff", ".sdlxliff", ".mqxliff") or (head.startswith(b"<") and b"<xliff" in data[:4096]):
        return _xliff(str(path), data)
    if suffix == ".tmx" or (head.startswith(b"<") and b"<tmx" in data[:4096]):
        return _tmx(str(path), data, lang)
    return _text(str(path), data)


def aligned(ref: Segments, hyp: Segments) -> list[str]:
    """The hypothesis texts in the reference's order; a located error when the two do not align."""
    if ref.by_line or hyp.by_line:
        if len(ref.texts) != len(hyp.texts):
            n = min(len(ref.texts), len(hyp.texts))
            line = hyp.lines[n] if n < len(hyp.lines) else (hyp.lines[-1] + 1 if hyp.lines else 1)
            raise InputError(hyp.path, line, 1, f"{len(hyp.texts)} segment(s) here, {len(ref.texts)} in the "
                                                f"reference {ref.path}: the inputs do not align")
        return list(hyp.texts)
    index = {k: i for i, k in enumerate(hyp.keys)}
    for k, i in index.items():
        if k not in set(ref.keys):
            raise InputError(hyp.path, hyp.lines[i], 1, f"segment {k!r} is not in the reference {ref.path}")
    out = []
    for k, line in zip(ref.keys, ref.lines, strict=True):
        if k not in index:
            raise InputError(hyp.path, 1, 1, f"segment {k!r} of the reference ({ref.path}:{line}) is missing here")
        out.append(hyp.texts[index[k]])
    return out


def metric(name: str, lang: str = "ja", ter_normalize: bool = False, sentence: bool = False) -> Metric:
    """A sacrebleu metric object; BLEU on Japanese with ja-mecab, on other languages with 13a."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "chrf":
        return CHRF()
    if name == "chrf++":
        return CHRF(word_order=2)
    if name == "bleu":
        if lang == "ja":
            try:
                import ipadic  # noqa: F401
                import MeCab  # noqa: F401
            except ImportError:
                raise InputError("bilingual", 0, 0, "BLEU on Japanese needs the ja-mecab tokenizer: "
                                                    "pip install 'bilingual[ja]' (mecab-python3, ipadic)") from None
        return BLEU(tokenize="ja-mecab" if lang == "ja" else "13a", trg_lang=lang, effective_order=sentence)
    return TER(asian_support=lang == "ja", normalized=ter_normalize)


@dataclass
class Score:
    path: str
    score: float
    signature: str
    segments: list[float] = field(default_factory=list)


def score(refs: list[str], hyps: dict[str, list[str]], name: str, lang: str = "ja",
          ter_normalize: bool = False, per_segment: bool = True) -> list[Score]:
    out = []
    for path, texts in hyps.items():
        m = metric(name, lang, ter_normalize)
        corpus = m.corpus_score(texts, [refs])
        one = metric(name, lang, ter_normalize, sentence=True)     # sentence BLEU with effective order
        seg_scores = ([round(one.sentence_score(h, [r]).score, 4) for h, r in zip(texts, refs, strict=False)]
                      if per_segment else [])
        out.append(Score(path, corpus.score, str(m.get_signature()), seg_scores))
    return out


class Comparison(TypedDict):
    """What :func:`compare` finds (``score --compare --format json`` prints it as is)."""

    baseline: str
    systems: dict[str, dict[str, float | None]]   # path -> score, bootstrap_mean, bootstrap_ci, bootstrap_p, ar_p
    signature_bs: str
    signature_ar: str


def compare(refs: list[str], hyps: dict[str, list[str]], name: str, lang: str = "ja",
            ter_normalize: bool = False) -> Comparison:
    """Paired bootstrap resampling and approximate randomisation of each system against the first."""
    from sacrebleu.significance import PairedTest, Result

    systems: list[tuple[str, Sequence[str]]] = list(hyps.items())
    out = Comparison(baseline=systems[0][0], systems={}, signature_bs="", signature_ar="")
    for test in ("bs", "ar"):
        m = metric(name, lang, ter_normalize)
        sigs, results = PairedTest(systems, {name: m}, [refs], test_type=test)()
        key = next(k for k in results if k != "System")          # sacrebleu names it (chrF2, BLEU, TER)
        for sys_name, r in zip(results["System"], results[key], strict=True):
            # (sacrebleu types every column str | Result: the name column holds names, the metric's Results)
            assert isinstance(sys_name, str) and isinstance(r, Result)
            row = out["systems"].setdefault(sys_name, {})
            row["score"] = _num(r.score)
            if test == "bs":
                row["bootstrap_mean"], row["bootstrap_ci"] = _num(r.mean), _num(r.ci)
                row["bootstrap_p"] = _num(r.p_value)
            else:
                row["ar_p"] = _num(r.p_value)
        out["signature_bs" if test == "bs" else "signature_ar"] = str(sigs[key])
    return out


def _num(x: float | None) -> float | None:
    """numpy scalars as plain floats (for JSON)."""
    return None if x is None else float(x)
