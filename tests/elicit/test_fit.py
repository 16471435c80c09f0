"""Fitted profiles: canonical form, recovery, ratings, provenance, direct answers."""

from __future__ import annotations

import numpy as np
import pytest

from accords.elicit import (
    Answers,
    Comparison,
    Curve,
    Direct,
    Issue,
    Rating,
    Space,
    answers_from_json,
    direct_profile,
    fit,
    profile_from_parts,
    refit_ratings,
)
from accords.errors import AnswersError, RefusedMove

from .strategies import answers_from

SPACE = Space(
    (
        Issue("troops", ("0", "4000", "8600")),
        Issue("days", ("135", "365")),
        Issue("prisoners", ("1000", "5000")),
    )
)


def test_profile_is_canonical() -> None:
    result = fit(SPACE, answers_from(SPACE, np.arange(7.0), 8, 1), samples=50)
    weights = result.profile.weights
    assert sum(weights.values()) == pytest.approx(1.0)
    for values in result.profile.values.values():
        assert min(values.values()) == 0.0 and max(values.values()) == 1.0


def test_canonical_form_ranks_like_the_part_worths() -> None:
    parts = np.random.default_rng(0).random(SPACE.dimension)
    profile = profile_from_parts(SPACE, parts)
    packages = SPACE.all_packages()
    raw = SPACE.utilities(parts, packages)
    canon = SPACE.utilities(profile.parts(SPACE), packages)
    assert np.array_equal(np.argsort(raw, kind="stable"), np.argsort(canon, kind="stable"))


def test_many_answers_recover_the_order() -> None:
    truth = np.array([0.0, 0.5, 1.0, 0.3, 0.0, 0.0, 0.1])
    result = fit(SPACE, answers_from(SPACE, truth, 60, 2), samples=200)
    packages = SPACE.all_packages()
    true_u = SPACE.utilities(truth, packages)
    fitted = SPACE.utilities(result.profile.parts(SPACE), packages)
    agree = np.sign(np.subtract.outer(true_u, true_u)) == np.sign(np.subtract.outer(fitted, fitted))
    assert agree.mean() > 0.9


def test_no_answers_give_equal_weights_and_a_wide_set() -> None:
    result = fit(SPACE, Answers(), samples=100)
    assert result.consistent
    assert result.samples.std(axis=0).min() > 0.1


def test_ratings_become_orders_and_a_disagreeing_one_is_flagged() -> None:
    truth = np.array([0.0, 0.5, 1.0, 0.4, 0.0, 0.0, 0.2])
    rng = np.random.default_rng(5)
    packages = SPACE.random_packages(rng, 8)
    utilities = SPACE.utilities(truth, packages) / 1.6 * 100
    ratings = [Rating(SPACE.decode(p), float(u)) for p, u in zip(packages, utilities, strict=True)]
    worst = int(np.argmin(utilities))
    ratings[worst] = Rating(ratings[worst].package, 100.0)  # the odd one out
    answers = Answers((), tuple(ratings))
    result = fit(SPACE, answers, samples=50)
    assert worst in result.disagreeing
    assert not result.consistent  # its orders contradict the others
    assert all(worst in c for c in result.contradictions)


def test_refit_ratings_reproduces_consistent_ratings() -> None:
    truth = np.array([0.0, 0.5, 1.0, 0.4, 0.0, 0.0, 0.2])
    packages = SPACE.all_packages()
    x = SPACE.features(packages)
    y = SPACE.utilities(truth, packages) / 1.6
    parts = refit_ratings(SPACE, x, y, np.full(SPACE.dimension, 0.5), ridge=1e-6)
    assert np.allclose(x @ parts[:-1] + parts[-1], y, atol=1e-3)


def test_provenance_names_answers_and_times() -> None:
    data = {
        "comparisons": [
            {
                "better": {"troops": "0", "days": "135", "prisoners": "5000"},
                "worse": {"troops": "8600", "days": "365", "prisoners": "1000"},
                "at": "2020-02-29",
            }
        ],
        "ratings": [{"package": {"troops": "0", "days": "135", "prisoners": "1000"}, "rating": 80}],
    }
    result = fit(SPACE, answers_from_json(data, "a.json"), samples=20)
    assert result.provenance.answers == ("comparisons[0]", "ratings[0]")
    assert result.provenance.given_at == ("2020-02-29", None)
    assert result.provenance.source == "a.json"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ([], "a.json: expected a JSON object"),
        ({"comparisons": {}}, "a.json: comparisons: expected a list"),
        ({"comparisons": [{"better": {"troops": "0"}}]}, "a.json: comparisons[0].worse: missing"),
        ({"ratings": [{"package": {"x": "y"}, "rating": 101}]}, "a.json: ratings[0].rating:"),
        ({"ratings": [{"package": {"x": "y"}, "rating": True}]}, "a.json: ratings[0].rating:"),
        ({"ratings": [{"package": [], "rating": 1}]}, "a.json: ratings[0].package:"),
        ({"votes": []}, "a.json: votes: unknown key"),
    ],
)
def test_malformed_answers_name_file_and_field(data: object, where: str) -> None:
    with pytest.raises(AnswersError) as exc:
        answers_from_json(data, "a.json")
    assert str(exc.value).startswith(where)


def test_answers_naming_unknown_values_are_refused_with_the_path() -> None:
    bad = Answers((Comparison({"troops": "9", "days": "135", "prisoners": "1000"}, {}),), (), "f")
    with pytest.raises(AnswersError, match=r"^f: comparisons\[0\]\.better: '9' is not a value"):
        fit(SPACE, bad)


def test_direct_answers_make_a_profile() -> None:
    direct = Direct(
        split={"troops": 50, "days": 30, "prisoners": 20},
        ratings={
            "troops": {"0": 100, "4000": 40, "8600": 0},
            "prisoners": {"1000": 0, "5000": 100},
        },
        curves={"days": Curve(((135, 100), (365, 0)))},
        red_lines=[("troops", "8600")],
        reservation=40,
    )
    profile = direct_profile(SPACE, direct)
    assert profile.weights == {"troops": 0.5, "days": 0.3, "prisoners": 0.2}
    assert profile.values["days"] == {"135": 1.0, "365": 0.0}
    assert profile.reservation == 0.4
    assert profile.utility({"troops": "0", "days": "135", "prisoners": "5000"}) == 1.0
    assert not direct.acceptable({"troops": "8600", "days": "135", "prisoners": "1000"})


def test_curve_is_piecewise_linear_and_flat_outside() -> None:
    curve = Curve(((0, 0), (10, 100), (20, 50)))
    assert [curve(x) for x in (-5, 0, 5, 10, 15, 20, 30)] == [0, 0, 0.5, 1, 0.75, 0.5, 0.5]
    with pytest.raises(RefusedMove):
        Curve(((1, 0), (1, 50)))


def test_direct_refuses_an_incomplete_split() -> None:
    with pytest.raises(RefusedMove, match="100 points"):
        direct_profile(SPACE, Direct(split={"troops": 50, "days": 30}))
    with pytest.raises(RefusedMove, match="no rating for"):
        direct_profile(SPACE, Direct(split={"troops": 50, "days": 30, "prisoners": 20}))
