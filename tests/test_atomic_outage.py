"""Chain B's node drops every connection for stretches of a swap: the engines retry, the swap still
completes, with exactly the transactions of a swap without outages."""

from __future__ import annotations

import dataclasses
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_TOKENS,
    accept,
    coin_for_token_offer,
    dusd,
    mint,
    new_party,
    nonce_of,
    token_balance,
)
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.swap_state import COMPLETED, INITIATOR, PARTICIPANT
from wallet.errors import WalletError


class _Proxy(ThreadingHTTPServer):
    target: str
    up: bool = True
    dropped: int = 0


class _Forward(BaseHTTPRequestHandler):
    server: _Proxy

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if not self.server.up:
            self.server.dropped += 1
            self.close_connection = True  # no answer at all: the connection just ends
            return
        request = urllib.request.Request(self.server.target, body, {"Content-Type": "application/json"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as reply:  # noqa: S310 - the loopback anvil
            answer = reply.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


@contextmanager
def proxy_to(url: str) -> Iterator[_Proxy]:
    server = _Proxy(("127.0.0.1", 0), _Forward)
    server.target = url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_swap_completes_through_chain_b_outages(chain_state: Devnet, tmp_path: Path) -> None:
    maker, taker = new_party(chain_state, tmp_path / "maker.db"), new_party(chain_state, tmp_path / "taker.db")
    mint(chain_state, dusd(chain_state), taker.address, SWAP_TOKENS)
    offer = coin_for_token_offer(chain_state, maker)
    acceptance = accept(offer, taker)
    swap_m = maker.engine.begin(INITIATOR, offer, acceptance)
    swap_t = taker.engine.begin(PARTICIPANT, offer, acceptance)
    chain_b = chain_state.chain(CHAIN_B)
    with proxy_to(chain_b.rpc_urls[0]) as proxy:
        flaky = dataclasses.replace(chain_b, rpc_urls=(f"http://127.0.0.1:{proxy.server_address[1]}",))
        for party in (maker, taker):
            clients = {CHAIN_A: ChainClient(chain_state.chain(CHAIN_A)), CHAIN_B: ChainClient(flaky, backoff_s=0)}
            party.engine.party.client = clients.__getitem__
        done, failures = {swap_m: False, swap_t: False}, 0
        for round_number in range(120):
            proxy.up = round_number % 4 not in (1, 2)  # down half the time, in stretches
            for engine, swap in ((maker.engine, swap_m), (taker.engine, swap_t)):
                try:
                    done[swap] = engine.step(swap).done
                except WalletError:
                    failures += 1
            if all(done.values()):
                break
        assert all(done.values()) and failures > 0 and proxy.dropped > 0
    assert maker.engine.record(swap_m).outcome == taker.engine.record(swap_t).outcome == COMPLETED
    assert [t.action for t in maker.engine.record(swap_m).txs] == ["lock_a", "claim_b"]
    assert [t.action for t in taker.engine.record(swap_t).txs] == ["approve_b", "lock_b", "claim_a"]
    nonces = [nonce_of(chain_state, chain_id, who.address) for who in (maker, taker) for chain_id in (CHAIN_A, CHAIN_B)]
    assert nonces == [1, 1, 1, 2]
    assert token_balance(chain_state, dusd(chain_state), maker.address) == SWAP_TOKENS
