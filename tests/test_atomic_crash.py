"""Crash safety: a swap process killed with SIGKILL at any saved step resumes to a completed or
refunded swap on both chains, never one-sided, never with a second lock (one signed transaction per
step, the same hash rebroadcast)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from web3 import Web3
from web3.types import RPCEndpoint

from tests.test_atomic_cli import cli, finish, offer_and_accept, setup_parties, status
from tests.test_atomic_support import CHAIN_A, CHAIN_B, increase_time, nonce_of, w3_of
from wallet.devnet import Devnet

KILLED = -signal.SIGKILL
MATRIX_TIMEOUT_S = 900  # a dozen swaps of two processes each, restarts included, on a shared machine
STEPS = {"initiator": ("lock_a", "claim_b"), "participant": ("approve_b", "lock_b", "claim_a")}
POINTS = ("before_sign", "signed", "sent", "mined")
EXPECTED_ACTIONS = {"initiator": ["lock_a", "claim_b"], "participant": ["approve_b", "lock_b", "claim_a"]}


@contextmanager
def reverted(devnet: Devnet) -> Iterator[None]:
    """Each case of a matrix on fresh chains (the test's own snapshot/revert, as ``chain_state`` does,
    putting back the next block's base fee, which ``evm_revert`` leaves as it was)."""
    saved = [(w3, w3.provider.make_request(RPCEndpoint("evm_snapshot"), [])["result"],
              int(w3.eth.get_block("pending")["baseFeePerGas"]))
             for w3 in (w3_of(devnet, c) for c in (CHAIN_A, CHAIN_B))]
    try:
        yield
    finally:
        for w3, snapshot, base_fee in saved:
            w3.provider.make_request(RPCEndpoint("evm_revert"), [snapshot])
            w3.provider.make_request(RPCEndpoint("anvil_setNextBlockBaseFeePerGas"), [hex(base_fee)])


def transactions(home: Path, devnet: Devnet) -> list[dict[str, object]]:
    txs = status(home, devnet)["transactions"]
    assert isinstance(txs, list)
    return txs


def test_killed_after_signing_a_lock_rebroadcasts_the_same_transaction(chain_state: Devnet, tmp_path: Path) -> None:
    maker_home, maker, taker_home, taker = setup_parties(chain_state, tmp_path)
    acceptance = offer_and_accept(chain_state, maker_home, maker, taker_home, taker)
    finish(cli(maker_home, chain_state, "run", "--acceptance", acceptance, crash_at="lock_a_signed"), KILLED)

    (saved,) = transactions(maker_home, chain_state)
    assert saved["action"] == "lock_a" and saved["result"] is None
    w3 = w3_of(chain_state, CHAIN_A)
    assert w3.eth.get_transaction_count(Web3.to_checksum_address(maker)) == 0  # signed, never broadcast

    taker_run = cli(taker_home, chain_state, "run", "--poll", "0.2", "--timeout", "150")
    finish(cli(maker_home, chain_state, "run", "--poll", "0.2", "--timeout", "150"))
    finish(taker_run)

    maker_txs = transactions(maker_home, chain_state)
    assert [t["action"] for t in maker_txs] == ["lock_a", "claim_b"]
    assert maker_txs[0]["hash"] == saved["hash"] and maker_txs[0]["result"] == "ok"
    mined = w3.eth.get_transaction(Web3.to_bytes(hexstr=str(saved["hash"])))  # type: ignore[arg-type]
    assert mined["nonce"] == 0 and w3.eth.get_transaction_count(Web3.to_checksum_address(maker)) == 1
    assert status(maker_home, chain_state)["outcome"] == status(taker_home, chain_state)["outcome"] == "completed"


def completed_case(devnet: Devnet, tmp_path: Path, role: str, checkpoint: str) -> str:
    """One swap where ``role``'s process is killed at ``checkpoint`` and restarted; the outcome, checked."""
    maker_home, maker, taker_home, taker = setup_parties(devnet, tmp_path)
    acceptance = offer_and_accept(devnet, maker_home, maker, taker_home, taker)
    maker_args = ("run", "--acceptance", acceptance, "--poll", "0.2", "--timeout", "150")
    taker_args = ("run", "--poll", "0.2", "--timeout", "150")
    victim_home, victim_args, other = ((maker_home, maker_args, cli(taker_home, devnet, *taker_args))
                                       if role == "initiator" else
                                       (taker_home, taker_args, cli(maker_home, devnet, *maker_args)))
    finish(cli(victim_home, devnet, *victim_args, crash_at=checkpoint), KILLED)
    finish(cli(victim_home, devnet, *victim_args))  # the acceptance again: the same swap, resumed
    finish(other)
    outcomes = (status(maker_home, devnet)["outcome"], status(taker_home, devnet)["outcome"])
    actions = ([t["action"] for t in transactions(maker_home, devnet)],
               [t["action"] for t in transactions(taker_home, devnet)])
    nonces = (nonce_of(devnet, CHAIN_A, maker), nonce_of(devnet, CHAIN_B, maker),
              nonce_of(devnet, CHAIN_A, taker), nonce_of(devnet, CHAIN_B, taker))
    ok = outcomes == ("completed", "completed") and actions == (EXPECTED_ACTIONS["initiator"],
                                                                EXPECTED_ACTIONS["participant"]) \
        and nonces == (1, 1, 1, 2)
    return f"{'/'.join(str(o) for o in outcomes)}, txs {sum(nonces)}" + ("" if ok else f" WRONG {actions} {nonces}")


@pytest.mark.timeout(MATRIX_TIMEOUT_S)
@pytest.mark.parametrize("role", list(STEPS))
def test_crash_matrix_of_a_completed_swap(devnet: Devnet, tmp_path: Path, role: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for step in STEPS[role]:
        for point in POINTS:
            checkpoint = f"{step}_{point}"
            with reverted(devnet):
                rows.append((checkpoint, completed_case(devnet, tmp_path / checkpoint, role, checkpoint)))
    with capsys.disabled():  # the matrix is the report: shown even when it passes
        print("\nrole         killed at              outcome (initiator/participant)")
        for checkpoint, outcome in rows:
            print(f"{role:<12} {checkpoint:<22} {outcome}")
    assert all("WRONG" not in outcome for _, outcome in rows), rows


@pytest.mark.timeout(MATRIX_TIMEOUT_S)
def test_crash_matrix_of_refunds(devnet: Devnet, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Initiator killed while refunding A (the participant never locked); participant killed while
    refunding B (the initiator never claimed)."""
    rows = []
    for point in POINTS:
        with reverted(devnet):
            maker_home, maker, taker_home, taker = setup_parties(devnet, tmp_path / f"a-{point}")
            acceptance = offer_and_accept(devnet, maker_home, maker, taker_home, taker)
            finish(cli(maker_home, devnet, "run", "--acceptance", acceptance, "--timeout", "3"), 3)
            increase_time(devnet, 24 * 3600)
            finish(cli(maker_home, devnet, "run", crash_at=f"refund_a_{point}"), KILLED)
            finish(cli(maker_home, devnet, "run", "--poll", "0.2", "--timeout", "60"))
            actions = [t["action"] for t in transactions(maker_home, devnet)]
            outcome = status(maker_home, devnet)["outcome"]
            ok = outcome == "refunded" and actions == ["lock_a", "refund_a"] and nonce_of(devnet, CHAIN_A, maker) == 2
            rows.append(("initiator", f"refund_a_{point}", f"{outcome}" + ("" if ok else f" WRONG {actions}")))
        with reverted(devnet):
            maker_home, maker, taker_home, taker = setup_parties(devnet, tmp_path / f"b-{point}")
            acceptance = offer_and_accept(devnet, maker_home, maker, taker_home, taker)
            taker_run = cli(taker_home, devnet, "run", "--poll", "0.2", "--timeout", "150")
            # The initiator locks, then is killed as it signs its claim, and never comes back.
            finish(cli(maker_home, devnet, "run", "--acceptance", acceptance, "--poll", "0.2",
                       crash_at="claim_b_signed"), KILLED)
            taker_run.kill()  # the participant, waiting for a claim that never comes, is killed too
            taker_run.wait()
            increase_time(devnet, 12 * 3600 + 60)
            finish(cli(taker_home, devnet, "run", crash_at=f"refund_b_{point}"), KILLED)
            finish(cli(taker_home, devnet, "run", "--poll", "0.2", "--timeout", "60"))
            actions = [t["action"] for t in transactions(taker_home, devnet)]
            outcome = status(taker_home, devnet)["outcome"]
            ok = outcome == "refunded" and actions == ["approve_b", "lock_b", "refund_b"] \
                and nonce_of(devnet, CHAIN_B, taker) == 3 and nonce_of(devnet, CHAIN_B, maker) == 0
            rows.append(("participant", f"refund_b_{point}", f"{outcome}" + ("" if ok else f" WRONG {actions}")))
    with capsys.disabled():  # the matrix is the report: shown even when it passes
        print("\nrole         killed at              outcome")
        for role, checkpoint, outcome in rows:
            print(f"{role:<12} {checkpoint:<22} {outcome}")
    assert all("WRONG" not in outcome for _, _, outcome in rows), rows
