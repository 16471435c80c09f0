"""A real server on a free loopback port, and a real headless Chromium (Debian's package).

Playwright drives /usr/bin/chromium; nothing is downloaded. Without it the tests
skip saying what to install, unless ACCORDS_REQUIRE_SERVICES=1 (CI), where they fail.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "fastapi", reason="the server needs the service extra: pip install -e '.[service]'"
)

from accords.service.testing import LiveServer
from service.conftest import (
    fast_tokens,
    missing_service,
    plant,
)

CHROMIUM = os.environ.get("ACCORDS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@dataclass
class Live:
    url: str
    db: str
    tokens: dict[str, str]
    log: list[str]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    """The planted example served by uvicorn; every log line it writes is kept."""
    db = str(tmp_path / "live.db")
    plant(db)
    tokens = fast_tokens(db)
    issued = {
        "mediator": tokens.create("mediator")[0],
        "observer": tokens.create("observer")[0],
        "taliban": tokens.create("party", "taliban")[0],
        "united-states": tokens.create("party", "united-states")[0],
    }
    handler = _Lines()
    names = ("uvicorn", "uvicorn.access", "uvicorn.error", "accords")
    with LiveServer(db, tokens=tokens, poll_seconds=0.5) as server:
        # uvicorn configures its loggers as it starts: listen once it has
        loggers = [logging.getLogger(n) for n in names]
        for lg in loggers:
            lg.addHandler(handler)
        try:
            yield Live(server.url, db, issued, handler.lines)
        finally:
            for lg in loggers:
                lg.removeHandler(handler)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        missing_service(
            f"browser tests need Chromium at {CHROMIUM}: `apt-get install -y chromium` "
            "(or `bash .ci/chromium.sh`)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        missing_service("browser tests need Playwright: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
