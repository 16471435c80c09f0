"""The set of part-worths consistent with the answers: a cone, its contradictions, a start.

An answer "a over b" is the half-space ``(x_a - x_b) . p >= 0`` through the
origin, so the consistent set is a cone cut by the answers. This module decides
whether it has an interior, finds the answers that contradict each other, and
gives a strictly interior starting point; :mod:`accords.elicit._posterior`
samples it under the prior.

- Consistency: the answers are consistent when some ``p`` satisfies all of them
  strictly (a linear programme maximising the smallest margin, in a box).
- Contradictions: by Gordan's theorem the rows ``D`` have no strict solution iff
  some ``y >= 0, y != 0`` has ``D^T y = 0``; the support of such a ``y`` is a set
  of answers that cannot hold together. A deletion filter makes it minimal.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from accords.elicit._space import FloatArray

__all__ = ["contradiction", "interior_point", "minimal_contradictions"]

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
