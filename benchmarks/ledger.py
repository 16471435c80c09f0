"""How fast is the event log, next to a bare sqlite3 loop with the same durability?

    python benchmarks/ledger.py [--appends 1000] [--dir DIR] [--postgres URL]

Measures, on SQLite in WAL mode with ``synchronous=FULL``:

- durable appends per second, one event per append, each its own transaction,
  against a bare ``sqlite3`` loop that inserts the very same rows into the very
  same schema with the same settings (the ratio is the store's overhead: the
  write lock, the head check, canonical JSON and hashing);
- batch appends (100 events per append), against a bare ``executemany``;
- reading and verifying a 100,000-event log;
- the status board of a negotiation of 10,000 and 100,000 events made by the
  domain model's rules, folded from the first event and from a cached snapshot
  (see :func:`status_timing`).

Rounds of the store and of the bare loop alternate, so a noisy machine slows both
alike. With ``--postgres URL`` (or ``ACCORDS_TEST_POSTGRES``) it also times the
PostgreSQL store. It rewrites only its own section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from accords.ledger import EventStore, NewEvent, SQLiteStore, StoredEvent, canonical_json

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- ledger:start -->", "<!-- ledger:end -->"
HEADER = "# Benchmark results\n\nEach benchmark script rewrites only its own section.\n"

INSERT = (
    "INSERT INTO events (negotiation, seq, type, payload, recorded_by, occurred_on,"
    " recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def new_event(i: int) -> NewEvent:
    """A realistic move: a party's stance on one part, with a note."""
    return NewEvent(
        type="stance",
        payload={
            "party": ("us", "taliban", "afghan-government")[i % 3],
            "part": ("withdrawal", "counter-terrorism", "intra-afghan-talks", "ceasefire")[i % 4],
            "option": f"option-{i % 7}",
            "stance": "accepts",
            "level": "in-principle",
            "note": f"round {i // 50 + 1}: «nothing is agreed until everything is agreed»",
        },
        occurred_on=date(2019, 2, 25),
        recorded_by="mediator",
    )


def row(e: StoredEvent) -> tuple[Any, ...]:
    return (
        e.negotiation,
        e.seq,
        e.type,
        canonical_json(e.payload),
        e.recorded_by,
        e.occurred_on.isoformat(),
        e.recorded_at,
        e.prev_hash,
        e.hash,
    )


