"""The Swap page's approvals on the devnet: exact by default (nothing left to the router after an
exact-input V2 swap), unlimited only when ticked (2**256-1 on chain, said so in the review), and the
"Approvals…" dialog listing the routers' allowances and revoking one, signed by a hot account, a
virtual Ledger or Trezor and an offline signer; the allowance on chain is 0 afterwards and History has it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests import test_swap_ui
from tests.test_swap_ui import Desk, confirm, quote, review
from wallet.dex.amm.approvals import MAX_UINT256
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.cold_accounts import add_hardware_account, add_watch_address
from wallet.services.swap import router_names
from wallet.ui.approvals_dialog import AMOUNT_COLUMN, ROUTER_COLUMN, TOKEN_COLUMN, ApprovalsDialog

WHOLE = 10**18
desk = test_swap_ui.desk  # the Swap page on the devnet, with a hot account holding DLNK and DUNI


def v2_router(desk: Desk) -> str:
    assert desk.chain.uniswap_v2 is not None
    return desk.chain.uniswap_v2.router


def allowance(desk: Desk, symbol: str, spender: str) -> int:
    return int(desk.erc20(symbol).functions.allowance(desk.owner, spender).call())


def swap_duni(qtbot: QtBot, desk: Desk, unlimited: bool) -> str:
    """100 DUNI → DUSD (a V2 route on the devnet) with the box as asked; returns the review's text."""
    desk.page.unlimited_check.setChecked(unlimited)
    quote(qtbot, desk, "DUNI", "DUSD", "100")
    assert "through V2" in desk.page.quote_label.text()
    review(qtbot, desk)
    text = desk.review_text
    confirm(qtbot, desk)
    return text


def open_approvals(qtbot: QtBot, desk: Desk) -> ApprovalsDialog:
    page = desk.page
    qtbot.mouseClick(page.approvals_button, Qt.MouseButton.LeftButton)
    dialog = page.approvals_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded and not page.context.tasks.busy, timeout=10000)
    return dialog


def rows(dialog: ApprovalsDialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in (TOKEN_COLUMN, ROUTER_COLUMN, AMOUNT_COLUMN))  # type: ignore[misc, union-attr]
            for r in range(table.rowCount())]


def revoke_first(qtbot: QtBot, dialog: ApprovalsDialog) -> None:
    qtbot.mouseClick(dialog.revoke_button(0), Qt.MouseButton.LeftButton)


def wait_revoked(qtbot: QtBot, dialog: ApprovalsDialog) -> None:
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Revoked") or dialog.message.styleSheet().startswith(
        "color: #b3"), timeout=20000)
    assert dialog.message.text().startswith("Revoked"), dialog.message.text()


def test_approvals_are_exact_by_default_and_leave_nothing_to_the_router(qtbot: QtBot, desk: Desk) -> None:
    assert not desk.page.unlimited_check.isChecked() and "all of that token" in desk.page.unlimited_check.toolTip()
    text = swap_duni(qtbot, desk, unlimited=False)
    assert "exact amount (100 DUNI)" in text and "unlimited" not in text
    assert allowance(desk, "DUNI", v2_router(desk)) == 0  # exact-in V2: the router took all it was allowed
    dialog = open_approvals(qtbot, desk)
    assert rows(dialog) == [] and dialog.message.text() == "No router may spend your tokens."


def test_an_unlimited_approval_when_ticked_is_listed_and_revoked(qtbot: QtBot, desk: Desk) -> None:
    text = swap_duni(qtbot, desk, unlimited=True)
    assert "unlimited — the router can spend all your DUNI" in text
    router = v2_router(desk)
    assert allowance(desk, "DUNI", router) == MAX_UINT256

    dialog = open_approvals(qtbot, desk)
    assert rows(dialog) == [("DUNI", router_names(desk.chain)[router.lower()], "Unlimited")]
    revoke_first(qtbot, dialog)
    wait_revoked(qtbot, dialog)
    qtbot.waitUntil(lambda: not desk.page.context.tasks.busy, timeout=10000)
    assert allowance(desk, "DUNI", router) == 0 and rows(dialog) == []  # read again from the chain
    record = desk.page.context.transactions.history(desk.chain.chain_id)[0]
    assert (record.kind, record.status, record.amount, record.recipient.lower()) == (
        "approve", "confirmed", 0, router.lower())


