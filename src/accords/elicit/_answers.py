"""Answers a delegate gives, with their provenance, and the answers file that holds them.

The file is JSON::

    {"comparisons": [{"better": {ISSUE: VALUE, ...}, "worse": {...}, "at": ISO-DATE?}, ...],
     "ratings": [{"package": {...}, "rating": 0..100, "at": ISO-DATE?}, ...]}

Either key may be absent. Answers are numbered in one sequence: the comparisons
first (0, 1, ...), then the ratings; contradictions and provenance use those
numbers. A malformed file is refused with ``FILE: FIELD.PATH: reason``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.elicit._space import Package, Space
from accords.errors import AnswersError, UnknownReference

__all__ = ["Answers", "Comparison", "Rating", "answers_from_json", "read_answers"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """ "I would rather have ``better`` than ``worse``." ``at``: when it was given, if known."""

    better: Package
    worse: Package
    at: str | None = None


@dataclass(frozen=True, slots=True)
class Rating:
    """A whole package rated 0–100 (the holistic check)."""

    package: Package
    rating: float
    at: str | None = None


@dataclass(frozen=True, slots=True)
class Answers:
    """Everything a delegate has answered so far; the order numbers the answers."""

    comparisons: tuple[Comparison, ...] = ()
    ratings: tuple[Rating, ...] = ()
    source: str = field(default="answers", compare=False)

    def __len__(self) -> int:
        return len(self.comparisons) + len(self.ratings)

    def label(self, index: int) -> str:
        """Where answer ``index`` sits in the file: ``comparisons[3]`` or ``ratings[0]``."""
        if index < len(self.comparisons):
            return f"comparisons[{index}]"
        return f"ratings[{index - len(self.comparisons)}]"

    def with_comparison(self, comparison: Comparison) -> Answers:
        return Answers((*self.comparisons, comparison), self.ratings, self.source)

    def check(self, space: Space) -> None:
        """Refuse an answer naming an issue or value the space lacks (file, field path)."""
        try:
            for k, c in enumerate(self.comparisons):
                space.encode(c.better, f"comparisons[{k}].better")
                space.encode(c.worse, f"comparisons[{k}].worse")
            for k, r in enumerate(self.ratings):
                space.encode(r.package, f"ratings[{k}].package")
        except UnknownReference as exc:
            path, _, reason = str(exc).partition(": ")
            raise AnswersError(self.source, path, reason) from None


def _package(file: str, where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise AnswersError(file, where, "expected an object of ISSUE: VALUE")
    out: dict[str, str] = {}
    for k, v in value.items():
        if not isinstance(v, str | int | float) or isinstance(v, bool):
            raise AnswersError(file, f"{where}.{k}", "expected a value name (a string)")
        out[str(k)] = str(v)
    return out


def _entries(
    file: str, data: Mapping[str, Any], key: str, fields: tuple[str, str]
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each entry of the list ``key`` with the path naming it in messages, once it is
    known to be an object with both ``fields`` (comparisons and ratings alike)."""
    items = data.get(key, [])
    if not isinstance(items, list):
        raise AnswersError(file, key, "expected a list")
    for k, item in enumerate(items):
        where = f"{key}[{k}]"
        if not isinstance(item, Mapping):
            raise AnswersError(file, where, f"expected an object with {' and '.join(fields)}")
        for name in fields:
            if name not in item:
                raise AnswersError(file, f"{where}.{name}", "missing")
        yield where, item


def _rating(file: str, where: str, item: Mapping[str, Any]) -> Rating:
    value = item["rating"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise AnswersError(file, f"{where}.rating", "expected a number from 0 to 100")
    package = _package(file, f"{where}.package", item["package"])
    return Rating(package, float(value), _timestamp(file, where, item))


def _timestamp(file: str, where: str, item: Mapping[str, Any]) -> str | None:
    at = item.get("at")
    if at is not None and not isinstance(at, str):
        raise AnswersError(file, f"{where}.at", "expected an ISO date or time (a string)")
    return at


def answers_from_json(data: Any, file: str = "answers") -> Answers:
    """Answers from parsed JSON; every fault names ``file`` and the field path."""
    if not isinstance(data, Mapping):
        raise AnswersError(file, "", "expected a JSON object with comparisons and/or ratings")
    unknown = set(data) - {"comparisons", "ratings"}
    if unknown:
        raise AnswersError(file, sorted(unknown)[0], "unknown key (comparisons, ratings)")
    comparisons = [
        Comparison(
            _package(file, f"{where}.better", item["better"]),
            _package(file, f"{where}.worse", item["worse"]),
            _timestamp(file, where, item),
        )
        for where, item in _entries(file, data, "comparisons", ("better", "worse"))
    ]
    ratings = [
        _rating(file, where, item)
        for where, item in _entries(file, data, "ratings", ("package", "rating"))
    ]
    return Answers(tuple(comparisons), tuple(ratings), file)


def read_answers(path: str | Path) -> Answers:
    """Read and check the shape of an answers file (not yet against a space)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersError(str(p), "", f"cannot be read ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersError(str(p), "", f"not JSON: {exc.msg} at line {exc.lineno}") from None
    return answers_from_json(data, str(p))
