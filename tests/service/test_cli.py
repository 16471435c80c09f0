"""The server's commands: token create/list/revoke, serve, and demo's serving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accords.cli import app
from accords.service.tokens import open_tokens

runner = CliRunner()


def test_token_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    r = runner.invoke(
        app, ["token", "create", "--role", "party", "--party", "taliban", "--json", "--db", db]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    token = data["token"]
    assert data["role"] == "party"
    assert data["party"] == "taliban"
    assert open_tokens(db).verify(token).party == "taliban"
    r = runner.invoke(app, ["token", "create", "--role", "observer", "--db", db])
    assert r.exit_code == 0
    plain = r.stdout.strip().splitlines()[0]
    assert plain.startswith("acc_")
    r = runner.invoke(app, ["token", "list", "--json", "--db", db])
    listed = json.loads(r.stdout)
    assert [t["role"] for t in listed] == ["party", "observer"]
    assert token not in r.stdout and plain not in r.stdout
    r = runner.invoke(app, ["token", "revoke", data["id"][:8], "--db", db])
    assert r.exit_code == 0
    assert "revoked" in r.stdout
    r = runner.invoke(app, ["token", "revoke", data["id"], "--db", db])
    assert r.exit_code == 1
    assert "already revoked" in r.output
    assert "Traceback" not in r.output


def test_token_create_mistakes_are_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    r = runner.invoke(app, ["token", "create", "--role", "party", "--db", db])
    assert r.exit_code == 1
    assert "needs --party" in r.output
    r = runner.invoke(app, ["token", "revoke", "abc", "--db", db])
    assert r.exit_code == 1
    assert "no token" in r.output


def test_serve_runs_uvicorn_on_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(kw, app=application))
    db = str(tmp_path / "t.db")
    r = runner.invoke(app, ["serve", "--port", "8123", "--db", db])
    assert r.exit_code == 0, r.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].title == "accords"


def test_demo_serves_with_a_mediator_login_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(kw))
    db = str(tmp_path / "demo.db")
    r = runner.invoke(app, ["demo", "--db", db])
    assert r.exit_code == 0, r.output
    assert "http://127.0.0.1:8000/login#token=acc_" in r.stdout.replace("\n", "")
    assert seen["port"] == 8000
    assert [t.role for t in open_tokens(db).list()] == ["mediator"]


def test_demo_no_serve_stays_in_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not serve"))
    db = str(tmp_path / "demo.db")
    r = runner.invoke(app, ["demo", "--no-serve", "--db", db])
    assert r.exit_code == 0
    assert "Nothing is agreed" in r.stdout.replace("\n", " ")
    assert open_tokens(db).list() == []


def test_the_cli_does_not_import_the_server_at_start_up() -> None:
    import subprocess
    import sys

    heavy = "('fastapi', 'uvicorn', 'argon2', 'starlette')"
    code = (
        "import sys; from accords.cli import load_commands; load_commands(); "
        f"print(any(m.split('.')[0] in {heavy} for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
