"""The consistent set: every sample satisfies every answer; contradictions are real and minimal."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.elicit import Space, fit, order_rows
from accords.elicit._polytope import contradiction, interior_point, minimal_contradictions

from .strategies import answers_from, spaces_with_truth


@settings(max_examples=25, deadline=None)
@given(spaces_with_truth(), st.integers(0, 30), st.integers(0, 1000))
def test_every_sample_satisfies_every_answer(
    case: tuple[Space, np.ndarray], count: int, seed: int
) -> None:
    space, truth = case
    answers = answers_from(space, truth, count, seed)
    result = fit(space, answers, samples=50, seed=seed)
    assert result.consistent and not result.contradictions
    rows, _ = order_rows(space, answers)
    assert np.all(result.samples @ rows.T >= -1e-9)
    assert np.all(result.samples >= -1e-9)
    # the truth is in the consistent set too (answers came from it)
    assert np.all(rows @ truth > 0)


def _feasible(rows: np.ndarray) -> bool:
    return interior_point(rows) is not None


@settings(max_examples=25, deadline=None)
@given(spaces_with_truth(), st.integers(2, 14), st.integers(0, 1000))
def test_contradictions_are_real_and_minimal(
    case: tuple[Space, np.ndarray], count: int, seed: int
) -> None:
    space, truth = case
    answers = answers_from(space, truth, count, seed, flip=0.3)
    rows, _ = order_rows(space, answers)
    found, kept = minimal_contradictions(rows)
    for conflict in found:
        assert not _feasible(rows[conflict]), "a reported contradiction must be real"
        for k in conflict:  # minimal: drop any one answer and the rest can hold
            assert _feasible(rows[[j for j in conflict if j != k]])
    assert _feasible(rows[kept])
    # brute force: when no contradiction is reported, the whole set is consistent
    assert bool(found) == (not _feasible(rows))


def test_brute_force_agrees_on_small_systems() -> None:
    """Every minimal infeasible subset of a small system, by enumeration, vs. the filter's."""
    from accords.elicit import Issue

    rng = np.random.default_rng(3)
    space = Space((Issue("x", ("a", "b", "c")), Issue("y", ("d", "e"))))
    for _ in range(30):
        a, b = space.random_packages(rng, 6), space.random_packages(rng, 6)
        rows = space.features(a) - space.features(b)
        one = contradiction(rows)
        minimal = [
            set(s)
            for r in range(1, 7)
            for s in combinations(range(6), r)
            if not _feasible(rows[list(s)])
            and all(_feasible(rows[[j for j in s if j != k]]) for k in s if len(s) > 1)
            and (len(s) > 1 or not _feasible(rows[list(s)]))
        ]
        if one is None:
            assert _feasible(rows) and not minimal
        else:
            assert set(one) in minimal


def test_a_cycle_is_named_by_its_answers() -> None:
    from accords.elicit import Answers, Comparison, Issue

    space = Space((Issue("x", ("a", "b", "c")),))
    p = {k: {"x": k} for k in "abc"}
    answers = Answers(
        (Comparison(p["a"], p["b"]), Comparison(p["c"], p["a"]), Comparison(p["b"], p["c"]))
    )
    result = fit(space, answers, samples=20)
    assert not result.consistent
    assert result.contradictions == ((0, 1, 2),)
    assert result.provenance.answers == ("comparisons[0]", "comparisons[1]")


def test_the_same_package_both_ways_is_a_contradiction_of_one() -> None:
    from accords.elicit import Answers, Comparison, Issue

    space = Space((Issue("x", ("a", "b")), Issue("y", ("c", "d"))))
    same = {"x": "a", "y": "c"}
    result = fit(space, Answers((Comparison(same, same),)), samples=20)
    assert result.contradictions == ((0,),)