@pytest.mark.parametrize("kind", ["ledger", "trezor"])
def test_a_hardware_wallet_revokes_an_allowance_and_is_closed_after(qtbot: QtBot, desk: Desk, kind: str) -> None:
    seed = mnemonic_to_seed(generate_mnemonic(12))
    device: VirtualLedger | VirtualTrezor = VirtualLedger(seed) if kind == "ledger" else VirtualTrezor(seed)
    context = desk.page.context
    context.hid_backend = VirtualHidBackend(device)
    path = EthPathLayout.BIP44.path(0)
    address = HdKeychain(seed).eth_address(path)
    add_hardware_account(context.accounts, kind.title(), path, address, kind)
    desk.w3.provider.make_request("anvil_setBalance", [address, hex(WHOLE)])  # type: ignore[arg-type]
    desk.owner = address
    router = v2_router(desk)
    impersonate_approve(desk, "DLNK", router, 3 * WHOLE)
    desk.page.refresh()
    desk.page.account_combo.setCurrentIndex(desk.page.account_combo.findText(kind.title(),
                                                                              Qt.MatchFlag.MatchStartsWith))

    dialog = open_approvals(qtbot, desk)
    assert rows(dialog) == [("DLNK", router_names(desk.chain)[router.lower()], "3 DLNK")]
    revoke_first(qtbot, dialog)
    assert "confirm it there" in dialog.message.text()
    wait_revoked(qtbot, dialog)
    assert allowance(desk, "DLNK", router) == 0 and rows(dialog) == []
    assert device.screens and device.open_handles == 0  # shown on the device, and the device closed after


def test_an_offline_signer_revokes_an_allowance(qtbot: QtBot, desk: Desk) -> None:
    from wallet.accounts.hot import HotSigner
    from wallet.services.airgap import parse_request, sign_request

    keys = HdKeychain(mnemonic_to_seed(generate_mnemonic(12)))  # on the other computer
    path = EthPathLayout.BIP44.path(2)
    address = keys.eth_address(path)
    add_watch_address(desk.page.context.accounts, "Vault", address)
    desk.w3.provider.make_request("anvil_setBalance", [address, hex(WHOLE)])  # type: ignore[arg-type]
    desk.owner = address
    router = v2_router(desk)
    impersonate_approve(desk, "DUSD", router, MAX_UINT256)
    desk.page.refresh()
    desk.page.account_combo.setCurrentIndex(desk.page.account_combo.findText("Vault", Qt.MatchFlag.MatchStartsWith))

    dialog = open_approvals(qtbot, desk)
    assert rows(dialog) == [("DUSD", router_names(desk.chain)[router.lower()], "Unlimited")]
    revoke_first(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.offline_dialog is not None, timeout=10000)
    offline = dialog.offline_dialog
    assert offline is not None
    request = parse_request(offline.request_json)
    assert request.tx["to"].lower() == desk.address("DUSD").lower() and request.address == address
    offline.answer_edit.setPlainText(sign_request(request, HotSigner(keychain=keys), path))
    qtbot.mouseClick(offline.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_revoked(qtbot, dialog)
    assert allowance(desk, "DUSD", router) == 0


def impersonate_approve(desk: Desk, symbol: str, spender: str, amount: int) -> None:
    """``desk.owner`` approves ``spender`` (anvil sends it for the account: the test holds no key)."""
    w3 = desk.w3
    w3.provider.make_request("anvil_impersonateAccount", [desk.owner])  # type: ignore[arg-type]
    tx = desk.erc20(symbol).functions.approve(spender, amount).transact({"from": desk.owner})
    w3.eth.wait_for_transaction_receipt(tx)
    w3.provider.make_request("anvil_stopImpersonatingAccount", [desk.owner])  # type: ignore[arg-type]
