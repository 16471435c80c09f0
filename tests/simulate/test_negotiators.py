"""Negotiators against brute force, and runs that repeat exactly for a given seed."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.analysis import Problem
from accords.errors import UnknownReference
from accords.simulate import EXPONENTS, Simulation, TimeBased, parse_negotiators

from .helpers import rng
from .strategies import NEGOTIATORS, lineups, problems


@settings(max_examples=40, deadline=None)
@given(
    problem=problems(),
    exponent=st.sampled_from([*EXPONENTS.values(), 2.0]),
    t=st.floats(0.0, 1.0),
)
def test_time_based_offers_the_least_good_package_at_its_target(
    problem: Problem, exponent: float, t: float
) -> None:
    view = Simulation(problem).views[0]
    neg = TimeBased(view, rng(), exponent)
    u = view.utility
    # what it could sign: no red line crossed, and at least as good as no agreement
    ok = np.flatnonzero(view.acceptable & (u >= view.reservation))
    if len(ok) == 0:
        assert neg.propose(t) == -1
        target = view.reservation - 1e-4
    else:
        best = u[ok].max()
        floor = max(view.reservation, u[ok].min())
        target = best - max(0.0, best - floor) * t**exponent - 1e-4
        above = ok[u[ok] >= target]
        expected = u[above].min() if len(above) else best
        offer = neg.propose(t)
        assert view.acceptable[offer]
        assert math.isclose(u[offer], expected, abs_tol=1e-12)
    # it accepts exactly what reaches the target
    for row in range(len(u)):
        assert neg.respond(t, row, 1) == bool(view.acceptable[row] and u[row] >= target)


def test_named_curves_concede_in_order() -> None:
    from accords.analysis import OutcomeSpace, Part, Preferences

    space = OutcomeSpace((Part("a", tuple(f"o{i}" for i in range(101))),))
    prefs = Preferences((1.0,), (tuple(i / 100 for i in range(101)),))
    view = Simulation(Problem(space, {"p": prefs, "q": prefs})).views[0]
    at_half = {
        n: view.utility[TimeBased(view, rng(), e).propose(0.5)] for n, e in EXPONENTS.items()
    }
    assert at_half["boulware"] > at_half["linear"] > at_half["conceder"]
    assert at_half["linear"] == pytest.approx(0.5, abs=0.011)


def test_parse_negotiators_names_and_refusals() -> None:
    specs = parse_negotiators("boulware, Conceder,time:2.5,tft,nash,random,linear")
    assert [s.name for s in specs] == [
        "boulware",
        "conceder",
        "time:2.5",
        "tit-for-tat",
        "nash",
        "random",
        "linear",
    ]
    assert specs[2].param == 2.5
    for bad in ("", "sneaky", "time:-1", "time:x", "time:inf"):
        with pytest.raises(UnknownReference):
            parse_negotiators(bad)


@settings(max_examples=25, deadline=None)
@given(
    problem=problems(),
    data=st.data(),
    seed=st.integers(0, 2**32),
    protocol=st.sampled_from(["alternating", "single-text"]),
)
def test_a_run_repeats_exactly_for_a_seed(
    problem: Problem, data: st.DataObject, seed: int, protocol: str
) -> None:
    specs = parse_negotiators(data.draw(lineups(problem.n_parties)))
    a = Simulation(problem).run(specs, steps=30, seed=seed, protocol=protocol)  # type: ignore[arg-type]
    b = Simulation(problem).run(specs, steps=30, seed=seed, protocol=protocol)  # type: ignore[arg-type]
    assert a.summary() == b.summary()
    assert np.array_equal(a.history.rows, b.history.rows)
    assert a.history.by == b.history.by


def test_random_runs_differ_between_seeds() -> None:
    from accords.analysis import OutcomeSpace, Part, Preferences

    space = OutcomeSpace(tuple(Part(f"p{j}", tuple(f"o{i}" for i in range(6))) for j in range(3)))
    prefs = Preferences((1.0, 1.0, 1.0), tuple(tuple(i / 5 for i in range(6)) for _ in range(3)))
    sim = Simulation(Problem(space, {"a": prefs, "b": prefs}))
    specs = parse_negotiators("random,random")
    histories = {tuple(sim.run(specs, steps=20, seed=s).history.rows.tolist()) for s in range(5)}
    assert len(histories) > 1


@settings(max_examples=30, deadline=None)
@given(problem=problems(), data=st.data())
def test_results_are_scored_against_the_frontier_and_reservations(
    problem: Problem, data: st.DataObject
) -> None:
    sim = Simulation(problem)
    names = data.draw(
        st.lists(
            st.sampled_from(NEGOTIATORS[:6]), min_size=problem.n_parties, max_size=problem.n_parties
        )
    )
    result = sim.run(parse_negotiators(names), steps=50, seed=0)
    if not result.agreement:
        assert result.outcome is None and result.pareto_distance is None
        assert list(result.utilities.values()) == pytest.approx(list(problem.reservations))
        return
    assert result.outcome is not None
    point = problem.utilities(problem.encode([result.outcome]))[0]
    assert list(result.utilities.values()) == pytest.approx(list(point))
    # rational strategies never settle below their floor
    for k, p in enumerate(problem.parties):
        assert result.utilities[p] >= problem.reservations[k] - 1e-4
    # distance to the frontier: zero exactly when no frontier point dominates the agreement
    dominated = bool(
        (
            (sim.frontier >= point - 1e-12).all(axis=1) & (sim.frontier > point + 1e-12).any(axis=1)
        ).any()
    )
    assert (result.pareto_distance == 0.0) == (not dominated)
    assert result.pareto_distance is not None and result.pareto_distance >= 0
    assert len(result.history) >= 1
