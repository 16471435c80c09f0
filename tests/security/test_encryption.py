"""Confidential payloads sealed at rest (issue 11, item 1).

Every test runs with no key configured (``ACCORDS_KEY``/``ACCORDS_KEY_FILE``
cleared): a new database makes its key file, ``<db>.key``, on first use.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from accords.cli import app
from accords.errors import IntegrityError, KeyUnavailable
from accords.ledger import EventStore, NewEvent, SQLiteStore
from accords.sealing import SealedStore, open_store, seal_store
from accords.sealing._keys import new_key
from accords.sealing._migrate import replay_old_head, seal_clear_text

NID = "talks"
SECRET = "fallback: 14 months"
PREFS = {"weights": {"p1": 0.7, "p2": 0.3}, "reservation": 0.4821}
DAY = date(2024, 3, 1)


@pytest.fixture(autouse=True)
def _no_key_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ACCORDS_KEY", "ACCORDS_KEY_FILE", "ACCORDS_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # PostgreSQL's key file


def _events() -> list[NewEvent]:
    return [
        NewEvent("negotiation-created", {"id": NID, "title": "Talks"}, DAY),
        NewEvent("note-recorded", {"party": "a", "text": SECRET, "part": None}, DAY),
        NewEvent("preferences-set", {"party": "b", "preferences": PREFS}, DAY),
        NewEvent("round-opened", {"number": 1}, DAY),
    ]


def _raw(db: Path | str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT seq, type, payload FROM events ORDER BY seq").fetchall()


def _sealed(store: EventStore) -> SealedStore:
    assert isinstance(store, SealedStore)
    return store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "talks.db"
    with open_store(path) as store:  # type: ignore[attr-defined]
        store.append(NID, _events(), 0)
    return path


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200", **(env or {})}).invoke(app, list(args))


def test_a_new_database_makes_its_key_file_private(db: Path) -> None:
    key = Path(f"{db}.key")
    assert key.exists()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_confidential_payloads_are_stored_as_ciphertext_and_read_back(db: Path) -> None:
    raw = _raw(db)
    assert SECRET not in repr(raw) and "0.4821" not in repr(raw)
    assert json.loads(raw[1][2])["sealed"]["alg"] == "AES-256-GCM"
    assert json.loads(raw[0][2]) == {"id": NID, "title": "Talks"}  # public stays public
    with open_store(db) as store:  # type: ignore[attr-defined]
        events = list(store.read(NID))
        assert events[1].payload == {"party": "a", "text": SECRET, "part": None}
        assert events[2].payload == {"party": "b", "preferences": PREFS}
        assert store.verify(NID).ok


def test_two_identical_writes_give_different_ciphertexts(db: Path) -> None:
    note = NewEvent("note-recorded", {"party": "a", "text": SECRET, "part": None}, DAY)
    with open_store(db) as store:  # type: ignore[attr-defined]
        store.append(NID, [note, note], 4)
    one, two = (json.loads(p)["sealed"] for _, _, p in _raw(db)[4:6])
    assert one["nonce"] != two["nonce"] and one["ct"] != two["ct"]


def test_a_ciphertext_length_does_not_tell_a_short_note_from_a_longer_one(db: Path) -> None:
    notes = [NewEvent("note-recorded", {"party": "a", "text": t}, DAY) for t in ("no", "y" * 60)]
    with open_store(db) as store:  # type: ignore[attr-defined]
        store.append(NID, notes, 4)
        assert [e.payload["text"] for e in store.read(NID, after=4)] == ["no", "y" * 60]
    short, long = (len(json.loads(p)["sealed"]["ct"]) for _, _, p in _raw(db)[4:6])
    assert short == long


def _tamper(db: Path, seq: int, change: Any) -> None:
    """Change a stored payload behind the store's back (past its append-only triggers)."""
    with sqlite3.connect(db) as conn:
        (payload,) = conn.execute("SELECT payload FROM events WHERE seq = ?", (seq,)).fetchone()
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute(
            "UPDATE events SET payload = ? WHERE seq = ?", (json.dumps(change(payload)), seq)
        )


