"""The window comes up without the heavy stacks: they load when a feature first needs them.

Each test starts the app's real entry point (``wallet.ui.app.main``) in a fresh interpreter and
reads ``sys.modules`` on the first event-loop turn after the window is shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from wallet.accounts.model import AccountKind
from wallet.paths import PROJECT_ROOT, database_path
from wallet.settings import Settings, save_settings
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

# Each costs tens to hundreds of milliseconds to import (web3 ~1.4 s, eth_account ~0.4 s; pycryptodome's
# keccak parses C declarations with cffi's pycparser), or talks to devices and the OS keyring.
HEAVY_MODULES = ("web3", "ens", "eth_account", "eth_abi", "eth_utils", "eth_keys", "eth_hash", "Crypto",
                 "cffi", "pycparser", "zxcvbn", "qrcode", "segno", "trezorlib", "hid", "usb1", "bip_utils",
                 "coincurve", "keyring", "rlp", "logging.handlers",
                 # QtAwesome ≈140 ms (its qtpy layer imports every PySide6 module): icons load after the
                 # first frame, on a pool thread (wallet.ui.icons).
                 "qtawesome", "qtpy", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets")

# Takes the first event-loop turn: the QApplication exists before main() builds the window, so this
# single-shot is queued ahead of anything the window queues, and runs once the window has been shown.
PROGRAM = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from wallet.ui import app as wallet_app
from wallet.ui.main_window import MainWindow

qt_app = QApplication(sys.argv[:1])
seen = {}

def first_turn():
    window = next(w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow))
    seen["visible"] = window.isVisible()
    seen["page"] = window.current_page_key()
    seen["nav"] = [window.nav.item(row).text() for row in range(window.nav.count())]
    heavy = set(sys.argv[1].split(","))
    seen["modules"] = sorted(name for name in sys.modules if name in heavy or name.split(".")[0] in heavy)
    qt_app.quit()

QTimer.singleShot(0, first_turn)
wallet_app.main([])
print(json.dumps(seen))
"""


def start_window(wallet_home: Path) -> dict[str, object]:
    env = {**os.environ, "WALLET_HOME": str(wallet_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROGRAM, ",".join(HEAVY_MODULES)], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


def test_first_start_shows_the_window_without_the_heavy_stacks(wallet_home: Path) -> None:
    seen = start_window(wallet_home)
    assert seen["visible"] is True and seen["page"] == "accounts"
    assert seen["nav"] == ["Accounts", "Send", "Receive", "History", "Address book", "Swap",
                           "Atomic swap", "Bitcoin & Litecoin", "Devices", "Settings"]
    assert seen["modules"] == []


def test_a_wallet_with_accounts_in_chinese_starts_without_the_heavy_stacks(wallet_home: Path) -> None:
    save_settings(Settings(language="zh_CN"))
    accounts = AccountStore(connect(database_path()))
    accounts.add("Savings", AccountKind.WATCH, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    accounts.add("Ledger", AccountKind.HARDWARE, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                 derivation_path="m/44'/60'/0'/0/0")
    seen = start_window(wallet_home)
    assert seen["visible"] is True and seen["page"] == "accounts"
    assert seen["nav"][0] == "账户" and seen["nav"][-1] == "设置"  # every page is listed, translated
    assert seen["modules"] == []


# Runs the app until the icons have loaded (after the first frame, off the GUI thread), then reports.
ICONS_PROGRAM = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from wallet.ui import app as wallet_app, icons
from wallet.ui.main_window import MainWindow

qt_app = QApplication(sys.argv[:1])
seen = {"first_turn": None}

def first_turn():
    seen["first_turn"] = {"loaded": icons.loaded(), "qtawesome": "qtawesome" in sys.modules}
    poll()

def poll():
    if not icons.loaded():
        QTimer.singleShot(20, poll)
        return
    window = next(w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow))
    seen["nav_icons"] = [not window.nav.item(row).icon().isNull() for row in range(window.nav.count())]
    qt_app.quit()

QTimer.singleShot(0, first_turn)
QTimer.singleShot(20000, qt_app.quit)
wallet_app.main([])
print(json.dumps(seen))
"""


def test_icons_arrive_after_the_first_frame(wallet_home: Path) -> None:
    env = {**os.environ, "WALLET_HOME": str(wallet_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", ICONS_PROGRAM], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["first_turn"] == {"loaded": False, "qtawesome": False}  # not on the first frame's path
    assert seen["nav_icons"] and all(seen["nav_icons"])  # and then every navigation entry has its icon
