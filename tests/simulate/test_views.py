"""A negotiator sees its own party's utilities and nothing of anyone else's preferences."""

from __future__ import annotations

import gc
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.analysis import Preferences, Problem
from accords.simulate import Simulation, parse_negotiators
from accords.simulate._view import DrafterView

from .helpers import rng
from .strategies import NEGOTIATORS, preferences, problems


def _reachable(root: object) -> list[Any]:
    """Every object reachable from ``root`` (modules and classes are not followed)."""
    seen: dict[int, Any] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type) or type(obj).__name__ == "module":
            continue
        seen[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
        if hasattr(obj, "__slots__"):
            stack.extend(getattr(obj, s) for s in obj.__slots__ if hasattr(obj, s))
    return list(seen.values())


@settings(max_examples=25, deadline=None)
@given(problem=problems(), name=st.sampled_from(NEGOTIATORS))
def test_nothing_reachable_from_a_negotiator_holds_preferences_or_the_problem(
    problem: Problem, name: str
) -> None:
    sim = Simulation(problem)
    for view in sim.views:
        negotiator = parse_negotiators(name)[0].create(view, rng())
        reached = _reachable(negotiator)
        assert not any(isinstance(o, Problem | Preferences) for o in reached)
        assert not any(o is sim for o in reached)
        others = {id(v) for v in sim.views if v is not view}
        assert not any(id(o) in others for o in reached)


@settings(max_examples=25, deadline=None)
@given(problem=problems(), data=st.data())
def test_a_view_depends_on_its_own_party_alone(problem: Problem, data: st.DataObject) -> None:
    """Changing every other party's preferences leaves a party's view exactly as it was."""
    other = {
        p: data.draw(preferences(problem.space)) if k else problem.preferences[p]
        for k, p in enumerate(problem.parties)
    }
    a = Simulation(problem).views[0]
    b = Simulation(Problem(problem.space, other)).views[0]
    assert np.array_equal(a.utility, b.utility)
    assert a.values == b.values
    assert a.ranked == b.ranked and a.reservation == b.reservation
    alone = Problem(problem.space, {problem.parties[0]: problem.preferences[problem.parties[0]]})
    np.testing.assert_array_equal(a.utility, alone.utilities(a.table.rows)[:, 0])


def test_the_drafter_view_holds_no_preferences() -> None:
    from accords.analysis import OutcomeSpace, Part

    space = OutcomeSpace((Part("a", ("x", "y")),))
    prefs = Preferences((1.0,), ((1.0, 0.0),))
    sim = Simulation(Problem(space, {"p": prefs, "q": prefs}))
    reached = _reachable(DrafterView(sim.parties, sim.table))
    assert not any(isinstance(o, Problem | Preferences) for o in reached)
