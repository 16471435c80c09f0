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

from accords.text._record import PartyRef

__all__ = ["PartyMatcher"]

_POSSESSIVE = r"(?:['\u2019]s?)?"


def _alternation(variants: dict[str, str]) -> str:
    body = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return rf"(?<![\w.])(?P<alias>{body}){_POSSESSIVE}(?![\w])"


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


class PartyMatcher:
    """Finds parties named in a piece of text."""

    def __init__(self, parties: Sequence[PartyRef]) -> None:
        self.parties = {p.id: p for p in parties}
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for party in parties:
            for variant in _variants(party):
                is_acronym = variant.replace(".", "").isupper() and len(variant) <= 6
                if is_acronym:
                    exact.setdefault(variant, party.id)
                else:
                    folded.setdefault(variant.lower(), party.id)
        self._exact = exact
        self._folded = folded
        # one alternation per case rule, longest first: a single scan finds every alias
        self._patterns = [
            (re.compile(_alternation(exact)), False) if exact else None,
            (re.compile(_alternation(folded), re.IGNORECASE), True) if folded else None,
        ]

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, party id) alias occurrence, leftmost-longest, not overlapping."""
        hits: list[tuple[int, int, str]] = []
        for entry in self._patterns:
            if entry is None:
                continue
            pattern, fold = entry
            table = self._folded if fold else self._exact
            for m in pattern.finditer(text):
                key = m.group("alias")
                party = table.get(key.lower() if fold else key)
                if party is not None:
                    hits.append((m.start(), m.end(), party))
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
