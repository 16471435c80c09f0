"""The engine against brute force on thousands of small random problems."""

from __future__ import annotations

from fractions import Fraction
from math import prod

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.analysis import (
    Problem,
    assess_proposal,
    egalitarian,
    kalai_smorodinsky,
    nash,
    pareto_frontier,
    pareto_mask,
    utilitarian,
    zopa_size,
)

from .strategies import Oracle, points, problems

# a loaded CI machine must not turn slow data generation into a failure
_CALM = [HealthCheck.too_slow, HealthCheck.data_too_large]
MANY = settings(max_examples=1000, deadline=None, suppress_health_check=_CALM)
SOME = settings(max_examples=400, deadline=None, suppress_health_check=_CALM)


def _naive_mask(p: np.ndarray) -> np.ndarray:
    ge = np.all(p[None, :, :] >= p[:, None, :], axis=2)
    gt = np.any(p[None, :, :] > p[:, None, :], axis=2)
    return ~np.any(ge & gt, axis=1)


@MANY
@given(points())
def test_pareto_mask_matches_pairwise_check(cloud: list[list[int]]) -> None:
    p = np.array(cloud)
    assert (pareto_mask(p) == _naive_mask(p)).all()


@settings(max_examples=30, deadline=None, suppress_health_check=_CALM)
@given(st.integers(3, 5), st.integers(0, 2**32 - 1))
def test_pareto_mask_large_clouds_use_the_prefilter(k: int, seed: int) -> None:
    p = np.random.default_rng(seed).integers(0, 12, size=(5000, k))
    assert (pareto_mask(p) == _naive_mask(p)).all()


@MANY
@given(problems())
def test_frontier_is_exactly_the_brute_force_frontier(problem: Problem) -> None:
    oracle = Oracle(problem)
    f = pareto_frontier(problem)
    rows, cls = f.outcomes()
    got = [tuple(int(v) for v in r) for r in rows]
    assert len(got) == len(set(got))  # each package once
    assert set(got) == oracle.frontier()  # every tie, nothing dropped, nothing added
    assert f.feasible_count == len(oracle.packages())
    assert f.size == len(got)
    # each package's class carries its utilities; tied packages share a class
    for x, c in zip(got, cls, strict=True):
        assert tuple(float(u) for u in f.utilities[c]) == oracle.utility(x)
    assert len({tuple(map(float, u)) for u in f.utilities}) == len(f)
    # below-reservation packages are marked, not dropped
    res = oracle.reservations()
    for x, c in zip(got, cls, strict=True):
        marked = tuple(bool(b) for b in f.below_reservation[c])
        assert marked == tuple(u < r for u, r in zip(oracle.utility(x), res, strict=True))


@MANY
@given(problems())
def test_zopa_size_is_the_brute_force_count(problem: Problem) -> None:
    assert zopa_size(problem) == Oracle(problem).zopa()


def _gains(oracle: Oracle) -> list[tuple[tuple[int, ...], tuple[Fraction, ...]]]:
    res = oracle.reservations()
    out = []
    for x in oracle.packages():
        g = tuple(Fraction(u) - Fraction(r) for u, r in zip(oracle.utility(x), res, strict=True))
        if all(v >= 0 for v in g):
            out.append((x, g))
    return out


@MANY
@given(problems())
def test_bargaining_solutions_are_the_brute_force_optima(problem: Problem) -> None:
    oracle = Oracle(problem)
    f = pareto_frontier(problem)
    acceptable = _gains(oracle)
    solutions = {
        "nash": nash(f),
        "egalitarian": egalitarian(f),
        "utilitarian": utilitarian(f),
        "kalai_smorodinsky": kalai_smorodinsky(f),
    }
    if not acceptable:
        assert all(s is None for s in solutions.values())
        return
    res = oracle.reservations()

    def gain(s: object) -> tuple[Fraction, ...]:
        x = tuple(int(v) for v in s.outcome)  # type: ignore[attr-defined]
        return tuple(Fraction(u) - Fraction(r) for u, r in zip(oracle.utility(x), res, strict=True))

    gs = [g for _, g in acceptable]
    assert prod(gain(solutions["nash"])) == max(prod(g) for g in gs)
    assert min(gain(solutions["egalitarian"])) == max(min(g) for g in gs)
    assert sum(gain(solutions["utilitarian"])) == max(sum(g) for g in gs)
    ideal = [max(col) for col in zip(*gs, strict=True)]
    live = [i for i, v in enumerate(ideal) if v > 0]

    def share(g: tuple[Fraction, ...]) -> Fraction:
        return min((g[i] / ideal[i] for i in live), default=Fraction(0))

    assert share(gain(solutions["kalai_smorodinsky"])) == max(share(g) for g in gs)
    for s in solutions.values():
        assert s is not None
        x = tuple(int(v) for v in s.outcome)
        assert x in oracle.frontier()
        assert s.equivalent_packages >= 1


