"""model/moves.py: the one mapping from a flat move entry to its command, and its rules."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model import moves as mv
from accords.model.entry import MoveEntry
from accords.model.moves import When

D = date(2019, 3, 1)
WHEN = When(on=D, round=2, source="https://example.org/a")


def _command(move: str, **fields: Any) -> c.Command:
    return mv.move_command(move, WHEN, by="a", **fields)


@pytest.mark.parametrize(
    ("move", "fields", "expected"),
    [
        (
            "accept-framework",
            {"note": "n"},
            c.AcceptFramework(**WHEN, party="a", note="n"),
        ),
        (
            "propose",
            {"part": "p", "position": {"option": "x"}, "note": "n"},
            c.Propose(**WHEN, part="p", option="x", party="a", note="n"),
        ),
        (
            "propose",
            {"part": "p", "position": {"value": Decimal("14.50")}},
            c.Propose(**WHEN, part="p", option="14.5", party="a"),
        ),
        (
            "accept",
            {"part": "p", "position": {"option": "x"}},
            c.Accept(**WHEN, part="p", option="x", party="a", level="confirmed"),
        ),
        (
            "accept",
            {"part": "p", "position": {"at_most": Decimal("1E+1")}, "level": "ad-ref"},
            c.Accept(**WHEN, part="p", option="10", party="a", level="ad-ref", bound="at-most"),
        ),
        (
            "accept",
            {"part": "p", "position": {"at_least": "3"}, "level": "principle"},
            c.Accept(**WHEN, part="p", option="3", party="a", level="principle", bound="at-least"),
        ),
        (
            "reject",
            {"part": "p"},
            c.Reject(**WHEN, part="p", party="a", option=None),
        ),
        (
            "reject",
            {"part": "p", "position": {"value": "soon"}, "note": "n"},
            c.Reject(**WHEN, part="p", party="a", option="soon", note="n"),
        ),
        (
            "reserve",
            {"part": "p", "note": "the wording"},
            c.Reserve(**WHEN, part="p", party="a", note="the wording"),
        ),
        ("withdraw", {"part": "p"}, c.Withdraw(**WHEN, part="p", party="a")),
        ("reopen", {"part": "p", "note": "n"}, c.Reopen(**WHEN, part="p", party="a", note="n")),
        ("defer", {"part": "p"}, c.Defer(**WHEN, part="p", party="a")),
        ("confirm", {}, c.Confirm(**WHEN, party="a")),
        ("initial", {}, c.Initial(**WHEN, party="a")),
        ("sign", {}, c.Sign(**WHEN, party="a")),
    ],
)
def test_every_move_kind_maps_to_its_command(
    move: str, fields: dict[str, Any], expected: c.Command
) -> None:
    command = _command(move, **fields)
    assert command == expected
    assert type(command) is type(expected)


def test_the_mapping_covers_every_move_word() -> None:
    kinds = {type(_command(m, part="p", position={"option": "x"} if m in ("propose", "accept")
                           else None, note="n"))
             for m in mv.MOVE_KINDS}  # fmt: skip
    assert len(kinds) == len(mv.MOVE_KINDS)


@pytest.mark.parametrize(
    ("move", "fields", "field", "words"),
    [
        ("propose", {"position": {"option": "x"}}, "part", "a propose move needs a part"),
        ("defer", {}, "part", "a defer move needs a part"),
        (
            "accept",
            {"part": "p", "position": {"value": "1", "at_most": "2"}},
            "at_most",
            "give one of option, value, at_most or at_least, not several (got value, at_most)",
        ),
        ("propose", {"part": "p"}, "option", "a propose move needs an option"),
        ("accept", {"part": "p"}, "option", "a value, at_most or at_least"),
        (
            "propose",
            {"part": "p", "position": {"at_least": "2"}},
            "at_least",
            "only an accept move takes at_most or at_least",
        ),
        (
            "reject",
            {"part": "p", "level": "confirmed"},
            "level",
            "only an accept move has a level",
        ),
        (
            "accept",
            {"part": "p", "position": {"option": "x"}, "level": "final"},
            "level",
            "unknown level 'final'; use principle, ad-ref, confirmed",
        ),
        ("dance", {}, "move", "unknown move 'dance'"),
    ],
)
def test_a_malformed_entry_is_refused_naming_its_field(
    move: str, fields: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(RefusedMove, match=re.escape(words)) as refused:
        _command(move, **fields)
    assert refused.value.field == field


def test_what_the_record_decides_is_left_to_decide() -> None:
    """A blank reservation, an unknown party or option: not the entry's rules but decide's."""
    assert _command("reserve", part="p", note=" ") == c.Reserve(
        **WHEN, part="p", party="a", note=" "
    )
    assert isinstance(_command("propose", part="nowhere", position={"option": "zz"}), c.Propose)


def test_an_entry_is_the_fields_described_once() -> None:
    entry = MoveEntry(move="accept", by="a", part="p", at_least=Decimal("2"), level="ad-ref")
    assert entry.position() == {"at_least": Decimal("2")}
    assert entry.command(D) == c.Accept(
        on=D, part="p", option="2", party="a", level="ad-ref", bound="at-least"
    )
    for name, info in MoveEntry.model_fields.items():
        assert info.description, name
    # the bounds are the model's: an id pattern, the highest round
    with pytest.raises(ValueError, match="pattern"):
        MoveEntry(move="propose", by="a b", part="p", option="x")
    with pytest.raises(ValueError, match="less than or equal"):
        MoveEntry(move="propose", by="a", part="p", option="x", round=10_001)


def test_a_refusal_keeps_its_field_through_pickling() -> None:
    import pickle

    exc = pickle.loads(pickle.dumps(RefusedMove("unknown level 'x'", field="level")))
    assert (str(exc), exc.field) == ("unknown level 'x'", "level")
    assert RefusedMove("no field").field is None


@pytest.mark.parametrize("number", ["1e99999999", "-1e99999999", "1e-99999999", "1e999999"])
@pytest.mark.parametrize("key", ["value", "at_most"])
def test_a_number_too_long_to_write_is_refused_in_words(number: str, key: str) -> None:
    """A value whose plain notation cannot be written (decimal.Overflow), would underflow
    to 0, or runs to a million digits is refused as a move, naming the field: never an
    uncaught ArithmeticError (a 500 from the API) nor a silent 0."""
    entry = MoveEntry.model_validate(
        {"move": "accept", "by": "taliban", "part": "troops", key: number}
    )
    with pytest.raises(RefusedMove, match=f"{key}: .* too many digits") as refused:
        entry.command(date(2020, 1, 1))
    assert refused.value.field == key
