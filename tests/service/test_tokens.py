"""Access tokens on SQLite and PostgreSQL: argon2 hashes only, revocation, migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from accords.errors import AccessDenied, RefusedMove, UnknownReference
from accords.sealing import open_store
from accords.service.tokens import MIGRATIONS, TokenStore, open_tokens

from .conftest import fast_tokens


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "t.db")
    else:
        yield request.getfixturevalue("pg_target")


@pytest.fixture
def tokens(target: str) -> Iterator[TokenStore]:
    store = fast_tokens(target)
    yield store
    store.close()


def test_create_and_verify(target: str) -> None:
    tokens = open_tokens(target)  # the real argon2 parameters
    token, info = tokens.create("party", "taliban", "Doha desk")
    assert token.startswith(f"acc_{info.id}_")
    got = tokens.verify(token)
    assert (got.id, got.role, got.party, got.label) == (info.id, "party", "taliban", "Doha desk")
    assert tokens.verify(token) == got  # the second time from the verified cache
    with pytest.raises(AccessDenied):
        tokens.verify(token[:-1] + ("A" if token[-1] != "A" else "B"))
    with pytest.raises(AccessDenied):
        tokens.verify("acc_000000000000_" + "x" * 43)
    with pytest.raises(AccessDenied):
        tokens.verify("not a token")
    tokens.close()


def test_roles_and_parties_are_checked(tokens: TokenStore) -> None:
    with pytest.raises(RefusedMove, match="needs --party"):
        tokens.create("party")
    with pytest.raises(RefusedMove, match="unknown role"):
        tokens.create("admin")
    with pytest.raises(RefusedMove, match="only a party token"):
        tokens.create("observer", "taliban")
    with pytest.raises(RefusedMove, match="not a party id"):
        tokens.create("party", "no spaces")


def test_revoke_by_id_prefix_or_token(tokens: TokenStore) -> None:
    token, info = tokens.create("mediator")
    other, other_info = tokens.create("observer")
    revoked = tokens.revoke(info.id[:6] if not other_info.id.startswith(info.id[:6]) else info.id)
    assert revoked.revoked_at is not None
    with pytest.raises(AccessDenied, match="revoked"):
        tokens.verify(token)
    assert tokens.verify(other).id == other_info.id
    with pytest.raises(RefusedMove, match="already revoked"):
        tokens.revoke(info.id)
    tokens.revoke(other)  # the whole token works too
    with pytest.raises(UnknownReference):
        tokens.revoke("fffffffffff0" if not info.id.startswith("fffff") else "000000000001")
    with pytest.raises(UnknownReference, match="not a token id"):
        tokens.revoke("xyz")
    assert [t.active for t in tokens.list()] == [False, False]


def test_an_ambiguous_prefix_is_refused(tokens: TokenStore) -> None:
    ids = [tokens.create("observer")[1].id for _ in range(17)]  # 16 hex digits: two share one
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) >= 2)
    with pytest.raises(RefusedMove, match="several"):
        tokens.revoke(shared)


def test_only_a_hash_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = open_tokens(str(db))
    token, info = store.create("mediator")
    store.close()
    # acc_<id>_<secret>; the secret is URL-safe base64 and may itself hold "_"
    secret = token.removeprefix(f"acc_{info.id}_")
    assert len(secret) >= 40
    with sqlite3.connect(db) as conn:
        (hashed,) = conn.execute(
            "SELECT hash FROM access_tokens WHERE id = ?", (info.id,)
        ).fetchone()
    assert hashed.startswith("$argon2id$")
    assert secret not in hashed
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert secret.encode() not in raw


def test_tokens_beside_the_event_log(target: str) -> None:
    """Tokens have their own table and migrations; the ledger opens the same database happily."""
    ledger = open_store(target)
    tokens = open_tokens(target)
    tokens.create("observer")
    tokens.close()
    tokens = open_tokens(target)  # migrating again is a no-op
    assert len(tokens.list()) == 1
    tokens.close()
    ledger.close()
    ledger = open_store(target)  # and the ledger still opens (its migrations are its own)
    assert ledger.negotiations() == []
    ledger.close()
    assert [m.name for m in MIGRATIONS] == [
        "0001_create_access_tokens",
        "0002_token_scope",
        "0003_create_access_sessions",
    ]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    open_tokens(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO access_migrations VALUES ('9999_future', 'x')")
    from accords.errors import StoreError

    with pytest.raises(StoreError, match="newer accords"):
        open_tokens(str(db))
