"""Hypothesis strategies for the draft area: weighted rules, parties, backers."""

from __future__ import annotations

from hypothesis import strategies as st

from accords.model.framework import SignOffRule

PARTIES = tuple(f"p{i}" for i in range(8))


@st.composite
def rules(draw: st.DrawFn) -> tuple[SignOffRule, tuple[str, ...]]:
    """A sufficient-consensus rule over 1–8 signatories, integer weights, 0–3 communities."""
    n = draw(st.integers(1, len(PARTIES)))
    signatories = PARTIES[:n]
    weights = {p: float(draw(st.integers(0, 1_000_000))) for p in signatories}
    communities: dict[str, tuple[str, ...]] = {}
    for i in range(draw(st.integers(0, 3))):
        members = draw(st.lists(st.sampled_from(signatories), min_size=1, unique=True))
        communities[f"c{i}"] = tuple(members)
    threshold = draw(st.sampled_from([0.0, 0.25, 0.5, 0.6, 2 / 3]))
    rule = SignOffRule("sufficient-consensus", weights, communities, threshold)
    return rule, signatories


def backers(signatories: tuple[str, ...]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(signatories)) if signatories else st.just(frozenset())
