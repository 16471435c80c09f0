"""Who is speaking: mentions of people, parties, descriptions and pronouns, and what they refer to.

News names a speaker in full once ("Zalmay Khalilzad, the U.S. special envoy") and
then by surname, description ("the envoy") or pronoun ("he added"). The registry
keeps each person met in the article with the titles attached to them, so later
mentions resolve to the named person and to their party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from accords.text._parties import PartyMatcher
from accords.text._people import Directory, Linker
from accords.text._words import wordset

__all__ = [
    "ACT_CUE_RE",
    "CUE_RE",
    "DATELINE_HEAD",
    "GROUP_TITLE",
    "INDIRECT_CUE_RE",
    "MEDIA",
    "NOT_SUBJECT",
    "RELATIVE",
    "ROLE_SYNONYMS",
    "SUBJECT_START",
    "Mention",
    "Person",
    "Registry",
    "find_descriptions",
    "find_pronouns",
    "title_after",
    "title_before",
]

_CUES = (
    "said|says|say|saying|told|tells|added|adds|tweeted|tweets|wrote|writes|posted|stated|"
    "declared|announced|insisted|insists|claimed|claims|noted|notes|explained|argued|argues|"
    "warned|warns|stressed|stresses|emphasi[sz]ed|asserted|maintained|confirmed|denied|"
    "acknowledged|replied|responded|answered|continued|remarked|urged|reiterated|recalled|"
    "conceded|admitted|vowed|suggested|quoted as saying|wrote on Twitter|posted on Twitter"
)
# cues that frame a quotation well but, in a sentence without one, more often report
# an act than speech ("he pledged to …" inside "she said he pledged to …")
_QUOTE_CUES = (
    "telling|pledged|promised|promising|chanted|chanting|shouted|shouting|observed|joked|"
    "quipped|cautioned|predicted|countered|complained|lamented|boasted|asked|asks|"
    "concluded|concludes|shot back|fired back|retaliated|went on|goes on|reads|read|"
    "wondered|recounted|testified|demanded|explains|mused|pleaded|interjected|snapped|"
    "called|calls|calling"
)
_NOT_AFTER = r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )"
#: A verb of saying: the cue that turns words into a statement. The word boundary comes
#: first so that the look-behinds ("is said" is no cue) run only where a word starts.
CUE_RE = re.compile(rf"\b{_NOT_AFTER}(?:{_CUES}|{_QUOTE_CUES})\b", re.IGNORECASE)
# speech acts whose verb is itself the claim ("called on Russia to extend the deal",
# "rejected reports of a deal"): the statement keeps the verb
_ACT_CUES = (
    "called on|calls on|calling on|called for|calls for|calling for|rejected|rejects|"
    "dismissed|dismisses|refuted|refutes"
)
ACT_CUE_RE = re.compile(rf"^(?:{_ACT_CUES}|denied|denies)$", re.IGNORECASE)
#: The cues that make a sentence without quotation marks reported speech.
INDIRECT_CUE_RE = re.compile(rf"\b{_NOT_AFTER}(?:{_CUES}|{_ACT_CUES})\b", re.IGNORECASE)
#: Cues that take their content without "that" ("he said the talks went well").
ZERO_THAT = wordset(
    "said says say told tells added adds tweeted tweets wrote writes insisted "
    "insists claimed claims noted notes warned warns stressed argued argues "
    "explained acknowledged admitted conceded maintained asserted"
)

_ROLES = (
    "spokesman|spokeswoman|spokesperson|envoy|representative|negotiator|official|minister|"
    "president|ambassador|diplomat|mediator|leader|commander|chief|secretary|adviser|advisor|"
    "delegation|negotiators|officials|leaders|source|sources|ministry|department|office|"
    "government|group|militants|insurgents|movement|administration|embassy|analyst|"
    "expert|mullah|general|senator|lawmaker|legislator|governor|chairman|head|statement"
)
#: Description heads that name the same kind of speaker.
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "envoy": frozenset({"envoy", "representative", "ambassador", "negotiator", "diplomat"}),
    "representative": frozenset({"envoy", "representative", "ambassador", "negotiator"}),
    "ambassador": frozenset({"envoy", "representative", "ambassador"}),
    "negotiator": frozenset({"envoy", "representative", "negotiator"}),
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
}
_DESCRIPTION = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)\s+"
    rf"(?:[\w.\u2019'-]+\s+){{0,5}}?(?P<role>{_ROLES})\b"
    r"(?:\s+(?:for|of|to)\s+(?:the\s+)?(?:[A-Z][\w.\u2019'-]*\s*){1,5})?",
)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")
_TITLE_STOP = re.compile(
    rf"[,;:\u201c\u201d\"(]|\b(?:had|has|have|was|is|were|are|who|which|would|will|"
    rf"earlier|later|also|on|{_CUES})\b",
    re.IGNORECASE,
)
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov))\.$")
_TITLE_WORD = re.compile(rf"\b(?:{_ROLES})\b", re.IGNORECASE)


DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:\([^)]{1,60}\))?\s*[:\u2014\u2013-]+\s+")
# platforms and outlets: where words were said, not who said them
MEDIA = wordset(
    "Twitter Facebook Telegram Instagram YouTube WhatsApp Reuters AFP AP CNN BBC NBC CBS "
    "ABC Fox Jazeera TOLOnews Tolo Xinhua Sputnik Anadolu VOA"
) | frozenset({"Al Jazeera", "Fox News", "Associated Press", "Voice of America"})
# "the group's spokesman", "the movement": the armed group the passage is about
GROUP_TITLE = re.compile(
    r"(?:[Tt]he\s+)?(?:group|movement|insurgents|militants|rebels|organi[sz]ation)(?:['\u2019]s?)?"
    r"(?:\s|$)"
)
# a relative clause or an apposition after a name's comma: the name before it is the subject
RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|the|a|an|his|her|their|its)\b", re.I)
SUBJECT_START = re.compile(
    r"^(?:[A-Z][\w.\u2019'-]*|\d[\d,.%]*|a|an|the|some|many|most|half|one|two|three|several|"
    r"few|both|each|another|other|others|his|her|their|its|our|my)$"
)
# words that make the phrase before a cue something other than its subject
NOT_SUBJECT = wordset(
    "is are was were be been has have had it this that which who what when where if as "
    "also not and or but he she they we i you"
)


@dataclass
class Person:
    """A person met in the article; ``titles`` are the appositions naming their office."""

    name: str
    titles: list[str] = field(default_factory=list)
    party: str | None = None
    last_seen: int = 0

    @property
    def surname(self) -> str:
        return surname_key(self.name)


@dataclass(frozen=True, slots=True)
class Mention:
    """Words that name a speaker: ``kind`` is person, party, description or pronoun."""

    start: int
    end: int
    text: str
    kind: str
    role: str | None = None


def surname_key(name: str) -> str:
    words = re.sub(r"['\u2019]s?$", "", name.strip()).split()
    return words[-1].lower().strip(".,") if words else ""


def find_descriptions(text: str, lo: int, hi: int) -> list[Mention]:
    return [
        Mention(lo + m.start(), lo + m.end(), m.group(0), "description", m.group("role").lower())
        for m in _DESCRIPTION.finditer(text[lo:hi])
    ]


def find_pronouns(text: str, lo: int, hi: int) -> list[Mention]:
    return [
        Mention(lo + m.start(), lo + m.end(), m.group(0), "pronoun", m.group(0).lower())
        for m in _PRONOUN.finditer(text[lo:hi])
    ]


def title_before(text: str, lo: int, start: int) -> str | None:
    """``The U.S. Special Representative, Zalmay Khalilzad``: the office before a name."""
    chunk = text[max(lo, start - 160) : start]
    if re.search(r",\s*$", chunk):
        head = chunk.rstrip().rstrip(",")
        cut = max(head.rfind(","), head.rfind(";"), head.rfind(": "), head.rfind("\u201d"))
        for m in re.finditer(r"[.!?]\s+(?=[A-Z])", head):
            if not _ABBREV_END.search(head[: m.start() + 1]):
                cut = max(cut, m.start())
        raw = head[cut + 1 :] if cut >= 0 else head
    else:
        found = re.search(r"(?P<t>(?:[\w.\u2019'-]+\s+){1,6})$", chunk)
        if not found:
            return None
        raw = found.group("t")
        pieces = re.split(r"[.!?]\s+", raw)
        if len(pieces) > 1 and not _ABBREV_END.search(pieces[-2].rstrip() + "."):
            raw = pieces[-1]  # "… the event in Doha. Ghani's": no title across sentences
    title = re.sub(r"^(?:the|The|a|A|an|An)\s+", "", raw.strip())
    return title if title and _TITLE_WORD.search(title) else None


def title_after(text: str, end: int, hi: int) -> str | None:
    """``Suhail Shaheen, Spokesman for the Political Office, said``: the office after a name."""
    chunk = text[end:hi]
    if not chunk.startswith(","):
        return None
    rest = chunk[1:]
    stop = _TITLE_STOP.search(rest)
    title = rest[: stop.start()] if stop else rest
    title = re.sub(r"^\s*(?:the|The|a|A|an|An)\s+", "", title.strip()).strip()
    return title if title and _TITLE_WORD.search(title) else None


class Registry:
    """The people of one article, found by surname, description or recency."""

    def __init__(
        self, parties: PartyMatcher, linker: Linker | None = None, day: date | None = None
    ) -> None:
        self.parties = parties
        self.linker = linker or Linker(Directory(), parties)
        self.day = day
        self.people: dict[str, Person] = {}

    def add(self, name: str, position: int, titles: list[str]) -> Person:
        clean = re.sub(r"['\u2019]s?$", "", name.strip())
        clean = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Gen|Mullah)\.?\s+", "", clean, flags=re.IGNORECASE)
        clean = clean.strip() or name.strip()  # "Mr." alone keeps its word
        known = self.linker.person(clean)
        if known is not None:
            clean = known.name  # a known spelling is the person's one name
        key = surname_key(clean)
        person = self.people.get(key)
        if person is None:
            person = Person(clean)
            self.people[key] = person
        elif len(clean) > len(person.name):
            person.name = clean
        for title in titles:
            if title not in person.titles:
                person.titles.append(title)
        person.last_seen = max(person.last_seen, position)
        if person.party is None:
            # the person, their titles, an institution: never the name as a party alias
            person.party = self.linker.party(person.name, person.titles, self.day)
        return person

    def by_name(self, name: str) -> Person | None:
        bare = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", name, flags=re.IGNORECASE)
        return self.people.get(surname_key(bare))

    def by_role(self, role: str, party: str | None, before: int) -> Person | None:
        """The most recent person whose titles carry ``role`` (or a synonym)."""
        wanted = ROLE_SYNONYMS.get(role, frozenset({role}))
        best: Person | None = None
        for person in self.people.values():
            if person.last_seen > before:
                continue
            words = {w.lower() for t in person.titles for w in re.findall(r"\w+", t)}
            if not words & wanted:
                continue
            if party is not None and person.party not in (None, party):
                continue
            if best is None or person.last_seen > best.last_seen:
                best = person
        return best

    def latest(self, before: int) -> Person | None:
        seen = [p for p in self.people.values() if p.last_seen <= before]
        return max(seen, key=lambda p: p.last_seen) if seen else None
