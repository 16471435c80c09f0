"""Direct elicitation: a split of 100 points, option ratings, curves, red lines, a reservation.

This is the first step of a hybrid conjoint (Inspire): the delegate states
weights and value scores outright; a holistic check (rated packages, see
:func:`accords.elicit.refit_ratings`) then refits them. A numeric part's
satisfaction curve is a few anchor points joined by straight lines, evaluated
at each value of the part's grid.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from accords.elicit._profile import Profile
from accords.elicit._space import Package, Space
from accords.errors import RefusedMove

__all__ = ["Curve", "Direct", "direct_profile"]


@dataclass(frozen=True, slots=True)
class Curve:
    """A piecewise-linear satisfaction curve: anchors ``(x, score 0..100)``, sorted by x.

    Below the first anchor and above the last the curve is flat.
    """

    anchors: tuple[tuple[float, float], ...]

    def __post_init__(self) -> None:
        xs = [x for x, _ in self.anchors]
        if len(xs) < 1 or xs != sorted(set(xs)):
            raise RefusedMove("a curve needs anchors at distinct, increasing points")
        if any(not 0 <= s <= 100 for _, s in self.anchors):
            raise RefusedMove("a curve's scores run from 0 to 100")

    def __call__(self, x: float) -> float:
        pts = self.anchors
        if x <= pts[0][0]:
            return pts[0][1] / 100.0
        for (x0, s0), (x1, s1) in itertools.pairwise(pts):
            if x <= x1:
                return (s0 + (s1 - s0) * (x - x0) / (x1 - x0)) / 100.0
        return pts[-1][1] / 100.0


@dataclass(frozen=True, slots=True)
class Direct:
    """What a delegate states outright.

    ``split``: points per issue (summing to 100); ``ratings``: per issue, a 0–100
    score per value (the best need not be 100; the scores are used as given);
    ``curves``: per numeric issue, a curve used instead of ratings; ``red_lines``:
    packages containing any of these (issue, value) pairs are unacceptable;
    ``reservation``: the least satisfaction (0–100) the delegate would accept.
    """

    split: Mapping[str, float]
    ratings: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    curves: Mapping[str, Curve] = field(default_factory=dict)
    red_lines: Sequence[tuple[str, str]] = ()
    reservation: float = 0.0

    def acceptable(self, package: Package) -> bool:
        """False when the package crosses a red line."""
        return all(package.get(issue) != value for issue, value in self.red_lines)


def direct_profile(space: Space, answers: Direct) -> Profile:
    """The profile the direct answers state; refuses a split or rating that is incomplete."""
    total = sum(answers.split.values())
    if abs(total - 100.0) > 1e-6 or any(v < 0 for v in answers.split.values()):
        raise RefusedMove(f"the point split must give 100 points in all, not {total:g}")
    values: dict[str, dict[str, float]] = {}
    for issue in space.issues:
        if issue.name not in answers.split:
            raise RefusedMove(f"the point split gives no points to issue {issue.name!r}")
        curve = answers.curves.get(issue.name)
        if curve is not None:
            values[issue.name] = {v: curve(float(v)) for v in issue.values}
            continue
        scores = answers.ratings.get(issue.name, {})
        missing = [v for v in issue.values if v not in scores]
        if missing:
            raise RefusedMove(f"no rating for {missing[0]!r} of issue {issue.name!r}")
        if any(not 0 <= scores[v] <= 100 for v in issue.values):
            raise RefusedMove(f"ratings of issue {issue.name!r} run from 0 to 100")
        values[issue.name] = {v: scores[v] / 100.0 for v in issue.values}
    weights = {i.name: answers.split[i.name] / 100.0 for i in space.issues}
    return Profile(weights, values, answers.reservation / 100.0)
