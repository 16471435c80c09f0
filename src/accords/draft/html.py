"""The draft as HTML: a fragment for the dashboard, or a page that stands alone.

Status is written in words beside every passage; the classes only add colour.
"""

from __future__ import annotations

from html import escape

from accords.draft.document import ClauseBlock, Document

__all__ = ["STYLE", "to_html", "to_html_page"]

STYLE = """
.accords-draft { font-family: Georgia, serif; max-width: 48rem; line-height: 1.5; }
.accords-draft .label { font-style: italic; color: #555; }
.accords-draft .bracket { background: #fff4d6; }
.accords-draft .clean { }
.accords-draft .struck { text-decoration: line-through; color: #777; }
.accords-draft .backing { font-size: 0.9em; color: #555; }
.accords-draft .notes { font-size: 0.9em; border-top: 1px solid #ccc; }
"""


def _refs(block: ClauseBlock) -> str:
    return "".join(
        f'<sup class="fn"><a href="#fn{n}" id="ref{n}">{n}</a></sup>' for n in block.footnotes
    )


def _clause(block: ClauseBlock) -> str:
    title = f" {escape(block.title)}" if block.title else ""
    head = (
        f'<p class="clause-head"><strong>{escape(block.number)}{title}</strong> — '
        f'<span class="label">{escape(block.label)}</span></p>'
    )
    if block.layout == "clean":
        body = f'<p class="clean">{escape(block.alternatives[0].text)}{_refs(block)}</p>'
    elif block.layout == "heading":
        body = '<p class="label">(text to come)</p>'
    elif block.layout == "struck":
        body = "".join(f'<p class="struck">{escape(a.text)}</p>' for a in block.alternatives)
    else:
        spans = "".join(
            f'<span class="bracket">[{escape(a.label) + ": " if a.label else ""}'
            f"{escape(a.text)}]</span>"
            for a in block.alternatives
        )
        backing = "; ".join(
            f"{escape(a.label) + ' ' if a.label else ''}backed by "
            f"{escape(', '.join(a.backed_by) or 'nobody now')}"
            f"{' (' + escape(a.note) + ')' if a.note else ''}"
            for a in block.alternatives
        )
        body = f'<p>{spans}{_refs(block)}</p><p class="backing">{backing}.</p>'
    status = escape(block.status)
    return f'<div class="clause status-{status}" id="clause-{escape(block.id)}">{head}{body}</div>'


def to_html(doc: Document) -> str:
    """An HTML fragment (one ``<article>``), for the dashboard to embed."""
    out = [
        '<article class="accords-draft">',
        f"<h1>{escape(doc.title)}</h1>",
        f'<p class="headline"><em>As of {escape(doc.as_of)}.</em> {escape(doc.headline)}</p>',
    ]
    if doc.legend:
        items = "".join(f"<li><em>{escape(words)}</em></li>" for _, words in doc.legend)
        out.append(
            '<div class="legend"><p><strong>Legend.</strong> Text in square brackets is not '
            "agreed; alternatives stand side by side as [A: …][B: …]. Each passage is "
            f"labelled in words:</p><ul>{items}</ul></div>"
        )
    for s in doc.sections:
        out.append(f'<section id="part-{escape(s.id)}">')
        out.append(f"<h2>{s.number}. {escape(s.title)}</h2>")
        out.append(f'<p class="label">Part status: {escape(s.status)}.</p>')
        if not s.clauses:
            out.append('<p class="label">No text tabled for this part yet.</p>')
        out += [_clause(b) for b in s.clauses]
        out.append("</section>")
    if doc.footnotes:
        notes = "".join(
            f'<li id="fn{n.number}">{escape(n.text)} <a href="#ref{n.number}">↩</a></li>'
            for n in doc.footnotes
        )
        out.append(f'<ol class="notes">{notes}</ol>')
    out.append("</article>")
    return "\n".join(out) + "\n"


def to_html_page(doc: Document) -> str:
    """A complete page: the fragment with its style."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title><style>{STYLE}</style></head><body>\n"
        + to_html(doc)
        + "</body></html>\n"
    )
