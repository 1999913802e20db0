"""Devices with nothing plugged in: what to do, step by step, with the udev rule where Linux lacks it
and libusb where it is missing; the list takes over once a device appears."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.hw.virtual.webusb import VirtualUsbContext
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.services.cold_accounts import usb_access
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

RULES = Path(__file__).resolve().parents[1] / "installer" / "linux" / "20-hardware-wallets.rules"


@pytest.fixture
def window(qtbot: QtBot, qapp: object) -> Iterator[MainWindow]:
    context = AppContext.create(Settings(network="ethereum"))
    context.hid_backend = VirtualHidBackend()  # nothing plugged in
    main = MainWindow(context, Translations(qapp), poll_interval_ms=600_000)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()


def test_nothing_plugged_in_says_what_to_do(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = window.devices_page
    page.udev_rules_dirs = (tmp_path,)  # a Linux without the wallets' udev rules
    page.libusb_check = lambda: False  # and without libusb
    window.select_page("devices")
    qtbot.waitUntil(lambda: page.usb_access is not None, timeout=5000)
    assert page.device_stack.currentWidget() is page.empty_panel and page.empty_panel.isVisible()
    assert page.empty_title.text() == "No hardware wallet found"
    steps = page.empty_steps.text()
    for step in ("Plug the Ledger or Trezor in", "Unlock it", "open the Ethereum app"):
        assert step in steps
    assert page.udev_hint.isVisible() and str(RULES) in page.udev_hint.text()
    assert "/etc/udev/rules.d/" in page.udev_hint.text()
    assert page.libusb_hint.isVisible() and "libusb" in page.libusb_hint.text()

    # The rules installed and libusb present: those hints go, the steps stay.
    shutil.copy(RULES, tmp_path / RULES.name)
    window.context.usb_context = VirtualUsbContext()
    page.usb_access = None
    page.check_usb_access()
    qtbot.waitUntil(lambda: page.usb_access is not None, timeout=5000)
    assert not page.udev_hint.isVisible() and not page.libusb_hint.isVisible()
    assert page.empty_panel.isVisible()

    # A device appears: the list replaces the guidance.
    window.context.hid_backend = VirtualHidBackend(VirtualLedger(mnemonic_to_seed(generate_mnemonic(12))))
    page.poll()
    qtbot.waitUntil(lambda: page.device_list.count() == 1, timeout=5000)
    assert page.device_stack.currentWidget() is page.device_panel and page.device_list.isVisible()


def test_usb_access_reads_the_udev_rules(tmp_path: Path) -> None:
    assert usb_access(True, "linux", [tmp_path]).udev_rules_missing
    (tmp_path / "50-other.rules").write_text('SUBSYSTEM=="usb", ATTRS{idVendor}=="046d", MODE="0660"\n')
    assert usb_access(True, "linux", [tmp_path]).udev_rules_missing
    shutil.copy(RULES, tmp_path / RULES.name)
    assert usb_access(True, "linux", [tmp_path, tmp_path / "missing"]) == usb_access(True, "linux", [tmp_path])
    assert not usb_access(True, "linux", [tmp_path]).udev_rules_missing
    assert not usb_access(True, "darwin", []).udev_rules_missing  # udev is Linux's
    assert usb_access(False, "darwin", []).libusb_missing
