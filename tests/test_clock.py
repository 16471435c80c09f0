"""One clock: "today" is the UTC date on every path, local time only for display."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords import clock


def test_now_is_aware_utc_and_today_is_its_date() -> None:
    moment = clock.now()
    assert moment.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - moment) < timedelta(seconds=60)
    assert clock.today() in {moment.date(), clock.now().date()}


def test_local_is_for_display_and_keeps_the_moment() -> None:
    moment = datetime(2019, 3, 1, 23, 30, tzinfo=UTC)
    assert clock.local(moment) == moment
    assert clock.local(moment).utcoffset() is not None
    assert clock.local(datetime(2019, 3, 1, 23, 30)) == moment  # naive is read as UTC


@pytest.mark.skipif(not hasattr(__import__("time"), "tzset"), reason="needs TZ support")
def test_today_ignores_the_machine_time_zone() -> None:
    code = (
        "from datetime import UTC, datetime; from accords import clock; "
        "print(clock.today() == datetime.now(UTC).date(), clock.local().utcoffset())"
    )
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "TZ": zone},
        ).stdout.split()
        assert out[0] == "True"


def test_the_cli_dates_a_move_by_the_one_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accords.cli import app

    monkeypatch.setattr(clock, "today", lambda: date(2031, 7, 4))
    result = CliRunner(env={"ACCORDS_DB": None}).invoke(
        app, ["new", "talks", "--title", "T", "--db", str(tmp_path / "c.db")]
    )
    assert result.exit_code == 0, result.output
    assert "(2031-07-04)" in result.output


def test_the_server_dates_a_move_by_the_one_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastapi", reason="the service extra is not installed")
    from accords.service import api

    monkeypatch.setattr(clock, "today", lambda: date(2031, 7, 4))
    assert api._today() == date(2031, 7, 4)
