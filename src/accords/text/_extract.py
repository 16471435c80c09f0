"""Statements in an article: direct quotations, mixed and indirect speech, with cue and speaker.

The rules read the frame around each quotation: the words before it in its sentence
("Khalilzad said that:"), the words after it (", he added."), and the words between
two quotations (a quotation split by a cue is one statement). Sentences with a verb
of saying and no quotation give indirect speech. A quotation with no cue that opens
a paragraph right after a statement continues that speaker. Short quotations with no
cue, or quoted titles, are scare quotes: not statements.

Who a mention names is :mod:`accords.text._resolve`'s job; which stretches the
model reads, :mod:`accords.text._segments`'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from accords.text._parties import PartyMatcher
from accords.text._people import Directory, Linker
from accords.text._quotes import Paragraph, Quote, find_quotes, paragraphs
from accords.text._resolve import Context, RawStatement, Resolver
from accords.text._segments import (
    ABBREV,
    ACCORDING,
    Entity,
    NerFunction,
    find_entities_many,
    ner_segments,
    sentence_bounds,
    word_count,
)
from accords.text._speakers import (
    ACT_CUE_RE,
    CUE_RE,
    INDIRECT_CUE_RE,
    ZERO_THAT,
    Mention,
    Person,
    Registry,
)
from accords.text._split import split_joined

__all__ = ["NerFunction", "RawStatement", "extract_many", "extract_statements"]

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{2,40})(?:,\s*[A-Za-z .]+)?(?:\s*\([^)]{1,40}\))?\s*[:\u2014\u2013-]+\s+"
)
_THAT = re.compile(r"\bthat\b\s*:?\s*", re.IGNORECASE)
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


class _Extractor(Resolver):
    """The forms of a statement: headline, transcript turn, tweet, quotation, reported speech."""

    def _add(
        self,
        start: int,
        end: int,
        kind: str,
        cue: str | None,
        mention: Mention | None,
        clause: tuple[int, int],
        paragraph: int,
        text: str | None = None,
        speaker: tuple[str | None, str | None] | None = None,
        person: Person | None = None,
    ) -> RawStatement | None:
        tail = " \t,;:" if kind == "direct" else " \t,.;:"
        start, end = max(0, start), min(end, len(self.c.text))
        while start < end and self.c.text[start] in " \t,:;\u2014\u2013-":
            start += 1
        while end > start and self.c.text[end - 1] in tail:
            end -= 1
        if text is not None:
            text = text.strip().rstrip(tail)
        if end <= start or word_count(self.c.text[start:end]) < 2:
            return None
        self.person = None
        if speaker is None:
            speaker = self._resolve(mention, clause) if mention else (None, None)
        else:
            self.person = person
        name, party = speaker
        if name is None and mention is not None and mention.role != "they":
            name = mention.text  # an unknown speaker keeps the words that name them
        if name is None:
            return None
        st = RawStatement(
            start=start,
            end=end,
            text=text if text is not None else self.c.text[start:end],
            kind=kind,
            cue=cue,
            speaker=name,
            mention=mention.text if mention else None,
            party=party,
            paragraph=paragraph,
            person=self.person,
        )
        self.c.statements.append(st)
        self.c.last = st
        return st

    def headline(self, para: Paragraph, n: int) -> bool:
        line = self.c.text[para.start : para.end]
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
        line = self.c.text[para.start : para.end]
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
        found = _TWEET_SIG.match(self.c.text[para.start : para.end])
        if not found or prev is None:
            return False
        who = found.group("who").strip()
        lo = para.start + found.start("who")
        mention = Mention(lo, lo + len(who), who, "person")
        quotes = [q for q in self.c.quotes if prev.start <= q.start < prev.end]
        start, end = (quotes[0].start, quotes[-1].end) if quotes else (prev.start, prev.end)
        self._add(start, end, "direct", "tweeted", mention, (para.start, para.end), n - 1)
        return True

    def quotes_in(
        self, para: Paragraph, n: int, sentences: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Statements for the quotations starting in ``para``; returns the spans used."""
        text = self.c.text
        if n in self.signed:
            return [(para.start, para.end)]
        quotes = [q for q in self.c.quotes if para.start <= q.start < para.end]
        used: list[tuple[int, int]] = []
        i = 0
        prev_end = para.start
        while i < len(quotes):
            q = quotes[i]
            sent = next(
                (s for s in sentences if s[0] <= q.start - 1 < s[1]), (para.start, para.end)
            )
            lo = max(sent[0], prev_end)
            before = (lo, q.start - 1)
            after_hi = self._after_end(
                q, sentences, quotes[i + 1] if i + 1 < len(quotes) else None, para
            )
            after = (q.end + 1, after_hi)
            if not _is_speech_quote(text, q, text[before[0] : before[1]]):
                i += 1
                continue
            intro = self._speaker_in(before[0], before[1], prefer_first_cue=False)
            outro = (
                self._speaker_in(after[0], after[1], prefer_first_cue=True)
                if intro is None
                else None
            )
            group = [q]
            # "…," he said. "…": a quotation split by its cue is one statement
            if outro is not None and i + 1 < len(quotes):
                nxt = quotes[i + 1]
                gap = text[after[1] : nxt.start - 1]
                if not gap.strip() and (
                    text[q.end - 1 : q.end] in ",\u2014-" or text[q.end - 1] in ".!?"
                ):
                    nxt_after_hi = self._after_end(
                        nxt, sentences, quotes[i + 2] if i + 2 < len(quotes) else None, para
                    )
                    if self._speaker_in(nxt.end + 1, nxt_after_hi, True) is None:
                        group.append(nxt)
            pieces = [p for g in group for p in g.pieces]
            # the cue between the pieces of a split quotation is left out, and marked so
            pieces_text = (
                " … ".join(g.text(text).rstrip(" ,") for g in group) if len(pieces) > 1 else None
            )
            start, end = group[0].start, group[-1].end
            if intro is not None:
                mention, cue = intro
                tail = text[cue.end() : q.start - 1]
                that = _THAT.search(tail)
                between = tail[that.end() :] if that else tail
                clause = (before[0], before[1])
                if word_count(between) > 0 and (that or cue.group(0).lower() in ZERO_THAT):
                    c_start = cue.end() + (that.end() if that else 0)
                    c_end = self._sentence_end_after(q, sent)
                    self._add(c_start, c_end, "mixed", cue.group(0), mention, clause, n)
                    used.append((c_start, c_end))
                else:
                    self._add(start, end, "direct", cue.group(0), mention, clause, n, pieces_text)
                    used.append((before[0], end))
            elif outro is not None:
                mention, cue = outro
                self._add(start, end, "direct", cue.group(0), mention, after, n, pieces_text)
                used.append((start, after[1]))
            else:
                last = self.c.last
                opens_para = q.start - 1 <= para.start or not text[para.start : q.start - 1].strip()
                if last is not None and opens_para and n - last.paragraph <= 2 and last.speaker:
                    # someone named since the last statement is who speaks now
                    named_since = [
                        person
                        for person in self.c.registry.people.values()
                        if last.end < person.last_seen < q.start
                    ]
                    now = (
                        max(named_since, key=lambda x: x.last_seen) if named_since else last.person
                    )
                    speaker = (
                        (now.name, now.party) if now is not None else (last.speaker, last.party)
                    )
                    self._add(
                        start,
                        end,
                        "direct",
                        None,
                        None,
                        (para.start, para.end),
                        n,
                        pieces_text,
                        speaker=speaker,
                        person=now,
                    )
                    used.append((start, end))
            prev_end = max(end + 1, after[1]) if (intro or outro) else end + 1
            i += len(group)
        return used

    def _after_end(
        self, q: Quote, sentences: list[tuple[int, int]], nxt: Quote | None, para: Paragraph
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

    def indirect(
        self, para: Paragraph, n: int, sentences: list[tuple[int, int]], used: list[tuple[int, int]]
    ) -> None:
        text = self.c.text
        made = [(st.start, st.end) for st in self.c.statements]
        for s, e in sentences:
            if any(a < e and s < b for a, b in used) or any(a < e and s < b for a, b in made):
                continue
            body_start = s
            dl = _DATELINE.match(text, s, e) if s == para.start else None
            if dl:
                body_start = dl.end()
            sentence = text[body_start:e]
            acc = ACCORDING.search(sentence)
            if acc:
                self._according(body_start, e, acc, n)
                continue
            cues = list(INDIRECT_CUE_RE.finditer(text, body_start, e))
            if not cues:
                continue
            # "The talks were useful, Khalilzad said." / "…, said Khalilzad, the envoy."
            if self._tail_attribution(body_start, e, cues[-1], n):
                continue
            found = self._speaker_in(body_start, e, False, INDIRECT_CUE_RE)
            if found is None:
                continue
            mention, cue = found
            if mention.start > cue.start():
                continue  # an inverted cue with no content after it
            rest = text[cue.end() : e]
            that = _THAT.search(rest)
            if ACT_CUE_RE.match(cue.group(0)) and word_count(rest) >= 2:
                c_start = cue.start()  # the act is the claim: "rejected reports of a deal"
            elif (
                that
                and word_count(rest[: that.start()]) <= 8
                and "," not in rest[: that.start()].strip(", ")
            ) or (
                that and cue.group(0).lower() in {"told"} and word_count(rest[: that.start()]) <= 4
            ):
                c_start = cue.end() + that.end()
            elif (
                cue.group(0).lower() in ZERO_THAT
                and re.match(
                    r"\s+(?:the|a|an|he|she|they|it|we|I|there|this|these|those|his|her|their|"
                    r"its|our|my|you|no|nothing|none|all|some|any|both|more|most|many|several|"
                    r"such|one|two|much|if|[A-Z][a-z]+|[A-Z]\.|\d)\b",
                    rest,
                )
                and not re.match(
                    r"\s+(?:on|in|at|after|before|during|to|of|by|from|that|when|while)\b", rest
                )
            ):
                c_start = cue.end()
            else:
                continue
            self._add(c_start, e, "indirect", cue.group(0), mention, (body_start, cue.start()), n)

    def _tail_attribution(self, lo: int, hi: int, cue: re.Match[str], n: int) -> bool:
        text = self.c.text
        after = text[cue.end() : hi]
        if word_count(after) > 5 or _THAT.search(after):
            return False
        for comma in (m.start() for m in re.finditer(",", text[lo : cue.start()])):
            at = lo + comma
            if word_count(text[lo:at]) < 3 or word_count(text[at : cue.start()]) > 12:
                continue
            mentions = [
                m
                for m in self._mentions(at + 1, hi)
                if m.kind != "pronoun"
                or m.start < cue.start()
                or word_count(text[cue.end() : m.start]) == 0
            ]
            pick = self._pick(mentions)
            if pick is not None:
                return self._add(lo, at, "indirect", cue.group(0), pick, (at, hi), n) is not None
        return False

    def _according(self, lo: int, hi: int, acc: re.Match[str], n: int) -> None:
        text = self.c.text
        a_start = lo + acc.start()
        a_end = lo + acc.end()
        comma = text.find(",", a_end, hi)
        region_end = comma if comma != -1 else hi
        mentions = self._mentions(a_end, region_end)
        pick = self._pick(mentions)
        if pick is None:
            return
        if a_start - lo <= 2 and comma != -1:
            self._add(comma + 1, hi, "indirect", "according to", pick, (a_end, region_end), n)
        else:
            self._add(lo, a_start, "indirect", "according to", pick, (a_end, region_end), n)


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
    labels = sum(1 for p in paras if _LABEL.match(text[p.start : p.end]))
    ex.transcript = labels >= 2
    ex.paras = paras
    ex.signed = {
        n - 1 for n, p in enumerate(paras) if n and _TWEET_SIG.match(text[p.start : p.end])
    }
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
    for st in ctx.statements:
        if st.person is None and st.mention:
            # an alias of a party that is also a person's name: the person, named in full
            st.person = ctx.registry.by_name(st.mention)
        # titles met later in the article still count: "Khalilzad to Taliban: …" then
        # "the U.S. Special Representative, Zalmay Khalilzad, said …"
        if st.person is not None:
            st.speaker = st.person.name
            st.party = st.person.party or st.party
    return ctx.statements, notes
