"""The ``ccfe-minutes`` kind: the record of a meeting of the Coordinating Committee on Fusion Energy.

Every text of the minutes — agenda titles, discussion, decisions, action items,
people's names, titles and affiliations, the next meeting — is a Segment in
``doc.extra["segments"]`` (reading order), so it is checked like a statement's
paragraphs. Only the short names the layouts take from the glossary for the
co-chairs line and the owners column (DOE, 文部科学省) are not segments: they
are the glossary's words, and one would pair an acronym with a full name. The structure the
layouts need is a :class:`Minutes` in ``doc.extra["minutes"]``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from ..text.labels import label
from ..text.locale import GREGORIAN_ADOPTION, EraError, era_of, name_layout, ordinal, parse_time, person_name
from .inline import plain_text
from .loader import Reader, unknown_concept
from .model import Block, Document, ListBlock, Paragraph, Run, Segment, Text

if TYPE_CHECKING:
    from yaml import Node

    from ..glossary.model import Concept
    from ..io.yamlpos import Entry

_S = TypeVar("_S", Segment, "Segment | None")

COMMITTEE = "ccfe"                    # the glossary concept that names the committee
SIDES = ("us", "japan")               # delegations, in the order the attendance table lists them
NAME_ORDERS = ("family-first", "given-first")
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"


@dataclass
class Person:
    id: str
    name: Segment                     # as written in each language (山田太郎 / YAMADA Taro)
    title: Segment | None
    affiliation: Segment | None
    short_affiliation: Segment | None  # DOE / 文部科学省: for the co-chairs line
    side: str


@dataclass
class ActionItem:
    text: Segment
    owners: list[Segment]             # people's names or organisations' short names
    due: dt.date


@dataclass
class AgendaItem:
    title: Segment
    discussion: list[Block] = field(default_factory=list)
    decisions: list[Segment] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)


@dataclass
class NextMeeting:
    number: int
    date: dt.date | None = None
    place: Segment | None = None
    note: Segment | None = None


# options: record — the Japanese heading says what the record is: MEXT calls a verbatim record 議事録,
# a summary 議事要旨 and an outline 議事概要 (docs/formats.md)
RECORD_TYPES = ("summary", "outline", "verbatim")


@dataclass
class Minutes:
    number: int
    start: dt.time | None = None
    end: dt.time | None = None
    co_chairs: list[Person] = field(default_factory=list)
    delegations: dict[str, list[Person]] = field(default_factory=dict)   # side -> members
    agenda: list[AgendaItem] = field(default_factory=list)
    next_meeting: NextMeeting | None = None
    ja_era: bool = False                    # Japanese dates in the era form
    family_name_first_in_english: bool = True   # YAMADA Taro (else Taro Yamada)
    record: str = "summary"                 # what kind of record: the Japanese heading's last word


def minutes_of(doc: Document) -> Minutes:
    """The minutes' structure of a ``ccfe-minutes`` document."""
    minutes: Minutes = doc.extra["minutes"]
    return minutes


# ---------------------------------------------------------------- loader

