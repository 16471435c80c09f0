"""Bounds on what one command may carry: text lengths and round numbers.

The log is append-only, so whatever is accepted is kept and shown on every
dashboard for good: a 5 MB note or a round numbered 10^30 would be there
forever. The bounds live in the model, so every path that records a move (the
CLI, the API, the pages, a scenario file, the news reader) meets the same ones,
and a refusal names the field, its length and the bound.

Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from accords.errors import RefusedMove

__all__ = ["MAX_ROUND", "MAX_TEXT", "check_command", "text_limit"]

#: The highest round number any route or file may name (rounds 1 … MAX_ROUND).
MAX_ROUND: Final = 10_000
#: The longest free text (a part's text, a negotiation's description, a clause).
MAX_TEXT: Final = 100_000

_LIMITS: Final[dict[str, int]] = {
    "note": 10_000,
    "title": 1_000,
    "name": 1_000,
    "venue": 1_000,
    "label": 1_000,
    "source": 2_000,
    "id": 200,
    "party": 200,
    "part": 200,
    "option": 200,
    "from_": 200,
    "to": 200,
    "aliases": 1_000,
    "signatories": 200,
    "attended": 200,
    "absent": 200,
    "refusals": 200,
}
#: Where one command's field is held tighter than the field name alone says.
_BY_COMMAND: Final[dict[tuple[str, str], int]] = {("RecordNote", "text"): _LIMITS["note"]}
_ROUND_FIELDS: Final = ("round", "number")
_MAX_ITEMS: Final = 10_000


def text_limit(field: str) -> int:
    """The most characters the text field ``field`` may hold."""
    return _LIMITS.get(field, MAX_TEXT)


def check_command(command: object) -> None:
    """Refuse a command whose text is too long or whose round number is out of bounds."""
    if not dataclasses.is_dataclass(command):
        return
    kind = type(command).__name__
    for f in dataclasses.fields(command):
        _check(f.name, getattr(command, f.name), f.name, _BY_COMMAND.get((kind, f.name)))


def _check(field: str, value: Any, path: str, limit: int | None = None) -> None:
    if isinstance(value, str):
        limit = limit or text_limit(field)
        if len(value) > limit:
            raise RefusedMove(f"{path} is {len(value):,} characters long; the most is {limit:,}")
    elif isinstance(value, bool):
        return
    elif isinstance(value, int) and field in _ROUND_FIELDS:
        if not 1 <= value <= MAX_ROUND:
            raise RefusedMove(f"{path} must be a round number from 1 to {MAX_ROUND}, not {value}")
    elif isinstance(value, tuple | list | frozenset):
        if len(value) > _MAX_ITEMS:
            raise RefusedMove(f"{path} lists {len(value):,} items; the most is {_MAX_ITEMS:,}")
        for i, item in enumerate(value):
            _check(field, item, f"{path}[{i}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _check(f.name, getattr(value, f.name), f"{path}.{f.name}")
