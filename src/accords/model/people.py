"""People in the record: who speaks for whom, under which title, and who sat at each round.

A person is a public figure of the process: a name, the other spellings the press
uses (transliterations: Stanekzai / Stanikzai, Taleban), honorifics (Mullah,
Mawlawi, Ambassador), the party they speak for, and titles with dates ("spokesman of
the Taliban's political office in Doha from 2021-07-01"), each fact with its source.
Delegations are recorded round by round: this person sat at round N for party P.

People are public record. The news reader links speakers to parties through them
(:mod:`accords.text._directory`); their names are never party aliases. Person and
title events are structural (an as-of view keeps them: titles carry their own dates);
attendance carries its round, so a view as of an earlier round leaves it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final, Self

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.events import Event
from accords.model.layer import Layer
from accords.model.plain import from_keys, to_keys
from accords.model.rules import event_from, known, new_id, require_party
from accords.model.state import State

__all__ = [
    "MAX_HONORIFICS",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_SPELLINGS",
    "MAX_TITLE",
    "PEOPLE",
    "AddPerson",
    "AddTitle",
    "Attendance",
    "PeopleSlice",
    "Person",
    "RecordAttendance",
    "Title",
    "TitleTerms",
    "delegations",
    "people",
    "person",
    "rounds_of",
]

#: Bounds on the text a person's record holds, so a pasted article is refused, not kept.
MAX_NAME: Final = 200
MAX_TITLE: Final = 300
MAX_NOTE: Final = 2000
MAX_SOURCE: Final = 2000
MAX_SPELLINGS: Final = 30
MAX_HONORIFICS: Final = 10


@dataclass(frozen=True, slots=True)
class TitleTerms:
    """An office held between two dates (either may be open); ``party`` overrides the
    person's own for that time (an envoy who later speaks for someone else).

    What :class:`AddTitle` gives and :class:`Title` keeps, declared once."""

    title: str
    start: date | None = None
    end: date | None = None
    party: str | None = None
    institution: str = ""


@dataclass(frozen=True, slots=True)
class Title(TitleTerms):
    """A title as the record holds it, with where it is known from."""

    source: str | None = None

    def holds_on(self, day: date | None) -> bool:
        """Whether the title was held on ``day`` (any title holds on an unknown day)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_json(self) -> dict[str, Any]:
        """The title as plain data (the keys of the scenario file's ``titles:`` entries)."""
        out: dict[str, Any] = {"title": self.title}
        if self.start is not None:
            out["from"] = self.start.isoformat()
        if self.end is not None:
            out["to"] = self.end.isoformat()
        for key, value in (
            ("party", self.party),
            ("institution", self.institution),
            ("source", self.source),
        ):
            if value:
                out[key] = value
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Title:
        """The title :meth:`to_json` wrote."""
        start, end = d.get("from"), d.get("to")
        return from_keys(
            cls,
            d,
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None,
        )


@dataclass(frozen=True, slots=True)
class Person:
    """A public figure of the process, as the record holds them."""

    id: str
    name: str
    party: str | None = None
    spellings: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    note: str = ""
    source: str | None = None

    def party_on(self, day: date | None) -> str | None:
        """The party spoken for on ``day``: a title's own party then, else the person's."""
        for t in self.titles:
            if t.party and t.holds_on(day):
                return t.party
        return self.party

    def titles_on(self, day: date | None) -> list[Title]:
        """The titles held on ``day``."""
        return [t for t in self.titles if t.holds_on(day)]

    def names(self) -> tuple[str, ...]:
        """The name and every other spelling."""
        return (self.name, *self.spellings)

    def to_json(self) -> dict[str, Any]:
        """The person as plain data: one shape for the CLI's JSON, the API and snapshots."""
        return to_keys(self, titles=[t.to_json() for t in self.titles])

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Person:
        """The person :meth:`to_json` wrote."""
        return from_keys(
            cls,
            d,
            spellings=tuple(d.get("spellings", ())),
            honorifics=tuple(d.get("honorifics", ())),
            titles=tuple(Title.from_json(t) for t in d.get("titles", ())),
        )


