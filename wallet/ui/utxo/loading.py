"""Loading the Bitcoin & Litecoin accounts with their balances, as the page and the Accounts page's
summary both show them (blocking: run it in a task)."""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from wallet.errors import WalletError
from wallet.services.utxo_wallet import AccountState, UtxoAccount, UtxoWalletService
from wallet.ui.context import AppContext
from wallet.utxo.registry import UtxoChain


@dataclass(frozen=True)
class Loaded:
    accounts: list[UtxoAccount]
    states: dict[int, AccountState]
    errors: list[tuple[UtxoAccount, WalletError]]
    hidden: list[UtxoChain]  # chains of stored accounts with no Electrum server now (their accounts are not listed)


def load_accounts(context: AppContext, service: UtxoWalletService) -> Loaded:
    """The recovery phrase's accounts added where missing (when the wallet is unlocked), then every
    account synced: each network at the same time as the others, so that one slow or unreachable
    server (its deadline is seconds) does not hold the rest back; within a network one account after
    another. One account's server trouble does not hide the others: it is listed in ``errors``."""
    if context.has_hot_wallet() and context.hot_wallet().is_unlocked:
        from wallet.services.hot_wallet import NoRecoveryPhraseError

        with contextlib.suppress(NoRecoveryPhraseError):  # imported keys only: no phrase to derive from
            service.add_hot_accounts()
    accounts = service.accounts()
    states: dict[int, AccountState] = {}
    errors: list[tuple[UtxoAccount, WalletError]] = []

    def sync_chain(chain_accounts: list[UtxoAccount]) -> None:
        for account in chain_accounts:
            try:
                states[account.id] = service.sync(account)
            except WalletError as error:
                errors.append((account, error))

    by_chain: dict[str, list[UtxoAccount]] = {}
    for account in accounts:
        by_chain.setdefault(account.chain.key, []).append(account)
    with ThreadPoolExecutor(max_workers=max(len(by_chain), 1), thread_name_prefix="utxo-sync") as pool:
        list(pool.map(sync_chain, by_chain.values()))
    errors.sort(key=lambda failed: accounts.index(failed[0]))
    return Loaded(accounts, states, errors, service.chains_without_server())
