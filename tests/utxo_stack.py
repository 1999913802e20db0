"""A real Litecoin regtest node and a real Electrum-protocol server (ElectrumX, the `e-x` package)
for the UTXO tests, started once per session.

Test modules use it with ``from tests.utxo_stack import ltc_regtest  # noqa: F401`` (pytest only loads
``conftest.py`` by itself). ``scripts/bootstrap-utxo`` installs the parts; when they are missing the
tests are skipped with the reason, or fail when ``WALLET_REQUIRE_UTXO=1`` (CI sets it).

The node: ``litecoind -regtest -txindex=1 -rpcserialversion=1`` on a temporary data directory, free
loopback ports, a random RPC password, a wallet ``miner`` with 101 blocks mined to it (its first
coinbase is spendable). The server: ElectrumX on a TCP port and a TLS port (a fresh self-signed
certificate), synced to the node's tip before the fixture returns. Both run in process groups of
their own and are stopped (SIGTERM, then SIGKILL) when the session ends.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import datetime
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from wallet.utxo.headers import BlockHeader, bits_to_target, sha256d
from wallet.utxo.networks import LITECOIN_REGTEST

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / ".tools" / "litecoin"
LITECOIND = TOOLS / "usr" / "lib" / "litecoin" / "litecoind"
ELECTRUMX = Path(sys.executable).parent / "electrumx_server"
# ElectrumX pads small replies and holds them up to 1 s, hoping to send them with more (a defence
# against traffic analysis): each small round trip of a test would cost a second. The tests run the
# real server with that wait shortened; the bench keeps the server's own (what public servers do).
TEST_PADDING_WAIT_S = 0.02
_ELECTRUMX_WITH_PADDING_WAIT = (
    "import sys\n"
    "from electrumx.server.transport import PaddedRSTransport\n"
    "PaddedRSTransport.WAIT_FOR_BUFFER_GROWTH_SECONDS = float(sys.argv[1])\n"
    "from electrumx.cli.electrumx_server import main\n"
    "sys.argv = sys.argv[:1]\n"
    "sys.exit(main())\n")
REQUIRE_ENV = "WALLET_REQUIRE_UTXO"
START_LIMIT_S = 90.0
INITIAL_BLOCKS = 101


def missing_parts() -> str | None:
    """Why the stack cannot start here, or None when every part is installed."""
    if not LITECOIND.is_file():
        return f"Litecoin Core is not installed ({LITECOIND.relative_to(REPO)}): run scripts/bootstrap-utxo"
    if not ELECTRUMX.is_file():
        return "the Electrum server e-x is not installed in this venv: run scripts/bootstrap-utxo"
    for module in ("plyvel", "embit"):
        try:
            __import__(module)
        except ImportError:
            return f"the Python package {module} is not installed: run scripts/bootstrap-utxo"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _library_dir() -> Path:
    found = sorted(TOOLS.glob("usr/lib/*/libleveldb.so*"))
    return found[0].parent if found else TOOLS / "usr" / "lib"


def _self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1, as Electrum servers commonly use (self-signed)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "server.crt", directory / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process's group, SIGKILL after 20 s; always reaps the process."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    # Anything the process left in its group goes with it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


class NodeRpcError(Exception):
    def __init__(self, method: str, error: Any) -> None:
        super().__init__(f"{method}: {error}")
        self.error = error
        self.code = error.get("code") if isinstance(error, dict) else None


@dataclass
class LtcRegtest:
    """The running pair. ``rpc`` talks to the node; ``electrum_tcp``/``electrum_tls`` are the
    server's ``(host, port)``; ``certificate`` its PEM file."""

    workdir: Path
    rpc_port: int
    rpc_user: str
    rpc_password: str
    electrum_tcp: tuple[str, int]
    electrum_tls: tuple[str, int]
    certificate: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    miner_address: str = ""
    started_in_s: float = 0.0
    node_args: tuple[str, ...] = ()
    padding_wait_s: float | None = TEST_PADDING_WAIT_S

    @classmethod
    def start(cls, workdir: Path, node_args: tuple[str, ...] = (),
              padding_wait_s: float | None = TEST_PADDING_WAIT_S) -> LtcRegtest:
        """``node_args``: more litecoind options. ``padding_wait_s``: how long ElectrumX holds back a
        small reply to pad it (None: the server's own 1 s, as public servers do — the bench's)."""
        began = time.monotonic()
        stack = cls(workdir=workdir, rpc_port=free_port(), rpc_user="test-" + secrets.token_hex(4),
                    rpc_password=secrets.token_hex(16), electrum_tcp=("127.0.0.1", free_port()),
                    electrum_tls=("127.0.0.1", free_port()), certificate=workdir / "server.crt",
                    node_args=node_args, padding_wait_s=padding_wait_s)
        atexit.register(stack.stop)
        try:
            stack._start_node()
            stack._fund_miner()
            stack._start_electrum()
            stack.wait_electrum_synced()
        except BaseException:
            stack.stop()
            raise
        stack.started_in_s = time.monotonic() - began
        return stack

    # --- the node -----------------------------------------------------------------------------------
    def _start_node(self) -> None:
        datadir = self.workdir / "litecoin"
        datadir.mkdir()
        log = (self.workdir / "litecoind.log").open("wb")
        self.processes.append(subprocess.Popen(
            [str(LITECOIND), "-regtest", "-txindex=1", "-rpcserialversion=1", f"-datadir={datadir}",
             f"-rpcport={self.rpc_port}", f"-port={free_port()}", "-rpcbind=127.0.0.1", "-rpcallowip=127.0.0.1",
             "-listen=0", "-dnsseed=0", "-discover=0", "-upnp=0", "-fallbackfee=0.0002", "-printtoconsole=1",
             f"-rpcuser={self.rpc_user}", f"-rpcpassword={self.rpc_password}", *self.node_args],
            env={**os.environ, "LD_LIBRARY_PATH": str(_library_dir())},
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        self._wait("litecoind answers RPC", self._node_ready, self.processes[0], "litecoind.log")

    def _node_ready(self) -> bool:
        try:
            self.rpc("getblockchaininfo")
        except (OSError, NodeRpcError):  # not listening yet, or -28 "Loading block index"
            return False
        return True

    def _fund_miner(self) -> None:
        self.rpc("createwallet", "miner")
        self.miner_address = str(self.rpc("getnewaddress", wallet="miner"))
        self.mine(INITIAL_BLOCKS)

    def rpc(self, method: str, *params: Any, wallet: str | None = None) -> Any:
        """One call to the node (the wallet's endpoint when ``wallet`` is given); a JSON-RPC error
        is ``NodeRpcError``."""
        path = f"/wallet/{wallet}" if wallet else "/"
        body = json.dumps({"jsonrpc": "1.0", "id": 1, "method": method, "params": list(params)}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.rpc_port}{path}", data=body, headers={
            "Authorization": "Basic " + base64.b64encode(f"{self.rpc_user}:{self.rpc_password}".encode()).decode(),
            "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (our own http URL)
                reply = json.loads(response.read())
        except urllib.error.HTTPError as error:  # the node answers RPC errors with HTTP 500 and a body
            reply = json.loads(error.read() or b"null") if error.code in (404, 500) else None
            if not isinstance(reply, dict):
                raise
        if reply.get("error"):
            raise NodeRpcError(method, reply["error"])
        return reply["result"]

    def mine(self, blocks: int = 1, address: str | None = None) -> list[str]:
        """Mines ``blocks`` blocks (to the miner's wallet by default); their hashes."""
        return list(self.rpc("generatetoaddress", blocks, address or self.miner_address))

    def height(self) -> int:
        return int(self.rpc("getblockcount"))

    # --- the Electrum server ------------------------------------------------------------------------
    def _start_electrum(self) -> None:
        db = self.workdir / "electrumx"
        db.mkdir()
        cert, key = _self_signed_certificate(self.workdir)
        self.certificate = cert
        tcp, tls = self.electrum_tcp, self.electrum_tls
        env = {**os.environ, "ALLOW_ROOT": "1", "COIN": "Litecoin", "NET": "regtest", "DB_ENGINE": "leveldb",
               "DAEMON_URL": f"http://{self.rpc_user}:{self.rpc_password}@127.0.0.1:{self.rpc_port}/",
               "DB_DIRECTORY": str(db), "SERVICES": f"tcp://{tcp[0]}:{tcp[1]},ssl://{tls[0]}:{tls[1]}",
               "SSL_CERTFILE": str(cert), "SSL_KEYFILE": str(key), "PEER_DISCOVERY": "off",
               "PEER_ANNOUNCE": "", "LOG_LEVEL": "info", "CACHE_MB": "100",
               # New blocks and transactions within 0.2 s (not 5 s); no throttling of a test's bursts.
               "DAEMON_POLL_INTERVAL_BLOCKS": "200", "DAEMON_POLL_INTERVAL_MEMPOOL": "200",
               "COST_SOFT_LIMIT": "1000000", "COST_HARD_LIMIT": "10000000", "INITIAL_CONCURRENT": "100"}
        log = (self.workdir / "electrumx.log").open("wb")
        command = ([sys.executable, str(ELECTRUMX)] if self.padding_wait_s is None
                   else [sys.executable, "-c", _ELECTRUMX_WITH_PADDING_WAIT, str(self.padding_wait_s)])
        self.processes.append(subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                               stderr=subprocess.STDOUT, start_new_session=True))

    def electrum_height(self) -> int | None:
        """The server's tip height, or None while it does not answer yet."""
        tip = self.electrum_tip()
        return None if tip is None else tip[0]

    def electrum_tip(self) -> tuple[int, str] | None:
        """The server's tip (height, header hex), or None while it does not answer yet (asked as a
        client would: ``server.version`` first, which ElectrumX requires)."""
        try:
            with socket.create_connection(self.electrum_tcp, timeout=5) as sock:
                stream = sock.makefile("rb")
                # One request at a time: ElectrumX holds back a session that pipelines requests.
                sock.sendall(b'{"jsonrpc":"2.0","id":1,"method":"server.version","params":["utxo-stack","1.4"]}\n')
                stream.readline()
                sock.sendall(b'{"jsonrpc":"2.0","id":2,"method":"blockchain.headers.subscribe","params":[]}\n')
                tip = json.loads(stream.readline())["result"]
                return int(tip["height"]), str(tip["hex"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def wait_electrum_synced(self) -> int:
        """Waits until the server's tip is the node's (the same block, not only the same height:
        after a reorganisation both may be equal); that height."""
        target = (self.height(), self.rpc("getblockheader", self.rpc("getbestblockhash"), False))
        self._wait(f"the Electrum server reaches block {target[0]}", lambda: self.electrum_tip() == target,
                   self.processes[-1], "electrumx.log")
        return target[0]

    # --- both ----------------------------------------------------------------------------------------
    def _wait(self, what: str, ready: Any, process: subprocess.Popen[bytes], log_name: str) -> None:
        deadline = time.monotonic() + START_LIMIT_S
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (self.workdir / log_name).read_text(errors="replace")[-2000:]
                state = f"exited with {process.returncode}" if process.poll() is not None else "timed out"
                raise RuntimeError(f"waiting until {what}: {state}; {log_name} ends with:\n{tail}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stops the server, then the node (both process groups); safe to call twice."""
        while self.processes:
            _stop_group(self.processes.pop())


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
    of the request the answer is for). Threads, one pair per connection; ``close`` ends them all."""

    def __init__(self, upstream: tuple[str, int], rewrite: Rewrite) -> None:
        self.upstream = upstream
        self.rewrite = rewrite
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
