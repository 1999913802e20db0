"""History page against the devnet: an incoming ERC-20 transfer and an incoming coin transfer found and
shown with names, local time, signed amounts; a payment between own accounts named on both sides and
not shown twice; the detail dialog; CSV export; new blocks; late answers for another chain dropped;
another genesis's transfers never shown; the explorer API key in Settings."""

from __future__ import annotations

import csv
import io
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.keys.mnemonic import generate_mnemonic
from wallet.services.history_export import CSV_COLUMNS
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast
from wallet.settings import Settings, load_settings
from wallet.store.transfers import Transfer
from wallet.ui.context import AppContext
from wallet.ui.history_model import AMOUNT, FEE, FROM, NONCE, STATUS, TIME, TO, TRANSACTION
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.pages.history_page import HistoryPage

from .test_history_sync import set_primary_names

PASSWORD = "walnut-harbor-5521"
SHANGHAI = timezone(timedelta(hours=8))


@pytest.fixture
def shanghai_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The local time zone is UTC+8 (no daylight saving), whatever the machine's is."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def window(qtbot: QtBot, qapp: object, chain_state: Devnet, shanghai_time: None) -> Iterator[MainWindow]:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chain_state.chains)
    context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
    main = MainWindow(context, Translations(qapp), poll_interval_ms=200)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()


def w3_of(devnet: Devnet) -> Web3:
    return Web3(Web3.HTTPProvider(devnet.chains[0].rpc_urls[0]))


def pay_coin(w3: Web3, sender: str, to: str, wei: int) -> str:
    tx = w3.eth.send_transaction({"from": sender, "to": to, "value": wei})  # type: ignore[typeddict-item]
    assert w3.eth.wait_for_transaction_receipt(tx)["status"] == 1
    return "0x" + tx.hex().removeprefix("0x")


def pay_token(w3: Web3, token: str, sender: str, to: str, amount: int) -> str:
    contract = w3.eth.contract(address=token, abi=load_artifact("DevToken").abi)  # type: ignore[arg-type]
    w3.eth.wait_for_transaction_receipt(contract.functions.mint(sender, amount).transact({"from": sender}))
    tx = contract.functions.transfer(to, amount).transact({"from": sender})
    assert w3.eth.wait_for_transaction_receipt(tx)["status"] == 1
    return "0x" + tx.hex().removeprefix("0x")


def rows(page: HistoryPage) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
            for r in range(table.rowCount())]


def row_of(page: HistoryPage, tx_hash: str) -> list[list[str]]:
    return [cells for cells in rows(page) if cells[TRANSACTION] == tx_hash]


