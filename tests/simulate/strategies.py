"""Hypothesis strategies for simulations: small random problems and negotiator line-ups."""

from __future__ import annotations

from hypothesis import strategies as st

from accords.analysis import (
    Interaction,
    Linkage,
    OptionRef,
    OutcomeSpace,
    Part,
    Preferences,
    Problem,
)

NEGOTIATORS = ("boulware", "linear", "conceder", "time:2", "tit-for-tat", "nash", "random")

_unit = st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False)


@st.composite
def spaces(draw: st.DrawFn, max_parts: int = 4) -> OutcomeSpace:
    """1-4 parts of 1-4 options, maybe a linkage, maybe a part held fixed."""
    n_parts = draw(st.integers(1, max_parts))
    parts = tuple(
        Part(f"part{j}", tuple(f"o{i}" for i in range(draw(st.integers(1, 4)))))
        for j in range(n_parts)
    )
    links: tuple[Linkage, ...] = ()
    if n_parts >= 2 and draw(st.booleans()):
        kind = draw(st.sampled_from(["requires", "excludes"]))
        links = (Linkage(kind, OptionRef(0, 0), OptionRef(1, 0)),)
    fixed: dict[int, int] = {}
    if n_parts >= 2 and draw(st.booleans()):
        j = draw(st.integers(0, n_parts - 1))
        fixed[j] = draw(st.integers(0, len(parts[j].options) - 1))
    return OutcomeSpace(parts, links, fixed)


@st.composite
def preferences(draw: st.DrawFn, space: OutcomeSpace) -> Preferences:
    parts = space.parts
    weights = tuple(draw(_unit) for _ in parts)
    values = tuple(tuple(draw(_unit) for _ in p.options) for p in parts)
    interactions: tuple[Interaction, ...] = ()
    if len(parts) >= 2 and draw(st.booleans()):
        interactions = (Interaction(OptionRef(0, 0), OptionRef(1, 0), draw(_unit) - 0.5),)
    red: tuple[tuple[OptionRef, ...], ...] = ()
    if draw(st.integers(0, 3)) == 0:
        j = draw(st.integers(0, len(parts) - 1))
        red = ((OptionRef(j, draw(st.integers(0, len(parts[j].options) - 1))),),)
    reservation = draw(st.floats(0.0, 0.6))
    return Preferences(weights, values, interactions, red, reservation)


@st.composite
def problems(draw: st.DrawFn, min_parties: int = 2, max_parties: int = 3) -> Problem:
    space = draw(spaces())
    n = draw(st.integers(min_parties, max_parties))
    return Problem(space, {f"p{k}": draw(preferences(space)) for k in range(n)})


def lineups(n: int) -> st.SearchStrategy[list[str]]:
    """A strategy name per party."""
    return st.lists(st.sampled_from(NEGOTIATORS), min_size=n, max_size=n)
