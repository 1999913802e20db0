"""History keeps its rows between refreshes and re-reads them in a task: a confirmation the tracker
saw shows up after a refresh, and a read that happened before it, delivered late, never puts the
old "Pending" back; the records' JSON is parsed only when asked."""

from __future__ import annotations

from eth_account import Account
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.devnet import Devnet
from wallet.ui.history_model import NONCE, STATUS, TRANSACTION
from wallet.ui.main_window import MainWindow
from wallet.ui.pages import history_page as history_module

from .test_send_ui import confirm, fill_and_review, window  # noqa: F401  (the window fixture)


def status_of(main: MainWindow, tx_hash: str) -> str | None:
    table = main.history_page.table
    return next((table.item(r, STATUS).text() for r in range(table.rowCount())  # type: ignore[union-attr]
                 if table.item(r, TRANSACTION).text() == tx_hash), None)  # type: ignore[union-attr]


def test_a_confirmation_replaces_pending_and_a_late_older_read_never_brings_it_back(
        qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:  # noqa: F811
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    w3.provider.make_request("evm_setAutomine", [False])  # type: ignore[arg-type]
    fill_and_review(qtbot, window, Account.create().address, "0.5", "ETH")
    tx_hash = confirm(qtbot, window)
    window.select_page("history")
    page = window.history_page
    qtbot.waitUntil(lambda: status_of(window, tx_hash) == "Pending" and not page.loading, timeout=10000)
    chain = window.context.network.selected_chain()
    assert chain is not None
    # A read made now (the record pending), to be delivered only after the confirmation is on screen.
    stale = history_module._read_view(window.context, chain, window.context.network.known_genesis(chain),
                                      frozenset(a.address for a in window.context.accounts.all()), False, None)
    assert not {"tx", "details"} & vars(stale.records[0]).keys()  # JSON not parsed

    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    window.track_transactions()
    record = next(r for r in window.context.transactions.history(chain.chain_id) if r.hash == tx_hash)
    qtbot.waitUntil(lambda: window.context.transactions.get(record.id).status == "confirmed", timeout=20000)
    page.refresh(sync=False)  # shows the kept rows at once, reads again in a task
    qtbot.waitUntil(lambda: status_of(window, tx_hash) == "Confirmed" and not page.loading, timeout=10000)

    page._apply(stale)  # the older read arrives late: dropped
    assert status_of(window, tx_hash) == "Confirmed"
    assert next(r for r in page.records if r.hash == tx_hash).status == "confirmed"
    table = page.table
    assert [table.item(r, NONCE).text() for r in range(table.rowCount())  # type: ignore[union-attr]
            if table.item(r, TRANSACTION).text() == tx_hash] == ["0"]  # type: ignore[union-attr]

    # The record's unsigned fields are still there for a replacement (parsed on first use).
    assert window.context.transactions.get(record.id).tx["nonce"] == 0
