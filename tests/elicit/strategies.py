"""Hypothesis strategies for elicitation: small spaces, true profiles, answers from them."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from accords.elicit import Answers, Comparison, Issue, Space


@st.composite
def spaces(draw: st.DrawFn, max_issues: int = 4, max_values: int = 4) -> Space:
    sizes = draw(st.lists(st.integers(2, max_values), min_size=1, max_size=max_issues))
    return Space(
        tuple(Issue(f"i{k}", tuple(f"v{j}" for j in range(n))) for k, n in enumerate(sizes))
    )


@st.composite
def spaces_with_truth(draw: st.DrawFn) -> tuple[Space, np.ndarray]:
    space = draw(spaces())
    seed = draw(st.integers(0, 2**16))
    return space, np.random.default_rng(seed).random(space.dimension)


def answers_from(
    space: Space, truth: np.ndarray, count: int, seed: int, flip: float = 0.0
) -> Answers:
    """Comparisons a delegate with part-worths ``truth`` gives; ``flip``: share answered wrongly."""
    rng = np.random.default_rng(seed)
    out: list[Comparison] = []
    for _ in range(count * 20):
        if len(out) == count:
            break
        a, b = space.random_packages(rng, 2)
        ua, ub = space.utilities(truth, np.stack([a, b]))
        if abs(ua - ub) < 1e-9:
            continue
        if (ua < ub) != (rng.random() < flip):
            a, b = b, a
        out.append(Comparison(space.decode(a), space.decode(b)))
    return Answers(tuple(out))
