"""Quotation marks: where quoted words begin and end, paragraph by paragraph.

News style lets a quotation run over paragraphs with no closing mark at a
paragraph's end when the next paragraph opens with a mark; that is one quotation.
A mark left open any other way is unbalanced: the quotation is closed at the
paragraph's end and a note says so, so the reader gets the words and a warning
rather than a quotation that swallows the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Paragraph", "Quote", "find_quotes", "normalize_marks", "paragraphs"]

_OPENERS = "\u201c\u201e\u00ab"  # “ „ «
_CLOSERS = "\u201d\u00bb"  # ” »
_SINGLE_OPEN = "\u2018"  # ‘
_SINGLE_CLOSE = "\u2019"  # ’
_BEFORE_OPEN = " \t\n([{\u2014\u2013-/:"
_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-empty line of the article, by offsets."""

    start: int
    end: int

    def text(self, article: str) -> str:
        """The line's words in ``article`` (as :meth:`Quote.text` gives a quotation's)."""
        return article[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words: ``pieces`` are the content offsets, one per paragraph it runs over."""

    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, article: str) -> str:
        return " ".join(article[s:e] for s, e in self.pieces)

    def words(self, article: str) -> int:
        return sum(len(_WORD.findall(article[s:e])) for s, e in self.pieces)


def paragraphs(text: str) -> list[Paragraph]:
    """Every non-blank line, stripped, as a paragraph."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Paragraph(pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_opening_straight(text: str, i: int, lo: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _BEFORE_OPEN or before in _OPENERS) and not after.isspace()


def _scan(text: str, para: Paragraph) -> tuple[list[tuple[int, int]], int | None, list[int]]:
    """Closed quotations in one paragraph, the start of one left open, and stray marks."""
    found: list[tuple[int, int]] = []
    stray: list[int] = []
    open_at: int | None = None
    single_at: int | None = None
    for i in range(para.start, para.end):
        ch = text[i]
        if ch == '"':
            if open_at is None and _is_opening_straight(text, i, para.start):
                open_at = i + 1
            elif open_at is not None:
                found.append(_trim(text, open_at, i))
                open_at = None
            else:
                stray.append(i)
        elif ch in _OPENERS:
            if open_at is not None:
                stray.append(open_at - 1)
                found.append(_trim(text, open_at, i))
            open_at = i + 1
        elif ch in _CLOSERS:
            if open_at is not None:
                found.append(_trim(text, open_at, i))
                open_at = None
            elif _is_opening_straight(text, i, para.start):
                open_at = i + 1  # a closing mark used as an opening one
            else:
                stray.append(i)
        elif ch == _SINGLE_OPEN and open_at is None and single_at is None:
            if _is_opening_straight(text, i, para.start):
                single_at = i + 1
        elif ch == _SINGLE_CLOSE and single_at is not None:
            after = text[i + 1] if i + 1 < para.end else " "
            if not after.isalpha():
                found.append(_trim(text, single_at, i))
                single_at = None
    found.sort()
    return [q for q in found if q[1] > q[0]], open_at, stray


def find_quotes(text: str) -> tuple[list[Quote], list[str]]:
    """All quotations in ``text`` in order, and notes on unbalanced marks."""
    paras = paragraphs(text)
    quotes: list[Quote] = []
    notes: list[str] = []
    carried: list[tuple[int, int]] = []
    for n, para in enumerate(paras):
        closed, open_at, stray = _scan(text, para)
        for i in stray:
            notes.append(f"unbalanced quotation mark at offset {i}; it was ignored")
        if carried:
            # The previous paragraph left a quotation open and this one opens with a mark.
            if closed and closed[0][0] == _first_content(text, para):
                first = closed.pop(0)
                quotes.append(Quote((*carried, first)))
                carried = []
            elif open_at is not None and open_at == _first_content(text, para) and not closed:
                carried.append(_trim(text, open_at, para.end))
                open_at = None
            else:
                quotes.append(Quote(tuple(carried), closed=False))
                carried = []
        quotes.extend(Quote((q,)) for q in closed)
        if open_at is None:
            continue
        piece = _trim(text, open_at, para.end)
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        if nxt is not None and text[nxt.start] in _OPENERS + '"':
            carried.append(piece)
        else:
            notes.append(
                f"unbalanced quotation mark at offset {open_at - 1}; "
                "the quotation was closed at the end of its paragraph"
            )
            if piece[1] > piece[0]:
                quotes.append(Quote((piece,), closed=False))
    if carried:
        notes.append("a quotation runs to the end of the text without a closing mark")
        quotes.append(Quote(tuple(carried), closed=False))
    # a mark with nothing after it before the paragraph ends leaves an empty piece
    kept = []
    for q in quotes:
        pieces = tuple(p for p in q.pieces if p[1] > p[0])
        if pieces:
            kept.append(Quote(pieces, q.closed))
    kept.sort(key=lambda q: q.start)
    return kept, notes


def _first_content(text: str, para: Paragraph) -> int:
    return para.start + 1 if text[para.start] in _OPENERS + '"' else -1


_DOUBLED = re.compile(r"``|''")


def normalize_marks(text: str) -> str:
    """Doubled apostrophes and backticks (''like this'', ``like this'') as quotation marks.

    Wire copy and some archives (the New York Times' among them) write a quotation mark
    as two apostrophes. Each pair becomes a curly mark and a space, opening or closing
    by what stands before it, so the text keeps its length and every offset holds.
    """
    if "''" not in text and "``" not in text:
        return text

    def swap(m: re.Match[str]) -> str:
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[m.end()] if m.end() < len(text) else " "
        opening = m.group(0) == "``" or (
            (before.isspace() or before in "([{\u2014-") and not after.isspace()
        )
        return " \u201c" if opening else "\u201d "

    return _DOUBLED.sub(swap, text)
