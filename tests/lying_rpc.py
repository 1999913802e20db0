"""A loopback JSON-RPC proxy in front of a real node that rewrites some answers: a lying node.

Everything is forwarded to the real node (anvil); then, by mode, the answer is doctored:
- ``inflate``: coin balances grow by ``INFLATION_WEI``, both in ``eth_getBalance`` and in the
  ``getEthBalance`` results inside a Multicall3 ``aggregate3`` reply; proofs are left honest.
- ``forge_proof``: balances inflated as above, and each ``eth_getProof`` rewritten to match: the
  account leaf carries the inflated balance and every node above it is re-hashed, so the proof is
  self-consistent but leads to another state root.
- ``forge_header``: ``eth_getBlockByNumber`` answers with another ``stateRoot`` under the true hash.
- ``honest``: forwards untouched (a second honest node with its own address).
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlparse

import rlp
from eth_abi.abi import decode, encode

from wallet.chains.address import keccak256
from wallet.chains.multicall import AGGREGATE3_SELECTOR, GET_ETH_BALANCE_SELECTOR

INFLATION_WEI = 1_000 * 10**18
FORGED_STATE_ROOT = "0x" + keccak256(b"a state root of my own").hex()


class _Handler(BaseHTTPRequestHandler):
    server: _LyingServer

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = json.loads(body)
        self.server.methods.append(request["method"])
        upstream = urlparse(self.server.upstream)
        connection = http.client.HTTPConnection(upstream.hostname or "", upstream.port, timeout=10)
        try:
            connection.request("POST", upstream.path or "/", body, {"Content-Type": "application/json"})
            reply = json.loads(connection.getresponse().read())
        finally:
            connection.close()
        if "result" in reply and self.server.mode != "honest":
            reply["result"] = _doctor(self.server.mode, request["method"], request["params"], reply["result"])
        out = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


def _doctor(mode: str, method: str, params: list[Any], result: Any) -> Any:
    lies_about_balances = mode in ("inflate", "forge_proof")
    if method == "eth_getBalance" and lies_about_balances:
        return hex(int(result, 16) + INFLATION_WEI)
    if method == "eth_call" and lies_about_balances:
        return _inflate_multicall(params[0], result)
    if method == "eth_getProof" and mode == "forge_proof":
        return forged_proof(result)
    if method == "eth_getBlockByNumber" and mode == "forge_header" and result is not None:
        return {**result, "stateRoot": FORGED_STATE_ROOT}
    return result


def _inflate_multicall(call: dict[str, str], result: str) -> str:
    data = bytes.fromhex(call["data"][2:])
    if not data.startswith(AGGREGATE3_SELECTOR):
        return result
    (calls,) = decode(["(address,bool,bytes)[]"], data[4:])
    (answers,) = decode(["(bool,bytes)[]"], bytes.fromhex(result[2:]))
    doctored = []
    for (target, _, call_data), (ok, out) in zip(calls, answers, strict=True):
        if ok and target.lower() == call["to"].lower() and call_data.startswith(GET_ETH_BALANCE_SELECTOR):
            out = (int.from_bytes(out, "big") + INFLATION_WEI).to_bytes(32, "big")
        doctored.append((ok, out))
    return "0x" + encode(["(bool,bytes)[]"], [doctored]).hex()


def forged_proof(proof: dict[str, Any]) -> dict[str, Any]:
    """The same path with the leaf's balance inflated and every node above re-hashed to point at it."""
    nodes = [rlp.decode(bytes.fromhex(node[2:])) for node in proof["accountProof"]]
    leaf = nodes[-1]
    nonce, balance, storage_root, code_hash = rlp.decode(leaf[1])
    inflated = int.from_bytes(balance, "big") + INFLATION_WEI
    leaf[1] = rlp.encode([nonce, inflated, storage_root, code_hash])
    old_child = keccak256(bytes.fromhex(proof["accountProof"][-1][2:]))
    for index in range(len(nodes) - 2, -1, -1):
        new_child = keccak256(rlp.encode(nodes[index + 1]))
        nodes[index] = [new_child if item == old_child else item for item in nodes[index]]
        old_child = keccak256(bytes.fromhex(proof["accountProof"][index][2:]))
    encoded = ["0x" + rlp.encode(node).hex() for node in nodes]
    return {**proof, "balance": hex(inflated), "accountProof": encoded}


class _LyingServer(ThreadingHTTPServer):
    daemon_threads = True
    mode = "inflate"
    upstream = ""
    methods: list[str]


@contextmanager
def lying_rpc(upstream: str, mode: str, methods: list[str] | None = None) -> Iterator[str]:
    """A proxy to ``upstream`` lying in ``mode`` on a free loopback port; yields its URL.
    ``methods`` collects the JSON-RPC methods it was asked."""
    if mode not in ("inflate", "forge_proof", "forge_header", "honest"):
        raise ValueError(mode)
    server = _LyingServer(("127.0.0.1", 0), _Handler)
    server.mode = mode
    server.upstream = upstream
    server.methods = methods if methods is not None else []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
