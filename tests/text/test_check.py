"""Verdicts against a hand-made record: every verdict, with a reason citing the record."""

from __future__ import annotations

from datetime import date

import pytest

from accords.text import judge

from .support import HandMade

NAMES = {"united-states": "United States", "taliban": "Taliban"}.get
ORDER = {"united-states": 0, "taliban": 1}


def verdict(part: str | None, asserts: str, party: str | None = None, **kw: str) -> tuple[str, str]:
    record = HandMade(**kw).as_of(date(2019, 5, 1))
    v = judge(part, asserts, party, record, NAMES, order=ORDER)
    return v.verdict, v.reason


def test_premature_cites_level_parties_date_and_package() -> None:
    assert verdict("withdrawal", "agreed", "united-states") == (
        "premature",
        "withdrawal: agreed in draft by United States and Taliban on 12 March 2019; "
        "the package is not concluded",
    )


def test_agreed_after_conclusion_is_supported() -> None:
    v, reason = verdict("withdrawal", "agreed", package="concluded")
    assert v == "supported" and "concluded on 29 February 2020" in reason


def test_agreed_on_an_open_part_is_contradicted() -> None:
    v, reason = verdict("ceasefire", "agreed")
    assert v == "contradicted" and reason.startswith("ceasefire: proposed")


@pytest.mark.parametrize(
    ("part", "asserts", "party", "expected"),
    [
        (None, "not-agreed", None, "supported"),
        ("withdrawal", "not-agreed", None, "supported"),
        (None, "agreed", None, "premature"),
        ("ceasefire", "rejected", "taliban", "supported"),
        ("ceasefire", "accepted", "taliban", "contradicted"),
        ("ceasefire", "offered", "united-states", "supported"),
        ("ceasefire", "demanded", "united-states", "supported"),
        ("ceasefire", "rejected", "united-states", "contradicted"),
        ("withdrawal", "accepted", "taliban", "supported"),
        ("counter-terrorism", "accepted", "taliban", "unverifiable"),
        (None, "framework-accepted", "taliban", "supported"),
        ("withdrawal", "accepted", None, "supported"),
        ("ceasefire", "accepted", None, "unverifiable"),
        (None, "framework-accepted", "united-states", "unverifiable"),
    ],
)
def test_verdicts(part: str | None, asserts: str, party: str | None, expected: str) -> None:
    assert verdict(part, asserts, party)[0] == expected


def test_package_concluded_contradicts_nothing_is_agreed() -> None:
    assert verdict(None, "not-agreed", package="concluded")[0] == "contradicted"


def test_before_any_event_everything_is_unverifiable() -> None:
    record = HandMade().as_of(date(2018, 6, 1))
    v = judge("withdrawal", "agreed", None, record)
    assert v.verdict == "unverifiable" and "no events" in v.reason


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("agreed-in-principle", "supported"),  # the record is further on: ad-ref
        ("agreed-ad-ref", "supported"),
        ("confirmed", "contradicted"),  # more than the record holds
    ],
)
def test_claimed_level_against_the_part_status(level: str, expected: str) -> None:
    record = HandMade().as_of(date(2019, 5, 1))
    v = judge("withdrawal", "accepted", None, record, NAMES, order=ORDER, level=level)
    assert v.verdict == expected
    assert v.reason.startswith("withdrawal: agreed in draft by United States and Taliban")


def test_claimed_level_on_an_unagreed_part_is_contradicted() -> None:
    record = HandMade().as_of(date(2019, 5, 1))
    v = judge("ceasefire", "accepted", None, record, NAMES, order=ORDER, level="agreed-ad-ref")
    assert v == judge(
        "ceasefire", "accepted", None, record, NAMES, order=ORDER, level="agreed-ad-ref"
    )
    assert v.verdict == "contradicted"
    assert "(claimed: agreed in draft)" in v.reason
