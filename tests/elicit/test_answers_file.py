"""The answers file's entries: each list walked by one rule, every fault named by its path."""

from __future__ import annotations

import pytest

from accords.elicit import answers_from_json
from accords.errors import AnswersError

PACKAGE = {"troops": "0", "days": "135"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"comparisons": ["x"]}, "f: comparisons[0]: expected an object with better and worse"),
        ({"ratings": [3]}, "f: ratings[0]: expected an object with package and rating"),
        ({"ratings": {}}, "f: ratings: expected a list"),
        ({"ratings": [{"rating": 5}]}, "f: ratings[0].package: missing"),
        ({"ratings": [{"package": PACKAGE}]}, "f: ratings[0].rating: missing"),
        (
            {"comparisons": [{"better": PACKAGE, "worse": PACKAGE}, {"worse": PACKAGE}]},
            "f: comparisons[1].better: missing",
        ),
        (
            {"comparisons": [{"better": PACKAGE, "worse": PACKAGE, "at": 3}]},
            "f: comparisons[0].at: expected an ISO date or time (a string)",
        ),
    ],
)
def test_each_fault_names_the_entry_and_field(data: object, message: str) -> None:
    with pytest.raises(AnswersError) as exc:
        answers_from_json(data, "f")
    assert str(exc.value) == message


def test_a_rating_is_checked_before_its_package() -> None:
    """The rating's bound is the fault named when both the rating and the package are off."""
    with pytest.raises(AnswersError, match=r"^f: ratings\[0\]\.rating: expected a number"):
        answers_from_json({"ratings": [{"package": [], "rating": 500}]}, "f")


def test_entries_keep_their_order_and_timestamps() -> None:
    data = {
        "comparisons": [
            {"better": PACKAGE, "worse": {"troops": "1", "days": "0"}, "at": "2020-02-29"},
            {"better": {"troops": "1", "days": "0"}, "worse": PACKAGE},
        ],
        "ratings": [{"package": PACKAGE, "rating": 70, "at": "2020-03-01"}],
    }
    answers = answers_from_json(data, "f")
    assert [c.at for c in answers.comparisons] == ["2020-02-29", None]
    assert answers.comparisons[1].better == {"troops": "1", "days": "0"}
    assert [(r.package, r.rating, r.at) for r in answers.ratings] == [(PACKAGE, 70.0, "2020-03-01")]
    assert [answers.label(i) for i in range(len(answers))] == [
        "comparisons[0]",
        "comparisons[1]",
        "ratings[0]",
    ]
