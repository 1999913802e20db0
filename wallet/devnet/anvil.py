"""One anvil process: a real local EVM chain on a loopback port."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from wallet.devnet.toolchain import anvil_binary
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

# In an installed bundle (PyInstaller), anvil ships inside it at this path below the bundle's files.
BUNDLED_ANVIL_DIR = "bin"
READY_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0
_POLL_INTERVAL_S = 0.02


class AnvilStartError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The local chain {chain_id} did not start: {reason}")


def bundled_anvil() -> Path | None:
    """The anvil inside an installed bundle, when this is one and it has it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not bundle:
        return None
    binary = Path(bundle) / BUNDLED_ANVIL_DIR / ("anvil.exe" if sys.platform.startswith("win") else "anvil")
    return binary if binary.is_file() else None


def find_anvil() -> Path:
    """WALLET_ANVIL when set, else the bundle's own anvil, else the one npm put in ``node_modules``."""
    if os.environ.get("WALLET_ANVIL"):
        return anvil_binary()
    return bundled_anvil() or anvil_binary()


def free_loopback_port() -> int:
    """A port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class AnvilNode:
    """A running anvil; ``stop()`` ends it by PID. Use ``start_anvil`` to make one."""

    chain_id: int
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path | None = field(default=None)

    @property
    def rpc_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def is_running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)


def start_anvil(chain_id: int, *, load_state: Path | None = None, attempts: int = 3) -> AnvilNode:
    """Start anvil on a free loopback port and wait until it answers JSON-RPC.

    A port picked as free can be taken by someone else before anvil binds it; then anvil exits at
    once and we try another port.
    """
    binary = find_anvil()
    last_error = ""
    for _ in range(attempts):
        port = free_loopback_port()
        argv = [
            str(binary), "--host", "127.0.0.1", "--port", str(port),
            "--chain-id", str(chain_id), "--silent",
        ]
        if load_state is not None:
            argv += ["--load-state", str(load_state)]
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        node = AnvilNode(chain_id=chain_id, port=port, process=process)
        if _wait_until_ready(node):
            # Nothing reads stderr from here on; close it so anvil never blocks on a full pipe.
            if process.stderr is not None:
                process.stderr.close()
            return node
        stderr = b""
        if process.poll() is not None and process.stderr is not None:
            stderr = process.stderr.read()
        node.stop()
        last_error = stderr.decode(errors="replace").strip()[-500:] or "no answer"
    raise AnvilStartError(chain_id=chain_id, reason=last_error)


def _wait_until_ready(node: AnvilNode) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_S
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []}).encode()
    while time.monotonic() < deadline:
        if not node.is_running():
            return False
        request = urllib.request.Request(node.rpc_url, data=body,  # noqa: S310 - loopback URL we built
                                         headers={"Content-Type": "application/json"})
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(request, timeout=1.0) as response,  # noqa: S310
        ):
            reply = json.loads(response.read())
            return int(reply["result"], 16) == node.chain_id
        time.sleep(_POLL_INTERVAL_S)
    return False
