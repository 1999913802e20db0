"""The Swap page driven on the devnet: coin → token, token → token where V3 wins and where V2 wins,
token → coin for an exact output, the fee-on-transfer token, a V2/V3 split; bad input refused with
its message; a price moved by another trader between signing and mining (the swap reverts on its
minimum, only gas is lost); a Ledger and an offline signer. Outcomes are read from the chain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from eth_account import Account
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.accounts.hot import HotSigner
from wallet.chains.registry import Chain
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.cold_accounts import add_hardware_account
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.pages.swap_page import SwapPage

PASSWORD = "copper-meadow-3390"
WHOLE = 10**18
CONFIRMED = "Swap confirmed"


class Desk:
    def __init__(self, page: SwapPage, chain: Chain, w3: Web3, owner: str) -> None:
        self.page, self.chain, self.w3, self.owner = page, chain, w3, owner
        self.review_text = ""  # the last review dialog's decoded rows

    def address(self, symbol: str | None) -> str:
        if symbol is None:
            return ""
        return next(t.address for t in self.chain.tokens if t.symbol == symbol)

    def erc20(self, symbol: str) -> Any:
        return self.w3.eth.contract(address=self.address(symbol), abi=load_artifact("DevToken").abi)  # type: ignore[arg-type]

    def mint(self, symbol: str, amount: int, to: str | None = None) -> None:
        self.w3.eth.wait_for_transaction_receipt(self.erc20(symbol).functions.mint(to or self.owner, amount)
                                                 .transact({"from": self.w3.eth.accounts[0]}))

    def balance(self, symbol: str | None) -> int:
        if symbol is None:
            return int(self.w3.eth.get_balance(self.owner))  # type: ignore[arg-type]
        return int(self.erc20(symbol).functions.balanceOf(self.owner).call())


@pytest.fixture
def desk(qtbot: QtBot, qapp: object, chain_state: Devnet) -> Iterator[Desk]:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chain_state.chains)
    account = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [account.address, hex(100 * WHOLE)])  # type: ignore[arg-type]
    page = SwapPage(context)
    qtbot.addWidget(page)
    page.show()
    d = Desk(page, chain, w3, account.address)
    d.mint("DLNK", 2_000 * WHOLE)
    d.mint("DUNI", 1_000 * WHOLE)
    page.refresh()
    qtbot.waitUntil(lambda: page.sell_combo.count() > 1, timeout=10000)
    yield d
    w3.provider.make_request("evm_setAutomine", [True])  # type: ignore[arg-type]
    context.shutdown()


def quote(qtbot: QtBot, desk: Desk, sell: str | None, buy: str | None, amount: str,
          exact_output: bool = False) -> None:
    """Pick the tokens, type the amount, wait for the live quote (or its error)."""
    page = desk.page
    page.refresh_tokens()  # balances after the previous trade
    qtbot.waitUntil(lambda: not page.context.tasks.busy, timeout=10000)
    page.select(desk.address(sell), desk.address(buy))
    edit = page.buy_edit if exact_output else page.sell_edit
    edit.clear()
    qtbot.keyClicks(edit, amount)
    qtbot.waitUntil(lambda: page.quoted is not None or (page.quote_error not in ("", "Getting a quote…")),
                    timeout=10000)


def review(qtbot: QtBot, desk: Desk) -> None:
    page = desk.page
    assert page.quoted is not None, page.quote_label.text()
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review_dialog is not None or page.message.styleSheet().startswith("color: #b3"),
                    timeout=15000)
    assert page.review_dialog is not None, page.message.text()
    desk.review_text = page.review_dialog.details.text()


def confirm(qtbot: QtBot, desk: Desk, expected: str = CONFIRMED) -> None:
    page = desk.page
    dialog = page.review_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith(expected) or page.message.styleSheet().startswith(
        "color: #b3"), timeout=30000)
    assert page.message.text().startswith(expected), page.message.text()


def swap(qtbot: QtBot, desk: Desk, sell: str | None, buy: str | None, amount: str, exact_output: bool = False) -> int:
    """Quote, review, confirm; returns the amount received (the page's, checked against the chain)."""
    before = desk.balance(buy) if buy is not None else None
    quote(qtbot, desk, sell, buy, amount, exact_output)
    review(qtbot, desk)
    confirm(qtbot, desk)
    outcome, plan = desk.page.outcome, desk.page.plan
    assert outcome is not None and plan is not None
    if before is not None:
        assert desk.balance(buy) == before + outcome.amount_received
    if not exact_output:
        assert outcome.amount_received >= plan.limit  # never below the minimum in the signed calldata
    return outcome.amount_received


def test_coin_to_token_then_token_to_coin_for_an_exact_output(qtbot: QtBot, desk: Desk) -> None:
    received = swap(qtbot, desk, None, "DUSD", "1")
    plan = desk.page.plan
    assert plan is not None and received == plan.quoted.amount_out  # nothing traded in between: the quote
    assert 1_900 * 10**6 < received < 2_100 * 10**6
    assert "You receive at least" in desk.review_text and desk.owner + " (your account)" in desk.review_text
    assert "Deadline" in desk.review_text

    eth_before = desk.balance(None)
    quote(qtbot, desk, "DUSD", None, "0.1", exact_output=True)
    assert desk.page.sell_edit.text() != ""  # the quote fills in the other field
    assert "Maximum sold:" in desk.page.quote_label.text()
    review(qtbot, desk)
    assert desk.page.review_dialog is not None and "1 approval transaction" in desk.page.review_dialog.details.text()
    confirm(qtbot, desk)
    history = desk.page.context.transactions.history(desk.chain.chain_id)
    assert [(r.kind, r.status) for r in history[:2]] == [("swap", "confirmed"), ("approve", "confirmed")]
    fees = sum(r.fee_paid or 0 for r in history[:2])
    assert desk.balance(None) == eth_before + WHOLE // 10 - fees  # exactly the 0.1 asked for, less the gas

    from wallet.ui.pages.history_page import HistoryPage

    history_page = HistoryPage(desk.page.context)
    qtbot.addWidget(history_page)
    history_page.refresh()
    qtbot.waitUntil(lambda: history_page.table.rowCount() >= 3, timeout=10000)
    rows = [[history_page.table.item(row, c).text() for c in range(history_page.table.columnCount())]  # type: ignore[union-attr]
            for row in range(history_page.table.rowCount())]
    # The first swap sold 1 ETH for what was received (not the minimum): "−1 ETH → 1,9xx.xx DUSD".
    assert any("(swap)" in cells[1] and cells[3].startswith("−1 ETH → ") and cells[3].endswith(" DUSD")
               and "≥" not in cells[3] for cells in rows), rows
    assert any("(approval)" in cells[1] for cells in rows), rows


def test_token_to_token_through_v3_then_v2_as_the_pools_say(qtbot: QtBot, desk: Desk) -> None:
    quote(qtbot, desk, "DLNK", "DUSD", "100")
    text = desk.page.quote_label.text()
    assert "100 % through V3: DLNK →(0.05 %)→ DUSD" in text and "Price impact:" in text and "Minimum received:" in text
    assert "Network fee: about" in text and "(≈ $" in text
    received = swap(qtbot, desk, "DLNK", "DUSD", "100")
    plan = desk.page.plan
    assert plan is not None and received == plan.quoted.amount_out
    assert "V3 DLNK →(0.05 %)→ DUSD" in desk.review_text and "exactInputSingle" in desk.review_text

    quote(qtbot, desk, "DUNI", "DUSD", "100")
    assert "100 % through V2: DUNI →(0.3 %)→ DUSD" in desk.page.quote_label.text()
    received = swap(qtbot, desk, "DUNI", "DUSD", "100")
    plan = desk.page.plan
    assert plan is not None and received == plan.quoted.amount_out and "swapExactTokensForTokens" in desk.review_text


def test_a_split_over_v2_and_v3_in_one_transaction(qtbot: QtBot, desk: Desk) -> None:
    quote(qtbot, desk, "DLNK", "DUNI", "1000")
    text = desk.page.quote_label.text()
    assert "through V2" in text and "through V3" in text  # two route lines, with their percentages
    received = swap(qtbot, desk, "DLNK", "DUNI", "1000")
    plan = desk.page.plan
    assert plan is not None and received == plan.quoted.amount_out and len(plan.review.legs) == 2
    assert "multicall" in desk.review_text


def test_the_fee_on_transfer_token_is_bought_through_the_supporting_function(qtbot: QtBot, desk: Desk) -> None:
    received = swap(qtbot, desk, None, "DFOT", "0.5")
    plan = desk.page.plan
    assert plan is not None and plan.swap is not None and plan.swap.fee_on_transfer
    assert "SupportingFeeOnTransferTokens" in desk.review_text
    assert plan.limit <= received < plan.quoted.amount_out  # 1 % burnt on the way: less than the pool sent


def test_bad_input_gets_its_own_message_and_nothing_is_sent(qtbot: QtBot, desk: Desk) -> None:
    page = desk.page
    quote(qtbot, desk, "DLNK", "DLNK", "1")
    assert page.quote_error == "A token cannot be swapped for itself" and not page.review_button.isEnabled()
    quote(qtbot, desk, "DLNK", "DUSD", "0")
    assert page.quote_error.startswith("The amount to swap must be more than zero")
    quote(qtbot, desk, "DLNK", "DUSD", "5000")
    assert page.quote_error == "This swap sells 5,000 DLNK, but the account holds only 2,000 DLNK."

    page.token_edit.setText(Account.create().address)
    page.add_token()
    qtbot.waitUntil(lambda: "There is no contract" in page.message.text(), timeout=5000)
    artifact = load_artifact("DevToken")  # a real token, in no pool
    deploy = desk.w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode).constructor("Lone", "LONE", 18)
    lone = desk.w3.eth.wait_for_transaction_receipt(deploy.transact({"from": desk.w3.eth.accounts[0]}))
    page.token_edit.setText(lone["contractAddress"])
    page.add_token()
    qtbot.waitUntil(lambda: "LONE found at" in page.message.text(), timeout=5000)
    assert "not a token this wallet knows" in page.message.text()
    page.select(desk.address("DLNK"), lone["contractAddress"])
    page.sell_edit.clear()
    qtbot.keyClicks(page.sell_edit, "1")
    qtbot.waitUntil(lambda: page.quote_error.startswith("No Uniswap pool connects"), timeout=10000)
    assert desk.page.context.transactions.history() == []