def test_a_changed_ciphertext_byte_is_detected_on_read(db: Path) -> None:
    def flip(payload: str) -> dict[str, Any]:
        stored = json.loads(payload)
        ct = bytearray(base64.b64decode(stored["sealed"]["ct"]))
        ct[3] ^= 0x01
        stored["sealed"]["ct"] = base64.b64encode(bytes(ct)).decode()
        return dict(stored)

    _tamper(db, 2, flip)
    with open_store(db) as store:  # type: ignore[attr-defined]
        assert not store.verify(NID).ok
        with pytest.raises(IntegrityError, match=r"event 2 .* does not open"):
            list(store.read(NID))


def test_a_sealed_payload_moved_to_another_party_does_not_open(db: Path) -> None:
    _tamper(db, 2, lambda p: dict(json.loads(p), party="b"))
    store = open_store(db)
    with pytest.raises(IntegrityError, match="does not open"):
        list(store.read(NID))
    store.close()


def test_the_wrong_key_is_a_clear_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORDS_KEY", base64.b64encode(new_key()).decode())
    with open_store(db) as store:  # type: ignore[attr-defined]
        assert store.verify(NID).ok  # no key needed to walk the chain
        with pytest.raises(KeyUnavailable, match="not the key that sealed"):
            list(store.read(NID))
    result = cli("note", "list", "--as", "mediator", "--db", str(db))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not the key that sealed" in result.stderr
    assert SECRET not in result.output


def test_a_key_file_others_may_read_is_refused(db: Path) -> None:
    Path(f"{db}.key").chmod(0o644)
    with pytest.raises(KeyUnavailable, match="may be read by others"):
        open_store(db)
    result = cli("verify", "--db", str(db))
    assert result.exit_code == 1 and "chmod 600" in result.stderr


def test_a_bad_environment_key_is_a_clear_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORDS_KEY", "not base64!")
    with pytest.raises(KeyUnavailable, match="ACCORDS_KEY is not base64"):
        open_store(db)


@pytest.fixture
def copy(db: Path, tmp_path: Path) -> Path:
    """The database copied somewhere else without its key file."""
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "elsewhere" / "talks.db"
    shutil.copy(db, target)
    return target


