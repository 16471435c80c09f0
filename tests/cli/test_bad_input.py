"""A user's mistake: one clear line on stderr, a non-zero exit, no traceback, nothing appended."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

Invoke = Callable[..., Result]


def _edit(example: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    change(data)
    example.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def refused(cli: Invoke, db: str, count: Any, one_line_error: Any) -> Callable[..., str]:
    """Run a command that must be refused; check the log did not grow; return the line."""

    def run(*args: str, needles: tuple[str, ...] = ()) -> str:
        before = count(db)
        line: str = one_line_error(cli(*args), *needles)
        assert count(db) == before
        return line

    return run


# -- scenario files ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (b"negotiation: {id: x, title: [unclosed\n", ("invalid YAML", "line")),
        (b"negotiation:\n  id: x\n\ttitle: tab\n", ("invalid YAML",)),
        (b"", ("is empty",)),
        (b"   \n\n# only a comment\n", ("is empty",)),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("binary",)),
        (b"\xff\xfe\xfa not utf-8", ("not UTF-8",)),
        (b"- negotiation: {id: x, title: X}\n", ("mapping at the top level", "list")),
        (b"just a string\n", ("mapping at the top level",)),
        (b"negotiation: {id: x, title: X}\nsurprise: 1\n", ("surprise",)),
        (b"negotiation: {id: x}\n", ("negotiation.title",)),
        (b"negotiation: {id: 'bad id!', title: X}\n", ("negotiation.id",)),
    ],
    ids=[
        "malformed",
        "tab-indent",
        "empty",
        "blank",
        "binary",
        "latin-garbage",
        "top-level-list",
        "top-level-scalar",
        "unknown-field",
        "missing-field",
        "bad-id",
    ],
)
def test_bad_scenario_files(
    tmp_path: Path, refused: Callable[..., str], content: bytes, needles: tuple[str, ...]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    line = refused("load", str(path), needles=(str(path), *needles))
    assert line.startswith("error:")


def test_bad_json_names_the_line(tmp_path: Path, refused: Callable[..., str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"negotiation": {"id": "x",\n "title": }}', encoding="utf-8")
    refused("load", str(path), needles=(str(path), "line 2", "invalid JSON"))


def test_missing_file(tmp_path: Path, refused: Callable[..., str]) -> None:
    path = tmp_path / "nowhere.yaml"
    refused("load", str(path), needles=(str(path), "no such file"))


def test_directory_instead_of_file(tmp_path: Path, refused: Callable[..., str]) -> None:
    refused("load", str(tmp_path), needles=("directory",))


def test_wrong_type_at_a_nested_path(example_copy: Path, refused: Callable[..., str]) -> None:
    _edit(example_copy, lambda d: d["framework"]["parts"][1].update(signatories=[{"x": 1}]))
    refused(
        "load",
        str(example_copy),
        needles=(str(example_copy), "framework.parts[1].signatories[0]", "string"),
    )


def test_unknown_field_at_a_nested_path(example_copy: Path, refused: Callable[..., str]) -> None:
    _edit(example_copy, lambda d: d["parties"][2].update(colour="blue"))
    refused("load", str(example_copy), needles=("parties[2].colour",))


def test_unknown_party_in_a_file(example_copy: Path, refused: Callable[..., str]) -> None:
    _edit(example_copy, lambda d: d["framework"]["parts"][2]["signatories"].append("martians"))
    refused(
        "load",
        str(example_copy),
        needles=("framework.parts[2].signatories[2]", "unknown party 'martians'"),
    )


def test_unknown_option_in_the_history(example_copy: Path, refused: Callable[..., str]) -> None:
    _edit(example_copy, lambda d: d["history"][0].update(part="withdrawal", option="nonsense"))
    refused("load", str(example_copy), needles=("history[0].option", "nonsense"))


def test_history_move_that_breaks_a_rule(
    small: str, example_copy: Path, refused: Callable[..., str], cli: Invoke
) -> None:
    """Refused mid-replay, into a database that already holds another negotiation."""

    def confirm_too_early(d: dict[str, Any]) -> None:
        first = d["history"][0]
        d["history"].insert(1, {"date": first["date"], "move": "confirm", "by": "taliban"})

    _edit(example_copy, confirm_too_early)
    line = refused("load", str(example_copy), needles=(str(example_copy), "history[1]"))
    assert "confirm" in line
    assert "us-taliban-2019" not in cli("verify").stdout


def test_non_signatory_move_in_the_history(
    small: str, example_copy: Path, refused: Callable[..., str], cli: Invoke
) -> None:
    """Refused mid-replay, into a database that already holds another negotiation."""

    def qatar_accepts(d: dict[str, Any]) -> None:
        first = d["history"][0]
        d["history"].insert(
            0,
            {"date": first["date"], "move": "accept", "by": "qatar", "part": "withdrawal",
             "option": "full-withdrawal-timeline"},
        )  # fmt: skip

    _edit(example_copy, qatar_accepts)
    refused("load", str(example_copy), needles=("history[0]", "signatory"))


def test_loading_twice_is_refused(
    example_db: str, example_copy: Path, refused: Callable[..., str]
) -> None:
    refused("load", str(example_copy), needles=("negotiation.id", "already"))


# -- moves on the command line -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("accept", "p1", "x", "--by", "nobody"), ("unknown party 'nobody'",)),
        (("propose", "p1", "zz", "--by", "a"), ("no option 'zz'",)),
        (("accept", "p9", "x", "--by", "a"), ("unknown part 'p9'",)),
        (("withdraw", "p9", "--by", "a"), ("unknown part 'p9'",)),
        (("accept", "p1", "x", "--by", "med"), ("not a signatory", "p1")),
        (("confirm", "--by", "nobody"), ("nobody",)),
        (("accept", "p1", "x", "--by", "a", "--level", "final"), ("unknown level 'final'",)),
        (("link", "add", "bogus", "p1", "p2"), ("unknown linkage 'bogus'",)),
        (("link", "add", "requires", "p1:x", "p9:u"), ("p9",)),
        (("part", "add", "p3", "--title", "T", "--signatories", "a,zz"), ("zz",)),
        (("part", "add", "p1", "--title", "Again", "--signatories", "a"), ("p1",)),
        (("party", "add", "a", "--name", "Again"), ("'a'",)),
        (("party", "add", "c", "--name", "C", "--role", "king"), ("king",)),
        (("accept", "p1", "x", "--by", "a", "--round", "7"), ("no round 7",)),
        (("round", "close", "5"), ("5",)),
        (("status", "--round", "9"), ("no round 9",)),
        (("accept", "p1", "x", "--by", "a", "--on", "yesterday"), ("'yesterday' is not a date",)),
        (("propose", "p1", "x", "--by", "a", "--on", "2024-13-45"), ("is not a date",)),
        (("status", "--as-of", "soon"), ("is not a date",)),
        (("status", "--as-of", "2024-01-01", "--round", "1"), ("not both",)),
        (
            ("part", "add", "p3", "--title", "T", "--signatories", "a", "--option", "=x"),
            ("ID=TEXT",),
        ),
        (("round", "open", "2", "--refusal", "a"), ("PARTY=OTHER",)),
        (("export", "--format", "xml"), ("unknown format 'xml'",)),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, tuple) and len(v) > 1 else None,
)
def test_refused_moves(
    small: str, refused: Callable[..., str], args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    refused(*args, needles=needles)


def test_no_negotiation_yet(db: str, refused: Callable[..., str]) -> None:
    from accords.sealing import open_store

    open_store(db).close()  # an empty database
    refused("party", "add", "a", "--name", "A", needles=("accords new",))
    refused("status", needles=("no negotiation",))


def test_database_path_that_is_a_directory(
    tmp_path: Path, cli: Invoke, one_line_error: Any
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = cli("new", "t", "--title", "T", db_path=str(folder))
    one_line_error(result, str(folder))
    assert list(folder.iterdir()) == []


def test_database_that_is_not_a_database(
    tmp_path: Path, cli: Invoke, one_line_error: Any, example_copy: Path
) -> None:
    before = example_copy.read_bytes()
    one_line_error(cli("status", db_path=str(example_copy)), str(example_copy))
    one_line_error(cli("new", "t", "--title", "T", db_path=str(example_copy)))
    assert example_copy.read_bytes() == before


def test_garbage_database(tmp_path: Path, cli: Invoke, one_line_error: Any) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    one_line_error(cli("status", db_path=str(junk)), str(junk))


def test_error_lines_quote_user_text_literally(tmp_path: Path, refused: Callable[..., str]) -> None:
    path = tmp_path / "[bold]odd" / "[red]name.yaml"
    line = refused("load", str(path), needles=("no such file",))
    assert str(path) in line


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("log",),
        ("verify",),
        ("party", "list"),
        ("round", "list"),
        ("export",),
        ("party", "add", "a", "--name", "A"),
        ("accept", "p1", "x", "--by", "a"),
    ],
    ids=lambda a: "-".join(a),
)
def test_a_mistyped_database_path_is_not_created(
    tmp_path: Path, cli: Invoke, one_line_error: Any, args: tuple[str, ...]
) -> None:
    typo = tmp_path / "acords.db"
    one_line_error(cli(*args, db_path=str(typo)), "no database at", str(typo))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("accept", "p1", "x"), "--by"),
        (("accept", "p1", "x", "--by", "a", "--round", "two"), "--round"),
        (("party", "add", "c"), "--name"),
        (("frobnicate",), "frobnicate"),
    ],
    ids=["missing-option", "not-a-number", "missing-name", "unknown-command"],
)
def test_usage_errors_show_no_traceback(
    small: str, cli: Invoke, db: str, count: Any, args: tuple[str, ...], needle: str
) -> None:
    """Typer's own usage errors: a short usage note (not one line), exit 2, nothing appended."""
    before = count(db)
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert needle in result.stderr
    assert count(db) == before
