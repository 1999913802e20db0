"""The History and Accounts pages with a large wallet: time to show each, and the longest GUI-thread block.

A wallet of 10 watch accounts, 200 tracked tokens and 10,000 history rows (the wallet's own sent
records in ``transactions``, and transfers the history sync found in ``transfers``) on one local
anvil chain. Each page is measured in a window of the main window's size, offscreen:

* shown: from constructing the page (History's build imports its module, as the app's first show does)
  to the event-loop turn after the window's first paint;
* the longest GUI-thread block (a 5 ms QTimer heartbeat records every event-loop turn; the longest
  gap between two turns) during a full refresh — the Accounts page handed a 10 × 200 balance sheet
  (what a balance refresh does with its answer; the network part runs off the GUI thread), the
  History page reading its 10,000 rows from the database again — and while the history table is
  scrolled from top to bottom a page at a time, and the holdings table likewise.

History reads its found transfers in a task and syncs with the node in another, as in the app; it
is "complete" once every row is on screen. Each figure is printed beside its goal (issue 13: a page
shown in at most 150 ms, no block over 50 ms). ``--profile`` adds the top functions (cProfile) of
each step whose figure misses its goal.
Usage: QT_QPA_PLATFORM=offscreen python bench/ui_scale.py [--history N] [--accounts N] [--tokens N] [--profile]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import itertools
import os
import pstats
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QSize, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMainWindow, QWidget

from wallet.accounts.model import AccountKind
from wallet.chains.address import checksum_encode
from wallet.chains.registry import Chain, NativeCurrency, TokenInfo
from wallet.devnet.anvil import AnvilNode, start_anvil
from wallet.services.balances import NATIVE, BalanceSheet, build_portfolio
from wallet.services.network import genesis_hash
from wallet.settings import Settings
from wallet.store.transfers import COIN_TRANSFER, Transfer
from wallet.ui.context import AppContext
from wallet.ui.startup import after_first_paint

if TYPE_CHECKING:
    from wallet.ui.pages.accounts_page import AccountsPage
    from wallet.ui.pages.history_page import HistoryPage

TICK_MS = 5
SHOW_GOAL_S = 0.150
BLOCK_GOAL_S = 0.050
WINDOW_SIZE = QSize(1100, 720)  # the main window's start size
BENCH_CHAIN_ID = 31_977
OWN_SENT_SHARE = 0.2  # of the history rows, the wallet's own records; the rest found transfers
PROFILE_LINES = 14


@dataclass
class Figure:
    name: str
    seconds: float
    goal_s: float | None  # None: shown for information (the page's build is one block: its goal is the show's)
    note: str = ""
    profile: str = ""

    @property
    def met(self) -> bool:
        return self.goal_s is None or self.seconds <= self.goal_s


@dataclass
class Results:
    figures: list[Figure] = field(default_factory=list)
    history_rows: int = 0  # rows the History table showed
    holdings_rows: int = 0  # rows the holdings table showed for the first account
    history_pages_scrolled: int = 0

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure


def _quiet_offscreen_warnings(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform's, once per window
        print(message)


def random_address(rng: random.Random) -> str:
    return checksum_encode(rng.randbytes(20))


# --- the wallet -----------------------------------------------------------------------------------
def fill_wallet(context: AppContext, chain: Chain, genesis: str, accounts: int, tokens: int, history: int,
                seed: int = 13) -> tuple[list[str], list[TokenInfo]]:
    """``accounts`` watch accounts, ``tokens`` tracked tokens and ``history`` rows of history on ``chain``."""
    rng = random.Random(seed)
    owners = [context.accounts.add(f"Account {i + 1}", AccountKind.WATCH, random_address(rng)).address
              for i in range(accounts)]
    for index in range(tokens):
        context.tokens.add(chain.chain_id, TokenInfo(random_address(rng), f"TK{index:03d}", f"Token {index}", 18),
                           "custom")
    tracked = context.tokens.tracked(chain)
    own_sent = int(history * OWN_SENT_SHARE)
    started = time.time() - history * 60  # a row a minute, up to now
    for index in range(own_sent):
        sender = owners[index % len(owners)]
        token = tracked[index % len(tracked)] if tracked and index % 3 else None
        record = context.transactions.add(
            chain.chain_id, "0x" + rng.randbytes(32).hex(), sender, index // len(owners), random_address(rng),
            token.address if token else None, token.symbol if token else chain.native.symbol,
            token.decimals if token else chain.native.decimals, rng.randrange(1, 10**21), "send",
            {"chainId": chain.chain_id, "nonce": index // len(owners), "gas": 21_000}, "0x02", genesis_hash=genesis)
        context.transactions.set_status(record.id, "confirmed", 1 + index, 21_000 * 10**9)
    transfers = []
    for index in range(history - own_sent):
        token = tracked[index % len(tracked)] if tracked and index % 4 else None
        incoming = index % 2 == 0
        owner, other = owners[index % len(owners)], random_address(rng)
        transfers.append(Transfer(
            chain.chain_id, genesis, "0x" + rng.randbytes(32).hex(), index if token else COIN_TRANSFER, 1 + index,
            int(started + index * 60), other if incoming else owner, owner if incoming else other,
            token.address if token else None, token.symbol if token else None, token.decimals if token else None,
            rng.randrange(1, 10**21)))
    context.transfers.add_many(transfers)
    return owners, tracked


def balance_sheet(chain: Chain, owners: list[str], tokens: list[TokenInfo], block: int, seed: int = 7) -> BalanceSheet:
    """Every account holding every token (a third of them nothing), priced: the largest sheet a refresh brings."""
    rng = random.Random(seed)
    native = {owner: rng.randrange(10**15, 10**21) for owner in owners}
    amounts = {(owner, token.address): (rng.randrange(1, 10**22) if rng.random() > 1 / 3 else 0)
               for owner in owners for token in tokens}
    prices = {token.address: Decimal(rng.randrange(1, 10**6)) / 100 for token in tokens[::2]}
    prices[NATIVE] = Decimal("2500.00")
    return BalanceSheet(chain.key, block, native, amounts, usd_prices=prices)


# --- measuring ------------------------------------------------------------------------------------
class Heartbeat:
    """A timer every ``TICK_MS``: the longest gap between its ticks is the GUI thread's longest block."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self) -> Heartbeat:
        self.ticks = [time.perf_counter()]
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.stop()
        self.ticks.append(time.perf_counter())

    @property
    def longest_gap_s(self) -> float:
        return max((b - a for a, b in itertools.pairwise(self.ticks)), default=0.0)


