"""A network the user adds: each wrong field gets its own error, in the screen's language, and the
registry's developer wording ("field 'name' must be a non-empty string") never reaches the screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from wallet.chains.registry import load_registry
from wallet.errors import WalletError
from wallet.services.custom_network import (
    NetworkChainIdError,
    NetworkChainIdTakenError,
    NetworkExplorerUrlError,
    NetworkNameError,
    NetworkRpcUrlError,
    NetworkSymbolError,
    check_custom_network,
)
from wallet.ui.errors import error_text
from wallet.ui.i18n import Translations

GOOD = {"name": "My rollup", "chain_id": 424242, "symbol": "ETH", "rpc_url": "https://rollup.example/rpc",
        "explorer_url": "https://scan.rollup.example"}


@pytest.mark.parametrize(("field", "value", "error"), [
    ("name", "  ", NetworkNameError),
    ("name", "x" * 65, NetworkNameError),
    ("chain_id", 0, NetworkChainIdError),
    ("chain_id", 2**53, NetworkChainIdError),
    ("chain_id", 1, NetworkChainIdTakenError),  # Ethereum's
    ("symbol", "", NetworkSymbolError),
    ("symbol", "E T H", NetworkSymbolError),
    ("rpc_url", "rollup.example/rpc", NetworkRpcUrlError),
    ("rpc_url", "https://rollup.example/a b", NetworkRpcUrlError),
    ("rpc_url", "ftp://rollup.example", NetworkRpcUrlError),
    ("explorer_url", "javascript:alert(1)", NetworkExplorerUrlError),
    ("rpc_url", "http://h:abc", NetworkRpcUrlError),  # these crashed the Settings page after saving
    ("rpc_url", "http://h:99999", NetworkRpcUrlError),
    ("rpc_url", "http://[::1:8545", NetworkRpcUrlError),
    ("rpc_url", "http://user:secret@rollup.example:8545", NetworkRpcUrlError),  # never sent, kept in a file
    ("explorer_url", "https://[::1", NetworkExplorerUrlError),
    ("explorer_url", "https://scan.example/\x00", NetworkExplorerUrlError),
    ("name", "\u202e\u202e", NetworkNameError),
    ("name", "n\nx", NetworkNameError),
    ("chain_id", 1.5, NetworkChainIdError),
    ("chain_id", "1", NetworkChainIdError),
])
def test_each_wrong_field_is_named(field: str, value: object, error: type[WalletError]) -> None:
    fields = {**GOOD, field: value}
    with pytest.raises(error):
        check_custom_network(known=load_registry(), **fields)  # type: ignore[arg-type]


def test_good_fields_pass_and_the_explorer_is_optional() -> None:
    check_custom_network(known=load_registry(), **GOOD)  # type: ignore[arg-type]
    check_custom_network(known=load_registry(), **{**GOOD, "explorer_url": None})  # type: ignore[arg-type]


def test_errors_read_in_chinese(qapp: QApplication) -> None:
    translations = Translations(qapp)
    translations.apply("zh_CN")
    try:
        for fields in ({**GOOD, "name": ""}, {**GOOD, "symbol": ""}, {**GOOD, "rpc_url": "x"}):
            with pytest.raises(WalletError) as caught:
                check_custom_network(known=load_registry(), **fields)  # type: ignore[arg-type]
            text = error_text(caught.value)
            assert text != str(caught.value) and "must" not in text and "field" not in text, text
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    finally:
        translations.apply("en")


def test_the_network_service_checks_the_fields_before_saving_anything() -> None:
    from wallet.services.network import NetworkService, custom_chains_path
    from wallet.settings import Settings

    network = NetworkService(Settings(network="ethereum"))
    with pytest.raises(NetworkNameError):
        network.add_custom_chain("", 424242, "ETH", "https://rollup.example/rpc")
    assert not custom_chains_path().exists() and network.registry.by_chain_id(424242) is None
    chain = network.add_custom_chain("My rollup", 424242, "ETH", "https://rollup.example/rpc")
    assert network.registry.by_chain_id(424242) == chain and custom_chains_path().exists()
