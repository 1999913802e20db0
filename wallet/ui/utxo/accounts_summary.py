"""The Accounts page's view of the wallet's Bitcoin and Litecoin accounts: each with its balance, and
the way to the Bitcoin & Litecoin page, where they are received to, spent from and listed in full."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wallet.services.utxo_wallet import UtxoWalletService
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone
from wallet.ui.utxo.common import account_title, coin_amount
from wallet.ui.utxo.loading import Loaded, load_accounts


class UtxoAccountsSummary(QGroupBox):
    open_requested = Signal()

    def __init__(self, context: AppContext, service: Callable[[], UtxoWalletService],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("utxoAccountsSummary")
        self.context = context
        self._service = service
        self.loaded: Loaded | None = None
        self.loading = False
        self.lines = QLabel(self)
        self.lines.setObjectName("utxoSummaryLines")
        self.lines.setWordWrap(True)
        self.open_button = QPushButton(self)
        set_icon(self.open_button, "utxo")
        self.open_button.clicked.connect(self.open_requested)
        row = QHBoxLayout()
        row.addWidget(self.lines, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Reads the accounts and their balances (a task: it syncs through the Electrum servers)."""
        if self.loading:
            return
        self.loading = True
        if self.loaded is None:
            self.lines.setText(self.tr("Reading the Bitcoin and Litecoin accounts…"))

        def failed(error: Exception) -> None:
            self.loading = False
            self.lines.setText(error_text(error))
            set_tone(self.lines, Tone.ERROR)

        self.context.tasks.submit(lambda: load_accounts(self.context, self._service()), self._show, failed)

    def _show(self, loaded: Loaded) -> None:
        self.loading = False
        self.loaded = loaded
        self._render()

    def _render(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        set_tone(self.lines, None)
        if not loaded.accounts:
            self.lines.setText(self.tr("No Bitcoin or Litecoin accounts yet: they appear once the wallet is "
                                       "unlocked, or add a watch-only one on the Bitcoin & Litecoin page."))
            return
        lines = []
        for account in loaded.accounts:
            state = loaded.states.get(account.id)
            balance = coin_amount(state.balance, account.chain) if state is not None else self.tr("not synced")
            lines.append(self.tr("{account}: {balance}").format(account=account_title(account), balance=balance))
        self.lines.setText("\n".join(lines))
        # Why an account is not synced (a server unreachable, say), where the pointer asks for it.
        self.lines.setToolTip("\n".join(self.tr("{account}: {error}").format(account=account_title(account),
                                                                            error=error_text(error))
                                         for account, error in loaded.errors))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Bitcoin & Litecoin"))
        self.open_button.setText(self.tr("Receive, send, history…"))
        self._render()