class _MinutesReader:
    """Reads the kind's keys; collects segments in reading order."""

    def __init__(self, r: Reader, doc: Document) -> None:
        self.r, self.src, self.doc = r, r.src, doc
        self.segments: list[Segment] = []
        self.people: dict[str, Person] = {}
        self.owner_names: dict[str, Segment] = {}
        self.minutes = Minutes(number=0)

    def add(self, seg: _S) -> _S:
        if seg is not None:
            self.segments.append(seg)
        return seg

    # ------------------------------------------------------------ values

    def date(self, entry: Entry) -> dt.date:
        """A date; with the era option, one the Japanese era form can express."""
        value = self.r.date(entry)
        if self.minutes.ja_era:
            try:
                era_of(value)
            except EraError:
                raise self.r.error(entry[1], f"date {value.isoformat()} is before {GREGORIAN_ADOPTION.isoformat()} "
                                   "(Meiji 6, when Japan adopted the Gregorian calendar): it has no Japanese era "
                                   "date; turn off options: ja_era or correct the date") from None
        return value

    def time(self, entry: Entry) -> dt.time:
        value = self.src.string(entry) or ""
        try:
            return parse_time(value)
        except ValueError:
            raise self.r.error(entry[1], f"time {value!r}: write it as HH:MM on the 24-hour clock, "
                               "in quotes (\"09:30\")") from None

    def flag(self, entry: Entry | None, default: bool) -> bool:
        return self.r.boolean(entry, default)

    def segment(self, node: Node, role: str, default_id: str, extra: Set[str] = frozenset()) -> Segment:
        """A ``{en, ja}`` mapping whose ``id`` may be left out (``default_id`` then)."""
        has_id = node.tag == _MAP and any(str(k.value) == "id" for k, _ in node.value)
        if has_id:
            return self.r.segment(node, role, extra=set(extra))
        return self.r.segment(node, role, sid=default_id, extra=set(extra))

    # ------------------------------------------------------------ names from the glossary

    def concept(self, node: Node, role: str, sid: str, *, short: bool = False) -> Segment:
        """A concept's name (``doe``) or a retyped one (``{concept: doe, en: …, ja: …}``): the preferred
        full form, or with ``short`` the acronym where there is one (DOE, not 文部科学省's 文科省)."""
        overrides: dict[str, Text] = {}
        if node.tag == _MAP:
            m = self.src.mapping(node, {"concept", "en", "ja"}, required=("concept",), what=f"a {role}")
            cid = self.src.string(m["concept"]) or ""
            where = m["concept"][1]
            overrides = {lang: self.r.text(m[lang][1]) for lang in ("en", "ja") if lang in m}
        else:
            cid = self.src.string((node, node)) or ""
            where = node
        concept = self.r.glossary.concepts.get(cid)
        if concept is None:
            raise self.r.error(where, unknown_concept(cid, self.r.glossary))
        seg = Segment(id=sid, en=None, ja=None, line=node.start_mark.line + 1, role=role, origin="glossary")
        for lang in ("en", "ja"):
            text = _short_name(concept, lang) if short else _full_name(concept, lang)
            setattr(seg, lang, plain_text(text) if text else None)
        for lang, override in overrides.items():
            setattr(seg, lang, override)
            seg.origin = "content"
        for no in range(node.start_mark.line + 1, node.end_mark.line + 2):
            seg.ignore |= self.r.suppressed.get(no, frozenset())
        return seg

    # ------------------------------------------------------------ people

    def person(self, node: Node, side: str, family_first_default: bool) -> Person:
        m = self.src.mapping(node, {"id", "family", "given", "name_order", "title", "affiliation"},
                             required=("id", "family", "affiliation"), what="a person")
        pid = self.src.string(m["id"]) or ""
        if not pid or pid in self.people or not pid.replace("-", "").replace("_", "").isalnum():
            what = "is used twice" if pid in self.people else "use letters, digits, '-' or '_'"
            raise self.r.error(m["id"][1], f"person id {pid!r}: {what}")
        if self.r.glossary.concepts.get(pid) is not None:
            raise self.r.error(m["id"][1], f"person id {pid!r} is also a glossary concept id; choose another "
                               "(action-item owners are people's ids or concept ids)")
        order = self.src.string(m.get("name_order")) or ("family-first" if family_first_default else "given-first")
        if order not in NAME_ORDERS:
            raise self.r.error(m["name_order"][1], f"name_order {order!r}: expected family-first (a Japanese "
                               "name) or given-first")
        family = self._name_part(m["family"], "family name")
        given = self._name_part(m["given"], "given name") if "given" in m else {}
        name = Segment(id=f"{pid}-name", en=None, ja=None, line=node.start_mark.line + 1, role="name")
        for lang in ("en", "ja"):
            if lang in family:
                setattr(name, lang, _compose_name(family[lang], given.get(lang), lang, order == "family-first",
                                                  self.minutes.family_name_first_in_english))
        if self.r.seen_ids.get(name.id):
            raise self.r.error(m["id"][1], f"segment id {name.id!r} is used twice")
        self.r.seen_ids[name.id] = name.line
        person = Person(
            id=pid, name=name, side=side,
            title=self.concept(m["title"][1], "person-title", f"{pid}-title") if "title" in m else None,
            affiliation=self.concept(m["affiliation"][1], "affiliation", f"{pid}-affiliation"),
            short_affiliation=self.concept(m["affiliation"][1], "affiliation", f"{pid}-affiliation-short",
                                           short=True),
        )
        self.people[pid] = person
        for seg in (person.name, person.title, person.affiliation):
            self.add(seg)
        return person

    def _name_part(self, entry: Entry, what: str) -> dict[str, Text]:
        m = self.src.mapping(entry[1], {"en", "ja"}, required=("en",), what=f"a {what}")
        out: dict[str, Text] = {}
        for lang in ("en", "ja"):
            if lang in m and m[lang][1].tag != _NULL:
                text = self.r.text(m[lang][1])
                if text.plain.strip():
                    out[lang] = text
        if "en" not in out:
            raise self.r.error(m["en"][1], f"the {what} is empty")
        return out

    def delegations(self, entry: Entry) -> None:
        for node in self.src.sequence(entry, "delegations ({side: us|japan, members: [...]})"):
            m = self.src.mapping(node, {"side", "members"}, required=("side", "members"), what="a delegation")
            side = self.src.string(m["side"]) or ""
            if side not in SIDES:
                raise self.r.error(m["side"][1], f"side {side!r}: expected one of {', '.join(SIDES)}")
            if side in self.minutes.delegations:
                raise self.r.error(m["side"][1], f"the {side} delegation is listed twice")
            members = [self.person(p, side, side == "japan") for p in self.src.sequence(m["members"], "people")]
            if not members:
                raise self.r.error(m["members"][1], "a delegation needs at least one member")
            self.minutes.delegations[side] = members
        if not self.minutes.delegations:
            raise self.r.error(entry[1], "list at least one delegation")
        self.minutes.delegations = {s: self.minutes.delegations[s] for s in SIDES if s in self.minutes.delegations}

    def person_ref(self, node: Node) -> Person:
        pid = self.src.string((node, node)) or ""
        if pid not in self.people:
            from ..text.suggest import did_you_mean

            raise self.r.error(node, f"no person with id {pid!r} in the delegations{did_you_mean(pid, self.people)}")
        return self.people[pid]

    def owner(self, node: Node) -> Segment:
        ref = self.src.string((node, node)) or ""
        if ref in self.people:
            return self.people[ref].name
        if ref not in self.owner_names:
            if ref not in self.r.glossary.concepts:
                from ..text.suggest import did_you_mean

                known = [*self.people, *self.r.glossary.concepts]
                raise self.r.error(node, f"owner {ref!r}: neither a person's id in the delegations "
                                   f"nor a glossary concept id{did_you_mean(ref, known)}")
            # a glossary name, not the author's text: like the co-chairs' short affiliations it is
            # not a segment (DOE / 文部科学省 would read as one JA with two ENs)
            self.owner_names[ref] = self.concept(node, "owner", f"owner-{ref}", short=True)
        return self.owner_names[ref]

    # ------------------------------------------------------------ agenda

    def blocks(self, entry: Entry, prefix: str, role: str) -> list[Block]:
        """Paragraphs and lists, as in a statement's body; ids may be left out."""
        out: list[Block] = []
        for k, node in enumerate(self.src.sequence(entry, "paragraphs and lists"), start=1):
            if node.tag == _MAP and any(str(key.value) == "list" for key, _ in node.value):
                m = self.src.mapping(node, {"list", "style"}, what="a list")
                style = self.src.string(m.get("style")) or "bullet"
                if style not in ("bullet", "number"):
                    raise self.r.error(m["style"][1], f"list style {style!r}: expected bullet or number")
                items = [self.add(self.segment(item, "list item", f"{prefix}-{k}-{j}"))
                         for j, item in enumerate(self.src.sequence(m["list"], "list items"), start=1)]
                out.append(ListBlock(items, ordered=style == "number"))
            else:
                out.append(Paragraph(self.add(self.segment(node, role, f"{prefix}-{k}"))))
        return out

    def agenda(self, entry: Entry) -> None:
        for n, node in enumerate(self.src.sequence(entry, "agenda items"), start=1):
            m = self.src.mapping(node, {"id", "title", "discussion", "decisions", "actions"},
                                 required=("title",), what="an agenda item")
            aid = self.src.string(m.get("id")) or f"item-{n}"
            item = AgendaItem(title=self.add(self.r.segment(m["title"][1], "agenda-title", sid=f"{aid}-title")))
            if "discussion" in m:
                item.discussion = self.blocks(m["discussion"], f"{aid}-discussion", "discussion")
            if "decisions" in m:
                item.decisions = [self.add(self.segment(d, "decision", f"{aid}-decision-{k}"))
                                  for k, d in enumerate(self.src.sequence(m["decisions"], "decisions"), start=1)]
            if "actions" in m:
                for k, a in enumerate(self.src.sequence(m["actions"], "action items"), start=1):
                    item.actions.append(self.action(a, f"{aid}-action-{k}"))
            self.minutes.agenda.append(item)
        if not self.minutes.agenda:
            raise self.r.error(entry[1], "list at least one agenda item")

    def action(self, node: Node, default_id: str) -> ActionItem:
        m = self.src.mapping(node, {"id", "en", "ja", "owner", "due"}, required=("en", "owner", "due"),
                             what="an action item")
        owner_node = m["owner"][1]
        refs = self.src.sequence(m["owner"], "owners") if owner_node.tag.endswith("seq") else [owner_node]
        if not refs:
            raise self.r.error(owner_node, "an action item needs an owner")
        owners = [self.owner(ref) for ref in refs]
        due = self.date(m["due"])
        text = self.add(self.segment(node, "action", default_id, extra={"owner", "due"}))
        return ActionItem(text=text, owners=owners, due=due)

    def next_meeting(self, entry: Entry) -> None:
        m = self.src.mapping(entry[1], {"date", "place", "note"}, what="next_meeting")
        nm = NextMeeting(number=self.minutes.number + 1)
        if "date" in m:
            nm.date = self.date(m["date"])
        if "place" in m:
            nm.place = self.add(self.r.segment(m["place"][1], "place", sid="next-meeting-place"))
        if "note" in m:
            nm.note = self.add(self.r.segment(m["note"][1], "next-meeting", sid="next-meeting-note"))
        self.minutes.next_meeting = nm

    # ------------------------------------------------------------ the document

    def options(self, entry: Entry | None) -> None:
        if entry is None:
            return
        m = self.src.mapping(entry[1], {"ja_era", "japanese_names_in_english", "record"}, what="options")
        self.minutes.ja_era = self.flag(m.get("ja_era"), False)
        record = self.src.string(m.get("record")) or "summary"
        if record not in RECORD_TYPES:
            raise self.r.error(m["record"][1], f"record {record!r}: expected summary (議事要旨), outline (議事概要) "
                                               "or verbatim (議事録)")
        self.minutes.record = record
        order = self.src.string(m.get("japanese_names_in_english")) or "family-first"
        if order not in NAME_ORDERS:
            raise self.r.error(m["japanese_names_in_english"][1],
                               f"japanese_names_in_english {order!r}: expected family-first (YAMADA Taro) "
                               "or given-first (Taro Yamada)")
        self.minutes.family_name_first_in_english = order == "family-first"

    def meeting_number(self, entry: Entry) -> int:
        node = entry[1]
        value = str(node.value) if node.tag == "tag:yaml.org,2002:int" else ""
        if not value.isdigit() or int(value) < 1:
            raise self.r.error(node, "'meeting' is the meeting's number, a whole number from 1 (45 for the 45th)")
        return int(value)

    def title(self, top: dict) -> Segment:
        """The heading, unless the author wrote one: "Minutes of the 45th Meeting of the …"."""
        concept = self.r.glossary.concepts.get(COMMITTEE)
        if concept is None:
            raise self.r.error(top["kind"][1], f"the glossary has no concept {COMMITTEE!r} to name the committee")
        seg = Segment("title", None, None, line=top["meeting"][1].start_mark.line + 1, role="title",
                      origin="glossary")
        for lang in ("en", "ja"):
            committee = _full_name(concept, lang)
            if lang == "en" or self.minutes.record == "verbatim":
                # TRANSLATORS: the heading of minutes; {ordinal} is "45th" (第45回), {committee} the committee's
                # name. In Japanese this is a verbatim record (MEXT: 議事録)
                pattern = label("Minutes of the {ordinal} Meeting of the {committee}", lang)
            elif self.minutes.record == "summary":
                # TRANSLATORS: the heading of summary minutes (MEXT: 議事要旨); English has no other word
                pattern = label("Minutes of the {ordinal} Meeting of the {committee} (summary record)", lang)
            else:
                # TRANSLATORS: the heading of minutes that outline the proceedings (議事概要)
                pattern = label("Minutes of the {ordinal} Meeting of the {committee} (outline record)", lang)
            if committee:
                setattr(seg, lang, plain_text(pattern.format(ordinal=ordinal(self.minutes.number, lang),
                                                             committee=committee)))
        return seg


