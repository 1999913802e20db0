"""A hardware account swaps: the maker's offer (EIP-712), the key that seals its secret (EIP-191), its
lock and its claim are all signed on a virtual Ledger through the same ``Signer`` interface."""

from __future__ import annotations

import time
from pathlib import Path

from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_COIN,
    SWAP_TOKENS,
    accept,
    chain_now,
    dusd,
    fund,
    mint,
    new_party,
    run_until_done,
    token_balance,
)
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_engine import SwapEngine, SwapParty
from wallet.dex.atomic.swap_offer import Offer, parse_offer, sign_offer
from wallet.dex.atomic.swap_state import COMPLETED, INITIATOR, PARTICIPANT
from wallet.hw.ledger import HidApduChannel, LedgerEthApp
from wallet.hw.ledger_signer import LedgerSigner
from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.store.db import connect
from wallet.store.swaps import SwapStore

PATH = EthPathLayout.BIP44.path(0)


def test_a_ledger_account_swaps_as_the_initiator(chain_state: Devnet, tmp_path: Path) -> None:
    device = VirtualLedger(mnemonic_to_seed(generate_mnemonic(24)))
    backend = VirtualHidBackend(device)
    (info,) = enumerate_devices(backend)
    ledger = LedgerSigner(LedgerEthApp(HidApduChannel(HidTransport.open(info, backend)), user_timeout_s=5.0))
    address = ledger.address(PATH)
    for chain_id in (CHAIN_A, CHAIN_B):
        fund(chain_state, chain_id, address)
    clients = {c: ChainClient(chain_state.chain(c)) for c in (CHAIN_A, CHAIN_B)}
    maker = SwapEngine(SwapStore(connect(tmp_path / "maker.db")),
                       SwapParty(clients.__getitem__, lambda _address: (ledger, PATH)))
    taker = new_party(chain_state, tmp_path / "taker.db")
    mint(chain_state, dusd(chain_state), taker.address, SWAP_TOKENS)

    offer = sign_offer(Offer(CHAIN_A, NATIVE_TOKEN, SWAP_COIN, address, CHAIN_B, dusd(chain_state), SWAP_TOKENS,
                             address, chain_now(chain_state, CHAIN_A) + 600, time.time_ns()), ledger, PATH)
    assert parse_offer(offer.text(), {CHAIN_A, CHAIN_B}.__contains__, None).offer.maker_a == address
    acceptance = accept(offer, taker)
    swap_m = maker.begin(INITIATOR, offer, acceptance)
    swap_t = taker.engine.begin(PARTICIPANT, offer, acceptance)
    reports = run_until_done((maker, swap_m), (taker.engine, swap_t))

    assert [r.state for r in reports] == [COMPLETED, COMPLETED]
    assert [t.action for t in maker.record(swap_m).txs] == ["lock_a", "claim_b"]
    assert token_balance(chain_state, dusd(chain_state), address) == SWAP_TOKENS
    # what the device showed: the offer, the sealing message, the lock (value, contract), the sealing
    # message again (to decrypt the secret for the claim), the claim
    titles = [screen[0] for screen in device.screens]
    assert titles == ["Sign typed message", "Sign message", "Blind signing", "Sign message", "Blind signing"]
    lock_screen = device.screens[2]
    assert f"Amount {SWAP_COIN} wei" in lock_screen and f"Address {HTLC_ADDRESS.lower()}" in lock_screen
