"""The Accounts page at the default window size in both languages, names the app gives accounts, the
dialogs' field widths, and the playground faucet from the page (balances read back from the chain)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.keys.mnemonic import generate_mnemonic
from wallet.services.cold_accounts import add_watch_address
from wallet.services.faucet import FAUCET_COIN_UNITS, FAUCET_TOKEN_USD
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.dialogs import ADDRESS_SAMPLE, PRIVATE_KEY_SAMPLE, AddTokenDialog, ImportKeyDialog
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.pages.accounts_page import account_label, account_position

PASSWORD = "copper-meadow-3390"


def make_window(qtbot: QtBot, qapp: object, context: AppContext, language: str) -> MainWindow:
    translations = Translations(qapp)  # type: ignore[arg-type]
    translations.apply(language)
    main = MainWindow(context, translations, poll_interval_ms=600_000)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def unlocked(qtbot: QtBot, qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[MainWindow]:
    context = AppContext.create(Settings(network="ethereum"))
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Account 1")
    main = make_window(qtbot, qapp, context, request.param)
    page = main.accounts_page
    page.password_edit.setText(PASSWORD)
    page.unlock()
    qtbot.waitUntil(lambda: page.unlocked, timeout=15000)
    yield main
    main.translations.apply("en")
    main.monitor.stop()
    context.shutdown()


@pytest.mark.parametrize("unlocked", ["en", "zh_CN"], indirect=True)
def test_toolbar_buttons_fit_at_the_default_window_size(qtbot: QtBot, unlocked: MainWindow) -> None:
    page = unlocked.accounts_page
    unlocked.select_page("accounts")
    QApplication.processEvents()
    buttons = [b for b in page.actions_bar.findChildren(QPushButton) if b.isVisible()]
    buttons += [b for b in page.balances_group.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 5
    for button in buttons:  # a button narrower than its text is elided ("mport keystore..")
        assert button.width() >= button.sizeHint().width(), button.text()
    actions = [a.text() for a in page.manage_menu.actions() if not a.isSeparator()]
    assert len(actions) == 9 and all(actions)  # the rare actions are one click away, in the menu


@pytest.mark.parametrize("unlocked", ["en", "zh_CN"], indirect=True)
def test_default_names_follow_the_language_and_the_position(qtbot: QtBot, unlocked: MainWindow) -> None:
    page = unlocked.accounts_page
    context = unlocked.context
    add_watch_address(context.accounts, "Friend", "0x" + "11" * 20)  # another kind of account in between
    page.add_account()
    qtbot.waitUntil(lambda: page.accounts_model.rowCount() == 3 and not page.busy, timeout=15000)
    names = [page.accounts_model.index(row, 0).data() for row in range(3)]
    word = "账户" if unlocked.translations.language == "zh_CN" else "Account"
    assert names == [f"{word} 1", "Friend", f"{word} 2"]  # …/0/1 is the second account, not the third
    second = context.accounts.all()[2]
    # Stored in English (logs, errors), shown in the language on screen.
    assert (second.derivation_path, second.name) == ("m/44'/60'/0'/0/1", "Account 2")
    assert account_label(second) == f"{word} 2"
    context.accounts.rename(second.id, "Savings")  # a name the user gave is shown as given
    assert account_label(context.accounts.get(second.id)) == "Savings"


def test_a_live_language_switch_renames_default_accounts(qtbot: QtBot, qapp: QApplication) -> None:
    context = AppContext.create(Settings(network="ethereum"))
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Account 1")
    main = make_window(qtbot, qapp, context, "en")
    try:
        assert main.accounts_page.accounts_model.index(0, 0).data() == "Account 1"
        main.choose_language("zh_CN")
        QApplication.processEvents()
        assert main.accounts_page.accounts_model.index(0, 0).data() == "账户 1"
    finally:
        main.translations.apply("en")
        main.monitor.stop()
        context.shutdown()


def test_account_position_counts_both_layouts() -> None:
    assert account_position("m/44'/60'/0'/0/0") == 1
    assert account_position("m/44'/60'/0'/0/4") == 5
    assert account_position("m/44'/60'/2'/0/0") == 3  # Ledger Live layout
    assert account_position("m/44'/0'/0'/0/1") is None and account_position(None) is None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_dialog_fields_fit_what_goes_in_them(qtbot: QtBot, qapp: QApplication, language: str) -> None:
    translations = Translations(qapp)
    translations.apply(language)
    try:
        for dialog, edit, sample in ((d := ImportKeyDialog(), d.key, PRIVATE_KEY_SAMPLE),
                                     (t := AddTokenDialog(), t.address, ADDRESS_SAMPLE)):
            qtbot.addWidget(dialog)
            dialog.show()
            QApplication.processEvents()
            assert isinstance(edit, QLineEdit)
            # The whole key or address is visible: the field is wider than its text in its font.
            assert edit.width() > edit.fontMetrics().horizontalAdvance(sample), type(dialog).__name__
    finally:
        translations.apply("en")


def test_get_test_coins_on_the_playground(qtbot: QtBot, qapp: QApplication, chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network="ethereum"))
    context.network.add_chains(chain_state.chains)
    account = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Account 1")
    main = make_window(qtbot, qapp, context, "en")
    try:
        page = main.accounts_page
        main.select_page("accounts")
        assert not page.faucet_button.isVisible()  # a real network has no faucet
        main.choose_network(chain.key)
        qtbot.waitUntil(lambda: page.faucet_button.isVisible(), timeout=5000)
        qtbot.mouseClick(page.faucet_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "received" in page.message.text() or "rror" in page.message.text(), timeout=30000)
        assert "Account 1 received 10 ETH" in page.message.text() and "10,000 DUSD" in page.message.text()
        w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
        assert w3.eth.get_balance(account.address) == FAUCET_COIN_UNITS * 10**18
        abi = load_artifact("DevToken").abi
        for token in chain.tokens:  # every test token, so Swap and Atomic swap can be tried at once
            balance = w3.eth.contract(address=token.address, abi=abi).functions.balanceOf(account.address).call()
            assert balance > 0, token.symbol
            if token == chain.usd_token:
                assert balance == int(FAUCET_TOKEN_USD) * 10**token.decimals
    finally:
        main.monitor.stop()
        context.shutdown()


def test_a_wallet_made_in_chinese_stores_a_name_that_follows_the_language(qtbot: QtBot, qapp: QApplication) -> None:
    context = AppContext.create(Settings(network="ethereum"))
    main = make_window(qtbot, qapp, context, "zh_CN")
    try:
        page = main.accounts_page
        page.start_onboarding()
        wizard = page.wizard
        wizard.intro.restore_radio.setChecked(True)
        wizard.next()
        wizard.restore_page.phrase_edit.setText(generate_mnemonic(12).phrase)
        wizard.next()
        wizard.password_page.password.setText(PASSWORD)
        wizard.password_page.confirm.setText(PASSWORD)
        wizard.accept()
        qtbot.waitUntil(lambda: page.unlocked and page.accounts_model.rowCount() == 1, timeout=15000)
        assert [a.name for a in context.accounts.all()] == ["Account 1"]
        assert page.accounts_model.index(0, 0).data() == "账户 1"
        main.choose_language("en")
        QApplication.processEvents()  # the LanguageChange events
        assert page.accounts_model.index(0, 0).data() == "Account 1"
    finally:
        main.translations.apply("en")
        main.monitor.stop()
        context.shutdown()


def test_watch_only_default_names_follow_the_language(qtbot: QtBot, qapp: QApplication) -> None:
    context = AppContext.create(Settings(network="ethereum"))
    main = make_window(qtbot, qapp, context, "zh_CN")
    try:
        devices = main.devices_page
        main.select_page("devices")
        devices.watch_edit.setText("0x" + "22" * 20)
        devices.add_watch_only()
        devices.watch_edit.setText("0x" + "33" * 20)
        devices.offline_check.setChecked(True)
        devices.add_watch_only()
        assert [a.name for a in context.accounts.all()] == ["Watch-only", "Offline signer"]  # stored in English
        main.select_page("accounts")
        model = main.accounts_page.accounts_model
        assert [model.index(row, 0).data() for row in range(2)] == ["仅观察", "离线签名"]
    finally:
        main.translations.apply("en")
        main.monitor.stop()
        context.shutdown()


def test_balances_heading_names_the_chain_in_the_language_on_screen(qtbot: QtBot, qapp: QApplication) -> None:
    context = AppContext.create(Settings(network="ethereum", language="zh_CN"))
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Account 1")
    main = make_window(qtbot, qapp, context, "zh_CN")
    try:
        title = main.accounts_page.balances_group.title()
        assert "以太坊" in title and "Ethereum" not in title
    finally:
        main.translations.apply("en")
        main.monitor.stop()
        context.shutdown()


@pytest.mark.parametrize("unlocked", ["en"], indirect=True)
def test_a_message_on_screen_is_said_again_after_a_live_switch(qtbot: QtBot, unlocked: MainWindow) -> None:
    """Bug seen: "Added Devnet funded." stayed English on a screen switched to Chinese."""
    page = unlocked.accounts_page
    page.add_account()
    qtbot.waitUntil(lambda: page.message.text() == "Added Account 2.", timeout=15000)
    unlocked.choose_language("zh_CN")
    qtbot.waitUntil(lambda: "账户 2" in page.message.text() and "Added" not in page.message.text())