def spin(until: Callable[[], bool], limit_s: float = 60.0) -> None:
    """Runs the event loop until ``until()`` (checked on every turn) or the limit."""
    app = QCoreApplication.instance()
    assert app is not None
    deadline = time.perf_counter() + limit_s
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the page did not get there in time")
        app.processEvents()
        time.sleep(0.0005)


def settle(seconds: float = 0.05) -> None:
    until = time.perf_counter() + seconds
    spin(lambda: time.perf_counter() >= until)


@contextlib.contextmanager
def profiled(enabled: bool) -> Iterator[cProfile.Profile | None]:
    profile = cProfile.Profile() if enabled else None
    if profile is not None:
        profile.enable()
    try:
        yield profile
    finally:
        if profile is not None:
            profile.disable()


def top_functions(profile: cProfile.Profile | None) -> str:
    if profile is None:
        return ""
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(PROFILE_LINES)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(lines[start:])


def host_window() -> QMainWindow:
    window = QMainWindow()
    window.resize(WINDOW_SIZE)
    return window


def frame_after(window: QWidget, until: Callable[[], bool]) -> float:
    """Runs the event loop until ``until()``, then until the window's next frame; returns that frame's time."""
    spin(until)
    painted: list[float] = []
    after_first_paint(window, lambda: painted.append(time.perf_counter()))
    window.update()
    spin(lambda: bool(painted))
    return painted[0]


def show_page(build: Callable[[], QWidget], profile: bool, complete: Callable[[QWidget], bool] = lambda _: True,
              ) -> tuple[QMainWindow, QWidget, float, float, float, float, str]:
    """Builds a page into a fresh window and shows it: the time to its first frame and the longest block
    on the way (the build is one), then the time until ``complete(page)`` is on screen (what it reads in
    tasks has come) and the longest block after the first frame."""
    window = host_window()
    painted: list[float] = []
    after_first_paint(window, lambda: painted.append(time.perf_counter()))
    with profiled(profile) as prof:
        with Heartbeat() as beat:
            started = time.perf_counter()
            page = build()
            window.setCentralWidget(page)
            window.show()
            spin(lambda: bool(painted))
        with Heartbeat() as after:
            done = frame_after(window, lambda: complete(page))
    return (window, page, painted[0] - started, beat.longest_gap_s, done - started, after.longest_gap_s,
            top_functions(prof))


