"""History's table on Qt's model/view: one ``QAbstractTableModel`` over the merged rows
(``wallet.services.history_export.merge_history``), texts made only for the rows on screen, so
10,000 rows cost one list and no widget per cell.

Logical columns keep the order of the table before From was added (time, status, to, amount, fee,
nonce, transaction, from); the view shows From before To (``HistoryTableView`` moves the section).
Status words are translated in the ``HistoryPage`` context, where they have always been.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from wallet.chains.amounts import format_units
from wallet.chains.registry import Chain
from wallet.services.history_export import OWN, RECEIVED, SENT, HistoryRow, moves_value

TIME, STATUS, TO, AMOUNT, FEE, NONCE, TRANSACTION, FROM = range(8)
COLUMN_COUNT = 8
VISUAL_ORDER = (TIME, STATUS, FROM, TO, AMOUNT, FEE, NONCE, TRANSACTION)
KEY_ROLE = Qt.ItemDataRole.UserRole
FIT_SAMPLE_ROWS = 50  # rows measured when the columns are first fitted
CELL_PADDING = 16  # a cell's margins around its text, in pixels

_Index = QModelIndex | QPersistentModelIndex


def short_address(address: str) -> str:
    return f"{address[:6]}…{address[-4:]}"


def local_time_text(timestamp: float | None) -> str:
    if timestamp is None:
        return "—"
    return datetime.fromtimestamp(timestamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def local_zone_text() -> str:
    """The local zone as an offset from UTC (``UTC+08:00``), for the time column's header."""
    offset = datetime.now().astimezone().strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def status_text(row: HistoryRow, genesis: str | None, devnet: bool) -> str:
    """The status column: our records' status and kind (an earlier playground's never "Confirmed"),
    or the direction of a found transfer."""
    record = row.record
    if record is None:
        return {RECEIVED: QCoreApplication.translate("HistoryPage", "Received"),
                SENT: QCoreApplication.translate("HistoryPage", "Sent"),
                OWN: QCoreApplication.translate("HistoryPage", "Between own accounts")}[row.direction]
    if record.genesis_hash is not None and genesis is None:
        status = QCoreApplication.translate("HistoryPage", "Checking the chain…")
    elif record.genesis_hash is not None and record.genesis_hash != genesis:
        status = (QCoreApplication.translate("HistoryPage", "From an earlier playground") if devnet
                  else QCoreApplication.translate("HistoryPage", "From another chain with this id"))
    else:
        status = {"pending": QCoreApplication.translate("HistoryPage", "Pending"),
                  "confirmed": QCoreApplication.translate("HistoryPage", "Confirmed"),
                  "failed": QCoreApplication.translate("HistoryPage", "Failed"),
                  "replaced": QCoreApplication.translate("HistoryPage", "Replaced"),
                  "dropped": QCoreApplication.translate("HistoryPage", "Dropped"),
                  "gone": QCoreApplication.translate("HistoryPage", "No longer on the chain")}.get(
                      record.status, record.status)
    kinds = {"speedup": QCoreApplication.translate("HistoryPage", " (speed-up)"),
             "cancel": QCoreApplication.translate("HistoryPage", " (cancel)"),
             "approve": QCoreApplication.translate("HistoryPage", " (approval)"),
             "swap": QCoreApplication.translate("HistoryPage", " (swap)"),
             "htlc_lock": QCoreApplication.translate("HistoryPage", " (swap lock)"),
             "htlc_claim": QCoreApplication.translate("HistoryPage", " (swap claim)"),
             "htlc_refund": QCoreApplication.translate("HistoryPage", " (swap refund)")}
    return status + kinds.get(record.kind, "")


def asset_text(row: HistoryRow, chain: Chain | None) -> str:
    if row.token is None:
        return chain.native.symbol if chain else ""
    return row.symbol if row.symbol is not None else short_address(row.token)


def amount_text(row: HistoryRow, chain: Chain | None) -> str:
    """Signed by direction (− sent, + received); a token without known decimals shows its raw units."""
    sign = "" if not moves_value(row) else "−" if row.direction == SENT else "+" if row.direction == RECEIVED else ""
    decimals = row.decimals if row.decimals is not None else (chain.native.decimals if row.token is None and chain
                                                               else 0)
    sold = f"{sign}{format_units(row.amount, decimals)} {asset_text(row, chain)}"
    record = row.record
    details = (record.details or {}) if record else {}
    if record is None or record.kind != "swap" or not {"symbol_out", "decimals_out"} <= details.keys():
        return sold
    bought = str(details.get("amount_received", details.get("amount_out_min", "")))
    if not bought.isdigit():
        return sold
    prefix = "" if "amount_received" in details else "≥ "
    return f"{sold} → {prefix}{format_units(int(bought), int(details['decimals_out']))} {details['symbol_out']}"


def fee_text(row: HistoryRow, chain: Chain | None) -> str:
    if chain is None or row.fee is None:
        return "—"
    return f"{format_units(row.fee, chain.native.decimals, 8)} {chain.native.symbol}"


