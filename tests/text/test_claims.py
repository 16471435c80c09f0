"""Claims: parts by lexicon, negation, hedges, conditions, framework acceptance."""

from __future__ import annotations

import pytest

from accords.text._claims import ClaimFound, find_claims
from accords.text._parties import PartyMatcher
from accords.text._parts import PartLexicon, stem

from .support import PARTIES, PARTS

LEXICON = PartLexicon(PARTS, PARTIES)  # no embeddings: the lexicon alone
MATCHER = PartyMatcher(PARTIES)


def claims(text: str, speaker: str | None = None) -> list[tuple[str | None, str, str | None]]:
    _, found = find_claims(text, speaker, MATCHER, LEXICON)
    return [(c.part, c.asserts, c.party) for c in found]


def parts(text: str) -> list[str]:
    return find_claims(text, None, MATCHER, LEXICON)[0]


def test_stems() -> None:
    assert stem("troops") == stem("troop") == "troop"
    assert stem("ceasefires") == stem("ceasefire")
    assert stem("guarantees") == stem("guaranteed") == stem("guarantee")
    assert stem("negotiations") == stem("negotiation")
    assert stem("agreed") == stem("agree")
    assert stem("withdrawal") == stem("withdraw") == stem("withdrawals")


def test_parts_by_terms() -> None:
    assert parts("They agreed to pull the troops out.") == ["withdrawal"]
    assert parts("A permanent ceasefire and intra-Afghan negotiations.") == [
        "ceasefire",
        "intra-afghan-negotiations",
    ]
    assert parts("Counter-terrorism assurances come first.") == ["counter-terrorism"]
    # party names and generic words name no part
    assert parts("The Afghan government wants a comprehensive peace agreement.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the United States had agreed to pull its troops out of Afghanistan",
            [("withdrawal", "agreed", "united-states")],
        ),
        ("nothing is agreed until everything is agreed", [(None, "not-agreed", None)]),
        ("There is no agreement on a ceasefire.", [("ceasefire", "not-agreed", None)]),
        (
            "We have agreed in draft on the withdrawal of troops.",
            [("withdrawal", "accepted", "taliban")],
        ),
        ("The Taliban will not agree to a ceasefire.", [("ceasefire", "rejected", "taliban")]),
        (
            "There is no agreement on withdrawal until there is agreement on a ceasefire.",
            [("withdrawal", "not-agreed", None)],
        ),
        ("Talks will start after the withdrawal is announced.", []),
        ("The invaders have accepted to withdraw.", [("withdrawal", "accepted", None)]),
        ("The movement has offered a ceasefire.", [("ceasefire", "offered", "taliban")]),
        ("Nobody asked them what they want from a ceasefire.", []),
        ("The Taliban did not announce a ceasefire.", []),
        ("The Taliban are said to guarantee a ceasefire.", []),
        ("The Taliban reportedly accepted a ceasefire.", []),
        ("The Taliban rejected a ceasefire.", [("ceasefire", "rejected", "taliban")]),
        ("The Taliban will not accept a ceasefire.", [("ceasefire", "rejected", "taliban")]),
        ("We demand the withdrawal of all troops.", [("withdrawal", "demanded", "taliban")]),
        (
            "Washington offered a ceasefire for Eid.",
            [("ceasefire", "offered", "united-states")],
        ),
        (
            "This is a framework which the Taliban accept.",
            [(None, "framework-accepted", "taliban")],
        ),
        ("We seek a comprehensive peace agreement, not a withdrawal agreement.", []),
        (
            "I call on the Taliban to accept this ceasefire.",
            [("ceasefire", "demanded", "taliban")],
        ),
    ],
)
def test_claims(text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
    assert claims(text, "taliban") == expected


def test_no_duplicate_claims() -> None:
    found = claims("We agreed on withdrawal. We agreed on withdrawal again.")
    assert found == [("withdrawal", "agreed", None)]
    assert ClaimFound("withdrawal", "agreed", None) == ClaimFound("withdrawal", "agreed", None)


class _Near:
    """A stand-in embedder: ceasefire-like words point one way, the rest another."""

    def __call__(self, texts):  # type: ignore[no-untyped-def]
        import numpy as np

        rows = []
        for t in texts:
            low = t.lower()
            v = np.array([1.0 if ("guns" in low or "ceasefire" in low) else 0.0, 0.2, 0.1])
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)


def test_embedding_fallback_when_no_term_matches() -> None:
    lexicon = PartLexicon(PARTS, PARTIES, _Near(), threshold=0.9)
    found_parts, found = find_claims("We offered to silence the guns.", "taliban", MATCHER, lexicon)
    assert found_parts == ["ceasefire"]
    assert [(c.part, c.asserts) for c in found] == [("ceasefire", "offered")]
    # a term match wins; the fallback is not asked
    assert find_claims("We offered a withdrawal.", None, MATCHER, lexicon)[0] == ["withdrawal"]
