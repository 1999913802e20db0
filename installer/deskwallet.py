"""The installed app's entry point (PyInstaller's script): ``wallet.ui.app.main``, plus a self-test.

Self-test, for the installer tests and for a user who wants to check an install: with
``WALLET_SELFTEST_REPORT=<file>`` the app runs as usual (give it ``--devnet`` to start the playground)
and, from inside its own event loop, watches its widgets: once the main window is visible and the
status bar's block label shows a block height, it writes a JSON report to that file and quits.
The report names the window, the label's text, the height and the executables of the processes the
app started (the anvil chains), so a test can check they came from the bundle. Nothing else changes:
without the variable this is exactly ``main.py``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

SELFTEST_ENV = "WALLET_SELFTEST_REPORT"
SELFTEST_TIMEOUT_ENV = "WALLET_SELFTEST_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 120.0
ICONS_GRACE_S = 15.0  # after the block height shows: how long to wait for the icon library to load
POLL_MS = 100
_HEIGHT = re.compile(r"(\d[\d,]*)")


def child_processes() -> list[tuple[int, str]]:
    """(pid, executable) of this process's live children (Linux /proc; empty elsewhere)."""
    me = str(os.getpid())
    found: list[tuple[int, str]] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = stat.rsplit(")", 1)[1].split()[1]  # the field after the state, past the "(name)"
            if parent == me:
                found.append((int(entry.name), str((entry / "exe").readlink())))
        except (OSError, IndexError):
            continue  # ended meanwhile, or not ours to read
    return sorted(found)


def icons_loaded() -> bool:
    from wallet.ui import icons

    return icons.loaded()


def install_selftest(report_path: Path, timeout_s: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    started = time.monotonic()
    seen: dict[str, object] = {"window_shown_s": None}

    def report(outcome: str, **facts: object) -> None:
        from dataclasses import asdict

        from wallet.build_info import build_info

        children = child_processes()
        report_path.write_text(json.dumps({
            "outcome": outcome, **seen, **facts,
            "build_info": asdict(build_info()),  # what Help → About shows
            "frozen": bool(getattr(sys, "frozen", False)),
            "bundle_dir": getattr(sys, "_MEIPASS", ""),
            "executable": sys.executable,
            "sys_path": sys.path,
            "children": [exe for _, exe in children],
            "child_pids": [pid for pid, _ in children],
        }, indent=2), encoding="utf-8")
        timer.stop()
        app.quit()

    def poll() -> None:
        windows = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
        if windows and seen["window_shown_s"] is None:
            seen["window_shown_s"] = round(time.monotonic() - started, 3)
            seen["window_title"] = windows[0].windowTitle()
        block = windows[0].findChild(QLabel, "blockLabel") if windows else None
        chain = windows[0].findChild(QLabel, "chainLabel") if windows else None
        text = block.text() if block is not None else ""
        match = _HEIGHT.search(text)
        now = time.monotonic()
        if match and seen.get("block_shown_s") is None:
            seen["block_shown_s"] = round(now - started, 3)
        icons = icons_loaded()
        if match and (icons or now - started - float(seen["block_shown_s"] or 0) > ICONS_GRACE_S):
            screenshot = report_path.with_suffix(".png")
            windows[0].grab().save(str(screenshot))
            report("block-height-shown", block_label=text, height=int(match.group(1).replace(",", "")),
                   chain_label=chain.text() if chain is not None else "", icons_loaded=icons,
                   platform=app.platformName(), screenshot=str(screenshot), seconds=round(now - started, 3))
        elif now - started > timeout_s:
            report("timeout", block_label=text, icons_loaded=icons)

    timer = QTimer(app)
    timer.timeout.connect(poll)
    timer.start(POLL_MS)


def run() -> int:
    report_to = os.environ.get(SELFTEST_ENV)
    if report_to:
        install_selftest(Path(report_to), float(os.environ.get(SELFTEST_TIMEOUT_ENV) or DEFAULT_TIMEOUT_S))
    from wallet.ui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
