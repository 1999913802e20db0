"""Settings persist atomically; a damaged or interrupted save never loses the last good file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wallet.errors import FileWriteError
from wallet.paths import PROJECT_ROOT
from wallet.settings import Settings, load_settings, save_settings, settings_path
from wallet.store.atomic import atomic_write_text


def test_round_trip() -> None:
    save_settings(Settings(network="wanchain", language="zh_CN"))
    assert load_settings() == Settings(network="wanchain", language="zh_CN")
    assert settings_path().stat().st_mode & 0o777 == 0o600


def test_missing_file_gives_defaults() -> None:
    assert load_settings() == Settings()


def test_damaged_file_is_set_aside_and_defaults_used() -> None:
    settings_path().write_text("{ half a json")
    assert load_settings() == Settings()
    assert settings_path().with_suffix(".damaged").read_text() == "{ half a json"


def test_unknown_values_fall_back() -> None:
    settings_path().write_text(json.dumps({"network": 5, "language": "klingon", "future_option": True}))
    assert load_settings() == Settings()


def test_crash_between_write_and_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.json"
    atomic_write_text(target, "old")

    def crash(self: Path, other: Path) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(FileWriteError, match=r"file\.json could not be saved"):
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]  # no temp file left behind


def test_deeply_nested_file_is_set_aside_too(wallet_home: Path) -> None:
    # In a fresh interpreter, as at start-up (before anything raises the recursion limit).
    settings_path().write_text("[" * 100_000)
    code = "from wallet.settings import Settings, load_settings\nassert load_settings() == Settings()"
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)
    assert settings_path().with_suffix(".damaged").read_text() == "[" * 100_000
