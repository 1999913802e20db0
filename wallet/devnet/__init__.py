"""The local devnet: real anvil chains with Uniswap V2/V3, Multicall3 and test tokens deployed.

It is the app's offline playground and the tests' fixture. ``Devnet.start()`` launches the chains in
parallel, deploys on each, and writes a manifest that the chain registry reads like any other chain
file; ``stop()`` ends the anvil processes by PID.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from wallet.chains.registry import Chain, chain_to_json
from wallet.devnet.anvil import AnvilNode, start_anvil
from wallet.devnet.deploy import deploy_playground
from wallet.store.atomic import atomic_write_text

DEFAULT_CHAIN_IDS = (31337, 31338)
MANIFEST_NAME = "devnet.json"


@dataclass
class Devnet:
    """Running devnet chains; a context manager that stops them on exit."""

    nodes: list[AnvilNode]
    chains: list[Chain]
    manifest_path: Path | None = None
    started_in_s: float = field(default=0.0)

    @classmethod
    def start(cls, chain_ids: tuple[int, ...] = DEFAULT_CHAIN_IDS, manifest_path: Path | None = None) -> Devnet:
        if len(set(chain_ids)) != len(chain_ids):
            raise ValueError(f"devnet chain ids must be distinct: {chain_ids}")
        started = time.monotonic()
        nodes: list[AnvilNode] = []
        try:
            with ThreadPoolExecutor(max_workers=len(chain_ids)) as pool:
                for node in pool.map(start_anvil, chain_ids):
                    nodes.append(node)
                chains = list(pool.map(lambda n: deploy_playground(n.rpc_url, n.chain_id), nodes))
        except BaseException:
            for node in nodes:
                node.stop()
            raise
        devnet = cls(nodes=nodes, chains=chains, manifest_path=manifest_path,
                     started_in_s=time.monotonic() - started)
        atexit.register(devnet.stop)  # a normal interpreter exit never leaves chains behind
        if manifest_path is not None:
            atomic_write_text(manifest_path, json.dumps(devnet.manifest(), indent=2) + "\n", mode=0o644)
        return devnet

    def manifest(self) -> dict[str, object]:
        """The chain-file form of this devnet, plus the PIDs that ``python -m wallet.devnet`` reports."""
        return {
            "chains": [chain_to_json(c) for c in self.chains],
            "pids": {str(n.chain_id): n.pid for n in self.nodes},
        }

    def chain(self, chain_id: int) -> Chain:
        return next(c for c in self.chains if c.chain_id == chain_id)

    def stop(self) -> None:
        atexit.unregister(self.stop)
        for node in self.nodes:
            node.stop()
        if self.manifest_path is not None:
            self.manifest_path.unlink(missing_ok=True)

    def __enter__(self) -> Devnet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def reap_stale_devnet(manifest_path: Path) -> list[int]:
    """Stop the anvil processes a crashed earlier run left behind, as listed in its manifest.

    Only a PID that still belongs to an anvil process is signalled (PIDs get reused); that can be
    checked on Linux through /proc, so elsewhere the stale manifest is just removed.
    """
    try:
        pids = json.loads(manifest_path.read_text(encoding="utf-8")).get("pids", {})
    except (OSError, ValueError, AttributeError):
        return []
    stopped = []
    for pid in (p for p in pids.values() if isinstance(p, int)):
        if _is_anvil(pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGTERM)
                stopped.append(pid)
    manifest_path.unlink(missing_ok=True)
    return stopped


def _is_anvil(pid: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0]
    except OSError:
        return False
    return Path(os.fsdecode(argv0)).name in ("anvil", "anvil.exe")