def load_minutes(r: Reader, top: dict, doc: Document) -> None:
    """Fill ``doc`` from the kind's keys (registered in :mod:`bilingual.content.loader`)."""
    mr = _MinutesReader(r, doc)
    mr.options(top.get("options"))
    minutes = mr.minutes
    minutes.number = mr.meeting_number(top["meeting"])
    if minutes.ja_era:
        mr.date(top["date"])                       # the meeting date, checked against the era table
    if "title" not in top:
        doc.title = mr.title(top)
    if "time" in top:
        t = r.src.mapping(top["time"][1], {"start", "end"}, required=("start",), what="time")
        minutes.start = mr.time(t["start"])
        minutes.end = mr.time(t["end"]) if "end" in t else None
        if minutes.end is not None and minutes.end <= minutes.start:
            raise r.error(t["end"][1], "the meeting ends before it starts")
    mr.delegations(top["delegations"])
    chair_nodes = r.src.sequence(top["co_chairs"], "people's ids")
    minutes.co_chairs = [mr.person_ref(n) for n in chair_nodes]
    for k, chair in enumerate(minutes.co_chairs):
        if any(other is chair for other in minutes.co_chairs[:k]):
            raise r.error(chair_nodes[k], "this person is already named as a co-chair")
    if not minutes.co_chairs:
        raise r.error(top["co_chairs"][1], "name the co-chairs (people's ids from the delegations)")
    mr.agenda(top["agenda"])
    if "next_meeting" in top:
        mr.next_meeting(top["next_meeting"])
    doc.extra["minutes"] = minutes
    doc.extra["segments"] = mr.segments


