"""The negotiating text: clauses of each part, their wordings, alternatives and stances.

A part's *terms* are its options; its *text* is a list of clauses. Each clause holds
one or more alternatives (the ``[A][B]`` of a bracketed draft), each with its
numbered wordings, and each party's stance on it. A clause's status follows the
same lifecycle as a part's (DESIGN.md, "States of a part") and is derived, never
set: the highest level at which the part's sign-off rule is met on one and the same
alternative *in its current wording*; below that ``bracketed`` when alternatives
stand side by side or a party has bracketed the text, ``proposed`` when one wording
is on the table, ``open`` when the clause is a heading with no text yet. Through the
package only: ``agreed`` → ``initialled`` → ``signed``. Side states: ``withdrawn``
(every alternative withdrawn) and ``deferred`` (its part is deferred).

The fold keeps plain JSON-able data in ``state.layers["clauses"]`` (so snapshots
carry it); :func:`clauses` and :func:`clause_status` are the typed views.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.decide import (
    _decide,
    _event,
    _gate,
    _new_id,
    _not_deferred,
    _open_for_changes,
    _part,
    _party,
    register_check,
)
from accords.model.events import Event
from accords.model.framework import LEVELS, Level, level_rank
from accords.model.state import State, register_handler

__all__ = [
    "CLAUSE_STATUSES",
    "AcceptClause",
    "AmendClause",
    "BracketClause",
    "Clause",
    "ClauseAlternative",
    "ClauseStance",
    "ClauseStatus",
    "ReserveClause",
    "TableClause",
    "WithdrawClause",
    "Wording",
    "clause_number",
    "clause_status",
    "clauses",
    "find_clause",
]

LAYER: Final = "clauses"

CLAUSE_STATUSES: Final = (
    "open",
    "proposed",
    "bracketed",
    "agreed-in-principle",
    "agreed-ad-ref",
    "confirmed",
    "agreed",
    "initialled",
    "signed",
    "withdrawn",
    "deferred",
)
_LEVEL_STATUS: Final = {
    "principle": "agreed-in-principle",
    "ad-ref": "agreed-ad-ref",
    "confirmed": "confirmed",
}
ClauseStanceKind = Literal["supports", "accepts", "reserves", "brackets", "silent"]


# -- typed views -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wording:
    """One version of an alternative's text: who wrote it and when."""

    number: int
    text: str
    by: str
    on: date


@dataclass(frozen=True, slots=True)
class ClauseAlternative:
    """One candidate wording of a clause, ``A`` or ``B`` in ``[A][B]``."""

    id: str
    wordings: tuple[Wording, ...]
    tabled_by: tuple[str, ...]
    withdrawn: bool = False

    @property
    def text(self) -> str:
        return self.wordings[-1].text

    @property
    def version(self) -> int:
        return self.wordings[-1].number


@dataclass(frozen=True, slots=True)
class ClauseStance:
    """A party's stance on a clause; an acceptance is of one wording (``version``)."""

    kind: ClauseStanceKind
    alternative: str | None = None
    level: Level | None = None
    version: int | None = None
    note: str = ""
    on: date | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    part: str
    title: str
    alternatives: tuple[ClauseAlternative, ...]
    stances: Mapping[str, ClauseStance]
    source: str | None = None

    def alternative(self, alt_id: str) -> ClauseAlternative | None:
        for a in self.alternatives:
            if a.id == alt_id:
                return a
        return None

    def live(self) -> tuple[ClauseAlternative, ...]:
        """The alternatives still on the table."""
        return tuple(a for a in self.alternatives if not a.withdrawn)


@dataclass(frozen=True, slots=True)
class ClauseStatus:
    """A clause's derived status, the alternative and level that earned it, and its backers."""

    status: str
    alternative: str | None = None
    level: Level | None = None
    backers: tuple[str, ...] = ()


def _layer(state: State) -> dict[str, Any]:
    layer: dict[str, Any] = state.layers.setdefault(LAYER, {"order": [], "clauses": {}})
    return layer


