"""The swap engine against hostile Electrum servers, end to end (Litecoin regtest + ElectrumX, the EVM
devnet): a party's Litecoin leg asks a lying server first (``LyingProxy`` in front of the real
ElectrumX) and the honest one second. Whatever the liar says — a funding that does not exist, a
funding worth more than it is, a claim with another secret or no claim at all, a broadcast kept from
its node, headers that do not chain — the party never locks, pays or claims on it: the lie is caught
(and the liar dropped) where it can be proven, and the swap ends on chain as it should, through the
honest server."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.atomic_utxo_support import (
    EVM_AMOUNT,
    SWAP_LTC,
    MixedParty,
    accept_mixed,
    align_clocks,
    coin_for_ltc_offer,
    confirmations_of,
    fund_contract,
    ltc_for_coin_offer,
    ltc_stack,  # noqa: F401
    mine_ltc,
    new_mixed_party,
    run_mixed,
)
from tests.test_atomic_support import CHAIN_A, coin_balance
from tests.utxo_stack import LtcRegtest, LyingProxy, Rewrite
from wallet.devnet import Devnet
from wallet.dex.atomic.swap_chains import field_pkh
from wallet.dex.atomic.swap_engine import WAITING_FOR_LOCK
from wallet.dex.atomic.swap_offer import SignedOffer
from wallet.dex.atomic.swap_protocol import utxo_timelock_a
from wallet.dex.atomic.swap_secret import offer_secret, sealing_key
from wallet.dex.atomic.swap_state import COMPLETED, INITIATOR, PARTICIPANT
from wallet.dex.atomic.utxo_htlc import HtlcContract, p2wsh_script_pubkey
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.errors import AllServersFailedError, InvalidHeaderError, InvalidProofError, ServerCaughtLyingError
from wallet.utxo.networks import LITECOIN_REGTEST
from wallet.utxo.sync import AccountSync
from wallet.utxo.verified import VerifiedElectrum, scripthash

MAX_UTXO_FEE = 10_000  # litoshi: a funding or a claim at a regtest fee rate
MAX_GAS_COST = 10**16


def tcp(address: tuple[str, int]) -> ElectrumServer:
    return ElectrumServer(address[0], address[1], tls=False)


def label(proxy: LyingProxy) -> str:
    return f"{proxy.address[0]}:{proxy.address[1]}"


@pytest.fixture
def liar(ltc_stack: LtcRegtest) -> Iterator[Callable[..., LyingProxy]]:  # noqa: F811
    """Makes ``LyingProxy``s in front of the module's ElectrumX; all closed after the test."""
    made: list[LyingProxy] = []

    def make(rewrite: Rewrite, censor: frozenset[str] = frozenset()) -> LyingProxy:
        made.append(LyingProxy(ltc_stack.electrum_tcp, rewrite, censor=censor))
        return made[-1]

    yield make
    for proxy in made:
        proxy.close()


def behind(party: MixedParty, *servers: tuple[str, int]) -> ElectrumClient:
    """The party's Litecoin leg asks ``servers``, in this order (a view of its own: a fresh client,
    header chain and trust); its client."""
    client = ElectrumClient(LITECOIN_REGTEST, [tcp(s) for s in servers])
    party.leg.verified = VerifiedElectrum(client)
    return client


def behind_liar(party: MixedParty, proxy: LyingProxy, stack: LtcRegtest) -> ElectrumClient:
    """The leg as ``new_leg`` builds it, with two servers: the liar first, the honest ElectrumX second."""
    return behind(party, proxy.address, stack.electrum_tcp)


def honest_ltc(stack: LtcRegtest, party: MixedParty) -> int:
    """The party's Litecoin, read through the honest server alone (a liar must not skew the test's
    own accounting)."""
    client = ElectrumClient(LITECOIN_REGTEST, [tcp(stack.electrum_tcp)])
    try:
        snapshot = AccountSync(VerifiedElectrum(client), party.leg.account).sync()
    finally:
        client.close()
    return snapshot.confirmed + snapshot.unconfirmed


