"""Specs in, commands out: one place that turns a validated spec into a model command.

The scenario loader and the HTTP API both receive the same specs (a party, a part,
a linkage, a round, a move) and must build the same commands from them, so that a
move recorded through either is validated and recorded the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from accords.model import commands as c
from accords.scenario.preferences import PreferencesSpec
from accords.scenario.schema import HistoryMove, LinkageSpec, PartSpec, PartySpec, RoundSpec

__all__ = [
    "EVENT_MOVES",
    "linkage_command",
    "move_command",
    "part_command",
    "party_command",
    "preferences_command",
    "round_commands",
]


#: The move word (as in a scenario's history) for each event a move records.
EVENT_MOVES: Final[dict[str, str]] = {
    "framework-accepted": "accept-framework",
    "option-proposed": "propose",
    "option-accepted": "accept",
    "option-rejected": "reject",
    "reservation-entered": "reserve",
    "stance-withdrawn": "withdraw",
    "part-reopened": "reopen",
    "part-deferred": "defer",
    "package-confirmed": "confirm",
    "package-initialled": "initial",
    "package-signed": "sign",
}


def party_command(p: PartySpec, on: date) -> c.AddParty:
    return c.AddParty(
        on=on, id=p.id, name=p.name, role=p.role, aliases=tuple(p.aliases), source=p.source
    )


def part_command(part: PartSpec, on: date) -> c.AddPart:
    return c.AddPart(
        on=on,
        id=part.id,
        title=part.title,
        text=part.text,
        signatories=tuple(part.signatories),
        rule=part.rule.model_dump(exclude_defaults=True) or {"kind": "unanimity"},
        options=tuple((o.id, o.text) for o in part.options),
        numeric=part.numeric.range().to_dict() if part.numeric is not None else None,
        source=part.source,
    )


def linkage_command(link: LinkageSpec, on: date) -> c.AddLinkage:
    return c.AddLinkage(
        on=on, kind=link.kind, from_=link.from_, to=link.to, note=link.note, source=link.source
    )


def preferences_command(party: str, prefs: PreferencesSpec, on: date) -> c.SetPreferences:
    return c.SetPreferences(
        on=on, party=party, preferences=prefs.model_dump(mode="json", exclude_defaults=True)
    )


def round_commands(r: RoundSpec) -> tuple[c.OpenRound, c.CloseRound | None]:
    """The opening of a round on its first day, and its closing on its last (when known)."""
    opened = c.OpenRound(
        on=r.start,
        number=r.number,
        venue=r.venue,
        attended=tuple(r.attended),
        absent=tuple(r.absent),
        refusals=tuple((x.party, tuple(x.refused_to_meet)) for x in r.refusals),
        note=r.note,
        source=r.source,
    )
    closed = c.CloseRound(on=r.end, number=r.number) if r.end is not None else None
    return opened, closed


def move_command(m: HistoryMove) -> c.Command:
    """A history entry as the command ``decide`` checks: the model's one mapping
    (:func:`accords.model.moves.move_command`), on the entry's date."""
    return m.command(m.date)
