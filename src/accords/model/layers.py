"""The layers of the record, listed: what the model can decide and fold.

Every command and every event type belongs to exactly one layer; :data:`LAYERS` is
the list, in the order their checks run, and :data:`DECIDE`, :data:`FOLD` and
:data:`CHECKS` are the tables :func:`~accords.model.decide.decide` and
:func:`~accords.model.fold.fold` read. Adding a layer is adding a line here (see
:mod:`accords.model.layer` for what a layer holds).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from accords.model import core, core_fold
from accords.model.clause_moves import CLAUSES
from accords.model.coding import CODING
from accords.model.commands import Command
from accords.model.context import CONTEXT
from accords.model.layer import Check, Decider, FoldHandler, Layer, NoState, ignore
from accords.model.obligations import OBLIGATIONS
from accords.model.participation import PARTICIPATION
from accords.model.people import PEOPLE

__all__ = [
    "CHECKS",
    "CLAUSES",
    "CODING",
    "CONTEXT",
    "CORE",
    "DECIDE",
    "FOLD",
    "LAYERS",
    "OBLIGATIONS",
    "PARTICIPATION",
    "PEOPLE",
    "STATEMENTS",
    "by_name",
]

#: The negotiation itself: parties, the framework, rounds, stances, notes, the package.
CORE: Final[Layer[NoState]] = Layer(
    name="core",
    decide=core.DECIDE,
    fold=core_fold.FOLD,
)

#: Statements and their verdicts (:mod:`accords.text`) are read from the log, not folded;
#: the news reader appends their events itself, so the layer has no command.
STATEMENTS: Final[Layer[NoState]] = Layer(name="statements", fold={"statement-recorded": ignore})

LAYERS: Final[tuple[Layer[Any], ...]] = (
    CORE,
    CLAUSES,
    OBLIGATIONS,
    CONTEXT,
    CODING,
    PARTICIPATION,
    PEOPLE,
    STATEMENTS,
)


#: The decide handler of each command (tests/model/test_layers.py: no command in two layers).
DECIDE: Final[Mapping[type[Command], Decider]] = {
    kind: handler for layer in LAYERS for kind, handler in layer.decide.items()
}
#: The fold handler of each event type (no event type in two layers, likewise).
FOLD: Final[Mapping[str, FoldHandler]] = {
    kind: handler for layer in LAYERS for kind, handler in layer.fold.items()
}


def _checks() -> dict[type[Command], tuple[Check, ...]]:
    out: dict[type[Command], tuple[Check, ...]] = {}
    for layer in LAYERS:
        for kind, checks in layer.checks.items():
            out[kind] = (*out.get(kind, ()), *checks)
    return out


#: The checks layers add to commands, run before the command's own handler.
CHECKS: Final[Mapping[type[Command], tuple[Check, ...]]] = _checks()


def by_name(name: str) -> Layer[Any] | None:
    """The layer called ``name`` (the key of its slice in ``state.layers``), if any."""
    for layer in LAYERS:
        if layer.name == name:
            return layer
    return None
