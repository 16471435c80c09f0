"""Quotations in an article: direct and mixed speech, with the cue before or after.

The rules read the frame around each quotation: the words before it in its sentence
("Khalilzad said that:"), the words after it (", he added."), and the words between
two quotations (a quotation split by a cue is one statement). A quotation with no cue
that opens a paragraph right after a statement continues that speaker. Short
quotations with no cue, or quoted titles, are scare quotes: not statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accords.text._quotes import Paragraph, Quote
from accords.text._reported import THAT, Speech
from accords.text._segments import ABBREV, word_count
from accords.text._speakers import CUE_RE, ZERO_THAT, Mention

Span = tuple[int, int]
Found = tuple[Mention, re.Match[str]]


def _is_speech_quote(text: str, quote: Quote, frame_before: str) -> bool:
    """Scare quotes and quoted titles are not speech; a cue right before a quote makes it so."""
    content = quote.text(text)
    n = word_count(content)
    cued = bool(re.search(r"(?:[:,]|\bthat)\s*$", frame_before.strip() + " ")) or bool(
        CUE_RE.search(frame_before[-40:])
    )
    if n >= 4:
        words = content.split()
        title_like = all(
            w[:1].isupper() or w.lower() in {"of", "the", "and", "a", "in"} for w in words
        )
        return not (title_like and n <= 8 and not re.search(r"[.!?,]$", content))
    return n >= 1 and cued and bool(re.search(r"[.!?]$", content))


_CALLED = re.compile(r"call(?:ed|s|ing)", re.IGNORECASE)


def _names_quote(text: str, cue: re.Match[str], quote: Quote) -> bool:
    """ "called the plan “reckless”": *call* frames a quotation only when the
    quotation follows its object in the same phrase, not a title further on, and is no
    title itself ("a show called “The Long Quay”")."""
    if not _CALLED.fullmatch(cue.group(0)):
        return True
    between = text[cue.end() : quote.start]
    words = re.findall(r"[A-Za-z][\w'-]*", quote.text(text))
    title = len(words) > 1 and all(w[0].isupper() or len(w) <= 3 for w in words)
    return "," not in between and word_count(between) <= 5 and not title


@dataclass(frozen=True)
class _Frame:
    """A quotation's sentence, the words before it and the words after it."""

    sentence: Span
    before: Span
    after: Span


@dataclass(frozen=True)
class _Group:
    """One statement's quotations (two when a cue splits it) and its text when split."""

    quotes: list[Quote]
    text: str | None

    @property
    def start(self) -> int:
        return self.quotes[0].start

    @property
    def end(self) -> int:
        return self.quotes[-1].end


