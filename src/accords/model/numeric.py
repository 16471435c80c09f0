"""Numeric parts: a term that is a number in a range (months, troops, prisoners, days).

A numeric part has no labelled options: its options are the values of its
:class:`NumericRange` (``min`` to ``max`` in steps of ``step``), named by their
canonical decimal text (``"14"``, ``"2.5"``), so a proposal, a linkage end
(``withdrawal:14``) and an analysis option all name a value the same way.

A stance on a numeric part holds a value and, optionally, a bound: ``at-most 14``
admits every value of the range up to 14, ``at-least 5000`` every value from 5000
up, no bound only the value itself. Values are :class:`~decimal.Decimal` so that
``0.1 + 0.2`` steps land exactly on the grid. Pure: no I/O.

How a numeric part's status is derived (DESIGN.md "States of a part", for numbers):

- a **candidate** is a value on the table: tabled by a proposal or accepted as a value;
- a candidate is agreed at a level when the signatories whose ``accepts`` stances at that
  level or higher *admit* it satisfy the part's sign-off rule; the status is the highest
  such level, and among candidates at that level the first tabled wins;
- otherwise the part is ``bracketed`` when two or more signatories hold positions
  (supports, accepts or reserves, a value or a bound) and no value of the range is
  admitted by all of those positions (they back different values);
- otherwise ``proposed`` when any value or bound is on the table, ``open`` when none is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any, Final, Literal, get_args

from accords.errors import InvalidNumber

__all__ = [
    "BOUNDS",
    "GRID_LIMIT",
    "Bound",
    "NumericKind",
    "NumericRange",
    "admits",
    "common_interval",
    "position_label",
]

NumericKind = Literal["integer", "decimal"]
NUMERIC_KINDS: Final = get_args(NumericKind)
Bound = Literal["at-most", "at-least"]
BOUNDS: Final[tuple[Bound, ...]] = get_args(Bound)
#: The most values a numeric part may have: the outcome space lists each one.
GRID_LIMIT: Final = 100_000


def to_decimal(value: object) -> Decimal:
    """A number from an int, a float (by its shortest text), or text such as ``5,000``.

    Raises ValueError with a message a user can act on.
    """
    if isinstance(value, bool):
        raise InvalidNumber(f"{value!r} is not a number")
    text = str(value).strip().replace(",", "").replace("_", "")
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise InvalidNumber(f"{value!r} is not a number") from None
    if not d.is_finite():
        raise InvalidNumber(f"{value!r} is not a finite number")
    return d


def _text(value: Decimal) -> str:
    """Canonical decimal text: no exponent, no trailing zeros (``14``, ``2.5``)."""
    out = format(value.normalize(), "f")
    return "0" if out in ("-0", "") else out


@dataclass(frozen=True, slots=True)
class NumericRange:
    """The values a numeric part may take: ``min``, ``min + step``, ..., up to ``max``."""

    kind: NumericKind
    min: Decimal
    max: Decimal
    step: Decimal
    unit: str = ""

    @classmethod
    def make(
        cls, kind: str, low: object, high: object, step: object = 1, unit: str = ""
    ) -> NumericRange:
        """A checked range; ValueError names the first thing wrong with it."""
        if kind not in NUMERIC_KINDS:
            raise InvalidNumber(f"unknown numeric kind {kind!r}; use integer or decimal")
        lo, hi, st = to_decimal(low), to_decimal(high), to_decimal(step)
        if hi < lo:
            raise InvalidNumber(f"max {_text(hi)} is below min {_text(lo)}")
        if st <= 0:
            raise InvalidNumber(f"step {_text(st)} must be positive")
        if kind == "integer" and any(x != x.to_integral_value() for x in (lo, hi, st)):
            raise InvalidNumber("an integer part has a whole min, max and step")
        out = cls(kind, lo, hi, st, unit.strip())  # type: ignore[arg-type]
        if out.size() > GRID_LIMIT:
            raise InvalidNumber(
                f"{out.describe()} has {out.size():,} values; at most {GRID_LIMIT:,} "
                "(use a coarser step)"
            )
        return out

    def size(self) -> int:
        """How many values the range holds."""
        return int((self.max - self.min) // self.step) + 1

    def grid(self) -> tuple[str, ...]:
        """Every value, as canonical text, in ascending order: the part's options."""
        return tuple(_text(self.min + i * self.step) for i in range(self.size()))

    def on_grid(self, value: Decimal) -> bool:
        return self.min <= value <= self.max and (value - self.min) % self.step == 0

    def canonical(self, value: object) -> str:
        """The value's canonical text; ValueError says why a value does not fit."""
        d = to_decimal(value)
        if not self.min <= d <= self.max:
            raise InvalidNumber(f"{_text(d)} is outside {self.describe()}")
        if not self.on_grid(d):
            raise InvalidNumber(f"{_text(d)} is not on {self.describe()}")
        return _text(d)

    def label(self, value: str | Decimal) -> str:
        """``14 months``, ``5,000 prisoners``: a value as the text and the board show it."""
        d = to_decimal(value)
        whole = d == d.to_integral_value()
        num = f"{int(d):,}" if whole else f"{d.normalize():,f}"
        return f"{num} {self.unit}" if self.unit else num

    def describe(self) -> str:
        """``0 to 24 months in steps of 1``."""
        unit = f" {self.unit}" if self.unit else ""
        return f"{_text(self.min)} to {_text(self.max)}{unit} in steps of {_text(self.step)}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for events and snapshots (numbers as exact text)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "min": _text(self.min),
            "max": _text(self.max),
            "step": _text(self.step),
        }
        if self.unit:
            out["unit"] = self.unit
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NumericRange:
        return cls.make(
            str(data.get("kind", "integer")),
            data["min"],
            data["max"],
            data.get("step", 1),
            str(data.get("unit", "")),
        )


def admits(value: str, bound: Bound | None, candidate: str) -> bool:
    """Whether a position (``value`` with an optional ``bound``) admits ``candidate``."""
    v, c = to_decimal(value), to_decimal(candidate)
    if bound == "at-most":
        return c <= v
    if bound == "at-least":
        return c >= v
    return c == v


def common_interval(
    rng: NumericRange, positions: Iterable[tuple[str, Bound | None]]
) -> tuple[Decimal, Decimal] | None:
    """The values of ``rng`` every position admits, as ``(lowest, highest)``, or ``None``."""
    lo, hi = rng.min, rng.max
    for value, bound in positions:
        v = to_decimal(value)
        if bound != "at-most":
            lo = max(lo, v)
        if bound != "at-least":
            hi = min(hi, v)
    if lo > hi:
        return None
    first = rng.min + ((lo - rng.min) / rng.step).to_integral_value(ROUND_CEILING) * rng.step
    last = rng.min + ((hi - rng.min) / rng.step).to_integral_value(ROUND_FLOOR) * rng.step
    if first > last:
        return None
    return first, last


def position_label(rng: NumericRange, value: str, bound: Bound | None) -> str:
    """``at most 14 months``, ``18 months``: a position in words."""
    text = rng.label(value)
    if bound is None:
        return text
    return f"{bound.replace('-', ' ')} {text}"
