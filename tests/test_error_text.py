"""Errors reach the screen as one translated sentence, nested causes included."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from wallet.chains.registry import load_registry
from wallet.chains.rpc import AllEndpointsFailedError, RpcTimeoutError, RpcUnreachableError
from wallet.ui.errors import error_text, name_chains_from
from wallet.ui.i18n import Translations


def test_nested_error_in_english(qtbot: QtBot) -> None:
    error = AllEndpointsFailedError(chain="BNB Smart Chain",
                                    last=RpcUnreachableError(endpoint="bsc.example", reason="connection refused"))
    assert error_text(error) == str(error) == (
        "No node for BNB Smart Chain could be used. Last error: "
        "Cannot reach the node at bsc.example: connection refused")


def test_nested_error_fully_in_chinese(qapp: object) -> None:
    translations = Translations(qapp)  # type: ignore[arg-type]
    translations.apply("zh_CN")
    try:
        error = AllEndpointsFailedError(chain="Wanchain",
                                        last=RpcUnreachableError(endpoint="gwan.example", reason="connection refused"))
        registry = load_registry()
        name_chains_from(lambda: registry)  # the app names the chains of its registry
        # The chain is named as the chain list names it on a Chinese screen, not "Wanchain".
        assert error_text(error) == "万维链 没有可用的节点。最后一个错误：无法连接节点 gwan.example：连接被拒绝"
        assert str(error).startswith("No node for Wanchain could")  # logs stay English
        assert error_text(RpcTimeoutError(endpoint="h", seconds="8")) == "节点 h 在 8 秒内没有响应"
        assert error_text(ValueError("boom")) == "意外错误：boom"
    finally:
        translations.apply("en")


def test_bitcoin_family_networks_are_named_in_chinese_too(qapp: object) -> None:
    from wallet.utxo.errors import AllServersFailedError
    from wallet.utxo.networks import LITECOIN_REGTEST

    translations = Translations(qapp)  # type: ignore[arg-type]
    translations.apply("zh_CN")
    try:
        error = AllServersFailedError(network=LITECOIN_REGTEST.name, last="connection refused")
        shown = error_text(error)
        assert "莱特币" in shown and "Litecoin" not in shown, shown
        assert "Litecoin regtest" in str(error)  # logs stay English
    finally:
        translations.apply("en")
    assert "Litecoin" in error_text(AllServersFailedError(network=LITECOIN_REGTEST.name, last="connection refused"))
