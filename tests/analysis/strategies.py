"""Hypothesis strategies for the analysis tests, and the brute-force oracle they are checked by.

Numbers are small dyadic fractions (weights in quarters, values in eighths,
interactions in eighths), so plain Python float sums are exact in any order:
the oracle below can score packages its own way, independently of the
engine's fixed-point arithmetic, and still agree on every tie.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

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

__all__ = ["Oracle", "points", "problems"]


@st.composite
def _refs(draw: st.DrawFn, sizes: list[int], n: int) -> list[tuple[OptionRef, OptionRef]]:
    out = []
    for _ in range(n):
        a, b = draw(st.permutations(range(len(sizes))))[:2]
        out.append(
            (
                OptionRef(a, draw(st.integers(0, sizes[a] - 1))),
                OptionRef(b, draw(st.integers(0, sizes[b] - 1))),
            )
        )
    return out


@st.composite
def problems(
    draw: st.DrawFn, max_parts: int = 4, max_options: int = 3, max_parties: int = 4
) -> Problem:
    """Small problems with ties, linkages, interactions, red lines and fixed parts."""
    n_parts = draw(st.integers(1, max_parts))
    sizes = [draw(st.integers(1, max_options)) for _ in range(n_parts)]
    parts = tuple(
        Part(f"p{j}", tuple(f"o{i}" for i in range(size))) for j, size in enumerate(sizes)
    )
    links: list[Linkage] = []
    fixed: dict[int, int] = {}
    if n_parts >= 2:
        for a, b in draw(_refs(sizes, draw(st.integers(0, 2)))):
            links.append(Linkage(draw(st.sampled_from(["requires", "excludes"])), a, b))
        if draw(st.booleans()) and draw(st.booleans()):
            j = draw(st.integers(0, n_parts - 1))
            fixed[j] = draw(st.integers(0, sizes[j] - 1))
    space = OutcomeSpace(parts, tuple(links), fixed)
    n_parties = draw(st.integers(1, max_parties))
    prefs: dict[str, Preferences] = {}
    for k in range(n_parties):
        weights = tuple(draw(st.integers(0, 4)) / 4 for _ in sizes)
        values = tuple(tuple(draw(st.integers(0, 8)) / 8 for _ in range(s)) for s in sizes)
        interactions: tuple[Interaction, ...] = ()
        if n_parts >= 2:
            interactions = tuple(
                Interaction(a, b, draw(st.integers(-4, 4)) / 8)
                for a, b in draw(_refs(sizes, draw(st.integers(0, 2))))
            )
        red_lines: list[tuple[OptionRef, ...]] = []
        if draw(st.integers(0, 3)) == 0:
            j = draw(st.integers(0, n_parts - 1))
            red_lines.append((OptionRef(j, draw(st.integers(0, sizes[j] - 1))),))
        if n_parts >= 2 and draw(st.integers(0, 3)) == 0:
            a, b = draw(_refs(sizes, 1))[0]
            red_lines.append((a, b))
        reservation = draw(st.integers(-2, 8)) / 8
        prefs[f"q{k}"] = Preferences(weights, values, interactions, tuple(red_lines), reservation)
    return Problem(space, prefs)


def points(max_n: int = 40, max_k: int = 6) -> st.SearchStrategy[list[list[int]]]:
    """Small integer point clouds with many exact ties."""
    return st.integers(1, max_k).flatmap(
        lambda k: st.lists(
            st.lists(st.integers(0, 4), min_size=k, max_size=k), min_size=1, max_size=max_n
        )
    )


@dataclass
class Oracle:
    """Everything by enumeration, in plain Python, straight from the problem's definition."""

    problem: Problem

    def packages(self) -> list[tuple[int, ...]]:
        space = self.problem.space
        out = []
        for x in itertools.product(*[range(len(p.options)) for p in space.parts]):
            if any(x[j] != o for j, o in space.fixed.items()):
                continue
            if not all(self._link_ok(link, x) for link in space.linkages):
                continue
            lines = [line for p in self.problem.preferences.values() for line in p.red_lines]
            if any(all(x[r.part] == r.option for r in line) for line in lines):
                continue
            out.append(x)
        return out

    @staticmethod
    def _link_ok(link: Linkage, x: tuple[int, ...]) -> bool:
        a = x[link.a.part] == link.a.option
        b = x[link.b.part] == link.b.option
        return (not a or b) if link.kind == "requires" else not (a and b)

    def utility(self, x: tuple[int, ...]) -> tuple[float, ...]:
        out = []
        for prefs in self.problem.preferences.values():
            u = sum(w * v[o] for w, v, o in zip(prefs.weights, prefs.values, x, strict=True))
            for t in prefs.interactions:
                if x[t.a.part] == t.a.option and x[t.b.part] == t.b.option:
                    u += t.value
            out.append(u)
        return tuple(out)

    def frontier(self) -> set[tuple[int, ...]]:
        scored = [(x, self.utility(x)) for x in self.packages()]
        return {
            x
            for x, u in scored
            if not any(all(a >= b for a, b in zip(v, u, strict=True)) and v != u for _, v in scored)
        }

    def reservations(self) -> tuple[float, ...]:
        return tuple(p.reservation for p in self.problem.preferences.values())

    def zopa(self) -> int:
        r = self.reservations()
        return sum(
            all(a > b for a, b in zip(self.utility(x), r, strict=True)) for x in self.packages()
        )