def bare_connection(path: Path) -> sqlite3.Connection:
    """A plain connection to a file with the store's schema and durability settings."""
    SQLiteStore(path).close()  # the same tables, indexes and triggers
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def single_appends(workdir: Path, total: int, rounds: int = 5) -> dict[str, float]:
    """Appends/s of the store and of the bare loop, in alternating rounds."""
    store = SQLiteStore(workdir / "single-store.db")
    bare = bare_connection(workdir / "single-bare.db")
    per_round = max(1, total // rounds)
    store_s = bare_s = 0.0
    seq = 0
    for _ in range(rounds):
        events = [new_event(seq + i) for i in range(per_round)]
        t0 = time.perf_counter()
        for e in events:
            store.append("bench", [e], seq)
            seq += 1
        store_s += time.perf_counter() - t0
        rows = [row(e) for e in store.read("bench", after=seq - per_round)]
        t0 = time.perf_counter()
        for r in rows:
            bare.execute(INSERT, r)  # autocommit: one durable transaction per row
        bare_s += time.perf_counter() - t0
    store.close()
    bare.close()
    n = per_round * rounds
    return {"events": n, "store_per_s": n / store_s, "bare_per_s": n / bare_s}


def batch_appends(workdir: Path, batches: int = 30, size: int = 100) -> dict[str, float]:
    store = SQLiteStore(workdir / "batch-store.db")
    bare = bare_connection(workdir / "batch-bare.db")
    store_s = bare_s = 0.0
    seq = 0
    for _ in range(batches):
        events = [new_event(seq + i) for i in range(size)]
        t0 = time.perf_counter()
        store.append("bench", events, seq)
        store_s += time.perf_counter() - t0
        rows = [row(e) for e in store.read("bench", after=seq)]
        seq += size
        t0 = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        bare.executemany(INSERT, rows)
        bare.execute("COMMIT")
        bare_s += time.perf_counter() - t0
    store.close()
    bare.close()
    n = batches * size
    return {"size": size, "store_per_s": n / store_s, "bare_per_s": n / bare_s}


def fill(store: EventStore, negotiation: str, count: int, batch: int = 1000) -> None:
    head = store.head(negotiation)
    while head < count:
        size = min(batch, count - head)
        store.append(negotiation, [new_event(head + i) for i in range(size)], head)
        head += size


def best_of(repeats: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        job()
        times.append(time.perf_counter() - t0)
    return min(times)


def reads(store: EventStore, count: int = 100_000) -> dict[str, float]:
    fill(store, "read-bench", count)
    read_s = best_of(3, lambda: sum(1 for _ in store.read("read-bench")))
    verify_s = best_of(2, lambda: store.verify("read-bench"))
    return {"events": count, "read_s": read_s, "verify_s": verify_s}


def model_events(count: int) -> list[Any]:
    """A negotiation of ``count`` events made by the model's own rules: three parties,
    four parts with two options each, then stances, rejections and notes, day by day."""
    from accords.model import State, decide, fold
    from accords.model import commands as c

    d0 = date(2019, 1, 1)
    commands: list[Any] = [
        c.CreateNegotiation(on=d0, id="bench", title="Benchmark talks"),
        c.AddParty(on=d0, id="a", name="Alpha"),
        c.AddParty(on=d0, id="b", name="Beta"),
        c.AddParty(on=d0, id="m", name="Mediator", role="mediator"),
        *(
            c.AddPart(
                on=d0,
                id=f"p{k}",
                title=f"Part {k}",
                signatories=("a", "b"),
                options=(("x", "option x"), ("y", "option y")),
            )
            for k in range(4)
        ),
    ]
    state = State()
    events: list[Any] = []
    i = 0
    while len(events) < count:
        if commands:
            command = commands.pop(0)
        else:
            i += 1
            on = d0 + timedelta(days=i // 20)
            part, party, option = f"p{i % 4}", "ab"[(i // 4) % 2], "xy"[(i // 8) % 2]
            if i % 7 == 6:
                command = c.Reject(on=on, part=part, party=party, option=option)
            elif i % 7 == 5:
                command = c.RecordNote(on=on, party=party, text=f"note {i}", part=part)
            else:
                level = ("principle", "ad-ref", "confirmed")[i % 3]
                command = c.Accept(on=on, part=part, option=option, party=party, level=level)
        new = decide(state, command)
        fold(new, state, in_place=True)
        events.extend(new)
    return events[:count]


def status_timing(store: EventStore) -> dict[int, dict[str, float]] | None:
    """Seconds to show the status board of a negotiation of 10,000 and 100,000 events.

    ``cold``: read every event, fold, build the board (what a store without a
    cached snapshot costs); ``cached``: the application's ``Record.state`` once a
    snapshot is cached, as ``accords status`` does. ``None`` when the domain model
    is not installed.
    """
    try:
        from accords.application import Record
        from accords.model import fold, status_dict
    except ImportError:
        return None
    record = Record(store)
    timings: dict[int, dict[str, float]] = {}
    for count in (10_000, 100_000):
        negotiation = f"status-{count}"
        events = model_events(count)
        for start in range(0, count, 1000):
            record.append(
                negotiation, events[start : start + 1000], recorded_by="bench", expected_seq=start
            )
        cold = best_of(2, lambda n=negotiation: status_dict(fold(store.read(n))))
        record.state(negotiation)  # folds once and caches a snapshot
        cached = best_of(3, lambda n=negotiation: status_dict(record.state(n)))
        # As of an early day (about the first 3% of the talks): read through the
        # date index, fold only what had happened by then.
        early_day = events[count // 33].occurred_on
        early = best_of(3, lambda n=negotiation, d=early_day: status_dict(record.state(n, as_of=d)))
        timings[count] = {"cold": cold, "cached": cached, "early": early}
    return timings


def postgres(url: str, appends: int) -> dict[str, float]:
    from accords.ledger.postgres import PostgresStore

    store = PostgresStore(url)
    negotiation = f"bench-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
    t0 = time.perf_counter()
    for seq in range(appends):
        store.append(negotiation, [new_event(seq)], seq)
    single = appends / (time.perf_counter() - t0)
    read = reads(store, 100_000)
    store.close()
    return {"store_per_s": single, **read}


def report(results: dict[str, Any]) -> str:
    single, batch, read = results["single"], results["batch"], results["read"]
    lines = [
        "## Ledger (`python benchmarks/ledger.py`)",
        "",
        f"Measured {results['when']} on {results['machine']}; SQLite {sqlite3.sqlite_version},"
        " WAL mode, `synchronous=FULL`, a file on the repository's disk.",
        "",
        "| what | accords store | bare sqlite3 | store / bare |",
        "|---|---:|---:|---:|",
        f"| durable appends, 1 event each ({single['events']:,} appends) "
        f"| {single['store_per_s']:,.0f}/s | {single['bare_per_s']:,.0f}/s "
        f"| {single['store_per_s'] / single['bare_per_s']:.2f} |",
        f"| batch appends, {batch['size']} events each "
        f"| {batch['store_per_s']:,.0f} events/s | {batch['bare_per_s']:,.0f} events/s "
        f"| {batch['store_per_s'] / batch['bare_per_s']:.2f} |",
        f"| read {read['events']:,} events (`StoredEvent`s, payloads parsed) "
        f"| {read['read_s']:.2f} s ({read['events'] / read['read_s']:,.0f}/s) | | |",
        f"| verify the chain of {read['events']:,} events "
        f"| {read['verify_s']:.2f} s ({read['events'] / read['verify_s']:,.0f}/s) | | |",
    ]
    status = results.get("status")
    if status:
        for count, t in sorted(status.items()):
            lines.append(
                f"| status board of {count:,} events: fold from event 1 / from the cached"
                f" snapshot / as of an early date | {t['cold']:.2f} s / {t['cached'] * 1000:.1f} ms"
                f" / {t['early'] * 1000:.1f} ms | | |"
            )
    else:
        lines.append("| status of 10,000 / 100,000 events | not yet timed: no model fold | | |")
    pg = results.get("postgres")
    if pg:
        lines += [
            "",
            f"PostgreSQL (same machine, local server): {pg['store_per_s']:,.0f} durable"
            f" appends/s; read {pg['events']:,} events in {pg['read_s']:.2f} s;"
            f" verify in {pg['verify_s']:.2f} s.",
        ]
    lines += [
        "",
        "The ratio is what the store adds to the bare insert: `BEGIN IMMEDIATE`, the head"
        " check, canonical JSON and one SHA-256 per event. Both sides wait for the same"
        " fsync per commit, which dominates single appends. On a shared machine the"
        " absolute rates swing with other processes' disk traffic (from a few hundred to"
        " several thousand appends/s between runs); the ratio, from alternating rounds, is"
        " the figure to compare.",
    ]
    return "\n".join(lines)


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace this benchmark's section of RESULTS.md, leaving the others alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    block = f"{START}\n{section}\n{END}"
    if START in text and END in text:
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        text = f"{before}{block}{after}"
    else:
        text = f"{text.rstrip()}\n\n{block}\n"
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appends", type=int, default=1000, help="single appends per side")
    parser.add_argument("--dir", type=Path, default=HERE, help="where the database files go")
    parser.add_argument("--postgres", default=os.environ.get("ACCORDS_TEST_POSTGRES", ""))
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)

    results: dict[str, Any] = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()} Linux, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}",
    }
    with tempfile.TemporaryDirectory(prefix=".ledger-bench-", dir=args.dir) as tmp:
        workdir = Path(tmp)
        print("single appends…", file=sys.stderr)
        results["single"] = single_appends(workdir, args.appends)
        print("batch appends…", file=sys.stderr)
        results["batch"] = batch_appends(workdir)
        print("reading 100,000 events…", file=sys.stderr)
        with SQLiteStore(workdir / "read.db") as store:
            results["read"] = reads(store)
            results["status"] = status_timing(store)
    if args.postgres:
        print("PostgreSQL…", file=sys.stderr)
        results["postgres"] = postgres(args.postgres, min(args.appends, 1000))
    section = report(results)
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"\nwrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
