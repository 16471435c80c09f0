"""The options ``accords part add --numeric`` turns into a numeric part's range."""

from __future__ import annotations

from typing import Any

from accords.cli._app import fail
from accords.model.numeric import to_decimal

__all__ = ["numeric_spec"]


def numeric_spec(
    numeric: bool, low: str | None, high: str | None, step: str, unit: str
) -> dict[str, Any] | None:
    """The range for :class:`~accords.model.commands.AddPart`, or ``None`` for a part of
    options; integer unless --min, --max or --step has a fraction (then decimal)."""
    if not numeric:
        if low is not None or high is not None or unit:
            fail("--min, --max and --unit describe a numeric part: add --numeric")
        return None
    if low is None or high is None:
        fail("a numeric part needs --min and --max")
    try:
        whole = all((d := to_decimal(x)) == d.to_integral_value() for x in (low, high, step))
    except ValueError as exc:
        fail(f"--min/--max/--step: {exc}")
    kind = "integer" if whole else "decimal"
    return {"kind": kind, "min": low, "max": high, "step": step, "unit": unit}
