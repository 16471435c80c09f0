"""accords: the record of a negotiation over a comprehensive agreement.

Nothing is agreed until everything is agreed. The public API is re-exported
here; it loads lazily, so ``import accords`` (and the CLI's start-up) stays cheap::

    from accords import Record, open_store, package_line
    record = Record(open_store("accords.db"))
    state = record.state(record.resolve(None))
    print(package_line(state))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from accords.errors import (
    AccessDenied,
    AccordsError,
    ConflictError,
    IntegrityError,
    RefusedMove,
    ScenarioError,
    StoreError,
    UnknownReference,
)

if TYPE_CHECKING:
    from accords.application import Record
    from accords.ledger import EventStore, NewEvent, StoredEvent
    from accords.model import (
        Event,
        State,
        board,
        decide,
        fold,
        package_line,
        status_dict,
    )
    from accords.scenario.load import load_scenario
    from accords.scenario.native import (
        dump_scenario,
        export_scenario,
        parse_scenario,
        read_scenario,
    )
    from accords.scenario.schema import Scenario
    from accords.sealing import open_store

__version__ = "0.1.0"

_LAZY = {
    "Record": "accords.application",
    "EventStore": "accords.ledger",
    "NewEvent": "accords.ledger",
    "StoredEvent": "accords.ledger",
    "open_store": "accords.sealing",
    "Event": "accords.model",
    "State": "accords.model",
    "board": "accords.model",
    "decide": "accords.model",
    "fold": "accords.model",
    "package_line": "accords.model",
    "status_dict": "accords.model",
    "load_scenario": "accords.scenario.load",
    "dump_scenario": "accords.scenario.native",
    "export_scenario": "accords.scenario.native",
    "parse_scenario": "accords.scenario.native",
    "read_scenario": "accords.scenario.native",
    "Scenario": "accords.scenario.schema",
}

__all__ = [
    "AccessDenied",
    "AccordsError",
    "ConflictError",
    "Event",
    "EventStore",
    "IntegrityError",
    "NewEvent",
    "Record",
    "RefusedMove",
    "Scenario",
    "ScenarioError",
    "State",
    "StoreError",
    "StoredEvent",
    "UnknownReference",
    "__version__",
    "board",
    "decide",
    "dump_scenario",
    "export_scenario",
    "fold",
    "load_scenario",
    "open_store",
    "package_line",
    "parse_scenario",
    "read_scenario",
    "status_dict",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'accords' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
