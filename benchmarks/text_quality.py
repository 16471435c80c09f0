"""How well the news reader does on real press it was not written against.

    .venv/bin/python benchmarks/text_quality.py --polnear DIR [--split dev] [--devset DIR
        [--people FILE]] [--corpus] [--verbose]

``--polnear DIR`` is a copy of the PolNeAR corpus (github.com/networkdynamics/PolNeAR,
CC BY-SA 4.0) with ``DIR/<split>/text/*.txt`` and ``DIR/<split>/attributions/*.ann``
(brat standoff); only the split named is read (``dev`` by default; ``train`` while
developing). The test compartment is the project's held-out measure: never point this
script at it. ``--devset DIR`` is a folder of real published passages, one ``*.txt``
per passage with its labels in ``labels.json`` (see :mod:`text_devset`); each passage
is read alone, as ``accords ingest FILE --date D --json`` would read it against the
scenario its label names; with ``--people FILE`` it is read a second time as
``accords ingest --people FILE`` reads it. ``--corpus`` scores the project's own articles
(tests/text/corpus). Third-party text stays outside the repository: only the figures
this prints go into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_devset import score_devset  # noqa: E402
from text_polnear import score_polnear  # noqa: E402


def _corpus(verbose: bool) -> None:
    import tempfile

    from accords.application import Record
    from accords.scenario.load import load_scenario
    from accords.sealing import open_store
    from accords.text import TextReader
    from accords.text._adapter import RecordNegotiation
    from accords.text.evaluate import score_corpus

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
    for a in scores.articles:
        if verbose:
            for m in a.misses:
                print(f"    missed: {m}")
    print(
        f"own corpus: statements precision {scores.precision:.2f}, recall {scores.recall:.2f}; "
        f"speaker {scores.speaker_accuracy:.2f}, party {scores.party_accuracy:.2f}"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, help="PolNeAR data folder (holding dev/, train/)")
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--devset", type=Path, help="folder of real passages with labels.json")
    ap.add_argument("--people", type=Path, help="a people directory for --devset (--people)")
    ap.add_argument("--corpus", action="store_true", help="also score tests/text/corpus")
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.polnear:
        score_polnear(args.polnear / args.split, args.limit, args.verbose)
    if args.devset:
        score_devset(args.devset, ROOT / "examples", args.verbose)
        if args.people:
            score_devset(args.devset, ROOT / "examples", args.verbose, args.people)
    if args.corpus:
        _corpus(args.verbose)
    if not (args.polnear or args.devset or args.corpus):
        ap.error("nothing to score: give --polnear, --devset or --corpus")


if __name__ == "__main__":
    main()
