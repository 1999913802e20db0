"""Two separate processes, each with its own wallet directory, swap through the headless command
line: coin on chain 31337 for an ERC-20 on chain 31338."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from web3 import Web3

from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_COIN,
    SWAP_TOKENS,
    coin_balance,
    dusd,
    fund,
    increase_time,
    mint,
    nonce_of,
    token_balance,
    w3_of,
)
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.keys.mnemonic import generate_mnemonic
from wallet.keys.vault import KdfParams
from wallet.paths import PROJECT_ROOT
from wallet.services.hot_wallet import HotWalletService
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

PASSWORD = "atomic swap test password 7 horses!"  # a throwaway test wallet
RUN_TIMEOUT_S = 180


def make_wallet(home: Path) -> str:
    """A hot wallet in ``home`` (as the app lays it out); returns its first address."""
    data = home / "data"
    data.mkdir(parents=True)
    service = HotWalletService(AccountStore(connect(data / "wallet.sqlite3")), data / "hot-vault.json",
                               kdf=KdfParams(n=2**12))
    account = service.create(generate_mnemonic(), "", PASSWORD, "Main")
    service.lock()
    return account.address


def cli(home: Path, devnet: Devnet, *args: str, crash_at: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "WALLET_HOME": str(home), "WALLET_PASSWORD": PASSWORD}
    env.pop("WALLET_ATOMIC_CRASH_AT", None)
    if crash_at is not None:
        env["WALLET_ATOMIC_CRASH_AT"] = crash_at
    assert devnet.manifest_path is not None
    return subprocess.Popen([sys.executable, "-m", "wallet.dex.atomic", "--chains", str(devnet.manifest_path), *args],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], expected_rc: int = 0) -> str:
    out, err = process.communicate(timeout=RUN_TIMEOUT_S)
    assert process.returncode == expected_rc, f"rc={process.returncode}\nstdout:\n{out}\nstderr:\n{err}"
    return out


def status(home: Path, devnet: Devnet) -> dict[str, object]:
    (line,) = finish(cli(home, devnet, "status")).splitlines()
    swap: dict[str, object] = json.loads(line)
    return swap


def paid(devnet: Devnet, chain_id: int, txs: list[dict[str, object]]) -> int:
    w3 = w3_of(devnet, chain_id)
    total = 0
    for tx in (t for t in txs if t["chain_id"] == chain_id):
        receipt = w3.eth.get_transaction_receipt(Web3.to_bytes(hexstr=str(tx["hash"])))  # type: ignore[arg-type]
        total += int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])
    return total


def setup_parties(devnet: Devnet, tmp_path: Path) -> tuple[Path, str, Path, str]:
    maker_home, taker_home = tmp_path / "maker", tmp_path / "taker"
    maker, taker = make_wallet(maker_home), make_wallet(taker_home)
    for address in (maker, taker):
        for chain_id in (CHAIN_A, CHAIN_B):
            fund(devnet, chain_id, address)
    mint(devnet, dusd(devnet), taker, SWAP_TOKENS)
    return maker_home, maker, taker_home, taker


def offer_and_accept(devnet: Devnet, maker_home: Path, maker: str, taker_home: Path, taker: str) -> str:
    offer = finish(cli(maker_home, devnet, "create-offer", "--account", maker, "--chain-a", str(CHAIN_A),
                       "--token-a", "native", "--amount-a", str(SWAP_COIN), "--chain-b", str(CHAIN_B),
                       "--token-b", dusd(devnet), "--amount-b", str(SWAP_TOKENS))).strip()
    return finish(cli(taker_home, devnet, "accept-offer", offer, "--account", taker)).strip()


def test_two_processes_swap_coin_for_token(chain_state: Devnet, tmp_path: Path) -> None:
    maker_home, maker, taker_home, taker = setup_parties(chain_state, tmp_path)
    token = dusd(chain_state)
    before = {(a, c): coin_balance(chain_state, c, a) for a in (maker, taker) for c in (CHAIN_A, CHAIN_B)}
    acceptance = offer_and_accept(chain_state, maker_home, maker, taker_home, taker)

    taker_run = cli(taker_home, chain_state, "run", "--poll", "0.2", "--timeout", "150")
    maker_run = cli(maker_home, chain_state, "run", "--acceptance", acceptance, "--poll", "0.2", "--timeout", "150")
    finish(maker_run)
    finish(taker_run)

    maker_swap, taker_swap = status(maker_home, chain_state), status(taker_home, chain_state)
    assert maker_swap["outcome"] == taker_swap["outcome"] == "completed"
    maker_txs = maker_swap["transactions"]
    taker_txs = taker_swap["transactions"]
    assert isinstance(maker_txs, list) and isinstance(taker_txs, list)
    assert [t["action"] for t in maker_txs] == ["lock_a", "claim_b"]
    assert [t["action"] for t in taker_txs] == ["approve_b", "lock_b", "claim_a"]
    # 2 locks + 2 claims + 1 approval, and nothing else from either account
    assert (nonce_of(chain_state, CHAIN_A, maker), nonce_of(chain_state, CHAIN_B, maker)) == (1, 1)
    assert (nonce_of(chain_state, CHAIN_A, taker), nonce_of(chain_state, CHAIN_B, taker)) == (1, 2)
    assert token_balance(chain_state, token, maker) == SWAP_TOKENS
    assert token_balance(chain_state, token, taker) == 0
    for address, txs, coin_delta in ((maker, maker_txs, -SWAP_COIN), (taker, taker_txs, SWAP_COIN)):
        assert coin_balance(chain_state, CHAIN_A, address) == \
            before[address, CHAIN_A] + coin_delta - paid(chain_state, CHAIN_A, txs)
        assert coin_balance(chain_state, CHAIN_B, address) == before[address, CHAIN_B] - paid(chain_state, CHAIN_B, txs)


def test_offer_is_shown_decoded_and_an_expired_one_is_refused(chain_state: Devnet, tmp_path: Path) -> None:
    maker_home, maker, taker_home, taker = setup_parties(chain_state, tmp_path)
    offer = finish(cli(maker_home, chain_state, "create-offer", "--account", maker, "--chain-a", str(CHAIN_A),
                       "--amount-a", str(SWAP_COIN), "--chain-b", str(CHAIN_B), "--token-b", dusd(chain_state),
                       "--amount-b", str(SWAP_TOKENS), "--expires-in", "600")).strip()
    shown = json.loads(finish(cli(taker_home, chain_state, "show-offer", offer)))
    assert shown["maker_gives"] == {"chain": chain_state.chain(CHAIN_A).name, "chain_id": CHAIN_A, "asset": "ETH",
                                         "token": NATIVE_TOKEN, "amount": "2", "amount_raw": str(SWAP_COIN),
                                         "locked_by": "maker"}
    assert (shown["maker_gets"]["asset"], shown["maker_gets"]["amount"], shown["maker_gets"]["paid_to"]) == \
        ("DUSD", "3000", maker)
    increase_time(chain_state, 601)
    refused = cli(taker_home, chain_state, "accept-offer", offer, "--account", taker)
    out, err = refused.communicate(timeout=RUN_TIMEOUT_S)
    assert refused.returncode == 1 and "expired" in err and out == ""
    expires = datetime.fromisoformat(shown["expires_utc"]).isoformat()
    assert f"expired at {expires} (chain time)" in err  # a time, not unix seconds
    assert finish(cli(taker_home, chain_state, "status")) == ""  # no swap was started
