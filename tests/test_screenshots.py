"""scripts/screenshots renders every page of the main window and the main dialogs in both languages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QImage

from tests.utxo_stack import missing_parts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh_CN")
PAGES = ("accounts", "send", "receive", "history", "contacts", "swap", "atomic_swap", "devices", "settings")
DIALOGS = ("onboarding", "approvals", "swap_review", "import_key", "add_token", "change_password", "export_keystore",
           "recovery_phrase", "rename_account", "sign_request", "offline_signing", "contact", "about")
DARK = ("accounts-dark",)
UTXO = ("utxo-accounts", "utxo-receive", "utxo-send", "utxo-history")  # with the Litecoin tools (always in CI)
WINDOW_SIZE = QSize(1100, 720)  # MainWindow's default size
APPROVALS_SIZE = QSize(640, 360)  # ApprovalsDialog's
WIZARD_MINIMUM = QSize(640, 480)  # OnboardingWizard's


def test_every_page_and_dialog_is_rendered_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    subprocess.run([str(PROJECT_ROOT / "scripts" / "screenshots"), "--out", str(out)], check=True, timeout=120)
    shots = PAGES + DIALOGS + DARK + (UTXO if missing_parts() is None else ())
    expected = {f"{language}-{shot}.png" for language in LANGUAGES for shot in shots}
    assert {path.name for path in out.iterdir()} == expected
    for name in expected:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        shot = name.split("-", 1)[1].removesuffix(".png")
        if shot in PAGES or shot in DARK or shot in UTXO:
            assert image.size() == WINDOW_SIZE, name
        elif shot == "approvals":
            assert image.size() == APPROVALS_SIZE, name
        elif shot == "onboarding":
            assert image.width() >= WIZARD_MINIMUM.width() and image.height() >= WIZARD_MINIMUM.height(), name
        else:
            assert image.width() >= 200 and image.height() >= 60, name  # a dialog, not an empty grab
    for language in LANGUAGES:  # the dark Accounts page is dark, the light one light
        light, dark = (QImage(str(out / f"{language}-accounts{suffix}.png")) for suffix in ("", "-dark"))
        corner = QPoint(WINDOW_SIZE.width() - 5, WINDOW_SIZE.height() // 2)  # the page's background
        assert light.pixelColor(corner).lightness() > 200 > 80 > dark.pixelColor(corner).lightness(), language
