"""Bitcoin & Litecoin: the wallet's BIP-84 accounts (``wallet.services.utxo_wallet``) with their
balances, Receive (address and BIP-21 QR code), Send (fee rates, review, PSBTs for watch-only
accounts) and History, one tab each for the account chosen at the top.

Shown, the page loads the accounts in a task: while the hot wallet is unlocked it first adds the
recovery phrase's account on each chain that has none, then syncs every account in one task (the
syncs of one chain share its Electrum connection, one at a time). A refresh asked while one runs
runs once more after it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wallet.services.utxo_wallet import AccountState, UtxoAccount, UtxoWalletService
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.message_label import MessageLabel
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone
from wallet.ui.utxo.accounts_tab import UtxoAccountsTab
from wallet.ui.utxo.common import account_title, coin_amount, network_name
from wallet.ui.utxo.history_tab import UtxoHistoryTab
from wallet.ui.utxo.loading import Loaded, load_accounts
from wallet.ui.utxo.psbt_sign_dialog import PsbtSignDialog
from wallet.ui.utxo.receive_tab import UtxoReceiveTab
from wallet.ui.utxo.send_tab import UtxoSendTab
from wallet.utxo.account import RECEIVE

PAGES_CONTEXT = "Pages"  # the tabs say what the navigation says, in its words


def default_service(context: AppContext) -> UtxoWalletService:
    """The registry's public Electrum servers (their certificates pinned in the data directory), and
    the playground's local Litecoin regtest server while it runs — then only that one, as the app
    then plays on its local chains. A chain with the user's own servers (Settings) uses only those."""
    from wallet.paths import database_path
    from wallet.services.electrum_servers import own_servers
    from wallet.store.db import connect
    from wallet.store.utxo_accounts import UtxoAccountStore
    from wallet.utxo.electrum_client import ElectrumServer, default_certificate_pins

    def playground_servers() -> dict[str, list[ElectrumServer]]:
        return {key: [ElectrumServer.parse(url) for url in urls]
                for key, urls in context.playground.utxo_servers().items()}

    return UtxoWalletService(UtxoAccountStore(connect(database_path())), context.hot_wallet,
                             servers=playground_servers, pins=default_certificate_pins(),
                             local_only=lambda: context.playground.running,
                             own_servers=lambda: own_servers(context.settings))


