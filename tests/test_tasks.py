"""TaskRunner: work runs off the GUI thread; results and errors come back on it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from wallet.chains.rpc import RpcTimeoutError
from wallet.ui.tasks import TaskRunner


def test_work_runs_on_a_worker_and_outcomes_return_to_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker_is_gui"] = QThread.currentThread() == gui_thread
        seen["worker_ident"] = threading.get_ident()
        return 42

    def fail() -> int:
        raise RpcTimeoutError(endpoint="node", seconds="1")

    def done(value: int) -> None:
        seen["result"] = value
        seen["done_on_gui"] = QThread.currentThread() == gui_thread

    def failed(error: Exception) -> None:
        seen["error"] = error
        seen["error_on_gui"] = QThread.currentThread() == gui_thread

    runner.submit(work, done)
    runner.submit(fail, on_error=failed)
    qtbot.waitUntil(lambda: "result" in seen and "error" in seen, timeout=3000)

    assert seen["worker_is_gui"] is False and seen["worker_ident"] != threading.get_ident()
    assert seen["result"] == 42 and seen["done_on_gui"] is True
    assert isinstance(seen["error"], RpcTimeoutError) and seen["error_on_gui"] is True
    qtbot.waitUntil(lambda: not runner.busy, timeout=1000)


def test_closed_runner_takes_no_new_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ran: list[int] = []
    runner.submit(lambda: ran.append(1))
    assert runner.close(3000)
    runner.submit(lambda: ran.append(2))
    qtbot.wait(100)
    assert ran == [1]


def test_an_outcome_for_a_widget_deleted_meanwhile_is_dropped(qtbot: QtBot) -> None:
    """A page rebuilt or a dialog closed while its work ran: the outcome has nobody to update, and
    nothing is raised in the event loop (pytest-qt fails the test on any exception there)."""
    from PySide6.QtWidgets import QLabel
    from shiboken6 import Shiboken

    runner = TaskRunner()
    label = QLabel("before")
    delivered: list[str] = []

    def done(text: str) -> None:
        label.setText(text)
        delivered.append(text)

    gate = threading.Event()
    runner.submit(lambda: gate.wait(5) and "after", done)
    Shiboken.delete(label)  # the widget goes while the work is still running
    gate.set()
    qtbot.waitUntil(lambda: not runner._pending, timeout=5000)
    assert delivered == []

    def broken(_: object) -> None:
        raise RuntimeError("a real bug")

    with qtbot.captureExceptions() as raised:
        runner.submit(lambda: 1, broken)
        qtbot.waitUntil(lambda: not runner._pending, timeout=5000)
    assert [str(e[1]) for e in raised] == ["a real bug"]  # other errors still surface
    runner.close(1000)
