"""The benches still run (tiny sizes, no timing asserted): they are how issue 13's goals are measured."""

from __future__ import annotations

import subprocess
import sys

from pytestqt.qtbot import QtBot

from wallet.devnet import Devnet
from wallet.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
import ui_scale


def test_ui_scale_fills_both_pages_scrolls_and_prints_every_figure_beside_its_goal(devnet: Devnet,
                                                                                    qtbot: QtBot) -> None:
    results = ui_scale.run(devnet.chains[0], history=120, accounts=3, tokens=30)
    assert results.history_rows == 120  # every record and transfer is a row
    assert results.history_pages_scrolled >= 2  # the table really scrolled, page by page
    assert results.holdings_rows >= 2  # the first account's coin and tokens (zero balances folded)
    names = [figure.name.strip() for figure in results.figures]
    assert any(name.startswith("History shown") for name in names)
    assert any(name.startswith("Accounts full refresh") for name in names)
    assert all(figure.seconds > 0 for figure in results.figures)
    text = ui_scale.report(results, show_profiles=False)
    assert text.count("goal <=") == sum(1 for f in results.figures if f.goal_s is not None) >= 6


def test_startup_bench_runs_both_programs_to_their_first_frame() -> None:
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "startup.py"), "--runs", "1"],
                            capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr
    assert "wallet main window shown" in result.stdout and "floor" in result.stdout
    assert "goal: <= 1.5" in result.stdout
