"""The subject right before a cue: pronouns, names, offices and noun phrases, in
articles written here on the constructions real press uses."""

from __future__ import annotations

from typing import Any

from accords.text import Statement, read_text
from accords.text._parts import stem
from accords.text._subject import subject_before


def read(reader: Any, text: str) -> list[Statement]:
    return list(reader.read(read_text("t.txt", text.encode())).statements)


def before(text: str, cue: str) -> tuple[str, str, str] | None:
    at = text.index(cue)
    found = subject_before(text, 0, at)
    return (found.text, found.kind, found.role) if found else None


def test_the_word_before_the_cue_is_the_subject() -> None:
    assert before("Cruz says he is tied for second, a finish that he said was good.", "said") == (
        "he",
        "pronoun",
        "he",
    )
    assert before("Mr. Sanders's campaign said the vote was close.", "said") == (
        "Mr. Sanders's campaign",
        "phrase",
        "campaign",
    )
    assert before("The president has also said it.", "said") == (
        "The president",
        "phrase",
        "president",
    )


def test_no_subject_after_a_comma_or_a_preposition() -> None:
    # an apposition or an aside is the clause rules' to read
    assert before("Zalmay Khalilzad, the U.S. envoy, said it.", "said") is None
    # "… Office in Qatar had earlier tweeted": Qatar is no subject
    text = "Suhail Shaheen, spokesman for the Political Office in Qatar had earlier tweeted that"
    assert before(text, "tweeted") is None
    # a relative or a conjunction: no noun phrase ends there
    assert before("He criticized the plan and said it failed.", "said") is None


def test_a_pronoun_opening_the_clause_is_the_speaker(reader: Any) -> None:
    text = (
        "Zalmay Khalilzad told reporters in Doha on Monday that the talks went well.\n\n"
        "He praised Mullah Baradar's team and said the withdrawal of troops was agreed in "
        "principle."
    )
    found = read(reader, text)
    said = next(s for s in found if "withdrawal" in s.text)
    assert (said.speaker, said.mention) == ("Zalmay Khalilzad", "He")


def test_a_possessive_inside_the_subject_does_not_make_the_speaker(reader: Any) -> None:
    text = (
        "Zalmay Khalilzad spoke in Kabul on Monday.\n\n"
        "Mr. Khalilzad's team said the ceasefire talks would resume next week."
    )
    found = read(reader, text)
    said = next(s for s in found if "ceasefire" in s.text)
    assert said.speaker == "Mr. Khalilzad's team"


def test_he_after_an_office_is_that_office(reader: Any) -> None:
    text = (
        "The U.S. envoy wrote in a separate tweet that an agreement would include troop "
        "withdrawal and a ceasefire.\n\n"
        '"This is a framework which the Taliban accept," he added.'
    )
    found = read(reader, text)
    added = next(s for s in found if "framework" in s.text)
    assert added.party == "united-states"
    assert added.mention == "he"


def test_he_is_the_person_named_since_the_last_statement(reader: Any) -> None:
    text = (
        'Zabihullah Mujahid, the Taliban spokesman, said: "We will not accept a ceasefire."\n\n'
        'Ashraf Ghani, the Afghan president, answered in Kabul: "Violence must end." '
        '"Talks with the Taliban are the only way," he added.'
    )
    found = read(reader, text)
    added = next(s for s in found if "only way" in s.text)
    assert added.speaker == "Ashraf Ghani"


def test_extension_and_extend_share_a_stem() -> None:
    assert stem("extension") == stem("extend") == stem("extended") == stem("extending")
    assert stem("suspension") == stem("suspended")
    # short words keep theirs: "tension" is not "tend"
    assert stem("tension") != stem("tend")


def test_an_inverted_cue_after_a_full_stop_keeps_a_long_apposition(reader: Any) -> None:
    text = (
        '"The withdrawal of troops has not been agreed." stated Zalmay Khalilzad, the special '
        "representative of the United States for reconciliation in Afghanistan, in Kabul."
    )
    st = next(s for s in read(reader, text) if "withdrawal" in s.text)
    assert (st.speaker, st.cue) == ("Zalmay Khalilzad", "stated")


def test_quotation_cues_beyond_say(reader: Any) -> None:
    text = (
        '"Nothing is agreed until everything is agreed," Zalmay Khalilzad concluded.\n\n'
        '"Will the ceasefire hold?" Ashraf Ghani asked.'
    )
    found = {s.speaker: s.cue for s in read(reader, text)}
    assert found == {"Zalmay Khalilzad": "concluded", "Ashraf Ghani": "asked"}


def test_asked_opening_a_clause_is_no_cue(reader: Any) -> None:
    text = (
        "Asked whether the Taliban would sit with the Afghan government, Suhail Shaheen "
        'reiterated his stance, and said: "Of course we will talk with all Afghan sides."'
    )
    st = one_with(reader, text, "all Afghan sides")
    assert st.speaker == "Suhail Shaheen"


def one_with(reader: Any, text: str, words: str) -> Statement:
    return next(s for s in read(reader, text) if words in s.text)


def test_a_possessive_name_before_an_apposition_is_not_the_speaker(reader: Any) -> None:
    text = (
        "Ashraf Ghani's national security adviser, Hamdullah Mohib, said the ceasefire "
        "must come before any talks on the withdrawal of troops."
    )
    st = one_with(reader, text, "ceasefire")
    assert st.speaker == "Hamdullah Mohib"