def next_frame(window: QWidget, action: Callable[[], None], profile: bool,
               until: Callable[[], bool] = lambda: True) -> tuple[float, float, str]:
    """Runs ``action`` from the event loop, then waits for ``until()`` and the frame after it: the time
    to that frame and the longest block on the way."""
    started: list[float] = []

    def run() -> None:
        started.append(time.perf_counter())
        action()

    with Heartbeat() as beat, profiled(profile) as prof:
        QTimer.singleShot(0, run)
        spin(lambda: bool(started))
        done = frame_after(window, until)
        settle()
    return done - started[0], beat.longest_gap_s, top_functions(prof)


def scroll_through(view: QAbstractItemView, profile: bool) -> tuple[float, float, int, str]:
    """Pages the view from top to bottom, one page per event-loop turn (each painted): the longest
    block, the whole time and the number of pages."""
    bar = view.verticalScrollBar()
    bar.setValue(0)
    settle()
    steps = [0]

    def step() -> None:
        bar.setValue(bar.value() + max(bar.pageStep(), 1))
        steps[0] += 1

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(step)
    with Heartbeat() as beat, profiled(profile) as prof:
        started = time.perf_counter()
        timer.start()
        spin(lambda: bar.value() >= bar.maximum())
        timer.stop()
        settle()
    return beat.longest_gap_s, time.perf_counter() - started, steps[0], top_functions(prof)


def largest_view(page: QWidget) -> QAbstractItemView:
    views = [v for v in page.findChildren(QAbstractItemView) if not isinstance(v, QHeaderView)]
    model_rows = [(v.model().rowCount() if v.model() is not None else 0, i) for i, v in enumerate(views)]
    return views[max(model_rows)[1]]


