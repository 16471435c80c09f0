"""The subject of a verb of saying: the words that stand right before the cue.

Press puts the speaker immediately before the cue far more often than anywhere else
in the clause ("…, which he said …", "Mr. Sanders's campaign said", "Six in 10 voters
say"). The first name in a clause is often not the speaker ("He criticized Clinton's
record and said …", "Cruz says he …"), so the phrase that ends where the cue starts
(after adverbs and auxiliaries: "has also said", "later told") is read first, and the
older rules only when it names nothing. Without a parser, the phrase is bounded by
punctuation and by words that cannot be inside a noun phrase.

An apposition ("Zalmay Khalilzad, the U.S. envoy, said") ends in a comma: that case is
left to the clause rules, which prefer the name over its office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accords.text._speakers import NOT_SUBJECT, SUBJECT_START, Mention
from accords.text._words import wordset

if TYPE_CHECKING:
    from accords.text._resolve import Resolver

__all__ = [
    "Subject",
    "adjacent_mention",
    "antecedent",
    "object_phrase",
    "resolve_pronoun",
    "subject_before",
    "subject_phrase",
]


# words between a subject and its cue: "he has also said", "Trump later told"
_SKIP = wordset(
    "also later then again once now has have had did does do would will could may might "
    "repeatedly previously recently reportedly often frequently further subsequently "
    "himself herself themselves itself still quickly simply publicly privately "
    "first separately initially earlier just never always already even finally"
)
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "i": "i", "we": "we", "who": "who"}
# words that end a noun phrase walking leftwards: verbs, conjunctions, prepositions of time
_BOUNDARY = wordset(
    "that when while because after before if as where which who whom whose and but or "
    "is are was were be been being has have had will would can could should may might "
    "not to than since until so said says say told tells at on in from by with about "
    "for into over under during he she they we i it you"
)
_PREPOSITIONS = wordset("at on in from by with about for into over under during to")
_DETERMINERS = wordset(
    "the a an his her its their our some many most all both several few two three four "
    "five six seven eight nine ten other another"
)
_WORD = re.compile(r"[\w.\u2019'%-]+")
_SENT_END = re.compile(r"[.!?]$")
_ABBREV = re.compile(r"^(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|U\.S|U\.N)\.$")


@dataclass(frozen=True, slots=True)
class Subject:
    """The phrase before a cue: ``kind`` is ``pronoun`` (``role`` he/they/i/who) or
    ``phrase`` (a noun phrase; ``role`` is its last word, lower case)."""

    start: int
    end: int
    text: str
    kind: str
    role: str


def _words_before(text: str, lo: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, lo, end))


def subject_before(text: str, lo: int, cue_start: int) -> Subject | None:
    """The subject that ends right before ``cue_start`` in ``[lo, cue_start)``, if any."""
    words = _words_before(text, lo, cue_start)
    # the words after the last punctuation mark only: a comma before the cue is an
    # apposition or an aside, and those are the clause rules' to read
    if not words or text[words[-1].end() : cue_start].strip():
        return None
    while words and words[-1].group(0).lower() in _SKIP:
        if len(words) > 1 and text[words[-2].end() : words[-1].start()].strip():
            return None  # "Trump, later, said": an aside
        words.pop()
    if not words:
        return None
    last = words[-1]
    token = last.group(0)
    role = _PRONOUNS.get(token.lower())
    if role is not None:
        return Subject(last.start(), last.end(), token, "pronoun", role)
    if token.lower() in _BOUNDARY or (_SENT_END.search(token) and not _ABBREV.match(token)):
        return None
    return _phrase(text, words)


def _phrase(text: str, words: list[re.Match[str]]) -> Subject | None:
    """The noun phrase ending with ``words[-1]``, walking left to a boundary."""
    first = len(words) - 1
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        gap = text[words[i].end() : words[i + 1].start()] if i + 1 < len(words) else ""
        if gap.strip() and gap.strip() not in ("'s", "\u2019s"):
            break
        low = w.lower()
        if low in _PREPOSITIONS:
            return None  # "… Office in Qatar had tweeted": an object, not the subject
        if low in _BOUNDARY:
            break
        if i < len(words) - 1 and _SENT_END.search(w) and not _ABBREV.match(w):
            break
        first = i
        if len(words) - i >= 9:
            return None
    start, end = words[first].start(), words[-1].end()
    phrase = text[start:end]
    head = words[-1].group(0)
    return Subject(start, end, phrase, "phrase", head.lower().rstrip(".'\u2019"))


def antecedent(res: Resolver, who: Mention) -> Mention | None:
    """What a relative "who" refers to: the last name, office or party right before it."""
    lo = max(0, who.start - 160)
    found = [m for m in res._mentions(lo, who.start) if m.kind != "pronoun"]
    # "Jeb Bush and Chris Christie, who say": only a comma between; "those who said" is none
    if found and re.fullmatch(r"\s*,?\s*", res.c.text[found[-1].end : who.start]):
        return found[-1]
    # "those who said", "voters who say": the words before it, as they stand
    phrase = subject_before(res.c.text, lo, who.start)
    if phrase is None or phrase.kind != "phrase":
        return None
    return Mention(phrase.start, phrase.end, phrase.text, "description", phrase.role)


def adjacent_mention(res: Resolver, lo: int, cue_start: int) -> Mention | None:
    """The mention that is the cue's subject when one stands right before it: a pronoun,
    a name, office or party ending there, or a plain noun phrase ("his campaign")."""
    subj = subject_before(res.c.text, lo, cue_start)
    if subj is None:
        return None
    if subj.kind == "pronoun":
        return Mention(subj.start, subj.end, subj.text, "pronoun", subj.role)
    ending = [m for m in res._mentions(lo, subj.end) if m.end == subj.end and m.kind != "pronoun"]
    if ending:
        return min(ending, key=lambda m: m.start)
    words = subj.text.split()
    first = words[0]
    opens = first.lower() in _DETERMINERS or first[:1].isupper() or first[:1].isdigit()
    if words[-1][:1].islower() and len(words) <= 6 and opens:
        return Mention(subj.start, subj.end, subj.text, "description", subj.role)
    return None


def resolve_pronoun(
    res: Resolver, mention: Mention, clause: tuple[int, int]
) -> tuple[str | None, str | None]:
    """Whom a pronoun stands for: "I" and "we" the author (kept as written), "who" its
    antecedent, "they" the party of the passage, "he"/"she" the person named since the
    last statement, else that statement's speaker, else the person named last."""
    reg, last = res.c.registry, res.c.last
    if mention.role in ("i", "we", "who"):
        ante = antecedent(res, mention) if mention.role == "who" else None
        return res._resolve(ante, clause) if ante else (None, None)
    if mention.role == "they":
        if last is not None and last.party and last.person is None:
            return last.speaker, last.party
        party = res._recent_party(mention.start)
        return (res.c.parties.name(party), party) if party else (None, None)
    found = reg.latest(mention.start)
    if found is not None and last is not None and found.last_seen > last.end:
        res.person = found  # "Fallon fired back: '…,' he wrote"
        return found.name, found.party
    if last is not None and last.speaker is not None and last.person is not None:
        res.person = last.person
        return last.speaker, last.party
    if (
        found is None
        and last is not None
        and last.party
        and last.speaker != (res.c.parties.name(last.party))
    ):
        return last.speaker, last.party  # "The U.S. envoy wrote …" then "…," he added
    res.person = found
    return (found.name, found.party) if found else (None, None)


