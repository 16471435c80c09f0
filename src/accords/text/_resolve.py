"""Who a mention names: people met in the article, their offices, parties, pronouns.

:class:`Resolver` finds the mentions that may name a speaker (names the model found,
surnames of people already met, names it missed beside an office, descriptions such
as "the envoy", party names, pronouns) and resolves each to a person and a party,
keeping the article's registry of people as it goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accords.text._parties import PartyMatcher
from accords.text._quotes import Paragraph, Quote
from accords.text._segments import Entity, word_count
from accords.text._speakers import (
    CUE_RE,
    DATELINE_HEAD,
    GROUP_TITLE,
    MEDIA,
    RELATIVE,
    Mention,
    Person,
    Registry,
    find_descriptions,
    find_pronouns,
    title_after,
    title_before,
)
from accords.text._subject import adjacent_mention, object_phrase, resolve_pronoun, subject_phrase
from accords.text._words import wordset

__all__ = ["Attributed", "Context", "RawStatement", "Resolver"]


# Two or three capitalised words: a name the model may have missed ("Suhail Shaheen").
_NAME_LIKE = re.compile(
    r"\b[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)?(?:\s+[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)?){1,2}\b"
)
_NOT_NAMES = wordset(
    "The A An In On At For But And As If When While After Before Since Our We Their This That "
    "These Those It He She They Some Many Most Both Each Every Last Next Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December Mr Mrs Ms Dr"
)
_ROLE_WORDS = wordset(
    "spokesman spokeswoman spokesperson envoy representative minister president ambassador "
    "office ministry department government embassy council committee party army forces "
    "secretary general commander statement state nations union"
)
_PERSON_ROLES = wordset(
    "spokesman spokeswoman spokesperson envoy representative negotiator official minister "
    "president ambassador diplomat mediator leader commander chief secretary adviser advisor "
    "analyst expert general senator lawmaker governor chairman head"
)
_BODY_ROLES = wordset(
    "statement office ministry department government group movement administration embassy "
    "delegation leaders officials negotiators militants insurgents"
)
_NOT_PERSON_LABELS = frozenset(
    {
        "GPE",
        "LOC",
        "NORP",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "MONEY",
        "PERCENT",
        "QUANTITY",
    }
)


@dataclass(frozen=True, slots=True)
class Attributed:
    """Words of an article and who said them: what a statement is before and after its
    parts and claims are read (:class:`RawStatement`, ``accords.text.Statement``)."""

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker: str | None
    mention: str | None
    party: str | None


@dataclass(frozen=True, slots=True)
class RawStatement(Attributed):
    """A statement before parts and claims: where its content is and who said it."""

    paragraph: int
    person: Person | None = None


@dataclass
class Context:
    """One article being read: its text, people, entities, quotations and statements."""

    text: str
    parties: PartyMatcher
    registry: Registry
    entities: list[Entity]
    quotes: list[Quote]
    statements: list[RawStatement]
    last: RawStatement | None = None


class Resolver:
    """Mentions and what they refer to, for one article."""

    def __init__(self, ctx: Context) -> None:
        self.c = ctx
        self.person: Person | None = None
        self.transcript = False
        self.paras: list[Paragraph] = []
        self.signed: set[int] = set()

    def _mentions(self, lo: int, hi: int) -> list[Mention]:
        """Everything in ``[lo, hi)`` that may name a speaker, in order."""
        text = self.c.text
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return not any(a < e and s < b for a, b in taken)

        def take(m: Mention) -> None:
            found.append(m)
            taken.append((m.start, m.end))

        for s, e, label in self.c.entities:
            if s >= lo and e <= hi and label == "PERSON" and text[s:e] not in MEDIA:
                take(Mention(s, e, text[s:e], "person"))
        for person in self.c.registry.people.values():
            words = person.name.split()
            if not words:
                continue
            last = words[-1]
            for m in re.finditer(rf"\b{re.escape(last)}\b", text[lo:hi]):
                if free(lo + m.start(), lo + m.end()):
                    take(Mention(lo + m.start(), lo + m.end(), m.group(0), "person"))
        party_spans = [(s + lo, e + lo) for s, e, _ in self.c.parties.find_all(text[lo:hi])]
        for m in _NAME_LIKE.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            words = m.group(0).split()
            if words[0] in _NOT_NAMES or any(w.lower() in _ROLE_WORDS for w in words):
                continue
            if m.group(0) in MEDIA:
                continue
            if any(a < e and s < b for a, b in party_spans) or not free(s, e):
                continue
            if any(
                a < e and s < b and label in _NOT_PERSON_LABELS for a, b, label in self.c.entities
            ):
                continue
            take(Mention(s, e, m.group(0), "person"))
        for d in find_descriptions(text, lo, hi):
            if free(d.start, d.end):
                take(d)
        for s, e in party_spans:
            possessive = text[s:e].endswith(("'s", "\u2019s", "'", "\u2019"))
            if not possessive and free(s, e):
                take(Mention(s, e, text[s:e], "party"))
        found.extend(find_pronouns(text, lo, hi))
        found.sort(key=lambda m: m.start)
        return found

    def _pick(self, mentions: list[Mention]) -> Mention | None:
        # "Mr. Trump's campaign chairman, Paul Manafort": a possessive name is no subject
        text = self.c.text
        poss = ("'s", "\u2019s")
        heads = [m for m in mentions if not (m.text.endswith(poss) or text.startswith(poss, m.end))]
        for kind in ("person", "description", "pronoun", "party"):
            for m in (*heads, *mentions):
                if kind == m.kind:
                    return m
        return None

    def _register_people(self, lo: int, hi: int) -> None:
        """People of a paragraph: the model's names, and names the model missed that an
        office stands beside ("Hamdullah Mohib, the national security adviser")."""
        text = self.c.text
        for s, e, label in self.c.entities:
            if label != "PERSON" or s < lo or e > hi or text[s:e] in MEDIA:
                continue
            self._person(Mention(s, e, text[s:e], "person"))
        for m in self._mentions(lo, hi):
            if m.kind == "person" and self.c.registry.by_name(m.text) is None:
                titles = [
                    t for t in (title_before(text, lo, m.start), title_after(text, m.end, hi)) if t
                ]
                if titles:
                    self._person(m)

    def _recent_party(self, before: int, window: int = 600) -> str | None:
        """The party named last before ``before``: what "they" or "its leaders" refer to."""
        lo = max(0, before - window)
        hits = self.c.parties.find_all(self.c.text[lo:before])
        return hits[-1][2] if hits else None

    def _topic_party(self, before: int) -> str | None:
        """The first party named in this paragraph before ``before``, else in the one before:
        what "the group" or "the movement" refers to, the subject of the passage."""
        paras = [p for p in self.paras if p.start < before]
        for p in reversed(paras[-2:]):
            chunk = self.c.text[p.start : min(p.end, before)]
            dateline = DATELINE_HEAD.match(chunk)  # "KABUL: …" names a place, not a subject
            hits = self.c.parties.find_all(chunk[dateline.end() :] if dateline else chunk)
            if hits:
                return hits[0][2]
        return None

    def _titles_for(self, mention: Mention) -> list[str]:
        """The offices written around a name, or one described just before it."""
        text = self.c.text
        para = next((p for p in self.paras if p.start <= mention.start < p.end), None)
        lo, hi = (para.start, para.end) if para else (0, len(text))
        titles = [
            t
            for t in (title_before(text, lo, mention.start), title_after(text, mention.end, hi))
            if t
        ]
        if not titles:
            # "The Taliban's spokesman … called for … . “…,” Suhail Shaheen said."
            for d in reversed(find_descriptions(text, max(0, mention.start - 400), mention.start)):
                if d.role in _PERSON_ROLES and self.c.parties.first(d.text):
                    if self.c.registry.by_role(d.role or "", None, d.start) is None:
                        titles.append(d.text)
                    break
        return titles

    def _person(self, mention: Mention) -> Person:
        """The registered person a name refers to, with any office written around it."""
        known = self.c.registry.by_name(mention.text)
        if known is not None and known.titles:
            known.last_seen = max(known.last_seen, mention.start)
            return known
        titles = self._titles_for(mention)
        person = self.c.registry.add(mention.text, mention.start, titles)
        if person.party is None and any(re.match(r"(?:[Tt]heir|[Ii]ts)\b", t) for t in titles):
            # "Their chief negotiator, Sher Mohammad Abbas Stanekzai": the party named last
            person.party = self._recent_party(mention.start)
        if person.party is None and any(GROUP_TITLE.match(t) for t in titles):
            # "The group's spokesman, Zabiullah Mujahed": the party the passage is about
            person.party = self._topic_party(mention.start)
        return person

    def _resolve(self, mention: Mention, clause: tuple[int, int]) -> tuple[str | None, str | None]:
        """The speaker's name and party for a mention (``self.person`` is set when a person)."""
        self.person = None
        if mention.kind == "person":
            named = self._person(mention)
            self.person = named
            return named.name, named.party
        if mention.kind == "party":
            party = self.c.parties.first(mention.text)
            return (self.c.parties.name(party) if party else mention.text), party
        if mention.kind == "pronoun":
            return resolve_pronoun(self, mention, clause)
        return self._resolve_description(mention, clause)

    def _resolve_description(
        self, mention: Mention, clause: tuple[int, int]
    ) -> tuple[str | None, str | None]:
        """ "the envoy": the named person holding that office; else the office itself."""
        reg = self.c.registry
        desc = mention.text.strip()
        det, _, rest = desc.partition(" ")
        det = det.lower()
        role = mention.role or ""
        local = self.c.text[clause[0] : clause[1]]
        party = (
            self.c.parties.first(desc)
            or self.c.registry.linker.office(desc)
            or self.c.parties.first(local)
        )
        if party is None and GROUP_TITLE.match(desc):
            party = self._topic_party(mention.start)
        if party is None and det in ("their", "its"):
            party = self._recent_party(mention.start)
        person = reg.by_role(role, party, mention.start)
        if person is not None:
            self.person = person
            return person.name, person.party or party
        last = self.c.last
        definite = det == "the" and role in _PERSON_ROLES
        if (
            definite
            and last is not None
            and last.person is not None
            and (party is None or last.party in (None, party))
        ):
            self.person = last.person
            return last.speaker, last.party
        if party is None and role in _BODY_ROLES:
            party = self._recent_party(mention.start)
        if party is not None and role == "statement":
            return self.c.parties.name(party), party
        if party is not None and det in ("their", "its"):
            return f"{self.c.parties.name(party)} {rest}", party
        return desc, party

    def _speaker_in(
        self, lo: int, hi: int, prefer_first_cue: bool, cue_re: re.Pattern[str] = CUE_RE
    ) -> tuple[Mention, re.Match[str]] | None:
        """A cue in ``[lo, hi)`` and the mention that is its speaker."""
        text = self.c.text
        # "Asked whether …, Shaheen said": a participle opening the clause is no cue
        cues = [c for c in cue_re.finditer(text, lo, hi) if c.group(0) != "Asked"]
        if not cues:
            return None
        cue = cues[0] if prefer_first_cue else cues[-1]
        before = self._mentions(lo, cue.start())
        # the subject: the first mention in the clause, before the first cue; after an
        # opening phrase ("Speaking on Fox News, Issa said"), the mentions after its comma
        subject_zone = [m for m in before if m.start < cues[0].start()]
        comma = text.rfind(",", lo, cues[0].start())
        if comma != -1 and not RELATIVE.match(text, comma + 1, cues[0].start()):
            tail = [m for m in subject_zone if m.start > comma]
            head_person = any(m.kind == "person" for m in subject_zone if m.start < comma)
            if tail and (any(m.kind == "person" for m in tail) or not head_person):
                subject_zone = tail
        pick = adjacent_mention(self, lo, cues[0].start())  # "…, which he said …"
        if pick is None and before and before[0].kind == "pronoun" and before[0].start - lo < 3:
            pick = before[0]  # "He criticized Clinton's record and said …"
        if pick is None and subject_zone:
            pick = self._pick(subject_zone)
        if pick is None:
            pick = self._subject_phrase(lo, cues[0].start())
        if pick is None:
            # an inverted cue: "…, said Khalilzad" — the speaker right after it
            after = [
                m
                for m in self._mentions(cue.end(), hi)[:3]
                if word_count(text[cue.end() : m.start]) <= 2
            ]
            pick = self._pick(after)
        if pick is None and prefer_first_cue:
            pick = object_phrase(text, cue.end(), hi)  # "…,” said the mayor."
        if pick is None:
            return None
        return pick, cue

    def _subject_phrase(self, lo: int, cue_start: int) -> Mention | None:
        """ "The actress said …", "Nearly half said …": the noun phrase right before the cue,
        kept as the speaker's words when nothing in it names a person, party or office."""
        return subject_phrase(self.c.text, lo, cue_start)

    # -- statements -------------------------------------------------------------

    def complete_name(self, person: Person) -> None:
        """ "Khalilzad" in a headline, "Zalmay Khalilzad, the U.S. envoy, …" in a paragraph
        the model did not read: take the full name and the office from the text."""
        if " " in person.name:
            return
        text = self.c.text
        for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(person.name)}\b", text):
            if m.group(1) in _NOT_NAMES or m.group(1).lower() in _ROLE_WORDS:
                continue
            mention = Mention(m.start(), m.end(), m.group(0), "person")
            titles = self._titles_for(mention)
            person.name = m.group(0)
            for title in titles:
                if title not in person.titles:
                    person.titles.append(title)
            if person.party is None:
                reg = self.c.registry
                person.party = reg.linker.party(person.name, person.titles, reg.day)
            return

    def preregister(self, para: Paragraph) -> None:
        """Names that stand before a cue are people: meet them before any pronoun is resolved."""
        for cue in CUE_RE.finditer(self.c.text, para.start, para.end):
            for m in self._mentions(max(para.start, cue.start() - 120), cue.start()):
                if m.kind == "person":
                    self._person(m)