@SOME
@given(problems(), st.data())
def test_proposal_assessment(problem: Problem, data: st.DataObject) -> None:
    oracle = Oracle(problem)
    packages = oracle.packages()
    if not packages:
        return
    x = data.draw(st.sampled_from(packages))
    f = pareto_frontier(problem)
    a = assess_proposal(f, np.array(x))
    u = oracle.utility(x)
    assert a.feasible
    assert a.on_frontier == (x in oracle.frontier())
    assert (a.distance == 0) == a.on_frontier
    better = {tuple(float(v) for v in f.utilities[c]) for c in a.improving_points}
    expected = {
        oracle.utility(y)
        for y in oracle.frontier()
        if all(b > c for b, c in zip(oracle.utility(y), u, strict=True))
    }
    assert better == expected


@SOME
@given(problems(max_parts=3, max_parties=10))
def test_up_to_ten_parties(problem: Problem) -> None:
    got = {tuple(int(v) for v in r) for r in pareto_frontier(problem).outcomes()[0]}
    assert got == Oracle(problem).frontier()


@SOME
@given(problems(), st.data())
def test_batch_utilities_and_feasibility(problem: Problem, data: st.DataObject) -> None:
    oracle = Oracle(problem)
    sizes = [len(p.options) for p in problem.space.parts]
    batch = data.draw(
        st.lists(st.tuples(*[st.integers(0, s - 1) for s in sizes]), min_size=1, max_size=20)
    )
    x = np.array(batch, dtype=np.int64)
    u = problem.utilities(x)
    assert u.shape == (len(batch), problem.n_parties)
    for row, y in zip(u, batch, strict=True):
        assert tuple(float(v) for v in row) == oracle.utility(y)
    feasible = set(oracle.packages())
    assert list(problem.feasible(x)) == [y in feasible for y in batch]
    party = problem.parties[-1]
    assert (problem.utility(party, x) == u[:, -1]).all()


@MANY
@given(problems(max_parts=5, max_parties=2))
def test_zopa_meet_in_the_middle_is_exact(problem: Problem) -> None:
    """Force the meet-in-the-middle count (normally used only on large spaces)."""
    from accords.analysis import _solutions

    saved = _solutions._MEET_FROM
    _solutions._MEET_FROM = 0
    try:
        assert zopa_size(problem) == Oracle(problem).zopa()
    finally:
        _solutions._MEET_FROM = saved


def test_astronomically_many_ties_are_counted_not_listed() -> None:
    from accords.analysis import (
        FrontierTooLarge,
        OutcomeSpace,
        Part,
        Preferences,
        analysis_json,
        analyze,
        explain,
    )

    parts = tuple(Part(f"p{j}", tuple(f"o{i}" for i in range(10))) for j in range(30))
    flat = Preferences((1.0,) * 30, tuple((0.5,) * 10 for _ in parts))
    result = analyze(Problem(OutcomeSpace(parts), {"a": flat, "b": flat}))
    assert len(result.frontier) == 1
    assert result.frontier.size == 10**30  # every package ties with every other
    assert result.zopa_size == 10**30
    assert result.nash is not None and result.nash.equivalent_packages == 10**30
    assert any("one of 10" in line for line in explain(result))
    try:
        analysis_json(result, max_outcomes=1000)
    except FrontierTooLarge as exc:
        assert str(10**30) in str(exc)
    else:  # pragma: no cover
        raise AssertionError("listing 10^30 packages must be refused")