def _full_name(concept: Concept, lang: str) -> str | None:
    term = concept.preferred(lang)
    return term.text if term else None


def _short_name(concept: Concept, lang: str) -> str | None:
    """The English acronym where the language has it as an approved term (DOE in both), else the full form."""
    acronyms = [t.text for t in concept.terms_in("en") if t.type == "acronym" and t.status == "preferred"]
    for acronym in acronyms:
        if any(t.text == acronym and t.approved for t in concept.terms_in(lang)):
            return acronym
    return _full_name(concept, lang)


def _compose_name(family: Text, given: Text | None, lang: str, family_first_native: bool,
                  family_first_in_english: bool) -> Text:
    """A person's name in ``lang``'s order, each character still pointing at its place in the file."""
    raw = person_name(family.plain, given.plain if given else None, lang, family_first_native,
                      family_first_in_english)
    parts = {"family": family, "given": given}
    order, sep = name_layout(lang, family_first_native, family_first_in_english)
    pieces = [p for p in (parts[k] for k in order) if p is not None and p.plain]
    positions: list[tuple[int, int]] | None = None
    got: list[tuple[int, int]] = []
    for i, piece in enumerate(pieces):
        if piece.positions is None or len(piece.raw) != len(piece.plain):
            break
        if i:
            got.extend([piece.positions[0]] * len(sep))
        got.extend(piece.positions[:-1])
    else:
        last = pieces[-1].positions
        if last is not None and len(got) == len(raw):
            positions = [*got, last[-1]]
    return Text(raw=raw, plain=raw, runs=[Run(raw)] if raw else [], plain_to_raw=list(range(len(raw))),
                positions=positions)
