"""Fit a profile to comparisons and ratings: the consistent set, its samples, its mean.

Ratings enter in two ways. Every pair of rated packages whose ratings differ by
more than :data:`RATING_TOLERANCE` points becomes an order ("a over b"), cut
into the polytope like a comparison, with both ratings as its provenance. The
ratings are also refitted on their own (least squares on part-worths, ridge
towards the consistent set's mean), and a rating that the other ratings and that
mean cannot reproduce within :data:`DISAGREEMENT` points (leave-one-out) is
flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accords.elicit._answers import Answers
from accords.elicit._polytope import interior_point, minimal_contradictions
from accords.elicit._posterior import sample_posterior
from accords.elicit._profile import Profile, profile_from_parts
from accords.elicit._space import FloatArray, IntArray, Space

__all__ = [
    "DISAGREEMENT",
    "RATING_TOLERANCE",
    "Fit",
    "Provenance",
    "fit",
    "order_rows",
    "prior_bounds",
    "refit_ratings",
]

#: Ratings closer than this (points of 100) say nothing about the order of two packages.
RATING_TOLERANCE = 5.0
#: A rating further than this from its leave-one-out prediction disagrees with the rest.
DISAGREEMENT = 20.0


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which answers a fit used and when they were given (None where the file has no date)."""

    answers: tuple[str, ...]
    given_at: tuple[str | None, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Fit:
    """A fitted profile with its uncertainty and provenance.

    ``samples`` are part-worth vectors drawn from the consistent set (rows ×
    ``space.dimension``), each in canonical form (per issue the worst value 0,
    ranges summing to 1), from the posterior of :mod:`accords.elicit._posterior`;
    ``profile`` is their mean (the posterior mean of the canonical profile).
    ``contradictions`` lists minimal sets of answer numbers that cannot hold
    together; the fit sets aside the latest answer of each and uses the rest
    (``used``). ``disagreeing`` lists ratings (answer numbers) that the rest
    of the answers do not reproduce.
    """

    space: Space
    profile: Profile
    samples: FloatArray
    consistent: bool
    contradictions: tuple[tuple[int, ...], ...]
    disagreeing: tuple[int, ...]
    used: tuple[int, ...]
    provenance: Provenance

    def profiles(self) -> list[Profile]:
        """Every sample as a canonical profile (the consistent set, as profiles)."""
        return [profile_from_parts(self.space, s) for s in self.samples]

    def to_json(self) -> dict[str, object]:
        return {
            "profile": self.profile.to_json(),
            "consistent": self.consistent,
            "contradictions": [list(c) for c in self.contradictions],
            "disagreeing": list(self.disagreeing),
            "samples": int(self.samples.shape[0]),
            "provenance": {
                "source": self.provenance.source,
                "answers": list(self.provenance.answers),
                "given_at": list(self.provenance.given_at),
            },
        }


def order_rows(space: Space, answers: Answers) -> tuple[FloatArray, list[tuple[int, ...]]]:
    """Half-space rows ``x_better - x_worse`` and, for each, the answers it comes from."""
    answers.check(space)
    pairs: list[tuple[IntArray, IntArray]] = []
    origin: list[tuple[int, ...]] = []
    for k, c in enumerate(answers.comparisons):
        pairs.append((space.encode(c.better), space.encode(c.worse)))
        origin.append((k,))
    base = len(answers.comparisons)
    rated = [(space.encode(r.package), r.rating) for r in answers.ratings]
    for i, (a, ra) in enumerate(rated):
        for j, (b, rb) in enumerate(rated):
            if ra - rb > RATING_TOLERANCE:
                pairs.append((a, b))
                origin.append((base + i, base + j))
    if not pairs:
        return np.zeros((0, space.dimension)), origin
    better = space.features(np.array([p[0] for p in pairs]))
    worse = space.features(np.array([p[1] for p in pairs]))
    return better - worse, origin


def _disagreeing(space: Space, answers: Answers, prior: FloatArray) -> tuple[int, ...]:
    """Ratings whose leave-one-out ridge prediction misses by more than DISAGREEMENT."""
    m = len(answers.ratings)
    if m < 3:
        return ()
    x = space.features(np.array([space.encode(r.package) for r in answers.ratings]))
    y = np.array([r.rating / 100.0 for r in answers.ratings])
    out = []
    for k in range(m):
        keep = np.arange(m) != k
        parts = refit_ratings(space, x[keep], y[keep], prior)
        predicted = float(x[k] @ parts[:-1] + parts[-1])
        if abs(predicted - y[k]) * 100.0 > DISAGREEMENT:
            out.append(len(answers.comparisons) + k)
    return tuple(out)


def refit_ratings(
    space: Space, x: FloatArray, y: FloatArray, prior: FloatArray, ridge: float = 0.1
) -> FloatArray:
    """Part-worths and an intercept (last) for ratings ``y ≈ x p + c``, ridge towards ``prior``.

    This is the hybrid-conjoint refit: the prior (from a point split and option
    ratings, or the comparisons' estimate) is put on the ratings' scale (worst
    package 0, best 1) and the ratings pull the part-worths away from it only
    as far as they need to.
    """
    n = x.shape[1]
    centre = profile_from_parts(space, prior).parts(space)
    design = np.hstack([x, np.ones((x.shape[0], 1))])
    reg = np.sqrt(ridge) * np.hstack([np.eye(n), np.zeros((n, 1))])
    lhs = np.vstack([design, reg])
    rhs = np.concatenate([y, np.sqrt(ridge) * centre])
    solution, *_ = np.linalg.lstsq(lhs, rhs, rcond=None)
    return np.asarray(solution, dtype=np.float64)


def prior_bounds(space: Space) -> FloatArray:
    """Upper bounds of the box the starting point is sought in: ``(k + 1) / (k - 1)``.

    The first engine's prior was uniform on this box (with part-worths uniform on
    ``[0, s]``, an issue's expected range is ``s (k - 1) / (k + 1)``, so this ``s``
    makes it 1 for every issue); the fit now samples the prior of
    :mod:`accords.elicit._posterior` and uses the box only to bound the linear
    programme that finds a strictly interior starting point.
    """
    sizes = space.sizes.astype(np.float64)
    scale = np.where(sizes > 1, (sizes + 1) / np.maximum(sizes - 1, 1), 1.0)
    return np.asarray(np.repeat(scale, space.sizes), dtype=np.float64)


def fit(
    space: Space,
    answers: Answers,
    samples: int = 400,
    seed: int | None = 0,
    steps: int | None = None,
) -> Fit:
    """Fit ``answers`` on ``space``: see :class:`Fit`. Deterministic for a given seed."""
    rng = np.random.default_rng(seed)
    rows, origin = order_rows(space, answers)
    found, kept = minimal_contradictions(rows)
    conflicts = sorted({tuple(sorted({a for r in c for a in origin[r]})) for c in found})
    kept_rows = rows[kept]
    upper = prior_bounds(space)
    start = interior_point(kept_rows, upper)
    if start is None:  # pragma: no cover - kept rows are consistent by construction
        start = np.full(space.dimension, 0.5)
    drawn = sample_posterior(space, kept_rows, start, samples, rng, steps)
    mean = drawn.mean(axis=0)
    set_aside = {origin[r][0] for r in set(range(len(origin))) - set(kept) if len(origin[r]) == 1}
    used = [a for a in range(len(answers)) if a not in set_aside]
    return Fit(
        space=space,
        profile=profile_from_parts(space, mean),
        samples=drawn,
        consistent=not conflicts,
        contradictions=tuple(conflicts),
        disagreeing=_disagreeing(space, answers, mean),
        used=tuple(used),
        provenance=_provenance(answers, used),
    )


def _provenance(answers: Answers, used: Sequence[int]) -> Provenance:
    stamps = [c.at for c in answers.comparisons] + [r.at for r in answers.ratings]
    return Provenance(
        tuple(answers.label(k) for k in used), tuple(stamps[k] for k in used), answers.source
    )
