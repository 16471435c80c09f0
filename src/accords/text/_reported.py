"""Reported speech in an article, and the one place a statement is made.

Sentences with a verb of saying and no quotation give indirect speech ("Khalilzad said
that the talks were useful"), with its cue before the speaker, after the content
(", Khalilzad said."), or as "according to". :class:`Speech` is the base of the
article reader (:mod:`accords.text._extract`): ``_add`` trims a span, resolves its
speaker and records the statement, for every form.
"""

from __future__ import annotations

import re

from accords.text._quotes import Paragraph
from accords.text._resolve import RawStatement, Resolver
from accords.text._segments import ACCORDING, word_count
from accords.text._speakers import ACT_CUE_RE, INDIRECT_CUE_RE, ZERO_THAT, Mention, Person

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{2,40})(?:,\s*[A-Za-z .]+)?(?:\s*\([^)]{1,40}\))?\s*[:\u2014\u2013-]+\s+"
)
THAT = re.compile(r"\bthat\b\s*:?\s*", re.IGNORECASE)


class Speech(Resolver):
    """Statements made and recorded; the indirect forms of speech."""

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
            # "The plan, officials said, needs more money."
            if self._parenthetical(body_start, e, cues[0], n):
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
            c_start = _content_start(text, cue, e)
            if c_start is None:
                continue
            self._add(c_start, e, "indirect", cue.group(0), mention, (body_start, cue.start()), n)

    def _tail_attribution(self, lo: int, hi: int, cue: re.Match[str], n: int) -> bool:
        text = self.c.text
        after = text[cue.end() : hi]
        if word_count(after) > 5 or THAT.search(after):
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
        # "The river was rising, the mayor said.": a noun phrase no rule names
        last = text.rfind(",", lo, cue.start())
        phrase = self._subject_phrase(last + 1, cue.start()) if last != -1 else None
        if phrase is None or word_count(text[lo:last]) < 3:
            return False
        return self._add(lo, last, "indirect", cue.group(0), phrase, (last, hi), n) is not None

    def _parenthetical(self, lo: int, hi: int, cue: re.Match[str], n: int) -> bool:
        """ "The plan, officials said, needs more money": the attribution set between two
        commas inside its content; the statement is the sentence without it."""
        text = self.c.text
        after = _PAREN_AFTER.match(text, cue.end(), hi)
        comma = text.rfind(",", lo, cue.start())
        if after is None or comma == -1 or word_count(text[after.end() : hi]) < 2:
            return False
        if word_count(text[lo:comma]) < 1 or word_count(text[comma + 1 : cue.start()]) > 6:
            return False
        zone = (comma + 1, cue.start())
        mention = self._pick(self._mentions(*zone)) or self._subject_phrase(*zone)
        if mention is None:
            return False
        body = text[lo:comma].strip() + " " + text[after.end() : hi].strip()
        return self._add(lo, hi, "indirect", cue.group(0), mention, zone, n, text=body) is not None

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


# what may follow the cue of an attribution set between commas: "…, officials said on Monday, …"
_PAREN_AFTER = re.compile(r"\s*(?:(?:on|in|at|last|this|late|early)\s+[\w.]+\s*)?,\s*")
# the start of a clause told without "that": "he said the talks …", "officials said
# officers will …" (a plain noun then a verb a few words on)
_CLAUSE_START = re.compile(
    r"\s+(?:the|a|an|he|she|they|it|we|I|there|this|these|those|his|her|their|"
    r"its|our|my|you|no|nothing|none|all|some|any|both|more|most|many|several|"
    r"such|one|two|much|if|[A-Z][a-z]+|[A-Z]\.|\d)\b"
)
_NOT_CLAUSE = re.compile(r"\s+(?:on|in|at|after|before|during|to|of|by|from|that|when|while)\b")
_NOUN_THEN_VERB = re.compile(
    r"\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?\s+(?:is|are|was|were|will|would|can|could|"
    r"should|may|might|must|has|have|had|do|does|did|need|needs|want|wants)\b"
)


def _content_start(text: str, cue: re.Match[str], end: int) -> int | None:
    """Where the content of an indirect statement starts after its cue, or None when what
    follows the cue is no reported clause ("said on Monday", "told reporters")."""
    rest = text[cue.end() : end]
    that = THAT.search(rest)
    if ACT_CUE_RE.match(cue.group(0)) and word_count(rest) >= 2:
        return cue.start()  # the act is the claim: "rejected reports of a deal"
    before_that = rest[: that.start()] if that else ""
    if that and word_count(before_that) <= 8 and "," not in before_that.strip(", "):
        return cue.end() + that.end()
    if that and cue.group(0).lower() in {"told"} and word_count(before_that) <= 4:
        return cue.end() + that.end()
    if cue.group(0).lower() not in ZERO_THAT or _NOT_CLAUSE.match(rest):
        return None
    if _CLAUSE_START.match(rest) or _NOUN_THEN_VERB.match(rest):
        return cue.end()
    return None
