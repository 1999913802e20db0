"""Shared fixtures: one real devnet per test session, isolated per test with evm_snapshot/evm_revert."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Before anything imports Qt: without a display the process would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from web3 import Web3

from wallet.devnet import Devnet


@pytest.fixture(autouse=True)
def wallet_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty wallet home: nothing touches the user's real files."""
    home = tmp_path / "wallet-home"
    monkeypatch.setenv("WALLET_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def devnet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Devnet]:
    manifest = tmp_path_factory.mktemp("devnet") / "devnet.json"
    with Devnet.start(manifest_path=manifest) as running:
        yield running


@pytest.fixture
def chain_state(devnet: Devnet) -> Iterator[Devnet]:
    """The devnet, with every chain reverted to its state before the test afterwards.

    anvil's ``evm_revert`` does not restore the next block's base fee, so it is put back by hand:
    otherwise every later test inherits whatever base fee earlier tests left (blocks mined in a
    test lower it towards 0)."""
    saved = []
    for w3 in (Web3(Web3.HTTPProvider(n.rpc_url)) for n in devnet.nodes):
        base_fee = w3.eth.get_block("pending")["baseFeePerGas"]  # type: ignore[typeddict-item]
        saved.append((w3, w3.provider.make_request("evm_snapshot", [])["result"], base_fee))  # type: ignore[arg-type]
    yield devnet
    for w3, snapshot_id, base_fee in saved:
        assert w3.provider.make_request("evm_revert", [snapshot_id])["result"] is True  # type: ignore[arg-type]
        w3.provider.make_request("anvil_setNextBlockBaseFeePerGas", [hex(base_fee)])  # type: ignore[arg-type]


@pytest.fixture
def window_on_chains(qtbot: Any, qapp: object) -> Iterator[object]:
    """Opens main windows on a network with extra chains (a playground of the test's own), closed after."""
    from wallet.chains.registry import Chain
    from wallet.settings import Settings
    from wallet.ui.context import AppContext
    from wallet.ui.i18n import Translations
    from wallet.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(network: str, chains: list[Chain], language: str = "en") -> MainWindow:
        context = AppContext.create(Settings(network=network), rpc_timeout_s=3.0)
        context.network.add_chains(chains)
        translations = Translations(qapp)  # type: ignore[arg-type]
        translations.apply(language)
        window = MainWindow(context, translations, poll_interval_ms=200)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.monitor.stop()
        window.context.shutdown()
        window.translations.apply("en")
