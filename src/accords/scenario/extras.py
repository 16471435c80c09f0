"""Optional scenario sections: the negotiating text, walk-outs, events on the ground,
conditions, obligations, reports of performance, and the PA-X coding.

Each section is validated like the rest of the file (errors name the file, the
field path and the reason) and turns into commands that replay through the same
``decide`` as the CLI. They interleave with the history by date: on one day, text
moves, walk-outs and events on the ground come before the history's moves (so a
clause can be confirmed before the package is), obligations and reports after them
(so a deadline counted from signature can be read).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accords.errors import ScenarioError
from accords.model import commands as c
from accords.model.clauses import (
    AcceptClause,
    AmendClause,
    BracketClause,
    ReserveClause,
    TableClause,
    WithdrawClause,
)
from accords.model.coding import SetPaxCoding
from accords.model.context import CONTEXT_KINDS, DefineCondition, RecordContextEvent
from accords.model.framework import Level
from accords.model.obligations import AddObligation, ReportPerformance
from accords.model.participation import LeaveTalks, ReturnToTalks
from accords.model.rules import ID_PATTERN

if TYPE_CHECKING:
    from accords.ledger.store import StoredEvent
    from accords.scenario.schema import Scenario

__all__ = [
    "ClauseMove",
    "ConditionSpec",
    "ContextEventSpec",
    "ContextSpec",
    "ObligationSpec",
    "ParticipationMove",
    "PaxSpec",
    "PerformanceSpec",
    "TextSpec",
    "check_extras",
    "extras_from_events",
    "framework_commands",
    "timed_commands",
]

_Id = Annotated[str, Field(pattern=ID_PATTERN)]
_Source = Annotated[str | None, Field(default=None, description="where this fact is from (URL)")]
#: Sort position among the day's history moves (the lead's timed entries use 0..len-1).
_BEFORE_MOVES: Final = -(10**6)
_Day = date  # a field named ``date`` shadows the type inside a model body
_AFTER_MOVES: Final = 10**6


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


ClauseMoveKind = Literal["table", "amend", "bracket", "accept", "reserve", "withdraw"]


class ClauseMove(_Spec):
    """A move on the negotiating text."""

    date: _Day
    move: ClauseMoveKind
    by: str
    clause: _Id
    part: str | None = Field(default=None, description="for table: the part the clause is in")
    alternative: str | None = Field(default=None, description="A, B …")
    text: str = ""
    title: str = ""
    level: Level | None = None
    note: str = ""
    round: Annotated[int, Field(ge=1)] | None = None
    source: _Source = None

    @model_validator(mode="after")
    def _fields(self) -> ClauseMove:
        if self.move == "table" and not self.part:
            raise ValueError("a table move needs the part")
        if self.move in ("amend", "accept") and not self.alternative:
            raise ValueError(f"an {self.move} move needs the alternative")
        if self.move == "amend" and not self.text.strip():
            raise ValueError("an amend move needs the new text")
        if self.move == "reserve" and not self.note.strip():
            raise ValueError("a reserve move needs a note saying what is reserved")
        if self.level is not None and self.move != "accept":
            raise ValueError("only an accept move has a level")
        return self


class TextSpec(_Spec):
    moves: list[ClauseMove] = Field(default_factory=list)


class ParticipationMove(_Spec):
    date: _Day
    move: Literal["leave", "return"]
    by: str
    note: str = ""
    source: _Source = None


class ContextEventSpec(_Spec):
    date: _Day
    kind: str = Field(description="one of: " + ", ".join(CONTEXT_KINDS))
    id: _Id | None = None
    place: str = ""
    actors: list[str] = Field(default_factory=list)
    fatalities: Annotated[int, Field(ge=0)] | None = None
    notes: str = ""
    source: _Source = None

    @model_validator(mode="after")
    def _known_kind(self) -> ContextEventSpec:
        if self.kind not in CONTEXT_KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; kinds: {', '.join(CONTEXT_KINDS)}")
        return self


class ConditionSpec(_Spec):
    id: _Id
    description: str = Field(min_length=1)
    test: Literal["quiet", "occurred"]
    start: _Day
    end: _Day
    kinds: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    max_events: Annotated[int, Field(ge=0)] = 0
    max_fatalities: Annotated[int, Field(ge=0)] | None = None
    gates: Literal["signature"] | None = None
    defined: _Day | None = Field(default=None, description="when set; default: its start")
    source: _Source = None

    @model_validator(mode="after")
    def _window(self) -> ConditionSpec:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        for k in self.kinds:
            if k not in CONTEXT_KINDS:
                raise ValueError(f"unknown kind {k!r}; kinds: {', '.join(CONTEXT_KINDS)}")
        return self


class ContextSpec(_Spec):
    events: list[ContextEventSpec] = Field(default_factory=list)
    conditions: list[ConditionSpec] = Field(default_factory=list)


class ObligationSpec(_Spec):
    id: _Id
    date: _Day = Field(description="when the commitment was made (usually the signature)")
    text: str = Field(min_length=1)
    obligors: list[str] = Field(min_length=1)
    beneficiaries: list[str] = Field(default_factory=list)
    part: str | None = None
    measure: str = Field(min_length=1)
    target: float
    direction: Literal["at-least", "at-most"] = "at-least"
    unit: str = ""
    baseline: float | None = None
    deadline: _Day | None = None
    days_after_signature: Annotated[int, Field(ge=0)] | None = None
    condition: str | None = None
    source: _Source = None

    @model_validator(mode="after")
    def _due(self) -> ObligationSpec:
        if self.deadline is None and self.days_after_signature is None and not self.condition:
            raise ValueError("needs a deadline, days_after_signature or a condition")
        if self.deadline is not None and self.days_after_signature is not None:
            raise ValueError("give a deadline or days_after_signature, not both")
        return self


class PerformanceSpec(_Spec):
    date: _Day
    obligation: str
    value: Annotated[float, Field(ge=0)]
    note: str = ""
    source: _Source = None


class PaxSpec(_Spec):
    """PA-X codebook fields for the agreement, and which PA-X topic codes each part carries.

    Field names are PA-X's own column names (``Con``, ``Agtp``, ``Stage`` …); values
    written as the codebook writes them. ``topics`` maps a part id to topic codes.
    """

    fields: dict[str, str] = Field(default_factory=dict)
    topics: dict[str, list[str]] = Field(default_factory=dict)
    note: str = ""
    source: _Source = None


# -- cross-checks -----------------------------------------------------------------------


def check_extras(s: Scenario, name: str) -> None:
    """References from the optional sections to parties, parts, rounds and conditions."""
    parties = {p.id for p in s.parties}
    parts = {p.id for p in s.framework.parts}
    rounds = {r.number for r in s.rounds}

    def bad(path: str, reason: str) -> ScenarioError:
        return ScenarioError(name, path, reason)

    def party(path: str, pid: str) -> None:
        if pid not in parties:
            raise bad(path, f"unknown party {pid!r}; known parties: {', '.join(sorted(parties))}")

    def part(path: str, pid: str | None) -> None:
        if pid is not None and pid not in parts:
            raise bad(path, f"unknown part {pid!r}; known parts: {', '.join(parts)}")

    if s.text is not None:
        last: date | None = None
        for i, m in enumerate(s.text.moves):
            party(f"text.moves[{i}].by", m.by)
            part(f"text.moves[{i}].part", m.part)
            if m.round is not None and m.round not in rounds:
                raise bad(f"text.moves[{i}].round", f"no round {m.round} in rounds")
            if last is not None and m.date < last:
                raise bad(f"text.moves[{i}].date", f"moves must be in date order ({m.date})")
            last = m.date
    for i, pm in enumerate(s.participation):
        party(f"participation[{i}].by", pm.by)
    conditions = set()
    if s.context is not None:
        conditions = {x.id for x in s.context.conditions}
    obligations = {o.id for o in s.obligations}
    for i, o in enumerate(s.obligations):
        for j, who in enumerate(o.obligors):
            party(f"obligations[{i}].obligors[{j}]", who)
        for j, who in enumerate(o.beneficiaries):
            party(f"obligations[{i}].beneficiaries[{j}]", who)
        part(f"obligations[{i}].part", o.part)
        if o.condition is not None and o.condition not in conditions:
            raise bad(f"obligations[{i}].condition", f"no condition {o.condition!r} in context")
    for i, r in enumerate(s.performance):
        if r.obligation not in obligations:
            raise bad(f"performance[{i}].obligation", f"no obligation {r.obligation!r}")
    if s.pax is not None:
        for pid in s.pax.topics:
            part(f"pax.topics.{pid}", pid)


# -- commands ---------------------------------------------------------------------------


def _clause_command(m: ClauseMove) -> c.Command:
    base: dict[str, Any] = {"on": m.date, "round": m.round, "source": m.source}
    match m.move:
        case "table":
            return TableClause(
                **base,
                part=m.part or "",
                clause=m.clause,
                party=m.by,
                text=m.text,
                alternative=m.alternative or "A",
                title=m.title,
            )
        case "amend":
            return AmendClause(
                **base, clause=m.clause, alternative=m.alternative or "", party=m.by, text=m.text
            )
        case "bracket":
            return BracketClause(
                **base,
                clause=m.clause,
                party=m.by,
                alternative=m.alternative,
                text=m.text,
                note=m.note,
            )
        case "accept":
            return AcceptClause(
                **base,
                clause=m.clause,
                alternative=m.alternative or "",
                party=m.by,
                level=m.level or "confirmed",
                note=m.note,
            )
        case "reserve":
            return ReserveClause(**base, clause=m.clause, party=m.by, note=m.note)
        case "withdraw":
            return WithdrawClause(
                **base, clause=m.clause, party=m.by, alternative=m.alternative, note=m.note
            )
    raise AssertionError(m.move)  # pragma: no cover


Timed = tuple[date, int, int, str, c.Command]


def framework_commands(s: Scenario, on: date) -> list[tuple[str, c.Command]]:
    """Commands that belong with the framework (dated at the start of the record)."""
    if s.pax is None:
        return []
    return [
        (
            "pax",
            SetPaxCoding(
                on=on,
                source=s.pax.source,
                fields=dict(s.pax.fields),
                topics={k: tuple(v) for k, v in s.pax.topics.items()},
                note=s.pax.note,
            ),
        )
    ]


def timed_commands(s: Scenario) -> list[Timed]:
    """The optional sections as entries of the loader's timed list (date, 1, order, path, cmd)."""
    before: list[tuple[date, str, c.Command]] = []
    after: list[tuple[date, str, c.Command]] = []
    if s.context is not None:
        for i, cond in enumerate(s.context.conditions):
            on = cond.defined or cond.start
            before.append(
                (
                    on,
                    f"context.conditions[{i}]",
                    DefineCondition(
                        on=on,
                        source=cond.source,
                        id=cond.id,
                        description=cond.description,
                        test=cond.test,
                        start=cond.start,
                        end=cond.end,
                        kinds=tuple(cond.kinds),
                        actors=tuple(cond.actors),
                        max_events=cond.max_events,
                        max_fatalities=cond.max_fatalities,
                        gates=cond.gates,
                    ),
                )
            )
        for i, e in enumerate(s.context.events):
            before.append(
                (
                    e.date,
                    f"context.events[{i}]",
                    RecordContextEvent(
                        on=e.date,
                        source=e.source,
                        kind=e.kind,
                        id=e.id or "",
                        place=e.place,
                        actors=tuple(e.actors),
                        fatalities=e.fatalities,
                        notes=e.notes,
                    ),
                )
            )
    for i, pm in enumerate(s.participation):
        kind = LeaveTalks if pm.move == "leave" else ReturnToTalks
        before.append(
            (
                pm.date,
                f"participation[{i}]",
                kind(on=pm.date, source=pm.source, party=pm.by, note=pm.note),
            )
        )
    if s.text is not None:
        for i, m in enumerate(s.text.moves):
            before.append((m.date, f"text.moves[{i}]", _clause_command(m)))
    for i, o in enumerate(s.obligations):
        after.append(
            (
                o.date,
                f"obligations[{i}]",
                AddObligation(
                    on=o.date,
                    source=o.source,
                    id=o.id,
                    text=o.text,
                    obligors=tuple(o.obligors),
                    beneficiaries=tuple(o.beneficiaries),
                    part=o.part,
                    measure=o.measure,
                    target=o.target,
                    direction=o.direction,
                    unit=o.unit,
                    baseline=o.baseline,
                    deadline=o.deadline,
                    days_after_signature=o.days_after_signature,
                    condition=o.condition,
                ),
            )
        )
    for i, r in enumerate(s.performance):
        after.append(
            (
                r.date,
                f"performance[{i}]",
                ReportPerformance(
                    on=r.date, source=r.source, obligation=r.obligation, value=r.value, note=r.note
                ),
            )
        )
    # Stable by date within each group: the file's order decides within a day.
    before.sort(key=lambda t: t[0])
    after.sort(key=lambda t: t[0])
    out: list[Timed] = [(d, 1, _BEFORE_MOVES + i, w, cmd) for i, (d, w, cmd) in enumerate(before)]
    out += [(d, 1, _AFTER_MOVES + i, w, cmd) for i, (d, w, cmd) in enumerate(after)]
    return out


