"""The mediator's drafter: whole single texts, improved from the parties' critiques.

It follows the single negotiating text method (Fisher; Klein et al.'s
mediated hill-climbing): the mediator holds one text (a whole package), drafts
a variant that changes one part, and the parties say whether they accept the
draft and whether they prefer it to the text. A draft every party prefers
becomes the new text. The drafter sees only the public table and the parties'
answers, never their preferences.
"""

from __future__ import annotations

import numpy as np

from accords.simulate._view import DrafterView

__all__ = ["SingleTextDrafter"]

_TRIES = 8  # attempts at a one-part change the linkages allow before jumping elsewhere


class SingleTextDrafter:
    """Drafts whole packages; adopts a draft as the text when every party prefers it."""

    def __init__(self, view: DrafterView, rng: np.random.Generator, start: int | None = None):
        self.view = view
        self.rng = rng
        self.table = view.table
        if start is not None:
            self.text = start
        else:  # -1: the public rules allow no package at all
            self.text = int(rng.integers(len(view.table))) if len(view.table) else -1
        self.first = True

    def draft(self, t: float) -> int:
        """The next draft: the text itself first, then a one-part variant of it (-1: none)."""
        if self.first or self.text < 0:
            self.first = False
            return self.text
        free = self.table.free_parts
        if not free:
            return self.text
        for _ in range(_TRIES):
            part = free[int(self.rng.integers(len(free)))]
            n = self.table.radix[part]
            current = int(self.table.rows[self.text, part])
            option = int(self.rng.integers(n - 1))
            option += option >= current  # any option but the current one
            row = self.table.neighbour(self.text, part, option)
            if row is not None:
                return row
        return int(self.rng.integers(len(self.table)))

    def critique(self, draft: int, preferred: list[bool]) -> None:
        """Hear whether each party prefers the draft to the text; adopt it if all do."""
        if all(preferred):
            self.text = draft
