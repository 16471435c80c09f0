"""The negotiating text: one draft, rendered as Markdown, HTML, DOCX or PDF.

For the dashboard: ``render_html(state)`` returns an HTML fragment (an
``<article class="accords-draft">``) to embed; ``STYLE`` is its stylesheet.
"""

from __future__ import annotations

from pathlib import Path

from accords.draft.diff import diff_documents
from accords.draft.document import LEGEND, Document, build_document
from accords.draft.html import STYLE, to_html, to_html_page
from accords.draft.markdown import to_markdown
from accords.model.state import State

__all__ = [
    "LEGEND",
    "STYLE",
    "Document",
    "build_document",
    "diff_documents",
    "render_docx",
    "render_html",
    "render_html_page",
    "render_markdown",
    "render_pdf",
]


def render_markdown(state: State, as_of: str = "now") -> str:
    return to_markdown(build_document(state, as_of))


def render_html(state: State, as_of: str = "now") -> str:
    """The draft as an HTML fragment for the dashboard (the service's text page)."""
    return to_html(build_document(state, as_of))


def render_html_page(state: State, as_of: str = "now") -> str:
    return to_html_page(build_document(state, as_of))


def render_docx(state: State, path: str | Path, as_of: str = "now") -> None:
    from accords.draft.docx import write_docx

    write_docx(build_document(state, as_of), path)


def render_pdf(state: State, path: str | Path, as_of: str = "now") -> None:
    from accords.draft.pdf import write_pdf

    write_pdf(build_document(state, as_of), path)
