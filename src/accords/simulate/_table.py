"""The public outcome table: every package the framework, its linkages and fixed parts allow.

What is public is shared by every negotiator and the mediator: the parts, their
options, the linkages and the parts provisionally accepted. Red lines are not
public (they belong to one party's preferences), so they are *not* applied
here: each party's view marks its own.

Outcomes are numbered once, in mixed-radix order over the allowed options, and
travel through a negotiation as row numbers of this table, so a round costs a
few integer look-ups rather than any package arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accords.analysis import OutcomeSpace
from accords.errors import SpaceTooLarge

__all__ = ["MAX_OUTCOMES", "OutcomeTable", "SpaceTooLarge"]

#: Most packages enumerated for a simulation (each party's utilities are held for all of them).
MAX_OUTCOMES = 4_000_000


@dataclass(frozen=True, eq=False)
class OutcomeTable:
    """The feasible packages as rows of option indices, with a look-up from package to row."""

    space: OutcomeSpace
    rows: npt.NDArray[np.int64]  # (n, parts) option indices, in space order
    codes: npt.NDArray[np.int64]  # mixed-radix code of each row, ascending
    radix: tuple[int, ...]  # options per part (full, fixed parts included)
    free_parts: tuple[int, ...]  # parts not held fixed, which a draft may change

    @classmethod
    def build(cls, space: OutcomeSpace, limit: int = MAX_OUTCOMES) -> OutcomeTable:
        """Enumerate the space (refusing one larger than ``limit`` before allocating it)."""
        size = space.product_size
        if size > limit:
            raise SpaceTooLarge(
                f"the framework allows {size:,} packages before linkages, more than the "
                f"{limit:,} a simulation enumerates; hold parts fixed (--given-accepted) "
                "or simulate a smaller framework"
            )
        allowed = [
            np.asarray(space.allowed_options(j), dtype=np.int64) for j in range(len(space.parts))
        ]
        counts = [len(a) for a in allowed]
        flat = np.arange(size, dtype=np.int64)
        rows = np.empty((size, len(allowed)), dtype=np.int64)
        for j in range(len(allowed) - 1, -1, -1):
            rows[:, j] = allowed[j][flat % counts[j]]
            flat //= counts[j]
        rows = rows[space.feasible(rows)]
        radix = tuple(len(p.options) for p in space.parts)
        codes = cls._encode(rows, radix)
        free = tuple(j for j in range(len(space.parts)) if j not in space.fixed and counts[j] > 1)
        return cls(space, rows, codes, radix, free)

    @staticmethod
    def _encode(rows: npt.NDArray[np.int64], radix: tuple[int, ...]) -> npt.NDArray[np.int64]:
        code = np.zeros(len(rows), dtype=np.int64)
        for j, r in enumerate(radix):
            code = code * r + rows[:, j]
        return code

    def __len__(self) -> int:
        return len(self.rows)

    def index(self, package: npt.ArrayLike) -> int | None:
        """The row of a package (option indices), or None when the space does not allow it."""
        x = np.asarray(package, dtype=np.int64).reshape(1, -1)
        code = int(self._encode(x, self.radix)[0])
        i = int(np.searchsorted(self.codes, code))
        return i if i < len(self.codes) and int(self.codes[i]) == code else None

    def neighbour(self, row: int, part: int, option: int) -> int | None:
        """The row of package ``row`` with ``part`` changed to ``option``, if allowed."""
        old = int(self.rows[row, part])
        stride = 1
        for r in self.radix[part + 1 :]:
            stride *= r
        code = int(self.codes[row]) + (option - old) * stride
        i = int(np.searchsorted(self.codes, code))
        return i if i < len(self.codes) and int(self.codes[i]) == code else None

    def describe(self, row: int) -> dict[str, str]:
        """A row as ``{part: option}``."""
        return self.space.describe(self.rows[row])