class HistoryModel(QAbstractTableModel):
    """The rows of one chain. ``set_rows`` replaces them all (a reset: the view keeps no per-row state).

    A row's texts are made the first time any of its cells is asked for and kept until the rows,
    the names or the language change: painting and scrolling look them up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._names: Mapping[str, str] = {}
        self._chain: Chain | None = None
        self._genesis: str | None = None
        self._grey: Any = None
        self._texts: list[tuple[str, ...] | None] = []  # per row: its cells' texts by logical column, once made

    # --- content ----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[HistoryRow], names: Mapping[str, str], chain: Chain | None,
                 genesis: str | None) -> None:
        """``names``: a display name per lower-case address (own accounts, contacts, ENS names)."""
        self.beginResetModel()
        self._rows, self._names, self._chain, self._genesis = list(rows), dict(names), chain, genesis
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def set_names(self, names: Mapping[str, str]) -> None:
        if dict(names) == self._names:
            return
        self._names = dict(names)
        self._texts = [None] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(self.index(0, TO), self.index(len(self._rows) - 1, FROM))

    @property
    def rows(self) -> list[HistoryRow]:
        return self._rows

    @property
    def names(self) -> Mapping[str, str]:
        return self._names

    @property
    def chain(self) -> Chain | None:
        return self._chain

    @property
    def genesis(self) -> str | None:
        return self._genesis

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.key == key), None)

    def name_of(self, address: str) -> str | None:
        return self._names.get(address.lower())

    def party_text(self, address: str) -> str:
        """A known name, or the full address (never a shortened one: look-alike addresses are made to
        match a shortened form)."""
        return self._names.get(address.lower()) or address

    def status_of(self, row: HistoryRow) -> str:
        return status_text(row, self._genesis, bool(self._chain and self._chain.devnet))

    def elsewhere(self, row: HistoryRow) -> bool:
        """Nothing on this chain backs it: another genesis's record, or one the chain lost."""
        record = row.record
        return record is not None and ((record.genesis_hash is not None and record.genesis_hash != self._genesis)
                                       or record.status == "gone")

    # --- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), column)
        if role == KEY_ROLE:
            return row.key
        if role == Qt.ItemDataRole.ToolTipRole and column in (FROM, TO):
            address = row.sender if column == FROM else row.recipient
            name = self._names.get(address.lower())
            return f"{name}\n{address}" if name else address
        if role == Qt.ItemDataRole.ToolTipRole and column == TRANSACTION:
            return row.tx_hash
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (AMOUNT, FEE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.elsewhere(row):
            if self._grey is None:
                self._grey = QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return self._grey
        return None

    def cell_text(self, row: int, column: int) -> str:
        """The text of a cell by row number and logical column (made once per row, then looked up)."""
        texts = self._texts[row]
        if texts is None:
            history_row = self._rows[row]
            texts = self._texts[row] = tuple(self.text(history_row, c) for c in range(COLUMN_COUNT))
        return texts[column]

    def text(self, row: HistoryRow, column: int) -> str:
        match column:
            case 0:
                return local_time_text(row.timestamp)
            case 1:
                return self.status_of(row)
            case 2:
                return self.party_text(row.recipient)
            case 3:
                return amount_text(row, self._chain)
            case 4:
                return fee_text(row, self._chain)
            case 5:
                return "" if row.record is None else str(row.record.nonce)
            case 6:
                return row.tx_hash
            case 7:
                return self.party_text(row.sender)
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            TIME: QCoreApplication.translate("HistoryPage", "Time ({zone})").format(zone=local_zone_text()),
            STATUS: QCoreApplication.translate("HistoryPage", "Status"),
            FROM: QCoreApplication.translate("HistoryPage", "From"),
            TO: QCoreApplication.translate("HistoryPage", "To"),
            AMOUNT: QCoreApplication.translate("HistoryPage", "Amount"),
            FEE: QCoreApplication.translate("HistoryPage", "Fee paid"),
            NONCE: QCoreApplication.translate("HistoryPage", "Nonce"),
            TRANSACTION: QCoreApplication.translate("HistoryPage", "Transaction"),
        }.get(section)

    def retranslate(self) -> None:
        self._texts = [None] * len(self._rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1))


class _Cell:
    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text


class HistoryTableView(QTableView):
    """The history table: whole-row single selection, fixed row height (no per-row measuring), From
    shown before To. ``item``/``rowCount``/``columnCount`` read cells by logical column, as
    ``QTableWidget`` did (tests and tools read the table this way)."""

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.history_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for visual, logical in enumerate(VISUAL_ORDER):
            header.moveSection(header.visualIndex(logical), visual)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # addresses and hashes keep both ends
        self._fitted = False

    def fit_columns(self) -> None:
        """Fit the columns to their header and the first ``FIT_SAMPLE_ROWS`` rows once rows are there
        (later the user's widths stay; the rows below are never measured); an address or hash column
        is capped, its text elided in the middle (the tooltip has it all)."""
        model = self.history_model
        if self._fitted or not model.rowCount():
            return
        self._fitted = True
        metrics, header = self.fontMetrics(), self.horizontalHeader()
        sample = range(min(model.rowCount(), FIT_SAMPLE_ROWS))
        capped = metrics.horizontalAdvance("0x0000000000…00000000") + CELL_PADDING
        for column in range(COLUMN_COUNT):
            widest = max((metrics.horizontalAdvance(model.cell_text(row, column)) for row in sample), default=0)
            width = max(header.sectionSizeHint(column), widest + CELL_PADDING)
            self.setColumnWidth(column, min(width, capped) if column in (FROM, TO, TRANSACTION) else width)

    def refit_columns(self) -> None:
        """Fit again, for words of another language (a live switch): the old widths cut them."""
        self._fitted = False
        self.fit_columns()

    def rowCount(self) -> int:
        return self.history_model.rowCount()

    def columnCount(self) -> int:
        return self.history_model.columnCount()

    def item(self, row: int, column: int) -> _Cell | None:
        if not 0 <= row < self.rowCount() or not 0 <= column < COLUMN_COUNT:
            return None
        return _Cell(self.history_model.cell_text(row, column))

    def selected_key(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return None if not rows else str(self.history_model.row_at(rows[0].row()).key)
