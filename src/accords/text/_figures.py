"""Figures stated in text: "within 14 months", "5,000 Taliban prisoners", "an 18-month timeline".

A numeric part of the framework counts something (its :class:`Figure`: months, troops,
prisoners, days); a statement bears on it when it states a number of that unit inside the
part's range. The number may be written in digits (with thousands separators or
decimals) or in words ("seven days"), and up to two words may stand between it and its
unit ("8,600 US troops").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["Figure", "Stated", "figures_in"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100, "thousand": 1000,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:-|\s)?(thousand|million)?\b"
    r"|\b(" + "|".join(_WORDS) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_SCALE = {"thousand": 1_000, "million": 1_000_000}


@dataclass(frozen=True, slots=True)
class Figure:
    """What a numeric part counts: a number from ``low`` to ``high`` in ``unit``."""

    low: float
    high: float
    unit: str

    def holds(self, value: float) -> bool:
        """Whether a stated number is one this part can take (its unit checked apart)."""
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class Stated:
    """A number and the stem of the unit that follows it, with where they stand."""

    value: float
    unit: str
    start: int
    end: int


def _value(m: re.Match[str]) -> float:
    digits, scale, word = m.group(1), m.group(2), m.group(3)
    if word:
        return float(_WORDS[word.lower()])
    value = float(digits.replace(",", ""))
    return value * _SCALE[scale.lower()] if scale else value


def figures_in(text: str, stem: Callable[[str], str], reach: int = 3) -> Iterator[Stated]:
    """Each number followed, within ``reach`` words, by a word; one :class:`Stated` per word.

    Every word in reach is offered as a unit (its stem), so "5,000 Taliban prisoners" is
    both 5,000 Taliban and 5,000 prisoners: the caller keeps the units it counts.
    """
    for m in _NUMBER.finditer(text):
        value = _value(m)
        pos = m.end()
        for i, w in enumerate(_WORD.finditer(text, pos)):
            if i >= reach or re.search(r"[.;:!?]", text[pos : w.start()]):
                break
            yield Stated(value, stem(w.group(0)), m.start(), w.end())
            pos = w.end()
