"""The exact Pareto frontier, by merging parts one at a time.

With additive preferences the utility vector of a package is the sum of its
groups' contribution vectors, so a package whose choice in some group is
strictly dominated *within that group* is strictly dominated overall (swap in
the better local choice). Hence the frontier of a sum lies within the sum of
the frontiers: merge groups one at a time and keep only the non-dominated
partial packages. Equal vectors never dominate each other, so partial packages
that tie are kept together as one *class* (one vector, every way to reach it),
and every tied package comes out at the end. Nothing is dropped for falling
below a reservation value: such packages are marked, not removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from accords.analysis._groups import Group, fold, pack
from accords.analysis._nondominated import nondominated_classes, pareto_mask
from accords.analysis._problem import Problem
from accords.errors import FrontierTooLarge

__all__ = ["Frontier", "FrontierTooLarge", "pareto_frontier"]

MERGE_BLOCK = 1 << 21  # candidate sums materialised at once
Progress = Callable[[int, int], None]


def _classes(
    cands: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Non-dominated candidates grouped by equal vectors.

    Returns ``(points, members, starts)``: class ``c`` has vector ``points[c]`` and
    candidate indices ``members[starts[c]:starts[c + 1]]``.
    """
    first, members, starts = nondominated_classes(cands)
    return cands[first], members, starts


