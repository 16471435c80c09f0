"""Quality on our annotated corpus: floors on precision, recall and speaker accuracy.

The numbers themselves are printed by ``benchmarks/text_quality.py``.
"""

from __future__ import annotations

from typing import Any

from accords.text.evaluate import load_corpus, score_corpus, speaker_matches

from .support import CORPUS


def test_corpus_annotations_are_well_formed() -> None:
    corpus = load_corpus(CORPUS)
    assert len(corpus) >= 8
    styles = {style for _, style, _, _ in corpus}
    assert {"wire copy", "transcript", 'headline "X to Y"', "tweets quoted in an article"} <= styles
    assert sum(len(g) for *_, g in corpus) >= 30
    assert {split for _, _, split, _ in corpus} == {"dev", "held-out"}


def test_speaker_names_match_loosely_but_not_wrongly() -> None:
    assert speaker_matches("Zalmay Khalilzad", ("Zalmay Khalilzad",))
    assert speaker_matches("The Afghan government", ("Afghan government",))
    assert speaker_matches("Khalilzad", ("Zalmay Khalilzad",))
    assert not speaker_matches("Suhail Shaheen", ("Zalmay Khalilzad",))
    assert not speaker_matches(None, ("Zalmay Khalilzad",))


def test_quality_floors(example_reader: Any) -> None:
    scores = score_corpus(example_reader, CORPUS)
    assert scores.precision >= 0.9, scores.precision
    assert scores.recall >= 0.8, scores.recall
    assert scores.speaker_accuracy >= 0.9, scores.speaker_accuracy
    assert scores.party_accuracy >= 0.6, scores.party_accuracy
    held_out = scores.only("held-out")
    assert held_out.recall >= 0.75 and held_out.speaker_accuracy >= 0.85
