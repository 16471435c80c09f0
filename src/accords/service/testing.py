"""A real server on a free loopback port, for browser tests, load tests and benchmarks.

``with LiveServer(db) as server: ... server.url`` runs uvicorn in a thread of this
process (so log lines can be captured) and stops it on exit.
"""

from __future__ import annotations

import math
import socket
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

__all__ = ["LiveServer", "LoadResult", "free_port", "hammer", "load_negotiation", "percentile"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving ``create_app(db, **options)`` on 127.0.0.1 in a background thread."""

    def __init__(self, db: str, *, access_log: bool = True, **options: Any) -> None:
        import uvicorn

        from accords.service.app import create_app

        self.app = create_app(db, **options)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="info",
            access_log=access_log,
            lifespan="on",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="accords-live", daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)


# -- a load of concurrent writers ------------------------------------------------------


def load_negotiation(db: str, nid: str, parties: int) -> None:
    """A negotiation with ``parties`` parties who all sign one part with options x and y."""
    from datetime import date

    from accords.application import Record
    from accords.model import commands as c
    from accords.sealing import open_store

    on = date(2020, 1, 1)
    ids = [f"p{i}" for i in range(parties)]
    commands: list[c.Command] = [c.CreateNegotiation(on=on, id=nid, title="Load test")]
    commands += [c.AddParty(on=on, id=p, name=f"Party {p}") for p in ids]
    commands.append(
        c.AddPart(
            on=on,
            id="shared",
            title="Shared",
            signatories=tuple(ids),
            options=(("x", ""), ("y", "")),
        )
    )
    store = open_store(db)
    try:
        Record(store).execute_many(nid, commands, recorded_by="load", expected_seq=0)
    finally:
        store.close()


@dataclass
class LoadResult:
    """What concurrent writers saw: every answer's status and latency, and what was acked."""

    seconds: float = 0.0
    latencies: dict[int, list[float]] = field(default_factory=dict)  # status -> seconds
    acknowledged: dict[int, str] = field(default_factory=dict)  # seq -> the move's note
    reads: int = 0

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def hammer(url: str, nid: str, tokens: dict[str, str], moves: int) -> LoadResult:
    """Each party's client records ``moves`` acceptances, racing the others on one log.

    Each move is sent with the ``expected_seq`` the client last saw; on a 409 the client
    reads the head again and retries. Every acknowledged move's note is kept, to check
    afterwards that none was lost.
    """
    result = LoadResult()
    lock = threading.Lock()
    errors: list[str] = []

    def client(party: str, token: str) -> None:
        _race(url, nid, party, token, moves, _Shared(result, lock, errors))

    threads = [
        threading.Thread(target=client, args=(party, token), name=f"load-{party}")
        for party, token in tokens.items()
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"unexpected answers under load: {errors[:5]}")
    return result


@dataclass
class _Shared:
    """What the racing clients write to, under one lock."""

    result: LoadResult
    lock: threading.Lock
    errors: list[str]


def _race(url: str, nid: str, party: str, token: str, moves: int, shared: _Shared) -> None:
    """One party's client: ``moves`` acceptances, each re-read and retried on a 409."""
    import httpx

    result, lock = shared.result, shared.lock
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
        seq = http.get(f"/api/negotiations/{nid}/head").json()["head"]
        done = 0
        while done < moves:
            note = f"{party}-{done}"
            body = {
                "move": "accept",
                "by": party,
                "part": "shared",
                "option": "x",
                "level": "principle" if done % 2 == 0 else "ad-ref",
                "note": note,
                "expected_seq": seq,
            }
            t0 = time.perf_counter()
            r = http.post(f"/api/negotiations/{nid}/moves", json=body)
            elapsed = time.perf_counter() - t0
            with lock:
                result.latencies.setdefault(r.status_code, []).append(elapsed)
            if r.status_code == 201:
                data = r.json()
                seq = data["head"]
                with lock:
                    for e in data["events"]:
                        result.acknowledged[e["seq"]] = note
                done += 1
            elif r.status_code == 409:
                seq = http.get(f"/api/negotiations/{nid}/head").json()["head"]
                with lock:
                    result.reads += 1
            else:
                with lock:
                    shared.errors.append(f"{r.status_code} {r.text[:200]}")
                return


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by the nearest-rank method."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
