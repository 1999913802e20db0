"""Everything a window needs from the core, built once per app run."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.paths import database_path, vault_path
from wallet.services.network import NetworkService
from wallet.services.playground import PlaygroundService
from wallet.settings import Settings
from wallet.store.accounts import AccountStore
from wallet.store.contacts import ContactStore
from wallet.store.db import connect
from wallet.store.tokens import TokenStore
from wallet.store.transactions import TransactionStore
from wallet.store.transfers import TransferStore
from wallet.ui.errors import name_chains_from
from wallet.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from wallet.accounts.model import Account
    from wallet.accounts.signer import Signer
    from wallet.hw.transport import HidBackend
    from wallet.hw.trezor_prompts import TrezorPrompts
    from wallet.services.hot_wallet import HotWalletService
    from wallet.services.utxo_wallet import UtxoWalletService

SHUTDOWN_WAIT_MS = 3000


@dataclass
class AppContext:
    settings: Settings
    network: NetworkService
    playground: PlaygroundService
    tasks: TaskRunner
    accounts: AccountStore
    tokens: TokenStore
    transactions: TransactionStore
    vault_path: Path
    contacts: ContactStore
    transfers: TransferStore
    hid_backend: HidBackend | None = None  # None: the system's hidapi; tests plug virtual devices in here
    usb_context: Any | None = None  # None: the system's libusb (WebUSB Trezors), when installed
    trezor_prompts: TrezorPrompts | None = None  # the window's PIN and passphrase dialogs, asked from tasks
    _hot_wallet: HotWalletService | None = field(default=None, init=False)
    _hot_wallet_lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _utxo_wallet: UtxoWalletService | None = field(default=None, init=False)

    @classmethod
    def create(cls, settings: Settings, rpc_timeout_s: float | None = None) -> AppContext:
        network = NetworkService(settings) if rpc_timeout_s is None else NetworkService(
            settings, rpc_timeout_s=rpc_timeout_s)
        name_chains_from(lambda: network.registry)
        db = connect(database_path())
        return cls(settings=settings, network=network, playground=PlaygroundService(), tasks=TaskRunner(),
                   accounts=AccountStore(db), tokens=TokenStore(db), transactions=TransactionStore(db),
                   vault_path=vault_path(), contacts=ContactStore(db), transfers=TransferStore(db))

    def has_hot_wallet(self) -> bool:
        return self.vault_path.exists()

    def hot_wallet(self) -> HotWalletService:
        """The hot-wallet service, created on first use. Blocking: call it from a task.

        Deferred because its signing stack (eth_account, bip-utils) costs half a second to import,
        which the window should not wait for.
        """
        with self._hot_wallet_lock:
            if self._hot_wallet is None:
                from wallet.services.hot_wallet import HotWalletService

                self._hot_wallet = HotWalletService(self.accounts, self.vault_path)
            return self._hot_wallet

    def utxo_wallet(self) -> UtxoWalletService:
        """The Bitcoin & Litecoin accounts and their Electrum servers, created on first use (its
        Electrum and embit stack loads then, not at start-up)."""
        with self._hot_wallet_lock:
            if self._utxo_wallet is None:
                from wallet.ui.pages.utxo_page import default_service

                self._utxo_wallet = default_service(self)
            return self._utxo_wallet

    def signer_for(self, account: Account) -> tuple[Signer, str | None]:
        """The account's signer, chosen by its kind (blocking: a device may be asked; call from a task)."""
        from wallet.services.signers import SignerRouter

        return SignerRouter(self.hot_wallet, self.hid_backend, prompts=self.trezor_prompts,
                            usb_context=self.usb_context).signer_for(account)

    def shutdown(self) -> None:
        """Close the task runner (so no poll starts against a stopped chain), lock the hot wallet,
        then stop the devnet processes this run started."""
        self.tasks.close(SHUTDOWN_WAIT_MS)
        if self._hot_wallet is not None:
            self._hot_wallet.lock()
        if self._utxo_wallet is not None:
            self._utxo_wallet.close()
        self.playground.stop()
