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


def test_a_padding_server_and_stop_leaves_no_process(tmp_path: Path) -> None:
    """A second stack of its own (the session's keeps running), whose server pads and holds small
    replies up to 1 s as public ElectrumX servers do (the session's is shortened for speed): the
    verified client works with it; then stopping ends both process groups."""
    from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
    from wallet.utxo.networks import LITECOIN_REGTEST
    from wallet.utxo.verified import VerifiedElectrum

    if (reason := missing_parts()) is not None:
        pytest.skip(reason)
    stack = LtcRegtest.start(tmp_path, padding_wait_s=None)
    try:
        server = ElectrumServer(*stack.electrum_tcp, tls=False)
        verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [server]))
        assert verified.sync_headers() == stack.height()
        stack.mine(1)
        stack.wait_electrum_synced()
        assert verified.sync_headers() == stack.height()  # small replies, each held back by the server
    finally:
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
