"""Sealing what an older accords stored in clear, and rotating the deployment key.

The clear-text migration re-hashes under a documented rule rather than recording
the re-encryption as new events: new events would leave the clear text in the
log, and its hash beside it, so the oracle would stay. The rule
(:data:`REHASH_RULE`): every confidential payload still in clear is rewritten as
a sealed one, in place; every other byte of every event stays as it was; the
chain is recomputed with the same envelope rule from the first rewritten event
on; and ``chain_rewrites`` records the old head hash, the new head hash, the
date and which events were sealed. An auditor holding the old head and the key
replays the old chain (:func:`replay_old_head`) and finds the old head again.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from accords import clock
from accords.errors import ConflictError, IntegrityError, KeyUnavailable
from accords.ledger._common import load_payload
from accords.ledger.chain import GENESIS_HASH, canonical_json, event_hash
from accords.model.events import CONFIDENTIAL
from accords.sealing._cipher import is_sealed, seal_payload, unseal_payload
from accords.sealing._keys import KeyProvider
from accords.sealing._ring import KeySource
from accords.sealing._store import SealedStore
from accords.sealing._table import Table

__all__ = ["REHASH_RULE", "Rewrite", "replay_old_head", "rotate", "seal_clear_text"]

REHASH_RULE = "seal-clear-v1"
"""Clear confidential payloads sealed in place; hashes recomputed from the first one on."""

Row = list[Any]  # seq, type, payload, recorded_by, occurred_on, recorded_at, prev_hash, hash


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One negotiation's chain, re-hashed: what an auditor needs to follow it."""

    negotiation: str
    first_seq: int
    events: int
    sealed: tuple[int, ...]
    old_head: str
    new_head: str


def _now() -> str:
    return clock.now().isoformat(timespec="microseconds")


def _rows(table: Table, negotiation: str) -> list[Row]:
    rows = table.execute(
        "SELECT seq, type, payload, recorded_by, occurred_on, recorded_at, prev_hash, hash"
        " FROM events WHERE negotiation = ? ORDER BY seq",
        (negotiation,),
    )
    out: list[Row] = []
    for row in rows:
        r = list(row)
        r[4] = r[4] if isinstance(r[4], str) else r[4].isoformat()
        out.append(r)
    return out


def _hash_of(negotiation: str, r: Row, payload: str, prev: str) -> str:
    return event_hash(
        seq=r[0],
        negotiation=negotiation,
        type=r[1],
        payload_json=payload,
        recorded_by=r[3],
        occurred_on=r[4],
        recorded_at=r[5],
        prev_hash=prev,
    )


def _plan(store: SealedStore, negotiation: str, rows: list[Row]) -> tuple[list[Row], list[int]]:
    """The rewritten rows from the first clear confidential one on, and which were sealed."""
    clear = [
        i for i, r in enumerate(rows) if r[1] in CONFIDENTIAL and not is_sealed(load_payload(r[2]))
    ]
    if not clear:
        return [], []
    first = clear[0]
    version, aead = store.ring.current(negotiation)
    prev = rows[first - 1][7] if first else GENESIS_HASH
    new: list[Row] = []
    for i in range(first, len(rows)):
        r = list(rows[i])
        if i in clear:
            box = seal_payload(
                aead,
                version,
                negotiation=negotiation,
                seq=r[0],
                type_=r[1],
                payload=load_payload(r[2]),
            )
            r[2] = canonical_json(box)
        r[6] = prev
        r[7] = prev = _hash_of(negotiation, r, r[2], prev)
        new.append(r)
    return new, [rows[i][0] for i in clear]


def seal_clear_text(store: SealedStore) -> list[Rewrite]:
    """Seal every confidential payload stored in clear, negotiation by negotiation."""
    done: list[Rewrite] = []
    table = store.ring.table
    for negotiation in store.negotiations():
        check = store.verify(negotiation)
        if not check.ok:
            raise IntegrityError(
                f"negotiation {negotiation!r} does not verify (event #{check.first_bad_seq}: "
                f"{check.reason}); it is not migrated"
            )
        rows = _rows(table, negotiation)
        new, sealed = _plan(store, negotiation, rows)
        if not new:
            continue
        rewrite = Rewrite(negotiation, new[0][0], len(rows), tuple(sealed), rows[-1][7], new[-1][7])
        _apply(table, rewrite, new)
        done.append(rewrite)
    return done


