"""Shared by the mixed-pair atomic swap tests (Litecoin regtest against the EVM devnet): parties with
an EVM key and a BIP-84 Litecoin account, offers in both directions, balances, and stepping both
engines while blocks are mined. (No tests here.)"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from embit import bip32  # type: ignore[import-untyped]
from web3.types import RPCEndpoint

from tests.test_atomic_support import CHAIN_A, CHAIN_B, chain_now, fund, w3_of
from tests.utxo_stack import LtcRegtest, missing_parts
from wallet.accounts.hot import HotSigner
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, hashlock_of
from wallet.dex.atomic.swap_chains import pkh_field, utxo_chain_number
from wallet.dex.atomic.swap_engine import StepReport, SwapEngine, SwapParty
from wallet.dex.atomic.swap_offer import Acceptance, Offer, SignedAcceptance, SignedOffer, sign_acceptance, sign_offer
from wallet.dex.atomic.swap_secret import offer_secret, sealing_key
from wallet.dex.atomic.utxo_htlc import HtlcContract, htlc_address
from wallet.dex.atomic.utxo_leg import UtxoLeg
from wallet.store.db import connect
from wallet.store.swaps import SwapStore
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.registry import load_utxo_registry
from wallet.utxo.sync import AccountSync
from wallet.utxo.verified import VerifiedElectrum

LTC_CHAIN = load_utxo_registry().get("litecoin-regtest")
LTC = utxo_chain_number(LTC_CHAIN)
LITOSHI = 10**8
SWAP_LTC = LITOSHI // 2
LTC_FUNDING = "2.0"
EVM_AMOUNT = 10**18


@pytest.fixture(scope="module")
def ltc_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LtcRegtest]:
    """A Litecoin stack of this module's own: its clock is moved for refunds, and other modules'
    stack must not see that."""
    missing = missing_parts()
    if missing is not None:
        pytest.skip(missing)
    stack = LtcRegtest.start(tmp_path_factory.mktemp("ltc-swap"))
    yield stack
    stack.stop()


@dataclass
class MixedParty:
    signer: HotSigner
    leg: UtxoLeg
    engine: SwapEngine

    @property
    def address(self) -> str:
        return self.signer.address(None)

    @property
    def pkh(self) -> str:
        return pkh_field(self.leg.swap_pkh())

    def ltc_balance(self) -> int:
        snapshot = AccountSync(self.leg.verified, self.leg.account).sync()
        return snapshot.confirmed + snapshot.unconfirmed


def new_leg(stack: LtcRegtest, root: object) -> UtxoLeg:
    server = ElectrumServer(*stack.electrum_tcp, tls=False)
    return UtxoLeg(LTC_CHAIN, VerifiedElectrum(ElectrumClient(LTC_CHAIN.network, [server])), root)  # type: ignore[arg-type]


def new_mixed_party(devnet: Devnet, stack: LtcRegtest, db_path: Path, ltc_funding: str | None = LTC_FUNDING,
                    **party: object) -> MixedParty:
    signer = HotSigner(private_key=secrets.token_bytes(32))
    leg = new_leg(stack, bip32.HDKey.from_seed(secrets.token_bytes(32)))
    clients = {c: ChainClient(devnet.chain(c)) for c in (CHAIN_A, CHAIN_B)}

    def signer_for(address: str) -> tuple[HotSigner, None]:
        assert address.lower() == signer.address(None).lower()
        return signer, None

    def utxo(chain_number: int) -> UtxoLeg:
        assert chain_number == LTC
        return leg

    engine = SwapEngine(SwapStore(connect(db_path)), SwapParty(clients.__getitem__, signer_for, utxo=utxo,
                                                               **party))  # type: ignore[arg-type]
    for chain_id in (CHAIN_A, CHAIN_B):
        fund(devnet, chain_id, signer.address(None))
    if ltc_funding is not None:
        stack.rpc("sendtoaddress", leg.account.address(0, 0), ltc_funding, wallet="miner")
        stack.mine(1)
        stack.wait_electrum_synced()
    return MixedParty(signer, leg, engine)


def ltc_now(stack: LtcRegtest) -> int:
    return int(stack.rpc("getblockheader", stack.rpc("getbestblockhash"))["time"])


def align_clocks(devnet: Devnet, stack: LtcRegtest) -> None:
    """The devnet's chains and Litecoin regtest show the same time (other tests move the devnet's
    clock): the later clock wins, the other is moved forward to it."""
    evm = max(chain_now(devnet, c) for c in (CHAIN_A, CHAIN_B))
    ltc = ltc_now(stack)
    if evm > ltc:
        set_ltc_time(stack, evm)
    target = max(evm, ltc)
    for chain_id in (CHAIN_A, CHAIN_B):
        w3 = w3_of(devnet, chain_id)
        if chain_now(devnet, chain_id) < target:
            w3.provider.make_request(RPCEndpoint("evm_setNextBlockTimestamp"), [target])
            w3.provider.make_request(RPCEndpoint("evm_mine"), [])


def set_ltc_time(stack: LtcRegtest, when: int, blocks: int = 11) -> None:
    """Litecoin's clock at ``when``: mocktime, then ``blocks`` blocks so median-time-past follows."""
    stack.rpc("setmocktime", when)
    stack.mine(blocks)
    stack.wait_electrum_synced()