def assert_caught(client: ElectrumClient, proxy: LyingProxy, kind: type[Exception]) -> None:
    reason = client.distrusted[label(proxy)]
    assert isinstance(reason, ServerCaughtLyingError) and isinstance(reason.params["reason"], kind)
    assert proxy.rewritten > 0


def contract_a(offer: SignedOffer, maker: MixedParty, taker: MixedParty) -> HtlcContract:
    """The Litecoin lock A of an LTC-first offer (fixed by the offer)."""
    o = offer.offer
    assert o.hashlock is not None
    return HtlcContract(o.hashlock, field_pkh(taker.pkh), field_pkh(maker.pkh), utxo_timelock_a(o.expiry))


def the_secret(offer: SignedOffer, maker: MixedParty) -> bytes:
    return offer_secret(sealing_key(maker.signer, None), offer.offer.nonce)


@dataclass
class Holdings:
    """Each party's LTC (through the honest server) and coin on chain 31337, before a swap."""

    ltc: dict[int, int]
    coin: dict[int, int]

    @classmethod
    def of(cls, devnet: Devnet, stack: LtcRegtest, *parties: MixedParty) -> Holdings:
        return cls({id(p): honest_ltc(stack, p) for p in parties},
                   {id(p): coin_balance(devnet, CHAIN_A, p.address) for p in parties})

    def assert_swapped(self, devnet: Devnet, stack: LtcRegtest, ltc_payer: MixedParty, ltc_payee: MixedParty) -> None:
        """The LTC went from payer to payee (less a funding and a claim fee), the coin the other way
        (less gas)."""
        paid_ltc = self.ltc[id(ltc_payer)] - honest_ltc(stack, ltc_payer)
        got_ltc = honest_ltc(stack, ltc_payee) - self.ltc[id(ltc_payee)]
        assert SWAP_LTC < paid_ltc < SWAP_LTC + MAX_UTXO_FEE and SWAP_LTC - MAX_UTXO_FEE < got_ltc < SWAP_LTC
        paid_coin = self.coin[id(ltc_payee)] - coin_balance(devnet, CHAIN_A, ltc_payee.address)
        got_coin = coin_balance(devnet, CHAIN_A, ltc_payer.address) - self.coin[id(ltc_payer)]
        assert EVM_AMOUNT - MAX_GAS_COST < got_coin < EVM_AMOUNT < paid_coin < EVM_AMOUNT + MAX_GAS_COST


def parties(devnet: Devnet, stack: LtcRegtest, tmp_path: Path, ltc_first: bool) -> tuple[MixedParty, MixedParty]:
    """Maker and taker; only the one who locks LTC gets LTC to lock."""
    align_clocks(devnet, stack)
    maker = new_mixed_party(devnet, stack, tmp_path / "maker.db", ltc_funding="2.0" if ltc_first else None)
    taker = new_mixed_party(devnet, stack, tmp_path / "taker.db", ltc_funding=None if ltc_first else "2.0")
    return maker, taker


# --- 1. a funding that is not there ------------------------------------------------------------------

