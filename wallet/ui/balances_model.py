"""Qt models of the Accounts page's portfolio: the accounts with their USD totals, and one account's holdings.

Model/view rather than a widget per cell: a refresh resets a model in one go and the view asks only
for the cells it paints, so 10 accounts × 200 tokens cost the GUI thread what the visible rows cost.
Numbers are formatted when a cell is painted; everything heavier (valuing, sorting by value) happened
in the refresh's task (``wallet.services.balances.build_portfolio``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontDatabase

from wallet.accounts.model import Account, AccountKind
from wallet.chains.amounts import format_units

if TYPE_CHECKING:  # the balance stack (eth_abi) loads with the first refresh, in its task
    from wallet.services.balances import AccountPortfolio, Holding, Portfolio

AMOUNT_FRACTION_DIGITS = 6
LOADING = "…"
NO_VALUE = "—"
UNKNOWN = "?"
VERIFIED_MARK = " ✓"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ModelIndex = QModelIndex | QPersistentModelIndex


def format_usd(value: Decimal) -> str:
    """≈ $1,234.57; a value under a cent but not zero is "< $0.01", not "$0.00"."""
    if 0 < value < Decimal("0.01"):
        return "< $0.01"
    return f"${value:,.2f}"


def format_price(price: Decimal) -> str:
    """Two decimals from a dollar up; below, four significant digits (a token worth $0.0001234)."""
    if price >= 1 or price == 0:
        return f"${price:,.2f}"
    digits = min(12, 3 - price.adjusted())
    return f"${price:.{digits}f}"


def kind_label(kind: AccountKind) -> str:
    return {
        AccountKind.HOT_HD: QCoreApplication.translate("AccountsPage", "Recovery phrase"),
        AccountKind.HOT_KEY: QCoreApplication.translate("AccountsPage", "Imported key"),
        AccountKind.HARDWARE: QCoreApplication.translate("AccountsPage", "Hardware wallet"),
        AccountKind.AIRGAPPED: QCoreApplication.translate("AccountsPage", "Offline signer"),
        AccountKind.WATCH: QCoreApplication.translate("AccountsPage", "Watch only"),
    }[kind]


class AccountsModel(QAbstractTableModel):
    """The wallet's accounts, each with its USD total on the selected chain ("…" while the first
    answer is out, "—" where no price is known)."""

    NAME, ADDRESS, KEYS, VALUE = range(4)

    def __init__(self, label: Callable[[Account], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._accounts: list[Account] = []
        self._portfolio: Portfolio | None = None
        self._loading = False
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    # --- what the page sets -----------------------------------------------------------------
    def set_accounts(self, accounts: Sequence[Account]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self.endResetModel()

    def set_portfolio(self, portfolio: Portfolio | None, loading: bool) -> None:
        """The totals changed: only the value column is repainted (the selection stays)."""
        self._portfolio, self._loading = portfolio, loading
        if self._accounts:
            self.dataChanged.emit(self.index(0, self.VALUE), self.index(len(self._accounts) - 1, self.VALUE))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.VALUE)
        if self._accounts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._accounts) - 1, self.VALUE))

    # --- what the page reads ----------------------------------------------------------------
    def account_at(self, row: int) -> Account:
        return self._accounts[row]

    def row_of(self, account_id: int) -> int | None:
        return next((row for row, account in enumerate(self._accounts) if account.id == account_id), None)

    def account_ids(self) -> list[int]:
        return [account.id for account in self._accounts]

    def portfolio_of(self, row: int) -> AccountPortfolio | None:
        portfolio = self._portfolio
        return None if portfolio is None else portfolio.accounts.get(self._accounts[row].address)

    def value_text(self, row: int) -> str:
        account_portfolio = self.portfolio_of(row)
        if account_portfolio is None:
            return LOADING if self._loading else NO_VALUE
        if account_portfolio.total_usd is None:
            return NO_VALUE
        return "≈ " + format_usd(account_portfolio.total_usd)

    # --- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        account = self._accounts[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return self._label(account)
            if column == self.ADDRESS:
                return account.address
            if column == self.KEYS:
                return kind_label(account.kind)
            return self.value_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ADDRESS:
                return account.address
            if column in (self.NAME, self.KEYS) and account.derivation_path:
                return QCoreApplication.translate("AccountsPage", "Derivation path: {path}").format(
                    path=account.derivation_path)
            if column == self.VALUE:
                account_portfolio = self.portfolio_of(row)
                if account_portfolio is not None and account_portfolio.unknown:
                    return QCoreApplication.translate(
                        "AccountsPage", "{count} balances could not be read and are not counted.").format(
                        count=account_portfolio.unknown)
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.ADDRESS:
            return self._mono
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUE:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("AccountsPage", "Name"),
                QCoreApplication.translate("AccountsPage", "Address"),
                QCoreApplication.translate("AccountsPage", "Keys"),
                QCoreApplication.translate("AccountsPage", "Value (USD)"))[section]


def _sort_key(column: int) -> Callable[[Holding], tuple[bool, Any]]:
    """Sort keys that put holdings without a number last, in either order (see ``HoldingsModel.sort``)."""
    if column == HoldingsModel.ASSET:
        return lambda h: (False, h.symbol.casefold())
    if column == HoldingsModel.AMOUNT:
        return lambda h: (h.amount is None, Decimal(h.amount or 0).scaleb(-h.decimals))
    if column == HoldingsModel.PRICE:
        return lambda h: (h.price is None, h.price or Decimal(0))
    return lambda h: (h.value is None, h.value or Decimal(0))


class HoldingsModel(QAbstractTableModel):
    """One account's coin and tokens: amount, price and USD value. Known zero balances are folded
    unless ``show_zero``; the chain's coin is always shown."""

    ASSET, AMOUNT, PRICE, VALUE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: tuple[Holding, ...] = ()
        self._rows: list[Holding] = []
        self.show_zero = False
        self.coin_verified = False
        self._coin_note = ""
        self._token_note = ""
        self._sort: tuple[int, Qt.SortOrder] = (self.VALUE, Qt.SortOrder.DescendingOrder)

    def set_holdings(self, holdings: Sequence[Holding], coin_verified: bool = False, coin_note: str = "",
                     token_note: str = "") -> None:
        """Everything at once (one reset): ``coin_note``/``token_note`` are the tooltips saying whether
        the coin balance is proven, and that token balances are not."""
        self.beginResetModel()
        self._all = tuple(holdings)
        self.coin_verified, self._coin_note, self._token_note = coin_verified, coin_note, token_note
        self._rows = self._visible()
        self.endResetModel()

    def set_show_zero(self, show: bool) -> None:
        if show != self.show_zero:
            self.beginResetModel()
            self.show_zero = show
            self._rows = self._visible()
            self.endResetModel()

    @property
    def zero_count(self) -> int:
        """How many known zero balances are folded (or would be): the coin is never among them."""
        return sum(1 for h in self._all if h.is_zero and not h.is_coin)

    def holding_at(self, row: int) -> Holding:
        return self._rows[row]

    def holdings(self) -> list[Holding]:
        """The rows as shown, in order."""
        return list(self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.VALUE)

    def _visible(self) -> list[Holding]:
        rows = [h for h in self._all if self.show_zero or h.is_coin or not h.is_zero]
        column, order = self._sort
        key = _sort_key(column)
        descending = order == Qt.SortOrder.DescendingOrder
        known = sorted((h for h in rows if not key(h)[0]), key=key, reverse=descending)
        return known + sorted((h for h in rows if key(h)[0]), key=lambda h: h.symbol.casefold())

    # --- QAbstractTableModel ----------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rows = self._visible()
        self.layoutChanged.emit()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        holding, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ASSET:
                return holding.symbol
            if column == self.AMOUNT:
                if holding.amount is None:
                    return UNKNOWN
                text = format_units(holding.amount, holding.decimals, AMOUNT_FRACTION_DIGITS)
                return text + VERIFIED_MARK if holding.is_coin and self.coin_verified else text
            if column == self.PRICE:
                return NO_VALUE if holding.price is None else format_price(holding.price)
            return NO_VALUE if holding.value is None else "≈ " + format_usd(holding.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ASSET:
                return holding.name if holding.is_coin else f"{holding.name}\n{holding.address}"
            if column == self.AMOUNT:
                return self._coin_note if holding.is_coin else self._token_note
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.ASSET:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("AccountsPage", "Asset"),
                QCoreApplication.translate("AccountsPage", "Amount"),
                QCoreApplication.translate("AccountsPage", "Price (USD)"),
                QCoreApplication.translate("AccountsPage", "Value (USD)"))[section]
