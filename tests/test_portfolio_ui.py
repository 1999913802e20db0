"""The Accounts page as a portfolio: each account's USD total on the selected chain, the wallet's total
above, the selected account's coin and tokens with zero balances folded. On the real devnet (the
playground's faucet funds the accounts); numbers are checked against the chain and against each other."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

import pytest
from eth_account import Account as EthAccount
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from web3 import Web3

from tests.test_correct_balances import delaying_proxy
from wallet.accounts.model import AccountKind
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.services.balances import NATIVE, BalanceSheet, build_portfolio
from wallet.services.faucet import fund_from_playground
from wallet.settings import Settings
from wallet.ui.balances_model import AccountsModel, HoldingsModel, format_price, format_usd
from wallet.ui.context import AppContext
from wallet.ui.main_window import MainWindow
from wallet.ui.pages.accounts_page import AccountsPage


@pytest.fixture
def funded(chain_state: Devnet) -> Iterator[tuple[Chain, str, str]]:
    """On the first devnet chain: one account funded by the faucet (coin and every token), one holding
    only 2 coins (every token zero)."""
    chain = chain_state.chains[0]
    rich, poor = EthAccount.create().address, EthAccount.create().address
    fund_from_playground(ChainClient(chain), rich)
    Web3(Web3.HTTPProvider(chain.rpc_urls[0])).provider.make_request(
        "anvil_setBalance", [poor, hex(2 * 10**18)])  # type: ignore[arg-type]
    yield chain, rich, poor


def page_on(qtbot: QtBot, chain: Chain, chains: list[Chain], addresses: list[str]) -> AccountsPage:
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chains)
    for index, address in enumerate(addresses):
        context.accounts.add(f"Watched {index + 1}", AccountKind.WATCH, address)
    page = AccountsPage(context)
    qtbot.addWidget(page)
    page.resize(860, 560)
    page.show()
    page.refresh_balances()
    qtbot.waitUntil(lambda: page.portfolio is not None and page.balances_loading is None, timeout=20000)
    return page


def all_holdings(page: AccountsPage, row: int) -> list[tuple[str, str, str, str]]:
    """Every row of the holdings of the account at ``row``, zero balances unfolded, as shown."""
    page.table.selectRow(row)
    page.zero_toggle.setChecked(True)
    model = page.holdings_model
    return [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]  # type: ignore[misc]


def test_account_totals_and_the_wallet_total_are_the_sums_of_the_holdings(qtbot: QtBot,
                                                                          funded: tuple[Chain, str, str]) -> None:
    chain, rich, poor = funded
    page = page_on(qtbot, chain, [chain], [rich, poor])
    try:
        w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
        accounts = page.accounts_model
        assert accounts.rowCount() == 2
        totals = []
        for row, address in enumerate([rich, poor]):
            all_holdings(page, row)
            holdings = page.holdings_model.holdings()
            assert len(holdings) == 1 + len(chain.tokens)
            coin = next(h for h in holdings if h.is_coin)
            assert coin.amount == w3.eth.get_balance(address)  # type: ignore[arg-type]
            for holding in holdings:  # value = amount × price, nothing unpriced counted
                assert holding.price is not None and holding.amount is not None
                assert holding.value == Decimal(holding.amount).scaleb(-holding.decimals) * holding.price
            expected = sum((h.value for h in holdings if h.value is not None), Decimal(0))
            held = accounts.portfolio_of(row)
            assert held is not None and held.total_usd == expected
            assert accounts.index(row, AccountsModel.VALUE).data() == "≈ " + format_usd(expected)
            # The holdings sorted by value, largest first.
            values = [h.value for h in holdings]
            assert values == sorted(values, reverse=True)  # type: ignore[type-var]
            totals.append(expected)
        assert totals[0] > 40_000 > totals[1] > 0  # the faucet gave about $10,000 of each token
        dusd = next(h for h in page.holdings_model.holdings() if h.symbol == "DUSD")
        assert dusd.price == 1
        wallet_total = sum(totals, Decimal(0))
        assert page.portfolio is not None and page.portfolio.total_usd == wallet_total
        assert page.wallet_total.text() == f"Wallet total ≈ {format_usd(wallet_total)} on {chain.name}"
        assert f"{page.sheet.block_number:,}" in page.balance_status.text()  # type: ignore[union-attr]
    finally:
        page.context.shutdown()


def test_zero_balances_are_folded_and_the_coin_is_always_shown(qtbot: QtBot, funded: tuple[Chain, str, str]) -> None:
    chain, rich, poor = funded
    empty = EthAccount.create().address  # nothing at all, not even coin
    page = page_on(qtbot, chain, [chain], [rich, poor, empty])
    try:
        model, toggle = page.holdings_model, page.zero_toggle
        page.table.selectRow(0)  # every token held: nothing to fold
        assert model.rowCount() == 1 + len(chain.tokens) and not toggle.isVisible()

        page.table.selectRow(1)  # coin only
        assert [model.index(r, HoldingsModel.ASSET).data() for r in range(model.rowCount())] == [chain.native.symbol]
        assert toggle.isVisible() and toggle.text() == f"Show {len(chain.tokens)} zero balances"
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        shown = [model.index(r, c).data() for r in range(model.rowCount()) for c in (0, 1)]
        assert model.rowCount() == 1 + len(chain.tokens)
        assert sorted(shown[0::2]) == sorted([chain.native.symbol, *(t.symbol for t in chain.tokens)])
        assert shown[1] == "2" and set(shown[3::2]) == {"0"}  # the coin first (largest value), then the zeros
        assert toggle.text() == "Hide zero balances"
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert model.rowCount() == 1

        page.table.selectRow(2)  # the coin stays even at zero; the folded count never includes it
        assert [model.index(r, c).data() for r in range(model.rowCount()) for c in (0, 1)] == [chain.native.symbol, "0"]
        assert toggle.text() == f"Show {len(chain.tokens)} zero balances"
        assert page.accounts_model.index(2, AccountsModel.VALUE).data() == "≈ $0.00"
    finally:
        page.context.shutdown()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_network_switch_mid_refresh_shows_nothing_of_the_old_chain(window_on_chains, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                                      funded: tuple[Chain, str, str],
                                                                      chain_state: Devnet, language: str) -> None:
    first, second = chain_state.chains[0], chain_state.chains[1]
    _, rich, _ = funded  # funded on the first chain only: the second holds just anvil's nothing
    with delaying_proxy(first.rpc_urls[0]) as proxy:
        proxied = dataclasses.replace(first, rpc_urls=(proxy.url,))
        window: MainWindow = window_on_chains(first.key, [proxied, second], language)
        page = window.accounts_page
        window.context.accounts.add("Funded", AccountKind.WATCH, rich)
        page.refresh_if_changed()
        qtbot.waitUntil(lambda: page.portfolio is not None and page.balances_loading is None, timeout=20000)
        first_total = page.accounts_model.index(0, AccountsModel.VALUE).data()
        first_wallet = page.wallet_total.text()
        assert "$" in first_total and first_total.removeprefix("≈ ") in first_wallet

        proxy.armed = True
        page.refresh_balances()
        assert proxy.held.wait(15)  # the first chain's snapshot is at the proxy, unanswered
        updating = page.balance_status.text()
        assert page.accounts_model.index(0, AccountsModel.VALUE).data() == first_total  # kept while updating

        window.choose_network(second.key)
        # At once: nothing of the first chain: no totals, no holdings, no "updating", the new chain named.
        assert page.accounts_model.index(0, AccountsModel.VALUE).data() == "…"
        assert page.holdings_model.rowCount() == 0
        assert "$" not in page.wallet_total.text() and "…" in page.wallet_total.text()
        assert second.display_name(window.language) in page.wallet_total.text()
        assert page.balance_status.text() != updating
        qtbot.waitUntil(lambda: page.portfolio is not None and page.balances_loading is None, timeout=20000)
        second_total = page.accounts_model.index(0, AccountsModel.VALUE).data()
        second_wallet = page.wallet_total.text()
        assert second_total == "≈ $0.00" != first_total

        window.monitor.stop()
        proxy.release.set()  # the first chain's answer arrives now, late
        assert proxy.answered_after_release.wait(15)
        qtbot.waitUntil(lambda: not window.context.tasks.busy, timeout=15000)
        QApplication.processEvents()
        assert page.accounts_model.index(0, AccountsModel.VALUE).data() == second_total
        assert page.wallet_total.text() == second_wallet
        assert page.sheet_chain == second


# --- without a chain: the models and the valuing ----------------------------------------------
def synthetic(accounts: int, tokens: int) -> tuple[Chain, list[str], list[TokenInfo], BalanceSheet]:
    """A sheet as a refresh would bring it: N accounts × M tokens, every other token unpriced."""
    from wallet.chains.registry import load_registry

    chain = load_registry().get("ethereum")
    owners = [f"0x{index + 1:040x}" for index in range(accounts)]
    infos = [TokenInfo(f"0x{0xA0000 + index:040x}", f"T{index}", f"Token {index}", 6 + index % 13)
             for index in range(tokens)]
    native = {owner: (index % 3) * 10**18 for index, owner in enumerate(owners)}
    balances = {(owner, token.address): (index * j) % 5 * 10**token.decimals
                for index, owner in enumerate(owners) for j, token in enumerate(infos)}
    prices = {NATIVE: Decimal(2000), **{t.address: Decimal(j + 1) / 7 for j, t in enumerate(infos) if j % 2}}
    failed = {(owners[0], infos[0].address)}
    balances.pop((owners[0], infos[0].address))
    return chain, owners, infos, BalanceSheet(chain.key, 123, native, balances, failed, prices)


def test_valuing_counts_what_is_priced_and_never_takes_an_unknown_balance_for_zero() -> None:
    chain, owners, tokens, sheet = synthetic(3, 6)
    portfolio = build_portfolio(sheet, chain, owners, tokens)
    first = portfolio.accounts[owners[0]]
    unknown = next(h for h in first.holdings if h.address == tokens[0].address)
    assert unknown.amount is None and unknown.value is None and not unknown.is_zero and first.unknown == 1
    for held in portfolio.accounts.values():
        assert held.total_usd == sum((h.value for h in held.holdings if h.value is not None), Decimal(0))
    assert portfolio.total_usd == sum((a.total_usd for a in portfolio.accounts.values() if a.total_usd), Decimal(0))
    assert portfolio.accounts[owners[0]].total_usd == 0  # no coin, and its tokens are zero, unpriced or unknown
    no_prices = build_portfolio(dataclasses.replace(sheet, usd_prices={}), chain, owners, tokens)
    assert no_prices.total_usd is None and all(a.total_usd is None for a in no_prices.accounts.values())


def test_holdings_sort_by_any_column_with_the_unknown_last() -> None:
    chain, owners, tokens, sheet = synthetic(3, 6)
    model = HoldingsModel()
    model.set_holdings(build_portfolio(sheet, chain, owners, tokens).accounts[owners[2]].holdings)
    model.set_show_zero(True)
    for column in range(4):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            rows = model.holdings()
            key = {0: lambda h: h.symbol.casefold(), 2: lambda h: h.price,
                   1: lambda h: None if h.amount is None else Decimal(h.amount).scaleb(-h.decimals),
                   3: lambda h: h.value}[column]
            known = [key(h) for h in rows if key(h) is not None]
            assert known == sorted(known, reverse=order == Qt.SortOrder.DescendingOrder)
            assert all(key(h) is None for h in rows[len(known):])  # unpriced (or unknown) after the rest


def test_prices_and_values_read_well() -> None:
    assert format_usd(Decimal("12345.678")) == "$12,345.68" and format_usd(Decimal("0.001")) == "< $0.01"
    assert format_usd(Decimal(0)) == "$0.00"
    assert format_price(Decimal("59820.1")) == "$59,820.10" and format_price(Decimal("0.000123456")) == "$0.0001235"
    assert format_price(Decimal("0.5")) == "$0.5000"


def test_ten_accounts_of_two_hundred_tokens_fill_two_models(qtbot: QtBot) -> None:
    """The bench's shape: the page takes a snapshot of 10 × 200 in one model reset per table."""
    chain, owners, tokens, sheet = synthetic(10, 200)
    context = AppContext.create(Settings(network=chain.key))
    try:
        for index, owner in enumerate(owners):
            context.accounts.add(f"Bench {index}", AccountKind.WATCH, owner)
        page = AccountsPage(context)
        qtbot.addWidget(page)
        page.show()
        page.apply_balances(chain, sheet, tokens, build_portfolio(sheet, chain, owners, tokens))
        assert page.accounts_model.rowCount() == 10
        page.table.selectRow(3)
        holdings = page.portfolio.accounts[owners[3]].holdings  # type: ignore[union-attr]
        folded = sum(1 for h in holdings if h.is_zero and not h.is_coin)
        assert page.holdings_model.rowCount() == 201 - folded
        assert page.zero_toggle.text() == f"Show {folded} zero balances"
        page.zero_toggle.setChecked(True)
        assert page.holdings_model.rowCount() == 201
        assert page.balances_table.indexWidget(page.holdings_model.index(0, 0)) is None  # no widget per cell
    finally:
        context.shutdown()
