"""A real Litecoin regtest node and a real Electrum-protocol server (ElectrumX, the `e-x` package)
for the UTXO tests, started once per session.

Test modules use it with ``from tests.utxo_stack import ltc_regtest  # noqa: F401`` (pytest only loads
``conftest.py`` by itself). ``scripts/bootstrap-utxo`` installs the parts; when they are missing the
tests are skipped with the reason, or fail when ``WALLET_REQUIRE_UTXO=1`` (CI sets it).

The launcher is the app's own (``wallet.devnet.litecoin.LitecoinRegtest``, the playground's Litecoin
chain): the node with 101 blocks mined to its wallet ``miner``, and ElectrumX on a TCP and a TLS port,
synced to the node's tip before the fixture returns, both stopped by process group when the session
ends. Here it only differs in its defaults: ElectrumX's hold on small replies is shortened.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wallet.devnet.litecoin import (  # noqa: F401 (re-exported for the tests)
    INITIAL_BLOCKS,
    START_LIMIT_S,
    LitecoinRegtest,
    LitecoinStartError,
    LitecoinTools,
    NodeRpcError,
    default_tools_dir,
    free_port,
)
from wallet.devnet.litecoin import LITECOIND_IN_TOOLS as _LITECOIND_IN_TOOLS
from wallet.utxo.headers import BlockHeader, bits_to_target, sha256d
from wallet.utxo.networks import LITECOIN_REGTEST

REPO = Path(__file__).resolve().parent.parent
TOOLS = default_tools_dir()
LITECOIND = TOOLS / _LITECOIND_IN_TOOLS
ELECTRUMX = Path(sys.executable).parent / "electrumx_server"
# ElectrumX pads small replies and holds them up to 1 s, hoping to send them with more (a defence
# against traffic analysis): each small round trip of a test would cost a second. The tests run the
# real server with that wait shortened; the bench keeps the server's own (what public servers do).
TEST_PADDING_WAIT_S = 0.02
REQUIRE_ENV = "WALLET_REQUIRE_UTXO"


def _tools() -> LitecoinTools:
    """The parts where this module says they are (a test may point ``LITECOIND`` elsewhere)."""
    return dataclasses.replace(LitecoinTools.in_directory(TOOLS), litecoind=LITECOIND, electrumx_server=ELECTRUMX)


def missing_parts() -> str | None:
    """Why the stack cannot start here, or None when every part is installed."""
    error = _tools().missing()
    if error is not None:
        return str(error)
    try:
        import embit  # noqa: F401 (the tests build transactions with it)
    except ImportError:
        return "the Python package embit is not installed: run scripts/bootstrap-utxo"
    return None


class LtcRegtest(LitecoinRegtest):
    """The running pair. ``rpc`` talks to the node; ``electrum_tcp``/``electrum_tls`` are the
    server's ``(host, port)``; ``certificate`` its PEM file."""

    @classmethod
    def start(cls, workdir: Path, node_args: tuple[str, ...] = (),  # type: ignore[override]
              padding_wait_s: float | None = TEST_PADDING_WAIT_S, *,
              tools: LitecoinTools | None = None) -> LtcRegtest:
        """``node_args``: more litecoind options. ``padding_wait_s``: how long ElectrumX holds back a
        small reply to pad it (None: the server's own 1 s, as public servers do — the bench's)."""
        stack = cls.prepare(workdir, tools=tools or _tools(), node_args=node_args, padding_wait_s=padding_wait_s)
        stack.run()
        return stack


@pytest.fixture(scope="session")
def ltc_regtest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LtcRegtest]:
    reason = missing_parts()
    if reason is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but the UTXO stack cannot start: {reason}")
        pytest.skip(f"UTXO stack not available: {reason}")
    stack = LtcRegtest.start(tmp_path_factory.mktemp("ltc-regtest"))
    try:
        yield stack
    finally:
        stack.stop()


def mine_regtest_header(previous: BlockHeader, tag: int) -> bytes:
    """A Litecoin regtest header on ``previous`` (``tag`` makes its Merkle root, so rivals differ),
    its scrypt proof of work ground out: regtest's target is met by about every other nonce."""
    for nonce in range(1000):
        raw = ((0x20000000).to_bytes(4, "little") + previous.hash + sha256d(bytes([tag])) +
               (previous.timestamp + 150).to_bytes(4, "little") + previous.raw[72:76] + nonce.to_bytes(4, "little"))
        target = bits_to_target(BlockHeader(raw).bits)
        if target is not None and BlockHeader(raw).pow_value(LITECOIN_REGTEST.pow_hash) <= target:
            return raw
    raise AssertionError("no nonce met the target")


