"""Scoring statement extraction against an annotated corpus: precision, recall, speaker accuracy.

A corpus is a folder of articles (``NAME.txt`` or ``NAME.html``), each with ``NAME.yaml``
listing its statements: a ``text`` that occurs in the statement's content, the
``speaker`` (a name, or a list of acceptable names) and the ``party`` id (or null).
A found statement matches a listed one when it covers at least half of that text;
each is matched at most once. Speaker names match when one, without a leading
article or possessive, contains the other. An article whose notes say
``split: held-out`` was written after the rules were tuned and is scored apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from accords.errors import ArticleError
from accords.text._article import read_article
from accords.text._pipeline import Statement, TextReader

__all__ = ["ArticleScore", "GoldStatement", "Scores", "load_corpus", "score_corpus"]


@dataclass(frozen=True, slots=True)
class GoldStatement:
    text: str
    speakers: tuple[str, ...]
    party: str | None


@dataclass
class ArticleScore:
    source: str
    style: str
    split: str
    gold: int
    found: int
    matched: int
    speaker_ok: int
    party_ok: int
    misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)


class _Share:
    """A figure of :class:`Scores`: one count over another, summed over the articles
    (0.0 where the second is 0). Declared as a table, so each figure reads as its ratio."""

    def __init__(self, part: str, whole: str) -> None:
        self.part, self.whole = part, whole

    def __get__(self, scores: Scores, owner: type[Scores] | None = None) -> float:
        whole = scores.total(self.whole)
        return scores.total(self.part) / whole if whole else 0.0


@dataclass
class Scores:
    articles: list[ArticleScore]

    precision = _Share("matched", "found")
    recall = _Share("matched", "gold")
    speaker_accuracy = _Share("speaker_ok", "matched")
    party_accuracy = _Share("party_ok", "matched")

    def only(self, split: str) -> Scores:
        """The scores of one split: ``dev`` (the rules were tuned on it) or ``held-out``."""
        return Scores([a for a in self.articles if a.split == split])

    def total(self, name: str) -> int:
        """One count of :class:`ArticleScore` (``gold``, ``matched``, ...) over the articles."""
        return sum(int(getattr(a, name)) for a in self.articles)


Annotated = tuple[Path, str, str, list[GoldStatement]]


def load_corpus(folder: Path) -> list[Annotated]:
    """(article, style, split, statements) for every annotated article in ``folder``."""
    out: list[Annotated] = []
    for notes in sorted(folder.glob("*.yaml")):
        article = next(
            (p for p in (notes.with_suffix(".txt"), notes.with_suffix(".html")) if p.exists()),
            None,
        )
        if article is None:
            continue
        data: dict[str, Any] = yaml.safe_load(notes.read_text(encoding="utf-8")) or {}
        gold = []
        for item in data.get("statements") or []:
            speaker = item["speaker"]
            speakers = tuple(speaker) if isinstance(speaker, list) else (str(speaker),)
            gold.append(GoldStatement(str(item["text"]), speakers, item.get("party")))
        out.append((article, str(data.get("style", "")), str(data.get("split", "dev")), gold))
    return out


def _norm(name: str) -> str:
    name = re.sub(r"['\u2019]s\b", "", name.lower())
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip())
    return " ".join(re.findall(r"[\w.]+", name))


def speaker_matches(found: str | None, gold: tuple[str, ...]) -> bool:
    if not found:
        return False
    f = _norm(found)
    return any(f == g or (g and (g in f or f in g)) for g in map(_norm, gold))


def _covers(st: Statement, start: int, end: int) -> bool:
    overlap = min(st.end, end) - max(st.start, start)
    return overlap >= 0.5 * (end - start)


def score_article(
    reader: TextReader, path: Path, style: str, split: str, gold: list[GoldStatement]
) -> ArticleScore:
    article = read_article(path)
    found = list(reader.read(article).statements)
    result = ArticleScore(str(path.name), style, split, len(gold), len(found), 0, 0, 0)
    used: set[int] = set()
    for g in gold:
        at = article.text.find(g.text)
        if at < 0:
            raise ArticleError(path.name, f"annotated text not in the article: {g.text!r}")
        hit = next(
            (
                i
                for i, st in enumerate(found)
                if i not in used and _covers(st, at, at + len(g.text))
            ),
            None,
        )
        if hit is None:
            result.misses.append(g.text)
            continue
        used.add(hit)
        result.matched += 1
        st = found[hit]
        if speaker_matches(st.speaker, g.speakers):
            result.speaker_ok += 1
        else:
            result.wrong_speaker.append(f"{g.text!r}: {st.speaker!r}, not {g.speakers[0]!r}")
        if st.party == g.party:
            result.party_ok += 1
    result.extra = [found[i].text for i in range(len(found)) if i not in used]
    return result


def score_corpus(reader: TextReader, folder: Path) -> Scores:
    return Scores([score_article(reader, *item) for item in load_corpus(folder)])
