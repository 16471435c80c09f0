"""The rules and the fold of the negotiating text's moves: the clauses layer.

Tabling, amending, bracketing, accepting, reserving and withdrawing clauses, each a
command of :mod:`accords.model.clauses` with a named decide handler here, the fold
handlers of their events, and the rule they add to confirming the package: the text
too must be confirmed. :data:`CLAUSES` is the layer value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.clauses import (
    LAYER,
    AcceptClause,
    AmendClause,
    BracketClause,
    Clause,
    ClauseAlternative,
    ClauseSlice,
    ReserveClause,
    TableClause,
    WithdrawClause,
    _provisional,
    clause_slice,
    clauses,
    find_clause,
)
from accords.model.events import Event
from accords.model.framework import LEVELS
from accords.model.layer import Layer, slice_of
from accords.model.rules import (
    event_from,
    gate,
    new_id,
    not_deferred,
    open_for_changes,
    require_part,
    require_party,
)
from accords.model.state import State

__all__ = ["CLAUSES"]


def _drafter(state: State, party: str) -> None:
    require_party(state, party)
    role = state.parties[party].role
    if role in ("host", "observer"):
        raise RefusedMove(f"{party!r} is a {role} and does not draft text")


def _clause_signatory(state: State, clause: Clause, party: str, doing: str) -> None:
    require_party(state, party)
    sig = state.parts[clause.part].part.signatories
    if party not in sig:
        raise RefusedMove(
            f"{party!r} is not a signatory of part {clause.part!r} and cannot {doing} clause "
            f"{clause.id!r} (signatories: {', '.join(sig)})"
        )


def _live_alt(clause: Clause, alt_id: str) -> ClauseAlternative:
    alt = clause.alternative(alt_id)
    if alt is None or alt.withdrawn:
        ids = ", ".join(a.id for a in clause.live()) or "none"
        raise UnknownReference(
            f"clause {clause.id!r} has no alternative {alt_id!r} on the table; alternatives: {ids}"
        )
    return alt


def _editable(state: State, clause: Clause) -> None:
    ps = require_part(state, clause.part)
    open_for_changes(state, ps)
    not_deferred(ps)
    gate(state, ps)


def _wording(cmd: TableClause | BracketClause) -> dict[str, Any]:
    """The wording a move tables with its clause, if it has one: the alternative and its text
    (a heading alone, or a bracket with no new wording, records neither)."""
    text = cmd.text.strip()
    return {"alternative": cmd.alternative, "text": text} if text else {}


def decide_table_clause(cmd: TableClause, state: State) -> Event:
    ps = require_part(state, cmd.part)
    _drafter(state, cmd.party)
    new_id("clause", cmd.clause, list(clause_slice(state).clauses))
    open_for_changes(state, ps)
    not_deferred(ps)
    gate(state, ps)
    if cmd.text.strip():
        new_id("alternative", cmd.alternative, [])
    elif not cmd.title.strip():
        raise RefusedMove(f"clause {cmd.clause!r} needs a text, or at least a title (a heading)")
    title = cmd.title.strip()
    return event_from("clause-tabled", cmd, "part", "clause", "party", **_wording(cmd), title=title)


def decide_amend_clause(cmd: AmendClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _drafter(state, cmd.party)
    _editable(state, clause)
    alt = _live_alt(clause, cmd.alternative)
    if not cmd.text.strip():
        raise RefusedMove("an amendment needs the new text")
    if cmd.text.strip() == alt.text:
        raise RefusedMove(f"{cmd.clause}:{cmd.alternative} already reads so")
    return event_from(
        "clause-amended", cmd, "clause", "alternative", "party", text=cmd.text.strip()
    )


def decide_bracket_clause(cmd: BracketClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _drafter(state, cmd.party)
    _editable(state, clause)
    if cmd.text.strip():
        if not cmd.alternative:
            raise RefusedMove("an alternative wording needs an id (e.g. B)")
        new_id("alternative", cmd.alternative, [a.id for a in clause.alternatives])
    elif cmd.alternative:
        raise RefusedMove(f"alternative {cmd.alternative!r} needs its text")
    elif not clause.live():
        raise RefusedMove(f"clause {cmd.clause!r} has no text to bracket; table a wording")
    else:
        s = clause.stances.get(cmd.party)
        if s is not None and s.kind == "brackets":
            raise RefusedMove(f"{cmd.party!r} has already bracketed clause {cmd.clause!r}")
    return event_from("clause-bracketed", cmd, "clause", "party", "note", **_wording(cmd))


def decide_accept_clause(cmd: AcceptClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _clause_signatory(state, clause, cmd.party, "accept")
    if cmd.level not in LEVELS:
        raise RefusedMove(f"unknown level {cmd.level!r}; levels: {', '.join(LEVELS)}")
    _editable(state, clause)
    alt = _live_alt(clause, cmd.alternative)
    old = clause.stances.get(cmd.party)
    if (
        old is not None
        and old.kind == "accepts"
        and old.alternative == alt.id
        and old.version == alt.version
        and old.level == cmd.level
    ):
        raise RefusedMove(
            f"{cmd.party!r} already accepts {cmd.clause}:{cmd.alternative} at level {cmd.level}"
        )
    fields = ("clause", "alternative", "party", "level", "note")
    return event_from("clause-accepted", cmd, *fields, version=alt.version)


def decide_reserve_clause(cmd: ReserveClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _clause_signatory(state, clause, cmd.party, "enter a reservation on")
    if not cmd.note.strip():
        raise RefusedMove("a reservation needs a note saying what is reserved")
    _editable(state, clause)
    return event_from("clause-reserved", cmd, "clause", "party", note=cmd.note.strip())


def decide_withdraw_clause(cmd: WithdrawClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    require_party(state, cmd.party)
    ps = require_part(state, clause.part)
    open_for_changes(state, ps)
    if cmd.alternative is not None:
        alt = _live_alt(clause, cmd.alternative)
        if cmd.party not in alt.tabled_by:
            raise RefusedMove(
                f"{cmd.party!r} did not table {cmd.clause}:{cmd.alternative} and cannot withdraw it"
            )
    else:
        s = clause.stances.get(cmd.party)
        if s is None or s.kind == "silent":
            raise RefusedMove(f"{cmd.party!r} has no stance on clause {cmd.clause!r} to withdraw")
    return event_from("clause-withdrawn", cmd, "clause", "party", "alternative", "note")


def _text_is_clean(state: State, cmd: c.Confirm) -> None:
    """Nothing is agreed until everything is agreed: the text too must be confirmed."""
    pending = []
    for cl in clauses(state):
        st = _provisional(state, cl)
        if st.status not in ("confirmed", "withdrawn"):
            pending.append(f"{cl.id} ({st.status})")
    if pending:
        raise RefusedMove(
            "cannot confirm the package: the text still has clauses not confirmed by all their "
            "signatories: " + ", ".join(pending)
        )


# -- the fold ---------------------------------------------------------------------------


def _stance(
    kind: str,
    alternative: str | None,
    level: str | None,
    version: int | None,
    note: str,
    on: date,
) -> list[Any]:
    return [kind, alternative, level, version, note, on.isoformat()]


def _signatory(state: State, raw: Mapping[str, Any], party: str) -> bool:
    return party in state.parts[raw["part"]].part.signatories


def _supports(s: State, raw: dict[str, Any], p: Mapping[str, Any], on: date) -> None:
    """A signatory who tables or amends a wording supports it (others only table it)."""
    if _signatory(s, raw, p["party"]):
        raw["stances"][p["party"]] = _stance(
            "supports", p["alternative"], None, None, p.get("note", ""), on
        )


def _new_alternative(s: State, raw: dict[str, Any], p: Mapping[str, Any], on: date) -> None:
    """Put the event's wording on the table as a new alternative of the clause ``raw``."""
    raw["alternatives"][p["alternative"]] = {
        "wordings": [[p["text"], p["party"], on.isoformat()]],
        "tabled_by": [p["party"]],
        "withdrawn": False,
    }
    _supports(s, raw, p, on)


