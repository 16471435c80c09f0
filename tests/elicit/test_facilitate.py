"""Facilitation against brute force: dominance for every sampled profile counted; blind sets."""

from __future__ import annotations

import numpy as np
import pytest

from accords.elicit import (
    Acceptance,
    Fit,
    Issue,
    Space,
    blind_acceptance,
    fit,
    improve_on_table,
    next_query,
)
from accords.errors import RefusedMove

from .strategies import answers_from

SPACE = Space(tuple(Issue(f"i{k}", ("a", "b", "c")) for k in range(3)))
TABLE = {"i0": "b", "i1": "b", "i2": "b"}


def _fits() -> dict[str, Fit]:
    rng = np.random.default_rng(11)
    return {
        party: fit(SPACE, answers_from(SPACE, rng.random(SPACE.dimension), 6, seed), samples=80)
        for seed, party in enumerate(("north", "south"))
    }


def test_improvements_dominate_and_probabilities_count_samples() -> None:
    fits = _fits()
    result = improve_on_table(SPACE, fits, TABLE, limit=1000)
    assert result
    table = SPACE.encode(TABLE)
    for item in result:
        x = SPACE.encode(item.package)
        gains = [
            SPACE.utilities(f.profile.parts(SPACE), x[None])[0]
            - SPACE.utilities(f.profile.parts(SPACE), table[None])[0]
            for f in fits.values()
        ]
        assert min(gains) >= -1e-12 and max(gains) > 1e-12
        count = 0
        for s in range(80):  # brute force over the paired samples
            g = [
                f.samples[s] @ (SPACE.features(x)[0] - SPACE.features(table)[0])
                for f in fits.values()
            ]
            count += min(g) >= -1e-12 and max(g) > 1e-12
        assert item.probability == pytest.approx(count / 80)
    probabilities = [i.probability for i in result]
    assert probabilities == sorted(probabilities, reverse=True)


def test_nothing_improves_on_the_best_package_for_a_lone_party() -> None:
    fits = _fits()
    north = fits["north"]
    best = SPACE.all_packages()[
        int(np.argmax(SPACE.utilities(north.profile.parts(SPACE), SPACE.all_packages())))
    ]
    assert improve_on_table(SPACE, {"north": north}, SPACE.decode(best)) == []


def test_blind_acceptance_reveals_only_the_intersection() -> None:
    fits = _fits()
    packages = [SPACE.decode(p) for p in SPACE.all_packages()]
    north = Acceptance(packages=packages[:20])
    south = Acceptance(least=0.5, profile=fits["south"].profile)
    together = blind_acceptance(SPACE, {"north": north, "south": south})
    expected = [p for p in packages[:20] if fits["south"].profile.utility(p) >= 0.5 - 1e-12]
    assert together == expected


def test_blind_acceptance_needs_two_marks_and_one_kind_each() -> None:
    with pytest.raises(RefusedMove):
        blind_acceptance(SPACE, {"north": Acceptance(least=0.5)})
    with pytest.raises(RefusedMove):
        blind_acceptance(SPACE, {"a": Acceptance(), "b": Acceptance(least=0.1)})


def test_next_query_asks_a_real_question_that_splits_the_set() -> None:
    fits = _fits()
    query = next_query(fits["north"], seed=1)
    assert query.a != query.b
    SPACE.encode(query.a), SPACE.encode(query.b)
    assert 0.0 < query.split < 1.0
    assert set(query.to_json()) == {"query", "split"}
