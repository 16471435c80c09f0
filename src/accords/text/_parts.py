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

from accords.text._record import PartRef, PartyRef

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["EMBED_THRESHOLD", "Embedder", "PartHit", "PartLexicon", "stem", "tokens"]

Embedder = Callable[[Sequence[str]], "NDArray[np.float32]"]
#: Cosine similarity a sentence needs to a part's description to concern it, when no term does.
EMBED_THRESHOLD = 0.42
_GENERIC_WORDS = (
    "a an the of and or to for in on with by from at as its their our his her is are "
    "be agreement agreements deal peace talks talk negotiation negotiations process "
    "part parts comprehensive framework package issue issues matter question "
    "settlement political permanent lasting full final new all any other country "
    "countries side sides"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


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
        for part in self.parts:
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
        # longest first, so "troop withdrawal" is one hit, not two
        self._phrases.sort(key=lambda p: -len(p[0]))

    def hits(self, text: str) -> list[PartHit]:
        """Every term occurrence, in order, longest terms first where they overlap."""
        toks = tokens(text)
        stems = [t[0] for t in toks]
        taken = [False] * len(toks)
        out: list[PartHit] = []
        for seq, part in self._phrases:
            n = len(seq)
            for i in range(len(stems) - n + 1):
                if stems[i : i + n] == list(seq) and not any(taken[i : i + n]):
                    out.append(PartHit(part, toks[i][1], toks[i + n - 1][2]))
                    for j in range(i, i + n):
                        taken[j] = True
        out.sort(key=lambda h: h.start)
        return out

    def _descriptions(self) -> list[str]:
        return ["; ".join(dict.fromkeys([p.title, *p.aliases, *p.options])) for p in self.parts]

    def nearest(self, texts: Sequence[str]) -> list[list[str]]:
        """Per text, the parts its embedding is near enough to (best first), or none."""
        if self._embedder is None or not self.parts or not texts:
            return [[] for _ in texts]
        if self._vectors is None:
            self._vectors = self._embedder(self._descriptions())
        sims = self._embedder(list(texts)) @ self._vectors.T
        out: list[list[str]] = []
        for row in sims:
            order = sorted(range(len(row)), key=lambda i: -float(row[i]))
            best = float(row[order[0]])
            out.append(
                [
                    self.parts[i].id
                    for i in order
                    if float(row[i]) >= self.threshold and float(row[i]) >= best - 0.03
                ]
            )
        return out
