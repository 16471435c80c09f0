"""The one tree of accords' domain exceptions.

Callers catch :class:`AccordsError` to tell a user's mistake from a bug: every
leaf carries a message written for the person who made the mistake, and the CLI,
the API and the pages print that message and nothing else.

    AccordsError
    ├── RefusedMove (ValueError)          a move the rules do not allow; nothing appended
    │   └── UnknownReference (LookupError) an unknown party, part, option, round or negotiation
    ├── ScenarioError (ValueError)         a scenario file that cannot load: file, field, reason
    │   └── AnswersError                   an elicitation answers file: file, field, reason
    ├── ArticleError (ValueError)          an article that cannot be read: file, reason
    ├── InvalidArgument (ValueError)       a value a caller passed that an API cannot take
    ├── InvalidNumber (ValueError)         a number that is not one, or not on a part's range
    ├── InvalidType (TypeError)            a value of the wrong type (a datetime for a date)
    ├── SpaceTooLarge (ValueError)         an outcome space too large to enumerate
    ├── FrontierTooLarge (ValueError)      more tied frontier packages than allowed to list
    ├── MissingExtra (ImportError)         an optional part of accords is not installed
    ├── ConflictError                      a stale writer: the log moved on since it was read
    ├── IntegrityError                     the hash chain does not verify
    ├── AccessDenied (PermissionError)     a viewer asked for what it may not see
    ├── KeyUnavailable (PermissionError)   no key, a wrong key or an unsafe key file: sealed data
    ├── AnalysisError (ArithmeticError)    numbers the analysis cannot compute with (overflow)
    └── StoreError                         the database cannot be opened or used

``InvalidArgument`` and ``InvalidType`` are a caller's bug (a library user's, or
ours), not a user's move: a move the rules refuse is a ``RefusedMove``.
``ConflictError``, ``IntegrityError`` and ``StoreError`` have no builtin parent
that says what they are, so they subclass only ``AccordsError``.
"""

from __future__ import annotations

__all__ = [
    "AccessDenied",
    "AccordsError",
    "AnalysisError",
    "AnswersError",
    "ArticleError",
    "ConflictError",
    "FrontierTooLarge",
    "IntegrityError",
    "InvalidArgument",
    "InvalidNumber",
    "InvalidType",
    "KeyUnavailable",
    "MissingExtra",
    "RefusedMove",
    "ScenarioError",
    "SpaceTooLarge",
    "StoreError",
    "UnknownReference",
]


class AccordsError(Exception):
    """Base of every error accords raises on purpose."""


class RefusedMove(AccordsError, ValueError):
    """A command the state does not allow; its message names what is missing."""

    #: In a batch of commands, the index of the one refused (set by the application layer).
    position: int | None = None
    #: The field of a move entry at fault (``option``, ``level``), where one is: how the
    #: command line names its flag (:mod:`accords.model.moves`).
    field: str | None = None

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field


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


class AnswersError(ScenarioError):
    """An elicitation answers file (comparisons, ratings) that cannot be read or used."""


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


class KeyUnavailable(AccordsError, PermissionError):
    """Sealed (encrypted) data that cannot be read or written here: the deployment key is
    missing, is not the one that sealed the data, or lies in a file others may read."""


class AnalysisError(AccordsError, ArithmeticError):
    """The preferences give numbers the analysis cannot compute with (an overflow, a NaN)."""


class StoreError(AccordsError):
    """The database cannot be opened, migrated or written."""


class InvalidNumber(AccordsError, ValueError):
    """A value for a numeric part that is not a number, or not on the part's range and step.

    The message is the user's: the callers turn it into a refused move or a scenario error.
    """


class InvalidArgument(AccordsError, ValueError):
    """A value the API cannot take: a negative sequence number, a naive clock, an empty type.

    A programming error in the caller, named precisely so that it is found at once.
    """


class InvalidType(AccordsError, TypeError):
    """A value of the wrong type: a datetime where a date is due, a payload that is not JSON."""


class SpaceTooLarge(AccordsError, ValueError):
    """The outcome space is too large to enumerate for a simulation."""


class FrontierTooLarge(AccordsError, ValueError):
    """More tied frontier packages than the caller allowed to list."""


class MissingExtra(AccordsError, ImportError):
    """An optional part of accords is not installed; the message says what to install.

    Distinct from :class:`RefusedMove`: nothing is wrong with the move or the record,
    the installation lacks a package (``pip install 'accords[EXTRA]'``).
    """