@dataclass(frozen=True, slots=True)
class Attendance:
    """One person at one round, in one party's delegation."""

    round: int
    person: str
    party: str
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain data; ``source`` only when known."""
        out: dict[str, Any] = {"round": self.round, "person": self.person, "party": self.party}
        if self.source:
            out["source"] = self.source
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Attendance:
        """The attendance :meth:`to_json` wrote, or an ``attendance-recorded`` payload."""
        return from_keys(cls, d, round=int(d["round"]))


@dataclass(slots=True)
class PeopleSlice:
    """The people layer's state: people by id, in the order added, and attendance."""

    people: dict[str, Person] = field(default_factory=dict)
    attendance: list[Attendance] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The slice as snapshots carry it."""
        return {
            "people": [p.to_json() for p in self.people.values()],
            "attendance": [a.to_json() for a in self.attendance],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The slice :meth:`to_json` wrote (or an empty one)."""
        found = (Person.from_json(p) for p in data.get("people", ()))
        return cls(
            {p.id: p for p in found},
            [Attendance.from_json(a) for a in data.get("attendance", ())],
        )


# -- commands ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AddPerson(c.Command):
    id: str
    name: str
    party: str | None = None
    spellings: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class AddTitle(c.Command, TitleTerms):
    """Give ``person`` a title: the terms of :class:`TitleTerms`."""

    person: str


@dataclass(frozen=True, kw_only=True)
class RecordAttendance(c.Command):
    """``person`` sat at round ``number`` for ``party`` (default: the one they spoke for)."""

    person: str
    number: int
    party: str | None = None


# -- views ------------------------------------------------------------------------------


def people(state: State) -> list[Person]:
    """Everyone in the record, in the order they were added."""
    return list(PEOPLE.peek(state).people.values())


def person(state: State, pid: str) -> Person:
    """The person ``pid``, or a refusal listing the people the record holds."""
    found = PEOPLE.peek(state).people.get(pid)
    if found is None:
        raise UnknownReference(
            f"unknown person {pid!r}; {known('people', PEOPLE.peek(state).people)}"
        )
    return found


def delegations(state: State, number: int) -> list[Attendance]:
    """Who sat at round ``number``, by party in the order recorded."""
    return [a for a in PEOPLE.peek(state).attendance if a.round == number]


def rounds_of(state: State, pid: str) -> list[Attendance]:
    """The rounds ``pid`` attended, in order."""
    return sorted(
        (a for a in PEOPLE.peek(state).attendance if a.person == pid), key=lambda a: a.round
    )


# -- decide -----------------------------------------------------------------------------


def _bounded(what: str, value: str, limit: int, *, need: bool = False) -> None:
    if need and not value.strip():
        raise RefusedMove(f"{what} is empty")
    if len(value) > limit:
        raise RefusedMove(f"{what} is too long ({len(value):,} characters; the limit is {limit:,})")


def _bounded_list(what: str, values: Iterable[str], limit: int, count: int) -> None:
    items = list(values)
    if len(items) > count:
        raise RefusedMove(f"too many {what} ({len(items)}; the limit is {count})")
    for v in items:
        _bounded(f"a {what[:-1]}", v, limit, need=True)


def _check_spellings(cmd: AddPerson, state: State) -> None:
    """No name or spelling may name two people: the news reader could not tell them apart."""
    taken = {n.casefold(): p.id for p in people(state) for n in p.names()}
    seen: set[str] = set()
    for name in (cmd.name, *cmd.spellings):
        key = name.strip().casefold()
        if key in taken:
            raise RefusedMove(f"{name!r} already names person {taken[key]!r}")
        if key in seen:
            raise RefusedMove(f"spelling {name!r} is given twice")
        seen.add(key)


