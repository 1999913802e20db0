"""Atomic swaps with a Litecoin leg (regtest node + ElectrumX) against the EVM devnet, in process:
LTC for the coin of chain 31337 and for an ERC-20 of chain 31338, each side initiating; balances
move as offered, minus fees, on both chains."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.atomic_utxo_support import (
    EVM_AMOUNT,
    LTC,
    LTC_CHAIN,
    SWAP_LTC,
    MixedParty,
    accept_mixed,
    align_clocks,
    coin_for_ltc_offer,
    fund_contract,
    ltc_for_coin_offer,
    ltc_stack,  # noqa: F401
    mine_ltc,
    new_mixed_party,
    run_mixed,
    set_ltc_time,
)
from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_TOKENS,
    chain_now,
    coin_balance,
    dusd,
    increase_time,
    mint,
    token_balance,
)
from tests.utxo_stack import LtcRegtest
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_chains import field_pkh
from wallet.dex.atomic.swap_engine import WAITING_FOR_LOCK
from wallet.dex.atomic.swap_protocol import CLAIM_MARGIN_S, utxo_timelock_a
from wallet.dex.atomic.swap_state import COMPLETED, INITIATOR, MISSED, PARTICIPANT, REFUNDED
from wallet.dex.atomic.utxo_htlc import HtlcContract

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


class Killed(BaseException):
    """Stands for SIGKILL at an engine checkpoint (the event log is all that survives either way)."""


def test_a_claim_signed_before_a_crash_is_not_sent_once_it_would_be_late(chain_state: Devnet,
                                                                        ltc_stack: LtcRegtest,  # noqa: F811
                                                                        tmp_path: Path) -> None:
    """The initiator signs its claim of the Litecoin lock B and dies before sending it; it comes back
    when T_B is less than the claim margin away. Sending the claim then could show the secret after
    the participant may refund B, so the saved claim is dropped unsent, and both sides refund."""
    align_clocks(chain_state, ltc_stack)
    maker = new_mixed_party(chain_state, ltc_stack, tmp_path / "maker.db", ltc_funding=None)
    taker = new_mixed_party(chain_state, ltc_stack, tmp_path / "taker.db")
    taker_ltc = taker.ltc_balance()
    offer = coin_for_ltc_offer(chain_state, maker)
    acceptance = accept_mixed(offer, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)

    def crash_at_claim(name: str) -> None:
        if name == "claim_b_signed":
            raise Killed()

    maker.engine.party.checkpoint = crash_at_claim
    with pytest.raises(Killed):
        run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))
    maker.engine.party.checkpoint = lambda _name: None
    (claim,) = [t for t in maker.engine.record(swap).txs if t.action == "claim_b"]
    lock_b = maker.engine.record(swap).lock_b
    assert lock_b is not None and not claim.sent

    set_ltc_time(ltc_stack, lock_b.timelock - CLAIM_MARGIN_S + 600)  # within the claim margin of T_B
    report = maker.engine.step(swap)
    assert not report.done and maker.engine.record(swap).txs[-1].result == "dropped"
    assert LTC_CHAIN.network is not None
    assert taker.leg.state(lock_b).secret is None  # the secret never left the maker's wallet

    lock_a = maker.engine.record(swap).lock_a
    assert lock_a is not None
    increase_time(chain_state, lock_a.timelock - chain_now(chain_state, CHAIN_A) + 60)  # past T_A
    set_ltc_time(ltc_stack, lock_b.timelock + 3600)  # median-time-past past T_B
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))
    assert [r.state for r in reports] == [REFUNDED, REFUNDED]
    assert [t.action for t in taker.engine.record(swap).txs] == ["lock_b", "refund_b"]
    assert taker_ltc - MAX_UTXO_FEE < taker.ltc_balance() < taker_ltc  # back, less two fees


def test_a_stranger_paying_the_contract_a_little_does_not_end_the_swap(chain_state: Devnet,
                                                                       ltc_stack: LtcRegtest,  # noqa: F811
                                                                       tmp_path: Path) -> None:
    """The Litecoin contract of an offer is public once the offer is: anyone may pay it a few coins
    before the maker does. The participant waits past that payment instead of refusing the swap,
    and takes the maker's real funding when it comes."""
    align_clocks(chain_state, ltc_stack)
    maker = new_mixed_party(chain_state, ltc_stack, tmp_path / "maker.db")
    taker = new_mixed_party(chain_state, ltc_stack, tmp_path / "taker.db", ltc_funding=None)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    swap = taker.engine.begin(PARTICIPANT, offer, acceptance)
    o = offer.offer
    assert o.hashlock is not None
    contract = HtlcContract(o.hashlock, field_pkh(taker.pkh), field_pkh(maker.pkh), utxo_timelock_a(o.expiry))
    fund_contract(ltc_stack, contract, 10_000)  # a stranger's dust-sized payment, mined
    mine_ltc(ltc_stack)
    assert taker.engine.step(swap).state == WAITING_FOR_LOCK
    assert taker.engine.record(swap).outcome is None and taker.engine.record(swap).refusal is None

    maker.engine.begin(INITIATOR, offer, acceptance)
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))
    assert [r.state for r in reports] == [COMPLETED, COMPLETED]


