"""The Devices page with a virtual Ledger plugged in: detect, list addresses, add, verify; watch-only."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from eth_account import Account
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.accounts.model import AccountKind
from wallet.devnet import Devnet
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.device_prompts import PassphraseDialog
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

SEED = mnemonic_to_seed(generate_mnemonic(12))


@pytest.fixture
def window(qtbot: QtBot, qapp: object) -> Iterator[MainWindow]:
    context = AppContext.create(Settings(network="ethereum"))
    main = MainWindow(context, Translations(qapp), poll_interval_ms=600_000)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()


def test_detect_list_add_and_verify(qtbot: QtBot, window: MainWindow) -> None:
    device = VirtualLedger(SEED)
    window.context.hid_backend = VirtualHidBackend(device)
    page = window.devices_page
    window.select_page("devices")
    qtbot.waitUntil(lambda: page.device_list.count() == 1, timeout=5000)
    assert "Ledger" in page.device_list.item(0).text()  # type: ignore[union-attr]

    page.layout_combo.setCurrentIndex(page.layout_combo.findData(EthPathLayout.LEDGER_LIVE))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.address_table.rowCount() == 5, timeout=5000)
    keychain = HdKeychain(SEED)
    for row in range(5):
        path = page.address_table.item(row, 0).text()  # type: ignore[union-attr]
        assert path == EthPathLayout.LEDGER_LIVE.path(row)
        assert page.address_table.item(row, 1).text() == keychain.eth_address(path)  # type: ignore[union-attr]

    page.address_table.selectRow(2)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (account,) = window.context.accounts.all()
    assert (account.kind, account.derivation_path) == (AccountKind.HARDWARE, EthPathLayout.LEDGER_LIVE.path(2))
    assert "signs only on this device" in page.message.text()

    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "The device confirmed" in page.message.text(), timeout=5000)
    assert device.screens[-1] == ["Verify address", account.address]
    device.decision = "reject"
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "rejected the request on the device" in page.message.text(), timeout=5000)
    qtbot.waitUntil(lambda: device.open_handles == 0, timeout=5000)  # status, listing, verifying: each closed
    assert device.reports_received > 0

    device.unplug()  # hot-plug: the list follows
    page.poll()
    qtbot.waitUntil(lambda: page.device_list.count() == 0, timeout=5000)


def test_each_device_line_says_whether_it_is_ready(qtbot: QtBot, window: MainWindow) -> None:
    ledger = VirtualLedger(SEED)
    ledger.app = "Bitcoin"  # the wrong app is open
    locked_trezor = VirtualTrezor(SEED, pin="1234")
    window.context.hid_backend = VirtualHidBackend(ledger, locked_trezor)
    page = window.devices_page
    window.select_page("devices")

    def line(kind: str) -> str:
        return next((page.device_list.item(r).text() for r in range(page.device_list.count())
                     if page.device_list.item(r).text().startswith(kind)), "")

    qtbot.waitUntil(lambda: "Open the Ethereum app" in line("Ledger"), timeout=5000)
    qtbot.waitUntil(lambda: "PIN asked on first use" in line("Trezor"), timeout=5000)
    assert "firmware 1.12.1" in line("Trezor") and locked_trezor.matrix == []  # no PIN was asked for
    qtbot.waitUntil(lambda: ledger.open_handles == 0 and locked_trezor.open_handles == 0, timeout=5000)
    ledger.app = "Ethereum"  # the person opens it: the next poll notices
    page.poll()
    qtbot.waitUntil(lambda: "Ethereum app" in line("Ledger") and "blind signing" in line("Ledger"), timeout=5000)
    qtbot.waitUntil(lambda: ledger.open_handles == 0, timeout=5000)


def test_watch_only_from_the_page(qtbot: QtBot, window: MainWindow) -> None:
    page = window.devices_page
    window.select_page("devices")
    page.watch_edit.setText(Account.create().address.lower())
    page.watch_name.setText("Friend")
    page.add_watch_only()
    assert "Added 1 watch-only" in page.message.text()
    page.watch_edit.setText(HdKeychain(SEED).extended_public_key("m/44'/60'/0'"))
    page.add_watch_only()
    assert "Added 5 watch-only" in page.message.text()
    page.watch_edit.setText("0x1234")
    page.add_watch_only()
    assert "not a 0x-prefixed 20-byte hex address" in page.message.text()
    assert [a.kind for a in window.context.accounts.all()] == [AccountKind.WATCH] * 6
    window.select_page("accounts")  # the accounts show, and a hot wallet can still be created
    accounts = window.accounts_page
    assert accounts.accounts_model.rowCount() == 6 and accounts.add_hot_button.isVisible()
    qtbot.mouseClick(accounts.add_hot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: accounts.findChild(QWizard) is not None and accounts.findChild(QWizard).isVisible(),
                    timeout=5000)


def test_pin_matrix_dialog_takes_clicks_and_a_numeric_keypad(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from wallet.ui.device_prompts import PinMatrixDialog

    dialog = PinMatrixDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert [cell.objectName()[-1] for cell in dialog.cells] == list("789456123")  # top row is 7 8 9
    assert all(cell.text() == "•" for cell in dialog.cells)  # the digits are only on the device
    qtbot.mouseClick(dialog.cells[0], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog, "35x")
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    assert dialog.positions() == "73" and dialog.entered.text() == "••"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_task_waiting_for_a_pin_is_released_when_the_window_closes(qtbot: QtBot, window: MainWindow) -> None:
    prompts = window.device_prompts
    with pytest.raises(RuntimeError, match="from a task"):
        prompts.pin()  # would deadlock the GUI thread
    answers: list[str | None] = []
    waiter = threading.Thread(target=lambda: answers.append(prompts.pin()))
    waiter.start()
    qtbot.waitUntil(lambda: prompts.dialog is not None and prompts.dialog.isVisible(), timeout=5000)
    prompts.close()
    waiter.join(timeout=5)
    assert answers == [None] and prompts.dialog is None


def test_addresses_show_their_balance_and_more_can_be_listed(qtbot: QtBot, qapp: object, chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chain_state.chains)
    main = MainWindow(context, Translations(qapp), poll_interval_ms=600_000)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    keychain = HdKeychain(SEED)
    funded = keychain.eth_address(EthPathLayout.BIP44.path(6))  # an account used before, past the first page
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [funded, hex(15 * 10**17)])  # type: ignore[arg-type]
    context.hid_backend = VirtualHidBackend(VirtualLedger(SEED))
    page = main.devices_page
    main.select_page("devices")
    qtbot.waitUntil(lambda: page.device_list.count() == 1, timeout=5000)
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.address_table.rowCount() == 5 and page.more_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.address_table.rowCount() == 10, timeout=5000)

    def cell(row: int, column: int) -> str:
        item = page.address_table.item(row, column)
        return item.text() if item else ""

    assert [cell(row, 0) for row in range(10)] == [EthPathLayout.BIP44.path(i) for i in range(10)]
    qtbot.waitUntil(lambda: cell(6, 2) == "1.5 ETH", timeout=5000)
    assert cell(6, 1) == funded and cell(0, 2) == "0 ETH"
    main.monitor.stop()
    context.shutdown()


def test_a_passphrase_typed_in_the_dialog_reaches_the_task(qtbot: QtBot, window: MainWindow) -> None:
    prompts = window.device_prompts
    answers: list[str | None] = []
    waiter = threading.Thread(target=lambda: answers.append(prompts.trezor_prompts().passphrase()))  # type: ignore[misc]
    waiter.start()
    qtbot.waitUntil(lambda: prompts.dialog is not None and prompts.dialog.isVisible(), timeout=5000)
    dialog = prompts.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.edit.insert("密码 hidden wallet")  # any Unicode (QTest cannot type CJK); the device NFKD-normalises
    dialog.accept()
    waiter.join(timeout=5)
    assert answers == ["密码 hidden wallet"] and prompts.dialog is None
