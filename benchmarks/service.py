"""Load on the server: concurrent writers on one negotiation, over loopback.

    .venv/bin/python benchmarks/service.py [--clients 8] [--moves 200] [--db URL-or-path]

Each of N clients (one party's delegate each, with its own token) records M moves on
the same negotiation, sending the expected_seq it last saw; a 409 makes it re-read
the head and retry. Afterwards: every acknowledged move is in the log (and no other),
every refusal was a 409, and the hash chain verifies. Reports requests per second and
latency percentiles, and writes them into benchmarks/RESULTS.md between the
``<!-- service:start -->`` and ``<!-- service:end -->`` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from accords.service.testing import free_port, hammer, load_negotiation, percentile
from accords.service.tokens import open_tokens

RESULTS = Path(__file__).with_name("RESULTS.md")
START, END = "<!-- service:start -->", "<!-- service:end -->"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--db", help="SQLite path or postgresql:// URL (default: a temp file)")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        nid = f"load-{int(time.time())}"
        load_negotiation(db, nid, args.clients)
        tokens = open_tokens(db)  # real argon2 parameters: verified once per token, then cached
        issued = {f"p{i}": tokens.create("party", f"p{i}")[0] for i in range(args.clients)}
        mediator, _ = tokens.create("mediator")
        tokens.close()
        with served(db) as url:  # its own process: the clients' threads do not share its GIL
            result = hammer(url, nid, issued, args.moves)
            with httpx.Client(
                base_url=url, headers={"Authorization": f"Bearer {mediator}"}, timeout=120
            ) as http:
                log = http.get(f"/api/negotiations/{nid}/log").json()
                verified = http.get(f"/api/negotiations/{nid}/verify").json()

    accepted = {e["seq"]: e["payload"]["note"] for e in log if e["type"] == "option-accepted"}
    lost = set(result.acknowledged.items()) - set(accepted.items())
    extra = set(accepted.items()) - set(result.acknowledged.items())
    other = {s: len(v) for s, v in result.latencies.items() if s not in (201, 409)}
    ok201 = result.latencies.get(201, [])
    c409 = result.latencies.get(409, [])
    every = [x for v in result.latencies.values() for x in v]
    checks = {
        "acknowledged moves": len(result.acknowledged),
        "lost": len(lost),
        "unacknowledged but recorded": len(extra),
        "answers other than 201/409": other or 0,
        "chain verifies": verified["ok"],
    }
    ms = 1000.0
    backend = "PostgreSQL" if db.startswith(("postgresql://", "postgres://")) else "SQLite (WAL)"
    lines = [
        f"Concurrent writers on one negotiation, over loopback: {args.clients} clients × "
        f"{args.moves} moves, {backend}, `accords serve` (one uvicorn worker, access log on) "
        "in its own process; "
        f"{platform.machine()}, {os.cpu_count()} CPUs (shared), "
        f"Python {platform.python_version()}. "
        f"Run: `python benchmarks/service.py --clients {args.clients} --moves {args.moves}"
        f"{' --db postgresql://…' if backend == 'PostgreSQL' else ''}`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| wall time | {result.seconds:.1f} s |",
        f"| POST /moves answered | {len(every)} ({len(ok201)} × 201, {len(c409)} × 409) |",
        f"| requests per second (POST /moves, all answers) | {len(every) / result.seconds:.0f} |",
        f"| acknowledged moves per second | {len(ok201) / result.seconds:.0f} |",
        f"| latency p50 / p90 / p99 / max, all answers | {percentile(every, 50) * ms:.1f} / "
        f"{percentile(every, 90) * ms:.1f} / {percentile(every, 99) * ms:.1f} / "
        f"{max(every) * ms:.1f} ms |",
        f"| latency p50 / p99, 201 only | {percentile(ok201, 50) * ms:.1f} / "
        f"{percentile(ok201, 99) * ms:.1f} ms |",
        f"| head re-reads after a 409 | {result.reads} |",
        f"| acknowledged moves lost | {len(lost)} |",
        f"| moves recorded but not acknowledged | {len(extra)} |",
        f"| answers other than 201 and 409 | {sum(other.values()) if other else 0} |",
        f"| hash chain verifies afterwards | {'yes' if verified['ok'] else 'NO'} "
        f"({verified['events']} events) |",
    ]
    text = "\n".join(lines)
    print(text)
    failed = (
        bool(lost or extra or other or not verified["ok"])
        or len(ok201) != args.clients * args.moves
    )
    if failed:
        print(f"FAILED: {checks}", file=sys.stderr)
        return 1
    if not args.no_write:
        write_results(backend, text)
    return 0


@contextmanager
def served(db: str) -> Iterator[str]:
    """``accords serve`` over ``db`` in a child process, as a user runs it."""
    port = free_port()
    accords = Path(sys.executable).with_name("accords")
    child = subprocess.Popen(
        [str(accords), "serve", "--port", str(port), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("accords serve did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        child.terminate()
        child.wait(timeout=30)


def write_results(backend: str, text: str) -> None:
    """Replace this backend's table in the service block of RESULTS.md, keeping the others."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    sections: dict[str, str] = {}
    if START in old and END in old:
        head, rest = old.split(START, 1)
        inner, tail = rest.split(END, 1)
        for chunk in inner.split("\n### ")[1:]:
            title, _, body = chunk.partition("\n")
            sections[title.strip()] = body.strip()
    else:
        head, tail = old.rstrip("\n") + "\n\n", "\n"
    sections[backend] = text.strip()
    body = "\n\n".join(f"### {k}\n\n{v}" for k, v in sorted(sections.items(), reverse=True))
    block = f"{START}\n## Service: concurrent writers\n\n{body}\n{END}"
    RESULTS.write_text(head + block + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