def test_a_quote_answer_for_a_changed_form_is_dropped(qtbot: QtBot, desk: Desk) -> None:
    page = desk.page
    quote(qtbot, desk, "DLNK", "DUSD", "100")
    assert page.quoted is not None
    page.request_quote()  # a second answer for DLNK -> DUSD is on its way...
    page.select(desk.address("DLNK"), desk.address("DUNI"))  # ...when the user picks another token
    page.quote_timer.stop()  # (no newer quote: only the stale answer can arrive)
    qtbot.waitUntil(lambda: not page.context.tasks.busy, timeout=10000)
    qtbot.wait(50)  # the answer's callback, queued to the GUI thread
    assert page.quoted is None and page.quote_label.text() == ""  # not shown for the DUNI form
    page.request_quote()
    qtbot.waitUntil(lambda: page.quoted is not None, timeout=10000)
    assert page.quoted is not None and page.quoted.request.token_out.symbol == "DUNI"


def test_a_price_impact_above_10_percent_needs_the_typed_word(qtbot: QtBot, desk: Desk) -> None:
    desk.mint("DUNI", 27_000 * WHOLE)  # about 13 % of the deep V2 pair
    quote(qtbot, desk, "DUNI", "DUSD", "27000")
    review(qtbot, desk)
    dialog = desk.page.review_dialog
    assert dialog is not None and dialog.confirm_edit.isVisibleTo(dialog)
    assert "you would get much less than the market price" in dialog.warnings.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, "confirm")
    assert ok.isEnabled()
    dialog.reject()
    assert desk.page.context.transactions.history() == []


