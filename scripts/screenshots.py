"""Renders every page of the main window and the main dialogs, in each language, to PNG files.

Offscreen (no display needed), at the window's default size, against a local devnet started here,
with a fresh wallet home in a temp dir: a hot wallet is created with a throwaway recovery phrase and
its first account is funded by the playground faucet, so balances are not all zero. The Accounts page
is also rendered in the dark scheme (``<lang>-accounts-dark.png``). Icons are loaded first.

When the Litecoin tools are installed (``scripts/bootstrap-utxo``), the playground's Litecoin regtest
also runs and the Bitcoin & Litecoin page is rendered (``<lang>-utxo-accounts.png``, ``-utxo-receive``,
``-utxo-send`` with a review open, ``-utxo-history``): the recovery phrase's Litecoin account, funded by
the playground's faucet, has paid a watch-only account, whose payment is still pending. Without the
tools it says why and renders the rest as before.
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

from wallet.chains.fees import FeeTier  # noqa: E402
from wallet.devnet import Devnet  # noqa: E402
from wallet.devnet.litecoin import LITECOIN_REGTEST_KEY, LitecoinToolsMissingError, find_litecoin_tools  # noqa: E402
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
from wallet.ui.pages.utxo_page import UtxoPage, default_service  # noqa: E402

LANGUAGES = ("en", "zh_CN")
PAGES = ("accounts", "send", "receive", "history", "contacts", "swap", "atomic_swap", "devices", "settings")
DIALOGS = ("onboarding", "approvals", "swap_review", "import_key", "add_token", "change_password", "export_keystore",
           "recovery_phrase", "rename_account", "sign_request", "offline_signing", "contact", "about")
DARK = ("accounts",)  # also rendered in the dark scheme, as <lang>-<page>-dark.png
SWAP_SELL_AMOUNT = "1"  # of the chain's coin, quoted on the Swap page
UTXO_TABS = ("accounts", "receive", "send", "history")  # the Bitcoin & Litecoin page's, as <lang>-utxo-<tab>.png
UTXO_FUNDING_SATS = 200_000_000  # from the faucet to the recovery phrase's Litecoin account
UTXO_PAID_SATS = 30_000_000  # from it to the watch-only account, left pending
UTXO_REVIEW_AMOUNT = "0.1"  # LTC, in the review open on Send
UTXO_START_TIMEOUT_S = 90.0
WATCH_ONLY_NAME = "Cold storage"
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
            # Last: the playground it starts would show as running on the Settings page rendered above.
            if prepare_utxo(context):
                for language in LANGUAGES:
                    translations.apply(language)
                    render_utxo_page(context, translations, language, out)
        finally:
            context.shutdown()


def prepare_utxo(context: AppContext) -> bool:
    """Starts the playground's Litecoin regtest and gives the wallet a history there: the recovery
    phrase's account funded by the faucet, paying a watch-only account (left pending). False, with
    the reason printed, where the Litecoin tools are missing or the chain does not start."""
    try:
        find_litecoin_tools()
    except LitecoinToolsMissingError as error:
        print(f"Bitcoin & Litecoin page skipped: {error}")
        return False
    playground = context.playground
    playground.start()
    if LITECOIN_REGTEST_KEY not in playground.wait_utxo(UTXO_START_TIMEOUT_S):
        print(f"Bitcoin & Litecoin page skipped: {playground.utxo_unavailable_reason() or 'Litecoin did not start'}")
        return False
    from embit import bip32  # type: ignore[import-untyped]
    from embit.networks import NETWORKS  # type: ignore[import-untyped]

    from wallet.utxo.account import account_from_root

    service = default_service(context)
    try:
        service.add_hot_accounts()
        hot = next(a for a in service.accounts(LITECOIN_REGTEST_KEY) if a.hot)
        playground.fund_utxo(LITECOIN_REGTEST_KEY, service.sync(hot).receive_address, UTXO_FUNDING_SATS)
        cold_root = bip32.HDKey.from_seed(secrets.token_bytes(32), version=NETWORKS["regtest"]["xprv"])
        vpub = account_from_root(cold_root, hot.keys.params).extended_public_key
        cold = service.add_watch_only(LITECOIN_REGTEST_KEY, WATCH_ONLY_NAME, vpub)
        state = service.sync(hot)
        plan = service.plan_payment(state, service.sync(cold).receive_address, UTXO_PAID_SATS,
                                    service.fee_rates(hot.chain).rates[FeeTier.NORMAL])
        txid = service.sign_and_send(hot, plan)
        deadline = time.monotonic() + LOAD_TIMEOUT_S  # until the server has it in its mempool
        while all(h.txid != txid for h in service.sync(hot).snapshot.history) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        service.close()
    return True


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


def render_utxo_page(context: AppContext, translations: Translations, language: str, out: Path) -> None:
    """The Bitcoin & Litecoin page's tabs, the recovery phrase's account chosen; Send with a review
    of a payment to the watch-only account open."""
    window = MainWindow(context, translations, poll_interval_ms=600_000)
    window.show()
    try:
        render_utxo_tabs(window, context, language, out)
    finally:
        window.monitor.stop()
        window.close()


def render_utxo_tabs(window: MainWindow, context: AppContext, language: str, out: Path) -> None:
    window.select_page("utxo")
    page = window.pages.page("utxo")
    assert isinstance(page, UtxoPage)
    settle(context, lambda: not page.loading and bool(page.accounts))
    page.account_combo.setCurrentIndex(next(i for i, a in enumerate(page.accounts)
                                            if a.hot and a.chain.key == LITECOIN_REGTEST_KEY))
    send = page.send_tab
    settle(context, lambda: send.fee_rate() is not None)
    for tab in UTXO_TABS:
        page.tabs.setCurrentIndex(UTXO_TABS.index(tab))
        if tab == "send":
            cold = next(page.states[a.id] for a in page.accounts if a.name == WATCH_ONLY_NAME)
            send.recipient_edit.setText(cold.receive_address)
            send.amount_edit.setText(UTXO_REVIEW_AMOUNT)
            send.review()
            settle(context, lambda: send.plan is not None or not send.busy)
            assert send.plan is not None, send.message.text()
        settle(context)
        window.grab().save(str(out / f"{language}-utxo-{tab}.png"))
    send.cancel_review()


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
