"""The Atomic swap page's service: create, check and accept offers, start swaps from acceptances,
step the engine, and describe each swap as a person reads it (current step, what comes next, the
two timelocks). Qt-free and blocking: the page calls it from its task runner.

Offers this wallet makes are kept in the same folder as the command line's (``swap-offers`` in the
data directory), so an acceptance of an offer made in either one can start the swap in the other.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from wallet.accounts.model import Account
from wallet.accounts.signer import Signer
from wallet.chains.amounts import format_units
from wallet.chains.fees import FeeTier, suggest_fees
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.dex.atomic.htlc_calls import LockCall, decode_call, encode_lock
from wallet.dex.atomic.htlc_deployment import verify_code
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms
from wallet.dex.atomic.swap_engine import AWAITING_REVIEW, StepReport, SwapEngine, SwapParty
from wallet.dex.atomic.swap_errors import (
    AcceptanceMismatchError,
    SwapAccountMissingError,
    UnknownOfferError,
    UnknownSwapChainError,
)
from wallet.dex.atomic.swap_offer import (
    Acceptance,
    Offer,
    SignedOffer,
    parse_acceptance,
    parse_offer,
    sign_acceptance,
    sign_offer,
)
from wallet.dex.atomic.swap_protocol import PESSIMISTIC_HTLC_GAS, initiator_timelock, participant_timelock
from wallet.dex.atomic.swap_state import INITIATOR, PARTICIPANT, SwapRecord
from wallet.dex.atomic.swap_watch import head
from wallet.paths import data_dir, database_path
from wallet.services.network import NetworkService
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.store.swaps import SwapStore
from wallet.store.transactions import TransactionStore

OFFERS_DIR = "swap-offers"  # shared with ``python -m wallet.dex.atomic``


@dataclass(frozen=True)
class Leg:
    chain: str
    chain_id: int
    symbol: str
    amount: str  # in whole units
    locked_by: str  # the address that locks this leg
    paid_to: str  # the address that can claim it
    fee: str  # a pessimistic cost of one HTLC call on this chain, in its coin ("" when unknown)
    fee_symbol: str


@dataclass(frozen=True)
class OfferReview:
    """An offer, verified (signature, known chains, not expired by chain A's clock) and decoded."""

    offer: SignedOffer
    maker_gives: Leg  # on chain A, locked by the maker
    maker_gets: Leg  # on chain B, locked by the taker
    expiry: int  # unix seconds (chain A time)
    timelock_a: int  # if the swap started now: when the maker's lock becomes refundable
    timelock_b: int  # and the taker's
    lock_b: LockCall  # the taker's lock as the engine will make it (its hashlock: the maker's, zero until known)
    contract: str  # the swap contract on chain B, its code verified


@dataclass(frozen=True)
class LockReview:
    """The maker's lock as it will be signed: the decoded call (``htlc_calls.decode_call``) of the exact
    calldata the engine holds, to a contract whose code was just verified."""

    swap_id: str
    chain: str
    contract: str  # the swap contract (HTLC_ADDRESS), its runtime code verified
    function: str  # "lock"
    call: LockCall
    symbol: str  # of ``call.token`` (its address when the wallet does not know it)
    amount: str  # ``call.amount`` in whole units
    value: str  # the coin the transaction itself carries, in whole units
    native_symbol: str


class Phase(StrEnum):
    """Where a swap is, for a person (the page words each one)."""

    LOCKING_A = "locking_a"
    WAITING_LOCK_A = "waiting_lock_a"
    LOCKING_B = "locking_b"
    WAITING_LOCK_B = "waiting_lock_b"
    CLAIMING_B = "claiming_b"
    WAITING_CLAIM_B = "waiting_claim_b"
    WAITING_CLAIM_A = "waiting_claim_a"
    CLAIMING_A = "claiming_a"
    REFUNDING = "refunding"
    COMPLETED = "completed"
    REFUNDED = "refunded"
    REFUSED = "refused"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class SwapRow:
    swap_id: str
    role: str
    gives: str  # "2 ETH on Devnet A"
    gets: str
    phase: Phase
    refundable_at: int | None  # our own lock's timelock
    claimable_until: int | None  # the counterparty's lock's timelock (we must claim before it)
    refusal: str | None
    finished: bool


class AtomicSwapService:
    def __init__(self, network: NetworkService, accounts: AccountStore, transactions: TransactionStore,
                 signer_for: Callable[[Account], tuple[Signer, str | None]]) -> None:
        self.network = network
        self.accounts = accounts
        self._signer_for_account = signer_for
        self.engine = SwapEngine(SwapStore(connect(database_path())),
                                 SwapParty(self.client, self.signer_for, transactions, review_locks=True))

    # --- chains and keys -------------------------------------------------------------------------
    def chain(self, chain_id: int) -> Chain:
        chain = next((c for c in self.network.chains() if c.chain_id == chain_id), None)
        if chain is None:
            raise UnknownSwapChainError(chain_id=chain_id)
        return chain

    def client(self, chain_id: int) -> ChainClient:
        return self.network.client(self.chain(chain_id))

    def known_chain(self, chain_id: int) -> bool:
        return any(c.chain_id == chain_id for c in self.network.chains())

    def signer_for(self, address: str) -> tuple[Signer, str | None]:
        account = next((a for a in self.accounts.all() if a.address.lower() == address.lower()), None)
        if account is None:
            raise SwapAccountMissingError(address=address)
        return self._signer_for_account(account)

    # --- offers ----------------------------------------------------------------------------------
    def create_offer(self, address: str, chain_a: int, token_a: str, amount_a: int, chain_b: int, token_b: str,
                     amount_b: int, expires_in_s: int) -> SignedOffer:
        """Sign an offer with ``address`` (it locks on A and receives on B) and keep it for its acceptance."""
        now = head(self.client(chain_a)).timestamp
        self.chain(chain_b)
        offer = Offer(chain_a, token_a, amount_a, address, chain_b, token_b, amount_b, address, now + expires_in_s,
                      secrets.randbits(128))
        signer, path = self.signer_for(address)
        signed = sign_offer(offer, signer, path)
        folder = data_dir() / OFFERS_DIR
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        (folder / f"0x{signed.offer_id.hex()}.txt").write_text(signed.text() + "\n", encoding="ascii")
        return signed

    def review(self, text: str) -> OfferReview:
        """Check an offer (raises the typed error a person reads) and decode both legs."""
        unverified = parse_offer(text, self.known_chain, None)
        now_a = head(self.client(unverified.offer.chain_a)).timestamp
        signed = parse_offer(text, self.known_chain, now_a)
        offer = signed.offer
        now_b = head(self.client(offer.chain_b)).timestamp
        timelock_a = initiator_timelock(now_a)
        timelock_b = participant_timelock(timelock_a, now_a, now_b)
        contract = self.engine.party.contract
        verify_code(self.client(offer.chain_b), contract)
        # The engine's lock B: these terms, the hashlock taken from the maker's lock (unknown yet). The
        # calldata does not carry the sender (the contract takes it from the transaction).
        call = decode_call(encode_lock(HtlcTerms(offer.maker_b, offer.maker_b, offer.token_b, offer.amount_b,
                                                 bytes(32), timelock_b)))
        assert isinstance(call, LockCall)
        return OfferReview(signed, self._leg(offer.chain_a, offer.token_a, offer.amount_a, offer.maker_a, ""),
                           self._leg(offer.chain_b, offer.token_b, offer.amount_b, "", offer.maker_b),
                           offer.expiry, timelock_a, timelock_b, call, contract)

    def accept(self, review: OfferReview, address: str) -> str:
        """Accept with ``address`` (it locks on B, receives on A), start the swap as participant, and
        return the acceptance text for the maker. Checks the offer again (it may have expired)."""
        signed = self.review(review.offer.text()).offer
        signer, path = self.signer_for(address)
        acceptance = sign_acceptance(Acceptance(signed.offer_id, address, address), signed.offer, signer, path)
        self.engine.begin(PARTICIPANT, signed, acceptance)
        return acceptance.text()

    def start(self, acceptance_text: str) -> LockReview:
        """The maker's side: the acceptance of one of this wallet's offers starts the swap, its lock
        reviewed: nothing is locked until the user confirms it (``confirm_lock``); ``decline_lock`` ends it."""
        text = acceptance_text.strip()
        for path in sorted((data_dir() / OFFERS_DIR).glob("*.txt")):
            offer = parse_offer(path.read_text(encoding="ascii"), self.known_chain, None)
            try:
                acceptance = parse_acceptance(text, offer)
            except AcceptanceMismatchError:
                continue
            swap = self.engine.begin(INITIATOR, offer, acceptance)
            return self.lock_review(swap)
        raise UnknownOfferError()

    def lock_review(self, swap_id: str) -> LockReview:
        """The maker's lock of ``swap_id`` as it would be signed if approved now."""
        call = self.engine.preview_lock(swap_id)
        chain_id = self.engine.record(swap_id).offer.offer.chain_a
        chain, contract = self.chain(chain_id), self.engine.party.contract
        verify_code(self.client(chain_id), contract)
        symbol, amount = self._symbol_amount(chain, call.token, call.amount)
        value = format_units(call.amount if call.token == NATIVE_TOKEN else 0, chain.native.decimals)
        return LockReview(swap_id, chain.name, contract, "lock", call, symbol, amount, value, chain.native.symbol)

    def confirm_lock(self, review: LockReview) -> None:
        self.engine.approve_lock(review.swap_id, review.call)

    def decline_lock(self, review: LockReview) -> None:
        self.engine.abandon(review.swap_id)

    # --- swaps -----------------------------------------------------------------------------------
    def step(self, swap_id: str) -> StepReport:
        return self.engine.step(swap_id)

    @staticmethod
    def needs_review(report: StepReport) -> bool:
        """The swap waits for the user to review its lock (``lock_review``, then ``confirm_lock``)."""
        return report.state == AWAITING_REVIEW

    def unfinished(self) -> list[str]:
        return self.engine.unfinished()

    def rows(self) -> list[SwapRow]:
        rows = []
        for swap_id, _role in self.engine.store.swaps():
            record = self.engine.record(swap_id)
            offer = record.offer.offer
            gives = self._amount(offer.chain_a, offer.token_a, offer.amount_a)
            gets = self._amount(offer.chain_b, offer.token_b, offer.amount_b)
            ours, theirs = (record.lock_a, record.lock_b) if record.role == INITIATOR else \
                (record.lock_b, record.lock_a)
            rows.append(SwapRow(swap_id, record.role, *((gives, gets) if record.role == INITIATOR else (gets, gives)),
                                phase(record), None if ours is None else ours.timelock,
                                None if theirs is None else theirs.timelock, record.refusal,
                                record.outcome is not None))
        return rows

    # --- helpers ---------------------------------------------------------------------------------
    def _leg(self, chain_id: int, token: str, amount: int, locked_by: str, paid_to: str) -> Leg:
        chain = self.chain(chain_id)
        try:
            client = self.client(chain_id)
            fee = format_units(suggest_fees(client, chain).tiers[FeeTier.FAST].worst_case_per_gas
                               * PESSIMISTIC_HTLC_GAS, chain.native.decimals, 6)
        except Exception:
            fee = ""
        symbol, whole = self._symbol_amount(chain, token, amount)
        return Leg(chain.name, chain_id, symbol, whole, locked_by, paid_to, fee, chain.native.symbol)

    def _amount(self, chain_id: int, token: str, amount: int) -> str:
        chain = next((c for c in self.network.chains() if c.chain_id == chain_id), None)
        if chain is None:
            return f"{amount} @ {chain_id}"
        symbol, whole = self._symbol_amount(chain, token, amount)
        return f"{whole} {symbol} · {chain.name}"

    @staticmethod
    def _symbol_amount(chain: Chain, token: str, amount: int) -> tuple[str, str]:
        if token == NATIVE_TOKEN:
            return chain.native.symbol, format_units(amount, chain.native.decimals)
        info = next((t for t in chain.tokens if t.address.lower() == token.lower()), None)
        if info is None:
            return token, str(amount)  # an unknown token: its address and the raw amount
        return info.symbol, format_units(amount, info.decimals)


def phase(record: SwapRecord) -> Phase:
    """The swap's current step, from its saved record."""
    if record.outcome is not None:
        return Phase(record.outcome)
    if any(tx.action.startswith("refund") for tx in record.txs):
        return Phase.REFUNDING
    if record.role == INITIATOR:
        if not record.succeeded("lock_a"):
            return Phase.LOCKING_A
        if record.lock_b is None:
            return Phase.WAITING_LOCK_B
        return Phase.WAITING_CLAIM_A if record.succeeded("claim_b") else Phase.CLAIMING_B
    if record.lock_a is None:
        return Phase.WAITING_LOCK_A
    if not record.succeeded("lock_b"):
        return Phase.LOCKING_B
    return Phase.CLAIMING_A if record.preimage is not None else Phase.WAITING_CLAIM_B
