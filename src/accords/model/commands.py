"""Commands: what a user asks to record. ``decide`` checks each against the state.

Every command says when it happened in the world (``on``), optionally in which
round, and where that is known from (``source``). They are plain values, built by
the CLI, the API and the scenario loader alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from accords.model.framework import Level, LinkageKind, Role

__all__ = [
    "Accept",
    "AcceptFramework",
    "AddLinkage",
    "AddOption",
    "AddPart",
    "AddParty",
    "CloseRound",
    "Command",
    "Confirm",
    "CreateNegotiation",
    "Defer",
    "Initial",
    "OpenRound",
    "PartFields",
    "PartyFields",
    "Propose",
    "RecordNote",
    "Reject",
    "Reopen",
    "Reserve",
    "SetPreferences",
    "Sign",
    "Withdraw",
]


@dataclass(frozen=True, kw_only=True)
class Command:
    """What every command carries: the day it happened in the world (which may be
    back-filled), the round it happened in, and where that is known from."""

    on: date
    round: int | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class CreateNegotiation(Command):
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class AddParty(Command):
    id: str
    name: str
    role: Role = "party"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AddPart(Command):
    id: str
    title: str
    text: str = ""
    signatories: tuple[str, ...] = ()
    rule: Mapping[str, Any] = field(default_factory=lambda: {"kind": "unanimity"})
    options: tuple[tuple[str, str], ...] = ()
    #: A numeric part's range: ``{"kind", "min", "max", "step", "unit"}`` (no options then).
    numeric: Mapping[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class AddOption(Command):
    part: str
    id: str
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class AddLinkage(Command):
    kind: LinkageKind
    from_: str
    to: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class OpenRound(Command):
    number: int
    venue: str = ""
    attended: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    refusals: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class CloseRound(Command):
    number: int
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class PartyFields:
    """The field of a move a party makes: mixed into the moves below, before ``Command``.

    Not a command itself (``decide`` has a handler for every command class); a move
    that adds no field to its mixin still is a dataclass of its own, told apart by its class.
    """

    party: str


@dataclass(frozen=True, kw_only=True)
class PartFields(PartyFields):
    """The fields of a party's move on one part, with a note: the stances and side moves."""

    part: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class AcceptFramework(PartyFields, Command):
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Propose(PartFields, Command):
    option: str


@dataclass(frozen=True, kw_only=True)
class Accept(PartFields, Command):
    """Accept an option; on a numeric part a value, or with ``bound`` every value up to
    (``at-most``) or from (``at-least``) it."""

    option: str
    level: Level = "confirmed"
    bound: str | None = None


@dataclass(frozen=True, kw_only=True)
class Reject(PartFields, Command):
    """Reject a part, or (with ``option``) one option or value of it."""

    option: str | None = None


@dataclass(frozen=True, kw_only=True)
class Reserve(PartFields, Command):
    """Enter a reservation: the note says what is reserved (``decide`` refuses a blank one)."""

    note: str = field()  # required here: ``field()`` hides the base's default


@dataclass(frozen=True, kw_only=True)
class Withdraw(PartFields, Command):
    """Withdraw an acceptance or a proposal on a part."""


@dataclass(frozen=True, kw_only=True)
class Reopen(PartFields, Command):
    """Reopen a part: its acceptances fall back to proposals."""


@dataclass(frozen=True, kw_only=True)
class Defer(PartFields, Command):
    """Set a part aside for later."""


@dataclass(frozen=True, kw_only=True)
class Confirm(PartyFields, Command):
    """Confirm the whole package as it now stands."""


@dataclass(frozen=True, kw_only=True)
class Initial(PartyFields, Command):
    """Initial the concluded package."""


@dataclass(frozen=True, kw_only=True)
class Sign(PartyFields, Command):
    """Sign the concluded package."""


@dataclass(frozen=True, kw_only=True)
class RecordNote(Command):
    """A private note: visible only to its party (and the mediator)."""

    party: str
    text: str
    part: str | None = None


@dataclass(frozen=True, kw_only=True)
class SetPreferences(Command):
    party: str
    preferences: Mapping[str, Any]
