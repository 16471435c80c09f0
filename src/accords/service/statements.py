"""Statements and claims: what was said in public, and whether the record bears it out.

Statements are public (they come from the news), so every viewer sees the same.
Importing this module also registers the ``statement-recorded`` event with the
fold (through ``accords.text``), so a server can read any log the CLI wrote.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from html import escape
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from accords.model import State
from accords.service.auth import Viewer
from accords.service.extensions import NOW, Extension, Panel, View
from accords.service.routing import COMMON, Nid, ViewerDep, load_state, reads

__all__ = ["ArticleOut", "extension", "router"]

_AVAILABLE = importlib.util.find_spec("accords.text") is not None
if _AVAILABLE:
    importlib.import_module("accords.text._events")  # registers statement-recorded


class ClaimOut(BaseModel):
    part: str | None = None
    asserts: str | None = None
    verdict: str | None = None
    reason: str | None = None


class StatementOut(BaseModel):
    seq: int | None = None
    occurred_on: str
    text: str | None = None
    kind: str | None = None
    cue: str | None = None
    speaker: str | None = None
    mention: str | None = None
    party: str | None = None
    parts: list[str] | None = None
    claims: list[ClaimOut] | None = None
    start: int | None = None
    end: int | None = None


class ArticleOut(BaseModel):
    source: str | None = None
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    statements: list[StatementOut]


def _recorded(record: Any, nid: str) -> list[dict[str, Any]]:
    from accords.text import recorded_statements

    articles: list[dict[str, Any]] = recorded_statements(record.events(nid))
    return articles


router = APIRouter(tags=["api"], responses=COMMON)


@reads(
    router,
    "/negotiations/{nid}/statements",
    list[ArticleOut],
    "Recorded statements, by article, with their claims and verdicts",
)
def statements(request: Request, viewer: ViewerDep, nid: Nid) -> list[ArticleOut]:
    record = request.app.state.services.record
    load_state(record, nid)
    return [ArticleOut.model_validate(a) for a in _recorded(record, nid)]


def _panel_html(articles: list[dict[str, Any]], view: View = NOW) -> str:
    if not articles:
        if not view.is_now:
            return f'<p class="muted">No statements recorded {escape(view.words)}.</p>'
        return (
            '<p class="muted">No statements recorded yet: '
            "<code>accords ingest ARTICLE</code> reads them from the news.</p>"
        )
    out = ['<ol class="statements" data-testid="statements">']
    for art in articles:
        for st in art["statements"]:
            who = st.get("speaker") or st.get("party") or "someone"
            src = art.get("title") or art.get("source") or ""
            out.append(
                f'<li><span class="muted">{escape(str(st.get("occurred_on", "")))}, '
                f"{escape(str(src))}</span><br><strong>{escape(str(who))}</strong>: "
                f"&ldquo;{escape(str(st.get('text') or ''))}&rdquo;"
            )
            claims = st.get("claims") or []
            if claims:
                out.append("<ul>")
                for c in claims:
                    verdict = c.get("verdict") or "not checked"
                    reason = f" — {escape(str(c['reason']))}" if c.get("reason") else ""
                    out.append(
                        f"<li>claims {escape(str(c.get('asserts') or ''))} on "
                        f"{escape(str(c.get('part') or 'the talks'))}: "
                        f'<span class="verdict verdict-{escape(str(verdict))}">'
                        f"{escape(str(verdict))}</span>{reason}</li>"
                    )
                out.append("</ul>")
            out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def panels(
    viewer: Viewer, state: State, events: Sequence[Any], view: View = NOW
) -> list[tuple[str, Panel]]:
    """The statements among ``events``: the service passes those made by the view's day."""
    from accords.text import recorded_statements

    html = _panel_html(recorded_statements(events), view)
    return [("statements", Panel("Statements and their verdicts", html))]


extension: Extension | None = (
    Extension(name="statements", api_router=router, log_panels=panels) if _AVAILABLE else None
)
