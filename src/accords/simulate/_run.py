"""One simulated negotiation: set up once per scenario, run many times, score each run.

:class:`Simulation` holds what every run on a scenario shares: the public
outcome table, each party's private view of it, and (for scoring only, never
shown to a negotiator) the exact Pareto frontier and the Nash point from the
analysis engine. :meth:`Simulation.run` plays one negotiation and returns a
:class:`RunResult`: agreement or not, the package, rounds, each party's
utility, the distances to the frontier and to the Nash point, and the full
offer history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from accords.analysis import Problem
from accords.errors import UnknownReference
from accords.simulate._mediator import SingleTextDrafter
from accords.simulate._negotiators import NegotiatorSpec
from accords.simulate._protocols import Ending, alternating_offers, single_text
from accords.simulate._table import MAX_OUTCOMES, OutcomeTable
from accords.simulate._view import DrafterView, OwnView, own_view

if TYPE_CHECKING:
    from accords.analysis import Frontier

__all__ = ["PROTOCOLS", "History", "RunResult", "Simulation"]

Protocol = Literal["alternating", "single-text"]
PROTOCOLS: tuple[Protocol, ...] = ("alternating", "single-text")


@dataclass(frozen=True)
class History:
    """The offer history: per tabled package its round, who tabled it (a party id, or
    ``"mediator"``), the package (a table row) and every party's utility of it."""

    rounds: npt.NDArray[np.int64]
    by: tuple[str, ...]
    rows: npt.NDArray[np.int64]
    utilities: npt.NDArray[np.float64]  # (offers, parties)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class RunResult:
    """The outcome of one simulated negotiation."""

    scenario: str
    protocol: str
    parties: tuple[str, ...]
    negotiators: tuple[str, ...]  # strategy per party, in party order
    steps: int
    seed: int
    agreement: bool
    outcome: dict[str, str] | None
    rounds: int
    reason: str
    utilities: dict[str, float]  # reservation values when there is no agreement
    pareto_distance: float | None  # Euclidean, in utility space; None without agreement
    nash_distance: float | None
    history: History

    def summary(self) -> dict[str, Any]:
        """The run as JSON-ready data, without the offer history."""
        return {
            "scenario": self.scenario,
            "protocol": self.protocol,
            "negotiators": dict(zip(self.parties, self.negotiators, strict=True)),
            "steps": self.steps,
            "seed": self.seed,
            "agreement": self.agreement,
            "outcome": self.outcome,
            "rounds": self.rounds,
            "reason": self.reason,
            "utilities": self.utilities,
            "pareto_distance": self.pareto_distance,
            "nash_distance": self.nash_distance,
            "offers": len(self.history),
        }

    def history_json(self, table: OutcomeTable) -> list[dict[str, Any]]:
        h = self.history
        return [
            {
                "round": int(r) + 1,
                "by": who,
                "package": table.describe(int(row)),
                "utilities": dict(zip(self.parties, (float(u) for u in us), strict=True)),
            }
            for r, who, row, us in zip(h.rounds, h.by, h.rows, h.utilities, strict=True)
        ]


