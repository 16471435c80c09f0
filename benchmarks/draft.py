"""How long does the negotiating text take to record, fold and render as it grows?

    python benchmarks/draft.py [--parts 10] [--clauses 50]

Builds a negotiation of ``parts`` parts with ``clauses`` clauses each; every clause is
tabled, contested with a second wording, amended, and accepted by both parties at the
three levels, through ``decide`` (the rules) and the fold, as the CLI records moves.
Then it times: deciding and folding all those moves; folding the events again from
scratch (what ``accords text`` does on each call, without a snapshot); and rendering
the draft as Markdown, HTML, DOCX and PDF. There is no peer to compare against (no
other tool renders a bracketed draft from an event log), so the figures are absolute
and the scaling from the small to the large size is the thing to read. It rewrites
only its own section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from accords.draft import build_document, render_docx, render_html, render_markdown, render_pdf
from accords.model import Event, State, decide, fold
from accords.model import clauses as cl
from accords.model import commands as c

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- draft:start -->", "<!-- draft:end -->"
D0 = date(2020, 1, 1)


def commands(parts: int, clauses: int) -> list[c.Command]:
    out: list[c.Command] = [
        c.CreateNegotiation(on=D0, id="bench", title="Benchmark talks"),
        c.AddParty(on=D0, id="a", name="Party A"),
        c.AddParty(on=D0, id="b", name="Party B"),
        c.AddParty(on=D0, id="m", name="Mediator", role="mediator"),
    ]
    for p in range(parts):
        out.append(
            c.AddPart(
                on=D0,
                id=f"p{p}",
                title=f"Part {p}",
                signatories=("a", "b"),
                options=(("o", "An option"),),
            )
        )
    day = D0
    for p in range(parts):
        for k in range(clauses):
            day += timedelta(days=1) if k % 10 == 0 else timedelta(0)
            cid = f"p{p}c{k}"
            text = f"Clause {k} of part {p}: the parties undertake to act within {k + 1} days."
            out += [
                cl.TableClause(on=day, part=f"p{p}", clause=cid, party="a", text=text),
                cl.BracketClause(on=day, clause=cid, party="b", alternative="B", text=text + " B"),
                cl.AmendClause(on=day, clause=cid, alternative="A", party="m", text=text + "!"),
            ]
            for level in ("principle", "ad-ref", "confirmed"):
                out += [
                    cl.AcceptClause(on=day, clause=cid, alternative="A", party=who, level=level)  # type: ignore[arg-type]
                    for who in ("a", "b")
                    if not (level == "confirmed" and k % 3 == 0 and who == "b")
                ]
    return out


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(parts: int, clauses: int) -> dict[str, Any]:
    cmds = commands(parts, clauses)
    events: list[Event] = []

    def record() -> None:
        state = State()
        events.clear()
        for cmd in cmds:
            new = decide(state, cmd)
            fold(new, state, in_place=True)
            events.extend(new)

    t_record = timed(record, 1)
    state = fold(events)
    t_fold = timed(lambda: fold(events))
    t_md = timed(lambda: render_markdown(state))
    t_html = timed(lambda: render_html(state))
    t_doc = timed(lambda: build_document(state))
    with tempfile.TemporaryDirectory() as tmp:
        t_docx = timed(lambda: render_docx(state, Path(tmp) / "d.docx"), 1)
        t_pdf = timed(lambda: render_pdf(state, Path(tmp) / "d.pdf"), 1)
    return {
        "clauses": parts * clauses,
        "events": len(events),
        "record": t_record,
        "fold": t_fold,
        "document": t_doc,
        "md": t_md,
        "html": t_html,
        "docx": t_docx,
        "pdf": t_pdf,
    }


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", type=int, default=10)
    ap.add_argument("--clauses", type=int, default=50)
    args = ap.parse_args(argv)
    sizes = [(2, 10), (args.parts, args.clauses)]
    rows = [measure(p, k) for p, k in sizes]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        START,
        "## Negotiating text (`python benchmarks/draft.py`)",
        "",
        f"Measured {now} on {platform.machine()} {platform.system()}, Python "
        f"{platform.python_version()}; best of 3 (recording, DOCX and PDF: one run).",
        "",
        "| clauses | events | decide + fold all moves | fold again | document | Markdown "
        "| HTML | DOCX | PDF |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['clauses']:,} | {r['events']:,} | {_fmt(r['record'])} | {_fmt(r['fold'])} "
            f"| {_fmt(r['document'])} | {_fmt(r['md'])} | {_fmt(r['html'])} "
            f"| {_fmt(r['docx'])} | {_fmt(r['pdf'])} |"
        )
    lines += [
        "",
        "Each clause: tabled, contested with a second wording, amended, and accepted by both "
        "parties at three levels (one in three left short of confirmation, so the draft keeps "
        "brackets). Recording decides every move against the evolving state, as the CLI does.",
        END,
    ]
    section = "\n".join(lines)
    print(section)
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
