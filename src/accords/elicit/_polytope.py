"""The set of part-worths consistent with the answers: a polytope, its contradictions, samples.

Part-worths ``p`` live in the unit box ``[0, 1]^n`` (one per issue value). An
answer "a over b" is the half-space ``(x_a - x_b) . p >= 0`` through the origin,
so the consistent set is the box cut by cones. The *prior* is uniform on the
box: before any answer every value of every issue is equally likely to be worth
anything in [0, 1]; the answers keep the part of the box they allow, and the
posterior is uniform on what is left. Its mean is the estimate (it minimises the
expected squared error of the part-worths under that posterior).

- Consistency: the answers are consistent when some ``p`` satisfies all of them
  strictly (a linear programme maximising the smallest margin).
- Contradictions: by Gordan's theorem the rows ``D`` have no strict solution iff
  some ``y >= 0, y != 0`` has ``D^T y = 0``; the support of such a ``y`` is a set
  of answers that cannot hold together. A deletion filter makes it minimal.
- Samples: hit-and-run, many chains at once, from a strictly interior point.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from accords.elicit._space import FloatArray

__all__ = ["contradiction", "interior_point", "minimal_contradictions", "sample"]

#: Below this smallest margin the answers are treated as having no strict solution.
_EPS = 1e-9


def interior_point(rows: FloatArray, upper: FloatArray | None = None) -> FloatArray | None:
    """A point strictly inside the box and every half-space ``rows @ p > 0``, or None.

    Maximises the smallest normalised margin ``t`` with ``p`` in the box, then
    moves halfway to the box's centre (which lies on every half-space's
    boundary, as each row sums to zero within each issue), so that no box face
    is touched either.
    """
    n = rows.shape[1]
    top = upper if upper is not None else np.ones(n)
    centre = 0.5 * top
    if rows.shape[0] == 0:
        return centre
    norms = np.linalg.norm(rows, axis=1)
    if np.any(norms == 0):
        return None
    # variables: p (n), t; minimise -t subject to -rows p / |row| + t <= 0
    a_ub = np.hstack([-rows / norms[:, None], np.ones((rows.shape[0], 1))])
    c = np.zeros(n + 1)
    c[-1] = -1.0
    bounds = [(0.0, float(t)) for t in top] + [(None, 1.0)]
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(rows.shape[0]), bounds=bounds, method="highs")
    if res.status != 0 or -res.fun <= _EPS:
        return None
    p = np.asarray(res.x[:n], dtype=np.float64)
    return 0.5 * p + 0.5 * centre


def _dependent(rows: FloatArray) -> FloatArray | None:
    """A certificate ``y >= 0, sum y = 1, rows^T y = 0`` that ``rows`` conflict, or None."""
    m = rows.shape[0]
    if m == 0:
        return None
    a_eq = np.vstack([rows.T, np.ones((1, m))])
    b_eq = np.zeros(a_eq.shape[0])
    b_eq[-1] = 1.0
    res = linprog(np.zeros(m), A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * m, method="highs-ds")
    if res.status != 0:
        return None
    return np.asarray(res.x, dtype=np.float64)


def contradiction(rows: FloatArray) -> list[int] | None:
    """One minimal set of row indices that cannot all hold strictly, or None if none.

    The LP's vertex solution already has a small support; the deletion filter
    then drops every row whose removal leaves a conflict, so each row of the
    result is needed (removing any one leaves a consistent set).
    """
    y = _dependent(rows)
    if y is None:
        return None
    support = [int(k) for k in np.flatnonzero(y > 1e-12)]
    for k in sorted(support, reverse=True):
        rest = [j for j in support if j != k]
        if rest and _dependent(rows[rest]) is not None:
            support = rest
    return sorted(support)


def minimal_contradictions(rows: FloatArray, limit: int = 20) -> tuple[list[list[int]], list[int]]:
    """Minimal conflicting sets, and the rows kept once each set's latest row is set aside.

    Each round finds one minimal set, sets aside its highest-numbered (latest)
    row, and looks again, until what is kept is consistent or ``limit`` sets are
    found (then every remaining row that conflicts stays out).
    """
    kept = list(range(rows.shape[0]))
    found: list[list[int]] = []
    while kept:
        local = contradiction(rows[kept])
        if local is None:
            break
        conflict = [kept[k] for k in local]
        found.append(conflict)
        kept.remove(conflict[-1])
        if len(found) >= limit:
            while kept and contradiction(rows[kept]) is not None:
                kept.pop()
            break
    return found, kept


def sample(
    rows: FloatArray,
    start: FloatArray,
    count: int,
    rng: np.random.Generator,
    steps: int | None = None,
    upper: FloatArray | None = None,
) -> FloatArray:
    """``count`` points, near-uniform on {p in [0,1]^n : rows @ p >= 0}, by hit-and-run.

    ``count`` chains start at ``start`` (strictly interior) and each takes
    ``steps`` moves (default ``max(60, 6 n)``): a random direction, then a uniform
    point on the chord through the polytope. Every returned point satisfies every
    row (up to rounding), which the tests check.
    """
    n = start.shape[0]
    steps = steps if steps is not None else max(60, 6 * n)
    top = upper if upper is not None else np.ones(n)
    x = np.tile(start, (count, 1))
    for _ in range(steps):
        u = rng.standard_normal((count, n))
        u /= np.linalg.norm(u, axis=1, keepdims=True)
        lower, upper_t = _chord(x, u, rows, top)
        t = lower + (upper_t - lower) * rng.random(count)
        x = x + t[:, None] * u
    return np.asarray(x, dtype=np.float64)


def _chord(
    x: FloatArray, u: FloatArray, rows: FloatArray, top: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """For each chain, the range of ``t`` keeping ``x + t u`` in the polytope.

    The products are small: ``einsum`` without BLAS, which on a busy machine
    spins threads for a thousand times longer than the arithmetic takes.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        # box: 0 <= x + t u <= top
        hi_box = np.where(u > 0, (top - x) / u, np.where(u < 0, -x / u, np.inf))
        lo_box = np.where(u < 0, (top - x) / u, np.where(u > 0, -x / u, -np.inf))
        upper = hi_box.min(axis=1)
        lower = lo_box.max(axis=1)
        if rows.shape[0]:
            # half-spaces: rows (x + t u) >= 0
            ru = np.einsum("kn,rn->kr", u, rows, optimize=False)
            rx = np.einsum("kn,rn->kr", x, rows, optimize=False)
            ratio = -rx / ru
            upper = np.minimum(upper, np.where(ru < -1e-12, ratio, np.inf).min(axis=1))
            lower = np.maximum(lower, np.where(ru > 1e-12, ratio, -np.inf).max(axis=1))
    return np.minimum(lower, 0.0), np.maximum(upper, 0.0)
