"""The negotiating text and the obligations on the dashboard (``accords.service``).

The service loads ``extension`` from the modules of its dashboard areas and calls
its ``panels(viewer, state, view)`` on each render; this module answers with the draft
(for the area keyed ``text``) and, once there are obligations, their status. The
service's types are looked up only when the service asks, so this layer does not
depend on it: ``extension`` is built on first access.
"""

from __future__ import annotations

import importlib
from html import escape
from typing import Any

from accords.draft import STYLE, render_html
from accords.ground.timeline import obligation_rows
from accords.model.state import State

__all__ = ["obligations_html", "panels"]


def obligations_html(state: State) -> str:
    """The obligations as an HTML table, status in words, flags spelled out."""
    day = state.last_on
    if day is None:
        return ""
    rows = obligation_rows(state, day)
    if not rows:
        return ""
    body = "".join(
        "<tr>"
        f"<td>{escape(r['text'])}</td>"
        f"<td>{escape(', '.join(r['obligors']))}</td>"
        f"<td>{escape(r['measure'])}</td>"
        f"<td>{escape(r['due_text'])}</td>"
        f'<td class="obligation-{escape(r["status"].replace(" ", "-"))}">{escape(r["status"])}</td>'
        f"<td>{escape(r['flag'] or '')}</td>"
        "</tr>"
        for r in rows
    )
    return (
        f'<table class="accords-obligations"><caption>As of {day.isoformat()}</caption>'
        "<thead><tr><th>obligation</th><th>by</th><th>measure</th><th>due</th><th>status</th>"
        f"<th>flag</th></tr></thead><tbody>{body}</tbody></table>"
    )


def panels(viewer: object, state: State, view: Any = None) -> list[tuple[str, Any]]:
    """``(area key, Panel)`` pairs: the text is public, so every viewer sees the same.

    ``view`` is the service's ``View`` (``None``: now); ``state`` is already the state as
    of it, and the text's own headline says which moment it shows.
    """
    panel = importlib.import_module("accords.service.extensions").Panel
    as_of = str(getattr(view, "as_of", "now"))
    html = render_html(state, as_of)
    out: list[tuple[str, Any]] = [
        ("text", panel("Negotiating text", f"<style>{STYLE}</style>{html}"))
    ]
    table = obligations_html(state)
    if table:
        out.append(("text", panel("Obligations and implementation", table)))
    return out


def __getattr__(name: str) -> Any:
    if name == "extension":
        extensions = importlib.import_module("accords.service.extensions")
        return extensions.Extension(name="draft", panels=panels)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
