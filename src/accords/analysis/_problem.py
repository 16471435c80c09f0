"""Per-party preferences as numbers, and the problem they pose together.

A party's utility for a package is additive over the parts (weight times the
value of the chosen option) plus pairwise interaction terms between options of
two parts. Red lines make packages infeasible (the party never accepts them).

Utilities are held in **fixed point**: every term is rounded once to a multiple
of ``2**-bits`` (``bits`` <= 52, chosen per party so no sum can overflow int64),
and packages are scored by adding integers. Integer sums are exact and do not
depend on the order of addition, so two packages that are worth the same are
*exactly* tied however the engine groups the parts: ties are never lost or
invented by rounding noise. The rounding moves a utility by less than
``terms * 2**-53`` for unit-scale preferences: float precision.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accords.analysis._space import OptionRef, OutcomeSpace
from accords.errors import InvalidArgument, UnknownReference

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Interaction", "Preferences", "Problem"]

_MAX_BITS = 52
_HEADROOM_BITS = 61


@dataclass(frozen=True, slots=True)
class Interaction:
    """``value`` is added to the utility when options ``a`` and ``b`` are chosen together."""

    a: OptionRef
    b: OptionRef
    value: float


@dataclass(frozen=True, slots=True)
class Preferences:
    """One party's preferences over an outcome space, by part and option index.

    ``weights[j]`` weighs part ``j``; ``values[j][o]`` is the value of its option ``o``;
    ``red_lines`` are combinations of options (one or more) the party never accepts;
    ``reservation`` is the utility of no agreement.
    """

    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    interactions: tuple[Interaction, ...] = ()
    red_lines: tuple[tuple[OptionRef, ...], ...] = ()
    reservation: float = 0.0

    def check(self, space: OutcomeSpace) -> None:
        """Refuse preferences that do not fit the space (a bug in an adapter, not a user slip)."""
        n = len(space.parts)
        if len(self.weights) != n or len(self.values) != n:
            raise InvalidArgument("preferences must give a weight and values for every part")
        for j, (part, vals) in enumerate(zip(space.parts, self.values, strict=True)):
            if len(vals) != len(part.options):
                raise InvalidArgument(f"part {part.id!r}: one value per option is needed")
            if not math.isfinite(self.weights[j]) or self.weights[j] < 0:
                raise InvalidArgument(f"part {part.id!r}: weight must be finite and >= 0")
            if not all(math.isfinite(v) for v in vals):
                raise InvalidArgument(f"part {part.id!r}: values must be finite")
        for term in self.interactions:
            if term.a.part == term.b.part or not math.isfinite(term.value):
                raise InvalidArgument(
                    "an interaction joins two different parts with a finite value"
                )
            space._check(term.a)
            space._check(term.b)
        for line in self.red_lines:
            if not line:
                raise InvalidArgument("a red line names at least one option")
            for ref in line:
                space._check(ref)
            if len({ref.part for ref in line}) != len(line):
                raise InvalidArgument("a red line names at most one option per part")
        if not math.isfinite(self.reservation):
            raise InvalidArgument("the reservation value must be finite")

    def bound(self) -> float:
        """An upper bound on |utility| and |reservation|, for choosing the fixed-point scale."""
        total = sum(
            w * max(abs(v) for v in vals) for w, vals in zip(self.weights, self.values, strict=True)
        )
        total += sum(abs(t.value) for t in self.interactions)
        return max(total, abs(self.reservation))


def _bits_for(bound: float) -> int:
    if bound <= 0:
        return _MAX_BITS
    return max(0, min(_MAX_BITS, _HEADROOM_BITS - math.ceil(math.log2(bound)) - 1))


class Problem:
    """An outcome space and the preferences of 2 or more parties over it.

    This is the object the analysis works on, and the batch-scoring API that
    simulations use: :meth:`utilities` scores an ``(n, parts)`` array of option
    indices for every party at once.
    """

    def __init__(self, space: OutcomeSpace, preferences: Mapping[str, Preferences]) -> None:
        import numpy as np

        if len(preferences) < 1:
            raise InvalidArgument("a problem needs at least one party")
        for prefs in preferences.values():
            prefs.check(space)
        self.space = space
        self.parties: tuple[str, ...] = tuple(preferences)
        self.preferences: dict[str, Preferences] = dict(preferences)
        self.bits: tuple[int, ...] = tuple(_bits_for(p.bound()) for p in preferences.values())
        self.scale = np.array([float(2**b) for b in self.bits])
        # tables[k][j] is party k's fixed-point contribution of each option of part j.
        self.tables: list[list[npt.NDArray[np.int64]]] = []
        for prefs, bits in zip(preferences.values(), self.bits, strict=True):
            q = float(2**bits)
            self.tables.append(
                [
                    np.rint(np.asarray(vals, dtype=np.float64) * (w * q)).astype(np.int64)
                    for w, vals in zip(prefs.weights, prefs.values, strict=True)
                ]
            )
        self.interaction_ints: list[list[tuple[OptionRef, OptionRef, int]]] = [
            [(t.a, t.b, round(t.value * 2**bits)) for t in prefs.interactions]
            for prefs, bits in zip(preferences.values(), self.bits, strict=True)
        ]
        self.reservation_ints = np.array(
            [
                round(p.reservation * 2**b)
                for p, b in zip(preferences.values(), self.bits, strict=True)
            ],
            dtype=np.int64,
        )

    @property
    def n_parties(self) -> int:
        return len(self.parties)

    def party_index(self, party: str) -> int:
        try:
            return self.parties.index(party)
        except ValueError:
            raise UnknownReference(
                f"unknown party {party!r}; parties are {', '.join(self.parties)}"
            ) from None

    @property
    def reservations(self) -> npt.NDArray[np.float64]:
        """Each party's reservation value, as the engine rounds it."""
        out: npt.NDArray[np.float64] = self.reservation_ints / self.scale
        return out

    def red_lines(self) -> list[tuple[OptionRef, ...]]:
        """Every party's red lines together: each rules packages out of the space."""
        return [line for prefs in self.preferences.values() for line in prefs.red_lines]

    # -- scoring -----------------------------------------------------------

    def utility_ints(self, outcomes: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """Fixed-point utilities, shape ``(n, parties)``; exact and order-independent."""
        import numpy as np

        x = np.asarray(outcomes, dtype=np.intp)
        if x.ndim != 2 or x.shape[1] != len(self.space.parts):
            raise InvalidArgument(f"outcomes must have shape (n, {len(self.space.parts)})")
        out = np.zeros((x.shape[0], self.n_parties), dtype=np.int64)
        for k in range(self.n_parties):
            col = out[:, k]
            for j, table in enumerate(self.tables[k]):
                col += table[x[:, j]]
            for a, b, value in self.interaction_ints[k]:
                col += value * ((x[:, a.part] == a.option) & (x[:, b.part] == b.option))
        return out

    def utilities(self, outcomes: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Every party's utility of a batch of outcomes, shape ``(n, parties)``.

        ``outcomes`` is an integer array of option indices, shape ``(n, parts)``
        (part order as in ``space.parts``). Feasibility is not checked here: see
        :meth:`feasible`.
        """
        out: npt.NDArray[np.float64] = self.utility_ints(outcomes) / self.scale
        return out

    def utility(self, party: str, outcomes: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """One party's utility of a batch of outcomes, shape ``(n,)``."""
        return self.utilities(outcomes)[:, self.party_index(party)]

    def feasible(self, outcomes: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """Which outcomes the linkages, fixed parts and every party's red lines allow."""
        import numpy as np

        x = np.asarray(outcomes, dtype=np.intp)
        ok = self.space.feasible(x)
        for line in self.red_lines():
            hit = np.ones(x.shape[0], dtype=bool)
            for ref in line:
                hit &= x[:, ref.part] == ref.option
            ok &= ~hit
        return ok

    def encode(self, packages: Sequence[Mapping[str, str]]) -> npt.NDArray[np.intp]:
        """Packages named ``{part: option}`` as an index array for :meth:`utilities`."""
        import numpy as np

        return np.array([self.space.encode(p) for p in packages], dtype=np.intp).reshape(
            len(packages), len(self.space.parts)
        )
