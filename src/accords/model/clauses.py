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

The fold keeps the recorded clauses in the layer's :class:`ClauseSlice` (so snapshots
carry them); :func:`clauses` and :func:`clause_status` are the typed views. The rules
and the fold of the clause moves are in :mod:`accords.model.clause_moves`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from accords.errors import UnknownReference
from accords.model import commands as c
from accords.model.framework import LEVELS, Level, level_rank
from accords.model.layer import JsonSlice, peek_slice
from accords.model.records import LEVEL_STATUS, PART_STATUSES, PartStatus
from accords.model.state import State

__all__ = [
    "CLAUSE_STATUSES",
    "AcceptClause",
    "AmendClause",
    "BracketClause",
    "Clause",
    "ClauseAlternative",
    "ClauseFields",
    "ClauseSlice",
    "ClauseStance",
    "ClauseStatus",
    "ReserveClause",
    "TableClause",
    "WithdrawClause",
    "Wording",
    "clause_number",
    "clause_slice",
    "clause_status",
    "clauses",
    "find_clause",
]

#: The layer's name: its key in ``state.layers``.
LAYER: Final = "clauses"

#: A part's statuses, in lifecycle order, with the side state a clause has of its own:
#: ``withdrawn`` (every alternative withdrawn), before ``deferred``.
CLAUSE_STATUSES: Final = (
    *PART_STATUSES[: PART_STATUSES.index("deferred")],
    "withdrawn",
    "deferred",
)
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
    """A clause of a part's text as recorded: its alternatives and each party's stance."""

    id: str
    part: str
    title: str
    alternatives: tuple[ClauseAlternative, ...]
    stances: Mapping[str, ClauseStance]
    source: str | None = None

    def alternative(self, alt_id: str) -> ClauseAlternative | None:
        """The alternative ``alt_id``, withdrawn or not, if the clause has it."""
        for a in self.alternatives:
            if a.id == alt_id:
                return a
        return None

    def live(self) -> tuple[ClauseAlternative, ...]:
        """The alternatives still on the table."""
        return tuple(a for a in self.alternatives if not a.withdrawn)


@dataclass(frozen=True, slots=True)
class ClauseStatus(PartStatus):
    """A clause's derived status, the alternative and level that earned it, and its backers.

    A clause moves through a part's states by the same rule (DESIGN.md), so its status
    is a part's status whose option is one of the clause's alternatives."""

    @property
    def alternative(self) -> str | None:
        """The alternative that earned the status (the ``option`` of a part's status)."""
        return self.option


@dataclass(slots=True)
class ClauseSlice(JsonSlice):
    """The clauses layer's state: clause ids in tabling order and each clause as recorded.

    A clause is kept as JSON (``part``, ``title``, ``alternatives`` with their wordings,
    ``stances`` as lists) so snapshots carry it as it is; :func:`clauses` reads it typed.
    """

    order: list[str] = field(default_factory=list)
    clauses: dict[str, dict[str, Any]] = field(default_factory=dict)


def clause_slice(state: State) -> ClauseSlice:
    """The recorded clauses of ``state``, to read."""
    return peek_slice(state, LAYER, ClauseSlice)


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
    layer = clause_slice(state)
    out = [_to_clause(cid, layer.clauses[cid]) for cid in layer.order]
    return [cl for cl in out if part is None or cl.part == part]


def find_clause(state: State, clause_id: str) -> Clause:
    layer = clause_slice(state)
    raw = layer.clauses.get(clause_id)
    if raw is None:
        known = ", ".join(layer.order) or "none yet"
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
                return ClauseStatus(LEVEL_STATUS[level], alt.id, level, accepted)
    contested = any(s.kind == "brackets" for s in clause.stances.values())
    if len(live) >= 2 or (live and contested):
        return ClauseStatus("bracketed")
    if live:
        return ClauseStatus("proposed", live[0].id, None, backers(state, clause, live[0]))
    return ClauseStatus("open")


# -- commands ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ClauseFields:
    """What every move on the text names: the clause, and the party who makes the move.

    A mixin of the clause commands, not a command itself (each command is decided by
    its own handler)."""

    clause: str
    party: str


@dataclass(frozen=True, kw_only=True)
class TableClause(c.Command, ClauseFields):
    """Table a clause in a part: its first wording (alternative ``A``), or an empty heading."""

    part: str
    text: str = ""
    alternative: str = "A"
    title: str = ""


@dataclass(frozen=True, kw_only=True)
class AmendClause(c.Command, ClauseFields):
    """A new wording of one alternative; acceptances of the old wording no longer count."""

    alternative: str
    text: str


@dataclass(frozen=True, kw_only=True)
class BracketClause(c.Command, ClauseFields):
    """Contest a clause: with ``text``, table an alternative wording beside it."""

    alternative: str | None = None
    text: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class AcceptClause(c.Command, ClauseFields):
    """Accept one alternative in its current wording, at a level; a new wording voids it."""

    alternative: str
    level: Level = "confirmed"
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ReserveClause(c.Command, ClauseFields):
    """A reservation on a clause: it holds the clause back until the party accepts again."""

    note: str


@dataclass(frozen=True, kw_only=True)
class WithdrawClause(c.Command, ClauseFields):
    """Withdraw a stance; naming an alternative one tabled withdraws that wording too."""

    alternative: str | None = None
    note: str = ""
