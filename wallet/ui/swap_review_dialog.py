"""The swap review: what the calldata that will be signed does, decoded (router, function, pools,
amounts, minimum, deadline, recipient), never what the form asked for; the warnings; the typed
confirmation when the price impact reaches 10 %; and, for a Ledger, why it will say "Blind signing"."""

from __future__ import annotations

import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from wallet.chains.address import to_checksum_address
from wallet.chains.amounts import format_units
from wallet.dex.amm.swap_policy import CONFIRMATION_WORD
from wallet.ui.dialogs import keep_opening_size_as_minimum
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

if TYPE_CHECKING:
    from wallet.dex.amm.swap_review import SwapReview
    from wallet.services.swap import SwapPlan, SwapToken


def fee_tier_text(fee: int) -> str:
    """3000 → "0.3 %" (the fee unit is a hundredth of a basis point)."""
    return f"{fee / 10_000:g} %"


class SwapReviewDialog(QDialog):
    def __init__(self, plan: SwapPlan, ledger: bool, parent: QWidget | None = None, language: str = "en") -> None:
        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self.language = language  # of the chain's name
        self.plan = plan
        self.ledger = ledger
        self.setObjectName("swapReviewDialog")
        self.details = QLabel(self)
        self.details.setObjectName("swapReviewDetails")
        self.details.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("swapReviewWarnings")
        self.warnings.setWordWrap(True)
        set_tone(self.warnings, Tone.ERROR)
        self.device_note = QLabel(self)
        self.device_note.setWordWrap(True)
        self.confirm_label = QLabel(self)
        self.confirm_label.setWordWrap(True)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("typedConfirmationEdit")
        self.confirm_edit.textChanged.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.details, self.warnings, self.device_note, self.confirm_label, self.confirm_edit,
                       self.buttons):
            layout.addWidget(widget)
        self.confirm_label.setVisible(plan.needs_typed_confirmation)
        self.confirm_edit.setVisible(plan.needs_typed_confirmation)
        self.device_note.setVisible(ledger)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    @property
    def typed_confirmation(self) -> str:
        return self.confirm_edit.text()

    def _update(self) -> None:
        ok = not self.plan.needs_typed_confirmation or self.confirm_edit.text().strip().lower() == CONFIRMATION_WORD
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def rows(self) -> list[tuple[str, str]]:
        plan, review = self.plan, self.plan.review
        request = plan.request
        chain = request.chain
        token_in, token_out = request.token_in, request.token_out
        rows = [(self.tr("Network"), f"{escape(chain.display_name(self.language))} ({chain.chain_id})"),
                (self.tr("Router"), f"{to_checksum_address(review.router)} ({review.router_kind.value})"),
                (self.tr("Function"), escape(review.function))]
        symbols = _symbols(plan, review)
        for leg in review.legs:
            hops = "".join(f" →({fee_tier_text(fee)})→ {symbols.get(token, token)}"
                           for fee, token in zip(leg.fees, leg.tokens[1:], strict=True))
            rows.append((self.tr("Route"), f"{leg.protocol.upper()} {symbols.get(leg.tokens[0], leg.tokens[0])}{hops}"))
        if request.exact_output:
            rows += [(self.tr("You receive"), _amount(request.amount, token_out)),
                     (self.tr("You pay at most"), _amount(plan.limit, token_in))]
        else:
            rows += [(self.tr("You pay"), _amount(plan.quoted.amount_in, token_in)),
                     (self.tr("You receive at least"), _amount(plan.limit, token_out)),
                     (self.tr("Quoted"), _amount(plan.quoted.amount_out, token_out))]
        if review.value:
            rows.append((self.tr("Coin sent with it"), f"{format_units(review.value, chain.native.decimals)} "
                                                      f"{escape(chain.native.symbol)}"))
        if review.deadline is not None:
            local = datetime.datetime.fromtimestamp(review.deadline).astimezone()
            rows.append((self.tr("Deadline"), local.strftime("%Y-%m-%d %H:%M:%S %Z")))
        recipients = review.recipients or (request.owner.lower(),)
        rows.append((self.tr("Recipient"), ", ".join(
            to_checksum_address(r) + (self.tr(" (your account)") if r == request.owner.lower() else "")
            for r in recipients if r != review.router)))
        rows.append((self.tr("Price impact"), f"{plan.quoted.price_impact_bps / 100:.2f} %"))
        rows.append((self.tr("Network fee (at most)"), f"{format_units(plan.max_fee_cost, chain.native.decimals, 8)} "
                                                       f"{escape(chain.native.symbol)}"))
        if plan.approvals:
            rows.append((self.tr("Before the swap"), self.tr(
                "{count} approval transaction(s), each confirmed before the swap is signed").format(
                count=len(plan.approvals))))
            rows.append((self.tr("Approval"), self.tr(
                "unlimited — the router can spend all your {symbol}, now and later").format(
                symbol=escape(token_in.symbol)) if plan.unlimited_approval else
                self.tr("exact amount ({amount})").format(amount=_amount(review.amount_in_max, token_in))))
        return rows

    def warning_texts(self) -> list[str]:
        request = self.plan.request
        texts = {
            "price_impact": self.tr("This trade moves the price by {percent} %.").format(
                percent=f"{self.plan.quoted.price_impact_bps / 100:.2f}"),
            "price_impact_confirm": self.tr("This trade moves the price by {percent} %: you would get much less than "
                                            "the market price.").format(
                percent=f"{self.plan.quoted.price_impact_bps / 100:.2f}"),
            "untrusted_token": self.tr("{symbols} is not a token this wallet knows: anyone can create a token with "
                                       "any name. Check its address.").format(symbols=", ".join(
                escape(t.symbol) for t in (request.token_in, request.token_out) if t.address and not t.trusted)),
            "lookalike_token": self.tr("Its symbol imitates a well-known token: this is how fake tokens are sold."),
            "high_slippage": self.tr("Your slippage tolerance is above 5 %: the swap may be executed at a much worse "
                                     "price than quoted."),
        }
        return [texts[w.value] for w in self.plan.warnings]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review the swap"))
        self.details.setText("<table>" + "".join(
            f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in self.rows())
            + "</table>")
        self.warnings.setText("<br>".join("⚠ " + text for text in self.warning_texts()))
        self.device_note.setText(self.tr(
            "Your Ledger will show “Blind signing”: its Ethereum app cannot decode a Uniswap router call (or an "
            "approval of a token Ledger publishes no description for), so check everything here. Blind signing "
            "must be on in the Ethereum app's settings, or the device refuses."))
        self.confirm_label.setText(self.tr("Type “{word}” to accept this price impact.").format(
            word=CONFIRMATION_WORD))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm swap"))
        self._update()


def _amount(raw: int, token: SwapToken) -> str:
    return f"{format_units(raw, token.decimals)} {escape(token.symbol)}"


def _symbols(plan: SwapPlan, review: SwapReview) -> dict[str, str]:
    """Addresses on the decoded path, named where they are the registry's tokens, the form's, or the
    wrapped coin; any other address stays an address."""
    from wallet.services.swap import trusted_tokens

    request = plan.request
    named = {t.address.lower(): escape(t.symbol) for t in trusted_tokens(request.chain)}
    named |= {t.address.lower(): escape(t.symbol) for t in (request.token_in, request.token_out) if t.address}
    if review.weth:
        named.setdefault(review.weth, "W" + escape(request.chain.native.symbol))
    return named
