"""Send and History pages against the devnet: coin and token sends confirmed, a speed-up replacing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.hid_device import VirtualHidDevice
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.cold_accounts import add_hardware_account
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow

PASSWORD = "copper-meadow-3390"


@pytest.fixture
def window(qtbot: QtBot, qapp: object, chain_state: Devnet) -> Iterator[MainWindow]:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chain_state.chains)
    account = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10 * 10**18)])  # type: ignore[arg-type]
    dusd = w3.eth.contract(address=chain.tokens[0].address, abi=load_artifact("DevToken").abi)
    w3.eth.wait_for_transaction_receipt(dusd.functions.mint(account.address, 100 * 10**6)
                                        .transact({"from": w3.eth.accounts[0]}))
    translations = Translations(qapp)  # type: ignore[arg-type]
    main = MainWindow(context, translations, poll_interval_ms=200)
    qtbot.addWidget(main)
    main.show()
    yield main
    w3.provider.make_request("evm_setAutomine", [True])  # type: ignore[arg-type]
    main.monitor.stop()
    context.shutdown()


def fill_and_review(qtbot: QtBot, window: MainWindow, recipient: str, amount: str, asset: str) -> None:
    page = window.send_page
    window.select_page("send")
    page.asset_combo.setCurrentIndex(page.asset_combo.findText(asset))
    page.recipient_edit.setText(recipient)
    if amount:
        page.amount_edit.setText(amount)
    page.message.clear()
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review_group.isVisible() or page.message.text() not in ("", "Working…"),
                    timeout=10000)
    assert page.review_group.isVisible(), page.message.text()


def confirm(qtbot: QtBot, window: MainWindow) -> str:
    page = window.send_page
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    return page.message.text().split()[2]


def choose_device_account(window: MainWindow, chain_state: Devnet, device: VirtualHidDevice, seed: bytes,
                          kind: str, path: str) -> tuple[str, Web3]:
    """A funded hardware account held by ``device``, chosen on the Send page."""
    window.context.hid_backend = VirtualHidBackend(device)
    address = HdKeychain(seed).eth_address(path)
    add_hardware_account(window.context.accounts, kind.title(), path, address, kind)
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [address, hex(10**18)])  # type: ignore[arg-type]
    window.select_page("send")
    page = window.send_page
    page.account_combo.setCurrentIndex(page.account_combo.findText(kind.title(), Qt.MatchFlag.MatchStartsWith))
    return address, w3


def history_status(window: MainWindow, tx_hash: str) -> str | None:
    window.track_transactions()  # polled while waiting: a no-op while a tracking pass is in flight
    window.history_page.refresh()
    record = next((r for r in window.history_page.records if r.hash == tx_hash), None)
    return record.status if record else None


def test_send_coin_and_token_then_see_them_confirmed(qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    recipient = Account.create().address

    fill_and_review(qtbot, window, recipient, "0.25", "ETH")
    review = window.send_page.review_text.text()
    assert recipient in review and "0.25 ETH" in review and "Devnet 31337" in review
    assert "(≈ $" in review  # the fee in dollars: the devnet's DEX prices ETH
    eth_hash = confirm(qtbot, window)

    fill_and_review(qtbot, window, f"ethereum:{chain.tokens[0].address}@31337/transfer?address={recipient}"
                                   f"&uint256=12500000", "", "ETH")  # a payment link fills in asset and amount
    assert window.send_page.asset_combo.currentText() == "DUSD" and window.send_page.amount_edit.text() == "12.5"
    review = window.send_page.review_text.text()
    assert "12.5 DUSD" in review and "ERC-20 transfer on " + chain.tokens[0].address in review
    token_hash = confirm(qtbot, window)

    window.select_page("history")
    qtbot.waitUntil(lambda: history_status(window, eth_hash) == "confirmed"
                    and history_status(window, token_hash) == "confirmed", timeout=20000)
    assert w3.eth.get_balance(recipient) == 25 * 10**16
    token = w3.eth.contract(address=chain.tokens[0].address, abi=load_artifact("DevToken").abi)
    assert token.functions.balanceOf(recipient).call() == 12_500_000
    row_texts = [window.history_page.table.item(0, c).text() for c in range(7)]  # type: ignore[union-attr]
    assert "Confirmed" in row_texts[1] and "12.5 DUSD" in row_texts[3]

    window.select_page("accounts")
    window.accounts_page.refresh_balances()
    holdings = window.accounts_page.holdings_model

    def dusd_balance() -> str | None:
        rows = [r for r in range(holdings.rowCount()) if holdings.index(r, 0).data() == "DUSD"]
        return holdings.index(rows[0], 1).data() if rows else None

    qtbot.waitUntil(lambda: dusd_balance() == "87.5", timeout=20000)
    window.accounts_page.zero_toggle.setChecked(True)  # zero balances unfolded: every tracked token is listed
    assert holdings.rowCount() == 1 + len(chain.tokens)
    qtbot.waitUntil(lambda: "Wallet total ≈ $" in window.accounts_page.wallet_total.text(), timeout=20000)


def test_speed_up_a_pending_transaction_from_history(qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    w3.provider.make_request("evm_setAutomine", [False])  # type: ignore[arg-type]
    recipient = Account.create().address
    fill_and_review(qtbot, window, recipient, "1", "ETH")
    original = confirm(qtbot, window)

    window.select_page("history")
    history = window.history_page
    history.table.selectRow(0)
    assert history_status(window, original) == "pending" and history.speed_up_button.isEnabled()
    qtbot.mouseClick(history.speed_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(history.records) == 2, timeout=10000)
    faster = history.records[0]
    assert faster.kind == "speedup" and faster.hash != original

    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: history_status(window, faster.hash) == "confirmed"
                    and history_status(window, original) == "replaced", timeout=20000)
    assert w3.eth.get_balance(recipient) == 10**18


def test_send_to_an_ens_name(qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    alice = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0])).eth.accounts[1]
    fill_and_review(qtbot, window, "alice.eth", "0.1", "ETH")
    assert f"alice.eth → {alice}" in window.send_page.review_text.text()
    before = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0])).eth.get_balance(alice)
    confirm(qtbot, window)
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    assert w3.eth.get_balance(alice) - before == 10**17


def test_add_a_token_and_import_a_token_list_from_the_accounts_page(qtbot: QtBot, window: MainWindow,
                                                                    chain_state: Devnet) -> None:
    import json

    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    artifact = load_artifact("DevToken")
    deploy = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode).constructor("Extra", "XTRA", 2)
    receipt = w3.eth.wait_for_transaction_receipt(deploy.transact({"from": w3.eth.accounts[0]}))
    page = window.accounts_page
    page.add_token(receipt["contractAddress"])
    qtbot.waitUntil(lambda: "Now tracking XTRA" in page.message.text(), timeout=5000)
    page.add_token(Account.create().address)
    qtbot.waitUntil(lambda: "There is no contract" in page.message.text(), timeout=5000)
    token_list = {"tokens": [{"chainId": 31337, "address": Account.create().address, "symbol": "LST",
                              "name": "Listed", "decimals": 18},
                             {"chainId": 5, "address": Account.create().address, "symbol": "GOR", "name": "Gone",
                              "decimals": 18}]}
    page.import_token_list(json.dumps(token_list))
    qtbot.waitUntil(lambda: "Imported 1 tokens; skipped 1" in page.message.text(), timeout=5000)
    symbols = {t.symbol for t in window.context.tokens.for_chain(31337)}
    assert symbols == {"XTRA", "LST"}
    window.select_page("send")
    assets = [window.send_page.asset_combo.itemText(i) for i in range(window.send_page.asset_combo.count())]
    assert "XTRA" in assets and "LST" in assets


def test_a_hardware_account_sends_from_the_send_page(qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    seed = mnemonic_to_seed(generate_mnemonic(12))
    device = VirtualLedger(seed)
    _, w3 = choose_device_account(window, chain_state, device, seed, "ledger", EthPathLayout.BIP44.path(0))
    recipient = Account.create().address
    fill_and_review(qtbot, window, recipient, "0.3", "ETH")
    qtbot.mouseClick(window.send_page.confirm_button, Qt.MouseButton.LeftButton)
    assert "Blind signing" not in window.send_page.message.text()  # a plain transfer is shown in clear
    qtbot.waitUntil(lambda: window.send_page.message.text().startswith("Sent."), timeout=10000)
    assert device.screens[-1][0] == "Review transaction"
    assert w3.eth.get_balance(recipient) == 3 * 10**17
    assert device.open_handles == 0  # the send closed the device it opened


def test_a_ledger_token_send_without_a_descriptor_says_why_the_device_blind_signs(
        qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    seed = mnemonic_to_seed(generate_mnemonic(12))
    device = VirtualLedger(seed)
    address, w3 = choose_device_account(window, chain_state, device, seed, "ledger", EthPathLayout.BIP44.path(0))
    dusd = w3.eth.contract(address=chain_state.chains[0].tokens[0].address, abi=load_artifact("DevToken").abi)
    w3.eth.wait_for_transaction_receipt(dusd.functions.mint(address, 50 * 10**6).transact({"from": w3.eth.accounts[0]}))
    window.send_page.refresh()
    window.send_page.account_combo.setCurrentIndex(
        window.send_page.account_combo.findText("Ledger", Qt.MatchFlag.MatchStartsWith))
    recipient = Account.create().address
    fill_and_review(qtbot, window, recipient, "7.5", "DUSD")
    qtbot.mouseClick(window.send_page.confirm_button, Qt.MouseButton.LeftButton)
    message = window.send_page.message.text()  # shown while the device asks for confirmation
    assert "confirm it there" in message and "“Blind signing” and an amount of 0 ETH" in message
    assert dusd.address in message and "no signed description of this token" in message
    qtbot.waitUntil(lambda: window.send_page.message.text().startswith("Sent."), timeout=10000)
    assert device.screens[-1][:4] == ["Blind signing", "Review transaction", "Amount 0 wei",
                                      f"Address {dusd.address.lower()}"]
    assert dusd.functions.balanceOf(recipient).call() == 7_500_000
    assert device.open_handles == 0


def test_a_locked_trezor_asks_for_its_pin_in_a_dialog_then_signs(qtbot: QtBot, window: MainWindow,
                                                                 chain_state: Devnet) -> None:
    seed = mnemonic_to_seed(generate_mnemonic(12))
    device = VirtualTrezor(seed, pin="4711")
    address, w3 = choose_device_account(window, chain_state, device, seed, "trezor", EthPathLayout.BIP44.path(0))
    page, prompts = window.send_page, window.device_prompts
    recipient = Account.create().address

    fill_and_review(qtbot, window, recipient, "0.2", "ETH")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prompts.dialog is not None and prompts.dialog.isVisible(), timeout=5000)
    assert prompts.dialog is not None
    prompts.dialog.reject()  # closing the dialog cancels on the device: nothing is signed
    qtbot.waitUntil(lambda: "rejected the request" in page.message.text(), timeout=5000)
    assert w3.eth.get_transaction_count(address) == 0 and not device.unlocked

    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prompts.dialog is not None and prompts.dialog.isVisible(), timeout=5000)
    dialog = prompts.dialog
    assert dialog is not None and "confirm it there" in page.message.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    for position in device.positions("4711"):  # the cells where the device shows 4, 7, 1, 1
        qtbot.mouseClick(dialog.findChild(QPushButton, f"pinCell{position}"), Qt.MouseButton.LeftButton)
    assert dialog.entered.text() == "••••"  # the page shows how many, never which
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    assert device.screens[-1][0] == "Confirm sending"
    assert w3.eth.get_balance(recipient) == 2 * 10**17


def test_an_offline_signer_account_sends_through_an_exported_request(qtbot: QtBot, window: MainWindow,
                                                                      chain_state: Devnet) -> None:
    from wallet.accounts.hot import HotSigner
    from wallet.services.airgap import parse_request, qr_parts, sign_request

    offline_keys = HdKeychain(mnemonic_to_seed(generate_mnemonic(12)))  # lives on the other computer
    path = "m/44'/60'/0'/0/2"
    address = offline_keys.eth_address(path)
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [address, hex(10**18)])  # type: ignore[arg-type]
    devices = window.devices_page
    window.select_page("devices")
    devices.watch_edit.setText(address)
    devices.watch_name.setText("Vault")
    devices.offline_check.setChecked(True)
    devices.offline_path.setText("m/44'/60'/0'/0/x")
    devices.add_watch_only()
    assert "is not a derivation path" in devices.message.text()
    assert not [a for a in window.context.accounts.all() if a.address == address]
    devices.offline_path.setText(path)
    devices.add_watch_only()
    assert "exports a request" in devices.message.text()

    window.select_page("send")
    page = window.send_page
    page.account_combo.setCurrentIndex(page.account_combo.findText("Vault", Qt.MatchFlag.MatchStartsWith))
    recipient = Account.create().address
    fill_and_review(qtbot, window, recipient, "0.25", "ETH")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    dialog = page.offline_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.qr.pixmap().isNull()
    request = parse_request(dialog.request_json)
    assert (request.address, request.path, request.tx["to"]) == (address, path, recipient)

    impostor = HotSigner(keychain=HdKeychain(mnemonic_to_seed(generate_mnemonic(12))))
    forged = sign_request(parse_request(dialog.request_json.replace(address, impostor.address(path))), impostor)
    dialog.answer_edit.setPlainText(forged)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "signed by another key" in page.message.text(), timeout=5000)
    assert w3.eth.get_balance(recipient) == 0

    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)  # try again: the same request
    dialog = page.offline_dialog
    assert dialog is not None and parse_request(dialog.request_json).id == request.id
    signed = sign_request(request, HotSigner(keychain=offline_keys))
    parts = qr_parts(signed + " " * 900)  # (valid JSON padding) long enough for several QR parts, scanned in any order
    assert len(parts) > 1
    dialog.answer_edit.setPlainText("\n".join(reversed(parts)))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    assert w3.eth.get_balance(recipient) == 25 * 10**16


def test_this_computer_signs_a_request_as_the_offline_signer(qtbot: QtBot, window: MainWindow,
                                                             chain_state: Devnet) -> None:
    from wallet.services.airgap import make_request, qr_parts, verify_result
    from wallet.services.send import SendRequest, prepare_send

    chain = chain_state.chains[0]
    (main,) = window.context.accounts.all()
    recipient = Account.create().address
    prepared = prepare_send(window.context.network.client(chain), window.context.transactions,
                            SendRequest(main.address, recipient, 7 * 10**16))
    request = make_request(chain.chain_id, chain.name, main.address, main.derivation_path, prepared.tx)
    window.select_page("accounts")
    window.accounts_page.open_sign_request()
    dialog = window.accounts_page.sign_request_dialog
    assert dialog is not None

    stranger = make_request(chain.chain_id, chain.name, Account.create().address, main.derivation_path, prepared.tx)
    dialog.request_edit.setPlainText(stranger.to_json())
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not hold that account" in dialog.status.text(), timeout=5000)

    dialog.request_edit.setPlainText("\n".join(reversed(qr_parts(request.to_json() + " " * 700))))  # scanned parts
    assert not dialog.sign_button.isEnabled()  # new text: review it first
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert recipient in dialog.summary.text() and "0.07" in dialog.summary.text()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_json != "", timeout=5000)
    assert not dialog.qr_label.pixmap().isNull()

    raw = verify_result(request, dialog.result_json)  # what the online computer checks before sending
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    assert w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(raw))["status"] == 1
    assert w3.eth.get_balance(recipient) == 7 * 10**16


def test_a_ledger_send_that_is_rejected_or_unplugged_leaves_nothing_behind(qtbot: QtBot, window: MainWindow,
                                                                            chain_state: Devnet) -> None:
    seed = mnemonic_to_seed(generate_mnemonic(12))
    device = VirtualLedger(seed)
    address, w3 = choose_device_account(window, chain_state, device, seed, "ledger", EthPathLayout.LEDGER_LIVE.path(1))
    page = window.send_page
    fill_and_review(qtbot, window, Account.create().address, "0.1", "ETH")

    def attempt(expected: str) -> None:
        qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
        assert "confirm it there" in page.message.text()
        qtbot.waitUntil(lambda: expected in page.message.text(), timeout=10000)
        assert page.confirm_button.isEnabled() and page.review_group.isVisible()  # the person can try again
        assert w3.eth.get_transaction_count(address) == 0
        assert not [r for r in window.context.transactions.history() if r.sender == address]
        assert device.open_handles == 0  # a failed signature closes the device too

    device.decision = "reject"
    attempt("You rejected the request on the device")
    device.decision = "approve"
    device.unplug_after_reports = device.reports_received + 4  # the cable comes out mid-signature
    attempt("The device was disconnected")


def test_a_watch_only_account_builds_an_unsigned_transaction_for_signing_elsewhere(
        qtbot: QtBot, window: MainWindow, chain_state: Devnet) -> None:
    from wallet.accounts.hot import HotSigner
    from wallet.services.airgap import parse_request, sign_request
    from wallet.services.cold_accounts import add_watch_address

    keys = HdKeychain(mnemonic_to_seed(generate_mnemonic(12)))  # held somewhere else entirely
    path = EthPathLayout.BIP44.path(4)
    address = keys.eth_address(path)
    add_watch_address(window.context.accounts, "Watched", address)
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [address, hex(10**18)])  # type: ignore[arg-type]
    window.select_page("send")
    page = window.send_page
    page.account_combo.setCurrentIndex(page.account_combo.findText("Watched", Qt.MatchFlag.MatchStartsWith))
    recipient = Account.create().address
    fill_and_review(qtbot, window, recipient, "0.05", "ETH")
    assert page.confirm_button.text() == "Export for signing…"
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    dialog = page.offline_dialog
    assert dialog is not None
    request = parse_request(dialog.request_json)
    assert request.path is None and request.address == address  # the signer knows its own path
    dialog.answer_edit.setPlainText(sign_request(request, HotSigner(keychain=keys), path))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    assert w3.eth.get_balance(recipient) == 5 * 10**16


def test_the_sent_message_and_history_follow_a_live_switch_to_chinese(qtbot: QtBot, window: MainWindow,
                                                                       chain_state: Devnet) -> None:
    """Bugs seen: "Sent. Transaction 0x… is pending…" stayed English after switching to Chinese, and
    History's header said "Nonce" on a Chinese screen."""
    fill_and_review(qtbot, window, Account.create().address, "0.01", "ETH")
    tx_hash = confirm(qtbot, window)
    window.choose_language("zh_CN")
    try:
        message = window.send_page.message
        qtbot.waitUntil(lambda: tx_hash in message.text() and "Sent" not in message.text())
        window.select_page("history")
        model = window.history_page.table.model()
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        assert "交易序号" in headers and not any("Nonce" in h or "Time" in h for h in headers), headers
    finally:
        window.choose_language("en")
