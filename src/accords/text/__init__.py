"""Statements and claims in news: who said what about which part, and does the record bear it out.

    read_article(path)            -> Article (plain text or HTML; bad input -> ArticleError)
    TextReader(parties, parts)    -> .read(article) -> ArticleStatements (statements, parts, claims)
    check(result, negotiation)    -> the same with a verdict and reason on every claim

Heavy models (spaCy, MiniLM) load on first use, never at import. Importing the package
registers the ``statement-recorded`` event with the fold and the claims export.
"""

from __future__ import annotations

from accords.text._article import Article, read_article, read_text
from accords.text._check import VERDICTS, Verdict, judge
from accords.text._claims import ASSERTIONS
from accords.text._events import STATEMENT_RECORDED, recorded_statements
from accords.text._pipeline import ArticleStatements, Claim, Statement, TextReader, check
from accords.text._record import (
    NegotiationView,
    PartRecord,
    PartRef,
    PartyRef,
    RecordView,
    Stance,
)

__all__ = [
    "ASSERTIONS",
    "STATEMENT_RECORDED",
    "VERDICTS",
    "Article",
    "ArticleStatements",
    "Claim",
    "NegotiationView",
    "PartRecord",
    "PartRef",
    "PartyRef",
    "RecordView",
    "Stance",
    "Statement",
    "TextReader",
    "Verdict",
    "check",
    "judge",
    "read_article",
    "read_text",
    "recorded_statements",
]
