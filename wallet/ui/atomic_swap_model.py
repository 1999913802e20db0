"""The Atomic swap page's list of swaps: one row per swap with its step in words, what the app does
next, "refundable at" / "claimable until" as local clock times, and the time left."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from wallet.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wallet.services.atomic_swaps import SwapRow

CONTEXT = "AtomicSwapModel"
Index = QModelIndex | QPersistentModelIndex


def clock_time(unix_s: int | None) -> str:
    """A unix time as a clock time in the user's zone and locale."""
    if unix_s is None:
        return "—"
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(unix_s).toLocalTime(), QLocale.FormatType.ShortFormat)


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP in this module's context, in the language on screen."""
    return QCoreApplication.translate(CONTEXT, text)


def duration(seconds: int) -> str:
    if seconds <= 0:
        return _tr(NOW)
    hours, minutes = divmod(seconds // 60, 60)
    return _tr(HOURS_MINUTES).format(hours=hours, minutes=minutes) if hours else \
        _tr(MINUTES).format(minutes=max(minutes, 1))


NOW = QT_TRANSLATE_NOOP("AtomicSwapModel", "now")
HOURS_MINUTES = QT_TRANSLATE_NOOP("AtomicSwapModel", "{hours} h {minutes} min")
MINUTES = QT_TRANSLATE_NOOP("AtomicSwapModel", "{minutes} min")
NOTHING = QT_TRANSLATE_NOOP("AtomicSwapModel", "Nothing")
REFUND_LAG = QT_TRANSLATE_NOOP("AtomicSwapModel", "{time} (+about {minutes} min)")
RETRYING = QT_TRANSLATE_NOOP("AtomicSwapModel", "Retrying: {reason}")
MAKER = QT_TRANSLATE_NOOP("AtomicSwapModel", "maker")
TAKER = QT_TRANSLATE_NOOP("AtomicSwapModel", "taker")
LOCKING = QT_TRANSLATE_NOOP("AtomicSwapModel", "Locking your coins")
CLAIMING = QT_TRANSLATE_NOOP("AtomicSwapModel", "Claiming the counterparty's coins")
CONFIRM_CLAIM = QT_TRANSLATE_NOOP("AtomicSwapModel", "Nothing: this app sends the claim and waits until it is "
                                  "confirmed")
STEPS = {
    "reviewing_a": QT_TRANSLATE_NOOP("AtomicSwapModel", "Waiting for you to review your lock"),
    "locking_a": LOCKING,
    "waiting_lock_a": QT_TRANSLATE_NOOP("AtomicSwapModel", "Waiting for the maker's lock"),
    "locking_b": LOCKING,
    "waiting_lock_b": QT_TRANSLATE_NOOP("AtomicSwapModel", "Waiting for the counterparty's lock"),
    "claiming_b": CLAIMING,
    "waiting_claim_b": QT_TRANSLATE_NOOP("AtomicSwapModel", "Waiting for the maker to claim"),
    "waiting_claim_a": QT_TRANSLATE_NOOP("AtomicSwapModel", "Claimed; the counterparty claims its side"),
    "claiming_a": CLAIMING,
    "refunding": QT_TRANSLATE_NOOP("AtomicSwapModel", "Refunding your coins"),
    "completed": QT_TRANSLATE_NOOP("AtomicSwapModel", "Completed"),
    "refunded": QT_TRANSLATE_NOOP("AtomicSwapModel", "Refunded"),
    "refused": QT_TRANSLATE_NOOP("AtomicSwapModel", "Refused: the counterparty's lock did not match"),
    "abandoned": QT_TRANSLATE_NOOP("AtomicSwapModel", "Ended: nothing was locked before the offer expired"),
    "missed": QT_TRANSLATE_NOOP(
        "AtomicSwapModel", "Missed: your side was claimed, but the counterparty took its own back before this "
        "wallet claimed it (the app was closed past the claim time)"),
}
NEXT = {
    "reviewing_a": QT_TRANSLATE_NOOP("AtomicSwapModel",
                                     "Check your lock above, then press Sign and lock (or Cancel the swap)"),
    "locking_a": QT_TRANSLATE_NOOP("AtomicSwapModel", "Lock, then wait for the counterparty's lock"),
    "waiting_lock_a": QT_TRANSLATE_NOOP("AtomicSwapModel",
                                        "This app locks your side once the maker's lock is confirmed"),
    "locking_b": QT_TRANSLATE_NOOP("AtomicSwapModel", "This app locks your side, then waits for the maker to claim"),
    "waiting_lock_b": QT_TRANSLATE_NOOP(
        "AtomicSwapModel", "This app claims once the counterparty's lock is confirmed, or refunds yours at {time}"),
    "claiming_b": CONFIRM_CLAIM,
    "waiting_claim_b": QT_TRANSLATE_NOOP(
        "AtomicSwapModel", "This app claims as soon as the maker's claim shows the secret, or refunds yours at {time}"),
    "waiting_claim_a": QT_TRANSLATE_NOOP("AtomicSwapModel", "Nothing: your side is done"),
    "claiming_a": CONFIRM_CLAIM,
    "refunding": QT_TRANSLATE_NOOP("AtomicSwapModel", "Nothing: this app sends the refund and waits until it is "
                                   "confirmed"),
}


def step_text(phase: str) -> str:
    return _tr(STEPS[phase]) if phase in STEPS else phase


def refund_time(row: SwapRow) -> str:
    """When our lock becomes refundable; on a Bitcoin-family chain with the delay before the chain
    accepts the refund (its median time trails the clock)."""
    if row.refundable_at is None or not row.refund_lag_s:
        return clock_time(row.refundable_at)
    return _tr(REFUND_LAG).format(time=clock_time(row.refundable_at), minutes=row.refund_lag_s // 60)


def next_text(row: SwapRow) -> str:
    return _tr(NEXT.get(str(row.phase), NOTHING)).format(time=refund_time(row))


def time_left(row: SwapRow, now_s: int) -> str:
    """Until the nearest deadline still ahead (our claim window closing, or our refund opening)."""
    if row.finished:
        return "—"
    ahead = [t for t in (row.claimable_until, row.refundable_at) if t is not None and t > now_s]
    return duration(min(ahead) - now_s) if ahead else "—"


class SwapTableModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("AtomicSwapModel", "Swap"), QT_TRANSLATE_NOOP("AtomicSwapModel", "You give"),
               QT_TRANSLATE_NOOP("AtomicSwapModel", "You get"), QT_TRANSLATE_NOOP("AtomicSwapModel", "Step"),
               QT_TRANSLATE_NOOP("AtomicSwapModel", "Next"), QT_TRANSLATE_NOOP("AtomicSwapModel", "Refundable at"),
               QT_TRANSLATE_NOOP("AtomicSwapModel", "Claimable until"),
               QT_TRANSLATE_NOOP("AtomicSwapModel", "Time left"))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SwapRow] = []
        self.notes: dict[str, str] = {}  # why the last step of a swap did not go through (retried)

    def set_rows(self, rows: list[SwapRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_note(self, swap_id: str, note: str) -> None:
        self.notes[swap_id] = note

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole step when a narrow window cuts its columns
            return "\n".join(t for t in (row.swap_id, step_text(str(row.phase)), self.upcoming(row), row.refusal) if t)
        role_text = _tr(MAKER if row.role == "initiator" else TAKER)
        columns = (f"{row.swap_id[:10]}… ({role_text})", row.gives, row.gets, step_text(str(row.phase)),
                   self.upcoming(row),
                   refund_time(row), clock_time(row.claimable_until),
                   time_left(row, int(time.time())))
        return columns[index.column()]

    def upcoming(self, row: SwapRow) -> str:
        """What the app does next for ``row``, or why its last step did not go through (retried)."""
        note = "" if row.finished else self.notes.get(row.swap_id, "")
        return _tr(RETRYING).format(reason=note) if note else next_text(row)

    def retranslate(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.HEADERS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
