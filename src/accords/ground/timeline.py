"""One timeline: rounds of talks, events on the ground, signatures, deadlines and reports.

``timeline_rows`` is pure (what the CLI prints and the plot draws); ``plot_timeline``
draws it with matplotlib, from the optional ``plot`` extra, imported only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from accords.model.context import context_events
from accords.model.obligations import obligation_status, obligations, reports
from accords.model.state import State

__all__ = ["TimelineRow", "obligation_rows", "plot_timeline", "timeline_rows"]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    start: date
    end: date | None
    lane: str  # "talks", "ground", "package", "obligations"
    label: str
    fatalities: int | None = None


def timeline_rows(state: State, as_of: date) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    for r in state.rounds.values():
        venue = f" ({r.venue})" if r.venue else ""
        rows.append(TimelineRow(r.start, r.end, "talks", f"round {r.number}{venue}"))
    for e in context_events(state):
        where = f" at {e.place}" if e.place else ""
        rows.append(TimelineRow(e.on, None, "ground", f"{e.kind}{where}", e.fatalities))
    if state.concluded_on is not None:
        rows.append(TimelineRow(state.concluded_on, None, "package", "package concluded"))
    for party, on in state.signed.items():
        name = state.parties[party].name if party in state.parties else party
        rows.append(TimelineRow(on, None, "package", f"signed by {name}"))
    for party, on in state.left.items():
        name = state.parties[party].name if party in state.parties else party
        rows.append(TimelineRow(on, None, "talks", f"{name} left the talks"))
    for ob in obligations(state):
        st = obligation_status(state, ob, as_of)
        if st.due is not None:
            rows.append(TimelineRow(st.due, None, "obligations", f"{ob.id} due ({st.status})"))
        for rep in reports(state, ob.id):
            rows.append(
                TimelineRow(rep.on, None, "obligations", f"{ob.id}: {rep.value:,.0f} reported")
            )
    return sorted(rows, key=lambda r: (r.start, r.lane, r.label))


def obligation_rows(state: State, as_of: date) -> list[dict[str, Any]]:
    """Each obligation's status as plain data, for ``--json`` and the pages."""
    out = []
    for ob in obligations(state):
        st = obligation_status(state, ob, as_of)
        out.append(
            {
                "id": ob.id,
                "text": ob.text,
                "obligors": list(ob.obligors),
                "beneficiaries": list(ob.beneficiaries),
                "part": ob.part,
                "measure": ob.measure.describe(),
                "due": st.due.isoformat() if st.due else None,
                "due_text": st.due_text,
                "status": st.status,
                "latest": (
                    {"on": st.latest.on.isoformat(), "value": st.latest.value}
                    if st.latest
                    else None
                ),
                "met_on": st.met_on.isoformat() if st.met_on else None,
                "flag": (
                    f"falls on {', '.join(st.not_signatories)}, not a signatory of its text"
                    if st.flagged
                    else None
                ),
                "source": ob.source,
            }
        )
    return out


def _x(day: date) -> float:
    """Matplotlib's date number (days since its default epoch, 1970-01-01)."""
    return float((day - date(1970, 1, 1)).days)


_LANES = ("talks", "package", "ground", "obligations")


_COLOURS = {
    "talks": "tab:blue",
    "package": "tab:green",
    "ground": "tab:red",
    "obligations": "tab:purple",
}
_MARKERS = {"talks": "s", "package": "*", "ground": "o", "obligations": "D"}


def plot_timeline(state: State, as_of: date, path: str | Path, title: str = "") -> None:
    """Write the timeline as an image (PNG, SVG or PDF by the file's suffix)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from accords.errors import MissingExtra

        raise MissingExtra(
            "the timeline plot needs matplotlib: pip install 'accords[plot]'"
        ) from None
    rows = timeline_rows(state, as_of)
    fig, ax = plt.subplots(figsize=(12, 5))
    try:
        lanes = {name: i for i, name in enumerate(_LANES)}
        labels: dict[tuple[str, date], list[str]] = {}
        for r in rows:
            _draw_row(ax, r, lanes[r.lane])
            # Label what a reader looks for: rounds, the package, deadlines (not each report).
            if r.lane == "talks" or r.lane == "package" or " due " in r.label:
                short = r.label.split(" (")[0] if r.lane == "talks" else r.label
                if r.lane == "talks" and short.startswith("round "):
                    short = "r" + short.removeprefix("round ")
                labels.setdefault((r.lane, r.start), []).append(short)
        _annotate(ax, labels, lanes)
        ax.xaxis_date()
        ax.set_yticks(range(len(_LANES)), [name for name in _LANES])
        ax.set_ylim(-0.7, len(_LANES) + 0.2)
        ax.set_title(title or state.title)
        ax.grid(axis="x", alpha=0.3)
        fig.autofmt_xdate()
        fig.tight_layout()
        fig.savefig(str(path))
    finally:
        plt.close(fig)


def _draw_row(ax: Any, r: TimelineRow, y: int) -> None:
    """A span as a bar, a day as a marker (events on the ground sized by fatalities)."""
    if r.end is not None and r.end != r.start:
        ax.plot(
            [_x(r.start), _x(r.end)],
            [y, y],
            linewidth=8,
            solid_capstyle="butt",
            color=_COLOURS[r.lane],
        )
        return
    size = 20 + 6 * (r.fatalities or 0) if r.lane == "ground" else 50
    ax.scatter(
        [_x(r.start)], [y], s=size, marker=_MARKERS[r.lane], color=_COLOURS[r.lane], alpha=0.7
    )


def _annotate(ax: Any, labels: dict[tuple[str, date], list[str]], lanes: dict[str, int]) -> None:
    """One label a lane and day; several signatures on a day are counted, not listed."""
    for (lane, day), texts in labels.items():
        signed = [t for t in texts if t.startswith("signed by ")]
        if len(signed) > 1:
            texts = [t for t in texts if t not in signed] + [f"signed by {len(signed)} parties"]
        ax.annotate(
            "\n".join(dict.fromkeys(texts)),
            (_x(day), lanes[lane]),
            xytext=(4, 6),
            textcoords="offset points",
            fontsize=7,
            va="bottom",
            ha="left",
        )
