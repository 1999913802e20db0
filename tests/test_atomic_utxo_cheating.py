"""The cheating matrix of the mixed pair (Litecoin regtest against the devnet's chain 31337), both
directions: the offer's maker locks LTC first, or it locks the coin first and the taker locks LTC.

The counterparty acts by hand: it funds its own Litecoin contract through the node's wallet, claims
one with ``utxo_htlc_tx.claim_transaction``, locks and claims on the devnet with ``send_as``. The
honest party runs the engine. In every case it loses nothing: it refuses or gives up before locking
anything, or it refunds its own lock, or the swap completes. A refund on Litecoin is first shown
refused as ``non-final`` — by the node and through the Electrum server — while median-time-past is
before the locktime, even once the tip's own time is past it; then both clocks move on and the
engine's refund is mined. The test prints the matrix."""

from __future__ import annotations

import hashlib
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.atomic_utxo_support import (
    EVM_AMOUNT,
    LTC,
    SWAP_LTC,
    MixedParty,
    accept_mixed,
    align_clocks,
    clocks_together,
    coin_for_ltc_offer,
    confirmations_of,
    fund_contract,
    ltc_for_coin_offer,
    ltc_median_time,
    ltc_now,
    ltc_stack,  # noqa: F401
    mine_ltc,
    new_mixed_party,
    node_reject_reason,
    set_ltc_time,
    swap_private_key,
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
    nonce_of,
    send_as,
    token_balance,
)
from tests.utxo_stack import LtcRegtest
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_calls import encode_claim, encode_lock, lock_value
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, SwapStatus, hashlock_of, swap_id
from wallet.dex.atomic.swap_chains import field_pkh
from wallet.dex.atomic.swap_protocol import LOCK_GRACE_S, utxo_timelock_a, utxo_timelock_b
from wallet.dex.atomic.swap_secret import new_secret, offer_secret, sealing_key
from wallet.dex.atomic.swap_state import ABANDONED, COMPLETED, INITIATOR, PARTICIPANT, REFUNDED, REFUSED
from wallet.dex.atomic.swap_watch import SecretSearch
from wallet.dex.atomic.utxo_htlc import HtlcContract
from wallet.dex.atomic.utxo_htlc_tx import claim_transaction, find_secret, refund_transaction
from wallet.dex.atomic.utxo_leg import p2wpkh

HOUR_S = 3600
STRANGER_PKH = bytes.fromhex("5a" * 20)
MAX_UTXO_FEES = 20_000  # litoshi: a funding and a refund (or a claim), at regtest fee rates
MAX_GAS_COST = 10**16
BY_HAND_RATE = 10.0  # sat/vB of what the counterparty signs by hand
NEEDED_CONFIRMATIONS = 3
TOKEN_SUFFIX = " (DUSD)"


@dataclass(frozen=True)
class Asset:
    """What the EVM leg carries: the coin of 31337, or the ERC-20 DUSD of 31338 (cheats ending
    in " (DUSD)")."""

    chain_id: int
    token: str
    amount: int

    @property
    def native(self) -> bool:
        return self.token == NATIVE_TOKEN


def asset_of(devnet: Devnet, cheat: str) -> tuple[str, Asset]:
    if cheat.endswith(TOKEN_SUFFIX):
        return cheat.removesuffix(TOKEN_SUFFIX), Asset(CHAIN_B, dusd(devnet), SWAP_TOKENS)
    return cheat, Asset(CHAIN_A, NATIVE_TOKEN, EVM_AMOUNT)


def holding(devnet: Devnet, asset: Asset, address: str) -> int:
    if asset.native:
        return coin_balance(devnet, asset.chain_id, address)
    return token_balance(devnet, asset.token, address)


def refunded_all(asset: Asset, lost: int) -> bool:
    """A lock of ``asset`` and its refund cost nothing but gas (paid in the coin)."""
    return 0 < lost < MAX_GAS_COST if asset.native else lost == 0


def actions(party: MixedParty, swap: str) -> list[str]:
    return [t.action for t in party.engine.record(swap).txs]


def steps(stack: LtcRegtest, party: MixedParty, swap: str, count: int = 4) -> str:
    """Up to ``count`` steps of the honest party's swap, a Litecoin block mined between two (its
    Litecoin transactions settle once mined; the devnet mines each transaction by itself)."""
    report = party.engine.step(swap)
    for _ in range(count - 1):
        if report.done:
            break
        mine_ltc(stack)
        report = party.engine.step(swap)
    return report.state


