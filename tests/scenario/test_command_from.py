"""A scenario entry becomes its command through one copy of the same-named fields."""

from __future__ import annotations

from datetime import date

import pytest

from accords.model import people as pp
from accords.model.context import DefineCondition
from accords.scenario._commands import command_from
from accords.scenario.extras import ConditionSpec
from accords.scenario.people import PersonSpec, TitleSpec, person_commands, title_command

ON = date(2019, 7, 7)


def test_same_named_fields_are_copied_and_lists_frozen() -> None:
    spec = ConditionSpec.model_validate(
        {
            "id": "calm",
            "description": "no attack in Kabul",
            "test": "quiet",
            "start": "2019-07-01",
            "end": "2019-07-31",
            "kinds": ["attack"],
            "actors": ["taliban"],
        }
    )
    cmd = command_from(DefineCondition, spec, on=ON)
    assert cmd.on == ON
    assert (cmd.id, cmd.kinds, cmd.actors) == ("calm", ("attack",), ("taliban",))
    assert cmd.round is None  # not in the entry: the command's default


def test_given_wins_over_the_entry() -> None:
    spec = PersonSpec.model_validate({"id": "khalilzad", "name": "Zalmay Khalilzad"})
    cmd = command_from(pp.AddPerson, spec, on=ON, name="Z. Khalilzad")
    assert cmd.name == "Z. Khalilzad"


def test_a_name_the_command_lacks_is_the_callers_bug() -> None:
    spec = PersonSpec.model_validate({"id": "khalilzad", "name": "Zalmay Khalilzad"})
    with pytest.raises(TypeError):
        command_from(pp.AddPerson, spec, on=ON, nickname="Zal")


def test_a_missing_required_field_is_the_callers_bug() -> None:
    spec = PersonSpec.model_validate({"id": "khalilzad", "name": "Zalmay Khalilzad"})
    with pytest.raises(TypeError):
        command_from(pp.AddPerson, spec)  # no date


def test_a_title_renames_from_and_to() -> None:
    spec = TitleSpec.model_validate(
        {"title": "Special Representative", "from": "2018-09-04", "to": "2021-10-18"}
    )
    cmd = title_command(spec, "khalilzad", ON)
    assert (cmd.person, cmd.start, cmd.end) == ("khalilzad", date(2018, 9, 4), date(2021, 10, 18))


def test_a_person_then_their_titles_each_with_its_path() -> None:
    spec = PersonSpec.model_validate(
        {
            "id": "khalilzad",
            "name": "Zalmay Khalilzad",
            "spellings": ["Zalmai Khalilzad"],
            "titles": [{"title": "Special Representative"}],
        }
    )
    (where, person), (title_where, title) = person_commands(spec, ON, "people[0]")
    assert (where, title_where) == ("people[0]", "people[0].titles[0]")
    assert isinstance(person, pp.AddPerson) and person.spellings == ("Zalmai Khalilzad",)
    assert isinstance(title, pp.AddTitle) and title.person == "khalilzad"
