"""The people directory: speakers linked to parties through people, titles, institutions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from accords.errors import ScenarioError
from accords.text import TextReader, read_text
from accords.text._parties import PartyMatcher
from accords.text._people import (
    Directory,
    Linker,
    Office,
    PersonRef,
    Title,
    directory_for,
    load_directory,
)
from accords.text._record import PartyRef

from .support import PARTIES, PARTS, require_spacy

# a negotiation whose party aliases name no person
MATCHER = PartyMatcher(PARTIES)
DIRECTORY = Directory(
    (
        PersonRef(
            "Zabihullah Mujahid",
            "taliban",
            ("Zabiullah Mujahed",),
            (Title("Taliban spokesman", date(2007, 1, 1)),),
        ),
        PersonRef(
            "Hamid Envoy",
            "united-states",
            (),
            (
                Title("special envoy", date(2018, 1, 1), date(2019, 12, 31)),
                Title("adviser to Kabul", date(2020, 1, 1), None, "afghan-government"),
            ),
        ),
        PersonRef("Ahmad Abdullah", "afghan-government"),
        PersonRef("Karim Abdullah", "taliban"),
    ),
    (Office("peace office", "afghan-government"),),
)


def test_person_by_name_spelling_and_unique_surname() -> None:
    assert DIRECTORY.person("Zabiullah Mujahed") is DIRECTORY.people[0]
    assert DIRECTORY.person("Mr. Mujahid") is DIRECTORY.people[0]
    assert DIRECTORY.person("Mujahid's") is DIRECTORY.people[0]
    assert DIRECTORY.person("Abdullah") is None  # two people bear it: nobody in particular
    assert DIRECTORY.person("Someone Else") is None


def test_party_follows_dated_titles() -> None:
    envoy = DIRECTORY.people[1]
    assert envoy.party_on(date(2019, 5, 1)) == "united-states"
    assert envoy.party_on(date(2020, 5, 1)) == "afghan-government"
    assert envoy.party_on(None) == "afghan-government"  # undated: the first title that says


def test_linker_person_then_title_then_institution() -> None:
    linker = Linker(DIRECTORY, MATCHER)
    assert linker.party("Zabiullah Mujahed", [], None) == "taliban"
    assert linker.party("Unknown Person", ["a Taliban spokesman"], None) == "taliban"
    assert linker.party("Unknown Person", ["head of the peace office"], None) == (
        "afghan-government"
    )
    assert linker.party("Unknown Person", ["State Department spokesperson"], None) == (
        "united-states"
    )
    assert linker.party("Unknown Person", ["the Afghan President"], None) == "afghan-government"
    assert linker.party("Unknown Person", ["a chief government negotiator"], None) == (
        "afghan-government"
    )
    assert linker.party("Unknown Person", ["a farmer"], None) is None


def test_names_are_never_party_aliases() -> None:
    """A party alias that is a person's name does not give the person a party."""
    parties = (PartyRef("united-states", "United States", ("US", "Khalilzad")),)
    linker = Linker(Directory(), PartyMatcher(parties))
    assert linker.party("Zalmay Khalilzad", [], None) is None


def test_built_in_institutions_need_the_party() -> None:
    """ "The Kremlin" means nothing in a negotiation without Russia."""
    linker = Linker(Directory(), MATCHER)
    assert linker.office("a Kremlin spokesman") is None


def test_from_mapping_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        "people:\n"
        "  - name: Suhail Shaheen\n"
        "    party: taliban\n"
        "    spellings: [Sohail Shaheen]\n"
        "    titles:\n"
        "      - {title: spokesman of the political office, from: 2019-07-01}\n"
        "offices:\n"
        "  - {words: Arg, party: afghan-government}\n",
        encoding="utf-8",
    )
    d = load_directory(path)
    assert d.person("Sohail Shaheen") is not None
    assert d.people[0].titles[0].start == date(2019, 7, 1)
    assert d.offices == (Office("Arg", "afghan-government"),)
    path.write_text("people:\n  - {name: X, titles: [{title: T, from: soon}]}\n", encoding="utf-8")
    with pytest.raises(
        ScenarioError, match=r"people\[0\]\.titles\[0\]\.from: 'soon' is not a date"
    ):
        load_directory(path)
    path.write_text("people: 3\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="people: must be a list"):
        load_directory(path)


def test_directory_for_is_empty_until_people_are_recorded() -> None:
    assert not directory_for(object())


@pytest.fixture(scope="module")
def people_reader() -> Any:
    require_spacy()
    return TextReader(PARTIES, PARTS, people=DIRECTORY, embeddings=False)


def test_reader_links_a_known_spelling(people_reader: Any) -> None:
    text = '"We have not agreed to any ceasefire," Zabiullah Mujahed said.'
    (st,) = people_reader.read(read_text("t.txt", text.encode())).statements
    assert (st.speaker, st.party) == ("Zabihullah Mujahid", "taliban")


def test_unknown_speaker_keeps_the_name_and_no_party(people_reader: Any) -> None:
    text = '"The talks on a ceasefire were useful," Rahim Karimi said.'
    (st,) = people_reader.read(read_text("t.txt", text.encode())).statements
    assert (st.speaker, st.party) == ("Rahim Karimi", None)


def test_one_person_listed_twice_still_answers_to_the_surname() -> None:
    # the record's people and a --people file merged: the same name twice is one person
    ghani = PersonRef("Ashraf Ghani", "afghan-government")
    twice = Directory((ghani, PersonRef("Ashraf Ghani", "afghan-government")))
    assert twice.person("Mr Ghani") is not None
    assert twice.person("Ghani") is not None
    # two people sharing a surname remain nobody in particular
    two = Directory((ghani, PersonRef("Ahmad Ghani", "taliban")))
    assert two.person("Ghani") is None
