"""The typed viewer, reserved party ids, the date rule and the bounds on one command."""

from __future__ import annotations

from datetime import date

import pytest

from accords.errors import AccessDenied, RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.decide import decide
from accords.model.events import redact
from accords.model.limits import MAX_ROUND, check_command
from accords.model.state import State, fold
from accords.model.viewer import (
    RESERVED_IDS,
    Delegate,
    Mediator,
    Observer,
    check_party_id,
    is_mediator_word,
    may_see_confidential,
    move_date,
    parse_viewer,
)

DAY = date(2019, 3, 1)


def _state() -> State:
    state = State()
    for cmd in (
        c.CreateNegotiation(on=DAY, id="n", title="N"),
        c.AddParty(on=DAY, id="a", name="A", role="party"),
        c.OpenRound(on=date(2019, 3, 2), number=1),
        c.CloseRound(on=date(2019, 3, 3), number=1),
    ):
        state = fold(decide(state, cmd), state)
    return state


@pytest.mark.parametrize("word", [*sorted(RESERVED_IDS), "Mediator", "ALL", "Observer"])
def test_reserved_words_are_never_party_ids(word: str) -> None:
    with pytest.raises(RefusedMove, match="reserved word"):
        check_party_id(word)
    with pytest.raises(RefusedMove, match="reserved word"):
        decide(_state(), c.AddParty(on=DAY, id=word, name="Impostor", role="party"))


def test_the_type_decides_who_sees_what() -> None:
    payload = {"party": "a", "text": "secret"}
    assert redact("note-recorded", payload, Mediator()) == payload
    assert redact("note-recorded", payload, Delegate("a")) == payload
    hidden = {"party": "a", "confidential": True}
    assert redact("note-recorded", payload, Delegate("b")) == hidden
    assert redact("note-recorded", payload, Observer()) == hidden
    assert redact("note-recorded", payload, None) == hidden
    # a delegate of a party that (in an old record) is called "mediator" is still a delegate
    assert not may_see_confidential(Delegate("mediator"), "a")
    assert parse_viewer("mediator") == Mediator()
    assert parse_viewer("observer") == Observer()
    assert parse_viewer("a", {"a"}) == Delegate("a")
    with pytest.raises(UnknownReference, match="unknown viewer"):
        parse_viewer("zz", {"a"})
    assert is_mediator_word("mediator") and not is_mediator_word("a")
    assert not is_mediator_word("all")


def test_a_moves_date() -> None:
    state = _state()
    today = date(2019, 3, 4)
    kw = {"today": today, "state": state, "began": DAY}
    assert move_date(Delegate("a"), None, **kw) == today  # type: ignore[arg-type]
    with pytest.raises(AccessDenied, match="dated today"):
        move_date(Delegate("a"), date(2019, 3, 2), **kw)  # type: ignore[arg-type]
    assert move_date(Mediator(), date(2019, 3, 2), round=1, **kw) == date(2019, 3, 2)  # type: ignore[arg-type]
    with pytest.raises(RefusedMove, match="before the negotiation began"):
        move_date(Mediator(), date(2017, 1, 1), **kw)  # type: ignore[arg-type]
    with pytest.raises(RefusedMove, match="in the future"):
        move_date(Mediator(), date(2019, 3, 5), **kw)  # type: ignore[arg-type]
    for outside in (date(2019, 3, 1), date(2019, 3, 4)):  # before it opened, after it closed
        with pytest.raises(RefusedMove, match="within the round"):
            move_date(Mediator(), outside, round=1, **kw)  # type: ignore[arg-type]


def test_one_commands_bounds() -> None:
    check_command(c.RecordNote(on=DAY, party="a", text="x" * 10_000))
    with pytest.raises(RefusedMove, match="text is 10,001 characters long; the most is 10,000"):
        check_command(c.RecordNote(on=DAY, party="a", text="x" * 10_001))
    check_command(c.AddPart(on=DAY, id="p", title="P", text="x" * 100_000))
    with pytest.raises(RefusedMove, match="title"):
        check_command(c.AddPart(on=DAY, id="p", title="x" * 1_001))
    with pytest.raises(RefusedMove, match=f"from 1 to {MAX_ROUND}"):
        check_command(c.OpenRound(on=DAY, number=10**30))
    with pytest.raises(RefusedMove, match="round"):
        check_command(c.Reserve(on=DAY, part="p", party="a", note="n", round=MAX_ROUND + 1))
    with pytest.raises(RefusedMove, match=r"aliases\[0\]"):
        check_command(c.AddParty(on=DAY, id="b", name="B", role="party", aliases=("y" * 1_001,)))