def _apply(table: Table, rewrite: Rewrite, new: list[Row]) -> None:
    """Write the rewritten rows in one transaction, past the append-only triggers."""
    n = rewrite.negotiation
    with table.transaction():
        if table.postgres:
            table.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (n,))
        head = table.execute(
            "SELECT seq, hash FROM events WHERE negotiation = ? ORDER BY seq DESC LIMIT 1", (n,)
        )
        if not head or (head[0][0], head[0][1]) != (rewrite.events, rewrite.old_head):
            raise ConflictError(n, rewrite.events, int(head[0][0]) if head else 0)
        triggers = _suspend_triggers(table)
        for r in new:
            table.execute(
                "UPDATE events SET payload = ?, prev_hash = ?, hash = ?"
                " WHERE negotiation = ? AND seq = ?",
                (r[2], r[6], r[7], n, r[0]),
            )
        _restore_triggers(table, triggers)
        table.execute(
            "INSERT INTO chain_rewrites (negotiation, rule, first_seq, events, old_head,"
            " new_head, sealed, rewritten_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                n,
                REHASH_RULE,
                rewrite.first_seq,
                rewrite.events,
                rewrite.old_head,
                rewrite.new_head,
                json.dumps(list(rewrite.sealed)),
                _now(),
            ),
        )
        # The cache was folded from clear text and is stored in clear: drop it.
        table.execute("DELETE FROM snapshots WHERE negotiation = ?", (n,))


def _suspend_triggers(table: Table) -> list[str]:
    if table.postgres:
        table.execute("ALTER TABLE events DISABLE TRIGGER USER")
        return []
    found = table.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    )
    for name, _ in found:
        table.execute(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in found]


def _restore_triggers(table: Table, triggers: list[str]) -> None:
    if table.postgres:
        table.execute("ALTER TABLE events ENABLE TRIGGER USER")
    for sql in triggers:
        table.execute(sql)


def replay_old_head(store: SealedStore, negotiation: str) -> list[tuple[str, str]]:
    """For each recorded rewrite: the old head it recorded and the head replayed now.

    The replay opens the events the rewrite sealed (so it needs the key), puts
    their clear text back and recomputes the chain up to the rewrite's last event.
    """
    table = store.ring.table
    rows = _rows(table, negotiation)
    out: list[tuple[str, str]] = []
    for rule, first, events, old_head, _new, sealed_json, _at in table.rewrites(negotiation):
        if rule != REHASH_RULE:
            raise IntegrityError(f"unknown chain rewrite rule {rule!r}")
        sealed = set(json.loads(sealed_json))
        prev = rows[first - 2][7] if first > 1 else GENESIS_HASH
        for r in rows[first - 1 : events]:
            payload = r[2]
            if r[0] in sealed:
                stored = load_payload(payload)
                aead = store.ring.get(negotiation, stored["sealed"]["key"])
                clear = unseal_payload(
                    aead, negotiation=negotiation, seq=r[0], type_=r[1], stored=stored
                )
                payload = canonical_json(clear)
            prev = _hash_of(negotiation, r, payload, prev)
        out.append((old_head, prev))
    return out


def rotate(store: SealedStore, new: KeyProvider, *, new_versions: bool = True) -> int:
    """Re-wrap every data key under ``new``; with ``new_versions``, new events get fresh keys.

    Old events stay readable: their data keys are the same, only wrapped anew.
    Returns how many data keys were re-wrapped.
    """
    ring = store.ring
    old = ring.provider()
    table = ring.table
    rows = table.data_keys()
    with table.transaction():
        for negotiation, version, key_id, wrapped in rows:
            if key_id != old.key_id:
                raise KeyUnavailable(
                    f"data key {version} of {negotiation!r} is wrapped by key id {key_id}, "
                    f"not by the key at hand ({old.key_id}); nothing was rotated"
                )
            data = old.unwrap(base64.b64decode(wrapped))
            fresh = base64.b64encode(new.wrap(data)).decode("ascii")
            table.rewrap((negotiation, version, new.key_id, fresh))
    ring.source = KeySource(new, hint=ring.source.hint)
    ring.forget()
    if new_versions:
        latest: dict[str, int] = {}
        for negotiation, version, _, _ in rows:
            latest[negotiation] = max(version, latest.get(negotiation, 0))
        for negotiation, version in latest.items():
            ring.add_version(negotiation, version + 1)
    return len(rows)
