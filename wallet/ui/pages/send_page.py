"""Send: pick the account, asset, recipient and amount; review the decoded transaction; confirm.

Preparing (simulation, gas, fees, warnings) and signing run in the task runner. The review lists
the fields decoded from the transaction that will be signed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.accounts.model import Account, AccountKind
from wallet.chains.address import AddressError, is_hex_address, parse_address
from wallet.chains.amounts import format_units, parse_units, usd_value
from wallet.chains.eip681 import PaymentUriError, parse_payment_uri
from wallet.chains.ens import looks_like_ens_name, resolve_ens
from wallet.chains.fees import FeeTier
from wallet.chains.registry import Chain, TokenInfo
from wallet.errors import WalletError
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.message_label import MessageLabel
from wallet.ui.pages.accounts_page import account_label
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

if TYPE_CHECKING:  # the send stack (eth_abi) loads on first use, off the GUI thread
    from wallet.services.airgap import SignRequest
    from wallet.services.send import PreparedSend
    from wallet.store.transactions import TxRecord
    from wallet.ui.contact_dialog import ContactDialog
    from wallet.ui.offline_signing import OfflineSigningDialog


def _on_ledger(account: Account) -> bool:
    # A hardware account's secret_id names the kind of device holding its key.
    return account.kind is AccountKind.HARDWARE and account.secret_id == "ledger"  # noqa: S105


def _dollars(value: Decimal | None) -> str:
    return "" if value is None else f" (≈ ${value:,.2f})"


ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # the address a completion fills in
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2  # what typing matches: the name and the whole address


class RecipientModel(QAbstractListModel):
    """(text shown, address) rows for the completer. A model rather than a QStandardItem per entry:
    a list of thousands is then one reset, not thousands of calls into Qt."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[str, str]] = []

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        shown, address = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return shown
        if role == ADDRESS_ROLE:
            return address
        if role == MATCH_ROLE:
            return f"{shown} {address}"
        return None


