"""The protocols' rules: nothing is agreed without every party's acceptance; deadlines hold."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.analysis import Problem
from accords.simulate import (
    Simulation,
    SingleTextDrafter,
    alternating_offers,
    parse_negotiators,
    single_text,
)
from accords.simulate._view import DrafterView

from .helpers import Always, Log, Never, Recorder, make, rng
from .strategies import lineups, problems


def _agents(sim: Simulation, names: list[str], log: Log, seed: int = 0) -> list[Recorder]:
    specs = parse_negotiators(names)
    return [
        Recorder(spec.create(view, rng(seed + k)), log)
        for k, (spec, view) in enumerate(zip(specs, sim.views, strict=True))
    ]


@settings(max_examples=60, deadline=None)
@given(problem=problems(), data=st.data(), steps=st.integers(1, 30))
def test_alternating_offers_agree_only_on_a_package_every_party_accepted(
    problem: Problem, data: st.DataObject, steps: int
) -> None:
    sim = Simulation(problem)
    log = Log()
    agents = _agents(sim, data.draw(lineups(problem.n_parties)), log)
    ending = alternating_offers(agents, steps)
    n = problem.n_parties
    assert 1 <= ending.rounds <= steps
    assert all(r < steps for r in ending.trace.rounds)
    if ending.agreement is None:
        assert ending.reason in ("deadline", "no-offer")
        if ending.reason == "deadline":
            assert ending.rounds == steps
        return
    # the last n turns: one party's offer of the package, then every other party accepting it
    tail = log.turns[-n:]
    assert tail[0][1:] == ("offer", ending.agreement)
    assert [kind for _, kind, _ in tail[1:]] == ["accept"] * (n - 1)
    assert all(row == ending.agreement for _, _, row in tail)
    assert sorted(k for k, _, _ in tail) == list(range(n))
    # it is a package the public rules and every party's red lines allow
    package = sim.table.rows[ending.agreement : ending.agreement + 1]
    assert problem.feasible(package)[0]


@settings(max_examples=40, deadline=None)
@given(problem=problems(), data=st.data(), steps=st.integers(1, 25))
def test_one_party_that_never_accepts_blocks_every_other_package(
    problem: Problem, data: st.DataObject, steps: int
) -> None:
    sim = Simulation(problem)
    names = data.draw(lineups(problem.n_parties))
    holdout = data.draw(st.integers(0, problem.n_parties - 1))
    specs = parse_negotiators(names)
    agents = [
        make(Never, view) if k == holdout else spec.create(view, rng(k))
        for k, (spec, view) in enumerate(zip(specs, sim.views, strict=True))
    ]
    ending = alternating_offers(agents, steps)
    if ending.agreement is not None:
        # an offer counts as its maker's acceptance (SAO): only the holdout's own offer can pass
        assert ending.trace.parties[-1] == holdout
        assert ending.trace.offers[-1] == ending.agreement
    drafter = SingleTextDrafter(DrafterView(sim.parties, sim.table), rng(9))
    mediated = single_text(drafter, agents, steps)
    assert mediated.agreement is None
    if len(sim.table):
        assert mediated.rounds == steps and mediated.reason == "deadline"
        assert len(mediated.trace) == steps
    else:
        assert mediated.reason == "no-offer"


def test_deadline_counts_rounds_not_turns() -> None:
    from accords.analysis import OutcomeSpace, Part, Preferences

    space = OutcomeSpace((Part("a", ("x", "y")),))
    problem = Problem(
        space,
        {
            "p": Preferences((1.0,), ((1.0, 0.0),)),
            "q": Preferences((1.0,), ((0.0, 1.0),)),
            "r": Preferences((1.0,), ((0.5, 0.5),)),
        },
    )
    sim = Simulation(problem)
    agents = [make(Never, v) for v in sim.views]
    ending = alternating_offers(agents, 7)
    assert ending.rounds == 7 and ending.reason == "deadline"
    # round 1: the first party offers, the others each reject with a counter-offer; then everyone
    assert len(ending.trace) == 7 * 3
    assert ending.trace.rounds == [r for r in range(7) for _ in range(3)]
    assert ending.trace.parties == [0, 1, 2] * 7


def test_everyone_accepting_agrees_on_the_first_offer_in_round_one() -> None:
    from accords.analysis import OutcomeSpace, Part, Preferences

    space = OutcomeSpace((Part("a", ("x", "y")), Part("b", ("u", "v"))))
    prefs = Preferences((1.0, 1.0), ((1.0, 0.0), (0.0, 1.0)))
    sim = Simulation(Problem(space, {"p": prefs, "q": prefs, "r": prefs}))
    agents = [make(Always, v) for v in sim.views]
    ending = alternating_offers(agents, 5)
    assert ending.agreement is not None and ending.rounds == 1
    assert sim.table.describe(ending.agreement) == {"a": "x", "b": "v"}


@settings(max_examples=40, deadline=None)
@given(problem=problems(), data=st.data(), steps=st.integers(1, 40))
def test_single_text_agrees_only_when_every_party_accepts_the_whole_draft(
    problem: Problem, data: st.DataObject, steps: int
) -> None:
    sim = Simulation(problem)
    log = Log()
    agents = _agents(sim, data.draw(lineups(problem.n_parties)), log)
    drafter = SingleTextDrafter(DrafterView(sim.parties, sim.table), rng(3))
    ending = single_text(drafter, agents, steps)
    # every draft is a package the public rules allow (linkages and fixed parts)
    drafts = sim.table.rows[np.asarray(ending.trace.offers, dtype=np.int64)]
    assert problem.space.feasible(drafts).all()
    assert set(ending.trace.parties) <= {-1}  # the mediator tables every draft
    if ending.agreement is None:
        assert ending.rounds == steps or not len(sim.table)
        return
    n = problem.n_parties
    tail = log.turns[-n:]
    assert [(k, kind, row) for k, kind, row in tail] == [
        (k, "accept", ending.agreement) for k in range(n)
    ]


def test_the_drafter_adopts_a_draft_only_when_every_party_prefers_it() -> None:
    from accords.analysis import OutcomeSpace, Part, Preferences

    space = OutcomeSpace((Part("a", ("x", "y", "z")),))
    problem = Problem(
        space,
        {
            "p": Preferences((1.0,), ((0.0, 1.0, 0.5),)),
            "q": Preferences((1.0,), ((0.0, 0.2, 1.0),)),
        },
    )
    sim = Simulation(problem)
    drafter = SingleTextDrafter(DrafterView(sim.parties, sim.table), rng(), start=0)
    drafter.critique(1, [True, False])
    assert drafter.text == 0
    drafter.critique(2, [True, True])
    assert drafter.text == 2


@settings(max_examples=30, deadline=None)
@given(problem=problems(), data=st.data())
def test_held_parts_stay_fixed_in_every_offer(problem: Problem, data: st.DataObject) -> None:
    space = problem.space
    j = data.draw(st.integers(0, len(space.parts) - 1))
    option = data.draw(st.integers(0, len(space.parts[j].options) - 1))
    if space.fixed.get(j, option) != option:
        return
    held = Problem(space.restrict({j: option}), problem.preferences)
    sim = Simulation(held)
    result = sim.run(parse_negotiators(data.draw(lineups(held.n_parties))), steps=20, seed=1)
    assert (sim.table.rows[:, j] == option).all()
    assert (sim.table.rows[result.history.rows, j] == option).all()
