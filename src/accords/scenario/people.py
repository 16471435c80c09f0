"""The ``people:`` section of a scenario file: public figures, their titles, their rounds.

::

    people:
      - id: mujahid
        name: Zabihullah Mujahid
        party: taliban
        spellings: [Zabiullah Mujahid, Zabihullah Mujahed]
        source: https://…
        titles:
          - {title: Taliban spokesman, from: 2007-01-01, source: https://…}
        rounds: [1, 2, {round: 3, party: taliban}]

A person and their titles are recorded with the framework (the titles carry their
own dates); each round attended is recorded on the round's first day, once the round
is open. Errors name the file, the field path and the reason, like the rest of the
file, and ``accords export`` writes the section back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Final

from pydantic import Field, model_validator

from accords.errors import ScenarioError
from accords.model import commands as c
from accords.model import people as pp
from accords.scenario._commands import command_from
from accords.scenario._spec import Id, Spec

if TYPE_CHECKING:
    from accords.ledger.store import StoredEvent
    from accords.model.state import State
    from accords.scenario.schema import Scenario

__all__ = [
    "AttendanceSpec",
    "PersonSpec",
    "TitleSpec",
    "attendance_commands",
    "check_people",
    "people_commands",
    "people_from_events",
    "person_attendance",
    "person_commands",
    "title_command",
]

_Source = Annotated[
    str | None, Field(default=None, max_length=pp.MAX_SOURCE, description="where this is from")
]
_Name = Annotated[str, Field(min_length=1, max_length=pp.MAX_NAME)]
#: Sort position of attendance among a day's timed entries: after the round opens, before moves.
_ATTENDANCE: Final = -(2 * 10**6)


class TitleSpec(Spec):
    """An office held between two dates; ``party`` when it speaks for another party then."""

    title: Annotated[str, Field(min_length=1, max_length=pp.MAX_TITLE)]
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None
    party: str | None = None
    institution: Annotated[str, Field(max_length=pp.MAX_TITLE)] = ""
    source: _Source = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> TitleSpec:
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise ValueError(f"to {self.to} is before from {self.from_}")
        return self


class AttendanceSpec(Spec):
    """A round attended; ``party`` when not the one the person spoke for on its first day."""

    round: Annotated[int, Field(ge=1)]
    party: str | None = None
    source: _Source = None


class PersonSpec(Spec):
    """A public figure of the process."""

    id: Id
    name: _Name
    party: str | None = None
    spellings: Annotated[list[_Name], Field(max_length=pp.MAX_SPELLINGS)] = Field(
        default_factory=list, description="other spellings and transliterations"
    )
    honorifics: Annotated[list[_Name], Field(max_length=pp.MAX_HONORIFICS)] = Field(
        default_factory=list, description="Mullah, Mawlawi, Ambassador …"
    )
    titles: list[TitleSpec] = Field(default_factory=list)
    rounds: list[Annotated[int, Field(ge=1)] | AttendanceSpec] = Field(
        default_factory=list, description="rounds attended: a number, or {round, party, source}"
    )
    note: Annotated[str, Field(max_length=pp.MAX_NOTE)] = ""
    source: _Source = None

    def attended(self) -> list[AttendanceSpec]:
        """The rounds attended, each as an :class:`AttendanceSpec`."""
        return [AttendanceSpec(round=a) if isinstance(a, int) else a for a in self.rounds]


def check_people(s: Scenario, name: str) -> None:
    """References from ``people:`` to parties and rounds; ids and names used once."""
    parties = {p.id for p in s.parties}
    rounds = {r.number for r in s.rounds}
    seen: dict[str, int] = {}
    names: dict[str, str] = {}

    def party(path: str, pid: str | None) -> None:
        if pid is not None and pid not in parties:
            known = ", ".join(sorted(parties))
            raise ScenarioError(name, path, f"unknown party {pid!r}; known parties: {known}")

    for i, p in enumerate(s.people):
        here = f"people[{i}]"
        if p.id in seen:
            raise ScenarioError(name, f"{here}.id", f"person {p.id!r} appears twice")
        seen[p.id] = i
        party(f"{here}.party", p.party)
        for j, spelling in enumerate([p.name, *p.spellings]):
            key = spelling.strip().casefold()
            if key in names:
                where = f"{here}.name" if j == 0 else f"{here}.spellings[{j - 1}]"
                raise ScenarioError(name, where, f"{spelling!r} already names {names[key]!r}")
            names[key] = p.id
        for j, t in enumerate(p.titles):
            party(f"{here}.titles[{j}].party", t.party)
        for j, a in enumerate(p.attended()):
            if a.round not in rounds:
                raise ScenarioError(name, f"{here}.rounds[{j}]", f"no round {a.round} in rounds")
            party(f"{here}.rounds[{j}].party", a.party)


def person_commands(p: PersonSpec, on: date, where: str = "") -> list[tuple[str, c.Command]]:
    """The person, then their titles, dated ``on``, each with its field path."""
    person: c.Command = command_from(pp.AddPerson, p, on=on)
    titles = [(f"{where}.titles[{j}]", title_command(t, p.id, on)) for j, t in enumerate(p.titles)]
    return [(where, person), *titles]


def title_command(t: TitleSpec, person: str, on: date) -> pp.AddTitle:
    """A title ``person`` holds (the file's ``from``/``to`` are the command's start and end)."""
    return command_from(pp.AddTitle, t, on=on, person=person, start=t.from_, end=t.to)


def person_attendance(
    p: PersonSpec, starts: Mapping[int, date], on: date
) -> list[pp.RecordAttendance]:
    """The rounds ``p`` attended, each on its round's first day (``on`` for a round
    the record lacks: the rules refuse it, naming the round)."""
    return [
        pp.RecordAttendance(
            on=starts.get(a.round, on),
            source=a.source,
            person=p.id,
            number=a.round,
            party=a.party,
        )
        for a in p.attended()
    ]


def people_commands(s: Scenario, on: date) -> list[tuple[str, c.Command]]:
    """Each person, then their titles, dated with the framework."""
    out: list[tuple[str, c.Command]] = []
    for i, p in enumerate(s.people):
        out.extend(person_commands(p, on, f"people[{i}]"))
    return out


def attendance_commands(s: Scenario) -> list[tuple[date, int, int, str, c.Command]]:
    """Attendance as the loader's timed entries: on the round's first day, once it is open."""
    starts = {r.number: r.start for r in s.rounds}
    out: list[tuple[date, int, int, str, c.Command]] = []
    for i, p in enumerate(s.people):
        for j, cmd in enumerate(person_attendance(p, starts, date.min)):
            where = f"people[{i}].rounds[{j}]"
            out.append((cmd.on, 1, _ATTENDANCE + len(out), where, cmd))
    return out


def people_from_events(events: Iterable[StoredEvent], state: State) -> list[dict[str, Any]]:
    """The ``people:`` section rebuilt from the log, for ``accords export``.

    A round is written as its number where the party is the one the loader would
    take (the person's on the round's first day), else with its party.
    """
    out: dict[str, dict[str, Any]] = {}
    for e in events:
        p: Mapping[str, Any] = e.payload
        if e.type == "person-added":
            keep = ("id", "name", "party", "spellings", "honorifics", "note", "source")
            out[p["id"]] = {k: p[k] for k in keep if p.get(k) not in (None, "", [])}
        elif e.type == "title-added":
            title = pp.Title.from_json({**p, "from": p.get("start"), "to": p.get("end")})
            out[p["person"]].setdefault("titles", []).append(title.to_json())
        elif e.type == "attendance-recorded":
            out[p["person"]].setdefault("rounds", []).append(_attendance(p, state))
    return list(out.values())


def _attendance(p: Mapping[str, Any], state: State) -> Any:
    number = int(p["round"])
    r = state.rounds.get(number)
    who = pp.PEOPLE.peek(state).people.get(p["person"])
    default = who.party_on(r.start) if who is not None and r is not None else None
    if default == p["party"] and not p.get("source"):
        return number
    entry: dict[str, Any] = {"round": number, "party": p["party"]}
    if p.get("source"):
        entry["source"] = p["source"]
    return entry
