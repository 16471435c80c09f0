"""Statements: direct, split, mixed and indirect speech; speakers resolved; no scare quotes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from accords.text import Statement, read_text
from accords.text._extract import extract_statements
from accords.text._parties import PartyMatcher

from .strategies import news_text
from .support import PARTIES


def read(reader: Any, text: str) -> list[Statement]:
    return list(reader.read(read_text("t.txt", text.encode())).statements)


def one(reader: Any, text: str) -> Statement:
    found = read(reader, text)
    assert len(found) == 1, [s.text for s in found]
    return found[0]


def check_offsets(text: str, st: Statement) -> None:
    assert 0 <= st.start < st.end <= len(text)
    if st.kind != "direct" or "\n" not in text[st.start : st.end]:
        assert st.text in text[st.start : st.end] or text[st.start : st.end] in st.text


def test_direct_quote_after_named_speaker_with_title(reader: Any) -> None:
    text = (
        'Zalmay Khalilzad, the U.S. special envoy, said: "We have made progress on the '
        'withdrawal of troops."'
    )
    st = one(reader, text)
    assert (st.kind, st.speaker, st.party, st.cue) == (
        "direct",
        "Zalmay Khalilzad",
        "united-states",
        "said",
    )
    assert (
        text[st.start : st.end] == st.text == "We have made progress on the withdrawal of troops."
    )


def test_split_quotation_is_one_statement(reader: Any) -> None:
    text = (
        "\u201cWe are close to a deal on the timeline,\u201d said Suhail Shaheen, a spokesman "
        "for the Taliban. \u201cBut the ceasefire is not on the table.\u201d"
    )
    st = one(reader, text)
    assert st.speaker == "Suhail Shaheen" and st.party == "taliban"
    assert (
        st.text == "We are close to a deal on the timeline … But the ceasefire is not on the table."
    )
    assert text[st.start : st.end].startswith("We are close")
    assert text[st.start : st.end].endswith("not on the table.")


def test_pronoun_and_description_resolve_to_the_named_person(reader: Any) -> None:
    text = (
        "Taliban spokesman Zabihullah Mujahid said the group was ready for more talks.\n\n"
        "\u201cWe will not accept a ceasefire while foreign troops remain,\u201d he added.\n\n"
        "The spokesman also said that the Islamic Emirate wanted all foreign forces out."
    )
    found = read(reader, text)
    assert [s.speaker for s in found] == ["Zabihullah Mujahid"] * 3
    assert {s.party for s in found} == {"taliban"}
    assert [s.mention for s in found] == ["Zabihullah Mujahid", "he", "The spokesman"]


def test_envoy_resolves_to_the_representative(reader: Any) -> None:
    text = (
        "The U.S. Special Representative for Afghanistan Reconciliation, Zalmay Khalilzad, met "
        "the Taliban in Doha on Monday.\n\n"
        "The envoy later told reporters that the talks had been useful for both sides."
    )
    st = one(reader, text)
    assert (st.speaker, st.party, st.kind) == ("Zalmay Khalilzad", "united-states", "indirect")
    assert st.text == "the talks had been useful for both sides"


def test_mixed_speech(reader: Any) -> None:
    text = (
        "Shaheen tweeted that the United States had \u201cagreed to pull its troops out of the "
        "country.\u201d"
    )
    st = one(reader, text)
    assert st.kind == "mixed"
    assert st.text.startswith("the United States had")
    check_offsets(text, st)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "According to the Taliban, the talks will resume in Doha next week.",
            "Taliban",
            "the talks will resume in Doha next week",
        ),
        (
            "The talks will resume in Doha next week, according to the Taliban.",
            "Taliban",
            "The talks will resume in Doha next week",
        ),
        (
            "The talks with the insurgents were useful, Khalilzad said on Monday.",
            "Khalilzad",
            "The talks with the insurgents were useful",
        ),
        (
            "Mike Pompeo told reporters on Tuesday that a deal was close.",
            "Mike Pompeo",
            "a deal was close",
        ),
    ],
)
def test_indirect_speech(reader: Any, text: str, speaker: str, content: str) -> None:
    st = one(reader, text)
    assert st.kind == "indirect"
    assert st.speaker == speaker
    assert st.text == content == text[st.start : st.end]


def test_scare_quotes_and_titles_are_not_statements(reader: Any) -> None:
    text = (
        "Critics called the plan a \u201cbetrayal\u201d of the Afghan people, and a new film, "
        "\u201cThe Long Road Home,\u201d opens in Kabul on Friday. The group calls the "
        'government a "puppet" and the talks were described as "constructive" by observers.'
    )
    assert read(reader, text) == []


def test_headline_x_to_y(reader: Any) -> None:
    text = (
        "Khalilzad to Taliban: We want a comprehensive agreement, not a withdrawal deal\n\n"
        "Zalmay Khalilzad, the U.S. envoy, spoke in Doha on Monday where the talks were held."
    )
    st = one(reader, text)
    assert st.speaker == "Zalmay Khalilzad" and st.party == "united-states"
    assert st.text == "We want a comprehensive agreement, not a withdrawal deal"


def test_transcript_turns(reader: Any) -> None:
    text = (
        "Briefing on the talks\n\n"
        "MR. PRICE: The United States has not agreed to any timeline for the withdrawal.\n\n"
        "QUESTION: Is there a deal on the ceasefire?\n\n"
        "MR. PRICE: There is no deal on a ceasefire and there will not be one soon.\n"
    )
    found = read(reader, text)
    assert [s.speaker for s in found] == ["Price", "Price"]
    assert [s.mention for s in found] == ["MR. PRICE", "MR. PRICE"]
    assert all(s.kind == "direct" for s in found)


def test_tweet_signature_attributes_the_tweet(reader: Any) -> None:
    text = (
        "The envoy replied on Twitter within the hour.\n\n"
        "\u201cNothing is agreed until everything is agreed. We seek a full deal.\u201d\n\n"
        "\u2014 Zalmay Khalilzad (@US4AfghanPeace) March 13, 2019\n"
    )
    st = one(reader, text)
    assert st.speaker == "Zalmay Khalilzad" and st.cue == "tweeted"


def test_unbalanced_quote_gives_a_note_not_a_crash(reader: Any) -> None:
    result = reader.read(
        read_text(
            "t.txt",
            b'Khalilzad said: "We are making progress on the talks and on the withdrawal\n\n'
            b"The next round begins on Monday in Doha with the Taliban.",
        )
    )
    assert any("unbalanced" in n for n in result.notes)
    assert [s.speaker for s in result.statements] == ["Khalilzad"]


def _fake_ner(texts: Any) -> list[list[tuple[int, int, str]]]:
    import re

    return [
        [(m.start(), m.end(), "PERSON") for m in re.finditer(r"\b[A-Z][a-z]+\b", t)] for t in texts
    ]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(news_text(max_tokens=120))
def test_extraction_never_crashes_and_offsets_are_sound(text: str) -> None:
    found, _ = extract_statements(text, PartyMatcher(PARTIES), _fake_ner)
    for st in found:
        assert 0 <= st.start < st.end <= len(text)
        assert st.speaker
