"""The draft as PDF (fpdf2, from the optional ``docs`` extra).

A Unicode TrueType font is used when the system has one (DejaVu, Liberation); the
PDF core fonts know Latin-1 only, so without one the few typographic characters we
write (dashes, quotes, ellipses) are spelled in ASCII rather than lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from accords.draft.document import ClauseBlock, Document

__all__ = ["write_pdf"]

_FONT_CANDIDATES: Final = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
    ),
)
_ASCII: Final = str.maketrans(
    {"—": "--", "–": "-", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"', "↩": ""}
)


def _need_fpdf() -> Any:
    try:
        import fpdf
    except ImportError:
        from accords.errors import MissingExtra

        raise MissingExtra("PDF output needs fpdf2: pip install 'accords[docs]'") from None
    return fpdf


class _Writer:
    def __init__(self) -> None:
        fpdf = _need_fpdf()
        self.pdf = fpdf.FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.add_page()
        self.family = "helvetica"
        self.unicode = False
        for regular, bold, italic in _FONT_CANDIDATES:
            if all(Path(f).is_file() for f in (regular, bold, italic)):
                self.pdf.add_font("body", "", regular)
                self.pdf.add_font("body", "B", bold)
                self.pdf.add_font("body", "I", italic)
                self.family, self.unicode = "body", True
                break

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        return value.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    def para(self, value: str, style: str = "", size: float = 11, gap: float = 2) -> None:
        self.pdf.set_font(self.family, style, size)
        self.pdf.multi_cell(0, size * 0.5, self.text(value), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)


def _clause(w: _Writer, block: ClauseBlock) -> None:
    refs = "".join(f"[{n}]" for n in block.footnotes)
    title = f" {block.title}" if block.title else ""
    w.para(f"{block.number}{title} — {block.label}", "B", 11, 1)
    if block.layout == "clean":
        w.para(block.alternatives[0].text + (f" {refs}" if refs else ""))
    elif block.layout == "heading":
        w.para("(text to come)", "I")
    elif block.layout == "struck":
        w.para("Withdrawn text: " + " ".join(a.text for a in block.alternatives), "I")
    else:
        text = "".join(f"[{a.label + ': ' if a.label else ''}{a.text}]" for a in block.alternatives)
        w.para(text + (f" {refs}" if refs else ""), "", 11, 1)
        backing = "; ".join(
            f"{a.label + ' ' if a.label else ''}backed by {', '.join(a.backed_by) or 'nobody now'}"
            f"{' (' + a.note + ')' if a.note else ''}"
            for a in block.alternatives
        )
        w.para(backing + ".", "I", 9)


def write_pdf(doc: Document, path: str | Path) -> None:
    w = _Writer()
    w.pdf.set_title(w.text(doc.title))
    w.para(doc.title, "B", 16, 3)
    w.para(f"As of {doc.as_of}. {doc.headline}", "I", 10, 3)
    if doc.legend:
        w.para(
            "Legend. Text in square brackets is not agreed; alternatives stand side by side "
            "as [A: …][B: …]. Each passage is labelled in words: "
            + "; ".join(words for _, words in doc.legend)
            + ".",
            "",
            9,
            4,
        )
    for s in doc.sections:
        w.para(f"{s.number}. {s.title}", "B", 13, 1)
        w.para(f"Part status: {s.status}.", "I", 9)
        if not s.clauses:
            w.para("No text tabled for this part yet.", "I")
        for block in s.clauses:
            _clause(w, block)
    if doc.footnotes:
        w.para("Notes", "B", 12, 1)
        for n in doc.footnotes:
            w.para(f"[{n.number}] {n.text}", "", 9, 1)
    w.pdf.output(str(path))
