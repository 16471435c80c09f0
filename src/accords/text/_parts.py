"""Which parts of the framework a piece of text concerns.

A lexicon first: each part's title, aliases and option texts, matched as word-stem
sequences ("troop withdrawal" matches "troops' withdrawal"), and each title word that
names one part only and is neither generic ("agreement", "talks") nor a party's name
("Afghan"). Text with no term falls back on sentence embeddings: the part whose
description is nearest, when it is near enough.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accords.text._concepts import CONCEPTS
from accords.text._figures import figures_in
from accords.text._parties import PartyMatcher
from accords.text._record import PartRef, PartyRef
from accords.text._words import wordset

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["EMBED_THRESHOLD", "Embedder", "PartHit", "PartLexicon", "mask_names", "stem", "tokens"]

Embedder = Callable[[Sequence[str]], "NDArray[np.float32]"]
#: Cosine similarity a sentence needs to a part's description to concern it, when no term does.
EMBED_THRESHOLD = 0.45
#: Parts within this of the nearest one are near too; further ones are not.
EMBED_MARGIN = 0.02
_GENERIC = wordset(
    "a an the of and or to for in on with by from at as its their our his her is are "
    "be agreement agreements deal peace talks talk negotiation negotiations process "
    "part parts comprehensive framework package issue issues matter question "
    "settlement political permanent lasting full final new all any other country "
    "countries side sides"
)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# a capitalised word inside a sentence (a sentence's first word may be any word)
_PROPER = re.compile(r"(?<=[\w,;:\u2019'] )[A-Z][\w.\u2019'-]*")
_STARTERS = wordset(
    "The A An We They It This That These Those There He She I You Our Their Its His Her "
    "In On At For But And Or If When While As After Before No Nothing Everything All Some "
    "Any Both Each Every Not Now Then So Yet"
)


def mask_names(text: str, parties: PartyMatcher) -> str:
    """The text with parties and proper names replaced by "someone".

    Sentence embeddings weigh names heavily: "the Taliban" would pull any clause
    toward the part whose options name the Taliban. What a part is about is in the
    other words.
    """
    out = text
    for start, end, _ in reversed(parties.find_all(text)):
        out = out[:start] + "someone" + out[end:]
    return _PROPER.sub(lambda m: m.group(0) if m.group(0) in _STARTERS else "someone", out)


def stem(word: str) -> str:
    """A crude English stem: enough to match plural, possessive and verb forms of a term."""
    w = word.lower()
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("xes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    if w.endswith("nsion") and len(w) > 8:
        w = w[:-4] + "d"  # "extension" and "extend", "suspension" and "suspend"
    if w.endswith("al") and len(w) > 6:
        w = w[:-2]  # "withdrawal" and "withdraw", "approval" and "approve"
    bare = w.rstrip("e")
    return bare if len(bare) >= 3 else w


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of every word."""
    return [(stem(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class PartHit:
    part: str
    start: int
    end: int


class PartLexicon:
    """Terms for each part, and the embedding fallback."""

    def __init__(
        self,
        parts: Sequence[PartRef],
        parties: Sequence[PartyRef] = (),
        embedder: Embedder | None = None,
        threshold: float = EMBED_THRESHOLD,
    ) -> None:
        self.parts = list(parts)
        self.threshold = threshold
        self._names = PartyMatcher(parties)
        self._phrase_owner: list[int] = []
        self._embedder = embedder
        self._vectors: NDArray[np.float32] | None = None
        party_words = {
            stem(w)
            for p in parties
            for name in (p.name, p.id.replace("-", " "), *p.aliases)
            for w in _TOKEN.findall(name)
        }
        stop = {stem(w) for w in _GENERIC} | party_words
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        title_words: dict[str, set[str]] = {}
        labelled = [p for p in self.parts if p.figure is None]
        # a numeric part is found by the figures it counts, never by its words
        self._figures = [
            (p.id, stem(p.figure.unit), p.figure)
            for p in self.parts
            if p.figure is not None and p.figure.unit
        ]
        for part in labelled:
            for phrase in (part.title, *part.aliases, *part.options, part.id.replace("-", " ")):
                seq = tuple(s for s, _, _ in tokens(phrase) if s not in stop)
                if seq and (len(seq) > 1 or len(phrase.split()) <= 3):
                    self._phrases.append((seq, part.id))
            for phrase in (part.title, *part.aliases, part.id.replace("-", " ")):
                for s, _, _ in tokens(phrase):
                    if s not in stop and len(s) >= 4:
                        title_words.setdefault(s, set()).add(part.id)
        for word, owners in title_words.items():
            if len(owners) == 1:
                self._phrases.append(((word,), next(iter(owners))))
        self._phrases.extend(_concept_phrases(labelled, stop))
        # longest first, so "troop withdrawal" is one hit, not two
        self._phrases.sort(key=lambda p: -len(p[0]))

    def hits(self, text: str) -> list[PartHit]:
        """Every term occurrence, in order, longest terms first where they overlap."""
        toks = tokens(text)
        stems = [t[0] for t in toks]
        # where each stem occurs: a term is tried only where its first word is
        at: dict[str, list[int]] = {}
        for i, s in enumerate(stems):
            at.setdefault(s, []).append(i)
        taken = [False] * len(toks)
        out: list[PartHit] = []
        for seq, part in self._phrases:
            n = len(seq)
            for i in at.get(seq[0], ()):
                if tuple(stems[i : i + n]) == seq and not any(taken[i : i + n]):
                    out.append(PartHit(part, toks[i][1], toks[i + n - 1][2]))
                    for j in range(i, i + n):
                        taken[j] = True
        if self._figures:
            out.extend(self._figure_hits(text))
        out.sort(key=lambda h: h.start)
        return out

    def _figure_hits(self, text: str) -> list[PartHit]:
        """The numeric parts whose unit follows a number in their range ("14 months")."""
        found: dict[str, PartHit] = {}
        for stated in figures_in(text, stem):
            for part, unit, figure in self._figures:
                if stated.unit == unit and figure.holds(stated.value) and part not in found:
                    found[part] = PartHit(part, stated.start, stated.end)
        return list(found.values())

    def _descriptions(self) -> list[str]:
        """Each part's title, aliases and options, one phrase each, names masked."""
        phrases: list[str] = []
        self._phrase_owner = []
        for i, p in enumerate(self.parts):
            if p.figure is not None:
                continue  # found by its figures only
            for phrase in dict.fromkeys([p.title, *p.aliases, *p.options]):
                phrases.append(mask_names(phrase, self._names))
                self._phrase_owner.append(i)
        return phrases

    def nearest(self, texts: Sequence[str]) -> list[list[str]]:
        """Per text, the parts one of whose phrases it is near enough to (best first), or none."""
        if self._embedder is None or not self.parts or not texts:
            return [[] for _ in texts]
        if self._vectors is None:
            self._vectors = self._embedder(self._descriptions())
        sims = self._embedder([mask_names(t, self._names) for t in texts]) @ self._vectors.T
        out: list[list[str]] = []
        for row in sims:
            best_of: dict[int, float] = {}
            for j, owner in enumerate(self._phrase_owner):
                best_of[owner] = max(best_of.get(owner, -1.0), float(row[j]))
            top = max(best_of.values())
            out.append(
                [
                    self.parts[i].id
                    for i, v in sorted(best_of.items(), key=lambda kv: -kv[1])
                    if v >= self.threshold and v >= top - EMBED_MARGIN
                ]
            )
        return out


def _concept_phrases(parts: Sequence[PartRef], stop: set[str]) -> list[tuple[tuple[str, ...], str]]:
    """Terms the press uses for what a part is about (:mod:`accords.text._concepts`).

    A concept goes to the one part whose title names one of its anchors, else to the
    one part any of whose texts does; if several parts tie, to none.
    """

    def stems_of(texts: Sequence[str]) -> set[str]:
        return {s for t in texts for s, _, _ in tokens(t)}

    titles = {p.id: stems_of([p.title, p.id.replace("-", " "), *p.aliases]) for p in parts}
    texts = {p.id: titles[p.id] | stems_of(p.options) for p in parts}
    out: list[tuple[tuple[str, ...], str]] = []
    for _, anchors, phrases in CONCEPTS:
        wanted = stems_of(anchors)
        owners = [pid for pid, words in titles.items() if words & wanted]
        if not owners:
            owners = [pid for pid, words in texts.items() if words & wanted]
        if len(owners) != 1:
            continue
        for phrase in phrases:
            seq = tuple(s for s, _, _ in tokens(phrase) if s not in stop or len(phrase.split()) > 1)
            if seq:
                out.append((seq, owners[0]))
    return out
