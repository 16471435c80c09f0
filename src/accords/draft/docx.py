"""The draft as a Word document (python-docx, from the optional ``docs`` extra).

Word has no footnote API in python-docx, so reservations are numbered superscripts
with the notes gathered under "Notes" at the end, as many circulated drafts do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accords.draft.document import ClauseBlock, Document

__all__ = ["write_docx"]


def _need_docx() -> Any:
    try:
        import docx
    except ImportError:
        from accords.errors import MissingExtra

        raise MissingExtra("DOCX output needs python-docx: pip install 'accords[docs]'") from None
    return docx


def _clause(d: Any, block: ClauseBlock) -> None:
    head = d.add_paragraph()
    head.add_run(f"{block.number}{' ' + block.title if block.title else ''}").bold = True
    label = head.add_run(f" — {block.label}")
    label.italic = True
    body = d.add_paragraph()
    if block.layout == "clean":
        body.add_run(block.alternatives[0].text)
    elif block.layout == "heading":
        body.add_run("(text to come)").italic = True
    elif block.layout == "struck":
        for a in block.alternatives:
            body.add_run(a.text + " ").font.strike = True
    else:
        for a in block.alternatives:
            body.add_run(f"[{a.label + ': ' if a.label else ''}{a.text}]")
        backing = "; ".join(
            f"{a.label + ' ' if a.label else ''}backed by {', '.join(a.backed_by) or 'nobody now'}"
            f"{' (' + a.note + ')' if a.note else ''}"
            for a in block.alternatives
        )
        d.add_paragraph().add_run(backing + ".").italic = True
    for n in block.footnotes:
        body.add_run(str(n)).font.superscript = True


def write_docx(doc: Document, path: str | Path) -> None:
    docx = _need_docx()
    d = docx.Document()
    d.core_properties.title = doc.title
    d.add_heading(doc.title, level=0)
    p = d.add_paragraph()
    p.add_run(f"As of {doc.as_of}. ").italic = True
    p.add_run(doc.headline)
    if doc.legend:
        lp = d.add_paragraph()
        lp.add_run("Legend. ").bold = True
        lp.add_run(
            "Text in square brackets is not agreed; alternatives stand side by side as "
            "[A: …][B: …]. Each passage is labelled in words:"
        )
        for _, words in doc.legend:
            d.add_paragraph(words, style="List Bullet")
    for s in doc.sections:
        d.add_heading(f"{s.number}. {s.title}", level=1)
        d.add_paragraph().add_run(f"Part status: {s.status}.").italic = True
        if not s.clauses:
            d.add_paragraph().add_run("No text tabled for this part yet.").italic = True
        for block in s.clauses:
            _clause(d, block)
    if doc.footnotes:
        d.add_heading("Notes", level=1)
        for n in doc.footnotes:
            d.add_paragraph(f"{n.number}. {n.text}")
    d.save(str(path))
