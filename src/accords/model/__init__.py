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
from accords.model.state import (
    PART_STATUSES,
    PartState,
    PartStatus,
    Round,
    Stance,
    State,
    evolve,
    fold,
    register_handler,
)

__all__ = [
    "CONFIDENTIAL",
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
    "register_handler",
    "status_dict",
]

# Layers on the same fold: the negotiating text, walk-outs, events on the ground and
# obligations. Importing them registers their commands, rules and event handlers.
from accords.model import clauses, coding, context, obligations, participation  # noqa: F401