def shanghai(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def test_incoming_token_and_coin_show_with_names_then_details_and_csv(
        qtbot: QtBot, window: MainWindow, chain_state: Devnet, tmp_path: Path) -> None:
    chain, context = chain_state.chains[0], window.context
    w3 = w3_of(chain_state)
    main = context.accounts.all()[0]
    savings = context.hot_wallet().add_hd_account("Savings")
    friend, stranger = w3.eth.accounts[1], w3.eth.accounts[3]
    context.contacts.add("Friend", friend)
    w3.provider.make_request("anvil_setBalance", [main.address, hex(10**19)])  # type: ignore[arg-type]

    coin_hash = pay_coin(w3, friend, main.address, 15 * 10**17)
    token_hash = pay_token(w3, chain.tokens[0].address, stranger, main.address, 12_500_000)
    client = context.network.client(chain)
    signer, path = context.signer_for(main)
    own = sign_and_broadcast(client, context.transactions, signer, path, prepare_send(
        client, context.transactions, SendRequest(main.address, savings.address, 2 * 10**17)))

    window.select_page("history")
    page = window.history_page
    qtbot.waitUntil(lambda: bool(row_of(page, coin_hash)) and bool(row_of(page, token_hash))
                    and not page.syncing, timeout=20000)
    window.track_transactions()
    qtbot.waitUntil(lambda: context.transactions.get(own.id).status == "confirmed", timeout=20000)
    page.refresh()
    qtbot.waitUntil(lambda: not page.syncing, timeout=20000)

    (coin,) = row_of(page, coin_hash)
    coin_block = w3.eth.get_transaction(coin_hash)["blockNumber"]  # type: ignore[arg-type]
    assert (coin[STATUS], coin[FROM], coin[TO], coin[AMOUNT], coin[NONCE]) == (
        "Received", "Friend", "Main", "+1.5 ETH", "")
    assert coin[TIME] == shanghai(w3.eth.get_block(coin_block)["timestamp"])  # type: ignore[index]
    (token,) = row_of(page, token_hash)
    assert (token[STATUS], token[FROM], token[TO], token[AMOUNT]) == ("Received", stranger, "Main", "+12.5 DUSD")
    (mine,) = row_of(page, own.hash)  # the own payment, once (the block scan found it too)
    assert (mine[STATUS], mine[FROM], mine[TO], mine[AMOUNT]) == ("Confirmed", "Main", "Savings", "0.2 ETH")
    assert mine[FEE].endswith(" ETH") and mine[NONCE] == "0"
    assert page.model.headerData(TIME, Qt.Orientation.Horizontal) == "Time (UTC+08:00)"
    header = page.table.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(4)] == [TIME, STATUS, FROM, TO]  # From is shown before To

    page.table.selectRow(page.model.row_of(f"transfer:{coin_hash}:-1"))  # type: ignore[arg-type]
    assert page.details_button.isEnabled() and not page.speed_up_button.isEnabled()
    page.open_details()
    dialog = page.detail_dialog
    fields = {key: label.text() for key, label in dialog.fields.items()}
    assert fields["from"] == f"Friend\n{friend}" and fields["to"] == f"Main\n{main.address}"
    assert (fields["amount"], fields["hash"], fields["block"], fields["fee"]) == (
        "+1.5 ETH", coin_hash, f"{coin_block:,}", "Paid by the sender")
    assert int(fields["confirmations"].replace(",", "")) == w3.eth.block_number - coin_block + 1
    assert fields["time"].startswith(coin[TIME] + " (UTC+08:00)")
    dialog.close()

    (token_row,) = [r for r in page.model.rows if r.tx_hash == token_hash]
    page.table.selectRow(page.model.row_of(token_row.key))  # type: ignore[arg-type]
    page.open_details()
    qtbot.waitUntil(lambda: page.detail_dialog.fields["fee"].text().endswith(" ETH")
                    or page.detail_dialog.fields["fee"].text() == "Paid by the sender", timeout=10000)
    assert page.detail_dialog.fields["asset"].text() == chain.tokens[0].address
    page.detail_dialog.close()

    path = tmp_path / "history.csv"
    assert page.export_csv_to(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    exported = list(csv.DictReader(io.StringIO(path.read_text())))
    assert tuple(exported[0].keys()) == CSV_COLUMNS and CSV_COLUMNS[:8] == (
        "transaction_hash", "label", "confirmations", "value", "fiat_value", "fee", "fiat_fee", "timestamp")
    by_hash = {r["transaction_hash"]: r for r in exported}
    assert len(exported) == len(page.model.rows) and len(by_hash) == len(exported)
    assert (by_hash[coin_hash]["value"], by_hash[coin_hash]["asset"], by_hash[coin_hash]["label"],
            by_hash[coin_hash]["direction"], by_hash[coin_hash]["from"]) == ("1.5", "ETH", "Friend", "received", friend)
    assert by_hash[coin_hash]["timestamp"] == datetime.fromtimestamp(
        w3.eth.get_block(coin_block)["timestamp"], UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # type: ignore[index]
    assert (by_hash[token_hash]["value"], by_hash[token_hash]["asset"], by_hash[token_hash]["token_contract"]) == (
        "12.5", "DUSD", chain.tokens[0].address)
    assert (by_hash[own.hash]["status"], by_hash[own.hash]["nonce"], by_hash[own.hash]["label"]) == (
        "confirmed", "0", "Savings")  # the same words in every UI language
    assert by_hash[coin_hash]["status"] == "confirmed"
    assert float(by_hash[own.hash]["fee"]) > 0


def test_a_new_block_brings_a_new_transfer_and_another_chains_late_answer_is_dropped(
        qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    chain, other = chain_state.chains
    context = window.context
    w3 = w3_of(chain_state)
    main = context.accounts.all()[0]
    window.select_page("history")
    page = window.history_page
    qtbot.waitUntil(lambda: context.network.known_genesis(chain) is not None and not page.syncing, timeout=20000)

    first = pay_coin(w3, w3.eth.accounts[2], main.address, 10**16)
    page.on_new_block(chain.key, w3.eth.block_number)
    assert page.syncing and "Updating…" in page.sync_label.text()  # shown before any answer
    qtbot.waitUntil(lambda: bool(row_of(page, first)) and not page.syncing, timeout=20000)

    assert row_of(page, first)[0][FROM] == w3.eth.accounts[2]  # no contact, no ENS primary name: the address
    assert chain.ens_registry is not None
    set_primary_names(w3, chain.ens_registry, {w3.eth.accounts[1]: "alice.eth"})
    named = pay_coin(w3, w3.eth.accounts[1], main.address, 10**15)
    page.on_new_block(chain.key, w3.eth.block_number)
    qtbot.waitUntil(lambda: bool(row_of(page, named)) and not page.syncing, timeout=20000)
    qtbot.waitUntil(lambda: row_of(page, named)[0][FROM] == "alice.eth", timeout=20000)  # looked up in the task

    second = pay_coin(w3, w3.eth.accounts[2], main.address, 2 * 10**16)
    page.on_new_block(chain.key, w3.eth.block_number)
    assert page.syncing
    window.choose_network(other.key)  # before the pass for the first chain answers
    qtbot.waitUntil(lambda: not page.syncing and context.network.known_genesis(other) is not None, timeout=20000)
    qtbot.waitUntil(lambda: not page.syncing, timeout=20000)
    assert page.model.chain == other
    assert not row_of(page, first) and not row_of(page, second)  # chain A's rows never on chain B

    window.choose_network(chain.key)
    qtbot.waitUntil(lambda: bool(row_of(page, second)) and not page.syncing, timeout=20000)
    assert len(row_of(page, first)) == 1


def test_another_genesis_transfers_and_unknown_tokens_are_not_shown(
        qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    chain, context = chain_state.chains[0], window.context
    main = context.accounts.all()[0]
    window.select_page("history")
    page = window.history_page
    qtbot.waitUntil(lambda: context.network.known_genesis(chain) is not None and not page.syncing, timeout=20000)
    genesis = context.network.known_genesis(chain)
    assert genesis is not None
    earlier = Transfer(chain.chain_id, "0x" + "ee" * 32, "0x" + "01" * 32, -1, 5, 1_700_000_000,
                       "0x" + "12" * 20, main.address, None, None, None, 10**18)
    spam_token = Web3.to_checksum_address("0x" + "56" * 20)
    spam = Transfer(chain.chain_id, genesis, "0x" + "02" * 32, 0, 5, 1_700_000_000,
                    Web3.to_checksum_address("0x" + "34" * 20), main.address, spam_token, None, None, 1000)
    context.transfers.add_many([earlier, spam])
    loads = page.model.modelReset
    with qtbot.waitSignal(loads, timeout=10000):
        page.reload_transfers()  # read in a task
    qtbot.waitUntil(lambda: not page.loading, timeout=10000)
    assert not row_of(page, earlier.tx_hash) and not row_of(page, spam.tx_hash)
    page.unknown_tokens_check.setChecked(True)
    (shown,) = row_of(page, spam.tx_hash)
    assert shown[AMOUNT] == "+1,000 0x5656…5656" and not row_of(page, earlier.tx_hash)


def test_the_explorer_api_key_is_saved_from_settings_and_never_logged(
        qtbot: QtBot, window: MainWindow, wallet_home: Path) -> None:
    window.select_page("settings")
    page = window.settings_page
    page.explorer_key_edit.setText("not a key!")
    page.save_explorer_key()
    assert load_settings().explorer_api_key == "" and page.explorer_message.text().startswith("An API key")
    page.explorer_key_edit.setText("ABCDEF123456GHIJ")
    page.save_explorer_key()
    assert load_settings().explorer_api_key == "ABCDEF123456GHIJ"
    assert window.context.settings.explorer_api_key == "ABCDEF123456GHIJ"  # History's next pass uses it
    assert "ABCDEF123456GHIJ" not in repr(window.context.settings)
    for log in wallet_home.rglob("*.log*"):
        assert "ABCDEF123456GHIJ" not in log.read_text(errors="replace")


def test_after_a_playground_restart_nothing_of_the_old_chain_is_shown_as_on_this_one(
        window_on_chains: Any, qtbot: QtBot, tmp_path: Path) -> None:
    """Same chain id, new genesis: the old chain's received transfer is not listed at all, and the
    wallet's own old send is "From an earlier playground", never "Confirmed"."""
    with Devnet.start((31337,), manifest_path=tmp_path / "first.json") as first:
        chain = first.chains[0]
        window = window_on_chains(chain.key, first.chains)
        context = window.context
        main = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
        w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
        received = pay_coin(w3, w3.eth.accounts[1], main.address, 10**18)
        client = context.network.client(chain)
        signer, path = context.signer_for(main)
        sent = sign_and_broadcast(client, context.transactions, signer, path, prepare_send(
            client, context.transactions, SendRequest(main.address, w3.eth.accounts[2], 10**17)))
        window.select_page("history")
        page = window.history_page
        qtbot.waitUntil(lambda: bool(row_of(page, received)) and not page.syncing, timeout=20000)
        window.track_transactions()
        qtbot.waitUntil(lambda: context.transactions.get(sent.id).status == "confirmed", timeout=20000)
        genesis_time = w3.eth.get_block(0)["timestamp"]  # type: ignore[index]

    while time.time() < genesis_time + 1:  # anvil's genesis hash is its start second
        time.sleep(0.1)
    with Devnet.start((31337,), manifest_path=tmp_path / "second.json") as second:
        context.network.add_chains(second.chains)
        window.choose_network(second.chains[0].key)
        qtbot.waitUntil(lambda: context.network.known_genesis(second.chains[0]) is not None
                        and not page.syncing and page.model.genesis is not None, timeout=20000)
        qtbot.waitUntil(lambda: not page.syncing, timeout=20000)
        assert not row_of(page, received)
        (old,) = row_of(page, sent.hash)
        assert old[STATUS] == "From an earlier playground"
        assert all("Confirmed" not in cells[STATUS] for cells in rows(page))


def test_columns_fit_the_words_of_the_language_switched_to(qtbot: QtBot, window: MainWindow,
                                                           chain_state: Devnet) -> None:
    """Review: after a live switch from Chinese, "Received" showed as "R…d" (the Chinese widths stayed)."""
    w3 = w3_of(chain_state)
    main = window.context.accounts.all()[0]
    coin_hash = pay_coin(w3, w3.eth.accounts[1], main.address, 10**17)
    window.choose_language("zh_CN")
    try:
        window.select_page("history")
        page = window.history_page
        qtbot.waitUntil(lambda: bool(row_of(page, coin_hash)) and not page.syncing, timeout=20000)
    finally:
        window.choose_language("en")
    table, model = page.table, page.table.model()
    metrics = table.fontMetrics()
    for column in (STATUS, AMOUNT):
        texts = [str(model.headerData(column, Qt.Orientation.Horizontal)),
                 *(table.item(row, column).text() for row in range(table.rowCount()))]  # type: ignore[union-attr]
        assert table.columnWidth(column) >= max(metrics.horizontalAdvance(t) for t in texts), (column, texts)
