"""Accounts: set up the hot wallet, unlock and lock it, list accounts with what they hold, add, import
and export them.

Everything that touches keys runs in the task runner (scrypt is slow by design); this page only
tracks the outcome. The account list itself comes from the local database, which is quick to read.

The page is a portfolio: each account's USD total on the selected chain, the wallet's total above,
and the selected account's coin and tokens (amount, price, value; zero balances folded). Both tables
are Qt models (``wallet.ui.balances_model``), reset in one go per refresh. Only what the first frame
shows is built at start: the wallet's panel when a wallet exists, the dialogs' modules when opened.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from wallet.accounts.model import Account, AccountKind
from wallet.chains.amounts import format_units
from wallet.chains.registry import Chain, TokenInfo
from wallet.keys.remember import KeyringUnavailableError
from wallet.store.accounts import DuplicateAccountNameError
from wallet.store.atomic import atomic_write_text
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.message_label import MessageLabel, Render
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

if TYPE_CHECKING:  # the balance stack (eth_abi) loads on first refresh, off the GUI thread; dialogs when opened
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QMessageBox, QTableView

    from wallet.services.airgap import SignRequest
    from wallet.services.balances import BalanceSheet, Portfolio
    from wallet.services.faucet import FaucetGrant
    from wallet.ui.account_management import RecoveryPhraseDialog, RenameAccountDialog
    from wallet.ui.dialogs import AddTokenDialog
    from wallet.ui.offline_signing import SignRequestDialog

T = TypeVar("T")
# A new block refreshes the balances at most this often (the chain monitor polls every few seconds).
BLOCK_REFRESH_MIN_S = 12.0
# m/44'/60'/a'/0/i: BIP-44 counts i, Ledger Live counts a; either way the account's place is a + i.
_HD_PATH_RE = re.compile(r"m/44'/60'/(\d+)'/0/(\d+)")
ROW_HEIGHT_LINES = 1.7  # table rows: one line of text and some air, the same for every row
ACCOUNT_ROWS_SHOWN = 5  # the accounts table grows to this many rows, then scrolls


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


def _table_view(parent: QWidget, name: str) -> QTableView:
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    # Every row the same fixed height: the view never measures rows (200 tokens cost what 10 do).
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(round(view.fontMetrics().height() * ROW_HEIGHT_LINES))
    return view


class AccountsPage(QWidget):
    lock_state_changed = Signal(bool)  # True when unlocked
    utxo_requested = Signal()  # the Bitcoin & Litecoin page, from the accounts' summary of those coins

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
        self.table_menu: QMenu | None = None  # the row's menu, made when first asked for
        self.keyring_available: bool | None = None
        self._language = "en"
        # Everything the portfolio shows is keyed by the chain it came from (the Chain itself: a
        # restarted playground keeps its key but not its nodes), and shown only under that chain.
        self.sheet: BalanceSheet | None = None
        self.portfolio: Portfolio | None = None
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
        self._setup_built = self._wallet_built = False
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.message = MessageLabel(self)
        self.message.setObjectName("accountsMessage")
        # The panels are built when first shown: no wallet yet (the setup panel) or a wallet (the rest).
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()
        self.refresh()

    # --- building ---------------------------------------------------------------------------
    def _build_setup_panel(self) -> None:
        """No wallet yet: one sentence and one button."""
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
        self.stack.addWidget(self.setup_panel)
        self._setup_built = True
        self._retranslate_setup()

    def _build_wallet_panel(self) -> None:
        """A wallet exists: unlock bar or actions, the wallet's total, the accounts, the selected
        account's holdings. The classes only this panel uses load now, not with the page."""
        from PySide6.QtWidgets import (
            QAbstractItemView,
            QCheckBox,
            QGroupBox,
            QHeaderView,
            QLineEdit,
            QMenu,
            QProgressBar,
        )

        from wallet.ui.balances_model import AccountsModel, HoldingsModel

        self.wallet_panel = panel = QWidget(self)
        self.unlock_bar = QWidget(panel)
        self.password_edit = QLineEdit(self.unlock_bar)
        self.password_edit.setObjectName("unlockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.unlock)
        self.remember_check = QCheckBox(self.unlock_bar)
        self.remember_check.setEnabled(False)  # until a keyring is found (checked off the GUI thread)
        self.unlock_button = QPushButton(self.unlock_bar)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        unlock_layout = QHBoxLayout(self.unlock_bar)
        unlock_layout.setContentsMargins(0, 0, 0, 0)
        unlock_layout.addWidget(self.password_edit, 1)
        unlock_layout.addWidget(self.remember_check)
        unlock_layout.addWidget(self.unlock_button)
        self.actions_bar = QWidget(panel)
        self.add_button = self._action("addAccountButton", self.add_account)
        self.copy_button = self._action("copyAddressButton", self.copy_address)
        self.lock_button = self._action("lockButton", self.lock)
        # The rare actions live in one menu, so the bar fits the window in every language.
        self.manage_button = QPushButton(self)
        self.manage_button.setObjectName("manageAccountsButton")
        self.manage_menu = QMenu(self.manage_button)
        self.manage_menu.setToolTipsVisible(True)
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

        # The wallet's total on the selected chain, and how fresh it is.
        self.wallet_total = QLabel(panel)
        self.wallet_total.setObjectName("walletTotal")
        self.wallet_total.setWordWrap(True)
        self.wallet_total.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.wallet_total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_balances_button = self._action("refreshBalancesButton", self.refresh_balances)
        self.balance_status = QLabel(panel)
        self.balance_status.setObjectName("balanceStatus")
        self.balance_status.setWordWrap(True)  # on its own line: beside the buttons it was cut
        self.balance_progress = QProgressBar(panel)
        self.balance_progress.setRange(0, 0)
        self.balance_progress.setMaximumWidth(120)
        self.balance_progress.hide()
        total_row = QHBoxLayout()
        total_row.addWidget(self.wallet_total, 1)
        total_row.addWidget(self.balance_progress)
        total_row.addWidget(self.refresh_balances_button)

        # The accounts, each with its total.
        self.accounts_model = AccountsModel(account_label, self)
        self.table = _table_view(panel, "accountsTable")
        self.table.setModel(self.accounts_model)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the whole address is in the tooltip
        header = self.table.horizontalHeader()
        for column in (AccountsModel.NAME, AccountsModel.KEYS, AccountsModel.VALUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AccountsModel.ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda _selected, _deselected: self._show_holdings())
        # Rename and remove also on the row itself: a wallet of device or watch-only accounts has
        # no hot wallet to unlock, so the Manage menu never shows.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._open_table_menu)

        # The selected account's coin and tokens.
        self.balances_group = QGroupBox(panel)
        self.balances_group.setObjectName("holdingsGroup")
        self.holdings_model = HoldingsModel(self)
        self.balances_table = _table_view(self.balances_group, "balancesTable")
        self.balances_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.balances_table.setModel(self.holdings_model)
        self.balances_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.balances_table.setSortingEnabled(True)
        self.balances_table.sortByColumn(HoldingsModel.VALUE, Qt.SortOrder.DescendingOrder)
        self.zero_toggle = QPushButton(self.balances_group)
        self.zero_toggle.setObjectName("zeroBalancesToggle")
        self.zero_toggle.setCheckable(True)
        self.zero_toggle.toggled.connect(self._fold_zero_balances)
        self.zero_toggle.hide()
        self.add_token_button = self._action("addTokenButton", self.open_add_token)
        self.token_list_button = self._action("importTokenListButton", self.open_import_token_list)
        self.faucet_button = self._action("faucetButton", self.get_test_coins)
        self.faucet_button.hide()  # shown on the playground's chains only
        holdings_bar = QHBoxLayout()
        holdings_bar.addWidget(self.zero_toggle)
        holdings_bar.addWidget(self.faucet_button)
        holdings_bar.addStretch(1)
        holdings_bar.addWidget(self.add_token_button)
        holdings_bar.addWidget(self.token_list_button)
        holdings_layout = QVBoxLayout(self.balances_group)
        holdings_layout.addWidget(self.balances_table, 1)
        holdings_layout.addLayout(holdings_bar)

        for button, icon_name in ((self.unlock_button, "unlock"), (self.add_button, "account_add"),
                                  (self.copy_button, "copy"), (self.lock_button, "lock"),
                                  (self.refresh_balances_button, "refresh"), (self.add_token_button, "add"),
                                  (self.token_list_button, "import")):
            set_icon(button, icon_name)  # shown once the icon font has loaded, after the first frame
        wallet_layout = QVBoxLayout(panel)
        wallet_layout.setContentsMargins(0, 0, 0, 0)
        # Only cold accounts so far (a device, an offline signer, watch-only): a hot wallet can still come.
        self.add_hot_button = self._action("addHotWalletButton", self.start_onboarding)
        wallet_layout.addWidget(self.add_hot_button, 0, Qt.AlignmentFlag.AlignLeft)
        wallet_layout.addWidget(self.unlock_bar)
        wallet_layout.addWidget(self.actions_bar)
        wallet_layout.addLayout(total_row)
        wallet_layout.addWidget(self.balance_status)
        wallet_layout.addWidget(self.table, 2)
        wallet_layout.addWidget(self.balances_group, 3)
        self.stack.addWidget(panel)
        self._wallet_built = True
        self._retranslate_wallet()
        # The Bitcoin and Litecoin accounts below the others; their stack (Electrum, embit) loads after
        # the first frame: the task runner delivers this only once the window has been painted.
        self.context.tasks.submit(lambda: None, lambda _: self._add_utxo_summary(wallet_layout))

    def _add_utxo_summary(self, layout: QVBoxLayout) -> None:
        from wallet.ui.utxo.accounts_summary import UtxoAccountsSummary

        self.utxo_summary = UtxoAccountsSummary(self.context, self.context.utxo_wallet, self.wallet_panel)
        self.utxo_summary.open_requested.connect(self.utxo_requested)
        layout.addWidget(self.utxo_summary)

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
        if not has_wallet:
            if not self._setup_built:
                self._build_setup_panel()
            self.stack.setCurrentWidget(self.setup_panel)
            self.setup_button.setEnabled(not self.busy)
            if self._wallet_built:
                self._fill_table([])  # the last account went: nothing of it stays
            return
        if not self._wallet_built:
            self._build_wallet_panel()
        self.stack.setCurrentWidget(self.wallet_panel)
        self.unlock_bar.setVisible(self.context.has_hot_wallet() and not self.unlocked)
        self.add_hot_button.setVisible(not self.context.has_hot_wallet())
        self.actions_bar.setVisible(self.unlocked)
        for widget in (self.unlock_button, self.password_edit, self.add_button, self.manage_button, self.lock_button,
                       self.add_hot_button):
            widget.setEnabled(not self.busy)
        if self._setup_built:
            self.setup_button.setEnabled(not self.busy)
        self.remember_check.setEnabled(not self.busy and bool(self.keyring_available))
        if self.unlock_bar.isVisibleTo(self) and self.keyring_available is None:
            self._check_keyring()
        self._fill_table(accounts)

    def refresh_if_changed(self) -> None:
        """On showing the page: accounts added elsewhere (the Devices page) appear, with balances."""
        if [a.id for a in self.context.accounts.all()] != self.shown_account_ids():
            self.refresh()
            self.refresh_balances()

    def accounts(self) -> list[Account]:
        return self.context.accounts.all()

    def shown_account_ids(self) -> list[int]:
        """The accounts' ids in the order of the table's rows."""
        return self.accounts_model.account_ids() if self._wallet_built else []

    def selected_account(self) -> Account | None:
        account_id = self._selected_id()
        return None if account_id is None else self.context.accounts.get(account_id)

    def select_account(self, account_id: int) -> None:
        row = self.accounts_model.row_of(account_id) if self._wallet_built else None
        if row is not None:
            self.table.selectRow(row)

    def _selected_id(self) -> int | None:
        if not self._wallet_built:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.accounts_model.account_at(rows[0].row()).id if rows else None

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

        def work() -> tuple[BalanceSheet, list[TokenInfo], Portfolio]:
            from wallet.services.balances import build_portfolio, fetch_balances
            tokens = self.context.tokens.tracked(chain)
            sheet = fetch_balances(self.context.network.client(chain), chain, owners, tokens)
            return sheet, tokens, build_portfolio(sheet, chain, owners, tokens)  # valued and sorted here

        def done(result: tuple[BalanceSheet, list[TokenInfo], Portfolio]) -> None:
            if request != self._balance_request:
                return
            self._settle_balances()
            self.apply_balances(chain, *result)

        def failed(error: Exception) -> None:
            if request != self._balance_request:
                return
            self._settle_balances()
            self._balance_error = (chain, error)
            self._show_balances()

        self.context.tasks.submit(work, done, failed)

    def apply_balances(self, chain: Chain, sheet: BalanceSheet, tokens: list[TokenInfo], portfolio: Portfolio) -> None:
        """Show a snapshot of ``chain`` (what a refresh does with its answer; a bench may hand one in):
        dropped unless ``chain`` is still the selected one. ``portfolio`` is ``build_portfolio`` of the
        sheet, made off the GUI thread."""
        if chain != self.context.network.selected_chain():
            return
        self.sheet, self.balance_tokens, self.portfolio = sheet, tokens, portfolio
        self.sheet_chain, self._balance_error = chain, None
        self._show_balances()
        if sheet.distrusted:  # each reason names the node and says it is no longer used
            self.show_message(lambda: "\n".join(error_text(reason) for reason in sheet.distrusted.values()),
                              error=True, chain=chain)

    def network_changed(self) -> None:
        """The selected network changed (or may have): nothing of the old chain stays on the page, and
        the new chain's balances load now."""
        chain = self.context.network.selected_chain()
        if chain == self._network_chain:
            return
        self._network_chain = chain
        if self._message_chain is not None:
            self.message.clear_message()
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
            self.show_message(lambda: self.tr("Now tracking {symbol} ({name}).").format(symbol=token.symbol,
                                                                                       name=token.name))
            self.refresh_balances()

        self.context.tasks.submit(work, done, lambda error: self.show_message(lambda: error_text(error), error=True))

    def import_token_list(self, text: str) -> None:
        def work() -> tuple[int, int]:
            from wallet.services.tokens import import_token_list

            result = import_token_list(text, self.context.network.registry, self.context.tokens)
            return result.imported, result.skipped

        def done(counts: tuple[int, int]) -> None:
            self.show_message(lambda: self.tr("Imported {imported} tokens; skipped {skipped} for other networks or "
                                      "malformed.").format(imported=counts[0], skipped=counts[1]))
            self.refresh_balances()

        self.context.tasks.submit(work, done, lambda error: self.show_message(lambda: error_text(error), error=True))

    def open_add_token(self) -> None:
        from wallet.ui.dialogs import AddTokenDialog

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
            self.show_message(lambda: self.tr("Select an account first."), error=True)
            return
        self.faucet_button.setEnabled(False)
        self.show_message(lambda: self.tr("Asking the playground for test coins…"))

        def work() -> FaucetGrant:
            from wallet.services.faucet import fund_from_playground

            return fund_from_playground(self.context.network.client(chain), account.address)

        def done(grant: FaucetGrant) -> None:
            self.faucet_button.setEnabled(True)
            amounts = [f"{format_units(grant.coin, chain.native.decimals)} {chain.native.symbol}"]
            amounts += [f"{format_units(amount, token.decimals)} {token.symbol}" for token, amount in grant.tokens]
            self.show_message(lambda: self.tr("{name} received {amounts}. Swap and Atomic swap can be tried "
                                              "now.").format(name=account_label(account), amounts=", ".join(amounts)),
                              chain=chain)
            self.refresh_balances()

        def failed(error: Exception) -> None:
            self.faucet_button.setEnabled(True)
            self.show_message(lambda: error_text(error), error=True, chain=chain)

        self.context.tasks.submit(work, done, failed)

    def open_import_token_list(self) -> None:
        from PySide6.QtWidgets import QFileDialog

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
        """The wallet's total, the accounts' totals and the selected account's holdings, for the selected
        chain only: numbers, errors and the "updating" state of another chain are never shown."""
        if not self._wallet_built:
            return
        from wallet.ui.balances_model import format_usd  # loaded with the panel

        chain = self.context.network.selected_chain()
        current = chain is not None and self.sheet_chain == chain
        sheet, portfolio = (self.sheet, self.portfolio) if current else (None, None)
        error = self._balance_error[1] if self._balance_error and self._balance_error[0] == chain else None
        loading = chain is not None and self.balances_loading == chain
        self.faucet_button.setVisible(chain is not None and chain.devnet)
        self.balance_progress.setVisible(loading)
        self.accounts_model.set_portfolio(portfolio, loading)
        if chain is None:
            self.wallet_total.setText(self.tr("No network selected."))
        elif portfolio is None or portfolio.total_usd is None:
            self.wallet_total.setText(self.tr("Wallet total on {chain}: {value}").format(
                chain=chain.display_name(self.language), value="…" if loading and portfolio is None else "—"))
        else:
            self.wallet_total.setText(self.tr("Wallet total ≈ {value} on {chain}").format(
                value=format_usd(portfolio.total_usd), chain=chain.display_name(self.language)))
        set_tone(self.balance_status, Tone.ERROR if error is not None else Tone.MUTED)
        if sheet is None or chain is None:
            self.balance_status.setText("" if chain is None else self.tr("Refreshing balances…") if loading
                                        else error_text(error) if error is not None else "")
        else:
            status = self.tr("As of block {block}").format(block=f"{sheet.block_number:,}")
            status += " · " + (self.tr("prices from the chain's DEX") if sheet.usd_prices
                               else self.tr("no prices on this chain"))
            if loading:
                status += " · " + self.tr("updating…")
            elif error is not None:  # the last refresh failed: these numbers are from the block named
                status += " · " + error_text(error)
            self.balance_status.setText(status)
        self._show_holdings()

    def _show_holdings(self) -> None:
        """The selected account's coin and tokens on the selected chain (none of another chain's)."""
        if not self._wallet_built:
            return
        chain = self.context.network.selected_chain()
        account = self.selected_account()
        chain_name = chain.display_name(self.language) if chain is not None else ""
        if chain is None:
            self.balances_group.setTitle(self.tr("Balances"))
        elif account is None:
            self.balances_group.setTitle(self.tr("Balances on {chain}").format(chain=chain_name))
        else:
            self.balances_group.setTitle(self.tr("Holdings of {account} on {chain}").format(
                account=account_label(account), chain=chain_name))
        portfolio = self.portfolio if chain is not None and self.sheet_chain == chain else None
        held = portfolio.accounts.get(account.address) if portfolio is not None and account is not None else None
        sheet = self.sheet
        if held is None or sheet is None:
            self.holdings_model.set_holdings(())
        else:
            verification = sheet.verification
            if verification.verified:
                coin_note = self.tr("Proven against block {block} agreed by {count} nodes").format(
                    block=f"{sheet.block_number:,}", count=verification.agreeing_nodes)
            else:
                coin_note = error_text(verification.reason) if verification.reason else self.tr("Not verified")
            token_note = self.tr("Token balances are not proven: they are what one node's contract calls returned.")
            self.holdings_model.set_holdings(held.holdings, verification.verified, coin_note, token_note)
        self._label_zero_toggle()

    def _fold_zero_balances(self, show: bool) -> None:
        self.holdings_model.set_show_zero(show)
        self._label_zero_toggle()

    def _label_zero_toggle(self) -> None:
        count = self.holdings_model.zero_count
        self.zero_toggle.setVisible(count > 0)
        self.zero_toggle.setText(self.tr("Hide zero balances") if self.holdings_model.show_zero
                                 else self.tr("Show {count} zero balances").format(count=count))

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
            if self._wallet_built:  # else the unlock bar does not exist yet, and is labelled when built
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
        if self._wallet_built:  # not yet when the wallet was just created from the setup panel
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
            self.show_message(lambda: self.tr("Address of {name} copied.").format(name=account_label(account)))

    def copy_xpub(self) -> None:
        account = self.selected_account()
        if account is None or account.xpub is None:
            self.show_message(lambda: self.tr("Only accounts from the recovery phrase have an extended public key."),
                              error=True)
            return
        QGuiApplication.clipboard().setText(account.xpub)
        self.show_message(lambda: self.tr("Extended public key of {name} copied: it reveals all addresses of the "
                                  "account, but no key.").format(name=account_label(account)))

    def change_password(self, old: str, new: str) -> None:
        self._run(lambda: self.context.hot_wallet().change_password(old, new),
                  lambda _: self.show_message(lambda: self.tr("Password changed.")))

    def open_change_password(self) -> None:
        from wallet.ui.dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self)

        def accepted() -> None:
            if dialog.new.text() != dialog.confirm.text():
                self.show_message(lambda: self.tr("The passwords differ."), error=True)
                return
            self.change_password(dialog.old.text(), dialog.new.text())

        dialog.accepted.connect(accepted)
        dialog.open()

    def open_import_key(self) -> None:
        from wallet.ui.dialogs import ImportKeyDialog

        dialog = ImportKeyDialog(self)
        dialog.name.setText(self.tr("Imported account"))
        dialog.accepted.connect(lambda: self.import_private_key(dialog.key.text(), dialog.name.text()))
        dialog.open()

    def open_import_keystore(self) -> None:
        from wallet.ui.dialogs import ImportKeystoreDialog

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
            self.show_message(lambda: self.tr("Select an account first."), error=True)
            return
        from wallet.ui.dialogs import ExportKeystoreDialog

        dialog = ExportKeystoreDialog(self)

        def accepted() -> None:
            from PySide6.QtWidgets import QFileDialog, QMessageBox

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

        from wallet.ui.account_management import RecoveryPhraseDialog

        dialog = RecoveryPhraseDialog(reveal, self)
        self.recovery_dialog = dialog
        dialog.finished.connect(closed)
        dialog.open()

    def _open_table_menu(self, position: QPoint) -> None:
        if self.table.indexAt(position).isValid() and not self.busy:
            if self.table_menu is None:
                from PySide6.QtWidgets import QMenu

                self.table_menu = QMenu(self.table)
                self.table_menu.addActions([self.rename_action, self.remove_action])
            self.table_menu.popup(self.table.viewport().mapToGlobal(position))

    def _close_recovery_phrase(self) -> None:
        """The words go with the keys."""
        if self.recovery_dialog is not None:
            self.recovery_dialog.clear()
            self.recovery_dialog.reject()

    def open_rename_account(self) -> None:
        account = self.selected_account()
        if account is None:
            self.show_message(lambda: self.tr("Select an account first."), error=True)
            return
        from wallet.ui.account_management import RenameAccountDialog

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
            self.show_message(lambda: self.tr("Select an account first."), error=True)
            return
        name = account_label(account)
        if account.kind is AccountKind.HOT_HD:
            detail = self.tr("The recovery phrase stays: \"Add account\" brings this account back.")
        elif account.kind is AccountKind.HOT_KEY:
            detail = self.tr("Its private key is deleted from this computer. Without a backup of the key, "
                             "its funds are lost.")
        else:
            detail = self.tr("Only the entry goes: the keys were never on this computer.")
        from PySide6.QtWidgets import QMessageBox

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
            self.show_message(lambda: self.tr("Removed {name}.").format(name=account_label(account)))

        self._run(work, done)

    def _account_added(self, account: Account) -> None:
        self.refresh()
        self.refresh_balances()
        self.show_message(lambda: self.tr("Added {name}.").format(name=account_label(account)))

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
                self.show_message(lambda: error_text(error), error=True)

        if not quiet:
            self.message.clear_message()
        self.context.tasks.submit(work, done, failed)

    def show_message(self, text: str | Render, error: bool = False, chain: Chain | None = None) -> None:
        """``text``: best a function that says it (said again after a language switch; see
        MessageLabel). ``chain``: the message is about that chain, and goes when another network is
        selected."""
        self.message.say(text, Tone.ERROR if error else Tone.OK)
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
        """The accounts in one model reset; the selection follows the account (by id: it may just have
        been removed), else the first row."""
        selected = self._selected_id()
        self.accounts_model.set_accounts(accounts)
        self._fit_accounts_table(len(accounts))
        row = None if selected is None else self.accounts_model.row_of(selected)
        if accounts:
            self.table.selectRow(row or 0)
        self._show_balances()

    def _fit_accounts_table(self, rows: int) -> None:
        """As tall as its rows, up to ``ACCOUNT_ROWS_SHOWN`` (then it scrolls): the holdings get the rest."""
        shown = min(max(rows, 1), ACCOUNT_ROWS_SHOWN)
        header = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        scroll_bar = self.table.horizontalScrollBar().sizeHint().height() if rows > ACCOUNT_ROWS_SHOWN else 0
        self.table.setMaximumHeight(header + shown * self.table.verticalHeader().defaultSectionSize() + frame
                                    + scroll_bar)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Accounts"))
        if self._setup_built:
            self._retranslate_setup()
        if self._wallet_built:
            self._retranslate_wallet()

    def _retranslate_setup(self) -> None:
        self.setup_text.setText(self.tr(
            "No wallet on this computer yet. Create a new one, or restore one from its recovery phrase."))
        self.setup_button.setText(self.tr("Create or restore a wallet…"))

    def _retranslate_wallet(self) -> None:
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
        self.faucet_button.setText(self.tr("Get test coins"))
        self.faucet_button.setToolTip(self.tr("The playground sends the selected account test coins and every "
                                              "test token."))
        self.lock_button.setText(self.tr("Lock"))
        self.refresh_balances_button.setText(self.tr("Refresh"))
        self.add_token_button.setText(self.tr("Add token…"))
        self.token_list_button.setText(self.tr("Import token list…"))
        self.accounts_model.retranslate()
        self.holdings_model.retranslate()
        self._show_balances()