def outcome(state: str, done: list[str], ok: bool, note: str = "") -> str:
    return f"{state}, {' + '.join(done) or 'no transaction'}{note}" + ("" if ok else " WRONG")


def wait_for_depth(stack: LtcRegtest, party: MixedParty, swap: str, funding: str, acted: Callable[[], bool]) -> str:
    """Steps the honest party (``confirmations`` {LTC: 3}) once per block over the counterparty's
    funding until it acts; a note of the depths it waited at and the depth it acted at."""
    waited = []
    for _ in range(NEEDED_CONFIRMATIONS + 2):
        depth = confirmations_of(stack, funding)
        party.engine.step(swap)
        if acted():
            early = waited != list(range(NEEDED_CONFIRMATIONS)) or depth != NEEDED_CONFIRMATIONS
            return f" (waited at {waited} confirmations, acted at {depth})" + (" EARLY" if early else "")
        waited.append(depth)
        mine_ltc(stack)
    return f" (waited at {waited} confirmations, never acted)"


def broadcast_and_step(stack: LtcRegtest, party: MixedParty, swap: str, terms: HtlcTerms, raw: bytes,
                       txid: str) -> str:
    """The counterparty's spend of ``terms``' contract, sent through the node; once the Electrum
    server has it in its mempool, one step of the honest party (before it is mined); that state."""
    stack.rpc("sendrawtransaction", raw.hex())
    for _ in range(50):
        if party.leg.mined(terms, txid) is False:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the Electrum server never showed the transaction in its mempool")
    return party.engine.step(swap).state


def refund_after_non_final(devnet: Devnet, stack: LtcRegtest, party: MixedParty, swap: str,
                           terms: HtlcTerms) -> tuple[bool, str]:
    """The honest party's own Litecoin lock ``terms``, unclaimed. Litecoin's tip is moved just past
    the locktime, median-time-past not: a refund signed by hand is refused as ``non-final`` by the
    node and through the Electrum server, and the engine sends none. Then 11 blocks bring
    median-time-past past it too, the devnet's clock follows, and the engine refunds. Whether the
    refund was non-final until then, and the engine's last state."""
    leg = party.leg.state(terms)
    assert leg.status is SwapStatus.LOCKED and leg.coin is not None
    coin = leg.coin
    by_hand = refund_transaction(coin.txid, coin.index, coin.value, coin.script, swap_private_key(party),
                                 p2wpkh(field_pkh(terms.sender)), BY_HAND_RATE)
    set_ltc_time(stack, terms.timelock + 60, blocks=1)
    early_clock = ltc_median_time(stack) <= terms.timelock < ltc_now(stack)
    node, electrum = node_reject_reason(stack, by_hand.raw), party.leg.broadcast(by_hand.raw)
    steps(stack, party, swap, 2)
    refused_early = early_clock and node == "non-final" and electrum is not None and "non-final" in electrum \
        and not any(a.startswith("refund") for a in actions(party, swap))
    set_ltc_time(stack, terms.timelock + 120)
    align_clocks(devnet, stack)
    assert ltc_median_time(stack) > terms.timelock
    return refused_early, steps(stack, party, swap, 4)


