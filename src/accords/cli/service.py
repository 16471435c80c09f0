"""The server and its access tokens: ``accords serve``, ``accords token create|list|revoke``.

FastAPI, uvicorn and argon2 are imported inside the commands, so the rest of the
CLI starts without them (they come with the ``service`` extra).
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from accords.cli._app import app, command_group, console, err_console, fail, print_json
from accords.cli._common import DEFAULT_DB, Db, JsonFlag, handled

token_app = command_group("token", "Access tokens for the server.")

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
        "negotiations": None if info.scope is None else sorted(info.scope),
    }


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option("--role", help="mediator, party or observer.")],
    party: Annotated[
        str | None, typer.Option("--party", help="The party a delegate's token serves.")
    ] = None,
    label: Annotated[str, typer.Option("--label", help="Who holds it, for token list.")] = "",
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--negotiation",
            help="A negotiation the token opens (repeat for several). Default: the "
            "database's one negotiation.",
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--global", help="A token that opens every negotiation.")
    ] = False,
    json_out: JsonFlag = False,
    db: Db = DEFAULT_DB,
) -> None:
    """Create a token; it is printed once and stored only as an argon2 hash.

    A token opens one negotiation (or those named with --negotiation) unless it
    is made --global; a party id may not be a role's name (mediator, observer …).
    """
    try:
        from accords.service.tokens import open_tokens
    except ModuleNotFoundError:
        fail(_MISSING)
    if scope and every:
        fail("give --negotiation or --global, not both")
    with handled():
        chosen = None if every else _default_scope(db, scope)
        tokens = open_tokens(db)
        try:
            token, info = tokens.create(role, party, label, chosen)
        finally:
            tokens.close()
    if json_out:
        print_json({"token": token, **_info_dict(info)})
        return
    typer.echo(token)
    who = f"a delegate of {info.party}" if info.role == "party" else f"a {info.role}"
    err_console.print(
        f"token {info.id} for {who}, opening {_scope_words(info.scope)}; keep it secret: it "
        f"is not shown again (revoke it with `accords token revoke {info.id}`)",
        markup=False,
    )


def _default_scope(db: str, named: list[str] | None) -> list[str] | None:
    """The negotiations a new token opens: those named, or the database's only one.

    With no negotiation in the database yet the token is global (said so when it is
    made); with several, the user must say which (or --global).
    """
    if named:
        return named
    from accords.ledger import open_store

    store = open_store(db)
    try:
        held = store.negotiations()
    finally:
        store.close()
    if len(held) > 1:
        fail(
            f"the database holds {len(held)} negotiations ({', '.join(held)}): say which this "
            "token opens with --negotiation ID (repeatable), or --global for all"
        )
    return list(held) or None


def _scope_words(scope: frozenset[str] | None) -> str:
    return "every negotiation" if scope is None else ", ".join(sorted(scope))


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

    table = Table("id", "role", "party", "opens", "label", "created", "revoked", title="Tokens")
    for i in infos:
        table.add_row(
            i.id,
            i.role,
            i.party or "",
            _scope_words(i.scope),
            i.label,
            i.created_at,
            i.revoked_at or "",
        )
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
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            "--forwarded-allow-ips",
            help="Comma-separated addresses of the proxies whose X-Forwarded-For is "
            "believed (default: none; the header is ignored).",
        ),
    ] = "",
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, help="The largest request body, in bytes.")
    ] = 1_000_000,
) -> None:
    """Serve the API (/api, /openapi.json) and the dashboard over the database.

    Set ACCORDS_SECRET_KEY to keep browser sessions across restarts.
    """
    _need_service()
    proxies = tuple(p.strip() for p in forwarded_allow_ips.split(",") if p.strip())
    run_server(
        db,
        host,
        port,
        certfile=certfile,
        keyfile=keyfile,
        forwarded_allow_ips=proxies,
        max_body=max_body,
    )


def run_server(
    db: str,
    host: str,
    port: int,
    *,
    certfile: str | None = None,
    keyfile: str | None = None,
    banner: str = "",
    forwarded_allow_ips: tuple[str, ...] = (),
    max_body: int = 1_000_000,
) -> None:
    """Open the app over ``db`` and serve it until interrupted.

    uvicorn's own proxy-header handling is off (it believes 127.0.0.1 by default):
    the app believes ``X-Forwarded-For`` only from ``forwarded_allow_ips``.
    """
    import uvicorn

    from accords.service.app import create_app

    with handled():
        # a fixed key keeps browser sessions across restarts; by default each start logs out
        application = create_app(
            db,
            secret_key=os.environ.get("ACCORDS_SECRET_KEY") or None,
            forwarded_allow_ips=forwarded_allow_ips,
            max_body=max_body,
        )
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
        proxy_headers=False,
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
            token, info = tokens.create("mediator", None, "demo")  # the mediator's own: global
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
