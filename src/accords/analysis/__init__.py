"""The analysis engine: preferences, the exact Pareto frontier, bargaining solutions.

Public API (everything is re-exported here; the modules behind it are private)::

    space = OutcomeSpace(parts=(Part("a", ("x", "y")), ...), linkages=(...))
    problem = Problem(space, {"alice": Preferences(...), "bob": Preferences(...)})
    problem.utilities(outcomes)          # (n, parties) for an (n, parts) index array
    problem.feasible(outcomes)           # linkages, fixed parts and red lines
    frontier = pareto_frontier(problem)  # exact, ties included, nothing dropped
    nash(frontier), kalai_smorodinsky(frontier), egalitarian(frontier), utilitarian(frontier)
    zopa_size(problem)                   # exact count without listing packages
    analyze(problem, viewer="mediator")  # all of the above at once

Importing this package is cheap: NumPy and the engine load on first use, so
``accords --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accords._lazy import exports

if TYPE_CHECKING:
    from accords.analysis._analysis import Analysis, PartyView, analyze, party_view
    from accords.analysis._genius import genius_from_problem, load_genius, problem_from_genius
    from accords.analysis._nondominated import pareto_mask
    from accords.analysis._pareto import Frontier, pareto_frontier
    from accords.analysis._problem import Interaction, Preferences, Problem
    from accords.analysis._report import analysis_json, explain, explain_party, party_json
    from accords.analysis._scenario import (
        ScenarioProblem,
        preferences_from_spec,
        problem_from_state,
        read_scenario_problem,
    )
    from accords.analysis._solutions import (
        ProposalAssessment,
        Solution,
        assess_proposal,
        egalitarian,
        kalai_smorodinsky,
        nash,
        utilitarian,
        zopa_size,
    )
    from accords.analysis._space import Linkage, OptionRef, OutcomeSpace, Part
    from accords.analysis._viewer import MEDIATOR, require_mediator
    from accords.errors import FrontierTooLarge

__all__ = [
    "MEDIATOR",
    "Analysis",
    "Frontier",
    "FrontierTooLarge",
    "Interaction",
    "Linkage",
    "OptionRef",
    "OutcomeSpace",
    "Part",
    "PartyView",
    "Preferences",
    "Problem",
    "ProposalAssessment",
    "ScenarioProblem",
    "Solution",
    "analysis_json",
    "analyze",
    "assess_proposal",
    "egalitarian",
    "explain",
    "explain_party",
    "genius_from_problem",
    "kalai_smorodinsky",
    "load_genius",
    "nash",
    "pareto_frontier",
    "pareto_mask",
    "party_json",
    "party_view",
    "preferences_from_spec",
    "problem_from_genius",
    "problem_from_state",
    "read_scenario_problem",
    "require_mediator",
    "utilitarian",
    "zopa_size",
]


#: Each name is imported from its module on first use (accords._lazy).
__getattr__ = exports(__name__, __file__, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
