"""The layers of the record: listed once, each command and event type in one layer only."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import subprocess
import sys
from collections.abc import Mapping
from datetime import date
from typing import Any, Self

import pytest

from accords.errors import RefusedMove
from accords.model import LAYERS, Event, Layer, State, decide, fold
from accords.model import clauses as cl
from accords.model import commands as c
from accords.model import context as cx
from accords.model import layers as ls
from accords.model.events import EVENT_TYPES
from accords.model.rules import event, require_party
from draft.builders import base, run, table


def test_no_command_or_event_type_belongs_to_two_layers() -> None:
    commands = [kind for layer in LAYERS for kind in layer.decide]
    events = [kind for layer in LAYERS for kind in layer.fold]
    assert len(commands) == len(set(commands)) == len(ls.DECIDE)
    assert len(events) == len(set(events)) == len(ls.FOLD)
    assert len({layer.name for layer in LAYERS}) == len(LAYERS)


def test_every_command_class_and_event_type_has_its_layer() -> None:
    modules = ["commands", "clauses", "context", "obligations", "coding", "participation"]
    for name in modules:
        module = importlib.import_module(f"accords.model.{name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, c.Command) and cls is not c.Command:
                assert cls in ls.DECIDE, cls
    assert set(EVENT_TYPES) <= set(ls.FOLD)


def test_decide_handlers_have_names() -> None:
    for handler in ls.DECIDE.values():
        assert handler.__name__.startswith("decide_") or handler.__name__ == "handler"
    for fold_handler in ls.FOLD.values():
        assert fold_handler.__name__ != "_"


def test_checks_of_one_layer_guard_another_layers_command() -> None:
    assert cl.TableClause in ls.CLAUSES.commands
    assert ls.CHECKS[c.Confirm] and ls.CHECKS[c.Sign]


def test_slices_are_typed_and_snapshots_carry_them() -> None:
    state = run([table()], base())
    assert isinstance(state.layers["clauses"], cl.ClauseSlice)
    restored = State.from_snapshot(state.to_snapshot())
    assert restored is not None
    assert restored.layers["clauses"] == state.layers["clauses"]
    assert cl.clauses(restored) == cl.clauses(state)
    # Reading a layer never adds its slice to the state.
    assert cx.context_events(state) == []
    assert "context" not in state.layers


def test_a_snapshot_of_a_layer_this_version_lacks_is_stale() -> None:
    snapshot = run([table()], base()).to_snapshot()
    snapshot["layers"]["someone-elses"] = {}
    assert State.from_snapshot(snapshot) is None


def test_a_layer_module_imports_on_its_own_and_registers_nothing() -> None:
    # Each module stands alone (no import cycle through the list) and leaves the tables as
    # the list made them: nothing is registered on import.
    for name in ("rules", "layer", "state", "clauses", "clause_moves", "context", "fold"):
        code = (
            f"import accords.model.{name}; import accords.model.layers as ls; "
            "assert len(ls.DECIDE) == sum(len(x.decide) for x in ls.LAYERS)"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


# -- the Layer API, as a new layer would use it --------------------------------------------


@dataclasses.dataclass(slots=True)
class _Tally:
    counts: dict[str, int] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"counts": dict(self.counts)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(dict(data.get("counts", {})))


@dataclasses.dataclass(frozen=True, kw_only=True)
class _Wave(c.Command):
    party: str


def _decide_wave(cmd: _Wave, state: State) -> Event:
    require_party(state, cmd.party)
    return event("waved", cmd, party=cmd.party)


def _waved(s: State, p: Mapping[str, Any], on: date) -> None:
    counts = TALLY.slice(s).counts
    counts[p["party"]] = counts.get(p["party"], 0) + 1


TALLY: Layer[_Tally] = Layer(
    name="tally", decide={_Wave: _decide_wave}, fold={"waved": _waved}, state=_Tally
)


def test_a_layer_holds_its_rules_fold_and_slice() -> None:
    state = base()
    assert TALLY.peek(state).counts == {}
    assert "tally" not in state.layers
    wave = TALLY.decide[_Wave](_Wave(on=date(2020, 1, 1), party="us"), state)
    assert isinstance(wave, Event)
    TALLY.fold[wave.type](state, wave.payload, wave.occurred_on)
    TALLY.fold[wave.type](state, wave.payload, wave.occurred_on)
    assert TALLY.peek(state).counts == {"us": 2}
    assert TALLY.load(TALLY.slice(state).to_json()) == TALLY.peek(state)
    with pytest.raises(RefusedMove, match="unknown party 'nobody'"):
        TALLY.decide[_Wave](_Wave(on=date(2020, 1, 1), party="nobody"), state)
    # Not in LAYERS, so the model itself does not know the move.
    with pytest.raises(RefusedMove, match="unknown command _Wave"):
        decide(state, _Wave(on=date(2020, 1, 1), party="us"))
    with pytest.raises(ValueError, match="unknown event type 'waved'"):
        fold([wave], state)
