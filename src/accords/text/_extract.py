"""Statements in an article: direct quotations, mixed and indirect speech, with cue and speaker.

The rules read the frame around each quotation: the words before it in its sentence
("Khalilzad said that:"), the words after it (", he added."), and the words between
two quotations (a quotation split by a cue is one statement). Sentences with a verb
of saying and no quotation give indirect speech. A quotation with no cue that opens
a paragraph right after a statement continues that speaker. Short quotations with no
cue, or quoted titles, are scare quotes: not statements.

Named entities come from a callable so that the model runs once per article, and
only on the paragraphs that can hold a statement (and the one before each, where
the speaker is often named): that is what makes the reader fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accords.text._parties import PartyMatcher
from accords.text._quotes import Paragraph, Quote, find_quotes, paragraphs
from accords.text._speakers import (
    CUE_RE,
    ZERO_THAT,
    Mention,
    Person,
    Registry,
    find_descriptions,
    find_pronouns,
    title_after,
    title_before,
)

__all__ = ["Entity", "NerFunction", "RawStatement", "extract_statements"]

#: (start, end, label) of a named entity, in the offsets of the text given.
Entity = tuple[int, int, str]
NerFunction = Callable[[Sequence[str]], list[list[Entity]]]

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Sen|Rep|Gov|Prof|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)
_TERMINATOR = re.compile(r"[.!?]+[\u201d\"\u2019]?(?=\s+[\u201c\"\u2018A-Z(]|\s*$)")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{2,40})(?:,\s*[A-Za-z .]+)?(?:\s*\([^)]{1,40}\))?\s*[:\u2014\u2013-]+\s+"
)
_THAT = re.compile(r"\bthat\b\s*:?\s*", re.IGNORECASE)
_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
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
_WORDS = re.compile(r"[^\W_]+")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Two or three capitalised words: a name the model may have missed ("Suhail Shaheen").
_NAME_LIKE = re.compile(
    r"\b[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)?(?:\s+[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)?){1,2}\b"
)
_NOT_NAMES = _wordset(
    "The A An In On At For But And As If When While After Before Since Our We Their This That "
    "These Those It He She They Some Many Most Both Each Every Last Next Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December Mr Mrs Ms Dr"
)
_ROLE_WORDS = _wordset(
    "spokesman spokeswoman spokesperson envoy representative minister president ambassador "
    "office ministry department government embassy council committee party army forces "
    "secretary general commander statement state nations union"
)
_PERSON_ROLES = _wordset(
    "spokesman spokeswoman spokesperson envoy representative negotiator official minister "
    "president ambassador diplomat mediator leader commander chief secretary adviser advisor "
    "analyst expert general senator lawmaker governor chairman head"
)
_BODY_ROLES = _wordset(
    "statement office ministry department government group movement administration embassy "
    "delegation leaders officials negotiators militants insurgents"
)
_NOT_PERSON_LABELS = frozenset(
    {
        "GPE",
        "LOC",
        "NORP",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "MONEY",
        "PERCENT",
        "QUANTITY",
    }
)


@dataclass
class RawStatement:
    """A statement before parts and claims: where its content is and who said it."""

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker: str | None
    mention: str | None
    party: str | None
    paragraph: int
    person: Person | None = None


@dataclass
class _Ctx:
    text: str
    parties: PartyMatcher
    registry: Registry
    entities: list[Entity]
    quotes: list[Quote]
    statements: list[RawStatement]
    last: RawStatement | None = None


def _sentence_bounds(text: str, para: Paragraph, quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Sentences of a paragraph; terminators inside a quotation do not end a sentence
    unless the quotation closes right there."""
    inside = [(q.start, q.end) for q in quotes if q.start < para.end and q.end > para.start]
    bounds: list[tuple[int, int]] = []
    start = para.start
    chunk = text[para.start : para.end]
    for m in _TERMINATOR.finditer(chunk):
        pos = para.start + m.start()
        end = para.start + m.end()
        if any(s <= pos < e for s, e in inside) and text[end - 1] not in '\u201d"\u2019':
            continue
        if _ABBREV.search(text[start:pos]) and text[pos] == ".":
            continue
        bounds.append((start, end))
        start = end
        while start < para.end and text[start].isspace():
            start += 1
    if start < para.end:
        bounds.append((start, para.end))
    return bounds


def _words(text: str) -> int:
    return len(_WORDS.findall(text))


