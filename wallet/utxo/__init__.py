"""Bitcoin-family (UTXO) chains: Bitcoin and Litecoin over the Electrum protocol.

``networks`` holds each network's consensus constants, ``headers`` checks block headers (links and
proof of work), ``merkle`` checks that a transaction is in a block, ``transactions`` parses raw
transactions far enough to hash them and read their outputs, ``electrum_client`` talks to Electrum
servers as hostile peers, and ``verified`` believes only what the headers and proofs show.
``account`` derives BIP-84 addresses, ``sync`` finds and proves an account's coins and history, and
``spend`` builds, signs (PSBT) and sends.
"""