def _tabled(s: State, p: Mapping[str, Any], on: date) -> None:
    layer = _slice(s)
    raw = {
        "part": p["part"],
        "title": p.get("title", ""),
        "alternatives": {},
        "stances": {},
        "source": p.get("source"),
    }
    if p.get("alternative"):
        _new_alternative(s, raw, p, on)
    layer.clauses[p["clause"]] = raw
    layer.order.append(p["clause"])


def _amended(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _slice(s).clauses[p["clause"]]
    alt = raw["alternatives"][p["alternative"]]
    alt["wordings"].append([p["text"], p["party"], on.isoformat()])
    _supports(s, raw, p, on)


def _bracketed(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _slice(s).clauses[p["clause"]]
    if p.get("alternative"):
        _new_alternative(s, raw, p, on)
    else:
        raw["stances"][p["party"]] = _stance("brackets", None, None, None, p.get("note", ""), on)


def _accepted(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _slice(s).clauses[p["clause"]]
    raw["stances"][p["party"]] = _stance(
        "accepts", p["alternative"], p["level"], int(p["version"]), p.get("note", ""), on
    )


def _reserved(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _slice(s).clauses[p["clause"]]
    old = raw["stances"].get(p["party"])
    alt, level, version = (old[1], old[2], old[3]) if old else (None, None, None)
    raw["stances"][p["party"]] = _stance("reserves", alt, level, version, p["note"], on)


def _withdrawn(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _slice(s).clauses[p["clause"]]
    party = p["party"]
    alt_id = p.get("alternative")
    if alt_id:
        alt = raw["alternatives"][alt_id]
        if party in alt["tabled_by"]:
            alt["tabled_by"].remove(party)
        if not alt["tabled_by"]:
            alt["withdrawn"] = True
            for who, st in list(raw["stances"].items()):
                if st[1] == alt_id:
                    raw["stances"][who] = _stance("silent", None, None, None, "", on)
    if party in raw["stances"]:
        raw["stances"][party] = _stance("silent", None, None, None, p.get("note", ""), on)


def _slice(state: State) -> ClauseSlice:
    return slice_of(state, LAYER, ClauseSlice)


CLAUSES: Final[Layer[ClauseSlice]] = Layer(
    name=LAYER,
    decide={
        TableClause: decide_table_clause,
        AmendClause: decide_amend_clause,
        BracketClause: decide_bracket_clause,
        AcceptClause: decide_accept_clause,
        ReserveClause: decide_reserve_clause,
        WithdrawClause: decide_withdraw_clause,
    },
    fold={
        "clause-tabled": _tabled,
        "clause-amended": _amended,
        "clause-bracketed": _bracketed,
        "clause-accepted": _accepted,
        "clause-reserved": _reserved,
        "clause-withdrawn": _withdrawn,
    },
    checks={c.Confirm: (_text_is_clean,)},
    state=ClauseSlice,
)
