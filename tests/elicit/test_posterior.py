"""The posterior sampler: centring, canonical form, feasibility, the prior's shape, mixing."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.elicit import Answers, Issue, Space, fit, order_rows
from accords.elicit._active import _differences, candidate_pairs
from accords.elicit._polytope import interior_point
from accords.elicit._posterior import canonical, centre, sample_posterior

from .strategies import answers_from, spaces_with_truth

SPACE = Space(
    (
        Issue("troops", ("0", "4000", "8600")),
        Issue("days", ("135", "365")),
        Issue("prisoners", ("1000", "2000", "3000", "5000")),
    )
)


@settings(max_examples=20, deadline=None)
@given(spaces_with_truth(), st.integers(0, 1000))
def test_centring_and_canonical_form_keep_every_order(
    case: tuple[Space, np.ndarray], seed: int
) -> None:
    space, _ = case
    parts = np.random.default_rng(seed).standard_normal((5, space.dimension))
    packages = space.random_packages(np.random.default_rng(seed + 1), 40)
    raw = space.utilities(parts, packages)
    centred = centre(space, parts)
    assert np.allclose(np.add.reduceat(centred, space.offsets, axis=1), 0.0)
    shifted = space.utilities(centred, packages)
    assert np.allclose(raw - raw[:, :1], shifted - shifted[:, :1])
    canon = canonical(space, parts)
    assert np.all(canon >= 0.0)
    ranges = np.maximum.reduceat(canon, space.offsets, axis=1)
    assert np.allclose(ranges.sum(axis=1), 1.0)
    scaled = space.utilities(canon, packages)
    assert np.array_equal(
        np.argsort(raw, axis=1, kind="stable"), np.argsort(scaled, axis=1, kind="stable")
    )


def test_a_flat_row_stays_zero() -> None:
    assert np.array_equal(
        canonical(SPACE, np.ones(SPACE.dimension)), np.zeros((1, SPACE.dimension))
    )


@settings(max_examples=20, deadline=None)
@given(spaces_with_truth(), st.integers(1, 25), st.integers(0, 1000))
def test_every_posterior_sample_satisfies_every_answer_strictly_enough(
    case: tuple[Space, np.ndarray], count: int, seed: int
) -> None:
    space, truth = case
    rows, _ = order_rows(space, answers_from(space, truth, count, seed))
    start = interior_point(rows)
    assert start is not None
    drawn = sample_posterior(space, rows, start, 130, np.random.default_rng(seed), steps=20)
    assert drawn.shape == (130, space.dimension)
    assert np.all(drawn @ rows.T >= -1e-9)
    assert np.all(drawn >= 0.0)


def test_without_answers_the_prior_is_symmetric_and_lets_weights_vary() -> None:
    result = fit(SPACE, Answers(), samples=2000, seed=1)
    weights = np.maximum.reduceat(result.samples, SPACE.offsets, axis=1)
    # symmetric: no issue favoured on average, whatever its number of values
    assert np.allclose(weights.mean(axis=0), 1 / 3, atol=0.05)
    # issue weights vary between profiles as they do in real ones (not all near 1/3)
    assert weights.std(axis=0).min() > 0.12


def test_the_estimate_converges_to_the_truth() -> None:
    truth = np.array([0.0, 0.2, 0.5, 0.1, 0.0, 0.0, 0.05, 0.1, 0.3])
    result = fit(SPACE, answers_from(SPACE, truth, 80, 4), samples=400)
    packages = SPACE.all_packages()
    true_u = SPACE.utilities(truth, packages)
    fitted = SPACE.utilities(result.profile.parts(SPACE), packages)
    sign = np.sign(np.subtract.outer(true_u, true_u)) == np.sign(np.subtract.outer(fitted, fitted))
    assert sign.mean() > 0.95


def test_the_same_seed_gives_the_same_fit() -> None:
    answers = answers_from(SPACE, np.arange(9.0), 10, 3)
    one, two = fit(SPACE, answers, seed=5), fit(SPACE, answers, seed=5)
    assert np.array_equal(one.samples, two.samples)


def test_issue_by_issue_differences_equal_the_utilities() -> None:
    rng = np.random.default_rng(2)
    samples = rng.random((30, SPACE.dimension))
    a, b = candidate_pairs(SPACE, rng, 200)
    expected = SPACE.utilities(samples, a) - SPACE.utilities(samples, b)
    assert np.allclose(_differences(SPACE, samples, a, b), expected, atol=1e-5)
