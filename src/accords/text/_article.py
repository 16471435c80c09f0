"""Reading an article from a file: plain text or HTML, with its title, byline and date.

Statement offsets are offsets into ``Article.text``, the text *as read*: for a plain
text file that is the file's text itself; for HTML it is the body trafilatura
extracts (navigation, sidebars and "related" boxes left out). Bad input (empty,
binary, huge, not English) is refused here with one clear :class:`ArticleError`,
before any model runs, so an ingest of many files can report each one and record none.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accords.errors import ArticleError
from accords.text._words import wordset

__all__ = ["MAX_BYTES", "MAX_CHARS", "Article", "parse_date", "read_article", "read_text"]

#: Larger files are refused: a news article is a few kilobytes, HTML pages a few hundred.
MAX_BYTES = 5_000_000
#: Longer article texts (as read) are refused: that is a book, not an article.
MAX_CHARS = 500_000

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"
    ),
    re.compile(
        rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RE})\s+(?P<y>(?:19|20)\d\d)\b"
    ),
)
_BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+(?P<who>[^\n]{2,80})$")
_BREADCRUMB = re.compile(r"^[^\n/]{1,40}(?:\s/\s[^\n/]{1,60})+\s/\s")
# The commonest English function words: a text with almost none of them is not English.
_ENGLISH = wordset(
    "the of and to a in is that for it was on with as he be by at are this have from "
    "or had not but they his she her an were which been has their we said will would "
    "there its who our after also more than over about into up out all no can i you"
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: ``text`` is what statement offsets point into."""

    source: str
    text: str
    title: str | None = None
    byline: str | None = None
    date: date | None = None
    notes: tuple[str, ...] = field(default=())


def parse_date(text: str) -> date | None:
    """The first calendar date written in ``text`` (ISO, "March 12, 2019", "12 March 2019")."""
    for pattern in _DATE_PATTERNS:
        found = pattern.search(text)
        if not found:
            continue
        parts = found.groupdict()
        month = int(parts["m"]) if "m" in parts and parts.get("m") else None
        if month is None:
            key = parts["mon"].lower().rstrip(".")
            month = _MONTHS.get(key) or _MONTHS.get(key[:3])
        try:
            return date(int(parts["y"]), month or 0, int(parts["d"]))
        except ValueError:
            continue
    return None


def _decode(source: str, data: bytes) -> str:
    if not data.strip():
        raise ArticleError(source, "the file is empty")
    if len(data) > MAX_BYTES:
        raise ArticleError(
            source, f"the file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ArticleError(source, "the file is not text: broken UTF-16") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(source, "the file is binary, not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ArticleError(
                source, "the file is not text: it is not UTF-8 or Windows-1252"
            ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise ArticleError(source, "the file is binary, not text or HTML")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_english(source: str, text: str) -> None:
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        raise ArticleError(source, "the file holds no words")
    latin = sum(1 for w in words if w.isascii())
    common = sum(1 for w in words if w in _ENGLISH)
    if len(words) >= 8 and (latin / len(words) < 0.5 or common / len(words) < 0.08):
        raise ArticleError(source, "the text does not look like English; only English is read")


def _looks_like_html(path: str, text: str) -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _from_html(source: str, html: str) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise ArticleError(source, "the HTML page holds no article text")
    title = getattr(doc, "title", None) or None
    byline = getattr(doc, "author", None) or None
    lines = body.split("\n")
    # trafilatura keeps the headline and byline at the top of the body: they are metadata.
    while lines and ((title and lines[0].strip() == title.strip()) or _BYLINE.match(lines[0])):
        found = _BYLINE.match(lines[0])
        if found and not byline:
            byline = found.group("who").strip()
        lines.pop(0)
    text = "\n".join(lines)
    raw_date = getattr(doc, "date", None)
    when = parse_date(raw_date) if isinstance(raw_date, str) else None
    return Article(source=source, text=text, title=title, byline=byline, date=when)


def _from_plain(source: str, text: str) -> Article:
    lines = [ln for ln in text.split("\n") if ln.strip()][:8]
    title: str | None = None
    byline: str | None = None
    when: date | None = None
    for line in lines:
        found = _BYLINE.match(line)
        if found and byline is None:
            byline = found.group("who").strip()
            continue
        if title is None:
            candidate = _BREADCRUMB.sub("", line.strip())
            title = candidate.strip() or None
        if when is None:
            # a date line, or the dateline opening the first paragraph ("DOHA, May 9, 2019 -")
            when = parse_date(line[:80])
    return Article(source=source, text=text, title=title, byline=byline, date=when)


def read_text(source: str, data: bytes) -> Article:
    """An article from raw bytes; ``source`` names it in messages and output."""
    text = _decode(source, data)
    article = (
        _from_html(source, text) if _looks_like_html(source, text) else _from_plain(source, text)
    )
    if len(article.text) > MAX_CHARS:
        raise ArticleError(
            source,
            f"the article is too long ({len(article.text):,} characters; the limit is "
            f"{MAX_CHARS:,}): split it into articles",
        )
    _check_english(source, article.text)
    return article


def read_article(path: str | Path) -> Article:
    """Read one file; every problem becomes an :class:`ArticleError` naming the file."""
    source = str(path)
    try:
        p = Path(path)
        if p.is_dir():
            raise ArticleError(source, "is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(
                source, f"the file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ArticleError(source, "no such file") from None
    except PermissionError:
        raise ArticleError(source, "the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise ArticleError(source, f"the file cannot be read ({exc.strerror or exc})") from None
    return read_text(source, data)
