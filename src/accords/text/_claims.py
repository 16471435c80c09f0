"""What a statement claims about each part: agreed, not agreed, accepted, rejected, demanded…

Each verb of agreeing, accepting, rejecting, demanding or offering is read in its
clause: a negation before it flips or drops it ("nothing is agreed" is a claim that
nothing is agreed; "did not announce a ceasefire" offers nothing); a hedge drops it
("is said to guarantee" asserts nothing); a verb in an "until"/"unless"/"if" clause is a
condition, not a claim. The part it concerns is the part named in its sentence
(leaving out one set aside by "not"/"rather than"), else the part whose description
the sentence is nearest to; "nothing"/"everything"/"the deal" make a claim about the
package as a whole (part ``None``). "Accepting" a framework, package or its parts
together is ``framework-accepted``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accords.text._parties import PartyMatcher
from accords.text._parts import PartHit, PartLexicon
from accords.text._words import wordset

__all__ = ["ASSERTIONS", "ClaimFound", "ClaimPlan", "find_claims", "finish_claims", "plan_claims"]

#: The claims a statement can make about a part.
ASSERTIONS = (
    "agreed",
    "not-agreed",
    "accepted",
    "rejected",
    "demanded",
    "offered",
    "framework-accepted",
)

_VERBS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "not-agreed",
        re.compile(
            r"\b(?:no (?:final )?(?:agreement|deal|accord|understanding|decision)|"
            r"(?:not|yet to) (?:\w+ ){0,2}(?:finali[sz]ed|been finali[sz]ed|reached|concluded)|"
            r"(?:has|have|had) not made any decision|not made (?:any|a) decision|"
            r"denie[sd] (?:\w+ ){0,3}(?:agreeing|agreement|reports?|a deal)|"
            r"(?:rejected|refuted|dismissed) (?:\w+ ){0,4}reports?|"
            r"reports? (?:\w+ ){0,6}(?:is|are|was|were) (?:false|baseless|untrue|incorrect))\b",
            re.I,
        ),
    ),
    (
        "rejected",
        re.compile(
            r"\b(?:no intention of|(?:made|make|makes|has|have) no commitment|"
            r"cannot be a (?:pre-?condition|prerequisite)|will not (?:disarm|accept|agree|"
            r"negotiate|withdraw|release))\b",
            re.I,
        ),
    ),
    (
        "agreed",
        re.compile(
            r"\b(?:agreed|agrees|agree|(?:agreement|deal|accord) (?:has been|had been|was|is) "
            r"(?:reached|struck|sealed|concluded|completed|finali[sz]ed)|reached (?:an? |the )?"
            r"(?:(?:draft|preliminary|tentative|final) )?(?:agreement|deal|accord|understanding)|"
            r"(?:come|came) to an understanding|(?:struck|clinched|sealed) (?:an? |the )?deal|"
            r"consensus (?:on|was reached))\b",
            re.I,
        ),
    ),
    (
        "accepted",
        re.compile(
            r"\b(?:accept|accepts|accepted|approve[sd]?|endorse[sd]?|embraced?|signed up to|"
            r"reaffirm(?:s|ed)? (?:its|their|his|her|our) commitment)\b",
            re.I,
        ),
    ),
    (
        "rejected",
        re.compile(
            r"\b(?:reject(?:s|ed)?|refuse[sd]?|rule[sd]? out|ruling out|oppose[sd]?|"
            r"dismiss(?:es|ed)?|turned down|turns? down)\b",
            re.I,
        ),
    ),
    (
        "demanded",
        re.compile(
            r"\b(?:demand(?:s|ed)?|insist(?:s|ed)? on|call(?:s|ed)? (?:for|on)|seeks?|sought|"
            r"wants?|wanted|urge[sd]?|requires?|required|must|expectation for|"
            r"(?:would|will) have to)\b",
            re.I,
        ),
    ),
    (
        "offered",
        re.compile(
            r"\b(?:offer(?:s|ed)?|propose[sd]?|guarantee[sd]?|promise[sd]?|pledge[sd]?|"
            r"commit(?:s|ted)? to|(?:has|have|had) committed|ready (?:to|for)|willing to|"
            r"prepared to|announce[sd]?|assure[sd]?|(?:we|I) will (?!not\b)(?:\w+))\b",
            re.I,
        ),
    ),
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|neither|nor|without|yet to|cannot|can't|won't)\b|n't\b", re.I
)
_HEDGE = re.compile(
    r"\b(?:said to|reported(?:ly)? to|reportedly|allegedly|may|might|could|possibly|perhaps|"
    r"likely|expected to|hopes?|hoped|rumou?red|believed to|appears? to|seems? to|would)\b",
    re.I,
)
# "calls on the Taliban to accept": the demand is the claim, not an acceptance
_GOVERNED = re.compile(
    r"\b(?:call(?:s|ed|ing)? on|urge[sd]?|urging|ask(?:s|ed)?|want(?:s|ed)?|demand(?:s|ed)?|"
    r"press(?:es|ed)?|invite[sd]?)\b[^.;]{0,60}?\bto\s+$",
    re.I,
)
_CONDITION = re.compile(r"\b(?:until|unless|if|once|before|after|when|whether)\b", re.I)
# "agreed in draft", "agreement in principle", "provisionally agreed": acceptance, not agreement
_QUALIFIED_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,3}?\s+(?:in principle|in draft|ad referendum|ad ref)\b", re.I
)
_QUALIFIED_BEFORE = re.compile(r"\b(?:provisionally|tentatively|in principle)\s+$", re.I)
# the level a qualified agreement claims, compared with the record's stance levels
_LEVELS = (
    ("agreed-ad-ref", re.compile(r"\b(?:in draft|draft|ad referendum|ad ref)\b", re.I)),
    ("agreed-in-principle", re.compile(r"\b(?:in principle|preliminary|tentative(?:ly)?)\b", re.I)),
)
# "will not agree": a refusal, not a report that nothing is agreed
_REFUSAL = re.compile(r"\b(?:will|would|won't|wouldn't|cannot|can't|never|refuses? to)\b", re.I)
_PACKAGE = re.compile(
    r"\b(?:nothing|everything|the deal|a deal|an agreement|the agreement|the package|the whole)\b",
    re.I,
)
_FRAMEWORK = re.compile(
    r"\b(?:framework|package|roadmap|road map|architecture|(?:four|all|the) parts)\b", re.I
)
_CONTRAST = re.compile(r"\b(?:not|rather than|instead of|but not)\s+(?:an?\s+|the\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:\u2014]|\b(?:but|and|while|whereas)\b", re.I)
# sentence ends, and the " … " that stands for the cue left out of a split quotation
_SENTENCE = re.compile(r"(?<=[.!?])[\u201d\"]?\s+(?=[\u201c\"A-Z])|\s+\u2026\s+")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|I|[Uu]s|[Oo]ur)\b")
_AUXILIARIES = wordset(
    "have has had will would shall should can could may might must do does did is are was "
    "were be been being also already now then still just not never to and but so"
)
# "the movement had offered …" in a spokesman's words: the speaker's own side
_OWN_SIDE = re.compile(
    r"^\s*(?:the|our)\s+(?:movement|group|government|administration|delegation|side|team|"
    r"leadership|negotiators)\b",
    re.I,
)
_WHAT_BEFORE = re.compile(r"\b(?:what|whatever|whether)\s+(?:\w+\s+){0,2}$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those)\s+$", re.I)
_FLIP = {"agreed": "not-agreed", "not-agreed": "agreed", "accepted": "rejected"}


@dataclass(frozen=True, slots=True)
class ClaimFound:
    """One claim: about ``part`` (``None``: the package or framework), by ``party`` if named."""

    part: str | None
    asserts: str
    party: str | None
    level: str | None = None


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _clause_start(sentence: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, pos):
        start = m.end()
    return start


def _verbs(sentence: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for kind, pattern in _VERBS:
        for m in pattern.finditer(sentence):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), kind))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class _Verb:
    """A claim verb that survived negation, hedges and conditions, in its sentence."""

    sentence: int
    start: int
    end: int
    asserts: str
    clause_lo: int
    cut: int
    level: str | None = None


def _read_verbs(sentences: list[str]) -> list[_Verb]:
    out: list[_Verb] = []
    for i, sentence in enumerate(sentences):
        for start, end, kind in _verbs(sentence):
            clause_lo = _clause_start(sentence, start)
            lead = sentence[clause_lo:start]
            if _CONDITION.search(lead) or _HEDGE.search(lead):
                continue
            if kind != "demanded" and _GOVERNED.search(sentence[:start]):
                continue
            if kind == "offered" and _DETERMINER_BEFORE.search(sentence[:start]):
                continue  # "the guarantee that …" names an offer, it does not make one
            if _WHAT_BEFORE.search(sentence[:start]):
                continue  # "asked the people what they want": a question, not a demand
            window = " ".join(lead.split()[-4:])
            asserts: str | None = kind
            rest = sentence[end:]
            negated = kind != "not-agreed" and _NEGATION.search(window)
            if negated:
                refusal = kind == "agreed" and _REFUSAL.search(window)
                asserts = "rejected" if refusal else _FLIP.get(kind)
            level = None
            if kind == "agreed" and not negated:
                level = _level(sentence[start:end], lead, rest)
                if level is not None:
                    asserts = "accepted"  # agreed at a level short of the package
            if asserts is None:
                continue
            if asserts == "accepted" and (_FRAMEWORK.search(lead) or _FRAMEWORK.search(rest[:60])):
                asserts = "framework-accepted"
            # the claim covers the parts named up to a condition ("… until there is agreement on
            # the whole package, including a ceasefire" claims nothing of the ceasefire)
            condition = _CONDITION.search(sentence, end)
            cut = condition.start() if condition else len(sentence)
            out.append(_Verb(i, start, end, asserts, clause_lo, cut, level))
    return out


def _level(verb: str, lead: str, rest: str) -> str | None:
    """The level a qualified agreement claims ("agreed in draft" → ``agreed-ad-ref``)."""
    qualified = (
        _QUALIFIED_AFTER.search(rest)
        or _QUALIFIED_BEFORE.search(lead)
        or re.search(r"\b(?:draft|preliminary|tentative)\b", verb, re.I)
    )
    if not qualified:
        return None
    words = f"{lead[-20:]} {verb} {rest[:30]}"
    return next((lv for lv, pattern in _LEVELS if pattern.search(words)), "agreed-in-principle")


def _clause_text(sentence: str, verb: _Verb) -> str:
    """The verb's clause and the words after it: what the embedding fallback reads."""
    head = " ".join(sentence[verb.clause_lo : verb.end].split()[-5:])
    tail = " ".join(sentence[verb.end :].split()[:8])
    return f"{head} {tail}".strip()


