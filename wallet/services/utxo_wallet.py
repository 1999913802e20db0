"""The wallet's Bitcoin and Litecoin accounts (BIP-84, native SegWit), for the app.

Two kinds, kept in ``utxo_accounts`` (``wallet.store.utxo_accounts``) by their account-level
zpub/vpub, never a private key:

* hot: ``m/84'/coin'/0'`` of the vault's recovery phrase, added while the hot wallet is unlocked. To
  sign, the seed is taken from the unlocked vault for that one signing, and the account key it
  derives must be the stored one;
* watch-only: a zpub/vpub the user gives. Its payments leave as unsigned PSBTs and come back signed
  (from an offline signer, Sparrow, Electrum …), checked against the plan before broadcast.

Everything goes through ``wallet.utxo``: sync with verified headers and Merkle proofs, fee tiers
from the server, largest-first coin selection, PSBTs. The Electrum servers are the registry's, or
those the caller passes per chain (a local regtest server, a user's own): a chain with none is not
offered. One ``VerifiedElectrum`` per chain keeps its verified headers between syncs; a lock per
chain lets one exchange at a time use it. Every method may block on the network: call it off the
GUI thread.

Paying checks what the user typed before any coin is chosen, and says what is wrong in the user's
terms: an address with a typo (its checksum), or of another network (SegWit or legacy base58, both of
which it pays); an amount of zero or below what the network relays, in coins; a fee rate that is
not a number of sat/vB the nodes relay. Coins are the confirmed ones first; when they are too few, the
account's own unconfirmed change (from a payment whose every input was the account's, so nobody else can
replace it) is spent too, as Bitcoin Core and Electrum do, rather than keeping the whole balance locked
until the next block.

Speeding up: Bitcoin Core relays replacements (full RBF since 28), so a Bitcoin payment of ours is
replaced (BIP-125); Litecoin Core 0.21 relays none by default (``txn-mempool-conflict``), so a Litecoin
one is sped up by a child paying for its parent, as is any payment to us whose inputs are not ours.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import math
import threading
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from embit import base58  # type: ignore[import-untyped]
from embit.networks import NETWORKS  # type: ignore[import-untyped]

from wallet.accounts.model import AccountKind
from wallet.chains.amounts import format_units
from wallet.errors import WalletError
from wallet.store.accounts import MAX_NAME_LENGTH, AccountNameTooLongError, EmptyAccountNameError
from wallet.store.utxo_accounts import UtxoAccountKind, UtxoAccountRecord, UtxoAccountStore
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo import psbt_review, spend
from wallet.utxo.account import (
    HARDENED,
    RECEIVE,
    Bip84Account,
    CoinParams,
    InvalidAccountKeyError,
    KeyOrigin,
    WrongNetworkAddressError,
    account_from_root,
    address_script,
    payment_uri,
)
from wallet.utxo.electrum_client import CertificatePins, ElectrumClient, ElectrumServer
from wallet.utxo.psbt_review import PsbtReview
from wallet.utxo.registry import UtxoChain, UtxoRegistry, load_utxo_registry
from wallet.utxo.spend import FeeRates, SendPlan
from wallet.utxo.sync import AccountSnapshot, AccountSync, Utxo
from wallet.utxo.verified import VerifiedElectrum

if TYPE_CHECKING:
    from wallet.services.hot_wallet import HotWalletService

T = TypeVar("T")
ServerMap = Mapping[str, Sequence[ElectrumServer]]
# Whether the coin's nodes relay BIP-125 replacements by default (see the module's docstring).
REPLACEMENTS_RELAYED = {"BTC": True, "LTC": False}
MAX_FEE_RATE = 10_000.0  # sat/vB: far above any real market, below a fee that is plainly a typo
MAX_ADDRESS_CHARS_SHOWN = 100
EXTENDED_KEY_BYTES = 78  # BIP-32 serialization: version, depth, parent fingerprint, index, chain code, key
# Versions embit reads (then Bip84Account says what is wrong with them): every other one is another coin's.
KNOWN_KEY_VERSIONS = frozenset(bytes(v) for net in NETWORKS.values() for k, v in net.items()
                               if k.endswith(("pub", "prv")) and isinstance(v, bytes | bytearray))


class NoElectrumServerError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "No Electrum server is set for {network}.")


class WatchOnlyCannotSignError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{name} is a watch-only account: export the payment as a PSBT and sign it where its keys are.")


class NotThisSeedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} does not derive from this wallet's recovery phrase.")


class AddressChecksumError(WrongNetworkAddressError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{address} is not a valid {network} address: a character is wrong or missing (its checksum "
        "does not match). Copy the address again rather than typing it.")


class MixedCaseAddressError(WrongNetworkAddressError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{address} mixes upper- and lower-case letters, which a valid address never does. Copy the "
        "address again.")


class OtherNetworkAddressError(WrongNetworkAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "{address} is an address on {other}, not on {network}.")


class AmountNotPositiveError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Enter an amount above zero.")


class PaymentTooSmallError(spend.DustOutputError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{amount} is too small to send: the network does not relay payments below {limit} (they "
        "would cost more to spend than they are worth).")


class NotEnoughFundsError(spend.InsufficientFundsError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Not enough funds: {needed} is needed with the network fee; the account can spend {available}.")


class NotEnoughConfirmedFundsError(spend.InsufficientFundsError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Not enough funds: {needed} is needed with the network fee; the account can spend "
        "{available} now, and {pending} more once it is confirmed.")


class BadFeeRateError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The fee rate must be a number from {minimum} to {maximum} sat/vB.")


class SpeedUp(enum.StrEnum):
    REPLACE = "replace"  # RBF: the same payment again with a higher fee
    CHILD_PAYS = "child_pays"  # CPFP: a new transaction spending its output pays for both


@dataclass(frozen=True)
class UtxoAccount:
    record: UtxoAccountRecord
    chain: UtxoChain
    keys: Bip84Account

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def hot(self) -> bool:
        return self.record.kind is UtxoAccountKind.HOT


@dataclass(frozen=True)
class AccountState:
    """An account as one sync found it."""

    account: UtxoAccount
    snapshot: AccountSnapshot
    receive_address: str  # the first receive address with no history

    @property
    def balance(self) -> int:
        """Everything the account holds, mempool included (confirmed + unconfirmed)."""
        return self.snapshot.confirmed + self.snapshot.unconfirmed

    def receive_uri(self, amount: int | None = None) -> str:
        """A BIP-21 URI for the receive address (for the QR code)."""
        return payment_uri(self.receive_address, self.account.keys.params, amount)


class UtxoWalletService:
    def __init__(self, store: UtxoAccountStore, hot_wallet: Callable[[], HotWalletService],
                 servers: ServerMap | Callable[[], ServerMap] | None = None,
                 registry: UtxoRegistry | None = None, pins: CertificatePins | None = None,
                 local_only: Callable[[], bool] = lambda: False,
                 own_servers: Callable[[], ServerMap] = dict) -> None:
        """``servers``: Electrum servers per chain key, used instead of the registry's for those
        chains; or a function giving them, asked each time (a playground's local server comes and
        goes). ``pins``: where TLS certificates are pinned (memory only when None). ``local_only``:
        whether only the chains of given servers are used now (while the app plays on its local
        playground, as its EVM side then shows the playground's chains only). ``own_servers``: the
        user's own servers per chain key (``wallet.services.electrum_servers``), asked each time; a
        chain listed there uses those only, before any other."""
        self.store = store
        self._local_only = local_only
        self._hot_wallet = hot_wallet
        self.registry = registry if registry is not None else load_utxo_registry()
        self._given_servers = servers
        self._own_servers = own_servers
        self._pins = pins
        self._electrum: dict[tuple[str, tuple[ElectrumServer, ...]], VerifiedElectrum] = {}
        self._chain_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    # --- chains and accounts ----------------------------------------------------------------
    def servers(self, chain: UtxoChain) -> tuple[ElectrumServer, ...]:
        """The chain's Electrum servers: the user's own when set (then only those), else the given
        ones, else the registry's. Every use of a chain (sync, sending, swaps) asks here."""
        own = self._own_servers()
        if chain.key in own:
            return tuple(own[chain.key])
        return tuple(self._given().get(chain.key, ())) or chain.electrum_servers

    def chains(self) -> list[UtxoChain]:
        """The chains accounts can be used on: known consensus rules and at least one server (a
        given one, while ``local_only``)."""
        given = self._given() if self._local_only() else None
        return [c for c in self.registry if c.coin_params() is not None and self.servers(c)
                and (given is None or c.key in given)]

    def _given(self) -> ServerMap:
        given = self._given_servers() if callable(self._given_servers) else self._given_servers
        return given or {}

    def accounts(self, chain_key: str | None = None) -> list[UtxoAccount]:
        usable = {c.key: c for c in self.chains()}
        return [self._account(r, usable[r.chain_key]) for r in self.store.all()
                if r.chain_key in usable and chain_key in (None, r.chain_key)]

    def chains_without_server(self) -> list[UtxoChain]:
        """The chains of stored accounts that cannot be used now: no Electrum server (a playground's
        local chain while it is stopped). ``accounts()`` leaves their accounts out meanwhile."""
        keys = {r.chain_key for r in self.store.all()} - {c.key for c in self.chains()}
        local = self._local_only()  # then the public chains are left out on purpose, not for want of a server
        return [c for c in self.registry if c.key in keys and not (local and c.electrum_servers)]

    def account(self, account_id: int) -> UtxoAccount:
        record = self.store.get(account_id)
        return self._account(record, self._chain(record.chain_key))

    def hot_chains(self) -> list[UtxoChain]:
        """Where the recovery phrase's accounts are added without being asked: the mainnets, and the
        chains whose servers were given (a local regtest) or are the user's own, not the public testnets."""
        given, own = self._given(), self._own_servers()
        return [c for c in self.chains() if c.kind == "mainnet" or c.key in given or c.key in own]

    def add_hot_accounts(self, chains: Sequence[UtxoChain] | None = None) -> list[UtxoAccount]:
        """Account 0 of the recovery phrase on each of ``chains`` (``hot_chains()`` by default) that
        has none yet; the hot wallet must be unlocked. The accounts added."""
        secret_id, root = self._phrase_root(None)
        have = {(r.chain_key, r.secret_id) for r in self.store.all() if r.kind is UtxoAccountKind.HOT}
        added = []
        for chain in self.hot_chains() if chains is None else chains:
            if (chain.key, secret_id) in have:
                continue
            keys = account_from_root(root, _params(chain))
            record = self.store.add(chain.key, chain.name, UtxoAccountKind.HOT, keys.extended_public_key,
                                    keys.origin.fingerprint.hex(), _path_text(keys.origin.path), secret_id,
                                    network_name=chain.name)
            added.append(UtxoAccount(record, chain, keys))
        return added

    def add_watch_only(self, chain_key: str, name: str, extended_key: str) -> UtxoAccount:
        """A zpub (mainnet) or vpub (testnet, regtest) account key; ``InvalidAccountKeyError`` names
        what is wrong with another."""
        chain = self._chain(chain_key)
        name = " ".join(name.split())
        if not name:
            raise EmptyAccountNameError()
        if len(name) > MAX_NAME_LENGTH:
            raise AccountNameTooLongError(limit=MAX_NAME_LENGTH)
        params = _params(chain)
        _check_key_version(extended_key, params)
        keys = Bip84Account(extended_key, params)
        record = self.store.add(chain.key, name, UtxoAccountKind.WATCH, keys.extended_public_key,
                                network_name=chain.name)
        return UtxoAccount(record, chain, keys)

    def remove(self, account_id: int) -> None:
        self.store.remove(account_id)

    # --- reading the chain ------------------------------------------------------------------
    def sync(self, account: UtxoAccount) -> AccountState:
        snapshot = self._with_electrum(account.chain, lambda e: AccountSync(e, account.keys).sync())
        return AccountState(account, snapshot, account.keys.address(RECEIVE, snapshot.first_unused(RECEIVE)))

    def fee_rates(self, chain: UtxoChain) -> FeeRates:
        """sat/vB for slow, normal and fast, from the server's estimates (the relay floor without one)."""
        return self._with_electrum(chain, lambda e: spend.fee_rates(e.client))

    # --- paying -----------------------------------------------------------------------------
    def plan_payment(self, state: AccountState, address: str, amount: int, fee_rate: float) -> SendPlan:
        """``amount`` (smallest unit) to ``address`` at ``fee_rate`` sat/vB from the account's
        confirmed coins, then its own unconfirmed change when they are too few (see the module's
        docstring); a ``WrongNetworkAddressError`` naming what is wrong with the address, and
        errors with amounts in coins for an amount that cannot be paid."""
        chain = state.account.chain
        self.check_address(chain, address)
        _check_fee_rate(fee_rate)
        if amount <= 0:
            raise AmountNotPositiveError()
        keys, snapshot = state.account.keys, state.snapshot
        try:
            return spend.plan_payment(keys, snapshot, [(address, amount)], fee_rate)
        except spend.DustOutputError as error:
            raise PaymentTooSmallError(amount=_coins(amount, chain), limit=_coins(_number(error, "limit"), chain)) \
                from None
        except spend.InsufficientFundsError:
            pass
        own_change = _own_pending_coins(snapshot)
        try:
            return spend.plan_payment(keys, dataclasses.replace(snapshot, utxos=tuple(
                u for u in snapshot.utxos if u.height > 0 or u in own_change)), [(address, amount)], fee_rate,
                include_unconfirmed=True)
        except spend.InsufficientFundsError as error:
            available = sum(u.value for u in snapshot.utxos if u.height > 0 or u in own_change)
            pending = sum(u.value for u in snapshot.utxos) - available
            needed, have = _coins(_number(error, "needed"), chain), _coins(available, chain)
            if pending > 0:
                raise NotEnoughConfirmedFundsError(needed=needed, available=have, pending=_coins(pending, chain)) \
                    from None
            raise NotEnoughFundsError(needed=needed, available=have) from None

    @staticmethod
    def read_payment_uri(chain: UtxoChain, text: str) -> tuple[str, str | None] | None:
        """The address and amount (in coins, as written) of a pasted BIP-21 payment link of the
        chain's coin (``litecoin:ltc1…?amount=0.5``); None for anything else."""
        scheme, colon, rest = text.strip().partition(":")
        if not colon or scheme.lower() != chain.uri_scheme:
            return None
        address, _, query = rest.partition("?")
        amounts = urllib.parse.parse_qs(query).get("amount")
        return address.strip().removeprefix("//"), amounts[0] if amounts else None

    def check_address(self, chain: UtxoChain, address: str) -> None:
        """Whether ``address`` can be paid on ``chain``; otherwise a ``WrongNetworkAddressError``
        saying why: a typo, mixed case, or another network's address (SegWit or legacy)."""
        text = address.strip()
        shown = text[:MAX_ADDRESS_CHARS_SHOWN]
        try:
            address_script(text, _params(chain))
            return
        except WrongNetworkAddressError:
            pass
        prefix = text.lower().rpartition("1")[0]
        # The bundled chains too: a service given fewer (a regtest only) still names a Bitcoin address.
        by_prefix = {c.bech32_hrp: c for registry in (_bundled_registry(), self.registry) for c in registry}
        if prefix in by_prefix:  # bech32: a typo, or another network's
            if text not in (text.lower(), text.upper()):
                raise MixedCaseAddressError(address=shown, network=chain.name)
            if prefix == chain.bech32_hrp:
                raise AddressChecksumError(address=shown, network=chain.name)
            raise OtherNetworkAddressError(address=shown, other=by_prefix[prefix].name, network=chain.name)
        raise WrongNetworkAddressError(address=shown, network=chain.name)

    def sign_and_send(self, account: UtxoAccount, plan: SendPlan) -> str:
        """Signs with the recovery phrase's key (hot accounts, unlocked) and broadcasts; the txid."""
        raw = spend.sign_hot(account.keys, plan, self._signing_root(account))
        return self.broadcast(account.chain, raw)

    def export_psbt(self, account: UtxoAccount, plan: SendPlan) -> str:
        """The unsigned PSBT (base64) for a signer elsewhere."""
        return spend.export_psbt(account.keys, plan)

    def send_signed_psbt(self, account: UtxoAccount, plan: SendPlan, signed: str) -> str:
        """Broadcasts a signed PSBT once it is the plan's transaction, validly signed; the txid."""
        return self.broadcast(account.chain, spend.import_signed_psbt(account.keys, plan, signed))

    def review_psbt(self, account: UtxoAccount, data: str | bytes) -> PsbtReview:
        """What signing a PSBT (base64 text or a file's bytes) with the account's keys would do."""
        return psbt_review.review_psbt(account.keys, data)

    def sign_psbt(self, account: UtxoAccount, data: str | bytes) -> str:
        """This computer as the offline signer of a hot account: signs (SIGHASH_ALL) only the inputs
        the account's keys verifiably spend, whether the PSBT names their origin from the master key
        or from the account key itself (as a wallet watching only the zpub/vpub writes it); refuses a
        PSBT that cannot be read, is for another network, gives an input without its full previous
        transaction (the only proof of its amount) or has nothing to sign (``wallet.utxo.psbt_review``)."""
        review = psbt_review.review_psbt(account.keys, data)
        return psbt_review.sign_reviewed(account.keys, review, self._signing_root(account))

    def broadcast(self, chain: UtxoChain, raw: bytes) -> str:
        return self._with_electrum(chain, lambda e: spend.broadcast(e, raw))

    def speed_up_method(self, state: AccountState, txid: str) -> SpeedUp:
        """Replace where the coin's nodes relay replacements and every input is the account's;
        otherwise a child pays for the parent."""
        ours = next((h for h in state.snapshot.history if h.txid == txid and h.fee is not None), None)
        return SpeedUp.REPLACE if ours is not None and REPLACEMENTS_RELAYED[state.account.chain.coin] \
            else SpeedUp.CHILD_PAYS

    def plan_speed_up(self, state: AccountState, txid: str, fee_rate: float) -> SendPlan:
        """A transaction that gets the unconfirmed ``txid`` mined sooner at ``fee_rate`` sat/vB (see
        ``speed_up_method``); signed and sent as any other plan."""
        _check_fee_rate(fee_rate)
        if self.speed_up_method(state, txid) is SpeedUp.REPLACE:
            return spend.plan_speed_up(state.account.keys, state.snapshot, txid, fee_rate)
        return spend.plan_child_pays(state.account.keys, state.snapshot, txid, fee_rate)

    def close(self) -> None:
        with self._lock:
            electrums, self._electrum = list(self._electrum.values()), {}
        for electrum in electrums:
            electrum.client.close()

    # --- internals --------------------------------------------------------------------------
    def _chain(self, chain_key: str) -> UtxoChain:
        chain = self.registry.get(chain_key)
        if chain not in self.chains():
            raise NoElectrumServerError(network=chain.name)
        return chain

    def _account(self, record: UtxoAccountRecord, chain: UtxoChain) -> UtxoAccount:
        origin = None
        if record.origin_fingerprint is not None and record.origin_path is not None:
            origin = KeyOrigin(bytes.fromhex(record.origin_fingerprint), _path_numbers(record.origin_path))
        return UtxoAccount(record, chain, Bip84Account(record.xpub, _params(chain), origin))

    def _signing_root(self, account: UtxoAccount) -> Any:
        """The master key of the recovery phrase (embit ``HDKey``), once it derives the account."""
        if not account.hot:
            raise WatchOnlyCannotSignError(name=account.name)
        _, root = self._phrase_root(account)
        if account_from_root(root, account.keys.params).extended_public_key != account.keys.extended_public_key:
            raise NotThisSeedError(name=account.name)
        return root

    def _phrase_root(self, account: UtxoAccount | None) -> tuple[str, Any]:
        """The vault entry id and embit root key of ``account``'s recovery phrase (the wallet's
        first one when None), through one of the hot wallet's accounts of that phrase."""
        hot = self._hot_wallet()
        phrase_accounts = [a for a in hot.accounts.all() if a.kind is AccountKind.HOT_HD and a.secret_id
                           and (account is None or a.secret_id == account.record.secret_id)]
        if not phrase_accounts:
            if account is not None:
                raise NotThisSeedError(name=account.name)
            from wallet.services.hot_wallet import NoRecoveryPhraseError

            raise NoRecoveryPhraseError()
        first = phrase_accounts[0]
        assert first.secret_id is not None
        return first.secret_id, hot.utxo_root(first)

    def _with_electrum(self, chain: UtxoChain, use: Callable[[VerifiedElectrum], T]) -> T:
        with self._lock:
            lock = self._chain_locks.setdefault(chain.key, threading.Lock())
        key = (chain.key, self.servers(chain))
        with lock:
            with self._lock:
                electrum = self._electrum.get(key)
                stale = []
                if electrum is None:  # first use, or the chain's servers changed
                    stale = [self._electrum.pop(k) for k in list(self._electrum) if k[0] == chain.key]
                    electrum = self._electrum[key] = VerifiedElectrum(
                        ElectrumClient(_params(chain).network, key[1], self._pins))
            for old in stale:
                old.client.close()
            return use(electrum)


def _params(chain: UtxoChain) -> CoinParams:
    params = chain.coin_params()
    if params is None:
        raise NoElectrumServerError(network=chain.name)
    return params


def _check_key_version(extended_key: str, params: CoinParams) -> None:
    """An extended key of a version embit does not know (Litecoin's Ltub/Mtub, a ypub of another
    coin) is named as another network's key, not as one that cannot be decoded."""
    try:
        raw = base58.decode_check(extended_key.strip())
    except Exception:  # embit raises assorted errors on bad base58 and checksums: Bip84Account names it
        return
    if len(raw) == EXTENDED_KEY_BYTES and raw[:4] != params.public_version and raw[:4] not in KNOWN_KEY_VERSIONS:
        raise InvalidAccountKeyError(network=params.name, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it is for another network or address type"))


@functools.cache
def _bundled_registry() -> UtxoRegistry:
    return load_utxo_registry()


def _check_fee_rate(fee_rate: float) -> None:
    """A rate the nodes relay and not a typo; NaN and infinities are neither."""
    if not (isinstance(fee_rate, int | float) and math.isfinite(fee_rate)
            and spend.MIN_FEE_RATE <= fee_rate <= MAX_FEE_RATE):
        raise BadFeeRateError(minimum=f"{spend.MIN_FEE_RATE:g}", maximum=f"{MAX_FEE_RATE:g}")


def _coins(value: int, chain: UtxoChain) -> str:
    return f"{format_units(value, chain.decimals)} {chain.symbol}"


def _number(error: WalletError, name: str) -> int:
    value = error.params[name]
    assert isinstance(value, int)
    return value


def _own_pending_coins(snapshot: AccountSnapshot) -> set[Utxo]:
    """Unconfirmed coins of the account paid by its own transactions (every input the account's:
    the fee is known), which no one else can replace or double-spend."""
    ours = {h.txid for h in snapshot.history if h.height <= 0 and h.fee is not None}
    return {u for u in snapshot.utxos if u.height <= 0 and u.txid in ours}


def _path_text(path: Sequence[int]) -> str:
    return "/".join(f"{n - HARDENED}h" if n >= HARDENED else str(n) for n in path)


def _path_numbers(text: str) -> tuple[int, ...]:
    return tuple(int(p[:-1]) + HARDENED if p.endswith("h") else int(p) for p in text.split("/") if p)
