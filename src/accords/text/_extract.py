"""Statements in an article: direct quotations, mixed and indirect speech, with cue and speaker.

This module reads an article paragraph by paragraph and tries each form in turn: a
headline ("Khalilzad to Taliban: …"), a transcript turn ("MR. PRICE: …"), a signed
tweet, then the quotations (:mod:`accords.text._quotations`) and the reported speech
(:mod:`accords.text._reported`) of the paragraph's sentences.

Who a mention names is :mod:`accords.text._resolve`'s job; which stretches the
model reads, :mod:`accords.text._segments`'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from accords.text._parties import PartyMatcher
from accords.text._people import Directory, Linker
from accords.text._quotations import Quotations
from accords.text._quotes import Paragraph, Quote, find_quotes, paragraphs
from accords.text._resolve import Context, RawStatement
from accords.text._segments import (
    Entity,
    NerFunction,
    find_entities_many,
    ner_segments,
    sentence_bounds,
)
from accords.text._speakers import CUE_RE, Mention, Registry
from accords.text._split import split_joined

__all__ = ["extract_many", "extract_statements"]

_HEADLINE = re.compile(
    r"^(?P<who>[A-Z][\w.\u2019' -]{1,60}?)\s+to\s+(?P<whom>[A-Z][\w.\u2019' -]{1,60}?):\s+"
    r"[\u2018\u201c\"']?(?P<what>.{3,}?)[\u2019\u201d\"']?$"
)
_LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][A-Z.\u2019'-]+)(?:\s+[A-Z][A-Z.\u2019'-]+){0,3})\s*:\s+(?P<what>\S.*)$"
)
_TWEET_SIG = re.compile(
    r"^[\u2014\u2013-]+\s*(?P<who>[^()\n]{2,60}?)\s*\(@(?P<handle>\w{1,30})\)(?P<rest>.*)$"
)
_QUESTION_LABELS = frozenset({"Q", "QUESTION", "MODERATOR", "REPORTER", "INTERVIEWER"})


class _Extractor(Quotations):
    """The forms of a statement: headline, transcript turn, tweet, quotation, reported speech."""

    def headline(self, para: Paragraph, n: int) -> bool:
        line = para.text(self.c.text)
        found = _HEADLINE.match(line)
        if not found or CUE_RE.search(found.group("who")):
            return False
        who = found.group("who").strip()
        start = para.start + found.start("what")
        end = para.start + found.end("what")
        if any(s.text == self.c.text[start:end] for s in self.c.statements):
            return True
        who_lo = para.start + found.start("who")
        named = any(label == "PERSON" and s <= who_lo < e for s, e, label in self.c.entities)
        person = self.c.registry.by_name(who)
        if person is None and (named or self.c.parties.first(who) is None):
            person = self.c.registry.add(who, para.start, [])
        mention = Mention(
            para.start + found.start("who"),
            para.start + found.end("who"),
            who,
            "person" if person else "party",
        )
        self._add(start, end, "direct", "to", mention, (para.start, para.end), n)
        return True

    def label_turn(self, para: Paragraph, n: int) -> bool:
        """``MR. PRICE: …`` in a transcript: one turn, one statement; questions are not."""
        line = para.text(self.c.text)
        found = _LABEL.match(line)
        if not found or not self.transcript:
            return False
        label = found.group("label").strip()
        if label.upper().rstrip(".") in _QUESTION_LABELS:
            return True
        if n == 0 or len(label) < 2:
            return False
        known = self.c.parties.first(label) or self.c.registry.by_name(label)
        honorific = re.search(r"\b(?:MR|MS|MRS|DR|AMBASSADOR|SPOKESPERSON|SECRETARY)\b", label)
        if not known and not honorific and len(label.split()) > 1:
            return False
        display = " ".join(
            w.capitalize() if w.isupper() and len(w) > 2 else w for w in label.split()
        )
        display = re.sub(r"\b(MR|MS|MRS|DR)\b", lambda m: m.group(1).capitalize(), display)
        mention = Mention(para.start, para.start + len(found.group("label")), label, "person")
        start = para.start + found.start("what")
        party = self.c.parties.first(label)
        if party is not None and self.c.registry.by_name(label) is None:
            speaker = (self.c.parties.name(party), party)
            self._add(
                start, para.end, "direct", ":", mention, (para.start, para.end), n, speaker=speaker
            )
            return True
        person = self.c.registry.by_name(display) or self.c.registry.add(display, para.start, [])
        self._add(
            start,
            para.end,
            "direct",
            ":",
            mention,
            (para.start, para.end),
            n,
            speaker=(person.name, person.party),
            person=person,
        )
        return True

    def tweet_signature(self, para: Paragraph, n: int, prev: Paragraph | None) -> bool:
        found = _TWEET_SIG.match(para.text(self.c.text))
        if not found or prev is None:
            return False
        who = found.group("who").strip()
        lo = para.start + found.start("who")
        mention = Mention(lo, lo + len(who), who, "person")
        quotes = [q for q in self.c.quotes if prev.start <= q.start < prev.end]
        start, end = (quotes[0].start, quotes[-1].end) if quotes else (prev.start, prev.end)
        self._add(start, end, "direct", "tweeted", mention, (para.start, para.end), n - 1)
        return True


def extract_statements(
    text: str, parties: PartyMatcher, ner: NerFunction, title_line: int | None = None
) -> tuple[list[RawStatement], list[str]]:
    """Every statement in ``text``, in order, and notes on what could not be read cleanly."""
    return extract_many([(text, title_line)], parties, ner)[0]


def extract_many(
    items: Sequence[tuple[str, int | None]],
    parties: PartyMatcher,
    ner: NerFunction,
    linker: Linker | None = None,
    days: Sequence[date | None] | None = None,
) -> list[tuple[list[RawStatement], list[str]]]:
    """:func:`extract_statements` for several texts (with their title lines), the model
    called once for all of them: a batch of documents costs less per document.

    ``linker`` links speakers to parties through the people directory; ``days`` are the
    articles' dates, for titles held between dates."""
    linker = linker or Linker(Directory(), parties)
    days = list(days) if days is not None else [None] * len(items)
    prepared = []
    for text, title_line in items:
        paras = paragraphs(text)
        quotes, notes = find_quotes(text)
        prepared.append((paras, quotes, notes, ner_segments(text, paras, quotes, title_line)))
    entities = find_entities_many(
        [(text, spans) for (text, _), (*_, spans) in zip(items, prepared, strict=True)], ner
    )
    return [
        _extract(text, title_line, paras, quotes, notes, found, Registry(parties, linker, day))
        for (text, title_line), (paras, quotes, notes, _), found, day in zip(
            items, prepared, entities, days, strict=True
        )
    ]


