"""Properties over random frameworks and random move sequences."""

from __future__ import annotations

from hypothesis import given, settings

from accords.errors import RefusedMove
from accords.model import Event, State, decide, fold
from accords.model import commands as c
from accords.model.state import PART_STATUSES

from .strategies import concrete, frameworks, moves


def play(
    setup: list[c.Command], abstract: list[tuple[str, int, int, int, str]]
) -> tuple[list[Event], list[State], list[c.Command]]:
    """Run the setup and every move the rules allow; return events, states after each, moves."""
    state = State()
    events: list[Event] = []
    for cmd in setup:
        new = decide(state, cmd)
        events += new
        state = fold(new, state)
    parts = {pid: ps.part.signatories for pid, ps in state.parts.items()}
    parties = state.negotiating_parties()
    states = [state]
    done: list[c.Command] = []
    for step, m in enumerate(abstract):
        for cmd in concrete(m, step, parts, parties):
            try:
                new = decide(state, cmd)
            except RefusedMove:
                continue
            events += new
            state = fold(new, state)
            states.append(state)
            done.append(cmd)
    return events, states, done


@settings(max_examples=150, deadline=None)
@given(frameworks(), moves())
def test_no_part_is_agreed_unless_the_package_is_concluded(
    setup: list[c.Command], abstract: list[tuple[str, int, int, int, str]]
) -> None:
    _, states, _ = play(setup, abstract)
    for s in states:
        words = {s.part_status(p).status for p in s.parts}
        assert words <= set(PART_STATUSES)
        if s.concluded_on is None:
            assert not words & {"agreed", "initialled", "signed"}
        else:
            assert words <= {"agreed", "initialled", "signed"}
            assert all(p in s.confirmations for p in s.negotiating_parties())


@settings(max_examples=150, deadline=None)
@given(frameworks(), moves())
def test_any_withdrawal_before_signature_undoes_a_conclusion(
    setup: list[c.Command], abstract: list[tuple[str, int, int, int, str]]
) -> None:
    _events, states, done = play(setup, abstract)
    for before, after, cmd in zip(states[:-1], states[1:], done, strict=True):
        if isinstance(cmd, c.Withdraw | c.Reopen) and before.concluded_on is not None:
            assert before.agreement() != "signed"
            assert after.concluded_on is None
            assert after.agreement() == "not-agreed"


@settings(max_examples=100, deadline=None)
@given(frameworks(), moves())
def test_the_fold_is_deterministic_and_snapshots_are_faithful(
    setup: list[c.Command], abstract: list[tuple[str, int, int, int, str]]
) -> None:
    events, states, _ = play(setup, abstract)
    once, twice = fold(events), fold(events)
    assert once == twice == states[-1]
    restored = State.from_snapshot(once.to_snapshot())
    assert restored == once
    # A fold can resume from any prefix's state.
    half = len(events) // 2
    assert fold(events[half:], fold(events[:half])) == once


@settings(max_examples=100, deadline=None)
@given(frameworks(), moves())
def test_a_concluded_package_satisfies_every_linkage(
    setup: list[c.Command], abstract: list[tuple[str, int, int, int, str]]
) -> None:
    _, states, _ = play(setup, abstract)
    for s in states:
        if s.concluded_on is not None:
            assert s.broken_linkages(s.confirmed_package) == []
            assert set(s.confirmed_package) == set(s.parts)
