"""Swap: pick what to sell and what to buy (with balances; paste an address for another token), type
an amount in either field, and read the live quote (route, split, price, impact, minimum, gas);
review the decoded transaction; confirm, and follow approve → swap → confirmed. Approvals are for
the exact amount unless the user ticks "unlimited"; "Approvals…" lists and revokes the routers'
allowances.

Every chain access runs in the task runner. Quotes refresh 400 ms after the last edit; an answer is
shown only if it is the newest request and the form still asks the same thing (chain, account, pair,
amount, side), so a slow answer never overwrites a newer one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wallet.accounts.model import Account, AccountKind
from wallet.chains.amounts import format_units, parse_units
from wallet.chains.registry import Chain
from wallet.errors import WalletError
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.pages.accounts_page import account_label
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.swap_review_dialog import SwapReviewDialog, fee_tier_text
from wallet.ui.theme import Tone, set_tone

if TYPE_CHECKING:  # the swap stack (eth_abi) loads on first use, off the GUI thread
    from wallet.services.airgap import SignRequest
    from wallet.services.swap import QuotedSwap, Quoters, SwapOutcome, SwapPlan, SwapRequest, SwapToken
    from wallet.store.transactions import TxRecord
    from wallet.ui.approvals_dialog import ApprovalsDialog
    from wallet.ui.offline_signing import OfflineSigningDialog

QUOTE_DEBOUNCE_MS = 400
DEFAULT_SLIPPAGE_PERCENT = 0.5
DEFAULT_DEADLINE_MIN = 20


def _on_ledger(account: Account) -> bool:
    return account.kind is AccountKind.HARDWARE and account.secret_id == "ledger"  # noqa: S105


def _signs_offline(account: Account) -> bool:
    return account.kind in (AccountKind.AIRGAPPED, AccountKind.WATCH)


class SwapPage(QWidget):
    swapped = Signal()
    progress = Signal(str)  # emitted from the execution task; delivered on the GUI thread

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        retranslate_on_language_change(self, self.retranslate)
        self.context = context
        self.language = "en"  # for chain names in dialogs; the window sets it
        self.tokens: list[SwapToken] = []
        self.tokens_key: tuple[str, int] | None = None
        self.quoted: QuotedSwap | None = None
        self.quote_error: str = ""
        self.plan: SwapPlan | None = None
        self.outcome: SwapOutcome | None = None
        self.review_dialog: SwapReviewDialog | None = None
        self.offline_dialog: OfflineSigningDialog | None = None
        self.approvals_dialog: ApprovalsDialog | None = None
        self._quoters: Quoters | None = None
        self._quote_serial = 0
        self._exact_output = False
        self._filling = False  # the page writes the other amount field: not an edit
        self._on_device = False  # the running swap is signed on a hardware device

        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.form = QWidget(self)
        self.account_combo = QComboBox(self.form)
        self.account_combo.setObjectName("swapAccountCombo")
        self.sell_combo = QComboBox(self.form)
        self.sell_combo.setObjectName("sellTokenCombo")
        self.buy_combo = QComboBox(self.form)
        self.buy_combo.setObjectName("buyTokenCombo")
        for combo in (self.sell_combo, self.buy_combo):  # "SYMBOL (balance)" in full
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sell_edit = QLineEdit(self.form)
        self.sell_edit.setObjectName("sellAmountEdit")
        self.buy_edit = QLineEdit(self.form)
        self.buy_edit.setObjectName("buyAmountEdit")
        self.flip_button = QPushButton("⇅", self.form)
        self.flip_button.clicked.connect(self.flip)
        self.token_edit = QLineEdit(self.form)
        self.token_edit.setObjectName("swapTokenAddressEdit")
        self.add_token_button = QPushButton(self.form)
        set_icon(self.add_token_button, "search")
        self.add_token_button.clicked.connect(self.add_token)
        token_row = QWidget(self.form)
        token_layout = QHBoxLayout(token_row)
        token_layout.setContentsMargins(0, 0, 0, 0)
        token_layout.addWidget(self.token_edit, 1)
        token_layout.addWidget(self.add_token_button)
        self.slippage_spin = QDoubleSpinBox(self.form)
        self.slippage_spin.setObjectName("slippageSpin")
        self.slippage_spin.setRange(0.01, 50.0)
        self.slippage_spin.setDecimals(2)
        self.slippage_spin.setSingleStep(0.1)
        self.slippage_spin.setValue(DEFAULT_SLIPPAGE_PERCENT)
        self.slippage_spin.setSuffix(" %")
        self.deadline_spin = QSpinBox(self.form)
        self.deadline_spin.setObjectName("deadlineSpin")
        self.deadline_spin.setRange(1, 3 * 24 * 60)
        self.deadline_spin.setValue(DEFAULT_DEADLINE_MIN)
        self.expert_check = QCheckBox(self.form)
        self.expert_check.setObjectName("expertModeCheck")
        self.unlimited_check = QCheckBox(self.form)  # off: each swap approves exactly what it sells
        self.unlimited_check.setObjectName("unlimitedApprovalCheck")
        self.labels = [QLabel(self.form) for _ in range(7)]
        form = QFormLayout(self.form)
        sell_row, buy_row = QWidget(self.form), QWidget(self.form)
        for row, combo, edit in ((sell_row, self.sell_combo, self.sell_edit), (buy_row, self.buy_combo,
                                                                                 self.buy_edit)):
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(edit, 1)
            row_layout.addWidget(combo)
        for label, widget in zip(self.labels, (self.account_combo, sell_row, self.flip_button, buy_row, token_row,
                                               self.slippage_spin, self.deadline_spin), strict=True):
            form.addRow(label, widget)
        form.addRow("", self.expert_check)
        form.addRow("", self.unlimited_check)

        self.quote_label = QLabel(self)
        self.quote_label.setObjectName("swapQuoteLabel")
        self.quote_label.setWordWrap(True)
        self.review_button = QPushButton(self)
        set_icon(self.review_button, "swap")
        self.review_button.setObjectName("swapReviewButton")
        self.review_button.clicked.connect(self.review)
        self.approvals_button = QPushButton(self)
        set_icon(self.approvals_button, "approve")
        self.approvals_button.setObjectName("swapApprovalsButton")
        self.approvals_button.clicked.connect(self.show_approvals)
        buttons = QWidget(self)
        buttons_layout = QHBoxLayout(buttons)
        buttons_layout.setContentsMargins(0, 0, 0, 0)
        buttons_layout.addWidget(self.review_button, 1)
        buttons_layout.addWidget(self.approvals_button)
        self.message = QLabel(self)
        self.message.setObjectName("swapMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.title_label, self.form, self.quote_label, buttons, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)

        self.quote_timer = QTimer(self)
        self.quote_timer.setSingleShot(True)
        self.quote_timer.setInterval(QUOTE_DEBOUNCE_MS)
        self.quote_timer.timeout.connect(self.request_quote)
        self.sell_edit.textEdited.connect(lambda _: self._amount_edited(exact_output=False))
        self.buy_edit.textEdited.connect(lambda _: self._amount_edited(exact_output=True))
        for combo in (self.sell_combo, self.buy_combo):
            combo.currentIndexChanged.connect(self._schedule_quote)
        self.account_combo.currentIndexChanged.connect(self.refresh_tokens)
        self.progress.connect(self._show_progress)
        self.retranslate()

    # --- data -------------------------------------------------------------------------------------
    def quoters(self) -> Quoters:
        if self._quoters is None:
            from wallet.services.swap import Quoters

            self._quoters = Quoters()
        return self._quoters

    def refresh(self) -> None:
        current = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        for account in self.context.accounts.all():
            self.account_combo.addItem(f"{account_label(account)} — {account.address[:10]}…{account.address[-6:]}",
                                       account.id)
        self.account_combo.setCurrentIndex(max(0, self.account_combo.findData(current)))
        self.account_combo.blockSignals(False)
        self.refresh_tokens()

    def refresh_tokens(self) -> None:
        """The coin and the chain's tracked tokens with the account's balances, read in a task."""
        chain, account = self.context.network.selected_chain(), self._account()
        if chain is None or account is None:
            return
        key = (chain.key, account.id)

        def work() -> list[SwapToken]:
            from wallet.services.swap import swap_tokens

            return swap_tokens(self.context.network.client(chain), chain, self.context.tokens, account.address)

        def done(tokens: list[SwapToken]) -> None:
            if key == self._selection_key():
                self._set_tokens(tokens, key)

        self.context.tasks.submit(work, done, lambda error: self._show(error_text(error), error=True))

    def _selection_key(self) -> tuple[str, int] | None:
        chain, account = self.context.network.selected_chain(), self._account()
        return None if chain is None or account is None else (chain.key, account.id)

    def _set_tokens(self, tokens: list[SwapToken], key: tuple[str, int]) -> None:
        sell, buy = self.sell_combo.currentData(), self.buy_combo.currentData()
        same_selection = key == self.tokens_key
        self.tokens, self.tokens_key = tokens, key
        for combo in (self.sell_combo, self.buy_combo):
            combo.blockSignals(True)
            combo.clear()
            for token in tokens:
                balance = "?" if token.balance is None else format_units(token.balance, token.decimals, 6)
                combo.addItem(f"{token.symbol} ({balance})", token.key)
            combo.blockSignals(False)
        self.sell_combo.setCurrentIndex(max(0, self.sell_combo.findData(sell)) if same_selection else 0)
        self.buy_combo.setCurrentIndex(max(0, self.buy_combo.findData(buy)) if same_selection else
                                       min(1, len(tokens) - 1))
        self._schedule_quote()

    def select(self, sell: str | None, buy: str | None) -> None:
        """Picks tokens by address ("" or None: the coin)."""
        self.sell_combo.setCurrentIndex(self.sell_combo.findData(sell or ""))
        self.buy_combo.setCurrentIndex(self.buy_combo.findData(buy or ""))

    def _account(self) -> Account | None:
        account_id = self.account_combo.currentData()
        return self.context.accounts.get(int(account_id)) if account_id is not None else None

    def _token(self, combo: QComboBox) -> SwapToken | None:
        key = combo.currentData()
        return next((t for t in self.tokens if t.key == key), None)

    def add_token(self) -> None:
        """A pasted address, checked on chain (code, decimals, symbol), added to both pickers for now."""
        chain, account = self.context.network.selected_chain(), self._account()
        text = self.token_edit.text().strip()
        if chain is None or account is None or not text:
            return
        key = (chain.key, account.id)

        def work() -> SwapToken:
            from wallet.services.swap import lookup_token

            return lookup_token(self.context.network.client(chain), chain, self.context.tokens, account.address,
                                text)

        def done(token: SwapToken) -> None:
            if key != self.tokens_key:
                return
            if not any(t.key == token.key for t in self.tokens):
                self._set_tokens([*self.tokens, token], key)
            self.buy_combo.setCurrentIndex(self.buy_combo.findData(token.key))
            self.token_edit.clear()
            self._show(self.tr("{symbol} found at {address}.").format(symbol=token.symbol, address=token.address)
                       + ("" if token.trusted else " " + self.tr("It is not a token this wallet knows: check it.")))

        self.context.tasks.submit(work, done, lambda error: self._show(error_text(error), error=True))

    # --- quoting ----------------------------------------------------------------------------------
    def _amount_edited(self, exact_output: bool) -> None:
        if self._filling:
            return
        self._exact_output = exact_output
        self._fill(self.sell_edit if exact_output else self.buy_edit, "")
        self._schedule_quote()

    def _fill(self, edit: QLineEdit, text: str) -> None:
        self._filling = True
        edit.setText(text)
        self._filling = False

    def flip(self) -> None:
        sell, buy = self.sell_combo.currentData(), self.buy_combo.currentData()
        for combo in (self.sell_combo, self.buy_combo):
            combo.blockSignals(True)
        self.sell_combo.setCurrentIndex(self.sell_combo.findData(buy))
        self.buy_combo.setCurrentIndex(self.buy_combo.findData(sell))
        for combo in (self.sell_combo, self.buy_combo):
            combo.blockSignals(False)
        self._schedule_quote()

    def _schedule_quote(self) -> None:
        self.quoted, self.quote_error = None, ""
        self._quote_serial += 1  # an answer already on its way is stale now
        self.quote_timer.start()
        self._show_quote()

    def current_request(self) -> SwapRequest:
        """The form as a request; bad input raises its typed error."""
        from wallet.services.swap import SwapRequest, check_request

        chain, account = self.context.network.selected_chain(), self._account()
        token_in, token_out = self._token(self.sell_combo), self._token(self.buy_combo)
        if chain is None or account is None or token_in is None or token_out is None:
            raise _FormIncompleteError
        edit, token = (self.buy_edit, token_out) if self._exact_output else (self.sell_edit, token_in)
        amount = parse_units(edit.text(), token.decimals)
        request = SwapRequest(chain, account.address, token_in, token_out, amount, self._exact_output)
        check_request(request)
        return request

    def request_quote(self) -> None:
        if not (self.buy_edit if self._exact_output else self.sell_edit).text().strip():
            self.quote_error = ""
            self._show_quote()
            return
        try:
            request = self.current_request()
        except _FormIncompleteError:
            return
        except WalletError as error:
            self.quote_error = error_text(error)
            self._show_quote()
            return
        serial, quoters = self._quote_serial, self.quoters()

        def work() -> QuotedSwap:
            from wallet.services.swap import quote_swap

            return quote_swap(self.context.network.client(request.chain), quoters, request)

        def current() -> bool:
            if serial != self._quote_serial:
                return False
            try:
                return self.current_request().key == request.key
            except WalletError:
                return False

        def done(quoted: QuotedSwap) -> None:
            if current():
                self.quoted, self.quote_error = quoted, ""
                other, token = ((self.sell_edit, request.token_in) if request.exact_output
                                else (self.buy_edit, request.token_out))
                amount = quoted.amount_in if request.exact_output else quoted.amount_out
                self._fill(other, format_units(amount, token.decimals).replace(",", ""))
                self._show_quote()

        def failed(error: Exception) -> None:
            if current():
                self.quote_error = error_text(error)
                self._show_quote()

        self.quote_error = self.tr("Getting a quote…")
        self._show_quote()
        self.context.tasks.submit(work, done, failed)

    def _show_quote(self) -> None:
        quoted = self.quoted
        self.review_button.setEnabled(quoted is not None)
        if quoted is None:
            set_tone(self.quote_label, Tone.ERROR if self.quote_error and not self.quote_error.endswith("…") else None)
            self.quote_label.setText(self.quote_error)
            return
        set_tone(self.quote_label, None)
        self.quote_label.setText("<br>".join(self.quote_lines(quoted)))

    def quote_lines(self, quoted: QuotedSwap) -> list[str]:
        request = quoted.request
        token_in, token_out, chain = request.token_in, request.token_out, request.chain
        lines = []
        for route in quoted.routes:
            if route.protocol == "WETH":
                lines.append(self.tr("Route: wrap or unwrap 1:1 through the wrapped coin's contract"))
                continue
            hops = "".join(f" →({fee_tier_text(fee)})→ {symbol}"
                           for fee, symbol in zip(route.fees, route.symbols[1:], strict=True))
            lines.append(self.tr("Route: {percent} % through {protocol}: {path}").format(
                percent=route.percent, protocol=route.protocol, path=route.symbols[0] + hops))
        lines.append(self.tr("Price: 1 {sold} = {price} {bought}").format(
            sold=token_in.symbol, price=_significant(quoted.price), bought=token_out.symbol))
        lines.append(self.tr("Price impact: {percent} %").format(percent=f"{quoted.price_impact_bps / 100:.2f}"))
        slippage = self.slippage_bps()
        from wallet.dex.amm.swap_policy import maximum_in, minimum_out

        if request.exact_output:
            lines.append(self.tr("Maximum sold: {amount} {symbol}").format(
                amount=format_units(maximum_in(quoted.amount_in, slippage), token_in.decimals), symbol=token_in.symbol))
        else:
            lines.append(self.tr("Minimum received: {amount} {symbol}").format(
                amount=format_units(minimum_out(quoted.amount_out, slippage), token_out.decimals),
                symbol=token_out.symbol))
        gas = f"{_coin_amount(quoted.gas_cost_wei, chain.native.decimals)} {chain.native.symbol}"
        usd = quoted.gas_cost_usd
        lines.append(self.tr("Network fee: about {gas}").format(gas=gas) + ("" if usd is None else f" (≈ ${usd:,.2f})"))
        return lines

    def slippage_bps(self) -> int:
        return round(self.slippage_spin.value() * 100)

    # --- review and execution ---------------------------------------------------------------------
    def review(self) -> None:
        try:
            request = self.current_request()
        except _FormIncompleteError:
            return
        except WalletError as error:
            self._show(error_text(error), error=True)
            return
        slippage, deadline_s = self.slippage_bps(), self.deadline_spin.value() * 60
        expert, unlimited, quoters = self.expert_check.isChecked(), self.unlimited_check.isChecked(), self.quoters()

        def work() -> SwapPlan:
            from wallet.services.swap import prepare_plan

            return prepare_plan(self.context.network.client(request.chain), quoters, request, slippage, deadline_s,
                                expert, unlimited)

        self._busy(True)
        self._show(self.tr("Preparing the swap…"))
        self.context.tasks.submit(work, self._open_review, self._failed)

    def _open_review(self, plan: SwapPlan) -> None:
        self._busy(False)
        self.message.clear()
        account = self._account()
        if account is None:
            return
        self.plan = plan
        self.review_dialog = SwapReviewDialog(plan, _on_ledger(account), self, self.language)

        def finished(result: int) -> None:
            dialog, self.review_dialog = self.review_dialog, None
            if dialog is None:
                return
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self.confirm(plan, dialog.typed_confirmation)

        self.review_dialog.finished.connect(finished)
        self.review_dialog.open()

    def confirm(self, plan: SwapPlan, typed_confirmation: str) -> None:
        account = self._account()
        chain = self.context.network.selected_chain()
        if account is None or chain is None:
            return
        if _signs_offline(account):
            self._on_device = False
            self._offline_step(account, chain, plan, 0, typed_confirmation)
            return

        def work() -> SwapOutcome:
            from wallet.services.signers import closing_signer
            from wallet.services.swap import execute

            signer, path = self.context.signer_for(account)
            with closing_signer(signer):
                return execute(self.context.network.client(chain), self.context.transactions, signer, path, plan,
                               typed_confirmation, lambda step: self.progress.emit(step.value))

        self._busy(True)
        self._on_device = account.kind is AccountKind.HARDWARE
        self.context.tasks.submit(work, self._swapped, self._failed)

    def show_approvals(self) -> None:
        """The routers' allowances of the selected account's tokens, each revocable."""
        from wallet.ui.approvals_dialog import ApprovalsDialog

        account, chain = self._account(), self.context.network.selected_chain()
        if account is None or chain is None or self.approvals_dialog is not None:
            return
        self.approvals_dialog = ApprovalsDialog(self.context, chain, account, _signs_offline(account),
                                                account.kind is AccountKind.HARDWARE, self, self.language)

        def finished(_result: int) -> None:
            dialog, self.approvals_dialog = self.approvals_dialog, None
            if dialog is not None:
                dialog.deleteLater()
                self.refresh_tokens()

        self.approvals_dialog.finished.connect(finished)
        self.approvals_dialog.open()

    def _offline_step(self, account: Account, chain: Chain, plan: SwapPlan, index: int, typed: str) -> None:
        """Approval ``index`` (or the swap, after the last): built, exported, signed elsewhere, verified,
        sent and waited for; then the next."""
        is_swap = index >= len(plan.approvals)

        def build() -> SignRequest:
            from wallet.services.airgap import make_request
            from wallet.services.swap import approval_transaction, swap_transaction

            client = self.context.network.client(chain)
            tx = (swap_transaction(client, self.context.transactions, plan, typed) if is_swap
                  else approval_transaction(client, self.context.transactions, plan, index))
            return make_request(chain.chain_id, chain.name, account.address, account.derivation_path, tx)

        def exported(request: SignRequest) -> None:
            from wallet.ui.offline_signing import OfflineSigningDialog

            self._busy(False)
            self._show(self.tr("Sign the swap on the offline computer.") if is_swap else
                       self.tr("Sign approval {number} of {count} on the offline computer.").format(
                           number=index + 1, count=len(plan.approvals)))
            self.offline_dialog = OfflineSigningDialog(request, self)

            def finished(result: int) -> None:
                dialog, self.offline_dialog = self.offline_dialog, None
                if dialog is None:
                    return
                dialog.deleteLater()
                if result != QDialog.DialogCode.Accepted:
                    self._show(self.tr("Signing cancelled. Nothing more was sent."), error=True)
                    return
                text = dialog.answer_text()
                self._busy(True)
                self.progress.emit("swap" if is_swap else "approve")
                if is_swap:
                    self.context.tasks.submit(lambda: self._send_offline_swap(chain, plan, request, text),
                                              self._swapped, self._failed)
                else:
                    self.context.tasks.submit(lambda: self._send_offline_approval(chain, plan, request, text),
                                              lambda _: self._offline_step(account, chain, plan, index + 1, typed),
                                              self._failed)

            self.offline_dialog.finished.connect(finished)
            self.offline_dialog.open()

        self._busy(True)
        self.context.tasks.submit(build, exported, self._failed)

    def _send_offline_approval(self, chain: Chain, plan: SwapPlan, request: SignRequest, text: str) -> TxRecord:
        from wallet.services.airgap import verify_result
        from wallet.services.swap import broadcast, finish_approval

        client = self.context.network.client(chain)
        raw = verify_result(request, text)
        record = broadcast(client, self.context.transactions, plan, request.tx, raw, "approve")
        finish_approval(client, self.context.transactions, record)
        return record

    def _send_offline_swap(self, chain: Chain, plan: SwapPlan, request: SignRequest, text: str) -> SwapOutcome:
        from wallet.services.airgap import verify_result
        from wallet.services.swap import broadcast, finish_swap

        client = self.context.network.client(chain)
        raw = verify_result(request, text)
        record = broadcast(client, self.context.transactions, plan, request.tx, raw, "swap")
        self.progress.emit("confirming")
        return finish_swap(client, self.context.transactions, plan, record)

    def _show_progress(self, step: str) -> None:
        text = {"approve": self.tr("Step 1 of 3: approving the router to take the tokens…"),
                "swap": self.tr("Step 2 of 3: signing and sending the swap…"),
                "confirming": self.tr("Step 3 of 3: waiting for the swap to be confirmed…")}.get(step, step)
        if self._on_device and step != "confirming":
            text += "\n" + self.tr("Check each transaction on your device's screen and confirm it there…")
        self._show(text)

    def _swapped(self, outcome: SwapOutcome) -> None:
        self._busy(False)
        self.outcome = outcome
        plan = self.plan
        token = plan.request.token_out if plan else None
        received = (f"{format_units(outcome.amount_received, token.decimals)} {token.symbol}" if token
                    else str(outcome.amount_received))
        self._show(self.tr("Swap confirmed: you received {amount}. Transaction {hash}.").format(
            amount=received, hash=outcome.record.hash))
        self._fill(self.sell_edit, "")
        self._fill(self.buy_edit, "")
        self.swapped.emit()
        self.refresh_tokens()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self._show(error_text(error), error=True)
        self.refresh_tokens()

    def _busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.review_button.setEnabled(not busy and self.quoted is not None)
        self.approvals_button.setEnabled(not busy)  # one signing at a time: the device and the nonce are shared

    def _show(self, text: str, error: bool = False) -> None:
        set_tone(self.message, Tone.ERROR if error else Tone.OK)
        self.message.setText(text)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Swap"))
        for label, text in zip(self.labels, (self.tr("Account"), self.tr("You pay"), "", self.tr("You receive"),
                                             self.tr("Other token"), self.tr("Slippage tolerance"),
                                             self.tr("Deadline")), strict=True):
            label.setText(text)
        self.flip_button.setToolTip(self.tr("Swap the two sides"))
        self.token_edit.setPlaceholderText(self.tr("Paste a token's 0x… address"))
        self.add_token_button.setText(self.tr("Find"))
        self.deadline_spin.setSuffix(self.tr(" min"))
        self.expert_check.setText(self.tr("Expert mode: allow trades that move the price by 15 % or more"))
        self.unlimited_check.setText(self.tr("Approve unlimited amounts (fewer approvals)"))
        self.unlimited_check.setToolTip(self.tr(
            "An unlimited approval lets the router take all of that token from this account, now and later, "
            "without asking again. If the router or the approval is ever abused, everything can be taken. "
            "Off: each swap approves exactly what it sells."))
        self.approvals_button.setText(self.tr("Approvals…"))
        self.approvals_button.setToolTip(self.tr("See which routers may spend this account's tokens, and revoke them"))
        self.review_button.setText(self.tr("Review swap…"))
        self._show_quote()


class _FormIncompleteError(Exception):
    """The form is not filled in yet (no chain, account or token list): no quote, and no message."""


def _coin_amount(wei: int, decimals: int, fraction_digits: int = 8) -> str:
    """A fee: to ``fraction_digits`` places, and never "0" for a fee that is not zero."""
    text = format_units(wei, decimals, fraction_digits)
    return f"< {Decimal(1).scaleb(-fraction_digits):f}" if wei and text == "0" else text


def _significant(value: Decimal, digits: int = 6) -> str:
    return f"{value:.{digits}g}" if abs(value) < 10**digits else f"{value:,.0f}"