def test_a_price_moved_before_mining_reverts_on_the_minimum_and_costs_only_gas(qtbot: QtBot, desk: Desk) -> None:
    quote(qtbot, desk, None, "DLNK", "1")
    review(qtbot, desk)
    plan = desk.page.plan
    assert plan is not None and plan.simulated  # coin in: no approval, simulated already
    desk.w3.provider.make_request("evm_setAutomine", [False])  # type: ignore[arg-type]
    eth_before, dlnk_before = desk.balance(None), desk.balance("DLNK")
    dialog = desk.page.review_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    store = desk.page.context.transactions
    qtbot.waitUntil(lambda: any(r.kind == "swap" for r in store.history()), timeout=10000)

    # Another trader buys the same token with 50 times as much, paying a higher tip: mined first.
    from wallet.services.swap import Quoters, SwapRequest, prepare_plan, swap_tokens, swap_transaction

    rival = Account.create()
    desk.w3.provider.make_request("anvil_setBalance", [rival.address, hex(1_000 * WHOLE)])  # type: ignore[arg-type]
    context = desk.page.context
    client = context.network.client(desk.chain)
    listed = swap_tokens(client, desk.chain, context.tokens, rival.address)
    dlnk = next(t for t in listed if t.symbol == "DLNK")
    rival_plan = prepare_plan(client, Quoters(), SwapRequest(desk.chain, rival.address, listed[0], dlnk, 50 * WHOLE),
                              5_000, expert_mode=True)
    tx = swap_transaction(client, context.transactions, rival_plan, "confirm")
    tx |= {"maxFeePerGas": 1_000 * 10**9, "maxPriorityFeePerGas": 500 * 10**9}
    desk.w3.eth.send_raw_transaction(HotSigner(private_key=bytes(rival.key)).sign_transaction(None, tx).raw)
    desk.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    qtbot.waitUntil(lambda: desk.page.message.styleSheet().startswith("color: #b3"), timeout=20000)
    assert desk.page.message.text().startswith("The price moved beyond your slippage tolerance")
    (record,) = [r for r in store.history() if r.kind == "swap"]
    assert record.status == "failed" and record.fee_paid
    assert desk.balance("DLNK") == dlnk_before  # nothing bought, nothing lost but the gas:
    assert desk.balance(None) == eth_before - record.fee_paid