# --- the maker locks LTC first --------------------------------------------------------------------------
def ltc_first_initiator_cheats(devnet: Devnet, stack: LtcRegtest, tmp: Path, cheat: str) -> str:
    """The maker funds lock A on Litecoin by hand; the taker's engine is honest and locks the coin
    (or DUSD) on B."""
    cheat, asset = asset_of(devnet, cheat)
    confirmations = {LTC: NEEDED_CONFIRMATIONS} if cheat == "too few confirmations" else None
    maker = new_mixed_party(devnet, stack, tmp / "m.db", ltc_funding=None)
    taker = new_mixed_party(devnet, stack, tmp / "t.db", ltc_funding=None, confirmations=confirmations)
    if not asset.native:
        mint(devnet, asset.token, taker.address, asset.amount)
    offer = ltc_for_coin_offer(devnet, stack, maker, asset.chain_id, asset.token, asset.amount)
    o = offer.offer
    assert o.hashlock is not None
    swap = taker.engine.begin(PARTICIPANT, offer, accept_mixed(offer, taker))
    start = holding(devnet, asset, taker.address)
    locks = ["lock_b"] if asset.native else ["approve_b", "lock_b"]
    contract = HtlcContract(o.hashlock, field_pkh(taker.pkh), field_pkh(maker.pkh), utxo_timelock_a(o.expiry))
    value = SWAP_LTC
    if cheat == "wrong refund key":
        contract = replace(contract, refund_pkh=STRANGER_PKH)
    elif cheat == "wrong recipient":
        contract = replace(contract, recipient_pkh=STRANGER_PKH)
    elif cheat == "shorter locktime":
        contract = replace(contract, locktime=contract.locktime - 2 * HOUR_S)
    elif cheat == "wrong hash":
        contract = replace(contract, secret_hash=hashlock_of(new_secret()))
    elif cheat == "smaller amount":
        value = SWAP_LTC - 1000
    elif cheat == "locks late":  # 6 h left on A: too little for T_B = T_A - 12 h
        assert taker.engine.step(swap).state == "waiting for the counterparty's lock"
        set_ltc_time(stack, contract.locktime - 6 * HOUR_S, blocks=1)
    funding = fund_contract(stack, contract, value)
    note = ""
    if cheat == "too few confirmations":
        note = wait_for_depth(stack, taker, swap, funding, lambda: taker.engine.record(swap).lock_b is not None)
        lock_b = taker.engine.record(swap).lock_b
        assert lock_b is not None
        secret = offer_secret(sealing_key(maker.signer, None), o.nonce)  # the maker's own, made again
        assert send_as(devnet, maker.signer, asset.chain_id, HTLC_ADDRESS,
                       encode_claim(swap_id(asset.chain_id, HTLC_ADDRESS, lock_b), secret))
    else:
        mine_ltc(stack)
    state = steps(stack, taker, swap, 3)
    if cheat == "never claims":
        lock_b = taker.engine.record(swap).lock_b
        assert lock_b is not None and actions(taker, swap) == locks
        increase_time(devnet, lock_b.timelock - chain_now(devnet, asset.chain_id) + 60)
        state = steps(stack, taker, swap, 3)
    elif state not in (COMPLETED, REFUSED):  # past the offer's expiry and the grace: the taker stops waiting
        set_ltc_time(stack, o.expiry + 2 * LOCK_GRACE_S + 60, blocks=1)
        state = steps(stack, taker, swap, 2)
    done = actions(taker, swap)
    lost = start - holding(devnet, asset, taker.address)
    if cheat == "too few confirmations":
        got = taker.ltc_balance()
        ok = state == COMPLETED and done == [*locks, "claim_a"] and SWAP_LTC - MAX_UTXO_FEES < got < SWAP_LTC \
            and asset.amount <= lost < asset.amount + MAX_GAS_COST and "EARLY" not in note
    elif cheat == "never claims":
        ok = state == REFUNDED and done == [*locks, "refund_b"] and refunded_all(asset, lost)
    else:
        expected = REFUSED if cheat == "locks late" else ABANDONED  # underpaid: waited past, never taken
        ok = state == expected and done == [] and lost == 0 and nonce_of(devnet, asset.chain_id, taker.address) == 0
    return outcome(state, done, ok, note)


