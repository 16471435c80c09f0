"""DOCX and PDF open, and carry the brackets, the labels in words and the footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from accords.draft import render_docx, render_pdf
from accords.model import clauses as cl
from draft.builders import accept, base, day, run, table


def _state():
    return run(
        [
            table(),
            cl.BracketClause(
                on=day(2),
                clause="c1",
                party="tb",
                alternative="B",
                text="All forces leave within 9 months — “conditions-based”.",
            ),
            table(clause="c2", text="Five bases are vacated.", n=3),
            accept("us", "ad-ref", clause="c2", n=4),
            accept("tb", "ad-ref", clause="c2", n=4),
            cl.ReserveClause(on=day(5), clause="c2", party="tb", note="subject to the Emir"),
        ],
        base(),
    )


def test_docx_opens_and_contains_the_brackets(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx: pip install 'accords[docs]'")
    out = tmp_path / "draft.docx"
    render_docx(_state(), out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "[A: All forces leave within 14 months.][B: All forces leave within 9 months" in text
    assert "alternatives contested" in text
    assert "Taliban reserves its position" in text
    assert "Nothing is agreed until everything is agreed" in text


def test_pdf_opens_and_contains_the_brackets(tmp_path: Path) -> None:
    pytest.importorskip("fpdf", reason="fpdf2: pip install 'accords[docs]'")
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the PDF back")
    out = tmp_path / "draft.pdf"
    render_pdf(_state(), out)
    reader = pypdf.PdfReader(str(out))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "[A: All forces leave within 14 months.][B: All forces leave within 9 months" in flat
    assert "alternatives contested" in flat
    assert "reserves its position" in flat


def test_pdf_without_a_unicode_font_spells_typography_in_ascii(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("fpdf", reason="fpdf2: pip install 'accords[docs]'")
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the PDF back")
    from accords.draft import pdf

    monkeypatch.setattr(pdf, "_FONT_CANDIDATES", ())
    out = tmp_path / "ascii.pdf"
    render_pdf(_state(), out)
    flat = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages).split())
    assert '9 months -- "conditions-based".]' in flat