# --- the run --------------------------------------------------------------------------------------
def run(chain: Chain, history: int, accounts: int, tokens: int, profile: bool = False) -> Results:
    """Measures both pages against ``chain`` (a running node: the history's genesis is its block 0)."""
    from wallet.ui.pages.accounts_page import AccountsPage  # imported at start-up in the app

    results = Results()
    context = AppContext.create(Settings(network=chain.key))
    try:
        context.network.add_chains([chain])
        context.network.select(chain.key)
        genesis = genesis_hash(context.network.client(chain))  # known from now on: History shows transfers
        owners, tracked = fill_wallet(context, chain, genesis, accounts, tokens, history)
        sheet = balance_sheet(chain, owners, tracked, block=history + 10)
        portfolio = build_portfolio(sheet, chain, owners, tracked)  # made in the refresh's task in the app
        gc.freeze()  # as the app does with its start-up's objects after the first frame (wallet.ui.app)

        # History: its own records are read on the GUI thread, found transfers in a task; its sync runs
        # against the node as in the app (a fresh chain: quickly done).
        def build_history() -> HistoryPage:
            from wallet.ui.pages.history_page import HistoryPage  # the app imports it on the first show too

            page = HistoryPage(context)
            page.refresh()  # what the window does when the page is selected
            return page

        def all_rows(page: QWidget) -> bool:
            return not cast("HistoryPage", page).loading and largest_view(page).model().rowCount() >= history

        window, history_widget, shown_s, block_s, complete_s, after_s, prof = show_page(
            build_history, profile, all_rows)
        history_page = cast("HistoryPage", history_widget)
        rows = results.history_rows = largest_view(history_page).model().rowCount()
        results.add(Figure("History shown (first frame; its module's import included)", shown_s, SHOW_GOAL_S,
                           "", prof))
        results.add(Figure("  longest block while showing it (the build)", block_s, None))
        results.add(Figure("History complete (every row on screen)", complete_s, None, f"{rows:,} rows"))
        results.add(Figure("  longest block from the first frame to then", after_s, BLOCK_GOAL_S))
        refresh_s, block_s, prof = next_frame(
            window, history_page.reload_transfers, profile, lambda: not history_page.loading)
        results.add(Figure("History full refresh (every row read again) to its frame", refresh_s, SHOW_GOAL_S))
        results.add(Figure("  longest block during the refresh", block_s, BLOCK_GOAL_S, "", prof))
        block_s, total_s, pages, prof = scroll_through(largest_view(history_page), profile)
        results.history_pages_scrolled = pages
        results.add(Figure("History scrolled top to bottom: longest block", block_s, BLOCK_GOAL_S,
                           f"{pages} pages in {total_s:.2f} s", prof))
        while history_page.syncing or history_page.loading:  # its tasks end before the context does
            spin(lambda: True, 0.05)
            settle()
        window.close()
        window.deleteLater()

        # Accounts
        window, accounts_widget, shown_s, block_s, _, _, prof = show_page(lambda: AccountsPage(context), profile)
        accounts_page = cast("AccountsPage", accounts_widget)
        results.add(Figure("Accounts shown (first build)", shown_s, SHOW_GOAL_S,
                           f"{accounts} accounts", prof))
        results.add(Figure("  longest block while showing it (the build)", block_s, None))
        accounts_page.select_account(context.accounts.all()[0].id)
        settle()
        refresh_s, block_s, prof = next_frame(
            window, lambda: accounts_page.apply_balances(chain, sheet, tracked, portfolio), profile)
        results.add(Figure(f"Accounts full refresh ({accounts} x {len(tracked)} balance sheet) to its frame",
                           refresh_s, SHOW_GOAL_S))
        results.add(Figure("  longest block during the refresh", block_s, BLOCK_GOAL_S, "", prof))
        holdings = largest_view(accounts_page)
        results.holdings_rows = holdings.model().rowCount()
        block_s, total_s, pages, prof = scroll_through(holdings, profile)
        results.add(Figure("Holdings scrolled top to bottom: longest block", block_s, BLOCK_GOAL_S,
                           f"{holdings.model().rowCount()} rows, {pages} pages in {total_s:.2f} s", prof))
        window.close()
        window.deleteLater()
    finally:
        context.shutdown()
    return results


def report(results: Results, show_profiles: bool) -> str:
    lines = []
    for figure in results.figures:
        note = f"   ({figure.note})" if figure.note else ""
        goal = "" if figure.goal_s is None else (f"   goal <= {figure.goal_s * 1000:.0f} ms   "
                                                 f"{'met' if figure.met else 'NOT met'}")
        lines.append(f"{figure.name:<66} {figure.seconds * 1000:8.1f} ms{goal}{note}")
    if show_profiles:
        for figure in results.figures:
            if figure.profile and not figure.met:
                lines += ["", f"--- where the time goes: {figure.name.strip()} (cProfile, cumulative) ---",
                          figure.profile]
    return "\n".join(lines)


def bench_chain(node: AnvilNode) -> Chain:
    return Chain(key="bench", chain_id=node.chain_id, name="Bench chain", native=NativeCurrency("ETH", "Ether", 18),
                 rpc_urls=(node.rpc_url,), devnet=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--history", type=int, default=10_000, help="history rows (default 10,000)")
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--tokens", type=int, default=200, help="tracked tokens (default 200)")
    parser.add_argument("--profile", action="store_true", help="cProfile each step; print those missing a goal")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_quiet_offscreen_warnings)
    app = QApplication.instance() or QApplication([])
    assert app is not None
    with tempfile.TemporaryDirectory(prefix="wallet-ui-scale-") as home:
        os.environ["WALLET_HOME"] = home  # a throw-away wallet
        node = start_anvil(BENCH_CHAIN_ID)
        try:
            results = run(bench_chain(node), args.history, args.accounts, args.tokens, args.profile)
        finally:
            node.stop()
    print(f"wallet: {args.accounts} accounts x {args.tokens} tokens, {args.history:,} history rows "
          f"({OWN_SENT_SHARE:.0%} sent by the wallet, the rest found transfers); offscreen; "
          f"{'profiled (times inflated)' if args.profile else 'not profiled'}")
    print(report(results, args.profile))
    if not args.profile and not all(f.met for f in results.figures):
        print("\nrun with --profile to see where the time goes")


if __name__ == "__main__":
    main()
