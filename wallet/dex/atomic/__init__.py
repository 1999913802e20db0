"""Cross-chain atomic swaps through a hash time-locked contract (``resources/contracts/AtomicSwapHTLC.sol``).

``htlc_terms`` (what a lock is and its id), ``htlc_calls`` (calldata and revert reasons),
``htlc_events`` (the logs a watcher reads) and ``htlc_deployment`` (one address on every chain,
deployed through the CREATE2 deployer and verified before use). No Qt and no keys: transactions are
signed through a ``Signer``.
"""
