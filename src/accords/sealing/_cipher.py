"""Sealing one confidential payload: AES-256-GCM, a random 96-bit nonce, bound to its place.

A sealed payload, as the log stores and hashes it::

    {"party": "taliban",
     "sealed": {"alg": "AES-256-GCM", "ct": "<base64>", "key": 1, "nonce": "<base64>"}}

``party`` stays in the clear: it is already public (the redacted log shows whose
entry it is) and it is what redaction needs to decide who may read the entry.
The associated data binds the ciphertext to the negotiation, the sequence
number, the event type and that party, so a sealed payload moved to another
event, negotiation or party fails to open. Because the nonce is random, two
identical payloads seal to different texts, and the chain's hash over the
ciphertext confirms no guess of the clear text.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from accords.errors import IntegrityError
from accords.ledger._common import load_payload
from accords.ledger.chain import canonical_json

__all__ = [
    "ALG",
    "is_sealed",
    "seal_payload",
    "seal_snapshot",
    "sealed_version",
    "unseal_payload",
    "unseal_snapshot",
]

ALG = "AES-256-GCM"
NONCE_BYTES = 12
PAD = 128
"""Clear text is padded with spaces to a multiple of this many bytes before sealing, so a
ciphertext's length tells a note of 14 characters from one of 90 no better than that."""


def is_sealed(payload: Mapping[str, Any]) -> bool:
    """Whether a stored payload is a sealed one (rather than clear text from before sealing)."""
    sealed = payload.get("sealed")
    return isinstance(sealed, Mapping) and sealed.get("alg") == ALG


def sealed_version(payload: Mapping[str, Any]) -> int:
    """The data-key version that sealed ``payload``."""
    version = payload["sealed"].get("key")
    if isinstance(version, bool) or not isinstance(version, int):
        raise IntegrityError(f"a sealed payload names no data-key version ({version!r})")
    return version


def _aad(negotiation: str, seq: int, type_: str, party: object) -> bytes:
    return canonical_json(
        {"negotiation": negotiation, "party": party, "seq": seq, "type": type_}
    ).encode("utf-8")


def _box(aead: AESGCM, version: int, plain: bytes, aad: bytes) -> dict[str, Any]:
    plain += b" " * (-len(plain) % PAD)  # JSON reads trailing spaces as nothing
    nonce = os.urandom(NONCE_BYTES)
    return {
        "alg": ALG,
        "ct": base64.b64encode(aead.encrypt(nonce, plain, aad)).decode("ascii"),
        "key": version,
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }


def _open(aead: AESGCM, box: Mapping[str, Any], aad: bytes, what: str) -> Any:
    try:
        nonce = base64.b64decode(box["nonce"], validate=True)
        ct = base64.b64decode(box["ct"], validate=True)
        plain = aead.decrypt(nonce, ct, aad)
    except (KeyError, TypeError, ValueError, binascii.Error, InvalidTag):
        raise IntegrityError(
            f"{what} does not open: its ciphertext, nonce or place was changed "
            "(`accords verify` names the event when the chain shows it)"
        ) from None
    return load_payload(plain.decode("utf-8"))


def seal_payload(
    aead: AESGCM,
    version: int,
    *,
    negotiation: str,
    seq: int,
    type_: str,
    payload: Mapping[str, Any],
) -> dict[str, Any]:
    """The stored form of a confidential payload: the owner in clear, the rest sealed."""
    party = payload.get("party")
    plain = canonical_json(payload).encode("utf-8")
    box = _box(aead, version, plain, _aad(negotiation, seq, type_, party))
    return {"party": party, "sealed": box} if party is not None else {"sealed": box}


def unseal_payload(
    aead: AESGCM, *, negotiation: str, seq: int, type_: str, stored: Mapping[str, Any]
) -> dict[str, Any]:
    """The clear payload back; :class:`IntegrityError` when a byte or its place changed."""
    party = stored.get("party")
    what = f"the sealed payload of event {seq} of {negotiation!r}"
    value = _open(aead, stored["sealed"], _aad(negotiation, seq, type_, party), what)
    if not isinstance(value, dict) or value.get("party") != party:
        raise IntegrityError(f"{what} does not belong to the party it names")
    return value


def seal_snapshot(
    aead: AESGCM, version: int, negotiation: str, seq: int, state: Mapping[str, Any]
) -> dict[str, Any]:
    """A cached state sealed whole: it holds every party's preferences."""
    aad = canonical_json({"negotiation": negotiation, "snapshot": seq}).encode("utf-8")
    return {"sealed": _box(aead, version, canonical_json(state).encode("utf-8"), aad)}


def unseal_snapshot(
    aead: AESGCM, negotiation: str, seq: int, stored: Mapping[str, Any]
) -> dict[str, Any]:
    aad = canonical_json({"negotiation": negotiation, "snapshot": seq}).encode("utf-8")
    value = _open(aead, stored["sealed"], aad, f"the cached state at event {seq}")
    if not isinstance(value, dict):
        raise IntegrityError(f"the cached state at event {seq} of {negotiation!r} is not a state")
    return value