class RecipientCompleter(QCompleter):
    """Offers contacts and own accounts as the recipient is typed (by any part of the name or address);
    picking one fills in its address, never the name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.entries = RecipientModel(self)
        self.setModel(self.entries)
        self.setCompletionRole(MATCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(8)

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        """(text shown, address) pairs."""
        self.entries.set_entries(entries)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(ADDRESS_ROLE) or "")


def _short(address: str) -> str:
    return f"{address[:8]}…{address[-6:]}"


PLAIN_TRANSFER_GAS = 21_000  # what sending the coin to an address costs; Max keeps its fee back
SpendableKey = tuple[str, int, str | None, FeeTier]  # chain, account id, token (None: the coin), fee tier


@dataclass(frozen=True)
class Spendable:
    """What the selected account can send of the selected asset, for the selection in ``key``."""

    key: SpendableKey
    balance: int | None  # None: the node could not tell (a broken token)
    maximum: int | None  # what Max fills in: the coin less the fee at the chosen tier, or the whole token
    decimals: int
    symbol: str


def read_spendable(context: AppContext, chain: Chain, account: Account, token: TokenInfo | None,
                   tier: FeeTier, key: SpendableKey) -> Spendable:
    """Blocking (a balance snapshot, and the fee quote for the coin): call it from a task."""
    from wallet.chains.fees import suggest_fees
    from wallet.services.balances import fetch_balances

    client = context.network.client(chain)
    sheet = fetch_balances(client, chain, [account.address], [token] if token else [])
    if token is not None:
        balance = sheet.tokens.get((account.address, token.address))
        return Spendable(key, balance, balance, token.decimals, token.symbol)
    balance = sheet.native.get(account.address)
    fee = PLAIN_TRANSFER_GAS * suggest_fees(client, chain).tiers[tier].worst_case_per_gas
    maximum = None if balance is None else max(balance - fee, 0)
    return Spendable(key, balance, maximum, chain.native.decimals, chain.native.symbol)


class SendPage(QWidget):
    sent = Signal()
    contacts_changed = Signal()  # a recipient was saved to the address book here

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        retranslate_on_language_change(self, self.retranslate)
        self.context = context
        self.language = "en"
        self.prepared: PreparedSend | None = None
        self._offline: tuple[PreparedSend, SignRequest] | None = None  # the request out for offline signing
        self.offline_dialog: OfflineSigningDialog | None = None
        self.ens_name: str | None = None
        self.working = False  # a review or a send is running in a task
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.form_group = QWidget(self)
        self.account_combo = QComboBox(self.form_group)
        self.account_combo.setObjectName("sendAccountCombo")
        self.asset_combo = QComboBox(self.form_group)
        self.asset_combo.setObjectName("sendAssetCombo")
        self.recipient_edit = QLineEdit(self.form_group)
        self.recipient_edit.setObjectName("recipientEdit")
        self.recipient_edit.textChanged.connect(self._recipient_changed)
        self.recipient_completer = RecipientCompleter(self.recipient_edit)
        self.recipient_edit.setCompleter(self.recipient_completer)
        self.recipient_note = QLabel(self.form_group)
        self.recipient_note.setObjectName("recipientNote")
        self.recipient_note.setWordWrap(True)
        self.save_contact_button = QPushButton(self.form_group)
        self.save_contact_button.setObjectName("saveContactButton")
        self.save_contact_button.hide()
        self.save_contact_button.clicked.connect(lambda: self.open_save_contact(self._new_recipient or ""))
        self._new_recipient: str | None = None  # a valid address typed that no contact or account has
        self.contact_dialog: ContactDialog | None = None
        self.recipient_note_row = QWidget(self.form_group)
        note_layout = QHBoxLayout(self.recipient_note_row)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.recipient_note, 1)
        note_layout.addWidget(self.save_contact_button)
        self.amount_edit = QLineEdit(self.form_group)
        self.amount_edit.setObjectName("amountEdit")
        self.max_button = QPushButton(self.form_group)
        self.max_button.setObjectName("maxButton")
        self.max_button.setEnabled(False)
        self.max_button.clicked.connect(self.fill_max)
        self.amount_row = QWidget(self.form_group)
        amount_layout = QHBoxLayout(self.amount_row)
        amount_layout.setContentsMargins(0, 0, 0, 0)
        amount_layout.addWidget(self.amount_edit, 1)
        amount_layout.addWidget(self.max_button)
        self.spendable_label = QLabel(self.form_group)
        self.spendable_label.setObjectName("spendableLabel")
        self.spendable: Spendable | None = None
        self.fee_combo = QComboBox(self.form_group)
        self.fee_combo.setObjectName("feeCombo")
        for tier in FeeTier:
            self.fee_combo.addItem("", tier)
        self.fee_combo.setCurrentIndex(1)
        self.review_button = QPushButton(self.form_group)
        self.review_button.setObjectName("reviewButton")
        self.review_button.clicked.connect(self.review)
        self.labels = [QLabel(self.form_group) for _ in range(5)]
        form = QFormLayout(self.form_group)
        for label, widget in zip(self.labels, (self.account_combo, self.asset_combo, self.recipient_edit,
                                               self.amount_row, self.fee_combo), strict=True):
            form.addRow(label, widget)
            if widget is self.recipient_edit:
                form.addRow("", self.recipient_note_row)
            if widget is self.amount_row:
                form.addRow("", self.spendable_label)
        form.addRow("", self.review_button)
        for combo in (self.account_combo, self.asset_combo, self.fee_combo):
            combo.currentIndexChanged.connect(self.refresh_spendable)

        self.review_group = QGroupBox(self)
        self.review_text = QLabel(self.review_group)
        self.review_text.setObjectName("reviewText")
        self.review_text.setWordWrap(True)
        self.warnings_label = QLabel(self.review_group)
        self.warnings_label.setObjectName("warningsLabel")
        self.warnings_label.setWordWrap(True)
        set_tone(self.warnings_label, Tone.ERROR)
        self.confirm_button = QPushButton(self.review_group)
        self.confirm_button.setObjectName("confirmSendButton")
        self.confirm_button.clicked.connect(self.confirm)
        self.back_button = QPushButton(self.review_group)
        self.back_button.clicked.connect(self._back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        review_layout = QVBoxLayout(self.review_group)
        review_layout.addWidget(self.review_text)
        review_layout.addWidget(self.warnings_label)
        review_layout.addLayout(buttons)
        self.review_group.hide()

        self.message = MessageLabel(self)
        self.message.setObjectName("sendMessage")
        self.save_sent_button = QPushButton(self)  # after a send to a new address
        self.save_sent_button.setObjectName("saveSentContactButton")
        self.save_sent_button.hide()
        self._sent_to: str | None = None
        self._sent_ens = ""  # the ENS name the last send went to, kept in the contact's note
        self.save_sent_button.clicked.connect(lambda: self.open_save_contact(self._sent_to or "", self._sent_ens))
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.save_sent_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.form_group)
        layout.addWidget(self.review_group)
        layout.addLayout(message_row)
        layout.addStretch(1)
        self.retranslate()

    # --- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        chain = self.context.network.selected_chain()
        current = self.account_combo.currentData()
        current_asset = self.asset_combo.currentData()
        for combo in (self.account_combo, self.asset_combo):
            combo.blockSignals(True)  # one balance query for the refilled form, not one per item
        self.account_combo.clear()
        for account in self.context.accounts.all():
            self.account_combo.addItem(f"{account_label(account)} — {account.address[:10]}…{account.address[-6:]}",
                                       account.id)
        self.account_combo.setCurrentIndex(max(0, self.account_combo.findData(current)))
        self.asset_combo.clear()
        if chain is not None:
            self.asset_combo.addItem(chain.native.symbol, None)
            for token in self.context.tokens.tracked(chain):
                self.asset_combo.addItem(token.symbol, token.address)
            self.asset_combo.setCurrentIndex(max(0, self.asset_combo.findData(current_asset)))
        for combo in (self.account_combo, self.asset_combo):
            combo.blockSignals(False)
        self.review_button.setEnabled(chain is not None and self.account_combo.count() > 0)
        self.refresh_contacts()
        self.refresh_spendable()

    def refresh_contacts(self) -> None:
        """The address book and own accounts offered as recipients, and the note under the field."""
        entries = [(c.name, c.address) for c in self.context.contacts.all()]
        entries += [(self.tr("{name} (your account)").format(name=account_label(a)), a.address)
                    for a in self.context.accounts.all()]
        self.recipient_completer.set_entries([(f"{shown} — {_short(address)}", address) for shown, address in entries])
        self._recipient_changed(self.recipient_edit.text())

    def fill_recipient(self, address: str) -> bool:
        """Starts a send to ``address`` (from the address book): a review still open is left, and the
        form shows the address. False, changing nothing, while a transaction is being prepared or signed."""
        if self.working:
            return False
        if self.prepared is not None or self.review_group.isVisible():
            self._back()
        self.recipient_edit.setText(address)
        self.amount_edit.setFocus()
        return True

    def recipient_owner(self, address: str) -> tuple[str, bool] | None:
        """Whose address this is: (the contact's name, False) or (the account's name, True)."""
        contact = self.context.contacts.by_address(address)
        if contact is not None:
            return contact.name, False
        account = next((a for a in self.context.accounts.all() if a.address.lower() == address.lower()), None)
        return (account_label(account), True) if account is not None else None

    def _spendable_key(self) -> SpendableKey | None:
        chain, account_id = self.context.network.selected_chain(), self.account_combo.currentData()
        if chain is None or account_id is None:
            return None
        return chain.key, int(account_id), self.asset_combo.currentData(), FeeTier(self.fee_combo.currentData())

    def refresh_spendable(self) -> None:
        """The selected account's balance of the selected asset, read in the background; an answer for
        a selection that has changed meanwhile (account, asset, fee tier or network) is dropped."""
        key, chain, account = self._spendable_key(), self.context.network.selected_chain(), self._account()
        if self.spendable is not None and self.spendable.key != key:
            self.spendable = None
        self._show_spendable()
        if key is None or chain is None or account is None:
            return
        token, tier = self._token(chain), key[3]

        def done(result: Spendable) -> None:
            if result.key == self._spendable_key():
                self.spendable = result
                self._show_spendable()

        def failed(error: Exception) -> None:
            if key == self._spendable_key():
                self.spendable_label.setText(self.tr("Available: unknown ({reason})").format(
                    reason=error_text(error)))

        self.context.tasks.submit(lambda: read_spendable(self.context, chain, account, token, tier, key), done,
                                  failed)

    def _show_spendable(self) -> None:
        spendable = self.spendable
        self.max_button.setEnabled(spendable is not None and spendable.maximum is not None)
        if self._spendable_key() is None:
            self.spendable_label.clear()
        elif spendable is None:
            self.spendable_label.setText(self.tr("Available: …"))
        elif spendable.balance is None:
            self.spendable_label.setText(self.tr("Available: unknown (the token did not answer)"))
        else:
            self.spendable_label.setText(self.tr("Available: {amount} {symbol}").format(
                amount=format_units(spendable.balance, spendable.decimals), symbol=spendable.symbol))

    def fill_max(self) -> None:
        """Everything the account can send: the whole token, or the coin less the fee at the chosen tier."""
        spendable = self.spendable
        if spendable is None or spendable.maximum is None or spendable.key != self._spendable_key():
            return
        self.amount_edit.setText(format_units(spendable.maximum, spendable.decimals).replace(",", ""))

    def _account(self) -> Account | None:
        account_id = self.account_combo.currentData()
        return self.context.accounts.get(int(account_id)) if account_id is not None else None

    def _token(self, chain: Chain) -> TokenInfo | None:
        address = self.asset_combo.currentData()
        if address is None:
            return None
        return next(t for t in self.context.tokens.tracked(chain) if t.address == address)

    # --- actions ----------------------------------------------------------------------------
    def review(self) -> None:
        chain, account = self.context.network.selected_chain(), self._account()
        if chain is None or account is None:
            return
        token = self._token(chain)
        decimals = token.decimals if token else chain.native.decimals
        text = self.recipient_edit.text().strip()
        # A contact's exact name is that contact (the user's own book goes before ENS).
        name = text if looks_like_ens_name(text) and self.context.contacts.by_name(text) is None else None
        try:
            recipient = None if name else self._recipient(chain)
            amount = parse_units(self.amount_edit.text(), decimals)
        except AddressError as error:
            bad_address = error  # the name ``error`` ends with the except block; the message outlives it
            self._show(lambda: self.tr("The recipient address is not valid: {reason}").format(
                reason=error_text(bad_address)), error=True)
            return
        except WalletError as error:
            problem = error
            self._show(lambda: error_text(problem), error=True)
            return
        tier = FeeTier(self.fee_combo.currentData())
        known = tuple({a.address for a in self.context.accounts.all()}
                      | {c.address for c in self.context.contacts.all()}
                      | {r.recipient for r in self.context.transactions.history(chain.chain_id)})

        def work() -> PreparedSend:
            from wallet.services.send import SendRequest, prepare_send

            client = self.context.network.client(chain)
            to = resolve_ens(client, name) if name else recipient
            assert to is not None
            if _on_ledger(account):  # what the device can show is decided on confirming
                from wallet.hw.ledger_tokens import bundled_book

                bundled_book()
            return prepare_send(client, self.context.transactions, SendRequest(account.address, to, amount, token),
                                tier, known)

        self.ens_name = name

        self._busy(True)
        self.context.tasks.submit(work, self._show_review, self._failed)

    def confirm(self) -> None:
        prepared = self.prepared
        account = self._account()
        if prepared is None or account is None:
            return

        if account.kind in (AccountKind.AIRGAPPED, AccountKind.WATCH):  # no signer here: export it
            self._sign_offline(account, prepared)
            return

        def work() -> TxRecord:
            from wallet.services.send import sign_and_broadcast
            from wallet.services.signers import closing_signer

            signer, path = self.context.signer_for(account)
            with closing_signer(signer):
                client = self.context.network.client(prepared.chain)
                return sign_and_broadcast(client, self.context.transactions, signer, path, prepared)

        self._busy(True)
        if account.kind is AccountKind.HARDWARE:
            blind = _on_ledger(account) and self._ledger_blind_signs(prepared)

            def render() -> str:
                text = self.tr("Check the transaction on your device's screen and confirm it there…")
                return text + "\n" + self._blind_signing_text(prepared) if blind else text

            self._show(render)
        self.context.tasks.submit(work, self._sent, self._failed)

    @staticmethod
    def _ledger_blind_signs(prepared: PreparedSend) -> bool:
        from wallet.hw.ledger_tokens import bundled_book  # read in the review task already

        return bundled_book().blind_signed(prepared.tx)

    def _blind_signing_text(self, prepared: PreparedSend) -> str:
        """Why the Ledger will say "Blind signing", said before the user looks at the device."""
        d = prepared.decoded
        if d.action == "token_transfer":
            return self.tr(
                "Your Ledger will show “Blind signing” and an amount of 0 {coin} to the token contract {contract}: "
                "Ledger publishes no signed description of this token (devnet tokens never have one), so the "
                "device cannot show the token, the amount or the recipient. Blind signing must be on in the "
                "Ethereum app's settings. Approve only if the contract matches, and trust this review for the "
                "rest.").format(coin=prepared.chain.native.symbol, contract=d.to)
        return self.tr("Your Ledger will show “Blind signing”: it cannot decode this contract call, so check it "
                       "here. Blind signing must be on in the Ethereum app's settings.")

    def _sign_offline(self, account: Account, prepared: PreparedSend) -> None:
        """Export the request, take the signed result back, verify it against the request, broadcast."""
        from wallet.services.airgap import make_request
        from wallet.ui.offline_signing import OfflineSigningDialog

        if self._offline is None or self._offline[0] is not prepared:  # retrying keeps the request already out
            chain = prepared.chain
            self._offline = (prepared, make_request(chain.chain_id, chain.name, account.address,
                                                    account.derivation_path, prepared.tx))
        request = self._offline[1]
        self.offline_dialog = OfflineSigningDialog(request, self)

        def finished(result: int) -> None:
            dialog, self.offline_dialog = self.offline_dialog, None
            if dialog is None:
                return
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                return
            text = dialog.answer_text()

            def work() -> TxRecord:
                from wallet.services.airgap import verify_result
                from wallet.services.send import broadcast_signed

                raw = verify_result(request, text)
                return broadcast_signed(self.context.network.client(prepared.chain), self.context.transactions,
                                        prepared, raw)

            self._busy(True)
            self.context.tasks.submit(work, self._sent, self._failed)

        self.offline_dialog.finished.connect(finished)
        self.offline_dialog.open()

    def _recipient(self, chain: Chain) -> str:
        text = self.recipient_edit.text().strip()
        if text.startswith("ethereum:"):
            request = parse_payment_uri(text)
            if request.chain_id is not None and request.chain_id != chain.chain_id:
                raise PaymentUriError(reason=self.tr("it asks for chain id {chain_id}").format(
                    chain_id=request.chain_id))
            return request.recipient
        contact = self.context.contacts.by_name(text) if not is_hex_address(text) else None
        return contact.address if contact is not None else parse_address(text)

    def _recipient_changed(self, text: str) -> None:
        """Says whose address was typed (a contact, an own account) or offers to save a new one; a
        pasted or scanned payment link fills in the asset and amount too."""
        self._new_recipient = None
        self.save_contact_button.hide()
        text = text.strip()
        if text.startswith("ethereum:"):
            self._payment_link_changed(text)
            return
        if not is_hex_address(text):
            contact = self.context.contacts.by_name(text) if text else None
            if contact is not None:
                self._note(self.tr("Contact: {name} ({address})").format(name=contact.name, address=contact.address),
                           Tone.OK)
            else:
                self._note("")
            return
        try:
            address = parse_address(text)
        except AddressError as error:
            self._note(self.tr("The recipient address is not valid: {reason}").format(reason=error_text(error)),
                       Tone.ERROR)
            return
        self._note_owner(address)

    def _note_owner(self, address: str, prefix: str = "") -> None:
        owner = self.recipient_owner(address)
        twin = self.context.contacts.lookalike(address) if owner is None else None
        if twin is not None:
            self._note(prefix + self.tr("Not your contact {name}: this address only starts and ends like theirs "
                                        "({address}). Check every character.").format(
                name=twin.name, address=twin.address), Tone.WARNING)
        elif owner is None:
            self._new_recipient = address
            self.save_contact_button.show()
            self._note(prefix.strip() or self.tr("Not in your address book."), None if prefix else Tone.MUTED)
        elif owner[1]:
            self._note(prefix + self.tr("Your account: {name}").format(name=owner[0]), Tone.OK)
        else:
            self._note(prefix + self.tr("Contact: {name}").format(name=owner[0]), Tone.OK)

    def _note(self, text: str, tone: Tone | None = None) -> None:
        set_tone(self.recipient_note, tone)
        self.recipient_note.setText(text)

    def _payment_link_changed(self, text: str) -> None:
        chain = self.context.network.selected_chain()
        if chain is None:
            self._note("")
            return
        try:
            request = parse_payment_uri(text)
        except PaymentUriError as error:
            self._note(error_text(error), Tone.ERROR)
            return
        if request.token is not None:
            index = self.asset_combo.findData(request.token)
            if index < 0:
                self._note(self.tr("The link asks for a token this wallet does not track."), Tone.ERROR)
                return
            self.asset_combo.setCurrentIndex(index)
        else:
            self.asset_combo.setCurrentIndex(0)
        if request.amount is not None:
            token = self._token(chain)
            self.amount_edit.setText(format_units(request.amount, token.decimals if token else chain.native.decimals)
                                     .replace(",", ""))
        self._note_owner(request.recipient, self.tr("Payment link: {address}").format(address=request.recipient)
                         + "\n")

    def open_save_contact(self, address: str, note: str = "") -> ContactDialog:
        """The add-contact dialog with ``address`` (and ``note``) filled in; saving refreshes the offers
        and the note under the field."""
        from wallet.ui.contact_dialog import ContactDialog

        dialog = ContactDialog(self.context.contacts, None, address, self.context.accounts.all(), self, note=note)
        self.contact_dialog = dialog

        def finished(result: int) -> None:
            self.contact_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and dialog.saved is not None:
                if self._sent_to is not None and self._sent_to.lower() == dialog.saved.address.lower():
                    self._sent_to = None
                    self.save_sent_button.hide()
                self.refresh_contacts()
                self.contacts_changed.emit()

        dialog.finished.connect(finished)
        dialog.open()
        dialog.name_edit.setFocus()
        return dialog

    def _show_review(self, prepared: PreparedSend) -> None:
        self._busy(False)
        self.prepared = prepared
        d = prepared.decoded
        chain = prepared.chain
        symbol = d.token.symbol if d.token else chain.native.symbol
        decimals = d.token.decimals if d.token else chain.native.decimals
        rows = [
            (self.tr("Network"), self.tr("{chain} (chain id {chain_id})").format(
                chain=chain.display_name(self.language), chain_id=d.chain_id)),
            (self.tr("From"), d.sender),
            (self.tr("To"), self._recipient_text(d.recipient)),
            (self.tr("Amount"), f"{format_units(d.amount, decimals)} {symbol}"),
        ]
        if d.action == "token_transfer":
            rows.append((self.tr("Contract call"), self.tr("ERC-20 transfer on {contract}").format(contract=d.to)))
        rows += [
            (self.tr("Network fee (at most)"), f"{format_units(d.max_fee_cost, chain.native.decimals, 8)} "
                                               f"{chain.native.symbol}" + _dollars(usd_value(
                                                   d.max_fee_cost, chain.native.decimals, prepared.native_usd_price))),
            (self.tr("Nonce"), str(d.nonce)),
        ]
        self.review_text.setText("<table>" + "".join(
            f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows) + "</table>")
        self.warnings_label.setText("<br>".join("⚠ " + self._warning_text(w) for w in prepared.warnings))
        self.form_group.setEnabled(False)
        self._label_confirm()
        self.review_group.show()
        self.message.clear_message()

    def _recipient_text(self, recipient: str) -> str:
        """The review's "To": the decoded address, after the ENS name typed and whose it is (escaped:
        names are the user's own text, the review is rich text)."""
        text = f"{html.escape(self.ens_name)} → {recipient}" if self.ens_name else recipient
        owner = self.recipient_owner(recipient)
        if owner is not None:
            label = self.tr("your account {name}") if owner[1] else self.tr("contact {name}")
            text += f" ({html.escape(label.format(name=owner[0]))})"
        return text

    def _label_confirm(self) -> None:
        account = self._account()
        offline = account is not None and account.kind in (AccountKind.AIRGAPPED, AccountKind.WATCH)
        self.confirm_button.setText(self.tr("Export for signing…") if offline else self.tr("Confirm and send"))

    def _sent(self, record: TxRecord) -> None:
        self._busy(False)
        recipient = self.prepared.decoded.recipient if self.prepared is not None else None
        ens_name = self.ens_name
        self._back()
        self.recipient_edit.clear()
        self.amount_edit.clear()
        self._show(lambda: self.tr("Sent. Transaction {hash} is pending; follow it in History.").format(
            hash=record.hash))
        if recipient is not None and self.recipient_owner(recipient) is None:
            self._sent_to, self._sent_ens = recipient, ens_name or ""
            self.save_sent_button.show()
        self.sent.emit()
        self.refresh_spendable()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self._show(lambda: error_text(error), error=True)

    def _back(self) -> None:
        self.prepared = None
        self.review_group.hide()
        self.form_group.setEnabled(True)

    def _busy(self, busy: bool) -> None:
        self.working = busy
        self.review_button.setEnabled(not busy)
        self.confirm_button.setEnabled(not busy)
        if busy:
            self._show(lambda: self.tr("Working…"))

    def _show(self, render: Callable[[], str], error: bool = False) -> None:
        """The page's message, said again in the new language after a switch."""
        self._sent_to = None
        self.save_sent_button.hide()
        self.message.say(render, Tone.ERROR if error else Tone.OK)

    def _warning_text(self, warning: str) -> str:
        return {
            "recipient_is_contract": self.tr("The recipient is a contract. Make sure it can handle what you send."),
            "recipient_is_token": self.tr("You are sending tokens to the token's own contract: they would most "
                                          "likely be lost."),
            "looks_like_known": self.tr("This address looks like one you know but is different. Check every "
                                        "character: this is how address-poisoning scams work."),
            "exceeds_balance": self.tr("This is more than the account holds, with the fee."),
        }.get(warning, warning)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Send"))
        for label, text in zip(self.labels, (self.tr("From"), self.tr("Asset"), self.tr("To"), self.tr("Amount"),
                                             self.tr("Fee")), strict=True):
            label.setText(text)
        self.recipient_edit.setPlaceholderText(self.tr("Contact name, 0x… address, ENS name or ethereum: payment link"))
        for index, text in enumerate((self.tr("Slow (cheaper)"), self.tr("Normal"), self.tr("Fast"))):
            self.fee_combo.setItemText(index, text)
        self.review_button.setText(self.tr("Review…"))
        self.save_contact_button.setText(self.tr("Save to address book…"))
        self.save_sent_button.setText(self.tr("Save recipient to address book…"))
        self._recipient_changed(self.recipient_edit.text())
        self.max_button.setText(self.tr("Max"))
        self.max_button.setToolTip(self.tr("Everything this account can send: for the coin, less the network fee "
                                           "at the chosen speed."))
        self._show_spendable()
        self.review_group.setTitle(self.tr("Check before you sign"))
        self._label_confirm()
        self.back_button.setText(self.tr("Back"))
