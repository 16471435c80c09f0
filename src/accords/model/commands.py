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
class AcceptFramework(Command):
    party: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Propose(Command):
    part: str
    option: str
    party: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Accept(Command):
    """Accept an option; on a numeric part a value, or with ``bound`` every value up to
    (``at-most``) or from (``at-least``) it."""

    part: str
    option: str
    party: str
    level: Level = "confirmed"
    note: str = ""
    bound: str | None = None


@dataclass(frozen=True, kw_only=True)
class Reject(Command):
    part: str
    party: str
    option: str | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Reserve(Command):
    part: str
    party: str
    note: str


@dataclass(frozen=True, kw_only=True)
class Withdraw(Command):
    part: str
    party: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Reopen(Command):
    part: str
    party: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Defer(Command):
    part: str
    party: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Confirm(Command):
    party: str


@dataclass(frozen=True, kw_only=True)
class Initial(Command):
    party: str


@dataclass(frozen=True, kw_only=True)
class Sign(Command):
    party: str


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