# a conjunction before a subject: "But farmers said", "…, and experts say", "that analysts say"
_LEAD_CONJUNCTION = re.compile(
    r"\s*(?:[Bb]ut|[Aa]nd|[Ss]o|[Yy]et|[Tt]hat|[Ww]hile|[Bb]ecause|[Aa]lthough|[Tt]hough)\s+(?=\S)"
)
# a bare plural noun as the whole subject: "experts say", "strategists said"
_BARE_PLURAL = re.compile(r"^(?!\w*(?:ways|times|haps|wards)$)[a-z][a-z-]{2,}[^s']s$")
# the phrase after an inverted cue: "…,” said the mayor." / "said one former aide, who …"
_OBJECT_PHRASE = re.compile(
    r"\s+((?:the|a|an|one|another|his|her|their|its)\s+[\w\u2019'-]+(?:\s+[\w\u2019'-]+){0,4}?)"
    r"\s*(?=[,.;:!?]|$)"
)

_NOT_OPENING = wordset(
    "instead alongside after before during with without despite like unlike among amid for "
    "from on at by since until when as if of"
)


def _subject_start(words: list[str]) -> bool:
    """Whether ``words`` may open a subject: a name, a determiner, a number, or a plural
    noun standing alone ("strategists said"; a lone lowercase word before a cue is the
    subject only when it is plural, "sometimes said" is not)."""
    first = words[0].lower()
    if first in _NOT_OPENING or (first.endswith("ing") and len(words) > 1):
        return False  # "Instead of …", "Holding signs …": an opening phrase, no subject
    if SUBJECT_START.match(words[0]):
        return True
    return len(words) == 1 and _BARE_PLURAL.match(words[0]) is not None


def subject_phrase(text: str, lo: int, cue_start: int) -> Mention | None:
    """The noun phrase that ends where the cue starts, after the last comma; None when
    the words there cannot be a subject (a verb, a relative pronoun, too many words)."""
    start = max(lo, text.rfind(",", lo, cue_start) + 1, text.rfind(";", lo, cue_start) + 1)
    lead = _LEAD_CONJUNCTION.match(text, start, cue_start)
    if lead:
        start = lead.end()
    words = text[start:cue_start].split()
    if not 1 <= len(words) <= 6 or not _subject_start(words):
        return None
    if any(w.lower() in NOT_SUBJECT for w in words):
        return None
    s = start + (len(text[start:cue_start]) - len(text[start:cue_start].lstrip()))
    e = s + len(" ".join(words))
    return Mention(s, e, text[s:e], "description", words[-1].lower())


def object_phrase(text: str, cue_end: int, hi: int) -> Mention | None:
    """The speaker named by a noun phrase right after an inverted cue that ends the
    clause ("…,” said the mayor."), read when no name or office is found there."""
    m = _OBJECT_PHRASE.match(text[:hi], cue_end)
    if m is None or any(w.lower() in NOT_SUBJECT for w in m.group(1).split()[1:]):
        return None
    words = m.group(1).split()
    return Mention(m.start(1), m.end(1), m.group(1), "description", words[-1].lower())
