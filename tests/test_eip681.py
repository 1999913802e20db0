"""EIP-681 payment links: parsed strictly, built so that they parse back."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from wallet.chains.eip681 import PaymentRequest, PaymentUriError, build_payment_uri, parse_payment_uri

ADDRESS = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
TOKEN = "0x89d24A6b4CcB1B6fAA2625fE562bDD9a23260359"


def test_spec_examples() -> None:
    assert parse_payment_uri(f"ethereum:{ADDRESS}?value=2.014e18") == PaymentRequest(ADDRESS, None, None,
                                                                                    2_014_000_000_000_000_000)
    assert parse_payment_uri(f"ethereum:{TOKEN}/transfer?address={ADDRESS}&uint256=1") == PaymentRequest(
        ADDRESS, None, TOKEN, 1)
    assert parse_payment_uri(f"ethereum:pay-{ADDRESS}@1").chain_id == 1


@pytest.mark.parametrize(("uri", "reason"), [
    ("bitcoin:1abc", "not an ethereum: address link"),
    (f"ethereum:{ADDRESS[:-1]}", "not an ethereum: address link"),
    (f"ethereum:{ADDRESS.lower()[:5] + ADDRESS[5:]}", "address in it is invalid"),
    (f"ethereum:{ADDRESS}?value=1.5", "not a whole number"),
    (f"ethereum:{ADDRESS}?value=-1", "not a whole number"),
    (f"ethereum:{ADDRESS}?value=lots", "not a number"),
    (f"ethereum:{TOKEN}/approve?address={ADDRESS}&uint256=1", "only payments and token transfers"),
])
def test_bad_links_are_refused(uri: str, reason: str) -> None:
    with pytest.raises(PaymentUriError, match=reason):
        parse_payment_uri(uri)


def test_built_links_parse_back() -> None:
    for amount, token in ((None, None), (10**18, None), (None, TOKEN), (12_500_000, TOKEN)):
        uri = build_payment_uri(ADDRESS.lower(), 31337, amount, token)
        assert parse_payment_uri(uri) == PaymentRequest(ADDRESS, 31337, token, amount)


def test_receive_page_shows_address_link_and_qr(qtbot: QtBot, qapp: object) -> None:
    from wallet.accounts.model import AccountKind
    from wallet.chains.registry import load_registry
    from wallet.settings import Settings
    from wallet.ui.context import AppContext
    from wallet.ui.pages.receive_page import ReceivePage

    context = AppContext.create(Settings(network="ethereum"))
    context.accounts.add("Main", AccountKind.WATCH, ADDRESS)
    page = ReceivePage(context)
    qtbot.addWidget(page)
    page.refresh()
    assert page.address_label.text() == ADDRESS and page.uri_label.text() == f"ethereum:{ADDRESS}@1"
    assert not page.qr_label.pixmap().isNull()
    usdc = load_registry().get("ethereum").usd_token
    assert usdc is not None
    page.asset_combo.setCurrentIndex(page.asset_combo.findText("USDC"))
    page.amount_edit.setText("25.5")
    assert parse_payment_uri(page.uri_label.text()) == PaymentRequest(ADDRESS, 1, usdc.address, 25_500_000)
    page.amount_edit.setText("1.0000001")  # USDC has six decimals
    assert "too many decimal places" in page.uri_label.text()