# -- export -----------------------------------------------------------------------------


def extras_from_events(events: Iterable[StoredEvent]) -> dict[str, Any]:
    """The optional sections rebuilt from the log, for ``accords export``."""
    moves: list[dict[str, Any]] = []
    participation: list[dict[str, Any]] = []
    ctx_events: list[dict[str, Any]] = []
    conds: list[dict[str, Any]] = []
    obligations: list[dict[str, Any]] = []
    performance: list[dict[str, Any]] = []
    pax: dict[str, Any] | None = None
    names = {
        "clause-tabled": "table",
        "clause-amended": "amend",
        "clause-bracketed": "bracket",
        "clause-accepted": "accept",
        "clause-reserved": "reserve",
        "clause-withdrawn": "withdraw",
    }
    for e in events:
        p: Mapping[str, Any] = e.payload
        on = e.occurred_on
        if e.type in names:
            move = {"date": on, "move": names[e.type], "by": p["party"], "clause": p["clause"]}
            for key in ("part", "alternative", "text", "title", "level", "note", "round", "source"):
                if p.get(key) not in (None, ""):
                    move[key] = p[key]
            moves.append(move)
        elif e.type in ("party-left", "party-returned"):
            pm = {"date": on, "move": "leave" if e.type == "party-left" else "return"}
            pm["by"] = p["party"]
            pm.update({k: p[k] for k in ("note", "source") if p.get(k)})
            participation.append(pm)
        elif e.type == "context-recorded":
            ev = {"date": on, **{k: v for k, v in p.items() if k != "round"}}
            ctx_events.append(ev)
        elif e.type == "condition-defined":
            conds.append({**{k: v for k, v in p.items() if k != "round"}, "defined": on})
        elif e.type == "pax-coded":
            pax = {k: p[k] for k in ("fields", "topics", "note", "source") if p.get(k)}
        elif e.type == "obligation-added":
            obligations.append({"date": on, **{k: v for k, v in p.items() if k != "round"}})
        elif e.type == "performance-reported":
            performance.append({"date": on, **{k: v for k, v in p.items() if k != "round"}})
    out: dict[str, Any] = {}
    if moves:
        out["text"] = {"moves": moves}
    if participation:
        out["participation"] = participation
    if ctx_events or conds:
        out["context"] = {"events": ctx_events, "conditions": conds}
    if obligations:
        out["obligations"] = obligations
    if performance:
        out["performance"] = performance
    if pax is not None:
        out["pax"] = pax
    return out
