"""Statements as events in a negotiation's log: one ``statement-recorded`` event each.

The event carries everything needed to list and re-check the statement later
(source, date, speaker, party, text, parts, claims and verdicts); it changes no
part's status, so the fold ignores it. Importing this module registers the type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from accords.model import register_handler
from accords.model.events import Event
from accords.text._pipeline import ArticleStatements

__all__ = ["STATEMENT_RECORDED", "statement_events", "statement_key"]

STATEMENT_RECORDED: Final = "statement-recorded"
register_handler(STATEMENT_RECORDED)


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
