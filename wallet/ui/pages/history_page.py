"""History: what this wallet sent and what the chain says moved to or from its accounts, on the
selected chain, newest first, in the local time zone.

Rows are the wallet's own transaction records (live until final; pending ones can be sped up or
cancelled, both sign a replacement with the same nonce) merged with the transfers the history sync
found (``wallet.services.history_sync``: ERC-20 ``Transfer`` logs, coins from the playground's blocks
or an explorer API). The sync runs in a task when the page is shown, on a new block (one at a time;
a block seen meanwhile asks for one more pass) and after a network switch; a late answer for another
chain is dropped, and a switch cancels the old chain's scan between two ranges. Counterparties are
named: own accounts, contacts, then ENS primary names (looked up in the sync's task, cached).

Reading stays off the GUI thread: the wallet's own records and the found transfers are read and
merged in a task (the transfers only when they may have changed), and the merged rows are kept
between refreshes. A refresh (a status change the tracker saw, a send) shows the kept rows and
reads again in a task; one read runs at a time and a refresh meanwhile asks for one more, so a
read always starts after the change that asked for it. Every read of the records is stamped in
the order it happened, and rows are only ever replaced, all at once, by rows read later: the table
never goes back to an older state (a "pending" after its "confirmed"). Only a chain's first show
reads its records on the GUI thread (a quick query: their JSON is parsed only when asked).

A chain is its id and its genesis block: a record sent on another chain of the same id (an earlier
playground) is never shown with its old status, and until the genesis is known, a record tied to
one says so; found transfers are kept per genesis, so an earlier playground's never show.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.registry import Chain
from wallet.services.history_export import HistoryRow, csv_status, history_csv, merge_rows, record_rows
from wallet.store.transactions import TxRecord
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.history_model import HistoryModel, HistoryTableView
from wallet.ui.message_label import MessageLabel, Render
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

ZERO_ADDRESS = "0x" + "00" * 20
# ENS primary names looked up per sync pass (each is three calls): the rest wait for the next pass.
ENS_LOOKUPS_PER_PASS = 20


@dataclass(frozen=True)
class _Loaded:
    """The found transfers of one chain identity as rows, made in a task (10,000 take ~0.1 s)."""

    stamp: int  # when they were read (see ``_stamped``)
    chain: Chain
    genesis: str
    own: frozenset[str]
    rows: list[HistoryRow]


@dataclass(frozen=True)
class _View:
    """What the table shows for one chain: the wallet's own records, read at ``stamp``, merged with
    the found transfers (``loaded``; None: none known yet)."""

    stamp: int
    chain: Chain
    genesis: str | None
    own: frozenset[str]
    unknown_tokens: bool
    records: list[TxRecord]  # newest first
    record_rows: list[HistoryRow]
    loaded: _Loaded | None
    rows: list[HistoryRow]


@dataclass(frozen=True)
class _SyncOutcome:
    chain: Chain
    genesis: str
    head: int
    tokens_from: int | None
    coin_source: str | None
    ens: dict[str, str | None]
    view: _View


# Reads of the database are stamped in the order they happen (the stamp is taken under the lock the
# read holds): a higher stamp saw every change a lower one saw.
_STAMPS = itertools.count(1)
_READ_LOCK = threading.Lock()


class _LatestTransfers:
    """The found transfers read last by any of a page's tasks (a sync pass that found nothing new
    takes them instead of reading 10,000 again). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None

    def offer(self, loaded: _Loaded) -> None:
        with self._lock:
            if self._loaded is None or loaded.stamp > self._loaded.stamp:
                self._loaded = loaded

    def get(self, chain: Chain, genesis: str, own: frozenset[str]) -> _Loaded | None:
        with self._lock:
            loaded = self._loaded
        return loaded if loaded is not None and (loaded.chain, loaded.genesis, loaded.own) == (chain, genesis, own) \
            else None


def _load(context: AppContext, chain: Chain, genesis: str, own: frozenset[str],
          latest: _LatestTransfers | None = None) -> _Loaded:
    from wallet.services.history_export import transfer_rows

    with _READ_LOCK:
        stamp, transfers = next(_STAMPS), context.transfers.for_chain(chain.chain_id, genesis)
    loaded = _Loaded(stamp, chain, genesis, own, transfer_rows(transfers, own))
    if latest is not None:
        latest.offer(loaded)
    return loaded


