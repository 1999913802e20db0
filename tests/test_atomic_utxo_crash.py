"""Crash safety of a swap with a Litecoin leg: a swap process killed with SIGKILL at each saved step
of its Litecoin transactions (the lock, the claim, the refund) resumes to a completed or refunded
swap on both chains, with the same transaction broadcast again and never a second funding of the
contract. (The EVM transactions of a mixed swap are the engine's EVM path, which the EVM crash
matrix kills at every step; here each party's Litecoin step is the one killed.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.atomic_utxo_support import LTC_CHAIN, SWAP_LTC, align_clocks, ltc_now, ltc_stack, set_ltc_time  # noqa: F401
from tests.test_atomic_cli import cli, finish, status
from tests.test_atomic_crash import KILLED, POINTS, reverted
from tests.test_atomic_support import CHAIN_A, fund
from tests.test_atomic_utxo_cli import COIN_AMOUNT, make_wallet, mining, swap_cli
from tests.utxo_stack import LtcRegtest
from wallet.devnet import Devnet
from wallet.dex.atomic.swap_state import terms_from_json
from wallet.dex.atomic.utxo_htlc import p2wsh_script_pubkey
from wallet.dex.atomic.utxo_leg import contract_of
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.verified import VerifiedElectrum

MATRIX_TIMEOUT_S = 600
UTXO_STEPS = {"initiator": "lock_a", "participant": "claim_a"}  # the maker locks LTC; the taker claims it


def contract_history(stack: LtcRegtest, lock: dict[str, object]) -> list[str]:
    """The transactions paying or spending the Litecoin contract, as the Electrum server lists them."""
    assert LTC_CHAIN.network is not None
    script = contract_of(terms_from_json(lock)).script
    verified = VerifiedElectrum(ElectrumClient(LTC_CHAIN.network, [ElectrumServer(*stack.electrum_tcp, tls=False)]))
    try:
        return [entry.txid for entry in verified.history(p2wsh_script_pubkey(script))]
    finally:
        verified.client.close()


def parties(devnet: Devnet, stack: LtcRegtest, tmp: Path) -> tuple[Path, Path, list[str], str]:
    """Maker (LTC) and taker (coin of 31337) wallets, the offer made and accepted: homes, the
    ``--electrum`` arguments, the acceptance."""
    align_clocks(devnet, stack)
    maker_home, taker_home = tmp / "maker", tmp / "taker"
    maker, _ = make_wallet(maker_home, stack, "1.0")
    taker, _ = make_wallet(taker_home, stack, None)
    for address in (maker, taker):
        fund(devnet, CHAIN_A, address)
    stack.wait_electrum_synced()
    electrum = swap_cli(maker_home, devnet, stack)
    offer = finish(cli(maker_home, devnet, *electrum, "create-offer", "--account", maker, "--chain-a", LTC_CHAIN.key,
                       "--amount-a", str(SWAP_LTC), "--chain-b", str(CHAIN_A), "--amount-b",
                       str(COIN_AMOUNT))).strip()
    acceptance = finish(cli(taker_home, devnet, *electrum, "accept-offer", offer, "--account", taker)).strip()
    return maker_home, taker_home, electrum, acceptance


def completed_case(devnet: Devnet, stack: LtcRegtest, tmp: Path, role: str, checkpoint: str) -> str:
    maker_home, taker_home, electrum, acceptance = parties(devnet, stack, tmp)
    maker_args = (*electrum, "run", "--acceptance", acceptance, "--poll", "0.3", "--timeout", "150")
    taker_args = (*electrum, "run", "--poll", "0.3", "--timeout", "150")
    with mining(stack):
        victim_home, victim_args, other = ((maker_home, maker_args, cli(taker_home, devnet, *taker_args))
                                           if role == "initiator" else
                                           (taker_home, taker_args, cli(maker_home, devnet, *maker_args)))
        finish(cli(victim_home, devnet, *victim_args, crash_at=checkpoint), KILLED)
        finish(cli(victim_home, devnet, *victim_args))
        finish(other)
    maker_swap, taker_swap = status(maker_home, devnet), status(taker_home, devnet)
    actions = ([t["action"] for t in maker_swap["transactions"]],  # type: ignore[attr-defined]
               [t["action"] for t in taker_swap["transactions"]])  # type: ignore[attr-defined]
    lock_a = maker_swap["lock_a"]
    assert isinstance(lock_a, dict)
    on_chain = contract_history(stack, lock_a)  # one funding, one claim
    saved = {t["hash"] for s in (maker_swap, taker_swap) for t in s["transactions"]  # type: ignore[attr-defined]
             if t["action"] in ("lock_a", "claim_a")}
    ok = (maker_swap["outcome"], taker_swap["outcome"]) == ("completed", "completed") \
        and actions == (["lock_a", "claim_b"], ["lock_b", "claim_a"]) and len(on_chain) == 2 and set(on_chain) == saved
    return f"completed/completed, {len(on_chain)} Litecoin txs" + ("" if ok else f" WRONG {actions} {on_chain}")


def refund_case(devnet: Devnet, stack: LtcRegtest, tmp: Path, point: str) -> str:
    """The taker never locks; the maker, refunding its Litecoin after the timelock, is killed at ``point``."""
    maker_home, _taker_home, electrum, acceptance = parties(devnet, stack, tmp)
    with mining(stack):
        finish(cli(maker_home, devnet, *electrum, "run", "--acceptance", acceptance, "--poll", "0.3",
                   "--timeout", "4"), 3)
    lock_a = status(maker_home, devnet)["lock_a"]
    assert isinstance(lock_a, dict)
    set_ltc_time(stack, int(lock_a["timelock"]) + 3600)  # median-time-past past the locktime
    align_clocks(devnet, stack)
    with mining(stack):
        finish(cli(maker_home, devnet, *electrum, "run", "--poll", "0.3", crash_at=f"refund_a_{point}"), KILLED)
        finish(cli(maker_home, devnet, *electrum, "run", "--poll", "0.3", "--timeout", "60"))
    swap = status(maker_home, devnet)
    actions = [t["action"] for t in swap["transactions"]]  # type: ignore[attr-defined]
    on_chain = contract_history(stack, lock_a)
    ok = swap["outcome"] == "refunded" and actions == ["lock_a", "refund_a"] and len(on_chain) == 2
    return f"{swap['outcome']}, {len(on_chain)} Litecoin txs" + ("" if ok else f" WRONG {actions} {on_chain}")


@pytest.mark.timeout(MATRIX_TIMEOUT_S)
def test_crash_matrix_of_the_litecoin_leg(devnet: Devnet, ltc_stack: LtcRegtest, tmp_path: Path,  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for role, step in UTXO_STEPS.items():
        for point in POINTS:
            checkpoint = f"{step}_{point}"
            with reverted(devnet):
                rows.append((role, checkpoint, completed_case(devnet, ltc_stack, tmp_path / checkpoint, role,
                                                              checkpoint)))
    for point in POINTS:
        with reverted(devnet):
            rows.append(("initiator", f"refund_a_{point}", refund_case(devnet, ltc_stack, tmp_path / f"r-{point}",
                                                                       point)))
    with capsys.disabled():  # the matrix is the report: shown even when it passes
        print("\nrole         killed at              outcome (Litecoin leg)")
        for role, checkpoint, outcome in rows:
            print(f"{role:<12} {checkpoint:<22} {outcome}")
    assert all("WRONG" not in outcome for _, _, outcome in rows), json.dumps(rows)
