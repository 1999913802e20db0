"""The app and the devnet as real processes: no chain outlives the app, even after a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from wallet.devnet import reap_stale_devnet
from wallet.paths import PROJECT_ROOT


def wait_for(predicate, timeout_s: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it is gone for our purposes once it has exited.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def manifest_pids(manifest: Path) -> list[int]:
    return list(json.loads(manifest.read_text())["pids"].values())


def test_sigterm_quits_the_app_cleanly_and_stops_its_chains(wallet_home: Path) -> None:
    env = {**os.environ, "WALLET_HOME": str(wallet_home), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "main.py"), "--devnet"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    manifest = wallet_home / "cache" / "devnet.json"
    try:
        wait_for(manifest.exists)
        pids = manifest_pids(manifest)
        assert len(pids) == 2 and all(alive(pid) for pid in pids)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=15) == 0
    finally:
        app.kill()
    assert not any(alive(pid) for pid in pids)
    assert not manifest.exists()


def test_chains_left_by_a_crash_are_reaped_on_the_next_start(tmp_path: Path) -> None:
    manifest = tmp_path / "devnet.json"
    devnet = subprocess.Popen([sys.executable, "-m", "wallet.devnet", "--chain-ids", "31501", "31502",
                               "--manifest", str(manifest)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(manifest.exists)
    pids = manifest_pids(manifest)
    devnet.kill()  # SIGKILL: no handler runs, the anvil processes are orphaned
    devnet.wait()
    assert all(alive(pid) for pid in pids)

    assert sorted(reap_stale_devnet(manifest)) == sorted(pids)
    wait_for(lambda: not any(alive(pid) for pid in pids), timeout_s=5)
    assert not manifest.exists()


def test_reaping_never_signals_a_pid_that_is_not_anvil(tmp_path: Path) -> None:
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        manifest = tmp_path / "devnet.json"
        manifest.write_text(json.dumps({"chains": [], "pids": {"31337": sleeper.pid}}))
        assert reap_stale_devnet(manifest) == []
        assert sleeper.poll() is None
    finally:
        sleeper.kill()
