"""Answers and fitted profiles kept as a party's confidential preferences (sealed at rest)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from accords.application import Record
from accords.elicitation import (
    MAX_ANSWERS,
    answers_of,
    elicitation_of,
    record_answers,
    refit,
    space_of,
)
from accords.errors import RefusedMove, UnknownReference
from accords.scenario.preferences import PreferencesSpec

from .conftest import NID, A, B, C

DAY = date(2019, 6, 2)


def _give(record: Record, party: str, answers: dict[str, object]) -> None:
    state = record.state(NID)
    record.execute(NID, record_answers(state, party, answers, DAY), recorded_by="test")


def test_space_is_the_framework_parts_with_options(record: Record) -> None:
    space = space_of(record.state(NID))
    assert set(space.names) == set(A)
    assert "six-month" in dict((i.name, i.values) for i in space.issues)["ceasefire"]


def test_comparisons_are_fitted_and_kept_with_provenance(record: Record) -> None:
    before = record.state(NID).preferences["taliban"]
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": B}]})
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": C}]})
    prefs = record.state(NID).preferences["taliban"]
    assert abs(sum(prefs["weights"].values()) - 1) < 1e-9
    assert prefs["values"]["ceasefire"]["six-month"] == 1.0
    assert prefs["values"]["ceasefire"]["permanent-comprehensive"] == 0.0
    assert prefs["reservation"] == before.get("reservation", 0.0)  # comparisons say nothing of it
    record_ = prefs["elicitation"]
    assert record_["method"] == "comparisons"
    assert record_["fitted_at"] == DAY.isoformat()
    assert record_["provenance"]["answers"] == ["comparisons[0]", "comparisons[1]"]
    assert record_["provenance"]["given_at"] == [DAY.isoformat()] * 2
    assert record_["uncertainty"]["consistent"] is True
    lo, hi = record_["uncertainty"]["weight_interval"]["ceasefire"]
    assert 0 <= lo <= prefs["weights"]["ceasefire"] <= hi <= 1
    answers, _ = answers_of(record.state(NID), "taliban")
    assert len(answers.comparisons) == 2
    PreferencesSpec.model_validate(prefs)  # still the analysis' shape


def test_the_answers_are_sealed_at_rest(db: str, record: Record) -> None:
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": B}]})
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT payload FROM events WHERE type = 'preferences-set'").fetchall()
    last = str(rows[-1][0])
    assert "conditions-based-drawdown" not in last and "comparisons" not in last
    assert "taliban" in last  # the owner stays in clear


def test_a_contradiction_is_reported_and_the_latest_answer_set_aside(record: Record) -> None:
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": B}]})
    _give(record, "taliban", {"comparisons": [{"better": B, "worse": A}]})
    result, _ = refit(record.state(NID), "taliban")
    assert not result.consistent
    assert result.contradictions == ((0, 1),)
    assert result.used == (0,)
    stored = elicitation_of(record.state(NID), "taliban")["uncertainty"]
    assert stored["contradictions"] == [[0, 1]]


def test_direct_answers_and_the_hybrid_refit(record: Record) -> None:
    split = {
        "counter-terrorism": 10,
        "withdrawal": 50,
        "intra-afghan-negotiations": 10,
        "ceasefire": 30,
    }
    ratings = {
        "counter-terrorism": {"guarantees": 100},
        "withdrawal": {"full-withdrawal-timeline": 0, "conditions-based-drawdown": 100},
        "intra-afghan-negotiations": {"after-us-deal": 100, "direct-now": 0},
        "ceasefire": {"six-month": 100, "permanent-comprehensive": 20},
    }
    _give(record, "taliban", {"split": split, "option_ratings": ratings, "reservation": 40})
    prefs = record.state(NID).preferences["taliban"]
    assert prefs["elicitation"]["method"] == "direct"
    assert prefs["weights"]["withdrawal"] == pytest.approx(0.5)
    assert prefs["values"]["ceasefire"]["permanent-comprehensive"] == pytest.approx(0.2)
    assert prefs["reservation"] == pytest.approx(0.4)
    _give(
        record, "taliban", {"ratings": [{"package": A, "rating": 90}, {"package": C, "rating": 20}]}
    )
    prefs = record.state(NID).preferences["taliban"]
    assert prefs["elicitation"]["method"] == "hybrid"
    assert prefs["weights"]["withdrawal"] > prefs["weights"]["intra-afghan-negotiations"]
    assert prefs["elicitation"]["answers"]["split"] == split  # kept beside the ratings
    provenance = prefs["elicitation"]["provenance"]
    assert provenance["answers"] == ["split", "option_ratings", "ratings[0]", "ratings[1]"]
    assert provenance["given_at"] == [DAY.isoformat()] * 4
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": B}]})
    prefs = record.state(NID).preferences["taliban"]
    assert prefs["elicitation"]["method"] == "comparisons"
    assert prefs["reservation"] == pytest.approx(0.4)  # the stated one, kept


def test_a_refused_answer_appends_nothing(record: Record) -> None:
    head = record.store.head(NID)
    state = record.state(NID)
    with pytest.raises(RefusedMove, match=r"comparisons\[0\].better: 'x' is not a value of"):
        record_answers(
            state,
            "taliban",
            {"comparisons": [{"better": {**A, "ceasefire": "x"}, "worse": B}]},
            DAY,
        )
    with pytest.raises(RefusedMove, match="unknown kind of answer"):
        record_answers(state, "taliban", {"likes": []}, DAY)
    nan = float("nan")
    with pytest.raises(RefusedMove, match="finite"):
        record_answers(state, "taliban", {"split": {"ceasefire": nan}, "option_ratings": {}}, DAY)
    with pytest.raises(RefusedMove, match="100 points"):
        record_answers(state, "taliban", {"split": {"ceasefire": 60}, "option_ratings": {}}, DAY)
    with pytest.raises(RefusedMove, match="not a negotiating party"):
        record_answers(state, "qatar", {"comparisons": [{"better": A, "worse": B}]}, DAY)
    with pytest.raises(UnknownReference, match="no party"):
        record_answers(state, "nobody", {}, DAY)
    too_many = [{"better": A, "worse": B}] * (MAX_ANSWERS + 1)
    with pytest.raises(RefusedMove, match=f"at most {MAX_ANSWERS}"):
        record_answers(state, "taliban", {"comparisons": too_many}, DAY)
    assert record.store.head(NID) == head


def test_other_confidential_fields_survive_a_refit(record: Record) -> None:
    before = record.state(NID).preferences["taliban"]
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": B}]})
    after = record.state(NID).preferences["taliban"]
    for key in set(before) - {"weights", "values", "reservation"}:
        assert after[key] == before[key]
