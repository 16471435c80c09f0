"""Quotation marks: pairs, paragraphs, unbalanced marks; never a crash on any text."""

from __future__ import annotations

from hypothesis import given

from accords.text._quotes import find_quotes, paragraphs

from .strategies import news_text


def texts(text: str) -> list[str]:
    quotes, _ = find_quotes(text)
    return [q.text(text) for q in quotes]


def test_curly_and_straight_quotes() -> None:
    text = 'He said \u201cwe agree\u201d and then "we do not," she said.'
    assert texts(text) == ["we agree", "we do not,"]


def test_apostrophes_are_not_quotes() -> None:
    text = "The Taliban\u2019s office and the group's envoy didn't say."
    assert texts(text) == []


def test_quotation_over_paragraphs_is_one() -> None:
    text = "\u201cFirst paragraph of it.\n\n\u201cSecond paragraph,\u201d he said."
    quotes, notes = find_quotes(text)
    assert len(quotes) == 1 and notes == []
    assert quotes[0].text(text) == "First paragraph of it. Second paragraph,"
    assert len(quotes[0].pieces) == 2


def test_unbalanced_quote_closes_at_paragraph_end_with_a_note() -> None:
    text = "He said \u201cthis never closes\n\nNext paragraph here."
    quotes, notes = find_quotes(text)
    assert [q.text(text) for q in quotes] == ["this never closes"]
    assert not quotes[0].closed
    assert any("unbalanced" in n for n in notes)


def test_stray_closing_mark_is_noted() -> None:
    _, notes = find_quotes("Nothing opens here\u201d at all.")
    assert notes


def test_paragraphs_are_lines() -> None:
    text = "  one  \n\n two\n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["one", "two"]


@given(news_text())
def test_quotes_lie_within_the_text(text: str) -> None:
    quotes, _ = find_quotes(text)
    last = -1
    for q in quotes:
        for start, end in q.pieces:
            assert 0 <= start < end <= len(text)
        assert q.start >= last
        last = q.start
