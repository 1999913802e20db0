"""The Atomic swap page's service: create, check and accept offers, start swaps from acceptances,
step the engine, and describe each swap as a person reads it (current step, what comes next, the
two timelocks). Qt-free and blocking: the page calls it from its task runner.

Offers this wallet makes are kept in the same folder as the command line's (``swap-offers`` in the
data directory), so an acceptance of an offer made in either one can start the swap in the other.

A leg may be on a Bitcoin-family chain: those of the app's Bitcoin & Litecoin accounts that have
Electrum servers (``UtxoWalletService.chains``: the registry's mainnets, the playground's Litecoin
regtest while it runs). On such a leg the wallet names, pays from and is paid to the BIP-84 account
of its recovery phrase (``swap_parties.UtxoLegs``), so only a hot account of this wallet can make or
take the offer: hardware and offline accounts cannot sign Bitcoin-family transactions yet. The
engine's Bitcoin-family clients are not shared between threads: every call that may reach them holds
the service's lock.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from wallet.accounts.model import Account
from wallet.accounts.signer import Signer
from wallet.chains.amounts import format_units
from wallet.chains.fees import FeeTier, suggest_fees
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.dex.atomic.htlc_calls import LockCall, decode_call, encode_lock
from wallet.dex.atomic.htlc_deployment import verify_code
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms
from wallet.dex.atomic.swap_chains import is_utxo_chain, pkh_address, utxo_chain_number
from wallet.dex.atomic.swap_engine import AWAITING_REVIEW, LockNotReviewableError, StepReport, SwapEngine, SwapParty
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
    acceptance_signer,
    parse_acceptance,
    parse_offer,
    sign_acceptance,
    sign_offer,
)
from wallet.dex.atomic.swap_parties import UtxoLegs, party_field, payee, phrase_account, with_hashlock
from wallet.dex.atomic.swap_protocol import (
    PESSIMISTIC_HTLC_GAS,
    initiator_timelock,
    participant_timelock,
    utxo_timelock_a,
    utxo_timelock_b,
)
from wallet.dex.atomic.swap_state import INITIATOR, PARTICIPANT, SwapRecord
from wallet.dex.atomic.swap_watch import ChainHead, head
from wallet.dex.atomic.utxo_htlc import htlc_address, median_time_lag_s
from wallet.dex.atomic.utxo_leg import SWAP_KEY, contract_of
from wallet.errors import WalletError
from wallet.paths import data_dir, database_path
from wallet.services.network import NetworkService
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.store.swaps import SwapStore
from wallet.store.transactions import TransactionStore
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.electrum_client import ElectrumServer, default_certificate_pins
from wallet.utxo.registry import UtxoChain
from wallet.utxo.spend import InsufficientFundsError

if TYPE_CHECKING:
    from wallet.services.hot_wallet import HotWalletService
    from wallet.services.utxo_wallet import UtxoWalletService

OFFERS_DIR = "swap-offers"  # shared with ``python -m wallet.dex.atomic``


class UtxoLegNeedsHotAccountError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{name} cannot swap with a {chain} leg: hardware and offline accounts cannot sign "
        "Bitcoin or Litecoin yet. Choose an account of this wallet's recovery phrase.")


class UtxoChainWithoutServerError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This offer has a leg on {chain}, and this wallet has no Electrum server for it: it can neither "
        "check nor make that leg. Nothing was signed.")


class SwapChainOfflineError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{chain} is not available now (the playground's chains stop with the playground): this swap "
        "waits, and goes on by itself once the chain is back. Its timelocks keep running.")


class SwapChainIdOfflineError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Chain {chain_id} is not available now (the playground's chains stop with the playground): this "
        "swap waits, and goes on by itself once the chain is back. Its timelocks keep running.")


class SwapStartedAlreadyError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The swap of this acceptance ({swap_id}) has started already: it is in the list below.")


class OfferTakenByAnotherError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This acceptance is from another taker: your offer's swap ({swap_id}) runs with the acceptance "
        "you started it with, since an offer is swapped once. Nothing was locked for this one.")


class UtxoFundsTooLowError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Your {chain} account holds {available} {symbol}, and this swap locks {needed} {symbol} plus "
        "the network fee there: pay coins to it on the Bitcoin & Litecoin page first. Nothing was accepted.")


class UtxoLockUnpaidError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Your {chain} account cannot pay this swap's lock: {needed} {symbol} is needed with the network "
        "fee, and it can spend {available} {symbol}. Pay coins to it on the Bitcoin & Litecoin page; the swap locks "
        "as soon as it can.")


class OwnOfferError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This is your own offer: send it to the other party, and start the swap with the acceptance "
        "they send back.")


class OfferAlreadySwappedError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "You took this offer already, and that swap ({swap_id}) has ended: an offer is swapped once.")


@dataclass(frozen=True)
class Leg:
    chain: str
    chain_id: int  # the offer's chain number (a UTXO chain's is ``utxo_chain_number``)
    symbol: str
    amount: str  # in whole units
    locked_by: str  # the address that locks this leg (a UTXO leg's: the party's P2WPKH address)
    paid_to: str  # the address that can claim it
    fee: str  # a pessimistic cost of one HTLC call on this chain, in its coin ("" when unknown)
    fee_symbol: str
    utxo: bool = False


@dataclass(frozen=True)
class UtxoLock:
    """A lock on a Bitcoin-family chain: a payment to the P2WSH address of the swap script, claimed
    with the secret by ``recipient`` or refunded to ``refund_to`` once the chain's median-time-past
    has passed ``locktime`` (about ``refund_lag_s`` after the clock has)."""

    address: str  # "" while the script is not known yet (it needs the maker's timelock)
    recipient: str
    refund_to: str
    locktime: int
    refund_lag_s: int


@dataclass(frozen=True)
class OfferReview:
    """An offer, verified (signature, known chains, not expired by chain A's clock) and decoded."""

    offer: SignedOffer
    maker_gives: Leg  # on chain A, locked by the maker
    maker_gets: Leg  # on chain B, locked by the taker
    expiry: int  # unix seconds (chain A time)
    timelock_a: int  # if the swap started now: when the maker's lock becomes refundable
    timelock_b: int  # and the taker's
    lock_b: LockCall | None  # the taker's EVM lock as the engine will make it (its hashlock: the maker's,
    # zero until known); None on a UTXO chain B
    contract: str  # the swap contract on chain B, its code verified ("" on a UTXO chain)
    utxo_b: UtxoLock | None = None  # the taker's UTXO lock (its address known once the maker has locked)
    accepted: str | None = None  # our acceptance, when this wallet took the offer already (the swap runs)
    own_utxo_address: str | None = None  # ours on the UTXO leg (paid there, or refunded there); None while locked


@dataclass(frozen=True)
class LockReview:
    """The maker's lock as it will be signed: the decoded call (``htlc_calls.decode_call``) of the exact
    calldata the engine holds, to a contract whose code was just verified."""

    swap_id: str
    chain: str
    contract: str  # the swap contract (HTLC_ADDRESS), its runtime code verified; a UTXO lock's P2WSH address
    function: str  # "lock"
    call: LockCall  # what ``approve_lock`` is given (on a UTXO chain: the terms of the script)
    symbol: str  # of ``call.token`` (its address when the wallet does not know it)
    amount: str  # ``call.amount`` in whole units
    value: str  # the coin the transaction itself carries, in whole units
    native_symbol: str
    utxo: UtxoLock | None = None  # set for a lock on a Bitcoin-family chain


class Phase(StrEnum):
    """Where a swap is, for a person (the page words each one)."""

    REVIEWING_A = "reviewing_a"  # the maker's lock waits for the user's review
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
    MISSED = "missed"


@dataclass(frozen=True)
class SwapTx:
    action: str  # "lock_a", "claim_b", "refund_a", "approve_b" ...
    chain: str
    txid: str
    url: str | None  # on the chain's explorer, when it has one


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
    txs: tuple[SwapTx, ...] = ()
    refund_lag_s: int = 0  # our lock is on a Bitcoin-family chain: its refund is accepted about this much later


class AtomicSwapService:
    def __init__(self, network: NetworkService, accounts: AccountStore, transactions: TransactionStore,
                 signer_for: Callable[[Account], tuple[Signer, str | None]],
                 utxo_wallet: UtxoWalletService | None = None,
                 hot_wallet: Callable[[], HotWalletService] | None = None) -> None:
        """``utxo_wallet`` gives the Bitcoin-family chains and their servers, ``hot_wallet`` the recovery
        phrase's keys on them; without both, only EVM chains are offered. The data directory is read
        once, here."""
        self.network = network
        self.accounts = accounts
        self.language = "en"  # chain names in what the service describes (the page sets its own)
        self._seen: dict[int, Chain] = {}  # EVM chains by id as last seen (``_evm_chain``)
        self._signer_for_account = signer_for
        self._utxo_wallet = utxo_wallet
        self._hot_wallet = hot_wallet
        self._offers = data_dir() / OFFERS_DIR
        self._lock = threading.RLock()
        self.utxo = UtxoLegs(self.utxo_chains, self._utxo_servers, self._phrase_root, self._unlocked,
                             pins=default_certificate_pins() if utxo_wallet is not None else None)
        self.engine = SwapEngine(SwapStore(connect(database_path())),
                                 SwapParty(self.client, self.signer_for, transactions, review_locks=True,
                                           utxo=self.utxo))

    def close(self) -> None:
        """Closes the Bitcoin-family connections (the app's shutdown)."""
        with self._lock:
            self.utxo.close()

    # --- chains and keys -------------------------------------------------------------------------
    def utxo_chains(self) -> list[UtxoChain]:
        """The Bitcoin-family chains a leg can be on: a server each, and an offer chain number."""
        if self._utxo_wallet is None or self._hot_wallet is None:
            return []
        return [c for c in self._utxo_wallet.chains() if c.coin in ("BTC", "LTC") and c.network is not None]

    def swap_address(self, chain_number: int) -> str:
        """This wallet's address on a UTXO leg (the one an offer names; claims and refunds pay it)."""
        with self._lock:
            return self.utxo(chain_number).account.address(*SWAP_KEY)

    def known_swap_address(self, chain_number: int) -> str | None:
        """``swap_address`` without the keys when it can be: from the recovery phrase's Bitcoin &
        Litecoin account once stored (its public key), else from the keys while the wallet is unlocked;
        None while it is locked."""
        chain = self.utxo.chain(chain_number)
        phrase = phrase_account(self.accounts.all(), chain.name)
        if self._utxo_wallet is not None:
            for account in self._utxo_wallet.accounts(chain.key):
                if account.hot and account.record.secret_id == phrase.secret_id:
                    return account.keys.address(*SWAP_KEY)
        return self.swap_address(chain_number) if self._unlocked() else None

    def head(self, chain_number: int) -> ChainHead:
        if is_utxo_chain(chain_number):
            with self._lock:
                return self.utxo.head(chain_number)
        return head(self.client(chain_number))

    def chain(self, chain_id: int) -> Chain:
        chain = next((c for c in self.network.chains() if c.chain_id == chain_id), None)
        if chain is None:
            raise UnknownSwapChainError(chain_id=chain_id)
        self._seen[chain_id] = chain
        return chain

    def _evm_chain(self, chain_id: int) -> Chain | None:
        """An EVM chain by id, also one gone since it was last seen (the playground's, stopped): the
        swap list and its messages keep naming it."""
        try:
            return self.chain(chain_id)
        except UnknownSwapChainError:
            return self._seen.get(chain_id)

    def client(self, chain_id: int) -> ChainClient:
        return self.network.client(self.chain(chain_id))

    def known_chain(self, chain_id: int) -> bool:
        if is_utxo_chain(chain_id):
            return self.utxo.known(chain_id)
        return any(c.chain_id == chain_id for c in self.network.chains())

    def signer_for(self, address: str) -> tuple[Signer, str | None]:
        account = next((a for a in self.accounts.all() if a.address.lower() == address.lower()), None)
        if account is None:
            raise SwapAccountMissingError(address=address)
        return self._signer_for_account(account)

    def check_account(self, address: str, chain_a: int, chain_b: int) -> None:
        """A leg on a UTXO chain is signed with the recovery phrase's keys: refused for an account that
        is not hot (``UtxoLegNeedsHotAccountError``)."""
        utxo = next((c for c in (chain_a, chain_b) if is_utxo_chain(c)), None)
        account = next((a for a in self.accounts.all() if a.address.lower() == address.lower()), None)
        if utxo is not None and account is not None and not account.kind.is_hot:
            raise UtxoLegNeedsHotAccountError(name=account.name, chain=self.utxo.chain(utxo).name)

    def _utxo_servers(self, chain: UtxoChain) -> Sequence[ElectrumServer]:
        assert self._utxo_wallet is not None  # no chain is usable without it
        return self._utxo_wallet.servers(chain)

    def _phrase_root(self, chain: UtxoChain) -> Any:
        assert self._hot_wallet is not None  # no chain is usable without it
        hot = self._hot_wallet()
        return hot.utxo_root(phrase_account(hot.accounts.all(), chain.name))  # SignerLockedError when locked

    def _unlocked(self) -> bool:
        return self._hot_wallet is not None and self._hot_wallet().is_unlocked

    # --- offers ----------------------------------------------------------------------------------
    def create_offer(self, address: str, chain_a: int, token_a: str, amount_a: int, chain_b: int, token_b: str,
                     amount_b: int, expires_in_s: int) -> SignedOffer:
        """Sign an offer with ``address`` (it locks on A and receives on B; on a UTXO leg, this wallet's
        swap key does) and keep it for its acceptance."""
        self.check_account(address, chain_a, chain_b)
        with self._lock:
            for chain_id in (chain_a, chain_b):
                if not self.known_chain(chain_id):
                    raise UnknownSwapChainError(chain_id=chain_id)
            now = self.head(chain_a).timestamp
            offer = Offer(chain_a, token_a, amount_a, party_field(chain_a, address, self.utxo), chain_b, token_b,
                          amount_b, party_field(chain_b, address, self.utxo), now + expires_in_s,
                          secrets.randbits(128))
        signer, path = self.signer_for(address)
        signed = sign_offer(with_hashlock(offer, signer, path), signer, path)
        self._offers.mkdir(mode=0o700, parents=True, exist_ok=True)
        (self._offers / f"0x{signed.offer_id.hex()}.txt").write_text(signed.text() + "\n", encoding="ascii")
        return signed

    def review(self, text: str) -> OfferReview:
        """Check an offer (raises the typed error a person reads) and decode both legs."""
        try:
            unverified = parse_offer(text, self.known_chain, None)
            now_a = self.head(unverified.offer.chain_a).timestamp
            signed = parse_offer(text, self.known_chain, now_a)
        except UnknownSwapChainError as error:
            raise self._without_server(error, UtxoChainWithoutServerError) from None
        offer = signed.offer
        accepted = self._accepted(signed)
        utxo_leg = next((c for c in (offer.chain_a, offer.chain_b) if is_utxo_chain(c)), None)
        own = None if utxo_leg is None else self._own_utxo_address(utxo_leg)
        now_b = self.head(offer.chain_b).timestamp
        # As the engine times the locks: a UTXO lock's timelock follows from the offer, so the other
        # party can find its script.
        timelock_a = utxo_timelock_a(offer.expiry) if is_utxo_chain(offer.chain_a) else initiator_timelock(now_a)
        gives = self._leg(offer.chain_a, offer.token_a, offer.amount_a, self._payee(offer.chain_a, offer.maker_a), "")
        gets = self._leg(offer.chain_b, offer.token_b, offer.amount_b, "", self._payee(offer.chain_b, offer.maker_b))
        if is_utxo_chain(offer.chain_b):
            timelock_b = utxo_timelock_b(timelock_a)
            chain_b = self.utxo.chain(offer.chain_b)
            assert chain_b.network is not None  # ``utxo.chain`` checked it
            # The script needs the maker's timelock (an EVM lock's is set when it is made): its address
            # is known once the maker has locked; the engine audits that lock before paying it.
            utxo_b = UtxoLock("", gets.paid_to, "", timelock_b, median_time_lag_s(chain_b.network))
            return OfferReview(signed, gives, gets, offer.expiry, timelock_a, timelock_b, None, "", utxo_b, accepted,
                               own)
        timelock_b = participant_timelock(timelock_a, now_a, now_b)
        contract = self.engine.party.contract
        verify_code(self.client(offer.chain_b), contract)
        # The engine's lock B: these terms, the hashlock taken from the maker's lock (unknown yet). The
        # calldata does not carry the sender (the contract takes it from the transaction).
        call = decode_call(encode_lock(HtlcTerms(offer.maker_b, offer.maker_b, offer.token_b, offer.amount_b,
                                                 bytes(32), timelock_b)))
        assert isinstance(call, LockCall)
        return OfferReview(signed, gives, gets, offer.expiry, timelock_a, timelock_b, call, contract,
                           accepted=accepted, own_utxo_address=own)

    def accept(self, review: OfferReview, address: str) -> str:
        """Accept with ``address`` (it locks on B, receives on A), start the swap as participant, and
        return the acceptance text for the maker. Checks the offer again (it may have expired). An offer
        taken already gives the acceptance its swap runs with (whatever ``address``): a second one,
        signed by another account, would name a taker the swap does not follow."""
        with self._lock:
            checked = self.review(review.offer.text())
            if checked.accepted is not None:
                return checked.accepted
            signed = checked.offer
            offer = signed.offer
            self.check_account(address, offer.chain_a, offer.chain_b)
            if is_utxo_chain(offer.chain_b):  # we lock there second: a lock we cannot pay would leave the maker's
                self._check_utxo_funds(offer.chain_b, offer.amount_b)  # coins locked for a day
            acceptance = Acceptance(signed.offer_id, party_field(offer.chain_a, address, self.utxo),
                                    party_field(offer.chain_b, address, self.utxo))
            signer, path = self.signer_for(acceptance_signer(offer, acceptance))
            signed_acceptance = sign_acceptance(acceptance, offer, signer, path)
            self.engine.begin(PARTICIPANT, signed, signed_acceptance)
        return signed_acceptance.text()

    def start(self, acceptance_text: str) -> LockReview:
        """The maker's side: the acceptance of one of this wallet's offers starts the swap, its lock
        reviewed: nothing is locked until the user confirms it (``confirm_lock``); ``decline_lock`` ends it."""
        text = acceptance_text.strip()
        for path in sorted(self._offers.glob("*.txt")):
            # Any chain here: an offer of ours on a chain gone since (the playground's, stopped) must not
            # hide the others; the swap it starts names that chain.
            offer = parse_offer(path.read_text(encoding="ascii"), lambda _chain: True, None)
            try:
                acceptance = parse_acceptance(text, offer)
            except AcceptanceMismatchError:
                continue
            with self._lock:
                swap = self.engine.begin(INITIATOR, offer, acceptance)
                if self.engine.record(swap).acceptance.text() != acceptance.text():  # begun with another one
                    raise OfferTakenByAnotherError(swap_id=swap[:10] + "…")
                try:
                    return self.lock_review(swap)
                except LockNotReviewableError:  # the same acceptance again: its lock was reviewed then
                    raise SwapStartedAlreadyError(swap_id=swap[:10] + "…") from None
        raise UnknownOfferError()

    def lock_review(self, swap_id: str) -> LockReview:
        """The maker's lock of ``swap_id`` as it would be signed if approved now."""
        with self._lock:
            call = self.engine.preview_lock(swap_id)
        offer = self.engine.record(swap_id).offer.offer
        chain_id = offer.chain_a
        if is_utxo_chain(chain_id):
            utxo = self.utxo.chain(chain_id)
            assert utxo.network is not None  # ``utxo.chain`` checked it
            script = contract_of(HtlcTerms(offer.maker_a, call.recipient, call.token, call.amount, call.hashlock,
                                           call.timelock)).script
            address = htlc_address(script, utxo.network)
            amount = format_units(call.amount, utxo.decimals)
            lock = UtxoLock(address, pkh_address(call.recipient, utxo), pkh_address(offer.maker_a, utxo),
                            call.timelock, median_time_lag_s(utxo.network))
            return LockReview(swap_id, utxo.display_name(self.language), address, "lock", call, utxo.symbol, amount,
                              amount, utxo.symbol, lock)
        chain, contract = self.chain(chain_id), self.engine.party.contract
        verify_code(self.client(chain_id), contract)
        symbol, amount = self._symbol_amount(chain, call.token, call.amount)
        value = format_units(call.amount if call.token == NATIVE_TOKEN else 0, chain.native.decimals)
        return LockReview(swap_id, chain.display_name(self.language), contract, "lock", call, symbol, amount, value,
                          chain.native.symbol)

    def confirm_lock(self, review: LockReview) -> None:
        with self._lock:
            self.engine.approve_lock(review.swap_id, review.call)

    def decline_lock(self, review: LockReview) -> None:
        self.engine.abandon(review.swap_id)

    # --- swaps -----------------------------------------------------------------------------------
    def step(self, swap_id: str) -> StepReport:
        """One engine step; a leg whose chain is gone for now (the playground stopped: its chains and
        its Litecoin's server) raises ``SwapChainOfflineError``, and the next step after it is back goes on."""
        with self._lock:
            try:
                return self.engine.step(swap_id)
            except InsufficientFundsError as error:  # our lock on a UTXO chain (an EVM lock's reserve is checked)
                raise self._unpaid(swap_id, error) from None
            except UnknownSwapChainError as error:
                chain_id = error.params.get("chain_id")
                if not isinstance(chain_id, int):
                    raise
                if is_utxo_chain(chain_id):
                    raise self._without_server(error, SwapChainOfflineError) from None
                evm = self._evm_chain(chain_id)
                raise (SwapChainIdOfflineError(chain_id=chain_id) if evm is None
                       else SwapChainOfflineError(chain=evm.name)) from None

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
                                record.outcome is not None,
                                tuple(self._tx(t.action, t.chain_id, t.hash) for t in record.txs),
                                self._refund_lag_s(offer.chain_a if record.role == INITIATOR else offer.chain_b)))
        return rows

    # --- helpers ---------------------------------------------------------------------------------
    def _refund_lag_s(self, chain_id: int) -> int:
        """How long after its locktime a refund on ``chain_id`` is accepted (median-time-past); 0 on EVM."""
        utxo = self._utxo_chain(chain_id) if is_utxo_chain(chain_id) else None
        return 0 if utxo is None or utxo.network is None else median_time_lag_s(utxo.network)

    def _own_utxo_address(self, chain_number: int) -> str | None:
        """``known_swap_address``, None in a wallet without a recovery phrase (hardware accounts only:
        the review says such an account cannot take the leg, and accepting refuses it)."""
        try:
            return self.known_swap_address(chain_number)
        except SwapAccountMissingError:
            return None

    def _check_utxo_funds(self, chain_number: int, amount: int) -> None:
        """Refuses (``UtxoFundsTooLowError``) when the recovery phrase's account on the UTXO chain cannot
        pay ``amount`` and the lock's fee at today's rate (the engine's funding is the final test)."""
        leg = self.utxo(chain_number)
        try:
            leg.funding_cost(amount)
        except InsufficientFundsError as short:
            chain = leg.chain
            available = short.params.get("available")
            if not isinstance(available, int):
                raise
            raise UtxoFundsTooLowError(chain=chain.name, available=format_units(available, chain.decimals),
                                       needed=format_units(amount, chain.decimals), symbol=chain.symbol) from None

    def _unpaid(self, swap_id: str, error: InsufficientFundsError) -> WalletError:
        """``error`` of funding our lock, in the chain's coin (it counts smallest units)."""
        record = self.engine.record(swap_id)
        offer = record.offer.offer
        utxo = self._utxo_chain(offer.chain_a if record.role == INITIATOR else offer.chain_b)
        needed, available = error.params.get("needed"), error.params.get("available")
        if utxo is None or not isinstance(needed, int) or not isinstance(available, int):
            return error
        return UtxoLockUnpaidError(chain=utxo.name, needed=format_units(needed, utxo.decimals),
                                   available=format_units(available, utxo.decimals), symbol=utxo.symbol)

    def _without_server(self, error: UnknownSwapChainError, kind: type[WalletError]) -> WalletError:
        """``error`` named by ``kind`` when its chain is a Bitcoin-family chain of the registry that has
        no server now (unchanged for a chain this wallet does not know at all)."""
        chain_id = error.params.get("chain_id")
        utxo = self._utxo_chain(chain_id) if isinstance(chain_id, int) and is_utxo_chain(chain_id) else None
        return error if utxo is None else kind(chain=utxo.name)

    def _accepted(self, offer: SignedOffer) -> str | None:
        """Our acceptance of ``offer`` when its swap runs here; refuses our own offer
        (``OwnOfferError``: accepting it would take the swap's place under the same id) and one whose
        swap has ended (``OfferAlreadySwappedError``)."""
        swap_id = "0x" + offer.offer_id.hex()
        ours = {a.address.lower() for a in self.accounts.all()}
        if (self._offers / f"{swap_id}.txt").exists() or offer.offer.signer.lower() in ours:
            raise OwnOfferError()
        if swap_id not in {swap for swap, _role in self.engine.store.swaps()}:
            return None
        record = self.engine.record(swap_id)
        if record.role == INITIATOR:
            raise OwnOfferError()
        if record.outcome is not None:
            raise OfferAlreadySwappedError(swap_id=swap_id[:10] + "…")  # as the list shows it
        return record.acceptance.text()

    def _payee(self, chain_id: int, field: str) -> str:
        return payee(chain_id, field, self.utxo.chain)

    def _tx(self, action: str, chain_id: int, txid: str) -> SwapTx:
        if is_utxo_chain(chain_id):
            utxo = self._utxo_chain(chain_id)
            return SwapTx(action, str(chain_id) if utxo is None else utxo.display_name(self.language), txid,
                          None if utxo is None else utxo.tx_url(txid))
        chain = self._evm_chain(chain_id)
        if chain is None:
            return SwapTx(action, str(chain_id), txid, None)
        url = f"{chain.explorer_url.rstrip('/')}/tx/{txid}" if chain.explorer_url else None
        return SwapTx(action, chain.display_name(self.language), txid, url)

    def _utxo_chain(self, chain_id: int) -> UtxoChain | None:
        """A UTXO chain by its number, whether or not it has a server now (the swap list)."""
        if self._utxo_wallet is None:
            return None
        return next((c for c in self._utxo_wallet.registry if c.coin in ("BTC", "LTC")
                     and utxo_chain_number(c) == chain_id), None)

    def _leg(self, chain_id: int, token: str, amount: int, locked_by: str, paid_to: str) -> Leg:
        if is_utxo_chain(chain_id):
            utxo = self.utxo.chain(chain_id)
            return Leg(utxo.display_name(self.language), chain_id, utxo.symbol, format_units(amount, utxo.decimals),
                       locked_by, paid_to, "", utxo.symbol, utxo=True)
        chain = self.chain(chain_id)
        try:
            client = self.client(chain_id)
            fee = format_units(suggest_fees(client, chain).tiers[FeeTier.FAST].worst_case_per_gas
                               * PESSIMISTIC_HTLC_GAS, chain.native.decimals, 6)
        except Exception:
            fee = ""
        symbol, whole = self._symbol_amount(chain, token, amount)
        return Leg(chain.display_name(self.language), chain_id, symbol, whole, locked_by, paid_to, fee,
                   chain.native.symbol)

    def _amount(self, chain_id: int, token: str, amount: int) -> str:
        if is_utxo_chain(chain_id):
            utxo = self._utxo_chain(chain_id)
            return f"{amount} @ {chain_id}" if utxo is None else \
                f"{format_units(amount, utxo.decimals)} {utxo.symbol} · {utxo.display_name(self.language)}"
        chain = self._evm_chain(chain_id)
        if chain is None:
            return f"{amount} @ {chain_id}"
        symbol, whole = self._symbol_amount(chain, token, amount)
        return f"{whole} {symbol} · {chain.display_name(self.language)}"

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
        if record.lock_a is None and not record.txs:
            return Phase.REVIEWING_A
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
