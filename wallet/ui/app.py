"""Application entry point: ``python main.py`` or the ``wallet`` console script."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time

from PySide6.QtCore import QCryptographicHash, QTimer
from PySide6.QtWidgets import QApplication

from wallet.chains.address import use_keccak256
from wallet.logging_setup import configure_logging
from wallet.settings import SUPPORTED_LANGUAGES, load_settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

# Set by bench/startup.py: print a marker (and the CPU time used) once the window is on screen, then quit.
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
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("DeskWallet")
    settings = load_settings()
    context = AppContext.create(settings)
    translations = Translations(app)
    translations.apply(args.lang or settings.language)
    window = MainWindow(context, translations)
    app.aboutToQuit.connect(context.shutdown)
    _quit_on_signals(app)
    window.show()
    if args.devnet and context.network.selected_chain() is None:
        window.start_playground()
    if os.environ.get(BENCH_ENV):
        QTimer.singleShot(0, lambda: (print("WINDOW_SHOWN", time.process_time(), flush=True), app.quit()))
    return app.exec()


def _quit_on_signals(app: QApplication) -> None:
    """SIGINT/SIGTERM/SIGHUP quit through the event loop, so shutdown stops the devnet chains."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_CHECK_MS)
