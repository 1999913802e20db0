"""The app shell, driven offscreen with pytest-qt against real devnet chains."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from web3 import Web3

from tests.hostile_rpc import hostile_rpc
from wallet.chains.registry import Chain
from wallet.chains.rpc import DEFAULT_TIMEOUT_S, FIRST_BYTE_TIMEOUT_S, redact_url
from wallet.devnet import Devnet
from wallet.settings import Settings, load_settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

FAST_POLL_MS = 200


@pytest.fixture
def make_window(qtbot: QtBot, qapp: object):  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(settings: Settings | None = None, chains: list[Chain] = (), rpc_timeout_s: float = 3.0,
             language: str = "") -> MainWindow:
        context = AppContext.create(settings or Settings(), rpc_timeout_s=rpc_timeout_s)
        context.network.add_chains(list(chains))
        translations = Translations(qapp)  # type: ignore[arg-type]
        translations.apply(language)
        window = MainWindow(context, translations, poll_interval_ms=FAST_POLL_MS)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.monitor.stop()
        window.context.shutdown()
        window.translations.apply("en")


def test_navigation_switches_every_page(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    keys = ["accounts", "send", "receive", "history", "contacts", "swap", "atomic_swap", "utxo", "devices", "settings"]
    assert window.nav.count() == len(keys)
    for row, key in enumerate(keys):
        window.nav.setCurrentRow(row)
        assert window.current_page_key() == key
        assert window.pages.currentIndex() == row
    assert window.pages.currentWidget() is window.settings_page


def test_status_bar_shows_live_block_height(make_window, qtbot: QtBot, devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    chain = devnet.chains[0]
    window = make_window(Settings(network=chain.key), chains=devnet.chains)
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    qtbot.waitUntil(lambda: window.status.block_label.text() == f"Block {w3.eth.block_number:,}", timeout=5000)
    assert "Devnet 31337" in window.status.chain_label.text()

    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    expected = f"Block {w3.eth.block_number:,}"
    qtbot.waitUntil(lambda: window.status.block_label.text() == expected, timeout=5000)
    assert window.status.problem_label.text() == ""
    assert not window.banner.isVisible()


def test_a_silent_node_is_named_in_the_status_bar_without_freezing(make_window, qtbot: QtBot,
                                                                   devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    with hostile_rpc("silent") as url:
        silent = dataclasses.replace(devnet.chains[1], key="silent-node", name="Silent node", rpc_urls=(url,),
                                     chain_id=4242424)
        window = make_window(Settings(network=silent.key), chains=[silent], rpc_timeout_s=DEFAULT_TIMEOUT_S)
        qtbot.waitUntil(lambda: window.monitor._in_flight, timeout=2000)
        # The node is silent and the request is out: the GUI thread must still handle events.
        handled: list[bool] = []
        QTimer.singleShot(0, lambda: handled.append(window.monitor._in_flight))
        qtbot.waitUntil(lambda: bool(handled), timeout=2000)
        assert handled == [True]  # handled while the request was still pending
        window.select_page("settings")  # and the UI responds to the user meanwhile
        assert window.pages.currentWidget() is window.settings_page

        # Told after the first-byte deadline (3 s), not the whole one (8 s), nor two rounds of it.
        qtbot.waitUntil(lambda: window.status.problem_label.text() != "",
                        timeout=int(FIRST_BYTE_TIMEOUT_S * 1000) + 1000)

    message = window.status.problem_label.text()
    assert "No node for Silent node could be used" in message
    assert f"The node at {redact_url(url)} is silent: no reply within 3 s" in message
    assert "secret-api-key" not in message  # the URL path (an API key on real providers) stays hidden


def test_a_silent_first_node_is_named_while_the_next_one_serves(make_window, qtbot: QtBot,
                                                                devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    chain = devnet.chains[0]
    with hostile_rpc("silent") as url:
        served = dataclasses.replace(chain, rpc_urls=(url, chain.rpc_urls[0]))
        window = make_window(Settings(network=chain.key), chains=[served], rpc_timeout_s=1.0)
        expected = f"Block {Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.block_number:,}"
        qtbot.waitUntil(lambda: window.status.block_label.text() == expected, timeout=5000)
        assert window.status.problem_label.text() == f"The node at {redact_url(url)} is silent: no reply within 1 s"


def test_no_network_offers_the_playground_and_starting_it_connects(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.banner.isVisible()
    assert window.status.chain_label.text() == "No network"

    qtbot.mouseClick(window.banner.start_button, Qt.MouseButton.LeftButton)
    assert window.banner.progress.isVisible()  # the start runs in the background, with progress shown
    qtbot.waitUntil(lambda: window.context.playground.running and not window.banner.isVisible(), timeout=30000)

    chain = window.context.network.selected_chain()
    assert chain is not None and chain.devnet and chain.chain_id == 31337
    assert load_settings().network == chain.key  # the choice is saved
    qtbot.waitUntil(lambda: window.status.block_label.text().startswith("Block ")
                    and window.status.block_label.text() != "Block …", timeout=5000)
    pids = [node.pid for node in window.context.playground._devnet.nodes]  # type: ignore[union-attr]
    window.context.shutdown()
    assert not window.context.playground.running
    assert all(subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0 for pid in pids)


def test_choosing_a_network_in_settings_switches_the_status_bar(make_window, qtbot: QtBot,
                                                                devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    window = make_window(Settings(network=devnet.chains[0].key), chains=devnet.chains)
    window.select_page("settings")
    combo = window.settings_page.network_combo
    index = combo.findData(devnet.chains[1].key)
    assert index >= 0 and combo.findData("wanchain") >= 0 and combo.findData("bsc") >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.waitUntil(lambda: "31338" in window.status.chain_label.text(), timeout=2000)
    assert load_settings().network == devnet.chains[1].key


def test_chinese_ui(make_window, qtbot: QtBot, devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    window = make_window(Settings(network=devnet.chains[0].key), chains=devnet.chains, language="zh_CN")
    labels = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert labels[0] == "账户" and labels[-1] == "设置"
    assert "本地测试链 31337" in window.status.chain_label.text()
    qtbot.waitUntil(lambda: window.status.block_label.text().startswith("区块 "), timeout=5000)

    window.choose_language("en")  # switching back applies live, no restart
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Accounts", timeout=2000)
    assert window.status.block_label.text().startswith("Block ")
    assert window.settings_page.title_label.text() == "Settings"


def test_app_shell_does_not_import_the_heavy_stacks() -> None:
    # web3 (~1.4 s), eth_account (~0.4 s) and bip_utils (~0.1 s) load when first needed, off the GUI
    # thread; the window must not wait for them.
    code = ("import sys, wallet.ui.app; "
            "print(sorted(m for m in ('web3', 'eth_account', 'bip_utils', 'eth_utils', 'eth_abi', 'ens') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_custom_node_and_network_from_settings(make_window, qtbot: QtBot, devnet: Devnet) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.add_network("My rollup", 31338, "ETH", devnet.chains[1].rpc_urls[0], None)
    assert window.context.network.selected_chain().key == "custom-31338"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.status.block_label.text().startswith("Block ")
                    and window.status.block_label.text() != "Block …", timeout=5000)
    window.add_network("Again", 31338, "ETH", devnet.chains[1].rpc_urls[0], None)
    assert "Chain id 31338 is already in the list, as My rollup" in window.settings_page.network_message.text()
    window.settings_page.rpc_edit.setText("ftp://nope")
    window.settings_page._custom_rpc()
    assert "must start with http" in window.settings_page.network_message.text()
    window.settings_page.rpc_edit.setText(devnet.chains[1].rpc_urls[0] + "/")
    window.settings_page._custom_rpc()
    assert window.context.network.selected_chain().rpc_urls[0].endswith("/")  # type: ignore[union-attr]


def test_a_bad_custom_network_is_explained_in_chinese(make_window) -> None:  # type: ignore[no-untyped-def]
    """Bug seen: the custom-network validator's "field 'name' must be a non-empty string" inside a
    Chinese sentence; and chain names in errors in English while the list says 以太坊."""
    window = make_window(language="zh_CN")
    window.add_network("", 424242, "ETH", "https://rollup.example/rpc", None)
    text = window.settings_page.network_message.text()
    assert "网络需要一个名称" in text and "field" not in text and "must" not in text, text
    window.add_network("Fake mainnet", 1, "ETH", "https://x.example", None)
    text = window.settings_page.network_message.text()
    assert "以太坊" in text and "Ethereum" not in text, text


def test_a_tall_page_seen_once_does_not_make_the_others_scroll(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Bug seen in review: after Settings (tall, wrapped text) was built, the Accounts page scrolled and
    hid its bottom row: the stacked layout's height-for-width is the tallest page's."""
    window = make_window()
    window.resize(1100, 720)
    for key in ("settings", "contacts", "accounts"):
        window.select_page(key)
        QApplication.processEvents()
    scroll = window.page_scroll
    qtbot.waitUntil(lambda: not scroll.verticalScrollBar().isVisible())
    assert window.pages.height() <= scroll.viewport().height()
