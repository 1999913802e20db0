"""About DeskWallet: the version, the commit it was built from, and where its files are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.build_info import BuildInfo, build_info
from wallet.logging_setup import log_file_path
from wallet.paths import APP_NAME, RESOURCES_DIR, config_dir, data_dir
from wallet.ui.context import AppContext
from wallet.ui.dialogs import keep_opening_size_as_minimum
from wallet.ui.retranslate import retranslate_on_language_change

APP_ICON = RESOURCES_DIR / "icons" / "deskwallet-256.png"
ICON_SIZE = 64


class _FolderRow(QWidget):
    """A folder's path with "Open folder" and "Copy" buttons."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.path_label = QLabel(str(path), self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_folder)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_path)
        for button in (self.open_button, self.copy_button):
            button.setAutoDefault(False)  # Enter closes the dialog; it does not open a folder
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path_label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.copy_button)

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.path))


class AboutDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        keep_opening_size_as_minimum(self)
        self._context = context
        self.info: BuildInfo | None = None
        self._lookup_failed = False
        self.title = QLabel(APP_NAME, self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.version_value = QLabel(self)
        self.version_value.setObjectName("versionValue")
        self.commit_value = QLabel(self)
        self.commit_value.setObjectName("commitValue")
        for label in (self.version_value, self.commit_value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_row = _FolderRow(data_dir(), self)
        self.settings_row = _FolderRow(config_dir(), self)
        self.log_path = log_file_path()
        self.version_caption, self.commit_caption = QLabel(self), QLabel(self)
        self.data_caption, self.settings_caption = QLabel(self), QLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.version_caption, self.version_value)
        form.addRow(self.commit_caption, self.commit_value)
        form.addRow(self.data_caption, self.data_row)
        form.addRow(self.settings_caption, self.settings_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()
        self.copy_details_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_details_button.clicked.connect(self.copy_details)
        self.icon = QLabel(self)
        pixmap = QPixmap(str(APP_ICON))
        if not pixmap.isNull():
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(round(ICON_SIZE * ratio), round(ICON_SIZE * ratio),
                                   Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            self.icon.setPixmap(scaled)
        heading = QHBoxLayout()
        heading.addWidget(self.icon)
        heading.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()
        # git may be asked (a source checkout): never on the GUI thread.
        context.tasks.submit(build_info, self._show_info, self._lookup_error)

    def _show_info(self, info: BuildInfo) -> None:
        self.info = info
        self.retranslate()

    def _lookup_error(self, _error: Exception) -> None:
        self._lookup_failed = True
        self.retranslate()

    def version_text(self) -> str:
        if self.info is None:
            return self.tr("unknown") if self._lookup_failed else "…"
        return self.info.version or self.tr("unknown")

    def commit_text(self) -> str:
        if self.info is None:
            return self.tr("unknown") if self._lookup_failed else "…"
        if not self.info.commit:
            return self.tr("unknown")
        if self.info.dirty:
            return self.tr("{commit} (with uncommitted changes)").format(commit=self.info.short_commit)
        return self.info.short_commit

    def details(self) -> str:
        """What a bug report needs, as plain text (no addresses, no keys: only versions and paths)."""
        commit = self.info.commit if self.info is not None and self.info.commit else self.commit_text()
        return "\n".join([
            f"{APP_NAME} {self.version_text()}",
            f"commit: {commit}{' (dirty)' if self.info is not None and self.info.dirty else ''}",
            f"data: {self.data_row.path}",
            f"settings: {self.settings_row.path}",
            f"log: {self.log_path}",
        ])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.version_caption.setText(self.tr("Version:"))
        self.commit_caption.setText(self.tr("Commit:"))
        self.data_caption.setText(self.tr("Wallet data:"))
        self.settings_caption.setText(self.tr("Settings:"))
        for row in (self.data_row, self.settings_row):
            row.open_button.setText(self.tr("Open folder"))
            row.copy_button.setText(self.tr("Copy"))
        self.copy_details_button.setText(self.tr("Copy details"))
        self.version_value.setText(self.version_text())
        self.commit_value.setText(self.commit_text())
        self.note.setText(self.tr(
            "The wallet data folder holds the encrypted vault, the accounts, the history and the log ({log})."
        ).format(log=self.log_path))
