"""Sentences, and the stretches of an article worth running the model on.

The model is most of the cost of reading an article, and speakers are named outside
the quoted words, near a verb of saying: only those stretches go to it, joined into
one document (one call costs far less than many small ones).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from accords.text._quotes import Paragraph, Quote
from accords.text._speakers import CUE_RE

__all__ = [
    "ABBREV",
    "ACCORDING",
    "Entity",
    "NerFunction",
    "find_entities",
    "find_entities_many",
    "ner_segments",
    "sentence_bounds",
    "word_count",
]

#: (start, end, label) of a named entity, in the offsets of the text given.
Entity = tuple[int, int, str]
NerFunction = Callable[[Sequence[str]], list[list[Entity]]]

ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Sen|Rep|Gov|Prof|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)
_TERMINATOR = re.compile(r"[.!?]+[\u201d\"\u2019]?(?=\s+[\u201c\"\u2018A-Z(]|\s*$)")
ACCORDING = re.compile(r"\b[Aa]ccording to\b")
_WORDS = re.compile(r"[^\W_]+")


def sentence_bounds(text: str, para: Paragraph, quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Sentences of a paragraph; terminators inside a quotation do not end a sentence
    unless the quotation closes right there."""
    inside = [(q.start, q.end) for q in quotes if q.start < para.end and q.end > para.start]
    bounds: list[tuple[int, int]] = []
    start = para.start
    chunk = para.text(text)
    for m in _TERMINATOR.finditer(chunk):
        pos = para.start + m.start()
        end = para.start + m.end()
        if any(s <= pos < e for s, e in inside) and text[end - 1] not in '\u201d"\u2019':
            continue
        if ABBREV.search(text[start:pos]) and text[pos] == ".":
            continue
        bounds.append((start, end))
        start = end
        while start < para.end and text[start].isspace():
            start += 1
    if start < para.end:
        bounds.append((start, para.end))
    return bounds


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def ner_segments(
    text: str, paras: list[Paragraph], quotes: list[Quote], title_line: int | None
) -> list[tuple[int, int]]:
    """The spans worth the model: the words around quotations, and sentences with a cue.

    Speakers are named outside the quoted words, so a quotation's content is left
    out, and sentences with no quotation, cue or "according to" are left out too;
    that is most of an article, and the model is most of the cost.
    """
    spans: list[tuple[int, int]] = []
    for n, p in enumerate(paras):
        if n in (0, title_line):
            spans.append((p.start, p.end))
            continue
        inside = [piece for q in quotes for piece in q.pieces if p.start <= piece[0] < p.end]
        for s, e in sentence_bounds(text, p, quotes):
            pieces = [(a, b) for a, b in inside if s <= a < e]
            chunk = text[s:e]
            if not pieces and not (CUE_RE.search(chunk) or ACCORDING.search(chunk)):
                continue
            pos = s
            for a, b in pieces:
                spans.extend(_windows(text, pos, a))
                pos = max(pos, b)
            spans.extend(_windows(text, pos, e))
    return spans


def find_entities(text: str, spans: list[tuple[int, int]], ner: NerFunction) -> list[Entity]:
    """Entities of all spans from one model call: the spans joined into one document
    (one call costs far less than many small ones), offsets mapped back."""
    return find_entities_many([(text, spans)], ner)[0]


def find_entities_many(
    items: Sequence[tuple[str, list[tuple[int, int]]]], ner: NerFunction
) -> list[list[Entity]]:
    """:func:`find_entities` for several texts, all in one model call (one document each)."""
    sep = "\n\n"
    docs: list[str] = []
    layouts: list[list[int]] = []
    for text, spans in items:
        starts: list[int] = []
        pos = 0
        for a, b in spans:
            starts.append(pos)
            pos += (b - a) + len(sep)
        layouts.append(starts)
        if spans:
            docs.append(sep.join(text[a:b] for a, b in spans))
    found_all = iter(ner(docs) if docs else [])
    out: list[list[Entity]] = []
    for (_, spans), starts in zip(items, layouts, strict=True):
        mine: list[Entity] = []
        if spans:
            for s, e, label in next(found_all):
                i = bisect.bisect_right(starts, s) - 1
                a, b = spans[i]
                if e - starts[i] <= b - a:
                    mine.append((a + s - starts[i], a + e - starts[i], label))
        out.append(mine)
    return out


def _windows(text: str, lo: int, hi: int, reach: int = 6) -> list[tuple[int, int]]:
    """Where a speaker can be named in ``[lo, hi)``: its first and last words, and the
    words either side of each cue; long stretches in between are left out."""
    words = [(m.start() + lo, m.end() + lo) for m in _WORDS.finditer(text[lo:hi])]
    if not words:
        return []
    if len(words) <= 2 * reach:
        return [(lo, hi)]
    keep = set(range(min(reach, len(words)))) | set(range(max(0, len(words) - reach), len(words)))
    for m in CUE_RE.finditer(text, lo, hi):
        at = next((i for i, (a, _) in enumerate(words) if a >= m.start()), len(words) - 1)
        keep |= set(range(max(0, at - reach), min(len(words), at + reach)))
    out: list[tuple[int, int]] = []
    run: list[int] = []
    for i in sorted(keep):
        if run and i != run[-1] + 1:
            out.append((words[run[0]][0], words[run[-1]][1]))
            run = []
        run.append(i)
    if run:
        out.append((words[run[0]][0], words[run[-1]][1]))
    return out
