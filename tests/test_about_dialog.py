"""The About dialog: version, commit and where the wallet's files are (its Chinese strings are checked by
test_translations like every other)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from wallet import build_info as build_info_module
from wallet.build_info import BuildInfo, build_info, git_commit, package_version, read_build_info
from wallet.paths import PROJECT_ROOT, config_dir, data_dir
from wallet.settings import Settings
from wallet.ui.about_dialog import AboutDialog
from wallet.ui.context import AppContext


@pytest.fixture
def context() -> Iterator[AppContext]:
    made = AppContext.create(Settings())
    yield made
    made.shutdown()


def head_commit() -> str:
    return subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_dialog_shows_version_commit_and_data_folder(qtbot: Any, context: AppContext, wallet_home: Path) -> None:
    dialog = AboutDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=5000)
    assert dialog.version_value.text() == package_version() != ""
    commit = head_commit()
    assert dialog.commit_value.text().startswith(commit[:12])
    assert dialog.data_row.path_label.text() == str(data_dir())
    assert str(wallet_home) in dialog.data_row.path_label.text()
    assert dialog.settings_row.path_label.text() == str(config_dir())
    assert "About DeskWallet" in dialog.windowTitle()

    dialog.data_row.copy_button.click()
    assert QApplication.clipboard().text() == str(data_dir())
    dialog.copy_details_button.click()
    details = QApplication.clipboard().text()
    assert commit in details and str(data_dir()) in details and package_version() in details


def test_recorded_build_info_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle reads the version and commit written at build time and never runs git."""
    recorded = tmp_path / "build-info.json"
    recorded.write_text(json.dumps({"version": "9.8.7", "commit": "ab" * 20, "dirty": False}))
    monkeypatch.setattr(build_info_module, "BUILD_INFO_FILE", recorded)
    assert build_info() == BuildInfo(version="9.8.7", commit="ab" * 20, dirty=False, bundled=False)


def test_damaged_build_info_is_ignored(tmp_path: Path) -> None:
    damaged = tmp_path / "build-info.json"
    damaged.write_text("[1, 2")
    assert read_build_info(damaged) is None
    damaged.write_text('{"version": 7, "commit": null}')
    assert read_build_info(damaged) == BuildInfo(version="", commit="", dirty=False, bundled=False)


def test_no_git_repository_gives_unknown(tmp_path: Path) -> None:
    assert git_commit(tmp_path) == ("", False)
