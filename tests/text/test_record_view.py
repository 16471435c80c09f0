"""What the record's small types answer for the verdicts and the part finder, and the
reader's shared pieces (word lists, paragraphs, statements before and after claims)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from accords.text import PartRecord, Stance, Statement
from accords.text._figures import Figure
from accords.text._quotes import paragraphs
from accords.text._record import Figure as RecordFigure
from accords.text._resolve import Attributed, RawStatement
from accords.text._words import wordset
from accords.text.evaluate import ArticleScore, Scores


def test_a_figure_holds_its_range_inclusive() -> None:
    months = Figure(1, 14, "months")
    assert [months.holds(v) for v in (0.5, 1, 14, 14.5)] == [False, True, True, False]
    assert RecordFigure is Figure  # still importable where the record protocol names it


def test_backing_stances_are_supports_and_accepts() -> None:
    kinds = ("supports", "accepts", "reserves", "rejects", "silent")
    assert [Stance("us", k).backs for k in kinds] == [True, True, False, False, False]


def test_supporters_are_the_backing_stances_on_the_part_s_option() -> None:
    rec = PartRecord(
        "withdrawal",
        "agreed-in-principle",
        "full",
        stances=(
            Stance("us", "supports", "full"),
            Stance("taliban", "accepts", None),
            Stance("kabul", "accepts", "partial"),
            Stance("qatar", "rejects", "full"),
        ),
    )
    assert [s.party for s in rec.supporters()] == ["us", "taliban"]
    any_option = dataclasses.replace(rec, option=None)
    assert [s.party for s in any_option.supporters()] == ["us", "taliban", "kabul"]


def test_a_party_s_stance_is_its_last_one() -> None:
    rec = PartRecord(
        "ceasefire",
        stances=(
            Stance("us", "supports", on=date(2019, 1, 1)),
            Stance("taliban", "rejects"),
            Stance("us", "reserves", on=date(2019, 3, 1)),
        ),
    )
    assert rec.stance_of("us") == Stance("us", "reserves", on=date(2019, 3, 1))
    assert rec.stance_of("kabul") is None
    assert rec.stance_of(None) is None


def test_wordset_splits_on_any_white_space() -> None:
    assert wordset("the  of\nand ") == frozenset({"the", "of", "and"})


def test_a_paragraph_gives_its_line() -> None:
    text = "  Title line \n\nBody, said Khalilzad.\n"
    assert [p.text(text) for p in paragraphs(text)] == ["Title line", "Body, said Khalilzad."]


def test_statements_before_and_after_claims_share_their_fields() -> None:
    raw = RawStatement(0, 5, "words", "direct", "said", "Khalilzad", "he", "us", paragraph=2)
    st = Statement(0, 5, "words", "direct", "said", "Khalilzad", "he", "us", ("withdrawal",))
    fields = [f.name for f in dataclasses.fields(Attributed)]
    assert [getattr(raw, f) for f in fields] == [getattr(st, f) for f in fields]
    assert st.to_json()["parts"] == ["withdrawal"] and st.claims == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        raw.speaker = "someone else"  # type: ignore[misc]


def _score(**counts: int) -> ArticleScore:
    base = dict(gold=0, found=0, matched=0, speaker_ok=0, party_ok=0)
    return ArticleScore("a.txt", "news", "dev", **(base | counts))


def test_scores_are_ratios_summed_over_articles_and_zero_on_nothing() -> None:
    scores = Scores(
        [
            _score(gold=4, found=5, matched=3, speaker_ok=3, party_ok=1),
            _score(gold=6, found=5, matched=5, speaker_ok=4, party_ok=4),
        ]
    )
    assert (scores.precision, scores.recall) == (0.8, 0.8)
    assert (scores.speaker_accuracy, scores.party_accuracy) == (7 / 8, 5 / 8)
    empty = Scores([])
    assert (empty.precision, empty.recall, empty.speaker_accuracy, empty.party_accuracy) == (
        0.0,
        0.0,
        0.0,
        0.0,
    )