def test_a_participant_away_past_its_claim_window_ends_as_missed(chain_state: Devnet,
                                                                 ltc_stack: LtcRegtest,  # noqa: F811
                                                                 tmp_path: Path) -> None:
    """The participant's app is closed from the moment the maker claims B until after the maker has
    refunded its Litecoin lock A: the swap cannot be saved any more, and it ends as "missed" instead
    of waiting for ever."""
    align_clocks(chain_state, ltc_stack)
    maker = new_mixed_party(chain_state, ltc_stack, tmp_path / "maker.db")
    taker = new_mixed_party(chain_state, ltc_stack, tmp_path / "taker.db", ltc_funding=None)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)
    for _ in range(20):  # both run until the taker has sent its lock B; then the taker's app is closed
        maker.engine.step(swap)
        taker.engine.step(swap)
        if taker.engine.record(swap).attempted("lock_b"):
            break
        mine_ltc(ltc_stack)
    for _ in range(10):  # the maker claims B
        maker.engine.step(swap)
        if maker.engine.record(swap).succeeded("claim_b"):
            break
    lock_a = maker.engine.record(swap).lock_a
    assert lock_a is not None and maker.engine.record(swap).succeeded("claim_b")
    set_ltc_time(ltc_stack, lock_a.timelock + 3600)  # past T_A: the maker takes its LTC back
    align_clocks(chain_state, ltc_stack)
    reports = run_mixed(ltc_stack, (maker.engine, swap))
    assert reports[0].state == COMPLETED and maker.engine.record(swap).succeeded("refund_a")

    (report,) = run_mixed(ltc_stack, (taker.engine, swap))
    assert report.state == MISSED and [t.action for t in taker.engine.record(swap).txs] == ["lock_b"]


def test_the_participant_sees_how_deep_the_litecoin_lock_is_while_it_waits(chain_state: Devnet,
                                                                           ltc_stack: LtcRegtest,  # noqa: F811
                                                                           tmp_path: Path) -> None:
    """Waiting for confirmations can take half an hour on Litecoin: each step says how many the
    counterparty's lock has of those the wallet waits for, until it is found."""
    align_clocks(chain_state, ltc_stack)
    maker = new_mixed_party(chain_state, ltc_stack, tmp_path / "maker.db")
    taker = new_mixed_party(chain_state, ltc_stack, tmp_path / "taker.db", ltc_funding=None, confirmations={LTC: 3})
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)
    maker.engine.step(swap)  # the maker's lock A goes out
    seen = []
    for _ in range(5):
        mine_ltc(ltc_stack)
        report = taker.engine.step(swap)
        seen.append(report.confirmations)
        if taker.engine.record(swap).lock_a is not None:
            break
    assert seen == [(1, 3), (2, 3), None]
