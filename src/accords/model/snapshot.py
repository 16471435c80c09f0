"""A JSON image of a folded state, so a long log need not be folded from the start.

A snapshot is a cache, never the record: it carries :data:`SNAPSHOT_VERSION`, and
one written by another version of the fold is ignored and the log folded afresh.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from accords.model.framework import Linkage, Option, Part, Party, SignOffRule
from accords.model.layers import by_name
from accords.model.numeric import NumericRange
from accords.model.records import SNAPSHOT_VERSION, PartState, Round, Stance
from accords.model.state import State

__all__ = ["dump", "load"]


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _p(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _dates(m: Mapping[str, date]) -> dict[str, str]:
    return {k: v.isoformat() for k, v in m.items()}


def _undates(m: Mapping[str, str]) -> dict[str, date]:
    return {k: date.fromisoformat(v) for k, v in m.items()}


def dump(s: State) -> dict[str, Any]:
    return {
        "version": SNAPSHOT_VERSION,
        "id": s.id,
        "title": s.title,
        "description": s.description,
        "source": s.source,
        "parties": [[p.id, p.name, p.role, list(p.aliases), p.source] for p in s.parties.values()],
        "parts": [
            {
                "id": ps.part.id,
                "title": ps.part.title,
                "text": ps.part.text,
                "signatories": list(ps.part.signatories),
                "rule": ps.part.rule.to_dict(),
                "options": [[o.id, o.text] for o in ps.part.options],
                "source": ps.part.source,
                "numeric": ps.part.numeric.to_dict() if ps.part.numeric else None,
                "stances": {
                    p: [st.kind, st.option, st.level, st.note, _d(st.on), st.bound]
                    for p, st in ps.stances.items()
                },
                "tabled": {o: list(who) for o, who in ps.tabled.items()},
                "deferred": ps.deferred,
                "reopened_on": _d(ps.reopened_on),
            }
            for ps in s.parts.values()
        ],
        "linkages": [[lk.kind, lk.from_ref, lk.to_ref, lk.note, lk.source] for lk in s.linkages],
        "rounds": [
            [
                r.number,
                _d(r.start),
                _d(r.end),
                r.venue,
                list(r.attended),
                list(r.absent),
                [[p, list(who)] for p, who in r.refusals],
                r.note,
                r.source,
            ]
            for r in s.rounds.values()
        ],
        "framework_accepted": _dates(s.framework_accepted),
        "confirmations": _dates(s.confirmations),
        "confirmed_package": dict(s.confirmed_package),
        "concluded_on": _d(s.concluded_on),
        "initialled": _dates(s.initialled),
        "signed": _dates(s.signed),
        "preferences": s.preferences,
        "left": _dates(s.left),
        "layers": {name: piece.to_json() for name, piece in s.layers.items()},
        "events": s.events,
        "last_on": _d(s.last_on),
    }


def load(data: Mapping[str, Any]) -> State | None:
    if data.get("version") != SNAPSHOT_VERSION:
        return None
    s = State(
        id=data["id"],
        title=data["title"],
        description=data["description"],
        source=data["source"],
    )
    for pid, name, role, aliases, source in data["parties"]:
        s.parties[pid] = Party(pid, name, role, tuple(aliases), source)
    for p in data["parts"]:
        ps = _part_state(p)
        s.parts[ps.part.id] = ps
    s.linkages = [Linkage(k, a, b, n, src) for k, a, b, n, src in data["linkages"]]
    for row in data["rounds"]:
        r = _round(row)
        s.rounds[r.number] = r
    s.framework_accepted = _undates(data["framework_accepted"])
    s.confirmations = _undates(data["confirmations"])
    s.confirmed_package = dict(data["confirmed_package"])
    s.concluded_on = _p(data["concluded_on"])
    s.initialled = _undates(data["initialled"])
    s.signed = _undates(data["signed"])
    s.preferences = {k: dict(v) for k, v in data["preferences"].items()}
    s.left = _undates(data.get("left", {}))
    for name, raw in data.get("layers", {}).items():
        layer = by_name(name)
        if layer is None:  # written by a layer this version does not have: fold afresh
            return None
        s.layers[name] = layer.load(raw)
    s.events = data["events"]
    s.last_on = _p(data["last_on"])
    return s


def _part_state(p: Mapping[str, Any]) -> PartState:
    """A part and the stances, tabled options and side moves on it, as the snapshot wrote them."""
    part = Part(
        p["id"],
        p["title"],
        p["text"],
        tuple(p["signatories"]),
        SignOffRule.from_dict(p["rule"]),
        tuple(Option(i, t) for i, t in p["options"]),
        p["source"],
        NumericRange.from_dict(p["numeric"]) if p.get("numeric") else None,
    )
    return PartState(
        part=part,
        stances={
            party: Stance(kind, option, level, note, _p(on), bound)
            for party, (kind, option, level, note, on, bound) in p["stances"].items()
        },
        tabled={o: list(who) for o, who in p["tabled"].items()},
        deferred=p["deferred"],
        reopened_on=_p(p["reopened_on"]),
    )


def _round(row: Sequence[Any]) -> Round:
    """A round from its snapshot row (number, dates, venue, attendance, refusals, note)."""
    num, start, end, venue, attended, absent, refusals, note, source = row
    return Round(
        num,
        date.fromisoformat(start),
        _p(end),
        venue,
        tuple(attended),
        tuple(absent),
        tuple((p, tuple(who)) for p, who in refusals),
        note,
        source,
    )
