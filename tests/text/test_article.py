"""Reading files: plain text and HTML, metadata, and a clear error for bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from accords.errors import ArticleError
from accords.text import read_article, read_text
from accords.text._article import MAX_BYTES, MAX_CHARS, parse_date

from .support import CORPUS, require_trafilatura, seed_path


def test_plain_text_keeps_the_file_text_and_finds_metadata() -> None:
    raw = "Home / News / Envoy speaks\n\nEnvoy speaks\n\nBy Jane Roe\n\nMarch 12, 2019\n\nBody."
    article = read_text("a.txt", raw.encode())
    assert article.text == raw
    assert article.title == "Envoy speaks"
    assert article.byline == "Jane Roe"
    assert article.date == date(2019, 3, 12)


def test_seed_metadata() -> None:
    article = read_article(seed_path())
    assert article.title == (
        "Khalilzad to Taliban: We seek a comprehensive peace agreement, not withdrawal"
    )
    assert article.byline == "Farhad Naibkhel"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2019-03-12", date(2019, 3, 12)),
        ("March 12, 2019", date(2019, 3, 12)),
        ("12 March 2019", date(2019, 3, 12)),
        ("Sept. 3, 2019", date(2019, 9, 3)),
        ("February 30, 2019", None),
        ("no date here", None),
    ],
)
def test_dates(written: str, expected: date | None) -> None:
    assert parse_date(written) == expected


def test_html_body_without_navigation_and_related() -> None:
    require_trafilatura()
    article = read_article(CORPUS / "page.html")
    assert article.title and article.title.startswith("Ghani offers ceasefire")
    assert article.byline == "Jawad Karimi"
    assert article.date == date(2019, 6, 5)
    assert "I call on the Taliban" in article.text
    for boilerplate in ("Most read", "Related", "nothing is agreed", "Copyright", "Sport"):
        assert boilerplate not in article.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (
            b"Die Verhandlungen zwischen den Vereinigten Staaten und den Taliban wurden "
            b"am Dienstag in Doha fortgesetzt, teilte ein Sprecher mit.",
            "English",
        ),
        (
            ("\u0645\u0630\u0627\u06a9\u0631\u0627\u062a \u0635\u0644\u062d " * 20).encode(),
            "English",
        ),
    ],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason) as info:
        read_text("bad.txt", data)
    assert str(info.value).startswith("bad.txt: ")


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(ArticleError, match="too large"):
        read_article(big)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="folder"):
        read_article(tmp_path)


def test_too_long_text_is_refused() -> None:
    text = ("The envoy said the talks went well. " * (MAX_CHARS // 30)).encode()
    assert len(text) < MAX_BYTES
    with pytest.raises(ArticleError, match="too long"):
        read_text("long.txt", text)


def test_encodings() -> None:
    text = "Khalilzad said \u201cnothing is agreed until everything is agreed\u201d in Doha."
    for data in (text.encode("utf-16"), text.encode("cp1252"), text.encode("utf-8-sig")):
        assert read_text("enc.txt", data).text == text
