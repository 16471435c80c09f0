"""Samples of the profiles consistent with the answers, under a prior shaped like real profiles.

The answers cut part-worth space with half-spaces through the origin, so they
say nothing about scale: what a fit estimates is a *direction*, and the prior
over directions decides where, inside the consistent cone, the estimate falls.
The first engine used a uniform box over part-worths; measured on the ANAC
profiles (see ``benchmarks/elicit.py``) its mean ranked packages worse than a
plain regularised logistic fit. This module uses the prior that matches how
additive profiles are built:

- only differences within an issue matter, so part-worths are *centred* per
  issue (each issue's block sums to zero) and the sampler never moves along the
  constant directions the answers cannot see;
- within an issue the centred part-worths are Gaussian, ``N(0, s_i^2)``, with
  one scale ``s_i`` per issue drawn from an inverse-gamma prior: issue weights
  vary a lot between real profiles (0.03 to 0.6 in the ANAC ones), and a
  per-issue scale lets a few issues dominate, which a shared scale does not;
  each scale is divided by the expected range of its issue's values, so that
  an issue with many values is not, a priori, more important than one with two.

The posterior is this prior restricted to the consistent cone. It is sampled by
Gibbs sampling: hit-and-run moves of the part-worths given the scales (a random
centred direction, then a point on the chord drawn from the truncated normal
along it), and exact draws of the scales given the part-worths. Every chain
starts strictly inside the cone and each move stays on its chord, so every
sample satisfies every answer (up to rounding). Samples are returned in
canonical form (per issue the worst value at 0, ranges summing to 1).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from accords.elicit._space import FloatArray, IntArray, Space

__all__ = [
    "SCALE_SHAPE",
    "canonical",
    "centre",
    "default_steps",
    "expected_range",
    "sample_posterior",
]

#: Shape of the inverse-gamma prior on each issue's variance; 2 gives a finite
#: mean and a heavy tail (chosen on half the ANAC domains; 1 and 4 measured alike).
SCALE_SHAPE = 2.0
#: Chains run in parallel; more samples than this are taken from each chain in turn.
_CHAINS = 100


def centre(space: Space, parts: FloatArray) -> FloatArray:
    """Part-worths (rows) with each issue's block shifted to sum to zero."""
    sizes = space.sizes
    sums = np.add.reduceat(parts, np.concatenate(([0], np.cumsum(sizes)[:-1])), axis=-1)
    means = np.repeat(sums / sizes, sizes, axis=-1)
    return np.asarray(parts - means, dtype=np.float64)


