"""The UTXO test stack itself: a real Litecoin regtest node and ElectrumX, started by the fixture."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.utxo_stack import INITIAL_BLOCKS, LtcRegtest, ltc_regtest, missing_parts  # noqa: F401


def test_node_is_funded_and_server_follows_it(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    assert ltc_regtest.rpc("getblockchaininfo")["chain"] == "regtest"
    assert ltc_regtest.height() >= INITIAL_BLOCKS
    assert ltc_regtest.miner_address.startswith("rltc1")
    assert float(ltc_regtest.rpc("getbalance", wallet="miner")) > 0  # the first coinbase has matured
    ltc_regtest.mine(1)
    assert ltc_regtest.wait_electrum_synced() == ltc_regtest.height()


def test_stop_leaves_no_process(tmp_path: Path) -> None:
    """A second stack of its own (the session's keeps running): stopping ends both process groups."""
    if (reason := missing_parts()) is not None:
        pytest.skip(reason)
    stack = LtcRegtest.start(tmp_path)
    groups = [process.pid for process in stack.processes]
    stack.stop()
    for group in groups:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"process group {group} is still alive")
    stack.stop()  # twice is harmless


def test_missing_parts_skip_or_fail_as_the_environment_says(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    import tests.utxo_stack as stack

    monkeypatch.setattr(stack, "LITECOIND", stack.REPO / ".tools" / "nowhere" / "litecoind")
    reason = stack.missing_parts()
    assert reason is not None and "scripts/bootstrap-utxo" in reason
    fixture = stack.ltc_regtest.__wrapped__  # type: ignore[attr-defined]
    monkeypatch.delenv(stack.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="not available"):
        next(fixture(tmp_path_factory))
    monkeypatch.setenv(stack.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="WALLET_REQUIRE_UTXO=1"):
        next(fixture(tmp_path_factory))
