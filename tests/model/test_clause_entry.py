"""model/clause_entry.py: the one mapping from a flat clause-move entry to its command."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pytest

from accords.errors import RefusedMove
from accords.model import clause_entry as cx
from accords.model import clauses as cl
from accords.model import commands as c
from accords.model.clause_fields import ClauseEntry
from accords.model.moves import When

D = date(2020, 1, 2)
WHEN = When(on=D, round=3, source="https://example.org/a")
WHO: dict[str, Any] = {**WHEN, "clause": "c1", "party": "us"}


def _command(move: str, **fields: Any) -> c.Command:
    return cx.clause_command(move, WHEN, by="us", clause="c1", **fields)


@pytest.mark.parametrize(
    ("move", "fields", "expected"),
    [
        (
            "table",
            {"part": "w", "text": "Leave.", "title": "Withdrawal"},
            cl.TableClause(**WHO, part="w", text="Leave.", title="Withdrawal", alternative="A"),
        ),
        (
            "table",
            {"part": "w", "title": "Heading", "alternative": "B", "note": "not carried"},
            cl.TableClause(**WHO, part="w", title="Heading", alternative="B"),
        ),
        (
            "amend",
            {"alternative": "A", "text": "Leave soon.", "title": "not carried"},
            cl.AmendClause(**WHO, alternative="A", text="Leave soon."),
        ),
        ("bracket", {"note": "n"}, cl.BracketClause(**WHO, note="n")),
        (
            "bracket",
            {"alternative": "B", "text": "Stay."},
            cl.BracketClause(**WHO, alternative="B", text="Stay."),
        ),
        (
            "accept",
            {"alternative": "B"},
            cl.AcceptClause(**WHO, alternative="B", level="confirmed"),
        ),
        (
            "accept",
            {"alternative": "B", "level": "ad-ref", "note": "n", "part": "not carried"},
            cl.AcceptClause(**WHO, alternative="B", level="ad-ref", note="n"),
        ),
        ("reserve", {"note": "pending"}, cl.ReserveClause(**WHO, note="pending")),
        ("withdraw", {}, cl.WithdrawClause(**WHO)),
        (
            "withdraw",
            {"alternative": "B", "note": "n"},
            cl.WithdrawClause(**WHO, alternative="B", note="n"),
        ),
    ],
)
def test_each_kind_of_entry_becomes_its_command(
    move: str, fields: dict[str, Any], expected: c.Command
) -> None:
    assert _command(move, **fields) == expected


@pytest.mark.parametrize(
    ("move", "fields", "field", "sentence"),
    [
        ("sign", {}, "move", "unknown move 'sign'; moves on the text: table, amend, bracket"),
        ("table", {"text": "x"}, "part", "a table move needs the part"),
        ("amend", {"text": "x"}, "alternative", "an amend move needs the alternative"),
        ("accept", {}, "alternative", "an accept move needs the alternative"),
        ("amend", {"alternative": "A", "text": "  "}, "text", "an amend move needs the new text"),
        ("reserve", {"note": " "}, "note", "a reserve move needs a note saying what is reserved"),
        ("bracket", {"level": "ad-ref"}, "level", "only an accept move has a level"),
        ("accept", {"alternative": "A", "level": "final"}, "level", "unknown level 'final'"),
    ],
)
def test_a_malformed_entry_is_refused_naming_its_field(
    move: str, fields: dict[str, Any], field: str, sentence: str
) -> None:
    with pytest.raises(RefusedMove) as refused:
        _command(move, **fields)
    assert refused.value.field == field
    assert str(refused.value).startswith(sentence)


def test_the_pydantic_entry_maps_through_the_same_function() -> None:
    entry = ClauseEntry.model_validate(
        {"move": "accept", "by": "us", "clause": "c1", "alternative": "B", "round": 3}
    )
    assert entry.command(D) == cl.AcceptClause(
        on=D, round=3, clause="c1", party="us", alternative="B", level="confirmed"
    )


def test_every_field_of_the_entry_is_described_once() -> None:
    for name, field in ClauseEntry.model_fields.items():
        assert field.description == cx.CLAUSE_DESCRIPTIONS[name], name
    assert set(cx.CLAUSE_DESCRIPTIONS) == {*ClauseEntry.model_fields, "on"}


def test_the_mapping_loads_no_validation_library() -> None:
    """The command line imports the mapping; ``accords clause --help`` must stay light."""
    code = "import sys, accords.model.clause_entry; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
