"""Two statements joined in one sentence by a conjunction and a pronoun."""

from __future__ import annotations

from typing import Any

from accords.text import Statement, read_text


def read(reader: Any, text: str) -> list[Statement]:
    return list(reader.read(read_text("t.txt", text.encode())).statements)


def test_said_a_but_he_also_warned_b_is_two_statements(reader: Any) -> None:
    text = (
        "Zalmay Khalilzad said the talks on troop withdrawal had made real progress, but he "
        "also warned the Taliban that a ceasefire must come before any final agreement."
    )
    found = [(s.speaker, s.mention, s.cue, s.text) for s in read(reader, text)]
    assert found == [
        (
            "Zalmay Khalilzad",
            "Zalmay Khalilzad",
            "said",
            "the talks on troop withdrawal had made real progress",
        ),
        (
            "Zalmay Khalilzad",
            "he",
            "warned",
            "a ceasefire must come before any final agreement",
        ),
    ]


def test_a_new_sentence_is_not_joined(reader: Any) -> None:
    text = (
        "Zalmay Khalilzad said the talks went well. Then, and he insisted on this, the "
        "Taliban must talk to Kabul."
    )
    assert all("went well" not in s.text or s.cue == "said" for s in read(reader, text))


def test_who_said_after_an_inverted_cue_is_the_same_speaker(reader: Any) -> None:
    text = (
        '"The ceasefire must come first," said Amrullah Saleh, a former intelligence chief, '
        "who also said that the talks with the Taliban would fail without it.\n\n"
        "The talks resume on Monday."
    )
    found = [(s.kind, s.speaker, s.mention, s.text) for s in read(reader, text)]
    assert found == [
        ("direct", "Amrullah Saleh", "Amrullah Saleh", "The ceasefire must come first"),
        ("indirect", "Amrullah Saleh", "who", "the talks with the Taliban would fail without it"),
    ]
