"""What a Trezor asks mid-operation. The PIN: the device shows its digits scrambled on a 3×3 grid,
this dialog shows a blank grid; the person clicks the cells where their digits appear. The PIN itself
never reaches this computer, only cell positions that mean nothing without the device's screen.

The passphrase is typed here and goes to the device only. ``DevicePrompts`` lets a worker thread that
is talking to the device ask either question and wait while the dialog runs on the GUI thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.hw.trezor_prompts import MAX_PIN_DIGITS, PIN_KEYPAD, TrezorPrompts
from wallet.ui.retranslate import retranslate_on_language_change


class PinMatrixDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._positions = ""
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        grid = QGridLayout()
        self.cells: list[QPushButton] = []
        for index, position in enumerate(PIN_KEYPAD):
            cell = QPushButton("•", self)
            cell.setObjectName(f"pinCell{position}")
            cell.setFixedSize(64, 64)
            cell.setAutoDefault(False)
            cell.clicked.connect(lambda _=False, p=position: self.press(p))
            grid.addWidget(cell, index // 3, index % 3)
            self.cells.append(cell)
        self.entered = QLineEdit(self)
        self.entered.setObjectName("pinEntered")
        self.entered.setReadOnly(True)
        self.entered.setEchoMode(QLineEdit.EchoMode.Password)
        self.entered.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.backspace = QPushButton("⌫", self)
        self.backspace.setAutoDefault(False)
        self.backspace.clicked.connect(self.erase)
        entered_row = QHBoxLayout()
        entered_row.addWidget(self.entered)
        entered_row.addWidget(self.backspace)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(grid)
        layout.addLayout(entered_row)
        layout.addWidget(self.buttons)
        self._update()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def positions(self) -> str:
        return self._positions

    def press(self, position: str) -> None:
        if len(self._positions) < MAX_PIN_DIGITS:
            self._positions += position
            self._update()

    def erase(self) -> None:
        self._positions = self._positions[:-1]
        self._update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A numeric keypad has the grid's own layout: its keys press the cells directly."""
        text = event.text()
        if text and text in PIN_KEYPAD:
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.erase()
        else:
            super().keyPressEvent(event)

    def _update(self) -> None:
        self.entered.setText("•" * len(self._positions))
        self.backspace.setEnabled(bool(self._positions))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._positions))
        ok.setDefault(True)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unlock your Trezor"))
        self.explanation.setText(self.tr(
            "Your Trezor shows the digits 1–9 in a scrambled grid. Click the cells here where your PIN's "
            "digits appear there, in order."))
        self.backspace.setToolTip(self.tr("Erase the last digit"))


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        from wallet.ui.dialogs import keep_opening_size_as_minimum  # dialogs load on first use, not at start

        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("passphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_check = QCheckBox(self)
        self.show_check.toggled.connect(lambda shown: self.edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.edit)
        layout.addWidget(self.show_check)
        layout.addWidget(self.buttons)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def value(self) -> str:
        return self.edit.text()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Trezor passphrase"))
        self.explanation.setText(self.tr(
            "Enter the passphrase of the wallet to open. Each passphrase opens a different wallet; leave it "
            "empty for the standard one."))
        self.show_check.setText(self.tr("Show the passphrase"))


class _Question:
    def __init__(self, kind: str) -> None:
        self.kind = kind  # "pin" or "passphrase"
        self.answered = threading.Event()
        self.answer: str | None = None


class DevicePrompts(QObject):
    """Questions a device asks in the middle of an operation, asked from the task talking to the
    device and answered by the person in a window-modal dialog on the GUI thread."""

    _asked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._closed = threading.Event()
        self.dialog: PinMatrixDialog | PassphraseDialog | None = None
        self._asked.connect(self._ask, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:  # before the context shuts its tasks down, release any task waiting here
            app.aboutToQuit.connect(self.close)

    def trezor_prompts(self) -> TrezorPrompts:
        return TrezorPrompts(pin=self.pin, passphrase=self.passphrase)

    def pin(self) -> str | None:
        """The PIN as keypad positions, or None if the person cancelled. Blocks: call from a task."""
        return self._wait_for(_Question("pin"))

    def passphrase(self) -> str | None:
        """The passphrase ("" for the standard wallet), or None if the person cancelled. Blocks."""
        return self._wait_for(_Question("passphrase"))

    def close(self) -> None:
        self._closed.set()
        if self.dialog is not None:
            self.dialog.reject()

    def _wait_for(self, question: _Question) -> str | None:
        if QThread.currentThread() is self.thread():
            raise RuntimeError("DevicePrompts waits for the GUI thread; call it from a task")
        self._asked.emit(question)
        while not question.answered.wait(0.2):
            if self._closed.is_set():  # the window is closing: nobody will answer
                return None
        return question.answer

    @Slot(object)
    def _ask(self, question: _Question) -> None:
        if self._closed.is_set():
            question.answered.set()
            return
        dialog: PinMatrixDialog | PassphraseDialog = \
            PinMatrixDialog(self._window) if question.kind == "pin" else PassphraseDialog(self._window)
        dialog.setObjectName(f"{question.kind}Dialog")
        self.dialog = dialog

        def finished(result: int) -> None:
            question.answer = (dialog.positions() if isinstance(dialog, PinMatrixDialog) else dialog.value()) \
                if result == QDialog.DialogCode.Accepted else None
            question.answered.set()
            dialog.deleteLater()
            self.dialog = None

        dialog.finished.connect(finished)
        dialog.open()  # window-modal, without a nested event loop