def test_a_ledger_signs_the_swap_with_blind_signing_on(qtbot: QtBot, desk: Desk) -> None:
    seed = mnemonic_to_seed(generate_mnemonic(12))
    device = VirtualLedger(seed)
    context = desk.page.context
    context.hid_backend = VirtualHidBackend(device)
    path = EthPathLayout.BIP44.path(0)
    address = HdKeychain(seed).eth_address(path)
    add_hardware_account(context.accounts, "Ledger", path, address, "ledger")
    desk.w3.provider.make_request("anvil_setBalance", [address, hex(10 * WHOLE)])  # type: ignore[arg-type]
    desk.page.refresh()
    desk.page.account_combo.setCurrentIndex(desk.page.account_combo.findText("Ledger", Qt.MatchFlag.MatchStartsWith))
    desk.owner = address
    quote(qtbot, desk, None, "DUSD", "0.5")
    review(qtbot, desk)
    dialog = desk.page.review_dialog
    assert dialog is not None and dialog.device_note.isVisibleTo(dialog)
    assert "Blind signing must be on" in dialog.device_note.text()
    before = desk.balance("DUSD")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "confirm it there" in desk.page.message.text() or desk.page.message.text().startswith(
        CONFIRMED), timeout=10000)
    qtbot.waitUntil(lambda: desk.page.message.text().startswith(CONFIRMED), timeout=20000)
    outcome = desk.page.outcome
    assert outcome is not None and desk.balance("DUSD") == before + outcome.amount_received > 0
    assert device.screens[-1][0] == "Blind signing" and device.open_handles == 0


def test_an_offline_signer_swaps_through_exported_requests(qtbot: QtBot, desk: Desk) -> None:
    from wallet.services.airgap import parse_request, sign_request
    from wallet.services.cold_accounts import add_watch_address

    keys = HdKeychain(mnemonic_to_seed(generate_mnemonic(12)))  # on the other computer
    path = EthPathLayout.BIP44.path(3)
    address = keys.eth_address(path)
    add_watch_address(desk.page.context.accounts, "Vault", address)
    desk.w3.provider.make_request("anvil_setBalance", [address, hex(10 * WHOLE)])  # type: ignore[arg-type]
    desk.page.refresh()
    desk.page.account_combo.setCurrentIndex(desk.page.account_combo.findText("Vault", Qt.MatchFlag.MatchStartsWith))
    desk.owner = address
    quote(qtbot, desk, None, "DUSD", "0.25")
    review(qtbot, desk)
    dialog = desk.page.review_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.page.offline_dialog is not None, timeout=10000)
    offline = desk.page.offline_dialog
    assert offline is not None
    request = parse_request(offline.request_json)
    plan = desk.page.plan
    assert plan is not None and request.tx["to"].lower() == plan.call.to.lower() and request.address == address
    before = desk.balance("DUSD")
    offline.answer_edit.setPlainText(sign_request(request, HotSigner(keychain=keys), path))
    qtbot.mouseClick(offline.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.page.message.text().startswith(CONFIRMED) or desk.page.message.styleSheet()
                    .startswith("color: #b3"), timeout=20000)
    assert desk.page.message.text().startswith(CONFIRMED), desk.page.message.text()
    outcome = desk.page.outcome
    assert outcome is not None and outcome.amount_received == plan.quoted.amount_out
    assert desk.balance("DUSD") == before + outcome.amount_received
