"""The optional scenario sections as commands to replay, and rebuilt from a log for export.

The sections are described and cross-checked in :mod:`accords.scenario.extras`; here
they become the commands that replay through ``decide`` (:func:`framework_commands`,
:func:`timed_commands`, interleaved with the history by date) and are read back from
the events (:func:`extras_from_events`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from accords.model import commands as c
from accords.model.coding import SetPaxCoding
from accords.model.context import DefineCondition, RecordContextEvent
from accords.model.obligations import AddObligation, ReportPerformance
from accords.model.participation import LeaveTalks, ReturnToTalks

if TYPE_CHECKING:
    from accords.ledger.store import StoredEvent
    from accords.scenario.schema import Scenario
from accords.scenario._commands import command_from

__all__ = ["Timed", "extras_from_events", "framework_commands", "timed_commands"]

#: Sort position among the day's history moves (the lead's timed entries use 0..len-1).
_BEFORE_MOVES: Final = -(10**6)
_AFTER_MOVES: Final = 10**6


# -- commands ---------------------------------------------------------------------------


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
    before = [*_context_commands(s), *_participation_commands(s)]
    if s.text is not None:
        before += [
            (m.date, f"text.moves[{i}]", m.command(m.date)) for i, m in enumerate(s.text.moves)
        ]
    after = [*_obligation_commands(s), *_performance_commands(s)]
    # Stable by date within each group: the file's order decides within a day.
    before.sort(key=lambda t: t[0])
    after.sort(key=lambda t: t[0])
    out: list[Timed] = [(d, 1, _BEFORE_MOVES + i, w, cmd) for i, (d, w, cmd) in enumerate(before)]
    out += [(d, 1, _AFTER_MOVES + i, w, cmd) for i, (d, w, cmd) in enumerate(after)]
    return out


_Dated = tuple[date, str, c.Command]


def _context_commands(s: Scenario) -> list[_Dated]:
    """Conditions (dated when defined, else when they start) and events on the ground."""
    if s.context is None:
        return []
    out: list[_Dated] = []
    for i, cond in enumerate(s.context.conditions):
        on = cond.defined or cond.start
        cmd: c.Command = command_from(DefineCondition, cond, on=on)
        out.append((on, f"context.conditions[{i}]", cmd))
    for i, e in enumerate(s.context.events):
        cmd = command_from(RecordContextEvent, e, on=e.date, id=e.id or "")
        out.append((e.date, f"context.events[{i}]", cmd))
    return out


def _participation_commands(s: Scenario) -> list[_Dated]:
    """Parties leaving and returning to the talks."""
    out: list[_Dated] = []
    for i, pm in enumerate(s.participation):
        kind = LeaveTalks if pm.move == "leave" else ReturnToTalks
        cmd = kind(on=pm.date, source=pm.source, party=pm.by, note=pm.note)
        out.append((pm.date, f"participation[{i}]", cmd))
    return out


def _obligation_commands(s: Scenario) -> list[_Dated]:
    """Obligations, after the moves of their day (they may name a part the moves add)."""
    out: list[_Dated] = []
    for i, o in enumerate(s.obligations):
        cmd = command_from(AddObligation, o, on=o.date)
        out.append((o.date, f"obligations[{i}]", cmd))
    return out


def _performance_commands(s: Scenario) -> list[_Dated]:
    """Reports of how an obligation is performed."""
    return [
        (
            r.date,
            f"performance[{i}]",
            command_from(ReportPerformance, r, on=r.date),
        )
        for i, r in enumerate(s.performance)
    ]


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
