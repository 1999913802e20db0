"""Devices: hardware wallets plugged in (polled in the background), their first addresses in either
layout, adding them as accounts, checking an address on the device's own screen; and watch-only
accounts from an address or an xpub."""

from __future__ import annotations

import html
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.amounts import format_units
from wallet.keys.paths import EthPathLayout
from wallet.services.cold_accounts import UDEV_RULES_DIRS, UDEV_RULES_FILE, UsbAccess
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.pages.accounts_page import OFFLINE_SIGNER_NAME, WATCH_ONLY_NAME, account_label
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone, tone_color

if TYPE_CHECKING:
    from wallet.hw.device_signer import DeviceStatus
    from wallet.hw.discovery import DeviceEntry

T = TypeVar("T")
POLL_INTERVAL_MS = 2000
ADDRESSES_SHOWN = 5
BALANCE_DIGITS = 6
COLUMN_PATH, COLUMN_ADDRESS, COLUMN_BALANCE = range(3)
PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _hint_html(text: str, command: str) -> str:
    """A sentence, and the command to type on a line of its own in a fixed-width font."""
    code = f"<p><code>{html.escape(command)}</code></p>" if command else ""
    return f"<p>{html.escape(text)}</p>{code}"


class DevicesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entries: list[DeviceEntry] = []
        self.statuses: dict[str, tuple[str, bool]] = {}  # label -> (status text, is it a problem)
        self._polling = False
        self._device_busy = False  # an exchange the person started: status queries wait
        self._querying: set[str] = set()  # labels whose status query is in flight
        self.usb_access: UsbAccess | None = None  # what this computer lacks, checked when the page shows
        self.udev_rules_dirs: tuple[Path, ...] = UDEV_RULES_DIRS
        self.libusb_check: Callable[[], bool] | None = None  # None: look for the system's libusb
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.devices_group = QGroupBox(self)
        self.device_list = QListWidget(self.devices_group)
        self.device_list.setObjectName("deviceList")
        self.device_list.setMaximumHeight(90)
        self.layout_combo = QComboBox(self.devices_group)
        for path_layout in EthPathLayout:
            self.layout_combo.addItem("", path_layout)
        self.layout_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_button = QPushButton(self.devices_group)
        set_icon(self.show_button, "device")
        self.show_button.setObjectName("showAddressesButton")
        self.show_button.clicked.connect(lambda: self.load_addresses())
        self.more_button = QPushButton(self.devices_group)
        self.more_button.setObjectName("moreAddressesButton")
        self.more_button.clicked.connect(lambda: self.load_addresses(more=True))
        self.address_table = QTableWidget(0, 3, self.devices_group)
        self.address_table.setObjectName("deviceAddressTable")
        self.address_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.address_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.address_table.verticalHeader().setVisible(False)
        header = self.address_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_ADDRESS, QHeaderView.ResizeMode.Stretch)
        # Short of room, the address gives it up (keeping both ends, the parts people compare); the path and
        # the balance are always as wide as their text.
        self.address_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.add_button = QPushButton(self.devices_group)
        set_icon(self.add_button, "account_add")
        self.add_button.setObjectName("addDeviceAccountButton")
        self.add_button.clicked.connect(self.add_selected)
        self.verify_button = QPushButton(self.devices_group)
        set_icon(self.verify_button, "ok")
        self.verify_button.setObjectName("verifyOnDeviceButton")
        self.verify_button.clicked.connect(self.verify_selected)
        options = QHBoxLayout()
        options.addWidget(self.layout_combo)
        options.addWidget(self.show_button)
        options.addWidget(self.more_button)
        options.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.verify_button)
        actions.addStretch(1)
        self.device_panel = QWidget(self.devices_group)
        device_layout = QVBoxLayout(self.device_panel)
        device_layout.setContentsMargins(0, 0, 0, 0)
        device_layout.addWidget(self.device_list)
        device_layout.addLayout(options)
        device_layout.addWidget(self.address_table)
        device_layout.addLayout(actions)
        # Nothing found: say what to do, and what this computer lacks, instead of an empty box.
        self.empty_panel = QWidget(self.devices_group)
        self.empty_panel.setObjectName("devicesEmptyState")
        self.empty_title = QLabel(self.empty_panel)
        self.empty_title.setObjectName("devicesEmptyTitle")
        title_font = self.empty_title.font()  # the platform's font, a size larger and bold
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.empty_title.setFont(title_font)
        self.empty_steps = QLabel(self.empty_panel)
        self.empty_steps.setObjectName("devicesEmptySteps")
        self.empty_steps.setWordWrap(True)
        self.udev_hint = self._hint_label("udevHint")
        self.libusb_hint = self._hint_label("libusbHint")
        empty_layout = QVBoxLayout(self.empty_panel)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_steps)
        empty_layout.addWidget(self.udev_hint)
        empty_layout.addWidget(self.libusb_hint)
        empty_layout.addStretch(1)
        self.device_stack = QStackedWidget(self.devices_group)
        self.device_stack.addWidget(self.empty_panel)
        self.device_stack.addWidget(self.device_panel)
        devices_layout = QVBoxLayout(self.devices_group)
        devices_layout.addWidget(self.device_stack)

        self.watch_group = QGroupBox(self)
        self.watch_edit = QLineEdit(self.watch_group)
        self.watch_edit.setObjectName("watchEdit")
        self.watch_name = QLineEdit(self.watch_group)
        self.watch_button = QPushButton(self.watch_group)
        set_icon(self.watch_button, "add")
        self.watch_button.setObjectName("addWatchButton")
        self.watch_button.clicked.connect(self.add_watch_only)
        self.offline_check = QCheckBox(self.watch_group)
        self.offline_check.setObjectName("offlineSignerCheck")
        self.offline_path = QLineEdit(EthPathLayout.BIP44.path(0), self.watch_group)
        self.offline_path.setObjectName("offlinePathEdit")
        self.offline_path.setEnabled(False)
        self.offline_check.toggled.connect(self.offline_path.setEnabled)
        watch_row = QHBoxLayout()
        watch_row.addWidget(self.watch_edit, 3)
        watch_row.addWidget(self.watch_name, 1)
        watch_row.addWidget(self.watch_button)
        offline_row = QHBoxLayout()
        offline_row.addWidget(self.offline_check)
        offline_row.addWidget(self.offline_path, 1)
        watch_layout = QVBoxLayout(self.watch_group)
        watch_layout.addLayout(watch_row)
        watch_layout.addLayout(offline_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message)
        layout.addWidget(self.devices_group, 1)
        layout.addWidget(self.watch_group)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def refresh(self) -> None:
        """Called when the page is shown: start watching for devices, and look at what this computer
        lacks to reach them (udev rules, libusb) once per showing."""
        self.timer.start()
        self.poll()
        self.check_usb_access()

    def check_usb_access(self) -> None:
        rules_dirs, libusb_check, usb_context = self.udev_rules_dirs, self.libusb_check, self.context.usb_context

        def work() -> UsbAccess:
            from wallet.services.cold_accounts import libusb_installed, usb_access

            present = usb_context is not None or (libusb_check or libusb_installed)()
            return usb_access(present, rules_dirs=rules_dirs)

        def done(access: UsbAccess) -> None:
            self.usb_access = access
            self._show_guidance()

        self.context.tasks.submit(work, done, lambda _error: None)  # a hint only: the page works without it

    def _hint_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        set_tone(label, Tone.WARNING)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # commands can be copied
        label.hide()
        return label

    def _show_guidance(self) -> None:
        """The device list when there are devices; otherwise what to do, step by step."""
        self.device_stack.setCurrentWidget(self.device_panel if self.entries else self.empty_panel)
        self.empty_title.setText(self.tr("No hardware wallet found"))
        steps = [self.tr("Plug the Ledger or Trezor in with a USB data cable (some cables only charge)."),
                 self.tr("Unlock it with its PIN."),
                 self.tr("On a Ledger, open the Ethereum app."),
                 self.tr("Close Ledger Live, Trezor Suite and other wallet apps: only one program can use the "
                         "device at a time.")]
        self.empty_steps.setText("<ol style='margin-left: -20px'>" + "".join(
            f"<li>{html.escape(step)}</li>" for step in steps) + "</ol>")
        access = self.usb_access
        rules = PROJECT_ROOT / UDEV_RULES_FILE
        self.udev_hint.setVisible(access is not None and access.udev_rules_missing)
        self.udev_hint.setText(_hint_html(self.tr(
            "Allow USB access: Linux lets this app open hardware wallets only with their udev rules, and none "
            "are installed. Run this, then unplug the device and plug it in again:"),
            f"sudo cp {rules} /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger"))
        self.libusb_hint.setVisible(access is not None and access.libusb_missing)
        install = {"linux": "sudo apt install libusb-1.0-0", "darwin": "brew install libusb"}.get(
            "linux" if sys.platform.startswith("linux") else sys.platform, "")
        self.libusb_hint.setText(_hint_html(self.tr(
            "libusb is not installed, so a Trezor Model T or Safe (which use WebUSB) cannot be found. Install "
            "libusb 1.0 and restart the app."), install))

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()  # nobody looks: stop polling USB
        super().hideEvent(event)

    # --- devices ------------------------------------------------------------------------------
    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True

        def work() -> list[DeviceEntry]:
            from wallet.hw.discovery import list_devices

            return list_devices(self.context.hid_backend, self.context.trezor_prompts,
                                usb_context=self.context.usb_context)

        def done(entries: list[DeviceEntry]) -> None:
            self._polling = False
            selected = self.device_list.currentRow()
            labels = [e.label for e in entries]
            if labels != [e.label for e in self.entries]:
                self.entries = entries
                self.statuses = {label: self.statuses[label] for label in labels if label in self.statuses}
                self.device_list.clear()
                for entry in entries:
                    self.device_list.addItem(QListWidgetItem())
                    self._show_status(entry)
                self.device_list.setCurrentRow(min(max(selected, 0), len(entries) - 1))
                if not entries:
                    self.address_table.setRowCount(0)
            # New devices, and those that were not ready (locked, app closed): ask again.
            self._query_status([e for e in entries if self.statuses.get(e.label, ("", True))[1]])
            self._update_buttons()
            self._show_guidance()

        def failed(error: Exception) -> None:
            self._polling = False
            self.show_message(error_text(error), error=True)

        self.context.tasks.submit(work, done, failed)

    def _query_status(self, entries: list[DeviceEntry]) -> None:
        if self._device_busy:
            return
        for entry in entries:
            if entry.label not in self._querying:
                self._query_one(entry)

    def _query_one(self, entry: DeviceEntry) -> None:
        def done(status: DeviceStatus) -> None:
            self._querying.discard(entry.label)
            self._set_status(entry, self._status_text(entry, status))

        def failed(error: Exception) -> None:  # locked, app closed, busy: said on the device's line
            self._querying.discard(entry.label)
            self._set_status(entry, error_text(error), problem=True)

        self._querying.add(entry.label)
        def work() -> DeviceStatus:
            with entry.open() as signer:
                return signer.status()

        self.context.tasks.submit(work, done, failed)

    def _status_text(self, entry: DeviceEntry, status: DeviceStatus) -> str:
        if entry.kind == "ledger":
            text = self.tr("Ethereum app {version}").format(version=status.version)
            return text + ", " + (self.tr("blind signing on") if status.blind_signing else
                                  self.tr("blind signing off"))
        parts = [self.tr("firmware {version}").format(version=status.version)]
        if status.pin_locked:
            parts.append(self.tr("PIN asked on first use"))
        if status.passphrase:
            parts.append(self.tr("passphrase protected"))
        return ", ".join(parts)

    def _set_status(self, entry: DeviceEntry, text: str, problem: bool = False) -> None:
        self.statuses[entry.label] = (text, problem)
        self._show_status(entry)

    def _show_status(self, entry: DeviceEntry) -> None:
        labels = [e.label for e in self.entries]
        if entry.label not in labels:
            return  # unplugged meanwhile
        item = self.device_list.item(labels.index(entry.label))
        text, problem = self.statuses.get(entry.label, (self.tr("checking…"), False))
        item.setText(f"{entry.kind.title()} — {entry.label} · {text}")
        item.setForeground(QColor(tone_color(Tone.ERROR)) if problem else self.palette().text().color())

    def selected_entry(self) -> DeviceEntry | None:
        row = self.device_list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def load_addresses(self, more: bool = False) -> None:
        """The first addresses of the chosen layout, or (``more``) the next ones after those shown."""
        entry, layout = self.selected_entry(), self.layout_combo.currentData()
        if entry is None:
            return
        start = self.address_table.rowCount() if more else 0

        def work() -> list[tuple[str, str]]:
            from wallet.services.cold_accounts import device_accounts

            return device_accounts(entry.open, layout, start, ADDRESSES_SHOWN)

        def done(rows: list[tuple[str, str]]) -> None:
            self.address_table.setRowCount(start + len(rows))
            for row, (path, address) in enumerate(rows, start=start):
                self.address_table.setItem(row, COLUMN_PATH, QTableWidgetItem(path))
                self.address_table.setItem(row, COLUMN_ADDRESS, QTableWidgetItem(address))
                self.address_table.setItem(row, COLUMN_BALANCE, QTableWidgetItem("…"))
            if rows:
                self.address_table.selectRow(start)
            self.show_message(self.tr("Pick an account; its address can be checked on the device's screen."))
            self._update_buttons()
            self._load_balances(start, [address for _, address in rows])

        self._run(self.tr("Reading addresses from the device…"), work, done)

    def _load_balances(self, start: int, addresses: list[str]) -> None:
        """Balances on the selected chain, so the person can tell used accounts from fresh ones."""
        chain = self.context.network.selected_chain()
        if chain is None or not addresses:
            return

        def work() -> dict[str, int]:
            from wallet.services.balances import fetch_balances

            return fetch_balances(self.context.network.client(chain), chain, addresses, []).native

        def done(native: dict[str, int]) -> None:
            for row in range(start, min(start + len(addresses), self.address_table.rowCount())):
                address = self.address_table.item(row, COLUMN_ADDRESS)
                if address is not None and address.text() in native:
                    amount = format_units(native[address.text()], chain.native.decimals, BALANCE_DIGITS)
                    self.address_table.setItem(row, COLUMN_BALANCE,
                                               QTableWidgetItem(f"{amount} {chain.native.symbol}"))

        def failed(error: Exception) -> None:  # balances are a hint: the list stays usable without them
            for row in range(start, min(start + len(addresses), self.address_table.rowCount())):
                item = QTableWidgetItem("—")
                item.setToolTip(error_text(error))
                self.address_table.setItem(row, COLUMN_BALANCE, item)

        self.context.tasks.submit(work, done, failed)

    def add_selected(self) -> None:
        entry, selection = self.selected_entry(), self._selected_address()
        if entry is None or selection is None:
            return
        from wallet.services.cold_accounts import add_hardware_account

        path, address = selection
        try:
            account = add_hardware_account(self.context.accounts, f"{entry.kind.title()} {path}", path, address,
                                           entry.kind)
        except Exception as error:  # DuplicateAccountError and friends: say so, keep going
            self.show_message(error_text(error), error=True)
            return
        self.show_message(self.tr("Added {name}. It signs only on this device.").format(name=account_label(account)))

    def verify_selected(self) -> None:
        entry, selection = self.selected_entry(), self._selected_address()
        if entry is None or selection is None:
            return
        path, expected = selection

        def work() -> str:
            with entry.open() as signer:
                return signer.show_address(path)

        def done(shown: str) -> None:
            if shown == expected:
                self.show_message(self.tr("The device confirmed {address}.").format(address=shown))
            else:
                self.show_message(self.tr("The device shows a different address: {address}.").format(address=shown),
                                  error=True)

        self._run(self.tr("Check the address on the device's screen and confirm it there…"), work, done)

    # --- watch-only ---------------------------------------------------------------------------
    def add_watch_only(self) -> None:
        from wallet.services.cold_accounts import add_offline_signer, add_watch_address, add_watch_xpub

        text, name = self.watch_edit.text().strip(), self.watch_name.text().strip()
        offline = self.offline_check.isChecked()
        try:
            if offline:
                account = add_offline_signer(self.context.accounts, name or OFFLINE_SIGNER_NAME, text,
                                             self.offline_path.text())
            elif text.startswith(("xpub", "tpub")):
                added = len(add_watch_xpub(self.context.accounts, name or WATCH_ONLY_NAME, text))
            else:
                add_watch_address(self.context.accounts, name or WATCH_ONLY_NAME, text)
                added = 1
        except Exception as error:  # address, path, xpub and duplicate errors all read well
            self.show_message(error_text(error), error=True)
            return
        self.watch_edit.clear()
        if offline:
            self.show_message(self.tr("Added {name}. Sending from it exports a request for the offline computer.")
                              .format(name=account_label(account)))
        else:
            self.show_message(self.tr("Added {count} watch-only account(s).").format(count=added))

    # --- plumbing -----------------------------------------------------------------------------
    def _selected_address(self) -> tuple[str, str] | None:
        rows = self.address_table.selectionModel().selectedRows()
        if not rows:
            return None
        path, address = (self.address_table.item(rows[0].row(), c) for c in (COLUMN_PATH, COLUMN_ADDRESS))
        return (path.text(), address.text()) if path and address else None

    def _run(self, waiting: str, work: Callable[[], T], done: Callable[[T], None]) -> None:
        self.show_message(waiting)
        self._device_busy = True
        for button in (self.show_button, self.more_button, self.verify_button):
            button.setEnabled(False)

        def finished(result: T) -> None:
            self._device_busy = False
            self._update_buttons()
            done(result)

        def failed(error: Exception) -> None:
            self._device_busy = False
            self._update_buttons()
            self.show_message(error_text(error), error=True)

        self.context.tasks.submit(work, finished, failed)

    def _update_buttons(self) -> None:
        has_device = self.selected_entry() is not None
        has_row = bool(self.address_table.selectionModel().selectedRows())
        self.show_button.setEnabled(has_device)
        self.more_button.setEnabled(has_device and self.address_table.rowCount() > 0)
        self.add_button.setEnabled(has_device and has_row)
        self.verify_button.setEnabled(has_device and has_row)

    def show_message(self, text: str, error: bool = False) -> None:
        set_tone(self.message, Tone.ERROR if error else Tone.OK)
        self.message.setText(text)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Devices"))
        self.devices_group.setTitle(self.tr("Hardware wallets (Ledger, Trezor)"))
        self.layout_combo.setItemText(0, self.tr("Standard (BIP-44: m/44'/60'/0'/0/i)"))
        self.layout_combo.setItemText(1, self.tr("Ledger Live (m/44'/60'/i'/0/0)"))
        self.show_button.setText(self.tr("Show addresses"))
        self.address_table.setHorizontalHeaderLabels([self.tr("Derivation path"), self.tr("Address"),
                                                      self.tr("Balance")])
        self.more_button.setText(self.tr("More addresses"))
        self.add_button.setText(self.tr("Add as account"))
        self.verify_button.setText(self.tr("Verify on device"))
        self.watch_group.setTitle(self.tr("Watch-only account (an address or an xpub)"))
        self.watch_edit.setPlaceholderText(self.tr("0x… address or xpub…"))
        self.watch_name.setPlaceholderText(self.tr("Name"))
        self.watch_button.setText(self.tr("Add watch-only"))
        self.offline_check.setText(self.tr("Its key is on an offline computer that signs for it, at path:"))
        self.device_list.setToolTip(self.tr("Plug in and unlock a device, and open its Ethereum app."))
        self._show_guidance()
