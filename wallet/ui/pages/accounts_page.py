"""Accounts: set up the hot wallet, unlock and lock it, list accounts, add, import and export them.

Everything that touches keys runs in the task runner (scrypt is slow by design); this page only
tracks the outcome. The account list itself comes from the local database, which is quick to read.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet.accounts.model import Account, AccountKind
from wallet.chains.amounts import format_units, usd_value
from wallet.chains.registry import Chain, TokenInfo
from wallet.keys.remember import KeyringUnavailableError
from wallet.store.accounts import DuplicateAccountNameError
from wallet.store.atomic import atomic_write_text
from wallet.ui.account_management import RecoveryPhraseDialog, RenameAccountDialog
from wallet.ui.context import AppContext
from wallet.ui.dialogs import (
    AddTokenDialog,
    ChangePasswordDialog,
    ExportKeystoreDialog,
    ImportKeyDialog,
    ImportKeystoreDialog,
)
from wallet.ui.errors import error_text
from wallet.ui.retranslate import retranslate_on_language_change

if TYPE_CHECKING:  # the balance stack (eth_abi) loads on first refresh, off the GUI thread
    from wallet.services.airgap import SignRequest
    from wallet.services.balances import BalanceSheet
    from wallet.services.faucet import FaucetGrant
    from wallet.ui.offline_signing import SignRequestDialog

COLUMN_NAME, COLUMN_ADDRESS, COLUMN_PATH, COLUMN_KIND = range(4)
T = TypeVar("T")
# A new block refreshes the balances at most this often (the chain monitor polls every few seconds).
BLOCK_REFRESH_MIN_S = 12.0
# m/44'/60'/a'/0/i: BIP-44 counts i, Ledger Live counts a; either way the account's place is a + i.
_HD_PATH_RE = re.compile(r"m/44'/60'/(\d+)'/0/(\d+)")


def account_position(derivation_path: str | None) -> int | None:
    """Which account of the recovery phrase this is, from 1, or None for a path of another shape."""
    match = _HD_PATH_RE.fullmatch(derivation_path or "")
    return int(match[1]) + int(match[2]) + 1 if match else None


# The names the app gives accounts of other kinds, stored in English like default_account_name's.
WATCH_ONLY_NAME = "Watch-only"
OFFLINE_SIGNER_NAME = "Offline signer"
_NUMBERED_WATCH_RE = re.compile(re.escape(WATCH_ONLY_NAME) + r"( \d+)?")


def default_account_name(position: int) -> str:
    """The name the app stores for the recovery phrase's account at ``position``: English, the
    language of logs and error messages; screens show it through ``account_label``."""
    return f"Account {position}"


def account_label(account: Account) -> str:
    """The name to show. A name the app made ("Account 2", numbered by the account's place in the
    recovery phrase, never by how many accounts of other kinds exist) is shown in the language on
    screen; a name the user gave is shown as given."""
    position = account_position(account.derivation_path)
    if account.kind is AccountKind.HOT_HD and position is not None \
            and account.name in ("", default_account_name(position)):
        return QCoreApplication.translate("AccountsPage", "Account {number}").format(number=position)
    if account.kind is AccountKind.WATCH and (match := _NUMBERED_WATCH_RE.fullmatch(account.name)):
        return QCoreApplication.translate("AccountsPage", "Watch-only") + (match[1] or "")
    if account.kind is AccountKind.AIRGAPPED and account.name == OFFLINE_SIGNER_NAME:
        return QCoreApplication.translate("AccountsPage", "Offline signer")
    return account.name


class AccountsPage(QWidget):
    lock_state_changed = Signal(bool)  # True when unlocked

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.unlocked = False
        self.busy = False
        self.sign_request_dialog: SignRequestDialog | None = None
        self.add_token_dialog: AddTokenDialog | None = None
        self.recovery_dialog: RecoveryPhraseDialog | None = None
        self.rename_dialog: RenameAccountDialog | None = None
        self.remove_dialog: QMessageBox | None = None
        self._shown_ids: list[int] = []
        self._language = "en"
        # Everything the balance box shows is keyed by the chain it came from (the Chain itself: a
        # restarted playground keeps its key but not its nodes), and shown only under that chain.
        self.sheet: BalanceSheet | None = None
        self.sheet_chain: Chain | None = None
        self.balance_tokens: list[TokenInfo] = []
        self._balance_error: tuple[Chain, Exception] | None = None
        self.balances_loading: Chain | None = None  # the chain of the latest request still out
        self._balance_request = 0  # an answer to an earlier request than this one is dropped
        self._refresh_again = False
        self._last_refresh_at = float("-inf")
        self.block_refresh_interval_s = BLOCK_REFRESH_MIN_S
        self._network_chain: Chain | None = None
        self._message_chain: Chain | None = None  # the chain a message on the page is about, if any
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.message = QLabel(self)
        self.message.setObjectName("accountsMessage")
        self.message.setWordWrap(True)

        # No wallet yet.
        self.setup_panel = QWidget(self)
        self.setup_text = QLabel(self.setup_panel)
        self.setup_text.setWordWrap(True)
        self.setup_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setup_button = QPushButton(self.setup_panel)
        self.setup_button.setObjectName("setupWalletButton")
        self.setup_button.clicked.connect(self.start_onboarding)
        setup_layout = QVBoxLayout(self.setup_panel)
        setup_layout.addStretch(1)
        setup_layout.addWidget(self.setup_text)
        setup_layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignCenter)
        setup_layout.addStretch(2)

        # A wallet exists: the table, plus an unlock bar or the actions.
        self.wallet_panel = QWidget(self)
        self.table = QTableWidget(0, 4, self.wallet_panel)
        self.table.setObjectName("accountsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (COLUMN_NAME, COLUMN_PATH, COLUMN_KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.unlock_bar = QWidget(self.wallet_panel)
        self.password_edit = QLineEdit(self.unlock_bar)
        self.password_edit.setObjectName("unlockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.unlock)
        self.remember_check = QCheckBox(self.unlock_bar)
        self.remember_check.setEnabled(False)  # until a keyring is found (checked off the GUI thread)
        self.keyring_available: bool | None = None
        self.unlock_button = QPushButton(self.unlock_bar)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        unlock_layout = QHBoxLayout(self.unlock_bar)
        unlock_layout.setContentsMargins(0, 0, 0, 0)
        unlock_layout.addWidget(self.password_edit, 1)
        unlock_layout.addWidget(self.remember_check)
        unlock_layout.addWidget(self.unlock_button)
        self.actions_bar = QWidget(self.wallet_panel)
        self.add_button = self._action("addAccountButton", self.add_account)
        self.copy_button = self._action("copyAddressButton", self.copy_address)
        self.lock_button = self._action("lockButton", self.lock)
        # The rare actions live in one menu, so the bar fits the window in every language.
        self.manage_button = QPushButton(self)
        self.manage_button.setObjectName("manageAccountsButton")
        self.manage_menu = QMenu(self.manage_button)
        self.manage_button.setMenu(self.manage_menu)
        self.copy_xpub_action = self._menu_action("copyXpubAction", self.copy_xpub)
        self.rename_action = self._menu_action("renameAccountAction", self.open_rename_account)
        self.remove_action = self._menu_action("removeAccountAction", self.open_remove_account)
        self.manage_menu.addSeparator()
        self.import_key_action = self._menu_action("importKeyAction", self.open_import_key)
        self.import_keystore_action = self._menu_action("importKeystoreAction", self.open_import_keystore)
        self.export_action = self._menu_action("exportKeystoreAction", self.open_export_keystore)
        self.manage_menu.addSeparator()
        self.sign_request_action = self._menu_action("signOfflineRequestAction", self.open_sign_request)
        self.manage_menu.addSeparator()
        self.recovery_action = self._menu_action("showRecoveryPhraseAction", self.open_recovery_phrase)
        self.password_action = self._menu_action("changePasswordAction", self.open_change_password)
        actions_layout = QHBoxLayout(self.actions_bar)
        actions_layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.copy_button, self.manage_button):
            actions_layout.addWidget(button)
        actions_layout.addStretch(1)
        actions_layout.addWidget(self.lock_button)
        self.balances_group = QGroupBox(self.wallet_panel)
        self.balances_table = QTableWidget(0, 4, self.balances_group)
        self.balances_table.setObjectName("balancesTable")
        self.balances_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.balances_table.verticalHeader().setVisible(False)
        self.balances_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.balance_status = QLabel(self.balances_group)
        self.balance_status.setObjectName("balanceStatus")
        self.balance_progress = QProgressBar(self.balances_group)
        self.balance_progress.setRange(0, 0)
        self.balance_progress.setMaximumWidth(120)
        self.balance_progress.hide()
        self.refresh_balances_button = self._action("refreshBalancesButton", self.refresh_balances)
        self.add_token_button = self._action("addTokenButton", self.open_add_token)
        self.token_list_button = self._action("importTokenListButton", self.open_import_token_list)
        self.faucet_button = self._action("faucetButton", self.get_test_coins)
        self.faucet_button.hide()  # shown on the playground's chains only
        # The status on its own line (it wraps): beside the buttons it was cut in either language.
        self.balance_status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.balance_status, 1)
        status_row.addWidget(self.balance_progress)
        balance_bar = QHBoxLayout()
        balance_bar.addWidget(self.faucet_button)
        balance_bar.addStretch(1)
        balance_bar.addWidget(self.add_token_button)
        balance_bar.addWidget(self.token_list_button)
        balance_bar.addWidget(self.refresh_balances_button)
        balances_layout = QVBoxLayout(self.balances_group)
        balances_layout.addLayout(status_row)
        balances_layout.addLayout(balance_bar)
        balances_layout.addWidget(self.balances_table)
        self.table.itemSelectionChanged.connect(self._show_balances)
        # Rename and remove also on the row itself: a wallet of device or watch-only accounts has
        # no hot wallet to unlock, so the Manage menu never shows.
        self.table_menu = QMenu(self.table)
        self.table_menu.addActions([self.rename_action, self.remove_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._open_table_menu)
        wallet_layout = QVBoxLayout(self.wallet_panel)
        wallet_layout.setContentsMargins(0, 0, 0, 0)
        # Only cold accounts so far (a device, an offline signer, watch-only): a hot wallet can still come.
        self.add_hot_button = self._action("addHotWalletButton", self.start_onboarding)
        wallet_layout.addWidget(self.add_hot_button, 0, Qt.AlignmentFlag.AlignLeft)
        wallet_layout.addWidget(self.unlock_bar)
        wallet_layout.addWidget(self.actions_bar)
        wallet_layout.addWidget(self.table, 2)
        wallet_layout.addWidget(self.balances_group, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.setup_panel)
        self.stack.addWidget(self.wallet_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()
        self.refresh()

    # --- state ------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The UI language, for names the chain registry holds per language (以太坊)."""
        return self._language

    @language.setter
    def language(self, language: str) -> None:
        self._language = language
        self._show_balances()  # the heading names the chain: say it in the new language now

    def refresh(self) -> None:
        accounts = self.context.accounts.all()
        has_wallet = self.context.has_hot_wallet() or bool(accounts)
        self.stack.setCurrentWidget(self.wallet_panel if has_wallet else self.setup_panel)
        self.unlock_bar.setVisible(self.context.has_hot_wallet() and not self.unlocked)
        self.add_hot_button.setVisible(not self.context.has_hot_wallet())
        self.actions_bar.setVisible(self.unlocked)
        for widget in (self.unlock_button, self.password_edit, self.add_button, self.manage_button, self.lock_button,
                       self.setup_button, self.add_hot_button):
            widget.setEnabled(not self.busy)
        self.remember_check.setEnabled(not self.busy and bool(self.keyring_available))
        if self.unlock_bar.isVisibleTo(self) and self.keyring_available is None:
            self._check_keyring()
        self._fill_table(accounts)

    def refresh_if_changed(self) -> None:
        """On showing the page: accounts added elsewhere (the Devices page) appear, with balances."""
        if [a.id for a in self.context.accounts.all()] != self._shown_ids:
            self.refresh()
            self.refresh_balances()

    def accounts(self) -> list[Account]:
        return self.context.accounts.all()

    def selected_account(self) -> Account | None:
        account_id = self._selected_id()
        return None if account_id is None else self.context.accounts.get(account_id)

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), COLUMN_NAME) if rows else None
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    # --- balances ---------------------------------------------------------------------------
    def refresh_balances(self) -> None:
        """Native and token balances of every account on the selected chain, in the background.

        One request per chain at a time; a request for the chain now selected supersedes one for a
        chain left behind, whose answer (or error) is then dropped when it comes."""
        chain = self.context.network.selected_chain()
        owners = [a.address for a in self.context.accounts.all()]
        if chain is None or not owners:
            self._show_balances()
            return
        if self.balances_loading == chain:
            self._refresh_again = True  # the answer in flight may predate what triggered this call
            return
        self._balance_request += 1
        request = self._balance_request
        self.balances_loading, self._refresh_again = chain, False
        self._last_refresh_at = time.monotonic()
        self._show_balances()

        def work() -> tuple[BalanceSheet, list[TokenInfo]]:
            from wallet.services.balances import fetch_balances
            tokens = self.context.tokens.tracked(chain)
            return fetch_balances(self.context.network.client(chain), chain, owners, tokens), tokens

        def done(result: tuple[BalanceSheet, list[TokenInfo]]) -> None:
            if request != self._balance_request:
                return
            self._settle_balances()
            if chain != self.context.network.selected_chain():
                return
            (self.sheet, self.balance_tokens), self.sheet_chain, self._balance_error = result, chain, None
            self._show_balances()
            if self.sheet.distrusted:  # each reason names the node and says it is no longer used
                self.show_message("\n".join(error_text(reason) for reason in self.sheet.distrusted.values()),
                                  error=True, chain=chain)

        def failed(error: Exception) -> None:
            if request != self._balance_request:
                return
            self._settle_balances()
            self._balance_error = (chain, error)
            self._show_balances()

        self.context.tasks.submit(work, done, failed)

    def network_changed(self) -> None:
        """The selected network changed (or may have): nothing of the old chain stays on the page, and
        the new chain's balances load now."""
        chain = self.context.network.selected_chain()
        if chain == self._network_chain:
            return
        self._network_chain = chain
        if self._message_chain is not None:
            self.message.clear()
            self._message_chain = None
        self._show_balances()
        self.refresh_balances()

    def on_new_block(self, chain_key: str, block_number: int) -> None:
        """The chain monitor saw a block: refresh, coalesced to one request per
        ``block_refresh_interval_s`` (our accounts' balances can only change with a block)."""
        chain = self.context.network.selected_chain()
        if chain is None or chain.key != chain_key or self.balances_loading == chain:
            return
        if self.sheet is not None and self.sheet_chain == chain and self.sheet.block_number >= block_number:
            return
        if time.monotonic() - self._last_refresh_at >= self.block_refresh_interval_s:
            self.refresh_balances()

    def add_token(self, address: str) -> None:
        """Track the ERC-20 at ``address`` on the selected chain (checked on chain first)."""
        chain = self.context.network.selected_chain()
        if chain is None:
            return

        def work() -> TokenInfo:
            from wallet.services.tokens import add_custom_token

            return add_custom_token(self.context.network.client(chain), self.context.tokens, address)

        def done(token: TokenInfo) -> None:
            self.show_message(self.tr("Now tracking {symbol} ({name}).").format(symbol=token.symbol, name=token.name))
            self.refresh_balances()

        self.context.tasks.submit(work, done, lambda error: self.show_message(error_text(error), error=True))

    def import_token_list(self, text: str) -> None:
        def work() -> tuple[int, int]:
            from wallet.services.tokens import import_token_list

            result = import_token_list(text, self.context.network.registry, self.context.tokens)
            return result.imported, result.skipped

        def done(counts: tuple[int, int]) -> None:
            self.show_message(self.tr("Imported {imported} tokens; skipped {skipped} for other networks or "
                                      "malformed.").format(imported=counts[0], skipped=counts[1]))
            self.refresh_balances()

        self.context.tasks.submit(work, done, lambda error: self.show_message(error_text(error), error=True))

    def open_add_token(self) -> None:
        dialog = AddTokenDialog(self)
        dialog.setObjectName("addTokenDialog")
        self.add_token_dialog = dialog
        dialog.accepted.connect(lambda: self.add_token(dialog.address.text().strip()) if dialog.address.text().strip()
                                else None)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- playground faucet --------------------------------------------------------------------
    def get_test_coins(self) -> None:
        """On a playground chain: test coin and every test token for the selected account."""
        chain, account = self.context.network.selected_chain(), self.selected_account()
        if chain is None or not chain.devnet:
            return
        if account is None:
            self.show_message(self.tr("Select an account first."), error=True)
            return
        self.faucet_button.setEnabled(False)
        self.show_message(self.tr("Asking the playground for test coins…"))

        def work() -> FaucetGrant:
            from wallet.services.faucet import fund_from_playground

            return fund_from_playground(self.context.network.client(chain), account.address)

        def done(grant: FaucetGrant) -> None:
            self.faucet_button.setEnabled(True)
            amounts = [f"{format_units(grant.coin, chain.native.decimals)} {chain.native.symbol}"]
            amounts += [f"{format_units(amount, token.decimals)} {token.symbol}" for token, amount in grant.tokens]
            self.show_message(self.tr("{name} received {amounts}. Swap and Atomic swap can be tried now.").format(
                name=account_label(account), amounts=", ".join(amounts)), chain=chain)
            self.refresh_balances()

        def failed(error: Exception) -> None:
            self.faucet_button.setEnabled(True)
            self.show_message(error_text(error), error=True, chain=chain)

        self.context.tasks.submit(work, done, failed)

    def open_import_token_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a token list"), str(Path.home()),
                                              self.tr("Token lists (*.json)"))
        if path:
            try:
                self.import_token_list(Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                self.show_message(str(error), error=True)

    def _settle_balances(self) -> None:
        self.balances_loading = None
        if self._refresh_again:
            self._refresh_again = False
            QTimer.singleShot(0, self, self.refresh_balances)  # not after the page is gone

    def _show_balances(self) -> None:
        chain = self.context.network.selected_chain()
        sheet = self.sheet if chain is not None and self.sheet_chain == chain else None
        error = self._balance_error[1] if self._balance_error and self._balance_error[0] == chain else None
        loading = chain is not None and self.balances_loading == chain
        self.balances_group.setTitle(self.tr("Balances on {chain}").format(chain=chain.display_name(self.language))
                                     if chain else self.tr("Balances"))
        self.faucet_button.setVisible(chain is not None and chain.devnet)
        self.balance_progress.setVisible(loading)
        account = self.selected_account()
        if sheet is None or chain is None:
            self.balances_table.setRowCount(0)
            self.balance_status.setText(self.tr("No network selected.") if chain is None
                                        else self.tr("Refreshing balances…") if loading
                                        else error_text(error) if error is not None else "")
            return
        rows = [(chain.native.symbol, chain.native.decimals, sheet.native.get(account.address) if account else None,
                 sum(sheet.native.values()), sheet.usd_prices.get(""))]
        rows += [(t.symbol, t.decimals, sheet.tokens.get((account.address, t.address)) if account else None,
                  sheet.token_total(t.address), sheet.usd_prices.get(t.address)) for t in self.balance_tokens]
        self.balances_table.setRowCount(len(rows))
        total_usd = Decimal(0)
        for row, (symbol, decimals, mine, total, price) in enumerate(rows):
            value = usd_value(total, decimals, price)
            total_usd += value or 0
            cells = [symbol, "?" if mine is None else format_units(mine, decimals, 6), format_units(total, decimals, 6),
                     "—" if value is None else f"≈ ${value:,.2f}"]
            for column, text in enumerate(cells):
                self.balances_table.setItem(row, column, QTableWidgetItem(text))
        self._mark_verification(sheet)
        status = self.tr("As of block {block}").format(block=f"{sheet.block_number:,}")
        if sheet.usd_prices:
            status += " · " + self.tr("All accounts ≈ ${total} (prices from the chain's DEX)").format(
                total=f"{total_usd:,.2f}")
        if loading:
            status += " · " + self.tr("updating…")
        elif error is not None:  # the last refresh failed: these numbers are from the block named
            status += " · " + error_text(error)
        self.balance_status.setText(status)

    def _mark_verification(self, sheet: BalanceSheet) -> None:
        """A ✓ on the coin balances proven against a block several nodes agree on; tooltips say why
        (or why not), and that token balances are never proven."""
        verification = sheet.verification
        if verification.verified:
            coin_tip = self.tr("Proven against block {block} agreed by {count} nodes").format(
                block=f"{sheet.block_number:,}", count=verification.agreeing_nodes)
        else:
            coin_tip = error_text(verification.reason) if verification.reason else self.tr("Not verified")
        token_tip = self.tr("Token balances are not proven: they are what one node's contract calls returned.")
        for row in range(self.balances_table.rowCount()):
            for column in (1, 2):
                item = self.balances_table.item(row, column)
                if item is None:
                    continue
                if row == 0 and verification.verified and item.text() != "?":
                    item.setText(item.text() + " ✓")
                item.setToolTip(coin_tip if row == 0 else token_tip)

    # --- onboarding ---------------------------------------------------------------------------
    def start_onboarding(self) -> None:
        # Imported here: the wizard's word lists and password estimator are only needed now.
        from wallet.ui.onboarding.wizard import OnboardingWizard

        self.wizard = OnboardingWizard(self)
        self.wizard.accepted.connect(self._onboarding_done)
        password_page = self.wizard.password_page
        self._check_keyring(password_page.set_keyring_available)
        self.wizard.open()

    def _check_keyring(self, then: Callable[[bool], None] | None = None) -> None:
        """Find out once, off the GUI thread, whether "remember the password" can work here; the
        choice is shown disabled, with the reason, where it cannot."""
        def done(available: bool) -> None:
            self.keyring_available = available
            self.remember_check.setEnabled(available and not self.busy)
            self._label_remember()
            if then is not None:
                then(available)

        if self.keyring_available is not None:
            done(self.keyring_available)
            return

        def work() -> bool:
            from wallet.ui.onboarding.wizard import keyring_usable

            return keyring_usable()

        self.context.tasks.submit(work, done, lambda _error: done(False))

    def _label_remember(self) -> None:
        """Where there is no keyring the choice stays visible, disabled, and says why."""
        unavailable = self.keyring_available is False
        self.remember_check.setText(self.tr("Remember on this computer (no system keyring here)") if unavailable
                                    else self.tr("Remember on this computer"))
        self.remember_check.setToolTip(self.tr(
            "This computer has no system keyring, so the password cannot be remembered.") if unavailable else "")

    def _onboarding_done(self) -> None:
        result = self.wizard.result_data()

        def work() -> str | None:
            service = self.context.hot_wallet()
            self._name_by_position(service.create(result.mnemonic, result.passphrase, result.password, ""))
            if result.remember:
                try:
                    service.remember_password(result.password)
                except KeyringUnavailableError as error:
                    return error_text(error)
            return None

        self._run(work, self._unlocked_with_note)

    # --- lock / unlock ----------------------------------------------------------------------
    def unlock(self) -> None:
        password = self.password_edit.text()
        remember = self.remember_check.isEnabled() and self.remember_check.isChecked()

        def work() -> str | None:
            service = self.context.hot_wallet()
            service.unlock(password)
            if remember:
                try:
                    service.remember_password(password)
                except KeyringUnavailableError as error:
                    return error_text(error)
            return None

        self._run(work, self._unlocked_with_note)

    def try_remembered_unlock(self) -> None:
        """At start-up: unlock silently if the user chose to remember the password."""
        if self.context.has_hot_wallet():
            def work() -> bool:
                service = self.context.hot_wallet()
                # Report the service's state, not the attempt's: it may already be unlocked.
                return service.unlock_with_remembered_password() or service.is_unlocked

            self._run(work, self._set_unlocked, quiet=True)

    def lock(self) -> None:
        if self.unlocked:
            self._close_recovery_phrase()  # at once, not when the keys are wiped a moment later
            self._run(lambda: self.context.hot_wallet().lock(), lambda _: self._set_unlocked(False))

    def _unlocked_with_note(self, note: str | None) -> None:
        self.password_edit.clear()
        self.remember_check.setChecked(False)
        self._set_unlocked(True)
        if note is not None:
            self.show_message(note, error=True)

    def _set_unlocked(self, unlocked: bool) -> None:
        self.unlocked = unlocked
        if not unlocked:
            self._close_recovery_phrase()
        self.refresh()
        self.lock_state_changed.emit(unlocked)
        if unlocked:  # after create, restore and unlock the balances load by themselves
            self.refresh_balances()

    # --- account actions --------------------------------------------------------------------
    def add_account(self) -> None:
        self._run(lambda: self._name_by_position(self.context.hot_wallet().add_hd_account("")), self._account_added)

    def _name_by_position(self, account: Account) -> Account:
        """Name a new account of the recovery phrase after its place, known once it is derived.
        Blocking (a database write): runs in the task that derived it."""
        position = account_position(account.derivation_path)
        if position is None:
            return account
        self.context.accounts.rename(account.id, default_account_name(position))
        return self.context.accounts.get(account.id)

    def import_private_key(self, key_hex: str, name: str) -> None:
        self._run(lambda: self.context.hot_wallet().import_private_key(key_hex, name), self._account_added)

    def import_keystore(self, keystore_json: str, password: str, name: str) -> None:
        self._run(lambda: self.context.hot_wallet().import_keystore_v3(keystore_json, password, name),
                  self._account_added)

    def export_keystore(self, account: Account, password: str, destination: Path) -> None:
        def work() -> Path:
            atomic_write_text(destination, self.context.hot_wallet().export_keystore_v3(account, password))
            return destination

        self._run(work, lambda path: self.show_message(
            self.tr("Keystore saved to {path}.").format(path=path)))

    def copy_address(self) -> None:
        account = self.selected_account()
        if account is not None:
            QGuiApplication.clipboard().setText(account.address)
            self.show_message(self.tr("Address of {name} copied.").format(name=account_label(account)))

    def copy_xpub(self) -> None:
        account = self.selected_account()
        if account is None or account.xpub is None:
            self.show_message(self.tr("Only accounts from the recovery phrase have an extended public key."),
                              error=True)
            return
        QGuiApplication.clipboard().setText(account.xpub)
        self.show_message(self.tr("Extended public key of {name} copied: it reveals all addresses of the "
                                  "account, but no key.").format(name=account_label(account)))

    def change_password(self, old: str, new: str) -> None:
        self._run(lambda: self.context.hot_wallet().change_password(old, new),
                  lambda _: self.show_message(self.tr("Password changed.")))

    def open_change_password(self) -> None:
        dialog = ChangePasswordDialog(self)

        def accepted() -> None:
            if dialog.new.text() != dialog.confirm.text():
                self.show_message(self.tr("The passwords differ."), error=True)
                return
            self.change_password(dialog.old.text(), dialog.new.text())

        dialog.accepted.connect(accepted)
        dialog.open()

    def open_import_key(self) -> None:
        dialog = ImportKeyDialog(self)
        dialog.name.setText(self.tr("Imported account"))
        dialog.accepted.connect(lambda: self.import_private_key(dialog.key.text(), dialog.name.text()))
        dialog.open()

    def open_import_keystore(self) -> None:
        dialog = ImportKeystoreDialog(self)
        dialog.name.setText(self.tr("Imported account"))

        def accepted() -> None:
            try:
                text = Path(dialog.file.text()).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                self.show_message(str(error), error=True)
                return
            self.import_keystore(text, dialog.password.text(), dialog.name.text())

        dialog.accepted.connect(accepted)
        dialog.open()

    def open_export_keystore(self) -> None:
        account = self.selected_account()
        if account is None:
            self.show_message(self.tr("Select an account first."), error=True)
            return
        dialog = ExportKeystoreDialog(self)

        def accepted() -> None:
            if dialog.password.text() != dialog.confirm.text():
                QMessageBox.warning(self, dialog.windowTitle(), self.tr("The passwords differ."))
                return
            path, _ = QFileDialog.getSaveFileName(self, dialog.windowTitle(),
                                                  str(Path.home() / f"{account.address}.json"))
            if path:
                self.export_keystore(account, dialog.password.text(), Path(path))

        dialog.accepted.connect(accepted)
        dialog.open()

    def open_sign_request(self) -> None:
        """This computer as the offline signer of another computer's request."""
        from wallet.ui.offline_signing import SignRequestDialog

        dialog = SignRequestDialog(lambda request: self.sign_offline_request(request, dialog), self)
        dialog.setObjectName("signRequestDialog")
        self.sign_request_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def sign_offline_request(self, request: SignRequest, dialog: SignRequestDialog) -> None:
        def work() -> str:
            from wallet.services.airgap import holding_account, sign_request

            account = holding_account(request, self.context.accounts.all())
            signer, path = self.context.hot_wallet().signer_for(account)
            return sign_request(request, signer, path)

        self.context.tasks.submit(work, dialog.signed, dialog.failed)

    def open_recovery_phrase(self) -> None:
        """Password first, then the words, with a warning. The password is checked off the GUI
        thread by the hot-wallet service against the vault file."""
        def reveal(password: str) -> None:
            def done(words: list[str]) -> None:
                if dialog is self.recovery_dialog and self.unlocked:
                    dialog.show_words(words)

            def failed(error: Exception) -> None:
                if dialog is self.recovery_dialog:
                    dialog.failed(error_text(error))

            self.context.tasks.submit(lambda: self.context.hot_wallet().recovery_phrase(password), done, failed)

        def closed() -> None:
            if self.recovery_dialog is dialog:
                self.recovery_dialog = None
            dialog.deleteLater()

        dialog = RecoveryPhraseDialog(reveal, self)
        self.recovery_dialog = dialog
        dialog.finished.connect(closed)
        dialog.open()

    def _open_table_menu(self, position: QPoint) -> None:
        if self.table.indexAt(position).isValid() and not self.busy:
            self.table_menu.popup(self.table.viewport().mapToGlobal(position))

    def _close_recovery_phrase(self) -> None:
        """The words go with the keys."""
        if self.recovery_dialog is not None:
            self.recovery_dialog.clear()
            self.recovery_dialog.reject()

    def open_rename_account(self) -> None:
        account = self.selected_account()
        if account is None:
            self.show_message(self.tr("Select an account first."), error=True)
            return
        dialog = RenameAccountDialog(account_label(account), self)
        self.rename_dialog = dialog
        dialog.accepted.connect(lambda: self.rename_account(account, dialog.name.text()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def rename_account(self, account: Account, name: str) -> None:
        name = " ".join(name.split())
        if name == account_label(account):
            return  # unchanged: a name the app made stays the app's, shown in each language
        # The store compares stored names; the screen also shows names the app made in its language.
        if any(other.id != account.id and account_label(other).casefold() == name.casefold()
               for other in self.context.accounts.all()):
            self.show_message(error_text(DuplicateAccountNameError(name=name)), error=True)
            return
        self._run(lambda: self.context.accounts.rename_by_user(account.id, name), lambda renamed: self.show_message(
            self.tr("Renamed to {name}.").format(name=account_label(renamed))))

    def open_remove_account(self) -> None:
        """Ask first, saying what removing this kind of account means."""
        account = self.selected_account()
        if account is None:
            self.show_message(self.tr("Select an account first."), error=True)
            return
        name = account_label(account)
        if account.kind is AccountKind.HOT_HD:
            detail = self.tr("The recovery phrase stays: \"Add account\" brings this account back.")
        elif account.kind is AccountKind.HOT_KEY:
            detail = self.tr("Its private key is deleted from this computer. Without a backup of the key, "
                             "its funds are lost.")
        else:
            detail = self.tr("Only the entry goes: the keys were never on this computer.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Remove account"),
                          self.tr("Remove {name} ({address})?").format(name=name, address=account.address),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("removeAccountDialog")
        box.setInformativeText(detail)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.remove_dialog = box

        def finished(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                self.remove_account(account)

        box.finished.connect(finished)
        box.finished.connect(box.deleteLater)
        box.open()

    def remove_account(self, account: Account) -> None:
        def work() -> None:
            if account.kind.is_hot:
                self.context.hot_wallet().remove_account(account)
            else:
                self.context.accounts.remove(account.id)

        def done(_: None) -> None:
            self.refresh()  # the row goes before the balances are asked for the accounts left
            self.refresh_balances()
            self.show_message(self.tr("Removed {name}.").format(name=account_label(account)))

        self._run(work, done)

    def _account_added(self, account: Account) -> None:
        self.refresh()
        self.refresh_balances()
        self.show_message(self.tr("Added {name}.").format(name=account_label(account)))

    # --- plumbing ---------------------------------------------------------------------------
    def _run(self, work: Callable[[], T], on_done: Callable[[T], None], quiet: bool = False) -> None:
        self.busy = True
        self.refresh()

        def done(result: T) -> None:
            self.busy = False
            on_done(result)
            self.refresh()

        def failed(error: Exception) -> None:
            self.busy = False
            self.refresh()
            if not quiet:
                self.show_message(error_text(error), error=True)

        if not quiet:
            self.message.clear()
        self.context.tasks.submit(work, done, failed)

    def show_message(self, text: str, error: bool = False, chain: Chain | None = None) -> None:
        """``chain``: the message is about that chain, and goes when another network is selected."""
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1e7d32;")
        self.message.setText(text)
        self._message_chain = chain

    def _menu_action(self, name: str, slot: Callable[[], None]) -> QAction:
        action = self.manage_menu.addAction("")
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _action(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _fill_table(self, accounts: list[Account]) -> None:
        self._shown_ids = [a.id for a in accounts]
        selected = self._selected_id()  # by id: the account may just have been removed
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        kinds = {AccountKind.HOT_HD: self.tr("Recovery phrase"), AccountKind.HOT_KEY: self.tr("Imported key"),
                 AccountKind.HARDWARE: self.tr("Hardware wallet"), AccountKind.AIRGAPPED: self.tr("Offline signer"),
                 AccountKind.WATCH: self.tr("Watch only")}
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            name = QTableWidgetItem(account_label(account))
            name.setData(Qt.ItemDataRole.UserRole, account.id)
            address = QTableWidgetItem(account.address)
            address.setFont(mono)
            self.table.setItem(row, COLUMN_NAME, name)
            self.table.setItem(row, COLUMN_ADDRESS, address)
            self.table.setItem(row, COLUMN_PATH, QTableWidgetItem(account.derivation_path or "—"))
            self.table.setItem(row, COLUMN_KIND, QTableWidgetItem(kinds[account.kind]))
            if selected == account.id:
                self.table.selectRow(row)
        if accounts and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Accounts"))
        self.setup_text.setText(self.tr(
            "No wallet on this computer yet. Create a new one, or restore one from its recovery phrase."))
        self.setup_button.setText(self.tr("Create or restore a wallet…"))
        self.add_hot_button.setText(self.tr("Create or restore a hot wallet on this computer…"))
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self._label_remember()
        self.unlock_button.setText(self.tr("Unlock"))
        self.add_button.setText(self.tr("Add account"))
        self.copy_button.setText(self.tr("Copy address"))
        self.manage_button.setText(self.tr("Manage"))
        self.copy_xpub_action.setText(self.tr("Copy xpub"))
        self.password_action.setText(self.tr("Change password…"))
        self.rename_action.setText(self.tr("Rename account…"))
        self.remove_action.setText(self.tr("Remove account…"))
        self.recovery_action.setText(self.tr("Show recovery phrase…"))
        self.import_key_action.setText(self.tr("Import key…"))
        self.import_keystore_action.setText(self.tr("Import keystore…"))
        self.export_action.setText(self.tr("Export keystore…"))
        self.sign_request_action.setText(self.tr("Sign offline request…"))
        self.sign_request_action.setToolTip(self.tr("Use this computer as the offline signer of a request "
                                                    "exported by an online wallet."))
        self.manage_menu.setToolTipsVisible(True)
        self.faucet_button.setText(self.tr("Get test coins"))
        self.faucet_button.setToolTip(self.tr("The playground sends the selected account test coins and every "
                                              "test token."))
        self.lock_button.setText(self.tr("Lock"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Address"), self.tr("Derivation path"), self.tr("Keys")])
        self.balances_table.setHorizontalHeaderLabels(
            [self.tr("Asset"), self.tr("Selected account"), self.tr("All accounts"), self.tr("Value (USD)")])
        self.refresh_balances_button.setText(self.tr("Refresh"))
        self.add_token_button.setText(self.tr("Add token…"))
        self.token_list_button.setText(self.tr("Import token list…"))
        self._show_balances()
        if self.table.rowCount():
            self._fill_table(self.context.accounts.all())
