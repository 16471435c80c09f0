"""Loading a scenario file into a database: validated first, then replayed whole or not at all."""

from __future__ import annotations

from pathlib import Path

from accords import clock
from accords.errors import RefusedMove, ScenarioError

__all__ = ["example_path", "load_scenario"]


def load_scenario(file: str | Path, db: str, *, recorded_by: str = "load") -> tuple[str, int]:
    """Load ``file`` into the store at ``db``; returns the negotiation id and events appended.

    A file that fails to load leaves the database untouched: everything is
    validated, then every move is decided against the evolving state, and only
    then are all events appended in one transaction.
    """
    from accords.application import Record
    from accords.scenario.native import commands_for, read_scenario
    from accords.sealing import open_store

    name = str(file)
    scenario = read_scenario(file)
    nid = scenario.negotiation.id
    labelled = commands_for(scenario, clock.today())
    store = open_store(db)
    try:
        record = Record(store)
        if nid in record.negotiations():
            raise ScenarioError(
                name,
                "negotiation.id",
                f"negotiation {nid!r} is already in {db}; nothing was loaded",
            )
        try:
            events = record.execute_many(
                nid, [cmd for _, cmd in labelled], recorded_by=recorded_by, expected_seq=0
            )
        except RefusedMove as exc:
            where = labelled[exc.position][0] if exc.position is not None else ""
            raise ScenarioError(name, where, str(exc)) from None
        return nid, len(events)
    finally:
        store.close()


def example_path(name: str) -> Path:
    """A built-in example: from the checkout's ``examples/``, or the copy in the package."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[3] / "examples" / name, here.parents[1] / "examples" / name):
        if candidate.is_file():
            return candidate
    raise ScenarioError(name, "", "built-in example not found (is the package installed whole?)")
