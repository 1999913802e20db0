"""Application entry point: ``python main.py`` or the ``wallet`` console script."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time

from PySide6.QtCore import QCryptographicHash, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from wallet.chains.address import use_keccak256
from wallet.logging_setup import configure_logging
from wallet.settings import SUPPORTED_LANGUAGES, load_settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.startup import after_first_paint
from wallet.ui.theme import apply_theme

# Set by bench/startup.py: print a marker (and the CPU time used) once the first frame is painted, then quit.
BENCH_ENV = "WALLET_BENCH_STARTUP"
# Python runs signal handlers only between bytecodes; while Qt's C++ event loop waits, a timer
# this often hands control back so Ctrl+C or a SIGTERM quits promptly (and cleanly).
SIGNAL_CHECK_MS = 250
log = logging.getLogger(__name__)


def qt_keccak256(data: bytes) -> bytes:
    """Keccak-256 by QtCore, which is in memory already (pycryptodome's would cost ~25 ms of start-up)."""
    return bytes(QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Keccak_256).data())


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="wallet", description="Desktop crypto wallet and DEX client.")
    parser.add_argument("--devnet", action="store_true",
                        help="when no network is configured, start the local devnet playground right away")
    parser.add_argument("--lang", choices=[code for code in SUPPORTED_LANGUAGES if code],
                        help="UI language for this run (default: the saved setting, else the system's)")
    parser.add_argument("--verbose", action="store_true", help="also log to stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
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

    def first_frame_shown() -> None:
        if bench:  # measured: quit without starting the held work
            print("WINDOW_SHOWN", time.process_time(), flush=True)
            app.quit()
        else:
            context.tasks.release()

    after_first_paint(window, first_frame_shown)
    return app.exec()


def _quit_on_signals(app: QApplication) -> None:
    """SIGINT/SIGTERM/SIGHUP quit through the event loop, so shutdown stops the devnet chains."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_CHECK_MS)
