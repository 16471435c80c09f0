"""Bargaining solutions on the frontier, the zone of possible agreement, proposals.

Every rule compares *gains* over the reservation values (what each party gets
beyond no agreement) and considers only frontier points where no gain is
negative: a package some party rates below no agreement is not one it would
sign. Comparisons are exact: the fixed-point utilities are brought to one
scale as Python integers, so products, minima and sums tie only when they are
truly equal (ties are reported, the lowest class index is shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import prod

import numpy as np
import numpy.typing as npt

from accords.analysis._groups import fold
from accords.analysis._nondominated import unique_rows
from accords.analysis._pareto import Frontier
from accords.analysis._problem import Problem

__all__ = [
    "ProposalAssessment",
    "Solution",
    "assess_proposal",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "utilitarian",
    "zopa_size",
]


@dataclass(frozen=True)
class Solution:
    """A rule's choice: a frontier class, one package of it, and its utilities."""

    rule: str
    point: int  # index of the class in ``frontier.points``
    outcome: npt.NDArray[np.int64]
    utilities: npt.NDArray[np.float64]
    tied_points: tuple[int, ...]  # other frontier points the rule rates exactly as high
    equivalent_packages: int  # packages with exactly these utilities (this one included)


def _gains(frontier: Frontier) -> tuple[list[list[int]], list[int]]:
    """Gains on one integer scale for the acceptable points (every gain >= 0)."""
    problem = frontier.problem
    top = max(problem.bits)
    shifts = [top - b for b in problem.bits]
    g = frontier.points - problem.reservation_ints
    ok = np.flatnonzero(np.all(g >= 0, axis=1))
    rows = [[int(v) << s for v, s in zip(g[i], shifts, strict=True)] for i in ok]
    return rows, [int(i) for i in ok]


def _choose(
    frontier: Frontier, rule: str, keys: list[tuple[object, ...]], idx: list[int]
) -> Solution | None:
    if not idx:
        return None
    best = max(keys)
    tied = [i for i, key in zip(idx, keys, strict=True) if key == best]
    c = tied[0]
    return Solution(
        rule=rule,
        point=c,
        outcome=frontier.representative(c),
        utilities=frontier.utilities[c],
        tied_points=tuple(tied[1:]),
        equivalent_packages=int(frontier.counts[c]),
    )


def nash(frontier: Frontier) -> Solution | None:
    """Maximise the product of gains (ties broken by the larger total gain)."""
    rows, idx = _gains(frontier)
    keys: list[tuple[object, ...]] = [(prod(r), sum(r)) for r in rows]
    return _choose(frontier, "nash", keys, idx)


def egalitarian(frontier: Frontier) -> Solution | None:
    """Maximise the smallest gain, then the next smallest (leximin)."""
    rows, idx = _gains(frontier)
    keys: list[tuple[object, ...]] = [tuple(sorted(r)) for r in rows]
    return _choose(frontier, "egalitarian", keys, idx)


def utilitarian(frontier: Frontier) -> Solution | None:
    """Maximise the sum of gains (equivalently of utilities) among acceptable points."""
    rows, idx = _gains(frontier)
    keys: list[tuple[object, ...]] = [(sum(r),) for r in rows]
    return _choose(frontier, "utilitarian", keys, idx)


def kalai_smorodinsky(frontier: Frontier) -> Solution | None:
    """Maximise the smallest share of each party's best possible gain (then the total).

    A party whose best acceptable gain is zero gets zero everywhere and is left
    out of the shares.
    """
    rows, idx = _gains(frontier)
    if not rows:
        return None
    ideal = [max(col) for col in zip(*rows, strict=True)]
    live = [i for i, v in enumerate(ideal) if v > 0]
    keys: list[tuple[object, ...]] = [
        (min((Fraction(r[i], ideal[i]) for i in live), default=Fraction(0)), sum(r)) for r in rows
    ]
    return _choose(frontier, "kalai_smorodinsky", keys, idx)


# -- zone of possible agreement ---------------------------------------------

#: Utility vectors, one a row, with how many (partial) packages give each: the
#: pair travels together through the count, and the counts may be Python ints.
_Counted = tuple[npt.NDArray[np.int64], np.ndarray]


def _with_counts(pts: npt.NDArray[np.int64], counts: np.ndarray) -> _Counted:
    """Merge equal vectors, adding their counts (exactly)."""
    if len(pts) == 0:
        return pts, counts
    first, inverse = unique_rows(pts)
    order = np.argsort(inverse, kind="stable")
    starts = np.searchsorted(inverse[order], np.arange(len(first)))
    return pts[first], np.add.reduceat(counts[order], starts)