def _is_speech_quote(text: str, quote: Quote, frame_before: str) -> bool:
    """Scare quotes and quoted titles are not speech; a cue right before a quote makes it so."""
    content = quote.text(text)
    n = _words(content)
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


class _Extractor:
    def __init__(self, ctx: _Ctx) -> None:
        self.c = ctx
        self.person: Person | None = None
        self.transcript = False
        self.paras: list[Paragraph] = []
        self.signed: set[int] = set()

    # -- mentions ---------------------------------------------------------------
    def _mentions(self, lo: int, hi: int) -> list[Mention]:
        """Everything in ``[lo, hi)`` that may name a speaker, in order."""
        text = self.c.text
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return not any(a < e and s < b for a, b in taken)

        def take(m: Mention) -> None:
            found.append(m)
            taken.append((m.start, m.end))

        for s, e, label in self.c.entities:
            if s >= lo and e <= hi and label == "PERSON":
                take(Mention(s, e, text[s:e], "person"))
        for person in self.c.registry.people.values():
            last = person.name.split()[-1]
            for m in re.finditer(rf"\b{re.escape(last)}\b", text[lo:hi]):
                if free(lo + m.start(), lo + m.end()):
                    take(Mention(lo + m.start(), lo + m.end(), m.group(0), "person"))
        party_spans = [(s + lo, e + lo) for s, e, _ in self.c.parties.find_all(text[lo:hi])]
        for m in _NAME_LIKE.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            words = m.group(0).split()
            if words[0] in _NOT_NAMES or any(w.lower() in _ROLE_WORDS for w in words):
                continue
            if any(a < e and s < b for a, b in party_spans) or not free(s, e):
                continue
            if any(
                a < e and s < b and label in _NOT_PERSON_LABELS for a, b, label in self.c.entities
            ):
                continue
            take(Mention(s, e, m.group(0), "person"))
        for d in find_descriptions(text, lo, hi):
            if free(d.start, d.end):
                take(d)
        for s, e in party_spans:
            possessive = text[s:e].endswith(("'s", "\u2019s", "'", "\u2019"))
            if not possessive and free(s, e):
                take(Mention(s, e, text[s:e], "party"))
        found.extend(find_pronouns(text, lo, hi))
        found.sort(key=lambda m: m.start)
        return found

    def _pick(self, mentions: list[Mention]) -> Mention | None:
        for kind in ("person", "description", "pronoun", "party"):
            for m in mentions:
                if kind == m.kind:
                    return m
        return None

    def _register_people(self, lo: int, hi: int) -> None:
        """People of a paragraph: the model's names, and names the model missed that an
        office stands beside ("Hamdullah Mohib, the national security adviser")."""
        text = self.c.text
        for s, e, label in self.c.entities:
            if label != "PERSON" or s < lo or e > hi:
                continue
            self._person(Mention(s, e, text[s:e], "person"))
        for m in self._mentions(lo, hi):
            if m.kind == "person" and self.c.registry.by_name(m.text) is None:
                titles = [
                    t for t in (title_before(text, lo, m.start), title_after(text, m.end, hi)) if t
                ]
                if titles:
                    self._person(m)

    def _recent_party(self, before: int, window: int = 600) -> str | None:
        """The party named last before ``before``: what "they" or "its leaders" refer to."""
        lo = max(0, before - window)
        hits = self.c.parties.find_all(self.c.text[lo:before])
        return hits[-1][2] if hits else None

    def _titles_for(self, mention: Mention) -> list[str]:
        """The offices written around a name, or one described just before it."""
        text = self.c.text
        para = next((p for p in self.paras if p.start <= mention.start < p.end), None)
        lo, hi = (para.start, para.end) if para else (0, len(text))
        titles = [
            t
            for t in (title_before(text, lo, mention.start), title_after(text, mention.end, hi))
            if t
        ]
        if not titles:
            # "The Taliban's spokesman … called for … . “…,” Suhail Shaheen said."
            for d in reversed(find_descriptions(text, max(0, mention.start - 400), mention.start)):
                if d.role in _PERSON_ROLES and self.c.parties.first(d.text):
                    if self.c.registry.by_role(d.role or "", None, d.start) is None:
                        titles.append(d.text)
                    break
        return titles

    def _person(self, mention: Mention) -> Person:
        """The registered person a name refers to, with any office written around it."""
        known = self.c.registry.by_name(mention.text)
        if known is not None and known.titles:
            known.last_seen = max(known.last_seen, mention.start)
            return known
        titles = self._titles_for(mention)
        person = self.c.registry.add(mention.text, mention.start, titles)
        if person.party is None and any(re.match(r"(?:[Tt]heir|[Ii]ts)\b", t) for t in titles):
            # "Their chief negotiator, Sher Mohammad Abbas Stanekzai": the party named last
            person.party = self._recent_party(mention.start)
        return person

    def _resolve(self, mention: Mention, clause: tuple[int, int]) -> tuple[str | None, str | None]:
        """The speaker's name and party for a mention (``self.person`` is set when a person)."""
        reg = self.c.registry
        self.person = None
        last = self.c.last
        if mention.kind == "person":
            named = self._person(mention)
            self.person = named
            return named.name, named.party
        if mention.kind == "party":
            party = self.c.parties.first(mention.text)
            return (self.c.parties.name(party) if party else mention.text), party
        if mention.kind == "pronoun":
            if mention.role == "they":
                if last is not None and last.party and last.person is None:
                    return last.speaker, last.party
                party = self._recent_party(mention.start)
                return (self.c.parties.name(party), party) if party else (None, None)
            if last is not None and last.speaker is not None and last.person is not None:
                self.person = last.person
                return last.speaker, last.party
            found = reg.latest(mention.start)
            self.person = found
            return (found.name, found.party) if found else (None, None)
        return self._resolve_description(mention, clause)

    def _resolve_description(
        self, mention: Mention, clause: tuple[int, int]
    ) -> tuple[str | None, str | None]:
        """ "the envoy": the named person holding that office; else the office itself."""
        reg = self.c.registry
        desc = mention.text.strip()
        det, _, rest = desc.partition(" ")
        det = det.lower()
        role = mention.role or ""
        local = self.c.text[clause[0] : clause[1]]
        party = self.c.parties.first(desc) or self.c.parties.first(local)
        if party is None and det in ("their", "its"):
            party = self._recent_party(mention.start)
        person = reg.by_role(role, party, mention.start)
        if person is not None:
            self.person = person
            return person.name, person.party or party
        last = self.c.last
        definite = det == "the" and role in _PERSON_ROLES
        if (
            definite
            and last is not None
            and last.person is not None
            and (party is None or last.party in (None, party))
        ):
            self.person = last.person
            return last.speaker, last.party
        if party is None and role in _BODY_ROLES:
            party = self._recent_party(mention.start)
        if party is not None and role == "statement":
            return self.c.parties.name(party), party
        if party is not None and det in ("their", "its"):
            return f"{self.c.parties.name(party)} {rest}", party
        return desc, party

    def _speaker_in(
        self, lo: int, hi: int, prefer_first_cue: bool
    ) -> tuple[Mention, re.Match[str]] | None:
        """A cue in ``[lo, hi)`` and the mention that is its speaker."""
        text = self.c.text
        cues = list(CUE_RE.finditer(text, lo, hi))
        if not cues:
            return None
        if _ACCORDING.search(text, lo, hi):
            pass
        cue = cues[0] if prefer_first_cue else cues[-1]
        before = self._mentions(lo, cue.start())
        # the subject: the first mention in the clause, before the first cue
        subject_zone = [m for m in before if m.start < cues[0].start()]
        pick = self._pick(subject_zone) if subject_zone else None
        if pick is None:
            after = self._mentions(cue.end(), hi)
            pick = self._pick(after[:3])
        if pick is None:
            return None
        return pick, cue

    # -- statements -------------------------------------------------------------
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
        if end <= start or _words(self.c.text[start:end]) < 2:
            return None
        self.person = None
        if speaker is None:
            speaker = self._resolve(mention, clause) if mention else (None, None)
        else:
            self.person = person
        name, party = speaker
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

    def complete_name(self, person: Person) -> None:
        """ "Khalilzad" in a headline, "Zalmay Khalilzad, the U.S. envoy, …" in a paragraph
        the model did not read: take the full name and the office from the text."""
        if " " in person.name:
            return
        text = self.c.text
        for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(person.name)}\b", text):
            if m.group(1) in _NOT_NAMES or m.group(1).lower() in _ROLE_WORDS:
                continue
            mention = Mention(m.start(), m.end(), m.group(0), "person")
            titles = self._titles_for(mention)
            person.name = m.group(0)
            for title in titles:
                if title not in person.titles:
                    person.titles.append(title)
            if person.party is None:
                person.party = self.c.parties.first_of(person.titles)
            return

    def preregister(self, para: Paragraph) -> None:
        """Names that stand before a cue are people: meet them before any pronoun is resolved."""
        for cue in CUE_RE.finditer(self.c.text, para.start, para.end):
            for m in self._mentions(max(para.start, cue.start() - 120), cue.start()):
                if m.kind == "person":
                    self._person(m)

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
                if _words(between) > 0 and (that or cue.group(0).lower() in ZERO_THAT):
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
            if text[pos] == "." and _ABBREV.search(text[q.end + 1 : pos]):
                continue
            end = pos + 1
            break
        # a new sentence right after a quotation ending in a full stop is not its cue
        frame = text[q.end + 1 : end]
        if text[q.end - 1 : q.end] in ".!?" and _words(frame) > 8:
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
            acc = _ACCORDING.search(sentence)
            if acc:
                self._according(body_start, e, acc, n)
                continue
            cues = list(CUE_RE.finditer(text, body_start, e))
            if not cues:
                continue
            # "The talks were useful, Khalilzad said." / "…, said Khalilzad, the envoy."
            if self._tail_attribution(body_start, e, cues[-1], n):
                continue
            found = self._speaker_in(body_start, e, prefer_first_cue=False)
            if found is None:
                continue
            mention, cue = found
            if mention.start > cue.start():
                continue  # an inverted cue with no content after it
            rest = text[cue.end() : e]
            that = _THAT.search(rest)
            if (
                that
                and _words(rest[: that.start()]) <= 8
                and "," not in rest[: that.start()].strip(", ")
            ) or (that and cue.group(0).lower() in {"told"} and _words(rest[: that.start()]) <= 4):
                c_start = cue.end() + that.end()
            elif (
                cue.group(0).lower() in ZERO_THAT
                and re.match(
                    r"\s+(?:the|a|an|he|she|they|it|we|I|there|this|his|her|their|its|[A-Z][a-z]+)\b",
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
        if _words(after) > 5 or _THAT.search(after):
            return False
        for comma in (m.start() for m in re.finditer(",", text[lo : cue.start()])):
            at = lo + comma
            if _words(text[lo:at]) < 3 or _words(text[at : cue.start()]) > 12:
                continue
            mentions = [
                m
                for m in self._mentions(at + 1, hi)
                if m.kind != "pronoun"
                or m.start < cue.start()
                or _words(text[cue.end() : m.start]) == 0
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


def _ner_segments(
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
        for s, e in _sentence_bounds(text, p, quotes):
            pieces = [(a, b) for a, b in inside if s <= a < e]
            chunk = text[s:e]
            if not pieces and not (CUE_RE.search(chunk) or _ACCORDING.search(chunk)):
                continue
            pos = s
            for a, b in pieces:
                spans.extend(_windows(text, pos, a))
                pos = max(pos, b)
            spans.extend(_windows(text, pos, e))
    return spans


def _entities(text: str, spans: list[tuple[int, int]], ner: NerFunction) -> list[Entity]:
    """Entities of all spans from one model call: the spans joined into one document
    (one call costs far less than many small ones), offsets mapped back."""
    if not spans:
        return []
    sep = "\n\n"
    joined: list[str] = []
    starts: list[int] = []
    pos = 0
    for a, b in spans:
        starts.append(pos)
        joined.append(text[a:b])
        pos += (b - a) + len(sep)
    (found,) = ner([sep.join(joined)])
    out: list[Entity] = []
    for s, e, label in found:
        i = bisect.bisect_right(starts, s) - 1
        a, b = spans[i]
        if e - starts[i] <= b - a:
            out.append((a + s - starts[i], a + e - starts[i], label))
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


def extract_statements(
    text: str, parties: PartyMatcher, ner: NerFunction, title_line: int | None = None
) -> tuple[list[RawStatement], list[str]]:
    """Every statement in ``text``, in order, and notes on what could not be read cleanly."""
    paras = paragraphs(text)
    quotes, notes = find_quotes(text)
    entities = _entities(text, _ner_segments(text, paras, quotes, title_line), ner)
    ctx = _Ctx(text, parties, Registry(parties), entities, quotes, [])
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
        sentences = _sentence_bounds(text, para, quotes)
        ex.preregister(para)
        used = ex.quotes_in(para, n, sentences)
        ex.indirect(para, n, sentences, used)
    for person in ctx.registry.people.values():
        ex.complete_name(person)
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
