"""The playground's Litecoin chain: a real litecoind regtest node and ElectrumX started beside the
anvil chains when ``scripts/bootstrap-utxo`` has installed them, with a faucet; without them the
playground runs its EVM chains as before and says why Litecoin is missing."""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path

import pytest
from embit import bip32
from web3 import Web3

from tests.utxo_stack import REQUIRE_ENV, missing_parts
from wallet.devnet.litecoin import (
    LITECOIN_REGTEST_KEY,
    PIDS_FILE,
    LitecoinToolsMissingError,
    NodeRpcError,
    is_litecoin_stack_process,
)
from wallet.paths import cache_dir
from wallet.services.playground import LITECOIN_WORKDIR_NAME, PlaygroundService, UtxoPlaygroundError
from wallet.utxo.account import LITECOIN_REGTEST_PARAMS, account_from_root
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.networks import LITECOIN_REGTEST
from wallet.utxo.registry import load_utxo_registry
from wallet.utxo.verified import VerifiedElectrum

READY_WAIT_S = 120.0


@pytest.fixture
def tools_present() -> None:
    reason = missing_parts()
    if reason is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but the UTXO stack cannot start: {reason}")
        pytest.skip(f"UTXO stack not available: {reason}")


def _litecoin_pids() -> list[int]:
    pids = json.loads((cache_dir() / LITECOIN_WORKDIR_NAME / PIDS_FILE).read_text(encoding="utf-8"))
    assert isinstance(pids, list)
    return [int(pid) for pid in pids]


def _anvil_pids() -> list[int]:
    manifest = json.loads((cache_dir() / "devnet.json").read_text(encoding="utf-8"))
    return [int(pid) for pid in manifest["pids"].values()]


def _assert_gone(groups: list[int]) -> None:
    """Each process group is empty (its leader, litecoind or ElectrumX, included)."""
    for group in groups:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"process group {group} is still alive")


def _assert_anvil_works(chain_rpc_url: str, chain_id: int) -> None:
    assert Web3(Web3.HTTPProvider(chain_rpc_url)).eth.chain_id == chain_id


def test_playground_runs_litecoin_with_a_faucet(tools_present: None) -> None:
    playground = PlaygroundService()
    try:
        chains = playground.start()
        assert chains and playground.running
        servers = playground.wait_utxo(READY_WAIT_S)
        assert playground.utxo_unavailable_reason() is None
        assert list(servers) == [LITECOIN_REGTEST_KEY]
        assert load_utxo_registry().get(LITECOIN_REGTEST_KEY).genesis_hash == LITECOIN_REGTEST.genesis_hash
        (url,) = servers[LITECOIN_REGTEST_KEY]
        assert url.startswith("tcp://127.0.0.1:")

        # The app's own client reads the server's tip: the faucet's 101 blocks.
        client = ElectrumClient(LITECOIN_REGTEST, [ElectrumServer.parse(url)])
        verified = VerifiedElectrum(client)
        tip = client.request("blockchain.headers.subscribe")
        assert int(tip["height"]) >= 101
        assert verified.sync_headers() == int(tip["height"])

        # The faucet pays a fresh rltc address of a wallet account; the verified client proves the coin.
        account = account_from_root(bip32.HDKey.from_seed(secrets.token_bytes(32)), LITECOIN_REGTEST_PARAMS)
        address, script = account.address(0, 0), account.script(0, 0)
        assert address.startswith("rltc1")
        txid = playground.fund_utxo(LITECOIN_REGTEST_KEY, address, 150_000_000)
        balance = verified.balance(script)
        assert balance.confirmed == 150_000_000 and balance.unconfirmed == 0
        assert [(coin.txid, coin.value) for coin in balance.coins] == [(txid, 150_000_000)]
        assert verified.sync_headers() == int(tip["height"]) + 1  # the faucet mined the block that pays it

        # What the faucet refuses: another chain, an address of another network.
        with pytest.raises(UtxoPlaygroundError, match="no such chain"):
            playground.fund_utxo("bitcoin-regtest", address, 1000)
        with pytest.raises(NodeRpcError, match="sendtoaddress"):
            playground.fund_utxo(LITECOIN_REGTEST_KEY, "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", 1000)
        client.close()

        _assert_anvil_works(chains[0].rpc_urls[0], chains[0].chain_id)
        groups = _litecoin_pids() + _anvil_pids()
        assert len(groups) == 4
    finally:
        playground.stop()
    _assert_gone(groups[:2])
    for pid in groups[2:]:  # anvil is stopped by PID (not a group of its own)
        assert not Path(f"/proc/{pid}").exists() or "anvil" not in Path(f"/proc/{pid}/cmdline").read_text()
    assert not (cache_dir() / LITECOIN_WORKDIR_NAME).exists()
    assert playground.utxo_servers() == {}
    with pytest.raises(UtxoPlaygroundError, match="not running"):
        playground.fund_utxo(LITECOIN_REGTEST_KEY, address, 1000)


def test_stop_while_litecoin_starts_leaves_no_process(tools_present: None) -> None:
    playground = PlaygroundService()
    playground.start()
    try:
        deadline = time.monotonic() + READY_WAIT_S
        while not (cache_dir() / LITECOIN_WORKDIR_NAME / PIDS_FILE).is_file():  # litecoind spawned
            assert time.monotonic() < deadline
            time.sleep(0.01)
        groups = _litecoin_pids()
        assert playground.utxo_servers() == {} or playground.utxo_unavailable_reason() is None
    finally:
        playground.stop()
    _assert_gone(groups)
    assert not any(is_litecoin_stack_process(pid) for pid in groups)
    assert playground.utxo_unavailable_reason() is None  # a stop is not a failure
    assert not playground.running


def test_missing_tools_leave_the_evm_playground_working(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WALLET_LITECOIN_TOOLS", str(tmp_path / "no-tools"))
    playground = PlaygroundService()
    try:
        chains = playground.start()
        _assert_anvil_works(chains[0].rpc_urls[0], chains[0].chain_id)
        assert playground.wait_utxo(0) == {}
        reason = playground.utxo_unavailable_reason()
        assert isinstance(reason, LitecoinToolsMissingError)
        assert "Litecoin Core" in str(reason) and "scripts/bootstrap-utxo" in str(reason)
        with pytest.raises(UtxoPlaygroundError, match="Litecoin Core is not installed"):
            playground.fund_utxo(LITECOIN_REGTEST_KEY, "rltc1qanything", 1000)
    finally:
        playground.stop()
    assert not (cache_dir() / LITECOIN_WORKDIR_NAME).exists()


def test_a_part_that_fails_is_named_with_its_log(tmp_path: Path, tools_present: None) -> None:
    """The real litecoind refuses an unknown option and exits: the error names the part and its log
    (the log's end is a note, not in the message), and nothing is left running."""
    from wallet.devnet.litecoin import LitecoinRegtest, LitecoinStartError

    with pytest.raises(LitecoinStartError) as caught:
        LitecoinRegtest.start(tmp_path, node_args=("-nosuchoption",))
    message = str(caught.value)
    assert "Litecoin node did not start (exited with" in message and str(tmp_path / "litecoind.log") in message
    assert "nosuchoption" in caught.value.log_tail and "nosuchoption" not in message
    assert not any(is_litecoin_stack_process(pid) for pid in json.loads((tmp_path / PIDS_FILE).read_text()))
