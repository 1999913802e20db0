"""Small dialogs of the Accounts page: import a private key or keystore file, export a keystore, add a
token. Fields are as wide as what goes in them (measured in the current font), never a stub."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
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

# What the fields hold, for measuring: a checksummed address, a 32-byte key in hex, a file path.
ADDRESS_SAMPLE = "0x" + "D" * 40
PRIVATE_KEY_SAMPLE = "0x" + "d" * 64
PATH_SAMPLE = "/home/someone/Downloads/UTC--2024-01-01T00-00-00.000000000Z--" + "d" * 12
NAME_SAMPLE = "W" * 24
FIELD_PADDING_PX = 24  # the frame and text margins of a line edit


def fit_to(edit: QLineEdit, sample: str) -> QLineEdit:
    """Give ``edit`` room for ``sample`` in its own font, so a whole address or key stays visible."""
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + FIELD_PADDING_PX)
    return edit


def _secret_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _OpeningSizeIsMinimum(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.setMinimumSize(watched.sizeHint().expandedTo(watched.minimumSize()))
        return False


def keep_opening_size_as_minimum(dialog: QWidget) -> None:
    """A dialog cannot be made smaller than it opens. Qt sets a window's minimum from its layout's
    minimum, which ignores the height wrapped text needs at that width: shrunk to it, notes and
    buttons were cut. The size it opens with (its size hint) accounts for wrapping."""
    dialog.installEventFilter(_OpeningSizeIsMinimum(dialog))


class _FormDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        keep_opening_size_as_minimum(self)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)


class ImportKeyDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = fit_to(QLineEdit(self), NAME_SAMPLE)
        self.key = fit_to(_secret_edit(self, "privateKeyEdit"), PRIVATE_KEY_SAMPLE)
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
        self.name = fit_to(QLineEdit(self), NAME_SAMPLE)
        self.file = fit_to(QLineEdit(self), PATH_SAMPLE)
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
        self.password = fit_to(_secret_edit(self, "exportPasswordEdit"), NAME_SAMPLE)
        self.confirm = fit_to(_secret_edit(self, "exportConfirmEdit"), NAME_SAMPLE)
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
        self.old = fit_to(_secret_edit(self, "oldPasswordEdit"), NAME_SAMPLE)
        self.new = fit_to(_secret_edit(self, "newPasswordEdit"), NAME_SAMPLE)
        self.confirm = fit_to(_secret_edit(self, "confirmNewPasswordEdit"), NAME_SAMPLE)
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
        self.rpc_url = fit_to(QLineEdit(self), "https://mainnet.example-node-provider.io/v3/" + "d" * 12)
        self.explorer = fit_to(QLineEdit(self), "https://explorer.example.org")
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


class AddTokenDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = fit_to(QLineEdit(self), ADDRESS_SAMPLE)
        self.address.setObjectName("tokenAddressEdit")
        self.address_label = QLabel(self)
        self.form.addRow(self.address_label, self.address)
        self.finish_layout()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a token"))
        self.address_label.setText(self.tr("Token contract address"))
        self.address.setPlaceholderText(self.tr("0x… contract address"))
