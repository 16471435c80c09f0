"""Non-dominated filters: which points no other point beats for everyone.

A point is *dominated* when another is at least as good in every coordinate
and better in one. Equal points never dominate each other, so ties survive
together: the filters work on distinct rows and callers map duplicates back.

- 2 objectives: sort, then one sweep (O(n log n)).
- 3 objectives: sort by the first, then an offline 2-D "is there an earlier point
  above and to the right" query answered level by level (divide and conquer
  over the sorted order), every level one vectorised sort and search.
- more: sort by total so that only earlier points can dominate, then compare
  chunk by chunk against what survived, vectorised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from accords.errors import InvalidArgument

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["nondominated_distinct", "pareto_mask", "unique_rows"]

_BLOCK_CELLS = 1 << 22  # booleans per comparison block in the chunked filter


def unique_rows(points: npt.NDArray[np.generic]) -> tuple[npt.NDArray[np.int64], np.ndarray]:
    """Distinct rows: ``(first index of each distinct row, inverse)``; rows in sorted order."""
    n = points.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort(points.T[::-1])
    s = points[order]
    new = np.ones(n, dtype=bool)
    new[1:] = np.any(s[1:] != s[:-1], axis=1)
    ids = np.cumsum(new) - 1
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = ids
    return order[new].astype(np.int64), inverse


def _nd1(p: np.ndarray) -> npt.NDArray[np.bool_]:
    out: npt.NDArray[np.bool_] = p[:, 0] == p[:, 0].max()
    return out


def _nd2(p: np.ndarray) -> npt.NDArray[np.bool_]:
    """Keep a point iff it has the best y of its x and beats every y of a larger x (ties kept)."""
    n = len(p)
    order = np.lexsort((-p[:, 1], -p[:, 0]))
    xs = p[order, 0]
    ys = p[order, 1]
    new_x = np.ones(n, dtype=bool)
    new_x[1:] = xs[1:] != xs[:-1]
    group_start = np.maximum.accumulate(np.where(new_x, np.arange(n), 0))
    best_y_here = ys[group_start]
    cm = np.maximum.accumulate(ys)
    before = group_start - 1
    beats_larger_x = np.ones(n, dtype=bool)
    has_before = before >= 0
    beats_larger_x[has_before] = ys[has_before] > cm[before[has_before]]
    keep = np.empty(n, dtype=bool)
    keep[order] = (ys == best_y_here) & beats_larger_x
    return keep


def _dense_rank(v: np.ndarray) -> npt.NDArray[np.int64]:
    return np.unique(v, return_inverse=True)[1].astype(np.int64).reshape(-1)


def _nd3_sorted(p: np.ndarray) -> npt.NDArray[np.bool_]:
    """Distinct rows sorted (x, y, z)-descending: a row is dominated iff an earlier one
    has y and z at least its own."""
    n = len(p)
    yr = _dense_rank(p[:, 1])
    zr = _dense_rank(p[:, 2])
    ny = int(yr.max()) + 1
    nz = int(zr.max()) + 1
    best = np.full(n, -1, dtype=np.int64)
    pos = np.arange(n, dtype=np.int64)
    half = 1
    while half < n:
        blk = pos // (2 * half)
        is_left = (pos % (2 * half)) < half
        li = pos[is_left]
        ri = pos[~is_left]
        # left points of each block, sorted by block then y descending
        lkey = blk[li] * ny + (ny - 1 - yr[li])
        o = np.argsort(lkey, kind="stable")
        lk = lkey[o]
        # running max of z within a block: block offsets keep earlier blocks below
        cm = np.maximum.accumulate(blk[li][o] * nz + zr[li][o])
        rb = blk[ri]
        idx = np.searchsorted(lk, rb * ny + (ny - 1 - yr[ri]), side="right") - 1
        got = cm[np.maximum(idx, 0)] - rb * nz
        got[(idx < 0) | (got < 0)] = -1
        best[ri] = np.maximum(best[ri], got)
        half *= 2
    out: npt.NDArray[np.bool_] = best < zr
    return out


def _dominated_by_any(c: np.ndarray, f: np.ndarray) -> npt.NDArray[np.bool_]:
    """Rows of ``c`` weakly below some row of ``f`` (callers ensure the rows differ).

    Only rows of ``f`` at least as large as a candidate in its most selective
    coordinate (the one where fewest rows of ``f`` reach it) can dominate it, and
    those form a prefix of ``f`` sorted on that coordinate: each candidate is
    compared with that prefix only, candidates batched by coordinate and length.
    """
    m, k = c.shape
    out = np.zeros(m, dtype=bool)
    if len(f) == 0 or m == 0:
        return out
    if len(f) * m <= 1 << 16:
        return _dominated_dense(c, f)
    n_f = len(f)
    orders = [np.argsort(-f[:, d], kind="stable") for d in range(k)]
    ascending = [f[o[::-1], d] for d, o in enumerate(orders)]
    reach = np.stack(
        [n_f - np.searchsorted(ascending[d], c[:, d], side="left") for d in range(k)], axis=1
    )
    best = np.argmin(reach, axis=1)
    length = reach[np.arange(m), best]
    for d in range(k):
        mine = np.flatnonzero((best == d) & (length > 0))
        if len(mine) == 0:
            continue
        mine = mine[np.argsort(length[mine], kind="stable")]
        start = 0
        while start < len(mine):
            top = int(length[mine[min(len(mine), start + 64) - 1]])
            size = max(1, min(len(mine) - start, _BLOCK_CELLS // max(1, top)))
            batch = mine[start : start + size]
            top = int(length[batch[-1]])
            out[batch] = _dominated_dense(c[batch], f[orders[d][:top]])
            start += size
    return out


def _dominated_dense(c: np.ndarray, f: np.ndarray) -> npt.NDArray[np.bool_]:
    out = np.zeros(len(c), dtype=bool)
    step = max(1, _BLOCK_CELLS // max(1, len(c)))
    for s in range(0, len(f), step):
        fb = f[s : s + step]
        ge = fb[None, :, 0] >= c[:, None, 0]
        for d in range(1, c.shape[1]):
            ge &= fb[None, :, d] >= c[:, None, d]
        out |= ge.any(axis=1)
    return out


def _prefilter(p: np.ndarray, m: int = 32) -> npt.NDArray[np.bool_]:
    """Cheaply drop points dominated by one of the ``m`` points of largest total.

    Stops early when the first few remove little (anti-correlated clouds).
    """
    n, k = p.shape
    cols = [np.ascontiguousarray(p[:, d]) for d in range(k)]
    total = np.add.reduce(cols, dtype=np.float64) if k else np.zeros(n)
    top = np.argpartition(-total, min(m, n - 1))[:m]
    top = top[np.argsort(-total[top])]
    alive = np.arange(n)
    for i, t in enumerate(top):
        v = p[t]
        le = cols[0] <= v[0]
        eq = cols[0] == v[0]
        for d in range(1, k):
            le &= cols[d] <= v[d]
            eq &= cols[d] == v[d]
        stay = ~(le & ~eq)
        if not stay.all():
            alive = alive[stay]
            cols = [c[stay] for c in cols]
        if i == 3 and len(alive) > 0.9 * n:
            break
    keep = np.zeros(n, dtype=bool)
    keep[alive] = True
    return keep


def _ndk(p: np.ndarray, chunk: int = 2048) -> npt.NDArray[np.bool_]:
    """Only a point earlier in (total, lexicographic) descending order can dominate."""
    n, k = p.shape
    total = p.sum(axis=1, dtype=np.float64)
    keys = [-p[:, d] for d in range(k - 1, -1, -1)] + [-total]
    order = np.lexsort(keys)
    s = p[order]
    kept_idx: list[np.ndarray] = []
    frontier = np.zeros((0, k), dtype=p.dtype)
    for start in range(0, n, chunk):
        c = s[start : start + chunk]
        alive = np.flatnonzero(~_dominated_by_any(c, frontier))
        c2 = c[alive]
        ge = c2[None, :, 0] >= c2[:, None, 0]
        for d in range(1, k):
            ge &= c2[None, :, d] >= c2[:, None, d]
        np.fill_diagonal(ge, False)
        alive = alive[~ge.any(axis=1)]
        kept_idx.append(start + alive)
        frontier = np.concatenate([frontier, c[alive]])
    keep = np.zeros(n, dtype=bool)
    keep[order[np.concatenate(kept_idx)]] = True
    return keep


def _distinct_sorted(p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort rows descending lexicographically; return (order, first-of-run flags, run ids)."""
    order = np.lexsort(tuple(-p[:, d] for d in range(p.shape[1] - 1, -1, -1)))
    s = p[order]
    new = np.ones(len(p), dtype=bool)
    new[1:] = np.any(s[1:] != s[:-1], axis=1)
    return order, new, np.cumsum(new) - 1


