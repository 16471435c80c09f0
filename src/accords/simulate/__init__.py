"""Simulated negotiations and tournaments over the analysis engine's problems.

Public API (re-exported here; the modules behind it are private)::

    sim = Simulation(problem, name="travel")             # once per scenario
    result = sim.run(parse_negotiators("boulware,conceder"), steps=1000, seed=1)
    result.agreement, result.outcome, result.utilities, result.history
    run_tournament(spec, out_dir, executor)               # many runs, resumable

Negotiators see only their own party's utilities (:class:`OwnView`); the mediator's
drafter sees only the public table and the parties' answers. Importing this
package is cheap: NumPy and the engine load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accords.simulate._mediator import SingleTextDrafter
    from accords.simulate._negotiators import (
        EXPONENTS,
        Nash,
        Negotiator,
        NegotiatorSpec,
        RandomBaseline,
        TimeBased,
        TitForTat,
        parse_negotiators,
    )
    from accords.simulate._protocols import Ending, Trace, alternating_offers, single_text
    from accords.simulate._run import PROTOCOLS, History, RunResult, Simulation
    from accords.simulate._table import MAX_OUTCOMES, OutcomeTable, SpaceTooLarge
    from accords.simulate._view import DrafterView, OwnView, own_view

__all__ = [
    "EXPONENTS",
    "MAX_OUTCOMES",
    "PROTOCOLS",
    "DrafterView",
    "Ending",
    "History",
    "Nash",
    "Negotiator",
    "NegotiatorSpec",
    "OutcomeTable",
    "OwnView",
    "RandomBaseline",
    "RunResult",
    "Simulation",
    "SingleTextDrafter",
    "SpaceTooLarge",
    "TimeBased",
    "TitForTat",
    "Trace",
    "alternating_offers",
    "own_view",
    "parse_negotiators",
    "single_text",
]

_WHERE = {
    "SingleTextDrafter": "_mediator",
    "EXPONENTS": "_negotiators",
    "Nash": "_negotiators",
    "Negotiator": "_negotiators",
    "NegotiatorSpec": "_negotiators",
    "RandomBaseline": "_negotiators",
    "TimeBased": "_negotiators",
    "TitForTat": "_negotiators",
    "parse_negotiators": "_negotiators",
    "Ending": "_protocols",
    "Trace": "_protocols",
    "alternating_offers": "_protocols",
    "single_text": "_protocols",
    "PROTOCOLS": "_run",
    "History": "_run",
    "RunResult": "_run",
    "Simulation": "_run",
    "MAX_OUTCOMES": "_table",
    "OutcomeTable": "_table",
    "SpaceTooLarge": "_table",
    "DrafterView": "_view",
    "OwnView": "_view",
    "own_view": "_view",
}


def __getattr__(name: str) -> Any:
    """Load the simulator (and NumPy) only when a name is first used."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'accords.simulate' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"accords.simulate.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
