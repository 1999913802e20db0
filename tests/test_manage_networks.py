"""Settings: remove a node or a network the user added; bundled ones stay, and the network in use
cannot go until another is selected. Read back from disk by a new NetworkService (the next app run)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from wallet.services.network import (
    BundledNetworkError,
    BundledNodeError,
    NetworkService,
    SelectedNetworkError,
    custom_chains_path,
)
from wallet.settings import Settings, load_settings
from wallet.ui.errors import error_text
from wallet.ui.pages.settings_page import SettingsPage

MY_NODE = "https://my-node.example/rpc"
ROLLUP_NODE = "https://rollup.example/rpc"


@pytest.fixture
def page(qtbot: QtBot) -> SettingsPage:
    network = NetworkService(Settings(network="ethereum"))
    page = SettingsPage()
    qtbot.addWidget(page)

    def changed() -> None:  # what the main window does after a change: show the networks again
        page.set_chains(network.chains(), network.settings.network)

    page.attach_network(network, changed)
    changed()
    return page


def node_urls(page: SettingsPage) -> list[str]:
    return [page.nodes_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(page.nodes_list.count())]


def test_only_nodes_the_user_added_can_be_removed(page: SettingsPage) -> None:
    network = page._network
    assert network is not None
    bundled = network.registry.get("ethereum").rpc_urls
    network.add_custom_rpc("ethereum", MY_NODE)
    page.set_chains(network.chains(), "ethereum")
    assert node_urls(page) == [MY_NODE, *bundled]
    assert page.nodes_list.item(0).text().endswith("(yours)")
    assert not page.nodes_list.item(1).text().endswith("(yours)")

    page.nodes_list.setCurrentRow(1)
    page.remove_node_button.click()
    assert page.network_message.text() == error_text(BundledNodeError())
    assert node_urls(page) == [MY_NODE, *bundled]
    assert load_settings().custom_rpc_urls == {"ethereum": [MY_NODE]}

    page.nodes_list.setCurrentRow(0)
    page.remove_node_button.click()
    assert node_urls(page) == list(bundled)
    assert load_settings().custom_rpc_urls == {}
    assert NetworkService(load_settings()).registry.get("ethereum").rpc_urls == bundled


def test_an_added_network_is_removed_once_another_is_in_use(page: SettingsPage) -> None:
    network = page._network
    assert network is not None
    rollup = network.add_custom_chain("My rollup", 31338, "ETH", ROLLUP_NODE)
    network.add_custom_rpc(rollup.key, MY_NODE)
    network.select(rollup.key)
    page.set_chains(network.chains(), rollup.key)

    (action,) = page.remove_network_menu.actions()  # bundled networks are not offered
    assert action.data() == rollup.key and not action.isEnabled()
    page.remove_network(rollup.key)
    assert page.network_message.text() == error_text(SelectedNetworkError(name="My rollup"))
    page.remove_network("ethereum")
    assert page.network_message.text() == error_text(BundledNetworkError())
    assert rollup.key in NetworkService(load_settings()).registry

    network.select("ethereum")
    page.set_chains(network.chains(), "ethereum")
    (action,) = page.remove_network_menu.actions()
    assert action.isEnabled()
    action.trigger()
    assert page.network_combo.findData(rollup.key) == -1
    assert page.remove_network_menu.actions() == [] and not page.remove_network_button.isEnabled()
    assert rollup.key not in network.registry
    again = NetworkService(load_settings())
    assert rollup.key not in again.registry and again.registry.by_chain_id(31338) is None
    assert load_settings().custom_rpc_urls == {}
    assert rollup.key not in custom_chains_path().read_text()
