"""Events on the ground, beside the talks, and the conditions that read them.

A context event is what conflict-event datasets such as ACLED record: a date, a
place, the actors, a kind (attack, offensive announced, ceasefire observed,
prisoner release …), reported fatalities and a source. Conditions are tests over
them that the record can evaluate as of any date, e.g. the seven-day "reduction
in violence" before the US–Taliban signature: *no attack by the Taliban between 22
and 28 February 2020*. A condition may gate the signature: then no party signs
while it does not hold.

The fold keeps the recorded data in the layer's :class:`ContextSlice`; the views are typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Final, Literal, get_args

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.events import Event
from accords.model.layer import JsonSlice, Layer, from_keys
from accords.model.rules import event_from, new_id
from accords.model.state import State

__all__ = [
    "CONTEXT",
    "CONTEXT_KINDS",
    "Condition",
    "ConditionResult",
    "ConditionTerms",
    "ContextEvent",
    "ContextSlice",
    "DefineCondition",
    "Happening",
    "RecordContextEvent",
    "condition",
    "conditions",
    "context_events",
    "evaluate",
]


ContextKind = Literal[
    "attack",
    "battle",
    "explosion",
    "violence-against-civilians",
    "offensive-announced",
    "ceasefire-announced",
    "ceasefire-observed",
    "ceasefire-violated",
    "prisoner-release",
    "walk-out",
    "protest",
    "strategic-development",
    "other",
]
CONTEXT_KINDS: Final[tuple[str, ...]] = get_args(ContextKind)

ConditionTest = Literal["quiet", "occurred"]
Gate = Literal["signature"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Happening:
    """What happened on the ground: its kind, where, who did it, how many died, notes.

    What :class:`RecordContextEvent` gives and :class:`ContextEvent` keeps, declared once."""

    kind: str
    place: str = ""
    actors: tuple[str, ...] = ()
    fatalities: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ContextEvent(Happening):
    """An event on the ground as the record holds it: its id, its date, its source."""

    id: str
    on: date
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ConditionTerms:
    """What a condition says, as the move that defines it gives it and the record keeps it.

    ``quiet``: at most ``max_events`` matching events and at most ``max_fatalities``
    reported deaths in the window. ``occurred``: at least one matching event in it.
    An event matches when its kind is one of ``kinds`` (any, if empty) and one of
    its actors is one of ``actors`` (any, if empty).
    """

    id: str
    description: str
    test: ConditionTest
    start: date
    end: date
    kinds: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    max_events: int = 0
    max_fatalities: int | None = None
    gates: Gate | None = None


@dataclass(frozen=True, slots=True)
class Condition(ConditionTerms):
    """A test over context events in a window of dates (see :class:`ConditionTerms`)."""

    source: str | None = None

    def matches(self, e: ContextEvent) -> bool:
        if not self.start <= e.on <= self.end:
            return False
        if self.kinds and e.kind not in self.kinds:
            return False
        return not self.actors or any(a in self.actors for a in e.actors)


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """``holds`` is ``None`` while the window is still open and the test not yet decided."""

    condition: Condition
    holds: bool | None
    as_of: date
    matching: tuple[ContextEvent, ...] = ()
    fatalities: int = 0
    reason: str = ""

    @property
    def word(self) -> str:
        return {True: "holds", False: "fails", None: "pending"}[self.holds]


@dataclass(frozen=True, kw_only=True)
class RecordContextEvent(c.Command, Happening):
    """An event on the ground on ``on``; ``id`` is given one when left empty."""

    id: str = ""


@dataclass(frozen=True, kw_only=True)
class DefineCondition(c.Command, ConditionTerms):
    """Define a condition: its terms, which the record keeps as they are given."""


#: The fields a condition's definition records, in order.
_TERMS: Final = tuple(f.name for f in fields(ConditionTerms))
#: The fields the record of an event on the ground copies from its command.
_HAPPENING: Final = tuple(f.name for f in fields(Happening))


# -- views ------------------------------------------------------------------------------


@dataclass(slots=True)
class ContextSlice(JsonSlice):
    """The context layer's state: events on the ground and conditions, as recorded (JSON)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    conditions: dict[str, dict[str, Any]] = field(default_factory=dict)


def context_events(
    state: State, *, start: date | None = None, end: date | None = None
) -> list[ContextEvent]:
    """The recorded events, by date then order of recording."""
    layer = CONTEXT.peek(state)
    out = [
        from_keys(
            ContextEvent, e, on=date.fromisoformat(e["on"]), actors=tuple(e.get("actors", ()))
        )
        for e in layer.events
    ]
    out = [e for e in out if (start is None or e.on >= start) and (end is None or e.on <= end)]
    return sorted(out, key=lambda e: e.on)


def _to_condition(cid: str, d: Mapping[str, Any]) -> Condition:
    return Condition(
        id=cid,
        description=d["description"],
        test=d["test"],
        start=date.fromisoformat(d["start"]),
        end=date.fromisoformat(d["end"]),
        kinds=tuple(d.get("kinds", ())),
        actors=tuple(d.get("actors", ())),
        max_events=int(d.get("max_events", 0)),
        max_fatalities=d.get("max_fatalities"),
        gates=d.get("gates"),
        source=d.get("source"),
    )


