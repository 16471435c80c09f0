"""Constructions of real press, in articles written here: claims, levels, concepts, speakers.

Each text is modelled on a construction met in published reporting (denials, draft
agreements, commitments, demands made through "must", speakers after an opening
phrase), written in our own words.
"""

from __future__ import annotations

from typing import Any

import pytest

from accords.text import read_text
from accords.text._claims import find_claims
from accords.text._parties import PartyMatcher
from accords.text._parts import PartLexicon

from .support import PARTIES, PARTS

LEXICON = PartLexicon(PARTS, PARTIES)  # terms and concepts, no embeddings
MATCHER = PartyMatcher(PARTIES)


def claims(text: str, speaker: str | None = "taliban") -> list[tuple[str | None, str]]:
    _, found = find_claims(text, speaker, MATCHER, LEXICON)
    return [(c.part, c.asserts) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # denials and reports said to be false: not agreed
        ("The movement has not made any decision on the ceasefire.", [("ceasefire", "not-agreed")]),
        (
            "Talks on a temporary ceasefire continue but have not been finalised.",
            [("ceasefire", "not-agreed")],
        ),
        (
            "He dismissed media reports of a deal on a ceasefire.",
            [("ceasefire", "not-agreed")],
        ),
        # refusals without the verb "reject"
        ("The group has no intention of declaring a ceasefire.", [("ceasefire", "rejected")]),
        ("Kabul made no commitment to free prisoners before the talks.", []),
        # commitments and offers
        (
            "We will talk with all sides in intra-Afghan negotiations.",
            [("intra-afghan-negotiations", "offered")],
        ),
        ("The movement is ready for a ceasefire.", [("ceasefire", "offered")]),
        # demands through "must" and "expectation"
        ("Violence must be reduced at once.", [("ceasefire", "demanded")]),
    ],
)
def test_claim_kinds(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert claims(text) == expected


def test_part_by_what_the_press_calls_it() -> None:
    """Concept phrases reach the part whose own words anchor them."""
    text = "They promised to prevent the country from becoming a platform for terrorists."
    assert claims(text) == [("counter-terrorism", "offered")]
    assert claims("The sides discussed a reduction in violence.") == []
    parts, _ = find_claims("The sides discussed a reduction in violence.", None, MATCHER, LEXICON)
    assert parts == ["ceasefire"]


def test_concepts_need_one_anchored_part() -> None:
    """A concept no part is anchored to adds nothing (no "land" part here)."""
    parts, _ = find_claims("They talked about land reform.", None, MATCHER, LEXICON)
    assert parts == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("The two sides have reached a draft agreement on troop withdrawal.", "agreed-ad-ref"),
        ("The sides agreed in principle on troop withdrawal.", "agreed-in-principle"),
        ("The sides agreed in draft on troop withdrawal.", "agreed-ad-ref"),
    ],
)
def test_qualified_agreement_is_acceptance_at_a_level(text: str, level: str) -> None:
    _, found = find_claims(text, None, MATCHER, LEXICON)
    assert [(c.part, c.asserts, c.level) for c in found] == [("withdrawal", "accepted", level)]


def test_unqualified_agreement_has_no_level() -> None:
    _, found = find_claims("The sides agreed on troop withdrawal.", None, MATCHER, LEXICON)
    assert [(c.asserts, c.level) for c in found] == [("agreed", None)]


def read(reader: Any, text: str) -> list[Any]:
    return list(reader.read(read_text("t.txt", text.encode())).statements)


def test_doubled_apostrophes_are_quotation_marks(reader: Any) -> None:
    text = "''We have made progress on the withdrawal of troops,'' Zalmay Khalilzad said on Monday."
    (st,) = read(reader, text)
    assert st.kind == "direct"
    assert st.text.startswith("We have made progress")
    assert st.speaker == "Zalmay Khalilzad"
    assert len(text) == len(reader.read(read_text("t.txt", text.encode())).article.text)


def test_speaker_after_an_opening_phrase(reader: Any) -> None:
    text = (
        "Speaking to reporters at the Foreign Ministry in Doha, Zalmay Khalilzad said the "
        "talks on the withdrawal of troops had gone well."
    )
    (st,) = read(reader, text)
    assert st.speaker == "Zalmay Khalilzad"


def test_subject_phrase_is_the_speaker_when_it_names_no_one(reader: Any) -> None:
    (st,) = read(reader, "The elders said they would travel to Doha next week.")
    assert (st.speaker, st.text) == ("The elders", "they would travel to Doha next week")


def test_outlets_are_not_speakers(reader: Any) -> None:
    text = (
        "The group's spokesman, Qari Yusuf Ahmadi, wrote on Twitter that the fighting would "
        'continue.\n\n"We will not stop," he said.'
    )
    found = read(reader, text)
    assert [s.speaker for s in found] == ["Qari Yusuf Ahmadi", "Qari Yusuf Ahmadi"]


def test_an_honorific_alone_does_not_break_the_reader(reader: Any) -> None:
    text = 'Mr. said nothing. "We will see," Mr. added.'
    read(reader, text)  # no exception: real copy has stray honorifics
