"""The reader's fixed word lists: each is written as one string of words, read once into a set.

Function words, sentence starters, auxiliaries, role words: the rules test membership
in these many times per article, and a string reads (and diffs) better than a set
literal of a hundred quoted words.
"""

from __future__ import annotations

__all__ = ["wordset"]


def wordset(words: str) -> frozenset[str]:
    """The words of ``words``, split on white space, as a set."""
    return frozenset(words.split())
