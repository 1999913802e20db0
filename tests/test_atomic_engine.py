"""The swap engine on the devnet, both parties in one process (each with its own database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from web3 import Web3
from web3.types import RPCEndpoint

from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_COIN,
    SWAP_TOKENS,
    accept,
    chain_now,
    coin_balance,
    coin_for_token_offer,
    dusd,
    fund,
    increase_time,
    mint,
    new_party,
    nonce_of,
    run_until_done,
    send_as,
    token_balance,
    w3_of,
)
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_calls import ClaimCall, decode_call, encode_claim, encode_lock
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, hashlock_of, swap_id
from wallet.dex.atomic.swap_engine import SwapEngine
from wallet.dex.atomic.swap_errors import FeeReserveError, SwapTxWouldFailError
from wallet.dex.atomic.swap_secret import new_secret
from wallet.dex.atomic.swap_state import ABANDONED, COMPLETED, INITIATOR, PARTICIPANT, REFUNDED
from wallet.dex.atomic.swap_watch import SecretSearch
from wallet.store.db import connect
from wallet.store.swaps import SwapStore


def gas_paid(devnet: Devnet, chain_id: int, tx_hashes: list[str]) -> int:
    w3 = w3_of(devnet, chain_id)
    total = 0
    for tx_hash in tx_hashes:
        receipt = w3.eth.get_transaction_receipt(Web3.to_bytes(hexstr=tx_hash))  # type: ignore[arg-type]
        total += int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])
    return total


def test_coin_for_token_swap_completes_in_process(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    token = dusd(chain_state)
    mint(chain_state, token, taker.address, SWAP_TOKENS)
    before = {(who.address, c): coin_balance(chain_state, c, who.address) for who in (maker, taker)
              for c in (CHAIN_A, CHAIN_B)}
    offer = coin_for_token_offer(chain_state, maker)
    acceptance = accept(offer, taker)
    swap_m = maker.engine.begin(INITIATOR, offer, acceptance)
    swap_t = taker.engine.begin(PARTICIPANT, offer, acceptance)
    assert swap_m == swap_t

    reports = run_until_done((maker.engine, swap_m), (taker.engine, swap_t))

    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    maker_txs = maker.engine.record(swap_m).txs
    taker_txs = taker.engine.record(swap_t).txs
    assert [t.action for t in maker_txs] == ["lock_a", "claim_b"]
    assert [t.action for t in taker_txs] == ["approve_b", "lock_b", "claim_a"]
    assert all(t.result == "ok" for t in maker_txs + taker_txs)
    assert token_balance(chain_state, token, maker.address) == SWAP_TOKENS
    assert token_balance(chain_state, token, taker.address) == 0
    hashes = {(who, c): [t.hash for t in txs if t.chain_id == c]
              for who, txs in (("m", maker_txs), ("t", taker_txs)) for c in (CHAIN_A, CHAIN_B)}
    assert coin_balance(chain_state, CHAIN_A, maker.address) == \
        before[maker.address, CHAIN_A] - SWAP_COIN - gas_paid(chain_state, CHAIN_A, hashes["m", CHAIN_A])
    assert coin_balance(chain_state, CHAIN_A, taker.address) == \
        before[taker.address, CHAIN_A] + SWAP_COIN - gas_paid(chain_state, CHAIN_A, hashes["t", CHAIN_A])
    assert coin_balance(chain_state, CHAIN_B, taker.address) == \
        before[taker.address, CHAIN_B] - gas_paid(chain_state, CHAIN_B, hashes["t", CHAIN_B])
    assert nonce_of(chain_state, CHAIN_A, maker.address) == 1 and nonce_of(chain_state, CHAIN_B, taker.address) == 2


def test_initiator_refunds_when_the_counterparty_never_locks(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    offer = coin_for_token_offer(chain_state, maker)
    swap = maker.engine.begin(INITIATOR, offer, accept(offer, taker))
    start = coin_balance(chain_state, CHAIN_A, maker.address)
    for _ in range(3):
        assert not maker.engine.step(swap).done
    lock = maker.engine.record(swap).lock_a
    assert lock is not None
    assert coin_balance(chain_state, CHAIN_A, maker.address) < start - SWAP_COIN
    increase_time(chain_state, 12 * 3600)
    assert not maker.engine.step(swap).done  # T_A not reached: no refund is sent early
    assert [t.action for t in maker.engine.record(swap).txs] == ["lock_a"]
    increase_time(chain_state, 12 * 3600)
    (report,) = run_until_done((maker.engine, swap))
    assert report.state == REFUNDED
    txs = maker.engine.record(swap).txs
    assert [t.action for t in txs] == ["lock_a", "refund_a"]
    assert coin_balance(chain_state, CHAIN_A, maker.address) == start - gas_paid(chain_state, CHAIN_A,
                                                                                 [t.hash for t in txs])


def test_a_claim_stuck_on_a_low_fee_is_replaced_and_confirms(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    mint(chain_state, dusd(chain_state), taker.address, SWAP_TOKENS)
    offer = coin_for_token_offer(chain_state, maker)
    acceptance = accept(offer, taker)
    swap_m = maker.engine.begin(INITIATOR, offer, acceptance)
    swap_t = taker.engine.begin(PARTICIPANT, offer, acceptance)
    for _ in range(2):  # lock A sent, then seen mined
        maker.engine.step(swap_m)
    for _ in range(8):
        if taker.engine.record(swap_t).succeeded("lock_b"):
            break
        taker.engine.step(swap_t)
    assert [t.action for t in taker.engine.record(swap_t).txs] == ["approve_b", "lock_b"]
    w3 = w3_of(chain_state, CHAIN_B)
    w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [False])
    try:
        maker.engine.step(swap_m)  # signs and sends claim_b at today's fee
        (claim,) = [t for t in maker.engine.record(swap_m).txs if t.action == "claim_b"]
        # Fees jump 1000-fold before it is mined: its max fee no longer covers the base fee.
        w3.provider.make_request(RPCEndpoint("anvil_setNextBlockBaseFeePerGas"), [hex(1000 * 10**9)])
        for _ in range(3):
            w3.provider.make_request(RPCEndpoint("evm_mine"), [])
        assert w3.provider.make_request(RPCEndpoint("eth_getTransactionReceipt"), [claim.hash])["result"] is None
    except BaseException:
        w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [True])
        raise
    try:
        maker.engine.step(swap_m)  # not mined 3 blocks later: replaced with higher fees
        claims = [t for t in maker.engine.record(swap_m).txs if t.action == "claim_b"]
        assert len(claims) == 2 and claims[1].nonce == claims[0].nonce
        w3.provider.make_request(RPCEndpoint("evm_mine"), [])
    finally:
        w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [True])
    reports = run_until_done((maker.engine, swap_m), (taker.engine, swap_t))
    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    results = {t.hash: t.result for t in maker.engine.record(swap_m).txs if t.action == "claim_b"}
    assert results == {claims[0].hash: "dropped", claims[1].hash: "ok"}
    assert token_balance(chain_state, dusd(chain_state), maker.address) == SWAP_TOKENS


def test_the_secret_is_sealed_on_disk_and_the_participant_finds_it_after_a_restart(
        chain_state: Devnet, tmp_path: Path) -> None:
    """The participant's app is down while the initiator claims on B; a new engine over the same
    database (a restart, before T_A) finds the secret on chain B and claims A."""
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    mint(chain_state, dusd(chain_state), taker.address, SWAP_TOKENS)
    offer = coin_for_token_offer(chain_state, maker)
    acceptance = accept(offer, taker)
    swap_m = maker.engine.begin(INITIATOR, offer, acceptance)
    swap_t = taker.engine.begin(PARTICIPANT, offer, acceptance)
    for _ in range(2):
        maker.engine.step(swap_m)
    while not taker.engine.record(swap_t).succeeded("lock_b"):
        taker.engine.step(swap_t)
    # the participant is down from here; the initiator claims B, revealing the secret
    while not maker.engine.record(swap_m).succeeded("claim_b"):
        maker.engine.step(swap_m)
    secret = _claimed_secret(chain_state, maker.engine.record(swap_m).txs[-1].hash)
    assert secret.hex() not in (tmp_path / "maker.db").read_bytes().hex()  # sealed, never plaintext
    assert secret.hex() not in (tmp_path / "maker.db-wal").read_bytes().hex()
    increase_time(chain_state, 6 * 3600)  # hours later, still before T_A
    restarted = SwapEngine(SwapStore(connect(tmp_path / "taker.db")), taker.engine.party)
    (report,) = run_until_done((restarted, swap_t))
    assert report.state == COMPLETED
    record = restarted.record(swap_t)
    assert record.preimage == secret and [t.action for t in record.txs] == ["approve_b", "lock_b", "claim_a"]


def _claimed_secret(devnet: Devnet, claim_hash: str) -> bytes:
    tx = w3_of(devnet, CHAIN_B).eth.get_transaction(Web3.to_bytes(hexstr=claim_hash))  # type: ignore[arg-type]
    call = decode_call(bytes(tx["input"]))
    assert isinstance(call, ClaimCall)
    return call.preimage


def test_no_lock_without_coin_for_a_later_claim_or_refund(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    mint(chain_state, dusd(chain_state), taker.address, SWAP_TOKENS)
    fund(chain_state, CHAIN_A, taker.address, 10**9)  # dust: it could not pay to claim A
    offer = coin_for_token_offer(chain_state, maker)
    acceptance = accept(offer, taker)
    swap_m = maker.engine.begin(INITIATOR, offer, acceptance)
    swap_t = taker.engine.begin(PARTICIPANT, offer, acceptance)
    for _ in range(2):
        maker.engine.step(swap_m)
    with pytest.raises(FeeReserveError) as raised:  # lock A found and audited; B is not locked
        taker.engine.step(swap_t)
    assert raised.value.params["chain"] == chain_state.chain(CHAIN_A).name
    assert taker.engine.record(swap_t).txs == [] and nonce_of(chain_state, CHAIN_B, taker.address) == 0


def test_secret_found_in_a_pending_claim(chain_state: Devnet, tmp_path: Path) -> None:
    claimer = new_party(chain_state, tmp_path / "c.db")
    secret = new_secret()
    terms = HtlcTerms(claimer.address, claimer.address, NATIVE_TOKEN, 1000, hashlock_of(secret),
                      chain_now(chain_state, CHAIN_B) + 3600)
    client = ChainClient(chain_state.chain(CHAIN_B))
    start = client.block_number()
    assert send_as(chain_state, claimer.signer, CHAIN_B, HTLC_ADDRESS, encode_lock(terms), 1000)
    lock_id = swap_id(CHAIN_B, HTLC_ADDRESS, terms)
    search = SecretSearch(client, HTLC_ADDRESS, lock_id, terms.hashlock, start)
    w3 = w3_of(chain_state, CHAIN_B)
    w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [False])
    try:
        data = encode_claim(lock_id, secret)
        tx = {"chainId": CHAIN_B, "nonce": 1, "to": HTLC_ADDRESS, "value": 0, "data": data, "gas": 200_000,
              "gasPrice": 2 * int(w3.eth.gas_price)}
        w3.eth.send_raw_transaction(claimer.signer.sign_transaction(None, tx).raw)
        found = search.find()
    finally:
        w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [True])
    assert found is not None and (found.preimage, found.source) == (secret, "pending")


def test_one_lock_is_never_taken_for_two_swaps(chain_state: Devnet, tmp_path: Path) -> None:
    """Two identical offers between the same two parties: the maker's one lock on A answers one swap;
    the participant must not lock B twice against it."""
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    mint(chain_state, dusd(chain_state), taker.address, 2 * SWAP_TOKENS)
    first, second = coin_for_token_offer(chain_state, maker), coin_for_token_offer(chain_state, maker)
    swap_m = maker.engine.begin(INITIATOR, first, accept(first, taker))
    swap_1 = taker.engine.begin(PARTICIPANT, first, accept(first, taker))
    swap_2 = taker.engine.begin(PARTICIPANT, second, accept(second, taker))
    for _ in range(2):
        maker.engine.step(swap_m)
    for _ in range(3):
        taker.engine.step(swap_1)
        taker.engine.step(swap_2)
    assert taker.engine.record(swap_1).lock_b is not None
    assert taker.engine.record(swap_2).lock_a is None and taker.engine.record(swap_2).txs == []


def test_a_planned_lock_that_cannot_be_sent_is_abandoned_after_the_offer(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    offer = coin_for_token_offer(chain_state, maker)
    swap = maker.engine.begin(INITIATOR, offer, accept(offer, taker))

    def stop_before_signing(name: str) -> None:
        if name == "lock_a_before_sign":
            raise KeyboardInterrupt  # the app stops here: the plan is saved, nothing signed

    maker.engine.party.checkpoint = stop_before_signing
    with pytest.raises(KeyboardInterrupt):
        maker.engine.step(swap)
    maker.engine.party.checkpoint = lambda _name: None
    assert maker.engine.record(swap).lock_a is not None
    fund(chain_state, CHAIN_A, maker.address, 10**15)  # the coin is gone meanwhile
    with pytest.raises(SwapTxWouldFailError):
        maker.engine.step(swap)
    increase_time(chain_state, 2 * 3600 + 60)  # past the offer's expiry and the grace
    assert maker.engine.step(swap).state == ABANDONED
    assert maker.engine.record(swap).txs == [] and nonce_of(chain_state, CHAIN_A, maker.address) == 0
