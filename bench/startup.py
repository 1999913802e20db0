"""Start-up time of the wallet window over the floor: importing PySide6 and showing an empty QMainWindow.

Both are measured the same way, alternating in one run: wall time from spawning the process until it
prints a marker from the first event-loop turn after ``show()``. Prints medians and their ratio.
Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "WINDOW_SHOWN"
FLOOR_PROGRAM = f"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("{MARKER}", flush=True), app.quit()))
app.exec()
"""


def time_to_marker(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == MARKER:
            elapsed = time.perf_counter() - started
            process.wait(timeout=30)
            return elapsed
    raise RuntimeError(f"{argv} exited without showing a window (code {process.wait()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "WALLET_HOME": home, "WALLET_BENCH_STARTUP": "1"}
        app_argv = [sys.executable, str(ROOT / "main.py")]
        floor_argv = [sys.executable, "-c", FLOOR_PROGRAM]
        time_to_marker(app_argv, env)  # warm the OS file cache for both before measuring
        time_to_marker(floor_argv, env)
        app_times, floor_times = [], []
        for _ in range(args.runs):
            app_times.append(time_to_marker(app_argv, env))
            floor_times.append(time_to_marker(floor_argv, env))
    app_s, floor_s = statistics.median(app_times), statistics.median(floor_times)
    print(f"runs: {args.runs} each, alternating")
    print(f"wallet main window shown:          median {app_s * 1000:7.1f} ms")
    print(f"floor (PySide6 + empty QMainWindow): median {floor_s * 1000:7.1f} ms")
    print(f"ratio wallet/floor: {app_s / floor_s:.2f}")


if __name__ == "__main__":
    main()
