"""One call for the whole analysis, and the narrower view a single party may have.

The mediator's analysis needs every party's preferences: the frontier, the
bargaining solutions, the zone of possible agreement. A party sees only what
its own preferences say: its best packages, how many packages beat no
agreement for it, how a proposal scores for it, and which parts cost it least
to concede. :func:`require_mediator` is the one gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accords.analysis import _solutions as bargaining
from accords.analysis._pareto import Frontier, Progress, pareto_frontier
from accords.analysis._problem import Problem
from accords.analysis._solutions import ProposalAssessment, Solution, zopa_size
from accords.analysis._space import OutcomeSpace
from accords.analysis._viewer import MEDIATOR, require_mediator
from accords.model.viewer import Viewer

__all__ = ["MEDIATOR", "Analysis", "PartyView", "analyze", "party_view", "require_mediator"]


@dataclass
class Analysis:
    """The mediator's analysis of a problem."""

    problem: Problem
    frontier: Frontier
    nash: Solution | None
    kalai_smorodinsky: Solution | None
    egalitarian: Solution | None
    utilitarian: Solution | None
    zopa_size: int | None
    proposal: ProposalAssessment | None

    @property
    def solutions(self) -> dict[str, Solution | None]:
        return {
            "nash": self.nash,
            "kalai_smorodinsky": self.kalai_smorodinsky,
            "egalitarian": self.egalitarian,
            "utilitarian": self.utilitarian,
        }


def analyze(
    problem: Problem,
    *,
    viewer: Viewer | str = MEDIATOR,
    proposal: npt.ArrayLike | Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Frontier, bargaining solutions, ZOPA size and (optionally) a proposal's assessment."""
    require_mediator(viewer, "the frontier and the bargaining solutions")
    frontier = pareto_frontier(problem, progress)
    assessed = None
    if proposal is not None:
        assessed = bargaining.assess_proposal(frontier, _package(problem.space, proposal))
    return Analysis(
        problem=problem,
        frontier=frontier,
        nash=bargaining.nash(frontier),
        kalai_smorodinsky=bargaining.kalai_smorodinsky(frontier),
        egalitarian=bargaining.egalitarian(frontier),
        utilitarian=bargaining.utilitarian(frontier),
        zopa_size=zopa_size(problem),
        proposal=assessed,
    )


def _package(
    space: OutcomeSpace, proposal: npt.ArrayLike | Mapping[str, str]
) -> npt.NDArray[np.int64]:
    """A proposal as option indices: by option ids per part, or already as indices."""
    if isinstance(proposal, Mapping):
        return np.asarray(space.encode(proposal), dtype=np.int64)
    return np.asarray(proposal, dtype=np.int64)


@dataclass
class PartyView:
    """What one party's own preferences say (nothing about anyone else's)."""

    party: str
    problem: Problem  # built from this party's preferences alone
    best: Frontier  # its best feasible packages (ties included)
    acceptable: int | None  # packages it prefers to no agreement
    proposal_utility: float | None
    cheapest_concessions: list[tuple[str, float]]  # (part, most it can lose there), least first


def party_view(
    problem: Problem, party: str, proposal: npt.ArrayLike | Mapping[str, str] | None = None
) -> PartyView:
    """The view of a problem that holds ``party``'s preferences (and may hold only those)."""
    if problem.parties != (party,):
        own = Problem(problem.space, {party: problem.preferences[party]})
    else:
        own = problem
    best = pareto_frontier(own)
    utility = None
    if proposal is not None:
        x = _package(own.space, proposal)
        utility = float(own.utilities(np.reshape(x, (1, -1)))[0, 0])
    prefs = own.preferences[party]
    spans = []
    for j, part in enumerate(own.space.parts):
        allowed = own.space.allowed_options(j)
        vals = [prefs.values[j][o] for o in allowed]
        spans.append((part.id, prefs.weights[j] * (max(vals) - min(vals))))
    spans.sort(key=lambda t: t[1])
    return PartyView(party, own, best, zopa_size(own), utility, spans)
