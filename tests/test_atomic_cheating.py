"""A cheating counterparty, acting by hand on the devnet, against the honest party's engine: in every
case the honest party loses nothing (it refuses to lock, or it refunds). The test prints the matrix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from eth_abi.abi import encode

from tests.test_atomic_crash import reverted
from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_COIN,
    SWAP_TOKENS,
    Party,
    accept,
    chain_now,
    coin_balance,
    coin_for_token_offer,
    dusd,
    increase_time,
    mint,
    new_party,
    nonce_of,
    send_as,
    token_balance,
)
from wallet.chains.address import keccak256
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_calls import encode_claim, encode_lock, lock_value
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, hashlock_of, swap_id
from wallet.dex.atomic.swap_secret import new_secret
from wallet.dex.atomic.swap_state import INITIATOR, PARTICIPANT
from wallet.dex.atomic.swap_watch import SecretSearch

HOUR_S = 3600
STRANGER = "0x" + "5a" * 20
APPROVE = keccak256(b"approve(address,uint256)")[:4]


def approve(devnet: Devnet, party: Party, chain_id: int, token: str, amount: int) -> None:
    assert send_as(devnet, party.signer, chain_id, token, APPROVE + encode(["address", "uint256"],
                                                                         [HTLC_ADDRESS, amount]))


def steps(party: Party, swap: str, count: int = 4) -> str:
    report = party.engine.step(swap)
    for _ in range(count - 1):
        if report.done:
            break
        report = party.engine.step(swap)
    return report.state


# --- the initiator cheats; the participant is honest -------------------------------------------------
def initiator_cheat(devnet: Devnet, tmp: Path, cheat: str) -> str:
    maker, taker = new_party(devnet, tmp / "m.db"), new_party(devnet, tmp / "t.db")
    token_b = dusd(devnet)
    mint(devnet, token_b, taker.address, SWAP_TOKENS)
    offer = coin_for_token_offer(devnet, maker)
    swap = taker.engine.begin(PARTICIPANT, offer, accept(offer, taker))
    taker_coin = (coin_balance(devnet, CHAIN_A, taker.address), coin_balance(devnet, CHAIN_B, taker.address))
    secret = new_secret()
    terms = HtlcTerms(maker.address, taker.address, NATIVE_TOKEN, SWAP_COIN, hashlock_of(secret),
                      chain_now(devnet, CHAIN_A) + 24 * HOUR_S)
    chain = CHAIN_A
    if cheat == "smaller amount":
        terms = replace(terms, amount=SWAP_COIN - 1)
    elif cheat == "wrong token":
        token_a = devnet.chain(CHAIN_A).usd_token
        assert token_a is not None
        mint(devnet, token_a.address, maker.address, SWAP_COIN, CHAIN_A)
        approve(devnet, maker, CHAIN_A, token_a.address, SWAP_COIN)
        terms = replace(terms, token=token_a.address)
    elif cheat == "wrong recipient":
        terms = replace(terms, recipient=STRANGER)
    elif cheat == "timelock too short":
        terms = replace(terms, timelock=chain_now(devnet, CHAIN_A) + 6 * HOUR_S)
    elif cheat == "lock on the wrong chain":
        chain = CHAIN_B
    if cheat not in ("never locks",):
        assert send_as(devnet, maker.signer, chain, HTLC_ADDRESS, encode_lock(terms), lock_value(terms))
    if cheat in ("never claims", "claims late"):
        state = steps(taker, swap)
        lock_b = taker.engine.record(swap).lock_b
        assert lock_b is not None and [t.action for t in taker.engine.record(swap).txs] == ["approve_b", "lock_b"]
        increase_time(devnet, 12 * HOUR_S + 60)
        if cheat == "claims late":  # reverts (T_B passed), but its calldata shows the secret
            assert not send_as(devnet, maker.signer, CHAIN_B, HTLC_ADDRESS,
                               encode_claim(swap_id(CHAIN_B, HTLC_ADDRESS, lock_b), secret))
    state = steps(taker, swap)
    if not taker.engine.step(swap).done:
        increase_time(devnet, 4 * HOUR_S)  # past the offer's expiry and the grace: the participant stops waiting
        state = steps(taker, swap)
    actions = [t.action for t in taker.engine.record(swap).txs]
    tokens = token_balance(devnet, token_b, taker.address)
    coin_a = coin_balance(devnet, CHAIN_A, taker.address)
    if cheat in ("never claims",):
        ok = state == "refunded" and actions == ["approve_b", "lock_b", "refund_b"] and tokens == SWAP_TOKENS
    elif cheat == "claims late":  # the secret leaked: the participant takes A and refunds B
        ok = state == "completed" and actions == ["approve_b", "lock_b", "claim_a", "refund_b"] \
            and tokens == SWAP_TOKENS and coin_a > taker_coin[0] + SWAP_COIN - 10**16
    else:  # refused or gave up: nothing locked, nothing spent
        ok = state in ("refused", "abandoned") and actions == [] and tokens == SWAP_TOKENS \
            and (nonce_of(devnet, CHAIN_A, taker.address), nonce_of(devnet, CHAIN_B, taker.address)) == (0, 0) \
            and (coin_balance(devnet, CHAIN_A, taker.address), coin_balance(devnet, CHAIN_B, taker.address)) \
            == taker_coin
    return f"{state}, {' + '.join(actions) or 'no transaction'}" + ("" if ok else " WRONG")


# --- the participant cheats; the initiator is honest -------------------------------------------------
def participant_cheat(devnet: Devnet, tmp: Path, cheat: str) -> str:
    maker, taker = new_party(devnet, tmp / "m.db"), new_party(devnet, tmp / "t.db")
    token_b = dusd(devnet)
    mint(devnet, token_b, taker.address, SWAP_TOKENS)
    offer = coin_for_token_offer(devnet, maker)
    swap = maker.engine.begin(INITIATOR, offer, accept(offer, taker))
    start = coin_balance(devnet, CHAIN_A, maker.address)
    steps(maker, swap, 2)
    lock_a = maker.engine.record(swap).lock_a
    assert lock_a is not None
    terms = HtlcTerms(taker.address, maker.address, token_b, SWAP_TOKENS, lock_a.hashlock,
                      chain_now(devnet, CHAIN_B) + 12 * HOUR_S)
    if cheat == "wrong hashlock":
        terms = replace(terms, hashlock=hashlock_of(new_secret()))
    elif cheat == "smaller amount":
        terms = replace(terms, amount=SWAP_TOKENS - 1)
    elif cheat == "timelock too short":
        terms = replace(terms, timelock=chain_now(devnet, CHAIN_B) + HOUR_S // 2)
    if cheat != "never locks":
        approve(devnet, taker, CHAIN_B, token_b, terms.amount)
        assert send_as(devnet, taker.signer, CHAIN_B, HTLC_ADDRESS, encode_lock(terms))
    state = steps(maker, swap)
    claimed_early = [t.action for t in maker.engine.record(swap).txs] != ["lock_a"]
    increase_time(devnet, 24 * HOUR_S + 60)
    state = steps(maker, swap)
    txs = maker.engine.record(swap).txs
    ok = not claimed_early and state == "refunded" and [t.action for t in txs] == ["lock_a", "refund_a"] \
        and start - coin_balance(devnet, CHAIN_A, maker.address) < 10**16  # only gas
    return f"{state}, {' + '.join(t.action for t in txs)}" + ("" if ok else " WRONG")


CASES: list[tuple[str, str, Callable[[Devnet, Path, str], str]]] = [
    *(("initiator cheats", c, initiator_cheat) for c in (
        "smaller amount", "wrong token", "wrong recipient", "timelock too short", "lock on the wrong chain",
        "never locks", "never claims", "claims late")),
    *(("participant cheats", c, participant_cheat) for c in (
        "wrong hashlock", "smaller amount", "timelock too short", "never locks")),
]


def test_cheating_counterparty_matrix(devnet: Devnet, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for who, cheat, case in CASES:
        with reverted(devnet):
            directory = tmp_path / f"{who}-{cheat}".replace(" ", "-")
            directory.mkdir()
            rows.append((who, cheat, case(devnet, directory, cheat)))
    with capsys.disabled():  # the matrix is the report: shown even when it passes
        print("\ncounterparty        cheat                     honest party's outcome")
        for who, cheat, outcome in rows:
            print(f"{who:<19} {cheat:<25} {outcome}")
    assert all(not outcome.endswith("WRONG") for _, _, outcome in rows), rows


def test_secret_found_in_a_reverted_claims_calldata(chain_state: Devnet, tmp_path: Path) -> None:
    """A claim that runs out of gas emits no event, but its calldata carries the secret."""
    claimer = new_party(chain_state, tmp_path / "c.db")
    secret = new_secret()
    terms = HtlcTerms(claimer.address, claimer.address, NATIVE_TOKEN, 1000, hashlock_of(secret),
                      chain_now(chain_state, CHAIN_B) + HOUR_S)
    client = ChainClient(chain_state.chain(CHAIN_B))
    start = client.block_number()
    assert send_as(chain_state, claimer.signer, CHAIN_B, HTLC_ADDRESS, encode_lock(terms), 1000)
    lock_id = swap_id(CHAIN_B, HTLC_ADDRESS, terms)
    search = SecretSearch(client, HTLC_ADDRESS, lock_id, terms.hashlock, start)
    assert search.find() is None
    assert not send_as(chain_state, claimer.signer, CHAIN_B, HTLC_ADDRESS, encode_claim(lock_id, secret), gas=30_000)
    found = search.find()
    assert found is not None and (found.preimage, found.source) == (secret, "calldata")