def test_a_copy_without_its_key_verifies_and_says_what_it_cannot_read(copy: Path) -> None:
    verified = cli("verify", "--db", str(copy))
    assert verified.exit_code == 0, verified.output
    assert "chain verifies" in verified.stdout
    notes = cli("note", "list", "--as", "mediator", "--db", str(copy))
    assert notes.exit_code == 0, notes.output
    assert SECRET not in notes.output
    assert "cannot be read without the database's key" in notes.stdout
    lines = [line for line in notes.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "sealed and cannot be read without its key" in lines[0]
    log = cli("log", "--as", "mediator", "--json", "--db", str(copy))
    assert log.exit_code == 0 and SECRET not in log.stdout and "0.4821" not in log.stdout
    assert not Path(f"{copy}.key").exists()  # a locked copy makes no key of its own


def test_a_copy_without_its_key_refuses_a_confidential_write(copy: Path) -> None:
    with open_store(copy) as store:  # type: ignore[attr-defined]
        assert _sealed(store).locked
        note = NewEvent("note-recorded", {"party": "a", "text": "x"}, DAY)
        with pytest.raises(KeyUnavailable, match="cannot be read without its key"):
            store.append(NID, [note], 4)
        assert store.head(NID) == 4  # nothing appended
        store.append(NID, [NewEvent("round-closed", {"number": 1}, DAY)], 4)  # public: fine
        assert store.verify(NID).ok


def test_the_key_brought_back_opens_the_copy(db: Path, copy: Path) -> None:
    shutil.copy(f"{db}.key", f"{copy}.key")
    with open_store(copy) as store:  # type: ignore[attr-defined]
        assert [e.payload.get("text") for e in store.read(NID)][1] == SECRET


def test_rotation_keeps_old_events_readable(db: Path, tmp_path: Path) -> None:
    old_key = Path(f"{db}.key").read_text()
    rotated = cli("key", "rotate", "--db", str(db))
    assert rotated.exit_code == 0, rotated.output
    assert Path(f"{db}.key").read_text() != old_key
    assert stat.S_IMODE(Path(f"{db}.key").stat().st_mode) == 0o600
    with open_store(db) as store:  # type: ignore[attr-defined]
        store.append(NID, [NewEvent("note-recorded", {"party": "a", "text": "new"}, DAY)], 4)
        texts = [e.payload.get("text") for e in store.read(NID)]
    assert texts[1] == SECRET and texts[4] == "new"
    versions = [json.loads(p)["sealed"]["key"] for _, t, p in _raw(db) if t == "note-recorded"]
    assert versions == [1, 2]  # new events under a fresh data key
    old = cli("note", "list", "--as", "mediator", "--db", str(db), env={"ACCORDS_KEY": old_key})
    assert old.exit_code == 1 and "is not the key that sealed" in old.stderr


def test_export_writes_a_private_file_or_warns_on_stdout(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.key"
    exported = cli("key", "export", "--out", str(out), "--db", str(db))
    assert exported.exit_code == 0, exported.output
    assert out.read_text() == Path(f"{db}.key").read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    printed = cli("key", "export", "--db", str(db))
    assert printed.stdout.strip() == out.read_text().strip()
    assert "warning" in printed.stderr


def test_init_on_a_locked_copy_is_refused(copy: Path) -> None:
    result = cli("key", "init", "--db", str(copy))
    assert result.exit_code == 1 and "cannot be read without its key" in result.stderr
    assert not Path(f"{copy}.key").exists()


def test_the_cached_state_is_sealed_too(db: Path) -> None:
    with open_store(db) as store:  # type: ignore[attr-defined]
        store.save_snapshot(NID, 4, {"preferences": {"b": PREFS}})
        assert store.load_snapshot(NID) == (4, {"preferences": {"b": PREFS}})
    with sqlite3.connect(db) as conn:
        (state,) = conn.execute("SELECT state FROM snapshots").fetchone()
    assert "0.4821" not in state and "sealed" in state


class _FakeKms:
    """A key service stand-in: the deployment key never leaves it (see docs)."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(new_key())
        self.calls = 0

    @property
    def key_id(self) -> str:
        return "kms:projects/demo/keys/accords"

    def wrap(self, data_key: bytes) -> bytes:
        self.calls += 1
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data_key, b"accords")

    def unwrap(self, wrapped: bytes) -> bytes:
        self.calls += 1
        return self._aead.decrypt(wrapped[:12], wrapped[12:], b"accords")


def test_a_key_service_plugs_in_as_a_provider(tmp_path: Path) -> None:
    kms = _FakeKms()
    path = tmp_path / "kms.db"
    with seal_store(path, SQLiteStore(path), provider=kms) as store:
        store.append(NID, _events(), 0)
    with seal_store(path, SQLiteStore(path), provider=kms) as store:
        assert [e.payload.get("text") for e in store.read(NID)][1] == SECRET
    assert kms.calls >= 2 and not Path(f"{path}.key").exists()
    assert SECRET not in repr(_raw(path))


# -- the clear-text migration, on both backends --------------------------------------


def _pg_url() -> str:
    url = os.environ.get("ACCORDS_TEST_POSTGRES")
    if not url:
        if os.environ.get("ACCORDS_REQUIRE_SERVICES") == "1":
            pytest.fail("ACCORDS_TEST_POSTGRES is not set")
        pytest.skip("PostgreSQL tests need ACCORDS_TEST_POSTGRES")
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "old.db")
        return
    psycopg = pytest.importorskip("psycopg")
    url = _pg_url()
    schema = f"seal_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _clear_store(target: str) -> EventStore:
    """The store as an accords before sealing opened it: no sealing layer."""
    if target.startswith("postgresql://"):
        from accords.ledger.postgres import PostgresStore

        return PostgresStore(target)
    return SQLiteStore(target)


def _stored_payloads(store: SealedStore) -> list[str]:
    return [str(p) for (p,) in store.ring.table.execute("SELECT payload FROM events")]


def test_migration_seals_what_an_older_accords_stored_in_clear(target: str) -> None:
    with _clear_store(target) as old:  # type: ignore[attr-defined]
        old.append(NID, _events(), 0)
        old.save_snapshot(NID, 4, {"preferences": {"b": PREFS}})
        old_head = old.verify(NID).head_hash
    with _sealed(open_store(target)) as store:
        assert [e.payload.get("text") for e in store.read(NID)][1] == SECRET  # clear, read as is
        store.append(NID, [NewEvent("note-recorded", {"party": "a", "text": "later"}, DAY)], 4)
        assert any(SECRET in p for p in _stored_payloads(store))
        (rewrite,) = seal_clear_text(store)
        assert (rewrite.first_seq, rewrite.events, rewrite.sealed) == (2, 5, (2, 3))
        assert rewrite.old_head != old_head  # event 5 came after the old accords
        assert not any(SECRET in p or "0.4821" in p for p in _stored_payloads(store))
        assert store.verify(NID).ok and store.verify(NID).head_hash == rewrite.new_head
        assert [e.payload.get("text") for e in store.read(NID)][1::3] == [SECRET, "later"]
        assert store.load_snapshot(NID) is None  # the clear cache is gone
        assert replay_old_head(store, NID) == [(rewrite.old_head, rewrite.old_head)]
        assert seal_clear_text(store) == []  # nothing left in clear
        store.append(NID, [NewEvent("round-closed", {"number": 1}, DAY)], 5)
        assert store.verify(NID).ok


def test_migration_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as old:
        old.append(NID, _events(), 0)
        head = old.verify(NID).head_hash
    result = cli("key", "init", "--migrate", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert f"old head {head[:16]}" in result.stdout and "sealed 2 entries" in result.stdout
    assert SECRET not in repr(_raw(path))
    assert cli("verify", "--db", str(path)).exit_code == 0
    with sqlite3.connect(path) as conn:
        ((old_head, rule),) = conn.execute("SELECT old_head, rule FROM chain_rewrites").fetchall()
        triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    assert old_head == head and rule == "seal-clear-v1"
    assert len(triggers) == 2  # the append-only triggers are back
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE events SET payload = '{}' WHERE seq = 1")
    conn.close()


def test_pages_and_the_api_say_a_locked_copy_cannot_read_its_sealed_entries(copy: Path) -> None:
    pytest.importorskip("fastapi", reason="the server needs the service extra")
    from argon2 import PasswordHasher
    from fastapi.testclient import TestClient

    from accords.service.app import create_app
    from accords.service.tokens import open_tokens

    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    tokens = open_tokens(str(copy), hasher=hasher)
    mediator = tokens.create("mediator")[0]
    tokens.close()
    app = create_app(str(copy), tokens=open_tokens(str(copy), hasher=hasher))
    with TestClient(app) as client:
        page = client.get("/login")
        assert "are sealed and cannot be read" in page.text
        assert str(copy) not in page.text  # no server path on a page
        log = client.get(
            f"/api/negotiations/{NID}/log", headers={"Authorization": f"Bearer {mediator}"}
        )
        assert log.status_code == 200
        note = log.json()[1]["payload"]
        assert note["sealed"] is True and "cannot be read without" in note["text"]
        assert SECRET not in log.text and "0.4821" not in log.text


def test_rotation_on_both_backends(target: str) -> None:
    from accords.sealing import LocalKeyProvider
    from accords.sealing._migrate import rotate

    with _sealed(open_store(target)) as store:
        store.append(NID, _events(), 0)
        old_id = store.ring.provider().key_id
        new = LocalKeyProvider(new_key(), "the new key")
        assert rotate(store, new) == 1
        store.append(NID, [NewEvent("note-recorded", {"party": "a", "text": "after"}, DAY)], 4)
        ids = {row[2] for row in store.ring.table.data_keys()}
        assert ids == {new.key_id} != {old_id}
    with seal_store(target, _clear_store(target), provider=new) as store:
        texts = [e.payload.get("text") for e in store.read(NID)]
        assert texts[1] == SECRET and texts[4] == "after"


def test_a_writer_left_behind_by_a_rotation_makes_no_key_under_the_old_one(db: Path) -> None:
    stale = _sealed(open_store(db))
    assert cli("key", "rotate", "--db", str(db)).exit_code == 0
    with pytest.raises(KeyUnavailable, match="rotated by another process"):
        stale.append("other", [NewEvent("note-recorded", {"party": "a", "text": "x"}, DAY)], 0)
    assert stale.head("other") == 0
    stale.close()