@dataclass(frozen=True, slots=True)
class ClaimPlan:
    """A statement read for claims, waiting for the embedding fallback's answers."""

    sentences: list[str]
    term_hits: list[list[PartHit]]
    verbs: list[_Verb]
    asks: list[_Verb]

    @property
    def questions(self) -> list[str]:
        """The clauses the embedding fallback must place (one per ask)."""
        return [_clause_text(self.sentences[v.sentence], v) for v in self.asks]


def plan_claims(text: str, lexicon: PartLexicon) -> ClaimPlan:
    """Sentences, part terms and surviving claim verbs of ``text``."""
    sentences = [text[s:e] for s, e in _sentences(text)]
    term_hits = [lexicon.hits(s) for s in sentences]
    verbs = _read_verbs(sentences)
    # The embedding fallback reads only the clause of a claim that names no part by its
    # terms and is not about the framework or the package as a whole.
    asks = [
        v
        for v in verbs
        if not term_hits[v.sentence]
        and v.asserts != "framework-accepted"
        and not (
            v.asserts in ("agreed", "not-agreed")
            and _PACKAGE.search(sentences[v.sentence][v.clause_lo : v.end + 40])
        )
    ]
    return ClaimPlan(sentences, term_hits, verbs, asks)


def finish_claims(
    plan: ClaimPlan, answers: list[list[str]], speaker_party: str | None, parties: PartyMatcher
) -> tuple[list[str], list[ClaimFound]]:
    """The parts and claims, given the fallback's parts for each of ``plan.asks``."""
    near = dict(zip(plan.asks, answers, strict=True))
    sentences, term_hits = plan.sentences, plan.term_hits
    parts: list[str] = []
    for i, hits in enumerate(term_hits):
        found = [h.part for h in hits] + [
            p for v in plan.verbs if v.sentence == i for p in near.get(v, [])
        ]
        for p in found:
            if p not in parts:
                parts.append(p)
    claims: list[ClaimFound] = []
    for v in plan.verbs:
        sentence = sentences[v.sentence]
        hits = term_hits[v.sentence]
        claimable = [
            h.part
            for h in hits
            if h.start < v.cut and not _CONTRAST.search(sentence[max(0, h.start - 20) : h.start])
        ]
        if not hits:
            claimable = list(near.get(v, []))
        lead = sentence[v.clause_lo : v.start]
        rest = sentence[v.end :]
        subject = _subject(sentence, v.clause_lo, v.start, v.end, speaker_party, parties)
        package = v.asserts in ("agreed", "not-agreed") and (
            _PACKAGE.search(lead + sentence[v.start : v.end]) or _PACKAGE.search(rest[:40])
        )
        if v.asserts == "framework-accepted" or (package and not hits):
            targets: list[str | None] = [None]
        elif claimable:
            targets = list(dict.fromkeys(claimable))
        elif package:
            targets = [None]
        else:
            continue
        for target in targets:
            claim = ClaimFound(target, v.asserts, subject, v.level)
            if claim not in claims:
                claims.append(claim)
    return parts, claims


def find_claims(
    text: str, speaker_party: str | None, parties: PartyMatcher, lexicon: PartLexicon
) -> tuple[list[str], list[ClaimFound]]:
    """The parts ``text`` concerns, and its claims, without duplicates."""
    plan = plan_claims(text, lexicon)
    return finish_claims(plan, lexicon.nearest(plan.questions), speaker_party, parties)


def _subject(
    sentence: str, lo: int, start: int, end: int, speaker_party: str | None, parties: PartyMatcher
) -> str | None:
    """The party whose move the claim reports: named before the verb, after "by", or the speaker."""
    before = parties.find_all(sentence[lo:start])
    if before:
        return before[-1][2]
    by = re.match(r"\s+by\s+(?:the\s+)?(.{2,40})", sentence[end:])
    if by:
        found = parties.first(by.group(1))
        if found:
            return found
    lead = sentence[lo:start]
    if _FIRST_PERSON.search(lead) or _OWN_SIDE.search(lead):
        return speaker_party
    # no subject of its own ("… and have accepted"): the speaker's; someone else's: unknown
    words = [w for w in re.findall(r"[\w']+", lead.lower()) if w not in _AUXILIARIES]
    return speaker_party if not words else None
