"""The hot wallet through the UI: onboarding wizard, accounts, lock/unlock, auto-lock, and no secret
left anywhere afterwards."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_account import Account as EthAccount
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.logging_setup import configure_logging, log_file_path
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast, wait_for_receipt
from wallet.settings import Settings
from wallet.ui.auto_lock import AutoLock
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.onboarding.wizard import OnboardingWizard

PASSWORD = "amber-lantern-4471"
EthAccount.enable_unaudited_hdwallet_features()


@pytest.fixture
def window(qtbot: QtBot, qapp: object, devnet: Devnet) -> Iterator[MainWindow]:
    context = AppContext.create(Settings(network=devnet.chains[0].key))
    context.network.add_chains(devnet.chains)
    translations = Translations(qapp)  # type: ignore[arg-type]
    translations.apply("en")
    main = MainWindow(context, translations, poll_interval_ms=200)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()


def run_create_wizard(qtbot: QtBot, window: MainWindow) -> str:
    page = window.accounts_page
    assert page.stack.currentWidget() is page.setup_panel
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    wizard: OnboardingWizard = page.wizard
    assert wizard.intro.create_radio.isChecked()
    wizard.next()
    words = [label.text().split(". ", 1)[1] for label in wizard.show_page.word_labels]
    assert len(words) == 12
    wizard.next()
    confirm = wizard.confirm_page
    assert not confirm.isComplete()
    for position, edit in zip(confirm.positions, confirm.inputs, strict=True):
        qtbot.keyClicks(edit, words[position - 1])
    assert confirm.isComplete()
    wizard.next()
    password_page = wizard.password_page
    qtbot.keyClicks(password_page.password, "password")
    assert not password_page.isComplete() and "Very weak" in password_page.strength_label.text()
    password_page.password.clear()
    qtbot.keyClicks(password_page.password, PASSWORD)
    qtbot.keyClicks(password_page.confirm, PASSWORD)
    assert password_page.isComplete()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.unlocked and page.accounts_model.rowCount() == 1, timeout=15000)
    return " ".join(words)


def test_create_derive_lock_unlock_and_send(qtbot: QtBot, window: MainWindow, devnet: Devnet,
                                            capfd: pytest.CaptureFixture[str], wallet_home: Path) -> None:
    configure_logging()
    try:
        page = window.accounts_page
        phrase = run_create_wizard(qtbot, window)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.accounts_model.rowCount() == 2 and not page.busy, timeout=10000)
        first, second = page.accounts()
        for account in (first, second):
            assert account.address == EthAccount.from_mnemonic(phrase, account_path=account.derivation_path).address

        qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.unlocked and not page.busy, timeout=5000)
        assert page.unlock_bar.isVisible() and not page.actions_bar.isVisible()
        qtbot.keyClicks(page.password_edit, "not-my-password")
        qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.busy and "Wrong password" in page.message.text(), timeout=5000)
        page.password_edit.clear()
        qtbot.keyClicks(page.password_edit, PASSWORD)
        qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.unlocked and not page.busy, timeout=5000)
        assert page.password_edit.text() == ""

        # A real EIP-1559 transfer from account 1 to account 2, signed by the hot signer.
        chain = devnet.chains[0]
        w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
        w3.provider.make_request("anvil_setBalance", [first.address, hex(5 * 10**18)])  # type: ignore[arg-type]
        client = ChainClient(chain)
        signer, path = window.context.hot_wallet().signer_for(first)
        store = window.context.transactions
        prepared = prepare_send(client, store, SendRequest(first.address, second.address, 7 * 10**17))
        before = w3.eth.get_balance(second.address)
        record = sign_and_broadcast(client, store, signer, path, prepared)
        wait_for_receipt(client, bytes.fromhex(record.hash[2:]), timeout_s=10)
        assert prepared.tx["type"] == 2
        assert w3.eth.get_balance(second.address) - before == 7 * 10**17
        logging.getLogger("wallet").info("session finished")  # the log file exists and is written to

        window.context.shutdown()
        keys = [bytes(EthAccount.from_mnemonic(phrase, account_path=a.derivation_path).key).hex()
                for a in (first, second)]
        out, err = capfd.readouterr()
        assert_no_secrets(wallet_home, [out, err], phrase, keys)
        assert log_file_path().read_text()  # the log was really there to search
    finally:
        for handler in logging.getLogger().handlers[:]:
            if isinstance(handler, logging.FileHandler):
                logging.getLogger().removeHandler(handler)
                handler.close()


def assert_no_secrets(home: Path, streams: list[str], phrase: str, private_keys: list[str]) -> None:
    words = phrase.split()
    needles = [" ".join(words[i:i + 3]) for i in range(len(words) - 2)] + private_keys
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name == "wallet.log" for p in files) and any(p.name == "hot-vault.json" for p in files)
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in data, f"secret found in {path.name}"
            assert needle.encode("utf-16-le") not in data, f"secret found in {path.name}"
    for stream, needle in itertools.product(streams, needles):
        assert needle not in stream


def test_restore_with_live_validation(qtbot: QtBot, window: MainWindow) -> None:
    phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    page = window.accounts_page
    page.start_onboarding()
    wizard = page.wizard
    wizard.intro.restore_radio.setChecked(True)
    wizard.next()
    restore = wizard.restore_page
    qtbot.keyClicks(restore.phrase_edit, "abandon abandon abandn")
    assert "Word 3 is not in the recovery word list" in restore.status.text()
    assert "Did you mean: abandon" in restore.status.text()
    assert not restore.isComplete()
    restore.phrase_edit.setText(" ".join(phrase.split()[:7]))
    assert "7 words so far" in restore.status.text()
    restore.phrase_edit.setText(phrase.replace("about", "abandon"))
    assert "checksum is wrong" in restore.status.text()
    restore.phrase_edit.setText(phrase.upper())
    assert restore.isComplete() and "Valid 12-word recovery phrase (English)" in restore.status.text()
    wizard.next()
    qtbot.keyClicks(wizard.password_page.password, PASSWORD)
    qtbot.keyClicks(wizard.password_page.confirm, PASSWORD)
    wizard.password_page.use_passphrase.setChecked(True)
    assert not wizard.password_page.isComplete()  # a ticked passphrase box needs the passphrase twice
    qtbot.keyClicks(wizard.password_page.passphrase, "secret 25th")
    qtbot.keyClicks(wizard.password_page.passphrase_confirm, "secret 25th")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.unlocked and page.accounts_model.rowCount() == 1, timeout=15000)
    expected = EthAccount.from_mnemonic(phrase, passphrase="secret 25th", account_path="m/44'/60'/0'/0/0").address
    assert page.accounts()[0].address == expected


def test_import_and_export_from_the_page(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    run_create_wizard(qtbot, window)
    page = window.accounts_page
    key = EthAccount.create()
    page.import_private_key("0x" + key.key.hex(), "Imported")
    qtbot.waitUntil(lambda: page.accounts_model.rowCount() == 2 and not page.busy, timeout=5000)
    page.import_private_key("0x1234", "Broken")
    qtbot.waitUntil(lambda: not page.busy and "not a valid private key" in page.message.text(), timeout=5000)
    imported = page.accounts()[1]
    destination = tmp_path / "export.json"
    page.export_keystore(imported, "export-pass-991", destination)
    qtbot.waitUntil(lambda: destination.exists() and not page.busy, timeout=5000)
    assert bytes(EthAccount.decrypt(json.loads(destination.read_text()), "export-pass-991")) == bytes(key.key)
    assert destination.stat().st_mode & 0o777 == 0o600


def test_auto_lock_after_inactivity(qtbot: QtBot, window: MainWindow, qapp: object) -> None:
    run_create_wizard(qtbot, window)
    page = window.accounts_page
    window.auto_lock = AutoLock(qapp, timeout_s=0.3, check_interval_ms=50, parent=window)  # type: ignore[arg-type]
    window.auto_lock.timed_out.connect(page.lock)
    qtbot.waitUntil(lambda: not page.unlocked, timeout=5000)
    assert not window.context.hot_wallet().is_unlocked


def test_page_shows_an_already_unlocked_wallet_as_unlocked(qtbot: QtBot, qapp: object) -> None:
    # At start-up the page asks whether a remembered password unlocks the wallet; when nothing is
    # remembered but the service is already unlocked, the answer must not flip the page to locked.
    from wallet.keys.mnemonic import generate_mnemonic

    context = AppContext.create(Settings())
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
    translations = Translations(qapp)  # type: ignore[arg-type]
    window = MainWindow(context, translations)
    qtbot.addWidget(window)
    page = window.accounts_page
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert page.unlocked and page.actions_bar.isVisibleTo(page)
    context.shutdown()


def test_change_password_and_copy_xpub_from_the_page(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    run_create_wizard(qtbot, window)
    page = window.accounts_page
    page.copy_xpub()
    assert QGuiApplication.clipboard().text() == page.accounts()[0].xpub
    page.change_password("not-the-old-one", "lighthouse-cobalt-5520")
    qtbot.waitUntil(lambda: not page.busy and "Wrong password" in page.message.text(), timeout=5000)
    page.change_password(PASSWORD, "lighthouse-cobalt-5520")
    qtbot.waitUntil(lambda: not page.busy and "Password changed" in page.message.text(), timeout=5000)
    service = window.context.hot_wallet()
    service.lock()
    with pytest.raises(Exception, match="Wrong password"):
        service.unlock(PASSWORD)
    service.unlock("lighthouse-cobalt-5520")