@pytest.mark.parametrize("lie", ["made-up-txid", "another-transaction", "in-the-mempool"])
def test_a_made_up_funding_of_the_ltc_lock_is_not_locked_against(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                                tmp_path: Path, liar: Any, lie: str) -> None:
    """The participant's server shows the maker's funding of the Litecoin contract before the maker
    has paid anything: a coin (and history entry) whose transaction does not exist, a real mined
    transaction that pays someone else, or a coin said to be in the mempool. The participant locks
    nothing on it; the first two are proven lies (the liar is dropped), the third is only the
    server's word and a funding is acted on only once mined. When the real funding comes, the swap
    completes."""
    maker, taker = parties(chain_state, ltc_stack, tmp_path, ltc_first=True)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    target = scripthash(p2wsh_script_pubkey(contract_a(offer, maker, taker).script))

    def invented() -> dict[str, Any]:
        tip = ltc_stack.rpc("getblock", ltc_stack.rpc("getbestblockhash"))
        txid, height = {"made-up-txid": (secrets.token_hex(32), tip["height"]),
                        "another-transaction": (tip["tx"][0], tip["height"]),  # the tip's coinbase
                        "in-the-mempool": (secrets.token_hex(32), 0)}[lie]
        return {"tx_hash": txid, "tx_pos": 0, "value": SWAP_LTC, "height": height}

    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if params and params[0] == target and method == "blockchain.scripthash.listunspent":
            return [*result, invented()]
        if params and params[0] == target and method == "blockchain.scripthash.get_history":
            made = invented()
            return [*result, {"tx_hash": made["tx_hash"], "height": made["height"]}]
        return result

    proxy = liar(rewrite)
    client = behind_liar(taker, proxy, ltc_stack)
    before = Holdings.of(chain_state, ltc_stack, maker, taker)
    swap = taker.engine.begin(PARTICIPANT, offer, acceptance)
    for _ in range(2):
        report = taker.engine.step(swap)
        mine_ltc(ltc_stack)
    record = taker.engine.record(swap)
    assert record.lock_a is None and record.lock_b is None and record.txs == [] and record.outcome is None
    assert coin_balance(chain_state, CHAIN_A, taker.address) == before.coin[id(taker)]
    assert proxy.rewritten > 0
    if lie == "in-the-mempool":
        assert report.state.startswith("waiting for confirmations") and label(proxy) not in client.distrusted
    else:
        assert report.state == WAITING_FOR_LOCK
        assert_caught(client, proxy, InvalidProofError)

    assert maker.engine.begin(INITIATOR, offer, acceptance) == swap
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))
    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    assert [t.action for t in taker.engine.record(swap).txs] == ["lock_b", "claim_a"]
    before.assert_swapped(chain_state, ltc_stack, ltc_payer=maker, ltc_payee=taker)


# --- 2. a funding worth more than it is ----------------------------------------------------------------

def test_an_inflated_funding_is_caught_and_not_locked_against(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                             tmp_path: Path, liar: Any) -> None:
    """The contract holds a real, mined payment of half the amount; the participant's server says it
    is the whole amount. The Merkle-proven transaction says otherwise: the liar is dropped, the
    participant waits (a payment below the amount is waited past), and locks only when the maker's
    full funding comes."""
    maker, taker = parties(chain_state, ltc_stack, tmp_path, ltc_first=True)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    contract = contract_a(offer, maker, taker)
    target = scripthash(p2wsh_script_pubkey(contract.script))
    short = fund_contract(ltc_stack, contract, SWAP_LTC // 2)  # a real payment of half the amount, mined
    mine_ltc(ltc_stack)

    def inflate(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.listunspent" and params[0] == target:
            return [{**coin, "value": SWAP_LTC} if coin["tx_hash"] == short else coin for coin in result]
        if method == "blockchain.scripthash.get_balance" and params[0] == target:
            return {**result, "confirmed": max(result["confirmed"], SWAP_LTC)}
        return result

    proxy = liar(inflate)
    client = behind_liar(taker, proxy, ltc_stack)
    before = Holdings.of(chain_state, ltc_stack, maker, taker)
    swap = taker.engine.begin(PARTICIPANT, offer, acceptance)
    assert taker.engine.step(swap).state == WAITING_FOR_LOCK
    record = taker.engine.record(swap)
    assert record.lock_a is None and record.txs == [] and record.outcome is None
    assert_caught(client, proxy, InvalidProofError)

    maker.engine.begin(INITIATOR, offer, acceptance)
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))
    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    lock_a = taker.engine.record(swap).lock_a
    assert lock_a is not None and lock_a.amount == SWAP_LTC
    before.assert_swapped(chain_state, ltc_stack, ltc_payer=maker, ltc_payee=taker)



# --- 3. the claim of lock B, altered or hidden --------------------------------------------------------

