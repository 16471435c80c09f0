"""The canonical case: the seed article read against the example negotiation."""

from __future__ import annotations

from typing import Any

import pytest

from accords.text import ArticleStatements, check, read_article

from .support import seed_path


@pytest.fixture(scope="module")
def seed(example_reader: Any, example_view: Any) -> ArticleStatements:
    return check(example_reader.read(read_article(seed_path())), example_view)


def test_every_quotation_has_the_right_speaker_and_party(seed: ArticleStatements) -> None:
    text = seed.article.text
    got = [(s.speaker, s.party) for s in seed.statements]
    assert got == [
        ("Zalmay Khalilzad", "united-states"),  # the headline "Khalilzad to Taliban: …"
        ("Zalmay Khalilzad", "united-states"),  # said that the United States sought "…"
        ("Suhail Shaheenb", "taliban"),  # had earlier tweeted that …
        ("Zalmay Khalilzad", "united-states"),  # in his Tweeter account said that: "…"
        ("Zalmay Khalilzad", "united-states"),  # "… nothing is agreed until …"
        ("Zalmay Khalilzad", "united-states"),  # "…," he added.
    ]
    for st in seed.statements:
        assert 0 <= st.start < st.end <= len(text)
        assert text[st.start : st.end] == st.text
    # every quotation in the article lies in some statement
    for quoted in (
        "agreed to pull its troops out",
        "nothing is agreed until everything is agreed",
        "This is a framework which the Taliban accept",
        "a comprehensive peace agreement, not a withdrawal agreement",
    ):
        assert any(quoted in s.text for s in seed.statements), quoted


def test_he_added_is_khalilzad(seed: ArticleStatements) -> None:
    added = [s for s in seed.statements if s.cue == "added"]
    assert len(added) == 1
    assert (added[0].mention, added[0].speaker, added[0].party) == (
        "he",
        "Zalmay Khalilzad",
        "united-states",
    )
    assert set(added[0].parts) == {
        "counter-terrorism",
        "withdrawal",
        "intra-afghan-negotiations",
        "ceasefire",
    }


def test_shaheen_withdrawal_claim_is_premature(seed: ArticleStatements) -> None:
    shaheen = next(s for s in seed.statements if s.speaker == "Suhail Shaheenb")
    assert shaheen.kind == "mixed" and shaheen.cue == "tweeted"
    claims = [(c.part, c.asserts, c.verdict) for c in shaheen.claims]
    assert claims == [("withdrawal", "agreed", "premature")]
    reason = shaheen.claims[0].reason or ""
    assert reason.startswith(
        "withdrawal: agreed in draft by United States and Taliban on 12 March 2019; "
        "the package is not concluded"
    )


def test_nothing_is_agreed_is_not_judged_against_khalilzad(seed: ArticleStatements) -> None:
    st = next(s for s in seed.statements if "nothing is agreed" in s.text)
    assert st.speaker == "Zalmay Khalilzad"
    assert st.claims, "the package claim should be read"
    for c in st.claims:
        assert c.verdict not in ("premature", "contradicted"), c


def test_no_khalilzad_statement_is_judged_against_him(seed: ArticleStatements) -> None:
    for st in seed.statements:
        if st.party == "united-states":
            assert all(c.verdict in ("supported", "unverifiable") for c in st.claims), st


def test_framework_acceptance_is_supported(seed: ArticleStatements) -> None:
    added = next(s for s in seed.statements if s.cue == "added")
    assert [(c.part, c.asserts, c.verdict) for c in added.claims] == [
        (None, "framework-accepted", "supported")
    ]
    assert "accepted by Taliban on 26 January 2019" in (added.claims[0].reason or "")


def test_narration_is_not_a_statement(seed: ArticleStatements) -> None:
    for st in seed.statements:
        assert "are said to guarantee" not in st.text
        assert "did not announce ceasefire" not in st.text
        assert "Thomas West" not in st.text
