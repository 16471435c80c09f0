"""Value curves of numeric parts: piecewise linear over anchor points, exactly.

A party's preferences on a numeric part give a value at a few *anchor* values of
its range; every value of the range is worth the straight-line interpolation
between the two anchors around it, and values beyond the first or last anchor are
worth that anchor's value (the curve is flat outside the anchors). This is the
shape of GENIUS's integer and real evaluators (linear, clamped), with more kinks
allowed.

The interpolation is done in exact rational arithmetic and rounded to a float
once, so each value is the float nearest the true one, whatever the step.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from fractions import Fraction

from accords.errors import InvalidNumber
from accords.model.numeric import NumericRange, to_decimal

__all__ = ["curve_values"]


def curve_values(
    rng: NumericRange, anchors: Mapping[str, float], grid: Sequence[str] | None = None
) -> tuple[float, ...]:
    """The value of every value of ``rng`` (or of ``grid``), from the anchors.

    Raises ValueError when an anchor lies outside the range or is given twice in
    two spellings (``12`` and ``12.0``); no anchors at all give zeros.
    """
    points: dict[Fraction, Fraction] = {}
    for key, value in anchors.items():
        x = Fraction(to_decimal(rng.canonical(key)))
        if x in points:
            raise InvalidNumber(f"anchor {key!r} is given twice")
        points[x] = Fraction(value)
    values = rng.grid() if grid is None else grid
    if not points:
        return tuple(0.0 for _ in values)
    xs = sorted(points)
    ys = [points[x] for x in xs]
    out: list[float] = []
    for text in values:
        g = Fraction(to_decimal(text))
        i = bisect_right(xs, g)
        if i == 0:
            out.append(float(ys[0]))
        elif i == len(xs):
            out.append(float(ys[-1]))
        else:
            x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
            out.append(float(y0 + (y1 - y0) * (g - x0) / (x1 - x0)))
    return tuple(out)
