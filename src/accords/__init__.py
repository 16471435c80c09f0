"""accords: the record of a negotiation over a comprehensive agreement.

Nothing is agreed until everything is agreed.
"""

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

__version__ = "0.1.0"

__all__ = [
    "AccessDenied",
    "AccordsError",
    "ConflictError",
    "IntegrityError",
    "RefusedMove",
    "ScenarioError",
    "StoreError",
    "UnknownReference",
    "__version__",
]
