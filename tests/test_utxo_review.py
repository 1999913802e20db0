"""What a user may type or run into on the Bitcoin & Litecoin page, on a real litecoind + ElectrumX:
addresses refused by what is wrong with them, amounts and fee rates refused before a coin is chosen
(amounts in coins), the account's own unconfirmed change spendable at once but nobody else's, and an
Electrum server that goes away in the middle of a sync (a clear error, nothing changed, the page
usable)."""

from __future__ import annotations

import contextlib
import math
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.test_utxo_wallet_service import CHAIN, LITOSHI, Wallet, fund, make_wallet, synced
from tests.utxo_stack import LtcRegtest, LyingProxy, ltc_regtest  # noqa: F401
from wallet.errors import WalletError
from wallet.keys.mnemonic import generate_mnemonic
from wallet.paths import database_path
from wallet.services.utxo_wallet import (
    MAX_FEE_RATE,
    AddressChecksumError,
    AmountNotPositiveError,
    BadFeeRateError,
    MixedCaseAddressError,
    NotEnoughConfirmedFundsError,
    NotEnoughFundsError,
    OtherNetworkAddressError,
    PaymentTooSmallError,
    UtxoWalletService,
)
from wallet.settings import Settings
from wallet.store.db import connect
from wallet.store.utxo_accounts import UtxoAccountStore
from wallet.ui.context import AppContext
from wallet.ui.pages.utxo_page import UtxoPage
from wallet.utxo.account import WrongNetworkAddressError
from wallet.utxo.electrum_client import ElectrumServer
from wallet.utxo.registry import UtxoRegistry, load_utxo_registry

BITCOIN_ADDRESS = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"  # BIP-84's vector
LEGACY_ADDRESS = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"  # a P2PKH address (base58)
WAIT_MS = 60_000


@pytest.fixture
def wallet(tmp_path: Path, ltc_regtest: LtcRegtest) -> Iterator[Wallet]:  # noqa: F811
    made = make_wallet(tmp_path / "a", ltc_regtest)
    yield made
    made.service.close()
    made.hot.lock()


