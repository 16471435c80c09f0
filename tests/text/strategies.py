"""Hypothesis strategies for the text tests: news-like text full of quotation marks."""

from __future__ import annotations

from hypothesis import strategies as st

_WORDS = [
    "the",
    "talks",
    "Khalilzad",
    "Taliban",
    "said",
    "added",
    "that",
    "he",
    "agreed",
    "withdrawal",
    "ceasefire",
    "not",
    "nothing",
    "is",
    "U.S.",
    "spokesman",
    "according to",
    "tweeted",
    "Mr.",
    "envoy",
    "accept",
    "framework",
    "Shaheen",
    "Kabul",
    "don't",
]
_MARKS = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", ",", ".", ":", "?", "\n", "\n\n"]

#: A token: a word, a mark, or any character at all (binary-looking noise included).
token = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_MARKS),
    st.characters(codec="utf-8"),
)


@st.composite
def news_text(draw: st.DrawFn, max_tokens: int = 80) -> str:
    parts = draw(st.lists(token, max_size=max_tokens))
    return " ".join(parts)
