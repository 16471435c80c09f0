"""Fixtures for the server's tests: a record with planted secrets, tokens for every role."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip(
    "fastapi", reason="the server needs the service extra: pip install -e '.[service]'"
)

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from accords.application import Record
from accords.model import commands as c
from accords.scenario.load import example_path, load_scenario
from accords.sealing import open_store
from accords.service.app import create_app
from accords.service.tokens import TokenStore, open_tokens

NID = "us-taliban-2019"

#: Strings that exist only in one party's confidential data: preferences (note, reservation
#: value, a weight, a red line's option) and private notes.
SECRETS: dict[str, tuple[str, ...]] = {
    "taliban": (
        "PLANTED-tal-9d2c41-prefnote",
        "PLANTED-tal-5e8b07-private",
        "0.7311598",
        "0.3141592",
    ),
    "united-states": (
        "PLANTED-us-41a7f3-prefnote",
        "PLANTED-us-c0ffee-private",
        "0.4129837",
        "0.2718281",
    ),
}
_NUMBER = re.compile(r"\d+\.\d+")


def leaks(text: str, party: str) -> list[str]:
    """Which of ``party``'s secrets ``text`` shows: its strings as they are, its numbers
    also as any decimal within 1e-6 (the analysis prints 0.7311597999996593)."""
    found = []
    numbers = [float(x) for x in _NUMBER.findall(text)]
    for secret in SECRETS[party]:
        if secret in text or (
            _NUMBER.fullmatch(secret) and any(abs(x - float(secret)) < 1e-6 for x in numbers)
        ):
            found.append(secret)
    return found


OPTIONS = {
    "ceasefire": ("six-month", "permanent-comprehensive"),
    "withdrawal": ("full-withdrawal-timeline", "conditions-based-drawdown"),
}
ALL_SECRETS = tuple(s for group in SECRETS.values() for s in group)


def require_services() -> bool:
    return os.environ.get("ACCORDS_REQUIRE_SERVICES") == "1"


def missing_service(message: str, *, module: bool = False) -> None:
    """Skip on a laptop without the service; fail in CI, where it must be there."""
    if require_services():
        pytest.fail(f"{message} (ACCORDS_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(message, allow_module_level=module)


def postgres_url() -> str:
    url = os.environ.get("ACCORDS_TEST_POSTGRES")
    if not url:
        missing_service(
            "PostgreSQL tests need a server: `source .ci/postgres.sh` (installs Debian's "
            "postgresql) exports ACCORDS_TEST_POSTGRES"
        )
    assert url is not None
    return url


@pytest.fixture
def pg_target() -> Iterator[str]:
    """A postgresql:// URL whose search_path is a fresh schema, dropped afterwards."""
    import psycopg

    url = postgres_url()
    schema = f"svc_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def plant(db: str) -> None:
    """Load the example and give two parties confidential preferences and private notes."""
    load_scenario(example_path("us-taliban-2019.yaml"), db)
    plant_secrets(db, date(2019, 6, 1))


def plant_secrets(db: str, on: date) -> None:
    """Set the two parties' secret preferences and private notes on ``on`` (after the last
    round for :func:`plant`; a test of past views plants them within a round too)."""
    store = open_store(db)
    try:
        record = Record(store)
        for party, (note, private, reservation, weight) in SECRETS.items():
            other = "ceasefire" if party == "taliban" else "withdrawal"
            record.execute(
                NID,
                c.SetPreferences(
                    on=on,
                    party=party,
                    preferences={
                        "note": note,
                        "reservation": float(reservation),
                        "weights": {other: float(weight)},
                        "values": {other: dict(zip(OPTIONS[other], (0.25, 1.0), strict=True))},
                        "red_lines": [
                            [
                                "ceasefire:permanent-comprehensive",
                                "withdrawal:conditions-based-drawdown",
                            ]
                        ],
                    },
                ),
                recorded_by="test",
            )
            record.execute(
                NID, c.RecordNote(on=on, party=party, text=private, part=other), recorded_by="test"
            )
    finally:
        store.close()


@dataclass
class World:
    db: str
    tokens: dict[str, str]  # viewer name -> token
    client: TestClient

    def as_(self, viewer: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[viewer]}"}


VIEWERS = ("mediator", "taliban", "united-states", "afghan-government", "observer")


def fast_tokens(db: str) -> TokenStore:
    """The token table with cheap argon2 parameters: the same code, hashed faster for tests."""
    return open_tokens(db, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def make_tokens(db: str) -> dict[str, str]:
    tokens = fast_tokens(db)
    try:
        out = {"mediator": tokens.create("mediator")[0], "observer": tokens.create("observer")[0]}
        for p in ("taliban", "united-states", "afghan-government"):
            out[p] = tokens.create("party", p)[0]
        revoked, info = tokens.create("party", "taliban")
        tokens.revoke(info.id)
        out["revoked"] = revoked
        return out
    finally:
        tokens.close()


def build_world(db: str, **options: object) -> Iterator[World]:
    plant(db)
    tokens = make_tokens(db)
    app = create_app(db, login_limit=10_000, tokens=fast_tokens(db), **options)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield World(db, tokens, client)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    yield from build_world(str(tmp_path / "talks.db"))


@pytest.fixture(scope="module")
def shared_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world for read-only tests of a module (cheaper: argon2 hashing is slow on purpose)."""
    yield from build_world(str(tmp_path_factory.mktemp("shared") / "talks.db"))


def login(client: TestClient, token: str) -> None:
    """Log ``client`` in through the login form, as a browser does."""
    page = client.get("/login")
    assert page.status_code == 200
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = client.post(
        "/login", data={"token": token, "csrf": csrf, "next": "/"}, follow_redirects=False
    )
    assert r.status_code == 303, r.text


def csrf_of(html: str) -> str:
    return html.split('name="csrf" value="', 1)[1].split('"', 1)[0]