class _Node(Protocol):
    @property
    def parts(self) -> tuple[int, ...]: ...
    @property
    def points(self) -> npt.NDArray[np.int64]: ...
    @property
    def counts(self) -> npt.NDArray[np.int64] | npt.NDArray[np.object_]: ...

    def expand(
        self, classes: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...

    def first(self, cls: int) -> list[int]: ...


def _counts(
    left_counts: np.ndarray, right_counts: np.ndarray, starts: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64] | npt.NDArray[np.object_]:
    """Per-class package counts, exact (Python ints where int64 could overflow)."""
    products: np.ndarray
    largest = float(left_counts.max(initial=0)) * float(right_counts.max(initial=0))
    if (
        left_counts.dtype != object
        and right_counts.dtype != object
        and largest * max(1, len(left_counts)) < 2.0**62
    ):
        products = left_counts * right_counts
    else:
        products = left_counts.astype(object) * right_counts.astype(object)
    nonempty = starts[:-1] < starts[1:]
    out = np.zeros(len(starts) - 1, dtype=products.dtype)
    if len(products):
        out[nonempty] = np.add.reduceat(products, starts[:-1][nonempty])
    return out


def _spread(
    starts: npt.NDArray[np.int64], classes: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every member index of the given classes, and for each the position of its class.

    Class ``c`` owns members ``starts[c]:starts[c + 1]``; the members come class by class.
    """
    first, end = starts[classes], starts[classes + 1]
    sizes = end - first
    owner = np.repeat(np.arange(len(classes)), sizes)
    offset_in_class = np.arange(len(owner)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return first[owner] + offset_in_class, owner


@dataclass
class _Leaf:
    """One group's non-dominated local choices, by class."""

    parts: tuple[int, ...]
    rows: npt.NDArray[np.int64]  # (members, len(parts)) option indices, grouped by class
    starts: npt.NDArray[np.int64]
    points: npt.NDArray[np.int64]
    feasible: int

    @property
    def counts(self) -> npt.NDArray[np.int64]:
        return np.diff(self.starts)

    @classmethod
    def build(cls, group: Group) -> _Leaf:
        rows_acc: list[npt.NDArray[np.int64]] = []
        pts_acc: list[npt.NDArray[np.int64]] = []
        held = 0
        feasible = 0
        for rows, pts in group.chunks():
            feasible += len(rows)
            rows_acc.append(rows)
            pts_acc.append(pts)
            held += len(rows)
            if held > MERGE_BLOCK:  # filter what is held so far
                held_rows, held_points = np.concatenate(rows_acc), np.concatenate(pts_acc)
                keep = pareto_mask(held_points)
                rows_acc, pts_acc = [held_rows[keep]], [held_points[keep]]
                held = int(keep.sum())
        k = group.problem.n_parties
        rows = np.concatenate(rows_acc) if rows_acc else np.zeros((0, len(group.parts)), np.int64)
        pts = np.concatenate(pts_acc) if pts_acc else np.zeros((0, k), np.int64)
        points, members, starts = _classes(pts)
        return cls(group.parts, rows[members], starts, points, feasible)

    def first(self, cls: int) -> list[int]:
        """The first package of a class (option indices of this node's parts)."""
        return [int(v) for v in self.rows[self.starts[cls]]]

    def expand(
        self, classes: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        members, owner = _spread(self.starts, classes)
        return self.rows[members], owner


@dataclass
class _Merge:
    """The non-dominated sums of two nodes' classes, with the pairs reaching each."""

    left: _Node
    right: _Node
    pair_left: npt.NDArray[np.int64]
    pair_right: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    points: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64] | npt.NDArray[np.object_]

    @property
    def parts(self) -> tuple[int, ...]:
        return self.left.parts + self.right.parts

    @classmethod
    def build(cls, left: _Node, right: _Node) -> _Merge:
        a, b = left.points, right.points
        if len(a) * len(b) <= MERGE_BLOCK:
            sums = (a[:, None, :] + b[None, :, :]).reshape(-1, a.shape[1])
            points, chosen, starts = _classes(sums)
            pair_left, pair_right = chosen // len(b), chosen % len(b)
            counts = _counts(left.counts[pair_left], right.counts[pair_right], starts)
            return cls(left, right, pair_left, pair_right, starts, points, counts)
        pairs_acc: list[npt.NDArray[np.int64]] = []
        sums_acc: list[npt.NDArray[np.int64]] = []
        held = 0
        rows_per_block = max(1, MERGE_BLOCK // max(1, len(b)))
        for first_row in range(0, len(a), rows_per_block):
            block = a[first_row : first_row + rows_per_block]
            sums = (block[:, None, :] + b[None, :, :]).reshape(-1, a.shape[1])
            keep = np.flatnonzero(pareto_mask(sums))
            pairs_acc.append(keep + first_row * len(b))
            sums_acc.append(sums[keep])
            held += len(keep)
            if held > MERGE_BLOCK and len(pairs_acc) > 1:
                held_pairs, held_sums = np.concatenate(pairs_acc), np.concatenate(sums_acc)
                mask = pareto_mask(held_sums)
                pairs_acc, sums_acc = [held_pairs[mask]], [held_sums[mask]]
                held = int(mask.sum())
        pairs = np.concatenate(pairs_acc) if pairs_acc else np.zeros(0, np.int64)
        sums = np.concatenate(sums_acc) if sums_acc else np.zeros((0, a.shape[1]), np.int64)
        points, members, starts = _classes(sums)
        chosen = pairs[members]
        pair_left, pair_right = chosen // max(1, len(b)), chosen % max(1, len(b))
        counts = _counts(left.counts[pair_left], right.counts[pair_right], starts)
        return cls(left, right, pair_left, pair_right, starts, points, counts)

    def first(self, cls: int) -> list[int]:
        pair = int(self.starts[cls])
        return self.left.first(int(self.pair_left[pair])) + self.right.first(
            int(self.pair_right[pair])
        )

    def expand(
        self, classes: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Every package of ``classes``: each pair's left packages times its right ones."""
        pairs, class_of_pair = _spread(self.starts, classes)
        left_rows, left_pair = self.left.expand(self.pair_left[pairs])
        right_rows, right_pair = self.right.expand(self.pair_right[pairs])
        # Each side lists its packages pair by pair: how many per pair, and where each starts.
        left_count = np.bincount(left_pair, minlength=len(pairs))
        right_count = np.bincount(right_pair, minlength=len(pairs))
        left_start = np.cumsum(left_count) - left_count
        right_start = np.cumsum(right_count) - right_count
        combined = left_count * right_count  # packages per pair: every left with every right
        pair_of = np.repeat(np.arange(len(pairs)), combined)
        rank = np.arange(len(pair_of)) - np.repeat(np.cumsum(combined) - combined, combined)
        width = np.maximum(right_count[pair_of], 1)
        left_index = left_start[pair_of] + rank // width
        right_index = right_start[pair_of] + rank % width
        rows = np.concatenate([left_rows[left_index], right_rows[right_index]], axis=1)
        return rows, class_of_pair[pair_of]


@dataclass
class Frontier:
    """The Pareto frontier: distinct utility vectors and every package reaching each.

    ``points`` (fixed point) / :attr:`utilities` (floats) hold one row per class of
    tied packages; :meth:`outcomes` lists the packages themselves.
    """

    problem: Problem
    points: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64] | npt.NDArray[np.object_]
    feasible_count: int
    _root: _Node | None

    @property
    def utilities(self) -> npt.NDArray[np.float64]:
        """``(classes, parties)`` utilities of the frontier's distinct points."""
        out: npt.NDArray[np.float64] = self.points / self.problem.scale
        return out

    @property
    def below_reservation(self) -> npt.NDArray[np.bool_]:
        """``(classes, parties)``: True where the point is worth less than no agreement."""
        out: npt.NDArray[np.bool_] = self.points < self.problem.reservation_ints
        return out

    @property
    def size(self) -> int:
        """How many packages are on the frontier, ties counted one by one."""
        return int(sum(int(c) for c in self.counts))

    def __len__(self) -> int:
        return len(self.points)

    def outcomes(
        self, classes: npt.ArrayLike | None = None, limit: int | None = None
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Every package of the given classes (all by default).

        Returns ``(outcomes, class_of)``: option indices ``(n, parts)`` in space order,
        and for each package the index of its class; tied packages are adjacent.
        """
        n_parts = len(self.problem.space.parts)
        cls = (
            np.arange(len(self.points), dtype=np.int64)
            if classes is None
            else np.asarray(classes, dtype=np.int64).reshape(-1)
        )
        if self._root is None or len(cls) == 0:
            return np.zeros((0, n_parts), np.int64), np.zeros(0, np.int64)
        wanted = int(sum(int(self.counts[c]) for c in cls))
        if limit is not None and wanted > limit:
            raise FrontierTooLarge(
                f"the frontier holds {wanted} packages (ties included), more than the "
                f"limit of {limit}"
            )
        rows, origin = self._root.expand(cls)
        out = np.empty((len(rows), n_parts), dtype=np.int64)
        out[:, list(self._root.parts)] = rows
        order = np.argsort(origin, kind="stable")
        return out[order], cls[origin[order]]

    def representative(self, cls: int) -> npt.NDArray[np.int64]:
        """One package of a class (the first in enumeration order), without listing the rest."""
        assert self._root is not None
        out = np.empty(len(self.problem.space.parts), dtype=np.int64)
        out[list(self._root.parts)] = self._root.first(int(cls))
        return out


def pareto_frontier(problem: Problem, progress: Progress | None = None) -> Frontier:
    """The exact Pareto frontier of a problem, ties included, nothing dropped."""
    groups = fold(problem)
    if problem.n_parties <= 2:  # 2-D frontiers of packed groups stay small; not so in 3+ D
        groups = pack(groups)
    total_steps = 2 * len(groups) - 1
    step = 0
    leaves: list[_Node] = []
    feasible = 1
    for g in groups:
        leaf = _Leaf.build(g)
        leaves.append(leaf)
        feasible *= leaf.feasible
        step += 1
        if progress:
            progress(step, total_steps)
        if len(leaf.points) == 0:
            return Frontier(
                problem, np.zeros((0, problem.n_parties), np.int64), np.zeros(0, np.int64), 0, None
            )
    leaves.sort(key=lambda n: len(n.points))
    root: _Node = leaves[0]
    for node in leaves[1:]:
        root = _Merge.build(root, node)
        step += 1
        if progress:
            progress(step, total_steps)
    return Frontier(problem, root.points, root.counts, feasible, root)
