"""The NumPy MiniLM: GELU's erf, unit vectors, and meaning that orders as expected."""

from __future__ import annotations

import math

import numpy as np
import pytest

from accords.text._embed import _erf

from .support import require_minilm


@pytest.mark.parametrize("x", np.linspace(-6, 6, 97).tolist())
def test_erf_matches_the_standard_library(x: float) -> None:
    assert abs(float(_erf(np.array([x], dtype=np.float32))[0]) - math.erf(x)) < 5e-6


def test_sentence_vectors() -> None:
    require_minilm()
    from accords.text._embed import load_minilm

    model = load_minilm()
    texts = [
        "Troop withdrawal",
        "the Americans agreed to pull their soldiers out of the country",
        "A comprehensive and permanent ceasefire",
        "the guns will fall silent across the country",
        "the price of wheat rose in Kabul markets",
    ]
    v = model.encode(texts)
    assert v.shape == (5, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    sims = v @ v.T
    # each paraphrase is nearer its own part than the other part or the unrelated text
    assert sims[1, 0] > sims[1, 2] and sims[1, 0] > sims[4, 0]
    assert sims[3, 2] > sims[3, 0] and sims[3, 2] > sims[4, 2]
    # the same text twice, in one batch or apart, gives the same vector
    again = model.encode([texts[2]])[0]
    assert np.allclose(again, v[2], atol=1e-5)
    assert model.encode([]).shape == (0, 384)


def test_fallback_places_paraphrases_and_leaves_the_rest() -> None:
    require_minilm()
    from accords.text._embed import load_minilm
    from accords.text._parties import PartyMatcher
    from accords.text._parts import PartLexicon, mask_names

    from .support import PARTIES, PARTS

    assert mask_names("talks between the Taliban and Kabul in Doha", PartyMatcher(PARTIES)) == (
        "talks between the someone and someone in someone"
    )
    lexicon = PartLexicon(PARTS, PARTIES, load_minilm().encode)
    found = lexicon.nearest(
        [
            "the invaders have accepted to withdraw all their forces",
            "the guns will fall silent and a truce will hold everywhere",
            "the price of bread rose again in the markets this week",
        ]
    )
    assert found == [["withdrawal"], ["ceasefire"], []]
