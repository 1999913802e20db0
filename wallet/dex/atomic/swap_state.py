"""A swap's state, rebuilt by replaying its saved events (pure: no chain, no disk).

Event kinds and payloads (JSON):

- ``created`` {role, offer, acceptance, start_block_a, start_block_b}: the offer and acceptance texts,
  and the chain heads when the swap began (scans start there).
- ``secret_created`` {hashlock, sealed}: the initiator's secret, encrypted (``swap_secret``).
- ``lock_planned`` {leg, terms}: our own lock's terms (timelock included), saved before it is signed,
  so a re-sign after a crash makes the same lock (same id: the contract refuses a second one).
- ``lock_found`` {leg, terms, block}: the counterparty's lock, audited and accepted.
- ``lock_refused`` {leg, reason}: the counterparty's lock failed the audit.
- ``tx_signed`` {action, chain_id, sender, hash, raw, nonce, fields, block}: saved before broadcast
  (``fields``: the unsigned transaction, for a replacement with higher fees; ``block``: the chain's
  head when it was signed). A replacement is another ``tx_signed`` of the same action and nonce.
- ``tx_sent`` {hash}, ``tx_mined`` {hash, ok, block}, ``tx_dropped`` {hash}.
- ``secret_learned`` {preimage, source}: the participant found the secret on chain B (public by then).
- ``finished`` {outcome}: completed, refunded, refused, abandoned or missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.dex.atomic.htlc_terms import HtlcTerms
from wallet.dex.atomic.swap_offer import SignedAcceptance, SignedOffer, parse_acceptance, parse_offer
from wallet.store.swaps import SwapEvent

INITIATOR = "initiator"
PARTICIPANT = "participant"
COMPLETED, REFUNDED, REFUSED, ABANDONED = "completed", "refunded", "refused", "abandoned"
MISSED = "missed"  # the participant's lock was claimed and lock A refunded: it was away past its window


@dataclass
class TxAttempt:
    action: str  # e.g. "lock_a", "approve_b", "claim_b", "refund_a"
    chain_id: int
    sender: str
    hash: str
    raw: str
    nonce: int
    fields: dict[str, Any] | None = None
    signed_at_block: int = 0
    sent: bool = False
    result: str | None = None  # None while in flight; "ok", "failed" or "dropped"


@dataclass
class SwapRecord:
    swap_id: str
    role: str
    offer: SignedOffer
    acceptance: SignedAcceptance
    start_block_a: int
    start_block_b: int
    hashlock: bytes | None = None
    sealed_secret: dict[str, str] | None = None
    lock_a: HtlcTerms | None = None
    lock_b: HtlcTerms | None = None
    lock_a_block: int | None = None
    lock_b_block: int | None = None
    refusal: str | None = None
    preimage: bytes | None = None  # learned from chain B (participant)
    txs: list[TxAttempt] = field(default_factory=list)
    outcome: str | None = None

    @property
    def in_flight(self) -> list[TxAttempt]:
        return [tx for tx in self.txs if tx.result is None]

    def succeeded(self, action: str) -> bool:
        return any(tx.action == action and tx.result == "ok" for tx in self.txs)

    def failed(self, action: str) -> bool:
        return any(tx.action == action and tx.result == "failed" for tx in self.txs)

    def attempted(self, action: str) -> bool:
        return any(tx.action == action for tx in self.txs)


def replay(swap_id: str, role: str, events: list[SwapEvent]) -> SwapRecord:
    first = events[0].payload
    offer = parse_offer(first["offer"], lambda _: True, None)
    record = SwapRecord(swap_id, role, offer, parse_acceptance(first["acceptance"], offer),
                        int(first["start_block_a"]), int(first["start_block_b"]))
    for event in events[1:]:
        _apply(record, event.kind, event.payload)
    return record


def terms_to_json(terms: HtlcTerms) -> dict[str, Any]:
    return {"sender": terms.sender, "recipient": terms.recipient, "token": terms.token, "amount": str(terms.amount),
            "hashlock": terms.hashlock.hex(), "timelock": terms.timelock}


def terms_from_json(data: dict[str, Any]) -> HtlcTerms:
    return HtlcTerms(data["sender"], data["recipient"], data["token"], int(data["amount"]),
                     bytes.fromhex(data["hashlock"]), int(data["timelock"]))


def _apply(record: SwapRecord, kind: str, payload: dict[str, Any]) -> None:
    if kind == "secret_created":
        record.hashlock, record.sealed_secret = bytes.fromhex(payload["hashlock"]), payload["sealed"]
    elif kind in ("lock_planned", "lock_found"):
        terms = terms_from_json(payload["terms"])
        if payload["leg"] == "a":
            record.lock_a, record.lock_a_block = terms, payload.get("block")
        else:
            record.lock_b, record.lock_b_block = terms, payload.get("block")
        if record.hashlock is None:
            record.hashlock = terms.hashlock
    elif kind == "lock_refused":
        record.refusal = payload["reason"]
    elif kind == "tx_signed":
        record.txs.append(TxAttempt(payload["action"], int(payload["chain_id"]), payload["sender"], payload["hash"],
                                    payload["raw"], int(payload["nonce"]), payload.get("fields"),
                                    int(payload.get("block", 0))))
    elif kind in ("tx_sent", "tx_mined", "tx_dropped"):
        tx = next(t for t in record.txs if t.hash == payload["hash"])
        if kind == "tx_sent":
            tx.sent = True
        elif kind == "tx_mined":
            tx.sent, tx.result = True, "ok" if payload["ok"] else "failed"
        else:
            tx.result = "dropped"
    elif kind == "secret_learned":
        record.preimage = bytes.fromhex(payload["preimage"])
    elif kind == "finished":
        record.outcome = payload["outcome"]
    else:
        raise ValueError(f"unknown swap event {kind!r}")
