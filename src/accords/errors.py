"""The one tree of accords' domain exceptions.

Callers catch :class:`AccordsError` to tell a user's mistake from a bug: every
leaf carries a message written for the person who made the mistake, and the CLI,
the API and the pages print that message and nothing else.

    AccordsError
    ├── RefusedMove (ValueError)          a move the rules do not allow; nothing appended
    │   └── UnknownReference (LookupError) an unknown party, part, option, round or negotiation
    ├── ScenarioError (ValueError)         a scenario file that cannot load: file, field, reason
    ├── ArticleError (ValueError)          an article that cannot be read: file, reason
    ├── ConflictError                      a stale writer: the log moved on since it was read
    ├── IntegrityError                     the hash chain does not verify
    ├── AccessDenied (PermissionError)     a viewer asked for what it may not see
    ├── AnalysisError (ArithmeticError)    numbers the analysis cannot compute with (overflow)
    └── StoreError                         the database cannot be opened or used
"""

from __future__ import annotations

__all__ = [
    "AccessDenied",
    "AccordsError",
    "AnalysisError",
    "ArticleError",
    "ConflictError",
    "IntegrityError",
    "RefusedMove",
    "ScenarioError",
    "StoreError",
    "UnknownReference",
]


class AccordsError(Exception):
    """Base of every error accords raises on purpose."""


class RefusedMove(AccordsError, ValueError):
    """A command the state does not allow; its message names what is missing."""

    #: In a batch of commands, the index of the one refused (set by the application layer).
    position: int | None = None


class UnknownReference(RefusedMove, LookupError):
    """A command or query names something the record does not hold."""


class ScenarioError(AccordsError, ValueError):
    """A scenario file that cannot be loaded.

    The message always reads ``FILE: FIELD.PATH: reason`` so a user can go
    straight to the line at fault.
    """

    def __init__(self, file: str, path: str, reason: str) -> None:
        self.file = file
        self.path = path
        self.reason = reason
        where = f"{file}: {path}" if path else file
        super().__init__(f"{where}: {reason}")


class ArticleError(AccordsError, ValueError):
    """An article (news text or HTML) that cannot be read: empty, binary, too large, not English.

    The message reads ``FILE: reason``; an ingest that meets one records nothing.
    """

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")


class ConflictError(AccordsError):
    """An append whose expected sequence number is no longer the head of the log."""

    def __init__(self, negotiation: str, expected: int, actual: int) -> None:
        self.negotiation = negotiation
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"conflict on negotiation {negotiation!r}: expected the log to end at event "
            f"{expected}, but it ends at {actual}; re-read and try again"
        )


class IntegrityError(AccordsError):
    """The event log's hash chain is broken at a named event."""


class AccessDenied(AccordsError, PermissionError):
    """The viewer may not see or do this; the message says who may."""


class AnalysisError(AccordsError, ArithmeticError):
    """The preferences give numbers the analysis cannot compute with (an overflow, a NaN)."""


class StoreError(AccordsError):
    """The database cannot be opened, migrated or written."""
