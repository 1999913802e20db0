"""Start-up time of the wallet window over the floor: importing PySide6 and showing an empty QMainWindow.

Both are measured the same way, alternating in one run: wall time from spawning the process until it
prints a marker on the event-loop turn after the window's first paint (the first frame is on screen).
Prints medians, their ratio and the goal (issue 13: at most 1.5 × the floor).

Bytecode: an installed wallet runs from compiled ``.pyc`` files (pip compiles them at install; a source
checkout writes ``__pycache__`` on first run). Both processes therefore get a private bytecode cache
(``PYTHONPYCACHEPREFIX`` in a temporary directory), filled by the warm-up run, even when the calling
environment sets ``PYTHONDONTWRITEBYTECODE``. ``--compile-each-run`` keeps that variable instead, so
every run compiles the wallet's sources again (what a read-only source checkout costs).
``--accounts N`` starts the wallet on a home with N watch accounts (the accounts table on screen)
instead of the first start's empty home (the setup panel). ``--profile`` then shows where the wallet's
time goes: its slowest imports (``-X importtime``, cumulative) and its slowest calls (cProfile).
Usage: python bench/startup.py [--runs N] [--compile-each-run] [--accounts N] [--profile]
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "WINDOW_SHOWN"
GOAL_RATIO = 1.5
# The marker is printed on the event-loop turn after the window's first paint event (wallet.ui.startup
# .after_first_paint does the same for the wallet): the frame has been painted and flushed by then. A
# single-shot timer queued right after show() would fire before the first paint, and so not count it.
FLOOR_PROGRAM = f"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("{MARKER}", time.process_time(), flush=True), app.quit()))
        return False

app = QApplication([])
window = QMainWindow()
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
app.exec()
"""


def time_to_marker(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time to the marker, and the CPU time the process had used by then (its own report)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        marker, _, cpu_s = line.strip().partition(" ")
        if marker == MARKER:
            elapsed = time.perf_counter() - started
            process.wait(timeout=30)
            return elapsed, float(cpu_s)
    raise RuntimeError(f"{argv} exited without showing a window (code {process.wait()})")


def bench_env(home: str, bytecode_dir: str, compile_each_run: bool) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "WALLET_HOME": home, "WALLET_BENCH_STARTUP": "1"}
    if not compile_each_run:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_dir
    return env


ADD_ACCOUNTS = """
import sys
from wallet.accounts.model import AccountKind
from wallet.chains.address import checksum_encode
from wallet.paths import database_path
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

accounts = AccountStore(connect(database_path()))
for index in range(int(sys.argv[1])):
    accounts.add(f"Account {index + 1}", AccountKind.WATCH, checksum_encode(bytes([index + 1]) * 20))
"""
PROFILE_LINES = 25


def add_accounts(count: int, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-c", ADD_ACCOUNTS, str(count)], env=env, check=True, cwd=ROOT)


def profile(app_argv: list[str], env: dict[str, str]) -> None:
    """One more start of each kind, for the where-the-time-goes figures (slower: not timed)."""
    result = subprocess.run([sys.executable, "-X", "importtime", *app_argv[1:]], env=env, capture_output=True,
                            text=True, check=True, cwd=ROOT)
    rows = []
    for line in result.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[1].strip().isdigit():
            rows.append((int(fields[1]), int(fields[0]), fields[2].rstrip()))
    print("\n--- slowest imports of one start (-X importtime: cumulative, self; microseconds) ---")
    for cumulative, own, name in sorted(rows, reverse=True)[:PROFILE_LINES]:
        print(f"{cumulative:9d} {own:8d}  {name}")
    with tempfile.NamedTemporaryFile(suffix=".prof") as stats_file:
        subprocess.run([sys.executable, "-m", "cProfile", "-o", stats_file.name, *app_argv[1:]], env=env,
                       capture_output=True, check=True, cwd=ROOT)
        out = io.StringIO()
        pstats.Stats(stats_file.name, stream=out).sort_stats("tottime").print_stats(PROFILE_LINES)
    print("\n--- slowest calls of one start (cProfile, own time; inflated by the profiler) ---")
    print("\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compile-each-run", action="store_true",
                        help="no bytecode cache: every run compiles the wallet's modules from source")
    parser.add_argument("--accounts", type=int, default=0, help="watch accounts in the wallet (default: a first start)")
    parser.add_argument("--profile", action="store_true", help="then show where the wallet's start-up time goes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as bytecode_dir:
        env = bench_env(home, bytecode_dir, args.compile_each_run)
        if args.accounts:
            add_accounts(args.accounts, env)
        app_argv = [sys.executable, str(ROOT / "main.py")]
        floor_argv = [sys.executable, "-c", FLOOR_PROGRAM]
        time_to_marker(app_argv, env)  # warm the OS file cache (and the bytecode cache) for both
        time_to_marker(floor_argv, env)
        app_runs, floor_runs = [], []
        for _ in range(args.runs):
            app_runs.append(time_to_marker(app_argv, env))
            floor_runs.append(time_to_marker(floor_argv, env))
    app_s, floor_s = (statistics.median(wall for wall, _ in runs) for runs in (app_runs, floor_runs))
    app_cpu_s, floor_cpu_s = (statistics.median(cpu for _, cpu in runs) for runs in (app_runs, floor_runs))
    ratio = app_s / floor_s
    print(f"runs: {args.runs} each, alternating; bytecode "
          f"{'compiled on every run' if args.compile_each_run else 'cached (as installed)'}; wallet: "
          f"{f'{args.accounts} watch accounts' if args.accounts else 'first start (empty home)'}")
    print(f"wallet main window shown:            median {app_s * 1000:7.1f} ms   (CPU {app_cpu_s * 1000:6.1f} ms)")
    print(f"floor (PySide6 + empty QMainWindow): median {floor_s * 1000:7.1f} ms   (CPU {floor_cpu_s * 1000:6.1f} ms)")
    print(f"ratio wallet/floor: {ratio:.2f}   goal: <= {GOAL_RATIO:.1f}   "
          f"{'met' if ratio <= GOAL_RATIO else 'NOT met'}")
    # CPU time does not count waiting for a busy machine's cores: on a shared machine it is the steadier
    # figure (both processes are single-threaded until the window shows).
    print(f"CPU-time ratio wallet/floor: {app_cpu_s / floor_cpu_s:.2f}")
    if args.profile:
        with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as bytecode_dir:
            env = bench_env(home, bytecode_dir, args.compile_each_run)
            if args.accounts:
                add_accounts(args.accounts, env)
            time_to_marker(app_argv, env)  # the bytecode cache
            profile(app_argv, env)


if __name__ == "__main__":
    main()