def test_addresses_are_refused_saying_what_is_wrong(wallet: Wallet, ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    service = UtxoWalletService(wallet.service.store, lambda: wallet.hot, servers={"litecoin-regtest": []})
    bitcoin, regtest = service.registry.get("bitcoin"), service.registry.get(CHAIN)
    service.check_address(bitcoin, BITCOIN_ADDRESS)
    service.check_address(bitcoin, BITCOIN_ADDRESS.upper())  # all upper case is valid (QR codes)
    service.check_address(bitcoin, f"  {BITCOIN_ADDRESS}\n")
    service.check_address(bitcoin, LEGACY_ADDRESS)  # legacy base58 addresses are paid too
    cases: list[tuple[str, Any, type[WalletError], str]] = [
        (BITCOIN_ADDRESS[:-1] + "v", bitcoin, AddressChecksumError, "checksum does not match"),
        (BITCOIN_ADDRESS[:-1] + "U", bitcoin, MixedCaseAddressError, "mixes upper- and lower-case"),
        (BITCOIN_ADDRESS, regtest, OtherNetworkAddressError, "is an address on Bitcoin, not on Litecoin Regtest"),
        (LEGACY_ADDRESS, regtest, WrongNetworkAddressError, "is not a Litecoin Regtest address"),
    ]
    for address, chain, error, words in cases:
        with pytest.raises(error, match=words):
            service.check_address(chain, address)
    # Through a payment too, before any coin is chosen.
    (account,) = wallet.service.add_hot_accounts()
    state = wallet.service.sync(account)
    with pytest.raises(AddressChecksumError):
        wallet.service.plan_payment(state, state.receive_address[:-1] + "x", LITOSHI, 2.0)


def test_amounts_and_fee_rates_that_cannot_be_paid_are_named_in_coins(wallet: Wallet,
                                                                       ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    (account,) = wallet.service.add_hot_accounts()
    funding = fund(ltc_regtest, wallet.service.sync(account).receive_address, "1.0")
    state = synced(wallet.service, account, ltc_regtest, funding)
    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    plan = wallet.service.plan_payment
    for amount in (0, -5):
        with pytest.raises(AmountNotPositiveError):
            plan(state, payee, amount, 2.0)
    with pytest.raises(PaymentTooSmallError, match=r"0\.00000001 LTC is too small to send.*below 0\.00000294 LTC"):
        plan(state, payee, 1, 2.0)
    with pytest.raises(NotEnoughFundsError, match=r"the account can spend 1 LTC\.$"):
        plan(state, payee, 2 * LITOSHI, 2.0)
    for rate in (0.0, 0.5, math.nan, math.inf, -1.0, 1e9):
        with pytest.raises(BadFeeRateError, match="from 1 to 10000 sat/vB"):
            plan(state, payee, LITOSHI // 10, rate)
    assert wallet.service.plan_payment(state, payee, LITOSHI // 10, 1.0).fee_rate >= 1.0


def test_own_pending_change_is_spent_at_once_and_a_pending_payment_from_others_is_not(
        wallet: Wallet, ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    (account,) = wallet.service.add_hot_accounts()
    funding = fund(ltc_regtest, wallet.service.sync(account).receive_address, "1.0")
    state = synced(wallet.service, account, ltc_regtest, funding)
    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    first = wallet.service.sign_and_send(account, wallet.service.plan_payment(state, payee, 30_000_000, 2.0))
    pending = synced(wallet.service, account, ltc_regtest, first)  # its change (~0.7 LTC) is unconfirmed
    incoming = str(ltc_regtest.rpc("sendtoaddress", pending.receive_address, "2.0", wallet="miner"))
    pending = synced(wallet.service, account, ltc_regtest, incoming)
    assert pending.snapshot.spendable() == []  # no confirmed coin left

    second = wallet.service.plan_payment(pending, payee, 50_000_000, 2.0)
    assert [c.txid for c in second.coins] == [first]  # the change, not the miner's pending 2 LTC
    txid = wallet.service.sign_and_send(account, second)
    assert ltc_regtest.rpc("getmempoolentry", txid)["depends"] == [first]  # the node took it
    after = synced(wallet.service, account, ltc_regtest, txid)
    with pytest.raises(NotEnoughConfirmedFundsError, match=r"can spend 0\.\d+ LTC now, and 2 LTC more once"):
        wallet.service.plan_payment(after, payee, LITOSHI, 2.0)


@pytest.fixture
def proxied_page(qtbot: QtBot, ltc_regtest: LtcRegtest) -> Iterator[tuple[UtxoPage, LyingProxy]]:  # noqa: F811
    """The page on an Electrum server (a proxy of the real one) that goes away at the first history
    request once ``gone`` is set."""
    proxy: LyingProxy

    def rewrite(method: str, _params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.get_history" and getattr(proxy, "gone", False):
            proxy.close()
            for connection in proxy._sockets:  # closed for good: the proxy's open files keep them up
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        return result

    proxy = LyingProxy(ltc_regtest.electrum_tcp, rewrite)
    context = AppContext.create(Settings())
    context.hot_wallet().create(generate_mnemonic(12), "", "utxo review password", "Main")
    service = UtxoWalletService(
        UtxoAccountStore(connect(database_path())), context.hot_wallet,
        servers={CHAIN: [ElectrumServer(proxy.address[0], proxy.address[1], tls=False)]},
        registry=UtxoRegistry([load_utxo_registry().get(CHAIN)]))
    page = UtxoPage(context, service)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading and not context.tasks.busy, timeout=WAIT_MS)
    yield page, proxy
    proxy.close()
    context.shutdown()
    service.close()


def test_the_server_going_away_mid_sync_says_so_and_changes_nothing(
        qtbot: QtBot, proxied_page: tuple[UtxoPage, LyingProxy], ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    page, proxy = proxied_page
    state = page.selected_state()
    assert state is not None and not page.message.text()
    funding = fund(ltc_regtest, state.receive_address, "0.5")
    ltc_regtest.wait_electrum_synced()
    records = page.service.store.all()
    proxy.gone = True  # type: ignore[attr-defined]
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading and not page.context.tasks.busy, timeout=WAIT_MS)
    assert page.message.text().startswith("Litecoin Regtest: No Electrum server for Litecoin Regtest could be used.")
    assert "the server closed the connection" in page.message.text()
    assert page.selected_state() == state and funding not in state.snapshot.heights  # the last proven state
    assert page.accounts_tab.table.rowCount() == 1 and page.accounts_tab.table.item(0, 3).text() == "0 LTC"
    assert page.service.store.all() == records and page.refresh_button.isEnabled()
    send = page.send_tab
    send.recipient_edit.setText(str(ltc_regtest.rpc("getnewaddress", wallet="miner")))
    send.amount_edit.setText("0.1")
    qtbot.waitUntil(lambda: send.fee_rate() is not None or bool(send.message.text()), timeout=WAIT_MS)
    send.review()
    qtbot.waitUntil(lambda: not send.busy and bool(send.message.text()), timeout=WAIT_MS)
    # Planned on what the last sync proved (nothing yet): refused in coins, nothing to sign.
    assert send.message.text().startswith("Not enough funds: 0.10000") and send.plan is None


def test_fee_rates_and_watch_only_accounts_are_explained_where_the_user_decides(
        proxied_page: tuple[UtxoPage, LyingProxy]) -> None:
    page, _ = proxied_page
    page.tabs.setCurrentWidget(page.send_tab)
    help_text = page.send_tab.fee_help.text()
    assert page.send_tab.fee_help.isVisible() and "sat/vB: satoshis" in help_text and "confirmed sooner" in help_text
    assert page.send_tab.custom_rate.maximum() == MAX_FEE_RATE  # what the service accepts
    page.tabs.setCurrentWidget(page.accounts_tab)
    watch_only = page.accounts_tab.watch_only_help
    assert watch_only.isVisible() and "can see the coins but not spend them" in watch_only.text()
    assert "PSBT (a partially signed transaction file)" in watch_only.text()
    assert page.accounts_tab.hardware_label.isVisible()


def test_long_work_says_what_it_is_doing(qtbot: QtBot, proxied_page: tuple[UtxoPage, LyingProxy],
                                         ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    page, _ = proxied_page
    page.refresh()
    assert page.refresh_button.text() == "Syncing…" and not page.refresh_button.isEnabled()
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT_MS)
    assert page.refresh_button.text() == "Refresh" and page.refresh_button.isEnabled()
    send = page.send_tab
    qtbot.waitUntil(lambda: send.fee_rate() is not None, timeout=WAIT_MS)
    send.recipient_edit.setText(str(ltc_regtest.rpc("getnewaddress", wallet="miner")))
    send.amount_edit.setText("0.1")
    send.review()
    assert send.busy and send.message.text() == "Choosing coins and working out the fee…"
    qtbot.waitUntil(lambda: not send.busy, timeout=WAIT_MS)
    assert send.message.text().startswith("Not enough funds")  # the account is empty


def test_mixed_up_psbt_parts_are_named_as_a_psbt_problem(qtbot: QtBot) -> None:
    from wallet.ui.utxo.psbt_dialog import PsbtDialog

    dialog = PsbtDialog("cHNidP8BAAoCAAAAAAAAAAAAAAA=", "payment.psbt")
    qtbot.addWidget(dialog)
    dialog.answer_edit.setPlainText("not base64 at all\nnor a QR part")
    dialog.accept()
    assert dialog.error_label.text() == "The signed transaction (PSBT) cannot be used: a QR part is malformed"
    assert dialog.result() != dialog.DialogCode.Accepted


def test_a_watch_only_key_of_another_coin_is_named_and_a_zpub_is_checked_by_its_first_address(
        qtbot: QtBot, proxied_page: tuple[UtxoPage, LyingProxy]) -> None:
    from embit import bip32
    from embit.networks import NETWORKS

    from wallet.utxo.account import LITECOIN_REGTEST_PARAMS, RECEIVE, account_from_root

    page, _ = proxied_page
    root = bip32.HDKey.from_seed(bytes(range(32)), version=NETWORKS["regtest"]["xprv"])
    ttub = root.derive("m/44h/1h/0h").to_public().to_base58(version=bytes.fromhex("0436f6e1"))  # Litecoin's ttub
    form = page.accounts_tab
    form.name_edit.setText("Legacy")
    form.key_edit.setText(ttub)
    form.add_button.click()
    qtbot.waitUntil(lambda: bool(page.message.text()), timeout=WAIT_MS)
    assert page.message.text().endswith("it is for another network or address type")
    assert len(page.service.store.all()) == 1
    vpub = account_from_root(root, LITECOIN_REGTEST_PARAMS)
    form.name_edit.setText("Cold")
    form.key_edit.setText(vpub.extended_public_key)
    form.add_button.click()
    qtbot.waitUntil(lambda: len(page.accounts) == 2 and not page.loading, timeout=WAIT_MS)
    assert f"its first address, {vpub.address(RECEIVE, 0)}, is the one" in page.message.text()


def test_a_payment_link_pasted_as_the_recipient_gives_its_address_and_amount(
        qtbot: QtBot, proxied_page: tuple[UtxoPage, LyingProxy], ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    page, _ = proxied_page
    state = page.selected_state()
    assert state is not None
    send = page.send_tab
    qtbot.waitUntil(lambda: send.fee_rate() is not None, timeout=WAIT_MS)
    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    send.recipient_edit.setText(f" litecoin:{payee}?amount=0.2&label=Shop ")
    send.review()
    assert send.recipient_edit.text() == payee and send.amount_edit.text() == "0.2"
    qtbot.waitUntil(lambda: not send.busy, timeout=WAIT_MS)
    assert send.message.text().startswith("Not enough funds: 0.2000")  # the link's amount, planned
    send.recipient_edit.setText(state.receive_uri())  # upper case, no amount: the typed amount stays
    send.review()
    assert send.recipient_edit.text() == state.receive_address.upper() and send.amount_edit.text() == "0.2"
    qtbot.waitUntil(lambda: not send.busy, timeout=WAIT_MS)
    assert send.message.text().startswith("Not enough funds")


def test_amount_fields_say_their_unit(proxied_page: tuple[UtxoPage, LyingProxy]) -> None:
    page, _ = proxied_page
    assert page.send_tab.form_labels[1].text() == "Amount (LTC)"
    assert page.receive_tab.amount_label.text() == "Amount in LTC (optional)"


def test_accounts_a_failing_server_never_synced_say_so_and_every_failure_is_counted(
        qtbot: QtBot, proxied_page: tuple[UtxoPage, LyingProxy]) -> None:
    from embit import bip32
    from embit.networks import NETWORKS

    from wallet.utxo.account import LITECOIN_REGTEST_PARAMS, account_from_root

    page, proxy = proxied_page
    proxy.gone = True  # type: ignore[attr-defined]
    page.refresh()  # the server goes away here
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT_MS)
    root = bip32.HDKey.from_seed(bytes(range(32)), version=NETWORKS["regtest"]["xprv"])
    page.add_watch_only(CHAIN, "Cold", account_from_root(root, LITECOIN_REGTEST_PARAMS).extended_public_key)
    qtbot.waitUntil(lambda: len(page.accounts) == 2 and not page.loading, timeout=WAIT_MS)
    table = page.accounts_tab.table
    assert [table.item(row, 3).text() for row in range(2)] == ["0 LTC", "Not synced"]  # the first: as last proven
    assert page.account_combo.itemText(1) == "Cold · Litecoin Regtest · not synced"
    assert page.message.text().endswith("\nOther accounts not synced: 1.")


def test_a_fee_above_a_tenth_of_the_payment_is_pointed_out_and_a_foreign_psbt_is_refused(
        qtbot: QtBot, wallet: Wallet, ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    from wallet.ui.tasks import TaskRunner
    from wallet.ui.utxo.send_tab import UtxoSendTab
    from wallet.utxo.spend import BadPsbtError

    (account,) = wallet.service.add_hot_accounts()
    funding = fund(ltc_regtest, wallet.service.sync(account).receive_address, "1.0")
    state = synced(wallet.service, account, ltc_regtest, funding)
    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    tasks = TaskRunner()
    send = UtxoSendTab(wallet.service, tasks)
    qtbot.addWidget(send)
    send.show_state(state)
    send.fee_combo.setCurrentIndex(send.fee_combo.findData("custom"))
    send.custom_rate.setValue(5_000.0)  # ~0.007 LTC of fee for 0.01 LTC
    send.recipient_edit.setText(payee)
    send.amount_edit.setText("0.01")
    send.review()
    qtbot.waitUntil(lambda: not send.busy, timeout=WAIT_MS)
    assert send.plan is not None, send.message.text()
    assert "Warning: the fee is more than a tenth of the amount sent." in send.summary.text()
    send.amount_edit.setText("0.5")
    send.review()
    qtbot.waitUntil(lambda: send.plan is not None, timeout=WAIT_MS)
    assert "Warning" not in send.summary.text()
    # A signed PSBT of another payment (the same coins, another amount) is not broadcast for this one.
    planned = wallet.service.plan_payment(state, payee, 40_000_000, 2.0)
    foreign = wallet.service.sign_psbt(account, wallet.service.export_psbt(account, planned))
    with pytest.raises(BadPsbtError, match="not the transaction that was exported"):
        wallet.service.send_signed_psbt(account, wallet.service.plan_payment(state, payee, 30_000_000, 2.0), foreign)
    assert ltc_regtest.rpc("getrawmempool") == []
    tasks.close(10_000)


def test_accounts_of_a_chain_whose_server_is_gone_from_the_settings_are_hidden_saying_why(
        qtbot: QtBot, ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    servers = {CHAIN: [ElectrumServer(ltc_regtest.electrum_tcp[0], ltc_regtest.electrum_tcp[1], tls=False)]}
    given = dict(servers)
    context = AppContext.create(Settings())
    context.hot_wallet().create(generate_mnemonic(12), "", "utxo review password", "Main")
    service = UtxoWalletService(UtxoAccountStore(connect(database_path())), context.hot_wallet,
                                servers=lambda: given, registry=UtxoRegistry([load_utxo_registry().get(CHAIN)]))
    page = UtxoPage(context, service)
    qtbot.addWidget(page)
    try:
        page.show()
        qtbot.waitUntil(lambda: not page.loading and len(page.accounts) == 1, timeout=WAIT_MS)
        given.clear()  # the playground stopped: its Litecoin chain has no server any more
        page.refresh()
        qtbot.waitUntil(lambda: not page.loading, timeout=WAIT_MS)
        assert page.accounts == [] and len(service.store.all()) == 1
        assert page.message.text() == ("Accounts on Litecoin Regtest are not shown while no Electrum server is set "
                                       "for it (a local chain runs with the playground only).")
        given.update(servers)
        page.refresh()
        qtbot.waitUntil(lambda: not page.loading, timeout=WAIT_MS)
        assert len(page.accounts) == 1 and not page.message.text()
    finally:
        context.shutdown()
        service.close()


def test_stopping_the_node_and_its_server_during_a_sync_leaves_the_page_as_it_was(
        qtbot: QtBot, tmp_path: Path, ltc_regtest: LtcRegtest) -> None:  # noqa: F811 (its tools are there)
    (tmp_path / "stack").mkdir()
    stack = LtcRegtest.start(tmp_path / "stack")
    context = AppContext.create(Settings())
    service: UtxoWalletService | None = None
    try:
        context.hot_wallet().create(generate_mnemonic(12), "", "utxo review password", "Main")
        service = UtxoWalletService(
            UtxoAccountStore(connect(database_path())), context.hot_wallet,
            servers={CHAIN: [ElectrumServer(stack.electrum_tcp[0], stack.electrum_tcp[1], tls=False)]},
            registry=UtxoRegistry([load_utxo_registry().get(CHAIN)]))
        page = UtxoPage(context, service)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: not page.loading and len(page.states) == 1, timeout=WAIT_MS)
        state = page.selected_state()
        assert state is not None
        stack.fund(state.receive_address, 70_000_000)
        page.refresh()
        stack.stop()  # while the sync runs in its task
        qtbot.waitUntil(lambda: not page.loading and not context.tasks.busy, timeout=WAIT_MS)
        if page.selected_state() != state:  # the sync was quicker than the stop: once more, now without a server
            page.refresh()
            qtbot.waitUntil(lambda: not page.loading and not context.tasks.busy, timeout=WAIT_MS)
        assert page.message.text().startswith(
            "Litecoin Regtest: No Electrum server for Litecoin Regtest could be used.")
        assert len(page.accounts) == 1 and len(service.store.all()) == 1 and page.refresh_button.isEnabled()
    finally:
        stack.stop()
        context.shutdown()
        if service is not None:
            service.close()
