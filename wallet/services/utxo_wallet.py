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

Speeding up: Bitcoin Core relays replacements (full RBF since 28), so a Bitcoin payment of ours is
replaced (BIP-125); Litecoin Core 0.21 relays none by default (``txn-mempool-conflict``), so a Litecoin
one is sped up by a child paying for its parent, as is any payment to us whose inputs are not ours.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from wallet.accounts.model import AccountKind
from wallet.errors import WalletError
from wallet.store.accounts import MAX_NAME_LENGTH, AccountNameTooLongError, EmptyAccountNameError
from wallet.store.utxo_accounts import UtxoAccountKind, UtxoAccountRecord, UtxoAccountStore
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo import spend
from wallet.utxo.account import HARDENED, RECEIVE, Bip84Account, CoinParams, KeyOrigin, account_from_root, payment_uri
from wallet.utxo.electrum_client import CertificatePins, ElectrumClient, ElectrumServer
from wallet.utxo.registry import UtxoChain, UtxoRegistry, load_utxo_registry
from wallet.utxo.spend import FeeRates, SendPlan
from wallet.utxo.sync import AccountSnapshot, AccountSync
from wallet.utxo.verified import VerifiedElectrum

if TYPE_CHECKING:
    from wallet.services.hot_wallet import HotWalletService

T = TypeVar("T")
ServerMap = Mapping[str, Sequence[ElectrumServer]]
# Whether the coin's nodes relay BIP-125 replacements by default (see the module's docstring).
REPLACEMENTS_RELAYED = {"BTC": True, "LTC": False}


class NoElectrumServerError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "No Electrum server is set for {network}.")


class WatchOnlyCannotSignError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{name} is a watch-only account: export the payment as a PSBT and sign it where its keys are.")


class NotThisSeedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} does not derive from this wallet's recovery phrase.")


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
                 registry: UtxoRegistry | None = None, pins: CertificatePins | None = None) -> None:
        """``servers``: Electrum servers per chain key, used instead of the registry's for those
        chains; or a function giving them, asked each time (a playground's local server comes and
        goes). ``pins``: where TLS certificates are pinned (memory only when None)."""
        self.store = store
        self._hot_wallet = hot_wallet
        self.registry = registry if registry is not None else load_utxo_registry()
        self._given_servers = servers
        self._pins = pins
        self._electrum: dict[tuple[str, tuple[ElectrumServer, ...]], VerifiedElectrum] = {}
        self._chain_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    # --- chains and accounts ----------------------------------------------------------------
    def servers(self, chain: UtxoChain) -> tuple[ElectrumServer, ...]:
        given = self._given_servers() if callable(self._given_servers) else self._given_servers
        return tuple((given or {}).get(chain.key, ())) or chain.electrum_servers

    def chains(self) -> list[UtxoChain]:
        """The chains accounts can be used on: known consensus rules and at least one server."""
        return [c for c in self.registry if c.coin_params() is not None and self.servers(c)]

    def accounts(self, chain_key: str | None = None) -> list[UtxoAccount]:
        usable = {c.key: c for c in self.chains()}
        return [self._account(r, usable[r.chain_key]) for r in self.store.all()
                if r.chain_key in usable and chain_key in (None, r.chain_key)]

    def account(self, account_id: int) -> UtxoAccount:
        record = self.store.get(account_id)
        return self._account(record, self._chain(record.chain_key))

    def hot_chains(self) -> list[UtxoChain]:
        """Where the recovery phrase's accounts are added without being asked: the mainnets, and the
        chains whose servers were given (a local regtest), not the public testnets."""
        given = self._given_servers() if callable(self._given_servers) else self._given_servers
        return [c for c in self.chains() if c.kind == "mainnet" or c.key in (given or {})]

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
        keys = Bip84Account(extended_key, _params(chain))
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
        confirmed coins; ``WrongNetworkAddressError`` for an address of another network."""
        return spend.plan_payment(state.account.keys, state.snapshot, [(address, amount)], fee_rate)

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

    def sign_psbt(self, account: UtxoAccount, text: str) -> str:
        """This computer as the offline signer of a hot account: signs every input of the PSBT
        that the account's keys derive, whether the PSBT names their origin from the master key or
        from the account key itself (as a wallet watching only the zpub/vpub writes it)."""
        root = self._signing_root(account)
        try:
            signed = spend.sign_psbt_text(text.strip(), root)
        except Exception:  # embit raises assorted errors on bad base64 and bad structure
            raise spend.BadPsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "it cannot be read")) from None
        return spend.sign_psbt_text(signed, root.derive(list(account.keys.origin.path)))

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


def _path_text(path: Sequence[int]) -> str:
    return "/".join(f"{n - HARDENED}h" if n >= HARDENED else str(n) for n in path)


def _path_numbers(text: str) -> tuple[int, ...]:
    return tuple(int(p[:-1]) + HARDENED if p.endswith("h") else int(p) for p in text.split("/") if p)