@pytest.mark.parametrize("lie", ["another-secret", "claim-hidden"])
def test_the_secret_is_learned_despite_a_server_altering_or_hiding_the_claim(chain_state: Devnet,
                                                                           ltc_stack: LtcRegtest,  # noqa: F811
                                                                           tmp_path: Path, liar: Any,
                                                                           lie: str) -> None:
    """The participant's lock B is on Litecoin; the maker claims it, showing the secret in the claim's
    witness. The participant's first server serves that claim with another secret in the witness
    (outside the transaction id, so the Merkle proof still holds: but no valid spend of the contract
    can carry it, so the server is caught), or leaves the claim out of the contract's history (an
    omission, which cannot be proven: nobody is accused). Either way the participant reads the real
    secret from the honest server and claims A."""
    maker, taker = parties(chain_state, ltc_stack, tmp_path, ltc_first=False)
    offer = coin_for_ltc_offer(chain_state, maker)
    acceptance = accept_mixed(offer, taker)
    secret = the_secret(offer, maker).hex()
    fake = secrets.token_hex(32)

    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if lie == "another-secret" and method == "blockchain.transaction.get" and secret in result:
            return result.replace(secret, fake)
        if lie == "claim-hidden" and method == "blockchain.scripthash.get_history":
            return [e for e in result if secret not in ltc_stack.rpc("getrawtransaction", e["tx_hash"])]
        return result

    proxy = liar(rewrite)
    client = behind_liar(taker, proxy, ltc_stack)
    before = Holdings.of(chain_state, ltc_stack, maker, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))

    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    record = taker.engine.record(swap)
    assert [t.action for t in record.txs] == ["lock_b", "claim_a"] and record.preimage is not None
    assert record.preimage.hex() == secret
    if lie == "another-secret":
        assert_caught(client, proxy, InvalidProofError)
    else:
        assert proxy.rewritten > 0 and client.distrusted == {}
    before.assert_swapped(chain_state, ltc_stack, ltc_payer=taker, ltc_payee=maker)



def test_lock_a_hidden_once_the_participant_has_locked_is_still_claimed(chain_state: Devnet,
                                                                        ltc_stack: LtcRegtest,  # noqa: F811
                                                                        tmp_path: Path, liar: Any) -> None:
    """The participant's first server shows the maker's Litecoin funding until the participant has
    locked B, then leaves it out (an omission: nothing to prove). The maker claims B, so the
    participant knows the secret; it must claim A from what the honest server shows, before T_A."""
    maker, taker = parties(chain_state, ltc_stack, tmp_path, ltc_first=True)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    target = scripthash(p2wsh_script_pubkey(contract_a(offer, maker, taker).script))
    hiding = threading.Event()

    def hide(method: str, params: list[Any], result: Any) -> Any:
        if hiding.is_set() and params and params[0] == target and method in (
                "blockchain.scripthash.listunspent", "blockchain.scripthash.get_history"):
            return []
        return result

    proxy = liar(hide)
    client = behind_liar(taker, proxy, ltc_stack)
    before = Holdings.of(chain_state, ltc_stack, maker, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)
    for _ in range(15):
        maker.engine.step(swap)
        taker.engine.step(swap)
        if taker.engine.record(swap).attempted("lock_b"):
            break
        mine_ltc(ltc_stack)
    assert taker.engine.record(swap).attempted("lock_b")
    hiding.set()
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap), max_rounds=15)

    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    assert [t.action for t in taker.engine.record(swap).txs] == ["lock_b", "claim_a"]
    assert proxy.rewritten > 0 and client.distrusted == {}
    before.assert_swapped(chain_state, ltc_stack, ltc_payer=maker, ltc_payee=taker)

# --- 4. the participant's claim kept from the network -------------------------------------------------

