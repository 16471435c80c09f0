"""Precision and recall of statements, and speaker and party accuracy, on the annotated corpus.

    .venv/bin/python benchmarks/text_quality.py [--verbose]

The corpus is tests/text/corpus/ (our own articles in several news styles), read
against the example negotiation examples/us-taliban-2019.yaml.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from accords.application import Record
    from accords.scenario.load import load_scenario
    from accords.sealing import open_store
    from accords.text import TextReader
    from accords.text._adapter import RecordNegotiation
    from accords.text.evaluate import score_corpus

    verbose = "--verbose" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "eval.db")
        nid, _ = load_scenario(ROOT / "examples" / "us-taliban-2019.yaml", db)
        store = open_store(db)
        try:
            view = RecordNegotiation(Record(store), nid)
            reader = TextReader(view.parties, view.parts)
        finally:
            store.close()
    scores = score_corpus(reader, ROOT / "tests" / "text" / "corpus")
    print(f"{'article':24} {'style':34} gold found match speaker party")
    for a in scores.articles:
        print(
            f"{a.source:24} {a.style:34} {a.gold:4} {a.found:5} {a.matched:5} "
            f"{a.speaker_ok:7} {a.party_ok:5}"
        )
        if verbose:
            for m in a.misses:
                print(f"    missed: {m}")
            for x in a.extra:
                print(f"    extra:  {x[:90]}")
            for w in a.wrong_speaker:
                print(f"    speaker: {w}")
    for label, part in (
        ("all", scores),
        ("dev (rules tuned on it)", scores.only("dev")),
        ("held-out (written after tuning)", scores.only("held-out")),
    ):
        print(
            f"{label}: statements precision {part.precision:.2f}, recall {part.recall:.2f}; "
            f"speaker accuracy {part.speaker_accuracy:.2f}, "
            f"party accuracy {part.party_accuracy:.2f} (over matched statements)"
        )


if __name__ == "__main__":
    main()
