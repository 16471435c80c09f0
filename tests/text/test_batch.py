"""Reading articles in a batch gives what reading them one by one gives.

``TextReader.read_many`` runs each model once for all its articles; the rules, the
entities each article gets and the fallback's answers must not depend on the company.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from accords.text import read_article, read_text
from accords.text._segments import Entity, find_entities, find_entities_many

from .support import CORPUS, require_minilm


def _fake_ner(texts: Sequence[str]) -> list[list[Entity]]:
    """Every capitalised word is a PERSON: enough to follow offsets through the joins."""
    import re

    return [[(m.start(), m.end(), "PERSON") for m in re.finditer(r"[A-Z]\w+", t)] for t in texts]


def test_entities_of_many_texts_map_back_to_each_text() -> None:
    a = "Khalilzad said the talks went well. Shaheen agreed."
    b = "nothing here at all"
    c = "Later, Ghani spoke."
    items = [(a, [(0, 20), (36, 51)]), (b, []), (c, [(0, len(c))])]
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> list[list[Entity]]:
        calls.append(len(texts))
        return _fake_ner(texts)

    many = find_entities_many(items, counting)
    assert calls == [2]  # one call, and no document for the text with no spans
    assert many == [find_entities(t, spans, _fake_ner) for t, spans in items]
    assert [a[s:e] for s, e, _ in many[0]] == ["Khalilzad", "Shaheen"]
    assert many[1] == [] and [c[s:e] for s, e, _ in many[2]] == ["Later", "Ghani"]
    assert find_entities_many([], counting) == [] and calls == [2]


def test_read_many_equals_read_one_by_one(example_reader: Any) -> None:
    articles = [read_article(p) for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".html")]
    # an article with no statement and one with no text worth the model, among the others
    articles.insert(2, read_text("plain.txt", b"The weather in Doha was mild this week."))
    one_by_one = [example_reader.read(a).to_json() for a in articles]
    together = [r.to_json() for r in example_reader.read_many(articles)]
    assert together == one_by_one
    assert sum(len(a["statements"]) for a in together) >= 40
    assert example_reader.read_many([]) == []


def test_packed_encoder_matches_each_text_alone() -> None:
    require_minilm()
    from accords.text._embed import load_minilm

    model = load_minilm()
    texts = [
        "ceasefire",
        "the Americans agreed to pull their soldiers out of the country within months",
        "talks",
        "a comprehensive and permanent ceasefire across the whole of the country, "
        "announced by both sides after the talks in Doha had ended",
    ]
    together = model.encode(texts)
    alone = np.vstack([model.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