def _to_clause(cid: str, raw: Mapping[str, Any]) -> Clause:
    alts = tuple(
        ClauseAlternative(
            id=aid,
            wordings=tuple(
                Wording(n, text, by, date.fromisoformat(on))
                for n, (text, by, on) in enumerate(a["wordings"], start=1)
            ),
            tabled_by=tuple(a["tabled_by"]),
            withdrawn=bool(a["withdrawn"]),
        )
        for aid, a in raw["alternatives"].items()
    )
    stances = {
        party: ClauseStance(
            kind=s[0],
            alternative=s[1],
            level=s[2],
            version=s[3],
            note=s[4],
            on=date.fromisoformat(s[5]) if s[5] else None,
        )
        for party, s in raw["stances"].items()
    }
    return Clause(cid, raw["part"], raw["title"], alts, stances, raw.get("source"))


def clauses(state: State, part: str | None = None) -> list[Clause]:
    """The clauses in the order they were tabled, of one part or of all."""
    layer = state.layers.get(LAYER)
    if not layer:
        return []
    out = [_to_clause(cid, layer["clauses"][cid]) for cid in layer["order"]]
    return [cl for cl in out if part is None or cl.part == part]


def find_clause(state: State, clause_id: str) -> Clause:
    layer = state.layers.get(LAYER)
    raw = layer["clauses"].get(clause_id) if layer else None
    if raw is None:
        known = ", ".join(layer["order"]) if layer and layer["order"] else "none yet"
        raise UnknownReference(f"unknown clause {clause_id!r}; known clauses: {known}")
    return _to_clause(clause_id, raw)


def clause_number(state: State, clause: Clause) -> str:
    """``2.3``: the part's place in the framework, then the clause's place in its part."""
    part_no = list(state.parts).index(clause.part) + 1
    mine = [cl.id for cl in clauses(state, clause.part)]
    return f"{part_no}.{mine.index(clause.id) + 1}"


def backers(state: State, clause: Clause, alt: ClauseAlternative) -> tuple[str, ...]:
    """Who backs an alternative: those who tabled it and signatories who support or accept it."""
    who = list(alt.tabled_by)
    for party, s in clause.stances.items():
        backs = s.alternative == alt.id and s.kind in ("supports", "accepts", "reserves")
        if backs and party not in who:
            who.append(party)
    return tuple(who)


def clause_status(state: State, clause: Clause) -> ClauseStatus:
    """The status DESIGN.md defines, derived from the signatories' stances on the wording."""
    ps = state.parts[clause.part]
    raw = _provisional(state, clause)
    agreement = state.agreement()
    if agreement != "not-agreed" and raw.status not in ("withdrawn",):
        word = "agreed" if agreement == "concluded" else agreement
        return ClauseStatus(word, raw.alternative, raw.level, raw.backers)
    if ps.deferred and raw.status != "withdrawn":
        return ClauseStatus("deferred")
    return raw


def _provisional(state: State, clause: Clause) -> ClauseStatus:
    part = state.parts[clause.part].part
    if clause.alternatives and not clause.live():
        return ClauseStatus("withdrawn")
    live = clause.live()
    for level in reversed(LEVELS):
        rank = level_rank(level)
        for alt in live:
            accepted = tuple(
                p
                for p in part.signatories
                if (s := clause.stances.get(p)) is not None
                and s.kind == "accepts"
                and s.alternative == alt.id
                and s.version == alt.version
                and s.level is not None
                and level_rank(s.level) >= rank
            )
            if part.rule.satisfied(accepted, part.signatories):
                return ClauseStatus(_LEVEL_STATUS[level], alt.id, level, accepted)
    contested = any(s.kind == "brackets" for s in clause.stances.values())
    if len(live) >= 2 or (live and contested):
        return ClauseStatus("bracketed")
    if live:
        return ClauseStatus("proposed", live[0].id, None, backers(state, clause, live[0]))
    return ClauseStatus("open")


