"""Balances are correct by construction: keyed by the chain they came from, loaded by themselves
(after create, restore, unlock, a network switch and new blocks), and a late answer for a chain left
behind never reaches the page."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from eth_account import Account as EthAccount
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.accounts.model import AccountKind
from wallet.chains.amounts import format_units
from wallet.chains.registry import Chain
from wallet.devnet import Devnet
from wallet.keys.mnemonic import validate_mnemonic
from wallet.ui.balances_model import HoldingsModel
from wallet.ui.main_window import MainWindow

PASSWORD = "amber-lantern-4471"
ANVIL_PHRASE = "test test test test test test test test test test test junk"  # anvil's funded accounts
EthAccount.enable_unaudited_hdwallet_features()


class DelayingProxy(ThreadingHTTPServer):
    """Forwards JSON-RPC to a real node, holding every ``eth_call`` (the balance snapshot) while armed
    until released: a refresh provably in flight. Released with ``fail``, it answers 503 instead."""

    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream = upstream
        self.armed = False
        self.fail = False
        self.held = threading.Event()
        self.release = threading.Event()
        self.answered_after_release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: DelayingProxy

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = json.loads(body)
        methods = [call.get("method") for call in (message if isinstance(message, list) else [message])]
        held = self.server.armed and "eth_call" in methods  # alone or in a JSON-RPC batch
        if held:
            self.server.held.set()
            self.server.release.wait()
        if held and self.server.fail:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            request = urllib.request.Request(  # noqa: S310 (the loopback devnet's http URL)
                self.server.upstream, body, {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as reply:  # noqa: S310
                answer = reply.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        if held:
            self.server.answered_after_release.set()


@contextmanager
def delaying_proxy(upstream: str) -> Iterator[DelayingProxy]:
    proxy = DelayingProxy(upstream)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.release.set()
        proxy.shutdown()
        proxy.server_close()


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def coin_cell(window: MainWindow) -> str:
    """The coin's amount in the holdings of the (only) account: all accounts' coin in these tests."""
    model = window.accounts_page.holdings_model
    rows = [row for row in range(model.rowCount()) if model.holding_at(row).is_coin]
    return model.index(rows[0], HoldingsModel.AMOUNT).data().removesuffix(" ✓") if rows else ""


def coin_total(chain: Chain, addresses: list[str]) -> str:
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    return format_units(sum(w3.eth.get_balance(a) for a in addresses), 18, 6)  # type: ignore[arg-type]


def test_balances_load_by_themselves_after_restoring_a_funded_phrase(window_on_chains, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                                     devnet: Devnet) -> None:
    chain = devnet.chains[0]
    window = window_on_chains(chain.key, devnet.chains)
    page = window.accounts_page
    page.start_onboarding()
    wizard = page.wizard
    wizard.intro.restore_radio.setChecked(True)
    wizard.next()
    wizard.restore_page.phrase_edit.setText(ANVIL_PHRASE)
    wizard.next()
    qtbot.keyClicks(wizard.password_page.password, PASSWORD)
    qtbot.keyClicks(wizard.password_page.confirm, PASSWORD)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.unlocked, timeout=15000)
    address = page.accounts()[0].address
    # No Refresh pressed: the restored account's coin is on the page.
    qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0, timeout=15000)
    assert coin_cell(window) == coin_total(chain, [address]) != "0"


def test_balances_load_by_themselves_after_creating_a_wallet(window_on_chains, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                            devnet: Devnet) -> None:
    """Bug seen: after creating a wallet the balance table stayed empty until Refresh was pressed."""
    from tests.test_onboarding_ui import run_create_wizard

    chain = devnet.chains[0]
    window = window_on_chains(chain.key, devnet.chains)
    page = window.accounts_page
    run_create_wizard(qtbot, window)
    qtbot.waitUntil(lambda: page.unlocked, timeout=15000)
    # No Refresh pressed: the new account's (empty) coin balance is on the page, read from the chain.
    qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0 and page.sheet_chain == chain, timeout=15000)
    assert coin_cell(window) == "0"
    assert page.sheet is not None and page.sheet.native == {page.accounts()[0].address: 0}


def test_balances_load_after_unlock(window_on_chains, qtbot: QtBot, devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    chain = devnet.chains[0]
    window = window_on_chains(chain.key, devnet.chains)
    service = window.context.hot_wallet()
    service.create(validate_mnemonic(ANVIL_PHRASE), "", PASSWORD, "")
    service.lock()
    page = window.accounts_page
    page.refresh()
    page.sheet = page.sheet_chain = None  # as after a start with a locked wallet and no balances yet
    page._show_balances()
    page.password_edit.setText(PASSWORD)
    page.unlock()
    qtbot.waitUntil(lambda: page.unlocked, timeout=15000)
    qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0, timeout=15000)
    assert coin_cell(window) == coin_total(chain, [page.accounts()[0].address])


def test_a_new_block_that_pays_our_account_refreshes_the_balances(window_on_chains, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                                   chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    window = window_on_chains(chain.key, chain_state.chains)
    page = window.accounts_page
    page.block_refresh_interval_s = 0  # every new block may refresh (the coalescing is the interval)
    watched = EthAccount.create().address
    window.context.accounts.add("Watched", AccountKind.WATCH, watched)
    page.refresh_if_changed()
    qtbot.waitUntil(lambda: coin_cell(window) == "0", timeout=15000)
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    w3.eth.send_transaction({"from": w3.eth.accounts[0], "to": watched, "value": 3 * 10**18})  # mined at once
    qtbot.waitUntil(lambda: coin_cell(window) == "3", timeout=15000)  # nobody pressed Refresh


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_switching_to_an_unreachable_network_leaves_nothing_of_the_old_one(window_on_chains, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                                          devnet: Devnet, language: str) -> None:
    devnet_chain = devnet.chains[0]
    window = window_on_chains(devnet_chain.key, devnet.chains, language)
    ethereum = dataclasses.replace(window.context.network.registry.get("ethereum"), rpc_urls=(closed_port_url(),))
    window.context.network.add_chains([ethereum])
    page = window.accounts_page
    window.context.accounts.add("Deployer", AccountKind.WATCH, Web3(Web3.HTTPProvider(
        devnet_chain.rpc_urls[0])).eth.accounts[0])
    page.refresh_if_changed()
    qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0, timeout=15000)
    devnet_numbers = coin_cell(window)

    window.choose_network("ethereum")
    # At once: the devnet's numbers and heading are gone.
    assert page.holdings_model.rowCount() == 0
    title = page.balances_group.title()
    assert ethereum.display_name(window.language) in title and devnet_chain.display_name(window.language) not in title
    qtbot.waitUntil(lambda: page.balances_loading is None and page.balance_status.text() != "", timeout=30000)
    ethereum_error = page.balance_status.text()
    assert devnet_numbers not in ethereum_error and page.holdings_model.rowCount() == 0

    window.choose_network(devnet_chain.key)
    assert page.balance_status.text() != ethereum_error  # the other chain's error went with it
    qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0 and page.balances_loading is None, timeout=15000)
    assert ethereum_error not in page.balance_status.text()
    assert coin_cell(window) == devnet_numbers


@pytest.mark.parametrize("late_answer", ["numbers", "error"])
def test_a_late_answer_for_the_chain_left_behind_is_dropped(window_on_chains, qtbot: QtBot, devnet: Devnet,  # type: ignore[no-untyped-def]
                                                            late_answer: str) -> None:
    first, second = devnet.chains[0], devnet.chains[1]
    with delaying_proxy(first.rpc_urls[0]) as proxy:
        proxied = dataclasses.replace(first, rpc_urls=(proxy.url,))
        window = window_on_chains(first.key, [proxied, second])
        page = window.accounts_page
        holder = Web3(Web3.HTTPProvider(first.rpc_urls[0])).eth.accounts[0]
        window.context.accounts.add("Deployer", AccountKind.WATCH, holder)
        page.refresh_if_changed()
        qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0 and page.balances_loading is None, timeout=15000)
        first_numbers = coin_cell(window)
        assert first_numbers == coin_total(first, [holder])

        proxy.armed, proxy.fail = True, late_answer == "error"
        page.refresh_balances()
        assert proxy.held.wait(15)  # the first chain's snapshot is at the proxy, unanswered
        assert page.balances_loading == proxied and "updating" in page.balance_status.text()

        window.choose_network(second.key)
        assert page.holdings_model.rowCount() == 0 and second.name in page.balances_group.title()
        qtbot.waitUntil(lambda: page.holdings_model.rowCount() > 0 and page.balances_loading is None, timeout=15000)
        second_numbers = coin_cell(window)
        assert second_numbers == coin_total(second, [holder])
        second_status = page.balance_status.text()

        window.monitor.stop()
        proxy.release.set()  # the first chain's answer (or error) arrives now, late
        assert proxy.answered_after_release.wait(15)
        qtbot.waitUntil(lambda: not window.context.tasks.busy, timeout=15000)
        assert second.name in page.balances_group.title()
        assert coin_cell(window) == second_numbers
        assert page.balance_status.text() == second_status
        assert page.message.text() == ""
