"""From an article to statements with parts and claims, and from claims to verdicts.

:class:`TextReader` holds what is loaded once (the model, the party matcher, the
part lexicon and its embeddings) and reads any number of articles. :func:`check`
adds verdicts against a negotiation's record as of each article's date; it is a
separate step so that extraction needs no record (``accords ingest --no-record``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from accords.text._article import Article
from accords.text._check import judge
from accords.text._claims import finish_claims, plan_claims
from accords.text._extract import extract_many
from accords.text._parties import PartyMatcher
from accords.text._parts import Embedder, PartLexicon
from accords.text._people import Directory, Linker
from accords.text._quotes import normalize_marks, paragraphs
from accords.text._record import NegotiationView, PartRef, PartyRef
from accords.text._resolve import Attributed
from accords.text._segments import NerFunction

__all__ = ["ArticleStatements", "Claim", "Statement", "TextReader", "check"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of a statement; ``party`` is whose move it reports (not in the JSON)."""

    part: str | None
    asserts: str
    party: str | None = None
    verdict: str | None = None
    reason: str | None = None
    #: the level a qualified agreement claims (``agreed-in-principle``, ``agreed-ad-ref``)
    level: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "part": self.part,
            "asserts": self.asserts,
            "verdict": self.verdict,
            "reason": self.reason,
        }
        if self.level is not None:
            out["level"] = self.level  # only on qualified claims: the shape stays otherwise
        return out


@dataclass(frozen=True, slots=True)
class Statement(Attributed):
    """Who said what, where in the article, about which parts, claiming what."""

    parts: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker,
            "mention": self.mention,
            "party": self.party,
            "parts": list(self.parts),
            "claims": [c.to_json() for c in self.claims],
        }


@dataclass(frozen=True, slots=True)
class ArticleStatements:
    """An article and its statements; ``notes`` tell of text that could not be read cleanly."""

    article: Article
    statements: tuple[Statement, ...]
    notes: tuple[str, ...] = ()
    as_of: date | None = None

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "source": a.source,
            "title": a.title,
            "byline": a.byline,
            "date": a.date.isoformat() if a.date else None,
            "statements": [s.to_json() for s in self.statements],
        }


def _default_embedder() -> Embedder | None:
    try:
        from accords.text._embed import load_minilm

        model = load_minilm()
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return model.encode


class TextReader:
    """Reads articles against one negotiation's parties and parts (either may be empty)."""

    def __init__(
        self,
        parties: Sequence[PartyRef] = (),
        parts: Sequence[PartRef] = (),
        *,
        ner: NerFunction | None = None,
        embedder: Embedder | None = None,
        embeddings: bool = True,
        people: Directory | None = None,
    ) -> None:
        if ner is None:
            from accords.text._nlp import ner as spacy_ner

            ner = spacy_ner
        self._ner = ner
        self.parties = PartyMatcher(parties)
        self.people = people or Directory()
        self.linker = Linker(self.people, self.parties)
        if embedder is None and embeddings and parts:
            embedder = _default_embedder()
        self.lexicon = PartLexicon(parts, parties, embedder)

    def read(self, article: Article) -> ArticleStatements:
        """The statements of one article, with their parts and claims."""
        return self.read_many([article])[0]

    def read_many(self, articles: Sequence[Article]) -> list[ArticleStatements]:
        """:meth:`read` for several articles, each model called once for all of them.

        The same results as reading them one by one, for less: the recogniser and the
        encoder both run their matrix products on the whole batch, and a product on
        many rows costs far less per row than one on a few.
        """
        articles = [
            a if (t := normalize_marks(a.text)) is a.text else dataclasses.replace(a, text=t)
            for a in articles
        ]
        items = [(a.text, self._title_line(a)) for a in articles]
        days = [a.date for a in articles]
        extracted = extract_many(items, self.parties, self._ner, self.linker, days)
        # one embedding call for every article: each call has a fixed cost
        plans = [[plan_claims(r.text, self.lexicon) for r in raw] for raw, _ in extracted]
        questions = [q for mine in plans for plan in mine for q in plan.questions]
        answers = iter(self.lexicon.nearest(questions))
        results = []
        for article, (raw, notes), mine in zip(articles, extracted, plans, strict=True):
            statements: list[Statement] = []
            for r, plan in zip(raw, mine, strict=True):
                asked = [next(answers) for _ in plan.asks]
                parts, found = finish_claims(plan, asked, r.party, self.parties)
                claims = tuple(Claim(c.part, c.asserts, c.party, level=c.level) for c in found)
                statements.append(
                    Statement(
                        r.start,
                        r.end,
                        r.text,
                        r.kind,
                        r.cue,
                        r.speaker,
                        r.mention,
                        r.party,
                        tuple(parts),
                        claims,
                    )
                )
            results.append(
                ArticleStatements(article, tuple(statements), tuple(article.notes) + tuple(notes))
            )
        return results

    @staticmethod
    def _title_line(article: Article) -> int | None:
        """Which of the first paragraphs is the article's title, if one is."""
        if not article.title:
            return None
        text = article.text
        return next(
            (
                i
                for i, p in enumerate(paragraphs(text)[:6])
                if p.text(text).strip() == article.title.strip()
            ),
            None,
        )


def check(
    result: ArticleStatements, negotiation: NegotiationView, when: date | None = None
) -> ArticleStatements:
    """Verdicts for every claim, as of ``when`` (else the article's date, else the whole record)."""
    as_of = when or result.article.date
    record = negotiation.as_of(as_of)
    names = {p.id: p.name for p in negotiation.parties}
    titles = {p.id: p.id for p in negotiation.parts}
    order = {p.id: i for i, p in enumerate(negotiation.parties)}
    statements = []
    for st in result.statements:
        claims = []
        for c in st.claims:
            v = judge(c.part, c.asserts, c.party, record, names.get, titles.get, order, c.level)
            reason = (
                v.reason if as_of else f"{v.reason} (undated article: judged on the whole record)"
            )
            claims.append(dataclasses.replace(c, verdict=v.verdict, reason=reason))
        statements.append(dataclasses.replace(st, claims=tuple(claims)))
    return dataclasses.replace(result, statements=tuple(statements), as_of=as_of)
