"""Sufficient consensus: the rule against an exact peer, its properties, and the
Northern Ireland talks end to end."""

from __future__ import annotations

import copy
import functools
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.model import State, decide, fold
from accords.model import clauses as cl
from accords.model.framework import SignOffRule
from accords.scenario.native import commands_for, read_scenario
from draft.strategies import backers, rules

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "northern-ireland-1998.yaml"


def exact(rule: SignOffRule, chosen: frozenset[str], signatories: tuple[str, ...]) -> bool:
    """The rule in exact arithmetic, written from its definition."""
    t = Fraction(rule.threshold).limit_denominator(1000)

    def w(p: str) -> Fraction:
        return Fraction(int(rule.weights.get(p, 1.0)))

    total = sum((w(p) for p in signatories), Fraction(0))
    got = sum((w(p) for p in signatories if p in chosen), Fraction(0))
    if total == 0 or not got > t * total:
        return False
    for members in rule.communities.values():
        inside = [m for m in members if m in signatories]
        c_total = sum((w(m) for m in inside), Fraction(0))
        c_got = sum((w(m) for m in inside if m in chosen), Fraction(0))
        if c_total > 0 and not c_got > t * c_total:
            return False
    return True


@given(st.data())
def test_rule_matches_exact_peer(data: st.DataObject) -> None:
    rule, signatories = data.draw(rules())
    chosen = data.draw(backers(signatories))
    assert rule.satisfied(chosen, signatories) == exact(rule, chosen, signatories)


@given(st.data())
def test_more_backers_never_undo_consensus(data: st.DataObject) -> None:
    rule, signatories = data.draw(rules())
    chosen = data.draw(backers(signatories))
    extra = data.draw(st.sampled_from(signatories))
    if rule.satisfied(chosen, signatories):
        assert rule.satisfied(chosen | {extra}, signatories)


@given(st.data())
def test_no_backers_no_consensus_and_a_silent_community_blocks(data: st.DataObject) -> None:
    rule, signatories = data.draw(rules())
    assert not rule.satisfied(frozenset(), signatories)
    for members in rule.communities.values():
        if sum(rule.weight(m) for m in members) > 0:
            assert not rule.satisfied(frozenset(signatories) - set(members), signatories)


# -- the Northern Ireland talks ------------------------------------------------------------


def _replay(until: date | None = None) -> State:
    """The example replayed through decide (``until``: only commands before that day)."""
    state = State()
    for _, cmd in commands_for(read_scenario(EXAMPLE), date(2000, 1, 1)):
        if until is not None and cmd.on >= until:
            break
        fold(decide(state, cmd), state, in_place=True)
    return state


@pytest.fixture(scope="module")
def ni() -> State:
    return _replay()


@functools.cache
def _before_the_draft() -> State:
    return _replay(date(1998, 4, 6))


def test_package_concludes_without_the_dup_and_ukup(ni: State) -> None:
    assert ni.agreement() == "signed"
    assert set(ni.left) == {"dup", "ukup"}
    for pid in ni.parts:
        st_ = ni.part_status(pid)
        assert st_.status == "signed"
        assert "dup" not in st_.backers and "ukup" not in st_.backers


def test_under_unanimity_the_same_stances_would_not_agree(ni: State) -> None:
    part = ni.parts["strand-one"].part
    accepted = ni.part_status("strand-one").backers
    assert part.rule.satisfied(accepted, part.signatories)
    assert not SignOffRule().satisfied(accepted, part.signatories)


def test_uup_is_needed_for_a_unionist_majority_sinn_fein_is_not(ni: State) -> None:
    part = ni.parts["strand-two"].part
    accepted = set(ni.part_status("strand-two").backers)
    assert not part.rule.satisfied(accepted - {"uup"}, part.signatories)
    assert part.rule.satisfied(accepted - {"sinn-fein"}, part.signatories)
    assert not part.rule.satisfied(accepted - {"sdlp"}, part.signatories)
    assert not part.rule.satisfied(accepted - {"irish-government"}, part.signatories)


@settings(max_examples=60, deadline=None)
@given(
    st.frozensets(
        st.sampled_from(
            (
                "uup",
                "sdlp",
                "sinn-fein",
                "alliance",
                "pup",
                "udp",
                "niwc",
                "labour",
                "british-government",
                "irish-government",
                "dup",
                "ukup",
            )
        )
    )
)
def test_clause_status_follows_the_rule_for_any_set_of_acceptances(chosen: frozenset[str]) -> None:
    """A fresh clause in strand one, accepted by ``chosen``: confirmed iff the rule says so."""
    state = copy.deepcopy(_before_the_draft())
    on = date(1998, 4, 8)
    fold(
        decide(
            state,
            cl.TableClause(on=on, part="strand-one", clause="x", party="mitchell", text="Text."),
        ),
        state,
        in_place=True,
    )
    for party in sorted(chosen):
        fold(
            decide(state, cl.AcceptClause(on=on, clause="x", alternative="A", party=party)),
            state,
            in_place=True,
        )
    part = state.parts["strand-one"].part
    status = cl.clause_status(state, cl.find_clause(state, "x")).status
    assert (status == "confirmed") == exact(part.rule, chosen, part.signatories)
