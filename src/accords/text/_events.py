"""Statements as events in a negotiation's log: one ``statement-recorded`` event each.

The event carries everything needed to list and re-check the statement later
(source, date, speaker, party, text, parts, claims and verdicts); it changes no
part's status, so the fold ignores it (``accords.model.layers.STATEMENTS``), and
``accords.exports`` reads the claims through :func:`claims_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

from accords.model.events import Event
from accords.text._pipeline import ArticleStatements

__all__ = [
    "STATEMENT_RECORDED",
    "claims_rows",
    "recorded_statements",
    "statement_events",
    "statement_key",
]

#: The event type; the model's statements layer folds it as nothing.
STATEMENT_RECORDED: Final = "statement-recorded"

_STATEMENT_KEYS: Final = (
    "start",
    "end",
    "text",
    "kind",
    "cue",
    "speaker",
    "mention",
    "party",
    "parts",
    "claims",
)


def statement_key(payload: Mapping[str, Any]) -> tuple[str, int, int, str]:
    """What makes a recorded statement the same one: re-ingesting a file adds nothing."""
    return (
        str(payload.get("source")),
        int(payload.get("start", -1)),
        int(payload.get("end", -1)),
        str(payload.get("text")),
    )


def statement_events(results: Iterable[ArticleStatements], on: date) -> list[Event]:
    """One event per statement; ``on`` stands for undated articles."""
    events: list[Event] = []
    for result in results:
        a = result.article
        when = a.date or on
        for st in result.statements:
            payload = {
                "source": a.source,
                "title": a.title,
                "byline": a.byline,
                "date": a.date.isoformat() if a.date else None,
                **st.to_json(),
            }
            events.append(Event(STATEMENT_RECORDED, payload, when))
    return events


def recorded_statements(events: Iterable[Any]) -> list[dict[str, Any]]:
    """The statements in a log, grouped by article, in the JSON shape of ``accords ingest``.

    For the board and the dashboard as much as for ``accords claims``: each statement
    also carries ``seq`` (its event) and ``occurred_on``.
    """
    articles: dict[tuple[str, str | None], dict[str, Any]] = {}
    for e in events:
        if getattr(e, "type", None) != STATEMENT_RECORDED:
            continue
        p = dict(e.payload)
        key = (str(p.get("source")), p.get("title"))
        art = articles.setdefault(
            key,
            {
                "source": p.get("source"),
                "title": p.get("title"),
                "byline": p.get("byline"),
                "date": p.get("date"),
                "statements": [],
            },
        )
        st = {k: p.get(k) for k in _STATEMENT_KEYS}
        st["seq"] = getattr(e, "seq", None)
        st["occurred_on"] = e.occurred_on.isoformat()
        art["statements"].append(st)
    return list(articles.values())


def claims_rows(state: Any, events: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per recorded claim, for ``accords export --data claims`` (CSV or JSON)."""
    rows: list[dict[str, Any]] = []
    for art in recorded_statements(events):
        for st in art["statements"]:
            for claim in st.get("claims") or []:
                rows.append(
                    {
                        "seq": st["seq"],
                        "date": st["occurred_on"],
                        "source": art["source"],
                        "speaker": st.get("speaker"),
                        "party": st.get("party"),
                        "kind": st.get("kind"),
                        "statement": st.get("text"),
                        "part": claim.get("part"),
                        "asserts": claim.get("asserts"),
                        "verdict": claim.get("verdict"),
                        "reason": claim.get("reason"),
                    }
                )
    return rows
