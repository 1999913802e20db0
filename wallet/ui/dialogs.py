"""Small dialogs of the Accounts page: import a private key or keystore file, export a keystore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from wallet.ui.retranslate import retranslate_on_language_change


def _secret_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _FormDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)


class ImportKeyDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.key = _secret_edit(self, "privateKeyEdit")
        self.name_label, self.key_label = QLabel(self), QLabel(self)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.key_label, self.key)
        self.finish_layout()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a private key"))
        self.name_label.setText(self.tr("Account name"))
        self.key_label.setText(self.tr("Private key (hex)"))


class ImportKeystoreDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.file = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.password = _secret_edit(self, "keystorePasswordEdit")
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(self.browse)
        self.name_label, self.file_label, self.password_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.file_label, row)
        self.form.addRow(self.password_label, self.password)
        self.finish_layout()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a keystore file"))
        self.name_label.setText(self.tr("Account name"))
        self.file_label.setText(self.tr("Keystore file (JSON)"))
        self.browse.setText(self.tr("Browse…"))
        self.password_label.setText(self.tr("Keystore password"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Keystore file"), str(Path.home()),
                                              self.tr("Keystore files (*.json *)"))
        if path:
            self.file.setText(path)


class ExportKeystoreDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = _secret_edit(self, "exportPasswordEdit")
        self.confirm = _secret_edit(self, "exportConfirmEdit")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.password_label, self.confirm_label = QLabel(self), QLabel(self)
        self.form.addRow(self.note)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.confirm_label, self.confirm)
        self.finish_layout()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a keystore file"))
        self.note.setText(self.tr("The file is encrypted with this password (scrypt), as geth and MetaMask "
                                  "expect. Anyone with the file and the password controls the account."))
        self.password_label.setText(self.tr("Password for the file"))
        self.confirm_label.setText(self.tr("Repeat password"))


class ChangePasswordDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old = _secret_edit(self, "oldPasswordEdit")
        self.new = _secret_edit(self, "newPasswordEdit")
        self.confirm = _secret_edit(self, "confirmNewPasswordEdit")
        self.old_label, self.new_label, self.confirm_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.old_label, self.old)
        self.form.addRow(self.new_label, self.new)
        self.form.addRow(self.confirm_label, self.confirm)
        self.finish_layout()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change the wallet password"))
        self.old_label.setText(self.tr("Current password"))
        self.new_label.setText(self.tr("New password"))
        self.confirm_label.setText(self.tr("Repeat new password"))


class AddNetworkDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.chain_id = QSpinBox(self)
        self.chain_id.setRange(1, 2**31 - 1)
        self.symbol = QLineEdit(self)
        self.rpc_url = QLineEdit(self)
        self.explorer = QLineEdit(self)
        self.labels = [QLabel(self) for _ in range(5)]
        for label, field in zip(self.labels, (self.name, self.chain_id, self.symbol, self.rpc_url, self.explorer),
                                strict=True):
            self.form.addRow(label, field)
        self.finish_layout()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a network"))
        for label, text in zip(self.labels, (self.tr("Name"), self.tr("Chain id"), self.tr("Coin symbol"),
                                             self.tr("RPC URL"), self.tr("Explorer URL (optional)")), strict=True):
            label.setText(text)
