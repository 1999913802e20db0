"""How long the Qt event loop is blocked while balances refresh through a slow node.

A loopback proxy answers every JSON-RPC request after a 1-second delay (forwarding to a devnet
chain). The main window refreshes the balances of 10 accounts × the devnet's tokens through it while
a 5 ms timer records every event-loop turn; the longest gap between turns is the longest block. The
same timer over an idle window of equal length is printed beside it as the floor.
Usage: QT_QPA_PLATFORM=offscreen python bench/ui_latency.py [--delay-s 1.0]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WALLET_HOME", f"/tmp/wallet-bench-{os.getpid()}")  # noqa: S108 - a throw-away home

from eth_account import Account
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from wallet.accounts.model import AccountKind
from wallet.devnet import Devnet
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

TICK_MS = 5


def delaying_proxy(target: str, delay_s: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(delay_s)
            request = urllib.request.Request(  # noqa: S310 - the loopback devnet URL
                target, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback devnet
                reply = response.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def longest_gap(app: QApplication, until: object, limit_s: float) -> tuple[float, float]:
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(TICK_MS)
    started = time.perf_counter()
    while not until() and time.perf_counter() - started < limit_s:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return max(gaps, default=0.0), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delay-s", type=float, default=1.0)
    args = parser.parse_args()
    app = QApplication([])
    with Devnet.start((31950,)) as devnet:
        proxy = delaying_proxy(devnet.chains[0].rpc_urls[0], args.delay_s)
        slow = dataclasses.replace(devnet.chains[0], rpc_urls=(f"http://127.0.0.1:{proxy.server_address[1]}",))
        context = AppContext.create(Settings(network=slow.key))
        context.network.add_chains([slow])
        for index in range(10):
            context.accounts.add(f"Watch {index}", AccountKind.WATCH, Account.create().address)
        window = MainWindow(context, Translations(app), poll_interval_ms=600_000)
        window.show()
        page = window.accounts_page
        page.sheet = None
        idle_gap, _ = longest_gap(app, lambda: False, 1.0)
        page.refresh_balances()
        refresh_gap, refresh_s = longest_gap(app, lambda: page.sheet is not None, 60.0)
        assert page.sheet is not None, "the refresh did not finish"
        window.monitor.stop()
        context.shutdown()
        proxy.shutdown()
    print(f"balance refresh of 10 accounts x {len(slow.tokens)} tokens through a node answering after "
          f"{args.delay_s:g} s: {refresh_s:.1f} s")
    print(f"longest event-loop block during the refresh: {refresh_gap * 1000:6.1f} ms")
    print(f"longest event-loop block while idle (floor):  {idle_gap * 1000:6.1f} ms")
    print(f"ratio refresh/idle: {refresh_gap / idle_gap:.1f}")


if __name__ == "__main__":
    main()
