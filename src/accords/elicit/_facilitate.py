"""Facilitation on fitted profiles: improve on the table, and blind acceptance.

*Improve on the table* (Smartsettle's "reflections"): the packages every party
weakly prefers to the one on the table, strictly for at least one, under the
fitted profiles; each comes with the Monte Carlo probability, over the
profiles' uncertainty, that it really is such a package. Sample ``s`` of every
party is drawn independently, so pairing the ``s``-th samples is a draw from
the joint posterior. Only packages and probabilities come out: no party's
utilities, so the mediator can show the result to everyone.

*Blind acceptance*: each party privately marks what it would accept (a set of
packages, or its least satisfaction under its own profile); only the
intersection comes out, never who accepted what.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from accords.elicit._chunks import CHUNK, Job, Scheduler, best_of, decode_indices
from accords.elicit._fit import Fit
from accords.elicit._profile import Profile
from accords.elicit._space import FloatArray, IntArray, Package, Space
from accords.errors import RefusedMove

__all__ = ["Acceptance", "Improvement", "blind_acceptance", "improve_on_table"]

#: Largest space blind acceptance enumerates in one process (improving on the table
#: reads the space in chunks and has no such bound).
MAX_PACKAGES = 2_000_000


@dataclass(frozen=True, slots=True)
class Improvement:
    """A package that improves on the table for all under the fitted profiles, and the
    probability (share of sampled profiles) that it does so for all."""

    package: Package
    probability: float

    def to_json(self) -> dict[str, object]:
        return {"package": dict(self.package), "probability": self.probability}


def _enumerate(space: Space) -> IntArray:
    if space.size > MAX_PACKAGES:
        raise RefusedMove(
            f"the space has {space.size:,} packages; blind acceptance enumerates at most "
            f"{MAX_PACKAGES:,} in one process"
        )
    return space.all_packages()


def improve_on_table(
    space: Space,
    fits: Mapping[str, Fit],
    table: Package,
    limit: int = 50,
    *,
    scheduler: Scheduler = None,
    chunk: int = CHUNK,
) -> list[Improvement]:
    """Packages that improve on ``table`` for every party, most probable first (ties in the
    space's order), at most ``limit``.

    The space is never enumerated whole: it is read in chunks of ``chunk`` packages by
    index range (see :mod:`accords.elicit._chunks`), in this process when ``scheduler`` is
    None, else one Dask task per chunk on the scheduler (an address, ``"local"`` for a
    LocalCluster here, or a ``distributed.Client``). The result is the same either way.
    """
    if not fits:
        raise RefusedMove("improving on the table needs at least one party's fitted profile")
    if limit < 1:
        return []
    where = space.encode(table, "the package on the table")[None, :]
    parties = list(fits)
    draws = min(f.samples.shape[0] for f in fits.values())
    points = np.stack([fits[p].profile.parts(space) for p in parties])
    samples = np.stack([fits[p].samples[:draws] for p in parties])
    job = Job(
        space=space,
        points=points,
        at_table=np.array([space.utilities(q, where)[0] for q in points]),
        samples=samples,
        sampled_table=np.stack([space.utilities(s, where)[:, 0] for s in samples], axis=-1),
        limit=limit,
    )
    index, probability = best_of(job, space.size, chunk=chunk, scheduler=scheduler)
    rows = decode_indices(space, index)
    return [Improvement(space.decode(r), float(q)) for r, q in zip(rows, probability, strict=True)]


@dataclass(frozen=True, slots=True)
class Acceptance:
    """One party's private mark: the packages it accepts, or its least satisfaction (0–1)
    under its own profile. Give exactly one of ``packages`` and ``least``."""

    packages: Collection[Package] | None = None
    least: float | None = None
    profile: Profile | None = None

    def accepted(self, space: Space, all_packages: IntArray) -> FloatArray:
        if (self.packages is None) == (self.least is None):
            raise RefusedMove("an acceptance marks either packages or a least satisfaction")
        if self.packages is not None:
            mask = np.zeros(all_packages.shape[0], dtype=bool)
            strides = np.r_[np.cumprod(space.sizes[::-1])[::-1][1:], 1]
            for p in self.packages:
                mask[int(space.encode(p) @ strides)] = True
            return np.asarray(mask, dtype=np.float64)
        if self.profile is None:
            raise RefusedMove("a least satisfaction needs the party's profile")
        u = space.utilities(self.profile.parts(space), all_packages)
        return np.asarray(u >= float(self.least or 0.0) - 1e-12, dtype=np.float64)


def blind_acceptance(space: Space, marks: Mapping[str, Acceptance]) -> list[dict[str, str]]:
    """The packages every party accepts, in the space's order, and nothing else."""
    if len(marks) < 2:
        raise RefusedMove("blind acceptance needs the marks of at least two parties")
    packages = _enumerate(space)
    together = np.ones(packages.shape[0], dtype=bool)
    for mark in marks.values():
        together &= mark.accepted(space, packages) > 0
    return [space.decode(row) for row in packages[together]]
