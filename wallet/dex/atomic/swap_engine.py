"""The swap engine: one state machine per swap, crash-safe, resumable, run by either party.

Every step first settles the transactions in flight, then reads both chains (locks, claims, refunds,
the secret), then decides from the saved record plus what the chains say, and acts at most once.
Order of saving: a decision (the secret, the terms of our lock) is saved before the transaction it
leads to is signed; the signed transaction and its hash are saved before broadcast; so a crash
anywhere resumes with the same transaction, never a second one. A transaction that is not known to
the node is broadcast again from its saved bytes; one whose nonce was taken by another is marked
dropped, and the step is decided again from the chain.

Because each step reads the chains before acting, the engine never refunds a lock that was claimed
(the contract's status says so), and if the counterparty has claimed our lock the participant takes
the secret from chain B and claims chain A. See ``swap_protocol`` for the rules and their defaults.

A leg on a Bitcoin-family chain (``swap_chains``) goes through the same steps: its lock is the
``utxo_htlc`` script, read, funded, claimed and refunded by ``UtxoLeg`` instead of the contract.
Its timelocks are fixed by the offer so that the other party can find the script by its hash:
a UTXO lock A until ``expiry + INITIATOR_TIMELOCK_S``, a UTXO lock B until ``T_A −
INITIATOR_TIMELOCK_S / 2`` (``utxo_timelock_a``/``utxo_timelock_b``); the usual checks of time left
on each chain still decide whether to lock and claim.

``checkpoint(name)`` is called around each transaction (``lock_a_before_sign``, then after each saved
step: ``lock_a_signed``, ``lock_a_sent``, ``lock_a_mined``, ...): the command line uses it to inject
a crash in tests; the app passes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from eth_abi.abi import decode, encode

from wallet.accounts.signer import Signer, TxFields
from wallet.chains.address import keccak256, to_checksum_address
from wallet.chains.fees import Fee, FeeTier, bumped, suggest_fees
from wallet.chains.multicall import eth_call
from wallet.chains.revert import revert_reason
from wallet.chains.rpc import ChainClient, RpcRemoteError, optional_object, parse_quantity, quantity
from wallet.dex.atomic.htlc_calls import (
    LockCall,
    decode_call,
    encode_claim,
    encode_lock,
    encode_refund,
    lock_value,
    read_swap,
)
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS, verify_code
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, SwapStatus, hashlock_of, swap_id
from wallet.dex.atomic.swap_chains import is_utxo_chain, utxo_timing
from wallet.dex.atomic.swap_errors import (
    FeeReserveError,
    LockAuditError,
    SwapNotFoundError,
    SwapTxWouldFailError,
    UnknownSwapChainError,
)
from wallet.dex.atomic.swap_offer import SignedAcceptance, SignedOffer
from wallet.dex.atomic.swap_protocol import (
    CLAIM_MARGIN_S,
    LOCK_GRACE_S,
    MIN_PARTICIPANT_WINDOW_S,
    SAFETY_MARGIN_S,
    ExpectedLock,
    FoundLock,
    audit_initiator_lock,
    audit_participant_lock,
    claim_window_open,
    deep_enough,
    fee_reserve,
    initiator_may_claim,
    initiator_timelock,
    participant_may_lock,
    participant_timelock,
    refund_allowed,
    required_confirmations,
    utxo_confirmations,
    utxo_timelock_a,
    utxo_timelock_b,
)
from wallet.dex.atomic.swap_secret import SecretUnreadableError, new_secret, offer_secret, seal, sealing_key, unseal
from wallet.dex.atomic.swap_state import (
    ABANDONED,
    COMPLETED,
    INITIATOR,
    MISSED,
    PARTICIPANT,
    REFUNDED,
    REFUSED,
    SwapRecord,
    TxAttempt,
    replay,
    terms_to_json,
)
from wallet.dex.atomic.swap_watch import ChainHead, FoundSecret, SecretSearch, find_locks, head
from wallet.dex.atomic.utxo_htlc import (
    HtlcNotFundedError,
    HtlcTooFewConfirmationsError,
    HtlcValueTooLowError,
    median_time_lag_s,
    participant_margin_s,
)
from wallet.dex.atomic.utxo_leg import LegState, SignedUtxoTx, UtxoLeg
from wallet.errors import WalletError
from wallet.store.swaps import SwapStore
from wallet.store.transactions import PENDING, TransactionStore
from wallet.translatable import QT_TRANSLATE_NOOP

APPROVE_SELECTOR = keccak256(b"approve(address,uint256)")[:4]
ALLOWANCE_SELECTOR = keccak256(b"allowance(address,address)")[:4]
GAS_MARGIN_NUM, GAS_MARGIN_DEN = 6, 5
DEFAULT_POLL_S = 1.0
REVIEW_VALID_S = 15 * 60  # a reviewed lock's timelock may be this much older than one made at approval
AWAITING_REVIEW = "waiting for you to review the lock"
WAITING_FOR_LOCK = "waiting for the counterparty's lock"
STUCK_BLOCKS = 3  # pending this many blocks after signing: replaced with higher fees


@dataclass
class SwapParty:
    """How the engine reaches the chains and the keys of this party."""

    client: Callable[[int], ChainClient]
    signer_for: Callable[[str], tuple[Signer, str | None]]  # by address
    tx_store: TransactionStore | None = None
    confirmations: Mapping[int, int] | None = None
    checkpoint: Callable[[str], None] = field(default=lambda _name: None)
    review_locks: bool = False  # the initiator's lock waits for the user's review (``approve_lock``)
    contract: str = HTLC_ADDRESS
    utxo: Callable[[int], UtxoLeg] | None = None  # this party on a Bitcoin-family chain, by offer chain number


@dataclass(frozen=True)
class StepReport:
    swap_id: str
    role: str
    state: str  # what is happening now, for a person
    done: bool
    confirmations: tuple[int, int] | None = None  # (have, needed) while the counterparty's lock deepens


@dataclass(frozen=True)
class _Chains:
    """One look at both chains."""

    a: ChainHead
    b: ChainHead
    status_a: SwapStatus
    status_b: SwapStatus
    utxo_a: LegState | None = None  # the full reading of a UTXO leg
    utxo_b: LegState | None = None


class LockNotReviewableError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The lock of swap {swap_id} can no longer be reviewed: "
                                 "the swap is past that step.")


class LockReviewExpiredError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The lock of swap {swap_id} was reviewed too long ago: "
                                 "review it again. Nothing was signed.")


class ReviewedLockMismatchError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The lock of swap {swap_id} differs from the one you reviewed: "
                                 "it was not signed.")


class SwapEngine:
    def __init__(self, store: SwapStore, party: SwapParty) -> None:
        self.store = store
        self.party = party
        self._searches: dict[str, SecretSearch] = {}
        self._depth: dict[str, tuple[int, int]] = {}  # a step's reading of the counterparty's lock depth

    # --- swaps ---------------------------------------------------------------------------------
    def begin(self, role: str, offer: SignedOffer, acceptance: SignedAcceptance) -> str:
        """Record a swap (idempotent: the same offer is the same swap). Nothing is sent yet."""
        swap = "0x" + offer.offer_id.hex()
        for chain_id in (offer.offer.chain_a, offer.offer.chain_b):
            if not is_utxo_chain(chain_id):
                verify_code(self.party.client(chain_id), self.party.contract)
        self.store.create(swap, role, "created", {
            "role": role, "offer": offer.text(), "acceptance": acceptance.text(),
            "start_block_a": self._head(offer.offer.chain_a).number,
            "start_block_b": self._head(offer.offer.chain_b).number})
        return swap

    def preview_lock(self, swap: str) -> LockCall:
        """The initiator's lock as ``approve_lock`` would plan it now (its secret is made here): the
        decoded call of the calldata, for the user to review. Only for a swap whose lock is not planned."""
        rec = self.record(swap)
        if rec.role != INITIATOR or rec.outcome is not None or rec.lock_a is not None:
            raise LockNotReviewableError(swap_id=swap)
        rec.hashlock = rec.hashlock or self._create_secret(rec)
        self._check_reserves(rec, lock_leg="a")
        return _lock_call(self._initiator_terms(rec, rec.hashlock, self._head(rec.offer.offer.chain_a).timestamp))

    def approve_lock(self, swap: str, reviewed: LockCall) -> None:
        """The user approved ``reviewed``: it becomes the swap's planned lock (saved, so a restart keeps
        it), provided it is still the lock the engine would make now (same fields; a timelock at most
        ``REVIEW_VALID_S`` older). Anything else is refused and nothing is planned."""
        rec = self.record(swap)
        if rec.role != INITIATOR or rec.outcome is not None or rec.lock_a is not None or rec.hashlock is None:
            raise LockNotReviewableError(swap_id=swap)
        now = self._initiator_terms(rec, rec.hashlock, self._head(rec.offer.offer.chain_a).timestamp)
        if replace(_lock_call(now), timelock=reviewed.timelock) != reviewed or reviewed.timelock > now.timelock:
            raise ReviewedLockMismatchError(swap_id=swap)
        if reviewed.timelock < now.timelock - REVIEW_VALID_S:
            raise LockReviewExpiredError(swap_id=swap)
        terms = replace(now, timelock=reviewed.timelock)
        self.store.append(swap, "lock_planned", {"leg": "a", "terms": terms_to_json(terms)})

    def abandon(self, swap: str) -> None:
        """The user declined the reviewed lock: the swap ends before anything is signed."""
        rec = self.record(swap)
        if rec.role != INITIATOR or rec.txs or rec.outcome is not None or rec.lock_a is not None:
            raise LockNotReviewableError(swap_id=swap)
        self._finish(rec, ABANDONED)

    def record(self, swap: str) -> SwapRecord:
        events = self.store.events(swap)
        if not events:
            raise SwapNotFoundError(swap_id=swap)
        return replay(swap, events[0].payload["role"], events)

    def unfinished(self) -> list[str]:
        return [swap for swap, _ in self.store.swaps() if self.record(swap).outcome is None]

    def run(self, swaps: list[str], poll_s: float = DEFAULT_POLL_S, timeout_s: float | None = None,
            on_report: Callable[[StepReport], None] | None = None) -> list[StepReport]:
        """Step every swap until all are finished (or ``timeout_s`` passes). A node that fails is
        retried at the next poll: an unreachable chain delays a swap, it never decides one."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        reports: dict[str, StepReport] = {}
        while True:
            for swap in swaps:
                if swap in reports and reports[swap].done:
                    continue
                try:
                    reports[swap] = self.step(swap)
                except WalletError as error:  # a node down, a step that would revert: retried next poll
                    reports[swap] = StepReport(swap, "", f"retrying: {error}", False)
                if on_report is not None:
                    on_report(reports[swap])
            if all(r.done for r in reports.values()) or (deadline is not None and time.monotonic() > deadline):
                return list(reports.values())
            time.sleep(poll_s)

    def step(self, swap: str) -> StepReport:
        record = self.record(swap)
        if record.outcome is not None:
            return StepReport(swap, record.role, record.outcome, True)
        for tx in record.in_flight:
            if not self._settle(record, tx):
                return StepReport(swap, record.role, f"waiting for {tx.action} {tx.hash}", False)
        record = self.record(swap)
        chains = self._look(record)
        hidden = self._own_lock_not_shown(record, chains)
        if hidden is not None:
            return StepReport(swap, record.role, hidden, False)
        self._depth.pop(swap, None)
        state = self._initiator(record, chains) if record.role == INITIATOR else self._participant(record, chains)
        record = self.record(swap)
        return StepReport(swap, record.role, record.outcome or state, record.outcome is not None,
                          self._depth.pop(swap, None))

    # --- the initiator ---------------------------------------------------------------------------
    def _initiator(self, rec: SwapRecord, chains: _Chains) -> str:
        offer = rec.offer.offer
        if rec.lock_a is None:
            if chains.a.timestamp > offer.expiry + LOCK_GRACE_S:
                return self._finish(rec, ABANDONED)
            if self.party.review_locks:
                return AWAITING_REVIEW  # planned by ``approve_lock`` once the user has reviewed it
            hashlock = rec.hashlock or self._create_secret(rec)
            self._check_reserves(rec, lock_leg="a")
            terms = self._initiator_terms(rec, hashlock, chains.a.timestamp)
            self.store.append(rec.swap_id, "lock_planned", {"leg": "a", "terms": terms_to_json(terms)})
            rec = self.record(rec.swap_id)
        lock_a = rec.lock_a
        assert lock_a is not None
        if chains.status_a is SwapStatus.NONE:
            # Nothing in flight (settled above) and nothing on chain: past the grace, the offer is over.
            if chains.a.timestamp > offer.expiry + LOCK_GRACE_S:
                return self._finish(rec, ABANDONED)
            return self._lock(rec, "a", lock_a, offer.chain_a)
        if chains.status_b is SwapStatus.CLAIMED:
            # Ours is claimed. Lock A is the participant's to claim; if it never does, A is ours again at T_A.
            if chains.status_a is SwapStatus.LOCKED:
                if self._refund_allowed(offer.chain_a, lock_a, chains.a):
                    return self._refund(rec, "a", lock_a, offer.chain_a, chains.utxo_a)
                return "B claimed; waiting for the participant to claim A"
            return self._finish(rec, COMPLETED)
        if chains.status_a is SwapStatus.REFUNDED:
            return self._finish(rec, REFUNDED)
        if rec.lock_b is None and rec.refusal is None:
            self._find_participant_lock(rec, chains)
            rec = self.record(rec.swap_id)
            if rec.lock_b is not None:
                chains = self._look(rec)
        if rec.lock_b is not None and chains.status_b is SwapStatus.LOCKED and rec.refusal is None \
                and initiator_may_claim(rec.lock_b.timelock, chains.b.timestamp):
            return self._claim(rec, "b", rec.lock_b, offer.chain_b, self._secret(rec), chains.utxo_b)
        if chains.status_a is SwapStatus.LOCKED and self._refund_allowed(offer.chain_a, lock_a, chains.a):
            return self._refund(rec, "a", lock_a, offer.chain_a, chains.utxo_a)
        if chains.status_a is SwapStatus.CLAIMED and rec.lock_b is None:
            return "lock A claimed; waiting for the participant's lock to be found"
        return "waiting for the participant's lock on B" if rec.lock_b is None else "waiting"

    @staticmethod
    def _initiator_terms(rec: SwapRecord, hashlock: bytes, now_a: int) -> HtlcTerms:
        offer = rec.offer.offer
        timelock = utxo_timelock_a(offer.expiry) if is_utxo_chain(offer.chain_a) else initiator_timelock(now_a)
        return HtlcTerms(offer.maker_a, rec.acceptance.acceptance.taker_a, offer.token_a, offer.amount_a,
                         hashlock, timelock)

    def _find_participant_lock(self, rec: SwapRecord, chains: _Chains) -> None:
        offer, taker = rec.offer.offer, rec.acceptance.acceptance
        assert rec.hashlock is not None
        if is_utxo_chain(offer.chain_b):
            assert rec.lock_a is not None
            terms = HtlcTerms(taker.taker_b, offer.maker_b, offer.token_b, offer.amount_b, rec.hashlock,
                              utxo_timelock_b(rec.lock_a.timelock))
            self._find_utxo_lock(rec, "b", terms, CLAIM_MARGIN_S)
            return
        client = self.party.client(offer.chain_b)
        expected = ExpectedLock(offer.chain_b, taker.taker_b, offer.maker_b, offer.token_b, offer.amount_b,
                                rec.hashlock)
        for event in find_locks(client, self.party.contract, rec.start_block_b, chains.b.number,
                                hashlock=rec.hashlock, recipient=offer.maker_b):
            if event.terms.sender.lower() != taker.taker_b.lower():
                continue
            found = FoundLock(offer.chain_b, event.terms, _depth(chains.b, event.origin.block_number))
            try:
                audit_participant_lock(expected, found, client.chain.name, chains.b.timestamp)
            except LockAuditError as error:
                self.store.append(rec.swap_id, "lock_refused", {"leg": "b", "reason": str(error)})
                return
            if deep_enough(found, self._confirmations(offer.chain_b)):
                self.store.append(rec.swap_id, "lock_found", {"leg": "b", "terms": terms_to_json(event.terms),
                                                              "block": event.origin.block_number})
            else:
                self._depth[rec.swap_id] = (found.confirmations, self._confirmations(offer.chain_b))
            return

    # --- the participant -------------------------------------------------------------------------
    def _participant(self, rec: SwapRecord, chains: _Chains) -> str:
        offer, taker = rec.offer.offer, rec.acceptance.acceptance
        if rec.lock_a is None:
            state = self._find_initiator_lock(rec, chains)
            rec = self.record(rec.swap_id)
            if rec.lock_a is None:
                return state
            chains = self._look(rec)
        assert rec.lock_a is not None
        if rec.lock_b is None:
            try:  # audited again now: time has passed since it was found, and nothing of ours is locked yet
                audit_initiator_lock(self._expected_a(rec), FoundLock(offer.chain_a, rec.lock_a, 1 << 30),
                                     self._chain_name(offer.chain_a), chains.a.timestamp)
            except LockAuditError as error:
                self.store.append(rec.swap_id, "lock_refused", {"leg": "a", "reason": str(error)})
                return self._finish(rec, REFUSED)
            self._check_reserves(rec, lock_leg="b")
            timelock_b = utxo_timelock_b(rec.lock_a.timelock) if is_utxo_chain(offer.chain_b) else \
                participant_timelock(rec.lock_a.timelock, chains.a.timestamp, chains.b.timestamp)
            terms = HtlcTerms(taker.taker_b, offer.maker_b, offer.token_b, offer.amount_b, rec.lock_a.hashlock,
                              timelock_b)
            self.store.append(rec.swap_id, "lock_planned", {"leg": "b", "terms": terms_to_json(terms)})
            rec = self.record(rec.swap_id)
        lock_a, lock_b = rec.lock_a, rec.lock_b
        assert lock_a is not None and lock_b is not None
        if chains.status_b is SwapStatus.NONE:
            # Late (a crash, a node down): lock B only while T_A still leaves the margin after T_B.
            if rec.failed("lock_b") or not participant_may_lock(lock_a.timelock, chains.a.timestamp,
                                                                lock_b.timelock, chains.b.timestamp,
                                                                self._margin(offer.chain_b)):
                return self._finish(rec, ABANDONED)
            return self._lock(rec, "b", lock_b, offer.chain_b)
        if chains.status_a is SwapStatus.CLAIMED and chains.status_b is not SwapStatus.LOCKED:
            return self._finish(rec, COMPLETED)
        preimage = rec.preimage or self._search_secret(rec, chains)
        # A UTXO contract has no claim deadline: it can be claimed until the refund is mined.
        if preimage is not None and chains.status_a is SwapStatus.LOCKED \
                and (is_utxo_chain(offer.chain_a) or claim_window_open(lock_a.timelock, chains.a.timestamp)):
            return self._claim(rec, "a", lock_a, offer.chain_a, preimage, chains.utxo_a)
        if chains.status_b is SwapStatus.LOCKED and self._refund_allowed(offer.chain_b, lock_b, chains.b):
            return self._refund(rec, "b", lock_b, offer.chain_b, chains.utxo_b)
        if chains.status_b is SwapStatus.REFUNDED:
            return self._finish(rec, COMPLETED if chains.status_a is SwapStatus.CLAIMED else REFUNDED)
        if chains.status_a is SwapStatus.REFUNDED and chains.status_b is SwapStatus.CLAIMED:
            # The secret was out, but A went back to the initiator before we claimed it (this wallet
            # was not running from the claim of B until past T_A): nothing is left to do.
            return self._finish(rec, MISSED)
        return "waiting for the initiator to claim on B"

    def _find_initiator_lock(self, rec: SwapRecord, chains: _Chains) -> str:
        offer, taker = rec.offer.offer, rec.acceptance.acceptance
        if is_utxo_chain(offer.chain_a):
            assert offer.hashlock is not None  # a version-2 offer (``_check_offer``)
            terms = HtlcTerms(offer.maker_a, taker.taker_a, offer.token_a, offer.amount_a, offer.hashlock,
                              utxo_timelock_a(offer.expiry))
            state = self._find_utxo_lock(rec, "a", terms, 2 * max(SAFETY_MARGIN_S, MIN_PARTICIPANT_WINDOW_S))
            if self.record(rec.swap_id).lock_a is None and state == WAITING_FOR_LOCK \
                    and chains.a.timestamp > offer.expiry + 2 * LOCK_GRACE_S:
                return self._finish(rec, ABANDONED)
            return state
        client = self.party.client(offer.chain_a)
        # A lock carries nothing of the offer but its parties: one this wallet already took for another
        # swap with the same maker must not be taken twice (two B locks for one A lock).
        taken = {self._id(other.offer.offer.chain_a, other.lock_a) for other in map(self.record, self._other_swaps(rec))
                 if other.lock_a is not None and other.role == PARTICIPANT}
        for event in find_locks(client, self.party.contract, rec.start_block_a, chains.a.number,
                                recipient=taker.taker_a):
            if event.terms.sender.lower() != offer.maker_a.lower() or event.swap_id in taken:
                continue
            found = FoundLock(offer.chain_a, event.terms, _depth(chains.a, event.origin.block_number))
            try:
                audit_initiator_lock(self._expected_a(rec), found, client.chain.name, chains.a.timestamp)
            except LockAuditError as error:
                self.store.append(rec.swap_id, "lock_refused", {"leg": "a", "reason": str(error)})
                self._finish(rec, REFUSED)
                return str(error)
            if not deep_enough(found, self._confirmations(offer.chain_a)):
                self._depth[rec.swap_id] = (found.confirmations, self._confirmations(offer.chain_a))
                return f"waiting for confirmations of the lock on {client.chain.name}"
            self.store.append(rec.swap_id, "lock_found", {"leg": "a", "terms": terms_to_json(event.terms),
                                                          "block": event.origin.block_number})
            return "lock A found"
        if chains.a.timestamp > offer.expiry + 2 * LOCK_GRACE_S:
            return self._finish(rec, ABANDONED)
        return "waiting for the initiator's lock on A"

    def _other_swaps(self, rec: SwapRecord) -> list[str]:
        return [swap for swap, _role in self.store.swaps() if swap != rec.swap_id]

    def _expected_a(self, rec: SwapRecord) -> ExpectedLock:
        offer = rec.offer.offer
        return ExpectedLock(offer.chain_a, offer.maker_a, rec.acceptance.acceptance.taker_a, offer.token_a,
                            offer.amount_a, offer.hashlock)  # a version-2 offer names the hash; v1 leaves it to A

    def _search_secret(self, rec: SwapRecord, chains: _Chains) -> bytes | None:
        assert rec.lock_b is not None
        chain_b = rec.offer.offer.chain_b
        if chains.utxo_b is not None:  # from a claim's witness, mined or in the mempool
            if chains.utxo_b.secret is None:
                return None
            found = FoundSecret(chains.utxo_b.secret, "witness")
        else:
            search = self._searches.get(rec.swap_id)
            if search is None:
                search = SecretSearch(self.party.client(chain_b), self.party.contract, self._id(chain_b, rec.lock_b),
                                      rec.lock_b.hashlock, rec.start_block_b)
                self._searches[rec.swap_id] = search
            found_evm = search.find()
            if found_evm is None:
                return None
            found = found_evm
        self.store.append(rec.swap_id, "secret_learned", {"preimage": found.preimage.hex(), "source": found.source})
        return found.preimage

    # --- actions ---------------------------------------------------------------------------------
    def _lock(self, rec: SwapRecord, leg: str, terms: HtlcTerms, chain_id: int) -> str:
        if rec.failed(f"lock_{leg}"):
            return self._finish(rec, ABANDONED)  # the lock reverted: nothing of ours is locked
        if is_utxo_chain(chain_id):
            if rec.succeeded(f"lock_{leg}"):  # mined, and our view of the chain is behind: never fund twice
                return f"waiting for the lock on {self._chain_name(chain_id)} to show"
            return self._send_utxo(rec, f"lock_{leg}", chain_id, terms, lambda: self._utxo(chain_id).fund(terms))
        if terms.token != NATIVE_TOKEN and not rec.succeeded(f"approve_{leg}") \
                and self._allowance(chain_id, terms) < terms.amount:
            data = APPROVE_SELECTOR + encode(["address", "uint256"], [self.party.contract, terms.amount])
            return self._send(rec, f"approve_{leg}", chain_id, terms.sender, terms.token, 0, data)
        data = encode_lock(terms)
        if decode_call(data) != _lock_call(terms):  # what is signed is what was planned (and reviewed)
            raise ReviewedLockMismatchError(swap_id=rec.swap_id)
        return self._send(rec, f"lock_{leg}", chain_id, terms.sender, self.party.contract, lock_value(terms), data)

    def _claim(self, rec: SwapRecord, leg: str, terms: HtlcTerms, chain_id: int, preimage: bytes,
               utxo_state: LegState | None) -> str:
        if utxo_state is not None:
            coin = utxo_state.coin
            assert coin is not None  # LOCKED
            return self._send_utxo(rec, f"claim_{leg}", chain_id, terms,
                                   lambda: self._utxo(chain_id).claim(terms, coin, preimage))
        claimer = terms.recipient
        return self._send(rec, f"claim_{leg}", chain_id, claimer, self.party.contract, 0,
                          encode_claim(self._id(chain_id, terms), preimage))

    def _refund(self, rec: SwapRecord, leg: str, terms: HtlcTerms, chain_id: int,
                utxo_state: LegState | None) -> str:
        if utxo_state is not None:
            coin = utxo_state.coin
            assert coin is not None  # LOCKED
            return self._send_utxo(rec, f"refund_{leg}", chain_id, terms,
                                   lambda: self._utxo(chain_id).refund(terms, coin))
        return self._send(rec, f"refund_{leg}", chain_id, terms.sender, self.party.contract, 0,
                          encode_refund(self._id(chain_id, terms)))

    def _send_utxo(self, rec: SwapRecord, action: str, chain_id: int, terms: HtlcTerms,
                   sign: Callable[[], SignedUtxoTx]) -> str:
        """A UTXO leg's transaction, in the same order as an EVM one: signed, saved, then broadcast."""
        self.party.checkpoint(f"{action}_before_sign")
        signed = sign()
        self.store.append(rec.swap_id, "tx_signed", {"action": action, "chain_id": chain_id, "sender": terms.sender,
                                                     "hash": signed.txid, "raw": signed.raw.hex(), "nonce": -1,
                                                     "fields": None, "block": self._head(chain_id).number})
        self.party.checkpoint(f"{action}_signed")
        refusal = self._utxo(chain_id).broadcast(signed.raw)
        if refusal is not None:
            return f"{action} refused by the node ({refusal}); retried"
        self.store.append(rec.swap_id, "tx_sent", {"hash": signed.txid})
        self.party.checkpoint(f"{action}_sent")
        return f"{action} sent: {signed.txid}"

    def _own_lock_not_shown(self, rec: SwapRecord, chains: _Chains) -> str | None:
        """A UTXO lock of ours recorded as mined that the server does not show as locked, claimed or
        refunded (our verified tip behind its block, a server that hides it): nothing is decided on
        such a view — neither a second lock nor giving up the swap."""
        ours = "a" if rec.role == INITIATOR else "b"
        state = chains.utxo_a if ours == "a" else chains.utxo_b
        if state is not None and state.status is SwapStatus.NONE and rec.succeeded(f"lock_{ours}"):
            return f"waiting for our lock {ours.upper()} to show on the Electrum server"
        return None

    def _settle_utxo(self, rec: SwapRecord, tx: TxAttempt) -> bool:
        """A UTXO leg's saved transaction: mined (True), pending, or broadcast again from its bytes; one
        the node refuses for good (its coins spent by another: the other side's claim, our own
        earlier attempt) is dropped and the step decided again from the chain."""
        terms = rec.lock_a if tx.action.endswith("_a") else rec.lock_b
        assert terms is not None
        leg = self._utxo(tx.chain_id)
        mined = leg.mined(terms, tx.hash)
        if mined:
            self.store.append(rec.swap_id, "tx_mined", {"hash": tx.hash, "ok": True, "block": leg.head().number})
            self.party.checkpoint(f"{tx.action}_mined")
            return True
        if mined is None:
            if not self._still_safe(rec, tx):  # e.g. a claim that would show the secret too late
                self.store.append(rec.swap_id, "tx_dropped", {"hash": tx.hash})
                return True
            refusal = leg.broadcast(bytes.fromhex(tx.raw))
            if refusal is not None:
                if "non-final" in refusal:
                    return False
                self.store.append(rec.swap_id, "tx_dropped", {"hash": tx.hash})
                return True
        if not tx.sent:
            self.store.append(rec.swap_id, "tx_sent", {"hash": tx.hash})
            self.party.checkpoint(f"{tx.action}_sent")
        return False

    def _find_utxo_lock(self, rec: SwapRecord, leg: str, terms: HtlcTerms, min_remaining_s: int) -> str:
        """The counterparty's UTXO lock, at the one script the offer allows: found once funded and
        deep enough, refused when it leaves too little time. A payment below the amount is waited
        past, not refused: anyone who has seen the offer can pay the script a little, and that must
        not end the swap before the counterparty's real funding arrives."""
        chain_id = rec.offer.offer.chain_a if leg == "a" else rec.offer.offer.chain_b
        try:
            funded = self._utxo(chain_id).audit(terms, min_remaining_s, self._confirmations(chain_id))
        except (HtlcNotFundedError, HtlcValueTooLowError):
            return WAITING_FOR_LOCK
        except HtlcTooFewConfirmationsError as too_few:
            found, needed = too_few.params["found"], too_few.params["needed"]
            if isinstance(found, int) and isinstance(needed, int):
                self._depth[rec.swap_id] = (found, needed)
            return f"waiting for confirmations of the lock on {self._utxo(chain_id).chain.name}"
        except LockAuditError as error:
            self.store.append(rec.swap_id, "lock_refused", {"leg": leg, "reason": str(error)})
            if rec.role == PARTICIPANT:
                self._finish(rec, REFUSED)
            return str(error)
        self.store.append(rec.swap_id, "lock_found", {"leg": leg, "terms": terms_to_json(terms),
                                                      "block": funded.height})
        return f"lock {leg.upper()} found"

    def _utxo(self, chain_id: int) -> UtxoLeg:
        if self.party.utxo is None:
            raise UnknownSwapChainError(chain_id=chain_id)
        return self.party.utxo(chain_id)

    def _chain_name(self, chain_id: int) -> str:
        return self._utxo(chain_id).chain.name if is_utxo_chain(chain_id) else self.party.client(chain_id).chain.name

    def _head(self, chain_id: int) -> ChainHead:
        return self._utxo(chain_id).head() if is_utxo_chain(chain_id) else head(self.party.client(chain_id))

    def _refund_allowed(self, chain_id: int, terms: HtlcTerms, now: ChainHead) -> bool:
        """EVM: the latest block's time has reached the timelock. UTXO: the refund is final now
        (median-time-past beyond the locktime), so nodes accept it."""
        return self._utxo(chain_id).refund_ready(terms) if is_utxo_chain(chain_id) \
            else refund_allowed(terms.timelock, now.timestamp)

    def _margin(self, chain_b: int) -> int:
        """T_A − T_B must leave this much: more when B is a UTXO chain, whose refund comes only about
        ``median_time_lag_s`` after T_B (the initiator may claim, revealing the secret, until then)."""
        network = self._utxo(chain_b).verified.client.network if is_utxo_chain(chain_b) else None
        return participant_margin_s(SAFETY_MARGIN_S, network)

    def _send(self, rec: SwapRecord, action: str, chain_id: int, sender: str, to: str, value: int,
              data: bytes) -> str:
        client = self.party.client(chain_id)
        call = {"from": sender, "to": to, "value": hex(value), "data": "0x" + data.hex()}
        try:  # a step that would revert is not sent (it would burn gas); the next poll decides again
            client.request("eth_call", [call, "pending"])
        except RpcRemoteError as error:
            raise SwapTxWouldFailError(action=action, chain=client.chain.name,
                                       reason=revert_reason(error.data)) from None
        estimate = client.request("eth_estimateGas", [call, "pending"], parse=quantity("eth_estimateGas"))
        tx: TxFields = {"chainId": chain_id, "nonce": self._nonce(client, sender), "to": to, "value": value,
                        "data": data, "gas": estimate * GAS_MARGIN_NUM // GAS_MARGIN_DEN,
                        **suggest_fees(client, client.chain).tiers[FeeTier.NORMAL].tx_fields()}
        return self._sign_and_send(rec, action, client, sender, tx)

    def _sign_and_send(self, rec: SwapRecord, action: str, client: ChainClient, sender: str, tx: TxFields,
                       replaces: str | None = None) -> str:
        signer, path = self.party.signer_for(sender)
        self.party.checkpoint(f"{action}_before_sign")
        signed = signer.sign_transaction(path, tx)
        tx_hash, raw = "0x" + signed.hash.hex(), "0x" + signed.raw.hex()
        fields = {k: ("0x" + v.hex() if isinstance(v, bytes) else v) for k, v in tx.items()}
        self.store.append(rec.swap_id, "tx_signed", {"action": action, "chain_id": client.chain.chain_id,
                                                     "sender": sender, "hash": tx_hash, "raw": raw,
                                                     "nonce": int(tx["nonce"]), "fields": fields,
                                                     "block": client.block_number()})
        self._record_tx(rec, TxAttempt(action, client.chain.chain_id, sender, tx_hash, raw, int(tx["nonce"]),
                                       fields), replaces)
        self.party.checkpoint(f"{action}_signed")
        self._broadcast(client, raw)
        self.store.append(rec.swap_id, "tx_sent", {"hash": tx_hash})
        self.party.checkpoint(f"{action}_sent")
        return f"{action} sent: {tx_hash}"

    def _replace_if_stuck(self, rec: SwapRecord, tx: TxAttempt, client: ChainClient) -> None:
        """A transaction still pending ``STUCK_BLOCKS`` blocks after it was signed is signed again with
        the same nonce and higher fees (+12.5 % at least, or today's fast tier): one of the two is mined."""
        if tx.fields is None or client.block_number() - tx.signed_at_block < STUCK_BLOCKS:
            return
        if any(t.nonce == tx.nonce and t.chain_id == tx.chain_id and t.signed_at_block > tx.signed_at_block
               for t in rec.txs):
            return  # already replaced; the newest one is followed
        fields = dict(tx.fields)
        old = Fee(int(fields.get("maxFeePerGas", 0)), int(fields.get("maxPriorityFeePerGas", 0)),
                  int(fields["gasPrice"]) if "gasPrice" in fields else None)
        fee = bumped(old, suggest_fees(client, client.chain).tiers[FeeTier.FAST])
        fee_keys = ("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "type")
        base = {k: v for k, v in fields.items() if k not in fee_keys}
        base["data"] = bytes.fromhex(str(base.get("data", "0x"))[2:])
        self._sign_and_send(rec, tx.action, client, tx.sender, base | fee.tx_fields(), replaces=tx.hash)

    def _record_tx(self, rec: SwapRecord, tx: TxAttempt, replaces: str | None = None) -> None:
        """Put a signed swap transaction in the wallet's transaction table (once): the user's next send
        from this account takes the nonce after it, and History lists it."""
        store = self.party.tx_store
        if store is None or tx.fields is None or store.find(tx.chain_id, tx.hash) is not None:
            return
        chain = self.party.client(tx.chain_id).chain
        to, data = str(tx.fields["to"]), bytes.fromhex(str(tx.fields.get("data", "0x"))[2:])
        leg_action = tx.action.rsplit("_", 1)[0]
        kind = {"approve": "approve", "lock": "htlc_lock", "claim": "htlc_claim", "refund": "htlc_refund"}[leg_action]
        recipient, token, amount = to, None, int(tx.fields.get("value", 0))
        if kind == "approve":
            spender, amount = decode(["address", "uint256"], data[4:])
            recipient, token = to_checksum_address(spender), to
        elif kind == "htlc_lock":
            call = decode_call(data)
            assert isinstance(call, LockCall)
            token, amount = (None if call.token == NATIVE_TOKEN else call.token), call.amount
        symbol, decimals = chain.native.symbol, chain.native.decimals
        if token is not None:
            info = next((t for t in chain.tokens if t.address.lower() == token.lower()), None)
            symbol, decimals = (info.symbol, info.decimals) if info is not None else (token, 0)
        previous = None if replaces is None else store.find(tx.chain_id, replaces)
        store.add(tx.chain_id, tx.hash, tx.sender, tx.nonce, recipient, token, symbol, decimals, amount, kind,
                  tx.fields, tx.raw, replaces=None if previous is None else previous.id,
                  details={"swap_id": rec.swap_id, "action": tx.action})

    def _record_end(self, tx: TxAttempt, status: str, block: int | None = None, fee: int | None = None) -> None:
        """The wallet's table follows the engine: mined, or dropped (given up: nobody may send it again)."""
        store = self.party.tx_store
        found = None if store is None else store.find(tx.chain_id, tx.hash)
        if store is not None and found is not None and found.status == PENDING:
            store.set_status(found.id, status, block, fee)

    def _settle(self, rec: SwapRecord, tx: TxAttempt) -> bool:
        """Follow a saved transaction: True once it is mined or dropped (recorded), False while it is
        pending (broadcast again from its saved bytes if the node does not know it, unless sending it
        now would be unsafe: then it is dropped, and the step is decided again from the chains)."""
        swap = rec.swap_id
        if is_utxo_chain(tx.chain_id):
            return self._settle_utxo(rec, tx)
        client = self.party.client(tx.chain_id)
        receipt = client.request("eth_getTransactionReceipt", [tx.hash], parse=optional_object)
        self._record_tx(rec, tx)  # a crash between saving and recording it: recorded now
        if receipt is not None:
            ok = parse_quantity(receipt.get("status"), "status", client.chain.name) == 1
            block = parse_quantity(receipt.get("blockNumber"), "blockNumber", client.chain.name)
            self.store.append(swap, "tx_mined", {"hash": tx.hash, "ok": ok, "block": block})
            fee = parse_quantity(receipt.get("gasUsed"), "gasUsed", client.chain.name) \
                * parse_quantity(receipt.get("effectiveGasPrice"), "effectiveGasPrice", client.chain.name)
            self._record_end(tx, "confirmed" if ok else "failed", block, fee)
            self.party.checkpoint(f"{tx.action}_mined")
            return True
        if client.request("eth_getTransactionByHash", [tx.hash], parse=optional_object) is not None:
            if tx.sent:
                self._replace_if_stuck(rec, tx, client)
        else:
            mined = client.request("eth_getTransactionCount", [tx.sender, "latest"], parse=quantity("nonce"))
            if mined > tx.nonce or not self._still_safe(rec, tx):
                self.store.append(swap, "tx_dropped", {"hash": tx.hash})
                sibling = any(t.hash != tx.hash and (t.chain_id, t.nonce) == (tx.chain_id, tx.nonce) for t in rec.txs)
                self._record_end(tx, "replaced" if sibling else "dropped")
                return True
            if not self._broadcast(client, tx.raw) and tx.sent:
                self._replace_if_stuck(rec, tx, client)  # refused now (its fee is below the base fee, say)
        if not tx.sent:
            self.store.append(swap, "tx_sent", {"hash": tx.hash})
            self.party.checkpoint(f"{tx.action}_sent")
        return False

    def _still_safe(self, rec: SwapRecord, tx: TxAttempt) -> bool:
        """Whether a saved transaction the node does not know may still be broadcast, by chain time now.
        A claim on B broadcast too late would reveal the secret after the participant may refund B; a
        lock on B whose timelock no longer leaves the margin before T_A would risk the participant's
        coins. (The saved transaction never leaves this wallet then; its nonce goes to the next one.)"""
        offer = rec.offer.offer
        if tx.action == "claim_b" and rec.role == INITIATOR and rec.lock_b is not None:
            return initiator_may_claim(rec.lock_b.timelock, self._head(offer.chain_b).timestamp)
        if tx.action == "lock_b" and rec.lock_a is not None and rec.lock_b is not None:
            return participant_may_lock(rec.lock_a.timelock, self._head(offer.chain_a).timestamp,
                                        rec.lock_b.timelock, self._head(offer.chain_b).timestamp,
                                        self._margin(offer.chain_b))
        return True

    def _broadcast(self, client: ChainClient, raw: str) -> bool:
        """False if the node refused it: "already known" or "nonce too low" after a crash (the next
        settle reads where it went), or a fee below today's base fee (then it is replaced)."""
        try:
            client.request("eth_sendRawTransaction", [raw])
        except RpcRemoteError:
            return False
        return True

    def _finish(self, rec: SwapRecord, outcome: str) -> str:
        self.store.append(rec.swap_id, "finished", {"outcome": outcome})
        self._searches.pop(rec.swap_id, None)
        return outcome

    # --- reading ---------------------------------------------------------------------------------
    def _look(self, rec: SwapRecord) -> _Chains:
        offer = rec.offer.offer
        head_a, head_b = self._head(offer.chain_a), self._head(offer.chain_b)  # first: a UTXO leg's proofs need them
        utxo = {leg: self._utxo(chain).state(terms) if is_utxo_chain(chain) and terms is not None else None
                for leg, chain, terms in (("a", offer.chain_a, rec.lock_a), ("b", offer.chain_b, rec.lock_b))}

        def status(chain_id: int, terms: HtlcTerms | None, state: LegState | None) -> SwapStatus:
            if state is not None:
                return state.status
            return SwapStatus.NONE if is_utxo_chain(chain_id) else self._status(self.party.client(chain_id), terms)

        return _Chains(head_a, head_b,
                       status(offer.chain_a, rec.lock_a, utxo["a"]), status(offer.chain_b, rec.lock_b, utxo["b"]),
                       utxo["a"], utxo["b"])

    def _status(self, client: ChainClient, terms: HtlcTerms | None) -> SwapStatus:
        if terms is None:
            return SwapStatus.NONE
        return read_swap(client, self.party.contract, self._id(client.chain.chain_id, terms)).status

    def _id(self, chain_id: int, terms: HtlcTerms) -> bytes:
        return swap_id(chain_id, self.party.contract, terms)

    def _confirmations(self, chain_id: int) -> int:
        if is_utxo_chain(chain_id):
            chain = self._utxo(chain_id).chain
            return utxo_confirmations(chain_id, chain.coin, chain.kind == "regtest", self.party.confirmations)
        chain_evm = self.party.client(chain_id).chain
        return required_confirmations(chain_id, chain_evm.devnet, self.party.confirmations)

    def _nonce(self, client: ChainClient, sender: str) -> int:
        """The node's pending count, or after the wallet's own pending sends from this account if the
        node lags behind them: swaps and the user's sends share one nonce sequence."""
        chain_view = client.request("eth_getTransactionCount", [sender, "pending"], parse=quantity("nonce"))
        ours = None if self.party.tx_store is None else \
            self.party.tx_store.highest_pending_nonce(client.chain.chain_id, sender)
        return chain_view if ours is None else max(chain_view, ours + 1)

    def _allowance(self, chain_id: int, terms: HtlcTerms) -> int:
        data = ALLOWANCE_SELECTOR + encode(["address", "address"], [terms.sender, self.party.contract])
        raw = eth_call(self.party.client(chain_id), terms.token, data)
        return int.from_bytes(raw[:32], "big") if len(raw) >= 32 else 0

    def _create_secret(self, rec: SwapRecord) -> bytes:
        offer = rec.offer.offer
        signer, path = self.party.signer_for(offer.signer)
        key = sealing_key(signer, path)
        secret = new_secret() if offer.hashlock is None else offer_secret(key, offer.nonce)
        hashlock = hashlock_of(secret)
        if offer.hashlock is not None and hashlock != offer.hashlock:
            raise SecretUnreadableError()  # the offer's hash is not one this wallet made
        sealed = seal(secret, key, rec.swap_id)
        self.store.append(rec.swap_id, "secret_created", {"hashlock": hashlock.hex(), "sealed": sealed})
        return hashlock

    def _secret(self, rec: SwapRecord) -> bytes:
        assert rec.sealed_secret is not None
        signer, path = self.party.signer_for(rec.offer.offer.signer)
        return unseal(rec.sealed_secret, sealing_key(signer, path), rec.swap_id)

    def _check_reserves(self, rec: SwapRecord, lock_leg: str) -> None:
        """Coin on both chains for a later claim or refund at a pessimistic fee (plus, on the lock's
        chain, the coin locked and the lock's own fee)."""
        offer, taker = rec.offer.offer, rec.acceptance.acceptance
        ours = {"a": (offer.chain_a, offer.maker_a if rec.role == INITIATOR else taker.taker_a),
                "b": (offer.chain_b, offer.maker_b if rec.role == INITIATOR else taker.taker_b)}
        for leg, (chain_id, address) in ours.items():
            if is_utxo_chain(chain_id):
                continue  # its claim and refund pay their fee from the contract; its lock from the account
            client = self.party.client(chain_id)
            fast = suggest_fees(client, client.chain).tiers[FeeTier.FAST].worst_case_per_gas
            needed = fee_reserve(fast) * (2 if leg == lock_leg else 1)  # the lock itself, then claim or refund
            if leg == lock_leg:
                token, amount = (offer.token_a, offer.amount_a) if leg == "a" else (offer.token_b, offer.amount_b)
                needed += amount if token == NATIVE_TOKEN else 0
            held = client.request("eth_getBalance", [address, "pending"], parse=quantity("balance"))
            if held < needed:
                decimals = client.chain.native.decimals
                raise FeeReserveError(address=address, needed=_units(needed, decimals), held=_units(held, decimals),
                                      symbol=client.chain.native.symbol, chain=client.chain.name)


def _lock_call(terms: HtlcTerms) -> LockCall:
    """The decoded call of a lock of ``terms`` (``decode_call`` of its calldata)."""
    call = decode_call(encode_lock(terms))
    assert isinstance(call, LockCall)
    return call


def _depth(chain: ChainHead, block: int | None) -> int:
    return 0 if block is None else max(chain.number - block + 1, 0)


def _units(raw: int, decimals: int) -> str:
    whole, fraction = divmod(raw, 10**decimals)
    return f"{whole}.{str(fraction).rjust(decimals, '0')[:6]}"


def describe(record: SwapRecord) -> dict[str, Any]:
    """The swap for a person or a script: role, outcome, both locks with "claimable until" (the
    lock's timelock, in that chain's time, shown in UTC) and "refundable at": the same instant on an
    EVM chain; on a UTXO chain when a refund is expected to become final, about ``median_time_lag_s``
    later (median-time-past must pass the locktime)."""
    def lock(terms: HtlcTerms | None, chain_number: int) -> dict[str, Any] | None:
        if terms is None:
            return None
        timing = utxo_timing(chain_number)
        refund = terms.timelock + (median_time_lag_s(timing) if timing is not None else 0)
        return {**terms_to_json(terms), "claimable_until": datetime.fromtimestamp(terms.timelock, UTC).isoformat(),
                "refundable_at": datetime.fromtimestamp(refund, UTC).isoformat()}

    offer = record.offer.offer
    return {"swap": record.swap_id, "role": record.role, "outcome": record.outcome, "refusal": record.refusal,
            "lock_a": lock(record.lock_a, offer.chain_a), "lock_b": lock(record.lock_b, offer.chain_b),
            "transactions": [{"action": t.action, "chain_id": t.chain_id, "hash": t.hash, "result": t.result}
                             for t in record.txs]}
