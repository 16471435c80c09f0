"""The public API of accords.analysis: pinned, and every name resolves."""

from __future__ import annotations

import accords.analysis as analysis

EXPECTED = {
    "MEDIATOR", "Analysis", "Frontier", "FrontierTooLarge", "Interaction", "Linkage",
    "OptionRef", "OutcomeSpace", "Part", "PartyView", "Preferences", "Problem",
    "ProposalAssessment", "ScenarioProblem", "Solution", "analysis_json", "analyze",
    "assess_proposal", "egalitarian", "explain", "explain_party", "genius_from_problem",
    "kalai_smorodinsky",
    "load_genius", "nash", "pareto_frontier", "pareto_mask", "party_json", "party_view",
    "preferences_from_spec", "problem_from_genius", "problem_from_state",
    "read_scenario_problem", "require_mediator", "utilitarian", "zopa_size",
}  # fmt: skip


def test_all_is_pinned() -> None:
    assert set(analysis.__all__) == EXPECTED


def test_every_public_name_resolves() -> None:
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None