def ltc_first_participant_cheats(devnet: Devnet, stack: LtcRegtest, tmp: Path, cheat: str) -> str:
    """The maker's engine is honest and locks LTC on A; the taker locks the coin on B by hand."""
    maker = new_mixed_party(devnet, stack, tmp / "m.db")
    taker = new_mixed_party(devnet, stack, tmp / "t.db", ltc_funding=None)
    offer = ltc_for_coin_offer(devnet, stack, maker)
    swap = maker.engine.begin(INITIATOR, offer, accept_mixed(offer, taker))
    ltc_start, coin_start = maker.ltc_balance(), coin_balance(devnet, CHAIN_A, maker.address)
    steps(stack, maker, swap, 2)
    lock_a = maker.engine.record(swap).lock_a
    assert lock_a is not None and maker.leg.state(lock_a).status is SwapStatus.LOCKED
    terms = HtlcTerms(taker.address, maker.address, NATIVE_TOKEN, EVM_AMOUNT, lock_a.hashlock,
                      chain_now(devnet, CHAIN_A) + 12 * HOUR_S)
    if cheat == "wrong hashlock":
        terms = replace(terms, hashlock=hashlock_of(new_secret()))
    elif cheat == "smaller amount":
        terms = replace(terms, amount=EVM_AMOUNT - 1)
    elif cheat == "timelock too short":
        terms = replace(terms, timelock=chain_now(devnet, CHAIN_A) + HOUR_S // 2)
    if cheat != "never locks":
        assert send_as(devnet, taker.signer, CHAIN_A, HTLC_ADDRESS, encode_lock(terms), lock_value(terms))
    steps(stack, maker, swap, 3)
    claims = ["claim_b"] if cheat in ("never claims A", "claims A late") else []
    claimed_as_expected = actions(maker, swap) == ["lock_a", *claims]
    if cheat == "claims A late":
        return claims_a_late(devnet, stack, maker, taker, swap, claimed_as_expected, ltc_start, coin_start)
    non_final, state = refund_after_non_final(devnet, stack, maker, swap, lock_a)
    done = actions(maker, swap)
    ltc_lost = ltc_start - maker.ltc_balance()
    coin_gained = coin_balance(devnet, CHAIN_A, maker.address) - coin_start
    ok = claimed_as_expected and non_final and done == ["lock_a", *claims, "refund_a"] \
        and 0 < ltc_lost < MAX_UTXO_FEES
    if claims:  # it took B and, the taker never claiming A, took A back too
        ok = ok and state == COMPLETED and EVM_AMOUNT - MAX_GAS_COST < coin_gained < EVM_AMOUNT
    else:
        ok = ok and state == REFUNDED and coin_gained == 0
    return outcome(state, done, ok, ", non-final first" if non_final else ", NOT non-final first")


def claims_a_late(devnet: Devnet, stack: LtcRegtest, maker: MixedParty, taker: MixedParty, swap: str,
                  claimed_b: bool, ltc_start: int, coin_start: int) -> str:
    """The maker has claimed B; the taker claims A by hand only once T_A has passed by the tip's time
    (not yet by median-time-past: the maker cannot refund yet). Seen in the mempool, the claim ends
    the maker's swap as completed: A is gone, nothing is left to refund."""
    rec = maker.engine.record(swap)
    assert rec.lock_a is not None and rec.lock_b is not None
    search = SecretSearch(ChainClient(devnet.chain(CHAIN_A)), HTLC_ADDRESS,
                          swap_id(CHAIN_A, HTLC_ADDRESS, rec.lock_b), rec.lock_b.hashlock, rec.start_block_b)
    found = search.find()  # the taker reads the secret from the maker's claim of B
    assert found is not None
    set_ltc_time(stack, rec.lock_a.timelock + 60, blocks=1)
    align_clocks(devnet, stack)
    coin = maker.leg.state(rec.lock_a).coin
    assert coin is not None and not maker.leg.refund_ready(rec.lock_a)
    claim = claim_transaction(coin.txid, coin.index, coin.value, coin.script, found.preimage,
                              swap_private_key(taker), p2wpkh(field_pkh(taker.pkh)), BY_HAND_RATE)
    pending = broadcast_and_step(stack, maker, swap, rec.lock_a, claim.raw, claim.txid)
    mine_ltc(stack)
    state = steps(stack, maker, swap, 2)
    done = actions(maker, swap)
    ltc_paid = ltc_start - maker.ltc_balance()
    coin_gained = coin_balance(devnet, CHAIN_A, maker.address) - coin_start
    ok = claimed_b and pending == COMPLETED and state == COMPLETED and done == ["lock_a", "claim_b"] \
        and SWAP_LTC < ltc_paid < SWAP_LTC + MAX_UTXO_FEES and EVM_AMOUNT - MAX_GAS_COST < coin_gained < EVM_AMOUNT
    return outcome(state, done, ok, " (its step with the claim of A in the mempool)")


# --- the maker locks the coin first; the taker locks LTC -------------------------------------------------
def coin_first_participant_cheats(devnet: Devnet, stack: LtcRegtest, tmp: Path, cheat: str) -> str:
    """The maker's engine is honest and locks the coin (or DUSD) on A; the taker funds lock B on
    Litecoin by hand."""
    cheat, asset = asset_of(devnet, cheat)
    confirmations = {LTC: NEEDED_CONFIRMATIONS} if cheat == "too few confirmations" else None
    maker = new_mixed_party(devnet, stack, tmp / "m.db", ltc_funding=None, confirmations=confirmations)
    taker = new_mixed_party(devnet, stack, tmp / "t.db", ltc_funding=None)
    if not asset.native:
        mint(devnet, asset.token, maker.address, asset.amount)
    offer = coin_for_ltc_offer(devnet, maker, asset.chain_id, asset.token, asset.amount)
    swap = maker.engine.begin(INITIATOR, offer, accept_mixed(offer, taker))
    start = holding(devnet, asset, maker.address)
    locks = ["lock_a"] if asset.native else ["approve_a", "lock_a"]
    steps(stack, maker, swap, 3)
    lock_a = maker.engine.record(swap).lock_a
    assert lock_a is not None and actions(maker, swap) == locks
    contract = HtlcContract(lock_a.hashlock, field_pkh(maker.pkh), field_pkh(taker.pkh),
                            utxo_timelock_b(lock_a.timelock))
    value = SWAP_LTC
    if cheat == "wrong refund key":
        contract = replace(contract, refund_pkh=STRANGER_PKH)
    elif cheat == "longer locktime":
        contract = replace(contract, locktime=contract.locktime + 2 * HOUR_S)
    elif cheat == "wrong hash":
        contract = replace(contract, secret_hash=hashlock_of(new_secret()))
    elif cheat == "smaller amount":
        value = SWAP_LTC - 1000
    elif cheat == "locks late":  # 30 min left on B: too little to claim it safely
        set_ltc_time(stack, contract.locktime - HOUR_S // 2, blocks=1)
    funding = fund_contract(stack, contract, value)
    if cheat == "too few confirmations":
        note = wait_for_depth(stack, maker, swap, funding, lambda: "claim_b" in actions(maker, swap))
        mine_ltc(stack)
        secret = find_secret(taker.leg.verified, contract.script)  # the taker reads the maker's claim
        assert secret is not None
        assert send_as(devnet, taker.signer, asset.chain_id, HTLC_ADDRESS,
                       encode_claim(swap_id(asset.chain_id, HTLC_ADDRESS, lock_a), secret))
        state = steps(stack, maker, swap, 3)
        got = maker.ltc_balance()
        ok = state == COMPLETED and actions(maker, swap) == [*locks, "claim_b"] \
            and SWAP_LTC - MAX_UTXO_FEES < got < SWAP_LTC and "EARLY" not in note
        return outcome(state, actions(maker, swap), ok, note)
    mine_ltc(stack)
    steps(stack, maker, swap, 3)
    claimed_early = actions(maker, swap) != locks
    increase_time(devnet, lock_a.timelock - chain_now(devnet, asset.chain_id) + 60)
    state = steps(stack, maker, swap, 3)
    done = actions(maker, swap)
    refusal = maker.engine.record(swap).refusal
    refused = refusal is not None if cheat == "locks late" else refusal is None
    ok = not claimed_early and refused and state == REFUNDED and done == [*locks, "refund_a"] \
        and refunded_all(asset, start - holding(devnet, asset, maker.address))
    return outcome(state, done, ok, ", lock B refused" if refusal is not None else "")


def coin_first_initiator_cheats(devnet: Devnet, stack: LtcRegtest, tmp: Path, cheat: str) -> str:
    """The maker locks the coin on A by hand, and never claims B, or claims it late; the taker's
    engine is honest and locks LTC on B."""
    maker = new_mixed_party(devnet, stack, tmp / "m.db", ltc_funding=None)
    taker = new_mixed_party(devnet, stack, tmp / "t.db")
    offer = coin_for_ltc_offer(devnet, maker)
    o = offer.offer
    assert o.hashlock is not None
    swap = taker.engine.begin(PARTICIPANT, offer, accept_mixed(offer, taker))
    ltc_start, coin_start = taker.ltc_balance(), coin_balance(devnet, CHAIN_A, taker.address)
    terms_a = HtlcTerms(maker.address, taker.address, NATIVE_TOKEN, EVM_AMOUNT, o.hashlock,
                        chain_now(devnet, CHAIN_A) + 24 * HOUR_S)
    assert send_as(devnet, maker.signer, CHAIN_A, HTLC_ADDRESS, encode_lock(terms_a), lock_value(terms_a))
    steps(stack, taker, swap, 2)
    lock_b = taker.engine.record(swap).lock_b
    assert lock_b is not None and actions(taker, swap) == ["lock_b"]
    assert taker.leg.state(lock_b).status is SwapStatus.LOCKED
    if cheat == "never claims":
        non_final, state = refund_after_non_final(devnet, stack, taker, swap, lock_b)
        done = actions(taker, swap)
        ok = non_final and state == REFUNDED and done == ["lock_b", "refund_b"] \
            and 0 < ltc_start - taker.ltc_balance() < MAX_UTXO_FEES \
            and coin_balance(devnet, CHAIN_A, taker.address) == coin_start
        return outcome(state, done, ok, ", non-final first" if non_final else ", NOT non-final first")
    # Claims late: T_B has passed by the tip's time, not by median-time-past, so B cannot be refunded
    # yet, and the script has no claim deadline: the maker's claim is valid, and shows the secret.
    set_ltc_time(stack, lock_b.timelock + 60, blocks=1)
    align_clocks(devnet, stack)
    waiting = steps(stack, taker, swap, 1)
    coin = taker.leg.state(lock_b).coin
    assert coin is not None and not taker.leg.refund_ready(lock_b)
    secret = offer_secret(sealing_key(maker.signer, None), o.nonce)
    claim = claim_transaction(coin.txid, coin.index, coin.value, coin.script, secret, swap_private_key(maker),
                              p2wpkh(field_pkh(maker.pkh)), BY_HAND_RATE)
    pending = broadcast_and_step(stack, taker, swap, lock_b, claim.raw, claim.txid)  # its witness shows the secret
    mine_ltc(stack)
    state = steps(stack, taker, swap, 3)
    done = actions(taker, swap)
    coin_gained = coin_balance(devnet, CHAIN_A, taker.address) - coin_start
    ltc_paid = ltc_start - taker.ltc_balance()
    ok = waiting.startswith("waiting") and pending.startswith("claim_a sent") and state == COMPLETED \
        and done == ["lock_b", "claim_a"] and EVM_AMOUNT - MAX_GAS_COST < coin_gained < EVM_AMOUNT \
        and SWAP_LTC < ltc_paid < SWAP_LTC + MAX_UTXO_FEES
    return outcome(state, done, ok, " (its step with the claim of B in the mempool)")


CASES: list[tuple[str, str, str, Callable[[Devnet, LtcRegtest, Path, str], str]]] = [
    *(("LTC first", "initiator cheats", c, ltc_first_initiator_cheats) for c in (
        "wrong refund key", "wrong recipient", "shorter locktime", "wrong hash", "smaller amount", "locks late",
        "too few confirmations", "never claims", "never claims" + TOKEN_SUFFIX)),
    *(("LTC first", "participant cheats", c, ltc_first_participant_cheats) for c in (
        "wrong hashlock", "smaller amount", "timelock too short", "never locks", "never claims A", "claims A late")),
    *(("coin first", "participant cheats", c, coin_first_participant_cheats) for c in (
        "wrong refund key", "longer locktime", "wrong hash", "smaller amount", "locks late",
        "too few confirmations", "wrong hash" + TOKEN_SUFFIX)),
    *(("coin first", "initiator cheats", c, coin_first_initiator_cheats) for c in ("never claims", "claims late")),
]


def test_cheating_counterparty_matrix_with_a_litecoin_leg(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for direction, who, cheat, case in CASES:
        directory = tmp_path / hashlib.sha256(f"{direction}-{who}-{cheat}".encode()).hexdigest()[:12]
        directory.mkdir()
        clocks_together(chain_state, ltc_stack)
        try:
            result = case(chain_state, ltc_stack, directory, cheat)
        except Exception as error:  # the rest of the matrix still runs; the traceback is in the output
            traceback.print_exc()
            result = f"{type(error).__name__}: {error} WRONG"
        rows.append((direction, who, cheat, result))
    with capsys.disabled():  # the matrix is the report: shown even when it passes
        print("\nLTC leg     counterparty        cheat                          honest party's outcome")
        for direction, who, cheat, result in rows:
            print(f"{direction:<11} {who:<19} {cheat:<30} {result}")
    assert all(not result.endswith("WRONG") for *_, result in rows), rows
