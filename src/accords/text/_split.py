"""Two statements in one sentence: "X said A, but he also warned B".

Reported speech often joins a second verb of saying to the first with a conjunction and a
pronoun. Read as one statement, B is credited to the first cue and its content runs on
past it; press attribution schemes (PolNeAR among them) count two statements with the
same speaker, and a claim in B has its own cue ("warned", "insisted"). The split keeps the
speaker, party and person of the first statement: the pronoun is its subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from accords.text._resolve import RawStatement
from accords.text._segments import word_count
from accords.text._speakers import CUE_RE

__all__ = ["split_joined"]

_WHO = re.compile(
    r",\s+who\s+(?:also\s+|later\s+)?"
    r"(?P<cue>said|says|noted|added|argued|insisted|warned|told [a-z ]{1,20}?)\s+(?:that\s+)?"
)
# a full stop that ends a sentence, not an initial or "U.S."
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?]\s+[A-Z\u201c\"]")

_JOIN = re.compile(
    r",?\s+(?:and|but)\s+(?P<who>he|she|they)\s+(?:also\s+|later\s+|then\s+)?"
    rf"(?P<cue>{CUE_RE.pattern[2:]})\s+(?:that\s+)?",
)


def split_joined(text: str, statements: list[RawStatement]) -> list[RawStatement]:
    """The statements with "X said A, but he also warned B" read as two: the reader
    took B (the last cue's); A, from the first cue to the joint, is added before it.
    A quotation whose speaker's apposition says more ("…,” said X, who noted that B.")
    is followed by B, X's too."""
    out: list[RawStatement] = []
    for st in statements:
        first = _first_part(text, st) if st.kind == "indirect" else None
        if first is not None:
            second, joint = first
            out.extend((second, replace(st, mention=joint.group("who"))))
            continue
        out.append(st)
        relayed = _relative_after(text, st) if st.kind == "direct" else None
        if relayed is not None:
            out.append(relayed)
    return out


def _relative_after(text: str, st: RawStatement) -> RawStatement | None:
    """ "…,” said X, a consultant, who said that B.": B, with X as speaker."""
    line_end = text.find("\n", st.end)
    hi = len(text) if line_end == -1 else line_end
    sentence = _SENTENCE_END.search(text, st.end, hi)
    hi = sentence.start() + 1 if sentence else hi
    found = _WHO.search(text, st.end, hi)
    if found is None or word_count(text[st.end : found.start()]) > 25:
        return None
    end = hi
    while end > found.end() and text[end - 1] in ' .,;\u201d"':
        end -= 1
    if word_count(text[found.end() : end]) < 3:
        return None
    words = text[found.end() : end]
    return replace(
        st,
        start=found.end(),
        end=end,
        text=words,
        kind="indirect",
        cue=found.group("cue"),
        mention="who",
    )


def _first_part(text: str, st: RawStatement) -> tuple[RawStatement, re.Match[str]] | None:
    lo = text.rfind("\n", 0, st.start) + 1
    # the joint's cue is the statement's: "but he also warned [the Taliban that] …"
    joints = [m for m in _JOIN.finditer(text, lo, st.start) if m.group("cue") == st.cue]
    joint = joints[-1] if joints else None
    if joint is None or word_count(text[joint.end() : st.start]) > 6:
        return None
    cues = list(CUE_RE.finditer(text, lo, joint.start()))
    if not cues or _SENTENCE_END.search(text, cues[-1].end(), joint.start()):
        return None
    cue = cues[-1]
    that = re.match(r"\s+that\b", text[cue.end() : joint.start()])
    start = cue.end() + (that.end() if that else 0)
    while start < joint.start() and text[start].isspace():
        start += 1
    if word_count(text[start : joint.start()]) < 3:
        return None
    words = text[start : joint.start()]
    return replace(st, start=start, end=joint.start(), text=words, cue=cue.group(0)), joint