def _read_view(context: AppContext, chain: Chain, genesis: str | None, own: frozenset[str], unknown_tokens: bool,
               loaded: _Loaded | None, read_transfers: bool = True, latest: _LatestTransfers | None = None) -> _View:
    """The chain's records read now, merged with ``loaded`` (None and ``read_transfers``: read too)."""
    with _READ_LOCK:
        stamp, records = next(_STAMPS), context.transactions.history(chain.chain_id)
    if loaded is None and read_transfers and genesis is not None:
        loaded = _load(context, chain, genesis, own, latest)
    return _merged(stamp, chain, genesis, own, unknown_tokens, records, record_rows(records, own), loaded)


def _merged(stamp: int, chain: Chain, genesis: str | None, own: frozenset[str], unknown_tokens: bool,
            records: list[TxRecord], own_rows: list[HistoryRow], loaded: _Loaded | None) -> _View:
    found = loaded.rows if loaded is not None and (loaded.chain, loaded.genesis) == (chain, genesis) else []
    return _View(stamp, chain, genesis, own, unknown_tokens, records, own_rows, loaded,
                 merge_rows(own_rows, found, unknown_tokens))


class HistoryPage(QWidget):
    # (chain key, blocks read, blocks to read), emitted from the sync's task: queued to the GUI thread
    sync_progress = Signal(str, int, int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: list[TxRecord] = []  # the wallet's own records on the selected chain, newest first
        self._genesis_asked: Chain | None = None
        self._shown_chain: Chain | None = None
        self._syncing: Chain | None = None  # the chain a sync task runs for
        self._sync_again = False
        self._cancel = threading.Event()
        self._ens: dict[str, dict[str, str | None]] = {}  # chain key → lower-case address → name (None: none)
        self._outcome: _SyncOutcome | None = None
        self._view: _View | None = None  # the rows on screen
        self._latest = _LatestTransfers()
        self._reading = False  # a read task runs
        self._read_again: bool | None = None  # asked meanwhile: one more read (True: the transfers too)
        self.head: int | None = None  # the chain's height as last seen (confirmations)
        self._progress: tuple[str, int, int] | None = None
        self.sync_progress.connect(self._on_progress)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.model = HistoryModel(self)
        self.table = HistoryTableView(self.model, self)
        self.table.setObjectName("historyTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.open_details())
        self.speed_up_button = QPushButton(self)
        self.speed_up_button.setObjectName("speedUpButton")
        self.speed_up_button.clicked.connect(lambda: self.replace_selected(cancel=False))
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelTxButton")
        self.cancel_button.clicked.connect(lambda: self.replace_selected(cancel=True))
        self.details_button = QPushButton(self)
        self.details_button.setObjectName("historyDetailsButton")
        self.details_button.clicked.connect(self.open_details)
        self.explorer_button = QPushButton(self)
        self.explorer_button.clicked.connect(self.open_in_explorer)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("historyExportButton")
        self.export_button.clicked.connect(self.export_csv)
        self.unknown_tokens_check = QCheckBox(self)
        self.unknown_tokens_check.setObjectName("historyUnknownTokens")
        self.unknown_tokens_check.toggled.connect(lambda _: self.refresh(sync=False))
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("historySyncState")
        self.sync_label.setWordWrap(True)
        set_tone(self.sync_label, Tone.MUTED)
        self.message = MessageLabel(self)
        buttons = QHBoxLayout()
        for button in (self.speed_up_button, self.cancel_button, self.details_button, self.explorer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        # The scan's state and the spam filter on their own row: beside the buttons, they were cut at
        # the smallest window.
        state_row = QHBoxLayout()
        state_row.addWidget(self.sync_label, 1)
        state_row.addWidget(self.unknown_tokens_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(buttons)
        layout.addLayout(state_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    # --- rows -------------------------------------------------------------------------------
    def refresh(self, sync: bool = True) -> None:
        """Show the kept rows of the selected chain now (no network), read them again in a task, then
        sync in another."""
        chain = self.context.network.selected_chain()
        if chain != self._shown_chain:
            self._chain_switched(chain)
        genesis = self.context.network.known_genesis(chain) if chain else None
        if chain is not None and genesis is None:
            self._ask_genesis(chain)
        if chain is None:
            self._view = None
            self.records = []
            self.model.set_rows([], self._names(None), None, None)
            self._selection_changed()
            self._show_sync_state()
            return
        own = frozenset(a.address for a in self.context.accounts.all())
        unknown = self.unknown_tokens_check.isChecked()
        view = self._view
        if view is None or view.chain != chain:
            # A chain's first show: its records now, on this thread (one quick query); transfers come in a task.
            self._display(_read_view(self.context, chain, genesis, own, unknown, None, read_transfers=False))
        elif (view.genesis, view.own, view.unknown_tokens) != (genesis, own, unknown):
            own_rows = view.record_rows if view.own == own else record_rows(view.records, own)
            self._display(_merged(view.stamp, chain, genesis, own, unknown, view.records, own_rows, view.loaded))
        self._request_read()
        if sync:
            self.request_sync()

    def reload_transfers(self) -> None:
        """Read the stored records and transfers of the selected chain again (in a task), then show them."""
        self._request_read(transfers=True)

    def _request_read(self, transfers: bool = False) -> None:
        """Read the records (and the transfers if ``transfers`` or they are not known) in a task, then
        show them. One read at a time: asked meanwhile, one more starts when it ends."""
        chain = self.context.network.selected_chain()
        if chain is None:
            return
        if self._reading:
            self._read_again = bool(self._read_again) or transfers
            return
        genesis = self.context.network.known_genesis(chain)
        own = frozenset(a.address for a in self.context.accounts.all())
        unknown = self.unknown_tokens_check.isChecked()
        view = self._view
        loaded = None if transfers or view is None else view.loaded
        if loaded is not None and (loaded.chain, loaded.genesis, loaded.own) != (chain, genesis, own):
            loaded = None
        self._reading = True

        def done(view: _View) -> None:
            self._reading = False
            self._apply(view)
            self._read_more()

        def failed(error: Exception) -> None:
            self._reading = False
            if self.context.network.selected_chain() == chain:
                self._show(lambda: error_text(error), error=True)
            self._read_more()

        self.context.tasks.submit(lambda: _read_view(self.context, chain, genesis, own, unknown, loaded,
                                                     latest=self._latest), done, failed)

    def _read_more(self) -> None:
        again, self._read_again = self._read_again, None
        if again is not None:
            self._request_read(transfers=again)

    def load_stored_transfers(self) -> None:
        """``reload_transfers`` on the calling thread (blocking: benches and scripts; the page itself
        reads in a task). 10,000 transfers take ~0.1 s."""
        chain = self.context.network.selected_chain()
        if chain is not None:
            self._apply(_read_view(self.context, chain, self.context.network.known_genesis(chain),
                                   frozenset(a.address for a in self.context.accounts.all()),
                                   self.unknown_tokens_check.isChecked(), None))

    @property
    def loading(self) -> bool:
        """Stored records and transfers are being read in a task."""
        return self._reading

    def _apply(self, view: _View) -> None:
        """Show rows read in a task, unless they are for a chain left behind or older than those shown.
        Transfers read later than the ones ``view`` has are kept."""
        chain = self.context.network.selected_chain()
        if chain != view.chain or self.context.network.known_genesis(chain) != view.genesis:
            return  # for a chain (or a genesis) left behind
        current = self._view
        if current is not None and current.chain == view.chain:
            newer, older = (view, current) if view.stamp > current.stamp else (current, view)
            loaded = _newest(newer.loaded, older.loaded, view.chain, view.genesis)
            if newer is current and loaded is current.loaded:
                return  # nothing newer than what is shown
            if (loaded is not newer.loaded or newer.genesis != view.genesis
                    or newer.unknown_tokens != self.unknown_tokens_check.isChecked()):
                view = _merged(newer.stamp, view.chain, view.genesis, newer.own,
                               self.unknown_tokens_check.isChecked(), newer.records, newer.record_rows, loaded)
            else:
                view = newer
        elif view.unknown_tokens != self.unknown_tokens_check.isChecked():
            view = _merged(view.stamp, view.chain, view.genesis, view.own, self.unknown_tokens_check.isChecked(),
                           view.records, view.record_rows, view.loaded)
        self._display(view)
        if view.own != frozenset(a.address for a in self.context.accounts.all()):
            self._request_read(transfers=True)  # accounts changed since it was read: directions and names

    def _display(self, view: _View) -> None:
        """Replace the rows on screen by ``view``'s, all at once (the selection kept)."""
        selected = self.table.selected_key()
        self._view = view
        self.records = view.records
        self.model.set_rows(view.rows, self._names(view.chain), view.chain, view.genesis)
        self.table.fit_columns()
        if selected is not None and (row := self.model.row_of(selected)) is not None:
            self.table.selectRow(row)
        self._selection_changed()
        self._show_sync_state()

    def _names(self, chain: Chain | None) -> dict[str, str]:
        """Lower-case address → the name to show: own accounts over contacts over ENS names."""
        from wallet.ui.pages.accounts_page import account_label

        names = {a: n for a, n in self._ens.get(chain.key, {}).items() if n} if chain else {}
        names[ZERO_ADDRESS] = self.tr("Zero address (mint or burn)")
        names.update({c.address.lower(): c.name for c in self.context.contacts.all()})
        names.update({a.address.lower(): account_label(a) for a in self.context.accounts.all()})
        return names

    def _chain_switched(self, chain: Chain | None) -> None:
        self._cancel.set()  # a scan of the chain left behind stops between two ranges
        self._cancel = threading.Event()
        self._shown_chain, self._outcome, self.head = chain, None, None
        self.message.clear_message()

    def _ask_genesis(self, chain: Chain) -> None:
        """Learn the chain's genesis hash off the GUI thread (once per chain), then show again."""
        if self._genesis_asked == chain:
            return
        self._genesis_asked = chain

        def work() -> str:
            from wallet.services.network import genesis_hash

            return genesis_hash(self.context.network.client(chain))

        def done(_: str) -> None:
            if self.context.network.selected_chain() == chain:
                self.refresh()

        def failed(error: Exception) -> None:
            self._genesis_asked = None  # asked again on the next refresh
            if self.context.network.selected_chain() == chain:
                self._show(lambda: error_text(error), error=True)

        self.context.tasks.submit(work, done, failed)

    # --- sync -------------------------------------------------------------------------------
    def on_new_block(self, chain_key: str, block_number: int) -> None:
        """The chain monitor saw a block: sync while the page is on screen (coalesced: at most one
        pass runs, and blocks seen meanwhile ask for one more)."""
        chain = self.context.network.selected_chain()
        if chain is None or chain.key != chain_key:
            return
        self.head = max(self.head or 0, block_number)
        if self.isVisible():
            self.request_sync()

    def request_sync(self) -> None:
        chain = self.context.network.selected_chain()
        if chain is None or self.context.network.known_genesis(chain) is None:
            return  # the genesis is asked first; its answer refreshes (and syncs)
        if self._syncing is not None:
            self._sync_again = True  # one more pass when this one ends (for this chain, or the new one)
            return
        accounts = self.context.accounts.all()
        if not accounts:
            return
        own = frozenset(a.address for a in accounts)
        self._syncing, self._sync_again = chain, False
        cancel = self._cancel
        known_ens = dict(self._ens.get(chain.key, {}))
        api_key = self.context.settings.explorer_api_key or None
        unknown = self.unknown_tokens_check.isChecked()
        self._show_sync_state()

        def work() -> _SyncOutcome:
            from wallet.services.history_sync import sync_history
            from wallet.services.network import genesis_hash

            client = self.context.network.client(chain)
            genesis = genesis_hash(client)
            result = sync_history(client, self.context.transfers, genesis, [a.address for a in accounts],
                                  self.context.tokens.tracked(chain), explorer_api_key=api_key, cancel=cancel,
                                  progress=lambda done, total: self.sync_progress.emit(chain.key, done, total))
            # Nothing new found: the transfers read last (by this pass's time) are still all there are.
            kept = self._latest.get(chain, genesis, own) if result.new_transfers == 0 else None
            view = _read_view(self.context, chain, genesis, own, unknown, kept, latest=self._latest)
            return _SyncOutcome(chain, genesis, result.head, result.tokens_from, result.coin_source,
                                _ens_names(client, self.context, chain, view, known_ens, cancel), view)

        def done(outcome: _SyncOutcome) -> None:
            self._sync_finished()
            if self.context.network.selected_chain() != outcome.chain:  # a late answer for a chain left behind
                if self._sync_again:
                    self.request_sync()
                return
            self._outcome = outcome
            self.head = max(self.head or 0, outcome.head)
            self._ens.setdefault(outcome.chain.key, {}).update(outcome.ens)
            if self.message.property("syncError"):
                self.message.clear_message()
                self.message.setProperty("syncError", False)
            self._apply(outcome.view)
            self.model.set_names(self._names(outcome.chain))  # ENS names just learned (if rows read later are shown)
            if self._sync_again:
                self.request_sync()

        def failed(error: Exception) -> None:
            from wallet.services.history_sync import HistorySyncCancelled

            self._sync_finished()
            if isinstance(error, HistorySyncCancelled) or self.context.network.selected_chain() != chain:
                if self._sync_again:
                    self.request_sync()
                return
            self._show(lambda: error_text(error), error=True)
            self.message.setProperty("syncError", True)
            self._show_sync_state()

        self.context.tasks.submit(work, done, failed)

    def _sync_finished(self) -> None:
        self._syncing, self._progress = None, None

    def _on_progress(self, chain_key: str, done: int, total: int) -> None:
        if self._syncing is not None and self._syncing.key == chain_key:
            self._progress = (chain_key, done, total)
            self._show_sync_state()

    @property
    def syncing(self) -> bool:
        return self._syncing is not None

    def _show_sync_state(self) -> None:
        chain = self.context.network.selected_chain()
        parts: list[str] = []
        if self._syncing is not None and self._syncing == chain:
            progress = self._progress
            if progress is not None and progress[2] > 10_000 and progress[0] == chain.key:
                parts.append(self.tr("Updating… {done} of {total} blocks read.").format(
                    done=f"{progress[1]:,}", total=f"{progress[2]:,}"))
            else:
                parts.append(self.tr("Updating…"))
        outcome = self._outcome
        if outcome is not None and outcome.chain == chain:
            if outcome.tokens_from:
                parts.append(self.tr("Token transfers are shown from block {block}.").format(
                    block=f"{outcome.tokens_from:,}"))
            if outcome.coin_source is None:
                parts.append(self.tr("Coins received are not listed on this network unless an explorer API key "
                                     "is set in Settings; coins this wallet sent are."))
        self.sync_label.setText(" ".join(parts))
        self.sync_label.setVisible(bool(parts))

    # --- selection and actions --------------------------------------------------------------
    def selected_row(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return None if not rows else self.model.row_at(rows[0].row())

    def selected_record(self) -> TxRecord | None:
        row = self.selected_row()
        return None if row is None else row.record

    def on_this_chain(self, record: TxRecord) -> bool:
        """Sent on the chain now selected (same genesis), or not tied to a genesis yet."""
        chain = self.context.network.selected_chain()
        genesis = self.context.network.known_genesis(chain) if chain else None
        return record.genesis_hash is None or record.genesis_hash == genesis

    def replace_selected(self, cancel: bool) -> None:
        record, chain = self.selected_record(), self.context.network.selected_chain()
        if record is None or chain is None:
            return
        account = next((a for a in self.context.accounts.all() if a.address == record.sender), None)
        if account is None:
            return

        def work() -> TxRecord:
            from wallet.services.send import replace
            from wallet.services.signers import closing_signer

            signer, path = self.context.signer_for(account)
            with closing_signer(signer):
                return replace(self.context.network.client(chain), self.context.transactions, signer, path, record,
                               cancel)

        def done(_: TxRecord) -> None:
            self._show(lambda: self.tr("Replacement sent with higher fees.") if not cancel else
                       self.tr("Cancellation sent: the original will not go through if this confirms first."))
            self.refresh()

        self.context.tasks.submit(work, done, lambda error: self._show(lambda: error_text(error), error=True))

    def explorer_link(self, row: HistoryRow) -> str | None:
        chain = self.context.network.selected_chain()
        if chain is None or not chain.explorer_url:
            return None
        return f"{chain.explorer_url.rstrip('/')}/tx/{row.tx_hash}"

    def open_in_explorer(self) -> None:
        row = self.selected_row()
        link = None if row is None else self.explorer_link(row)
        if link is not None:
            QDesktopServices.openUrl(QUrl(link))

    def open_details(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from wallet.ui.history_detail_dialog import HistoryDetailDialog

        dialog = HistoryDetailDialog(self.context, self.model, row, self.head, self.explorer_link(row), self)
        self.detail_dialog = dialog
        dialog.open()

    def export_csv(self) -> None:
        chain = self.context.network.selected_chain()
        if chain is None or not self.model.rows:
            self._show(lambda: self.tr("Nothing to export yet."), error=True)
            return
        suggested = str(Path.home() / f"history-{chain.key}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export history"), suggested,
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv_to(Path(path))

    def export_csv_to(self, path: Path) -> bool:
        """Writes the rows on screen as CSV (atomically); says so, or why not."""
        from wallet.errors import WalletError
        from wallet.store.atomic import atomic_write_text

        chain = self.context.network.selected_chain()
        if chain is None:
            return False
        rows = self.model.rows
        text = history_csv(rows, chain.native.symbol, chain.native.decimals, self.head, self.model.names,
                           {r.key: csv_status(r) for r in rows})  # not the screen's words: a file is read by programs
        try:
            atomic_write_text(path, text)  # 0600: a history is nobody else's business
        except (OSError, WalletError) as error:
            self._show(error_text(error), error=True)  # said once: the words of this failure
            return False
        self._show(lambda: self.tr("{count} rows exported to {path}.").format(count=len(rows), path=str(path)))
        return True

    def _selection_changed(self) -> None:
        row = self.selected_row()
        record = None if row is None else row.record
        pending = record is not None and record.status == "pending" and self.on_this_chain(record)
        self.speed_up_button.setEnabled(pending)
        self.cancel_button.setEnabled(pending)
        self.details_button.setEnabled(row is not None)
        self.explorer_button.setEnabled(row is not None and self.explorer_link(row) is not None)

    def _show(self, text: str | Render, error: bool = False) -> None:
        """``text``: best a function that says it, said again after a language switch (MessageLabel)."""
        self.message.say(text, Tone.ERROR if error else Tone.OK)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("History"))
        self.speed_up_button.setText(self.tr("Speed up"))
        self.cancel_button.setText(self.tr("Cancel transaction"))
        self.details_button.setText(self.tr("Details…"))
        self.explorer_button.setText(self.tr("Open in explorer"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.unknown_tokens_check.setText(self.tr("Show unknown tokens"))
        self.unknown_tokens_check.setToolTip(self.tr(
            "Transfers of tokens you do not track. Anyone can send any token to any address: unknown tokens "
            "are often spam that imitates a real one, or lures to a scam site."))
        self.model.retranslate()
        self.model.set_names(self._names(self.model.chain))  # account names the app made are in the language
        self.table.refit_columns()
        self._show_sync_state()


def _newest(a: _Loaded | None, b: _Loaded | None, chain: Chain, genesis: str | None) -> _Loaded | None:
    """The transfers read last of ``a`` and ``b`` that belong to ``chain`` and ``genesis``."""
    usable = [x for x in (a, b) if x is not None and (x.chain, x.genesis) == (chain, genesis)]
    return max(usable, key=lambda x: x.stamp, default=None)


def _ens_names(client: object, context: AppContext, chain: Chain, view: _View, known: dict[str, str | None],
               cancel: threading.Event) -> dict[str, str | None]:
    """ENS primary names of counterparties not named otherwise (blocking; a bounded number per pass)."""
    from wallet.chains.rpc import ChainClient, RpcError
    from wallet.errors import WalletError
    from wallet.services.history_sync import reverse_ens_name

    if chain.ens_registry is None or not isinstance(client, ChainClient):
        return {}
    named = {a.address.lower() for a in context.accounts.all()} | {c.address.lower() for c in context.contacts.all()}
    parties: list[str] = []
    for row in view.loaded.rows if view.loaded is not None else []:
        if row.known_asset:  # not for spam: its senders are not worth a look-up
            parties += [row.sender, row.recipient]
    parties += [r.recipient for r in view.records]
    found: dict[str, str | None] = {}
    for address in dict.fromkeys(p for p in parties if p.lower() not in named and p.lower() not in known):
        if len(found) >= ENS_LOOKUPS_PER_PASS or cancel.is_set():
            break
        try:
            found[address.lower()] = reverse_ens_name(client, address)
        except (RpcError, WalletError):
            found[address.lower()] = None
    return found