class UtxoPage(QWidget):
    def __init__(self, context: AppContext, service: UtxoWalletService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service if service is not None else context.utxo_wallet()
        self.accounts: list[UtxoAccount] = []
        self.states: dict[int, AccountState] = {}
        self.unsynced: set[int] = set()  # accounts no sync has reached yet (their server failed)
        self.loading = False
        self._again = False
        self._notice: Callable[[], str] | None = None  # said again once the refresh it caused is done
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.account_label = QLabel(self)
        self.account_combo = QComboBox(self)
        self.account_combo.setObjectName("utxoAccount")
        self.account_combo.currentIndexChanged.connect(self._show_selected)
        self.refresh_button = QPushButton(self)
        set_icon(self.refresh_button, "refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.message = MessageLabel(self)
        self.message.setObjectName("utxoMessage")
        self.accounts_tab = UtxoAccountsTab(self)
        self.accounts_tab.add_requested.connect(self.add_watch_only)
        self.accounts_tab.remove_requested.connect(self.confirm_removal)
        self.accounts_tab.sign_psbt_requested.connect(self.open_psbt_signing)
        self.psbt_sign_dialog: PsbtSignDialog | None = None
        self.receive_tab = UtxoReceiveTab(self)
        self.send_tab = UtxoSendTab(self.service, context.tasks, self)
        self.send_tab.sent.connect(lambda _txid: self.refresh())
        self.history_tab = UtxoHistoryTab(self)
        self.history_tab.speed_up_requested.connect(self.speed_up)
        self.tabs = QTabWidget(self)
        for tab in (self.accounts_tab, self.receive_tab, self.send_tab, self.history_tab):
            self.tabs.addTab(tab, "")
        top = QHBoxLayout()
        top.addWidget(self.account_label)
        top.addWidget(self.account_combo, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.accounts_tab.set_chains(self.service.chains())
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # --- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Adds the hot accounts (if unlocked), lists and syncs every account, in a task."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        self.refresh_button.setEnabled(False)
        self.refresh_button.setText(self.tr("Syncing…"))  # every account, through its chain's servers
        self.context.tasks.submit(self._load, self._loaded, self._load_failed)

    def _load(self) -> Loaded:
        return load_accounts(self.context, self.service)

    def _loaded(self, loaded: Loaded) -> None:
        self._done_loading()
        self.accounts = loaded.accounts
        self.states.update(loaded.states)  # an account whose sync failed keeps its last proven state
        self.unsynced = {a.id for a, _ in loaded.errors if a.id not in self.states}
        self.accounts_tab.set_chains(self.service.chains())  # a playground's chain comes and goes
        self._fill_accounts()
        hidden = loaded.hidden

        def and_hidden(text: str) -> str:
            """Accounts that vanished from the list say why (a stopped playground's chain)."""
            if not hidden:
                return text
            return "\n".join(part for part in (text, self.tr(
                "Accounts on {networks} are not shown while no Electrum server is set for it (a local chain runs "
                "with the playground only).").format(networks=", ".join(network_name(c) for c in hidden))) if part)

        if loaded.errors:
            account, error = loaded.errors[0]
            others = len(loaded.errors) - 1

            def say() -> str:
                text = self.tr("{account}: {error}").format(account=account_title(account), error=error_text(error))
                if others:
                    text += "\n" + self.tr("Other accounts not synced: {count}.").format(count=others)
                return and_hidden(text)

            self.message.say(say, Tone.ERROR)
        elif not self.accounts and not hidden:
            self.message.say(lambda: self.tr(
                "Unlock the wallet on the Accounts page to use its Bitcoin and Litecoin accounts, or add a "
                "watch-only account."), Tone.MUTED)
        elif self._notice is not None:  # what the user just did outlives the refresh it caused
            notice = self._notice
            self.message.say(lambda: and_hidden(notice()))
        elif hidden:
            self.message.say(lambda: and_hidden(""), Tone.MUTED)
        else:
            self.message.clear_message()
        self._notice = None

    def _load_failed(self, error: Exception) -> None:
        self._done_loading()
        self.message.say(lambda: error_text(error), Tone.ERROR)

    def _done_loading(self) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.refresh_button.setText(self.tr("Refresh"))
        if self._again:
            self._again = False
            self.refresh()

    # --- accounts ---------------------------------------------------------------------------------
    def selected_state(self) -> AccountState | None:
        account_id = self.account_combo.currentData()
        return self.states.get(account_id) if account_id is not None else None

    def _fill_accounts(self) -> None:
        current = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        for account in self.accounts:
            state = self.states.get(account.id)
            balance = coin_amount(state.balance, account.chain) if state is not None \
                else self.tr("not synced") if account.id in self.unsynced else "…"
            title = account_title(account)
            network = network_name(account.chain)
            parts = [title, balance] if title == network else [title, network, balance]
            self.account_combo.addItem(" · ".join(parts), account.id)
        self.account_combo.setCurrentIndex(max(0, self.account_combo.findData(current)))
        self.account_combo.blockSignals(False)
        self.accounts_tab.show_accounts(self.accounts, self.states, self.unsynced)
        self._show_selected()

    def _show_selected(self) -> None:
        state = self.selected_state()
        self.receive_tab.show_state(state)
        self.send_tab.show_state(state)
        self.history_tab.show_state(state)

    def add_watch_only(self, chain_key: str, name: str, key: str) -> None:
        def added(account: UtxoAccount) -> None:
            self.accounts_tab.clear_form()
            # A zpub reads the same for every coin (and a vpub for every test network): only the
            # addresses tell whether it is this coin's account.
            first = account.keys.address(RECEIVE, 0)
            self._notice = lambda: self.tr(
                "Watch-only account {name} added. Check that its first address, {address}, is the one the "
                "wallet holding its keys shows for this coin.").format(name=account.name, address=first)
            self.message.say(self._notice)
            self.refresh()

        self.context.tasks.submit(lambda: self.service.add_watch_only(chain_key, name, key), added,
                                  lambda error: self.message.say(lambda: error_text(error), Tone.ERROR))

    def confirm_removal(self, account_id: int) -> None:
        account = next((a for a in self.accounts if a.id == account_id), None)
        if account is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove watch-only account"), self.tr(
            "Remove {name}? Its coins stay where they are; add its key again to watch them.").format(
                name=account.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_account(account_id)

    def remove_account(self, account_id: int) -> None:
        self.context.tasks.submit(lambda: self.service.remove(account_id), lambda _: self.refresh(),
                                  lambda error: self.message.say(lambda: error_text(error), Tone.ERROR))

    def open_psbt_signing(self, account_id: int) -> None:
        """This computer as the offline signer of a hot account's PSBT (``PsbtSignDialog``)."""
        account = next((a for a in self.accounts if a.id == account_id), None)
        if account is not None:
            self.psbt_sign_dialog = PsbtSignDialog(account, self.service, self.context.tasks, self)
            self.psbt_sign_dialog.finished.connect(self.psbt_sign_dialog.deleteLater)
            self.psbt_sign_dialog.open()

    def speed_up(self, txid: str) -> None:
        self.tabs.setCurrentWidget(self.send_tab)
        self.send_tab.review_speed_up(txid)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Bitcoin & Litecoin"))
        self.account_label.setText(self.tr("Account"))
        self.refresh_button.setText(self.tr("Syncing…") if self.loading else self.tr("Refresh"))
        for index, source in enumerate(("Accounts", "Receive", "Send", "History")):
            self.tabs.setTabText(index, QCoreApplication.translate(PAGES_CONTEXT, source))
        self.accounts_tab.set_chains(self.service.chains())
        self._fill_accounts()
