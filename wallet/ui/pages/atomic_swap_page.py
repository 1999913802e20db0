"""Atomic swap: make an offer (shown as text, QR and file), paste or load someone's offer, review
both legs decoded and accept it (the acceptance goes back to the maker), start a swap from the
acceptance of our own offer, and follow every swap in a list.

Every chain and key access runs in the task runner. A timer steps the engine for unfinished swaps,
one step in flight at a time, taking the swaps in turn; swaps left unfinished resume as soon as the
page is built.

A leg may be on Bitcoin or Litecoin (the chains of the Bitcoin & Litecoin page that have a server):
its asset is the coin, and the wallet pays from and is paid to its recovery phrase's account there
(the page shows that address). Hardware and offline accounts cannot sign those legs yet: the page
says so when one is chosen with such a leg (and the service refuses it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wallet.accounts.model import Account
from wallet.accounts.signer import SignerLockedError
from wallet.chains.amounts import format_units, parse_units
from wallet.chains.registry import Chain
from wallet.dex.atomic.swap_chains import (
    MAX_MONEY,
    MIN_UTXO_SWAP_AMOUNT,
    UTXO_CHAIN_BASE,
    utxo_amount_possible,
    utxo_chain_number,
)
from wallet.dex.atomic.swap_errors import OfferExpiredError
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.ui.atomic_message_dialog import AtomicMessageDialog
from wallet.ui.atomic_swap_model import SwapTableModel, clock_time, step_text
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.pages.accounts_page import account_label
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone
from wallet.utxo.registry import UtxoChain

if TYPE_CHECKING:  # the swap stack (eth_account, eth_abi) loads on first use, off the GUI thread
    from wallet.services.atomic_swaps import AtomicSwapService, LockReview, OfferReview, SwapRow, UtxoLock
    from wallet.services.utxo_wallet import UtxoWalletService

T = TypeVar("T")
NATIVE = "0x0000000000000000000000000000000000000000"  # the HTLC's marker for a chain's coin
STEP_INTERVAL_MS = 3000
DEFAULT_EXPIRY_MIN = 60
MAX_OFFER_FILE_BYTES = 4096
# A swap transaction's kind ("lock_a" → "lock"), in words.
TX_ACTIONS = {"lock": QT_TRANSLATE_NOOP("AtomicSwapPage", "Lock"),
              "claim": QT_TRANSLATE_NOOP("AtomicSwapPage", "Claim"),
              "refund": QT_TRANSLATE_NOOP("AtomicSwapPage", "Refund"),
              "approve": QT_TRANSLATE_NOOP("AtomicSwapPage", "Token approval")}
UTXO_PREFIX = "utxo:"  # a chain picker's data for a UTXO chain: this + its registry key (EVM: the chain id)


def _button(slot: Callable[[], None], enabled: bool = True) -> QPushButton:
    button = QPushButton()
    button.clicked.connect(slot)
    button.setEnabled(enabled)
    return button


class ReviewText(QPlainTextEdit):
    """A review's lines, read-only: wrapped anywhere (an address or a P2WSH contract is one long word
    that a narrow column must still show whole) and scrolled when longer than the room it gets;
    hidden while empty."""

    MIN_LINES = 6

    def __init__(self) -> None:
        super().__init__(readOnly=True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * self.MIN_LINES)
        self.hide()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()


class FittedLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its width: a form row in a group
    box beside another gets the height of the label's first layout otherwise, and its lines are cut."""

    def __init__(self) -> None:
        super().__init__(wordWrap=True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class AtomicSwapPage(QWidget):
    def __init__(self, context: AppContext, utxo_wallet: UtxoWalletService | None = None,
                 parent: QWidget | None = None) -> None:
        """``utxo_wallet``: the Bitcoin-family chains and their servers (the app's one, which the
        Bitcoin & Litecoin page uses too, by default)."""
        super().__init__(parent)
        self.context = context
        self.utxo_wallet = utxo_wallet if utxo_wallet is not None else context.utxo_wallet()
        self.language = "en"  # for chain names; the window sets it
        self._service: AtomicSwapService | None = None
        self._service_lock = threading.Lock()
        self.review: OfferReview | None = None
        self.lock_review: LockReview | None = None  # the maker's lock, held until confirmed
        self.message_dialog: AtomicMessageDialog | None = None
        self.stepping = False
        self._turn = 0
        self._reading_address = False

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.account_combo = QComboBox()
        self.chain_a_combo, self.chain_b_combo = QComboBox(), QComboBox()
        self.asset_a_combo, self.asset_b_combo = QComboBox(), QComboBox()
        self.amount_a_edit, self.amount_b_edit = QLineEdit(), QLineEdit()
        self.expiry_spin = QSpinBox(minimum=5, maximum=7 * 24 * 60, value=DEFAULT_EXPIRY_MIN)
        self.create_button = _button(self.create_offer)
        set_icon(self.create_button, "add")
        self.chain_a_combo.currentIndexChanged.connect(lambda: self._fill_assets(self.chain_a_combo,
                                                                                 self.asset_a_combo))
        self.chain_b_combo.currentIndexChanged.connect(lambda: self._fill_assets(self.chain_b_combo,
                                                                                 self.asset_b_combo))
        self.create_box = QGroupBox()
        self.create_form = QFormLayout(self.create_box)
        # Each leg on two rows, the chain alone on the first: at the smallest window a chain name
        # ("本地测试链 31337" beside "… 31338") must never be cut.
        self.give_label, self.get_label, self.expiry_label = QLabel(), QLabel(), QLabel()
        for label, chain_combo, asset_combo, amount_edit in (
                (self.give_label, self.chain_a_combo, self.asset_a_combo, self.amount_a_edit),
                (self.get_label, self.chain_b_combo, self.asset_b_combo, self.amount_b_edit)):
            amount = QHBoxLayout()
            amount.addWidget(asset_combo)
            amount.addWidget(amount_edit, 1)
            self.create_form.addRow(label, chain_combo)
            self.create_form.addRow("", amount)
        self.create_form.addRow(self.expiry_label, self.expiry_spin)
        self.utxo_note = FittedLabel()  # a UTXO leg: the wallet's address there, or why it cannot be used
        self.utxo_note.setObjectName("atomicUtxoNote")
        self.utxo_note.hide()
        self.utxo_address: tuple[str, str | None] | None = None  # (chain key, address) once read
        self.create_form.addRow(self.utxo_note)
        self.create_form.addRow(self.create_button)
        self.account_combo.currentIndexChanged.connect(self._account_changed)

        self.take_box = QGroupBox()
        take = QVBoxLayout(self.take_box)
        self.offer_edit = QPlainTextEdit()
        self.offer_edit.setMaximumHeight(70)
        self.load_button = _button(self.load_offer)
        self.review_button = _button(self.review_offer)
        self.review_label = ReviewText()
        self.accept_button = _button(self.accept_offer, enabled=False)
        buttons = QHBoxLayout()
        for widget in (self.load_button, self.review_button, self.accept_button):
            buttons.addWidget(widget)
        take.addWidget(self.offer_edit)
        take.addLayout(buttons)
        take.addWidget(self.review_label)
        self.acceptance_edit = QLineEdit()
        self.start_button = _button(self.start_swap)
        set_icon(self.start_button, "play")
        start_row = QHBoxLayout()
        start_row.addWidget(self.acceptance_edit)
        start_row.addWidget(self.start_button)
        self.start_label = QLabel(wordWrap=True)
        take.addWidget(self.start_label)
        take.addLayout(start_row)
        self.lock_review_label = ReviewText()
        self.confirm_lock_button = _button(self.confirm_lock, enabled=False)
        self.decline_lock_button = _button(self.decline_lock, enabled=False)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.confirm_lock_button)
        lock_row.addWidget(self.decline_lock_button)
        take.addWidget(self.lock_review_label)
        take.addLayout(lock_row)

        self.unlock_bar = QWidget()
        self.unlock_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.unlock)
        self.unlock_button = _button(self.unlock)
        unlock_row = QHBoxLayout(self.unlock_bar)
        unlock_row.setContentsMargins(0, 0, 0, 0)
        unlock_row.addWidget(self.unlock_label)
        unlock_row.addWidget(self.password_edit, 1)
        unlock_row.addWidget(self.unlock_button)
        self.unlock_bar.hide()
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setObjectName("error")
        set_tone(self.error_label, Tone.ERROR)
        self.model = SwapTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(self._show_transactions)
        # The selected swap's step and what comes next (else the newest unfinished one's): the table's
        # columns scroll sideways in a narrow window, and a retry's reason is long.
        self.swap_status_label = FittedLabel()
        self.swap_status_label.setObjectName("atomicSwapStatus")
        self.swap_status_label.hide()
        self.transactions_label = QLabel(wordWrap=True)  # the selected swap's transactions, with explorer links
        self.transactions_label.setObjectName("atomicSwapTransactions")
        self.transactions_label.setOpenExternalLinks(True)
        self.transactions_label.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        top = QHBoxLayout()
        top.addWidget(self.create_box, 3)  # the offer's two legs need the width; pasting wraps
        top.addWidget(self.take_box, 2)
        layout.addWidget(QLabel())  # spacing under the title
        layout.addLayout(top)
        account_row = QHBoxLayout()
        self.account_label = QLabel()
        account_row.addWidget(self.account_label)
        account_row.addWidget(self.account_combo, 1)
        layout.insertLayout(1, account_row)
        layout.addWidget(self.unlock_bar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.swap_status_label)
        layout.addWidget(self.transactions_label)

        self.timer = QTimer(self, interval=STEP_INTERVAL_MS)
        self.timer.timeout.connect(self.step_next)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()
        self.refresh()
        self.timer.start()

    # --- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Atomic swap"))
        self.account_label.setText(self.tr("Account:"))
        self.create_box.setTitle(self.tr("Make an offer"))
        self.give_label.setText(self.tr("You give:"))
        self.get_label.setText(self.tr("You get:"))
        self.expiry_label.setText(self.tr("Offer valid for (minutes):"))
        self.amount_a_edit.setPlaceholderText(self.tr("Amount"))
        self.amount_b_edit.setPlaceholderText(self.tr("Amount"))
        self.create_button.setText(self.tr("Create offer"))
        self.take_box.setTitle(self.tr("Take an offer"))
        self.offer_edit.setPlaceholderText(self.tr("Paste an offer (dwswap1o:… or dwswap2o:…)"))
        self.load_button.setText(self.tr("Load from file…"))
        self.review_button.setText(self.tr("Review"))
        self.accept_button.setText(self.tr("Accept"))
        self.start_label.setText(self.tr("Got an acceptance of your offer? Paste it to start the swap:"))
        self.acceptance_edit.setPlaceholderText(self.tr("dwswap1a:…"))
        self.start_button.setText(self.tr("Start swap"))
        self.unlock_label.setText(self.tr("The wallet is locked. Enter its password so the swaps can sign:"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.confirm_lock_button.setText(self.tr("Sign and lock"))
        self.decline_lock_button.setText(self.tr("Cancel the swap"))
        if self.review is not None:
            self._show_review(self.review)
        if self.lock_review is not None:
            self._show_lock_review(self.lock_review)
        self._show_utxo_note()
        self._show_transactions()
        self.model.retranslate()

    # --- forms -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Accounts and chains in the forms; the swap list."""
        current = self.account_combo.currentData()
        self.account_combo.clear()
        for account in self.context.accounts.all():
            self.account_combo.addItem(f"{account_label(account)} — {account.address}", account.address)
        if current is not None and (index := self.account_combo.findData(current)) >= 0:
            self.account_combo.setCurrentIndex(index)
        chains = self.context.network.chains()
        utxo_chains = self.utxo_chains()
        for combo, default in zip((self.chain_a_combo, self.chain_b_combo), _default_legs(
                chains, self.context.network.selected_chain()), strict=True):
            chosen = combo.currentData() if combo.count() else default
            combo.blockSignals(True)
            combo.clear()
            for chain in chains:
                combo.addItem(chain.display_name(self.language), chain.chain_id)
            for utxo in utxo_chains:
                combo.addItem(utxo.display_name(self.language), UTXO_PREFIX + utxo.key)
            combo.blockSignals(False)
            if chosen is not None and (index := combo.findData(chosen)) >= 0:
                combo.setCurrentIndex(index)
        if self.chain_b_combo.currentIndex() == self.chain_a_combo.currentIndex() and self.chain_b_combo.count() > 1:
            self.chain_b_combo.setCurrentIndex((self.chain_a_combo.currentIndex() + 1) % self.chain_b_combo.count())
        self._fill_assets(self.chain_a_combo, self.asset_a_combo)
        self._fill_assets(self.chain_b_combo, self.asset_b_combo)
        self.refresh_swaps()

    def utxo_chains(self) -> list[UtxoChain]:
        """The Bitcoin-family chains a leg can be on: a server each, and an offer chain number."""
        return [c for c in self.utxo_wallet.chains() if c.coin in ("BTC", "LTC") and c.network is not None]

    def _chain(self, combo: QComboBox) -> Chain | None:
        return next((c for c in self.context.network.chains() if c.chain_id == combo.currentData()), None)

    def _utxo_chain(self, combo: QComboBox) -> UtxoChain | None:
        data = combo.currentData()
        if not isinstance(data, str) or not data.startswith(UTXO_PREFIX):
            return None
        return next((c for c in self.utxo_chains() if c.key == data[len(UTXO_PREFIX):]), None)

    def _chain_number(self, combo: QComboBox) -> int | None:
        """The picked chain as an offer names it: an EVM chain id, or a UTXO chain's number."""
        utxo = self._utxo_chain(combo)
        if utxo is not None:
            return utxo_chain_number(utxo)
        chain = self._chain(combo)
        return None if chain is None else chain.chain_id

    def _fill_assets(self, chain_combo: QComboBox, asset_combo: QComboBox) -> None:
        asset_combo.clear()
        utxo = self._utxo_chain(chain_combo)
        if utxo is not None:  # a UTXO leg swaps the coin only
            asset_combo.addItem(utxo.symbol, (NATIVE, utxo.decimals))
            self._show_utxo_note()
            return
        chain = self._chain(chain_combo)
        self._show_utxo_note()
        if chain is None:
            return
        asset_combo.addItem(chain.native.symbol, (NATIVE, chain.native.decimals))
        for token in chain.tokens:
            asset_combo.addItem(token.symbol, (token.address, token.decimals))

    def _show_utxo_note(self) -> None:
        """Under the form, for a leg on a UTXO chain: the wallet's address there, or that the chosen
        account cannot sign such a swap."""
        utxo = self._utxo_chain(self.chain_a_combo) or self._utxo_chain(self.chain_b_combo)
        if utxo is None:
            self.utxo_note.hide()
            return
        name = utxo.display_name(self.language)
        if (account := self._cold_account()) is not None:
            set_tone(self.utxo_note, Tone.ERROR)
            self.utxo_note.setText(self._cold_account_text(account, name))
        else:
            set_tone(self.utxo_note, Tone.MUTED)
            known = self.utxo_address[1] if self.utxo_address and self.utxo_address[0] == utxo.key else None
            self.utxo_note.setText(self.tr("On {chain} you pay from and are paid to {address}, the {coin} address "
                                           "of your recovery phrase.").format(chain=name, address=_breakable(known),
                                                                              coin=utxo.coin)
                                   if known else
                                   self.tr("On {chain} you pay from and are paid to the {coin} address of your "
                                           "recovery phrase (shown once the wallet is unlocked).").format(
                                       chain=name, coin=utxo.coin))
            if self.utxo_address is None or self.utxo_address[0] != utxo.key or known is None:
                self._read_utxo_address(utxo)
        self.utxo_note.show()

    def _cold_account(self) -> Account | None:
        """The chosen account when it cannot sign a Bitcoin-family leg (hardware, offline, watch-only)."""
        address = self.account_combo.currentData()
        account = next((a for a in self.context.accounts.all() if a.address == address), None)
        return account if account is not None and not account.kind.is_hot else None

    def _cold_account_text(self, account: Account, chain: str) -> str:
        return self.tr("{account} is a hardware or offline account: it cannot sign Bitcoin or Litecoin swaps yet. "
                       "Choose an account of this wallet's recovery phrase for a {chain} leg.").format(
            account=account_label(account), chain=chain)

    def _account_changed(self) -> None:
        self._show_utxo_note()
        if self.review is not None:  # it says whether the account can take a Bitcoin-family leg
            self._show_review(self.review)

    def _read_utxo_address(self, utxo: UtxoChain) -> None:
        if self._reading_address:
            return
        self._reading_address = True

        def done(address: str | None) -> None:
            self._reading_address = False
            changed = self.utxo_address != (utxo.key, address)
            self.utxo_address = (utxo.key, address)
            if changed and address is not None:
                self._show_utxo_note()

        def failed(error: Exception) -> None:
            self._reading_address = False
            self.utxo_address = (utxo.key, None)
            self._show_error(error_text(error))

        self._run(lambda service: service.known_swap_address(utxo_chain_number(utxo)), done, failed)

    def select(self, chain_a: int | str, asset_a: str, chain_b: int | str, asset_b: str) -> None:
        """Pick both legs by chain id (a UTXO chain: its registry key) and token address (or the
        native marker)."""
        for chain_combo, asset_combo, chain_id, asset in ((self.chain_a_combo, self.asset_a_combo, chain_a, asset_a),
                                                           (self.chain_b_combo, self.asset_b_combo, chain_b, asset_b)):
            chain_combo.setCurrentIndex(chain_combo.findData(UTXO_PREFIX + chain_id if isinstance(chain_id, str)
                                                             else chain_id))
            index = next(i for i in range(asset_combo.count()) if asset_combo.itemData(i)[0].lower() == asset.lower())
            asset_combo.setCurrentIndex(index)

    # --- actions ---------------------------------------------------------------------------------
    def create_offer(self) -> None:
        address = self.account_combo.currentData()
        chain_a, chain_b = self._chain_number(self.chain_a_combo), self._chain_number(self.chain_b_combo)
        if address is None or chain_a is None or chain_b is None:
            self._show_error(self.tr("Choose an account and both chains."))
            return
        try:
            token_a, decimals_a = self.asset_a_combo.currentData()
            token_b, decimals_b = self.asset_b_combo.currentData()
            amount_a = parse_units(self.amount_a_edit.text().strip(), decimals_a)
            amount_b = parse_units(self.amount_b_edit.text().strip(), decimals_b)
        except WalletError as error:
            self._show_error(error_text(error))
            return
        problem = self._amount_problem(amount_a, amount_b)
        if problem:
            self._show_error(problem)
            return
        expires_in = self.expiry_spin.value() * 60
        self._show_error("")
        self.create_button.setEnabled(False)

        def work(service: AtomicSwapService) -> str:
            return service.create_offer(address, chain_a, token_a, amount_a, chain_b, token_b, amount_b,
                                        expires_in).text()

        def done(text: str) -> None:
            self.create_button.setEnabled(True)
            self._show_message(self.tr("Your offer"), self.tr(
                "Send this offer to the other party. When they accept it, paste their acceptance below to start "
                "the swap."), text)

        self._run(work, done, self._enable_after_error(self.create_button))

    def _amount_problem(self, amount_a: int, amount_b: int) -> str:
        """Why the form's amounts cannot make an offer ("" when they can): none may be zero, and a
        Bitcoin-family leg's must be claimable and within the coin's supply (as offers are checked)."""
        if amount_a <= 0 or amount_b <= 0:
            return self.tr("Enter an amount above zero for both legs.")
        for combo, amount in ((self.chain_a_combo, amount_a), (self.chain_b_combo, amount_b)):
            utxo = self._utxo_chain(combo)
            if utxo is not None and not utxo_amount_possible(utxo_chain_number(utxo), amount):
                most = MAX_MONEY.get((utxo_chain_number(utxo) - UTXO_CHAIN_BASE) // 16, 0)
                return self.tr("On {chain} the amount must be at least {least} {symbol} (a claim pays its fee out of "
                               "it) and at most {most} {symbol}, the coin's whole supply.").format(
                    chain=utxo.display_name(self.language), least=format_units(MIN_UTXO_SWAP_AMOUNT, utxo.decimals),
                    most=format_units(most, utxo.decimals), symbol=utxo.symbol)
        return ""

    def load_offer(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Load a swap offer"), "", self.tr("Text files (*.txt)"))
        if name:
            self.load_offer_file(Path(name))

    def load_offer_file(self, path: Path) -> None:
        try:
            with path.open("rb") as file:
                data = file.read(MAX_OFFER_FILE_BYTES)
        except OSError as error:
            self._show_error(self.tr("The file could not be read: {reason}").format(
                reason=error.strerror or str(error)))
            return
        self.offer_edit.setPlainText(data.decode("ascii", errors="replace").strip())
        self.review_offer()

    def review_offer(self) -> None:
        text = _unwrapped(self.offer_edit.toPlainText())
        self.review = None
        self.accept_button.setEnabled(False)
        self.review_label.clear()
        self._show_error("")
        self._run(lambda service: service.review(text), self._reviewed, self._show_failure)

    def _reviewed(self, review: OfferReview) -> None:
        self.review = review
        self._show_review(review)
        self.accept_button.setEnabled(True)

    def _show_review(self, review: OfferReview) -> None:
        gives, gets = review.maker_gives, review.maker_gets
        lines = [
            self.tr("The maker {maker} locks {amount} {symbol} on {chain}; you receive it.").format(
                maker=gives.locked_by, amount=gives.amount, symbol=gives.symbol, chain=gives.chain),
            self.tr("You lock {amount} {symbol} on {chain}; it is paid to {maker}.").format(
                amount=gets.amount, symbol=gets.symbol, chain=gets.chain, maker=gets.paid_to),
            *([self._receive_line(gives.symbol, review.own_utxo_address)] if gives.utxo else []),
            self.tr("The offer expires at {time}.").format(time=clock_time(review.expiry)),
            # A maker's lock on a UTXO chain has its time fixed by the offer (its script must be found).
            (self.tr("The maker's lock becomes refundable at {time_a} and yours at {time_b} (set by the offer): "
                     "keep the app running until the swap ends.") if gives.utxo else
             self.tr("Started now, the maker's lock becomes refundable at {time_a} and yours at {time_b}: "
                     "keep the app running until the swap ends.")).format(
                time_a=clock_time(review.timelock_a), time_b=clock_time(review.timelock_b)),
        ]
        call = review.lock_b
        lines.append(self.tr("Your lock on {chain}, signed once the maker's lock is confirmed:").format(
            chain=gets.chain))
        if call is not None:
            lines += [
                self.tr("Contract: {address} (the swap contract, its code verified)").format(address=review.contract),
                self.tr("Function: {function}").format(function="lock"),
                self.tr("Recipient: {address}").format(address=call.recipient),
                self.tr("Token: {symbol} ({address})").format(symbol=gets.symbol, address=call.token),
                self.tr("Amount: {amount} {symbol}").format(amount=gets.amount, symbol=gets.symbol),
                self.tr("Hashlock: the one of the maker's lock"),
                self.tr("Refundable to you from about: {time}").format(time=clock_time(call.timelock)),
            ]
        elif review.utxo_b is not None:
            lock = review.utxo_b
            lines += [
                self.tr("A payment from your {chain} account to a swap contract (P2WSH) that pays {address} "
                        "with the secret; its address is known once the maker has locked.").format(
                    chain=gets.chain, address=lock.recipient),
                self.tr("Amount: {amount} {symbol}").format(amount=gets.amount, symbol=gets.symbol),
                self._refund_line(lock),
                self.tr("Refunded to: {address}").format(address=review.own_utxo_address) if review.own_utxo_address
                else self._receive_line(gets.symbol, None),
            ]
        utxo_leg = gives if gives.utxo else gets if gets.utxo else None
        if utxo_leg is not None and (cold := self._cold_account()) is not None:
            lines.insert(0, self._cold_account_text(cold, utxo_leg.chain))
        if review.accepted is not None:
            lines.append(self.tr("You accepted this offer already: its swap is in the list below. Accept shows "
                                 "your acceptance again, to send to the maker if you have not."))
        fees = [self.tr("up to {fee} {symbol} on {chain}").format(fee=leg.fee, symbol=leg.fee_symbol, chain=leg.chain)
                for leg in (gives, gets) if leg.fee]
        if fees:
            lines.append(self.tr("Fee for each lock, claim or refund: {fees}.").format(fees="; ".join(fees)))
        self.review_label.setText("\n".join(lines))

    def _receive_line(self, coin: str, address: str | None) -> str:
        """Where this wallet is paid on a UTXO leg (its recovery phrase's address there)."""
        if address is None:
            return self.tr("You are paid (or refunded) at the {coin} address of your recovery phrase (shown once the "
                           "wallet is unlocked).").format(coin=coin)
        return self.tr("You receive it at {address}, the {coin} address of your recovery phrase.").format(
            address=address, coin=coin)

    def accept_offer(self) -> None:
        review, address = self.review, self.account_combo.currentData()
        if review is None or address is None:
            return
        self.accept_button.setEnabled(False)
        self._show_error("")

        def done(text: str) -> None:
            self.review = None
            self.review_label.clear()
            self.offer_edit.clear()
            self.refresh_swaps()
            self._show_message(self.tr("Your acceptance"), self.tr(
                "Send this acceptance to the maker. The swap starts when the maker's lock is confirmed; "
                "this app does the rest while it runs.") if review.accepted is None else self.tr(
                "You accepted this offer already, and its swap runs with this acceptance: send it to the maker "
                "if you have not."), text)

        self._run(lambda service: service.accept(review, address), done, self._enable_after_error(self.accept_button))

    def start_swap(self) -> None:
        text = _unwrapped(self.acceptance_edit.text())
        if text.startswith(("dwswap1o:", "dwswap2o:")):
            self._show_error(self.tr("This is an offer, not an acceptance: paste it under Take an offer to review it."))
            return
        self._show_error("")
        self.start_button.setEnabled(False)

        def done(review: LockReview) -> None:
            self.start_button.setEnabled(True)
            self.acceptance_edit.clear()
            self._open_lock_review(review)
            self.refresh_swaps()

        self._run(lambda service: service.start(text), done, self._enable_after_error(self.start_button))

    def _open_lock_review(self, review: LockReview) -> None:
        self.lock_review = review
        self._show_lock_review(review)
        self.confirm_lock_button.setEnabled(True)
        self.decline_lock_button.setEnabled(True)

    def _refund_line(self, lock: UtxoLock) -> str:
        return self.tr("Refundable to you after {time}: the chain accepts the refund about {minutes} min later "
                       "(its median time trails the clock).").format(time=clock_time(lock.locktime),
                                                                     minutes=lock.refund_lag_s // 60)

    def _show_lock_review(self, review: LockReview) -> None:
        """The lock call decoded from the calldata the engine will sign (not from the form); a lock on
        a UTXO chain as the script the engine will pay (its terms are what the engine approves)."""
        call = review.call
        if review.utxo is not None:
            lock = review.utxo
            self.lock_review_label.setText("\n".join([
                self.tr("Review your lock on {chain} before it is signed:").format(chain=review.chain),
                self.tr("Pay to the swap contract: {address} (P2WSH)").format(address=review.contract),
                self.tr("Amount: {amount} {symbol}, plus the network fee").format(amount=review.amount,
                                                                                 symbol=review.symbol),
                self.tr("Paid to {address} with the secret").format(address=lock.recipient),
                self.tr("Hashlock: 0x{hashlock}").format(hashlock=call.hashlock.hex()),
                self._refund_line(lock),
                self.tr("Refunded to: {address}").format(address=lock.refund_to),
            ]))
            return
        self.lock_review_label.setText("\n".join([
            self.tr("Review your lock on {chain} before it is signed:").format(chain=review.chain),
            self.tr("Contract: {address} (the swap contract, its code verified)").format(address=review.contract),
            self.tr("Function: {function}").format(function=review.function),
            self.tr("Recipient: {address}").format(address=call.recipient),
            self.tr("Token: {symbol} ({address})").format(symbol=review.symbol, address=call.token),
            self.tr("Amount: {amount} {symbol}").format(amount=review.amount, symbol=review.symbol),
            self.tr("Coin sent with the transaction: {value} {symbol}").format(value=review.value,
                                                                                symbol=review.native_symbol),
            self.tr("Hashlock: 0x{hashlock}").format(hashlock=call.hashlock.hex()),
            self.tr("Refundable to you from: {time}").format(time=clock_time(call.timelock)),
        ]))

    def confirm_lock(self) -> None:
        self._finish_lock_review(lambda service, review: service.confirm_lock(review))

    def decline_lock(self) -> None:
        self._finish_lock_review(lambda service, review: service.decline_lock(review))

    def _finish_lock_review(self, action: Callable[[AtomicSwapService, LockReview], None]) -> None:
        review = self.lock_review
        if review is None:
            return
        self.confirm_lock_button.setEnabled(False)
        self.decline_lock_button.setEnabled(False)

        def done(_: None) -> None:
            self.lock_review = None
            self.lock_review_label.clear()
            self.refresh_swaps()

        def failed(error: Exception) -> None:  # a review too old is closed: the next step offers a new one
            self.lock_review = None
            self.lock_review_label.clear()
            self._show_failure(error)

        self._run(lambda service: action(service, review), done, failed)

    # --- the swaps -------------------------------------------------------------------------------
    def refresh_swaps(self) -> None:
        self._run(lambda service: service.rows(), self._set_rows, self._show_failure)

    def _set_rows(self, rows: list[SwapRow]) -> None:
        """New rows, the selected swap kept selected."""
        selected = self._selected_row()
        self.model.set_rows(rows)
        if selected is not None:
            index = next((i for i, row in enumerate(rows) if row.swap_id == selected.swap_id), None)
            if index is not None:
                self.table.selectRow(index)
        self._show_transactions()

    def _selected_row(self) -> SwapRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes or indexes[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[indexes[0].row()]

    def _show_status(self) -> None:
        shown = self._selected_row() or next((r for r in reversed(self.model.rows) if not r.finished), None)
        if shown is None:
            self.swap_status_label.hide()
            return
        self.swap_status_label.setText(self.tr("Swap {swap}: {step}. Next: {next}").format(
            swap=f"{shown.swap_id[:10]}…", step=step_text(str(shown.phase)), next=self.model.upcoming(shown)))
        self.swap_status_label.show()

    def _show_transactions(self) -> None:
        """The selected swap's transactions (each linked to its chain's explorer when it has one), and
        its step."""
        self._show_status()
        row = self._selected_row()
        if row is None or not row.txs:
            self.transactions_label.hide()
            return
        links = []
        for tx in row.txs:
            shown = escape(f"{tx.txid[:10]}…{tx.txid[-6:]}")
            txid = f'<a href="{escape(tx.url, quote=True)}">{shown}</a>' if tx.url else shown
            kind = tx.action.split("_")[0]
            action = self.tr(TX_ACTIONS[kind]) if kind in TX_ACTIONS else tx.action
            links.append(self.tr("{action} on {chain}: {txid}").format(action=escape(action),
                                                                      chain=escape(tx.chain), txid=txid))
        self.transactions_label.setText(self.tr("Transactions: {list}").format(list=" · ".join(links)))
        self.transactions_label.setToolTip("\n".join(f"{tx.action}: {tx.txid}" for tx in row.txs))
        self.transactions_label.show()

    def step_next(self) -> None:
        """One engine step for the next unfinished swap (in turn), unless a step is in flight."""
        unfinished = [row.swap_id for row in self.model.rows if not row.finished]
        if self.stepping or not unfinished:
            return
        self._turn = (self._turn + 1) % len(unfinished)
        swap = unfinished[self._turn]
        self.stepping = True

        def work(service: AtomicSwapService) -> tuple[str, WalletError | None, list[SwapRow], LockReview | None,
                                                      tuple[int, int] | None]:
            review, depth = None, None
            try:
                report = service.step(swap)
                depth = report.confirmations
                if service.needs_review(report) and self.lock_review is None:
                    review = service.lock_review(swap)  # started, never reviewed (the app was closed)
                problem = None
            except WalletError as error:  # a node down, a locked wallet, a step that would fail: retried next tick
                problem = error
            return swap, problem, service.rows(), review, depth

        def done(result: tuple[str, WalletError | None, list[SwapRow], LockReview | None,
                               tuple[int, int] | None]) -> None:
            self.stepping = False
            swap_id, problem, rows, review, depth = result
            note = error_text(problem) if problem is not None else "" if depth is None else self.tr(
                "The counterparty's lock has {have} of the {needed} confirmations this wallet waits for.").format(
                have=depth[0], needed=depth[1])
            self.model.set_note(swap_id, note)
            self._set_rows(rows)
            if review is not None and self.lock_review is None:
                self._open_lock_review(review)
            if isinstance(problem, SignerLockedError):
                self.unlock_bar.show()

        def failed(error: Exception) -> None:
            self.stepping = False
            self._show_failure(error)

        self._run(work, done, failed)

    # --- plumbing --------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Closes the swap service's Bitcoin-family connections (at the app's exit)."""
        self.timer.stop()
        with self._service_lock:
            service = self._service
        if service is not None:
            service.close()

    def service(self) -> AtomicSwapService:
        """Built on first use, in a task (it imports the signing stack)."""
        with self._service_lock:
            if self._service is None:
                from wallet.services.atomic_swaps import AtomicSwapService

                self._service = AtomicSwapService(self.context.network, self.context.accounts,
                                                  self.context.transactions, self.context.signer_for,
                                                  self.utxo_wallet, self.context.hot_wallet)
            return self._service

    def _run(self, work: Callable[[AtomicSwapService], T], on_done: Callable[[T], None],
             on_error: Callable[[Exception], None]) -> None:
        language = self.language

        def run() -> T:
            service = self.service()
            service.language = language  # the chain names it describes
            return work(service)

        self.context.tasks.submit(run, on_done, on_error)

    def _enable_after_error(self, button: QPushButton) -> Callable[[Exception], None]:
        def failed(error: Exception) -> None:
            button.setEnabled(True)
            self._show_failure(error)
        return failed

    def unlock(self) -> None:
        """Unlock the hot wallet (asked once: the swaps in progress sign with it from then on)."""
        password = self.password_edit.text()
        self.password_edit.clear()
        self.unlock_button.setEnabled(False)

        def done(_: None) -> None:
            self.unlock_button.setEnabled(True)
            self.unlock_bar.hide()
            self._show_error("")
            self._show_utxo_note()  # a UTXO leg's address, read with the keys now

        self.context.tasks.submit(lambda: self.context.hot_wallet().unlock(password), done,
                                  self._enable_after_error(self.unlock_button))

    def _show_failure(self, error: Exception) -> None:
        if isinstance(error, SignerLockedError):
            self.unlock_bar.show()
        if isinstance(error, OfferExpiredError) and isinstance(expiry := error.params.get("expiry"), int):
            # The error carries unix seconds; a person reads a clock time.
            self._show_error(self.tr("This swap offer expired at {time} (by its chain's clock). Nothing was locked.")
                             .format(time=clock_time(expiry)))
            return
        self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)

    def _show_message(self, title: str, explanation: str, text: str) -> None:
        self.message_dialog = AtomicMessageDialog(title, explanation, text, self)
        self.message_dialog.open()


def _unwrapped(text: str) -> str:
    """A pasted swap message without the line breaks and spaces a mail or chat program wraps it with
    (its base64url has none)."""
    return "".join(text.split())


def _breakable(text: str) -> str:
    """``text`` with a zero-width space every few characters, where a label may wrap a long address in
    a narrow column (the label is not selectable: nothing copies them)."""
    return "\u200b".join(text[i:i + 8] for i in range(0, len(text), 8))


def _default_legs(chains: list[Chain], selected: Chain | None) -> tuple[int | None, int | None]:
    """Chain ids to offer first: the selected chain, and another of its kind (a second playground
    chain beside a playground chain, a mainnet beside a mainnet)."""
    first = selected or (chains[0] if chains else None)
    if first is None:
        return None, None
    same_kind = [c for c in chains
                 if c.chain_id != first.chain_id and (c.devnet, c.testnet) == (first.devnet, first.testnet)]
    other = same_kind[0] if same_kind else next((c for c in chains if c.chain_id != first.chain_id), None)
    return first.chain_id, other.chain_id if other else None
