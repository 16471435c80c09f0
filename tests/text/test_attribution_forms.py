"""The third pass's forms of attribution, each in sentences written for these tests:
an attribution between commas, a plain noun as speaker, a conjunction before the
subject, a zero-that clause opening with a plain noun, a tail or inverted attribution
by a noun phrase no rule names, and *call* framing a quotation."""

from __future__ import annotations

from typing import Any

from accords.text import Statement, read_text
from accords.text._subject import subject_phrase


def read(reader: Any, text: str) -> list[Statement]:
    return list(reader.read(read_text("t.txt", text.encode())).statements)


def one(reader: Any, text: str) -> Statement:
    found = read(reader, text)
    assert len(found) == 1, [(s.text, s.speaker) for s in found]
    return found[0]


def test_attribution_between_commas_leaves_it_out_of_the_content(reader: Any) -> None:
    st = one(reader, "The harbour plan, officials said, needs more money before winter.")
    assert (st.speaker, st.kind, st.cue) == ("officials", "indirect", "said")
    assert st.text == "The harbour plan needs more money before winter"


def test_attribution_between_commas_with_a_pronoun(reader: Any) -> None:
    text = (
        "Marta Ruiz said the ferry was late again. "
        "Her sister, she says, plans to leave the town next year."
    )
    found = read(reader, text)
    # the pronoun is resolved as in "She said …" (here it keeps its word)
    plain = read(reader, text.split(". ")[0] + ". She said her sister plans to leave.")
    assert [(s.mention, s.text) for s in found] == [
        ("Marta Ruiz", "the ferry was late again"),
        ("she", "Her sister plans to leave the town next year"),
    ]
    assert (found[1].speaker or "").lower() == (plain[1].speaker or "").lower()


def test_bare_plural_subject_after_a_conjunction(reader: Any) -> None:
    st = one(reader, "But farmers said there are good reasons to wait for the rain.")
    assert (st.speaker, st.text) == ("farmers", "there are good reasons to wait for the rain")
    st = one(reader, "The bridge is unsafe, and engineers say it may be years before it reopens.")
    assert (st.speaker, st.text) == ("engineers", "it may be years before it reopens")


def test_zero_that_clause_opening_with_a_plain_noun(reader: Any) -> None:
    st = one(reader, "Police officials said officers will wear cameras during the march.")
    assert (st.speaker, st.text) == (
        "Police officials",
        "officers will wear cameras during the march",
    )


def test_a_cue_followed_by_no_clause_makes_no_statement(reader: Any) -> None:
    assert read(reader, "The porters said goodbye to the crew at noon.") == []
    assert read(reader, "Sometimes says little, the old sailor.") == []


def test_tail_attribution_by_an_unlisted_noun_phrase(reader: Any) -> None:
    st = one(reader, "The river was rising fast near the old mill, the mayor said.")
    assert (st.speaker, st.text) == ("the mayor", "The river was rising fast near the old mill")


def test_opening_phrase_is_no_subject() -> None:
    text = "Holding signs said little. Instead of that said more."
    assert subject_phrase(text, 0, text.index(" said")) is None
    assert subject_phrase(text, 27, text.index(" said more")) is None
    text = "The porters said"
    found = subject_phrase(text, 0, text.index(" said"))
    assert found is not None and found.text == "The porters"


def test_quotation_by_one_of_a_kind(reader: Any) -> None:
    text = "\u201cThe council has been slow to act on the harbour,\u201d one senior official said."
    st = one(reader, text)
    assert (st.speaker, st.kind) == ("one senior official", "direct")


def test_quotation_with_an_inverted_cue_and_a_noun_phrase(reader: Any) -> None:
    text = "\u201cWe will build the bridge,\u201d said the mayor. \u201cWe have the money.\u201d"
    st = one(reader, text)
    assert (st.speaker, st.kind) == ("the mayor", "direct")
    assert "We have the money" in st.text


def test_call_frames_a_quotation_after_its_object(reader: Any) -> None:
    st = one(reader, "Marta Ruiz called the harbour plan \u201ca waste of good money.\u201d")
    assert (st.speaker, st.kind, st.cue) == ("Marta Ruiz", "direct", "called")
    assert st.text.startswith("a waste of good money")


def test_call_does_not_frame_a_title_further_on(reader: Any) -> None:
    text = "Critics called the plan costly, and a new play, \u201cThe Long Quay,\u201d opens soon."
    assert read(reader, text) == []


def test_call_does_not_frame_a_title(reader: Any) -> None:
    text = "Marta Ruiz starred in a play called \u201cThe Long Quay on the River.\u201d"
    assert read(reader, text) == []
