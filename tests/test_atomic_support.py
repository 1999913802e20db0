"""Shared by the atomic swap tests: funded parties on the devnet, balances and transaction counts.
(No tests here.)"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from eth_abi.abi import encode
from web3 import Web3
from web3.types import RPCEndpoint

from wallet.accounts.hot import HotSigner
from wallet.chains.address import keccak256
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_engine import StepReport, SwapEngine, SwapParty
from wallet.dex.atomic.swap_offer import Acceptance, Offer, SignedAcceptance, SignedOffer, sign_acceptance, sign_offer
from wallet.store.db import connect
from wallet.store.swaps import SwapStore

CHAIN_A, CHAIN_B = 31337, 31338
COIN = 10**18
SWAP_COIN = 2 * COIN
SWAP_TOKENS = 3_000 * 10**6  # DUSD has 6 decimals
FUNDING = 10 * COIN


def w3_of(devnet: Devnet, chain_id: int) -> Web3:
    return Web3(Web3.HTTPProvider(devnet.chain(chain_id).rpc_urls[0]))


def dusd(devnet: Devnet) -> str:
    chain = devnet.chain(CHAIN_B)
    assert chain.usd_token is not None
    return chain.usd_token.address


def fund(devnet: Devnet, chain_id: int, address: str, coin: int = FUNDING) -> None:
    w3_of(devnet, chain_id).provider.make_request(RPCEndpoint("anvil_setBalance"), [address, hex(coin)])


def mint(devnet: Devnet, token: str, to: str, amount: int, chain_id: int = CHAIN_B) -> None:
    w3 = w3_of(devnet, chain_id)
    data = keccak256(b"mint(address,uint256)")[:4] + encode(["address", "uint256"], [to, amount])
    tx = w3.eth.send_transaction({"from": w3.eth.accounts[0], "to": token, "data": data,
                                  "gas": 200_000})
    assert w3.eth.wait_for_transaction_receipt(tx)["status"] == 1


def send_as(devnet: Devnet, signer: HotSigner, chain_id: int, to: str, data: bytes, value: int = 0,
            gas: int = 300_000) -> bool:
    """A transaction signed by ``signer`` (a counterparty acting outside the engine); True if it succeeded."""
    w3 = w3_of(devnet, chain_id)
    sender = signer.address(None)
    tx = {"chainId": chain_id, "nonce": w3.eth.get_transaction_count(Web3.to_checksum_address(sender)), "to": to,
          "value": value, "data": data, "gas": gas, "gasPrice": 2 * int(w3.eth.gas_price)}
    tx_hash = w3.eth.send_raw_transaction(signer.sign_transaction(None, tx).raw)
    return int(w3.eth.wait_for_transaction_receipt(tx_hash)["status"]) == 1


def coin_balance(devnet: Devnet, chain_id: int, address: str) -> int:
    return int(w3_of(devnet, chain_id).eth.get_balance(Web3.to_checksum_address(address)))


def token_balance(devnet: Devnet, token: str, address: str) -> int:
    data = keccak256(b"balanceOf(address)")[:4] + encode(["address"], [address])
    return int.from_bytes(w3_of(devnet, CHAIN_B).eth.call({"to": token, "data": data}), "big")


def nonce_of(devnet: Devnet, chain_id: int, address: str) -> int:
    return int(w3_of(devnet, chain_id).eth.get_transaction_count(Web3.to_checksum_address(address)))


def increase_time(devnet: Devnet, seconds: int) -> None:
    for chain_id in (CHAIN_A, CHAIN_B):
        w3 = w3_of(devnet, chain_id)
        w3.provider.make_request(RPCEndpoint("evm_increaseTime"), [seconds])
        w3.provider.make_request(RPCEndpoint("evm_mine"), [])


def chain_now(devnet: Devnet, chain_id: int) -> int:
    return int(w3_of(devnet, chain_id).eth.get_block("latest")["timestamp"])


@dataclass
class Party:
    signer: HotSigner
    engine: SwapEngine

    @property
    def address(self) -> str:
        return self.signer.address(None)


def new_party(devnet: Devnet, db_path: Path) -> Party:
    signer = HotSigner(private_key=secrets.token_bytes(32))
    clients = {c: ChainClient(devnet.chain(c)) for c in (CHAIN_A, CHAIN_B)}

    def signer_for(address: str) -> tuple[HotSigner, None]:
        assert address.lower() == signer.address(None).lower()
        return signer, None

    engine = SwapEngine(SwapStore(connect(db_path)), SwapParty(clients.__getitem__, signer_for))
    for chain_id in (CHAIN_A, CHAIN_B):
        fund(devnet, chain_id, signer.address(None))
    return Party(signer, engine)


def coin_for_token_offer(devnet: Devnet, maker: Party, expires_in_s: int = 3600) -> SignedOffer:
    offer = Offer(CHAIN_A, NATIVE_TOKEN, SWAP_COIN, maker.address, CHAIN_B, dusd(devnet), SWAP_TOKENS, maker.address,
                  chain_now(devnet, CHAIN_A) + expires_in_s, int(time.time_ns()))
    return sign_offer(offer, maker.signer, None)


def accept(offer: SignedOffer, taker: Party) -> SignedAcceptance:
    return sign_acceptance(Acceptance(offer.offer_id, taker.address, taker.address), offer.offer, taker.signer, None)


def run_until_done(*steps: tuple[SwapEngine, str], max_rounds: int = 60) -> list[StepReport]:
    """Step each party's swap in turn until all are finished (bounded: a stuck swap fails the test)."""
    reports: dict[int, StepReport] = {}
    for _ in range(max_rounds):
        for index, (engine, swap) in enumerate(steps):
            reports[index] = engine.step(swap)
        if all(r.done for r in reports.values()):
            return list(reports.values())
    raise AssertionError(f"swap not finished: {list(reports.values())}")
