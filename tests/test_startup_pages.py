"""Pages are built the first time they are needed; a page built late shows the window's current state."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from wallet.settings import Settings, load_settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

LATER_PAGES = ["send", "receive", "history", "contacts", "swap", "atomic_swap", "utxo", "devices", "settings"]


@pytest.fixture
def window(qtbot: QtBot, qapp: QCoreApplication) -> Iterator[MainWindow]:
    context = AppContext.create(Settings())
    translations = Translations(qapp)
    translations.apply("en")
    main = MainWindow(context, translations, poll_interval_ms=600_000)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()
    translations.apply("en")


def test_only_the_first_page_is_built_at_start_and_each_page_once(window: MainWindow) -> None:
    assert window.pages.built("accounts") is window.accounts_page is window.pages.currentWidget()
    assert all(window.pages.built(key) is None for key in LATER_PAGES)
    assert window.nav.count() == window.pages.count() == 1 + len(LATER_PAGES)  # every page is listed

    window.select_page("history")
    history = window.pages.currentWidget()
    assert type(history).__name__ == "HistoryPage" and window.pages.built("history") is history
    assert window.pages.indexOf(history) == window.nav.currentRow() == 3
    assert window.pages.built("send") is None  # building one page builds no other

    window.select_page("accounts")
    window.select_page("history")
    assert window.pages.currentWidget() is history is window.history_page  # built once, kept
    assert window.pages.count() == 1 + len(LATER_PAGES)


def test_the_swap_page_is_the_real_one(window: MainWindow) -> None:
    window.select_page("swap")
    assert type(window.pages.currentWidget()).__name__ == "SwapPage"
    assert window.pages.currentWidget() is window.swap_page


def test_reaching_a_page_from_code_builds_it_without_showing_it(window: MainWindow) -> None:
    send = window.send_page
    assert window.pages.built("send") is send and window.pages.currentWidget() is window.accounts_page
    window.select_page("send")
    assert window.pages.currentWidget() is send


def test_a_page_built_after_a_language_switch_is_in_that_language(window: MainWindow, qtbot: QtBot) -> None:
    window.choose_language("zh_CN")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "账户", timeout=2000)
    window.select_page("settings")
    assert window.settings_page.title_label.text() == "设置"
    assert window.settings_page.language_combo.currentData() == "zh_CN"
    assert load_settings().language == "zh_CN"

    window.choose_language("en")  # and a built page follows later switches live
    qtbot.waitUntil(lambda: window.settings_page.title_label.text() == "Settings", timeout=2000)
    assert window.settings_page.language_combo.currentData() == "en"


def test_a_settings_page_built_late_shows_the_network_chosen_before(window: MainWindow) -> None:
    window.choose_network("bsc")
    assert window.pages.built("settings") is None
    assert window.settings_page.network_combo.currentData() == "bsc"
    assert "BNB" in window.status.chain_label.text()


def test_auto_lock_counts_input_to_each_window_from_the_start(window: MainWindow, qtbot: QtBot) -> None:
    timed_out: list[bool] = []
    window.auto_lock.timed_out.connect(lambda: timed_out.append(True))
    window.auto_lock.timeout_s = 0.5
    time.sleep(0.6)
    # Through the window, as the platform delivers input: the filter is on the windows, not the app.
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Down)  # input: the idle time starts again
    window.auto_lock._check()
    assert timed_out == []
    time.sleep(0.6)  # idle past the timeout
    window.auto_lock._check()
    assert timed_out == [True]

    dialog = QDialog(window)  # a window opened later is watched once it has the focus
    dialog.show()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle(), timeout=2000)
    time.sleep(0.6)
    QTest.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton)
    window.auto_lock._check()
    assert timed_out == [True]
    time.sleep(0.6)
    window.auto_lock._check()
    assert timed_out == [True, True]
    dialog.close()


def test_the_settings_page_built_by_the_window_can_remove_the_users_own_node(window: MainWindow) -> None:
    window.choose_network("ethereum")
    chain = window.context.network.selected_chain()
    assert chain is not None and chain.key == "ethereum"
    window.context.network.add_custom_rpc(chain.key, "http://127.0.0.1:1/mine")
    window.select_page("settings")
    page = window.settings_page
    nodes = page.nodes_list
    mine = next(row for row in range(nodes.count()) if "(yours)" in nodes.item(row).text())
    nodes.setCurrentRow(mine)
    page.remove_selected_node()
    assert not window.context.network.is_custom_rpc(chain.key, "http://127.0.0.1:1/mine")


def test_pages_that_name_chains_get_the_language_built_before_or_after_a_switch(window: MainWindow,
                                                                                 qtbot: QtBot) -> None:
    swap = window.swap_page  # built before the switch
    window.choose_language("zh_CN")
    assert swap.language == "zh_CN" and window.atomic_swap_page.language == "zh_CN"  # the latter built after
