"""The plain data of typed values: written by field name, read back to the same value."""

from __future__ import annotations

from datetime import date

from accords.model.framework import Option, Part, SignOffRule
from accords.model.numeric import NumericRange
from accords.model.people import Person, Title
from accords.model.plain import from_keys, to_keys


def test_to_keys_writes_fields_in_order_and_tuples_as_lists() -> None:
    assert to_keys(Option("a", "text")) == {"id": "a", "text": "text"}
    person = Person(id="zk", name="Zalmay Khalilzad", spellings=("Khalilzad",))
    data = to_keys(person, titles=["kept as given"])
    assert list(data) == [
        "id",
        "name",
        "party",
        "spellings",
        "honorifics",
        "titles",
        "note",
        "source",
    ]
    assert data["spellings"] == ["Khalilzad"] and data["titles"] == ["kept as given"]


def test_a_person_round_trips_through_its_json() -> None:
    person = Person(
        id="zk",
        name="Zalmay Khalilzad",
        party="us",
        spellings=("Khalilzad",),
        titles=(Title(title="Special Representative", start=date(2018, 9, 4)),),
        source="https://www.state.gov/",
    )
    assert Person.from_json(person.to_json()) == person


def test_a_part_as_plain_data_is_what_the_api_and_the_file_read() -> None:
    part = Part(
        id="withdrawal",
        title="Troop withdrawal",
        signatories=("us", "taliban"),
        rule=SignOffRule(),
        numeric=NumericRange.make("integer", 0, 14, 1, "months"),
    )
    data = part.to_dict()
    assert data["signatories"] == ["us", "taliban"] and data["options"] == []
    assert data["rule"] == SignOffRule().to_dict()
    assert data["numeric"] == {
        "kind": "integer",
        "min": "0",
        "max": "14",
        "step": "1",
        "unit": "months",
    }
    assert from_keys(Option, to_keys(Option("x", "y"))) == Option("x", "y")
