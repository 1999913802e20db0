"""Send from a Bitcoin/Litecoin account: recipient, amount and fee rate (slow, normal, fast in sat/vB
from the server's estimates, or custom), then a review of what will be signed. A hot account signs
here; a watch-only one's payment leaves as a PSBT and comes back signed (``PsbtDialog``). "Speed up"
from History is reviewed here too. Planning, signing and broadcasting run in tasks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.amounts import parse_units
from wallet.chains.fees import FeeTier
from wallet.errors import WalletError
from wallet.services.utxo_wallet import MAX_FEE_RATE, AccountState, SpeedUp, UtxoAccount, UtxoWalletService
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.message_label import MessageLabel
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.tasks import TaskRunner
from wallet.ui.theme import Tone, set_tone
from wallet.ui.utxo.common import coin_amount
from wallet.ui.utxo.psbt_dialog import PsbtDialog
from wallet.utxo.account import CHANGE, script_address
from wallet.utxo.spend import FeeRates, SendPlan

TIERS = (FeeTier.SLOW, FeeTier.NORMAL, FeeTier.FAST)
CUSTOM = "custom"
HIGH_FEE_SHARE = 10  # a fee above 1/10 of the amount paid is pointed out in the review


class UtxoSendTab(QWidget):
    sent = Signal(str)  # txid

    def __init__(self, service: UtxoWalletService, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.state: AccountState | None = None
        self.rates: dict[str, FeeRates] = {}  # by chain key
        self.plan: SendPlan | None = None
        self.plan_account: UtxoAccount | None = None
        self.speeding_up: str | None = None  # the txid the reviewed plan speeds up
        self.busy = False
        self.psbt_dialog: PsbtDialog | None = None
        self.recipient_edit = QLineEdit(self)
        self.recipient_edit.setObjectName("utxoRecipient")
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("utxoAmount")
        self.fee_combo = QComboBox(self)
        self.fee_combo.setObjectName("utxoFeeRate")
        self.custom_rate = QDoubleSpinBox(self)
        self.custom_rate.setDecimals(1)
        self.custom_rate.setRange(1.0, MAX_FEE_RATE)
        self.custom_rate.setSuffix(" sat/vB")
        self.fee_combo.currentIndexChanged.connect(self._fee_choice_changed)
        self.fee_help = QLabel(self)
        self.fee_help.setObjectName("utxoFeeHelp")
        self.fee_help.setWordWrap(True)
        set_tone(self.fee_help, Tone.MUTED)
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("utxoReview")
        set_icon(self.review_button, "send")
        self.review_button.clicked.connect(self.review)
        self.form_labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        fee_row = QHBoxLayout()
        fee_row.addWidget(self.fee_combo, 1)
        fee_row.addWidget(self.custom_rate)
        form.addRow(self.form_labels[0], self.recipient_edit)
        form.addRow(self.form_labels[1], self.amount_edit)
        form.addRow(self.form_labels[2], fee_row)
        form.addRow(self.fee_help)
        self.review_box = QGroupBox(self)
        self.review_box.setObjectName("utxoReviewBox")
        self.summary = QLabel(self.review_box)
        self.summary.setObjectName("utxoReviewSummary")
        self.summary.setWordWrap(True)
        self.confirm_button = QPushButton(self.review_box)
        self.confirm_button.setObjectName("utxoConfirm")
        set_icon(self.confirm_button, "sign")
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.review_box)
        set_icon(self.cancel_button, "cancel")
        self.cancel_button.clicked.connect(self.cancel_review)
        review_buttons = QHBoxLayout()
        review_buttons.addStretch(1)
        review_buttons.addWidget(self.cancel_button)
        review_buttons.addWidget(self.confirm_button)
        review_layout = QVBoxLayout(self.review_box)
        review_layout.addWidget(self.summary)
        review_layout.addLayout(review_buttons)
        self.review_box.hide()
        self.message = MessageLabel(self)
        self.message.setObjectName("utxoSendMessage")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.review_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    # --- the account and its fee rates ----------------------------------------------------------
    def show_state(self, state: AccountState | None) -> None:
        if state is None or self.plan_account is None or state.account.id != self.plan_account.id:
            self.cancel_review()
        self.state = state
        self._label_amount()
        if state is not None and state.account.chain.key not in self.rates:
            chain = state.account.chain
            self.tasks.submit(lambda: self.service.fee_rates(chain), lambda rates: self._got_rates(chain.key, rates),
                              self._failed)
        self._fill_fee_choices()
        self._update_buttons()

    def _got_rates(self, chain_key: str, rates: FeeRates) -> None:
        self.rates[chain_key] = rates
        self._fill_fee_choices()

    def _current_rates(self) -> FeeRates | None:
        return self.rates.get(self.state.account.chain.key) if self.state is not None else None

    def _fill_fee_choices(self) -> None:
        choice = self.fee_combo.currentData() or FeeTier.NORMAL
        rates = self._current_rates()
        names = {FeeTier.SLOW: self.tr("Slow"), FeeTier.NORMAL: self.tr("Normal"), FeeTier.FAST: self.tr("Fast")}
        self.fee_combo.blockSignals(True)
        self.fee_combo.clear()
        for tier in TIERS:
            text = names[tier] if rates is None else self.tr("{tier} · {rate} sat/vB").format(
                tier=names[tier], rate=f"{rates.rates[tier]:.1f}")
            self.fee_combo.addItem(text, tier)
        self.fee_combo.addItem(self.tr("Custom"), CUSTOM)
        self.fee_combo.setCurrentIndex(max(0, self.fee_combo.findData(choice)))
        self.fee_combo.blockSignals(False)
        if rates is not None:
            self.custom_rate.setMinimum(rates.floor)
        self._fee_choice_changed()

    def _fee_choice_changed(self) -> None:
        self.custom_rate.setVisible(self.fee_combo.currentData() == CUSTOM)

    def fee_rate(self) -> float | None:
        """sat/vB as chosen; None while the server's estimates are not known."""
        if self.fee_combo.currentData() == CUSTOM:
            return float(self.custom_rate.value())
        rates = self._current_rates()
        return None if rates is None else rates.rates[FeeTier(self.fee_combo.currentData())]

    # --- review -----------------------------------------------------------------------------------
    def review(self) -> None:
        """Plans the payment (in a task) and shows what would be signed; nothing is signed yet."""
        state, rate = self.state, self.fee_rate()
        self.cancel_review()
        if state is None or self.busy:
            return
        if rate is None:
            self.message.say(lambda: self.tr("The fee rates are not known yet; try again in a moment."), Tone.WARNING)
            return
        request = self.service.read_payment_uri(state.account.chain, self.recipient_edit.text())
        if request is not None:  # a payment link pasted as the recipient: its address, and its amount if none
            self.recipient_edit.setText(request[0])
            if request[1] is not None and not self.amount_edit.text().strip():
                self.amount_edit.setText(request[1])
        try:
            amount = parse_units(self.amount_edit.text(), state.account.chain.decimals)
        except WalletError as error:
            self.message.say(lambda error=error: error_text(error), Tone.ERROR)  # type: ignore[misc]
            return
        address = self.recipient_edit.text().strip()
        self._plan(state, lambda: self.service.plan_payment(state, address, amount, rate), None)

    def review_speed_up(self, txid: str) -> None:
        state, rate = self.state, self.fee_rate()
        self.cancel_review()
        if state is None or self.busy:
            return
        if rate is None:
            self.message.say(lambda: self.tr("The fee rates are not known yet; try again in a moment."), Tone.WARNING)
            return
        self._plan(state, lambda: self.service.plan_speed_up(state, txid, rate), txid)

    def _plan(self, state: AccountState, work: Callable[[], SendPlan], txid: str | None) -> None:
        def done(plan: SendPlan) -> None:
            self._set_busy(False)
            if self.state is None or self.state.account.id != state.account.id:
                return  # another account was chosen meanwhile
            self.plan, self.plan_account, self.speeding_up = plan, state.account, txid
            self._show_review()

        self._set_busy(True, lambda: self.tr("Choosing coins and working out the fee…"))
        self.tasks.submit(work, done, self._failed)

    def _show_review(self) -> None:
        plan, account = self.plan, self.plan_account
        if plan is None or account is None:
            self.review_box.hide()
            return
        chain = account.chain
        change_script = account.keys.script(CHANGE, plan.change_index) if plan.change_index is not None else None
        paid = [(script, value) for script, value in plan.outputs if script != change_script]
        lines = []
        if self.speeding_up is not None:
            replaces = self.state is not None \
                and self.service.speed_up_method(self.state, self.speeding_up) is SpeedUp.REPLACE
            text = self.tr("Speeds up transaction {txid} by replacing it with a higher fee.") if replaces \
                else self.tr("Speeds up transaction {txid} with a new transaction that pays for both (child pays "
                             "for parent).")
            lines.append(text.format(txid=self.speeding_up[:16] + "…"))
        for script, value in paid:
            lines.append(self.tr("Pay {amount} to {address}").format(
                amount=coin_amount(value, chain), address=script_address(script, account.keys.params)))
        lines.append(self.tr("Network fee: {fee} ({rate} sat/vB)").format(
            fee=coin_amount(plan.fee, chain), rate=f"{plan.fee_rate:.1f}"))
        lines.append(self.tr("Total leaving the account: {total}").format(
            total=coin_amount(sum(v for _, v in paid) + plan.fee, chain)))
        if self.speeding_up is None and plan.fee * HIGH_FEE_SHARE > sum(v for _, v in paid):
            lines.append(self.tr("Warning: the fee is more than a tenth of the amount sent. Check the fee rate."))
        if not account.hot:
            lines.append(self.tr("This is a watch-only account: the payment is signed elsewhere, as a PSBT."))
        self.summary.setText("\n".join(lines))
        self.confirm_button.setText(self.tr("Sign and send") if account.hot else self.tr("Sign elsewhere (PSBT)…"))
        self.review_box.show()

    def cancel_review(self) -> None:
        self.plan = self.plan_account = self.speeding_up = None
        self.review_box.hide()

    # --- signing and sending ----------------------------------------------------------------------
    def confirm(self) -> None:
        plan, account = self.plan, self.plan_account
        if plan is None or account is None or self.busy:
            return
        if account.hot:
            self._set_busy(True, lambda: self.tr("Signing and broadcasting the payment…"))
            self.tasks.submit(lambda: self.service.sign_and_send(account, plan), self._sent, self._failed)
            return
        self.psbt_dialog = PsbtDialog(self.service.export_psbt(account, plan), f"{account.chain.key}-payment.psbt",
                                      self)
        self.psbt_dialog.accepted.connect(lambda: self.send_signed(self._dialog_text()))
        self.psbt_dialog.open()

    def _dialog_text(self) -> str:
        assert self.psbt_dialog is not None
        return self.psbt_dialog.answer_text()

    def send_signed(self, signed_psbt: str) -> None:
        """Broadcasts the signed PSBT of the reviewed payment once it checks out against it."""
        plan, account = self.plan, self.plan_account
        if plan is None or account is None or self.busy:
            return
        self._set_busy(True, lambda: self.tr("Checking the signed PSBT and broadcasting the payment…"))
        self.tasks.submit(lambda: self.service.send_signed_psbt(account, plan, signed_psbt), self._sent, self._failed)

    def _sent(self, txid: str) -> None:
        self._set_busy(False)
        self.cancel_review()
        self.recipient_edit.clear()
        self.amount_edit.clear()
        self.message.say(lambda: self.tr("Sent. Transaction {txid} is pending.").format(txid=txid))
        self.sent.emit(txid)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.message.say(lambda: error_text(error), Tone.ERROR)

    def _set_busy(self, busy: bool, progress: Callable[[], str] | None = None) -> None:
        """While busy, ``progress`` says what is going on (the network can take seconds)."""
        self.busy = busy
        if progress is not None:
            self.message.say(progress, Tone.MUTED)
        else:
            self.message.clear_message()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.review_button.setEnabled(self.state is not None and not self.busy)
        self.confirm_button.setEnabled(not self.busy)

    def _label_amount(self) -> None:
        """The amount is typed in whole coins of the chosen account (never satoshis): the label says which."""
        if self.state is not None:
            self.form_labels[1].setText(self.tr("Amount ({symbol})").format(symbol=self.state.account.chain.symbol))
        else:
            self.form_labels[1].setText(self.tr("Amount"))

    def retranslate(self) -> None:
        for label, text in zip(self.form_labels, (self.tr("Recipient"), self.tr("Amount"), self.tr("Fee rate")),
                               strict=True):
            label.setText(text)
        self._label_amount()
        self.fee_help.setText(self.tr(
            "The network fee is the fee rate times the payment's size. sat/vB: satoshis (a hundred-millionth of "
            "a coin) per virtual byte. A higher rate is confirmed sooner; Slow can take hours when the network "
            "is busy."))
        self.review_button.setText(self.tr("Review"))
        self.review_box.setTitle(self.tr("Review before signing"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._fill_fee_choices()
        self._show_review()
