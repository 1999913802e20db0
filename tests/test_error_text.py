"""Errors reach the screen as one translated sentence, nested causes included."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from wallet.chains.rpc import AllEndpointsFailedError, RpcTimeoutError, RpcUnreachableError
from wallet.ui.errors import error_text
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
        assert error_text(error) == "Wanchain 没有可用的节点。最后一个错误：无法连接节点 gwan.example：连接被拒绝"
        assert error_text(RpcTimeoutError(endpoint="h", seconds="8")) == "节点 h 在 8 秒内没有响应"
        assert error_text(ValueError("boom")) == "意外错误：boom"
    finally:
        translations.apply("en")