def pareto_mask(points: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Rows that no other row dominates, ties all kept, for any numeric ``(n, k)`` array."""
    p = np.asarray(points)
    if p.ndim != 2:
        raise InvalidArgument("points must have shape (n, k)")
    n, k = p.shape
    if n <= 1:
        return np.ones(n, dtype=bool)
    if k == 1:
        return _nd1(p)
    if k == 2:
        return _nd2(p)
    keep = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(_prefilter(p)) if n > 4096 else np.arange(n)
    sub = p[idx]
    order, new, run = _distinct_sorted(sub)
    distinct = sub[order[new]]
    nd = _nd3_sorted(distinct) if k == 3 else _ndk(distinct)
    keep[idx[order]] = nd[run]
    return keep


def _nd_sorted_distinct(d: np.ndarray) -> npt.NDArray[np.bool_]:
    """Non-dominated mask of distinct rows already sorted descending lexicographically."""
    k = d.shape[1]
    if k == 1:
        out = np.zeros(len(d), dtype=bool)
        out[0] = True
        return out
    if k == 2:
        # x descending, then y descending, all distinct: keep iff y beats every earlier y
        keep = np.ones(len(d), dtype=bool)
        keep[1:] = d[1:, 1] > np.maximum.accumulate(d[:, 1])[:-1]
        return keep
    return _nd3_sorted(d) if k == 3 else _ndk(d)


def nondominated_classes(
    points: np.ndarray,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The non-dominated rows grouped by equal vectors, with one sort.

    Returns ``(first, members, starts)``: class ``c`` is the vector ``points[first[c]]``,
    reached by rows ``members[starts[c]:starts[c + 1]]``.
    """
    n, k = points.shape
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(1, dtype=np.int64)
    idx = np.flatnonzero(_prefilter(points)) if (k >= 3 and n > 4096) else np.arange(n)
    sub = points[idx]
    order, new, run = _distinct_sorted(sub)
    starts_all = np.flatnonzero(new)
    nd = _nd_sorted_distinct(sub[order[starts_all]])
    keep_rows = nd[run]
    members = idx[order[keep_rows]].astype(np.int64)
    kept_runs = np.flatnonzero(nd)
    sizes = np.diff(np.append(starts_all, len(order)))[kept_runs]
    starts = np.zeros(len(kept_runs) + 1, dtype=np.int64)
    np.cumsum(sizes, out=starts[1:])
    return members[starts[:-1]], members, starts


def nondominated_distinct(points: np.ndarray) -> npt.NDArray[np.bool_]:
    """Mask of the non-dominated rows of an array whose rows are all distinct."""
    return pareto_mask(points)
