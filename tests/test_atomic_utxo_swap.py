"""Atomic swaps with a Litecoin leg (regtest node + ElectrumX) against the EVM devnet, in process:
LTC for the coin of chain 31337 and for an ERC-20 of chain 31338, each side initiating; balances
move as offered, minus fees, on both chains."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.atomic_utxo_support import (
    EVM_AMOUNT,
    LTC,
    SWAP_LTC,
    MixedParty,
    accept_mixed,
    align_clocks,
    coin_for_ltc_offer,
    ltc_for_coin_offer,
    ltc_stack,  # noqa: F401
    new_mixed_party,
    run_mixed,
)
from tests.test_atomic_support import CHAIN_A, CHAIN_B, SWAP_TOKENS, coin_balance, dusd, mint, token_balance
from tests.utxo_stack import LtcRegtest
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_state import COMPLETED, INITIATOR, PARTICIPANT

MAX_UTXO_FEE = 10_000  # litoshi: a funding, a claim at a regtest fee rate
MAX_GAS_COST = 10**16


def evm_holding(devnet: Devnet, chain_id: int, token: str, party: MixedParty) -> int:
    if token == NATIVE_TOKEN:
        return coin_balance(devnet, chain_id, party.address)
    return token_balance(devnet, token, party.address)


@pytest.mark.parametrize("ltc_first", [True, False], ids=["maker-locks-ltc", "maker-locks-evm"])
@pytest.mark.parametrize("asset", ["coin-31337", "erc20-31338"])
def test_litecoin_swaps_with_the_evm_devnet(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                            tmp_path: Path, ltc_first: bool, asset: str) -> None:
    align_clocks(chain_state, ltc_stack)
    chain_id, token, amount = (CHAIN_A, NATIVE_TOKEN, EVM_AMOUNT) if asset == "coin-31337" else \
        (CHAIN_B, dusd(chain_state), SWAP_TOKENS)
    maker = new_mixed_party(chain_state, ltc_stack, tmp_path / "maker.db")
    taker = new_mixed_party(chain_state, ltc_stack, tmp_path / "taker.db")
    evm_payer = taker if ltc_first else maker
    if token != NATIVE_TOKEN:
        mint(chain_state, token, evm_payer.address, amount)
    ltc_before = {id(p): p.ltc_balance() for p in (maker, taker)}
    evm_before = {id(p): evm_holding(chain_state, chain_id, token, p) for p in (maker, taker)}

    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker, chain_b=chain_id, token_b=token, amount_b=amount) \
        if ltc_first else coin_for_ltc_offer(chain_state, maker, chain_a=chain_id, token_a=token, amount_a=amount)
    assert offer.text().startswith("dwswap2o:") and LTC in (offer.offer.chain_a, offer.offer.chain_b)
    acceptance = accept_mixed(offer, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    assert taker.engine.begin(PARTICIPANT, offer, acceptance) == swap
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))

    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    approves = token != NATIVE_TOKEN  # the token's payer approves the contract before locking
    maker_actions = (["approve_a"] if approves and not ltc_first else []) + ["lock_a", "claim_b"]
    taker_actions = (["approve_b"] if approves and ltc_first else []) + ["lock_b", "claim_a"]
    assert [t.action for t in maker.engine.record(swap).txs] == maker_actions
    assert [t.action for t in taker.engine.record(swap).txs] == taker_actions
    ltc_payer, ltc_payee = (maker, taker) if ltc_first else (taker, maker)
    # Litecoin: the payer gave the amount and a funding fee; the payee got it less a claim fee.
    paid_ltc = ltc_before[id(ltc_payer)] - ltc_payer.ltc_balance()
    got_ltc = ltc_payee.ltc_balance() - ltc_before[id(ltc_payee)]
    assert SWAP_LTC < paid_ltc < SWAP_LTC + MAX_UTXO_FEE and SWAP_LTC - MAX_UTXO_FEE < got_ltc < SWAP_LTC
    evm_payee = maker if ltc_first else taker
    gained = evm_holding(chain_state, chain_id, token, evm_payee) - evm_before[id(evm_payee)]
    paid = evm_before[id(evm_payer)] - evm_holding(chain_state, chain_id, token, evm_payer)
    if token == NATIVE_TOKEN:  # less the gas of a claim, plus the gas of a lock
        assert amount - MAX_GAS_COST < gained < amount < paid < amount + MAX_GAS_COST
    else:
        assert gained == paid == amount
