"""Approvals: every non-zero allowance the account has given the chain's routers for the tokens it
tracks (token, router, amount or "Unlimited"), each revocable with ``approve(router, 0)``.

Reading and revoking run in the task runner. A revocation is signed the way the swap's approvals
are: a hot account or a device (opened and closed by ``closing_signer`` inside the task), or an
offline signer (the request exported, the signed answer verified, then sent). It goes to History as
an approval of 0, and the list is read again from the chain once its receipt is in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet.accounts.model import Account
from wallet.chains.amounts import format_units
from wallet.chains.registry import Chain
from wallet.ui.context import AppContext
from wallet.ui.dialogs import keep_opening_size_as_minimum
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

if TYPE_CHECKING:
    from wallet.services.airgap import SignRequest
    from wallet.services.swap import RouterAllowance
    from wallet.store.transactions import TxRecord
    from wallet.ui.offline_signing import OfflineSigningDialog

TOKEN_COLUMN, ROUTER_COLUMN, AMOUNT_COLUMN, ACTION_COLUMN = range(4)


class ApprovalsDialog(QDialog):
    def __init__(self, context: AppContext, chain: Chain, account: Account, offline: bool, on_device: bool,
                 parent: QWidget | None = None, language: str = "en") -> None:
        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self.language = language  # for the chain's name
        self.setObjectName("approvalsDialog")
        self.context, self.chain, self.account = context, chain, account
        self.offline, self.on_device = offline, on_device
        self.allowances: list[RouterAllowance] = []
        self.loaded = False  # the list has been read at least once
        self.busy = False
        self.offline_dialog: OfflineSigningDialog | None = None
        self._serial = 0  # answers to an older read are dropped
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("approvalsTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(self)
        self.message.setObjectName("approvalsMessage")
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        set_icon(self.refresh_button, "refresh")
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.table, self.message, self.buttons):
            layout.addWidget(widget)
        self.resize(640, 360)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()
        self.refresh()

    # --- reading ----------------------------------------------------------------------------------
    def refresh(self, note: str = "") -> None:
        """Reads the allowances again; ``note`` is shown once they are in."""
        self._serial += 1
        serial, chain, owner = self._serial, self.chain, self.account.address

        def work() -> list[RouterAllowance]:
            from wallet.services.swap import router_allowances

            return router_allowances(self.context.network.client(chain), chain, self.context.tokens, owner)

        def done(allowances: list[RouterAllowance]) -> None:
            if serial == self._serial:
                self.allowances, self.loaded = allowances, True
                self._fill()
                if not self.busy:
                    self._show(note or (self.tr("No router may spend your tokens.") if not allowances else ""))

        def failed(error: Exception) -> None:
            if serial == self._serial:
                self._show(error_text(error), error=True)

        self._show(self.tr("Reading the allowances…"))
        self.context.tasks.submit(work, done, failed)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.allowances))
        for row, allowance in enumerate(self.allowances):
            amount = (self.tr("Unlimited") if allowance.unlimited else
                      f"{format_units(allowance.amount, allowance.token.decimals)} {allowance.token.symbol}")
            for column, text in ((TOKEN_COLUMN, allowance.token.symbol), (ROUTER_COLUMN, allowance.router),
                                 (AMOUNT_COLUMN, amount)):
                item = QTableWidgetItem(text)
                if column == ROUTER_COLUMN:
                    item.setToolTip(allowance.spender)
                self.table.setItem(row, column, item)
            button = QPushButton(self.tr("Revoke"), self.table)
            button.setEnabled(not self.busy)
            button.clicked.connect(lambda _=False, chosen=allowance: self.revoke(chosen))
            self.table.setCellWidget(row, ACTION_COLUMN, button)

    def revoke_button(self, row: int) -> QPushButton:
        widget = self.table.cellWidget(row, ACTION_COLUMN)
        assert isinstance(widget, QPushButton)
        return widget

    # --- revoking ---------------------------------------------------------------------------------
    def revoke(self, allowance: RouterAllowance) -> None:
        if self.busy:
            return
        self._busy(True)
        text = self.tr("Revoking {router}'s allowance of {symbol}…").format(router=allowance.router,
                                                                          symbol=allowance.token.symbol)
        if self.on_device:
            text += "\n" + self.tr("Check the transaction on your device's screen and confirm it there…")
        self._show(text)
        if self.offline:
            self._revoke_offline(allowance)
            return
        chain, account = self.chain, self.account

        def work() -> TxRecord:
            from wallet.services.signers import closing_signer
            from wallet.services.swap import revoke

            signer, path = self.context.signer_for(account)
            with closing_signer(signer):
                return revoke(self.context.network.client(chain), self.context.transactions, signer, path,
                              account.address, allowance)

        self.context.tasks.submit(work, self._revoked, self._failed)

    def _revoke_offline(self, allowance: RouterAllowance) -> None:
        chain, account = self.chain, self.account

        def build() -> SignRequest:
            from wallet.services.airgap import make_request
            from wallet.services.swap import revoke_transaction

            tx = revoke_transaction(self.context.network.client(chain), self.context.transactions, account.address,
                                    allowance)
            return make_request(chain.chain_id, chain.name, account.address, account.derivation_path, tx)

        def exported(request: SignRequest) -> None:
            from wallet.ui.offline_signing import OfflineSigningDialog

            self._show(self.tr("Sign the revocation on the offline computer."))
            self.offline_dialog = OfflineSigningDialog(request, self)

            def finished(result: int) -> None:
                dialog, self.offline_dialog = self.offline_dialog, None
                if dialog is None:
                    return
                dialog.deleteLater()
                if result != QDialog.DialogCode.Accepted:
                    self._busy(False)
                    self._show(self.tr("Signing cancelled. Nothing was sent."), error=True)
                    return
                text = dialog.answer_text()
                self.context.tasks.submit(lambda: self._send_offline(allowance, request, text), self._revoked,
                                          self._failed)

            self.offline_dialog.finished.connect(finished)
            self.offline_dialog.open()

        self.context.tasks.submit(build, exported, self._failed)

    def _send_offline(self, allowance: RouterAllowance, request: SignRequest, text: str) -> TxRecord:
        from wallet.services.airgap import verify_result
        from wallet.services.swap import broadcast_approval, finish_approval

        client = self.context.network.client(self.chain)
        record = broadcast_approval(client, self.context.transactions, self.account.address, allowance.token,
                                    request.tx, verify_result(request, text))
        finish_approval(client, self.context.transactions, record)
        return record

    def _revoked(self, record: TxRecord) -> None:
        self._busy(False)
        self.refresh(self.tr("Revoked: transaction {hash} is confirmed.").format(hash=record.hash))

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self._show(error_text(error), error=True)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.refresh_button.setEnabled(not busy)
        for row in range(self.table.rowCount()):
            self.revoke_button(row).setEnabled(not busy)

    def _show(self, text: str, error: bool = False) -> None:
        set_tone(self.message, Tone.ERROR if error else None)
        self.message.setText(text)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Token approvals"))
        self.intro.setText(self.tr(
            "Routers that {account} has allowed to spend its tokens on {network}. An unlimited allowance lets the "
            "router take all of that token, now and later: revoke the ones you no longer use.").format(
            account=self.account.address, network=self.chain.display_name(self.language)))
        self.table.setHorizontalHeaderLabels([self.tr("Token"), self.tr("Router"), self.tr("Allowance"), ""])
        self.refresh_button.setText(self.tr("Refresh"))
        if self.loaded:
            self._fill()