@pytest.mark.parametrize("lie", ["censored", "censored-and-hidden"])
def test_a_server_censoring_the_claim_does_not_stop_it(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                       tmp_path: Path, liar: Any, lie: str) -> None:
    """The participant claims the maker's Litecoin lock A; its first server keeps the claim from its
    node (it passes garbage on instead), and, as such a server would, may also leave the claim out of
    what it shows of the contract. The claim goes out through the honest server, is mined, and the
    participant's swap completes. Censorship cannot be proven: nobody is accused."""
    maker, taker = parties(chain_state, ltc_stack, tmp_path, ltc_first=True)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    secret = the_secret(offer, maker).hex()

    def hide(method: str, params: list[Any], result: Any) -> Any:
        if lie == "censored-and-hidden" and method == "blockchain.scripthash.get_history":
            return [e for e in result if secret not in ltc_stack.rpc("getrawtransaction", e["tx_hash"])]
        return result

    proxy = liar(hide, censor=frozenset({"blockchain.transaction.broadcast"}))
    client = behind_liar(taker, proxy, ltc_stack)
    before = Holdings.of(chain_state, ltc_stack, maker, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap), max_rounds=15)

    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    record = taker.engine.record(swap)
    (claim,) = [t for t in record.txs if t.action == "claim_a"]
    assert confirmations_of(ltc_stack, claim.hash) > 0 and client.distrusted == {}
    before.assert_swapped(chain_state, ltc_stack, ltc_payer=maker, ltc_payee=taker)


# --- 5. headers that do not chain, a tip that is not the served one ------------------------------------

@pytest.mark.parametrize("lie", ["unlinked-header", "false-tip"])
def test_a_false_header_chain_is_never_decided_on(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                  tmp_path: Path, liar: Any, lie: str) -> None:
    """From the moment the swap starts, the participant's server lies about every new block: a header
    that does not link to the one before, or an announced tip that is not the header it serves. The
    maker's Litecoin funding is mined. With that server alone the participant's step fails (the app
    retries it later) and nothing is decided: no lock found, nothing locked. With the honest server
    second, the liar is dropped and the swap completes."""
    maker, taker = parties(chain_state, ltc_stack, tmp_path, ltc_first=True)
    offer = ltc_for_coin_offer(chain_state, ltc_stack, maker)
    acceptance = accept_mixed(offer, taker)
    swap = maker.engine.begin(INITIATOR, offer, acceptance)
    taker.engine.begin(PARTICIPANT, offer, acceptance)
    honest_until = ltc_stack.height()

    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if lie == "unlinked-header" and method == "blockchain.block.headers" \
                and params[0] <= honest_until + 1 < params[0] + result["count"]:
            raw = bytearray.fromhex(result["hex"])
            raw[80 * (honest_until + 1 - params[0]) + 4] ^= 1  # its link to the block before
            return {**result, "hex": raw.hex()}
        if lie == "false-tip" and method == "blockchain.headers.subscribe" and result["height"] > honest_until:
            raw = bytearray.fromhex(result["hex"])
            raw[76] ^= 1  # another nonce: not the header it serves at that height
            return {**result, "hex": raw.hex()}
        return result

    proxy = liar(rewrite)
    before = Holdings.of(chain_state, ltc_stack, maker, taker)
    for _ in range(10):  # the maker locks LTC, and its funding is mined
        maker.engine.step(swap)
        if maker.engine.record(swap).succeeded("lock_a"):
            break
        mine_ltc(ltc_stack)
    assert maker.engine.record(swap).succeeded("lock_a")

    alone = behind(taker, proxy.address)
    (report,) = taker.engine.run([swap], timeout_s=0)
    assert report.state.startswith("retrying") and not report.done
    with pytest.raises(AllServersFailedError):
        taker.engine.step(swap)
    record = taker.engine.record(swap)
    assert record.lock_a is None and record.txs == [] and record.outcome is None
    assert coin_balance(chain_state, CHAIN_A, taker.address) == before.coin[id(taker)]
    assert_caught(alone, proxy, InvalidHeaderError)

    client = behind_liar(taker, proxy, ltc_stack)
    reports = run_mixed(ltc_stack, (maker.engine, swap), (taker.engine, swap))
    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    assert_caught(client, proxy, InvalidHeaderError)
    before.assert_swapped(chain_state, ltc_stack, ltc_payer=maker, ltc_payee=taker)
