"""The server and its access tokens: ``accords serve``, ``accords token create|list|revoke``.

FastAPI, uvicorn and argon2 are imported inside the commands, so the rest of the
CLI starts without them (they come with the ``service`` extra).
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from accords.cli._app import app, console, err_console, fail, print_json
from accords.cli._common import DEFAULT_DB, Db, JsonFlag, handled

token_app = typer.Typer(help="Access tokens for the server.", no_args_is_help=True)
app.add_typer(token_app, name="token")

_MISSING = "the server needs the service extra: pip install 'accords[service]'"


def _need_service() -> None:
    try:
        import argon2  # noqa: F401
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError:
        fail(_MISSING)


def _info_dict(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "role": info.role,
        "party": info.party,
        "label": info.label,
        "created_at": info.created_at,
        "revoked_at": info.revoked_at,
    }


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option("--role", help="mediator, party or observer.")],
    party: Annotated[
        str | None, typer.Option("--party", help="The party a delegate's token serves.")
    ] = None,
    label: Annotated[str, typer.Option("--label", help="Who holds it, for token list.")] = "",
    json_out: JsonFlag = False,
    db: Db = DEFAULT_DB,
) -> None:
    """Create a token; it is printed once and stored only as an argon2 hash."""
    try:
        from accords.service.tokens import open_tokens
    except ModuleNotFoundError:
        fail(_MISSING)
    with handled():
        tokens = open_tokens(db)
        try:
            token, info = tokens.create(role, party, label)
        finally:
            tokens.close()
    if json_out:
        print_json({"token": token, **_info_dict(info)})
        return
    typer.echo(token)
    who = f"a delegate of {info.party}" if info.role == "party" else f"a {info.role}"
    err_console.print(
        f"token {info.id} for {who}; keep it secret: it is not shown again "
        f"(revoke it with `accords token revoke {info.id}`)"
    )


@token_app.command("list")
def token_list(json_out: JsonFlag = False, db: Db = DEFAULT_DB) -> None:
    """The tokens: id, role, party, when created and revoked (never the secrets)."""
    from accords.service.tokens import open_tokens

    with handled():
        tokens = open_tokens(db)
        try:
            infos = tokens.list()
        finally:
            tokens.close()
    if json_out:
        print_json([_info_dict(i) for i in infos])
        return
    from rich.table import Table

    table = Table("id", "role", "party", "label", "created", "revoked", title="Tokens")
    for i in infos:
        table.add_row(i.id, i.role, i.party or "", i.label, i.created_at, i.revoked_at or "")
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    id: Annotated[str, typer.Argument(help="The token's id, or the start of it.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Revoke a token at once: its API calls and browser sessions stop working."""
    from accords.service.tokens import open_tokens

    with handled():
        tokens = open_tokens(db)
        try:
            info = tokens.revoke(id)
        finally:
            tokens.close()
    console.print(
        f"[green]revoked[/] token {info.id} ({info.role}{' ' + info.party if info.party else ''})"
    )


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    db: Db = DEFAULT_DB,
    certfile: Annotated[
        str | None, typer.Option("--ssl-certfile", help="Serve over TLS with this certificate.")
    ] = None,
    keyfile: Annotated[str | None, typer.Option("--ssl-keyfile", help="Its private key.")] = None,
) -> None:
    """Serve the API (/api, /openapi.json) and the dashboard over the database.

    Set ACCORDS_SECRET_KEY to keep browser sessions across restarts.
    """
    _need_service()
    run_server(db, host, port, certfile=certfile, keyfile=keyfile)


def run_server(
    db: str,
    host: str,
    port: int,
    *,
    certfile: str | None = None,
    keyfile: str | None = None,
    banner: str = "",
) -> None:
    """Open the app over ``db`` and serve it until interrupted."""
    import uvicorn

    from accords.service.app import create_app

    with handled():
        # a fixed key keeps browser sessions across restarts; by default each start logs out
        application = create_app(db, secret_key=os.environ.get("ACCORDS_SECRET_KEY") or None)
    scheme = "https" if certfile else "http"
    console.print(f"serving {db} on [bold]{scheme}://{host}:{port}[/] (Ctrl-C stops)")
    if banner:
        console.print(banner, soft_wrap=True)
    uvicorn.run(
        application,
        host=host,
        port=port,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        log_level="info",
    )


def serve_demo(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """After ``accords demo``: a fresh mediator token, its login link, and the server."""
    try:
        _need_service()
    except typer.Exit:
        err_console.print(f"not serving the dashboard: {_MISSING}")
        return
    from accords.service.pages import login_link
    from accords.service.tokens import open_tokens

    with handled():
        tokens = open_tokens(db)
        try:
            token, info = tokens.create("mediator", None, "demo")
        finally:
            tokens.close()
    link = login_link(f"http://{host}:{port}", token)
    run_server(
        db,
        host,
        port,
        banner=f"\nOpen the dashboard as the mediator: [bold]{link}[/]\n"
        f"(token {info.id}; revoke it with `accords token revoke {info.id} --db {db}`)",
    )
