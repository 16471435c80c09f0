"""The pure domain core: commands are decided against a state, and a state is a fold of events.

Nothing in this package does I/O or reads a clock.
"""

from accords.model.board import PartRow, board, missing_for, package_line, status_dict
from accords.model.commands import (
    Accept,
    AcceptFramework,
    AddLinkage,
    AddOption,
    AddPart,
    AddParty,
    CloseRound,
    Command,
    Confirm,
    CreateNegotiation,
    Defer,
    Initial,
    OpenRound,
    Propose,
    RecordNote,
    Reject,
    Reopen,
    Reserve,
    SetPreferences,
    Sign,
    Withdraw,
)
from accords.model.decide import decide
from accords.model.events import CONFIDENTIAL, PACKAGE_CHANGES, STRUCTURAL, Event
from accords.model.fold import evolve, fold
from accords.model.framework import (
    LEVELS,
    LINKAGE_KINDS,
    ROLES,
    Level,
    Linkage,
    Option,
    Part,
    Party,
    SignOffRule,
)
from accords.model.layer import Layer
from accords.model.layers import LAYERS
from accords.model.records import PART_STATUSES, PartState, PartStatus, Round, Stance
from accords.model.state import State

__all__ = [
    "CONFIDENTIAL",
    "LAYERS",
    "LEVELS",
    "LINKAGE_KINDS",
    "PACKAGE_CHANGES",
    "PART_STATUSES",
    "ROLES",
    "STRUCTURAL",
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
    "Event",
    "Initial",
    "Layer",
    "Level",
    "Linkage",
    "OpenRound",
    "Option",
    "Part",
    "PartRow",
    "PartState",
    "PartStatus",
    "Party",
    "Propose",
    "RecordNote",
    "Reject",
    "Reopen",
    "Reserve",
    "Round",
    "SetPreferences",
    "Sign",
    "SignOffRule",
    "Stance",
    "State",
    "Withdraw",
    "board",
    "decide",
    "evolve",
    "fold",
    "missing_for",
    "package_line",
    "status_dict",
]
