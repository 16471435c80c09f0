"""The rules numeric parts add to the core moves, kept beside :mod:`accords.model.core`.

Each helper raises :class:`~accords.errors.RefusedMove` naming what is wrong, or
returns what the event records. Pure, like the rest of the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accords.errors import RefusedMove
from accords.model.numeric import BOUNDS, NumericRange
from accords.model.records import PartState

__all__ = ["check_bound", "check_linkage_end", "numeric_range", "refuse_labelled_option"]


def numeric_range(part: str, spec: Mapping[str, Any] | None, options: int) -> dict[str, Any] | None:
    """The range a new numeric part records, checked; refuses labelled options beside it.

    ``None`` for a part of labelled options, so its event holds no ``numeric`` key (and
    the events of existing records stay byte for byte as they were)."""
    if spec is None:
        return None
    if options:
        raise RefusedMove(
            f"part {part!r} is numeric: its options are the values of its range, "
            "so it takes no labelled options"
        )
    try:
        rng = NumericRange.from_dict(spec)
    except KeyError as exc:
        raise RefusedMove(f"numeric part {part!r} needs a {exc.args[0]}") from None
    except ValueError as exc:
        raise RefusedMove(f"numeric part {part!r}: {exc}") from None
    return rng.to_dict()


def refuse_labelled_option(ps: PartState) -> None:
    """A numeric part's options are its range's values: none can be added by name."""
    if ps.part.numeric is not None:
        raise RefusedMove(
            f"part {ps.part.id!r} is numeric ({ps.part.numeric.describe()}); "
            "propose a value instead of adding an option"
        )


def check_bound(ps: PartState, bound: str | None) -> None:
    """A bound (at-most, at-least) is a stance on a numeric part only."""
    if bound is None:
        return
    if ps.part.numeric is None:
        raise RefusedMove(
            f"part {ps.part.id!r} has labelled options, not a number: accept one option "
            f"without --{bound}"
        )
    if bound not in BOUNDS:
        raise RefusedMove(f"unknown bound {bound!r}; bounds: {', '.join(BOUNDS)}")


def check_linkage_end(ps: PartState, ref: str, option: str) -> None:
    """A requires/excludes linkage names one value of a numeric part, never a range."""
    if ps.part.numeric is None:
        return
    if ".." in option or option[:1] in ("<", ">") or option.startswith(("at-most", "at-least")):
        raise RefusedMove(
            f"a linkage names one value of numeric part {ps.part.id!r} "
            f"(e.g. {ps.part.id}:{ps.part.numeric.grid()[0]}); ranges such as {ref!r} "
            "are not supported"
        )
