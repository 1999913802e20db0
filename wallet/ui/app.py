"""Application entry point: ``python main.py`` or the ``wallet`` console script.

Start-up (issue 13: the first frame within 1.5 × an empty PySide6 window's time; ``bench/startup.py``):

* ``main()`` imports the UI itself, with Python's cyclic garbage collector paused: the start-up
  allocates hundreds of thousands of long-lived objects (Qt's Python types and enums, the wallet's
  modules), and collections triggered by those allocations find nothing to free. Once the first frame
  is painted they are moved out of the collector's sight (``gc.freeze``), so later full collections do
  not walk them again while the GUI thread waits, and collection resumes.
* Work the first frame does not show waits for it: the task runner is held until then (chain polls,
  balance refreshes, the unfinished-swap check, the icon font), and the RPC client is imported by the
  first task that talks to a node.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

# Set by bench/startup.py: print a marker (and the CPU time used) once the first frame is painted, then quit.
BENCH_ENV = "WALLET_BENCH_STARTUP"
# Python runs signal handlers only between bytecodes; while Qt's C++ event loop waits, a timer
# this often hands control back so Ctrl+C or a SIGTERM quits promptly (and cleanly).
SIGNAL_CHECK_MS = 250
# When no first frame has been painted by then (a window started minimized), the held work starts anyway.
FIRST_FRAME_FALLBACK_MS = 2000
log = logging.getLogger(__name__)


def qt_keccak256(data: bytes) -> bytes:
    """Keccak-256 by QtCore, which is in memory already (pycryptodome's would cost ~25 ms of start-up).
    QtCore is looked up once, on the first call (the module itself loads no Qt: see its docstring);
    listing addresses calls this twice per address, so the per-call import check is kept off it."""
    global _qt_hash, _qt_keccak
    if _qt_hash is None:
        from PySide6.QtCore import QCryptographicHash

        _qt_hash, _qt_keccak = QCryptographicHash.hash, QCryptographicHash.Algorithm.Keccak_256
    return bytes(_qt_hash(data, _qt_keccak).data())


_qt_hash: Any = None
_qt_keccak: Any = None


def _app_icon() -> QIcon:
    """The app's icon at the sizes rendered into resources/icons (files read when first drawn)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from wallet.paths import RESOURCES_DIR

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(RESOURCES_DIR / "icons" / f"deskwallet-{size}.png"), QSize(size, size))
    return icon


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from wallet.settings import SUPPORTED_LANGUAGES

    parser = argparse.ArgumentParser(prog="wallet", description="Desktop crypto wallet and DEX client.")
    parser.add_argument("--devnet", action="store_true",
                        help="when no network is configured, start the local devnet playground right away")
    parser.add_argument("--lang", choices=[code for code in SUPPORTED_LANGUAGES if code],
                        help="UI language for this run (default: the saved setting, else the system's)")
    parser.add_argument("--verbose", action="store_true", help="also log to stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    gc.disable()  # until the first frame (see the module's docstring)
    try:
        return _run(parse_args(sys.argv[1:] if argv is None else argv))
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from wallet.chains.address import use_keccak256
    from wallet.logging_setup import configure_logging
    from wallet.settings import load_settings
    from wallet.ui.context import AppContext
    from wallet.ui.i18n import Translations
    from wallet.ui.main_window import MainWindow
    from wallet.ui.startup import after_first_paint
    from wallet.ui.theme import apply_theme

    configure_logging(args.verbose)
    try:
        use_keccak256(qt_keccak256)  # before anything hashes: the registry checks its addresses' checksums
    except ValueError:
        log.warning("this Qt build's Keccak-256 gives wrong answers; using pycryptodome's")
    app = QApplication.instance()
    if app is None:
        # Fractional scale factors (150 %) as the system sets them, not rounded to 1 or 2 (set before the
        # application exists; Qt 6's default, said here so a platform plugin's choice cannot change it).
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("DeskWallet")
    app.setDesktopFileName("deskwallet")  # Wayland matches the window to deskwallet.desktop (the packages')
    app.setWindowIcon(_app_icon())
    apply_theme(app)  # light or dark as the system says, before any widget exists
    settings = load_settings()
    context = AppContext.create(settings)
    translations = Translations(app)
    translations.apply(args.lang or settings.language)
    # The window's first polls and checks (chain height, balances, unfinished swaps, icons) wait for its
    # first frame: their worker threads would compete with the GUI thread while it builds that frame.
    context.tasks.hold()
    window = MainWindow(context, translations)
    app.aboutToQuit.connect(context.shutdown)
    _quit_on_signals(app)
    window.show()
    if args.devnet and context.network.selected_chain() is None:
        window.start_playground()
    bench = bool(os.environ.get(BENCH_ENV))
    started: list[bool] = []

    def first_frame_shown() -> None:
        if started:  # the paint came, or the fallback: whichever is first
            return
        started.append(True)
        gc.freeze()  # the start-up's objects live as long as the app: never walked by a collection again
        gc.enable()
        if bench:  # measured: quit without starting the held work
            print("WINDOW_SHOWN", time.process_time(), flush=True)
            app.quit()
        else:
            context.tasks.release()

    after_first_paint(window, first_frame_shown)
    if not bench:  # a window that is not painted (started minimized, say) holds the app's work back this long
        QTimer.singleShot(FIRST_FRAME_FALLBACK_MS, first_frame_shown)
    return app.exec()


def _quit_on_signals(app: QApplication) -> None:
    """SIGINT/SIGTERM/SIGHUP quit through the event loop, so shutdown stops the devnet chains."""
    from PySide6.QtCore import QTimer

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_CHECK_MS)
