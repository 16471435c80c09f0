"""accords: the record of a negotiation over a comprehensive agreement.

Nothing is agreed until everything is agreed. The public API is re-exported
here; it loads lazily, so ``import accords`` (and the CLI's start-up) stays cheap::

    from accords import Record, open_store, package_line
    record = Record(open_store("accords.db"))
    state = record.state(record.resolve(None))
    print(package_line(state))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accords._lazy import exports
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


#: Each name of the ``TYPE_CHECKING`` imports is imported from its module on first use;
#: ``dir()`` is ``__all__`` (accords._lazy).
__getattr__ = exports(__name__, __file__, globals())