# -- commands ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TableClause(c.Command):
    """Table a clause in a part: its first wording (alternative ``A``), or an empty heading."""

    part: str
    clause: str
    party: str
    text: str = ""
    alternative: str = "A"
    title: str = ""


@dataclass(frozen=True, kw_only=True)
class AmendClause(c.Command):
    """A new wording of one alternative; acceptances of the old wording no longer count."""

    clause: str
    alternative: str
    party: str
    text: str


@dataclass(frozen=True, kw_only=True)
class BracketClause(c.Command):
    """Contest a clause: with ``text``, table an alternative wording beside it."""

    clause: str
    party: str
    alternative: str | None = None
    text: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class AcceptClause(c.Command):
    clause: str
    alternative: str
    party: str
    level: Level = "confirmed"
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ReserveClause(c.Command):
    clause: str
    party: str
    note: str


@dataclass(frozen=True, kw_only=True)
class WithdrawClause(c.Command):
    """Withdraw a stance; naming an alternative one tabled withdraws that wording too."""

    clause: str
    party: str
    alternative: str | None = None
    note: str = ""


def _drafter(state: State, party: str) -> None:
    _party(state, party)
    role = state.parties[party].role
    if role in ("host", "observer"):
        raise RefusedMove(f"{party!r} is a {role} and does not draft text")


def _clause_signatory(state: State, clause: Clause, party: str, doing: str) -> None:
    _party(state, party)
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
    ps = _part(state, clause.part)
    _open_for_changes(state, ps)
    _not_deferred(ps)
    _gate(state, ps)


@_decide.register
def _(cmd: TableClause, state: State) -> Event:
    ps = _part(state, cmd.part)
    _drafter(state, cmd.party)
    layer = state.layers.get(LAYER, {"clauses": {}})
    _new_id("clause", cmd.clause, list(layer["clauses"]))
    _open_for_changes(state, ps)
    _not_deferred(ps)
    _gate(state, ps)
    if cmd.text.strip():
        _new_id("alternative", cmd.alternative, [])
    elif not cmd.title.strip():
        raise RefusedMove(f"clause {cmd.clause!r} needs a text, or at least a title (a heading)")
    return _event(
        "clause-tabled",
        cmd,
        part=cmd.part,
        clause=cmd.clause,
        party=cmd.party,
        alternative=cmd.alternative if cmd.text.strip() else None,
        text=cmd.text.strip(),
        title=cmd.title.strip(),
    )