def zopa_size(problem: Problem, max_states: int = 2_000_000) -> int | None:
    """How many feasible packages every party strictly prefers to no agreement.

    Counted exactly without listing packages: groups are added one at a time to
    a set of partial utility vectors with multiplicities; a partial package that
    can no longer pass every reservation is dropped, one that passes whatever
    comes next is counted with all its completions at once, and equal partial
    vectors are merged. Returns None when more than ``max_states`` partial
    vectors stay undecided (the count would need too much memory).
    """
    k = problem.n_parties
    need = problem.reservation_ints + 1  # strictly above the reservation
    tables: list[tuple[npt.NDArray[np.int64], np.ndarray, int]] = []
    for g in fold(problem):
        if g.product_size > max_states * 4:
            return None
        pts_list = [pts for _, pts in g.chunks()]
        if not pts_list:
            return 0
        pts = np.concatenate(pts_list)
        uniq, cnt = _with_counts(pts, np.ones(len(pts), dtype=np.int64))
        tables.append((uniq, cnt, len(pts)))
    # largest spread first: bounds tighten fastest
    tables.sort(key=lambda t: -float(np.sum(t[0].max(axis=0) - t[0].min(axis=0))))
    hi_rest, lo_rest, size_rest = _rest_bounds(tables, k)
    states = np.zeros((1, k), dtype=np.int64)
    mult: np.ndarray = np.ones(1, dtype=np.int64)
    total = 0
    for i, (pts, cnt, _) in enumerate(tables):
        if i and k <= 2 and len(states) > _MEET_FROM and size_rest[i] <= max_states:
            # meet in the middle: list what the remaining groups can add, count pairs
            return total + _count_pairs((states, mult), _sums(tables[i:], k), need)
        if mult.dtype != object and float(mult.max()) * float(cnt.max()) >= 2.0**62:
            mult = mult.astype(object)
        (states, mult), passed = _add_group(
            (states, mult), (pts, cnt), hi_rest[i + 1], lo_rest[i + 1], need
        )
        total += passed * size_rest[i + 1]
        if len(states) > max_states:
            return None
        if len(states) == 0:
            break
    # after the last group nothing is undecided (no rest: every state is dead or done)
    return total


_MEET_FROM = 1 << 14  # undecided partial packages from which meeting in the middle pays


def _rest_bounds(
    tables: list[tuple[npt.NDArray[np.int64], np.ndarray, int]], k: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[int]]:
    """For each position, the most and least the groups from there on can add, and how
    many packages they make (the bounds that decide a partial package early)."""
    hi_rest = np.zeros((len(tables) + 1, k), dtype=np.int64)
    lo_rest = np.zeros((len(tables) + 1, k), dtype=np.int64)
    size_rest = [1] * (len(tables) + 1)
    for i in range(len(tables) - 1, -1, -1):
        hi_rest[i] = hi_rest[i + 1] + tables[i][0].max(axis=0)
        lo_rest[i] = lo_rest[i + 1] + tables[i][0].min(axis=0)
        size_rest[i] = size_rest[i + 1] * tables[i][2]
    return hi_rest, lo_rest, size_rest