class Quotations(Speech):
    """Direct and mixed speech: a quotation, its cue and its speaker."""

    def quotes_in(self, para: Paragraph, n: int, sentences: list[Span]) -> list[Span]:
        """Statements for the quotations starting in ``para``; returns the spans used."""
        text = self.c.text
        if n in self.signed:
            return [(para.start, para.end)]
        quotes = [q for q in self.c.quotes if para.start <= q.start < para.end]
        used: list[Span] = []
        i = 0
        prev_end = para.start
        while i < len(quotes):
            q = quotes[i]
            sent = next(
                (s for s in sentences if s[0] <= q.start - 1 < s[1]), (para.start, para.end)
            )
            before = (max(sent[0], prev_end), q.start - 1)
            after = (q.end + 1, self._after_end(q, sentences, _next(quotes, i), para))
            if not _is_speech_quote(text, q, text[before[0] : before[1]]):
                i += 1
                continue
            intro = self._speaker_in(before[0], before[1], prefer_first_cue=False)
            if intro is not None and not _names_quote(text, intro[1], q):
                intro = None
            outro = (
                self._speaker_in(after[0], after[1], prefer_first_cue=True)
                if intro is None
                else None
            )
            group = self._group(quotes, i, after, sentences, para) if outro else [q]
            frame = _Frame(sent, before, after)
            span = self._quoted(self._joined(group), intro, outro, frame, para, n)
            if span is not None:
                used.append(span)
            end = group[-1].end
            prev_end = max(end + 1, after[1]) if (intro or outro) else end + 1
            i += len(group)
        return used

    def _group(
        self, quotes: list[Quote], i: int, after: Span, sentences: list[Span], para: Paragraph
    ) -> list[Quote]:
        """'…,' he said. '…': a quotation split by its cue is one statement."""
        text = self.c.text
        q = quotes[i]
        if i + 1 >= len(quotes):
            return [q]
        nxt = quotes[i + 1]
        gap = text[after[1] : nxt.start - 1]
        if not gap.strip() and (text[q.end - 1 : q.end] in ",\u2014-" or text[q.end - 1] in ".!?"):
            nxt_after_hi = self._after_end(nxt, sentences, _next(quotes, i + 1), para)
            if self._speaker_in(nxt.end + 1, nxt_after_hi, True) is None:
                return [q, nxt]
        return [q]

    def _joined(self, quotes: list[Quote]) -> _Group:
        """The cue between the pieces of a split quotation is left out, and marked so."""
        pieces = [p for g in quotes for p in g.pieces]
        text = (
            " … ".join(g.text(self.c.text).rstrip(" ,") for g in quotes)
            if len(pieces) > 1
            else None
        )
        return _Group(quotes, text)

    def _quoted(
        self,
        group: _Group,
        intro: Found | None,
        outro: Found | None,
        frame: _Frame,
        para: Paragraph,
        n: int,
    ) -> Span | None:
        """The statement a quotation makes: cued before, cued after, or continuing."""
        if intro is not None:
            return self._introduced(group, intro, frame, n)
        if outro is not None:
            mention, cue = outro
            self._add(
                group.start, group.end, "direct", cue.group(0), mention, frame.after, n, group.text
            )
            return (group.start, frame.after[1])
        return self._continued(group, para, n)

    def _introduced(self, group: _Group, intro: Found, frame: _Frame, n: int) -> Span:
        """'Khalilzad said that: "…"' is direct; 'he said the talks were "useful"' mixed."""
        text = self.c.text
        q = group.quotes[0]
        mention, cue = intro
        tail = text[cue.end() : q.start - 1]
        that = THAT.search(tail)
        between = tail[that.end() :] if that else tail
        clause = frame.before
        if word_count(between) > 0 and (that or cue.group(0).lower() in ZERO_THAT):
            c_start = cue.end() + (that.end() if that else 0)
            c_end = self._sentence_end_after(q, frame.sentence)
            self._add(c_start, c_end, "mixed", cue.group(0), mention, clause, n)
            return (c_start, c_end)
        self._add(group.start, group.end, "direct", cue.group(0), mention, clause, n, group.text)
        return (frame.before[0], group.end)

    def _continued(self, group: _Group, para: Paragraph, n: int) -> Span | None:
        """A quotation with no cue opening a paragraph continues the last speaker."""
        text = self.c.text
        q = group.quotes[0]
        last = self.c.last
        opens_para = q.start - 1 <= para.start or not text[para.start : q.start - 1].strip()
        if last is None or not opens_para or n - last.paragraph > 2 or not last.speaker:
            return None
        # someone named since the last statement is who speaks now
        named_since = [
            person
            for person in self.c.registry.people.values()
            if last.end < person.last_seen < q.start
        ]
        now = max(named_since, key=lambda x: x.last_seen) if named_since else last.person
        speaker = (now.name, now.party) if now is not None else (last.speaker, last.party)
        self._add(
            group.start,
            group.end,
            "direct",
            None,
            None,
            (para.start, para.end),
            n,
            group.text,
            speaker=speaker,
            person=now,
        )
        return (group.start, group.end)

    def _after_end(
        self, q: Quote, sentences: list[Span], nxt: Quote | None, para: Paragraph
    ) -> int:
        """Where the words after a quotation that may carry its cue end."""
        text = self.c.text
        home = next((p for p in self.paras if p.start <= q.end <= p.end), para)
        hi = home.end
        if nxt is not None and q.end < nxt.start <= hi:
            hi = nxt.start - 1
        end = hi
        for m in re.finditer(r"[.!?;]", text[q.end + 1 : hi]):
            pos = q.end + 1 + m.start()
            if text[pos] == "." and ABBREV.search(text[q.end + 1 : pos]):
                continue
            end = pos + 1
            break
        # a new sentence right after a quotation ending in a full stop is not its cue
        frame = text[q.end + 1 : end]
        inverted = CUE_RE.match(frame.strip()) or CUE_RE.search(frame.split(",")[0][:40])
        if text[q.end - 1 : q.end] in ".!?" and word_count(frame) > 8 and not inverted:
            return q.end + 1
        return end

    def _sentence_end_after(self, q: Quote, sent: tuple[int, int]) -> int:
        return max(q.end + 1, sent[1]) if sent[1] >= q.end else q.end + 1


def _next(quotes: list[Quote], i: int) -> Quote | None:
    """The quotation after the ``i``-th, if any."""
    return quotes[i + 1] if i + 1 < len(quotes) else None
