"""``accords key init|rotate|export``: the deployment key that seals confidential entries.

The deployment key lives outside the database (``ACCORDS_KEY``, ``ACCORDS_KEY_FILE``
or ``<db>.key`` beside an SQLite file; see :mod:`accords.sealing`); it wraps each
negotiation's data key. Losing it loses every confidential entry: export it for
backup and keep the copy apart from the database's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accords.cli._app import command_group, console, err_console, fail
from accords.cli._common import DEFAULT_DB, Db, handled

if TYPE_CHECKING:
    from accords.sealing import SealedStore

__all__ = ["key_app"]

key_app = command_group(
    "key", "The deployment key that seals confidential entries: init, rotate, export."
)

OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Write the key to this new file (mode 0600).", show_default=False),
]
MigrateFlag = Annotated[
    bool, typer.Option("--migrate", help="Also seal confidential entries stored in clear.")
]
KeepFlag = Annotated[
    bool,
    typer.Option("--keep-data-keys", help="Re-wrap only; new events keep the same data keys."),
]


@contextmanager
def _sealed(db: str) -> Iterator[SealedStore]:
    """The sealed store at ``db``, its key at hand; refuse a missing SQLite file (a key
    needs a database) and a store sealed with a key that is not (every key command
    needs the current key)."""
    from accords.ledger import is_postgres_url
    from accords.sealing import SealedStore, open_store

    if not is_postgres_url(db) and not Path(db).exists():
        fail(f"no database at {db}: start one with `accords new` or `accords load` first")
    with handled():
        store = open_store(db)
        try:
            if not isinstance(store, SealedStore):  # pragma: no cover - open_store always seals
                fail(f"the store at {db} does not seal confidential entries")
            if store.locked:
                fail(store.notice or "this database was sealed with a key that is not at hand")
            yield store
        finally:
            store.close()


def _key_file(db: str) -> Path:
    from accords.sealing import KEY_FILE_ENV
    from accords.sealing._keys import default_key_file

    return Path(os.environ.get(KEY_FILE_ENV) or default_key_file(db))


@key_app.command("init")
def init(db: Db = DEFAULT_DB, migrate: MigrateFlag = False) -> None:
    """Create the deployment key (a 0600 file by the database); --migrate seals old entries."""
    from accords.sealing import KEY_ENV
    from accords.sealing._migrate import seal_clear_text

    with _sealed(db) as store:
        made = store.ring.source.create_at
        with handled():
            provider = store.ring.provider()
        if os.environ.get(KEY_ENV):
            console.print(f"the deployment key comes from {KEY_ENV} (key id {provider.key_id})")
        elif made is not None:
            console.print(
                f"[green]created[/] {made} (mode 0600, key id {provider.key_id}); "
                "back it up with `accords key export --out FILE`"
            )
        else:
            console.print(f"key file {_key_file(db)} already there (key id {provider.key_id})")
        if migrate:
            with handled():
                rewrites = seal_clear_text(store)
            for r in rewrites:
                console.print(
                    f"[green]sealed[/] {len(r.sealed)} entries of {r.negotiation}; chain re-hashed "
                    f"from #{r.first_seq}: old head {r.old_head[:16]}… new head "
                    f"{r.new_head[:16]}… (recorded in chain_rewrites)"
                )
            if not rewrites:
                console.print("nothing stored in clear: no chain was rewritten")


@key_app.command("rotate")
def rotate(db: Db = DEFAULT_DB, out: OutOpt = None, keep_data_keys: KeepFlag = False) -> None:
    """Re-wrap every data key under a new deployment key; new events get fresh data keys."""
    from accords.sealing import KEY_ENV, LocalKeyProvider
    from accords.sealing._keys import new_key, write_key_file
    from accords.sealing._migrate import rotate as rotate_keys

    key = new_key()
    with _sealed(db) as store:
        from_env = bool(os.environ.get(KEY_ENV))
        if from_env and out is None:
            fail(f"the key comes from {KEY_ENV}: name a file for the new key with --out FILE")
        target = out if out is not None else _key_file(db)
        staging = target if out is not None else target.with_name(target.name + ".next")
        with handled():
            store.ring.provider()  # the current key, made now if the database had none
            write_key_file(staging, key)
            try:
                count = rotate_keys(
                    store,
                    LocalKeyProvider(key, f"the key file {target}"),
                    new_versions=not keep_data_keys,
                )
            except BaseException:
                staging.unlink()
                raise
        if staging != target:
            os.replace(staging, target)
    where = f"set {KEY_ENV} to the contents of {target}" if from_env else f"now in {target}"
    console.print(f"[green]rotated[/] {count} data keys to a new deployment key, {where}")


@key_app.command("export")
def export(db: Db = DEFAULT_DB, out: OutOpt = None) -> None:
    """Write the deployment key for backup: to a new 0600 file, or to stdout with a warning."""
    from accords.sealing import LocalKeyProvider
    from accords.sealing._keys import encode_key, write_key_file

    with _sealed(db) as store:
        with handled():
            provider = store.ring.provider()
        if not isinstance(provider, LocalKeyProvider):
            fail("the deployment key is held by a key service and cannot be exported")
        if out is not None:
            with handled():
                write_key_file(out, provider.key)
            console.print(f"[green]exported[/] key id {provider.key_id} to {out} (mode 0600)")
            return
    err_console.print(
        "[bold yellow]warning:[/] this is the deployment key: with it, a copy of the database "
        "reads every confidential entry; keep it out of logs, terminals and shell history"
    )
    typer.echo(encode_key(provider.key))