@_decide.register
def _(cmd: AmendClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _drafter(state, cmd.party)
    _editable(state, clause)
    alt = _live_alt(clause, cmd.alternative)
    if not cmd.text.strip():
        raise RefusedMove("an amendment needs the new text")
    if cmd.text.strip() == alt.text:
        raise RefusedMove(f"{cmd.clause}:{cmd.alternative} already reads so")
    return _event(
        "clause-amended",
        cmd,
        clause=cmd.clause,
        alternative=cmd.alternative,
        party=cmd.party,
        text=cmd.text.strip(),
    )


@_decide.register
def _(cmd: BracketClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _drafter(state, cmd.party)
    _editable(state, clause)
    if cmd.text.strip():
        if not cmd.alternative:
            raise RefusedMove("an alternative wording needs an id (e.g. B)")
        _new_id("alternative", cmd.alternative, [a.id for a in clause.alternatives])
    elif cmd.alternative:
        raise RefusedMove(f"alternative {cmd.alternative!r} needs its text")
    elif not clause.live():
        raise RefusedMove(f"clause {cmd.clause!r} has no text to bracket; table a wording")
    else:
        s = clause.stances.get(cmd.party)
        if s is not None and s.kind == "brackets":
            raise RefusedMove(f"{cmd.party!r} has already bracketed clause {cmd.clause!r}")
    return _event(
        "clause-bracketed",
        cmd,
        clause=cmd.clause,
        party=cmd.party,
        alternative=cmd.alternative if cmd.text.strip() else None,
        text=cmd.text.strip(),
        note=cmd.note,
    )


@_decide.register
def _(cmd: AcceptClause, state: State) -> Event:
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
    return _event(
        "clause-accepted",
        cmd,
        clause=cmd.clause,
        alternative=alt.id,
        version=alt.version,
        party=cmd.party,
        level=cmd.level,
        note=cmd.note,
    )


@_decide.register
def _(cmd: ReserveClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _clause_signatory(state, clause, cmd.party, "enter a reservation on")
    if not cmd.note.strip():
        raise RefusedMove("a reservation needs a note saying what is reserved")
    _editable(state, clause)
    return _event("clause-reserved", cmd, clause=cmd.clause, party=cmd.party, note=cmd.note.strip())


@_decide.register
def _(cmd: WithdrawClause, state: State) -> Event:
    clause = find_clause(state, cmd.clause)
    _party(state, cmd.party)
    ps = _part(state, clause.part)
    _open_for_changes(state, ps)
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
    return _event(
        "clause-withdrawn",
        cmd,
        clause=cmd.clause,
        party=cmd.party,
        alternative=cmd.alternative,
        note=cmd.note,
    )


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


register_check(c.Confirm, _text_is_clean)


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


def _tabled(s: State, p: Mapping[str, Any], on: date) -> None:
    layer = _layer(s)
    alts: dict[str, Any] = {}
    raw = {
        "part": p["part"],
        "title": p.get("title", ""),
        "alternatives": alts,
        "stances": {},
        "source": p.get("source"),
    }
    if p.get("alternative"):
        alts[p["alternative"]] = {
            "wordings": [[p["text"], p["party"], on.isoformat()]],
            "tabled_by": [p["party"]],
            "withdrawn": False,
        }
        if _signatory(s, raw, p["party"]):
            raw["stances"][p["party"]] = _stance("supports", p["alternative"], None, None, "", on)
    layer["clauses"][p["clause"]] = raw
    layer["order"].append(p["clause"])


def _amended(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _layer(s)["clauses"][p["clause"]]
    alt = raw["alternatives"][p["alternative"]]
    alt["wordings"].append([p["text"], p["party"], on.isoformat()])
    if _signatory(s, raw, p["party"]):
        raw["stances"][p["party"]] = _stance("supports", p["alternative"], None, None, "", on)


def _bracketed(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _layer(s)["clauses"][p["clause"]]
    party = p["party"]
    if p.get("alternative"):
        raw["alternatives"][p["alternative"]] = {
            "wordings": [[p["text"], party, on.isoformat()]],
            "tabled_by": [party],
            "withdrawn": False,
        }
        if _signatory(s, raw, party):
            raw["stances"][party] = _stance(
                "supports", p["alternative"], None, None, p.get("note", ""), on
            )
    else:
        raw["stances"][party] = _stance("brackets", None, None, None, p.get("note", ""), on)


def _accepted(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _layer(s)["clauses"][p["clause"]]
    raw["stances"][p["party"]] = _stance(
        "accepts", p["alternative"], p["level"], int(p["version"]), p.get("note", ""), on
    )


def _reserved(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _layer(s)["clauses"][p["clause"]]
    old = raw["stances"].get(p["party"])
    alt, level, version = (old[1], old[2], old[3]) if old else (None, None, None)
    raw["stances"][p["party"]] = _stance("reserves", alt, level, version, p["note"], on)


def _withdrawn(s: State, p: Mapping[str, Any], on: date) -> None:
    raw = _layer(s)["clauses"][p["clause"]]
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


register_handler("clause-tabled", _tabled)
register_handler("clause-amended", _amended)
register_handler("clause-bracketed", _bracketed)
register_handler("clause-accepted", _accepted)
register_handler("clause-reserved", _reserved)
register_handler("clause-withdrawn", _withdrawn)