def _add_group(
    undecided: _Counted,
    group: _Counted,
    hi_next: npt.NDArray[np.int64],
    lo_next: npt.NDArray[np.int64],
    need: npt.NDArray[np.int64],
) -> tuple[_Counted, int]:
    """Extend every undecided partial package by one group: the undecided ones (merged),
    and how many partial packages now pass whatever comes next (to count once each)."""
    states, mult = undecided
    pts, cnt = group
    k = states.shape[1]
    new_states: list[npt.NDArray[np.int64]] = []
    new_mult: list[np.ndarray] = []
    passed_total = 0
    step = max(1, (1 << 21) // len(pts))
    for s in range(0, len(states), step):
        cand = (states[s : s + step, None, :] + pts[None, :, :]).reshape(-1, k)
        cm = np.multiply.outer(mult[s : s + step], cnt.astype(mult.dtype)).reshape(-1)
        dead = np.any(cand + hi_next < need, axis=1)
        done = np.all(cand + lo_next >= need, axis=1) & ~dead
        if done.any():
            passed_total += (
                sum(int(v) for v in cm[done]) if cm.dtype == object else int(cm[done].sum())
            )
        live = ~(dead | done)
        new_states.append(cand[live])
        new_mult.append(cm[live])
    return _with_counts(np.concatenate(new_states), np.concatenate(new_mult)), passed_total


def _sums(tables: list[tuple[npt.NDArray[np.int64], np.ndarray, int]], k: int) -> _Counted:
    """Every sum the groups can make, with how many ways (equal sums merged)."""
    pts = np.zeros((1, k), dtype=np.int64)
    cnt: np.ndarray = np.ones(1, dtype=np.int64)
    for tp, tc, _ in tables:
        pts = (pts[:, None, :] + tp[None, :, :]).reshape(-1, k)
        cnt = np.multiply.outer(cnt, tc).reshape(-1)
        pts, cnt = _with_counts(pts, cnt)
    return pts, cnt


def _count_pairs(
    left_counted: _Counted, right_counted: _Counted, need: npt.NDArray[np.int64]
) -> int:
    """Sum of ``lw * rw`` (the counts) over pairs whose sum reaches ``need`` everywhere."""
    (left, lw), (right, rw) = left_counted, right_counted
    q = need - left  # a right point counts for a left point iff right >= q everywhere
    if left.shape[1] == 1:
        order = np.argsort(right[:, 0], kind="stable")
        r = right[order, 0]
        suffix = np.concatenate([np.cumsum(rw[order][::-1])[::-1], [0]])
        got = suffix[np.searchsorted(r, q[:, 0], side="left")]
    else:
        got = _dominance_counts(right, rw, q)
    return int(np.dot(lw.astype(object), got.astype(object)))


def _dominance_counts(
    points: npt.NDArray[np.int64], weights: np.ndarray, queries: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """For each query q: total weight of points p with p >= q in both coordinates.

    Points and queries go into one sequence sorted by the first coordinate
    (descending, a point before a query on equal values), so a query's points are
    those before it with a large enough second coordinate: answered level by level
    (divide and conquer over the sequence), each level one sort and one search.
    """
    n_p, n_q = len(points), len(queries)
    first = np.concatenate([points[:, 0], queries[:, 0]])
    second = np.concatenate([points[:, 1], queries[:, 1]])
    is_point = np.concatenate([np.ones(n_p, dtype=bool), np.zeros(n_q, dtype=bool)])
    w = np.concatenate([weights.astype(np.int64), np.zeros(n_q, dtype=np.int64)])
    order = np.lexsort((~is_point, -first))  # first descending, points first on ties
    rank = np.unique(second, return_inverse=True)[1].reshape(-1)[order].astype(np.int64)
    is_point, w = is_point[order], w[order]
    m = len(order)
    v = int(rank.max()) + 1
    got = np.zeros(m, dtype=np.int64)
    pos = np.arange(m, dtype=np.int64)
    half = 1
    while half < m:
        blk = pos // (2 * half)
        in_left = (pos % (2 * half)) < half
        src = np.flatnonzero(in_left & is_point)
        dst = np.flatnonzero(~in_left & ~is_point)
        if len(src) and len(dst):
            key = blk[src] * v + rank[src]
            o = np.argsort(key, kind="stable")
            key = key[o]
            cw = np.concatenate([[0], np.cumsum(w[src][o])])
            lo = np.searchsorted(key, blk[dst] * v + rank[dst], side="left")
            hi = np.searchsorted(key, (blk[dst] + 1) * v, side="left")
            got[dst] += cw[hi] - cw[lo]
        half *= 2
    out = np.empty(n_q, dtype=np.int64)
    back = order[~is_point] - n_p
    out[back] = got[~is_point]
    return out


# -- a proposal on the table -------------------------------------------------


@dataclass(frozen=True)
class ProposalAssessment:
    """How a package on the table compares with the frontier."""

    outcome: npt.NDArray[np.int64]
    utilities: npt.NDArray[np.float64]
    feasible: bool
    on_frontier: bool
    distance: float  # Euclidean distance in utility space to the nearest frontier point
    improving_points: tuple[int, ...]  # frontier classes strictly better for every party
    below_reservation: tuple[str, ...]


def assess_proposal(frontier: Frontier, outcome: npt.ArrayLike) -> ProposalAssessment:
    """Score a proposal, measure its distance from the frontier, list what beats it for all."""
    problem = frontier.problem
    x = np.asarray(outcome, dtype=np.int64).reshape(1, -1)
    u_int = problem.utility_ints(x)[0]
    feasible = bool(problem.feasible(x)[0])
    pts = frontier.points
    if len(pts):
        d = np.sqrt((((pts - u_int) / problem.scale) ** 2).sum(axis=1))
        distance = float(d.min())
        on_frontier = bool(np.any(np.all(pts == u_int, axis=1))) and feasible
        improving = tuple(int(i) for i in np.flatnonzero(np.all(pts > u_int, axis=1)))
    else:
        distance, on_frontier, improving = float("nan"), False, ()
    below = tuple(
        p for p, u, r in zip(problem.parties, u_int, problem.reservation_ints, strict=True) if u < r
    )
    return ProposalAssessment(
        outcome=x[0],
        utilities=u_int / problem.scale,
        feasible=feasible,
        on_frontier=on_frontier,
        distance=0.0 if on_frontier else distance,
        improving_points=improving,
        below_reservation=below,
    )
