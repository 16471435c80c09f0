"""What a negotiator may know: the public table and its own party's utilities, nothing else.

Preferences are confidential to their party (and the mediator, a person, not
the automated drafter). A negotiator therefore never receives the
:class:`~accords.analysis.Problem`: :func:`own_view` scores the table with a
problem built from that one party's preferences, keeps the numbers, and drops
the problem. Nothing reachable from an :class:`OwnView` holds another party's
preferences (a test walks the object graph to make sure), and a
:class:`DrafterView` holds no preferences at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accords.analysis import Problem
from accords.simulate._table import OutcomeTable

__all__ = ["DrafterView", "OwnView", "own_view"]


@dataclass(frozen=True, slots=True, eq=False)
class OwnView:
    """One party's private numbers over the public table.

    ``utility[row]`` is the party's utility of a package; ``acceptable[row]`` is
    False where the package crosses one of its red lines. ``ranked`` lists the
    packages it could rationally sign (acceptable, and worth at least its
    reservation) from worst to best, ties in table order, and ``ranked_utility``
    their utilities, so "the least I can offer and still get ``u``" is a binary
    search. Under alternating offers an offer counts as its maker's acceptance,
    so a negotiator offers only ranked packages (none when the list is empty).
    """

    party: str
    position: int  # this party's turn order in the negotiation
    n_parties: int
    table: OutcomeTable
    utility: npt.NDArray[np.float64]
    values: list[float]  # the same numbers as a list, minus infinity across a red line
    acceptable: npt.NDArray[np.bool_]
    reservation: float
    ranked: list[int]
    ranked_utility: list[float]

    @property
    def best(self) -> float:
        """The party's best acceptable utility (its reservation when nothing is acceptable)."""
        return self.ranked_utility[-1] if self.ranked else self.reservation

    @property
    def floor(self) -> float:
        """The least it will settle for: its reservation, or its worst acceptable package."""
        if not self.ranked:
            return self.reservation
        return max(self.reservation, self.ranked_utility[0])

    def value(self, row: int) -> float:
        """Utility of a package, minus infinity across a red line."""
        return self.values[row]


@dataclass(frozen=True, slots=True, eq=False)
class DrafterView:
    """What a mediator's drafter sees: the public table and who is at the table."""

    parties: tuple[str, ...]
    table: OutcomeTable


def own_view(problem: Problem, party: str, position: int, table: OutcomeTable) -> OwnView:
    """Score the table for ``party`` from its own preferences alone."""
    alone = Problem(problem.space, {party: problem.preferences[party]})
    utility = np.ascontiguousarray(alone.utilities(table.rows)[:, 0])
    acceptable = alone.feasible(table.rows)  # the public constraints hold already: own red lines
    reservation = float(alone.reservations[0])
    rows = np.flatnonzero(acceptable & (utility >= reservation))
    order = rows[np.argsort(utility[rows], kind="stable")]
    return OwnView(
        party=party,
        position=position,
        n_parties=problem.n_parties,
        table=table,
        utility=utility,
        values=np.where(acceptable, utility, -np.inf).tolist(),
        acceptable=acceptable,
        reservation=reservation,
        ranked=order.tolist(),
        ranked_utility=utility[order].tolist(),
    )