def decide_add_person(cmd: AddPerson, state: State) -> Event:
    new_id("person", cmd.id, PEOPLE.peek(state).people)
    _bounded(f"the name of person {cmd.id!r}", cmd.name, MAX_NAME, need=True)
    if cmd.party is not None:
        require_party(state, cmd.party)
    _bounded_list("spellings", cmd.spellings, MAX_NAME, MAX_SPELLINGS)
    _bounded_list("honorifics", cmd.honorifics, MAX_NAME, MAX_HONORIFICS)
    _bounded("the note", cmd.note, MAX_NOTE)
    _bounded("the source", cmd.source or "", MAX_SOURCE)
    _check_spellings(cmd, state)
    return event_from(
        "person-added",
        cmd,
        "id",
        "party",
        "note",
        name=cmd.name.strip(),
        spellings=[s.strip() for s in cmd.spellings],
        honorifics=[h.strip() for h in cmd.honorifics],
    )


def decide_add_title(cmd: AddTitle, state: State) -> Event:
    who = person(state, cmd.person)
    _bounded(f"the title of {cmd.person!r}", cmd.title, MAX_TITLE, need=True)
    _bounded("the institution", cmd.institution, MAX_TITLE)
    _bounded("the source", cmd.source or "", MAX_SOURCE)
    if cmd.party is not None:
        require_party(state, cmd.party)
    if cmd.start is not None and cmd.end is not None and cmd.end < cmd.start:
        raise RefusedMove(f"title {cmd.title!r} ends ({cmd.end}) before it starts ({cmd.start})")
    for t in who.titles:
        if t.title.casefold() == cmd.title.strip().casefold() and t.start == cmd.start:
            raise RefusedMove(f"{cmd.person!r} already holds title {cmd.title!r} from {cmd.start}")
    fields = ("person", "start", "end", "party")
    title, institution = cmd.title.strip(), cmd.institution.strip()
    return event_from("title-added", cmd, *fields, title=title, institution=institution)


def decide_record_attendance(cmd: RecordAttendance, state: State) -> Event:
    who = person(state, cmd.person)
    r = state.rounds.get(cmd.number)
    if r is None:
        raise UnknownReference(f"no round {cmd.number} in the record; open it first")
    party = cmd.party or who.party_on(r.start)
    if party is None:
        raise RefusedMove(f"{cmd.person!r} speaks for no party on {r.start}: name the party")
    require_party(state, party)
    if party in r.absent:
        raise RefusedMove(f"{party!r} is recorded absent from round {cmd.number}")
    for a in delegations(state, cmd.number):
        if a.person == cmd.person:
            raise RefusedMove(f"{cmd.person!r} is already recorded at round {cmd.number}")
    _bounded("the source", cmd.source or "", MAX_SOURCE)
    ev = event_from("attendance-recorded", cmd, "person", party=party)
    # The round attended is the event's round: the view as of an earlier round leaves it out.
    return Event(ev.type, {**ev.payload, "round": cmd.number}, ev.occurred_on)


# -- fold -------------------------------------------------------------------------------


def _person_added(s: State, p: Mapping[str, Any], on: date) -> None:
    PEOPLE.slice(s).people[p["id"]] = Person.from_json(p)


def _title_added(s: State, p: Mapping[str, Any], on: date) -> None:
    book = PEOPLE.slice(s).people
    who = book[p["person"]]
    title = Title.from_json({**p, "from": p.get("start"), "to": p.get("end")})
    book[who.id] = replace(who, titles=(*who.titles, title))


def _attended(s: State, p: Mapping[str, Any], on: date) -> None:
    PEOPLE.slice(s).attendance.append(Attendance.from_json(p))


PEOPLE: Final[Layer[PeopleSlice]] = Layer(
    name="people",
    decide={
        AddPerson: decide_add_person,
        AddTitle: decide_add_title,
        RecordAttendance: decide_record_attendance,
    },
    fold={
        "person-added": _person_added,
        "title-added": _title_added,
        "attendance-recorded": _attended,
    },
    state=PeopleSlice,
)
