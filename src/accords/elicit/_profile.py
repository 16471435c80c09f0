"""A fitted preference profile: weights over issues and values in [0, 1], from part-worths.

Part-worths ``p`` are defined up to a constant per issue and a common scale;
the profile is their canonical form: in each issue the worst value is 0 and the
best 1, and an issue's weight is its range of part-worths over the sum of
ranges. The utility ``sum_i w_i v_i(x_i)`` ranks packages exactly as ``p`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from accords.elicit._space import FloatArray, Package, Space

__all__ = ["Profile", "profile_from_parts"]


@dataclass(frozen=True, slots=True)
class Profile:
    """An additive profile: issue weights summing to 1, value scores in [0, 1]."""

    weights: Mapping[str, float]
    values: Mapping[str, Mapping[str, float]]
    reservation: float = 0.0

    def utility(self, package: Package) -> float:
        return sum(w * self.values[i][package[i]] for i, w in self.weights.items())

    def parts(self, space: Space) -> FloatArray:
        """The part-worth vector ``w_i * v_i(value)`` in the space's order."""
        return np.array(
            [self.weights[i.name] * self.values[i.name][v] for i in space.issues for v in i.values],
            dtype=np.float64,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "issues": {
                name: {"weight": self.weights[name], "values": dict(self.values[name])}
                for name in self.weights
            }
        }


def profile_from_parts(space: Space, parts: FloatArray, reservation: float = 0.0) -> Profile:
    """The canonical profile of a part-worth vector (see the module docstring).

    An issue whose part-worths are all equal gets weight 0 and every value 0;
    when all issues are flat, the weights are equal (nothing is known).
    """
    ranges = []
    for issue, start in zip(space.issues, space.offsets, strict=True):
        block = parts[int(start) : int(start) + len(issue.values)]
        ranges.append(float(block.max() - block.min()))
    total = sum(ranges)
    weights: dict[str, float] = {}
    values: dict[str, dict[str, float]] = {}
    for issue, start, span in zip(space.issues, space.offsets, ranges, strict=True):
        block = parts[int(start) : int(start) + len(issue.values)]
        weights[issue.name] = span / total if total > 0 else 1.0 / len(space.issues)
        scaled = (block - block.min()) / span if span > 0 else np.zeros_like(block)
        values[issue.name] = {
            v: min(1.0, max(0.0, float(s))) for v, s in zip(issue.values, scaled, strict=True)
        }
    return Profile(weights, values, reservation)