def conditions(state: State) -> list[Condition]:
    return [_to_condition(k, v) for k, v in CONTEXT.peek(state).conditions.items()]


def condition(state: State, cid: str) -> Condition:
    found = CONTEXT.peek(state).conditions.get(cid)
    if found is None:
        names = ", ".join(x.id for x in conditions(state)) or "none yet"
        raise UnknownReference(f"unknown condition {cid!r}; known conditions: {names}")
    return _to_condition(cid, found)


def evaluate(cond: Condition, events: Iterable[ContextEvent], as_of: date) -> ConditionResult:
    """The condition's verdict from the events recorded, as of ``as_of``."""
    seen = tuple(e for e in events if e.on <= as_of and cond.matches(e))
    deaths = sum(e.fatalities or 0 for e in seen)
    if as_of < cond.start:
        return ConditionResult(cond, None, as_of, seen, deaths, "its window has not opened")
    closed = as_of >= cond.end
    if cond.test == "occurred":
        if seen:
            return ConditionResult(
                cond, True, as_of, seen, deaths, f"{len(seen)} matching event(s)"
            )
        if closed:
            return ConditionResult(cond, False, as_of, seen, deaths, "no matching event")
        return ConditionResult(cond, None, as_of, seen, deaths, "no matching event yet")
    too_many = len(seen) > cond.max_events
    too_deadly = cond.max_fatalities is not None and deaths > cond.max_fatalities
    if too_many or too_deadly:
        why = (
            f"{len(seen)} matching event(s), at most {cond.max_events} allowed"
            if too_many
            else f"{deaths} reported deaths, at most {cond.max_fatalities} allowed"
        )
        return ConditionResult(cond, False, as_of, seen, deaths, why)
    if not closed:
        return ConditionResult(
            cond, None, as_of, seen, deaths, f"quiet so far; the window ends {cond.end}"
        )
    return ConditionResult(
        cond, True, as_of, seen, deaths, f"{len(seen)} matching event(s), {deaths} deaths"
    )


# -- decide -----------------------------------------------------------------------------


def decide_record_context_event(cmd: RecordContextEvent, state: State) -> Event:
    if cmd.kind not in CONTEXT_KINDS:
        raise RefusedMove(f"unknown kind {cmd.kind!r}; kinds: {', '.join(CONTEXT_KINDS)}")
    if cmd.fatalities is not None and cmd.fatalities < 0:
        raise RefusedMove("fatalities cannot be negative")
    taken = [e.id for e in context_events(state)]
    eid = cmd.id or f"ev{len(taken) + 1}"
    while eid in taken:
        eid = f"{eid}+"
    if cmd.id:
        new_id("context event", cmd.id, taken)
    return event_from("context-recorded", cmd, *_HAPPENING, id=eid)


def decide_define_condition(cmd: DefineCondition, state: State) -> Event:
    new_id("condition", cmd.id, [x.id for x in conditions(state)])
    if not cmd.description.strip():
        raise RefusedMove(f"condition {cmd.id!r} needs a description")
    if cmd.test not in get_args(ConditionTest):
        raise RefusedMove(f"unknown test {cmd.test!r}; use quiet or occurred")
    if cmd.end < cmd.start:
        raise RefusedMove(f"condition {cmd.id!r} ends ({cmd.end}) before it starts ({cmd.start})")
    for k in cmd.kinds:
        if k not in CONTEXT_KINDS:
            raise RefusedMove(f"unknown kind {k!r}; kinds: {', '.join(CONTEXT_KINDS)}")
    if cmd.max_events < 0 or (cmd.max_fatalities is not None and cmd.max_fatalities < 0):
        raise RefusedMove("limits cannot be negative")
    if cmd.gates not in (None, "signature"):
        raise RefusedMove("a condition can gate only the signature")
    return event_from("condition-defined", cmd, *_TERMS)


def _gated_signature(state: State, cmd: c.Sign) -> None:
    """No party signs while a condition that gates the signature does not hold."""
    events = context_events(state)
    for cond in conditions(state):
        if cond.gates != "signature":
            continue
        result = evaluate(cond, events, cmd.on)
        if result.holds is not True:
            raise RefusedMove(
                f"cannot sign on {cmd.on}: condition {cond.id!r} ({cond.description}) "
                f"{result.word}: {result.reason}"
            )


# -- fold -------------------------------------------------------------------------------


def _recorded(s: State, p: Mapping[str, Any], on: date) -> None:
    entry: dict[str, Any] = {"id": p["id"], "on": on.isoformat(), "kind": p["kind"]}
    for key in ("place", "actors", "fatalities", "source", "notes"):
        if p.get(key) not in (None, "", []):
            entry[key] = p[key]
    CONTEXT.slice(s).events.append(entry)


def _defined(s: State, p: Mapping[str, Any], on: date) -> None:
    body = {k: v for k, v in p.items() if k not in ("id", "round")}
    CONTEXT.slice(s).conditions[p["id"]] = body


CONTEXT: Final[Layer[ContextSlice]] = Layer(
    name="context",
    decide={
        RecordContextEvent: decide_record_context_event,
        DefineCondition: decide_define_condition,
    },
    fold={"context-recorded": _recorded, "condition-defined": _defined},
    checks={c.Sign: (_gated_signature,)},
    state=ContextSlice,
)