def canonical(space: Space, parts: FloatArray) -> FloatArray:
    """Part-worths (rows) in canonical form: per issue the minimum 0, ranges summing to 1.

    A row whose issues are all flat is left at zero (nothing orders it).
    """
    rows = np.atleast_2d(parts)
    lows = np.minimum.reduceat(rows, space.offsets, axis=1)
    highs = np.maximum.reduceat(rows, space.offsets, axis=1)
    shifted = rows - np.repeat(lows, space.sizes, axis=1)
    total = (highs - lows).sum(axis=1, keepdims=True)
    out = np.divide(shifted, total, out=np.zeros_like(shifted), where=total > 0)
    return np.asarray(out, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _Layout:
    """What every sweep needs, computed once (``Space`` derives its arrays on each access)."""

    rows: FloatArray
    sizes: IntArray
    offsets: IntArray
    unit: FloatArray  # per issue, 1 / expected range of its values under N(0, 1)
    shape: FloatArray  # per issue, the inverse-gamma shape of its variance's posterior

    @classmethod
    def of(cls, space: Space, rows: FloatArray) -> _Layout:
        sizes = space.sizes
        unit = np.array([1.0 / expected_range(int(k)) for k in sizes])
        return cls(rows, sizes, space.offsets, unit, SCALE_SHAPE + (sizes - 1) / 2.0)


def sample_posterior(
    space: Space,
    rows: FloatArray,
    start: FloatArray,
    count: int,
    rng: np.random.Generator,
    steps: int | None = None,
) -> FloatArray:
    """``count`` canonical samples of the posterior (see the module docstring).

    ``start`` satisfies every row strictly. ``min(count, 100)`` chains each take
    ``steps`` Gibbs sweeps (default :func:`default_steps`) and then give one
    sample per further ``max(4, n // 4)`` sweeps until ``count`` are drawn.
    """
    n = space.dimension
    steps = steps if steps is not None else default_steps(n)
    chains = min(count, _CHAINS)
    thin = max(4, n // 4)
    layout = _Layout.of(space, rows)
    x = np.tile(centre(space, start), (chains, 1))
    x /= max(float(np.abs(x).max()), 1e-12)
    scales = np.tile(layout.unit, (chains, 1))
    drawn: list[FloatArray] = []
    sweeps = steps + thin * (-(-count // chains) - 1)
    rx = np.einsum("kn,rn->kr", x, rows, optimize=False)  # each answer's margin, by chain
    for sweep in range(sweeps):
        x, rx = _move(layout, x, rx, np.repeat(scales, layout.sizes, axis=1), rng)
        scales = _scales(layout, x, rng)
        if sweep >= steps - 1 and (sweep - steps + 1) % thin == 0:
            drawn.append(x.copy())
    return canonical(space, np.vstack(drawn)[:count])


def default_steps(dimension: int) -> int:
    """Gibbs sweeps before the first sample: ``max(120, 12 n)``.

    Twice the first engine's hit-and-run steps, as the sweep is cheap enough to
    afford it (about 0.14 s of CPU for 400 samples on 41 part-worths). On the
    develop half of the ANAC domains doubling measured 0.808 against 0.785
    after 30 chosen questions and four times 0.771: more sweeps than this buy
    nothing measurable.
    """
    return max(120, 12 * dimension)


def _move(
    layout: _Layout, x: FloatArray, rx: FloatArray, s: FloatArray, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """One hit-and-run move of every chain, whitened by the scales ``s``; new ``x`` and margins.

    ``rx`` holds ``rows @ x`` per chain and is updated along the move rather
    than recomputed. The products are small: ``einsum`` without BLAS, which on a
    busy machine spins threads for far longer than the arithmetic takes.
    """
    chains, n = x.shape
    g = rng.standard_normal((chains, n))
    u = g - np.repeat(np.add.reduceat(g, layout.offsets, axis=1) / layout.sizes, layout.sizes, 1)
    u *= s / np.sqrt(np.einsum("kn,kn->k", u, u))[:, None]  # a unit step, in real coordinates
    lower = np.full(chains, -np.inf)
    upper = np.full(chains, np.inf)
    ru = np.einsum("kn,rn->kr", u, layout.rows, optimize=False)
    if layout.rows.shape[0]:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = -rx / ru
            upper = np.where(ru < -1e-12, ratio, np.inf).min(axis=1)
            lower = np.where(ru > 1e-12, ratio, -np.inf).max(axis=1)
    lower, upper = np.minimum(lower, 0.0), np.maximum(upper, 0.0)
    # along the chord the whitened point z + t v has density exp(-|z + t v|^2 / 2)
    mu = -np.einsum("kn,kn->k", x / (s * s), u, optimize=False)
    low, high = ndtr(lower - mu), ndtr(upper - mu)
    level = np.clip(low + (high - low) * rng.random(chains), 1e-300, 1.0 - 1e-16)
    t = np.clip(mu + ndtri(level), lower, upper)
    return x + t[:, None] * u, rx + t[:, None] * ru


def _scales(layout: _Layout, x: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Exact draws of each issue's scale given the part-worths (inverse-gamma posterior).

    An issue's scale is ``s_i = sigma_i / r(k_i)`` with ``r(k)`` the expected
    range of ``k`` standard normals: the prior then gives every issue the same
    expected range (weight), however many values it has.
    """
    squares = np.add.reduceat(x * x, layout.offsets, axis=1) / (2.0 * layout.unit**2)
    variance = (1.0 + squares) / rng.gamma(layout.shape, 1.0, size=squares.shape)
    return np.asarray(np.sqrt(variance) * layout.unit, dtype=np.float64)


@functools.cache
def expected_range(k: int) -> float:
    """E[max - min] of ``k`` independent standard normals (1.128 for 2, 2.059 for 4).

    ``E[range] = integral of 1 - F^k - (1 - F)^k``, by the trapezoid rule on a
    fine grid (exact to about 1e-6, which is plenty for a prior's scale).
    """
    if k < 2:
        return 1.0
    grid = np.linspace(-10.0, 10.0, 20_001)
    cdf = ndtr(grid)
    integrand = 1.0 - cdf**k - (1.0 - cdf) ** k
    return float(np.sum((integrand[1:] + integrand[:-1]) / 2.0) * (grid[1] - grid[0]))