Rewrite = Callable[[str, list[Any], Any], Any]
"""``(method, params, result) -> result`` the proxy passes on instead of the server's result (a
``Refusal`` turns the answer into a JSON-RPC error)."""


@dataclass(frozen=True)
class Refusal:
    message: str


class LyingProxy:
    """A loopback Electrum "server" that forwards every line (a request or a batch) to a real one and
    passes the answers back, except that ``rewrite`` may change the result of any answer (it sees the method and params
    of the request the answer is for), and a request whose method is in ``censor`` reaches the server
    with its transaction replaced by garbage (a server that keeps a broadcast from its node). Threads,
    one pair per connection; ``close`` ends them all."""

    def __init__(self, upstream: tuple[str, int], rewrite: Rewrite, censor: frozenset[str] = frozenset()) -> None:
        self.upstream = upstream
        self.rewrite = rewrite
        self.censor = censor
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address: tuple[str, int] = ("127.0.0.1", int(self.listener.getsockname()[1]))
        self.rewritten = 0
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream, timeout=30)
            self._sockets += [client, server]
            pending: dict[Any, tuple[str, list[Any]]] = {}
            threading.Thread(target=self._requests, args=(client, server, pending), daemon=True).start()
            threading.Thread(target=self._answers, args=(server, client, pending), daemon=True).start()

    def _requests(self, client: socket.socket, server: socket.socket, pending: dict[Any, Any]) -> None:
        with contextlib.suppress(OSError, ValueError):
            for line in client.makefile("rb"):
                requests = json.loads(line)
                for request in requests if isinstance(requests, list) else [requests]:
                    pending[request.get("id")] = (request.get("method"), request.get("params"))
                    if request.get("method") in self.censor:
                        request["params"] = ["00"]
                        line = json.dumps(requests).encode() + b"\n"
                server.sendall(line)
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_WR)

    def _answers(self, server: socket.socket, client: socket.socket, pending: dict[Any, Any]) -> None:
        with contextlib.suppress(OSError, ValueError):
            for line in server.makefile("rb"):
                replies = json.loads(line)
                for reply in replies if isinstance(replies, list) else [replies]:
                    method, params = pending.pop(reply.get("id"), (None, None))
                    if method is not None and "result" in reply:
                        changed = self.rewrite(method, params, reply["result"])
                        if changed != reply["result"]:
                            self.rewritten += 1
                        if isinstance(changed, Refusal):
                            del reply["result"]
                            reply["error"] = {"code": 1, "message": changed.message}
                        else:
                            reply["result"] = changed
                client.sendall(json.dumps(replies).encode() + b"\n")
        with contextlib.suppress(OSError):
            client.close()

    def close(self) -> None:
        self._closed = True
        self.listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()


class HostileElectrum:
    """A loopback server that misbehaves at the connection level, per ``behaviour``: "silent" (reads,
    never answers), "drip" (answers ``server.version`` a byte every 0.2 s), "huge" (an endless line),
    "wrong-id" (answers with an id we never sent), "garbage" (a line that is not JSON), "close"
    (hangs up after reading)."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address: tuple[str, int] = ("127.0.0.1", int(self.listener.getsockname()[1]))
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with contextlib.suppress(OSError, ValueError):
            line = client.makefile("rb").readline()
            request_id = json.loads(line).get("id")
            answer = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": ["Hostile 1.0", "1.4"]}).encode()
            if self.behaviour == "silent":
                self._stop.wait(60)
            elif self.behaviour == "drip":
                for byte in answer + b"\n":
                    if self._stop.wait(0.2):
                        break
                    client.sendall(bytes([byte]))
            elif self.behaviour == "huge":
                chunk = b" " * 65536
                while not self._stop.is_set():
                    client.sendall(chunk)
            elif self.behaviour == "wrong-id":
                client.sendall(answer.replace(f'"id": {request_id}'.encode(), b'"id": 999999999') + b"\n")
            elif self.behaviour == "garbage":
                client.sendall(b"{this is not json\n")
            elif self.behaviour == "close":
                client.close()

    def close(self) -> None:
        self._stop.set()
        self.listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