def ltc_for_coin_offer(devnet: Devnet, stack: LtcRegtest, maker: MixedParty, chain_b: int = CHAIN_A,
                       token_b: str = NATIVE_TOKEN, amount_b: int = EVM_AMOUNT,
                       expires_in_s: int = 3600) -> SignedOffer:
    """The maker locks LTC (chain A, the UTXO leg) for the coin or a token of an EVM chain."""
    nonce = secrets.randbits(128)
    hashlock = hashlock_of(offer_secret(sealing_key(maker.signer, None), nonce))
    offer = Offer(LTC, NATIVE_TOKEN, SWAP_LTC, maker.pkh, chain_b, token_b, amount_b, maker.address,
                  ltc_now(stack) + expires_in_s, nonce, hashlock)
    return sign_offer(offer, maker.signer, None)


def coin_for_ltc_offer(devnet: Devnet, maker: MixedParty, chain_a: int = CHAIN_A, token_a: str = NATIVE_TOKEN,
                       amount_a: int = EVM_AMOUNT, expires_in_s: int = 3600) -> SignedOffer:
    """The maker locks the coin (or a token) of an EVM chain for LTC (chain B, the UTXO leg)."""
    nonce = secrets.randbits(128)
    hashlock = hashlock_of(offer_secret(sealing_key(maker.signer, None), nonce))
    offer = Offer(chain_a, token_a, amount_a, maker.address, LTC, NATIVE_TOKEN, SWAP_LTC, maker.pkh,
                  chain_now(devnet, chain_a) + expires_in_s, nonce, hashlock)
    return sign_offer(offer, maker.signer, None)


def accept_mixed(offer: SignedOffer, taker: MixedParty) -> SignedAcceptance:
    ltc_first = offer.offer.chain_a == LTC
    taker_a, taker_b = (taker.pkh, taker.address) if ltc_first else (taker.address, taker.pkh)
    return sign_acceptance(Acceptance(offer.offer_id, taker_a, taker_b), offer.offer, taker.signer, None)


def run_mixed(stack: LtcRegtest, *steps: tuple[SwapEngine, str], max_rounds: int = 40) -> list[StepReport]:
    """Steps each party's swap in turn, mining a Litecoin block after each round (the devnet mines on
    every transaction), until all are finished; a stuck swap fails the test."""
    reports: dict[int, StepReport] = {}
    for _ in range(max_rounds):
        for index, (engine, swap) in enumerate(steps):
            reports[index] = engine.step(swap)
        if all(r.done for r in reports.values()):
            return list(reports.values())
        stack.mine(1)
        stack.wait_electrum_synced()
    raise AssertionError(f"swap not finished: {list(reports.values())}")


# --- a counterparty acting by hand on Litecoin (the cheating matrix) ------------------------------------
def mine_ltc(stack: LtcRegtest, blocks: int = 1) -> None:
    stack.mine(blocks)
    stack.wait_electrum_synced()


def ltc_median_time(stack: LtcRegtest) -> int:
    """The node's median-time-past of its tip (what a time-locked refund is held to)."""
    return int(stack.rpc("getblockchaininfo")["mediantime"])


def clocks_together(devnet: Devnet, stack: LtcRegtest) -> None:
    """``align_clocks``, cheaper when Litecoin's clock is the one behind: it catches up with one block
    (its median-time-past stays behind, which matters only to refunds: their tests move it with
    ``set_ltc_time``), then the devnet is moved forward to it."""
    evm = max(chain_now(devnet, c) for c in (CHAIN_A, CHAIN_B))
    if evm > ltc_now(stack):
        set_ltc_time(stack, evm, blocks=1)
    align_clocks(devnet, stack)


def fund_contract(stack: LtcRegtest, contract: HtlcContract, value: int) -> str:
    """A counterparty's own funding of ``contract``: the node's wallet pays ``value`` litoshi to its
    P2WSH address (not mined yet); the funding's txid."""
    address = htlc_address(contract.script, LTC_CHAIN.network)
    return str(stack.rpc("sendtoaddress", address, f"{Decimal(value) / LITOSHI:.8f}", wallet="miner"))


def confirmations_of(stack: LtcRegtest, txid: str) -> int:
    return int(stack.rpc("getrawtransaction", txid, True).get("confirmations", 0))


def swap_private_key(party: MixedParty) -> bytes:
    """The private key behind the key hash the party names in offers: what it signs with by hand."""
    return party.leg._private_key(party.leg.swap_pkh())


def node_reject_reason(stack: LtcRegtest, raw: bytes) -> str | None:
    """The node's ``testmempoolaccept`` verdict on ``raw``: None if it would be accepted, else why not."""
    verdict = stack.rpc("testmempoolaccept", [raw.hex()])[0]
    return None if verdict["allowed"] else str(verdict["reject-reason"])
