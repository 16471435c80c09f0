"""Throughput of the statement reader: articles per second, the model loaded once.

    .venv/bin/python benchmarks/text.py [--articles N] [--batch N] [--no-write]

The articles are ~400-word news texts made by joining two articles of our annotated
corpus (tests/text/corpus/) and the seed, read against the example negotiation, with
parts, claims and the embedding fallback all on, one article per call
(``TextReader.read``) and ``--batch`` articles per call (``TextReader.read_many``, as
``accords ingest`` reads its files). Reports wall-clock articles per second and
articles per CPU-second (per core: the process's own CPU time, so other load on the
machine does not count against it; the load average is reported beside), and writes
its section of benchmarks/RESULTS.md between the ``text`` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- text:start -->", "<!-- text:end -->"
TARGET = 30.0


def _articles(count: int) -> list[bytes]:
    from accords.text import read_article

    sources = sorted((ROOT / "tests" / "text" / "corpus").glob("*.txt"))
    seed = ROOT.parent / "shared" / "seeds" / "000_cdb61cca4bb14335.txt"
    if seed.is_file():
        sources.append(seed)
    bodies = [read_article(p).text for p in sources]
    out: list[bytes] = []
    i = 0
    while len(out) < count:
        text = bodies[i % len(bodies)]
        j = i + 1
        while len(text.split()) < 380:
            text += "\n\n" + bodies[j % len(bodies)]
            j += 1
        out.append(text.encode())
        i += 1
    return out


def _reader() -> object:
    from accords.application import Record
    from accords.scenario.load import load_scenario
    from accords.sealing import open_store
    from accords.text import TextReader
    from accords.text._adapter import RecordNegotiation

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        nid, _ = load_scenario(ROOT / "examples" / "us-taliban-2019.yaml", db)
        store = open_store(db)
        try:
            view = RecordNegotiation(Record(store), nid)
            return TextReader(view.parties, view.parts)
        finally:
            store.close()


def _quality(reader: object) -> str:
    from accords.text import TextReader
    from accords.text.evaluate import score_corpus

    assert isinstance(reader, TextReader)
    corpus = ROOT / "tests" / "text" / "corpus"
    scores = score_corpus(reader, corpus)
    out = []
    for label, q in (("all", scores), ("held-out", scores.only("held-out"))):
        gold = sum(a.gold for a in q.articles)
        out.append(
            f"{label} ({len(q.articles)} articles, {gold} statements): precision "
            f"{q.precision:.2f}, recall {q.recall:.2f}, speaker accuracy "
            f"{q.speaker_accuracy:.2f}, party accuracy {q.party_accuracy:.2f}"
        )
    return "quality on the annotated corpus: " + "; ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--batch", type=int, default=16, help="articles per read_many call")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    from accords.text import Article, TextReader, read_text

    t0 = time.perf_counter()
    reader = _reader()
    assert isinstance(reader, TextReader)
    data = _articles(args.articles)
    reader.read(read_text("warm-up.txt", data[0]))  # loads spaCy and MiniLM
    load_s = time.perf_counter() - t0

    words = sum(len(d.split()) for d in data)
    load_before = os.getloadavg()

    def run(label: str, one: object, step: int = 1) -> tuple[str, float]:
        assert callable(one)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        found = sum(one(n, data[n : n + step]) for n in range(0, len(data), step))
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        per_cpu = len(data) / cpu
        return (
            f"{label}: {per_cpu:.1f} articles/s per core (process CPU time), "
            f"{len(data) / wall:.1f} articles/s wall clock, {words / cpu:,.0f} words/s per core"
            + (f"; {found} statements" if found else "")
        ), per_cpu

    def texts(n: int, raws: list[bytes]) -> list[Article]:
        return [read_text(f"a{n + i}.txt", raw) for i, raw in enumerate(raws)]

    def full(n: int, raws: list[bytes]) -> int:
        return sum(len(r.statements) for r in reader.read_many(texts(n, raws)))

    def full_one(n: int, raws: list[bytes]) -> int:
        (raw,) = raws
        return len(reader.read(read_text(f"a{n}.txt", raw)).statements)

    plain = TextReader(reader.parties.parties.values(), reader.lexicon.parts, embeddings=False)
    plain.read(read_text("warm-up.txt", data[0]))

    def no_embed(n: int, raws: list[bytes]) -> int:
        return sum(len(r.statements) for r in plain.read_many(texts(n, raws)))

    from accords.text._nlp import ner

    def spacy_only(n: int, raws: list[bytes]) -> int:
        ner([raw.decode() for raw in raws])
        return 0

    batch = max(1, args.batch)
    one_line, one_cpu = run("full pipeline, one article per call (`read`)", full_one)
    full_line, per_cpu = run(
        f"full pipeline, {batch} articles per call (`read_many`, as `accords ingest` reads "
        "its files)",
        full,
        batch,
    )
    load_after = os.getloadavg()
    lines = [
        f"articles: {len(data)} of {words / len(data):.0f} words on average",
        f"models loaded once in {load_s:.1f} s",
        one_line,
        full_line,
        run(f"without the embedding fallback, {batch} per call", no_embed, batch)[0],
        run("reference: spaCy NER alone over the whole article", spacy_only)[0],
        f"target {TARGET:.0f} articles/s per core: "
        f"{'met' if per_cpu >= TARGET else 'not met'} by the full pipeline reading {batch} "
        f"articles per call, {'met' if one_cpu >= TARGET else 'not met'} one article per call "
        "on this machine",
        "machine load (1-minute load average on the "
        f"{os.cpu_count()} cores) {load_before[0]:.2f} before the timed runs, "
        f"{load_after[0]:.2f} after the full pipeline runs",
        _quality(reader),
    ]
    print("\n".join(lines))
    if not args.no_write:
        _write(lines)


def _write(lines: list[str]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    section = "\n".join(
        [
            START,
            "## Text: statements in news (`benchmarks/text.py`)",
            "",
            f"Machine: {machine}; run `{Path(sys.argv[0]).name}` with the model loaded once.",
            "",
            *[f"- {line}" for line in lines],
            "",
            "Per-article quality details: `benchmarks/text_quality.py --verbose`.",
            END,
        ]
    )
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if START in old and END in old:
        new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: section, old, flags=re.S)
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(new)


if __name__ == "__main__":
    main()
