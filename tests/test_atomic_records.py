"""The swap engine's transactions in the wallet's transaction table: one nonce sequence with the
user's sends from the same account, and History lists them."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from web3.types import RPCEndpoint

from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_COIN,
    Party,
    accept,
    coin_for_token_offer,
    fund,
    new_party,
    nonce_of,
    w3_of,
)
from wallet.accounts.hot import HotSigner
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_calls import decode_call
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_engine import (
    AWAITING_REVIEW,
    REVIEW_VALID_S,
    LockReviewExpiredError,
    ReviewedLockMismatchError,
    SwapEngine,
    SwapParty,
)
from wallet.dex.atomic.swap_state import ABANDONED, INITIATOR
from wallet.paths import database_path
from wallet.services.send import SendRequest, prepare_send
from wallet.settings import Settings
from wallet.store.db import connect
from wallet.store.swaps import SwapStore
from wallet.ui.context import AppContext
from wallet.ui.pages.history_page import HistoryPage


@pytest.fixture
def context(qapp: object, chain_state: Devnet) -> Iterator[AppContext]:
    context = AppContext.create(Settings(network=chain_state.chain(CHAIN_A).key))
    context.network.add_chains(chain_state.chains)
    yield context
    context.shutdown()


def app_maker(context: AppContext, devnet: Devnet) -> Party:
    """A maker whose engine records into the app's own transaction table (as the app's service does)."""
    signer = HotSigner(private_key=secrets.token_bytes(32))
    clients = {c: context.network.client(devnet.chain(c)) for c in (CHAIN_A, CHAIN_B)}

    def signer_for(address: str) -> tuple[HotSigner, None]:
        assert address.lower() == signer.address(None).lower()
        return signer, None

    engine = SwapEngine(SwapStore(connect(database_path())),
                        SwapParty(clients.__getitem__, signer_for, context.transactions))
    for chain_id in (CHAIN_A, CHAIN_B):
        fund(devnet, chain_id, signer.address(None))
    return Party(signer, engine)


def test_a_send_after_a_lock_takes_the_next_nonce_and_history_lists_the_lock(
        qtbot: QtBot, context: AppContext, chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = app_maker(context, chain_state), new_party(chain_state, tmp_path / "taker.db")
    offer = coin_for_token_offer(chain_state, maker)
    swap = maker.engine.begin(INITIATOR, offer, accept(offer, taker))
    w3 = w3_of(chain_state, CHAIN_A)
    w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [False])
    try:
        maker.engine.step(swap)  # signs and broadcasts lock A; not mined
        (lock,) = maker.engine.record(swap).txs
        assert lock.action == "lock_a"
        # The node forgets it (a restarted node, a load balancer behind us): only the wallet knows it.
        w3.provider.make_request(RPCEndpoint("anvil_dropTransaction"), [lock.hash])
        assert nonce_of(chain_state, CHAIN_A, maker.address) == lock.nonce
        client = context.network.client(chain_state.chain(CHAIN_A))
        prepared = prepare_send(client, context.transactions, SendRequest(maker.address, taker.address, 10**15))
        assert prepared.tx["nonce"] == lock.nonce + 1

        record = context.transactions.find(CHAIN_A, lock.hash)
        assert record is not None
        assert (record.kind, record.status, record.nonce, record.raw) == ("htlc_lock", "pending", lock.nonce, lock.raw)
        assert (record.recipient, record.token, record.amount) == (HTLC_ADDRESS, None, SWAP_COIN)
        assert record.details == {"swap_id": swap, "action": "lock_a"}
    finally:
        w3.provider.make_request(RPCEndpoint("evm_setAutomine"), [True])

    for _ in range(5):  # the engine broadcasts its lock again from the saved bytes, then sees it mined
        if maker.engine.record(swap).succeeded("lock_a"):
            break
        maker.engine.step(swap)
        w3.provider.make_request(RPCEndpoint("evm_mine"), [])
    assert maker.engine.record(swap).succeeded("lock_a")
    record = context.transactions.find(CHAIN_A, lock.hash)
    assert record is not None and record.status == "confirmed" and record.fee_paid

    page = HistoryPage(context)
    qtbot.addWidget(page)
    page.refresh()
    rows = [[page.table.item(row, c).text() for c in range(page.table.columnCount())]  # type: ignore[union-attr]
            for row in range(page.table.rowCount())]
    assert any("(swap lock)" in cells[1] and cells[6] == lock.hash and cells[5] == str(lock.nonce)
               for cells in rows), rows


def reviewing_maker(devnet: Devnet, tmp_path: Path) -> tuple[Party, Party, str]:
    maker, taker = new_party(devnet, tmp_path / "maker.db"), new_party(devnet, tmp_path / "taker.db")
    maker.engine.party.review_locks = True  # as the app's service runs it
    offer = coin_for_token_offer(devnet, maker)
    return maker, taker, maker.engine.begin(INITIATOR, offer, accept(offer, taker))


def test_only_the_reviewed_lock_is_signed(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker, swap = reviewing_maker(chain_state, tmp_path)
    call = maker.engine.preview_lock(swap)
    assert (call.recipient, call.token, call.amount) == (taker.address, NATIVE_TOKEN, SWAP_COIN)
    assert call.hashlock == maker.engine.record(swap).hashlock
    assert maker.engine.step(swap).state == AWAITING_REVIEW  # nothing is locked before the review
    with pytest.raises(ReviewedLockMismatchError):
        maker.engine.approve_lock(swap, replace(call, amount=call.amount - 1))
    with pytest.raises(ReviewedLockMismatchError):
        maker.engine.approve_lock(swap, replace(call, recipient=maker.address))
    with pytest.raises(LockReviewExpiredError):
        maker.engine.approve_lock(swap, replace(call, timelock=call.timelock - REVIEW_VALID_S - 1))
    assert maker.engine.record(swap).lock_a is None and maker.engine.step(swap).state == AWAITING_REVIEW
    assert nonce_of(chain_state, CHAIN_A, maker.address) == 0

    maker.engine.approve_lock(swap, call)
    maker.engine.step(swap)
    (lock,) = maker.engine.record(swap).txs
    sent = w3_of(chain_state, CHAIN_A).eth.get_transaction(lock.hash)  # type: ignore[arg-type]
    assert lock.action == "lock_a" and sent["to"] == HTLC_ADDRESS and decode_call(bytes(sent["input"])) == call


def test_a_declined_lock_ends_the_swap_with_nothing_signed(chain_state: Devnet, tmp_path: Path) -> None:
    maker, _taker, swap = reviewing_maker(chain_state, tmp_path)
    maker.engine.preview_lock(swap)
    maker.engine.abandon(swap)
    report = maker.engine.step(swap)
    assert (report.state, report.done) == (ABANDONED, True)
    assert maker.engine.record(swap).txs == [] and nonce_of(chain_state, CHAIN_A, maker.address) == 0