def _extract(
    text: str,
    title_line: int | None,
    paras: list[Paragraph],
    quotes: list[Quote],
    notes: list[str],
    entities: list[Entity],
    registry: Registry,
) -> tuple[list[RawStatement], list[str]]:
    ctx = Context(text, registry.parties, registry, entities, quotes, [])
    ex = _Extractor(ctx)
    labels = sum(1 for p in paras if _LABEL.match(p.text(text)))
    ex.transcript = labels >= 2
    ex.paras = paras
    ex.signed = {n - 1 for n, p in enumerate(paras) if n and _TWEET_SIG.match(p.text(text))}
    for n, para in enumerate(paras):
        ex._register_people(para.start, para.end)
        if n == (title_line if title_line is not None else -1) and ex.headline(para, n):
            continue
        if ex.tweet_signature(para, n, paras[n - 1] if n else None):
            continue
        if ex.label_turn(para, n):
            continue
        sentences = sentence_bounds(text, para, quotes)
        ex.preregister(para)
        used = ex.quotes_in(para, n, sentences)
        ex.indirect(para, n, sentences, used)
    for person in ctx.registry.people.values():
        ex.complete_name(person)
    ctx.statements = split_joined(text, ctx.statements)  # "…, but he also warned …"
    return [_named_in_full(st, ctx.registry) for st in ctx.statements], notes


def _named_in_full(st: RawStatement, registry: Registry) -> RawStatement:
    """The statement with its speaker as the article knows them by its end."""
    person = st.person
    if person is None and st.mention:
        # an alias of a party that is also a person's name: the person, named in full
        person = registry.by_name(st.mention)
    if person is None:
        return st
    # titles met later in the article still count: "Khalilzad to Taliban: …" then
    # "the U.S. Special Representative, Zalmay Khalilzad, said …"
    return replace(st, person=person, speaker=person.name, party=person.party or st.party)
