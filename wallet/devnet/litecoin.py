"""A real Litecoin regtest node and a real Electrum-protocol server (ElectrumX, the ``e-x`` package)
on loopback ports: the playground's Litecoin chain, and the UTXO tests' stack.

``scripts/bootstrap-utxo`` fetches the parts: Litecoin Core (Debian's ``litecoind``, unpacked with
its missing shared libraries into ``.tools/litecoin`` of the checkout, or the folder that
``WALLET_LITECOIN_TOOLS`` names, laid out the same way) and ElectrumX with its LevelDB binding in the
Python environment that runs the wallet. ``find_litecoin_tools`` says which part is missing.

The node: ``litecoind -regtest -txindex=1 -rpcserialversion=1`` in ``<workdir>/litecoin``, free
loopback ports, a random RPC password, a wallet ``miner`` with 101 blocks mined to it (its first
coinbase is spendable: the faucet pays from it). The server: ElectrumX on a TCP port and a TLS port
(a fresh self-signed certificate), synced to the node's tip before ``start`` returns. Each runs in a
process group of its own, logs to ``<workdir>/litecoind.log`` and ``<workdir>/electrumx.log``, and
is stopped (SIGTERM, then SIGKILL) by ``stop``, from any thread, also while ``run`` is starting them.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import datetime
import importlib.util
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
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Self

from wallet.errors import WalletError
from wallet.paths import PROJECT_ROOT
from wallet.translatable import QT_TRANSLATE_NOOP

LITECOIN_REGTEST_KEY = "litecoin-regtest"  # the chain's key in resources/utxo_chains.json
TOOLS_ENV = "WALLET_LITECOIN_TOOLS"
DEFAULT_TOOLS_DIR = PROJECT_ROOT / ".tools" / "litecoin"
LITECOIND_IN_TOOLS = Path("usr") / "lib" / "litecoin" / "litecoind"
MINER_WALLET = "miner"
INITIAL_BLOCKS = 101  # the first coinbase matures after 100 more blocks
START_LIMIT_S = 90.0
STOP_TERM_WAIT_S = 20.0
RPC_TIMEOUT_S = 60.0
SATS_PER_LTC = 100_000_000
LOG_TAIL_CHARS = 2000
PIDS_FILE = "pids.json"  # in the workdir: the process groups, for reap_stale_litecoin after a crash
_POLL_INTERVAL_S = 0.1
# ElectrumX pads small replies and holds them up to 1 s, hoping to send them with more (a defence
# against traffic analysis, what public servers do). A caller that wants quick round trips on
# loopback (the tests, the playground) passes a shorter wait; the server is then started through
# this stub, which sets it before ElectrumX runs.
_ELECTRUMX_WITH_PADDING_WAIT = (
    "import sys\n"
    "from electrumx.server.transport import PaddedRSTransport\n"
    "PaddedRSTransport.WAIT_FOR_BUFFER_GROWTH_SECONDS = float(sys.argv[1])\n"
    "from electrumx.cli.electrumx_server import main\n"
    "sys.argv = sys.argv[:1]\n"
    "sys.exit(main())\n")


# The parts, as errors name them (translated on screen like any marked fragment).
PART_LITECOIND = QT_TRANSLATE_NOOP("WalletError", "Litecoin Core")
PART_ELECTRUMX = QT_TRANSLATE_NOOP("WalletError", "the Electrum server e-x")
PART_PLYVEL = QT_TRANSLATE_NOOP("WalletError", "the Python package plyvel")
PART_NODE = QT_TRANSLATE_NOOP("WalletError", "node")
PART_SERVER = QT_TRANSLATE_NOOP("WalletError", "Electrum server")


class LitecoinToolsMissingError(WalletError):
    """A part of the Litecoin regtest stack is not installed here (``part`` names it)."""

    template = QT_TRANSLATE_NOOP(
        "WalletError", "Litecoin regtest is unavailable: {part} is not installed ({where}). "
                       "Run scripts/bootstrap-utxo.")


class LitecoinStartError(WalletError):
    """A part did not get ready: it exited or timed out. ``log`` is its log file; the log's last
    lines are in ``log_tail`` (and in the exception's notes), not in the message."""

    template = QT_TRANSLATE_NOOP("WalletError", "The local Litecoin {part} did not start ({state}); see {log}.")

    def __init__(self, *, part: str, state: str, log: Path, log_tail: str) -> None:
        super().__init__(part=part, state=state, log=str(log))
        self.log_tail = log_tail
        self.add_note(f"{log.name} ends with:\n{log_tail}")


class LitecoinStoppedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The local Litecoin node was stopped.")


class NodeRpcError(WalletError):
    """The node answered a JSON-RPC call with an error; ``code`` is the node's error code."""

    template = QT_TRANSLATE_NOOP("WalletError", "The local Litecoin node refused {method}: {message}")

    def __init__(self, method: str, error: Any) -> None:
        message = error.get("message") if isinstance(error, dict) else None
        super().__init__(method=method, message=str(message if message is not None else error)[:300])
        self.error = error
        self.code: int | None = error.get("code") if isinstance(error, dict) else None


@dataclass(frozen=True)
class LitecoinTools:
    """Where each part is. ``missing()`` checks them; ``find_litecoin_tools`` is the usual way in."""

    litecoind: Path
    library_dir: Path  # the shared libraries bootstrap-utxo unpacked beside litecoind (LD_LIBRARY_PATH)
    python: Path  # the interpreter that runs ElectrumX (the wallet's own)
    electrumx_server: Path

    @classmethod
    def in_directory(cls, directory: Path | None = None) -> LitecoinTools:
        """The parts' paths for a tools folder (default: ``WALLET_LITECOIN_TOOLS``, else the
        checkout's ``.tools/litecoin``) and this Python environment; nothing is checked."""
        tools = directory or default_tools_dir()
        libraries = sorted(tools.glob("usr/lib/*/libleveldb.so*"))
        return cls(litecoind=tools / LITECOIND_IN_TOOLS,
                   library_dir=libraries[0].parent if libraries else tools / "usr" / "lib",
                   python=Path(sys.executable), electrumx_server=Path(sys.executable).parent / "electrumx_server")

    def missing(self) -> LitecoinToolsMissingError | None:
        """The first part that is not installed, or None."""
        if not self.litecoind.is_file():
            return LitecoinToolsMissingError(part=PART_LITECOIND, where=str(self.litecoind))
        if not self.electrumx_server.is_file() or importlib.util.find_spec("electrumx") is None:
            return LitecoinToolsMissingError(part=PART_ELECTRUMX, where=str(self.electrumx_server))
        if importlib.util.find_spec("plyvel") is None:
            return LitecoinToolsMissingError(part=PART_PLYVEL, where=str(self.python))
        return None


def default_tools_dir() -> Path:
    override = os.environ.get(TOOLS_ENV)
    return Path(override) if override else DEFAULT_TOOLS_DIR


def find_litecoin_tools(directory: Path | None = None) -> LitecoinTools:
    """The installed parts, or ``LitecoinToolsMissingError`` naming the first one missing."""
    tools = LitecoinTools.in_directory(directory)
    error = tools.missing()
    if error is not None:
        raise error
    return tools


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sats_to_ltc(amount_sats: int) -> str:
    """The amount as the node's RPC takes it: a decimal string of whole coins."""
    return str(Decimal(amount_sats) / SATS_PER_LTC)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
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


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process's group, SIGKILL after ``STOP_TERM_WAIT_S``; always reaps the process."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TERM_WAIT_S)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    # Anything the process left in its group goes with it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def reap_stale_litecoin(workdir: Path) -> list[int]:
    """Stops the process groups that an earlier run in ``workdir`` left behind (its app crashed), as
    its pids file lists them, and waits until they are gone; the pids signalled.

    Only a pid that still runs litecoind or ElectrumX is signalled (pids get reused); that can be
    checked on Linux through /proc, so elsewhere the stale file is just removed.
    """
    pids_file = workdir / PIDS_FILE
    try:
        listed = json.loads(pids_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    stale = [pid for pid in listed if isinstance(pid, int) and is_litecoin_stack_process(pid)] \
        if isinstance(listed, list) else []
    for pid in stale:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TERM_WAIT_S
    while any(is_litecoin_stack_process(pid) for pid in stale) and time.monotonic() < deadline:
        time.sleep(_POLL_INTERVAL_S)
    for pid in stale:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    pids_file.unlink(missing_ok=True)
    return stale


def is_litecoin_stack_process(pid: int) -> bool:
    """Whether ``pid`` runs litecoind or ElectrumX now (Linux; False elsewhere)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        proc = Path(f"/proc/{pid}")
        if proc.joinpath("stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False  # exited, not yet reaped by its parent
        argv = proc.joinpath("cmdline").read_bytes().split(b"\0")
    except (OSError, IndexError):
        return False
    return Path(os.fsdecode(argv[0])).name == "litecoind" or any(b"electrumx" in arg for arg in argv)


@dataclass
class LitecoinRegtest:
    """The node and its Electrum server. ``prepare`` picks ports and credentials, ``run`` starts
    both and waits until they are ready, ``stop`` ends them; ``start`` does the first two (and
    stops what it began when it fails). ``electrum_tcp``/``electrum_tls`` are the server's
    ``(host, port)``, ``certificate`` its PEM file."""

    workdir: Path
    rpc_port: int
    rpc_user: str
    rpc_password: str
    electrum_tcp: tuple[str, int]
    electrum_tls: tuple[str, int]
    certificate: Path
    tools: LitecoinTools
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    miner_address: str = ""
    started_in_s: float = 0.0
    node_args: tuple[str, ...] = ()
    padding_wait_s: float | None = None
    _stopped: bool = field(default=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def prepare(cls, workdir: Path, *, tools: LitecoinTools | None = None, node_args: tuple[str, ...] = (),
                padding_wait_s: float | None = None) -> Self:
        """Nothing starts yet. ``workdir`` must exist (empty). ``node_args``: more litecoind options.
        ``padding_wait_s``: how long ElectrumX holds back a small reply to pad it (None: the
        server's own 1 s, as public servers do). ``tools``: default ``find_litecoin_tools()``."""
        return cls(workdir=workdir, rpc_port=free_port(), rpc_user="regtest-" + secrets.token_hex(4),
                   rpc_password=secrets.token_hex(16), electrum_tcp=("127.0.0.1", free_port()),
                   electrum_tls=("127.0.0.1", free_port()), certificate=workdir / "server.crt",
                   tools=tools or find_litecoin_tools(), node_args=node_args, padding_wait_s=padding_wait_s)

    @classmethod
    def start(cls, workdir: Path, *, tools: LitecoinTools | None = None, node_args: tuple[str, ...] = (),
              padding_wait_s: float | None = None) -> Self:
        """``prepare`` and ``run``: blocking until both are ready (a few seconds)."""
        stack = cls.prepare(workdir, tools=tools, node_args=node_args, padding_wait_s=padding_wait_s)
        stack.run()
        return stack

    def run(self) -> None:
        """Starts the node, funds the miner wallet, starts the server and waits until it has the
        node's tip. On any failure (or a ``stop`` meanwhile) stops what it started and raises."""
        began = time.monotonic()
        atexit.register(self.stop)  # a normal interpreter exit never leaves them behind
        try:
            self._start_node()
            self._fund_miner()
            self._start_electrum()
            self.wait_electrum_synced()
        except BaseException:
            self.stop()
            raise
        self.started_in_s = time.monotonic() - began

    @property
    def electrum_url(self) -> str:
        """The server's plain-TCP address as Electrum servers announce it (``tcp://host:port``)."""
        return f"tcp://{self.electrum_tcp[0]}:{self.electrum_tcp[1]}"

    # --- the node -----------------------------------------------------------------------------------
    def _start_node(self) -> None:
        datadir = self.workdir / "litecoin"
        datadir.mkdir()
        library_path = os.pathsep.join(filter(None, [str(self.tools.library_dir), os.environ.get("LD_LIBRARY_PATH")]))
        self._spawn("litecoind.log", [
            str(self.tools.litecoind), "-regtest", "-txindex=1", "-rpcserialversion=1", f"-datadir={datadir}",
            f"-rpcport={self.rpc_port}", f"-port={free_port()}", "-rpcbind=127.0.0.1", "-rpcallowip=127.0.0.1",
            "-listen=0", "-dnsseed=0", "-discover=0", "-upnp=0", "-fallbackfee=0.0002", "-printtoconsole=1",
            f"-rpcuser={self.rpc_user}", f"-rpcpassword={self.rpc_password}", *self.node_args],
            {**os.environ, "LD_LIBRARY_PATH": library_path})
        self._wait(PART_NODE, "litecoind answers RPC", self._node_ready, self.processes[0], "litecoind.log")

    def _node_ready(self) -> bool:
        try:
            self.rpc("getblockchaininfo")
        except (OSError, NodeRpcError):  # not listening yet, or -28 "Loading block index"
            return False
        return True

    def _fund_miner(self) -> None:
        self.rpc("createwallet", MINER_WALLET)
        self.miner_address = str(self.rpc("getnewaddress", wallet=MINER_WALLET))
        self.mine(INITIAL_BLOCKS)

    def rpc(self, method: str, *params: Any, wallet: str | None = None) -> Any:
        """One call to the node (the wallet's endpoint when ``wallet`` is given); a JSON-RPC error
        is ``NodeRpcError``, a connection failure ``OSError``."""
        path = f"/wallet/{wallet}" if wallet else "/"
        body = json.dumps({"jsonrpc": "1.0", "id": 1, "method": method, "params": list(params)}).encode()
        credentials = base64.b64encode(f"{self.rpc_user}:{self.rpc_password}".encode()).decode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.rpc_port}{path}", data=body, headers={
            "Authorization": "Basic " + credentials, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=RPC_TIMEOUT_S) as response:  # noqa: S310 (our own http URL)
                reply = json.loads(response.read())
        except urllib.error.HTTPError as error:  # the node answers RPC errors with HTTP 500 and a body
            reply = json.loads(error.read() or b"null") if error.code in (404, 500) else None
            if not isinstance(reply, dict):
                raise
        if not isinstance(reply, dict):
            raise NodeRpcError(method, "not a JSON-RPC reply")
        if reply.get("error"):
            raise NodeRpcError(method, reply["error"])
        return reply.get("result")

    def mine(self, blocks: int = 1, address: str | None = None) -> list[str]:
        """Mines ``blocks`` blocks (to the miner's wallet by default); their hashes."""
        return [str(h) for h in self.rpc("generatetoaddress", blocks, address or self.miner_address)]

    def height(self) -> int:
        return int(self.rpc("getblockcount"))

    def fund(self, address: str, amount_sats: int) -> str:
        """The faucet: pays ``amount_sats`` from the miner wallet to ``address``, mines the block
        that confirms it and waits until the Electrum server has that block; the txid."""
        if amount_sats <= 0:
            raise ValueError(f"a faucet payment must be positive, not {amount_sats}")
        txid = str(self.rpc("sendtoaddress", address, sats_to_ltc(amount_sats), wallet=MINER_WALLET))
        self.mine(1)
        self.wait_electrum_synced()
        return txid

    # --- the Electrum server ------------------------------------------------------------------------
    def _start_electrum(self) -> None:
        db = self.workdir / "electrumx"
        db.mkdir()
        cert, key = self_signed_certificate(self.workdir)
        self.certificate = cert
        tcp, tls = self.electrum_tcp, self.electrum_tls
        env = {**os.environ, "ALLOW_ROOT": "1", "COIN": "Litecoin", "NET": "regtest", "DB_ENGINE": "leveldb",
               "DAEMON_URL": f"http://{self.rpc_user}:{self.rpc_password}@127.0.0.1:{self.rpc_port}/",
               "DB_DIRECTORY": str(db), "SERVICES": f"tcp://{tcp[0]}:{tcp[1]},ssl://{tls[0]}:{tls[1]}",
               "SSL_CERTFILE": str(cert), "SSL_KEYFILE": str(key), "PEER_DISCOVERY": "off",
               "PEER_ANNOUNCE": "", "LOG_LEVEL": "info", "CACHE_MB": "100",
               # New blocks and transactions within 0.2 s (not 5 s); no throttling of a burst of calls.
               "DAEMON_POLL_INTERVAL_BLOCKS": "200", "DAEMON_POLL_INTERVAL_MEMPOOL": "200",
               "COST_SOFT_LIMIT": "1000000", "COST_HARD_LIMIT": "10000000", "INITIAL_CONCURRENT": "100"}
        python = str(self.tools.python)
        command = ([python, str(self.tools.electrumx_server)] if self.padding_wait_s is None
                   else [python, "-c", _ELECTRUMX_WITH_PADDING_WAIT, str(self.padding_wait_s)])
        self._spawn("electrumx.log", command, env)

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
                sock.sendall(b'{"jsonrpc":"2.0","id":1,"method":"server.version","params":["regtest-stack","1.4"]}\n')
                stream.readline()
                sock.sendall(b'{"jsonrpc":"2.0","id":2,"method":"blockchain.headers.subscribe","params":[]}\n')
                tip = json.loads(stream.readline())["result"]
                return int(tip["height"]), str(tip["hex"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def wait_electrum_synced(self) -> int:
        """Waits until the server's tip is the node's (the same block, not only the same height:
        after a reorganisation both may be equal); that height."""
        if self._stopped:
            raise LitecoinStoppedError()
        target = (self.height(), str(self.rpc("getblockheader", self.rpc("getbestblockhash"), False)))
        self._wait(PART_SERVER, f"the Electrum server reaches block {target[0]}",
                   lambda: self.electrum_tip() == target, self.processes[-1], "electrumx.log")
        return target[0]

    # --- both ----------------------------------------------------------------------------------------
    def _spawn(self, log_name: str, argv: list[str], env: dict[str, str]) -> None:
        with self._lock:  # a stop() from another thread either comes first (nothing starts) or sees it
            if self._stopped:
                raise LitecoinStoppedError()
            with (self.workdir / log_name).open("wb") as log:  # the child keeps its own descriptor
                self.processes.append(subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                                       stderr=subprocess.STDOUT, start_new_session=True))
            (self.workdir / PIDS_FILE).write_text(json.dumps([p.pid for p in self.processes]), encoding="utf-8")

    def _wait(self, part: str, what: str, ready: Callable[[], bool], process: subprocess.Popen[bytes],
              log_name: str) -> None:
        deadline = time.monotonic() + START_LIMIT_S
        while not ready():
            if self._stopped:
                raise LitecoinStoppedError()
            if process.poll() is not None or time.monotonic() > deadline:
                log = self.workdir / log_name
                tail = log.read_text(errors="replace")[-LOG_TAIL_CHARS:] if log.is_file() else ""
                state = f"exited with {process.returncode}" if process.poll() is not None \
                    else f"no answer within {START_LIMIT_S:.0f} s: waiting until {what}"
                raise LitecoinStartError(part=part, state=state, log=log, log_tail=tail)
            time.sleep(_POLL_INTERVAL_S)

    def pids(self) -> list[int]:
        """The process ids (each also its group's id) of what runs now."""
        return [process.pid for process in self.processes if process.poll() is None]

    def stop(self) -> None:
        """Stops the server, then the node (both process groups); safe to call twice, from any thread."""
        with self._lock:
            self._stopped = True
            processes = list(self.processes)
            self.processes.clear()
        atexit.unregister(self.stop)
        while processes:
            stop_process_group(processes.pop())
