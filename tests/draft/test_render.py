"""Rendering of every clause status, pinned by golden files.

The golden files were read by eye once; set ACCORDS_REGOLD=1 to rewrite them after
a deliberate change, and read the diff before committing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from accords.draft import build_document, render_html, render_markdown
from accords.model import State
from accords.model import clauses as cl
from accords.model import commands as c
from draft.builders import accept, base, conclude, day, run, table

GOLDEN = Path(__file__).parent / "golden"


def _open() -> State:
    return run(
        [cl.TableClause(on=day(1), part="withdrawal", clause="c1", party="med", title="Bases")],
        base(),
    )


def _proposed() -> State:
    return run([table()], base())


def _bracketed() -> State:
    return run(
        [
            table(),
            cl.BracketClause(
                on=day(2),
                clause="c1",
                party="tb",
                alternative="B",
                text="All forces leave within 9 months.",
            ),
            accept("us", "principle", alt="A", n=3),
        ],
        base(),
    )


def _level(level: str) -> Callable[[], State]:
    def build() -> State:
        return run([table(), accept("us", level), accept("tb", level)], base())

    return build


def _agreed() -> State:
    return conclude(run([table(), accept("us"), accept("tb")], base()))


def _initialled() -> State:
    return run([c.Initial(on=day(20), party="us"), c.Initial(on=day(20), party="tb")], _agreed())


def _signed() -> State:
    return run([c.Sign(on=day(21), party="us"), c.Sign(on=day(21), party="tb")], _agreed())


def _withdrawn() -> State:
    return run(
        [table(), cl.WithdrawClause(on=day(2), clause="c1", party="us", alternative="A")], base()
    )


def _deferred() -> State:
    return run([table(), c.Defer(on=day(2), part="withdrawal", party="med")], base())


def _reserved_and_amended() -> State:
    """A reservation footnote, a stale acceptance note and a part with no text."""
    s = run(
        [
            table(),
            accept("us", "ad-ref"),
            accept("tb", "ad-ref"),
            table(clause="c2", text="Five bases are vacated within 135 days.", n=3),
            accept("us", "ad-ref", clause="c2", n=4),
            cl.ReserveClause(
                on=day(5), clause="c2", party="tb", note="subject to the Leadership Council"
            ),
            cl.AmendClause(
                on=day(6),
                clause="c1",
                alternative="A",
                party="med",
                text="All forces leave within 14 months of signature.",
            ),
        ],
        base(extra_parts=True),
    )
    return s


CASES: dict[str, Callable[[], State]] = {
    "open": _open,
    "proposed": _proposed,
    "bracketed": _bracketed,
    "agreed-in-principle": _level("principle"),
    "agreed-ad-ref": _level("ad-ref"),
    "confirmed": _level("confirmed"),
    "agreed": _agreed,
    "initialled": _initialled,
    "signed": _signed,
    "withdrawn": _withdrawn,
    "deferred": _deferred,
    "footnotes": _reserved_and_amended,
}


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ACCORDS_REGOLD") or not path.exists():
        if not os.environ.get("ACCORDS_REGOLD"):
            pytest.fail(f"no golden file {path}; run with ACCORDS_REGOLD=1 and read it")
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_golden(name: str) -> None:
    state = CASES[name]()
    if name in cl.CLAUSE_STATUSES:
        assert cl.clause_status(state, cl.clauses(state)[0]).status == name
    _compare(f"{name}.md", render_markdown(state, "2020-01-31"))


@pytest.mark.parametrize("name", ["bracketed", "confirmed", "signed", "footnotes"])
def test_html_golden(name: str) -> None:
    _compare(f"{name}.html", render_html(CASES[name](), "2020-01-31"))


def test_unagreed_text_is_in_brackets_and_agreed_text_is_clean() -> None:
    md = render_markdown(_bracketed())
    assert "[A: All forces leave within 14 months.][B: All forces leave within 9 months.]" in md
    assert "A backed by United States; B backed by Taliban" in md
    clean = render_markdown(_signed())
    assert "[" not in clean.split("## 1.")[1]
    assert "All forces leave within 14 months." in clean


def test_nothing_is_called_agreed_before_conclusion() -> None:
    for name in ("proposed", "bracketed", "agreed-in-principle", "agreed-ad-ref", "confirmed"):
        doc = build_document(CASES[name]())
        words = [b.label for s in doc.sections for b in s.clauses]
        assert all(
            not w.startswith("agreed ") and w != "agreed"
            for w in words
            if "level" not in w and "principle" not in w
        ), words
        assert "Nothing is agreed until everything is agreed" in doc.headline


def test_html_escapes_text() -> None:
    s = run([table(text="<script>x</script> & more")], base())
    html = render_html(s)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_withdrawn_clauses_leave_the_concluded_text() -> None:
    s = run(
        [
            table(clause="gone", text="Dropped on the way."),
            cl.WithdrawClause(on=day(1), clause="gone", party="us", alternative="A"),
            table(clause="c1", n=2),
            accept("us", n=3),
            accept("tb", n=3),
        ],
        base(),
    )
    assert "~~Dropped on the way.~~" in render_markdown(s)
    s = conclude(s)
    md = render_markdown(s)
    assert "Dropped" not in md
    assert "**1.1** — _agreed_" in md
