"""A part with no clauses drafted shows its tabled options as its text."""

from __future__ import annotations

from datetime import date

from accords.draft.document import build_document
from accords.draft.markdown import to_markdown
from accords.model import commands as c
from accords.model import decide, fold
from accords.model.state import State

D = date(2020, 1, 1)


def _state(*moves: c.Command) -> State:
    state = State()
    for cmd in (
        c.CreateNegotiation(on=D, id="n", title="T"),
        c.AddParty(on=D, id="a", name="Alpha"),
        c.AddParty(on=D, id="b", name="Beta"),
        c.AddPart(
            on=D,
            id="p",
            title="Ceasefire",
            signatories=("a", "b"),
            options=(("x", "Six months"), ("y", "Permanent")),
        ),
        *moves,
    ):
        state = fold(decide(state, cmd), state)
    return state


def test_contested_options_stand_in_brackets_with_their_backers() -> None:
    state = _state(
        c.Propose(on=D, part="p", option="x", party="a"),
        c.Propose(on=D, part="p", option="y", party="b"),
        c.Reserve(on=D, part="p", party="b", note="needs a vote"),
    )
    text = to_markdown(build_document(state))
    assert "[x: Six months][y: Permanent]" in text
    assert "x backed by Alpha; y backed by Beta" in text
    assert "Beta reserves its position" in text and "needs a vote" in text


def test_confirmed_option_stands_clean_and_nothing_tabled_says_so() -> None:
    state = _state(
        c.Accept(on=D, part="p", option="y", party="a"),
        c.Accept(on=D, part="p", option="y", party="b"),
    )
    text = to_markdown(build_document(state))
    assert "Permanent" in text and "[y: Permanent]" not in text and "Six months" not in text
    assert "No text tabled" not in text
    assert "No text tabled" in to_markdown(build_document(_state()))