class Simulation:
    """A scenario ready to be negotiated many times."""

    def __init__(self, problem: Problem, name: str = "", limit: int = MAX_OUTCOMES) -> None:
        if problem.n_parties < 2:
            raise UnknownReference("a negotiation needs at least two parties with preferences")
        self.problem = problem
        self.name = name
        self.table = OutcomeTable.build(problem.space, limit)
        self.views: tuple[OwnView, ...] = tuple(
            own_view(problem, party, k, self.table) for k, party in enumerate(problem.parties)
        )
        self._start: int | None = None

    @property
    def parties(self) -> tuple[str, ...]:
        return self.problem.parties

    def start_from(self, package: dict[str, str] | None) -> None:
        """The mediator's first text (e.g. the package on the table in the record)."""
        self._start = (
            None if package is None else self.table.index(self.problem.space.encode(package))
        )

    @cached_property
    def _frontier(self) -> Frontier:
        from accords.analysis import pareto_frontier

        return pareto_frontier(self.problem)

    @property
    def frontier(self) -> npt.NDArray[np.float64]:
        """The exact Pareto frontier's distinct points (for scoring, never for negotiators)."""
        return self._frontier.utilities

    @cached_property
    def nash_point(self) -> npt.NDArray[np.float64] | None:
        """The Nash bargaining point, or None when no package beats every reservation."""
        from accords.analysis import nash

        solution = nash(self._frontier)
        return None if solution is None else solution.utilities

    def run(
        self,
        negotiators: Sequence[NegotiatorSpec],
        *,
        steps: int = 100,
        seed: int = 0,
        protocol: Protocol = "alternating",
    ) -> RunResult:
        """Play one negotiation: ``negotiators[k]`` speaks for party ``k``."""
        if len(negotiators) != len(self.parties):
            raise UnknownReference(
                f"{len(negotiators)} negotiator(s) for {len(self.parties)} parties "
                f"({', '.join(self.parties)})"
            )
        if steps < 1:
            raise UnknownReference("a negotiation needs at least one round (--steps >= 1)")
        seeds = np.random.SeedSequence(seed).spawn(len(negotiators) + 1)
        agents = [
            spec.create(view, np.random.default_rng(s))
            for spec, view, s in zip(negotiators, self.views, seeds, strict=False)
        ]
        if protocol == "alternating":
            ending = alternating_offers(agents, steps)
        elif protocol == "single-text":
            drafter = SingleTextDrafter(
                DrafterView(self.parties, self.table), np.random.default_rng(seeds[-1]), self._start
            )
            ending = single_text(drafter, agents, steps)
        else:
            raise UnknownReference(
                f"unknown protocol {protocol!r}; choose from {', '.join(PROTOCOLS)}"
            )
        return self._score(ending, negotiators, steps, seed, protocol)

    def _score(
        self,
        ending: Ending,
        negotiators: Sequence[NegotiatorSpec],
        steps: int,
        seed: int,
        protocol: str,
    ) -> RunResult:
        pr = self.problem
        rows = np.asarray(ending.trace.offers, dtype=np.int64)
        util = pr.utilities(self.table.rows[rows]) if len(rows) else np.zeros((0, pr.n_parties))
        names = (*self.parties, "mediator")
        history = History(
            rounds=np.asarray(ending.trace.rounds, dtype=np.int64),
            by=tuple(names[k] for k in ending.trace.parties),
            rows=rows,
            utilities=util,
        )
        if ending.agreement is None:
            point = pr.reservations
            outcome = None
            pareto_d = nash_d = None
        else:
            package = self.table.rows[ending.agreement : ending.agreement + 1]
            point = pr.utilities(package)[0]
            outcome = self.table.describe(ending.agreement)
            pareto_d = _pareto_distance(self.frontier, point)
            nash = self.nash_point
            nash_d = None if nash is None else float(np.sqrt(((nash - point) ** 2).sum()))
        return RunResult(
            scenario=self.name,
            protocol=protocol,
            parties=self.parties,
            negotiators=tuple(s.name for s in negotiators),
            steps=steps,
            seed=seed,
            agreement=ending.agreement is not None,
            outcome=outcome,
            rounds=ending.rounds,
            reason=ending.reason,
            utilities={p: float(u) for p, u in zip(self.parties, point, strict=True)},
            pareto_distance=pareto_d,
            nash_distance=nash_d,
            history=history,
        )


#: Utilities closer than this are one point: the frontier's utilities come from the exact
#: (fixed-point) frontier and an agreement's from floating-point sums of the same weights.
_SAME = 1e-9


def _pareto_distance(frontier: npt.NDArray[np.float64], point: npt.NDArray[np.float64]) -> float:
    """How far an agreement is from the frontier: zero exactly when no frontier point
    dominates it (a Pareto-optimal agreement), else the Euclidean distance to the nearest."""
    dominated = (frontier >= point - _SAME).all(axis=1) & (frontier > point + _SAME).any(axis=1)
    if not dominated.any():
        return 0.0
    return float(np.sqrt(((frontier - point) ** 2).sum(axis=1)).min())
