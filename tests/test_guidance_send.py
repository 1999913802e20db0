"""The Send page shows what the selected account can spend of the selected asset, and Max sends all of
it (the coin less the fee at the chosen tier), proven by the balances on the devnet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.chains.fees import FeeTier, suggest_fees
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.keys.mnemonic import generate_mnemonic
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.pages.send_page import PLAIN_TRANSFER_GAS

PASSWORD = "copper-meadow-3390"
COIN_WEI = 3 * 10**18
DUSD_RAW = 250 * 10**6


@pytest.fixture
def window(qtbot: QtBot, qapp: object, chain_state: Devnet) -> Iterator[MainWindow]:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chain_state.chains)
    account = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Account 1")
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [account.address, hex(COIN_WEI)])  # type: ignore[arg-type]
    dusd = w3.eth.contract(address=chain.tokens[0].address, abi=load_artifact("DevToken").abi)
    w3.eth.wait_for_transaction_receipt(dusd.functions.mint(account.address, DUSD_RAW)
                                        .transact({"from": w3.eth.accounts[0]}))
    main = MainWindow(context, Translations(qapp), poll_interval_ms=600_000)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()


def settled(window: MainWindow) -> bool:
    return not window.context.tasks.busy


def test_send_shows_the_balance_and_max_sends_everything(qtbot: QtBot, window: MainWindow,
                                                         chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    sender = window.context.accounts.all()[0].address
    page = window.send_page
    window.select_page("send")
    qtbot.waitUntil(lambda: page.spendable_label.text() == "Available: 3 ETH", timeout=10000)

    page.asset_combo.setCurrentIndex(page.asset_combo.findText("DUSD"))
    qtbot.waitUntil(lambda: page.spendable_label.text() == "Available: 250 DUSD", timeout=10000)
    qtbot.mouseClick(page.max_button, Qt.MouseButton.LeftButton)
    assert page.amount_edit.text() == "250"  # a token's Max is all of it: its fee is paid in the coin

    page.asset_combo.setCurrentIndex(page.asset_combo.findText(chain.native.symbol))
    page.fee_combo.setCurrentIndex(page.fee_combo.findData(FeeTier.FAST))
    qtbot.waitUntil(lambda: page.spendable is not None and page.spendable.symbol == "ETH"
                    and page.spendable.key[3] is FeeTier.FAST and page.max_button.isEnabled(), timeout=10000)
    fee = PLAIN_TRANSFER_GAS * suggest_fees(window.context.network.client(chain), chain) \
        .tiers[FeeTier.FAST].worst_case_per_gas
    qtbot.mouseClick(page.max_button, Qt.MouseButton.LeftButton)
    assert Web3.to_wei(page.amount_edit.text(), "ether") == COIN_WEI - fee

    recipient = Account.create().address
    page.recipient_edit.setText(recipient)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review_group.isVisible() or "rror" in page.message.text(), timeout=10000)
    assert page.warnings_label.text() == ""  # not "more than the account holds"
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    assert w3.eth.get_balance(recipient) == COIN_WEI - fee
    assert w3.eth.get_balance(sender) < fee  # what the fee did not use is all that is left
    qtbot.waitUntil(lambda: page.spendable_label.text().startswith("Available: 0.0"), timeout=10000)


def test_a_late_answer_for_another_selection_is_dropped(qtbot: QtBot, window: MainWindow) -> None:
    page = window.send_page
    window.select_page("send")
    qtbot.waitUntil(lambda: settled(window) and page.spendable is not None, timeout=10000)
    # Each change asks again; only the answer for what is selected at the end may be shown.
    for symbol in ("DUSD", "ETH", "DUSD", "DDAI", "ETH", "DUSD"):
        page.asset_combo.setCurrentIndex(page.asset_combo.findText(symbol))
    assert page.spendable is None and page.spendable_label.text() == "Available: …"
    qtbot.waitUntil(lambda: settled(window) and page.spendable is not None, timeout=10000)
    assert page.spendable.symbol == "DUSD" and page.spendable_label.text() == "Available: 250 DUSD"
    window.choose_network("ethereum")  # another chain: nothing of the devnet's stays
    assert page.spendable is None or page.spendable.key[0] == "ethereum"
    assert "250" not in page.spendable_label.text()
