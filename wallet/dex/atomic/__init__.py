"""Cross-chain atomic swaps through a hash time-locked contract (``resources/contracts/AtomicSwapHTLC.sol``).

The contract: ``htlc_terms`` (what a lock is and its id), ``htlc_calls`` (calldata and revert
reasons), ``htlc_events`` (the logs a watcher reads), ``htlc_deployment`` (one address on every chain,
deployed through the CREATE2 deployer and verified before use). The swap: ``swap_offer`` (EIP-712
signed offers and acceptances as compact strings), ``swap_protocol`` (the rules and their defaults,
pure), ``swap_state`` (state rebuilt from the saved events), ``swap_watch`` (reading both chains: locks,
claims, refunds, the secret), ``swap_secret`` (the secret sealed at rest), ``swap_engine`` (one crash-safe
step at a time) and ``__main__`` (the headless command line). No Qt and no keys: transactions are
signed through a ``Signer``.
"""
