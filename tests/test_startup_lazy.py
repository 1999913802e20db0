"""The first frame comes before the network stack and before any background work.

The app's real entry point runs in a fresh interpreter with a network selected (a node on a closed
loopback port). At the window's first paint the RPC client and what it imports (http.client, ssl,
email, sockets) are not loaded, the window's first chain poll is held and the cyclic garbage
collector is paused; after the frame the held work runs (the poll imports the client and fails
against the closed port) and the collector runs again, the start-up's objects frozen out of its way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from wallet.paths import PROJECT_ROOT
from wallet.services.network import NetworkService
from wallet.settings import Settings, save_settings
from wallet.ui.startup import after_first_paint
from wallet.ui.tasks import TaskRunner

NETWORK_MODULES = ("wallet.chains.rpc", "http.client", "ssl", "email.parser", "socket")

PROGRAM = """
import gc, json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from wallet.ui import app as wallet_app
from wallet.ui.main_window import MainWindow

qt_app = QApplication(sys.argv[:1])
watched = sys.argv[1].split(",")
seen = {}

def window():
    return next(w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow))

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, MainWindow) and "paint" not in seen:
            seen["paint"] = {"held": obj.context.tasks.held, "gc": gc.isenabled(),
                             "modules": sorted(set(watched) & set(sys.modules))}
        return False

def later():
    seen["later"] = {"held": window().context.tasks.held, "modules": sorted(set(watched) & set(sys.modules)),
                     "gc": gc.isenabled(), "frozen": gc.get_freeze_count()}
    if "wallet.chains.rpc" in sys.modules or seen.get("waited", 0) > 100:
        qt_app.quit()
    else:
        seen["waited"] = seen.get("waited", 0) + 1
        QTimer.singleShot(50, later)

watch = FirstPaint()
qt_app.installEventFilter(watch)
QTimer.singleShot(200, later)
wallet_app.main([])
print(json.dumps(seen))
"""


def test_the_first_frame_is_painted_before_the_rpc_stack_loads_and_held_work_runs_after(wallet_home: Path) -> None:
    settings = Settings()
    network = NetworkService(settings)
    chain = network.add_custom_chain("Closed port", 99_917, "CLS", "http://127.0.0.1:1/")
    network.select(chain.key)
    save_settings(settings)

    env = {**os.environ, "WALLET_HOME": str(wallet_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROGRAM, ",".join(NETWORK_MODULES)], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["paint"]["modules"] == []  # no network stack for the first frame
    assert seen["paint"]["held"] >= 1  # the chain poll (at least) waits for the frame
    assert seen["later"]["held"] == 0
    assert seen["paint"]["gc"] is False  # no cyclic collection while the start-up builds its objects
    assert seen["later"]["gc"] is True and seen["later"]["frozen"] > 10_000  # then on, the start-up's frozen
    assert "wallet.chains.rpc" in seen["later"]["modules"]  # the poll ran after the frame, on a worker


def test_a_held_runner_starts_nothing_until_released_then_runs_in_order(qtbot: QtBot) -> None:
    runner = TaskRunner(max_threads=1)
    ran: list[int] = []
    done: list[int] = []
    runner.hold()
    for index in range(3):
        runner.submit(lambda index=index: ran.append(index), lambda _: done.append(1))
    qtbot.wait(100)
    assert ran == [] and runner.held == 3 and runner.busy

    runner.release()
    assert runner.held == 0
    qtbot.waitUntil(lambda: len(done) == 3, timeout=3000)
    assert ran == [0, 1, 2]
    runner.submit(lambda: ran.append(3))  # released: new work starts at once
    qtbot.waitUntil(lambda: ran == [0, 1, 2, 3], timeout=3000)
    assert runner.close(3000)


def test_closing_a_held_runner_drops_the_held_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ran: list[int] = []
    runner.hold()
    runner.submit(lambda: ran.append(1))
    assert runner.close(3000)
    runner.release()
    qtbot.wait(100)
    assert ran == [] and runner.held == 0


class PaintCountingWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        self.setCentralWidget(QLabel("first frame"))

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


def test_after_first_paint_calls_back_once_the_window_has_painted(qtbot: QtBot, qapp: QCoreApplication) -> None:
    window = PaintCountingWindow()
    qtbot.addWidget(window)
    calls: list[int] = []
    after_first_paint(window, lambda: calls.append(window.paints))
    window.show()
    assert calls == []  # not on show(): the paint comes later
    qtbot.waitUntil(lambda: calls != [], timeout=3000)
    assert calls[0] >= 1 and QThread.currentThread() is qapp.thread()
    window.update()
    qtbot.waitUntil(lambda: window.paints > calls[0], timeout=3000)
    qtbot.wait(20)
    assert len(calls) == 1  # once


def test_first_paint_callbacks_run_in_the_order_given(qtbot: QtBot) -> None:
    window = PaintCountingWindow()
    qtbot.addWidget(window)
    order: list[str] = []
    after_first_paint(window, lambda: order.append("window's own"))  # e.g. the main window, while it is built
    after_first_paint(window, lambda: order.append("app's"))  # then the app, which releases the held tasks
    window.show()
    qtbot.waitUntil(lambda: len(order) == 2, timeout=3000)
    assert order == ["window's own", "app's"]


UNPAINTED_PROGRAM = """
import gc, json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import wallet.ui.startup
from wallet.ui import app as wallet_app
from wallet.ui.main_window import MainWindow

wallet.ui.startup.after_first_paint = lambda window, callback: None  # as if the window never painted
qt_app = QApplication(sys.argv[:1])
seen = {"started": time.monotonic()}

def check():
    window = next(w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow))
    if window.context.tasks.held == 0 and gc.isenabled():
        seen["released_after_s"] = time.monotonic() - seen["started"]
        qt_app.quit()
    elif time.monotonic() - seen["started"] > 20:
        qt_app.quit()
    else:
        QTimer.singleShot(50, check)

QTimer.singleShot(0, check)
wallet_app.main([])
print(json.dumps(seen))
"""


def test_held_work_starts_even_if_the_window_never_paints(wallet_home: Path) -> None:
    env = {**os.environ, "WALLET_HOME": str(wallet_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", UNPAINTED_PROGRAM], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert "released_after_s" in seen  # the fallback started the held work and the collector
