"""The outcome space elicitation works on, and packages as index arrays.

Elicitation works on part-worths: one number per (issue, value). A package
then has the utility ``sum_i p[offset_i + index of its value]``, so every answer
("a over b", "a rated 70") is a linear statement about the vector ``p``. This
module owns that encoding; nothing else knows the offsets.

Numeric issues are held as their discrete grid of values (GENIUS integer issues
are exactly that); a piecewise-linear curve over them (see
:mod:`accords.elicit._direct`) gives their values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accords.errors import InvalidType, UnknownReference

__all__ = ["Issue", "Package", "Space", "space_from_genius"]

#: A package: one value per issue, by issue name.
Package = Mapping[str, str]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Issue:
    """One issue (a part) and its values (options), in a fixed order."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Space:
    """The packages of independent discrete issues: the Cartesian product of their values."""

    issues: tuple[Issue, ...]

    def __post_init__(self) -> None:
        if not self.issues:
            raise UnknownReference("an outcome space needs at least one issue")
        for issue in self.issues:
            if not issue.values:
                raise UnknownReference(f"issue {issue.name!r} has no values")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.issues)

    @property
    def sizes(self) -> IntArray:
        return np.array([len(i.values) for i in self.issues], dtype=np.int64)

    @property
    def offsets(self) -> IntArray:
        """Where each issue's part-worths start in the flat vector ``p``."""
        sizes = self.sizes
        return np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)

    @property
    def dimension(self) -> int:
        """Length of the part-worth vector: the number of (issue, value) pairs."""
        return int(self.sizes.sum())

    @property
    def size(self) -> int:
        """Number of packages."""
        return math.prod(len(i.values) for i in self.issues)

    def encode(self, package: Package, where: str = "package") -> IntArray:
        """The package as one value index per issue; unknown or missing names are refused."""
        out = np.empty(len(self.issues), dtype=np.int64)
        for k, issue in enumerate(self.issues):
            if issue.name not in package:
                raise UnknownReference(f"{where}: no value for issue {issue.name!r}")
            value = package[issue.name]
            if value not in issue.values:
                raise UnknownReference(
                    f"{where}: {value!r} is not a value of issue {issue.name!r} "
                    f"(one of {', '.join(issue.values)})"
                )
            out[k] = issue.values.index(value)
        extra = set(package) - set(self.names)
        if extra:
            raise UnknownReference(f"{where}: no issue named {sorted(extra)[0]!r}")
        return out

    def decode(self, indices: Sequence[int] | IntArray) -> dict[str, str]:
        return {i.name: i.values[int(k)] for i, k in zip(self.issues, indices, strict=True)}

    def columns(self, indices: IntArray) -> IntArray:
        """Rows of value indices (packages × issues) as columns of ``p`` (same shape)."""
        return indices + self.offsets

    def features(self, indices: IntArray) -> FloatArray:
        """One-hot rows: ``features(x) @ p`` is the utility of each package."""
        rows = np.atleast_2d(indices)
        out = np.zeros((rows.shape[0], self.dimension))
        np.put_along_axis(out, self.columns(rows), 1.0, axis=1)
        return out

    def all_packages(self) -> IntArray:
        """Every package as index rows, in lexicographic order (use on small spaces only)."""
        grids = np.meshgrid(*[np.arange(len(i.values)) for i in self.issues], indexing="ij")
        return np.stack([g.ravel() for g in grids], axis=1).astype(np.int64)

    def random_packages(self, rng: np.random.Generator, count: int) -> IntArray:
        return rng.integers(0, self.sizes, size=(count, len(self.issues)), dtype=np.int64)

    def utilities(self, parts: FloatArray, indices: IntArray) -> FloatArray:
        """Utilities of packages (rows) under part-worths: one vector, or samples × dimension."""
        cols = self.columns(np.atleast_2d(indices))
        if parts.ndim == 1:
            return np.asarray(parts[cols].sum(axis=1), dtype=np.float64)
        return np.asarray(parts[:, cols].sum(axis=2), dtype=np.float64)


def space_from_genius(domain: object) -> Space:
    """The space of a GENIUS domain (:class:`accords.scenario.genius.Domain`)."""
    from accords.scenario.genius import Domain

    if not isinstance(domain, Domain):
        raise InvalidType("space_from_genius takes a GENIUS Domain")
    issues = []
    for i in domain.issues:
        values = tuple(i.values)
        if not values and i.lower is not None and i.upper is not None:
            values = tuple(str(x) for x in range(int(i.lower), int(i.upper) + 1))
        issues.append(Issue(i.name, values))
    return Space(tuple(issues))
