"""Protocols: who speaks when, and when a package is agreed.

- **Alternating offers** (NegMAS SAO semantics; bilateral with two parties,
  *stacked* alternating offers with more): parties take turns in a fixed order
  each round; the first offers, each next one accepts the package on the table
  or rejects it with a counter-offer (an offer counts as its maker's
  acceptance). The package is agreed only when every party has accepted that
  same package in an unbroken run; any counter-offer starts the count again.
- **Single text** (mediated): each round the mediator's drafter tables a whole
  package; every party accepts it or not, and says whether it prefers it to the
  current text. Under the package rule nothing is agreed until every party
  accepts the whole package in the same round.

Both stop at the deadline (``steps`` rounds). Relative time in round ``r``
(0-based) is ``(r + 1) / (steps + 1)``, as in NegMAS. The loops are plain
Python over integers: a turn is one method call and one list append.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from accords.simulate._mediator import SingleTextDrafter
from accords.simulate._negotiators import Negotiator

__all__ = ["Ending", "Trace", "alternating_offers", "single_text"]

Reason = Literal["agreement", "deadline", "no-offer"]


@dataclass
class Trace:
    """Every package tabled, in order: the round, who tabled it (a turn position, or -1
    for the mediator) and the table row."""

    rounds: list[int] = field(default_factory=list)
    parties: list[int] = field(default_factory=list)
    offers: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.offers)


@dataclass
class Ending:
    """How a negotiation ended: the agreed row (or None), rounds used, why, and the trace."""

    agreement: int | None
    rounds: int
    reason: Reason
    trace: Trace


def alternating_offers(negotiators: Sequence[Negotiator], steps: int) -> Ending:
    """Run (stacked) alternating offers to agreement or the deadline."""
    n = len(negotiators)
    trace = Trace()
    rounds, parties, offers = trace.rounds, trace.parties, trace.offers
    current = -1
    accepted = 0
    for r in range(steps):
        t = (r + 1) / (steps + 1)
        for k in range(n):
            neg = negotiators[k]
            if current >= 0 and neg.respond(t, current, parties[-1]):
                accepted += 1
                if accepted == n:
                    return Ending(current, r + 1, "agreement", trace)
                continue
            current = neg.propose(t)
            if current < 0:
                return Ending(None, r + 1, "no-offer", trace)
            rounds.append(r)
            parties.append(k)
            offers.append(current)
            accepted = 1
    return Ending(None, steps, "deadline", trace)


def single_text(
    drafter: SingleTextDrafter, negotiators: Sequence[Negotiator], steps: int
) -> Ending:
    """Run the mediated single-text protocol to agreement or the deadline."""
    trace = Trace()
    for r in range(steps):
        t = (r + 1) / (steps + 1)
        draft = drafter.draft(t)
        if draft < 0:
            return Ending(None, r + 1, "no-offer", trace)
        trace.rounds.append(r)
        trace.parties.append(-1)
        trace.offers.append(draft)
        text = drafter.text
        accepts = [neg.respond(t, draft, -1) for neg in negotiators]
        if all(accepts):
            return Ending(draft, r + 1, "agreement", trace)
        drafter.critique(draft, [neg.prefers(draft, text) for neg in negotiators])
    return Ending(None, steps, "deadline", trace)
