"""A chain is its id and its genesis block: after the playground restarts (a fresh chain, same id),
History never shows the old chain's transactions as confirmed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from eth_account import Account as EthAccount
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.accounts.hot import HotSigner
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.keys.mnemonic import validate_mnemonic
from wallet.paths import database_path
from wallet.services.network import genesis_hash
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast
from wallet.services.tracker import track_pending
from wallet.store.db import MIGRATIONS, connect
from wallet.store.transactions import TransactionStore
from wallet.ui.main_window import MainWindow

PASSWORD = "amber-lantern-4471"
ANVIL_PHRASE = "test test test test test test test test test test test junk"  # anvil's funded accounts
CHAIN_ID = 31337


def statuses(window: MainWindow) -> list[str]:
    """The statuses of the wallet's own records (rows with a nonce): History also lists transfers it
    found on the chain, and here the wallet is the playground's deployer."""
    table = window.history_page.table
    return [table.item(row, 1).text() for row in range(table.rowCount())  # type: ignore[union-attr]
            if table.item(row, 5).text()]  # type: ignore[union-attr]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_restarted_playground_does_not_show_the_old_chains_transactions_as_confirmed(  # type: ignore[no-untyped-def]
        window_on_chains, qtbot: QtBot, tmp_path: Path, language: str) -> None:
    with Devnet.start((CHAIN_ID,), manifest_path=tmp_path / "first.json") as first:
        chain = first.chains[0]
        window = window_on_chains(chain.key, first.chains, language)
        context = window.context
        context.hot_wallet().create(validate_mnemonic(ANVIL_PHRASE), "", PASSWORD, "")
        account = context.accounts.all()[0]
        client = context.network.client(chain)
        signer, path = context.signer_for(account)
        recipient = EthAccount.create().address
        records = [sign_and_broadcast(client, context.transactions, signer, path, prepare_send(
            client, context.transactions, SendRequest(account.address, recipient, amount)))
            for amount in (10**17, 2 * 10**17)]
        window.track_transactions()
        qtbot.waitUntil(lambda: all(context.transactions.get(r.id).status == "confirmed" for r in records),
                        timeout=15000)
        old_genesis = genesis_hash(client)
        genesis_time = Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.get_block(0)["timestamp"]  # type: ignore[index]
        assert {context.transactions.get(r.id).genesis_hash for r in records} == {old_genesis}
        window.select_page("history")
        confirmed = window.history_page.tr("Confirmed")
        qtbot.waitUntil(lambda: statuses(window) == [confirmed, confirmed], timeout=15000)

    # One record as written before the genesis was stored: the tracker has to find out for itself.
    legacy = records[1]
    database = connect(database_path())
    database.execute("UPDATE transactions SET genesis_hash = NULL WHERE id = ?", (legacy.id,))
    database.close()

    # anvil's genesis block is its start time in seconds and nothing else that varies: a restart within
    # the same second would be the very same chain (the tracker's receipt check covers that case).
    while time.time() < genesis_time + 1:
        time.sleep(0.1)
    with Devnet.start((CHAIN_ID,), manifest_path=tmp_path / "second.json") as second:
        (restarted,) = second.chains
        assert restarted.key == chain.key and restarted.chain_id == chain.chain_id
        context.network.add_chains(second.chains)  # as the playground's start does
        window.choose_network(restarted.key)
        history = window.history_page
        history.refresh()
        earlier, gone = history.tr("From an earlier playground"), history.tr("No longer on the chain")
        qtbot.waitUntil(lambda: statuses(window) == [gone, earlier], timeout=15000)  # newest first
        assert confirmed not in statuses(window)
        assert context.network.known_genesis(restarted) != old_genesis
        assert context.transactions.get(legacy.id).status == "gone"
        history.table.selectRow(1)
        assert not history.speed_up_button.isEnabled() and not history.cancel_button.isEnabled()


def test_a_version_5_history_keeps_its_records_and_learns_genesis_hashes(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    for index, script in enumerate(MIGRATIONS[:5]):
        old.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {index + 1};\nCOMMIT;")
    old.execute("INSERT INTO transactions (chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount,"
                " kind, tx_json, raw, status, block_number, details) VALUES (1, '0xs', '0xsender', 7, '0xrouter',"
                " NULL, 'ETH', 18, '5', 'swap', '{}', '0x', 'confirmed', 12, '{\"symbol_out\": \"DUSD\"}')")
    old.close()

    store = TransactionStore(connect(path))
    (record,) = store.history(1)
    assert (record.hash, record.status, record.block_number, record.details) == (
        "0xs", "confirmed", 12, {"symbol_out": "DUSD"})
    assert record.genesis_hash is None and store.unchecked(1) == [record] and store.needs_tracking(1)
    store.set_status(record.id, "gone")  # allowed by the new CHECK
    assert not store.needs_tracking(1)
    sent = store.add(1, "0xn", "0xsender", 8, "0xto", None, "ETH", 18, 1, "send", {}, "0x", genesis_hash="0xabc")
    assert store.get(sent.id).genesis_hash == "0xabc"


def test_a_confirmed_record_whose_receipt_is_gone_is_marked_gone(chain_state: Devnet, tmp_path: Path) -> None:
    """Same chain, same genesis, but the block that held our transaction is gone (a reorg): the record
    is not left "confirmed"."""
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    sender = EthAccount.create()
    w3.provider.make_request("anvil_setBalance", [sender.address, hex(10**20)])  # type: ignore[arg-type]
    before_send = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    store = TransactionStore(connect(tmp_path / "db.sqlite3"))
    client = ChainClient(chain)
    genesis = genesis_hash(client)
    prepared = prepare_send(client, store, SendRequest(sender.address, EthAccount.create().address, 10**15))
    record = sign_and_broadcast(client, store, HotSigner(private_key=bytes(sender.key)), None, prepared)
    (confirmed,) = track_pending(client, store, genesis)
    assert (confirmed.id, confirmed.status, confirmed.genesis_hash) == (record.id, "confirmed", genesis)

    assert w3.provider.make_request("evm_revert", [before_send])["result"] is True  # type: ignore[arg-type]
    assert w3.provider.make_request("eth_getTransactionReceipt", [record.hash])["result"] is None  # type: ignore[arg-type]
    (gone,) = track_pending(client, store, genesis)
    assert (gone.id, gone.status) == (record.id, "gone")
