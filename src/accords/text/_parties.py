"""Linking names, titles and descriptions to the negotiation's parties by their aliases.

An alias that is an acronym ("US", "U.S.", "UN") is matched with its case, so the
pronoun "us" never reads as the United States; longer names are matched without
case. When a title names more than one party ("U.S. Special Representative for
Afghanistan Peace"), the leftmost wins: titles name the principal first and the
subject after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accords.text._record import PartyRef

__all__ = ["PartyMatcher"]

_POSSESSIVE = r"(?:['\u2019]s?)?"


def _variants(party: PartyRef) -> set[str]:
    names = {party.name, party.id.replace("-", " "), *party.aliases}
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        out.add(name)
        bare = re.sub(r"^(?:the|The)\s+", "", name)
        out.add(bare)
        words = [w for w in re.split(r"[\s-]+", bare) if w]
        caps = [w for w in words if w[:1].isupper() and w.lower() not in {"of", "and", "the"}]
        if len(words) >= 2 and len(caps) == len(words):
            acronym = "".join(w[0] for w in caps)
            out.add(acronym)
            out.add(".".join(acronym) + ".")
    return {v for v in out if len(v) >= 2}


@dataclass(frozen=True, slots=True)
class _Alias:
    party: str
    pattern: re.Pattern[str]


class PartyMatcher:
    """Finds parties named in a piece of text."""

    def __init__(self, parties: Sequence[PartyRef]) -> None:
        self.parties = {p.id: p for p in parties}
        aliases: list[_Alias] = []
        for party in parties:
            for variant in sorted(_variants(party), key=len, reverse=True):
                is_acronym = variant.replace(".", "").isupper() and len(variant) <= 6
                flags = 0 if is_acronym else re.IGNORECASE
                body = re.escape(variant)
                pattern = re.compile(rf"(?<![\w.]){body}{_POSSESSIVE}(?![\w])", flags)
                aliases.append(_Alias(party.id, pattern))
        self._aliases = aliases

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, party id) alias occurrence, leftmost-longest, not overlapping."""
        hits: list[tuple[int, int, str]] = []
        for alias in self._aliases:
            hits.extend((m.start(), m.end(), alias.party) for m in alias.pattern.finditer(text))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for hit in hits:
            if hit[0] >= last_end:
                out.append(hit)
                last_end = hit[1]
        return out

    def first(self, text: str) -> str | None:
        """The leftmost party named in ``text``, or ``None``."""
        hits = self.find_all(text)
        return hits[0][2] if hits else None

    def first_of(self, texts: Iterable[str]) -> str | None:
        for text in texts:
            found = self.first(text)
            if found:
                return found
        return None

    def name(self, party: str) -> str:
        ref = self.parties.get(party)
        return ref.name if ref else party
