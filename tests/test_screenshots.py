"""scripts/screenshots renders every page of the main window and the main dialogs in both languages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh_CN")
PAGES = ("accounts", "send", "receive", "history", "swap", "atomic_swap", "devices", "settings")
DIALOGS = ("onboarding", "approvals")
WINDOW_SIZE = QSize(1100, 720)  # MainWindow's default size
APPROVALS_SIZE = QSize(640, 360)  # ApprovalsDialog's
WIZARD_MINIMUM = QSize(640, 480)  # OnboardingWizard's


def test_every_page_and_dialog_is_rendered_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    subprocess.run([str(PROJECT_ROOT / "scripts" / "screenshots"), "--out", str(out)], check=True, timeout=120)
    expected = {f"{language}-{shot}.png" for language in LANGUAGES for shot in PAGES + DIALOGS}
    assert {path.name for path in out.iterdir()} == expected
    for name in expected:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        shot = name.split("-", 1)[1].removesuffix(".png")
        if shot in PAGES:
            assert image.size() == WINDOW_SIZE, name
        elif shot == "approvals":
            assert image.size() == APPROVALS_SIZE, name
        else:
            assert image.width() >= WIZARD_MINIMUM.width() and image.height() >= WIZARD_MINIMUM.height(), name
