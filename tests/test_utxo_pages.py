"""The Bitcoin & Litecoin page, offscreen with pytest-qt, on a real litecoind + ElectrumX: balances
after sync, Receive's BIP-21 QR code, Send refusing another network's address, a send from a hot
account and a watch-only account's PSBT round trip moving the balance, and the page in Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.test_min_size_fit import clipped
from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.chains.amounts import format_units
from wallet.chains.fees import FeeTier
from wallet.keys.mnemonic import generate_mnemonic
from wallet.paths import database_path
from wallet.services.utxo_wallet import UtxoWalletService
from wallet.settings import Settings
from wallet.store.db import connect
from wallet.store.utxo_accounts import UtxoAccountStore
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.pages.utxo_page import UtxoPage
from wallet.utxo.electrum_client import ElectrumServer
from wallet.utxo.registry import UtxoRegistry, load_utxo_registry

CHAIN = "litecoin-regtest"
PASSWORD = "utxo page test password"
WAIT_MS = 60_000
BITCOIN_ADDRESS = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"  # BIP-84's vector: a mainnet Bitcoin address


@pytest.fixture
def page(qtbot: QtBot, ltc_regtest: LtcRegtest) -> Iterator[UtxoPage]:  # noqa: F811
    context = AppContext.create(Settings())
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")  # created unlocked
    server = ElectrumServer(ltc_regtest.electrum_tcp[0], ltc_regtest.electrum_tcp[1], tls=False)
    service = UtxoWalletService(UtxoAccountStore(connect(database_path())), context.hot_wallet,
                                servers={CHAIN: [server]}, registry=UtxoRegistry([load_utxo_registry().get(CHAIN)]))
    made = UtxoPage(context, service)
    qtbot.addWidget(made)
    made.show()
    loaded(qtbot, made)
    yield made
    context.shutdown()
    service.close()


def loaded(qtbot: QtBot, page: UtxoPage) -> None:
    qtbot.waitUntil(lambda: not page.loading and not page.context.tasks.busy, timeout=WAIT_MS)


def resync(qtbot: QtBot, page: UtxoPage, stack: LtcRegtest, balance: int) -> None:
    """Refreshes until the page shows ``balance`` (the server polls the node every 0.2 s)."""
    stack.wait_electrum_synced()

    def shows() -> bool:
        loaded(qtbot, page)
        state = page.selected_state()
        if state is not None and state.balance == balance:
            return True
        page.refresh()
        return False

    qtbot.waitUntil(shows, timeout=WAIT_MS)


def balance_cell(page: UtxoPage, row: int = 0) -> str:
    item = page.accounts_tab.table.item(row, 3)
    return item.text() if item is not None else ""


def test_balance_receive_wrong_network_and_a_send(qtbot: QtBot, page: UtxoPage, ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    assert [a.chain.key for a in page.accounts] == [CHAIN]  # the phrase's account, added on unlock
    state = page.selected_state()
    assert state is not None and state.balance == 0
    assert page.receive_tab.address_label.text() == state.receive_address
    assert not page.receive_tab.qr_label.pixmap().isNull()
    assert page.receive_tab.uri_label.text() == "litecoin:" + state.receive_address.upper()

    ltc_regtest.rpc("sendtoaddress", state.receive_address, "1.5", wallet="miner")
    ltc_regtest.mine(1)
    resync(qtbot, page, ltc_regtest, 150_000_000)
    assert balance_cell(page) == "1.5 LTC"
    assert "1.5 LTC" in page.account_combo.currentText()
    assert page.receive_tab.address_label.text() != state.receive_address  # the next unused one

    send = page.send_tab
    page.tabs.setCurrentWidget(send)
    qtbot.waitUntil(lambda: send.fee_rate() is not None, timeout=WAIT_MS)
    send.recipient_edit.setText(BITCOIN_ADDRESS)
    send.amount_edit.setText("0.1")
    send.review()
    qtbot.waitUntil(lambda: not send.busy, timeout=WAIT_MS)
    assert send.message.text() == f"{BITCOIN_ADDRESS} is an address on Bitcoin, not on Litecoin Regtest."
    assert send.plan is None and send.review_box.isHidden()
    assert page.selected_state().balance == 150_000_000  # type: ignore[union-attr]

    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    send.recipient_edit.setText(payee)
    send.amount_edit.setText("0.25")
    send.fee_combo.setCurrentIndex(send.fee_combo.findData(FeeTier.FAST))
    send.review()
    qtbot.waitUntil(lambda: send.plan is not None, timeout=WAIT_MS)
    assert send.review_box.isVisible() and payee in send.summary.text()
    assert send.confirm_button.text() == "Sign and send"
    fee = send.plan.fee  # type: ignore[union-attr]
    send.confirm()
    qtbot.waitUntil(lambda: send.message.text().startswith("Sent."), timeout=WAIT_MS)
    txid = send.message.text().split()[2]
    assert Decimal(str(ltc_regtest.rpc("getmempoolentry", txid)["fees"]["base"])) * 10**8 == fee
    resync(qtbot, page, ltc_regtest, 150_000_000 - 25_000_000 - fee)  # pending counts
    history = page.history_tab
    assert history.table.rowCount() == 2 and history.table.item(0, 3).text() == txid  # newest first
    assert history.table.item(0, 0).text() == "Pending"
    assert history.table.item(0, 1).text() == f"−{format_units(25_000_000 + fee, 8)} LTC"

    # Speed up: Litecoin relays no replacements, so a child pays for its parent, reviewed on Send.
    send.fee_combo.setCurrentIndex(send.fee_combo.findData("custom"))
    send.custom_rate.setValue(20.0)
    page.tabs.setCurrentWidget(history)
    history.table.selectRow(0)
    assert history.speed_up_button.isEnabled()
    history.speed_up_button.click()
    qtbot.waitUntil(lambda: send.plan is not None, timeout=WAIT_MS)
    assert page.tabs.currentWidget() is send and "child pays for parent" in send.summary.text()
    child_fee = send.plan.fee  # type: ignore[union-attr]
    send.confirm()
    qtbot.waitUntil(lambda: send.message.text().startswith("Sent."), timeout=WAIT_MS)
    child = send.message.text().split()[2]
    package = ltc_regtest.rpc("getmempoolentry", child)
    assert Decimal(str(package["fees"]["ancestor"])) * 10**8 >= 20 * package["ancestorsize"]
    ltc_regtest.mine(1)
    resync(qtbot, page, ltc_regtest, 150_000_000 - 25_000_000 - fee - child_fee)
    assert history.table.rowCount() == 3 and not history.speed_up_button.isEnabled()
    assert history.table.item(0, 0).text().startswith("Confirmed (block ")


def test_watch_only_account_pays_through_a_signed_psbt(qtbot: QtBot, page: UtxoPage,
                                                       ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    from embit import bip32
    from embit.networks import NETWORKS

    from wallet.utxo.account import LITECOIN_REGTEST_PARAMS, account_from_root

    form = page.accounts_tab
    form.key_edit.setText("vpub-not-a-key")
    form.name_edit.setText("Cold")
    form.add_button.click()
    qtbot.waitUntil(lambda: "cannot be decoded" in page.message.text(), timeout=WAIT_MS)
    assert len(page.accounts) == 1
    cold_root = bip32.HDKey.from_seed(bytes(range(32)), version=NETWORKS["regtest"]["xprv"])
    vpub = account_from_root(cold_root, LITECOIN_REGTEST_PARAMS).extended_public_key
    form.key_edit.setText(vpub)
    form.add_button.click()
    qtbot.waitUntil(lambda: len(page.accounts) == 2, timeout=WAIT_MS)
    loaded(qtbot, page)
    assert form.table.item(1, 0).text() == "Cold" and form.table.item(1, 2).text() == "Watch-only"

    page.account_combo.setCurrentIndex(1)
    watched = page.selected_state()
    assert watched is not None and not watched.account.hot
    ltc_regtest.rpc("sendtoaddress", watched.receive_address, "0.4", wallet="miner")
    ltc_regtest.mine(1)
    resync(qtbot, page, ltc_regtest, 40_000_000)
    send = page.send_tab
    page.tabs.setCurrentWidget(send)
    qtbot.waitUntil(lambda: send.fee_rate() is not None, timeout=WAIT_MS)
    send.recipient_edit.setText(str(ltc_regtest.rpc("getnewaddress", wallet="miner")))
    send.amount_edit.setText("0.1")
    send.review()
    qtbot.waitUntil(lambda: send.plan is not None, timeout=WAIT_MS)
    assert send.confirm_button.text() == "Sign elsewhere (PSBT)…"
    send.confirm()
    dialog = send.psbt_dialog
    assert dialog is not None and dialog.qr.parts  # shown as a QR code (in parts when long)
    qtbot.waitUntil(dialog.isVisible)
    assert not clipped(dialog), [str(c) for c in clipped(dialog)]
    from wallet.utxo.spend import sign_psbt_text

    # The offline signer: the account key's own fingerprint names it in a bare vpub's PSBT.
    signed = sign_psbt_text(dialog.psbt, cold_root.derive("m/84h/1h/0h"))
    dialog.answer_edit.setPlainText(signed)
    fee = send.plan.fee  # type: ignore[union-attr]
    dialog.accept()
    qtbot.waitUntil(lambda: send.message.text().startswith("Sent."), timeout=WAIT_MS)
    ltc_regtest.mine(1)
    resync(qtbot, page, ltc_regtest, 40_000_000 - 10_000_000 - fee)

    page.tabs.setCurrentWidget(form)
    form.table.selectRow(0)  # the recovery phrase's account: it comes back, so it is not removed
    assert not form.remove_button.isEnabled()
    form.table.selectRow(1)
    assert form.remove_button.isEnabled()
    page.remove_account(watched.account.id)
    qtbot.waitUntil(lambda: len(page.accounts) == 1, timeout=WAIT_MS)
    assert page.service.store.all()[0].kind.value == "hot"


def test_the_page_in_chinese(qtbot: QtBot, page: UtxoPage, qapp: QApplication) -> None:
    translations = Translations(qapp)
    translations.apply("zh_CN")
    try:
        qtbot.waitUntil(lambda: page.tabs.tabText(0) == "账户", timeout=WAIT_MS)
        assert [page.tabs.tabText(i) for i in range(4)] == ["账户", "接收", "发送", "交易记录"]
        hardware = QCoreApplication.translate(
            "UtxoAccountsTab", "Hardware-wallet signing for Bitcoin and Litecoin is not available yet. Use a hot "
            "account, or a watch-only account whose payments an offline signer signs (PSBT).")
        assert page.accounts_tab.hardware_label.text() == hardware
        assert page.title_label.text() == QCoreApplication.translate("UtxoPage", "Bitcoin & Litecoin")
        assert "莱特币" in page.account_combo.currentText()  # the registry's Chinese network name
    finally:
        translations.apply("en")


def test_the_accounts_page_lists_the_bitcoin_and_litecoin_accounts(qtbot: QtBot,
                                                                    ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """The Accounts page shows the wallet's Litecoin account and its balance below the others, and
    leads to the Bitcoin & Litecoin page for receiving, sending and history."""
    from PySide6.QtCore import Qt

    from wallet.ui.pages.accounts_page import AccountsPage

    context = AppContext.create(Settings())
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")  # created unlocked
    server = ElectrumServer(ltc_regtest.electrum_tcp[0], ltc_regtest.electrum_tcp[1], tls=False)
    context._utxo_wallet = UtxoWalletService(  # what the app's servers would be on the playground
        UtxoAccountStore(connect(database_path())), context.hot_wallet, servers={CHAIN: [server]},
        registry=UtxoRegistry([load_utxo_registry().get(CHAIN)]))
    page = AccountsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    try:
        qtbot.waitUntil(lambda: getattr(page, "utxo_summary", None) is not None, timeout=WAIT_MS)
        summary = page.utxo_summary
        qtbot.waitUntil(lambda: summary.loaded is not None and not summary.loading, timeout=WAIT_MS)
        assert summary.lines.text() == "Litecoin Regtest: 0 LTC"
        (account,) = context.utxo_wallet().accounts()
        address = context.utxo_wallet().sync(account).receive_address
        ltc_regtest.rpc("sendtoaddress", address, "1.25", wallet="miner")
        ltc_regtest.mine(1)
        ltc_regtest.wait_electrum_synced()

        def shows_it() -> bool:
            if not summary.loading and summary.lines.text() != "Litecoin Regtest: 1.25 LTC":
                summary.refresh()
            return summary.lines.text() == "Litecoin Regtest: 1.25 LTC"

        qtbot.waitUntil(shows_it, timeout=WAIT_MS)
        with qtbot.waitSignal(page.utxo_requested, timeout=1000):
            qtbot.mouseClick(summary.open_button, Qt.MouseButton.LeftButton)
    finally:
        context.shutdown()
