"""Numeric parts are found by the figures a statement states, never by their words alone."""

from __future__ import annotations

from accords.text._figures import figures_in
from accords.text._parts import PartLexicon, stem
from accords.text._record import Figure, PartRef

PARTS = [
    PartRef("withdrawal", "Withdrawal of foreign forces", ("a timeline for the withdrawal",)),
    PartRef("withdrawal-months", "Months to full withdrawal", (), (), Figure(0, 36, "months")),
    PartRef("prisoners", "Prisoner release", (), (), Figure(0, 10_000, "prisoners")),
]


def _parts(text: str) -> set[str]:
    return {h.part for h in PartLexicon(PARTS).hits(text)}


def test_words_alone_find_the_labelled_part_only() -> None:
    assert _parts("No agreement on the withdrawal of foreign forces, the envoy said.") == {
        "withdrawal"
    }
    assert _parts("The months ahead will be hard for the prisoners' families.") == set()


def test_a_stated_figure_finds_the_numeric_part() -> None:
    assert _parts("It will take 14 months, he said.") == {"withdrawal-months"}
    assert _parts("an 18-month withdrawal timeline") == {"withdrawal", "withdrawal-months"}
    assert _parts("the release of up to 5,000 Taliban prisoners") == {"prisoners"}


def test_a_figure_outside_the_range_or_in_another_unit_is_not_the_part() -> None:
    assert _parts("within 40 months") == set()  # beyond the range 0..36
    assert _parts("within 14 days") == set()
    assert _parts("14. Months later, nothing had moved.") == set()  # a sentence between


def test_numbers_in_words_and_with_separators() -> None:
    got = {(s.value, s.unit) for s in figures_in("seven days and 8,600 US troops", stem)}
    assert (7.0, stem("days")) in got
    assert (8600.0, stem("troops")) in got
    assert (2000.0, stem("prisoners")) in {
        (s.value, s.unit) for s in figures_in("2 thousand prisoners", stem)
    }
