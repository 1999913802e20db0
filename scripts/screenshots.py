"""Renders every page of the main window and the main dialogs, in each language, to PNG files.

Offscreen (no display needed), at the window's default size, against a local devnet started here,
with a fresh wallet home in a temp dir: a hot wallet is created with a throwaway recovery phrase and
its first account is funded by the playground faucet, so balances are not all zero. The Accounts page
is also rendered in the dark scheme (``<lang>-accounts-dark.png``). Icons are loaded first.
Run through ``scripts/screenshots [--out DIR]``; ``QT_SCALE_FACTOR=2`` renders for a HiDPI screen.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from wallet.devnet import Devnet  # noqa: E402
from wallet.keys.mnemonic import generate_mnemonic  # noqa: E402
from wallet.services.airgap import SignRequest, make_request  # noqa: E402
from wallet.services.faucet import fund_from_playground  # noqa: E402
from wallet.settings import Settings  # noqa: E402
from wallet.ui import dialogs, icons, theme  # noqa: E402
from wallet.ui.about_dialog import AboutDialog  # noqa: E402
from wallet.ui.account_management import RecoveryPhraseDialog, RenameAccountDialog  # noqa: E402
from wallet.ui.approvals_dialog import ApprovalsDialog  # noqa: E402
from wallet.ui.contact_dialog import ContactDialog  # noqa: E402
from wallet.ui.context import AppContext  # noqa: E402
from wallet.ui.i18n import Translations  # noqa: E402
from wallet.ui.main_window import MainWindow  # noqa: E402
from wallet.ui.offline_signing import OfflineSigningDialog, SignRequestDialog  # noqa: E402
from wallet.ui.onboarding.wizard import OnboardingWizard  # noqa: E402

LANGUAGES = ("en", "zh_CN")
PAGES = ("accounts", "send", "receive", "history", "contacts", "swap", "atomic_swap", "devices", "settings")
DIALOGS = ("onboarding", "approvals", "swap_review", "import_key", "add_token", "change_password", "export_keystore",
           "recovery_phrase", "rename_account", "sign_request", "offline_signing", "contact", "about")
DARK = ("accounts",)  # also rendered in the dark scheme, as <lang>-<page>-dark.png
SWAP_SELL_AMOUNT = "1"  # of the chain's coin, quoted on the Swap page
SETTLE_S = 0.15  # once the tasks are done, for their results to be laid out and painted
LOAD_TIMEOUT_S = 15.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="where the PNGs go")
    out: Path = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wallet-screenshots-") as home:
        os.environ["WALLET_HOME"] = home
        render_all(Path(home), out)
    return 0


def render_all(home: Path, out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with Devnet.start(manifest_path=home / "devnet.json") as devnet:
        chain = devnet.chains[0]
        context = AppContext.create(Settings(network=chain.key))
        try:
            context.network.add_chains(devnet.chains)
            account = context.hot_wallet().create(generate_mnemonic(12), "", secrets.token_urlsafe(16), "Main")
            fund_from_playground(context.network.client(chain), account.address)
            translations = Translations(app)
            icons.load_now()
            for language in LANGUAGES:
                translations.apply(language)
                render_language(context, translations, language, out)
        finally:
            context.shutdown()


def render_language(context: AppContext, translations: Translations, language: str, out: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(context, translations, poll_interval_ms=600_000)
    window.show()
    try:
        for page in PAGES:
            window.select_page(page)
            settle(context)
            if page == "swap":
                show_a_quote(window, context)
            window.grab().save(str(out / f"{language}-{page}.png"))
        theme.apply_theme(app, Qt.ColorScheme.Dark)
        try:
            for page in DARK:
                window.select_page(page)
                settle(context)
                window.grab().save(str(out / f"{language}-{page}-dark.png"))
        finally:
            theme.apply_theme(app, Qt.ColorScheme.Light)
        for name in DIALOGS:
            render_dialog(window, context, name, out / f"{language}-{name}.png")
    finally:
        window.monitor.stop()
        window.close()


def render_dialog(window: MainWindow, context: AppContext, name: str, path: Path) -> None:
    chain = context.network.selected_chain()
    account = window.accounts_page.selected_account()
    assert chain is not None and account is not None
    ready: Callable[[], bool] = lambda: True  # noqa: E731
    dialog: QWidget
    match name:
        case "onboarding":
            dialog = OnboardingWizard(window)
        case "approvals":
            approvals = ApprovalsDialog(context, chain, account, offline=False, on_device=False, parent=window)
            dialog, ready = approvals, lambda: approvals.loaded
        case "swap_review":
            window.select_page("swap")
            show_a_quote(window, context)
            swap = window.swap_page
            swap.review()
            settle(context, lambda: swap.review_dialog is not None)
            assert swap.review_dialog is not None, swap.message.text()
            dialog = swap.review_dialog
        case "import_key":
            dialog = dialogs.ImportKeyDialog(window)
        case "add_token":
            dialog = dialogs.AddTokenDialog(window)
        case "change_password":
            dialog = dialogs.ChangePasswordDialog(window)
        case "export_keystore":
            dialog = dialogs.ExportKeystoreDialog(window)
        case "recovery_phrase":
            dialog = RecoveryPhraseDialog(lambda _password: None, window)
        case "rename_account":
            dialog = RenameAccountDialog(account.name, window)
        case "sign_request":
            dialog = SignRequestDialog(lambda _request: None, window)
        case "offline_signing":
            dialog = OfflineSigningDialog(sample_request(context, account.address), window)
        case "contact":
            dialog = ContactDialog(context.contacts, None, "", context.accounts.all(), window)
        case "about":
            dialog = AboutDialog(context, window)
        case _:
            raise ValueError(name)
    dialog.show()
    settle(context, ready)
    dialog.grab().save(str(path))
    if isinstance(dialog, QDialog):
        dialog.reject()
    dialog.close()


def sample_request(context: AppContext, address: str) -> SignRequest:
    """An offline-signing request for a transfer to oneself (shown, never signed)."""
    chain = context.network.selected_chain()
    assert chain is not None
    tx = {"type": 2, "chainId": chain.chain_id, "nonce": 0, "to": address, "value": 10**17, "gas": 21_000,
          "maxFeePerGas": 2 * 10**9, "maxPriorityFeePerGas": 10**9, "data": b""}
    return make_request(chain.chain_id, chain.name, address, None, tx)


def show_a_quote(window: MainWindow, context: AppContext) -> None:
    """The Swap page with a live quote rather than an empty form."""
    swap = window.swap_page
    swap.sell_edit.setText(SWAP_SELL_AMOUNT)
    swap.request_quote()
    settle(context, lambda: swap.quoted is not None or bool(swap.quote_error))


def settle(context: AppContext, ready: Callable[[], bool] = lambda: True) -> None:
    """Runs the event loop until the background tasks are done and ``ready()`` holds, then a moment more."""
    deadline = time.monotonic() + LOAD_TIMEOUT_S
    while (context.tasks.busy or not ready()) and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    settled = time.monotonic() + SETTLE_S
    while time.monotonic() < settled:
        QCoreApplication.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
