"""Development-set scoring for benchmarks/text_quality.py: real passages, each read alone.

The folder holds one ``<id>.txt`` per passage and ``labels.json``, a list of::

    {"id": "af01", "url": ..., "date": "2019-04-22", "scenario": "us-taliban-2020",
     "key": "words the statement must contain", "speaker": "Shaheen" | null,
     "party": "taliban" | null, "parts": ["withdrawal"], "kind": "agreed" | null,
     "distractor": false}

``scenario`` is an example's name (examples/<name>.yaml) or a path relative to the
folder. Each passage is read as ``accords ingest FILE --date D --json`` reads it: alone,
dated, against the scenario's record (the people directory the scenario gives, if any).

- **statement**: some statement's text holds the key words (case and quotes folded).
- **speaker**: of those with a named speaker, the statement's speaker holds the name.
- **party**, **parts**: of found statements, the party is the labelled one; the set of
  the statement's parts equals the labelled set (``[]``: a claim about the package, or none).
- **claim kind**: of found statements with a labelled kind, some claim asserts it.
- **distractors**: passages where no claim is read at all.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["score_devset"]


def _fold(s: str) -> str:
    s = re.sub("[\u201c\u201d\u2018\u2019\"']", "", s)
    return re.sub(r"\s+", " ", s).lower()


class _Readers:
    """One reader and record per scenario, loaded once."""

    def __init__(self, folder: Path, examples: Path, tmp: str, people: Path | None = None) -> None:
        self.folder, self.examples, self.tmp = folder, examples, tmp
        self.people = people
        self.cache: dict[str, Any] = {}

    def get(self, scenario: str) -> Any:
        if scenario in self.cache:
            return self.cache[scenario]
        from accords.application import Record
        from accords.scenario.load import load_scenario
        from accords.sealing import open_store
        from accords.text import TextReader
        from accords.text._adapter import RecordNegotiation
        from accords.text._people import Directory, directory_for, load_directory

        path = self.examples / f"{scenario}.yaml"
        if not path.exists():
            path = self.folder / scenario
        db = str(Path(self.tmp) / f"{len(self.cache)}.db")
        nid, _ = load_scenario(path, db)
        store = open_store(db)
        view = RecordNegotiation(Record(store), nid)
        # as ``accords ingest [--people FILE]``: the record's people, and the file's
        directory = directory_for(view)
        if self.people is not None:
            extra = load_directory(self.people)
            directory = Directory(
                directory.people + extra.people, directory.offices + extra.offices
            )
        reader = TextReader(view.parties, view.parts, people=directory)
        self.cache[scenario] = (reader, view, store)
        return self.cache[scenario]


def _pick(statements: list[Any], key: str) -> Any | None:
    want = _fold(key)
    return next((s for s in statements if want in _fold(s.text)), None)


def score_devset(
    folder: Path, examples: Path, verbose: bool = False, people: Path | None = None
) -> dict[str, float]:
    """Read every passage alone and print the six figures (``people``: a directory file)."""
    from accords.text import check, read_article

    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    tally: dict[str, list[int]] = {
        k: [0, 0] for k in ("statement", "speaker", "party", "parts", "kind", "distractors")
    }
    with tempfile.TemporaryDirectory() as tmp:
        readers = _Readers(folder, examples, tmp, people)
        for item in labels:
            reader, view, _ = readers.get(item["scenario"])
            article = read_article(folder / f"{item['id']}.txt")
            article = dataclasses.replace(article, date=date.fromisoformat(item["date"]))
            result = check(reader.read(article), view)
            _score_one(item, list(result.statements), tally, verbose)
        for _, _, store in readers.cache.values():
            store.close()
    scores = {k: ok / n if n else float("nan") for k, (ok, n) in tally.items()}
    label = f"devset with people from {people.name}" if people else "devset"
    print(
        f"{label} ({len(labels)} passages, {tally['distractors'][1]} distractors): "
        + ", ".join(f"{k} {scores[k]:.2f} ({tally[k][0]}/{tally[k][1]})" for k in tally)
    )
    return scores


def _score_one(
    item: dict[str, Any], statements: list[Any], tally: dict[str, list[int]], verbose: bool
) -> None:
    def count(name: str, ok: bool, detail: str = "") -> None:
        tally[name][0] += ok
        tally[name][1] += 1
        if verbose and not ok:
            print(f"  {item['id']} {name}: {detail}")

    if item["distractor"]:
        claims = [(s.speaker, c.part, c.asserts) for s in statements for c in s.claims]
        count("distractors", not claims, str(claims))
        return
    st = _pick(statements, item["key"])
    count("statement", st is not None, f"{item['key']!r} in {[s.text[:60] for s in statements]}")
    if st is None:
        return
    if item["speaker"]:
        count("speaker", item["speaker"].lower() in (st.speaker or "").lower(), str(st.speaker))
    count("party", st.party == item["party"], f"{st.party} for {item['party']}")
    parts = sorted(set(st.parts))
    count("parts", parts == item["parts"], f"{parts} for {item['parts']}")
    if item["kind"]:
        kinds = [c.asserts for c in st.claims]
        count("kind", item["kind"] in kinds, f"{kinds} for {item['kind']}")
